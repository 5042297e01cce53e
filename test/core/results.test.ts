// The per-customer results kept by column (src/core/results.ts, docs/output.md §9): each
// customer read from the columns, with the labels and strategies of the message tables. The
// columns are written by hand here, so every expected field is read off the table below and the
// tables' sentences (src/core/i18n/messages.ts), not computed by the analysis.
import { CustomerResults, resultTexts, type CustomerColumns } from "../../src/core/results";
import { summaryColumns } from "../../src/core/summary/customer-summary";
import type { TierRole } from "../../src/core/segments/pyramid";

// Four tiers, standard labels: tiers 1 and 2 key, 3 regular, 4 small (docs/pyramid.md §4).
const SHARES = [0.05, 0.15, 0.3, 0.5];
const ROLES: TierRole[] = ["key", "key", "regular", "small"];

/**
 * Six customers:
 *  id  tier upgrade stage        exit level loyalty (class)     pAlive clv  atRisk rfm (segment)
 *  c0  1    yes     exploration  –    4     0.8 (loyal)         0.9    120  no     5 4 3 (champions, 0)
 *  c1  3    no      churned      B    2     – (–)               –      –    yes    1 1 1 (lost, 10)
 *  c2  0    –       decline      D    1     0.2 (defecting)     0.3    5    yes    2 5 4 (atRisk, 7)
 *  c3  4    –       churned      A    3     0.5 (atRisk)        0.1    0    no     1 2 5 (hibernating, 9)
 *  c4  2    yes     churned      C    3     0.6 (satisfied)     0.05   40   no     1 3 2 (cannotLose, 8)
 *  c5  3    yes     stability    –    2     0.7 (satisfied)     0.7    60   no     3 3 3 (needAttention, 5)
 */
function columns(withPrediction: boolean): CustomerColumns {
  const n = 6;
  const summaries = summaryColumns(n, 0, true, false);
  ["c0", "c1", "c2", "c3", "c4", "c5"].forEach((id, i) => {
    summaries.ids[i] = id;
    summaries.frequency[i] = i;
    summaries.monetary[i] = 10 * (i + 1);
    summaries.margin![i] = i === 1 ? NaN : 0.25;
  });
  return {
    summaries,
    value: Float64Array.from([500, 120, 80, 20, 300, 150]),
    tier: Uint16Array.from([1, 3, 0, 4, 2, 3]),
    upgradePotential: Int8Array.from([1, 0, -1, -1, 1, 1]),
    rfm: {
      r: Uint8Array.from([5, 1, 2, 1, 1, 3]),
      f: Uint8Array.from([4, 1, 5, 2, 3, 3]),
      m: Uint8Array.from([3, 1, 4, 5, 2, 3]),
      segment: Uint8Array.from([0, 10, 7, 9, 8, 5]),
    },
    stage: Uint8Array.from([0, 4, 3, 4, 4, 2]),
    exitPattern: Int8Array.from([-1, 1, 3, 0, 2, -1]),
    level: Uint8Array.from([4, 2, 1, 3, 3, 2]),
    loyaltyIndex: Float64Array.from([0.8, NaN, 0.2, 0.5, 0.6, 0.7]),
    loyaltyClass: Int8Array.from([0, -1, 3, 2, 1, 1]),
    pAlive: Float64Array.from([0.9, NaN, 0.3, 0.1, 0.05, 0.7]),
    atRisk: Uint8Array.from([0, 1, 1, 0, 0, 0]),
    expectedPurchases: withPrediction ? Float64Array.from([3, 0.5, 1, 0, 0.2, 2]) : null,
    clv: Float64Array.from([120, NaN, 5, 0, 40, 60]),
    delivered: withPrediction ? [{ totalValue: 10, totalCost: 4, deliveredValue: 6, deliveredRatio: 2.5 }, null, null, null, null, null] : null,
    valueRatio: withPrediction ? [2.5, null, null, null, null, null] : null,
  };
}

describe("CustomerResults", () => {
  const results = new CustomerResults(columns(true), resultTexts("en-US", SHARES, ROLES, "standard", 5));

  it("reads a key customer with every measure known", () => {
    expect(results.length).toBe(6);
    const c = results.at(0);
    expect(c.customerId).toBe("c0");
    expect([c.summary.customerId, c.summary.frequency, c.summary.monetary, c.summary.margin]).toEqual(["c0", 0, 10, 0.25]);
    expect([c.value, c.tier, c.tierLabel, c.tierRole, c.upgradePotential]).toEqual([500, 1, "Key – top", "key", true]);
    expect(c.tierStrategy).toBe("Concentrate the best resources: dedicated account team, planned visits, fast complaint handling, recognition rather than discounts.");
    expect(c.rfm).toEqual({ r: 5, f: 4, m: 3, cell: "543", segment: "champions", segmentLabel: "Champions" });
    expect([c.stage, c.stageLabel, c.stageStrategy]).toEqual(["exploration", "Exploration", "Win the trial: lowest price or best quality."]);
    expect([c.exitPattern, c.exitPatternLabel]).toEqual([null, null]);
    expect([c.level, c.levelLabel]).toEqual([4, "Partner"]);
    expect([c.loyaltyIndex, c.loyaltyClass, c.loyaltyClassLabel]).toEqual([0.8, "loyal", "Loyal"]);
    expect([c.pAlive, c.atRisk, c.expectedPurchases, c.clv]).toEqual([0.9, false, 3, 120]);
    expect(c.delivered).toEqual({ totalValue: 10, totalCost: 4, deliveredValue: 6, deliveredRatio: 2.5 });
    expect(c.valueRatio).toBe(2.5);
  });

  it("gives null for what is not known (NaN and −1 in the columns) and wins back a churned regular customer", () => {
    const c = results.at(1);
    expect(c.summary.margin).toBeNull();
    expect([c.tier, c.tierLabel, c.tierRole, c.upgradePotential]).toEqual([3, "Regular", "regular", false]);
    // churned, regular tier: a lost customer of value (docs/pyramid.md §7)
    expect(c.tierStrategy).toBe("Lost customer of value: win back.");
    expect(c.rfm).toEqual({ r: 1, f: 1, m: 1, cell: "111", segment: "lost", segmentLabel: "Lost" });
    expect([c.stage, c.stageLabel, c.stageStrategy]).toEqual(["churned", "Churned", "Win back customers of value; spend nothing more on the others."]);
    expect([c.exitPattern, c.exitPatternLabel]).toEqual(["B", "B: Mid-way"]);
    expect([c.level, c.levelLabel]).toEqual([2, "Customer"]);
    expect([c.loyaltyIndex, c.loyaltyClass, c.loyaltyClassLabel]).toEqual([null, null, null]);
    expect([c.pAlive, c.atRisk, c.expectedPurchases, c.clv, c.delivered, c.valueRatio]).toEqual([null, true, 0.5, null, null, null]);
  });

  it("labels a customer of no tier, whatever its stage", () => {
    const c = results.at(2);
    expect([c.tier, c.tierLabel, c.tierRole, c.upgradePotential]).toEqual([0, "No tier", "none", null]);
    expect(c.tierStrategy).toBe("No tier: every customer has the same value, so the pyramid cannot rank them; rank by another measure or check the data.");
    expect(c.rfm).toEqual({ r: 2, f: 5, m: 4, cell: "254", segment: "atRisk", segmentLabel: "Slipping away" });
    expect([c.stage, c.stageLabel, c.stageStrategy]).toEqual(["decline", "Decline", "Complaint recovery, raise switching barriers, win back."]);
    expect([c.exitPattern, c.exitPatternLabel, c.level, c.levelLabel]).toEqual(["D", "D: Long kept", 1, "Casual buyer"]);
    expect([c.loyaltyIndex, c.loyaltyClass, c.loyaltyClassLabel, c.pAlive, c.atRisk, c.clv]).toEqual([0.2, "defecting", "Defecting", 0.3, true, 5]);
  });

  it("does not win back a churned small customer, and wins back a churned key one", () => {
    const small = results.at(3);
    expect([small.tier, small.tierLabel, small.tierRole, small.upgradePotential, small.stage]).toEqual([4, "Small", "small", null, "churned"]);
    // upgrade not known: the small tier's text covers both cases
    expect(small.tierStrategy).toBe("Develop customers with upgrade potential toward the regular tier; for the others raise the price of service or lower its cost.");
    expect([small.exitPattern, small.exitPatternLabel, small.levelLabel, small.loyaltyClassLabel, small.clv]).toEqual(["A", "A: Early abortive", "Client", "Wavering", 0]);
    const key = results.at(4);
    expect([key.tier, key.tierLabel, key.tierRole, key.stage]).toEqual([2, "Key", "key", "churned"]);
    expect(key.tierStrategy).toBe("Lost customer of value: win back.");
    expect(key.rfm).toEqual({ r: 1, f: 3, m: 2, cell: "132", segment: "cannotLose", segmentLabel: "Cannot lose" });
    expect([key.exitPatternLabel, key.loyaltyClass, key.loyaltyClassLabel, key.pAlive]).toEqual(["C: Early exit", "satisfied", "Satisfied", 0.05]);
  });

  it("gives a regular customer that is not churned the strategy of its upgrade potential", () => {
    const c = results.at(5);
    expect([c.tierRole, c.upgradePotential, c.stage, c.stageLabel]).toEqual(["regular", true, "stability", "Stability"]);
    expect(c.tierStrategy).toBe("Upgrade potential: develop toward the key tiers.");
    expect(c.rfm).toEqual({ r: 3, f: 3, m: 3, cell: "333", segment: "needAttention", segmentLabel: "Need attention" });
  });

  it("iterates and lists the customers in order, each as at(i) gives it", () => {
    const listed = results.toArray();
    expect(listed.map((c) => c.customerId)).toEqual(["c0", "c1", "c2", "c3", "c4", "c5"]);
    expect([...results]).toEqual(listed);
    for (let i = 0; i < 6; i++) expect(listed[i]).toEqual(results.at(i));
  });

  it("gives null for the prediction, the delivered value and the value ratio when the columns have none", () => {
    const bare = new CustomerResults(columns(false), resultTexts("en-US", SHARES, ROLES, "standard", 5));
    expect(bare.toArray().map((c) => [c.expectedPurchases, c.delivered, c.valueRatio])).toEqual(Array.from({ length: 6 }, () => [null, null, null]));
  });
});

describe("resultTexts", () => {
  it("labels four tiers with the chosen set and any other count by number", () => {
    expect(resultTexts("en-US", SHARES, ROLES, "metal", 5).tierLabels).toEqual(["Platinum", "Gold", "Iron", "Lead"]);
    expect(resultTexts("en-US", [0.2, 0.3, 0.5], ["key", "regular", "small"], "standard", 5).tierLabels).toEqual(["Tier 1", "Tier 2", "Tier 3"]);
  });

  it("holds the texts of the language asked for, and the RFM bins and roles given", () => {
    const x = resultTexts("zh-CN", SHARES, ROLES, "standard", 3);
    expect(x.tierLabels).toEqual(["关键客户（顶层）", "关键客户", "普通客户", "小客户"]);
    expect(x.tierRoles).toEqual(ROLES);
    expect(x.noTierLabel).toBe("未分层");
    expect(x.rfmBins).toBe(3);
    expect([x.segmentLabels[0], x.stageLabels[3], x.exitLabels[0], x.levelLabels, x.classLabels[0]]).toEqual([
      "冠军客户",
      "退化期",
      "A：早期流产型",
      ["散客", "顾客", "客户", "合作伙伴"],
      "忠诚",
    ]);
    expect(x.segmentLabels).toHaveLength(11);
    expect(x.stageStrategies).toHaveLength(5);
    expect(x.exitLabels).toHaveLength(4);
    expect(x.classLabels).toHaveLength(4);
    // the strategy of a role, an upgrade potential and a lost customer, looked up once and reused
    expect(x.tierStrategy("small", false, false)).toBe(x.tierStrategy("small", false, false));
    expect(x.tierStrategy("regular", true, false)).not.toBe(x.tierStrategy("regular", false, false));
    expect(x.tierStrategy("regular", true, true)).not.toBe(x.tierStrategy("regular", true, false));
  });
});
