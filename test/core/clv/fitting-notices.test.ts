/**
 * The fit driver's ends (src/core/clv/fitting.ts, docs/models/fitting.md) on objectives in
 * log-parameters whose optimum is known by hand: a well-posed bowl, an optimum far out on a flat
 * ridge (weakly identified), a likelihood that keeps rising to the box (a limit model, fitted again
 * with the small ridge on ln θ), one that is nowhere finite, and a run stopped at its iteration
 * cap; and lifetimes' L2 penalty with its gradient and Hessian against the formula.
 */
import { fitLogParameters, meanNegativeLogLikelihoodHessian, withPenalty, BOUNDARY_RIDGE } from "../../../src/core/clv/fitting";
import type { Objective } from "../../../src/core/math/optimize";
import { rosenbrock } from "../../support/rosenbrock";
import { fallingInA } from "../../support/objectives";

const settings = { model: "test", maxIterations: 500, tolerance: 1e-9, timeLimitMs: 600_000 };
const names = ["a", "b"];

/** Σ (θ_i − ln c_i)²: the optimum at θ = ln c. */
const bowl = (c: number[]): Objective => (theta, grad) => {
  let v = 0;
  for (let i = 0; i < theta.length; i++) {
    const d = theta[i] - Math.log(c[i]);
    v += d * d;
    if (grad) grad[i] = 2 * d;
  }
  return v;
};

describe("fitLogParameters: how a fit ends", () => {
  it("a well-posed optimum: converged, no notice", () => {
    const r = fitLogParameters(bowl([2, 0.5]), [[1, 1]], names, settings);
    expect(r.converged).toBe(true);
    expect(r.notice).toBeUndefined();
    expect(r.logParams[0]).toBeCloseTo(Math.log(2), 8);
    expect(r.logParams[1]).toBeCloseTo(Math.log(0.5), 8);
  });

  it("an optimum beyond 1e5 (ln 1e5 = 11.5) but inside the box (1e8): converged, named as weakly identified", () => {
    const one = fitLogParameters(bowl([1e6, 1]), [[1, 1]], names, settings);
    expect(one.converged).toBe(true);
    expect(one.logParams[0]).toBeCloseTo(Math.log(1e6), 7);
    expect(one.notice).toEqual({ key: "fit.weak.one", params: { params: "a 1000000" } });
    const many = fitLogParameters(bowl([1e6, 1e-6]), [[1, 1]], names, settings);
    expect(many.notice).toEqual({ key: "fit.weak.many", params: { params: "a 1000000, b 0.000001" } });
  });

  it("a likelihood rising to the box: refitted with the ridge on ln θ, not converged, the parameter named with its limit", () => {
    // f = e^−θ_a + θ_b²: falls for ever in θ_a. With the ridge 1e-6·Σθ², θ_a solves
    // e^−θ = 2e-6·θ (Newton's method below, by hand), about 10.6: carried more than 6 from the
    // start's ln 1 = 0, so "a → ∞".
    const f: Objective = fallingInA;
    let t = 10;
    for (let k = 0; k < 50; k++) t -= (-Math.exp(-t) + 2 * BOUNDARY_RIDGE * t) / (Math.exp(-t) + 2 * BOUNDARY_RIDGE);
    expect(t).toBeGreaterThan(10);
    expect(t).toBeLessThan(11);
    const r = fitLogParameters(f, [[1, 2]], names, settings);
    expect(r.converged).toBe(false);
    expect(r.notice).toEqual({ key: "fit.ridge.one", params: { limits: "a → ∞" } });
    expect(r.logParams[0]).toBeCloseTo(t, 4);
    expect(Math.abs(r.logParams[1])).toBeLessThan(1e-6);
    // the value is the objective's own at the estimate, without the ridge's 1e-6·θ_a² ≈ 1.1e-4
    expect(r.value).toBeCloseTo(Math.exp(-r.logParams[0]) + r.logParams[1] ** 2, 15);
  });

  it("an objective that is nowhere finite: not converged, said so", () => {
    const r = fitLogParameters(() => Number.NaN, [[1, 1]], names, settings);
    expect(r.converged).toBe(false);
    expect(r.notice).toEqual({ key: "fit.notFinite", params: {} });
  });

  it("a run stopped at its iteration cap: not converged, the cap named", () => {
    // Rosenbrock's valley in θ: two iterations a run are far too few to reach (1, 1)
    const r = fitLogParameters(rosenbrock, [[Math.exp(-1.2), Math.exp(1)]], names, { ...settings, maxIterations: 2 });
    expect(r.converged).toBe(false);
    expect(r.limit).toBe("iterations");
    expect(r.notice).toEqual({ key: "fit.iterationLimit", params: { max: 2 } });
  });
});

describe("lifetimes' L2 penalty, penalizer·Σ e^{2θ_i}", () => {
  const theta = Float64Array.from([0.3, -1.1]);
  const base = bowl([2, 0.5]);
  const plain = base(theta, null);

  it("adds the penalty and its gradient 2·penalizer·e^{2θ}", () => {
    const grad = new Float64Array(2);
    const v = withPenalty(base, 0.1)(theta, grad);
    expect(v).toBeCloseTo(plain + 0.1 * (Math.exp(0.6) + Math.exp(-2.2)), 14);
    expect(grad[0]).toBeCloseTo(2 * (0.3 - Math.log(2)) + 0.2 * Math.exp(0.6), 14);
    expect(grad[1]).toBeCloseTo(2 * (-1.1 - Math.log(0.5)) + 0.2 * Math.exp(-2.2), 14);
    expect(withPenalty(base, 0)).toBe(base);
    // asked for no gradient (a line search's or Nelder–Mead's evaluation): the same value
    expect(withPenalty(base, 0.1)(theta, null)).toBe(v);
  });

  it("with the Hessian: the mean negative log-likelihood plus the penalty, 4·penalizer·e^{2θ} on the diagonal", () => {
    // log-likelihood −(θ_0² + θ_0θ_1 + 2θ_1²) over a total weight of 4
    const logLik = (th: Float64Array, g: Float64Array, h: Float64Array) => {
      g[0] = -(2 * th[0] + th[1]);
      g[1] = -(th[0] + 4 * th[1]);
      h[0] = -2;
      h[1] = h[2] = -1;
      h[3] = -4;
      return -(th[0] ** 2 + th[0] * th[1] + 2 * th[1] ** 2);
    };
    const g = new Float64Array(2), h = new Float64Array(4);
    const v = meanNegativeLogLikelihoodHessian(logLik, 4, 0.1)(theta, g, h);
    const e0 = Math.exp(0.6), e1 = Math.exp(-2.2);
    expect(v).toBeCloseTo((0.09 - 0.33 + 2 * 1.21) / 4 + 0.1 * (e0 + e1), 14);
    expect(g[0]).toBeCloseTo((2 * 0.3 - 1.1) / 4 + 0.2 * e0, 14);
    expect(g[1]).toBeCloseTo((0.3 - 4.4) / 4 + 0.2 * e1, 14);
    expect(h[0]).toBeCloseTo(2 / 4 + 0.4 * e0, 14);
    expect(h[1]).toBeCloseTo(1 / 4, 14);
    expect(h[2]).toBeCloseTo(1 / 4, 14);
    expect(h[3]).toBeCloseTo(4 / 4 + 0.4 * e1, 14);
  });
});
