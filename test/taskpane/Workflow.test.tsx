/**
 * @jest-environment jsdom
 *
 * The task pane flow with fake Excel operations and the real computation (core's analyze through
 * src/taskpane/workflow): mapping dropdowns, options, the progress bar and Cancel, error bars in
 * both languages, and the results.
 */
import { render, screen, act, waitFor, fireEvent, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { ExcelIssue, type AnalysisCallbacks, type AnalysisOutcome, type AnalysisRequest, type ExcelOperations, type SourceData, type Target } from "../../src/excel";
import type { Locale } from "../../src/taskpane/strings";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";

// @fluentui/react-charts ships d3 as ES modules, which jest's CommonJS runtime cannot load; the
// preview chart is replaced here by a list of its data points (the real chart renders in the
// browser test, test/browser/taskpane.test.ts).
jest.mock("@fluentui/react-charts", () => ({
  FunnelChart: ({ data, chartTitle }: { data: { stage: string; value: number }[]; chartTitle: string }) => (
    <ol aria-label={chartTitle} data-testid="funnel">
      {data.map((d) => (
        <li key={d.stage} data-value={d.value}>{d.stage}</li>
      ))}
    </ol>
  ),
}));

const cdnow = cdnowSheet(cdnowText());

function sourceData(rows: unknown[][], address = `Sheet1!A1:D${rows.length}`): SourceData {
  return { address, sheet: "Sheet1", header: rows[0].map(String), rows: rows.slice(1), dateFormatted: [false, true, false, false], chunks: 1 };
}

interface FakeOptions {
  data?: SourceData;
  runError?: unknown;
  /** Awaited before compute: lets a test click Cancel mid-run. */
  gate?: Promise<void>;
}

function fakeExcel(o: FakeOptions = {}) {
  const data = o.data ?? sourceData(cdnow.rows);
  const calls: { requests: AnalysisRequest[]; stages: string[]; selected: Target[]; saved: unknown[]; written: boolean } = { requests: [], stages: [], selected: [], saved: [], written: false };
  const ops: ExcelOperations = {
    readSelection: async () => ({ address: data.address, sheet: "Sheet1", range: data.address.split("!")[1], rows: data.rows.length + 1, columns: 4 }),
    watchSelection: async () => async () => undefined,
    listSources: async () => ({ tables: [{ name: "Purchases", address: data.address, sheet: "Sheet1" }], names: [] }),
    previewSource: async () => ({ ...data, rows: data.rows.slice(0, 50) }),
    runAnalysis: async (request: AnalysisRequest, cb: AnalysisCallbacks): Promise<AnalysisOutcome> => {
      calls.requests.push(request);
      if (o.runError) throw o.runError;
      cb.onProgress?.("reading", 1, 1);
      calls.stages.push("reading");
      await o.gate;
      if (cb.isCancelled?.()) throw new ExcelIssue("cancelled", "cancelled");
      const plan = await cb.compute(data, undefined);
      if (cb.isCancelled?.()) throw new ExcelIssue("cancelled", "cancelled");
      calls.written = true;
      cb.onProgress?.("writing", 1, 1);
      cb.onProgress?.("charting", 1, 1);
      return {
        resultsSheet: request.names.results,
        reportSheet: request.names.report,
        tableName: plan.results.tableName,
        tableAddress: `'${request.names.results}'!A1:W${plan.results.rows.length + 1}`,
        charts: plan.report.charts.map((c) => ({ name: c.name, title: c.title, sheet: request.names.report })),
        chunks: 1,
        replaced: false,
        readChunks: 1,
      };
    },
    select: async (target) => void calls.selected.push(target),
    loadSettings: () => undefined,
    saveSettings: async (v) => void calls.saved.push(v),
  };
  return { ops, calls };
}

function renderPane(ops: ExcelOperations, locale: Locale = "en-US") {
  return render(<App excel={ops} locale={locale} theme={webLightTheme} />);
}

async function ready() {
  await screen.findByTestId("map-id");
}

describe("the flow", () => {
  it("recognises transactions from the headers and presets the mapping dropdowns, required ones marked", async () => {
    const { ops } = fakeExcel();
    renderPane(ops);
    await ready();
    expect(screen.getByTestId("kind-detected").textContent).toBe("Recognised from the headers: Transactions (one row per purchase). Change it if that is wrong.");
    expect((screen.getByTestId("map-id") as HTMLButtonElement).textContent).toBe("customer_id");
    expect(screen.getByTestId("map-date").textContent).toBe("date");
    expect(screen.getByTestId("map-amount").textContent).toBe("amount");
    expect(screen.getByTestId("map-quantity").textContent).toBe("cds");
    expect(screen.getByTestId("map-cost").textContent).toBe("(none)");
    const mapping = screen.getByTestId("mapping");
    const required = within(mapping).getAllByText("*");
    expect(required).toHaveLength(3);
  });

  it("a mapping changed in its dropdown is used; clearing a required role disables Run", async () => {
    const rows = cdnow.rows.map((r, i) => (i === 0 ? ["buyer", "when", "cds", "amount"] : r));
    const { ops } = fakeExcel({ data: sourceData(rows) });
    renderPane(ops);
    await ready();
    expect(screen.getByTestId("kind-detected").textContent).toContain("The headers name no customer id");
    expect(screen.getByTestId("map-id").textContent).toBe("(none)");
    expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getAllByText("Required")).toHaveLength(2); // id and date
    await pick("map-id", "buyer");
    await pick("map-date", "when");
    expect(screen.queryAllByText("Required")).toHaveLength(0);
    expect(screen.getByTestId("map-id").textContent).toBe("buyer");
    await waitFor(() => expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(false));
  });

  it("checks the options: tier shares that do not add up to 100 disable Run, with the reason", async () => {
    const { ops } = fakeExcel();
    renderPane(ops);
    await ready();
    fireEvent.change(screen.getByTestId("opt-tiers"), { target: { value: "10, 20, 30" } });
    expect(await screen.findByText("The tier shares must be positive and add up to 100.")).toBeTruthy();
    expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("opt-tiers"), { target: { value: "20, 30, 50" } });
    await waitFor(() => expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(false));
  });

  it("runs on CDNOW: progress by stage, options remembered, headline figures, links that select", async () => {
    const { ops, calls } = fakeExcel();
    renderPane(ops);
    await ready();
    fireEvent.change(screen.getByTestId("opt-tiers"), { target: { value: "20, 30, 50" } });
    fireEvent.click(screen.getByTestId("run"));
    expect(await screen.findByTestId("progress")).toBeTruthy();
    const results = await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(calls.requests[0].names).toEqual({ results: "CVA Results", report: "CVA Report", model: "CVA Model" });
    expect(calls.saved).toEqual([expect.objectContaining({ tiers: [20, 30, 50], horizonMonths: 12, lang: "en-US", model: "auto" })]);
    expect(within(results).getByTestId("result-customers").textContent).toBe("2,357");
    expect(within(results).getByTestId("result-equity").textContent).toMatch(/^\d{1,3}(,\d{3})+$/);
    expect(within(results).getByTestId("result-top-share").textContent).toMatch(/^\d+(\.\d)?%$/);
    expect(Number(within(results).getByTestId("result-at-risk").textContent!.replace(/,/g, ""))).toBeGreaterThan(0);
    // The preview: customers per tier, top first, following the 20/30/50 cut-offs.
    const tiers = within(results).getAllByRole("listitem").map((li) => Number(li.getAttribute("data-value")));
    expect(tiers.reduce((a, b) => a + b)).toBe(2357);
    expect(tiers[0]).toBeGreaterThanOrEqual(Math.floor(2357 * 0.2));
    expect(tiers[0] + tiers[1]).toBeGreaterThanOrEqual(Math.floor(2357 * 0.5));
    expect(screen.queryByTestId("progress")).toBeNull();
    fireEvent.click(within(results).getByTestId("link-table"));
    fireEvent.click(within(results).getByTestId("link-CVA_Pyramid"));
    await waitFor(() => expect(calls.selected).toEqual([{ kind: "table", name: "CVA_Results" }, { kind: "chart", sheet: "CVA Report", name: "CVA_Pyramid" }]));
  }, 30_000);

  it("Cancel stops the run before anything is written and says the workbook is unchanged", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { ops, calls } = fakeExcel({ gate });
    renderPane(ops);
    await ready();
    fireEvent.click(screen.getByTestId("run"));
    expect((await screen.findByTestId("progress")).textContent).toContain("Reading the range…");
    fireEvent.click(screen.getByTestId("cancel"));
    await act(async () => open());
    expect((await screen.findByTestId("run-error")).textContent).toBe("Cancelled. The workbook is unchanged.");
    expect(calls.written).toBe(false);
  });
});

describe("errors, in the user's language", () => {
  it("unparseable dates name the column and the first rows", async () => {
    const rows = cdnow.rows.slice(0, 40).map((r) => r.slice());
    rows[5][1] = "1997-13-01";
    rows[9][1] = "soon";
    const { ops } = fakeExcel({ data: sourceData(rows) });
    renderPane(ops);
    await ready();
    fireEvent.click(screen.getByTestId("run"));
    expect((await screen.findByTestId("run-error")).textContent).toBe(
      "Column “date”: 2 cells are not dates, e.g. row 6 (“1997-13-01”), 10 (“soon”). Use dates or YYYY-MM-DD text.",
    );
  });

  it("a protected sheet, in Chinese", async () => {
    const { ops } = fakeExcel({ runError: new ExcelIssue("protected", "protected", "客户价值分析") });
    renderPane(ops, "zh-CN");
    await ready();
    fireEvent.click(screen.getByTestId("run"));
    expect((await screen.findByTestId("run-error")).textContent).toBe("工作簿或工作表 客户价值分析 受保护。请取消保护（审阅 › 撤消保护），或选择新工作表。");
  });

  it("no selection: the source error bar", async () => {
    const { ops } = fakeExcel();
    ops.previewSource = async () => {
      throw new ExcelIssue("noData", "no data", "Sheet1!B7");
    };
    renderPane(ops);
    expect((await screen.findByTestId("source-error")).textContent).toBe("Select a range with a header row and at least one row of data under it (now: Sheet1!B7).");
  });

  it("too few customers to fit: falls back and says so (zh-CN sheets)", async () => {
    const rows = cdnow.rows.slice(0, 12);
    const { ops, calls } = fakeExcel({ data: sourceData(rows) });
    renderPane(ops, "zh-CN");
    await ready();
    expect(screen.getByTestId("kind-detected").textContent).toBe("根据标题识别为：交易（每行一次购买）。如有误请更改。");
    fireEvent.click(screen.getByTestId("run"));
    const warning = await screen.findByTestId("fallback", {}, { timeout: 20_000 });
    expect(warning.textContent).toBe("无法拟合模型，金字塔改用毛利或收入而非终生价值：只有 6 位客户，生命周期模型至少需要 10 位");
    expect(calls.requests[0].names).toEqual({ results: "客户价值分析", report: "金字塔报告", model: "生命周期模型" });
    expect(screen.getByTestId("result-equity").textContent).toBe("—");
  });
});

async function pick(testId: string, option: string) {
  fireEvent.click(screen.getByTestId(testId));
  const listbox = await screen.findByRole("listbox");
  fireEvent.click(within(listbox).getByRole("option", { name: option }));
  await waitFor(() => expect(screen.queryByRole("listbox")).toBeNull());
}
