/**
 * The Pareto check [二八法则] (docs/pyramid.md §8–§9): the share of total value held by the top 20 % of
 * customers, the Lorenz curve (cumulative share of customers, lowest value first, against the
 * cumulative share of value) and its Gini coefficient.
 *
 * Concentration is a share of a total, defined for values of 0 or more: the exported functions
 * refuse a negative value (a loss-making customer has no share of the total value), and
 * {@link concentration} with `negatives: "zero"` — what `analyze` uses, and counts in its report —
 * takes it as 0. When the total is 0 every customer holds an equal share: the Lorenz curve is the
 * diagonal, the Gini 0 and the top-20 % share 0.2. Values whose sum would pass the largest double
 * (1.8e308), or pass 1.8e308 / 2n where the Gini sums them, are divided by the largest value
 * first: shares do not depend on the scale, so {1e308, 1e308, 1} has a Gini of 1/3, not NaN
 * (docs/pyramid.md §8–§9).
 * Shares between customers are interpolated linearly along the Lorenz curve, so "the top 20 %
 * of 4 customers" is 0.8 of the best customer.
 *
 * Gini = 1 − Σ_k (X_k − X_{k−1})(Y_k + Y_{k−1}) over the Lorenz points (X_k, Y_k) = (k/n, C_k/C_n)
 * (the trapezoid form of Brown's formula; equal to Σ_i Σ_j |v_i − v_j| / (2 n² mean)).
 * Cost: O(n log n) for the sort.
 */
import { CvaError, ErrorCodes } from "../errors";
import { counted } from "../warnings";
import { requireFiniteArray } from "./ranks";

/** Share of customers counted as the top in the Pareto check (docs/pyramid.md §8: 20 %). */
export const DEFAULT_PARETO_TOP = 0.2;
/** Number of evenly spaced Lorenz points returned by default (0 %, 1 %, …, 100 %). */
export const DEFAULT_LORENZ_POINTS = 101;

export interface LorenzPoint {
  /** Cumulative share of customers, lowest value first. */
  customers: number;
  /** Cumulative share of value. */
  value: number;
}

interface Cumulative {
  n: number;
  sorted: Float64Array;
  cum: Float64Array; // cum[k] = sum of the k smallest
  total: number;
}

/** What to do with a negative value: refuse it (the functions) or count it as 0 (`analyze`, which reports it). */
export type NegativeValues = "error" | "zero";

function cumulative(values: ArrayLike<number>, negatives: NegativeValues = "error"): Cumulative {
  requireFiniteArray(values, "values");
  const n = values.length;
  const sorted = new Float64Array(n);
  let negative = 0;
  let firstNegative = 0;
  let max = 0;
  // Stryker disable next-line EqualityOperator: i <= n adds a pass at i = n whose Float64Array write is out of range, a no-op
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < 0 && negative++ === 0) firstNegative = v;
    // Stryker disable next-line EqualityOperator: v >= 0 gives 0 ? 0 : 0 for v = 0, the same
    sorted[i] = v > 0 ? v : 0;
    // Stryker disable next-line EqualityOperator: v >= max replaces max by an equal value
    if (v > max) max = v;
  }
  if (negative > 0 && negatives === "error") {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "values.negative", { arg: "values", negatives: counted(negative, "negative value", "negative values", "个负值"), got: firstNegative }, { argument: "values" });
  }
  sorted.sort();
  const cum = new Float64Array(n + 1);
  // Stryker disable next-line EqualityOperator: i <= n adds a pass at i = n whose Float64Array write is out of range, a no-op
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + sorted[i];
  if (cum[n] * (2 * n) === Infinity) {
    // Past 1.8e308 / 2n (the Gini's trapezoid sum reaches 2n × the total, so {8e307, 0, 8e307},
    // whose total is finite, gave NaN): shares are scale-free, so sum the values divided by the largest.
    // Stryker disable next-line EqualityOperator: i <= n adds a pass at i = n whose Float64Array write is out of range, a no-op
    for (let i = 0; i < n; i++) sorted[i] /= max;
    // Stryker disable next-line EqualityOperator: i <= n adds a pass at i = n whose Float64Array write is out of range, a no-op
    for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + sorted[i];
  }
  return { n, sorted, cum, total: cum[n] };
}

/** L(p): share of value held by the lowest p of customers (linear between customers). */
function lorenzAt(c: Cumulative, p: number): number {
  // Stryker disable next-line ConditionalExpression: with no values the total is 0, and the next line returns p too
  if (c.n === 0) return p;
  if (c.total <= 0) return p;
  const x = p * c.n;
  const k = Math.min(c.n, Math.max(0, Math.floor(x)));
  const frac = k < c.n ? (x - k) * c.sorted[k] : 0;
  return Math.min(1, (c.cum[k] + frac) / c.total);
}

/**
 * Share of total value held by the top `top` share of customers. O(n log n).
 * @throws CvaError OUT_OF_RANGE for a negative value, INVALID_NUMBER for a non-finite one.
 * @example paretoShare([1, 2, 3, 4]) // 0.32: the top 0.8 customer holds 0.8 × 4 of 10
 */
export function paretoShare(values: ArrayLike<number>, top = DEFAULT_PARETO_TOP): number {
  const c = cumulative(values);
  return 1 - lorenzAt(c, 1 - top);
}

/**
 * Lorenz curve at `points` evenly spaced customer shares from 0 to 1 (default 101).
 * @example lorenzCurve([1, 2, 3, 4], 5) // customers 0, .25, .5, .75, 1 → value 0, .1, .3, .6, 1
 */
export function lorenzCurve(values: ArrayLike<number>, points = DEFAULT_LORENZ_POINTS): LorenzPoint[] {
  return lorenzFrom(cumulative(values), points);
}

export interface Concentration {
  /** Share of value held by the top `top` of customers. */
  topShare: number;
  lorenz: LorenzPoint[];
  gini: number;
}

/**
 * The three measures with one sort: {@link paretoShare}, {@link lorenzCurve} and {@link gini}.
 * `negatives`: "error" (default) refuses a negative value, "zero" counts it as 0. O(n log n).
 */
export function concentration(values: ArrayLike<number>, top = DEFAULT_PARETO_TOP, points = DEFAULT_LORENZ_POINTS, negatives: NegativeValues = "error"): Concentration {
  const c = cumulative(values, negatives);
  return { topShare: 1 - lorenzAt(c, 1 - top), lorenz: lorenzFrom(c, points), gini: giniFrom(c) };
}

function lorenzFrom(c: Cumulative, points: number): LorenzPoint[] {
  const m = Math.max(2, Math.floor(points));
  const out: LorenzPoint[] = [];
  for (let i = 0; i < m; i++) {
    const p = i / (m - 1);
    out.push({ customers: p, value: lorenzAt(c, p) });
  }
  return out;
}

function giniFrom(c: Cumulative): number {
  // Stryker disable next-line ConditionalExpression: with no values the total is 0, which the second test catches
  if (c.n === 0 || c.total <= 0) return 0;
  let s = 0;
  for (let k = 1; k <= c.n; k++) s += c.cum[k] + c.cum[k - 1];
  return Math.max(0, 1 - s / (c.n * c.total));
}

/**
 * Gini coefficient of the values (all ≥ 0), in [0, 1 − 1/n]. O(n log n).
 * @throws CvaError OUT_OF_RANGE for a negative value.
 * @example gini([1, 2, 3, 4]) // 0.25
 */
export function gini(values: ArrayLike<number>): number {
  return giniFrom(cumulative(values));
}

/** A number for a message: up to 6 significant digits, no exponent below 1e21. @example formatNumber(1234.5678) // "1234.57" */
export function formatNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}
