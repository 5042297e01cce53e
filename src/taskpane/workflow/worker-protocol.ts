/**
 * The messages between the pane and its analysis worker (docs/architecture.md §15), and errors
 * across the thread boundary. Structured clone keeps an Error's message but not its own fields
 * (a CvaError's key and parameters, an InputIssue's rows), so errors travel as plain data and are
 * rebuilt on the pane's side as the same classes: the pane says the same sentence, in the user's
 * language, whichever thread computed.
 */
import { CvaError, isCvaError, type ErrorCode } from "../../core";
import type { HistoryWrite } from "../../excel/history";
import type { OutputPlan } from "../../excel/plan";
import type { ComputeStage } from "./compute";
import type { AnalysisOptions } from "./options";
import type { Headline } from "./output";
import { InputIssue, isInputIssue, type Mapping, type SourceKind } from "./parse";
import type { PackedRows } from "./transfer";

/** A range's values with its rows in transferable columns. */
export interface PackedRange {
  address: string;
  header: string[];
  rows: PackedRows;
  dateFormatted?: readonly boolean[];
}

export interface RunRequest {
  type: "run";
  kind: SourceKind;
  source: PackedRange;
  mapping: Mapping;
  profiles?: PackedRange & { mapping: Mapping };
  options: AnalysisOptions;
  /** The history's body rows and this run's stamp, when the run keeps the pyramid over time (./history-plan.ts). */
  history?: { rows: PackedRows; stamp: number };
}

/** The plan with its results rows left out: they come as `resultRows`. */
export interface DoneMessage {
  type: "done";
  plan: OutputPlan;
  resultRows: PackedRows;
  /** The history's part of the plan, its rows left out: they come as `historyRows`. */
  history?: Omit<HistoryWrite, "rows">;
  historyRows?: PackedRows;
  headline: Headline;
  fallback: string | null;
  /** When each of the worker's phases began and ended (./worker-run.ts), for the pane's timings. */
  phases: Phase[];
}

/**
 * A phase of a run and when it began and ended, in ms since the epoch (performance.timeOrigin +
 * performance.now(): the page's and the worker's clocks agree on it), or on the page's clock once
 * the page has it (./worker-client.ts PaneHooks.onPhase).
 */
export interface Phase {
  phase: PhaseName;
  start: number;
  end: number;
}

/**
 * The page packs the rows and posts them; the worker reads them into the transactions table,
 * analyses (the core: summaries, fits, scores), builds the plan with the results packed, and
 * replies; the page receives the plan.
 */
export type PhaseName = "pack" | "post" | "read" | "analyse" | "plan" | "reply" | "receive";

/** Now, in ms since the epoch, on any thread. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export type WorkerMessage = { type: "stage"; stage: ComputeStage } | DoneMessage | { type: "error"; error: WireError };

export type WireError =
  | { kind: "cva"; code: ErrorCode; message: string; where?: CvaError["where"]; key?: CvaError["key"]; params?: CvaError["params"]; context: readonly string[] }
  | { kind: "input"; code: InputIssue["code"]; column: string; cells: InputIssue["cells"]; count: number }
  | { kind: "other"; name: string; message: string };

export function toWire(e: unknown): WireError {
  if (isCvaError(e)) return { kind: "cva", code: e.code, message: e.message, where: e.where, key: e.key, params: e.params, context: e.context };
  if (isInputIssue(e)) return { kind: "input", code: e.code, column: e.column, cells: e.cells, count: e.count };
  if (e instanceof Error) return { kind: "other", name: e.name, message: e.message };
  return { kind: "other", name: "Error", message: String(e) };
}

export function fromWire(w: WireError): Error {
  if (w.kind === "cva") return CvaError.revive(w);
  if (w.kind === "input") return new InputIssue(w.code, w.column, w.cells, w.count);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
