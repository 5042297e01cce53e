/**
 * The common maximum-likelihood driver of the customer-base models: minimise the penalised
 * mean negative log-likelihood over log-parameters by BFGS from one or more starting points,
 * falling back to a Nelder–Mead search (then a BFGS polish) when no start converges.
 * Non-convergence and estimates that run to a boundary are reported in the result, never hidden.
 */
import { minimizeBfgs, nelderMead, type Objective } from "../math/optimize";
import { LOG_PARAM_BOUND, type GroupedRfm } from "./data";

export interface DriverResult {
  logParams: Float64Array;
  /** Penalised mean negative log-likelihood at the optimum. */
  value: number;
  iterations: number;
  converged: boolean;
  message?: string;
}

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
    if (grad) for (let i = 0; i < grad.length; i++) grad[i] = -grad[i] / totalWeight;
    return v;
  }, penalizer);
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

/**
 * Weight of the ridge on ln θ used when the plain fit runs to a boundary: small enough that the
 * estimate lands where the predictions match the limit model to ~1e-4 (a parameter of order
 * 1/(2·RIDGE·|ln θ|) ≈ 1e4–1e5), large enough to keep it there instead of at 1e36, where b of
 * BG/NBD cancels away every digit of eq. 10.
 */
export const BOUNDARY_RIDGE = 1e-6;

/**
 * Runs BFGS from each start in turn until one converges inside the box |ln θ| ≤ LOG_PARAM_BOUND;
 * keeps the best. When every start runs to the box (the likelihood keeps rising towards a limit
 * model, e.g. r, α → ∞ with r/α fixed when every customer buys at the same rate), the fit is
 * redone with a small ridge on ln θ ({@link BOUNDARY_RIDGE}) from the first start, so the
 * estimate is finite and its predictions are those of the limit model; it is reported as not
 * converged, naming the parameters. O(starts · iterations · evaluation cost).
 */
export function fitLogParameters(
  objective: Objective,
  starts: readonly (readonly number[])[],
  names: readonly string[],
  maxIterations: number,
  tolerance: number,
): DriverResult {
  let best: DriverResult | null = null;
  let totalIterations = 0;
  for (const start of starts) {
    const r = minimizeBfgs(objective, start.map(Math.log), { maxIterations, gradientTolerance: tolerance, bound: LOG_PARAM_BOUND });
    totalIterations += r.iterations;
    if (best === null || (Number.isFinite(r.value) && (r.value < best.value || !Number.isFinite(best.value)))) {
      best = { logParams: r.x, value: r.value, iterations: totalIterations, converged: r.converged, message: r.reason };
    }
    if (r.converged && !onBoundary(r.x)) break;
    // A start whose likelihood kept rising all the way to the box follows a ridge to a limit
    // model; the other starts would walk the same ridge (each costing as much again), so go
    // straight to the ridge fit below.
    if (r.reason === "boundary" && best.logParams === r.x) break;
  }
  if (best === null) throw new Error("fitLogParameters needs at least one starting point");
  best.iterations = totalIterations;
  // Nelder–Mead only helps a run that stalled inside the bounds; from a boundary it would walk on.
  if (!best.converged && Number.isFinite(best.value) && !onBoundary(best.logParams)) {
    // Derivative-free search from the best point, then BFGS again to meet the gradient tolerance.
    const nm = nelderMead((x) => objective(x, null), best.logParams, { maxIterations: Math.min(4000, 20 * maxIterations) });
    const polish = minimizeBfgs(objective, nm.x, { maxIterations, gradientTolerance: tolerance, bound: LOG_PARAM_BOUND });
    totalIterations += nm.iterations + polish.iterations;
    if (polish.value <= best.value) {
      best = { logParams: polish.x, value: polish.value, iterations: totalIterations, converged: polish.converged, message: polish.reason };
    }
    best.iterations = totalIterations;
  }
  if (!Number.isFinite(best.value)) {
    return { ...best, converged: false, message: "the log-likelihood is not finite at any starting point" };
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
    const r = minimizeBfgs(ridge, starts[0].map(Math.log), { maxIterations, gradientTolerance: tolerance, bound: LOG_PARAM_BOUND });
    totalIterations += r.iterations;
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
      return {
        logParams: r.x,
        value: objective(r.x, null),
        iterations: totalIterations,
        converged: false,
        message: `ran to a boundary (${limit.join(", ")}): the data cannot identify ${limit.length === 1 ? "it" : "them"}, so a small ridge on the log-parameters keeps the estimate finite, where the predictions are those of the limit model`,
      };
    }
  }
  const atBound: string[] = [];
  for (let i = 0; i < best.logParams.length; i++) {
    if (Math.abs(best.logParams[i]) >= LOG_PARAM_BOUND) atBound.push(`${names[i]} ${Math.exp(best.logParams[i]).toPrecision(3)}`);
  }
  if (atBound.length > 0) {
    return {
      ...best,
      converged: false,
      message: `ran to a boundary (${atBound.join(", ")}): the data cannot identify ${atBound.length === 1 ? "it" : "them"}`,
    };
  }
  if (!best.converged) {
    return { ...best, message: `the optimiser stopped without meeting its tolerance (${best.message ?? "unknown"})` };
  }
  // Converged, but far out on a flat ridge: the optimum is numerically there, yet the data
  // barely identify those parameters (a limit model: equal rates, no dropout, equal spend).
  const far: string[] = [];
  for (let i = 0; i < best.logParams.length; i++) {
    if (Math.abs(best.logParams[i]) > WEAK_LOG_PARAM) far.push(`${names[i]} ${Number(Math.exp(best.logParams[i]).toPrecision(3))}`);
  }
  if (far.length > 0) {
    return { ...best, message: `converged, but ${far.join(", ")} beyond 1e5 or below 1e-5: the data barely identify ${far.length === 1 ? "it" : "them"} (the fit is close to a limit model)` };
  }
  return { ...best, message: undefined };
}

/** |ln θ| above this (θ beyond 1e5 or below 1e-5) is flagged as barely identified; published fits are within e^±5. */
const WEAK_LOG_PARAM = Math.log(1e5);

function onBoundary(theta: Float64Array): boolean {
  for (let i = 0; i < theta.length; i++) if (Math.abs(theta[i]) >= LOG_PARAM_BOUND) return true;
  return false;
}
