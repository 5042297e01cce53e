/**
 * The report sheet (docs/output.md §3): the lines and the headline figures on top, the report's
 * tables down column A (columns A–H), each chart beside its table (columns J–N), the charts'
 * source blocks in a separate data area from column R, never between the tables; the columns as
 * wide as the plan says, and the page set up for printing (landscape, one page wide, the title row
 * on every page, the date in the footer) where Excel has PageLayout (ExcelApi 1.9).
 */
import { addChart, type Placed, type WrittenChart } from "./charts";
import { columnLetter } from "./names";
import { REPORT_COLUMNS, type Cell, type OutputPlan, type ReportBlock, type ReportPlan } from "./plan";
import { supports } from "./requirements";

export { REPORT_COLUMNS } from "./plan";
/** The gap before the charts (I), the charts (J–N), the data area (from R); the tables take A–H (REPORT_COLUMNS). */
export const CHART_FIRST = 9;
export const CHART_LAST = 13;
export const DATA_COLUMN = 17;
/** Rows a chart takes: a section beside a chart is at least this tall. */
export const CHART_ROWS = 16;

const HEAD_FILL = "#DDEBF7";
const GREY = "#595959";
const TITLE = "#1F4E79";

/** The report: lines, headline figures, tables with their charts beside them, the data area. Returns the charts. */
export function writeReport(sheet: Excel.Worksheet, plan: OutputPlan, sheetName: string): WrittenChart[] {
  const rep = plan.report;
  let row = 0;
  rep.lines.forEach((line, i) => {
    const cells = sheet.getRangeByIndexes(row, 0, 1, Math.max(1, line.length));
    cells.values = [line.length > 0 ? line.slice() : [""]];
    if (i === 0) {
      cells.format.font.bold = true;
      cells.format.font.size = 16;
      cells.format.font.color = TITLE;
    } else cells.format.font.color = GREY;
    row++;
  });
  if (rep.lines.length > 0) row++;
  if (rep.kpis && rep.kpis.length > 0) row = writeKpis(sheet, rep, row) + 1;

  const placed = new Map<string, Placed>();
  const sections = new Map<string, number>();
  const beside = new Set(rep.charts.map((c) => c.beside).filter((b): b is string => b !== undefined));
  for (const block of rep.blocks.filter((b) => b.area !== "data")) {
    const start = row;
    const at = writeBlock(sheet, block, row, 0, true);
    placed.set(block.id, at.placed);
    sections.set(block.id, start);
    row = start + Math.max(at.height, beside.has(block.id) ? CHART_ROWS : 0) + 1;
  }
  const reportEnd = row;

  // The data area: the charts' sources, far to the right, under a title that says what they are.
  const data = rep.blocks.filter((b) => b.area === "data");
  if (data.length > 0) {
    const title = sheet.getRangeByIndexes(0, DATA_COLUMN, 1, 1);
    title.values = [[rep.dataTitle ?? "Chart data"]];
    title.format.font.bold = true;
    let r = 2;
    let cols = 1;
    for (const block of data) {
      const at = writeBlock(sheet, block, r, DATA_COLUMN, false);
      placed.set(block.id, at.placed);
      cols = Math.max(cols, block.header.length);
      r += at.height + 1;
    }
    const area = sheet.getRangeByIndexes(0, DATA_COLUMN, r, cols);
    area.format.font.color = GREY;
    area.format.autofitColumns();
  }

  (rep.widths ?? []).forEach((w, c) => {
    if (c < REPORT_COLUMNS) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w;
  });
  sheet.getRangeByIndexes(0, REPORT_COLUMNS, 1, 1).format.columnWidth = 12;

  let free = reportEnd;
  const charts = rep.charts.map((c) => {
    const start = c.beside !== undefined ? sections.get(c.beside) : undefined;
    const top = start ?? free;
    if (start === undefined) free += CHART_ROWS + 1;
    addChart(sheet, c, placed, `${columnLetter(CHART_FIRST)}${top + 1}`, `${columnLetter(CHART_LAST)}${top + CHART_ROWS}`);
    return { name: c.name, title: c.title, sheet: sheetName };
  });
  if (rep.print) setUpPage(sheet, rep.print, Math.max(free, reportEnd));
  return charts;
}

/** The headline figures: labels (wrapped), values in their formats, a line under each. Returns the row after them. */
function writeKpis(sheet: Excel.Worksheet, rep: ReportPlan, row: number): number {
  const kpis = rep.kpis ?? [];
  const n = kpis.length;
  const labels = sheet.getRangeByIndexes(row, 0, 1, n);
  labels.values = [kpis.map((k) => k.label)];
  labels.format.font.bold = true;
  labels.format.fill.color = HEAD_FILL;
  labels.format.wrapText = true;
  const values = sheet.getRangeByIndexes(row + 1, 0, 1, n);
  values.numberFormat = [kpis.map((k) => k.format)];
  values.values = [kpis.map((k) => k.value)];
  values.format.font.bold = true;
  values.format.font.size = 14;
  const notes = sheet.getRangeByIndexes(row + 2, 0, 1, n);
  notes.values = [kpis.map((k) => k.note)];
  notes.format.font.color = GREY;
  notes.format.font.size = 9;
  notes.format.wrapText = true;
  sheet.getRangeByIndexes(row, 0, 3, n).format.autofitRows();
  return row + 3;
}

/** A block at (row, col): title, note, header, body, lines after. Returns where its header and body are and the rows it took. */
function writeBlock(sheet: Excel.Worksheet, block: ReportBlock, row: number, col: number, report: boolean): { placed: Placed; height: number } {
  const cols = Math.max(1, block.header.length, ...block.rows.map((r) => r.length));
  let r = row;
  const title = sheet.getRangeByIndexes(r++, col, 1, 1);
  title.values = [[block.title]];
  title.format.font.bold = true;
  if (report) {
    title.format.font.size = 12;
    title.format.font.color = TITLE;
  }
  if (block.note) {
    const note = sheet.getRangeByIndexes(r++, col, 1, 1);
    note.values = [[block.note]];
    note.format.font.color = GREY;
  }
  const headerRow = r;
  if (block.header.length > 0) {
    const head = sheet.getRangeByIndexes(r++, col, 1, cols);
    head.values = [pad(block.header, cols)];
    head.format.font.bold = true;
    head.format.fill.color = HEAD_FILL;
    if (report) {
      head.format.wrapText = true;
      head.format.autofitRows();
    }
  }
  if (block.rows.length > 0) {
    const body = sheet.getRangeByIndexes(r, col, block.rows.length, cols);
    const formats = block.formats ?? [];
    // Formats first, so an id like "0001" lands in a text cell and stays text.
    body.numberFormat = block.rows.map((_, i) => Array.from({ length: cols }, (_, j) => block.cellFormats?.[i]?.[j] || formats[j] || "General"));
    body.values = block.rows.map((x) => pad(x, cols));
    for (const c of block.wrapColumns ?? []) sheet.getRangeByIndexes(r, col + c, block.rows.length, 1).format.wrapText = true;
    if (block.totalRow) sheet.getRangeByIndexes(r + block.rows.length - 1, col, 1, cols).format.font.bold = true;
    r += block.rows.length;
  }
  for (const [label, text] of block.after ?? []) {
    const line = sheet.getRangeByIndexes(r++, col, 1, 2);
    line.values = [[label, text]];
    sheet.getRangeByIndexes(r - 1, col, 1, 1).format.font.bold = true;
  }
  return { placed: { name: block.header[1] ?? block.title, row: headerRow, col, rows: block.rows.length, cols }, height: r - row };
}

/** Landscape, one page wide, the title row repeated, the report's columns only, the title and the print date (ExcelApi 1.9). */
function setUpPage(sheet: Excel.Worksheet, print: NonNullable<ReportPlan["print"]>, rows: number): void {
  // PageLayout is ExcelApi 1.9, above the manifest's sets: only where Excel has it (./requirements.ts).
  if (!supports("pageLayout")) return;
  const page = sheet.pageLayout;
  page.orientation = "Landscape";
  // Set as one object: Excel ignores x.zoom.horizontalFitToPages = … ("PageLayout.zoom").
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.centerHorizontally = true;
  page.setPrintArea(`A1:${columnLetter(CHART_LAST)}${rows}`);
  page.setPrintTitleRows("$1:$1");
  page.headersFooters.defaultForAllPages.centerHeader = print.header;
  page.headersFooters.defaultForAllPages.centerFooter = print.footer;
}

function pad(row: readonly Cell[], width: number): Cell[] {
  const out = row.slice();
  while (out.length < width) out.push("");
  return out;
}
