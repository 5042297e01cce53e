/**
 * Pareto/NBD P(alive) on the whole-day grid of the grouped scoring (./score-grid.ts,
 * ./btyd-score.ts). With ./paretonbd-alive.ts's J(t) of one frequency x (A0 = J(t_x) − J(T),
 * FH 2005 eq. 19–20) and E(T) = (α+T)^{r+x} (β+T)^s J(T),
 *   P(alive) = 1 / (1 + s/(r+s+x) · E(T) · (e^{ln J(t_x) − ln J(T)} − 1))       (FH 2005 eq. 36–37),
 * and ln J, E depend on (x, t) alone: each is worked out once per grid point and frequency that
 * customers have, and a customer costs a multiplication and a division: with J_ref a reference
 * value of x, the odds are W(T)·(J(t_x)/J_ref) − s/(r+s+x)·E(T), W(T) = s/(r+s+x)·E(T)/(J(T)/J_ref)
 * (when t_x is near T the difference cancels, but the odds are then small and P(alive) moves by
 * the rounding of its terms, below 2e-14·s/(r+s+x)·E(T) with |ln(J/J_ref)| ≤ 100). The scoring
 * keeps the P(alive) of the customers without repeat purchases, t_x = 0, once per (x, T) pair.
 * ln J is one 2F1 per point; a frequency
 * whose customers are expected to meet at least twice as many points as a table of ln J has is
 * tabulated instead, in v = ln(lo + t) (lo = min(α, β); the singularities are at v → −∞ and Im v = π,
 * ./paretonbd-alive.ts) as polynomials of degree 9 on cells of width at most 0.25 whose Chebyshev
 * tails are below 1e-13·max(1, |ln J|) — an absolute error in ln J moves P(alive) by about as much
 * (./paretonbd-alive.ts) — unless the range straddles the switch to the integral form at z = 0.95
 * or a table fails the tolerance (then every frequency is evaluated point by point).
 */
import { NEAR_ONE_2F1 } from "../math/special";
import { cellsOf, CELL_STRIDE, CELL_TERMS, horner, logJ } from "./paretonbd-alive";
import type { ParetoNbdParams } from "./paretonbd";
import { NONE } from "./score-general";
// Module-local alias: global lookups are slow in jest's VM context (see ./paretonbd.ts).
const math = globalThis.Math;

/** Tables of ln J and E per (x, grid point), filled as customers need them. */
export class ParetoCells {
  /**
   * Per point o (x · cap + k), at 4·o: ln J (NaN: not yet worked out), J/J_ref(x), W =
   * s/(r+s+x)·E/(J/J_ref) and V = s/(r+s+x)·E, so that the odds W(T)·J(t_x)/J_ref − V(T) (module
   * comment) cost two reads of one array, a multiplication and a subtraction; ln J_ref per x.
   * Read by the scoring's loop (../btyd-score.ts), which takes a NaN W or J, or odds outside
   * (0, 1e300), to {@link alive}.
   */
  cells: Float64Array;
  private E: Float64Array;
  private readonly lnRef = new Map<number, number>();
  /** s and r + s (s/(r+s+x) without a call per customer). */
  private readonly s: number;
  private readonly rs: number;

  /** Per frequency to be tabulated its cells once made (null: point by point). */
  private readonly tables = new Map<number, Float64Array | null>();
  private readonly lo: number;
  private readonly a: number;
  private readonly b: number;
  private readonly firstCells: number;
  private failed = false;

  /**
   * `size`: entries of the grid's tables (x · cap + k); `maxT` the latest age, `customers` the
   * customers of each frequency and `days` the grid's points (./score-grid.ts), for the tables of ln J;
   * `times` the time each grid point stands for (./score-grid.ts DayGrid.at).
   */
  constructor(
    private readonly params: ParetoNbdParams,
    size: number,
    maxT: number,
    private readonly customers: Int32Array,
    private readonly days: number,
    private readonly times: Float64Array,
  ) {
    this.s = params.s;
    this.rs = params.r + params.s;
    this.cells = new Float64Array(4 * size).fill(Number.NaN);
    this.E = new Float64Array(size);
    const { alpha, beta } = params;
    const lo = math.min(alpha, beta), hi = math.max(alpha, beta);
    this.lo = lo;
    this.a = math.log(lo);
    this.b = math.log(lo + maxT);
    // Stryker disable next-line ArithmeticOperator: the cells' number sets a table's resolution only: cellsOf keeps no table that misses the tolerance, and without one ln J is its 2F1
    this.firstCells = math.ceil((this.b - this.a) / CELL_WIDTH);
    // z = (hi − lo)/(hi + t) passes 0.95 inside the ages: ln J switches form there, no tables.
    const tSwitch = (hi - lo) / NEAR_ONE_2F1 - hi;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: no tables at all is the same ln J point by point (the 2F1 switches form by itself)
    if (tSwitch >= 0 && tSwitch <= maxT) this.failed = true;
  }

  /** Lets go of the tables once the scoring is done (./btyd-score.ts keepShapes). */
  // Stryker disable next-line BlockStatement: memory only: the scores are written before
  release(): void {
    this.cells = this.E = NONE;
    this.lnRef.clear();
    this.tables.clear();
  }

  /**
   * P(alive) of customer i, with x repeat purchases, age at grid point kT and last purchase at point
   * kx ≤ kT (the times those points stand for, `times`), into out[i]; `row` = x · cap. O(1) once the
   * two points' ln J are known, else a 2F1 each. (Integers in, the result written into the scores:
   * a double passed to or returned from a call V8 does not inline is boxed, a heap number per customer.)
   */
  alive(out: Float64Array, i: number, x: number, row: number, kT: number, kx: number): void {
    if (kx === kT) {
      out[i] = 1; // t_x = T: A0 = 0
      return;
    }
    const o = row + kT, ox = row + kx;
    const cells = this.cells, times = this.times;
    // Whether a point is worked out here or in odds() below (a NaN W or J leads there), or again, its values are the same.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: as above
    if (cells[4 * o] !== cells[4 * o]) this.at(x, o, times[kT]);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: as above
    if (cells[4 * ox] !== cells[4 * ox]) this.at(x, ox, times[kx]);
    const W = cells[4 * o + 2];
    // Stryker disable next-line ConditionalExpression,BlockStatement: the logarithmic way, odds(), gives the same P(alive) to its rounding
    if (W === W) {
      // s/(r+s+x)·E(T)·(J(t_x)/J(T) − 1) with J scaled by J_ref: no exponential.
      const q = W * cells[4 * ox + 1] - cells[4 * o + 3];
      // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: odds at or below 0 are rounding (J(t_x) = J(T) to the last digits), and 1/(1 + q) is then 1 to that rounding too
      if (!(q > 0)) {
        out[i] = 1; // A0 at or below rounding
        return;
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: here |ln J − ln J_ref| ≤ 100 keeps the odds below e^100, and odds() gives the same value
      if (q < 1e300) {
        out[i] = 1 / (1 + q);
        return;
      }
    }
    out[i] = this.odds(x, o, times[kT], ox, times[kx]);
  }

  /** s/(r+s+x). */
  private ratio(x: number): number {
    const { r, s } = this.params;
    return s / (r + s + x);
  }

  /** 1/(1 + odds of death) for the points at `o` (age t) and `ox` (last purchase tx), from the logarithms. */
  private odds(x: number, o: number, t: number, ox: number, tx: number): number {
    const lnJT = this.at(x, o, t);
    const delta = this.at(x, ox, tx) - lnJT;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: Δ ≤ 0 is rounding, and then 1/(1 + s/(r+s+x)·E·(e^Δ − 1)) is 1 to that rounding too
    if (!(delta > 0)) return 1; // A0 at or below rounding, as logSubExp's −Infinity in logA0
    const { r, s } = this.params;
    const ratio = s / (r + s + x);
    // Odds of death: s/(r+s+x) · E(T) · (e^Δ − 1).
    const q = ratio * this.E[o] * math.expm1(delta);
    if (q < 1e300) return 1 / (1 + q);
    // ln of the odds, above 690: 1/(1 + e^L) is e^−L to the last digit
    return math.exp(-(math.log(ratio * this.E[o]) + delta + math.log(-math.expm1(-delta))));
  }

  /** ln J at the point `o` (time t), worked out with E the first time. */
  private at(x: number, o: number, t: number): number {
    const v = this.cells[4 * o];
    if (v === v) return v;
    const { r, alpha, s, beta } = this.params;
    const lnJ = this.lnJOf(x, t);
    const E = (this.E[o] = math.exp(lnJ + (r + x) * math.log(alpha + t) + s * math.log(beta + t)));
    // J/J_ref with J_ref x's first point: |ln J − ln J_ref| ≤ (r+s+x)·ln((lo + max T)/lo) (d ln J/dt ≥
    // −(r+s+x)/(lo+t)), kept within 100 so each factor keeps 2e-14; beyond, NaN: the logarithmic way.
    let ref = this.lnRef.get(x);
    if (ref === undefined) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a guard on rounding: past it each factor carries up to 1e-13 (700 times the rounding), and what overflows goes the logarithmic way anyway
      ref = (r + s + x) * (this.b - this.a) <= 100 ? lnJ : Number.NaN;
      this.lnRef.set(x, ref);
    }
    // Stryker disable next-line ArithmeticOperator: J_ref's scale cancels from the odds, W·J(t_x)/J_ref (what overflows goes the logarithmic way)
    const J = (this.cells[4 * o + 1] = math.exp(lnJ - ref));
    this.cells[4 * o + 2] = (this.ratio(x) * E) / J;
    this.cells[4 * o + 3] = (this.s / (this.rs + x)) * E;
    return (this.cells[4 * o] = lnJ);
  }

  /** ln J(t) of frequency x: from x's table when it has one and t is inside it, else its 2F1. */
  private lnJOf(x: number, t: number): number {
    let table = this.tables.get(x);
    if (table === undefined) table = this.tabulate(x);
    if (table) {
      const cells = table.length / CELL_STRIDE;
      const pos = (math.log(this.lo + t) - this.a) * (cells / (this.b - this.a));
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a guard: every grid time lies in [0, max T], the table's span
      if (pos >= 0 && pos <= cells) {
        const c = pos >= cells ? cells - 1 : pos | 0;
        return horner(table, c * CELL_STRIDE, 2 * (pos - c) - 1);
      }
    }
    return logJ(this.params, x, t);
  }

  /** x's table of ln J when its customers pay for it (class comment), else null. */
  private tabulate(x: number): Float64Array | null {
    let table: Float64Array | null = null;
    const days = this.days;
    // Whether x gets a table is a matter of speed only: cellsOf keeps a table only when every cell's
    // Chebyshev tail is below TOLERANCE·max(1, |ln J|) (else null, and the 2F1 as without one). With
    // this test taken always or never, every scoring test (all within 1e-12 of the one-customer
    // formulas) still passes.
    // Stryker disable next-line all: chooses between two ways that give the same ln J (comment above)
    const points = x < this.customers.length ? 2 * days * -math.expm1(-this.customers[x] / days) : 0;
    // Stryker disable next-line all: chooses between two ways that give the same ln J (comment above)
    if (!this.failed && this.b > this.a && points >= 2 * this.firstCells * CELL_TERMS) {
      const params = this.params, lo = this.lo;
      // Stryker disable next-line StringLiteral: the scale sets the tolerance's reference only; a table that misses it is refused, and ln J is then its 2F1
      table = cellsOf([{ at: (v) => logJ(params, x, math.max(math.exp(v) - lo, 0)), scale: "log" }], this.a, this.b, this.firstCells, 2 * this.firstCells, TOLERANCE);
      // Stryker disable next-line all: after a refused table the next frequencies go point by point, for speed only
      if (!table) this.failed = true;
    }
    this.tables.set(x, table);
    return table;
  }
}

/** Widest cell (in v) tried first. */
const CELL_WIDTH = 0.25;
/** Chebyshev tail allowed, relative to max(1, |ln J|) on the cell. */
const TOLERANCE = 1e-13;
