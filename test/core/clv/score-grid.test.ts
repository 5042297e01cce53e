/**
 * The whole-day grid of the grouped scoring (src/core/clv/score-grid.ts, btyd-score.ts,
 * score-pareto.ts) against each model's one-customer formulas: P(alive) (FHL 2008; Batislam et
 * al. 2007; FH 2005 eq. 36–37), E[Y(t) | x, t_x, T] and the discounted CLV sum of lifetimeValue,
 * customer by customer, to 1e-12 relative. The seeded sample (test/core/clv/simulate via
 * simulateBgNbd, a year at day resolution in weeks) repeats a fifth of its histories and nearly half its (x, T)
 * pairs; beside it, customers the grid must leave to the general way: a time a fraction of
 * a day off the grid, the same day written as another double (k·(1/7) against k/7), a frequency
 * above the tables, a non-whole frequency, t_x = T, t_x = 0 with x > 0 and −0.
 */
import { countModel, gammagamma, lifetimeValue, scoreCountModel, type CountModelId, type CountParams } from "../../../src/core";
import { Random, simulateBgNbd } from "../../../src/core/math/random";
import { dayGrid, gridIndex } from "../../../src/core/clv/score-grid";

const params: Record<CountModelId, CountParams> = {
  bgnbd: { r: 0.6, alpha: 3, a: 0.8, b: 2.4 },
  mbgnbd: { r: 0.55, alpha: 3.2, a: 0.9, b: 1.6 },
  paretonbd: { r: 0.55, alpha: 3.5, s: 0.6, beta: 11.7 },
};
const gg = { p: 6.25, q: 3.74, v: 15.44 };

const rng = new Random(7);
const n = 3000;
const Tin = new Float64Array(n);
for (let i = 0; i < n; i++) Tin[i] = 1 + 51 * rng.uniform();
const sim = simulateBgNbd(rng, { r: 0.6, alpha: 3, a: 0.8, b: 2.4 }, Tin, 1 / 7);
const frequency = Array.from(sim.frequency), recency = Array.from(sim.recency), T = Array.from(sim.T);
// [x, t_x, T] the grid cannot take, or takes at its edges.
const odd: [number, number, number][] = [
  [3, 20.05, 40.3], // a fraction of a day off the grid
  [2, 100 / 7, 300 / 7], // whole days written as k/7 rather than k·(1/7) (may differ in the last bit)
  [60, 50, 51], // above the tables' frequencies
  [2.5, 10, 30], // not a whole number
  [4, 30, 30], // t_x = T
  [2, 0, 25], // t_x = 0 with repeat purchases
  [-0, -0, 35], // −0
  [0, 0, 0], // T = 0
];
for (const [x, tx, t] of odd) {
  frequency.push(x);
  recency.push(tx);
  T.push(t);
}
const monetary = frequency.map((x) => (x > 0 ? 5 + 50 * rng.uniform() : 0));
const data = { frequency, recency, T, monetary };
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe("the sample", () => {
  it("repeats histories and uses the grid", () => {
    const histories = new Set(frequency.map((x, i) => `${x},${recency[i]},${T[i]}`));
    const pairs = new Set(frequency.map((x, i) => `${x},${T[i]}`));
    expect(histories.size).toBeGreaterThan(2000);
    expect(histories.size).toBeLessThan(0.8 * frequency.length);
    expect(pairs.size).toBeLessThan(0.6 * frequency.length);
    const g = dayGrid("weeks", frequency, T, () => Infinity)!;
    // 16,384 entries at most: a point per day up to the latest age, 363 days (in weeks), so 45
    // frequencies (x = 60 is beyond them).
    expect(g.cap).toBe(364);
    expect(Math.round(Math.max(...T) * 7)).toBe(363);
    expect(g.xCount).toBe(45);
    expect(gridIndex(g, 20.05)).toBe(140); // claims point 140 (20.05·7 = 140.35)…
    expect(gridIndex(g, 20)).toBe(-1); // …so 20 weeks, 140 days, is left to the general way
    expect(gridIndex(g, -1)).toBe(-1);
    expect(gridIndex(g, 60)).toBe(-1);
  });
});

describe.each(["bgnbd", "mbgnbd", "paretonbd"] as const)("scoreCountModel(%s) on the grid", (id) => {
  const model = countModel(id);
  const p = params[id];
  const opts = { unit: "weeks" as const, horizonMonths: 6, discount: 0.015, margin: 0.4 };
  const s = scoreCountModel(id, p, gg, data, opts);
  const t6 = 6 * (365.25 / 12 / 7);

  it("P(alive), E[Y(6 months)] and CLV of every customer as the one-customer formulas, to 1e-12 relative", () => {
    let worst = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i], tx = recency[i], t = T[i];
      const pa = model.probabilityAlive(p, x, tx, t);
      const e = (h: number) => model.expectedPurchases(p, h, x, tx, t);
      const ev = gammagamma.conditionalExpectedAverageValue(gg, x, monetary[i]);
      const clv = lifetimeValue(e, ev, opts);
      worst = Math.max(worst, rel(s.pAlive[i], pa), rel(s.expectedPurchases[i], e(t6)), rel(s.clv[i], clv));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it("the same scores for the customers in another order (the tables are filled as met)", () => {
    const order = Array.from(frequency, (_, i) => frequency.length - 1 - i);
    const pick = (a: number[]) => order.map((i) => a[i]);
    const r = scoreCountModel(id, p, gg, { frequency: pick(frequency), recency: pick(recency), T: pick(T), monetary: pick(monetary) }, opts);
    let worst = 0;
    order.forEach((i, j) => (worst = Math.max(worst, rel(r.pAlive[j], s.pAlive[i]), rel(r.clv[j], s.clv[i]))));
    expect(worst).toBeLessThan(1e-13);
  });
});

describe("dayGrid and gridIndex at their edges", () => {
  it("no grid without a finite age of 0 or more, without a finite frequency, or with tables past max(n/4, 16,384) entries", () => {
    expect(dayGrid("weeks", [1], [Infinity], () => Infinity)).toBeNull();
    expect(dayGrid("weeks", [1], [-0.01], () => Infinity)).toBeNull(); // rounds to day 0, but is no age
    expect(dayGrid("days", [0], [0], () => Infinity)!.cap).toBe(1); // an age of 0 is one: day 0
    expect(dayGrid("weeks", [Infinity, Number.NaN], [10, 12], () => Infinity)).toBeNull();
    // A point per day: 16,384 days fill the least budget with one frequency; one day more is too many.
    const fits = dayGrid("weeks", [3], [16383 / 7], () => Infinity)!;
    expect([fits.cap, fits.xCount]).toEqual([16384, 1]);
    expect(dayGrid("weeks", [3], [16384 / 7], () => Infinity)).toBeNull();
    // A model whose tables stop below x = 0 (maxX below 0) takes no grid.
    expect(dayGrid("weeks", [3], [10], () => -1)).toBeNull();
  });

  it("gridIndex: the first and last points, and −1 past them or for NaN", () => {
    const g = dayGrid("days", [0, 2], [0, 9], () => Infinity)!;
    expect(g.cap).toBe(10);
    expect(gridIndex(g, 0)).toBe(0);
    expect(gridIndex(g, 9)).toBe(9);
    expect(gridIndex(g, 10)).toBe(-1);
    expect(gridIndex(g, -0.6)).toBe(-1);
    expect(gridIndex(g, Number.NaN)).toBe(-1);
  });
});

describe("dayGrid on a large base", () => {
  it("sizes its tables from one customer in eight and its ages from one in 64, and a frequency or an age it did not see is scored the general way", () => {
    const m = 70_000;
    const f = new Float64Array(m), tx = new Float64Array(m), T = new Float64Array(m), spend = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      f[i] = i % 7;
      T[i] = (1 + (i % 300)) / 7;
      tx[i] = f[i] > 0 ? T[i] / 2 : 0;
      spend[i] = f[i] > 0 ? 20 : 0;
    }
    f[12_345] = 40; // not a multiple of 8: unseen by the sample
    tx[12_345] = 1;
    const g = dayGrid("weeks", f, T, () => Infinity)!;
    expect(g.xCount).toBe(7);
    // Ages of customers 0, 64, 128, …: i mod 300 is a multiple of gcd(64, 300) = 4, so the latest
    // age seen is 297/7 and customers at 298/7 … 300/7 (i mod 300 = 297 … 299) are off the grid.
    expect(g.maxT).toBe(297 / 7);
    expect(g.cap).toBe(298);
    // Customers 0, 8, 16, … with i % 7 = 3: 1,250 of the 10,000 (i ≡ 24 mod 56), counted 8 times each.
    expect(g.customers[3]).toBe(10_000);
    const p = params.bgnbd, model = countModel("bgnbd");
    const s = scoreCountModel("bgnbd", p, gg, { frequency: f, recency: tx, T, monetary: spend }, { unit: "weeks", horizonMonths: 3 });
    for (const i of [0, 3, 12_345, 69_999, 299, 597]) {
      expect(rel(s.pAlive[i], model.probabilityAlive(p, f[i], tx[i], T[i]))).toBeLessThan(1e-12);
      expect(rel(s.expectedPurchases[i], model.expectedPurchases(p, 3 * (365.25 / 12 / 7), f[i], tx[i], T[i]))).toBeLessThan(1e-12);
    }
  });
});

describe("the expected spend on the grid", () => {
  it("takes max(m, 0) of every spend, as Gamma-Gamma's formula (FH 2013 eq. 5) does, to 1e-15 relative", () => {
    // Whole days in weeks, so every customer is on the grid; the spends include the edges of the
    // loop's test m ≥ 0 (the others leave the loop for max(m, 0)): negative, −0, huge, −∞ and NaN.
    const spends = [25, -3, -0, 0, 1e301, -1e301, -Infinity, Number.NaN, 7.5];
    const f = spends.map(() => 2), txs = spends.map((_, i) => (10 + i) / 7), Ts = spends.map((_, i) => (200 + i) / 7);
    const s = scoreCountModel("bgnbd", params.bgnbd, gg, { frequency: f, recency: txs, T: Ts, monetary: spends }, { unit: "weeks", horizonMonths: 3 });
    spends.forEach((m, i) => {
      const want = (gg.p * (gg.v + 2 * Math.max(m, 0))) / (gg.p * 2 + gg.q - 1);
      if (Number.isNaN(m)) expect(s.expectedValue[i]).toBeNaN();
      else expect(rel(s.expectedValue[i], want)).toBeLessThan(1e-15);
    });
    // 25 at x = 2: 6.25·(15.44 + 50)/(12.5 + 3.74 − 1) = 409/15.24 = 26.8372703…; nothing spent: 96.5/15.24.
    expect(s.expectedValue[0]).toBeCloseTo(26.83727034, 8);
    for (const i of [1, 2, 3, 5, 6]) expect(s.expectedValue[i]).toBeCloseTo(6.33202100, 8);
    expect(rel(s.expectedValue[4], (6.25 * (15.44 + 2e301)) / 15.24)).toBeLessThan(1e-15);
  });
});
