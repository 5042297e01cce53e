/**
 * Trigamma ψ₁(x) = d²/dx² ln Γ(x), for the analytic Hessians of the model likelihoods
 * (docs/models/fitting.md §16).
 */
/**
 * ψ₁(x) for x > 0: the recurrence ψ₁(x) = ψ₁(x+1) + 1/x² up to x ≥ 10, then the asymptotic
 * series 1/x + 1/(2x²) + Σ B₂ₖ/x^{2k+1} (Abramowitz & Stegun 6.4.12) through B₁₂. Relative error
 * below 1.2e-14, largest at x = 10, where the first term left out, 7/(6x¹⁵), is 1.1e-14 of ψ₁(10);
 * NaN for x ≤ 0. O(1).
 * @example trigamma(1) // 1.6449340668482264 (π²/6)
 */
export function trigamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let result = 0;
  // Stryker disable next-line EqualityOperator: x <= 10 takes one more step of the recurrence when x reaches exactly 10, and the series then starts at 11, where it is more accurate still: no value moves outside the documented error
  while (x < 10) {
    result += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − 1/(30x⁹) + 5/(66x¹¹) − 691/(2730x¹³)
  return (
    result +
    inv +
    0.5 * inv2 +
    inv * inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66 - inv2 * (691 / 2730))))))
  );
}
