import fc from "fast-check";
import { dayFromYmd, formatDay, parseDay, parseIsoDay, summarize, transactionTable, type Transaction } from "../../src/core";

describe("day numbers (Excel serials) without Date or time zones", () => {
  it("matches Excel's serials", () => {
    // Excel: =DATE(1997,9,30) is 35703; =DATE(1900,3,1) is 61; =DATE(2024,2,29) is 45351.
    expect(dayFromYmd(1997, 9, 30)).toBe(35703);
    expect(dayFromYmd(1900, 3, 1)).toBe(61);
    expect(dayFromYmd(2024, 2, 29)).toBe(45351);
    expect(formatDay(35703)).toBe("1997-09-30");
  });
  it("parses ISO text, with or without a time, and the compact YYYYMMDD form", () => {
    expect(parseIsoDay("1997-01-01")).toBe(35431);
    expect(parseIsoDay("1997/01/01")).toBe(35431);
    expect(parseIsoDay("1997-01-01T23:59:59-08:00")).toBe(35431); // the date as written
    expect(parseIsoDay("1997-01-01 00:00")).toBe(35431);
    expect(parseDay("19970101")).toBe(35431);
    expect(parseDay(19970101)).toBe(35431);
  });
  it("takes serial numbers, dropping the time of day", () => {
    expect(parseDay(35703.99)).toBe(35703);
    expect(parseDay("35703")).toBe(35703);
  });
  it("rejects dates that do not exist and text that is not a date", () => {
    for (const bad of ["1997-02-29", "1997-13-01", "1997-00-10", "abc", "", "1997-1-1", "2024-01-01x", -5, Infinity, NaN]) {
      expect(parseDay(bad)).toBeNaN();
    }
  });
  it("round-trips every day from 1900-03-01 to 9999-12-31 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (day) => {
        expect(parseIsoDay(formatDay(day))).toBe(day);
      }),
    );
  });
});

describe("customer summary, hand-worked (docs/summary.md §3)", () => {
  // Customer a, end 2024-01-29 (day 45320):
  //   2024-01-01: 10 and 5 (same day → one purchase of 15)
  //   2024-01-15: 30 and a return of −10 (netted: 20)
  //   2024-01-22: 40
  //   2024-02-05: 99 (after the end: excluded)
  // Purchase days 3 → x = 2; t_x = 21 days = 3 weeks; T = 28 days = 4 weeks;
  // monetary = (20 + 40) / 2 = 30; revenue = 15 + 20 + 40 = 75; orders = 4 rows > 0.
  const rows: Transaction[] = [
    { customerId: "a", date: "2024-01-01", amount: 10, cost: 6 },
    { customerId: "a", date: "2024-01-01", amount: 5, cost: 3 },
    { customerId: "a", date: "2024-01-15", amount: 30, cost: 20 },
    { customerId: "a", date: "2024-01-15", amount: -10, cost: -7 },
    { customerId: "a", date: "2024-01-22", amount: 40, cost: 30 },
    { customerId: "a", date: "2024-02-05", amount: 99, cost: 50 },
    { customerId: "b", date: "2024-01-29", amount: 12, cost: 12 },
  ];
  // summarised inside each test (not in the describe body), so that mutation testing sees
  // which tests reach which code (docs/testing.md §2)
  const ab = () => summarize(transactionTable(rows), { unit: "weeks", end: "2024-01-29" });

  it("merges same-day rows, nets returns and excludes rows after the end", () => {
    const [a] = ab();
    expect(a).toMatchObject({ customerId: "a", frequency: 2, recency: 3, T: 4, monetary: 30, revenue: 75, orders: 4 });
    expect(formatDay(a.first)).toBe("2024-01-01");
    expect(formatDay(a.last)).toBe("2024-01-22");
  });
  it("computes margin from cost: (10−6)+(5−3)+(30−20)+(−10+7)+(40−30) = 23", () => {
    const [a, b] = ab();
    expect(a.margin).toBeCloseTo(23, 12);
    expect(b.margin).toBe(0);
  });
  it("gives a one-time buyer x = 0, monetary 0, T = 0 when bought on the end day", () => {
    const [, b] = ab();
    expect(b).toMatchObject({ frequency: 0, recency: 0, T: 0, monetary: 0, revenue: 12 });
  });
  it("keeps the last 4 quarter amounts: all of a's 75 falls in the newest quarter", () => {
    const [a] = ab();
    expect(a.periodAmounts).toEqual([0, 0, 0, 75]);
    expect(a.activePeriods).toBe(1);
    expect(a.observedPeriods).toBe(1);
  });
  it("uses days and months (365.25/12 days) as units", () => {
    const [d] = summarize(transactionTable(rows), { unit: "days", end: "2024-01-29" });
    expect(d.recency).toBe(21);
    expect(d.T).toBe(28);
    const [m] = summarize(transactionTable(rows), { unit: "months", end: "2024-01-29" });
    expect(m.T).toBeCloseTo(28 / 30.4375, 12);
  });
  it("defaults the end to the last date in the data", () => {
    const [a2] = summarize(transactionTable(rows));
    expect(a2.T).toBeCloseTo(35 / 7, 12); // 2024-01-01 → 2024-02-05
    expect(a2.frequency).toBe(3);
  });
  it("splits periods at end − k·L: amounts 91 and 92 days before the end fall in different quarters", () => {
    // L = 91.3125: day end−91 is in (end−91.3125, end] → newest; end−92 → the one before.
    const t = transactionTable([
      { customerId: "x", date: 45320 - 92, amount: 1 },
      { customerId: "x", date: 45320 - 91, amount: 2 },
      { customerId: "x", date: 45320, amount: 4 },
    ]);
    const [x] = summarize(t, { end: 45320 });
    expect(x.periodAmounts).toEqual([0, 0, 1, 6]);
    expect(x.activePeriods).toBe(2);
    expect(x.observedPeriods).toBe(2);
  });
  it("throws INVALID_DATE naming the row and column", () => {
    expect(() => transactionTable([{ customerId: "a", date: "2024-02-30", amount: 1 }])).toThrow(/row 1, column "date"/);
  });
  it("throws EMPTY_INPUT when nothing falls before the end", () => {
    expect(() => summarize(transactionTable(rows), { end: "2000-01-01" })).toThrow(/no transaction/);
  });
});

describe("customer summary properties", () => {
  const rowArb = fc.record({
    customerId: fc.constantFrom("1", "2", "10", "a", "b"),
    date: fc.integer({ min: 40000, max: 40400 }),
    amount: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    cost: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  });
  it("row order never changes the result, to the last bit", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.integer(), (rows, seed) => {
        const shuffled = [...rows];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) | 0;
          const j = Math.abs(s) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(summarize(transactionTable(shuffled))).toEqual(summarize(transactionTable(rows)));
      }),
    );
  });
  it("every output is finite and recency ≤ T", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), (rows) => {
        for (const s of summarize(transactionTable(rows), { unit: "months" })) {
          for (const v of [s.frequency, s.recency, s.T, s.monetary, s.revenue, s.margin as number, ...s.periodAmounts]) {
            expect(Number.isFinite(v)).toBe(true);
          }
          expect(s.recency).toBeLessThanOrEqual(s.T);
        }
      }),
    );
  });
});
