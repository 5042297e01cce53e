/**
 * The optimisers of src/core/math/optimize.ts on objectives small enough to follow by hand: every
 * step, evaluation count and stopping reason below is worked out in the comments from the
 * algorithms as published (BFGS with an Armijo backtracking search, Nocedal & Wright 2006
 * Alg. 6.1/3.1 and eq. 6.17/6.20; Newton with a Levenberg–Marquardt shift, §3.4; Nelder–Mead with
 * the coefficients of Lagarias et al. 1998), not read off a run. Each objective counts its own
 * calls, so every test also checks the optimiser's count of evaluations.
 */
import { minimizeBfgs, minimizeNewton, nelderMead, now, numericalGradient, withNumericalGradient } from "../../../src/core/math/optimize";
import type { HessianObjective, Objective } from "../../../src/core/math/optimize";
import { rosenbrock } from "../../support/rosenbrock";

/** Wraps an objective so that the test knows how often it ran. */
function counted<F extends (...args: never[]) => number>(f: F): { f: F; calls: () => number } {
  let calls = 0;
  const wrapped = ((...args: never[]) => {
    calls++;
    return f(...args);
  }) as F;
  return { f: wrapped, calls: () => calls };
}

/** (x − 3)², its gradient and Hessian 2. */
const parabola: HessianObjective = (x, g, h) => {
  if (g) g[0] = 2 * (x[0] - 3);
  if (h) h[0] = 2;
  return (x[0] - 3) ** 2;
};

/** ½ xᵀAx − bᵀx with A positive definite: the minimum solves A x = b. */
const A = [
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
];
const b = [1, 2, 3];
const quadratic3: HessianObjective = (x, g, h) => {
  let v = 0;
  for (let i = 0; i < 3; i++) {
    let ax = 0;
    for (let j = 0; j < 3; j++) {
      ax += A[i][j] * x[j];
      if (h) h[i * 3 + j] = A[i][j];
    }
    if (g) g[i] = ax - b[i];
    v += 0.5 * x[i] * ax - b[i] * x[i];
  }
  return v;
};
/** max_i |(A x − b)_i|. */
function residual(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < 3; i++) m = Math.max(m, Math.abs(A[i][0] * x[0] + A[i][1] * x[1] + A[i][2] * x[2] - b[i]));
  return m;
}

describe("minimizeBfgs", () => {
  it("(x − 3)² from 0: a first step of length 1, the scaled inverse Hessian ½, then the exact minimum", () => {
    // f(0) = 9, g = −6, H = I: p = 6 > 1, so the first step is cut to 1/6 of it: x = 1, f = 4 ≤
    // 9 − 1e-4·36/6. s = 1, y = −4 − (−6) = 2: H = sᵀy/yᵀy = ½ (eq. 6.20), and the update keeps
    // ½ (1-D: (1 − ρsy)²H + ρs² = 0 + ½). Then p = −½·(−4) = 2, full step: x = 3, f = 0, g = 0.
    // Three evaluations, two iterations, stopped on the gradient.
    const { f, calls } = counted(parabola as Objective);
    const seen: Array<[number, number]> = [];
    const r = minimizeBfgs(f, [0], { onIteration: (i, v) => seen.push([i, v]) });
    expect(Array.from(r.x)).toEqual([3]);
    expect(r).toMatchObject({ value: 0, iterations: 2, evaluations: 3, converged: true, reason: "gradient" });
    expect(calls()).toBe(3);
    expect(seen).toEqual([[1, 4], [2, 0]]);
  });

  it("stops at the iteration cap, converged only if the gradient is below tolerance there", () => {
    const one = minimizeBfgs(parabola as Objective, [0], { maxIterations: 1 });
    expect(Array.from(one.x)).toEqual([1]);
    expect(one).toMatchObject({ value: 4, iterations: 1, evaluations: 2, converged: false, reason: "iteration limit" });
    // After two iterations x = 3 exactly and g = 0: the cap ends the run, but at the optimum.
    const two = minimizeBfgs(parabola as Objective, [0], { maxIterations: 2 });
    expect(two).toMatchObject({ value: 0, iterations: 2, evaluations: 3, converged: true, reason: "iteration limit" });
  });

  it("a trial point where f is not finite cuts the step tenfold, a finite one that fails Armijo halves it", () => {
    // f = (x − 3)² below 0.5, NaN from there: the first trial x = 1 is NaN, so the step goes
    // from 1/6 to 1/60: x = 0.1, f = 8.41 ≤ 9 − 1e-4·36/60. (Halving would try x = 0.5, NaN again.)
    const { f, calls } = counted(((x, g) => (x[0] < 0.5 ? parabola(x, g as Float64Array, null as never) : NaN)) as Objective);
    const r = minimizeBfgs(f, [0], { maxIterations: 1 });
    expect(r.x[0]).toBeCloseTo(0.1, 15);
    expect(r.value).toBeCloseTo(8.41, 13);
    expect(r).toMatchObject({ iterations: 1, evaluations: 3, reason: "iteration limit" });
    expect(calls()).toBe(3);
    // 4(x − 3)² from 0: the cut follows the direction's size (p = 24 → step 1/24, x = 1, f = 16 ≤ 36).
    const steep = minimizeBfgs((x, g) => {
      if (g) g[0] = 8 * (x[0] - 3);
      return 4 * (x[0] - 3) ** 2;
    }, [0], { maxIterations: 1 });
    expect(Array.from(steep.x)).toEqual([1]);
  });

  it("a start where f or its gradient is not finite: no iteration, reason non-finite (or time limit once the deadline has passed)", () => {
    const nanValue = counted((() => NaN) as Objective);
    expect(minimizeBfgs(nanValue.f, [1, 2])).toMatchObject({ iterations: 0, evaluations: 1, converged: false, reason: "non-finite" });
    expect(nanValue.calls()).toBe(1);
    const nanGradient: Objective = (_x, g) => {
      if (g) g[0] = Infinity;
      return 1;
    };
    const r = minimizeBfgs(nanGradient, [1]);
    expect(r).toMatchObject({ value: 1, iterations: 0, evaluations: 1, converged: false, reason: "non-finite" });
    expect(Array.from(r.x)).toEqual([1]);
    expect(minimizeBfgs(nanGradient, [1], { deadline: -1 }).reason).toBe("time limit");
  });

  it("a deadline already passed: the run stops after the first accepted step, or inside a line search that keeps failing", () => {
    // First step as above: x = 1, f = 4; then the clock is past the deadline and g = −4 ≠ 0.
    const { f, calls } = counted(parabola as Objective);
    const r = minimizeBfgs(f, [0], { deadline: -1 });
    expect(Array.from(r.x)).toEqual([1]);
    expect(r).toMatchObject({ value: 4, iterations: 1, evaluations: 2, converged: false, reason: "time limit" });
    expect(calls()).toBe(2);
    // The first trial (x = 1) is NaN and the clock has run out: the start is returned, no iteration done.
    const cliff = counted(((x, g) => (x[0] < 0.5 ? parabola(x, g as Float64Array, null as never) : NaN)) as Objective);
    const c = minimizeBfgs(cliff.f, [0], { deadline: -1 });
    expect(Array.from(c.x)).toEqual([0]);
    expect(c).toMatchObject({ value: 9, iterations: 0, evaluations: 2, converged: false, reason: "time limit" });
    // A deadline far ahead changes nothing.
    expect(minimizeBfgs(parabola as Objective, [0], { deadline: now() + 60_000 })).toMatchObject({ iterations: 2, reason: "gradient" });
  });

  it("no step lowers f: 60 halvings, then no progress — converged only when the gradient is within 1000 × tolerance", () => {
    // f ≡ 0 with a gradient that claims a descent: no trial meets f ≤ 0 − 1e-4·step·|g|².
    const flat = (slope: number): Objective => (_x, g) => {
      if (g) g[0] = slope;
      return 0;
    };
    const steep = counted(flat(1));
    expect(minimizeBfgs(steep.f, [0])).toMatchObject({ iterations: 1, evaluations: 61, converged: false, reason: "no progress" });
    expect(steep.calls()).toBe(61);
    // tolerance 1e-9: 5e-7 < 1e-6 counts as converged, 2e-6 does not.
    expect(minimizeBfgs(flat(5e-7), [0])).toMatchObject({ evaluations: 61, converged: true, reason: "no progress" });
    expect(minimizeBfgs(flat(2e-6), [0])).toMatchObject({ converged: false, reason: "no progress" });
  });

  it("a step that f cannot resolve ends the run as converged when the gradient is within 1000 × tolerance", () => {
    // 1 + 1e-16·(x − 3)² rounds to the same double at 0 and at the first step (x = 6e-16): no
    // decrease, and |g| = 6e-16 < 1e3 × 1e-18.
    const f: Objective = (x, g) => {
      if (g) g[0] = 2e-16 * (x[0] - 3);
      return 1 + 1e-16 * (x[0] - 3) ** 2;
    };
    const r = minimizeBfgs(f, [0], { gradientTolerance: 1e-18 });
    expect(r).toMatchObject({ iterations: 1, evaluations: 2, converged: true, reason: "gradient" });
    expect(r.x[0]).toBeCloseTo(6e-16, 30);
    // With a tolerance 1000 times finer the same stall is not convergence: the run goes on (to its cap here).
    expect(minimizeBfgs(f, [0], { gradientTolerance: 1e-21, maxIterations: 1 })).toMatchObject({ converged: false, reason: "iteration limit" });
  });

  it("a coordinate running off past the bound is put on it (either sign), the others left as they are", () => {
    // e^{∓x} + (y − 1)²: x decreases f forever; y starts at its optimum, and the updates never
    // move it (its gradient component and its cross terms stay 0).
    for (const sign of [1, -1]) {
      const { f, calls } = counted(((x, g) => {
        if (g) {
          g[0] = -sign * Math.exp(-sign * x[0]);
          g[1] = 2 * (x[1] - 1);
        }
        return Math.exp(-sign * x[0]) + (x[1] - 1) ** 2;
      }) as Objective);
      const r = minimizeBfgs(f, [0, 1], { bound: 5 });
      expect(Array.from(r.x)).toEqual([sign * 5, 1]);
      expect(r.value).toBe(Math.exp(-5));
      expect(r).toMatchObject({ converged: false, reason: "boundary" });
      expect(r.evaluations).toBe(calls());
    }
  });

  it("reaches the minimum of Rosenbrock's valley and of a 3-parameter quadratic", () => {
    const ros = counted(rosenbrock);
    const r = minimizeBfgs(ros.f, [-1.2, 1]);
    expect(r).toMatchObject({ converged: true, reason: "gradient" });
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.iterations).toBeLessThan(100);
    expect(r.evaluations).toBe(ros.calls());
    const q = minimizeBfgs(quadratic3 as Objective, [0, 0, 0]);
    expect(q.converged).toBe(true);
    expect(residual(q.x)).toBeLessThan(1e-9);
  });
});

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

describe("nelderMead", () => {
  it("(x − 1)² from 0, steps 0.5: a reflection kept over its expansion, then an inside contraction", () => {
    // Simplex {0: f 1, 0.5: f 0.25}. Iteration 0: best 0.5, worst 0; reflection 1 (f 0) beats the
    // best, expansion 1.5 (f 0.25) does not beat the reflection: 0 → 1. Iteration 1: best 1, worst
    // 0.5; reflection 1.5 (0.25) is no better than the worst, so contract inside: 0.75 (0.0625)
    // replaces 0.5. Six evaluations.
    const points: number[] = [];
    const { f, calls } = counted((x: Float64Array) => {
      points.push(x[0]);
      return (x[0] - 1) ** 2;
    });
    const seen: Array<[number, number]> = [];
    const r = nelderMead(f, [0], { maxIterations: 2, onIteration: (i, v) => seen.push([i, v]) });
    expect(points).toEqual([0, 0.5, 1, 1.5, 1.5, 0.75]);
    expect(Array.from(r.x)).toEqual([1]);
    expect(r).toMatchObject({ value: 0, iterations: 2, evaluations: 6, converged: false, reason: "iteration limit" });
    expect(calls()).toBe(6);
    expect(seen).toEqual([[1, 0]]);
  });

  it("an expansion that beats the reflection is kept", () => {
    // (x − 2)²: reflection 1 (f 1) beats 0.5 (2.25); expansion 1.5 (0.25) beats it.
    const r = nelderMead((x) => (x[0] - 2) ** 2, [0], { maxIterations: 1 });
    expect(Array.from(r.x)).toEqual([1.5]);
    expect(r).toMatchObject({ value: 0.25, evaluations: 4 });
  });

  it("a reflection between the best and the second worst is kept as it is (two parameters)", () => {
    // x² + 2y² from (0.1, 0.3): simplex f = 0.19, 0.54 at (0.6, 0.3), 1.29 at (0.1, 0.8); the
    // centroid of the two best is (0.35, 0.3), the reflection (0.6, −0.2) has f 0.44: kept, 4
    // evaluations. Iteration 1: worst (0.6, 0.3), centroid (0.35, 0.05), reflection (0.1, −0.2)
    // with f 0.09 beats the best; its expansion (−0.15, −0.45) has 0.4275: the reflection stays.
    const f = (x: Float64Array) => x[0] * x[0] + 2 * x[1] * x[1];
    const one = nelderMead(f, [0.1, 0.3], { maxIterations: 1 });
    expect(one.evaluations).toBe(4);
    expect(one.value).toBeCloseTo(0.19, 15);
    const two = nelderMead(f, [0.1, 0.3], { maxIterations: 2 });
    expect(two.evaluations).toBe(6);
    expect(two.x[0]).toBeCloseTo(0.1, 15);
    expect(two.x[1]).toBeCloseTo(-0.2, 15);
    expect(two.value).toBeCloseTo(0.09, 15);
  });

  it("a contraction that fails shrinks the simplex towards the best point", () => {
    // 1 + 2|x| with a narrow bump 4·exp(−((x − 0.25)/0.02)²): f(0) = 1, f(0.5) = f(−0.5) = 2,
    // f(0.25) = 5.5, f(−0.25) = 1.5, f(−0.125) = 1.25 (the bump's tail vanishes in doubles).
    // Iteration 0: best 0, worst 0.5; reflection −0.5 (2) is not below the worst, the outside
    // contraction 0.25 (5.5) fails, so 0.5 shrinks to 0.25 (one more evaluation). Iteration 1:
    // worst 0.25; reflection −0.25 (1.5) is below the worst, inside contraction −0.125 (1.25)
    // kept. Seven evaluations; without the shrink the worst would still be 0.5 and this iteration
    // would contract to 0.25 instead.
    const points: number[] = [];
    const { f, calls } = counted((x: Float64Array) => {
      points.push(x[0]);
      return 1 + 2 * Math.abs(x[0]) + 4 * Math.exp(-(((x[0] - 0.25) / 0.02) ** 2));
    });
    const r = nelderMead(f, [0], { maxIterations: 2 });
    // the simplex, reflection, contraction, the shrunk vertex; reflection, contraction
    expect(points).toEqual([0, 0.5, -0.5, 0.25, 0.25, -0.25, -0.125]);
    expect(Array.from(r.x)).toEqual([0]);
    expect(r).toMatchObject({ value: 1, iterations: 2, evaluations: 7 });
    expect(calls()).toBe(7);
    expect(nelderMead(f, [0], { maxIterations: 1 }).evaluations).toBe(5);
  });

  it("converges on a bowl, and a non-finite value counts as +∞", () => {
    const r = nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, [0, 0]);
    expect(r).toMatchObject({ converged: true, reason: "simplex" });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(-2, 4);
    expect(r.iterations).toBeLessThan(5000);
    // NaN to the right of 1.2: the search never moves there and still finds 1.
    const walled = nelderMead((x) => (x[0] > 1.2 ? NaN : (x[0] - 1) ** 2), [0], { initialStep: 1 });
    expect(walled.converged).toBe(true);
    expect(walled.x[0]).toBeCloseTo(1, 4);
  });

  it("a deadline already passed returns the best point of the first simplex, with no iteration", () => {
    // (x − 1)² on {0: 1, 0.5: 0.25}: the best is 0.5, the second vertex.
    const r = nelderMead((x) => (x[0] - 1) ** 2, [0], { deadline: -1 });
    expect(Array.from(r.x)).toEqual([0.5]);
    expect(r).toMatchObject({ value: 0.25, iterations: 0, evaluations: 2, converged: false, reason: "time limit" });
  });
});

describe("gradients by central differences", () => {
  it("numericalGradient of x²y at (3, 2) is (2xy, x²) = (12, 9) to O(h²)", () => {
    const g = numericalGradient((x) => x[0] * x[0] * x[1], [3, 2]);
    expect(g[0]).toBeCloseTo(12, 8);
    expect(g[1]).toBeCloseTo(9, 8);
    // With h = 0.1: ∂/∂x of x²y is exact for a quadratic in x: ((3.1)² − (2.9)²)·2 / 0.2 = 12.
    expect(numericalGradient((x) => x[0] * x[0] * x[1], [3, 2], undefined, 0.1)[0]).toBeCloseTo(12, 12);
  });

  it("withNumericalGradient fills the gradient only where f is finite", () => {
    const f = withNumericalGradient((x) => (x[0] < 0 ? NaN : x[0] * x[0]));
    const g = new Float64Array([7]);
    expect(f(Float64Array.of(2), g)).toBe(4);
    expect(g[0]).toBeCloseTo(4, 8);
    const untouched = new Float64Array([7]);
    expect(f(Float64Array.of(-1), untouched)).toBeNaN();
    expect(untouched[0]).toBe(7);
    expect(f(Float64Array.of(3), null)).toBe(9);
  });
});

describe("now", () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, "performance");
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, "performance", original);
  });

  it("reads performance.now where there is one, Date.now otherwise", () => {
    Object.defineProperty(globalThis, "performance", { value: { now: () => 42 }, configurable: true, writable: true });
    expect(now()).toBe(42);
    for (const without of [undefined, {}]) {
      Object.defineProperty(globalThis, "performance", { value: without, configurable: true, writable: true });
      const before = Date.now();
      const t = now();
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(Date.now());
    }
  });
});
