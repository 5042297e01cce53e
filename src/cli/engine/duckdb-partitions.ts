/**
 * Big files in DuckDB by parts (docs/engines.md §1): the summary's first step groups the rows by
 * customer and day, one group per purchase day — at 100 million rows about as many groups, several
 * gigabytes of hash table that DuckDB must spill to disk under --memory-limit, slowly. A file
 * above {@link PARTITION_BYTES} is therefore read once into Parquet parts, each holding every row
 * of some customers (a hash of the id picks the part), and the summary is computed part by part:
 * a customer's figures depend only on their own rows and the observation end, so the union of the
 * parts' summaries is the whole file's, row for row. Each part's groups fit in memory.
 */
import * as fs from "fs";
import * as path from "path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlText } from "./duckdb-summary";

/** Files larger than this (bytes) are summarised by parts. */
export const PARTITION_BYTES = 1 << 30;
/** About this many bytes of the file go to each part. */
const BYTES_PER_PART = 256 * (1 << 20);

/** The number of parts for a file of `bytes` bytes: 1 (no parts) up to {@link PARTITION_BYTES}. */
export function partsFor(bytes: number): number {
  return bytes > PARTITION_BYTES ? Math.ceil(bytes / BYTES_PER_PART) : 1;
}

/** The Parquet parts of a staged file: the rows' query of each part, and of all of them. */
export interface StagedRows {
  parts: string[];
  all: string;
}

/**
 * Writes the rows of `rows` (id, day, amount) into `parts` Parquet parts under `dir` (emptied
 * first: a failed attempt may have left some), customers split by a hash of their id; returns the
 * rows' query of each part that has rows, and of all.
 */
export async function stageRows(db: DuckDBConnection, rows: string, dir: string, parts: number): Promise<StagedRows> {
  fs.rmSync(dir, { recursive: true, force: true });
  await db.run(`COPY (SELECT id, day, amount, (hash(id) % ${parts})::INTEGER AS part FROM (${rows})) TO ${sqlText(dir)} (FORMAT parquet, PARTITION_BY (part))`);
  const read = (glob: string) => `SELECT id, day, amount FROM read_parquet(${sqlText(glob)})`;
  const present = Array.from({ length: parts }, (_, i) => path.join(dir, `part=${i}`)).filter((d) => fs.existsSync(d));
  return { parts: present.map((d) => read(path.join(d, "*.parquet"))), all: read(path.join(dir, "*", "*.parquet")) };
}

/** Creates (or replaces) `table` as the union of `summaryOf(part)` over the parts, one part at a time; `onPart` is told as each begins (from 1). */
export async function summariseByParts(
  db: DuckDBConnection,
  table: string,
  parts: readonly string[],
  summaryOf: (rows: string) => string,
  onPart?: (done: number, total: number) => void,
): Promise<void> {
  for (let i = 0; i < parts.length; i++) {
    onPart?.(i + 1, parts.length);
    await db.run(i === 0 ? `CREATE OR REPLACE TEMP TABLE ${table} AS ${summaryOf(parts[i])}` : `INSERT INTO ${table} ${summaryOf(parts[i])}`);
  }
}
