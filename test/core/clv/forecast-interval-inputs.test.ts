// What the forecast's intervals take from their inputs (src/core/clv/forecast-intervals.ts and
// src/core/clv/predictive-forecast.ts, docs/models/forecast.md §6), on CDNOW with BG/NBD and
// Gamma-Gamma:
// - the penalizer reaches both fits' covariances: the intervals are those drawn from the
//   covariances countModelUncertainty and gammaGammaUncertainty give with that penalizer, and
//   narrower than without it (a penalty adds curvature);
// - a repeat buyer who spent nothing is left out of Gamma-Gamma's uncertainty, as the fit leaves
//   him out, instead of stopping the intervals; when no repeat buyer spent anything, the spend
//   model's error;
// - draws whose parameters give no finite forecast, or a P(alive) that is not a probability, are
//   drawn again, and when none will do in 100 attempts the reason is given (the model's functions
//   replaced by ones that return such values).
import { countModel, countModelUncertainty, gammaGammaUncertainty, predictBtyd, predictiveForecast, type BtydPrediction, type ForecastIntervals, type PredictiveForecast } from "../../../src/core";
import { forecastIntervals } from "../../../src/core/clv/forecast-intervals";
import * as forecast from "../../../src/core/clv/forecast";
import * as uncertainty from "../../../src/core/clv/uncertainty";
import { thrown } from "../../support/thrown";
import { cdnowSummary } from "./cdnow";

const c = cdnowSummary();
const data = { frequency: Float64Array.from(c.frequency), recency: Float64Array.from(c.recency), T: Float64Array.from(c.T), monetary: Float64Array.from(c.monetary) };
const weeks = { periods: 4, periodLength: 1, unit: "weeks" as const };
const columns = { frequency: data.frequency, recency: data.recency, T: data.T };
const width = (b: { low: number; high: number }) => b.high - b.low;

afterEach(() => jest.restoreAllMocks());

test("the penalizer reaches both covariances: predictive intervals as drawn from the penalised covariances, not the unpenalised ones", () => {
  const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const penalizer = 0.5;
  const opts = { draws: 40, seed: 5 };
  const count = countModelUncertainty("bgnbd", columns, r.fit, { penalizer });
  const spend = gammaGammaUncertainty({ frequency: data.frequency, monetary: data.monetary }, r.gammagamma!, { penalizer, nonPositive: "exclude" });
  expect(count.ok && spend.ok).toBe(true);
  const given = predictiveForecast(r, data, weeks, { ...opts, uncertainty: { count, spend } }) as PredictiveForecast;
  const penalised = predictiveForecast(r, data, weeks, { ...opts, penalizer }) as PredictiveForecast;
  expect(penalised).toEqual(given);
  const plain = predictiveForecast(r, data, weeks, opts) as PredictiveForecast;
  expect(plain.transactions).not.toEqual(penalised.transactions);
});

test("the penalizer reaches both covariances of the parameter-only intervals: narrower than unpenalised, for transactions and for revenue", () => {
  const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const opts = { draws: 40, seed: 5 };
  const plain = forecastIntervals(r, data, weeks, opts) as ForecastIntervals;
  const penalised = forecastIntervals(r, data, weeks, { ...opts, penalizer: 0.5 }) as ForecastIntervals;
  // a penalty adds curvature to the count model's log-likelihood: a narrower interval of the transactions
  expect(width(penalised.transactions)).toBeLessThan(width(plain.transactions));
  // and to Gamma-Gamma's: with the count model's covariance fixed (the penalised one both times), the
  // revenue's interval narrows too
  const count = countModelUncertainty("bgnbd", columns, r.fit, { penalizer: 0.5 });
  const real = uncertainty.countModelUncertainty;
  jest.spyOn(uncertainty, "countModelUncertainty").mockImplementation((id, d, fit) => real(id, d, fit, { penalizer: 0.5 }));
  const countOnly = forecastIntervals(r, data, weeks, opts) as ForecastIntervals;
  expect(count.ok).toBe(true);
  expect(countOnly.transactions).toEqual(penalised.transactions);
  expect(width(penalised.revenue)).toBeLessThan(width(countOnly.revenue));
});

test("a repeat buyer who spent nothing is left out of Gamma-Gamma's uncertainty; with nobody's spend, the reason", () => {
  const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const repeat = data.frequency.findIndex((x) => x > 0);
  const zeroSpend = { ...data, monetary: Float64Array.from(data.monetary, (m, i) => (i === repeat ? 0 : m)) };
  const opts = { draws: 40, seed: 5 };
  expect((forecastIntervals(r, zeroSpend, weeks, opts) as ForecastIntervals).ok).toBe(true);
  expect((predictiveForecast(r, zeroSpend, weeks, opts) as PredictiveForecast).ok).toBe(true);
  // nobody's spend: Gamma-Gamma has nobody to learn from, which is the spend model's own error
  const nobody = { ...data, monetary: new Float64Array(data.monetary.length) };
  for (const run of [() => forecastIntervals(r, nobody, weeks, opts), () => predictiveForecast(r, nobody, weeks, opts)]) {
    const e = thrown(run);
    expect(e.key).toBe("spend.tooFewBuyers");
    expect(e.params).toEqual({ count: 0 });
  }
});

test("draws whose P(alive) is not a probability are drawn again; 0 and 1 are probabilities; none in 100 attempts: no interval, and the reason", () => {
  const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const noSpend: BtydPrediction = { ...r, gammagamma: null };
  const model = countModel("bgnbd");
  const real = model.probabilityAliveMany;
  // the estimate's own forecast (the first call) is real; every drawn P(alive) is v
  let calls = 0;
  const constant = (v: number) => {
    calls = 0;
    return jest.spyOn(model, "probabilityAliveMany").mockImplementation((p, f, tx, T) => (calls++ === 0 ? real(p, f, tx, T) : new Float64Array(f.length).fill(v)));
  };
  for (const v of [0, 1]) {
    constant(v);
    expect(predictiveForecast(noSpend, data, weeks, { draws: 20, seed: 1 }).ok).toBe(true);
    jest.restoreAllMocks();
  }
  for (const v of [NaN, 1.5, -0.5]) {
    const spy = constant(v);
    const p = predictiveForecast(noSpend, data, weeks, { draws: 20, seed: 1 });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reasonKey).toBe("uncertainty.notFinite");
    // the estimate's forecast, then the first draw tried 100 times, then the reason
    expect(spy).toHaveBeenCalledTimes(1 + 100);
    jest.restoreAllMocks();
  }
});

test("parameter draws whose forecast is not finite are drawn again; none in 100 attempts: no interval, and the reason", () => {
  const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const real = forecast.forecastBase;
  // the estimate's own forecast is real; every drawn one has a total that is not finite
  let calls = 0;
  jest.spyOn(forecast, "forecastBase").mockImplementation((...args) => {
    const f = real(...args);
    return calls++ === 0 ? f : { ...f, revenue: Infinity };
  });
  const f = forecastIntervals(r, data, weeks, { draws: 20, seed: 1 });
  expect(f.ok).toBe(false);
  if (!f.ok) expect(f.reasonKey).toBe("uncertainty.notFinite");
  expect(calls).toBe(1 + 100);
  // one draw in two not finite: every draw is redrawn once, and the intervals are those of the finite draws
  calls = 0;
  jest.spyOn(forecast, "forecastBase").mockImplementation((...args) => {
    const g = real(...args);
    return calls++ % 2 === 1 ? { ...g, transactions: NaN } : g;
  });
  const h = forecastIntervals(r, data, weeks, { draws: 20, seed: 1 }) as ForecastIntervals;
  expect(h.ok).toBe(true);
  expect(calls).toBe(1 + 2 * 20);
  expect(Number.isFinite(h.transactions.low) && Number.isFinite(h.transactions.high)).toBe(true);
});
