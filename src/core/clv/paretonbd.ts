/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting your customers: who are
 * they and what will they do next?", Management Science 33(1), 1–24), in the forms of Fader &
 * Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions",
 * brucehardie.com note 009 (cited as FH 2005), and Fader & Hardie (2006), "Deriving an
 * expression for P(X(t) = x) under the Pareto/NBD model", note 012 (FH 2006).
 *
 * While alive a customer buys as Poisson(λ), λ ~ Gamma(r, α), and dies after an exponential
 * lifetime with rate μ ~ Gamma(s, β). Fitting maximises FH 2005 eq. (18) by BFGS over
 * log-parameters with the analytic gradient (derivatives of 2F1 summed alongside its series),
 * on the grouped histories.
 *
 * Near z = 1 (z = |α−β|/(max(α, β) + t_x) above 0.95: one of α, β far below the other, as on the
 * ridge s, β → ∞ of data whose death rate is common to all) A0 and its gradient come from the
 * death-time integral by quadrature (./paretonbd-a0.ts): the 2F1 difference loses digits there and
 * its gradient by central differences was off by ~1e-7, enough to leave BFGS stepping in place
 * until its time limit (a 5,000-customer simulated fit: 120 s not converged, now 0.6 s converged).
 *
 * @example
 *   const fit = paretonbd.fit({ frequency, recency, T });  // CDNOW: r 0.553, α 10.578, s 0.606, β 11.669
 */
import { CvaError, ErrorCodes } from "../errors";
import { digamma, log2F1, log2F1WithGradient, logAddExp, logBeta, logGamma, logSubExp, logSumExp, NEAR_ONE_2F1 } from "../math/special";
import { logA0Integral } from "./paretonbd-a0";
import { checkArg, checkFitOptions, groupSummary, withGrouping, type FitOptions, type FitResult, type GroupedRfm, type RfmInput } from "./data";
import { checkIdentifiable } from "./bgnbd";
import { now } from "../math/optimize";
import { fitLogParameters, fitOutcome, meanNegativeLogLikelihood, rateMoments } from "./fitting";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** Pareto/NBD parameters: purchase rate λ ~ Gamma(r, α), death rate μ ~ Gamma(s, β). */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * ln A0 of FH 2005 eq. (19)–(20), with the 2F1 argument always in [0, 1):
 *   α ≥ β: A0 = 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+t_x)) / (α+t_x)^{r+s+x}
 *             − 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+T)) / (α+T)^{r+s+x}
 *   α < β: the same with r+x for s+1 and β for α in the arguments.
 * Returns −Infinity when t_x = T (A0 = 0).
 */
export function logA0(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const rsx = r + s + x;
  // Stryker disable next-line EqualityOperator: at α = β, z = 0 and 2F1 is 1 whatever its lower parameter, and hi is α = β either way
  const [hi, b2] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const diff = math.abs(alpha - beta);
  // Near z = 1 the 2F1 difference loses digits: the integral form (./paretonbd-a0.ts).
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the integral is as accurate for every z (paretonbd-likelihood.test.ts holds either way); 2F1 is the faster form below 0.95, and the mutants that take 2F1 near 1 are killed there
  if (diff / (hi + tx) > NEAR_ONE_2F1) return logA0Integral(r, alpha, s, beta, x, tx, T, null);
  const first = log2F1(rsx, b2, rsx + 1, diff / (hi + tx)) - rsx * math.log(hi + tx);
  const second = log2F1(rsx, b2, rsx + 1, diff / (hi + T)) - rsx * math.log(hi + T);
  return logSubExp(first, second);
}

/**
 * ln L for one customer (FH 2005 eq. 18):
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^{r+x} (β+T)^s) + s/(r+s+x) · A0 ]. O(k) for the 2F1 series.
 * @example logLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 0, 0, 38.86)
 */
export function logLikelihood(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const head = logGamma(r + x) - logGamma(r) + r * math.log(alpha) + s * math.log(beta);
  const alive = -(r + x) * math.log(alpha + T) - s * math.log(beta + T);
  const died = math.log(s) - math.log(r + s + x) + logA0(params, x, tx, T);
  return head + logAddExp(alive, died);
}

const g1 = new Float64Array(4);
const g2 = new Float64Array(4);

/** Most (distinct x) × (distinct time) cells memoised: 2^18 cells, 10 MB with their gradients. */
const MEMO_LIMIT = 1 << 18;

interface Memo {
  stamp: number;
  /** The stamp of the evaluation whose value a cell holds; `seenGrad`, whose gradient too. */
  seen: Float64Array;
  seenGrad: Float64Array;
  value: Float64Array;
  grad: Float64Array;
}

let memoCache: Memo | null = null;

/** A memo table of at least `cells` cells, reused across evaluations (a stamp marks the current one). */
function memoTable(cells: number): Memo {
  if (!memoCache || memoCache.value.length < cells) {
    memoCache = { stamp: 0, seen: new Float64Array(cells), seenGrad: new Float64Array(cells), value: new Float64Array(cells), grad: new Float64Array(4 * cells) };
  }
  return memoCache;
}

/**
 * Σ_g w_g ln L_g at θ = ln(r, α, s, β) (FH 2005 eq. 18) and, with `grad`, its analytic gradient
 * in θ: the derivatives of ln 2F1 in its parameters and argument come from
 * {@link log2F1WithGradient}; those of the rest are elementary (ψ for ln Γ).
 */
export function paretoLogLikelihood(data: GroupedRfm, theta: ArrayLike<number>, grad: Float64Array | null, deadline = Infinity): number {
  const r = math.exp(theta[0]), alpha = math.exp(theta[1]), s = math.exp(theta[2]), beta = math.exp(theta[3]);
  // Stryker disable next-line EqualityOperator: at α = β both arms describe the same smooth A0 (z = 0, the integral form's A0 has no kink there), so value and gradient agree
  const aGeB = alpha >= beta;
  const hi = aGeB ? alpha : beta;
  const D = math.abs(alpha - beta);
  // d D/dα, d D/dβ and d hi/dα, d hi/dβ on the branch in use.
  const dDa = aGeB ? 1 : -1, dDb = -dDa, dHa = aGeB ? 1 : 0, dHb = aGeB ? 0 : 1;
  const lnAlpha = math.log(alpha), lnBeta = math.log(beta);
  const lgR = logGamma(r), psiR = grad ? digamma(r) : 0;
  let ll = 0, dr = 0, da = 0, ds = 0, db = 0;
  // ln Γ(r+x) − ln Γ(r) + r ln α + s ln β once per distinct frequency (with its derivative in r).
  const nx = data.distinctX.length;
  const headX = new Float64Array(nx);
  for (let i = 0; i < nx; i++) {
    const rxi = r + data.distinctX[i];
    headX[i] = logGamma(rxi) - lgR + r * lnAlpha + s * lnBeta;
    // Stryker disable next-line ConditionalExpression: the derivative sums are computed for nothing without grad
    if (grad) {
      const wx = data.weightOfX[i];
      dr += wx * (digamma(rxi) - psiR + lnAlpha);
      da += (wx * r) / alpha;
      ds += wx * lnBeta;
      db += (wx * s) / beta;
    }
  }
  // ln 2F1 depends on the group only through (x, t) with t = t_x or T: memoise it per
  // (distinct x, distinct time) so customers sharing x and T (or x and t_x) share one series
  // (on CDNOW 1,050 series per evaluation instead of 2,032).
  const nt = data.distinctTimes.length;
  const memo = nx * nt <= MEMO_LIMIT ? memoTable(nx * nt) : null;
  // Stryker disable next-line UpdateOperator: counting down marks each evaluation as uniquely (the cells start at 0, the first stamp is ±1)
  const stamp = memo ? ++memo.stamp : 0;
  // `withGrad` false: the value only (a history near z = 1 takes its gradient from the integral).
  const series = (xi: number, ti: number, a: number, b: number, z: number, out: Float64Array, withGrad: boolean): number => {
    if (!memo) return withGrad ? log2F1WithGradient(a, b, a + 1, z, out) : log2F1(a, b, a + 1, z);
    // Stryker disable next-line ArithmeticOperator: the mutated keys are either distinct as well or outside the table (negative or fractional), where a typed array reads undefined and ignores the write, so every lookup misses and the series is summed again: the same values
    const key = xi * nt + ti;
    if (memo.seenGrad[key] === stamp || (!withGrad && memo.seen[key] === stamp)) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: without withGrad `out` is not read; out[4] is past a typed array's end
      if (withGrad) for (let j = 0; j < 4; j++) out[j] = memo.grad[4 * key + j];
      return memo.value[key];
    }
    const v = withGrad ? log2F1WithGradient(a, b, a + 1, z, out) : log2F1(a, b, a + 1, z);
    memo.seen[key] = stamp;
    memo.value[key] = v;
    if (withGrad) {
      memo.seenGrad[key] = stamp;
      for (let j = 0; j < 4; j++) memo.grad[4 * key + j] = out[j];
    }
    return v;
  };
  // ln(α + t) and ln(β + t) once per distinct time (t_x or T).
  const lnAt = new Float64Array(nt), lnBt = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    lnAt[k] = math.log(alpha + data.distinctTimes[k]);
    lnBt[k] = math.log(beta + data.distinctTimes[k]);
  }
  const lnHt = aGeB ? lnAt : lnBt;
  for (let g = 0; g < data.size; g++) {
    // Near a limit model one evaluation can sum millions of series terms: give up (NaN, a failed
    // step for the optimiser) once the fit's time is up, so the time limit holds within it.
    if ((g & 7) === 0 && deadline !== Infinity && now() > deadline) return NaN;
    const w = data.w[g];
    if (w === 0) continue;
    const x = data.x[g], tx = data.tx[g], T = data.T[g];
    const rx = r + x, rsx = r + s + x;
    const b2 = aGeB ? s + 1 : rx;
    const xi = data.xIndex[g];
    const head = headX[xi];
    const Ti = data.TIndex[g], ti = data.txIndex[g];
    const lAT = lnAt[Ti], lBT = lnBt[Ti];
    const alive = -rx * lAT - s * lBT;
    const ht1 = hi + tx, ht2 = hi + T;
    const lh1 = lnHt[ti], lh2 = lnHt[Ti];
    // Near z = 1, A0 and its gradient come from its integral (./paretonbd-a0.ts), not from 2F1.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: as in logA0, the integral and its gradient are as accurate for every z (paretonbd-near-one.test.ts holds either way); the mutants that take 2F1 near 1 are killed there
    const nearOne = D / ht1 > NEAR_ONE_2F1;
    let F1 = 0, F2 = 0, lnA0: number;
    if (nearOne) {
      lnA0 = logA0Integral(r, alpha, s, beta, x, tx, T, grad ? g1 : null);
    } else {
      // Stryker disable next-line ConditionalExpression: without grad the series' derivatives are computed for nothing
      F1 = series(xi, ti, rsx, b2, D / ht1, g1, grad !== null) - rsx * lh1;
      // Stryker disable next-line ConditionalExpression: the same
      F2 = series(xi, Ti, rsx, b2, D / ht2, g2, grad !== null) - rsx * lh2;
      lnA0 = logSubExp(F1, F2);
    }
    const died = math.log(s) - math.log(rsx) + lnA0;
    const l = logAddExp(alive, died);
    ll += w * (head + l);
    // Stryker disable next-line ConditionalExpression: without grad the derivative sums below are computed for nothing
    if (!grad) continue;
    const wAlive = math.exp(alive - l), wDied = 1 - wAlive;
    // alive term
    dr -= w * wAlive * lAT;
    da -= (w * wAlive * rx) / (alpha + T);
    ds -= w * wAlive * lBT;
    db -= (w * wAlive * s) / (beta + T);
    // wDied is 0 exactly where A0 is (ln A0 = −∞ makes l = alive), and there the death term adds nothing.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: near z = 1 at A0 = 0 (t_x = T) the integral's gradient is finite, so the term it adds at wDied = 0 is 0 (the 2F1 arm's 0·∞ is killed by the t_x = T test)
    if (wDied > 0 && nearOne) {
      const wd = w * wDied;
      dr += wd * (-1 / rsx + g1[0]);
      ds += wd * (1 / s - 1 / rsx + g1[1]);
      da += wd * g1[2];
      db += wd * g1[3];
    } else if (wDied > 0) {
      // d ln A0 = (dF1 − e^{F2−F1} dF2)/(1 − e^{F2−F1})
      const e = math.exp(F2 - F1);
      const inv = 1 / (1 - e);
      // ∂F_i/∂r, ∂s: through a = r+s+x (and c = a+1), b2 (s+1 or r+x) and −a ln(hi+t_i);
      // ∂F_i/∂α, ∂β: through z_i = D/(hi+t_i) and −a ln(hi+t_i).
      const r1 = g1[0] + g1[2] - lh1, r2 = g2[0] + g2[2] - lh2;
      const dFr1 = r1 + (aGeB ? 0 : g1[1]), dFr2 = r2 + (aGeB ? 0 : g2[1]);
      const dFs1 = r1 + (aGeB ? g1[1] : 0), dFs2 = r2 + (aGeB ? g2[1] : 0);
      const dFa1 = (g1[3] * (dDa * ht1 - D * dHa)) / (ht1 * ht1) - (rsx * dHa) / ht1;
      const dFa2 = (g2[3] * (dDa * ht2 - D * dHa)) / (ht2 * ht2) - (rsx * dHa) / ht2;
      const dFb1 = (g1[3] * (dDb * ht1 - D * dHb)) / (ht1 * ht1) - (rsx * dHb) / ht1;
      const dFb2 = (g2[3] * (dDb * ht2 - D * dHb)) / (ht2 * ht2) - (rsx * dHb) / ht2;
      const wd = w * wDied;
      dr += wd * (-1 / rsx + (dFr1 - e * dFr2) * inv);
      ds += wd * (1 / s - 1 / rsx + (dFs1 - e * dFs2) * inv);
      da += wd * (dFa1 - e * dFa2) * inv;
      db += wd * (dFb1 - e * dFb2) * inv;
    }
  }
  if (grad) {
    grad[0] = dr * r;
    grad[1] = da * alpha;
    grad[2] = ds * s;
    grad[3] = db * beta;
  }
  return ll;
}

/**
 * Fits Pareto/NBD by maximum likelihood. O(n) grouping, then O(g·k) per evaluation (g distinct
 * histories, k series terms), 9 evaluations per BFGS iteration.
 * @throws CvaError as {@link toRfmData}; DEGENERATE_DATA when nobody repeats or all histories are equal.
 * @example paretonbd.fit({ frequency: [0, 2, 1], recency: [0, 30.4, 1.7], T: [38.9, 38.9, 38.9] })
 */
export function fit(summary: RfmInput, options: FitOptions = {}): FitResult<ParetoNbdParams> {
  const opts = checkFitOptions(options);
  const data = groupSummary(summary);
  checkIdentifiable(data, "Pareto/NBD");
  const W = data.totalWeight;
  const deadline = now() + opts.timeLimitMs;
  const nll = meanNegativeLogLikelihood((theta, grad) => paretoLogLikelihood(data, theta, grad, deadline), W, opts.penalizer);
  const { rate, meanT } = rateMoments(data);
  const starts = [
    [1, 1 / rate, 1, meanT],
    [1, 1, 1, 1],
    [0.3, 0.3 / rate, 0.5, meanT / 2],
  ];
  const res = fitLogParameters(nll, starts, ["r", "alpha", "s", "beta"], { ...opts, model: "Pareto/NBD", deadline });
  const t = res.logParams;
  return withGrouping(
    {
      params: { r: math.exp(t[0]), alpha: math.exp(t[1]), s: math.exp(t[2]), beta: math.exp(t[3]) },
      customers: W,
      groups: data.size,
      ...fitOutcome(res, paretoLogLikelihood(data, t, null)),
    },
    summary,
    data,
  );
}

/**
 * P(alive | x, t_x, T) (FH 2005 eq. 36–37):
 *   P = 1 / (1 + s/(r+s+x) · (α+T)^{r+x} (β+T)^s · A0).  O(k).
 * @example probabilityAlive({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 0, 0, 38.86)
 */
export function probabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const L = math.log(s) - math.log(r + s + x) + (r + x) * math.log(alpha + T) + s * math.log(beta + T) + logA0(params, x, tx, T);
  return L > 0 ? math.exp(-L) / (1 + math.exp(-L)) : 1 / (1 + math.exp(L));
}

/**
 * E[Y(t) | x, t_x, T] (FH 2005 eq. 41):
 *   E = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive | x, t_x, T)
 * The bracket over (s − 1) is computed as −expm1((s−1)·ln((β+T)/(β+T+t)))/(s−1), finite for s < 1
 * too, and equal to ln((β+T+t)/(β+T)) at s = 1. O(k).
 * @example expectedPurchases({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39, 2, 30.43, 38.86)
 */
export function expectedPurchases(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  checkArg("t", t, 0);
  return expectedPurchasesIfAlive(params, t, x, T) * probabilityAlive(params, x, tx, T);
}

/**
 * The first factor of FH 2005 eq. (41): expected purchases in the next t of a customer known to
 * be alive at T (it depends on x and T, not on t_x). Exposed for the grouped scoring (./btyd-score.ts). O(1).
 */
export function expectedPurchasesIfAlive(params: ParetoNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, s, beta } = params;
  return ((r + x) / (alpha + T)) * (beta + T) * powerTerm(s, t / (beta + T));
}

/**
 * [1 − u^{s−1}]/(s − 1) for u = 1/(1 + w), w ≥ 0, with its limit −ln u at s = 1. ln u is taken as
 * −ln(1 + w), not the log of the rounded quotient: with β in the millions (w = t/β tiny) the
 * quotient keeps only the digits of w that survive 1 − w.
 */
function powerTerm(s: number, w: number): number {
  const lu = -math.log1p(w);
  const e = (s - 1) * lu;
  return math.abs(s - 1) < 1e-12 ? -lu : -math.expm1(e) / (s - 1);
}

/**
 * E[X(t)] for a new customer (FH 2005 eq. 27):  E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}].  O(1).
 * @example expectedPurchasesUnconditional({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39)
 */
export function expectedPurchasesUnconditional(params: ParetoNbdParams, t: number): number {
  checkArg("t", t, 0);
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * powerTerm(s, t / beta);
}

/**
 * P(X(t) = n) for a new customer (FH 2006, eq. 13 and 15–16):
 *   P = Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n (β/(β+t))^s
 *     + α^r β^s B(r+n, s+1)/B(r, s) · [ B1 − Σ_{j=0..n} Γ(r+s+j)/(Γ(r+s) j!) t^j B2_j ]
 * with, for α ≥ β, B1 = 2F1(r+s, s+1; r+s+n+1; (α−β)/α)/α^{r+s} and
 * B2_j = 2F1(r+s+j, s+1; r+s+n+1; (α−β)/(α+t))/(α+t)^{r+s+j}; for α < β, r+n for s+1 and β for α.
 * The difference in brackets is formed in log space (it is positive); a result below 0 from
 * rounding is returned as 0. O(n·k).
 * @throws CvaError OUT_OF_RANGE when n is not a whole number ≥ 0 or t < 0.
 * @example probabilityOfPurchases({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39, 0)
 */
export function probabilityOfPurchases(params: ParetoNbdParams, t: number, n: number): number {
  checkArg("t", t, 0);
  checkArg("n", n, 0);
  if (!Number.isInteger(n)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notWhole", { arg: "n", hint: "", got: n }, { argument: "n" });
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, s, beta } = params;
  const first = math.exp(
    logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * math.log(alpha / (alpha + t)) + n * math.log(t / (alpha + t)) + s * math.log(beta / (beta + t)),
  );
  // Stryker disable next-line EqualityOperator: at α = β, z = 0 and 2F1 is 1 whatever its lower parameter, and hi is α = β either way
  const [hi, b2] = alpha >= beta ? [alpha, s + 1] : [beta, r + n];
  const diff = math.abs(alpha - beta);
  const c = r + s + n + 1;
  const logB1 = log2F1(r + s, b2, c, diff / hi) - (r + s) * math.log(hi);
  const terms: number[] = [];
  for (let j = 0; j <= n; j++) {
    terms.push(
      logGamma(r + s + j) - logGamma(r + s) - logGamma(j + 1) + j * math.log(t) + log2F1(r + s + j, b2, c, diff / (hi + t)) - (r + s + j) * math.log(hi + t),
    );
  }
  const logSum = logSumExp(terms);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: logSubExp gives −∞ when logSum ≥ logB1, so the second term is 0 without the test as well; it saves the exp
  if (!(logB1 > logSum)) return first;
  const second = math.exp(r * math.log(alpha) + s * math.log(beta) + logBeta(r + n, s + 1) - logBeta(r, s) + logSubExp(logB1, logSum));
  return first + second;
}
