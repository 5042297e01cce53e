/**
 * The value model's results → what is written back (docs/output.md §2–§5, §7): the per-customer
 * table (./customer-table.ts), the manager's report (./report-plan.ts), the model sheet
 * (./model-plan.ts) and the pane's headline figures (./headline.ts). Pure, O(customers).
 */
import type { AnalyzeResult } from "../../core";
import type { Cell, LiveColumnsPlan, OutputPlan } from "../../excel/plan";
import { t, type Locale, type StringKey } from "../strings";
import { columns, customerCells, customerRows, TIER_COLORS } from "./customer-table";
import { headline } from "./headline";
import type { HoldoutCheck } from "./holdout-check";
import { liveColumns } from "./live-columns";
import { exampleCustomer, type CustomerLike, type LiveInput } from "./live-plan";
import { columnsOf, customerCount } from "./result-columns";
import { packColumns, type PackedRows } from "./transfer";
import { buildModelSheet, noModelNote, type ModelParts } from "./model-plan";
import type { AnalysisOptions } from "./options";
import { reportPlan } from "./report-plan";

export { headline, AT_RISK_P_ALIVE, type Headline } from "./headline";
export { quantileBins } from "./report-bins";
export { TIER_COLORS } from "./customer-table";

/** Sheet and table names in a language. */
export function outputNames(lang: Locale): { results: string; report: string; model: string } {
  return { results: t(lang, "sheetResults"), report: t(lang, "sheetReport"), model: t(lang, "sheetModel") };
}

/**
 * The whole output plan. O(customers × columns).
 * @param holdout the holdout check's parts (./holdout-check.ts), which replace the analysis's
 *   comparison and reason and add the buckets and tracking to its fit checks.
 * @param source where the data was read ("Sheet1!A1:D6920"), named on the report.
 */
export function buildPlan(result: AnalyzeResult, o: AnalysisOptions, fallback: string | null, holdout?: HoldoutCheck["parts"], source?: string): OutputPlan {
  return assemble(result, o, fallback, customerRows(result, columns(result)), holdout, source);
}

/**
 * {@link buildPlan} with the results table's rows packed by column (./transfer.ts) and left out of
 * the plan (its `rows` empty): what the analysis worker hands the page, without making a million
 * rows of cells only to pack them.
 */
export function buildPackedPlan(result: AnalyzeResult, o: AnalysisOptions, fallback: string | null, holdout?: HoldoutCheck["parts"], source?: string): { plan: OutputPlan; rows: PackedRows } {
  const cols = columns(result);
  // Each customer's id is its own (the summary's, one per customer): no dictionary of 350,000 texts.
  // Most columns straight from the analysis's typed arrays (./transfer.ts TypedColumn).
  const rows = packColumns(customerCount(result), customerCells(cols), cols.map((c) => c.key === "colCustomer"), cols.map((c) => c.typed));
  return { plan: assemble(result, o, fallback, [], holdout, source), rows };
}

function assemble(result: AnalyzeResult, o: AnalysisOptions, fallback: string | null, rows: Cell[][], holdout?: HoldoutCheck["parts"], source?: string): OutputPlan {
  const lang = o.lang;
  const cols = columns(result);
  const keys = cols.map((c) => c.key);
  const names = outputNames(lang);
  const r = result.report;
  const head = headline(result, fallback);
  const report = reportPlan(result, o, fallback, head, source);
  return {
    results: {
      sheet: names.results,
      tableName: "CVA_Results",
      header: keys.map((k) => t(lang, k)),
      formats: cols.map((c) => c.format),
      rows,
      tierColumn: keys.indexOf("colTier"),
      tierColors: r.tiers.map((_, k) => TIER_COLORS[Math.min(k, TIER_COLORS.length - 1)]),
      dataBarColumn: head.equity !== null ? keys.indexOf("colClv") : keys.indexOf("colValue"),
      ...liveOption(result, keys, o.liveFormulas),
    },
    report: { sheet: names.report, ...report },
    ...modelSheet(withHoldout(r.model, holdout), o, names.model, fallback, liveInput(result, keys.indexOf("colClv"), o.exampleId)),
  };
}

/** The "Live formulas" option's part of the results table (./live-columns.ts); nothing when it is off. */
function liveOption(result: AnalyzeResult, keys: readonly StringKey[], on: boolean): { live?: LiveColumnsPlan } {
  const live = liveColumns(result, keys, on);
  return live ? { live } : {};
}

/**
 * The live model's parts of the model sheet (./live-plan.ts), with the worked example's customer
 * the options name, else the one of highest CLV. @throws CvaError for an id not in the data.
 */
function liveInput(result: AnalyzeResult, clvColumn: number, exampleId: string): LiveInput | undefined {
  const live = result.report.model.live;
  if (!live || clvColumn < 0) return undefined;
  return { live, end: result.report.end, customer: exampleCustomer(customersLike(result), exampleId), clvColumn };
}

/** The customers as the worked example's choice reads them: from the result's columns when it has them (./result-columns.ts). */
function customersLike(result: AnalyzeResult): Iterable<CustomerLike> {
  const cols = columnsOf(result);
  if (!cols) return result.customers;
  const s = cols.columns.summaries;
  const clv = cols.columns.clv;
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < s.length; i++) {
        const v = clv[i];
        yield { customerId: s.ids[i], clv: v === v ? v : null, summary: { frequency: s.frequency[i], recency: s.recency[i], T: s.T[i], monetary: s.monetary[i] } };
      }
    },
  };
}

/** The analysis's model parts with the holdout check's, when the analysis fitted a model and there was a check. */
function withHoldout(parts: ModelParts, holdout: HoldoutCheck["parts"] | undefined): ModelParts {
  if (!holdout || !parts.countModel) return parts;
  const { buckets, tracking, ...rest } = holdout;
  return { ...parts, ...rest, checks: parts.checks ? { ...parts.checks, buckets, tracking } : parts.checks };
}

/** The "CVA Model" sheet when a count model was fitted, else the line an old one is left with. */
function modelSheet(parts: ModelParts, o: AnalysisOptions, sheet: string, fallback: string | null, live?: LiveInput): Pick<OutputPlan, "model" | "modelNote"> {
  const model = buildModelSheet(parts, o.lang, o.unit, sheet, live);
  return model ? { model } : { modelNote: noModelNote(o.lang, fallback) };
}
