/**
 * The date rules of docs/inputs.md §5, pinned at their edges (src/core/summary/dates.ts).
 *
 * The independent reference for calendar arithmetic is `Date.UTC`, which has no time zone: the
 * Excel serial of y-m-d from 1900-03-01 on is Date.UTC(y, m − 1, d) / 86400000 + 25569
 * (1970-01-01 is serial 25569). Before 1900-03-01 CVA keeps the proleptic Gregorian calendar,
 * one less than Excel's serial, because Excel counts a 29 February 1900 that never was.
 */
import { CvaError, dateError, dayFromYmd, formatDay, MIN_BARE_SERIAL, parseDay, parseIsoDay, readDay, requireDay } from "../../../src/core";
import { MAX_DAY, MIN_DAY } from "../../../src/core/summary/dates";
import { thrown } from "../../support/thrown";

const MS_PER_DAY = 86_400_000;
/** Independent serial of a calendar date: days since 1899-12-30 by Date.UTC (no time zone). */
function utcSerial(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // setUTCFullYear takes years 0–99 literally, unlike Date.UTC
  t.setUTCHours(0, 0, 0, 0);
  return t.getTime() / MS_PER_DAY + 25569;
}
/** Independent ISO text of a serial, by Date (UTC). */
function utcIso(serial: number): string {
  const t = new Date((serial - 25569) * MS_PER_DAY);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
const LAST_DAY = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

describe("calendar arithmetic against Date.UTC (docs/inputs.md §5)", () => {
  it("dayFromYmd, formatDay and parseIsoDay agree with Date.UTC on the first, last and leap days of the years 1900–2500 and every 37th year to 9999", () => {
    const years: number[] = [];
    for (let y = 1900; y <= 2500; y++) years.push(y);
    for (let y = 2501; y < 9999; y += 37) years.push(y);
    years.push(9996, 9999);
    let checked = 0;
    for (const y of years) {
      const days: [number, number][] = [[1, 1], [2, 28], [3, 1], [12, 31]];
      if (isLeap(y)) days.push([2, 29]);
      for (const [m, d] of days) {
        if (y === 1900 && m <= 2) continue; // before 1900-03-01: see the 1900 test
        const want = utcSerial(y, m, d);
        if (dayFromYmd(y, m, d) !== want) throw new Error(`dayFromYmd(${y}, ${m}, ${d}) = ${dayFromYmd(y, m, d)}, want ${want}`);
        const iso = utcIso(want);
        if (formatDay(want) !== iso) throw new Error(`formatDay(${want}) = ${formatDay(want)}, want ${iso}`);
        if (parseIsoDay(iso) !== want) throw new Error(`parseIsoDay(${iso}) = ${parseIsoDay(iso)}, want ${want}`);
        checked++;
      }
    }
    // 4 days in each year less 1900's two January/February days, plus one leap day in each leap year
    expect(checked).toBe(4 * years.length - 2 + years.filter(isLeap).length);
    expect(years.filter(isLeap)).toContain(2000);
    expect(years.filter(isLeap)).not.toContain(2100);
  });

  it("hand-worked serials: 1997-09-30 = 35703, 2000-02-29 = 36585, 2024-02-29 = 45351, 9999-12-31 = 2958465", () => {
    // 1997-09-30: Excel =DATE(1997,9,30) = 35703. 2000-02-29: 2000-01-01 is 36526 (=DATE(2000,1,1)), + 31 + 28 = 36585.
    expect(dayFromYmd(1997, 9, 30)).toBe(35703);
    expect(dayFromYmd(2000, 2, 29)).toBe(36585);
    expect(dayFromYmd(2024, 2, 29)).toBe(45351);
    expect(dayFromYmd(9999, 12, 31)).toBe(2958465);
    expect(MAX_DAY).toBe(2958465);
    expect(formatDay(36585)).toBe("2000-02-29");
    expect(formatDay(36586)).toBe("2000-03-01");
  });

  it("the 1900 leap-year bug: 1900-02-29 does not exist; 1900-02-28 is 60 and 1900-03-01 is 61 (Excel: 59 and 61)", () => {
    // Proleptic Gregorian from 1899-12-30 = 0: 1900-01-01 = 2, 1900-02-28 = 2 + 31 + 26 = 59 + 1 = 60.
    // Excel shows 1900-01-01 as 1 and 1900-02-28 as 59, then its phantom 1900-02-29 as 60, so the two agree from 61 on.
    expect(dayFromYmd(1900, 1, 1)).toBe(2);
    expect(dayFromYmd(1900, 2, 28)).toBe(60);
    expect(dayFromYmd(1900, 2, 29)).toBeNaN(); // 1900 is divisible by 100, not by 400
    expect(dayFromYmd(1900, 3, 1)).toBe(61);
    expect(formatDay(60)).toBe("1900-02-28");
    expect(formatDay(61)).toBe("1900-03-01");
    expect(formatDay(2)).toBe("1900-01-01");
    expect(parseIsoDay("1900-02-29")).toBeNaN();
    expect(readDay("1900-02-29")).toBe("notDate");
    expect(readDay("1900-01-01")).toBe(2);
    expect(readDay("1900-02-28")).toBe(60);
  });

  it("leap years: every 4th, not every 100th, every 400th (1996, 2000 yes; 1900, 2100, 1997 no)", () => {
    expect(dayFromYmd(1996, 2, 29)).toBe(utcSerial(1996, 2, 29));
    expect(dayFromYmd(2000, 2, 29)).toBe(36585);
    expect(dayFromYmd(2400, 2, 29)).toBe(utcSerial(2400, 2, 29));
    for (const y of [1997, 1900, 2100, 2200, 2300]) expect(dayFromYmd(y, 2, 29)).toBeNaN();
  });

  it("month lengths: the last day of each month exists, the day after it does not (2023 and 2024)", () => {
    for (const y of [2023, 2024]) {
      for (let m = 1; m <= 12; m++) {
        const last = m === 2 && isLeap(y) ? 29 : LAST_DAY[m];
        expect(dayFromYmd(y, m, last)).toBe(utcSerial(y, m, last));
        expect(dayFromYmd(y, m, last + 1)).toBeNaN();
        expect(readDay(`${y}-${String(m).padStart(2, "0")}-${last + 1}`)).toBe("notDate");
      }
    }
  });

  it("dayFromYmd refuses months 0 and 13, day 0, fractions, and days outside serials 1…2958465", () => {
    expect(dayFromYmd(2024, 0, 1)).toBeNaN();
    expect(dayFromYmd(2024, 13, 1)).toBeNaN();
    expect(dayFromYmd(2024, 12, 1)).toBe(utcSerial(2024, 12, 1));
    expect(dayFromYmd(2024, 1, 0)).toBeNaN();
    expect(dayFromYmd(2024.5, 1, 1)).toBeNaN();
    expect(dayFromYmd(2024, 1.5, 1)).toBeNaN();
    expect(dayFromYmd(2024, 1, 1.5)).toBeNaN();
    // 1899-12-31 is serial 1 (MIN_DAY), 1899-12-30 would be 0; 10000-01-01 would be 2958466.
    expect(MIN_DAY).toBe(1);
    expect(dayFromYmd(1899, 12, 31)).toBe(1);
    expect(dayFromYmd(1899, 12, 30)).toBeNaN();
    expect(dayFromYmd(10000, 1, 1)).toBeNaN();
  });

  it("formatDay pads the year to 4 digits and month and day to 2: serial −693593 is 0001-01-01", () => {
    // 0001-01-01 → 1970-01-01 is 719162 days (Hinnant: days_from_civil(1,1,1) = −719162); −719162 + 25569 = −693593.
    expect(formatDay(-693593)).toBe("0001-01-01");
    expect(formatDay(utcSerial(999, 9, 9))).toBe("0999-09-09");
    expect(formatDay(utcSerial(2024, 10, 10))).toBe("2024-10-10");
    expect(formatDay(35703.99)).toBe("1997-09-30"); // the time of day is dropped
  });
});

describe("reading a date cell (docs/inputs.md §5)", () => {
  it("ISO text with - or / and an optional time after T, t or a space; the date as written, whatever the zone", () => {
    for (const s of [
      "1997-01-01",
      "1997/01/01",
      " 1997-01-01 ",
      "1997-01-01T00:00",
      "1997-01-01t23:59",
      "1997-01-01 24:00",
      "1997-01-01T23:59:59.999-08:00",
      "1997-01-01T00:00:00+14:00",
      "19970101",
    ]) {
      expect([s, readDay(s)]).toEqual([s, 35431]);
      expect([s, parseIsoDay(s)]).toEqual([s, 35431]);
    }
  });

  it("refuses a time whose hour is past 24 or minute past 59, a missing colon, an unknown separator", () => {
    // hours 0–24 and minutes 0–59 are read; 25 and 60 are not a time, so the text is not a date.
    for (const s of ["1997-01-01T25:00", "1997-01-01T23:60", "1997-01-01T2300", "1997-01-01T", "1997-01-01X10:00", "1997-01-01x", "1997-01-01_00:00", "1997-01-01T0a:00", "1997-01-01T00:0a"]) {
      expect([s, readDay(s)]).toEqual([s, "notDate"]);
      expect([s, parseIsoDay(s)]).toEqual([s, NaN]);
    }
  });

  it("refuses mixed or other separators and non-digits in any field (/ is 47 and : is 58, just outside 0–9)", () => {
    for (const s of ["1997-01/01", "1997/01-01", "1997.01.01", "1997 01 01", "199:-01-01", "1997-0/-01", "1997-01-0:", "1997-1-01", "1997-01-1", "97-01-01", "199/0101", "1997010:", "1997010/"]) {
      expect([s, readDay(s)]).toEqual([s, "notDate"]);
    }
  });

  it("compact YYYYMMDD text and 8-digit numbers, within 1900-01-01 … 9999-12-31", () => {
    expect(readDay("19000101")).toBe(2);
    expect(readDay("99991231")).toBe(2958465);
    expect(readDay(99991231)).toBe(2958465);
    expect(readDay("20240229")).toBe(45351);
    expect(readDay("20230229")).toBe("notDate");
    expect(readDay(20230229)).toBe("notDate");
    expect(readDay("18991231")).toBe("before1900");
    expect(readDay(18500501)).toBe("before1900");
    // the smallest 8-digit number read as YYYYMMDD is 10000101 (1000-01-01, before 1900); 10000100 has day 00
    expect(readDay(10000101)).toBe("before1900");
    expect(readDay(10000100)).toBe("notDate");
    expect(readDay(99991232)).toBe("notDate");
    expect(readDay(99991301)).toBe("notDate");
    expect(readDay(100000101)).toBe("notDate"); // 9 digits: neither a serial nor YYYYMMDD
    expect(readDay("199701011")).toBe("notDate");
    expect(readDay("2958466")).toBe("notDate"); // a serial past 9999-12-31 that is not 8 digits
  });

  it("a date before 1900 written correctly is 'before1900', not 'notDate'; a day that does not exist is 'notDate' first", () => {
    expect(readDay("1899-12-31")).toBe("before1900");
    expect(readDay("1850-05-01")).toBe("before1900");
    expect(readDay("0001/01/01")).toBe("before1900");
    expect(readDay("1899-02-29")).toBe("notDate");
    expect(readDay("1899-13-01")).toBe("notDate");
    expect(readDay("1899-00-01")).toBe("notDate");
    expect(readDay("1899-01-00")).toBe("notDate");
    expect(readDay("1900-01-01")).toBe(2);
  });

  it("serial numbers: the integer part is the day; 1 … 2958465 is the range, 10000 the smallest outside a date-formatted column", () => {
    expect(MIN_BARE_SERIAL).toBe(10000);
    expect(readDay(35703.99)).toBe(35703);
    expect(readDay(35703)).toBe(35703);
    expect(readDay(10000)).toBe(10000); // 1927-05-18
    expect(formatDay(10000)).toBe("1927-05-18");
    expect(readDay(9999.99)).toBe("bareNumber");
    expect(readDay(9999)).toBe("bareNumber");
    expect(readDay(1)).toBe("bareNumber");
    expect(readDay(2958465.5)).toBe(2958465);
    expect(readDay(2958466)).toBe("notDate");
    expect(readDay(2958466, { dateFormatted: true })).toBe("notDate");
    expect(readDay(0.5, { dateFormatted: true })).toBe("notDate"); // day 0: 1899-12-30, before the first serial
    expect(readDay(0)).toBe("notDate");
    expect(readDay(-1)).toBe("notDate");
    expect(readDay(1, { dateFormatted: true })).toBe(1);
    expect(readDay(5, { dateFormatted: true })).toBe(5);
    expect(readDay(9999, { dateFormatted: true })).toBe(9999);
    expect(readDay(5, { dateFormatted: false })).toBe("bareNumber");
    expect(readDay(Infinity, { dateFormatted: true })).toBe("notDate");
    expect(readDay(-Infinity)).toBe("notDate");
    expect(readDay(NaN, { dateFormatted: true })).toBe("notDate");
  });

  it("numeric text of a serial under the same rule: digits with an optional decimal part, nothing else", () => {
    expect(readDay("35703")).toBe(35703);
    expect(readDay(" 35703.75 ")).toBe(35703);
    expect(readDay("2024")).toBe("bareNumber");
    expect(readDay("2024", { dateFormatted: true })).toBe(2024);
    expect(readDay("9999.5")).toBe("bareNumber");
    for (const s of ["35703.", ".5", "-35703", "+35703", "3.5e4", "x35703", "35703x", "35 703", "35703.5.5", "0x8B77"]) {
      expect([s, readDay(s)]).toEqual([s, "notDate"]);
    }
  });

  it("what is not text or a number is not a date: blank, null, a boolean, an object", () => {
    for (const v of [undefined, null, true, {}, [35703], "", "   "]) expect(readDay(v)).toBe("notDate");
    expect(parseDay("")).toBeNaN();
  });

  it("parseDay is readDay with NaN for every problem; parseIsoDay reads no serial", () => {
    expect(parseDay("2024")).toBeNaN();
    expect(parseDay("2024", { dateFormatted: true })).toBe(2024);
    expect(parseDay("1850-05-01")).toBeNaN();
    expect(parseDay(35703.5)).toBe(35703);
    expect(parseDay("1997-09-30")).toBe(35703);
    expect(parseIsoDay("35703")).toBeNaN();
    expect(parseIsoDay("1850-05-01")).toBeNaN();
    expect(parseIsoDay("19970930")).toBe(35703);
  });
});

describe("the error for a cell that is not a date (docs/inputs.md §5)", () => {
  const code = thrown;

  it("names the row and column, and says why: not a date, a bare number, before 1900", () => {
    const e1 = code(() => requireDay("abc", { row: 3, column: "date" }));
    expect(e1).toBeInstanceOf(CvaError);
    expect(e1.code).toBe("INVALID_DATE");
    expect(e1.key).toBe("date.notDateAt");
    expect(e1.message).toBe('row 3, column "date": cannot read the text "abc" as a date (expected YYYY-MM-DD or an Excel date)');
    expect(e1.where).toEqual({ row: 3, column: "date" });
    const e2 = code(() => requireDay("2024", { row: 7, column: "when" }));
    expect(e2.key).toBe("date.bareNumberAt");
    expect(e2.message).toMatch(/^row 7, column "when": the text "2024" is a number, not a date: below 10000 \(1927-05-18\)/);
    const e3 = code(() => requireDay("1850-05-01", { row: 1, column: "date" }));
    expect(e3.key).toBe("date.before1900At");
    expect(e3.message).toMatch(/^row 1, column "date": the text "1850-05-01" is before 1900-01-01/);
  });

  it("a row without a column names the row with an empty column", () => {
    const e = dateError("x", "notDate", { row: 2 });
    expect(e.key).toBe("date.notDateAt");
    expect(e.params).toMatchObject({ row: 2, col: "" });
    expect(e.message).toMatch(/^row 2, column "":/);
  });

  it("an argument is named by its label; an option given as a column alone by that name; no place, no name", () => {
    const label = { "en-US": "the observation end", "zh-CN": "观察截止日期" };
    const a = dateError(5, "bareNumber", { argument: "end", label });
    expect(a.key).toBe("date.bareNumberArg");
    expect(a.where).toEqual({ argument: "end" });
    expect(a.message).toMatch(/^the observation end: 5 is a number, not a date/);
    const c = dateError("soon", "notDate", { column: "--calibration-end" });
    expect(c.key).toBe("date.notDateArg");
    expect(c.message).toMatch(/^--calibration-end: cannot read the text "soon" as a date/);
    const n = dateError("soon", "notDate");
    expect(n.key).toBe("date.notDate");
    expect(n.message).toMatch(/^cannot read the text "soon" as a date/);
    expect(n.where).toBeUndefined();
  });

  it("requireDay returns the day when there is no problem, and reads small numbers in a date-formatted column", () => {
    expect(requireDay("1997-09-30")).toBe(35703);
    expect(requireDay(5, undefined, { dateFormatted: true })).toBe(5);
    expect(() => requireDay(5)).toThrow(/5 is a number, not a date/);
  });
});
