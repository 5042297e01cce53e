// cva sql: the summary as one DuckDB query over a transactions table, executed in DuckDB on
// CDNOW and compared row by row with cva summary (same customers in the same order, figures to
// 1e-12, dates equal) at days, weeks, months and weekly and monthly periods, an end inside the
// data, and on a log of edge cases (./sql-edge-log.ts); the distinct histories it prints fitted
// by cva fit give the transactions' fit exactly.
import * as path from "path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { main } from "../../src/cli/main";
import { run as sqlRun, usage } from "../../src/cli/commands/sql";
import { csvColumns, fakeIo, scratch } from "./helpers";
import { EDGE_LOG, expectSameSummary } from "./sql-edge-log";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-sql-");

async function cva(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

async function sql(args: string[], lang: "en-US" | "zh-CN" = "en-US") {
  const io = fakeIo(s.dir());
  const code = await sqlRun(args, io, lang);
  return { code, out: io.out, err: io.err };
}

let db: DuckDBConnection;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  // CDNOW as a typed table, as a warehouse holds it: ids as text, dates as DATE, amounts as DOUBLE.
  await db.run(`CREATE TABLE transactions AS SELECT customer_id, CAST(date AS DATE) AS date, cds, CAST(amount AS DOUBLE) AS amount
    FROM read_csv('${sample}', header = true, types = {'customer_id': 'VARCHAR'})`);
  await db.run(`CREATE SCHEMA shop`);
  await db.run(`CREATE TABLE shop."tx log" AS SELECT customer_id AS "客户", date AS "日", amount AS "金额" FROM transactions`);
});
afterAll(() => db.closeSync());

async function rowsOf(query: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(query)).getRowObjects();
}

test.each([
  [[]],
  [["--unit", "days", "--end", "1997-09-30"]],
  [["--period", "week"]],
  [["--period", "month", "--unit", "months", "--end", "1998-01-15"]],
])("the printed query, run in DuckDB, is cva summary's summary of CDNOW (%j)", async (opts) => {
  const q = await sql(opts);
  expect(q.code).toBe(0);
  const got = await rowsOf(q.out);
  const want = csvColumns((await cva(["summary", sample, ...opts])).out);
  expect(got.map((r) => String(r.customer_id))).toEqual(want.customer_id); // 2,357 customers, same order
  for (const k of ["frequency", "recency", "T", "monetary", "revenue", "orders"]) {
    want[k].forEach((v, i) => expect(Math.abs(Number(got[i][k]) - Number(v))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(Number(v)))));
  }
  expect(got.map((r) => String(r.first))).toEqual(want.first);
  expect(got.map((r) => String(r.last))).toEqual(want.last);
});

test.each([[[]], [["--period", "week"]], [["--period", "month", "--unit", "days"]], [["--end", "2024-05-31"]], [["--period", "week", "--end", "2024-05-31"]]])(
  "on the edge cases (TIMESTAMP dates, DECIMAL amounts, a day netted, refunds, ids 1 and 01), the printed query run in DuckDB is cva summary's summary (%j)",
  async (opts) => {
    const edge = s.write("edge.csv", EDGE_LOG);
    await db.run(`CREATE OR REPLACE TABLE edge AS SELECT customer_id AS "客户", CAST(date AS TIMESTAMP) AS "when", CAST(amount AS DECIMAL(10, 2)) AS amt
      FROM read_csv('${edge}', header = true, all_varchar = true)`);
    const q = await sql(["--table", "edge", "--id", "客户", "--date", "when", "--amount", "amt", ...opts]);
    const rows = await rowsOf(q.out);
    const got = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => String(r[k]))]));
    expectSameSummary(got, csvColumns((await cva(["summary", edge, ...opts])).out));
    expect(got.customer_id).toEqual(opts.includes("--end") ? ["01", "1", "10", "A7", "b2"] : ["01", "1", "2", "10", "A7", "b2"]);
  },
);

test("--histories: the distinct histories with counts, which cva fit turns into the transactions' fit exactly", async () => {
  const q = await sql(["--histories"]);
  expect(q.code).toBe(0);
  const file = path.join(s.dir(), "histories.csv");
  await db.run(`COPY (${q.out.replace(/;\s*$/, "")}) TO '${file}' (FORMAT csv, HEADER true)`);
  const h = await rowsOf(`SELECT count(*) AS n, sum(weight) AS w FROM '${file}'`);
  expect(Number(h[0].w)).toBe(2357);
  expect(Number(h[0].n)).toBeLessThan(2357);
  for (const model of ["bgnbd", "paretonbd"]) {
    const fromLog = JSON.parse((await cva(["fit", sample, "--model", model, "--json"])).out);
    const fromHistories = JSON.parse((await cva(["fit", file, "--model", model, "--json"])).out);
    expect(fromHistories.customers).toBe(2357);
    expect(fromHistories.params).toEqual(fromLog.params);
  }
});

test("--table schema.table and --id/--date/--amount name any table and columns, quoted", async () => {
  const q = await sql(["--table", "shop.tx log", "--id", "客户", "--date", "日", "--amount", "金额"]);
  expect(q.out).toContain('FROM "shop"."tx log"');
  const got = await rowsOf(q.out);
  expect(got.length).toBe(2357);
  const want = await rowsOf((await sql([])).out);
  // DuckDB sums in parallel, in no fixed order: a sum of amounts may differ in its last bit from one run to the next.
  expect(got.map((r) => [r.customer_id, r.frequency, r.recency, r.T, r.first, r.last, r.orders])).toEqual(want.map((r) => [r.customer_id, r.frequency, r.recency, r.T, r.first, r.last, r.orders]));
  for (const k of ["monetary", "revenue"]) want.forEach((r, i) => expect(Math.abs(Number(got[i][k]) - Number(r[k]))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(Number(r[k])))));
});

test("a file argument and an unknown dialect are refused, in both languages; the help lists the same options and the dialects in both", async () => {
  const file = await sql([sample]);
  expect(file.code).toBe(2);
  expect(file.err).toContain("cva sql reads no file, it prints a query to run where the table is; got");
  const zh = await sql([sample], "zh-CN");
  expect(zh.err).toContain("cva sql 不读取文件");
  const dialect = await sql(["--dialect", "oracle"]);
  expect(dialect.code).toBe(2);
  expect(dialect.err).toContain("--dialect");
  const optionsOf = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g))].sort();
  const en = await sql(["--help"]);
  const zhHelp = await sql(["--help"], "zh-CN");
  expect(en.out).toBe(usage + "\n");
  expect(zhHelp.out).toMatch(/^用法：cva sql /);
  expect(optionsOf(zhHelp.out)).toEqual(optionsOf(en.out));
  // Both helps name the five dialects and say which are executed in the tests and which only parsed.
  for (const help of [en.out, zhHelp.out]) for (const d of ["duckdb", "postgres", "spark", "bigquery", "snowflake"]) expect(help).toContain(d);
  expect(en.out).toContain("only\n                             checked by a parser of their grammar");
  expect(zhHelp.out).toContain("只经其语法的解析器检查");
  expect(dialect.err).toContain("duckdb, postgres, spark, bigquery, snowflake");
});

test("--spend-pairs and --join-scores print the queries over the stored summary, in each dialect's quoting; one query at a time, and the summary's options are refused with them, in both languages", async () => {
  // The CLI prints exactly the builders' text (their semantics are tested end to end in histories-join.test.ts).
  const { joinScoresSql, spendPairsSql } = await import("../../src/cli/engine/join-scores-sql");
  expect((await sql(["--join-scores"])).out).toBe(joinScoresSql({ dialect: "duckdb", summary: "summary", scores: "cva_scores" }));
  const bq = await sql(["--dialect", "bigquery", "--table", "shop.cust", "--join-scores", "--scores", "shop.s"]);
  expect(bq.code).toBe(0);
  expect(bq.out).toBe(joinScoresSql({ dialect: "bigquery", summary: "shop.cust", scores: "shop.s" }));
  expect(bq.out).toContain("`shop`.`cust`");
  expect((await sql(["--dialect", "postgres", "--spend-pairs"])).out).toBe(spendPairsSql({ dialect: "postgres", summary: "summary" }));
  // Run in DuckDB on a summary stored from the printed summary query, the spend pairs count every repeat buyer once.
  await db.run(`CREATE TABLE summary AS ${(await sql([])).out.replace(/;\s*$/, "")}`);
  const pairs = await rowsOf((await sql(["--spend-pairs"])).out);
  const repeat = await rowsOf(`SELECT count(*) AS n FROM summary WHERE frequency > 0`);
  expect(pairs.reduce((acc, r) => acc + Number(r.weight), 0)).toBe(Number(repeat[0].n));
  // 1,139 of CDNOW's 2,357 customers bought on more than one day (counted from the CSV's distinct dates per id in Python).
  expect(Number(repeat[0].n)).toBe(1139);

  const two = await sql(["--histories", "--join-scores"]);
  expect(two.code).toBe(2);
  expect(two.err).toContain("cva sql prints one query at a time; choose one of --histories, --join-scores");
  expect((await sql(["--histories", "--spend-pairs"], "zh-CN")).err).toContain("cva sql 一次只输出一条查询");
  const stray = await sql(["--join-scores", "--period", "week", "--end", "1997-09-30"]);
  expect(stray.code).toBe(2);
  expect(stray.err).toContain("--period, --end shape the summary query only; --join-scores reads the summary already stored");
  expect((await sql(["--spend-pairs", "--unit", "days"], "zh-CN")).err).toContain("--unit 只作用于汇总查询；--spend-pairs 读取");
  const scores = await sql(["--scores", "x"]);
  expect(scores.code).toBe(2);
  expect(scores.err).toContain("--scores names the scores table of --join-scores");
});
