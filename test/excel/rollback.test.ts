/**
 * A write that fails part way leaves the workbook as it was: the fake workbook applies queued calls
 * only at `context.sync()` and, like Excel.run, drops what a rejected batch queued after its last
 * sync (test/fakes/workbook.ts), so a rollback that never reaches Excel — a sync missing in it —
 * leaves the sheets it should have deleted, and this file sees them.
 */
import { FakeWorkbook, richApiError, type CellValue } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { runAnalysis, type OutputPlan, type SourceData } from "../../src/excel";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";

const cdnow = cdnowSheet(cdnowText());
// The first 1,500 purchases: enough rows for several write blocks at a 20 kB budget, quick to compute.
const rows = cdnow.rows.slice(0, 1501);
const formats = cdnow.formats.slice(0, 1501);
const names = outputNames("en-US");

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", rows, formats);
  wb.addSheet("Notes", [["my notes", 42]]);
  wb.addTable("Purchases", "Sheet1", `A1:D${rows.length}`);
  wb.addName("FirstPurchases", "Sheet1", "A1:D11");
  wb.selection = { sheet: "Sheet1", address: `A1:D${rows.length}` };
  return wb;
}

/** Everything a user could see of the workbook, copied. */
function state(wb: FakeWorkbook): unknown {
  return JSON.parse(
    JSON.stringify({
      sheets: wb.sheets.map((s) => ({ ...s })),
      tables: wb.tables,
      names: wb.names,
      charts: wb.charts,
      conditionalFormats: wb.conditionalFormats,
      selection: wb.selection,
    }),
  );
}

let plan: OutputPlan | undefined;
/** The plan, computed once (the computation is not what these tests are about). */
async function compute(source: SourceData): Promise<OutputPlan> {
  plan ??= computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, defaultOptions("en-US")).plan;
  return plan;
}

const MAX_BYTES = 20_000;

/** A run that succeeds: the syncs before the write (read and preparation) and in all. */
async function successfulRun(): Promise<{ beforeWrite: number; total: number; blocks: number; model: number }> {
  const wb = workbook();
  let beforeWrite = -1;
  const out = await runAnalysis(
    { source: { kind: "selection" }, names },
    { compute: async (s) => ((beforeWrite = wb.syncs), compute(s)), maxBytes: MAX_BYTES },
    wb.run,
  );
  expect(wb.implicitSyncs).toBe(0);
  return { beforeWrite, total: wb.syncs, blocks: out.chunks, model: out.modelRequests ?? 0 };
}

describe("a write that fails part way leaves the workbook exactly as it was", () => {
  it("the successful run these failures are placed in: 1 request adds the results sheet, one per block, the model sheet's (when a model was fitted), 1 final", async () => {
    const run = await successfulRun();
    expect(run.blocks).toBeGreaterThanOrEqual(3);
    // preparation + header row + 1 read block (1,500 rows are far under a block's 1,000,000 cells) = 3
    expect(run.beforeWrite).toBe(3);
    expect(run.total).toBe(run.beforeWrite + 1 + run.blocks + run.model + 1);
  });

  // Each write request fails at its first call (nothing of it applied), half way (its first calls
  // applied: part of a block written, a sheet half filled) and at its last call.
  it("a failure at any call of any write request: writeFailed with Excel's error, the added sheets deleted, no cell, table, chart or format left", async () => {
    const { beforeWrite, total } = await successfulRun();
    const cases: string[] = [];
    for (let sync = beforeWrite + 1; sync <= total; sync++) {
      for (const at of [0, 0.5, 0.999]) {
        const wb = workbook();
        const before = state(wb);
        const error = richApiError("GeneralException", `request ${sync} failed`);
        wb.failSync(sync, at, error);
        const err = await runAnalysis({ source: { kind: "selection" }, names }, { compute, maxBytes: MAX_BYTES }, wb.run).catch((e) => e);
        expect(err.code).toBe("writeFailed");
        expect(err.details.cause).toBe(error); // Excel's error, not the rollback's
        expect(err.details.leftBehind).toEqual([]);
        expect(err.details.incomplete).toEqual([]);
        expect(state(wb)).toEqual(before);
        // The rollback synced its deletes itself: nothing was left for Excel.run's implicit sync.
        expect(wb.implicitSyncs).toBe(0);
        cases.push(`${sync}@${at}`);
      }
    }
    // The first write request (sync 4) up to the final one, three places each.
    expect(cases.length).toBe(3 * (total - beforeWrite));
  }, 60_000);

  it("a half-written results sheet is really there before the rollback, so the rollback is what removes it", async () => {
    const { beforeWrite } = await successfulRun();
    const wb = workbook();
    // The first block's request fails half way: the header and part of its calls applied.
    wb.failSync(beforeWrite + 2, 0.5, richApiError("GeneralException", "block failed"));
    const seen: string[][] = [];
    // The rollback's own first sync: what the workbook holds just before it deletes.
    wb.beforeSync = (n) => {
      if (n === beforeWrite + 3) seen.push(wb.sheets.map((s) => s.name), wb.used("CVA Results")[0]?.slice(0, 1) as string[]);
    };
    const err = await runAnalysis({ source: { kind: "selection" }, names }, { compute, maxBytes: MAX_BYTES }, wb.run).catch((e) => e);
    expect(err.code).toBe("writeFailed");
    expect(seen).toEqual([["Sheet1", "Notes", "CVA Results"], ["Customer"]]);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Notes"]);
    expect(wb.calls.filter((c) => /^(add|delete) sheet/.test(c))).toEqual(["add sheet CVA Results", "delete sheet CVA Results"]);
    expect(wb.used("Notes")).toEqual([["my notes", 42]]);
  });
});

describe("the fake workbook queues calls until sync, as Office.js does", () => {
  it("a value set on a range reaches the sheet only at context.sync()", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", [["old"]]);
    const seen: CellValue[][][] = [];
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["new"]];
      seen.push(wb.read("Sheet1", "A1"));
      await context.sync();
      seen.push(wb.read("Sheet1", "A1"));
    });
    expect(seen).toEqual([[["old"]], [["new"]]]);
    expect(wb.implicitSyncs).toBe(0);
  });

  it("a batch that resolves with calls still queued: Excel.run syncs them (one implicit sync)", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", [["old"]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.add("Added");
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["new"]];
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Added"]);
    expect(wb.read("Sheet1", "A1")).toEqual([["new"]]);
    expect(wb.implicitSyncs).toBe(1);
    expect(wb.syncs).toBe(1);
  });

  it("a batch that rejects: what it queued after its last sync is never applied, not even by a later run's sync", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", [["old"]]);
    const err = await wb
      .run(async (context) => {
        context.workbook.worksheets.add("Half");
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["new"]];
        throw new Error("stopped");
      })
      .catch((e) => e);
    expect(err.message).toBe("stopped");
    await wb.run(async (context) => {
      context.workbook.worksheets.load("items/name");
      await context.sync();
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(wb.read("Sheet1", "A1")).toEqual([["old"]]);
    expect(wb.syncs).toBe(1);
  });

  it("a loaded property is read only after the sync: PropertyNotLoaded before", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", [["a", 1]]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.add("New");
      sheet.load("id,name");
      const range = context.workbook.getSelectedRange();
      range.load("values");
      expect(() => range.values).toThrow("PropertyNotLoaded");
      expect(() => sheet.id).toThrow("PropertyNotLoaded");
      expect(() => sheet.name).toThrow("PropertyNotLoaded");
      await context.sync();
      expect(sheet.name).toBe("New");
      expect(sheet.id).toBe("{sheet-2}");
      expect(range.values).toEqual([["a"]]); // the selection is Sheet1!A1
    });
  });

  it("chart and conditional-format properties land with the sync, after the add", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", [["x", "y"], [1, 2]]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("A1:B2"), "Columns");
      chart.name = "Mine";
      chart.title.text = "Title";
      const cf = sheet.getRange("A2:B2").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=$A2=1";
      expect(wb.charts).toEqual([]);
      expect(wb.conditionalFormats).toEqual([]);
      await context.sync();
    });
    expect(wb.charts.map((c) => [c.name, c.title])).toEqual([["Mine", "Title"]]);
    expect(wb.conditionalFormats.map((f) => [f.address, f.formula])).toEqual([["A2:B2", "=$A2=1"]]);
  });
});
