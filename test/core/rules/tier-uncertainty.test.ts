/**
 * Which customers' pyramid tier is uncertain (src/core/segments/tier-uncertainty.ts,
 * docs/models/uncertainty.md §9, docs/pyramid.md §2), worked by hand: a customer's tier at a value
 * v, the others fixed, is the tier of rank 1 + (others valued above v), and tier k holds the ranks
 * r with r / n ≤ the cumulative share of tiers 1 … k (ties take the best rank).
 */
import { tierUncertainty } from "../../../src/core/segments/tier-uncertainty";

const flags = (r: { uncertain: Uint8Array; count: number }) => [Array.from(r.uncertain), r.count];
// Values [10, 5, 4] with three tiers of 1/3: ranks 1, 2, 3 are tiers 1, 2, 3.
const THIRDS = [1 / 3, 1 / 3, 1 / 3];

describe("tierUncertainty: a customer's own value is not above itself", () => {
  it("flags no one whose interval is just its value", () => {
    // At v = own value the others above are unchanged: ranks 1, 2, 3, tiers 1, 2, 3. Counting the
    // customer itself above (rank one better) would move 5 to tier 1 and 4 to tier 2.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [10, 5, 4], [10, 5, 4], THIRDS))).toEqual([[0, 0, 0], 0]);
  });

  it("below its value, counts only the others above: 10 at 6 still ranks 1st", () => {
    // 10 at 6: others above 6 are none (5 and 4 are below) → rank 1 → tier 1. Counting the
    // customer's own 10 as above 6 would give rank 2 → tier 2.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [6, 5, 4], [10, 5, 4], THIRDS))).toEqual([[0, 0, 0], 0]);
    // 10 at 4.5: only 5 above → rank 2 → tier 2: flagged.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [4.5, 5, 4], [10, 5, 4], THIRDS))).toEqual([[1, 0, 0], 1]);
  });

  it("above its value, does not count itself out twice: 4 at 4.5 still ranks 3rd", () => {
    // 4 at 4.5: 10 and 5 above → rank 3 → tier 3, not flagged; at 5 (ties 5, which is not above) → rank 2 → tier 2.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [10, 5, 4], [10, 5, 4.5], THIRDS))).toEqual([[0, 0, 0], 0]);
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [10, 5, 4], [10, 5, 5], THIRDS))).toEqual([[0, 0, 1], 1]);
    // 5 at 10: nothing above (10 ties) → rank 1 → tier 1; 5 at 9.99: 10 above → rank 2, its own tier.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [10, 5, 4], [10, 9.99, 4], THIRDS))).toEqual([[0, 0, 0], 0]);
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [10, 5, 4], [10, 10, 4], THIRDS))).toEqual([[0, 1, 0], 1]);
  });

  it("flags a customer when either end alone crosses, and counts each flagged customer once", () => {
    // 5 at 4 (4 is not above it: 10 above → rank 2) and at 11 (rank 1): only the high end crosses.
    // 4 at 3 (rank 3) and at 10 (rank 1, tier 1): the high end. 10 at 3 (rank 3, tier 3) and at 11: the low end.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [3, 4, 3], [11, 11, 10], THIRDS))).toEqual([[1, 1, 1], 3]);
    // Both ends crossing: 5 at 1 (rank 3) and at 20 (rank 1): one customer, counted once.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [10, 1, 4], [10, 20, 4], THIRDS))).toEqual([[0, 1, 0], 1]);
  });
});

describe("tierUncertainty: who is never flagged", () => {
  it("skips tier 0 (no tiers) whatever its interval", () => {
    // Were tier 0 compared, any interval would give a tier ≥ 1 ≠ 0 and flag it.
    expect(flags(tierUncertainty([0, 0], [1, 1], [0, 0], [2, 2]))).toEqual([[0, 0], 0]);
  });

  it("skips a customer with either bound not a number, even when the other bound crosses", () => {
    // Were a NaN bound read as a value, nothing would be at most it: rank n + 1 = 4, past the last
    // cumulative share, so tier 3. Customer 0 (10, tier 1): low NaN (would be tier 3), high 10.
    // Customer 1 (5, tier 2): low NaN, high 20 (rank 1: tier 1, a crossing). Customer 2: low 1, high NaN.
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [NaN, NaN, 1], [10, 20, NaN], THIRDS))).toEqual([[0, 0, 0], 0]);
    // Customer 1 (5, tier 2): low 5, high NaN (would be tier 3).
    expect(flags(tierUncertainty([1, 2, 3], [10, 5, 4], [10, 5, 4], [10, NaN, NaN], THIRDS))).toEqual([[0, 0, 0], 0]);
  });
});

describe("tierUncertainty with the default tier shares 1 %, 19 %, 30 %, 50 %", () => {
  it("moves the customer ranked 21st (tier 3) up at the value of the customer ranked 20th, not before", () => {
    // 100 customers valued 100, 99, …, 1: rank r = 101 − value. Cumulative shares 0.01, 0.2, 0.5, 1:
    // rank 1 tier 1, ranks 2–20 tier 2, 21–50 tier 3, 51–100 tier 4. Customer valued 80 (rank 21, tier 3):
    // at 80.5 the 20 values 81 … 100 are above → rank 21 → tier 3; at 81 only 82 … 100 (19) → rank 20 → tier 2.
    // Customer valued 51 (rank 50, tier 3): at 50.5 the others above are 52 … 100 (49) → rank 50 → tier 3;
    // at 49.5 the customer valued 50 is above too (50) → rank 51 → tier 4.
    const n = 100;
    const values = Array.from({ length: n }, (_, i) => n - i);
    const tiers = values.map((v) => { const r = 101 - v; return r === 1 ? 1 : r <= 20 ? 2 : r <= 50 ? 3 : 4; });
    const low = values.slice();
    const high = values.slice();
    const at = (v: number) => n - v; // the row of the customer valued v
    high[at(80)] = 80.5;
    low[at(51)] = 50.5;
    const none = tierUncertainty(tiers, values, low, high);
    expect(none.count).toBe(0);
    high[at(80)] = 81;
    low[at(51)] = 49.5;
    const two = tierUncertainty(tiers, values, low, high);
    expect([two.count, two.uncertain[at(80)], two.uncertain[at(51)]]).toEqual([2, 1, 1]);
  });
});
