/**
 * What the user must hear about a summary's data: dates after today or far from the others, an
 * observation end such a date set, rows after the end, customers with no purchase.
 */
import { counted, type CvaWarning } from "../warnings";
import { formatDay } from "./dates";
import type { TransactionTable } from "./transactions";
import type { CustomerSummary, SummaryColumns } from "./customer-summary";
import type { SummarySettings } from "./settings";

/** Options of {@link summaryWarnings}. */
export interface SummaryCheckOptions {
  /** Today as a day number, from the edge's clock (the core reads none); without it, no date is "after today". */
  today?: number;
}

/** Interquartile ranges beyond the quartiles at which a date is far from the others (Tukey's "far out" fence). */
export const FAR_OUT_IQRS = 3;
/** Smallest span taken for the interquartile range, in days: a quarter, so a short log does not flag its own edges. */
export const FAR_OUT_MIN_IQR_DAYS = 91;
/** Distinct dates listed in a warning; the rest are counted. */
const LISTED = 3;

/**
 * What the user must hear about a summary (docs/inputs.md §5, docs/summary.md §1): rows dated
 * after today, rows far from the bulk of the dates, an observation end that such a date set by
 * default, rows left out after the end, and customers with no purchase. O(n + days spanned): the
 * quartiles come from a count of rows per day.
 *
 * "Far": more than {@link FAR_OUT_IQRS} interquartile ranges (at least {@link FAR_OUT_MIN_IQR_DAYS}
 * days) before the lower or after the upper quartile of the dates of the rows up to the end.
 * @example summaryWarnings(table, settings, summaries, { today: 45800 }).map((w) => w.key) // ["warn.afterToday", …]
 */
export function summaryWarnings(table: TransactionTable, s: SummarySettings, summaries: readonly CustomerSummary[] | SummaryColumns, options: SummaryCheckOptions = {}): CvaWarning[] {
  return summaryWarningsOfDays(table, s, summaries, options);
}

/**
 * The days of a transaction log with the number of rows on each: `day[i]` holds `count[i]` rows
 * (one each without `count`). A table's own day column is one; an engine that keeps the rows
 * elsewhere hands over its distinct days with their counts (src/cli/engine/duckdb-analyze.ts).
 */
export interface DayCounts {
  length: number;
  day: ArrayLike<number>;
  count?: ArrayLike<number>;
}

/**
 * {@link summaryWarnings} from the days of the rows with their counts: the same warnings for the
 * same rows, whether every row's day or each distinct day once with its count is given.
 */
export function summaryWarningsOfDays(days: DayCounts, s: SummarySettings, summaries: readonly CustomerSummary[] | SummaryColumns, options: SummaryCheckOptions = {}): CvaWarning[] {
  const out: CvaWarning[] = [];
  const n = days.length;
  const day = days.day;
  const rows = days.count;
  const end = s.end;
  const today = options.today;
  let after = 0;
  let maxDay = -Infinity;
  let k = 0;
  let lowDay = Infinity;
  let highDay = -Infinity;
  let afterToday = 0;
  let latest = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    const w = rows ? rows[i] : 1;
    // Stryker disable next-line EqualityOperator: an equal day assigns the same value
    if (d > maxDay) maxDay = d;
    if (d > end) {
      after += w;
      continue;
    }
    k += w;
    // Stryker disable next-line EqualityOperator: an equal day assigns the same value
    if (d < lowDay) lowDay = d;
    // Stryker disable next-line EqualityOperator: an equal day assigns the same value
    if (d > highDay) highDay = d;
    // Stryker disable next-line ConditionalExpression: the first test only narrows the type; d > undefined is false
    if (today !== undefined && d > today) {
      afterToday += w;
      // Stryker disable next-line EqualityOperator: an equal day assigns the same value
      if (d > latest) latest = d;
    }
  }
  // Stryker disable next-line ConditionalExpression: with a row after the end, maxDay is past the end, so end === maxDay is false anyway
  const defaultedEnd = after === 0 && end === maxDay;
  // Stryker disable next-line ConditionalExpression: the first test only narrows the type; end > undefined is false
  const endAfterToday = today !== undefined && end > today;
  if (afterToday > 0) {
    out.push({ key: "warn.afterToday", params: { rows: counted(afterToday, "row is", "rows are", "行"), today: formatDay(today as number), date: formatDay(latest) } });
  } else if (endAfterToday) {
    out.push({ key: "warn.endAfterToday", params: { end: formatDay(end), today: formatDay(today as number) } });
  }
  // Stryker disable next-line BooleanLiteral: read only when k > 0, where it is always set below (k = 0 with rows means every row is after the end, and then the end is not defaulted)
  let endFar = false;
  if (k > 0) {
    // Quartiles from a count of rows per day (days span at most 1900–9999: a counting pass, no sort).
    // Stryker disable next-line ArithmeticOperator: a longer array only adds empty days past highDay, which no loop below counts
    const count = new Int32Array(highDay - lowDay + 1);
    // Stryker disable next-line EqualityOperator,ConditionalExpression: day[n] is undefined (undefined <= end is false); a row after the end lands past the array's end, where a typed array ignores the write
    for (let i = 0; i < n; i++) if (day[i] <= end) count[day[i] - lowDay] += rows ? rows[i] : 1;
    const at = (rank: number): number => {
      let seen = 0;
      // Stryker disable next-line EqualityOperator: the loop returns before the end (rank < k, the sum of the counts); one more step reads undefined, and NaN > rank is false
      for (let j = 0; j < count.length; j++) if ((seen += count[j]) > rank) return lowDay + j;
      return highDay;
    };
    const q1 = at(Math.floor((k - 1) / 4));
    const q3 = at(Math.floor((3 * (k - 1)) / 4));
    const reach = FAR_OUT_IQRS * Math.max(q3 - q1, FAR_OUT_MIN_IQR_DAYS);
    const lo = q1 - reach;
    const hi = q3 + reach;
    let far = 0;
    let distinct = 0;
    const listed: number[] = [];
    for (let j = 0; j < count.length; j++) {
      const d = lowDay + j;
      if (count[j] === 0 || (d >= lo && d <= hi)) continue;
      far += count[j];
      if (distinct++ < LISTED) listed.push(d);
    }
    if (far > 0) {
      const dates = listed.map(formatDay).join(", ") + (distinct > LISTED ? ", …" : "");
      out.push({ key: "warn.farOut", params: { rows: counted(far, "row is", "rows are", "行"), q1: formatDay(q1), q3: formatDay(q3), min: FAR_OUT_IQRS * FAR_OUT_MIN_IQR_DAYS, dates } });
    }
    endFar = end > hi;
  }
  if (defaultedEnd && (endFar || endAfterToday)) {
    out.push({ key: "warn.endIsOutlier", params: { end: formatDay(end) } });
  }
  if (after > 0) out.push({ key: "warn.rowsAfterEnd", params: { rows: counted(after, "row was", "rows were", "行"), end: formatDay(end) } });
  let none = 0;
  // Stryker disable next-line StringLiteral: read only when none > 0, and the first such customer sets it
  let firstId = "";
  const byColumn = !Array.isArray(summaries);
  const columns = summaries as SummaryColumns;
  const objects = summaries as readonly CustomerSummary[];
  for (let k = 0; k < summaries.length; k++) {
    if ((byColumn ? columns.orders[k] : objects[k].orders) === 0) {
      if (none === 0) firstId = byColumn ? columns.ids[k] : objects[k].customerId;
      none++;
    }
  }
  if (none > 0) out.push({ key: "warn.noPurchase", params: { customers: counted(none, "customer has", "customers have", "位客户"), id: firstId } });
  return out;
}
