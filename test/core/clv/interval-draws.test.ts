// The pieces the prediction intervals are built from (src/core/clv/intervals.ts), each against a
// value worked by hand or an independent reference, not against statistics of many draws:
// - drawNormal is mean + L z, z the generator's next standard normals in order;
// - cholesky on a 3 × 3 matrix worked by hand, and on singular matrices (a zero pivot leaves its
//   column 0 instead of dividing by it);
// - quantile against numpy's default (Hyndman & Fan type 7) computed on a sorted copy, for every
//   size from 1 to 40, with ties, at p = 0, 1 and in between.
import { Random } from "../../../src/core/math/random";
import { cholesky, drawNormal, quantile } from "../../../src/core/clv/intervals";

describe("drawNormal", () => {
  it("is mean + L z with L = [[2, 0], [1, 2]] for [[4, 2], [2, 5]] and z the generator's next two normals", () => {
    expect(cholesky([[4, 2], [2, 5]])).toEqual([[2, 0], [1, 2]]);
    const z = new Random(11);
    const z0 = z.normal(), z1 = z.normal();
    const x = drawNormal(new Random(11), [1, -3], [[4, 2], [2, 5]]);
    expect(x[0]).toBeCloseTo(1 + 2 * z0, 14);
    expect(x[1]).toBeCloseTo(-3 + z0 + 2 * z1, 14);
  });
});

describe("cholesky", () => {
  it("factors a 3 × 3 matrix worked by hand", () => {
    // L = [[2, 0, 0], [1, 3, 0], [−1, 2, 1]]: L Lᵀ = [[4, 2, −2], [2, 10, 5], [−2, 5, 6]].
    expect(cholesky([[4, 2, -2], [2, 10, 5], [-2, 5, 6]])).toEqual([[2, 0, 0], [1, 3, 0], [-1, 2, 1]]);
  });

  it("a zero pivot leaves its column 0, and a negative one (rounding) is taken as 0", () => {
    // [[0, 0], [0, 1]]: L₀₀ = 0, so L₁₀ is 0 (not 0/0), L₁₁ = 1.
    expect(cholesky([[0, 0], [0, 1]])).toEqual([[0, 0], [0, 1]]);
    // [[1, 1], [1, 1]]: L₁₀ = 1, L₁₁ = √(1 − 1) = 0. With 0.999 in the corner the pivot is −1e-3
    // (a matrix that rounding has left just short of positive semi-definite): 0, not NaN.
    expect(cholesky([[1, 1], [1, 1]])).toEqual([[1, 0], [1, 0]]);
    expect(cholesky([[1, 1], [1, 0.999]])).toEqual([[1, 0], [1, 0]]);
  });
});

/** numpy.quantile's default (linear, type 7) on a sorted copy. */
function type7(a: ArrayLike<number>, p: number): number {
  const s = Array.from(a).sort((x, y) => x - y);
  const h = (s.length - 1) * p;
  const k = Math.floor(h);
  const hi = s[Math.min(k + 1, s.length - 1)];
  return s[k] + (h - k) * (hi - s[k]);
}

describe("quantile", () => {
  it("matches type 7 on a sorted copy for sizes 1 to 40, with and without ties, at p = 0, 1 and between", () => {
    const rng = new Random(5);
    const ps = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
    for (let N = 1; N <= 40; N++) {
      for (const ties of [false, true]) {
        for (let trial = 0; trial < 5; trial++) {
          // With ties: values from {0, …, 4}; without: continuous.
          const a = Float64Array.from({ length: N }, () => (ties ? Math.floor(rng.uniform() * 5) : rng.normal()));
          for (const p of [...ps, rng.uniform()]) {
            expect([N, p, quantile(Float64Array.from(a), p)]).toEqual([N, p, type7(a, p)]);
          }
        }
      }
    }
  });

  it("by hand: [5, 3, 1, 4, 2] at 0.9 is 4.6, at 0.05 is 1.2, at 1 is 5, at 0 is 1; ties; one value is itself", () => {
    // h = 4 · 0.9 = 3.6: 4 + 0.6 · (5 − 4); h = 0.2: 1 + 0.2 · (2 − 1).
    expect(quantile(Float64Array.from([5, 3, 1, 4, 2]), 0.9)).toBeCloseTo(4.6, 14);
    expect(quantile(Float64Array.from([5, 3, 1, 4, 2]), 0.05)).toBeCloseTo(1.2, 14);
    // h = 1.5 between two 2s.
    expect(quantile(Float64Array.from([2, 2, 2, 7]), 0.5)).toBe(2);
    expect(quantile(Float64Array.from([5, 3, 1, 4, 2]), 1)).toBe(5);
    expect(quantile(Float64Array.from([5, 3, 1, 4, 2]), 0)).toBe(1);
    expect(quantile(Float64Array.of(7), 0.5)).toBe(7);
  });
});
