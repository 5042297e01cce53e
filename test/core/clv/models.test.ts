/**
 * Seeded simulation recovery, invariants over grids, robustness at extreme inputs and the
 * degenerate data of the issue. Tolerances are stated per assertion: recovery tolerances are
 * set at about 3 standard errors for the simulated sample sizes.
 */
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as paretonbd from "../../../src/core/clv/paretonbd";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import * as gammagamma from "../../../src/core/clv/gammagamma";
import * as bgbb from "../../../src/core/clv/bgbb";
import { Random, simulateBgNbd } from "../../../src/core/math/random";
import { ErrorCodes } from "../../../src/core/errors";
import { lifetimeValue, predictBtyd } from "../../../src/core/clv/lifetime";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const cohortT = (rng: Random, n: number, min: number, max: number) => Float64Array.from({ length: n }, () => min + (max - min) * rng.uniform());

describe("simulation recovery (seeded)", () => {
  // BG/NBD, MBG/NBD and Pareto/NBD: test/core/clv/recovery.test.ts, with a simulator of its own.
  it("Gamma-Gamma: 5,000 buyers from p 6, q 4, v 15 → each within 15%", () => {
    const rng = new Random(5);
    const truth = { p: 6, q: 4, v: 15 };
    const n = 5000;
    const frequency = new Float64Array(n), monetary = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = 1 + Math.floor(rng.uniform() * 8);
      const nu = rng.gamma(truth.q, truth.v);
      let s = 0;
      for (let j = 0; j < x; j++) s += rng.gamma(truth.p, nu);
      frequency[i] = x;
      monetary[i] = s / x;
    }
    const fit = gammagamma.fit({ frequency, monetary });
    expect(fit.converged).toBe(true);
    for (const k of ["p", "q", "v"] as const) expect(rel(fit.params[k], truth[k])).toBeLessThan(0.15);
  });
  it("BG/BB: 20,000 customers over 6 opportunities from α 1.2, β 0.75, γ 0.66, δ 2.8 → within 25%", () => {
    const rng = new Random(9);
    const truth = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
    const counts = new Map<string, number>();
    let sumX = 0;
    for (let i = 0; i < 20000; i++) {
      const p = rng.beta(truth.alpha, truth.beta), theta = rng.beta(truth.gamma, truth.delta);
      let x = 0, last = 0;
      for (let t = 1; t <= 6; t++) {
        if (rng.uniform() < theta) break; // dies at the start of opportunity t
        if (rng.uniform() < p) {
          x++;
          last = t;
        }
      }
      sumX += x;
      const key = `${x},${last}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const rows = [...counts].map(([k, w]) => [...k.split(",").map(Number), w]);
    const fit = bgbb.fit({ frequency: rows.map((r) => r[0]), recency: rows.map((r) => r[1]), periods: rows.map(() => 6), weights: rows.map((r) => r[2]) });
    expect(fit.converged).toBe(true);
    for (const k of ["alpha", "beta", "gamma", "delta"] as const) expect(rel(fit.params[k], truth[k])).toBeLessThan(0.25);
    // E[X(6)] against the simulated mean: within 3%.
    expect(rel(bgbb.expectedPurchasesUnconditional(fit.params, 6), sumX / 20000)).toBeLessThan(0.03);
  });
});

describe("invariants over grids", () => {
  const bg = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
  const pn = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
  const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
  const xs = [0, 1, 5, 300, 10000];
  const Ts = [0.5, 38.86, 10000];
  it("0 ≤ P(alive) ≤ 1 and expectations finite, ≥ 0 and non-decreasing in t", () => {
    for (const x of xs) for (const T of Ts) for (const frac of [0, 0.5, 1]) {
      const tx = x === 0 ? 0 : frac * T;
      for (const [palive, expect_] of [
        [bgnbd.probabilityAlive(bg, x, tx, T), (t: number) => bgnbd.expectedPurchases(bg, t, x, tx, T)],
        [mbgnbd.probabilityAlive(mbg, x, tx, T), (t: number) => mbgnbd.expectedPurchases(mbg, t, x, tx, T)],
        [paretonbd.probabilityAlive(pn, x, tx, T), (t: number) => paretonbd.expectedPurchases(pn, t, x, tx, T)],
      ] as const) {
        expect(palive).toBeGreaterThanOrEqual(0);
        expect(palive).toBeLessThanOrEqual(1);
        let prev = 0;
        for (const t of [0, 0.1, 1, 10, 100, 1000, 10000]) {
          const e = expect_(t);
          expect(Number.isFinite(e)).toBe(true);
          expect(e).toBeGreaterThanOrEqual(prev - 1e-9 * Math.max(1, prev));
          prev = e;
        }
      }
    }
  });
  it("P(X(t) = n) sums to 1 and has mean E[X(t)] (BG/NBD and Pareto/NBD, within 1e-6)", () => {
    for (const t of [1, 39]) {
      let s1 = 0, m1 = 0, s2 = 0, m2 = 0;
      for (let n = 0; n < 150; n++) {
        const p1 = bgnbd.probabilityOfPurchases(bg, t, n), p2 = paretonbd.probabilityOfPurchases(pn, t, n);
        s1 += p1;
        m1 += n * p1;
        s2 += p2;
        m2 += n * p2;
      }
      expect(Math.abs(s1 - 1)).toBeLessThan(1e-6);
      expect(Math.abs(s2 - 1)).toBeLessThan(1e-6);
      expect(Math.abs(m1 - bgnbd.expectedPurchasesUnconditional(bg, t))).toBeLessThan(1e-6);
      expect(Math.abs(m2 - paretonbd.expectedPurchasesUnconditional(pn, t))).toBeLessThan(1e-6);
    }
  });
  it("unconditional expectations are increasing in t", () => {
    let a = 0, b = 0, c = 0, d = 0;
    for (const t of [0.1, 1, 10, 100, 1000, 10000]) {
      const [a2, b2, c2, d2] = [
        bgnbd.expectedPurchasesUnconditional(bg, t),
        paretonbd.expectedPurchasesUnconditional(pn, t),
        mbgnbd.expectedPurchasesUnconditional(mbg, t),
        bgbb.expectedPurchasesUnconditional({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 }, Math.round(t)),
      ];
      expect(a2).toBeGreaterThan(a);
      expect(b2).toBeGreaterThan(b);
      expect(c2).toBeGreaterThan(c);
      expect(d2).toBeGreaterThanOrEqual(d);
      [a, b, c, d] = [a2, b2, c2, d2];
    }
  });
});

describe("robustness", () => {
  it("frequency up to 10,000 and T up to 10,000 give finite likelihoods, predictions and BG/NBD fits", () => {
    const frequency = [0, 1, 10000, 5000, 3, 10000], recency = [0, 5, 9999, 10000, 2, 10000], T = [10000, 10000, 10000, 10000, 5, 10000];
    const bg = bgnbd.fit({ frequency, recency, T });
    expect(Number.isFinite(bg.logLikelihood)).toBe(true);
    for (const v of Object.values(bg.params)) expect(Number.isFinite(v)).toBe(true);
    // Pareto/NBD at the CDNOW estimates (its fit on six extreme rows runs β/α → 0; see paretonbd.ts).
    const pn = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    for (let i = 0; i < frequency.length; i++) {
      for (const v of [
        bgnbd.logLikelihood(bg.params, frequency[i], recency[i], T[i]),
        paretonbd.logLikelihood(pn, frequency[i], recency[i], T[i]),
        bgnbd.expectedPurchases(bg.params, 10000, frequency[i], recency[i], T[i]),
        paretonbd.expectedPurchases(pn, 10000, frequency[i], recency[i], T[i]),
        paretonbd.probabilityAlive(pn, frequency[i], recency[i], T[i]),
      ]) expect(Number.isFinite(v)).toBe(true);
    }
  });
  it("nobody repeats → DEGENERATE_DATA naming it", () => {
    const d = { frequency: [0, 0, 0], recency: [0, 0, 0], T: [10, 20, 30] };
    expect(() => bgnbd.fit(d)).toThrow(expect.objectContaining({ code: ErrorCodes.DegenerateData, message: expect.stringContaining("nobody makes a repeat purchase") }));
    expect(() => paretonbd.fit(d)).toThrow(expect.objectContaining({ code: ErrorCodes.DegenerateData }));
    expect(predictBtyd(Array.from({ length: 20 }, () => ({ frequency: 0, recency: 0, T: 5 })), { unit: "weeks" })).toEqual(
      expect.objectContaining({ fitted: false, note: expect.stringContaining("nobody makes a repeat purchase") }),
    );
  });
  it("a single customer, or all identical → DEGENERATE_DATA", () => {
    expect(() => bgnbd.fit({ frequency: [2], recency: [5], T: [10] })).toThrow(expect.objectContaining({ code: ErrorCodes.DegenerateData }));
    expect(() => mbgnbd.fit({ frequency: [2, 2, 2], recency: [5, 5, 5], T: [10, 10, 10] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.DegenerateData, message: expect.stringContaining("same purchase history") }),
    );
  });
  it("recency greater than T → INCONSISTENT_DATA naming the row", () => {
    expect(() => bgnbd.fit({ frequency: [1, 2], recency: [3, 40], T: [10, 38.86] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.InconsistentData, message: expect.stringContaining("row 2") }),
    );
  });
  it("Gamma-Gamma: zero or negative spend of a repeat buyer → OUT_OF_RANGE naming the row; 'exclude' leaves it out", () => {
    const d = { frequency: [1, 2, 3, 1], monetary: [10, 0, 30, 12] };
    expect(() => gammagamma.fit(d)).toThrow(expect.objectContaining({ code: ErrorCodes.OutOfRange, message: expect.stringContaining("row 2") }));
    const fit = gammagamma.fit({ frequency: [1, 2, 3, 1, 4, 2], monetary: [10, -5, 30, 12, 20, 15] }, { nonPositive: "exclude" });
    expect(fit.excluded).toBe(1);
    expect(fit.customers).toBe(5);
  });
  it("non-convergence is reported, never hidden", () => {
    const rng = new Random(1);
    const sim = simulateBgNbd(rng, { r: 0.5, alpha: 5, a: 0.8, b: 2.5 }, cohortT(rng, 2000, 26, 52));
    const fit = bgnbd.fit(sim, { maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/tolerance|boundary/);
  });
  it("lifetime value: explicit unit; weekly and daily versions of the same data agree", () => {
    const bgW = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
    const bgD = { ...bgW, alpha: bgW.alpha * 7 }; // α scales with the time unit
    const weekly = lifetimeValue((t) => bgnbd.expectedPurchases(bgW, t, 2, 30.43, 38.86), 24.65, { unit: "weeks" });
    const daily = lifetimeValue((t) => bgnbd.expectedPurchases(bgD, t, 2, 30.43 * 7, 38.86 * 7), 24.65, { unit: "days" });
    expect(Math.abs(weekly - daily) / weekly).toBeLessThan(1e-9);
    expect(() => lifetimeValue(() => 0, 1, { unit: "fortnights" as "weeks" })).toThrow(expect.objectContaining({ code: ErrorCodes.OutOfRange }));
  });
});
