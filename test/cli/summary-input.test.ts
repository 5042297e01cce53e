// cva fit and cva predict on a per-customer summary file (frequency, recency, T [, monetary_value]
// [, weight]), recognised by its columns: the same fit as from the transactions, lifetimes'
// CDNOW parameters from lifetimes' own summary file, and a weighted file of distinct histories
// fitted as the customers behind it.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const withSpend = path.resolve(__dirname, "../../data/cdnow/cdnow_customers_summary_with_transactions.csv");
const lifetimes = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/lifetimes-cdnow.json"), "utf8")) as {
  fits: Record<string, { params: Record<string, number>; logLikelihoodTotal: number }>;
};
const s = scratch("cva-summary-input-");

async function run(args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(s.dir(), env);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

async function fitJson(args: string[]): Promise<{ params: Record<string, number>; logLikelihood: number; customers: number }> {
  const r = await run(["fit", ...args, "--json"]);
  expect(r.err).not.toContain("error");
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

function expectClose(a: Record<string, number>, b: Record<string, number>, rel: number): void {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(b)) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(rel * Math.abs(b[k]));
}

let summaryFile = "";
beforeAll(async () => {
  summaryFile = path.join(s.dir(), "summary.csv");
  const r = await run(["summary", sample, "--unit", "weeks", "--out", summaryFile]);
  expect(r.code).toBe(0);
});

// cva summary writes 15 significant digits: data moved by 1e-15 move the point where the optimiser
// stops within its own tolerance (BG/NBD: 7 iterations instead of 8), so the log-likelihoods agree
// to 1e-12 and the parameters to about 1e-7, not to the bit.
test("a summary file (cva summary's) gives the fit of its transactions: log-likelihood to 1e-12, parameters to 1e-6", async () => {
  for (const model of ["bgnbd", "paretonbd", "gammagamma"]) {
    const fromLog = await fitJson([sample, "--model", model]);
    const fromSummary = await fitJson([summaryFile, "--model", model]);
    expect(fromSummary.customers).toBe(fromLog.customers); // 2,357; Gamma-Gamma: the 1,139 repeat buyers
    expectClose(fromSummary.params, fromLog.params, 1e-6);
    expect(Math.abs(fromSummary.logLikelihood - fromLog.logLikelihood)).toBeLessThan(1e-12 * Math.abs(fromLog.logLikelihood));
  }
});

test("lifetimes' CDNOW summary (x, t_x, T, zbar) gives lifetimes' BG/NBD and Gamma-Gamma to 1e-5", async () => {
  const bg = await fitJson([withSpend, "--model", "bgnbd"]);
  expectClose(bg.params, lifetimes.fits["BG/NBD"].params, 1e-5);
  expect(bg.logLikelihood).toBeCloseTo(lifetimes.fits["BG/NBD"].logLikelihoodTotal, 3);
  const gg = await fitJson([withSpend, "--model", "gammagamma"]);
  expectClose(gg.params, lifetimes.fits["Gamma-Gamma"].params, 1e-5);
});

test("distinct histories with a weight column fit as the customers behind them (1e-9); auto too", async () => {
  // Group lifetimes' 2,357 customers into distinct (x, t_x, T) with their counts.
  const c = csvColumns(fs.readFileSync(withSpend, "utf8"));
  const counts = new Map<string, number>();
  c.x.forEach((x, i) => counts.set(`${x},${c.t_x[i]},${c.T[i]}`, (counts.get(`${x},${c.t_x[i]},${c.T[i]}`) ?? 0) + 1));
  const grouped = s.write("grouped.csv", ["frequency,recency,T,weight", ...[...counts].map(([k, w]) => `${k},${w}`)].join("\n") + "\n");
  expect(counts.size).toBeLessThan(2357);
  const one = await fitJson([withSpend, "--model", "bgnbd"]);
  const many = await fitJson([grouped, "--model", "bgnbd"]);
  expect(many.customers).toBe(2357);
  expectClose(many.params, one.params, 1e-9);
  expect(Math.abs(many.logLikelihood - one.logLikelihood)).toBeLessThan(1e-6);
  const auto = await run(["fit", grouped, "--model", "auto", "--json"]);
  expect(auto.code).toBe(0);
  expect(JSON.parse(auto.out).customers).toBe(2357);
});

// As the fit above: the scores agree to about 1e-7.
test("cva predict on the summary file scores every customer as from the transactions (1e-6)", async () => {
  const args = ["--model", "bgnbd", "--horizon-months", "12"];
  const a = await run(["predict", sample, ...args]);
  const b = await run(["predict", summaryFile, ...args]);
  expect(a.code).toBe(0);
  expect(b.code).toBe(0);
  const ca = csvColumns(a.out), cb = csvColumns(b.out);
  expect(cb.customer_id).toEqual(ca.customer_id);
  for (const col of ["p_alive", "expected_purchases", "expected_value", "clv"]) {
    ca[col].forEach((v, i) => expect(Math.abs(Number(cb[col][i]) - Number(v))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(Number(v)))));
  }
  // The fitted model is told as from the transactions.
  const told = (err: string) => err.split("\n").find((l) => l.includes("BG/NBD on"));
  expect(told(b.err)).toMatch(/^cva: BG\/NBD on 2357 customers: r 0\.2536, alpha 5\.447, a 0\.6074, b 2\.647; Gamma-Gamma on 1139 repeat buyers/);
  expect(told(b.err)).toBe(told(a.err));
});

test("options that need dates or columns are refused for a summary file, in both languages", async () => {
  const en = await run(["fit", summaryFile, "--end", "1997-06-30"]);
  expect(en.code).toBe(2);
  expect(en.err).toContain("--end does not apply to summary.csv: it is a per-customer summary");
  const zh = await run(["predict", summaryFile, "--id", "x", "--lang", "zh-CN"]);
  expect(zh.code).toBe(2);
  expect(zh.err).toContain("--id 不适用于 summary.csv：它是逐客户汇总表");
});

test("a bad number in a summary file is named by row, line and column, in both languages", async () => {
  const bad = s.write("bad.csv", "customer_id,frequency,recency,T\na,1,2,10\nb,1,abc,10\n");
  const en = await run(["fit", bad]);
  expect(en.code).toBe(1);
  expect(en.err).toContain('bad.csv: row 2 (line 3), column "recency": cannot read "abc" as a number');
  const zh = await run(["predict", bad, "--lang", "zh-CN"]);
  expect(zh.err).toContain('bad.csv：第 2 条数据（第 3 行），"recency" 列：无法把 "abc" 读作数字');
});
