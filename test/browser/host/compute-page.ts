/**
 * A page that runs the pane's analysis as the pane does (src/taskpane/workflow/worker-client.ts)
 * over the CDNOW sample repeated under distinct ids, for the browser test and the browser
 * benchmark (bench/pane-worker.mjs). Built with the worker bundle beside it by
 * scripts/webpack/compute-page.js. Hooks on `window.__cvaCompute`:
 *
 * - `load(csv, copies)`: the rows as Excel hands them over (ids as text, dates as serial numbers
 *   in a date-formatted column, cds and amount as numbers), kept in the page;
 * - `run({ where, cancelInStage, cancelAfterMs })`: the analysis in the worker or on the page's
 *   thread, with every long task (PerformanceObserver "longtask") seen while it ran, the stages
 *   as the pane saw them, and, when asked to cancel once a stage has run for `cancelAfterMs`,
 *   how long the Cancel took to take effect.
 */
import { cdnowSheet } from "../../fakes/cdnow-sheet";
import { Cancelled, type ComputeInput, type ComputeStage } from "../../../src/taskpane/workflow/compute";
import { defaultOptions, type AnalysisOptions } from "../../../src/taskpane/workflow/options";
import { computeInPane, type PaneOutput } from "../../../src/taskpane/workflow/worker-client";

let input: ComputeInput | undefined;

function load(csv: string, copies: number): { transactions: number } {
  const sheet = cdnowSheet(csv).rows;
  const header = sheet[0].map(String);
  const base = sheet.slice(1);
  const rows: unknown[][] = new Array(base.length * copies);
  let k = 0;
  for (let c = 0; c < copies; c++) for (const [id, day, cds, amount] of base) rows[k++] = [c === 0 ? id : `${id}-${c}`, day, cds, amount];
  input = {
    kind: "transactions",
    source: { address: `Sheet1!A1:D${rows.length + 1}`, header, rows, dateFormatted: [false, true, false, false] },
    mapping: { id: 0, date: 1, quantity: 2, amount: 3 },
  };
  return { transactions: rows.length };
}

export interface RunArgs {
  where: "worker" | "page";
  options?: Partial<AnalysisOptions>;
  /** Cancel once this stage has run for `cancelAfterMs`. */
  cancelInStage?: ComputeStage;
  cancelAfterMs?: number;
}

export interface RunReport {
  ms: number;
  stages: { stage: ComputeStage; at: number }[];
  /** Every task over 50 ms on the page's thread: when it began (ms from the start) and how long it ran. */
  longTasks: { at: number; ms: number }[];
  cancelled: boolean;
  /** From the Cancel to the rejection the pane sees, when cancelled. */
  cancelMs: number | null;
  /** How many 10 ms ticks of a page timer ran while the analysis ran (the page stayed live). */
  ticks: number;
  output: (Omit<PaneOutput, "plan"> & { plan?: PaneOutput["plan"] }) | null;
  error: string | null;
}

async function run(args: RunArgs & { keepPlan?: boolean }): Promise<RunReport> {
  if (!input) throw new Error("load() first");
  const t0 = performance.now();
  const longTasks: RunReport["longTasks"] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push({ at: e.startTime - t0, ms: e.duration })));
  observer.observe({ type: "longtask", buffered: false });
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  const stages: RunReport["stages"] = [];
  let cancel = false;
  let cancelAt: number | null = null;
  let output: RunReport["output"] = null;
  let error: string | null = null;
  let cancelled = false;
  try {
    const out = await computeInPane(input, { ...defaultOptions("en-US"), ...args.options }, {
      spawn: args.where === "page" ? () => undefined : undefined,
      isCancelled: () => cancel,
      pause: () => new Promise((r) => setTimeout(r, 0)),
      onStage: (stage) => {
        stages.push({ stage, at: performance.now() - t0 });
        if (stage === args.cancelInStage)
          setTimeout(() => {
            cancel = true;
            cancelAt = performance.now();
          }, args.cancelAfterMs ?? 0);
      },
    });
    output = args.keepPlan ? out : { headline: out.headline, fallback: out.fallback, ranIn: out.ranIn };
  } catch (e) {
    cancelled = e instanceof Cancelled;
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const end = performance.now();
  clearInterval(ticker);
  // Long tasks are reported after they end: let the observer deliver the last ones.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { ms: end - t0, stages, longTasks, cancelled, cancelMs: cancelAt === null ? null : end - cancelAt, ticks, output, error };
}

(window as unknown as { __cvaCompute: unknown }).__cvaCompute = { load, run };
