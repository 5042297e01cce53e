/**
 * The small open-addressing tables of the grouping of histories (./grouping.ts) and of the
 * scoring and the forecast: numbers of distinct doubles ({@link ValueIndex}) and of tuples of
 * numbers ({@link TupleIndex}), in order of first appearance (docs/models/fitting.md §2, §16).
 */
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** A copy of `a` of length `length` (≥ a.length), the new cells set to `fill`. */
export function grow<A extends Int32Array | Float64Array>(a: A, length: number, fill: number): A {
  const bigger = new (a.constructor as new (n: number) => A)(length);
  bigger.set(a);
  if (fill !== 0) bigger.fill(fill, a.length);
  return bigger;
}

/** Hash of three small non-negative integers (a group's numbers). */
export function tripleHash(a: number, b: number, c: number): number {
  let h = math.imul(a, 0x9e3779b1) ^ math.imul(b, 0x85ebca6b) ^ math.imul(c, 0xc2b2ae35);
  h ^= h >>> 15;
  h = math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/**
 * Numbers distinct doubles 0, 1, 2, … in order of first appearance (exact equality; −0 equals
 * 0), in an open-addressing table on their bit patterns. Amortised O(1) per add; small when the
 * values are few (times at day resolution, frequencies), so it stays in cache.
 */
export class ValueIndex {
  private table = new Int32Array(256).fill(-1);
  /** 32 − log2 of the table's size: a slot is the top bits of the hash. */
  private shift = 24;
  private store: Float64Array = new Float64Array(128);
  private size = 0;

  /**
   * Fibonacci hashing of the value scaled and truncated to an integer: one multiply, no trip
   * through the double's bit pattern. Values closer than 1/1021 may share a slot (resolved by
   * probing); times at day resolution, in days, weeks or months, are spread apart.
   */
  private slotOf(v: number): number {
    return math.imul((v * 1021.37) | 0, 0x9e3779b1) >>> this.shift;
  }

  /** The number of `v`, adding it when new. */
  add(value: number): number {
    const v = value + 0; // + 0 turns −0 into 0
    let slot = this.slotOf(v);
    for (;;) {
      const k = this.table[slot];
      if (k < 0) break;
      if (this.store[k] === v) return k;
      slot = (slot + 1) & (this.table.length - 1);
    }
    const k = this.size++;
    if (k >= this.store.length) this.store = grow(this.store, 2 * this.store.length, 0);
    this.store[k] = v;
    this.table[slot] = k;
    if (2 * this.size > this.table.length) {
      this.table = new Int32Array(2 * this.table.length).fill(-1);
      this.shift--;
      const mask = this.table.length - 1;
      for (let j = 0; j < this.size; j++) {
        let s = this.slotOf(this.store[j]);
        while (this.table[s] >= 0) s = (s + 1) & mask;
        this.table[s] = j;
      }
    }
    return k;
  }

  /** The distinct values, by number. */
  values(): Float64Array {
    return this.store.slice(0, this.size);
  }
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
