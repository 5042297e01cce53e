/** The Excel operations the task pane receives as props (docs/architecture.md §8). */
import { readSelection, watchSelection, type SelectionInfo } from "./selection";
import { canGroupUndo, excelRun, officeSupports, type ExcelRun, type SetCheck } from "./run";
import { listSources, readSource, type ReadOptions, type SourceData, type SourceList, type SourceRef } from "./source";
import { runAnalysis, type AnalysisCallbacks, type AnalysisOutcome, type AnalysisRequest } from "./analysis";
import { selectTarget, type Target } from "./navigate";
import { loadSettings, officeSettings, saveSettings, type SettingsStore } from "./settings";

export type { SelectionInfo } from "./selection";
export type { ExcelRun, SetCheck } from "./run";
export { canGroupUndo, officeSupports } from "./run";
export { readSelection, watchSelection, splitAddress } from "./selection";
export { listSources, readSource, readSourceIn, isDateFormat } from "./source";
export type { SourceRef, SourceData, SourceList, TableInfo, NamedRangeInfo, ReadOptions, HiddenRows } from "./source";
export { runAnalysis } from "./analysis";
export type { AnalysisRequest, AnalysisCallbacks, AnalysisOutcome, ReadSummary, RunStage } from "./analysis";
export { writeOutput, queuePreparation, resolveTargets } from "./write";
export type { ConflictChoice, OutputNames, WriteOptions, WrittenOutput, Targets } from "./write";
export { rollBack, newWriteState } from "./rollback";
export type { WriteState } from "./rollback";
export { freeName, freeTableName, columnLetter } from "./names";
export type { WrittenChart } from "./charts";
export type { Cell, OutputPlan, ResultsTablePlan, ReportPlan, ReportBlock, ChartPlan, ChartKind, RowSource } from "./plan";
export { bodyOf, bodyRows } from "./plan";
export { ExcelIssue, isExcelIssue } from "./errors";
export type { ExcelIssueCode, ExcelIssueDetails } from "./errors";
export { selectTarget } from "./navigate";
export type { Target } from "./navigate";
export { loadSettings, saveSettings, officeSettings } from "./settings";
export type { SettingsStore } from "./settings";
export { rowBlocks, sizedBlocks, CHUNK_BYTES } from "./chunks";

export interface ExcelOperations {
  readSelection(): Promise<SelectionInfo>;
  watchSelection(onChange: (info: SelectionInfo) => void, onError: (error: unknown) => void): Promise<() => Promise<void>>;
  /** Tables and named ranges for the source picker. */
  listSources(): Promise<SourceList>;
  /** Header and first rows of a source, for recognising its kind and mapping its columns. */
  previewSource(ref: SourceRef, rows?: number): Promise<SourceData>;
  /** The Run action: read, compute (the callback), write; one Excel.run. */
  runAnalysis(request: AnalysisRequest, callbacks: AnalysisCallbacks): Promise<AnalysisOutcome>;
  select(target: Target): Promise<void>;
  /** True where one Ctrl+Z undoes a whole Run (ExcelApi 1.20's mergeUndoGroup); absent: false. */
  undoGrouping?(): boolean;
  loadSettings<T extends object>(): Partial<T> | undefined;
  saveSettings<T extends object>(value: T): Promise<void>;
}

/** Binds every operation to one Excel.run implementation (and the document's settings store). */
export function createExcelOperations(run: ExcelRun = excelRun, settings: () => SettingsStore = officeSettings, check: SetCheck = officeSupports): ExcelOperations {
  return {
    readSelection: () => readSelection(run),
    watchSelection: (onChange, onError) => watchSelection(onChange, onError, run),
    listSources: () => listSources(run),
    // No number-format sample: the preview's dateFormatted is not used (the Run reads its own).
    previewSource: (ref, rows = 50) => readSource(ref, { maxRows: rows, formatSample: 0 } satisfies ReadOptions, run),
    runAnalysis: (request, callbacks) => runAnalysis(request, callbacks, run, check),
    select: (target) => selectTarget(target, run),
    undoGrouping: () => canGroupUndo(check),
    loadSettings: <T extends object>() => loadSettings<T>(settings()),
    saveSettings: (value) => saveSettings(value, settings()),
  };
}
