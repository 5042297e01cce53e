/**
 * The worked example's customer chosen by id (the pane's option "Worked example: customer id",
 * docs/live-model.md §4), on the CDNOW sample run through the pane's Run action on the fake
 * workbook (weeks, margin 0.3, 1 % a month, 12 months): the block is written for the customer
 * named, and its formulas evaluated by HyperFormula (./hyperformula.ts) give the P(alive) and the
 * CLV of the results sheet's row of that customer within 1e-9 relative — customer 0007 (two
 * purchases, x = 1) under BG/NBD and customer 0003 (a single purchase, x = 0) under BG/NBD, where
 * P(alive) is 1 by the model's definition, and under MBG/NBD, where it is below 1. Without an id,
 * the customer of highest CLV, as before. An id not in the data stops the run before anything is
 * written, naming the id — and the id that differs only by leading zeros — in the user's language;
 * the sheets of an earlier run stay as they were.
 */
import { runAnalysis, type AnalysisCallbacks, type SourceData } from "../../src/excel";
import { computeAnalysis, type ComputeOutput } from "../../src/taskpane/workflow/compute";
import { defaultOptions, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";
import { describeError } from "../../src/taskpane/errors";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { FakeWorkbook } from "../fakes/workbook";
import { evaluateWorkbook } from "./hyperformula";

const cdnow = cdnowSheet(cdnowText());

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
  wb.selection = { sheet: "Sheet1", address: `A1:D${cdnow.rows.length}` };
  return wb;
}

const options = (o: Partial<AnalysisOptions>, lang: "en-US" | "zh-CN" = "en-US"): AnalysisOptions => ({ ...defaultOptions(lang), margin: 0.3, ...o });

async function run(o: AnalysisOptions, wb = workbook()): Promise<{ wb: FakeWorkbook; out?: ComputeOutput }> {
  const keep: { out?: ComputeOutput } = {};
  const compute: AnalysisCallbacks["compute"] = async (source: SourceData) => {
    keep.out = computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, o);
    return keep.out.plan;
  };
  await runAnalysis({ source: { kind: "selection" }, names: outputNames(o.lang) }, { compute }, wb.run, wb.supports);
  return { wb, out: keep.out };
}

const rel = (a: unknown, b: number) => Math.abs((a as number) - b) / Math.max(Math.abs(b), 1e-300);

/**
 * The written worked example evaluated: its customer cell, P(alive), total and check, beside the
 * results sheet's P(alive) and CLV in the row of that customer (both as written to the sheets).
 */
function evaluated(wb: FakeWorkbook) {
  const model = wb.used("CVA Model");
  const results = wb.used("CVA Results");
  const top = model.findIndex((r) => r[0] === "How one customer's CLV is computed");
  expect(top).toBeGreaterThan(0);
  const row = (label: string) => model.findIndex((r, i) => i > top && r[0] === label);
  const ev = evaluateWorkbook(wb);
  // As written (text, in a cell formatted "@"); HyperFormula would read "0007" as the number 7.
  const id = model[row("Customer")][1] as string;
  const line = results.find((r) => r[0] === id)!;
  const col = (h: string) => results[0].indexOf(h);
  return {
    id,
    note: model[top + 1][0] as string,
    pAlive: ev.at("CVA Model", row("P(alive)"), 1) as number,
    total: ev.at("CVA Model", row("Sum of the discounted margins below"), 1) as number,
    check: ev.at("CVA Model", row("Sum of the discounted margins below") + 1, 1),
    tableClv: ev.at("CVA Model", row("Sum of the discounted margins below") - 1, 1) as number,
    resultsPAlive: line[col("P(alive)")] as number,
    resultsClv: line[col("CLV")] as number,
  };
}

describe("the worked example's customer, chosen by id", () => {
  it("customer 0007 (x = 1) under BG/NBD: the block is 0007's and its P(alive) and CLV are the results' to 1e-9", async () => {
    // Spaces around the id are not part of it.
    const { wb, out } = await run(options({ model: "bgnbd", exampleId: " 0007 " }));
    const e = evaluated(wb);
    expect(e.id).toBe("0007");
    expect(e.note).toMatch(/^Customer 0007 \(chosen in the options\)\./);
    const c = out!.result.customers.find((x) => x.customerId === "0007")!;
    expect(c.summary.frequency).toBe(1);
    // The written P(alive) is a formula (EXP, LN, the named parameters), not a copied value.
    const model = wb.sheets.find((s) => s.name === "CVA Model")!;
    const aliveCell = model.cells.find((r) => r?.[0] === "P(alive)")![1] as string;
    expect(aliveCell).toMatch(/^=IF\(\$B\$\d+=0,1,1\/\(1\+CVA_BG_a\/.*EXP\(.*LN\(/);
    expect(rel(e.pAlive, e.resultsPAlive)).toBeLessThan(1e-9);
    expect(e.pAlive).toBeLessThan(1);
    expect(rel(e.total, e.resultsClv)).toBeLessThan(1e-9);
    expect(rel(e.tableClv, e.resultsClv)).toBeLessThan(1e-15);
    expect(e.check).toBe("✓ equal");
  }, 60_000);

  it("customer 0003 (a single purchase): P(alive) 1 under BG/NBD, below 1 under MBG/NBD; CLV the results' to 1e-9", async () => {
    for (const model of ["bgnbd", "mbgnbd"] as const) {
      const { wb, out } = await run(options({ model, exampleId: "0003" }));
      const e = evaluated(wb);
      expect(e.id).toBe("0003");
      expect(out!.result.customers.find((x) => x.customerId === "0003")!.summary.frequency).toBe(0);
      if (model === "bgnbd") expect(e.pAlive).toBe(1); // BG/NBD: no repeat purchase, no chance to drop out (Fader, Hardie & Lee 2005)
      else expect(e.pAlive).toBeLessThan(0.99); // MBG/NBD: dropout possible at time 0 (Batislam et al. 2007)
      expect(rel(e.pAlive, e.resultsPAlive)).toBeLessThan(1e-9);
      expect(rel(e.total, e.resultsClv)).toBeLessThan(1e-9);
      expect(e.check).toBe("✓ equal");
    }
  }, 90_000);

  it("no id: the customer of highest CLV, as before", async () => {
    const { wb, out } = await run(options({ model: "bgnbd" }));
    const e = evaluated(wb);
    const top = out!.result.customers.reduce((a, b) => ((b.clv ?? -Infinity) > (a.clv ?? -Infinity) ? b : a));
    expect(e.id).toBe(top.customerId);
    expect(e.note).toMatch(new RegExp(`^Customer ${top.customerId} \\(the highest CLV\\)\\.`));
    expect(rel(e.total, e.resultsClv)).toBeLessThan(1e-9);
  }, 60_000);

  it("an id not in the data stops the run before anything is written, naming it (and 0007 for 7) in both languages", async () => {
    // An earlier run's sheets, which a refused run must leave as they were.
    const { wb } = await run(options({ model: "bgnbd", exampleId: "0003" }));
    const before = wb.sheets.map((s) => ({ name: s.name, cells: JSON.stringify(s.cells) }));
    const names = wb.names.map((n) => `${n.name}=${n.address}`);
    const failed = async (o: AnalysisOptions) => {
      const error = await run(o, wb).then(
        () => null,
        (x: unknown) => x,
      );
      expect(error).not.toBeNull();
      return describeError(error, o.lang);
    };
    expect(await failed(options({ model: "bgnbd", exampleId: "7" }))).toBe(
      'The analysis stopped: the customer id "7" chosen for the worked example (Options, Advanced) is not in the data, but "0007" is (text and number ids differ: "0007" is not 7); nothing was written. Type the id as the results show it, or leave the field empty for the customer with the highest CLV',
    );
    expect(await failed(options({ model: "bgnbd", exampleId: "x-99" }, "zh-CN"))).toBe(
      "分析已停止：为计算示例选择的客户编号“x-99”（选项 › 高级）不在数据中；未写入任何内容。请按结果表中显示的样子输入编号，或留空以使用终生价值最高的客户",
    );
    expect(wb.sheets.map((s) => ({ name: s.name, cells: JSON.stringify(s.cells) }))).toEqual(before);
    expect(wb.names.map((n) => `${n.name}=${n.address}`)).toEqual(names);
  }, 90_000);
});
