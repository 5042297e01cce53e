// Benchmarks of the =CVA.* custom functions, calling the
// shipped bundle dist/functions.js exactly as Excel's runtime would: through the functions
// it registers with CustomFunctions.associate (`npm run bench` builds dist/ first).
//  - TIER over 1,000,000 values, spilled in one call (target < 1 s);
//  - 100,000 scalar PALIVE calls (target < 0.2 s in total);
//  - FIT.BGNBD on CDNOW, first fit and recalculation from the cache (target < 10 ms).
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(root, "dist", "functions.js");
if (!fs.existsSync(bundle)) {
  console.error("dist/functions.js is missing: run npm run build (npm run bench does).");
  process.exit(1);
}

const registered = new Map();
class ExcelError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
globalThis.CustomFunctions = {
  associate: (id, fn) => registered.set(id, fn),
  Error: ExcelError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
};
vm.runInThisContext(fs.readFileSync(bundle, "utf8"), { filename: bundle });
const fn = (id) => {
  const f = registered.get(id);
  if (!f) throw new Error(`${id} is not registered by dist/functions.js`);
  return f;
};

// Seeded values (mulberry32), log-normal-ish like customer values.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const report = [];
const row = (what, ms, target) => report.push({ what, ms, target, ok: ms < target });

// TIER over 1,000,000 values, spilled: =CVA.TIER(A1:A1000000, A1:A1000000)
{
  const n = 1_000_000;
  const values = new Array(n);
  for (let i = 0; i < n; i++) values[i] = [Math.round(Math.exp(3 + 1.5 * (rand() + rand() + rand() - 1.5)) * 100) / 100];
  const tier = fn("TIER");
  let best = Infinity;
  let out;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    out = tier(values, values);
    best = Math.min(best, performance.now() - t);
  }
  const counts = {};
  for (const [label] of out) counts[label] = (counts[label] ?? 0) + 1;
  console.log(`TIER spill of ${n.toLocaleString("en-US")} values: ${JSON.stringify(counts)}`);
  row("TIER over 1,000,000 values (spilled, best of 3)", best, 1000);
}

// CDNOW summary for the BTYD functions.
const lines = fs.readFileSync(path.join(root, "data", "cdnow", "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/).slice(1);
const cd = lines.map((l) => l.split(",").map(Number));
const col = (j) => cd.map((r) => [r[j]]);
const [x, tx, T] = [col(1), col(2), col(3)];

// FIT.BGNBD on CDNOW: the first fit, then a recalculation (the cache by content answers).
const fitBg = fn("FIT.BGNBD");
let t0 = performance.now();
const params = fitBg(x, tx, T);
row("FIT.BGNBD on CDNOW (2,357 customers), first fit", performance.now() - t0, 10);
t0 = performance.now();
fitBg(x, tx, T);
row("FIT.BGNBD on CDNOW, recalculation (cached)", performance.now() - t0, 10);
// A fresh fit once the code is warm: the same customers in another row order (other content,
// so the cache misses; the estimates are the same). Best of 5.
{
  let best = Infinity;
  for (let k = 1; k <= 5; k++) {
    const rot = (c) => [...c.slice(k * 100), ...c.slice(0, k * 100)];
    const [rx, rtx, rT] = [rot(x), rot(tx), rot(T)];
    const t = performance.now();
    fitBg(rx, rtx, rT);
    best = Math.min(best, performance.now() - t);
  }
  row("FIT.BGNBD on CDNOW, a fresh fit once warm (best of 5)", best, 10);
}
console.log(`FIT.BGNBD: ${params[0].join(" ")} = ${params[1].map((v) => (typeof v === "number" ? +v.toFixed(4) : v)).join(" ")}`);

// 100,000 scalar PALIVE calls, as 100,000 cells each holding =CVA.PALIVE(B2, C2, D2, $H$1:$N$2).
{
  const palive = fn("PALIVE");
  const calls = 100_000;
  const args = new Array(calls);
  for (let i = 0; i < calls; i++) {
    const r = cd[i % cd.length];
    args[i] = [[[r[1]]], [[r[2]]], [[r[3]]]];
  }
  let best = Infinity;
  let sum = 0;
  for (let k = 0; k < 3; k++) {
    sum = 0;
    const t = performance.now();
    for (let i = 0; i < calls; i++) sum += palive(args[i][0], args[i][1], args[i][2], params)[0][0];
    best = Math.min(best, performance.now() - t);
  }
  console.log(`PALIVE: mean P(alive) over the calls ${(sum / calls).toFixed(4)}`);
  row("100,000 scalar PALIVE calls (total, best of 3)", best, 200);
}

console.log("");
for (const r of report) console.log(`${r.ok ? "ok  " : "SLOW"} ${r.what}: ${r.ms.toFixed(1)} ms (target < ${r.target} ms)`);
