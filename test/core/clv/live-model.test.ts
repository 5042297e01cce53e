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
import { equityFromRevenue, improvedRetention, workedExample } from "../../../src/core/clv/live-model";
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
