/**
 * Time units of the customer summary (docs/summary.md §2: days, weeks — the default — or months).
 *
 * A unit is a fixed number of days, so a duration in units is (day difference) / (days per unit):
 * - days: 1; weeks: 7 (as `lifetimes.summary_data_from_transaction_data` with freq "W",
 *   which the CDNOW parity test checks);
 * - months: 365.25 / 12 = 30.4375 days, the mean Gregorian month over a leap cycle. Calendar
 *   months differ in length (28–31 days), and a fixed length keeps T and recency additive and
 *   free of calendar arithmetic; `lifetimes` itself has no exact calendar-month unit either.
 */
import { CvaError, ErrorCodes } from "../errors";

export type TimeUnit = "days" | "weeks" | "months";

/** Days per unit; see the module comment for the months convention. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = {
  days: 1,
  weeks: 7,
  months: 365.25 / 12,
};

/**
 * Days per unit of a unit name (also accepts "day", "week", "month", "d", "w", "m").
 * @throws CvaError OUT_OF_RANGE for another name.
 */
export function daysPerUnit(unit: string): number {
  const u = normaliseUnit(unit);
  return DAYS_PER_UNIT[u];
}

/** The canonical unit name. @throws CvaError OUT_OF_RANGE for an unknown unit. */
export function normaliseUnit(unit: string): TimeUnit {
  const u = unit.trim().toLowerCase();
  if (u === "days" || u === "day" || u === "d") return "days";
  if (u === "weeks" || u === "week" || u === "w") return "weeks";
  if (u === "months" || u === "month" || u === "m") return "months";
  throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "unit", choices: "days, weeks, months", got: JSON.stringify(unit) }, { argument: "unit" });
}
