/**
 * The analysis's prediction intervals (docs/models/uncertainty.md §8–§9): once a count model is
 * fitted, every customer's 90 % interval of P(alive), expected purchases and CLV and customer
 * equity's, from the fit's parameter draws (../clv/intervals.ts: 200 draws, seed 1); the report's
 * one-sentence reading of the equity interval in its language; and, when the pyramid ranks by
 * the model's CLV, the customers whose interval crosses a cutoff of their tier
 * (../segments/tier-uncertainty.ts); and the report forecast's repeat purchases and revenue with
 * their 90 % predictive interval (../clv/predictive-forecast.ts, docs/models/uncertainty.md §11).
 * Which is which: customer equity is an expected value, so its interval carries the parameters'
 * uncertainty only; the purchases and revenue of the coming months will be observed, so theirs
 * also carries each customer's own chance.
 */
import type { Lang } from "../i18n/messages";
import { t } from "../i18n/messages";
import { errorText } from "../i18n/errors";
import { counted } from "../warnings";
import type { BtydPrediction } from "../clv/lifetime";
import { fitUncertainty, predictionIntervals, type Band } from "../clv/intervals";
import type { ForecastOptions } from "../clv/forecast";
import type { TotalInterval } from "../clv/forecast-intervals";
import { predictiveForecast } from "../clv/predictive-forecast";
import { parameterTable, type ParameterTable } from "./parameters";
import { tierUncertainty } from "../segments/tier-uncertainty";

/** The level of the report's intervals: 90 %. */
export const REPORT_INTERVAL_LEVEL = 0.9;

/** Customer equity Σ CLV with its interval, as the report gives it. */
export interface EquityInterval {
  /** The interval's level, 0.9. */
  level: number;
  /** Σ CLV, the point estimate. */
  estimate: number;
  low: number;
  high: number;
  /** Parameter draws and the generator's seed (same seed, same interval). */
  draws: number;
  seed: number;
}

/** The report forecast's totals with their predictive interval, as the report gives them. */
export interface ForecastInterval {
  /** The interval's level, 0.9. */
  level: number;
  /** The forecast's months. */
  months: number;
  /** Repeat purchases over the months: the forecast's total and its predictive interval. */
  transactions: TotalInterval;
  /** Revenue over the months, likewise. */
  revenue: TotalInterval;
  draws: number;
  seed: number;
  /** The interval in one sentence, in the report's language. */
  text: string;
}

/** Every customer's interval at `level`, index i for customer i (the summaries' order). */
export interface CustomerIntervals {
  level: number;
  pAlive: Band;
  expectedPurchases: Band;
  clv: Band;
  /**
   * 1 where the customer's CLV interval crosses a cutoff of its tier, 0 where it does not; null
   * when the pyramid does not rank by the model's CLV or has no tiers.
   */
  tierUncertain: Uint8Array | null;
}

/** What the intervals give the analysis: the customers' bands, the equity interval and the report's note. */
export interface AnalysisIntervals {
  /** null when the fit's uncertainty cannot be computed (then `note` says why). */
  customers: CustomerIntervals | null;
  equity: EquityInterval | null;
  /** The equity interval in one sentence, or why there is none, in the report's language. */
  note: string;
  /** The fitted parameters with their standard errors and 95 % intervals (./parameters.ts). */
  parameters: ParameterTable;
  /** The forecast's predictive interval; null without `forecast` or when it cannot be computed. */
  forecast: ForecastInterval | null;
}

/**
 * The intervals of a fitted prediction at {@link REPORT_INTERVAL_LEVEL} (module comment).
 * O(draws × distinct histories), plus O(draws × (customers + purchases)) with `forecast`.
 * @param penalizer the fit's L2 penalty (its curvature enters the covariance).
 * @param forecast the report forecast's months (periods of a month, its discount and margin): gives `forecast`.
 */
export function analysisIntervals(
  r: BtydPrediction,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  penalizer: number,
  lang: Lang,
  forecast?: ForecastOptions,
): AnalysisIntervals {
  // One computation of the fits' uncertainty, for the parameters' standard errors and the draws.
  const uncertainty = fitUncertainty(r, data, penalizer);
  const parameters = parameterTable(r, uncertainty, lang);
  const iv = predictionIntervals(r, data, { level: REPORT_INTERVAL_LEVEL, penalizer, uncertainty });
  if (!iv.ok) return { customers: null, equity: null, note: t(lang, "interval.unavailable", { reason: errorText(lang, iv.reasonKey, iv.reasonParams) }), parameters, forecast: null };
  const equity: EquityInterval = { level: iv.level, estimate: iv.equity.estimate, low: iv.equity.low, high: iv.equity.high, draws: iv.draws, seed: iv.seed };
  const whole = (v: number) => Math.round(v).toLocaleString(lang);
  const note = t(lang, "interval.equity", {
    estimate: whole(equity.estimate), low: whole(equity.low), high: whole(equity.high), level: Math.round(100 * equity.level), draws: equity.draws, seed: equity.seed,
  });
  const customers = { level: iv.level, pAlive: iv.pAlive, expectedPurchases: iv.expectedPurchases, clv: iv.clv, tierUncertain: null };
  return { customers, equity, note, parameters, forecast: forecast ? forecastInterval(r, data, forecast, penalizer, uncertainty, lang) : null };
}

/** The report forecast's totals with their predictive interval at {@link REPORT_INTERVAL_LEVEL} (200 draws, seed 1); null when unavailable. */
function forecastInterval(
  r: BtydPrediction,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  forecast: ForecastOptions,
  penalizer: number,
  uncertainty: ReturnType<typeof fitUncertainty>,
  lang: Lang,
): ForecastInterval | null {
  const p = predictiveForecast(r, data, forecast, { level: REPORT_INTERVAL_LEVEL, penalizer, uncertainty });
  if (!p.ok) return null;
  const whole = (v: number) => Math.round(v).toLocaleString(lang);
  const text = t(lang, "interval.forecastPurchases", {
    months: forecast.periods, level: Math.round(100 * p.level), draws: p.draws, seed: p.seed,
    transactions: whole(p.transactions.estimate), transactionsLow: whole(p.transactions.low), transactionsHigh: whole(p.transactions.high),
    revenue: whole(p.revenue.estimate), revenueLow: whole(p.revenue.low), revenueHigh: whole(p.revenue.high),
  });
  return { level: p.level, months: forecast.periods, transactions: p.transactions, revenue: p.revenue, draws: p.draws, seed: p.seed, text };
}

/**
 * Flags the customers whose CLV interval crosses a cutoff of their tier and says how many, when
 * the pyramid ranks by the model's CLV (`values` is the CLV column, cut by `shares`) and has tiers; sets
 * `customers.tierUncertain`. null otherwise (the flags would be about another ranking).
 */
export function flagTierUncertain(
  customers: CustomerIntervals,
  tiers: Uint16Array,
  values: Float64Array,
  shares: readonly number[],
  ranksByClv: boolean,
  noSpread: boolean,
  lang: Lang,
): { count: number; level: number; text: string } | null {
  if (!ranksByClv || noSpread) return null;
  const { uncertain, count } = tierUncertainty(tiers, values, customers.clv.low, customers.clv.high, shares);
  customers.tierUncertain = uncertain;
  const text = t(lang, "interval.tierUncertain", { customers: counted(count, "customer has", "customers have", "位客户")[lang], level: Math.round(100 * customers.level) });
  return { count, level: customers.level, text };
}
