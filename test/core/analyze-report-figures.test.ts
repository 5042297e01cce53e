// The report's figures for five customers worked by hand (src/core/analyze/report.ts): per tier
// the count, value, revenue, their shares and means, the mean CLV and the upgrade count; the key
// customers; the customers at risk; the life-cycle, exit-pattern and level counts; and the
// loyalty part (indicators, mean index, classes, complaints, the iceberg and word of mouth).
import { analyze, type CustomerProfile, type CustomerSummary } from "../../src/core";

// Seen until 2024-12-31. Margin is half the amount, but all of R1's; so the value measure
// (margin) and the revenue differ: R1 40 of 40, R2 10 of 20, R3 10 of 20, R4 10 of 20, R5 5 of 10.
const transactions = () =>
  (
    [
      ["R1", "2024-01-15", 10, 10],
      ["R1", "2024-05-15", 10, 10],
      ["R1", "2024-08-15", 10, 10],
      ["R1", "2024-11-15", 10, 10],
      ["R2", "2024-01-10", 10, 5],
      ["R2", "2024-08-10", 10, 5],
      ["R3", "2024-07-01", 10, 5],
      ["R3", "2024-12-01", 10, 5],
      ["R4", "2024-04-05", 10, 5],
      ["R4", "2024-06-05", 10, 5],
      ["R5", "2024-02-01", 10, 5],
    ] as const
  ).map(([customerId, date, amount, margin]) => ({ customerId, date, amount, margin }));
const profiles: CustomerProfile[] = [
  { customerId: "R1", complaints: 2, reputation: 5 },
  { customerId: "R2", complaints: 2, reputation: 4 },
  { customerId: "R3", complaints: 0 },
  { customerId: "R5", complaints: 1, repeatRate: 0.9 },
];
// the caller's own model, for R1–R5 in id order
const predictor = (summaries: CustomerSummary[]) => ({
  pAlive: summaries.map((s) => ({ R1: 0.9, R2: 0.2, R3: 0.5, R4: 0.7, R5: 0.4 })[s.customerId] as number),
  expectedPurchases: summaries.map(() => 1),
  clv: summaries.map((s) => ({ R1: 0, R2: 25, R3: 9, R4: 21, R5: 4 })[s.customerId] as number),
});
const NONE = { repeatRate: 0, purchaseAmount: 0, complaintRate: 0, priceSensitivity: 0, reputation: 0, designation: 0, pAlive: 0 };
const report = (extra: object = {}) =>
  analyze(
    { transactions: transactions(), profiles },
    // loyalty from the repeat rate alone: R1 4/4, R2 2/4, R3 2/3, R4 1/3, R5 0.9 (given) → 90, 30, 50, 10, 70
    { end: "2024-12-31", predictor, valueMeasure: "margin", tierShares: [0.2, 0.8], loyaltyWeights: { ...NONE, repeatRate: 1 }, ...extra },
  ).report;

test("per tier: count, value, revenue, their shares and means, mean CLV and upgrade potential; the key customers", () => {
  const r = report();
  // total margin 40 + 10 + 10 + 10 + 5 = 75; revenue 40 + 20 + 20 + 20 + 10 = 110
  expect([r.totalValue, r.totalRevenue]).toStrictEqual([75, 110]);
  // tier 1, the top 20 %: R1 (margin 40), key. Its CLV 0 is not above its tier's median 40.
  // tier 2: R2–R5, margins 10, 10, 10, 5 (median 10), CLVs 25 (above), 9, 21 (above), 4
  const tiers = r.tiers.map((t) => ({ ...t, label: undefined, strategy: undefined }));
  expect(tiers).toEqual([
    { tier: 1, role: "key", count: 1, customerShare: 0.2, value: 40, valueShare: 40 / 75, meanValue: 40, revenue: 40, revenueShare: 40 / 110, meanClv: 0, upgradePotential: 0 },
    { tier: 2, role: "small", count: 4, customerShare: 0.8, value: 35, valueShare: 35 / 75, meanValue: 8.75, revenue: 70, revenueShare: 70 / 110, meanClv: 59 / 4, upgradePotential: 2 },
  ]);
  expect(r.keyCustomers).toStrictEqual({ label: "Key customers", count: 1, customerShare: 0.2, valueShare: 40 / 75 });
  // the Pareto check: the top 20 % (R1) hold 40 of 75
  expect(r.pareto).toStrictEqual({ top: 0.2, valueShare: 40 / 75 });
});

test("without any prediction the tiers' upgrade potential and mean CLV are not known", () => {
  const r = analyze({ transactions: transactions() }, { end: "2024-12-31", model: "none", valueMeasure: "margin", tierShares: [0.2, 0.8] }).report;
  expect(r.tiers.map((t) => [t.upgradePotential, t.meanClv])).toStrictEqual([[null, null], [null, null]]);
});

test("at risk: not churned, with P(alive) below 0.5 or in decline", () => {
  // R2 (P(alive) 0.2) and R5 (0.4); R3's 0.5 is not below. Margin 10 + 5 of 75, revenue 20 + 10.
  expect(report().atRisk).toStrictEqual({ count: 2, customerShare: 0.4, value: 15, valueShare: 0.2, revenue: 30, pAliveBelow: 0.5 });
});

test("stage, exit-pattern and level counts", () => {
  const r = report();
  // R2–R5 have at most 2 purchases: exploring. None is silent beyond 3 × the mean time between
  // purchases ((305/3 + 213 + 153 + 61)/4 = 132.2 days; R5 is silent 334 < 396.5), and no
  // P(alive) is below 0.1. R1's four quarters hold 10 each: no trend, stable.
  expect(Object.fromEntries(r.stages.map((s) => [s.stage, [s.count, s.share]]))).toStrictEqual({
    exploration: [4, 0.8], formation: [0, 0], stability: [1, 0.2], decline: [0, 0], churned: [0, 0],
  });
  expect(r.exitPatterns.map((e) => [e.pattern, e.count])).toStrictEqual([["A", 0], ["B", 0], ["C", 0], ["D", 0]]);
  // R5 never repeated (1); R2–R4 small and exploring (2); R1 key and stable but 351 days (3)
  expect(r.levels.map((l) => [l.level, l.count])).toStrictEqual([[1, 1], [2, 3], [3, 1], [4, 0]]);
});

test("loyalty: the indicators the data give, the mean index, the classes, complaints, the iceberg and word of mouth", () => {
  const r = report();
  // repeat rate and purchase amount always; complaints give the complaint rate; reputation given; P(alive) from the predictor
  expect(r.loyalty.indicators).toStrictEqual(["repeatRate", "purchaseAmount", "complaintRate", "reputation", "pAlive"]);
  // indices 90, 30, 50, 10, 70: mean 50; loyal (≥ 70) 2, satisfied 1, wavering 1, defecting 1
  expect(r.loyalty.meanIndex).toBeCloseTo(50, 12);
  expect(r.loyalty.classes.map((c) => [c.class, c.count])).toStrictEqual([["loyal", 2], ["satisfied", 1], ["atRisk", 1], ["defecting", 1]]);
  // complaints 2 + 2 + 0 + 1 (R4 has none given) = 5, each standing for 20 dissatisfied
  expect([r.loyalty.complaints, r.loyalty.dissatisfiedEstimate]).toStrictEqual([5, 100]);
  expect(r.loyalty.icebergText).toContain("100");
  // 3 satisfied tell 12 each; 2 dissatisfied tell 20 to 25 each
  expect(r.loyalty.wordOfMouth).toStrictEqual({ positive: 36, negativeLow: 40, negativeHigh: 50 });
  // the options reach them
  const o = report({ complaintIceberg: 10, wordOfMouth: { satisfied: 5, dissatisfiedLow: 7, dissatisfiedHigh: 9 } });
  expect([o.loyalty.dissatisfiedEstimate, o.loyalty.wordOfMouth]).toStrictEqual([50, { positive: 15, negativeLow: 14, negativeHigh: 18 }]);
  expect(o.loyalty.wordOfMouthText).toMatch(/\b5\b[^]*\b7\b[^]*\b9\b/);
});

test("without complaints, no complaint figures; without an index, no mean", () => {
  const r = analyze({ transactions: transactions() }, { end: "2024-12-31", model: "none", loyaltyWeights: NONE }).report;
  expect([r.loyalty.complaints, r.loyalty.dissatisfiedEstimate, r.loyalty.icebergText, r.loyalty.meanIndex]).toStrictEqual([null, null, null, null]);
  // no model and no profile: only the indicators the transactions give
  expect(r.loyalty.indicators).toStrictEqual(["repeatRate", "purchaseAmount"]);
  expect(r.loyalty.classes.map((c) => c.count)).toStrictEqual([0, 0, 0, 0]);
});

test("the Lorenz curve has the points asked for, and the RFM segment counts add up to the customers", () => {
  const r = report({ lorenzPoints: 5 });
  // the customers' shares 0, ¼, ½, ¾, 1 of 5, poorest first: R5 5, R2–R4 10 each, R1 40 of 75;
  // between two customers the curve is a straight line: ¼ of 5 is R5 and a quarter of the next 10
  expect(r.lorenz.map((p) => p.customers)).toStrictEqual([0, 0.25, 0.5, 0.75, 1]);
  const expected = [0, 7.5, 20, 32.5, 75].map((v) => v / 75);
  r.lorenz.forEach((p, k) => expect(p.value).toBeCloseTo(expected[k], 12));
  expect(r.rfmSegments.reduce((a, s) => a + s.count, 0)).toBe(5);
});
