/**
 * The warm start of fits on many histories (src/core/clv/fitting.ts `warmStart`, docs/models/fitting.md
 * §16): the optimum of one in 8 histories first, then Newton's method on all of them — the same
 * optimum as from the first start alone; and Newton's stop when its step is rounding noise
 * (src/core/math/optimize.ts).
 */
import * as bgnbd from "../../../src/core/clv/bgnbd";
import { betaGeoLogLikelihood } from "../../../src/core/clv/bgnbd";
import { betaGeoLogLikelihoodHessian } from "../../../src/core/clv/bgnbd-hessian";
import { groupRfm, toRfmData, type GroupedRfm } from "../../../src/core/clv/data";
import { fitLogParameters, meanNegativeLogLikelihood, meanNegativeLogLikelihoodHessian, subsampleGroups, WARM_START_FROM } from "../../../src/core/clv/fitting";
import { minimizeNewton } from "../../../src/core/math/optimize";
import { Mulberry, cohort, simulateBgNbd } from "./simulate";

describe("subsampleGroups", () => {
  it("keeps every history of weight ≥ k as it is and every k-th lighter one with k times its weight", () => {
    // Ten histories, weights 10 1 1 1 3 4 1 1 1 8; k = 4: groups 0 (10), 5 (4, the edge: kept as it
    // is) and 9 (8) for their weight, 4 (3 → 12) and 8 (1 → 4) as every 4th; total 10 + 12 + 4 + 4 + 8 = 38.
    const w = [10, 1, 1, 1, 3, 4, 1, 1, 1, 8];
    const frequency: number[] = [], recency: number[] = [], T: number[] = [];
    w.forEach((_, g) => {
      frequency.push(g === 0 ? 0 : g);
      recency.push(g === 0 ? 0 : g / 2);
      T.push(20);
    });
    const data = groupRfm(toRfmData({ frequency, recency, T, weights: w }));
    const sub = subsampleGroups(data, 4);
    expect(sub.size).toBe(5);
    expect(Array.from(sub.x)).toEqual([0, 4, 5, 8, 9]);
    expect(Array.from(sub.tx)).toEqual([0, 2, 2.5, 4, 4.5]);
    expect(Array.from(sub.w)).toEqual([10, 12, 4, 4, 8]);
    expect(sub.totalWeight).toBe(38);
    expect(Array.from(sub.xIndex)).toEqual([0, 4, 5, 8, 9]);
    expect(sub.weightOfX[4]).toBe(12);
    expect(sub.weightOfX[5]).toBe(4);
    expect(sub.weightOfX[1]).toBe(0);
    expect(sub.distinctTimes).toBe(data.distinctTimes);
  });
});

describe("BG/NBD on more than 32,768 distinct histories (warm start)", () => {
  it("reaches the optimum Newton's method finds from the first start alone: parameters within 1e-7 relative, log-likelihood no worse than 1e-6 below", () => {
    // 60,000 customers with T and recencies off any grid: nearly every repeat buyer is a history of its own.
    const rng = new Mulberry(17);
    const sim = simulateBgNbd(rng, { r: 0.5, alpha: 5, a: 0.8, b: 2.5 }, cohort(rng, 60_000, 10, 60));
    const data: GroupedRfm = groupRfm(toRfmData(sim));
    expect(data.size).toBeGreaterThanOrEqual(WARM_START_FROM);
    const fit = bgnbd.fit(sim);
    // The reference: the same objective, Newton from the first start of bgnbd.fit, no subsample.
    let rate = 0;
    for (let g = 0; g < data.size; g++) rate += data.w[g] * data.x[g];
    let sT = 0;
    for (let g = 0; g < data.size; g++) sT += data.w[g] * data.T[g];
    rate /= sT;
    const W = data.totalWeight;
    const nll = meanNegativeLogLikelihood((t, g) => betaGeoLogLikelihood(data, t, g, false), W, 0);
    const newton = meanNegativeLogLikelihoodHessian((t, g, h) => betaGeoLogLikelihoodHessian(data, t, g, h, false), W, 0);
    const ref = fitLogParameters(nll, [[1, 1 / rate, 1, 2]], ["r", "alpha", "a", "b"], { model: "BG/NBD", maxIterations: 500, tolerance: 1e-9, timeLimitMs: 60_000, newton });
    expect(ref.converged).toBe(true);
    expect(fit.converged).toBe(true);
    const mine = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    mine.forEach((v, i) => expect(Math.abs(v / Math.exp(ref.logParams[i]) - 1)).toBeLessThan(1e-7));
    expect(fit.logLikelihood).toBeGreaterThan(-ref.value * W - 1e-6);
    // Fewer passes over all histories than from the first start (the subsample's are not counted).
    expect(fit.iterations).toBeLessThan(ref.iterations);
  });
});

describe("minimizeNewton at the rounding floor", () => {
  it("takes the full step and stops, converged, when the step fails Armijo's test but the decrease it predicts is below what f resolves (2 evaluations, not 61)", () => {
    // f = 1 at x = 0 and 1 + 4.4e-16 elsewhere (rounding noise), gradient 1e-8 (< 1e3 × tolerance 1e-9), H = 1:
    // the Newton step −1e-8 predicts a decrease of 1e-16 ≤ 1e-13 · |f|; it is taken, f does not decrease, the run ends there.
    const r = minimizeNewton(
      (x, g, h) => {
        g[0] = 1e-8;
        h[0] = 1;
        return x[0] === 0 ? 1 : 1 + 4.4e-16;
      },
      [0],
    );
    expect(r.converged).toBe(true);
    expect(r.reason).toBe("gradient");
    expect(r.x[0]).toBe(-1e-8);
    expect(r.evaluations).toBe(2);
  });

  it("keeps halving the step when the predicted decrease is resolvable (gradient 1e-3)", () => {
    // f(x) = x² + 2e-3 x + (0.3 where x ≠ 0 before the first half step): a step that fails once then succeeds.
    let calls = 0;
    const r = minimizeNewton(
      (x, g, h) => {
        calls++;
        g[0] = 2 * x[0] + 1e-3;
        h[0] = 2;
        const f = x[0] * x[0] + 1e-3 * x[0];
        return calls === 2 ? f + 0.3 : f;
      },
      [0],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(-5e-4, 12);
    expect(r.evaluations).toBeGreaterThan(2);
  });
});
