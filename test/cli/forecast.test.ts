// cva forecast: the whole base's schedule and a new customer's value, in-process through main()
// on the CDNOW sample (to 1997-09-30), held to the core and to the models' direct formulas.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { readTransactionsCsv } from "../../src/cli/csv";
import { bgnbd, countModel, forecastBase, predictBtyd, summarize, type BtydPrediction } from "../../src/core";
import { fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-forecast-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(["forecast", sample, "--end", "1997-09-30", ...args], io);
  return { code, out: io.out, err: io.err };
}

interface Row { period: number; endDate: string; end: number; transactions: number; revenue: number; discounted: number }

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const sum = (rows: Row[], k: keyof Row) => rows.reduce((acc, r) => acc + (r[k] as number), 0);

describe("cva forecast --model bgnbd --json", () => {
  let j: {
    model: string; params: Record<string, number>; spend: { model: string; newCustomer: number }; customers: number; periodLength: number; start: string;
    rows: Row[]; totals: { transactions: number; revenue: number; discounted: number };
    newCustomer: { transactions: number; revenue: number; discounted: number; acquisitionCost: number; clvToCac: number; paybackPeriod: number | null; rows: Row[] };
  };
  const summaries = summarize(readTransactionsCsv(sample), { unit: "weeks", end: "1997-09-30" });
  beforeAll(async () => {
    const r = await run(["--model", "bgnbd", "--periods", "52", "--discount", "0.002", "--margin", "0.3", "--acquisition-cost", "2", "--json"]);
    expect([r.code, r.err]).toEqual([0, expect.stringMatching(/^cva: BG\/NBD on 2357 customers: r 0\.2426/m)]);
    j = JSON.parse(r.out);
  });

  it("has one row per week, and totals that are the sums of the rows", () => {
    expect(j.model).toBe("bgnbd");
    expect(j.customers).toBe(2357);
    expect(j.periodLength).toBe(1);
    expect(j.start).toBe("1997-09-30");
    expect(j.rows.map((r) => r.period)).toEqual(Array.from({ length: 52 }, (_, k) => k + 1));
    expect(j.rows[0].endDate).toBe("1997-10-07");
    expect(j.rows[51].endDate).toBe("1998-09-29"); // 52 × 7 = 364 days on
    for (const k of ["transactions", "revenue", "discounted"] as const) expect(rel(sum(j.rows, k), j.totals[k])).toBeLessThan(1e-12);
    for (const r of j.rows) {
      // discounted = revenue × margin / (1 + d)^k
      expect(rel(r.discounted, (r.revenue * 0.3) / 1.002 ** r.period)).toBeLessThan(1e-12);
    }
  });

  it("is the core's forecastBase at the fit and spends of predictBtyd", () => {
    const p = predictBtyd(summaries, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
    const data = { frequency: summaries.map((c) => c.frequency), recency: summaries.map((c) => c.recency), T: summaries.map((c) => c.T) };
    const f = forecastBase(countModel("bgnbd"), p.fit.params, data, p.expectedValue, { periods: 52, periodLength: 1, discount: 0.002, margin: 0.3 });
    expect(j.params).toEqual(p.fit.params);
    for (const k of ["transactions", "revenue", "discounted"] as const) expect(rel(j.totals[k], f[k])).toBeLessThan(1e-12);
    expect(j.rows.map((r) => r.transactions)).toEqual(f.rows.map((r) => r.transactions));
    // And the model's own formula, customer by customer: Σ_i E[Y_i(52) | x, t_x, T] (FHL 2005 eq. 10).
    let direct = 0, directRevenue = 0;
    for (let i = 0; i < summaries.length; i++) {
      const c = summaries[i];
      const e = bgnbd.expectedPurchases(p.fit.params as unknown as bgnbd.BgNbdParams, 52, c.frequency, c.recency, c.T);
      direct += e;
      directRevenue += e * p.expectedValue[i];
    }
    expect(rel(j.totals.transactions, direct)).toBeLessThan(1e-8);
    expect(rel(j.totals.revenue, directRevenue)).toBeLessThan(1e-8);
  });

  it("values a new customer by E[X(t)], Gamma-Gamma's mean spend, and the cost", () => {
    const p = j.params as unknown as bgnbd.BgNbdParams;
    expect(j.spend.model).toBe("gammagamma");
    // Gamma-Gamma on CDNOW: p 6.25, q 3.744, v 15.44, E[M] = p v / (q − 1) ≈ 35.17
    expect(j.spend.newCustomer).toBeCloseTo(35.17, 2);
    expect(rel(j.newCustomer.transactions, bgnbd.expectedPurchasesUnconditional(p, 52))).toBeLessThan(1e-12);
    expect(rel(j.newCustomer.revenue, j.newCustomer.transactions * j.spend.newCustomer)).toBeLessThan(1e-12);
    for (const k of ["transactions", "revenue", "discounted"] as const) expect(rel(sum(j.newCustomer.rows, k), j.newCustomer[k])).toBeLessThan(1e-12);
    expect(j.newCustomer.acquisitionCost).toBe(2);
    expect(rel(j.newCustomer.clvToCac, j.newCustomer.discounted / 2)).toBeLessThan(1e-12);
    // Payback: the first period whose cumulative discounted margin reaches the cost.
    let acc = 0;
    const payback = j.newCustomer.rows.find((r) => (acc += r.discounted) >= 2)?.period ?? null;
    expect(j.newCustomer.paybackPeriod).toBe(payback);
    expect(payback).not.toBeNull();
  });
});

describe("cva forecast, text and files", () => {
  it("prints the schedule with a total row and the words, in English", async () => {
    const r = await run(["--model", "bgnbd", "--periods", "6", "--period", "months", "--discount", "0.01", "--margin", "0.5", "--acquisition-cost", "5"]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe("Forecast of 2357 customers with BG/NBD + Gamma-Gamma spend: 6 periods of one month (discount 0.01 per period, margin share 50%)");
    expect(lines[2]).toBe("period,end_date,transactions,revenue,discounted");
    const rows = lines.slice(3, 9).map((l) => l.split(","));
    expect(rows.map((c) => c[0])).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(rows[0][1]).toBe("1997-10-30"); // 30.4375 days, rounded
    const total = lines[9].split(",");
    expect(total[0]).toBe("total");
    for (const k of [2, 3, 4]) expect(rel(rows.reduce((a, c) => a + Number(c[k]), 0), Number(total[k]))).toBeLessThan(1e-12);
    expect(lines[11]).toBe(`Total over 6 months: ${Number(total[2]).toFixed(2)} repeat purchases, revenue ${Number(total[3]).toFixed(2)}, discounted margin ${Number(total[4]).toFixed(2)}`);
    expect(lines[12]).toMatch(/^A new customer over the same 6 months: 0\.\d{4} expected repeat purchases, revenue \d+\.\d+, discounted margin \d+\.\d+ \(spend per purchase 35\.17\)$/);
    expect(lines[13]).toMatch(/^Acquisition cost 5: CLV:CAC \d\.\d+, (paid back in period [1-6]|not paid back within the 6 periods)$/);
  });

  it("in Chinese, with auto's choice on standard error", async () => {
    const r = await run(["--periods", "3", "--lang", "zh-CN", "--acquisition-cost", "1000"]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe("2357 位客户的预测，MBG/NBD + Gamma-Gamma 客单价：3 期，每期一周（每期折现率 0，毛利率 100%）");
    expect(lines[6]).toMatch(/^合计,,/);
    expect(lines[8]).toMatch(/^3 周合计：重复购买 \d+\.\d+ 次，收入 \d+\.\d+，折现毛利 \d+\.\d+$/);
    expect(lines[10]).toMatch(/^获客成本 1000：CLV:CAC 为 0\.01，3 期内收不回成本$/);
    expect(r.err).toMatch(/^cva：选择 MBG\/NBD：/m);
  });

  it("--out writes the schedule (no total row) and keeps the words on standard output", async () => {
    const out = path.join(s.dir(), "schedule.csv");
    const r = await run(["--model", "paretonbd", "--periods", "4", "--out", "schedule.csv"]);
    expect(r.code).toBe(0);
    const file = fs.readFileSync(out, "utf8").trim().split("\n");
    expect(file).toHaveLength(5);
    expect(file[0]).toBe("period,end_date,transactions,revenue,discounted");
    expect(r.out).not.toMatch(/period,end_date/);
    expect(r.out).toMatch(/^Forecast of 2357 customers with Pareto\/NBD/);
    const total = file.slice(1).reduce((a, l) => a + Number(l.split(",")[2]), 0);
    expect(r.out).toMatch(new RegExp(`Total over 4 weeks: ${total.toFixed(2)} repeat purchases`));
  });

  it("--json with auto carries the comparison of cva fit", async () => {
    const r = await run(["--periods", "2", "--json"]);
    const j = JSON.parse(r.out);
    expect(j.model).toBe("mbgnbd");
    expect(j.comparison.map((c: { model: string; chosen: boolean }) => [c.model, c.chosen])).toEqual([["bgnbd", false], ["mbgnbd", true], ["paretonbd", false]]);
  });
});

describe("bad options of cva forecast, named before the file is read", () => {
  it.each([
    [["--periods", "0"], /--periods must be at least 1; got 0/],
    [["--periods", "2.5"], /--periods must be a whole number; got 2\.5/],
    [["--periods", "5000"], /--periods must be a whole number from 1 to 1200; got 5000/],
    [["--period", "fortnights"], /--period must be one of days, weeks, months, quarters, years; got "fortnights"/],
    [["--discount", "1"], /--discount is a rate below 1 \(0\.1 = 10%\); got 1\. Did you mean 0\.01\?/],
    [["--margin", "30"], /--margin is a share of spend above 0 and at most 1 \(0\.3 = 30%\); got 30\. Did you mean 0\.3\?/],
    [["--acquisition-cost", "-1"], /--acquisition-cost must be at least 0; got -1/],
    [["--model", "bgbb"], /--model must be one of auto, bgnbd, mbgnbd, paretonbd; got "bgbb"/],
    [["--horizon-months", "3"], /unknown option --horizon-months/],
  ])("%j", async (extra, message) => {
    const io = fakeIo(s.dir());
    // A file that does not exist: the options are refused before it is looked for.
    expect(await main(["forecast", "no-such-file.csv", ...extra], io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err).toMatch(/Run `cva forecast --help` for usage\./);
  });
  it("in Chinese", async () => {
    const io = fakeIo(s.dir());
    expect(await main(["forecast", "no-such-file.csv", "--period", "fortnights", "--lang", "zh-CN"], io)).toBe(2);
    expect(io.err).toBe('cva：--period 必须是以下之一：days, weeks, months, quarters, years；实际为 "fortnights"\n运行 `cva forecast --help` 查看用法。\n');
  });
});
