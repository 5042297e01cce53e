/**
 * A predictive interval for the total repeat purchases of today's customers in the next t
 * (docs/models/uncertainty.md §10): unlike the intervals of ./intervals.ts and
 * ./forecast-intervals.ts, which cover how precisely the parameters are known, it also covers each
 * customer's own chance — how many purchases a customer with a given history actually makes.
 *
 * For each of `draws` parameter sets θ (normal on the log-parameters around the fit, covariance
 * H⁻¹ from ./uncertainty.ts, as ./intervals.ts draws them) every customer's purchases in (T, T + t]
 * are simulated from the model's posterior given its history (x, t_x, T) under θ:
 *
 * - alive at T with probability P(alive | x, t_x, T, θ), else no purchase;
 * - if alive, the purchase rate λ ~ Gamma(r + x, α + T) (the gamma prior updated by x purchases in T);
 * - BG/NBD: dropout probability p ~ Beta(a, b + x) (survived x chances to drop out; MBG/NBD:
 *   b + x + 1, one more at the first purchase), purchases at rate λ, each followed by dropout with
 *   probability p (Fader, Hardie & Lee 2005, §2);
 * - Pareto/NBD: dropout rate μ ~ Gamma(s, β + T), lifetime after T exponential with rate μ,
 *   purchases at rate λ while alive (Schmittlein, Morrison & Colombo 1987).
 *
 * The alive customer's λ and p (or μ) are independent given the history, since its likelihood
 * λ^x e^{−λT} (1 − p)^x (or e^{−μT}) factorises. The interval runs between the (1 − ℓ)/2 and
 * (1 + ℓ)/2 quantiles of the draws' totals. O(draws × (customers + purchases simulated)).
 */
import { Random } from "../math/random";
import type { ErrorKey, ErrorParams } from "../i18n/errors";
import type { FitLike } from "./uncertainty";
import { countModelUncertainty } from "./uncertainty";
import { drawNormal, quantile, resolveIntervalOptions, type IntervalOptions, type IntervalsUnavailable } from "./intervals";
import { countModel, type CountModelId, type CountParams } from "./models";
const math = globalThis.Math;

/** The total repeat purchases expected in the next t, with its predictive interval. */
export interface PredictiveTotal {
  ok: true;
  level: number;
  draws: number;
  seed: number;
  /** Σ E[Y_i(t) | x, t_x, T] at the fitted parameters. */
  estimate: number;
  low: number;
  high: number;
  /** The mean of the simulated totals: the estimate averaged over the parameter draws, plus simulation noise. */
  mean: number;
}

/**
 * The predictive interval of the total repeat purchases in the next `t` (module comment).
 * @param fit the count model's fit on `data` (its params, and how it ended).
 * @returns the interval, or `ok: false` with the keyed reason when the fit's uncertainty cannot be computed.
 * @throws CvaError for invalid interval options.
 * @example predictivePurchases("bgnbd", fit, summary, 39, { level: 0.9 }) // { estimate, low, high }
 */
export function predictivePurchases(
  id: CountModelId,
  fit: FitLike<CountParams>,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> },
  t: number,
  options: IntervalOptions = {},
): PredictiveTotal | IntervalsUnavailable {
  const { level, draws, seed, penalizer } = resolveIntervalOptions(options);
  const model = countModel(id);
  const { frequency, recency, T } = data;
  const n = frequency.length;
  let estimate = 0;
  for (let i = 0; i < n; i++) estimate += model.expectedPurchases(fit.params, t, frequency[i], recency[i], T[i]);
  const u = countModelUncertainty(id, data, fit, { penalizer });
  if (!u.ok) return unavailable(u.messageKey, u.messageParams);
  const names = model.paramNames;
  const mean = Float64Array.from(names, (k) => math.log(fit.params[k]));
  const rng = new Random(seed);
  const totals = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    const theta = drawNormal(rng, mean, u.logCovariance);
    const p: Record<string, number> = {};
    names.forEach((k, i) => (p[k] = math.exp(theta[i])));
    const alive = model.probabilityAliveMany(p, frequency, recency, T);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!(rng.uniform() < alive[i])) continue;
      const x = frequency[i], Ti = T[i];
      const lambda = rng.gamma(p.r + x, p.alpha + Ti);
      if (id === "paretonbd") {
        const life = rng.exponential(rng.gamma(p.s, p.beta + Ti));
        const end = math.min(life, t);
        for (let s = rng.exponential(lambda); s <= end; s += rng.exponential(lambda)) total++;
      } else {
        const drop = rng.beta(p.a, p.b + x + (id === "mbgnbd" ? 1 : 0));
        for (let s = rng.exponential(lambda); s <= t; s += rng.exponential(lambda)) {
          total++;
          if (rng.uniform() < drop) break;
        }
      }
    }
    totals[d] = total;
  }
  let sum = 0;
  for (let d = 0; d < draws; d++) sum += totals[d];
  const low = quantile(totals, (1 - level) / 2);
  const high = quantile(totals, (1 + level) / 2);
  return { ok: true, level, draws, seed, estimate, low, high, mean: sum / draws };
}

function unavailable(reasonKey: ErrorKey, reasonParams: ErrorParams): IntervalsUnavailable {
  return { ok: false, reasonKey, reasonParams };
}
