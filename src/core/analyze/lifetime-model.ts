/**
 * Step 2 of the analysis: the lifetime model (docs/lifetime-value.md §5–§6). By default
 * (`model: "btyd"`) a count model with Gamma-Gamma for spend (src/core/clv/lifetime.ts): BG/NBD
 * unless `lifetime.model` names another or `auto` (docs/models/choice.md), on transactions,
 * and on profiles only when every profile gives frequency, recency and T and they do not all carry
 * their own CLV; `options.predictor` instead of it; `model: "none"` skips it. It gives each
 * customer's P(alive), expected purchases and CLV by column, from the model, else from the profiles,
 * and for the report the model parts: the comparison and its reasons, fit checks, a forecast, and
 * customer equity's 90 % interval with every customer's (./intervals.ts).
 */
import { CvaError, ErrorCodes } from "../errors";
import { counted, type CvaWarning } from "../warnings";
import { errorText } from "../i18n/errors";
import type { Lang } from "../i18n/messages";
import { summaryObjects } from "../summary/customer-summary";
import { describeBtyd, newCustomerSpend, predictBtyd, type BtydFallback, type BtydPrediction } from "../clv/lifetime";
import { describeChoice } from "../clv/model-choice";
import { countModel } from "../clv/models";
import { fitChecks } from "../clv/fit-checks";
import { forecastBase, newCustomerValue } from "../clv/forecast";
import { liveModel } from "../clv/live-model";
import { checkArg } from "../clv/data";
import type { TimeUnit } from "../summary/units";
import { num, type AnalysisCustomers } from "./customers";
import type { AnalyzeOptions, CustomerProfile, Prediction } from "./inputs";
import type { ModelReport } from "./report";
import { analysisIntervals, type CustomerIntervals } from "./intervals";

/** Profiles stand in for a summary the model can take when each gives x, t_x and T, and they do not all carry a CLV. */
function profilesCanBeFitted(profiles: readonly (CustomerProfile | undefined)[]): boolean {
  if (profiles.length === 0) return false;
  let allClv = true;
  for (const p of profiles) {
    if (!p || num(p.frequency) === null || num(p.recency) === null || num(p.T) === null) return false;
    if (num(p.clv) === null) allClv = false;
  }
  return !allClv;
}

/** The columns a lifetime model (the `predictor` hook) returns, as the messages name them. */
const PREDICTION_NAMES = {
  pAlive: { "en-US": "P(alive)", "zh-CN": "存活概率" },
  expectedPurchases: { "en-US": "expected purchases", "zh-CN": "预期购买次数" },
  clv: { "en-US": "CLV", "zh-CN": "终生价值" },
} as const;

function checkPrediction(pred: Prediction, n: number): void {
  for (const key of ["pAlive", "expectedPurchases", "clv"] as const) {
    const col = pred[key];
    const name = PREDICTION_NAMES[key];
    if (!col || col.length !== n) {
      const count = col ? col.length : 0;
      const values = counted(count, "value", "values", "个");
      throw CvaError.keyed(ErrorCodes.InconsistentData, "predictor.length", { values, name, customers: n }, { argument: key });
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i])) {
        throw CvaError.keyed(ErrorCodes.InvalidNumber, "predictor.notFinite", { got: String(col[i]), name, row: i + 1 }, { argument: key, row: i + 1 });
      }
    }
  }
}

/** What the lifetime model gave, by column. */
export interface LifetimeColumns {
  /** What the model did, for the report; its `fallback` is set with the value measure, which it names (./value-measure.ts). */
  model: ModelReport;
  /** Why the default model could not be fitted, when it ran and could not. */
  unfitted: BtydFallback | null;
  /** Whether a model (the default or the predictor) gave the figures. */
  predicted: boolean;
  /** NaN where not known. */
  pAlive: Float64Array;
  /** NaN where not known. */
  clv: Float64Array;
  /** null without a prediction. */
  expectedPurchases: Float64Array | null;
  /** Every customer's 90 % intervals (./intervals.ts); null unless a count model was fitted and its uncertainty could be computed. */
  intervals: CustomerIntervals | null;
  /** Whether the caller asked to keep `intervals` in the result (`lifetime.intervals`). */
  keepIntervals: boolean;
}

/**
 * Runs the lifetime model on the customers' summaries; a custom `predictor` is given them as
 * objects, made for it.
 * @throws CvaError OUT_OF_RANGE for an unknown `model`; INCONSISTENT_DATA when the predictor returns
 *   arrays of the wrong length; INVALID_NUMBER when it returns a non-finite number. The predictor's
 *   own errors propagate.
 */
export function lifetimeModel(customers: AnalysisCustomers, options: AnalyzeOptions, lang: Lang, warnings: CvaWarning[] = []): LifetimeColumns {
  const { summaries, fromTransactions, profiles, unit, profileAt } = customers;
  const n = summaries.length;
  let prediction: Prediction | null = null;
  const model: ModelReport = { kind: null, fitted: false, note: null, fallback: null, countModel: null, comparison: null, choiceText: null, checks: null, forecast: null, newCustomer: null, equityInterval: null, intervalNote: null, tierUncertain: null, parameters: null };
  if (options.model !== undefined && options.model !== "btyd" && options.model !== "none") {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "model", choices: "btyd, none", got: JSON.stringify(options.model) }, { argument: "model" });
  }
  // The acquisition cost is the report's only use of it: checked here, so a bad one is named rather than leaving the new customer out.
  const { acquisitionCost, intervals: keepIntervals, ...life } = options.lifetime ?? {};
  const cost = acquisitionCost ?? undefined;
  if (cost !== undefined) checkArg("acquisitionCost", cost, 0);
  if (options.predictor) {
    model.kind = "custom";
    prediction = options.predictor(summaryObjects(summaries));
    checkPrediction(prediction, n);
    model.fitted = true;
    model.note = prediction.note ?? null;
  }
  let unfitted: BtydFallback | null = null;
  let intervals: CustomerIntervals | null = null;
  if (!options.predictor && options.model !== "none" && (fromTransactions || profilesCanBeFitted(profiles ?? []))) {
    model.kind = "btyd";
    const r = predictBtyd(summaries, { unit, ...life });
    if (r.fitted) {
      prediction = r;
      model.fitted = true;
      model.note = describeBtyd(r, lang);
      modelParts(model, r, summaries, unit, lang, cost, warnings);
      const s = r.settings;
      // The predictive interval simulates every customer's purchases (O(draws × (customers + purchases))):
      // only when the caller asked for intervals, so a plain run stays fast at scale.
      const months = model.forecast && keepIntervals === true ? { periods: REPORT_FORECAST_MONTHS, periodLength: s.perMonth, discount: s.discount, margin: s.margin } : undefined;
      const iv = analysisIntervals(r, summaries, life.penalizer ?? 0, lang, months);
      model.equityInterval = iv.equity;
      if (iv.forecast) model.forecastInterval = iv.forecast;
      model.intervalNote = iv.note;
      model.parameters = iv.parameters;
      intervals = iv.customers;
    } else {
      unfitted = r;
    }
  }
  // P(alive), expected purchases and CLV by column, NaN where not known; the prediction itself
  // (with its other columns) is let go when this step returns.
  const predicted = prediction !== null;
  const pAlive = new Float64Array(n);
  const clv = new Float64Array(n);
  const expectedPurchases = prediction ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    pAlive[i] = prediction ? prediction.pAlive[i] : (num(profileAt(i)?.pAlive) ?? NaN);
    clv[i] = prediction ? prediction.clv[i] : (num(profileAt(i)?.clv) ?? NaN);
    if (prediction && expectedPurchases) expectedPurchases[i] = prediction.expectedPurchases[i];
  }
  return { model, unfitted, predicted, pAlive, clv, expectedPurchases, intervals, keepIntervals: keepIntervals === true };
}

/** How many months the report's forecast of the whole base covers. */
export const REPORT_FORECAST_MONTHS = 12;

/**
 * The report's model parts once a count model is fitted: which model, the comparison and its
 * reasons (with `auto`, docs/models/choice.md), the fit checks without a holdout
 * (docs/models/fit-checks.md) and the whole base's next {@link REPORT_FORECAST_MONTHS} months, at
 * each customer's expected spend and the lifetime options' monthly discount and margin, and what
 * one newly acquired customer is worth over the same months at the population's mean spend
 * (newCustomerSpend), with CLV:CAC and the payback month for an acquisition cost.
 * A fit check or forecast the data cannot give (a CvaError) is left null: they add to the report
 * and must not stop the analysis.
 */
function modelParts(
  model: ModelReport,
  r: BtydPrediction,
  data: { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array },
  unit: TimeUnit,
  lang: Lang,
  acquisitionCost: number | undefined,
  warnings: CvaWarning[],
): void {
  const m = countModel(r.model);
  model.countModel = r.model;
  model.comparison = r.comparison;
  model.choiceText = r.comparison ? describeChoice(r.comparison, lang) : null;
  const columns = { frequency: data.frequency, recency: data.recency, T: data.T };
  // A part that cannot be computed is left out of the report with a warning that says which and why.
  const orNull = <T>(part: ModelPart, f: () => T): T | null => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof CvaError)) throw e;
      warnings.push({ key: "model.partLeftOut", params: { part: MODEL_PART_NAMES[part], detail: e.key ? { "en-US": errorText("en-US", e.key, e.params), "zh-CN": errorText("zh-CN", e.key, e.params) } : e.message } });
      return null;
    }
  };
  model.checks = orNull("checks", () => fitChecks(m, r.fit.params, columns, unit));
  const s = r.settings;
  const months = { periods: REPORT_FORECAST_MONTHS, periodLength: s.perMonth, discount: s.discount, margin: s.margin, unit };
  model.forecast = orNull("forecast", () => forecastBase(m, r.fit.params, columns, r.expectedValue, months));
  model.newCustomer = orNull("newCustomer", () => {
    const spend = newCustomerSpend(r, data);
    return { ...newCustomerValue(m, r.fit.params, spend, { ...months, ...(acquisitionCost === undefined ? {} : { acquisitionCost }) }), spend };
  });
  const fit = { model: r.model, params: r.fit.params, spend: r.gammagamma?.params ?? null, fallbackSpend: r.gammagamma ? 0 : newCustomerSpend(r, data) };
  const live = orNull("live", () => liveModel(fit, { horizon: s.horizon, discount: s.discount, margin: s.margin, perMonth: s.perMonth, unit }, columns, r.expectedValue));
  if (live) model.live = live;
}

type ModelPart = "checks" | "forecast" | "newCustomer" | "live";

/** The model's report parts as the warning names them. */
const MODEL_PART_NAMES = {
  checks: { "en-US": "The fit checks", "zh-CN": "模型拟合检验" },
  forecast: { "en-US": "The forecast of today's customers", "zh-CN": "现有客户的预测" },
  newCustomer: { "en-US": "The value of a new customer", "zh-CN": "新客户价值" },
  live: { "en-US": "The what-if table of the CVA Model sheet", "zh-CN": "“生命周期模型”工作表的假设分析表" },
} as const;
