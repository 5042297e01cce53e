/**
 * Rank helpers shared by the pyramid, RFM and loyalty: a sorted copy and binary searches,
 * so that a rank costs O(log n) after one O(n log n) typed-array sort, and equal values
 * always get equal ranks whatever the row order.
 */
import { CvaError, ErrorCodes } from "../errors";

/** An ascending sorted Float64Array copy of the values. O(n log n). */
export function sortedAscending(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const s = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: a typed array drops the write at index n
  for (let i = 0; i < n; i++) s[i] = values[i];
  s.sort();
  return s;
}

/** Number of entries of the ascending array `s` strictly below v. */
export function countBelow(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of entries of the ascending array `s` at most v. */
export function countAtMost(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Median of an ascending array (mean of the middle two for even length); NaN when empty. */
export function medianSorted(s: Float64Array): number {
  const n = s.length;
  // Stryker disable next-line ConditionalExpression: without it an empty array gives (s[-1] + s[0]) / 2 = (undefined + undefined) / 2, NaN as well
  if (n === 0) return NaN;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** @throws CvaError INVALID_NUMBER when a value is not a finite number; names the argument and the value's row (1-based). */
export function requireFiniteArray(values: ArrayLike<number>, argument: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Stryker disable next-line ConditionalExpression: Number.isFinite is false for every non-number, so the typeof test only narrows the type
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw CvaError.keyed(ErrorCodes.InvalidNumber, "population.notFinite", { arg: argument, row: i + 1, got: String(v) }, { argument, row: i + 1 });
    }
  }
}
