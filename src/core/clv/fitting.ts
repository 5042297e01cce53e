/**
 * The common maximum-likelihood driver of the customer-base models: minimise the penalised
 * mean negative log-likelihood over log-parameters by BFGS from one or more starting points,
 * falling back to a Nelder–Mead search (then a BFGS polish) when no start converges.
 * Non-convergence and estimates that run to a boundary are reported in the result, never hidden.
 */
import { minimizeBfgs, nelderMead, type Objective } from "../math/optimize";
import { LOG_PARAM_BOUND } from "./data";

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
 * Runs BFGS from each start in turn until one converges; keeps the best. O(starts · iterations ·
 * evaluation cost).
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
    const r = minimizeBfgs(objective, start.map(Math.log), { maxIterations, gradientTolerance: tolerance });
    totalIterations += r.iterations;
    if (best === null || (Number.isFinite(r.value) && (r.value < best.value || !Number.isFinite(best.value)))) {
      best = { logParams: r.x, value: r.value, iterations: totalIterations, converged: r.converged, message: r.reason };
    }
    if (r.converged && !onBoundary(r.x)) break;
  }
  if (best === null) throw new Error("fitLogParameters needs at least one starting point");
  best.iterations = totalIterations;
  if (!best.converged && Number.isFinite(best.value)) {
    // Derivative-free search from the best point, then BFGS again to meet the gradient tolerance.
    const nm = nelderMead((x) => objective(x, null), best.logParams, { maxIterations: Math.min(4000, 20 * maxIterations) });
    const polish = minimizeBfgs(objective, nm.x, { maxIterations, gradientTolerance: tolerance });
    totalIterations += nm.iterations + polish.iterations;
    if (polish.value <= best.value) {
      best = { logParams: polish.x, value: polish.value, iterations: totalIterations, converged: polish.converged, message: polish.reason };
    }
    best.iterations = totalIterations;
  }
  if (!Number.isFinite(best.value)) {
    return { ...best, converged: false, message: "the log-likelihood is not finite at any starting point" };
  }
  for (let i = 0; i < best.logParams.length; i++) {
    if (Math.abs(best.logParams[i]) > LOG_PARAM_BOUND) {
      return {
        ...best,
        converged: false,
        message: `${names[i]} ran to a boundary (${Math.exp(best.logParams[i]).toPrecision(3)}): the data cannot identify it`,
      };
    }
  }
  if (!best.converged) {
    return { ...best, message: `the optimiser stopped without meeting its tolerance (${best.message ?? "unknown"})` };
  }
  return { ...best, message: undefined };
}

function onBoundary(theta: Float64Array): boolean {
  for (let i = 0; i < theta.length; i++) if (Math.abs(theta[i]) > LOG_PARAM_BOUND) return true;
  return false;
}
