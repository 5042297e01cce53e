/**
 * holdoutFromTransactions (src/core/clv/holdout.ts) on a table worked by hand, in days: the
 * calibration summaries of the customers who bought by the split, each one's purchase days after
 * the split up to the end, and the tracking times from the earliest first purchase. A purchase day
 * is a day with a positive net amount (docs/summary.md): rows of one day are netted first, so a
 * refund on the day of a purchase cancels it, and a day netting to 0 is no purchase; rows after
 * the end are not read; a customer whose first purchase is after the split is not a calibration
 * customer. Calibration end 1997-03-31 (day c), end 1997-06-30 (c + 91).
 *
 *   a: Jan 10 (first), Feb 10 (repeat in calibration), Apr 10 +5 and −5 (nets to 0: no purchase),
 *      May 1 (holdout purchase), Jul 15 (after the end: not read)
 *   b: Jan 1 twice (one day: first), Apr 1 amount 0 (no purchase), Jun 30 (holdout, on the end)
 *   c: Apr 5 (first purchase after the split: not a calibration customer)
 *   d: Mar 31 (first, on the split), Apr 1 (holdout)
 */
import { holdoutFromTransactions, validateBtyd } from "../../../src/core/clv/holdout";
import { thrown } from "../../support/thrown";
import { transactionTable } from "../../../src/core/summary/transactions";
import { dayFromYmd } from "../../../src/core/summary/dates";

const rows = [
  { customerId: "a", date: "1997-01-10", amount: 10 },
  { customerId: "b", date: "1997-01-01", amount: 4 },
  { customerId: "a", date: "1997-02-10", amount: 20 },
  { customerId: "b", date: "1997-01-01", amount: 6 },
  { customerId: "d", date: "1997-03-31", amount: 8 },
  { customerId: "a", date: "1997-04-10", amount: 5 },
  { customerId: "a", date: "1997-04-10", amount: -5 },
  { customerId: "b", date: "1997-04-01", amount: 0 },
  { customerId: "d", date: "1997-04-01", amount: 3 },
  { customerId: "c", date: "1997-04-05", amount: 9 },
  { customerId: "a", date: "1997-05-01", amount: 7 },
  { customerId: "b", date: "1997-06-30", amount: 2 },
  { customerId: "a", date: "1997-07-15", amount: 11 },
];
const cal = dayFromYmd(1997, 3, 31);
const end = dayFromYmd(1997, 6, 30);

describe("holdoutFromTransactions on a table worked by hand (days)", () => {
  const h = holdoutFromTransactions(transactionTable(rows), cal, end, "days");

  it("keeps the customers who bought by the split, with their calibration summaries", () => {
    expect(h.customerIds).toEqual(["a", "b", "d"]);
    // a: first Jan 10, repeat Feb 10 (31 days later), T = Mar 31 − Jan 10 = 80 days
    expect(Array.from(h.frequency)).toEqual([1, 0, 0]);
    expect(Array.from(h.recency)).toEqual([31, 0, 0]);
    expect(Array.from(h.T)).toEqual([80, 89, 0]);
  });

  it("counts each one's purchase days after the split up to the end, netting each day's rows", () => {
    expect(Array.from(h.holdoutPurchases)).toEqual([1, 1, 1]);
    expect(h.holdoutLength).toBe(91);
  });

  it("gives the tracking times from the earliest first purchase (Jan 1)", () => {
    expect(Array.from(h.tracking!.firstPurchase)).toEqual([9, 0, 89]);
    // repeat days: a Feb 10 (40), May 1 (120); b Jun 30 (180); d Apr 1 (90)
    expect(Array.from(h.tracking!.repeatTimes)).toEqual([40, 120, 180, 90]);
    expect(h.tracking!.calibrationLength).toBe(89);
  });

  it("measures in weeks as the days over 7", () => {
    const w = holdoutFromTransactions(transactionTable(rows), cal, end, "weeks");
    expect(w.holdoutLength).toBeCloseTo(13, 12);
    expect(Array.from(w.tracking!.repeatTimes).map((t) => t * 7)).toEqual([40, 120, 180, 90].map((d) => expect.closeTo(d, 10)));
  });
});

describe("validateBtyd's holdout length", () => {
  it("must be above 0: a holdout of length 0 is refused, naming the argument", () => {
    const input = { frequency: [1, 0, 2], recency: [3, 0, 5], T: [6, 6, 6], holdoutPurchases: [0, 0, 1], holdoutLength: 0 };
    const e = thrown(() => validateBtyd(input));
    expect([e.code, e.key, e.where]).toEqual(["OUT_OF_RANGE", "arg.above", { argument: "holdoutLength" }]);
    expect(e.params).toMatchObject({ arg: "holdoutLength", min: 0, got: 0 });
  });
});
