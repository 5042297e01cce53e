// Prediction intervals (src/core/clv/intervals.ts; docs/models/uncertainty.md §8).
// - CDNOW (BG/NBD + Gamma-Gamma, 200 draws, seed 1): every customer's point estimate lies inside
//   its 90 % intervals; the heavy buyer's P(alive) interval is narrower than the light buyers';
//   the equity interval narrows about as 1/√n when the customers double; same seed, same result.
// - The draws: their mean and covariance match the fit's log-parameters and H⁻¹.
// - (The seeded coverage on simulated data is in intervals-coverage.test.ts.)
// - Unavailable uncertainty and bad options: keyed reasons.
import { Random } from "../../../src/core/math/random";
import { countModelUncertainty } from "../../../src/core/clv/uncertainty";
import { drawNormal, predictionIntervals, type PredictionIntervals } from "../../../src/core/clv/intervals";
import { predictBtyd, type BtydPrediction } from "../../../src/core";
import { errorText } from "../../../src/core/i18n/errors";
import { isCvaError } from "../../../src/core/errors";
import { cdnowSummary } from "./cdnow";
import { cohort, Mulberry } from "./simulate";
import { simulateBgNbdFuture } from "./simulate-future";

const c = cdnowSummary();
const data = { frequency: Float64Array.from(c.frequency), recency: Float64Array.from(c.recency), T: Float64Array.from(c.T), monetary: Float64Array.from(c.monetary) };
const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;

function fitted(p: ReturnType<typeof predictBtyd>): BtydPrediction {
  if (!p.fitted) throw new Error(p.note);
  return p;
}

// One test that computes the intervals it checks: work done outside a test would count, for
// mutation testing, as reaching the code from no test in particular, and a result cached for
// several tests would credit only the first (docs/testing.md).
test("intervals on CDNOW: the defaults, every estimate inside its band, the heavy buyer's narrower band, 1/√n, the seed, the level", () => {
  const iv = predictionIntervals(r, data) as PredictionIntervals;
  // Defaults: 90 %, 200 draws, seed 1; the equity interval around Σ CLV.
  {
    expect(iv.ok).toBe(true);
    expect([iv.level, iv.draws, iv.seed]).toEqual([0.9, 200, 1]);
    let sum = 0;
    for (let i = 0; i < r.clv.length; i++) sum += r.clv[i];
    expect(iv.equity.estimate).toBeCloseTo(sum, 6);
    expect(iv.equity.low).toBeLessThan(sum);
    expect(iv.equity.high).toBeGreaterThan(sum);
    // Measured: 65,186 to 77,706 around 71,552 (±9 %); a 90 % interval of a few-percent-wide
    // parameter uncertainty: assert 3–20 % each side.
    expect(sum / iv.equity.low).toBeGreaterThan(1.03);
    expect(sum / iv.equity.low).toBeLessThan(1.2);
    expect(iv.equity.high / sum).toBeGreaterThan(1.03);
    expect(iv.equity.high / sum).toBeLessThan(1.2);
  }

  // Every customer's point estimate lies inside its interval (measured: all 2,357, for all three).
  {
    const outside = [0, 0, 0];
    const bands = [[iv.pAlive, r.pAlive], [iv.expectedPurchases, r.expectedPurchases], [iv.clv, r.clv]] as const;
    bands.forEach(([b, est], k) => {
      for (let i = 0; i < est.length; i++) {
        expect(b.low[i]).toBeLessThanOrEqual(b.high[i]);
        if (!(b.low[i] <= est[i] && est[i] <= b.high[i])) outside[k]++;
      }
    });
    // "Nearly every": at most 1 % outside (a skewed draw distribution may leave the estimate at its edge).
    for (const o of outside) expect(o).toBeLessThanOrEqual(0.01 * r.clv.length);
  }

  // The customer with 29 purchases has a narrower P(alive) interval than recent customers with 2.
  {
    // The heaviest buyer (x = 29, t_x = 37.71, T = 38): measured width 0.021; customers with
    // x = 2, T ≥ 36 and t_x ≥ 0.9 T (about as recent): 0.040–0.045. Asserted: the heavy buyer's width
    // is below 2/3 of every such light buyer's. (Expected purchases go the other way in relative
    // terms: BG/NBD's conditional expectation for a heavy buyer leans on a and b, docs §8.)
    const heavy = c.frequency.indexOf(29);
    const width = (i: number) => iv.pAlive.high[i] - iv.pAlive.low[i];
    expect(width(heavy)).toBeGreaterThan(0.01);
    const light = c.frequency.map((_, i) => i).filter((i) => c.frequency[i] === 2 && c.T[i] >= 36 && c.recency[i] >= 0.9 * c.T[i]);
    expect(light.length).toBeGreaterThan(5);
    for (const i of light) expect(width(heavy)).toBeLessThan((2 / 3) * width(i));
  }

  // The equity interval narrows as the customers grow: half the base, √2 wider relative to its estimate.
  {
    const half = Math.floor(c.frequency.length / 2);
    const sub = { frequency: data.frequency.subarray(0, half), recency: data.recency.subarray(0, half), T: data.T.subarray(0, half), monetary: data.monetary.subarray(0, half) };
    const rh = fitted(predictBtyd(sub, { unit: "weeks", model: "bgnbd" }));
    const ih = predictionIntervals(rh, sub) as PredictionIntervals;
    const rel = (e: PredictionIntervals["equity"]) => (e.high - e.low) / e.estimate;
    // Standard errors scale as 1/√n: the ratio should be near √2 = 1.41; asserted 1.1–1.9 (200 draws, a different half).
    const ratio = rel(ih.equity) / rel(iv.equity);
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.9);
  }

  // Same seed, identical intervals; another seed, different ones.
  {
    const again = predictionIntervals(r, data) as PredictionIntervals;
    expect(again.equity).toEqual(iv.equity);
    expect(Array.from(again.clv.low)).toEqual(Array.from(iv.clv.low));
    expect(Array.from(again.pAlive.high)).toEqual(Array.from(iv.pAlive.high));
    const other = predictionIntervals(r, data, { seed: 2 }) as PredictionIntervals;
    expect(other.equity.low).not.toBe(iv.equity.low);
  }

  // A higher level gives a wider interval.
  {
    const wide = predictionIntervals(r, data, { level: 0.99 }) as PredictionIntervals;
    expect(wide.equity.low).toBeLessThan(iv.equity.low);
    expect(wide.equity.high).toBeGreaterThan(iv.equity.high);
  }
}, 60_000);

describe("the draws", () => {
  test("their mean and covariance match the fit's log-parameters and H⁻¹", () => {
    const u = countModelUncertainty("bgnbd", data, r.fit);
    if (!u.ok) throw new Error(u.message);
    const names = u.names;
    const mean = names.map((k) => Math.log(r.fit.params[k]));
    const N = 20000;
    const rng = new Random(7);
    const k = names.length;
    const sum = new Float64Array(k);
    const xs: Float64Array[] = [];
    for (let d = 0; d < N; d++) {
      const x = drawNormal(rng, mean, u.logCovariance);
      xs.push(x);
      for (let i = 0; i < k; i++) sum[i] += x[i];
    }
    const S = u.logCovariance;
    for (let i = 0; i < k; i++) {
      // The sample mean's standard error is √(S_ii/N): within 4 of them.
      expect(Math.abs(sum[i] / N - mean[i])).toBeLessThan(4 * Math.sqrt(S[i][i] / N));
      for (let j = 0; j <= i; j++) {
        let cov = 0;
        for (const x of xs) cov += (x[i] - mean[i]) * (x[j] - mean[j]);
        cov /= N;
        // Var of a normal sample covariance (known mean): (S_ii S_jj + S_ij²)/N; within 4 standard errors.
        expect(Math.abs(cov - S[i][j])).toBeLessThan(4 * Math.sqrt((S[i][i] * S[j][j] + S[i][j] ** 2) / N));
      }
    }
  });

});

/** Gamma-Gamma spend (Fader & Hardie 2013) with p = 6, q = 4, γ = 15: ν ~ Gamma(q, γ), the mean of x spends ~ Gamma(p·x, ν·x). */
function spend(rng: Mulberry, frequency: Float64Array): Float64Array {
  return Float64Array.from(frequency, (x) => (x > 0 ? rng.gamma(6 * x, rng.gamma(4, 15) * x) : 0));
}

describe("scored a chunk of histories at a time", () => {
  // The scorer chooses which frequencies to tabulate from each chunk's customer counts
  // (docs/lifetime-value.md §3), so a value may come from its table in one chunk and from the direct
  // formula in another: equal to the last bits (1e-12 relative), not always bit for bit.
  const close = (x: Float64Array, y: Float64Array) => {
    expect(x.length).toBe(y.length);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1e-300, Math.abs(y[i])));
    expect(worst).toBeLessThan(1e-12);
  };
  const same = (a: PredictionIntervals, b: PredictionIntervals) => {
    for (const k of ["pAlive", "expectedPurchases", "clv"] as const) {
      close(a[k].low, b[k].low);
      close(a[k].high, b[k].high);
    }
    // Σ CLV per draw is summed chunk by chunk: the same to rounding.
    expect(a.equity.low / b.equity.low).toBeCloseTo(1, 12);
    expect(a.equity.high / b.equity.high).toBeCloseTo(1, 12);
  };

  test("CDNOW in chunks of 97 histories gives the intervals of one chunk", () => {
    same(predictionIntervals(r, data, { draws: 40, chunk: 97 }) as PredictionIntervals, predictionIntervals(r, data, { draws: 40, chunk: 1e9 }) as PredictionIntervals);
  });

  test("12,000 simulated customers (more distinct histories than the default chunk) likewise", () => {
    const rng = new Mulberry(7);
    const T = cohort(rng, 12000, 27, 39);
    const sim = simulateBgNbdFuture(rng, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, T, 1, 39);
    const d = { frequency: sim.frequency, recency: sim.recency, T: sim.T, monetary: spend(rng, sim.frequency) };
    const p = fitted(predictBtyd(d, { unit: "weeks", model: "bgnbd" }));
    const byDefault = predictionIntervals(p, d, { draws: 20 }) as PredictionIntervals;
    expect(byDefault).toMatchObject({ ok: true });
    expect(new Set(Array.from(sim.T, (t, i) => `${sim.frequency[i]},${sim.recency[i]},${t}`)).size).toBeGreaterThan(4096);
    same(byDefault, predictionIntervals(p, d, { draws: 20, chunk: 1e9 }) as PredictionIntervals);
  });
});

describe("no intervals when the uncertainty cannot be computed; bad options", () => {
  test("a fit that did not converge: the reason, keyed in both languages", () => {
    const bad: BtydPrediction = { ...r, fit: { ...r.fit, converged: false } };
    const u = predictionIntervals(bad, data);
    expect(u.ok).toBe(false);
    if (u.ok) return;
    expect(u.reasonKey).toBe("uncertainty.notConverged");
    expect(errorText("en-US", u.reasonKey, u.reasonParams)).toMatch(/did not converge/);
    expect(errorText("zh-CN", u.reasonKey, u.reasonParams)).toMatch(/未收敛/);
  });

  test.each([
    [{ level: 0 }, "level must be greater than 0"],
    [{ level: 1 }, "level must be below 1"],
    [{ level: 1.5 }, "level must be below 1"],
    [{ level: Number.NaN }, "level must be greater than 0"],
    [{ draws: 10 }, "draws must be a whole number from 20 to 100000"],
    [{ draws: 50.5 }, "draws must be a whole number from 20 to 100000"],
    [{ seed: 0.5 }, "seed must be a whole number"],
  ])("%p is refused: %s", (options, message) => {
    try {
      predictionIntervals(r, data, options);
      throw new Error("not refused");
    } catch (e) {
      expect(isCvaError(e)).toBe(true);
      expect((e as Error).message).toContain(message);
    }
  });
});
