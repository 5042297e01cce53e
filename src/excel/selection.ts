/**
 * Reading the current selection and following its changes (ExcelApi 1.2:
 * Workbook.getSelectedRange, Workbook.onSelectionChanged). One Excel.run and one
 * sync per read (docs/architecture.md §3). A burst of changes (arrow keys held, a drag) is read
 * once, after it settles (docs/architecture.md §13).
 */
import { excelRun, type ExcelRun } from "./run";

/** What the task pane shows of the selection. */
export interface SelectionInfo {
  /** Sheet-qualified address as Excel writes it, e.g. "Sheet1!A1:D20". */
  address: string;
  /** The sheet name, without quotes. */
  sheet: string;
  /** The address without the sheet, e.g. "A1:D20". */
  range: string;
  rows: number;
  columns: number;
}

/** Splits "'My sheet'!A1:B2" into sheet and range, undoing Excel's quote doubling. */
export function splitAddress(address: string): { sheet: string; range: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: "", range: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: address.slice(bang + 1) };
}

/** Reads the address and size of the selected range: one Excel.run, one sync. */
export async function readSelection(run: ExcelRun = excelRun): Promise<SelectionInfo> {
  return run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("address,rowCount,columnCount");
    await context.sync();
    return { address: range.address, ...splitAddress(range.address), rows: range.rowCount, columns: range.columnCount };
  });
}

/** Quiet time after the last selection change before it is read, in milliseconds. */
export const SELECTION_SETTLE_MS = 200;

export interface WatchOptions {
  /** Default {@link SELECTION_SETTLE_MS}. */
  settleMs?: number;
}

/**
 * Calls `onChange` with the new selection whenever the user selects other cells, and
 * `onError` when reading it fails. Resolves to a function that removes the handler.
 *
 * Excel raises the event for every cell the selection passes through; each read is a round trip.
 * So the handler only (re)starts a timer, and the selection is read once `settleMs` after the last
 * change: a burst costs one sync. A change that arrives while a read is under way is read after
 * it, so the last selection is always the one shown.
 */
export async function watchSelection(
  onChange: (info: SelectionInfo) => void,
  onError: (error: unknown) => void,
  run: ExcelRun = excelRun,
  options: WatchOptions = {},
): Promise<() => Promise<void>> {
  const settle = options.settleMs ?? SELECTION_SETTLE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  let changedWhileReading = false;
  let stopped = false;
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(read, settle);
  };
  const read = async () => {
    timer = undefined;
    if (reading) {
      changedWhileReading = true;
      return;
    }
    reading = true;
    try {
      const info = await readSelection(run);
      if (!stopped) onChange(info);
    } catch (e) {
      if (!stopped) onError(e);
    } finally {
      reading = false;
      if (changedWhileReading && !stopped) {
        changedWhileReading = false;
        schedule();
      }
    }
  };
  const handler = async () => {
    if (!stopped) schedule();
  };
  const registration = await run(async (context) => {
    const result = context.workbook.onSelectionChanged.add(handler);
    await context.sync();
    return result;
  });
  // Removing must happen in the request context that added the handler
  // (Office.js: "remove() ... then context.sync() on the same context").
  return async () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    registration.remove();
    await registration.context.sync();
  };
}
