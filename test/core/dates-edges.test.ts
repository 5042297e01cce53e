// The date reader's edges (src/core/summary/dates.ts, docs/inputs.md §5) that the rule tests do not
// reach: a time after an ISO date must be a real time (hour 0–24, a colon, minutes 0–59); ISO text
// with a year of letters is not a date, year 0000 is a date before 1900; a number past 9999-12-31
// written as YYYYMMDD is not a date; and a date error with neither row nor column names nothing.
import { readDay, dateError, dayFromYmd } from "../../src/core/summary/dates";

describe("readDay's edges", () => {
  it("takes an ISO date with a real time after it, and refuses one with a time that is not", () => {
    const day = dayFromYmd(2024, 1, 5);
    expect(readDay("2024-01-05T23:59")).toBe(day);
    expect(readDay("2024-01-05 24:00")).toBe(day);
    expect(readDay("2024-01-05t00:00")).toBe(day);
    for (const s of ["2024-01-05T25:00", "2024-01-05T12:60", "2024-01-05T12-30", "2024-01-05Tab:00", "2024-01-05X12:00"]) expect([s, readDay(s)]).toEqual([s, "notDate"]);
  });

  it("refuses a year of letters, and names year 0000 as before 1900", () => {
    expect(readDay("abcd-01-05")).toBe("notDate");
    expect(readDay("0000-01-05")).toBe("before1900");
    expect(readDay("1899/12/31")).toBe("before1900");
  });

  it("reads YYYYMMDD numbers only up to 9999-12-31", () => {
    expect(readDay(99991231)).toBe(dayFromYmd(9999, 12, 31));
    expect(readDay(100000101)).toBe("notDate");
    expect(readDay(10000101)).toBe("before1900");
  });
});

describe("dateError without a place", () => {
  it("names neither row nor column", () => {
    const e = dateError("x", "notDate", {});
    expect(e.key).toBe("date.notDate");
    expect(dateError("x", "notDate").key).toBe("date.notDate");
  });
});
