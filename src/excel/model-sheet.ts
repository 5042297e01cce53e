/**
 * The lifetime model's sheet ("CVA Model", docs/models/model-sheet.md): the chosen model and why, then its
 * sections down column A — the model comparison, the frequency histogram, the holdout checks, the
 * P(alive) heat maps, the forecast, the value of a new customer — each with its native chart beside its table (on screen, not
 * past the data) or a colour scale on it.
 *
 * Nothing here syncs: {@link modelSheetWrites} returns the writes as pieces of measured size, and
 * ./write.ts packs them into requests under the byte budget (./chunks.ts), the last group going
 * with its final request. Every value passes {@link cell}: a NaN or an infinity is written as an
 * empty cell, never as text Excel would show as #NUM! or a formula could not use.
 *
 * Calls: Worksheet.getRangeByIndexes, Range.values/numberFormat/format (ExcelApi 1.1–1.3),
 * ConditionalFormatCollection.add("ColorScale") with ColorScaleConditionalFormat.criteria
 * (ExcelApi 1.6), ChartSeriesCollection.add, ChartSeries.setValues/setXAxisValues (ExcelApi 1.7),
 * ChartAxisTitle.text (ExcelApi 1.1): all within the manifest's ExcelApi 1.7 (./requirements.ts).
 */
import type { WrittenChart } from "./charts";
import { rowBytes, sizedBlocks } from "./chunks";
import { columnLetter, quotedSheet } from "./names";
import type { Cell, ColorScalePlan, ModelSection, ModelSheetPlan, SeriesChartPlan } from "./plan";

/**
 * Where the live parts of the sheet (docs/live-model.md) connect to the workbook: its defined names
 * (ExcelApi 1.4 NamedItemCollection.add, NamedItem.delete), the names it has now (a rerun deletes
 * the planned names that exist and adds them again over the new cells: replaced, not duplicated)
 * and the results sheet the worked example's check cell looks the customer up in.
 */
export interface LiveTargets {
  names: Excel.NamedItemCollection;
  existing: readonly string[];
  results: string;
}

/** A write of known size, queued on the context when called. */
export interface SheetPiece {
  bytes: number;
  queue: () => void;
}

/** Where a section's parts landed (0-based rows). */
export interface SectionPlace {
  id: string;
  /** The title's row. */
  top: number;
  /** The header row of the table. */
  header: number;
  /** The first row of the mark's points, when the section has one. */
  mark: number;
  /** The first row of the footer's figures, when the section has them. */
  footer: number;
  /** Rows the section takes, chart included, before the next one. */
  height: number;
}

/** Rows a chart takes (about 15 pt each, so 16 rows ≈ 240 pt high). */
export const CHART_ROWS = 16;
/** Columns a chart takes (8 × 64 px ≈ 512 px wide). */
export const CHART_COLUMNS = 8;

const HEADER_FILL = "#DDEBF7";
const NOTE_COLOR = "#595959";

/** A cell as written: non-finite numbers become empty cells. */
export function cell(v: Cell | null | undefined): Cell {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && !Number.isFinite(v)) return "";
  return v;
}

/** The layout: the row of every section's title, header and mark, one below the other. O(sections). */
export function placeSections(plan: ModelSheetPlan): SectionPlace[] {
  let row = plan.lines.length > 0 ? plan.lines.length + 1 : 0;
  return plan.sections.map((s) => {
    const top = row;
    const header = top + 1 + (s.note ? 1 : 0);
    const mark = header + 1 + s.rows.length + 1;
    const markEnd = mark + (s.chart?.mark ? s.chart.mark.points.length + 1 : 0);
    const footer = s.chart?.mark ? markEnd + 1 : mark;
    const tableRows = (s.footer && s.footer.length > 0 ? footer + s.footer.length : markEnd) - top;
    const height = Math.max(tableRows, s.chart ? CHART_ROWS + 1 : 0) + 1;
    row += height;
    return { id: s.id, top, header, mark, footer, height };
  });
}

function pad(row: readonly (Cell | null | undefined)[], width: number): Cell[] {
  const out = row.map(cell);
  while (out.length < width) out.push("");
  return out;
}

/**
 * The writes of the model sheet, in order: the lines, each section's title, header and body (a
 * long body in blocks under `maxBytes`), its colour scale, then the charts. O(cells).
 */
export function modelSheetWrites(sheet: Excel.Worksheet, plan: ModelSheetPlan, sheetName: string, maxBytes: number, live?: LiveTargets): { pieces: SheetPiece[]; charts: WrittenChart[] } {
  const pieces: SheetPiece[] = [];
  const places = placeSections(plan);
  if (live) pieces.push(...nameWrites(sheet, plan, places, live));
  if (plan.lines.length > 0) {
    const width = Math.max(1, ...plan.lines.map((l) => l.length));
    const lines = plan.lines.map((l) => pad(l, width));
    pieces.push({
      bytes: lines.reduce((n, l) => n + rowBytes(l), 0),
      queue: () => {
        sheet.getRangeByIndexes(0, 0, lines.length, width).values = lines;
        const title = sheet.getRangeByIndexes(0, 0, 1, 1).format.font;
        title.bold = true;
        title.size = 14;
      },
    });
  }
  plan.sections.forEach((s, i) => pieces.push(...sectionWrites(sheet, s, places[i], maxBytes, live?.results)));
  const charts: WrittenChart[] = [];
  plan.sections.forEach((s, i) => {
    const chart = s.chart;
    if (!chart) return;
    pieces.push({ bytes: 2_000, queue: () => addSeriesChart(sheet, s, chart, places[i]) });
    charts.push({ name: chart.name, title: chart.title, sheet: sheetName });
  });
  pieces.push({
    bytes: 100,
    queue: () => {
      // Column A holds the row labels (the worked example's "t_x: time of the last purchase (weeks)"
      // among them); B–F the figures of the tables, the what-if table's five margins the widest
      // (an equity such as 71,281.95 in its money format). The others keep Excel's width, so a chart
      // of CHART_COLUMNS columns stays on a laptop's screen.
      sheet.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 170;
      sheet.getRangeByIndexes(0, 1, 1, 5).format.columnWidth = 72;
    },
  });
  return { pieces, charts };
}

/**
 * The names of every section, first of the sheet's writes (a formula finds its names when it lands):
 * each planned name that exists is deleted, then added over its cells. O(names).
 */
function nameWrites(sheet: Excel.Worksheet, plan: ModelSheetPlan, places: SectionPlace[], live: LiveTargets): SheetPiece[] {
  const existing = new Set(live.existing.map((n) => n.toLowerCase()));
  const all = plan.sections.flatMap((s, i) => (s.names ?? []).map((n) => ({ n, row: places[i].header + 1 + n.row })));
  if (all.length === 0) return [];
  return [
    {
      bytes: 200 * all.length,
      queue: () => {
        for (const { n } of all) if (existing.has(n.name.toLowerCase())) live.names.getItem(n.name).delete();
        for (const { n, row } of all) live.names.add(n.name, sheet.getRangeByIndexes(row, n.column, n.rows ?? 1, 1), n.comment ?? "");
      },
    },
  ];
}

/** A formula's tokens (ModelSection.formulas) resolved for body row `row` of a section placed at `at`. */
export function resolveFormula(v: Cell, at: SectionPlace, row: number, results: string | undefined): Cell {
  if (typeof v !== "string" || !v.startsWith("=")) return v;
  const first = at.header + 2; // the 1-based sheet row of body row 0
  return v
    .replace(/#ROW#/g, String(first + row))
    .replace(/#R(\d+)#/g, (_, k: string) => String(first + Number(k)))
    .replace(/#RESULTS#/g, quotedSheet(results ?? ""));
}

function sectionWrites(sheet: Excel.Worksheet, s: ModelSection, at: SectionPlace, maxBytes: number, results?: string): SheetPiece[] {
  const cols = Math.max(1, s.header.length, ...s.rows.map((r) => r.length));
  const header = pad(s.header, cols);
  const pieces: SheetPiece[] = [
    {
      bytes: rowBytes(header) + 200,
      queue: () => {
        const title = sheet.getRangeByIndexes(at.top, 0, 1, 1);
        title.values = [[s.title]];
        title.format.font.bold = true;
        if (s.note) {
          const note = sheet.getRangeByIndexes(at.top + 1, 0, 1, 1);
          note.values = [[s.note]];
          note.format.font.color = NOTE_COLOR;
        }
        const head = sheet.getRangeByIndexes(at.header, 0, 1, cols);
        head.values = [header];
        head.format.font.bold = true;
        head.format.fill.color = HEADER_FILL;
      },
    },
  ];
  const rows = s.rows.map((r, i) => (s.formulas ? pad(r, cols).map((v) => resolveFormula(v, at, i, results)) : pad(r, cols)));
  const formats = s.formats ? pad(s.formats.map((f) => f || "General"), cols).map((f) => f || "General") : undefined;
  const formatBytes = formats ? rowBytes(formats) : 0;
  for (const b of sizedBlocks(rows, maxBytes, formatBytes)) {
    const block = rows.slice(b.start, b.start + b.rows);
    pieces.push({
      bytes: block.reduce((n, r) => n + rowBytes(r) + formatBytes, 0),
      queue: () => {
        const body = sheet.getRangeByIndexes(at.header + 1 + b.start, 0, b.rows, cols);
        // Formats first, so a value lands in a cell already formatted for it.
        if (s.cellFormats) body.numberFormat = s.cellFormats.slice(b.start, b.start + b.rows).map((f) => pad(f, cols).map((x) => x || "General") as string[]);
        else if (formats) body.numberFormat = block.map(() => formats);
        if (s.formulas) body.formulas = block;
        else body.values = block;
      },
    });
  }
  if (s.totalRow && rows.length > 0) {
    pieces.push({ bytes: 100, queue: () => void (sheet.getRangeByIndexes(at.header + rows.length, 0, 1, cols).format.font.bold = true) });
  }
  const mark = s.chart?.mark;
  if (mark) {
    const values: Cell[][] = [[mark.name, ""], ...mark.points.map(([x, y]) => [cell(x), cell(y)])];
    pieces.push({ bytes: rowBytes(values.flat()) + 50, queue: () => void (sheet.getRangeByIndexes(at.mark, 0, values.length, 2).values = values) });
  }
  const footer = s.footer ?? [];
  if (footer.length > 0) {
    const values: Cell[][] = footer.map((f) => [f.label, cell(f.value)]);
    const numberFormats = footer.map((f) => ["General", f.format || "General"]);
    pieces.push({
      bytes: rowBytes(values.flat()) + rowBytes(numberFormats.flat()) + 50,
      queue: () => {
        const range = sheet.getRangeByIndexes(at.footer, 0, values.length, 2);
        range.numberFormat = numberFormats;
        range.values = values;
      },
    });
  }
  if (s.colorScale && rows.length > 0 && cols > s.colorScale.firstColumn) {
    const scale = s.colorScale;
    pieces.push({ bytes: 300, queue: () => addColorScale(sheet.getRangeByIndexes(at.header + 1, scale.firstColumn, rows.length, cols - scale.firstColumn), scale) });
  }
  return pieces;
}

/**
 * A three-colour scale (ExcelApi 1.6): the minimum and maximum at fixed numbers or at the block's
 * lowest and highest values (then their formula is null, as Excel requires), the midpoint at a
 * fixed number or the 50th percentile.
 */
function addColorScale(range: Excel.Range, scale: ColorScalePlan): void {
  const cf = range.conditionalFormats.add("ColorScale");
  const end = (v: number | null, lowest: boolean, color: string): Excel.ConditionalColorScaleCriterion =>
    v === null ? { type: lowest ? "LowestValue" : "HighestValue", formula: null as unknown as string, color } : { type: "Number", formula: String(v), color };
  cf.colorScale.criteria = {
    minimum: end(scale.min, true, scale.colors[0]),
    midpoint: scale.mid === null ? { type: "Percentile", formula: "50", color: scale.colors[1] } : { type: "Number", formula: String(scale.mid), color: scale.colors[1] },
    maximum: end(scale.max, false, scale.colors[2]),
  };
}

const CHART_TYPES = { columns: "ColumnClustered", lines: "LineMarkers", scatterLines: "XYScatterLinesNoMarkers" } as const;

/** The chart to the right of the section's table, from its title row down: each series a column of the table. */
function addSeriesChart(sheet: Excel.Worksheet, s: ModelSection, plan: SeriesChartPlan, at: SectionPlace): void {
  // A total row is not a period: the chart stops above it.
  const n = s.rows.length - (s.totalRow ? 1 : 0);
  const column = (c: number) => sheet.getRangeByIndexes(at.header + 1, c, Math.max(1, n), 1);
  const categories = column(plan.categories);
  const [first, ...rest] = plan.series;
  // The first series from its column with its header (the series' name); the others added to it.
  const chart = sheet.charts.add(CHART_TYPES[plan.kind], sheet.getRangeByIndexes(at.header, first.column, Math.max(1, n) + 1, 1), "Columns");
  chart.name = plan.name;
  chart.title.text = plan.title;
  chart.series.getItemAt(0).setXAxisValues(categories);
  for (const sp of rest) {
    const series = chart.series.add(String(cell(s.header[sp.column])));
    series.setXAxisValues(categories);
    series.setValues(column(sp.column));
  }
  if (plan.mark && plan.mark.points.length > 0) {
    const m = plan.mark.points.length;
    const series = chart.series.add(plan.mark.name);
    series.setXAxisValues(sheet.getRangeByIndexes(at.mark + 1, 0, m, 1));
    series.setValues(sheet.getRangeByIndexes(at.mark + 1, 1, m, 1));
  }
  chart.axes.categoryAxis.title.text = plan.xTitle;
  chart.axes.valueAxis.title.text = plan.yTitle;
  chart.legend.position = "Bottom";
  const left = Math.max(2, s.header.length + 1);
  chart.setPosition(`${columnLetter(left)}${at.top + 1}`, `${columnLetter(left + CHART_COLUMNS - 1)}${at.top + CHART_ROWS}`);
}

/** Groups pieces, in order, into requests of at most `maxBytes` (a piece larger than that alone). */
export function packPieces(pieces: readonly SheetPiece[], maxBytes: number): SheetPiece[][] {
  const groups: SheetPiece[][] = [];
  let group: SheetPiece[] = [];
  let bytes = 0;
  for (const p of pieces) {
    if (group.length > 0 && bytes + p.bytes > maxBytes) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(p);
    bytes += p.bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
