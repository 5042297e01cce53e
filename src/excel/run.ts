/**
 * The one seam through which the add-in reaches Excel. Every operation in src/excel
 * takes an {@link ExcelRun} (default: the real `Excel.run`), so tests hand in a
 * workbook built on office-addin-mock and the browser test host hands in its own.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The real Excel.run, looked up when called (Office.js may load after this module). */
export const excelRun: ExcelRun = (batch) => Excel.run(batch);
