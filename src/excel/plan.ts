/**
 * What the add-in writes back (docs/output.md §2–§5), as plain data: the pane builds a plan from the
 * value model's results (src/taskpane/workflow/output.ts), and ./write.ts turns it into sheets,
 * an Excel table, formats and native charts. Nothing here touches Office.
 */

/** Columns of the report's tables and texts (A–H); the charts sit to their right (./report.ts). */
export const REPORT_COLUMNS = 8;

/** Cell values as Excel takes them. */
export type Cell = string | number | boolean;

/** The per-customer results table. */
export interface ResultsTablePlan {
  /** Base name of the sheet, e.g. "CVA Results" / 「客户价值分析」. */
  sheet: string;
  /** Base name of the Excel table (letters, digits, underscores). */
  tableName: string;
  header: string[];
  /** One Excel number format per column ("@" text, "0", "0.00", "0.0%", "yyyy-mm-dd", …). */
  formats: string[];
  /** The body rows, one per customer; empty when `body` makes them instead. */
  rows: Cell[][];
  /**
   * The body rows made one at a time, in place of `rows`: the analysis worker's packed table
   * (src/taskpane/workflow/transfer.ts), made into rows of cells a block at a time as ./write.ts
   * writes them, so the page's thread never makes (or holds) a million rows in one go.
   */
  body?: RowSource;
  /** Column holding the tier number (1 = top), coloured per tier; -1 for none. */
  tierColumn: number;
  /** Fill colours per tier, top tier first. */
  tierColors: string[];
  /** Column that gets a data bar (CLV); -1 for none. */
  dataBarColumn: number;
  /** The "Live formulas" option's formulas over the value columns, or its reason for values (docs/live-model.md §5). */
  live?: LiveColumnsPlan;
}

/** Rows made one at a time: `rowAt` gives an array that is never refilled, the caller's to keep (not to change). */
export interface RowSource {
  readonly length: number;
  rowAt(i: number): Cell[];
}

/** The results table's body as rows made one at a time, from `body` or `rows`. */
export function bodyOf(res: Pick<ResultsTablePlan, "rows" | "body">): RowSource {
  const rows = res.rows;
  return res.body ?? { length: rows.length, rowAt: (i) => rows[i] };
}

/** All the results table's body rows at once (tests, small tables): `rows`, or `body` made in one go. O(cells). */
export function bodyRows(res: Pick<ResultsTablePlan, "rows" | "body">): Cell[][] {
  const body = res.body;
  return body ? Array.from({ length: body.length }, (_, i) => body.rowAt(i)) : res.rows;
}

/** Model columns written as formulas after their values; a total and a note beside the table. */
export interface LiveColumnsPlan {
  /** The table's columns that get formulas, in the order of each row of `formulas`. */
  columns: number[];
  /** Per customer row, its formulas (English, commas: Range.formulas). */
  formulas: string[][];
  /** The equity total: a label and a formula summing the CLV column. */
  total?: { label: string; formula: string };
  /** Why the columns stayed values (too many customers, no model), written beside the table; null when live. */
  note: string | null;
}

/** A titled block of rows on the report sheet. */
export interface ReportBlock {
  id: string;
  title: string;
  header: string[];
  rows: Cell[][];
  /** Number format per column; "" leaves Excel's General. */
  formats?: string[];
  /** Text wraps in these columns (strategy texts). */
  wrapColumns?: number[];
  /**
   * Where the block goes: "report" (default) down column A, a table the reader reads; "data" in
   * the separate chart-data area far to the right, the source of a chart (docs/output.md §3).
   */
  area?: "report" | "data";
  /** A sentence under the title (what the table shows, how it was chosen). */
  note?: string;
  /** The last row is a total: bold. */
  totalRow?: boolean;
  /** Lines under the table, label in column A (bold) and its text from column B on (not wrapped: it runs on to the right). */
  after?: [string, string][];
  /** Per-cell number formats of the body (rows × columns), over `formats`; "" keeps the column's. */
  cellFormats?: string[][];
  /** A text column whose text runs on over the empty cells to its right (not wrapped, not counted in the widths). */
  runOnColumn?: number;
}

export type ChartKind = "pyramid" | "pareto" | "columns";

/** One headline figure of the report's first screen: a label over its value, a line under it. */
export interface ReportKpi {
  label: string;
  value: Cell;
  /** The value's number format ("#,##0", "0.0%", …). */
  format: string;
  /** What the figure means or its range, under it; "" for none. */
  note: string;
}

/** The report's print settings (ExcelApi 1.9 PageLayout, where Excel has it). */
export interface ReportPrint {
  /** Centre header: the report's title. */
  header: string;
  /** Centre footer, with Excel's header/footer codes (&D the print date, &P the page). */
  footer: string;
}

/** A native chart over a report block: column 0 holds the categories (or x values). */
export interface ChartPlan {
  /** Unique per sheet, used to select the chart from the pane. */
  name: string;
  title: string;
  kind: ChartKind;
  /** The block the chart plots. */
  block: string;
  /** pareto: a two-row block with the 20 % mark (x, y). */
  markBlock?: string;
  /** Category (x) axis title; value (y) axis title. */
  xTitle?: string;
  yTitle?: string;
  /** The report block the chart sits beside (its section's first row); absent: stacked after the last. */
  beside?: string;
}

export interface ReportPlan {
  sheet: string;
  /** Lines above the blocks: the title, the period and source, notes and warnings. */
  lines: Cell[][];
  /** Headline figures under the lines, one column each from A (docs/output.md §3). */
  kpis?: ReportKpi[];
  blocks: ReportBlock[];
  charts: ChartPlan[];
  /** Widths of the report's columns in points, column A first (the data area is autofitted). */
  widths?: number[];
  print?: ReportPrint;
  /** Title of the data area that holds the charts' source blocks. */
  dataTitle?: string;
}

export interface OutputPlan {
  results: ResultsTablePlan;
  report: ReportPlan;
  /** The lifetime model's sheet (docs/models/model-sheet.md); absent when no count model was fitted. */
  model?: ModelSheetPlan;
  /** Why there is no model sheet this time, written into an old model sheet that Replace rewrites. */
  modelNote?: string;
}

/** How a model-sheet chart draws its series. */
export type SeriesChartKind = "columns" | "lines" | "scatterLines";

/** One series of a model-sheet chart: a column of its section's table. */
export interface SeriesPlan {
  /** Column of the section's table holding the values (its header names the series). */
  column: number;
}

/**
 * A native chart beside a section's table: column `categories` gives the categories (the x values
 * of a scatter chart), each series one column; an optional mark (two or more points, x then y, of
 * the section's `mark`) drawn as one more series, e.g. the end of the calibration period.
 */
export interface SeriesChartPlan {
  name: string;
  title: string;
  kind: SeriesChartKind;
  categories: number;
  series: SeriesPlan[];
  xTitle: string;
  yTitle: string;
  /** A series of its own through these points (scatter charts): its name and its x, y rows. */
  mark?: { name: string; points: [number, number][] };
}

/**
 * A colour scale over a block of the section's table (a heat map): columns from `firstColumn` on,
 * every body row. `min`/`max` fixed values, or null for the lowest/highest value in the block;
 * `mid` a fixed value, or null for the block's median (50th percentile).
 */
export interface ColorScalePlan {
  firstColumn: number;
  min: number | null;
  mid: number | null;
  max: number | null;
  colors: [string, string, string];
}

/** A titled table of the model sheet, with a chart beside it or a colour scale on it. */
export interface ModelSection {
  id: string;
  title: string;
  /** A sentence under the title (what the table shows, how to read it). */
  note?: string;
  header: Cell[];
  rows: Cell[][];
  /** Number format per column; "" leaves Excel's General. */
  formats?: string[];
  /** The last row is a total: bold, a line above. */
  totalRow?: boolean;
  chart?: SeriesChartPlan;
  colorScale?: ColorScalePlan;
  /** Figures under the table (after a blank row), each a label in column A and its value in B with its own format. */
  footer?: { label: string; value: Cell; format: string }[];
  /**
   * The body is written as formulas (Range.formulas: English function names, commas between
   * arguments, so the sheet works in any language of Excel; docs/live-model.md §1). In a formula,
   * `#ROW#` is the cell's own row number, `#R<k>#` that of body row k, and `#RESULTS#` the results
   * sheet's name quoted for a reference ('CVA Results').
   */
  formulas?: boolean;
  /** Number formats of the body cell by cell (rows × columns), in place of `formats`. */
  cellFormats?: string[][];
  /** Workbook names of body cells: `rows` cells down from body row `row` in `column` (docs/live-model.md §1). */
  names?: NamePlan[];
}

/** A workbook-level defined name over body cells of a section. */
export interface NamePlan {
  name: string;
  row: number;
  column: number;
  /** Cells down from `row`; default 1. */
  rows?: number;
  /** Shown in Excel's Name Manager. */
  comment?: string;
}

/** The lifetime model's sheet: lines on top (the chosen model and why), then sections down column A. */
export interface ModelSheetPlan {
  sheet: string;
  lines: Cell[][];
  sections: ModelSection[];
}
