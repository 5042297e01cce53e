/**
 * The scoring loop over the customers on the whole-day grid (./btyd-score.ts, ./score-grid.ts,
 * docs/lifetime-value.md §3): per (x, grid point) tables filled as customers need them, read by a
 * loop per model kind that calls nothing.
 */
import type * as gammagamma from "./gammagamma";
import type { CountParams } from "./models";
import type { ParetoNbdParams } from "./paretonbd";
import type { DayGrid } from "./score-grid";
import { NONE, type GeneralWay, type LnOdds, type Progress } from "./score-general";
import type { HorizonSums } from "./score-horizon";
import { ParetoCells } from "./score-pareto";
// Module-local alias: global lookups are slow in jest's VM context (see ./paretonbd.ts).
const math = globalThis.Math;

/**
 * BG/NBD's and MBG/NBD's words per (x, grid point) in each half of GridScoring.cells. The first half
 * (k as T): E, its sum, c(x)·g(x, T) and at TAG_T the point's time once those three are worked out;
 * the second (k as t_x): 1/g(x, t), at TAG_X the point's time once it is, and at SPEND
 * 1/(px + q − 1).
 */
const WORDS = 4;
const TAG_T = 3, TAG_X = 1, SPEND = 2;

/**
 * The customers on the whole-day grid (./btyd-score.ts, ./score-grid.ts): per (x, grid point) tables
 * filled as customers need them, and one loop over the customers that reads them. The loop is a
 * method of one class whose fields are all typed arrays and numbers, and it makes no object,
 * closure or heap number per customer: a double passed to or returned from a call V8 does not
 * inline is boxed, and V8 boxes a value where it is computed, not in the rare branch that passes
 * it (a million heap numbers a call, 4–5 minor collections). So what the loop calls gets small
 * integers only (a customer's index, its grid points) and reads the times from the arrays, and
 * writes its result into the scores rather than returning it.
 */
export class GridScoring {
  private readonly perUnit: number;
  private readonly cap: number;
  private readonly xCount: number;
  private readonly at: Float64Array;
  /**
   * Per (x, grid point k), at stride·(x·cap + k): the alive customer's expectation over the horizon
   * at T = the point's time and its discounted sum; then for BG/NBD and MBG/NBD P(alive)'s
   * c(x)·g(x, T) and 1/g(x, t_x), g(x, t) = ((α+t)/m)^{r+x}, for Pareto/NBD P(alive) at t_x = 0 of
   * the pair (x, T). NaN: not yet worked out. BG/NBD and MBG/NBD keep 1/g(x, t_x) in a second half
   * of the array, from {@link xPart} (WORDS), with tags: the point's time once the words for k as T,
   * or for k as t_x, are all worked out. So their loop checks a customer with two reads of this
   * array instead of four of `at` and of the words themselves, and reads nothing else: V8 checks
   * each typed array a loop reads in every iteration (its map, its length, its data pointer). And
   * the words a customer at t_x = 0 needs (two in three of them) take 32 bytes a point, so that
   * x = 0's 365 points fit in 12 kB of the processor's first cache.
   */
  private cells: Float64Array;
  /** Where the second half of {@link cells} starts (BG/NBD, MBG/NBD). */
  private readonly xPart: number;
  /** c(x) of P(alive) (BG/NBD, MBG/NBD). */
  private readonly odds: Float64Array;
  private readonly lnMid: number;
  private readonly rx: Float64Array;
  private readonly alpha: number;
  /** 1/(px + q − 1) per frequency and Gamma-Gamma's p, q, γ (FH 2013 eq. 5); spend false: the spends are given. */
  private readonly spendDenominator: Float64Array;
  private readonly gp: number;
  private readonly gq: number;
  private readonly gv: number;
  private readonly spend: boolean;
  /** Pareto/NBD's ln J and E (./score-pareto.ts), or null. */
  private readonly pareto: ParetoCells | null;

  constructor(
    grid: DayGrid,
    p: CountParams,
    lnOdds: LnOdds,
    gg: gammagamma.GammaGammaParams | null,
    private readonly margin: number,
    private readonly horizonSums: HorizonSums<CountParams>,
    private progress: Progress | null,
    private readonly general: GeneralWay,
  ) {
    const cap = grid.cap, xCount = grid.xCount, size = xCount * cap;
    this.perUnit = grid.perUnit;
    this.cap = cap;
    this.xCount = xCount;
    this.at = grid.at;
    this.alpha = p.alpha;
    this.lnMid = 0.5 * (math.log(p.alpha) + math.log(p.alpha + grid.maxT));
    this.cells = new Float64Array((lnOdds ? 2 : 1) * 4 * size).fill(Number.NaN);
    this.xPart = 4 * size;
    this.odds = new Float64Array(xCount);
    this.rx = new Float64Array(xCount);
    this.spendDenominator = new Float64Array(xCount);
    this.gp = gg ? gg.p : 0;
    this.gq = gg ? gg.q : 0;
    this.gv = gg ? gg.v : 0;
    this.spend = gg !== null;
    // Stryker disable next-line EqualityOperator: x = xCount writes past the typed arrays' ends, which they ignore
    for (let x = 0; x < xCount; x++) {
      if (lnOdds) this.odds[x] = math.exp(lnOdds(p, x));
      this.rx[x] = p.r + x;
      if (gg) this.spendDenominator[x] = 1 / (gg.p * x + gg.q - 1);
    }
    this.pareto = lnOdds ? null : new ParetoCells(p as unknown as ParetoNbdParams, size, grid.maxT, grid.customers, cap, grid.at);
  }

  /** Lets go of the tables and the caller's progress function once the scoring is done (./btyd-score.ts keepShapes). */
  // Stryker disable next-line BlockStatement: letting go only frees memory; no score is read after it
  release(): void {
    this.progress = null;
    this.cells = NONE;
    this.pareto?.release();
  }

  /** Scores every customer: those on the grid here, the others by {@link GeneralWay.score}. O(n) table reads. */
  run(
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    monetary: ArrayLike<number>,
    expectedValue: Float64Array,
    pAlive: Float64Array,
    expectedPurchases: Float64Array,
    clv: Float64Array,
  ): void {
    if (this.pareto === null) this.runPowers(frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv);
    else this.runPareto(this.pareto, frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv);
  }

  /**
   * BG/NBD and MBG/NBD: P(alive) = 1/(1 + [c(x)·g(x, T)]·[1/g(x, t_x)]), two table reads and a
   * division (the product in the order of the formula, so every customer of a history gets the same
   * bits, t_x = 0 or not). The customers go through {@link powersFrom}, a loop that calls nothing,
   * and the few it stops at (a time that claims its grid point, a new pair or power, a customer
   * off the grid: some 20,000 of a million) through {@link powersOne}, which does. A call in the
   * loop, even on a path never taken, costs every customer: the values live across it are kept on
   * the stack and the arrays' checks are repeated after it (a million customers: about a quarter
   * of the loop's time).
   */
  private runPowers(
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    monetary: ArrayLike<number>,
    expectedValue: Float64Array,
    pAlive: Float64Array,
    expectedPurchases: Float64Array,
    clv: Float64Array,
  ): void {
    const n = frequency.length;
    for (let i = this.powersFrom(0, frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv); i < n; i = this.powersFrom(i + 1, frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv)) {
      this.powersOne(i, frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv);
    }
  }

  /**
   * Scores customers i0, i0 + 1, … until one needs more than table reads (returned; n when none).
   * The grid points: round(t·perUnit) as (t·perUnit + 0.5) | 0, taken when that point stands for t
   * (a point only ever stands for a time that rounds to it). The expected spend's max(m, 0) is m
   * itself for the spends m ≥ 0 taken here (a negative or NaN spend stops the loop): a test that
   * always passes, with no branch to mispredict (max's, where a third of the customers spent
   * nothing) and no arithmetic. With the tags and the times read without + 0, the loop over a
   * million customers went from 15.7 to 14.5 ms (BG/NBD, tables filled; Node 20, the other core busy).
   */
  private powersFrom(
    i0: number,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    monetary: ArrayLike<number>,
    expectedValue: Float64Array,
    pAlive: Float64Array,
    expectedPurchases: Float64Array,
    clv: Float64Array,
  ): number {
    const n = frequency.length;
    // The fields as raw doubles, integers and a boolean once here (+, | 0, === true): V8 would
    // otherwise convert the tagged values at every use, in every iteration.
    const perUnit = +this.perUnit, cap = this.cap | 0, xCount = this.xCount | 0;
    const cells = this.cells, margin = +this.margin, xPart = this.xPart | 0;
    const gp = +this.gp, gv = +this.gv, spend = this.spend === true;
    // Stryker disable next-line EqualityOperator: at i = n, x is undefined and xi 0, which is not x: the loop returns n all the same
    for (let i = i0; i < n; i++) {
      // −0 needs no + 0 here: it rounds to point 0, equals the tag 0, and x·m + γ is γ either way.
      const x = frequency[i], t = T[i], tx = recency[i];
      const xi = x | 0;
      if (xi !== x) return i;
      // The next two checks only save reads: without them a whole x outside the rows, or a point
      // outside a row, reads a cell of another row or point or the second half's unused word 3 (NaN)
      // or past the array (undefined), whose tags below never equal t and t_x (a point's tag is a
      // time that rounds to that point); t_x > T, which no summary has, reads the same factors the
      // formula multiplies.
      // Stryker disable next-line all: a check of bounds that the tags make again (comment above)
      if (!(xi >= 0 && xi < xCount)) return i;
      const kT = (t * perUnit + 0.5) | 0, kx = (tx * perUnit + 0.5) | 0;
      // Stryker disable next-line all: a check of bounds that the tags make again (comment above)
      if (!(kx >= 0 && kx <= kT && kT < cap)) return i;
      const row = xi * cap, o = WORDS * (row + kT), ox = xPart + WORDS * (row + kx);
      // The tags stand for the points' times only once every word read below is worked out.
      if (!(cells[o + TAG_T] === t && cells[ox + TAG_X] === tx)) return i;
      const pa = 1 / (1 + cells[o + 2] * cells[ox]);
      let ev = 0;
      if (spend) {
        const m = monetary[i];
        if (!(m >= 0)) return i;
        ev = expectedValue[i] = gp * (gv + x * m) * cells[ox + SPEND];
      } else {
        ev = expectedValue[i];
      }
      pAlive[i] = pa;
      expectedPurchases[i] = pa * cells[o];
      clv[i] = pa * cells[o + 1] * ev * margin;
    }
    return n;
  }

  /** Customer i as {@link powersFrom} scores it, claiming grid points and filling tables as needed, or off the grid. */
  private powersOne(
    i: number,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    monetary: ArrayLike<number>,
    expectedValue: Float64Array,
    pAlive: Float64Array,
    expectedPurchases: Float64Array,
    clv: Float64Array,
  ): void {
    const cap = this.cap, cells = this.cells;
    // Stryker disable next-line ArithmeticOperator: with −0 kept, x | 0 is 0 === −0 and x·z̄ is −0: the same row and spend
    const x = frequency[i] + 0;
    const xi = x | 0;
    // Stryker disable next-line UnaryOperator: kx stays −1 whenever kT is not set, and kx decides
    let kT = -1, kx = -1;
    if (xi === x && xi >= 0 && xi < this.xCount) {
      kT = this.point(T, i, cap - 1);
      if (kT >= 0) kx = this.point(recency, i, kT);
    }
    if (kx < 0) {
      this.offGrid(i, frequency, monetary, expectedValue);
      return;
    }
    const row = xi * cap, o = WORDS * (row + kT), ox = this.xPart + WORDS * (row + kx);
    if (cells[o] !== cells[o]) this.newPair(i, xi, kT, o);
    let gT = cells[o + 2];
    if (gT !== gT) gT = this.power(xi, kT, o + 2, 1);
    let gx = cells[ox];
    if (gx !== gx) gx = this.power(xi, kx, ox, -1);
    // The loop's tags (class comment): both times are the points' own here (point claimed them).
    cells[o + TAG_T] = this.at[kT];
    cells[ox + TAG_X] = this.at[kx];
    cells[ox + SPEND] = this.spendDenominator[xi];
    const pa = 1 / (1 + gT * gx);
    let ev = 0;
    if (this.spend) {
      ev = expectedValue[i] = this.gp * (this.gv + x * math.max(monetary[i], 0)) * this.spendDenominator[xi];
    } else {
      ev = expectedValue[i];
    }
    pAlive[i] = pa;
    expectedPurchases[i] = pa * cells[o];
    clv[i] = pa * cells[o + 1] * ev * this.margin;
  }

  /**
   * c(x)·g(x, t) (sign 1) or 1/g(x, t) (sign −1) at grid point k into cells[at] (class comment;
   * m the geometric middle of α and α + max T). Integers in, as the class comment says.
   */
  private power(x: number, k: number, at: number, sign: number): number {
    const g = math.exp(sign * this.rx[x] * (math.log(this.alpha + this.at[k]) - this.lnMid));
    return (this.cells[at] = sign > 0 ? this.odds[x] * g : g);
  }

  /** Customer i off the grid: its expected spend (FH 2013 eq. 5) and {@link GeneralWay.score} (the index in, not x: see the class comment). */
  private offGrid(i: number, frequency: ArrayLike<number>, monetary: ArrayLike<number>, expectedValue: Float64Array): void {
    // Stryker disable next-line ArithmeticOperator: −0 gives the same spend (−0·z̄ added to γ)
    const gp = this.gp, x = frequency[i] + 0;
    const ev = this.spend ? (expectedValue[i] = (gp * (this.gv + x * math.max(monetary[i], 0))) / (gp * x + this.gq - 1)) : expectedValue[i];
    this.general.score(i, ev);
  }

  /**
   * Pareto/NBD: P(alive) from ln J and E of the two grid points (./score-pareto.ts), kept once per
   * (x, T) pair for the customers without repeat purchases (t_x = 0). As {@link runPowers}: a loop
   * that calls nothing ({@link paretoFrom}) and the customers it stops at one by one ({@link paretoOne}).
   */
  private runPareto(
    pareto: ParetoCells,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    monetary: ArrayLike<number>,
    expectedValue: Float64Array,
    pAlive: Float64Array,
    expectedPurchases: Float64Array,
    clv: Float64Array,
  ): void {
    const n = frequency.length;
    for (let i = this.paretoFrom(0, pareto.cells, frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv); i < n; i = this.paretoFrom(i + 1, pareto.cells, frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv)) {
      this.paretoOne(i, pareto, frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv);
    }
  }

  /**
   * {@link powersFrom} for Pareto/NBD: P(alive) = 1/(1 + W(T)·J(t_x) − V(T)) from `points`
   * (ParetoCells.cells, 4 words per point), 1 at t_x = T, the pair's own at t_x = 0; a NaN there,
   * or odds outside (0, 1e300), stop the loop (ParetoCells.alive has the other ways).
   */
  private paretoFrom(
    i0: number,
    points: Float64Array,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    monetary: ArrayLike<number>,
    expectedValue: Float64Array,
    pAlive: Float64Array,
    expectedPurchases: Float64Array,
    clv: Float64Array,
  ): number {
    const n = frequency.length;
    // The fields as raw doubles, integers and a boolean once here (+, | 0, === true): V8 would
    // otherwise convert the tagged values at every use, in every iteration.
    const perUnit = +this.perUnit, cap = this.cap | 0, xCount = this.xCount | 0, at = this.at;
    const cells = this.cells, margin = +this.margin;
    const spendDenominator = this.spendDenominator, gp = +this.gp, gv = +this.gv, spend = this.spend === true;
    // Stryker disable next-line EqualityOperator: at i = n, x is undefined (NaN after + 0) and fails the row test: the loop returns n all the same
    for (let i = i0; i < n; i++) {
      // Stryker disable next-line ArithmeticOperator: −0 rounds to point 0, equals the tag 0 and tests === 0 as 0 does
      const x = frequency[i] + 0, t = T[i] + 0, tx = recency[i] + 0; // + 0 turns −0 into 0
      const xi = x | 0;
      if (!(xi === x && xi >= 0 && xi < xCount)) return i;
      const kT = (t * perUnit + 0.5) | 0;
      // Stryker disable next-line all: a check of bounds that the next line makes again: `at` holds cap points, and a point outside them reads undefined, which is not t
      if (!(kT >= 0 && kT < cap)) return i;
      if (at[kT] !== t) return i;
      const kx = (tx * perUnit + 0.5) | 0;
      // Stryker disable next-line all: a check of bounds that the next line makes again: a negative point reads undefined from `at`, which is not t_x
      if (kx < 0) return i;
      if (!(kx <= kT && at[kx] === tx)) return i;
      const row = xi * cap, o = 4 * (row + kT);
      const e = cells[o];
      if (e !== e) return i;
      let pa = 1;
      if (tx === 0) {
        pa = cells[o + 2];
        if (pa !== pa) return i;
      } else if (kx !== kT) {
        const p = 4 * (row + kT), px = 4 * (row + kx);
        const q = points[p + 2] * points[px + 1] - points[p + 3];
        // NaN (a point not yet worked out, or the logarithmic way) fails both.
        if (!(q > 0 && q < 1e300)) return i;
        pa = 1 / (1 + q);
      }
      let ev = 0;
      if (spend) {
        const m = monetary[i];
        if (!(m >= 0)) return i;
        ev = expectedValue[i] = gp * (gv + x * m) * spendDenominator[xi];
      } else {
        ev = expectedValue[i];
      }
      pAlive[i] = pa;
      expectedPurchases[i] = pa * e;
      clv[i] = pa * cells[o + 1] * ev * margin;
    }
    return n;
  }

  /** Customer i as {@link paretoFrom} scores it, claiming grid points and filling tables as needed, or off the grid. */
  private paretoOne(
    i: number,
    pareto: ParetoCells,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    monetary: ArrayLike<number>,
    expectedValue: Float64Array,
    pAlive: Float64Array,
    expectedPurchases: Float64Array,
    clv: Float64Array,
  ): void {
    const cap = this.cap, cells = this.cells;
    // Stryker disable next-line ArithmeticOperator: −0 gives the same row, and t_x = −0 tests === 0 as 0 does
    const x = frequency[i] + 0, tx = recency[i] + 0;
    const xi = x | 0;
    // Stryker disable next-line UnaryOperator: kx stays −1 whenever kT is not set, and kx decides
    let kT = -1, kx = -1;
    if (xi === x && xi >= 0 && xi < this.xCount) {
      kT = this.point(T, i, cap - 1);
      if (kT >= 0) kx = this.point(recency, i, kT);
    }
    if (kx < 0) {
      this.offGrid(i, frequency, monetary, expectedValue);
      return;
    }
    const o = 4 * (xi * cap + kT);
    if (cells[o] !== cells[o]) this.newPair(i, xi, kT, o);
    // A customer without repeat purchases: P(alive) once per pair.
    let pa = 0;
    if (tx === 0) pa = cells[o + 2];
    if (tx !== 0 || pa !== pa) {
      pareto.alive(pAlive, i, xi, xi * cap, kT, kx);
      pa = pAlive[i];
      if (tx === 0) cells[o + 2] = pa;
    }
    let ev = 0;
    if (this.spend) {
      ev = expectedValue[i] = this.gp * (this.gv + x * math.max(monetary[i], 0)) * this.spendDenominator[xi];
    } else {
      ev = expectedValue[i];
    }
    pAlive[i] = pa;
    expectedPurchases[i] = pa * cells[o];
    clv[i] = pa * cells[o + 1] * ev * this.margin;
  }

  /**
   * The grid point of customer i's time in `times` (./score-grid.ts gridIndex) when the quick
   * rounding of the loops missed: k = round(t·perUnit) when 0 ≤ k ≤ last and k stands for t or for
   * no time yet (t claims it), else −1. (The customer's index in, not the double: see the class
   * comment; and an integer out, | 0 at the call too: a rounded double merged into the loop's grid
   * points would make them doubles, converted and checked at every use.)
   */
  private point(times: ArrayLike<number>, i: number, last: number): number {
    // Stryker disable next-line ArithmeticOperator: −0 rounds to point 0 and equals a tag 0 (a −0 claimed first equals a later 0 too)
    const t = times[i] + 0;
    const round = math.round(t * this.perUnit);
    if (!(round >= 0 && round <= last)) return -1;
    const k = round | 0;
    const a = this.at[k];
    if (a === t) return k;
    if (a !== a) {
      this.at[k] = t;
      return k;
    }
    return -1;
  }

  /** The horizon sums of a new (x, T) pair at cells[o] (customer i, T at grid point kT). */
  private newPair(i: number, x: number, kT: number, o: number): void {
    this.progress?.pair(i);
    const horizonSums = this.horizonSums;
    horizonSums.sums(x, this.at[kT]);
    this.cells[o] = horizonSums.out[0];
    this.cells[o + 1] = horizonSums.out[1];
  }
}
