import fc from "fast-check";
import {
  assignTiers, cumulativeShares, deliveredValue, gini, lifeCycle, lorenzCurve, loyaltyClass, loyaltyIndex, complaintIceberg,
  wordOfMouth, matchColumns, MESSAGES, paretoShare, percentileRanks, relationshipLevel, rfm, rfmScores, rfmSegment,
  RFM_SEGMENTS, t, tierLabel, tierStrategy, upgradePotential, valueRatio, volumeTrend, TRANSACTION_SYNONYMS, tierRole,
  type LifeCycleInput,
} from "../../src/core";

describe("pyramid tiers (docs/pyramid.md §2–§7)", () => {
  it("cuts 100 distinct values 1/19/30/50", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 100 is the best
    const tiers = assignTiers(values);
    const count = (k: number) => tiers.filter((x) => x === k).length;
    expect([count(1), count(2), count(3), count(4)]).toEqual([1, 19, 30, 50]);
    expect(tiers[99]).toBe(1);
    expect(tiers[80]).toBe(2); // value 81: rank 20 → 20/100 ≤ 0.20
    expect(tiers[79]).toBe(3); // value 80: rank 21
  });
  it("never lets equal values straddle a cut: the tie group takes its best member's tier", () => {
    // Shares 20/30/50 of 5: ranks 1 → tier 1, 2 → tier 2, 3–5 → tier 3 — but the 9s tie at ranks 1–2.
    expect(Array.from(assignTiers([5, 1, 9, 9, 3], [0.2, 0.3, 0.5]))).toEqual([3, 3, 1, 1, 3]);
    // All equal among 3: the group's best rank is 1, and 1/3 > 0.20 puts rank 1 in tier 3
    // (0.20 < 1/3 ≤ 0.50), so all three are tier 3 — nobody is pushed below the group's best.
    expect(Array.from(assignTiers([7, 7, 7]))).toEqual([3, 3, 3]);
  });
  it("puts nobody in the top 1 % of 10 customers", () => {
    const tiers = assignTiers([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(Array.from(tiers)).toEqual([2, 2, 3, 3, 3, 4, 4, 4, 4, 4]);
  });
  it("rejects shares that do not add up to 1", () => {
    expect(() => assignTiers([1, 2], [0.5, 0.4])).toThrow(/add up to 1/);
  });
  it("follows the cut-offs within tie groups (property)", () => {
    const shares = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }).map((w) => {
      const s = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / s);
    });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 200 }), shares, (values, sh) => {
        const n = values.length;
        const tiers = assignTiers(values, sh);
        const cum = cumulativeShares(sh);
        for (let i = 0; i < n; i++) {
          expect(tiers[i]).toBeGreaterThanOrEqual(1);
          expect(tiers[i]).toBeLessThanOrEqual(sh.length);
          // Higher value never gets a worse tier; equal values get the same tier.
          for (let j = 0; j < n; j++) {
            if (values[i] > values[j]) expect(tiers[i]).toBeLessThanOrEqual(tiers[j]);
            if (values[i] === values[j]) expect(tiers[i]).toBe(tiers[j]);
          }
        }
        for (let k = 1; k <= sh.length; k++) {
          // Customers in tiers ≤ k: exactly those whose tie group starts at a rank r with r/n ≤ c_k.
          const inTop = Array.from(tiers).filter((x) => x <= k).length;
          const limit = Math.floor(cum[k - 1] * n + 1e-9);
          expect(inTop).toBeGreaterThanOrEqual(Math.min(limit, n));
          // Any excess is one tie group straddling the cut: the customer at rank limit+1 ties with rank limit.
          if (inTop > limit) {
            const sorted = [...values].sort((a, b) => b - a);
            expect(limit).toBeGreaterThan(0);
            expect(sorted[inTop - 1]).toBe(sorted[limit - 1]);
          }
        }
      }),
    );
  });
  it("labels tiers in both languages and both label sets", () => {
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "en-US"))).toEqual(["Key – top", "Key", "Regular", "Small"]);
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "zh-CN"))).toEqual(["关键客户（顶层）", "关键客户", "普通客户", "小客户"]);
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "en-US", "metal"))).toEqual(["Platinum", "Gold", "Iron", "Lead"]);
    expect([1, 2, 3, 4].map((k) => tierLabel(k, 4, "zh-CN", "metal"))).toEqual(["铂金客户", "黄金客户", "铁客户", "铅客户"]);
    expect(tierLabel(5, 6, "zh-CN")).toBe("第5层");
  });
  it("gives tier roles and strategies by docs/pyramid.md §4 and §7", () => {
    expect([1, 2, 3, 4].map((k) => tierRole(k))).toEqual(["key", "key", "regular", "small"]);
    expect(tierStrategy("regular", true, "en-US")).toMatch(/develop toward the key/);
    expect(tierStrategy("regular", false, "en-US")).toMatch(/reduce the cost to serve/);
    expect(tierStrategy("small", false, "en-US")).toMatch(/raise the price of service or lower its cost/);
    expect(tierStrategy("small", true, "zh-CN")).toBe("有升级潜力：培养成为普通客户。");
    expect(tierStrategy("regular", null, "en-US", true)).toMatch(/win back/);
  });
  it("finds upgrade potential: predicted value above the tier's median", () => {
    // Tier 1 values 10, 20 → median 15: predictions 15 (not above), 25 (above). Tier 2 values 1, 3 → median 2.
    expect(upgradePotential([1, 1, 2, 2], [10, 20, 1, 3], [15, 25, 2.5, null])).toEqual([false, true, true, null]);
  });
});

describe("Pareto, Lorenz and Gini (hand-computed)", () => {
  // Values 1, 2, 3, 4 (total 10). Lorenz points (k/4, C_k/10): 0, .1, .3, .6, 1.
  // Gini = 1 − (1/4)·[(0+.1)+(.1+.3)+(.3+.6)+(.6+1)] = 1 − 3/4 = 0.25
  //      = Σ|xi−xj| over ordered pairs / (2 n² mean) = 20 / (2·16·2.5) = 0.25.
  // Top 20 % = 0.8 of the best customer: 0.8·4 / 10 = 0.32.
  it("computes the example", () => {
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 15);
    expect(paretoShare([1, 2, 3, 4])).toBeCloseTo(0.32, 15);
    expect(lorenzCurve([1, 2, 3, 4], 5).map((p) => p.value)).toEqual([0, 0.1, 0.3, 0.6, 1].map((v) => expect.closeTo(v, 15)));
  });
  it("is 0 and 20 % for equal values, and the classic 80/20 for one whale among five", () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(paretoShare([5, 5, 5, 5, 5])).toBeCloseTo(0.2, 15);
    // 0,0,0,0,100: the top 20 % (the whale) holds all; Gini = 1 − 1/5 = 0.8.
    expect(paretoShare([0, 0, 0, 0, 100])).toBeCloseTo(1, 15);
    expect(gini([0, 0, 0, 0, 100])).toBeCloseTo(0.8, 15);
  });
  it("refuses negative values and stays finite when the total is zero", () => {
    expect(() => gini([-5, 0, 10])).toThrow("values holds 1 negative value (the first -5)");
    expect(() => paretoShare([-1, -2])).toThrow("values holds 2 negative values (the first -1)");
    expect(gini([0, 0])).toBe(0);
    expect(paretoShare([0, 0])).toBeCloseTo(0.2, 15);
  });
});

describe("RFM (docs/rfm.md §2–§4)", () => {
  it("scores quintiles by minimum rank", () => {
    expect(Array.from(rfmScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Ties: three zeros have nobody below → 1; 5 has 3 below → ⌊5·3/5⌋+1 = 4; 9 → ⌊5·4/5⌋+1 = 5.
    expect(Array.from(rfmScores([0, 0, 0, 5, 9]))).toEqual([1, 1, 1, 4, 5]);
    // Recency (days since last purchase): smaller is better.
    expect(Array.from(rfmScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });
  it("puts every R×F cell in exactly one of the eleven segments", () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) seen.add(rfmSegment(r, f));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(rfmSegment(5, 5)).toBe("champions");
    expect(rfmSegment(5, 1)).toBe("new");
    expect(rfmSegment(4, 1)).toBe("promising");
    expect(rfmSegment(3, 3)).toBe("needAttention");
    expect(rfmSegment(3, 2)).toBe("aboutToSleep");
    expect(rfmSegment(2, 4)).toBe("atRisk");
    expect(rfmSegment(1, 5)).toBe("cannotLose");
    expect(rfmSegment(1, 1)).toBe("lost");
    expect(rfmSegment(1, 2)).toBe("hibernating");
    expect(rfmSegment(4, 4)).toBe("loyal");
    expect(rfmSegment(4, 3)).toBe("potentialLoyalist");
  });
  it("builds the three-digit cell", () => {
    // Five customers, the first best on all three (4 worse → ⌊5·4/5⌋+1 = 5), the last worst (→ 1).
    // With only two customers the best would score ⌊5·1/2⌋+1 = 3: quintiles need people.
    const res = rfm({ recency: [0, 1, 2, 3, 4], frequency: [5, 4, 3, 2, 1], monetary: [100, 50, 40, 30, 1] });
    expect(res.map((x) => x.cell)).toEqual(["555", "444", "333", "222", "111"]);
    expect(res.map((x) => x.segment)).toEqual(["champions", "loyal", "needAttention", "hibernating", "lost"]);
    expect(rfm({ recency: [0, 10], frequency: [5, 1], monetary: [100, 1] }).map((x) => x.cell)).toEqual(["333", "111"]);
  });
});

describe("life cycle (docs/lifecycle.md §2–§5)", () => {
  const base: LifeCycleInput = { purchases: 8, first: 0, last: 360, end: 365, periodDays: 91.3125 };
  it("computes the trend as slope / mean", () => {
    // [10,20,30,40]: slope Σ(k−1.5)(y−25)/Σ(k−1.5)² = 50/5 = 10; / mean 25 = 0.4.
    expect(volumeTrend([10, 20, 30, 40])).toBeCloseTo(0.4, 15);
    expect(volumeTrend([0, 0, 0, 0])).toBeNull();
  });
  it("classifies by the rules, in order", () => {
    const [formation, stability, decline, exploration, fresh, churned] = lifeCycle([
      { ...base, periodAmounts: [10, 20, 30, 40] }, // +0.4
      { ...base, periodAmounts: [30, 32, 28, 31] }, // slope −0.3 / 30.25 ≈ −0.01
      { ...base, periodAmounts: [40, 30, 20, 10] }, // −0.4
      { ...base, purchases: 2, periodAmounts: [0, 0, 0, 10] }, // at most 2 purchases
      { ...base, first: 300, periodAmounts: [0, 0, 0, 50] }, // first purchase within the last period
      { ...base, last: 60, periodAmounts: [50, 50, 0, 0] }, // silent 305 days > 3 × the population's gap, below
    ]);
    // Own gaps 360/7 (customers 1, 2, 3, 5), 360/1 (customer 4), 60/7 (customer 6): population gap
    // (4 · 360/7 + 360 + 60/7) / 6 = 95.71 days; customer 6 is silent 305 > 3 · max(95.71, 8.57) = 287.1.
    expect(formation.stage).toBe("formation");
    expect(stability.stage).toBe("stability");
    expect(decline.stage).toBe("decline");
    expect(exploration.stage).toBe("exploration");
    expect(fresh.stage).toBe("exploration");
    expect(churned.stage).toBe("churned");
  });
  it("uses P(alive) < 0.1 when a model gives it, and the silence rule as well (docs/customer-state.md §2)", () => {
    const [alive, dead, silent] = lifeCycle([
      { ...base, periodAmounts: [10, 20, 30, 40], pAlive: 0.5 },
      { ...base, periodAmounts: [10, 20, 30, 40], pAlive: 0.05 },
      // Population gap (360/7 · 2 + 100/7) / 3 = 39.05 days; own 14.3: silent 265 > 3 · 39.05 = 117.1.
      { ...base, last: 100, periodAmounts: [50, 50, 0, 0], pAlive: 0.5 },
    ]);
    expect(alive.stage).toBe("formation");
    expect(dead.stage).toBe("churned");
    expect(silent.stage).toBe("churned");
  });
  it("names the exit pattern by the stage left in", () => {
    const res = lifeCycle([
      { ...base, purchases: 2, last: 10, pAlive: 0 }, // exploration → A
      { ...base, exitPeriodAmounts: [10, 20, 30, 40], pAlive: 0 }, // formation → B
      { ...base, first: 200, exitPeriodAmounts: [30, 30, 30, 30], pAlive: 0 }, // stability, tenure 160 < median → C
      { ...base, exitPeriodAmounts: [30, 30, 30, 30], pAlive: 0 }, // stability, tenure 360 ≥ median → D
      { ...base, exitPeriodAmounts: [40, 30, 20, 10], pAlive: 0 }, // decline → D
    ]);
    // Tenures 10, 360, 160, 360, 360 → median 360.
    expect(res.map((r) => r.exitPattern)).toEqual(["A", "B", "C", "D", "D"]);
  });
});

describe("relationship level (docs/relationship.md §2)", () => {
  it("applies the four rules", () => {
    expect(relationshipLevel({ frequency: 0, role: "key", stage: "stability", tenureDays: 1000 })).toBe(1);
    expect(relationshipLevel({ frequency: 5, role: "key", stage: "stability", tenureDays: 731 })).toBe(4);
    expect(relationshipLevel({ frequency: 5, role: "key", stage: "stability", tenureDays: 700 })).toBe(3);
    expect(relationshipLevel({ frequency: 5, role: "regular", stage: "decline", tenureDays: 100 })).toBe(3);
    expect(relationshipLevel({ frequency: 5, role: "small", stage: "formation", tenureDays: 100 })).toBe(3);
    expect(relationshipLevel({ frequency: 5, role: "small", stage: "decline", tenureDays: 100 })).toBe(2);
    expect(relationshipLevel({ frequency: 5, role: "key", stage: "decline", tenureDays: 1000 })).toBe(2);
  });
});

describe("loyalty (docs/loyalty.md §3–§7)", () => {
  it("ranks by percentile (B + E/2)/n", () => {
    expect(Array.from(percentileRanks([10, 20, 20, 40]))).toEqual([0.125, 0.5, 0.5, 0.875]);
  });
  it("renormalises the weights over the indicators present", () => {
    // Repeat PR .25/.75 (weight .30); complaint rate 0 vs 2, lower is better → .75/.25 (weight .15).
    // Customer 1: (.3·.25 + .15·.75)/.45 = .1875/.45 = 41.67; customer 2: (.3·.75 + .15·.25)/.45 = 58.33.
    const idx = loyaltyIndex({ repeatRate: [0.1, 0.9], complaintRate: [0, 2] }, 2);
    expect(idx[0]).toBeCloseTo(41.6667, 3);
    expect(idx[1]).toBeCloseTo(58.3333, 3);
    // Customer 2 has no complaint data: its index uses the repeat rate alone (.75 → 75).
    const partial = loyaltyIndex({ repeatRate: [0.1, 0.9], complaintRate: [0, null] }, 2);
    expect(partial[1]).toBeCloseTo(75, 10);
    expect(loyaltyIndex({}, 1)).toEqual([null]);
  });
  it("classes, iceberg and word of mouth", () => {
    expect([70, 69.9, 50, 30, 29.9].map((v) => loyaltyClass(v))).toEqual(["loyal", "satisfied", "satisfied", "atRisk", "defecting"]);
    expect(complaintIceberg(3)).toBe(60);
    expect(wordOfMouth(10, 2)).toEqual({ positive: 120, negativeLow: 40, negativeHigh: 50 });
  });
});

describe("delivered value and value ratio (docs/delivered-value.md §2–§5)", () => {
  it("sums and compares", () => {
    // Value 50+20+10+20 = 100; cost 60+10+5+5 = 80; delivered 20; ratio 1.25.
    expect(deliveredValue({ product: 50, service: 20, personnel: 10, image: 20 }, { money: 60, time: 10, energy: 5, physical: 5 })).toEqual({
      totalValue: 100, totalCost: 80, deliveredValue: 20, deliveredRatio: 1.25,
    });
    // Sensory burden adds to the cost; weights apply: 2·50 = 100 value, 80 + 20 = 100 cost.
    expect(deliveredValue({ product: 50 }, { money: 80, sensory: 20 }, { value: { product: 2 } }).deliveredRatio).toBe(1);
    expect(deliveredValue({ product: 1 }, {}).deliveredRatio).toBeNull();
    expect(valueRatio(1.2, 0.8)).toBeCloseTo(1.5, 15);
    expect(() => valueRatio(1, 0)).toThrow(/price/);
  });
});

describe("i18n and columns", () => {
  it("has every key in both languages, none empty", () => {
    const en = Object.keys(MESSAGES["en-US"]).sort();
    expect(Object.keys(MESSAGES["zh-CN"]).sort()).toEqual(en);
    for (const lang of ["en-US", "zh-CN"] as const) for (const k of en) expect(MESSAGES[lang][k as keyof (typeof MESSAGES)["en-US"]]).not.toBe("");
    expect(t("zh-CN", "stage.churned")).toBe("流失");
    expect(t("en-US", "loyalty.iceberg", { complaints: 3, dissatisfied: 60 })).toMatch(/3 complaints .* 60/);
  });
  it("matches headers in English or Chinese, any case, with synonyms and overrides", () => {
    expect(matchColumns(["客户编号", "交易日期", "金额"], TRANSACTION_SYNONYMS, ["id", "date", "amount"])).toMatchObject({ id: 0, date: 1, amount: 2 });
    expect(matchColumns(["Customer ID", "ORDER_DATE", "Sales", "CDs"], TRANSACTION_SYNONYMS, ["id", "date", "amount"])).toMatchObject({ id: 0, date: 1, amount: 2, quantity: 3 });
    expect(matchColumns(["who", "when", "how much"], TRANSACTION_SYNONYMS, ["id"], { id: "who", date: "when", amount: "How Much" })).toMatchObject({ id: 0, date: 1, amount: 2 });
    expect(() => matchColumns(["id", "date"], TRANSACTION_SYNONYMS, ["id", "date", "amount"])).toThrow(/missing column for amount/);
  });
});
