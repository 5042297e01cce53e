/**
 * The finance formula for customer lifetime value (docs/lifetime-value.md §2).
 *
 * A customer yields a margin `m` at the end of every period in which it is still
 * retained; it is retained from one period to the next with probability `r`; cash
 * flows are discounted at `d` per period. Then the expected present value of the
 * margins is
 *
 *   CLV_N = Σ_{t=1..N} m · r^t / (1 + d)^t                          (finite horizon N)
 *   CLV_∞ = m · r / (1 + d − r)                                     (no horizon)
 *
 * the geometric series of Gupta & Lehmann (2003), "Customers as assets", Journal of
 * Interactive Marketing 17(1), eq. (2), in the "margin at the end of the period"
 * convention (docs/lifetime-value.md §2). An acquisition cost, when given, is
 * subtracted once. Runs in O(1): the finite sum is evaluated in closed form
 * (m·q·(1 − q^N)/(1 − q) with q = r/(1+d)), not term by term.
 *
 * @example
 *   financeClv({ margin: 100, retention: 0.8, discount: 0.1 })               // 266.666…
 *   financeClv({ margin: 100, retention: 0.8, discount: 0.1, periods: 3 })   // 72.73 + 52.89 + 38.47 = 164.09
 */
import { CvaError, ErrorCodes } from "../errors";
import { given } from "../i18n/errors";

export interface FinanceClvInput {
  /** Margin per period, in currency. Any finite number (a loss-making customer has m < 0). */
  margin: number;
  /** Probability that a customer retained in one period is still retained in the next, in [0, 1). */
  retention: number;
  /** Discount rate per period, from 0 up to (not including) 1 (0.1 = 10 %). */
  discount: number;
  /** Horizon in periods, a positive whole number; omit for an unlimited horizon. */
  periods?: number;
  /** One-off acquisition cost subtracted from the result; default 0. */
  acquisitionCost?: number;
}

/**
 * Checks the inputs of {@link financeClv}.
 * @throws CvaError INVALID_TYPE for a non-number, OUT_OF_RANGE for a number outside its domain;
 *   the message names the argument.
 */
export function checkFinanceClvInput(input: FinanceClvInput): void {
  const { margin, retention, discount, periods, acquisitionCost } = input;
  requireFinite("margin", margin);
  requireFinite("retention", retention);
  requireFinite("discount", discount);
  if (retention < 0 || retention >= 1) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "retention.range", { arg: "retention", got: retention }, { argument: "retention" });
  }
  checkRate("discount", discount);
  if (periods !== undefined) {
    requireFinite("periods", periods);
    if (periods < 1 || !Number.isInteger(periods)) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeAtLeast", { arg: "periods", min: 1, got: periods }, { argument: "periods" });
    }
  }
  if (acquisitionCost !== undefined) requireFinite("acquisition_cost", acquisitionCost);
}

/**
 * Customer lifetime value by the finance formula; see the module comment for the model.
 * @throws CvaError when an input is out of its domain (see {@link checkFinanceClvInput}).
 */
export function financeClv(input: FinanceClvInput): number {
  checkFinanceClvInput(input);
  const { margin, retention, discount, periods, acquisitionCost = 0 } = input;
  const q = retention / (1 + discount);
  let value: number;
  if (periods === undefined) {
    // m·r/(1+d−r) = m·q/(1−q); q < 1 because r < 1 < 1 + d... unless d < 0 and r ≥ 1 + d.
    // Stryker disable ConditionalExpression,EqualityOperator,BlockStatement,StringLiteral,ObjectLiteral,ArithmeticOperator: unreachable guard, checkFinanceClvInput above enforces r < 1 and d ≥ 0, so q < 1
    if (q >= 1) {
      throw CvaError.keyed(
        ErrorCodes.OutOfRange,
        "clv.unbounded",
        { arg: "retention", retention, otherArg: "discount", limit: 1 + discount, periodsArg: "periods" },
        { argument: "discount" },
      );
    }
    // Stryker restore ConditionalExpression,EqualityOperator,BlockStatement,StringLiteral,ObjectLiteral,ArithmeticOperator
    value = (margin * retention) / (1 + discount - retention);
  } else /* Stryker disable ConditionalExpression,EqualityOperator,ArithmeticOperator: a shortcut, the closed form below gives the same N·m to 1e-12 relative when |1 − q| < 1e-12 */ if (Math.abs(1 - q) < 1e-12) {
    // Stryker restore ConditionalExpression,EqualityOperator,ArithmeticOperator
    value = margin * periods; // every term equals m when r = 1 + d
  } else {
    // Σ_{t=1..N} m q^t = m q (1 − q^N) / (1 − q); -expm1(N·log q) keeps precision for q near 1.
    value = q === 0 ? 0 : (margin * q * -Math.expm1(periods * Math.log(q))) / (1 - q);
  }
  return value - acquisitionCost;
}

/**
 * Checks a discount rate per period (docs/lifetime-value.md §2–§3): at least 0 — a negative rate
 * makes money later worth more than money now, and over a long horizon the value grows without
 * bound (−0.99 a month over 120 months gave 8.07e239) — and below 1: a rate of 100 % or more a
 * period is nearly always a percentage typed as a number (10 for 10 %), so the message asks
 * "did you mean 0.1?" for values up to 100.
 * @throws CvaError OUT_OF_RANGE naming `argument` as the user knows it.
 */
export function checkRate(argument: string, value: number): void {
  if (value < 0) throw CvaError.keyed(ErrorCodes.OutOfRange, "rate.negative", { arg: argument, got: value }, { argument });
  if (value >= 1) {
    const key = value <= 100 ? "rate.belowOneDidYouMean" : "rate.belowOne";
    throw CvaError.keyed(ErrorCodes.OutOfRange, key, { arg: argument, got: value, suggest: percentAsShare(value) }, { argument });
  }
}

/**
 * Checks a share of spend that is margin (docs/lifetime-value.md §3): above 0 and at most 1. A
 * margin above the spend is impossible (a negative cost); 0 or less makes every customer's value
 * 0 or negative and turns the pyramid upside down. 30 is never read as 30 %: the message asks
 * "did you mean 0.3?".
 * @throws CvaError OUT_OF_RANGE naming `argument`.
 */
export function checkMarginShare(argument: string, value: number): void {
  if (value > 0 && value <= 1) return;
  // Stryker disable next-line EqualityOperator: value 1 returned on the line above, so > 1 and ≥ 1 are the same here
  const key = value > 1 && value <= 100 ? "share.rangeDidYouMean" : "share.range";
  throw CvaError.keyed(ErrorCodes.OutOfRange, key, { arg: argument, got: value, suggest: percentAsShare(value) }, { argument });
}

/** 30 → "0.3", 12.5 → "0.125": what a percentage typed as a number meant. */
function percentAsShare(value: number): string {
  return String(Number((value / 100).toPrecision(12)));
}

function requireFinite(argument: string, value: number): void {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notNumber", { arg: argument, got: given(value) }, { argument });
  }
  if (!Number.isFinite(value)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notFinite", { arg: argument, hint: "", got: value }, { argument });
  }
}
