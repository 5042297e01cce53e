// The prediction intervals' Gamma-Gamma side and chunk option (src/core/clv/intervals.ts), on
// CDNOW's BG/NBD + Gamma-Gamma prediction with the fits' uncertainty handed in:
// - spend uncertainty missing or unavailable: no intervals, with its reason;
// - draws whose q ≤ 1 (infinite mean spend, Fader & Hardie 2013 eq. 5) are drawn again, and when
//   100 attempts in a row give q ≤ 1 there are no intervals;
// - a chunk that is not a positive whole number means the default, and the default is the same
//   as one chunk of everything.
import { fitUncertainty, predictionIntervals, type PredictionIntervals } from "../../../src/core/clv/intervals";
import { predictBtyd, type BtydPrediction } from "../../../src/core";
import type { ParameterUncertainty } from "../../../src/core/clv/uncertainty";
import { cdnowSummary } from "./cdnow";

const c = cdnowSummary();
const data = { frequency: Float64Array.from(c.frequency), recency: Float64Array.from(c.recency), T: Float64Array.from(c.T), monetary: Float64Array.from(c.monetary) };
const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
// The uncertainty and the intervals are computed in the tests, not here: work done outside a test
// would count, for mutation testing, as reaching the code from no test in particular
// (docs/testing.md). Both take milliseconds; nothing is cached across tests.
const uncertainty = () => fitUncertainty(r, data);

/** The spend covariance scaled by k (k → 0: every draw at the estimate). */
function scaledSpend(k: number): ParameterUncertainty {
  const spend = uncertainty().spend as ParameterUncertainty;
  return { ...spend, logCovariance: spend.logCovariance.map((row) => row.map((v) => v * k)) };
}

describe("the Gamma-Gamma draws", () => {
  it("CDNOW's fit has both uncertainties (the premise of what follows)", () => {
    const fitU = uncertainty();
    const spend = fitU.spend as ParameterUncertainty;
    expect(fitU.count.ok).toBe(true);
    expect(spend.ok).toBe(true);
    expect(spend.names).toEqual(["p", "q", "v"]);
    expect(r.gammagamma!.params.q).toBeCloseTo(3.74, 2);
  });

  it("no spend uncertainty at all, or an unavailable one: no intervals, with the reason", () => {
    const fitU = uncertainty();
    const spend = fitU.spend as ParameterUncertainty;
    expect(predictionIntervals(r, data, { draws: 20, uncertainty: { count: fitU.count, spend: null } })).toEqual({ ok: false, reasonKey: "uncertainty.notFinite", reasonParams: {} });
    const unavailable = { ok: false as const, model: "gammagamma" as const, names: spend.names, messageKey: "uncertainty.atBound" as const, messageParams: { limits: "q" }, message: "" };
    expect(predictionIntervals(r, data, { draws: 20, uncertainty: { count: fitU.count, spend: unavailable } })).toEqual({ ok: false, reasonKey: "uncertainty.atBound", reasonParams: { limits: "q" } });
  });

  it("every draw of q at 0.8 (≤ 1): 100 attempts, then no intervals", () => {
    const fitU = uncertainty();
    const low: BtydPrediction = { ...r, gammagamma: { ...r.gammagamma!, params: { ...r.gammagamma!.params, q: 0.8 } } };
    expect(predictionIntervals(low, data, { draws: 20, uncertainty: { count: fitU.count, spend: scaledSpend(1e-6) } })).toEqual({ ok: false, reasonKey: "uncertainty.notFinite", reasonParams: {} });
  });

  it("q at 0.63 with ln q's spread 0.245: P(q ≤ 1) = 0.97 per attempt, so 100 in a row fail for about 1 draw in 20: no intervals", () => {
    const fitU = uncertainty();
    // 0.97^100 = 0.05: of 20 draws some are left without a q > 1, and one such draw is enough.
    const rare: BtydPrediction = { ...r, gammagamma: { ...r.gammagamma!, params: { ...r.gammagamma!.params, q: 0.63 } } };
    expect(predictionIntervals(rare, data, { draws: 20, uncertainty: { count: fitU.count, spend: scaledSpend(10) } })).toEqual({ ok: false, reasonKey: "uncertainty.notFinite", reasonParams: {} });
  });

  it("q at 1 with a wide spread: about half the draws are drawn again, and the intervals stand", () => {
    const fitU = uncertainty();
    // ln q ~ N(0, 0.06): P(q ≤ 1) = ½, so 100 failures in a row (probability 2^−100) do not happen.
    const edge: BtydPrediction = { ...r, gammagamma: { ...r.gammagamma!, params: { ...r.gammagamma!.params, q: 1 } } };
    const iv = predictionIntervals(edge, data, { draws: 20, uncertainty: { count: fitU.count, spend: scaledSpend(10) } }) as PredictionIntervals;
    expect(iv.ok).toBe(true);
    // With q > 1 kept, every drawn mean spend (pγx + ...)/(pγx + q − 1) is finite and positive.
    for (let i = 0; i < data.frequency.length; i++) {
      expect(Number.isFinite(iv.clv.high[i])).toBe(true);
      expect(iv.clv.low[i]).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("the chunk option", () => {
  it("a chunk of 0, −5, 2.5 or NaN means the default", () => {
    const fitU = uncertainty();
    const base = predictionIntervals(r, data, { draws: 20, uncertainty: fitU }) as PredictionIntervals;
    for (const chunk of [0, -5, 2.5, Number.NaN]) expect(predictionIntervals(r, data, { draws: 20, uncertainty: fitU, chunk })).toEqual(base);
  });
  it("the default (4,096) holds CDNOW's distinct histories in one chunk: the same as a chunk of 1e9", () => {
    const fitU = uncertainty();
    const base = predictionIntervals(r, data, { draws: 20, uncertainty: fitU }) as PredictionIntervals;
    expect(predictionIntervals(r, data, { draws: 20, uncertainty: fitU, chunk: 1e9 })).toEqual(base);
  });
});
