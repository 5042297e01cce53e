/**
 * Scoring many customers with a fitted count model (./models.ts) and Gamma-Gamma: P(alive),
 * expected purchases over the CLV horizon and CLV (docs/lifetime-value.md §3), in one pass.
 *
 * Every model's conditional expectation is P(alive | x, t_x, T) × E[Y(t) | alive at T, x], and
 * the second factor depends on x and T only (BG/NBD: FHL 2005 eq. 10; MBG/NBD: Batislam et al.
 * 2007, Appendix A; Pareto/NBD: Fader & Hardie 2005 eq. 41). Customers are grouped by (x, T),
 * so a million customers cost H evaluations of that factor per distinct (x, T) and O(1) each.
 * For BG/NBD and MBG/NBD, P(alive) = 1/(1 + c(x)·((α+T)/(α+t_x))^{r+x}) as well, so its
 * constant is kept per group and P(alive) costs a log and an exp; Pareto/NBD's P(alive) (FH 2005
 * eq. 36–37, with 2F1s in A0) is interpolated per frequency (./paretonbd-alive.ts).
 */
import { CvaError, ErrorCodes } from "../errors";
import { now } from "../math/optimize";
import * as bgnbd from "./bgnbd";
import * as mbgnbd from "./mbgnbd";
import * as paretonbd from "./paretonbd";
import type * as gammagamma from "./gammagamma";
import type { FitOptions } from "./data";
import { resolveLifetimeOptions, type LifetimeOptions } from "./lifetime-value";
import { countModel, type CountModel, type CountModelId, type CountParams } from "./models";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** Per-customer scores of {@link scoreCountModel}. */
export interface BtydScores {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedValue: Float64Array;
  clv: Float64Array;
}

/** How a model's prediction splits for the grouped scoring. */
interface ScoringForm {
  /** E[Y(t) | alive at T, x]. */
  ifAlive(p: CountParams, t: number, x: number, T: number): number;
  /** ln c(x) of P(alive) = 1/(1 + c(x)·((α+T)/(α+t_x))^{r+x}) (−Infinity: P = 1); null: P(alive) per customer. */
  lnOdds: ((p: CountParams, x: number) => number) | null;
}

type Bg = bgnbd.BgNbdParams;
const FORMS: Readonly<Record<CountModelId, ScoringForm>> = {
  // FHL 2008: c(x) = a/(b+x−1) for x > 0; P(alive) = 1 at x = 0.
  bgnbd: { ifAlive: (p, t, x, T) => bgnbd.expectedPurchasesIfAlive(p as unknown as Bg, t, x, T), lnOdds: (p, x) => (x > 0 ? math.log(p.a) - math.log(p.b + x - 1) : -Infinity) },
  // Batislam et al. 2007, Appendix A: c(x) = a/(b+x) for every x.
  mbgnbd: { ifAlive: (p, t, x, T) => mbgnbd.expectedPurchasesIfAlive(p as unknown as Bg, t, x, T), lnOdds: (p, x) => math.log(p.a) - math.log(p.b + x) },
  paretonbd: { ifAlive: (p, t, x, T) => paretonbd.expectedPurchasesIfAlive(p as unknown as paretonbd.ParetoNbdParams, t, x, T), lnOdds: null },
};

/**
 * Scores customers with a fitted BG/NBD (and Gamma-Gamma): {@link scoreCountModel} with "bgnbd".
 * @example scoreBgNbd(bg.params, gg.params, { frequency, recency, T, monetary }, { unit: "weeks" })
 */
export function scoreBgNbd(
  p: bgnbd.BgNbdParams,
  gg: gammagamma.GammaGammaParams | null,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  options: LifetimeOptions & Pick<FitOptions, "onProgress">,
  expectedValueIn?: Float64Array,
): BtydScores {
  return scoreCountModel("bgnbd", p as unknown as CountParams, gg, data, options, expectedValueIn);
}

/**
 * Scores customers with a fitted count model (and Gamma-Gamma): P(alive), expected purchases
 * over the horizon, expected spend (FH 2013 eq. 5; with `gg` null, `expectedValue` must be given)
 * and CLV. Groups customers by (x, T) (module comment): O(n) plus H evaluations of the alive
 * customer's expectation per distinct (x, T), and for Pareto/NBD P(alive) by ./paretonbd-alive.ts.
 * @throws CvaError for invalid lifetime options, OUT_OF_RANGE for an unknown model.
 * @example scoreCountModel("mbgnbd", fit.params, gg.params, { frequency, recency, T, monetary }, { unit: "weeks" })
 */
export function scoreCountModel(
  modelOrId: CountModelId | CountModel,
  p: CountParams,
  gg: gammagamma.GammaGammaParams | null,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  options: LifetimeOptions & Pick<FitOptions, "onProgress">,
  expectedValueIn?: Float64Array,
): BtydScores {
  const life = resolveLifetimeOptions(options);
  const { frequency, recency, T, monetary } = data;
  const n = frequency.length;
  let expectedValue: Float64Array;
  if (gg) {
    const { p: gp, q, v } = gg;
    expectedValue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = frequency[i];
      expectedValue[i] = (gp * (v + x * math.max(monetary[i], 0))) / (gp * x + q - 1);
    }
  } else if (expectedValueIn) {
    expectedValue = expectedValueIn;
  } else {
    // A caller's mistake, said in plain words: neither the spend model nor the spends to use instead.
    throw CvaError.keyed(ErrorCodes.Missing, "model.noSpend", {}, { argument: "gg" });
  }
  // One pass: customers are grouped by (x, T) in an open-addressing hash; a new pair gets its
  // alive-customer expectation over the horizon and its discounted monthly increments at once,
  // so a million customers cost one hash probe, one log and one exp each.
  const horizon = life.horizon, perMonth = life.perMonth, margin = life.margin;
  const discountFactors = new Float64Array(horizon + 1);
  for (let i = 1; i <= horizon; i++) discountFactors[i] = math.pow(1 + life.discount, -i);
  const model = typeof modelOrId === "string" ? countModel(modelOrId) : modelOrId;
  const form = FORMS[model.id];
  const lnOdds = form.lnOdds, ifAlive = form.ifAlive;
  const pr = p.r, palpha = p.alpha;
  const bits = new Float64Array(2);
  const words = new Uint32Array(bits.buffer);
  let cap = 1024;
  while (cap < 4 * math.min(n, 4096)) cap *= 2;
  let table = new Int32Array(cap).fill(-1);
  let mask = cap - 1;
  // Per pair: x, T, expected purchases if alive over the horizon, its discounted sum, ln c(x), and
  // P(alive) at t_x = 0 (every one-time buyer of the pair: no logarithm or exponential per customer).
  let groups = new Float64Array(STRIDE * 1024);
  let m = 0;
  // Pareto/NBD: every P(alive) at once, interpolated per frequency (./paretonbd-alive.ts).
  const pAliveAll = lnOdds ? null : model.probabilityAliveMany(p, frequency, recency, T);
  const pAlive = new Float64Array(n), expectedPurchases = new Float64Array(n), clv = new Float64Array(n);
  // Progress for long runs (many distinct histories × a long horizon): checked every 64 new pairs.
  const onProgress = options.onProgress;
  const t0 = onProgress ? now() : 0;
  let lastReport = t0;
  for (let i = 0; i < n; i++) {
    const x = frequency[i] + 0, t = T[i] + 0; // + 0 turns −0 into 0
    bits[0] = x;
    bits[1] = t;
    let slot = pairHash(words) & mask;
    let g: number;
    for (;;) {
      g = table[slot];
      if (g < 0) {
        g = m++;
        if (STRIDE * m > groups.length) {
          const bigger = new Float64Array(groups.length * 2);
          bigger.set(groups);
          groups = bigger;
        }
        if (onProgress && (m & 63) === 0) {
          const tNow = now();
          if (tNow - lastReport >= 250) {
            lastReport = tNow;
            onProgress({ stage: "score", done: i, total: n, elapsedMs: tNow - t0 });
          }
        }
        let prev = 0, acc = 0;
        for (let k = 1; k <= horizon; k++) {
          const cur = ifAlive(p, k * perMonth, x, t);
          acc += (cur - prev) * discountFactors[k];
          prev = cur;
        }
        const o = STRIDE * g;
        groups[o] = x;
        groups[o + 1] = t;
        groups[o + 2] = prev;
        groups[o + 3] = acc;
        const c = lnOdds ? lnOdds(p, x) : 0;
        groups[o + 4] = c;
        groups[o + 5] = lnOdds ? aliveFromLogOdds(c + (pr + x) * math.log((palpha + t) / palpha)) : 0;
        table[slot] = g;
        if (2 * m > cap) {
          cap *= 2;
          mask = cap - 1;
          table = new Int32Array(cap).fill(-1);
          for (let j = 0; j < m; j++) {
            bits[0] = groups[STRIDE * j];
            bits[1] = groups[STRIDE * j + 1];
            let s = pairHash(words) & mask;
            while (table[s] >= 0) s = (s + 1) & mask;
            table[s] = j;
          }
        }
        break;
      }
      if (groups[STRIDE * g] === x && groups[STRIDE * g + 1] === t) break;
      slot = (slot + 1) & mask;
    }
    // P(alive) (the formula of the model's probabilityAlive), then the expectation and the CLV sum.
    const o = STRIDE * g;
    let pa: number;
    if (lnOdds) {
      const c = groups[o + 4], tx = recency[i];
      if (c === -Infinity) pa = 1;
      else if (tx === 0) pa = groups[o + 5];
      else pa = aliveFromLogOdds(c + (pr + x) * math.log((palpha + t) / (palpha + tx)));
    } else {
      pa = pAliveAll ? pAliveAll[i] : model.probabilityAlive(p, x, recency[i], t);
    }
    pAlive[i] = pa;
    expectedPurchases[i] = pa * groups[o + 2];
    clv[i] = pa * groups[o + 3] * expectedValue[i] * margin;
  }
  return { pAlive, expectedPurchases, expectedValue, clv };
}

/** Numbers kept per (x, T) pair in the scoring's table. */
const STRIDE = 6;

/** 1/(1 + e^L) without overflow, one exponential. */
function aliveFromLogOdds(L: number): number {
  if (L === -Infinity) return 1;
  const e = math.exp(-math.abs(L));
  return L > 0 ? e / (1 + e) : 1 / (1 + e);
}

/** Hash of two doubles given as their four 32-bit words (x then T). */
function pairHash(w: Uint32Array): number {
  const h = math.imul(w[0] ^ math.imul(w[1], 0x9e3779b1), 0x85ebca6b) ^ math.imul(w[2] ^ math.imul(w[3], 0xc2b2ae35), 0x27d4eb2f);
  return h ^ (h >>> 16);
}
