/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "'Counting your customers' the
 * easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284; cited
 * below as FHL 2005).
 *
 * While active, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after every
 * purchase the customer drops out with probability p ~ Beta(a, b). From the summary
 * (x repeat purchases, the last at t_x, observed until T) it gives the probability that a
 * customer is still alive, the expected purchases in the next t, E[X(t)] for a new customer and
 * P(X(t) = x). Times are in one unit (days, weeks …) of the caller's choosing; α is in that unit.
 *
 * Fitting groups identical (x, t_x, T) histories and maximises the log-likelihood (FHL 2005
 * eq. 6) over log-parameters by Newton's method with the analytic gradient below and the
 * analytic Hessian of ./bgnbd-hessian.ts (BFGS when Newton does not converge inside the box).
 *
 * @example
 *   const fit = bgnbd.fit({ frequency, recency, T });          // CDNOW: r 0.2426, α 4.4137, a 0.7930, b 2.4262
 *   bgnbd.expectedPurchases(fit.params, 39, 2, 30.43, 38.86);  // 1.226
 */
import { CvaError, ErrorCodes } from "../errors";
import { digamma, log2F1, scaled2F1, logBeta, logGamma, regularizedIncompleteBeta } from "../math/special";
import { gap2F1, printedBracketLosesDigits } from "../math/hypergeometric-gap";
import {
  checkArg,
  checkFitOptions,
  groupRfm,
  groupSummary,
  withGrouping,
  toRfmData,
  type FitOptions,
  type FitResult,
  type GroupedRfm,
  type RfmInput,
} from "./data";
import { betaGeoLogLikelihoodHessian, byFrequency } from "./bgnbd-hessian";
import { fitLogParameters, fitOutcome, meanNegativeLogLikelihood, meanNegativeLogLikelihoodHessian, subsampleGroups, WARM_START_FROM, WARM_SUBSAMPLE, warmStart } from "./fitting";
import { now, type HessianObjective } from "../math/optimize";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** BG/NBD parameters: purchase rate λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Fits BG/NBD by maximum likelihood. O(n) to group the customers, then O(g) per likelihood
 * evaluation for g distinct histories (1,016 on CDNOW), 4–8 Newton iterations.
 * @throws CvaError MISSING for an empty summary, INCONSISTENT_DATA / OUT_OF_RANGE for bad rows
 *   (see {@link toRfmData}), DEGENERATE_DATA when nobody repeats or every customer has the same
 *   history (the parameters are then not identified).
 * @example bgnbd.fit({ frequency: [0, 2, 1], recency: [0, 30.4, 1.7], T: [38.9, 38.9, 38.9] })
 */
export function fit(summary: RfmInput, options: FitOptions = {}): FitResult<BgNbdParams> {
  return fitBetaGeo(summary, options, false);
}

/**
 * The shared fitting code of BG/NBD and MBG/NBD (`modified`: Batislam, Denizel & Filiztekin
 * 2007, where a customer may also drop out right after the first purchase).
 */
export function fitBetaGeo(summary: RfmInput, options: FitOptions, modified: boolean): FitResult<BgNbdParams> {
  const opts = checkFitOptions(options);
  const data = groupSummary(summary);
  checkIdentifiable(data, modified ? "MBG/NBD" : "BG/NBD");
  const W = data.totalWeight;
  const nll = meanNegativeLogLikelihood((theta, grad) => betaGeoLogLikelihood(data, theta, grad, modified), W, opts.penalizer);
  // Starting points: the rate moment λ̄ = Σx/ΣT with r = 1, then lifetimes' all-ones start
  // and a strongly heterogeneous one; the first that converges is kept.
  const { start: momentStart, rate } = betaGeoMoments(data);
  // On many histories the optimum of a subsample goes first (warmStart).
  const deadline = now() + opts.timeLimitMs;
  const hessianOn = (d: GroupedRfm): HessianObjective =>
    meanNegativeLogLikelihoodHessian((theta, grad, hess) => betaGeoLogLikelihoodHessian(d, theta, grad, hess, modified), d.totalWeight, opts.penalizer);
  const starts = warmStart(
    // Stryker disable next-line ConditionalExpression,EqualityOperator: where the fit starts (a subsample's optimum or not) changes how fast it converges, not where
    data.size >= WARM_START_FROM ? subsampleGroups(data, WARM_SUBSAMPLE) : null,
    // The starting points and the warm start's limits change how fast the fit converges, not where.
    // Stryker disable next-line ArrayDeclaration: as above
    [
      // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: as above
      [1, 1 / rate, 1, 2],
      // Stryker disable next-line ArrayDeclaration: as above
      [1, 1, 1, 1],
      // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: as above
      [0.3, 0.3 / rate, 0.5, 0.5],
    ],
    hessianOn,
    // Stryker disable next-line ObjectLiteral: as above
    { maxIterations: opts.maxIterations, deadline },
  );
  // Below the warm start's size Newton's method starts from the summary's moments (BFGS, when
  // Newton's method does not converge inside the box, from the starts above as before).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: Newton's start changes how fast the fit converges, not where
  const newtonStart = data.size >= WARM_START_FROM ? undefined : momentStart;
  const res = fitLogParameters(nll, starts, ["r", "alpha", "a", "b"], { ...opts, model: modified ? "MBG/NBD" : "BG/NBD", newton: hessianOn(data), newtonStart, deadline });
  const theta = res.logParams;
  const params = { r: math.exp(theta[0]), alpha: math.exp(theta[1]), a: math.exp(theta[2]), b: math.exp(theta[3]) };
  // Unpenalised, the optimiser's value is the log-likelihood already (−value·W): no further pass.
  const logLikelihood = opts.penalizer === 0 ? -res.value * W : betaGeoLogLikelihood(data, theta, null, modified);
  return withGrouping({ params, customers: W, groups: data.size, ...fitOutcome(res, logLikelihood) }, summary, data);
}

/**
 * A starting point (r, α, a, b) for Newton's method from moments of the summary: on CDNOW
 * within 25 % of the optimum in r and 60 % in α, where the first start is 4× and 7× off, which
 * saves two of Newton's seven passes (docs/models/fitting.md §16):
 * - r from the counts' overdispersion: for a Poisson count whose rate is Gamma(r, α),
 *   E[x] = rT/α and E[x(x−1)] = r(r+1)T²/α², so Σx(x−1)/ΣT² ÷ (Σx/ΣT)² estimates (r+1)/r
 *   (dropout adds to the dispersion, so r comes out somewhat small); 1 when the counts are not overdispersed;
 * - α from the share of customers with no repeat purchase, P(x = 0) = (α/(α+T))^r (FHL 2005
 *   eq. 8 with n = 0, which dropout does not change), at the mean T;
 * - a = 1 and b from the repeat buyers' recency: with no dropout the last of x purchases
 *   falls on average at x/(x+1) of T, so q, the mean of t_x/T ÷ x/(x+1), is about the share
 *   still buying, and the mean dropout probability 1/(1 + b) is set to 1 − q.
 * Each clamped to [1e-3, 1e3] (q to [0.05, 0.95]). O(g).
 */
export function betaGeoMomentStart(data: GroupedRfm): number[] {
  return betaGeoMoments(data).start;
}

/**
 * {@link betaGeoMomentStart} and the repeat-purchase rate Σwx/ΣwT (at least 1e-6; fitting.ts'
 * rateMoments) from the same pass. O(g).
 */
function betaGeoMoments(data: GroupedRfm): { start: number[]; rate: number } {
  // The sums by distinct T and by distinct frequency, from the order the Hessian passes use
  // (made once per grouping): the interpreter of a first fit reads far fewer doubles than with
  // one pass over the histories for every sum (docs/models/fitting.md §16).
  const { perT, runX, runEnd, w, TIndex, txIndex } = byFrequency(data);
  const times = data.distinctTimes, xs = data.distinctX, weightOfX = data.weightOfX;
  let sx = 0, sT = 0, sxx = 0, sTT = 0, zero = 0, repeat = 0, q = 0;
  for (let j = 0; j < times.length; j++) {
    const wT = perT[2 * j];
    // Stryker disable next-line ConditionalExpression: a shortcut; a zero weight adds 0 to every sum
    if (wT === 0) continue;
    const T = times[j];
    sx += perT[2 * j + 1];
    sT += wT * T;
    sTT += wT * T * T;
  }
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], wx = weightOfX[i];
    sxx += wx * x * (x - 1);
    if (x === 0) zero += wx;
    else repeat += wx;
  }
  // q = Σ w (t_x/T) (x+1)/x over the repeat buyers, frequency by frequency.
  for (let run = 0; run < runX.length; run++) {
    const x = xs[runX[run]];
    if (x === 0) continue;
    let s = 0;
    for (let g = run === 0 ? 0 : runEnd[run - 1]; g < runEnd[run]; g++) s += (w[g] * times[txIndex[g]]) / times[TIndex[g]];
    q += (s * (x + 1)) / x;
  }
  const clamp = (v: number, lo: number, hi: number): number => (v >= lo ? (v <= hi ? v : hi) : lo);
  const rate = math.max(sx / sT, 1e-6);
  const dispersion = sxx / sTT / (rate * rate);
  const r = clamp(dispersion > 1 ? 1 / (dispersion - 1) : 1, 1e-3, 1e3);
  const share0 = zero / data.totalWeight;
  const s = math.pow(share0, 1 / r);
  const alpha = clamp(s > 0 && s < 1 ? ((sT / data.totalWeight) * s) / (1 - s) : r / rate, 1e-3, 1e3);
  const share = clamp(repeat > 0 ? q / repeat : 0.5, 0.05, 0.95);
  return { start: [r, alpha, 1, clamp(share / (1 - share), 1e-3, 1e3)], rate };
}

/** Nobody repeats, or one history only: the likelihood has no interior maximum. O(distinct x), and O(g) only while fewer than two histories have weight. */
export function checkIdentifiable(data: GroupedRfm, model: string): void {
  if (!(data.totalWeight > 0)) {
    throw CvaError.keyed(ErrorCodes.DegenerateData, "fit.noCustomerWeight", { model });
  }
  // The weight of the repeat buyers, by frequency (weights are ≥ 0).
  let repeat = 0;
  // Stryker disable next-line EqualityOperator: distinctX[length] is undefined, which is not > 0
  for (let i = 0; i < data.distinctX.length; i++) if (data.distinctX[i] > 0) repeat += data.weightOfX[i];
  if (repeat === 0) {
    throw CvaError.keyed(ErrorCodes.DegenerateData, "fit.nobodyRepeats", { model });
  }
  let distinct = 0;
  for (let g = 0; g < data.size && distinct < 2; g++) if (data.w[g] > 0) distinct++;
  if (distinct < 2) {
    // Nothing to tell the customers apart: the spread of purchase rates and dropout is not identified.
    throw CvaError.keyed(ErrorCodes.DegenerateData, "fit.sameHistory", { model });
  }
}

/**
 * Σ_g w_g · ln L(r, α, a, b | x_g, t_x,g, T_g) at θ = ln(r, α, a, b), and, when `grad` is
 * given, its gradient with respect to θ.
 *
 * BG/NBD, FHL 2005 eq. (6):
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^{r+x})
 *     + δ_{x>0} B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^{r+x})
 * written as ln L = A1 + A2 + ln(e^{A3} + δ e^{A4}) with (lifetimes' decomposition)
 *   A1 = ln Γ(r+x) − ln Γ(r) + r ln α,  A2 = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x),
 *   A3 = −(r+x) ln(α+T),                A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * MBG/NBD, Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models
 * for customer base analysis", IJRM 24(3), Appendix A: the same with b+x+1 for b+x in A2, ln(b+x)
 * for ln(b+x−1) in A4, and the second term present for every x (δ = 1).
 * The derivatives use ψ (digamma): ∂A1/∂r = ψ(r+x) − ψ(r) + ln α, etc.
 */
export function betaGeoLogLikelihood(data: GroupedRfm, theta: ArrayLike<number>, grad: Float64Array | null, modified: boolean): number {
  const r = math.exp(theta[0]), alpha = math.exp(theta[1]), a = math.exp(theta[2]), b = math.exp(theta[3]);
  const k = modified ? 1 : 0;
  const nx = data.distinctX.length;
  // Terms that depend on x only, once per distinct frequency.
  const A12 = new Float64Array(nx);
  const lnA4 = new Float64Array(nx);
  const base = -logGamma(r) + r * math.log(alpha) + logGamma(a + b) - logGamma(b);
  const lnA = math.log(a);
  let dR = 0, dAlpha = 0, dA = 0, dB = 0, dAw2 = 0;
  const psiR = grad ? digamma(r) : 0, psiAB = grad ? digamma(a + b) : 0, psiB = grad ? digamma(b) : 0;
  const lnAlpha = math.log(alpha);
  for (let i = 0; i < nx; i++) {
    const x = data.distinctX[i];
    A12[i] = base + logGamma(r + x) + logGamma(b + x + k) - logGamma(a + b + x + k);
    lnA4[i] = lnA - math.log(b + x - 1 + k);
    // Stryker disable next-line ConditionalExpression: without a gradient these sums are never read
    if (grad) {
      const wx = data.weightOfX[i];
      const psiABX = digamma(a + b + x + k);
      dR += wx * (digamma(r + x) - psiR + lnAlpha);
      dAlpha += (wx * r) / alpha;
      dA += wx * (psiAB - psiABX);
      dB += wx * (psiAB + digamma(b + x + k) - psiB - psiABX);
    }
  }
  // ln(α + t) and 1/(α + t) once per distinct time value.
  const times = data.distinctTimes;
  const lnTime = new Float64Array(times.length);
  const invTime = new Float64Array(grad ? times.length : 0);
  // Stryker disable next-line EqualityOperator: the typed arrays drop the writes at index length
  for (let k = 0; k < times.length; k++) {
    lnTime[k] = math.log(alpha + times[k]);
    // Stryker disable next-line ConditionalExpression: without a gradient invTime has length 0 and drops the write
    if (grad) invTime[k] = 1 / (alpha + times[k]);
  }
  let ll = 0;
  for (let g = 0; g < data.size; g++) {
    const w = data.w[g];
    // Stryker disable next-line ConditionalExpression: a shortcut; a zero weight adds 0 (every term here is finite)
    if (w === 0) continue;
    const x = data.x[g];
    const xi = data.xIndex[g];
    const rx = r + x;
    const Ti = data.TIndex[g];
    const lT = lnTime[Ti];
    const A3 = -rx * lT;
    if (x > 0 || modified) {
      const ti = data.txIndex[g];
      const lt = lnTime[ti];
      const A4 = lnA4[xi] - rx * lt;
      // ln(e^A3 + e^A4) with one exp: e = e^{−|A4 − A3|}; the larger term plus ln(1 + e).
      const d = A4 - A3;
      // Stryker disable next-line EqualityOperator: at d = 0 both sides give e = 1
      const e = math.exp(d > 0 ? -d : d);
      // Stryker disable next-line EqualityOperator: at d = 0, A4 = A3
      ll += w * (A12[xi] + (d > 0 ? A4 : A3) + math.log1p(e));
      // Stryker disable next-line ConditionalExpression: without a gradient these sums are never read
      if (grad) {
        // Stryker disable next-line EqualityOperator: at d = 0 both give ½
        const w2 = d > 0 ? 1 / (1 + e) : e / (1 + e); // share of the "dropped out after t_x" term
        const w1 = 1 - w2;
        dR -= w * (w1 * lT + w2 * lt);
        dAlpha -= w * rx * (w1 * invTime[Ti] + w2 * invTime[ti]);
        dAw2 += w * w2; // ∂A4/∂ln a = 1
        dB -= (w * w2) / (b + x - 1 + k);
      }
    } else {
      ll += w * (A12[xi] + A3);
      // Stryker disable next-line ConditionalExpression: without a gradient these sums are never read
      if (grad) {
        dR -= w * lT;
        dAlpha -= w * rx * invTime[Ti];
      }
    }
  }
  if (grad) {
    grad[0] = dR * r;
    grad[1] = dAlpha * alpha;
    grad[2] = dA * a + dAw2; // ∂/∂ln a of ln a in A4 is 1 per unit of w2
    grad[3] = dB * b;
  }
  return ll;
}

/**
 * ln L for one customer (FHL 2005 eq. 6), for checks and per-customer diagnostics. O(1).
 * @example logLikelihood({ r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 }, 0, 0, 38.86)
 */
export function logLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const data = groupRfm(toRfmData({ frequency: [x], recency: [tx], T: [T] }));
  return betaGeoLogLikelihood(data, [params.r, params.alpha, params.a, params.b].map(math.log), null, false);
}

/**
 * P(alive | x, t_x, T): the probability that a customer with this history has not dropped out
 * (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model", brucehardie.com note 021):
 *   P = 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}).
 * Evaluated as 1/(1 + e^L) in log space: finite for any x, T. O(1).
 * @example probabilityAlive({ r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 }, 0, 0, 38.86) // 1
 */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const L = math.log(a) - math.log(b + x - 1) + (r + x) * (math.log(alpha + T) - math.log(alpha + tx));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: both forms are the same logistic 1/(1 + e^L) (½ at L = 0); the branch only keeps e^±L from overflowing
  return L > 0 ? math.exp(-L) / (1 + math.exp(-L)) : 1 / (1 + math.exp(L));
}

/**
 * E[Y(t) | x, t_x, T]: expected repeat purchases in the next t for a customer with this history
 * (FHL 2005 eq. 10):
 *   E = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *       / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x})
 * The bracket is computed as −expm1 of its log, so it stays accurate for small t and for
 * a < 1 (when both factors are negative); when a + b + x − 1 < 0 (x = 0, a + b < 1) the 2F1
 * has a negative c and is summed with signs ({@link scaled2F1}), and at c = 0 (a + b = 1) its
 * limit is taken. Where that form loses digits (b in the thousands and beyond, or a near 1, where
 * it is 0/0) the bracket over a − 1 is summed without cancellation instead ({@link gap2F1}). O(k)
 * for the 2F1 series.
 * @throws CvaError OUT_OF_RANGE for t < 0 or a non-finite input.
 * @example expectedPurchases({ r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 }, 39, 2, 30.43, 38.86) // 1.226
 */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkArg("t", t, 0);
  return expectedPurchasesIfAlive(params, t, x, T) * probabilityAlive(params, x, tx, T);
}

/**
 * The numerator of FHL 2005 eq. (10): expected purchases in the next t of a customer known to
 * be alive at T (it depends on x and T, not on t_x). Exposed for vectorised scoring.
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  // Stryker disable next-line ConditionalExpression: a shortcut: at t = 0, z = 0 and every form of the bracket is 0
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return bracketMean(r + x, b + x, a, t / (alpha + T + t));
}

/**
 * c/(a − 1) · [1 − (1 − z)^A · 2F1(A, B; c; z)] with c = a + B − 1: the expected purchases of
 * a customer alive at T (A = r + x, B = b + x, z = t/(α + T + t)) and of a new one (A = r, B = b,
 * z = t/(α + t)). Summed as {@link gap2F1} where the printed form loses digits; with a signed
 * series for c < 0; at c = 0 (a one-time buyer, a + b = 1) by its limit, c · 2F1(A, B; c; z) →
 * A·B·z · 2F1(A + 1, B + 1; 2; z), which with a − 1 = −B leaves A·z·(1 − z)^A · 2F1(A + 1, B + 1; 2; z).
 */
function bracketMean(A: number, B: number, a: number, z: number): number {
  const c = a + B - 1;
  // Stryker disable next-line ConditionalExpression: where the printed form keeps its digits the gap's sum agrees with it (to 5e-13, hypergeometric-gap.test.ts) or declines
  if (printedBracketLosesDigits(A, c, a)) {
    const g = gap2F1(A, c, a, z);
    if (!Number.isNaN(g)) return c * g;
  }
  // a within 1e-9 of 1 where the gap's sum declines (c < A with z above 0.999): the printed form
  // is 0/0 at 1, so it is taken at 1 ± 1e-5, whose mean is off by O(1e-10) and its cancellation
  // (2e-9 at r = 3, b = 0.5, t = 1e5 α)
  if (math.abs(a - 1) < 1e-9) return (printedBracketMean(A, B, 1 - 1e-5, z) + printedBracketMean(A, B, 1 + 1e-5, z)) / 2;
  return printedBracketMean(A, B, a, z);
}

/** {@link bracketMean} as printed, a ≠ 1. */
function printedBracketMean(A: number, B: number, a: number, z: number): number {
  const c = a + B - 1;
  const logPrefactor = A * math.log1p(-z);
  if (c === 0) return A * z * math.exp(logPrefactor + log2F1(A + 1, B + 1, 2, z));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: c = 0 is taken on the line above; for c > 0 the signed series is e^{ln 2F1}, and 1 − e^{ln Q} equals −expm1(ln Q) to the absolute error of ln 2F1 (about 1e-16 near z = 0)
  if (c < 0) return (c / (a - 1)) * (1 - scaled2F1(A, B, c, z, logPrefactor));
  return (c / (a - 1)) * -math.expm1(logPrefactor + log2F1(A, B, c, z));
}

/**
 * E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired (FHL 2005 eq. 9):
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].  O(k); summed as
 * {@link expectedPurchasesIfAlive} is where that form loses digits.
 * @example expectedPurchasesUnconditional({ r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 }, 78) // 1.8576
 */
export function expectedPurchasesUnconditional(params: BgNbdParams, t: number): number {
  checkArg("t", t, 0);
  // Stryker disable next-line ConditionalExpression: a shortcut: at t = 0, z = 0 and every form of the bracket is 0
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return bracketMean(r, b, a, t / (alpha + t));
}

/**
 * P(X(t) = n): the probability that a new customer makes exactly n repeat purchases in (0, t]
 * (FHL 2005 eq. 8):
 *   P = B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
 *     + δ_{n>0} B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j]
 * The bracket, a negative-binomial tail, is evaluated as the regularised incomplete beta
 * I_{t/(α+t)}(n, r), which avoids the cancellation of 1 − Σ. O(1) plus the continued fraction.
 * @throws CvaError OUT_OF_RANGE when n is not a whole number ≥ 0 or t < 0.
 * @example probabilityOfPurchases({ r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 }, 39, 0) // ≈ 0.69
 */
export function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  checkArg("t", t, 0);
  checkArg("n", n, 0);
  if (!Number.isInteger(n)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notWhole", { arg: "n", hint: "", got: n }, { argument: "n" });
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const lp0 = math.log(alpha / (alpha + t));
  const lp1 = math.log(t / (alpha + t));
  const lbab = logBeta(a, b);
  const first = math.exp(logBeta(a, b + n) - lbab + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * lp0 + n * lp1);
  if (n === 0) return first;
  const tail = regularizedIncompleteBeta(t / (alpha + t), n, r);
  return first + math.exp(logBeta(a + 1, b + n - 1) - lbab) * tail;
}
