/**
 * Dates as plain integer day numbers, with no `Date` object and no time zone anywhere
 * (docs/architecture.md §7; the rules for users: docs/inputs.md §5).
 *
 * A day number is the Excel serial date: days since 1899-12-30, so 1900-03-01 is 61 and
 * 1997-09-30 is 35703. Excel's own serials before 1900-03-01 are off by one because Excel
 * counts a 29 February 1900 that never existed (the Lotus 1-2-3 bug); this module uses the
 * proleptic Gregorian calendar throughout, which agrees with Excel from 1900-03-01 on.
 *
 * ISO text is parsed by hand (`YYYY-MM-DD`, `YYYY/MM/DD`, the compact `YYYYMMDD` of the
 * CDNOW files, optionally followed by a time `THH:MM[:SS[.fff]]` or ` HH:MM...` and a zone
 * suffix): the calendar date as written is the day; the time of day and any zone offset are
 * ignored, so the same text gives the same day in every time zone.
 *
 * Conversions run in O(1) (Hinnant's `days_from_civil`, http://howardhinnant.github.io/date_algorithms.html).
 */
import { CvaError, ErrorCodes } from "../errors";
import { given, type LocalText } from "../i18n/errors";

/** Day number of 1970-01-01 in the Excel serial scale. */
const UNIX_EPOCH_SERIAL = 25569;
/** Largest serial Excel accepts: 9999-12-31. */
export const MAX_DAY = 2958465;
/** Smallest accepted day number: 1 (1899-12-31). */
export const MIN_DAY = 1;

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian); Hinnant's `days_from_civil`. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The day number (Excel serial) of a calendar date, or NaN when the date does not exist.
 * @example dayFromYmd(1997, 9, 30) // 35703
 */
export function dayFromYmd(y: number, m: number, d: number): number {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return NaN;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  const day = daysFromCivil(y, m, d) + UNIX_EPOCH_SERIAL;
  return day >= MIN_DAY && day <= MAX_DAY ? day : NaN;
}

/**
 * The ISO text YYYY-MM-DD of a day number. O(1).
 * @example formatDay(35703) // "1997-09-30"
 */
export function formatDay(day: number): string {
  const z = Math.floor(day) - UNIX_EPOCH_SERIAL + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

function digitsAt(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** True when what follows the date is a plausible time part (or nothing). */
function validTimeTail(s: string, at: number): boolean {
  if (at === s.length) return true;
  const sep = s.charCodeAt(at);
  if (sep !== 84 /* T */ && sep !== 32 /* space */ && sep !== 116 /* t */) return false;
  const hh = digitsAt(s, at + 1, 2);
  const mm = digitsAt(s, at + 4, 2);
  return hh >= 0 && hh <= 24 && s.charCodeAt(at + 3) === 58 /* : */ && mm >= 0 && mm <= 59;
}

/** Why a cell is not a date: not a date at all, a bare number, or a date before 1900 (docs/inputs.md §5). */
export type DateProblem = "notDate" | "bareNumber" | "before1900";

/** How a date cell is read. */
export interface DateReadOptions {
  /**
   * The cell (its column) is formatted as a date in the workbook, so any number in it is an
   * Excel date. Without it, numbers below {@link MIN_BARE_SERIAL} are refused: "5" or "2024" in a
   * CSV or a General-formatted column is a typo or a year, not 1900-01-04 or 1905-07-16.
   */
  dateFormatted?: boolean;
}

/**
 * The smallest number read as an Excel date outside a date-formatted column: 10000, 1927-05-18.
 * Every smaller number — a day of the month, a year such as 2024, a count — would be a date
 * between 1900 and 1927, which no transaction log of today's customers holds.
 */
export const MIN_BARE_SERIAL = 10000;

/** The parts of ISO text (`YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, optional time), or null. */
function isoParts(s: string): [number, number, number] | null {
  if (s.length >= 10) {
    const sep = s.charCodeAt(4);
    if ((sep === 45 || sep === 47) && s.charCodeAt(7) === sep) {
      const y = digitsAt(s, 0, 4);
      const m = digitsAt(s, 5, 2);
      const d = digitsAt(s, 8, 2);
      if (y < 0 || m < 0 || d < 0 || !validTimeTail(s, 10)) return null;
      return [y, m, d];
    }
  }
  if (s.length === 8) {
    const v = digitsAt(s, 0, 8);
    if (v >= 0) return [Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100];
  }
  return null;
}

/** A calendar date to a day number, or the problem: before 1900, or a date that does not exist. */
function ymdDay(y: number, m: number, d: number): number | DateProblem {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return "notDate";
  if (y < 1900) return "before1900";
  const day = dayFromYmd(y, m, d);
  return Number.isNaN(day) ? "notDate" : day;
}

/**
 * Parses ISO text to a day number; NaN when it is not a valid date from 1900-01-01 on.
 * Accepts `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, each optionally followed by a time.
 * @example parseIsoDay("1997-01-01") // 35431
 * @example parseIsoDay("1997-01-01T23:59:59-08:00") // 35431 (the date as written)
 */
export function parseIsoDay(text: string): number {
  const p = isoParts(text.trim());
  const day = p ? ymdDay(p[0], p[1], p[2]) : NaN;
  return typeof day === "number" ? day : NaN;
}

/**
 * A date cell to a day number, or why it is not one (docs/inputs.md §5): an Excel serial number
 * (fractional part = time of day, dropped), numeric text of one, ISO text, or a compact YYYYMMDD
 * integer (an 8-digit number cannot be a serial, whose maximum is 2958465). A number below
 * {@link MIN_BARE_SERIAL} is a date only in a date-formatted column; a date before 1900 is refused
 * (Excel cannot hold it). O(length of the text).
 */
export function readDay(value: unknown, options: DateReadOptions = {}): number | DateProblem {
  if (typeof value === "number") return serialToDay(value, options.dateFormatted === true);
  if (typeof value !== "string") return "notDate";
  const s = value.trim();
  if (s.length === 0) return "notDate";
  const p = isoParts(s);
  if (p) return ymdDay(p[0], p[1], p[2]);
  if (/^[0-9]+(\.[0-9]+)?$/.test(s)) return serialToDay(Number(s), options.dateFormatted === true);
  return "notDate";
}

/**
 * {@link readDay} as a number: NaN when the cell is not a date.
 * @example parseDay(35703.75) // 35703
 * @example parseDay("35703") // 35703
 * @example parseDay(19970930) // 35703
 * @example parseDay("2024") // NaN: a bare number below 10000, not 1905-07-16
 * @example parseDay(5, { dateFormatted: true }) // 5 (1900-01-04 as Excel shows it)
 */
export function parseDay(value: unknown, options?: DateReadOptions): number {
  const day = readDay(value, options);
  return typeof day === "number" ? day : NaN;
}

function serialToDay(v: number, dateFormatted: boolean): number | DateProblem {
  if (!Number.isFinite(v)) return "notDate";
  const day = Math.floor(v);
  if (day >= MIN_DAY && day <= MAX_DAY) return dateFormatted || day >= MIN_BARE_SERIAL ? day : "bareNumber";
  if (day >= 10000101 && day <= 99991231) return ymdDay(Math.floor(day / 10000), Math.floor(day / 100) % 100, day % 100);
  return "notDate";
}

/** Where a date was read, for the message: a row and column of a table, or an argument or option. */
export type DateWhere = { row?: number; column?: string } | { argument: string; label: LocalText };

/**
 * The error for a date cell that {@link readDay} refused, in the user's language.
 * @example dateError("2024", "bareNumber", { row: 3, column: "date" }).message
 *   // 'row 3, column "date": the text "2024" is a number, not a date: …'
 */
export function dateError(value: unknown, problem: DateProblem, where?: DateWhere): CvaError {
  const got = given(value);
  if (where && "argument" in where) {
    return CvaError.keyed(ErrorCodes.InvalidDate, `date.${problem}Arg`, { arg: where.label, got }, { argument: where.argument });
  }
  if (where && where.row !== undefined) {
    return CvaError.keyed(ErrorCodes.InvalidDate, `date.${problem}At`, { row: where.row, col: where.column ?? "", got }, where);
  }
  if (where && where.column !== undefined) {
    // An option or a column without a row: named as given ("--calibration-end").
    return CvaError.keyed(ErrorCodes.InvalidDate, `date.${problem}Arg`, { arg: where.column, got }, where);
  }
  return CvaError.keyed(ErrorCodes.InvalidDate, `date.${problem}`, { got }, where);
}

/**
 * Like {@link parseDay} but throws.
 * @throws CvaError INVALID_DATE naming the row and column when given, and why the cell is not a date.
 */
export function requireDay(value: unknown, where?: DateWhere, options?: DateReadOptions): number {
  const day = readDay(value, options);
  if (typeof day !== "number") throw dateError(value, day, where);
  return day;
}
