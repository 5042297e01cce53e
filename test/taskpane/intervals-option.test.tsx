/**
 * @jest-environment jsdom
 *
 * The "Prediction intervals" option of the Options step's Advanced fold: off by default (the
 * results table as before), saved and restored as a boolean, and when on handed to the analysis as
 * `lifetime.intervals`, whose per-customer bands become low/high columns beside P(alive),
 * expected purchases and CLV, with a last column marking the customers whose tier is uncertain
 * (core's analyzeColumns, which the pane runs, is wrapped to see the options it is called with).
 */
import { screen } from "@testing-library/react";
import * as core from "../../src/core";
import type { SourceData } from "../../src/excel";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { defaultOptions, mergeOptions, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSource } from "../fakes/cdnow";
import type { Locale } from "../../src/taskpane/strings";
import { checkAdvancedAndRun, fakeExcel, pane, ROWS } from "./option-pane";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));
jest.mock("../../src/core", () => {
  const actual = jest.requireActual("../../src/core");
  return { ...actual, analyzeColumns: jest.fn(actual.analyzeColumns) };
});
const analyze = core.analyzeColumns as jest.MockedFunction<typeof core.analyzeColumns>;

const source = (): SourceData => cdnowSource(ROWS);

beforeEach(() => analyze.mockClear());

describe("the option's value", () => {
  it("is off by default in both languages; a saved boolean is restored, anything else ignored", () => {
    expect(defaultOptions("en-US").intervals).toBe(false);
    expect(defaultOptions("zh-CN").intervals).toBe(false);
    expect(mergeOptions(defaultOptions("en-US"), { intervals: true }).intervals).toBe(true);
    expect(mergeOptions(defaultOptions("en-US"), { intervals: "true" as unknown as boolean }).intervals).toBe(false);
    // Saved settings from before the option existed: off.
    expect(mergeOptions(defaultOptions("en-US"), { penalizer: "0.1" }).intervals).toBe(false);
  });
});

describe("the intervals in the results table", () => {
  const data = source();
  const compute = (intervals: boolean, lang: Locale = "en-US") =>
    computeAnalysis({ kind: "transactions", source: data, mapping: recognise(data.header).transactions }, { ...defaultOptions(lang), model: "bgnbd", intervals } as AnalysisOptions);

  it("on: lifetime.intervals reaches the analysis; low/high columns follow each figure, equal to the analysis's bands", () => {
    const out = compute(true);
    expect(analyze.mock.calls[0][1]?.lifetime).toEqual({ horizonMonths: 12, discount: 0.01, margin: 1, model: "bgnbd", intervals: true });
    const iv = out.result.intervals;
    expect(iv).not.toBeNull();
    if (!iv) return;
    const header = out.plan.results.header;
    const at = (name: string) => header.indexOf(name);
    expect(header.slice(at("P(alive)"), at("P(alive)") + 3)).toEqual(["P(alive)", "P(alive) low", "P(alive) high"]);
    expect(header.slice(at("Expected purchases"), at("Expected purchases") + 3)).toEqual(["Expected purchases", "Expected purchases low", "Expected purchases high"]);
    expect(header.slice(at("CLV"))).toEqual(["CLV", "CLV low", "CLV high", "Tier uncertain"]);
    const rows = out.plan.results.rows;
    const n = out.result.customers.length;
    expect(rows).toHaveLength(n);
    let inside = 0, marked = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      expect(r[at("P(alive) low")]).toBe(iv.pAlive.low[i]);
      expect(r[at("Expected purchases high")]).toBe(iv.expectedPurchases.high[i]);
      expect(r[at("CLV low")]).toBe(iv.clv.low[i]);
      expect(r[at("CLV high")]).toBe(iv.clv.high[i]);
      const clv = r[at("CLV")] as number;
      if ((r[at("CLV low")] as number) <= clv && clv <= (r[at("CLV high")] as number)) inside++;
      const mark = r[at("Tier uncertain")];
      expect(mark === "uncertain" || mark === "").toBe(true);
      if (mark === "uncertain") marked++;
    }
    expect(inside / n).toBeGreaterThan(0.99);
    // The marks are the report's count of customers whose tier is uncertain.
    expect(marked).toBe(out.result.report.model.tierUncertain?.count);
    // Every number format is given: one per column.
    expect(out.plan.results.formats).toHaveLength(header.length);
    expect(out.plan.results.formats[at("P(alive) low")]).toBe("0.0%");
  });

  it("on, in Chinese: the columns' names and the mark", () => {
    const out = compute(true, "zh-CN");
    const header = out.plan.results.header;
    expect(header.slice(header.indexOf("客户终生价值"))).toEqual(["客户终生价值", "客户终生价值下限", "客户终生价值上限", "层级不确定"]);
    expect(header).toContain("存活概率下限");
    expect(header).toContain("预期购买次数上限");
    const col = header.indexOf("层级不确定");
    expect(out.plan.results.rows.some((r) => r[col] === "不确定")).toBe(true);
  });

  it("off: nothing passed, no interval columns, the table as before", () => {
    const out = compute(false);
    expect(analyze.mock.calls[0][1]?.lifetime).toEqual({ horizonMonths: 12, discount: 0.01, margin: 1, model: "bgnbd" });
    expect(out.result.intervals).toBeNull();
    const header = out.plan.results.header;
    expect(header.filter((h) => / (low|high)$|Tier uncertain/.test(h))).toEqual([]);
    expect(header[header.length - 1]).toBe("CLV");
  });
});

describe("the option in the pane", () => {
  it.each([
    ["en-US", "Advanced", "Prediction intervals"],
    ["zh-CN", "高级", "预测区间"],
  ] as const)("%s: under Advanced, unchecked; checking it is saved and reaches the analysis", async (locale, fold, label) => {
    const { ops, saved } = fakeExcel();
    await checkAdvancedAndRun(ops, locale, fold, label, "opt-intervals");
    expect(saved).toEqual([expect.objectContaining({ intervals: true })]);
    expect(analyze.mock.calls.map((c) => c[1]?.lifetime?.intervals)).toEqual([true]);
  }, 30_000);

  it("a saved choice is restored into the open fold, checked", async () => {
    pane(fakeExcel({ intervals: true }).ops, "en-US");
    await screen.findAllByTestId("map-id");
    expect(((await screen.findByLabelText("Prediction intervals")) as HTMLInputElement).checked).toBe(true);
  });
});
