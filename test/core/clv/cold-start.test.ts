// What makes the first small fit cheap (docs/models/fitting.md §16): Newton's method starts BG/NBD
// and MBG/NBD from the summary's moments (bgnbd.ts betaGeoMomentStart) and ends with the Newton
// step its last evaluation already paid for (fitting.ts lastEvaluation), so the estimate is the
// optimum itself whatever the start.
import { bgnbd, groupRfm, toRfmData } from "../../../src/core";
import { betaGeoMomentStart } from "../../../src/core/clv/bgnbd";
import { betaGeoLogLikelihoodHessian } from "../../../src/core/clv/bgnbd-hessian";
import { fitLogParameters, lastEvaluation, meanNegativeLogLikelihood, meanNegativeLogLikelihoodHessian } from "../../../src/core/clv/fitting";
import { betaGeoLogLikelihood } from "../../../src/core/clv/bgnbd";
import { minimizeNewton, type HessianObjective } from "../../../src/core/math/optimize";
import { groupRfmHashed, groupRfmSmall, SMALL_BELOW } from "../../../src/core/clv/grouping";
import { cdnowSummary } from "./cdnow";
import { cohort, Mulberry, simulateBgNbd } from "./simulate";

const cdnow = cdnowSummary();
const grouped = groupRfm(toRfmData(cdnow));
const rel = (a: number, b: number): number => Math.abs(a / b - 1);
const paramsOf = (p: { r: number; alpha: number; a: number; b: number }): number[] => [p.r, p.alpha, p.a, p.b];
const hessianObjective = (data: typeof grouped, modified: boolean): HessianObjective =>
  meanNegativeLogLikelihoodHessian((t, g, h) => betaGeoLogLikelihoodHessian(data, t, g, h, modified), data.totalWeight, 0);
/** The optimum to the rounding of the sums: Newton's method from the fit's estimate down to a gradient of 1e-13. */
const tightOptimum = (data: typeof grouped, modified: boolean, from: number[]): number[] => {
  const r = minimizeNewton(hessianObjective(data, modified), from.map(Math.log), { gradientTolerance: 1e-13 });
  return Array.from(r.x, Math.exp);
};

describe("betaGeoMomentStart", () => {
  it("on CDNOW: r from the counts' overdispersion, α from the share without repeat purchases, b from the recencies (recomputed here from the customers' rows)", () => {
    // Per customer, not per distinct history: the same sums.
    const n = cdnow.frequency.length;
    let sx = 0, sT = 0, sxx = 0, sTT = 0, zero = 0, repeat = 0, q = 0;
    for (let i = 0; i < n; i++) {
      const x = cdnow.frequency[i], T = cdnow.T[i];
      sx += x;
      sT += T;
      sxx += x * (x - 1);
      sTT += T * T;
      if (x === 0) zero++;
      else {
        repeat++;
        q += cdnow.recency[i] / T / (x / (x + 1));
      }
    }
    const rate = sx / sT;
    const r = 1 / (sxx / sTT / rate ** 2 - 1);
    const s = (zero / n) ** (1 / r);
    const alpha = ((sT / n) * s) / (1 - s);
    const b = q / repeat / (1 - q / repeat);
    const start = betaGeoMomentStart(grouped);
    expect(rel(start[0], r)).toBeLessThan(1e-12);
    expect(rel(start[1], alpha)).toBeLessThan(1e-12);
    expect(start[2]).toBe(1);
    expect(rel(start[3], b)).toBeLessThan(1e-12);
    // Within 25 % of CDNOW's optimum in r (0.2426) and 60 % in α (4.414), where the first start
    // (r = 1, α = 1/rate = 31.4) is 4× and 7× off.
    expect(start[0]).toBeCloseTo(0.2935, 4);
    expect(start[1]).toBeCloseTo(6.897, 3);
    expect(start[3]).toBeCloseTo(4.152, 3);
  });

  it("clamps what the data cannot give: no one-time buyer, counts not overdispersed, nobody repeating", () => {
    // Every customer bought twice at the same times: no spread at all.
    const same = groupRfm(toRfmData({ frequency: [2, 2, 2], recency: [5, 5, 5], T: [10, 10, 10] }));
    const [r, alpha, a, b] = betaGeoMomentStart(same);
    // Σx(x−1)/ΣT² ÷ rate² = (2/100)/(0.2²) = 0.5 ≤ 1: r = 1; no one-time buyer: α = r/rate = 5;
    // q = (5/10)/(2/3) = 0.75: b = 3.
    expect(r).toBe(1);
    expect(alpha).toBeCloseTo(5, 12);
    expect(a).toBe(1);
    expect(b).toBeCloseTo(3, 12);
    const none = groupRfm(toRfmData({ frequency: [0, 0], recency: [0, 0], T: [10, 20] }));
    // rate clamped to 1e-6, share 0.5 (b = 1), α from P(x = 0) = 1 is r/rate clamped to 1e3.
    expect(betaGeoMomentStart(none)).toEqual([1, 1000, 1, 1]);
  });
});

describe("lastEvaluation: the Newton step at the last point, for free", () => {
  // f(x) = ½ (x − c)ᵀ A (x − c) with A positive definite: one Newton step from anywhere lands on c.
  const A = Float64Array.of(4, 1, 1, 3);
  const c = [0.3, -0.2];
  const quadratic: HessianObjective = (x, g, H) => {
    const d0 = x[0] - c[0], d1 = x[1] - c[1];
    g[0] = A[0] * d0 + A[1] * d1;
    g[1] = A[2] * d0 + A[3] * d1;
    H.set(A);
    return 0.5 * (d0 * g[0] + d1 * g[1]);
  };

  it("lands on the minimum from a point within 1e-4, and leaves x alone when it is not the last point evaluated or the step is large", () => {
    const last = lastEvaluation(quadratic);
    const x = Float64Array.of(0.3 + 3e-5, -0.2 - 2e-5);
    last.f(x, new Float64Array(2), new Float64Array(4));
    const p = last.polish(x);
    expect(Math.abs(p[0] - c[0])).toBeLessThan(1e-15);
    expect(Math.abs(p[1] - c[1])).toBeLessThan(1e-15);
    const other = Float64Array.of(0.3, -0.1);
    expect(last.polish(other)).toBe(other);
    const far = Float64Array.of(1, 1);
    last.f(far, new Float64Array(2), new Float64Array(4));
    expect(last.polish(far)).toBe(far);
  });

  it("leaves x alone where the Hessian is not positive definite (a saddle) or nothing was evaluated", () => {
    const saddle: HessianObjective = (_x, g, H) => {
      g[0] = 1e-6;
      g[1] = 1e-6;
      H.set([1, 0, 0, -1]);
      return 0;
    };
    const last = lastEvaluation(saddle);
    const x = Float64Array.of(1, 2);
    expect(last.polish(x)).toBe(x);
    last.f(x, new Float64Array(2), new Float64Array(4));
    expect(last.polish(x)).toBe(x);
  });
});

describe("the first small fit: fewer Newton passes, the same optimum", () => {
  for (const modified of [false, true]) {
    const name = modified ? "MBG/NBD" : "BG/NBD";
    it(`${name} on CDNOW: at most ${modified ? 6 : 4} Newton iterations (from the first start: ${modified ? 7 : 6}), at the optimum to 1e-10 relative, the published figures`, () => {
      const fit = modified ? bgnbd.fitBetaGeo(cdnow, {}, true) : bgnbd.fit(cdnow);
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeLessThanOrEqual(modified ? 6 : 4);
      const est = paramsOf(fit.params);
      const opt = tightOptimum(grouped, modified, est);
      for (let i = 0; i < 4; i++) expect(rel(est[i], opt[i])).toBeLessThan(1e-10);
      if (!modified) {
        // FHL 2005, Table: r 0.243, α 4.414, a 0.793, b 2.426; LL −9582.4.
        expect(fit.params.r).toBeCloseTo(0.2426, 4);
        expect(fit.params.alpha).toBeCloseTo(4.4135, 3);
        expect(fit.params.a).toBeCloseTo(0.7929, 4);
        expect(fit.params.b).toBeCloseTo(2.4258, 3);
        expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
      }
    });
  }

  it("Newton's method from the moment start and from the first start ends at one estimate (1e-11 relative) on 3,000 simulated customers", () => {
    const rng = new Mulberry(23);
    const sim = simulateBgNbd(rng, { r: 0.6, alpha: 8, a: 1.2, b: 4 }, cohort(rng, 3000, 4, 52, 1 / 7));
    const data = groupRfm(toRfmData(sim));
    const f = meanNegativeLogLikelihood((t, g) => betaGeoLogLikelihood(data, t, g, false), data.totalWeight, 0);
    const settings = { model: "BG/NBD", maxIterations: 500, tolerance: 1e-9, timeLimitMs: 60_000, newton: hessianObjective(data, false) };
    const first = [1, 10, 1, 2];
    const fromFirst = fitLogParameters(f, [first], ["r", "alpha", "a", "b"], settings);
    const fromMoments = fitLogParameters(f, [first], ["r", "alpha", "a", "b"], { ...settings, newtonStart: betaGeoMomentStart(data) });
    expect(fromFirst.converged && fromMoments.converged).toBe(true);
    expect(fromMoments.iterations).toBeLessThan(fromFirst.iterations);
    for (let i = 0; i < 4; i++) expect(Math.abs(fromMoments.logParams[i] - fromFirst.logParams[i])).toBeLessThan(1e-11);
  });
});

describe("groupRfmSmall (groupRfm below SMALL_BELOW rows: the histories numbered in Maps)", () => {
  const fields = ["x", "tx", "T", "w", "groupOf", "distinctX", "xIndex", "weightOfX", "distinctTimes", "txIndex", "TIndex"] as const;
  const same = (a: ReturnType<typeof groupRfmHashed>, b: ReturnType<typeof groupRfmHashed>): void => {
    expect(a.size).toBe(b.size);
    expect(a.totalWeight).toBe(b.totalWeight);
    for (const f of fields) expect(Array.from(a[f])).toEqual(Array.from(b[f]));
  };

  it("gives exactly the hash path's groups on CDNOW: the same groups in the same order, weights, numbers and distinct values", () => {
    const data = toRfmData(cdnow);
    const small = groupRfmSmall(data);
    expect(small.size).toBe(1016);
    same(small, groupRfmHashed(data));
    expect(groupRfm(data)).toEqual(small);
  });

  it("and on 8,000 weighted simulated rows with −0, times off the grid and frequency 5,000: −0 is 0, weights summed in row order", () => {
    const rng = new Mulberry(5);
    const sim = simulateBgNbd(rng, { r: 0.6, alpha: 8, a: 1.2, b: 4 }, cohort(rng, SMALL_BELOW - 1, 4, 52));
    const frequency = Array.from(sim.frequency), recency = Array.from(sim.recency), T = Array.from(sim.T);
    frequency[7] = 5000;
    recency[7] = T[7];
    recency[0] = -0;
    frequency[0] = 0;
    const weights = frequency.map((_, i) => 0.1 + (i % 7) * 0.3);
    const data = toRfmData({ frequency, recency, T, weights });
    const small = groupRfmSmall(data);
    same(small, groupRfmHashed(data));
    expect(small.distinctX).toContain(5000);
    expect(Object.is(small.distinctTimes[small.txIndex[small.groupOf[0]]], -0)).toBe(false);
    expect(groupRfm(data)).toEqual(small);
    // From SMALL_BELOW rows groupRfm takes the hash path.
    const more = toRfmData({ frequency: [...frequency, 1], recency: [...recency, 1], T: [...T, 2], weights: [...weights, 1] });
    expect(groupRfm(more)).toEqual(groupRfmHashed(more));
  });
});
