/**
 * The gradient of ln A0 of the Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving
 * the Pareto/NBD model and related expressions", eq. 18–20, cited as FH 2005) from its integral,
 * for the histories where the 2F1 form is ill-suited: its argument z = |α−β|/(max(α, β) + t_x)
 * near 1 (above {@link NEAR_ONE_2F1}), where ln 2F1 is evaluated by the 1 − z connection formula
 * and its parameter derivatives have no series to be summed alongside.
 *
 * FH 2005 obtain A0 by integrating over the death time τ; before the change of variable to 2F1,
 *   s/(r+s+x) · A0 = s ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ,
 * so with I = ∫_{t_x}^{T} g(τ) dτ, g = (α+τ)^{−(r+x)} (β+τ)^{−(s+1)}, and ⟨h⟩ = ∫ h g dτ / I:
 *   ∂ln A0/∂r = 1/(r+s+x) − ⟨ln(α+τ)⟩,   ∂ln A0/∂α = −(r+x) ⟨1/(α+τ)⟩,
 *   ∂ln A0/∂s = 1/(r+s+x) − ⟨ln(β+τ)⟩,   ∂ln A0/∂β = −(s+1) ⟨1/(β+τ)⟩.
 * The derivatives are averages of smooth functions under a positive weight, so a quadrature
 * gives them to ~1e-13 relative (checked against mpmath in test/core/clv/paretonbd-a0.test.ts and,
 * through the likelihood, test/core/clv/paretonbd-near-one.test.ts), where the central differences
 * used before gave ~1e-7 and left BFGS stepping in place. On a very short interval the width in
 * v = ln(lo + τ) below loses digits to rounding, so A0 is good to about 2e-16·|v|·(lo+t_x)/(T−t_x)
 * relative only (1e-6 at T − t_x = 1e-9 weeks); A0 is then negligible beside the term of being
 * alive at T, so neither the likelihood nor P(alive) can show it.
 *
 * The quadrature: with lo = min(α, β), hi = max(α, β), D = hi − lo and v = ln(lo + τ), the weight
 * is e^{φ(v)} dv, φ(v) = (1 − e_lo) v − e_hi ln(D + e^v) (e_lo, e_hi the exponents of lo + τ and
 * hi + τ), which is concave (φ'' = −e_hi D e^v/(D + e^v)² ≤ 0). Its maximum is at
 * e^v = (1 − e_lo) D/(e_lo + e_hi − 1) when e_lo < 1, else at the lower end; the interval is cut
 * where φ has fallen by 40 below it (Newton from the far end, which for a concave φ never passes
 * the cut), split at the maximum and at e^v = D (where φ' turns), and each piece into panels
 * over which φ changes by at most 8, each integrated by 20-point Gauss–Legendre.
 * Cost: O(panels · 20), a few hundred exp/log per history.
 */
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n from Chebyshev guesses; Numerical Recipes 3rd ed. §4.6.1). */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n), w = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: one more root, the middle one's mirror, is found again from its guess and written to the same two places (the roots are symmetric)
  for (let i = 0; i < (n + 1) >> 1; i++) {
    let z = math.cos((math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    // Stryker disable next-line EqualityOperator,UpdateOperator: Newton's method on P_n from these guesses converges in a few steps and stops below (at its fixed point more steps change nothing)
    for (let it = 0; it < 100; it++) {
      let p1 = 1, p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (n * (z * p1 - p2)) / (z * z - 1);
      const z1 = z;
      z = z1 - p1 / dp;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: as above: converged, further steps stay at the root
      if (math.abs(z - z1) < 1e-15) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

const GL = gaussLegendre(20);
/** φ may fall this far below its maximum before the rest of the interval is dropped (e^−40 ≈ 4e-18). */
const CUT = 40;
/** Largest change of φ over one panel. */
const PANEL_DROP = 8;
const MAX_PANELS = 16;

/** ln(D + e^v) without overflow or loss of digits. */
function logDPlusExp(D: number, lnD: number, v: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the two forms are equal, each keeping its digits (log1p of a small or a large number); at D = 0, log1p(0) = 0
  return v < lnD ? lnD + math.log1p(math.exp(v - lnD)) : v + (D > 0 ? math.log1p(D * math.exp(-v)) : 0);
}

/**
 * ln A0 = ln(r+s+x) + ln I for one history (x, t_x, T) by the quadrature described above, and
 * with `out`, ∂ln A0/∂(r, s, α, β) written into `out[0..3]`. −Infinity when t_x ≥ T. O(panels · 20).
 */
export function logA0Integral(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number, out: Float64Array | null): number {
  if (!(tx < T)) return -Infinity;
  // Stryker disable next-line EqualityOperator: at α = β the two parameters' roles may be swapped: D = 0, and the weight and the means are the same
  const aGeB = alpha >= beta;
  const lo = aGeB ? beta : alpha, hi = aGeB ? alpha : beta;
  const eLo = aGeB ? s + 1 : r + x, eHi = aGeB ? r + x : s + 1;
  const a = r + s + x;
  const D = hi - lo, lnD = D > 0 ? math.log(D) : -Infinity;
  const phi = (v: number): number => (1 - eLo) * v - eHi * logDPlusExp(D, lnD, v);
  const dphi = (v: number): number => {
    const q = D > 0 ? 1 / (1 + D * math.exp(-v)) : 1; // e^v/(D + e^v)
    return 1 - eLo - eHi * q;
  };
  let v0 = math.log(lo + tx), v1 = math.log(lo + T);
  let vMax = v0;
  if (eLo < 1 && D > 0) vMax = math.min(v1, math.max(v0, math.log(((1 - eLo) * D) / (a)))); // a = e_lo + e_hi − 1
  const M = phi(vMax);
  // Cut each side where φ = M − CUT: Newton from the end, monotone for a concave φ.
  const cut = (from: number, toward: number): number => {
    let v = from;
    for (let it = 0; it < 50; it++) {
      const f = phi(v) - (M - CUT);
      if (f >= 0) break;
      const d = dphi(v);
      const next = v - f / d;
      if (!(d !== 0) || !Number.isFinite(next)) break;
      const clamped = from > toward ? math.max(toward, next) : math.min(toward, next);
      if (math.abs(clamped - v) < 1e-9 * math.max(1, math.abs(v))) {
        v = clamped;
        break;
      }
      v = clamped;
    }
    return v;
  };
  // (cut returns its start where φ there is not below M − CUT.)
  v1 = cut(v1, vMax);
  v0 = cut(v0, vMax);
  // Breakpoints: the ends, the maximum and the turn at e^v = D, when inside.
  const points = [v0];
  if (vMax > v0 && vMax < v1) points.push(vMax);
  if (lnD > v0 && lnD < v1 && lnD !== vMax) {
    if (lnD < points[points.length - 1]) points.splice(points.length - 1, 0, lnD);
    else points.push(lnD);
  }
  points.push(v1);
  let s0 = 0, sLnLo = 0, sLnHi = 0, sInvLo = 0, sInvHi = 0;
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: a piece past the last point has an undefined end, and is skipped on the next line
  for (let k = 0; k + 1 < points.length; k++) {
    const pa = points[k], pb = points[k + 1];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a piece of width 0 adds 0 (h = 0)
    if (!(pb > pa)) continue;
    const panels = math.min(MAX_PANELS, math.max(1, math.ceil(math.abs(phi(pb) - phi(pa)) / PANEL_DROP)));
    const h = (pb - pa) / panels;
    for (let p = 0; p < panels; p++) {
      const mid = pa + (p + 0.5) * h, half = 0.5 * h;
      for (let i = 0; i < GL.x.length; i++) {
        // Stryker disable next-line ArithmeticOperator: the nodes and weights are symmetric about 0, so this only reverses the order of the sum
        const v = mid + half * GL.x[i];
        const lnHi = logDPlusExp(D, lnD, v);
        const wgt = GL.w[i] * half * math.exp((1 - eLo) * v - eHi * lnHi - M);
        s0 += wgt;
        // Stryker disable next-line ConditionalExpression: without out the sums are not read (the value is returned before)
        if (!out) continue;
        sLnLo += wgt * v;
        sLnHi += wgt * lnHi;
        sInvLo += wgt * math.exp(-v);
        sInvHi += wgt * math.exp(-lnHi);
      }
    }
  }
  const value = math.log(a) + M + math.log(s0);
  if (!out) return value;
  const meanLnLo = sLnLo / s0, meanLnHi = sLnHi / s0, meanInvLo = sInvLo / s0, meanInvHi = sInvHi / s0;
  // lo is β (exponent s + 1) when α ≥ β, else α (exponent r + x).
  out[0] = 1 / a - (aGeB ? meanLnHi : meanLnLo);
  out[1] = 1 / a - (aGeB ? meanLnLo : meanLnHi);
  out[2] = -(r + x) * (aGeB ? meanInvHi : meanInvLo);
  out[3] = -(s + 1) * (aGeB ? meanInvLo : meanInvHi);
  return value;
}
