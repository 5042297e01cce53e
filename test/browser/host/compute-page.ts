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
 *   how long the Cancel took to take effect; the phases of a worker run on the page's clock (packing,
 *   posting, the worker's reading, analysis and plan, its reply, the page's receipt), each long task
 *   named by the phase it began in; with `write`, after the compute, the results table's rows made
 *   block by block as the writer makes them for Excel (src/excel/write.ts, without Excel: phase
 *   "write rows"), timed apart from the compute.
 */
import { cdnowSheet } from "../../fakes/cdnow-sheet";
import { Cancelled, type ComputeInput, type ComputeStage } from "../../../src/taskpane/workflow/compute";
import { defaultOptions, type AnalysisOptions } from "../../../src/taskpane/workflow/options";
import { computeInPane, type PaneOutput } from "../../../src/taskpane/workflow/worker-client";
import { CHUNK_BYTES, nextBlock, rowBytes, yieldToEventLoop } from "../../../src/excel/chunks";
import { bodyOf, bodyRows } from "../../../src/excel/plan";
import type { PhaseName as PanePhase } from "../../../src/taskpane/workflow/worker-protocol";

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
  /** After the compute, make the results table's rows block by block as the writer does. */
  write?: boolean;
}

export type PhaseName = PanePhase | "write rows";

export interface RunReport {
  ms: number;
  stages: { stage: ComputeStage; at: number }[];
  /** Every task over 50 ms on the page's thread: when it began (ms from the start), how long it ran, the phase it began in. */
  longTasks: { at: number; ms: number; phase: PhaseName | null }[];
  /** The run's phases, ms from the start (a worker run's; the in-page path has none but "write rows"). */
  phases: { phase: PhaseName; start: number; end: number }[];
  /** With `write`: the time to make the results table's rows block by block, and the blocks. */
  write: { ms: number; blocks: number } | null;
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
  const longTasks: { at: number; ms: number }[] = [];
  const phases: RunReport["phases"] = [];
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
  let write: RunReport["write"] = null;
  let end: number | undefined;
  try {
    const out = await computeInPane(input, { ...defaultOptions("en-US"), ...args.options }, {
      spawn: args.where === "page" ? () => undefined : undefined,
      isCancelled: () => cancel,
      pause: () => new Promise((r) => setTimeout(r, 0)),
      onPhase: (p) => phases.push({ phase: p.phase, start: p.start - t0, end: p.end - t0 }),
      onStage: (stage) => {
        stages.push({ stage, at: performance.now() - t0 });
        if (stage === args.cancelInStage)
          setTimeout(() => {
            cancel = true;
            cancelAt = performance.now();
          }, args.cancelAfterMs ?? 0);
      },
    });
    const computed = performance.now();
    if (args.write) {
      write = await writeRows(out.plan);
      phases.push({ phase: "write rows", start: computed - t0, end: performance.now() - t0 });
    }
    end = computed;
    // A plan crosses to the test as data: the packed table's rows made here.
    output = args.keepPlan ? { ...out, plan: { ...out.plan, results: { ...out.plan.results, rows: bodyRows(out.plan.results), body: undefined } } } : { headline: out.headline, fallback: out.fallback, ranIn: out.ranIn };
  } catch (e) {
    cancelled = e instanceof Cancelled;
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  end ??= performance.now();
  clearInterval(ticker);
  // Long tasks are reported after they end: let the observer deliver the last ones.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  const phaseAt = (at: number) => phases.find((p) => p.start <= at && at < p.end)?.phase ?? null;
  const named = longTasks.map((t) => ({ ...t, phase: phaseAt(t.at) }));
  return { ms: end - t0, stages, longTasks: named, phases, write, cancelled, cancelMs: cancelAt === null ? null : end - cancelAt, ticks, output, error };
}

/** The results table's rows made block by block under the writer's byte budget, yielding as the writer does (src/excel/write.ts). */
async function writeRows(plan: PaneOutput["plan"]): Promise<RunReport["write"]> {
  const t = performance.now();
  const body = bodyOf(plan.results);
  const extra = rowBytes(plan.results.formats);
  let blocks = 0;
  for (let next = 0; next < body.length; blocks++) next += (await nextBlock(body, next, CHUNK_BYTES, extra, yieldToEventLoop)).length;
  return { ms: performance.now() - t, blocks };
}

(window as unknown as { __cvaCompute: unknown }).__cvaCompute = { load, run };
