/**
 * A forecast for the whole customer base and the value of a newly acquired customer
 * (docs/models/forecast.md), in the data's time unit, for any count model (./models.ts).
 *
 * Base: for periods k = 1 … H of length L after the end of observation, the repeat purchases
 * today's customers are expected to make in period k,
 *
 *   transactions_k = Σ_i (E[Y_i(kL)] − E[Y_i((k−1)L)]),   revenue_k = Σ_i (same) · spend_i,
 *   discounted_k  = revenue_k · margin / (1 + d)^k,
 *
 * E[Y_i(t)] being the model's conditional expectation for customer i's history (x, t_x, T): the
 * lifetime-value sum of docs/lifetime-value.md §3 for the whole base, period by period, with the
 * period of the caller's choosing. Computed by ./forecast-sum.ts without one hypergeometric
 * function per customer and period.
 *
 * New customer: the same schedule for one customer just acquired, from the unconditional E[X(t)];
 * like the lifetime value, it counts the repeat purchases only: the first purchase, made at
 * acquisition, is not in the schedule (docs/models/forecast.md §4). With an acquisition cost:
 * CLV:CAC = discounted total / cost, and the payback period, the first period whose cumulative
 * discounted margin reaches the cost.
 */
import { CvaError, ErrorCodes } from "../errors";
import { given } from "../i18n/errors";
import { checkArg, checkHistory } from "./data";
import { checkMarginShare, checkRate } from "./finance";
import { baseSums } from "./forecast-sum";
import type { CountModel, CountParams } from "./models";
import type { TimeUnit } from "../summary/units";
import { finiteResult } from "../warnings";
import { t, type Lang, type MessageKey } from "../i18n/messages";
const math = globalThis.Math;

/** The most periods of a forecast: 1,200 (100 years of months), as the CLV horizon (lifetime.ts). */
export const MAX_FORECAST_PERIODS = 1200;

/** Settings of a forecast. */
export interface ForecastOptions {
  /** H: number of periods, a whole number from 1 to {@link MAX_FORECAST_PERIODS}. */
  periods: number;
  /** L: length of a period in the data's time unit (4.348 for months of weekly data), above 0. */
  periodLength: number;
  /** d: discount rate per period, from 0 up to (not including) 1; default 0. */
  discount?: number;
  /** Share of spend that is margin, above 0 and at most 1; default 1 (discounted revenue). */
  margin?: number;
  /** The data's time unit, carried into the result for its labels; not used in the arithmetic. */
  unit?: TimeUnit;
}

/** One period of a forecast. */
export interface ForecastRow {
  /** k = 1 … H. */
  period: number;
  /** End of the period, k · L, in the data's unit after the end of observation (or acquisition). */
  end: number;
  /** Expected repeat transactions in the period. */
  transactions: number;
  /** transactions × spend. */
  revenue: number;
  /** revenue × margin / (1 + d)^k. */
  discounted: number;
}

/** The forecast of a customer base: one row per period and the totals. */
export interface BaseForecast {
  rows: ForecastRow[];
  transactions: number;
  revenue: number;
  discounted: number;
  customers: number;
  periodLength: number;
  unit?: TimeUnit;
}

/** The value of one newly acquired customer over the horizon. */
export interface NewCustomerValue {
  /** Per period, one new customer (repeat purchases only: the first purchase is not counted). */
  rows: ForecastRow[];
  transactions: number;
  revenue: number;
  discounted: number;
  acquisitionCost: number | null;
  /** discounted / acquisitionCost; null without a cost or with a cost of 0. */
  clvToCac: number | null;
  /** First period whose cumulative discounted margin ≥ cost; 0 for a cost of 0; null if never within the horizon. */
  paybackPeriod: number | null;
}

/** {@link ForecastOptions} checked, with their defaults. */
export interface ResolvedForecast {
  periods: number;
  periodLength: number;
  discount: number;
  margin: number;
}

/**
 * Checks {@link ForecastOptions}: periods a whole number from 1 to 1,200, a period length above
 * 0, a discount from 0 to below 1 per period, a margin share above 0 and at most 1 (a
 * percentage typed as 30 gets "did you mean 0.3?", as in the lifetime value).
 * @throws CvaError INVALID_TYPE / OUT_OF_RANGE naming the option.
 * @example resolveForecastOptions({ periods: 52, periodLength: 1 }) // { periods: 52, periodLength: 1, discount: 0, margin: 1 }
 */
export function resolveForecastOptions(options: ForecastOptions): ResolvedForecast {
  const periods = options.periods;
  checkArg("periods", periods, -Infinity);
  if (!Number.isInteger(periods) || periods < 1 || periods > MAX_FORECAST_PERIODS) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeBetween", { arg: "periods", min: 1, max: MAX_FORECAST_PERIODS, got: periods }, { argument: "periods" });
  }
  const periodLength = options.periodLength;
  checkArg("periodLength", periodLength, 0, false);
  const discount = options.discount ?? 0;
  checkArg("discount", discount, -Infinity);
  checkRate("discount", discount);
  const margin = options.margin ?? 1;
  checkArg("margin", margin, -Infinity);
  checkMarginShare("margin", margin);
  return { periods, periodLength, discount, margin };
}

/**
 * The expected repeat transactions, revenue and discounted margin of today's customers in each
 * of the next H periods (see the module comment). O(n) plus about 16 evaluations of the model's
 * expectation per group of equal frequency and period; a million customers and 52 periods take
 * well under a second.
 * @param spend expected spend per transaction: one per customer (e.g. Gamma-Gamma's E[M]) or one for all.
 * @throws CvaError for bad options, histories (as checkHistory) or spends (negative, not finite, wrong length).
 * @example forecastBase(countModel("bgnbd"), fit.params, summary, 35.08, { periods: 52, periodLength: 1 })
 */
export function forecastBase(
  model: CountModel,
  params: CountParams,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> },
  spend: ArrayLike<number> | number,
  options: ForecastOptions,
): BaseForecast {
  const o = resolveForecastOptions(options);
  const { frequency, recency, T } = data;
  const n = frequency.length;
  for (const [name, col] of [["recency", recency], ["T", T]] as const) {
    if (col.length !== n) throw lengthMismatch(name, col.length, n);
  }
  for (let i = 0; i < n; i++) {
    const x = frequency[i], tx = recency[i], t0 = T[i];
    if (!(Number.isFinite(x) && Number.isFinite(tx) && Number.isFinite(t0))) notFinite(i, x, tx, t0);
    checkHistory(x, tx, t0, i + 1);
  }
  let perCustomer: ArrayLike<number> | null = null;
  if (typeof spend === "number") {
    checkArg("spend", spend, 0);
  } else {
    if (spend.length !== n) throw lengthMismatch("spend", spend.length, n);
    for (let i = 0; i < n; i++) checkSpendAt(spend[i], i);
    perCustomer = spend;
  }
  const times = periodEnds(o);
  const sums = baseSums(model, params, frequency, recency, T, perCustomer, times);
  const revenueAt = sums.spend ?? sums.units.map((u) => u * (spend as number));
  const f = schedule(sums.units, revenueAt, o);
  return { ...f, customers: n, periodLength: o.periodLength, ...(options.unit === undefined ? {} : { unit: options.unit }) };
}

/**
 * The expected repeat purchases, revenue and discounted margin of one newly acquired customer
 * per period, from the model's unconditional E[X(t)] (the first purchase, at acquisition, is not
 * counted: docs/models/forecast.md §4), with CLV:CAC and the payback period for an acquisition
 * cost. O(H) evaluations of E[X(t)].
 * @throws CvaError for bad options, a spend or cost below 0 or not finite.
 * @example newCustomerValue(countModel("bgnbd"), fit.params, 35.08, { periods: 24, periodLength: 4.348, discount: 0.01, margin: 0.3, acquisitionCost: 5 })
 */
export function newCustomerValue(
  model: CountModel,
  params: CountParams,
  spend: number,
  options: ForecastOptions & { acquisitionCost?: number },
): NewCustomerValue {
  const o = resolveForecastOptions(options);
  checkArg("spend", spend, 0);
  const cost = options.acquisitionCost;
  if (cost !== undefined) checkArg("acquisitionCost", cost, 0);
  const times = periodEnds(o);
  const cumulative = times.map((t) => model.expectedPurchasesUnconditional(params, t));
  const f = schedule(cumulative, cumulative.map((u) => u * spend), o);
  let payback: number | null = null;
  if (cost !== undefined) {
    if (cost === 0) payback = 0;
    else {
      let acc = 0;
      for (const row of f.rows) {
        acc += row.discounted;
        if (acc >= cost) {
          payback = row.period;
          break;
        }
      }
    }
  }
  return {
    ...f,
    acquisitionCost: cost ?? null,
    clvToCac: cost === undefined || cost === 0 ? null : finiteResult(f.discounted / cost),
    paybackPeriod: payback,
  };
}

/**
 * The forecast in one sentence, in a language: customers, repeat purchases, revenue and
 * discounted margin over the horizon (for the report and the command line).
 * @example describeForecast(f, "en-US") // "2,357 customers are expected to make 1,785 repeat purchases in the next 52 periods of 1 weeks: …"
 */
export function describeForecast(f: BaseForecast, lang: Lang): string {
  return t(lang, "forecast.summary", {
    customers: fmtCount(f.customers, lang),
    transactions: fmt(f.transactions, lang),
    periods: f.rows.length,
    length: fmt(f.periodLength, lang),
    unit: unitText(f.unit, lang),
    revenue: fmt(f.revenue, lang),
    discounted: fmt(f.discounted, lang),
  });
}

/**
 * The value of a new customer in words, with CLV:CAC and the payback period when a cost was given.
 * @example describeNewCustomer(v, "en-US") // "a newly acquired customer is expected to make 0.5 repeat purchases …; with an acquisition cost of 30, CLV : CAC is 1.148 and …"
 */
export function describeNewCustomer(v: NewCustomerValue, options: Pick<ForecastOptions, "periodLength" | "unit">, lang: Lang): string {
  const periods = v.rows.length;
  const head = t(lang, "forecast.newSummary", {
    transactions: fmt(v.transactions, lang),
    periods,
    length: fmt(options.periodLength, lang),
    unit: unitText(options.unit, lang),
    revenue: fmt(v.revenue, lang),
    discounted: fmt(v.discounted, lang),
  });
  let tail: string;
  if (v.acquisitionCost === null) tail = t(lang, "forecast.noCost");
  else {
    const ratio = v.clvToCac === null ? "–" : fmt(v.clvToCac, lang);
    const cost = fmt(v.acquisitionCost, lang);
    tail = v.paybackPeriod === null ? t(lang, "forecast.cacNever", { cost, ratio, periods }) : t(lang, "forecast.cac", { cost, ratio, period: v.paybackPeriod });
  }
  return head + (lang === "zh-CN" ? "；" : "; ") + tail;
}

function unitText(unit: TimeUnit | undefined, lang: Lang): string {
  return t(lang, unit === undefined ? "forecast.units" : (`unit.${unit}` as MessageKey));
}

/** Four significant digits, with the language's grouping of thousands. */
function fmt(v: number, lang: Lang): string {
  return Number(v.toPrecision(4)).toLocaleString(lang, { maximumFractionDigits: 20 });
}

function fmtCount(v: number, lang: Lang): string {
  return v.toLocaleString(lang);
}

/** t_k = k · L for k = 1 … H. */
function periodEnds(o: ResolvedForecast): Float64Array {
  const times = new Float64Array(o.periods);
  for (let k = 0; k < o.periods; k++) times[k] = (k + 1) * o.periodLength;
  return times;
}

/** Rows and totals from cumulative expected transactions and revenue at t_1 … t_H. */
function schedule(units: ArrayLike<number>, revenue: ArrayLike<number>, o: ResolvedForecast): Pick<BaseForecast, "rows" | "transactions" | "revenue" | "discounted"> {
  const rows: ForecastRow[] = [];
  let prevU = 0, prevR = 0, discounted = 0;
  for (let k = 0; k < o.periods; k++) {
    const tr = finiteResult(units[k] - prevU);
    const rev = finiteResult(revenue[k] - prevR);
    const disc = (rev * o.margin) / math.pow(1 + o.discount, k + 1);
    rows.push({ period: k + 1, end: (k + 1) * o.periodLength, transactions: tr, revenue: rev, discounted: disc });
    discounted += disc;
    prevU = units[k];
    prevR = revenue[k];
  }
  return { rows, transactions: prevU, revenue: prevR, discounted };
}

function lengthMismatch(name: string, count: number, n: number): CvaError {
  return CvaError.keyed(ErrorCodes.InconsistentData, "data.lengthMismatch", { arg: name, count, otherArg: "frequency", otherCount: n }, { argument: name });
}

function notFinite(i: number, ...values: number[]): never {
  const names = ["frequency", "recency", "T"];
  const c = values.findIndex((value) => !Number.isFinite(value));
  const value = values[c];
  const where = { row: i + 1, column: names[c] };
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "population.notNumber", { arg: names[c], row: i + 1, got: given(value) }, where);
  }
  throw CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: names[c], row: i + 1, got: value }, where);
}

function checkSpendAt(value: number, i: number): void {
  if (value >= 0 && value - value === 0) return;
  const where = { row: i + 1, column: "spend" };
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "population.notNumber", { arg: "spend", row: i + 1, got: given(value) }, where);
  }
  if (!Number.isFinite(value)) throw CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: "spend", row: i + 1, got: value }, where);
  throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { arg: "spend", row: i + 1, got: value }, where);
}
