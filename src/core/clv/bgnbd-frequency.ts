/**
 * The terms of the BG/NBD and MBG/NBD log-likelihood that depend on the frequency x alone,
 * summed over the customers, with their gradient and Hessian (FHL 2005 eq. 6; Batislam,
 * Denizel & Filiztekin 2007, Appendix A; docs/models/fitting.md §16):
 *   Σ_x w_x (A1 + A2) with A1 = ln Γ(r+x) − ln Γ(r) + r ln α,
 *                          A2 = ln Γ(a+b) + ln Γ(b+x+k) − ln Γ(b) − ln Γ(a+b+x+k)  (k = 1 for MBG/NBD).
 * As x is a whole number, ln Γ(c+n) − ln Γ(c) = Σ_{j<n} ln(c+j), and ψ, ψ₁ likewise
 * (ψ(c+n) − ψ(c) = Σ 1/(c+j), ψ₁(c) − ψ₁(c+n) = Σ 1/(c+j)²), so
 *   Σ_x w_x Σ_{j<x} f(j) = Σ_j f(j) · (weight of the customers with x > j):
 * one pass over j = 0 … max x with three logarithms, instead of ten special functions (log-gamma,
 * digamma, trigamma) per distinct frequency. Summing a few thousand such terms loses no more than
 * the special functions' own 1e-14; the difference ln(b+j) − ln(a+b+j) is taken as
 * log1p(−a/(a+b+j)), exact even when b is large beside a. When the largest frequency is large
 * beside the number of distinct ones (a few customers with thousands of purchases) the special
 * functions are called per distinct frequency instead ({@link RECURRENCE_SPAN}).
 */
import { digamma, logGamma } from "../math/special";
import { trigamma } from "../math/trigamma";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower).
const math = globalThis.Math;

/**
 * The recurrence runs when the largest frequency is at most this many times the number of
 * distinct frequencies plus 64: it then costs no more than the special functions it replaces.
 */
export const RECURRENCE_SPAN = 8;

/**
 * Sums over the customers of the frequency-only terms at (r, a, b) (φ-space derivatives; the
 * r ln α term is left to the caller), into `out`:
 * [Σ w(A1 − r ln α + A2), ∂/∂r, ∂/∂a, ∂/∂b, ∂²/∂r², ∂²/∂a² (= ∂²/∂a∂b), ∂²/∂b²].
 * `recurrence`: false forces the special functions (for the tests). O(max x) or O(distinct x).
 */
export function frequencySums(
  r: number,
  a: number,
  b: number,
  k: number,
  distinctX: Float64Array,
  weightOfX: Float64Array,
  out: Float64Array,
  // Stryker disable next-line BooleanLiteral: both ways give the same sums (bgnbd-frequency.test pins them equal); the default only picks the faster one
  recurrence = true,
): void {
  const nx = distinctX.length;
  let maxX = 0;
  // Stryker disable next-line EqualityOperator: i = nx reads undefined, which compares false; >= only sets the same maximum again
  for (let i = 0; i < nx; i++) if (distinctX[i] > maxX) maxX = distinctX[i];
  let ll = 0, gR = 0, gA = 0, gB = 0, hRR = 0, hAA = 0, hBB = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the bound only chooses between the recurrence and the special functions, which give the same sums; it limits time and memory
  if (recurrence && maxX <= RECURRENCE_SPAN * nx + 64) {
    // byCount[c]: weight of the customers with x + k = c (for the r terms, c − k = x).
    const m = maxX + k;
    const byCount = new Float64Array(m + 1);
    // Stryker disable next-line EqualityOperator: i = nx writes at index NaN, which a Float64Array ignores
    for (let i = 0; i < nx; i++) byCount[distinctX[i] + k] += weightOfX[i];
    const ab = a + b;
    // tail: weight with x + k > j (the b and a + b terms); tailR: weight with x > j (the r terms).
    let tail = 0, tailR = 0;
    for (let j = m - 1; j >= 0; j--) {
      tail += byCount[j + 1];
      const iab = 1 / (ab + j), ib = 1 / (b + j);
      ll += tail * math.log1p(-a * iab);
      gA -= tail * iab;
      gB += tail * (ib - iab);
      hAA += tail * iab * iab;
      hBB += tail * (iab * iab - ib * ib);
      if (j + k <= m - 1) {
        tailR += byCount[j + k + 1];
        const ir = 1 / (r + j);
        ll += tailR * math.log(r + j);
        gR += tailR * ir;
        hRR -= tailR * ir * ir;
      }
    }
  } else {
    const psiR = digamma(r), psiAB = digamma(a + b), psiB = digamma(b);
    const triR = trigamma(r), triAB = trigamma(a + b), triB = trigamma(b);
    const base = -logGamma(r) + logGamma(a + b) - logGamma(b);
    for (let i = 0; i < nx; i++) {
      const x = distinctX[i];
      const wx = weightOfX[i];
      const psiABX = digamma(a + b + x + k), triABX = trigamma(a + b + x + k);
      ll += wx * (base + logGamma(r + x) + logGamma(b + x + k) - logGamma(a + b + x + k));
      gR += wx * (digamma(r + x) - psiR);
      gA += wx * (psiAB - psiABX);
      gB += wx * (psiAB + digamma(b + x + k) - psiB - psiABX);
      hRR += wx * (trigamma(r + x) - triR);
      hAA += wx * (triAB - triABX);
      hBB += wx * (triAB + trigamma(b + x + k) - triB - triABX);
    }
  }
  out[0] = ll;
  out[1] = gR;
  out[2] = gA;
  out[3] = gB;
  out[4] = hRR;
  out[5] = hAA;
  out[6] = hBB;
}
