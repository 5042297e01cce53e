/**
 * The data of BG/BB (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time
 * noncontractual setting", Marketing Science 29(6)) for `cva fit --model bgbb`: each customer's
 * (x, t_x, n) on discrete opportunities, from transactions or from a summary file
 * (docs/models/bgbb.md §8).
 *
 * From transactions, an opportunity is a calendar period of `--unit` (a day, a Monday-to-Sunday
 * week, a calendar month, quarter or year):
 * - the first-purchase period is period 0 (the trial, as the cohort's 1995 in FHS 2010);
 * - n = the whole periods after it up to the observation end (a period counts once its last day
 *   is on or before the end; a period the end cuts is left out, as a half-observed year would
 *   read as a year without a donation);
 * - x = how many of periods 1…n hold a purchase, t_x = the index of the last one (0 when x = 0).
 * A purchase is a day whose net amount is above 0, as in the summary (docs/summary.md §1).
 * Customers with n = 0 (first purchase in the last whole period, or in the period the end cuts)
 * have had no opportunity yet: they are left out of the fit and counted.
 *
 * Equal (x, t_x, n) are grouped with a weight, so the fit costs O(groups · n), not O(customers · n).
 */
import { dayFromYmd, ErrorCodes, formatDay, type TransactionTable } from "../../core";
import { cellError, fileError } from "../csv/errors";
import { readCsvFile, type CsvReadOptions } from "../csv/file";
import { columnsOf, headerOf } from "../csv/header";
import { forEachRecord } from "../csv/records";
import { bytesToNumber } from "../csv/values";

/** The opportunity periods `--unit` offers for BG/BB. */
export const PERIOD_UNITS = ["days", "weeks", "months", "quarters", "years"] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** A Monday (2024-01-01): weeks run Monday to Sunday. */
const MONDAY = dayFromYmd(2024, 1, 1);

/**
 * The calendar period of a day, as a number that grows by one from a period to the next.
 * @example periodIndex(dayFromYmd(1996, 7, 1), "years") // 1996
 */
export function periodIndex(day: number, unit: PeriodUnit): number {
  if (unit === "days") return day;
  if (unit === "weeks") return Math.floor((day - MONDAY) / 7);
  const text = formatDay(day);
  const y = Number(text.slice(0, 4)), m = Number(text.slice(5, 7));
  if (unit === "years") return y;
  if (unit === "quarters") return y * 4 + Math.floor((m - 1) / 3);
  return y * 12 + (m - 1);
}

/** BG/BB data grouped by (x, t_x, n), with the customers behind them. */
export interface BgBbInput {
  frequency: number[];
  recency: number[];
  periods: number[];
  weights: number[];
  /** Customers in the fit (the sum of the weights). */
  customers: number;
  /** Customers left out: no whole period after their first purchase. */
  withoutOpportunity: number;
}

/** Groups (x, t_x, n) triples with weights, in order of first appearance. */
class Groups {
  private readonly at = new Map<string, number>();
  readonly data: BgBbInput = { frequency: [], recency: [], periods: [], weights: [], customers: 0, withoutOpportunity: 0 };
  add(x: number, tx: number, n: number, w: number): void {
    const key = `${x},${tx},${n}`;
    let i = this.at.get(key);
    if (i === undefined) {
      i = this.data.frequency.length;
      this.at.set(key, i);
      this.data.frequency.push(x);
      this.data.recency.push(tx);
      this.data.periods.push(n);
      this.data.weights.push(0);
    }
    this.data.weights[i] += w;
    this.data.customers += w;
  }
}

/**
 * BG/BB data of a transaction table; see the module comment. O(rows · log rows).
 * @param end the observation end as a day number (rows after it are left out); default the last date in the data
 * @example bgbbFromTransactions(table, "years", dayFromYmd(2001, 12, 31)) // the donations cohort: n = 6 for everyone
 */
export function bgbbFromTransactions(table: TransactionTable, unit: PeriodUnit, end?: number): BgBbInput {
  let last = -Infinity;
  for (let i = 0; i < table.length; i++) if (table.day[i] > last) last = table.day[i];
  const endDay = end ?? last;
  // The last whole period: the end's own when the end is its last day, else the one before.
  const lastWhole = periodIndex(endDay, unit) - (periodIndex(endDay + 1, unit) === periodIndex(endDay, unit) ? 1 : 0);
  // Net amount per (customer, day) up to the end; the purchase days are those above 0.
  const net = new Map<number, Map<number, number>>();
  const firstRow = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const d = table.day[i];
    if (d > endDay) continue;
    const c = table.customer[i];
    let m = net.get(c);
    if (!m) net.set(c, (m = new Map()));
    m.set(d, (m.get(d) ?? 0) + table.amount[i]);
    firstRow.set(c, Math.min(firstRow.get(c) ?? Infinity, d));
  }
  const groups = new Groups();
  for (const [c, days] of net) {
    const purchaseDays = [...days].filter(([, amount]) => amount > 0).map(([d]) => d).sort((a, b) => a - b);
    const first = periodIndex(purchaseDays.length > 0 ? purchaseDays[0] : (firstRow.get(c) as number), unit);
    const n = lastWhole - first;
    if (n <= 0) {
      groups.data.withoutOpportunity++;
      continue;
    }
    const active = new Set<number>();
    for (const d of purchaseDays) {
      const k = periodIndex(d, unit) - first;
      if (k >= 1 && k <= n) active.add(k);
    }
    groups.add(active.size, active.size === 0 ? 0 : Math.max(...active), n, 1);
  }
  return groups.data;
}

/** The columns of a BG/BB summary file and the headers each is found by (docs/models/bgbb.md §8). */
const SUMMARY_HEADERS = {
  frequency: ["frequency", "x"],
  recency: ["recency", "t_x"],
  periods: ["periods", "n"],
  weights: ["weights", "weight", "count", "customers"],
} as const;
type SummaryColumn = keyof typeof SUMMARY_HEADERS;

/**
 * Reads a BG/BB summary CSV: columns frequency (x), recency (t_x), periods (n) and, optionally,
 * weights (customers with that history; default 1 each), as data/cdnow/donations.csv. The values'
 * consistency (whole numbers, x ≤ t_x ≤ n) is checked by the fit, which names the row.
 * @throws CvaError MISSING_COLUMN, INVALID_NUMBER, EMPTY_INPUT naming the file, row and column.
 */
export function readBgBbSummaryCsv(file: string, options: CsvReadOptions = {}): BgBbInput {
  const { buf, name } = readCsvFile(file, options);
  const { headers, delimiter } = headerOf(buf, name);
  const cols = columnsOf<SummaryColumn>(headers, name, SUMMARY_HEADERS, [], {}, options.warn);
  for (const role of ["frequency", "recency", "periods"] as const) {
    if (cols[role] === undefined) throw fileError(name, ErrorCodes.MissingColumn, "csv.bgbbSummaryColumn", { column: role, columns: headers.join(", ") }, { column: role });
  }
  const out: BgBbInput = { frequency: [], recency: [], periods: [], weights: [], customers: 0, withoutOpportunity: 0 };
  let header = true;
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = out.frequency.length + 1;
    const value = (role: SummaryColumn): number => {
      const col = cols[role];
      if (col === undefined) return 1;
      const v = bytesToNumber(buf, rec.start[col], rec.end[col]);
      if (col >= rec.count || v - v !== 0) {
        throw cellError(name, ErrorCodes.InvalidNumber, "csv.badNumber", row, rec.line, headers[col], { got: JSON.stringify(rec.text(col)) });
      }
      return v;
    };
    out.frequency.push(value("frequency"));
    out.recency.push(value("recency"));
    out.periods.push(value("periods"));
    const w = value("weights");
    out.weights.push(w);
    out.customers += w;
  });
  if (out.frequency.length === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  return out;
}
