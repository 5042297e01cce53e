/**
 * A customer population ranked once, to place many values in it: the pyramid tier of
 * any value (docs/pyramid.md §10) — a customer's own or a prospective one — and the pyramid
 * table per tier. Used by =CVA.TIER and =CVA.PYRAMID, which see a value and the
 * population it belongs to rather than a whole analysis.
 *
 * The tie rule is the pyramid's (src/core/segments/pyramid.ts): a value ranks with the
 * best-ranked member of its tie group, rank = 1 + the number of strictly greater values,
 * so equal values never straddle a cut. A population with no spread (all values equal) has no
 * pyramid: {@link RankedPopulation.tierOf} and {@link pyramidTable} refuse it (docs/pyramid.md §11),
 * while the RFM scores, which only need ranks, still work.
 */
import { CvaError, ErrorCodes } from "../errors";
import { formatNumber } from "./pareto";
import { checkTierShares, cumulativeShares, tierOfRank, DEFAULT_TIER_SHARES } from "./pyramid";
import { requireFiniteArray, sortedAscending, countAtMost, countBelow } from "./ranks";

export class RankedPopulation {
  /** The population, ascending. */
  readonly sorted: Float64Array;
  readonly shares: readonly number[];
  private readonly cum: number[];

  /**
   * Sorts the population once: O(n log n).
   * @throws CvaError MISSING for an empty population, INVALID_NUMBER for a non-finite value,
   *   OUT_OF_RANGE for bad shares.
   */
  constructor(values: ArrayLike<number>, shares: readonly number[] = DEFAULT_TIER_SHARES) {
    if (values.length === 0) throw CvaError.keyed(ErrorCodes.Missing, "population.none", { arg: "values", min: 1 }, { argument: "values" });
    checkTierShares(shares);
    requireFiniteArray(values, "values");
    this.sorted = sortedAscending(values);
    this.shares = shares;
    this.cum = cumulativeShares(shares);
  }

  get size(): number {
    return this.sorted.length;
  }

  /** 1 + the number of population values strictly greater than `value`: O(log n). */
  rank(value: number): number {
    return this.sorted.length - countAtMost(this.sorted, value) + 1;
  }

  /**
   * Pyramid tier (1 = top) of `value` within the population: O(log n + tiers).
   * @example new RankedPopulation([10, 20, 30, 40, 50], [0.2, 0.8]).tierOf(50) // 1
   */
  tierOf(value: number): number {
    if (!Number.isFinite(value)) {
      throw CvaError.keyed(ErrorCodes.InvalidNumber, "arg.notFinite", { arg: "value", hint: "", got: String(value) }, { argument: "value" });
    }
    this.requireSpread();
    return tierOfRank(Math.min(this.rank(value), this.sorted.length), this.sorted.length, this.cum);
  }

  /**
   * @throws CvaError DEGENERATE_DATA when every value of the population is the same: a pyramid
   *   needs values that differ (docs/pyramid.md §11).
   */
  requireSpread(): void {
    const s = this.sorted;
    if (s[0] === s[s.length - 1]) {
      throw CvaError.keyed(ErrorCodes.DegenerateData, "values.noSpread", { arg: "values", count: s.length, value: formatNumber(s[0]) }, { argument: "values" });
    }
  }

  /**
   * RFM quantile score (1..bins) of `value` within the population, by the minimum-rank rule
   * of src/core/segments/rfm.ts: with b population values strictly worse than `value`,
   * score = min(bins, ⌊bins·b/n⌋ + 1). For a member of the population this is exactly its
   * `rfmScores` score. O(log n).
   * @example new RankedPopulation([1,2,3,4,5,6,7,8,9,10]).quantileScore(10, true) // 5
   */
  quantileScore(value: number, higherIsBetter: boolean, bins = 5): number {
    const n = this.sorted.length;
    const worse = higherIsBetter ? countBelow(this.sorted, value) : n - countAtMost(this.sorted, value);
    return Math.min(bins, Math.floor((bins * worse) / n) + 1);
  }
}

export interface PyramidRow {
  tier: number;
  customers: number;
  /** Share of customers in the tier. */
  customerShare: number;
  /** Sum of the values in the tier. */
  value: number;
  /** Share of total value held by the tier; null when the total is 0. */
  valueShare: number | null;
}

/**
 * Customers and value per tier, top tier first (docs/pyramid.md §10). O(n log n).
 * @throws CvaError DEGENERATE_DATA for a population with no spread; OUT_OF_RANGE when the values
 *   add up past 1.8e308 (a tier's value could not be written).
 * @example pyramidTable([100, 50, 10, 5, 1], [0.2, 0.8])
 *   // [{tier 1, customers 1, customerShare 0.2, value 100, valueShare 100/166},
 *   //  {tier 2, customers 4, customerShare 0.8, value 66, valueShare 66/166}]
 */
export function pyramidTable(values: ArrayLike<number>, shares: readonly number[] = DEFAULT_TIER_SHARES): PyramidRow[] {
  const pop = new RankedPopulation(values, shares);
  pop.requireSpread();
  const n = values.length;
  const counts = new Float64Array(shares.length);
  const sums = new Float64Array(shares.length);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const k = pop.tierOf(values[i]) - 1;
    counts[k]++;
    sums[k] += values[i];
    total += values[i];
  }
  let finite = total - total === 0;
  for (let k = 0; k < shares.length; k++) finite = finite && sums[k] - sums[k] === 0;
  if (!finite) throw CvaError.keyed(ErrorCodes.OutOfRange, "values.sumTooLarge", { arg: "values" }, { argument: "values" });
  return shares.map((_, k) => ({
    tier: k + 1,
    customers: counts[k],
    customerShare: counts[k] / n,
    value: sums[k],
    valueShare: total === 0 ? null : sums[k] / total,
  }));
}
