/**
 * Probabilistic customer lifetime value (docs/lifetime-value.md §3), in the scheme of
 * `lifetimes.customer_lifetime_value`: over a horizon of H months, discounted monthly,
 *
 *   CLV = Σ_{i=1..H} (E[Y(t_i)] − E[Y(t_{i−1})]) · E[M] · margin / (1 + d)^i,   t_i = i months,
 *
 * with E[Y(t)] a model's conditional expected purchases in the next t (BG/NBD: FHL 2005 eq. 10),
 * E[M] the Gamma-Gamma expected spend (FH 2013 eq. 5) and `margin` the share of spend that is
 * margin. The summary's time unit is an explicit argument, so weekly data cannot silently be read
 * as daily: a month is 365.25/12 days (30.4375 days, 4.348 weeks), the month of the summary module;
 * lifetimes uses 30 days and 4.345 weeks (pass `periodsPerMonth` to reproduce it exactly).
 *
 * {@link createBtydPredictor} fits BG/NBD (and Gamma-Gamma on the repeat buyers with positive
 * spend) to a set of per-customer summaries and scores every customer: P(alive), expected
 * purchases over the horizon and CLV. Scoring groups customers by (x, T), because the
 * hypergeometric part of E[Y(t)] does not depend on t_x: a million customers cost a few
 * thousand 2F1 evaluations per month of horizon and O(1) per customer.
 */
import { CvaError, ErrorCodes, isCvaError } from "../errors";
import * as bgnbd from "./bgnbd";
import * as gammagamma from "./gammagamma";
import { DAYS_PER_UNIT as UNIT_DAYS, type TimeUnit } from "../summary/units";
import { checkArg, LOG_PARAM_BOUND, type FitOptions, type FitResult, type RfmRow } from "./data";
import { errorText, type ErrorKey, type ErrorParams } from "../i18n/errors";
import { now } from "../math/optimize";
import { checkMarginShare, checkRate } from "./finance";
import { finiteResult } from "../warnings";
import { t, type Lang, type MessageKey } from "../i18n/messages";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** Days in a month (365.25/12), as the summary module defines the units. */
const DAYS_PER_MONTH = UNIT_DAYS.months;

/**
 * The longest CLV horizon, in months: 1,200 (100 years), for every surface (CLI, task pane,
 * functions; docs/lifetime-value.md §12). Longer than any customer relationship, and at the
 * default discount of 1 % a month a month 100 years out weighs 1.01^−1200 ≈ 7e-6; the work grows
 * with every month (one ₂F₁ per month and distinct history), and 1,000,000 months ran for minutes.
 */
export const MAX_HORIZON_MONTHS = 1200;

/** Settings of a lifetime-value computation. */
export interface LifetimeOptions {
  /** Time unit of recency and T (and of the model's α): required, no default. */
  unit: TimeUnit;
  /** Horizon in months, a whole number from 1 to {@link MAX_HORIZON_MONTHS}; default 12. */
  horizonMonths?: number;
  /** Monthly discount rate, from 0 up to (not including) 1; default 0.01. */
  discount?: number;
  /** Share of spend that is margin, above 0 and at most 1, e.g. 0.3; default 1 (CLV in revenue). */
  margin?: number;
  /** Override of the unit's periods per month (lifetimes: 30 for days, 4.345 for weeks). */
  periodsPerMonth?: number;
}

/** {@link LifetimeOptions} checked, with their defaults. */
export interface ResolvedLifetime {
  horizon: number;
  discount: number;
  margin: number;
  perMonth: number;
}

/**
 * Validates {@link LifetimeOptions}: the discount from 0 to below 1 a month and the margin share
 * above 0 and at most 1 (docs/lifetime-value.md §3; a percentage typed as 30 gets "did you mean 0.3?").
 * @throws CvaError OUT_OF_RANGE naming the argument.
 */
export function resolveLifetimeOptions(options: LifetimeOptions): ResolvedLifetime {
  const unit = options.unit;
  if (unit !== "days" && unit !== "weeks" && unit !== "months") {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "unit", choices: "days, weeks, months", got: JSON.stringify(unit) }, { argument: "unit" });
  }
  const horizon = options.horizonMonths ?? 12;
  checkArg("horizonMonths", horizon, 1);
  if (!Number.isInteger(horizon)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notWhole", { arg: "horizonMonths", hint: "", got: horizon }, { argument: "horizonMonths" });
  }
  if (horizon > MAX_HORIZON_MONTHS) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "horizon.tooLong", { max: MAX_HORIZON_MONTHS, years: MAX_HORIZON_MONTHS / 12, got: horizon }, { argument: "horizonMonths" });
  }
  const discount = options.discount ?? 0.01;
  checkArg("monthly_discount", discount, -Infinity);
  checkRate("monthly_discount", discount);
  const margin = options.margin ?? 1;
  checkArg("margin_share", margin, -Infinity);
  checkMarginShare("margin_share", margin);
  const perMonth = options.periodsPerMonth ?? DAYS_PER_MONTH / UNIT_DAYS[unit];
  checkArg("periodsPerMonth", perMonth, 0, false);
  return { horizon, discount, margin, perMonth };
}

/**
 * CLV of one customer from any model's conditional expectation `expected(t)` (expected
 * purchases in the next t, in the summary's unit) and expected spend per purchase. O(H) calls.
 * @example
 *   const e = (t: number) => bgnbd.expectedPurchases(params, t, 2, 30.43, 38.86);
 *   lifetimeValue(e, 24.65, { unit: "weeks", horizonMonths: 12, discount: 0.01 });
 */
export function lifetimeValue(expected: (t: number) => number, expectedSpend: number, options: LifetimeOptions): number {
  const { horizon, discount, margin, perMonth } = resolveLifetimeOptions(options);
  let clv = 0;
  let prev = 0;
  for (let i = 1; i <= horizon; i++) {
    const cur = expected(i * perMonth);
    clv += ((cur - prev) * expectedSpend * margin) / math.pow(1 + discount, i);
    prev = cur;
  }
  return clv;
}

/** Options of {@link predictBtyd}: lifetime settings plus fit options. */
export interface BtydPredictorOptions extends LifetimeOptions, FitOptions {
  /** Fewest customers for a fit; default 10. Fewer → fallback with a note. */
  minCustomers?: number;
}

/** A successful BTYD scoring. */
export interface BtydPrediction {
  fitted: true;
  /** P(alive) now (BG/NBD). */
  pAlive: Float64Array;
  /** Expected repeat purchases over the horizon (conditional, BG/NBD eq. 10). */
  expectedPurchases: Float64Array;
  /** Expected spend per purchase (Gamma-Gamma eq. 5, or the fallback noted). */
  expectedValue: Float64Array;
  /** Discounted margin over the horizon. */
  clv: Float64Array;
  bgnbd: ReturnType<typeof bgnbd.fit>;
  gammagamma: ReturnType<typeof gammagamma.fit> | null;
  /** What was fitted, and any fallback or convergence warning ({@link describeBtyd} in en-US). */
  note: string;
  /** Why Gamma-Gamma was not used for spend, when it was not (English; `spendNoteKey` in any language). */
  spendNote?: string;
  /** `spendNote` as a key of i18n/errors.ts with its parameters. */
  spendNoteKey?: ErrorKey;
  spendNoteParams?: ErrorParams;
  /** The lifetime settings used, defaults filled in, and the time unit. */
  settings: ResolvedLifetime & { unit: TimeUnit };
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
}

/** The summaries {@link predictBtyd} reads, by column (analyze's, docs/output.md §9). */
export interface BtydSummaryColumns {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

/**
 * Fits BG/NBD (+ Gamma-Gamma) on the summaries and scores every customer. O(n) plus the fits.
 * Never throws for data on which a fit is impossible (nobody repeats, too few or identical
 * customers): returns `{ fitted: false, note }` instead, so the caller can fall back to margin
 * or revenue. Spend: Gamma-Gamma on repeat buyers with positive spend; customers without repeat
 * purchases get the population mean pv/(q−1); a repeat buyer with spend ≤ 0 gets the formula with
 * z̄ = 0. When Gamma-Gamma cannot be fitted (or q ≤ 1), each customer's observed mean repeat
 * spend is used (the mean over repeat buyers for those without), and the note says so.
 * @throws CvaError for invalid options or rows (recency > T, negative values), naming them.
 * @example predictBtyd(summaries, { unit: "weeks", horizonMonths: 12, discount: 0.01 })
 */
export function predictBtyd(summaries: readonly RfmRow[] | BtydSummaryColumns, options: BtydPredictorOptions): BtydPrediction | BtydFallback {
  const life = resolveLifetimeOptions(options);
  const rows = Array.isArray(summaries) ? (summaries as readonly RfmRow[]) : null;
  const columns = summaries as BtydSummaryColumns;
  const n = rows ? rows.length : columns.frequency.length;
  const minCustomers = options.minCustomers ?? 10;
  const fallback = (reason: BtydFallbackReason, error?: CvaError): BtydFallback => {
    const r: BtydFallback = { fitted: false, reason, customers: n, minCustomers, note: "" };
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
  let bg: ReturnType<typeof bgnbd.fit>;
  try {
    bg = bgnbd.fit({ frequency, recency, T }, options);
  } catch (e) {
    if (!isCvaError(e) || e.code !== ErrorCodes.DegenerateData) throw e;
    let repeaters = 0, same = true;
    for (let i = 0; i < n; i++) {
      if (frequency[i] > 0) repeaters++;
      if (frequency[i] !== frequency[0] || recency[i] !== recency[0] || T[i] !== T[0]) same = false;
    }
    return fallback(repeaters === 0 ? "nobodyRepeats" : same ? "sameHistory" : "degenerate", e);
  }

  // Expected spend per customer: Gamma-Gamma (in scoreBgNbd), else the observed means.
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

  const scores = scoreBgNbd(bg.params, gg?.params ?? null, { frequency, recency, T, monetary }, options, expectedValue);
  // The last guard (docs/inputs.md §9): no NaN or Infinity leaves the model.
  for (const col of [scores.pAlive, scores.expectedPurchases, scores.expectedValue, scores.clv]) for (let i = 0; i < n; i++) finiteResult(col[i]);
  const prediction: BtydPrediction = {
    fitted: true,
    ...scores,
    bgnbd: bg,
    gammagamma: gg,
    note: "",
    ...(spendNote === undefined ? {} : { spendNote: spendNote.message, spendNoteKey: spendNote.key, spendNoteParams: spendNote.params }),
    settings: { ...life, unit: options.unit },
  };
  prediction.note = describeBtyd(prediction, "en-US");
  return prediction;
}

/**
 * The fitted model in a language: BG/NBD parameters, the spend model, the CLV settings, and any
 * convergence or identifiability warning. For the report and the command line.
 */
export function describeBtyd(r: BtydPrediction, lang: Lang): string {
  const bg = r.bgnbd;
  const parts = [t(lang, "model.fitted", { n: bg.customers, r: fmt(bg.params.r), alpha: fmt(bg.params.alpha), a: fmt(bg.params.a), b: fmt(bg.params.b) })];
  const warn = (model: string, fit: Pick<FitResult<unknown>, "converged" | "message" | "messageKey" | "messageParams">) => {
    const detail = fit.messageKey ? errorText(lang, fit.messageKey, fit.messageParams) : (fit.message ?? "");
    if (!fit.converged) parts.push(t(lang, "model.notConverged", { model, detail }));
    else if (fit.message) parts.push(t(lang, "model.weak", { model, detail }));
  };
  warn("BG/NBD", bg);
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
  parts.push(t(lang, "model.horizon", { months: s.horizon, discount: fmt(s.discount * 100), margin: fmt(s.margin), unit: t(lang, `unit.${s.unit}` as MessageKey) }));
  return parts.join(lang === "zh-CN" ? "；" : "; ");
}

/** Why no model was fitted, in a language (the clause of the `model.fallback` sentence). */
export function describeFallback(r: BtydFallback, lang: Lang): string {
  if (r.reason === "tooFewCustomers") return t(lang, "model.fallback.tooFewCustomers", { n: r.customers, min: r.minCustomers });
  if (r.reason === "degenerate") return t(lang, "model.fallback.degenerate", { detail: r.detailKey ? errorText(lang, r.detailKey, r.detailParams) : (r.detail ?? "") });
  return t(lang, `model.fallback.${r.reason}`);
}

/** Per-customer scores of {@link scoreBgNbd}. */
export interface BtydScores {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedValue: Float64Array;
  clv: Float64Array;
}

/**
 * Scores customers with fitted BG/NBD (and Gamma-Gamma) parameters: P(alive) (FHL 2008),
 * expected purchases over the horizon (FHL 2005 eq. 10), expected spend (FH 2013 eq. 5; with
 * `gg` null, `expectedValue` must be given) and CLV. Groups customers by (x, T), since the
 * hypergeometric part of eq. 10 does not depend on t_x: O(n) plus H 2F1 evaluations per
 * distinct (x, T).
 * @throws CvaError for invalid lifetime options.
 * @example scoreBgNbd(bg.params, gg.params, { frequency, recency, T, monetary }, { unit: "weeks" })
 */
export function scoreBgNbd(
  p: bgnbd.BgNbdParams,
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
  const lnA = math.log(p.a), pr = p.r, palpha = p.alpha, pb = p.b;
  const bits = new Float64Array(2);
  const words = new Uint32Array(bits.buffer);
  let cap = 1024;
  while (cap < 4 * math.min(n, 4096)) cap *= 2;
  let table = new Int32Array(cap).fill(-1);
  let mask = cap - 1;
  // Per pair: x, T, expected purchases if alive over the horizon, its discounted sum, ln odds.
  let groups = new Float64Array(5 * 1024);
  let m = 0;
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
        if (5 * m > groups.length) {
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
          const cur = bgnbd.expectedPurchasesIfAlive(p, k * perMonth, x, t);
          acc += (cur - prev) * discountFactors[k];
          prev = cur;
        }
        const o = 5 * g;
        groups[o] = x;
        groups[o + 1] = t;
        groups[o + 2] = prev;
        groups[o + 3] = acc;
        groups[o + 4] = lnA - math.log(pb + x - 1); // ln a − ln(b+x−1) of P(alive)
        table[slot] = g;
        if (2 * m > cap) {
          cap *= 2;
          mask = cap - 1;
          table = new Int32Array(cap).fill(-1);
          for (let j = 0; j < m; j++) {
            bits[0] = groups[5 * j];
            bits[1] = groups[5 * j + 1];
            let s = pairHash(words) & mask;
            while (table[s] >= 0) s = (s + 1) & mask;
            table[s] = j;
          }
        }
        break;
      }
      if (groups[5 * g] === x && groups[5 * g + 1] === t) break;
      slot = (slot + 1) & mask;
    }
    // P(alive) (FHL 2008; the formula of bgnbd.probabilityAlive), then eq. 10 and the CLV sum.
    const o = 5 * g;
    let pa = 1;
    if (x > 0) {
      const L = groups[o + 4] + (pr + x) * math.log((palpha + t) / (palpha + recency[i]));
      pa = L > 0 ? math.exp(-L) / (1 + math.exp(-L)) : 1 / (1 + math.exp(L));
    }
    pAlive[i] = pa;
    expectedPurchases[i] = pa * groups[o + 2];
    clv[i] = pa * groups[o + 3] * expectedValue[i] * margin;
  }
  return { pAlive, expectedPurchases, expectedValue, clv };
}

/**
 * The BG/NBD + Gamma-Gamma predictor for `analyze` (its `options.predictor`): a function from
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

/**
 * Checks model parameters given by the user (a table a =CVA.FIT function returned, perhaps
 * edited): each between 1e-8 and 1e8, the box every CVA fit searches (LOG_PARAM_BOUND). Outside
 * it the formulas overflow or cancel to NaN (r = 1e300 gave EXPECTED = NaN), and no fit of
 * CVA's can have returned it.
 * @throws CvaError OUT_OF_RANGE naming the argument and the parameter.
 * @example checkFittedParams({ r: 1e300, alpha: 4, a: 0.8, b: 2.4 }, "params") // throws "params: r = 1e+300 is outside …"
 */
export function checkFittedParams(params: Readonly<Record<string, number>>, argument: string): void {
  const lo = math.exp(-LOG_PARAM_BOUND) * (1 - 1e-9);
  const hi = math.exp(LOG_PARAM_BOUND) * (1 + 1e-9);
  for (const [name, v] of Object.entries(params)) {
    if (!(v >= lo && v <= hi)) throw CvaError.keyed(ErrorCodes.OutOfRange, "params.outsideFit", { arg: argument, name, got: String(v) }, { argument });
  }
}

/** Hash of two doubles given as their four 32-bit words (x then T). */
function pairHash(w: Uint32Array): number {
  const h = math.imul(w[0] ^ math.imul(w[1], 0x9e3779b1), 0x85ebca6b) ^ math.imul(w[2] ^ math.imul(w[3], 0xc2b2ae35), 0x27d4eb2f);
  return h ^ (h >>> 16);
}

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
