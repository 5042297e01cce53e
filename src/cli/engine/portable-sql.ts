/**
 * The summary as SQL to run where the transactions live (`cva sql`, docs/engines.md §6), with
 * CVA's semantics (purchase days or periods, a day's amounts netted, the first purchase excluded
 * from the mean spend, times in the unit) over a typed table — its date column a DATE or
 * TIMESTAMP (or ISO text), its amount numeric — instead of a file. Rows whose date or amount is
 * NULL are left out (a warehouse table has no unreadable text to name). With `histories`, the
 * distinct (frequency, recency, T) histories with their customer counts, the input of a weighted
 * fit (`cva fit` reads it as a summary file with a weight column). DuckDB gets the DuckDB
 * engine's own query (./duckdb-summary.ts); PostgreSQL, Spark, BigQuery and Snowflake the shared
 * text of ./sql-summary.ts in their dialect (./sql-dialects.ts). This file builds text and
 * imports no engine.
 */
import type { PurchasePeriod } from "../../core/summary/period";
import type { TimeUnit } from "../../core/summary/units";
import { ident, idOrderSql, summaryOutputSql, summarySql } from "./duckdb-summary";
import { DIALECT_SYNTAX, type SqlDialect } from "./sql-dialects";
import { dialectHistoriesSql, dialectSummarySql } from "./sql-summary";

export { SQL_DIALECTS, type SqlDialect } from "./sql-dialects";

/** What `cva sql` prints a query for. */
export interface PortableSqlOptions {
  /** The engine whose SQL it is (default duckdb). */
  dialect?: SqlDialect;
  /** The table, optionally qualified (schema.table); each part is quoted. */
  table: string;
  /** The id, date and amount columns of the table. */
  columns: Record<"id" | "date" | "amount", string>;
  unit: TimeUnit;
  purchasePeriod: PurchasePeriod;
  /** Observation end as a day number (days since 1899-12-30); undefined: the table's last date. */
  end?: number;
  /** The distinct histories with counts instead of one row per customer. */
  histories: boolean;
}

/** The table's rows as id (text), day number and amount (double), rows without a date or an amount left out. */
function tableRowsSql(o: PortableSqlOptions): string {
  const table = o.table.split(".").map(ident).join(".");
  const c = o.columns;
  return `SELECT CAST(${ident(c.id)} AS VARCHAR) AS id, date_diff('day', DATE '1899-12-30', CAST(${ident(c.date)} AS DATE)) AS day, CAST(${ident(c.amount)} AS DOUBLE) AS amount
    FROM ${table} WHERE ${ident(c.date)} IS NOT NULL AND ${ident(c.amount)} IS NOT NULL`;
}

/** The DuckDB engine's query over the table. */
function duckdbSql(o: PortableSqlOptions): string {
  const rows = tableRowsSql(o);
  const end = o.end ?? `(SELECT max(day) FROM (${rows}))`;
  const summary = summarySql(rows, { unit: o.unit, purchasePeriod: o.purchasePeriod, end });
  if (!o.histories) return `${summaryOutputSql(summary)};\n`;
  // Ordered by each history's first customer in CVA's order of ids, the order in which CVA's fit groups customers.
  return `SELECT frequency, recency, T, count(*) AS weight
FROM (SELECT *, row_number() OVER (ORDER BY ${idOrderSql("customer_id")}) AS ord FROM (${summary}))
GROUP BY frequency, recency, T
ORDER BY min(ord);\n`;
}

/** The query `cva sql` prints; see the module comment. */
export function portableSummarySql(o: PortableSqlOptions): string {
  const dialect = o.dialect ?? "duckdb";
  if (dialect === "duckdb") return duckdbSql(o);
  const syntax = DIALECT_SYNTAX[dialect];
  const spec = { table: o.table, columns: o.columns, unit: o.unit, purchasePeriod: o.purchasePeriod, end: o.end };
  return o.histories ? dialectHistoriesSql(syntax, spec) : dialectSummarySql(syntax, spec);
}
