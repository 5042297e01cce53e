/**
 * Step 1 of the analysis from summaries made elsewhere: an engine that keeps the transaction rows
 * out of memory (the command line's DuckDB engine, src/cli/engine/duckdb-analyze.ts) computes
 * every summary column of src/core/summary/summarize.ts — the period amounts, exit amounts and
 * active periods of the life cycle and the repeat rate included (docs/summary.md §5–§6) — and
 * hands over the distinct days of the rows with their counts, from which the summary's warnings
 * are made (docs/inputs.md §5). Given the same columns, the analysis is the one `analyzeColumns`
 * makes from the rows themselves: the steps after the first are shared (src/core/analyze.ts).
 */
import { CvaError, ErrorCodes } from "../errors";
import type { CvaWarning } from "../warnings";
import { formatDay } from "../summary/dates";
import type { SummaryColumns } from "../summary/customer-summary";
import { resolveSummarySettings, type SummarySettings } from "../summary/settings";
import { summaryWarningsOfDays, type DayCounts } from "../summary/summary-warnings";
import { customersOfSummaries, profilesById, type AnalysisCustomers } from "./customers";
import type { AnalyzeOptions, CustomerProfile } from "./inputs";

/** Transactions summarised elsewhere, for `analyzeSummarized` (src/core/analyze.ts). */
export interface SummarizedTransactions {
  /**
   * Every customer with a row up to the end, in the core's order of ids (compareIds), with every
   * column summarizeColumns gives, computed with `settings`.
   */
  summaries: SummaryColumns;
  /** The settings of the summaries: resolve them with {@link summarizedSettings}. */
  settings: SummarySettings;
  /** The distinct days of all rows (after the end too) with their row counts. */
  days: DayCounts;
  /** Customer profiles, joined by id as with transactions (docs/inputs.md §4). */
  profiles?: readonly CustomerProfile[];
}

/** The summary settings of `options` against the rows' days (the default end is the last of them), as resolveSummarySettings resolves them against a table. */
export function summarizedSettings(days: DayCounts, options: AnalyzeOptions): SummarySettings {
  return resolveSummarySettings({ length: days.length, day: days.day }, options);
}

/**
 * The customers of summarised transactions, and the summary's warnings into `warnings`.
 * @throws CvaError EMPTY_INPUT when there is no customer (no row up to the end); INCONSISTENT_DATA
 *   when the columns' lengths or period counts do not agree with the summaries and settings.
 */
export function summarizedCustomers(input: SummarizedTransactions, options: AnalyzeOptions, warnings: CvaWarning[]): AnalysisCustomers {
  const { summaries: c, settings: s } = input;
  if (c.length === 0) throw CvaError.keyed(ErrorCodes.EmptyInput, "tx.noneBeforeEnd", { end: formatDay(s.end) }, { argument: "end" });
  const n = c.length;
  const columns = [c.frequency, c.recency, c.T, c.monetary, c.revenue, c.first, c.last, c.orders, c.activePeriods, c.observedPeriods];
  const consistent =
    c.ids.length === n &&
    columns.every((col) => col.length === n) &&
    (c.margin === null || c.margin.length === n) &&
    (c.quantity === null || c.quantity.length === n) &&
    c.periodCount === s.periodCount &&
    c.periodAmounts.length === n * s.periodCount &&
    c.exitPeriodAmounts.length === n * s.periodCount;
  if (!consistent) throw CvaError.keyed(ErrorCodes.InconsistentData, "summary.columnsDisagree", { customers: n });
  warnings.push(...summaryWarningsOfDays(input.days, s, c, { today: options.today }));
  return customersOfSummaries(c, s, profilesById(input.profiles), warnings);
}
