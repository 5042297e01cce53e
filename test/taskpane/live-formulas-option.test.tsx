/**
 * @jest-environment jsdom
 *
 * The "Live formulas" option of the Options step's Advanced fold: off by default, saved and
 * restored as a boolean, shown in both languages; on, the plan carries the formulas
 * (./live-columns.ts; what they compute: test/excel/live-formulas.test.ts); over the customer
 * limit (LIVE_CUSTOMER_LIMIT, docs/live-model.md §5) the pane's warnings say the columns are values,
 * in both languages — on CDNOW taken three times under new ids (7,071 customers).
 */
import { screen } from "@testing-library/react";
import type { SourceData } from "../../src/excel";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { LIVE_CUSTOMER_LIMIT } from "../../src/taskpane/workflow/live-columns";
import { defaultOptions, mergeOptions, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { checkAdvancedAndRun, fakeExcel, pane } from "./option-pane";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

describe("the option's value", () => {
  it("is off by default in both languages; a saved boolean is restored, anything else ignored", () => {
    expect(defaultOptions("en-US").liveFormulas).toBe(false);
    expect(defaultOptions("zh-CN").liveFormulas).toBe(false);
    expect(mergeOptions(defaultOptions("en-US"), { liveFormulas: true }).liveFormulas).toBe(true);
    expect(mergeOptions(defaultOptions("en-US"), { liveFormulas: 1 as unknown as boolean }).liveFormulas).toBe(false);
    expect(mergeOptions(defaultOptions("en-US"), { intervals: true }).liveFormulas).toBe(false);
  });
});

describe("over the customer limit", () => {
  const sheet = cdnowSheet(cdnowText()).rows;
  // CDNOW three times, each copy's ids suffixed: 3 × 2,357 customers.
  const rows = ["a", "b", "c"].flatMap((s) => sheet.slice(1).map((r) => [`${String(r[0])}${s}`, ...r.slice(1)]));
  const source = { address: `Sheet1!A1:D${rows.length + 1}`, header: sheet[0].map(String), rows, chunks: 1 } as unknown as SourceData;
  const compute = (o: AnalysisOptions) => computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, o);

  it.each([
    ["en-US", "Live formulas: 7,071 customers are more than 5,000, the most Excel on the web can recompute in one request of custom-function data (about 5 MB); the model columns are values."],
    ["zh-CN", "实时公式：客户数 7,071 超过 5,000，即网页版 Excel 一次请求可传送的自定义函数数据（约 5 MB）所能重算的上限；模型列已写为数值。"],
  ] as const)("%s: the pane's warnings say the columns are values; the table has no formula", (lang, text) => {
    expect(LIVE_CUSTOMER_LIMIT).toBe(5000);
    const out = compute({ ...defaultOptions(lang), liveFormulas: true });
    expect(out.result.customers.length).toBe(7071);
    expect(out.headline.warnings).toContain(text);
    expect(out.plan.results.live).toEqual({ columns: [], formulas: [], note: text });
    const off = compute({ ...defaultOptions(lang) });
    expect(off.headline.warnings).not.toContain(text);
    expect(off.plan.results.live).toBeUndefined();
  }, 60_000);
});

describe("the option in the pane", () => {
  it.each([
    ["en-US", "Advanced", "Live formulas"],
    ["zh-CN", "高级", "实时公式"],
  ] as const)("%s: under Advanced, unchecked; checking it is saved with the options", async (locale, fold, label) => {
    const { ops, saved } = fakeExcel();
    await checkAdvancedAndRun(ops, locale, fold, label, "opt-live-formulas");
    expect(saved).toEqual([expect.objectContaining({ liveFormulas: true })]);
  }, 30_000);

  it("a saved choice is restored into the open fold, checked", async () => {
    pane(fakeExcel({ liveFormulas: true }).ops, "en-US");
    await screen.findAllByTestId("map-id");
    expect(((await screen.findByLabelText("Live formulas")) as HTMLInputElement).checked).toBe(true);
  });
});
