// Gamma-Gamma by Newton's method with its analytic Hessian (src/core/clv/gammagamma.ts
// spendLogLikelihoodHessian) on the buyers' x·z̄ in narrow bins with their moments (spendData).
import { gammagamma } from "../../../src/core";
import { spendData, spendLogLikelihood, spendLogLikelihoodHessian } from "../../../src/core/clv/gammagamma";
import { meanNegativeLogLikelihood } from "../../../src/core/clv/fitting";
import { digamma, logGamma } from "../../../src/core/math/special";
import { trigamma } from "../../../src/core/math/trigamma";
import { minimizeBfgs, minimizeNewton } from "../../../src/core/math/optimize";
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

/**
 * Σ w ln f per buyer (FH 2013 eq. 1a) with its gradient and Hessian in θ = ln(p, q, γ), written
 * out buyer by buyer with the core's ln Γ, ψ and ψ₁ (the formulas of the Hessian's doc comment,
 * no bins): what the binned moments must reproduce.
 */
function perBuyer(frequency: ArrayLike<number>, monetary: ArrayLike<number>, theta: number[]): { ll: number; g: number[]; H: number[] } {
  const [p, q, v] = theta.map(Math.exp);
  let ll = 0, dp = 0, dq = 0, dv = 0, hpp = 0, hpq = 0, hpv = 0, hqq = 0, hqv = 0, hvv = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i], z = monetary[i];
    if (x === 0) continue;
    const px = p * x, s = v + x * z;
    ll += logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(z) + px * Math.log(x) - (px + q) * Math.log(s);
    dp += x * (digamma(px + q) - digamma(px) + Math.log(z) + Math.log(x) - Math.log(s));
    dq += digamma(px + q) - digamma(q) + Math.log(v) - Math.log(s);
    dv += q / v - (px + q) / s;
    hpp += x * x * (trigamma(px + q) - trigamma(px));
    hpq += x * trigamma(px + q);
    hpv -= x / s;
    hqq += trigamma(px + q) - trigamma(q);
    hqv += 1 / v - 1 / s;
    hvv += -q / (v * v) + (px + q) / (s * s);
  }
  const g = [dp * p, dq * q, dv * v];
  const P = [p, q, v], h = [hpp, hpq, hpv, hpq, hqq, hqv, hpv, hqv, hvv];
  const H = h.map((value, k) => value * P[Math.floor(k / 3)] * P[k % 3] + (k % 4 === 0 ? g[k / 4] : 0));
  return { ll, g, H };
}

describe("spendData", () => {
  it("counts the repeat buyers per frequency (whole ones increasing, then others by first appearance) and puts each x·z̄ in a bin within 2^-9 of its centre", () => {
    // Rows: x 2, 0 (skipped), 5000, 2, 1.5 → x·z̄ = 20, 100000, 60, 60 → three bins; frequencies 2 (two buyers), 5000, 1.5.
    const d = spendData({ frequency: [2, 0, 5000, 2, 1.5], monetary: [10, 0, 20, 30, 40] });
    expect(Array.from(d.xVal)).toEqual([2, 5000, 1.5]);
    expect(Array.from(d.wX)).toEqual([2, 1, 1]);
    expect(d.centre.length).toBe(3);
    [20, 100000, 60].forEach((u, j) => expect(Math.abs(u - d.centre[j]) / d.centre[j]).toBeLessThan(2 ** -9));
    // Per bin: Σ w (buyers) and Σ w x; the bin of 60 holds rows 4 (x 2) and 5 (x 1.5).
    expect([0, 1, 2].map((j) => d.moments[12 * j])).toEqual([1, 1, 2]);
    expect([0, 1, 2].map((j) => d.moments[12 * j + 6])).toEqual([2, 5000, 3.5]);
    // Σ w δ in the bin of 60 is 2·(60 − c).
    expect(d.moments[12 * 2 + 1]).toBe(2 * (60 - d.centre[2]));
    expect(d.sLnZ).toBeCloseTo(Math.log(10) + Math.log(20) + Math.log(30) + Math.log(40), 13);
    expect(d.sXLnZ).toBeCloseTo(2 * Math.log(10) + 5000 * Math.log(20) + 2 * Math.log(30) + 1.5 * Math.log(40), 9);
    expect(d.buyers).toBe(4);
    expect(d.totalWeight).toBe(4);
    expect(d.meanZ).toBeCloseTo((10 + 20 + 30 + 40) / 4, 12);
  });

  it("reports the first bad row in row order, a bad spend before a bad frequency and the other way round, across the 4,096-row blocks", () => {
    const at = (frequency: number[], monetary: number[]): unknown => {
      try {
        spendData({ frequency, monetary });
      } catch (e) {
        return (e as { params?: Record<string, unknown> }).params;
      }
      return null;
    };
    // Row 2 has spend NaN, row 3 frequency −1: the spend is reported; swapped, the frequency.
    expect(at([1, 2, -1, 1], [5, NaN, 4, 6])).toMatchObject({ arg: "monetary", row: 2 });
    expect(at([1, -1, 2, 1], [5, 4, NaN, 6])).toMatchObject({ arg: "frequency", row: 2, got: -1 });
    // A spend of 0 at row 4,097 (the second block's first row) after 4,096 good rows.
    const frequency = Array.from({ length: 5000 }, (_, i) => 1 + (i % 3));
    const monetary = Array.from({ length: 5000 }, (_, i) => (i === 4096 ? 0 : 10 + (i % 7)));
    expect(at(frequency, monetary)).toMatchObject({ arg: "monetary", row: 4097, got: 0 });
    frequency[4999] = Infinity;
    monetary[4096] = 12;
    expect(at(frequency, monetary)).toMatchObject({ arg: "frequency", row: 5000 });
  });

  it("a read that throws leaves nothing behind for the next (the bins' shared directory is cleared)", () => {
    // The same values first in a summary that fails at its last row, then alone.
    expect(() => spendData({ frequency: [1, 2, 3, 1], monetary: [7, 11, 13, -1] })).toThrow();
    const d = spendData({ frequency: [3, 2, 1], monetary: [13, 11, 7] });
    expect(Array.from(d.centre, (c) => Math.round(c))).toEqual([39, 22, 7]);
    expect([0, 1, 2].map((j) => d.moments[12 * j])).toEqual([1, 1, 1]);
    expect([0, 1, 2].map((j) => d.moments[12 * j + 1] + d.centre[j])).toEqual([39, 22, 7]);
  });

  it("the likelihood of the binned buyers is the per-buyer sum of FH 2013 eq. (1a), weights as repeated rows", () => {
    const theta = [Math.log(6.25), Math.log(3.74), Math.log(15.44)];
    const d = spendData(cdnow);
    expect(spendLogLikelihood(d, theta, null) / directLogLikelihood(cdnow.frequency, cdnow.monetary, 6.25, 3.74, 15.44) - 1).toBeCloseTo(0, 12);
    const w = spendData({ frequency: [1, 3, 2], monetary: [12, 30, 7], weights: [2, 1, 3] });
    const rows = spendData({ frequency: [1, 1, 3, 2, 2, 2], monetary: [12, 12, 30, 7, 7, 7] });
    expect(spendLogLikelihood(w, theta, null)).toBeCloseTo(spendLogLikelihood(rows, theta, null), 10);
  });

  it("value, gradient and Hessian from the bins' moments equal the per-buyer sums (value to 1e-13, gradient to 1e-12, Hessian to 1e-11 relative), for spends spread over 12 octaves and fractional frequencies", () => {
    // 5,000 buyers: z̄ log-normal (σ 1.5, so from about 0.02 to 2,000), x 1 … 8 or a fractional 0.5 … 3;
    // evaluated where γ is far below (0.05) and far above (5,000) most x·z̄, and at CDNOW's optimum.
    const rng = new Mulberry(5);
    const n = 5000;
    const frequency = new Float64Array(n), monetary = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u1 = rng.next(), u2 = rng.next();
      const normal = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      frequency[i] = i % 5 === 0 ? 0.5 + 2.5 * rng.next() : 1 + Math.floor(rng.next() * 8);
      monetary[i] = 20 * Math.exp(1.5 * normal);
    }
    const d = spendData({ frequency, monetary });
    expect(d.centre.length).toBeLessThan(n);
    for (const point of [
      [6.25, 3.74, 15.44],
      [0.8, 12, 0.05],
      [2, 1.5, 5000],
    ]) {
      const theta = point.map(Math.log);
      const g = new Float64Array(3), H = new Float64Array(9);
      const ll = spendLogLikelihoodHessian(d, theta, g, H);
      const ref = perBuyer(frequency, monetary, theta);
      expect(Math.abs(ll / ref.ll - 1)).toBeLessThan(1e-13);
      // Measured: value 1e-14, gradient 1e-9 absolute on entries of 1e4–4e5 (the rounding of sums of
      // 5,000 terms in another order), Hessian 5e-13 relative.
      for (let i = 0; i < 3; i++) expect(Math.abs(g[i] - ref.g[i])).toBeLessThan(1e-12 * Math.max(n, Math.abs(ref.g[i])));
      for (let k = 0; k < 9; k++) expect(Math.abs(H[k] - ref.H[k])).toBeLessThan(1e-11 * Math.max(1, Math.abs(ref.H[k])));
    }
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
  // BFGS to 1e-10 can stop with a gradient near 1e-7 on the flat (p, q) ridge, 1e-6 from the
  // optimum; Newton's method on the per-buyer sums (perBuyer, no bins) from BFGS's estimate then
  // pins the optimum itself, independently of the bins and of the fit's path.
  const check = (frequency: ArrayLike<number>, monetary: ArrayLike<number>, maxIterations: number): void => {
    const fit = gammagamma.fit({ frequency, monetary });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(maxIterations);
    const d = spendData({ frequency, monetary });
    const W = d.totalWeight;
    const f = meanNegativeLogLikelihood((t, g) => spendLogLikelihood(d, t, g), W, 0);
    const ref = minimizeBfgs(f, [Math.log(2), Math.log(3), Math.log(d.meanZ)], { gradientTolerance: 1e-10, maxIterations: 2000 });
    expect(ref.converged).toBe(true);
    const exact = minimizeNewton(
      (t, g, H) => {
        const r = perBuyer(frequency, monetary, Array.from(t));
        r.g.forEach((v, i) => (g[i] = -v / W));
        r.H.forEach((v, k) => (H[k] = -v / W));
        return -r.ll / W;
      },
      ref.x,
      { gradientTolerance: 1e-12 },
    );
    expect(exact.converged).toBe(true);
    const est = [fit.params.p, fit.params.q, fit.params.v];
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(est[i] / Math.exp(exact.x[i]) - 1)).toBeLessThan(1e-8);
      expect(Math.abs(est[i] / Math.exp(ref.x[i]) - 1)).toBeLessThan(1e-5);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-ref.value * W - 1e-8 * W);
  };

  it("on CDNOW: p, q, v within 1e-8 relative of the per-buyer likelihood's optimum (1e-5 of a BFGS run to 1e-10), log-likelihood no worse than BFGS's, in at most 10 Newton iterations", () => {
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
    const fd = observedInformation("gammagamma", ["p", "q", "v"], fit, { gradient: (t, g) => spendLogLikelihood(d, t, g) }, d.totalWeight);
    if (!analytic.ok || !fd.ok) throw new Error("uncertainty unavailable");
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const a = analytic.logCovariance[i][j], b = fd.logCovariance[i][j];
        expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.sqrt(Math.abs(analytic.logCovariance[i][i] * analytic.logCovariance[j][j])));
      }
    }
  });
});
