/**
 * The excel layer of the Run action under office-addin-mock (test/fakes/workbook.ts): reading in
 * blocks, the written table, formats and charts, the replace-or-new-sheet rule, protection,
 * cancelling, and the sync budget on a 100,000-row source.
 */
import { FakeWorkbook, type CellValue } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import {
  listSources,
  readSource,
  runAnalysis,
  selectTarget,
  loadSettings,
  saveSettings,
  isExcelIssue,
  rowBlocks,
  type AnalysisCallbacks,
  type SettingsStore,
  type SourceData,
} from "../../src/excel";
import { computeAnalysis, type ComputeOutput } from "../../src/taskpane/workflow/compute";
import { defaultOptions, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";
import { describeError } from "../../src/taskpane/errors";

const cdnow = cdnowSheet(cdnowText());

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
  wb.addTable("Purchases", "Sheet1", `A1:D${cdnow.rows.length}`);
  wb.addName("FirstPurchases", "Sheet1", "A1:D11");
  wb.selection = { sheet: "Sheet1", address: `A1:D${cdnow.rows.length}` };
  return wb;
}

function compute(options: AnalysisOptions, keep: { out?: ComputeOutput } = {}): AnalysisCallbacks["compute"] {
  return async (source: SourceData) => {
    const r = recognise(source.header);
    keep.out = computeAnalysis({ kind: "transactions", source, mapping: r.transactions }, options);
    return keep.out.plan;
  };
}

const en = defaultOptions("en-US");
const names = outputNames("en-US");

describe("reading a source", () => {
  it("reads the selection's header and rows, and tells the date column by its number format", async () => {
    const wb = workbook();
    const data = await readSource({ kind: "selection" }, {}, wb.run);
    expect(data.header).toEqual(["customer_id", "date", "cds", "amount"]);
    expect(data.rows.length).toBe(6919);
    expect(data.rows[0]).toEqual(["0001", 35431, 2, 29.33]); // 1997-01-01 is serial 35431
    expect(data.dateFormatted).toEqual([false, true, false, false]);
    expect(data.sheet).toBe("Sheet1");
    expect(wb.syncs).toBe(2 + data.chunks); // the used range's size, the header row, the blocks
  });

  it("reads a table and a named range by name, in blocks when asked for small ones", async () => {
    const wb = workbook();
    const table = await readSource({ kind: "table", name: "Purchases" }, { maxCells: 4000 }, wb.run);
    expect(table.rows.length).toBe(6919);
    expect(table.chunks).toBe(rowBlocks(6920, 4, 4000).length);
    expect(table.chunks).toBe(7);
    expect(table.rows[6918]).toEqual(cdnow.rows[6919]);
    const named = await readSource({ kind: "name", name: "FirstPurchases" }, {}, wb.run);
    expect(named.rows.map((r) => r[0])).toEqual(cdnow.rows.slice(1, 11).map((r) => r[0]));
  });

  it("refuses a single cell and a missing table with issues the pane can name", async () => {
    const wb = workbook();
    wb.selection = { sheet: "Sheet1", address: "B7" };
    await expect(readSource({ kind: "selection" }, {}, wb.run)).rejects.toMatchObject({ code: "noData" });
    await expect(readSource({ kind: "table", name: "Gone" }, {}, wb.run)).rejects.toMatchObject({ code: "notFound", subject: "Gone" });
  });

  it("lists tables and named ranges", async () => {
    const wb = workbook();
    await expect(listSources(wb.run)).resolves.toEqual({
      tables: [{ name: "Purchases", address: "Sheet1!A1:D6920", sheet: "Sheet1" }],
      names: [{ name: "FirstPurchases", formula: "=Sheet1!A1:D11" }],
    });
  });
});

describe("the Run action on CDNOW", () => {
  it("writes a table of 2,357 customers, tier colours, a data bar, the report and five native charts", async () => {
    const wb = workbook();
    const keep: { out?: ComputeOutput } = {};
    const out = await runAnalysis({ source: { kind: "table", name: "Purchases" }, names }, { compute: compute(en, keep) }, wb.run);
    const plan = keep.out!.plan;
    expect(out.resultsSheet).toBe("CVA Results");
    expect(out.reportSheet).toBe("CVA Report");
    expect(out.replaced).toBe(false);
    expect(wb.userCellWrites).toBe(0);

    // The table: header + 2,357 rows, the values as planned, ids kept as text.
    const cols = plan.results.header.length;
    expect(wb.tables.find((t) => t.name === "CVA_Results")).toEqual({ name: "CVA_Results", sheet: "CVA Results", address: `A1:${colName(cols - 1)}2358`, style: "TableStyleLight9" });
    expect(out.tableAddress).toBe(`'CVA Results'!A1:${colName(cols - 1)}2358`);
    const written = wb.used("CVA Results");
    expect(written.length).toBe(2358);
    expect(written[0]).toEqual(plan.results.header);
    expect(written.slice(1)).toEqual(plan.results.rows);
    expect(written[1][0]).toBe("0001");
    const sheet = wb.sheet("CVA Results")!;
    expect(sheet.formats[1]).toEqual(plan.results.formats);
    expect(sheet.formats[2357]).toEqual(plan.results.formats);
    expect(plan.results.formats[plan.results.header.indexOf("First purchase")]).toBe("yyyy-mm-dd");
    expect(sheet.frozenRows).toBe(1);

    // Tier counts follow the 1/19/30/50 cut-offs, checked from the written values: a customer's tier
    // is the first k whose cumulative share reaches the best rank of its value (ties never straddle a cut).
    const tierCol = plan.results.tierColumn;
    const valueCol = plan.results.header.indexOf("Value");
    const values = written.slice(1).map((r) => r[valueCol] as number);
    const cum = [0.01, 0.2, 0.5, 1];
    const sorted = values.slice().sort((a, b) => b - a);
    const expectedTier = (v: number) => {
      const rank = sorted.findIndex((x) => x === v) + 1;
      return cum.findIndex((c) => rank / 2357 <= c + 1e-12) + 1;
    };
    expect(written.slice(1).map((r) => r[tierCol])).toEqual(values.map(expectedTier));
    const counts = [1, 2, 3, 4].map((k) => written.slice(1).filter((r) => r[tierCol] === k).length);
    expect(counts.reduce((a, b) => a + b)).toBe(2357);
    expect(counts[0]).toBeGreaterThanOrEqual(Math.floor(2357 * 0.01));
    expect(counts[0] + counts[1]).toBeGreaterThanOrEqual(Math.floor(2357 * 0.2));
    expect(counts[0] + counts[1] + counts[2]).toBeGreaterThanOrEqual(Math.floor(2357 * 0.5));
    expect(counts).toEqual(keep.out!.result.report.tiers.map((t) => t.count));

    // Conditional formats: one custom rule per tier on the body, a data bar on CLV.
    const body = `A2:${colName(cols - 1)}2358`;
    const tierLetter = colName(tierCol);
    expect(wb.conditionalFormats.filter((f) => f.type === "Custom")).toEqual(
      plan.results.tierColors.map((fill, k) => ({ sheet: "CVA Results", address: body, type: "Custom", formula: `=$${tierLetter}2=${k + 1}`, fill, barColor: null })),
    );
    const clvCol = plan.results.header.indexOf("CLV");
    expect(plan.results.dataBarColumn).toBe(clvCol);
    expect(wb.conditionalFormats.filter((f) => f.type === "DataBar")).toEqual([
      { sheet: "CVA Results", address: `${colName(clvCol)}2:${colName(clvCol)}2358`, type: "DataBar", formula: null, fill: null, barColor: "#5B9BD5" },
    ]);

    // Charts (the report's layout changed deliberately: test/excel/report-sheet.test.ts pins it): the pyramid
    // with customers and value per tier, the life cycle and loyalty beside their tables, Pareto with the 80/20 mark, the CLV spread.
    expect(wb.charts.map((c) => [c.name, c.type, c.sheet, c.title])).toEqual([
      ["CVA_Pyramid", "BarStacked", "CVA Report", "Customers and value per tier"],
      ["CVA_LifeCycle", "ColumnClustered", "CVA Report", "Life cycle stages"],
      ["CVA_Loyalty", "ColumnClustered", "CVA Report", "Loyalty classes"],
      ["CVA_Pareto", "XYScatterLinesNoMarkers", "CVA Report", "Pareto curve"],
      ["CVA_ClvHistogram", "ColumnClustered", "CVA Report", "CLV distribution"],
      ["CVA_ModelFrequency", "ColumnClustered", "CVA Model", "Repeat purchases: actual vs model"],
      ["CVA_ModelForecast", "LineMarkers", "CVA Model", "Forecast revenue per period"],
      ["CVA_ModelNewCustomer", "LineMarkers", "CVA Model", "A new customer's cumulative discounted margin"],
    ]);
    expect(out.charts.map((c) => c.name)).toEqual(wb.charts.map((c) => c.name));

    // The model sheet, from the analysis's own model parts: auto's choice, why, its comparison, the
    // histogram of the fit checks, the two heat maps and the next 12 months.
    const model = keep.out!.result.report.model;
    expect(out.modelSheet).toBe("CVA Model");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model"]);
    const sheetM = wb.used("CVA Model");
    expect(sheetM[0][0]).toBe(`Lifetime model: ${model.comparison!.rows.find((r) => r.chosen)!.label}`);
    expect(sheetM[1]).toEqual(["Why this model", model.choiceText]);
    const row = (title: string) => sheetM.findIndex((r) => r[0] === title);
    const cmp = row("Model comparison (calibration data)") + 2;
    expect(sheetM.slice(cmp + 1, cmp + 4).map((r) => [r[0], r[1], r[4]])).toEqual(model.comparison!.rows.map((r) => [r.label, r.logLikelihood, r.chosen ? "✓" : ""]));
    const hist = row("Customers by repeat purchases in the calibration period") + 2;
    expect(sheetM.slice(hist + 1, hist + 9).map((r) => r.slice(0, 3))).toEqual(model.checks!.histogram.map((h) => [h.frequency, h.actual, h.expected]));
    const fc = row("Forecast for today's customers") + 2;
    expect(sheetM[fc].slice(0, 5)).toEqual(["Month", "End (weeks)", "Repeat transactions", "Revenue", "Discounted margin"]);
    expect(sheetM[fc + 13].slice(0, 5)).toEqual(["Total", "", model.forecast!.transactions, model.forecast!.revenue, model.forecast!.discounted]);
    // The value of a new customer over the same 12 months, no acquisition cost given: five columns, nothing under the total.
    const nc = row("Value of a new customer") + 2;
    expect(sheetM[nc].slice(0, 6)).toEqual(["Month", "Expected repeat purchases", "Revenue", "Discounted margin", "Cumulative discounted margin"]); // no cost column
    expect(sheetM[nc + 1].slice(0, 4)).toEqual([1, model.newCustomer!.rows[0].transactions, model.newCustomer!.rows[0].revenue, model.newCustomer!.rows[0].discounted]);
    expect(sheetM[nc + 12][4]).toBeCloseTo(model.newCustomer!.discounted, 9);
    expect(sheetM[nc + 13].slice(0, 4)).toEqual(["Total", model.newCustomer!.transactions, model.newCustomer!.revenue, model.newCustomer!.discounted]);
    expect(sheetM.slice(nc + 14).some((r) => r[0] === "CLV : CAC")).toBe(false);
    expect(wb.conditionalFormats.filter((f) => f.sheet === "CVA Model").map((f) => [f.type, f.colorScale?.minimum.type])).toEqual([
      ["ColorScale", "Number"],
      ["ColorScale", "LowestValue"],
    ]);
    // The pyramid's source: tier name, share of customers (negative: drawn to the left), share of value; bottom tier first.
    const pyramid = wb.charts[0];
    const src = wb.read("CVA Report", pyramid.source);
    expect(src[0]).toEqual(["Tier name", "Share of customers", "Share of value"]);
    expect(src.slice(1).map((r) => r[0])).toEqual(["Small", "Regular", "Key", "Key – top"]);
    const tiersR = keep.out!.result.report.tiers.slice().reverse();
    src.slice(1).forEach((r, i) => {
      expect(r[1]).toBeCloseTo(-tiersR[i].customerShare, 4);
      expect(r[2]).toBeCloseTo(tiersR[i].valueShare, 4);
    });
    const pareto = wb.charts[3];
    expect(pareto.seriesAdded).toHaveLength(1);
    const markX = wb.read("CVA Report", pareto.seriesAdded[0].x).map((r) => r[0]);
    const markY = wb.read("CVA Report", pareto.seriesAdded[0].y).map((r) => r[0]);
    const top = keep.out!.result.report.pareto.valueShare;
    expect(markX).toEqual([0, 0.2, 0.2]);
    expect(markY[0]).toBeCloseTo(top, 4);
    expect(markY[2]).toBe(0);

    // The report's per-tier table: counts, shares, value, revenue; the Gini in the model details, the top 20 % among the headline figures.
    const report = wb.used("CVA Report");
    const tierTitle = report.findIndex((r) => r[0] === "Customer pyramid: customers and value per tier");
    expect(report[tierTitle + 1].slice(0, 5)).toEqual(["Tier name", "Customers", "Share of customers", "CLV, next 12 months", "Share of value"]);
    expect(report.slice(tierTitle + 2, tierTitle + 6).map((r) => r[1])).toEqual(counts);
    const giniRow = report.find((r) => r[0] === "Gini coefficient")!;
    expect(giniRow[1]).toBeCloseTo(keep.out!.result.report.gini, 4);
    const kpiRow = report.findIndex((r) => r[0] === "Customers");
    expect(report[kpiRow + 1][report[kpiRow].indexOf("Top 20 %'s share of value")]).toBeCloseTo(top, 12);

    // Calculation and screen updating suspended for every write request.
    const suspends = wb.calls.filter((c) => c === "suspendApiCalculationUntilNextSync").length;
    expect(suspends).toBe(out.chunks + 1);
    expect(wb.calls.filter((c) => c === "suspendScreenUpdatingUntilNextSync").length).toBe(suspends);
  });

  it("writes the Chinese sheet names and labels when the language is zh-CN", async () => {
    const wb = workbook();
    const zh = { ...en, lang: "zh-CN" as const };
    const out = await runAnalysis({ source: { kind: "selection" }, names: outputNames("zh-CN") }, { compute: compute(zh) }, wb.run);
    expect([out.resultsSheet, out.reportSheet]).toEqual(["客户价值分析", "金字塔报告"]);
    expect(wb.used("客户价值分析")[0][0]).toBe("客户");
    expect(wb.charts[0].title).toBe("各层级的客户与价值");
    expect(wb.used("客户价值分析").length).toBe(2358);
  });
});

describe("never over a user's cells", () => {
  function withOldResults() {
    const wb = workbook();
    wb.addSheet("CVA Results", [["my notes"]]);
    return wb;
  }

  it("asks when the sheet exists; New writes CVA Results (2), CVA Report (2) and CVA Model (2)", async () => {
    const wb = withOldResults();
    const asked: string[][] = [];
    const out = await runAnalysis(
      { source: { kind: "selection" }, names },
      { compute: compute(en), decide: async (s) => (asked.push(s), "new") },
      wb.run,
    );
    expect(asked).toEqual([["CVA Results"]]);
    expect([out.resultsSheet, out.reportSheet, out.modelSheet]).toEqual(["CVA Results (2)", "CVA Report (2)", "CVA Model (2)"]);
    expect(wb.used("CVA Results")).toEqual([["my notes"]]);
    expect(wb.userCellWrites).toBe(0);
    expect(wb.used("CVA Results (2)").length).toBe(2358);
  });

  it("Replace clears the old sheet and writes into it: the same sheet, no sheet deleted, the user's other sheets untouched", async () => {
    const wb = withOldResults();
    const id = wb.sheet("CVA Results")!.id;
    const sheet1 = wb.used("Sheet1");
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en), decide: async () => "replace" }, wb.run, wb.supports);
    expect(out.replaced).toBe(true);
    expect(out.resultsSheet).toBe("CVA Results");
    expect(wb.used("CVA Results").length).toBe(2358);
    expect(wb.used("CVA Results")[0][0]).toBe("Customer"); // "my notes" cleared
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model"]);
    expect(wb.sheet("CVA Results")!.id).toBe(id);
    expect(wb.calls.filter((c) => /^(delete|rename) sheet/.test(c))).toEqual([]);
    expect(wb.used("Sheet1")).toEqual(sheet1);
  });

  it("a protected sheet to replace, or a protected workbook, is refused before anything is read or written", async () => {
    const wb = withOldResults();
    wb.sheet("CVA Results")!.protected = true;
    let computed = false;
    const err = await runAnalysis(
      { source: { kind: "selection" }, names },
      { compute: async (s) => ((computed = true), compute(en)(s, undefined)), decide: async () => "replace" },
      wb.run,
    ).catch((e) => e);
    expect(isExcelIssue(err) && err.code).toBe("protected");
    expect(err.subject).toBe("CVA Results");
    expect(computed).toBe(false);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results"]);

    const wb2 = workbook();
    wb2.workbookProtected = true;
    await expect(runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en) }, wb2.run)).rejects.toMatchObject({ code: "protected" });
    expect(wb2.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("Replace keeps the user's formulas and Excel's undo", () => {
  /** A first run, then a sheet of the user's own formulas that point at what it wrote. */
  async function withFormulas() {
    const wb = workbook();
    await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en) }, wb.run, wb.supports);
    const formulas = ["='CVA Results'!A2", "=SUM(CVA_Results[CLV])", "='CVA Report'!B2", "=COUNTIF(CVA_Results[Tier],1)", "=VLOOKUP(\"0001\",CVA_Results,2,FALSE)"];
    wb.addSheet("Notes", [formulas]);
    return { wb, formulas };
  }

  it("Replace rewrites the CVA sheets in place: formulas that point at them and at the results table keep working", async () => {
    const { wb, formulas } = await withFormulas();
    const ids = wb.sheets.map((s) => s.id);
    const counts = { charts: wb.charts.length, formats: wb.conditionalFormats.length };
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en), decide: async () => "replace" }, wb.run, wb.supports);
    expect(wb.used("Notes")).toEqual([formulas]);
    expect(out.replaced).toBe(true);
    expect([out.resultsSheet, out.reportSheet, out.modelSheet, out.tableName]).toEqual(["CVA Results", "CVA Report", "CVA Model", "CVA_Results"]);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model", "Notes"]);
    expect(wb.sheets.map((s) => s.id)).toEqual(ids);
    expect(wb.calls.filter((c) => /^(delete|rename) sheet|^delete table/.test(c))).toEqual([]);
    // The table CVA wrote is the same table, resized to the new rows; the old charts and formats are replaced, not doubled.
    expect(wb.tables.filter((t) => t.sheet === "CVA Results").map((t) => [t.name, t.address])).toEqual([["CVA_Results", `A1:${colName(wb.used("CVA Results")[0].length - 1)}2358`]]);
    expect(wb.used("CVA Results").length).toBe(2358);
    expect(wb.charts.length).toBe(counts.charts);
    expect(wb.conditionalFormats.length).toBe(counts.formats);
    expect(wb.sheet("CVA Results")!.frozenRows).toBe(1);
  });

  it("without ExcelApi 1.13 (no Table.resize) the table is added again: cell references keep working, the table's name is free again", async () => {
    const { wb } = await withFormulas();
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en), decide: async () => "replace" }, wb.run, () => false);
    expect(out.tableName).toBe("CVA_Results");
    const notes = wb.used("Notes")[0];
    expect(notes[0]).toBe("='CVA Results'!A2");
    expect(notes[2]).toBe("='CVA Report'!B2");
    expect(notes[1]).toBe("=SUM(#REF!)"); // Excel's own rule for a deleted table (the limit documented in docs/output.md §1)
    expect(wb.calls.filter((c) => /^(delete|rename) sheet/.test(c))).toEqual([]);
  });

  it("a run is one undo step where ExcelApi 1.20 merges it (mergeUndoGroup), and the user's earlier steps stay undoable", async () => {
    const { wb } = await withFormulas();
    wb.excelApi = "1.20";
    wb.undo = ["typed in Sheet1"];
    await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en), decide: async () => "replace" }, wb.run, wb.supports);
    expect(wb.undo).toEqual(["typed in Sheet1", "add-in run"]);
    expect(wb.mergedRuns).toBe(1);
  });

  it("without ExcelApi 1.20 each request is an undo step of its own, and nothing clears the user's earlier steps", async () => {
    const { wb } = await withFormulas();
    wb.undo = ["typed in Sheet1"];
    await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en), decide: async () => "replace" }, wb.run, wb.supports);
    expect(wb.undo[0]).toBe("typed in Sheet1");
    expect(wb.undo.length).toBeGreaterThan(1);
    expect(wb.mergedRuns).toBe(0);
  });

  it("a cancel while Replace rewrites the sheets says they may be incomplete, in both languages", async () => {
    const { wb } = await withFormulas();
    let blocks = 0;
    const err = await runAnalysis(
      { source: { kind: "selection" }, names },
      { compute: compute(en), decide: async () => "replace", maxBytes: 50_000, onProgress: (stage) => stage === "writing" && blocks++, isCancelled: () => blocks >= 2 },
      wb.run,
      wb.supports,
    ).catch((e) => e);
    expect(err.code).toBe("cancelled");
    expect(err.details.incomplete).toEqual(["CVA Results", "CVA Report", "CVA Model"]);
    expect(describeError(err, "en-US")).toBe("Cancelled. CVA Results, CVA Report, CVA Model were being rewritten and may be incomplete: run the analysis again.");
    expect(describeError(err, "zh-CN")).toContain("CVA Results, CVA Report, CVA Model");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model", "Notes"]);
  });
});

describe("Excel's rules for writing: batches that fail part way, names already taken", () => {
  it("a sheets.add that fails at the sync (the sheet was added meanwhile) reports Excel's error, not the rollback's, and removes only the sheet CVA added", async () => {
    const wb = workbook();
    const err = await runAnalysis(
      { source: { kind: "selection" }, names },
      {
        compute: async (s) => {
          const plan = await compute(en)(s, undefined);
          wb.addSheet("CVA Report", [["a colleague's notes"]]); // while CVA computes, someone adds the sheet
          return plan;
        },
      },
      wb.run,
    ).catch((e) => e);
    expect(err.code).toBe("writeFailed");
    expect(err.details.cause.code).toBe("ItemAlreadyExists");
    expect(err.message).toBe("A resource with the same name or identifier already exists.");
    expect(describeError(err, "en-US")).toBe("Excel could not write the results: A resource with the same name or identifier already exists. The workbook is as it was.");
    expect(describeError(err, "zh-CN")).toBe("Excel 无法写入结果：A resource with the same name or identifier already exists.工作簿保持原样。");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Report"]);
    expect(wb.used("CVA Report")).toEqual([["a colleague's notes"]]);
  });

  it("a sheet name Excel refuses fails at the sync after the results sheet was added; that sheet is removed again", async () => {
    const wb = workbook();
    const err = await runAnalysis({ source: { kind: "selection" }, names: { results: "CVA Results", report: "Report: Q1" } }, { compute: compute(en) }, wb.run).catch((e) => e);
    expect(err.code).toBe("writeFailed");
    expect(err.details.cause.code).toBe("InvalidArgument");
    expect(wb.calls).toContain("add sheet CVA Results");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("a workbook-level or sheet-level defined name equal to the table's name: the table takes a free name", async () => {
    const wb = workbook();
    wb.addName("CVA_Results", "Sheet1", "A1:A10");
    wb.addName("cva_results2", "Sheet1", "B1:B10", "Sheet1"); // names are compared without case
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en) }, wb.run);
    expect(out.tableName).toBe("CVA_Results3");
    expect(wb.tables.map((t) => t.name)).toEqual(["Purchases", "CVA_Results3"]);
  });
});

describe("cancel and failure leave the workbook unchanged", () => {
  it("cancel after computing: nothing is written", async () => {
    const wb = workbook();
    let cancel = false;
    const err = await runAnalysis(
      { source: { kind: "selection" }, names },
      { compute: async (s) => { const p = await compute(en)(s, undefined); cancel = true; return p; }, isCancelled: () => cancel },
      wb.run,
    ).catch((e) => e);
    expect(err.code).toBe("cancelled");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(wb.calls.filter((c) => c.startsWith("add"))).toEqual([]);
  });

  it("cancel while writing blocks: the added sheets are deleted again", async () => {
    const wb = workbook();
    let blocks = 0;
    const err = await runAnalysis(
      { source: { kind: "selection" }, names },
      { compute: compute(en), maxBytes: 50_000, onProgress: (stage) => stage === "writing" && blocks++, isCancelled: () => blocks >= 2 },
      wb.run,
    ).catch((e) => e);
    expect(err.code).toBe("cancelled");
    expect(wb.calls).toContain("add sheet CVA Results");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(wb.charts).toEqual([]);
  });

  it("a computation that fails writes nothing", async () => {
    const wb = workbook();
    await expect(
      runAnalysis({ source: { kind: "selection" }, names }, { compute: async () => { throw new Error("no"); } }, wb.run),
    ).rejects.toThrow("no");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("sync budget", () => {
  it("100,000 source rows: syncs ≤ 3 + one per block read + one per block written, each request under 5 MB", async () => {
    // CDNOW 15 times under distinct ids: 103,785 purchases of 35,355 customers.
    const rows: CellValue[][] = [cdnow.rows[0]];
    const formats: string[][] = [cdnow.formats[0]];
    for (let k = 0; k < 15; k++) {
      for (let i = 1; i < cdnow.rows.length; i++) {
        const r = cdnow.rows[i];
        rows.push([`${r[0]}-${k}`, r[1], r[2], r[3]]);
        formats.push(cdnow.formats[i]);
      }
    }
    const wb = new FakeWorkbook();
    wb.addSheet("Data", rows, formats);
    wb.selection = { sheet: "Data", address: `A1:D${rows.length}` };
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en) }, wb.run);
    // The first read block assumes 40 bytes a cell (25,000 rows of 4 columns); the second is sized
    // from the bytes the first measured (about 30 a row) and takes the other 78,785 rows.
    expect(out.readChunks).toBe(2);
    expect(out.chunks).toBeGreaterThan(1);
    expect(out.modelRequests).toBe(1); // the model sheet added alone; its tables go with the final request
    expect(wb.syncs).toBe(4 + out.readChunks + out.chunks + out.modelRequests!); // preparation + header row + read blocks + adding the results sheet + write blocks + adding the model sheet + the final request
    expect(wb.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(wb.used("CVA Results").length).toBe(1 + 15 * 2357);
    console.log(`sync budget: ${wb.syncs} syncs for ${rows.length - 1} rows (${out.readChunks} read blocks, ${out.chunks} write blocks); largest request ${(wb.maxRequestBytes / 1e6).toFixed(2)} MB`);
  }, 120_000);
});

describe("links and settings", () => {
  it("selects the written table and activates a chart", async () => {
    const wb = workbook();
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(en) }, wb.run);
    wb.calls.length = 0;
    await selectTarget({ kind: "table", name: out.tableName }, wb.run);
    await selectTarget({ kind: "chart", sheet: out.reportSheet, name: "CVA_Pareto" }, wb.run);
    expect(wb.calls).toEqual(["activate CVA Results", "select table CVA_Results", "activate CVA Report", "activate chart CVA_Pareto"]);
  });

  it("remembers options in the document settings", async () => {
    const store = new Map<string, unknown>();
    let saved = 0;
    const settings: SettingsStore = { get: (k) => store.get(k) ?? null, set: (k, v) => void store.set(k, v), saveAsync: (cb) => (saved++, cb?.({ status: "succeeded" })) };
    expect(loadSettings(settings)).toBeUndefined();
    await saveSettings({ ...en, horizonMonths: 24 }, settings);
    expect(saved).toBe(1);
    expect(loadSettings<AnalysisOptions>(settings)?.horizonMonths).toBe(24);
    const failing: SettingsStore = { ...settings, saveAsync: (cb) => cb?.({ status: "failed", error: { message: "read-only" } }) };
    await expect(saveSettings(en, failing)).rejects.toThrow("read-only");
  });
});

function colName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
