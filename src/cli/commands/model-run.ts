/**
 * The run `cva predict` and `cva forecast` share: summarise the transactions, fit the lifetime
 * model asked for (or auto's choice) with progress on standard error, and say so when no model
 * could be fitted (docs/output.md §6).
 */
import { describeBtyd, describeChoice, describeFallback, errorText, predictBtyd, summarizeWithWarnings, type BtydPrediction, type BtydPredictorOptions, type CustomerSummary, type Lang, type TransactionTable } from "../../core";
import type { PurchasePeriod } from "../../core/summary/period";
import type { CliIo } from "../io";
import { progressReporter } from "../progress";
import type { SummaryFile } from "../engine/summary-file";
import { fitWeighted, scoreWeighted } from "../engine/weighted-model";
import { inOptionWords, reportModelWarnings, reportText, today } from "./common";

/** What {@link fitLifetimeModel} needs besides the table. */
export interface ModelRunOptions {
  /** The observation end given with --end, if any. */
  end: { text: string; day: number } | undefined;
  /** What counts as one purchase (--period; default a day, docs/engines.md §2). */
  purchasePeriod?: PurchasePeriod;
  /** Show progress whatever the run's length (--progress). */
  progress: boolean;
  /** The core's argument names → the options that set them, for the messages. */
  optionWords: Readonly<Record<string, string>>;
  /** The model, the time unit and the lifetime settings. */
  predictor: Omit<BtydPredictorOptions, "onProgress">;
}

/**
 * Summarises, fits and scores. Returns null when no model could be fitted, having said why on
 * standard error in the user's language (the caller exits with EXIT_FAILED).
 * @throws CvaError as `summarize` and `predictBtyd`, in the options' words.
 */
export function fitLifetimeModel(io: CliIo, lang: Lang, table: TransactionTable, o: ModelRunOptions): { summaries: CustomerSummary[]; prediction: BtydPrediction } | null {
  const progress = progressReporter(io, lang, o.progress);
  let summaries, r;
  try {
    const summary = summarizeWithWarnings(table, { unit: o.predictor.unit, purchasePeriod: o.purchasePeriod, end: o.end?.text, today: today() });
    summaries = summary.summaries;
    reportModelWarnings(io, summary.warnings, lang);
    r = predictBtyd(summaries, { ...o.predictor, onProgress: progress.onProgress });
  } catch (e) {
    throw inOptionWords(e, o.optionWords);
  } finally {
    progress.end();
  }
  if (!r.fitted) {
    reportText(io, errorText(lang, "cli.noModel", { note: describeFallback(r, lang) }), lang);
    return null;
  }
  return { summaries, prediction: r };
}

/** The fitted model and, for auto, why it was chosen, on standard error. */
export function reportFittedModel(io: CliIo, lang: Lang, r: BtydPrediction): void {
  reportText(io, describeBtyd(r, lang), lang);
  if (r.comparison) reportText(io, describeChoice(r.comparison, lang), lang);
}

/**
 * Fits and scores the rows of a summary file (../engine/summary-file.ts) as {@link fitLifetimeModel}
 * does a transaction table's summaries: the fit weighted by the file's weight column
 * (../engine/weighted-model.ts). Returns null when no model could be fitted, having said why.
 */
export function predictSummaryFile(io: CliIo, lang: Lang, f: SummaryFile, o: Omit<ModelRunOptions, "end">): BtydPrediction | null {
  const progress = progressReporter(io, lang, o.progress);
  let r;
  try {
    const options = { ...o.predictor, onProgress: progress.onProgress };
    const fit = fitWeighted({ frequency: f.frequency, recency: f.recency, T: f.T, ...(f.weights ? { weights: f.weights } : {}) }, { frequency: f.frequency, monetary: f.monetary, ...(f.weights ? { weights: f.weights } : {}) }, options);
    r = fit.fitted ? scoreWeighted(fit, f, options) : fit;
  } catch (e) {
    throw inOptionWords(e, o.optionWords);
  } finally {
    progress.end();
  }
  if (!r.fitted) {
    reportText(io, errorText(lang, "cli.noModel", { note: describeFallback(r, lang) }), lang);
    return null;
  }
  return r;
}
