/**
 * The purchase period's rules (src/core/summary/period.ts, docs/engines.md §2), pinned at their
 * edges: a week runs Monday to Sunday, a month is a calendar month, both from Excel day serials
 * (days since 1899-12-30, proleptic Gregorian, so 1900-03-01 is 61 and 60 is 1900-02-28).
 *
 * Hand-worked serials used below (1970-01-01 is 25569):
 *   2000-01-01 = 25569 + 30·365 + 7 leap days (1972 … 1996) = 36526
 *   2000-02-29 = 36526 + 31 + 28 = 36585, 2000-03-01 = 36586
 *   2024-01-01 = 36526 + 24·365 + 6 leap days (2000 … 2020) = 45292, a Monday
 *   1900-01-01 = 2 (a Monday), 1900-01-31 = 32, 1900-02-01 = 33, 1900-02-28 = 60, 1900-03-01 = 61
 * A week's index is ⌊(serial − 45292) / 7⌋, a month's is year·12 + (month − 1).
 * The sweep's independent reference is Date (UTC, no time zone): the calendar month of serial s
 * is that of the instant (s − 25569) days after 1970-01-01.
 */
import { normalisePeriod, PERIOD_DAYS, periodIndex, PURCHASE_PERIODS } from "../../../src/core/summary/period";

const MS_PER_DAY = 86_400_000;
/** Independent month index of a serial, by Date in UTC. */
function utcMonthIndex(serial: number): number {
  const t = new Date((serial - 25569) * MS_PER_DAY);
  return t.getUTCFullYear() * 12 + t.getUTCMonth();
}
/** Independent week index: Date's weekday (Sunday 0) gives the serial of the week's Monday. */
function utcWeekIndex(serial: number): number {
  const weekday = new Date((serial - 25569) * MS_PER_DAY).getUTCDay();
  const monday = serial - ((weekday + 6) % 7);
  return (monday - 45292) / 7; // 45292 is the Monday 2024-01-01: an exact multiple of 7 away
}

describe("periodIndex: a week runs Monday to Sunday", () => {
  it("numbers the week of the Monday 2024-01-01 (serial 45292) 0, and changes index from Sunday to Monday", () => {
    expect(periodIndex(45292, "week")).toBe(0); // Monday 2024-01-01
    expect(periodIndex(45298, "week")).toBe(0); // Sunday 2024-01-07: the same week
    expect(periodIndex(45299, "week")).toBe(1); // Monday 2024-01-08: the next
    expect(periodIndex(45291, "week")).toBe(-1); // Sunday 2023-12-31: the week before
    expect(periodIndex(45285, "week")).toBe(-1); // Monday 2023-12-25
    expect(periodIndex(45284, "week")).toBe(-2); // Sunday 2023-12-24
  });

  it("counts whole weeks far from 2024: 1900-01-01 (serial 2, a Monday) is week (2 − 45292) / 7 = −6470, serial 1 (Sunday 1899-12-31) week −6471", () => {
    expect(periodIndex(2, "week")).toBe(-6470);
    expect(periodIndex(8, "week")).toBe(-6470); // Sunday 1900-01-07
    expect(periodIndex(9, "week")).toBe(-6469); // Monday 1900-01-08
    expect(periodIndex(1, "week")).toBe(-6471);
    // CDNOW: Wednesday 1997-01-01 is serial 35431, in the week of Monday 1996-12-30 (35429);
    // (35429 − 45292) / 7 = −1409
    expect(periodIndex(35431, "week")).toBe(-1409);
    expect(periodIndex(35429, "week")).toBe(-1409);
    expect(periodIndex(35428, "week")).toBe(-1410);
  });
});

describe("periodIndex: a month is a calendar month", () => {
  it("changes index on each month's first day, and a December runs into the next year's January", () => {
    expect(periodIndex(45292, "month")).toBe(2024 * 12); // 2024-01-01
    expect(periodIndex(45291, "month")).toBe(2023 * 12 + 11); // 2023-12-31
    expect(periodIndex(45322, "month")).toBe(2024 * 12); // 2024-01-31 = 45292 + 30
    expect(periodIndex(45323, "month")).toBe(2024 * 12 + 1); // 2024-02-01
    expect(periodIndex(45351, "month")).toBe(2024 * 12 + 1); // 2024-02-29 = 45323 + 28 (2024 is a leap year)
    expect(periodIndex(45352, "month")).toBe(2024 * 12 + 2); // 2024-03-01
    expect(periodIndex(45565, "month")).toBe(2024 * 12 + 8); // 2024-09-30 = 45292 + 274 − 1 (Jan–Sep: 274 days)
    expect(periodIndex(45566, "month")).toBe(2024 * 12 + 9); // 2024-10-01
    expect(periodIndex(45626, "month")).toBe(2024 * 12 + 10); // 2024-11-30 = 45292 + 335 − 1
    expect(periodIndex(45627, "month")).toBe(2024 * 12 + 11); // 2024-12-01
    expect(periodIndex(45657, "month")).toBe(2024 * 12 + 11); // 2024-12-31 = 45292 + 366 − 1
    expect(periodIndex(45658, "month")).toBe(2025 * 12); // 2025-01-01
  });

  it("keeps 2000-02-29 (serial 36585, the last day of a 400-year cycle) in February and 2000-03-01 in March", () => {
    expect(periodIndex(36585, "month")).toBe(2000 * 12 + 1);
    expect(periodIndex(36586, "month")).toBe(2000 * 12 + 2);
    expect(periodIndex(36526, "month")).toBe(2000 * 12); // 2000-01-01
    expect(periodIndex(36525, "month")).toBe(1999 * 12 + 11); // 1999-12-31
  });

  it("puts serial 60 in February 1900 and 61 in March: 1900 has no 29 February here (proleptic Gregorian)", () => {
    expect(periodIndex(60, "month")).toBe(1900 * 12 + 1); // 1900-02-28
    expect(periodIndex(61, "month")).toBe(1900 * 12 + 2); // 1900-03-01
    expect(periodIndex(33, "month")).toBe(1900 * 12 + 1); // 1900-02-01
    expect(periodIndex(32, "month")).toBe(1900 * 12); // 1900-01-31
    expect(periodIndex(2, "month")).toBe(1900 * 12); // 1900-01-01
    expect(periodIndex(1, "month")).toBe(1899 * 12 + 11); // 1899-12-31, the smallest day number CVA reads
    expect(periodIndex(0, "month")).toBe(1899 * 12 + 11); // 1899-12-30
    expect(periodIndex(-29, "month")).toBe(1899 * 12 + 11); // 1899-12-01
    expect(periodIndex(-30, "month")).toBe(1899 * 12 + 10); // 1899-11-30
  });

  it("agrees with Date (UTC) on every day of 1899-11-01 … 2101-03-01 and on every 97th day to 9999-12-31", () => {
    let checked = 0;
    const check = (s: number) => {
      if (periodIndex(s, "month") !== utcMonthIndex(s) || periodIndex(s, "week") !== utcWeekIndex(s)) {
        throw new Error(`serial ${s}: month ${periodIndex(s, "month")} vs ${utcMonthIndex(s)}, week ${periodIndex(s, "week")} vs ${utcWeekIndex(s)}`);
      }
      checked++;
    };
    // 1899-11-01 = −59; 2101-03-01 = 2100-01-01 (36526 + 100·365 + 25 leap days = 73076) + 365 + 59 = 73500
    for (let s = -59; s <= 73500; s++) check(s);
    for (let s = 73500; s <= 2958465; s += 97) check(s);
    check(2958465); // 9999-12-31
    expect(checked).toBe(73560 + Math.floor((2958465 - 73500) / 97) + 1 + 1);
  });

  it("returns the day itself as the period for days", () => {
    expect(periodIndex(35431, "day")).toBe(35431);
    expect(periodIndex(1, "day")).toBe(1);
  });
});

describe("the period names and lengths", () => {
  it("lists day, week and month, lasting 1, 7 and 365.25/12 = 30.4375 days", () => {
    expect(PURCHASE_PERIODS).toEqual(["day", "week", "month"]);
    expect(PERIOD_DAYS).toEqual({ day: 1, week: 7, month: 30.4375 });
  });

  it("reads each name, its plural and its letter in any case and with spaces around; anything else is undefined", () => {
    for (const [names, period] of [
      [["day", "days", "d", " Day ", "DAYS", "D"], "day"],
      [["week", "weeks", "w", "\tWeek", "WEEKS", " w"], "week"],
      [["month", "months", "m", "Month ", "MONTHS", "M"], "month"],
    ] as const) {
      for (const name of names) expect([name, normalisePeriod(name)]).toEqual([name, period]);
    }
    for (const other of ["", " ", "dy", "wk", "mo", "year", "y", "quarter", "daily", "weekly", "monthly", "days s"]) {
      expect([other, normalisePeriod(other)]).toEqual([other, undefined]);
    }
  });
});
