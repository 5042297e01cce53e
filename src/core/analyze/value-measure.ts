/**
 * Step 3 of the analysis: the value measure (docs/lifetime-value.md §5, docs/pyramid.md §1) and
 * each customer's value in it. With `valueMeasure: "auto"` (default) it is the model's CLV when one
 * was fitted, else a `clv` column present for every profile, else margin when a cost or margin
 * column is given, else revenue; "clv", "margin", "revenue" force a measure. Then the totals the
 * pyramid and the report start from.
 */
import { CvaError, ErrorCodes } from "../errors";
import type { LocalText } from "../i18n/errors";
import { t, type Lang, type MessageKey } from "../i18n/messages";
import { describeFallback } from "../clv/lifetime";
import type { SummaryColumns } from "../summary/customer-summary";
import type { ResolvedValueMeasure, ValueMeasure } from "./inputs";
import type { LifetimeColumns } from "./lifetime-model";

/**
 * The measure `requested`, resolved, and each customer's value in it. When the default model could
 * not be fitted, its fallback note (in `lifetime.model`) names the measure used instead.
 * @throws CvaError MISSING when a forced measure is not available; OUT_OF_RANGE for a measure CVA does not know.
 */
export function measureValues(
  summaries: SummaryColumns,
  lifetime: LifetimeColumns,
  requested: ValueMeasure,
  lang: Lang,
): { measure: ResolvedValueMeasure; values: Float64Array } {
  const { model, unfitted, predicted, clv } = lifetime;
  const n = summaries.length;
  let anyClv = false;
  let allClv = n > 0;
  for (let i = 0; i < n; i++) {
    if (clv[i] === clv[i]) anyClv = true;
    else allClv = false;
  }
  const margins = summaries.margin;
  let hasMargin = false;
  if (margins) for (let i = 0; i < n && !hasMargin; i++) hasMargin = margins[i] === margins[i];

  const hasClv = predicted || allClv;
  let measure: ResolvedValueMeasure;
  if (requested === "auto") measure = hasClv ? "clv" : hasMargin ? "margin" : "revenue";
  else measure = requested;
  if (measure === "clv" && !hasClv && !anyClv) {
    throw CvaError.keyed(ErrorCodes.Missing, "measure.clvUnavailable", { arg: "valueMeasure" }, { argument: "valueMeasure" });
  }
  if (measure === "margin" && !hasMargin) {
    throw CvaError.keyed(ErrorCodes.Missing, "measure.marginUnavailable", { arg: "valueMeasure" }, { argument: "valueMeasure" });
  }
  if (!["clv", "margin", "revenue"].includes(measure)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "valueMeasure", choices: "auto, clv, margin, revenue", got: JSON.stringify(requested) }, { argument: "valueMeasure" });
  }
  if (unfitted) {
    const reasonText = describeFallback(unfitted, lang);
    const text = t(lang, "model.fallback", { reason: reasonText, measure: t(lang, `measure.${measure}` as MessageKey) });
    model.fallback = { reason: unfitted.reason, reasonText, text };
  }
  const revenues = summaries.revenue;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (measure === "clv") values[i] = clv[i] === clv[i] ? clv[i] : 0;
    else if (measure === "margin") values[i] = margins && margins[i] === margins[i] ? margins[i] : 0;
    else values[i] = revenues[i];
  }
  return { measure, values };
}

/** The sums of the values and of the revenues, the range of the values and how many are below 0. */
export interface ValueTotals {
  lowest: number;
  highest: number;
  totalValue: number;
  totalRevenue: number;
  negatives: number;
}

/**
 * Sums the customers' values and revenues.
 * @throws CvaError OUT_OF_RANGE when a sum passes 1.8e308.
 */
export function valueTotals(values: Float64Array, revenues: Float64Array): ValueTotals {
  const n = values.length;
  let lowest = Infinity;
  let highest = -Infinity;
  let totalValue = 0;
  let totalRevenue = 0;
  let negatives = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lowest) lowest = v;
    if (v > highest) highest = v;
    if (v < 0) negatives++;
    totalValue += v;
    totalRevenue += revenues[i];
  }
  if (totalValue - totalValue !== 0 || totalRevenue - totalRevenue !== 0) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "values.sumTooLarge", { arg: "values" }, { argument: "values" });
  }
  return { lowest, highest, totalValue, totalRevenue, negatives };
}

/** The measure's message key, and its word in both languages (`measureWord`) for the warnings that name it. */
export function measureWords(measure: ResolvedValueMeasure): { measureKey: MessageKey; measureWord: LocalText } {
  // The measure in both languages: a warning keeps its parameters, for an edge that shows it in another language.
  const measureKey = `measure.${measure}` as MessageKey;
  const measureWord = { "en-US": t("en-US", measureKey).toLowerCase(), "zh-CN": t("zh-CN", measureKey) };
  return { measureKey, measureWord };
}
