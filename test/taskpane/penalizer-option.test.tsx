/**
 * @jest-environment jsdom
 *
 * The L2 penalty of the Options step's "Advanced" fold: empty (0, nothing passed) by default,
 * saved and restored as typed, a value that is not a number ≥ 0 refused with a message naming the
 * field (both languages) and blocking the run, and a good one handed to the analysis as
 * `lifetime.penalizer`, whose model note then says the fit was penalised (core's analyzeColumns, which the pane runs, is
 * wrapped to see the options it is called with).
 */
import { screen, waitFor, fireEvent } from "@testing-library/react";
import * as core from "../../src/core";
import type { SourceData } from "../../src/excel";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { checkOptions, defaultOptions, mergeOptions, penalizerValue, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSource } from "../fakes/cdnow";
import type { Locale } from "../../src/taskpane/strings";
import { fakeExcel, pane, ROWS, runButton } from "./option-pane";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));
jest.mock("../../src/core", () => {
  const actual = jest.requireActual("../../src/core");
  return { ...actual, analyzeColumns: jest.fn(actual.analyzeColumns) };
});
const analyze = core.analyzeColumns as jest.MockedFunction<typeof core.analyzeColumns>;

const source = (): SourceData => cdnowSource(ROWS);

beforeEach(() => analyze.mockClear());

describe("the penalty option's value", () => {
  it("is empty by default in both languages: no penalty", () => {
    expect(defaultOptions("en-US").penalizer).toBe("");
    expect(defaultOptions("zh-CN").penalizer).toBe("");
    expect(penalizerValue(defaultOptions("en-US"))).toBeUndefined();
    expect(checkOptions(defaultOptions("en-US"))).toBeNull();
  });

  it("a saved text is restored as typed; a saved value of another type is ignored", () => {
    expect(mergeOptions(defaultOptions("en-US"), { penalizer: "0.1" }).penalizer).toBe("0.1");
    expect(mergeOptions(defaultOptions("en-US"), { penalizer: 0.1 as unknown as string }).penalizer).toBe("");
    expect(mergeOptions(defaultOptions("en-US"), { penalizer: null as unknown as string }).penalizer).toBe("");
    // Saved settings from before the option existed: the default.
    expect(mergeOptions(defaultOptions("en-US"), { acquisitionCost: "5" }).penalizer).toBe("");
  });

  it.each([
    ["", null, undefined],
    ["0", null, 0],
    ["0.1", null, 0.1],
    ["2", null, 2],
    ["-1", "penalizer", undefined],
    ["abc", "penalizer", undefined],
    ["1e400", "penalizer", undefined], // Infinity
    ["0,1", "penalizer", undefined],
  ])("%p: problem %p, value %p", (text, problem, value) => {
    const o: AnalysisOptions = { ...defaultOptions("en-US"), penalizer: text };
    expect(checkOptions(o)).toBe(problem);
    expect(penalizerValue(o)).toBe(value);
  });
});

describe("the penalty in the analysis", () => {
  const data = source();
  const compute = (penalizer: string, lang: Locale = "en-US") =>
    computeAnalysis({ kind: "transactions", source: data, mapping: recognise(data.header).transactions }, { ...defaultOptions(lang), model: "bgnbd", penalizer });

  it("a penalty reaches the analysis as lifetime.penalizer and the model's note names it, in the report's language", () => {
    const out = compute("0.1");
    expect(analyze.mock.calls[0][1]?.lifetime).toEqual({ horizonMonths: 12, discount: 0.01, margin: 1, model: "bgnbd", penalizer: 0.1 });
    expect(out.result.report.model.note).toContain("fitted with an L2 penalty 0.1 on the parameters");
    const zh = compute("0.1", "zh-CN");
    expect(zh.result.report.model.note).toContain("拟合时对参数加了 L2 惩罚 0.1");
  });

  it("the penalty changes the fit: the base's forecast moves away from the plain fit's", () => {
    const plain = compute("").result.report.model.forecast!;
    const penalised = compute("0.1").result.report.model.forecast!;
    expect(Math.abs(penalised.transactions - plain.transactions)).toBeGreaterThan(1e-3 * plain.transactions);
  });

  it("without a penalty (or 0): none passed to a fit and the note says nothing of one", () => {
    const out = compute("");
    expect(analyze.mock.calls[0][1]?.lifetime).toEqual({ horizonMonths: 12, discount: 0.01, margin: 1, model: "bgnbd" });
    expect(out.result.report.model.note).not.toContain("penalty");
    const zero = compute("0");
    expect(analyze.mock.calls[1][1]?.lifetime?.penalizer).toBe(0);
    expect(zero.result.report.model.note).not.toContain("penalty");
  });
});

describe("the penalty in the pane", () => {
  it.each([
    ["en-US", "Advanced", "Penalty on the parameters (L2)", "The penalty on the parameters (L2) must be a number of 0 or more, or empty."],
    ["zh-CN", "高级", "参数惩罚（L2）", "参数惩罚（L2）须为不小于 0 的数字，或留空。"],
  ] as const)("%s: folded away under Advanced, empty when opened; -1 and abc are refused by name and block the run", async (locale, fold, label, message) => {
    pane(fakeExcel().ops, locale);
    await screen.findAllByTestId("map-id");
    expect(screen.queryByTestId("opt-penalizer")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: fold }));
    expect(await screen.findByText(label)).toBeTruthy();
    expect((screen.getByTestId("opt-penalizer") as HTMLInputElement).value).toBe("");
    await waitFor(() => expect(runButton().disabled).toBe(false));
    for (const bad of ["-1", "abc"]) {
      fireEvent.change(screen.getByTestId("opt-penalizer"), { target: { value: bad } });
      expect(await screen.findByText(message)).toBeTruthy();
      expect(runButton().disabled).toBe(true);
    }
    fireEvent.change(screen.getByTestId("opt-penalizer"), { target: { value: "0.1" } });
    await waitFor(() => expect(runButton().disabled).toBe(false));
    expect(screen.queryByText(message)).toBeNull();
  });

  it("a saved penalty is restored into the open fold; a saved bad one shows its message and blocks the run", async () => {
    const first = pane(fakeExcel({ penalizer: "0.25" }).ops, "en-US");
    await screen.findAllByTestId("map-id");
    expect((screen.getByTestId("opt-penalizer") as HTMLInputElement).value).toBe("0.25");
    first.unmount();
    pane(fakeExcel({ penalizer: "-1" }).ops, "zh-CN");
    await screen.findAllByTestId("map-id");
    expect(await screen.findByText("参数惩罚（L2）须为不小于 0 的数字，或留空。")).toBeTruthy();
    expect(runButton().disabled).toBe(true);
  });

  it("a penalty typed in the pane is saved with the options and reaches the analysis", async () => {
    const { ops, saved } = fakeExcel();
    pane(ops, "en-US");
    await screen.findAllByTestId("map-id");
    fireEvent.click(screen.getByRole("button", { name: "Advanced" }));
    fireEvent.change(await screen.findByTestId("opt-penalizer"), { target: { value: " 0.1 " } });
    await waitFor(() => expect(runButton().disabled).toBe(false));
    fireEvent.click(screen.getByTestId("run"));
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(saved).toEqual([expect.objectContaining({ penalizer: "0.1" })]);
    expect(analyze.mock.calls.map((c) => c[1]?.lifetime?.penalizer)).toEqual([0.1]);
  }, 30_000);
});
