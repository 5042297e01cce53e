/**
 * The rules of the customer summary (docs/summary.md, docs/inputs.md §3, §5, §6) pinned at their
 * edges, every expected value worked by hand in the comment beside it (src/core/summary/*.ts).
 *
 * Day numbers: 45000 is 2023-03-15 (Excel =DATE(2023,3,15)); the ISO texts of the other day
 * numbers below were worked with Python's datetime (date(1899, 12, 30) + timedelta(n)).
 */
import {
  compareIds,
  DAYS_PER_UNIT,
  daysPerUnit,
  DEFAULT_PERIOD_COUNT,
  DEFAULT_PERIOD_DAYS,
  FAR_OUT_IQRS,
  FAR_OUT_MIN_IQR_DAYS,
  idText,
  normaliseUnit,
  resolveSummarySettings,
  summarize,
  summarizeColumns,
  summarizeWithWarnings,
  summaryAt,
  summaryWarnings,
  transactionTable,
  type Transaction,
  type TransactionTable,
} from "../../../src/core";
import { summaryColumns, summaryObjects } from "../../../src/core/summary/customer-summary";
import { thrown } from "../../support/thrown";

const B = 45000; // 2023-03-15

const tx = (customerId: string, date: number | string, amount: number, extra: Partial<Transaction> = {}): Transaction => ({ customerId, date, amount, ...extra });

describe("x counts purchase days: same-day rows merge, returns are netted (docs/inputs.md §6, docs/summary.md §3)", () => {
  it("three rows on one day are one purchase; a day of 0 or of returns only is no purchase; a day of +5 and −20 is one", () => {
    const rows = [
      tx("p", B, 10),
      tx("p", B, 5), // day B: 15, the first purchase
      tx("p", B + 7, 0), // 0: not a purchase
      tx("p", B + 14, -4), // a return only: not a purchase
      tx("p", B + 21, 0.01), // the smallest positive amount is a purchase
      tx("p", B + 28, 5),
      tx("p", B + 28, -20), // a purchase (one row > 0), net −15
      tx("p", B + 35, 30),
      tx("p", B + 35, -10), // net 20
    ];
    const [p] = summarize(transactionTable(rows), { unit: "days", end: B + 40 });
    // purchase days B, B+21, B+28, B+35 → x = 3, t_x = 35 days, T = 40 days
    expect(p.frequency).toBe(3);
    expect(p.recency).toBe(35);
    expect(p.T).toBe(40);
    // monetary: mean net amount of the 3 repeat days = (0.01 − 15 + 20) / 3 = 5.01 / 3 = 1.67
    expect(p.monetary).toBeCloseTo(1.67, 12);
    // revenue: 15 + 0 − 4 + 0.01 − 15 + 20 = 16.01 (every day, return-only days included)
    expect(p.revenue).toBeCloseTo(16.01, 12);
    // orders: rows with an amount > 0: 10, 5, 0.01, 5, 30 = 5
    expect(p.orders).toBe(5);
    expect(p.first).toBe(B);
    expect(p.last).toBe(B + 35);
  });

  it("monetary is the mean of the repeat days, the first purchase excluded: 100 then 10 and 20 gives 15, not 43.33", () => {
    const [c] = summarize(transactionTable([tx("c", B, 100), tx("c", B + 1, 10), tx("c", B + 2, 20)]), { unit: "days" });
    // (10 + 20) / 2 = 15; the first purchase (100) is left out; revenue 130
    expect(c.monetary).toBe(15);
    expect(c.revenue).toBe(130);
    expect(c.frequency).toBe(2);
  });

  it("a return-only day before the first purchase does not start the customer; first = the first day with a row > 0", () => {
    const [c] = summarize(transactionTable([tx("c", B, -3), tx("c", B + 5, 8), tx("c", B + 9, 4)]), { unit: "days", end: B + 10 });
    // purchase days B+5, B+9: x = 1, t_x = 4, T = 10 − 5 = 5; monetary 4; revenue −3 + 8 + 4 = 9
    expect(c).toMatchObject({ frequency: 1, recency: 4, T: 5, monetary: 4, revenue: 9, first: B + 5, last: B + 9, orders: 2 });
  });

  it("a customer with no row above 0 is a one-time buyer at its first row: x = 0, t_x = 0, first = last, orders 0 (docs/summary.md §1)", () => {
    // rows given latest first: the first row is the earliest day, B + 3, whatever the input order
    const [z] = summarize(transactionTable([tx("z", B + 20, -7), tx("z", B + 3, 0), tx("z", B + 10, -5)]), { unit: "days", end: B + 31 });
    // T = 31 − 3 = 28 days; revenue 0 − 5 − 7 = −12
    expect(z).toMatchObject({ frequency: 0, recency: 0, T: 28, monetary: 0, revenue: -12, first: B + 3, last: B + 3, orders: 0 });
  });

  it("rows of two customers in any order: each customer's days are sorted before counting", () => {
    const [a, b] = summarize(transactionTable([tx("b", B + 9, 2), tx("a", B + 4, 1), tx("b", B, 3), tx("a", B + 2, 6)]), { unit: "days", end: B + 10 });
    // a: days B+2 (6), B+4 (1): x = 1, t_x = 2, T = 8, monetary 1. b: days B (3), B+9 (2): x = 1, t_x = 9, T = 10, monetary 2
    expect(a).toMatchObject({ customerId: "a", frequency: 1, recency: 2, T: 8, monetary: 1, first: B + 2, last: B + 4 });
    expect(b).toMatchObject({ customerId: "b", frequency: 1, recency: 9, T: 10, monetary: 2, first: B, last: B + 9 });
  });
});

describe("t_x and T in days, weeks and months (docs/summary.md §2)", () => {
  const rows = () => [tx("u", B, 1), tx("u", B + 31, 1)];

  it("the unit lengths are 1, 7 and 365.25 / 12 = 30.4375 days", () => {
    expect(DAYS_PER_UNIT).toEqual({ days: 1, weeks: 7, months: 30.4375 });
    expect(daysPerUnit("days")).toBe(1);
    expect(daysPerUnit("w")).toBe(7);
    expect(daysPerUnit("m")).toBe(30.4375);
  });

  it("first purchase 61 days and last 30 days before the end: t_x = 31 days, 31/7 weeks, 31/30.4375 months; T = 61, 61/7, 61/30.4375", () => {
    const end = B + 61;
    const [d] = summarize(transactionTable(rows()), { unit: "days", end });
    expect([d.recency, d.T]).toEqual([31, 61]);
    const [w] = summarize(transactionTable(rows()), { unit: "weeks", end });
    expect(w.recency).toBeCloseTo(4.428571428571429, 14); // 31 / 7
    expect(w.T).toBeCloseTo(8.714285714285714, 14); // 61 / 7
    const [m] = summarize(transactionTable(rows()), { unit: "months", end });
    expect(m.recency).toBeCloseTo(1.0184804928131417, 14); // 31 / 30.4375
    expect(m.T).toBeCloseTo(2.0041067761806981, 14); // 61 / 30.4375
  });

  it("the default unit is weeks: T = 14 days = 2", () => {
    const [w] = summarize(transactionTable([tx("u", B, 1)]), { end: B + 14 });
    expect(w.T).toBe(2);
    expect(resolveSummarySettings(transactionTable([tx("u", B, 1)])).unit).toBe("weeks");
  });

  it("unit names: days/day/d, weeks/week/w, months/month/m, any case, trimmed; anything else is OUT_OF_RANGE naming unit", () => {
    for (const u of ["days", "day", "d", " DAYS "]) expect(normaliseUnit(u)).toBe("days");
    for (const u of ["weeks", "week", "w", "Week"]) expect(normaliseUnit(u)).toBe("weeks");
    for (const u of ["months", "month", "m", "M "]) expect(normaliseUnit(u)).toBe("months");
    const e = thrown(() => normaliseUnit("fortnight"));
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.where).toEqual({ argument: "unit" });
    expect(e.message).toBe('unit must be one of days, weeks, months; got "fortnight"');
    expect(() => daysPerUnit("")).toThrow(/unit must be one of days, weeks, months; got ""/);
  });
});

describe("the observation end (docs/summary.md §1–§2)", () => {
  it("defaults to the last date in the data, wherever its row is: T runs to it", () => {
    // the latest row (B + 50) is in the middle of the table; the first row is not the latest
    const t = transactionTable([tx("a", B + 10, 1), tx("b", B + 50, 1), tx("a", B, 1), tx("c", B + 20, 1)]);
    const s = resolveSummarySettings(t);
    expect(s.end).toBe(B + 50);
    const [a, b, c] = summarize(t, { unit: "days" });
    expect([a.T, b.T, c.T]).toEqual([50, 0, 30]); // from B, B+50, B+20 to B+50
  });

  it("a row on the end day counts; a row one day after is left out, and a customer with only such rows is not summarised", () => {
    const t = transactionTable([tx("a", B, 1), tx("a", B + 10, 2), tx("a", B + 11, 4), tx("b", B + 11, 8)]);
    const out = summarize(t, { unit: "days", end: B + 10 });
    expect(out.map((s) => s.customerId)).toEqual(["a"]);
    // a: days B, B+10 → x = 1, t_x = 10, T = 10, revenue 3; the 4 on B+11 is left out
    expect(out[0]).toMatchObject({ frequency: 1, recency: 10, T: 10, revenue: 3, monetary: 2, orders: 2 });
  });

  it("the end as ISO text or as an Excel serial; a bad end is INVALID_DATE naming the observation end", () => {
    const t = transactionTable([tx("a", "2024-01-01", 1)]);
    expect(resolveSummarySettings(t, { end: "2024-01-29" }).end).toBe(45320);
    expect(resolveSummarySettings(t, { end: 45320.7 }).end).toBe(45320);
    const e = thrown(() => resolveSummarySettings(t, { end: "2024-02-30" }));
    expect(e.code).toBe("INVALID_DATE");
    expect(e.where).toEqual({ argument: "end" });
    expect(e.message).toBe('the observation end: cannot read the text "2024-02-30" as a date (expected YYYY-MM-DD or an Excel date)');
    // a small number is not a date here: the end is not a date-formatted cell
    expect(thrown(() => resolveSummarySettings(t, { end: 2024 })).message).toMatch(/^the observation end: 2024 is a number, not a date/);
  });

  it("nothing on or before the end is EMPTY_INPUT naming the end; no rows at all is 'there are no transactions'", () => {
    const t = transactionTable([tx("a", 45320, 1)]);
    const e = thrown(() => summarize(t, { end: 45319 }));
    expect(e.code).toBe("EMPTY_INPUT");
    expect(e.where).toEqual({ argument: "end" });
    expect(e.message).toBe("no transaction falls on or before the observation end 2024-01-28");
    const empty = transactionTable([]);
    expect(thrown(() => summarize(empty)).message).toBe("there are no transactions");
    expect(thrown(() => summarize(empty, { end: 45320 })).message).toBe("there are no transactions");
    expect(thrown(() => resolveSummarySettings(empty)).code).toBe("EMPTY_INPUT");
  });
});

describe("revenue, margin and quantity (docs/summary.md §4)", () => {
  it("margin is Σ(amount − cost); a row with a blank cost adds nothing; cost wins over a margin column", () => {
    const t = transactionTable([
      tx("a", B, 10, { cost: 4, margin: 100 }),
      tx("a", B + 1, 20, { margin: 100 }), // blank cost: no margin, the margin column is not used
      tx("a", B + 2, -5, { cost: -2 }),
    ]);
    const [a] = summarize(t, { unit: "days" });
    // (10 − 4) + (−5 + 2) = 3
    expect(a.margin).toBe(3);
    expect(a.revenue).toBe(25);
  });

  it("with only a margin column the margin is Σ margin; a blank margin adds nothing", () => {
    const [a] = summarize(transactionTable([tx("a", B, 10, { margin: 4 }), tx("a", B + 1, 20), tx("a", B + 2, 7, { margin: -1.5 })]), { unit: "days" });
    expect(a.margin).toBe(2.5); // 4 − 1.5
  });

  it("a customer without a cost value in a table with a cost column has margin 0; without cost or margin columns, null", () => {
    const [a, b] = summarize(transactionTable([tx("a", B, 10, { cost: 3 }), tx("b", B, 10)]), { unit: "days" });
    expect(a.margin).toBe(7);
    expect(b.margin).toBe(0);
    const [c] = summarize(transactionTable([tx("c", B, 10)]), { unit: "days" });
    expect(c.margin).toBeNull();
    expect(c.quantity).toBeNull();
  });

  it("quantity is Σ quantity over the rows up to the end; a blank quantity adds nothing", () => {
    const [a, b] = summarize(transactionTable([tx("a", B, 10, { quantity: 2 }), tx("a", B + 1, 10), tx("a", B + 2, -10, { quantity: -1 }), tx("a", B + 9, 1, { quantity: 50 }), tx("b", B, 1)]), {
      unit: "days",
      end: B + 5,
    });
    expect(a.quantity).toBe(1); // 2 − 1; the 50 after the end is left out
    expect(b.quantity).toBe(0);
  });
});

describe("recent periods, active and observed periods (docs/summary.md §5–§6)", () => {
  it("period j holds the days in (end − (j+1)·L, end − j·L]: with L = 10, days end−10 and end−19 are period 1, end−20 period 2", () => {
    const end = B + 100;
    const t = transactionTable([
      tx("a", end - 25, 1000), // j = floor(25/10) = 2: outside N = 2 periods
      tx("a", end - 20, 1), // j = 2: outside
      tx("a", end - 19, 2), // j = 1
      tx("a", end - 10, 4), // j = 1
      tx("a", end - 9, 8), // j = 0
      tx("a", end, 16), // j = 0
    ]);
    const [a] = summarize(t, { unit: "days", end, periodCount: 2, periodDays: 10 });
    expect(a.periodAmounts).toEqual([2 + 4, 8 + 16]); // oldest first
    // purchase periods j = 2, 2, 1, 1, 0, 0 → 3 active; observed ⌊25/10⌋ + 1 = 3
    expect(a.activePeriods).toBe(3);
    expect(a.observedPeriods).toBe(3);
  });

  it("a return-only day adds its net amount to its period but does not make the period active", () => {
    const end = B + 100;
    const t = transactionTable([tx("a", end - 35, 5), tx("a", end - 15, -3), tx("a", end - 2, 7)]);
    const [a] = summarize(t, { unit: "days", end, periodCount: 3, periodDays: 10 });
    // j: 3 (outside N = 3), 1, 0 → periods oldest first [j=2, j=1, j=0] = [0, −3, 7]
    expect(a.periodAmounts).toEqual([0, -3, 7]);
    // purchases in j = 3 and j = 0 → 2 active; observed ⌊35/10⌋ + 1 = 4
    expect(a.activePeriods).toBe(2);
    expect(a.observedPeriods).toBe(4);
  });

  it("active periods count a period once however many purchase days it holds; periods beyond N still count", () => {
    const end = B + 100;
    const t = transactionTable([tx("a", end - 59, 1), tx("a", end - 55, 1), tx("a", end - 51, 1), tx("a", end - 1, 1)]);
    const [a] = summarize(t, { unit: "days", end, periodCount: 1, periodDays: 10 });
    // j = 5, 5, 5, 0 → 2 active periods; observed ⌊59/10⌋ + 1 = 6; the one period kept holds 1
    expect(a.activePeriods).toBe(2);
    expect(a.observedPeriods).toBe(6);
    expect(a.periodAmounts).toEqual([1]);
  });

  it("exit periods end at the last purchase: a return after it is left out, rows (not days) before it are summed", () => {
    const end = B + 100;
    const t = transactionTable([tx("a", B, 3), tx("a", B + 25, -1), tx("a", B + 25, 6), tx("a", B + 40, 2), tx("a", B + 60, -9)]);
    const [a] = summarize(t, { unit: "days", end, periodCount: 2, periodDays: 20 });
    // last purchase B+40. j = ⌊(40 − d)/20⌋: B → 2 (outside), B+25 → 0, B+40 → 0; B+60 is after the last purchase
    expect(a.exitPeriodAmounts).toEqual([0, -1 + 6 + 2]);
    // back from the end (B+100): j = ⌊(100 − d)/20⌋: B → 5, B+25 → 3, B+40 → 3, B+60 → 2: none in j < 2
    expect(a.periodAmounts).toEqual([0, 0]);
  });

  it("a customer with no purchase has its exit periods at its first row", () => {
    const [z] = summarize(transactionTable([tx("z", B, -2), tx("z", B + 5, -3)]), { unit: "days", end: B + 10, periodCount: 2, periodDays: 5 });
    // first = last = B: only the row of day B is on or before it; j = 0
    expect(z.exitPeriodAmounts).toEqual([0, -2]);
    // back from the end: B → j = 2 (outside), B+5 → j = 1
    expect(z.periodAmounts).toEqual([-3, 0]);
    expect(z.activePeriods).toBe(0);
    expect(z.observedPeriods).toBe(3); // ⌊10/5⌋ + 1
  });

  it("defaults: 4 periods of 365.25 / 4 = 91.3125 days; day end−91 is in the newest quarter, end−92 in the one before", () => {
    expect(DEFAULT_PERIOD_COUNT).toBe(4);
    expect(DEFAULT_PERIOD_DAYS).toBe(91.3125);
    const t = transactionTable([tx("x", B - 92, 1), tx("x", B - 91, 2), tx("x", B, 4)]);
    const s = resolveSummarySettings(t);
    expect([s.periodCount, s.periodDays, s.daysPerUnit, s.end]).toEqual([4, 91.3125, 7, B]);
    const [x] = summarize(t);
    expect(x.periodAmounts).toEqual([0, 0, 1, 6]);
  });

  it("periodCount is a whole number 1 … 1000; periodDays a finite number ≥ 1", () => {
    const t = transactionTable([tx("a", B, 1)]);
    expect(resolveSummarySettings(t, { periodCount: 1 }).periodCount).toBe(1);
    expect(resolveSummarySettings(t, { periodCount: 1000 }).periodCount).toBe(1000);
    for (const bad of [0, 1001, 2.5, NaN]) {
      const e = thrown(() => resolveSummarySettings(t, { periodCount: bad }));
      expect(e.code).toBe("OUT_OF_RANGE");
      expect(e.where).toEqual({ argument: "periodCount" });
      expect(e.key).toBe("arg.wholeBetween");
      expect(e.params).toMatchObject({ arg: "periodCount", min: 1, max: 1000, got: bad });
      expect(e.message).toMatch(/must be a whole number from 1 to 1000; got /);
    }
    expect(resolveSummarySettings(t, { periodDays: 1 }).periodDays).toBe(1);
    for (const bad of [0.999, 0, -5, NaN, Infinity]) {
      const e = thrown(() => resolveSummarySettings(t, { periodDays: bad }));
      expect(e.code).toBe("OUT_OF_RANGE");
      expect(e.where).toEqual({ argument: "periodDays" });
      expect(e.key).toBe("arg.atLeast");
      expect(e.params).toMatchObject({ arg: "periodDays", min: 1, got: bad });
      expect(e.message).toMatch(/must be at least 1; got /);
    }
  });

  it("the purchase period is day (the default), week or month; anything else is refused with the choices named", () => {
    const t = transactionTable([tx("a", B, 1)]);
    expect(resolveSummarySettings(t).purchasePeriod).toBe("day");
    const e = thrown(() => resolveSummarySettings(t, { purchasePeriod: "fortnight" as never }));
    expect([e.code, e.key, e.where, e.params]).toEqual(["OUT_OF_RANGE", "arg.notChoice", { argument: "purchasePeriod" }, { arg: "purchasePeriod", choices: "day, week, month", got: '"fortnight"' }]);
  });
});

describe("sums are added in a fixed order, so the result does not depend on the rows' order (docs/inputs.md §6)", () => {
  // 0.1, 0.2, 0.3 added in ascending order is 0.6000000000000001; 0.3 + 0.2 + 0.1 is 0.6.
  const perms = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));

  it("same-day amounts are added by ascending amount: 0.3, 0.2, 0.1 in any order give (0.1 + 0.2) + 0.3", () => {
    const want = 0.1 + 0.2 + 0.3; // left to right: 0.6000000000000001
    expect(want).not.toBe(0.6);
    for (const p of perms([0.3, 0.2, 0.1])) {
      const [a] = summarize(transactionTable(p.map((v) => tx("a", B, v))), { unit: "days" });
      expect(a.revenue).toBe(want);
    }
  });

  it("equal day and amount: rows by ascending cost, a blank cost last (seen in the order the quantities add up)", () => {
    // quantities 0.1, 0.2, 0.3 on rows of cost 1, 2, blank: the sum is (0.1 + 0.2) + 0.3 in every order
    const rows = [tx("a", B, 5, { cost: 2, quantity: 0.2 }), tx("a", B, 5, { quantity: 0.3 }), tx("a", B, 5, { cost: 1, quantity: 0.1 })];
    for (const p of perms(rows)) {
      const [a] = summarize(transactionTable(p), { unit: "days" });
      expect(a.quantity).toBe(0.1 + 0.2 + 0.3);
      expect(a.margin).toBe(7); // (5 − 2) + (5 − 1)
    }
  });

  it("equal day, amount and cost: rows by ascending margin, a blank margin last", () => {
    const rows = [tx("a", B, 5, { cost: 1, margin: 2, quantity: 0.2 }), tx("a", B, 5, { cost: 1, quantity: 0.3 }), tx("a", B, 5, { cost: 1, margin: -1, quantity: 0.1 })];
    for (const p of perms(rows)) {
      const [a] = summarize(transactionTable(p), { unit: "days" });
      expect(a.quantity).toBe(0.1 + 0.2 + 0.3);
    }
    const byMargin = [tx("a", B, 5, { margin: 2, quantity: 0.2 }), tx("a", B, 5, { quantity: 0.3 }), tx("a", B, 5, { margin: -1, quantity: 0.1 })];
    for (const p of perms(byMargin)) {
      const [a] = summarize(transactionTable(p), { unit: "days" });
      expect(a.quantity).toBe(0.1 + 0.2 + 0.3);
      expect(a.margin).toBe(1);
    }
  });

  it("a customer of more than 64 rows (the long-run sort) gives the same figures in any order", () => {
    // 66 rows: 60 purchases of 1 on days B … B+59, and on day B+60 the amounts 0.3, 0.2, 0.1 with
    // costs blank/2/1; plus 3 rows of amount 0.5 on day B+61 with costs 3, blank, 1 and quantities 0.2, 0.1, 0.3.
    const base: Transaction[] = [];
    for (let d = 0; d < 60; d++) base.push(tx("a", B + d, 1));
    base.push(tx("a", B + 60, 0.3), tx("a", B + 60, 0.2, { cost: 2 }), tx("a", B + 60, 0.1, { cost: 1 }));
    base.push(tx("a", B + 61, 0.5, { cost: 3, quantity: 0.2 }), tx("a", B + 61, 0.5, { quantity: 0.1 }), tx("a", B + 61, 0.5, { cost: 1, quantity: 0.3 }));
    const want = {
      frequency: 61, // 62 purchase days
      recency: 61,
      T: 61,
      orders: 66,
      first: B,
      last: B + 61,
      // revenue: 60 · 1, then the day of B+60 = (0.1 + 0.2) + 0.3, then the day of B+61 = 1.5
      revenue: 60 + (0.1 + 0.2 + 0.3) + 1.5,
      // quantities of day B+61 by ascending cost, the blank last: 0.3 (cost 1), 0.2 (cost 3), 0.1 (blank) = 0.6;
      // the input order (0.2, 0.1, 0.3), its reverse or the blank first would give 0.6000000000000001
      quantity: 0.3 + 0.2 + 0.1,
    };
    expect(want.quantity).not.toBe(0.1 + 0.2 + 0.3);
    const orders = [base, [...base].reverse(), [...base.slice(33), ...base.slice(0, 33)]];
    for (const rows of orders) {
      const [a] = summarize(transactionTable(rows), { unit: "days" });
      expect(a).toMatchObject(want);
    }
  });
});

describe("sums past 1.8e308 are an error naming the customer, never Infinity (docs/inputs.md §9)", () => {
  const big = 1e308;
  const err = (rows: Transaction[], options = {}) => thrown(() => summarize(transactionTable(rows), { unit: "days", ...options }));
  const msg = 'the amounts of customer "big" add up to more than 1.8e308, the largest number CVA can compute with';

  it("revenue: 1e308 + 1e308", () => {
    const e = err([tx("big", B, big), tx("big", B + 1, big)]);
    expect(e.code).toBe("INVALID_NUMBER");
    expect(e.message).toBe(msg);
  });
  it("margin: 1e308 − (−1e308) on one row, revenue finite", () => {
    expect(err([tx("big", B, big, { cost: -big })]).message).toBe(msg);
  });
  it("margin column: 1e308 + 1e308", () => {
    expect(err([tx("big", B, 1, { margin: big }), tx("big", B + 1, 1, { margin: big })]).message).toBe(msg);
  });
  it("quantity: 1e308 + 1e308", () => {
    expect(err([tx("big", B, 1, { quantity: big }), tx("big", B + 1, 1, { quantity: big })]).message).toBe(msg);
  });
  it("mean spend: a return of −1e308 first keeps revenue at 1e308 while the two repeat days add up to 2e308", () => {
    // revenue by day: −1e308 + 1 + 1e308 + 1e308 = 1e308 (finite); repeat days 1e308 + 1e308 = Infinity
    expect(err([tx("big", B, -big), tx("big", B + 1, 1), tx("big", B + 2, big), tx("big", B + 3, big)], { periodCount: 1, periodDays: 1, end: B + 10 }).message).toBe(msg);
  });
  it("a recent period: −1e308 two periods back, then 1e308 twice in one period", () => {
    // revenue −1e308 + 1e308 + 1e308 = 1e308; period j = 0 holds 2e308 (and so does the exit period
    // ending at B+11). Purchases B+10 (first) and B+11: repeat sum 1e308, finite.
    expect(err([tx("big", B, -big), tx("big", B + 10, big), tx("big", B + 11, big)], { end: B + 11, periodCount: 2, periodDays: 5 }).message).toBe(msg);
  });
  it("a period back from the end: returns of −1e308 on two days after the last purchase", () => {
    // revenue 1e308 − 1e308 − 1e308 = −1e308; period j = 0 (days B+8, B+9) holds −2e308; exit periods hold 1e308
    expect(err([tx("big", B, big), tx("big", B + 8, -big), tx("big", B + 9, -big)], { end: B + 9, periodCount: 1, periodDays: 5 }).message).toBe(msg);
  });
  it("an exit period: the periods back from the end are empty, the ones back from the last purchase hold 2e308", () => {
    // revenue −1e308 + 1e308 + 1e308 = 1e308; end B+100 is 20 periods of 5 days after the purchases
    expect(err([tx("big", B, -big), tx("big", B + 10, big), tx("big", B + 11, big)], { end: B + 100, periodCount: 2, periodDays: 5 }).message).toBe(msg);
  });
  it("an amount that is not finite in a table built by hand is named by its row", () => {
    const t: TransactionTable = { length: 2, customer: new Int32Array([0, 0]), ids: ["a"], day: new Int32Array([B, B + 1]), amount: new Float64Array([1, Infinity]) };
    const e = thrown(() => summarize(t, { unit: "days" }));
    expect(e.code).toBe("INVALID_NUMBER");
    expect(e.where).toEqual({ row: 2 });
    expect(e.message).toBe("row 2: the amount Infinity is not a finite number");
    const n: TransactionTable = { ...t, amount: new Float64Array([NaN, 1]) };
    expect(thrown(() => summarize(n, { unit: "days" })).message).toBe("row 1: the amount NaN is not a finite number");
  });
});

describe("the id order (docs/summary.md §1)", () => {
  it("digit ids by value, equal values by code unit, long digit ids after the short, then the others by code unit", () => {
    const ids = ["b", "10", "#x", "7", "a", "12345678901234567890", "07", "/", "2", "9999999999999999", "007", "0", "00000000000000000000001", "A"];
    const t = transactionTable(ids.map((id) => tx(id, B, 1)));
    // by hand: 0; 00…01 (= 1, 23 characters); 2; 7 as "007" < "07" < "7"; 10; then 9999999999999999 (16 digits)
    // before 12345678901234567890 (20 digits); then code units: "#" 35, "/" 47, "A" 65, "a" 97, "b" 98
    const want = ["0", "00000000000000000000001", "2", "007", "07", "7", "10", "9999999999999999", "12345678901234567890", "#x", "/", "A", "a", "b"];
    expect(summarize(t, { unit: "days" }).map((s) => s.customerId)).toEqual(want);
    expect([...ids].sort(compareIds)).toEqual(want);
  });

  it("long digit ids compare by length, then digit by digit: 17 digits before 18, 100…01 after 100…00", () => {
    const ids = ["100000000000000001", "99999999999999999", "100000000000000000", "0100000000000000000"];
    const t = transactionTable(ids.map((id) => tx(id, B, 1)));
    // 99999999999999999 (17 digits) < 0100000000000000000 = 100000000000000000 (equal values: "0…" first) < 100000000000000001
    const want = ["99999999999999999", "0100000000000000000", "100000000000000000", "100000000000000001"];
    expect(summarize(t, { unit: "days" }).map((s) => s.customerId)).toEqual(want);
    expect([...ids].sort(compareIds)).toEqual(want);
  });

  it("other ids by code unit whatever their length: a 15-character 'aaa…' before a 1-character 'b'", () => {
    const ids = ["b", "aaaaaaaaaaaaaaa", "10", "9"];
    const t = transactionTable(ids.map((id) => tx(id, B, 1)));
    expect(summarize(t, { unit: "days" }).map((s) => s.customerId)).toEqual(["9", "10", "aaaaaaaaaaaaaaa", "b"]);
  });

  it("compareIds signs: 2 < 10, 19 < 21, 007 < 7, 9 < '/' (digit ids first), 'a' < 'b', equal is 0", () => {
    const sign = (a: string, b: string) => Math.sign(compareIds(a, b));
    expect([sign("2", "10"), sign("10", "2")]).toEqual([-1, 1]);
    expect([sign("19", "21"), sign("21", "19")]).toEqual([-1, 1]);
    expect([sign("007", "7"), sign("7", "007")]).toEqual([-1, 1]);
    expect([sign("9", "/"), sign("/", "9"), sign(":", "9"), sign("9", ":")]).toEqual([-1, 1, 1, -1]);
    expect([sign("a", "b"), sign("b", "a"), sign("ab", "a")]).toEqual([-1, 1, 1]);
    expect([sign("007", "007"), sign("x", "x"), sign("0", "0")]).toEqual([0, 0, 0]);
    expect([sign("", "0"), sign("0", "")]).toEqual([1, -1]); // the empty id is not a digit id
    expect([sign("00", "0"), sign("0", "00")]).toEqual([1, -1]); // both 0: "0" < "00"
  });
});

describe("reading transactions (docs/inputs.md §3)", () => {
  it("ids: a number as written, text trimmed; an empty id is MISSING naming the row", () => {
    expect(idText(1001)).toBe("1001");
    expect(idText(7.5)).toBe("7.5");
    expect(idText("  C1 ")).toBe("C1");
    expect(idText(undefined)).toBe("");
    expect(idText(null)).toBe("");
    const t = transactionTable([tx("a", B, 1), tx(" b", B, 1), tx("a ", B, 1)]);
    expect(t.ids).toEqual(["a", "b"]);
    expect([...t.customer]).toEqual([0, 1, 0]);
    const e = thrown(() => transactionTable([tx("a", B, 1), tx("  ", B, 1)]));
    expect(e.code).toBe("MISSING");
    expect(e.where).toEqual({ row: 2, column: "customerId" });
    expect(e.message).toBe("row 2: the customer id is empty");
  });

  it("optional columns exist only when a row gives them; a blank cell is NaN", () => {
    const t = transactionTable([tx("a", B, 1), tx("a", B, 2, { cost: 1 })]);
    expect(t.cost && [...t.cost]).toEqual([NaN, 1]);
    expect(t.margin).toBeUndefined();
    expect(t.quantity).toBeUndefined();
    const q = transactionTable([tx("a", B, 1, { quantity: 3 }), tx("a", B, 2, { margin: 0.5 })]);
    expect(q.quantity && [...q.quantity]).toEqual([3, NaN]);
    expect(q.margin && [...q.margin]).toEqual([NaN, 0.5]);
    expect(q.cost).toBeUndefined();
  });

  it("an amount, cost, margin or quantity that is not a finite number is INVALID_NUMBER naming the row and column", () => {
    const cases: [Partial<Transaction>, string, string][] = [
      [{ amount: Infinity }, "amount", "row 2: the amount is Infinity, not a finite number"],
      [{ cost: NaN }, "cost", "row 2: the cost is NaN, not a finite number"],
      [{ margin: -Infinity }, "margin", "row 2: the margin is -Infinity, not a finite number"],
      [{ quantity: "3" as unknown as number }, "quantity", 'row 2: the quantity is the text "3", not a finite number'],
    ];
    for (const [bad, column, message] of cases) {
      const e = thrown(() => transactionTable([tx("a", B, 1), { ...tx("a", B, 1), ...bad }]));
      expect(e.code).toBe("INVALID_NUMBER");
      expect(e.where).toEqual({ row: 2, column });
      expect(e.message).toBe(message);
    }
  });

  it("dates: a small number is a date only in a date-formatted column; a bad date names its row", () => {
    expect([...transactionTable([tx("a", 5, 1)], { dateFormatted: true }).day]).toEqual([5]);
    const e = thrown(() => transactionTable([tx("a", B, 1), tx("a", 5, 1)]));
    expect(e.code).toBe("INVALID_DATE");
    expect(e.message).toMatch(/^row 2, column "date": 5 is a number, not a date/);
  });
});

describe("what the summary reports (docs/inputs.md §5, docs/summary.md §9)", () => {
  const days = (ds: number[]) => transactionTable(ds.map((d, i) => tx(`c${i}`, d, 1)));
  const warn = (t: TransactionTable, options: { end?: number; today?: number } = {}) => summarizeWithWarnings(t, { unit: "days", ...options }).warnings;
  const keys = (t: TransactionTable, options: { end?: number; today?: number } = {}) => warn(t, options).map((w) => w.key);
  const narrow = [B, B + 10, B + 20, B + 30, B + 40, B + 50, B + 60];

  it("the fence constants: 3 interquartile ranges, at least 91 days", () => {
    expect([FAR_OUT_IQRS, FAR_OUT_MIN_IQR_DAYS]).toEqual([3, 91]);
  });

  it("far out above: Q1 = B+10, Q3 = B+50 of 8 dates, span 40 taken as 91, fence B+50+273 = B+323: B+323 is not far, B+324 is", () => {
    // 8 dates: Q1 is the date of rank ⌊7/4⌋ = 1, Q3 of rank ⌊21/4⌋ = 5 (0-based, ascending)
    expect(keys(days([...narrow, B + 323]))).toEqual([]);
    const w = warn(days([...narrow, B + 324]));
    expect(w.map((x) => x.key)).toEqual(["warn.farOut", "warn.endIsOutlier"]);
    expect(w[0].params).toEqual({ rows: { "en-US": "1 row is", "zh-CN": "1 行" }, q1: "2023-03-25", q3: "2023-05-04", min: 273, dates: "2024-02-02" });
    expect(w[1].params).toEqual({ end: "2024-02-02" });
  });

  it("far out above with a wide middle: Q1 = B+100, Q3 = B+500, fence B+500+1200: B+1700 is not far, B+1701 is", () => {
    const wide = [B, B + 100, B + 200, B + 300, B + 400, B + 500, B + 600];
    expect(keys(days([...wide, B + 1700]))).toEqual([]);
    const w = warn(days([...wide, B + 1701]));
    expect(w[0]).toEqual({ key: "warn.farOut", params: expect.objectContaining({ q1: "2023-06-23", q3: "2024-07-27", dates: "2027-11-10" }) });
  });

  it("far out below: Q1 = B, Q3 = B+40, fence B − 273: B−273 is not far, B−274 is; the end (B+60) is not far", () => {
    expect(keys(days([B - 273, ...narrow]))).toEqual([]);
    const w = warn(days([B - 274, ...narrow]));
    expect(w.map((x) => x.key)).toEqual(["warn.farOut"]);
    expect(w[0].params).toMatchObject({ q1: "2023-03-15", q3: "2023-04-24", dates: "2022-06-14" });
  });

  it("quartiles count rows, not days: B three times, B+10 … B+40 → Q1 = B, Q3 = B+30; B+303 is not far, B+304 is", () => {
    const d = [B, B, B, B + 10, B + 20, B + 30, B + 40];
    expect(keys(days([...d, B + 303]))).toEqual([]);
    expect(warn(days([...d, B + 304]))[0].params).toMatchObject({ q1: "2023-03-15", q3: "2023-04-14", dates: "2024-01-13" });
  });

  it("lists 3 far dates and '…' for more; counts every far row", () => {
    const base: number[] = [];
    for (let i = 0; i < 20; i++) base.push(B + 5 * i); // B … B+95
    // 25 dates: Q1 rank 6 = B+30, Q3 rank 18 = B+90, fence B+90+273 = B+363
    const four = warn(days([...base, B + 1000, B + 1000, B + 1001, B + 1002, B + 1003]))[0];
    expect(four.params).toMatchObject({ rows: { "en-US": "5 rows are" }, q1: "2023-04-14", q3: "2023-06-13", dates: "2025-12-09, 2025-12-10, 2025-12-11, …" });
    const three = warn(days([...base, B + 1000, B + 1000, B + 1001, B + 1002]))[0];
    expect(three.params).toMatchObject({ rows: { "en-US": "4 rows are" }, dates: "2025-12-09, 2025-12-10, 2025-12-11" });
  });

  it("an end set after a far date is not 'defaulted'; rows after an end are counted and left out of the quartiles", () => {
    // end set 100 days after the far date: no row after it, but it is not the last date → no endIsOutlier
    expect(keys(days([...narrow, B + 324]), { end: B + 424 })).toEqual(["warn.farOut"]);
    // end on the far date with a row after it: not defaulted either; the row after the end is counted
    const w = warn(days([...narrow, B + 324, B + 400]), { end: B + 324 });
    expect(w.map((x) => x.key)).toEqual(["warn.farOut", "warn.rowsAfterEnd"]);
    expect(w[1].params).toEqual({ rows: { "en-US": "1 row was", "zh-CN": "1 行" }, end: "2024-02-02" });
    // the row far after the end does not move the quartiles: end B+60, rows B … B+60 and B+5000
    const x = warn(days([...narrow, B + 5000, B + 5000]), { end: B + 60 });
    expect(x.map((y) => y.key)).toEqual(["warn.rowsAfterEnd"]);
    expect(x[0].params).toMatchObject({ rows: { "en-US": "2 rows were" }, end: "2023-05-14" });
  });

  it("the latest row after today is named and the default end is the latest row whatever the rows' order", () => {
    // Rows B+40, B+30 after today B+25 (the later one first): the latest is B+40, 2023-04-24; the end defaults to it.
    const w = warn(days([B + 40, B, B + 10, B + 30, B + 20]), { today: B + 25 });
    expect(w.map((x) => x.key)).toEqual(["warn.afterToday", "warn.endIsOutlier"]);
    expect(w[0].params).toEqual({ rows: { "en-US": "2 rows are", "zh-CN": "2 行" }, today: "2023-04-09", date: "2023-04-24" });
    expect(w[1].params).toEqual({ end: "2023-04-24" });
    // A typo far after the data, given first, is still the defaulted end that the data do not support (no today).
    const far = warn(days([B + 5000, ...narrow]));
    expect(far.map((x) => x.key)).toEqual(["warn.farOut", "warn.endIsOutlier"]);
    expect(far[1].params).toEqual({ end: "2036-11-21" });
  });

  it("rows after today: a row on today is not after it; the latest is named; a defaulted end after today is flagged", () => {
    const t = () => days([B, B + 10, B + 20]);
    expect(keys(t(), { today: B + 20 })).toEqual([]);
    const one = warn(t(), { today: B + 19 });
    expect(one.map((x) => x.key)).toEqual(["warn.afterToday", "warn.endIsOutlier"]);
    expect(one[0].params).toEqual({ rows: { "en-US": "1 row is", "zh-CN": "1 行" }, today: "2023-04-03", date: "2023-04-04" });
    const two = warn(t(), { today: B + 5 });
    expect(two[0].params).toMatchObject({ rows: { "en-US": "2 rows are" }, today: "2023-03-20", date: "2023-04-04" });
  });

  it("an end set after today, with no row after today, is 'endAfterToday'; rows after the end are not 'after today'", () => {
    const w = warn(days([B, B + 10, B + 20]), { end: B + 30, today: B + 25 });
    expect(w).toEqual([{ key: "warn.endAfterToday", params: { end: "2023-04-14", today: "2023-04-09" } }]);
    expect(keys(days([B, B + 10, B + 20]), { end: B + 30, today: B + 30 })).toEqual([]);
    expect(keys(days([B, B + 10, B + 50]), { end: B + 20, today: B + 30 })).toEqual(["warn.rowsAfterEnd"]);
  });

  it("customers with no purchase are counted with the first in id order", () => {
    const t = transactionTable([tx("z", B, 0), tx("z", B + 1, -5), tx("a", B, 3), tx("y", B, 0), tx("b", B + 2, -1), tx("b", B + 3, 2)]);
    const { summaries, settings, warnings } = summarizeWithWarnings(t, { unit: "days" });
    // a and b have a row > 0; y and z do not → 2 customers, the first "y"
    expect(warnings).toEqual([{ key: "warn.noPurchase", params: { customers: { "en-US": "2 customers have", "zh-CN": "2 位客户" }, id: "y" } }]);
    expect(summaryWarnings(t, settings, summarizeColumns(t, settings))).toEqual(warnings);
    expect(summaryWarnings(t, settings, summaries)).toEqual(warnings);
    const one = transactionTable([tx("q", B, 0), tx("a", B, 3)]);
    expect(summarizeWithWarnings(one).warnings[0].params).toEqual({ customers: { "en-US": "1 customer has", "zh-CN": "1 位客户" }, id: "q" });
  });

  it("summarizeWithWarnings gives the resolved settings; a summary whose every row is after the end warns of those rows only", () => {
    const t = transactionTable([tx("a", B, 1), tx("a", B + 14, 1)]);
    const r = summarizeWithWarnings(t);
    expect(r.settings).toEqual({ unit: "weeks", daysPerUnit: 7, end: B + 14, periodCount: 4, periodDays: 91.3125, purchasePeriod: "day" });
    expect(r.summaries).toHaveLength(1);
    expect(r.summaries[0]).toMatchObject({ frequency: 1, recency: 2, T: 2 });
    const settings = { ...r.settings, end: B - 1 };
    expect(summaryWarnings(t, settings, [])).toEqual([{ key: "warn.rowsAfterEnd", params: { rows: { "en-US": "2 rows were", "zh-CN": "2 行" }, end: "2023-03-14" } }]);
  });
});

describe("summary columns and objects (docs/output.md §9)", () => {
  it("customer k's figures at index k, its periods at [k·N, (k+1)·N)", () => {
    const t = transactionTable([tx("b", B, 2, { quantity: 1 }), tx("a", B, 1, { cost: 0.5 }), tx("a", B + 10, 3)]);
    const settings = resolveSummarySettings(t, { unit: "days", periodCount: 2, periodDays: 5 });
    const c = summarizeColumns(t, settings);
    expect(c.ids).toEqual(["a", "b"]);
    expect(c.periodCount).toBe(2);
    expect([...c.periodAmounts]).toEqual([0, 3, 0, 0]); // a: B → j = 2 outside, B+10 → j = 0; b: B → outside
    expect([...c.exitPeriodAmounts]).toEqual([0, 3, 0, 2]); // a: back from B+10; b: back from B
    const a = summaryAt(c, 0);
    expect(a).toEqual({
      customerId: "a",
      frequency: 1,
      recency: 10,
      T: 10,
      monetary: 3,
      revenue: 4,
      margin: 0.5, // 1 − 0.5; the row of 3 has a blank cost
      quantity: 0,
      first: B,
      last: B + 10,
      orders: 2,
      periodAmounts: [0, 3],
      exitPeriodAmounts: [0, 3],
      activePeriods: 2, // B: j = 2, B+10: j = 0
      observedPeriods: 3, // ⌊10/5⌋ + 1
    });
    expect(summaryAt(c, 1)).toMatchObject({ customerId: "b", margin: 0, quantity: 1, exitPeriodAmounts: [0, 2] });
    expect(summaryObjects(c)).toEqual([a, summaryAt(c, 1)]);
  });

  it("a margin or quantity of NaN is null; columns without them are null", () => {
    const c = summaryColumns(1, 1, true, true);
    expect(c).toMatchObject({ length: 1, periodCount: 1 });
    expect([c.periodAmounts.length, c.exitPeriodAmounts.length, c.ids.length]).toEqual([1, 1, 1]);
    (c.margin as Float64Array)[0] = NaN;
    (c.quantity as Float64Array)[0] = NaN;
    expect(summaryAt(c, 0)).toMatchObject({ margin: null, quantity: null });
    (c.margin as Float64Array)[0] = 2;
    (c.quantity as Float64Array)[0] = 3;
    expect(summaryAt(c, 0)).toMatchObject({ margin: 2, quantity: 3 });
    const none = summaryColumns(2, 3, false, false);
    expect([none.margin, none.quantity]).toEqual([null, null]);
    expect(none.periodAmounts.length).toBe(6);
    expect(summaryAt(none, 1)).toMatchObject({ margin: null, quantity: null, periodAmounts: [0, 0, 0] });
  });
});
