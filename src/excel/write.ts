/**
 * Writing the results back (docs/output.md §1–§5): a new sheet holding the
 * per-customer Excel table (number formats, tier colours as conditional formats, a data bar on
 * CLV) and a report sheet with the per-tier and per-stage tables, the Pareto share, the Gini and
 * native charts (ExcelApi 1.9). Never over a user's cells: the sheets are new; when a sheet of
 * the same name exists the user chooses to replace it or to write "CVA Results (2)".
 *
 * Cost: one sync per block of result rows (each block under the 4 MB budget, values and number
 * formats together) plus one for the table, formats, report and charts. Calculation and screen
 * updating are suspended for every one of those requests. A replacement is written under a free
 * name first and swapped in by the last request, so a failure or a cancel leaves the old sheets
 * as they were; sheets added by a failed write are deleted again.
 */
import { CHUNK_BYTES, forEachChunk, rowBytes, sizedBlocks } from "./chunks";
import { ExcelIssue } from "./errors";
import type { Cell, ChartPlan, OutputPlan, ReportBlock } from "./plan";
import { supports } from "./requirements";

export type ConflictChoice = "replace" | "new";

/** Names the output will take, known before the computation (they depend on the language only). */
export interface OutputNames {
  results: string;
  report: string;
}

export interface WriteOptions {
  /** Asked when a sheet with the output's name exists; default "new" (never replaces silently). */
  decide?: (existing: string[]) => Promise<ConflictChoice>;
  /** Request budget in bytes; default 4 MB. */
  maxBytes?: number;
  /** Checked after every block; true → the added sheets are deleted and "cancelled" is thrown. */
  isCancelled?: () => boolean;
  onProgress?: (stage: "writing" | "charting", done: number, total: number) => void;
}

export interface WrittenChart {
  name: string;
  title: string;
  sheet: string;
}

export interface WrittenOutput {
  resultsSheet: string;
  reportSheet: string;
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
  protection: Excel.WorkbookProtection;
}

/** Queues the loads {@link resolveTargets} needs; the caller syncs. */
export function queuePreparation(context: Excel.RequestContext): Preparation {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const protection = context.workbook.protection;
  protection.load("protected");
  return { sheets, tables, protection };
}

/** The sheets and table the write will create, and what it replaces. */
export interface Targets {
  results: string;
  report: string;
  table: string;
  /** Existing sheets deleted by the last request (replace), by name. */
  replace: string[];
  /** Final names after the swap (replace), else the same as results/report. */
  finalResults: string;
  finalReport: string;
}

/** "CVA Results" → "CVA Results (2)", "(3)", … the first not in `taken` (case-insensitive, ≤ 31 characters). */
export function freeName(base: string, taken: Iterable<string>, from = 2): string {
  const set = new Set([...taken].map((s) => s.toLowerCase()));
  if (from <= 1 && !set.has(base.toLowerCase())) return base;
  for (let k = Math.max(2, from); ; k++) {
    const suffix = ` (${k})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!set.has(name.toLowerCase())) return name;
  }
}

function freeTableName(base: string, taken: Iterable<string>): string {
  const set = new Set([...taken].map((s) => s.toLowerCase()));
  if (!set.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!set.has(`${base}${k}`.toLowerCase())) return `${base}${k}`;
}

/**
 * Chooses the output names after the preparation request: asks `decide` when a sheet exists;
 * "replace" checks that those sheets are not protected (one more sync).
 * @throws ExcelIssue "protected" when the workbook's structure is protected (no sheet can be
 *   added) or a sheet to replace is protected.
 */
export async function resolveTargets(
  context: Excel.RequestContext,
  prep: Preparation,
  names: OutputNames,
  tableBase: string,
  decide: WriteOptions["decide"],
): Promise<Targets> {
  if (prep.protection.protected) throw new ExcelIssue("protected", "the workbook's structure is protected: no sheet can be added", "");
  const existing = prep.sheets.items.map((s) => s.name);
  const lower = new Set(existing.map((s) => s.toLowerCase()));
  const clash = [names.results, names.report].filter((n) => lower.has(n.toLowerCase()));
  const table = freeTableName(tableBase, prep.tables.items.map((t) => t.name));
  if (clash.length === 0) {
    return { results: names.results, report: names.report, table, replace: [], finalResults: names.results, finalReport: names.report };
  }
  const choice = decide ? await decide(clash) : "new";
  if (choice === "new") {
    // The same number for both sheets, so "CVA Results (2)" goes with "CVA Report (2)".
    for (let k = 2; ; k++) {
      const r = freeName(names.results, existing, k);
      const p = freeName(names.report, existing, k);
      if (r.endsWith(` (${k})`) && p.endsWith(` (${k})`)) return { results: r, report: p, table, replace: [], finalResults: r, finalReport: p };
    }
  }
  const old = clash.map((n) => prep.sheets.items.find((s) => s.name.toLowerCase() === n.toLowerCase()) as Excel.Worksheet);
  const guards = old.map((s) => s.protection.load("protected"));
  await context.sync();
  const locked = old.filter((_, i) => guards[i].protected);
  if (locked.length > 0) {
    throw new ExcelIssue("protected", `the sheet ${locked.map((s) => s.name).join(", ")} is protected and cannot be replaced`, locked[0].name);
  }
  const tempResults = freeName(names.results, existing);
  const tempReport = freeName(names.report, [...existing, tempResults]);
  return { results: tempResults, report: tempReport, table, replace: old.map((s) => s.name), finalResults: names.results, finalReport: names.report };
}

/** Column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function suspend(context: Excel.RequestContext): void {
  context.workbook.application.suspendApiCalculationUntilNextSync();
  // ExcelApi 1.9, above the manifest's sets: only where Excel has it (./requirements.ts).
  if (supports("screenUpdating")) context.workbook.application.suspendScreenUpdatingUntilNextSync();
}

/** Thrown inside the block loop to stop it; turned into ExcelIssue "cancelled" after the rollback. */
class Stop extends Error {}

/**
 * Writes the plan into new sheets named by `targets`. The caller has made the computation
 * succeed first (nothing is written before this is called).
 * @throws ExcelIssue "cancelled" when `isCancelled` turns true between blocks (the added sheets
 *   are deleted again); any Excel error, after the same rollback.
 */
export async function writeOutput(context: Excel.RequestContext, plan: OutputPlan, targets: Targets, options: WriteOptions = {}): Promise<WrittenOutput> {
  const sheets = context.workbook.worksheets;
  const res = plan.results;
  const cols = res.header.length;
  const resultsSheet = sheets.add(targets.results);
  const reportSheet = sheets.add(targets.report);
  const formatBytes = rowBytes(res.formats);
  const blocks = sizedBlocks(res.rows, options.maxBytes ?? CHUNK_BYTES, formatBytes);
  if (blocks.length === 0) blocks.push({ start: 0, rows: 0 });
  const total = blocks.length + 1;
  try {
    await forEachChunk(
      blocks.length,
      (i) => {
        suspend(context);
        const b = blocks[i];
        if (i === 0) {
          const head = resultsSheet.getRangeByIndexes(0, 0, 1, cols);
          head.values = [res.header];
          head.format.font.bold = true;
        }
        if (b.rows === 0) return;
        const range = resultsSheet.getRangeByIndexes(b.start + 1, 0, b.rows, cols);
        // Formats first, so an id like "0001" lands in a text cell and stays text.
        range.numberFormat = new Array(b.rows).fill(res.formats);
        range.values = res.rows.slice(b.start, b.start + b.rows);
      },
      () => context.sync(),
      (i) => {
        options.onProgress?.("writing", i + 1, total);
        if (options.isCancelled?.()) throw new Stop();
      },
    );
    options.onProgress?.("charting", blocks.length, total);
    suspend(context);
    const n = res.rows.length;
    const tableRange = resultsSheet.getRangeByIndexes(0, 0, n + 1, cols);
    const table = resultsSheet.tables.add(tableRange, true);
    table.name = targets.table;
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
    resultsSheet.freezePanes.freezeRows(1);
    resultsSheet.getRangeByIndexes(0, 0, 1, cols).format.autofitColumns();
    const charts = writeReport(reportSheet, plan, targets.finalReport);
    for (const name of targets.replace) sheets.getItem(name).delete();
    if (targets.results !== targets.finalResults) resultsSheet.name = targets.finalResults;
    if (targets.report !== targets.finalReport) reportSheet.name = targets.finalReport;
    resultsSheet.activate();
    const address = table.getRange().load("address");
    await context.sync();
    options.onProgress?.("charting", total, total);
    return {
      resultsSheet: targets.finalResults,
      reportSheet: targets.finalReport,
      tableName: targets.table,
      tableAddress: address.address,
      charts,
      chunks: blocks.length,
      replaced: targets.replace.length > 0,
    };
  } catch (e) {
    // Take the half-written sheets away again; the user's sheets were never touched.
    resultsSheet.delete();
    reportSheet.delete();
    await context.sync();
    if (e instanceof Stop) throw new ExcelIssue("cancelled", "cancelled; nothing was written");
    throw e;
  }
}

interface Placed {
  /** Series name for a mark block: its second header. */
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** The report: lines, titled blocks down column A, charts to the right. Returns the charts. */
function writeReport(sheet: Excel.Worksheet, plan: OutputPlan, sheetName: string): WrittenChart[] {
  const rep = plan.report;
  let row = 0;
  const width = Math.max(1, ...rep.lines.map((l) => l.length));
  if (rep.lines.length > 0) {
    const lines = rep.lines.map((l) => pad(l, width));
    sheet.getRangeByIndexes(0, 0, lines.length, width).values = lines;
    sheet.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
    sheet.getRangeByIndexes(0, 0, 1, 1).format.font.size = 14;
    row = lines.length + 1;
  }
  const placed = new Map<string, Placed>();
  for (const block of rep.blocks) {
    placed.set(block.id, writeBlock(sheet, block, row));
    row += block.rows.length + 3;
  }
  sheet.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 160;
  const chartLeft = columnLetter(Math.max(8, ...rep.blocks.map((b) => b.header.length + 1)));
  const chartRight = columnLetter(Math.max(8, ...rep.blocks.map((b) => b.header.length + 1)) + 7);
  return rep.charts.map((c, i) => {
    addChart(sheet, c, placed, `${chartLeft}${2 + i * 20}`, `${chartRight}${19 + i * 20}`);
    return { name: c.name, title: c.title, sheet: sheetName };
  });
}

function pad(row: readonly Cell[], width: number): Cell[] {
  const out = row.slice();
  while (out.length < width) out.push("");
  return out;
}

function writeBlock(sheet: Excel.Worksheet, block: ReportBlock, row: number): Placed {
  const cols = block.header.length;
  const title = sheet.getRangeByIndexes(row, 0, 1, 1);
  title.values = [[block.title]];
  title.format.font.bold = true;
  const head = sheet.getRangeByIndexes(row + 1, 0, 1, cols);
  head.values = [block.header];
  head.format.font.bold = true;
  head.format.fill.color = "#DDEBF7";
  if (block.rows.length > 0) {
    const body = sheet.getRangeByIndexes(row + 2, 0, block.rows.length, cols);
    const formats = block.formats;
    if (formats) body.numberFormat = block.rows.map(() => formats.map((f) => f || "General"));
    body.values = block.rows.map((r) => pad(r, cols));
    for (const c of block.wrapColumns ?? []) {
      const wrap = sheet.getRangeByIndexes(row + 2, c, block.rows.length, 1);
      wrap.format.wrapText = true;
      wrap.format.columnWidth = 320;
    }
  }
  return { name: block.header[1] ?? block.title, row: row + 1, col: 0, rows: block.rows.length, cols };
}

function addChart(sheet: Excel.Worksheet, plan: ChartPlan, placed: Map<string, Placed>, topLeft: string, bottomRight: string): void {
  const at = placed.get(plan.block);
  if (!at) throw new Error(`chart ${plan.name}: no block ${plan.block}`);
  const source = sheet.getRangeByIndexes(at.row, at.col, at.rows + 1, at.cols);
  const type = plan.kind === "pyramid" ? "BarStacked" : plan.kind === "pareto" ? "XYScatterLinesNoMarkers" : "ColumnClustered";
  const chart = sheet.charts.add(type, source, "Columns");
  chart.name = plan.name;
  chart.title.text = plan.title;
  chart.setPosition(topLeft, bottomRight);
  if (plan.kind === "pyramid") {
    // Centred bars: an invisible spacer series of (widest − count) / 2 before each count.
    const spacer = chart.series.getItemAt(0);
    spacer.format.fill.clear();
    spacer.format.line.lineStyle = "None";
    const bars = chart.series.getItemAt(1);
    bars.gapWidth = 15;
    bars.hasDataLabels = true;
    chart.legend.visible = false;
  } else if (plan.kind === "pareto") {
    chart.axes.valueAxis.maximum = 1;
    chart.axes.categoryAxis.maximum = 1;
    chart.legend.position = "Bottom";
    const mark = plan.markBlock ? placed.get(plan.markBlock) : undefined;
    if (mark) {
      // The 80/20 mark: a series of its own through the points of the mark block.
      const s = chart.series.add(mark.name);
      s.setXAxisValues(sheet.getRangeByIndexes(mark.row + 1, mark.col, mark.rows, 1));
      s.setValues(sheet.getRangeByIndexes(mark.row + 1, mark.col + 1, mark.rows, 1));
    }
  } else {
    chart.legend.visible = false;
  }
}
