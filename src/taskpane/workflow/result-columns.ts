/**
 * The analysis's per-customer results as the plan reads them (docs/output.md §9): the pane runs
 * core's `analyzeColumns`, whose results stay by column, and hands the plan an
 * {@link AnalyzeResult} whose `customers` are made as objects only if something reads them (the
 * history's rows do). The results table, the headline and the worked example's choice read the
 * columns themselves ({@link columnsOf}): at 350,000 customers one object each cost about a second
 * and 250 MB more for the page's worker to collect. Pure, no Office, no React.
 */
import type { AnalyzeColumnsResult, AnalyzeResult, CustomerResult, CustomerResults } from "../../core";

const COLUMNS = new WeakMap<AnalyzeResult, CustomerResults>();

/** `r` as an {@link AnalyzeResult}: its customers made as objects (once) when first read. */
export function lazyResult(r: AnalyzeColumnsResult): AnalyzeResult {
  let customers: CustomerResult[] | undefined;
  const result: AnalyzeResult = {
    get customers() {
      return (customers ??= r.customers.toArray());
    },
    report: r.report,
    intervals: r.intervals,
  };
  COLUMNS.set(result, r.customers);
  return result;
}

/** The results by column when `result` was made by {@link lazyResult}; undefined for core's `analyze`. */
export function columnsOf(result: AnalyzeResult): CustomerResults | undefined {
  return COLUMNS.get(result);
}

/** How many customers the result has, without making them as objects. */
export function customerCount(result: AnalyzeResult): number {
  return columnsOf(result)?.length ?? result.customers.length;
}

/**
 * One figure of every customer, NaN where the objects have null: the result's column itself when
 * it has columns, else read from its objects.
 */
export function figure(result: AnalyzeResult, name: "value" | "pAlive" | "first"): ArrayLike<number> {
  const cols = columnsOf(result)?.columns;
  if (cols) return name === "first" ? cols.summaries.first : cols[name];
  const cs = result.customers;
  if (name === "value") return Float64Array.from(cs, (c) => c.value);
  if (name === "first") return Float64Array.from(cs, (c) => c.summary.first);
  return Float64Array.from(cs, (c) => c.pAlive ?? NaN);
}
