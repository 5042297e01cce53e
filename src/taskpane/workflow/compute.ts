/**
 * The computing half of the Run action, pure (no Office, no React): range values → core's
 * `analyze` with its default BG/NBD + Gamma-Gamma model → the output plan. When no model can be
 * fitted (too few customers, nobody repeats) analyze falls back to margin or revenue and the
 * pane says why.
 *
 * {@link computeAnalysis} is synchronous (the benchmark times it); {@link computeStaged} runs the
 * same steps with a pause between stages, so the pane can show the stage and take a Cancel.
 */
import { analyzeColumns, dayFromYmd, remapRows, type AnalyzeInput, type AnalyzeResult, type TransactionTable } from "../../core";
import type { OutputPlan } from "../../excel/plan";
import { holdoutCheck, type HoldoutCheck } from "./holdout-check";
import { acquisitionCostValue, penalizerValue, type AnalysisOptions } from "./options";
import { buildPackedPlan, buildPlan, headline, type Headline } from "./output";
import type { PackedRows } from "./transfer";
import { toTransactionsPacked } from "./parse-packed";
import { withLiveNote } from "./live-columns";
import { lazyResult } from "./result-columns";
import { firstDataRow, toProfiles, toTransactions, type Mapping, type SourceKind } from "./parse";

export interface RangeValues {
  address: string;
  header: string[];
  /** Empty when `packed` holds them. */
  rows: unknown[][];
  /** A transactions source's rows as the analysis worker receives them (./transfer.ts), read without unpacking them. */
  packed?: PackedRows;
  /** Per column, whether the workbook formats it as dates (small numbers in it are then dates). */
  dateFormatted?: readonly boolean[];
}

export interface ComputeInput {
  kind: SourceKind;
  source: RangeValues;
  mapping: Mapping;
  profiles?: RangeValues & { mapping: Mapping };
}

export type ComputeStage = "summarising" | "fitting" | "scoring";

export interface ComputeOutput {
  result: AnalyzeResult;
  plan: OutputPlan;
  headline: Headline;
  /** Why no model was fitted (the fallback), or null when BG/NBD + Gamma-Gamma were used. */
  fallback: string | null;
}

export interface ComputeHooks {
  onStage?: (stage: ComputeStage) => void;
  /** Awaited between stages (the pane yields to the browser here). */
  pause?: () => Promise<void>;
  isCancelled?: () => boolean;
}

export class Cancelled extends Error {
  readonly name = "Cancelled";
}

/** The model's input, and for a profiles source the worksheet row of each profile the core numbers 1, 2, … */
function input(ci: ComputeInput): { analysisInput: AnalyzeInput; profileRows?: number[]; table?: TransactionTable } {
  const profiles = ci.profiles ? toProfiles(ci.profiles.header, ci.profiles.rows, ci.profiles.mapping, firstDataRow(ci.profiles.address)) : undefined;
  if (ci.kind === "transactions") {
    const dateFormatted = ci.source.dateFormatted?.[ci.mapping.date as number] === true;
    const { header, packed } = ci.source;
    const top = firstDataRow(ci.source.address);
    // Packed (the worker's): each distinct text read once (./parse-packed.ts).
    const table = packed ? toTransactionsPacked(header, packed, ci.mapping, top, dateFormatted) : toTransactions(header, ci.source.rows, ci.mapping, top, dateFormatted);
    return { analysisInput: { transactions: table, profiles }, table };
  }
  const profileRows: number[] = [];
  const own = toProfiles(ci.source.header, ci.source.rows, ci.mapping, firstDataRow(ci.source.address), profileRows);
  return { analysisInput: { profiles: profiles ? [...own, ...profiles] : own }, profileRows };
}

/** Today on this computer's calendar, as a day number: dates after it are warned about (docs/inputs.md §5). */
export function today(): number {
  const d = new Date();
  return dayFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

function run(o: AnalysisOptions, { analysisInput, profileRows, table }: ReturnType<typeof input>): { result: AnalyzeResult; fallback: string | null; holdout: HoldoutCheck | null } {
  // core's analyze fits BG/NBD + Gamma-Gamma (transactions, or profiles that give frequency,
  // recency and T) and falls back to margin or revenue, with the reason in the pane's language,
  // when no model can be fitted (too few customers, nobody repeats). A profile the core names by
  // its row is named by its worksheet row.
  try {
    // With a calibration end (transactions only), the holdout check chooses the model first.
    const holdout = o.calibration !== "" && table ? holdoutCheck(table, o.calibration, o.end, o.unit, o.model, o.lang) : null;
    return { ...runAnalysis({ ...o, model: holdout ? holdout.chosen : o.model }, analysisInput), holdout };
  } catch (e) {
    throw profileRows ? remapRows(e, (row) => profileRows[row - 1]) : e;
  }
}

/** The acquisition cost for the analysis's lifetime options, when one is given (the model sheet's CLV:CAC and payback month). */
function acquisitionCost(o: AnalysisOptions): { acquisitionCost?: number } {
  const cost = acquisitionCostValue(o);
  return cost === undefined ? {} : { acquisitionCost: cost };
}

/** Each customer's intervals kept in the result, when the option asks (the results' low/high columns, ./customer-table.ts). */
function intervals(o: AnalysisOptions): { intervals?: true } {
  return o.intervals ? { intervals: true } : {};
}

/** The L2 penalty for the analysis's lifetime options, when one is given (every fit of the analysis; the model's note names it). */
function penalizer(o: AnalysisOptions): { penalizer?: number } {
  const penalty = penalizerValue(o);
  return penalty === undefined ? {} : { penalizer: penalty };
}

function runAnalysis(o: AnalysisOptions, analysisInput: AnalyzeInput): { result: AnalyzeResult; fallback: string | null } {
  // By column: the plan reads the columns, and a customer is made as an object only if read (./result-columns.ts).
  const result = lazyResult(analyzeColumns(analysisInput, {
    lang: o.lang,
    unit: o.unit,
    end: o.end === "" ? undefined : o.end,
    today: today(),
    tierShares: o.tiers.map((x) => x / 100),
    tierLabels: o.labels,
    lifetime: { horizonMonths: o.horizonMonths, discount: o.discount, margin: o.margin, model: o.model, ...acquisitionCost(o), ...penalizer(o), ...intervals(o) },
  }));
  return { result, fallback: result.report.model.fallback?.reasonText ?? null };
}

/** Everything but Excel's own time, in one go. @throws InputIssue, CvaError. */
export function computeAnalysis(ci: ComputeInput, o: AnalysisOptions): ComputeOutput {
  const { result, fallback, holdout } = run(o, input(ci));
  const plan = buildPlan(result, o, fallback, holdout?.parts, ci.source.address);
  return { result, plan, headline: withLiveNote(headline(result, fallback), plan), fallback };
}

/** {@link computeAnalysis} in stages, pausing between them. @throws Cancelled when cancelled. */
export async function computeStaged(ci: ComputeInput, o: AnalysisOptions, hooks: ComputeHooks = {}): Promise<ComputeOutput> {
  const { result, fallback, holdout } = await staged(ci, o, hooks);
  const plan = buildPlan(result, o, fallback, holdout?.parts, ci.source.address);
  return { result, plan, headline: withLiveNote(headline(result, fallback), plan), fallback };
}

/**
 * {@link computeStaged} with the results table's rows packed by column for transfer (`rows`) and
 * left out of the plan (its `rows` empty): what the analysis worker hands the page (./worker-run.ts).
 * @throws Cancelled when cancelled.
 */
export async function computePacked(ci: ComputeInput, o: AnalysisOptions, hooks: ComputeHooks = {}): Promise<ComputeOutput & { rows: PackedRows }> {
  const { result, fallback, holdout } = await staged(ci, o, hooks);
  const { plan, rows } = buildPackedPlan(result, o, fallback, holdout?.parts, ci.source.address);
  return { result, plan, rows, headline: withLiveNote(headline(result, fallback), plan), fallback };
}

/** The stages up to the plan, each said and paused before it runs; the plan is the "scoring" stage's. */
async function staged(ci: ComputeInput, o: AnalysisOptions, hooks: ComputeHooks): Promise<ReturnType<typeof run>> {
  const step = async (stage: ComputeStage) => {
    if (hooks.isCancelled?.()) throw new Cancelled("cancelled");
    hooks.onStage?.(stage);
    await hooks.pause?.();
    if (hooks.isCancelled?.()) throw new Cancelled("cancelled");
  };
  await step("summarising");
  const analysisInput = input(ci);
  await step("fitting");
  const ran = run(o, analysisInput);
  await step("scoring");
  return ran;
}
