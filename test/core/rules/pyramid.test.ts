/**
 * The customer pyramid's rules pinned at their edges (docs/pyramid.md §2–§7, §10–§11):
 * the default cut-offs 1 / 20 / 50 / 100 % (cumulative) with a customer exactly at and just
 * beyond each cut, ties at a cut, custom shares and labels, the key-customer rule, upgrade
 * potential, and the population helpers behind =CVA.TIER and =CVA.PYRAMID.
 * Every expected value is worked by hand in the comment beside it.
 */
import {
  assignTiers, checkTierShares, cumulativeShares, tierLabel, tierOfRank, tierRole, tierStrategy, upgradePotential,
  DEFAULT_TIER_SHARES, KEY_CUSTOMER_SHARE,
} from "../../../src/core/segments/pyramid";
import { RankedPopulation, pyramidTable } from "../../../src/core/segments/population";
import { ErrorCodes } from "../../../src/core/errors";
import { thrown } from "../../support/thrown";

/** 1, 2, …, n: value v has rank n − v + 1. */
const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const counts = (tiers: ArrayLike<number>, k: number): number[] => {
  const c = new Array<number>(k).fill(0);
  for (let i = 0; i < tiers.length; i++) c[tiers[i] - 1]++;
  return c;
};
describe("default tier shares (docs/pyramid.md §2)", () => {
  it("are 1 %, 19 %, 30 %, 50 %, and the key-customer cut is 20 %", () => {
    expect(DEFAULT_TIER_SHARES).toEqual([0.01, 0.19, 0.3, 0.5]);
    expect(KEY_CUSTOMER_SHARE).toBe(0.2);
  });

  it("rank r of n goes to the first tier with r/n ≤ c_k: at and just past each default cut, n = 200", () => {
    // Cumulative cuts 0.01, 0.20, 0.50, 1 of 200 customers: ranks 2, 40, 100, 200.
    const t = (rank: number) => tierOfRank(rank, 200, [0.01, 0.2, 0.5, 1]);
    expect([t(1), t(2), t(3)]).toEqual([1, 1, 2]); // 2/200 = 0.01 ≤ 0.01; 3/200 = 0.015 > 0.01
    expect([t(40), t(41)]).toEqual([2, 3]); // 40/200 = 0.20; 41/200 = 0.205
    expect([t(100), t(101)]).toEqual([3, 4]); // 100/200 = 0.50; 101/200 = 0.505
    expect(t(200)).toBe(4);
  });

  it("assignTiers without shares uses the defaults: 200 distinct values split 2 / 38 / 60 / 100 at the exact cuts", () => {
    const values = oneTo(200); // value v has rank 201 − v
    const tiers = assignTiers(values);
    // Value 199 = rank 2 (2/200 = 0.01) is tier 1; value 198 = rank 3 is tier 2.
    expect([tiers[198], tiers[197]]).toEqual([1, 2]);
    // Value 161 = rank 40 (0.20) is tier 2; value 160 = rank 41 is tier 3.
    expect([tiers[160], tiers[159]]).toEqual([2, 3]);
    // Value 101 = rank 100 (0.50) is tier 3; value 100 = rank 101 is tier 4.
    expect([tiers[100], tiers[99]]).toEqual([3, 4]);
    expect(counts(tiers, 4)).toEqual([2, 38, 60, 100]); // 1 %, 19 %, 30 %, 50 % of 200
  });

  it("ranks highest value first, whatever the row order", () => {
    // Values 3, 1, 2 with shares 1/3, 1/3, 1/3: 3 is rank 1 → tier 1, 2 rank 2 → tier 2, 1 rank 3 → tier 3.
    expect(Array.from(assignTiers([3, 1, 2], [1 / 3, 1 / 3, 1 / 3]))).toEqual([1, 3, 2]);
    // Negative values rank below positive ones: −1 is worst.
    expect(Array.from(assignTiers([-1, 0, 5], [1 / 3, 1 / 3, 1 / 3]))).toEqual([3, 2, 1]);
  });

  it("an empty population gets no tiers", () => {
    expect(Array.from(assignTiers([]))).toEqual([]);
  });

  it("a floating-point cumulative share just below the cut still admits the rank at the cut (0.7 + 0.1 = 0.7999999999999999)", () => {
    // Shares 0.7 / 0.1 / 0.2 of 10: rank 8 has 8/10 = 0.8 and belongs to tier 2 (c_2 = 0.8),
    // although the double sum 0.7 + 0.1 is 0.7999999999999999 < 0.8; rank 9 (0.9) is tier 3.
    expect(cumulativeShares([0.7, 0.1, 0.2])[1]).toBeLessThan(0.8);
    // Values 1 … 10 have ranks 10 … 1: ranks 1–7 (≤ 0.7) tier 1, rank 8 tier 2, ranks 9–10 tier 3.
    expect(Array.from(assignTiers(oneTo(10), [0.7, 0.1, 0.2]))).toEqual([3, 3, 2, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe("the rounding allowance of the cuts", () => {
  it("a cut short by 1e-12 (0.499999999999 + 1e-12 = 0.5 exactly) still admits the rank at 0.5; short by 2e-12 it does not", () => {
    // Two customers, shares 0.499999999999 / 0.500000000001: rank 1 has 1/2 = 0.5 ≤ c_1 + 1e-12 → tier 1.
    expect(Array.from(assignTiers([2, 1], [0.499999999999, 0.500000000001]))).toEqual([1, 2]);
    // c_1 + 1e-12 = 0.49999999999899997 < 0.5: rank 1 goes to tier 2, like rank 2.
    expect(Array.from(assignTiers([2, 1], [0.499999999998, 0.500000000002]))).toEqual([2, 2]);
  });

  it("a tier whose cumulative share is 20 % + 1e-9 (0.200000001, exactly 0.2 + 1e-9 as doubles) is still key", () => {
    expect(tierRole(1, [0.200000001, 0.799999999])).toBe("key");
  });
});

describe("ties never straddle a cut (docs/pyramid.md §3)", () => {
  it("a tie across the 20 % cut (ranks 20 and 21 of 100) puts both in tier 2: counts 1 / 20 / 29 / 50", () => {
    const values = oneTo(100);
    values[79] = 81; // value 80 → 81: the two 81s hold ranks 20 and 21, best rank 20 (0.20 ≤ 0.20)
    const tiers = assignTiers(values);
    expect([tiers[79], tiers[80]]).toEqual([2, 2]);
    expect(tiers[78]).toBe(3); // value 79: rank 22
    expect(counts(tiers, 4)).toEqual([1, 20, 29, 50]);
  });

  it("a tie across the 1 % cut (two of 100 at the top) puts both in tier 1: counts 2 / 18 / 30 / 50", () => {
    const values = oneTo(100);
    values[98] = 100; // two 100s at ranks 1 and 2, best rank 1 (0.01 ≤ 0.01)
    expect(counts(assignTiers(values), 4)).toEqual([2, 18, 30, 50]);
  });

  it("a tie just beyond a cut moves nobody up: ranks 21 and 22 of 100 tied are both tier 3", () => {
    const values = oneTo(100);
    values[78] = 80; // values 80, 80 at ranks 21–22: best rank 21 > 20 → tier 3
    const tiers = assignTiers(values);
    expect([tiers[78], tiers[79]]).toEqual([3, 3]);
    expect(tiers[80]).toBe(2); // value 81, rank 20
    expect(counts(tiers, 4)).toEqual([1, 19, 30, 50]);
  });

  it("a tie group spanning two cuts takes its best member's tier: ranks 15–60 tied are all tier 2", () => {
    // 100 values: 86 … 100 (ranks 15 … 1), 46 copies of 50 (ranks 16–61, best 16), then 1 … 39 (ranks 100 … 62).
    const values = [...oneTo(15).map((v) => v + 85), ...new Array<number>(46).fill(50), ...oneTo(39)];
    // The 50s: 15 values are greater, so the best rank is 16 (0.16 ≤ 0.20): tier 2 for all 46.
    const tiers = assignTiers(values);
    expect(new Set(Array.from(tiers.slice(15, 61)))).toEqual(new Set([2]));
    // Tier 1: rank 1 only (value 100). Tier 2: ranks 2–15 (14) + 46 = 60. Tier 3: none of 39 … 1 (ranks 62–100 > 0.50).
    expect(counts(tiers, 4)).toEqual([1, 60, 0, 39]);
  });

  it("the worked example 0, 0, 0, 5 (docs/pyramid.md §11): 5 at rank 1 (25 %) and the zeros at rank 2 (50 %) are all tier 3", () => {
    expect(Array.from(assignTiers([0, 0, 0, 5]))).toEqual([3, 3, 3, 3]);
  });
});

describe("tier shares: validation and cumulation (docs/pyramid.md §2)", () => {
  it("the last cumulative share is forced to exactly 1", () => {
    // 0.3333333333 + 0.3333333333 + 0.3333333334 adds to 1 within 1e-9; the last cut is set to 1.
    const cum = cumulativeShares([0.3333333333, 0.3333333333, 0.3333333334]);
    expect(cum[0]).toBe(0.3333333333);
    expect(cum[1]).toBeCloseTo(0.6666666666, 15);
    expect(cum[2]).toBe(1);
    // Shares adding to 1 − 5e-10 (accepted): the last cut is still exactly 1.
    expect(cumulativeShares([0.5, 0.4999999995])).toEqual([0.5, 1]);
    expect(cumulativeShares([1])).toEqual([1]);
  });

  it("refuses no share, a share of 0 or less, a non-number, and a sum off 1 by more than 1e-9", () => {
    const none = thrown(() => checkTierShares([]));
    expect(none.code).toBe(ErrorCodes.OutOfRange);
    expect(none.message).toBe("the tier shares: give at least one share");
    expect(none.where).toEqual({ argument: "shares" });
    expect(thrown(() => checkTierShares([0, 1])).where).toEqual({ argument: "shares" });
    expect(thrown(() => checkTierShares([0.5, 0.4])).where).toEqual({ argument: "shares" });
    expect(thrown(() => checkTierShares([0, 1])).message).toBe("the tier shares must be positive numbers; got 0");
    expect(thrown(() => checkTierShares([1.5, -0.5])).message).toBe("the tier shares must be positive numbers; got -0.5");
    expect(thrown(() => checkTierShares([NaN, 1])).message).toBe("the tier shares must be positive numbers; got NaN");
    expect(thrown(() => checkTierShares([Infinity])).message).toBe("the tier shares must be positive numbers; got Infinity");
    expect(thrown(() => checkTierShares(["0.5", 0.5] as unknown as number[])).message).toBe("the tier shares must be positive numbers; got 0.5");
    const sum = thrown(() => checkTierShares([0.5, 0.4]));
    expect(sum.code).toBe(ErrorCodes.OutOfRange);
    expect(sum.message).toBe("the tier shares must add up to 1 (100%); they add up to 0.9");
    expect(thrown(() => checkTierShares([0.6, 0.5])).message).toBe("the tier shares must add up to 1 (100%); they add up to 1.1");
    // 1 + 2e-9 is refused, 1 + 5e-10 and 1 − 5e-10 are accepted.
    expect(thrown(() => checkTierShares([0.5, 0.500000002])).message).toBe("the tier shares must add up to 1 (100%); they add up to 1.000000002");
    expect(() => checkTierShares([0.5, 0.5000000005])).not.toThrow();
    expect(() => checkTierShares([0.5, 0.4999999995])).not.toThrow();
    // A tiny positive share is a share.
    expect(() => checkTierShares([1e-12, 1 - 1e-12])).not.toThrow();
  });

  it("assignTiers, RankedPopulation and pyramidTable check the shares before the values", () => {
    expect(thrown(() => assignTiers([1, 2], [0.5, 0.4])).message).toMatch(/add up to 1/);
    expect(thrown(() => new RankedPopulation([1, 2], [0.5, 0.4])).message).toMatch(/add up to 1/);
    expect(thrown(() => pyramidTable([1, 2], [])).message).toBe("the tier shares: give at least one share");
  });

  it("refuses a non-finite value naming its row", () => {
    const e = thrown(() => assignTiers([1, NaN, 3]));
    expect(e.code).toBe(ErrorCodes.InvalidNumber);
    expect(e.message).toBe("values: row 2 holds NaN, not a finite number");
  });
});

describe("custom shares and labels (docs/pyramid.md §2, §5)", () => {
  it("shares 20 / 80 of 5 values: only rank 1 in tier 1", () => {
    expect(Array.from(assignTiers([100, 50, 10, 5, 1], [0.2, 0.8]))).toEqual([1, 2, 2, 2, 2]);
  });

  it("shares 10 / 10 / 30 / 50 of 10 values: one per key tier, then 3 and 5", () => {
    // Ranks 1 (0.1 ≤ 0.1), 2 (0.2 ≤ 0.2), 3–5 (≤ 0.5), 6–10.
    expect(Array.from(assignTiers([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], [0.1, 0.1, 0.3, 0.5]))).toEqual([1, 2, 3, 3, 3, 4, 4, 4, 4, 4]);
  });

  it("a single tier holds everyone", () => {
    expect(Array.from(assignTiers([3, 1, 2], [1]))).toEqual([1, 1, 1]);
  });

  it("four tiers carry the standard or metal names in either language; standard is the default", () => {
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "en-US"))).toEqual(["Key – top", "Key", "Regular", "Small"]);
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "en-US", "standard"))).toEqual(["Key – top", "Key", "Regular", "Small"]);
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "zh-CN"))).toEqual(["关键客户（顶层）", "关键客户", "普通客户", "小客户"]);
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "en-US", "metal"))).toEqual(["Platinum", "Gold", "Iron", "Lead"]);
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "zh-CN", "metal"))).toEqual(["铂金客户", "黄金客户", "铁客户", "铅客户"]);
  });

  it("any other number of tiers, or a tier outside 1–4, is named Tier k", () => {
    expect([1, 2, 3].map((k) => tierLabel(k, 3, "en-US"))).toEqual(["Tier 1", "Tier 2", "Tier 3"]);
    expect(tierLabel(5, 5, "en-US", "metal")).toBe("Tier 5");
    expect(tierLabel(5, 6, "zh-CN")).toBe("第5层");
    expect(tierLabel(0, 4, "en-US")).toBe("Tier 0");
    expect(tierLabel(5, 4, "en-US")).toBe("Tier 5");
  });
});

describe("key customers and tier roles (docs/pyramid.md §4)", () => {
  it("default shares: tiers 1 and 2 (cumulative 1 %, 20 %) are key, tier 3 regular, tier 4 small", () => {
    expect([1, 2, 3, 4].map((k) => tierRole(k))).toEqual(["key", "key", "regular", "small"]);
    expect([1, 2, 3, 4].map((k) => tierRole(k, DEFAULT_TIER_SHARES))).toEqual(["key", "key", "regular", "small"]);
  });

  it("a tier whose cumulative share is exactly 20 % is key, 21 % is not", () => {
    expect([1, 2].map((k) => tierRole(k, [0.2, 0.8]))).toEqual(["key", "small"]);
    expect([1, 2].map((k) => tierRole(k, [0.21, 0.79]))).toEqual(["regular", "small"]);
    expect([1, 2, 3, 4].map((k) => tierRole(k, [0.1, 0.1, 0.3, 0.5]))).toEqual(["key", "key", "regular", "small"]);
    // 25 / 25 / 50: the first tier already covers a quarter, so no tier is key.
    expect([1, 2, 3].map((k) => tierRole(k, [0.25, 0.25, 0.5]))).toEqual(["regular", "regular", "small"]);
  });

  it("the 20 % cut allows 1e-9 of rounding: 0.2000000001 is key, 0.200000002 is not", () => {
    expect(tierRole(1, [0.2000000001, 0.7999999999])).toBe("key");
    expect(tierRole(1, [0.200000002, 0.799999998])).toBe("regular");
  });

  it("a single tier is regular, not small (small needs more than one tier)", () => {
    expect(tierRole(1, [1])).toBe("regular");
    expect(tierRole(2, [0.5, 0.5])).toBe("small");
  });

  it("key-customer count: 20 of 100 distinct values, 21 when the 20th and 21st tie, 40 of 200", () => {
    const keyCount = (values: number[], shares?: readonly number[]) =>
      Array.from(assignTiers(values, shares)).filter((k) => tierRole(k, shares) === "key").length;
    expect(keyCount(oneTo(100))).toBe(20); // ranks 1–20: 20/100 ≤ 0.20
    const tied = oneTo(100);
    tied[79] = 81; // ranks 20 and 21 tie
    expect(keyCount(tied)).toBe(21);
    expect(keyCount(oneTo(200))).toBe(40);
    expect(keyCount(oneTo(10))).toBe(2); // ranks 1, 2 (0.1, 0.2); nobody is in tier 1
    expect(keyCount(oneTo(10), [0.25, 0.25, 0.5])).toBe(0);
  });
});

describe("strategy per tier role (docs/pyramid.md §7)", () => {
  it("gives each role's text, the combined text when the potential is unknown, and win-back for a churned customer of value", () => {
    const key = "Concentrate the best resources: dedicated account team, planned visits, fast complaint handling, recognition rather than discounts.";
    expect(tierStrategy("key", true, "en-US")).toBe(key);
    expect(tierStrategy("key", null, "en-US")).toBe(key);
    expect(tierStrategy("key", false, "en-US", false)).toBe(key);
    expect(tierStrategy("regular", true, "en-US")).toBe("Upgrade potential: develop toward the key tiers.");
    expect(tierStrategy("regular", false, "en-US")).toBe("No upgrade potential: reduce the cost to serve.");
    expect(tierStrategy("small", true, "en-US")).toBe("Upgrade potential: develop toward the regular tier.");
    expect(tierStrategy("small", false, "en-US")).toBe("No upgrade potential: raise the price of service or lower its cost.");
    expect(tierStrategy("regular", null, "zh-CN")).toBe("有升级潜力的客户培养成为关键客户；其余客户降低服务成本。");
    expect(tierStrategy("small", null, "zh-CN")).toBe("有升级潜力的客户培养成为普通客户；其余客户提高服务价格或降低服务成本。");
    // A churned key or regular customer is a lost customer of value, whatever its potential.
    expect(tierStrategy("key", null, "en-US", true)).toBe("Lost customer of value: win back.");
    expect(tierStrategy("regular", true, "zh-CN", true)).toBe("有价值的流失客户：赢回。");
    // No tier comes before everything else.
    expect(tierStrategy("none", true, "en-US", true)).toBe(
      "No tier: every customer has the same value, so the pyramid cannot rank them; rank by another measure or check the data.",
    );
  });
});

describe("upgrade potential: predicted value above the tier's median (docs/pyramid.md §6)", () => {
  it("exactly the median is no, just above is yes; even tiers use the mean of the two middle values", () => {
    // Tier 1 values 10, 30 → median 20. Tier 2 values 1, 2, 9 → median 2 (odd count: the middle).
    const tiers = [1, 2, 1, 2, 2, 1, 1, 2, 2];
    const values = [10, 1, 30, 9, 2, 10, 30, 1, 2];
    // Tier 1 holds 10, 30, 10, 30 → median (10 + 30)/2 = 20; tier 2 holds 1, 9, 2, 1, 2 → sorted 1 1 2 2 9 → median 2.
    const predicted = [20, 2, 20.000001, 2.000001, 1.999999, 19.999999, -5, 100, 2];
    expect(upgradePotential(tiers, values, predicted)).toEqual([false, false, true, true, false, false, false, true, false]);
  });

  it("the median is of the tier's value measure, not of the predictions, and medians are per tier", () => {
    // Tier 1 values 100, 200, 300 → median 200; tier 3 values 5 → median 5. A prediction of 150 is
    // no in tier 1 and yes in tier 3.
    expect(upgradePotential([1, 1, 1, 3], [300, 100, 200, 5], [150, 250, 200, 150])).toEqual([false, true, false, true]);
  });

  it("a missing prediction (null, undefined, NaN, ±Infinity) is unknown, not no", () => {
    expect(upgradePotential([1, 1, 1, 1, 1], [1, 2, 3, 4, 5], [null, NaN, Infinity, -Infinity, 4])).toEqual([null, null, null, null, true]);
    expect(upgradePotential([1, 1], [1, 2], [undefined as unknown as null, 1.6])).toEqual([null, true]);
  });

  it("no customers, no answers", () => {
    expect(upgradePotential([], [], [])).toEqual([]);
  });
});

describe("a value placed in a population (docs/pyramid.md §10)", () => {
  it("rank = 1 + the number of strictly greater values; a value above all ranks 1, below all n + 1", () => {
    const pop = new RankedPopulation([30, 10, 20, 20, 40]);
    expect(pop.size).toBe(5);
    expect(Array.from(pop.sorted)).toEqual([10, 20, 20, 30, 40]);
    expect(pop.shares).toBe(DEFAULT_TIER_SHARES);
    expect([pop.rank(40), pop.rank(30), pop.rank(20), pop.rank(10)]).toEqual([1, 2, 3, 5]);
    expect([pop.rank(25), pop.rank(1000), pop.rank(5)]).toEqual([3, 1, 6]);
  });

  it("tierOf: the value's rank among the population, cut by the shares; a value below all takes the last tier", () => {
    const pop = new RankedPopulation([10, 20, 30, 40, 50], [0.2, 0.8]);
    // 50 rank 1 (0.2 ≤ 0.2) → 1; 49 rank 2 (0.4) → 2; 60 rank 1 → 1; 0 rank 6 → clamped to 5 → tier 2.
    expect([pop.tierOf(50), pop.tierOf(49), pop.tierOf(60), pop.tierOf(0)]).toEqual([1, 2, 1, 2]);
    // Over 1 … 100 with the default shares: 1000 beats all (tier 1), 0.5 ranks 101st (tier 4).
    const hundred = new RankedPopulation(oneTo(100));
    expect([hundred.tierOf(1000), hundred.tierOf(100), hundred.tierOf(99.5), hundred.tierOf(81), hundred.tierOf(80.5), hundred.tierOf(0.5)]).toEqual([1, 1, 2, 2, 3, 4]);
    // 99.5: one greater (100) → rank 2 → 0.02 → tier 2; 80.5: 20 greater → rank 21 → tier 3.
  });

  it("tierOf refuses a non-finite value and a population with no spread", () => {
    const e = thrown(() => new RankedPopulation([1, 2]).tierOf(NaN));
    expect(e.code).toBe(ErrorCodes.InvalidNumber);
    expect(e.message).toBe("value must be a finite number; got NaN");
    expect(e.where).toEqual({ argument: "value" });
    expect(thrown(() => new RankedPopulation([1, 2]).tierOf(-Infinity)).message).toBe("value must be a finite number; got -Infinity");
    const flat = thrown(() => new RankedPopulation([7, 7, 7]).tierOf(7));
    expect(flat.code).toBe(ErrorCodes.DegenerateData);
    expect(flat.message).toBe("values: all 3 values are equal (7); a pyramid needs values that differ");
    expect(flat.where).toEqual({ argument: "values" });
    expect(thrown(() => new RankedPopulation([0.123456789]).tierOf(1)).message).toBe("values: all 1 values are equal (0.123457); a pyramid needs values that differ");
    // Two values that differ have spread.
    expect(new RankedPopulation([7, 8]).tierOf(8)).toBe(3); // rank 1 of 2: 0.5 → tier 3 (0.20 < 0.5 ≤ 0.50)
  });

  it("refuses an empty population and a non-finite member", () => {
    const e = thrown(() => new RankedPopulation([]));
    expect(e.code).toBe(ErrorCodes.Missing);
    expect(e.message).toBe("values holds no numbers; give at least 1");
    expect(e.where).toEqual({ argument: "values" });
    expect(thrown(() => new RankedPopulation([1, Infinity])).message).toBe("values: row 2 holds Infinity, not a finite number");
  });

  it("quantileScore = min(bins, ⌊bins·b/n⌋ + 1) with b the values strictly worse", () => {
    const pop = new RankedPopulation(oneTo(10));
    // Higher is better: b = values below. 10 → b 9 → ⌊4.5⌋ + 1 = 5; 3 → b 2 → ⌊1⌋ + 1 = 2; 2 → b 1 → ⌊0.5⌋ + 1 = 1.
    expect([pop.quantileScore(10, true), pop.quantileScore(3, true), pop.quantileScore(2, true), pop.quantileScore(1, true)]).toEqual([5, 2, 1, 1]);
    // Above all: b 10 → ⌊5⌋ + 1 = 6, capped at 5.
    expect(pop.quantileScore(11, true)).toBe(5);
    // Lower is better: b = values above. 1 → b 9 → 5; 8 → b 2 → 2; 9 → b 1 → 1; 0 → b 10 → capped 5.
    expect([pop.quantileScore(1, false), pop.quantileScore(8, false), pop.quantileScore(9, false), pop.quantileScore(0, false)]).toEqual([5, 2, 1, 5]);
    // Three bins: 10 → b 9 → ⌊2.7⌋ + 1 = 3; 4 → b 3 → ⌊0.9⌋ + 1 = 1; 5 → b 4 → ⌊1.2⌋ + 1 = 2.
    expect([pop.quantileScore(10, true, 3), pop.quantileScore(4, true, 3), pop.quantileScore(5, true, 3)]).toEqual([3, 1, 2]);
    // Ties: in 1, 2, 5, 5, 9 the value 5 has b = 2 below (⌊10/5⌋ + 1 = 3) and b = 1 above (⌊5/5⌋ + 1 = 2).
    const tied = new RankedPopulation([1, 2, 5, 5, 9]);
    expect([tied.quantileScore(5, true), tied.quantileScore(5, false)]).toEqual([3, 2]);
  });
});

describe("the pyramid table (docs/pyramid.md §10)", () => {
  it("100, 50, 10, 5, 1 with cut-offs 20 / 80: tier 1 one customer 100/166, tier 2 four 66/166", () => {
    const rows = pyramidTable([100, 50, 10, 5, 1], [0.2, 0.8]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ tier: 1, customers: 1, customerShare: 0.2, value: 100, valueShare: expect.closeTo(100 / 166, 15) });
    expect(rows[1]).toEqual({ tier: 2, customers: 4, customerShare: 0.8, value: 66, valueShare: expect.closeTo(66 / 166, 15) });
  });

  it("1 … 100 under the default shares: 1 (100), 19 (81+…+99 = 1,710), 30 (51+…+80 = 1,965), 50 (1+…+50 = 1,275)", () => {
    const rows = pyramidTable(oneTo(100));
    expect(rows.map((r) => r.tier)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.customers)).toEqual([1, 19, 30, 50]);
    expect(rows.map((r) => r.customerShare)).toEqual([0.01, 0.19, 0.3, 0.5]);
    // (81 + 99)·19/2 = 1710; (51 + 80)·30/2 = 1965; 50·51/2 = 1275; total 5050.
    expect(rows.map((r) => r.value)).toEqual([100, 1710, 1965, 1275]);
    expect(rows.map((r) => r.valueShare)).toEqual([100 / 5050, 1710 / 5050, 1965 / 5050, 1275 / 5050].map((v) => expect.closeTo(v, 15)));
  });

  it("a tier nobody reaches has 0 customers; a total of 0 gives no value share", () => {
    // 1 and −1 with 50 / 50: 1 rank 1 (0.5) → tier 1, −1 rank 2 → tier 2; total 0 → valueShare null.
    expect(pyramidTable([1, -1], [0.5, 0.5])).toEqual([
      { tier: 1, customers: 1, customerShare: 0.5, value: 1, valueShare: null },
      { tier: 2, customers: 1, customerShare: 0.5, value: -1, valueShare: null },
    ]);
    // Ten customers under the default shares: nobody in tier 1.
    expect(pyramidTable(oneTo(10))[0]).toEqual({ tier: 1, customers: 0, customerShare: 0, value: 0, valueShare: 0 });
  });

  it("refuses a population with no spread, and a tier or total past 1.8e308", () => {
    const flat = thrown(() => pyramidTable([0, 0, 0]));
    expect(flat.code).toBe(ErrorCodes.DegenerateData);
    expect(flat.message).toBe("values: all 3 values are equal (0); a pyramid needs values that differ");
    const total = thrown(() => pyramidTable([1e308, 1e308, 1], [0.5, 0.5]));
    expect(total.code).toBe(ErrorCodes.OutOfRange);
    expect(total.message).toBe("values: the values add up to more than 1.8e308, the largest number CVA can compute with");
    expect(total.where).toEqual({ argument: "values" });
    // The total 1e308 − 1e308 + 1e308 is finite, but tier 1 holds both 1e308s (tied at rank 1): 2e308 = Infinity.
    expect(thrown(() => pyramidTable([1e308, -1e308, 1e308], [0.5, 0.5])).message).toMatch(/add up to more than 1\.8e308/);
    // Each tier's sum is finite (1e308 in tier 1, 9e307 in tier 2) but the total 1.9e308 is not.
    expect(thrown(() => pyramidTable([1e308, 9e307], [0.5, 0.5])).message).toMatch(/add up to more than 1\.8e308/);
    // Just below: 8e307 + 8e307 = 1.6e308 is finite.
    expect(pyramidTable([8e307, 8e307, 1], [0.5, 0.5])[0].value).toBe(1.6e308);
  });
});
