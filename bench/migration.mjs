// The pyramid over time (src/core/segments/migration.ts, docs/migration.md): the comparison of two
// snapshots of 1,000,000 customers each — 950,000 in both, 50,000 new, 50,000 gone; tiers, stages,
// moves and values drawn with a fixed seed. Target: under 1 s of CPU time (median of 3, after one
// warm-up; the wall time is shown too, and exceeds it when other work shares the machine).
// Run after `npm run build:cli`: node bench/migration.mjs
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { median } from "./support/timing.mjs";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const core = require(path.join(here, "../lib/core/index.js"));

const n = 1_000_000;
const common = 950_000;
let seed = 11;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

/** OLD: ids C0 … C999999; tier by the default shares, stage drawn, value falling with the tier. */
function oldSnapshot() {
  const s = columns("old");
  for (let i = 0; i < n; i++) {
    s.ids[i] = `C${i}`;
    const u = rand();
    s.tier[i] = u < 0.01 ? 1 : u < 0.2 ? 2 : u < 0.5 ? 3 : 4;
    s.stage[i] = Math.floor(rand() * 4);
    fill(s, i);
  }
  return s;
}

/**
 * NEW: OLD's last 950,000 customers and 50,000 new ones. A customer of OLD keeps the tier with
 * probability 0.8, else moves one tier up or down; keeps the stage with probability 0.8, else
 * moves to the next (decline → churned).
 */
function newSnapshot(old) {
  const s = columns("new");
  for (let i = 0; i < n; i++) {
    const j = i + n - common;
    s.ids[i] = `C${j}`;
    if (j < n) {
      const t = old.tier[j];
      const u = rand();
      s.tier[i] = u < 0.8 ? t : u < 0.9 ? Math.max(1, t - 1) : Math.min(4, t + 1);
      s.stage[i] = rand() < 0.8 ? old.stage[j] : Math.min(4, old.stage[j] + 1);
    } else {
      s.tier[i] = 1 + Math.floor(rand() * 4);
      s.stage[i] = 0;
    }
    fill(s, i);
  }
  return s;
}

function columns(name) {
  return {
    name, ids: new Array(n), tier: new Uint16Array(n), stage: new Uint8Array(n), value: new Float64Array(n),
    pAlive: new Float64Array(n), clv: new Float64Array(n), upgrade: new Int8Array(n),
  };
}

function fill(s, i) {
  s.value[i] = Math.round((5 - s.tier[i]) * 100 * rand() * 100) / 100;
  s.pAlive[i] = rand();
  s.clv[i] = s.value[i];
  s.upgrade[i] = rand() < 0.3 ? 1 : 0;
}

const old = oldSnapshot();
const now = newSnapshot(old);
// CPU time too: on a machine shared with other work the wall time overstates the cost.
let cpu = [];
const timed = () => {
  const c0 = process.cpuUsage();
  const r = core.compareSnapshots(old, now);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  return r;
};
const { ms, result } = median(timed, 3, { warmUp: true });
cpu = cpu.slice(1).sort((a, b) => a - b);
const both = result.cells.reduce((s, c) => s + c.customers, 0);
console.log(
  `migration: two snapshots of ${n.toLocaleString("en-US")} customers compared in ${cpu[1].toFixed(0)} ms of CPU time (target < 1000: ${cpu[1] < 1000 ? "yes" : "NO"}), ${ms.toFixed(0)} ms of wall time; ` +
    `${both.toLocaleString("en-US")} in both, ${result.newCustomers.length.toLocaleString("en-US")} new, ${result.gone.length.toLocaleString("en-US")} gone, ` +
    `${result.movedDown.length.toLocaleString("en-US")} moved down from the top two tiers, ${result.churned.length.toLocaleString("en-US")} now churned`,
);
