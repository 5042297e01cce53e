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

export interface FinanceClvInput {
  /** Margin per period, in currency. Any finite number (a loss-making customer has m < 0). */
  margin: number;
  /** Probability that a customer retained in one period is still retained in the next, in [0, 1). */
  retention: number;
  /** Discount rate per period, greater than −1 (0.1 = 10 %). */
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
    throw new CvaError(
      ErrorCodes.OutOfRange,
      `retention must be at least 0 and below 1 (a share such as 0.8); got ${retention}`,
      { argument: "retention" },
    );
  }
  if (discount <= -1) {
    throw new CvaError(ErrorCodes.OutOfRange, `discount must be greater than -1 (0.1 = 10%); got ${discount}`, {
      argument: "discount",
    });
  }
  if (periods !== undefined) {
    requireFinite("periods", periods);
    if (periods < 1 || !Number.isInteger(periods)) {
      throw new CvaError(ErrorCodes.OutOfRange, `periods must be a positive whole number; got ${periods}`, {
        argument: "periods",
      });
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
    if (q >= 1) {
      throw new CvaError(
        ErrorCodes.OutOfRange,
        `with no horizon, retention (${retention}) must be below 1 + discount (${1 + discount}), else the value is unbounded; give periods`,
        { argument: "discount" },
      );
    }
    value = (margin * retention) / (1 + discount - retention);
  } else if (Math.abs(1 - q) < 1e-12) {
    value = margin * periods; // every term equals m when r = 1 + d
  } else {
    // Σ_{t=1..N} m q^t = m q (1 − q^N) / (1 − q); -expm1(N·log q) keeps precision for q near 1.
    value = q === 0 ? 0 : (margin * q * -Math.expm1(periods * Math.log(q))) / (1 - q);
  }
  return value - acquisitionCost;
}

function requireFinite(argument: string, value: number): void {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new CvaError(ErrorCodes.InvalidType, `${argument} must be a number; got ${describe(value)}`, { argument });
  }
  if (!Number.isFinite(value)) {
    throw new CvaError(ErrorCodes.OutOfRange, `${argument} must be a finite number; got ${value}`, { argument });
  }
}

function describe(value: unknown): string {
  if (value === undefined || value === null || value === "") return "a blank";
  if (typeof value === "string") return `the text "${value}"`;
  return String(value);
}
