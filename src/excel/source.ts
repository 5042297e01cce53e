/**
 * Reading the range to analyse: the current selection, an Excel table or a named range, as a
 * header row and rows of values (ExcelApi 1.4). Large ranges are read in row blocks that stay
 * under the request limit (./chunks.ts): one sync for the range's size, then one per block.
 * The number formats of the first data rows come with the first block, so the pane can tell a
 * date column held as Excel serial numbers from a column of plain numbers.
 */
import { CHUNK_BYTES, CELL_BYTES_ESTIMATE, forEachChunk, rowBlocks } from "./chunks";
import { ExcelIssue } from "./errors";
import { excelRun, type ExcelRun } from "./run";
import { splitAddress } from "./selection";

/** Where the data is. */
export type SourceRef = { kind: "selection" } | { kind: "table"; name: string } | { kind: "name"; name: string };

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
  /** Sheet-qualified address of the range read. */
  address: string;
  sheet: string;
  /** The first row, as text. */
  header: string[];
  /** The data rows (header excluded), as Excel returns them: numbers, text, booleans, "" for blanks. */
  rows: unknown[][];
  /** Per column: true when the first data rows carry a date or time number format. */
  dateFormatted: boolean[];
  /** Round trips used (for the tests' sync budget). */
  chunks: number;
}

export interface ReadOptions {
  /** Read at most this many data rows (a preview for the mapping step). */
  maxRows?: number;
  /** Cells per block; default from the 4 MB budget. */
  maxCells?: number;
  /** Data rows whose number formats are sampled; default 20. */
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

function sourceRange(context: Excel.RequestContext, ref: SourceRef): Excel.Range {
  switch (ref.kind) {
    case "selection":
      return context.workbook.getSelectedRange();
    case "table":
      return context.workbook.tables.getItem(ref.name).getRange();
    case "name":
      return context.workbook.names.getItem(ref.name).getRange();
  }
}

/** True for an Excel number format that shows a date or time (d, m with y, y, h:mm, [$-…] dates). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== "string" || format === "General" || format === "@") return false;
  const f = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ""); // strip literals, escapes, colours/locales
  return /[dy]|h+:?m|m+:s/i.test(f) && !/^[#0.,%E+\-\s]*$/.test(f);
}

/**
 * Reads a source range as header + rows: one Excel.run, one sync for the size, then one per block
 * of rows (blocks of at most `maxCells` cells, about 4 MB). O(cells).
 * @throws ExcelIssue "noData" when the range has no data row under its header; "notFound" when a
 *   table or name does not exist.
 */
export async function readSource(ref: SourceRef, options: ReadOptions = {}, run: ExcelRun = excelRun): Promise<SourceData> {
  return run((context) => readSourceIn(context, ref, options));
}

/** {@link readSource} inside a caller's Excel.run (the Run action reads and writes in one). */
export async function readSourceIn(context: Excel.RequestContext, ref: SourceRef, options: ReadOptions = {}): Promise<SourceData> {
  {
    const range = sourceRange(context, ref);
    range.load("address,rowCount,columnCount");
    try {
      await context.sync();
    } catch (e) {
      if (ref.kind !== "selection" && (e as { code?: string }).code === "ItemNotFound") {
        throw new ExcelIssue("notFound", `${ref.name} is not in the workbook`, ref.name);
      }
      throw e;
    }
    const columns = range.columnCount;
    const dataRows = Math.min(range.rowCount - 1, options.maxRows ?? Infinity);
    if (dataRows < 1) throw new ExcelIssue("noData", `${range.address} has no data rows under its header`, range.address);
    await options.beforeBlocks?.();
    const total = dataRows + 1;
    const maxCells = options.maxCells ?? Math.floor(CHUNK_BYTES / CELL_BYTES_ESTIMATE);
    const blocks = rowBlocks(total, columns, maxCells);
    const sampleRows = Math.min(dataRows, options.formatSample ?? 20);
    const formats = range.getCell(1, 0).getResizedRange(sampleRows - 1, columns - 1);
    formats.load("numberFormat");
    const rows: unknown[][] = new Array(dataRows);
    let header: string[] = [];
    let pending: Excel.Range | undefined;
    await forEachChunk(
      blocks.length,
      (i) => {
        const b = blocks[i];
        pending = range.getCell(b.start, 0).getResizedRange(b.rows - 1, columns - 1).load("values");
      },
      () => context.sync(),
      (i) => {
        const b = blocks[i];
        const values = (pending as Excel.Range).values;
        let k = 0;
        if (b.start === 0) {
          header = values[0].map((h) => String(h ?? "").trim());
          k = 1;
        }
        for (; k < values.length; k++) rows[b.start + k - 1] = values[k];
        options.onProgress?.(Math.min(b.start + b.rows - 1, dataRows), dataRows);
      },
    );
    const fmt = formats.numberFormat;
    const dateFormatted = header.map((_, c) => fmt.some((row) => isDateFormat(row[c])));
    return { address: range.address, sheet: splitAddress(range.address).sheet, header, rows, dateFormatted, chunks: blocks.length };
  }
}
