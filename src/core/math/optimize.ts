/**
 * Unconstrained minimisation for maximum-likelihood fits: BFGS with a backtracking Armijo
 * line search (Nocedal & Wright 2006, "Numerical Optimization", Algorithm 6.1 and 3.1), and a
 * Nelder–Mead simplex (Nelder & Mead 1965; Lagarias et al. 1998 coefficients) as fallback when
 * the objective has no usable gradient. The models optimise over log-parameters, so every
 * parameter stays positive without constraints.
 *
 * Cost: O(iterations · (evaluation + n²)) for BFGS, n the number of parameters (4 here). Both
 * stop at an iteration cap and, when given a `deadline`, at a time limit checked after every
 * evaluation (docs/models/fitting.md §14), so a fit on data that do not identify the model cannot
 * run for minutes.
 */
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** Milliseconds on a monotonic clock (performance.now where there is one), for time limits. */
export function now(): number {
  // The core compiles without DOM or Node types; every host CVA runs in (Office's webviews, Node) has performance.now.
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf && typeof perf.now === "function" ? perf.now() : Date.now();
}

/** Objective: returns f(x) and, when `grad` is given, writes ∇f(x) into it. */
export type Objective = (x: Float64Array, grad: Float64Array | null) => number;

export interface MinimizeOptions {
  /** Stop when max |∂f/∂x_i| falls below this; default 1e-9. */
  gradientTolerance?: number;
  /** Iteration cap; default 500. */
  maxIterations?: number;
  /** Stop (not converged, reason "boundary") once any |x_i| exceeds this, with x put on the bound; default none. */
  bound?: number;
  /**
   * Stop (not converged, reason "time limit") once {@link now} passes this, with the best point so
   * far; checked after every evaluation, so one evaluation may overshoot it. Default none.
   */
  deadline?: number;
  /** Called after every iteration with the iterations so far and f, for progress reports. */
  onIteration?: (iterations: number, value: number) => void;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** Function evaluations, line-search trials included. */
  evaluations: number;
  converged: boolean;
  /** Why the run stopped, for messages: "gradient", "no progress", "iteration limit", "time limit", "non-finite", "boundary". */
  reason: string;
}

/**
 * Minimises `f` from `x0` by BFGS (inverse-Hessian update) with analytic gradients.
 * Converges when the gradient's largest component is below `gradientTolerance`; also stops,
 * reported as converged only if the gradient is small (≤ 1e3 × tolerance), when no step
 * reduces f any more (the objective's floating-point floor).
 * @example
 *   const r = minimizeBfgs((x, g) => { if (g) { g[0] = 2 * (x[0] - 3); } return (x[0] - 3) ** 2; }, [0]);
 *   // r.x[0] ≈ 3, r.converged === true
 */
export function minimizeBfgs(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const tol = options.gradientTolerance ?? 1e-9;
  const maxIter = options.maxIterations ?? 500;
  const bound = options.bound ?? Infinity;
  const deadline = options.deadline ?? Infinity;
  const onIteration = options.onIteration;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let evaluations = 1;
  if (!Number.isFinite(fx) || !allFinite(g)) {
    // An objective that checks the deadline itself gives up with NaN once the time is up.
    return { x, value: fx, iterations: 0, evaluations, converged: false, reason: now() > deadline ? "time limit" : "non-finite" };
  }
  const H = identity(n);
  const p = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let firstStep = true;
  for (let iter = 1; iter <= maxIter; iter++) {
    if (maxAbs(g) < tol) return { x, value: fx, iterations: iter - 1, evaluations, converged: true, reason: "gradient" };
    // p = −H g
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc -= H[i * n + j] * g[j];
      p[i] = acc;
    }
    let slope = dot(p, g);
    if (!(slope < 0)) {
      // Not a descent direction (H lost positive definiteness): reset to steepest descent.
      resetIdentity(H, n);
      for (let i = 0; i < n; i++) p[i] = -g[i];
      slope = dot(p, g);
    }
    // First step: keep the move in log-parameter space modest (at most 1 in any coordinate).
    let step = 1;
    if (firstStep) {
      const m = maxAbs(p);
      if (m > 1) step = 1 / m;
      firstStep = false;
    }
    let fNew = Infinity;
    let accepted = false;
    let outOfTime = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * p[i];
      fNew = f(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && allFinite(gNew) && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      if (now() > deadline) {
        outOfTime = true;
        break;
      }
      step *= Number.isFinite(fNew) ? 0.5 : 0.1;
    }
    if (outOfTime) {
      // The last accepted point is the best so far (every accepted step lowers f).
      return { x, value: fx, iterations: iter - 1, evaluations, converged: false, reason: "time limit" };
    }
    if (!accepted) {
      const small = maxAbs(g) < tol * 1e3;
      return { x, value: fx, iterations: iter, evaluations, converged: small, reason: "no progress" };
    }
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
    }
    if (iter === 1 && sy > 0) {
      // Scale the initial inverse Hessian (Nocedal & Wright eq. 6.20).
      const scale = sy / dot(y, y);
      resetIdentity(H, n, scale);
    }
    if (sy > 1e-12 * math.sqrt(dot(s, s) * dot(y, y))) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs)   (Nocedal & Wright eq. 6.17)
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += H[i * n + j] * y[j];
        Hy[i] = acc;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (s[i] * Hy[j] + Hy[i] * s[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    const fOld = fx;
    fx = fNew;
    // A coordinate running off to ±∞ (the supremum is not attained inside the box): put it on
    // the bound and stop, so the caller can fix it there and optimise the others.
    if (maxAbs(x) > bound) {
      for (let i = 0; i < n; i++) x[i] = math.max(-bound, math.min(bound, x[i]));
      const fb = f(x, g);
      evaluations++;
      return { x, value: fb, iterations: iter, evaluations, converged: false, reason: "boundary" };
    }
    if (fOld - fx <= 1e-15 * math.max(1, math.abs(fx)) && maxAbs(g) < tol * 1e3) {
      return { x, value: fx, iterations: iter, evaluations, converged: true, reason: "gradient" };
    }
    if (onIteration) onIteration(iter, fx);
    if (now() > deadline && iter < maxIter && !(maxAbs(g) < tol)) {
      return { x, value: fx, iterations: iter, evaluations, converged: false, reason: "time limit" };
    }
  }
  return { x, value: fx, iterations: maxIter, evaluations, converged: maxAbs(g) < tol, reason: "iteration limit" };
}

/** Objective with its Hessian: returns f(x), writes ∇f(x) into `grad` and ∇²f(x) (n×n, row-major) into `hess`. */
export type HessianObjective = (x: Float64Array, grad: Float64Array, hess: Float64Array) => number;

/**
 * Minimises `f` from `x0` by Newton's method with the analytic Hessian (Nocedal & Wright 2006,
 * §3.4): the step solves (H + μI) p = −∇f by Cholesky, μ = 0 when H is positive definite, else
 * raised from 1e-8 × max|H_ii| by tenfolds until it is (a Levenberg–Marquardt shift); no component
 * of a step exceeds `maxStep` (default 2, in log-parameters); a backtracking Armijo line search
 * keeps every step a descent. Near the optimum the full step is taken and convergence is
 * quadratic, so a fit takes a handful of iterations where BFGS takes 20–40. Stops and reports as
 * {@link minimizeBfgs} does (gradient, no progress, iteration and time limits, boundary).
 * @example
 *   minimizeNewton((x, g, h) => { g[0] = 2 * (x[0] - 3); h[0] = 2; return (x[0] - 3) ** 2; }, [0]).x[0] // 3
 */
export function minimizeNewton(f: HessianObjective, x0: ArrayLike<number>, options: MinimizeOptions & { maxStep?: number } = {}): MinimizeResult {
  const n = x0.length;
  const tol = options.gradientTolerance ?? 1e-9;
  const maxIter = options.maxIterations ?? 500;
  const bound = options.bound ?? Infinity;
  const deadline = options.deadline ?? Infinity;
  const maxStep = options.maxStep ?? 2;
  const onIteration = options.onIteration;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n), H = new Float64Array(n * n);
  let xNew = new Float64Array(n), gNew = new Float64Array(n), HNew = new Float64Array(n * n);
  const p = new Float64Array(n), L = new Float64Array(n * n);
  let fx = f(x, g, H);
  let evaluations = 1;
  if (!Number.isFinite(fx) || !allFinite(g) || !allFinite(H)) {
    return { x, value: fx, iterations: 0, evaluations, converged: false, reason: now() > deadline ? "time limit" : "non-finite" };
  }
  for (let iter = 1; iter <= maxIter; iter++) {
    if (maxAbs(g) < tol) return { x, value: fx, iterations: iter - 1, evaluations, converged: true, reason: "gradient" };
    newtonStep(H, g, n, L, p);
    const m = maxAbs(p);
    if (m > maxStep) for (let i = 0; i < n; i++) p[i] *= maxStep / m;
    const slope = dot(p, g);
    let step = 1;
    let fNew = Infinity;
    let accepted = false;
    let outOfTime = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * p[i];
      fNew = f(xNew, gNew, HNew);
      evaluations++;
      if (Number.isFinite(fNew) && allFinite(gNew) && allFinite(HNew) && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      // The full step fails, but the gradient is small and the decrease it predicts, −gᵀp, is
      // below what f resolves (a sum of a million terms carries rounding of about 1e-15
      // relative): f cannot judge the step, while the quadratic model it comes from is exact
      // this close to the optimum. Take it (halving it would chase rounding for up to 60 passes);
      // f then does not decrease and the test below ends the run, converged, at the step's point.
      if (k === 0 && Number.isFinite(fNew) && allFinite(gNew) && allFinite(HNew) && -slope <= NOISE_DECREASE * math.max(1, math.abs(fx)) && maxAbs(g) < tol * 1e3) {
        accepted = true;
        break;
      }
      if (now() > deadline) {
        outOfTime = true;
        break;
      }
      step *= Number.isFinite(fNew) ? 0.5 : 0.1;
    }
    if (outOfTime) return { x, value: fx, iterations: iter - 1, evaluations, converged: false, reason: "time limit" };
    if (!accepted) return { x, value: fx, iterations: iter, evaluations, converged: maxAbs(g) < tol * 1e3, reason: "no progress" };
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    [H, HNew] = [HNew, H];
    const fOld = fx;
    fx = fNew;
    if (maxAbs(x) > bound) {
      for (let i = 0; i < n; i++) x[i] = math.max(-bound, math.min(bound, x[i]));
      const fb = f(x, g, H);
      evaluations++;
      return { x, value: fb, iterations: iter, evaluations, converged: false, reason: "boundary" };
    }
    if (fOld - fx <= 1e-15 * math.max(1, math.abs(fx)) && maxAbs(g) < tol * 1e3) {
      return { x, value: fx, iterations: iter, evaluations, converged: true, reason: "gradient" };
    }
    if (onIteration) onIteration(iter, fx);
    if (now() > deadline && iter < maxIter && !(maxAbs(g) < tol)) {
      return { x, value: fx, iterations: iter, evaluations, converged: false, reason: "time limit" };
    }
  }
  return { x, value: fx, iterations: maxIter, evaluations, converged: maxAbs(g) < tol, reason: "iteration limit" };
}

/** A Newton step predicting a decrease below this share of |f| (at least 1) cannot be told from rounding ({@link minimizeNewton}). */
const NOISE_DECREASE = 1e-13;

/**
 * The Newton direction p = −(H + μI)⁻¹ g into `p`, with the smallest shift μ ∈ {0, 1e-8·s,
 * 1e-7·s, …} (s = max |H_ii|, at least 1) for which H + μI has a Cholesky factor (into `L`);
 * steepest descent −g if none up to 1e8·s does.
 */
function newtonStep(H: Float64Array, g: Float64Array, n: number, L: Float64Array, p: Float64Array): void {
  let scale = 1;
  for (let i = 0; i < n; i++) scale = math.max(scale, math.abs(H[i * n + i]));
  for (let mu = 0; mu <= 1e8 * scale; mu = mu === 0 ? 1e-8 * scale : mu * 10) {
    if (!cholesky(H, n, mu, L)) continue;
    // L y = −g, then Lᵀ p = y.
    for (let i = 0; i < n; i++) {
      let v = -g[i];
      for (let k = 0; k < i; k++) v -= L[i * n + k] * p[k];
      p[i] = v / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let v = p[i];
      for (let k = i + 1; k < n; k++) v -= L[k * n + i] * p[k];
      p[i] = v / L[i * n + i];
    }
    return;
  }
  for (let i = 0; i < n; i++) p[i] = -g[i];
}

/** Cholesky factor L (lower, row-major) of H + μI; false when it is not positive definite. */
function cholesky(H: Float64Array, n: number, mu: number, L: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = H[i * n + j] + (i === j ? mu : 0);
      for (let k = 0; k < j; k++) sum -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return false;
        L[i * n + i] = math.sqrt(sum);
      } else {
        L[i * n + j] = sum / L[j * n + j];
      }
    }
  }
  return true;
}

/**
 * Central-difference gradient of `f` at `x` (step h per coordinate, default 1e-5), for
 * objectives without an analytic gradient (BG/BB's, through {@link withNumericalGradient}; the
 * tests also check analytic gradients against it). 2n evaluations.
 * @example numericalGradient((x) => x[0] * x[0], [3]) // ≈ [6]
 */
export function numericalGradient(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(x.length),
  h = 1e-5,
): Float64Array {
  const xp = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const xi = xp[i];
    xp[i] = xi + h;
    const fp = f(xp);
    xp[i] = xi - h;
    const fm = f(xp);
    xp[i] = xi;
    out[i] = (fp - fm) / (2 * h);
  }
  return out;
}

/** Wraps a value-only function as an {@link Objective} with central-difference gradients. */
export function withNumericalGradient(f: (x: Float64Array) => number, h = 1e-5): Objective {
  return (x, grad) => {
    const v = f(x);
    if (grad && Number.isFinite(v)) numericalGradient(f, x, grad, h);
    return v;
  };
}

/**
 * Nelder–Mead simplex minimisation (no gradients). Converges when the simplex's spread in f
 * falls below `tolerance` (default 1e-10) and its size below 1e-8; O(iterations · n) evaluations.
 * Stops at `maxIterations` or, checked once an iteration, at `deadline` (on the clock of {@link now}).
 * @example nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, [0, 0]).x // ≈ [1, −2]
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: { tolerance?: number; maxIterations?: number; initialStep?: number; deadline?: number; onIteration?: (iterations: number, value: number) => void } = {},
): MinimizeResult {
  const n = x0.length;
  const tol = options.tolerance ?? 1e-10;
  const maxIter = options.maxIterations ?? 5000;
  const deadline = options.deadline ?? Infinity;
  const onIteration = options.onIteration;
  const step = options.initialStep ?? 0.5;
  const pts: Float64Array[] = [];
  const vals: number[] = [];
  let evaluations = 0;
  const evalAt = (p: Float64Array): number => {
    evaluations++;
    const v = f(p);
    return Number.isFinite(v) ? v : Infinity;
  };
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] += step;
    pts.push(p);
    vals.push(evalAt(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (coef: number, worst: Float64Array): Float64Array => {
    const p = new Float64Array(n);
    for (let j = 0; j < n; j++) p[j] = centroid[j] + coef * (worst[j] - centroid[j]);
    return p;
  };
  let iter = 0;
  for (; iter < maxIter; iter++) {
    order.sort((i, j) => vals[i] - vals[j]);
    if (iter > 0 && onIteration) onIteration(iter, vals[order[0]]);
    if (now() > deadline) {
      return { x: pts[order[0]], value: vals[order[0]], iterations: iter, evaluations, converged: false, reason: "time limit" };
    }
    const best = order[0];
    const worst = order[n];
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = math.max(size, math.abs(pts[order[i]][j] - pts[best][j]));
    if (math.abs(vals[worst] - vals[best]) <= tol * math.max(1, math.abs(vals[best])) && size < 1e-8) {
      return { x: pts[best], value: vals[best], iterations: iter, evaluations, converged: true, reason: "simplex" };
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[order[i]][j] / n;
    const xr = trial(-1, pts[worst]);
    const fr = evalAt(xr);
    if (fr < vals[best]) {
      const xe = trial(-2, pts[worst]);
      const fe = evalAt(xe);
      if (fe < fr) {
        pts[worst] = xe;
        vals[worst] = fe;
      } else {
        pts[worst] = xr;
        vals[worst] = fr;
      }
    } else if (fr < vals[order[n - 1]]) {
      pts[worst] = xr;
      vals[worst] = fr;
    } else {
      const xc = fr < vals[worst] ? trial(-0.5, pts[worst]) : trial(0.5, pts[worst]);
      const fc = evalAt(xc);
      if (fc < math.min(fr, vals[worst])) {
        pts[worst] = xc;
        vals[worst] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          const k = order[i];
          for (let j = 0; j < n; j++) pts[k][j] = pts[best][j] + 0.5 * (pts[k][j] - pts[best][j]);
          vals[k] = evalAt(pts[k]);
        }
      }
    }
  }
  order.sort((i, j) => vals[i] - vals[j]);
  return { x: pts[order[0]], value: vals[order[0]], iterations: iter, evaluations, converged: false, reason: "iteration limit" };
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}
function resetIdentity(m: Float64Array, n: number, scale = 1): void {
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = scale;
}
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = math.max(m, math.abs(a[i]));
  return m;
}
function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
