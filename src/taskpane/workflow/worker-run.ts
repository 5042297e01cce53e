/**
 * What the analysis worker does with a {@link RunRequest} (docs/architecture.md §15), apart from
 * the worker's global scope (./analysis.worker.ts), so the tests run it as it is: the same
 * stages as the in-page path's {@link computeStaged} (./compute.ts computePacked), each said as it
 * starts, then the plan with its results rows packed for transfer straight from the result's
 * columns (no row of cells is made here), or the error as plain data.
 */
import type { Cell } from "../../excel/plan";
import { computePacked, type RangeValues } from "./compute";
import { withHistory } from "./history-plan";
import { packRows, transferables, unpackRows } from "./transfer";
import { epochNow, toWire, type DoneMessage, type PackedRange, type Phase, type PhaseName, type RunRequest, type WorkerMessage } from "./worker-protocol";

export type Post = (message: WorkerMessage, transfer?: Transferable[]) => void;

function range(p: PackedRange): RangeValues {
  return { address: p.address, header: p.header, rows: unpackRows(p.rows), dateFormatted: p.dateFormatted };
}

/** A transactions source stays packed: the table is read from its columns a row at a time (./compute.ts). */
function packedRange(p: PackedRange): RangeValues {
  return { address: p.address, header: p.header, rows: [], packed: p.rows, dateFormatted: p.dateFormatted };
}

/** Runs one request, answering through `post`: stage messages, then "done" or "error". Never throws. */
export async function runRequest(req: RunRequest, post: Post): Promise<void> {
  // Each stage's phase: reading the rows into the table, the analysis, the plan (./compute.ts staged).
  const phases: Phase[] = [];
  const begin = (phase: PhaseName) => {
    const now = epochNow();
    const last = phases[phases.length - 1];
    if (last) last.end = now;
    phases.push({ phase, start: now, end: now });
  };
  const named: Record<string, PhaseName> = { fitting: "analyse", scoring: "plan" };
  try {
    begin("read");
    post({ type: "stage", stage: "summarising" });
    const out = await computePacked(
      {
        kind: req.kind,
        source: req.kind === "transactions" ? packedRange(req.source) : range(req.source),
        mapping: req.mapping,
        profiles: req.profiles ? { ...range(req.profiles), mapping: req.profiles.mapping } : undefined,
      },
      req.options,
      {
        onStage: (stage) => {
          if (stage === "summarising") return;
          begin(named[stage]);
          post({ type: "stage", stage });
        },
      },
    );
    const { history, ...plan } = req.history ? withHistory(out.plan, out.result, unpackRows<Cell>(req.history.rows), req.history.stamp, req.options.lang, req.options.tiers.map((x) => x / 100)) : { ...out.plan, history: undefined };
    const resultRows = out.rows;
    const historyRows = history ? packRows(history.rows) : undefined;
    const kept = history && historyRows ? { history: { header: history.header, formats: history.formats, drop: history.drop }, historyRows } : {};
    // The reply's phase ends when the page receives it.
    begin("reply");
    const done: DoneMessage = { type: "done", plan: { ...plan, results: { ...plan.results, rows: [] } }, resultRows, ...kept, headline: out.headline, fallback: out.fallback, phases };
    post(done, [...transferables(resultRows), ...(historyRows ? transferables(historyRows) : [])]);
  } catch (e) {
    post({ type: "error", error: toWire(e) });
  }
}
