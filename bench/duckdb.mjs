// The DuckDB engine against DuckDB alone, on a generated transaction log (bench/support/btyd-log.mjs,
// default 1,000,000 rows; CVA_BENCH_DUCKDB_ROWS=10000000 for ten million), each run its own process,
// timed whole (wall time, and peak RSS from /usr/bin/time -v when present, else the child's own
// process.resourceUsage()):
//  - DuckDB's bare summary: one plain GROUP BY of the file (distinct purchase days − 1, recency,
//    T, revenue per customer) written to Parquet by COPY, from Node through @duckdb/node-api;
//  - `cva summary --engine duckdb --out x.parquet`: CVA's summary query, rows checked and typed;
//  - `cva predict --engine duckdb --model bgnbd --out x.parquet`: summary, BG/NBD and Gamma-Gamma
//    fitted on the distinct histories, scores for every customer joined in DuckDB and written;
//  - `cva analyze --model bgnbd --out x.parquet` with --engine duckdb (every per-customer column
//    computed in DuckDB, the analysis in Node) and, up to CVA_BENCH_ANALYZE_MEMORY_ROWS rows
//    (default 2,000,000: the memory engine holds every row), with the memory engine;
//    from 50 million rows cva runs with --memory-limit 3GB and analyze is left out above
//    CVA_BENCH_ANALYZE_DUCKDB_ROWS (default 10 million: it folds every row in Node);
// and the ratio of the last to the first, so CVA's overhead over the engine is visible (the
// target of docs/engines.md §1: at most 2.5× at ten million rows, peak RSS under 1.5 GB). Each run
// is repeated CVA_BENCH_REPEAT times (default 2) and the fastest kept; the load average is printed
// beside the figures. The CLI is the compiled lib/ (`npm run bench` builds it); CVA_CLI_MAIN
// names another build of src/cli/main.ts.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { generateBtydLog } from "./support/btyd-log.mjs";
import { OWN_PEAK_KB } from "./support/peak-memory.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const duckApi = require.resolve("@duckdb/node-api", { paths: [root] });
const cliMain = process.env.CVA_CLI_MAIN ?? path.join(root, "lib/cli/main.js");
const rows = Number(process.env.CVA_BENCH_DUCKDB_ROWS ?? 1_000_000);
const repeat = Math.max(1, Number(process.env.CVA_BENCH_REPEAT ?? 2));
// cva's runs get --memory-limit: CVA_BENCH_DUCKDB_MEMORY_LIMIT, by default 3GB from 50 million rows
// (the target at 100 million: under 90 s and 4.5 GB of peak RSS with --memory-limit 3GB)
const memoryLimit = process.env.CVA_BENCH_DUCKDB_MEMORY_LIMIT ?? (rows >= 50_000_000 ? "3GB" : "");
const limitArgs = memoryLimit ? ["--memory-limit", memoryLimit] : [];
// cva analyze --engine duckdb folds every row in Node: timed up to this many rows (default 10 million)
const analyzeDuckRows = Number(process.env.CVA_BENCH_ANALYZE_DUCKDB_ROWS ?? 10_000_000);

/** Runs `node -e script` as its own process: wall time (ms) and peak resident set size (MB). */
function wholeProcess(script, label) {
  const useTime = fs.existsSync("/usr/bin/time");
  const full = useTime ? script : `${script}.then(() => process.stderr.write("RSS " + ${OWN_PEAK_KB} + "\\n"))`;
  const cmd = useTime ? ["/usr/bin/time", ["-v", process.execPath, "-e", full]] : [process.execPath, ["-e", full]];
  const t = performance.now();
  const r = spawnSync(cmd[0], cmd[1], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}): ${r.stderr}`);
  const m = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr) : /RSS (\d+)/.exec(r.stderr);
  return { wall, rssMb: m ? Number(m[1]) / 1024 : NaN };
}

/** The fastest of `repeat` runs (its RSS with it). */
function best(script, label) {
  let b = null;
  for (let i = 0; i < repeat; i++) {
    const r = wholeProcess(script, label);
    if (!b || r.wall < b.wall) b = r;
  }
  return b;
}

const sq = (s) => `'${s.replace(/'/g, "''")}'`;
const { file } = generateBtydLog(rows);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cva-bench-duckdb-"));
const bareOut = path.join(work, "bare.parquet"), summaryOut = path.join(work, "summary.parquet"), scoresOut = path.join(work, "scores.parquet");
const analyzeOut = path.join(work, "analyze.parquet"), analyzeMemoryOut = path.join(work, "analyze-memory.parquet");
const analyzeMemoryRows = Number(process.env.CVA_BENCH_ANALYZE_MEMORY_ROWS ?? 2_000_000);

// DuckDB alone: the plain GROUP BY a user would write, typed by DuckDB's CSV sniffer.
const bareSql = `COPY (WITH t AS (SELECT customer_id, CAST(date AS DATE) AS d, amount FROM read_csv(${sq(file)})), e AS (SELECT max(d) AS e FROM t)
  SELECT customer_id, count(DISTINCT d) - 1 AS frequency, date_diff('day', min(d), max(d)) / 7.0 AS recency, date_diff('day', min(d), (SELECT e FROM e)) / 7.0 AS T, sum(amount) AS revenue
  FROM t GROUP BY customer_id) TO ${sq(bareOut)} (FORMAT parquet)`;
const bareScript = `(async () => { const { DuckDBInstance } = require(${JSON.stringify(duckApi)}); const db = await (await DuckDBInstance.create(":memory:")).connect(); await db.run(${JSON.stringify(bareSql)}); db.closeSync(); })()`;
const cva = (args) => `require(${JSON.stringify(cliMain)}).main(${JSON.stringify(args)}).then((c) => { if (c !== 0) process.exit(c); })`;

try {
  const bare = best(bareScript, "DuckDB's bare summary");
  const summary = best(cva(["summary", file, "--engine", "duckdb", ...limitArgs, "--out", summaryOut]), "cva summary --engine duckdb");
  const predict = best(cva(["predict", file, "--engine", "duckdb", ...limitArgs, "--model", "bgnbd", "--out", scoresOut]), "cva predict --engine duckdb");
  const analyze = rows <= analyzeDuckRows ? best(cva(["analyze", file, "--engine", "duckdb", ...limitArgs, "--model", "bgnbd", "--out", analyzeOut]), "cva analyze --engine duckdb") : null;
  const analyzeMemory = rows <= analyzeMemoryRows ? best(cva(["analyze", file, "--model", "bgnbd", "--out", analyzeMemoryOut]), "cva analyze") : null;

  // What was computed (not timed): customers in each output, and the distinct histories the fit saw.
  const { DuckDBInstance } = require(duckApi);
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const one = async (sql) => Number(Object.values((await db.runAndReadAll(sql)).getRowObjects()[0])[0]);
  const customers = await one(`SELECT count(*) FROM ${sq(bareOut)}`);
  const scored = await one(`SELECT count(*) FROM ${sq(scoresOut)} WHERE clv >= 0 AND p_alive BETWEEN 0 AND 1`);
  const histories = await one(`SELECT count(*) FROM (SELECT DISTINCT frequency, recency, T FROM ${sq(summaryOut)})`);
  const analysed = analyze ? await one(`SELECT count(*) FROM ${sq(analyzeOut)} WHERE tier >= 1 AND clv >= 0`) : customers;
  if (analysed !== customers) throw new Error(`cva analyze --engine duckdb: ${analysed} of ${customers} customers analysed`);
  db.closeSync();
  if (scored !== customers || customers === 0) throw new Error(`scores for ${scored} of ${customers} customers`);

  const mb = (fs.statSync(file).size / 1e6).toFixed(1);
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const line = (label, r) => `  ${label.padEnd(58)} ${s(r.wall).padStart(8)}  ${r.rssMb.toFixed(0).padStart(5)} MB`;
  console.log(`${rows.toLocaleString("en-US")} rows (${mb} MB CSV), ${customers.toLocaleString("en-US")} customers, ${histories.toLocaleString("en-US")} distinct (x, t_x, T) histories`);
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores; fastest of ${repeat} runs, whole process${memoryLimit ? `; cva with --memory-limit ${memoryLimit}` : ""}`);
  console.log(line("DuckDB alone: GROUP BY → Parquet", bare));
  console.log(line("cva summary --engine duckdb → Parquet", summary));
  console.log(line("cva predict --engine duckdb (BG/NBD + Gamma-Gamma) → Parquet", predict));
  if (analyze) console.log(line("cva analyze --engine duckdb (BG/NBD) → Parquet", analyze));
  if (analyzeMemory) console.log(line("cva analyze, memory engine (BG/NBD) → Parquet", analyzeMemory));
  console.log(`  ratio cva predict / DuckDB alone: ${(predict.wall / bare.wall).toFixed(2)}× (target ≤ 2.5× at 10 M rows); summary / DuckDB alone: ${(summary.wall / bare.wall).toFixed(2)}×`);
  if (rows >= 100_000_000) {
    const ok = predict.wall < 90_000 && predict.rssMb < 4.5 * 1024;
    console.log(`  cva predict at ${(rows / 1e6).toFixed(0)} M rows: ${s(predict.wall)}, ${predict.rssMb.toFixed(0)} MB (target < 90 s and < 4,608 MB with --memory-limit 3GB: ${ok ? "yes" : "NO"})`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
