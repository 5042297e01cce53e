/**
 * @jest-environment jsdom
 *
 * The lifetime model option of the Options step: `auto` by default, the four choices labelled in
 * both languages, a saved choice restored and a wrong one ignored, and the choice handed to the
 * analysis as `lifetime.model` (core's analyzeColumns, which the pane runs, is wrapped to see the options it is called with).
 */
import { screen, waitFor, fireEvent, within } from "@testing-library/react";
import * as core from "../../src/core";
import type { SourceData } from "../../src/excel";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { defaultOptions, mergeOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSource } from "../fakes/cdnow";
import { fakeExcel, pane, ROWS } from "./option-pane";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));
jest.mock("../../src/core", () => {
  const actual = jest.requireActual("../../src/core");
  return { ...actual, analyzeColumns: jest.fn(actual.analyzeColumns) };
});
const analyze = core.analyzeColumns as jest.MockedFunction<typeof core.analyzeColumns>;

const source = (): SourceData => cdnowSource(ROWS);

beforeEach(() => analyze.mockClear());

describe("the model option's value", () => {
  it("defaults to auto in both languages", () => {
    expect(defaultOptions("en-US").model).toBe("auto");
    expect(defaultOptions("zh-CN").model).toBe("auto");
  });

  it.each(["auto", "bgnbd", "mbgnbd", "paretonbd"])("a saved %s is restored", (m) => {
    expect(mergeOptions(defaultOptions("en-US"), { model: m as core.ModelChoice }).model).toBe(m);
  });

  it.each([["weibull"], ["BGNBD"], [3], [null]])("a saved %p is not a model: auto stays", (m) => {
    expect(mergeOptions(defaultOptions("en-US"), { model: m as unknown as core.ModelChoice }).model).toBe("auto");
  });

  it.each(["auto", "mbgnbd", "paretonbd"] as const)("computeAnalysis hands %s to the analysis as lifetime.model", (m) => {
    const data = source();
    computeAnalysis({ kind: "transactions", source: data, mapping: recognise(data.header).transactions }, { ...defaultOptions("en-US"), model: m });
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(analyze.mock.calls[0][1]?.lifetime).toEqual({ horizonMonths: 12, discount: 0.01, margin: 1, model: m });
  });
});

describe("the model option in the pane", () => {
  it("shows Auto (recommended) with its help line; the four choices in English", async () => {
    pane(fakeExcel().ops, "en-US");
    await screen.findByTestId("options");
    expect(screen.getByTestId("opt-model").textContent).toBe("Auto (recommended)");
    expect(screen.getByText("Auto fits all three and keeps the one that fits best (the CVA Model sheet says why).")).toBeTruthy();
    fireEvent.click(screen.getByTestId("opt-model"));
    const listbox = await screen.findByRole("listbox");
    expect(within(listbox).getAllByRole("option").map((o) => o.textContent)).toEqual(["Auto (recommended)", "BG/NBD", "MBG/NBD", "Pareto/NBD"]);
  });

  it("in Chinese: 自动（推荐） and the models by name", async () => {
    pane(fakeExcel().ops, "zh-CN");
    await screen.findByTestId("options");
    expect(screen.getByTestId("opt-model").textContent).toBe("自动（推荐）");
    fireEvent.click(screen.getByTestId("opt-model"));
    const listbox = await screen.findByRole("listbox");
    expect(within(listbox).getAllByRole("option").map((o) => o.textContent)).toEqual(["自动（推荐）", "BG/NBD 模型", "MBG/NBD 模型", "Pareto/NBD 模型"]);
  });

  it("the holdout check's calibration end: empty by default; a date that is not YYYY-MM-DD is refused and blocks the run", async () => {
    pane(fakeExcel().ops, "en-US");
    await screen.findAllByTestId("map-id");
    expect((screen.getByTestId("opt-calibration") as HTMLInputElement).value).toBe("");
    await waitFor(() => expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.change(screen.getByTestId("opt-calibration"), { target: { value: "30/09/1997" } });
    expect(await screen.findByText("The calibration end must be a date written YYYY-MM-DD, before the observation end, or empty.")).toBeTruthy();
    expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("opt-calibration"), { target: { value: "1997-09-30" } });
    await waitFor(() => expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(false));
  });

  it("a choice made in the pane is saved and reaches the analysis", async () => {
    const { ops, saved } = fakeExcel();
    pane(ops, "en-US");
    await screen.findAllByTestId("map-id");
    fireEvent.click(screen.getByTestId("opt-model"));
    fireEvent.click(within(await screen.findByRole("listbox")).getByRole("option", { name: "MBG/NBD" }));
    await waitFor(() => expect(screen.getByTestId("opt-model").textContent).toBe("MBG/NBD"));
    await waitFor(() => expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("run"));
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(saved).toEqual([expect.objectContaining({ model: "mbgnbd" })]);
    expect(analyze.mock.calls.map((c) => c[1]?.lifetime?.model)).toEqual(["mbgnbd"]);
  }, 30_000);
});
