/**
 * The summary's warnings from the DuckDB engine (docs/engines.md §1, docs/inputs.md §5): the
 * same warnings, with the same keys and parameters, as the memory engine's summarizeWithWarnings
 * (src/core/summary/summary-warnings.ts) for the same rows. What they need is small and comes
 * from SQL: the distinct days of the rows with their counts (./duckdb-summary.ts checkRows; the
 * core takes its quartiles, far dates, rows after today and after the end from those), and the
 * number of customers without a purchase with the first of them in the core's order of ids, from
 * the summary table. The rows never reach Node.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { resolveSummarySettings } from "../../core/summary/settings";
import { summaryWarningsOfDays, type DayCounts } from "../../core/summary/summary-warnings";
import { counted, type CvaWarning } from "../../core/warnings";
import { idOrderSql } from "./duckdb-summary";

/**
 * The summary's warnings: those of the days (`days`: every row's day with its count; `end`: the
 * observation end as a day number; `today`: the edge's clock, as a day number) and the customers
 * with no purchase in `table` (a summary table with customer_id and orders).
 */
export async function duckSummaryWarnings(db: DuckDBConnection, table: string, days: DayCounts, end: number, today: number | undefined): Promise<CvaWarning[]> {
  const out = summaryWarningsOfDays(days, { ...resolveSummarySettings(days), end }, [], { today });
  const none = (await db.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${table} WHERE orders = 0`)).getRowObjects()[0];
  const n = Number(none.n);
  if (n > 0) {
    const first = (await db.runAndReadAll(`SELECT customer_id FROM ${table} WHERE orders = 0 ORDER BY ${idOrderSql("customer_id")} LIMIT 1`)).getRowObjects()[0];
    // The core's warning (summaryWarningsOfDays), from the count rather than from every customer.
    out.push({ key: "warn.noPurchase", params: { customers: counted(n, "customer has", "customers have", "位客户"), id: String(first.customer_id) } });
  }
  return out;
}
