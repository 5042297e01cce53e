/**
 * The live parts of the CVA Model sheet (docs/live-model.md) written on the fake workbook and
 * evaluated by HyperFormula (./hyperformula.ts), on the CDNOW sample analysed as the pane does
 * (weeks, 1 % a month, margin 0.3, 12 months): the what-if cell at the named cells equals customer
 * equity (the sum of the CLV column) to 1e-9; a discount of 2 % typed into CVA_Discount gives a fresh
 * analysis's equity at 2 % to 1e-9; the worked example's P(alive) and total equal the CLV column's
 * customer for customers 1–10 and its check cell says so; labels in both languages; a rerun
 * replaces the names, and the fake refuses invalid and duplicate names as Excel does.
 */
import * as fs from "fs";
import * as path from "path";
import { analyze, type AnalyzeResult } from "../../src/core";
import { modelSheetWrites } from "../../src/excel/model-sheet";
import type { ModelSheetPlan } from "../../src/excel/plan";
import { buildModelSheet } from "../../src/taskpane/workflow/model-plan";
import { CDNOW_DIR } from "../core/clv/cdnow";
import { FakeWorkbook } from "../fakes/workbook";
import { evaluateWorkbook } from "./hyperformula";

const rows = fs.readFileSync(path.join(CDNOW_DIR, "cdnow_sample.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
const transactions = rows.map((r) => ({ customerId: r[0], date: r[1], amount: Number(r[3]) }));
const run = (discount: number, lang: "en-US" | "zh-CN" = "en-US") => analyze({ transactions }, { unit: "weeks", lang, lifetime: { discount, margin: 0.3, horizonMonths: 12 } });
const equity = (r: AnalyzeResult) => r.customers.reduce((s, c) => s + (c.clv ?? 0), 0);
const rel = (a: unknown, b: number) => Math.abs((a as number) - b) / Math.abs(b);
const CLV_COLUMN = 5;

const base = run(0.01);

function plan(result: AnalyzeResult, i: number, lang: "en-US" | "zh-CN" = "en-US"): ModelSheetPlan {
  const c = result.customers[i];
  const customer = { id: c.customerId, x: c.summary.frequency, tx: c.summary.recency, T: c.summary.T, monetary: c.summary.monetary };
  return buildModelSheet(result.report.model, lang, "weeks", "CVA Model", { live: result.report.model.live!, end: result.report.end, customer, clvColumn: CLV_COLUMN })!;
}

/** A results sheet (ids in A, CLV in F) and the model sheet, written as the add-in writes them. */
async function write(p: ModelSheetPlan, result: AnalyzeResult, wb = new FakeWorkbook()): Promise<FakeWorkbook> {
  const ctx = wb.context;
  const names = ctx.workbook.names;
  names.load("items/name");
  let results = wb.sheets.find((s) => s.name === "CVA Results") ? ctx.workbook.worksheets.getItem("CVA Results") : undefined;
  let model = wb.sheets.find((s) => s.name === "CVA Model") ? ctx.workbook.worksheets.getItem("CVA Model") : undefined;
  results ??= ctx.workbook.worksheets.add("CVA Results");
  model ??= ctx.workbook.worksheets.add("CVA Model");
  await ctx.sync();
  const ids = result.customers.map((c) => [c.customerId, "", "", "", "", c.clv ?? ""]);
  const body = results.getRangeByIndexes(1, 0, ids.length, 6);
  body.numberFormat = ids.map(() => ["@", "General", "General", "General", "General", "General"]);
  body.values = ids;
  const { pieces } = modelSheetWrites(model, p, "CVA Model", 1e7, { names, existing: names.items.map((n) => n.name), results: "CVA Results" });
  for (const piece of pieces) piece.queue();
  await ctx.sync();
  return wb;
}

/** Where a section's body row lands (0-based sheet row). */
function bodyRow(p: ModelSheetPlan, id: string, wb: FakeWorkbook, label: string): number {
  const cells = wb.sheets.find((s) => s.name === "CVA Model")!.cells;
  const title = p.sections.find((s) => s.id === id)!.title;
  const top = cells.findIndex((r) => r?.[0] === title);
  return cells.findIndex((r, i) => i > top && r?.[0] === label);
}

describe("the live model sheet, evaluated by a formula engine", () => {
  it("the what-if cell at the named cells is customer equity; a 2 % discount typed in gives a fresh run's equity at 2 %", async () => {
    const p = plan(base, 0);
    const wb = await write(p, base);
    const ev = evaluateWorkbook(wb);
    expect(rel(ev.name("CVA_Equity"), equity(base))).toBeLessThan(1e-9);
    // The table's middle cell (discount × 1, margin × 1) is the same figure.
    const r = bodyRow(p, "whatIf", wb, "=CVA_Discount");
    expect(rel(ev.at("CVA Model", r, 3), equity(base))).toBeLessThan(1e-9);
    const discount = wb.names.find((n) => n.name === "CVA_Discount")!;
    const row = Number(/\d+/.exec(discount.address)![0]) - 1;
    ev.set("CVA Model", row, 1, 0.02);
    expect(rel(ev.name("CVA_Equity"), equity(run(0.02)))).toBeLessThan(1e-9);
    // The margin, too: 0.15 halves it.
    ev.set("CVA Model", row + 1, 1, 0.15);
    expect(rel(ev.name("CVA_Equity"), equity(run(0.02)) / 2)).toBeLessThan(1e-9);
    // Improved retention adds value.
    const gain = ev.at("CVA Model", bodyRow(p, "whatIf", wb, p.sections.find((s) => s.id === "whatIf")!.rows.find((x) => String(x[0]).startsWith("Change in customer equity"))![0] as string), 1);
    expect(gain).toBeGreaterThan(0);
  });

  it("the margin columns are 50 %–150 % of CVA_Margin at 0.3 and 60 %–100 % of it at the default 1, never two alike; the column at the named margin is customer equity", async () => {
    const p = plan(base, 0);
    const wb = await write(p, base);
    const ev = evaluateWorkbook(wb);
    const r = bodyRow(p, "whatIf", wb, "=CVA_Discount");
    const shares = () => [1, 2, 3, 4, 5].map((j) => ev.at("CVA Model", r - 3, j) as number);
    // Margin 0.3: 0.3 × (0.5, 0.75, 1, 1.25, 1.5), worked by hand.
    shares().forEach((v, j) => expect(v).toBeCloseTo([0.15, 0.225, 0.3, 0.375, 0.45][j], 12));
    // Margin 1 (the pane's default): 150 % would pass 100 %, so 60 %, 70 %, 80 %, 90 %, 100 % of it; the last column,
    // at the run's discount, is the equity at margin 1 — the margin-0.3 equity / 0.3.
    const margin = wb.names.find((n) => n.name === "CVA_Margin")!;
    ev.set("CVA Model", Number(/\d+/.exec(margin.address)![0]) - 1, 1, 1);
    shares().forEach((v, j) => expect(v).toBeCloseTo([0.6, 0.7, 0.8, 0.9, 1][j], 12));
    expect(rel(ev.at("CVA Model", r, 5), equity(base) / 0.3)).toBeLessThan(1e-9);
    expect(rel(ev.name("CVA_Equity"), equity(base) / 0.3)).toBeLessThan(1e-9);
  });

  it("the worked example's P(alive) and CLV are the CLV column's, customers 1–10, and the check says so", async () => {
    for (let i = 0; i < 10; i++) {
      const p = plan(base, i);
      const wb = await write(p, base);
      const ev = evaluateWorkbook(wb);
      const c = base.customers[i];
      const alive = bodyRow(p, "worked", wb, "P(alive)");
      expect(rel(ev.at("CVA Model", alive, 1), c.pAlive!)).toBeLessThan(1e-12);
      const total = bodyRow(p, "worked", wb, "Sum of the discounted margins below");
      expect(Math.abs((ev.at("CVA Model", total, 1) as number) - c.clv!)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.clv!));
      expect(ev.at("CVA Model", total + 1, 1)).toBe("✓ equal");
    }
  });

  it("labels in both languages; the formulas are the same English ones", async () => {
    const zh = run(0.01, "zh-CN");
    const en = plan(base, 0);
    const p = plan(zh, 0, "zh-CN");
    expect(p.sections.map((s) => s.title).slice(0, 3)).toEqual(["假设与参数（已命名单元格）", "假设分析：客户资产", "一位客户的终生价值如何计算"]);
    expect(en.sections.map((s) => s.title).slice(0, 3)).toEqual(["Assumptions and parameters (named cells)", "What-if: customer equity", "How one customer's CLV is computed"]);
    const formulas = (q: ModelSheetPlan) => q.sections.find((s) => s.id === "whatIf")!.rows.slice(1, 6).map((r) => r.slice(1));
    expect(formulas(p)).toEqual(formulas(en));
    const ev = evaluateWorkbook(await write(p, zh));
    expect(rel(ev.name("CVA_Equity"), equity(zh))).toBeLessThan(1e-9);
  });

  it("a rerun replaces the names, not duplicates them; the names are those of docs/live-model.md", async () => {
    const p = plan(base, 0);
    const wb = await write(p, base);
    const first = wb.names.map((n) => n.name).sort();
    expect(first).toEqual(["CVA_BG_a", "CVA_BG_alpha", "CVA_BG_b", "CVA_BG_r", "CVA_Discount", "CVA_End", "CVA_Equity", "CVA_GG_p", "CVA_GG_q", "CVA_GG_v", "CVA_Horizon", "CVA_Margin", "CVA_Month", "CVA_PerMonth", "CVA_Retained", "CVA_Revenue", "CVA_Unit"]);
    await write(plan(base, 1), base, wb);
    expect(wb.names.map((n) => n.name).sort()).toEqual(first);
    expect(rel(evaluateWorkbook(wb).name("CVA_Equity"), equity(base))).toBeLessThan(1e-9);
  });

  it("the fake refuses a name that exists, looks like a cell or has a space, as Excel does", async () => {
    const wb = new FakeWorkbook();
    const ctx = wb.context;
    const s = ctx.workbook.worksheets.add("S");
    await ctx.sync();
    ctx.workbook.names.add("CVA_Discount", s.getRangeByIndexes(0, 0, 1, 1), "");
    await ctx.sync();
    for (const bad of ["cva_discount", "CVA1", "CVA Discount", "R"]) {
      ctx.workbook.names.add(bad, s.getRangeByIndexes(0, 0, 1, 1), "");
      await expect(ctx.sync()).rejects.toThrow(/invalid/i);
    }
  });
});
