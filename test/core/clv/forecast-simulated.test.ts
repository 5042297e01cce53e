/**
 * The forecast of the whole base (src/core/clv/forecast.ts) against simulated truth: 20 seeded
 * BG/NBD cohorts of 20,000 customers, their actual purchases in the next 52 weeks against the
 * forecast with the true parameters and with parameters fitted on each calibration sample. Apart
 * from forecast.test.ts because its 20 fits take about 10 s.
 */
import { countModel } from "../../../src/core/clv/models";
import { forecastBase } from "../../../src/core/clv/forecast";
import { cohort, Mulberry } from "./simulate";
import { simulateBgNbdFuture } from "./simulate-future";

describe("the forecast of the next 52 weeks against simulated truth (BG/NBD, 20,000 customers, 20 seeds)", () => {
  const truth = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
  const errors = { trueParams: [] as number[], fitted: [] as number[] };
  beforeAll(() => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new Mulberry(1000 + seed);
      // A CDNOW-like cohort: first purchases over 12 weeks, observed for 27–39 weeks.
      const sim = simulateBgNbdFuture(rng, truth, cohort(rng, 20_000, 27, 39), 52, 1);
      let actual = 0;
      for (const c of sim.future) actual += c;
      const model = countModel("bgnbd");
      const f = forecastBase(model, truth, sim, 1, { periods: 52, periodLength: 1 });
      errors.trueParams.push(f.transactions / actual - 1);
      const fitted = model.fit(sim).params;
      errors.fitted.push(forecastBase(model, fitted, sim, 1, { periods: 52, periodLength: 1 }).transactions / actual - 1);
    }
  });
  const mean = (v: number[]) => v.reduce((s, e) => s + e, 0) / v.length;
  test("with the true parameters: within 3 % on average (mean absolute error), no bias beyond 1 %", () => {
    expect(mean(errors.trueParams.map(Math.abs))).toBeLessThan(0.03);
    expect(Math.abs(mean(errors.trueParams))).toBeLessThan(0.01);
  });
  test("with parameters fitted on each calibration sample: within 3 % on average", () => {
    expect(mean(errors.fitted.map(Math.abs))).toBeLessThan(0.03);
  });
});
