/**
 * The common maximum-likelihood driver of the customer-base models: minimise the penalised
 * mean negative log-likelihood over log-parameters by BFGS from one or more starting points,
 * falling back to a Nelder–Mead search (then a BFGS polish) when no start converges.
 * Non-convergence, estimates that run to a boundary and a stop at the iteration or time limit are
 * reported in the result (keyed messages, in both languages), never hidden.
 */
import { errorText, type ErrorKey, type ErrorParams } from "../i18n/errors";
import { minimizeBfgs, minimizeNewton, nelderMead, now, type HessianObjective, type MinimizeResult, type Objective } from "../math/optimize";
import { LOG_PARAM_BOUND, type FitResult, type GroupedRfm, type ModelProgress } from "./data";
// Module-local alias: global lookups are slow in jest's VM context.
const math = globalThis.Math;

/**
 * Adds lifetimes' L2 penalty `penalizer · Σ exp(θ_i)²` (and its gradient) to an objective over
 * log-parameters θ.
 */
export function withPenalty(f: Objective, penalizer: number): Objective {
  if (penalizer === 0) return f;
  return (theta, grad) => {
    let v = f(theta, grad);
    for (let i = 0; i < theta.length; i++) {
      const p2 = Math.exp(2 * theta[i]);
      v += penalizer * p2;
      if (grad) grad[i] += 2 * penalizer * p2;
    }
    return v;
  };
}

/**
 * The objective of a customer-base model: −(Σ_g w_g ln L_g)/W over log-parameters, with its
 * gradient, plus lifetimes' L2 penalty. `logLik` returns the total and writes its gradient.
 */
export function meanNegativeLogLikelihood(logLik: Objective, totalWeight: number, penalizer: number): Objective {
  return withPenalty((theta, grad) => {
    const v = -logLik(theta, grad) / totalWeight;
    // Stryker disable next-line EqualityOperator: a write at index grad.length is past a typed array's end, which ignores it
    if (grad) for (let i = 0; i < grad.length; i++) grad[i] = -grad[i] / totalWeight;
    return v;
  }, penalizer);
}

/**
 * {@link meanNegativeLogLikelihood} with its Hessian, for Newton's method: `logLik` returns the
 * total log-likelihood and writes its gradient and Hessian; the penalty adds 4·penalizer·e^{2θ_i}
 * to the diagonal.
 */
export function meanNegativeLogLikelihoodHessian(logLik: HessianObjective, totalWeight: number, penalizer: number): HessianObjective {
  return (theta, grad, hess) => {
    const v = -logLik(theta, grad, hess) / totalWeight;
    const k = grad.length;
    let pen = 0;
    for (let i = 0; i < k; i++) {
      // Stryker disable next-line ConditionalExpression: a shortcut (no exponential): the optimisers keep |θ| within the box's ln 1e8, where e^{2θ} is finite and 0·e^{2θ} = 0
      const p2 = penalizer === 0 ? 0 : Math.exp(2 * theta[i]);
      pen += penalizer * p2;
      grad[i] = -grad[i] / totalWeight + 2 * penalizer * p2;
      for (let j = 0; j < k; j++) hess[i * k + j] = -hess[i * k + j] / totalWeight + (i === j ? 4 * penalizer * p2 : 0);
    }
    return v + pen;
  };
}

/** Moments for starting points: the repeat-purchase rate Σwx/ΣwT (at least 1e-6) and the mean T. */
export function rateMoments(data: GroupedRfm): { rate: number; meanT: number } {
  let sx = 0, sT = 0;
  for (let g = 0; g < data.size; g++) {
    sx += data.w[g] * data.x[g];
    sT += data.w[g] * data.T[g];
  }
  return { rate: Math.max(sx / sT, 1e-6), meanT: sT / data.totalWeight };
}

/** From this many distinct histories a count model's fit first finds the optimum of a subsample of them ({@link warmStart}). */
export const WARM_START_FROM = 32_768;

/**
 * About one in k of the distinct histories, for a warm start: every history of weight ≥ k is
 * kept with its weight, of the lighter ones every k-th (by group number, which follows the
 * customers' order) with k times its weight — the Horvitz–Thompson estimate of the whole
 * log-likelihood, unbiased, with the heavy histories (one-time buyers by T) exact. The distinct
 * frequencies and times are those of `data` (some with weight 0). O(g).
 */
export function subsampleGroups(data: GroupedRfm, k: number): GroupedRfm {
  const keep = new Int32Array(data.size);
  let m = 0;
  for (let g = 0; g < data.size; g++) if (data.w[g] >= k || g % k === 0) keep[m++] = g;
  const x = new Float64Array(m), tx = new Float64Array(m), T = new Float64Array(m), w = new Float64Array(m);
  const xIndex = new Int32Array(m), txIndex = new Int32Array(m), TIndex = new Int32Array(m);
  const weightOfX = new Float64Array(data.distinctX.length);
  let totalWeight = 0;
  for (let j = 0; j < m; j++) {
    const g = keep[j];
    x[j] = data.x[g];
    tx[j] = data.tx[g];
    T[j] = data.T[g];
    w[j] = data.w[g] >= k ? data.w[g] : k * data.w[g];
    xIndex[j] = data.xIndex[g];
    txIndex[j] = data.txIndex[g];
    TIndex[j] = data.TIndex[g];
    weightOfX[xIndex[j]] += w[j];
    totalWeight += w[j];
  }
  return { x, tx, T, w, size: m, groupOf: new Int32Array(0), totalWeight, distinctX: data.distinctX, xIndex, weightOfX, distinctTimes: data.distinctTimes, txIndex, TIndex };
}

/**
 * The starting points of a fit on many histories or buyers with, first, the optimum of a
 * subsample of them (about one in {@link WARM_SUBSAMPLE}: {@link subsampleGroups}) found by
 * Newton's method from the first start (Gamma-Gamma needs none: its passes are over a few
 * thousand bins, docs/models/gammagamma.md §7): the full fit then
 * begins a few percent from its optimum and Newton's method needs 2–3 passes over all the data
 * instead of 5–8 (docs/models/fitting.md §16). The optimum itself is the full data's, as from
 * any start. `objectiveOn` gives the objective with its Hessian on the subsample. With no
 * subsample (below {@link WARM_START_FROM}), or when the subsample's fit does not converge to a
 * well-identified point, the starts unchanged.
 */
export function warmStart<D>(
  sub: D | null,
  starts: readonly (readonly number[])[],
  objectiveOn: (sub: D) => HessianObjective,
  settings: { maxIterations: number; deadline: number },
): (readonly number[])[] {
  if (sub === null) return [...starts];
  const r = minimizeNewton(objectiveOn(sub), starts[0].map(math.log), { maxIterations: settings.maxIterations, gradientTolerance: 1e-6, bound: LOG_PARAM_BOUND, deadline: settings.deadline });
  // Stryker disable next-line EqualityOperator: |θ| exactly ln 1e5 in binary: < and <= part nowhere
  for (let i = 0; i < r.x.length; i++) if (!(math.abs(r.x[i]) <= WEAK_LOG_PARAM)) return [...starts];
  if (!r.converged || !Number.isFinite(r.value)) return [...starts];
  return [Array.from(r.x, math.exp), ...starts];
}

/** The share of the histories {@link warmStart} fits first: one in this many. */
export const WARM_SUBSAMPLE = 8;

/**
 * Weight of the ridge on ln θ used when the plain fit runs to a boundary: small enough that the
 * estimate lands where the predictions match the limit model to ~1e-4 (a parameter of order
 * 1/(2·RIDGE·|ln θ|) ≈ 1e4–1e5), large enough to keep it there instead of at 1e36, where b of
 * BG/NBD cancels away every digit of eq. 10.
 */
export const BOUNDARY_RIDGE = 1e-6;

/** Progress reports of a fit come at most this often (ms). */
export const PROGRESS_INTERVAL_MS = 250;

/** Settings of {@link fitLogParameters}. */
export interface DriverSettings {
  /** The model's name, for progress reports ("BG/NBD"). */
  model: string;
  /** Iteration cap of each BFGS run (Nelder–Mead: min(4000, 20×)). */
  maxIterations: number;
  tolerance: number;
  /** Time limit over all runs, ms. */
  timeLimitMs: number;
  /** The time (on the clock of `now`) the limit ends, when the objective checks it too; default now + timeLimitMs. */
  deadline?: number;
  onProgress?: (progress: ModelProgress) => void;
  /**
   * The same objective with its analytic Hessian: Newton's method is tried first from the first
   * start, and its estimate kept when it converges inside the box; otherwise the fit goes on by
   * BFGS as without it (docs/models/fitting.md §16).
   */
  newton?: HessianObjective;
  /** Where Newton's method starts, when not at the first start (BFGS's starts are unchanged); e.g. bgnbd.ts' betaGeoMomentStart. */
  newtonStart?: readonly number[];
}

/** How a fit ended: a message (keyed, so it can be shown in the user's language) and the limit it stopped at. */
export interface DriverResult {
  logParams: Float64Array;
  /** Penalised mean negative log-likelihood at the optimum. */
  value: number;
  iterations: number;
  converged: boolean;
  /** The limit the fit stopped at, if any. */
  limit?: "time" | "iterations";
  /** Why the fit is not converged (or barely identified), as a key of i18n/errors.ts; the log-likelihood is added by {@link fitOutcome}. */
  notice?: { key: ErrorKey; params: ErrorParams };
  elapsedMs: number;
}

/** The common fields of a FitResult from the driver's result and the log-likelihood at its estimate. */
export function fitOutcome(res: DriverResult, logLikelihood: number): Pick<FitResult<unknown>, "logLikelihood" | "iterations" | "converged" | "elapsedMs" | "limit" | "message" | "messageKey" | "messageParams"> {
  const out: ReturnType<typeof fitOutcome> = {
    logLikelihood,
    iterations: res.iterations,
    converged: res.converged,
    elapsedMs: res.elapsedMs,
  };
  if (res.limit) out.limit = res.limit;
  if (res.notice) {
    const params: ErrorParams = res.limit ? { ...res.notice.params, logLik: logLikelihood.toFixed(2) } : res.notice.params;
    out.message = errorText("en-US", res.notice.key, params);
    out.messageKey = res.notice.key;
    out.messageParams = params;
  }
  return out;
}

/**
 * With `settings.newton`, Newton's method first (from `newtonStart` or the first start), its
 * estimate kept when it converges at a well-identified point; otherwise ({@link fitByBfgs}) runs
 * BFGS from each start in turn until one converges inside the box |ln θ| ≤ LOG_PARAM_BOUND;
 * keeps the best. When every start runs to the box (the likelihood keeps rising towards a limit
 * model, e.g. r, α → ∞ with r/α fixed when every customer buys at the same rate), the fit is
 * redone with a small ridge on ln θ ({@link BOUNDARY_RIDGE}) from the first start, so the
 * estimate is finite and its predictions are those of the limit model; it is reported as not
 * converged, naming the parameters. O(starts · iterations · evaluation cost), and never longer
 * than `timeLimitMs` plus one evaluation: at the time limit every run stops and the best point
 * found so far is returned, not converged, with `limit: "time"` (docs/models/fitting.md §14).
 */
export function fitLogParameters(
  objective: Objective,
  starts: readonly (readonly number[])[],
  names: readonly string[],
  settings: DriverSettings,
): DriverResult {
  // A deadline set by the model before its own preparation counts from then, so the elapsed time
  // reported at the limit is never below the limit.
  const t0 = settings.deadline !== undefined ? Math.min(now(), settings.deadline - settings.timeLimitMs) : now();
  const deadline = settings.deadline ?? t0 + settings.timeLimitMs;
  const progress: Progress = { iterations: 0, lastReport: -Infinity };
  if (!settings.newton) return fitByBfgs(objective, starts, names, settings, t0, deadline, progress, null);
  // Newton's method first. Its usual end, converged at a well-identified point, returns here:
  // the first fit in a fresh process compiles only this much of the driver
  // (docs/models/fitting.md §16); every other end goes on in fitByBfgs.
  const last = lastEvaluation(settings.newton);
  const r = minimizeNewton(last.f, (settings.newtonStart ?? starts[0]).map(Math.log), {
    maxIterations: settings.maxIterations,
    gradientTolerance: settings.tolerance,
    bound: LOG_PARAM_BOUND,
    deadline,
    onIteration: progressReporter(settings, t0, progress),
  });
  progress.iterations += r.iterations;
  // Kept when converged to a well-identified point; a point far out on a flat ridge (a limit
  // model) is left to the BFGS path, which walks such ridges to the box and treats them there.
  // Then polished by one more Newton step (from |g| below the tolerance, a step too small to carry it past 1e5).
  if (r.converged && Number.isFinite(r.value) && !farOut(r.x)) {
    return { logParams: last.polish(r.x), value: r.value, converged: true, iterations: progress.iterations, elapsedMs: now() - t0 };
  }
  return fitByBfgs(objective, starts, names, settings, t0, deadline, progress, r.reason === "time limit" ? r : null);
}

/** The iterations of a fit's runs so far and when progress was last reported. */
interface Progress {
  iterations: number;
  lastReport: number;
}

/** The optimisers' onIteration for `settings.onProgress`: the first iteration, then one every PROGRESS_INTERVAL_MS. */
function progressReporter(settings: DriverSettings, t0: number, progress: Progress): ((iterations: number) => void) | undefined {
  const { onProgress, model } = settings;
  if (!onProgress) return undefined;
  return (iterations: number): void => {
    const t = now();
    // Stryker disable next-line EqualityOperator: a report exactly 250 ms after the last, to the clock's fraction of a millisecond, is a matter of chance either way
    if (t - progress.lastReport < PROGRESS_INTERVAL_MS) return;
    progress.lastReport = t;
    onProgress({ stage: "fit", model, iterations: progress.iterations + iterations, elapsedMs: t - t0 });
  };
}

/** Any |ln θ| beyond {@link WEAK_LOG_PARAM}. */
function farOut(theta: Float64Array): boolean {
  // Stryker disable next-line EqualityOperator: |θ| exactly ln 1e5 in binary: > and >= part nowhere; at i = θ.length, |undefined| is NaN, not above it
  for (let i = 0; i < theta.length; i++) if (Math.abs(theta[i]) > WEAK_LOG_PARAM) return true;
  return false;
}

/**
 * {@link fitLogParameters} by BFGS from the starts, or at once out of time with `newtonOutOfTime`,
 * the point where Newton's method ran out of time (a run stopped by the time limit is never
 * converged, optimize.ts).
 */
function fitByBfgs(
  objective: Objective,
  starts: readonly (readonly number[])[],
  names: readonly string[],
  settings: DriverSettings,
  t0: number,
  deadline: number,
  progress: Progress,
  newtonOutOfTime: { x: Float64Array; value: number } | null,
): DriverResult {
  const { maxIterations, tolerance } = settings;
  const onIteration = progressReporter(settings, t0, progress);
  const bfgs = (f: Objective, x0: ArrayLike<number>): MinimizeResult => {
    const r = minimizeBfgs(f, x0, { maxIterations, gradientTolerance: tolerance, bound: LOG_PARAM_BOUND, deadline, onIteration });
    progress.iterations += r.iterations;
    return r;
  };
  const done = (r: Omit<DriverResult, "iterations" | "elapsedMs">): DriverResult => ({ ...r, iterations: progress.iterations, elapsedMs: now() - t0 });
  // At the time limit: the best point so far, not converged, saying where it stopped.
  const outOfTime = (b: { logParams: Float64Array; value: number }): DriverResult =>
    done({
      logParams: b.logParams,
      value: b.value,
      converged: false,
      limit: "time",
      notice: { key: "fit.timeLimit", params: { seconds: Number((settings.timeLimitMs / 1000).toPrecision(3)), iterations: progress.iterations } },
    });

  if (newtonOutOfTime) return outOfTime({ logParams: newtonOutOfTime.x, value: newtonOutOfTime.value });
  let best: { logParams: Float64Array; value: number; converged: boolean; reason: string } | null = null;
  const better = (r: MinimizeResult): boolean => best === null || (Number.isFinite(r.value) && (r.value < best.value || !Number.isFinite(best.value)));
  for (const start of starts) {
    const r = bfgs(objective, start.map(Math.log));
    if (better(r)) best = { logParams: r.x, value: r.value, converged: r.converged, reason: r.reason };
    if (r.reason === "time limit") return outOfTime(best as NonNullable<typeof best>);
    if (r.converged && !onBoundary(r.x)) break;
    // A start whose likelihood kept rising all the way to the box follows a ridge to a limit
    // model; the other starts would walk the same ridge (each costing as much again), so go
    // straight to the ridge fit below.
    if (r.reason === "boundary" && best?.logParams === r.x) break;
  }
  if (best === null) throw new Error("fitLogParameters needs at least one starting point");
  // Nelder–Mead only helps a run that stalled inside the bounds; from a boundary it would walk on.
  if (!best.converged && Number.isFinite(best.value) && !onBoundary(best.logParams)) {
    // Derivative-free search from the best point, then BFGS again to meet the gradient tolerance.
    const nm = nelderMead((x) => objective(x, null), best.logParams, { maxIterations: Math.min(4000, 20 * maxIterations), deadline, onIteration });
    progress.iterations += nm.iterations;
    if (nm.reason === "time limit") return outOfTime(nm.value < best.value ? { logParams: nm.x, value: nm.value } : best);
    const polish = bfgs(objective, nm.x);
    if (polish.value <= best.value) best = { logParams: polish.x, value: polish.value, converged: polish.converged, reason: polish.reason };
    if (polish.reason === "time limit") return outOfTime(best);
  }
  if (!Number.isFinite(best.value)) {
    return done({ logParams: best.logParams, value: best.value, converged: false, notice: { key: "fit.notFinite", params: {} } });
  }
  if (onBoundary(best.logParams)) {
    const ridge: Objective = (theta, grad) => {
      let v = objective(theta, grad);
      for (let i = 0; i < theta.length; i++) {
        v += BOUNDARY_RIDGE * theta[i] * theta[i];
        if (grad) grad[i] += 2 * BOUNDARY_RIDGE * theta[i];
      }
      return v;
    };
    const r = bfgs(ridge, starts[0].map(Math.log));
    // Out of time during the ridge fit: its estimate if it is finite and off the box (what the
    // ridge is for), else the best plain estimate.
    if (r.reason === "time limit") return outOfTime(!onBoundary(r.x) && Number.isFinite(r.value) ? { logParams: r.x, value: r.value } : best);
    // Name the parameters the ridge fit carried far (> e^6) from the start, else those on the box.
    const limit: string[] = [];
    for (let i = 0; i < r.x.length; i++) {
      const start = Math.log(starts[0][i]);
      if (Math.abs(r.x[i] - start) > 6) limit.push(`${names[i]} → ${r.x[i] > start ? "∞" : "0"}`);
    }
    if (limit.length === 0) {
      for (let i = 0; i < best.logParams.length; i++) {
        if (Math.abs(best.logParams[i]) >= LOG_PARAM_BOUND) limit.push(`${names[i]} → ${best.logParams[i] > 0 ? "∞" : "0"}`);
      }
    }
    if (!onBoundary(r.x) && Number.isFinite(r.value)) {
      return done({
        logParams: r.x,
        value: objective(r.x, null),
        converged: false,
        notice: { key: limit.length === 1 ? "fit.ridge.one" : "fit.ridge.many", params: { limits: limit.join(", ") } },
      });
    }
  }
  const atBound: string[] = [];
  for (let i = 0; i < best.logParams.length; i++) {
    if (Math.abs(best.logParams[i]) >= LOG_PARAM_BOUND) atBound.push(`${names[i]} ${Math.exp(best.logParams[i]).toPrecision(3)}`);
  }
  if (atBound.length > 0) {
    return done({
      logParams: best.logParams,
      value: best.value,
      converged: false,
      notice: { key: atBound.length === 1 ? "fit.boundary.one" : "fit.boundary.many", params: { limits: atBound.join(", ") } },
    });
  }
  if (!best.converged) {
    const stopped = best.reason === "iteration limit";
    return done({
      logParams: best.logParams,
      value: best.value,
      converged: false,
      ...(stopped ? { limit: "iterations" as const } : {}),
      notice: stopped
        ? { key: "fit.iterationLimit", params: { max: maxIterations } }
        : { key: best.reason === "non-finite" ? "fit.nonFinite" : "fit.noProgress", params: {} },
    });
  }
  // Converged, but far out on a flat ridge: the optimum is numerically there, yet the data
  // barely identify those parameters (a limit model: equal rates, no dropout, equal spend).
  const far: string[] = [];
  for (let i = 0; i < best.logParams.length; i++) {
    if (Math.abs(best.logParams[i]) > WEAK_LOG_PARAM) far.push(`${names[i]} ${Number(Math.exp(best.logParams[i]).toPrecision(3))}`);
  }
  const converged = { logParams: best.logParams, value: best.value, converged: true };
  if (far.length > 0) return done({ ...converged, notice: { key: far.length === 1 ? "fit.weak.one" : "fit.weak.many", params: { params: far.join(", ") } } });
  return done(converged);
}

/**
 * `f` remembering its last evaluation, and `polish(x)`: at the point Newton's method stopped,
 * converged, its gradient and Hessian were computed already, so one more Newton step
 * x − H⁻¹g costs no pass over the data. It takes the estimate from within the tolerance of the
 * optimum (|g| < 1e-9 leaves up to ~1e-7 relative in a flat direction, depending on the path)
 * to the optimum itself, to ~1e-12: the estimate no longer depends on where Newton's method
 * started (docs/models/fitting.md §16). The value stays f(x): the step changes it by ½gᵀH⁻¹g,
 * below its rounding. x unchanged when x is not the last point evaluated, H is not positive
 * definite, or the step is not small (any |p_i| > 1e-4).
 */
export function lastEvaluation(f: HessianObjective): { f: HessianObjective; polish: (x: Float64Array) => Float64Array } {
  let at: Float64Array | null = null, g: Float64Array | null = null, H: Float64Array | null = null;
  const remembering: HessianObjective = (theta, grad, hess) => {
    const v = f(theta, grad, hess);
    at = Float64Array.from(theta);
    g = Float64Array.from(grad);
    H = Float64Array.from(hess);
    return v;
  };
  const polish = (x: Float64Array): Float64Array => {
    const n = x.length;
    if (at === null || g === null || H === null) return x;
    for (let i = 0; i < n; i++) if (at[i] !== x[i]) return x;
    const p = choleskySolve(H, g, n);
    if (p === null) return x;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!(math.abs(p[i]) <= 1e-4)) return x;
      out[i] = x[i] - p[i];
    }
    return out;
  };
  return { f: remembering, polish };
}

/** H⁻¹g for a symmetric positive definite n×n H (row-major) by its Cholesky factor; null when H is not positive definite. O(n³). */
function choleskySolve(H: Float64Array, g: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = H[i * n + j];
      for (let k = 0; k < j; k++) sum -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i * n + i] = math.sqrt(sum);
      } else {
        L[i * n + j] = sum / L[j * n + j];
      }
    }
  }
  // L y = g, then Lᵀ p = y.
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = g[i];
    for (let k = 0; k < i; k++) v -= L[i * n + k] * p[k];
    p[i] = v / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = p[i];
    for (let k = i + 1; k < n; k++) v -= L[k * n + i] * p[k];
    p[i] = v / L[i * n + i];
  }
  return p;
}

/** |ln θ| above this (θ beyond 1e5 or below 1e-5) is flagged as barely identified; published fits are within e^±5. */
const WEAK_LOG_PARAM = Math.log(1e5);

function onBoundary(theta: Float64Array): boolean {
  for (let i = 0; i < theta.length; i++) if (Math.abs(theta[i]) >= LOG_PARAM_BOUND) return true;
  return false;
}
