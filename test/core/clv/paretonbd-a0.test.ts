/**
 * The death-time integral of the Pareto/NBD likelihood (src/core/clv/paretonbd-a0.ts): ln A0 and
 * its derivatives in (r, s, α, β) against mpmath at 30 digits (test/fixtures/paretonbd_a0.py,
 * rerun command in its header), on each side of α = β and at it (D = 0), with an inner maximum of
 * the weight (e_lo < 1) and without, over intervals from 0.1 to 1e30 (where the far end is cut),
 * and far from z = 1 as well as near it, and with steep weights (s = 1000, α = β and α just below
 * β: the weight falls by e^1000 per unit of ln(lo + τ), so that the far end must be cut, and at
 * α = β the closed form (α + t_x)^−a − (α + T)^−a, a = r + s + x, checks the reference itself):
 * the routine is exact math, not a near-one special case.
 * Tolerances: 3e-14 of |ln A0| and 1e-11 of the largest derivative component, about ten times
 * the worst measured (2.7e-15 at α = β, x = 3, t_x = 29.9, T = 30; 7.2e-13 at s = 1e5,
 * β = 4e6, T = 1e30). On a very short interval the quadrature's variable ln(lo + τ)
 * loses digits to rounding (A0 on T − t_x = 1e-9 is good to about 1e-6 relative only), which
 * P(alive) cannot show: A0 is then negligible beside the term of being alive.
 */
import { logA0Integral } from "../../../src/core/clv/paretonbd-a0";
import { a0Cases } from "./paretonbd-a0-fixture";


describe("logA0Integral against mpmath", () => {
  it.each(a0Cases.map((c) => [c.params.join(", "), c.history.join(", "), c] as const))(
    "(r, α, s, β) = (%s), (x, t_x, T) = (%s)",
    (_p, _h, c) => {
      const [r, alpha, s, beta] = c.params;
      const [x, tx, T] = c.history;
      const g = new Float64Array(4);
      const value = logA0Integral(r, alpha, s, beta, x, tx, T, g);
      expect(Math.abs(value - c.logA0)).toBeLessThanOrEqual(3e-14 * Math.max(1, Math.abs(c.logA0)));
      // without a gradient the same value
      expect(logA0Integral(r, alpha, s, beta, x, tx, T, null)).toBe(value);
      const scale = Math.max(...c.gradient.map(Math.abs));
      for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - c.gradient[i])).toBeLessThanOrEqual(1e-11 * scale);
    },
  );
});

describe("logA0Integral without an interval", () => {
  test.each([
    ["t_x = T", 10, 10],
    ["t_x > T", 12, 10],
    ["t_x = T = 0", 0, 0],
    ["T not a number", 5, NaN],
  ])("%s: −Infinity (A0 = 0) and the gradient left as it was", (_label, tx, T) => {
    const g = Float64Array.of(7, 7, 7, 7);
    expect(logA0Integral(0.55, 10.58, 0.61, 11.67, 2, tx, T, g)).toBe(-Infinity);
    expect(Array.from(g)).toEqual([7, 7, 7, 7]);
  });

  test("a short interval (T − t_x = 1e-4) gives A0 ≈ (r+s+x) · g(midpoint) · 1e-4, g = (α+τ)^−(r+x) (β+τ)^−(s+1)", () => {
    const [r, alpha, s, beta, x, tx, w] = [0.55, 10.58, 0.61, 0.002, 3, 4, 1e-4];
    const mid = tx + w / 2;
    const expected = Math.log(r + s + x) - (r + x) * Math.log(alpha + mid) - (s + 1) * Math.log(beta + mid) + Math.log(w);
    // the midpoint rule's error is w²·g''/24 ≈ 1e-9 of the value here; the width ln(lo+T) − ln(lo+t_x)
    // in the quadrature's variable keeps about 1e-16·1.4/2.5e-5 ≈ 1e-11 of its digits
    expect(Math.abs(logA0Integral(r, alpha, s, beta, x, tx, tx + w, null) - expected)).toBeLessThan(1e-8);
  });
});
