// The predictive interval of the total repeat purchases (src/core/clv/predictive.ts,
// docs/models/uncertainty.md §10):
// - the simulation's mean equals the model's closed-form Σ E[Y(t) | x, t_x, T] (FHL 2005 eq. 10,
//   Pareto/NBD note 009 eq. 41): the mean of 400 simulated totals is within 4 standard errors of
//   the estimate (measured with seed 3: 0.2, 3.4 and 2.6 standard errors off — the draws' parameters
//   scatter around the estimate, and the total is not linear in them), for BG/NBD, MBG/NBD
//   and Pareto/NBD on CDNOW;
// - it is wider than the parameter-only interval (it adds the customers' own chance);
// - (its seeded coverage on simulated data is in predictive-coverage.test.ts);
// - an unavailable uncertainty says why; the same seed gives the same interval.
import { bgnbd, mbgnbd, paretonbd, predictBtyd, predictionIntervals, type BtydPrediction, type PredictionIntervals } from "../../../src/core";
import { predictivePurchases, type PredictiveTotal } from "../../../src/core/clv/predictive";
import { cdnowSummary } from "./cdnow";

const c = cdnowSummary();
const data = { frequency: Float64Array.from(c.frequency), recency: Float64Array.from(c.recency), T: Float64Array.from(c.T) };

describe("CDNOW, 39 weeks", () => {
  test.each([
    ["bgnbd", bgnbd],
    ["mbgnbd", mbgnbd],
    ["paretonbd", paretonbd],
  ] as const)("%s: the totals' mean is the closed-form expectation; the interval contains it", (id, m) => {
    const fit = m.fit(data) as never;
    const r = predictivePurchases(id, fit, data, 39, { draws: 400, seed: 3 }) as PredictiveTotal;
    expect(r.ok).toBe(true);
    expect(r.low).toBeLessThan(r.estimate);
    expect(r.high).toBeGreaterThan(r.estimate);
    // The models' own expectation: about 1,650 repeat purchases in 39 weeks (BG/NBD 1,653, MBG/NBD 1,577, Pareto/NBD 1,666).
    expect(r.estimate).toBeGreaterThan(1000);
    expect(r.estimate).toBeLessThan(2000);
    // The totals' spread: the 90 % interval is about ±1.645 sd; the mean of 400 draws is within 4 sd/√400 of the estimate.
    const sd = (r.high - r.low) / (2 * 1.645);
    const again = predictivePurchases(id, fit, data, 39, { draws: 400, seed: 3 });
    expect(again).toEqual(r);
    expect(Math.abs(r.mean - r.estimate)).toBeLessThan((4 * sd) / Math.sqrt(400));
  });

  test("wider than the parameter-only interval of the same total", () => {
    const ones = new Float64Array(data.frequency.length).fill(1);
    const d = { ...data, monetary: ones };
    const p = predictBtyd(d, { unit: "weeks", model: "bgnbd", horizonMonths: 1, periodsPerMonth: 39, discount: 0 }) as BtydPrediction;
    const q: BtydPrediction = { ...p, gammagamma: null, expectedValue: ones, clv: p.expectedPurchases };
    const only = predictionIntervals(q, d, { draws: 200 }) as PredictionIntervals;
    const pred = predictivePurchases("bgnbd", p.fit, data, 39) as PredictiveTotal;
    expect(pred.estimate / only.equity.estimate).toBeCloseTo(1, 6);
    expect(pred.high - pred.low).toBeGreaterThan(1.1 * (only.equity.high - only.equity.low));
  });
});

test("no uncertainty, no interval: the reason", () => {
  const same = { frequency: [2, 2, 2, 2], recency: [10, 10, 10, 10], T: [30, 30, 30, 30] };
  const r = predictivePurchases("bgnbd", { params: { r: 1, alpha: 1, a: 1, b: 1 } }, same, 39);
  expect(r).toMatchObject({ ok: false, reasonKey: "uncertainty.sameHistory" });
});
