// How analyze hands each customer's data to the segment rules, column by column
// (src/core/analyze/segments.ts): the upgrade potential's forecast, the tier roles, the
// relationship level's tenure, the life cycle of profiles in weeks, the loyalty indicators the
// data give, the loyalty classes' thresholds, and delivered value and value ratio. The rules are
// tested on their own elsewhere; these small populations are worked by hand so that each column
// shows what the pipeline gave its rule. Percentile ranks are (B + E/2)/n (docs/loyalty.md §1).
import { analyze, analyzeColumns, type CustomerProfile, type CustomerSummary } from "../../src/core";

const byId = <T>(customers: { customerId: string }[], f: (c: never) => T): Record<string, T> =>
  Object.fromEntries(customers.map((c) => [c.customerId, f(c as never)]));

// Ten profiles in weeks, tiers of 20 %, 30 % and 50 %: P1–P2 key (top 20 %), P3–P5 regular,
// P6–P10 small (the last tier of several). Every one bought 2 weeks before its end.
const tenProfiles = (extra: Partial<CustomerProfile>[] = []): CustomerProfile[] =>
  [100, 90, 50, 40, 30, 10, 9, 8, 7, 6].map((revenue, i) => ({ customerId: `P${i + 1}`, frequency: 3, recency: 50, T: 52, revenue, ...extra[i] }));
const threeTiers = { model: "none", valueMeasure: "revenue", tierShares: [0.2, 0.3, 0.5] } as const;

test("upgrade potential: the profile's predicted value, else its CLV, above the median value of its tier; not known without either", () => {
  // tier medians: P1–P2 (100, 90) 95; P3–P5 (50, 40, 30) 40; P6–P10 (10, 9, 8, 7, 6) 8
  const forecasts: Partial<CustomerProfile>[] = [
    { predictedValue: 96 }, // 96 > 95
    { predictedValue: 94 }, // 94 < 95
    { clv: 41 }, // no predicted value: the CLV, 41 > 40
    { predictedValue: 39, clv: 1000 }, // the predicted value first: 39 < 40
    {}, // neither: not known
    { predictedValue: 8 }, // 8 is not above 8
    { predictedValue: 8.5 },
    { clv: null },
    { predictedValue: null, clv: 9 },
    {},
  ];
  const { customers, report } = analyze({ profiles: tenProfiles(forecasts) }, threeTiers);
  expect(byId(customers, (c: { upgradePotential: boolean | null }) => c.upgradePotential)).toStrictEqual({
    P1: true, P2: false, P3: true, P4: false, P5: null, P6: false, P7: true, P8: null, P9: true, P10: null,
  });
  // the report counts the yeses of each tier, though some customers have no forecast
  expect(report.tiers.map((t) => t.upgradePotential)).toStrictEqual([1, 1, 2]);
  // roles: the top 20 % are key customers, the last of several tiers small, the rest regular
  expect(customers.map((c) => `${c.tier}${c.tierRole}`)).toStrictEqual(["1key", "1key", "2regular", "2regular", "2regular", "3small", "3small", "3small", "3small", "3small"]);
});

test("no spread: every customer in tier 0 with role none and upgrade potential not known, and the report says why", () => {
  const profiles = tenProfiles([{ predictedValue: 1000 }, { predictedValue: 0 }]).map((p) => ({ ...p, revenue: 50 }));
  const { customers, report } = analyze({ profiles }, threeTiers);
  expect(new Set(customers.map((c) => `${c.tier} ${c.tierRole} ${c.upgradePotential}`))).toStrictEqual(new Set(["0 none null"]));
  expect(report.warnings.map((w) => [w.key, w.params.count])).toStrictEqual([["warn.noSpread", 10]]);
});

// Five customers seen until 2024-12-31 (a leap year). Periods of 91.3125 days back from the end
// (docs/summary.md §6): observed periods ⌊days since the first purchase / 91.3125⌋ + 1, active
// periods those with a purchase.
const fiveTransactions = () =>
  (
    [
      ["R1", "2024-01-15", 10], // 351 days before the end: period 3; then 230 (2), 138 (1), 46 (0): 4 of 4
      ["R1", "2024-05-15", 10],
      ["R1", "2024-08-15", 10],
      ["R1", "2024-11-15", 10],
      ["R2", "2024-01-10", 10], // 356 days: 4 observed; 143 days (period 1): 2 active
      ["R2", "2024-08-10", 10],
      ["R3", "2024-07-01", 10], // 183 days: ⌊2.004⌋ + 1 = 3 observed; 30 days (period 0): 2 active
      ["R3", "2024-12-01", 10],
      ["R4", "2024-04-05", 10], // 270 days: 3 observed; 209 days, the same period 2: 1 active
      ["R4", "2024-06-05", 10],
      ["R5", "2024-02-01", 10], // 334 days: 4 observed, 1 active
    ] as const
  ).map(([customerId, date, amount]) => ({ customerId, date, amount }));
// revenue: R1 40, R2 20, R3 20, R4 20, R5 10; orders: R1 4, R2 2, R3 2, R4 2, R5 1
const fiveProfiles: CustomerProfile[] = [
  { customerId: "R1", complaints: 2, priceSensitivity: 5, reputation: 5, designation: 1 },
  { customerId: "R2", complaints: 2, complaintRate: 0.1, priceSensitivity: 4, reputation: 4, designation: 1 },
  { customerId: "R3", complaints: 0, priceSensitivity: 3, reputation: 3, designation: 2 },
  { customerId: "R4", priceSensitivity: 2, reputation: 2 },
  { customerId: "R5", complaints: 1, repeatRate: 0.9, priceSensitivity: 1, reputation: 1, designation: 3 },
];
const NONE = { repeatRate: 0, purchaseAmount: 0, complaintRate: 0, priceSensitivity: 0, reputation: 0, designation: 0, pAlive: 0 };
// P(alive) from a model of the caller's own, for the customers in id order R1–R5
const predictor = (summaries: CustomerSummary[]) => ({
  pAlive: summaries.map((s) => ({ R1: 0.9, R2: 0.2, R3: 0.5, R4: 0.7, R5: 0.4 })[s.customerId] as number),
  expectedPurchases: summaries.map(() => 1),
  clv: summaries.map((s) => ({ R1: 0, R2: 25, R3: 15, R4: 21, R5: 19 })[s.customerId] as number),
});
const loyaltyWith = (only: keyof typeof NONE | "all", extra: object = {}) => {
  const weights = only === "all" ? undefined : { ...NONE, [only]: 1 };
  const { customers } = analyze(
    { transactions: fiveTransactions(), profiles: fiveProfiles },
    { model: "none", end: "2024-12-31", predictor, loyaltyWeights: weights, ...extra },
  );
  return byId(customers, (c: { loyaltyIndex: number | null }) => (c.loyaltyIndex === null ? null : Math.round(c.loyaltyIndex * 1e6) / 1e6));
};

test("loyalty, one indicator at a time: each reaches the index from the column the data give, in its direction", () => {
  // repeat rate, active / observed periods unless the profile gives one: R1 4/4, R2 2/4, R3 2/3,
  // R4 1/3, R5 0.9 (given; its own 1/4 is not used). Sorted R4 < R2 < R3 < R5 < R1.
  expect(loyaltyWith("repeatRate")).toStrictEqual({ R1: 90, R2: 30, R3: 50, R4: 10, R5: 70 });
  // purchase amount, the revenue: R5 10 lowest; R2–R4 tie at 20, (1 + 3/2)/5; R1 40
  expect(loyaltyWith("purchaseAmount")).toStrictEqual({ R1: 90, R2: 50, R3: 50, R4: 50, R5: 10 });
  // complaint rate, lower is better: the given rate, else complaints / orders: R1 2/4, R2 0.1
  // (given, not 2/2), R3 0/2, R5 1/1; R4 has neither, so no index. Ranks of 4: R3 .125, R2 .375,
  // R1 .625, R5 .875, flipped
  expect(loyaltyWith("complaintRate")).toStrictEqual({ R1: 37.5, R2: 62.5, R3: 87.5, R4: null, R5: 12.5 });
  // price sensitivity 5, 4, 3, 2, 1: lower is better; reputation the same values, higher is better
  expect(loyaltyWith("priceSensitivity")).toStrictEqual({ R1: 10, R2: 30, R3: 50, R4: 70, R5: 90 });
  expect(loyaltyWith("reputation")).toStrictEqual({ R1: 90, R2: 70, R3: 50, R4: 30, R5: 10 });
  // designation 1, 1, 2, –, 3: R1 and R2 tie, (0 + 2/2)/4; R3 (2 + 1/2)/4; R5 (3 + 1/2)/4
  expect(loyaltyWith("designation")).toStrictEqual({ R1: 25, R2: 25, R3: 62.5, R4: null, R5: 87.5 });
  // P(alive) from the predictor: 0.9, 0.2, 0.5, 0.7, 0.4
  expect(loyaltyWith("pAlive")).toStrictEqual({ R1: 90, R2: 10, R3: 50, R4: 70, R5: 30 });
});

test.each([
  ["P(alive)", "pAlive", ["purchaseAmount", "pAlive"]],
  ["repeat rate", "repeatRate", ["repeatRate", "purchaseAmount"]],
] as const)("from profiles alone, without a model, the %s some profiles give is a loyalty indicator where given", (_name, field, indicators) => {
  // P1 0.2, P2 0.6, P3 0.4; the others none: ranks of 3, (B + E/2)/3
  const extra: Partial<CustomerProfile>[] = [{ [field]: 0.2 }, { [field]: 0.6 }, { [field]: 0.4 }];
  const { customers, report } = analyze({ profiles: tenProfiles(extra) }, { ...threeTiers, loyaltyWeights: { ...NONE, [field]: 1 } });
  const index = customers.slice(0, 4).map((c) => c.loyaltyIndex);
  expect(index[3]).toBeNull();
  [100 / 6, 100 * (5 / 6), 50].forEach((v, i) => expect(index[i]).toBeCloseTo(v, 12));
  expect(report.loyalty.indicators).toStrictEqual(indicators);
});

test("loyalty with the default weights: every indicator above at once", () => {
  // R1: 0.3·0.9 + 0.2·0.9 + 0.15·(1 − 0.625) + 0.1·(1 − 0.9) + 0.1·0.9 + 0.05·0.25 + 0.1·0.9 = 0.70875 of 1
  // R4 (no complaint rate, no designation): 0.3·0.1 + 0.2·0.5 + 0.1·0.7 + 0.1·0.3 + 0.1·0.7 = 0.3 of 0.8
  const index = loyaltyWith("all");
  expect(index.R1).toBeCloseTo(70.875, 9);
  expect(index.R4).toBeCloseTo(37.5, 9);
});

test("loyalty classes at the thresholds given, else at 70, 50 and 30", () => {
  // indices from the repeat rate alone: R1 90, R2 30, R3 50, R4 10, R5 70
  const classes = (loyaltyThresholds?: { loyal: number; satisfied: number; atRisk: number }) => {
    const { customers } = analyze(
      { transactions: fiveTransactions(), profiles: fiveProfiles },
      { model: "none", end: "2024-12-31", loyaltyWeights: { ...NONE, repeatRate: 1 }, ...(loyaltyThresholds ? { loyaltyThresholds } : {}) },
    );
    return customers.map((c) => c.loyaltyClass);
  };
  expect(classes()).toStrictEqual(["loyal", "atRisk", "satisfied", "defecting", "loyal"]);
  expect(classes({ loyal: 80, satisfied: 60, atRisk: 20 })).toStrictEqual(["loyal", "atRisk", "atRisk", "defecting", "satisfied"]);
});

test("with a predictor, upgrade potential follows its CLV, not the profiles' predicted values", () => {
  // tiers of 20 % and 80 % by revenue: R1 (40) alone in tier 1, median 40; R2–R5 (20, 20, 20, 10) median 20
  // the predictor's CLV: R1 0, R2 25, R3 15, R4 21, R5 19; the profiles say the opposite
  const profiles = fiveProfiles.map((p, i) => ({ ...p, predictedValue: [100, 0, 100, 0, 100][i] }));
  const { customers } = analyze(
    { transactions: fiveTransactions(), profiles },
    { end: "2024-12-31", predictor, valueMeasure: "revenue", tierShares: [0.2, 0.8] },
  );
  expect(customers.map((c) => [c.tier, c.upgradePotential])).toStrictEqual([[1, false], [2, true], [2, false], [2, true], [2, false]]);
});

test("relationship level: tenure from the first purchase to the end, against 730.5 days or the tenure given", () => {
  // K and L buy 100 every 30 days, 25 times, and are key customers in stability; eight others buy little.
  // K's first purchase is 734 days before the end (2022-01-01 to 2024-01-05), L's 725.
  const tx: { customerId: string; date: string; amount: number }[] = [];
  const buy = (customerId: string, from: string, every: number, count: number, amount: number) => {
    for (let k = 0; k < count; k++) tx.push({ customerId, date: new Date(Date.parse(`${from}T00:00:00Z`) + k * every * 864e5).toISOString().slice(0, 10), amount });
  };
  buy("K", "2022-01-01", 30, 25, 100);
  buy("L", "2022-01-10", 30, 25, 100);
  buy("A", "2023-06-01", 60, 3, 10);
  buy("B", "2023-03-01", 45, 4, 12);
  buy("C", "2023-09-01", 20, 2, 9);
  buy("D", "2023-11-01", 10, 3, 8);
  buy("E", "2023-01-01", 90, 2, 7);
  buy("F", "2023-08-01", 30, 5, 11);
  buy("G", "2023-10-01", 15, 1, 6);
  buy("H", "2023-12-01", 5, 2, 5);
  const levels = (partnerTenureDays?: number) => {
    const { customers } = analyze({ transactions: tx }, { model: "none", end: "2024-01-05", tierShares: [0.2, 0.3, 0.5], ...(partnerTenureDays ? { partnerTenureDays } : {}) });
    return byId(customers, (c: { level: number; tierRole: string; stage: string }) => `${c.level} ${c.tierRole} ${c.stage}`);
  };
  const got = levels();
  // a partner (4): key, stable, and 730.5 days or more since the first purchase
  expect([got.K, got.L]).toStrictEqual(["4 key stability", "3 key stability"]);
  // G bought once (1); C, D, E, H are small and not forming or stable (2); F forming and A regular (3)
  expect([got.G, got.C, got.D, got.E, got.H, got.F, got.A]).toStrictEqual([
    "1 small exploration", "2 small exploration", "2 small exploration", "2 small churned", "2 small exploration", "3 regular formation", "3 regular stability",
  ]);
  expect(levels(720).L).toBe("4 key stability");
});

test("profiles in weeks: the tenure and the life cycle's days are T and recency times 7", () => {
  // P1 and P2 are key and stable; P1's T of 105 weeks is 735 days (a partner), P2's 104 weeks 728.
  // P10 has T 12 weeks, 84 days: its first purchase lies within the last period of 91.3125 days,
  // so it is still exploring; P9, T 14 weeks (98 days), is past it. P8 never repeated.
  const extra: Partial<CustomerProfile>[] = [{ T: 105, recency: 103 }, { T: 104, recency: 102 }];
  extra[7] = { frequency: 0, recency: 0 };
  extra[8] = { T: 14, recency: 12 };
  extra[9] = { T: 12, recency: 10 };
  const { customers } = analyze({ profiles: tenProfiles(extra) }, threeTiers);
  expect(customers.map((c) => `${c.level} ${c.stage}`)).toStrictEqual([
    "4 stability", "3 stability", "3 stability", "3 stability", "3 stability", "3 stability", "3 stability", "1 exploration", "3 stability", "2 exploration",
  ]);
});

test("delivered value and value ratio from the profiles, with the weights given; none for a customer without the columns", () => {
  const profiles: CustomerProfile[] = [
    // value 50 + 20 + 10 + 20 = 100, cost 60 + 10 + 5 + 5 = 80
    { customerId: "V1", revenue: 10, product: 50, service: 20, personnel: 10, image: 20, money: 60, time: 10, energy: 5, physical: 5, quality: 1.2, price: 0.8 },
    { customerId: "V2", revenue: 20, quality: 1.2, price: 0 },
    { customerId: "V3", revenue: 30, sensory: 4, price: 2 },
    { customerId: "V4", revenue: 40 },
    { customerId: "V5", revenue: 50, quality: 1.5 },
  ];
  const run = (extra: object = {}) => analyze({ profiles }, { model: "none", valueMeasure: "revenue", ...extra }).customers;
  const plain = run();
  // the columns the pane's table reads hold one entry per customer
  const { columns } = analyzeColumns({ profiles }, { model: "none", valueMeasure: "revenue" }).customers;
  expect([columns.delivered?.length, columns.valueRatio?.length]).toStrictEqual([5, 5]);
  expect(plain.map((c) => [c.delivered, c.valueRatio])).toStrictEqual([
    [{ totalValue: 100, totalCost: 80, deliveredValue: 20, deliveredRatio: 1.25 }, 1.2 / 0.8],
    [null, null], // no component; a price of 0 gives no ratio
    [{ totalValue: 0, totalCost: 4, deliveredValue: -4, deliveredRatio: 0 }, null], // a cost alone; no quality
    [null, null],
    [null, null], // a quality without a price gives no ratio
  ]);
  // product weighted 2 (value 150), money 0.5 (cost 50)
  const weighted = run({ deliveredValueWeights: { value: { product: 2 }, cost: { money: 0.5 } } });
  expect(weighted[0].delivered).toStrictEqual({ totalValue: 150, totalCost: 50, deliveredValue: 100, deliveredRatio: 3 });
  // with transactions, a customer without a profile has neither
  const { customers } = analyze({ transactions: fiveTransactions(), profiles: [{ customerId: "R2", product: 3, money: 1, quality: 2, price: 4 }] }, { model: "none", end: "2024-12-31" });
  expect(customers.map((c) => [c.delivered?.deliveredValue ?? null, c.valueRatio])).toStrictEqual([[null, null], [2, 0.5], [null, null], [null, null], [null, null]]);
});

test("exit patterns: the periods up to a churned customer's last purchase from transactions; none from profiles", () => {
  // Periods of 91.3125 days, 4 of them (the defaults). R bought 10, 20, 30, 40 at 276, 184, 92 and
  // 0 days before its last purchase on 2022-11-01, one in each period back from it: a trend of
  // +10 a period over a mean of 25, +0.4 > 0.15, forming when it left (B). Then silent for 791
  // days, beyond 3 × its own gap of 92 days: churned; its last four periods before the end hold
  // nothing. S buys 20 every 92 days up to the end, stable; F bought 40, 30, 20, 10 and left
  // declining (D, whatever its tenure).
  const tx: { customerId: string; date: string; amount: number }[] = [];
  const day = (iso: string, back: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - back * 864e5).toISOString().slice(0, 10);
  [10, 20, 30, 40].forEach((amount, k) => tx.push({ customerId: "R", date: day("2022-11-01", 276 - 92 * k), amount }));
  for (let k = 0; k < 12; k++) tx.push({ customerId: "S", date: day("2024-12-30", 92 * k), amount: 20 });
  [40, 30, 20, 10].forEach((amount, k) => tx.push({ customerId: "F", date: day("2022-11-01", 276 - 92 * k), amount }));
  const { customers } = analyze({ transactions: tx }, { model: "none", end: "2024-12-31" });
  expect(byId(customers, (c: { stage: string; exitPattern: string | null }) => `${c.stage} ${c.exitPattern}`)).toStrictEqual({
    R: "churned B", S: "stability null", F: "churned D",
  });

  // Profiles have no periods: a churned one is judged as of its last purchase without a trend, stable,
  // and left early (C) when its tenure (recency) is below the median tenure of all customers.
  // Q: 3 repeat purchases over 30 weeks (210 days, past the first period), then silent 70 weeks.
  const profiles: CustomerProfile[] = [
    { customerId: "Q", frequency: 3, recency: 30, T: 100, revenue: 50 },
    { customerId: "U", frequency: 30, recency: 99, T: 100, revenue: 60 },
    { customerId: "V", frequency: 30, recency: 99, T: 100, revenue: 70 },
  ];
  const fromProfiles = analyze({ profiles }, { model: "none", valueMeasure: "revenue" }).customers;
  expect(byId(fromProfiles, (c: { stage: string; exitPattern: string | null }) => `${c.stage} ${c.exitPattern}`)).toStrictEqual({
    Q: "churned C", U: "stability null", V: "stability null",
  });
});
