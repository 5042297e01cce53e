/**
 * One customer's Pareto/NBD ln A0 and ln L (src/core/clv/paretonbd.ts logA0 and logLikelihood,
 * FH 2005 eq. 18–20) against mpmath (test/fixtures/paretonbd_a0.py: the death-time integral at
 * 30 digits), on both sides of α = β and at it, with the 2F1 argument far from 1 (the 2F1 form)
 * and near it (the integral of ./paretonbd-a0.ts), over intervals from 0.1 to 1e30.
 */
import { groupRfm, toRfmData } from "../../../src/core/clv/data";
import { logA0, logLikelihood, paretoLogLikelihood } from "../../../src/core/clv/paretonbd";
import { digamma, logGamma, NEAR_ONE_2F1 } from "../../../src/core/math/special";
import { a0Cases, type A0Case } from "./paretonbd-a0-fixture";


/**
 * ln L is a sum of terms far larger than itself where s is large (s·ln β ≈ 1.5e6 at s = 1e5,
 * β = 4e6), so its error is measured against the largest of |ln L|, s·|ln β| and s·|ln(β+T)|.
 * Measured worst: 7.8e-15 of |ln A0|, 1.1e-15 of that size for ln L; about ten times that here.
 */
const TOL_A0 = 1e-13;
const TOL_LL = 2e-14;
/** The size that ln L's rounding scales with. */
function sizeOf(c: A0Case): number {
  const [, , s, beta] = c.params;
  return Math.max(1, Math.abs(c.logLikelihood), s * Math.abs(Math.log(beta)), s * Math.abs(Math.log(beta + c.history[2])));
}

/** z = |α − β|/(max(α, β) + t_x), the 2F1 argument at t_x. */
const zOf = (c: A0Case): number => Math.abs(c.params[1] - c.params[3]) / (Math.max(c.params[1], c.params[3]) + c.history[1]);

describe("Pareto/NBD ln A0 and ln L of one customer against mpmath", () => {
  it.each(a0Cases.map((c) => [c.params.join(", "), c.history.join(", "), zOf(c) > NEAR_ONE_2F1 ? "integral" : "2F1", c] as const))(
    "(r, α, s, β) = (%s), (x, t_x, T) = (%s), by the %s",
    (_p, _h, _how, c) => {
      const [r, alpha, s, beta] = c.params;
      const [x, tx, T] = c.history;
      const params = { r, alpha, s, beta };
      expect(Math.abs(logA0(params, x, tx, T) - c.logA0)).toBeLessThanOrEqual(TOL_A0 * Math.max(1, Math.abs(c.logA0)));
      expect(Math.abs(logLikelihood(params, x, tx, T) - c.logLikelihood)).toBeLessThanOrEqual(TOL_LL * sizeOf(c));
    },
  );

  test("both forms are used: the fixture has customers on each side of z = 0.95", () => {
    const near = a0Cases.filter((c) => zOf(c) > NEAR_ONE_2F1).length;
    expect(near).toBeGreaterThan(5);
    expect(a0Cases.length - near).toBeGreaterThan(5);
  });
});

describe("the grouped log-likelihood (paretoLogLikelihood)", () => {
  it("at t_x = T (A0 = 0) is ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β − (r+x) ln(α+T) − s ln(β+T), with that gradient in ln(r, α, s, β), α on either side of β and far above it", () => {
    // No death term, so by hand: ∂/∂ln r = r(ψ(r+x) − ψ(r) + ln α − ln(α+T)),
    // ∂/∂ln α = r − (r+x)α/(α+T), ∂/∂ln s = s(ln β − ln(β+T)), ∂/∂ln β = s − sβ/(β+T).
    for (const [r, alpha, s, beta] of [
      [0.553, 10.58, 0.606, 11.67],
      [0.553, 30, 0.606, 5],
      [0.553, 1000, 0.606, 5], // z = 995/(1000 + T) above 0.95: the integral form
    ]) {
      for (const [x, T] of [
        [2, 30],
        [5, 12],
      ]) {
        const d = groupRfm(toRfmData({ frequency: [x], recency: [T], T: [T] }));
        const g = new Float64Array(4);
        const v = paretoLogLikelihood(d, [r, alpha, s, beta].map(Math.log), g);
        const exact = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta) - (r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
        expect(Math.abs(v - exact)).toBeLessThan(1e-13 * Math.max(1, Math.abs(exact)));
        const expected = [r * (digamma(r + x) - digamma(r) + Math.log(alpha) - Math.log(alpha + T)), r - ((r + x) * alpha) / (alpha + T), s * (Math.log(beta) - Math.log(beta + T)), s - (s * beta) / (beta + T)];
        for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - expected[i])).toBeLessThan(1e-13);
      }
    }
  });

  it("gives up (NaN) once its deadline has passed, from the first history on, and not before", () => {
    const theta = [0.553, 10.58, 0.606, 11.67].map(Math.log);
    const one = groupRfm(toRfmData({ frequency: [2], recency: [20], T: [30] }));
    const many = groupRfm(toRfmData({ frequency: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], recency: [0, 5, 6, 7, 8, 9, 10, 11, 12, 13], T: [30, 30, 30, 30, 30, 30, 30, 30, 30, 30] }));
    expect(paretoLogLikelihood(one, theta, null, performance.now() - 1)).toBeNaN();
    expect(paretoLogLikelihood(many, theta, null, performance.now() - 1)).toBeNaN();
    expect(Number.isFinite(paretoLogLikelihood(one, theta, null, performance.now() + 60_000))).toBe(true);
    expect(Number.isFinite(paretoLogLikelihood(many, theta, null))).toBe(true);
  });
});
