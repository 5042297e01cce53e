/**
 * The grouped scoring of any count model (src/core/clv/btyd-score.ts) against lifetimes 0.11.3 on
 * CDNOW at lifetimes' own fitted parameters (test/fixtures/lifetimes-cdnow.{csv,json}, written by
 * bench/lifetimes_reference.py --fixture; see test/core/clv/lifetimes-parity.test.ts for how):
 * P(alive) and the expected purchases in the next 39 weeks of MBG/NBD, Pareto/NBD and BG/NBD, for
 * customers 1–10 and for all 2,357, to 1e-9 relative; the BG/NBD + Gamma-Gamma CLV against
 * lifetimes' clv_12 (12 months of 4.345 weeks, 1 % a month) to 1e-9. lifetimes' fixture has no CLV
 * of MBG/NBD or Pareto/NBD: theirs is held to the CLV of one customer at a time (lifetimeValue
 * over the model's own expectation, whose value at 39 weeks the first test holds to lifetimes).
 */
import * as fs from "fs";
import * as path from "path";
import { countModel, lifetimeValue, scoreCountModel, type CountModelId, type CountParams } from "../../../src/core";
import { cdnowSummary } from "./cdnow";

const FIXTURE = path.resolve(__dirname, "../../fixtures/lifetimes-cdnow");
const meta = JSON.parse(fs.readFileSync(`${FIXTURE}.json`, "utf8")) as { fits: Record<string, { params: Record<string, number> }> };
const lines = fs.readFileSync(`${FIXTURE}.csv`, "utf8").trim().split(/\r?\n/);
const header = lines[0].split(",");
const column = (name: string): number[] => lines.slice(1).map((l) => Number(l.split(",")[header.indexOf(name)]));
const summary = cdnowSummary();
const n = summary.frequency.length;
const gg = meta.fits["Gamma-Gamma"].params as { p: number; q: number; v: number };
const MODELS: [CountModelId, string, string][] = [
  ["bgnbd", "BG/NBD", "bgnbd"],
  ["mbgnbd", "MBG/NBD", "mbgnbd"],
  ["paretonbd", "Pareto/NBD", "pnbd"],
];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.each(MODELS)("scoreCountModel(%s) at lifetimes' %s parameters", (id, name, prefix) => {
  const params = meta.fits[name].params as CountParams;
  // One month of 39 weeks: the expected purchases over the horizon are E[Y(39) | x, t_x, T].
  const s = scoreCountModel(id, params, gg, summary, { unit: "weeks", horizonMonths: 1, periodsPerMonth: 39, discount: 0 });
  const pAlive = column(`${prefix}_p_alive`), expected = column(`${prefix}_expected_39`);

  it("customers 1–10: P(alive) and E[Y(39)] to 1e-9 relative", () => {
    for (let i = 0; i < 10; i++) {
      expect(rel(s.pAlive[i], pAlive[i])).toBeLessThan(1e-9);
      expect(rel(s.expectedPurchases[i], expected[i])).toBeLessThan(1e-9);
    }
  });

  it("all 2,357 customers: the same to 1e-9", () => {
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, rel(s.pAlive[i], pAlive[i]), rel(s.expectedPurchases[i], expected[i]));
    expect(worst).toBeLessThan(1e-9);
  });

  it("12-month CLV equals the one-customer lifetimeValue over the model's own expectation, to 1e-10", () => {
    const opts = { unit: "weeks" as const, horizonMonths: 12, discount: 0.01, margin: 0.3 };
    const c = scoreCountModel(id, params, gg, summary, opts);
    const m = countModel(id);
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 56, 400, 1916, 2043]) {
      const x = summary.frequency[i], tx = summary.recency[i], T = summary.T[i];
      const ref = lifetimeValue((t) => m.expectedPurchases(params, t, x, tx, T), c.expectedValue[i], opts);
      expect(Math.abs(c.clv[i] - ref)).toBeLessThanOrEqual(1e-10 * Math.abs(ref) + 1e-14);
    }
  });
});

describe("BG/NBD + Gamma-Gamma CLV against lifetimes' clv_12", () => {
  it("every customer to 1e-9 relative (months of 4.345 weeks, as lifetimes')", () => {
    const params = meta.fits["BG/NBD"].params as CountParams;
    const c = scoreCountModel("bgnbd", params, gg, summary, { unit: "weeks", horizonMonths: 12, discount: 0.01, periodsPerMonth: 4.345 });
    const theirs = column("clv_12");
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, rel(c.clv[i], theirs[i]));
    expect(worst).toBeLessThan(1e-9);
  });

  it("takes the model itself as well as its name, with the same scores", () => {
    const params = meta.fits["MBG/NBD"].params as CountParams;
    const opts = { unit: "weeks" as const, horizonMonths: 3 };
    const byName = scoreCountModel("mbgnbd", params, gg, summary, opts);
    const byModel = scoreCountModel(countModel("mbgnbd"), params, gg, summary, opts);
    expect(Array.from(byModel.pAlive)).toEqual(Array.from(byName.pAlive));
    expect(Array.from(byModel.clv)).toEqual(Array.from(byName.clv));
  });

  it("an unknown model name is a keyed error", () => {
    expect(() => scoreCountModel("bgbb" as CountModelId, {}, gg, summary, { unit: "weeks" })).toThrow(/model/);
  });
});
