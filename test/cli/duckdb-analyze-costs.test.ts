// cva analyze --engine duckdb with cost, margin and quantity columns: the memory engine's results
// and report — the same CSV byte for byte, the same report JSON, and the Parquet output of both
// engines equal row by row (same columns, same order, every number to 1e-12 relative; in fact
// bit for bit) — on CDNOW with a cost column made from its amounts (its "cds" column is read as the
// quantity by both engines), with a margin column instead, and on a hand-made log whose margin
// depends on the order its same-day rows are added in; and the memory engine's errors, in both
// languages, for a cost or quantity cell that is no number or past 1.8e308, wherever it lies.
import * as fs from "fs";
import * as path from "path";
import { DuckDBInstance } from "@duckdb/node-api";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, fittableTransactions, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-duck-costs-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** A report JSON without its wall-clock fields (elapsedMs), which differ between two runs of one engine too. */
function reportOf(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(s.dir(), file), "utf8"), (k, v) => (k === "elapsedMs" ? undefined : v));
}

/** Every row of a Parquet file, with its column names in order. */
async function parquetRows(file: string): Promise<{ names: string[]; rows: Record<string, unknown>[] }> {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  try {
    const reader = await db.runAndReadAll(`SELECT * FROM read_parquet('${path.join(s.dir(), file)}')`);
    return { names: reader.columnNames(), rows: reader.getRowObjectsJS() };
  } finally {
    db.closeSync();
  }
}

/**
 * Runs analyze with both engines (the DuckDB one on `duckFile`, default the same file) and expects the same CSV, report and messages, then the same
 * Parquet output compared row by row: the same columns in the same order, the same customers in
 * the same order, every number equal to 1e-12 relative and every other value equal.
 */
async function expectSame(file: string, opts: string[], duckFile = file): Promise<{ csv: Record<string, string[]>; report: Record<string, unknown> }> {
  const tag = opts.join("").replace(/[^a-z0-9]/gi, "").slice(0, 40) + path.basename(duckFile).replace(/\W/g, "");
  const both = async (engine: string, ext: string) => run(["analyze", engine === "duckdb" ? duckFile : file, ...opts, "--engine", engine, ...(engine === "duckdb" ? ["--threads", "2"] : []), "--out", `${engine}-${tag}.${ext}`, "--report", `${engine}-${tag}-${ext}.json`]);
  const memory = await both("memory", "csv");
  const duck = await both("duckdb", "csv");
  expect(memory.code).toBe(0);
  expect(duck.code).toBe(0);
  expect(duck.err).toBe(memory.err);
  const csv = fs.readFileSync(path.join(s.dir(), `memory-${tag}.csv`), "utf8");
  expect(fs.readFileSync(path.join(s.dir(), `duckdb-${tag}.csv`), "utf8")).toBe(csv);
  const report = reportOf(`memory-${tag}-csv.json`);
  expect(reportOf(`duckdb-${tag}-csv.json`)).toEqual(report);

  expect((await both("memory", "parquet")).code).toBe(0);
  expect((await both("duckdb", "parquet")).code).toBe(0);
  const m = await parquetRows(`memory-${tag}.parquet`);
  const d = await parquetRows(`duckdb-${tag}.parquet`);
  expect(d.names).toEqual(m.names);
  expect(d.rows).toHaveLength(m.rows.length);
  m.rows.forEach((want, i) => {
    for (const k of m.names) {
      const x = d.rows[i][k];
      const y = want[k];
      if (typeof y === "number") expect(Math.abs((x as number) - y)).toBeLessThanOrEqual(1e-12 * Math.abs(y));
      else expect(x).toEqual(y);
    }
  });
  return { csv: csvColumns(csv), report };
}

/** CDNOW with a cost column (or a margin column) made from each row's amount: 40–85 % of it, to the cent, every 11th row blank. */
function cdnowWith(column: "cost" | "margin"): string {
  const lines = fs.readFileSync(sample, "utf8").trimEnd().split(/\r?\n/);
  const out = [`${lines[0]},${column}`];
  for (let k = 1; k < lines.length; k++) {
    const amount = Number(lines[k].split(",")[3]);
    const cost = Math.round(amount * (40 + ((k * 7) % 10) * 5)) / 100;
    const value = column === "cost" ? cost : Math.round((amount - cost) * 100) / 100;
    out.push(`${lines[k]},${k % 11 === 0 ? "" : value}`);
  }
  return out.join("\n") + "\n";
}

describe("cva analyze --engine duckdb with cost, margin and quantity gives the memory engine's results", () => {
  test("CDNOW with a cost column: margin as the value measure, and the default with the model", async () => {
    const file = s.write("cdnow-cost.csv", cdnowWith("cost"));
    const { csv } = await expectSame(file, ["--model", "none", "--value", "margin", "--unit", "days"]);
    expect(csv.customer_id).toHaveLength(2357);
    // Customer 0001's four rows: 29.33, 29.73, 14.96 and 26.48 at costs of 75, 60, 45 and 80 % (rows
    // 1–4: 40 + 5·(7k mod 10) %): 22, 17.84, 6.73 and 21.18, so margins 7.33 + 11.89 + 8.23 + 5.3.
    expect(Number(csv.margin[0])).toBeCloseTo(7.33 + 11.89 + 8.23 + 5.3, 9);
    expect(csv.margin.every((m) => m !== "")).toBe(true);
    // The value measure is the margin.
    expect(csv.value).toEqual(csv.margin);
    await expectSame(file, ["--model", "bgnbd"]);
  }, 180_000);

  test("CDNOW with a margin column instead, also from Parquet with the margin and quantity as numbers", async () => {
    const file = s.write("cdnow-margin.csv", cdnowWith("margin"));
    const opts = ["--model", "none", "--value", "margin", "--end", "1997-12-31", "--tiers", "5,15,30,50"];
    const { csv } = await expectSame(file, opts);
    expect(Number(csv.margin[0])).toBeCloseTo(7.33 + 11.89 + 8.23 + 5.3, 9);
    const parquet = path.join(s.dir(), "cdnow-margin.parquet");
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    await db.run(`COPY (SELECT * REPLACE (CAST(margin AS DOUBLE) AS margin, CAST(cds AS BIGINT) AS cds) FROM read_csv('${file}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    db.closeSync();
    await expectSame(file, opts, parquet);
  }, 180_000);

  test("same-day rows added by amount and then cost, as the core adds them; blanks and spaces as the memory reader reads them", async () => {
    // Customer a's four rows of 5 January, each of amount 2, come with costs 1, 1e16+2, 1, −1e16:
    // margins 1, −1e16, 1, 1e16+2. The core adds them by cost (−1e16, 1, 1, 1e16+2): 1e16+2, then
    // 1e16+3 rounds to 1e16+4 (ties to even at a spacing of 2), 1e16+5 to 1e16+4, and −1e16 leaves 4,
    // the exact sum (8 − 4). In the file's order the sum is 2. With 20 − 12.5 on 1 March (its date
    // written 2024/03/01, which DuckDB's typed reader refuses, so the rows are read as text) and a
    // blank cost on 1 April (no margin): 11.5. b: 30 with a cost of only a no-break space (blank to the
    // reader) and −5 at cost −3: −2. c: 8 − 5 = 3.
    const lines = ["customer_id,date,amount,cost,quantity"];
    lines.push("a,2024-01-05,2,1,1", "a,2024-01-05,2,10000000000000002,2", "a,2024-01-05,2,1,", "a,2024-01-05,2,-10000000000000000, 3 ");
    lines.push("a,2024/03/01,20, 12.5 ,1", "a,2024-04-01,15,,2", "b,2024-01-10,30,\u00a0,1", "b,2024-02-10,-5,-3,-1", "c,2024-02-01,8,5,1e3");
    const file = s.write("cost-order.csv", lines.join("\n") + "\n" + fittableTransactions(30).split("\n").slice(1).filter((l) => l !== "").map((l) => `${l},,`).join("\n"));
    const { csv } = await expectSame(file, ["--model", "none", "--value", "margin"]);
    const at = (id: string) => csv.customer_id.indexOf(id);
    expect(Number(csv.margin[at("a")])).toBe(11.5);
    expect(Number(csv.margin[at("b")])).toBe(-2);
    expect(Number(csv.margin[at("c")])).toBe(3);
    expect(Number(csv.margin[at("c0")])).toBe(0);
  }, 60_000);
});

describe("a cost or quantity the memory reader refuses is named as it names it, in both languages", () => {
  const base = ["customer_id,date,amount,cost,qty", "a,2024-01-01,10,4,1", "b,2024-01-02,12,5,2", "a,2024-02-01,8,3,1"];
  test.each([
    ["a cost that is no number", [...base, "c,2024-02-03,5,abc,1"], [], "row 4 (line 5), column \"cost\": cannot read \"abc\" as a number"],
    ["a cost of digits and dots that is no number", [...base, "c,2024-02-03,5,1.2.3,1"], [], "row 4 (line 5), column \"cost\": cannot read \"1.2.3\" as a number"],
    ["a cost DuckDB alone would read (1_000)", [...base, "c,2024-02-03,5,1_000,1"], [], "cannot read \"1_000\" as a number"],
    ["a quantity past 1.8e308", [...base, "c,2024-02-03,5,1,1e999"], [], "row 4 (line 5), column \"qty\": \"1e999\" is beyond 1.8e308"],
    ["a bad cost after the end", [...base, "c,2024-03-03,5,x1,1"], ["--end", "2024-02-15"], "row 4 (line 5), column \"cost\""],
    ["a bad cost before a bad date", ["customer_id,date,amount,cost,qty", "a,2024-01-01,10,?,1", "b,someday,12,5,2"], [], "row 1 (line 2), column \"cost\""],
    ["a bad date before a bad cost", ["customer_id,date,amount,cost,qty", "a,someday,10,4,1", "b,2024-01-02,12,?,2"], [], "row 1 (line 2), column \"date\""],
    ["an empty id before a bad cost", ["customer_id,date,amount,cost,qty", " ,2024-01-01,10,4,1", "b,2024-01-02,12,?,2"], [], "row 1 (line 2)"],
    ["a bad margin named by --margin beside a cost", [...base.map((l, i) => `${l},${i === 0 ? "gm" : i}`), "c,2024-02-03,5,1,1,n/a"], ["--margin", "gm"], "column \"gm\": cannot read \"n/a\""],
    ["--cost naming no column", base, ["--cost", "nosuch"], "--cost"],
    ["--cost naming the amount", base, ["--cost", "amount", "--amount", "amount"], "--cost"],
  ])("%s", async (_, lines, opts, message) => {
    const file = s.write(`bad-${(lines as string[]).length}-${(opts as string[]).join("")}-${String(message).length}.csv`, (lines as string[]).join("\n") + "\n");
    const errs: string[] = [];
    for (const lang of ["en-US", "zh-CN"]) {
      const memory = await run(["analyze", file, "--model", "none", ...(opts as string[]), "--lang", lang]);
      const duck = await run(["analyze", file, "--model", "none", ...(opts as string[]), "--engine", "duckdb", "--lang", lang]);
      expect(memory.code).not.toBe(0);
      expect(duck.code).toBe(memory.code);
      expect(duck.err).toBe(memory.err);
      errs.push(duck.err);
    }
    expect(errs[0]).toContain(message);
    // The Chinese message is another text, in Chinese.
    expect(errs[1]).not.toBe(errs[0]);
    expect(errs[1]).toMatch(/[\u4e00-\u9fff]/);
  }, 60_000);
});
