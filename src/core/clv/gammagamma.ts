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
import { checkArg, checkFitOptions, type FitOptions, type FitResult } from "./data";
import { fitLogParameters, fitOutcome, meanNegativeLogLikelihood, meanNegativeLogLikelihoodHessian } from "./fitting";
import { spendData, spendLogLikelihood, spendLogLikelihoodHessian, type SpendColumns, type SpendData } from "./gammagamma-likelihood";
import { now } from "../math/optimize";
// Module-local alias: global lookups are slow in jest's VM context. Lower case: a module-level
// `const Math` would shadow the global that mutation-testing instrumentation reads first.
const math = globalThis.Math;

export { spendData, spendLogLikelihood, spendLogLikelihoodHessian, type SpendColumns, type SpendData };

/** Gamma-Gamma parameters: shape p of a transaction, shape q and scale v (γ) of its rate. */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
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

/**
 * Fits Gamma-Gamma by maximum likelihood on the customers with x > 0 (rows with x = 0 carry no
 * repeat spend and are skipped). The summary is read once (O(n), no logarithm per buyer) into
 * narrow bins of x·z̄ with the moments of the values in each; a likelihood evaluation then costs
 * a logarithm and a division per bin and the x-only terms once per distinct frequency
 * (./gammagamma-likelihood.ts).
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
  // Newton's method with the analytic Hessian first (a pass costs a logarithm and a division per
  // bin: 2,555 bins for the 350,498 buyers of the million-customer bench), BFGS when it does not
  // converge inside the box.
  const newton = meanNegativeLogLikelihoodHessian((theta, grad, hess) => spendLogLikelihoodHessian(d, theta, grad, hess), d.totalWeight, opts.penalizer);
  const starts = [
    [2, 3, d.meanZ],
    // The later starts are tried only when an earlier one stops short inside the box; they change how fast the fit converges, not where.
    // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: as above
    [6, 4, d.meanZ / 2],
    // Stryker disable next-line ArrayDeclaration: as above
    [1, 1, 1],
  ];
  const res = fitLogParameters(nll, starts, ["p", "q", "v"], { ...opts, model: "Gamma-Gamma", newton, deadline: now() + opts.timeLimitMs });
  const t = res.logParams;
  const result: GammaGammaFitResult = {
    params: { p: math.exp(t[0]), q: math.exp(t[1]), v: math.exp(t[2]) },
    customers: d.totalWeight,
    groups: d.centre.length,
    excluded: d.excluded,
    // Unpenalised, the optimiser's value is the log-likelihood already (−value·W); else recomputed without the penalty.
    // Stryker disable next-line ConditionalExpression: recomputing it unpenalised gives the same value to rounding, only slower
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
  // Stryker disable next-line ConditionalExpression: x = 0 is a shortcut (γ + 0·z̄ = γ for the finite z̄ checked above)
  return x === 0 ? (p * v) / denom : (p * (v + x * zbar)) / denom;
}

/** The population mean spend per transaction, pγ/(q − 1) (FH 2013, p. 2); throws rather than return Infinity when q ≤ 1. */
export function populationMeanValue(params: GammaGammaParams): number {
  return conditionalExpectedAverageValue(params, 0, 0);
}
