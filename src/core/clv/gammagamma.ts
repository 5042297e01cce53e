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
import { checkArg, checkFitOptions, type FitOptions, type FitResult } from "./data";
import { fitLogParameters, fitOutcome, meanNegativeLogLikelihood } from "./fitting";
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
  const starts = [
    [2, 3, d.meanZ],
    [6, 4, d.meanZ / 2],
    [1, 1, 1],
  ];
  const res = fitLogParameters(nll, starts, ["p", "q", "v"], { ...opts, model: "Gamma-Gamma" });
  const t = res.logParams;
  return {
    params: { p: math.exp(t[0]), q: math.exp(t[1]), v: math.exp(t[2]) },
    customers: d.totalWeight,
    groups: d.z.length,
    excluded: d.excluded,
    ...fitOutcome(res, spendLogLikelihood(d, t, null)),
  };
}

/** The repeat buyers of a spend summary, indexed by distinct frequency, as the likelihood uses them. */
export interface SpendData {
  /** Distinct frequencies, each buyer's index into them, mean spend z̄, weight and x·z̄. */
  xVal: Float64Array;
  xIdx: Int32Array;
  z: Float64Array;
  w: Float64Array;
  xz: Float64Array;
  /** Per distinct frequency: the total weight and Σ w ln z̄. */
  wX: Float64Array;
  sLnZ: Float64Array;
  totalWeight: number;
  /** The weighted mean of z̄ (for starting points). */
  meanZ: number;
  /** Weight left out for spend ≤ 0 ("exclude" mode). */
  excluded: number;
}

/**
 * Checks a spend summary and keeps its repeat buyers (x > 0, weight > 0) for
 * {@link spendLogLikelihood}. O(n).
 * @throws CvaError as {@link fit}.
 */
export function spendData(summary: SpendColumns, nonPositive: "error" | "exclude" = "error"): SpendData {
  const mode = nonPositive;
  const n = summary.frequency.length;
  if (summary.monetary.length !== n) {
    throw CvaError.keyed(ErrorCodes.InconsistentData, "data.lengthMismatch", { arg: "monetary", count: summary.monetary.length, otherArg: "frequency", otherCount: n }, { argument: "monetary" });
  }
  // Keep the repeat buyers; index them by distinct x.
  const xs = new Map<number, number>();
  const zs: number[] = [];
  const ws: number[] = [];
  const xi: number[] = [];
  let excluded = 0;
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i];
    const z = summary.monetary[i];
    const w = summary.weights ? summary.weights[i] : 1;
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
    let k = xs.get(x);
    if (k === undefined) {
      k = xs.size;
      xs.set(x, k);
    }
    zs.push(z);
    ws.push(w);
    xi.push(k);
  }
  const m = zs.length;
  let totalW = 0;
  for (const w of ws) totalW += w;
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
  const nx = xs.size;
  const xVal = new Float64Array(nx);
  for (const [x, k] of xs) xVal[k] = x;
  const z = Float64Array.from(zs);
  const w = Float64Array.from(ws);
  const xIdx = Int32Array.from(xi);
  const xz = new Float64Array(m);
  const wX = new Float64Array(nx);
  const sLnZ = new Float64Array(nx);
  let meanZ = 0;
  for (let i = 0; i < m; i++) {
    xz[i] = xVal[xIdx[i]] * z[i];
    wX[xIdx[i]] += w[i];
    sLnZ[xIdx[i]] += w[i] * math.log(z[i]);
    meanZ += (w[i] * z[i]) / totalW;
  }
  return { xVal, xIdx, z, w, xz, wX, sLnZ, totalWeight: totalW, meanZ, excluded };
}

/**
 * Σ w ln f(z̄ | p, q, γ, x) at θ = ln(p, q, γ), FH 2013 eq. (1a) with the x-fold mean:
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄),
 * and with `grad` its analytic gradient in θ (ψ for ln Γ). O(n), one logarithm per buyer.
 */
export function spendLogLikelihood(d: SpendData, theta: ArrayLike<number>, grad: Float64Array | null): number {
  const { xVal, xIdx, w, xz, wX, sLnZ } = d;
  const nx = xVal.length, m = xz.length;
  const L = new Float64Array(nx);
  const R = new Float64Array(nx);
  const p = math.exp(theta[0]), q = math.exp(theta[1]), v = math.exp(theta[2]);
  for (let i = 0; i < m; i++) {
    const den = v + xz[i];
    L[xIdx[i]] += w[i] * math.log(den);
    if (grad) R[xIdx[i]] += w[i] / den;
  }
  const lgq = logGamma(q), lnv = math.log(v);
  const psiQ = grad ? digamma(q) : 0;
  let ll = 0, dp = 0, dq = 0, dv = 0;
  for (let k = 0; k < nx; k++) {
    const x = xVal[k], px = p * x, lnx = math.log(x);
    ll += wX[k] * (logGamma(px + q) - logGamma(px) - lgq + q * lnv + px * lnx) + (px - 1) * sLnZ[k] - (px + q) * L[k];
    if (grad) {
      const psiPXQ = digamma(px + q);
      dp += x * (wX[k] * (psiPXQ - digamma(px) + lnx) + sLnZ[k] - L[k]);
      dq += wX[k] * (psiPXQ - psiQ + lnv) - L[k];
      dv += (wX[k] * q) / v - (px + q) * R[k];
    }
  }
  if (grad) {
    grad[0] = dp * p;
    grad[1] = dq * q;
    grad[2] = dv * v;
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
