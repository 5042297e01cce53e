/**
 * The pyramid over time through the pane's analysis (src/taskpane/workflow/worker-client.ts): the
 * history's rows cross to the worker packed in transferable columns, the worker adds the comparison
 * to the plan (withHistory, ./history-plan.ts) and hands this run's rows back packed; the plan
 * equals the in-page path's, cell for cell. A stand-in worker runs the real worker code behind a
 * structured-clone boundary with transfer, as in worker-client.test.ts.
 */
import { bodyRows } from "../../src/excel/plan";
import { computeStaged, type ComputeInput } from "../../src/taskpane/workflow/compute";
import { historyRows } from "../../src/taskpane/workflow/history-plan";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { computeInPane, type WorkerLike } from "../../src/taskpane/workflow/worker-client";
import type { RunRequest, WorkerMessage } from "../../src/taskpane/workflow/worker-protocol";
import { runRequest } from "../../src/taskpane/workflow/worker-run";
import { cdnowSource } from "../fakes/cdnow";

class CloneWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  transferred = 0;
  postMessage(message: RunRequest, transfer: Transferable[]): void {
    const req = structuredClone(message, { transfer });
    this.transferred = transfer.length;
    setTimeout(
      () =>
        void runRequest(req, (m, t) => {
          const copy = structuredClone(m, { transfer: t ?? [] });
          setTimeout(() => this.onmessage?.({ data: copy } as MessageEvent<WorkerMessage>), 0);
        }),
      0,
    );
  }
  terminate(): void {}
}

const input = (): ComputeInput => {
  const source = cdnowSource(6920);
  return { kind: "transactions", source: { ...source, dateFormatted: [false, true, false, false] }, mapping: recognise(source.header).transactions };
};

describe("the history through the worker", () => {
  it.each(["en-US", "zh-CN"] as const)("gives the in-page path's plan with the comparison and this run's rows (%s)", async (lang) => {
    const first = await computeStaged(input(), { ...defaultOptions(lang), end: "1998-03-31" });
    const history = { rows: historyRows(first.result, 46000.5), stamp: 46001.5 };
    const o = { ...defaultOptions(lang), end: "1998-06-30" };
    const worker = new CloneWorker();
    const inWorker = await computeInPane(input(), o, { spawn: () => worker }, history);
    const inPage = await computeInPane(input(), o, { spawn: () => undefined }, history);
    expect(inWorker.ranIn).toBe("worker");
    expect(inPage.ranIn).toBe("page");
    // The results table comes back packed, its rows made when the writer asks for them.
    expect({ ...inWorker.plan, results: { ...inWorker.plan.results, rows: bodyRows(inWorker.plan.results), body: undefined } }).toEqual(inPage.plan);
    // The history went by transfer: the source's columns and the history's seven.
    expect(worker.transferred).toBe(3 * (4 + 7)); // three buffers a column (numbers, codes, the texts' ends): the source's four, the history's seven
    const ids = inWorker.plan.report.blocks.filter((b) => b.id.startsWith("migration")).map((b) => b.id);
    expect(ids).toEqual(["migrationCustomers", "migrationValue", "migrationDown", "migrationNew", "migrationChurned"]);
    // 2,357 customers at both ends: all in the matrix's total, none new.
    const matrix = inWorker.plan.report.blocks.find((b) => b.id === "migrationCustomers");
    const totals = matrix?.rows[matrix.rows.length - 1] ?? [];
    expect(totals[totals.length - 1]).toBe(2357);
    expect(inWorker.plan.history?.rows).toHaveLength(2357);
    expect(inWorker.plan.history?.rows[0][0]).toBe(46001.5);
    expect(inWorker.plan.history?.drop).toBe(0);
  }, 60_000);
});
