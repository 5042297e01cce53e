/**
 * The grouping of identical (x, t_x, T) histories with their weights, which turns a fit over a
 * million customers into a fit over their few hundred thousand distinct histories (CDNOW's 2,357
 * customers into 1,016 rows; docs/models/fitting.md §2), and the open-addressing table of
 * number tuples it uses (also used by the scoring and the forecast).
 */
import type { RfmData } from "./data";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** Distinct (x, t_x, T) histories with their total weights, and the map back to customers. */
export interface GroupedRfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Number of groups. */
  size: number;
  /** Group of each input row. */
  groupOf: Int32Array;
  /** Σ weights (number of customers). */
  totalWeight: number;
  /** Distinct frequencies, with `xIndex[g]` the position of group g's x among them. */
  distinctX: Float64Array;
  xIndex: Int32Array;
  /** Σ weights per distinct frequency. */
  weightOfX: Float64Array;
  /** Distinct values among all t_x and T, so ln(α + t) is computed once per value per evaluation. */
  distinctTimes: Float64Array;
  /** Positions of each group's t_x and T among `distinctTimes`. */
  txIndex: Int32Array;
  TIndex: Int32Array;
}

/**
 * Groups identical (x, t_x, T) rows, summing their weights; O(n) expected time with an
 * open-addressing hash table on the bit patterns of the three numbers.
 * @example groupRfm(toRfmData({ frequency: [0, 0, 1], recency: [0, 0, 2], T: [5, 5, 5] })).size // 2
 */
export function groupRfm(data: RfmData): GroupedRfm {
  const n = data.length;
  // Stryker disable next-line MethodExpression: the expected size only sizes the table, which grows on demand: a performance choice, not a result
  const index = new TupleIndex(3, math.min(n, 1 << 20));
  const groupOf = new Int32Array(n);
  const key = new Float64Array(3);
  let wAcc = new Float64Array(1024);
  for (let i = 0; i < n; i++) {
    key[0] = data.frequency[i];
    key[1] = data.recency[i];
    key[2] = data.T[i];
    const g = index.add(key);
    if (g >= wAcc.length) {
      const bigger = new Float64Array(wAcc.length * 2);
      bigger.set(wAcc);
      wAcc = bigger;
    }
    wAcc[g] += data.weights ? data.weights[i] : 1;
    groupOf[i] = g;
  }
  const size = index.size;
  const x = new Float64Array(size), tx = new Float64Array(size), T = new Float64Array(size);
  const keys = index.keys;
  // Stryker disable next-line EqualityOperator: g = size writes past the end of a typed array, which is ignored
  for (let g = 0; g < size; g++) {
    x[g] = keys[3 * g];
    tx[g] = keys[3 * g + 1];
    T[g] = keys[3 * g + 2];
  }
  const w = wAcc.slice(0, size);
  let totalWeight = 0;
  for (let g = 0; g < size; g++) totalWeight += w[g];
  const xs = new Map<number, number>();
  const xIndex = new Int32Array(size);
  for (let g = 0; g < size; g++) {
    let k = xs.get(x[g]);
    if (k === undefined) {
      k = xs.size;
      xs.set(x[g], k);
    }
    xIndex[g] = k;
  }
  const distinctX = new Float64Array(xs.size);
  for (const [value, k] of xs) distinctX[k] = value;
  const weightOfX = new Float64Array(xs.size);
  // Stryker disable next-line EqualityOperator: g = size reads xIndex[size] (undefined) and adds to a non-index property of the typed array, which nothing reads
  for (let g = 0; g < size; g++) weightOfX[xIndex[g]] += w[g];
  const times = new Map<number, number>();
  const txIndex = new Int32Array(size), TIndex = new Int32Array(size);
  const timeIndex = (v: number): number => {
    let k = times.get(v);
    if (k === undefined) {
      k = times.size;
      times.set(v, k);
    }
    return k;
  };
  for (let g = 0; g < size; g++) {
    txIndex[g] = timeIndex(tx[g]);
    TIndex[g] = timeIndex(T[g]);
  }
  const distinctTimes = new Float64Array(times.size);
  for (const [value, k] of times) distinctTimes[k] = value;
  return { x, tx, T, w, size, groupOf, totalWeight, distinctX, xIndex, weightOfX, distinctTimes, txIndex, TIndex };
}

/**
 * A hash index of fixed-length tuples of numbers (exact equality of the doubles; −0 equals 0),
 * numbering the distinct tuples 0, 1, 2, … in order of first appearance. Amortised O(1) per add.
 */
export class TupleIndex {
  private readonly dim: number;
  private table: Int32Array;
  private mask: number;
  keys: Float64Array;
  size = 0;
  private readonly bitsF = new Float64Array(1);
  private readonly bitsU = new Uint32Array(this.bitsF.buffer);

  constructor(dim: number, expected = 1024) {
    this.dim = dim;
    let cap = 1024;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the initial capacity is a performance choice; a smaller table rehashes as it fills
    while (cap < expected * 2) cap *= 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    // Stryker disable next-line ArithmeticOperator,MethodExpression: the initial key store grows on demand (add doubles it): a performance choice
    this.keys = new Float64Array(math.max(16, math.min(expected, 1 << 16)) * dim);
  }

  private hash(key: ArrayLike<number>, offset: number): number {
    let h = 0x811c9dc5 | 0;
    for (let j = 0; j < this.dim; j++) {
      this.bitsF[0] = key[offset + j] + 0; // +0 turns −0 into 0
      h = math.imul(h ^ this.bitsU[0], 0x01000193);
      h = math.imul(h ^ this.bitsU[1], 0x01000193);
      h ^= h >>> 15;
    }
    return h;
  }

  /** Index of `key` (first `dim` numbers), adding it when new. */
  add(key: ArrayLike<number>): number {
    const dim = this.dim;
    let slot = this.hash(key, 0) & this.mask;
    for (;;) {
      const g = this.table[slot];
      if (g < 0) break;
      let same = true;
      for (let j = 0; j < dim; j++) {
        if (this.keys[g * dim + j] !== key[j]) {
          same = false;
          break;
        }
      }
      if (same) return g;
      slot = (slot + 1) & this.mask;
    }
    const g = this.size++;
    // Stryker disable next-line EqualityOperator: growing one key early only enlarges the store sooner
    if ((g + 1) * dim > this.keys.length) {
      const bigger = new Float64Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    // Stryker disable next-line EqualityOperator: j = dim writes the first slot of the next key (overwritten when it is added) or past the end (ignored); keys are read only below size·dim
    for (let j = 0; j < dim; j++) this.keys[g * dim + j] = key[j] + 0;
    this.table[slot] = g;
    // Stryker disable next-line EqualityOperator: rehashing at exactly half full instead of just past it changes only when the table grows
    if (this.size * 2 > this.table.length) this.rehash();
    return g;
  }

  private rehash(): void {
    const cap = this.table.length * 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let g = 0; g < this.size; g++) {
      let slot = this.hash(this.keys, g * this.dim) & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = g;
    }
  }
}
