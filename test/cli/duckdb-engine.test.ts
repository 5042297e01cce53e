// cva summary --engine duckdb: the summary as one DuckDB query, against the in-memory engine on
// CDNOW (same customers, same figures to 1e-12 relative, same column sums), with --period week,
// gzip and Parquet inputs, a Parquet output read back, and a bad row named in both languages.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-duckdb-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

const NUMERIC = ["frequency", "recency", "T", "monetary", "revenue", "orders"];

/** Per customer id, the figures of a summary CSV. */
function byId(csv: string): Map<string, Record<string, string>> {
  const c = csvColumns(csv);
  const m = new Map<string, Record<string, string>>();
  c.customer_id.forEach((id, i) => m.set(id.replace(/^"|"$/g, ""), Object.fromEntries(Object.keys(c).map((k) => [k, c[k][i]]))));
  return m;
}

function expectSame(duck: string, memory: string): void {
  const a = byId(duck), b = byId(memory);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  const sums: Record<string, [number, number]> = {};
  for (const [id, want] of b) {
    const got = a.get(id)!;
    for (const k of NUMERIC) {
      const x = Number(got[k]), y = Number(want[k]);
      expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y)));
      sums[k] = [(sums[k]?.[0] ?? 0) + x, (sums[k]?.[1] ?? 0) + y];
    }
    expect(got.first).toBe(want.first);
    expect(got.last).toBe(want.last);
  }
  for (const k of NUMERIC) expect(Math.abs(sums[k][0] - sums[k][1])).toBeLessThanOrEqual(1e-12 * Math.abs(sums[k][1]));
}

test.each([
  [[]],
  [["--unit", "days", "--end", "1997-09-30"]],
  [["--period", "week"]],
  [["--period", "month", "--unit", "months", "--end", "1998-01-15"]],
])("the DuckDB summary of CDNOW is the in-memory one (%j)", async (opts) => {
  const memory = await run(["summary", sample, ...opts]);
  const duck = await run(["summary", sample, ...opts, "--engine", "duckdb", "--threads", "2"]);
  expect(duck.code).toBe(0);
  // The same warnings (CDNOW's 8 customers without a purchase), as test/cli/duckdb-warnings.test.ts pins.
  expect(duck.err).toBe(memory.err);
  expect(byId(duck.out).size).toBe(2357);
  expectSame(duck.out, memory.out);
});

test("gzip CSV in, Parquet out and read back (the Parquet as input gives the same summary)", async () => {
  const gz = s.write("cdnow.csv.gz", zlib.gzipSync(fs.readFileSync(sample)));
  const memory = await run(["summary", sample]);
  const fromGz = await run(["summary", gz, "--engine", "duckdb"]);
  expect(fromGz.code).toBe(0);
  expectSame(fromGz.out, memory.out);
  // The log as Parquet (written by DuckDB's COPY through a summary of days: customer, date, amount).
  const parquetLog = path.join(s.dir(), "log.parquet");
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`COPY (SELECT * FROM read_csv('${sample}', all_varchar = true)) TO '${parquetLog}' (FORMAT parquet)`);
  const fromParquet = await run(["summary", parquetLog, "--engine", "duckdb", "--out", "s.parquet"]);
  expect(fromParquet.code).toBe(0);
  const back = await db.runAndReadAll(`SELECT count(*) AS n, sum(frequency) AS x, sum(recency) AS tx, sum(T) AS t, sum(monetary) AS m FROM '${path.join(s.dir(), "s.parquet")}'`);
  const got = back.getRowObjects()[0];
  const c = csvColumns(memory.out);
  const sum = (k: string) => c[k].reduce((acc, v) => acc + Number(v), 0);
  expect(Number(got.n)).toBe(2357);
  expect(Number(got.x)).toBe(sum("frequency"));
  for (const [k, v] of [["recency", got.tx], ["T", got.t], ["monetary", got.m]] as const) expect(Math.abs(Number(v) - sum(k))).toBeLessThanOrEqual(1e-9 * sum(k));
  db.closeSync();
});

test("a bad row is named by its data row and line, in both languages, as the in-memory reader does", async () => {
  const bad = s.write("bad.csv", "customer_id,date,amount\na,2024-01-01,10\nb,2024-13-45,5\n");
  const duck = await run(["summary", bad, "--engine", "duckdb"]);
  const memory = await run(["summary", bad]);
  expect(duck.code).toBe(1);
  expect(duck.err).toContain('bad.csv: row 2 (line 3), column "date": cannot read "2024-13-45" as a date');
  expect(memory.err).toContain('row 2 (line 3), column "date"');
  const amount = s.write("bad-amount.csv", "customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,ten\n");
  const zh = await run(["summary", amount, "--engine", "duckdb", "--lang", "zh-CN"]);
  expect(zh.err).toContain('bad-amount.csv：第 2 条数据（第 3 行），"amount" 列：无法把 "ten" 读作金额');
});

test("customers come out in the core's order of ids: digit ids by value, then the others by text", async () => {
  const ids = ["b", "10", "9", "a", "01", "1", "007", "A", "0"];
  const log = s.write("ids.csv", ["customer_id,date,amount", ...ids.map((id, i) => `${id},2024-01-${String(i + 1).padStart(2, "0")},5`)].join("\n") + "\n");
  const order = (csv: string) => csvColumns(csv).customer_id.map((id) => id.replace(/^"|"$/g, ""));
  const memory = order((await run(["summary", log])).out);
  const duck = order((await run(["summary", log, "--engine", "duckdb"])).out);
  // Worked by hand: 0; 01 and 1 (value 1, tie broken by text); 007; 9; 10; then A, a, b by code unit.
  expect(memory).toEqual(["0", "01", "1", "007", "9", "10", "A", "a", "b"]);
  expect(duck).toEqual(memory);
});

test("ids with spaces around them are one customer with the trimmed id, as in the memory engine", async () => {
  // A space, an ideographic space (U+3000) and a no-break space (U+00A0): what JavaScript's trim removes.
  const log = s.write("padded.csv", 'customer_id,date,amount\nc1,2024-01-01,10\n" c1",2024-01-05,20\n"c1\u3000",2024-01-09,30\n"c2\u00a0",2024-01-02,5\nc2,2024-01-03,7\n');
  const memory = await run(["summary", log, "--unit", "days"]);
  const duck = await run(["summary", log, "--unit", "days", "--engine", "duckdb"]);
  expect(duck.code).toBe(0);
  const c = csvColumns(duck.out);
  // By hand: c1 bought on Jan 1, 5 and 9 (frequency 2, recency 8 days, T to Jan 9 = 8, repeat mean
  // (20 + 30) / 2 = 25, revenue 60); c2 on Jan 2 and 3 (frequency 1, recency 1, T 7, mean 7, revenue 12).
  expect(c.customer_id.map((id) => id.replace(/^"|"$/g, ""))).toEqual(["c1", "c2"]);
  expect(c.frequency.map(Number)).toEqual([2, 1]);
  expect(c.recency.map(Number)).toEqual([8, 1]);
  expect(c.T.map(Number)).toEqual([8, 7]);
  expect(c.monetary.map(Number)).toEqual([25, 7]);
  expect(c.revenue.map(Number)).toEqual([60, 12]);
  expectSame(duck.out, memory.out);
  // The fit sees the same two customers.
  const fit = await run(["fit", log, "--unit", "days", "--engine", "duckdb", "--json"]);
  expect(JSON.parse(fit.out).customers).toBe(2);
});

test("dates DuckDB's typed CSV reader refuses (YYYY/MM/DD, a time of day) are read as text: the same summary", async () => {
  // The typed reader takes ISO dates only; these files go through the parsing of texts instead.
  const lines = fs.readFileSync(sample, "utf8").split("\n");
  const slashes = s.write("slashes.csv", lines.map((l, i) => (i === 0 ? l : l.replace(/^(\d+),(\d{4})-(\d\d)-(\d\d)/, "$1,$2/$3/$4"))).join("\n"));
  const timed = s.write("timed.csv", lines.map((l, i) => (i === 1 ? l.replace(/^(\d+),(\d{4}-\d\d-\d\d)/, "$1,$2 10:30") : l)).join("\n"));
  const memory = await run(["summary", sample]);
  for (const file of [slashes, timed]) {
    const duck = await run(["summary", file, "--engine", "duckdb"]);
    expect(duck.code).toBe(0);
    expectSame(duck.out, memory.out);
  }
});

test("an infinite amount is named as by the memory engine", async () => {
  const inf = s.write("inf.csv", "customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,inf\n");
  const duck = await run(["summary", inf, "--engine", "duckdb"]);
  const memory = await run(["summary", inf]);
  expect(duck.code).toBe(1);
  expect(duck.err).toContain('inf.csv: row 2 (line 3), column "amount": cannot read "inf" as an amount');
  expect(duck.err).toBe(memory.err);
});

test("a Parquet or gzip file goes to DuckDB without --engine; --engine memory for one is refused, in both languages", async () => {
  const gz = s.write("auto.csv.gz", zlib.gzipSync(fs.readFileSync(sample)));
  const memory = await run(["summary", sample]);
  const auto = await run(["summary", gz]);
  expect(auto.code).toBe(0);
  expectSame(auto.out, memory.out);
  const fit = await run(["fit", gz, "--model", "bgnbd", "--json"]);
  expect(JSON.parse(fit.out).params).toEqual(JSON.parse((await run(["fit", sample, "--model", "bgnbd", "--json"])).out).params);
  const refused = await run(["summary", gz, "--engine", "memory"]);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain("auto.csv.gz is a gzip file, which only the DuckDB engine reads: leave out --engine memory");
  const zh = await run(["predict", path.join(s.dir(), "x.parquet"), "--engine", "memory", "--lang", "zh-CN"]);
  expect(zh.err).toContain("x.parquet 是 Parquet 文件，只有 DuckDB 引擎能读取：请去掉 --engine memory");
  const cost = await run(["summary", gz, "--cost", "cds"]);
  expect(cost.code).toBe(2);
  expect(cost.err).toContain("--cost is not available with --engine duckdb");
});
