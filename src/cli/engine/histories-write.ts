/**
 * The scores of `cva predict --histories` as a file (docs/engines.md §7): one row per history row,
 * in its order, as CSV — every number in its shortest round-trip text (String), so the frequency,
 * recency and T the warehouse joins on read back to the very doubles it wrote, and no score loses
 * digits — or, for an output name ending .parquet, as Parquet DOUBLE columns written by DuckDB.
 */
import { finiteResult } from "../../core";
import { engineError, openDuck, sqlText } from "./duckdb-summary";
import type { HistoryScores, HistoryTable } from "./histories";
import { spendOf } from "./histories";

/** The output's columns by name, in order. */
export function scoreColumns(h: HistoryTable, s: HistoryScores): [string, Float64Array][] {
  const cols: [string, Float64Array][] = [
    ["frequency", h.frequency],
    ["recency", h.recency],
    ["T", h.T],
  ];
  if (h.monetary) cols.push(["monetary", h.monetary]);
  cols.push(
    ["weight", h.weights],
    ["p_alive", s.pAlive],
    ["expected_purchases", s.expectedPurchases],
    ["clv_per_spend", s.clvPerSpend],
    ["spend_intercept", s.spendIntercept],
    ["spend_slope", s.spendSlope],
    ["clamp_spend", s.clampSpend],
  );
  if (h.monetary) {
    // With the row's own mean spend, its expected spend and CLV as the join computes them.
    const m = h.monetary, n = m.length;
    const ev = new Float64Array(n), clv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ev[i] = spendOf(s, i, m[i]);
      clv[i] = s.clvPerSpend[i] * ev[i];
    }
    cols.push(["expected_value", ev], ["clv", clv]);
  }
  return cols;
}

/** The columns as CSV text with a header; each number the shortest text that reads back to it. */
export function scoresCsv(cols: readonly [string, Float64Array][]): string {
  const n = cols[0][1].length;
  const lines = [cols.map(([name]) => name).join(",")];
  for (let i = 0; i < n; i++) lines.push(cols.map(([, c]) => String(finiteResult(c[i]) + 0)).join(","));
  return lines.join("\n") + "\n";
}

/** Writes the columns to a Parquet file through DuckDB (DOUBLE columns, rows in order). */
export async function writeScoresParquet(cols: readonly [string, Float64Array][], out: string): Promise<void> {
  const db = await openDuck();
  try {
    // Loaded here, as openDuck loads DuckDB: only a Parquet output needs its native module.
    const { DOUBLE, DuckDBDataChunk } = await import("@duckdb/node-api");
    const names = cols.map(([name]) => `"${name}"`);
    await db.run(`CREATE TEMP TABLE cva_history_scores (ord DOUBLE, ${names.map((c) => `${c} DOUBLE`).join(", ")})`);
    const appender = await db.createAppender("cva_history_scores");
    try {
      const n = cols[0][1].length;
      const types = [DOUBLE, ...cols.map(() => DOUBLE)];
      for (let start = 0; start < n; start += 2048) {
        const rows = Math.min(2048, n - start);
        const chunk = DuckDBDataChunk.create(types, rows);
        const ord = chunk.getColumnVector(0);
        for (let i = 0; i < rows; i++) ord.setItem(i, start + i);
        ord.flush();
        cols.forEach(([, col], j) => {
          const v = chunk.getColumnVector(j + 1);
          for (let i = 0; i < rows; i++) v.setItem(i, finiteResult(col[start + i]));
          v.flush();
        });
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    await db.run(`COPY (SELECT ${names.join(", ")} FROM cva_history_scores ORDER BY ord) TO ${sqlText(out)} (FORMAT parquet)`);
  } catch (e) {
    throw engineError(e);
  } finally {
    db.closeSync();
  }
}
