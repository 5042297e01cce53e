/**
 * @jest-environment jsdom
 *
 * The pane's entry (src/taskpane/index.tsx) under a fake Office whose
 * Office.context.requirements.isSetSupported answers as an older Excel would. Office does not
 * start CVA where a set of the manifest's <Requirements> is missing; past those, a call of a newer
 * set is made only where isSetSupported says it is there, and the pane says what is lost
 * (src/excel/requirements.ts, docs/architecture.md §11).
 */
import { screen, waitFor } from "@testing-library/react";
import { FakeWorkbook } from "../fakes/workbook";
import { runAnalysis, selectTarget, type SettingsStore } from "../../src/excel";
import { strings } from "../../src/taskpane/strings";
import { OPTIONAL_FEATURES, REQUIRED_SETS, checkSupport, setsOf } from "../../src/excel/requirements";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

type Sets = Record<string, string>;
/** What Excel on the web supports today, roughly; tests take sets away from it. */
const CURRENT: Sets = { ExcelApi: "1.20", CustomFunctionsRuntime: "1.5", SharedRuntime: "1.2" };

const newer = (a: string, b: string) => {
  const x = a.split(".").map(Number), y = b.split(".").map(Number);
  return x[0] - y[0] || x[1] - y[1];
};

function fakeOffice(sets: Sets, displayLanguage = "en-US") {
  const m = new Map<string, unknown>();
  const settings: SettingsStore = { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v), saveAsync: (cb) => cb?.({ status: "succeeded" }) };
  const checked: string[] = [];
  return {
    checked,
    office: {
      onReady: (cb?: () => void) => {
        setTimeout(() => cb?.(), 0);
        return Promise.resolve({ host: "Excel", platform: "PC" });
      },
      context: {
        displayLanguage,
        officeTheme: { bodyBackgroundColor: "#ffffff" },
        document: { settings },
        requirements: {
          isSetSupported: (name: string, minVersion?: string) => {
            checked.push(`${name} ${minVersion}`);
            return sets[name] !== undefined && newer(sets[name], minVersion ?? "1.1") >= 0;
          },
        },
      },
      addin: { onVisibilityModeChanged: async () => async () => undefined },
    },
  };
}

const g = globalThis as Record<string, unknown>;

/** Loads the pane's entry as taskpane.html would, on `wb`. */
function startPane(sets: Sets, lang = "en-US", wb = paneWorkbook()) {
  const fake = fakeOffice(sets, lang);
  g.Office = fake.office;
  g.Excel = { run: wb.run };
  document.body.innerHTML = '<div id="container"></div>';
  jest.isolateModules(() => {
    require("../../src/taskpane/index");
  });
  return { ...fake, wb };
}

function paneWorkbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", [["customer", "amount"], ["C1", 10], ["C2", 20]]);
  wb.selection = { sheet: "Sheet1", address: "A1:B3" };
  return wb;
}

afterEach(() => {
  delete g.Office;
  delete g.Excel;
  delete (window as unknown as Record<string, unknown>).cvaTooOld;
});

describe("requirement sets at run time", () => {
  it("an Excel with every set: no message, and the pane asks Office about each set it relies on", async () => {
    const pane = startPane(CURRENT);
    await waitFor(() => expect(screen.getByTestId("selection-range").textContent).toBe("A1:B3"));
    expect(screen.queryByTestId("requirements")).toBeNull();
    for (const s of REQUIRED_SETS) expect(pane.checked).toContain(`${s.name} ${s.minVersion}`);
    for (const f of Object.values(OPTIONAL_FEATURES)) expect(pane.checked).toContain(`${f.set.name} ${f.set.minVersion}`);
  });

  it("an Excel without ExcelApi 1.9: the pane works and says what is lost, in Office's language", async () => {
    startPane({ ...CURRENT, ExcelApi: "1.8" }, "zh-CN");
    const note = await screen.findByTestId("requirements");
    const zh = strings["zh-CN"];
    expect(note.textContent).toBe(`此版本的 Excel 缺少 ExcelApi 1.9：${zh.featureScreenUpdating}；${zh.featureChartSelect}；${zh.featurePageLayout}。`);
    await waitFor(() => expect(screen.getByTestId("selection-range").textContent).toBe("A1:B3"));
  });

  it("an Excel without a required set: the pane says which and does not start, asking Excel nothing", async () => {
    const { wb } = startPane({ ...CURRENT, CustomFunctionsRuntime: "1.2" });
    const note = await screen.findByTestId("requirements");
    expect(note.textContent).toBe("This version of Excel lacks CustomFunctionsRuntime 1.3, which CVA needs. Update Office, or open the workbook in Excel on the web.");
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.queryByTestId("selection")).toBeNull();
    expect(wb.syncs).toBe(0);
    expect(wb.listeners).toBe(0);
  });

  it("checkSupport lists the missing sets and the features lost; setsOf names each set once", () => {
    const support = checkSupport((name, v) => !(name === "ExcelApi" && newer(v, "1.8") > 0));
    expect(support.missing).toEqual([]);
    expect(support.lost).toEqual(expect.arrayContaining(["screenUpdating", "chartSelect", "undoGroup"]));
    expect(support.lost).toEqual((Object.keys(OPTIONAL_FEATURES) as (keyof typeof OPTIONAL_FEATURES)[]).filter((f) => OPTIONAL_FEATURES[f].set.name === "ExcelApi"));
    expect(setsOf(["screenUpdating", "undoGroup", "chartSelect"])).toEqual([{ name: "ExcelApi", minVersion: "1.9" }, { name: "ExcelApi", minVersion: "1.20" }]);
    expect(checkSupport((name) => name !== "SharedRuntime").missing).toEqual([{ name: "SharedRuntime", minVersion: "1.1" }]);
  });
});

describe("the calls of ExcelApi 1.9 are made only where Excel has it", () => {
  const plan = {
    results: { sheet: "CVA Results", tableName: "CVA_Results", header: ["customer", "value"], formats: ["@", "0"], rows: [["C1", 1], ["C2", 2]], tierColumn: -1, tierColors: [], dataBarColumn: -1 },
    report: { sheet: "CVA Report", lines: [["Report"]], blocks: [{ id: "b", title: "Block", header: ["k", "v"], rows: [["a", 1]] }], charts: [{ name: "CVA_Chart", title: "Chart", kind: "columns" as const, block: "b" }] },
  };
  const names = { results: "CVA Results", report: "CVA Report" };
  const calls = async (sets: Sets) => {
    const wb = paneWorkbook();
    g.Office = fakeOffice(sets).office;
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: async () => plan }, wb.run);
    await selectTarget({ kind: "chart", sheet: out.reportSheet, name: "CVA_Chart" }, wb.run);
    return wb.calls.filter((c) => /^suspend|^activate/.test(c));
  };

  it("with ExcelApi 1.9: screen updating paused while writing, and the chart link selects the chart", async () => {
    const c = await calls(CURRENT);
    expect(c).toContain("suspendScreenUpdatingUntilNextSync");
    expect(c.slice(-2)).toEqual(["activate CVA Report", "activate chart CVA_Chart"]);
  });

  it("with ExcelApi 1.8: the results are written without pausing the screen, and the chart link opens the report sheet", async () => {
    const c = await calls({ ...CURRENT, ExcelApi: "1.8" });
    expect(c).toContain("suspendApiCalculationUntilNextSync");
    expect(c).not.toContain("suspendScreenUpdatingUntilNextSync");
    expect(c.slice(-1)).toEqual(["activate CVA Report"]);
  });
});

describe("the pane's entry on a webview too old for it", () => {
  it("renders nothing over the guard's message (window.cvaTooOld)", async () => {
    (window as unknown as Record<string, unknown>).cvaTooOld = true;
    const { wb } = startPane(CURRENT);
    await new Promise((r) => setTimeout(r, 300));
    expect(document.getElementById("container")?.childElementCount).toBe(0);
    expect(wb.syncs).toBe(0);
  });
});
