/**
 * `cva analyze --engine duckdb` (docs/engines.md §8): DuckDB reads the file where it lies and
 * computes every per-customer column the analysis needs — the summary (frequency, recency, T,
 * mean spend, revenue, first and last purchase, orders) and the life cycle's inputs (net amount in
 * each of the last four quarters before the end and before the last purchase, active and observed
 * quarters; docs/summary.md §5–§6, docs/lifecycle.md §2) — and the distinct days of the rows
 * with their counts, for the summary's warnings (docs/inputs.md §5). Node receives those columns,
 * one value per customer, never the rows, and the core analyses them as it analyses the rows
 * (src/core/analyze/summarized.ts).
 *
 * Exactly the core's figures, not merely close ones: every sum is a fold from 0 over a sorted list
 * (`list_reduce`, one addition after another), in the order of src/core/summary/summarize.ts — a
 * day's rows by amount, then the days in order; the amounts up to the last purchase row by row,
 * by day and amount — so each double is the core's to the last bit, and ties in the pyramid and
 * the RFM scores fall as they fall in memory. (A plain SQL sum adds in no fixed order.) Ids are
 * trimmed as the CSV reader trims them, and an empty one is named by its row.
 */
import * as fs from "fs";
import * as path from "path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { CvaError, ErrorCodes, type SummaryColumns, type SummarySettings, type TransactionColumn } from "../../core";
import { summaryColumns } from "../../core/summary/customer-summary";
import { compareIds, leadingZeros, sortPresent } from "../../core/summary/id-order";
import type { DayCounts } from "../../core/summary/summary-warnings";
import { cellError } from "../csv/errors";
import { checkRows, duckColumns, engineError, idOrderSql, openDuck, rowsSql, sqlText } from "./duckdb-summary";

/** Where `cva analyze --engine duckdb` reads: the file, its columns and DuckDB's limits. */
export interface DuckAnalyzeInput {
  file: string;
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

/** A double as SQL that DuckDB reads back to the same double (a text cast: a decimal literal would be a DECIMAL). */
function double(v: number): string {
  return `${sqlText(String(v))}::DOUBLE`;
}

/** The sum of a list of doubles from 0, one element after another in the list's order: the core's loop of additions. */
function fold(list: string): string {
  return `list_reduce(${list}, lambda a, b: a + b, 0.0::DOUBLE)`;
}

/**
 * The per-customer query: one row per customer with a row up to the end, in the core's order of
 * ids, with id, frequency, recency, T, monetary, revenue, first, last, orders, p_0…p_{N−1} (period
 * amounts, oldest first), e_0…e_{N−1} (exit period amounts), active and observed; see the module
 * comment and src/core/summary/summarize.ts, whose loop it follows. Each day keeps its rows'
 * amounts sorted (`amts`) and their sum in that order (`amt`); each customer keeps its days sorted
 * (`days`), and every sum is a fold of such a list — DuckDB's ordered aggregates would give the same
 * doubles at several times the cost. Days only (purchase period "day", the analysis's).
 */
export function analysisSql(rows: string, s: SummarySettings): string {
  const E = String(s.end);
  const u = double(s.daysPerUnit);
  const L = double(s.periodDays);
  const N = s.periodCount;
  const back = (from: string, day: string) => `floor((${from} - ${day}) / ${L})`;
  const amounts: string[] = [];
  for (let k = 0; k < N; k++) {
    // Column k is period j = N − 1 − k back from the end: oldest first.
    const j = N - 1 - k;
    amounts.push(`${fold(`list_transform(list_filter(days, lambda x: ${back(E, "x.day")} = ${j}), lambda x: x.amt)`)} AS p_${k}`);
  }
  for (let k = 0; k < N; k++) {
    // The same periods back from the last purchase, row by row (a day's rows by amount), the days up to it.
    const j = N - 1 - k;
    amounts.push(`${fold(`flatten(list_transform(list_filter(days, lambda x: x.day <= last AND ${back("last", "x.day")} = ${j}), lambda x: x.amts))`)} AS e_${k}`);
  }
  return `WITH r AS (SELECT id, day, amount FROM (${rows}) WHERE day <= ${E}),
  d AS (SELECT id, day, list_sort(list(amount)) AS amts, bool_or(amount > 0) AS purchase, count(*) FILTER (WHERE amount > 0) AS orders FROM r GROUP BY id, day),
  c AS (SELECT id, list_sort(list(struct_pack(day := day, amt := ${fold("amts")}, purchase := purchase, amts := amts))) AS days,
          count(*) FILTER (WHERE purchase) AS purchase_days, coalesce(min(day) FILTER (WHERE purchase), min(day)) AS first,
          coalesce(max(day) FILTER (WHERE purchase), min(day)) AS last, sum(orders) AS orders,
          count(DISTINCT ${back(E, "day")}) FILTER (WHERE purchase) AS active
        FROM d GROUP BY id),
  g AS (SELECT id, purchase_days, first, last, orders, active, ${fold("list_transform(days, lambda x: x.amt)")} AS revenue,
          ${fold("list_transform(list_filter(days, lambda x: x.purchase)[2:], lambda x: x.amt)")} AS repeat_sum, ${amounts.join(", ")}
        FROM c)
  SELECT id, greatest(purchase_days - 1, 0)::DOUBLE AS frequency, (last - first) / ${u} AS recency, (${E} - first) / ${u} AS T,
    CASE WHEN purchase_days > 1 THEN repeat_sum / (purchase_days - 1) ELSE 0 END::DOUBLE AS monetary, revenue,
    first::DOUBLE AS first, last::DOUBLE AS last, orders::DOUBLE AS orders, ${Array.from({ length: N }, (_, k) => `p_${k}`).concat(Array.from({ length: N }, (_, k) => `e_${k}`)).join(", ")},
    active::DOUBLE AS active, (${back(E, "first")} + 1)::DOUBLE AS observed
  FROM g
  ORDER BY ${idOrderSql("id")}`;
}

/** The rows with their ids trimmed as the CSV reader trims them. */
function trimmedRows(rows: string): string {
  return `SELECT trim(id, ${sqlText(JS_WHITESPACE)}) AS id, day, amount FROM (${rows})`;
}

/**
 * The distinct days of all rows with their counts, ascending. @throws CvaError naming the first
 * row whose customer id is empty, as the CSV reader names it.
 */
async function readDays(db: DuckDBConnection, rows: string, file: string, c: Record<"id" | "date" | "amount", string>): Promise<DayCounts> {
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
    throw cellError(path.basename(file), ErrorCodes.Missing, "csv.emptyId", row, row + 1, c.id);
  }
  return { length: day.length, day, count };
}

/** Reads the per-customer query into summary columns. */
async function readSummaries(db: DuckDBConnection, sql: string, N: number): Promise<SummaryColumns> {
  const ids: string[] = [];
  // frequency, recency, T, monetary, revenue, first, last, orders, N period and N exit amounts, active, observed.
  const width = 8 + 2 * N + 2;
  let cols = Array.from({ length: width }, () => new Float64Array(1 << 14));
  const result = await db.stream(sql);
  for (let chunk; (chunk = await result.fetchChunk()) && chunk.rowCount > 0; ) {
    const rows = chunk.rowCount;
    const n = ids.length;
    if (n + rows > cols[0].length) {
      let cap = cols[0].length;
      while (cap < n + rows) cap *= 2;
      cols = cols.map((c) => {
        const bigger = new Float64Array(cap);
        bigger.set(c.subarray(0, n));
        return bigger;
      });
    }
    const idVector = chunk.getColumnVector(0);
    for (let i = 0; i < rows; i++) ids.push(idVector.getItem(i) as string);
    for (let j = 0; j < width; j++) {
      const v = chunk.getColumnVector(j + 1);
      const col = cols[j];
      for (let i = 0; i < rows; i++) col[n + i] = v.getItem(i) as number;
    }
  }
  const n = ids.length;
  const out = summaryColumns(n, N, false, false);
  const order = idOrder(ids);
  const named = [out.frequency, out.recency, out.T, out.monetary, out.revenue, out.first, out.last, out.orders];
  for (let p = 0; p < n; p++) {
    const q = order ? order[p] : p;
    out.ids[p] = ids[q];
    for (let j = 0; j < 8; j++) named[j][p] = cols[j][q];
    for (let k = 0; k < N; k++) {
      out.periodAmounts[p * N + k] = cols[8 + k][q];
      out.exitPeriodAmounts[p * N + k] = cols[8 + N + k][q];
    }
    out.activePeriods[p] = cols[8 + 2 * N][q];
    out.observedPeriods[p] = cols[9 + 2 * N][q];
    // A sum past 1.8e308 is an error naming the customer, as in summarize.ts, never an Infinity in the output.
    let finite = out.revenue[p] - out.revenue[p] === 0 && out.monetary[p] - out.monetary[p] === 0;
    for (let k = p * N; k < (p + 1) * N; k++) finite = finite && out.periodAmounts[k] - out.periodAmounts[k] === 0 && out.exitPeriodAmounts[k] - out.exitPeriodAmounts[k] === 0;
    if (!finite) throw CvaError.keyed(ErrorCodes.InvalidNumber, "amount.sumTooLarge", { id: out.ids[p] });
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
    const cols = await duckColumns(db, o.file, o.columns);
    const { rows } = await checkRows(db, o.file, cols);
    const days = await readDays(db, rows, o.file, cols);
    let settings: SummarySettings;
    try {
      settings = settingsOf(days);
    } catch (e) {
      callers = e;
      throw e;
    }
    const summaries = await readSummaries(db, analysisSql(trimmedRows(rows), settings), settings.periodCount);
    return { summaries, settings, days };
  } catch (e) {
    throw e === callers ? e : engineError(e);
  } finally {
    db.closeSync();
  }
}
