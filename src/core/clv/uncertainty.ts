/**
 * Parameter uncertainty of a fitted model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma-Gamma):
 * the covariance matrix from the observed information, standard errors and 95 % intervals
 * (docs/models/uncertainty.md).
 *
 * The observed information is the Hessian H of the negative total log-likelihood at the
 * maximum-likelihood estimate. Every fit works on log-parameters θ = ln φ, so H is taken there,
 * analytically for BG/NBD, MBG/NBD (./bgnbd-hessian.ts) and Gamma-Gamma, for BG/BB by central
 * differences of its analytic gradient (H_ij = −∂g_i/∂θ_j, step 1e-4, symmetrised), for
 * Pareto/NBD by forward differences of its analytic gradient (step 1e-6, symmetrised: k + 1
 * gradients instead of 2k, which keeps its standard errors under a fifth of its fit's time on
 * CDNOW; they agree with the central differences' to 3e-6 relative there), and Cov(θ) = H⁻¹. The delta method carries it to the parameters:
 * Cov(φ) = D Cov(θ) D with D = diag(φ), so se(φ_i) = φ_i · sqrt((H⁻¹)_ii). The 95 % interval is
 * Wald's on the parameter, φ ± 1.96 · se(φ), as Python lifetimes' `summary` reports its
 * "lower/upper 95% bound"; `ci95Log`, exp(θ ± 1.96 · se(θ)), is the interval on the log scale,
 * which never leaves the positive numbers. A fit with lifetimes' L2 penalty (FitOptions.penalizer)
 * maximised the penalised likelihood, so the penalty's Hessian, W · penalizer · 4φ_i² on the
 * diagonal (W the total weight), is added, as lifetimes does.
 *
 * When H is not positive definite (a flat likelihood, a parameter on a ridge or at its bound) or
 * the fit did not converge, no numbers are given: the result says why, keyed in both languages.
 */
import type { ErrorKey, ErrorParams } from "../i18n/errors";
import { errorText } from "../i18n/errors";
import type { Lang } from "../i18n/messages";
import { CvaError } from "../errors";
import { now } from "../math/optimize";
import { checkIdentifiable, type BgNbdParams } from "./bgnbd";
import { betaGeoLogLikelihoodHessian } from "./bgnbd-hessian";
import { bgbbLogLikelihood, bgbbRows, type BgBbData, type BgBbParams } from "./bgbb";
import { groupingOfFit, groupSummary, type GroupedRfm, type RfmInput } from "./data";
import { spendData, spendDataOfFit, spendLogLikelihoodHessian, type GammaGammaParams, type SpendColumns } from "./gammagamma";
import { countModel, type CountModelId, type CountParams } from "./models";
import { paretoLogLikelihood, type ParetoNbdParams } from "./paretonbd";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower).
const math = globalThis.Math;

/** The models whose parameter uncertainty can be computed. */
export type UncertaintyModelId = CountModelId | "bgbb" | "gammagamma";

/** z of the two-sided 95 % normal interval, as lifetimes rounds it. */
export const Z95 = 1.96;

/** Step of the central differences of the gradient, in log-parameters. */
const STEP = 1e-4;
/**
 * Step of the forward differences of the gradient, in log-parameters: the truncation error is
 * O(step) (2.5e-6 relative in Pareto/NBD's standard errors on CDNOW), the gradient's rounding
 * divided by the step far smaller (at 1e-7 the rounding starts to show, 3e-6).
 */
const FORWARD_STEP = 1e-6;

/** The parts of a fit the uncertainty reads: its estimates (by name) and how it ended. FitResult has them all. */
export interface FitLike<P extends object = object> {
  params: P;
  converged?: boolean;
  messageKey?: ErrorKey;
  messageParams?: ErrorParams;
}

/** Options: the penalty the fit used (must be the fit's own; default 0). */
export interface UncertaintyOptions {
  penalizer?: number;
}

/** Standard errors, intervals and covariance of a fit's parameters. */
export interface ParameterUncertainty {
  ok: true;
  model: UncertaintyModelId;
  /** Parameter names, the order of every matrix below. */
  names: readonly string[];
  estimates: Record<string, number>;
  /** Standard error of each parameter (delta method from the log-parameters). */
  se: Record<string, number>;
  /** Wald 95 % interval on the parameter, estimate ± 1.96 · se (lifetimes' convention; the low end may be below 0). */
  ci95: Record<string, [number, number]>;
  /** 95 % interval on the log scale, exp(ln φ ± 1.96 · se(ln φ)): always positive, asymmetric. */
  ci95Log: Record<string, [number, number]>;
  /** Covariance of the parameters, D H⁻¹ D. */
  covariance: number[][];
  /** Covariance of the log-parameters, H⁻¹. */
  logCovariance: number[][];
  /** The penalty whose Hessian is included (0: plain maximum likelihood). */
  penalizer: number;
  elapsedMs: number;
}

/** No numbers: why the uncertainty cannot be computed, keyed (i18n/error-texts/models.ts). */
export interface UncertaintyUnavailable {
  ok: false;
  model: UncertaintyModelId;
  names: readonly string[];
  messageKey: ErrorKey;
  messageParams: ErrorParams;
  /** The reason in en-US; {@link uncertaintyMessage} gives it in either language. */
  message: string;
}

export type UncertaintyResult = ParameterUncertainty | UncertaintyUnavailable;

/** The reason an uncertainty is unavailable, in the user's language ("" when it is available). */
export function uncertaintyMessage(u: UncertaintyResult, lang: Lang): string {
  return u.ok ? "" : errorText(lang, u.messageKey, u.messageParams);
}

/**
 * Uncertainty of a BG/NBD, MBG/NBD or Pareto/NBD fit on `data`, the data it was fitted to, as
 * the fit takes them or already grouped (groupSummary(data), as the fits group it: a caller that has the
 * grouping saves doing it again, a third of the time on CDNOW). Given the very summary object the fit
 * was made on, the fit's own grouping is taken (data.ts `groupingOfFit`). One pass with the analytic
 * Hessian (BG/NBD, MBG/NBD), else 5 likelihood-and-gradient evaluations (Pareto/NBD, forward
 * differences).
 * @example countModelUncertainty("bgnbd", cdnow, bgnbd.fit(cdnow)).se // { r: 0.0126, alpha: 0.378, a: 0.186, b: 0.705 }
 */
export function countModelUncertainty(id: CountModelId, data: RfmInput | GroupedRfm, fit: FitLike<CountParams | BgNbdParams | ParetoNbdParams>, options: UncertaintyOptions = {}): UncertaintyResult {
  const names = countModel(id).paramNames;
  const grouped = isGrouped(data) ? data : (groupingOfFit(fit, data) ?? groupSummary(data));
  const unidentified = identifiable(id, names, grouped);
  if (unidentified) return unidentified;
  if (id === "paretonbd") {
    return observedInformation(id, names, fit, { gradient: (theta, grad) => paretoLogLikelihood(grouped, theta, grad), differences: "forward" }, grouped.totalWeight, options);
  }
  // BG/NBD and MBG/NBD: the analytic Hessian (./bgnbd-hessian.ts), one pass instead of eight.
  const modified = id === "mbgnbd";
  return observedInformation(id, names, fit, { hessian: (theta, grad, hess) => betaGeoLogLikelihoodHessian(grouped, theta, grad, hess, modified) }, grouped.totalWeight, options);
}

/** Uncertainty of a BG/BB fit on its data (FHS 2010's likelihood, analytic gradient). */
export function bgbbUncertainty(data: BgBbData, fit: FitLike<BgBbParams | Readonly<Record<string, number>>>, options: UncertaintyOptions = {}): UncertaintyResult {
  const rows = bgbbRows(data);
  let W = 0;
  for (let i = 0; i < rows.w.length; i++) W += rows.w[i];
  return observedInformation("bgbb", ["alpha", "beta", "gamma", "delta"], fit, { gradient: (theta, grad) => bgbbLogLikelihood(rows, theta, grad) }, W, options);
}

/** Uncertainty of a Gamma-Gamma fit on its data (the repeat buyers, as the fit keeps them). */
export function gammaGammaUncertainty(
  data: SpendColumns,
  fit: FitLike<GammaGammaParams | Readonly<Record<string, number>>>,
  options: UncertaintyOptions & { nonPositive?: "error" | "exclude" } = {},
): UncertaintyResult {
  const d = spendDataOfFit(fit, data, options.nonPositive) ?? spendData(data, options.nonPositive);
  // The analytic Hessian (spendLogLikelihoodHessian): one pass instead of six.
  return observedInformation("gammagamma", ["p", "q", "v"], fit, { hessian: (theta, grad, hess) => spendLogLikelihoodHessian(d, theta, grad, hess) }, d.totalWeight, options);
}

/** Grouped histories (groupSummary) carry the index of each frequency; a summary's columns or rows never do. */
function isGrouped(data: RfmInput | GroupedRfm): data is GroupedRfm {
  return "xIndex" in data;
}

/** Data no fit can identify (nobody repeats, one history): the reason, else null. */
function identifiable(model: UncertaintyModelId, names: readonly string[], data: GroupedRfm): UncertaintyUnavailable | null {
  try {
    checkIdentifiable(data, model);
    return null;
  } catch (e) {
    if (e instanceof CvaError && e.key === "fit.sameHistory") return unavailable(model, names, "uncertainty.sameHistory", {});
    if (e instanceof CvaError && e.key === "fit.nobodyRepeats") return unavailable(model, names, "uncertainty.nobodyRepeats", {});
    throw e;
  }
}

function unavailable(model: UncertaintyModelId, names: readonly string[], key: ErrorKey, params: ErrorParams): UncertaintyUnavailable {
  return { ok: false, model, names, messageKey: key, messageParams: params, message: errorText("en-US", key, params) };
}

/** A log-likelihood's value at θ, its gradient written into `grad`. */
export type LogLikelihoodGradient = (theta: ArrayLike<number>, grad: Float64Array) => number;

/**
 * How the curvature at the estimate is had: the model's analytic Hessian of the total
 * log-likelihood (written row-major into `hess`, with the gradient into `grad`), or differences of
 * its analytic gradient, central (2k gradients for k parameters; the default) or forward (k + 1
 * gradients, O(step) error).
 */
export type Curvature =
  | { hessian: (theta: ArrayLike<number>, grad: Float64Array, hess: Float64Array) => number }
  | { gradient: LogLikelihoodGradient; differences?: "central" | "forward" };

/**
 * The common computation: H = −∂g/∂θ by `curvature`, the penalty's Hessian, a Cholesky factor of
 * H scaled to unit diagonal (a pivot below 1e-10 is a flat direction), H⁻¹ and the delta method.
 */
export function observedInformation(
  model: UncertaintyModelId,
  names: readonly string[],
  fit: FitLike,
  curvature: Curvature,
  totalWeight: number,
  options: UncertaintyOptions = {},
): UncertaintyResult {
  const t0 = now();
  const key = fit.messageKey;
  if (key && (key.startsWith("fit.ridge") || key.startsWith("fit.boundary"))) {
    return unavailable(model, names, "uncertainty.atBound", { limits: String(fit.messageParams?.limits ?? "") });
  }
  if (fit.converged === false) return unavailable(model, names, "uncertainty.notConverged", {});
  const k = names.length;
  const params = fit.params as Readonly<Record<string, number>>;
  const phi = names.map((n) => params[n]);
  const theta = Float64Array.from(phi, (v) => math.log(v));
  const penalizer = options.penalizer ?? 0;
  // H of the negative total log-likelihood in θ.
  const H: number[][] = [];
  const gp = new Float64Array(k), gm = new Float64Array(k);
  const x = Float64Array.from(theta);
  if ("hessian" in curvature) {
    const hess = new Float64Array(k * k);
    curvature.hessian(theta, gp, hess);
    for (let i = 0; i < k; i++) H.push(Array.from({ length: k }, (_, j) => -hess[i * k + j]));
  } else if (curvature.differences === "forward") {
    // Row j from the gradients at θ and θ + h e_j.
    const logLik = curvature.gradient;
    logLik(theta, gm);
    for (let j = 0; j < k; j++) {
      x[j] = theta[j] + FORWARD_STEP;
      logLik(x, gp);
      x[j] = theta[j];
      H.push(Array.from({ length: k }, (_, i) => -(gp[i] - gm[i]) / FORWARD_STEP));
    }
  } else {
    // Row j from the gradients at θ ± h e_j.
    const logLik = curvature.gradient;
    for (let j = 0; j < k; j++) {
      x[j] = theta[j] + STEP;
      logLik(x, gp);
      x[j] = theta[j] - STEP;
      logLik(x, gm);
      x[j] = theta[j];
      H.push(Array.from({ length: k }, (_, i) => -(gp[i] - gm[i]) / (2 * STEP)));
    }
  }
  for (let i = 0; i < k; i++) {
    // Differences give an H a little off symmetric: it is averaged with its transpose.
    for (let j = i + 1; j < k; j++) H[i][j] = H[j][i] = (H[i][j] + H[j][i]) / 2;
    // d²/dθ² of W · penalizer · e^{2θ}.
    H[i][i] += 4 * totalWeight * penalizer * phi[i] * phi[i];
  }
  for (const row of H) for (const v of row) if (!Number.isFinite(v)) return unavailable(model, names, "uncertainty.notFinite", {});
  // Scaled to unit diagonal, C = S H S with S = diag(1/√H_ii), so that the pivot's bound does not
  // depend on the parameters' scale; Cholesky C = L Lᵀ (row-major). A diagonal H_ii ≤ 0 makes
  // row i's pivot NaN, so the factor stops at the first parameter along which H is not positive.
  const s = H.map((row, i) => 1 / math.sqrt(row[i]));
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = H[i][j] * s[i] * s[j];
      for (let m = 0; m < j; m++) sum -= L[i * k + m] * L[j * k + m];
      if (i === j) {
        if (!(sum > 1e-10)) return unavailable(model, names, "uncertainty.flat", { param: names[i] });
        L[i * k + i] = math.sqrt(sum);
      } else {
        L[i * k + j] = sum / L[j * k + j];
      }
    }
  }
  // C⁻¹ column by column from L (forward, then back substitution), H⁻¹ = S C⁻¹ S, averaged with
  // its transpose (which it equals but for rounding).
  const inv = new Float64Array(k * k), y = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < k; i++) {
      let v = i === c ? 1 : 0;
      for (let m = 0; m < i; m++) v -= L[i * k + m] * y[m];
      y[i] = v / L[i * k + i];
    }
    for (let i = k - 1; i >= 0; i--) {
      let v = y[i];
      for (let m = i + 1; m < k; m++) v -= L[m * k + i] * y[m];
      y[i] = v / L[i * k + i];
    }
    for (let i = 0; i < k; i++) inv[i * k + c] = y[i] * s[i] * s[c];
  }
  const logCov = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => (inv[i * k + j] + inv[j * k + i]) / 2));
  // Multiplied in the same order at (i, j) and (j, i), so the matrix stays exactly symmetric; one
  // factor at a time, so that φ_i φ_j past the largest double does not overflow a finite product.
  const covariance = logCov.map((row, i) => row.map((v, j) => v * phi[math.min(i, j)] * phi[math.max(i, j)]));
  // Nothing infinite: |Cov_ij| ≤ se_i · se_j overflows with estimates past about 1e154, and the
  // upper log-bound e^{θ + 1.96·se(θ)} with a wide interval. That bound is at least
  // φ (1 + 1.96·se(θ)), so when it is finite, so are the estimate's se and its Wald interval.
  for (const row of covariance) for (const v of row) if (!Number.isFinite(v)) return unavailable(model, names, "uncertainty.notFinite", {});
  const estimates: Record<string, number> = {}, se: Record<string, number> = {};
  const ci95: Record<string, [number, number]> = {}, ci95Log: Record<string, [number, number]> = {};
  for (let i = 0; i < k; i++) {
    const seLog = math.sqrt(logCov[i][i]);
    const e = phi[i] * seLog;
    if (!Number.isFinite(math.exp(theta[i] + Z95 * seLog))) return unavailable(model, names, "uncertainty.notFinite", {});
    estimates[names[i]] = phi[i];
    se[names[i]] = e;
    ci95[names[i]] = [phi[i] - Z95 * e, phi[i] + Z95 * e];
    ci95Log[names[i]] = [math.exp(theta[i] - Z95 * seLog), math.exp(theta[i] + Z95 * seLog)];
  }
  return { ok: true, model, names, estimates, se, ci95, ci95Log, covariance, logCovariance: logCov, penalizer, elapsedMs: now() - t0 };
}
