/**
 * @jest-environment jsdom
 *
 * Before a run the pane says what Excel's undo can do about it ("Undo support with the Excel
 * JavaScript API"): without ExcelApi 1.20 a run cannot be undone with Ctrl+Z; with it, one Ctrl+Z
 * undoes a whole run (Excel.run's mergeUndoGroup). The pane runs on the excel layer's real
 * operations over the fake workbook.
 */
import { render, screen } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelOperations, type SettingsStore } from "../../src/excel";
import type { Locale } from "../../src/taskpane/strings";
import { FakeWorkbook } from "../fakes/workbook";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

const settings: SettingsStore = { get: () => null, set: () => undefined, saveAsync: (cb) => cb?.({ status: "succeeded" }) };

function pane(excelApi: string, locale: Locale) {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", [["customer_id", "date", "amount"], ["C1", 45292, 10]]);
  wb.selection = { sheet: "Sheet1", address: "A1:C2" };
  wb.excelApi = excelApi;
  render(<App excel={createExcelOperations(wb.run, () => settings, wb.supports)} locale={locale} theme={webLightTheme} />);
}

describe("the note on undo, before a run", () => {
  it("says a run cannot be undone with Ctrl+Z where Excel cannot group it (before ExcelApi 1.20)", async () => {
    pane("1.19", "en-US");
    expect((await screen.findByTestId("undo-note")).textContent).toBe("Ctrl+Z cannot undo a run. To keep earlier results, choose New sheets when CVA asks.");
  });

  it("says it in Chinese too", async () => {
    pane("1.19", "zh-CN");
    expect((await screen.findByTestId("undo-note")).textContent).toBe("Ctrl+Z 无法撤消一次运行。若要保留以前的结果，请在 CVA 询问时选择“新工作表”。");
  });

  it("says one Ctrl+Z undoes a whole run where ExcelApi 1.20 merges it into one undo step", async () => {
    pane("1.20", "en-US");
    expect((await screen.findByTestId("undo-note")).textContent).toBe("In this version of Excel one Ctrl+Z undoes a whole run, but not a run that failed.");
  });
});
