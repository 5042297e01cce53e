// Benchmarks the forecast of the whole customer base (src/core/clv/forecast.ts,
// docs/models/forecast.md): 52 weekly periods for 1,000,000 simulated customers, target < 200 ms
// with each of BG/NBD, MBG/NBD and Pareto/NBD (median of 5 after a warm-up run). The customers: BG/NBD histories (CDNOW's parameters) of a base acquired over two
// years, observed for T uniform on 1–104 weeks (continuous), spend per customer the Gamma-Gamma
// expected spend of a simulated mean spend. For comparison, in the same run, the direct method:
// every customer's conditional expectation E[Y(t) | x, t_x, T] at each of the 52 period ends
// (the model's own per-customer function, as lifetimes' conditional_expected_number_of_purchases_up_to_time
// does it), timed on the first 20,000 customers and scaled to 1,000,000, with the largest
// relative difference of the two methods' per-period figures on those 20,000. Needs lib/ (npm run build:cli).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { median as timed } from "./support/timing.mjs";

const median = (fn, runs) => timed(fn, runs, { warmUp: true });

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const core = require(path.join(here, "../lib/core/index.js"));
const { Random, simulateBgNbd } = require(path.join(here, "../lib/core/math/random.js"));
const { countModel, forecastBase } = core;


const n = 1_000_000;
const bg = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const gg = { p: 6.2488, q: 3.7446, v: 15.4477 };
const rng = new Random(2025);
const T0 = new Float64Array(n);
for (let i = 0; i < n; i++) T0[i] = 1 + 103 * rng.uniform();
const sim = simulateBgNbd(rng, bg, T0);
const spend = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const x = sim.frequency[i];
  let mean = 0;
  if (x > 0) {
    const nu = rng.gamma(gg.q, gg.v);
    for (let j = 0; j < x; j++) mean += rng.gamma(gg.p, nu) / x;
  }
  spend[i] = (gg.p * (gg.v + x * mean)) / (gg.p * x + gg.q - 1);
}
const distinct = new Set(sim.frequency).size;
const options = { periods: 52, periodLength: 1, discount: 0.002, margin: 0.3, unit: "weeks" };
const params = {
  bgnbd: bg,
  mbgnbd: { r: 0.5248, alpha: 6.183, a: 0.8914, b: 1.614 },
  paretonbd: { r: 0.5533, alpha: 10.5778, s: 0.6062, beta: 11.6669 },
};

console.log(`Forecast of 52 weekly periods for 1,000,000 simulated customers (${distinct} distinct frequencies, T continuous on 1–104 weeks, Gamma-Gamma spend)`);
const sub = 20_000;
const subset = { frequency: sim.frequency.subarray(0, sub), recency: sim.recency.subarray(0, sub), T: sim.T.subarray(0, sub) };
for (const [id, p] of Object.entries(params)) {
  const model = countModel(id);
  const { ms, result } = median(() => forecastBase(model, p, sim, spend, options), 5);
  // The direct method on the subset: 52 conditional expectations per customer.
  const t0 = performance.now();
  const units = new Float64Array(52), revenue = new Float64Array(52);
  for (let i = 0; i < sub; i++) {
    let prev = 0;
    for (let k = 0; k < 52; k++) {
      const e = model.expectedPurchases(p, k + 1, subset.frequency[i], subset.recency[i], subset.T[i]);
      units[k] += e - prev;
      revenue[k] += (e - prev) * spend[i];
      prev = e;
    }
  }
  const directMs = ((performance.now() - t0) * n) / sub;
  const ours = forecastBase(model, p, subset, spend.subarray(0, sub), options);
  let worst = 0;
  for (let k = 0; k < 52; k++) worst = Math.max(worst, Math.abs(ours.rows[k].transactions / units[k] - 1), Math.abs(ours.rows[k].revenue / revenue[k] - 1));
  const target = ` (target < 200: ${ms < 200 ? "yes" : "NO"})`;
  console.log(
    `  ${model.label.padEnd(10)} ${ms.toFixed(0).padStart(5)} ms${target}; direct per-customer sum ≈ ${(directMs / 1000).toFixed(1)} s (20,000 customers timed, ×50) → ${(directMs / ms).toFixed(0)}× faster; largest relative difference on those 20,000: ${worst.toExponential(1)}; 52-week total ${result.transactions.toFixed(0)} transactions, discounted margin ${result.discounted.toFixed(0)}`,
  );
}
