/**
 * The bracket of the beta-geometric models' expected purchases, divided by a − 1:
 *
 *   G(A, c, a, z) = [1 − (1 − z)^A · 2F1(A, c − a + 1; c; z)] / (a − 1),
 *
 * summed so that no digit cancels. BG/NBD's E[Y(t) | alive] is c·G with A = r + x, c = a + b + x − 1
 * (Fader, Hardie & Lee 2005, eq. 10); its E[X(t)] is c·G with A = r, c = a + b − 1 (eq. 9); MBG/NBD's
 * are the same with c = a + b + x and a + b (Batislam, Denizel & Filiztekin 2007, Appendix A).
 *
 * Evaluated as printed, 1 − (1 − z)^A·2F1 is 1 minus a number within about A·z/((1 − z)·c) of 1, and
 * both factors are computed from c − A and c − a − b, differences of numbers of size c: a relative
 * error of roughly 1e-16·c²/(A·|a − 1|). At b = 1e5 that is 1e-5; at b = 1e8, the fit's bound on a
 * parameter, the expected purchases came out 7 times too small, and negative beyond it. At a = 1
 * the quotient is 0/0.
 *
 * Euler's transformation gives (1 − z)^A·2F1(A, c − a + 1; c; z) = (1 − z)^{a−1}·2F1(c − A, a − 1; c; z)
 * (Abramowitz & Stegun 15.3.3), and (1 − z)^{−(a−1)} = Σ (a − 1)_k z^k / k!. Their difference, term by
 * term, leaves
 *
 *   G = −(1 − z)^{a−1} · Σ_{k≥1} (a)_{k−1} z^k / k! · δ_k,   δ_k = Π_{j<k} (1 − A/(c + j)) − 1,
 *
 * with (a − 1)_k/(a − 1) = (a)_{k−1}, so a = 1 is no special case. δ_k is carried by
 * δ_{k+1} = δ_k − u_k (1 + δ_k), u_k = A/(c + k): only the small ratios u_k enter, never a
 * difference of large numbers. For c ≥ A every u_k is in [0, 1], every δ_k in [−1, 0] and every
 * term of one sign. As b → ∞, c·G → A·z/(1 − z), the NBD's (r + x)·t/(α + T).
 *
 * Stopping rule (rigorous for c ≥ A > 0): |δ_j| ≤ j·A/c, so |term_j| ≤ (a)_{j−1} z^j/(j − 1)! · A/c,
 * whose ratio from j to j + 1 is z(a + j − 1)/j ≤ q = z·max(1, (a + k)/(k + 1)) for j > k; once
 * q < 1 the tail after k is below (a)_k z^{k+1}/k! · A/c / (1 − q).
 *
 * For 0 < c < A the factors 1 − A/(c + j) are negative while c + j < A, so the terms change sign;
 * the callers need the sum there only for a near 1 (the printed form loses digits only within
 * about 1e-4·A of it), where it is 0/0. For j ≥ A/2 − c, |1 − A/(c + j)| ≤ 1, so |1 + δ_j| no longer
 * grows: once k ≥ A/2 − c, |term_j| ≤ (a)_{j−1} z^j/j! · (1 + |1 + δ_k|) for j > k, and with the
 * same q the tail is below (a)_k z^{k+1}/(k + 1)! · (1 + |1 + δ_k|)/(1 − q).
 *
 * @returns G, or NaN where this sum is not the better one: c < A with a more than 1e-3 from 1
 *   (terms of both signs, where the printed form is accurate), a > 50 (terms up to (1 − z)^{−a} in
 *   size), z outside (0, 0.999] (where the terms fall off too slowly), or no convergence in
 *   200,000 terms. The callers then use the printed form. O(k), k about (a + 40)/(1 − z).
 * @example gap2F1(0.2426, 1e8 - 0.207, 0.793, 0.54646) * (1e8 - 0.207) // 0.2923, the NBD limit 0.2426·z/(1 − z): CDNOW's x = 0, T = 38.86 over 52.14 weeks
 */
export function gap2F1(A: number, c: number, a: number, z: number): number {
  const signed = c < A;
  if (!(A > 0 && c > 0 && a > 0 && a <= MAX_A && z > 0 && z <= MAX_Z)) return Number.NaN;
  // Stryker disable next-line EqualityOperator: 1 ± 1e-3 − 1 is not 1e-3 in binary, so < and <= part nowhere
  if (signed && !(math.abs(a - 1) <= 1e-3)) return Number.NaN;
  let delta = 0;
  let coef = 1; // (a)_{k−1} z^k / k!, from k = 1
  let sum = 0;
  for (let k = 1; k <= MAX_TERMS; k++) {
    delta -= (A / (c + k - 1)) * (1 + delta);
    coef *= ((k === 1 ? 1 : a + k - 2) * z) / k;
    sum += coef * delta;
    const q = z * math.max(1, (a + k) / (k + 1));
    // the next coefficient, (a)_k z^{k+1}/(k + 1)!, times the bound on the δ's to come
    const next = (coef * z * (a + k - 1)) / (k + 1);
    const bound = signed ? (k >= A / 2 - c ? next * (2 + math.abs(delta)) : Infinity) : (next * (k + 1) * A) / c;
    if (q < 1 && bound / (1 - q) <= 1e-17 * math.abs(sum)) {
      return -math.exp((a - 1) * math.log1p(-z)) * sum;
    }
  }
  return Number.NaN;
}

const math = globalThis.Math;
const MAX_A = 50;
const MAX_TERMS = 200_000;
const MAX_Z = 0.999;

/**
 * Whether the printed form loses more than about 4 of its 16 digits (relative error 1e-16·c²/(A·|a − 1|)
 * above 1e-12), so that the callers should sum {@link gap2F1} instead. Typical fits (b of a few units)
 * keep the printed form; b in the thousands or a within 1e-3 of 1 do not.
 */
export function printedBracketLosesDigits(A: number, c: number, a: number): boolean {
  return c * c > 1e4 * A * math.abs(a - 1);
}
