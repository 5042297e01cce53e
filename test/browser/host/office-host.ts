/**
 * A stand-in Office host for the browser test. The test serves this bundle in place of
 * office.js from Microsoft's CDN, so the built task pane runs unchanged in Chromium:
 *
 * - `Office.onReady`, `Office.context.displayLanguage` and `officeTheme`, taken from the
 *   page's query string (?lang=zh-CN&theme=dark);
 * - `Excel.run` over a fake workbook built on office-addin-mock, which enforces
 *   load-then-sync as Office.js does, with a selection the test can change;
 * - `CustomFunctions.associate`, recording what the functions bundle registers, so the
 *   test can call =CVA.CLV exactly as Excel's shared runtime would.
 *
 * Test hooks live on `window.__cvaHost`.
 */
import { OfficeMockObject } from "office-addin-mock";

type Handler = (args: unknown) => Promise<void> | void;

const params = new URLSearchParams(window.location.search);
const handlers: Handler[] = [];
let syncs = 0;

const mock = new OfficeMockObject({
  context: {
    workbook: {
      range: { address: "Sheet1!A1:D20", rowCount: 20, columnCount: 4 },
      getSelectedRange: function () {
        return this.range;
      },
      onSelectionChanged: {
        add: function (h: Handler) {
          handlers.push(h);
          return {
            context: { sync: async () => undefined },
            remove: () => handlers.splice(handlers.indexOf(h), 1),
          };
        },
      },
    },
  },
});
const context = mock.context;
const mockSync = context.sync.bind(context);
context.sync = async () => {
  syncs++;
  await mockSync();
};

class CustomFunctionsError extends Error {
  constructor(
    public code: string,
    message?: string,
  ) {
    super(message);
  }
}

const associations = new Map<string, (...args: unknown[]) => unknown>();

const host = {
  /** Selects other cells and fires Workbook.onSelectionChanged, as Excel does. */
  async select(address: string, rows: number, columns: number) {
    const range = context.workbook.range as unknown as { setValue(name: string, value: unknown): void };
    range.setValue("address", address);
    range.setValue("rowCount", rows);
    range.setValue("columnCount", columns);
    await Promise.all(handlers.map((h) => h({ type: "WorkbookSelectionChanged" })));
  },
  /** Calls a registered custom function the way Excel would; errors come back as { code, message }. */
  callFunction(id: string, ...args: unknown[]) {
    const fn = associations.get(id);
    if (!fn) return { code: "#NAME?", message: `${id} is not registered` };
    try {
      return fn(...args);
    } catch (e) {
      const err = e as CustomFunctionsError;
      return { code: err.code, message: err.message };
    }
  },
  get registered() {
    return [...associations.keys()];
  },
  get syncs() {
    return syncs;
  },
  get listeners() {
    return handlers.length;
  },
};

const theme =
  params.get("theme") === "dark"
    ? { bodyBackgroundColor: "#262626", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#333333", controlForegroundColor: "#ffffff" }
    : { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000", controlBackgroundColor: "#ffffff", controlForegroundColor: "#000000" };

const w = window as unknown as Record<string, unknown>;
w.Office = {
  onReady: (callback?: (info: { host: string; platform: string }) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    return new Promise((resolve) => setTimeout(() => resolve(callback ? callback(info) : info), 0));
  },
  context: { displayLanguage: params.get("lang") ?? "en-US", officeTheme: theme },
  HostType: { Excel: "Excel" },
};
w.Excel = {
  run: async <T>(batch: (ctx: unknown) => Promise<T>) => batch(context),
};
w.CustomFunctions = {
  associate: (id: string, fn: (...args: unknown[]) => unknown) => associations.set(id, fn),
  Error: CustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
};
w.__cvaHost = host;
