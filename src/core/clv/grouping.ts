/**
 * The grouping of identical (x, t_x, T) histories with their weights, which turns a fit over a
 * million customers into a fit over their few hundred thousand distinct histories (CDNOW's 2,357
 * customers into 1,016 rows; docs/models/fitting.md §2). Its hash tables are in ./hash-tables.ts.
 */
import type { RfmData } from "./data";
import { grow, tripleHash, ValueIndex } from "./hash-tables";
export { TupleIndex } from "./hash-tables";
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
 * Groups identical (x, t_x, T) rows, summing their weights; O(n) expected time. Groups, distinct
 * frequencies and distinct times are numbered in order of first appearance.
 *
 * Each time value is first numbered in a small hash table of the distinct times (a few hundred
 * at day resolution, so it stays in cache), the frequency by a direct array; a history is then
 * three small integers. One-time buyers (x = 0, t_x = 0: most customers) are grouped by T's
 * number in a direct array, the others in an open-addressing table of integer triples — about
 * 5× faster than hashing the three doubles of every row (docs/models/fitting.md §16). Below
 * {@link SMALL_BELOW} rows the numbering is done in `Map`s instead ({@link groupRfmSmall}), from
 * {@link BUCKETED_FROM} rows by T first ({@link groupRfmBucketed}): the same result.
 * @example groupRfm(toRfmData({ frequency: [0, 0, 1], recency: [0, 0, 2], T: [5, 5, 5] })).size // 2
 */
export function groupRfm(data: RfmData): GroupedRfm {
  // Which way runs is a matter of speed: the three give the same grouping (cold-start.test.ts and
  // grouping-large.test.ts compare them, each against the others).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
  if (data.length < SMALL_BELOW) return groupRfmSmall(data);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: see above
  if (data.length >= BUCKETED_FROM) {
    const bucketed = groupRfmBucketed(data);
    // Stryker disable next-line ConditionalExpression: see above (null falls to the hashed way)
    if (bucketed) return bucketed;
  }
  return groupRfmHashed(data);
}

/**
 * Below this many rows {@link groupRfm} numbers the histories in `Map`s ({@link groupRfmSmall}):
 * measured in a fresh process, 2,500 rows cost 2.8 ms of CPU that way against 5.8 ms by the hash
 * table (whose probe V8 compiles with its optimising compiler first), 8,000 rows 8.9 against
 * 15.6 ms; warm, the hash table is about twice as fast (0.1 ms more at CDNOW's 2,357 rows).
 */
export const SMALL_BELOW = 1 << 13;

/**
 * {@link groupRfm} below {@link BUCKETED_FROM} rows, with the same result, for the first fit in a
 * fresh process, which runs this loop in the interpreter (docs/models/fitting.md §16): the
 * frequencies, times and histories are numbered in `Map`s (built-in code, so a lookup costs the
 * interpreter one call instead of the tens of instructions of a hash probe written here), a
 * history by the one number (x# · 2^17 + t_x#) · 2^17 + T#, exact below 2^53 as there are fewer
 * than 2^16 rows, so fewer than 2^16 distinct frequencies and 2^17 distinct times. A Map's keys
 * are equal as SameValueZero: −0 is 0, as in the hash path. O(n) expected.
 */
export function groupRfmSmall(data: RfmData): GroupedRfm {
  const n = data.length;
  // Stryker disable next-line all: a guard of the key's exactness, never reached from groupRfm
  if (n >= 1 << 16) throw new RangeError("groupRfmSmall takes fewer than 65,536 rows");
  const { frequency, recency, T: age, weights } = data;
  const xNumber = new Map<number, number>(), timeNumber = new Map<number, number>(), groupNumber = new Map<number, number>();
  const xs: number[] = [], times: number[] = [];
  const keys = new Int32Array(3 * n);
  const wAcc = new Float64Array(n);
  const groupOf = new Int32Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const x = frequency[i], t = recency[i], T = age[i];
    let xi = xNumber.get(x);
    if (xi === undefined) {
      xi = xs.length;
      xNumber.set(x, xi);
      xs.push(x + 0);
    }
    let ti = timeNumber.get(t);
    if (ti === undefined) {
      ti = times.length;
      timeNumber.set(t, ti);
      times.push(t + 0);
    }
    let Ti = timeNumber.get(T);
    if (Ti === undefined) {
      Ti = times.length;
      timeNumber.set(T, Ti);
      times.push(T + 0);
    }
    const key = (xi * 131072 + ti) * 131072 + Ti;
    let g = groupNumber.get(key);
    if (g === undefined) {
      g = size++;
      groupNumber.set(key, g);
      keys[3 * g] = xi;
      keys[3 * g + 1] = ti;
      keys[3 * g + 2] = Ti;
    }
    wAcc[g] += weights ? weights[i] : 1;
    groupOf[i] = g;
  }
  return finish(size, keys, wAcc, groupOf, Float64Array.from(xs), Float64Array.from(times));
}

/**
 * {@link groupRfm} by an open-addressing table of the histories' numbers, as the comment on
 * groupRfm describes: from {@link SMALL_BELOW} rows, and from {@link BUCKETED_FROM} rows when the
 * times are not on a grid ({@link groupRfmBucketed} null).
 */
export function groupRfmHashed(data: RfmData): GroupedRfm {
  const n = data.length;
  const { frequency, recency, T: age, weights } = data;
  const times = new ValueIndex();
  const xs = new ValueIndex();
  // Group of the one-time buyers (x = 0, t_x = 0) by T's number (−1: none yet).
  let zeroGroup: Int32Array = new Int32Array(1024).fill(-1);
  // Every group's (x, t_x, T) numbers; the other groups are found through an open-addressing table
  // whose slots hold the group and its three numbers side by side (16 bytes), so a probe reads
  // one cache line instead of the table's and then the key store's.
  let keys: Int32Array = new Int32Array(3 * 1024);
  let cap = 1024;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the initial capacity is a performance choice; the table grows as it fills
  while (cap < 2 * math.min(n, 1 << 18)) cap *= 2;
  let table = new Int32Array(4 * cap).fill(-1);
  let mask = cap - 1;
  let hashed = 0;
  let wAcc: Float64Array = new Float64Array(1024);
  const groupOf = new Int32Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const x = frequency[i], t = recency[i];
    const xi = xs.add(x);
    const ti = times.add(t);
    const Ti = times.add(age[i]);
    let g: number;
    if (x === 0 && t === 0) {
      if (Ti >= zeroGroup.length) zeroGroup = grow(zeroGroup, 2 * (Ti + 1), -1);
      g = zeroGroup[Ti];
      if (g < 0) {
        g = zeroGroup[Ti] = size++;
        keys = setKey(keys, g, xi, ti, Ti);
      }
    } else {
      let slot = tripleHash(xi, ti, Ti) & mask;
      for (;;) {
        const o = slot << 2;
        g = table[o];
        if (g < 0 || (table[o + 1] === xi && table[o + 2] === ti && table[o + 3] === Ti)) break;
        slot = (slot + 1) & mask;
      }
      if (g < 0) {
        g = size++;
        keys = setKey(keys, g, xi, ti, Ti);
        const o = slot << 2;
        table[o] = g;
        table[o + 1] = xi;
        table[o + 2] = ti;
        table[o + 3] = Ti;
        if (2 * ++hashed > cap) {
          // Rehash into a table twice the size: the old table holds exactly the hashed groups.
          const old = table;
          cap *= 2;
          mask = cap - 1;
          table = new Int32Array(4 * cap).fill(-1);
          for (let k = 0; k < old.length; k += 4) {
            if (old[k] < 0) continue;
            let s = tripleHash(old[k + 1], old[k + 2], old[k + 3]) & mask;
            while (table[s << 2] >= 0) s = (s + 1) & mask;
            table.set(old.subarray(k, k + 4), s << 2);
          }
        }
      }
    }
    if (g >= wAcc.length) wAcc = grow(wAcc, 2 * (g + 1), 0);
    wAcc[g] += weights ? weights[i] : 1;
    groupOf[i] = g;
  }
  return finish(size, keys, wAcc, groupOf, xs.values(), times.values());
}

/** From this many rows {@link groupRfm} sorts the repeat buyers by T first ({@link groupRfmBucketed}). */
export const BUCKETED_FROM = 1 << 16;
/** Most (x, t_x) cells of the per-T table of {@link groupRfmBucketed} (16 MB); beyond it, the hash path. */
const MAX_CELLS = 1 << 22;

/**
 * {@link groupRfm} for large inputs, with the same result (groups numbered in order of first
 * appearance, weights summed in row order) but without a table larger than the processor's
 * caches: the rows are numbered as in groupRfm (x, t_x and T to small integers; the repeat
 * buyers' numbers kept in arrays of their own), the repeat buyers are sorted by T's number (a
 * counting sort), and within each T a history is found in a direct table of (x, t_x) numbers —
 * nx · nt cells, a few hundred kilobytes at day resolution — cleared after each T, its weight
 * summed there (rows ascending within a T, so in row order). A last pass over the rows numbers
 * the groups where each first appears. With `checkRows`, each row is checked by the rule of
 * toRfmData in the first pass (null at the first row that fails it, for toRfmData to describe).
 * Without `rows`, `groupOf` is left empty (the fits do not use it) and the groups are numbered
 * from their first rows alone ({@link numberByFirstRow}).
 * Null when nx · nt exceeds MAX_CELLS (times not on a grid), for the hash path. O(n + nx · nt).
 */
export function groupRfmBucketed(data: RfmData, checkRows = false, rows = true): GroupedRfm | null {
  const n = data.length;
  const { frequency, recency, T: age, weights, monetary } = data;
  const times = new ValueIndex();
  const xs = new ValueIndex();
  // Whole frequencies below SMALL_X are numbered through a direct array in front of `xs`.
  const xNumber = new Int32Array(SMALL_X).fill(-1);
  // Pass 1: number every row's x, t_x and T. A one-time buyer's row holds −1 − T's number (its
  // group is its T's) and its weight goes to wZero; a repeat buyer's row holds its position j
  // among the repeat buyers, whose x, t_x and T numbers and row go to rX, rTx, rT, rRow.
  const rowCode = new Int32Array(n);
  let wZero = new Float64Array(512);
  let firstZero = new Int32Array(512).fill(-1); // the first row of each T's one-time buyers
  // Sized for every row at once (untouched pages cost nothing): no copying as they fill.
  const rX = new Int32Array(n), rTx = new Int32Array(n), rT = new Int32Array(n), rRow = new Int32Array(n);
  let perT = new Int32Array(512); // repeat buyers per T number
  let repeat = 0;
  // The numbers of x = 0 and t_x = 0, given when the first one-time buyer is seen (x before t_x, as for any row).
  let zeroX = -1, zeroT = -1;
  for (let i = 0; i < n; i++) {
    const x = frequency[i], t = recency[i], Tv = age[i];
    if (checkRows && !validRow(x, t, Tv, weights ? weights[i] : 0, monetary ? monetary[i] : 0)) return null;
    if (x === 0 && t === 0) {
      if (zeroX < 0) {
        zeroX = xNumber[0] >= 0 ? xNumber[0] : (xNumber[0] = xs.add(0));
        zeroT = times.add(0);
      }
      const Ti = times.add(Tv);
      if (Ti >= wZero.length) {
        wZero = grow(wZero, 2 * (Ti + 1), 0);
        firstZero = grow(firstZero, 2 * (Ti + 1), -1);
      }
      wZero[Ti] += weights ? weights[i] : 1;
      if (firstZero[Ti] < 0) firstZero[Ti] = i;
      rowCode[i] = -1 - Ti;
      continue;
    }
    let xi: number;
    if (x < SMALL_X && x === (x | 0)) {
      xi = xNumber[x];
      if (xi < 0) xi = xNumber[x] = xs.add(x);
    } else {
      xi = xs.add(x);
    }
    const ti = times.add(t), Ti = times.add(Tv);
    if (Ti >= perT.length) perT = grow(perT, 2 * (Ti + 1), 0);
    perT[Ti]++;
    rX[repeat] = xi;
    rTx[repeat] = ti;
    rT[repeat] = Ti;
    rRow[repeat] = i;
    rowCode[i] = repeat++;
  }
  const distinctTimes = times.values();
  const distinctX = xs.values();
  const nt = distinctTimes.length, nx = distinctX.length;
  if (nx * nt > MAX_CELLS) return null;
  // Counting sort of the repeat buyers by T's number (stable: rows ascending within a T).
  const start = new Int32Array(nt + 1);
  for (let k = 0; k < nt; k++) start[k + 1] = start[k] + (k < perT.length ? perT[k] : 0);
  const fill = start.slice(0, nt);
  const order = new Int32Array(repeat), cellOrder = new Int32Array(repeat);
  for (let j = 0; j < repeat; j++) {
    const p = fill[rT[j]]++;
    order[p] = j;
    cellOrder[p] = rX[j] * nt + rTx[j];
  }
  // Within each T: the (x, t_x) cell's temporary group, numbered 0… in bucket order, and its weight.
  const cell = new Int32Array(nx * nt).fill(-1);
  const tempOf = new Int32Array(rows ? repeat : 0); // by repeat position (for groupOf)
  const wTemp = new Float64Array(repeat);
  const firstPos = new Int32Array(repeat); // the repeat position of each temporary group's first row (rows ascend within a T)
  let groupsR = 0;
  for (let k = 0; k < nt; k++) {
    const lo = start[k], hi = start[k + 1];
    for (let p = lo; p < hi; p++) {
      const j = order[p], c = cellOrder[p];
      let g = cell[c];
      if (g < 0) {
        g = cell[c] = groupsR++;
        firstPos[g] = j;
      }
      if (rows) tempOf[j] = g;
      wTemp[g] += weights ? weights[rRow[j]] : 1;
    }
    for (let p = lo; p < hi; p++) cell[cellOrder[p]] = -1;
  }
  if (!rows) return numberByFirstRow(n, groupsR, nt, firstPos, firstZero, wTemp, wZero, rX, rTx, rT, rRow, zeroX, zeroT, distinctX, distinctTimes);
  // Number the groups by first appearance, walking the rows in order.
  const finalR = new Int32Array(groupsR).fill(-1);
  const finalZ = new Int32Array(nt).fill(-1);
  const groupOf = new Int32Array(n);
  const wAcc = new Float64Array(groupsR + nt);
  const keyOf = new Int32Array(3 * (groupsR + nt));
  let size = 0;
  for (let i = 0; i < n; i++) {
    const code = rowCode[i];
    let g: number;
    if (code < 0) {
      const Ti = -1 - code;
      g = finalZ[Ti];
      if (g < 0) {
        g = finalZ[Ti] = size++;
        wAcc[g] = wZero[Ti];
        keyOf[3 * g] = zeroX;
        keyOf[3 * g + 1] = zeroT;
        keyOf[3 * g + 2] = Ti;
      }
    } else {
      const tg = tempOf[code];
      g = finalR[tg];
      if (g < 0) {
        g = finalR[tg] = size++;
        wAcc[g] = wTemp[tg];
        keyOf[3 * g] = rX[code];
        keyOf[3 * g + 1] = rTx[code];
        keyOf[3 * g + 2] = rT[code];
      }
    }
    groupOf[i] = g;
  }
  return finish(size, keyOf, wAcc, groupOf, distinctX, distinctTimes);
}

/**
 * The end of {@link groupRfmBucketed} without the map from rows to groups (`groupOf` empty; the
 * fits do not use it): each group's first row is marked in an array of the rows, and one scan of
 * it numbers the groups in order of first appearance — the same numbers, weights and keys, without
 * looking up every row's group.
 */
function numberByFirstRow(
  n: number, groupsR: number, nt: number, firstPos: Int32Array, firstZero: Int32Array, wTemp: Float64Array, wZero: Float64Array,
  rX: Int32Array, rTx: Int32Array, rT: Int32Array, rRow: Int32Array, zeroX: number, zeroT: number, distinctX: Float64Array, distinctTimes: Float64Array,
): GroupedRfm {
  // A row starting a group holds 1 + its temporary group (repeat buyers) or −1 − its T's number (one-time buyers).
  const mark = new Int32Array(n);
  for (let g = 0; g < groupsR; g++) mark[rRow[firstPos[g]]] = g + 1;
  for (let k = 0; k < nt && k < firstZero.length; k++) if (firstZero[k] >= 0) mark[firstZero[k]] = -1 - k;
  const wAcc = new Float64Array(groupsR + nt);
  const keyOf = new Int32Array(3 * (groupsR + nt));
  let size = 0;
  for (let i = 0; i < n; i++) {
    const m = mark[i];
    if (m === 0) continue;
    const g = size++;
    if (m < 0) {
      const Ti = -1 - m;
      wAcc[g] = wZero[Ti];
      keyOf[3 * g] = zeroX;
      keyOf[3 * g + 1] = zeroT;
      keyOf[3 * g + 2] = Ti;
    } else {
      const j = firstPos[m - 1];
      wAcc[g] = wTemp[m - 1];
      keyOf[3 * g] = rX[j];
      keyOf[3 * g + 1] = rTx[j];
      keyOf[3 * g + 2] = rT[j];
    }
  }
  return finish(size, keyOf, wAcc, new Int32Array(0), distinctX, distinctTimes);
}

/** Whole frequencies below this are numbered by a direct array in {@link groupRfmBucketed}. */
const SMALL_X = 4096;

/**
 * The rule of data.ts' checkHistory and toRfmData for one row, as one expression (no message):
 * x, t_x, T, the weight and the spend finite, x a whole number ≥ 0, 0 ≤ t_x ≤ T·(1 + 1e-9),
 * t_x = 0 when x = 0, T > 0 for a repeat buyer, the weight ≥ 0. A row that fails it is
 * described by toRfmData.
 */
function validRow(x: number, t: number, T: number, w: number, m: number): boolean {
  return (
    x >= 0 && Number.isInteger(x) && t >= 0 && T < Infinity && (x === 0 ? t === 0 : T > 0) && !(t > T * (1 + 1e-9)) &&
    w >= 0 && w < Infinity && m - m === 0
  );
}

/** The GroupedRfm of `size` groups from their (x, t_x, T) numbers and weights. */
function finish(size: number, keys: Int32Array, wAcc: Float64Array, groupOf: Int32Array, distinctX: Float64Array, distinctTimes: Float64Array): GroupedRfm {
  const x = new Float64Array(size), tx = new Float64Array(size), T = new Float64Array(size);
  const xIndex = new Int32Array(size), txIndex = new Int32Array(size), TIndex = new Int32Array(size);
  const w = wAcc.slice(0, size);
  const weightOfX = new Float64Array(distinctX.length);
  let totalWeight = 0;
  // Stryker disable next-line EqualityOperator: g = size writes past the end of a typed array, which is ignored
  for (let g = 0; g < size; g++) {
    const xi = keys[3 * g], ti = keys[3 * g + 1], Ti = keys[3 * g + 2];
    xIndex[g] = xi;
    txIndex[g] = ti;
    TIndex[g] = Ti;
    x[g] = distinctX[xi];
    tx[g] = distinctTimes[ti];
    T[g] = distinctTimes[Ti];
    weightOfX[xi] += w[g];
    totalWeight += w[g];
  }
  return { x, tx, T, w, size, groupOf, totalWeight, distinctX, xIndex, weightOfX, distinctTimes, txIndex, TIndex };
}

/** Writes group g's key (x, t_x, T numbers), growing the store as needed; returns the store. */
function setKey(keys: Int32Array, g: number, xi: number, ti: number, Ti: number): Int32Array {
  const out = 3 * g + 2 < keys.length ? keys : grow(keys, 6 * (g + 1), 0);
  out[3 * g] = xi;
  out[3 * g + 1] = ti;
  out[3 * g + 2] = Ti;
  return out;
}
