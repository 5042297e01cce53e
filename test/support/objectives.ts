/**
 * Objectives small enough to follow an optimiser by hand, for the tests of
 * src/core/math/optimize.ts, and a wrapper that counts an objective's calls so that a test can
 * check the optimiser's own count of evaluations.
 */
import type { HessianObjective, Objective } from "../../src/core/math/optimize";

/** Wraps an objective so that the test knows how often it ran. */
export function counted<F extends (...args: never[]) => number>(f: F): { f: F; calls: () => number } {
  let calls = 0;
  const wrapped = ((...args: never[]) => {
    calls++;
    return f(...args);
  }) as F;
  return { f: wrapped, calls: () => calls };
}

/** (x − 3)², its gradient and Hessian 2. */
export const parabola: HessianObjective = (x, g, h) => {
  if (g) g[0] = 2 * (x[0] - 3);
  if (h) h[0] = 2;
  return (x[0] - 3) ** 2;
};

/** ½ xᵀAx − bᵀx with A positive definite: the minimum solves A x = b. */
export const A = [
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
];
export const b = [1, 2, 3];
export const quadratic3: HessianObjective = (x, g, h) => {
  let v = 0;
  for (let i = 0; i < 3; i++) {
    let ax = 0;
    for (let j = 0; j < 3; j++) {
      ax += A[i][j] * x[j];
      if (h) h[i * 3 + j] = A[i][j];
    }
    if (g) g[i] = ax - b[i];
    v += 0.5 * x[i] * ax - b[i] * x[i];
  }
  return v;
};
/** max_i |(A x − b)_i|. */
export function residual(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < 3; i++) m = Math.max(m, Math.abs(A[i][0] * x[0] + A[i][1] * x[1] + A[i][2] * x[2] - b[i]));
  return m;
}

/** e^−θ_a + θ_b²: falls for ever in θ_a (a limit model for the fit driver: a → ∞), θ_b at 0. */
export const fallingInA: Objective = (theta, grad) => {
  if (grad) {
    grad[0] = -Math.exp(-theta[0]);
    grad[1] = 2 * theta[1];
  }
  return Math.exp(-theta[0]) + theta[1] * theta[1];
};
