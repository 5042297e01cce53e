// Newton's method with the analytic Hessian (src/core/math/optimize.ts minimizeNewton,
// src/core/clv/bgnbd-hessian.ts) and the grouping of histories it runs on (grouping.ts).
import { bgnbd, groupRfm, toRfmData } from "../../../src/core";
import { betaGeoLogLikelihood } from "../../../src/core/clv/bgnbd";
import { betaGeoLogLikelihoodHessian } from "../../../src/core/clv/bgnbd-hessian";
import { meanNegativeLogLikelihood } from "../../../src/core/clv/fitting";
import { minimizeBfgs, minimizeNewton } from "../../../src/core/math/optimize";
import { trigamma } from "../../../src/core/math/trigamma";
import { countModelUncertainty, observedInformation } from "../../../src/core/clv/uncertainty";
import { cdnowSummary } from "./cdnow";
import { cohort, Mulberry, simulateBgNbd } from "./simulate";
import { rosenbrock } from "../../support/rosenbrock";

const cdnow = cdnowSummary();
const grouped = groupRfm(toRfmData(cdnow));

describe("trigamma", () => {
  it("matches closed forms: ψ₁(1) = π²/6, ψ₁(1/2) = π²/2, ψ₁(n+1) = π²/6 − Σ_{k≤n} 1/k², to 1e-14 relative", () => {
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 14);
    expect(Math.abs(trigamma(0.5) / (Math.PI ** 2 / 2) - 1)).toBeLessThan(1e-14);
    let s = Math.PI ** 2 / 6;
    for (let k = 1; k <= 30; k++) {
      s -= 1 / (k * k);
      expect(Math.abs(trigamma(k + 1) / s - 1)).toBeLessThan(1e-13);
    }
    expect(trigamma(0)).toBeNaN();
  });
});

describe("the analytic Hessian of the BG/NBD and MBG/NBD log-likelihood", () => {
  // CDNOW's published BG/NBD estimates (FHL 2005) and a point away from them.
  const points = [
    [0.2426, 4.4137, 0.793, 2.4262],
    [1.3, 0.7, 2.5, 0.4],
  ].map((p) => p.map(Math.log));
  for (const modified of [false, true]) {
    for (const theta of points) {
      it(`${modified ? "MBG/NBD" : "BG/NBD"} at ${theta.map((t) => Math.exp(t)).join(", ")}: value and gradient as the likelihood's, Hessian as central differences of its gradient to 1e-6`, () => {
        const g = new Float64Array(4), H = new Float64Array(16), g0 = new Float64Array(4);
        const v = betaGeoLogLikelihoodHessian(grouped, theta, g, H, modified);
        expect(v).toBeCloseTo(betaGeoLogLikelihood(grouped, theta, g0, modified), 9);
        for (let i = 0; i < 4; i++) expect(g[i]).toBeCloseTo(g0[i], 8);
        const h = 1e-5, gp = new Float64Array(4), gm = new Float64Array(4);
        for (let j = 0; j < 4; j++) {
          const tp = [...theta], tm = [...theta];
          tp[j] += h;
          tm[j] -= h;
          betaGeoLogLikelihood(grouped, tp, gp, modified);
          betaGeoLogLikelihood(grouped, tm, gm, modified);
          for (let i = 0; i < 4; i++) {
            const fd = (gp[i] - gm[i]) / (2 * h);
            expect(Math.abs(H[4 * i + j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
            expect(H[4 * i + j]).toBe(H[4 * j + i]);
          }
        }
      });
    }
  }
});

describe("minimizeNewton", () => {
  it("minimises Rosenbrock's function from (−1.2, 1) to (1, 1), shifting the Hessian where it is indefinite", () => {
    const r = minimizeNewton(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.iterations).toBeLessThan(40);
  });

  it("on a concave function (Hessian negative definite everywhere) still descends, to the bound", () => {
    const r = minimizeNewton((x, g, H) => {
      g[0] = -2 * x[0];
      H[0] = -2;
      return -x[0] * x[0];
    }, [0.5], { bound: 10 });
    expect(r.reason).toBe("boundary");
    expect(r.x[0]).toBe(10);
  });
});

describe("Newton's optimum against the BFGS optimum on the same likelihood", () => {
  for (const modified of [false, true]) {
    it(`${modified ? "MBG/NBD" : "BG/NBD"} on CDNOW: the fit (Newton) and BFGS from the same start agree to 1e-7 relative; the fit's log-likelihood is no worse than BFGS's by more than 1e-9`, () => {
      const fit = (modified ? bgnbd.fitBetaGeo(cdnow, {}, true) : bgnbd.fit(cdnow));
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeLessThan(15);
      const f = meanNegativeLogLikelihood((t, g) => betaGeoLogLikelihood(grouped, t, g, modified), grouped.totalWeight, 0);
      const rate = cdnow.frequency.reduce((a, b) => a + b, 0) / cdnow.T.reduce((a, b) => a + b, 0);
      const ref = minimizeBfgs(f, [0, Math.log(1 / rate), 0, Math.log(2)], { gradientTolerance: 1e-10 });
      expect(ref.converged).toBe(true);
      const est = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
      for (let i = 0; i < 4; i++) expect(Math.abs(est[i] / Math.exp(ref.x[i]) - 1)).toBeLessThan(1e-7);
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(-ref.value * grouped.totalWeight - 1e-9);
    });
  }

  it("BG/NBD on 20,000 simulated customers with whole-day recencies: the same optimum as BFGS (1e-6, the flat direction of 20,000 customers) and a log-likelihood no worse, in at most 10 Newton iterations", () => {
    const rng = new Mulberry(17);
    const sim = simulateBgNbd(rng, { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 }, cohort(rng, 20_000, 1, 52, 1 / 7));
    const day = (v: number): number => Math.round(v * 7) / 7;
    const data = { frequency: sim.frequency, recency: sim.recency.map(day), T: sim.T };
    const fit = bgnbd.fit(data);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(10);
    const g = groupRfm(toRfmData(data));
    const f = meanNegativeLogLikelihood((t, gr) => betaGeoLogLikelihood(g, t, gr, false), g.totalWeight, 0);
    const ref = minimizeBfgs(f, [0, 0, 0, 0], { gradientTolerance: 1e-10 });
    const est = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    for (let i = 0; i < 4; i++) expect(Math.abs(est[i] / Math.exp(ref.x[i]) - 1)).toBeLessThan(1e-6);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-ref.value * g.totalWeight - 1e-8);
  });
});

describe("groupRfm", () => {
  it("groups as a plain map of the (x, t_x, T) strings does: the same groups in order of first appearance, weights, −0 as 0, and the distinct values", () => {
    const rng = new Mulberry(5);
    const n = 5000;
    const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n), weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 1 + Math.floor(rng.next() * 40) / 7;
      frequency[i] = rng.next() < 0.5 ? 0 : 1 + Math.floor(rng.next() * 6);
      recency[i] = frequency[i] === 0 ? (i % 7 === 0 ? -0 : 0) : Math.floor(rng.next() * T[i] * 7) / 7;
      weights[i] = 1 + (i % 3);
    }
    const g = groupRfm(toRfmData({ frequency, recency, T, weights }));
    const seen = new Map<string, number>();
    const w: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = `${frequency[i]}|${recency[i] + 0}|${T[i]}`;
      let k = seen.get(key);
      if (k === undefined) {
        k = seen.size;
        seen.set(key, k);
        w.push(0);
      }
      w[k] += weights[i];
      expect(g.groupOf[i]).toBe(k);
    }
    expect(g.size).toBe(seen.size);
    expect(Array.from(g.w)).toEqual(w);
    expect(g.totalWeight).toBe(w.reduce((a, b) => a + b, 0));
    for (let k = 0; k < g.size; k++) {
      expect(g.distinctX[g.xIndex[k]]).toBe(g.x[k]);
      expect(g.distinctTimes[g.txIndex[k]]).toBe(g.tx[k]);
      expect(g.distinctTimes[g.TIndex[k]]).toBe(g.T[k]);
      expect(`${g.x[k]}|${g.tx[k]}|${g.T[k]}`).toBe([...seen.keys()][k]);
    }
    expect(new Set(g.distinctTimes).size).toBe(g.distinctTimes.length);
    for (let j = 0; j < g.distinctX.length; j++) {
      let s = 0;
      for (let k = 0; k < g.size; k++) if (g.xIndex[k] === j) s += g.w[k];
      expect(g.weightOfX[j]).toBe(s);
    }
  });
});

describe("standard errors from the analytic Hessian", () => {
  for (const id of ["bgnbd", "mbgnbd"] as const) {
    it(`${id} on CDNOW: the same covariance as central differences of the gradient (the former way), to 1e-6 relative`, () => {
      const modified = id === "mbgnbd";
      const fit = bgnbd.fitBetaGeo(cdnow, {}, modified);
      const analytic = countModelUncertainty(id, grouped, fit);
      const names = ["r", "alpha", "a", "b"];
      const fd = observedInformation(id, names, fit, { gradient: (t, g) => betaGeoLogLikelihood(grouped, t, g, modified) }, grouped.totalWeight);
      if (!analytic.ok || !fd.ok) throw new Error("uncertainty unavailable");
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          const a = analytic.logCovariance[i][j], b = fd.logCovariance[i][j];
          expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.sqrt(Math.abs(analytic.logCovariance[i][i] * analytic.logCovariance[j][j])));
        }
      }
    });
  }
});
