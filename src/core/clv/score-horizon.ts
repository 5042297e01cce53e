/**
 * The alive customer's expectations over the CLV horizon for the grouped scoring (./btyd-score.ts,
 * docs/lifetime-value.md §3): for each (x, T) pair, E_i = E[Y(t_i) | alive at T, x] at the
 * months t_i = i·τ, i = 1…H, and the discounted sum Σ (E_i − E_{i−1}) / (1 + d)^i.
 *
 * For BG/NBD (FHL 2005 eq. 10) and MBG/NBD (Batislam et al. 2007, Appendix A) E depends on t and T
 * only through z = t/(α+T+t), that is through y = t/(α+T): with A = r+x,
 *   E = C/(a−1) · [1 − (1−z)^A · 2F1(A, B; C; z)],  z = y/(1+y),
 * a 2F1 of up to hundreds of terms. So one function of y per frequency, f_x(y), gives every (T,
 * month) of that frequency, and in s = ln y it is analytic in the strip |Im s| < π (the branch
 * point z = 1 is at y → ∞, z = ∞ at y = −1, s = ±iπ). A frequency with many (x, T) pairs has f_x
 * tabulated on [ln(τ/(α + max T)), ln(Hτ/α)] as polynomials of degree 9 on cells of width at most
 * 0.25 in s (./paretonbd-alive.ts cellsOf, Chebyshev tails below 1e-13 of the cell's least value,
 * so relative accuracy: the 2F1's own rounding makes BG/NBD's E at x = 0 scatter by about 1e-13
 * around a smooth curve, a floor a tighter test could not pass), and each pair costs one logarithm and H Horner evaluations instead of H
 * 2F1s. A frequency is tabulated once it has cost as many direct evaluations as its table would
 * (so each pays at most twice the cheaper way); before that, and for any s outside the table,
 * E is evaluated directly. Pareto/NBD's E (FH 2005 eq. 41) is a closed form: always direct.
 */
import { cellsOf, CELL_STRIDE, CELL_TERMS, horner } from "./paretonbd-alive";
// Module-local alias: global lookups are slow in jest's VM context (see ./paretonbd.ts).
const math = globalThis.Math;

/** Widest cell tried first (in s), as ./paretonbd-alive.ts. */
const CELL_WIDTH = 0.25;
/** Chebyshev tail allowed, relative to the cell's least |E| (module comment). */
const TOLERANCE = 1e-13;
/** Frequencies with their own table: 0 … MAX_X − 1. */
const MAX_X = 4096;

/** The horizon sums of every (x, T) pair of one scoring call. */
export class HorizonSums {
  /** E at the horizon's end and the discounted sum of the last {@link sums} call. */
  readonly out = new Float64Array(2);
  private readonly lnMonth: Float64Array;
  private readonly a: number;
  private readonly b: number;
  private readonly firstCells: number;
  /** Per tabulated frequency its cells, or undefined when they could not reach the tolerance (direct for good). */
  private readonly cells = new Map<number, Float64Array | undefined>();
  private readonly direct = new Int32Array(MAX_X);

  /**
   * @param ifAlive E[Y(t) | alive at T, x]
   * @param alpha the model's α (y = t/(α+T))
   * @param maxT the latest age of the customers to be tabulated for; NaN: never tabulate (every E direct)
   */
  constructor(
    private readonly ifAlive: (t: number, x: number, T: number) => number,
    private readonly alpha: number,
    private readonly perMonth: number,
    private readonly discountFactors: Float64Array,
    maxT: number,
  ) {
    const horizon = discountFactors.length - 1;
    this.lnMonth = new Float64Array(horizon + 1);
    for (let i = 1; i <= horizon; i++) this.lnMonth[i] = math.log(i * perMonth);
    this.a = math.log(perMonth) - math.log(alpha + maxT);
    this.b = math.log(horizon * perMonth) - math.log(alpha);
    this.firstCells = math.ceil((this.b - this.a) / CELL_WIDTH);
  }

  /** The sums of the pair (x, T) into {@link out}. O(H) Horner evaluations, or H direct ones. */
  sums(x: number, T: number): void {
    const d = this.discountFactors, horizon = d.length - 1;
    const table = this.tableOf(x);
    let prev = 0, acc = 0;
    if (table) {
      const a = this.a, cellsCount = table.length / CELL_STRIDE, inv = cellsCount / (this.b - a);
      const lnAT = math.log(this.alpha + T);
      for (let i = 1; i <= horizon; i++) {
        const pos = (this.lnMonth[i] - lnAT - a) * inv;
        let cur: number;
        // Outside the table (T below 0 or above the latest age): directly.
        if (pos >= 0 && pos <= cellsCount) {
          let c = pos | 0;
          if (c >= cellsCount) c = cellsCount - 1;
          else if (c < 0) c = 0;
          cur = horner(table, c * CELL_STRIDE, 2 * (pos - c) - 1);
        } else {
          cur = this.ifAlive(i * this.perMonth, x, T);
        }
        acc += (cur - prev) * d[i];
        prev = cur;
      }
    } else {
      for (let i = 1; i <= horizon; i++) {
        const cur = this.ifAlive(i * this.perMonth, x, T);
        acc += (cur - prev) * d[i];
        prev = cur;
      }
    }
    this.out[0] = prev;
    this.out[1] = acc;
  }

  /** x's cells once it has earned them (module comment), else null. */
  private tableOf(x: number): Float64Array | null {
    if (!(x >= 0 && x < MAX_X && x === (x | 0)) || !(this.b > this.a)) return null;
    const known = this.cells.get(x);
    if (known !== undefined || this.cells.has(x)) return known ?? null;
    const horizon = this.discountFactors.length - 1;
    this.direct[x] += horizon;
    if (this.direct[x] < this.firstCells * CELL_TERMS) return null;
    // f_x(s) = E at y = e^s: t = α·y with T = 0 gives z = y/(1+y).
    const alpha = this.alpha, ifAlive = this.ifAlive;
    const table = cellsOf([{ at: (s) => ifAlive(alpha * math.exp(s), x, 0), scale: "min" }], this.a, this.b, this.firstCells, 4 * this.firstCells, TOLERANCE);
    this.cells.set(x, table ?? undefined);
    return table;
  }
}
