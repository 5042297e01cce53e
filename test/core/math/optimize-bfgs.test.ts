/**
 * The BFGS minimiser of src/core/math/optimize.ts on objectives small enough to follow by hand: every step,
 * evaluation count and stopping reason below is worked out in the comments from the algorithm
 * as published (Nocedal & Wright 2006, Alg. 6.1 with the Armijo backtracking search of Alg. 3.1, the update of eq. 6.17 and the first scaling of eq. 6.20), not read off a run. Each objective counts its own calls, so every test also
 * checks the optimiser's count of evaluations.
 */
import { minimizeBfgs, now } from "../../../src/core/math/optimize";
import type { Objective } from "../../../src/core/math/optimize";
import { counted, parabola, quadratic3, residual } from "../../support/objectives";
import { rosenbrock } from "../../support/rosenbrock";

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

  it("a direction whose slope underflows to zero is replaced by steepest descent, with H reset to I", () => {
    // f = 1 left of −½, 0 at 0, x² + x elsewhere; its "gradient" −2 left of −½, 1e-170 at 0 and
    // 2x + 1 elsewhere. From −1: p = 2, cut to a step of ½, x = 0 (f 0 ≤ 1 − 1e-4·½·4). s = 1,
    // y = 2 + 1e-170 = 2, so H = sᵀy/yᵀy = ½ and the update keeps ½. At 0: p = −½·1e-170 and
    // pᵀg = −5e-341 rounds to −0, which is no descent: H is reset to 1 and p = −g = −1e-170, taken
    // whole (f = −1e-170 ≤ 0). Kept, H = ½ would have stepped to −5e-171. There g = 1 and
    // sᵀy = −1e-170 < 0, so H stays 1: p = −1, the trial −1 (f 1) fails and the half step lands
    // on −½ (f −¼) — one more evaluation than H = ½ would have taken.
    const f: Objective = (x, g) => {
      const v = x[0];
      if (g) g[0] = v < -0.5 ? -2 : v === 0 ? 1e-170 : 2 * v + 1;
      return v < -0.5 ? 1 : v === 0 ? 0 : v * v + v;
    };
    const two = minimizeBfgs(f, [-1], { gradientTolerance: 1e-200, maxIterations: 2 });
    expect(Array.from(two.x)).toEqual([-1e-170]);
    expect(two).toMatchObject({ value: -1e-170, iterations: 2, evaluations: 3, converged: false, reason: "iteration limit" });
    const three = minimizeBfgs(f, [-1], { gradientTolerance: 1e-200, maxIterations: 3 });
    expect(Array.from(three.x)).toEqual([-0.5]);
    expect(three).toMatchObject({ value: -0.25, iterations: 3, evaluations: 5, reason: "iteration limit" });
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
