/**
 * Fitting and scoring in one call (docs/lifetime-value.md §3, docs/models/choice.md):
 * {@link predictBtyd} fits a count model — BG/NBD by default, MBG/NBD or Pareto/NBD by name, or
 * `auto`, which compares the three (./model-choice.ts) — and Gamma-Gamma on the repeat buyers
 * with positive spend, then scores every customer (./btyd-score.ts): P(alive), expected purchases
 * over the horizon and CLV. Data on which no model can be fitted give a fallback with the
 * reason, for the caller to rank by margin or revenue instead.
 */
import { CvaError, ErrorCodes, isCvaError } from "../errors";
import * as gammagamma from "./gammagamma";
import type { TimeUnit } from "../summary/units";
import { checkFitOptions, type FitOptions, type FitResult, type RfmRow } from "./data";
import { errorText, type ErrorKey, type ErrorParams } from "../i18n/errors";
import { finiteResult } from "../warnings";
import { t, type Lang, type MessageKey } from "../i18n/messages";
import { resolveLifetimeOptions, type LifetimeOptions, type ResolvedLifetime } from "./lifetime-value";
import { scoreCountModel } from "./btyd-score";
import { countModel, parseModelChoice, type CountModelId, type CountParams, type ModelChoice } from "./models";
import { compareModels, type HoldoutData, type ModelComparison } from "./model-choice";

/** Options of {@link predictBtyd}: lifetime settings, fit options and the model. */
export interface BtydPredictorOptions extends LifetimeOptions, FitOptions {
  /** Fewest customers for a fit; default 10. Fewer → fallback with a note. */
  minCustomers?: number;
  /** The count model, or `auto` to compare them (docs/models/choice.md); default "bgnbd". */
  model?: ModelChoice;
  /** With `auto`: each customer's holdout purchases, so the choice is judged by prediction. */
  holdout?: HoldoutData;
}

/** A successful BTYD scoring. */
export interface BtydPrediction {
  fitted: true;
  /** P(alive) now. */
  pAlive: Float64Array;
  /** Expected repeat purchases over the horizon (the model's conditional expectation). */
  expectedPurchases: Float64Array;
  /** Expected spend per purchase (Gamma-Gamma eq. 5, or the fallback noted). */
  expectedValue: Float64Array;
  /** Discounted margin over the horizon. */
  clv: Float64Array;
  /** The count model used (the chosen one with `auto`). */
  model: CountModelId;
  /** Its fit. */
  fit: FitResult<CountParams>;
  /** With `auto`: every model's fit and the reasons of the choice; null when one model was named. */
  comparison: ModelComparison | null;
  gammagamma: ReturnType<typeof gammagamma.fit> | null;
  /** What was fitted, and any fallback or convergence warning ({@link describeBtyd} in en-US). */
  note: string;
  /** Why Gamma-Gamma was not used for spend, when it was not (English; `spendNoteKey` in any language). */
  spendNote?: string;
  /** `spendNote` as a key of i18n/errors.ts with its parameters. */
  spendNoteKey?: ErrorKey;
  spendNoteParams?: ErrorParams;
  /** The lifetime settings used, defaults filled in, the time unit and the L2 penalty every fit was given (0: plain maximum likelihood). */
  settings: ResolvedLifetime & { unit: TimeUnit; penalizer: number };
}

/** Why no model could be fitted (keys of the `model.fallback.*` messages). */
export type BtydFallbackReason = "tooFewCustomers" | "nobodyRepeats" | "sameHistory" | "degenerate";

/** No model could be fitted; `note` says why (for the report), the caller falls back. */
export interface BtydFallback {
  fitted: false;
  reason: BtydFallbackReason;
  /** Customers given, and the fewest a fit needs. */
  customers: number;
  minCustomers: number;
  /** The fit's own error message, when it failed (English; `detailKey` in any language). */
  detail?: string;
  /** `detail` as a key of i18n/errors.ts with its parameters. */
  detailKey?: ErrorKey;
  detailParams?: ErrorParams;
  /** The fit's message, else {@link describeFallback} in en-US. */
  note: string;
  /** The model asked for, named by {@link describeFallback} (absent: BG/NBD). */
  model?: ModelChoice;
}

/** The summaries {@link predictBtyd} reads, by column (analyze's, docs/output.md §9). */
export interface BtydSummaryColumns {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

/**
 * Fits the count model of `options.model` (default BG/NBD; `auto` compares them,
 * ./model-choice.ts) and Gamma-Gamma on the summaries and scores every customer. O(n) plus the fits.
 * Never throws for data on which a fit is impossible (nobody repeats, too few or identical
 * customers): returns `{ fitted: false, note }` instead, so the caller can fall back to margin
 * or revenue. Spend: Gamma-Gamma on repeat buyers with positive spend; customers without repeat
 * purchases get the population mean pv/(q−1); a repeat buyer with spend ≤ 0 gets the formula with
 * z̄ = 0. When Gamma-Gamma cannot be fitted (or q ≤ 1), each customer's observed mean repeat
 * spend is used (the mean over repeat buyers for those without), and the note says so.
 * @throws CvaError for invalid options or rows (recency > T, negative values), naming them.
 * @example predictBtyd(summaries, { unit: "weeks", horizonMonths: 12, discount: 0.01, model: "auto" })
 */
export function predictBtyd(summaries: readonly RfmRow[] | BtydSummaryColumns, options: BtydPredictorOptions): BtydPrediction | BtydFallback {
  const life = resolveLifetimeOptions(options);
  // A bad penalty is named before any fit (auto would otherwise report it once per model).
  const { penalizer } = checkFitOptions(options);
  const choice = parseModelChoice(options.model ?? "bgnbd");
  const rows = Array.isArray(summaries) ? (summaries as readonly RfmRow[]) : null;
  const columns = summaries as BtydSummaryColumns;
  const n = rows ? rows.length : columns.frequency.length;
  const minCustomers = options.minCustomers ?? 10;
  const fallback = (reason: BtydFallbackReason, error?: CvaError): BtydFallback => {
    const r: BtydFallback = { fitted: false, reason, customers: n, minCustomers, note: "", model: choice };
    if (error) {
      r.detail = error.message;
      if (error.key) {
        r.detailKey = error.key;
        r.detailParams = error.params;
      }
    }
    r.note = r.detail ?? describeFallback(r, "en-US");
    return r;
  };
  if (n < minCustomers) return fallback("tooFewCustomers");
  const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n), monetary = new Float64Array(n);
  if (rows) {
    for (let i = 0; i < n; i++) {
      const s = rows[i];
      frequency[i] = s.frequency;
      recency[i] = s.recency;
      T[i] = s.T;
      monetary[i] = s.monetary ?? 0;
    }
  } else {
    frequency.set(columns.frequency);
    recency.set(columns.recency);
    T.set(columns.T);
    monetary.set(columns.monetary);
  }
  let fit: FitResult<CountParams>;
  let model: CountModelId;
  let comparison: ModelComparison | null = null;
  try {
    if (choice === "auto") {
      comparison = compareModels({ frequency, recency, T }, { ...options, unit: options.unit });
      model = comparison.chosen;
      fit = comparison.fits[model]!;
    } else {
      model = choice;
      fit = countModel(model).fit({ frequency, recency, T }, options);
    }
  } catch (e) {
    if (!isCvaError(e) || e.code !== ErrorCodes.DegenerateData) throw e;
    let repeaters = 0, same = true;
    for (let i = 0; i < n; i++) {
      if (frequency[i] > 0) repeaters++;
      if (frequency[i] !== frequency[0] || recency[i] !== recency[0] || T[i] !== T[0]) same = false;
    }
    return fallback(repeaters === 0 ? "nobodyRepeats" : same ? "sameHistory" : "degenerate", e);
  }

  // Expected spend per customer: Gamma-Gamma (in the scoring), else the observed means.
  let gg: ReturnType<typeof gammagamma.fit> | null = null;
  let spendNote: CvaError | undefined;
  let expectedValue: Float64Array | undefined;
  try {
    gg = gammagamma.fit({ frequency, monetary }, { ...options, nonPositive: "exclude" });
    if (!(gg.params.q > 1)) throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.qAtMostOne", { q: fmt(gg.params.q) });
  } catch (e) {
    if (!isCvaError(e)) throw e;
    gg = null;
    expectedValue = new Float64Array(n);
    let sum = 0, count = 0;
    for (let i = 0; i < n; i++) {
      if (frequency[i] > 0) {
        sum += monetary[i];
        count++;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    for (let i = 0; i < n; i++) expectedValue[i] = frequency[i] > 0 ? monetary[i] : mean;
    spendNote = e;
  }

  const scores = scoreCountModel(model, fit.params, gg?.params ?? null, { frequency, recency, T, monetary }, options, expectedValue);
  // The last guard (docs/inputs.md §9): no NaN or Infinity leaves the model.
  for (const col of [scores.pAlive, scores.expectedPurchases, scores.expectedValue, scores.clv]) for (let i = 0; i < n; i++) finiteResult(col[i]);
  const prediction: BtydPrediction = {
    fitted: true,
    ...scores,
    model,
    fit,
    comparison,
    gammagamma: gg,
    note: "",
    ...(spendNote === undefined ? {} : { spendNote: spendNote.message, spendNoteKey: spendNote.key, spendNoteParams: spendNote.params }),
    settings: { ...life, unit: options.unit, penalizer },
  };
  prediction.note = describeBtyd(prediction, "en-US");
  return prediction;
}

/**
 * The fitted model in a language: the count model's parameters, the spend model, the CLV
 * settings, and any convergence or identifiability warning. For the report and the command line.
 * The reasons of an `auto` choice are `describeChoice` (./model-choice.ts).
 */
export function describeBtyd(r: BtydPrediction, lang: Lang): string {
  const m = countModel(r.model);
  const fit = r.fit;
  const params = m.paramNames.map((k) => `${k} ${fmt(fit.params[k])}`).join(lang === "zh-CN" ? "，" : ", ");
  const parts = [t(lang, "choice.fitted", { model: m.label, n: fit.customers, params })];
  const warn = (model: string, fit: Pick<FitResult<unknown>, "converged" | "message" | "messageKey" | "messageParams">) => {
    const detail = fit.messageKey ? errorText(lang, fit.messageKey, fit.messageParams) : (fit.message ?? "");
    if (!fit.converged) parts.push(t(lang, "model.notConverged", { model, detail }));
    else if (fit.message) parts.push(t(lang, "model.weak", { model, detail }));
  };
  // A penalised fit is never shown as a plain one: the penalty is named beside the parameters.
  if (r.settings.penalizer > 0) parts.push(t(lang, "fit.penalty", { penalizer: fmt(r.settings.penalizer) }));
  warn(m.label, fit);
  const gg = r.gammagamma;
  if (gg) {
    parts.push(t(lang, "model.spend", { n: gg.customers, p: fmt(gg.params.p), q: fmt(gg.params.q), v: fmt(gg.params.v) }));
    if (gg.excluded > 0) parts.push(t(lang, "model.spendExcluded", { n: gg.excluded }));
    warn("Gamma-Gamma", gg);
  } else {
    const detail = r.spendNoteKey ? errorText(lang, r.spendNoteKey, r.spendNoteParams) : (r.spendNote ?? "");
    parts.push(t(lang, "model.spendFallback", { detail }));
  }
  const s = r.settings;
  parts.push(t(lang, "model.horizon", { months: s.horizon, discount: fmt(s.discount * 100), margin: fmt(s.margin * 100), unit: t(lang, `unit.${s.unit}` as MessageKey) }));
  return parts.join(lang === "zh-CN" ? "；" : "; ");
}

/**
 * Why no model was fitted, in a language (the clause of the `model.fallback` sentence), naming
 * the model asked for ("the lifetime models" for auto).
 */
export function describeFallback(r: BtydFallback, lang: Lang): string {
  const auto = r.model === "auto";
  const model = auto ? "" : countModel(r.model ?? "bgnbd").label;
  if (r.reason === "tooFewCustomers") return t(lang, auto ? "model.fallback.tooFewCustomers.auto" : "model.fallback.tooFewCustomers", { n: r.customers, min: r.minCustomers, model });
  if (r.reason === "degenerate") {
    const detail = r.detailKey ? errorText(lang, r.detailKey, r.detailParams) : (r.detail ?? "");
    return t(lang, auto ? "model.fallback.degenerate.auto" : "model.fallback.degenerate", { detail, model });
  }
  return t(lang, `model.fallback.${r.reason}`);
}

/**
 * A newly acquired customer's expected spend per purchase, for the value of a new customer
 * (./forecast.ts newCustomerValue): with Gamma-Gamma, the population mean pγ/(q − 1) (Fader &
 * Hardie 2013, p. 2), the figure {@link predictBtyd} gives a customer without repeat purchases;
 * without it, the mean of the repeat buyers' mean spends, again what a customer without repeat
 * purchases is given there (0 when nobody repeats). O(n).
 * @param data the summaries the prediction was made from (frequency and mean spend per customer).
 * @example newCustomerSpend(r, { frequency: s.frequency, monetary: s.monetary }) // 35.17 on CDNOW to 1997-09-30
 */
export function newCustomerSpend(r: BtydPrediction, data: { frequency: ArrayLike<number>; monetary: ArrayLike<number> }): number {
  if (r.gammagamma) return gammagamma.populationMeanValue(r.gammagamma.params);
  let sum = 0, count = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i] > 0) {
      sum += data.monetary[i];
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * The count model + Gamma-Gamma predictor for `analyze` (its `options.predictor`): a function from
 * per-customer summaries (in `options.unit`) to { pAlive, expectedPurchases, clv, note }.
 * @throws CvaError DEGENERATE_DATA with the reason when no model can be fitted (nobody repeats,
 *   too few customers), so that `analyze` can fall back to margin or revenue and show the note.
 * @example analyze({ transactions }, { predictor: createBtydPredictor({ unit: "weeks" }) })
 */
export function createBtydPredictor(options: BtydPredictorOptions): (summaries: readonly RfmRow[]) => BtydPrediction {
  resolveLifetimeOptions(options);
  return (summaries) => {
    const r = predictBtyd(summaries, options);
    if (!r.fitted) {
      if (r.detailKey) throw CvaError.keyed(ErrorCodes.DegenerateData, r.detailKey, r.detailParams);
      throw CvaError.keyed(ErrorCodes.DegenerateData, "model.notFitted", { reason: { "en-US": describeFallback(r, "en-US"), "zh-CN": describeFallback(r, "zh-CN") } });
    }
    return r;
  };
}

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
