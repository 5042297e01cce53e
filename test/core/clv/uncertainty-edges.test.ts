// Parameter uncertainty at its edges (src/core/clv/uncertainty.ts; docs/models/uncertainty.md):
// the arithmetic of observedInformation on log-likelihoods whose Hessian is worked by hand
// (quadratics in θ = ln φ), the refusals with their keys, and which curvature each model uses.
// The standard errors of the real models against lifetimes and an independent Hessian are in
// uncertainty.test.ts.
import * as paretonbdModule from "../../../src/core/clv/paretonbd";
import { paretonbd } from "../../../src/core";
import { countModelUncertainty, gammaGammaUncertainty, observedInformation, uncertaintyMessage, type Curvature, type ParameterUncertainty, type UncertaintyResult } from "../../../src/core/clv/uncertainty";
import { CvaError } from "../../../src/core/errors";
import { cdnowSummary } from "./cdnow";

const cdnow = cdnowSummary();

function ok(u: UncertaintyResult): ParameterUncertainty {
  if (!u.ok) throw new Error(`uncertainty unavailable: ${u.message}`);
  return u;
}

/** The curvature of ln L = −½ θᵀ H θ around 0, handed over as its Hessian (−H). */
function quadratic(H: number[][]): Curvature {
  const k = H.length;
  return {
    hessian: (_theta, grad, hess) => {
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) hess[i * k + j] = -H[i][j];
      grad.fill(0);
      return 0;
    },
  };
}

const ones = (names: string[]): { params: Record<string, number> } => ({ params: Object.fromEntries(names.map((n) => [n, 1])) });

describe("the arithmetic, on Hessians worked by hand", () => {
  it("H = [[2, 1], [1, 4]] at φ = (1, 1): Cov(ln φ) = H⁻¹ = [[4, −1], [−1, 2]] / 7, a 2 × 2 matrix", () => {
    const u = ok(observedInformation("gammagamma", ["p", "q"], ones(["p", "q"]), quadratic([[2, 1], [1, 4]]), 100));
    expect(u.logCovariance).toHaveLength(2);
    for (const row of [...u.logCovariance, ...u.covariance]) expect(row).toHaveLength(2);
    const want = [[4 / 7, -1 / 7], [-1 / 7, 2 / 7]];
    want.forEach((row, i) => row.forEach((v, j) => expect(u.logCovariance[i][j]).toBeCloseTo(v, 14)));
    expect(u.model).toBe("gammagamma");
    expect(uncertaintyMessage(u, "en-US")).toBe("");
    expect(uncertaintyMessage(u, "zh-CN")).toBe("");
  });

  it("central differences (the default for a gradient): 2k gradients, exact on a quadratic log-likelihood", () => {
    // ln L = −(θ0² + θ0 θ1 + 2 θ1²), H = [[2, 1], [1, 4]] as above.
    let calls = 0;
    const gradient = (th: ArrayLike<number>, g: Float64Array): number => {
      calls++;
      g[0] = -(2 * th[0] + th[1]);
      g[1] = -(th[0] + 4 * th[1]);
      return -(th[0] ** 2 + th[0] * th[1] + 2 * th[1] ** 2);
    };
    const u = ok(observedInformation("bgbb", ["alpha", "beta"], ones(["alpha", "beta"]), { gradient }, 100));
    expect(calls).toBe(4);
    expect(u.logCovariance[0][0]).toBeCloseTo(4 / 7, 8);
    expect(u.logCovariance[1][1]).toBeCloseTo(2 / 7, 8);
  });

  it("a Hessian a little off symmetric (as differences give it) is averaged with its transpose", () => {
    // [[2, 0], [2, 4]] averages to [[2, 1], [1, 4]]; its lower triangle alone would be [[2, 2], [2, 4]], H⁻¹ = [[1, −½], [−½, ½]].
    const u = ok(observedInformation("gammagamma", ["p", "q"], ones(["p", "q"]), quadratic([[2, 0], [2, 4]]), 100));
    expect(u.logCovariance[0][0]).toBeCloseTo(4 / 7, 14);
    expect(u.logCovariance[1][0]).toBeCloseTo(-1 / 7, 14);
  });

  it("the estimates' scale does not decide what is flat: a correlation of 1 − 1e-12 is flat at any scale, a curvature of 9e-6 is not", () => {
    // At 1e6: C = [[1, ρ], [ρ, 1]] with ρ = 1 − 1e-12, pivot 1 − ρ² ≈ 2e-12 < 1e-10. Unscaled the pivot would be 2e-6 · 1e6.
    const rho = 1 - 1e-12;
    const steep = observedInformation("gammagamma", ["p", "q"], ones(["p", "q"]), quadratic([[1e6, 1e6 * rho], [1e6 * rho, 1e6]]), 100);
    expect(steep).toMatchObject({ ok: false, messageKey: "uncertainty.flat", messageParams: { param: "q" } });
    // H = 9e-6 · [[1, ½], [½, 1]]: H⁻¹ = [[1, −½], [−½, 1]] / (9e-6 · ¾), so se(ln φ) = √148,148.1 = 384.9 (at φ = e^−100,
    // so that e^{ln φ + 1.96 · 384.9} stays finite). Unscaled the first pivot would be (9e-6)² = 8.1e-11, below the bound.
    const phi = Math.exp(-100);
    const shallow = ok(observedInformation("gammagamma", ["p", "q"], { params: { p: phi, q: phi } }, quadratic([[9e-6, 4.5e-6], [4.5e-6, 9e-6]]), 100));
    expect(shallow.logCovariance[0][0] * 9e-6 * 0.75).toBeCloseTo(1, 12);
    expect(shallow.logCovariance[0][1] * 9e-6 * 0.75).toBeCloseTo(-0.5, 12);
    expect(shallow.se.p / phi).toBeCloseTo(Math.sqrt(1 / 6.75e-6), 6);
  });

  it("a zero or negative curvature is flat at the first parameter that has it", () => {
    for (const [diag, param] of [[[1, 0, 1], "q"], [[1, 1, -1], "v"], [[0, -1, 1], "p"]] as const) {
      const H = diag.map((d, i) => diag.map((_, j) => (i === j ? d : 0)));
      expect(observedInformation("gammagamma", ["p", "q", "v"], ones(["p", "q", "v"]), quadratic(H), 100)).toMatchObject({ ok: false, messageKey: "uncertainty.flat", messageParams: { param } });
    }
  });

  it("the penalty's curvature is W · λ · 4φ² on the diagonal", () => {
    // φ = (2, 1), H = I, W = 10, λ = 0.05: + 2·4·4 = 8 and 2·4·1 = 2, so Cov(ln φ) = diag(1/9, 1/3).
    const u = ok(observedInformation("gammagamma", ["p", "q"], { params: { p: 2, q: 1 } }, quadratic([[1, 0], [0, 1]]), 10, { penalizer: 0.05 }));
    expect(u.logCovariance[0][0]).toBeCloseTo(1 / 9, 14);
    expect(u.logCovariance[1][1]).toBeCloseTo(1 / 3, 14);
    expect(u.se.p).toBeCloseTo(2 / 3, 14);
  });

  it("the time it took is the call's own", () => {
    const before = performance.now();
    const u = ok(observedInformation("gammagamma", ["p"], ones(["p"]), quadratic([[1]]), 1));
    const spent = performance.now() - before;
    expect(u.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(u.elapsedMs).toBeLessThanOrEqual(spent);
  });
});

describe("no numbers rather than infinite ones", () => {
  const notFinite = { ok: false, messageKey: "uncertainty.notFinite" };

  it("a gradient that is not finite", () => {
    const gradient = (th: ArrayLike<number>, g: Float64Array): number => {
      g[0] = -th[0];
      g[1] = Number.NaN;
      return 0;
    };
    expect(observedInformation("gammagamma", ["p", "q"], ones(["p", "q"]), { gradient }, 1)).toMatchObject(notFinite);
  });

  it("an upper log-bound past the largest double: φ = 1e150 with se(ln φ) = 200 (H = 1/40,000)", () => {
    // e^{345.4 + 1.96·200} overflows; the covariance, (200 · 1e150)² = 4e304, does not, nor would e^{345.4 + 1.96/200} or e^{345.4 − 1.96·200}.
    const u = observedInformation("gammagamma", ["p"], { params: { p: 1e150 } }, quadratic([[1 / 40_000]]), 1);
    expect(u).toMatchObject(notFinite);
    expect(u).not.toHaveProperty("se");
    // With se(ln φ) = 150 the bound is e^{345.4 + 294} = 1e150 · e^294: finite, so the numbers are given.
    const wide = ok(observedInformation("gammagamma", ["p"], { params: { p: 1e150 } }, quadratic([[1 / 22_500]]), 1));
    expect(wide.ci95Log.p[1] / (1e150 * Math.exp(294))).toBeCloseTo(1, 12);
    expect(wide.se.p / 1.5e152).toBeCloseTo(1, 12);
  });

  it("a covariance past the largest double: estimates of 1e200 with se(ln φ) = 1 (Cov = 1e400)", () => {
    expect(observedInformation("gammagamma", ["p", "q"], { params: { p: 1e200, q: 1 } }, quadratic([[1, 0], [0, 1]]), 1)).toMatchObject(notFinite);
    // Estimates of 1e160 with Cov(ln φ) = 1e-30: 1e-30 · 1e160 · 1e160 = 1e290 is finite, though 1e160 · 1e160 alone is not.
    const tight = ok(observedInformation("gammagamma", ["p", "q"], { params: { p: 1e160, q: 1e160 } }, quadratic([[1e30, 0], [0, 1e30]]), 1));
    expect(tight.covariance[0][0] / 1e290).toBeCloseTo(1, 12);
    expect(tight.covariance[1][0]).toBe(0);
  });
});

describe("refusals, keyed", () => {
  it("a fit at a boundary, whatever the key's kind, and without the limits", () => {
    for (const messageKey of ["fit.boundary.one", "fit.boundary.many", "fit.ridge.one", "fit.ridge.many"] as const) {
      const u = observedInformation("bgnbd", ["r"], { params: { r: 1 }, messageKey }, quadratic([[1]]), 1);
      expect(u).toMatchObject({ ok: false, messageKey: "uncertainty.atBound", messageParams: { limits: "" } });
    }
    // A fit that converged with a note of a weak fit is not at a bound.
    expect(observedInformation("bgnbd", ["r"], { params: { r: 1 }, messageKey: "fit.weak.one" }, quadratic([[1]]), 1).ok).toBe(true);
  });

  it("no customer weight at all is the fit's own error, not a reason of the uncertainty", () => {
    const data = { frequency: [1, 2], recency: [3, 4], T: [5, 6], weights: [0, 0] };
    let thrown: unknown = null;
    try {
      countModelUncertainty("bgnbd", data, { params: { r: 1, alpha: 1, a: 1, b: 1 } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CvaError);
    expect((thrown as CvaError).key).toBe("fit.noCustomerWeight");
  });
});

describe("which curvature each model uses", () => {
  it("Pareto/NBD: forward differences of its gradient, k + 1 = 5 likelihood passes", () => {
    const fit = paretonbd.fit(cdnow);
    const spy = jest.spyOn(paretonbdModule, "paretoLogLikelihood");
    try {
      const u = ok(countModelUncertainty("paretonbd", cdnow, fit));
      expect(spy).toHaveBeenCalledTimes(5);
      expect(u.model).toBe("paretonbd");
    } finally {
      spy.mockRestore();
    }
  });

  it("Gamma-Gamma: its analytic Hessian, named as the model", () => {
    const u = ok(gammaGammaUncertainty({ frequency: cdnow.frequency, monetary: cdnow.monetary }, { params: { p: 6.25, q: 3.74, v: 15.44 } }));
    expect(u.model).toBe("gammagamma");
    expect(u.names).toEqual(["p", "q", "v"]);
  });
});
