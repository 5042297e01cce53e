/**
 * Calibration / holdout validation of a count model (BG/NBD by default), the tables of Fader,
 * Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2), section 4 (Figure 3: mean
 * holdout repeat purchases by calibration frequency 0…7+; Figure 2: cumulative repeat purchases
 * per week, actual vs expected).
 *
 * - {@link validateBtyd} takes per-customer calibration summaries, their actual holdout repeat
 *   purchases and the holdout length; optionally each customer's first-purchase time and repeat
 *   purchase times for the tracking series.
 * - {@link holdoutFromTransactions} builds that input from a transaction table split at a date
 *   (calibration summary by `summarize`, holdout purchases = purchase days after the split).
 *
 * Cost: the fit, plus O(n) for the buckets and O(n + W·G) for W tracking periods over
 * G distinct first-purchase times.
 */
import { CvaError, ErrorCodes } from "../errors";
import { summarize } from "../summary/summarize";
import { formatDay } from "../summary/dates";
import type { TransactionTable } from "../summary/transactions";
import { DAYS_PER_UNIT, type TimeUnit } from "../summary/units";
import { checkArg, checkHoldoutCount, type FitOptions, type FitResult } from "./data";
import { bucketSums, trackingSeries, type BucketRow } from "./fit-checks";
import { countModel, type CountModelId, type CountParams } from "./models";

// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

export interface HoldoutInput {
  /** Calibration summaries (x, t_x, T in one unit). */
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Actual repeat purchases of each customer in the holdout period. */
  holdoutPurchases: ArrayLike<number>;
  /** Length of the holdout period, in the unit. */
  holdoutLength: number;
  /**
   * For the tracking series: each customer's first purchase time and repeat purchase times,
   * measured from the start of the calibration period, in the unit; and the calibration length.
   */
  tracking?: { firstPurchase: ArrayLike<number>; repeatTimes: ArrayLike<number>; calibrationLength: number };
}

/** One calibration-frequency bucket: "0", "1", …, "7+", customers, mean actual and predicted holdout purchases. */
export type FrequencyBucket = BucketRow;

export interface TrackingPoint {
  /** End of the period [time − 1, time), from the origin (earliest first purchase), in the unit. */
  time: number;
  /** Cumulative repeat purchases before `time`, actual and expected (Σ_i E[X(t − s_i)], FHL 2005 eq. 9). */
  actual: number;
  expected: number;
}

export interface HoldoutResult {
  /** The model validated. */
  model: CountModelId;
  fit: FitResult<CountParams>;
  buckets: FrequencyBucket[];
  /** Σ actual and Σ predicted holdout repeat purchases. */
  totalActual: number;
  totalPredicted: number;
  tracking: TrackingPoint[] | null;
}

/**
 * Fits a count model (default BG/NBD) on the calibration summaries and compares its holdout
 * predictions with the actual holdout purchases, by calibration frequency (0…7+, the model's
 * E[Y(t) | x, t_x, T]) and as a cumulative tracking series in steps of 1 unit (Σ_i E[X(t − s_i)]).
 * The buckets and the series are those of the fit checks (./fit-checks.ts: `holdoutBuckets`,
 * `trackingSeries`, docs/models/fit-checks.md).
 * @throws CvaError as the model's fit; OUT_OF_RANGE for a negative holdout length or count, or a
 *   model name that is not one of bgnbd, mbgnbd, paretonbd.
 * @example validateBtyd({ frequency, recency, T, holdoutPurchases, holdoutLength: 39 }, { model: "paretonbd" })
 */
export function validateBtyd(input: HoldoutInput, options: FitOptions & { model?: CountModelId } = {}): HoldoutResult {
  const { model: id = "bgnbd", ...fitOptions } = options;
  const model = countModel(id);
  checkArg("holdoutLength", input.holdoutLength, 0, false);
  const n = input.frequency.length;
  checkHoldoutCount(input.holdoutPurchases, n);
  const fit = model.fit({ frequency: input.frequency, recency: input.recency, T: input.T }, fitOptions);
  const { rows: buckets, totalActual, totalPredicted } = bucketSums(model, fit.params, input);
  const tracking = input.tracking
    ? trackingSeries(model, fit.params, input.tracking, input.holdoutLength, 1).map((row) => ({ time: row.time, actual: row.actualCumulative, expected: row.expectedCumulative }))
    : null;
  return { model: id, fit, buckets, totalActual, totalPredicted, tracking };
}

/**
 * Splits a transaction table at `calibrationEnd` (day number, inclusive) and observes the
 * holdout to `end`: calibration summaries of the customers who bought by the split, their
 * purchase days in (calibrationEnd, end], and the tracking times measured from the earliest
 * first purchase. Purchase days are days with a positive net amount, as in the summary. O(n log n).
 * @throws CvaError OUT_OF_RANGE when end is not after calibrationEnd; as `summarize`.
 * @example holdoutFromTransactions(table, dayFromYmd(1997, 9, 30), dayFromYmd(1998, 6, 30), "weeks")
 */
export function holdoutFromTransactions(table: TransactionTable, calibrationEnd: number, end: number, unit: TimeUnit): HoldoutInput & { customerIds: string[] } {
  if (!(end > calibrationEnd)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "holdout.endBeforeCalibration", { end: formatDay(end), calibrationEnd: formatDay(calibrationEnd) }, { argument: "end" });
  }
  const u = DAYS_PER_UNIT[unit];
  const cal = summarize(table, { unit, end: calibrationEnd });
  // Net amount per (customer, day) up to the end.
  const net = new Map<number, Map<number, number>>();
  let origin = Infinity;
  for (let i = 0; i < table.length; i++) {
    const d = table.day[i];
    if (d > end) continue;
    let m = net.get(table.customer[i]);
    if (!m) net.set(table.customer[i], (m = new Map()));
    m.set(d, (m.get(d) ?? 0) + table.amount[i]);
  }
  const indexOf = new Map<string, number>();
  table.ids.forEach((id, k) => indexOf.set(id, k));
  const n = cal.length;
  const holdoutPurchases = new Float64Array(n), firstPurchase = new Float64Array(n);
  const repeatDays: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = cal[i];
    origin = math.min(origin, s.first);
    const days = net.get(indexOf.get(s.customerId) ?? -1);
    let h = 0;
    if (days) {
      for (const [d, amt] of days) {
        if (amt <= 0 || d <= s.first) continue;
        repeatDays.push(d);
        if (d > calibrationEnd) h++;
      }
    }
    holdoutPurchases[i] = h;
  }
  for (let i = 0; i < n; i++) firstPurchase[i] = (cal[i].first - origin) / u;
  return {
    customerIds: cal.map((s) => s.customerId),
    frequency: cal.map((s) => s.frequency),
    recency: cal.map((s) => s.recency),
    T: cal.map((s) => s.T),
    holdoutPurchases,
    holdoutLength: (end - calibrationEnd) / u,
    tracking: {
      firstPurchase,
      repeatTimes: repeatDays.map((d) => (d - origin) / u),
      calibrationLength: (calibrationEnd - origin) / u,
    },
  };
}
