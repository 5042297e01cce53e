/**
 * Pareto/NBD P(alive) on the whole-day grid of the grouped scoring (./score-grid.ts,
 * ./btyd-score.ts). With ./paretonbd-alive.ts's J(t) of one frequency x (A0 = J(t_x) − J(T),
 * FH 2005 eq. 19–20) and E(T) = (α+T)^{r+x} (β+T)^s J(T),
 *   P(alive) = 1 / (1 + s/(r+s+x) · E(T) · (e^{ln J(t_x) − ln J(T)} − 1))       (FH 2005 eq. 36–37),
 * and ln J, E depend on (x, t) alone: each is worked out once per grid point and frequency that
 * customers have (one 2F1 each), and a customer costs an expm1 (the scoring keeps the P(alive) of
 * the customers without repeat purchases, t_x = 0, once per (x, T) pair).
 */
import { logJ } from "./paretonbd-alive";
import type { ParetoNbdParams } from "./paretonbd";
// Module-local alias: global lookups are slow in jest's VM context (see ./paretonbd.ts).
const math = globalThis.Math;

/** Tables of ln J and E per (x, grid point), filled as customers need them. */
export class ParetoCells {
  private readonly lnJ: Float64Array;
  private readonly E: Float64Array;

  /** `size`: entries of the grid's tables (x · cap + k). */
  constructor(
    private readonly params: ParetoNbdParams,
    size: number,
  ) {
    this.lnJ = new Float64Array(size).fill(Number.NaN);
    this.E = new Float64Array(size);
  }

  /**
   * P(alive) of a customer with x repeat purchases, last at tx (grid point kx), age t (point kT ≥
   * kx); `row` = x · cap. O(1) once the two points' ln J are known, else a 2F1 each.
   */
  alive(x: number, row: number, kT: number, kx: number, t: number, tx: number): number {
    if (kx === kT) return 1; // t_x = T: A0 = 0
    return this.odds(x, row + kT, t, row + kx, tx);
  }

  /** 1/(1 + odds of death) for the points at `o` (age t) and `ox` (last purchase tx). */
  private odds(x: number, o: number, t: number, ox: number, tx: number): number {
    const lnJT = this.at(x, o, t);
    const delta = this.at(x, ox, tx) - lnJT;
    if (!(delta > 0)) return 1; // A0 at or below rounding, as logSubExp's −Infinity in logA0
    const { r, s } = this.params;
    const ratio = s / (r + s + x);
    // Odds of death: s/(r+s+x) · E(T) · (e^Δ − 1).
    const q = ratio * this.E[o] * math.expm1(delta);
    if (q < 1e300) return 1 / (1 + q);
    const L = math.log(ratio * this.E[o]) + delta + math.log(-math.expm1(-delta));
    return math.exp(-L) / (1 + math.exp(-L));
  }

  /** ln J at the point `o` (time t), worked out with E the first time. */
  private at(x: number, o: number, t: number): number {
    const v = this.lnJ[o];
    if (v === v) return v;
    const { r, alpha, s, beta } = this.params;
    const lnJ = logJ(this.params, x, t);
    this.E[o] = math.exp(lnJ + (r + x) * math.log(alpha + t) + s * math.log(beta + t));
    return (this.lnJ[o] = lnJ);
  }
}
