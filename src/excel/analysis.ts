/**
 * The Run action as one Excel.run (docs/architecture.md §3): the first request loads the source's
 * size and what the output needs to know about the workbook (sheet and table names, protection);
 * the user settles a name clash; the source (and the optional profiles range) is read in blocks;
 * the caller's `compute` turns the values into an output plan (src/core through the pane — this
 * layer never computes); then the plan is written. Nothing is written until `compute` has
 * resolved, and a cancel between stages leaves the workbook as it was.
 *
 * Syncs: 1 (preparation) + [1 when replacing: protection of the old sheets] + one per block read
 * + one per block written + 1 (table, formats, report, charts) [+ 1 rollback on failure]; with the
 * history (./history.ts): + 1 for its size + one per block read [+ 1 to add its sheet] + one per
 * block appended.
 */
import { ExcelIssue } from "./errors";
import { appendHistory, readHistory, type HistoryRead, type HistoryWrite } from "./history";
import type { Cell, OutputPlan } from "./plan";
import { canGroupUndo, excelRun, officeSupports, type ExcelRun, type SetCheck } from "./run";
import { readSourceIn, type HiddenRows, type ReadOptions, type SourceData, type SourceRef } from "./source";
import { newWriteState, rollBack, type WriteState } from "./rollback";
import { queuePreparation, resolveTargets, writeOutput, type OutputNames, type Targets, type WriteOptions, type WrittenOutput } from "./write";

export type RunStage = "reading" | "writing" | "charting";

export interface AnalysisRequest {
  source: SourceRef;
  /** An optional second range of customer profiles. */
  profiles?: SourceRef;
  names: OutputNames;
  /** Base name of the results table; default "CVA_Results". */
  tableName?: string;
  /** Header names of the source's columns to read (the mapped ones); default all. */
  columns?: readonly string[];
  /** Header names of the profiles range's columns to read; default all. */
  profileColumns?: readonly string[];
  /** Rows hidden or filtered out: analysed (default) or skipped (docs/inputs.md §8). */
  hiddenRows?: HiddenRows;
  /** Keep the pyramid over time (./history.ts): read the history sheet before computing, append this run's rows after writing. */
  history?: boolean;
}

/** What was read of a range, for the pane to say: data rows analysed, where, and hidden rows. */
export interface ReadSummary {
  /** Data rows read and analysed (skipped hidden rows not counted). */
  rows: number;
  /** The header row to the last data row, sheet-qualified. */
  address: string;
  /** Data rows hidden or filtered out. */
  hiddenRows: number;
  /** True when those were skipped. */
  hiddenSkipped: boolean;
  /** True when some rows are hidden but this Office cannot tell which (ExcelApi 1.9 missing): all were analysed. */
  hiddenUnknown: boolean;
}

export interface AnalysisCallbacks {
  /**
   * Values in, plan out. May take its time (it is awaited) and may throw. With `history` asked,
   * it gets the history's body rows (empty without one) and returns this run's rows to append.
   */
  compute: (source: SourceData, profiles: SourceData | undefined, history?: readonly (readonly Cell[])[]) => Promise<OutputPlan & { history?: HistoryWrite }>;
  decide?: WriteOptions["decide"];
  isCancelled?: () => boolean;
  onProgress?: (stage: RunStage, done: number, total: number) => void;
  /** Cells per read block at most (tests); default 1,000,000, blocks being sized by their bytes. */
  maxCells?: ReadOptions["maxCells"];
  /** Bytes per write request (tests); default 4 MB. */
  maxBytes?: number;
}

export interface AnalysisOutcome extends WrittenOutput {
  /** Blocks read (one sync each). */
  readChunks: number;
  /** What was read of the source (always set by runAnalysis). */
  read?: ReadSummary;
  /** What was read of the profiles range, when there is one. */
  profilesRead?: ReadSummary;
  /** The history sheet this run's rows were appended to, how many, and the requests its read and append took. */
  history?: { sheet: string; rows: number; requests: number };
}

function summary(data: SourceData): ReadSummary {
  const hiddenRows = data.hiddenRows ?? 0;
  const hiddenSkipped = data.hiddenSkipped === true;
  return { rows: data.rows.length - (hiddenSkipped ? hiddenRows : 0), address: data.address, hiddenRows, hiddenSkipped, hiddenUnknown: data.hiddenUnknown === true };
}

function checkCancel(cb: AnalysisCallbacks): void {
  if (cb.isCancelled?.()) throw new ExcelIssue("cancelled", "cancelled; nothing was written");
}

/**
 * Reads, computes and writes in one Excel.run.
 * @param check Office's requirement-set check (undo grouping, the kept results table).
 * @throws ExcelIssue, CvaError from compute, Excel errors before the write; ExcelIssue "writeFailed"
 *   (with Excel's error) or "cancelled" once the write has begun, after the rollback.
 */
export async function runAnalysis(request: AnalysisRequest, cb: AnalysisCallbacks, run: ExcelRun = excelRun, check: SetCheck = officeSupports): Promise<AnalysisOutcome> {
  const state = newWriteState();
  try {
    return await run(async (context) => analyse(context, request, cb, check, state), canGroupUndo(check) ? { mergeUndoGroup: true } : undefined);
  } catch (e) {
    throw await rollBack(run, state, e);
  }
}

async function analyse(context: Excel.RequestContext, request: AnalysisRequest, cb: AnalysisCallbacks, check: SetCheck, state: WriteState): Promise<AnalysisOutcome> {
  const prep = queuePreparation(context);
  let targets: Targets | undefined;
  const source = await readSourceIn(context, request.source, {
    maxCells: cb.maxCells,
    columns: request.columns,
    hiddenRows: request.hiddenRows,
    onProgress: (done, total) => cb.onProgress?.("reading", done, total),
    // The clash question is asked after the first request, before the big reads.
    beforeBlocks: async () => {
      targets = await resolveTargets(context, prep, request.names, request.tableName ?? "CVA_Results", cb.decide, check);
      checkCancel(cb);
    },
  });
  const profiles = request.profiles
    ? await readSourceIn(context, request.profiles, { maxCells: cb.maxCells, columns: request.profileColumns, hiddenRows: request.hiddenRows })
    : undefined;
  const history: HistoryRead | undefined = request.history ? await readHistory(context, prep.sheets.items.map((s) => s.name), cb.maxCells) : undefined;
  checkCancel(cb);
  const plan = history ? await cb.compute(source, profiles, history.rows) : await cb.compute(source, profiles);
  checkCancel(cb);
  if (!targets) throw new Error("the output names were not resolved");
  const written = await writeOutput(
    context,
    plan,
    targets,
    {
      maxBytes: cb.maxBytes,
      isCancelled: cb.isCancelled,
      onProgress: (stage, done, total) => cb.onProgress?.(stage, done, total),
    },
    state,
  );
  // After the results: a failure here rolls the results back too, and puts the history back (./rollback.ts).
  const appended = history && plan.history ? await appendHistory(context, history, plan.history, state, cb.maxBytes, cb.isCancelled) : undefined;
  const kept = appended && plan.history ? { history: { sheet: appended.sheet, rows: plan.history.rows.length, requests: (history?.requests ?? 0) + appended.requests } } : {};
  return { ...written, ...kept, readChunks: source.chunks + (profiles?.chunks ?? 0), read: summary(source), ...(profiles ? { profilesRead: summary(profiles) } : {}) };
}
