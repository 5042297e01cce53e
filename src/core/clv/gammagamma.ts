/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing Research 42(4), 415–430,
 * section "Adding monetary value"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary
 * value", brucehardie.com note 025, cited below as FH 2013).
 *
 * A customer's transaction values are Gamma(p, ν) with a customer-specific ν ~ Gamma(q, γ);
 * the mean of the x repeat transactions, z̄, is what the summary's `monetary` holds. The model
 * is fitted on repeat buyers (x > 0) only, assumes spend independent of the purchase process,
 * and needs positive spend. Parameter `v` is FH 2013's γ (lifetimes' name).
 *
 * @example
 *   const fit = gammagamma.fit({ frequency, recency, T, monetary });  // CDNOW: p 6.25, q 3.74, v 15.44
 *   gammagamma.conditionalExpectedAverageValue(fit.params, 2, 22.35);  // 24.65
 */
import { CvaError, ErrorCodes } from "../errors";
import { given } from "../i18n/errors";
import { digamma, logGamma } from "../math/special";
import { trigamma } from "../math/trigamma";
import { checkArg, checkFitOptions, type FitOptions, type FitResult } from "./data";
import { fitLogParameters, fitOutcome, meanNegativeLogLikelihood, meanNegativeLogLikelihoodHessian, WARM_START_FROM, WARM_SUBSAMPLE, warmStart } from "./fitting";
import { now, type HessianObjective } from "../math/optimize";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** Gamma-Gamma parameters: shape p of a transaction, shape q and scale v (γ) of its rate. */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** Spend input: frequency (x) and mean repeat spend (z̄) per customer, optional weights. */
export interface SpendColumns {
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

export interface GammaGammaFitOptions extends FitOptions {
  /**
   * What to do with a repeat buyer whose mean spend is 0 or negative (returns exceeding
   * purchases): "error" (default) throws OUT_OF_RANGE naming the row; "exclude" leaves the
   * customer out of the fit (the number excluded is in the result's `excluded`).
   */
  nonPositive?: "error" | "exclude";
}

export interface GammaGammaFitResult extends FitResult<GammaGammaParams> {
  /** Repeat buyers left out because their spend was not positive ("exclude" mode). */
  excluded: number;
}

/** The error for a value of row i that is not a finite number, naming its row and column. */
function notFinite(column: string, i: number, v: unknown): CvaError {
  const where = { row: i + 1, column };
  if (typeof v !== "number" || Number.isNaN(v)) return CvaError.keyed(ErrorCodes.InvalidType, "population.notNumber", { arg: column, row: i + 1, got: given(v) }, where);
  return CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: column, row: i + 1, got: v }, where);
}

/**
 * Fits Gamma-Gamma by maximum likelihood on the customers with x > 0 (rows with x = 0 carry no
 * repeat spend and are skipped). O(n) per likelihood evaluation, with one logarithm per
 * customer; the x-only terms are computed once per distinct frequency.
 * @throws CvaError OUT_OF_RANGE for spend ≤ 0 of a repeat buyer (unless `nonPositive: "exclude"`)
 *   or a non-finite value, naming the row; DEGENERATE_DATA with fewer than two repeat buyers or
 *   when all of them have the same (x, z̄).
 * @example gammagamma.fit({ frequency: [2, 1, 3], monetary: [22.35, 11.77, 40] })
 */
export function fit(summary: SpendColumns, options: GammaGammaFitOptions = {}): GammaGammaFitResult {
  const opts = checkFitOptions(options);
  const d = spendData(summary, options.nonPositive);
  const nll = meanNegativeLogLikelihood((theta, grad) => spendLogLikelihood(d, theta, grad), d.totalWeight, opts.penalizer);
  // Starts: the mean spend pγ/(q−1) equal to the sample mean at (p, q) = (2, 3) and (6, 4), then all ones.
  // Newton's method with the analytic Hessian first (a handful of passes), BFGS when it does not
  // converge inside the box; on many buyers from the optimum of a subsample of them (warmStart).
  const hessianOn = (sd: SpendData): HessianObjective =>
    meanNegativeLogLikelihoodHessian((theta, grad, hess) => spendLogLikelihoodHessian(sd, theta, grad, hess), sd.totalWeight, opts.penalizer);
  const deadline = now() + opts.timeLimitMs;
  const starts = warmStart(
    d.xz.length >= WARM_START_FROM ? subsampleSpend(d, WARM_SUBSAMPLE) : null,
    [
      [2, 3, d.meanZ],
      [6, 4, d.meanZ / 2],
      [1, 1, 1],
    ],
    hessianOn,
    { maxIterations: opts.maxIterations, deadline },
  );
  const res = fitLogParameters(nll, starts, ["p", "q", "v"], { ...opts, model: "Gamma-Gamma", newton: hessianOn(d), deadline });
  const t = res.logParams;
  const result: GammaGammaFitResult = {
    params: { p: math.exp(t[0]), q: math.exp(t[1]), v: math.exp(t[2]) },
    customers: d.totalWeight,
    groups: d.xz.length,
    excluded: d.excluded,
    // Unpenalised, the optimiser's value is the log-likelihood already (−value·W); else recomputed without the penalty.
    ...fitOutcome(res, opts.penalizer === 0 ? -res.value * d.totalWeight : spendLogLikelihood(d, t, null)),
  };
  fitSpendData.set(result, { source: summary, nonPositive: options.nonPositive ?? "error", data: d });
  return result;
}

/** The spend data each fit was read into, with the columns object and rule it came from (a weak map: kept while the fit is). */
const fitSpendData = new WeakMap<object, { source: unknown; nonPositive: string; data: SpendData }>();

/**
 * The spend data `fit` was made on, when it was made on this very columns object under the same
 * rule for non-positive spends; else undefined. Its standard errors (./uncertainty.ts) belong to
 * that data, and reading it again is most of their cost on CDNOW.
 */
export function spendDataOfFit(fit: object, source: unknown, nonPositive: "error" | "exclude" = "error"): SpendData | undefined {
  const known = fitSpendData.get(fit);
  return known !== undefined && known.source === source && known.nonPositive === nonPositive ? known.data : undefined;
}

/**
 * The repeat buyers of a spend summary as the likelihood uses them: grouped by distinct
 * frequency (numbered in order of first appearance), the buyers of frequency k at positions
 * start[k] … start[k+1] − 1, so a likelihood pass runs through each group with its sums in registers.
 */
export interface SpendData {
  /** Distinct frequencies; each buyer's index into them, weight and x·z̄ (buyers ordered by that index). */
  xVal: Float64Array;
  xIdx: Int32Array;
  w: Float64Array;
  xz: Float64Array;
  /** Where each frequency's buyers begin (length xVal.length + 1). */
  start: Int32Array;
  /** Per distinct frequency: the total weight and Σ w ln z̄. */
  wX: Float64Array;
  sLnZ: Float64Array;
  totalWeight: number;
  /** The weighted mean of z̄ (for starting points). */
  meanZ: number;
  /** Weight left out for spend ≤ 0 ("exclude" mode). */
  excluded: number;
}

/** Frequencies below this are numbered through a direct array; others (rare, or not integers) through a Map. */
const DIRECT_X = 1 << 12;

/**
 * Checks a spend summary and keeps its repeat buyers (x > 0, weight > 0) for
 * {@link spendLogLikelihood}: one pass over the rows into typed arrays, then a counting sort by
 * frequency. O(n).
 * @throws CvaError as {@link fit}.
 */
export function spendData(summary: SpendColumns, nonPositive: "error" | "exclude" = "error"): SpendData {
  const mode = nonPositive;
  const { frequency, monetary, weights } = summary;
  const n = frequency.length;
  if (monetary.length !== n) {
    throw CvaError.keyed(ErrorCodes.InconsistentData, "data.lengthMismatch", { arg: "monetary", count: monetary.length, otherArg: "frequency", otherCount: n }, { argument: "monetary" });
  }
  // One pass: check every row, keep the repeat buyers (spend, weight, frequency number) in row
  // order and number the distinct x in order of first appearance (a direct array for small
  // whole x, a Map for the rest). The buyers' arrays are sized for every row (pages never
  // written cost nothing), so the rows are read once.
  const direct = new Int32Array(DIRECT_X).fill(-1);
  const other = new Map<number, number>();
  let xs = new Float64Array(64);
  let nx = 0;
  let m = 0;
  let excluded = 0;
  const zs = new Float64Array(n), ws = new Float64Array(n), xi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const z = monetary[i];
    const w = weights ? weights[i] : 1;
    if (typeof x !== "number" || !Number.isFinite(x)) throw notFinite("frequency", i, x);
    if (x < 0) throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: i + 1, arg: "frequency", got: x }, { row: i + 1, column: "frequency" });
    if (x === 0 || w === 0) continue;
    if (typeof z !== "number" || !Number.isFinite(z)) throw notFinite("monetary", i, z);
    if (z <= 0) {
      if (mode === "exclude") {
        excluded += w;
        continue;
      }
      throw CvaError.keyed(ErrorCodes.OutOfRange, "spend.notPositiveAt", { row: i + 1, arg: "monetary", got: z }, { row: i + 1, column: "monetary" });
    }
    const small = x < DIRECT_X && (x | 0) === x;
    let k = small ? direct[x] : (other.get(x) ?? -1);
    if (k < 0) {
      k = nx++;
      if (small) direct[x] = k;
      else other.set(x, k);
      if (k >= xs.length) {
        const bigger = new Float64Array(2 * xs.length);
        bigger.set(xs);
        xs = bigger;
      }
      xs[k] = x;
    }
    zs[m] = z;
    ws[m] = w;
    xi[m++] = k;
  }
  let totalW = 0;
  for (let i = 0; i < m; i++) totalW += ws[i];
  if (m < 2 && !(m === 1 && ws[0] >= 2)) {
    throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.tooFewBuyers", { count: m });
  }
  let sameSpend = true;
  let sameFrequency = true;
  for (let i = 1; i < m; i++) {
    if (zs[i] !== zs[0]) sameSpend = false;
    if (xi[i] !== xi[0]) sameFrequency = false;
  }
  if (sameSpend) {
    // The spread of spend is not identified: with every mean spend equal, the likelihood runs to
    // p, q → ∞ and the estimates at the bound give nonsense spends (52 to 273 for a spend of 20).
    if (sameFrequency) throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.sameHistory");
    throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.sameSpend", { spend: zs[0] });
  }
  const xVal = xs.slice(0, nx);
  // Counting sort by frequency number (stable: buyers keep their order within a frequency).
  const start = new Int32Array(nx + 1);
  for (let i = 0; i < m; i++) start[xi[i] + 1]++;
  for (let k = 0; k < nx; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nx);
  const xIdx = new Int32Array(m), w = new Float64Array(m), xz = new Float64Array(m);
  const wX = new Float64Array(nx), sLnZ = new Float64Array(nx);
  let meanZ = 0;
  for (let i = 0; i < m; i++) {
    const k = xi[i], j = fill[k]++;
    xIdx[j] = k;
    w[j] = ws[i];
    xz[j] = xVal[k] * zs[i];
    wX[k] += ws[i];
    sLnZ[k] += ws[i] * math.log(zs[i]);
    meanZ += (ws[i] * zs[i]) / totalW;
  }
  return { xVal, xIdx, w, xz, start, wX, sLnZ, totalWeight: totalW, meanZ, excluded };
}

/**
 * About one in k of the buyers, for a warm start ({@link warmStart}): within each frequency
 * every buyer of weight ≥ k as they are and every k-th lighter one with k times the weight (the
 * Horvitz–Thompson estimate of the whole log-likelihood). O(n) over the buyers, a logarithm per
 * buyer kept.
 */
export function subsampleSpend(d: SpendData, k: number): SpendData {
  const nx = d.xVal.length;
  let m = 0;
  for (let i = 0; i < d.w.length; i++) if (d.w[i] >= k || i % k === 0) m++;
  const xIdx = new Int32Array(m), w = new Float64Array(m), xz = new Float64Array(m);
  const start = new Int32Array(nx + 1), wX = new Float64Array(nx), sLnZ = new Float64Array(nx);
  let j = 0, total = 0, sumZ = 0;
  for (let c = 0; c < nx; c++) {
    start[c] = j;
    const x = d.xVal[c];
    for (let i = d.start[c]; i < d.start[c + 1]; i++) {
      if (!(d.w[i] >= k || i % k === 0)) continue;
      const wi = d.w[i] >= k ? d.w[i] : k * d.w[i];
      xIdx[j] = c;
      w[j] = wi;
      xz[j] = d.xz[i];
      wX[c] += wi;
      sLnZ[c] += wi * math.log(d.xz[i] / x);
      total += wi;
      sumZ += (wi * d.xz[i]) / x;
      j++;
    }
  }
  start[nx] = j;
  return { xVal: d.xVal, xIdx, w, xz, start, wX, sLnZ, totalWeight: total, meanZ: sumZ / total, excluded: 0 };
}

/**
 * Σ w ln f(z̄ | p, q, γ, x) at θ = ln(p, q, γ), FH 2013 eq. (1a) with the x-fold mean:
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄),
 * and with `grad` its analytic gradient in θ (ψ for ln Γ). O(n), one logarithm per buyer.
 */
export function spendLogLikelihood(d: SpendData, theta: ArrayLike<number>, grad: Float64Array | null): number {
  return spendLogLikelihoodHessian(d, theta, grad, null);
}

/**
 * {@link spendLogLikelihood} with, when `hess` is given, its Hessian in θ (3×3, row-major) for
 * Newton's method (docs/models/fitting.md §16). With L, R, Q the sums over a frequency's buyers of
 * w ln(γ+xz̄), w/(γ+xz̄), w/(γ+xz̄)², W_x their weight and ψ₁ the trigamma, the second derivatives
 * in (p, q, γ) are, summed over frequencies:
 *   ∂²/∂p² = x² W_x (ψ₁(px+q) − ψ₁(px)),  ∂²/∂p∂q = x W_x ψ₁(px+q),  ∂²/∂p∂γ = −x R,
 *   ∂²/∂q² = W_x (ψ₁(px+q) − ψ₁(q)),  ∂²/∂q∂γ = W_x/γ − R,  ∂²/∂γ² = −W_x q/γ² + (px+q) Q,
 * and in θ = ln(p, q, γ): H_ij p_i p_j, plus p_i ∂/∂p_i on the diagonal. O(n), one logarithm and
 * one division per buyer.
 */
export function spendLogLikelihoodHessian(d: SpendData, theta: ArrayLike<number>, grad: Float64Array | null, hess: Float64Array | null): number {
  const { xVal, w, xz, start, wX, sLnZ } = d;
  const nx = xVal.length;
  const p = math.exp(theta[0]), q = math.exp(theta[1]), v = math.exp(theta[2]);
  const lgq = logGamma(q), lnv = math.log(v);
  const psiQ = grad ? digamma(q) : 0;
  const psi1Q = hess ? trigamma(q) : 0;
  let ll = 0, dp = 0, dq = 0, dv = 0;
  let hpp = 0, hpq = 0, hpv = 0, hqq = 0, hqv = 0, hvv = 0;
  for (let k = 0; k < nx; k++) {
    let L = 0, R = 0, Q = 0;
    const end = start[k + 1];
    if (hess) {
      for (let i = start[k]; i < end; i++) {
        const den = v + xz[i], wi = w[i], inv = 1 / den;
        L += wi * math.log(den);
        R += wi * inv;
        Q += wi * inv * inv;
      }
    } else if (grad) {
      for (let i = start[k]; i < end; i++) {
        const den = v + xz[i];
        L += w[i] * math.log(den);
        R += w[i] / den;
      }
    } else {
      for (let i = start[k]; i < end; i++) L += w[i] * math.log(v + xz[i]);
    }
    const x = xVal[k], px = p * x, lnx = math.log(x), W = wX[k];
    ll += W * (logGamma(px + q) - logGamma(px) - lgq + q * lnv + px * lnx) + (px - 1) * sLnZ[k] - (px + q) * L;
    if (grad) {
      const psiPXQ = digamma(px + q);
      dp += x * (W * (psiPXQ - digamma(px) + lnx) + sLnZ[k] - L);
      dq += W * (psiPXQ - psiQ + lnv) - L;
      dv += (W * q) / v - (px + q) * R;
    }
    if (hess) {
      const t1 = trigamma(px + q);
      hpp += x * x * W * (t1 - trigamma(px));
      hpq += x * W * t1;
      hpv -= x * R;
      hqq += W * (t1 - psi1Q);
      hqv += W / v - R;
      hvv += (-W * q) / (v * v) + (px + q) * Q;
    }
  }
  if (grad) {
    grad[0] = dp * p;
    grad[1] = dq * q;
    grad[2] = dv * v;
  }
  if (hess && grad) {
    hess[0] = hpp * p * p + grad[0];
    hess[4] = hqq * q * q + grad[1];
    hess[8] = hvv * v * v + grad[2];
    hess[1] = hess[3] = hpq * p * q;
    hess[2] = hess[6] = hpv * p * v;
    hess[5] = hess[7] = hqv * q * v;
  }
  return ll;
}

/**
 * E[M | x, z̄]: the expected mean transaction value of a customer with x repeat purchases of
 * mean z̄ (FH 2013 eq. 5):
 *   E[M | p, q, γ, x, z̄] = (p(γ + x z̄)) / (px + q − 1)
 *     = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄,
 * a weighted mean of the population mean pγ/(q−1) and the customer's own mean. For x = 0 it is
 * the population mean. O(1).
 * @throws CvaError OUT_OF_RANGE when px + q ≤ 1 (for x = 0: q ≤ 1, the population mean spend is
 *   then infinite), for x < 0, or for a non-finite z̄.
 * @example conditionalExpectedAverageValue({ p: 6.25, q: 3.74, v: 15.44 }, 2, 22.35) // 24.65
 */
export function conditionalExpectedAverageValue(params: GammaGammaParams, x: number, zbar: number): number {
  checkArg("frequency", x, 0);
  if (typeof zbar !== "number" || Number.isNaN(zbar)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notNumber", { arg: "monetary", got: given(zbar) }, { argument: "monetary" });
  }
  if (!Number.isFinite(zbar)) throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notFinite", { arg: "monetary", hint: "", got: zbar }, { argument: "monetary" });
  const { p, q, v } = params;
  const denom = p * x + q - 1;
  if (!(denom > 0)) {
    // p·x + q ≤ 1: the fitted spend distribution has no finite mean.
    throw CvaError.keyed(ErrorCodes.OutOfRange, "spend.infiniteMean", { x, q }, { argument: "q" });
  }
  return x === 0 ? (p * v) / denom : (p * (v + x * zbar)) / denom;
}

/** The population mean spend per transaction, pγ/(q − 1) (FH 2013, p. 2); throws rather than return Infinity when q ≤ 1. */
export function populationMeanValue(params: GammaGammaParams): number {
  return conditionalExpectedAverageValue(params, 0, 0);
}
