/**
 * Fit checks of a count model (BG/NBD, MBG/NBD, Pareto/NBD): does the fitted model describe the
 * data it was fitted to, and does it predict what the customers did next? The four standard
 * pictures (docs/models/fit-checks.md):
 *
 * - {@link frequencyHistogram}: customers with 0, 1, …, 6, 7+ repeat purchases in calibration,
 *   actual against Σ_i P(X(T_i) = n) (FHL 2005 §4, Figure 1; lifetimes' plot_period_transactions,
 *   which simulates instead);
 * - {@link holdoutBuckets}: mean holdout purchases per calibration-frequency bucket, actual against
 *   the mean conditional expectation E[Y(t*) | x, t_x, T] (FHL 2005 Figure 3);
 * - {@link trackingSeries}: repeat transactions of the whole cohort per period, actual against
 *   Σ_i E[X(t − s_i)], incremental and cumulative, across calibration and holdout (FHL 2005
 *   Figures 1–2; lifetimes.utils.expected_cumulative_transactions);
 * - {@link aliveMatrix}: P(alive) and expected purchases on a frequency × recency grid (lifetimes'
 *   plot_probability_alive_matrix / plot_frequency_recency_matrix).
 *
 * Cost: O(n) to group customers, then model evaluations per distinct T (histogram), per distinct
 * history (buckets), per distinct lag between a period end and a first-purchase time (tracking).
 */
import { CvaError, ErrorCodes } from "../errors";
import { checkArg, checkHoldoutCount, groupRfm, toRfmData, type RfmData } from "./data";
import type { HoldoutInput } from "./holdout";
import type { CountModel, CountModelId, CountParams } from "./models";
import type { TimeUnit } from "../summary/units";

// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** Default number of frequency buckets: 0…6 and 7+ (FHL 2005 Figures 1 and 3). */
export const DEFAULT_MAX_BUCKET = 7;
/** Most periods a tracking series may have (a smaller step is refused). */
export const MAX_TRACKING_PERIODS = 10000;

/** One bar pair of the frequency histogram: customers with that many calibration repeat purchases. */
export interface HistogramRow {
  /** "0", "1", …, "6", "7+". */
  frequency: string;
  actual: number;
  expected: number;
}

/** One calibration-frequency bucket of the holdout check (means per customer). */
export interface BucketRow {
  /** "0", "1", …, "6", "7+". */
  frequency: string;
  customers: number;
  /** Mean actual repeat purchases in the holdout. */
  actual: number;
  /** Mean conditional expectation E[Y(holdout) | x, t_x, T]. */
  predicted: number;
}

/** One period of the tracking series. */
export interface TrackingRow {
  /** 1, 2, … */
  period: number;
  /** End of the period from the origin (earliest first purchase), in the unit: period × step. */
  time: number;
  /** True when the period starts after the calibration end (holds holdout time only). */
  inHoldout: boolean;
  /** Repeat transactions in the period, actual and expected. */
  actual: number;
  expected: number;
  /** The same, cumulative from the origin to the period's end. */
  actualCumulative: number;
  expectedCumulative: number;
}

/**
 * P(alive) and expected purchases of a customer observed for T, on a grid: rows are recencies
 * (`pAlive[i][j]` for recency `recencies[i]` and frequency `frequencies[j]`, as lifetimes' matrices).
 */
export interface AliveMatrix {
  T: number;
  frequencies: number[];
  recencies: number[];
  pAlive: number[][];
  /** E[Y(horizon) | x, t_x, T]. */
  expected: number[][];
  horizon: number;
}

/** All checks of one fitted model; `buckets` and `tracking` need a holdout (and its tracking block). */
export interface FitChecks {
  model: CountModelId;
  histogram: HistogramRow[];
  buckets: BucketRow[] | null;
  tracking: TrackingRow[] | null;
  matrix: AliveMatrix;
  unit: TimeUnit;
}

function bucketLabel(b: number, maxBucket: number): string {
  return b === maxBucket ? `${maxBucket}+` : String(b);
}

function checkMaxBucket(maxBucket: number): void {
  if (!(Number.isInteger(maxBucket) && maxBucket >= 1 && maxBucket <= 100)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeBetween", { arg: "maxBucket", min: 1, max: 100, got: maxBucket }, { argument: "maxBucket" });
  }
}

/**
 * Customers by calibration repeat purchases 0, 1, …, maxBucket−1 and maxBucket+, actual and
 * expected. Expected for n < maxBucket is Σ_i P(X(T_i) = n), each customer's chance of n repeat
 * purchases over its own observation time T_i (FHL 2005 eq. 8 for BG/NBD; the model's
 * `probabilityOfPurchases`); the last bucket is the rest, N − Σ (as FHL 2005 Figure 1). Customers
 * with the same T are computed once. O(n + G·maxBucket) for G distinct T.
 * @throws CvaError as `toRfmData` for a bad frequency or T (row named); OUT_OF_RANGE for maxBucket.
 * @example frequencyHistogram(countModel("bgnbd"), fit.params, frequency, T)[0] // { frequency: "0", actual: 1411, expected: 1406.6… }
 */
export function frequencyHistogram(model: CountModel, params: CountParams, frequency: ArrayLike<number>, T: ArrayLike<number>, maxBucket = DEFAULT_MAX_BUCKET): HistogramRow[] {
  checkMaxBucket(maxBucket);
  // Recency 0 is valid for every (x, T) that is valid itself, so toRfmData checks x and T alone.
  const data = toRfmData({ frequency, recency: new Float64Array(frequency.length), T });
  return histogramOf(model, params, data, maxBucket);
}

function histogramOf(model: CountModel, params: CountParams, data: RfmData, maxBucket: number): HistogramRow[] {
  const n = data.length;
  const actual = new Float64Array(maxBucket + 1);
  const customersAt = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    actual[math.min(maxBucket, data.frequency[i])]++;
    const t = data.T[i];
    customersAt.set(t, (customersAt.get(t) ?? 0) + 1);
  }
  const expected = new Float64Array(maxBucket + 1);
  for (const [t, m] of customersAt) {
    for (let k = 0; k < maxBucket; k++) expected[k] += m * model.probabilityOfPurchases(params, t, k);
  }
  let rest = n;
  for (let k = 0; k < maxBucket; k++) rest -= expected[k];
  // Rounding can leave −1e-12 where the tail is empty.
  expected[maxBucket] = math.max(0, rest);
  const rows: HistogramRow[] = [];
  for (let k = 0; k <= maxBucket; k++) rows.push({ frequency: bucketLabel(k, maxBucket), actual: actual[k], expected: expected[k] });
  return rows;
}

/** Buckets with the totals over all customers (for validateBtyd). */
export interface BucketSums {
  rows: BucketRow[];
  totalActual: number;
  totalPredicted: number;
}

/**
 * Mean holdout repeat purchases per calibration-frequency bucket 0, …, maxBucket−1, maxBucket+,
 * actual and predicted, where a customer's prediction is the model's conditional expectation over
 * the holdout, E[Y(holdoutLength) | x, t_x, T] (FHL 2005 eq. 10 and Figure 3; lifetimes'
 * plot_calibration_purchases_vs_holdout_purchases). A bucket without customers has means 0.
 * Identical histories are computed once. O(n + G) for G distinct histories.
 * @throws CvaError as `toRfmData`; INCONSISTENT_DATA when holdoutPurchases has another length;
 *   OUT_OF_RANGE for a negative holdout count or length.
 * @example holdoutBuckets(countModel("bgnbd"), fit.params, input)[1] // { frequency: "1", customers: 439, actual: 0.70, predicted: 0.52 }
 */
export function holdoutBuckets(model: CountModel, params: CountParams, input: HoldoutInput, maxBucket = DEFAULT_MAX_BUCKET): BucketRow[] {
  return bucketSums(model, params, input, maxBucket).rows;
}

/** {@link holdoutBuckets} with the totals Σ actual and Σ predicted. */
export function bucketSums(model: CountModel, params: CountParams, input: HoldoutInput, maxBucket = DEFAULT_MAX_BUCKET): BucketSums {
  checkMaxBucket(maxBucket);
  checkArg("holdoutLength", input.holdoutLength, 0);
  const data = toRfmData({ frequency: input.frequency, recency: input.recency, T: input.T });
  const n = data.length;
  checkHoldoutCount(input.holdoutPurchases, n);
  const groups = groupRfm(data);
  const perGroup = new Float64Array(groups.size);
  for (let g = 0; g < groups.size; g++) perGroup[g] = model.expectedPurchases(params, input.holdoutLength, groups.x[g], groups.tx[g], groups.T[g]);
  const count = new Float64Array(maxBucket + 1), actual = new Float64Array(maxBucket + 1), predicted = new Float64Array(maxBucket + 1);
  let totalActual = 0, totalPredicted = 0;
  for (let i = 0; i < n; i++) {
    const h = input.holdoutPurchases[i];
    if (!(h >= 0 && h < Infinity)) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: i + 1, arg: "holdoutPurchases", got: h }, { row: i + 1, column: "holdoutPurchases" });
    }
    const e = perGroup[groups.groupOf[i]];
    const b = math.min(maxBucket, data.frequency[i]);
    count[b]++;
    actual[b] += h;
    predicted[b] += e;
    totalActual += h;
    totalPredicted += e;
  }
  const rows: BucketRow[] = [];
  for (let b = 0; b <= maxBucket; b++) {
    rows.push({
      frequency: bucketLabel(b, maxBucket),
      customers: count[b],
      actual: count[b] > 0 ? actual[b] / count[b] : 0,
      predicted: count[b] > 0 ? predicted[b] / count[b] : 0,
    });
  }
  return { rows, totalActual, totalPredicted };
}

function checkTimes(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v < Infinity)) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: i + 1, arg: name, got: v }, { row: i + 1, column: name });
    }
  }
}

/**
 * Repeat transactions of the whole cohort per period of `step` units, actual and expected, from
 * the origin (the earliest first purchase) to the end of the holdout. Period k covers
 * [(k−1)·step, k·step); the last one also takes a purchase exactly at its end, so nothing observed
 * is dropped. Expected cumulative at the end t_k = k·step is Σ_i E[X(t_k − s_i)] over the
 * customers whose first purchase s_i < t_k (FHL 2005 eq. 9 summed over the cohort, Figure 2),
 * the incremental series its differences. This is lifetimes' expected_cumulative_transactions:
 * with purchase days counted as points at the start of their day, its period j ends at day 7j
 * (freq "D", freq_multiplier 7), counts repeat purchase days < 7j and sums E[X] over first
 * purchases < 7j. A period is in the holdout when it starts after the calibration end.
 * Periods: ⌈(calibrationLength + holdoutLength)/step⌉, at least 1. E[X] is computed once per
 * distinct lag t_k − s. O(n + P·G) for P periods and G distinct first-purchase times.
 * @throws CvaError OUT_OF_RANGE for a negative or non-finite time, length or step, or a step so
 *   small that there would be more than {@link MAX_TRACKING_PERIODS} periods.
 * @example trackingSeries(countModel("bgnbd"), fit.params, input.tracking!, 39, 1).length // 78 on CDNOW
 */
export function trackingSeries(
  model: CountModel,
  params: CountParams,
  tracking: NonNullable<HoldoutInput["tracking"]>,
  holdoutLength: number,
  step = 1,
): TrackingRow[] {
  const { firstPurchase, repeatTimes, calibrationLength } = tracking;
  checkArg("holdoutLength", holdoutLength, 0);
  checkArg("calibrationLength", calibrationLength, 0);
  checkArg("step", step, 0, false);
  checkTimes(firstPurchase, "firstPurchase");
  checkTimes(repeatTimes, "repeatTimes");
  const horizon = calibrationLength + holdoutLength;
  const periods = math.max(1, math.ceil(horizon / step - 1e-9));
  if (periods > MAX_TRACKING_PERIODS) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.atLeast", { arg: "step", min: horizon / MAX_TRACKING_PERIODS, hint: "", got: step }, { argument: "step" });
  }
  const actual = new Float64Array(periods);
  for (let i = 0; i < repeatTimes.length; i++) {
    const k = math.floor(repeatTimes[i] / step);
    // A purchase exactly at (or, by rounding, just past) the last end belongs to the last period.
    actual[math.min(k, periods - 1)]++;
  }
  // Customers per first-purchase time, ascending.
  const starts = new Map<number, number>();
  for (let i = 0; i < firstPurchase.length; i++) starts.set(firstPurchase[i], (starts.get(firstPurchase[i]) ?? 0) + 1);
  const startTimes = Float64Array.from(starts.keys()).sort();
  const startCounts = Float64Array.from(startTimes, (s) => starts.get(s) ?? 0);
  const memo = new Map<number, number>();
  const unconditional = (lag: number): number => {
    let e = memo.get(lag);
    if (e === undefined) memo.set(lag, (e = model.expectedPurchasesUnconditional(params, lag)));
    return e;
  };
  const rows: TrackingRow[] = [];
  let actualCumulative = 0, previous = 0;
  for (let k = 1; k <= periods; k++) {
    const t = k * step;
    let expectedCumulative = 0;
    for (let g = 0; g < startTimes.length && startTimes[g] < t; g++) expectedCumulative += startCounts[g] * unconditional(t - startTimes[g]);
    actualCumulative += actual[k - 1];
    rows.push({
      period: k,
      time: t,
      inHoldout: (k - 1) * step > calibrationLength,
      actual: actual[k - 1],
      expected: expectedCumulative - previous,
      actualCumulative,
      expectedCumulative,
    });
    previous = expectedCumulative;
  }
  return rows;
}

/**
 * P(alive | x, t_x, T) and E[Y(horizon) | x, t_x, T] for x = 0…maxFrequency (default 20) and
 * t_x = T·i/recencySteps, i = 0…recencySteps (default 20): the heat maps of lifetimes'
 * plot_probability_alive_matrix and plot_frequency_recency_matrix, for one customer age T. A
 * customer without repeat purchases has recency 0, so the x = 0 column holds that one history's
 * values on every row. O(maxFrequency · recencySteps) model evaluations.
 * @throws CvaError OUT_OF_RANGE for a negative T or horizon, or grid sizes that are not whole
 *   numbers from 1 to 200.
 * @example aliveMatrix(countModel("bgnbd"), params, 38.86, 52).pAlive[20][2] // P(alive | x = 2, t_x = T = 38.86)
 */
export function aliveMatrix(model: CountModel, params: CountParams, T: number, horizon: number, options: { maxFrequency?: number; recencySteps?: number } = {}): AliveMatrix {
  checkArg("T", T, 0);
  checkArg("horizon", horizon, 0);
  const maxFrequency = options.maxFrequency ?? 20;
  const recencySteps = options.recencySteps ?? 20;
  for (const [arg, v] of [["maxFrequency", maxFrequency], ["recencySteps", recencySteps]] as const) {
    if (!(Number.isInteger(v) && v >= 1 && v <= 200)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeBetween", { arg, min: 1, max: 200, got: v }, { argument: arg });
  }
  const frequencies: number[] = [];
  for (let x = 0; x <= maxFrequency; x++) frequencies.push(x);
  const recencies: number[] = [];
  for (let i = 0; i <= recencySteps; i++) recencies.push(i === recencySteps ? T : (T * i) / recencySteps);
  const p0 = model.probabilityAlive(params, 0, 0, T);
  const e0 = model.expectedPurchases(params, horizon, 0, 0, T);
  const pAlive: number[][] = [], expected: number[][] = [];
  for (const tx of recencies) {
    const pRow = [p0], eRow = [e0];
    for (let x = 1; x <= maxFrequency; x++) {
      // T = 0 leaves no room for a repeat purchase: only x = 0 is a history there.
      pRow.push(T > 0 ? model.probabilityAlive(params, x, tx, T) : p0);
      eRow.push(T > 0 ? model.expectedPurchases(params, horizon, x, tx, T) : e0);
    }
    pAlive.push(pRow);
    expected.push(eRow);
  }
  return { T, frequencies, recencies, pAlive, expected, horizon };
}

/** The horizon of the matrix's expected purchases: one year in the unit. */
export const YEAR_IN_UNIT: Readonly<Record<TimeUnit, number>> = { days: 365, weeks: 52, months: 12 };

/** The tracking step of a unit: a week for daily data (FHL 2005's weekly charts), else one unit. */
export const TRACKING_STEP: Readonly<Record<TimeUnit, number>> = { days: 7, weeks: 1, months: 1 };

/**
 * Every check of a fitted model on its calibration data: the histogram (0…6, 7+); with a holdout,
 * the buckets, and the tracking series when the holdout has its tracking block (step
 * {@link TRACKING_STEP}); the P(alive) matrix at the largest T of the data, frequencies up to the
 * largest observed (at most 20), 20 recency steps, expected purchases over one year
 * ({@link YEAR_IN_UNIT}). The holdout's summaries are the calibration data's; `data` is used for the
 * histogram and the matrix.
 * @throws CvaError as the single checks.
 * @example fitChecks(countModel("bgnbd"), fit.params, input, "weeks", input).tracking?.length // 78 on CDNOW
 */
export function fitChecks(
  model: CountModel,
  params: CountParams,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> },
  unit: TimeUnit,
  holdout?: HoldoutInput,
): FitChecks {
  const checked = toRfmData({ frequency: data.frequency, recency: data.recency, T: data.T });
  const histogram = histogramOf(model, params, checked, DEFAULT_MAX_BUCKET);
  let maxT = 0, maxX = 0;
  for (let i = 0; i < checked.length; i++) {
    maxT = math.max(maxT, checked.T[i]);
    maxX = math.max(maxX, checked.frequency[i]);
  }
  const matrix = aliveMatrix(model, params, maxT, YEAR_IN_UNIT[unit], { maxFrequency: math.min(20, math.max(1, maxX)) });
  const buckets = holdout ? holdoutBuckets(model, params, holdout) : null;
  const tracking = holdout?.tracking ? trackingSeries(model, params, holdout.tracking, holdout.holdoutLength, TRACKING_STEP[unit]) : null;
  return { model: model.id, histogram, buckets, tracking, matrix, unit };
}
