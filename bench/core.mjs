// Benchmarks of the value-model core and the CLI, on the compiled lib/
// (`npm run bench` builds it first):
//  - analyze() in-process on 10k, 100k and 1M transactions (10 per customer), from a
//    TransactionTable already in memory: the first (cold) call and the best of three, with its
//    default BG/NBD + Gamma-Gamma model (fit and scoring included), and the best of three with
//    `model: "none"` (the segments alone);
//  - `cva summary` whole-process: wall time and peak RSS (from /usr/bin/time -v when present,
//    else from the child's own process.resourceUsage()).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { generate, defaultDir, SIZES } from "./generate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const core = require(path.join(root, "lib/core/index.js"));
const { readTransactionsCsv } = require(path.join(root, "lib/cli/csv.js"));

const dir = defaultDir();
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

  const cli = path.join(root, "bin/cva.js");
  let wall;
  let rssMb;
  const out = fs.openSync("/dev/null", "w");
  if (fs.existsSync("/usr/bin/time")) {
    const t = performance.now();
    const r = spawnSync("/usr/bin/time", ["-v", process.execPath, cli, "summary", file], { stdio: ["ignore", out, "pipe"], encoding: "utf8" });
    wall = performance.now() - t;
    if (r.status !== 0) throw new Error(`cva summary failed: ${r.stderr}`);
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    rssMb = m ? Number(m[1]) / 1024 : NaN;
  } else {
    const script = `require(${JSON.stringify(path.join(root, "lib/cli/main.js"))}).main(["summary", ${JSON.stringify(file)}]).then((c) => { process.stderr.write("RSS " + process.resourceUsage().maxRSS + "\\n"); process.exitCode = c; })`;
    const t = performance.now();
    const r = spawnSync(process.execPath, ["-e", script], { stdio: ["ignore", out, "pipe"], encoding: "utf8" });
    wall = performance.now() - t;
    if (r.status !== 0) throw new Error(`cva summary failed: ${r.stderr}`);
    rssMb = Number(/RSS (\d+)/.exec(r.stderr)?.[1]) / 1024;
  }
  fs.closeSync(out);
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
