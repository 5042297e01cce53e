/** The pane's analysis options, their defaults, and their checking (remembered per workbook). */
import { MODEL_CHOICES, type ModelChoice } from "../../core";
import type { Locale } from "../strings";

export interface AnalysisOptions {
  /** Time unit of recency and T. */
  unit: "days" | "weeks" | "months";
  /** Observation end as YYYY-MM-DD; "" = the last date in the data. */
  end: string;
  /** Tier shares of customers in percent, top first; they add up to 100. */
  tiers: number[];
  labels: "standard" | "metal";
  /** CLV horizon in months (whole, ≥ 1). */
  horizonMonths: number;
  /** Monthly discount rate, e.g. 0.01. */
  discount: number;
  /** Share of spend that is margin, in (0, 1]; 1 = CLV in revenue. */
  margin: number;
  /** Language of what is written into the workbook. */
  lang: Locale;
  /** Rows of the source hidden by the user or filtered out: analysed with the others, or skipped (docs/inputs.md §8). */
  hiddenRows: "analyse" | "skip";
  /** The lifetime model: one of BG/NBD, MBG/NBD, Pareto/NBD, or "auto" to fit all three and choose (docs/models/choice.md). */
  model: ModelChoice;
  /** Calibration end as YYYY-MM-DD for the holdout check of transactions (./holdout-check.ts); "" = none. */
  calibration: string;
  /** Cost of acquiring one customer, as typed (a number ≥ 0); "" = none. The model sheet's new customer gets CLV:CAC and the payback month from it. */
  acquisitionCost: string;
  /** L2 penalty on the parameters of every fit (lifetimes' penalizer_coef), as typed (a number ≥ 0); "" = 0, plain maximum likelihood. */
  penalizer: string;
  /** Each customer's 90 % interval of P(alive), expected purchases and CLV as low/high columns of the results, with its tier-uncertain mark; off by default, to keep the sheet lean. */
  intervals: boolean;
  /** The results' model columns as CVA custom-function formulas of the named cells (docs/live-model.md §5); off: values. */
  liveFormulas: boolean;
  /** Keep the pyramid over time: each run's rows appended to the CVA History sheet and the report compared with the latest earlier run (docs/migration.md §6); off by default. */
  keepHistory: boolean;
  /** The customer the CVA Model sheet's worked example takes apart, as typed (compared trimmed, as the results show ids); "" = the customer of highest CLV (docs/live-model.md §4). */
  exampleId: string;
}

/**
 * The model's defaults: weeks and the last date (docs/summary.md §2), tiers 1/19/30/50
 * (docs/pyramid.md §2), 12 months, 1 % a month, margin share 1 (docs/lifetime-value.md §3), no
 * prediction-interval columns (docs/models/uncertainty.md §9); rows
 * hidden or filtered out are analysed, nothing being left out unless the user says so (docs/inputs.md §8);
 * the lifetime model is chosen by comparing the three (`auto`, docs/models/choice.md).
 */
export function defaultOptions(lang: Locale): AnalysisOptions {
  return { unit: "weeks", end: "", tiers: [1, 19, 30, 50], labels: "standard", horizonMonths: 12, discount: 0.01, margin: 1, lang, hiddenRows: "analyse", model: "auto", calibration: "", acquisitionCost: "", penalizer: "", intervals: false, liveFormulas: false, keepHistory: false, exampleId: "" };
}

/** Saved options over the defaults, keeping only well-typed values. */
export function mergeOptions(base: AnalysisOptions, saved: Partial<AnalysisOptions> | undefined): AnalysisOptions {
  if (!saved) return base;
  const o = { ...base };
  if (saved.unit === "days" || saved.unit === "weeks" || saved.unit === "months") o.unit = saved.unit;
  if (typeof saved.end === "string") o.end = saved.end;
  if (Array.isArray(saved.tiers) && saved.tiers.every((x) => typeof x === "number")) o.tiers = saved.tiers.slice();
  if (saved.labels === "standard" || saved.labels === "metal") o.labels = saved.labels;
  if (typeof saved.horizonMonths === "number") o.horizonMonths = saved.horizonMonths;
  if (typeof saved.discount === "number") o.discount = saved.discount;
  if (typeof saved.margin === "number") o.margin = saved.margin;
  if (saved.lang === "en-US" || saved.lang === "zh-CN") o.lang = saved.lang;
  if (saved.hiddenRows === "analyse" || saved.hiddenRows === "skip") o.hiddenRows = saved.hiddenRows;
  if ((MODEL_CHOICES as readonly unknown[]).includes(saved.model)) o.model = saved.model as ModelChoice;
  if (typeof saved.calibration === "string") o.calibration = saved.calibration;
  if (typeof saved.acquisitionCost === "string") o.acquisitionCost = saved.acquisitionCost;
  if (typeof saved.penalizer === "string") o.penalizer = saved.penalizer;
  if (typeof saved.intervals === "boolean") o.intervals = saved.intervals;
  if (typeof saved.liveFormulas === "boolean") o.liveFormulas = saved.liveFormulas;
  if (typeof saved.keepHistory === "boolean") o.keepHistory = saved.keepHistory;
  if (typeof saved.exampleId === "string") o.exampleId = saved.exampleId;
  return o;
}

export type OptionProblem = "tiers" | "end" | "horizon" | "discount" | "margin" | "calibration" | "acquisitionCost" | "penalizer";

/** The first option that is not valid, or null. */
export function checkOptions(o: AnalysisOptions): OptionProblem | null {
  const sum = o.tiers.reduce((a, b) => a + b, 0);
  if (o.tiers.length === 0 || o.tiers.some((x) => !(x > 0)) || Math.abs(sum - 100) > 1e-6) return "tiers";
  if (o.end !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(o.end)) return "end";
  if (!Number.isInteger(o.horizonMonths) || o.horizonMonths < 1 || o.horizonMonths > 120) return "horizon";
  if (!(o.discount >= 0 && o.discount < 1)) return "discount";
  if (!(o.margin > 0 && o.margin <= 1)) return "margin";
  // ISO dates compare as text; the end, when given, must come after the calibration end.
  if (o.calibration !== "" && (!/^\d{4}-\d{2}-\d{2}$/.test(o.calibration) || (o.end !== "" && o.calibration >= o.end))) return "calibration";
  if (o.acquisitionCost !== "" && acquisitionCostValue(o) === undefined) return "acquisitionCost";
  if (o.penalizer !== "" && penalizerValue(o) === undefined) return "penalizer";
  return null;
}

/** The acquisition cost as a number: a finite number ≥ 0, else (empty or not a number) undefined. */
export function acquisitionCostValue(o: Pick<AnalysisOptions, "acquisitionCost">): number | undefined {
  const text = o.acquisitionCost.trim();
  const v = text === "" ? NaN : Number(text);
  return Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** The L2 penalty as a number: a finite number ≥ 0, else (empty or not a number) undefined; empty means 0, nothing passed. */
export function penalizerValue(o: Pick<AnalysisOptions, "penalizer">): number | undefined {
  const text = o.penalizer.trim();
  const v = text === "" ? NaN : Number(text);
  return Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** "1, 19, 30, 50" → [1, 19, 30, 50]; NaN entries stay, for checkOptions to refuse. */
export function parseTiers(text: string): number[] {
  return text.split(/[,;，；\s]+/).filter((p) => p !== "").map(Number);
}
