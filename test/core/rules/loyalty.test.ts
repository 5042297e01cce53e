/**
 * The loyalty rules pinned at their edges (docs/loyalty.md §1–§7): every indicator's weight and
 * direction, the percentile rank with ties and gaps, the renormalisation over what a customer
 * has, the class thresholds just either side, and the defaults. Every expected value is worked
 * by hand in the comment beside it; none comes from the code under test.
 *
 * With two customers and one indicator, the percentile ranks (B + E/2)/m are 0.25 (lower) and
 * 0.75 (higher); a tie gives both 0.5. So pairing an indicator X against a reference indicator
 * on which both customers tie isolates X: index = 100·(w_ref·0.5 + w_X·PR_X)/(w_ref + w_X),
 * which moves with w_X and flips with X's direction.
 */
import { CvaError, ErrorCodes } from "../../../src/core/errors";
import {
  complaintIceberg,
  DEFAULT_COMPLAINT_ICEBERG,
  DEFAULT_LOYALTY_THRESHOLDS,
  DEFAULT_WORD_OF_MOUTH,
  indicatorLabel,
  LOYALTY_CLASSES,
  LOYALTY_INDICATORS,
  loyaltyClass,
  loyaltyClassLabel,
  loyaltyIndex,
  loyaltyIndexColumn,
  percentileRanks,
  wordOfMouth,
  type LoyaltyIndicator,
} from "../../../src/core/segments/loyalty";
import { thrown } from "../../support/thrown";

/** The index list matches `expected` entry by entry: null where null, else to 10 decimals (floating-point sums). */
function expectIndex(actual: readonly (number | null)[], expected: readonly (number | null)[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i]).toBeNull();
    else expect(actual[i]).toBeCloseTo(e, 10);
  });
}

describe("percentile rank PR = (B + E/2)/m (docs/loyalty.md §3)", () => {
  it("ties share a rank, in any row order: 40, 10, 20, 20 rank 0.875, 0.125, 0.5, 0.5", () => {
    // Sorted 10, 20, 20, 40. 40: B 3, E 1 → 3.5/4 = 0.875; 10: B 0, E 1 → 0.5/4 = 0.125;
    // 20: B 1, E 2 → 2/4 = 0.5. Rows out of order, so an unsorted search would misplace them.
    expect(Array.from(percentileRanks([40, 10, 20, 20]))).toEqual([0.875, 0.125, 0.5, 0.5]);
  });
  it("sorts numerically, not as text: 9 ranks below 10 and 100", () => {
    // As text "10" < "100" < "9"; as numbers 9 < 10 < 100 → 9: 0.5/3, 10: 1.5/3, 100: 2.5/3.
    const pr = percentileRanks([100, 9, 10]);
    expect(pr[0]).toBeCloseTo(2.5 / 3, 12);
    expect(pr[1]).toBeCloseTo(0.5 / 3, 12);
    expect(pr[2]).toBeCloseTo(1.5 / 3, 12);
  });
  it("a missing entry (null, NaN, ±Infinity) has no rank and does not count in m", () => {
    // Known values 30, 10 only (m = 2): 30 → 1.5/2 = 0.75, 10 → 0.5/2 = 0.25.
    const pr = Array.from(percentileRanks([null, 30, NaN, 10, Infinity, -Infinity]));
    expect(pr[1]).toBe(0.75);
    expect(pr[3]).toBe(0.25);
    for (const i of [0, 2, 4, 5]) expect(pr[i]).toBeNaN();
    expect(pr).toHaveLength(6);
  });
  it("all equal: everyone 0.5; one value: 0.5; none: empty", () => {
    expect(Array.from(percentileRanks([3, 3, 3]))).toEqual([0.5, 0.5, 0.5]); // B 0, E 3 → 1.5/3
    expect(Array.from(percentileRanks([7]))).toEqual([0.5]);
    expect(Array.from(percentileRanks([]))).toEqual([]);
  });
});

describe("loyalty index: each indicator's weight and direction (docs/loyalty.md §1, §4)", () => {
  // Reference: repeat rate tied at 0.5 for both customers (weight 0.30, rank 0.5 each).
  // X = [1, 3]: customer 1 has the lower value. Index = 100·(0.15 + w·PR)/(0.3 + w).
  const tie = { repeatRate: [0.5, 0.5] };

  it("purchase amount: higher is better, weight 0.20", () => {
    // c1: (0.15 + 0.2·0.25)/0.5 = 0.20/0.5 = 40; c2: (0.15 + 0.2·0.75)/0.5 = 0.30/0.5 = 60.
    // (Weight 0.4 would give 0.25/0.7 = 35.71 and 0.45/0.7 = 64.29; lower-is-better 60 / 40.)
    const idx = loyaltyIndex({ ...tie, purchaseAmount: [1, 3] }, 2);
    expect(idx[0]).toBeCloseTo(40, 10);
    expect(idx[1]).toBeCloseTo(60, 10);
  });
  it("complaint rate: LOWER is better, weight 0.15", () => {
    // Turned ranks: c1 (1 complaint/order) 1 − 0.25 = 0.75, c2 1 − 0.75 = 0.25.
    // c1: (0.15 + 0.15·0.75)/0.45 = 0.2625/0.45 = 58.333…; c2: (0.15 + 0.0375)/0.45 = 41.666….
    const idx = loyaltyIndex({ ...tie, complaintRate: [1, 3] }, 2);
    expect(idx[0]).toBeCloseTo(175 / 3, 10);
    expect(idx[1]).toBeCloseTo(125 / 3, 10);
  });
  it("price sensitivity: LOWER is better, weight 0.10 — two customers differing only in it", () => {
    // c1 (sensitivity 1) turned rank 0.75, c2 (sensitivity 3) 0.25.
    // c1: (0.15 + 0.1·0.75)/0.4 = 0.225/0.4 = 56.25; c2: (0.15 + 0.025)/0.4 = 0.175/0.4 = 43.75.
    // Flipping the direction would swap them; weight 0.4 would give 0.45/0.7 = 64.29 for c1.
    const idx = loyaltyIndex({ ...tie, priceSensitivity: [1, 3] }, 2) as number[];
    expect(idx[0]).toBeGreaterThan(idx[1]); // the more price-sensitive customer is less loyal
    expect(idx[0]).toBeCloseTo(56.25, 10);
    expect(idx[1]).toBeCloseTo(43.75, 10);
  });
  it("reputation: higher is better, weight 0.10 (0.4 would give 64.29)", () => {
    // c1: (0.15 + 0.1·0.25)/0.4 = 0.175/0.4 = 43.75; c2: (0.15 + 0.075)/0.4 = 56.25.
    // Weight 0.4: c2 (0.15 + 0.3)/0.7 = 64.2857…, c1 (0.15 + 0.1)/0.7 = 35.714….
    const idx = loyaltyIndex({ ...tie, reputation: [1, 3] }, 2);
    expect(idx[0]).toBeCloseTo(43.75, 10);
    expect(idx[1]).toBeCloseTo(56.25, 10);
  });
  it("brand designation: higher is better, weight 0.05", () => {
    // c1: (0.15 + 0.05·0.25)/0.35 = 0.1625/0.35 = 46.428571…; c2: (0.15 + 0.0375)/0.35 = 53.571428….
    const idx = loyaltyIndex({ ...tie, designation: [1, 3] }, 2);
    expect(idx[0]).toBeCloseTo(325 / 7, 10);
    expect(idx[1]).toBeCloseTo(375 / 7, 10);
  });
  it("P(alive): higher is better, weight 0.10", () => {
    // As reputation: c1 43.75, c2 56.25.
    const idx = loyaltyIndex({ ...tie, pAlive: [0.2, 0.9] }, 2);
    expect(idx[0]).toBeCloseTo(43.75, 10);
    expect(idx[1]).toBeCloseTo(56.25, 10);
  });
  it("repeat rate: higher is better, weight 0.30 (against purchase amount 0.20, tied)", () => {
    // Purchase amount tied: 0.2·0.5 = 0.1. c1: (0.1 + 0.3·0.25)/0.5 = 0.175/0.5 = 35;
    // c2: (0.1 + 0.3·0.75)/0.5 = 0.325/0.5 = 65.
    const idx = loyaltyIndex({ purchaseAmount: [5, 5], repeatRate: [0.1, 0.6] }, 2);
    expect(idx[0]).toBeCloseTo(35, 10);
    expect(idx[1]).toBeCloseTo(65, 10);
  });
  it("a single indicator scores its rank × 100 whatever its weight; a turned one 100 − that", () => {
    // Reputation alone: 0.25, 0.75 → 25, 75. Price sensitivity alone: turned → 75, 25.
    expectIndex(loyaltyIndex({ reputation: [1, 3] }, 2), [25, 75]);
    expectIndex(loyaltyIndex({ priceSensitivity: [1, 3] }, 2), [75, 25]);
  });
  it("the weight table is the one of docs/loyalty.md §1", () => {
    const table: Record<LoyaltyIndicator, [boolean, number]> = {
      repeatRate: [true, 0.3],
      purchaseAmount: [true, 0.2],
      complaintRate: [false, 0.15],
      priceSensitivity: [false, 0.1],
      reputation: [true, 0.1],
      designation: [true, 0.05],
      pAlive: [true, 0.1],
    };
    expect(LOYALTY_INDICATORS.map((x) => [x.key, x.higherIsBetter, x.weight])).toEqual(
      Object.entries(table).map(([k, [h, w]]) => [k, h, w]),
    );
  });
});

describe("loyalty index: all seven indicators, missing values, renormalisation (docs/loyalty.md §4)", () => {
  it("three customers, seven indicators with ties and gaps", () => {
    // Ranks (m = customers who have the indicator), turned where lower is better:
    //   repeat 0.2/0.5/0.8            → 1/6, 3/6, 5/6            (w 0.30)
    //   purchase 300/100/200          → 5/6, 1/6, 3/6            (w 0.20)
    //   complaint 0/0/0.5, lower      → 1 − 1/3 = 2/3, 2/3, 1 − 5/6 = 1/6 (w 0.15)
    //   price sens. –/4/2, lower, m=2 → –, 1 − 0.75 = 0.25, 0.75 (w 0.10)
    //   reputation 7/7/3              → (1 + 1)/3 = 2/3, 2/3, 0.5/3 = 1/6 (w 0.10)
    //   designation 1/5/3             → 1/6, 5/6, 3/6            (w 0.05)
    //   P(alive) 0.9/0.1/–, m=2       → 0.75, 0.25, –            (w 0.10)
    // In 120ths of the weighted sum:
    //   c1: 6 + 20 + 12 + – + 8 + 1 + 9 = 56 → 56/120 / 0.90 = 14/27 → 1400/27 = 51.851851…
    //   c2: 18 + 4 + 12 + 3 + 8 + 5 + 3 = 53 → 53/120 / 1.00 → 265/6 = 44.1666…
    //   c3: 30 + 12 + 3 + 9 + 2 + 3 + – = 59 → 59/120 / 0.90 → 1475/27 = 54.629629…
    // (Checked with exact fractions in Python.)
    const idx = loyaltyIndex(
      {
        repeatRate: [0.2, 0.5, 0.8],
        purchaseAmount: [300, 100, 200],
        complaintRate: [0, 0, 0.5],
        priceSensitivity: [null, 4, 2],
        reputation: [7, 7, 3],
        designation: [1, 5, 3],
        pAlive: [0.9, 0.1, NaN],
      },
      3,
    );
    expect(idx).toHaveLength(3);
    expect(idx[0]).toBeCloseTo(1400 / 27, 10);
    expect(idx[1]).toBeCloseTo(265 / 6, 10);
    expect(idx[2]).toBeCloseTo(1475 / 27, 10);
  });
  it("a customer with no indicator has null in the list and NaN in the column; n entries exactly", () => {
    // Customer 3 has neither: null. Customers 1, 2: repeat 0.25/0.75 → 25, 75.
    expectIndex(loyaltyIndex({ repeatRate: [1, 2, null], reputation: [null, null, NaN] }, 3), [25, 75, null]);
    const col = loyaltyIndexColumn({ repeatRate: [1, 2, null] }, 3);
    expect(col).toBeInstanceOf(Float64Array);
    expect(col[0]).toBeCloseTo(25, 10);
    expect(col[1]).toBeCloseTo(75, 10);
    expect(col[2]).toBeNaN();
    expect(col).toHaveLength(3);
    expectIndex(loyaltyIndex({}, 2), [null, null]);
    expectIndex(loyaltyIndex({}, 0), []);
  });
  it("an indicator given as undefined is left out (its weight not counted)", () => {
    // Only repeat rate counts: 25, 75.
    expectIndex(loyaltyIndex({ repeatRate: [1, 2], reputation: undefined }, 2), [25, 75]);
  });
});

describe("loyalty weights: the setting, zero and errors (docs/loyalty.md §1)", () => {
  it("a weight given overrides only its own default", () => {
    // Reputation weight 0.4 against the repeat tie (default 0.30): c2 (0.15 + 0.4·0.75)/0.7 = 0.45/0.7 = 64.2857…;
    // c1 (0.15 + 0.1)/0.7 = 35.714….
    const idx = loyaltyIndex({ repeatRate: [0.5, 0.5], reputation: [1, 3] }, 2, { reputation: 0.4 });
    expect(idx[0]).toBeCloseTo(250 / 7, 10);
    expect(idx[1]).toBeCloseTo(450 / 7, 10);
    // Equal weights 1 and 1 for repeat and complaint (docs/loyalty.md §8): (0.25 + 0.75)/2 = 50 each.
    expectIndex(loyaltyIndex({ repeatRate: [0.1, 0.9], complaintRate: [0, 2] }, 2, { repeatRate: 1, complaintRate: 1 }), [50, 50]);
  });
  it("a weight of 0 leaves the indicator out: a customer with only that indicator has no index", () => {
    // Reputation weight 0: c1 repeat only → 25 / c2 repeat 75; c3 has only reputation → null.
    expectIndex(loyaltyIndex({ repeatRate: [1, 2, null], reputation: [9, 1, 5] }, 3, { reputation: 0 }), [25, 75, null]);
  });
  it("a negative, NaN or infinite weight is OUT_OF_RANGE naming the indicator", () => {
    for (const w of [-0.01, NaN, Infinity, -Infinity]) {
      const e = thrown(() => loyaltyIndex({ repeatRate: [1, 2], reputation: [1, 2] }, 2, { reputation: w }));
      expect(e.code).toBe(ErrorCodes.OutOfRange);
      expect(e.key).toBe("loyalty.weight");
      expect(e.params).toEqual({ indicator: { "en-US": "Reputation", "zh-CN": "美誉度" }, got: String(w) });
      expect(e.where).toEqual({ argument: "reputation" });
    }
    // 0 itself is allowed (the boundary of "0 or more").
    expect(() => loyaltyIndex({ repeatRate: [1, 2] }, 2, { reputation: 0 })).not.toThrow();
  });
  it("a column of the wrong length is OUT_OF_RANGE naming the indicator and both counts", () => {
    const e = thrown(() => loyaltyIndex({ repeatRate: [1, 2], priceSensitivity: [1, 2, 3] }, 2));
    expect(e.code).toBe(ErrorCodes.OutOfRange);
    expect(e.key).toBe("loyalty.lengthMismatch");
    expect(e.params).toEqual({ indicator: { "en-US": "Price sensitivity", "zh-CN": "价格敏感度" }, count: 3, customers: 2 });
    expect(e.where).toEqual({ argument: "priceSensitivity" });
    expect(() => loyaltyIndex({ repeatRate: [1] }, 2)).toThrow(CvaError);
  });
});

describe("loyalty classes at their thresholds (docs/loyalty.md §5)", () => {
  it("defaults are 70 / 50 / 30", () => {
    expect(DEFAULT_LOYALTY_THRESHOLDS).toEqual({ loyal: 70, satisfied: 50, atRisk: 30 });
    expect(LOYALTY_CLASSES).toEqual(["loyal", "satisfied", "atRisk", "defecting"]);
  });
  it("70 is loyal, 69.99 satisfied (threshold 70)", () => {
    expect(loyaltyClass(70.01)).toBe("loyal");
    expect(loyaltyClass(70)).toBe("loyal");
    expect(loyaltyClass(69.99)).toBe("satisfied");
  });
  it("50 is satisfied, 49.99 at risk (threshold 50)", () => {
    expect(loyaltyClass(50.01)).toBe("satisfied");
    expect(loyaltyClass(50)).toBe("satisfied");
    expect(loyaltyClass(49.99)).toBe("atRisk");
  });
  it("30 is at risk, 29.99 defecting (threshold 30); 0 and 100 at the ends", () => {
    expect(loyaltyClass(30.01)).toBe("atRisk");
    expect(loyaltyClass(30)).toBe("atRisk");
    expect(loyaltyClass(29.99)).toBe("defecting");
    expect(loyaltyClass(0)).toBe("defecting");
    expect(loyaltyClass(100)).toBe("loyal");
  });
  it("thresholds given as a setting replace the defaults (80 / 60 / 40)", () => {
    const th = { loyal: 80, satisfied: 60, atRisk: 40 };
    expect([80, 79.99, 60, 59.99, 40, 39.99].map((v) => loyaltyClass(v, th))).toEqual([
      "loyal", "satisfied", "satisfied", "atRisk", "atRisk", "defecting",
    ]);
  });
  it("an index computed from data lands on the side its value says", () => {
    // Four customers, repeat rate 1 < 2 < 3 < 4 alone: ranks 0.125, 0.375, 0.625, 0.875 →
    // 12.5 defecting, 37.5 at risk, 62.5 satisfied, 87.5 loyal.
    const idx = loyaltyIndex({ repeatRate: [1, 2, 3, 4] }, 4) as number[];
    expectIndex(idx, [12.5, 37.5, 62.5, 87.5]);
    expect(idx.map((v) => loyaltyClass(v))).toEqual(["defecting", "atRisk", "satisfied", "loyal"]);
  });
  it("labels in both languages (docs/loyalty.md §5, §1)", () => {
    expect(LOYALTY_CLASSES.map((c) => loyaltyClassLabel(c, "en-US"))).toEqual(["Loyal", "Satisfied", "Wavering", "Defecting"]);
    expect(LOYALTY_CLASSES.map((c) => loyaltyClassLabel(c, "zh-CN"))).toEqual(["忠诚", "满意", "动摇", "流失倾向"]);
    expect(indicatorLabel("designation", "en-US")).toBe("Brand designation");
    expect(indicatorLabel("pAlive", "zh-CN")).toBe("存活概率");
  });
});

describe("complaint iceberg and word of mouth: defaults and settings (docs/loyalty.md §6–§7)", () => {
  it("each complaint stands for 20 dissatisfied customers by default", () => {
    expect(DEFAULT_COMPLAINT_ICEBERG).toBe(20);
    expect(complaintIceberg(3)).toBe(60); // 3 × 20
    expect(complaintIceberg(0)).toBe(0);
    expect(complaintIceberg(3, 25)).toBe(75); // 3 × 25
  });
  it("satisfied tell 12, dissatisfied 20–25 by default", () => {
    expect(DEFAULT_WORD_OF_MOUTH).toEqual({ satisfied: 12, dissatisfiedLow: 20, dissatisfiedHigh: 25 });
    // 926 × 12 = 11,112; 1,431 × 20 = 28,620; 1,431 × 25 = 35,775 (docs/loyalty.md §7, CDNOW).
    expect(wordOfMouth(926, 1431)).toEqual({ positive: 11112, negativeLow: 28620, negativeHigh: 35775 });
    // Settings 10 / 15 / 30: 3 × 10 = 30; 2 × 15 = 30; 2 × 30 = 60.
    expect(wordOfMouth(3, 2, { satisfied: 10, dissatisfiedLow: 15, dissatisfiedHigh: 30 })).toEqual({ positive: 30, negativeLow: 30, negativeHigh: 60 });
  });
});
