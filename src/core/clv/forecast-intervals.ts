/**
 * Intervals of the base forecast's totals — repeat transactions, revenue and discounted margin over
 * the horizon (./forecast.ts) — from the same parameter draws as the customers' prediction
 * intervals (./intervals.ts, docs/models/uncertainty.md §8, docs/models/forecast.md §6).
 *
 * The count model's log-parameters are drawn normal with the fit's estimate as mean and H⁻¹
 * (./uncertainty.ts) as covariance, and, when Gamma-Gamma was fitted, its log-parameters likewise
 * (a draw with q ≤ 1, whose mean spend is infinite, is drawn again), in the same order from the
 * same seeded generator as {@link predictionIntervals}: with the same seed the k-th draw is the
 * same parameter set in both. Each draw gives a forecast (forecastBase) with the drawn count
 * parameters and each customer's expected spend under the drawn Gamma-Gamma parameters
 * (Fader & Hardie 2013, eq. 5 — without Gamma-Gamma, the prediction's spends, fixed); the
 * interval at level ℓ runs between the (1 − ℓ)/2 and (1 + ℓ)/2 quantiles of the draws' totals
 * (type 7). Like the customers' intervals it covers the parameters' uncertainty only, not the
 * customers' own chance. O(draws × a forecast).
 */
import type { ErrorKey, ErrorParams } from "../i18n/errors";
import { Random } from "../math/random";
import type { BtydPrediction } from "./btyd-predict";
import { forecastBase, resolveForecastOptions, type BaseForecast, type ForecastOptions } from "./forecast";
import type { GammaGammaParams } from "./gammagamma";
import { drawNormal, quantile, resolveIntervalOptions, type IntervalOptions, type IntervalsUnavailable } from "./intervals";
import { countModel, type CountParams } from "./models";
import { countModelUncertainty, gammaGammaUncertainty } from "./uncertainty";
const math = globalThis.Math;

/** A total with its interval. */
export interface TotalInterval {
  /** The forecast's own total, at the fitted parameters. */
  estimate: number;
  low: number;
  high: number;
}

/** The forecast's totals with their intervals. */
export interface ForecastIntervals {
  ok: true;
  level: number;
  draws: number;
  seed: number;
  transactions: TotalInterval;
  revenue: TotalInterval;
  discounted: TotalInterval;
}

/** Redraws allowed per draw when Gamma-Gamma's q ≤ 1 or a total is not finite (as ./intervals.ts). */
const MAX_REDRAWS = 100;

/**
 * The intervals of {@link forecastBase}'s totals for a fitted prediction (module comment).
 * @param data the summaries the prediction was made from, in the same order.
 * @param forecast the forecast's settings (periods, period length, discount, margin), as forecastBase takes them.
 * @returns the intervals, or `ok: false` with the keyed reason when the fit's uncertainty cannot be computed.
 * @throws CvaError for invalid forecast or interval options.
 * @example forecastIntervals(prediction, summary, { periods: 52, periodLength: 1 }, { level: 0.9 }).transactions // { estimate, low, high }
 */
export function forecastIntervals(
  prediction: BtydPrediction,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  forecast: ForecastOptions,
  options: IntervalOptions = {},
): ForecastIntervals | IntervalsUnavailable {
  resolveForecastOptions(forecast);
  const { level, draws, seed, penalizer } = resolveIntervalOptions(options);
  const columns = { frequency: data.frequency, recency: data.recency, T: data.T };
  const model = countModel(prediction.model);
  const base: BaseForecast = forecastBase(model, prediction.fit.params, columns, prediction.expectedValue, forecast);
  const count = countModelUncertainty(prediction.model, columns, prediction.fit, { penalizer });
  if (!count.ok) return unavailable(count.messageKey, count.messageParams);
  const gg = prediction.gammagamma;
  let spendCov: number[][] | null = null;
  let spendMean: Float64Array | null = null;
  if (gg) {
    const u = gammaGammaUncertainty({ frequency: data.frequency, monetary: data.monetary }, gg, { penalizer, nonPositive: "exclude" });
    if (!u.ok) return unavailable(u.messageKey, u.messageParams);
    spendCov = u.logCovariance;
    spendMean = Float64Array.from(u.names, (k) => math.log(gg.params[k as keyof GammaGammaParams]));
  }
  const names = model.paramNames;
  const countMean = Float64Array.from(names, (k) => math.log(prediction.fit.params[k]));
  const rng = new Random(seed);
  const n = data.frequency.length;
  const spend = new Float64Array(n);
  const tr = new Float64Array(draws), rev = new Float64Array(draws), disc = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let done = false;
    for (let attempt = 0; attempt < MAX_REDRAWS && !done; attempt++) {
      const theta = drawNormal(rng, countMean, count.logCovariance);
      const drawn: Record<string, number> = {};
      names.forEach((k, i) => (drawn[k] = math.exp(theta[i])));
      const p: CountParams = drawn;
      let spends: ArrayLike<number> = prediction.expectedValue;
      if (spendMean && spendCov) {
        const th = drawNormal(rng, spendMean, spendCov);
        const gp = math.exp(th[0]), q = math.exp(th[1]), v = math.exp(th[2]);
        // q ≤ 1: the mean spend is infinite (Fader & Hardie 2013, eq. 5): not a usable draw.
        if (!(q > 1)) continue;
        // Each customer's expected spend per transaction under the drawn parameters, as ./btyd-score.ts computes it.
        for (let i = 0; i < n; i++) {
          const x = data.frequency[i];
          spend[i] = (gp * (v + x * math.max(data.monetary[i], 0))) / (gp * x + q - 1);
        }
        spends = spend;
      }
      const f = forecastBase(model, p, columns, spends, forecast);
      if (!Number.isFinite(f.transactions + f.revenue + f.discounted)) continue;
      tr[d] = f.transactions;
      rev[d] = f.revenue;
      disc[d] = f.discounted;
      done = true;
    }
    if (!done) return unavailable("uncertainty.notFinite", {});
  }
  const lowP = (1 - level) / 2, highP = (1 + level) / 2;
  const band = (estimate: number, all: Float64Array): TotalInterval => ({ estimate, low: quantile(all, lowP), high: quantile(all, highP) });
  return {
    ok: true,
    level,
    draws,
    seed,
    transactions: band(base.transactions, tr),
    revenue: band(base.revenue, rev),
    discounted: band(base.discounted, disc),
  };
}

function unavailable(reasonKey: ErrorKey, reasonParams: ErrorParams): IntervalsUnavailable {
  return { ok: false, reasonKey, reasonParams };
}
