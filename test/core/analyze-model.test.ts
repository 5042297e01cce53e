// analyze's default lifetime model (docs/lifetime-value.md §5–§6): BG/NBD + Gamma-Gamma CLV is the value
// measure under "auto", P(alive) drives the churned stage, and data on which no model can be
// fitted falls back to margin or revenue with a note in the report's language.
import { analyze, bgnbd, predictBtyd, type Transaction } from "../../src/core";
import { cdnowTransactions } from "./clv/cdnow";
import { expectedChurned } from "./churn-expect";

// One test: what it checks is computed inside it, so that mutation testing credits the test
// that reaches the code (work outside a test counts as reached by none; docs/testing.md).
test("analyze with the default BG/NBD + Gamma-Gamma model on CDNOW: the published parameters, predictBtyd's CLV and the tiers, churn, the CLV settings, summary profiles", () => {
  const transactions = cdnowTransactions();
  const { customers, report } = analyze({ transactions }, { end: "1997-09-30", unit: "weeks" });

  // Fits the published CDNOW parameters and ranks the pyramid by CLV.
  {
    expect(report.model.kind).toBe("btyd");
    expect(report.model.fitted).toBe(true);
    expect(report.model.fallback).toBeNull();
    expect(report.valueMeasure).toBe("clv");
    expect(customers).toHaveLength(2357);
    // FHL 2005 (BG/NBD on CDNOW, weeks): r 0.2426, α 4.414, a 0.793, b 2.426 — to the printed digits.
    expect(report.model.note).toMatch(/^BG\/NBD on 2357 customers: r 0\.2426, alpha 4\.414, a 0\.7929, b 2\.426; Gamma-Gamma on 946 repeat buyers: p 6\.25, q 3\.74[45], v 15\.4[45]/);
    expect(report.model.note).toContain("CLV over 12 months at 1% a month discount, margin share 100%, times in weeks");
    expect(report.predictorNote).toBe(report.model.note);
  }

  // Uses the CLV of predictBtyd for every customer, and tiers follow it.
  {
    const direct = predictBtyd(
      customers.map((c) => c.summary),
      { unit: "weeks" },
    );
    if (!direct.fitted) throw new Error(direct.note);
    customers.forEach((c, i) => {
      expect(c.clv).toBe(direct.clv[i]);
      expect(c.value).toBe(direct.clv[i]);
      expect(c.pAlive).toBe(direct.pAlive[i]);
    });
    // Customer 0001 (x 2, t_x 30.43, T 38.86): P(alive) by FHL 2008 at the fitted parameters.
    const p = direct.fit.params as unknown as bgnbd.BgNbdParams;
    expect(customers[0].pAlive).toBeCloseTo(bgnbd.probabilityAlive(p, 2, 30.428571428571427, 38.857142857142854), 12);
    // The top tier holds the largest CLVs: every tier-1 value ≥ every tier-2 value, and so on.
    for (let k = 1; k < 4; k++) {
      const lower = Math.max(...customers.filter((c) => c.tier === k + 1).map((c) => c.value));
      const upper = Math.min(...customers.filter((c) => c.tier === k).map((c) => c.value));
      expect(upper).toBeGreaterThanOrEqual(lower);
    }
    // Cuts at ⌊1%·2357⌋ = 23 and ⌊20%·2357⌋ = 471 customers; the 50% cut (1178) falls inside a run of
    // one-time buyers acquired on the same day, who have the same CLV, and ties share a tier:
    // the tier-3 boundary moves to the end of that run, at 1191.
    expect(report.tiers.map((t) => t.count)).toEqual([23, 448, 720, 1166]);
    const sorted = customers.map((c) => c.value).sort((a, b) => b - a);
    expect(sorted[1177]).toBe(sorted[1190]);
    expect(sorted[1191]).toBeLessThan(sorted[1190]);
  }

  // Marks a customer churned exactly when P(alive) is below 0.1 or it is silent beyond its churn gap (docs/customer-state.md §2).
  {
    const low = customers.filter((c) => (c.pAlive ?? 1) < 0.1);
    expect(low.length).toBeGreaterThan(10);
    const churned = expectedChurned(customers);
    // Both routes occur: churned by the model alone, and by silence with P(alive) ≥ 0.1 (one-time buyers get 1 from BG/NBD).
    expect(customers.some((c, i) => churned[i] && (c.pAlive ?? 1) >= 0.1)).toBe(true);
    customers.forEach((c, i) => expect(c.stage === "churned").toBe(churned[i]));
    expect(report.stages.find((s) => s.stage === "churned")?.count).toBe(churned.filter(Boolean).length);
  }

  // Takes the CLV settings: horizon, discount and margin share.
  {
    const r = analyze({ transactions }, { end: "1997-09-30", lifetime: { horizonMonths: 24, discount: 0.02, margin: 0.3 }, lang: "zh-CN" });
    const direct = predictBtyd(
      r.customers.map((c) => c.summary),
      { unit: "weeks", horizonMonths: 24, discount: 0.02, margin: 0.3 },
    );
    if (!direct.fitted) throw new Error(direct.note);
    expect(r.customers[0].clv).toBe(direct.clv[0]);
    expect(r.report.model.note).toContain("终生价值期限 24 个月，月贴现率 2%，毛利率 30%，时间单位：周");
    expect(() => analyze({ transactions }, { lifetime: { horizonMonths: 0 } })).toThrow(/^the CLV horizon in months must be at least 1; got 0$/);
  }

  // Fits profiles that give frequency, recency and T (a summary table) the same way.
  {
    const profiles = customers.map((c) => ({
      customerId: c.customerId,
      frequency: c.summary.frequency,
      recency: c.summary.recency,
      T: c.summary.T,
      monetary: c.summary.monetary,
    }));
    const r = analyze({ profiles }, { unit: "weeks" });
    expect(r.report.model.fitted).toBe(true);
    expect(r.report.valueMeasure).toBe("clv");
    r.customers.forEach((c, i) => expect(c.clv).toBeCloseTo(customers[i].clv ?? NaN, 9));
    // Without T the profiles are not a purchase history: no model, no fallback note.
    const partial = analyze({ profiles: profiles.map(({ customerId, monetary }) => ({ customerId, monetary })) });
    expect(partial.report.model.kind).toBeNull();
  }
});

describe("analyze falls back when no model can be fitted", () => {
  it("too few customers → margin, with the reason in English and Chinese", () => {
    const rows: Transaction[] = [];
    "abcde".split("").forEach((id, i) => {
      rows.push({ customerId: id, date: "2024-01-01", amount: 10 * (i + 1), cost: 4 });
      rows.push({ customerId: id, date: `2024-02-0${i + 1}`, amount: 10, cost: 4 });
    });
    const en = analyze({ transactions: rows });
    expect(en.report.valueMeasure).toBe("margin");
    expect(en.report.model).toEqual({
      kind: "btyd",
      fitted: false,
      note: null,
      fallback: {
        reason: "tooFewCustomers",
        reasonText: "5 customers, and the BG/NBD model needs at least 10",
        text: "Lifetime value not computed: 5 customers, and the BG/NBD model needs at least 10. The pyramid ranks by Margin instead.",
      },
      countModel: null,
      comparison: null,
      choiceText: null,
      checks: null,
      forecast: null,
      newCustomer: null,
      equityInterval: null,
      intervalNote: null,
      tierUncertain: null,
      parameters: null,
    });
    expect(en.customers.every((c) => c.clv === null && c.pAlive === null)).toBe(true);
    const zh = analyze({ transactions: rows }, { lang: "zh-CN" });
    expect(zh.report.model.fallback?.text).toBe("未计算客户终生价值：只有 5 位客户，BG/NBD 模型至少需要 10 位。金字塔改按毛利排序。");
    // The minimum is a setting.
    expect(analyze({ transactions: rows }, { lifetime: { minCustomers: 5 } }).report.model.fitted).toBe(true);
  });

  it("nobody repeats → revenue, and the reason says so", () => {
    const rows: Transaction[] = Array.from({ length: 12 }, (_, i) => ({ customerId: `c${i}`, date: `2024-01-${String(i + 1).padStart(2, "0")}`, amount: 5 + i }));
    const r = analyze({ transactions: rows });
    expect(r.report.valueMeasure).toBe("revenue");
    expect(r.report.model.fallback?.reason).toBe("nobodyRepeats");
    expect(r.report.model.fallback?.reasonText).toBe("nobody bought on more than one day, so the purchase rate cannot be estimated");
    // A forced clv measure cannot be met: a clear error, not zeros.
    expect(() => analyze({ transactions: rows }, { valueMeasure: "clv" })).toThrow(/value measure clv needs/);
  });

  it("every customer with the same history → sameHistory", () => {
    const rows: Transaction[] = [];
    for (let i = 0; i < 10; i++) {
      rows.push({ customerId: `c${i}`, date: "2024-01-01", amount: 10 });
      rows.push({ customerId: `c${i}`, date: "2024-01-08", amount: 10 });
    }
    const r = analyze({ transactions: rows }, { lang: "zh-CN" });
    expect(r.report.model.fallback?.reason).toBe("sameHistory");
    expect(r.report.model.fallback?.reasonText).toBe("所有客户的购买历史完全相同");
  });

  it("rejects an unknown model name", () => {
    expect(() => analyze({ transactions: [{ customerId: "a", date: "2024-01-01", amount: 1 }] }, { model: "pareto" as "none" })).toThrow(/model must be one of btyd, none; got "pareto"/);
  });
});
