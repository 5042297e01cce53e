// What analyze makes of its inputs before the segments (src/core/analyze/customers.ts,
// value-measure.ts, lifetime-model.ts): a profile standing in for a summary, profiles matched to
// the transactions' customers by trimmed id (and the ones matching nobody named), the value
// measure "auto" chooses and the ones forced, the figures a profile or a predictor gives, when
// profiles can be fitted, and what the lifetime options reach: the intervals, the penalizer, the
// acquisition cost, and the tier flags, which only a pyramid ranked by the model's CLV gets.
import { analyze, predictBtyd, predictionIntervals, tierUncertainty, type CustomerProfile, type CustomerSummary } from "../../src/core";
import { thrown } from "../support/thrown";
import { cdnowTransactions } from "./clv/cdnow";

test("a profile stands in for a summary: frequency rounded, T at least the recency, revenue monetary × purchases unless given, days in the unit", () => {
  const profiles: CustomerProfile[] = [
    { customerId: "a", frequency: 2.6, recency: 10, T: 4, monetary: 5, margin: 7 }, // 3 repeats; T below the recency: 10; revenue 5 × 4
    { customerId: "b", frequency: 1, recency: 3, monetary: 5, revenue: 12 }, // no T: the recency; revenue given
    { customerId: "c", recency: -2 }, // nothing else: no repeat, recency 0
  ];
  const { customers } = analyze({ profiles }, { model: "none", unit: "weeks" });
  const rows = customers.map(({ summary: s }) => [s.frequency, s.recency, s.T, s.monetary, s.revenue, s.margin, s.orders, s.first, s.last]);
  // orders are the purchases, x + 1; the first purchase at day 0 and the last at recency × 7 days
  expect(rows).toStrictEqual([
    [3, 10, 10, 5, 20, 7, 4, 0, 70],
    [1, 3, 3, 5, 12, null, 2, 0, 21],
    [0, 0, 0, 0, 0, null, 1, 0, 0],
  ]);
  expect(thrown(() => analyze({ profiles: [] })).key).toBe("data.noCustomers");
});

test("profiles' periods: 91.3125 days unless periodDays says otherwise", () => {
  // T 12 weeks is 84 days: the first purchase lies within the last period of 91.3125 days (still
  // exploring) but not within one of 70 days
  const profiles: CustomerProfile[] = [{ customerId: "a", frequency: 5, recency: 11, T: 12, revenue: 1 }];
  const stage = (periodDays?: number) => analyze({ profiles }, { model: "none", ...(periodDays ? { periodDays } : {}) }).customers[0].stage;
  expect([stage(), stage(70)]).toStrictEqual(["exploration", "stability"]);
});

test("profiles join the transactions' customers by trimmed id; those of nobody are counted and the first five named", () => {
  const transactions = [
    { customerId: "A", date: "2024-01-01", amount: 10 },
    { customerId: "B", date: "2024-01-02", amount: 20 },
  ];
  const run = (profiles: CustomerProfile[]) => analyze({ transactions, profiles }, { model: "none", end: "2024-02-01" });
  const one = run([{ customerId: " B ", quality: 3, price: 2 }]);
  expect(one.customers.map((c) => c.valueRatio)).toStrictEqual([null, 1.5]);
  expect([one.report.profilesWithoutTransactions, one.report.warnings]).toStrictEqual([0, []]);
  const strays = (k: number) => Array.from({ length: k }, (_, i) => ({ customerId: `Z${i + 1}` }));
  const five = run([{ customerId: "A" }, ...strays(5)]).report;
  expect(five.profilesWithoutTransactions).toBe(5);
  expect(five.warnings.map((w) => [w.key, w.params.ids])).toStrictEqual([["warn.profilesWithoutTransactions", "Z1, Z2, Z3, Z4, Z5"]]);
  expect(five.warnings[0].text).toMatch(/^5 profiles match no customer in the transactions and are/);
  const seven = run(strays(7)).report;
  expect(seven.warnings.map((w) => w.params.ids)).toStrictEqual(["Z1, Z2, Z3, Z4, Z5, …"]);
  expect(run(strays(1)).report.warnings[0].text).toMatch(/^1 profile matches no customer in the transactions and is/);
});

test("the value measure: auto takes a CLV every profile gives, else margin where any is given, else revenue", () => {
  const base: CustomerProfile[] = [
    { customerId: "a", revenue: 30, margin: 3, clv: 300 },
    { customerId: "b", revenue: 20, clv: 100 },
    { customerId: "c", revenue: 10, margin: 5, clv: 200 },
  ];
  const run = (profiles: CustomerProfile[], valueMeasure?: "clv" | "margin" | "revenue") =>
    analyze({ profiles }, { model: "none", ...(valueMeasure ? { valueMeasure } : {}) });
  const all = run(base);
  expect([all.report.valueMeasure, all.customers.map((c) => c.value)]).toStrictEqual(["clv", [300, 100, 200]]);
  // one CLV missing: margin (0 where not given)
  const some = run(base.map((p, i) => (i === 1 ? { ...p, clv: null } : p)));
  expect([some.report.valueMeasure, some.customers.map((c) => c.value)]).toStrictEqual(["margin", [3, 0, 5]]);
  // asked for, the CLV a profile gives is used where given (0 elsewhere)
  expect(run(base.map((p, i) => (i === 1 ? { ...p, clv: null } : p)), "clv").customers.map((c) => c.value)).toStrictEqual([300, 0, 200]);
  // no margin either: revenue
  const plain = run(base.map(({ customerId, revenue }) => ({ customerId, revenue })));
  expect([plain.report.valueMeasure, plain.customers.map((c) => c.value)]).toStrictEqual(["revenue", [30, 20, 10]]);
  // forced measures the data do not give, and one that does not exist
  const bare = base.map(({ customerId, revenue }) => ({ customerId, revenue }));
  const noClv = thrown(() => run(bare, "clv"));
  expect([noClv.code, noClv.key, noClv.where?.argument]).toStrictEqual(["MISSING", "measure.clvUnavailable", "valueMeasure"]);
  const noMargin = thrown(() => run(bare, "margin"));
  expect([noMargin.code, noMargin.key, noMargin.where?.argument]).toStrictEqual(["MISSING", "measure.marginUnavailable", "valueMeasure"]);
  const unknown = thrown(() => analyze({ profiles: bare }, { model: "none", valueMeasure: "profit" as never }));
  expect([unknown.code, unknown.where?.argument, unknown.message]).toStrictEqual(["OUT_OF_RANGE", "valueMeasure", expect.stringContaining("auto, clv, margin, revenue")]);
  const badModel = thrown(() => analyze({ profiles: bare }, { model: "pareto" as never }));
  expect([badModel.code, badModel.where?.argument]).toStrictEqual(["OUT_OF_RANGE", "model"]);
});

test("the value totals: the sums, the spread, and a warning for values below 0", () => {
  const profiles: CustomerProfile[] = [
    { customerId: "a", revenue: 30, margin: -4 },
    { customerId: "b", revenue: 20, margin: 6 },
    { customerId: "c", revenue: 10, margin: -1 },
  ];
  const { report, customers } = analyze({ profiles }, { model: "none", tierShares: [0.5, 0.5] });
  expect([report.totalValue, report.totalRevenue]).toStrictEqual([1, 60]);
  // b (6) tops, then c (−1), a (−4)
  expect(customers.map((c) => c.tier)).toStrictEqual([2, 1, 2]);
  expect(report.warnings.map((w) => [w.key, w.params.customers])).toStrictEqual([["warn.negativeValues", expect.objectContaining({ "en-US": "2 customers have" })]]);
  // the same value everywhere is no spread, however many customers
  const flat = analyze({ profiles: profiles.map((p) => ({ ...p, margin: 2 })) }, { model: "none" }).report;
  expect([flat.tiers, flat.warnings.map((w) => w.key)]).toStrictEqual([[], ["warn.noSpread"]]);
});

test("without a model, P(alive) and CLV come from the profiles; a predictor's figures replace them", () => {
  const profiles: CustomerProfile[] = [
    { customerId: "a", frequency: 1, recency: 5, T: 9, revenue: 30, pAlive: 0.3, clv: 70 },
    { customerId: "b", frequency: 2, recency: 8, T: 9, revenue: 20, pAlive: NaN },
  ];
  const none = analyze({ profiles }, { model: "none" }).customers;
  expect(none.map((c) => [c.pAlive, c.clv, c.expectedPurchases])).toStrictEqual([[0.3, 70, null], [null, null, null]]);
  const predictor = (s: CustomerSummary[]) => ({ pAlive: s.map(() => 0.8), expectedPurchases: s.map((x) => x.frequency), clv: s.map((x) => 10 * x.frequency), note: "mine" });
  const { customers, report } = analyze({ profiles }, { model: "none", predictor });
  expect(customers.map((c) => [c.pAlive, c.clv, c.expectedPurchases])).toStrictEqual([[0.8, 10, 1], [0.8, 20, 2]]);
  expect([report.model.kind, report.model.fitted, report.model.note]).toStrictEqual(["custom", true, "mine"]);
  expect(analyze({ profiles }, { model: "none", predictor: (s) => ({ ...predictor(s), note: undefined }) }).report.model.note).toBeNull();
});

test("profiles are fitted only when every one gives frequency, recency and T, and not every one its own CLV", () => {
  // twelve profiles with repeat buyers among them
  const profiles: CustomerProfile[] = Array.from({ length: 12 }, (_, i) => ({ customerId: `p${i}`, frequency: i % 4, recency: (i % 4) * 5, T: 30 + i, monetary: 10 + i }));
  const kind = (list: CustomerProfile[]) => analyze({ profiles: list }).report.model.kind;
  expect(kind(profiles)).toBe("btyd");
  for (const field of ["frequency", "recency", "T"] as const) expect(kind(profiles.map((p, i) => (i === 5 ? { ...p, [field]: null } : p)))).toBeNull();
  expect(kind(profiles.map((p) => ({ ...p, clv: 1 })))).toBeNull();
  expect(kind(profiles.map((p, i) => (i === 0 ? p : { ...p, clv: 1 })))).toBe("btyd");
});

// 300 CDNOW customers: enough for BG/NBD + Gamma-Gamma and their intervals in about a second
const cdnow300 = () => cdnowTransactions().filter((r) => Number(r.customerId) <= 300);

test("lifetime.intervals keeps every customer's bands and adds the forecast's predictive interval; the penalizer reaches them", () => {
  const transactions = cdnow300();
  const options = { end: "1997-09-30", unit: "weeks", lifetime: { intervals: true, penalizer: 0.05 } } as const;
  const kept = analyze({ transactions }, options);
  const n = kept.customers.length;
  expect(kept.intervals?.clv.low).toHaveLength(n);
  expect(kept.report.model.forecastInterval?.level).toBe(0.9);
  // the same as the intervals of the same penalised fit at 90 %
  const summaries = kept.customers.map((c) => c.summary);
  const fit = predictBtyd(summaries, { unit: "weeks", penalizer: 0.05 });
  if (!fit.fitted) throw new Error(fit.note);
  const columns = { frequency: summaries.map((s) => s.frequency), recency: summaries.map((s) => s.recency), T: summaries.map((s) => s.T), monetary: summaries.map((s) => s.monetary) };
  const direct = predictionIntervals(fit, columns, { level: 0.9, penalizer: 0.05 });
  if (!direct.ok) throw new Error("no intervals");
  expect(kept.report.model.equityInterval).toMatchObject({ low: direct.equity.low, high: direct.equity.high });
  expect(kept.intervals?.pAlive.high).toStrictEqual(direct.pAlive.high);
  // without the option: the report's equity interval stays, the bands and the predictive interval go
  const plain = analyze({ transactions }, { ...options, lifetime: { penalizer: 0.05 } });
  expect([plain.intervals, plain.report.model.forecastInterval]).toStrictEqual([null, undefined]);
  expect(plain.report.model.equityInterval).toStrictEqual(kept.report.model.equityInterval);
});

test("the tier flags only when the pyramid ranks by the model's CLV; the acquisition cost reaches the new customer; metal labels", () => {
  const transactions = cdnow300();
  const byClv = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", tierLabels: "metal", lifetime: { intervals: true, acquisitionCost: 5 } });
  const iv = byClv.intervals;
  if (!iv) throw new Error("no intervals");
  // the count is the customers whose CLV interval crosses a cut of their tier
  const tiers = Uint16Array.from(byClv.customers.map((c) => c.tier));
  const again = tierUncertainty(tiers, Float64Array.from(byClv.customers.map((c) => c.value)), iv.clv.low, iv.clv.high, [0.01, 0.19, 0.3, 0.5]);
  expect(byClv.report.model.tierUncertain?.count).toBe(again.count);
  expect(again.count).toBeGreaterThan(0);
  expect(iv.tierUncertain).toStrictEqual(again.uncertain);
  const nc = byClv.report.model.newCustomer;
  expect(nc?.acquisitionCost).toBe(5);
  expect(nc?.clvToCac).toBeCloseTo((nc?.discounted ?? NaN) / 5, 12);
  expect(byClv.customers.find((c) => c.tier === 1)?.tierLabel).toBe("Platinum");
  // ranked by revenue: no flags, and no cost, no ratio
  const byRevenue = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", valueMeasure: "revenue", lifetime: { intervals: true } });
  expect([byRevenue.report.model.tierUncertain, byRevenue.intervals?.tierUncertain]).toStrictEqual([null, null]);
  expect([byRevenue.report.model.newCustomer?.acquisitionCost, byRevenue.report.model.newCustomer?.clvToCac]).toStrictEqual([null, null]);
  expect(byRevenue.customers.find((c) => c.tier === 1)?.tierLabel).toBe("Key – top");
});
