// cva predict --histories: what it refuses, each with a keyed message in English and Chinese that
// names the file and its data row (row 1 = the line after the header); the per-history spend
// columns checked by hand against FH 2013 eq. 5; the shortest-text CSV writer read back exactly;
// and the join's text in each dialect (quoting, double type).
import * as path from "path";
import { DuckDBInstance } from "@duckdb/node-api";
import { main } from "../../src/cli/main";
import { scoresCsv } from "../../src/cli/engine/histories-write";
import { scoreHistories, spendOf } from "../../src/cli/engine/histories";
import type { WeightedFit } from "../../src/cli/engine/weighted-model";
import { joinScoresSql, spendPairsSql, SCORES_DIALECTS } from "../../src/cli/engine/join-scores-sql";
import { fakeIo, scratch } from "./helpers";

const s = scratch("cva-histories-errors-");

async function predict(args: string[], lang: "en-US" | "zh-CN" = "en-US") {
  const io = fakeIo(s.dir());
  const code = await main(["predict", ...args, "--lang", lang], io);
  return { code, out: io.out, err: io.err };
}

const spend = () => s.write("spend.csv", "frequency,monetary,weight\n1,20,3\n2,30,2\n");

test.each([
  ["no weight column", "frequency,recency,T\n0,0,10\n", "histories.csv has no weight column (or count)", "histories.csv 没有 weight（或 count）列"],
  ["a fractional frequency", "frequency,recency,T,count\n0,0,10,4\n1.5,3,10,2\n", "histories.csv: row 2, column frequency: 1.5 is not a whole number", "第 2 条数据，frequency 列：1.5"],
  ["recency beyond T", "frequency,recency,T,weight\n1,12,10,2\n", "histories.csv: row 1: recency 12 and T 10 do not satisfy 0 ≤ recency ≤ T", "第 1 条数据：recency 12 与 T 10"],
  ["a one-time buyer with a recency", "frequency,recency,T,weight\n2,5,10,1\n0,3,10,1\n", "histories.csv: row 2: recency 3 with frequency 0", "第 2 条数据：frequency 为 0 而 recency 为 3"],
  ["a weight of 0", "frequency,recency,T,weight\n2,5,10,1\n0,0,10,0\n", "histories.csv: row 2, column weight: 0 customers", "第 2 条数据，weight 列：0 个客户"],
  ["a value that is no number", "frequency,recency,T,weight\n2,5,ten,1\n", 'histories.csv: row 1 (line 2), column "T": cannot read "ten" as a number', "第 1 条数据（第 2 行）"],
])("a history table with %s is refused, naming the row, in both languages", async (_what, content, en, zh) => {
  const file = s.write("histories.csv", content);
  const a = await predict(["--histories", file, "--spend", spend()]);
  expect(a.code).not.toBe(0);
  expect(a.out).toBe("");
  expect(a.err).toContain(en);
  const b = await predict(["--histories", file, "--spend", spend()], "zh-CN");
  expect(b.err).toContain(zh);
});

test.each([
  ["no weight column", "frequency,monetary\n1,20\n", "spend.csv: missing column weight: a spend file has the columns frequency, monetary and weight", "缺少 weight 列：消费文件"],
  ["a weight below 0", "frequency,monetary,count\n1,20,3\n2,30,-1\n", "spend.csv: row 2, column count: -1 customers", "第 2 条数据，count 列：-1 个客户"],
  ["a negative frequency", "frequency,monetary,weight\n-1,20,3\n", "spend.csv: row 1, column frequency: -1 is not a whole number", "第 1 条数据，frequency 列：-1"],
])("a spend file with %s is refused, in both languages", async (_what, content, en, zh) => {
  const h = s.write("h.csv", "frequency,recency,T,weight\n1,5,10,3\n0,0,10,8\n");
  const file = s.write("spend.csv", content);
  const a = await predict(["--histories", h, "--spend", file]);
  expect(a.code).not.toBe(0);
  expect(a.err).toContain(en);
  expect((await predict(["--histories", h, "--spend", file], "zh-CN")).err).toContain(zh);
});

test("the spends are needed once: missing, or given twice, or --spend alone, or beside a transaction file", async () => {
  const h = s.write("h.csv", "frequency,recency,T,weight\n1,5,10,3\n0,0,10,8\n");
  const hm = s.write("hm.csv", "frequency,recency,T,monetary,weight\n1,5,10,20,3\n0,0,10,0,8\n");
  const cases: [string[], string, string][] = [
    [["--histories", h], "the expected spend per purchase (Gamma-Gamma) needs the repeat buyers' mean spends, which h.csv does not have", "而 h.csv 中没有"],
    [["--histories", hm, "--spend", spend()], "hm.csv has a monetary column and --spend gives the spends too", "hm.csv 已有 monetary 列"],
    [["--spend", spend(), "t.csv"], "--spend goes with --histories", "--spend 须与 --histories 一起使用"],
    [["--histories", h, "t.csv"], "--histories FILE takes the place of the transaction file: got t.csv as well", "不能再给出 t.csv"],
    [["--histories", h, "--end", "2024-01-01"], "--end does not apply to --histories", "--end 不适用于 --histories"],
    [["--histories", h, "--intervals", "0.9"], "--intervals does not apply to --histories", "--intervals 不适用于 --histories"],
  ];
  for (const [args, en, zh] of cases) {
    const a = await predict(args);
    expect(a.code).not.toBe(0);
    expect(a.err).toContain(en);
    expect((await predict(args, "zh-CN")).err).toContain(zh);
  }
});

test("too few customers: no model, said as for a summary, and nothing written", async () => {
  const h = s.write("few.csv", "frequency,recency,T,weight\n1,5,10,3\n0,0,10,2\n");
  const r = await predict(["--histories", h, "--spend", spend()]);
  expect(r.code).toBe(1);
  expect(r.out).toBe("");
  expect(r.err).toContain("no model could be fitted: 5 customers, and the lifetime models need at least 10");
});

test("the spend columns are FH 2013 eq. 5 split as intercept + slope × mean spend; without Gamma-Gamma, the fallback", () => {
  const base = { fitted: true, model: "bgnbd", fit: { params: { r: 0.25, alpha: 4.4, a: 0.79, b: 2.4 } }, comparison: null, note: "", settings: {} };
  const h = { frequency: Float64Array.of(0, 2), recency: Float64Array.of(0, 30), T: Float64Array.of(38, 38) };
  const o = { unit: "weeks" as const };
  // p = 6.25, q = 3.74, v = 15.44: x = 2 → E[M | m = 30] = 6.25·(15.44 + 60)/(12.5 + 2.74) = 471.5/15.24 = 30.938320…
  const gg = scoreHistories({ ...base, gammagamma: { params: { p: 6.25, q: 3.74, v: 15.44 } }, meanSpend: 0 } as unknown as WeightedFit, h, o);
  expect(spendOf(gg, 1, 30)).toBeCloseTo(471.5 / 15.24, 12);
  expect(spendOf(gg, 1, -5)).toBeCloseTo((6.25 * 15.44) / 15.24, 12); // a negative mean spend counts as 0
  expect(spendOf(gg, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12); // x = 0: pv/(q − 1) = 35.218978…
  const none = scoreHistories({ ...base, gammagamma: null, meanSpend: 27.5 } as unknown as WeightedFit, h, o);
  expect([spendOf(none, 0, 0), spendOf(none, 1, 30), spendOf(none, 1, -5)]).toEqual([27.5, 30, -5]);
  // clv_per_spend carries the margin: half the margin, half the factor.
  const half = scoreHistories({ ...base, gammagamma: null, meanSpend: 27.5 } as unknown as WeightedFit, h, { ...o, margin: 0.5 });
  expect(half.clvPerSpend[1]).toBeCloseTo(none.clvPerSpend[1] / 2, 14);
  expect(none.clvPerSpend[1]).toBeGreaterThan(0);
});

test("the CSV writer's numbers read back to the same doubles (recency and T as days / 7 and / 30.4375)", () => {
  const values = Float64Array.from({ length: 4000 }, (_, k) => (k < 2000 ? k / 7 : (k - 2000) / 30.4375));
  const lines = scoresCsv([["recency", values]]).trim().split("\n");
  expect(lines[0]).toBe("recency");
  expect(lines[1 + 213]).toBe("30.428571428571427"); // 213 / 7, 17 significant digits where 15 would not read back
  lines.slice(1).forEach((t, i) => expect(Number(t)).toBe(values[i]));
  expect(() => scoresCsv([["p_alive", Float64Array.of(NaN)]])).toThrow();
});

test("the join's text in each dialect: quoted tables, the dialect's double type", () => {
  for (const dialect of SCORES_DIALECTS) {
    const q = joinScoresSql({ dialect, summary: "shop.summary", scores: "cva scores" });
    const tick = dialect === "spark" || dialect === "bigquery";
    expect(q).toContain(tick ? "FROM `shop`.`summary` AS c" : 'FROM "shop"."summary" AS c');
    expect(q).toContain(tick ? "FROM `cva scores`" : 'FROM "cva scores"');
    expect(q).toContain(`CAST(c.${tick ? "`recency`" : '"recency"'} AS ${dialect === "postgres" ? "DOUBLE PRECISION" : dialect === "bigquery" ? "FLOAT64" : "DOUBLE"})`);
    expect(q).toContain("LEFT JOIN s ON");
    expect(spendPairsSql({ dialect, summary: "s" })).toContain(tick ? "WHERE `frequency` > 0" : 'WHERE "frequency" > 0');
  }
});

test("a Parquet history table is read as its CSV would be: a bad row is named in the Parquet file; a missing one is said", async () => {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const pq = path.join(s.dir(), "h.parquet");
  try {
    await db.run(`COPY (SELECT * FROM (VALUES (1, 5.0, 10.0, 3), (0, 0.0, 10.0, 0)) t(frequency, recency, T, weight)) TO '${pq}' (FORMAT parquet)`);
  } finally {
    db.closeSync();
  }
  const r = await predict(["--histories", pq, "--spend", spend()]);
  expect(r.code).not.toBe(0);
  expect(r.err).toContain("h.parquet: row 2, column weight: 0 customers");
  const missing = await predict(["--histories", path.join(s.dir(), "none.parquet"), "--spend", spend()]);
  expect(missing.err).toMatch(/none\.parquet/);
  expect(missing.err).not.toContain("DuckDB");
});
