/** The pane's links to what was written: select the results table, or a chart on the report. */
import { supports } from "./requirements";
import { excelRun, type ExcelRun } from "./run";

export type Target = { kind: "table"; name: string } | { kind: "chart"; sheet: string; name: string };

/** Activates the sheet and selects the table, or activates the chart: one Excel.run, one sync. */
export async function selectTarget(target: Target, run: ExcelRun = excelRun): Promise<void> {
  await run(async (context) => {
    if (target.kind === "table") {
      const table = context.workbook.tables.getItem(target.name);
      table.worksheet.activate();
      table.getRange().select();
    } else {
      const sheet = context.workbook.worksheets.getItem(target.sheet);
      sheet.activate();
      // Chart.activate is ExcelApi 1.9, above the manifest's sets: without it the link opens the sheet.
      if (supports("chartSelect")) sheet.charts.getItem(target.name).activate();
    }
    await context.sync();
  });
}
