/**
 * Reading the range to analyse: the current selection, an Excel table or a named range, as a
 * header row and rows of values (docs/inputs.md §8).
 *
 * - A table is read as its header row and data body (Table.getHeaderRowRange, getDataBodyRange):
 *   never its totals row.
 * - A selection or named range is cut to its used cells (Range.getUsedRangeOrNullObject(true)),
 *   so a whole-column selection such as A:D reads the rows that hold data, not 1,048,576.
 * - Only the columns asked for are read (the mapped ones in a run; all of them in a preview).
 * - The rows are read in blocks, one request each. The first block's size assumes 40 bytes a cell;
 *   each later block is sized from the UTF-8 bytes the blocks before it measured, within a 4 MB
 *   budget. When Excel on the web still refuses a response over its 5 MB limit
 *   (ResponsePayloadSizeLimitExceeded, "Error handling with the application-specific JavaScript
 *   APIs"), the block is halved and read again.
 * - Rows hidden by the user or filtered out are counted, and analysed or skipped as the options
 *   say; a skipped row keeps its place as a blank row, so messages still name worksheet rows.
 *
 * Syncs: a table takes 1 (header, size) + one per block; a selection or name 2 (size, header) +
 * one per block. The number formats of the first data rows come with the first block, so the
 * pane can tell a date column held as Excel serial numbers from a column of plain numbers.
 */
import { CvaError, ErrorCodes } from "../core";
import { CELL_BYTES_ESTIMATE, CHUNK_BYTES, READ_MAX_CELLS, jsonBytes } from "./chunks";
import { ExcelIssue } from "./errors";
import { supports } from "./requirements";
import { excelRun, type ExcelRun } from "./run";
import { splitAddress } from "./selection";

/** Where the data is. */
export type SourceRef = { kind: "selection" } | { kind: "table"; name: string } | { kind: "name"; name: string };

/** What to do with rows hidden by the user or filtered out: analyse them (the default) or skip them. */
export type HiddenRows = "analyse" | "skip";

export interface TableInfo {
  name: string;
  /** Sheet-qualified address of the whole table, header included. */
  address: string;
  sheet: string;
}

export interface NamedRangeInfo {
  name: string;
  /** What the name refers to, e.g. "=Sheet1!$A$1:$D$100". */
  formula: string;
}

export interface SourceList {
  tables: TableInfo[];
  names: NamedRangeInfo[];
}

export interface SourceData {
  /** Sheet-qualified address of what was read: the header row to the last data row (a table's totals row excluded). */
  address: string;
  sheet: string;
  /**
   * The header of the columns read, as text. With `columns` it lists those columns as the pane
   * names them (a blank header as "#n", n its column in the range).
   */
  header: string[];
  /**
   * The data rows (header excluded), as Excel returns them: numbers, text, booleans, "" (or null)
   * for blanks. A skipped hidden row is a blank row.
   */
  rows: unknown[][];
  /** Per column: true when the first data rows carry a date or time number format. */
  dateFormatted: boolean[];
  /** Block requests made, refused ones included (for the tests' sync budget). */
  chunks: number;
  /** Data rows that are hidden or filtered out, among those read (0 when none). */
  hiddenRows?: number;
  /** True when the options skip hidden rows (their places in `rows` are blank rows). */
  hiddenSkipped?: boolean;
  /** True when some data rows of the whole range are hidden or filtered out (known before the blocks, so a preview knows it too). */
  someHidden?: boolean;
  /** True when this Office cannot tell which rows are hidden (ExcelApi 1.9 missing): they were all read. */
  hiddenUnknown?: boolean;
}

export interface ReadOptions {
  /** Read at most this many data rows (a preview for the mapping step). */
  maxRows?: number;
  /** Header names (as the pane shows them, "#n" for a blank one) of the columns to read; default all. */
  columns?: readonly string[];
  /** Rows hidden or filtered out: analysed (default) or skipped. */
  hiddenRows?: HiddenRows;
  /** Cells per block at most; default {@link READ_MAX_CELLS}. */
  maxCells?: number;
  /** Response budget of a block in bytes; default {@link CHUNK_BYTES}. */
  maxBytes?: number;
  /** Data rows whose number formats are sampled; default 20; 0 reads none (dateFormatted all false: the preview). */
  formatSample?: number;
  /** Called after each block with the rows read so far and the total. */
  onProgress?: (read: number, total: number) => void;
  /** Awaited after the size request, before the first block (the Run action asks its question here). */
  beforeBlocks?: () => Promise<void>;
}

/** Lists the workbook's tables and named ranges for the source picker: one Excel.run, two syncs. */
export async function listSources(run: ExcelRun = excelRun): Promise<SourceList> {
  return run(async (context) => {
    const tables = context.workbook.tables;
    const names = context.workbook.names;
    tables.load("items/name");
    names.load("items/name,items/type,items/formula,items/visible");
    await context.sync();
    const ranges = tables.items.map((t) => t.getRange().load("address"));
    await context.sync();
    return {
      tables: tables.items.map((t, i) => ({ name: t.name, address: ranges[i].address, sheet: splitAddress(ranges[i].address).sheet })),
      names: names.items
        .filter((n) => n.type === "Range" && n.visible !== false)
        .map((n) => ({ name: n.name, formula: n.formula })),
    };
  });
}

/** True for an Excel number format that shows a date or time (d, m with y, y, h:mm, [$-…] dates). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== "string" || format === "General" || format === "@") return false;
  const f = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ""); // strip literals, escapes, colours/locales
  return /[dy]|h+:?m|m+:s/i.test(f) && !/^[#0.,%E+\-\s]*$/.test(f);
}

/** The header row and the data body of a source, located. */
interface Located {
  address: string;
  header: unknown[];
  body: Excel.Range;
  /** Worksheet row index (0-based) of the body's first row. */
  bodyRow: number;
  dataRows: number;
  /** Range.rowHidden of the body: false none hidden, true all, null some. */
  hidden: boolean | null;
}

function itemNotFound(e: unknown, ref: SourceRef): unknown {
  if (ref.kind !== "selection" && (e as { code?: string }).code === "ItemNotFound") {
    return new ExcelIssue("notFound", `${ref.name} is not in the workbook`, ref.name);
  }
  return e;
}

/** "Sheet1!A1:D1" and "Sheet1!A2:D6920" → "Sheet1!A1:D6920". */
function spanAddress(top: string, bottom: string): string {
  const first = top.slice(top.lastIndexOf("!") + 1).split(":")[0];
  const b = bottom.slice(bottom.lastIndexOf("!") + 1).split(":");
  return `${top.slice(0, top.lastIndexOf("!") + 1)}${first}:${b[b.length - 1]}`;
}

/**
 * A table: its header row and data body in one request (ExcelApi 1.1; Range.rowHidden 1.2).
 * A selection or name: its used cells (ExcelApi 1.4), then the header row in a second request.
 */
async function locate(context: Excel.RequestContext, ref: SourceRef, beforeBlocks?: () => Promise<void>): Promise<Located> {
  if (ref.kind === "table") {
    const table = context.workbook.tables.getItem(ref.name);
    const header = table.getHeaderRowRange().load("address,values");
    const body = table.getDataBodyRange().load("address,rowCount,rowIndex,rowHidden");
    try {
      await context.sync();
    } catch (e) {
      throw itemNotFound(e, ref);
    }
    await beforeBlocks?.();
    return { address: spanAddress(header.address, body.address), header: header.values[0], body, bodyRow: body.rowIndex, dataRows: body.rowCount, hidden: body.rowHidden };
  }
  const range = ref.kind === "selection" ? context.workbook.getSelectedRange() : context.workbook.names.getItem(ref.name).getRange();
  range.load("address");
  const used = range.getUsedRangeOrNullObject(true);
  used.load("address,rowCount,columnCount,rowIndex,rowHidden");
  try {
    await context.sync();
  } catch (e) {
    throw itemNotFound(e, ref);
  }
  if (used.isNullObject || used.rowCount < 2) throw new ExcelIssue("noData", `${range.address} has no data rows under its header`, range.address);
  const header = used.getRow(0).load("values");
  // Not getOffsetRange(1, 0): a range that ends in the sheet's last row cannot move down.
  const body = used.getCell(1, 0).getResizedRange(used.rowCount - 2, used.columnCount - 1);
  await beforeBlocks?.();
  await context.sync();
  return { address: used.address, header: header.values[0], body, bodyRow: used.rowIndex + 1, dataRows: used.rowCount - 1, hidden: used.rowHidden };
}

/** Column offsets to read, grouped into runs of adjacent columns (one range each). */
function columnRuns(indices: readonly number[]): { from: number; count: number }[] {
  const runs: { from: number; count: number }[] = [];
  for (const i of indices) {
    const last = runs[runs.length - 1];
    if (last && last.from + last.count === i) last.count++;
    else runs.push({ from: i, count: 1 });
  }
  return runs;
}

/**
 * Worksheet rows (0-based, [start, end) pairs) of the areas of a RangeAreas address such as
 * "Sheet1!A2:D10,Sheet1!A12:D40" or "'Q3, sales'!3:10" (commas inside a quoted sheet name are not separators).
 */
export function areaRows(address: string): [number, number][] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (c === "'") quoted = !quoted;
    else if (c === "," && !quoted) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  const rows: [number, number][] = [];
  for (const p of parts) {
    const ref = p.slice(p.lastIndexOf("!") + 1).trim().replace(/\$/g, "");
    const m = /^[A-Z]*(\d+)(?::[A-Z]*(\d+))?$/i.exec(ref);
    if (m) rows.push([Number(m[1]) - 1, Number(m[2] ?? m[1])]);
  }
  return rows;
}

function isPayloadLimit(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/**
 * Reads a source range as header + rows: one Excel.run (see the file's comment for the syncs). O(cells read).
 * @throws ExcelIssue "noData" when the range has no data row under its header; "notFound" when a
 *   table or name does not exist; CvaError when every data row is hidden and hidden rows are skipped.
 */
export async function readSource(ref: SourceRef, options: ReadOptions = {}, run: ExcelRun = excelRun): Promise<SourceData> {
  return run((context) => readSourceIn(context, ref, options));
}

/** {@link readSource} inside a caller's Excel.run (the Run action reads and writes in one). */
export async function readSourceIn(context: Excel.RequestContext, ref: SourceRef, options: ReadOptions = {}): Promise<SourceData> {
  const at = await locate(context, ref, options.beforeBlocks);
  const dataRows = Math.min(at.dataRows, options.maxRows ?? Infinity);
  if (dataRows < 1) throw new ExcelIssue("noData", `${at.address} has no data rows under its header`, at.address);
  const fullHeader = at.header.map((h) => String(h ?? "").trim());
  const shown = fullHeader.map((h, i) => h || `#${i + 1}`);
  let read = fullHeader.map((_, i) => i);
  let header = fullHeader;
  if (options.columns) {
    const wanted = [...new Set(options.columns.map((c) => shown.indexOf(c)).filter((i) => i >= 0))].sort((a, b) => a - b);
    if (wanted.length > 0) {
      read = wanted;
      header = wanted.map((i) => shown[i]);
    }
  }
  const runs = columnRuns(read);
  const width = read.length;
  const skip = options.hiddenRows === "skip";
  // Which rows are hidden needs Range.getSpecialCells (ExcelApi 1.9); Range.rowHidden (1.2) says whether any is.
  const findHidden = at.hidden !== false && supports("hiddenRows");
  const blank: unknown[] = new Array(width).fill("");
  const maxBytes = options.maxBytes ?? CHUNK_BYTES;
  const cellCap = Math.max(1, Math.floor((options.maxCells ?? READ_MAX_CELLS) / width));
  const sample = Math.min(dataRows, options.formatSample ?? 20);
  const rows: unknown[][] = new Array(dataRows);
  let formats: Excel.Range[] | undefined;
  let perBlock = Math.max(1, Math.min(cellCap, Math.floor(maxBytes / (CELL_BYTES_ESTIMATE * width))));
  let ceiling = cellCap;
  let bytesPerRow = 0;
  let chunks = 0;
  let hidden = 0;

  // One request per block; a recursive step, so the lint's no-sync-in-loop rule keeps guarding loops.
  const step = async (start: number): Promise<void> => {
    if (start >= dataRows) return;
    const count = Math.min(perBlock, dataRows - start);
    const parts = runs.map((r) => at.body.getCell(start, r.from).getResizedRange(count - 1, r.count - 1).load("values"));
    const sampled = formats ?? (sample > 0 ? runs.map((r) => at.body.getCell(0, r.from).getResizedRange(sample - 1, r.count - 1).load("numberFormat")) : []);
    const visible = findHidden ? at.body.getCell(start, 0).getResizedRange(count - 1, 0).getEntireRow().getSpecialCellsOrNullObject("Visible").load("address") : undefined;
    chunks++;
    try {
      await context.sync();
    } catch (e) {
      if (!isPayloadLimit(e) || count === 1) throw e;
      // Excel on the web refused the response: read the same rows in halves.
      perBlock = ceiling = Math.max(1, Math.floor(count / 2));
      return step(start);
    }
    formats = sampled;
    const values = parts.map((p) => p.values);
    let bytes = values.reduce((s, v) => s + jsonBytes(v), 0);
    let shownRow: Uint8Array | undefined;
    if (visible) {
      shownRow = new Uint8Array(count);
      if (!visible.isNullObject) {
        bytes += visible.address.length;
        const first = at.bodyRow + start;
        for (const [a, b] of areaRows(visible.address)) {
          for (let r = Math.max(a, first); r < Math.min(b, first + count); r++) shownRow[r - first] = 1;
        }
      }
    }
    for (let k = 0; k < count; k++) {
      if (shownRow && !shownRow[k]) {
        hidden++;
        if (skip) {
          rows[start + k] = blank;
          continue;
        }
      }
      rows[start + k] = runs.length === 1 ? values[0][k] : values.flatMap((v) => v[k]);
    }
    // Size the next block from what this one measured (the largest row size seen), within the budget.
    bytesPerRow = Math.max(bytesPerRow, bytes / count);
    perBlock = Math.max(1, Math.min(ceiling, Math.floor(maxBytes / bytesPerRow)));
    options.onProgress?.(start + count, dataRows);
    await step(start + count);
  };
  await step(0);

  if (skip && hidden === dataRows) {
    throw CvaError.keyed(ErrorCodes.EmptyInput, "read.allHidden", { count: dataRows, range: at.address });
  }
  const fmt = (formats ?? []).flatMap((f, i) => f.numberFormat.map((line) => ({ line, run: i })));
  const dateFormatted = runs.flatMap((r, i) =>
    Array.from({ length: r.count }, (_, j) => fmt.some((x) => x.run === i && isDateFormat(x.line[j]))),
  );
  return {
    address: at.address,
    sheet: splitAddress(at.address).sheet,
    header,
    rows,
    dateFormatted,
    chunks,
    hiddenRows: hidden,
    hiddenSkipped: skip,
    someHidden: at.hidden !== false,
    hiddenUnknown: at.hidden !== false && !findHidden,
  };
}
