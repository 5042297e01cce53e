/**
 * Pareto/NBD counts of a new customer (src/core/clv/paretonbd.ts): P(X(t) = n) (FH 2006 eq. 13,
 * 15–16) and E[X(t)] (FH 2005 eq. 27) on the side α ≥ β, which CDNOW's fit (α < β) never visits,
 * and at s = 1, where E[X(t)]'s bracket over (s − 1) becomes a logarithm. Expected values are
 * worked by hand here: the pmf must sum to 1 and have E[X(t)] as its mean, and
 *   E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}],   at s = 1: rβ/α · ln((β+t)/β).
 */
import { CvaError } from "../../../src/core/errors";
import { expectedPurchases, expectedPurchasesIfAlive, expectedPurchasesUnconditional, probabilityOfPurchases, type ParetoNbdParams } from "../../../src/core/clv/paretonbd";

/** E[X(t)] of FH 2005 eq. (27), written out here. */
function meanByHand(p: ParetoNbdParams, t: number): number {
  if (p.s === 1) return ((p.r * p.beta) / p.alpha) * Math.log((p.beta + t) / p.beta);
  return ((p.r * p.beta) / (p.alpha * (p.s - 1))) * (1 - Math.pow(p.beta / (p.beta + t), p.s - 1));
}

describe("P(X(t) = n) and E[X(t)] of a new customer", () => {
  test.each([
    ["α > β", { r: 0.55, alpha: 12, s: 0.8, beta: 4 }],
    ["α > β, s > 1", { r: 1.3, alpha: 6, s: 2.5, beta: 3 }],
    ["α < β", { r: 0.55, alpha: 4, s: 0.8, beta: 12 }],
    ["α = β", { r: 0.7, alpha: 5, s: 1.4, beta: 5 }],
  ])("%s: the pmf sums to 1 and its mean is E[X(t)] (1e-9)", (_label, p) => {
    for (const t of [0.5, 10, 52]) {
      let sum = 0, mean = 0;
      // up to the tail: a term below 1e-15 past twice the mean (the pmf falls geometrically there)
      for (let n = 0, q = 1; n < 600 && !(q < 1e-15 && n > 2 * meanByHand(p, t)); n++) {
        q = probabilityOfPurchases(p, t, n);
        expect(q).toBeGreaterThanOrEqual(0);
        sum += q;
        mean += n * q;
      }
      expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      expect(Math.abs(mean - meanByHand(p, t))).toBeLessThan(1e-9 * Math.max(1, mean));
      expect(Math.abs(expectedPurchasesUnconditional(p, t) / meanByHand(p, t) - 1)).toBeLessThan(1e-13);
    }
  });

  test("at s = 1 E[X(t)] is rβ/α · ln((β+t)/β), and it is continuous there", () => {
    const p = { r: 0.6, alpha: 8, s: 1, beta: 20 };
    // rβ/α = 1.5; ln(30/20) = 0.405465108108164…
    expect(expectedPurchasesUnconditional(p, 10)).toBeCloseTo(1.5 * 0.4054651081081644, 14);
    for (const ds of [1e-9, -1e-9]) {
      const near = expectedPurchasesUnconditional({ ...p, s: 1 + ds }, 10);
      // d/ds of the bracket at s = 1 is −ln²(u)/2 with u = β/(β+t): the change is about 1.5·0.0822·1e-9
      expect(Math.abs(near - 1.5 * 0.4054651081081644)).toBeLessThan(2e-10);
    }
  });

  test("with β at the fit's bound 1e8 (almost no dropout) E[X(39)] and E[Y(52) | x = 2, T = 38.86, alive] to 1e-15 of mpmath", () => {
    // mpmath at 50 digits, the formulas as printed: rβ/(α(s−1))·[1 − (β/(β+t))^{s−1}] and
    // (r+x)(β+T)/((α+T)(s−1))·[1 − ((β+T)/(β+T+t))^{s−1}]. ln(β/(β+t)) taken from the rounded
    // quotient had kept only 1e-10 of it.
    const p = { r: 0.553, alpha: 10.578, s: 0.606, beta: 1e8 };
    expect(Math.abs(expectedPurchasesUnconditional(p, 39) / 2.0388539848202063 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(expectedPurchasesIfAlive(p, 52, 2, 38.86) / 2.6853023804154414 - 1)).toBeLessThan(1e-15);
  });

  test("far in the tail (n = 500 at t = 0.5) a number at most 1e-15, never NaN: the bracket's rounding below 0 gives the first term alone", () => {
    // The second term's bracket B1 − Σ_j … is a difference of nearly equal numbers there, good to
    // about 1e-16 of B1 in absolute terms only.
    for (const p of [{ r: 0.55, alpha: 12, s: 0.8, beta: 4 }, { r: 0.55, alpha: 4, s: 0.8, beta: 12 }, { r: 0.7, alpha: 5, s: 1.4, beta: 5 }]) {
      const q = probabilityOfPurchases(p, 0.5, 500);
      expect(q).toBeGreaterThanOrEqual(0);
      expect(q).toBeLessThanOrEqual(1e-15);
    }
  });

  test("t = 0: no purchase yet, P(X(0) = 0) = 1 and P(X(0) = n) = 0 for n ≥ 1", () => {
    const p = { r: 0.55, alpha: 12, s: 0.8, beta: 4 };
    expect(probabilityOfPurchases(p, 0, 0)).toBe(1);
    expect(probabilityOfPurchases(p, 0, 3)).toBe(0);
  });
});

describe("the argument each error names", () => {
  const p = { r: 0.55, alpha: 12, s: 0.8, beta: 4 };
  function argumentOf(f: () => unknown): unknown {
    try {
      f();
    } catch (e) {
      return e instanceof CvaError ? [e.key, e.where?.argument] : e;
    }
    return "no error";
  }
  test.each([
    ["expectedPurchases, t < 0", () => expectedPurchases(p, -1, 2, 5, 10), ["arg.atLeast", "t"]],
    ["expectedPurchasesUnconditional, t < 0", () => expectedPurchasesUnconditional(p, -1), ["arg.atLeast", "t"]],
    ["probabilityOfPurchases, t < 0", () => probabilityOfPurchases(p, -1, 2), ["arg.atLeast", "t"]],
    ["probabilityOfPurchases, n < 0", () => probabilityOfPurchases(p, 5, -1), ["arg.atLeast", "n"]],
    ["probabilityOfPurchases, n = 2.5", () => probabilityOfPurchases(p, 5, 2.5), ["arg.notWhole", "n"]],
  ])("%s", (_label, f, expected) => {
    expect(argumentOf(f)).toEqual(expected);
  });
});
