/**
 * A stand-in Office host for the browser test. The test serves this bundle in place of
 * office.js from Microsoft's CDN, so the built task pane runs unchanged in Chromium:
 *
 * - `Office.onReady`, `Office.context.displayLanguage` and `officeTheme`, taken from the
 *   page's query string (?lang=zh-CN&theme=dark);
 * - `Excel.run` over the fake workbook of test/fakes/workbook.ts (office-addin-mock underneath,
 *   which enforces load-then-sync as Office.js does), with a selection the test can change, the
 *   CDNOW sample when the test hands it in, and a record of every sheet, table and chart call;
 * - `Office.context.document.settings` in memory;
 * - `CustomFunctions.associate`, recording what the functions bundle registers, so the
 *   test can call =CVA.CLV exactly as Excel's shared runtime would;
 * - Excel's calculation (./formula-engine.ts): what the test reads (`used`, `snapshot`) is each
 *   formula cell's value, the =CVA.* functions computed by the functions bundle's own
 *   implementations under the built functions.json and the manifest's namespace; `typeIn` edits a
 *   cell as a user would, and the next read is the recalculated workbook;
 * - a snapshot of the workbook, and `drawWorkbook` to draw one as Excel shows it
 *   (./workbook-view.ts), in another page, for the README's screenshots.
 *
 * Test hooks live on `window.__cvaHost`.
 */
import { FakeWorkbook } from "../../fakes/workbook";
import { cdnowSheet } from "../../fakes/cdnow-sheet";
import { drawWorkbook, type WorkbookState } from "./workbook-view";
import { calculate, type CustomFunctionsRuntime, type FunctionsJson } from "./formula-engine";

const params = new URLSearchParams(window.location.search);

// The workbook: Sheet1 with the CDNOW sample as table "Purchases" when the test hands the CSV in
// (window.__cvaCsv, set before the page loads), and the selection at Sheet1!A1:D20. The table has
// a totals row (Table Design › Total Row: "Total" and the sums of cds and amount), as a user who
// sums the amounts has it, and a filter hides four of its rows (5 to 8): a run must analyse exactly
// the 6,919 purchases, the hidden ones included (the default), and say so.
const wb = new FakeWorkbook();
const csv = (window as unknown as { __cvaCsv?: string }).__cvaCsv;
if (csv) {
  const { rows, formats } = cdnowSheet(csv);
  const body = rows.slice(1);
  const sum = (c: number) => Math.round(body.reduce((s, r) => s + (r[c] as number), 0) * 100) / 100;
  wb.addSheet("Sheet1", [...rows, ["Total", "", sum(2), sum(3)]], [...formats, ["General", "General", "0", "0.00"]]);
  wb.addTable("Purchases", "Sheet1", `A1:D${rows.length + 1}`, { showTotals: true });
  wb.hideRows("Sheet1", 5, 8);
} else {
  wb.addSheet("Sheet1");
}
wb.selection = { sheet: "Sheet1", address: "A1:D20" };
const settings = new Map<string, unknown>();

/**
 * CustomFunctions.Error as Excel shows it: a custom message only with #VALUE! and #N/A ("Handle
 * and return errors from your custom function"); any other code's message is dropped.
 */
class CustomFunctionsError extends Error {
  constructor(
    public code: string,
    message?: string,
  ) {
    super(code === "#VALUE!" || code === "#N/A" ? message : undefined);
  }
}

const associations = new Map<string, (...args: unknown[]) => unknown>();

/**
 * The custom-functions runtime as Excel builds it from the add-in's files: functions.json (the
 * metadata Excel registers) and the manifest's function namespace, both served beside the pane,
 * with the implementations the functions bundle associated. Loaded once, when a formula is first
 * evaluated.
 */
let runtime: Promise<CustomFunctionsRuntime> | undefined;
function loadRuntime(): Promise<CustomFunctionsRuntime> {
  runtime ??= (async () => {
    const get = async (file: string) => {
      const r = await fetch(new URL(file, window.location.href));
      if (!r.ok) throw new Error(`the host cannot load ${file}: ${r.status}`);
      return r.text();
    };
    const [metadata, manifest] = await Promise.all([get("functions.json"), get("manifest.xml")]);
    const ns = /<bt:String id="Functions\.Namespace" DefaultValue="([^"]+)"/.exec(manifest);
    if (!ns) throw new Error("the manifest declares no Functions.Namespace");
    return { namespace: ns[1], metadata: JSON.parse(metadata) as FunctionsJson, associations, errorClass: CustomFunctionsError };
  })();
  return runtime;
}

/** The workbook as Excel would show it now: every formula cell's value (recalculated after each sync or typed edit). */
let edits = 0;
let last: { at: string; result: ReturnType<typeof calculate> } | undefined;
async function calculated() {
  const at = `${wb.syncs}/${edits}`;
  if (last?.at === at) return last.result;
  const anyFormula = wb.sheets.some((s) => s.cells.some((r) => r?.some((v) => typeof v === "string" && v.startsWith("="))));
  const result = calculate(wb, anyFormula ? await loadRuntime() : undefined);
  last = { at, result };
  return result;
}

const host = {
  /** Selects other cells ("'Q3 sales'!B2:F1001") and fires Workbook.onSelectionChanged, as Excel does. */
  async select(address: string) {
    const bang = address.lastIndexOf("!");
    let sheet = address.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    await wb.select(sheet, address.slice(bang + 1));
  },
  /** What the add-in wrote, for the test's assertions. */
  get workbook() {
    return {
      sheets: wb.sheets.map((s) => s.name),
      tables: wb.tables,
      charts: wb.charts,
      conditionalFormats: wb.conditionalFormats,
      calls: wb.calls,
      userCellWrites: wb.userCellWrites,
      maxRequestBytes: wb.maxRequestBytes,
    };
  },
  /** Everything the view draws: cells (formulas as their values), formats, styles, widths, tables, charts, conditional formats. */
  async snapshot(): Promise<WorkbookState> {
    const activated = wb.calls.filter((c) => c.startsWith("activate ") && !c.startsWith("activate chart ")).pop();
    const { values } = await calculated();
    return {
      sheets: wb.sheets.map(({ name, formats, styles, columnWidths, autofit, frozenRows }) => ({ name, cells: values.get(name) as WorkbookState["sheets"][number]["cells"], formats, styles, columnWidths, autofit, frozenRows })),
      tables: wb.tables,
      charts: wb.charts,
      conditionalFormats: wb.conditionalFormats,
      active: activated ? activated.slice("activate ".length) : wb.sheets[0].name,
    };
  },
  /** Draws a snapshot (taken in another page) into this page. */
  drawWorkbook,
  /** The used cells of a sheet as Range.values reads them: a formula's value, an error as its text ("#VALUE!"). */
  async used(sheet: string) {
    const { values } = await calculated();
    const text = wb.used(sheet);
    const shown = values.get(sheet);
    return text.map((row, i) => row.map((v, j) => (typeof v === "string" && v.startsWith("=") ? shown![i][j] : v)));
  },
  /** The used cells of a sheet as Range.formulas reads them: a formula's text. */
  formulas(sheet: string) {
    return wb.used(sheet);
  },
  /** The error messages of formula cells, and what Excel would not show (spills not placed, cycles, parse errors). */
  async calculation() {
    const { messages, problems } = await calculated();
    return { messages, problems };
  },
  /** Types into cells as a user does in en-US Excel ("0.02", "2%"); the next read recalculates. */
  typeIn(sheet: string, address: string, texts: string[][]) {
    wb.typeIn(sheet, address, texts);
    edits++;
  },
  /** The sheet and address of a workbook-level name. */
  name(n: string) {
    const found = wb.names.find((x) => x.scope === undefined && x.name.toLowerCase() === n.toLowerCase());
    return found ? { sheet: found.sheet, address: found.address } : null;
  },
  get settings() {
    return Object.fromEntries(settings);
  },
  /** Calls a registered custom function the way Excel would; errors come back as { code, message }. */
  /**
   * Calls a registered function as Excel does for parameters declared any[][]: a single
   * value arrives as a 1×1 matrix. Excel errors, thrown or inside a spilled array, come
   * back as { code, message }.
   */
  callFunction(id: string, ...args: unknown[]) {
    const fn = associations.get(id);
    if (!fn) return { code: "#NAME?", message: `${id} is not registered` };
    const plain = (v: unknown): unknown =>
      v instanceof CustomFunctionsError ? { code: v.code, message: v.message } : Array.isArray(v) ? v.map(plain) : v;
    try {
      return plain(fn(...args.map((a) => (Array.isArray(a) ? a : [[a]]))));
    } catch (e) {
      return plain(e);
    }
  },
  get registered() {
    return [...associations.keys()];
  },
  get syncs() {
    return wb.syncs;
  },
  get listeners() {
    return wb.listeners;
  },
};

const theme =
  params.get("theme") === "dark"
    ? { bodyBackgroundColor: "#262626", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#333333", controlForegroundColor: "#ffffff" }
    : { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000", controlBackgroundColor: "#ffffff", controlForegroundColor: "#000000" };

// Requirement sets as Excel on the web reports them (Office.context.requirements.isSetSupported);
// ?sets=ExcelApi:1.8 lowers one, as an older Excel would (src/excel/requirements.ts).
const sets: Record<string, string> = { ExcelApi: "1.20", CustomFunctionsRuntime: "1.5", SharedRuntime: "1.2" };
for (const pair of (params.get("sets") ?? "").split(",").filter(Boolean)) {
  const [name, version] = pair.split(":");
  sets[name] = version;
}
const atLeast = (have: string, want: string) => {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  return a[0] !== b[0] ? a[0] > b[0] : (a[1] ?? 0) >= (b[1] ?? 0);
};
// Office.addin.onVisibilityModeChanged: the test hides and shows the pane with __cvaHost.setVisibility.
const visibilityHandlers: ((m: { visibilityMode: string }) => void)[] = [];
(host as Record<string, unknown>).setVisibility = (mode: "Hidden" | "Taskpane") => {
  for (const h of visibilityHandlers) h({ visibilityMode: mode });
};

const w = window as unknown as Record<string, unknown>;
w.Office = {
  onReady: (callback?: (info: { host: string; platform: string }) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    return new Promise((resolve) => setTimeout(() => resolve(callback ? callback(info) : info), 0));
  },
  context: {
    displayLanguage: params.get("lang") ?? "en-US",
    officeTheme: theme,
    requirements: { isSetSupported: (name: string, minVersion = "1.1") => sets[name] !== undefined && atLeast(sets[name], minVersion) },
    document: {
      settings: {
        get: (name: string) => settings.get(name) ?? null,
        set: (name: string, value: unknown) => void settings.set(name, JSON.parse(JSON.stringify(value))),
        saveAsync: (cb?: (r: { status: string }) => void) => setTimeout(() => cb?.({ status: "succeeded" }), 0),
      },
    },
  },
  HostType: { Excel: "Excel" },
  addin: {
    onVisibilityModeChanged: async (handler: (m: { visibilityMode: string }) => void) => {
      visibilityHandlers.push(handler);
      return async () => void visibilityHandlers.splice(visibilityHandlers.indexOf(handler), 1);
    },
  },
};
w.Excel = {
  // Excel.run(batch) or Excel.run(options, batch), as Office.js takes it.
  run: <T>(a: Excel.RunOptions | ((ctx: Excel.RequestContext) => Promise<T>), b?: (ctx: Excel.RequestContext) => Promise<T>) =>
    typeof a === "function" ? wb.run(a) : wb.run(b as (ctx: Excel.RequestContext) => Promise<T>, a),
};
w.CustomFunctions = {
  associate: (id: string, fn: (...args: unknown[]) => unknown) => associations.set(id, fn),
  Error: CustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
};
w.__cvaHost = host;
