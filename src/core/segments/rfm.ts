/**
 * RFM (docs/rfm.md §2–§4): recency, frequency and monetary scores 1–5 by quintile (5 = most recent,
 * most frequent, highest spend), the three-digit cell ("R F M", e.g. "545") and a named segment
 * from R and F.
 *
 * Score rule (deterministic, independent of row order): for a customer whose value is strictly
 * better than that of b of the n customers, score = min(bins, ⌊bins · b / n⌋ + 1) — the quantile
 * bin of its minimum rank (pandas `rank(method="min")`). Equal values always share a score, and a
 * tie group takes the score of its lowest-placed member, so a mass of one-time buyers all get
 * F = 1 rather than being split across bins arbitrarily. With distinct values 1..10 the scores
 * are 1,1,2,2,3,3,4,4,5,5.
 *
 * Inputs: recency = time since the last purchase (T − t_x; smaller is better), frequency =
 * purchase days (x + 1), monetary = total spend (revenue) by default, or the mean spend per
 * purchase day with `monetary: "average"` — "highest spend" in the classic RFM of Hughes (1994).
 *
 * The segment map (every R × F cell in exactly one segment) is the table of docs/rfm.md §4:
 *
 *   F→   1              2              3               4             5
 *   R5   new            pot. loyalist  pot. loyalist   champions     champions
 *   R4   promising      pot. loyalist  pot. loyalist   loyal         loyal
 *   R3   about to sleep about to sleep need attention  loyal         loyal
 *   R2   hibernating    hibernating    at risk         at risk       cannot lose
 *   R1   lost           hibernating    at risk         at risk       cannot lose
 *
 * Cost: O(n log n).
 */
import { CvaError, ErrorCodes } from "../errors";
import { t, type Lang, type MessageKey } from "../i18n/messages";
import { countBelow, countAtMost, requireFiniteArray, sortedAscending } from "./ranks";

export type RfmSegment =
  | "champions"
  | "loyal"
  | "potentialLoyalist"
  | "new"
  | "promising"
  | "needAttention"
  | "aboutToSleep"
  | "atRisk"
  | "cannotLose"
  | "hibernating"
  | "lost";

export const RFM_SEGMENTS: readonly RfmSegment[] = [
  "champions",
  "loyal",
  "potentialLoyalist",
  "new",
  "promising",
  "needAttention",
  "aboutToSleep",
  "atRisk",
  "cannotLose",
  "hibernating",
  "lost",
];

/** Default number of score bins (quintiles, docs/rfm.md §2). */
export const DEFAULT_RFM_BINS = 5;

/**
 * Quantile scores 1..bins by the minimum-rank rule of the module comment.
 * `higherIsBetter` false scores small values highest (recency as time since last purchase).
 * @example rfmScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // [1,1,2,2,3,3,4,4,5,5]
 * @example rfmScores([0, 0, 0, 5, 9]) // [1,1,1,4,5]: b = 0,0,0,3,4 of 5
 */
export function rfmScores(values: ArrayLike<number>, higherIsBetter = true, bins = DEFAULT_RFM_BINS): Uint8Array {
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeBetween", { arg: "bins", min: 2, max: 100, got: bins }, { argument: "bins" });
  }
  requireFiniteArray(values, "values");
  const n = values.length;
  const sorted = sortedAscending(values);
  const out = new Uint8Array(n);
  // Stryker disable next-line EqualityOperator: a typed array drops the write at index n
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const worse = higherIsBetter ? countBelow(sorted, v) : n - countAtMost(sorted, v);
    out[i] = Math.min(bins, Math.floor((bins * worse) / n) + 1);
  }
  return out;
}

/**
 * The named segment of an R and F score (1–5), by the map of the module comment.
 * @throws CvaError OUT_OF_RANGE for a score outside 1–5.
 */
export function rfmSegment(r: number, f: number): RfmSegment {
  if (!Number.isInteger(r) || !Number.isInteger(f) || r < 1 || r > 5 || f < 1 || f > 5) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "rfm.scores", { r, f });
  }
  if (r === 5) return f === 1 ? "new" : f <= 3 ? "potentialLoyalist" : "champions";
  if (r === 4) return f === 1 ? "promising" : f <= 3 ? "potentialLoyalist" : "loyal";
  if (r === 3) return f <= 2 ? "aboutToSleep" : f === 3 ? "needAttention" : "loyal";
  // r is 1 or 2
  if (f === 5) return "cannotLose";
  if (f >= 3) return "atRisk";
  return r === 1 && f === 1 ? "lost" : "hibernating";
}

export function rfmSegmentLabel(segment: RfmSegment, lang: Lang): string {
  return t(lang, `rfm.${segment}` as MessageKey);
}

export interface RfmInput {
  /** Time since the last purchase (any unit); smaller is more recent. */
  recency: ArrayLike<number>;
  /** Purchase count (or repeat count: only the order matters). */
  frequency: ArrayLike<number>;
  /** Spend. */
  monetary: ArrayLike<number>;
}

export interface RfmResult {
  r: number;
  f: number;
  m: number;
  /** The three-digit cell, e.g. "545". */
  cell: string;
  segment: RfmSegment;
}

/** RFM scores by column: the segment as its index in {@link RFM_SEGMENTS} (docs/output.md §9). */
export interface RfmScoreColumns {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  segment: Uint8Array;
}

/** Index in {@link RFM_SEGMENTS} of the segment of R and F scores 1–5, at (r − 1)·5 + f − 1. */
const SEGMENT_INDEX: Uint8Array = (() => {
  const out = new Uint8Array(25);
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) out[(r - 1) * 5 + f - 1] = RFM_SEGMENTS.indexOf(rfmSegment(r, f));
  return out;
})();

/**
 * {@link rfm} by column: no object or string per customer. O(n log n).
 * @throws CvaError INVALID_NUMBER for a non-finite input.
 */
export function rfmColumns(input: RfmInput, bins = DEFAULT_RFM_BINS): RfmScoreColumns {
  const r = rfmScores(input.recency, false, bins);
  const f = rfmScores(input.frequency, true, bins);
  const m = rfmScores(input.monetary, true, bins);
  const segment = new Uint8Array(r.length);
  // Stryker disable next-line ConditionalExpression: a shortcut; at 5 bins the rescaling ⌊5(s − 1)/5⌋ + 1 gives s back
  const five = bins === 5;
  // Stryker disable next-line EqualityOperator: a typed array drops the write at index n
  for (let i = 0; i < r.length; i++) {
    // The segment map is defined on quintiles; with other bin counts scores are rescaled to 1–5.
    const r5 = five ? r[i] : Math.min(5, Math.floor(((r[i] - 1) * 5) / bins) + 1);
    const f5 = five ? f[i] : Math.min(5, Math.floor(((f[i] - 1) * 5) / bins) + 1);
    segment[i] = SEGMENT_INDEX[(r5 - 1) * 5 + f5 - 1];
  }
  return { r, f, m, segment };
}

/** The three-digit cell of RFM scores, e.g. "545"; one string per cell from `cells`, shared by its customers. */
export function rfmCell(r: number, f: number, m: number, bins: number, cells: Map<number, string>): string {
  // Stryker disable next-line ArithmeticOperator: with scores 1 … bins, (r(b+1) − f)(b+1) + m and (r(b+1) + f)(b+1) − m still give every cell its own key (the other operators collide and are killed)
  const key = (r * (bins + 1) + f) * (bins + 1) + m;
  let cell = cells.get(key);
  // Stryker disable next-line ConditionalExpression: a cache; without it each customer gets an equal string of its own
  if (cell === undefined) cells.set(key, (cell = `${r}${f}${m}`));
  return cell;
}

/**
 * RFM scores, cell and segment for every customer. O(n log n).
 * @throws CvaError INVALID_NUMBER for a non-finite input.
 */
export function rfm(input: RfmInput, bins = DEFAULT_RFM_BINS): RfmResult[] {
  const { r, f, m, segment } = rfmColumns(input, bins);
  // Stryker disable next-line ArrayDeclaration: the loop below sets every index, so a presized and an empty array end the same
  const out: RfmResult[] = new Array(r.length);
  // One string per cell, shared by its customers (a million customers, 125 cells at 5 bins).
  const cells = new Map<number, string>();
  for (let i = 0; i < r.length; i++) {
    out[i] = { r: r[i], f: f[i], m: m[i], cell: rfmCell(r[i], f[i], m[i], bins, cells), segment: RFM_SEGMENTS[segment[i]] };
  }
  return out;
}
