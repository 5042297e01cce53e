// cva analyze --engine duckdb: DuckDB computes every per-customer column the analysis needs, and
// the results and the report are the memory engine's — the same CSV byte for byte (every value
// printed to 15 digits, so equal to well within 1e-9 relative) and the same report JSON — on CDNOW
// (several option sets, profiles, gzip and Parquet inputs), on the edge-case log of the SQL tests
// and on hand-made files whose sums depend on the order of addition; Parquet output read back;
// bad rows and options named as the memory engine names them, in both languages.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, fittableTransactions, gbk, scratch } from "./helpers";
import { EDGE_LOG } from "./sql-edge-log";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-duck-analyze-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** A report JSON without its wall-clock fields (the model comparison's elapsedMs), which differ from run to run of one engine too. */
function reportOf(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, "utf8"), (k, v) => (k === "elapsedMs" ? undefined : v));
}

/** Runs analyze with both engines (the DuckDB one on `duckFile`, default the same file) and expects the same CSV, report and messages. */
async function expectSameAnalysis(file: string, opts: string[], duckFile = file): Promise<{ csv: string; report: Record<string, unknown> }> {
  const tag = opts.join("").replace(/[^a-z0-9]/gi, "").slice(0, 40) + path.basename(duckFile).replace(/\W/g, "");
  const memory = await run(["analyze", file, ...opts, "--out", `m-${tag}.csv`, "--report", `m-${tag}.json`]);
  const duck = await run(["analyze", duckFile, ...opts, "--engine", "duckdb", "--threads", "2", "--out", `d-${tag}.csv`, "--report", `d-${tag}.json`]);
  expect(memory.code).toBe(0);
  expect(duck.code).toBe(0);
  expect(duck.err).toBe(memory.err);
  const csv = fs.readFileSync(path.join(s.dir(), `m-${tag}.csv`), "utf8");
  expect(fs.readFileSync(path.join(s.dir(), `d-${tag}.csv`), "utf8")).toBe(csv);
  const report = reportOf(path.join(s.dir(), `m-${tag}.json`));
  expect(reportOf(path.join(s.dir(), `d-${tag}.json`))).toEqual(report);
  return { csv, report };
}

describe("cva analyze --engine duckdb gives the memory engine's results and report", () => {
  test.each([
    [["--model", "bgnbd"]],
    [["--unit", "days", "--end", "1997-09-30", "--model", "paretonbd", "--tiers", "5,15,30,50", "--labels", "metal", "--lang", "zh-CN"]],
    [["--unit", "months", "--model", "none", "--value", "revenue"]],
  ])("CDNOW (%j)", async (opts) => {
    const { csv, report } = await expectSameAnalysis(sample, opts);
    expect(csvColumns(csv).customer_id).toHaveLength(2357);
    // An end inside the data leaves rows after it: the report's warnings come from DuckDB's day counts.
    if (opts.includes("--end")) expect((report.warnings as { key: string }[]).map((w) => w.key)).toContain("warn.rowsAfterEnd");
  }, 120_000);

  test("CDNOW with the default model choice and profiles, from gzip and from Parquet", async () => {
    const ids = csvColumns(fs.readFileSync(sample, "utf8")).customer_id;
    const profiles = ["customer_id,complaints,reputation,product"];
    [...new Set(ids)].forEach((id, k) => k % 3 === 0 && profiles.push(`${id},${k % 4},${k % 10},${1 + (k % 5)}`));
    profiles.push("nobody,1,2,3");
    s.write("profiles.csv", profiles.join("\n") + "\n");
    const gz = s.write("cdnow.csv.gz", zlib.gzipSync(fs.readFileSync(sample)));
    const parquet = path.join(s.dir(), "cdnow.parquet");
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    await db.run(`COPY (SELECT * FROM read_csv('${sample}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    db.closeSync();
    const opts = ["--profiles", "profiles.csv"];
    const { report } = await expectSameAnalysis(sample, opts, gz);
    expect((report.warnings as { key: string }[]).map((w) => w.key)).toContain("warn.profilesWithoutTransactions");
    await expectSameAnalysis(sample, opts, parquet);
  }, 180_000);

  test("the edge-case log: refunds, a customer who never buys, ids 01 and 1, rows after the end", async () => {
    const file = s.write("edge.csv", EDGE_LOG);
    await expectSameAnalysis(file, ["--model", "none"]);
    const { csv } = await expectSameAnalysis(file, ["--model", "none", "--end", "2024-05-31", "--unit", "days"]);
    expect(csvColumns(csv).customer_id).toEqual(["01", "1", "10", "A7", "b2"]);
  });

  test("ids DuckDB orders otherwise (characters above U+FFFF against U+E000–U+FFFF) come in the core's order", async () => {
    // UTF-8 bytes put "x\uFFFD" (EF BF BD) before "x😀" (F0 9F 98 80); UTF-16 code units put "x😀" (D83D …) first.
    const lines = ["customer_id,date,amount", "x\uFFFD,2024-01-01,5", "x😀,2024-01-02,6", "x😀,2024-02-02,7", "y,2024-01-03,8", "x\uE000,2024-03-01,9"];
    const { csv } = await expectSameAnalysis(s.write("astral.csv", lines.join("\n") + "\n"), ["--model", "none"]);
    expect(csvColumns(csv).customer_id).toEqual(["x😀", "x\uE000", "x\uFFFD", "y"]);
  });

  test("sums added in the core's order: same-day rows by amount, days in order, so ties stay ties", async () => {
    // Customers a and b buy the same amounts in other row orders: their figures must be equal to the
    // last bit. c's same-day rows 1e16, 1, −1e16, 1 add up to 0 in the core's order, by amount
    // (−1e16 + 1 is −1e16 again at a spacing of 2, and so on), to 1 in the file's order and to 2
    // exactly: with its 3 of May, revenue 3 pins the core's order.
    const lines = ["customer_id,date,amount"];
    lines.push("a,2024-01-01,0.1", "a,2024-01-01,0.2", "a,2024-01-01,0.3", "a,2024-02-01,0.3", "a,2024-03-01,0.2", "a,2024-04-01,0.1");
    lines.push("b,2024-04-01,0.1", "b,2024-01-01,0.3", "b,2024-03-01,0.2", "b,2024-01-01,0.1", "b,2024-02-01,0.3", "b,2024-01-01,0.2");
    lines.push("c,2024-01-05,10000000000000000", "c,2024-01-05,1", "c,2024-01-05,-10000000000000000", "c,2024-01-05,1", "c,2024-05-01,3");
    const file = s.write("order.csv", lines.join("\n") + "\n" + fittableTransactions(40).split("\n").slice(1).join("\n"));
    const { csv } = await expectSameAnalysis(file, ["--model", "none", "--value", "revenue"]);
    const c = csvColumns(csv);
    const at = (id: string) => c.customer_id.indexOf(id);
    expect(c.revenue[at("a")]).toBe(c.revenue[at("b")]);
    expect(c.tier[at("a")]).toBe(c.tier[at("b")]);
    expect(Number(c.revenue[at("c")])).toBe(3);
  }, 60_000);
});

test("--out x.parquet: the CSV's columns and values, typed, from either engine", async () => {
  const memory = await run(["analyze", sample, "--model", "bgnbd", "--out", "m.csv", "--report", "m.json"]);
  expect(memory.code).toBe(0);
  for (const engine of ["memory", "duckdb"]) {
    const r = await run(["analyze", sample, "--model", "bgnbd", "--engine", engine, "--out", `${engine}.parquet`, "--report", `${engine}.json`]);
    expect(r.code).toBe(0);
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const reader = await db.runAndReadAll(`SELECT * FROM read_parquet('${path.join(s.dir(), `${engine}.parquet`)}')`);
    const rows = reader.getRowObjectsJS();
    const types = Object.fromEntries(reader.columnNames().map((n, i) => [n, reader.columnTypes()[i].toString()]));
    db.closeSync();
    const want = csvColumns(fs.readFileSync(path.join(s.dir(), "m.csv"), "utf8"));
    expect(reader.columnNames()).toEqual(Object.keys(want));
    expect(types).toMatchObject({ customer_id: "VARCHAR", frequency: "BIGINT", clv: "DOUBLE", first: "DATE", tier: "INTEGER" });
    expect(rows).toHaveLength(2357);
    rows.forEach((row, i) => {
      expect(String(row.customer_id)).toBe(want.customer_id[i]);
      for (const k of ["recency", "T", "monetary", "revenue", "value", "p_alive", "expected_purchases", "clv", "loyalty_index"]) {
        const x = Number(row[k]), y = Number(want[k][i]);
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
      }
      expect(String(row.tier)).toBe(want.tier[i]);
      expect(row.margin).toBeNull();
      expect((row.first as Date).toISOString().slice(0, 10)).toBe(want.first[i]);
    });
    expect(reportOf(path.join(s.dir(), `${engine}.json`))).toEqual(reportOf(path.join(s.dir(), "m.json")));
  }
}, 120_000);

describe("files in other encodings, read through a UTF-8 copy as cva summary reads them", () => {
  const text = fs.readFileSync(sample, "utf8").replace(/^customer_id,date/, "客户编号,日期");
  test("CDNOW in GBK with Chinese headers (detected, with the memory engine's note) and in UTF-16LE with its BOM", async () => {
    const gbkFile = s.write("cdnow-gbk.csv", gbk(text));
    const { csv } = await expectSameAnalysis(gbkFile, ["--model", "bgnbd", "--id", "客户编号", "--date", "日期"]);
    expect(csvColumns(csv).customer_id).toHaveLength(2357);
    const utf16 = s.write("cdnow-utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    await expectSameAnalysis(utf16, ["--model", "none", "--id", "客户编号", "--date", "日期"]);
    // Named: the same results as from the UTF-8 original.
    await expectSameAnalysis(gbkFile, ["--model", "none", "--encoding", "gb18030", "--id", "客户编号", "--date", "日期"]);
  }, 120_000);
});

describe("bad rows and options as the memory engine names them, in both languages (cost, margin and quantity: ./duckdb-analyze-costs.test.ts)", () => {
  test("a row without a customer id is named by its row and line, as the memory engine names it", async () => {
    const file = s.write("blank.csv", "customer_id,date,amount\na,2024-01-01,5\n  ,2024-01-02,6\nb,2024-01-03,7\n");
    for (const lang of ["en-US", "zh-CN"]) {
      const memory = await run(["analyze", file, "--model", "none", "--lang", lang]);
      const duck = await run(["analyze", file, "--model", "none", "--engine", "duckdb", "--lang", lang]);
      expect(memory.code).not.toBe(0);
      expect(duck.code).toBe(memory.code);
      expect(duck.err).toBe(memory.err);
    }
    expect((await run(["analyze", file, "--engine", "duckdb"])).err).toContain("row 2 (line 3)");
  });

  test("an --end before the data and --threads without duckdb, as for the other commands", async () => {
    const before = await run(["analyze", sample, "--engine", "duckdb", "--end", "1990-01-01"]);
    expect(before.err).toBe((await run(["analyze", sample, "--end", "1990-01-01"])).err);
    expect(before.err).toContain("1990-01-01");
    expect((await run(["analyze", sample, "--threads", "2"])).err).toContain("--threads applies only to --engine duckdb");
  });
});
