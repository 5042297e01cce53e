/**
 * Rosenbrock's valley (1 − u)² + 100·(v − u²)², minimum 0 at (1, 1), the optimisers' classic test
 * (Nocedal & Wright 2006, ex. 2.1; start (−1.2, 1)). Writes the gradient into `g` and the Hessian
 * (2×2, row-major) into `h` when they are given, so it serves BFGS, Newton and the fit driver.
 */
export function rosenbrock(x: Float64Array, g?: Float64Array | null, h?: Float64Array | null): number {
  const [u, v] = [x[0], x[1]];
  if (g) {
    g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
    g[1] = 200 * (v - u * u);
  }
  if (h) {
    h[0] = 2 - 400 * (v - 3 * u * u);
    h[1] = h[2] = -400 * u;
    h[3] = 200;
  }
  return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
}
