/**
 * Rows of cells in transferable columns (docs/architecture.md §15): what the pane hands its
 * analysis worker, and what the worker hands back for the results table. A million rows of small
 * arrays cost seconds to structured-clone on the sending and the receiving thread; the same cells
 * as one Float64Array (numbers) and one Int32Array (codes) per column move between threads by
 * transfer, without a copy, and the texts go once each, end to end in one string with their ends
 * in an Int32Array: a column of 350,000 distinct ids as an array of strings cost the sending and
 * the receiving thread about 25 ms each to clone in one go, one string costs a copy of its bytes.
 *
 * Pure: no Office, no React. `packRows`/`unpackRows` run in one go (the worker); the
 * `…InSlices` versions stop whenever a slice has run for `sliceMs` and await `pause`, so the page's
 * thread never works for long without yielding, however slow or busy the computer. unpack(pack(rows)) gives back every cell as it was
 * (the same number, bit for bit, the same text, the same boolean, null or undefined).
 */

/** A code for a cell that is not a text (texts have their index in `texts`, ≥ 0). */
export const NUMBER = -1;
export const NULL = -2;
export const UNDEFINED = -3;
const TRUE = -4;
const FALSE = -5;
/** Anything else (a Date, an object): kept in `others` and structured-cloned as it is. */
const OTHER = -6;

export interface PackedColumn {
  /** The cell's number where its code is NUMBER (0 elsewhere). */
  numbers: Float64Array;
  /** Per cell: the index of its text in `texts`, or one of the negative codes above. */
  codes: Int32Array;
  /** Each distinct text of the column, once, end to end: text k is text.slice(ends[k − 1] ?? 0, ends[k]). */
  text: string;
  /** Where each text ends in `text`. */
  ends: Int32Array;
  /** Cells of no other kind, by row. */
  others: [number, unknown][];
}

export interface PackedRows {
  length: number;
  /** The widest row's length; shorter rows come back padded with undefined. */
  width: number;
  columns: PackedColumn[];
}

/** How long a slice of packing or unpacking runs on the page's thread before it yields (ms). */
export const SLICE_MS = 8;
/** Rows between two looks at the clock. */
const ROWS_PER_LOOK = 512;

/**
 * Runs `work(from, to)` over rows [0, length) in runs of {@link ROWS_PER_LOOK}, awaiting `pause`
 * whenever `sliceMs` have passed since the last pause.
 */
async function inSlices(length: number, work: (from: number, to: number) => void, pause: () => Promise<void>, sliceMs: number): Promise<void> {
  let start = performance.now();
  for (let from = 0; from < length; from += ROWS_PER_LOOK) {
    work(from, Math.min(length, from + ROWS_PER_LOOK));
    if (performance.now() - start >= sliceMs) {
      await pause();
      start = performance.now();
    }
  }
}

interface Packer {
  column: PackedColumn;
  index: Map<string, number>;
  /** The column's distinct texts, by code, until {@link finish} puts them end to end. */
  texts: string[];
}

function newPackers(length: number, width: number): Packer[] {
  return Array.from({ length: width }, () => ({
    column: { numbers: new Float64Array(length), codes: new Int32Array(length), text: "", ends: new Int32Array(0), others: [] },
    index: new Map<string, number>(),
    texts: [],
  }));
}

/** Texts put end to end at a time by {@link finishInSlices}. */
const TEXTS_PER_JOIN = 16384;

/** The packer's texts end to end, with their ends. */
function ends(texts: readonly string[]): Int32Array {
  const out = new Int32Array(texts.length);
  let at = 0;
  for (let k = 0; k < texts.length; k++) out[k] = at += texts[k].length;
  return out;
}

function finish(packers: Packer[]): PackedColumn[] {
  return packers.map((p) => ({ ...p.column, text: p.texts.join(""), ends: ends(p.texts) }));
}

/** {@link finish}, joining {@link TEXTS_PER_JOIN} texts at a time and awaiting `pause` when `sliceMs` have passed. */
async function finishInSlices(packers: Packer[], pause: () => Promise<void>, sliceMs: number): Promise<PackedColumn[]> {
  const out: PackedColumn[] = [];
  let start = performance.now();
  for (const p of packers) {
    const parts: string[] = [];
    for (let k = 0; k < p.texts.length; k += TEXTS_PER_JOIN) {
      parts.push(p.texts.slice(k, k + TEXTS_PER_JOIN).join(""));
      if (performance.now() - start >= sliceMs) {
        await pause();
        start = performance.now();
      }
    }
    out.push({ ...p.column, text: parts.join(""), ends: ends(p.texts) });
  }
  return out;
}

function packCell(p: Packer, i: number, v: unknown): void {
  const { column } = p;
  if (typeof v === "number") {
    column.numbers[i] = v;
    column.codes[i] = NUMBER;
  } else if (typeof v === "string") {
    let k = p.index.get(v);
    if (k === undefined) {
      k = p.texts.length;
      p.texts.push(v);
      p.index.set(v, k);
    }
    column.codes[i] = k;
  } else if (v === null) column.codes[i] = NULL;
  else if (v === undefined) column.codes[i] = UNDEFINED;
  else if (v === true) column.codes[i] = TRUE;
  else if (v === false) column.codes[i] = FALSE;
  else {
    column.codes[i] = OTHER;
    column.others.push([i, v]);
  }
}

function packSlice(rows: readonly (readonly unknown[])[], packers: Packer[], from: number, to: number): void {
  // Column by column: a column's cells are mostly of one kind, so each loop stays on one path.
  for (let j = 0; j < packers.length; j++) {
    const p = packers[j];
    const { numbers, codes } = p.column;
    for (let i = from; i < to; i++) {
      const v = rows[i][j];
      if (typeof v === "number") {
        numbers[i] = v;
        codes[i] = NUMBER;
      } else packCell(p, i, v);
    }
  }
}

function widthOf(rows: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  return width;
}

/** Rows → columns, in one go. O(cells). */
export function packRows(rows: readonly (readonly unknown[])[]): PackedRows {
  const width = widthOf(rows);
  const packers = newPackers(rows.length, width);
  packSlice(rows, packers, 0, rows.length);
  return { length: rows.length, width, columns: finish(packers) };
}

/**
 * A column packed from its typed data instead of cell by cell (./customer-table.ts): numbers, the
 * cell being the number where it is finite (and not 0, with `zeroBlank`) and the blank text ""
 * elsewhere; or codes, the cell being `text(code)`, "" where that is null or undefined. Each
 * distinct code's text is looked up once. At 353,550 customers this packs the results table in
 * about a third of the time the cells one by one took.
 */
export type TypedColumn = { numbers: ArrayLike<number>; zeroBlank?: boolean } | { codes: ArrayLike<number>; text: (code: number) => string | null | undefined };

/** The code of a text in the packer's column, added when new. */
function textCode(p: Packer, text: string): number {
  let k = p.index.get(text);
  if (k === undefined) {
    k = p.texts.length;
    p.texts.push(text);
    p.index.set(text, k);
  }
  return k;
}

function packTyped(p: Packer, length: number, typed: TypedColumn): void {
  const { numbers, codes } = p.column;
  if ("numbers" in typed) {
    const from = typed.numbers;
    const zeroBlank = typed.zeroBlank === true;
    let blank = -1;
    for (let i = 0; i < length; i++) {
      const v = from[i];
      if (Number.isFinite(v) && !(zeroBlank && v === 0)) {
        numbers[i] = v;
        codes[i] = NUMBER;
      } else codes[i] = blank >= 0 ? blank : (blank = textCode(p, ""));
    }
    return;
  }
  const known = new Map<number, number>();
  const from = typed.codes;
  for (let i = 0; i < length; i++) {
    const code = from[i];
    let k = known.get(code);
    if (k === undefined) known.set(code, (k = textCode(p, typed.text(code) ?? "")));
    codes[i] = k;
  }
}

/**
 * The rows of a table given by column, each column as its cell at row i, packed without making the
 * rows: the same as `packRows` of the rows [cells[0](i), cells[1](i), …], but that the texts of a
 * column marked in `distinct` are kept once per cell, not once per text. A column with a
 * {@link TypedColumn} in `typed` is packed from it instead of from its cells (which it must give
 * alike). O(cells).
 */
export function packColumns(length: number, cells: readonly ((i: number) => unknown)[], distinct: readonly boolean[] = [], typed: readonly (TypedColumn | undefined)[] = []): PackedRows {
  const packers = newPackers(length, cells.length);
  for (let j = 0; j < cells.length; j++) {
    const p = packers[j];
    const spec = typed[j];
    if (spec) {
      packTyped(p, length, spec);
      continue;
    }
    const cell = cells[j];
    const { numbers, codes } = p.column;
    // A column of texts that seldom repeat (customer ids) skips the dictionary: each text is kept
    // as it comes, a repeat kept again, and unpacking gives the same cells.
    const once = distinct[j] === true;
    for (let i = 0; i < length; i++) {
      const v = cell(i);
      if (typeof v === "number") {
        numbers[i] = v;
        codes[i] = NUMBER;
      } else if (once && typeof v === "string") codes[i] = p.texts.push(v) - 1;
      else packCell(p, i, v);
    }
  }
  return { length, width: cells.length, columns: finish(packers) };
}

/** {@link packRows} in slices of about `sliceMs`, awaiting `pause` after each. */
export async function packRowsInSlices(rows: readonly (readonly unknown[])[], pause: () => Promise<void>, sliceMs = SLICE_MS): Promise<PackedRows> {
  const width = widthOf(rows); // one length per row: a few milliseconds for a million
  const packers = newPackers(rows.length, width);
  await inSlices(rows.length, (from, to) => packSlice(rows, packers, from, to), pause, sliceMs);
  return { length: rows.length, width, columns: await finishInSlices(packers, pause, sliceMs) };
}

/** A packed column as unpacking reads it: its texts cut out of `text` when first read, each once. */
interface Reading {
  column: PackedColumn;
  texts: (string | undefined)[];
  others: Map<number, unknown> | undefined;
}

function readings(p: PackedRows): Reading[] {
  return p.columns.map((c) => ({ column: c, texts: new Array<string | undefined>(c.ends.length), others: c.others.length > 0 ? new Map(c.others) : undefined }));
}

function textOf(r: Reading, k: number): string {
  let text = r.texts[k];
  if (text === undefined) r.texts[k] = text = r.column.text.slice(k > 0 ? r.column.ends[k - 1] : 0, r.column.ends[k]);
  return text;
}

function cellOf(r: Reading, i: number): unknown {
  const c = r.column;
  const k = c.codes[i];
  if (k >= 0) return textOf(r, k);
  switch (k) {
    case NUMBER:
      return c.numbers[i];
    case NULL:
      return null;
    case UNDEFINED:
      return undefined;
    case TRUE:
      return true;
    case FALSE:
      return false;
    default:
      return r.others?.get(i);
  }
}

function unpackSlice<T>(p: PackedRows, reading: Reading[], out: T[][], from: number, to: number): void {
  const { width } = p;
  for (let i = from; i < to; i++) {
    const row = new Array<T>(width);
    for (let j = 0; j < width; j++) row[j] = cellOf(reading[j], i) as T;
    out[i] = row;
  }
}

/**
 * The packed rows one at a time, each as the same array refilled (a row is good until the next
 * is asked for): what unpackRows gives at index i, without making a million arrays.
 */
export function rowReader(p: PackedRows): { length: number; rowAt(i: number): readonly unknown[] } {
  const reading = readings(p);
  const row = new Array<unknown>(p.width);
  return {
    length: p.length,
    rowAt(i: number) {
      for (let j = 0; j < p.width; j++) row[j] = cellOf(reading[j], i);
      return row;
    },
  };
}

/**
 * The packed rows made one at a time, each row a new array (the results table's body,
 * ../../excel/plan.ts RowSource): the writer makes a block of rows just before it sends it, so the
 * page never makes the whole table at once. Each text is cut out of its column once, when first read.
 */
export function rowSource<T = unknown>(p: PackedRows): { length: number; rowAt(i: number): T[] } {
  const reading = readings(p);
  const { width } = p;
  return {
    length: p.length,
    rowAt(i: number) {
      const row = new Array<T>(width);
      for (let j = 0; j < width; j++) row[j] = cellOf(reading[j], i) as T;
      return row;
    },
  };
}

/** Any one cell of the packed rows, by column and row: what unpackRows gives at [row][column]. */
export function cellReader(p: PackedRows): (column: number, row: number) => unknown {
  const reading = readings(p);
  return (j, i) => (j < reading.length ? cellOf(reading[j], i) : undefined);
}

/** The distinct texts of a packed column, by code. */
export function columnTexts(c: PackedColumn): string[] {
  const r: Reading = { column: c, texts: [], others: undefined };
  return Array.from(c.ends, (_, k) => textOf(r, k));
}

/** Columns → rows, in one go. O(cells). */
export function unpackRows<T = unknown>(p: PackedRows): T[][] {
  const out = new Array<T[]>(p.length);
  unpackSlice(p, readings(p), out, 0, p.length);
  return out;
}

/** {@link unpackRows} in slices of about `sliceMs`, awaiting `pause` after each. */
export async function unpackRowsInSlices<T = unknown>(p: PackedRows, pause: () => Promise<void>, sliceMs = SLICE_MS): Promise<T[][]> {
  const out = new Array<T[]>(p.length);
  const reading = readings(p);
  await inSlices(p.length, (from, to) => unpackSlice(p, reading, out, from, to), pause, sliceMs);
  return out;
}

/** The buffers to transfer with a packed range (postMessage's transfer list). */
export function transferables(p: PackedRows): ArrayBuffer[] {
  return p.columns.flatMap((c) => [c.numbers.buffer as ArrayBuffer, c.codes.buffer as ArrayBuffer, c.ends.buffer as ArrayBuffer]);
}
