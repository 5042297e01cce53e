/**
 * `cva summary --engine duckdb` (docs/engines.md §1): the summary computed by DuckDB where the
 * file lies and written by DuckDB's COPY — CSV or, for `--out x.parquet`, Parquet — so the
 * customers never sit in Node's memory. Without --out, the CSV is copied to standard output in
 * 1 MB pieces from a temporary file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CvaError, ErrorCodes, type TransactionColumn } from "../../core";
import type { CliIo } from "../io";
import { badRow, copySql, duckColumns, engineError, lastDay, openDuck, rowsSql, summaryOutputSql, summarySql, type DuckSummarySettings } from "./duckdb-summary";

/** What `cva summary --engine duckdb` needs. */
export interface DuckSummaryRun extends DuckSummarySettings {
  file: string;
  /** Output file (.parquet or CSV); undefined: standard output. */
  out?: string;
  columns: Partial<Record<TransactionColumn, string>>;
  threads?: number;
  memoryLimit?: string;
}

/** Runs the summary in DuckDB; see the module comment. @throws CvaError naming the file and row of a bad value. */
export async function duckSummary(io: CliIo, o: DuckSummaryRun): Promise<void> {
  if (!fs.existsSync(o.file)) throw CvaError.keyed(ErrorCodes.Missing, "file.notFound", { file: o.file });
  const db = await openDuck({ threads: o.threads, memoryLimit: o.memoryLimit });
  let tmp: string | undefined;
  try {
    const cols = await duckColumns(db, o.file, o.columns);
    const rows = rowsSql(o.file, cols);
    const bad = await badRow(db, rows, o.file, cols);
    if (bad) throw bad;
    const end = o.end ?? (await lastDay(db, rows, o.file));
    const query = summaryOutputSql(summarySql(rows, { ...o, end }));
    const target = o.out ?? (tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cva-duck-")), "summary.csv"));
    await db.run(copySql(query, target));
    if (tmp) {
      const fd = fs.openSync(tmp, "r");
      try {
        const chunk = Buffer.alloc(1 << 20);
        for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) io.stdout(chunk.toString("utf8", 0, n));
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch (e) {
    throw engineError(e);
  } finally {
    db.closeSync();
    if (tmp) fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
}
