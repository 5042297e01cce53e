// Benchmarks of the =CVA.* custom functions, calling the
// shipped bundle dist/functions.js exactly as Excel's runtime would: through the functions
// it registers with CustomFunctions.associate (`npm run bench` builds dist/ first; CVA_DIST
// names another build folder).
//  - TIER over 1,000,000 values, spilled in one call (target < 1 s): the computation; Excel
//    itself would not pass such a range (about 5 MB each way, docs/architecture.md §14), and the
//    function answers #N/A saying so;
//  - 100,000 scalar PALIVE calls (target < 0.2 s in total);
//  - FIT.BGNBD on CDNOW, first fit and recalculation from the cache (target < 10 ms);
//  - where the 5 MB limit falls for each function: the rows at which its inputs or its result
//    reach 5,000,000 bytes of JSON in UTF-8, measured on realistic data and scaled;
//  - =CVA.TIER(B2, B$2:B$n) filled down (n calls, each sending the whole population) against
//    the single spilling formula =CVA.TIER(B2:Bn, B2:Bn).
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(process.env.CVA_DIST ? path.resolve(process.env.CVA_DIST) : path.join(root, "dist"), "functions.js");
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
    try {
      out = tier(values, values);
    } catch (e) {
      out = e;
    }
    best = Math.min(best, performance.now() - t);
  }
  if (Array.isArray(out)) {
    const counts = {};
    for (const [label] of out) counts[label] = (counts[label] ?? 0) + 1;
    console.log(`TIER spill of ${n.toLocaleString("en-US")} values: ${JSON.stringify(counts)}`);
  } else console.log(`TIER spill of ${n.toLocaleString("en-US")} values: ${out.code} "${out.message}"`);
  row("TIER over 1,000,000 values (spilled, best of 3; answered #N/A: over 5 MB)", best, 1000);
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

// Where the 5 MB limit falls: bytes of JSON (UTF-8) per row of each function's inputs and result,
// measured on a sample and scaled to 5,000,000 bytes. The lower of the two is the function's limit.
{
  const LIMIT = 5_000_000;
  const bytes = (v) => Buffer.byteLength(JSON.stringify(v), "utf8");
  const m = 20_000;
  const money = Array.from({ length: m }, () => [Math.round(Math.exp(3 + 1.5 * (rand() + rand() + rand() - 1.5)) * 100) / 100]);
  const sample = Array.from({ length: m }, (_, i) => cd[i % cd.length]);
  const colOf = (j) => sample.map((r) => [r[j]]);
  const [sx, stx, sT] = [colOf(1), colOf(2), colOf(3)];
  // The summary as =CVA.SUMMARY spills it: unrounded weeks (17 significant digits).
  const wk = (v) => [v[0] + rand() / 7];
  const [ux, utx, uT] = [sx, stx.map(wk), sT.map(wk)];
  const mon = sample.map((r) => [r[4] ?? 20 + rand()]);
  const bg = fitBg(x, tx, T);
  const gg = fn("FIT.GG")(x, cd.map((r) => [r[1] > 0 ? 20 + 10 * rand() : 0]));
  const lines6919 = fs.readFileSync(path.join(root, "data", "cdnow", "cdnow_sample.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
  const ids = lines6919.map((l) => [l[0]]);
  const dates = lines6919.map((l) => [l[1]]);
  const amounts = lines6919.map((l) => [Number(l[3])]);
  const dateSerials = lines6919.map((l) => [Math.round((Date.parse(l[1]) - Date.UTC(1899, 11, 30)) / 86400000)]);
  const volumes = Array.from({ length: m }, () => Array.from({ length: 12 }, () => Math.floor(rand() * 4)));
  const indicators = Array.from({ length: m }, () => [Math.round(rand() * 100) / 100, Math.round(rand() * 500 * 100) / 100, Math.floor(rand() * 3), Math.round(rand() * 100) / 100]);
  const call = (id, ...a) => {
    try {
      return fn(id)(...a);
    } catch (e) {
      return e;
    }
  };
  const zh = (body) => {
    globalThis.Office = { context: { displayLanguage: "zh-CN" } };
    try {
      return body();
    } finally {
      delete globalThis.Office;
    }
  };
  const cases = [
    ["TIER, one spilling formula", [money, money], (v) => call("TIER", v, v), m],
    ["TIER, one spilling formula (Chinese labels)", [money, money], (v) => zh(() => call("TIER", v, v)), m],
    ["PYRAMID / PARETO / GINI / LORENZ", [money], (v) => call("PYRAMID", v), m],
    ["RFM / RFMSEGMENT over the customers", [stx, sx, money], (...v) => call("RFMSEGMENT", ...v), m],
    ["SUMMARY (per transaction; CDNOW ids and ISO dates as text)", [ids, dates, amounts], (...v) => call("SUMMARY", ...v), ids.length],
    ["SUMMARY (per transaction; dates as Excel serials)", [ids, dateSerials, amounts], (...v) => call("SUMMARY", ...v), ids.length],
    ["FIT.BGNBD over SUMMARY's unrounded columns", [ux, utx, uT], (...v) => call("FIT.BGNBD", ...v), m],
    ["PALIVE / EXPECTED spilled", [ux, utx, uT], (...v) => call("PALIVE", ...v, bg), m],
    ["CLV.BTYD spilled", [ux, utx, uT, mon], (...v) => call("CLV.BTYD", ...v, bg, gg), m],
    ["LIFECYCLE (12 periods per customer)", [volumes], (v) => call("LIFECYCLE", v), m],
    ["LOYALTY (4 indicators)", [[["Repeat rate", "Purchase amount", "Complaint rate", "Reputation"], ...indicators]], (v) => call("LOYALTY", v), m],
  ];
  console.log("\nWhere the 5 MB limit falls (JSON, UTF-8; rows of the input ranges):");
  console.log("function | input bytes/row | result bytes/row | rows at 5 MB in | rows at 5 MB out | limit");
  for (const [what, inputs, run, n] of cases) {
    const inBytes = inputs.reduce((s, v) => s + bytes(v), 0) / n;
    const result = run(...inputs);
    const outRows = Array.isArray(result) ? result.length : 1;
    const outBytes = Array.isArray(result) ? bytes(result) / outRows : 0;
    const perRowOut = Array.isArray(result) && outRows > 1 ? outBytes * (outRows / n) : 0;
    const rowsIn = Math.floor(LIMIT / inBytes);
    const rowsOut = perRowOut > 0 ? Math.floor(LIMIT / perRowOut) : Infinity;
    const fmt = (v) => (Number.isFinite(v) ? v.toLocaleString("en-US") : "—");
    console.log(`${what} | ${inBytes.toFixed(1)} | ${perRowOut ? perRowOut.toFixed(1) : "—"} | ${fmt(rowsIn)} | ${fmt(rowsOut)} | ${fmt(Math.min(rowsIn, rowsOut))}`);
  }
}

// =CVA.TIER(B2, B$2:B$n) filled down: n calls, each with the whole population (Excel sends it to
// every cell's call, and each call reads and hashes it), against one spilling formula.
{
  const tier = fn("TIER");
  console.log("\nTIER filled down (one call per row) against one spilling formula:");
  for (const n of [2357, 10_000, 20_000]) {
    const pop = Array.from({ length: n }, () => [Math.round(Math.exp(3 + 1.5 * (rand() + rand() + rand() - 1.5)) * 100) / 100]);
    let t = performance.now();
    for (let i = 0; i < n; i++) tier([[pop[i][0]]], pop);
    const filled = performance.now() - t;
    t = performance.now();
    tier(pop, pop);
    const spilled = performance.now() - t;
    const sent = (n * Buffer.byteLength(JSON.stringify(pop), "utf8")) / 1e6;
    console.log(`  n = ${n.toLocaleString("en-US")}: filled down ${filled.toFixed(0)} ms (${sent.toFixed(0)} MB sent in all), spilled ${spilled.toFixed(1)} ms`);
  }
}

console.log("");
for (const r of report) console.log(`${r.ok ? "ok  " : "SLOW"} ${r.what}: ${r.ms.toFixed(1)} ms (target < ${r.target} ms)`);
