/**
 * Customers whose pyramid tier is uncertain: the interval of their value reaches past a value at
 * which they would change tier (docs/models/uncertainty.md §9, docs/pyramid.md §2).
 *
 * The pyramid (./pyramid.ts) gives a customer valued v the rank r = 1 + (the number of customers
 * valued above v) — ties take the best rank — and the first tier k with r / n ≤ c_k, c_k the
 * cumulative share of tiers 1 … k. Holding every other customer's value fixed, a customer's tier
 * at value v is therefore tierOfRank(1 + #{others valued above v}): it falls a tier as v drops
 * below the value of the other customer ranked at the tier's last place, and rises as v reaches
 * the value of the other customer at the last place of the tier above. These two values are the
 * tier's cutoffs. A tie group straddling a cut (which the pyramid puts whole in the better tier)
 * makes them differ from "the lowest value of the tier" or "the highest value of the next tier",
 * which is why they are computed from the ranks, not from the tiers' extremes.
 *
 * A customer is "tier uncertain" when its tier at the low end of its interval or at the high end
 * differs from its tier, i.e. the interval [low, high] crosses a cutoff. Customers of tier 0 (no
 * spread, no tiers) or with a bound that is not a number are never flagged. O(n log n).
 */
import { cumulativeShares, DEFAULT_TIER_SHARES, tierOfRank } from "./pyramid";
import { countAtMost, sortedAscending } from "./ranks";

/** The per-customer flags (1 uncertain, 0 not) and how many are flagged. */
export interface TierUncertainty {
  uncertain: Uint8Array;
  count: number;
}

/**
 * Flags the customers whose interval [low[i], high[i]] crosses a cutoff of their tier (module
 * comment), one customer at a time with the others' values fixed.
 * @param tiers tier of each customer, 1 = top, as assignTiers(values, shares) gives them (0: no tier).
 * @example tierUncertainty([1, 2, 2], [10, 5, 4], [4, 4, 3], [11, 10, 5], [1 / 3, 2 / 3]) // uncertain [1, 1, 0]: at 4 the first ranks 2nd (tier 2); at 10 the second ties for 1st (tier 1)
 */
export function tierUncertainty(
  tiers: ArrayLike<number>,
  values: ArrayLike<number>,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
  shares: readonly number[] = DEFAULT_TIER_SHARES,
): TierUncertainty {
  const n = tiers.length;
  const cum = cumulativeShares(shares);
  const sorted = sortedAscending(values);
  // The customer's tier at value v, the others fixed: 1 + others valued above v is its rank.
  const tierAt = (v: number, own: number): number => tierOfRank(1 + (n - countAtMost(sorted, v)) - (own > v ? 1 : 0), n, cum);
  const uncertain = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const k = tiers[i], lo = low[i], hi = high[i];
    if (k === 0 || !(lo === lo) || !(hi === hi)) continue;
    if (tierAt(lo, values[i]) !== k || tierAt(hi, values[i]) !== k) {
      uncertain[i] = 1;
      count++;
    }
  }
  return { uncertain, count };
}
