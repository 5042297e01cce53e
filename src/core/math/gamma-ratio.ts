/**
 * The ratio of rising factorials in BG/BB's expected transactions (Fader, Hardie & Shang 2010),
 * for a whole number m of opportunities:
 *
 *   ρ = Γ(1+D+m) Γ(γ+D) / (Γ(γ+D+m) Γ(1+D)) = Π_{j<m} (1+D+j)/(γ+D+j),
 *
 * as its logarithm S = Σ_{j<m} ln(1 + u_j), u_j = (1 − γ)/(γ+D+j), and as the bracket
 * W = (1 − ρ)/(γ − 1) = [expm1(S)/S] · Σ_{j<m} [ln(1 + u_j)/u_j] / (γ+D+j).
 *
 * Written with four ln Γ, as printed, S is a difference of numbers of size D ln D: with D = δ + n
 * at 1e5 the bracket was off by 4e-5, at the fit's bound 1e8 by a factor of 100, and at γ = 1,
 * where W is 0/0, by 1e-6 even for δ of a few units (γ had to be moved to 1 + 1e-9). Here only the
 * small u_j enter, W has no division by γ − 1, and at γ = 1 it is Σ 1/(1+D+j) exactly.
 *
 * @returns S and W, or null when m is not a whole number from 0 to 100,000 (O(m) per call) or
 *   γ + D ≤ 0; the callers then use the four ln Γ.
 * @example risingRatio(1, 2, 2) // { log: 0, gap: 1/3 + 1/4 }
 */
export function risingRatio(gamma: number, D: number, m: number): { log: number; gap: number } | null {
  if (!(Number.isInteger(m) && m >= 0 && m <= MAX_M && gamma + D > 0)) return null;
  let S = 0;
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const g = gamma + D + j;
    const u = (1 - gamma) / g;
    const l = math.log1p(u);
    S += l;
    sum += (u === 0 ? 1 : l / u) / g;
  }
  return { log: S, gap: (S === 0 ? 1 : math.expm1(S) / S) * sum };
}

/**
 * Whether the printed form's four ln Γ lose more than about 4 digits of W: its error is about
 * 1e-16·D²·ln D/(|1 − γ|·m), so D past 20, or γ within 1e-2 of 1 (where W is 0/0).
 */
export function printedRatioLosesDigits(gamma: number, D: number): boolean {
  return D > 20 || math.abs(gamma - 1) < 1e-2;
}

const math = globalThis.Math;
const MAX_M = 100_000;
