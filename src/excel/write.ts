/**
 * Writing the results back (docs/output.md §1–§5): a sheet holding the per-customer Excel table
 * (number formats, tier colours as conditional formats, a data bar on CLV) and a report sheet with
 * the per-tier and per-stage tables, the Pareto share, the Gini and native charts (ExcelApi 1.9).
 * Never over a user's cells: the sheets are new; when a sheet of the same name exists the user
 * chooses to replace it or to write "CVA Results (2)".
 *
 * Replace rewrites the old sheets in place: their contents, formats, charts and tables are cleared
 * and the results written into the same sheets, so a formula elsewhere that points at them keeps
 * its reference (deleting a sheet turns such formulas into #REF!, and Worksheet.delete is one of
 * the calls that clear Excel's undo list: "Undo support with the Excel JavaScript API"). The
 * results table at A1 of the old sheet is kept and resized (Table.resize, ExcelApi 1.13), so
 * structured references such as CVA_Results[CLV] keep working too; without ExcelApi 1.13 it is
 * deleted and added again.
 *
 * Batches are not transactional: a failing call fails at the next sync, after the calls queued
 * before it in the same request were applied, and the calls after it are not. So a sheet is added
 * as the last call of its request, with its id loaded: a request that fails has not added it, one
 * that succeeds tells its id, and {@link rollBack} deletes exactly the sheets this write added
 * (by id, through getItemOrNullObject), in an Excel.run of its own, and keeps the first error.
 *
 * Cost: one sync to add the results sheet, one per block of result rows (each block under the
 * 4 MB budget, values and number formats together) plus one for the table, formats, report and
 * charts. Calculation and screen updating are suspended for every one of those requests. Each
 * block's rows are made and sized just before its request (from a packed table, row by row:
 * ./plan.ts RowSource), yielding every 8 ms, so the page's thread neither makes nor holds the
 * whole table at once; Office.js keeps the arrays given to Range.values until the sync sends them,
 * so each block is arrays of its own.
 *
 * Here: the targets (which sheets and table, after a name clash) and the write of the results
 * sheet and its table. The report sheet is ./report.ts, its charts ./charts.ts, the rollback
 * ./rollback.ts, free sheet and table names ./names.ts.
 */

import type { WrittenChart } from "./charts";
import { CHUNK_BYTES, forEachChunk, nextBlock, rowBytes, yieldToEventLoop } from "./chunks";
import { ExcelIssue } from "./errors";
import { modelSheetWrites, packPieces, type SheetPiece } from "./model-sheet";
import { columnLetter, freeName, freeTableName } from "./names";
import { bodyOf, type LiveColumnsPlan, type OutputPlan } from "./plan";
import { writeReport } from "./report";
import { supports } from "./requirements";
import { newWriteState, type WriteState } from "./rollback";
import type { SetCheck } from "./run";

export type ConflictChoice = "replace" | "new";

/** Excel's grid ("Excel specifications and limits"): what a whole-sheet clear covers. */
const SHEET_ROWS = 1_048_576;
const SHEET_COLUMNS = 16_384;

/** Names the output will take, known before the computation (they depend on the language only). */
export interface OutputNames {
  results: string;
  report: string;
  /** The lifetime model's sheet ("CVA Model"), when the output may have one (./model-sheet.ts). */
  model?: string;
}

export interface WriteOptions {
  /** Asked when a sheet with the output's name exists; default "new" (never replaces silently). */
  decide?: (existing: string[]) => Promise<ConflictChoice>;
  /** Request budget in bytes; default 4 MB. */
  maxBytes?: number;
  /** Checked after every block; true → the write stops with ExcelIssue "cancelled" (the caller rolls back). */
  isCancelled?: () => boolean;
  onProgress?: (stage: "writing" | "charting", done: number, total: number) => void;
  /**
   * Awaited while a block of result rows is made and sized, whenever it has taken 8 ms, so the
   * page's thread is never held for long (./chunks.ts nextBlock). Default: a message to itself.
   */
  pause?: () => Promise<void>;
}

export interface WrittenOutput {
  resultsSheet: string;
  reportSheet: string;
  /** The model sheet, when one was written. */
  modelSheet?: string;
  /** Requests the model sheet took before the final one (its add, and its blocks beyond the final request's). */
  modelRequests?: number;
  tableName: string;
  /** Sheet-qualified address of the table, header included. */
  tableAddress: string;
  charts: WrittenChart[];
  /** Blocks of result rows written (one sync each). */
  chunks: number;
  replaced: boolean;
}

/** What the first request of an analysis loads about the workbook. */
export interface Preparation {
  sheets: Excel.WorksheetCollection;
  tables: Excel.TableCollection;
  /** Workbook-level defined names: a table cannot take one of them. */
  names: Excel.NamedItemCollection;
  protection: Excel.WorkbookProtection;
}

/** Queues the loads {@link resolveTargets} needs; the caller syncs. */
export function queuePreparation(context: Excel.RequestContext): Preparation {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const names = context.workbook.names;
  names.load("items/name");
  const protection = context.workbook.protection;
  protection.load("protected");
  return { sheets, tables, names, protection };
}

/** The sheets and table the write will create or rewrite. */
export interface Targets {
  results: string;
  report: string;
  /** The model sheet's name, when the output names one. */
  model?: string;
  /** Base name of a new results table ("CVA_Results"); a free one is chosen when it is added. */
  tableBase: string;
  /** Existing sheets rewritten in place (Replace), as the workbook names them. */
  replace: string[];
  /** Replace: the table at A1 of the old results sheet, kept and resized. */
  keepTable?: string;
  /** Replace: the charts, and the tables other than keepTable, of each replaced sheet. */
  remove: { sheet: string; tables: string[]; charts: string[] }[];
  /** Names a new table cannot take: the tables and the workbook-level names. */
  taken: string[];
  /** Worksheet-level names of every sheet (loaded with a later request): a table cannot take them either. */
  sheetNames: Excel.NamedItemCollection[];
}

/**
 * Chooses the output names after the preparation request: asks `decide` when a sheet exists;
 * "replace" checks that those sheets are not protected and learns what is on them (one more sync).
 * Queues the loads of the sheets' own names, which the next request brings back.
 * @param check Office's requirement-set check: the kept table needs ExcelApi 1.13 (Table.resize).
 * @throws ExcelIssue "protected" when the workbook's structure is protected (no sheet can be
 *   added) or a sheet to replace is protected.
 */
export async function resolveTargets(
  context: Excel.RequestContext,
  prep: Preparation,
  names: OutputNames,
  tableBase: string,
  decide: WriteOptions["decide"],
  check: SetCheck = () => true,
): Promise<Targets> {
  if (prep.protection.protected) throw new ExcelIssue("protected", "the workbook's structure is protected: no sheet can be added", "");
  const existing = prep.sheets.items.map((s) => s.name);
  const lower = new Set(existing.map((s) => s.toLowerCase()));
  const wanted = [names.results, names.report, ...(names.model ? [names.model] : [])];
  const clash = wanted.filter((n) => lower.has(n.toLowerCase()));
  const base = {
    tableBase,
    taken: [...prep.tables.items.map((t) => t.name), ...prep.names.items.map((n) => n.name)],
    sheetNames: prep.sheets.items.map((s) => s.names.load("items/name")),
    remove: [],
    replace: [],
  };
  if (clash.length === 0) return { ...base, results: names.results, report: names.report, ...(names.model ? { model: names.model } : {}) };
  const choice = decide ? await decide(clash) : "new";
  if (choice === "new") {
    // The same number for every sheet, so "CVA Results (2)" goes with "CVA Report (2)" and "CVA Model (2)".
    for (let k = 2; ; k++) {
      const [r, p, m] = wanted.map((n) => freeName(n, existing, k));
      if ([r, p, m].every((x) => x === undefined || x.endsWith(` (${k})`))) return { ...base, results: r, report: p, ...(m ? { model: m } : {}) };
    }
  }
  const find = (n: string) => prep.sheets.items.find((s) => s.name.toLowerCase() === n.toLowerCase());
  const old = clash.map((n) => find(n) as Excel.Worksheet);
  const guards = old.map((s) => s.protection.load("protected"));
  const tables = old.map((s) => s.tables.load("items/name"));
  const charts = old.map((s) => s.charts.load("items/name"));
  // The table CVA wrote starts at A1 (Range.getTables, ExcelApi 1.9).
  const oldResults = find(names.results);
  const atA1 = oldResults && check("ExcelApi", "1.13") ? oldResults.getRange("A1").getTables(false).load("items/name") : undefined;
  await context.sync();
  const locked = old.filter((_, i) => guards[i].protected);
  if (locked.length > 0) {
    throw new ExcelIssue("protected", `the sheet ${locked.map((s) => s.name).join(", ")} is protected and cannot be replaced`, locked[0].name);
  }
  const keepTable = atA1?.items[0]?.name;
  const remove = old.map((s, i) => ({ sheet: s.name, tables: tables[i].items.map((t) => t.name).filter((t) => t !== keepTable), charts: charts[i].items.map((c) => c.name) }));
  const removed = new Set(remove.flatMap((r) => r.tables.map((t) => t.toLowerCase())));
  return {
    ...base,
    // A table deleted before the new one is added frees its name.
    taken: base.taken.filter((t) => !removed.has(t.toLowerCase())),
    results: oldResults ? oldResults.name : names.results,
    report: find(names.report)?.name ?? names.report,
    ...(names.model ? { model: find(names.model)?.name ?? names.model } : {}),
    replace: old.map((s) => s.name),
    keepTable,
    remove,
  };
}

function suspend(context: Excel.RequestContext): void {
  context.workbook.application.suspendApiCalculationUntilNextSync();
  // ExcelApi 1.9, above the manifest's sets: only where Excel has it (./requirements.ts).
  if (supports("screenUpdating")) context.workbook.application.suspendScreenUpdatingUntilNextSync();
}

/**
 * Writes the plan into the sheets named by `targets`: new sheets are added, replaced ones are
 * cleared and rewritten in place. The caller has made the computation succeed first (nothing is
 * written before this is called) and rolls back with {@link rollBack} when this throws.
 * @param state filled in as the write goes, for the rollback.
 * @throws ExcelIssue "cancelled" when `isCancelled` turns true between blocks; any Excel error.
 */
export async function writeOutput(context: Excel.RequestContext, plan: OutputPlan, targets: Targets, options: WriteOptions = {}, state: WriteState = newWriteState()): Promise<WrittenOutput> {
  state.started = true;
  const sheets = context.workbook.worksheets;
  const res = plan.results;
  const cols = res.header.length;
  // Rows made a block at a time, so a packed table is never unpacked whole (./plan.ts RowSource).
  const body = bodyOf(res);
  const n = body.length;
  const maxBytes = options.maxBytes ?? CHUNK_BYTES;
  const pause = options.pause ?? yieldToEventLoop;
  const isReplaced = (name: string) => targets.replace.some((r) => r.toLowerCase() === name.toLowerCase());
  const formatBytes = rowBytes(res.formats);
  const live = res.live && res.live.columns.length > 0 ? res.live : undefined;
  // Live formulas travel in the same requests as their rows' values: counted with them, at their longest row's size.
  const liveBytes = live ? live.formulas.reduce((m, f) => Math.max(m, rowBytes(f)), 0) : 0;
  // Each block is sized as it is made (the same blocks sizedBlocks makes of the rows); the progress's
  // total is the blocks so far plus the rest at their average size, and a last step for the rest.
  let next = 0;
  let blocks = 0;
  const total = () => blocks + (next < n && next > 0 ? Math.ceil(((n - next) * blocks) / next) : 0) + 1;

  let resultsSheet: Excel.Worksheet;
  if (isReplaced(targets.results)) resultsSheet = sheets.getItem(targets.results);
  else {
    // Alone in its request: if the request fails, the sheet was not added.
    resultsSheet = sheets.add(targets.results);
    resultsSheet.load("id");
    await context.sync();
    state.added.push({ name: targets.results, id: resultsSheet.id });
  }
  const reportNew = !isReplaced(targets.report);
  let reportSheet = reportNew ? undefined : sheets.getItem(targets.report);

  await forEachChunk(
    (i) => i === 0 || next < n,
    async (i) => {
      const start = next;
      const rows = await nextBlock(body, start, maxBytes, formatBytes + liveBytes, pause);
      next += rows.length;
      blocks = i + 1;
      suspend(context);
      if (i === 0) {
        for (const name of targets.replace) clearForRewrite(sheets.getItem(name), name, targets, name === targets.results ? cols : 0);
        state.cleared = [...targets.replace];
        const head = resultsSheet.getRangeByIndexes(0, 0, 1, cols);
        if (targets.keepTable) {
          // Renaming a table's columns one by one would meet a name still used by a column to its right
          // (Excel would make it "Revenue2"): names that cannot clash first, then the real ones.
          head.values = [res.header.map((_, j) => `\u2063${j + 1}`)];
        }
        head.values = [res.header];
        head.format.font.bold = true;
      }
      if (rows.length > 0) {
        const range = resultsSheet.getRangeByIndexes(start + 1, 0, rows.length, cols);
        // Formats first, so an id like "0001" lands in a text cell and stays text.
        range.numberFormat = new Array(rows.length).fill(res.formats);
        range.values = rows;
        if (live) writeLiveColumns(resultsSheet, live, start, rows.length);
      }
      if (i === 0 && reportNew) {
        // The last call of the request: a request that fails has not added it.
        reportSheet = sheets.add(targets.report);
        reportSheet.load("id");
      }
    },
    () => context.sync(),
    (i) => {
      if (i === 0 && reportNew && reportSheet) state.added.push({ name: targets.report, id: reportSheet.id });
      options.onProgress?.("writing", i + 1, total());
      if (options.isCancelled?.()) throw new ExcelIssue("cancelled", "cancelled while writing");
    },
  );
  options.onProgress?.("charting", blocks, total());
  const model = await startModelSheet(context, plan, targets, isReplaced, maxBytes, state);
  suspend(context);
  const tableRange = resultsSheet.getRangeByIndexes(0, 0, Math.max(n, targets.keepTable ? 1 : 0) + 1, cols);
  let table: Excel.Table;
  let tableName: string;
  if (targets.keepTable) {
    tableName = targets.keepTable;
    table = resultsSheet.tables.getItem(tableName);
    table.resize(tableRange);
  } else {
    tableName = freeTableName(targets.tableBase, [...targets.taken, ...targets.sheetNames.flatMap((c) => c.items.map((x) => x.name))]);
    table = resultsSheet.tables.add(tableRange, true);
    table.name = tableName;
  }
  table.style = "TableStyleLight9";
  if (n > 0 && res.tierColumn >= 0) {
    const body = resultsSheet.getRangeByIndexes(1, 0, n, cols);
    const col = columnLetter(res.tierColumn);
    res.tierColors.forEach((color, k) => {
      const cf = body.conditionalFormats.add("Custom");
      cf.custom.rule.formula = `=$${col}2=${k + 1}`;
      cf.custom.format.fill.color = color;
    });
  }
  if (n > 0 && res.dataBarColumn >= 0) {
    const bar = resultsSheet.getRangeByIndexes(1, res.dataBarColumn, n, 1).conditionalFormats.add("DataBar");
    bar.dataBar.barDirection = "LeftToRight";
    bar.dataBar.positiveFormat.fillColor = "#5B9BD5";
    bar.dataBar.positiveFormat.gradientFill = false;
  }
  if (res.live) writeLiveAside(resultsSheet, res.live, cols);
  resultsSheet.freezePanes.freezeRows(1);
  resultsSheet.getRangeByIndexes(0, 0, 1, cols).format.autofitColumns();
  const charts = writeReport(reportSheet as Excel.Worksheet, plan, targets.report);
  for (const piece of model?.last ?? []) piece.queue();
  resultsSheet.activate();
  const address = table.getRange().load("address");
  await context.sync();
  options.onProgress?.("charting", total(), total());
  return {
    resultsSheet: targets.results,
    reportSheet: targets.report,
    tableName,
    tableAddress: address.address,
    charts: [...charts, ...(model?.charts ?? [])],
    ...(model ? { modelSheet: model.name, modelRequests: model.requests } : {}),
    chunks: blocks,
    replaced: targets.replace.length > 0,
  };
}

/** The live formulas of rows start … start + count − 1 over their values, column by column (Range.formulas, English). */
function writeLiveColumns(sheet: Excel.Worksheet, live: LiveColumnsPlan, start: number, count: number): void {
  live.columns.forEach((col, k) => {
    const body = new Array<string[]>(count);
    for (let i = 0; i < count; i++) body[i] = [live.formulas[start + i][k]];
    sheet.getRangeByIndexes(start + 1, col, count, 1).formulas = body;
  });
}

/** Beside the table, after one empty column: the live equity total (label over formula) or the reason the columns stayed values. */
function writeLiveAside(sheet: Excel.Worksheet, live: LiveColumnsPlan, cols: number): void {
  if (live.total) {
    sheet.getRangeByIndexes(0, cols + 1, 1, 1).values = [[live.total.label]];
    const cell = sheet.getRangeByIndexes(1, cols + 1, 1, 1);
    cell.numberFormat = [["#,##0.00"]];
    cell.formulas = [[live.total.formula]];
  } else if (live.note) {
    sheet.getRangeByIndexes(0, cols + 1, 1, 1).values = [[live.note]];
  }
}

/**
 * The model sheet's first requests: the sheet added alone in its request (its id confirmed for the
 * rollback) unless Replace rewrites it, then every group of its writes but the last, one sync each
 * under the byte budget; the last group is returned for the final request. A replaced model sheet
 * that the plan has no model for (no count model could be fitted this time) gets the plan's reason
 * line only, so no old figures stay beside the new results.
 */
async function startModelSheet(
  context: Excel.RequestContext,
  plan: OutputPlan,
  targets: Targets,
  isReplaced: (name: string) => boolean,
  maxBytes: number,
  state: WriteState,
): Promise<{ name: string; last: SheetPiece[]; charts: WrittenChart[]; requests: number } | undefined> {
  const name = targets.model;
  if (!name) return undefined;
  const replaced = isReplaced(name);
  const sheetPlan = plan.model ?? (replaced && plan.modelNote ? { sheet: name, lines: [[plan.modelNote]], sections: [] } : undefined);
  if (!sheetPlan) return undefined;
  let sheet: Excel.Worksheet;
  if (replaced) sheet = context.workbook.worksheets.getItem(name);
  else {
    sheet = context.workbook.worksheets.add(name);
    sheet.load("id");
    await context.sync();
    state.added.push({ name, id: sheet.id });
  }
  const { pieces, charts } = modelSheetWrites(sheet, sheetPlan, name, maxBytes, { names: context.workbook.names, existing: targets.taken, results: targets.results });
  state.names = sheetPlan.sections.flatMap((s) => (s.names ?? []).map((n) => n.name));
  const groups = packPieces(pieces, maxBytes);
  const last = groups.pop() ?? [];
  await forEachChunk(
    groups.length,
    (i) => {
      suspend(context);
      for (const piece of groups[i]) piece.queue();
    },
    () => context.sync(),
  );
  return { name, last, charts, requests: groups.length + (replaced ? 0 : 1) };
}

/**
 * Clears a sheet that Replace rewrites, keeping the sheet itself: its charts, tables, conditional
 * formats, frozen panes and every cell's contents and formats. On the results sheet the kept table
 * is shrunk to its header and one row of the new width (`cols`); its header's values are rewritten
 * next, so the table and the references to it live on.
 */
function clearForRewrite(sheet: Excel.Worksheet, name: string, targets: Targets, cols: number): void {
  const remove = targets.remove.find((r) => r.sheet === name) ?? { tables: [], charts: [] };
  for (const chart of remove.charts) sheet.charts.getItem(chart).delete();
  for (const table of remove.tables) sheet.tables.getItem(table).delete();
  const all = sheet.getRangeByIndexes(0, 0, SHEET_ROWS, SHEET_COLUMNS);
  all.conditionalFormats.clearAll();
  sheet.freezePanes.unfreeze();
  if (targets.keepTable && cols > 0) {
    const table = sheet.tables.getItem(targets.keepTable);
    table.clearFilters();
    table.resize(sheet.getRangeByIndexes(0, 0, 2, cols));
    sheet.getRangeByIndexes(1, 0, SHEET_ROWS - 1, SHEET_COLUMNS).clear();
    sheet.getRangeByIndexes(0, cols, 1, SHEET_COLUMNS - cols).clear();
    sheet.getRangeByIndexes(0, 0, 1, cols).clear("Formats");
  } else {
    all.clear();
  }
}
