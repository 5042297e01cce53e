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
 * 2F1s. A frequency is tabulated when its customers are expected to have at least twice as many
 * (pair, month) values as its table has points (the pairs of c customers spread over K days of
 * age: about K·(1 − e^{−c/K})), and for any s outside the table E is evaluated directly, as for
 * every other frequency. Pareto/NBD's E (FH 2005 eq. 41) is a closed form proportional to r + x,
 *   E = (r+x)(β+T)/(α+T) · [1 − ((β+T)/(β+T+t))^{s−1}]/(s−1),
 * so its sums are worked out once per T at x = 0 and scaled by (r+x)/r ({@link HorizonSums.linear}).
 */
import { cellsOf, CELL_STRIDE, CELL_TERMS, horner } from "./paretonbd-alive";
// Module-local alias: global lookups are slow in jest's VM context (see ./paretonbd.ts).
const math = globalThis.Math;

/** Widest cell tried first (in s), as ./paretonbd-alive.ts. */
const CELL_WIDTH = 0.25;
/** Chebyshev tail allowed, relative to the cell's least |E| (module comment). */
const TOLERANCE = 1e-13;
/** The same once a frequency's E has shown itself too noisy for TOLERANCE (MBG/NBD near a = 1, {@link HorizonSums.tableOf}). */
const NOISY_TOLERANCE = 1e-11;

/** The horizon sums of every (x, T) pair of one scoring call. */
export class HorizonSums<P = unknown> {
  /** E at the horizon's end and the discounted sum of the last {@link sums} call. */
  readonly out = new Float64Array(2);
  private readonly lnMonth: Float64Array;
  private readonly a: number;
  private readonly b: number;
  private readonly firstCells: number;
  /** Per frequency to be tabulated its cells once made, or null when they could not reach the tolerance. */
  private readonly cells = new Map<number, Float64Array | null>();
  /** A table has failed TOLERANCE: tabulate to NOISY_TOLERANCE from now on. */
  // Stryker disable next-line BooleanLiteral: the tail test is conservative: tabulated to 1e-11 from the start, the scores still agree with the one-customer formulas to 1e-12 (score-grid*.test.ts); the tighter target is kept for its margin
  private noisy = false;
  /** A table has failed even NOISY_TOLERANCE: tabulate no more. */
  private failed = false;
  /** {@link linear}: the model's r, and the sums at x = 0 per age (E at the end, discounted sum). */
  private linearR = Number.NaN;
  private readonly byAge = new Map<number, [number, number]>();

  /**
   * Sums of a model whose E is proportional to r + x (Pareto/NBD, module comment): worked out
   * directly once per distinct T, at x = 0.
   */
  static linear<Q>(ifAlive: (params: Q, t: number, x: number, T: number) => number, params: Q, r: number, perMonth: number, discountFactors: Float64Array): HorizonSums<Q> {
    const h = new HorizonSums(ifAlive, params, 1, perMonth, discountFactors, Number.NaN);
    h.linearR = r;
    return h;
  }

  /**
   * @param ifAlive E[Y(t) | alive at T, x] of the model with `params` (a function made once, not per
   *   scoring call: the optimised code of the loops that call it is kept for its target)
   * @param alpha the model's α (y = t/(α+T))
   * @param maxT the latest age of the customers to be tabulated for; NaN: never tabulate (every E direct)
   * @param customers customers of each frequency (./score-grid.ts) and `days`, the distinct ages they can have
   */
  constructor(
    private readonly ifAlive: (params: P, t: number, x: number, T: number) => number,
    private readonly params: P,
    private readonly alpha: number,
    private readonly perMonth: number,
    private readonly discountFactors: Float64Array,
    maxT: number,
    private readonly customers: Int32Array = new Int32Array(0),
    private readonly days = 0,
  ) {
    const horizon = discountFactors.length - 1;
    this.lnMonth = new Float64Array(horizon + 1);
    for (let i = 1; i <= horizon; i++) this.lnMonth[i] = math.log(i * perMonth);
    this.a = math.log(perMonth) - math.log(alpha + maxT);
    this.b = math.log(horizon * perMonth) - math.log(alpha);
    this.firstCells = math.ceil((this.b - this.a) / CELL_WIDTH);
  }

  /** Lets go of the tables once the scoring is done (./btyd-score.ts keepShapes). */
  // Stryker disable next-line BlockStatement: letting go only frees memory; no sum is read after it
  release(): void {
    this.cells.clear();
    this.byAge.clear();
  }

  /** The sums of the pair (x, T) into {@link out}. O(H) Horner evaluations, or H direct ones. */
  sums(x: number, T: number): void {
    const r = this.linearR;
    if (r === r) {
      let atZero = this.byAge.get(T);
      if (!atZero) {
        this.direct(0, T);
        atZero = [this.out[0], this.out[1]];
        this.byAge.set(T, atZero);
      }
      const scale = (r + x) / r;
      this.out[0] = atZero[0] * scale;
      this.out[1] = atZero[1] * scale;
      return;
    }
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
        // Stryker disable next-line ConditionalExpression,EqualityOperator: pos = 0 is the table's edge, where table and E agree to 1e-13; pos > cellsCount needs T < 0, which the callers refuse
        if (pos >= 0 && pos <= cellsCount) {
          // pos ≥ 0 here, so c is too; pos = cellsCount is the last cell's end.
          const c = math.min(pos | 0, cellsCount - 1);
          cur = horner(table, c * CELL_STRIDE, 2 * (pos - c) - 1);
        } else {
          cur = this.ifAlive(this.params, i * this.perMonth, x, T);
        }
        acc += (cur - prev) * d[i];
        prev = cur;
      }
      this.out[0] = prev;
      this.out[1] = acc;
    } else {
      this.direct(x, T);
    }
  }

  /** The sums of (x, T) from E itself, into {@link out}. O(H) evaluations of E. */
  private direct(x: number, T: number): void {
    const d = this.discountFactors, horizon = d.length - 1;
    let prev = 0, acc = 0;
    for (let i = 1; i <= horizon; i++) {
      const cur = this.ifAlive(this.params, i * this.perMonth, x, T);
      acc += (cur - prev) * d[i];
      prev = cur;
    }
    this.out[0] = prev;
    this.out[1] = acc;
  }

  /** x's cells when it has enough pairs to pay for them (module comment), else null. */
  private tableOf(x: number): Float64Array | null {
    const known = this.cells.get(x);
    if (known !== undefined) return known;
    // b − a = ln H + ln((α + maxT)/α) > 0 unless NaN (no finite age), which fails as well.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
    if (!(this.b > this.a)) return null;
    // Stryker disable next-line ArithmeticOperator: two months more only tip the choice below at its margin (a choice of speed, as said there)
    const horizon = this.discountFactors.length - 1, days = this.days;
    // customers[x] is undefined unless x is a whole frequency below its length: NaN fails the test.
    const pairs = days * -math.expm1(-this.customers[x] / days);
    // Whether tables pay: a choice of speed, scores the same to 1e-12 either way (which way it goes
    // is tested in score-horizon.test.ts).
    // Stryker disable next-line EqualityOperator: a tie decides nothing observable
    if (!(pairs * horizon >= 2 * this.firstCells * CELL_TERMS)) {
      this.cells.set(x, null);
      return null;
    }
    // f_x(s) = E at y = e^s: t = α·y with T = 0 gives z = y/(1+y).
    const alpha = this.alpha, ifAlive = this.ifAlive, params = this.params;
    const fns = [{ at: (s: number) => ifAlive(params, alpha * math.exp(s), x, 0), scale: "min" as const }];
    // Stryker disable next-line ArithmeticOperator: fewer cells fail sooner and fall to NOISY_TOLERANCE or the direct sums: the same scores to 1e-12
    let table = this.noisy ? null : cellsOf(fns, this.a, this.b, this.firstCells, 2 * this.firstCells, TOLERANCE);
    // A table that fails at twice the cells fails on E's own rounding, not on the cells' width
    // (MBG/NBD near a = 1: C/(a−1) of −300 makes E scatter by ~1e-12), and so would every other
    // frequency's: those are tabulated to NOISY_TOLERANCE, a tenth of a digit beyond the scatter,
    // and summed directly when even that fails.
    // Stryker disable next-line ConditionalExpression: trying the looser tolerance once more, or not, gives a table to 1e-11 or the direct sums: the same scores to 1e-12
    if (!table && !this.failed) {
      this.noisy = true;
      table = cellsOf(fns, this.a, this.b, this.firstCells, 2 * this.firstCells, NOISY_TOLERANCE);
      // Stryker disable next-line BooleanLiteral,ConditionalExpression: the same
      if (!table) this.failed = true;
    }
    this.cells.set(x, table);
    return table;
  }
}
