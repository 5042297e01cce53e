// Coverage of the uncertainty (docs/models/uncertainty.md §10): on seeded simulations with known
// parameters, how often the 95 % parameter intervals contain the truth and how often the 90 %
// interval of the total holdout purchases contains the simulated total. Targets (the model's
// requirement): 91–99 % and 85–95 %. `npm run bench` runs it with the others (about two minutes);
// the unit suite runs a few sets (test/core/clv/coverage.test.ts).
// Run after `npm run build:cli`: node bench/coverage.mjs [sets] (default 100 per model).
//
// Each set: 2,000 customers first buying in the first 12 weeks (calibration T from 27 to 39
// weeks), their purchases simulated through a 39-week holdout from CDNOW's published estimates
// (BG/NBD: FHL 2005; Pareto/NBD: Fader & Hardie's note 009 fit), the model fitted to the
// calibration, its Wald intervals (estimate ± 1.96 se) and log-scale ones checked against the truth, and the 90 %
// interval of the total expected holdout purchases (200 parameter draws, seed = set) and the
// predictive interval of the total (src/core/clv/predictive.ts) checked against the simulated total.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const core = require(path.join(here, "../lib/core/index.js"));
const { Random } = require(path.join(here, "../lib/core/math/random.js"));

const SETS = Number(process.argv[2] ?? 100);
const N = 2000;
const HOLDOUT = 39;
const TRUTH = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  paretonbd: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 },
};

/** Calibration summary and holdout repeat purchases of N customers under the truth. */
function simulate(model, truth, rng) {
  const frequency = new Float64Array(N), recency = new Float64Array(N), T = new Float64Array(N), holdout = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const Ti = 27 + rng.uniform() * 12;
    const end = Ti + HOLDOUT;
    const lambda = rng.gamma(truth.r, truth.alpha);
    let death = Infinity, p = 0;
    if (model === "paretonbd") death = rng.exponential(rng.gamma(truth.s, truth.beta));
    else p = rng.beta(truth.a, truth.b);
    let x = 0, tx = 0, h = 0;
    for (let t = rng.exponential(lambda); t <= end && t <= death; t += rng.exponential(lambda)) {
      if (t <= Ti) {
        x++;
        tx = t;
      } else h++;
      if (model === "bgnbd" && rng.uniform() < p) break;
    }
    frequency[i] = x;
    recency[i] = tx;
    T[i] = Ti;
    holdout[i] = h;
  }
  return { frequency, recency, T, holdout };
}

for (const model of ["bgnbd", "paretonbd"]) {
  const truth = TRUTH[model];
  const names = Object.keys(truth);
  const covered = Object.fromEntries(names.map((k) => [k, 0]));
  const coveredLog = Object.fromEntries(names.map((k) => [k, 0]));
  let params = 0, sets = 0, totals = 0, predictive = 0, unavailable = 0;
  const t0 = performance.now();
  for (let s = 0; s < SETS; s++) {
    const rng = new Random(10000 + s);
    const sim = simulate(model, truth, rng);
    const ones = new Float64Array(N).fill(1);
    const data = { frequency: sim.frequency, recency: sim.recency, T: sim.T, monetary: ones };
    // CLV over one "month" of the holdout's length with spend 1, margin 1, no discount = expected holdout purchases.
    const p = core.predictBtyd(data, { unit: "weeks", model, horizonMonths: 1, periodsPerMonth: HOLDOUT, discount: 0 });
    if (!p.fitted) {
      unavailable++;
      continue;
    }
    const u = core.countModelUncertainty(model, data, p.fit);
    if (!u.ok) {
      unavailable++;
      continue;
    }
    sets++;
    for (const k of names) {
      const [lo, hi] = u.ci95[k];
      if (lo <= truth[k] && truth[k] <= hi) covered[k]++;
      const [llo, lhi] = u.ci95Log[k];
      if (llo <= truth[k] && truth[k] <= lhi) coveredLog[k]++;
      params++;
    }
    const q = { ...p, gammagamma: null, expectedValue: ones, clv: p.expectedPurchases };
    const band = core.predictionIntervals(q, data, { draws: 200, seed: s + 1 });
    let actual = 0;
    for (let i = 0; i < N; i++) actual += sim.holdout[i];
    if (band.ok && band.equity.low <= actual && actual <= band.equity.high) totals++;
    const pred = core.predictivePurchases(model, p.fit, data, HOLDOUT, { draws: 200, seed: s + 1 });
    if (pred.ok && pred.low <= actual && actual <= pred.high) predictive++;
  }
  const all = Object.values(covered).reduce((a, b) => a + b, 0);
  const allLog = Object.values(coveredLog).reduce((a, b) => a + b, 0);
  const pct = (a, b) => ((100 * a) / b).toFixed(1);
  console.log(
    `${model}: ${sets} sets of ${N} customers (${unavailable} without uncertainty), ${((performance.now() - t0) / 1000).toFixed(0)} s; ` +
      `95 % parameter intervals cover the truth in ${pct(all, params)} % (${names.map((k) => `${k} ${pct(covered[k], sets)}`).join(", ")}; target 91–99), ` +
      `on the log scale in ${pct(allLog, params)} % (${names.map((k) => `${k} ${pct(coveredLog[k], sets)}`).join(", ")}); ` +
      `90 % interval of the holdout total covers it in ${pct(totals, sets)} % from the parameters alone, ` +
      `${pct(predictive, sets)} % as a predictive interval with each customer's own chance (target 85–95)`,
  );
}
