// cva fit --model auto (the comparison of BG/NBD, MBG/NBD and Pareto/NBD) and --model bgbb
// (discrete opportunities), in-process through main() on the repository's data.
import * as path from "path";
import { main } from "../../src/cli/main";
import { bgbbFromTransactions, periodIndex } from "../../src/cli/commands/bgbb-data";
import { countModel, dayFromYmd, holdoutFromTransactions, transactionTable } from "../../src/core";
import { readTransactionsCsv } from "../../src/cli/csv";
import { fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const donations = path.resolve(__dirname, "../../data/cdnow/donations.csv");
const s = scratch("cva-fit-models-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

async function json(args: string[]) {
  const r = await run([...args, "--json"]);
  expect([args.join(" "), r.code, r.err]).toEqual([args.join(" "), 0, expect.any(String)]);
  return JSON.parse(r.out);
}

interface Row {
  model: string;
  params: Record<string, number> | null;
  logLikelihood: number;
  aic: number;
  bic: number;
  converged: boolean;
  chosen: boolean;
  se?: Record<string, number>;
  ci95?: Record<string, [number, number]>;
  covariance?: { names: string[]; matrix: number[][] };
  holdoutMae?: number;
  holdoutTotalPredicted?: number;
  holdoutTotalActual?: number;
  holdoutTotalError?: number;
}

describe("cva fit --model auto --json on CDNOW (calibration to 1997-09-30)", () => {
  let j: { model: string; rule: string; params: Record<string, number>; logLikelihood: number; customers: number; comparison: Row[]; reason: string; se: Row["se"]; ci95: Row["ci95"] };
  beforeAll(async () => {
    j = await json(["fit", sample, "--model", "auto", "--end", "1997-09-30"]);
  });

  it("prints the chosen model's fit with the keys of every fit, then the rule, the comparison and the reason", () => {
    expect(Object.keys(j)).toEqual(["model", "params", "logLikelihood", "customers", "converged", "iterations", "elapsedMs", "se", "ci95", "covariance", "rule", "comparison", "reason"]);
    expect(j.rule).toBe("bic");
    expect(j.comparison.map((r) => r.model)).toEqual(["bgnbd", "mbgnbd", "paretonbd"]);
    for (const r of j.comparison) expect(Object.keys(r)).toEqual(["model", "params", "logLikelihood", "aic", "bic", "converged", "chosen", "se", "ci95", "covariance"]);
  });

  it("every row carries its own model's standard errors; the chosen fit's are its row's", () => {
    // Pareto/NBD on CDNOW (weeks): r 0.0476, alpha 0.843, s 0.187, beta 6.21 (test/core/clv/uncertainty.test.ts checks them).
    const p = j.comparison.find((r) => r.model === "paretonbd")!;
    expect(Object.values(p.se!).map((v) => Number(v.toPrecision(3)))).toEqual([0.0476, 0.843, 0.187, 6.21]);
    expect(p.covariance!.names).toEqual(["r", "alpha", "s", "beta"]);
    const chosen = j.comparison.find((r) => r.chosen)!;
    expect(j.se).toEqual(chosen.se);
    expect(j.ci95).toEqual(chosen.ci95);
  });

  it.each(["bgnbd", "mbgnbd", "paretonbd"])("the %s row is that model's own fit (cva fit --model %s)", async (model) => {
    const own = await json(["fit", sample, "--model", model, "--end", "1997-09-30"]);
    const row = j.comparison.find((r) => r.model === model)!;
    expect(row.logLikelihood).toBeCloseTo(own.logLikelihood, 6);
    for (const [k, v] of Object.entries(own.params as Record<string, number>)) expect(row.params![k]).toBeCloseTo(v, 6);
    // k = 4 parameters, n = 2357 customers: AIC = 2k − 2 ln L, BIC = k ln n − 2 ln L.
    expect(row.aic).toBeCloseTo(8 - 2 * own.logLikelihood, 6);
    expect(row.bic).toBeCloseTo(4 * Math.log(2357) - 2 * own.logLikelihood, 6);
  });

  it("BG/NBD's row has the published log-likelihood (Fader, Hardie & Lee 2005: −9582.4)", () => {
    expect(j.comparison[0].logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it("the chosen model is the one marked, and follows the BIC rule of docs/models/choice.md", () => {
    const chosen = j.comparison.filter((r) => r.chosen);
    expect(chosen.map((r) => r.model)).toEqual([j.model]);
    expect(j.params).toEqual(chosen[0].params);
    expect(j.logLikelihood).toBe(chosen[0].logLikelihood);
    // Four parameters each: the lowest BIC is the highest LL; LLs within 1 are a tie, decided MBG/NBD, Pareto/NBD, BG/NBD.
    const best = Math.max(...j.comparison.map((r) => r.logLikelihood));
    const tied = j.comparison.filter((r) => r.logLikelihood > best - 1).map((r) => r.model);
    expect(j.model).toBe(["mbgnbd", "paretonbd", "bgnbd"].find((m) => tied.includes(m)));
    // On CDNOW: BG/NBD −9582.43 and MBG/NBD −9582.14 tie, Pareto/NBD −9594.98 is 13 lower: MBG/NBD.
    expect(tied).toEqual(["bgnbd", "mbgnbd"]);
    expect(j.model).toBe("mbgnbd");
    expect(j.reason).toMatch(/^MBG\/NBD was chosen/);
  });
});

describe("cva fit --model auto --calibration-end: the holdout errors", () => {
  let j: { model: string; rule: string; comparison: Row[] };
  beforeAll(async () => {
    j = await json(["fit", sample, "--model", "auto", "--calibration-end", "1997-09-30", "--end", "1998-06-30"]);
  });

  it("each row has the holdout MAE, predicted and actual totals and the error of the total", async () => {
    expect(j.rule).toBe("holdout");
    for (const r of j.comparison) {
      expect(Object.keys(r)).toEqual(["model", "params", "logLikelihood", "aic", "bic", "converged", "chosen", "holdoutMae", "holdoutTotalPredicted", "holdoutTotalActual", "holdoutTotalError", "se", "ci95", "covariance"]);
      // 1,882 repeat purchases in the holdout (as cva validate counts them, and FHL 2005 fig. 2)
      expect(r.holdoutTotalActual).toBe(1882);
      expect(r.holdoutTotalError).toBeCloseTo((r.holdoutTotalPredicted! - 1882) / 1882, 12);
    }
    // BG/NBD's predicted total is cva validate's.
    const v = await json(["validate", sample, "--calibration-end", "1997-09-30", "--end", "1998-06-30"]);
    expect(j.comparison[0].holdoutTotalPredicted).toBeCloseTo(v.totalPredicted, 6);
  });

  it("the MAE is the mean over customers of |E[Y(39 weeks) | x, t_x, T] − actual| at each row's parameters", () => {
    const h = holdoutFromTransactions(readTransactionsCsv(sample), dayFromYmd(1997, 9, 30), dayFromYmd(1998, 6, 30), "weeks");
    for (const r of j.comparison) {
      const m = countModel(r.model);
      let sum = 0;
      for (let i = 0; i < h.frequency.length; i++) sum += Math.abs(m.expectedPurchases(r.params!, h.holdoutLength, h.frequency[i], h.recency[i], h.T[i]) - h.holdoutPurchases[i]);
      expect(r.holdoutMae).toBeCloseTo(sum / h.frequency.length, 9);
    }
  });

  it("the chosen model has the lowest MAE, or one within the tie, with the smallest error of the total among the tied", () => {
    const chosen = j.comparison.find((r) => r.chosen)!;
    expect(chosen.model).toBe(j.model);
    const lowest = Math.min(...j.comparison.map((r) => r.holdoutMae!));
    expect(chosen.holdoutMae).toBeLessThan(lowest * 1.1);
    // On CDNOW: Pareto/NBD has both the lowest MAE (0.7545) and the smallest error of the total (−11.5 %).
    expect(j.model).toBe("paretonbd");
    expect(chosen.holdoutMae).toBe(lowest);
  });
});

describe("cva fit --model auto, text", () => {
  it("prints the head, the comparison table with the chosen model marked, and the reason, in English", async () => {
    const r = await run(["fit", sample, "--model", "auto", "--end", "1997-09-30"]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe("MBG/NBD chosen by BIC among 3 models, fitted on 2357 customers (unit: weeks)");
    expect(lines[2]).toMatch(/^model\s+log-likelihood\s+AIC\s+BIC\s+chosen\s+parameters$/);
    expect(lines[3]).toMatch(/^BG\/NBD\s+-9582\.43\s+19172\.86\s+19195\.92\s+r = 0\.2425\d* ± 0\.0126, alpha = 4\.41\d* ± 0\.378, a = 0\.79\d* ± 0\.186, b = 2\.42\d* ± 0\.705$/);
    expect(lines[4]).toMatch(/^MBG\/NBD\s+-9582\.14\s+.*✓\s+r = 0\.52\d* ± 0\.0833, /);
    expect(lines[5]).toMatch(/^Pareto\/NBD\s+-9594\.98\s+.* beta = 11\.6\d* ± 6\.21$/);
    expect(lines[6]).toMatch(/^± standard error \(from the observed information/);
    expect(lines[8]).toMatch(/^MBG\/NBD was chosen/);
  });
  it("and in Chinese, with the holdout columns", async () => {
    const r = await run(["fit", sample, "--model", "auto", "--calibration-end", "1997-09-30", "--end", "1998-06-30", "--lang", "zh-CN"]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe("按验证期误差从 3 个模型中选出 Pareto/NBD，拟合 2357 位客户（时间单位：周）");
    expect(lines[1]).toBe("校准期截至 1997-09-30，验证期 39.00 周，截至 1998-06-30");
    expect(lines[3]).toMatch(/^模型\s+对数似然\s+AIC\s+BIC\s+验证期平均绝对误差\s+验证期预测\s+验证期实际\s+总数误差\s+选中\s+参数$/);
    expect(lines[6]).toMatch(/^Pareto\/NBD\s+-9594\.98\s+\S+\s+\S+\s+0\.7545\s+1665\.\d\s+1882\s+-11\.\d%\s+✓\s+r = 0\.55\d* ± 0\.0476, /);
    expect(lines[7]).toMatch(/^± 后为标准误/);
    expect(lines[9]).toMatch(/^选择 Pareto\/NBD/);
  });
});

/** The donations of FHS 2010 (data/cdnow/donations.csv) as transactions: donors of 1995, one row per year with a donation, to 2001. */
function donationTransactions(): string {
  const rows = ["frequency,recency,periods,weights", ...require("fs").readFileSync(donations, "utf8").trim().split("\n").slice(1)];
  const lines = ["id,date,amount"];
  let id = 0;
  for (const row of rows.slice(1)) {
    const [x, tx, n, w] = row.split(",").map(Number);
    expect(n).toBe(6);
    for (let k = 0; k < w; k++) {
      const donor = `d${++id}`;
      lines.push(`${donor},1995-03-15,25`);
      // x donations in 1996…2001, the last in year t_x: years t_x − x + 1 … t_x.
      for (let y = tx - x + 1; y <= tx; y++) lines.push(`${donor},${1995 + y}-${String(1 + ((k + y) % 12)).padStart(2, "0")}-10,${20 + (k % 9)}`);
    }
  }
  return lines.join("\n") + "\n";
}

describe("cva fit --model bgbb", () => {
  // Fader, Hardie & Shang (2010), table 2: α 1.204, β 0.750, γ 0.657, δ 2.783; LL −33,225.6.
  const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

  it("--summary on the donations summary gives the published parameters and log-likelihood", async () => {
    const j = await json(["fit", donations, "--model", "bgbb", "--summary"]);
    expect(Object.keys(j)).toEqual(["model", "params", "logLikelihood", "customers", "converged", "iterations", "elapsedMs", "se", "ci95", "covariance"]);
    expect(j.model).toBe("bgbb");
    // Standard errors (test/core/clv/uncertainty.test.ts checks them against an independent Hessian).
    expect(Object.values(j.se as Record<string, number>).map((v) => Number(v.toPrecision(3)))).toEqual([0.0694, 0.0294, 0.051, 0.321]);
    expect(Object.keys(j.params)).toEqual(["alpha", "beta", "gamma", "delta"]);
    for (const [k, v] of Object.entries(published)) expect(Math.abs(j.params[k] - v)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(j.logLikelihood).toBeCloseTo(-33225.6, 1);
    expect(j.customers).toBe(11104);
    expect(j.converged).toBe(true);
  });

  it("the same donors as transactions (yearly opportunities, the default unit) give the same fit", async () => {
    const file = s.write("donations-tx.csv", donationTransactions());
    const summary = await json(["fit", donations, "--model", "bgbb", "--summary"]);
    const r = await run(["fit", file, "--model", "bgbb", "--end", "2001-12-31", "--json"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    const j = JSON.parse(r.out);
    expect(j.customers).toBe(11104);
    expect(j.logLikelihood).toBeCloseTo(summary.logLikelihood, 6);
    for (const k of Object.keys(published)) expect(j.params[k]).toBeCloseTo(summary.params[k], 6);
  });

  it("a year the end cuts is no opportunity: to 2001-06-30 the donors have 5, and 2001's donations do not count", async () => {
    const table = readTransactionsCsv(s.write("donations-tx2.csv", donationTransactions()));
    const d = bgbbFromTransactions(table, "years", dayFromYmd(2001, 6, 30));
    expect(new Set(d.periods)).toEqual(new Set([5]));
    expect(d.customers).toBe(11104);
    // Donors with 6 of 6 (1,203 of them, row "6,6,6") have 5 of 5.
    const at = d.frequency.findIndex((x, i) => x === 5 && d.recency[i] === 5);
    expect(d.weights[at]).toBeGreaterThanOrEqual(1203);
  });

  it("prints its text report in English and Chinese", async () => {
    const en = await run(["fit", donations, "--model", "bgbb", "--summary"]);
    expect(en.out).toMatch(/^bgbb on 11104 customers \(22 histories, from a summary\): alpha = 1\.20\d* ± 0\.0694, beta = 0\.74\d* ± 0\.0294, gamma = 0\.65\d* ± 0\.051, delta = 2\.78\d* ± 0\.321\nlog-likelihood -33225\.58, \d+ iterations, converged, [\d.]+ ms\n± standard error [^\n]+\n$/);
    const zh = await run(["fit", donations, "--model", "bgbb", "--summary", "--lang", "zh-CN"]);
    expect(zh.out).toMatch(/^bgbb（11104 位客户，22 种购买记录，来自汇总表）：alpha = 1\.20\d* ± 0\.0694, .*\n对数似然 -33225\.58，迭代 \d+ 次，已收敛，用时 [\d.]+ 毫秒\n± 后为标准误[^\n]+\n$/);
  });
});

describe("the opportunities of BG/BB from transactions, worked by hand", () => {
  // Monthly opportunities, end 2024-06-15 (June is cut: the last whole month is May).
  // a: first 2024-01-20; purchases in Feb (two days, one period) and Apr; a return in May (net < 0)
  //    → periods 1…4 (Feb…May), x = 2 (Feb, Apr), t_x = 3 (Apr), n = 4.
  // b: first 2024-03-31, nothing else → n = 2 (Apr, May), x = 0, t_x = 0.
  // c: first 2024-05-02 → no whole month after May: left out. d: first in June (cut): left out.
  // e: as b (grouped with it); f: a purchase on 2024-06-10 in the cut month does not count → as b.
  const table = transactionTable([
    { customerId: "a", date: "2024-01-20", amount: 10 },
    { customerId: "a", date: "2024-02-03", amount: 5 },
    { customerId: "a", date: "2024-02-25", amount: 5 },
    { customerId: "a", date: "2024-04-30", amount: 8 },
    { customerId: "a", date: "2024-05-09", amount: 8 },
    { customerId: "a", date: "2024-05-09", amount: -9 },
    { customerId: "b", date: "2024-03-31", amount: 10 },
    { customerId: "c", date: "2024-05-02", amount: 10 },
    { customerId: "d", date: "2024-06-01", amount: 10 },
    { customerId: "e", date: "2024-03-01", amount: 10 },
    { customerId: "f", date: "2024-03-05", amount: 10 },
    { customerId: "f", date: "2024-06-10", amount: 10 },
  ]);
  it("months", () => {
    const d = bgbbFromTransactions(table, "months", dayFromYmd(2024, 6, 15));
    const rows = d.frequency.map((x, i) => [x, d.recency[i], d.periods[i], d.weights[i]]);
    expect(rows).toEqual([[2, 3, 4, 1], [0, 0, 2, 3]]);
    expect(d.customers).toBe(4);
    expect(d.withoutOpportunity).toBe(2);
  });
  it("an end on the last day of a period counts that period", () => {
    const d = bgbbFromTransactions(table, "months", dayFromYmd(2024, 6, 30));
    // a: n = 5 (Feb…Jun), x = 2, t_x = 3; b, e: n = 3; f: n = 3 with June's purchase, x = 1, t_x = 3; c: n = 1; d: n = 0.
    const rows = d.frequency.map((x, i) => [x, d.recency[i], d.periods[i], d.weights[i]]);
    expect(rows).toEqual([[2, 3, 5, 1], [0, 0, 3, 2], [0, 0, 1, 1], [1, 3, 3, 1]]);
    expect(d.withoutOpportunity).toBe(1);
  });
  it("calendar periods: weeks run Monday to Sunday, quarters and years by the calendar", () => {
    expect(periodIndex(dayFromYmd(2024, 1, 7), "weeks")).toBe(periodIndex(dayFromYmd(2024, 1, 1), "weeks")); // Sunday, Monday
    expect(periodIndex(dayFromYmd(2024, 1, 8), "weeks")).toBe(periodIndex(dayFromYmd(2024, 1, 1), "weeks") + 1);
    expect(periodIndex(dayFromYmd(2023, 12, 31), "weeks")).toBe(periodIndex(dayFromYmd(2024, 1, 1), "weeks") - 1);
    expect(periodIndex(dayFromYmd(2024, 3, 31), "quarters") + 1).toBe(periodIndex(dayFromYmd(2024, 4, 1), "quarters"));
    expect(periodIndex(dayFromYmd(2024, 12, 31), "years") + 1).toBe(periodIndex(dayFromYmd(2025, 1, 1), "years"));
    expect(periodIndex(dayFromYmd(2024, 12, 31), "months") + 1).toBe(periodIndex(dayFromYmd(2025, 1, 1), "months"));
  });
});

describe("bad options of cva fit, named", () => {
  it.each([
    [["--model", "bgnbd", "--calibration-end", "1997-09-30"], /--calibration-end applies only to --model auto; got --model bgnbd/],
    [["--model", "auto", "--summary"], /--summary applies only to --model bgbb; got --model auto/],
    [["--model", "bgnbd", "--unit", "years"], /--unit must be one of days, weeks, months; got "years"/],
    [["--model", "bgbb", "--unit", "hours"], /--unit must be one of days, weeks, months, quarters, years; got "hours"/],
    [["--model", "best"], /--model must be one of bgnbd, mbgnbd, paretonbd, auto, bgbb, gammagamma; got "best"/],
    [["--model", "auto", "--calibration-end", "1997-09-30", "--end", "1997-09-01"], /--end \(1997-09-01\) must come after --calibration-end \(1997-09-30\)/],
  ])("%j", async (extra, message) => {
    const r = await run(["fit", sample, ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
  it("in Chinese", async () => {
    const r = await run(["fit", sample, "--model", "paretonbd", "--calibration-end", "1997-09-30", "--lang", "zh-CN"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cva：--calibration-end 只适用于 --model auto；实际为 --model paretonbd\n/);
  });
  it("a summary file without a periods column names the column", async () => {
    const file = s.write("bad-summary.csv", "frequency,recency,weights\n1,1,3\n");
    const r = await run(["fit", file, "--model", "bgbb", "--summary"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-summary\.csv: missing column periods: a BG\/BB summary has the columns frequency \(or x\), recency \(or t_x\), periods \(or n\)/);
  });
  it("an inconsistent summary row is named by the fit", async () => {
    const file = s.write("bad-summary2.csv", "frequency,recency,periods\n0,0,6\n3,2,6\n1,1,6\n");
    const r = await run(["fit", file, "--model", "bgbb", "--summary", "--lang", "zh-CN"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/第 2 行：购买频次 3、最近购买时间 2 与期数 6 互相矛盾/);
  });
});
