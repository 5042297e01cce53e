/**
 * The history sheet of the pyramid over time (docs/migration.md §6): read before the computation,
 * this run's rows appended after the results are written. The plan of its rows and the comparison
 * are src/taskpane/workflow/history-plan.ts; this layer only reads and writes cells.
 *
 * The sheet is called {@link HISTORY_SHEET} in every language: its name is how a run finds the
 * earlier ones, so it must not change when the language option does (its header is in the run's
 * language and never read back; the columns are read by position).
 *
 * Reads and writes go in blocks under the request budget (Excel on the web rejects a request or a
 * response above 5 MB: ./chunks.ts), one sync each. A failed run leaves the history as it was
 * (./rollback.ts): a sheet this run added is deleted; rows appended to an earlier sheet are cleared;
 * when the oldest runs were deleted to make room, the body is written back from the values read.
 */
import {
  CHUNK_BYTES,
  forEachChunk,
  READ_MAX_CELLS,
  rowBlocks,
  rowBytes,
  sizedBlocks,
} from "./chunks";
import { ExcelIssue } from "./errors";
import type { Cell } from "./plan";
import type { WriteState } from "./rollback";

/** The history sheet's name, the same in every language. */
export const HISTORY_SHEET = "CVA History";
/** The history table's columns (run, id, tier, stage, value, CLV, P(alive)). */
export const HISTORY_WIDTH = 7;

/** What an analysis read of the history. */
export interface HistoryRead {
  /** The sheet as the workbook names it, or null when there is none. */
  sheet: string | null;
  /** The body rows below the header, HISTORY_WIDTH cells each, as Range.values gives them. */
  rows: Cell[][];
  /** Requests the read took (the size, then one per block). */
  requests: number;
}

/** This run's part of the history, planned by the pane. */
export interface HistoryWrite {
  header: string[];
  formats: string[];
  rows: Cell[][];
  /** Rows to delete from the top first (the oldest runs, whole), so the new rows fit in the sheet. */
  drop: number;
}

/** What the rollback needs to put an earlier history sheet back. */
export interface HistoryUndo {
  sheet: string;
  /** The body as read before this run. */
  rows: Cell[][];
  formats: string[];
  /** Rows deleted from the top: the body must be written back whole. */
  dropped: number;
}

/**
 * Reads the history sheet's body in blocks: one sync for its used range, one per block.
 * @param sheetNames the workbook's sheets (loaded by the preparation request).
 */
export async function readHistory(
  context: Excel.RequestContext,
  sheetNames: readonly string[],
  maxCells = READ_MAX_CELLS,
): Promise<HistoryRead> {
  const name = sheetNames.find(
    (n) => n.toLowerCase() === HISTORY_SHEET.toLowerCase(),
  );
  if (name === undefined) return { sheet: null, rows: [], requests: 0 };
  const sheet = context.workbook.worksheets.getItem(name);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await context.sync();
  const body = used.isNullObject ? 0 : used.rowIndex + used.rowCount - 1;
  const rows: Cell[][] = [];
  const blocks =
    body > 0
      ? rowBlocks(
          body,
          HISTORY_WIDTH,
          Math.min(maxCells, Math.floor(CHUNK_BYTES / 40)),
        )
      : [];
  let pending: Excel.Range | undefined;
  await forEachChunk(
    blocks.length,
    (i) => {
      pending = sheet
        .getRangeByIndexes(
          1 + blocks[i].start,
          0,
          blocks[i].rows,
          HISTORY_WIDTH,
        )
        .load("values");
    },
    () => context.sync(),
    () => {
      for (const r of (pending as Excel.Range).values) rows.push(r as Cell[]);
    },
  );
  return { sheet: name, rows, requests: 1 + blocks.length };
}

/**
 * Appends this run's rows to the history (adding the sheet, alone in its request, when there is
 * none), first deleting the `drop` oldest rows. Fills `state` in for the rollback before the first
 * change. @returns the requests it took.
 * @throws ExcelIssue "cancelled" when `isCancelled` turns true between blocks; any Excel error.
 */
export async function appendHistory(
  context: Excel.RequestContext,
  read: HistoryRead,
  write: HistoryWrite,
  state: WriteState,
  maxBytes = CHUNK_BYTES,
  isCancelled?: () => boolean,
): Promise<{ sheet: string; requests: number }> {
  const sheets = context.workbook.worksheets;
  let requests = 0;
  let sheet: Excel.Worksheet;
  if (read.sheet === null) {
    sheet = sheets.add(HISTORY_SHEET);
    sheet.load("id");
    await context.sync();
    requests++;
    state.added.push({ name: HISTORY_SHEET, id: sheet.id });
  } else {
    sheet = sheets.getItem(read.sheet);
    state.history = {
      sheet: read.sheet,
      rows: read.rows,
      formats: write.formats,
      dropped: write.drop,
    };
  }
  const below = read.rows.length - write.drop;
  const blocks = sizedBlocks(write.rows, maxBytes, rowBytes(write.formats));
  await forEachChunk(
    Math.max(blocks.length, 1),
    (i) => {
      if (i === 0) {
        if (write.drop > 0)
          sheet.getRangeByIndexes(1, 0, write.drop, HISTORY_WIDTH).delete("Up");
        const head = sheet.getRangeByIndexes(0, 0, 1, HISTORY_WIDTH);
        head.values = [write.header];
        head.format.font.bold = true;
      }
      const b = blocks[i];
      if (b && b.rows > 0) {
        const range = sheet.getRangeByIndexes(
          1 + below + b.start,
          0,
          b.rows,
          HISTORY_WIDTH,
        );
        // Formats first, so an id like "0001" lands in a text cell and stays text.
        range.numberFormat = new Array(b.rows).fill(write.formats);
        range.values = write.rows.slice(b.start, b.start + b.rows);
      }
    },
    () => context.sync(),
    () => {
      requests++;
      if (isCancelled?.())
        throw new ExcelIssue(
          "cancelled",
          "cancelled while writing the history",
        );
    },
  );
  return { sheet: read.sheet ?? HISTORY_SHEET, requests };
}

/**
 * Queues and syncs the history's restoration after a failed run (./rollback.ts): rows below the
 * earlier body are cleared; when rows were deleted from the top, the whole body is cleared and the
 * earlier rows written back, in blocks under the budget.
 */
export async function restoreHistory(
  context: Excel.RequestContext,
  undo: HistoryUndo,
  maxBytes = CHUNK_BYTES,
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(undo.sheet);
  const keep = undo.dropped > 0 ? 0 : undo.rows.length;
  sheet.getRangeByIndexes(1 + keep, 0, 1_048_575 - keep, HISTORY_WIDTH).clear();
  await context.sync();
  if (keep === undo.rows.length) return;
  const blocks = sizedBlocks(undo.rows, maxBytes, rowBytes(undo.formats));
  await forEachChunk(
    blocks.length,
    (i) => {
      const b = blocks[i];
      const range = sheet.getRangeByIndexes(
        1 + b.start,
        0,
        b.rows,
        HISTORY_WIDTH,
      );
      range.numberFormat = new Array(b.rows).fill(undo.formats);
      range.values = undo.rows.slice(b.start, b.start + b.rows);
    },
    () => context.sync(),
  );
}
