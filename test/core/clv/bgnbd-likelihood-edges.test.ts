// BG/NBD's likelihood off the fit's own path (src/core/clv/bgnbd.ts): one customer's ln L against
// FHL 2005 eq. 6 written out here, the unpenalised log-likelihood a penalised fit reports, and the
// data no fit can use, named with the model.
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import { logGamma } from "../../../src/core/math/special";
import { thrown } from "../../support/thrown";

const p = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
const logBeta = (x: number, y: number): number => logGamma(x) + logGamma(y) - logGamma(x + y);

/** FHL 2005 eq. 6: L = Γ(r+x)α^r/Γ(r) · [B(a, b+x)/B(a, b) (α+T)^−(r+x) + δ_{x>0} B(a+1, b+x−1)/B(a, b) (α+t_x)^−(r+x)]. */
function eq6(x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const front = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const stay = Math.exp(logBeta(a, b + x) - logBeta(a, b) - (r + x) * Math.log(alpha + T));
  const drop = x > 0 ? Math.exp(logBeta(a + 1, b + x - 1) - logBeta(a, b) - (r + x) * Math.log(alpha + tx)) : 0;
  return front + Math.log(stay + drop);
}

test("one customer's ln L is FHL 2005 eq. 6, with and without repeat purchases", () => {
  for (const [x, tx, T] of [[0, 0, 38.86], [2, 30.43, 38.86], [7, 35, 38.86], [1, 1, 70]]) {
    expect(Math.abs(bgnbd.logLikelihood(p, x, tx, T) - eq6(x, tx, T))).toBeLessThan(1e-12);
  }
});

test("a penalised fit reports the likelihood of its estimate without the penalty", () => {
  const summary = { frequency: [0, 1, 2, 0, 3, 1, 5, 0], recency: [0, 10, 20, 0, 30, 5, 36, 0], T: [40, 38, 39, 20, 40, 30, 40, 10] };
  const fit = bgnbd.fit(summary, { penalizer: 0.1 });
  const sum = summary.frequency.reduce((s, x, i) => s + bgnbd.logLikelihood(fit.params, x, summary.recency[i], summary.T[i]), 0);
  expect(Math.abs(fit.logLikelihood - sum)).toBeLessThan(1e-9 * Math.abs(sum));
});

test("no customer weight, or one history with weight, cannot be fitted; the error names the model", () => {
  const summary = { frequency: [1, 2, 0], recency: [5, 8, 0], T: [10, 12, 9] };
  const none = thrown(() => bgnbd.fit({ ...summary, weights: [0, 0, 0] }));
  expect([none.code, none.key, none.params?.model]).toStrictEqual(["DEGENERATE_DATA", "fit.noCustomerWeight", "BG/NBD"]);
  // two distinct histories, but only one carries weight
  const one = thrown(() => bgnbd.fit({ ...summary, weights: [1, 0, 0] }));
  expect([one.key, one.params?.model]).toStrictEqual(["fit.sameHistory", "BG/NBD"]);
  const nobody = thrown(() => mbgnbd.fit({ frequency: [0, 0], recency: [0, 0], T: [5, 9] }));
  expect([nobody.key, nobody.params?.model]).toStrictEqual(["fit.nobodyRepeats", "MBG/NBD"]);
  expect(nobody.message).toContain("MBG/NBD");
});
