/**
 * The commands' runs in DuckDB (docs/engines.md §1): `cva summary --engine duckdb` — the summary
 * computed where the file lies and written by DuckDB's COPY, CSV or, for `--out x.parquet`,
 * Parquet — and the data of `cva fit` and the scores of `cva predict` with `--engine duckdb`
 * (./duckdb-model.ts). The customers never sit in Node's memory. Without --out, the CSV is copied
 * to standard output in 1 MB pieces from a temporary file. A file in another encoding than UTF-8
 * is read through a temporary UTF-8 copy (./duckdb-encoding.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { CvaError, ErrorCodes, formatDay, resolveLifetimeOptions, type BtydPredictorOptions, type CvaWarning, type TransactionColumn } from "../../core";
import { UsageError } from "../args";
import type { CliIo } from "../io";
import type { EngineStage } from "../progress";
import { loadHistoryScores, materialiseSummary, readHistories, readSpend, scoresSql, SUMMARY_TABLE } from "./duckdb-model";
import { withUtf8Csv } from "./duckdb-encoding";
import { checkIds, checkRows, copySql, duckColumns, engineError, openDuck, summaryOutputSql, summarySql, trimmedIds, type DuckSummarySettings } from "./duckdb-summary";
import { partsFor, stageRows, summariseByParts, type StagedRows } from "./duckdb-partitions";
import { duckSummaryWarnings } from "./duckdb-warnings";
import type { WeightedFit, WeightedHistories, WeightedSpend } from "./weighted-model";

/** Where a DuckDB run reads: the file, its columns, the summary's settings and DuckDB's limits. */
export interface DuckInput extends DuckSummarySettings {
  file: string;
  columns: Partial<Record<TransactionColumn, string>>;
  threads?: number;
  memoryLimit?: string;
  /** WHATWG name of the file's encoding (--encoding, ../encoding.ts normaliseEncoding); undefined: detected. */
  encoding?: string;
  /** Receives the notes and warnings about the file the CSV readers give (a guessed encoding). */
  warn?: (w: CvaError) => void;
  /** Receives the summary's warnings (./duckdb-warnings.ts); undefined: they are not computed. */
  warnings?: (w: CvaWarning[]) => void;
  /** Today as a day number, from the edge's clock: rows after it are warned about. */
  today?: number;
  /** The number of parts a big file is summarised in (./duckdb-partitions.ts); undefined: by the file's size. */
  parts?: number;
  /** Told as each stage begins (../progress.ts engineProgress). */
  onStage?: (stage: EngineStage) => void;
}

/** What `cva summary --engine duckdb` needs. */
export interface DuckSummaryRun extends DuckInput {
  /** Output file (.parquet or CSV); undefined: standard output. */
  out?: string;
}

/**
 * Opens DuckDB, checks the file (its columns, every date and amount) and --end, and runs `body`
 * with the summary query and `tell`, which checks the ids and gives `o.warnings` the summary's
 * warnings once the summary is in a table (body must call it, and write nothing before: it may
 * throw to have body run again on trimmed ids); closes DuckDB whatever happens. DuckDB's own failures become keyed
 * errors.
 * @throws CvaError naming the file and row of a bad value; UsageError for an --end before the data.
 */
async function withSummary<T>(o: DuckInput, body: (db: DuckDBConnection, summary: string, tell: (table: string) => Promise<void>) => Promise<T>): Promise<T> {
  if (!fs.existsSync(o.file)) throw CvaError.keyed(ErrorCodes.Missing, "file.notFound", { file: o.file });
  const name = path.basename(o.file);
  try {
    // DuckDB reads UTF-8 only: any other encoding through a temporary UTF-8 copy (./duckdb-encoding.ts).
    return await withUtf8Csv(o.file, o.encoding, o.warn, async (csv) => {
      const db = await openDuck({ threads: o.threads, memoryLimit: o.memoryLimit });
      const stageDir = fs.mkdtempSync(path.join(os.tmpdir(), "cva-parts-"));
      try {
        const cols = await duckColumns(db, csv, o.columns, name);
        o.onStage?.({ stage: "read", file: name });
        // A big file is read once into Parquet parts of customers and summarised part by part (./duckdb-partitions.ts).
        const parts = o.parts ?? partsFor(fs.statSync(csv).size);
        const staged: { rows?: StagedRows } = {};
        const stage = stageDir && parts > 1 ? async (rows: string) => (staged.rows = await stageRows(db, rows, stageDir, parts)).all : undefined;
        const { last, rows, days } = await checkRows(db, csv, cols, name, stage);
        // As the memory engine (checkNotBeforeData): an end before the first date leaves nothing.
        if (o.end !== undefined && o.end < days.day[0]) throw UsageError.keyed("option.beforeData", { option: "--end", date: formatDay(o.end), first: formatDay(days.day[0]) });
        const end = o.end ?? last;
        // Ids with spaces around them (rare) are found once the customers are in a table; the
        // summary is then made again from trimmed ids, as the memory engine reads them (in one
        // piece: the parts split customers by their ids as written).
        const attempt = async (trim: boolean) => {
          const tell = async (table: string) => {
            if ((await checkIds(db, table, csv, cols, name)) && !trim) throw UNTRIMMED;
            o.warnings?.(await duckSummaryWarnings(db, table, days, end, o.today));
          };
          if (staged.rows && !trim) {
            await summariseByParts(db, PARTS_TABLE, staged.rows.parts, (r) => summarySql(r, { ...o, end }), (done, total) => o.onStage?.({ stage: "part", done, total }));
            return body(db, `SELECT * FROM ${PARTS_TABLE}`, tell);
          }
          return body(db, summarySql(trim ? trimmedIds(rows) : rows, { ...o, end }), tell);
        };
        try {
          return await attempt(false);
        } catch (e) {
          if (e !== UNTRIMMED) throw e;
          return await attempt(true);
        }
      } finally {
        db.closeSync();
        fs.rmSync(stageDir, { recursive: true, force: true });
      }
    });
  } catch (e) {
    throw engineError(e);
  }
}

/** The temporary table of the summary made by parts. */
const PARTS_TABLE = "cva_summary_parts";

/** Thrown by withSummary's check when an id needs trimming: the body is run again on trimmed ids. */
const UNTRIMMED = Symbol("untrimmed ids");

/** COPY of a query to `out`, or through a temporary CSV to standard output when `out` is undefined. */
async function copyOut(db: DuckDBConnection, io: CliIo, query: string, out: string | undefined): Promise<void> {
  if (out) {
    await db.run(copySql(query, out));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cva-duck-"));
  try {
    const tmp = path.join(dir, "out.csv");
    await db.run(copySql(query, tmp));
    const fd = fs.openSync(tmp, "r");
    try {
      const chunk = Buffer.alloc(1 << 20);
      for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) io.stdout(chunk.toString("utf8", 0, n));
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the summary in DuckDB; see the module comment. @throws CvaError naming the file and row of a bad value. */
export async function duckSummary(io: CliIo, o: DuckSummaryRun): Promise<void> {
  await withSummary(o, async (db, summary, tell) => {
    // The ids' check and the warnings need the customers: the summary goes through a table.
    o.onStage?.({ stage: "customers" });
    await db.run(`CREATE OR REPLACE TEMP TABLE ${OUT_TABLE} AS ${summary}`);
    await tell(OUT_TABLE);
    o.onStage?.({ stage: "write" });
    await copyOut(db, io, summaryOutputSql(`SELECT * FROM ${OUT_TABLE}`), o.out);
  });
}

/** The temporary table of `cva summary`'s rows. */
const OUT_TABLE = "cva_summary_out";

/** The weighted rows a fit needs, from DuckDB: the distinct histories and the distinct (x, mean spend) pairs, with counts. */
export async function duckFitData(o: DuckInput): Promise<{ histories: Required<WeightedHistories>; spend: Required<WeightedSpend> }> {
  return withSummary(o, async (db, summary, tell) => {
    o.onStage?.({ stage: "customers" });
    await materialiseSummary(db, summary);
    await tell(SUMMARY_TABLE);
    return { histories: await readHistories(db), spend: await readSpend(db) };
  });
}

/**
 * `cva predict --engine duckdb`: the summary in DuckDB, `fit` on its distinct histories and spend
 * pairs (null: no model, and nothing is written), the scores per history joined back to every
 * customer and written to `out` (CSV, or Parquet for .parquet; undefined: standard output).
 * Returns the fit, or the null of `fit`.
 */
export async function duckPredict<F extends WeightedFit>(
  io: CliIo,
  o: DuckInput & { out?: string },
  options: BtydPredictorOptions,
  fit: (h: Required<WeightedHistories>, spend: Required<WeightedSpend>) => F | null,
): Promise<F | null> {
  const margin = resolveLifetimeOptions(options).margin;
  return withSummary(o, async (db, summary, tell) => {
    o.onStage?.({ stage: "customers" });
    await materialiseSummary(db, summary);
    await tell(SUMMARY_TABLE);
    const h = await readHistories(db);
    const f = fit(h, await readSpend(db));
    if (!f) return null;
    await loadHistoryScores(db, f, h, options);
    o.onStage?.({ stage: "write" });
    await copyOut(db, io, scoresSql(f, margin), o.out);
    return f;
  });
}
