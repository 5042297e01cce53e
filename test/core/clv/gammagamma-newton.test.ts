// Gamma-Gamma by Newton's method with its analytic Hessian (src/core/clv/gammagamma.ts
// spendLogLikelihoodHessian) on the buyers grouped by frequency (spendData).
import { gammagamma } from "../../../src/core";
import { spendData, spendLogLikelihood, spendLogLikelihoodHessian } from "../../../src/core/clv/gammagamma";
import { meanNegativeLogLikelihood } from "../../../src/core/clv/fitting";
import { minimizeBfgs } from "../../../src/core/math/optimize";
import { gammaGammaUncertainty, observedInformation } from "../../../src/core/clv/uncertainty";
import { cdnowSummary } from "./cdnow";
import { Mulberry } from "./simulate";

const cdnow = cdnowSummary();

/** Σ w ln f(z̄) term by term from FH 2013 eq. (1a), written out per buyer (no grouping). */
function directLogLikelihood(frequency: number[], monetary: number[], p: number, q: number, v: number): number {
  const lg = (z: number): number => {
    // ln Γ by Lanczos (g = 7, n = 9), independent of src/core/math/special.ts; 1e-13 relative here.
    const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
    if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lg(1 - z);
    z -= 1;
    let a = c[0];
    const t = z + 7.5;
    for (let i = 1; i < 9; i++) a += c[i] / (z + i);
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
  };
  let ll = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i], z = monetary[i];
    if (x === 0) continue;
    const px = p * x;
    ll += lg(px + q) - lg(px) - lg(q) + q * Math.log(v) + (px - 1) * Math.log(z) + px * Math.log(x) - (px + q) * Math.log(v + x * z);
  }
  return ll;
}

describe("spendData", () => {
  it("keeps the repeat buyers grouped by frequency in order of first appearance, a frequency beyond the direct table and a fractional one included", () => {
    // Rows: x 2, 0 (skipped), 5000, 2, 1.5 → frequencies [2, 5000, 1.5]; buyers sorted by them:
    // x·z̄ = 2·10, 2·30 | 5000·20 | 1.5·40.
    const d = spendData({ frequency: [2, 0, 5000, 2, 1.5], monetary: [10, 0, 20, 30, 40] });
    expect(Array.from(d.xVal)).toEqual([2, 5000, 1.5]);
    expect(Array.from(d.start)).toEqual([0, 2, 3, 4]);
    expect(Array.from(d.xz)).toEqual([20, 60, 100000, 60]);
    expect(Array.from(d.xIdx)).toEqual([0, 0, 1, 2]);
    expect(Array.from(d.wX)).toEqual([2, 1, 1]);
    expect(d.sLnZ[0]).toBeCloseTo(Math.log(10) + Math.log(30), 14);
    expect(d.totalWeight).toBe(4);
    expect(d.meanZ).toBeCloseTo((10 + 20 + 30 + 40) / 4, 12);
  });

  it("the likelihood of the grouped buyers is the per-buyer sum of FH 2013 eq. (1a), weights as repeated rows", () => {
    const theta = [Math.log(6.25), Math.log(3.74), Math.log(15.44)];
    const d = spendData(cdnow);
    expect(spendLogLikelihood(d, theta, null) / directLogLikelihood(cdnow.frequency, cdnow.monetary, 6.25, 3.74, 15.44) - 1).toBeCloseTo(0, 12);
    const w = spendData({ frequency: [1, 3, 2], monetary: [12, 30, 7], weights: [2, 1, 3] });
    const rows = spendData({ frequency: [1, 1, 3, 2, 2, 2], monetary: [12, 12, 30, 7, 7, 7] });
    expect(spendLogLikelihood(w, theta, null)).toBeCloseTo(spendLogLikelihood(rows, theta, null), 10);
  });
});

describe("the analytic Hessian of the Gamma-Gamma log-likelihood", () => {
  const d = spendData(cdnow);
  for (const point of [
    [6.25, 3.74, 15.44],
    [0.8, 12, 200],
  ]) {
    it(`at p, q, v = ${point.join(", ")}: value and gradient as the likelihood's, Hessian as central differences of its gradient to 1e-6, symmetric`, () => {
      const theta = point.map(Math.log);
      const g = new Float64Array(3), H = new Float64Array(9), g0 = new Float64Array(3);
      const v = spendLogLikelihoodHessian(d, theta, g, H);
      expect(v).toBeCloseTo(spendLogLikelihood(d, theta, g0), 8);
      for (let i = 0; i < 3; i++) expect(g[i]).toBeCloseTo(g0[i], 7);
      const h = 1e-5, gp = new Float64Array(3), gm = new Float64Array(3);
      for (let j = 0; j < 3; j++) {
        const tp = [...theta], tm = [...theta];
        tp[j] += h;
        tm[j] -= h;
        spendLogLikelihood(d, tp, gp);
        spendLogLikelihood(d, tm, gm);
        for (let i = 0; i < 3; i++) {
          const fd = (gp[i] - gm[i]) / (2 * h);
          expect(Math.abs(H[3 * i + j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
          expect(H[3 * i + j]).toBe(H[3 * j + i]);
        }
      }
    });
  }
});

describe("the Newton fit against BFGS on the same likelihood", () => {
  const check = (frequency: ArrayLike<number>, monetary: ArrayLike<number>, maxIterations: number): void => {
    const fit = gammagamma.fit({ frequency, monetary });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(maxIterations);
    const d = spendData({ frequency, monetary });
    const f = meanNegativeLogLikelihood((t, g) => spendLogLikelihood(d, t, g), d.totalWeight, 0);
    const ref = minimizeBfgs(f, [Math.log(2), Math.log(3), Math.log(d.meanZ)], { gradientTolerance: 1e-10, maxIterations: 2000 });
    expect(ref.converged).toBe(true);
    const est = [fit.params.p, fit.params.q, fit.params.v];
    for (let i = 0; i < 3; i++) expect(Math.abs(est[i] / Math.exp(ref.x[i]) - 1)).toBeLessThan(1e-6);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-ref.value * d.totalWeight - 1e-8 * d.totalWeight);
  };

  it("on CDNOW: p, q, v within 1e-6 relative of a BFGS run to 1e-10, log-likelihood no worse, in at most 10 Newton iterations", () => {
    check(cdnow.frequency, cdnow.monetary, 10);
  });

  it("on 20,000 simulated buyers (p 6, q 4, v 15; spends in cents): the same", () => {
    const rng = new Mulberry(23);
    const n = 20_000;
    const frequency = new Float64Array(n), monetary = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = 1 + Math.floor(-Math.log(1 - rng.next()) * 2);
      const nu = rng.gamma(4, 15); // ν ~ Gamma(q, rate γ); a spend ~ Gamma(p, rate ν)
      let s = 0;
      for (let j = 0; j < x; j++) s += rng.gamma(6, nu);
      frequency[i] = x;
      monetary[i] = Math.max(0.01, Math.round((s / x) * 100) / 100);
    }
    check(frequency, monetary, 10);
  });
});

describe("Gamma-Gamma standard errors from the analytic Hessian", () => {
  it("on CDNOW: the same covariance as central differences of the gradient (the former way), to 1e-6 relative", () => {
    const fit = gammagamma.fit(cdnow);
    const d = spendData(cdnow);
    const analytic = gammaGammaUncertainty(cdnow, fit);
    const fd = observedInformation("gammagamma", ["p", "q", "v"], fit, (t, g) => spendLogLikelihood(d, t, g), d.totalWeight);
    if (!analytic.ok || !fd.ok) throw new Error("uncertainty unavailable");
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const a = analytic.logCovariance[i][j], b = fd.logCovariance[i][j];
        expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.sqrt(Math.abs(analytic.logCovariance[i][i] * analytic.logCovariance[j][j])));
      }
    }
  });
});
