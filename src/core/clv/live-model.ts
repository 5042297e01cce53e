/**
 * What the workbook needs to keep the lifetime value live (docs/live-model.md): the fitted
 * parameters and settings, and the whole base's expected revenue month by month, undiscounted and
 * before the margin, so that customer equity at any monthly discount d and margin share m is
 *
 *   equity(d, m) = m · Σ_{k=1..H} R_k / (1 + d)^k,   R_k = Σ_i (E[Y_i(k·L)] − E[Y_i((k−1)·L)]) · E[M_i],
 *
 * exactly the sum of every customer's CLV of docs/lifetime-value.md §3 (the same months, the same
 * discount timing), which a spreadsheet evaluates with SUMPRODUCT. Also the same revenue with every
 * customer's retention improved (see {@link improvedRetention}) and, for one customer, the figures
 * of the worked example the sheet writes as formulas ({@link workedExample}). Pure.
 */
import { isCvaError } from "../errors";
import { forecastBase } from "./forecast";
import type { GammaGammaParams } from "./gammagamma";
import { countModel, type CountModelId, type CountParams } from "./models";
import type { TimeUnit } from "../summary/units";

/** The share by which the what-if lowers every customer's dropout (docs/live-model.md §3). */
export const RETENTION_IMPROVEMENT = 0.1;

/** The parameters, settings and monthly revenue of a fitted lifetime model (module comment). */
export interface LiveModel {
  model: CountModelId;
  /** The count model's fitted parameters (r, alpha, a, b or r, alpha, s, beta). */
  params: CountParams;
  /** Gamma-Gamma's p, q, v; null when the spend fell back to the observed means. */
  spend: GammaGammaParams | null;
  /** Without Gamma-Gamma: the spend a customer without repeat purchases was given (the repeat buyers' mean). */
  fallbackSpend: number;
  /** Horizon in months, monthly discount, margin share, data units per month, the data's unit. */
  horizon: number;
  discount: number;
  margin: number;
  perMonth: number;
  unit: TimeUnit;
  /** R_1 … R_H: the base's expected revenue in each month (index k − 1). */
  revenue: number[];
  /** The same with every customer's dropout lowered by `improvement` ({@link improvedRetention}); null when it cannot be computed. */
  retained: { improvement: number; params: CountParams; revenue: number[] } | null;
}

/**
 * The parameters of the same model with dropout lowered by the share k (docs/live-model.md §3).
 * Pareto/NBD: every customer's dropout rate μ ~ Gamma(s, β) is scaled by (1 − k), which is
 * Gamma(s, β/(1 − k)) exactly. BG/NBD and MBG/NBD: the dropout probability after a purchase,
 * p ~ Beta(a, b), has its mean a/(a + b) scaled by (1 − k) with a kept, b' = (a + b)/(1 − k) − a
 * (a scaled Beta variable is not a Beta variable, so only the mean is scaled exactly).
 * @example improvedRetention("paretonbd", { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 0.1).beta // 12.97
 */
export function improvedRetention(model: CountModelId, params: CountParams, k: number): CountParams {
  if (model === "paretonbd") return { ...params, beta: params.beta / (1 - k) };
  const { a, b } = params;
  return { ...params, b: (a + b) / (1 - k) - a };
}

/**
 * The live model of a fitted prediction: two forecasts of the base (./forecast.ts forecastBase) over
 * the horizon's months, undiscounted at margin 1, at the fitted and at the improved parameters.
 * O(n + forecast); the improved forecast is left null when a month of its revenue is not a finite number.
 */
export function liveModel(
  fit: { model: CountModelId; params: CountParams; spend: GammaGammaParams | null; fallbackSpend: number },
  settings: { horizon: number; discount: number; margin: number; perMonth: number; unit: TimeUnit },
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> },
  expectedSpend: ArrayLike<number>,
): LiveModel {
  const m = countModel(fit.model);
  const months = { periods: settings.horizon, periodLength: settings.perMonth };
  const revenue = forecastBase(m, fit.params, data, expectedSpend, months).rows.map((r) => r.revenue);
  const params = improvedRetention(fit.model, fit.params, RETENTION_IMPROVEMENT);
  // The improved parameters expect more purchases: their revenue can overflow where the fitted
  // one did not (forecastBase refuses a month that is not finite); the live model then has no what-if.
  let retained: LiveModel["retained"] = null;
  try {
    retained = { improvement: RETENTION_IMPROVEMENT, params, revenue: forecastBase(m, params, data, expectedSpend, months).rows.map((r) => r.revenue) };
  } catch (e) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the same data and options just passed the fitted forecast, so only a month that is not finite can fail here (the rethrow is a guard)
    if (!(isCvaError(e) && e.key === "result.notFinite")) throw e;
  }
  return { ...fit, ...settings, revenue, retained };
}

/** Customer equity m · Σ R_k/(1 + d)^k over the first `horizon` months of `revenue` (module comment). */
export function equityFromRevenue(revenue: readonly number[], discount: number, margin: number, horizon = revenue.length): number {
  let sum = 0;
  for (let k = 1; k <= Math.min(horizon, revenue.length); k++) sum += revenue[k - 1] / Math.pow(1 + discount, k);
  return sum * margin;
}

/** One customer's CLV taken apart, as the sheet's worked example writes it (docs/live-model.md §4). */
export interface WorkedExample {
  pAlive: number;
  /** Expected spend per purchase E[M]. */
  spend: number;
  /** E[Y(k·L)] / P(alive) for k = 1 … H: expected repeat purchases by the end of month k if alive now. */
  ifAlive: number[];
  /** Σ_k P(alive) · (ifAlive_k − ifAlive_{k−1}) · E[M] · margin / (1 + d)^k. */
  clv: number;
}

/**
 * The figures of one customer's CLV (x repeat purchases, last at t_x, age T, mean spend `monetary`):
 * P(alive), E[M] as the prediction gives it (Gamma-Gamma FH 2013 eq. 5 with the mean spend floored at
 * 0, or the fallback), and the cumulative expected purchases if alive, month by month. O(H) ₂F₁.
 */
export function workedExample(live: LiveModel, x: number, tx: number, T: number, monetary: number): WorkedExample {
  const m = countModel(live.model);
  const pAlive = m.probabilityAlive(live.params, x, tx, T);
  const g = live.spend;
  const spend = g ? (g.p * (g.v + x * Math.max(monetary, 0))) / (g.p * x + g.q - 1) : x > 0 ? monetary : live.fallbackSpend;
  const ifAlive: number[] = [];
  let clv = 0;
  let prev = 0;
  for (let k = 1; k <= live.horizon; k++) {
    const cumulative = m.expectedPurchases(live.params, k * live.perMonth, x, tx, T);
    ifAlive.push(pAlive > 0 ? cumulative / pAlive : 0);
    clv += ((cumulative - prev) * spend * live.margin) / Math.pow(1 + live.discount, k);
    prev = cumulative;
  }
  return { pAlive, spend, ifAlive, clv };
}
