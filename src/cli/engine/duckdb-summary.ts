/**
 * The customer summary as one DuckDB query (docs/engines.md §1), with the semantics of the core's
 * summarize (src/core/summary/summarize.ts, docs/summary.md §1–§4) and its purchase periods
 * (src/core/summary/period.ts): a purchase is a period with a row whose amount is above 0, its
 * amount the sum of its purchase days' amounts; frequency = purchase periods − 1; recency and T
 * from the first purchase (or, without one, the first row); monetary = mean amount of the repeat
 * purchase periods; revenue = Σ amounts; orders = rows with amount > 0. Days are Excel serial
 * numbers (days since 1899-12-30), as in the core. Only this file and its callers import DuckDB:
 * never code the add-in bundles.
 */
import * as path from "path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { CvaError, ErrorCodes, matchColumns, readDay, TRANSACTION_SYNONYMS, type TransactionColumn } from "../../core";
import { MAX_DAY, MIN_BARE_SERIAL, MIN_DAY } from "../../core/summary/dates";
import { PERIOD_DAYS, type PurchasePeriod } from "../../core/summary/period";
import type { DayCounts } from "../../core/summary/summary-warnings";
import { DAYS_PER_UNIT, type TimeUnit } from "../../core/summary/units";
import { UsageError } from "../args";
import { cellError, fileError } from "../csv/errors";

/** The settings of a DuckDB summary. */
export interface DuckSummarySettings {
  unit: TimeUnit;
  purchasePeriod: PurchasePeriod;
  /** Observation end as a day number; undefined: the last date in the data. */
  end?: number;
}

/** An SQL string literal. */
export function sqlText(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** An SQL identifier. */
export function ident(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** The table function that reads a file: Parquet by its extension, else CSV (gzip by .gz) with every field as text. */
export function sourceOf(file: string): string {
  if (/\.parquet$/i.test(file)) return `read_parquet(${sqlText(file)})`;
  return `read_csv(${sqlText(file)}, header = true, all_varchar = true, auto_detect = true)`;
}

/** Opens DuckDB with the CLI's --threads and --memory-limit. */
export async function openDuck(o: { threads?: number; memoryLimit?: string } = {}): Promise<DuckDBConnection> {
  const config: Record<string, string> = {};
  if (o.threads !== undefined) config.threads = String(o.threads);
  if (o.memoryLimit !== undefined) config.memory_limit = o.memoryLimit;
  // Loaded here, not at the top: DuckDB's native module costs every other command (and the query
  // text cva sql prints) its load time otherwise.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", config);
  return instance.connect();
}

/** The id, date and amount columns of the file, matched by name as the in-memory reader does; `name`: the file as messages name it. */
export async function duckColumns(
  db: DuckDBConnection,
  file: string,
  overrides: Partial<Record<TransactionColumn, string>>,
  name = path.basename(file),
): Promise<Record<"id" | "date" | "amount", string>> {
  const reader = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${sourceOf(file)}`);
  const headers = reader.getRowObjects().map((r) => String(r.column_name));
  const cols = matchColumns<TransactionColumn>(headers, TRANSACTION_SYNONYMS, [], overrides);
  const out: Partial<Record<"id" | "date" | "amount", string>> = {};
  for (const role of ["id", "date", "amount"] as const) {
    const i = cols[role];
    if (i === undefined) throw fileError(name, ErrorCodes.MissingColumn, "csv.summaryColumn", { column: role, columns: headers.join(", ") }, { column: role });
    out[role] = headers[i];
  }
  return out as Record<"id" | "date" | "amount", string>;
}

/**
 * The day number of a date text, null when it is none, as the core's readDay reads it
 * (src/core/summary/dates.ts): YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD with an optional time, or a
 * number — an Excel serial from 10000 (1927-05-18) to 9999-12-31, its fraction (a time of day)
 * dropped, or a YYYYMMDD number with a fraction. A smaller number is no date (the memory engine
 * names it a bare number). A text with "-" after its year is first cast as a DATE, several times
 * faster than strptime; what the cast refuses still goes through the three formats.
 */
function daySql(col: string): string {
  const t = `trim(CAST(${col} AS VARCHAR))`;
  const iso = `CASE WHEN substr(${t}, 5, 1) = '-' THEN TRY_CAST(left(${t}, 10) AS DATE) END`;
  const d = `coalesce(${iso}, try_strptime(left(${t}, 10), '%Y-%m-%d'), try_strptime(left(${t}, 10), '%Y/%m/%d'), try_strptime(left(${t}, 8), '%Y%m%d'))`;
  const text = `date_diff('day', DATE '1899-12-30', CAST(${d} AS DATE))`;
  // A number other than eight digits (which are YYYYMMDD): the core's serialToDay.
  const n = `floor(TRY_CAST(${t} AS DOUBLE))`;
  const ymd = `date_diff('day', DATE '1899-12-30', CAST(try_strptime(CAST(${n}::BIGINT AS VARCHAR), '%Y%m%d') AS DATE))`;
  const serial = `CASE WHEN ${n} BETWEEN ${MIN_BARE_SERIAL} AND ${MAX_DAY} THEN ${n}::BIGINT WHEN ${n} BETWEEN 10000101 AND 99991231 THEN ${ymd} END`;
  return `CASE WHEN regexp_full_match(${t}, '[0-9]+(\\.[0-9]+)?') AND NOT regexp_full_match(${t}, '[0-9]{8}') THEN ${serial} ELSE ${text} END`;
}

/** The period index of a day number column, as period.ts periodIndex. */
function periodSql(day: string, p: PurchasePeriod): string {
  if (p === "day") return day;
  // 45292 is Monday 2024-01-01 as a day number.
  if (p === "week") return `floor((${day} - 45292) / 7)::BIGINT`;
  const date = `(DATE '1899-12-30' + CAST(${day} AS INTEGER))`;
  return `(year(${date}) * 12 + month(${date}) - 1)`;
}

/**
 * The rows of a CSV file typed by DuckDB's CSV reader — the date as an ISO date, the amount as a
 * double, every other column as text — or null for Parquet. Several times faster than
 * {@link rowsSql}'s parsing of texts, and the same values; a row it cannot read fails the whole
 * query, and the caller then reads the file as text (checkRows).
 */
function typedRowsSql(file: string, c: Record<"id" | "date" | "amount", string>): string | null {
  if (/\.parquet$/i.test(file)) return null;
  const types = `{${sqlText(c.date)}: 'DATE', ${sqlText(c.amount)}: 'DOUBLE'}`;
  return `SELECT CAST(${ident(c.id)} AS VARCHAR) AS id, date_diff('day', DATE '1899-12-30', ${ident(c.date)}) AS day, ${ident(c.amount)} AS amount
    FROM read_csv(${sqlText(file)}, header = true, all_varchar = true, auto_detect = true, types = ${types}, dateformat = '%Y-%m-%d')`;
}

/** The rows read and typed: id, day number, amount; with `forMessages`, the texts and the file row too (a window over the whole file: only to name a bad row). */
export function rowsSql(file: string, c: Record<"id" | "date" | "amount", string>, forMessages = false): string {
  const extra = forMessages ? `, CAST(${ident(c.date)} AS VARCHAR) AS date_text, CAST(${ident(c.amount)} AS VARCHAR) AS amount_text, row_number() OVER () AS file_row` : "";
  return `SELECT CAST(${ident(c.id)} AS VARCHAR) AS id, ${daySql(ident(c.date))} AS day, TRY_CAST(trim(CAST(${ident(c.amount)} AS VARCHAR)) AS DOUBLE) AS amount${extra}
    FROM ${sourceOf(file)}`;
}

/**
 * The summary query: one row per customer with customer_id, frequency, recency, T, monetary,
 * revenue, first, last (day numbers) and orders; see the module comment. `end` is a day number,
 * or an SQL expression of one (`cva sql` without --end: the last day of the table).
 */
export function summarySql(rows: string, s: Omit<DuckSummarySettings, "end"> & { end: number | string }): string {
  const u = DAYS_PER_UNIT[s.unit];
  const L = PERIOD_DAYS[s.purchasePeriod];
  const pk = (x: string) => periodSql(x, s.purchasePeriod);
  const time = (a: string, b: string) => (s.purchasePeriod === "day" ? `(${a} - ${b}) / ${u}::DOUBLE` : `((${pk(a)} - ${pk(b)}) * ${L}::DOUBLE) / ${u}::DOUBLE`);
  // Purchase periods: a day is its own period (no second grouping); weeks and months gather their days.
  const periods =
    s.purchasePeriod === "day"
      ? `SELECT id, day AS pk, purchase, CASE WHEN purchase THEN amt END AS pamt, CASE WHEN purchase THEN day END AS pfirst, CASE WHEN purchase THEN day END AS plast, day AS firstrow, amt, orders FROM d`
      : `SELECT id, ${pk("day")} AS pk, bool_or(purchase) AS purchase, sum(amt) FILTER (WHERE purchase) AS pamt,
          min(day) FILTER (WHERE purchase) AS pfirst, max(day) FILTER (WHERE purchase) AS plast, min(day) AS firstrow, sum(amt) AS amt, sum(orders) AS orders
        FROM d GROUP BY id, pk`;
  // The repeat purchases' amount in the same single pass over the periods: all purchase periods'
  // amount (a compensated sum) less the first one's (arg_min), not a join on the first period —
  // at 100 million rows the join took three quarters of the query's time and outgrew a 3 GB memory
  // limit. Off the exclusion's sum by at most an ulp of the purchases' total (docs/engines.md §1).
  return `WITH r AS (SELECT id, day, amount FROM (${rows}) WHERE day <= ${s.end}),
  d AS (SELECT id, day, sum(amount) AS amt, bool_or(amount > 0) AS purchase, count(*) FILTER (WHERE amount > 0) AS orders FROM r GROUP BY id, day),
  p AS (${periods}),
  c AS (SELECT id, count(*) FILTER (WHERE purchase) AS periods, min(pfirst) AS firstp, max(plast) AS lastp, min(firstrow) AS firstrow,
          sum(amt) AS revenue, sum(orders) AS orders,
          coalesce(fsum(pamt) FILTER (WHERE purchase) - arg_min(pamt, pk) FILTER (WHERE purchase), 0) AS repeat_sum
        FROM p GROUP BY id),
  g AS (SELECT id, greatest(periods - 1, 0) AS frequency, coalesce(firstp, firstrow) AS first, coalesce(lastp, firstp, firstrow) AS last, revenue, orders, repeat_sum FROM c)
  SELECT id AS customer_id, frequency::BIGINT AS frequency, ${time("last", "first")} AS recency, ${time(String(s.end), "first")} AS T,
    CASE WHEN frequency > 0 THEN repeat_sum / frequency ELSE 0 END AS monetary, revenue, first, last, orders::BIGINT AS orders
  FROM g`;
}

/**
 * The characters JavaScript's String.prototype.trim removes (ECMA-262 WhiteSpace and
 * LineTerminator): an id of only these is empty to the CSV reader.
 */
export const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** What the rows' check found: the last day, the rows' query, and the distinct days of all rows with their counts, ascending. */
export interface CheckedRows {
  last: number;
  rows: string;
  days: DayCounts;
}

/**
 * One pass over the file: the distinct days of its rows with their counts (for the summary's
 * warnings, ./duckdb-warnings.ts; the last is the default observation end) and whether any row
 * cannot be read — a date that is none or outside 1899-12-31…9999-12-31 (the core's day numbers),
 * an amount that is none or not finite; ids: {@link checkIds} — through DuckDB's typed CSV reader, or when
 * that fails on some row, the texts parsed (rowsSql). Then, only when one cannot, the first such
 * row in the file, with the in-memory reader's message (the data row and its line; the file's
 * first line is the header), naming the file `name`. With `stage`, the rows read are handed to it
 * and the pass (and the returned rows) read what it returns.
 * @throws CvaError naming the bad row; EMPTY_INPUT for a file without rows.
 */
export async function checkRows(
  db: DuckDBConnection,
  file: string,
  c: Record<"id" | "date" | "amount", string>,
  name = path.basename(file),
  stage?: (rows: string) => Promise<string>,
): Promise<CheckedRows> {
  // With `stage`, the rows are first written where stage puts them (./duckdb-partitions.ts) and the pass reads them there.
  const passOf = async (read: string) => {
    const rows = stage ? await stage(read) : read;
    const pass = (await db.runAndReadAll(`SELECT day::DOUBLE AS day, count(*)::DOUBLE AS n, bool_or(${BAD_VALUE}) AS bad FROM (${rows}) GROUP BY day ORDER BY day`)).getRowObjects();
    return { rows, pass };
  };
  const typed = typedRowsSql(file, c);
  let checked: { rows: string; pass: Record<string, unknown>[] } | null = null;
  if (typed !== null) {
    try {
      checked = await passOf(typed);
    } catch (e) {
      // A row the typed reader refuses (another date format, a bad value): read the file as text, which names such a row.
      if (e instanceof CvaError) throw e;
    }
  }
  const { rows, pass } = checked ?? (await passOf(rowsSql(file, c)));
  if (pass.some((r) => r.bad)) throw await firstBadRow(db, file, c, name);
  if (pass.length === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  const days = { length: pass.length, day: pass.map((r) => Number(r.day)), count: pass.map((r) => Number(r.n)) };
  return { last: days.day[days.length - 1], rows, days };
}

/** An id column that is empty to the CSV reader (null, or only what JavaScript's trim removes). */
const badId = (col: string) => `${col} IS NULL OR trim(${col}, ${sqlText(JS_WHITESPACE)}) = ''`;
const BAD_ID = badId("id");
/** A row whose date is none or outside the core's days (1899-12-31…9999-12-31). */
const BAD_DAY = `day IS NULL OR day < ${MIN_DAY} OR day > ${MAX_DAY}`;
/** A row whose date or amount cannot be read. */
const BAD_VALUE = `${BAD_DAY} OR amount IS NULL OR NOT isfinite(amount)`;

/** The memory engine's error for the first bad row of the file (an empty id, a date or an amount that cannot be read). */
async function firstBadRow(db: DuckDBConnection, file: string, c: Record<"id" | "date" | "amount", string>, name: string): Promise<CvaError> {
  const sql = `SELECT file_row, date_text, amount_text, (${BAD_ID}) AS bad_id, (${BAD_DAY}) AS bad_date FROM (${rowsSql(file, c, true)}) WHERE ${BAD_ID} OR ${BAD_VALUE} ORDER BY file_row LIMIT 1`;
  return badRowError((await db.runAndReadAll(sql)).getRowObjects()[0], name, c);
}

/** The code points of {@link JS_WHITESPACE}, as an SQL list. */
const SPACE_CODES = Array.from(JS_WHITESPACE, (ch) => ch.codePointAt(0)).join(", ");

/**
 * Checks the ids of a summary table (its customer_id): an empty one is named by the first bad row
 * of the file, as the memory engine names it; returns whether an id has what JavaScript's trim
 * removes at either end (the memory engine reads " c1 " as "c1", and one customer with "c1": the
 * caller then makes the summary again from {@link trimmedIds}' rows). Per customer rather than per
 * row, and DuckDB's trim with a list of characters — costly, 11 s of CPU at 17 million customers —
 * only on the ids whose first or last character is one of them.
 * @throws CvaError naming the first bad row.
 */
export async function checkIds(db: DuckDBConnection, table: string, file: string, c: Record<"id" | "date" | "amount", string>, name = path.basename(file)): Promise<boolean> {
  const id = "customer_id";
  const edge = `${id} IS NULL OR ${id} = '' OR ascii(${id}) IN (${SPACE_CODES}) OR ascii(right(${id}, 1)) IN (${SPACE_CODES})`;
  const sql = `SELECT count(*) FILTER (WHERE ${badId(id)})::DOUBLE AS empty, count(*) FILTER (WHERE trim(${id}, ${sqlText(JS_WHITESPACE)}) <> ${id})::DOUBLE AS padded
    FROM (SELECT ${id} FROM ${table} WHERE ${edge})`;
  const r = (await db.runAndReadAll(sql)).getRowObjects()[0];
  if (Number(r.empty) > 0) throw await firstBadRow(db, file, c, name);
  return Number(r.padded) > 0;
}

/** The rows of a rows query (id, day, amount) with each id trimmed as the memory engine trims it. */
export function trimmedIds(rows: string): string {
  return `SELECT trim(id, ${sqlText(JS_WHITESPACE)}) AS id, day, amount FROM (${rows})`;
}

/** The plain decimal the memory engine reads (src/cli/csv/values.ts bytesToNumber), NaN for any other text. */
function plainNumber(t: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
}

/**
 * The message of a bad row (`r`: its file_row, date_text, amount_text, bad_id and bad_date), with
 * the key and parameters of the memory engine's (src/cli/csv/transactions.ts): the id first, then
 * the date, then the amount.
 */
function badRowError(r: Record<string, unknown>, name: string, c: Record<"id" | "date" | "amount", string>): CvaError {
  const row = Number(r.file_row);
  if (r.bad_id) return cellError(name, ErrorCodes.Missing, "csv.emptyId", row, row + 1, c.id);
  if (r.bad_date) {
    const text = String(r.date_text ?? "").trim();
    const problem = readDay(text);
    const key = problem === "bareNumber" ? "csv.dateBareNumber" : problem === "before1900" ? "csv.dateBefore1900" : "csv.badDate";
    return cellError(name, ErrorCodes.InvalidDate, key, row, row + 1, c.date, { got: JSON.stringify(text) });
  }
  const text = String(r.amount_text ?? "").trim();
  // NaN: not a number; ±Infinity: past 1.8e308 (docs/inputs.md §9).
  const key = Number.isNaN(plainNumber(text)) ? "csv.badAmount" : "csv.tooLarge";
  return cellError(name, ErrorCodes.InvalidNumber, key, row, row + 1, c.amount, { got: JSON.stringify(text) });
}

/**
 * ORDER BY terms that sort customer ids as the core does (compareIds, src/core/summary/id-order.ts):
 * digit ids first, by their significant digits' count and then those digits, then the other ids
 * by their text; the text breaks ties ("01" and "1"). DuckDB compares text by UTF-8 bytes, the
 * core by UTF-16 code units: they differ only between characters above U+FFFF and U+E000–U+FFFF.
 */
export function idOrderSql(id: string): string {
  const digits = `regexp_full_match(${id}, '[0-9]+')`;
  const significant = `CASE WHEN ltrim(${id}, '0') = '' THEN '0' ELSE ltrim(${id}, '0') END`;
  return `NOT ${digits}, CASE WHEN ${digits} THEN length(${significant}) END, CASE WHEN ${digits} THEN ${significant} END, ${id}`;
}

/** The summary query with first and last as ISO dates, in the columns of `cva summary`. */
export function summaryOutputSql(summary: string): string {
  return `SELECT customer_id, frequency, recency, T, monetary, revenue, strftime(DATE '1899-12-30' + CAST(first AS INTEGER), '%Y-%m-%d') AS first,
    strftime(DATE '1899-12-30' + CAST(last AS INTEGER), '%Y-%m-%d') AS last, orders FROM (${summary}) ORDER BY ${idOrderSql("customer_id")}`;
}

/** COPY of a query to a file: Parquet by the extension, else CSV with a header. */
export function copySql(query: string, out: string): string {
  const format = /\.parquet$/i.test(out) ? "(FORMAT parquet)" : "(FORMAT csv, HEADER true)";
  return `COPY (${query}) TO ${sqlText(out)} ${format}`;
}

/** Wraps a DuckDB failure as a keyed error (the engine's own text as the reason); keyed and usage errors pass. */
export function engineError(e: unknown): unknown {
  if (e instanceof CvaError || e instanceof UsageError) return e;
  return CvaError.keyed(ErrorCodes.InvalidFormat, "engine.failed", { reason: e instanceof Error ? e.message.split("\n")[0] : String(e) });
}
