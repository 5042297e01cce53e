import fc from "fast-check";
import { analyze, transactionTable, type Transaction, type CustomerSummary } from "../../src/core";

// Ten customers, one purchase each on 2024-01-01 with amounts 10..100, plus customer "j" (100)
// buying again. End 2024-03-31.
function tenCustomers(): Transaction[] {
  const rows: Transaction[] = [];
  "abcdefghij".split("").forEach((id, i) => rows.push({ customerId: id, date: "2024-01-01", amount: 10 * (i + 1), cost: 5 * (i + 1) }));
  rows.push({ customerId: "j", date: "2024-03-31", amount: 50, cost: 10 });
  return rows;
}

describe("analyze", () => {
  it("ranks by margin when cost is given (model off), and reports tiers, Pareto and Gini", () => {
    const { customers, report } = analyze({ transactions: tenCustomers() }, { model: "none" });
    expect(report.model).toEqual({ kind: null, fitted: false, note: null, fallback: null });
    expect(report.valueMeasure).toBe("margin");
    // Margins: a..i = 5,10,…,45; j = 50 + 40 = 90. Total 5·45 + 90 = 315.
    expect(report.totalValue).toBe(315);
    // Ranks: j 1, i 2 → tier 2 (rank/10 ≤ 0.2); h..d (ranks 3–5) tier 3; the rest tier 4.
    expect(customers.map((c) => c.tier)).toEqual([4, 4, 4, 4, 4, 3, 3, 3, 2, 2]);
    expect(report.tiers.map((t) => t.count)).toEqual([0, 2, 3, 5]);
    expect(report.tiers[1].value).toBe(135);
    expect(report.tiers[1].valueShare).toBeCloseTo(135 / 315, 15);
    expect(report.pareto.valueShare).toBeCloseTo(135 / 315, 15); // top 2 of 10
    const j = customers[9];
    expect(j.summary.frequency).toBe(1);
    expect(j.level).toBe(2); // repeat buyer, key tier, in exploration (2 purchases): "customer"
    expect(j.stage).toBe("exploration");
    expect(customers[0].level).toBe(1);
    expect(report.stages.reduce((a, s) => a + s.count, 0)).toBe(10);
  });

  it("uses revenue without cost, and the predictor's CLV when a predictor is given", () => {
    const rows = tenCustomers().map(({ customerId, date, amount }) => ({ customerId, date, amount }));
    expect(analyze({ transactions: rows }, { model: "none" }).report.valueMeasure).toBe("revenue");
    const seen: CustomerSummary[][] = [];
    const predictor = (s: CustomerSummary[]) => {
      seen.push(s);
      // Reverse the order: "a" becomes the most valuable; P(alive) 0.05 for "j" only.
      return {
        pAlive: s.map((x) => (x.customerId === "j" ? 0.05 : 0.9)),
        expectedPurchases: s.map(() => 1),
        clv: s.map((_, i) => 1000 - i),
        note: "test predictor",
      };
    };
    const { customers, report } = analyze({ transactions: rows }, { predictor });
    expect(seen[0]).toHaveLength(10);
    expect(report.valueMeasure).toBe("clv");
    expect(report.predictorNote).toBe("test predictor");
    expect(report.model.kind).toBe("custom");
    expect(customers[0].tier).toBe(2);
    expect(customers[9].stage).toBe("churned"); // P(alive) 0.05 < 0.1
    expect(customers[9].exitPattern).toBe("A"); // left in exploration
    expect(customers.every((c) => c.upgradePotential !== null)).toBe(true);
    expect(report.loyalty.indicators).toContain("pAlive");
  });

  it("rejects a predictor that returns the wrong number of values", () => {
    const bad = () => ({ pAlive: [1], expectedPurchases: [1], clv: [1] });
    expect(() => analyze({ transactions: tenCustomers() }, { predictor: bad })).toThrow(/^the lifetime model returned 1 value of P\(alive\) for 10 customers; it must return one per customer$/);
  });

  it("analyses profiles alone and joins profiles to transactions", () => {
    const profiles = [
      { customerId: "p1", frequency: 0, recency: 0, T: 10, monetary: 0, revenue: 50, complaints: 2, product: 50, money: 40, quality: 1.2, price: 0.8 },
      { customerId: "p2", frequency: 4, recency: 30, T: 40, monetary: 25, revenue: 125, complaints: 0 },
    ];
    const { customers, report } = analyze({ profiles }, { lang: "zh-CN" });
    // Revenue 50 and 125; of two customers the best has rank 1/2 = 0.5 → tier 3 (regular), the other tier 4.
    expect(customers.map((c) => c.tierLabel)).toEqual(["小客户", "普通客户"]);
    expect(customers[0].delivered).toEqual({ totalValue: 50, totalCost: 40, deliveredValue: 10, deliveredRatio: 1.25 });
    expect(customers[0].valueRatio).toBeCloseTo(1.5, 15);
    expect(report.loyalty.complaints).toBe(2);
    expect(report.loyalty.dissatisfiedEstimate).toBe(40);
    const joined = analyze({ transactions: tenCustomers(), profiles: [{ customerId: "j", reputation: 5 }, { customerId: "zz", reputation: 1 }] });
    expect(joined.report.profilesWithoutTransactions).toBe(1);
    expect(joined.report.loyalty.indicators).toContain("reputation");
  });

  const rowArb = fc.record({
    customerId: fc.constantFrom("1", "2", "3", "4", "5", "6", "7", "x", "y"),
    date: fc.integer({ min: 44000, max: 44800 }),
    amount: fc.double({ min: -1e5, max: 1e6, noNaN: true }),
    cost: fc.double({ min: 0, max: 1e5, noNaN: true }),
  });

  it("gives every customer exactly one tier and one stage, all outputs finite (property)", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 80 }), fc.constantFrom("days", "weeks", "months"), (rows, unit) => {
        const { customers, report } = analyze({ transactions: rows }, { unit });
        // A population with no spread (one customer, or all values equal) has no tiers (docs/pyramid.md §11).
        const flat = customers.every((c) => c.value === customers[0].value);
        expect(report.tiers.reduce((a, t) => a + t.count, 0)).toBe(flat ? 0 : customers.length);
        expect(report.stages.reduce((a, s) => a + s.count, 0)).toBe(customers.length);
        for (const c of customers) {
          expect(flat ? [0] : [1, 2, 3, 4]).toContain(c.tier);
          expect(["exploration", "formation", "stability", "decline", "churned"]).toContain(c.stage);
          const nums = [c.value, c.summary.recency, c.summary.T, c.summary.monetary, c.summary.revenue, c.rfm.r, c.rfm.f, c.rfm.m, c.level, c.loyaltyIndex ?? 0];
          for (const v of nums) expect(Number.isFinite(v)).toBe(true);
          if (c.loyaltyIndex !== null) {
            expect(c.loyaltyIndex).toBeGreaterThanOrEqual(0);
            expect(c.loyaltyIndex).toBeLessThanOrEqual(100);
          }
        }
        for (const v of [report.gini, report.pareto.valueShare, report.totalValue, ...report.lorenz.map((p) => p.value)]) {
          expect(Number.isFinite(v)).toBe(true);
        }
      }),
    );
  });

  it("does not depend on the order of the rows (property)", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 80 }), (rows) => {
        const reversed = [...rows].reverse();
        const a = analyze({ transactions: transactionTable(rows) });
        const b = analyze({ transactions: transactionTable(reversed) });
        expect(b.customers).toEqual(a.customers);
        expect(b.report).toEqual(a.report);
      }),
    );
  });
});
