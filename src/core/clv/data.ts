/**
 * Shared input handling of the probabilistic customer-base models: the per-customer summary
 * (frequency x, recency t_x, age T, optional weights), its validation, the options and results
 * every fit shares, and the argument checks. The grouping of identical histories is in
 * ./grouping.ts (docs/models/fitting.md §2).
 *
 * Time unit: the models are unit-free, but every number must be in one and the same unit
 * (days, weeks or months); the lifetime-value code takes that unit explicitly.
 */
import { CvaError, ErrorCodes, type ErrorCode } from "../errors";
import { given, type ErrorKey, type ErrorParams } from "../i18n/errors";
import { BUCKETED_FROM, groupRfm, groupRfmBucketed, type GroupedRfm } from "./grouping";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** The time unit of recency, T and prediction horizons (the summary module's). */
export type { TimeUnit } from "../summary/units";

/** One customer's summary, as `summarize` (docs/summary.md §3) produces it. */
export interface RfmRow {
  /** x: repeat purchases (purchase days after the first). */
  frequency: number;
  /** t_x: time from the first to the last purchase. */
  recency: number;
  /** T: time from the first purchase to the end of observation. */
  T: number;
  /** Mean value of the repeat purchases (0 when x = 0); used by Gamma-Gamma only. */
  monetary?: number;
}

/** The same summary as columns; `weights` (default 1) counts customers per row for grouped data. */
export interface RfmColumns {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  monetary?: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

/** Either form of the summary. */
export type RfmInput = RfmColumns | readonly RfmRow[];

/** Validated columns. */
export interface RfmData {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array | null;
  weights: Float64Array | null;
  length: number;
}

function isRows(input: RfmInput): input is readonly RfmRow[] {
  return Array.isArray(input);
}

/**
 * Converts and checks a summary: every value finite, x ≥ 0, 0 ≤ t_x ≤ T, T > 0 (T = 0 is a
 * customer observed for no time at all), t_x = 0 when x = 0, weights ≥ 0. O(n).
 * @throws CvaError INVALID_TYPE / OUT_OF_RANGE naming the row and column; INCONSISTENT_DATA when
 *   recency exceeds T ("recency 40 is greater than T 38.86 in row 5") or a customer without
 *   repeat purchases has a recency; MISSING for an empty summary.
 */
export function toRfmData(input: RfmInput): RfmData {
  let frequency: Float64Array, recency: Float64Array, T: Float64Array;
  let monetary: Float64Array | null = null;
  let weights: Float64Array | null = null;
  if (isRows(input)) {
    const n = input.length;
    frequency = new Float64Array(n);
    recency = new Float64Array(n);
    T = new Float64Array(n);
    const hasMonetary = n > 0 && input[0].monetary !== undefined;
    if (hasMonetary) monetary = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = input[i];
      frequency[i] = checkNumber(row.frequency, "frequency", i);
      recency[i] = checkNumber(row.recency, "recency", i);
      T[i] = checkNumber(row.T, "T", i);
      if (monetary) monetary[i] = checkNumber(row.monetary, "monetary", i);
    }
  } else {
    const n = input.frequency.length;
    for (const [name, col] of [["recency", input.recency], ["T", input.T]] as const) {
      if (col.length !== n) throw lengthMismatch(name, col.length, n);
    }
    frequency = copyChecked(input.frequency, "frequency");
    recency = copyChecked(input.recency, "recency");
    T = copyChecked(input.T, "T");
    if (input.monetary) {
      if (input.monetary.length !== n) throw lengthMismatch("monetary", input.monetary.length, n);
      monetary = copyChecked(input.monetary, "monetary");
    }
    if (input.weights) {
      if (input.weights.length !== n) throw lengthMismatch("weights", input.weights.length, n);
      weights = copyChecked(input.weights, "weights");
    }
  }
  const n = frequency.length;
  if (n === 0) throw CvaError.keyed(ErrorCodes.Missing, "data.noCustomers");
  for (let i = 0; i < n; i++) {
    checkHistory(frequency[i], recency[i], T[i], i + 1);
    if (weights && weights[i] < 0) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: i + 1, arg: "weights", got: weights[i] }, { row: i + 1, column: "weights" });
    }
  }
  return { frequency, recency, T, monetary, weights, length: n };
}

/**
 * The rule every customer history (x, t_x, T) keeps, for fitting ({@link toRfmData}) and for
 * scoring one customer (=CVA.PALIVE, =CVA.EXPECTED, =CVA.SPEND, =CVA.CLV.BTYD): x is a whole
 * number ≥ 0 of repeat purchases; 0 ≤ t_x ≤ T; t_x = 0 when x = 0; T ≥ 0, and T > 0 for a repeat
 * buyer (T = 0 is a first purchase on the observation end day, valid for a one-time buyer: its
 * likelihood term is 1). The values are numbers already (finite: checked by the caller). O(1).
 * @param row 1-based row of a table, named in the message when given.
 * @throws CvaError OUT_OF_RANGE for a fractional or negative frequency, a negative recency or
 *   T, T = 0 for a repeat buyer; INCONSISTENT_DATA when recency exceeds T or a customer without
 *   repeat purchases has a recency. Keyed messages (i18n/errors.ts "history.*").
 * @example checkHistory(0, 5, 38) // throws "recency is 5 but frequency is 0: …"
 */
export function checkHistory(x: number, tx: number, T: number, row?: number): void {
  // The valid history passes the comparisons alone; a failure is described by historyError.
  // Stryker disable next-line ConditionalExpression: T >= 0 is implied by tx >= 0 and !(tx > T·(1 + 1e-9)) (T < 0 gives tx ≥ 0 > T), kept to say the rule
  if (x >= 0 && Number.isInteger(x) && tx >= 0 && T >= 0 && (x === 0 || T > 0) && !(tx > T * (1 + 1e-9)) && (x !== 0 || tx === 0)) return;
  throw historyError(x, tx, T, row);
}

function historyError(x: number, tx: number, T: number, row: number | undefined): CvaError {
  const fail = (code: ErrorCode, key: string, column: string, params: Record<string, number | string>): CvaError =>
    CvaError.keyed(
      code,
      `history.${key}${row === undefined ? "" : "At"}` as ErrorKey,
      row === undefined ? params : { ...params, row },
      row === undefined ? { argument: column } : { row, column },
    );
  if (!(x >= 0)) return fail(ErrorCodes.OutOfRange, "negative", "frequency", { arg: "frequency", got: x });
  if (!Number.isInteger(x)) return fail(ErrorCodes.OutOfRange, "notWhole", "frequency", { got: x });
  if (!(tx >= 0)) return fail(ErrorCodes.OutOfRange, "negative", "recency", { arg: "recency", got: tx });
  if (!(T >= 0)) return fail(ErrorCodes.OutOfRange, "negative", "T", { arg: "T", got: T });
  if (x > 0 && !(T > 0)) return fail(ErrorCodes.OutOfRange, "zeroT", "T", { got: T });
  if (tx > T * (1 + 1e-9)) return fail(ErrorCodes.InconsistentData, "recencyAfterT", "recency", { recency: tx, T });
  return fail(ErrorCodes.InconsistentData, "recencyWithoutRepeat", "recency", { recency: tx });
}

/** Checks a frequency alone (Gamma-Gamma's inputs) by the rule of {@link checkHistory}. */
export function checkFrequency(x: number, row?: number): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: for x = 0 both T = 0 and T = 1 are valid with t_x = 0, and a negative or NaN x fails before T is read
  checkHistory(x, 0, x > 0 ? 1 : 0, row);
}

/** The grouping of histories lives in ./grouping.ts; re-exported for the models that import it from here. */
export { groupRfm, TupleIndex, type GroupedRfm } from "./grouping";

/** The grouping each count-model fit was made on, with the summary object it came from (a weak map: kept while the fit is). */
const fitGroupings = new WeakMap<object, { source: unknown; grouped: GroupedRfm }>();

/**
 * Remembers the grouping `fit` was made on, so that its standard errors (./uncertainty.ts), which
 * belong to the data the fit saw, need not group the same summary again (the grouping is most of
 * their cost on CDNOW). Returns `fit`.
 */
export function withGrouping<F extends object>(fit: F, source: RfmInput, grouped: GroupedRfm): F {
  fitGroupings.set(fit, { source, grouped });
  return fit;
}

/** The grouping `fit` was made on, when it was made on this very summary object; else undefined. */
export function groupingOfFit(fit: object, source: unknown): GroupedRfm | undefined {
  const known = fitGroupings.get(fit);
  return known !== undefined && known.source === source ? known.grouped : undefined;
}

/**
 * groupRfm(toRfmData(input)) for the fits, with the rows checked in the grouping's own pass when
 * the summary is large and its columns are Float64Arrays already (a million-customer summary is
 * then read once, not twice; docs/models/fitting.md §16), and then without the map from rows to
 * groups (`groupOf` empty: the fits do not use it). Any row that fails the check sends it the
 * long way, so the error is exactly toRfmData's (the first bad column, then the first bad row).
 * @throws CvaError as {@link toRfmData}.
 */
export function groupSummary(input: RfmInput): GroupedRfm {
  if (!isRows(input)) {
    const { frequency, recency, T, monetary, weights } = input;
    const n = frequency.length;
    const typed = (c: ArrayLike<number> | undefined): boolean => c === undefined || (c instanceof Float64Array && c.length === n);
    if (n >= BUCKETED_FROM && frequency instanceof Float64Array && typed(recency) && typed(T) && typed(monetary) && typed(weights)) {
      const data: RfmData = {
        frequency,
        recency: recency as Float64Array,
        T: T as Float64Array,
        monetary: (monetary as Float64Array | undefined) ?? null,
        weights: (weights as Float64Array | undefined) ?? null,
        length: n,
      };
      const grouped = groupRfmBucketed(data, true, false);
      if (grouped) return grouped;
    }
  }
  return groupRfm(toRfmData(input));
}

/** Options common to every fit. */
export interface FitOptions {
  /**
   * L2 penalty coefficient on the parameters, as lifetimes' `penalizer_coef`: the fit minimises
   * −(mean log-likelihood) + penalizer · Σ parameter². Default 0 (plain maximum likelihood).
   */
  penalizer?: number;
  /** Iteration cap of the optimiser; default 500. */
  maxIterations?: number;
  /** Gradient tolerance on the mean negative log-likelihood; default 1e-9. */
  tolerance?: number;
  /**
   * Time limit of the optimisation in milliseconds, over all its runs; default
   * {@link DEFAULT_FIT_TIME_LIMIT_MS} (60 s). At the limit the fit stops with the best estimates
   * found so far, `converged: false` and `limit: "time"` (docs/models/fitting.md §14). Infinity for none.
   */
  timeLimitMs?: number;
  /** Called about every quarter second while a model is fitted (and scored), for progress reports. */
  onProgress?: (progress: ModelProgress) => void;
}

/** The default time limit of a fit: 60 s (docs/models/fitting.md §14). */
export const DEFAULT_FIT_TIME_LIMIT_MS = 60_000;

/** Progress of a fit: the model, the optimiser's iterations so far over all runs, and the time since it started. */
export interface FitProgress {
  stage: "fit";
  model: string;
  iterations: number;
  elapsedMs: number;
}

/** Progress of scoring customers with a fitted model (lifetime value over the horizon). */
export interface ScoreProgress {
  stage: "score";
  done: number;
  total: number;
  elapsedMs: number;
}

export type ModelProgress = FitProgress | ScoreProgress;

/** What every fit returns. */
export interface FitResult<P> {
  params: P;
  /** Σ weight × log-likelihood at the estimate (without the penalty). */
  logLikelihood: number;
  /** Optimiser iterations. */
  iterations: number;
  /** False when the optimiser stopped without meeting its tolerance or ran to a boundary; see `message`. */
  converged: boolean;
  /** Customers (Σ weights) used. */
  customers: number;
  /** Distinct histories the likelihood was evaluated on. */
  groups: number;
  /** Why the fit is not converged, when it is not (English; `messageKey` renders it in the user's language). */
  message?: string;
  /** `message` as a key of i18n/errors.ts with its parameters. */
  messageKey?: ErrorKey;
  messageParams?: ErrorParams;
  /** The limit the optimiser stopped at, when it did (then not converged): `timeLimitMs` or `maxIterations`. */
  limit?: "time" | "iterations";
  /** Time the optimisation took, in milliseconds. */
  elapsedMs: number;
}

/**
 * Checks the options of a fit and fills in the defaults.
 * @throws CvaError OUT_OF_RANGE (keyed "arg.*") naming the option.
 */
export function checkFitOptions(options: FitOptions): Required<Omit<FitOptions, "onProgress">> & Pick<FitOptions, "onProgress"> {
  const bad = (key: ErrorKey, arg: string, bound: Record<string, number>, got: number): CvaError =>
    CvaError.keyed(ErrorCodes.OutOfRange, key, { arg, ...bound, hint: "", got }, { argument: arg });
  const penalizer = options.penalizer ?? 0;
  if (!(penalizer >= 0) || !Number.isFinite(penalizer)) throw bad("arg.atLeast", "penalizer", { min: 0 }, penalizer);
  const maxIterations = options.maxIterations ?? 500;
  if (!(maxIterations >= 1)) throw bad("arg.atLeast", "maxIterations", { min: 1 }, maxIterations);
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_FIT_TIME_LIMIT_MS;
  if (!(timeLimitMs > 0)) throw bad("arg.above", "timeLimitMs", { min: 0 }, timeLimitMs);
  return { penalizer, maxIterations, tolerance: options.tolerance ?? 1e-9, timeLimitMs, onProgress: options.onProgress };
}

/**
 * Checks that a number argument of a prediction is finite and at least (or, not `inclusive`,
 * above) `min`.
 * @throws CvaError INVALID_TYPE / OUT_OF_RANGE (keyed "arg.*") naming the argument.
 */
/**
 * Checks that there is one holdout count per customer (the calibration summaries' n).
 * @throws CvaError INCONSISTENT_DATA naming both lengths.
 */
export function checkHoldoutCount(holdoutPurchases: ArrayLike<number>, n: number): void {
  if (holdoutPurchases.length !== n) {
    throw CvaError.keyed(
      ErrorCodes.InconsistentData,
      "data.lengthMismatch",
      { arg: "holdoutPurchases", count: holdoutPurchases.length, otherArg: "frequency", otherCount: n },
      { argument: "holdoutPurchases" },
    );
  }
}

export function checkArg(name: string, value: number, min: number, inclusive = true): void {
  const where = { argument: name };
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notNumber", { arg: name, got: given(value) }, where);
  }
  if (!Number.isFinite(value)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notFinite", { arg: name, hint: "", got: value }, where);
  if (inclusive ? value < min : value <= min) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, inclusive ? "arg.atLeast" : "arg.above", { arg: name, min, hint: "", got: value }, where);
  }
}

/** The error for two columns of different lengths: one value per customer in each. */
function lengthMismatch(name: string, count: number, n: number): CvaError {
  return CvaError.keyed(ErrorCodes.InconsistentData, "data.lengthMismatch", { arg: name, count, otherArg: "frequency", otherCount: n }, { argument: name });
}

function checkNumber(v: unknown, column: string, i: number): number {
  // A finite number passes with no allocation (v − v is 0 only for finite numbers); the
  // error's object is built only for a value that fails.
  // Stryker disable next-line ConditionalExpression,StringLiteral,ArithmeticOperator: a fast path only: a finite number that skips it passes both checks below and is returned unchanged by the last line
  if (typeof v === "number" && v - v === 0) return v;
  const where = { row: i + 1, column };
  if (typeof v !== "number" || Number.isNaN(v)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "population.notNumber", { arg: column, row: i + 1, got: given(v) }, where);
  }
  // Stryker disable next-line ConditionalExpression: only ±Infinity gets here (a finite number has returned on the first line, NaN and non-numbers have thrown), and for it the condition is true
  if (!Number.isFinite(v)) throw CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: column, row: i + 1, got: v }, where);
  return v;
}

/**
 * The column as a Float64Array of checked numbers: the caller's own array when it is one already
 * (checked, read and never written by the fits: a million-customer column is not copied), else a copy.
 */
function copyChecked(values: ArrayLike<number>, column: string): Float64Array {
  // The loops test finiteness inline (v − v is 0 only for a finite number; NaN, ±Infinity and
  // non-numbers give NaN) and call checkNumber only for a value that fails, to describe it: no
  // call per value, which a first fit in a fresh process runs interpreted (docs/models/fitting.md §16).
  const n = values.length;
  // Stryker disable next-line ConditionalExpression: copying a Float64Array too gives the same values; not copying is a performance choice
  if (values instanceof Float64Array) {
    // Stryker disable next-line ConditionalExpression,ArithmeticOperator: checkNumber returns a finite number unchanged, so calling it for more values than those that fail gives the same column and the same error
    for (let i = 0; i < n; i++) if (values[i] - values[i] !== 0) checkNumber(values[i], column, i);
    return values;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Stryker disable next-line StringLiteral,ArithmeticOperator: both only call checkNumber for more values, and it returns a finite number unchanged
    if (typeof v !== "number" || v - v !== 0) checkNumber(v, column, i);
    out[i] = v;
  }
  return out;
}

/**
 * The box of the fits: |ln θ| ≤ ln 1e8 (θ between 1e-8 and 1e8). A parameter that reaches it is
 * running off to 0 or ∞ (the data cannot identify it). Fitted values on real data are within
 * e^±10; beyond 1e8, b of BG/NBD makes eq. 10 cancel away every digit (1e36 gave 0 purchases).
 */
export const LOG_PARAM_BOUND = math.log(1e8);
