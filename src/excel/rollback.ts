/** Undoing a failed or cancelled write: what it has done so far, removing the sheets it added and putting the history back. */
import { ExcelIssue, isExcelIssue } from "./errors";
import { restoreHistory, type HistoryUndo } from "./history";
import type { ExcelRun } from "./run";

/** What a write has done so far: what a rollback removes, and what it cannot give back. */
export interface WriteState {
  /** writeOutput has begun: a failure from here on is a failed write. */
  started: boolean;
  /** Sheets this write added, each once Excel has confirmed it with its id. */
  added: { name: string; id: string }[];
  /** Replaced sheets whose clearing has been sent: a failure leaves them incomplete. */
  cleared: string[];
  /** Workbook names this write defines (./model-sheet.ts): those left pointing into a deleted sheet are removed too. */
  names?: string[];
  /** An earlier history sheet this run appends to (./history.ts): put back as it was on failure. */
  history?: HistoryUndo;
}

export function newWriteState(): WriteState {
  return { started: false, added: [], cleared: [], names: [] };
}

/**
 * After a failed or cancelled write: deletes the sheets it added (by id, through
 * getItemOrNullObject, so a sheet that is not there is no second error), in an Excel.run of its
 * own — a run that merges its undo steps cannot delete a sheet ("UndoNotSupported") — and returns
 * the error to show: the first one, with what the workbook is left with.
 */
export async function rollBack(run: ExcelRun, state: WriteState, error: unknown): Promise<unknown> {
  if (!state.started) return error;
  let leftBehind: string[] = [];
  if (state.added.length > 0) {
    try {
      await run(async (context) => {
        const found = state.added.map((a) => context.workbook.worksheets.getItemOrNullObject(a.id));
        await context.sync();
        for (const sheet of found) if (!sheet.isNullObject) sheet.delete();
        await context.sync();
        // A name over a deleted sheet's cells stays, as =#REF! (Excel keeps it): this write's own go with the sheet.
        const ours = new Set((state.names ?? []).map((n) => n.toLowerCase()));
        if (ours.size === 0) return;
        const names = context.workbook.names;
        names.load("items/name,items/formula");
        await context.sync();
        const gone = state.added.map((a) => `'${a.name.replace(/'/g, "''")}'!`.toLowerCase());
        const stale = (f: string) => f.includes("#REF!") || gone.some((g) => f.toLowerCase().includes(g) || f.toLowerCase().includes(g.slice(1).replace("'!", "!")));
        for (const n of names.items) if (ours.has(n.name.toLowerCase()) && stale(n.formula)) names.getItem(n.name).delete();
        await context.sync();
      });
    } catch {
      leftBehind = state.added.map((a) => a.name); // said to the user; the first error stays the one reported
    }
  }
  let incomplete = state.cleared;
  const history = state.history;
  if (history) {
    try {
      await run(async (context) => restoreHistory(context, history));
    } catch {
      incomplete = [...incomplete, history.sheet]; // said to the user; the first error stays the one reported
    }
  }
  const details = { incomplete, leftBehind };
  if (isExcelIssue(error) && error.code === "cancelled") return new ExcelIssue("cancelled", error.message, undefined, details);
  const message = error instanceof Error ? error.message : String(error);
  return new ExcelIssue("writeFailed", message, undefined, { ...details, cause: error });
}
