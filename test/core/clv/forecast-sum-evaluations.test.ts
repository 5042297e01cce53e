/**
 * What the whole-base sum of expected purchases spends (src/core/clv/forecast-sum.ts,
 * docs/models/forecast.md §3): a group of equal frequency with many customers is summed through
 * Chebyshev interpolants in v = ln(T + m), 16 evaluations of the expectation-if-alive G per
 * interval and time, instead of one per customer and time; a group whose customers all have the
 * same age costs one evaluation per time; a group of 16 customers or fewer is summed customer by
 * customer. The values agree with the brute-force sum either way (forecast.test.ts, and below);
 * this test counts the model's evaluations (a counting wrapper around the model), which is what
 * the interpolation is for. Each count is worked out below from the data.
 */
import { countModel, type CountModelId, type CountParams, type CountModel } from "../../../src/core";
import { baseSums } from "../../../src/core/clv/forecast-sum";
import { CDNOW_PARAMS } from "./cdnow";

const DAY = 1 / 7; // weeks
const params = CDNOW_PARAMS;
// 13 future times, weeks 4, 8, …, 52
const times = Float64Array.from({ length: 13 }, (_v, k) => 4 * (k + 1));
const H = times.length;

function counting(id: CountModelId): { model: CountModel; calls: () => number } {
  const base = countModel(id);
  let calls = 0;
  const model: CountModel = {
    ...base,
    expectedPurchases: (p, t, x, tx, T) => {
      calls++;
      return base.expectedPurchases(p, t, x, tx, T);
    },
  };
  return { model, calls: () => calls };
}

/** Σ_i P(alive)_i·G_i(t) the slow way: the model's conditional expectation per customer and time. */
function bruteForce(id: CountModelId, p: CountParams, f: number[], tx: number[], t: number[], spend: number[]): { units: number[]; spend: number[] } {
  const model = countModel(id);
  const units = new Array<number>(H).fill(0), spent = new Array<number>(H).fill(0);
  for (let i = 0; i < f.length; i++) {
    for (let k = 0; k < H; k++) {
      const e = model.expectedPurchases(p, times[k], f[i], tx[i], t[i]);
      units[k] += e;
      spent[k] += e * spend[i];
    }
  }
  return { units, spend: spent };
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.each(["bgnbd", "mbgnbd", "paretonbd"] as CountModelId[])("%s: the whole base's sums and what they cost", (id) => {
  const p = params[id];

  it("5,000 customers in 4 frequencies of ages 10 … 309 days (1,250 each, summed through bins): under a tenth of one evaluation per customer and time", () => {
    const f: number[] = [], tx: number[] = [], t: number[] = [], spend: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = i % 4, tDays = 10 + ((i * 37) % 300);
      f.push(x);
      t.push(tDays * DAY);
      tx.push(x === 0 ? 0 : (tDays * ((i * 7) % 10) * DAY) / 10);
      spend.push(5 + (i % 11));
    }
    const { model, calls } = counting(id);
    const s = baseSums(model, p, f, tx, t, spend, times);
    expect(calls()).toBeLessThan((5000 * H) / 10);
    const exact = bruteForce(id, p, f, tx, t, spend);
    for (let k = 0; k < H; k++) {
      expect(rel(s.units[k], exact.units[k])).toBeLessThan(1e-9);
      expect(rel(s.spend![k], exact.spend[k])).toBeLessThan(1e-9);
    }
  });

  it("a group of 10 customers one by one, a group of 30 of one age once: 11 evaluations per time", () => {
    const f: number[] = [], tx: number[] = [], t: number[] = [], spend: number[] = [];
    for (let i = 0; i < 10; i++) {
      f.push(7);
      t.push((40 + 9 * i) * DAY);
      tx.push((20 + 3 * i) * DAY);
      spend.push(10);
    }
    for (let i = 0; i < 30; i++) {
      f.push(2);
      t.push(60 * DAY);
      tx.push((1 + i) * DAY);
      spend.push(20 + i);
    }
    const { model, calls } = counting(id);
    const s = baseSums(model, p, f, tx, t, spend, times);
    expect(calls()).toBe(11 * H);
    const exact = bruteForce(id, p, f, tx, t, spend);
    for (let k = 0; k < H; k++) {
      expect(rel(s.units[k], exact.units[k])).toBeLessThan(1e-12);
      expect(rel(s.spend![k], exact.spend[k])).toBeLessThan(1e-12);
    }
  });
});
