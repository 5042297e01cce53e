// Predictive intervals of the base forecast (src/core/clv/predictive-forecast.ts,
// docs/models/forecast.md §6, docs/models/uncertainty.md §11):
// - the simulation's means are the closed-form forecast's totals (forecastBase: FHL 2005 eq. 10,
//   Gamma-Gamma eq. 5 for the spend, the discounting per period): within 4 standard errors of the
//   200 draws' mean, on CDNOW with Gamma-Gamma, for BG/NBD and Pareto/NBD;
// - at the same level and seed each predictive interval contains the parameter-only one
//   (forecastIntervals): the k-th parameter set is the same in both, the predictive adds each
//   customer's own chance;
// - the periods' bands bracket each period's forecast and sum to no more than the totals' spread;
// - (the seeded coverage on simulated data is in predictive-coverage.test.ts);
// - an unavailable uncertainty says why; the same seed gives the same intervals.
import { countModel, forecastBase, forecastIntervals, predictBtyd, predictiveForecast, type BtydPrediction, type ForecastIntervals, type PredictiveForecast } from "../../../src/core";
import { cdnowSummary } from "./cdnow";

const c = cdnowSummary();
const data = { frequency: Float64Array.from(c.frequency), recency: Float64Array.from(c.recency), T: Float64Array.from(c.T), monetary: Float64Array.from(c.monetary) };
const weeks = { periods: 13, periodLength: 4, discount: 0.01, margin: 0.3 };

// One test per model that computes what it checks: work done outside a test (a describe body, a
// hook) would count, for mutation testing, as reaching the code from no test in particular, and
// every test of the area would then run for each of its mutants (docs/testing.md).
test.each(["bgnbd", "paretonbd"] as const)("CDNOW, %s with Gamma-Gamma, 13 periods of 4 weeks: means, the parameter-only interval inside, the periods' bands, the seed", (model) => {
  const r = predictBtyd(data, { unit: "weeks", model }) as BtydPrediction;
  const p = predictiveForecast(r, data, weeks, { level: 0.9, seed: 3 }) as PredictiveForecast;
  const only = forecastIntervals(r, data, weeks, { level: 0.9, seed: 3 }) as ForecastIntervals;

  // The draws' means are the forecast's totals.
  expect(p.ok).toBe(true);
  expect(r.gammagamma).not.toBeNull();
  for (const k of ["transactions", "revenue", "discounted"] as const) {
    // The 90 % interval is about ±1.645 sd of the totals; their mean over 200 draws is within 4 sd/√200 of the expectation.
    const sd = (p[k].high - p[k].low) / (2 * 1.645);
    expect(Math.abs(p.means[k] - p[k].estimate)).toBeLessThan((4 * sd) / Math.sqrt(200));
  }
  // CDNOW's order of size: about 2,000 repeat purchases in 52 weeks.
  expect(p.transactions.estimate).toBeGreaterThan(1800);
  expect(p.transactions.estimate).toBeLessThan(2300);

  // It contains the parameter-only interval at the same level and seed.
  expect(only.ok).toBe(true);
  for (const k of ["transactions", "revenue", "discounted"] as const) {
    expect(p[k].estimate).toBe(only[k].estimate);
    expect(p[k].low).toBeLessThanOrEqual(only[k].low);
    expect(p[k].high).toBeGreaterThanOrEqual(only[k].high);
  }

  // Each period's band brackets the period's forecast; the same seed, the same intervals.
  const rows = forecastBase(countModel(model), r.fit.params, data, r.expectedValue, weeks).rows.map((row) => row.transactions);
  const b = p.periods.transactions;
  expect(b.low.length).toBe(13);
  for (let k = 0; k < 13; k++) {
    expect(b.low[k]).toBeLessThan(rows[k]);
    expect(b.high[k]).toBeGreaterThan(rows[k]);
    expect(p.periods.revenue.low[k]).toBeLessThanOrEqual(p.periods.revenue.high[k]);
  }
  // The periods' spread is each smaller than the total's.
  expect(Math.max(...Array.from(b.high, (h, k) => h - b.low[k]))).toBeLessThan(p.transactions.high - p.transactions.low);
  expect(predictiveForecast(r, data, weeks, { level: 0.9, seed: 3 })).toEqual(p);
  expect((predictiveForecast(r, data, weeks, { level: 0.9, seed: 4 }) as PredictiveForecast).transactions.low).not.toBe(p.transactions.low);
}, 60_000);

test("no uncertainty, no interval: the reason", () => {
  const same = { frequency: [2, 2, 2, 2], recency: [10, 10, 10, 10], T: [30, 30, 30, 30], monetary: [5, 5, 5, 5] };
  const pred = { model: "bgnbd", fit: { params: { r: 1, alpha: 1, a: 1, b: 1 } }, gammagamma: null, expectedValue: Float64Array.from(same.monetary) } as unknown as BtydPrediction;
  expect(predictiveForecast(pred, same, { periods: 4, periodLength: 1 })).toMatchObject({ ok: false, reasonKey: "uncertainty.sameHistory" });
});
