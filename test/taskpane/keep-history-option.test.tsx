/**
 * @jest-environment jsdom
 *
 * The "Keep history" option of the Options step's Advanced fold (docs/migration.md §6): off by
 * default, saved and restored as a boolean, shown in both languages. Off, a run writes no history
 * sheet and reads none; on, two runs of CDNOW through the rendered pane on the fake workbook: the
 * first writes the CVA History sheet (header + 2,357 rows), the second, on the same data an hour
 * later, appends 2,357 more and its report compares it with the first — every customer in the same
 * tier, so the migration matrix is its diagonal and totals 2,357.
 */
import { render, screen, waitFor, fireEvent, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelOperations, type SettingsStore } from "../../src/excel";
import { HISTORY_SHEET } from "../../src/excel/history";
import { dayFromYmd } from "../../src/core";
import { defaultOptions, mergeOptions } from "../../src/taskpane/workflow/options";
import { FakeWorkbook, type FakeSheet } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { checkAdvancedAndRun, fakeExcel, pane as optionPane, runButton } from "./option-pane";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

const cdnow = cdnowSheet(cdnowText());

function workbook(rows = cdnow.rows.length): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", cdnow.rows.slice(0, rows), cdnow.formats.slice(0, rows));
  wb.selection = { sheet: "Sheet1", address: `A1:D${rows}` };
  return wb;
}

/** Office's document settings of one workbook, as in test/taskpane/pane-paths.test.tsx. */
function documentSettings(initial: Record<string, unknown> = {}): SettingsStore {
  const map = new Map(Object.entries(initial));
  return { get: (k) => (map.has(k) ? map.get(k) : null), set: (k, v) => void map.set(k, v), saveAsync: (cb) => cb?.({ status: "succeeded" }) };
}

function pane(wb: FakeWorkbook, settings: SettingsStore) {
  return render(<App excel={createExcelOperations(wb.run, () => settings, wb.supports)} locale="en-US" theme={webLightTheme} />);
}

async function clickRun(): Promise<void> {
  await screen.findAllByTestId("map-id");
  await waitFor(() => expect(runButton().disabled).toBe(false));
  fireEvent.click(screen.getByTestId("run"));
}

const sheet = (wb: FakeWorkbook, name: string) => wb.sheets.find((s) => s.name === name) as FakeSheet;

describe("the option's value", () => {
  it("is off by default in both languages; a saved boolean is restored, anything else ignored", () => {
    expect(defaultOptions("en-US").keepHistory).toBe(false);
    expect(defaultOptions("zh-CN").keepHistory).toBe(false);
    expect(mergeOptions(defaultOptions("en-US"), { keepHistory: true }).keepHistory).toBe(true);
    expect(mergeOptions(defaultOptions("en-US"), { keepHistory: "yes" as unknown as boolean }).keepHistory).toBe(false);
    expect(mergeOptions(defaultOptions("en-US"), { liveFormulas: true }).keepHistory).toBe(false);
  });
});

describe("the option in the pane", () => {
  it.each([
    ["en-US", "Advanced", "Keep history"],
    ["zh-CN", "高级", "保留历史"],
  ] as const)("%s: under Advanced, unchecked; checking it is saved with the options", async (locale, fold, label) => {
    const { ops, saved } = fakeExcel();
    await checkAdvancedAndRun(ops, locale, fold, label, "opt-keep-history");
    expect(saved).toEqual([expect.objectContaining({ keepHistory: true })]);
  }, 30_000);

  it("a saved choice is restored into the open fold, checked", async () => {
    optionPane(fakeExcel({ keepHistory: true }).ops, "en-US");
    await screen.findAllByTestId("map-id");
    expect(((await screen.findByLabelText("Keep history")) as HTMLInputElement).checked).toBe(true);
  });
});

describe("off (the default)", () => {
  it("a run writes no history sheet, reads none, and its report has no comparison", async () => {
    const wb = workbook(301);
    pane(wb, documentSettings());
    await clickRun();
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model"]);
    expect(wb.calls.filter((c) => c.includes(HISTORY_SHEET))).toEqual([]);
    expect(wb.used("CVA Report").flat().some((v) => String(v).startsWith("Tier migration"))).toBe(false);
  }, 30_000);
});

describe("on: two runs of CDNOW", () => {
  beforeEach(() => {
    // Only Date is faked, so each run has a known stamp; timers run as they do.
    jest.useFakeTimers({ doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "requestAnimationFrame", "cancelAnimationFrame", "requestIdleCallback", "cancelIdleCallback", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  });
  afterEach(() => jest.useRealTimers());

  it("the first writes the history, the second appends to it and its report has the migration matrix, all on the diagonal", async () => {
    const wb = workbook();
    // BG/NBD named, so one fit per run (the choice between models is not the point here).
    pane(wb, documentSettings({ "cva.options": { keepHistory: true, model: "bgnbd" } }));
    // 2026-11-27 14:05:09 local: the serial day with the time of day as the fraction.
    const first = dayFromYmd(2026, 11, 27) + (14 * 3600 + 5 * 60 + 9) / 86400;
    jest.setSystemTime(new Date(2026, 10, 27, 14, 5, 9));
    await clickRun();
    await screen.findByTestId("results", {}, { timeout: 60_000 });
    const history = sheet(wb, HISTORY_SHEET);
    expect(history.cells.length).toBe(1 + 2_357);
    expect(history.cells[0]).toEqual(["Run", "Customer ID", "Tier", "Stage", "Value", "CLV", "P(alive)"]);
    expect(new Set(history.cells.slice(1).map((r) => r[0]))).toEqual(new Set([first]));
    expect(wb.used("CVA Report").flat().some((v) => String(v).startsWith("Tier migration"))).toBe(false);
    const tiersFirst = history.cells.slice(1).map((r) => [r[1], r[2]]);

    jest.setSystemTime(new Date(2026, 10, 27, 15, 5, 9));
    fireEvent.click(screen.getByTestId("run"));
    fireEvent.click(within(await screen.findByTestId("conflict", {}, { timeout: 20_000 })).getByTestId("conflict-replace"));
    await waitFor(() => expect(sheet(wb, HISTORY_SHEET).cells.length).toBe(1 + 2 * 2_357), { timeout: 60_000 });
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    const after = sheet(wb, HISTORY_SHEET).cells;
    expect(new Set(after.slice(1 + 2_357).map((r) => r[0]))).toEqual(new Set([first + 1 / 24]));
    // The same data: the same customers in the same tiers.
    expect(after.slice(1 + 2_357).map((r) => [r[1], r[2]])).toEqual(tiersFirst);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model", HISTORY_SHEET]);

    const report = wb.used("CVA Report");
    const at = report.findIndex((r) => r[0] === "Tier migration since the run of 2026-11-27 14:05:09: customers");
    expect(at).toBeGreaterThan(0);
    // Below the title: its note, then the header "From \ to", tier 1 … 4, Total; then a row per earlier tier and the totals.
    const header = report.findIndex((r, i) => i > at && r[r.length - 1] === "Total");
    const rows = report.slice(header + 1, header + 6);
    const counts = [1, 2, 3, 4].map((tier) => tiersFirst.filter(([, t]) => t === tier).length);
    rows.slice(0, 4).forEach((row, i) => row.slice(1, 5).forEach((v, j) => expect(v).toBe(i === j ? counts[i] : 0)));
    expect(rows[4][5]).toBe(2_357);
    expect(report.flat()).toContain("Of the 2357 customers in both: 0 moved up, 2357 stayed, 0 moved down.");
  }, 180_000);
});
