/**
 * The general way of the grouped scoring (./btyd-score.ts, docs/lifetime-value.md §3), for the
 * customers off the whole-day grid (./score-grid.ts): their (x, T) pairs in a hash table of the
 * doubles' bits, each pair's horizon sums once (./score-horizon.ts), and P(alive) from the model's
 * formula per customer (BG/NBD, MBG/NBD) or all at once at the end (Pareto/NBD,
 * ./paretonbd-alive.ts). Also the scoring's progress reports.
 */
import { now } from "../math/optimize";
import type { FitOptions } from "./data";
import type { CountParams } from "./models";
import type { HorizonSums } from "./score-horizon";
// Module-local alias: global lookups are slow in jest's VM context (see ./paretonbd.ts).
const math = globalThis.Math;
/** What a released scorer holds instead of its arrays (GeneralWay.release and the like). */
export const NONE = new Float64Array(0);

/** ln c(x) of P(alive) = 1/(1 + c(x)·((α+T)/(α+t_x))^{r+x}) (−Infinity: P = 1); null: P(alive) per customer. */
export type LnOdds = ((p: CountParams, x: number) => number) | null;

/**
 * (x, T) pairs of the general way in an open-addressing hash on the doubles' bits (−0 given as 0):
 * per pair x, T, the alive customer's expectation over the horizon and its discounted sum.
 * Exported for its tests.
 */
export class PairTable {
  /** Per pair: the expectation at `o`, its discounted sum at `o + 1`, x and T at `o + 2`, `o + 3`. */
  groups = new Float64Array(4 * 1024);
  private table: Int32Array;
  private mask: number;
  private m = 0;
  private readonly bits = new Float64Array(2);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(n: number) {
    let cap = 1024;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression: the first size only; the table doubles as pairs arrive (add)
    while (cap < 4 * math.min(n, 4096)) cap *= 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** The offset of pair (x, T) in {@link groups}, or −1. */
  find(x: number, t: number): number {
    const g = this.groups, table = this.table, mask = this.mask;
    for (let slot = this.hash(x, t) & mask; ; slot = (slot + 1) & mask) {
      const o = table[slot];
      if (o < 0) return -1;
      if (g[o + 2] === x && g[o + 3] === t) return o;
    }
  }

  /** Adds a pair not in the table; returns its offset. */
  add(x: number, t: number, expected: number, discounted: number): number {
    const o = 4 * this.m++;
    // Stryker disable next-line EqualityOperator: growing one pair early changes nothing stored
    if (o + 4 > this.groups.length) {
      const bigger = new Float64Array(this.groups.length * 2);
      bigger.set(this.groups);
      this.groups = bigger;
    }
    const g = this.groups;
    g[o] = expected;
    g[o + 1] = discounted;
    g[o + 2] = x;
    g[o + 3] = t;
    // Stryker disable next-line EqualityOperator: rehashing one pair early changes nothing found
    if (2 * this.m > this.table.length) {
      const cap = 2 * this.table.length;
      this.table = new Int32Array(cap).fill(-1);
      this.mask = cap - 1;
      // Stryker disable next-line EqualityOperator: placing the new pair here too leaves a second slot that finds the same offset
      for (let j = 0; j < this.m - 1; j++) this.place(4 * j);
    }
    this.place(o);
    return o;
  }

  private place(o: number): void {
    let slot = this.hash(this.groups[o + 2], this.groups[o + 3]) & this.mask;
    while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
    this.table[slot] = o;
  }

  /** Hash of two doubles given as their four 32-bit words (x then T). */
  private hash(x: number, t: number): number {
    const w = this.words;
    this.bits[0] = x;
    this.bits[1] = t;
    const h = math.imul(w[0] ^ math.imul(w[1], 0x9e3779b1), 0x85ebca6b) ^ math.imul(w[2] ^ math.imul(w[3], 0xc2b2ae35), 0x27d4eb2f);
    return h ^ (h >>> 16);
  }
}

/** The general way: (x, T) pairs in a hash table, P(alive) from the model's formula. */
export class GeneralWay {
  private pairs: PairTable;
  /** Pareto/NBD customers off the grid: their P(alive) at the end, all at once (./paretonbd-alive.ts). */
  readonly rest: number[] = [];

  constructor(
    private data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> },
    private readonly horizonSums: HorizonSums<CountParams>,
    private progress: Progress | null,
    private readonly lnOdds: LnOdds,
    private readonly p: CountParams,
    private pAlive: Float64Array,
    private expectedPurchases: Float64Array,
    private clv: Float64Array,
    private readonly margin: number,
  ) {
    this.pairs = new PairTable(data.frequency.length);
  }

  /** Lets go of the customers' data, scores, pairs and the caller's progress function once the scoring is done (./btyd-score.ts keepShapes). */
  // Stryker disable all: letting go only frees memory; no score is read after it
  release(): void {
    this.progress = null;
    this.data = { frequency: NONE, recency: NONE, T: NONE };
    this.pAlive = this.expectedPurchases = this.clv = NONE;
    this.pairs = new PairTable(0);
    this.rest.length = 0;
  }
  // Stryker restore all

  /** Scores customer i (its x, T and t_x read from the data; expected spend ev); Pareto/NBD's P(alive) is left to {@link rest}. */
  score(i: number, ev: number): void {
    // + 0 turns −0 into 0 (a − 0 would keep −0, a pair of its own with the same sums)
    // Stryker disable next-line ArithmeticOperator: see above
    const x = this.data.frequency[i] + 0, t = this.data.T[i] + 0, tx = this.data.recency[i];
    const pairs = this.pairs;
    let o = pairs.find(x, t);
    if (o < 0) {
      this.progress?.pair(i);
      this.horizonSums.sums(x, t);
      o = pairs.add(x, t, this.horizonSums.out[0], this.horizonSums.out[1]);
    }
    const g = pairs.groups, lnOdds = this.lnOdds;
    // Stryker disable next-line ConditionalExpression: without it every customer goes to `rest`, whose P(alive) the model's probabilityAliveMany gives to the same 1e-12
    if (lnOdds) {
      const p = this.p;
      // c = −∞ (P = 1) stays −∞ here and gives 1.
      const pa = aliveFromLogOdds(lnOdds(p, x) + (p.r + x) * math.log((p.alpha + t) / (p.alpha + tx)));
      this.pAlive[i] = pa;
      this.expectedPurchases[i] = pa * g[o];
      this.clv[i] = pa * g[o + 1] * ev * this.margin;
    } else {
      this.rest.push(i);
      this.expectedPurchases[i] = g[o];
      this.clv[i] = g[o + 1] * ev * this.margin;
    }
  }
}

/** Progress of the scoring, checked every 64 new (x, T) pairs and reported every 250 ms. */
export class Progress {
  private readonly t0 = now();
  private last = this.t0;
  private pairs = 0;

  constructor(
    private readonly onProgress: NonNullable<FitOptions["onProgress"]>,
    private readonly total: number,
  ) {}

  /** A new pair at customer i. */
  pair(i: number): void {
    // Stryker disable next-line UpdateOperator: counting down reaches a multiple of 64 as often
    if ((++this.pairs & 63) !== 0) return;
    const tNow = now();
    // Stryker disable next-line EqualityOperator: a tie at 250 ms exactly is a matter of clock resolution
    if (tNow - this.last < 250) return;
    this.last = tNow;
    this.onProgress({ stage: "score", done: i, total: this.total, elapsedMs: tNow - this.t0 });
  }
}

/** 1/(1 + e^L) without overflow, one exponential. */
function aliveFromLogOdds(L: number): number {
  const e = math.exp(-math.abs(L)); // 0 at L = −∞, so 1 below
  // Stryker disable next-line EqualityOperator: at L = 0 both arms are 1/2
  return L > 0 ? e / (1 + e) : 1 / (1 + e);
}
