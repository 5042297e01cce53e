/**
 * The choice among the count models (BG/NBD, MBG/NBD, Pareto/NBD; ./models.ts) that `auto`
 * makes, and its reasons in plain words (docs/models/choice.md).
 *
 * {@link compareModels} fits every model on the calibration summaries and lists, per model, the
 * log-likelihood, AIC = 2k − 2 ln L and BIC = k ln n − 2 ln L (k = 4 parameters, n customers)
 * and, with a holdout, the mean absolute error of each customer's predicted repeat purchases and
 * the error of the total (the validation of Fader, Hardie & Lee 2005 §4 and Batislam, Denizel &
 * Filiztekin 2007 §4). The rule (docs/models/choice.md §2–§3):
 *
 * - converged fits are preferred to fits that did not converge; a fit that fails is listed with
 *   its reason and left out;
 * - without a holdout: the lowest BIC. All the models have four parameters, so this is the
 *   highest log-likelihood. Log-likelihoods within {@link LIKELIHOOD_TIE} (a BIC difference below 2,
 *   "not worth more than a bare mention", Kass & Raftery 1995) are a tie, decided by
 *   {@link TIE_PREFERENCE}: MBG/NBD, Pareto/NBD, then BG/NBD, which takes a customer without repeat
 *   purchases to be alive for sure;
 * - with a holdout: the lowest per-customer mean absolute error among the models whose holdout
 *   total is within chance of the actual ({@link TOTAL_BAND_SE} standard errors of a sum of
 *   independent customers' counts, from the model's own residuals). The mean absolute error alone
 *   is minimised by the median, not the mean (Gneiting 2011), and as most customers buy nothing in
 *   a holdout it favours a model that predicts too little for everyone: on simulated MBG/NBD data
 *   Pareto/NBD had the lowest error per customer while it missed the total by −9 to −12 %. When no
 *   model's total is within chance, the one with the closest total; an exact tie by {@link TIE_PREFERENCE}.
 *
 * Cost: the fits (about 4 + 2 + 19 ms on CDNOW, `npm run bench`), plus with a holdout one conditional expectation
 * per customer and model.
 */
import { CvaError, ErrorCodes, isCvaError } from "../errors";
import { errorText, type ErrorKey, type ErrorParams } from "../i18n/errors";
import { t, type Lang, type MessageKey } from "../i18n/messages";
import type { TimeUnit } from "../summary/units";
import { checkArg, checkHoldoutCount, toRfmData, type FitOptions, type FitResult, type RfmInput } from "./data";
import { COUNT_MODEL_IDS, countModel, type CountModelId, type CountParams } from "./models";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** Each customer's repeat purchases in a holdout period after the calibration end, and its length (in the data's unit). */
export interface HoldoutData {
  holdoutPurchases: ArrayLike<number>;
  holdoutLength: number;
}

/** One model in a comparison. */
export interface ModelComparisonRow {
  model: CountModelId;
  label: string;
  params: Record<string, number> | null;
  logLikelihood: number | null;
  aic: number | null;
  bic: number | null;
  converged: boolean;
  /** with a holdout: mean absolute error of per-customer holdout repeat purchases; total predicted/actual; relative error of the total */
  holdout?: {
    mae: number;
    totalPredicted: number;
    totalActual: number;
    totalError: number;
    /** {@link TOTAL_BAND_SE} standard errors of the actual total under the model, relative to it: a total error within ± this is chance. */
    totalTolerance: number;
  };
  chosen: boolean;
  /** the fit failed: why (keyed, i18n/errors.ts) */
  errorKey?: ErrorKey;
  errorParams?: ErrorParams;
  /** the fit's error message in English, also when it has no key */
  errorMessage?: string;
}

/** What {@link compareModels} found and chose. */
export interface ModelComparison {
  chosen: CountModelId;
  rule: "bic" | "holdout";
  rows: ModelComparisonRow[];
  fits: Partial<Record<CountModelId, FitResult<CountParams>>>;
  /** Rule "bic": the models whose log-likelihoods are a tie (the chosen one among them); one model when it decided alone. */
  tied: CountModelId[];
  /** Rule "holdout": the models set aside because their holdout total missed the actual by more than chance (empty when every model missed it). */
  biased: CountModelId[];
  /** The holdout length (data's unit) and the unit, for the text; null without a holdout. */
  holdoutLength: number | null;
  unit: TimeUnit | null;
}

/** Log-likelihoods closer than this are a tie: a BIC difference below 2 between models with the same number of parameters. */
export const LIKELIHOOD_TIE = 1;

/** Standard errors of the holdout total within which a model's predicted total is chance. */
export const TOTAL_BAND_SE = 2;

/**
 * Order of preference on a tie: MBG/NBD and Pareto/NBD let a customer without repeat purchases
 * have left (BG/NBD gives every such customer P(alive) = 1, Batislam et al. 2007 §2); MBG/NBD
 * before Pareto/NBD as its predictions are closed forms of the same family as BG/NBD.
 */
export const TIE_PREFERENCE: readonly CountModelId[] = ["mbgnbd", "paretonbd", "bgnbd"];

/** Parameters in each model: r, α and two of the dropout process. */
const K = 4;

/**
 * Fits each model (default all three) on the summaries and chooses one by the rule of the module
 * comment. A fit that throws a CvaError becomes a row with its `errorKey`; when every fit fails,
 * the first error is thrown.
 * @throws CvaError MISSING for an empty `models`; OUT_OF_RANGE for an unknown model, a holdout
 *   length ≤ 0 or a negative holdout count; INCONSISTENT_DATA when the holdout counts are not
 *   one per customer; the first fit's error when no model can be fitted.
 * @example compareModels({ frequency, recency, T }, { holdout: { holdoutPurchases, holdoutLength: 39 } })
 */
export function compareModels(
  data: RfmInput,
  options: FitOptions & { models?: readonly CountModelId[]; holdout?: HoldoutData; unit?: TimeUnit } = {},
): ModelComparison {
  const ids = options.models ?? COUNT_MODEL_IDS;
  if (ids.length === 0) throw CvaError.keyed(ErrorCodes.Missing, "choice.noModels", { choices: COUNT_MODEL_IDS.join(", ") }, { argument: "models" });
  const models = ids.map((id) => countModel(id));
  const rfm = toRfmData(data);
  const holdout = options.holdout ? checkHoldout(options.holdout, rfm.length) : null;
  const fitOptions: FitOptions = { penalizer: options.penalizer, maxIterations: options.maxIterations, tolerance: options.tolerance, timeLimitMs: options.timeLimitMs, onProgress: options.onProgress };
  const rows: ModelComparisonRow[] = [];
  const fits: Partial<Record<CountModelId, FitResult<CountParams>>> = {};
  let firstError: CvaError | null = null;
  const input = { frequency: rfm.frequency, recency: rfm.recency, T: rfm.T, ...(rfm.weights ? { weights: rfm.weights } : {}) };
  for (const m of models) {
    const row: ModelComparisonRow = { model: m.id, label: m.label, params: null, logLikelihood: null, aic: null, bic: null, converged: false, chosen: false };
    rows.push(row);
    let fit: FitResult<CountParams>;
    try {
      fit = m.fit(input, fitOptions);
    } catch (e) {
      if (!isCvaError(e)) throw e;
      firstError ??= e;
      row.errorMessage = e.message;
      if (e.key) {
        row.errorKey = e.key;
        row.errorParams = e.params;
      }
      continue;
    }
    fits[m.id] = fit;
    const ll = fit.logLikelihood;
    row.params = { ...fit.params };
    row.logLikelihood = ll;
    row.aic = 2 * K - 2 * ll;
    row.bic = K * math.log(fit.customers) - 2 * ll;
    row.converged = fit.converged;
    if (holdout) {
      const n = rfm.length, L = holdout.holdoutLength, y = holdout.holdoutPurchases;
      const w = rfm.weights;
      let sumAbs = 0, sumSq = 0, predicted = 0, actual = 0, weight = 0;
      for (let i = 0; i < n; i++) {
        const e = m.expectedPurchases(fit.params, L, rfm.frequency[i], rfm.recency[i], rfm.T[i]);
        const wi = w ? w[i] : 1;
        const d = e - y[i];
        sumAbs += wi * math.abs(d);
        sumSq += wi * d * d;
        predicted += wi * e;
        actual += wi * y[i];
        weight += wi;
      }
      const scale = actual > 0 ? actual : 1;
      row.holdout = {
        // weight > 0: a fit succeeds only on customers of positive total weight
        mae: sumAbs / weight,
        totalPredicted: predicted,
        totalActual: actual,
        totalError: (predicted - actual) / scale,
        totalTolerance: (TOTAL_BAND_SE * math.sqrt(sumSq)) / scale,
      };
    }
  }
  const fitted = rows.filter((r) => r.logLikelihood !== null);
  if (fitted.length === 0) throw firstError as CvaError;
  const converged = fitted.filter((r) => r.converged);
  const pool = converged.length > 0 ? converged : fitted;
  let tied: ModelComparisonRow[];
  let biased: ModelComparisonRow[] = [];
  let chosen: ModelComparisonRow;
  if (holdout) {
    const unbiased = pool.filter((r) => math.abs(r.holdout!.totalError) <= r.holdout!.totalTolerance);
    if (unbiased.length > 0) {
      biased = pool.filter((r) => !unbiased.includes(r));
      const best = math.min(...unbiased.map((r) => r.holdout!.mae));
      chosen = preferred(unbiased.filter((r) => r.holdout!.mae === best));
    } else {
      const closest = math.min(...pool.map((r) => math.abs(r.holdout!.totalError)));
      chosen = preferred(pool.filter((r) => math.abs(r.holdout!.totalError) === closest));
    }
    tied = [chosen];
  } else {
    const best = math.max(...pool.map((r) => r.logLikelihood!));
    tied = pool.filter((r) => r.logLikelihood! > best - LIKELIHOOD_TIE);
    chosen = preferred(tied);
  }
  chosen.chosen = true;
  return {
    chosen: chosen.model,
    rule: holdout ? "holdout" : "bic",
    rows,
    fits,
    tied: tied.map((r) => r.model),
    biased: biased.map((r) => r.model),
    holdoutLength: holdout ? holdout.holdoutLength : null,
    unit: options.unit ?? null,
  };
}

/** The first of the rows in {@link TIE_PREFERENCE}. */
function preferred(rows: ModelComparisonRow[]): ModelComparisonRow {
  // Stryker disable next-line EqualityOperator: the rows are of different models, so their places in TIE_PREFERENCE are never equal
  return rows.reduce((a, r) => (TIE_PREFERENCE.indexOf(r.model) < TIE_PREFERENCE.indexOf(a.model) ? r : a));
}

function checkHoldout(h: HoldoutData, n: number): HoldoutData {
  checkArg("holdoutLength", h.holdoutLength, 0, false);
  checkHoldoutCount(h.holdoutPurchases, n);
  for (let i = 0; i < n; i++) {
    const v = h.holdoutPurchases[i];
    if (!(v >= 0) || !Number.isFinite(v)) throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: i + 1, arg: "holdoutPurchases", got: String(v) }, { row: i + 1, column: "holdoutPurchases" });
  }
  return h;
}

/**
 * Why the chosen model won, in plain words (docs/models/choice.md §4): by likelihood/BIC, or by
 * the holdout's per-customer error and total; with the models set aside (not converged) or not
 * fitted, and why.
 * @example describeChoice(compareModels(summary), "en-US") // "MBG/NBD was chosen: it fits the calibration data best (log-likelihood −9582.1 vs …"
 */
export function describeChoice(c: ModelComparison, lang: Lang): string {
  const rows = c.rows;
  const chosen = rows.find((r) => r.model === c.chosen)!;
  const sep = lang === "zh-CN" ? "；" : "; ";
  const list = (items: string[]): string => joinList(items, lang);
  const others = rows.filter((r) => r !== chosen && r.logLikelihood !== null && (r.converged || !chosen.converged));
  const parts: string[] = [];
  const model = chosen.label;
  if (others.length === 0) {
    parts.push(t(lang, "choice.only", { model }));
  } else if (c.rule === "bic") {
    const ll = (r: ModelComparisonRow) => fmtLl(r.logLikelihood!);
    if (c.tied.length > 1) {
      const tiedRows = rows.filter((r) => c.tied.includes(r.model));
      parts.push(
        t(lang, "choice.likelihoodTie", {
          model,
          tied: list(tiedRows.map((r) => r.label)),
          values: list(tiedRows.map((r) => t(lang, "choice.valueFor", { value: ll(r), model: r.label }))),
          tie: LIKELIHOOD_TIE,
          why: t(lang, `choice.prefer.${c.chosen}` as MessageKey),
        }),
      );
    } else {
      parts.push(
        t(lang, "choice.likelihood", {
          model,
          value: ll(chosen),
          others: list(others.map((r) => t(lang, "choice.valueFor", { value: ll(r), model: r.label }))),
          bic: fmtLl(chosen.bic!),
        }),
      );
    }
  } else {
    const h = chosen.holdout!;
    const length = t(lang, "choice.length", { length: fmt(c.holdoutLength ?? 0), unit: c.unit ? t(lang, `unit.${c.unit}` as MessageKey) : t(lang, "choice.units") });
    const mae = (r: ModelComparisonRow) => fmtMae(r.holdout!.mae);
    const total = t(lang, "choice.total", { predicted: fmtCount(h.totalPredicted), actual: fmtCount(h.totalActual), error: fmtPercent(h.totalError) });
    const biased = rows.filter((r) => c.biased.includes(r.model));
    const fair = others.filter((r) => !c.biased.includes(r.model));
    if (math.abs(h.totalError) > h.totalTolerance) {
      parts.push(t(lang, "choice.holdoutAllBiased", { model, length, total, tolerance: fmtPercent(h.totalTolerance).replace("+", "±") }));
    } else if (fair.length === 0) {
      parts.push(t(lang, "choice.holdoutOnlyFair", { model, length, total }));
    } else {
      const values = list(fair.map((r) => t(lang, "choice.valueFor", { value: mae(r), model: r.label })));
      parts.push(t(lang, "choice.holdout", { model, length, value: mae(chosen), others: values, total }));
    }
    for (const r of biased) {
      parts.push(
        t(lang, r.holdout!.mae < h.mae ? "choice.biasedCloser" : "choice.biased", {
          model: r.label,
          value: mae(r),
          error: fmtPercent(r.holdout!.totalError),
          tolerance: fmtPercent(r.holdout!.totalTolerance).replace("+", "±"),
        }),
      );
    }
  }
  const setAside = rows.filter((r) => r.logLikelihood !== null && !r.converged && chosen.converged);
  if (setAside.length > 0) parts.push(t(lang, "choice.setAside", { models: list(setAside.map((r) => r.label)) }));
  if (!chosen.converged) parts.push(t(lang, "choice.noneConverged", { model }));
  for (const r of rows) {
    if (r.logLikelihood !== null) continue;
    const detail = r.errorKey ? errorText(lang, r.errorKey, r.errorParams) : (r.errorMessage ?? "");
    parts.push(t(lang, "choice.failed", { model: r.label, detail }));
  }
  return parts.join(sep);
}

/** "A, B and C" / "A、B 和 C". */
function joinList(items: string[], lang: Lang): string {
  // Stryker disable next-line StringLiteral: a list of at most one item has nothing to separate
  if (items.length <= 1) return items.join("");
  const and = t(lang, "choice.and");
  return `${items.slice(0, -1).join(lang === "zh-CN" ? "、" : ", ")}${and}${items[items.length - 1]}`;
}

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}

/** A log-likelihood or BIC to one decimal, with a true minus sign. */
function fmtLl(v: number): string {
  return v.toFixed(1).replace("-", "−");
}

function fmtMae(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

function fmtCount(v: number): string {
  return (math.round(v * 10) / 10).toString();
}

function fmtPercent(v: number): string {
  const p = (v * 100).toFixed(1);
  return `${v > 0 ? "+" : ""}${p.replace("-", "−")}%`;
}
