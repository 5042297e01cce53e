/**
 * The one seam through which the add-in reaches Excel. Every operation in src/excel
 * takes an {@link ExcelRun} (default: the real `Excel.run`), so tests hand in a
 * workbook built on office-addin-mock and the browser test host hands in its own.
 */
import { officeSetCheck, type SetCheck } from "./requirements";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions) => Promise<T>;

/** The real Excel.run, looked up when called (Office.js may load after this module); with options only when given. */
export const excelRun: ExcelRun = (batch, options) => (options ? Excel.run(options, batch) : Excel.run(batch));

export type { SetCheck };

/** Office's requirement-set check, looked up when called; false outside Office (Node, before Office.js loads). */
export const officeSupports: SetCheck = (name, minVersion) => (officeSetCheck() ?? (() => false))(name, minVersion);

/**
 * Whether one Ctrl+Z can take a whole Run back: Excel.run's `mergeUndoGroup` (ExcelApi 1.20, "Undo
 * support with the Excel JavaScript API") merges every sync of the run into one undo step.
 */
export function canGroupUndo(check: SetCheck = officeSupports): boolean {
  return check("ExcelApi", "1.20");
}
