/**
 * The customer pyramid [客户金字塔] (docs/pyramid.md §2–§7).
 *
 * Customers are ranked by a value measure, highest first, and cut by cumulative share of
 * customers: with shares s_1..s_K (default 1 %, 19 %, 30 %, 50 %) and cumulative shares
 * c_k = s_1 + … + s_k, the customer of rank r (1-based, of n) falls in the first tier k with
 * r / n ≤ c_k. Equal values never straddle a cut: every member of a group of equal values takes
 * the tier of the group's best-ranked member, so ties only ever move customers up a tier.
 * (With 10 customers nobody is in the top 1 %: rank 1 has r/n = 0.1 > 0.01.)
 *
 * Tier roles for the strategy: tiers whose cumulative share is at most 20 % are key [关键客户]
 * (the default tiers 1 and 2), the last tier is small, the tiers between are regular.
 * Upgrade potential (docs/pyramid.md §6): a predicted future value above the median value of the
 * customer's current tier.
 *
 * Cost: O(n log n) (one typed-array sort, then a binary search per customer).
 */
import { CvaError, ErrorCodes } from "../errors";
import { t, type Lang, type MessageKey } from "../i18n/messages";
import { countAtMost, medianSorted, requireFiniteArray, sortedAscending } from "./ranks";

/** Default tier shares of customers, top first: 1 %, 19 %, 30 %, 50 % (docs/pyramid.md §2). */
export const DEFAULT_TIER_SHARES: readonly number[] = [0.01, 0.19, 0.3, 0.5];
/** Cumulative share up to which tiers count as key customers (docs/pyramid.md §4: tiers 1 and 2 = top 20 %). */
export const KEY_CUSTOMER_SHARE = 0.2;

/** A tier's role; "none" when the population has no spread and no tiers are given (docs/pyramid.md §11). */
export type TierRole = "key" | "regular" | "small" | "none";
export type TierLabelSet = "standard" | "metal";

/**
 * Checks tier shares: at least one, each > 0, summing to 1 (within 1e-9).
 * @throws CvaError OUT_OF_RANGE naming the bad share.
 */
export function checkTierShares(shares: readonly number[]): void {
  const where = { argument: "shares" };
  if (shares.length === 0) throw CvaError.keyed(ErrorCodes.OutOfRange, "shares.none", { arg: "shares" }, where);
  let sum = 0;
  for (const s of shares) {
    // Number.isFinite is false for every non-number too (a text or a blank from a caller in plain JS)
    if (!Number.isFinite(s) || s <= 0) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "shares.notPositive", { arg: "shares", got: String(s) }, where);
    }
    sum += s;
  }
  // Stryker disable next-line EqualityOperator: sum − 1 is a multiple of 2^-53 near 1, so it never equals the double 1e-9
  if (Math.abs(sum - 1) > 1e-9) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "shares.sum", { arg: "shares", sum: Number(sum.toPrecision(12)) }, where);
  }
}

/** Cumulative shares, the last forced to exactly 1. */
export function cumulativeShares(shares: readonly number[]): number[] {
  const cum: number[] = [];
  let acc = 0;
  for (const s of shares) cum.push((acc += s));
  cum[cum.length - 1] = 1;
  return cum;
}

/**
 * Tier (1 = top) of each customer from its value. See the module comment for the rule.
 * @throws CvaError INVALID_NUMBER for a non-finite value, OUT_OF_RANGE for bad shares.
 * @example assignTiers([5, 1, 9, 9, 3], [0.2, 0.3, 0.5]) // [3, 3, 1, 1, 3]: 9 and 9 tie at rank 1
 */
export function assignTiers(values: ArrayLike<number>, shares: readonly number[] = DEFAULT_TIER_SHARES): Uint16Array {
  checkTierShares(shares);
  requireFiniteArray(values, "values");
  const n = values.length;
  const cum = cumulativeShares(shares);
  const sorted = sortedAscending(values);
  const tiers = new Uint16Array(n);
  // Stryker disable next-line EqualityOperator: i <= n adds a pass at i = n whose Uint16Array write is out of range, a no-op
  for (let i = 0; i < n; i++) {
    // Best rank of this value's tie group, highest value first.
    const rank = n - countAtMost(sorted, values[i]) + 1;
    tiers[i] = tierOfRank(rank, n, cum);
  }
  return tiers;
}

/** The tier (1-based) of rank r among n with cumulative shares `cum`: the first k with r/n ≤ c_k. */
export function tierOfRank(rank: number, n: number, cum: readonly number[]): number {
  const p = rank / n;
  // Stryker disable next-line EqualityOperator: at k = cum.length, cum[k] + 1e-12 is NaN, so the extra pass never returns and the tier is cum.length either way
  for (let k = 0; k < cum.length; k++) {
    if (p <= cum[k] + 1e-12) return k + 1;
  }
  return cum.length;
}

/** The strategy role of a tier: key (cumulative share ≤ 20 %), small (the last tier), else regular. */
export function tierRole(tier: number, shares: readonly number[] = DEFAULT_TIER_SHARES): TierRole {
  const cum = cumulativeShares(shares);
  if (cum[tier - 1] <= KEY_CUSTOMER_SHARE + 1e-9) return "key";
  if (tier === shares.length && shares.length > 1) return "small";
  return "regular";
}

/**
 * The label of a tier: with four tiers, the standard (Key – top / Key / Regular / Small) or
 * metal (Platinum / Gold / Iron / Lead) set; with another number of tiers, "Tier k".
 * @example tierLabel(1, 4, "zh-CN") // "重要客户"
 */
export function tierLabel(tier: number, tierCount: number, lang: Lang, labelSet: TierLabelSet = "standard"): string {
  if (tierCount === 4 && tier >= 1 && tier <= 4) return t(lang, `tier.${labelSet}.${tier}` as MessageKey);
  return t(lang, "tier.generic", { n: tier });
}

/**
 * Strategy text for a tier role (docs/pyramid.md §7); `upgrade` null when no predicted value is
 * known (then the text covers both cases); `lostOfValue` for a churned customer outside the small
 * tier.
 */
export function tierStrategy(role: TierRole, upgrade: boolean | null, lang: Lang, lostOfValue = false): string {
  if (role === "none") return t(lang, "strategy.tier.none");
  if (lostOfValue) return t(lang, "strategy.winBack");
  if (role === "key") return t(lang, "strategy.tier.key");
  if (upgrade === null) return t(lang, role === "regular" ? "strategy.tier.regular" : "strategy.tier.small");
  return t(lang, `strategy.tier.${role}.${upgrade ? "up" : "noUp"}` as MessageKey);
}

/**
 * Upgrade potential per customer (docs/pyramid.md §6): predicted future value above the median
 * value of the customer's current tier. null where the prediction is missing (null or NaN).
 * O(n log n).
 * @example upgradePotential([1, 1, 2, 2], [10, 20, 1, 3], [15, 25, 2, 1]) // [true, true, true, false]: medians 15 and 2
 */
export function upgradePotential(
  tiers: ArrayLike<number>,
  values: ArrayLike<number>,
  predicted: ArrayLike<number | null>,
): (boolean | null)[] {
  const byTier = new Map<number, number[]>();
  // Stryker disable next-line EqualityOperator: i <= length adds a tier `undefined` that no customer of the output loop reads
  for (let i = 0; i < tiers.length; i++) {
    let list = byTier.get(tiers[i]);
    if (!list) byTier.set(tiers[i], (list = []));
    list.push(values[i]);
  }
  const medians = new Map<number, number>();
  for (const [tier, list] of byTier) medians.set(tier, medianSorted(sortedAscending(list)));
  // Stryker disable next-line ArrayDeclaration: the loop below fills every index, so the preset length changes nothing
  const out: (boolean | null)[] = new Array(tiers.length);
  for (let i = 0; i < tiers.length; i++) {
    // Number.isFinite is false for null and undefined as for NaN, so it alone tells a missing prediction
    const p = predicted[i] as number;
    out[i] = Number.isFinite(p) ? p > (medians.get(tiers[i]) as number) : null;
  }
  return out;
}
