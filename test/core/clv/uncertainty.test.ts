// Parameter uncertainty (src/core/clv/uncertainty.ts; docs/models/uncertainty.md).
// - BG/NBD, MBG/NBD, Gamma-Gamma on CDNOW against Python lifetimes' `summary` (fixture
//   test/fixtures/lifetimes-se.json, made by test/fixtures/lifetimes-se.py): at lifetimes' own
//   estimates to 1e-6 relative, and our fit's standard errors to 1 %.
// - Pareto/NBD on CDNOW and BG/BB on the donations data (lifetimes has no summary for them):
//   against the Hessian of the total log-likelihood by second differences of the closed-form
//   per-customer likelihood written out below (own ln Γ and 2F1), sharing no code with src/.
// - Degenerate data and fits at a bound give the keyed message in both languages.
// - A seeded coverage check of the 95 % intervals on simulated BG/NBD data.
import * as fs from "fs";
import * as path from "path";
import { bgbb, bgnbd, gammagamma, groupRfm, mbgnbd, paretonbd, toRfmData } from "../../../src/core";
import { countModelUncertainty, bgbbUncertainty, gammaGammaUncertainty, observedInformation, uncertaintyMessage, type ParameterUncertainty, type UncertaintyResult } from "../../../src/core/clv/uncertainty";
import { cdnowSummary, donations } from "./cdnow";
import { noChurn } from "./no-churn";
import { cohort, Mulberry, simulateBgNbd } from "./simulate";

interface LifetimesRecord {
  names: string[];
  params: Record<string, number>;
  se: Record<string, number>;
  lower95: Record<string, number>;
  upper95: Record<string, number>;
  logCovariance: number[][];
}
const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/lifetimes-se.json"), "utf8")) as {
  penalizer: number;
  fits: Record<"bgnbd" | "mbgnbd" | "gammagamma" | "gammagammaPenalized", LifetimesRecord>;
};

const cdnow = cdnowSummary();
const repeat = { frequency: cdnow.frequency, monetary: cdnow.monetary };

function ok(u: UncertaintyResult): ParameterUncertainty {
  if (!u.ok) throw new Error(`uncertainty unavailable: ${u.message}`);
  return u;
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** Our result against a lifetimes record: SEs, bounds and log-covariance to `tol` relative. */
function expectLikeLifetimes(u: ParameterUncertainty, ref: LifetimesRecord, tol: number): void {
  expect(u.names).toEqual(ref.names);
  for (const n of ref.names) {
    expect(relative(u.se[n], ref.se[n])).toBeLessThan(tol);
    expect(relative(u.ci95[n][0], ref.lower95[n])).toBeLessThan(tol);
    expect(relative(u.ci95[n][1], ref.upper95[n])).toBeLessThan(tol);
  }
  // Off the diagonal relative to the diagonal's scale (the correlations).
  ref.names.forEach((_, i) =>
    ref.names.forEach((__, j) => {
      const scale = Math.sqrt(ref.logCovariance[i][i] * ref.logCovariance[j][j]);
      expect(Math.abs(u.logCovariance[i][j] - ref.logCovariance[i][j]) / scale).toBeLessThan(tol);
    }),
  );
}

describe("standard errors on CDNOW against lifetimes' summary", () => {
  it.each(["bgnbd", "mbgnbd"] as const)("%s at lifetimes' estimates to 1e-6, and of our own fit to 1 %", (id) => {
    const ref = fixture.fits[id];
    expectLikeLifetimes(ok(countModelUncertainty(id, cdnow, { params: ref.params })), ref, 1e-6);
    const fit = (id === "bgnbd" ? bgnbd : mbgnbd).fit(cdnow);
    const u = ok(countModelUncertainty(id, cdnow, fit));
    for (const n of ref.names) expect(relative(u.se[n], ref.se[n])).toBeLessThan(0.01);
    // BG/NBD, lifetimes' README: r 0.2426 ± 0.0126, alpha 4.4135 ± 0.3782, a 0.7929 ± 0.1857, b 2.4258 ± 0.7053.
    if (id === "bgnbd") expect([u.se.r, u.se.alpha, u.se.a, u.se.b].map((v) => Number(v.toFixed(4)))).toEqual([0.0126, 0.3782, 0.1857, 0.7053]);
  });

  it("Gamma-Gamma: given the columns the fit was made on, the fit's own spend data gives the errors of a fresh reading", () => {
    const fit = gammagamma.fit(repeat);
    const own = ok(gammaGammaUncertainty(repeat, fit));
    expect(ok(gammaGammaUncertainty({ ...repeat }, fit)).covariance).toEqual(own.covariance);
    expect(ok(gammaGammaUncertainty(repeat, { params: fit.params })).covariance).toEqual(own.covariance);
  });

  it("Gamma-Gamma at lifetimes' estimates to 1e-6, and of our own fit to 1 %", () => {
    const ref = fixture.fits.gammagamma;
    expectLikeLifetimes(ok(gammaGammaUncertainty(repeat, { params: ref.params })), ref, 1e-6);
    const u = ok(gammaGammaUncertainty(repeat, gammagamma.fit(repeat)));
    for (const n of ref.names) expect(relative(u.se[n], ref.se[n])).toBeLessThan(0.01);
  });

  it("grouped histories (groupRfm(toRfmData(data))) give the same result as the summary", () => {
    const fit = { params: fixture.fits.mbgnbd.params };
    const a = ok(countModelUncertainty("mbgnbd", cdnow, fit));
    const b = ok(countModelUncertainty("mbgnbd", groupRfm(toRfmData(cdnow)), fit));
    expect(b.covariance).toEqual(a.covariance);
  });

  it.each(["bgnbd", "mbgnbd", "paretonbd"] as const)("%s: given the summary the fit was made on, the fit's own grouping gives the errors of a fresh grouping", (id) => {
    const model = { bgnbd, mbgnbd, paretonbd }[id];
    const fit = model.fit(cdnow);
    const own = ok(countModelUncertainty(id, cdnow, fit));
    // A copy of the summary is another object: it is grouped afresh, to the same histories.
    const copy = { frequency: [...cdnow.frequency], recency: [...cdnow.recency], T: [...cdnow.T] };
    expect(ok(countModelUncertainty(id, copy, fit)).covariance).toEqual(own.covariance);
    // A fit that only carries the parameters (no grouping remembered) likewise.
    expect(ok(countModelUncertainty(id, cdnow, { params: fit.params })).covariance).toEqual(own.covariance);
  });

  it("a penalised Gamma-Gamma fit includes the penalty's Hessian, as lifetimes does", () => {
    const ref = fixture.fits.gammagammaPenalized;
    const params = ref.params;
    const u = ok(gammaGammaUncertainty(repeat, { params }, { penalizer: fixture.penalizer }));
    expectLikeLifetimes(u, ref, 1e-6);
    expect(u.penalizer).toBe(0.001);
    // Without the penalty's curvature the errors at the same point are larger than lifetimes' (p: 0.39).
    const plain = ok(gammaGammaUncertainty(repeat, { params }));
    expect(plain.se.p).toBeGreaterThan(1.5 * ref.se.p);
    const fit = gammagamma.fit(repeat, { penalizer: fixture.penalizer });
    const own = ok(gammaGammaUncertainty(repeat, fit, { penalizer: fixture.penalizer }));
    for (const n of ref.names) expect(relative(own.se[n], ref.se[n])).toBeLessThan(0.01);
  });

  it("the covariance is D·Cov(ln θ)·D, symmetric, and the intervals are estimate ± 1.96·se and exp(ln θ ± 1.96·se(ln θ))", () => {
    const u = ok(countModelUncertainty("bgnbd", cdnow, { params: fixture.fits.bgnbd.params }));
    const p = u.names.map((n) => u.estimates[n]);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        expect(u.covariance[i][j]).toBeCloseTo(u.logCovariance[i][j] * p[i] * p[j], 15);
        expect(u.covariance[i][j]).toBe(u.covariance[j][i]);
      }
      const n = u.names[i];
      expect(u.se[n]).toBeCloseTo(Math.sqrt(u.covariance[i][i]), 15);
      expect(u.ci95[n][0]).toBeCloseTo(p[i] - 1.96 * u.se[n], 14);
      const seLog = Math.sqrt(u.logCovariance[i][i]);
      expect(u.ci95Log[n][0]).toBeCloseTo(p[i] * Math.exp(-1.96 * seLog), 14);
      expect(u.ci95Log[n][1]).toBeCloseTo(p[i] * Math.exp(1.96 * seLog), 14);
    }
  });
});

// ---- An independent likelihood: ln Γ (Lanczos, g = 7, n = 9), 2F1 by its series, Hessians by second differences.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}
const lnB = (a: number, b: number): number => lnGamma(a) + lnGamma(b) - lnGamma(a + b);
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1, sum = 1;
  for (let k = 0; k < 10_000; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) return sum;
  }
  throw new Error("2F1 series did not converge");
}

/** Pareto/NBD ln L of one customer, Fader & Hardie (2005) note 009 eq. (18)–(20). */
function paretoLnL(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const [hi, b2] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const d = Math.abs(alpha - beta);
  const a0 = hyp2f1(r + s + x, b2, r + s + x + 1, d / (hi + tx)) / Math.pow(hi + tx, r + s + x) - hyp2f1(r + s + x, b2, r + s + x + 1, d / (hi + T)) / Math.pow(hi + T, r + s + x);
  const head = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  return head + Math.log(1 / (Math.pow(alpha + T, r + x) * Math.pow(beta + T, s)) + (s / (r + s + x)) * a0);
}

/** BG/BB ln L of one history, Fader, Hardie & Shang (2010) eq. (5). */
function bgbbLnL(al: number, be: number, ga: number, de: number, x: number, tx: number, n: number): number {
  let L = Math.exp(lnB(al + x, be + n - x) - lnB(al, be) + lnB(ga, de + n) - lnB(ga, de));
  for (let i = 0; i <= n - tx - 1; i++) L += Math.exp(lnB(al + x, be + tx - x + i) - lnB(al, be) + lnB(ga + 1, de + tx + i) - lnB(ga, de));
  return Math.log(L);
}

/**
 * −∂²f/∂θ_i∂θ_j by second differences of f at θ, Richardson-extrapolated from steps h and 2h
 * ((4·D(h) − D(2h))/3 cancels the h² error, so a step large enough to keep the rounding of a sum
 * over thousands of customers small is still accurate); then Cov(ln θ) = H⁻¹ (Gauss–Jordan) and
 * se = θ·sqrt(diag).
 */
function independentSe(f: (theta: number[]) => number, theta: number[], h: number): number[] {
  const k = theta.length;
  const at = (d: Record<number, number>): number => f(theta.map((v, i) => v + (d[i] ?? 0)));
  const f0 = at({});
  const second = (i: number, j: number, e: number): number =>
    i === j ? -(at({ [i]: e }) - 2 * f0 + at({ [i]: -e })) / (e * e) : -(at({ [i]: e, [j]: e }) - at({ [i]: e, [j]: -e }) - at({ [i]: -e, [j]: e }) + at({ [i]: -e, [j]: -e })) / (4 * e * e);
  const H = theta.map((_, i) => theta.map((__, j) => (4 * second(i, j, h) - second(i, j, 2 * h)) / 3));
  const A = H.map((row, i) => [...row, ...theta.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < k; c++) {
    const piv = A[c][c];
    for (let j = 0; j < 2 * k; j++) A[c][j] /= piv;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const m = A[r][c];
      for (let j = 0; j < 2 * k; j++) A[r][j] -= m * A[c][j];
    }
  }
  return theta.map((t, i) => Math.exp(t) * Math.sqrt(A[i][k + i]));
}

describe("standard errors against an independent Hessian of the closed-form likelihood", () => {
  it("Pareto/NBD on CDNOW (lifetimes has no summary for it): within 1e-5", () => {
    const fit = paretonbd.fit(cdnow);
    const u = ok(countModelUncertainty("paretonbd", cdnow, fit));
    const total = (th: number[]): number => {
      const [r, alpha, s, beta] = th.map(Math.exp);
      let ll = 0;
      for (let i = 0; i < cdnow.T.length; i++) ll += paretoLnL(r, alpha, s, beta, cdnow.frequency[i], cdnow.recency[i], cdnow.T[i]);
      return ll;
    };
    const { r, alpha, s, beta } = fit.params;
    const se = independentSe(total, [r, alpha, s, beta].map(Math.log), 8e-3);
    // They agree to 5e-7 (the second differences' rounding at this step).
    u.names.forEach((n, i) => expect(relative(u.se[n], se[i])).toBeLessThan(1e-5));
    // The figures (CDNOW, weeks): r 0.553 ± 0.0476, alpha 10.58 ± 0.843, s 0.606 ± 0.187, beta 11.67 ± 6.21:
    // the death rate's scale is barely pinned down by 39 weeks of data.
    expect([u.se.r, u.se.alpha, u.se.s, u.se.beta].map((v) => Number(v.toPrecision(3)))).toEqual([0.0476, 0.843, 0.187, 6.21]);
  });

  it("BG/BB on the donations data: within 1e-6", () => {
    const data = donations();
    const fit = bgbb.fit(data);
    const u = ok(bgbbUncertainty(data, fit));
    const total = (th: number[]): number => {
      const [al, be, ga, de] = th.map(Math.exp);
      let ll = 0;
      for (let i = 0; i < data.frequency.length; i++) ll += data.weights[i] * bgbbLnL(al, be, ga, de, data.frequency[i], data.recency[i], data.periods[i]);
      return ll;
    };
    const { alpha, beta, gamma, delta } = fit.params;
    const se = independentSe(total, [alpha, beta, gamma, delta].map(Math.log), 4e-3);
    u.names.forEach((n, i) => expect(relative(u.se[n], se[i])).toBeLessThan(1e-6));
    // FHS 2010's estimates with their errors: alpha 1.204 ± 0.0694, beta 0.750 ± 0.0294, gamma 0.657 ± 0.0510, delta 2.783 ± 0.321.
    expect([u.se.alpha, u.se.beta, u.se.gamma, u.se.delta].map((v) => Number(v.toPrecision(3)))).toEqual([0.0694, 0.0294, 0.051, 0.321]);
  });

  it("BG/BB with a penalty: its curvature, of W · λ · Σ φ² with W the donors' total weight, is added", () => {
    const data = donations();
    const fit = bgbb.fit(data);
    const lambda = 0.01;
    const u = ok(bgbbUncertainty(data, fit, { penalizer: lambda }));
    expect(u).toMatchObject({ model: "bgbb", penalizer: lambda });
    let W = 0;
    for (const w of data.weights) W += w;
    expect(W).toBe(11_104);
    const total = (th: number[]): number => {
      const [al, be, ga, de] = th.map(Math.exp);
      let ll = 0;
      for (let i = 0; i < data.frequency.length; i++) ll += data.weights[i] * bgbbLnL(al, be, ga, de, data.frequency[i], data.recency[i], data.periods[i]);
      return ll - W * lambda * (al * al + be * be + ga * ga + de * de);
    };
    const { alpha, beta, gamma, delta } = fit.params;
    const se = independentSe(total, [alpha, beta, gamma, delta].map(Math.log), 4e-3);
    u.names.forEach((n, i) => expect(relative(u.se[n], se[i])).toBeLessThan(1e-6));
    // The penalty's curvature (444 · φ² on each diagonal) narrows every interval: delta's 0.321 to about a third.
    expect(u.se.delta).toBeLessThan(0.4 * 0.321);
  });
});

describe("when the uncertainty cannot be computed", () => {
  const both = (u: UncertaintyResult): [string, string] => [uncertaintyMessage(u, "en-US"), uncertaintyMessage(u, "zh-CN")];

  it("every customer with the same history: keyed, in both languages, no numbers", () => {
    const same = { frequency: [2, 2, 2, 2], recency: [10, 10, 10, 10], T: [30, 30, 30, 30] };
    for (const id of ["bgnbd", "mbgnbd", "paretonbd"] as const) {
      const u = countModelUncertainty(id, same, { params: id === "paretonbd" ? { r: 1, alpha: 1, s: 1, beta: 1 } : { r: 1, alpha: 1, a: 1, b: 1 } });
      expect(u).toMatchObject({ ok: false, messageKey: "uncertainty.sameHistory" });
      expect(u).not.toHaveProperty("se");
      const [en, zh] = both(u);
      expect(en).toMatch(/^uncertainty cannot be computed because every customer has the same history/);
      expect(zh).toMatch(/^无法计算不确定性，因为所有客户的购买历史都相同/);
    }
  });

  it("a BG/NBD fit that ran to its boundary (nobody drops out) names the parameters", () => {
    const data = noChurn(300, 5);
    const fit = bgnbd.fit(data);
    expect(fit.messageKey).toMatch(/^fit\.(ridge|boundary)/);
    const u = countModelUncertainty("bgnbd", data, fit);
    expect(u).toMatchObject({ ok: false, messageKey: "uncertainty.atBound" });
    const [en, zh] = both(u);
    expect(en).toContain("uncertainty cannot be computed because the fit ran to a boundary (");
    expect(en).toContain(String(fit.messageParams?.limits));
    expect(zh).toContain("无法计算不确定性，因为拟合到达了边界");
  });

  it("a fit that did not converge", () => {
    const fit = bgnbd.fit(cdnow, { maxIterations: 2 });
    expect(fit.converged).toBe(false);
    const u = countModelUncertainty("bgnbd", cdnow, fit);
    expect(u).toMatchObject({ ok: false, messageKey: "uncertainty.notConverged" });
    expect(both(u)[1]).toContain("拟合未收敛");
  });

  it("a likelihood flat along a direction: not positive definite, naming where the factor failed", () => {
    // ln L = −(θ0 + θ1)² (and −θ2²): the sum is pinned down, θ0 and θ1 apart are not.
    const ll = (th: ArrayLike<number>, g: Float64Array): number => {
      g[0] = g[1] = -2 * (th[0] + th[1]);
      g[2] = -2 * th[2];
      return -((th[0] + th[1]) ** 2) - th[2] ** 2;
    };
    const u = observedInformation("gammagamma", ["p", "q", "v"], { params: { p: 1, q: 1, v: 1 } }, { gradient: ll }, 100);
    expect(u).toMatchObject({ ok: false, messageKey: "uncertainty.flat", messageParams: { param: "q" } });
    expect(both(u)[0]).toContain("flat at the estimate in q");
    expect(both(u)[1]).toContain("沿 q 方向是平的");
    // A maximum is required: at a minimum (curvature negative) the same message, at the first parameter.
    const min = observedInformation("gammagamma", ["p", "q", "v"], { params: { p: 1, q: 1, v: 1 } }, {
      gradient: (th, g) => {
        for (let i = 0; i < 3; i++) g[i] = 2 * th[i];
        return th[0] ** 2 + th[1] ** 2 + th[2] ** 2;
      },
    }, 100);
    expect(min).toMatchObject({ ok: false, messageKey: "uncertainty.flat", messageParams: { param: "p" } });
  });

  it("forward differences (Pareto/NBD's): k + 1 gradients, exact on a quadratic log-likelihood", () => {
    // ln L = −(θ0² + θ0 θ1 + 2 θ1²): H = [[2, 1], [1, 4]], H⁻¹ = [[4, −1], [−1, 2]] / 7 (hand-worked); at φ = 1, se = √(4/7), √(2/7).
    let calls = 0;
    const ll = (th: ArrayLike<number>, g: Float64Array): number => {
      calls++;
      g[0] = -(2 * th[0] + th[1]);
      g[1] = -(th[0] + 4 * th[1]);
      return -(th[0] ** 2 + th[0] * th[1] + 2 * th[1] ** 2);
    };
    const u = ok(observedInformation("paretonbd", ["r", "alpha"], { params: { r: 1, alpha: 1 } }, { gradient: ll, differences: "forward" }, 100));
    expect(calls).toBe(3);
    expect(u.logCovariance[0][0]).toBeCloseTo(4 / 7, 8);
    expect(u.logCovariance[0][1]).toBeCloseTo(-1 / 7, 8);
    expect(u.se.alpha).toBeCloseTo(Math.sqrt(2 / 7), 8);
  });

  it("nobody repeats", () => {
    const u = countModelUncertainty("paretonbd", { frequency: [0, 0], recency: [0, 0], T: [5, 9] }, { params: { r: 1, alpha: 1, s: 1, beta: 1 } });
    expect(u).toMatchObject({ ok: false, messageKey: "uncertainty.nobodyRepeats" });
  });
});

describe("coverage of the 95 % intervals on simulated BG/NBD data", () => {
  // 30 seeded data sets of 2,000 customers from CDNOW-like parameters, T uniform in 27–39 weeks.
  // For each parameter the count of sets whose interval holds the truth is Binomial(30, 0.95) if
  // the intervals are right: P(≤ 23) = 0.0006, so ≥ 24 is asserted. That the intervals are not
  // too wide: the mean se(ln θ) is within 0.7–1.45 of the spread of ln θ̂ over the 30 sets (the
  // sample SD of 30 values is within ±30 % of the true SD with probability ≈ 0.998).
  it("contains the truth in 24 or more of 30 sets for every parameter", () => {
    const truth = { r: 0.25, alpha: 4.5, a: 0.8, b: 2.5 };
    const names = ["r", "alpha", "a", "b"] as const;
    const hits = [0, 0, 0, 0];
    const logs: number[][] = [[], [], [], []];
    const seLog: number[][] = [[], [], [], []];
    for (let set = 0; set < 30; set++) {
      const rng = new Mulberry(1000 + set);
      const data = simulateBgNbd(rng, truth, cohort(rng, 2000, 27, 39, 1 / 7));
      const fit = bgnbd.fit(data);
      const u = ok(countModelUncertainty("bgnbd", data, fit));
      names.forEach((n, i) => {
        if (u.ci95[n][0] <= truth[n] && truth[n] <= u.ci95[n][1]) hits[i]++;
        logs[i].push(Math.log(u.estimates[n]));
        seLog[i].push(Math.sqrt(u.logCovariance[i][i]));
      });
    }
    for (let i = 0; i < 4; i++) {
      expect(hits[i]).toBeGreaterThanOrEqual(24);
      const mean = logs[i].reduce((s, v) => s + v, 0) / 30;
      const sd = Math.sqrt(logs[i].reduce((s, v) => s + (v - mean) ** 2, 0) / 29);
      const meanSe = seLog[i].reduce((s, v) => s + v, 0) / 30;
      expect(meanSe / sd).toBeGreaterThan(0.7);
      expect(meanSe / sd).toBeLessThan(1.45);
    }
  });
});
