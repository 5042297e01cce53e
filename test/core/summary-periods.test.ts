// Recency and T counted in whole purchase periods (src/core/summary/summarize.ts, docs/engines.md
// §2), worked by hand from the calendar, at a unit other than a day so that the period's length
// and the unit's both enter the figure.
import { summarize, transactionTable } from "../../src/core";
import { thrown } from "../support/thrown";

describe("recency and T with a week or a month purchase period", () => {
  it("weeks (Monday to Sunday) in weeks: two days of one week are one purchase", () => {
    // 2024-01-01 is a Monday: 2024-02-07 and 02-09 fall in week 5 (from Mon 02-05), 02-21 in week 7
    // and the end 2024-03-06 in week 9. x = 1 (weeks 5 and 7), t_x = (7 − 5)·7 days / 7 = 2 weeks,
    // T = (9 − 5)·7 / 7 = 4 weeks, monetary = the repeat week's 20.
    const t = transactionTable([
      { customerId: "a", date: "2024-02-07", amount: 10 },
      { customerId: "a", date: "2024-02-09", amount: 5 },
      { customerId: "a", date: "2024-02-21", amount: 20 },
    ]);
    const [a] = summarize(t, { unit: "weeks", purchasePeriod: "week", end: "2024-03-06" });
    expect([a.frequency, a.recency, a.T, a.monetary, a.revenue]).toEqual([1, 2, 4, 20, 35]);
  });

  it("calendar months in months", () => {
    // January, March and the end in June 2024: x = 1, t_x = 2 months, T = 5 months (a month is
    // 365.25/12 days both as the period and as the unit)
    const t = transactionTable([
      { customerId: "a", date: "2024-01-15", amount: 10 },
      { customerId: "a", date: "2024-03-10", amount: 30 },
    ]);
    const [a] = summarize(t, { unit: "months", purchasePeriod: "month", end: "2024-06-30" });
    expect(a.frequency).toBe(1);
    expect(a.recency).toBeCloseTo(2, 12);
    expect(a.T).toBeCloseTo(5, 12);
  });
});

describe("the exit periods, back from each customer's last purchase", () => {
  it("hold only the N periods back from the last purchase, in each customer's own slots", () => {
    // periodCount 2 of 10 days; each of a and b buys 1, 2, 4, 8 on days 0, 10, 20, 30 and returns 3
    // on day 35 (after its last purchase). Back from day 30: day 0 is period 3, day 10 period 2
    // (both beyond N = 2), day 20 period 1 and day 30 period 0: exit periods [4, 8], oldest first.
    const rows = ["a", "b"].flatMap((customerId) =>
      [
        [0, 1],
        [10, 2],
        [20, 4],
        [30, 8],
        [35, -3],
      ].map(([d, amount]) => ({ customerId, date: 45000 + d, amount })),
    );
    const s = summarize(transactionTable(rows), { unit: "days", periodCount: 2, periodDays: 10, end: 45035 });
    expect(s.map((c) => [c.customerId, c.exitPeriodAmounts, c.revenue])).toEqual([
      ["a", [4, 8], 12],
      ["b", [4, 8], 12],
    ]);
  });

  it("a revenue past 1.8e308 is an error even when no period holds it", () => {
    // two rows of 1e308 on day 0, a repeat purchase of 1 on day 100 = the end; one period of one
    // day holds only day 100, so only the revenue (2e308 = Infinity) is not finite
    const t = transactionTable([
      { customerId: "a", date: 45000, amount: 1e308 },
      { customerId: "a", date: 45000, amount: 1e308 },
      { customerId: "a", date: 45100, amount: 1 },
    ]);
    const e = thrown(() => summarize(t, { unit: "days", periodCount: 1, periodDays: 1 }));
    expect([e.code, e.key, e.params]).toEqual(["INVALID_NUMBER", "amount.sumTooLarge", { id: "a" }]);
  });
});
