// The report's value of a newly acquired customer (report.model.newCustomer, docs/models/forecast.md §4):
// the core's newCustomerValue at the analysis's own fitted parameters, over the forecast's 12 months,
// at the population's mean spend per purchase (newCustomerSpend), with CLV:CAC and the payback month
// when lifetime.acquisitionCost is given.
import { analyze, countModel, CvaError, gammagamma, newCustomerSpend, newCustomerValue, predictBtyd, type BtydPrediction, type Transaction } from "../../src/core";
import { cdnowTransactions } from "./clv/cdnow";

/** Weeks in the CLV's month: 365.25 / 12 / 7. */
const MONTH = 365.25 / 12 / 7;
const bg = countModel("bgnbd");

// One test: what it checks is computed inside it, so that mutation testing credits the test
// that reaches the code (work outside a test counts as reached by none; docs/testing.md).
test("the report's new customer on CDNOW (calibration to 1997-09-30, weeks): newCustomerValue, CLV:CAC and the payback month, no cost", () => {
  const transactions = cdnowTransactions();
  const { customers, report } = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", lifetime: { acquisitionCost: 10, margin: 0.3 } });
  const direct = predictBtyd(
    customers.map((c) => c.summary),
    { unit: "weeks", margin: 0.3 },
  );
  if (!direct.fitted) throw new Error(direct.note);
  const nc = report.model.newCustomer!;

  // Is newCustomerValue at the fitted BG/NBD parameters, 12 months of 1 % at margin 0.3, Gamma-Gamma's mean spend.
  {
    // Gamma-Gamma's population mean pγ/(q − 1) (Fader & Hardie 2013): p 6.25, q 3.74, γ 15.44 on CDNOW → about 35.2.
    const { p, q, v } = direct.gammagamma!.params;
    expect(nc.spend).toBeCloseTo((p * v) / (q - 1), 12);
    expect(nc.spend).toBeGreaterThan(35);
    expect(nc.spend).toBeLessThan(35.5);
    const expected = newCustomerValue(bg, direct.fit.params, nc.spend, { periods: 12, periodLength: MONTH, discount: 0.01, margin: 0.3, acquisitionCost: 10 });
    expect(nc).toEqual({ ...expected, spend: nc.spend });
    expect(nc.rows.map((r) => r.period)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(nc.rows[11].end).toBeCloseTo(52.18, 2); // a year of weeks
    // Month 1's purchases are E[X(t₁)] itself; the months add up to E[X(12 months)].
    expect(nc.rows[0].transactions).toBeCloseTo(bg.expectedPurchasesUnconditional(direct.fit.params, MONTH), 12);
    expect(nc.transactions).toBeCloseTo(bg.expectedPurchasesUnconditional(direct.fit.params, 12 * MONTH), 12);
    // Discounting by hand: month k's margin is its revenue × 0.3 / 1.01^k.
    nc.rows.forEach((r, k) => expect(r.discounted).toBeCloseTo((r.transactions * nc.spend * 0.3) / 1.01 ** (k + 1), 10));
  }

  // CLV:CAC is the discounted total over the cost, and the payback month the first whose cumulative margin reaches it.
  {
    expect(nc.acquisitionCost).toBe(10);
    expect(nc.clvToCac).toBeCloseTo(nc.discounted / 10, 14);
    let acc = 0;
    const cumulative = nc.rows.map((r) => (acc += r.discounted));
    expect(nc.paybackPeriod).toBe(cumulative.findIndex((c) => c >= 10) + 1);
    // At 35.17 a purchase and 30 % margin, months 1–6 bring 2.20 + 1.80 + 1.54 + 1.36 + 1.22 + 1.12 = 9.24, month 7 another 1.03: paid back in month 7.
    expect(nc.paybackPeriod).toBe(7);
    expect(cumulative[5]).toBeLessThan(10);
    // A year of a CDNOW newcomer: E[X(52.18 weeks)] = 1.447 repeat purchases at the published BG/NBD parameters (FHL 2005: r 0.2426, α 4.414, a 0.793, b 2.426).
    expect(bg.expectedPurchasesUnconditional({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 12 * MONTH)).toBeCloseTo(nc.transactions, 2);
    expect(nc.transactions).toBeCloseTo(1.447, 3);
  }

  // Without a cost: no CLV:CAC and no payback; a cost never reached within the year: no payback month.
  {
    const none = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", lifetime: { margin: 0.3 } }).report.model.newCustomer!;
    expect([none.acquisitionCost, none.clvToCac, none.paybackPeriod]).toEqual([null, null, null]);
    expect(none.rows).toEqual(nc.rows);
    const nullCost = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", lifetime: { margin: 0.3, acquisitionCost: null } }).report.model.newCustomer!;
    expect(nullCost.acquisitionCost).toBeNull();
    // 30 % of the year's discounted revenue is 14.47: a cost of 20 is not paid back within it.
    const dear = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", lifetime: { margin: 0.3, acquisitionCost: 20 } }).report.model.newCustomer!;
    expect(dear.paybackPeriod).toBeNull();
    expect(dear.clvToCac).toBeCloseTo(nc.discounted / 20, 14);
  }
});

describe("the acquisition cost is checked and named", () => {
  const rows: Transaction[] = Array.from({ length: 12 }, (_, i) => [
    { customerId: `c${i}`, date: `2024-01-${String(i + 1).padStart(2, "0")}`, amount: 20 },
    ...(i % 3 === 0 ? [] : [{ customerId: `c${i}`, date: `2024-03-${String(i + 1).padStart(2, "0")}`, amount: 20 }]),
  ]).flat();

  it.each([
    [-1, "arg.atLeast"],
    [Number.NaN, "arg.notNumber"],
    [Infinity, "arg.notFinite"],
  ])("%p → %s, naming acquisitionCost, in both languages", (cost, key) => {
    for (const lang of ["en-US", "zh-CN"] as const) {
      let err: unknown;
      try {
        analyze({ transactions: rows }, { lang, lifetime: { acquisitionCost: cost } });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CvaError);
      expect([(err as CvaError).key, (err as CvaError).where?.argument]).toEqual([key, "acquisitionCost"]);
      expect((err as CvaError).message).toContain("acquisitionCost");
    }
  });

  it("a model that cannot be fitted leaves the new customer out", () => {
    const r = analyze({ transactions: rows.slice(0, 5) }, { lifetime: { acquisitionCost: 5 } });
    expect(r.report.model.fitted).toBe(false);
    expect(r.report.model.newCustomer).toBeNull();
  });
});

describe("a new customer's spend (newCustomerSpend)", () => {
  it("with Gamma-Gamma: the population mean pγ/(q − 1)", () => {
    const gg = { params: { p: 6, q: 4, v: 15 } } as NonNullable<BtydPrediction["gammagamma"]>;
    const r = { gammagamma: gg } as BtydPrediction;
    // 6 × 15 / 3 = 30, whatever the customers spent.
    expect(newCustomerSpend(r, { frequency: [0, 1], monetary: [0, 1000] })).toBe(30);
    expect(gammagamma.populationMeanValue(gg.params)).toBe(30);
  });

  it("without it: the mean of the repeat buyers' mean spends, one-time buyers left out; 0 when nobody repeats", () => {
    const r = { gammagamma: null } as BtydPrediction;
    // Repeat buyers spend 10, 20, 36: (10 + 20 + 36) / 3 = 22; the one-time buyers' 100 and 0 do not count.
    expect(newCustomerSpend(r, { frequency: [0, 2, 3, 1, 0], monetary: [100, 10, 20, 36, 0] })).toBe(22);
    expect(newCustomerSpend(r, { frequency: [0, 0], monetary: [5, 7] })).toBe(0);
  });

  it("in the report, when Gamma-Gamma cannot be fitted (every repeat buyer spends 20): 20", () => {
    // Twelve customers, eight of them buy again in March, every purchase 20: Gamma-Gamma's spread is not identified.
    const rows: Transaction[] = Array.from({ length: 12 }, (_, i) => [
      { customerId: `c${i}`, date: `2024-01-${String(i + 1).padStart(2, "0")}`, amount: 20 },
      ...(i % 3 === 0 ? [] : Array.from({ length: 1 + (i % 4) }, (_, k) => ({ customerId: `c${i}`, date: `2024-0${3 + k}-${String(i + 1).padStart(2, "0")}`, amount: 20 }))),
    ]).flat();
    const r = analyze({ transactions: rows }, { end: "2024-08-31" });
    expect(r.report.model.fitted).toBe(true);
    expect(r.report.model.note).toContain("Gamma-Gamma not used");
    const nc = r.report.model.newCustomer!;
    // Not the mean over every customer (the four one-time buyers have a mean repeat spend of 0): 20.
    expect(nc.spend).toBe(20);
    expect(nc.revenue).toBeCloseTo(20 * nc.transactions, 12);
  });
});
