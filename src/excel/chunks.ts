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
 * Reads use it for their first block only, then size each block from the bytes the blocks before
 * it measured ({@link jsonBytes}).
 */
export const CELL_BYTES_ESTIMATE = 40;

/**
 * Cells one read block may hold at most, whatever their size: well under the 5,000,000 cells a
 * range is limited to for reads ("Resource limits and performance optimization for Office Add-ins").
 */
export const READ_MAX_CELLS = 1_000_000;

/**
 * UTF-8 bytes of `JSON.stringify(values)`, without building the JSON: the size of a response that
 * returns these values (Excel on the web counts a response's bytes against its 5 MB limit, and a
 * Chinese character is 3 bytes in UTF-8). O(cells).
 */
export function jsonBytes(values: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const row of values) {
    n += 3;
    for (const v of row) {
      if (typeof v === "number") n += Number.isFinite(v) ? String(v).length + 1 : 5;
      else if (typeof v === "string") n += utf8Json(v) + 1;
      else if (typeof v === "boolean") n += v ? 5 : 6;
      else n += 5; // null
    }
  }
  return n;
}

/** UTF-8 bytes of a JSON string literal: quotes, escapes, 1–4 bytes a character. */
function utf8Json(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

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

/** How long the page's thread makes or sizes rows before it yields (ms): no task near Office's 50 ms "long task". */
export const SLICE_MS = 8;
/** Rows between two looks at the clock. */
const ROWS_PER_LOOK = 256;

/**
 * The block of rows from `start` that {@link sizedBlocks} would make of the same rows (the rows
 * whose JSON stays under `maxBytes`, at least one), made one row at a time from `source` and
 * awaiting `pause` whenever `sliceMs` have passed: a million rows sized and made in one go held
 * the page's thread for a long task, a block at a time between the requests' syncs does not.
 * O(cells of the block).
 */
export async function nextBlock<T extends readonly unknown[]>(
  source: { readonly length: number; rowAt(i: number): T },
  start: number,
  maxBytes: number,
  extraBytesPerRow: number,
  pause: () => Promise<void>,
  sliceMs = SLICE_MS,
): Promise<T[]> {
  const rows: T[] = [];
  let bytes = 0;
  let since = performance.now();
  for (let i = start; i < source.length; i++) {
    const row = source.rowAt(i);
    const size = rowBytes(row) + extraBytesPerRow;
    if (i > start && bytes + size > maxBytes) break;
    bytes += size;
    rows.push(row);
    if ((i - start) % ROWS_PER_LOOK === ROWS_PER_LOOK - 1 && performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
  }
  return rows;
}

/**
 * Lets the event loop run (input, rendering, Office's messages) and comes back as soon as it has:
 * a message to itself, which hidden panes do not throttle as they throttle timers; a timer where
 * there is no MessageChannel.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel !== "function") return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
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
 * @param count the number of chunks, or whether there is a chunk `i` (asked before each), when
 *   the chunks are sized as they are made ({@link nextBlock}).
 * @param queue may be async (it makes its chunk's rows, yielding between slices).
 */
export async function forEachChunk(
  count: number | ((index: number) => boolean),
  queue: (index: number) => void | Promise<void>,
  flush: () => Promise<void>,
  afterFlush?: (index: number) => void,
): Promise<void> {
  const more = typeof count === "number" ? (i: number) => i < count : count;
  const step = async (i: number): Promise<void> => {
    if (!more(i)) return;
    await queue(i);
    await flush();
    afterFlush?.(i);
    await step(i + 1);
  };
  await step(0);
}
