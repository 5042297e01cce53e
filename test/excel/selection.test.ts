/**
 * The excel layer under office-addin-mock: a fake workbook that enforces Office.js's
 * rules (a property must be loaded and synced before it is read).
 */
import { OfficeMockObject } from "office-addin-mock";
import { readSelection, watchSelection, splitAddress, type ExcelRun } from "../../src/excel";

function fakeWorkbook(address: string, rowCount: number, columnCount: number) {
  let handler: (() => Promise<void>) | undefined;
  let syncs = 0;
  const data = {
    context: {
      workbook: {
        range: { address, rowCount, columnCount },
        getSelectedRange: function () {
          return this.range;
        },
        onSelectionChanged: {
          add: function (h: () => Promise<void>) {
            handler = h;
            return { context: { sync: async () => undefined }, remove: () => (handler = undefined) };
          },
        },
      },
    },
  };
  const excel = new OfficeMockObject(data);
  const context = excel.context;
  const realSync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    return realSync();
  };
  const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
  return {
    run,
    select(a: string, r: number, c: number) {
      // office-addin-mock's setValue replaces a value and marks it not loaded, so the
      // code under test must load and sync again before it can read the new selection.
      const range = context.workbook.range as unknown as { setValue(name: string, value: unknown): void };
      range.setValue("address", a);
      range.setValue("rowCount", r);
      range.setValue("columnCount", c);
      return handler?.();
    },
    get syncs() {
      return syncs;
    },
    get listening() {
      return handler !== undefined;
    },
  };
}

describe("readSelection", () => {
  it("returns the address and size of the selected range with one sync", async () => {
    const wb = fakeWorkbook("Sheet1!A1:D20", 20, 4);
    await expect(readSelection(wb.run)).resolves.toEqual({
      address: "Sheet1!A1:D20",
      sheet: "Sheet1",
      range: "A1:D20",
      rows: 20,
      columns: 4,
    });
    expect(wb.syncs).toBe(1);
  });
});

describe("watchSelection", () => {
  it("reports each new selection once it settles, and stops after removal", async () => {
    const wb = fakeWorkbook("Sheet1!A1", 1, 1);
    const seen: string[] = [];
    const remove = await watchSelection((s) => seen.push(`${s.address} ${s.rows}x${s.columns}`), (e) => seen.push(`error ${e}`), wb.run, { settleMs: 10 });
    expect(wb.listening).toBe(true);
    const settled = () => new Promise((r) => setTimeout(r, 50));
    await wb.select("'Q3 sales'!B2:F900", 899, 5);
    await settled();
    await wb.select("Customers!C3", 1, 1);
    await settled();
    expect(seen).toEqual(["'Q3 sales'!B2:F900 899x5", "Customers!C3 1x1"]);
    await remove();
    expect(wb.listening).toBe(false);
  });
});

describe("splitAddress", () => {
  it.each([
    ["Sheet1!A1:B2", "Sheet1", "A1:B2"],
    ["'My sheet'!C3", "My sheet", "C3"],
    ["'Bob''s data'!A:A", "Bob's data", "A:A"],
    ["A1", "", "A1"],
  ])("%s → sheet %s, range %s", (address, sheet, range) => {
    expect(splitAddress(address)).toEqual({ sheet, range });
  });
});
