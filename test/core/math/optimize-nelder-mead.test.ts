/**
 * The Nelder–Mead simplex search of src/core/math/optimize.ts on objectives small enough to follow by hand: every step,
 * evaluation count and stopping reason below is worked out in the comments from the algorithm
 * as published (with the coefficients of Lagarias et al. 1998), not read off a run. Each objective counts its own calls, so every test also
 * checks the optimiser's count of evaluations.
 */
import { nelderMead } from "../../../src/core/math/optimize";
import { counted } from "../../support/objectives";

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
