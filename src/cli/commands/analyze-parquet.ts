/**
 * `cva analyze --out results.parquet` (docs/engines.md §8): the per-customer results in Parquet,
 * the columns of the CSV (analyze.ts) typed — numbers as DOUBLE (whole counts as BIGINT), first
 * and last purchase as DATE, labels as text, blanks as NULL — written by DuckDB's COPY from a
 * table the results are appended to, one customer at a time, so no text of the whole file is ever
 * made. The Parquet file is written beside its target under a temporary name and renamed when the
 * other outputs are written, so either every output is complete or none is touched.
 */
import * as fs from "fs";
import * as path from "path";
import type { DuckDBAppender } from "@duckdb/node-api";
import { finiteResult, formatDay, type CustomerResult } from "../../core";
import { explainWriteError } from "../output";
import { engineError } from "../engine/duckdb-summary";

/** Whether an output file is Parquet, by its name. */
export function isParquet(file: string): boolean {
  return /\.parquet$/i.test(file);
}

type Kind = "text" | "double" | "count" | "int" | "date";

/** The result columns in the CSV's order: name, type and the value of a customer (null or undefined: NULL). */
const COLUMNS: readonly [string, Kind, (c: CustomerResult) => string | number | null | undefined][] = [
  ["customer_id", "text", (c) => c.customerId],
  ["frequency", "count", (c) => c.summary.frequency],
  ["recency", "double", (c) => c.summary.recency],
  ["T", "double", (c) => c.summary.T],
  ["monetary", "double", (c) => c.summary.monetary],
  ["revenue", "double", (c) => c.summary.revenue],
  ["margin", "double", (c) => c.summary.margin],
  ["first", "date", (c) => formatDay(c.summary.first)],
  ["last", "date", (c) => formatDay(c.summary.last)],
  ["orders", "count", (c) => c.summary.orders],
  ["value", "double", (c) => c.value],
  ["tier", "int", (c) => c.tier],
  ["tier_label", "text", (c) => c.tierLabel],
  ["upgrade_potential", "int", (c) => (c.upgradePotential === null ? null : c.upgradePotential ? 1 : 0)],
  ["rfm_r", "int", (c) => c.rfm.r],
  ["rfm_f", "int", (c) => c.rfm.f],
  ["rfm_m", "int", (c) => c.rfm.m],
  ["rfm_cell", "text", (c) => c.rfm.cell],
  ["rfm_segment", "text", (c) => c.rfm.segmentLabel],
  ["stage", "text", (c) => c.stageLabel],
  ["exit_pattern", "text", (c) => c.exitPatternLabel],
  ["level", "int", (c) => c.level],
  ["level_label", "text", (c) => c.levelLabel],
  ["loyalty_index", "double", (c) => c.loyaltyIndex],
  ["loyalty_class", "text", (c) => c.loyaltyClassLabel],
  ["p_alive", "double", (c) => c.pAlive],
  ["at_risk", "int", (c) => (c.atRisk ? 1 : 0)],
  ["expected_purchases", "double", (c) => c.expectedPurchases],
  ["clv", "double", (c) => c.clv],
  ["delivered_value", "double", (c) => c.delivered?.deliveredValue],
  ["value_ratio", "double", (c) => c.valueRatio],
  ["tier_strategy", "text", (c) => c.tierStrategy],
  ["stage_strategy", "text", (c) => c.stageStrategy],
];

/** The Parquet file's column names, the CSV header's. */
export const PARQUET_COLUMNS = COLUMNS.map(([name]) => name);

const SQL_TYPE: Record<Kind, string> = { text: "VARCHAR", double: "DOUBLE", count: "BIGINT", int: "INTEGER", date: "VARCHAR" };

function append(a: DuckDBAppender, kind: Kind, v: string | number | null | undefined): void {
  if (v === null || v === undefined) return a.appendNull();
  if (kind === "text" || kind === "date") return a.appendVarchar(String(v));
  // The last guard, as the CSV's fmt: a NaN or Infinity is an error, never a value in the file.
  const x = finiteResult(v as number);
  if (kind === "double") a.appendDouble(x);
  else if (kind === "count") a.appendBigInt(BigInt(x));
  else a.appendInteger(x);
}

/**
 * Writes the results to `out` as Parquet; `before` (the other outputs' atomic write) runs after
 * the Parquet file is complete under its temporary name and before it is renamed.
 * @throws CvaError naming the user's path when the file cannot be written.
 */
export async function writeParquetResults(customers: Iterable<CustomerResult>, out: { path: string; shown: string }, before: () => void): Promise<void> {
  let target = path.resolve(out.path);
  try {
    target = fs.realpathSync(target);
  } catch {
    // not there yet
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.parquet.tmp`);
  // A folder that is not there or not writable is named as for a CSV, before any work.
  try {
    fs.writeFileSync(tmp, "");
  } catch (e) {
    throw explainWriteError(e, out.shown);
  }
  const { DuckDBInstance } = await import("@duckdb/node-api");
  let db;
  try {
    db = await (await DuckDBInstance.create(":memory:")).connect();
    await db.run(`CREATE TABLE results (${COLUMNS.map(([name, kind]) => `"${name}" ${SQL_TYPE[kind]}`).join(", ")})`);
    const appender = await db.createAppender("results");
    try {
      for (const c of customers) {
        for (const [, kind, get] of COLUMNS) append(appender, kind, get(c));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    const select = COLUMNS.map(([name, kind]) => (kind === "date" ? `CAST("${name}" AS DATE) AS "${name}"` : `"${name}"`)).join(", ");
    try {
      await db.run(`COPY (SELECT ${select} FROM results) TO '${tmp.replace(/'/g, "''")}' (FORMAT parquet)`);
    } catch (e) {
      throw engineError(e);
    }
    before();
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      throw explainWriteError(e, out.shown);
    }
  } finally {
    db?.closeSync();
    fs.rmSync(tmp, { force: true });
  }
}
