/**
 * The whole-day grid of the grouped scoring (./btyd-score.ts, docs/lifetime-value.md §3): a
 * summary's recencies and ages are whole days in its unit (../summary/units.ts), so a time t sits
 * at grid point k = round(t · days per unit), and a million customers share a few hundred times
 * and a few thousand (x, T) pairs. Every term of a count model's scores that depends on (x, t)
 * alone — the alive customer's expectations over the horizon at (x, T), P(alive)'s power of
 * α + t (BG/NBD, MBG/NBD) or ln J(t) of A0 (Pareto/NBD, ./paretonbd-alive.ts) — is kept once per
 * (x, k) in tables indexed x · cap + k, so a customer costs two roundings, two comparisons and a
 * few table reads, with no logarithm or exponential.
 *
 * The grid only indexes: each point remembers the first time seen there, and a customer whose
 * times are not exactly those (a fraction of a day, a value off by a rounding) or whose x is not a
 * whole number within the tables is scored the general way. So the grid changes where a number
 * is looked up, never which number the formulas give.
 */
import type { TimeUnit } from "../summary/units";
import { DAYS_PER_UNIT } from "../summary/units";
// Module-local alias: global lookups are slow in jest's VM context (see ./paretonbd.ts).
const math = globalThis.Math;

/** The grid of one scoring call. */
export interface DayGrid {
  /** Grid points per unit of time (days per unit). */
  perUnit: number;
  /** Points 0 … cap − 1 (the latest age, rounded, plus one). */
  cap: number;
  /** Frequencies 0 … xCount − 1 have tables; larger ones are scored the general way. */
  xCount: number;
  /** The time each point stands for: the first one seen there (NaN: none yet). */
  at: Float64Array;
  /** The latest finite age T, in the unit. */
  maxT: number;
  /** Customers with each frequency 0 … xCount − 1 (of a large base: estimated from one in eight). */
  customers: Int32Array;
}

/**
 * Bases of this many customers or more have their frequencies sampled, one customer in STRIDE, and
 * their ages one in AGE_STRIDE (1,024 or more; of a million customers 15,625, which read in 0.1 ms
 * where all 8 MB of them took 1.4 ms). Every STRIDE-th frequency reads every cache line still, but
 * which frequencies are tabulated, and so the scores' last digits, stay as they were.
 */
const SAMPLED = 1 << 16;
const STRIDE = 8;
const AGE_STRIDE = 64;
/** Frequencies whose customers are counted (at most the tables' MIN_BUDGET). */
const COUNTED = 1 << 14;
/** Least number of (x, k) table entries allowed, whatever the number of customers. */
const MIN_BUDGET = 1 << 14;

/**
 * The grid of the customers' times, or null when it would not pay: no finite age, or tables for
 * even x = 0 bigger than max(n/4, 16,384) entries (times spanning many years in days with few
 * customers). `maxX(maxT)` caps the frequencies a model can keep (its tables' range; ≥ 0).
 * O(n/64) reads of T and n/8 of the frequencies (all of them below 65,536 customers).
 * @example dayGrid("weeks", [0, 3], [10 / 7, 52], () => 100) // { perUnit: 7, cap: 365, xCount: 4, … }
 */
export function dayGrid(unit: TimeUnit, frequency: ArrayLike<number>, T: ArrayLike<number>, maxX: (maxT: number) => number): DayGrid | null {
  const n = T.length;
  // Ages from every AGE_STRIDE-th customer of a large base, frequencies from every STRIDE-th (counts
  // scaled up): they only size the tables and choose which frequencies to tabulate; a customer older
  // than the latest age seen, or with a larger x, is scored the general way (of a million customers
  // whose ages spread over a year, the sample misses the latest day with odds below e^−40).
  const large = n >= SAMPLED;
  let maxT = -Infinity;
  // Stryker disable next-line EqualityOperator: T[n] is undefined, which no test below takes
  for (let i = 0, step = large ? AGE_STRIDE : 1; i < n; i += step) {
    const t = T[i];
    // Stryker disable next-line EqualityOperator: taking an equal age as the latest changes nothing
    if (t > maxT && t < Infinity) maxT = t;
  }
  const stride = large ? STRIDE : 1;
  let topX = -1;
  const customers = new Int32Array(COUNTED);
  // Stryker disable next-line EqualityOperator: frequency[n] is undefined: neither above topX nor equal to undefined | 0
  for (let i = 0; i < n; i += stride) {
    const x = frequency[i];
    // Stryker disable next-line EqualityOperator: taking an equal frequency as the largest changes nothing
    if (x > topX && x < Infinity) topX = x;
    const xi = x | 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an index below 0 or past COUNTED is outside the typed array, which ignores the write
    if (xi === x && xi >= 0 && xi < COUNTED) customers[xi] += stride;
  }
  const perUnit = DAYS_PER_UNIT[unit];
  if (!(maxT >= 0)) return null;
  const cap = math.round(maxT * perUnit) + 1;
  const budget = math.max(n >> 2, MIN_BUDGET);
  // No finite frequency (topX −1) or tables beyond the budget (cap > budget) leave xCount at 0.
  const xCount = math.min(math.floor(topX) + 1, math.floor(budget / cap), math.floor(maxX(maxT)) + 1);
  if (!(xCount >= 1)) return null;
  return { perUnit, cap, xCount, at: new Float64Array(cap).fill(Number.NaN), maxT, customers: customers.slice(0, xCount) };
}

/**
 * The grid point of time t, or −1 when t is not the time that point stands for (the first time
 * seen at a point claims it). O(1).
 */
export function gridIndex(g: DayGrid, t: number): number {
  const k = math.round(t * g.perUnit);
  // Outside [0, cap) (or NaN) g.at[k] reads undefined, which is neither t nor NaN: −1 below.
  const at = g.at[k];
  if (at === t) return k;
  if (at !== at) {
    g.at[k] = t;
    return k;
  }
  return -1;
}
