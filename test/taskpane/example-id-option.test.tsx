/**
 * @jest-environment jsdom
 *
 * The worked example's customer id in the Options step's "Advanced" fold (docs/live-model.md §4):
 * empty by default (the customer of highest CLV, which the hint says), typed and saved with the
 * other options, restored into the fold (which opens by itself when it holds one); an id that is
 * not in the data stops the run with a message in the pane's language naming the id — and the id
 * that differs only by leading zeros, "0007" for 7 — before the plan reaches the workbook. The
 * choice itself on hand-built customers: ties, a customer without CLV, trimming, and which ids
 * count as near (leading zeros, a trailing ".0", case) but are never taken.
 */
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { defaultOptions, mergeOptions } from "../../src/taskpane/workflow/options";
import { exampleCustomer, type CustomerLike } from "../../src/taskpane/workflow/live-plan";
import { isCvaError } from "../../src/core";
import { describeError } from "../../src/taskpane/errors";
import { fromWire, toWire } from "../../src/taskpane/workflow/worker-protocol";
import { fakeExcel, pane, runButton } from "./option-pane";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

describe("the worked example's customer id as an option", () => {
  it("is empty by default; a saved text is restored as saved, another type ignored", () => {
    expect(defaultOptions("en-US").exampleId).toBe("");
    expect(defaultOptions("zh-CN").exampleId).toBe("");
    expect(mergeOptions(defaultOptions("en-US"), { exampleId: "0007" }).exampleId).toBe("0007");
    expect(mergeOptions(defaultOptions("en-US"), { exampleId: 7 as unknown as string }).exampleId).toBe("");
    // Saved settings from before the option existed: the default.
    expect(mergeOptions(defaultOptions("en-US"), { penalizer: "0.1" }).exampleId).toBe("");
  });
});

describe("the worked example's customer, chosen among the analysis's customers", () => {
  const c = (customerId: string, clv: number | null, frequency = 1): CustomerLike => ({ customerId, clv, summary: { frequency, recency: 2, T: 10, monetary: 5 } });
  const customers = [c("0007", 3), c("7.5", 1), c("Ann", 9), c("Bob", 9), c("42", 2), c("x", null)];
  const refused = (id: string) => {
    try {
      exampleCustomer(customers, id);
    } catch (e) {
      if (isCvaError(e)) return { key: e.key, params: e.params };
      throw e;
    }
    return null;
  };

  it("empty (or spaces): the highest CLV, the first of equals; a customer without CLV never", () => {
    expect(exampleCustomer(customers, "")).toEqual({ id: "Ann", x: 1, tx: 2, T: 10, monetary: 5 });
    expect(exampleCustomer(customers, "  ")!.id).toBe("Ann");
    expect(exampleCustomer([c("x", null)], "")).toBeNull();
  });

  it("an id is taken as written, trimmed, and marked as chosen — even one without CLV", () => {
    expect(exampleCustomer(customers, "0007")).toEqual({ id: "0007", x: 1, tx: 2, T: 10, monetary: 5, chosen: true });
    expect(exampleCustomer(customers, " 42 ")!.id).toBe("42");
    expect(exampleCustomer(customers, "x")!.id).toBe("x");
  });

  it("an id that differs in leading zeros, a trailing .0 or case is refused, naming the near one; others just refused", () => {
    expect(refused("7")).toEqual({ key: "example.nearId", params: { id: "7", near: "0007" } });
    expect(refused("42.0")).toEqual({ key: "example.nearId", params: { id: "42.0", near: "42" } });
    expect(refused("7.50")).toEqual({ key: "example.nearId", params: { id: "7.50", near: "7.5" } });
    expect(refused("ann")).toEqual({ key: "example.nearId", params: { id: "ann", near: "Ann" } });
    expect(refused("0043")).toEqual({ key: "example.unknownId", params: { id: "0043" } });
    expect(refused("7-")).toEqual({ key: "example.unknownId", params: { id: "7-" } });
  });

  it("the refusal crosses from the analysis worker as the same sentence in either language", () => {
    let error: unknown;
    try {
      exampleCustomer(customers, "7");
    } catch (e) {
      error = e;
    }
    const revived = fromWire(JSON.parse(JSON.stringify(toWire(error))));
    for (const lang of ["en-US", "zh-CN"] as const) expect(describeError(revived, lang)).toBe(describeError(error, lang));
    expect(describeError(revived, "zh-CN")).toContain("客户编号“7”（选项 › 高级）不在数据中，但“0007”在");
  });
});

describe("the worked example's customer id in the pane", () => {
  it.each([
    ["en-US", "Advanced", "Worked example: customer id", "Empty: the customer with the highest CLV."],
    ["zh-CN", "高级", "计算示例：客户编号", "留空：使用终生价值最高的客户。"],
  ] as const)("%s: folded away under Advanced, empty, its hint naming the default; the id typed is saved with the run", async (locale, fold, label, hintEnd) => {
    const { ops, saved } = fakeExcel();
    const written: unknown[] = [];
    const run = ops.runAnalysis;
    ops.runAnalysis = async (request, cb) => {
      const out = await run(request, { ...cb, compute: async (...a) => (written.push(await cb.compute(...a)), written[written.length - 1] as never) });
      return out;
    };
    pane(ops, locale);
    await screen.findAllByTestId("map-id");
    expect(screen.queryByTestId("opt-example-id")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: fold }));
    expect(await screen.findByText(label)).toBeTruthy();
    expect(screen.getByText((text) => text.endsWith(hintEnd))).toBeTruthy();
    const input = screen.getByTestId("opt-example-id") as HTMLInputElement;
    expect(input.value).toBe("");
    fireEvent.change(input, { target: { value: "0007" } });
    await waitFor(() => expect(runButton().disabled).toBe(false));
    fireEvent.click(runButton());
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(saved).toHaveLength(1);
    expect((saved[0] as { exampleId: string }).exampleId).toBe("0007");
    // The plan handed to the workbook takes 0007 apart.
    const plan = written[0] as { model: { sections: { id: string; rows: unknown[][] }[] } };
    expect(plan.model.sections.find((s) => s.id === "worked")!.rows[0][1]).toBe("0007");
  }, 30_000);

  it("a saved id is restored into the fold, which opens by itself", async () => {
    pane(fakeExcel({ exampleId: "0003" }).ops, "en-US");
    await screen.findAllByTestId("map-id");
    expect((screen.getByTestId("opt-example-id") as HTMLInputElement).value).toBe("0003");
  });

  it.each([
    ["en-US", "7", 'The analysis stopped: the customer id "7" chosen for the worked example (Options, Advanced) is not in the data, but "0007" is'],
    ["en-US", "nobody", 'The analysis stopped: the customer id "nobody" chosen for the worked example (Options, Advanced) is not in the data; nothing was written.'],
    ["zh-CN", "nobody", "分析已停止：为计算示例选择的客户编号“nobody”（选项 › 高级）不在数据中；未写入任何内容。"],
  ] as const)("%s: the id %p, not in the data, stops the run before the write with a message naming it", async (locale, id, message) => {
    const { ops } = fakeExcel({ exampleId: id });
    const run = ops.runAnalysis;
    let compute = 0;
    let write = 0;
    ops.runAnalysis = async (request, cb) => {
      const out = await run(request, {
        ...cb,
        compute: async (...a) => {
          compute++;
          const plan = await cb.compute(...a);
          write++; // reached only with a plan: the fake's write would come here
          return plan;
        },
      });
      return out;
    };
    pane(ops, locale);
    await screen.findAllByTestId("map-id");
    await waitFor(() => expect(runButton().disabled).toBe(false));
    fireEvent.click(runButton());
    const error = await screen.findByTestId("run-error", {}, { timeout: 20_000 });
    expect(error.textContent).toContain(message);
    expect(compute).toBe(1);
    expect(write).toBe(0);
    expect(screen.queryByTestId("results")).toBeNull();
  }, 30_000);
});
