/**
 * Satisfaction and loyalty [客户满意, 客户忠诚] (docs/loyalty.md §1–§7).
 *
 * Loyalty index 0–100: each indicator present is turned into a percentile rank within the data
 * (so units do not matter) — the textbook percentile rank PR = (B + E/2) / n, with B the number
 * of customers with a lower value and E the number with an equal value (ties share a rank) — and
 * flipped (1 − PR) where lower is better. The index is 100 × Σ w·PR / Σ w over the indicators that
 * are present for that customer (weights renormalised), null when none is.
 *
 * | indicator          | direction | weight |
 * | repeat rate        | higher    | 0.30   |  (share of periods since the first purchase with a purchase, when not given)
 * | purchase amount    | higher    | 0.20   |
 * | complaint rate     | lower     | 0.15   |
 * | price sensitivity  | lower     | 0.10   |
 * | reputation         | higher    | 0.10   |
 * | brand designation  | higher    | 0.05   |
 * | P(alive)           | higher    | 0.10   |
 *
 * Classes: loyal [忠诚] ≥ 70, satisfied [满意] 50–70, wavering [动摇] 30–50 (code "atRisk"; "at risk" is
 * the flag of docs/customer-state.md §3), defecting [流失倾向] < 30.
 * Complaint iceberg [投诉冰山]: about 5 % of dissatisfied customers complain, so each complaint
 * stands for about 20. Word of mouth [口碑]: a satisfied customer tells about 12 people, a
 * dissatisfied one about 20–25 (editable defaults). Cost: O(n log n) per indicator.
 */
import { CvaError, ErrorCodes } from "../errors";
import type { LocalText } from "../i18n/errors";
import { t, type Lang, type MessageKey } from "../i18n/messages";
import { countAtMost, countBelow } from "./ranks";

export type LoyaltyIndicator =
  | "repeatRate"
  | "purchaseAmount"
  | "complaintRate"
  | "priceSensitivity"
  | "reputation"
  | "designation"
  | "pAlive";

export const LOYALTY_INDICATORS: readonly { key: LoyaltyIndicator; higherIsBetter: boolean; weight: number }[] = [
  { key: "repeatRate", higherIsBetter: true, weight: 0.3 },
  { key: "purchaseAmount", higherIsBetter: true, weight: 0.2 },
  { key: "complaintRate", higherIsBetter: false, weight: 0.15 },
  { key: "priceSensitivity", higherIsBetter: false, weight: 0.1 },
  { key: "reputation", higherIsBetter: true, weight: 0.1 },
  { key: "designation", higherIsBetter: true, weight: 0.05 },
  { key: "pAlive", higherIsBetter: true, weight: 0.1 },
];

export type LoyaltyClass = "loyal" | "satisfied" | "atRisk" | "defecting";
export const LOYALTY_CLASSES: readonly LoyaltyClass[] = ["loyal", "satisfied", "atRisk", "defecting"];

export interface LoyaltyThresholds {
  /** Index at or above which a customer is loyal; default 70. */
  loyal: number;
  /** …satisfied; default 50. */
  satisfied: number;
  /** …at risk (below: defecting); default 30. */
  atRisk: number;
}
export const DEFAULT_LOYALTY_THRESHOLDS: LoyaltyThresholds = { loyal: 70, satisfied: 50, atRisk: 30 };

/** Indicator columns: per customer a number, or null/NaN where not known. */
export type LoyaltyIndicators = Partial<Record<LoyaltyIndicator, ArrayLike<number | null>>>;

/**
 * Percentile ranks (B + E/2)/n among the finite entries; NaN where the entry is missing.
 * @example percentileRanks([10, 20, 20, 40]) // [0.125, 0.5, 0.5, 0.875]
 */
export function percentileRanks(values: ArrayLike<number | null>): Float64Array {
  const n = values.length;
  let m = 0;
  const buf = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: values[n] is undefined, which the finite test below skips
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Stryker disable next-line ConditionalExpression: Number.isFinite(null) is false, so the null test only narrows the type
    if (v !== null && Number.isFinite(v)) buf[m++] = v;
  }
  const sorted = buf.subarray(0, m).sort();
  const out = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: a typed array drops the write at index n
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Stryker disable next-line ConditionalExpression: Number.isFinite(null) is false, so the null test only narrows the type
    if (v === null || !Number.isFinite(v)) {
      out[i] = NaN;
      continue;
    }
    const below = countBelow(sorted, v);
    const equal = countAtMost(sorted, v) - below;
    out[i] = (below + equal / 2) / m;
  }
  return out;
}

/**
 * Loyalty index 0–100 per customer (null where no indicator is present); see the module comment.
 * @throws CvaError OUT_OF_RANGE for a negative weight or columns of different lengths.
 * @example loyaltyIndex({ repeatRate: [0.1, 0.9], complaintRate: [0, 2] }, 2)
 *   // repeat PR .25/.75, complaint PR flipped .75/.25; (0.3·.25 + 0.15·.75)/0.45 → 41.67, 58.33
 */
export function loyaltyIndex(
  indicators: LoyaltyIndicators,
  n: number,
  weights: Partial<Record<LoyaltyIndicator, number>> = {},
): (number | null)[] {
  const column = loyaltyIndexColumn(indicators, n, weights);
  // Stryker disable next-line ArrayDeclaration: the loop below sets every index 0 … n − 1, so a presized and an empty array end the same
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = column[i] === column[i] ? column[i] : null;
  return out;
}

/** {@link loyaltyIndex} as a column, NaN where no indicator is present (docs/output.md §9). */
export function loyaltyIndexColumn(
  indicators: LoyaltyIndicators,
  n: number,
  weights: Partial<Record<LoyaltyIndicator, number>> = {},
): Float64Array {
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  for (const ind of LOYALTY_INDICATORS) {
    const col = indicators[ind.key];
    if (!col) continue;
    if (col.length !== n) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "loyalty.lengthMismatch", { indicator: indicatorText(ind.key), count: col.length, customers: n }, { argument: ind.key });
    }
    const w = weights[ind.key] ?? ind.weight;
    if (!Number.isFinite(w) || w < 0) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "loyalty.weight", { indicator: indicatorText(ind.key), got: String(w) }, { argument: ind.key });
    }
    // Stryker disable next-line ConditionalExpression: a shortcut; a zero weight would add 0 to both sums
    if (w === 0) continue;
    const pr = percentileRanks(col);
    // Stryker disable next-line EqualityOperator: pr[n] is undefined and typed arrays drop the writes at index n
    for (let i = 0; i < n; i++) {
      const p = pr[i];
      if (p === p) {
        num[i] += w * (ind.higherIsBetter ? p : 1 - p);
        den[i] += w;
      }
    }
  }
  const out = new Float64Array(n);
  // Stryker disable next-line EqualityOperator,ConditionalExpression: den 0 means num 0 and 100·0/0 is NaN too; a typed array drops the write at index n
  for (let i = 0; i < n; i++) out[i] = den[i] > 0 ? (100 * num[i]) / den[i] : NaN;
  return out;
}

/** @example loyaltyClass(70) // "loyal"; loyaltyClass(49.9) // "atRisk" */
export function loyaltyClass(index: number, th: LoyaltyThresholds = DEFAULT_LOYALTY_THRESHOLDS): LoyaltyClass {
  if (index >= th.loyal) return "loyal";
  if (index >= th.satisfied) return "satisfied";
  if (index >= th.atRisk) return "atRisk";
  return "defecting";
}

export function loyaltyClassLabel(c: LoyaltyClass, lang: Lang): string {
  return t(lang, `loyalty.${c}` as MessageKey);
}

/** An indicator's name in both languages, for a message parameter. */
function indicatorText(key: LoyaltyIndicator): LocalText {
  return { "en-US": indicatorLabel(key, "en-US"), "zh-CN": indicatorLabel(key, "zh-CN") };
}

export function indicatorLabel(key: LoyaltyIndicator, lang: Lang): string {
  return t(lang, `indicator.${key}` as MessageKey);
}

/** Dissatisfied customers per complaint: only about 5 % complain (docs/loyalty.md §6). */
export const DEFAULT_COMPLAINT_ICEBERG = 20;

/** @example complaintIceberg(3) // 60 */
export function complaintIceberg(complaints: number, multiplier = DEFAULT_COMPLAINT_ICEBERG): number {
  return complaints * multiplier;
}

export interface WordOfMouthDefaults {
  /** People a satisfied customer tells; default 12. */
  satisfied: number;
  /** People a dissatisfied customer tells, low and high; default 20 and 25. */
  dissatisfiedLow: number;
  dissatisfiedHigh: number;
}
export const DEFAULT_WORD_OF_MOUTH: WordOfMouthDefaults = { satisfied: 12, dissatisfiedLow: 20, dissatisfiedHigh: 25 };

export interface WordOfMouth {
  /** People reached by satisfied customers. */
  positive: number;
  /** People reached by dissatisfied customers, low and high estimate. */
  negativeLow: number;
  negativeHigh: number;
}

/** @example wordOfMouth(10, 2) // { positive: 120, negativeLow: 40, negativeHigh: 50 } */
export function wordOfMouth(satisfied: number, dissatisfied: number, d: WordOfMouthDefaults = DEFAULT_WORD_OF_MOUTH): WordOfMouth {
  return { positive: satisfied * d.satisfied, negativeLow: dissatisfied * d.dissatisfiedLow, negativeHigh: dissatisfied * d.dissatisfiedHigh };
}
