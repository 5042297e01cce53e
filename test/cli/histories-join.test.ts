// Scores back to the warehouse, end to end in DuckDB: CDNOW as a typed table → the per-customer
// summary and the distinct histories by portableSummarySql (what cva sql prints) and the spend
// pairs by spendPairsSql → histories and spend CSVs as DuckDB's COPY writes them → cva predict
// --histories → the scores loaded back into DuckDB → joinScoresSql → every one of the 2,357
// customers' p_alive, expected purchases, expected spend and CLV equal to cva predict on the
// transaction log itself within 1e-9 relative (the log's output has 15 significant digits;
// Gamma-Gamma is fitted on grouped pairs in another order, which moves its parameters in the
// last digits only). Also: the join matches every customer (no NULL score), a Parquet output is
// the CSV's doubles, and a history table with a monetary column scores and joins the same.
import * as fs from "fs";
import * as path from "path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { main } from "../../src/cli/main";
import { portableSummarySql } from "../../src/cli/engine/portable-sql";
import { joinScoresSql, spendPairsSql } from "../../src/cli/engine/join-scores-sql";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-histories-join-");

async function cva(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

let db: DuckDBConnection;
const columns = { id: "customer_id", date: "date", amount: "amount" };
const query = (histories: boolean) => portableSummarySql({ table: "transactions", columns, unit: "weeks", purchasePeriod: "day", histories }).replace(/;\s*$/, "");
const file = (name: string) => path.join(s.dir(), name);

beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`CREATE TABLE transactions AS SELECT customer_id, CAST(date AS DATE) AS date, CAST(amount AS DOUBLE) AS amount
    FROM read_csv('${sample}', header = true, types = {'customer_id': 'VARCHAR'})`);
  await db.run(`CREATE TABLE summary AS ${query(false)}`);
  await db.run(`COPY (${query(true)}) TO '${file("histories.csv")}' (FORMAT csv, HEADER true)`);
  await db.run(`COPY (${spendPairsSql({ dialect: "duckdb", summary: "summary" }).replace(/;\s*$/, "")}) TO '${file("spend.csv")}' (FORMAT csv, HEADER true)`);
  // The histories with each customer's mean spend: one row per distinct (x, t_x, T, monetary).
  await db.run(`COPY (SELECT frequency, recency, T, monetary, count(*) AS count FROM summary GROUP BY ALL ORDER BY min(customer_id)) TO '${file("histories-m.csv")}' (FORMAT csv, HEADER true)`);
});
afterAll(() => db.closeSync());

async function rowsOf(q: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(q)).getRowObjects();
}

/** The join's rows by customer, with the scores loaded from `scoresFile` as table `name`. */
async function joined(scoresFile: string, name: string): Promise<Map<string, Record<string, unknown>>> {
  await db.run(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM '${scoresFile}'`);
  const rows = await rowsOf(joinScoresSql({ dialect: "duckdb", summary: "summary", scores: name }));
  return new Map(rows.map((r) => [String(r.customer_id), r]));
}

function expectSameScores(got: Map<string, Record<string, unknown>>, logCsv: string): void {
  const want = csvColumns(logCsv);
  expect(want.customer_id.length).toBe(2357);
  expect(got.size).toBe(2357);
  let worst = 0;
  for (const col of ["frequency", "recency", "T", "monetary", "p_alive", "expected_purchases", "expected_value", "clv"]) {
    want.customer_id.forEach((id, i) => {
      const w = Number(want[col][i]);
      const g = got.get(id)![col];
      expect(g).not.toBeNull(); // every customer's history found its scores
      const rel = Math.abs(Number(g) - w) / Math.max(Math.abs(w), 1e-300);
      if (rel > worst) worst = rel;
      if (!(rel <= 1e-9)) throw new Error(`${col} of ${id}: ${String(g)} against ${w}`);
    });
  }
  expect(worst).toBeLessThanOrEqual(1e-9);
}

test.each(["bgnbd", "paretonbd"])("%s: histories → cva predict --histories --spend → join in DuckDB = cva predict on the log, every customer to 1e-9", async (model) => {
  const out = file(`scores-${model}.csv`);
  const p = await cva(["predict", "--histories", file("histories.csv"), "--spend", file("spend.csv"), "--model", model, "--out", out]);
  expect(p.err).toContain(model === "bgnbd" ? "BG/NBD" : "Pareto/NBD");
  expect(p.code).toBe(0);
  const log = await cva(["predict", sample, "--model", model]);
  expect(log.code).toBe(0);
  expectSameScores(await joined(out, `scores_${model}`), log.out);
  // One score row per history row, in its order, with the weights passed through.
  const h = await rowsOf(`SELECT * FROM '${file("histories.csv")}'`);
  const sc = await rowsOf(`SELECT * FROM '${out}'`);
  expect(sc.map((r) => [r.frequency, r.recency, r.T, r.weight].map(Number))).toEqual(h.map((r) => [r.frequency, r.recency, r.T, r.weight].map(Number)));
});

test("the scores file gives back the histories' recency and T to the bit, so the join on doubles finds every customer", async () => {
  const out = file("scores-bits.csv");
  expect((await cva(["predict", "--histories", file("histories.csv"), "--spend", file("spend.csv"), "--model", "bgnbd", "--out", out])).code).toBe(0);
  // Read by DuckDB from both files and compared as doubles (not as text): equal in every row.
  const diff = await rowsOf(`SELECT count(*) AS n, count(*) FILTER (WHERE h.recency <> s.recency OR h.T <> s.T OR h.frequency <> s.frequency) AS differ
    FROM (SELECT *, row_number() OVER () AS k FROM '${file("histories.csv")}') h JOIN (SELECT *, row_number() OVER () AS k FROM '${out}') s USING (k)`);
  expect(Number(diff[0].differ)).toBe(0);
  expect(Number(diff[0].n)).toBeGreaterThan(1000); // CDNOW's weekly histories: many distinct doubles like 30.428571428571427
  await db.run(`CREATE OR REPLACE TABLE scores_bits AS SELECT * FROM '${out}'`);
  const j = await rowsOf(`SELECT count(*) AS n, count(*) FILTER (WHERE p_alive IS NULL) AS unmatched FROM (${joinScoresSql({ dialect: "duckdb", summary: "summary", scores: "scores_bits" }).replace(/;\s*$/, "")})`);
  expect([Number(j[0].n), Number(j[0].unmatched)]).toEqual([2357, 0]);
});

test("--out x.parquet: the same doubles as the CSV; a history table with a monetary column joins to the same customers' scores", async () => {
  const csv = file("scores-p.csv"), pq = file("scores-p.parquet");
  expect((await cva(["predict", "--histories", file("histories.csv"), "--spend", file("spend.csv"), "--model", "bgnbd", "--out", csv])).code).toBe(0);
  expect((await cva(["predict", "--histories", file("histories.csv"), "--spend", file("spend.csv"), "--model", "bgnbd", "--out", pq])).code).toBe(0);
  const same = await rowsOf(`SELECT count(*) AS n FROM (SELECT * FROM '${csv}' EXCEPT ALL SELECT * FROM '${pq}')`);
  expect(Number(same[0].n)).toBe(0);
  const m = file("scores-m.csv");
  const r = await cva(["predict", "--histories", file("histories-m.csv"), "--model", "bgnbd", "--out", m]);
  expect(r.code).toBe(0);
  const log = await cva(["predict", sample, "--model", "bgnbd"]);
  expectSameScores(await joined(m, "scores_m"), log.out);
  // Its own expected_value and clv columns are the join's for the customers of each row.
  const own = await rowsOf(`SELECT max(abs(s.clv - j.clv) / greatest(abs(j.clv), 1e-300)) AS worst FROM '${m}' s
    JOIN (${joinScoresSql({ dialect: "duckdb", summary: "summary", scores: "scores_m" }).replace(/;\s*$/, "")}) j
    ON s.frequency = j.frequency AND s.recency = j.recency AND s.T = j.T AND s.monetary = j.monetary`);
  expect(Number(own[0].worst)).toBe(0);
});

test("--model auto to standard output, from Parquet histories and spends: auto's choice on the log, and its scores", async () => {
  for (const name of ["histories", "spend"]) await db.run(`COPY (SELECT * FROM '${file(`${name}.csv`)}') TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
  const r = await cva(["predict", "--histories", file("histories.parquet"), "--spend", file("spend.parquet")]);
  expect(r.code).toBe(0);
  const log = await cva(["predict", sample]);
  // The same choice on standard error (CDNOW: MBG/NBD, by log-likelihood).
  const choice = (err: string) => err.split("\n").find((l) => l.includes("was chosen"));
  expect(choice(r.err)).toContain("MBG/NBD was chosen");
  expect(choice(r.err)).toBe(choice(log.err));
  const out = file("scores-auto.csv");
  fs.writeFileSync(out, r.out);
  expectSameScores(await joined(out, "scores_auto"), log.out);
});
