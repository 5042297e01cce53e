/**
 * `cva analyze --engine duckdb` (docs/engines.md §8): DuckDB reads the file where it lies, checks
 * every row, counts the rows of each day (for the summary's warnings, docs/inputs.md §5), and
 * sorts the rows up to the end customer by customer, by day and amount; Node takes them chunk by
 * chunk and runs each customer's rows through the core's own summary loop
 * (src/core/summary/summarize.ts summarizeCustomerInto) — the summary, the life cycle's period and
 * exit amounts, the active and observed periods (docs/summary.md §5–§6) — keeping one value per
 * customer and column, never the rows. The core then analyses those columns as it analyses the
 * rows (src/core/analyze/summarized.ts).
 *
 * Exactly the core's figures, not merely close ones: the same loop adds the same doubles in the
 * same order (a plain SQL sum adds in no fixed order), so ties in the pyramid and the RFM scores
 * fall as they fall in memory. DuckDB's sort spills to disk beyond --memory-limit. Ids are trimmed
 * as the CSV reader trims them, and an empty one is named by its row. The cost, margin and quantity
 * columns (./duckdb-number-columns.ts) come with the rows, checked in the pass that counts the
 * days, and the customer's margin and quantity are added by the same loop.
 */
import * as fs from "fs";
import * as path from "path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { CvaError, ErrorCodes, type SummaryColumns, type SummarySettings, type TransactionColumn } from "../../core";
import { summaryColumns } from "../../core/summary/customer-summary";
import { summarizeCustomerInto } from "../../core/summary/summarize";
import { compareIds, leadingZeros, sortPresent } from "../../core/summary/id-order";
import type { DayCounts } from "../../core/summary/summary-warnings";
import { cellError } from "../csv/errors";
import { checkRows, duckColumns, engineError, idOrderSql, JS_WHITESPACE, openDuck, rowsSql, sqlText } from "./duckdb-summary";
import { badNumberSql, errorRow, numberCellError, numberColumns, numberValueSql, withNumberTexts, type NumberColumns } from "./duckdb-number-columns";

/** Where `cva analyze --engine duckdb` reads: the file, its columns and DuckDB's limits. */
export interface DuckAnalyzeInput {
  file: string;
  /** The name messages give the file (default its base name): the user's file when `file` is a UTF-8 copy of it (./duckdb-encoding.ts). */
  name?: string;
  columns: Partial<Record<TransactionColumn, string>>;
  threads?: number;
  memoryLimit?: string;
}

/** What DuckDB hands the analysis: the summaries by column with their settings, and the rows' days with counts. */
export interface DuckAnalysisData {
  summaries: SummaryColumns;
  settings: SummarySettings;
  days: DayCounts;
}

/**
 * The number columns the summary's loop adds, in the order they come after id, day and amount: the
 * cost (the margin is amount − cost), else the margin, and the quantity (summarizeCustomerInto).
 */
function streamed(cols: NumberColumns): ("cost" | "margin" | "quantity")[] {
  const out: ("cost" | "margin" | "quantity")[] = [];
  if (cols.cost !== undefined) out.push("cost");
  else if (cols.margin !== undefined) out.push("margin");
  if (cols.quantity !== undefined) out.push("quantity");
  return out;
}

/**
 * The rows up to the end in the order the summary's loop takes them: customer by customer in the
 * core's order of ids, each customer's rows by day and amount (src/core/summary/summarize.ts), then
 * by cost or margin with blanks last, as the core breaks ties; the quantity last, which the core
 * leaves in the file's order (only the quantities' own sum can tell, and no output shows it).
 * DuckDB's sort spills to disk beyond its memory limit, so any log can be sorted.
 */
export function sortedRowsSql(rows: string, end: number, cols: NumberColumns = {}): string {
  const extra = streamed(cols);
  const values = extra.map((r) => `, ${numberValueSql(r)} AS ${r}`).join("");
  const keys = extra.map((r) => `, ${r} NULLS LAST`).join("");
  return `SELECT id, day::INTEGER AS day, amount${values} FROM (${rows}) WHERE day <= ${end} ORDER BY ${idOrderSql("id")}, day, amount${keys}`;
}

/** The rows with their ids trimmed as the CSV reader trims them. */
function trimmedRows(rows: string): string {
  return `SELECT * REPLACE (trim(id, ${sqlText(JS_WHITESPACE)}) AS id) FROM (${rows})`;
}

/**
 * The distinct days of all rows with their counts, ascending, and in the same pass the check of
 * every id and number cell. @throws CvaError naming the first row whose customer id is empty or
 * whose cost, margin or quantity cannot be read, as the CSV reader names it.
 */
async function readDays(db: DuckDBConnection, rows: string, file: string, c: Record<"id" | "date" | "amount", string>, cols: NumberColumns, name = path.basename(file)): Promise<DayCounts> {
  const result = await db.stream(`SELECT day::DOUBLE, count(*)::DOUBLE, bool_or(id IS NULL OR id = '' OR ${badNumberSql(cols)}) FROM (${trimmedRows(rows)}) GROUP BY day ORDER BY day`);
  const day: number[] = [];
  const count: number[] = [];
  let bad = false;
  for (let chunk; (chunk = await result.fetchChunk()) && chunk.rowCount > 0; ) {
    const [d, n, e] = [0, 1, 2].map((j) => chunk.getColumnVector(j));
    for (let i = 0; i < chunk.rowCount; i++) {
      day.push(d.getItem(i) as number);
      count.push(n.getItem(i) as number);
      if (e.getItem(i)) bad = true;
    }
  }
  if (bad) throw await firstBadCell(db, file, c, cols, name);
  return { length: day.length, day, count };
}

/**
 * The memory reader's error for the first row of the file, before `before` if given, whose id is
 * empty or whose cost, margin or quantity cannot be read: in a row, the id first, then the cost,
 * the margin and the quantity, as src/cli/csv/transactions.ts reads them. Null when there is none.
 */
async function firstBadCell(db: DuckDBConnection, file: string, c: Record<"id" | "date" | "amount", string>, cols: NumberColumns, name: string, before?: number): Promise<CvaError | null> {
  if (before !== undefined && Object.keys(cols).length === 0) return null;
  const tid = `trim(id, ${sqlText(JS_WHITESPACE)})`;
  const badId = before === undefined ? `${tid} IS NULL OR ${tid} = '' OR ` : "";
  const upTo = before === undefined ? "" : `AND file_row < ${before}`;
  const rows = withNumberTexts(rowsSql(file, c, true), cols);
  const sql = `SELECT *, ${tid} IS NULL OR ${tid} = '' AS empty_id FROM (${rows}) WHERE (${badId}${badNumberSql(cols)}) ${upTo} ORDER BY file_row LIMIT 1`;
  const r = (await db.runAndReadAll(sql)).getRowObjects()[0];
  if (r === undefined) return null;
  const row = Number(r.file_row);
  if (r.empty_id) return cellError(name, ErrorCodes.Missing, "csv.emptyId", row, row + 1, c.id);
  const e = numberCellError(r, cols, name);
  if (e === null) throw new Error(`row ${row}: DuckDB and the memory reader disagree on its cost, margin or quantity`);
  return e;
}

/**
 * The summaries, by column: the rows come sorted (sortedRowsSql) chunk by chunk, and each
 * customer's rows, held only until its last one has come, go through the core's loop
 * (summarizeCustomerInto), so every figure is the memory engine's to the last bit.
 */
async function readSummaries(db: DuckDBConnection, rows: string, s: SummarySettings, cols: NumberColumns): Promise<SummaryColumns> {
  const count = (await db.runAndReadAll(`SELECT count(DISTINCT id)::DOUBLE FROM (${rows}) WHERE day <= ${s.end}`)).getRows()[0][0];
  const n = Number(count);
  const extra = streamed(cols);
  const out = summaryColumns(n, s.periodCount, cols.cost !== undefined || cols.margin !== undefined, cols.quantity !== undefined);
  let day = new Int32Array(256);
  let amount = new Float64Array(256);
  let row = new Int32Array(256);
  // One customer's cost (or margin) and quantity, NaN for a blank cell, indexed by `row` as the table's columns are.
  let numbers = extra.map(() => new Float64Array(256));
  const columns = () => Object.fromEntries(extra.map((r, j) => [r, numbers[j]]));
  let held = 0;
  let current: string | null = null;
  let p = 0;
  const finish = () => {
    if (current === null) return;
    if (p >= n) throw CvaError.keyed(ErrorCodes.InconsistentData, "summary.columnsDisagree", { customers: n });
    summarizeCustomerInto(out, p++, current, { day, amount, row, lo: 0, hi: held }, columns(), s);
    held = 0;
  };
  const result = await db.stream(sortedRowsSql(rows, s.end, cols));
  const grown = (a: Float64Array) => {
    const more = new Float64Array(2 * a.length);
    more.set(a);
    return more;
  };
  for (let chunk; (chunk = await result.fetchChunk()) && chunk.rowCount > 0; ) {
    const [ids, days, amounts] = [0, 1, 2].map((j) => chunk.getColumnVector(j));
    const values = extra.map((_, j) => chunk.getColumnVector(3 + j));
    for (let i = 0; i < chunk.rowCount; i++) {
      const id = ids.getItem(i) as string;
      if (id !== current) {
        finish();
        current = id;
      }
      if (held === day.length) {
        const bigger = (a: Int32Array) => Int32Array.from({ length: 2 * a.length }, (_, k) => (k < a.length ? a[k] : 0));
        day = bigger(day);
        row = bigger(row);
        amount = grown(amount);
        numbers = numbers.map(grown);
      }
      day[held] = days.getItem(i) as number;
      amount[held] = amounts.getItem(i) as number;
      for (let j = 0; j < extra.length; j++) numbers[j][held] = (values[j].getItem(i) as number | null) ?? NaN;
      row[held] = held;
      held++;
    }
  }
  finish();
  if (p !== n) throw CvaError.keyed(ErrorCodes.InconsistentData, "summary.columnsDisagree", { customers: n });
  const order = idOrder(out.ids);
  return order ? permuted(out, order) : out;
}

/** Summary columns with customer p taken from `order[p]`. */
function permuted(c: SummaryColumns, order: readonly number[]): SummaryColumns {
  const n = c.length;
  const N = c.periodCount;
  const out = summaryColumns(n, N, c.margin !== null, c.quantity !== null);
  const pairs = [
    [c.frequency, out.frequency], [c.recency, out.recency], [c.T, out.T], [c.monetary, out.monetary], [c.revenue, out.revenue], [c.first, out.first],
    [c.last, out.last], [c.orders, out.orders], [c.activePeriods, out.activePeriods], [c.observedPeriods, out.observedPeriods],
  ];
  if (c.margin && out.margin) pairs.push([c.margin, out.margin]);
  if (c.quantity && out.quantity) pairs.push([c.quantity, out.quantity]);
  for (let p = 0; p < n; p++) {
    const q = order[p];
    out.ids[p] = c.ids[q];
    for (const [from, to] of pairs) to[p] = from[q];
    for (let k = 0; k < N; k++) {
      out.periodAmounts[p * N + k] = c.periodAmounts[q * N + k];
      out.exitPeriodAmounts[p * N + k] = c.exitPeriodAmounts[q * N + k];
    }
  }
  return out;
}

/**
 * The permutation that puts `ids` into the core's order (compareIds), or null when DuckDB's order
 * already is it — always, but for ids with characters above U+FFFF, which DuckDB's byte order and
 * the core's UTF-16 order place differently (./duckdb-summary.ts idOrderSql).
 */
function idOrder(ids: readonly string[]): number[] | null {
  let sorted = true;
  for (let p = 1; p < ids.length && sorted; p++) sorted = compareIds(ids[p - 1], ids[p]) <= 0;
  if (sorted) return null;
  const order = ids.map((_, p) => p);
  sortPresent(order, ids, Int32Array.from(ids, leadingZeros));
  return order;
}

/**
 * Runs DuckDB on the file: its columns, every date and amount checked (./duckdb-summary.ts
 * checkRows), the rows' days with counts, then `settingsOf(days)` — the caller's checks of its
 * options against the data and the summary settings — and the per-customer query. DuckDB is
 * closed whatever happens; its own failures become keyed errors.
 * @throws CvaError naming the file and row of a bad value or an empty id; amount.sumTooLarge.
 */
export async function duckAnalysisData(o: DuckAnalyzeInput, settingsOf: (days: DayCounts) => SummarySettings): Promise<DuckAnalysisData> {
  if (!fs.existsSync(o.file)) throw CvaError.keyed(ErrorCodes.Missing, "file.notFound", { file: o.file });
  const db = await openDuck({ threads: o.threads, memoryLimit: o.memoryLimit });
  // The caller's own errors (its options against the data) pass as they are; DuckDB's are keyed.
  let callers: unknown = undefined;
  try {
    const name = o.name ?? path.basename(o.file);
    // The options' columns checked as the memory reader checks them, before the required ones are looked for.
    const numbers = await numberColumns(db, o.file, o.columns, name);
    const cols = await duckColumns(db, o.file, o.columns, name);
    let checked;
    try {
      checked = await checkRows(db, o.file, cols, name);
    } catch (e) {
      // A bad date or amount: a bad number cell in an earlier row is the memory reader's first error.
      const before = errorRow(e);
      throw (before !== undefined && (await firstBadCell(db, o.file, cols, numbers, name, before))) || e;
    }
    const rows = withNumberTexts(checked.rows, numbers);
    const days = await readDays(db, rows, o.file, cols, numbers, name);
    let settings: SummarySettings;
    try {
      settings = settingsOf(days);
    } catch (e) {
      callers = e;
      throw e;
    }
    const summaries = await readSummaries(db, trimmedRows(rows), settings, numbers);
    return { summaries, settings, days };
  } catch (e) {
    throw e === callers ? e : engineError(e);
  } finally {
    db.closeSync();
  }
}
