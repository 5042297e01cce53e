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
 * - if alive, the purchase rate λ ~ Gamma(r + x, α + T) (the gamma prior updated by x purchases in T)
 *   — drawn in two steps, the first purchase's time with λ integrated out, then λ given it
 *   ({@link simulateCustomer}), so a customer who buys nothing costs no gamma draw;
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
    for (let i = 0; i < n; i++) total += simulateCustomer(rng, id, p, frequency[i], T[i], alive[i], t, null);
    totals[d] = total;
  }
  let sum = 0;
  for (let d = 0; d < draws; d++) sum += totals[d];
  const low = quantile(totals, (1 - level) / 2);
  const high = quantile(totals, (1 + level) / 2);
  return { ok: true, level, draws, seed, estimate, low, high, mean: sum / draws };
}

/**
 * One customer's repeat purchases in (T, T + t] under the parameters `p`, simulated from the
 * model's posterior given its history (module comment): alive with probability `alive`
 * (P(alive | x, t_x, T, p)); then the first purchase after T with λ integrated out — a Lomax
 * time, P(S₁ > s) = ((α + T)/(α + T + s))^{r + x}, by inversion — and for Pareto/NBD the
 * lifetime left likewise, P(τ > s) = ((β + T)/(β + T + s))^s. Only a customer whose first
 * purchase falls in the period (before its death) draws its rate, λ ~ Gamma(r + x + 1, α + T + S₁)
 * (the gamma updated by the wait S₁ too), and BG/NBD's dropout p; the rest of the purchases
 * follow at rate λ (BG/NBD: each followed by dropout with probability p). Exact, and most
 * customers (no purchase) cost two uniforms. Each purchase's time after T is appended to `times`
 * when given. O(1 + purchases).
 * @returns how many purchases.
 */
export function simulateCustomer(rng: Random, id: CountModelId, p: Readonly<Record<string, number>>, x: number, Ti: number, alive: number, t: number, times: number[] | null): number {
  if (!(rng.uniform() < alive)) return 0;
  const rx = p.r + x, aT = p.alpha + Ti;
  let s = aT * (math.pow(rng.uniform(), -1 / rx) - 1);
  let end = t;
  if (id === "paretonbd") {
    const bT = p.beta + Ti;
    end = math.min(t, bT * (math.pow(rng.uniform(), -1 / p.s) - 1));
  }
  if (!(s <= end)) return 0;
  const lambda = rng.gamma(rx + 1, aT + s);
  const drop = id === "paretonbd" ? 0 : rng.beta(p.a, p.b + x + (id === "mbgnbd" ? 1 : 0));
  let count = 0;
  for (; s <= end; s += rng.exponential(lambda)) {
    count++;
    if (times) times.push(s);
    if (drop > 0 && rng.uniform() < drop) break;
  }
  return count;
}

function unavailable(reasonKey: ErrorKey, reasonParams: ErrorParams): IntervalsUnavailable {
  return { ok: false, reasonKey, reasonParams };
}
