/**
 * Reading a source as real Excel hands it over (test/fakes/workbook.ts models each behaviour):
 * a table's totals row, whole-column selections, Excel on the web's 5 MB response limit counted
 * in UTF-8 bytes, hidden and filtered rows, blank cells that arrive as null, and typed text that
 * Excel turned into a date or a percentage.
 */
import { FakeWorkbook, richApiError, type CellValue } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { readSource, runAnalysis, type AnalysisCallbacks, type SourceData } from "../../src/excel";
import { areaRows } from "../../src/excel/source";
import { isCvaError, localizedMessage } from "../../src/core";
import { computeAnalysis, type ComputeOutput } from "../../src/taskpane/workflow/compute";
import { defaultOptions, mergeOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";

const cdnow = cdnowSheet(cdnowText());
const DATA_ROWS = cdnow.rows.length - 1; // 6,919 purchases
const LIMIT = 5 * 1024 * 1024;
const en = defaultOptions("en-US");
const names = outputNames("en-US");

/** CDNOW as an Excel table "Purchases" whose totals row (Table Design › Total Row) sums cds and amount. */
function withTotals(): FakeWorkbook {
  const wb = new FakeWorkbook();
  const body = cdnow.rows.slice(1);
  const sum = (c: number) => Math.round(body.reduce((s, r) => s + (r[c] as number), 0) * 100) / 100;
  wb.addSheet("Sheet1", [...cdnow.rows, ["Total", "", sum(2), sum(3)]], [...cdnow.formats, ["General", "General", "0", "0.00"]]);
  wb.addTable("Purchases", "Sheet1", `A1:D${cdnow.rows.length + 1}`, { showTotals: true });
  return wb;
}

function compute(keep: { out?: ComputeOutput } = {}): AnalysisCallbacks["compute"] {
  return async (source: SourceData) => {
    const r = recognise(source.header);
    keep.out = computeAnalysis({ kind: "transactions", source, mapping: r.transactions }, en);
    return keep.out.plan;
  };
}

/** A sheet of `n` purchases: ids from `id(i)`, CDNOW's dates and amounts, and an unmapped note column. */
function sheetOf(n: number, id: (i: number) => string, note: (i: number) => string = () => ""): { rows: CellValue[][]; formats: string[][] } {
  const rows: CellValue[][] = [["customer_id", "date", "amount", "note"]];
  const formats: string[][] = [["General", "General", "General", "General"]];
  for (let i = 0; i < n; i++) {
    const src = cdnow.rows[1 + (i % DATA_ROWS)];
    rows.push([id(i), src[1], src[3], note(i)]);
    formats.push(["@", "yyyy-mm-dd", "0.00", "@"]);
  }
  return { rows, formats };
}

describe("a table's totals row", () => {
  it("is not read as a customer: only the header row and the data body are read", async () => {
    const wb = withTotals();
    const data = await readSource({ kind: "table", name: "Purchases" }, {}, wb.run);
    expect(data.header).toEqual(["customer_id", "date", "cds", "amount"]);
    expect(data.rows.length).toBe(DATA_ROWS);
    expect(data.rows.some((r) => r[0] === "Total")).toBe(false);
    expect(data.rows[DATA_ROWS - 1]).toEqual(cdnow.rows[DATA_ROWS]);
    expect(data.address).toBe(`Sheet1!A1:D${DATA_ROWS + 1}`);
  });

  it("a run on a transactions table with a totals row analyses exactly the 6,919 purchases of 2,357 customers", async () => {
    const wb = withTotals();
    const keep: { out?: ComputeOutput } = {};
    const out = await runAnalysis({ source: { kind: "table", name: "Purchases" }, names }, { compute: compute(keep) }, wb.run);
    expect(keep.out!.result.report.customers).toBe(2357);
    expect(keep.out!.result.customers.some((c) => c.customerId === "Total")).toBe(false);
    expect(out.read).toEqual({ rows: DATA_ROWS, address: `Sheet1!A1:D${DATA_ROWS + 1}`, hiddenRows: 0, hiddenSkipped: false, hiddenUnknown: false });
  });

  it("a profiles table's totals row does not become a customer in the top tier", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Profiles", [
      ["customer", "frequency", "recency", "T", "revenue"],
      ["a", 2, 10, 30, 100],
      ["b", 0, 0, 30, 20],
      ["c", 5, 25, 30, 400],
      ["Total", 7, "", "", 520],
    ]);
    wb.addTable("Customers", "Profiles", "A1:E5", { showTotals: true });
    const data = await readSource({ kind: "table", name: "Customers" }, {}, wb.run);
    expect(data.rows.map((r) => r[0])).toEqual(["a", "b", "c"]);
  });
});

describe("whole columns and oversized selections", () => {
  it("a whole-column selection (A:D) reads the used rows only, not 1,048,575", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
    wb.selection = { sheet: "Sheet1", address: "A:D" };
    const data = await readSource({ kind: "selection" }, {}, wb.run);
    expect(data.rows.length).toBe(DATA_ROWS);
    expect(data.address).toBe(`Sheet1!A1:D${DATA_ROWS + 1}`);
    expect(wb.syncs).toBeLessThanOrEqual(3);
  }, 60_000);

  it("a preview without a number-format sample reads no formats", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
    wb.selection = { sheet: "Sheet1", address: "A:D" };
    const data = await readSource({ kind: "selection" }, { maxRows: 50, formatSample: 0 }, wb.run);
    expect(data.rows).toEqual(cdnow.rows.slice(1, 51));
    expect(data.dateFormatted).toEqual([false, false, false, false]);
  });

  it("a range that ends in the sheet's last row (1,048,576) is read: its data body is not moved past the sheet", async () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("Sheet1");
    cdnow.rows.slice(0, 6).forEach((r, i) => (sheet.cells[1_048_570 + i] = r.slice()));
    wb.selection = { sheet: "Sheet1", address: "A:D" };
    const data = await readSource({ kind: "selection" }, {}, wb.run);
    expect(data.address).toBe("Sheet1!A1048571:D1048576");
    expect(data.rows).toEqual(cdnow.rows.slice(1, 6));
  });

  it("only the mapped columns are read: a long Chinese note column is never sent", async () => {
    const wb = new FakeWorkbook();
    const { rows, formats } = sheetOf(DATA_ROWS, (i) => `C${i % 500}`, (i) => `客户备注第${i}条：`.padEnd(300, "很长的中文说明"));
    wb.addSheet("Sheet1", rows, formats);
    wb.selection = { sheet: "Sheet1", address: `A1:D${rows.length}` };
    const data = await readSource({ kind: "selection" }, { columns: ["customer_id", "date", "amount"] }, wb.run);
    expect(data.header).toEqual(["customer_id", "date", "amount"]);
    expect(data.rows[0]).toEqual(rows[1].slice(0, 3));
    expect(data.rows.every((r) => r.length === 3)).toBe(true);
    // 6,919 notes of 300 Chinese characters would be 6.2 MB in UTF-8.
    expect(wb.maxResponseBytes).toBeLessThan(500_000);
  });

  it("a block whose response passes 5 MB in UTF-8 is halved and read again", async () => {
    const wb = new FakeWorkbook();
    // Ids of 100 Chinese characters: about 310 bytes a row in UTF-8, 9 MB in all.
    const id = (i: number) => `${i}号`.padEnd(100, "客户编号很长");
    const n = 30_000;
    const { rows, formats } = sheetOf(n, id);
    wb.addSheet("Sheet1", rows, formats);
    wb.selection = { sheet: "Sheet1", address: `A1:D${rows.length}` };
    const data = await readSource({ kind: "selection" }, { columns: ["customer_id", "date", "amount"] }, wb.run);
    expect(data.rows.length).toBe(n);
    expect(data.rows[n - 1][0]).toBe(id(n - 1));
    expect(data.rows.map((r) => r[0])).toEqual(rows.slice(1).map((r) => r[0]));
    expect(wb.responseLimitErrors).toBeGreaterThan(0);
    expect(wb.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
    console.log(`halving: ${n} rows of 100-character Chinese ids read in ${data.chunks} block requests (${wb.responseLimitErrors} refused), largest response ${(wb.maxResponseBytes / 1e6).toFixed(2)} MB`);
  }, 60_000);

  it("the fake refuses a response over 5 MB counted in UTF-8 bytes, as Excel on the web does", async () => {
    const wb = new FakeWorkbook();
    // 200 cells of 10,000 Chinese characters: 2,000,000 characters, 6,000,000 bytes in UTF-8.
    wb.addSheet("Sheet1", Array.from({ length: 200 }, () => ["中".repeat(10_000)]));
    wb.selection = { sheet: "Sheet1", address: "A1:A200" };
    const err = await wb
      .run(async (context) => {
        const range = context.workbook.getSelectedRange().load("values");
        await context.sync();
        return range.values;
      })
      .catch((e) => e);
    expect(err).toMatchObject({ code: "ResponsePayloadSizeLimitExceeded", name: "RichApi.Error" });
    expect(richApiError("X", "m").code).toBe("X");
  });
});

describe("hidden and filtered rows", () => {
  function hidden(): FakeWorkbook {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
    wb.hideRows("Sheet1", 3, 12); // hidden by the user
    wb.hideRows("Sheet1", 100, 101); // filtered out
    wb.selection = { sheet: "Sheet1", address: `A1:D${cdnow.rows.length}` };
    return wb;
  }

  it("are analysed by default, and counted so the pane can say so", async () => {
    const data = await readSource({ kind: "selection" }, {}, hidden().run);
    expect(data.rows.length).toBe(DATA_ROWS);
    expect(data.rows[1]).toEqual(cdnow.rows[2]);
    expect(data.hiddenRows).toBe(12);
    expect(data.hiddenSkipped).toBe(false);
  });

  it("are left out when the options say skip, keeping the worksheet row numbers of the others", async () => {
    const wb = hidden();
    const keep: { out?: ComputeOutput } = {};
    const out = await runAnalysis({ source: { kind: "selection" }, names, hiddenRows: "skip" }, { compute: compute(keep) }, wb.run);
    expect(out.read).toEqual({ rows: DATA_ROWS - 12, address: `Sheet1!A1:D${DATA_ROWS + 1}`, hiddenRows: 12, hiddenSkipped: true, hiddenUnknown: false });
    const visible = cdnow.rows.slice(1).filter((_, i) => !(i + 2 >= 3 && i + 2 <= 12) && !(i + 2 >= 100 && i + 2 <= 101));
    expect(keep.out!.result.report.customers).toBe(new Set(visible.map((r) => r[0])).size);
  });

  it("when every data row is hidden and hidden rows are skipped, the run stops and says so in the user's language", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", cdnow.rows.slice(0, 11), cdnow.formats.slice(0, 11));
    wb.hideRows("Sheet1", 2, 11);
    wb.selection = { sheet: "Sheet1", address: "A1:D11" };
    const err = await readSource({ kind: "selection" }, { hiddenRows: "skip" }, wb.run).catch((e) => e);
    expect(isCvaError(err)).toBe(true);
    expect(localizedMessage(err, "en-US")).toBe("all 10 data rows of Sheet1!A1:D11 are hidden or filtered out, and the options skip hidden rows: show the rows, or choose to analyse hidden rows");
    expect(localizedMessage(err, "zh-CN")).toBe("Sheet1!A1:D11 的全部 10 行数据都已隐藏或被筛选掉，而选项设为跳过隐藏行：请取消隐藏，或改为分析隐藏行");
  });

  it("without ExcelApi 1.9 (no Range.getSpecialCells) every row is analysed and the pane is told it cannot say which are hidden", async () => {
    const g = globalThis as { Office?: unknown };
    const before = g.Office;
    g.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && Number(v.split(".")[1]) <= 8 } } };
    try {
      const data = await readSource({ kind: "selection" }, { hiddenRows: "skip" }, hidden().run);
      expect(data.rows.length).toBe(DATA_ROWS);
      expect(data.rows[1]).toEqual(cdnow.rows[2]); // row 3 is hidden, but read
      expect([data.hiddenRows, data.someHidden, data.hiddenUnknown]).toEqual([0, true, true]);
    } finally {
      g.Office = before;
    }
  });

  it("the visible areas Excel reports are parsed to worksheet rows, whole rows and quoted sheet names included", () => {
    expect(areaRows("Sheet1!A2:D2,Sheet1!A13:D99")).toEqual([[1, 2], [12, 99]]);
    expect(areaRows("'Q3, sales'!$3:$10, 'Q3, sales'!A12")).toEqual([[2, 10], [11, 12]]);
  });

  it("the choice is one of the pane's options, saved with the workbook like the others", () => {
    expect(defaultOptions("en-US").hiddenRows).toBe("analyse");
    expect(mergeOptions(defaultOptions("en-US"), { hiddenRows: "skip" }).hiddenRows).toBe("skip");
    expect(mergeOptions(defaultOptions("en-US"), { hiddenRows: "drop" as never }).hiddenRows).toBe("analyse");
  });
});

describe("blank cells", () => {
  it("blank cells read as null are blank rows, not purchases without a customer id", async () => {
    const wb = new FakeWorkbook();
    wb.blankValue = null;
    const rows = [...cdnow.rows.slice(0, 101), ["", "", "", ""], ...cdnow.rows.slice(101)];
    wb.addSheet("Sheet1", rows, [...cdnow.formats.slice(0, 101), ["General", "General", "General", "General"], ...cdnow.formats.slice(101)]);
    wb.selection = { sheet: "Sheet1", address: `A1:D${rows.length}` };
    const keep: { out?: ComputeOutput } = {};
    await runAnalysis({ source: { kind: "selection" }, names }, { compute: compute(keep) }, wb.run);
    expect(keep.out!.result.report.customers).toBe(2357);
  });
});

describe("values, not text", () => {
  it("a date or an amount Excel parsed when it was typed is read as its number; a Text cell keeps its text", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    wb.typeIn("Sheet1", "A1:C1", [["customer_id", "date", "amount"]]);
    wb.sheet("Sheet1")!.formats[3] = ["@", "@", "@"]; // row 4 formatted as Text before typing
    wb.typeIn("Sheet1", "A2:C4", [
      ["C1", "1/5/2024", "$1,234.50"],
      ["C2", "2024-01-05", "30%"],
      ["007", "2024-01-05", "12"],
    ]);
    const data = await readSource({ kind: "selection" }, {}, (b) => ((wb.selection = { sheet: "Sheet1", address: "A1:C4" }), wb.run(b)));
    expect(data.rows).toEqual([
      ["C1", 45296, 1234.5],
      ["C2", 45296, 0.3],
      ["007", "2024-01-05", "12"],
    ]);
    expect(data.dateFormatted).toEqual([false, true, false]);
  });
});
