// Benchmarks of the value-model core and the CLI, on the compiled lib/
// (`npm run bench` builds it first):
//  - analyze() in-process on 10k, 100k and 1M transactions (10 per customer), from a
//    TransactionTable already in memory: the first (cold) call and the best of three, with its
//    default BG/NBD + Gamma-Gamma model (fit and scoring included), and the best of three with
//    `model: "none"` (the segments alone);
//  - `cva summary` whole-process: wall time and peak RSS (from /usr/bin/time -v when present,
//    else from the child's own process.resourceUsage());
//  - `cva analyze --out` whole-process on 1,000,000 rows, of 100,000, of 432,467 and of 951,779
//    customers (nearly one a row, the most memory a million rows can take): wall time and peak RSS
//    against the 1 GB target (docs/output.md §9).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { generate, defaultDir, SIZES } from "./generate.mjs";
import { OWN_PEAK_KB } from "./support/peak-memory.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const core = require(path.join(root, "lib/core/index.js"));
const { readTransactionsCsv } = require(path.join(root, "lib/cli/csv.js"));

const dir = defaultDir();
const cli = path.join(root, "bin/cva.js");

/** Runs `cva args…` as its own process: wall time (ms) and peak resident set size (MB). */
function wholeProcess(args) {
  const out = fs.openSync("/dev/null", "w");
  try {
    if (fs.existsSync("/usr/bin/time")) {
      const t = performance.now();
      const r = spawnSync("/usr/bin/time", ["-v", process.execPath, cli, ...args], { stdio: ["ignore", out, "pipe"], encoding: "utf8" });
      const wall = performance.now() - t;
      if (r.status !== 0) throw new Error(`cva ${args[0]} failed: ${r.stderr}`);
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
      return { wall, rssMb: m ? Number(m[1]) / 1024 : NaN };
    }
    const script = `require(${JSON.stringify(path.join(root, "lib/cli/main.js"))}).main(${JSON.stringify(args)}).then((c) => { process.stderr.write("RSS " + ${OWN_PEAK_KB} + "\\n"); process.exitCode = c; })`;
    const t = performance.now();
    const r = spawnSync(process.execPath, ["-e", script], { stdio: ["ignore", out, "pipe"], encoding: "utf8" });
    const wall = performance.now() - t;
    if (r.status !== 0) throw new Error(`cva ${args[0]} failed: ${r.stderr}`);
    return { wall, rssMb: Number(/RSS (\d+)/.exec(r.stderr)?.[1]) / 1024 };
  } finally {
    fs.closeSync(out);
  }
}

const rows = [];
for (const n of SIZES) {
  const file = generate(n, dir);
  const table = readTransactionsCsv(file);
  const t0 = performance.now();
  const first = core.analyze({ transactions: table });
  const cold = performance.now() - t0;
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    core.analyze({ transactions: table });
    best = Math.min(best, performance.now() - t);
  }
  let bestNone = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    core.analyze({ transactions: table }, { model: "none" });
    bestNone = Math.min(bestNone, performance.now() - t);
  }
  if (!first.report.model.fitted) throw new Error(`the model was not fitted: ${first.report.model.fallback?.text}`);

  const { wall, rssMb } = wholeProcess(["summary", file]);
  rows.push({
    rows: n,
    customers: first.customers.length,
    "analyze cold ms": Math.round(cold),
    "analyze best ms": Math.round(best),
    "analyze, model none, best ms": Math.round(bestNone),
    "cva summary wall ms": Math.round(wall),
    "cva summary peak RSS MB": Math.round(rssMb),
  });
}
console.log("core: analyze in-process and `cva summary` whole-process");
console.table(rows);

// Peak memory of the whole `cva analyze` on 1,000,000 rows (reading, summary, model, results and
// the CSV written to --out), against the target of staying under 1 GB.
const TARGET_MB = 1024;
const memory = [];
for (const [shape, file] of [
  ["10 rows a customer", generate(1_000_000, dir)],
  ["2.3 rows a customer", generate(1_000_000, dir, undefined, 500_000)],
  ["1.05 rows a customer", generate(1_000_000, dir, undefined, 10_000_000)],
]) {
  const results = path.join(os.tmpdir(), `cva-bench-analyze-${process.pid}.csv`);
  try {
    const { wall, rssMb } = wholeProcess(["analyze", file, "--out", results]);
    const customers = fs.readFileSync(results, "utf8").split("\n").length - 2;
    memory.push({
      rows: 1_000_000,
      shape,
      customers,
      "cva analyze wall ms": Math.round(wall),
      "peak RSS MB": Math.round(rssMb),
      "target MB": TARGET_MB,
      "under target": rssMb < TARGET_MB ? "yes" : "NO",
    });
  } finally {
    fs.rmSync(results, { force: true });
  }
}
console.log("\nmemory: `cva analyze --out` whole-process peak RSS, 1,000,000 rows (target: under 1 GB)");
console.table(memory);
