/**
 * The purchase period of a summary (docs/engines.md §2): what counts as one purchase. `day`
 * (the default): each day with a purchase is one, time measured in days — lifetimes'
 * `freq='D'`, as the CDNOW papers do. `week`: each Monday-to-Sunday week with a purchase is one,
 * and recency and T are whole weeks between the weeks — lifetimes' `freq='W'` (pandas' W-SUN
 * periods). `month`: each calendar month, and whole months between them — lifetimes' `freq='M'`.
 * The period is separate from the time unit: a week period with the unit days gives times of
 * 7·Δweeks days; a month is 365.25/12 days (./units.ts).
 */
import { dayFromYmd } from "./dates";

export type PurchasePeriod = "day" | "week" | "month";
export const PURCHASE_PERIODS: readonly PurchasePeriod[] = ["day", "week", "month"];

/** Days in a period, to turn a number of periods into a time in the unit. */
export const PERIOD_DAYS: Readonly<Record<PurchasePeriod, number>> = { day: 1, week: 7, month: 365.25 / 12 };

/** A Monday (2024-01-01): weeks run Monday to Sunday. */
const MONDAY = dayFromYmd(2024, 1, 1);
/** Day number (Excel serial) of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

/**
 * The index of the period holding a day: consecutive periods have consecutive indices. O(1).
 * @example periodIndex(dayFromYmd(1997, 1, 6), "week") - periodIndex(dayFromYmd(1997, 1, 5), "week") // 1 (a Monday after a Sunday)
 */
export function periodIndex(day: number, period: PurchasePeriod): number {
  if (period === "day") return day;
  if (period === "week") return Math.floor((day - MONDAY) / 7);
  // Year and month of the day (Hinnant's civil_from_days, http://howardhinnant.github.io/date_algorithms.html), as y·12 + (m − 1).
  const z = day - UNIX_EPOCH_SERIAL + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  // Hinnant's year runs March (mp = 0) to February (mp = 11), so its month mp is calendar month
  // index (era·400 + yoe)·12 + 2 + mp: January and February (mp 10, 11) come out as 12 and 13,
  // the next calendar year's months 0 and 1, without his m and y corrections.
  return (era * 400 + yoe) * 12 + mp + 2;
}

/**
 * The canonical period name (also accepts "days", "weeks", "months", "d", "w", "m").
 * Returns undefined for another name; the caller names the argument in its error.
 */
export function normalisePeriod(period: string): PurchasePeriod | undefined {
  const p = period.trim().toLowerCase();
  if (p === "day" || p === "days" || p === "d") return "day";
  if (p === "week" || p === "weeks" || p === "w") return "week";
  if (p === "month" || p === "months" || p === "m") return "month";
  return undefined;
}
