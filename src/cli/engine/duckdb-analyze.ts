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
 * as the CSV reader trims them, and an empty one is named by its row.
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
import { checkRows, duckColumns, engineError, idOrderSql, openDuck, rowsSql, sqlText } from "./duckdb-summary";

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
 * The characters JavaScript's String.prototype.trim removes (ECMA-262 WhiteSpace and
 * LineTerminator), so DuckDB's trim(id, …) gives the id the CSV reader gives.
 */
const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/**
 * The rows up to the end in the order the summary's loop takes them: customer by customer in the
 * core's order of ids, each customer's rows by day and amount (src/core/summary/summarize.ts).
 * DuckDB's sort spills to disk beyond its memory limit, so any log can be sorted.
 */
export function sortedRowsSql(rows: string, end: number): string {
  return `SELECT id, day::INTEGER AS day, amount FROM (${rows}) WHERE day <= ${end} ORDER BY ${idOrderSql("id")}, day, amount`;
}

/** The rows with their ids trimmed as the CSV reader trims them. */
function trimmedRows(rows: string): string {
  return `SELECT trim(id, ${sqlText(JS_WHITESPACE)}) AS id, day, amount FROM (${rows})`;
}

/**
 * The distinct days of all rows with their counts, ascending. @throws CvaError naming the first
 * row whose customer id is empty, as the CSV reader names it.
 */
async function readDays(db: DuckDBConnection, rows: string, file: string, c: Record<"id" | "date" | "amount", string>, name = path.basename(file)): Promise<DayCounts> {
  const result = await db.stream(`SELECT day::DOUBLE, count(*)::DOUBLE, bool_or(id IS NULL OR id = '') FROM (${trimmedRows(rows)}) GROUP BY day ORDER BY day`);
  const day: number[] = [];
  const count: number[] = [];
  let emptyId = false;
  for (let chunk; (chunk = await result.fetchChunk()) && chunk.rowCount > 0; ) {
    const [d, n, e] = [0, 1, 2].map((j) => chunk.getColumnVector(j));
    for (let i = 0; i < chunk.rowCount; i++) {
      day.push(d.getItem(i) as number);
      count.push(n.getItem(i) as number);
      if (e.getItem(i)) emptyId = true;
    }
  }
  if (emptyId) {
    const bad = `SELECT file_row FROM (SELECT *, trim(id, ${sqlText(JS_WHITESPACE)}) AS tid FROM (${rowsSql(file, c, true)})) WHERE tid IS NULL OR tid = '' ORDER BY file_row LIMIT 1`;
    const row = Number((await db.runAndReadAll(bad)).getRowObjects()[0].file_row);
    throw cellError(name, ErrorCodes.Missing, "csv.emptyId", row, row + 1, c.id);
  }
  return { length: day.length, day, count };
}

/**
 * The summaries, by column: the rows come sorted (sortedRowsSql) chunk by chunk, and each
 * customer's rows, held only until its last one has come, go through the core's loop
 * (summarizeCustomerInto), so every figure is the memory engine's to the last bit.
 */
async function readSummaries(db: DuckDBConnection, rows: string, s: SummarySettings): Promise<SummaryColumns> {
  const count = (await db.runAndReadAll(`SELECT count(DISTINCT id)::DOUBLE FROM (${rows}) WHERE day <= ${s.end}`)).getRows()[0][0];
  const n = Number(count);
  const out = summaryColumns(n, s.periodCount, false, false);
  let day = new Int32Array(256);
  let amount = new Float64Array(256);
  let row = new Int32Array(256);
  let held = 0;
  let current: string | null = null;
  let p = 0;
  const finish = () => {
    if (current === null) return;
    if (p >= n) throw CvaError.keyed(ErrorCodes.InconsistentData, "summary.columnsDisagree", { customers: n });
    summarizeCustomerInto(out, p++, current, { day, amount, row, lo: 0, hi: held }, {}, s);
    held = 0;
  };
  const result = await db.stream(sortedRowsSql(rows, s.end));
  for (let chunk; (chunk = await result.fetchChunk()) && chunk.rowCount > 0; ) {
    const [ids, days, amounts] = [0, 1, 2].map((j) => chunk.getColumnVector(j));
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
        const more = new Float64Array(2 * amount.length);
        more.set(amount);
        amount = more;
      }
      day[held] = days.getItem(i) as number;
      amount[held] = amounts.getItem(i) as number;
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
  const out = summaryColumns(n, N, false, false);
  const pairs = [
    [c.frequency, out.frequency], [c.recency, out.recency], [c.T, out.T], [c.monetary, out.monetary], [c.revenue, out.revenue], [c.first, out.first],
    [c.last, out.last], [c.orders, out.orders], [c.activePeriods, out.activePeriods], [c.observedPeriods, out.observedPeriods],
  ];
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
    const cols = await duckColumns(db, o.file, o.columns, name);
    const { rows } = await checkRows(db, o.file, cols, name);
    const days = await readDays(db, rows, o.file, cols, name);
    let settings: SummarySettings;
    try {
      settings = settingsOf(days);
    } catch (e) {
      callers = e;
      throw e;
    }
    const summaries = await readSummaries(db, trimmedRows(rows), settings);
    return { summaries, settings, days };
  } catch (e) {
    throw e === callers ? e : engineError(e);
  } finally {
    db.closeSync();
  }
}
