/**
 * The report's distribution of CLV (docs/output.md §3): quantile bins with rounded edges, so no
 * bar holds most of the customers however skewed the values are (equal-width bins put 92 % of the
 * CDNOW sample in the first one). Pure, O(n log n).
 */
import type { Locale } from "../strings";

export interface Bin {
  /** "3.6–3.8": the bin's edges as the report shows them. */
  label: string;
  /** Lower edge (included) and upper edge (excluded, but for the last bin). */
  from: number;
  to: number;
  count: number;
}

/** `v` rounded to two significant digits, down or up (0 stays 0). */
export function roundTo2(v: number, dir: "down" | "up"): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
  const r = dir === "down" ? Math.floor(v / p) * p : Math.ceil(v / p) * p;
  return Number(r.toPrecision(2));
}

/**
 * Bins at the `bins` quantiles of the values, each edge rounded to two significant digits (the
 * lowest down, the others up), equal edges merged: each bin holds about 1 / `bins` of the
 * customers unless many share one value. One bin when every value is the same; none for no values.
 * A lowest value under a hundredth of the next edge (a CLV of 5e-12) starts the first bin at 0.
 */
export function quantileBins(values: ArrayLike<number>, bins = 8, locale: Locale = "en-US"): Bin[] {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  if (n === 0) return [];
  const lo = sorted[0], hi = sorted[n - 1];
  if (lo === hi) return [{ label: fmt(lo, locale), from: lo, to: hi, count: n }];
  const edges = [roundTo2(lo, "down")];
  for (let k = 1; k < bins; k++) {
    const e = roundTo2(sorted[Math.floor((k * n) / bins)], "up");
    if (e > edges[edges.length - 1] && e < hi) edges.push(e);
  }
  edges.push(roundTo2(hi, "up"));
  if (edges[0] > 0 && lo >= 0 && edges[0] < edges[1] / 100) edges[0] = 0;
  const counts = new Array<number>(edges.length - 1).fill(0);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    while (k < counts.length - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  return counts.map((count, i) => ({ label: `${fmt(edges[i], locale)}–${fmt(edges[i + 1], locale)}`, from: edges[i], to: edges[i + 1], count }));
}

/**
 * The finite values in ascending order, sorted as numbers in a typed array (no comparison
 * function called per pair: 350,000 values in about a tenth of the time). A typed array puts −0
 * before 0, where the comparison a − b keeps them as they came: with a −0 among the values the
 * comparison sort is used, so the bins are the same either way.
 */
function sortedFinite(values: ArrayLike<number>): ArrayLike<number> {
  const out = new Float64Array(values.length);
  let m = 0;
  let negativeZero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v === 0 && 1 / v < 0) negativeZero = true;
    out[m++] = v;
  }
  if (negativeZero) return Array.from(out.subarray(0, m)).sort((a, b) => a - b);
  return out.subarray(0, m).sort();
}

function fmt(v: number, locale: Locale): string {
  return v.toLocaleString(locale, { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 1 : 2 });
}
