// cva fit and cva predict with --engine duckdb: DuckDB summarises, the fit sees the distinct
// histories with their counts, the scores per history are joined back to every customer in DuckDB.
// Against the in-memory engine on CDNOW: the count models' parameters to the last digit (the
// histories reach the fit in the order the core groups them), Gamma-Gamma's to 1e-9, every
// customer's scores to 1e-9 (the memory engine writes 15 significant digits), in the same order,
// with the same messages; a Parquet output read back; options the engine does not take refused.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-duckdb-model-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}


function expectScoresClose(duck: string, memory: string): void {
  const a = csvColumns(duck), b = csvColumns(memory);
  expect(Object.keys(a)).toEqual(Object.keys(b));
  expect(a.customer_id).toEqual(b.customer_id); // same customers, same order
  expect(a.customer_id.length).toBe(2357);
  for (const col of Object.keys(b).filter((k) => k !== "customer_id")) {
    b[col].forEach((v, i) => expect(Math.abs(Number(a[col][i]) - Number(v))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(v)))));
  }
}

test.each(["bgnbd", "mbgnbd", "paretonbd"])("cva fit --engine duckdb gives the in-memory %s fit to the last digit", async (model) => {
  const memory = await run(["fit", sample, "--model", model, "--json"]);
  const duck = await run(["fit", sample, "--model", model, "--json", "--engine", "duckdb", "--threads", "2"]);
  expect(duck.code).toBe(0);
  expect(duck.err).toBe(memory.err); // the summary's warnings
  const a = JSON.parse(duck.out), b = JSON.parse(memory.out);
  expect(a.customers).toBe(2357);
  expect(a.params).toEqual(b.params);
  expect(a.logLikelihood).toBe(b.logLikelihood);
  expect(a.iterations).toBe(b.iterations);
  expect(a.se).toEqual(b.se);
});

test("cva fit --engine duckdb: Gamma-Gamma on the distinct (x, mean spend) pairs to 1e-9, and auto's choice", async () => {
  const memory = JSON.parse((await run(["fit", sample, "--model", "gammagamma", "--json"])).out);
  const duck = JSON.parse((await run(["fit", sample, "--model", "gammagamma", "--json", "--engine", "duckdb"])).out);
  expect(duck.customers).toBe(1139); // the repeat buyers
  for (const k of ["p", "q", "v"]) expect(Math.abs(duck.params[k] - memory.params[k])).toBeLessThanOrEqual(1e-9 * memory.params[k]);
  expect(Math.abs(duck.logLikelihood - memory.logLikelihood)).toBeLessThanOrEqual(1e-9 * Math.abs(memory.logLikelihood));
  const autoMemory = JSON.parse((await run(["fit", sample, "--model", "auto", "--json"])).out);
  const autoDuck = JSON.parse((await run(["fit", sample, "--model", "auto", "--json", "--engine", "duckdb"])).out);
  expect(autoDuck.model).toBe(autoMemory.model);
  expect(autoDuck.params).toEqual(autoMemory.params);
  expect(autoDuck.comparison.map((r: { bic: number }) => r.bic)).toEqual(autoMemory.comparison.map((r: { bic: number }) => r.bic));
});

test.each([
  [[]],
  [["--model", "paretonbd", "--margin", "0.3", "--unit", "days", "--end", "1997-12-31", "--horizon-months", "24"]],
  [["--model", "mbgnbd", "--period", "week", "--discount", "0.02"]],
])("cva predict --engine duckdb scores every customer as the in-memory engine (%j)", async (opts) => {
  const memory = await run(["predict", sample, ...opts]);
  const duck = await run(["predict", sample, ...opts, "--engine", "duckdb"]);
  expect(memory.code).toBe(0);
  expect(duck.code).toBe(0);
  expectScoresClose(duck.out, memory.out);
  // The same warnings and fitted model (and with auto the same reason) on standard error.
  expect(duck.err).toBe(memory.err);
  expect(duck.err).toMatch(/^cva: (BG\/NBD|MBG\/NBD|Pareto\/NBD) on 2357 customers/m);
  // CDNOW's 8 customers with only zero-amount rows are named, as the in-memory engine names them.
  expect(duck.err).toContain('cva: warning: 8 customers have no purchase, only rows with an amount of 0 or less (the first: "0087")');
});

test("cva predict --engine duckdb --out x.parquet: every customer's scores in Parquet, sums as the in-memory CSV's", async () => {
  const memory = await run(["predict", sample, "--model", "bgnbd"]);
  const duck = await run(["predict", sample, "--model", "bgnbd", "--engine", "duckdb", "--out", "scores.parquet"]);
  expect(duck.code).toBe(0);
  expect(duck.out).toBe("");
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const file = path.join(s.dir(), "scores.parquet");
  expect(fs.existsSync(file)).toBe(true);
  const cols = (await db.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`)).getRowObjects().map((r) => String(r.column_name));
  expect(cols).toEqual(["customer_id", "frequency", "recency", "T", "monetary", "p_alive", "expected_purchases", "expected_value", "clv"]);
  const got = (await db.runAndReadAll(`SELECT count(*) AS n, sum(p_alive) AS pa, sum(expected_purchases) AS ep, sum(clv) AS clv FROM '${file}'`)).getRowObjects()[0];
  db.closeSync();
  const c = csvColumns(memory.out);
  const sum = (k: string) => c[k].reduce((acc, v) => acc + Number(v), 0);
  expect(Number(got.n)).toBe(2357);
  for (const [k, v] of [["p_alive", got.pa], ["expected_purchases", got.ep], ["clv", got.clv]] as const) expect(Math.abs(Number(v) - sum(k))).toBeLessThanOrEqual(1e-9 * sum(k));
});

test("too few customers: the DuckDB engine says why no model was fitted, as the in-memory engine does", async () => {
  const few = s.write("few.csv", "customer_id,date,amount\na,2024-01-01,10\na,2024-02-01,12\nb,2024-01-05,7\nc,2024-03-01,9\n");
  const memory = await run(["predict", few, "--model", "bgnbd"]);
  const duck = await run(["predict", few, "--model", "bgnbd", "--engine", "duckdb", "--out", "few-scores.csv"]);
  expect(duck.code).toBe(1);
  expect(memory.code).toBe(1);
  expect(duck.err).toBe(memory.err);
  expect(duck.err).toContain("3 customers");
  expect(fs.existsSync(path.join(s.dir(), "few-scores.csv"))).toBe(false);
});

test("options the DuckDB engine does not take are refused, in both languages", async () => {
  const intervals = await run(["predict", sample, "--engine", "duckdb", "--intervals", "0.9"]);
  expect(intervals.code).toBe(2);
  expect(intervals.err).toContain("--intervals is not available with --engine duckdb");
  const zh = await run(["fit", sample, "--engine", "duckdb", "--model", "auto", "--calibration-end", "1997-09-30", "--lang", "zh-CN"]);
  expect(zh.code).toBe(2);
  expect(zh.err).toContain("--calibration-end 不能与 --engine duckdb 同时使用");
  const threads = await run(["predict", sample, "--threads", "2"]);
  expect(threads.code).toBe(2);
  expect(threads.err).toContain("--threads applies only to --engine duckdb");
  const bgbb = await run(["fit", sample, "--engine", "duckdb", "--model", "bgbb"]);
  expect(bgbb.code).toBe(2);
  expect(bgbb.err).toContain("--engine duckdb applies only to --model bgnbd, mbgnbd, paretonbd, auto, gammagamma");
});
