/**
 * What the whole-base sum of expected purchases spends (src/core/clv/forecast-sum.ts,
 * docs/models/forecast.md §3): a group of equal frequency with many customers is summed through
 * Chebyshev interpolants in v = ln(T + m), 16 evaluations of the expectation-if-alive G per
 * interval and time, instead of one per customer and time; a group whose customers all have the
 * same age costs one evaluation per time; a group of 16 customers or fewer is summed customer by
 * customer, and so is a group whose interpolant would need as many points as it has customers. The values agree with the brute-force sum either way (forecast.test.ts, and below);
 * this test counts the model's evaluations (a counting wrapper around the model), which is what
 * the interpolation is for. Each count is worked out below from the data.
 */
import { countModel, type CountModelId, type CountParams } from "../../../src/core";
import { baseSums, binsPay, singularShift } from "../../../src/core/clv/forecast-sum";
import { CDNOW_PARAMS } from "./cdnow";
import { countingModel } from "../../support/counting-model";

const DAY = 1 / 7; // weeks
const params = CDNOW_PARAMS;
// 13 future times, weeks 4, 8, …, 52
const times = Float64Array.from({ length: 13 }, (_v, k) => 4 * (k + 1));
const H = times.length;


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
    const { model, calls } = countingModel(id);
    const s = baseSums(model, p, f, tx, t, spend, times);
    expect(calls()).toBeLessThan((5000 * H) / 10);
    const exact = bruteForce(id, p, f, tx, t, spend);
    for (let k = 0; k < H; k++) {
      expect(rel(s.units[k], exact.units[k])).toBeLessThan(1e-11);
      expect(rel(s.spend![k], exact.spend[k])).toBeLessThan(1e-11);
    }
  });

  it("a group of 30 of one age once, a group of 16 customers one by one: 17 evaluations per time", () => {
    const f: number[] = [], tx: number[] = [], t: number[] = [], spend: number[] = [];
    for (let i = 0; i < 30; i++) {
      f.push(2);
      t.push(60 * DAY);
      tx.push((1 + i) * DAY);
      spend.push(20 + i);
    }
    for (let i = 0; i < 16; i++) {
      f.push(7);
      t.push((40 + 9 * i) * DAY);
      tx.push((20 + 3 * i) * DAY);
      spend.push(10);
    }
    const { model, calls } = countingModel(id);
    const s = baseSums(model, p, f, tx, t, spend, times);
    expect(calls()).toBe(17 * H);
    const exact = bruteForce(id, p, f, tx, t, spend);
    for (let k = 0; k < H; k++) {
      expect(rel(s.units[k], exact.units[k])).toBeLessThan(1e-12);
      expect(rel(s.spend![k], exact.spend[k])).toBeLessThan(1e-12);
    }
  });

  /** n customers of frequency 3 with ages spread evenly in log from 1 day to 30 years, t_x from 5 % to 95 % of T. */
  function wideAges(n: number) {
    const f: number[] = [], tx: number[] = [], t: number[] = [], spend: number[] = [];
    for (let i = 0; i < n; i++) {
      const tDays = Math.exp((Math.log(30 * 365) * i) / (n - 1));
      f.push(3);
      t.push(tDays * DAY);
      tx.push((tDays * DAY * ((i % 10) + 0.5)) / 10);
      spend.push(5 + (i % 11));
    }
    return { f, tx, t, spend };
  }

  it("2,000 customers aged 1 day … 30 years: one interval does not resolve G, halving does (4 intervals, 7 tried at 16 points each), to 1e-12 of the direct sum", () => {
    const { f, tx, t, spend } = wideAges(2000);
    const { model, calls } = countingModel(id);
    const s = baseSums(model, p, f, tx, t, spend, times);
    // Each interval tried costs 16 per time; halving makes a binary tree, whose 4 leaves (the
    // intervals accepted) take 3 halvings: 7 tried.
    expect(calls()).toBe(7 * 16 * H);
    const exact = bruteForce(id, p, f, tx, t, spend);
    for (let k = 0; k < H; k++) {
      expect(rel(s.units[k], exact.units[k])).toBeLessThan(1e-12);
      expect(rel(s.spend![k], exact.spend[k])).toBeLessThan(1e-12);
    }
  });

  it("32 customers aged 1 day … 30 years: after one halving the two halves would take 32 points, so the 32 are summed one by one (16 + 32 evaluations per time)", () => {
    const { f, tx, t, spend } = wideAges(32);
    const { model, calls } = countingModel(id);
    const s = baseSums(model, p, f, tx, t, spend, times);
    expect(calls()).toBe((16 + 32) * H);
    const exact = bruteForce(id, p, f, tx, t, spend);
    for (let k = 0; k < H; k++) expect(rel(s.units[k], exact.units[k])).toBeLessThan(1e-12);
  });
});

describe("choices of the fast sum", () => {
  it("the shift puts the singularities of G at T + m ≤ 0: the least of α and (Pareto/NBD) β", () => {
    expect(singularShift({ r: 0.5, alpha: 4, a: 0.8, b: 2.4 })).toBe(4);
    expect(singularShift({ r: 0.5, alpha: 10, s: 0.6, beta: 2 })).toBe(2);
    expect(singularShift({ r: 0.5, alpha: 2, s: 0.6, beta: 10 })).toBe(2);
    expect(singularShift({ r: 0.5, alpha: 3, s: 0.6, beta: 3 })).toBe(3);
  });

  it("bins pay from 1,024 customers, while the intervals' bins (1,024 words each) take at most 4 words per customer", () => {
    expect(binsPay(1, 1024)).toBe(true);
    expect(binsPay(1, 1023)).toBe(false);
    expect(binsPay(4, 1024)).toBe(true);
    expect(binsPay(5, 1024)).toBe(false);
    expect(binsPay(5, 1280)).toBe(true);
    expect(binsPay(6, 1280)).toBe(false);
  });
});
