// The harness of the Options-step tests (model, acquisition cost, penalty, the Advanced fold's boxes): the pane rendered over
// an Excel that reads the first rows of CDNOW, restores given settings and records those saved.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { ExcelOperations } from "../../src/excel";
import type { AnalysisOptions } from "../../src/taskpane/workflow/options";
import type { Locale } from "../../src/taskpane/strings";
import { cdnowSource } from "../fakes/cdnow";

/** Rows of the CDNOW sheet the fake Excel reads (header included). */
export const ROWS = 301;

/** An Excel that reads the CDNOW rows, restores `stored` settings and records the settings saved; the write is not the point here. */
export function fakeExcel(stored?: Partial<AnalysisOptions>): { ops: ExcelOperations; saved: unknown[] } {
  const saved: unknown[] = [];
  const data = cdnowSource(ROWS);
  const ops: ExcelOperations = {
    readSelection: async () => ({ sheet: "Sheet1", address: data.address, rows: ROWS, columns: 4, cells: ROWS * 4 }) as never,
    watchSelection: async () => async () => undefined,
    listSources: async () => ({ tables: [], names: [] }) as never,
    previewSource: async () => data,
    runAnalysis: async (request, cb) => {
      await cb.compute(data, undefined);
      return { resultsSheet: request.names.results, reportSheet: request.names.report, tableName: "CVA_Results", tableAddress: "'CVA Results'!A1:B2", charts: [], chunks: 1, replaced: false, readChunks: 1 };
    },
    select: async () => undefined,
    loadSettings: () => stored as never,
    saveSettings: async (v) => void saved.push(v),
  };
  return { ops, saved };
}

export function pane(ops: ExcelOperations, locale: Locale) {
  return render(<App excel={ops} locale={locale} theme={webLightTheme} />);
}

export const runButton = () => screen.getByTestId("run") as HTMLButtonElement;

/**
 * The Advanced fold's checkbox `label` (test id `testId`): absent until the fold opens, then
 * unchecked; checks it and runs the analysis to its results. The caller asserts what was saved.
 */
export async function checkAdvancedAndRun(ops: ExcelOperations, locale: Locale, fold: string, label: string, testId: string): Promise<void> {
  pane(ops, locale);
  await screen.findAllByTestId("map-id");
  expect(screen.queryByTestId(testId)).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: fold }));
  const box = (await screen.findByLabelText(label)) as HTMLInputElement;
  expect(box.checked).toBe(false);
  fireEvent.click(box);
  await waitFor(() => expect((screen.getByLabelText(label) as HTMLInputElement).checked).toBe(true));
  await waitFor(() => expect(runButton().disabled).toBe(false));
  fireEvent.click(screen.getByTestId("run"));
  await screen.findByTestId("results", {}, { timeout: 20_000 });
}
