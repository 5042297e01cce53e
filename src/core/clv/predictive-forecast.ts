/**
 * Predictive intervals of the base forecast (./forecast.ts): the repeat purchases, revenue and
 * discounted margin today's customers will actually make in each future period and over the
 * horizon (docs/models/forecast.md §6, docs/models/uncertainty.md §10–§11).
 *
 * Which interval for which figure: a total that will be observed — how many purchases, how much
 * revenue — varies for two reasons, because the parameters are estimated and because each
 * customer's purchases are random even when the parameters are known; its interval here carries
 * both. Customer equity is an expectation, never observed as such, so its interval
 * (./intervals.ts) carries the parameters' uncertainty only.
 *
 * For each of `draws` parameter sets — the count model's log-parameters drawn normal around the
 * fit with covariance H⁻¹ (./uncertainty.ts) and, when Gamma-Gamma was fitted, its log-parameters
 * likewise (a draw with q ≤ 1 drawn again), from a generator seeded with `seed`, in the order of
 * ./forecast-intervals.ts, so the k-th set is the parameter-only interval's k-th — every customer's
 * purchases in (T, T + H·L] are simulated from the model's posterior given its history
 * (./predictive.ts simulateCustomer, from a second generator seeded with seed + 0x5bd1e995). A
 * purchase at time s after T falls in period k = ⌈s / L⌉. Its spend: with Gamma-Gamma, the
 * customer's spend rate ν ~ Gamma(q + p·x, v + x·m̄) (the prior updated by x purchases averaging
 * m̄; Fader & Hardie 2013, eq. 4) once, then each purchase Gamma(p, ν) (c purchases in one period
 * together Gamma(c·p, ν), one draw), so E[spend] is the
 * prediction's eq. 5; without it, the customer's predicted spend per purchase, fixed. The
 * discounted margin of a purchase in period k is spend · margin / (1 + d)^k. The interval at level ℓ
 * runs between the (1 − ℓ)/2 and (1 + ℓ)/2 quantiles (type 7) of the draws' figures, per period
 * and for the totals; the point estimate is the forecast's own, at the fitted parameters.
 * P(alive) is computed once per distinct (x, t_x, T) and draw.
 * O(draws × (distinct histories + customers + purchases simulated)).
 */
import type { ErrorKey, ErrorParams } from "../i18n/errors";
import { Random } from "../math/random";
import type { BtydPrediction } from "./btyd-predict";
import { forecastBase, resolveForecastOptions, type ForecastOptions } from "./forecast";
import type { TotalInterval } from "./forecast-intervals";
import type { GammaGammaParams } from "./gammagamma";
import { drawNormal, quantile, resolveIntervalOptions, type Band, type IntervalOptions, type IntervalsUnavailable } from "./intervals";
import { countModel } from "./models";
import { simulateCustomer } from "./predictive";
import { countModelUncertainty, gammaGammaUncertainty } from "./uncertainty";
const math = globalThis.Math;

/** Added to the seed for the customers' own chance, a stream apart from the parameter draws'. */
export const CHANCE_STREAM = 0x5bd1e995;

/** The forecast's figures with their predictive intervals. */
export interface PredictiveForecast {
  ok: true;
  /** "predictive": the parameters' uncertainty and the customers' own chance. */
  kind: "predictive";
  level: number;
  draws: number;
  seed: number;
  transactions: TotalInterval;
  revenue: TotalInterval;
  discounted: TotalInterval;
  /** The mean of the draws' totals: the forecast's totals averaged over the parameter draws, plus simulation noise. */
  means: { transactions: number; revenue: number; discounted: number };
  /** Per period k = 1 … H (index k − 1), the interval of that period's figure. */
  periods: { transactions: Band; revenue: Band; discounted: Band };
}

/** Redraws allowed per draw when Gamma-Gamma's q ≤ 1 or a P(alive) is not finite (as ./forecast-intervals.ts). */
const MAX_REDRAWS = 100;

/**
 * The predictive intervals of {@link forecastBase}'s figures for a fitted prediction (module comment).
 * @param data the summaries the prediction was made from, in the same order.
 * @param forecast the forecast's settings (periods, period length, discount, margin), as forecastBase takes them.
 * @returns the intervals, or `ok: false` with the keyed reason when a fit's uncertainty cannot be computed.
 * @throws CvaError for invalid forecast or interval options.
 * @example predictiveForecast(prediction, summary, { periods: 52, periodLength: 1 }, { level: 0.9 }).transactions // { estimate, low, high }
 */
export function predictiveForecast(
  prediction: BtydPrediction,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  forecast: ForecastOptions,
  options: IntervalOptions = {},
): PredictiveForecast | IntervalsUnavailable {
  const { periods: H, periodLength: L, discount, margin } = resolveForecastOptions(forecast);
  const { level, draws, seed, penalizer } = resolveIntervalOptions(options);
  const columns = { frequency: data.frequency, recency: data.recency, T: data.T };
  const id = prediction.model;
  const model = countModel(id);
  const base = forecastBase(model, prediction.fit.params, columns, prediction.expectedValue, forecast);
  const count = options.uncertainty?.count ?? countModelUncertainty(id, columns, prediction.fit, { penalizer });
  if (!count.ok) return unavailable(count.messageKey, count.messageParams);
  const gg = prediction.gammagamma;
  let spendCov: number[][] | null = null;
  let spendMean: Float64Array | null = null;
  if (gg) {
    const u = options.uncertainty?.spend ?? gammaGammaUncertainty({ frequency: data.frequency, monetary: data.monetary }, gg, { penalizer, nonPositive: "exclude" });
    if (!u.ok) return unavailable(u.messageKey, u.messageParams);
    spendCov = u.logCovariance;
    spendMean = Float64Array.from(u.names, (k) => math.log(gg.params[k as keyof GammaGammaParams]));
  }
  const names = model.paramNames;
  const countMean = Float64Array.from(names, (k) => math.log(prediction.fit.params[k]));
  const h = distinctHistories(data.frequency, data.recency, data.T);
  const n = data.frequency.length;
  const horizon = H * L;
  // 1 / (1 + d)^k · margin, k = 1 … H.
  const factor = Float64Array.from({ length: H }, (_, k) => margin / math.pow(1 + discount, k + 1));
  const params = new Random(seed);
  const chance = new Random(seed + CHANCE_STREAM);
  const tr = new Float64Array(draws), rev = new Float64Array(draws), disc = new Float64Array(draws);
  const perT = new Float64Array(draws * H), perR = new Float64Array(draws * H), perD = new Float64Array(draws * H);
  const times: number[] = [];
  for (let d = 0; d < draws; d++) {
    let p: Record<string, number> | null = null;
    let alive: Float64Array | null = null;
    let gp = 0, q = 0, v = 0;
    for (let attempt = 0; attempt < MAX_REDRAWS && !p; attempt++) {
      const theta = drawNormal(params, countMean, count.logCovariance);
      if (spendMean && spendCov) {
        const th = drawNormal(params, spendMean, spendCov);
        gp = math.exp(th[0]); q = math.exp(th[1]); v = math.exp(th[2]);
        // q ≤ 1: the mean spend is infinite (Fader & Hardie 2013, eq. 5): not a usable draw.
        if (!(q > 1)) continue;
      }
      const drawn: Record<string, number> = {};
      names.forEach((k, i) => (drawn[k] = math.exp(theta[i])));
      const a = model.probabilityAliveMany(drawn, h.frequency, h.recency, h.T);
      if (!a.every((x) => x >= 0 && x <= 1)) continue;
      p = drawn;
      alive = a;
    }
    if (!p || !alive) return unavailable("uncertainty.notFinite", {});
    const row = d * H;
    for (let i = 0; i < n; i++) {
      times.length = 0;
      const x = data.frequency[i];
      if (simulateCustomer(chance, id, p, x, data.T[i], alive[h.index[i]], horizon, times) === 0) continue;
      // The customer's spend rate given its x purchases averaging m̄ (Gamma-Gamma's posterior), drawn once.
      const nu = gg ? chance.gamma(q + gp * x, v + x * math.max(data.monetary[i], 0)) : 0;
      // Its purchases by period (times ascending); c purchases' spends in a period sum to Gamma(c·p, ν).
      for (let j = 0; j < times.length;) {
        const k = math.min(H, math.max(1, math.ceil(times[j] / L))) - 1;
        let c = 0;
        while (j < times.length && math.min(H, math.max(1, math.ceil(times[j] / L))) - 1 === k) {
          c++;
          j++;
        }
        const spend = gg ? chance.gamma(c * gp, nu) : c * prediction.expectedValue[i];
        perT[row + k] += c;
        perR[row + k] += spend;
        perD[row + k] += spend * factor[k];
      }
    }
    for (let k = 0; k < H; k++) {
      tr[d] += perT[row + k];
      rev[d] += perR[row + k];
      disc[d] += perD[row + k];
    }
  }
  const mean = (all: Float64Array): number => all.reduce((a, b) => a + b, 0) / draws;
  const means = { transactions: mean(tr), revenue: mean(rev), discounted: mean(disc) };
  const lowP = (1 - level) / 2, highP = (1 + level) / 2;
  const band = (estimate: number, all: Float64Array): TotalInterval => ({ estimate, low: quantile(all, lowP), high: quantile(all, highP) });
  const perPeriod = (all: Float64Array): Band => {
    const low = new Float64Array(H), high = new Float64Array(H), column = new Float64Array(draws);
    for (let k = 0; k < H; k++) {
      for (let d = 0; d < draws; d++) column[d] = all[d * H + k];
      low[k] = quantile(column, lowP);
      high[k] = quantile(column, highP);
    }
    return { low, high };
  };
  return {
    ok: true,
    kind: "predictive",
    level,
    draws,
    seed,
    transactions: band(base.transactions, tr),
    revenue: band(base.revenue, rev),
    discounted: band(base.discounted, disc),
    means,
    periods: { transactions: perPeriod(perT), revenue: perPeriod(perR), discounted: perPeriod(perD) },
  };
}

/** The distinct (x, t_x, T) of the customers and each customer's index among them. O(n). */
function distinctHistories(frequency: ArrayLike<number>, recency: ArrayLike<number>, T: ArrayLike<number>): { frequency: Float64Array; recency: Float64Array; T: Float64Array; index: Uint32Array } {
  const n = frequency.length;
  const seen = new Map<string, number>();
  const index = new Uint32Array(n);
  const f: number[] = [], r: number[] = [], t: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${frequency[i]},${recency[i]},${T[i]}`;
    let j = seen.get(key);
    if (j === undefined) {
      j = f.length;
      seen.set(key, j);
      f.push(frequency[i]);
      r.push(recency[i]);
      t.push(T[i]);
    }
    index[i] = j;
  }
  return { frequency: Float64Array.from(f), recency: Float64Array.from(r), T: Float64Array.from(t), index };
}

function unavailable(reasonKey: ErrorKey, reasonParams: ErrorParams): IntervalsUnavailable {
  return { ok: false, reasonKey, reasonParams };
}
