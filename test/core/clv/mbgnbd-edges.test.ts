// MBG/NBD at its edges (Batislam, Denizel & Filiztekin 2007; docs/models/mbgnbd.md): the
// one-customer log-likelihood, a = 1 in the conditional expectation, t = 0 in P(X(t) = n) and the
// arguments the errors name. Expected values from mpmath at 60 digits (the likelihood written as
// BDF 2007 eq. 3, the expectation at a = 1 ± 1e-25), by this script:
//   from mpmath import mp, mpf, beta, gamma, log, hyp2f1; mp.dps = 60
//   r, al, a, b = mpf('0.525'), mpf('6.183'), mpf('0.891'), mpf('1.614')
//   c = gamma(r+x)*al**r/gamma(r)
//   ll = log(beta(a,b+x+1)/beta(a,b)*c/(al+T)**(r+x) + beta(a+1,b+x)/beta(a,b)*c/(al+tx)**(r+x))
//   E = (a+b+x)/(a-1)*(1 - ((al+T)/(al+T+t))**(r+x)*hyp2f1(r+x, b+x+1, a+b+x, t/(al+T+t)))
//       / (1 + a/(b+x)*((al+T)/(al+tx))**(r+x))            with a = 1 + 1e-25 (and 1 − 1e-25: same 17 digits)
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import { ErrorCodes } from "../../../src/core";
import { thrown as caught } from "../../support/thrown";

const cdnow = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("mbgnbd.logLikelihood (BDF 2007 eq. 3) for one customer", () => {
  it("matches mpmath to 1e-12 for a one-time buyer and a repeat buyer", () => {
    expect(rel(mbgnbd.logLikelihood(cdnow, 0, 0, 38.86), -0.5398374635310146)).toBeLessThan(1e-12);
    expect(rel(mbgnbd.logLikelihood(cdnow, 2, 30.43, 38.86), -9.485551314533932)).toBeLessThan(1e-12);
  });
});

describe("mbgnbd.expectedPurchases at a = 1 (0/0 in (a+b+x)/(a−1), moved by 1e-9)", () => {
  // as in mbgnbd-scoring.test.ts: moving a by 1e-9 costs ~6 digits, so 1e-5 relative; an
  // unguarded a = 1 divides by zero (∞ or NaN)
  it("E[Y(39) | 2, 30.43, 38.86] and the alive part match the limit from mpmath to 1e-5", () => {
    const p = { ...cdnow, a: 1 };
    expect(rel(mbgnbd.expectedPurchasesIfAlive(p, 39, 2, 38.86), 1.753427932048864)).toBeLessThan(1e-5);
    expect(rel(mbgnbd.expectedPurchases(p, 39, 2, 30.43, 38.86), 1.195313320848784)).toBeLessThan(1e-5);
  });

  it("refuses t < 0 naming t", () => {
    const e = caught(() => mbgnbd.expectedPurchases(cdnow, -1, 2, 30.43, 38.86));
    expect(e.code).toBe(ErrorCodes.OutOfRange);
    expect(e.where?.argument).toBe("t");
  });
});

describe("mbgnbd.probabilityOfPurchases edges", () => {
  it("at t = 0 nobody has bought again: P(X(0) = 0) = 1, P(X(0) = 3) = 0", () => {
    expect(mbgnbd.probabilityOfPurchases(cdnow, 0, 0)).toBe(1);
    expect(mbgnbd.probabilityOfPurchases(cdnow, 0, 3)).toBe(0);
  });

  it("names the argument it refuses: t < 0, n < 0, n not whole", () => {
    expect(caught(() => mbgnbd.probabilityOfPurchases(cdnow, -1, 0)).where?.argument).toBe("t");
    expect(caught(() => mbgnbd.probabilityOfPurchases(cdnow, 1, -1)).where?.argument).toBe("n");
    const e = caught(() => mbgnbd.probabilityOfPurchases(cdnow, 1, 2.5));
    expect(e.code).toBe(ErrorCodes.OutOfRange);
    expect(e.key).toBe("arg.notWhole");
    expect(e.params).toEqual({ arg: "n", hint: "", got: 2.5 });
    expect(e.where).toEqual({ argument: "n" });
  });
});
