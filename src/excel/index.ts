/** The Excel operations the task pane receives as props (STYLE.md example 8). */
import { readSelection, watchSelection, type SelectionInfo } from "./selection";
import { excelRun, type ExcelRun } from "./run";

export type { SelectionInfo } from "./selection";
export type { ExcelRun } from "./run";
export { readSelection, watchSelection, splitAddress } from "./selection";

export interface ExcelOperations {
  readSelection(): Promise<SelectionInfo>;
  watchSelection(onChange: (info: SelectionInfo) => void, onError: (error: unknown) => void): Promise<() => Promise<void>>;
}

/** Binds every operation to one Excel.run implementation. */
export function createExcelOperations(run: ExcelRun = excelRun): ExcelOperations {
  return {
    readSelection: () => readSelection(run),
    watchSelection: (onChange, onError) => watchSelection(onChange, onError, run),
  };
}
