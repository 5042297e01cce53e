/**
 * Where the pane's analysis runs (src/taskpane/workflow/worker-client.ts): in a worker, with the
 * rows and the results table packed for transfer, or on the page's thread. A stand-in worker runs
 * the real worker code (worker-run.ts) behind a structured-clone boundary with transfer, as a
 * Web Worker does (the browser test runs the real Worker in Chromium). Pinned: the worker's
 * output equals the in-page path's on CDNOW, cell for cell; errors come back as the same classes
 * with the same sentence; a Cancel during the fit terminates the worker within the poll; no
 * worker, or one that never starts, means the in-page path.
 */
import { CvaError, ErrorCodes, localizedMessage } from "../../src/core";
import { bodyRows } from "../../src/excel/plan";
import { describeError } from "../../src/taskpane/errors";
import { Cancelled, computeStaged, type ComputeInput } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { CANCEL_POLL_MS, computeInPane, type WorkerLike } from "../../src/taskpane/workflow/worker-client";
import { fromWire, toWire, type RunRequest, type WorkerMessage } from "../../src/taskpane/workflow/worker-protocol";
import { runRequest } from "../../src/taskpane/workflow/worker-run";
import { cdnowSource } from "../fakes/cdnow";

/** A worker on this thread: messages cross by structuredClone with transfer, delivered as tasks. */
class CloneWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  sent: WorkerMessage[] = [];
  /** `hold(m)` true: the worker goes quiet from that message on (a fit that runs on). */
  constructor(private readonly hold: (m: WorkerMessage) => boolean = () => false) {}
  postMessage(message: RunRequest, transfer: Transferable[]): void {
    const req = structuredClone(message, { transfer });
    // The transferred buffers are the worker's now: the sender's views are detached.
    expect(transfer.every((b) => (b as ArrayBuffer).byteLength === 0)).toBe(true);
    let quiet = false;
    setTimeout(
      () =>
        void runRequest(req, (m, t) => {
          quiet ||= this.hold(m);
          if (quiet || this.terminated) return;
          this.sent.push(m);
          const copy = structuredClone(m, { transfer: t ?? [] });
          setTimeout(() => !this.terminated && this.onmessage?.({ data: copy } as MessageEvent<WorkerMessage>), 0);
        }),
      0,
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

const cdnow = (rows = 6920): ComputeInput => {
  const source = cdnowSource(rows);
  return { kind: "transactions", source: { ...source, dateFormatted: [false, true, false, false] }, mapping: recognise(source.header).transactions };
};

describe("the analysis in a worker", () => {
  it("gives the in-page path's plan, headline and fallback on CDNOW, cell for cell, and says it ran in the worker", async () => {
    const options = { ...defaultOptions("en-US"), model: "bgnbd" as const };
    const page = await computeStaged(cdnow(), options);
    const stages: string[] = [];
    const worker = new CloneWorker();
    const out = await computeInPane(cdnow(), options, { spawn: () => worker, onStage: (s) => stages.push(s) });
    expect(out.ranIn).toBe("worker");
    // The results table comes back packed, its rows made when the writer asks for them.
    expect(out.plan.results.rows).toEqual([]);
    expect(out.plan.results.body?.length).toBe(2357);
    expect({ ...out.plan, results: { ...out.plan.results, rows: bodyRows(out.plan.results), body: undefined } }).toEqual(page.plan);
    expect(out.headline).toEqual(page.headline);
    expect(out.fallback).toBe(page.fallback);
    // Every stage said, in order (the page says "summarising" while it packs, the worker again as it starts).
    expect(stages).toEqual(["summarising", "summarising", "fitting", "scoring"]);
    expect(worker.terminated).toBe(true);
  });

  it("brings back a bad date as the same InputIssue, naming the worksheet rows, in the user's language", async () => {
    const ci = cdnow(40);
    ci.source.rows[4][1] = "not a date";
    ci.source.rows[9][1] = "2020-13-45";
    const inPage = await computeStaged(ci, defaultOptions("zh-CN")).catch((e: unknown) => e);
    const inWorker = await computeInPane(ci, defaultOptions("zh-CN"), { spawn: () => new CloneWorker() }).catch((e: unknown) => e);
    expect(inWorker).toBeInstanceOf(Error);
    expect((inWorker as Error).name).toBe("InputIssue");
    // Rows 6 and 11 of the sheet: data starts on row 2.
    expect(describeError(inWorker, "zh-CN")).toBe(describeError(inPage, "zh-CN"));
    expect(describeError(inWorker, "en-US")).toContain("6 (“not a date”), 11 (“2020-13-45”)");
  });

  it("carries a keyed CvaError across with its key, parameters and context (the zh-CN sentence survives)", () => {
    const e = CvaError.keyed(ErrorCodes.OutOfRange, "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 }, { argument: "retention" }).withContext("Sheet1!A1");
    const back = fromWire(structuredClone(toWire(e)));
    expect(back).toBeInstanceOf(CvaError);
    expect(localizedMessage(back, "zh-CN")).toBe(localizedMessage(e, "zh-CN"));
    expect(localizedMessage(back, "en-US")).toBe(e.message);
    expect((back as CvaError).where).toEqual({ argument: "retention" });
  });

  it("cancels during the fit: the worker is terminated and Cancelled thrown within the poll interval", async () => {
    let cancel = false;
    let cancelAt = 0;
    // The worker says "fitting" and then nothing more: a fit still running when the user cancels.
    const worker = new CloneWorker((m) => m.type === "stage" && m.stage === "scoring");
    const run = computeInPane(cdnow(), defaultOptions("en-US"), {
      spawn: () => worker,
      isCancelled: () => cancel,
      onStage: (s) => {
        if (s === "fitting")
          setTimeout(() => {
            cancel = true;
            cancelAt = Date.now();
          }, 20);
      },
    });
    await expect(run).rejects.toBeInstanceOf(Cancelled);
    const latency = Date.now() - cancelAt;
    expect(worker.terminated).toBe(true);
    expect(latency).toBeLessThanOrEqual(CANCEL_POLL_MS + 100);
    expect(worker.sent.map((m) => (m.type === "stage" ? m.stage : m.type))).toEqual(["summarising", "fitting"]);
  });

  it("cancels while the page packs the rows, before anything reaches a worker", async () => {
    const worker = new CloneWorker();
    const post = jest.spyOn(worker, "postMessage");
    const run = computeInPane(cdnow(), defaultOptions("en-US"), { spawn: () => worker, isCancelled: () => true });
    await expect(run).rejects.toBeInstanceOf(Cancelled);
    expect(post).not.toHaveBeenCalled();
    expect(worker.terminated).toBe(true);
  });
});

describe("the analysis without a worker", () => {
  it("runs on the page's thread where no worker can be started, with the same output", async () => {
    const options = { ...defaultOptions("en-US"), model: "bgnbd" as const };
    const page = await computeStaged(cdnow(), options);
    const out = await computeInPane(cdnow(), options, { spawn: () => undefined });
    expect(out.ranIn).toBe("page");
    expect(out.plan).toEqual(page.plan);
  });

  it("runs on the page's thread when the worker's script never starts (an error before any message)", async () => {
    let terminated = false;
    const broken: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() {
        setTimeout(() => this.onerror?.({ message: "404", preventDefault: () => undefined } as unknown as ErrorEvent), 0);
      },
      terminate: () => void (terminated = true),
    };
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const out = await computeInPane(cdnow(300), { ...defaultOptions("en-US"), model: "bgnbd" }, { spawn: () => broken });
    expect(out.ranIn).toBe("page");
    expect(terminated).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("analysing on the page's thread"));
    warn.mockRestore();
  });

  it("fails the run, not falls back, when a started worker dies", async () => {
    const dying: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() {
        setTimeout(() => {
          this.onmessage?.({ data: { type: "stage", stage: "summarising" } } as MessageEvent<WorkerMessage>);
          this.onerror?.({ message: "out of memory", preventDefault: () => undefined } as unknown as ErrorEvent);
        }, 0);
      },
      terminate: () => undefined,
    };
    await expect(computeInPane(cdnow(300), defaultOptions("en-US"), { spawn: () => dying })).rejects.toThrow("the analysis worker failed: out of memory");
  });
});
