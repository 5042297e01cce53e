/**
 * Edges of the forecast's fast sum (src/core/clv/forecast-sum.ts) that forecast.test.ts does not
 * reach: frequencies of 4,096 and more, whose groups are kept in a map instead of the array of
 * the first 4,096 frequencies. Expected values: the direct per-customer sum of each model's own
 * E[Y(t) | x, t_x, T] (the conditional expectation, not the fast sum), to 1e-9 relative, and the
 * count of the model's evaluations, which shows each frequency summed as one group.
 */
import { countModel, COUNT_MODEL_IDS, type CountParams, type CountModelId } from "../../../src/core/clv/models";
import { countingModel } from "../../support/counting-model";
import { forecastBase } from "../../../src/core/clv/forecast";
import { Mulberry } from "./simulate";

/** Parameters near lifetimes' CDNOW fits (test/fixtures/lifetimes-cdnow.json), rounded. */
const PARAMS: Record<CountModelId, CountParams> = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  mbgnbd: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
  paretonbd: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 },
};

describe("frequencies from 4,095 to 5,000 (groups past the array of small frequencies)", () => {
  // 300 customers at each of x = 4095, 4096, 4097, 5000 (enough that each frequency is summed by
  // its interpolant, not customer by customer), with t_x and T spread over 4,000–6,000
  // weeks (a daily buyer for decades), plus one customer at x = 0, T = 0. Spend uniform on 5–95.
  const rng = new Mulberry(4096);
  const frequency: number[] = [], recency: number[] = [], T: number[] = [], spend: number[] = [];
  for (const x of [4095, 4096, 4097, 5000]) {
    for (let i = 0; i < 300; i++) {
      const t0 = 4000 + 2000 * rng.next();
      frequency.push(x);
      recency.push(t0 * (0.5 + 0.5 * rng.next()));
      T.push(t0);
      spend.push(5 + 90 * rng.next());
    }
  }
  frequency.push(0);
  recency.push(0);
  T.push(0);
  spend.push(50);

  test.each(COUNT_MODEL_IDS)("%s: 8 periods of 13 weeks agree with the direct per-customer sum to 1e-9, at 65 evaluations a period", (id) => {
    const model = countModel(id), params = PARAMS[id];
    const { model: counted, calls } = countingModel(id);
    const periods = 8, L = 13;
    const f = forecastBase(counted, params, { frequency, recency, T }, spend, { periods, periodLength: L });
    // Each frequency's 300 customers are one group, resolved by one interval of 16 points per
    // period end; the customer at T = 0 is a group of one age, one point.
    expect(calls()).toBe((4 * 16 + 1) * periods);
    const units = new Float64Array(periods), revenue = new Float64Array(periods);
    for (let i = 0; i < frequency.length; i++) {
      let prev = 0;
      for (let k = 0; k < periods; k++) {
        const e = model.expectedPurchases(params, (k + 1) * L, frequency[i], recency[i], T[i]);
        units[k] += e - prev;
        revenue[k] += (e - prev) * spend[i];
        prev = e;
      }
    }
    for (let k = 0; k < periods; k++) {
      expect(units[k]).toBeGreaterThan(0);
      expect(Math.abs(f.rows[k].transactions / units[k] - 1)).toBeLessThan(1e-9);
      expect(Math.abs(f.rows[k].revenue / revenue[k] - 1)).toBeLessThan(1e-9);
    }
  });
});
