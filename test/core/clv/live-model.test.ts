/**
 * The live model (src/core/clv/live-model.ts, docs/live-model.md) on the CDNOW sample analysed as
 * the pane does (transactions, weeks): customer equity from the base's revenue by month equals the
 * sum of the customers' CLV at the run's discount and margin and at another discount (a fresh
 * analysis); the worked example of each of customers 1–10 adds up to the customer's CLV; the
 * improved retention lowers the dropout as docs/live-model.md §3 defines it.
 */
import * as fs from "fs";
import * as path from "path";
import { analyze } from "../../../src/core";
import { expectedPurchasesIfAlive } from "../../../src/core/clv/bgnbd";
import { equityFromRevenue, improvedRetention, liveModel, workedExample, type LiveModel } from "../../../src/core/clv/live-model";
import { CDNOW_DIR } from "./cdnow";

const rows = fs.readFileSync(path.join(CDNOW_DIR, "cdnow_sample.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
const transactions = rows.map((r) => ({ customerId: r[0], date: r[1], amount: Number(r[3]) }));
const run = (discount: number) => analyze({ transactions }, { unit: "weeks", lifetime: { discount, margin: 0.3, horizonMonths: 24 } });
const equity = (r: ReturnType<typeof run>) => r.customers.reduce((s, c) => s + (c.clv ?? 0), 0);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("the live model on CDNOW", () => {
  const base = run(0.01);
  const live = base.report.model.live!;

  it("carries the fit and settings of the run", () => {
    expect(live.model).toBe("bgnbd");
    expect(live.horizon).toBe(24);
    expect(live.revenue).toHaveLength(24);
    expect(live.discount).toBe(0.01);
    expect(live.margin).toBe(0.3);
    expect(live.spend).not.toBeNull();
  });

  it("equity from the revenue by month is the sum of the CLV column, at the run's discount and at 2 % (a fresh analysis)", () => {
    expect(rel(equityFromRevenue(live.revenue, 0.01, 0.3), equity(base))).toBeLessThan(1e-9);
    expect(rel(equityFromRevenue(live.revenue, 0.02, 0.3), equity(run(0.02)))).toBeLessThan(1e-9);
  });

  it("the worked example of customers 1–10 adds up to their CLV", () => {
    for (let i = 0; i < 10; i++) {
      const c = base.customers[i];
      const s = c.summary;
      const w = workedExample(live, s.frequency, s.recency, s.T, s.monetary);
      expect(rel(w.pAlive, c.pAlive!)).toBeLessThan(1e-12);
      expect(Math.abs(w.clv - c.clv!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.clv!)));
    }
  });

  it("improved retention: Pareto/NBD's β over (1 − k); BG/NBD's mean dropout a/(a+b) times (1 − k), a kept", () => {
    // β = 10 → 10/0.9 = 11.111…
    expect(improvedRetention("paretonbd", { r: 1, alpha: 2, s: 0.5, beta: 10 }, 0.1).beta).toBeCloseTo(100 / 9, 12);
    // a = 1, b = 3: mean 0.25 → 0.225 needs b' = 1/0.225 − 1 = 3.444…
    const p = improvedRetention("bgnbd", { r: 1, alpha: 2, a: 1, b: 3 }, 0.1);
    expect(p.a).toBe(1);
    expect(p.a / (p.a + p.b)).toBeCloseTo(0.225, 12);
    // Less dropout, more revenue in every month.
    live.retained!.revenue.forEach((v, k) => expect(v).toBeGreaterThan(live.revenue[k]));
  });
});

describe("the live model's edges", () => {
  const base = run(0.01);
  const live = base.report.model.live!;
  const summaries = base.customers.map((c) => c.summary);
  const data = {
    frequency: summaries.map((s) => s.frequency),
    recency: summaries.map((s) => s.recency),
    T: summaries.map((s) => s.T),
  };
  const fit = { model: live.model, params: live.params, spend: live.spend, fallbackSpend: live.fallbackSpend };
  const settings = { horizon: 24, discount: 0.01, margin: 0.3, perMonth: live.perMonth, unit: live.unit };

  it("equity over fewer months than the revenue has, and over more (only the months there are)", () => {
    // 0.5 · (100/1.1 + 200/1.21) = 0.5 · (90.9090… + 165.2892…) = 128.0991…
    expect(equityFromRevenue([100, 200, 300], 0.1, 0.5, 2)).toBeCloseTo(0.5 * (100 / 1.1 + 200 / 1.21), 10);
    // + 300/1.331 = 225.3944…: a horizon of 5 sums the 3 months there are
    expect(equityFromRevenue([100, 200, 300], 0.1, 0.5, 5)).toBeCloseTo(0.5 * (100 / 1.1 + 200 / 1.21 + 300 / 1.331), 10);
    expect(equityFromRevenue([100, 200, 300], 0.1, 0.5, 0)).toBe(0);
  });

  it("the worked example's expectations if alive are FHL 2005 eq. 10's second factor, one a month", () => {
    // A repeat buyer long silent (P(alive) well below 1, so E[Y]/P(alive) is not E[Y]·P(alive))
    const s = summaries.find((c) => c.frequency >= 2 && c.T - c.recency > 20)!;
    const w = workedExample(live, s.frequency, s.recency, s.T, s.monetary);
    expect(w.pAlive).toBeLessThan(0.8);
    expect(w.ifAlive).toHaveLength(24);
    w.ifAlive.forEach((v, k) => {
      const ref = expectedPurchasesIfAlive(live.params as never, (k + 1) * live.perMonth, s.frequency, s.T);
      expect(Math.abs(v - ref)).toBeLessThanOrEqual(1e-12 * ref);
    });
  });

  it("a customer whose P(alive) is 0 (its odds overflow) expects 0 purchases if alive, not 0/0", () => {
    // x = 400 purchases in the first week of 80: ((α + 80)/(α + 1))^(r + 400) overflows a double
    const w = workedExample(live, 400, 1, 80, 10);
    expect(w.pAlive).toBe(0);
    expect(w.ifAlive).toEqual(new Array(24).fill(0));
    expect(w.clv).toBe(0);
  });

  it("without Gamma-Gamma the spend is the customer's own mean after repeat purchases, else the fallback", () => {
    const plain: LiveModel = { ...live, spend: null, fallbackSpend: 42 };
    expect(workedExample(plain, 2, 10, 30, 30).spend).toBe(30);
    expect(workedExample(plain, 0, 0, 30, 30).spend).toBe(42);
    expect(workedExample(plain, 1, 10, 30, 0).spend).toBe(0);
  });

  it("no what-if when the improved revenue overflows where the fitted one does not", () => {
    // At unit spend, revenue to the horizon's end: the fitted B and the improved I > B (less dropout).
    // A spend S = (largest double)/√(B·I) puts B·S below the largest double and I·S above it.
    const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
    const unit = liveModel(fit, settings, data, new Float64Array(data.T.length).fill(1));
    const B = sum(unit.revenue), I = sum(unit.retained!.revenue);
    expect(I).toBeGreaterThan(B * 1.01);
    const spend = Number.MAX_VALUE / Math.sqrt(B * I);
    const big = liveModel(fit, settings, data, new Float64Array(data.T.length).fill(spend));
    expect(big.retained).toBeNull();
    // The fitted revenue is still there, each month S times the unit spend's.
    big.revenue.forEach((v, k) => expect(Math.abs(v / spend - unit.revenue[k])).toBeLessThanOrEqual(1e-9 * unit.revenue[k]));
    // A spend that is not a number is refused, by row.
    expect(() => liveModel(fit, settings, data, new Float64Array(data.T.length).fill(Number.NaN))).toThrow("spend: row 1 holds NaN, not a number");
  });
});
