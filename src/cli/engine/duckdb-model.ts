/**
 * `cva fit` and `cva predict` with `--engine duckdb` (docs/engines.md §1, §3): DuckDB computes the
 * summary (./duckdb-summary.ts) into a temporary table; Node receives only the distinct (x, t_x, T)
 * histories with their customer counts, and the distinct (x, mean spend) pairs with theirs, and
 * fits on those weighted rows (./weighted-model.ts). For predict, the scores that depend on the
 * history — P(alive), expected purchases and the discounted expected purchases behind the CLV —
 * are computed once per distinct history in Node, appended to DuckDB as a table, and joined to
 * every customer in SQL; the expected spend, a closed form in (x, mean spend) (FH 2013 eq. 5), is
 * computed in the same SQL with the fitted parameters. DuckDB's COPY writes the result. The
 * customers never sit in Node's memory.
 */
import { DOUBLE, DuckDBDataChunk, type DuckDBConnection } from "@duckdb/node-api";
import { finiteResult, scoreCountModel, type BtydPredictorOptions } from "../../core";
import { idOrderSql, sqlText } from "./duckdb-summary";
import type { WeightedFit, WeightedHistories, WeightedSpend } from "./weighted-model";

/** The temporary table of the per-customer summary that {@link materialiseSummary} creates. */
export const SUMMARY_TABLE = "cva_summary";
/** The temporary table of the scores per distinct history. */
const SCORES_TABLE = "cva_scores";

/**
 * Creates the temporary summary table (customer_id, frequency, recency, T, monetary, orders — for
 * the warning about customers without a purchase — and ord, the customer's place in the core's
 * order of ids) from the summary query.
 */
export async function materialiseSummary(db: DuckDBConnection, summary: string): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${SUMMARY_TABLE} AS SELECT customer_id, frequency, recency, T, monetary, orders, row_number() OVER (ORDER BY ${idOrderSql("customer_id")}) AS ord FROM (${summary})`);
}

/** The DOUBLE columns of a query, read chunk by chunk into typed arrays. */
async function readColumns(db: DuckDBConnection, sql: string, count: number): Promise<Float64Array[]> {
  const result = await db.stream(sql);
  let cols = Array.from({ length: count }, () => new Float64Array(1024));
  let n = 0;
  for (let chunk; (chunk = await result.fetchChunk()) && chunk.rowCount > 0; ) {
    const rows = chunk.rowCount;
    if (n + rows > cols[0].length) {
      let cap = cols[0].length;
      while (cap < n + rows) cap *= 2;
      cols = cols.map((c) => {
        const bigger = new Float64Array(cap);
        bigger.set(c.subarray(0, n));
        return bigger;
      });
    }
    for (let j = 0; j < count; j++) {
      const v = chunk.getColumnVector(j);
      const col = cols[j];
      for (let i = 0; i < rows; i++) col[n + i] = v.getItem(i) as number;
    }
    n += rows;
  }
  return cols.map((c) => c.slice(0, n));
}

/**
 * The distinct (x, t_x, T) histories of the summary table with the number of customers behind
 * each, in the order of their first customer: the order in which the core groups the in-memory
 * engine's customers (src/core/clv/grouping.ts), so both engines hand the fit the same rows in the
 * same order and the fits agree to the last digit, not only within the optimiser's tolerance.
 */
export async function readHistories(db: DuckDBConnection): Promise<Required<WeightedHistories>> {
  const [frequency, recency, T, weights] = await readColumns(
    db,
    `SELECT frequency::DOUBLE, recency::DOUBLE, T::DOUBLE, count(*)::DOUBLE FROM ${SUMMARY_TABLE} GROUP BY frequency, recency, T ORDER BY min(ord)`,
    4,
  );
  return { frequency, recency, T, weights };
}

/** The distinct (x, mean spend) pairs of the summary table with the number of customers behind each, in the order of their first customer. */
export async function readSpend(db: DuckDBConnection): Promise<Required<WeightedSpend>> {
  const [frequency, monetary, weights] = await readColumns(
    db,
    `SELECT frequency::DOUBLE, monetary::DOUBLE, count(*)::DOUBLE FROM ${SUMMARY_TABLE} GROUP BY frequency, monetary ORDER BY min(ord)`,
    3,
  );
  return { frequency, monetary, weights };
}

/** A double as an SQL value that DuckDB reads back to the same double (a text cast, not a decimal literal). */
function exactDouble(v: number): string {
  return `${sqlText(String(finiteResult(v)))}::DOUBLE`;
}

/** Appends typed columns to a table of DOUBLE columns, 2,048 rows per chunk. */
async function appendColumns(db: DuckDBConnection, table: string, cols: readonly Float64Array[]): Promise<void> {
  const appender = await db.createAppender(table);
  try {
    const n = cols[0].length;
    const types = cols.map(() => DOUBLE);
    for (let start = 0; start < n; start += 2048) {
      const rows = Math.min(2048, n - start);
      const chunk = DuckDBDataChunk.create(types, rows);
      cols.forEach((col, j) => {
        const v = chunk.getColumnVector(j);
        for (let i = 0; i < rows; i++) v.setItem(i, col[start + i]);
        v.flush();
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * Scores the distinct histories with the fitted count model and loads them into DuckDB: P(alive),
 * expected purchases and clv_unit, the CLV of one unit of spend with margin 1 — the core's CLV is
 * P(alive) × discounted expected purchases × expected spend × margin, multiplied in that order
 * (src/core/clv/btyd-score.ts), so clv_unit × expected spend × margin in SQL is the same double.
 */
export async function loadHistoryScores(db: DuckDBConnection, f: WeightedFit, h: WeightedHistories, options: BtydPredictorOptions): Promise<void> {
  const n = h.frequency.length;
  const ones = new Float64Array(n).fill(1);
  const s = scoreCountModel(f.model, f.fit.params, null, { frequency: h.frequency, recency: h.recency, T: h.T, monetary: ones }, { ...options, margin: 1 }, ones);
  for (const col of [s.pAlive, s.expectedPurchases, s.clv]) for (let i = 0; i < n; i++) finiteResult(col[i]);
  await db.run(`CREATE TEMP TABLE ${SCORES_TABLE} (frequency DOUBLE, recency DOUBLE, T DOUBLE, p_alive DOUBLE, expected_purchases DOUBLE, clv_unit DOUBLE)`);
  await appendColumns(db, SCORES_TABLE, [h.frequency, h.recency, h.T, s.pAlive, s.expectedPurchases, s.clv]);
}

/**
 * The expected spend per purchase of a customer as SQL over frequency and monetary: Gamma-Gamma's
 * p(v + x·max(m, 0))/(px + q − 1) (FH 2013 eq. 5), else the customer's own mean spend for a
 * repeat buyer and the repeat buyers' weighted mean for the rest (./weighted-model.ts expectedSpend).
 */
export function expectedSpendSql(f: WeightedFit): string {
  const gg = f.gammagamma;
  if (!gg) return `CASE WHEN frequency > 0 THEN monetary ELSE ${exactDouble(f.meanSpend)} END`;
  const p = exactDouble(gg.params.p), q = exactDouble(gg.params.q), v = exactDouble(gg.params.v);
  return `(${p} * (${v} + frequency::DOUBLE * greatest(monetary, 0::DOUBLE))) / (${p} * frequency::DOUBLE + ${q} - 1::DOUBLE)`;
}

/**
 * The predict output query: every customer of the summary table joined to its history's scores,
 * in the columns of `cva predict` (customer_id, frequency, recency, T, monetary, p_alive,
 * expected_purchases, expected_value, clv), in the core's order of ids.
 */
export function scoresSql(f: WeightedFit, margin: number): string {
  return `WITH e AS (SELECT *, ${expectedSpendSql(f)} AS expected_value FROM ${SUMMARY_TABLE})
  SELECT e.customer_id, e.frequency, e.recency, e.T, e.monetary, h.p_alive, h.expected_purchases, e.expected_value, (h.clv_unit * e.expected_value) * ${exactDouble(margin)} AS clv
  FROM e JOIN ${SCORES_TABLE} h ON e.frequency::DOUBLE = h.frequency AND e.recency = h.recency AND e.T = h.T
  ORDER BY e.ord`;
}
