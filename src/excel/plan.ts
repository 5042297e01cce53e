/**
 * What the add-in writes back (docs/output.md §2–§5), as plain data: the pane builds a plan from the
 * value model's results (src/taskpane/workflow/output.ts), and ./write.ts turns it into sheets,
 * an Excel table, formats and native charts. Nothing here touches Office.
 */

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
  rows: Cell[][];
  /** Column holding the tier number (1 = top), coloured per tier; -1 for none. */
  tierColumn: number;
  /** Fill colours per tier, top tier first. */
  tierColors: string[];
  /** Column that gets a data bar (CLV); -1 for none. */
  dataBarColumn: number;
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
}

export type ChartKind = "pyramid" | "pareto" | "columns";

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
  xTitle?: string;
  yTitle?: string;
}

export interface ReportPlan {
  sheet: string;
  /** Lines above the blocks: headline figures, the Pareto share, the Gini, notes. */
  lines: Cell[][];
  blocks: ReportBlock[];
  charts: ChartPlan[];
}

export interface OutputPlan {
  results: ResultsTablePlan;
  report: ReportPlan;
}
