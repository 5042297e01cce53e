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
import { log2F1 } from "../math/special";
import { checkArg, type FitOptions, type FitResult, type RfmInput } from "./data";
import { fitBetaGeo, type BgNbdParams } from "./bgnbd";
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
  return L > 0 ? math.exp(-L) / (1 + math.exp(-L)) : 1 / (1 + math.exp(L));
}

/**
 * Expected purchases in the next t of a customer alive at T (the numerator of BDF 2007,
 * Appendix A, conditional expectation):
 *   (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]. O(k).
 */
export function expectedPurchasesIfAlive(params: MbgNbdParams, t: number, x: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, b } = params;
  let a = params.a;
  if (math.abs(a - 1) < 1e-9) a = 1 + 1e-9;
  const z = t / (alpha + T + t);
  const logQ = (r + x) * math.log1p(-z) + log2F1(r + x, b + x + 1, a + b + x, z);
  return ((a + b + x) / (a - 1)) * -math.expm1(logQ);
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
 *   E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))].  O(k).
 * @example expectedPurchasesUnconditional({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 39)
 */
export function expectedPurchasesUnconditional(params: MbgNbdParams, t: number): number {
  checkArg("t", t, 0);
  if (t === 0) return 0;
  const { r, alpha, b } = params;
  let a = params.a;
  if (math.abs(a - 1) < 1e-9) a = 1 + 1e-9;
  const z = t / (alpha + t);
  const logQ = r * math.log1p(-z) + log2F1(r, b + 1, a + b, z);
  return (b / (a - 1)) * -math.expm1(logQ);
}
