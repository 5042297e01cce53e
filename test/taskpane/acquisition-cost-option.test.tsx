/**
 * @jest-environment jsdom
 *
 * The acquisition cost of the Options step: empty (no cost) by default, saved and restored as
 * typed, a value that is not a number ≥ 0 refused with a message naming the field (both languages)
 * and blocking the run, and a good one handed to the analysis as `lifetime.acquisitionCost`, from
 * which the model sheet's new customer gets CLV:CAC and the payback month (core's analyzeColumns, which the pane runs, is
 * wrapped to see the options it is called with).
 */
import { screen, waitFor, fireEvent } from "@testing-library/react";
import * as core from "../../src/core";
import type { SourceData } from "../../src/excel";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { acquisitionCostValue, checkOptions, defaultOptions, mergeOptions, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSource } from "../fakes/cdnow";
import { fakeExcel, pane, ROWS, runButton } from "./option-pane";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));
jest.mock("../../src/core", () => {
  const actual = jest.requireActual("../../src/core");
  return { ...actual, analyzeColumns: jest.fn(actual.analyzeColumns) };
});
const analyze = core.analyzeColumns as jest.MockedFunction<typeof core.analyzeColumns>;

const source = (): SourceData => cdnowSource(ROWS);

beforeEach(() => analyze.mockClear());

describe("the acquisition cost option's value", () => {
  it("is empty by default in both languages: no cost", () => {
    expect(defaultOptions("en-US").acquisitionCost).toBe("");
    expect(defaultOptions("zh-CN").acquisitionCost).toBe("");
    expect(acquisitionCostValue(defaultOptions("en-US"))).toBeUndefined();
  });

  it("a saved text is restored as typed; a saved value of another type is ignored", () => {
    expect(mergeOptions(defaultOptions("en-US"), { acquisitionCost: "12.5" }).acquisitionCost).toBe("12.5");
    expect(mergeOptions(defaultOptions("en-US"), { acquisitionCost: 12.5 as unknown as string }).acquisitionCost).toBe("");
    expect(mergeOptions(defaultOptions("en-US"), { acquisitionCost: null as unknown as string }).acquisitionCost).toBe("");
  });

  it.each([
    ["", null, undefined],
    ["0", null, 0],
    ["25", null, 25],
    ["12.5", null, 12.5],
    ["-1", "acquisitionCost", undefined],
    ["abc", "acquisitionCost", undefined],
    ["1e400", "acquisitionCost", undefined], // Infinity
    ["12,5", "acquisitionCost", undefined],
  ])("%p: problem %p, value %p", (text, problem, value) => {
    const o: AnalysisOptions = { ...defaultOptions("en-US"), acquisitionCost: text };
    expect(checkOptions(o)).toBe(problem);
    expect(acquisitionCostValue(o)).toBe(value);
  });
});

describe("the cost in the analysis and on the model sheet", () => {
  const data = source();
  const compute = (acquisitionCost: string) => computeAnalysis({ kind: "transactions", source: data, mapping: recognise(data.header).transactions }, { ...defaultOptions("en-US"), acquisitionCost });

  it("a cost reaches the analysis as lifetime.acquisitionCost, and the new customer's block has CLV:CAC and the payback month", () => {
    const out = compute("25");
    expect(analyze.mock.calls[0][1]?.lifetime).toEqual({ horizonMonths: 12, discount: 0.01, margin: 1, model: "auto", acquisitionCost: 25 });
    const nc = out.result.report.model.newCustomer!;
    expect(nc.acquisitionCost).toBe(25);
    const s = out.plan.model!.sections.find((x) => x.id === "newCustomer")!;
    expect(s.header.at(-1)).toBe("Acquisition cost");
    expect(s.footer).toEqual([
      { label: "Acquisition cost", value: 25, format: "#,##0.00" },
      { label: "CLV : CAC", value: nc.clvToCac, format: "0.00" },
      nc.paybackPeriod === null ? { label: "Payback month", value: "not within 12 months", format: "@" } : { label: "Payback month", value: nc.paybackPeriod, format: "0" },
    ]);
    expect(nc.clvToCac).toBeCloseTo(nc.discounted / 25, 12);
  });

  it("without a cost: none passed, no cost column or figures, and the note says where to give one", () => {
    const out = compute("");
    expect(analyze.mock.calls[0][1]?.lifetime).toEqual({ horizonMonths: 12, discount: 0.01, margin: 1, model: "auto" });
    expect(out.result.report.model.newCustomer!.acquisitionCost).toBeNull();
    const s = out.plan.model!.sections.find((x) => x.id === "newCustomer")!;
    expect(s.header).toHaveLength(5);
    expect(s.footer).toBeUndefined();
    expect(s.note).toMatch(/Give an acquisition cost in the Options step for CLV : CAC and the payback month\.$/);
  });
});

describe("the acquisition cost in the pane", () => {
  it.each([
    ["en-US", "Acquisition cost per customer", "The acquisition cost per customer must be a number of 0 or more, or empty."],
    ["zh-CN", "每位客户的获客成本", "每位客户的获客成本须为不小于 0 的数字，或留空。"],
  ] as const)("%s: an empty field under its label; a negative cost is refused by name and blocks the run", async (locale, label, message) => {
    pane(fakeExcel().ops, locale);
    await screen.findAllByTestId("map-id");
    expect(screen.getByText(label)).toBeTruthy();
    expect((screen.getByTestId("opt-acquisition-cost") as HTMLInputElement).value).toBe("");
    await waitFor(() => expect(runButton().disabled).toBe(false));
    fireEvent.change(screen.getByTestId("opt-acquisition-cost"), { target: { value: "-5" } });
    expect(await screen.findByText(message)).toBeTruthy();
    expect(runButton().disabled).toBe(true);
    fireEvent.change(screen.getByTestId("opt-acquisition-cost"), { target: { value: "30" } });
    await waitFor(() => expect(runButton().disabled).toBe(false));
    expect(screen.queryByText(message)).toBeNull();
  });

  it("a cost typed in the pane is saved with the options and reaches the analysis", async () => {
    const { ops, saved } = fakeExcel();
    pane(ops, "en-US");
    await screen.findAllByTestId("map-id");
    fireEvent.change(screen.getByTestId("opt-acquisition-cost"), { target: { value: " 30 " } });
    await waitFor(() => expect(runButton().disabled).toBe(false));
    fireEvent.click(screen.getByTestId("run"));
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(saved).toEqual([expect.objectContaining({ acquisitionCost: "30" })]);
    expect(analyze.mock.calls.map((c) => c[1]?.lifetime?.acquisitionCost)).toEqual([30]);
  }, 30_000);
});
