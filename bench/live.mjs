// Live formulas (docs/live-model.md §5): the function time Excel spends after one assumption
// change in a results table of 10,000 customers whose model columns are per-row CVA formulas.
// Calls the shipped bundle dist/functions.js as Excel's runtime would — one call per formula
// cell, each with its row's cells and the 2-row parameter tables that CHOOSE builds from the
// named cells (`npm run bench` builds dist/ first; CVA_DIST names another build folder):
//  - CVA_Discount (or CVA_Margin) changed: the 10,000 CLV.BTYD cells recompute (target < 1 s);
//  - a model parameter changed (CVA_BG_r): all 30,000 cells, PALIVE, EXPECTED and CLV.BTYD.
// The customers are CDNOW's 2,357 histories resampled with a seeded jitter of T (no two alike,
// so nothing is answered from a cache), their mean repeat spends seeded log-normal draws.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { fileURLToPath } from "node:url";
import { median } from "./support/timing.mjs";

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

let seed = 7;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const N = 10_000;
const lines = fs.readFileSync(path.join(root, "data", "cdnow", "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/).slice(1);
const cd = lines.map((l) => l.split(",").map(Number));
const rows = Array.from({ length: N }, (_, i) => {
  const [, x, tx, T] = cd[i % cd.length];
  const TT = T + rand(); // a later observation end by up to a week: still tx ≤ T
  const m = x > 0 ? Math.round(Math.exp(3 + 0.8 * (rand() + rand() + rand() - 1.5)) * 100) / 100 : 0;
  return { x, tx, T: TT, m };
});

// The named cells, as the CVA Model sheet holds them (CDNOW's BG/NBD and Gamma-Gamma estimates, Fader, Hardie & Lee 2005; Fader & Hardie 2013).
const named = { r: 0.2426, alpha: 4.4135, a: 0.7931, b: 2.4259, p: 6.25, q: 3.74, v: 15.44, horizon: 12, perMonth: 365.25 / 12 / 7, discount: 0.01, margin: 0.3, unit: "weeks" };
const countTable = () => [["model", "r", "alpha", "a", "b"], ["BG/NBD", named.r, named.alpha, named.a, named.b]];
const spendTable = () => [["model", "p", "q", "v"], ["Gamma-Gamma", named.p, named.q, named.v]];
const [palive, expected, clv] = ["PALIVE", "EXPECTED", "CLV.BTYD"].map(fn);

/** Excel's recalculation of the CLV column: one CLV.BTYD call per row, the tables rebuilt by CHOOSE each time. */
function clvColumn() {
  let equity = 0;
  for (const c of rows) equity += clv([[c.x]], [[c.tx]], [[c.T]], [[c.m]], countTable(), spendTable(), [[named.horizon]], [[named.discount]], [[named.margin]], [[named.unit]])[0][0];
  return equity;
}
function allColumns() {
  let s = 0;
  for (const c of rows) {
    s += palive([[c.x]], [[c.tx]], [[c.T]], countTable())[0][0];
    s += expected([[named.horizon * named.perMonth]], [[c.x]], [[c.tx]], [[c.T]], countTable())[0][0];
  }
  return s + clvColumn();
}

const report = [];
const row = (what, ms, target) => report.push({ what, ms, target, ok: ms < target });

clvColumn(); // warm-up at 1 %
named.discount = 0.02;
const d = median(clvColumn, 5);
console.log(`equity at 2 % a month: ${d.result.toFixed(2)} (10,000 customers)`);
row("Live formulas: CVA_Discount changed, 10,000 CLV.BTYD cells recomputed (median of 5)", d.ms, 1000);
named.margin = 0.5;
const m = median(clvColumn, 5);
row("Live formulas: CVA_Margin changed, 10,000 CLV.BTYD cells recomputed (median of 5)", m.ms, 1000);
named.r = 0.25;
const p = median(allColumns, 3);
row("Live formulas: CVA_BG_r changed, 30,000 cells (PALIVE, EXPECTED, CLV.BTYD) recomputed (median of 3)", p.ms, 3000);

console.log("");
for (const r of report) console.log(`${r.ok ? "ok  " : "SLOW"} ${r.what}: ${r.ms.toFixed(1)} ms (target < ${r.target} ms)`);
