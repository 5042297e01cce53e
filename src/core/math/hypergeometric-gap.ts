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
 * Stopping rule (rigorous for c ≥ A > 0): |δ_j| ≤ min(1, j·A/c). While (k + 1)·A/c < 1,
 * |term_j| ≤ (a)_{j−1} z^j/(j − 1)! · A/c, whose ratio from j to j + 1 is z(a + j − 1)/j
 * ≤ q = z·max(1, (a + k)/(k + 1)) for j > k; from there on |term_j| ≤ (a)_{j−1} z^j/j!, whose ratio is
 * below q as well. So once q < 1 the tail after k is below
 * (a)_k z^{k+1}/(k + 1)! · min(1, (k + 1)·A/c) / (1 − q).
 *
 * For 0 < c < A the factors 1 − A/(c + j) are negative while c + j < A, so the terms change sign
 * and grow to the size of (c − A)_k/(c)_k before they cancel: at A = 30, c = 0.3 that lost 8 digits.
 * The callers need G there only for a near 1 (the printed form loses digits only within about
 * 1e-4·A of it, where it is 0/0), and there {@link nearOneGap} sums it with terms of one sign.
 *
 * @returns G, or NaN where this sum is not the better one: c < A with a more than 1e-3 from 1, or
 *   a − 1 ≥ c (where the printed form is accurate), a > 50 (terms up to (1 − z)^{−a} in size),
 *   z outside (0, 0.999] (where the terms fall off too slowly), or no convergence in 200,000
 *   terms. The callers then use the printed form. O(k), k about (a + 40)/(1 − z).
 * @example gap2F1(0.2426, 1e8 - 0.207, 0.793, 0.54646) * (1e8 - 0.207) // 0.2923, the NBD limit 0.2426·z/(1 − z): CDNOW's x = 0, T = 38.86 over 52.14 weeks
 */
export function gap2F1(A: number, c: number, a: number, z: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: c ≤ 0 goes to nearOneGap (c < A), which takes it only above −1e-3, where e_1 = 1/c ≤ −1,000 makes the sum negative and its logarithm NaN; c = 0 divides by 0: NaN all the same
  if (!(A > 0 && c > 0 && a > 0 && a <= MAX_A && z > 0 && z <= MAX_Z)) return Number.NaN;
  if (c < A) return nearOneGap(A, c, a, z);
  let delta = 0;
  let coef = 1; // (a)_{k−1} z^k / k!, from k = 1
  let sum = 0;
  // Stryker disable next-line EqualityOperator: no input of the tests or callers needs exactly 200,000 terms
  for (let k = 1; k <= MAX_TERMS; k++) {
    delta -= (A / (c + k - 1)) * (1 + delta);
    coef *= ((k === 1 ? 1 : a + k - 2) * z) / k;
    sum += coef * delta;
    // The stop asks the tail's bound for 1e-17 of the sum, a tenth of a rounding step. Mutants that
    // misjudge the ratio or the next term near the stop (k ≫ a, where (a + k)/(k + 1) is near 1) by
    // a factor up to about 1/(1 − z) leave a tail below 2e-14 of the sum, under the rounding of the
    // sum itself (up to 1.2e-13 at z = 0.999, hypergeometric-gap.test.ts); a bound 1e3 times looser
    // (1e-14) fails the tests.
    // Stryker disable next-line ArithmeticOperator,MethodExpression: see above
    const q = z * math.max(1, (a + k) / (k + 1));
    // the next coefficient, (a)_k z^{k+1}/(k + 1)!, times the bound on the δ's to come
    // Stryker disable next-line ArithmeticOperator: see above
    const next = (coef * z * (a + k - 1)) / (k + 1);
    // Stryker disable next-line ArithmeticOperator,MethodExpression: see above
    const bound = next * math.min(1, ((k + 1) * A) / c);
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: see above; at q = 1 the bound is infinite and fails either way
    if (q < 1 && bound / (1 - q) <= 1e-17 * math.abs(sum)) {
      return -math.exp((a - 1) * math.log1p(-z)) * sum;
    }
  }
  return Number.NaN;
}

/**
 * G for c < A with a within 1e-3 of 1 and a − 1 < c, from the printed form itself: with
 * p_k = (A)_k z^k (1 − z)^A / k!, the negative binomial probabilities, which sum to 1,
 * (1 − z)^A · 2F1(A, c − a + 1; c; z) = Σ p_k R_k with R_k = (c − a + 1)_k/(c)_k = Π_{j<k} (1 + (1 − a)/(c + j)),
 * so G = Σ_{k≥1} p_k e_k with e_k = (R_k − 1)/(1 − a), carried by e_{k+1} = e_k + R_k/(c + k) and
 * R_k = 1 + (1 − a) e_k: at a = 1, e_k = ψ(c + k) − ψ(c). With a − 1 < c every factor of R_k is
 * positive, so every term is, and no digit cancels.
 *
 * Stopping rule (rigorous): for j = m + i after term m, p_j ≤ p_m ρ^i with
 * ρ = z·max(1, (A + m)/(m + 1)), and R_l ≤ R_m β^{l−m} with β = exp(|1 − a|/(c + m)), so
 * e_j ≤ e_m + i R_m β^i/(c + m); once q = ρβ < 1 the tail is below
 * p_m (e_m ρ/(1 − ρ) + R_m/(c + m) · q/(1 − q)²). The p_k are carried scaled by a power of 10
 * (p_0 = (1 − z)^A underflows for large A).
 * @returns G, or NaN outside that range or without convergence in 200,000 terms.
 */
function nearOneGap(A: number, c: number, a: number, z: number): number {
  const eta = 1 - a;
  // Stryker disable next-line EqualityOperator: 1 ± 1e-3 − 1 is not 1e-3 in binary; at a − 1 = c, R_k is 0 from k = 1 on and its terms 1/(a − 1) are still positive
  if (!(math.abs(eta) <= 1e-3 && -eta < c)) return Number.NaN;
  let logScale = A * math.log1p(-z);
  let p = 1; // p_k / e^logScale
  let e = 0; // e_k
  let sum = 0;
  // Stryker disable next-line EqualityOperator: no input of the tests or callers needs exactly 200,000 terms
  for (let m = 1; m <= MAX_TERMS; m++) {
    e += (1 + eta * e) / (c + m - 1);
    p *= ((A + m - 1) * z) / m;
    sum += p * e;
    // Stryker disable next-line EqualityOperator: any threshold that leaves p times the next ratio finite does the same
    if (p > 1e250) {
      p *= 1e-250;
      sum *= 1e-250;
      logScale += 250 * math.LN10;
    }
    // Stryker disable next-line ArithmeticOperator,MethodExpression: as in gap2F1's stop, near the stop (m ≫ A) these misjudge the ratio by a factor near 1 (1e-15 instead of 1e-17 fails the tests)
    const rho = z * math.max(1, (A + m) / (m + 1));
    const q = rho * math.exp(math.abs(eta) / (c + m));
    // Stryker disable next-line ArithmeticOperator,EqualityOperator: each changes one of the bound's two parts by a factor up to about 1/(1 − ρ) and the tests still hold (2e-12 of the closed forms near c = A, 1e-12 of the 80-digit fixture), while the whole bound 100 times looser (1e-15) fails them; at q = 1 the bound is infinite either way
    if (q < 1 && p * ((e * rho) / (1 - rho) + ((1 + eta * e) / (c + m)) * (q / ((1 - q) * (1 - q)))) <= 1e-17 * sum) {
      return math.exp(logScale + math.log(sum));
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
  // Stryker disable next-line EqualityOperator: a tie of the two rounded products decides nothing the tests or a fit can tell (both forms keep 12 digits there)
  return c * c > 1e4 * A * math.abs(a - 1);
}
