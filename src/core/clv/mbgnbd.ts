/**
 * The MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison
 * of models for customer base analysis", International Journal of Research in Marketing 24(3),
 * 201–209; cited as BDF 2007): BG/NBD in which a customer may also drop out right after the
 * first purchase, so a customer without repeat purchases is not assumed alive.
 *
 * Likelihood and fit are shared with {@link fitBetaGeo} (bgnbd.ts); the predictions follow
 * BDF 2007, Appendix A, in the forms implemented by lifetimes' ModifiedBetaGeoFitter.
 *
 * @example
 *   const fit = mbgnbd.fit({ frequency, recency, T });  // CDNOW: r 0.525, α 6.183, a 0.891, b 1.614
 */
import { CvaError, ErrorCodes } from "../errors";
import { log2F1, logBeta, logGamma, regularizedIncompleteBeta } from "../math/special";
import { gap2F1, printedBracketLosesDigits } from "../math/hypergeometric-gap";
import { checkArg, groupRfm, toRfmData, type FitOptions, type FitResult, type RfmInput } from "./data";
import { betaGeoLogLikelihood, fitBetaGeo, type BgNbdParams } from "./bgnbd";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** MBG/NBD parameters, as BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b). */
export type MbgNbdParams = BgNbdParams;

/**
 * Fits MBG/NBD by maximum likelihood (analytic gradient; grouped histories). O(g) per evaluation.
 * @throws CvaError as {@link fitBetaGeo}.
 * @example mbgnbd.fit({ frequency: [0, 2, 1], recency: [0, 30.4, 1.7], T: [38.9, 38.9, 38.9] })
 */
export function fit(summary: RfmInput, options: FitOptions = {}): FitResult<MbgNbdParams> {
  return fitBetaGeo(summary, options, true);
}

/**
 * P(alive | x, t_x, T) (BDF 2007, Appendix A, eq. 5):
 *   P = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}), for every x (also x = 0). O(1).
 * @example probabilityAlive({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 0, 0, 38.86) // < 1
 */
export function probabilityAlive(params: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const L = math.log(a) - math.log(b + x) + (r + x) * (math.log(alpha + T) - math.log(alpha + tx));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: both forms are the same logistic 1/(1 + e^L) (½ at L = 0); the branch only keeps e^±L from overflowing, which for L ≤ −709 needs a/(b+x) < e^−709
  return L > 0 ? math.exp(-L) / (1 + math.exp(-L)) : 1 / (1 + math.exp(L));
}

/**
 * Expected purchases in the next t of a customer alive at T (the numerator of BDF 2007,
 * Appendix A, conditional expectation):
 *   (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]. O(k).
 * Where that form loses digits (large b, a near 1) the bracket over a − 1 is summed without
 * cancellation ({@link gap2F1}).
 */
export function expectedPurchasesIfAlive(params: MbgNbdParams, t: number, x: number, T: number): number {
  // Stryker disable next-line ConditionalExpression: a shortcut: at t = 0, z = 0 and the bracket −expm1(0) is 0 as well
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return (a + b + x) * bracketOverGap(r + x, b + x + 1, a, t / (alpha + T + t));
}

/**
 * [1 − (1 − z)^A · 2F1(A, B; c; z)] / (a − 1) with c = a + B − 1 > 0: summed as {@link gap2F1}
 * where the printed form loses digits; where that sum declines with a within 1e-9 of 1 (c < A and
 * z above 0.999) the printed form, 0/0 at 1, is taken at 1 ± 1e-5 and averaged (off by O(1e-10)).
 */
function bracketOverGap(A: number, B: number, a: number, z: number): number {
  const c = a + B - 1;
  if (printedBracketLosesDigits(A, c, a)) {
    const g = gap2F1(A, c, a, z);
    if (!Number.isNaN(g)) return g;
  }
  if (math.abs(a - 1) < 1e-9) return (printedBracket(A, B, 1 - 1e-5, z) + printedBracket(A, B, 1 + 1e-5, z)) / 2;
  return printedBracket(A, B, a, z);
}

/** {@link bracketOverGap} as printed, a ≠ 1. */
function printedBracket(A: number, B: number, a: number, z: number): number {
  return -math.expm1(A * math.log1p(-z) + log2F1(A, B, a + B - 1, z)) / (a - 1);
}

/**
 * E[Y(t) | x, t_x, T] = {@link expectedPurchasesIfAlive} × {@link probabilityAlive}. O(k).
 * @throws CvaError OUT_OF_RANGE for t < 0.
 * @example expectedPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 39, 2, 30.43, 38.86)
 */
export function expectedPurchases(params: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkArg("t", t, 0);
  return expectedPurchasesIfAlive(params, t, x, T) * probabilityAlive(params, x, tx, T);
}

/**
 * E[X(t)] for a new customer (BDF 2007, Appendix A):
 *   E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))].  O(k); as
 * {@link expectedPurchasesIfAlive} where that form loses digits.
 * @example expectedPurchasesUnconditional({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 39)
 */
export function expectedPurchasesUnconditional(params: MbgNbdParams, t: number): number {
  checkArg("t", t, 0);
  // Stryker disable next-line ConditionalExpression: a shortcut: at t = 0, z = 0 and the bracket −expm1(0) is 0 as well
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return b * bracketOverGap(r, b + 1, a, t / (alpha + t));
}

/**
 * ln L for one customer (BDF 2007, eq. 3): the likelihood of {@link fit}, for one history. O(1).
 * @example logLikelihood({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 0, 0, 38.86)
 */
export function logLikelihood(params: MbgNbdParams, x: number, tx: number, T: number): number {
  const data = groupRfm(toRfmData({ frequency: [x], recency: [tx], T: [T] }));
  return betaGeoLogLikelihood(data, [params.r, params.alpha, params.a, params.b].map(math.log), null, true);
}

/**
 * P(X(t) = n) for a new customer. In MBG/NBD the customer may leave right after every purchase,
 * the first one (at time 0) included, with probability p; while active, purchases are Poisson(λ).
 * Exactly n repeat purchases by t happen when the customer stayed after purchases 0…n and made
 * no (n+1)-th by t, or stayed after 0…n−1, made the n-th by t and left after it:
 *   P(X(t) = n | λ, p) = (1−p)^{n+1} Pois(n; λt) + p(1−p)^n P(Pois(λt) ≥ n).
 * Mixed over λ ~ Gamma(r, α) and p ~ Beta(a, b) (docs/models/mbgnbd.md):
 *   P = B(a, b+n+1)/B(a, b) · Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n
 *     + B(a+1, b+n)/B(a, b) · I_{t/(α+t)}(n, r)        (the second term is B(a+1, b)/B(a, b) = a/(a+b) at n = 0),
 * the negative-binomial tail P(NB ≥ n) being the regularised incomplete beta I_{t/(α+t)}(n, r).
 * Σ_n P = 1 and Σ_n n·P = {@link expectedPurchasesUnconditional} (test/core/clv/mbgnbd-counts.test.ts). O(1).
 * @throws CvaError OUT_OF_RANGE when n is not a whole number ≥ 0 or t < 0.
 * @example probabilityOfPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 39, 0)
 */
export function probabilityOfPurchases(params: MbgNbdParams, t: number, n: number): number {
  checkArg("t", t, 0);
  checkArg("n", n, 0);
  if (!Number.isInteger(n)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notWhole", { arg: "n", hint: "", got: n }, { argument: "n" });
  const { r, alpha, a, b } = params;
  const lbab = logBeta(a, b);
  if (t === 0) return n === 0 ? 1 : 0;
  const lp0 = math.log(alpha / (alpha + t));
  const lp1 = math.log(t / (alpha + t));
  const stays = math.exp(logBeta(a, b + n + 1) - lbab + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * lp0 + n * lp1);
  const tail = n === 0 ? 1 : regularizedIncompleteBeta(t / (alpha + t), n, r);
  return stays + math.exp(logBeta(a + 1, b + n) - lbab) * tail;
}
