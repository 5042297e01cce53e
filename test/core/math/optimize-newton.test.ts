/**
 * The Newton minimiser of src/core/math/optimize.ts on objectives small enough to follow by hand: every step,
 * evaluation count and stopping reason below is worked out in the comments from the algorithm
 * as published (Nocedal & Wright 2006, §3.4: a Newton step with the Levenberg–Marquardt shift that makes the Hessian positive definite), not read off a run. Each objective counts its own calls, so every test also
 * checks the optimiser's count of evaluations.
 */
import { minimizeBfgs, minimizeNewton } from "../../../src/core/math/optimize";
import type { HessianObjective } from "../../../src/core/math/optimize";
import { counted, parabola, quadratic3, residual } from "../../support/objectives";
import { rosenbrock } from "../../support/rosenbrock";

describe("minimizeNewton", () => {
  it("(x − 3)² from 0: the Newton step 3 is capped at maxStep 2, then the exact minimum", () => {
    const { f, calls } = counted(parabola);
    const seen: Array<[number, number]> = [];
    const r = minimizeNewton(f, [0], { onIteration: (i, v) => seen.push([i, v]) });
    expect(Array.from(r.x)).toEqual([3]);
    expect(r).toMatchObject({ value: 0, iterations: 2, evaluations: 3, converged: true, reason: "gradient" });
    expect(calls()).toBe(3);
    expect(seen).toEqual([[1, 1], [2, 0]]);
    // Without the cap (maxStep 5) one step lands on 3.
    expect(minimizeNewton(parabola, [0], { maxStep: 5 })).toMatchObject({ iterations: 1, evaluations: 2, reason: "gradient" });
    // A cap of 1 takes three steps of 1.
    expect(minimizeNewton(parabola, [0], { maxStep: 1 })).toMatchObject({ iterations: 3, evaluations: 4, reason: "gradient" });
    expect(minimizeNewton(parabola, [0], { maxIterations: 1 })).toMatchObject({ value: 1, iterations: 1, converged: false, reason: "iteration limit" });
  });

  it("a 3-parameter quadratic in one step: the Cholesky solve of A p = −g", () => {
    const { f, calls } = counted(quadratic3);
    const r = minimizeNewton(f, [0, 0, 0]);
    expect(residual(r.x)).toBeLessThan(1e-14);
    expect(r).toMatchObject({ iterations: 1, evaluations: 2, converged: true, reason: "gradient" });
    expect(calls()).toBe(2);
  });

  it("an indefinite Hessian is shifted by the first μ ∈ {0, 1e-8·s, 1e-7·s, …} that makes it positive definite", () => {
    // f = 10x² + y⁴/12 − 1.5y² from (1, 0.5): g = (20, 0.5³/3 − 1.5), H = diag(20, 0.25 − 3 =
    // −2.75), s = max|H_ii| = 20. μ = 0, 2e-7, …, 2 leave H_yy < 0; μ = 20 gives diag(40, 17.25):
    // p = (−20/40, 1.4583…/17.25), well inside maxStep, and f falls enough for the full step.
    const f: HessianObjective = (x, g, h) => {
      const [u, v] = [x[0], x[1]];
      g[0] = 20 * u;
      g[1] = v ** 3 / 3 - 3 * v;
      h[0] = 20;
      h[1] = h[2] = 0;
      h[3] = v * v - 3;
      return 10 * u * u + v ** 4 / 12 - 1.5 * v * v;
    };
    const r = minimizeNewton(f, [1, 0.5], { maxIterations: 1 });
    const gy = 0.5 ** 3 / 3 - 1.5;
    expect(r.x[0]).toBeCloseTo(1 - 20 / 40, 14);
    expect(r.x[1]).toBeCloseTo(0.5 - gy / (0.25 - 3 + 20), 14);
    // Run on, it finds the minimum at (0, 3) (y³/3 = 3y, y > 0), where H = diag(20, 6).
    const full = minimizeNewton(f, [1, 0.5]);
    expect(full.converged).toBe(true);
    expect(full.x[0]).toBeCloseTo(0, 10);
    expect(full.x[1]).toBeCloseTo(3, 10);
  });

  it("a Hessian no shift up to 1e8·s makes positive definite: a steepest-descent step", () => {
    // f = 1e10·x·y at (1, 1): H = [[0, 1e10], [1e10, 0]], s = 1, eigenvalues μ ± 1e10. p = −g =
    // (−1e10, −1e10), capped to (−2, −2): (−1, −1) has f = 1e10, no decrease; half of it, (0, 0),
    // has f = 0 and g = 0. Three evaluations.
    const { f, calls } = counted(((x, g, h) => {
      g[0] = 1e10 * x[1];
      g[1] = 1e10 * x[0];
      h[0] = h[3] = 0;
      h[1] = h[2] = 1e10;
      return 1e10 * x[0] * x[1];
    }) as HessianObjective);
    const r = minimizeNewton(f, [1, 1]);
    expect(Array.from(r.x)).toEqual([0, 0]);
    expect(r).toMatchObject({ value: 0, iterations: 1, evaluations: 3, converged: true, reason: "gradient" });
    expect(calls()).toBe(3);
  });

  it("a start where f, the gradient or the Hessian is not finite: reason non-finite, or time limit past the deadline", () => {
    const bad = (which: 0 | 1 | 2): HessianObjective => (_x, g, h) => {
      g[0] = which === 1 ? NaN : 1;
      h[0] = which === 2 ? Infinity : 1;
      return which === 0 ? NaN : 1;
    };
    for (const which of [0, 1, 2] as const) {
      expect(minimizeNewton(bad(which), [1])).toMatchObject({ iterations: 0, evaluations: 1, converged: false, reason: "non-finite" });
    }
    expect(minimizeNewton(bad(2), [1], { deadline: -1 }).reason).toBe("time limit");
  });

  it("a deadline already passed: stops after the first accepted step, or inside a failing line search", () => {
    const r = minimizeNewton(parabola, [0], { deadline: -1 });
    expect(Array.from(r.x)).toEqual([2]);
    expect(r).toMatchObject({ value: 1, iterations: 1, evaluations: 2, converged: false, reason: "time limit" });
    // The first trial (x = 2) is NaN, the clock has run out: the start, no iteration.
    const cliff: HessianObjective = (x, g, h) => (x[0] < 0.5 ? parabola(x, g, h) : NaN);
    const c = minimizeNewton(cliff, [0], { deadline: -1 });
    expect(Array.from(c.x)).toEqual([0]);
    expect(c).toMatchObject({ value: 9, iterations: 0, evaluations: 2, converged: false, reason: "time limit" });
    // Without a deadline the NaN cuts the step tenfold: x = 0.2, f = 7.84.
    const cut = minimizeNewton(cliff, [0], { maxIterations: 1 });
    expect(cut.x[0]).toBeCloseTo(0.2, 15);
    expect(cut.evaluations).toBe(3);
  });

  it("a full step that f cannot resolve is taken only when the gradient is within 1000 × tolerance and the predicted decrease is below rounding", () => {
    // f = 1 at 0 and one ulp above 1 elsewhere, g = γ, H = h: the Newton step is −γ/h (capped at 2).
    const lumpy = (gamma: number, hess: number): HessianObjective => (x, g, h) => {
      g[0] = gamma;
      h[0] = hess;
      return x[0] === 0 ? 1 : 1 + 2.3e-16;
    };
    const opts = { gradientTolerance: 1e-14 };
    // γ = 1e-12 < 1e3·1e-14, −gᵀp = 1e-24 < 1e-13: taken; f rose by an ulp, the run ends converged.
    const taken = minimizeNewton(lumpy(1e-12, 1), [0], opts);
    expect(Array.from(taken.x)).toEqual([-1e-12]);
    expect(taken).toMatchObject({ value: 1 + 2.3e-16, iterations: 1, evaluations: 2, converged: true, reason: "gradient" });
    // γ = 1e-10 is not small: 60 halvings all fail Armijo; no progress, not converged.
    expect(minimizeNewton(lumpy(1e-10, 1), [0], opts)).toMatchObject({ value: 1, iterations: 1, evaluations: 61, converged: false, reason: "no progress" });
    // γ small but H = 1e-30: the step is capped at 2, −gᵀp = 2e-12 is a decrease f should see: no progress, converged by the gradient.
    expect(minimizeNewton(lumpy(1e-12, 1e-30), [0], opts)).toMatchObject({ iterations: 1, evaluations: 61, converged: true, reason: "no progress" });
  });

  it("a coordinate running off past the bound is put on it: e^{∓x}, Newton steps of exactly 1", () => {
    // g = ∓e^{∓x}, H = e^{∓x}: p = ±1 every time. x = ±1, ±2, ±3 > 2.5: put on ±2.5 and evaluated
    // there. Five evaluations: the start, three steps, the bound.
    for (const sign of [1, -1]) {
      const { f, calls } = counted(((x, g, h) => {
        const e = Math.exp(-sign * x[0]);
        g[0] = -sign * e;
        h[0] = e;
        return e;
      }) as HessianObjective);
      const r = minimizeNewton(f, [0], { bound: 2.5 });
      expect(Array.from(r.x)).toEqual([sign * 2.5]);
      expect(r).toMatchObject({ value: Math.exp(-2.5), iterations: 3, evaluations: 5, converged: false, reason: "boundary" });
      expect(calls()).toBe(5);
    }
  });

  it("reaches the minimum of Rosenbrock's valley in fewer iterations than BFGS", () => {
    const r = minimizeNewton(rosenbrock, [-1.2, 1]);
    expect(r).toMatchObject({ converged: true, reason: "gradient" });
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.iterations).toBeLessThan(minimizeBfgs(rosenbrock, [-1.2, 1]).iterations);
  });
});
