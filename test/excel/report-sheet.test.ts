/**
 * The "CVA Report" sheet a manager presents (docs/output.md §3), written by the Run action into the
 * fake workbook from the CDNOW sample with the default options: the headline figures with their
 * number formats, the tables down columns A–H with each chart beside its table, the charts' sources
 * in the data area from column R, the action list against an independent recomputation from the
 * customers' results, readable CLV bins, the page set up for printing (and a run without PageLayout),
 * in both languages.
 */
import { FakeWorkbook, parseA1 } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { runAnalysis, type SourceData } from "../../src/excel";
import { CHART_FIRST, CHART_LAST, DATA_COLUMN, REPORT_COLUMNS } from "../../src/excel/report";
import { textWidth } from "../../src/taskpane/workflow/report-layout";
import { computeAnalysis, type ComputeOutput } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";
import { ACTION_ROWS } from "../../src/taskpane/workflow/report-plan";
import { quantileBins, roundTo2 } from "../../src/taskpane/workflow/report-bins";
import type { Locale } from "../../src/taskpane/strings";
import type { CustomerResult } from "../../src/core";

const cdnow = cdnowSheet(cdnowText());

/** At risk: the analysis's own flag where its results carry one, else the same rule written out. */
const atRisk = (c: CustomerResult): boolean => {
  const flag = (c as CustomerResult & { atRisk?: unknown }).atRisk;
  return typeof flag === "boolean" ? flag : c.stage !== "churned" && (c.stage === "decline" || (c.pAlive !== null && c.pAlive < 0.5));
};

async function run(lang: Locale, wb = new FakeWorkbook(), intervals = false) {
  wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
  wb.selection = { sheet: "Sheet1", address: `A1:D${cdnow.rows.length}` };
  const keep: { out?: ComputeOutput } = {};
  const compute = async (source: SourceData) => {
    keep.out = computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, { ...defaultOptions(lang), intervals });
    return keep.out.plan;
  };
  const names = outputNames(lang);
  const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute }, wb.run);
  return { wb, out, result: keep.out!.result, sheet: wb.sheet(names.report)!, cells: wb.used(names.report), name: names.report };
}

describe("the report sheet on CDNOW with the Prediction intervals option", () => {
  it("adds the next 12 months' purchases with their predictive interval (what will be observed), written whole after the equity's", async () => {
    const r = await run("en-US", new FakeWorkbook(), true);
    const m = r.result.report.model;
    const rowOf = (label: string) => r.cells.findIndex((x) => x[0] === label);
    const text = (label: string) => {
      const at = rowOf(label);
      expect(at).toBeGreaterThan(rowOf("Model details"));
      const parts = [String(r.cells[at][1])];
      for (let i = at + 1; r.cells[i]?.[0] === "" && r.cells[i]?.[1]; i++) parts.push(String(r.cells[i][1]));
      return parts.join(" ");
    };
    expect(m.forecastInterval?.text).toMatch(/^In the next 12 months the customers are expected to make [\d,]+ repeat purchases .* \(a predictive interval: /);
    expect(text("Purchases ahead")).toBe(m.forecastInterval!.text);
    expect(rowOf("Purchases ahead")).toBeGreaterThan(rowOf("How sure"));
  }, 60_000);
});

describe("the report sheet on CDNOW (en-US)", () => {
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    r = await run("en-US");
  }, 60_000);

  const rowOf = (text: string) => r.cells.findIndex((x) => x[0] === text);

  it("opens with the title, the period and the source, then the headline figures, each in its number format", () => {
    expect(r.cells[0][0]).toBe("Customer pyramid report");
    expect(r.cells[1][0]).toBe("Purchases from 1997-01-01 to 1998-06-30 · Source: Sheet1!A1:D6920 · Customers ranked by lifetime value");
    const k = rowOf("Customers");
    expect(k).toBeLessThan(6);
    expect(r.cells[k].slice(0, 7)).toEqual(["Customers", "Customer equity, next 12 months", "Key customers' share of value", "Top 20 %'s share of value", "Customers at risk", "Revenue at stake", "Churned customers"]);
    expect(r.sheet.formats[k + 1].slice(0, 7)).toEqual(["#,##0", "#,##0", "0.0%", "0.0%", "#,##0", "#,##0", "#,##0"]);
    // Recomputed from the customers' results: Σ CLV; the customers at risk (the analysis's flag, or its rule: not
    // churned, and in decline or P(alive) < 50 %) and what they bought; the churned.
    const cs = r.result.customers;
    const equity = cs.reduce((a, c) => a + (c.clv ?? 0), 0);
    const risky = cs.filter(atRisk);
    const values = r.cells[k + 1];
    expect(values[0]).toBe(2357);
    expect(values[1]).toBe(Math.round(equity));
    expect(values[2]).toBeCloseTo(r.result.report.keyCustomers.valueShare, 12);
    expect(values[3]).toBeCloseTo(r.result.report.pareto.valueShare, 12);
    expect(values[4]).toBe(risky.length);
    expect(values[5]).toBeCloseTo(risky.reduce((a, c) => a + c.summary.revenue, 0), 1);
    expect(values[6]).toBe(cs.filter((c) => c.stage === "churned").length);
    expect(r.cells[k + 2][2]).toBe(`${r.result.report.keyCustomers.count} key customers, ${(r.result.report.keyCustomers.customerShare * 100).toFixed(1)}% of all`);
  });

  it("says under the model's details how sure the equity is and how many customers' tiers the data do not pin down", () => {
    const m = r.result.report.model;
    // The equity's 90 % interval from the analysis's parameter draws, shown under the headline too.
    expect(m.equityInterval).not.toBeNull();
    expect(r.cells[rowOf("Customers") + 2][1]).toBe(`90 % interval ${Math.round(m.equityInterval!.low).toLocaleString("en-US")}–${Math.round(m.equityInterval!.high).toLocaleString("en-US")}`);
    // Each sentence, cut into lines that fit B–H, reads back whole (the cut is at spaces).
    const text = (label: string) => {
      const at = rowOf(label);
      expect(at).toBeGreaterThan(rowOf("Model details"));
      const parts = [String(r.cells[at][1])];
      for (let i = at + 1; r.cells[i]?.[0] === "" && r.cells[i]?.[1]; i++) parts.push(String(r.cells[i][1]));
      return parts.join(" ");
    };
    expect(text("How sure")).toBe(m.intervalNote);
    // The purchases ahead's predictive interval simulates every customer: only with the Prediction intervals option.
    expect(m.forecastInterval).toBeUndefined();
    expect(rowOf("Purchases ahead")).toBe(-1);
    expect(text("Tier uncertain")).toBe(m.tierUncertain!.text);
    expect(m.tierUncertain!.text).toMatch(new RegExp(`^${m.tierUncertain!.count.toLocaleString("en-US")} `));
  });

  it("puts every chart's source in the data area from column R, never between the tables, and each chart beside its table with axis titles", () => {
    const charts = r.wb.charts.filter((c) => c.sheet === r.name);
    expect(charts.map((c) => c.name)).toEqual(["CVA_Pyramid", "CVA_LifeCycle", "CVA_Loyalty", "CVA_Pareto", "CVA_ClvHistogram"]);
    const ranges = charts.flatMap((c) => [c.source, ...c.seriesAdded.flatMap((s) => [s.x, s.y])]);
    for (const a of ranges) expect([a, parseA1(a).col >= DATA_COLUMN]).toEqual([a, true]);
    // The tables hold columns A–H only; nothing is written between them and the data area (the charts' columns).
    r.cells.forEach((line, i) => line.forEach((v, j) => {
      if (v !== "" && v !== undefined && j >= REPORT_COLUMNS && j < DATA_COLUMN) throw new Error(`cell ${i + 1},${j + 1} holds ${String(v)}`);
    }));
    const beside: Record<string, string> = { CVA_Pyramid: "Customer pyramid: customers and value per tier", CVA_LifeCycle: "Life cycle stages", CVA_Loyalty: "Loyalty", CVA_Pareto: "How concentrated value is", CVA_ClvHistogram: "How CLV is spread" };
    for (const c of charts) {
      const [tl, br] = c.position!.map(parseA1);
      expect([c.name, tl.row, tl.col, br.col]).toEqual([c.name, rowOf(beside[c.name]), CHART_FIRST, CHART_LAST]);
      expect(c.axisTitles?.value && c.axisTitles?.category).toBeTruthy();
    }
    // The sections follow one another: pyramid, life cycle, loyalty, the action list, tier × stage.
    const order = ["Customer pyramid: customers and value per tier", "Life cycle stages", "Loyalty", "Action list: key customers at risk", "Customers by tier and life cycle stage", "Model details"].map(rowOf);
    expect(order.every((x, i) => x > 0 && (i === 0 || x > order[i - 1]))).toBe(true);
    // Customers to the left (negative), value to the right, shown without a sign.
    const src = r.wb.read(r.name, charts[0].source);
    expect(src.slice(1).every((x) => (x[1] as number) < 0 && (x[2] as number) > 0)).toBe(true);
    expect(r.sheet.formats[parseA1(charts[0].source).row + 1][parseA1(charts[0].source).col + 1]).toBe("0%;0%");
  });

  it("lists the key customers in decline, churned or at risk by revenue, as recomputed from the customers' results", () => {
    const cs = r.result.customers;
    const expected = cs
      .filter((c) => c.tierRole === "key" && (c.stage === "decline" || c.stage === "churned" || atRisk(c)))
      .sort((a, b) => b.summary.revenue - a.summary.revenue || a.customerId.localeCompare(b.customerId));
    expect(expected.length).toBe(193); // 186 in decline or churned and 7 more below 50 % (CDNOW, MBG/NBD chosen by auto)
    const t = rowOf("Action list: key customers at risk");
    expect(r.cells[t + 1][0]).toBe(`Key customers in decline or churned, or with less than a 50 % chance of still buying; highest revenue first. ${ACTION_ROWS} of ${expected.length} shown; every customer is on the sheet CVA Results.`);
    expect(r.cells[t + 2].slice(0, 8)).toEqual(["Customer", "Tier name", "Life cycle stage", "Chance of still buying", "CLV", "Revenue 1997-01-01 to 1998-06-30", "Last purchase", "What to do"]);
    const rows = r.cells.slice(t + 3, t + 3 + ACTION_ROWS);
    expect(rows.map((x) => x[0])).toEqual(expected.slice(0, ACTION_ROWS).map((c) => c.customerId));
    rows.forEach((x, i) => {
      const c = expected[i];
      expect([x[1], x[2]]).toEqual([c.tierLabel, c.stageLabel]);
      expect(x[3]).toBeCloseTo(c.pAlive!, 4);
      expect(x[4]).toBeCloseTo(c.clv!, 2);
      expect(x[5]).toBeCloseTo(c.summary.revenue, 2);
      expect(x[6]).toBe(c.summary.last);
      expect(typeof x[7] === "string" && x[7].length > 10).toBe(true);
    });
    // Highest revenue first; the decline and churned among them.
    expect(rows.every((x, i) => i === 0 || (x[5] as number) <= (rows[i - 1][5] as number))).toBe(true);
    expect(rows.filter((x) => x[2] === "Decline").length).toBeGreaterThan(0);
    expect(r.sheet.formats[t + 3].slice(0, 7)).toEqual(["@", "General", "General", "0%", "#,##0.00", "#,##0.00", "yyyy-mm-dd"]);
    // Tier × stage: each tier's row adds up to its count.
    const ts = rowOf("Customers by tier and life cycle stage");
    const counts = r.result.report.tiers.map((x) => x.count);
    expect(r.cells.slice(ts + 2, ts + 6).map((x) => x[6])).toEqual(counts);
    const byHand = r.result.report.tiers.map((x) => r.result.report.stages.map((s) => cs.filter((c) => c.tier === x.tier && c.stage === s.stage).length));
    expect(r.cells.slice(ts + 2, ts + 6).map((x) => x.slice(1, 6))).toEqual(byHand);
  });

  it("spreads CLV over readable bins: none holds half the customers, and they add up to all", () => {
    const t = rowOf("How CLV is spread");
    const after = r.cells.slice(t + 2);
    const bins = after.slice(0, after.findIndex((x) => typeof x[1] !== "number"));
    expect(bins.length).toBeGreaterThanOrEqual(5);
    expect(bins.reduce((a, x) => a + (x[1] as number), 0)).toBe(2357);
    expect(Math.max(...bins.map((x) => x[2] as number))).toBeLessThanOrEqual(0.5);
    console.log(`CLV bins on CDNOW: ${bins.map((x) => `${x[0]}: ${x[1]}`).join(", ")}`);
  });

  it("sets the page up for printing: landscape, one page wide, the title row on every page, the print date in the footer", () => {
    const p = r.sheet.pageLayout!;
    expect(p.orientation).toBe("Landscape");
    expect(p.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(p.printTitleRows).toBe("$1:$1");
    expect(p.printArea).toMatch(/^A1:N\d+$/);
    expect(parseA1(p.printArea!).rows).toBeGreaterThanOrEqual(r.cells.filter((x, i) => i > 0 && x.slice(0, REPORT_COLUMNS).some((v) => v !== "" && v !== undefined)).length);
    expect(p.centerHeader).toBe("Customer pyramid report");
    expect(p.centerFooter).toContain("&D");
    // Column widths fit: the report's columns are set, none left at Excel's default; only the header rows wrap.
    expect(r.sheet.columnWidths.slice(0, REPORT_COLUMNS).every((w) => w >= 44 && w <= 170)).toBe(true);
    const wrapped = r.sheet.styles.flatMap((line, i) => (line ?? []).map((s, j) => (s?.wrap ? [i, j] : null)).filter((x): x is number[] => x !== null));
    for (const [i, j] of wrapped) expect([i, j, typeof r.cells[i][j] === "string" || r.cells[i][j] === undefined]).toEqual([i, j, true]);
  });
});

describe("the report sheet without ExcelApi 1.9 and in Chinese", () => {
  const g = globalThis as { Office?: unknown };
  it("an Excel without PageLayout (ExcelApi 1.8): the report is written all the same, with no page setup", async () => {
    const before = g.Office;
    g.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && Number(v.split(".")[1]) <= 8 } } };
    try {
      const wb = new FakeWorkbook();
      wb.excelApi = "1.8";
      const r = await run("en-US", wb);
      expect(r.sheet.pageLayout).toBeUndefined();
      expect(r.wb.charts.filter((c) => c.sheet === r.name)).toHaveLength(5);
      expect(r.cells[0][0]).toBe("Customer pyramid report");
    } finally {
      g.Office = before;
    }
  }, 60_000);

  it("zh-CN: the same sheet in Chinese, the tier names of the table also in its strategies' labels", async () => {
    const r = await run("zh-CN");
    expect(r.cells[0][0]).toBe("客户金字塔报告");
    expect(r.cells[1][0]).toBe("购买期间：1997-01-01 至 1998-06-30 · 数据来源：Sheet1!A1:D6920 · 客户按客户终生价值排序".replace("客户终生价值", r.result.report.valueMeasureLabel.toLowerCase()));
    const k = r.cells.findIndex((x) => x[0] === "客户数");
    expect(r.cells[k].slice(0, 7)).toEqual(["客户数", "客户资产（未来 12 个月）", "关键客户的价值占比", "前 20% 客户的价值占比", "有流失风险的客户", "面临流失的收入", "已流失客户"]);
    const t = r.cells.findIndex((x) => x[0] === "客户金字塔：各层级的客户与价值");
    const labels = r.cells.slice(t + 2, t + 6).map((x) => x[0]);
    expect(labels).toEqual(r.result.report.tiers.map((x) => x.label));
    // Each tier's strategy under the table, cut into lines that fit columns B–H (continuations unlabelled).
    const under = r.cells.slice(t + 7, t + 20).filter((x) => String(x[0] ?? "").startsWith("建议行动") || (x[0] === "" && x[1]));
    expect(under.map((x) => x[0]).filter((l) => l !== "")).toEqual(labels.map((l) => `建议行动：${l}`));
    const room = r.sheet.columnWidths.slice(1, REPORT_COLUMNS).reduce((a, b) => a + b, 0);
    for (const x of under) expect(textWidth(String(x[1]))).toBeLessThanOrEqual(room);
    expect(under.map((x) => x[1]).join("")).toBe(r.result.report.tiers.map((x) => x.strategy).join(""));
    expect(r.sheet.pageLayout?.centerFooter).toBe("打印日期 &D · 第 &P 页，共 &N 页");
    expect(r.wb.charts[0].axisTitles).toEqual({ category: "层级", value: "占比：客户（左）、价值（右）" });
  }, 60_000);
});

describe("the bins and the fake's page layout", () => {
  it("quantile bins: rounded edges, one bin when all values are equal, none for no values", () => {
    expect(roundTo2(3.5701, "down")).toBe(3.5);
    expect(roundTo2(918.9, "up")).toBe(920);
    expect(quantileBins([5, 5, 5])).toEqual([{ label: "5", from: 5, to: 5, count: 3 }]);
    expect(quantileBins([])).toEqual([]);
    // 1..100, 4 bins: edges at the 25th, 50th and 75th values (26, 51, 76), from 1 to 100.
    expect(quantileBins(Array.from({ length: 100 }, (_, i) => i + 1), 4).map((b) => [b.label, b.count])).toEqual([["1–26", 25], ["26–51", 25], ["51–76", 25], ["76–100", 25]]);
  });

  it("the fake refuses what Excel refuses: a zoom with a scale and pages to fit, a zoom field set alone, title rows that are not rows", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const page = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("S").pageLayout;
    await expect(wb.run(async (ctx) => ((page(ctx).zoom = { scale: 80, horizontalFitToPages: 1 }), ctx.sync()))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(wb.run(async (ctx) => (page(ctx).setPrintTitleRows("A1:B2"), ctx.sync()))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(wb.run(async (ctx) => ((page(ctx).zoom.scale = 80), ctx.sync()))).rejects.toThrow(TypeError);
    await wb.run(async (ctx) => ((page(ctx).zoom = { scale: 80 }), ctx.sync()));
    expect(wb.sheet("S")!.pageLayout).toEqual({ zoom: { scale: 80 } });
  });
});
