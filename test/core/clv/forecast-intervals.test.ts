// Intervals of the base forecast's totals (src/core/clv/forecast-intervals.ts; docs/models/forecast.md §6):
// - CDNOW, BG/NBD + Gamma-Gamma: the totals' estimates are forecastBase's own; each interval contains its estimate.
// - Same draws as predictionIntervals: a forecast of 12 months at the CLV's discount and margin sums the
//   same discounted margin as Σ CLV (docs/models/forecast.md §1), so with the same seed its interval
//   equals customer equity's interval to rounding — an independent check that the draws are the same.
// - The seed is used (another seed, another interval; the same, the same); a wider level gives a wider interval.
// - Bad options and unavailable uncertainty: keyed.
import { countModel, forecastBase, predictBtyd, predictionIntervals, type BtydPrediction, type PredictionIntervals } from "../../../src/core";
import { forecastIntervals, type ForecastIntervals } from "../../../src/core/clv/forecast-intervals";
import { isCvaError } from "../../../src/core/errors";
import { cdnowSummary } from "./cdnow";

const c = cdnowSummary();
const data = { frequency: Float64Array.from(c.frequency), recency: Float64Array.from(c.recency), T: Float64Array.from(c.T), monetary: Float64Array.from(c.monetary) };
const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
// A quarter of weeks keeps the 200 forecasts quick under jest.
const weeks = { periods: 13, periodLength: 1, unit: "weeks" as const };
// The intervals are computed in the tests that check them, not here: work done outside a test
// would count, for mutation testing, as reaching the code from no test in particular
// (docs/testing.md). The prediction above runs no code of the forecast's intervals.

test("CDNOW, 13 weeks: the estimates are forecastBase's; each interval contains its estimate", () => {
  const f = forecastIntervals(r, data, weeks) as ForecastIntervals;
  expect(f.ok).toBe(true);
  expect([f.level, f.draws, f.seed]).toEqual([0.9, 200, 1]);
  const base = forecastBase(countModel("bgnbd"), r.fit.params, data, r.expectedValue, weeks);
  expect(f.transactions.estimate).toBe(base.transactions);
  expect(f.revenue.estimate).toBe(base.revenue);
  for (const t of [f.transactions, f.revenue, f.discounted]) {
    expect(t.low).toBeLessThan(t.estimate);
    expect(t.high).toBeGreaterThan(t.estimate);
  }
  // Parameter uncertainty of a 2,357-customer fit: a few percent each side, not a fraction of a percent nor half.
  expect(f.transactions.estimate / f.transactions.low).toBeGreaterThan(1.02);
  expect(f.transactions.high / f.transactions.estimate).toBeLessThan(1.3);
  // Revenue also carries Gamma-Gamma's uncertainty: relatively wider than the transactions'.
  expect(f.revenue.high / f.revenue.low).toBeGreaterThan(f.transactions.high / f.transactions.low);
});

test("the same draws as predictionIntervals: 12 months' discounted margin = customer equity's interval", () => {
  const s = r.settings;
  const months = { periods: s.horizon, periodLength: s.perMonth, discount: s.discount, margin: s.margin };
  const fm = forecastIntervals(r, data, months, { draws: 40, seed: 7 }) as ForecastIntervals;
  const iv = predictionIntervals(r, data, { draws: 40, seed: 7 }) as PredictionIntervals;
  expect(fm.discounted.estimate / iv.equity.estimate).toBeCloseTo(1, 9);
  expect(fm.discounted.low / iv.equity.low).toBeCloseTo(1, 9);
  expect(fm.discounted.high / iv.equity.high).toBeCloseTo(1, 9);
});

test("the seed and the level are used", () => {
  const small = { draws: 40, seed: 3 };
  const a = forecastIntervals(r, data, weeks, small) as ForecastIntervals;
  expect(forecastIntervals(r, data, weeks, small)).toEqual(a);
  const other = forecastIntervals(r, data, weeks, { ...small, seed: 2 }) as ForecastIntervals;
  expect(other.transactions.low).not.toBe(a.transactions.low);
  const wide = forecastIntervals(r, data, weeks, { ...small, level: 0.99 }) as ForecastIntervals;
  expect(wide.transactions.low).toBeLessThan(a.transactions.low);
  expect(wide.transactions.high).toBeGreaterThan(a.transactions.high);
});

test("without Gamma-Gamma the spends are the prediction's, fixed: revenue moves with the transactions only", () => {
  const noGg: BtydPrediction = { ...r, gammagamma: null };
  const f = forecastIntervals(r, data, weeks) as ForecastIntervals;
  const g = forecastIntervals(noGg, data, weeks, { draws: 40 }) as ForecastIntervals;
  expect(g.ok).toBe(true);
  expect(g.transactions.estimate).toBe(f.transactions.estimate);
  expect(g.revenue.high / g.revenue.low).toBeLessThan(f.revenue.high / f.revenue.low);
});

test("bad options are keyed; an unidentifiable fit says why", () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return isCvaError(e) ? e.code : "other";
    }
    return "none";
  };
  expect(code(() => forecastIntervals(r, data, { periods: 0, periodLength: 1 }))).toBe("OUT_OF_RANGE");
  expect(code(() => forecastIntervals(r, data, weeks, { level: 1 }))).toBe("OUT_OF_RANGE");
  expect(code(() => forecastIntervals(r, data, weeks, { draws: 5 }))).toBe("OUT_OF_RANGE");
  // Nobody repeats: no curvature for the purchase process.
  const flat = { frequency: new Float64Array(50), recency: new Float64Array(50), T: new Float64Array(50).fill(30), monetary: new Float64Array(50) };
  const u = forecastIntervals({ ...r, gammagamma: null, expectedValue: new Float64Array(50).fill(10) }, flat, weeks);
  expect(u.ok).toBe(false);
  if (!u.ok) expect(u.reasonKey).toMatch(/^uncertainty\./);
});
