/**
 * Probabilistic customer lifetime value (docs/lifetime-value.md §3), in the scheme of
 * `lifetimes.customer_lifetime_value`: over a horizon of H months, discounted monthly,
 *
 *   CLV = Σ_{i=1..H} (E[Y(t_i)] − E[Y(t_{i−1})]) · E[M] · margin / (1 + d)^i,   t_i = i months,
 *
 * with E[Y(t)] a count model's conditional expected purchases in the next t (./models.ts; BG/NBD:
 * FHL 2005 eq. 10), E[M] the Gamma-Gamma expected spend (FH 2013 eq. 5) and `margin` the share of
 * spend that is margin. The summary's time unit is an explicit argument, so weekly data cannot
 * silently be read as daily: a month is 365.25/12 days (30.4375 days, 4.348 weeks), the month of
 * the summary module; lifetimes uses 30 days and 4.345 weeks (pass `periodsPerMonth` to reproduce
 * it exactly). The options and their checks, one customer's CLV, and the check of parameters a
 * user gives. Scoring many customers: ./btyd-score.ts; fitting and scoring: ./btyd-predict.ts.
 */
import { CvaError, ErrorCodes } from "../errors";
import { DAYS_PER_UNIT as UNIT_DAYS, type TimeUnit } from "../summary/units";
import { checkArg, LOG_PARAM_BOUND } from "./data";
import { checkMarginShare, checkRate } from "./finance";
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
    // Stryker disable next-line EqualityOperator: > for ≥ (< for ≤) differs only at v equal to the widened bound e^∓B(1 ∓ 1e-9) itself, no value a fit returns or a user types; 2e-9 beyond each bound is refused and the bounds 1e-8, 1e8 accepted by test/core/rules/lifetime-value.test.ts
    if (!(v >= lo && v <= hi)) throw CvaError.keyed(ErrorCodes.OutOfRange, "params.outsideFit", { arg: argument, name, got: String(v) }, { argument });
  }
}
