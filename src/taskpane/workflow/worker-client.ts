/**
 * Where the pane's analysis runs (docs/architecture.md §15). In a dedicated Web Worker when the
 * webview has them (WebView2, WKWebView and the browsers of Excel on the web all do): the page's
 * thread only packs the rows into transferable columns, slice by slice, yielding between slices,
 * and keeps the results table packed (the writer makes its rows a block at a time, yielding too),
 * so it never works for long and Office's messages, the pane and
 * the custom functions keep running. Cancel terminates the worker at once, in any stage, the fit
 * included; nothing has been written to the workbook by then.
 *
 * Where no worker can be started (no `Worker`, a policy that refuses it, a worker script that does
 * not load), the same {@link computeStaged} runs on the page's thread with a pause between stages:
 * the pane shows each stage and takes a Cancel between stages, but a long stage (the fit of a
 * million transactions) holds the thread until it ends. {@link PaneOutput.ranIn} says which path
 * ran, and the pane says so.
 */
import type { HistoryWrite } from "../../excel/history";
import type { OutputPlan } from "../../excel/plan";
import { Cancelled, computeStaged, type ComputeHooks, type ComputeInput, type RangeValues } from "./compute";
import type { AnalysisOptions } from "./options";
import type { Headline } from "./output";
import { yieldToEventLoop as yieldToPage } from "../../excel/chunks";
import { packRowsInSlices, rowSource, transferables, unpackRowsInSlices } from "./transfer";
import { withHistory } from "./history-plan";
import { fromWire, type PackedRange, type Phase, type RunRequest, type WorkerMessage } from "./worker-protocol";
import type { Cell } from "../../excel/plan";

/** The worker bundle's file, beside taskpane.html (webpack.config.js, entry "analysis.worker"). */
export const WORKER_FILE = "analysis.worker.js";

/** How often a Cancel is looked for while the worker computes: well inside the 200 ms a Cancel may take. */
export const CANCEL_POLL_MS = 25;

export type RanIn = "worker" | "page";

export interface PaneOutput {
  /** With this run's rows of the history when the run keeps one. */
  plan: OutputPlan & { history?: HistoryWrite };
  headline: Headline;
  fallback: string | null;
  /** Where the analysis ran: a Web Worker, or the page's own thread (no worker could be started). */
  ranIn: RanIn;
}

/** The smallest part of a Worker this file uses (tests hand in their own). */
export interface WorkerLike {
  postMessage(message: RunRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface PaneHooks extends ComputeHooks {
  /** Starts the worker; undefined when none can be started. Default: {@link startWorker}. */
  spawn?: () => WorkerLike | undefined;
  /** Awaited after each slice of packing and unpacking on the page's thread. Default: {@link yieldToPage}. */
  slicePause?: () => Promise<void>;
  /** Each phase of a worker run once it has ended, on the page's clock (performance.now(), ms): where the time went. */
  onPhase?: (phase: Phase) => void;
}

/**
 * A new analysis worker, or undefined where the webview has no Worker or refuses this one
 * (a content security policy, a sandbox): the caller then computes on the page's thread.
 */
export function startWorker(): WorkerLike | undefined {
  if (typeof Worker !== "function") return undefined;
  try {
    return new Worker(WORKER_FILE) as unknown as WorkerLike;
  } catch (e) {
    // A SecurityError: workers are refused here. Not an error of the run: the in-page path computes.
    console.warn(`CVA: no analysis worker (${e instanceof Error ? e.message : String(e)}); analysing on the page's thread`);
    return undefined;
  }
}

async function packRange(r: RangeValues, pause: () => Promise<void>): Promise<PackedRange> {
  return { address: r.address, header: r.header, rows: await packRowsInSlices(r.rows, pause), dateFormatted: r.dateFormatted };
}

/**
 * The analysis of the Run action, off the page's thread where it can be (see the file's comment).
 * @throws Cancelled when cancelled (the worker is terminated); InputIssue, CvaError as
 *   {@link computeStaged} throws them.
 */
export async function computeInPane(ci: ComputeInput, o: AnalysisOptions, hooks: PaneHooks = {}, history?: PaneHistory): Promise<PaneOutput> {
  const worker = (hooks.spawn ?? startWorker)();
  if (!worker) return inPage(ci, o, hooks, history);
  const isCancelled = hooks.isCancelled ?? (() => false);
  const basePause = hooks.slicePause ?? yieldToPage;
  const pause = async () => {
    await basePause();
    if (isCancelled()) throw new Cancelled("cancelled");
  };
  let poll: ReturnType<typeof setInterval> | undefined;
  const phase = (name: Phase["phase"], start: number, end = performance.now()) => hooks.onPhase?.({ phase: name, start, end });
  const started = performance.now();
  try {
    hooks.onStage?.("summarising");
    const source = await packRange(ci.source, pause);
    const profiles = ci.profiles ? { ...(await packRange(ci.profiles, pause)), mapping: ci.profiles.mapping } : undefined;
    if (isCancelled()) throw new Cancelled("cancelled");
    const packedHistory = history ? { rows: await packRowsInSlices(history.rows, pause), stamp: history.stamp } : undefined;
    phase("pack", started);
    const request: RunRequest = { type: "run", kind: ci.kind, source, mapping: ci.mapping, profiles, options: o, ...(packedHistory ? { history: packedHistory } : {}) };
    let received = 0;
    const answer = new Promise<WorkerMessage & { type: "done" }>((resolve, reject) => {
      let heard = false;
      worker.onmessage = (e) => {
        heard = true;
        const m = e.data;
        if (m.type === "stage") hooks.onStage?.(m.stage);
        else if (m.type === "done") {
          received = performance.now();
          resolve(m);
        }
        else reject(fromWire(m.error));
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        // Before the worker said anything, its script did not load or start: compute here instead.
        reject(heard ? new Error(`the analysis worker failed: ${e.message}`) : new NoWorker(e.message));
      };
      poll = setInterval(() => isCancelled() && reject(new Cancelled("cancelled")), CANCEL_POLL_MS);
    });
    const posting = performance.now();
    worker.postMessage(request, [...transferables(source.rows), ...(profiles ? transferables(profiles.rows) : []), ...(packedHistory ? transferables(packedHistory.rows) : [])]);
    phase("post", posting);
    let done: WorkerMessage & { type: "done" };
    try {
      done = await answer;
    } catch (e) {
      if (!(e instanceof NoWorker)) throw e;
      console.warn(`CVA: the analysis worker did not start (${e.message}); analysing on the page's thread`);
      worker.terminate();
      return await inPage(ci, o, hooks, history);
    }
    clearInterval(poll);
    worker.terminate();
    // The worker's phases on the page's clock; its reply ends as the page receives it.
    for (const p of done.phases) phase(p.phase, p.start - performance.timeOrigin, p.phase === "reply" ? received : p.end - performance.timeOrigin);
    // The results table stays packed: the writer makes its rows a block at a time (../../excel/write.ts).
    const body = rowSource<Cell>(done.resultRows);
    const kept = done.history && done.historyRows ? { history: { ...done.history, rows: await unpackRowsInSlices<Cell>(done.historyRows, pause) } } : {};
    phase("receive", received);
    return { plan: { ...done.plan, results: { ...done.plan.results, rows: [], body }, ...kept }, headline: done.headline, fallback: done.fallback, ranIn: "worker" };
  } finally {
    clearInterval(poll);
    worker.terminate();
  }
}

/** The history's body rows as read (./history-plan.ts) and this run's stamp (runStamp, ./history-plan.ts). */
export interface PaneHistory {
  rows: readonly (readonly Cell[])[];
  stamp: number;
}

class NoWorker extends Error {
  readonly name = "NoWorker";
}

async function inPage(ci: ComputeInput, o: AnalysisOptions, hooks: ComputeHooks, history?: PaneHistory): Promise<PaneOutput> {
  const out = await computeStaged(ci, o, hooks);
  const plan = history ? withHistory(out.plan, out.result, history.rows, history.stamp, o.lang, o.tiers.map((x) => x / 100)) : out.plan;
  return { plan, headline: out.headline, fallback: out.fallback, ranIn: "page" };
}
