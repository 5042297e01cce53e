// The frequency-only terms of the BG/NBD and MBG/NBD log-likelihood summed by recurrences over
// j = 0 … max x (src/core/clv/bgnbd-frequency.ts) against the special functions they replace.
import { groupRfm, toRfmData } from "../../../src/core";
import { frequencySums, RECURRENCE_SPAN } from "../../../src/core/clv/bgnbd-frequency";
import { logGamma } from "../../../src/core/math/special";
import { betaGeoLogLikelihood } from "../../../src/core/clv/bgnbd";
import { betaGeoLogLikelihoodHessian } from "../../../src/core/clv/bgnbd-hessian";
import { cdnowSummary } from "./cdnow";

const grouped = groupRfm(toRfmData(cdnowSummary()));
const sums = (r: number, a: number, b: number, k: number, xs: Float64Array, ws: Float64Array, recurrence: boolean): Float64Array => {
  const out = new Float64Array(7);
  frequencySums(r, a, b, k, xs, ws, out, recurrence);
  return out;
};

describe("frequencySums", () => {
  it("by hand: x ∈ {0, 1, 2} with weights 3, 2, 1 at r = 0.5, a = 2, b = 3 (BG/NBD)", () => {
    const out = sums(0.5, 2, 3, 0, Float64Array.of(0, 1, 2), Float64Array.of(3, 2, 1), true);
    // Σ w (ln Γ(r+x) − ln Γ(r)) = 2 ln 0.5 + (ln 0.5 + ln 1.5);
    // Σ w (ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x) + ln Γ(a+b)) = 2 ln(3/5) + (ln(3/5) + ln(4/6)).
    const ll = 3 * Math.log(0.5) + Math.log(1.5) + 3 * Math.log(3 / 5) + Math.log(4 / 6);
    expect(out[0]).toBeCloseTo(ll, 14);
    // ∂r: Σ w (ψ(r+x) − ψ(r)) = 2/0.5 + (1/0.5 + 1/1.5); ∂a: −Σ w Σ_j 1/(a+b+j) = −(3·(1/5) + 1/6).
    expect(out[1]).toBeCloseTo(3 / 0.5 + 1 / 1.5, 14);
    expect(out[2]).toBeCloseTo(-(3 / 5 + 1 / 6), 14);
    // ∂b: Σ_j tail_j (1/(b+j) − 1/(a+b+j)) = 3 (1/3 − 1/5) + (1/4 − 1/6).
    expect(out[3]).toBeCloseTo(3 * (1 / 3 - 1 / 5) + (1 / 4 - 1 / 6), 14);
    // ∂r² = −(3/0.25 + 1/2.25); ∂a² = 3/25 + 1/36; ∂b² = 3 (1/25 − 1/9) + (1/36 − 1/16).
    expect(out[4]).toBeCloseTo(-(3 / 0.25 + 1 / 2.25), 13);
    expect(out[5]).toBeCloseTo(3 / 25 + 1 / 36, 14);
    expect(out[6]).toBeCloseTo(3 * (1 / 25 - 1 / 9) + (1 / 36 - 1 / 16), 14);
  });

  const points = [
    [0.2426, 0.793, 2.4262],
    [1.3, 2.5, 0.4],
    [1e-3, 50, 0.02],
    [30, 0.05, 400],
  ];
  for (const k of [0, 1]) {
    for (const [r, a, b] of points) {
      it(`${k ? "MBG/NBD" : "BG/NBD"} on CDNOW's frequencies at r ${r}, a ${a}, b ${b}: the special functions' sums to 1e-13 per customer`, () => {
        // Each sum adds up about one term per customer, each carrying the special functions' ~1e-15;
        // their differences (ψ(b+x) − ψ(a+b+x) at b = 400) cancel most of the digits in between.
        const W = grouped.totalWeight;
        const rec = sums(r, a, b, k, grouped.distinctX, grouped.weightOfX, true);
        const special = sums(r, a, b, k, grouped.distinctX, grouped.weightOfX, false);
        for (let i = 0; i < 7; i++) expect(Math.abs(rec[i] - special[i])).toBeLessThan(1e-13 * Math.max(W, Math.abs(special[i])));
      });
    }
  }

  it("with weights and large frequencies (up to 600) as with the special functions, to 1e-11 relative; the special functions when the largest frequency is far beyond the distinct ones", () => {
    const xs = Float64Array.from({ length: 80 }, (_, i) => (i * 7919) % 601);
    const ws = Float64Array.from({ length: 80 }, (_, i) => 0.25 + (i % 5));
    expect(Math.max(...xs)).toBeLessThanOrEqual(RECURRENCE_SPAN * xs.length + 64);
    const rec = sums(0.7, 1.1, 3.2, 0, xs, ws, true);
    const special = sums(0.7, 1.1, 3.2, 0, xs, ws, false);
    for (let i = 0; i < 7; i++) expect(Math.abs(rec[i] - special[i])).toBeLessThan(1e-11 * Math.max(1, Math.abs(special[i])));
    // One customer with 5,000 purchases beside two distinct frequencies: no 5,000-term recurrence.
    const wide = Float64Array.of(0, 5000), ww = Float64Array.of(3, 1);
    expect(Array.from(sums(0.7, 1.1, 3.2, 1, wide, ww, true))).toEqual(Array.from(sums(0.7, 1.1, 3.2, 1, wide, ww, false)));
    // and its value: ln Γ(r+5000) − ln Γ(r) + ln Γ(b+5001) − ln Γ(b) − ln Γ(a+b+5001) + ln Γ(a+b),
    // plus the three at x = 0 (k = 1): 3 ln(b/(a+b)).
    const ll = logGamma(5000.7) - logGamma(0.7) + logGamma(5004.2) - logGamma(3.2) - logGamma(5005.3) + logGamma(4.3) + 3 * Math.log(3.2 / 4.3);
    expect(sums(0.7, 1.1, 3.2, 1, wide, ww, true)[0]).toBeCloseTo(ll, 9);
  });
});

describe("betaGeoLogLikelihoodHessian on weighted histories", () => {
  // Fractional weights, a weight of 0, frequencies out of order, with and without one-time buyers:
  // the pass taken frequency by frequency with the T terms by distinct T gives the value and
  // gradient of the per-history likelihood (special functions, one term per history).
  const cases = {
    "with one-time buyers": { frequency: [3, 0, 1, 0, 7, 1, 3, 2], recency: [20, 0, 5, 0, 30.5, 12, 20, 3], T: [40, 40, 35, 12, 40, 35, 40, 33], weights: [2.5, 10, 1, 0.5, 0, 3, 1, 4] },
    "repeat buyers only": { frequency: [3, 1, 7, 1, 2], recency: [20, 5, 30.5, 12, 3], T: [40, 35, 40, 35, 33], weights: [2.5, 1, 0.25, 3, 4] },
  };
  for (const [name, summary] of Object.entries(cases)) {
    for (const modified of [false, true]) {
      it(`${name}, ${modified ? "MBG/NBD" : "BG/NBD"}: value and gradient to 1e-11 relative, the same again on the remembered order`, () => {
        const data = groupRfm(toRfmData(summary));
        const theta = [0.6, 1.7, 0.2, 2.1].map(Math.log);
        const g = new Float64Array(4), H = new Float64Array(16), g0 = new Float64Array(4);
        const v = betaGeoLogLikelihoodHessian(data, theta, g, H, modified);
        const v0 = betaGeoLogLikelihood(data, theta, g0, modified);
        expect(Math.abs(v / v0 - 1)).toBeLessThan(1e-11);
        for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - g0[i])).toBeLessThan(1e-11 * Math.max(1, Math.abs(g0[i])));
        const g2 = new Float64Array(4), H2 = new Float64Array(16);
        expect(betaGeoLogLikelihoodHessian(data, theta, g2, H2, modified)).toBe(v);
        expect(Array.from(H2)).toEqual(Array.from(H));
      });
    }
  }
});
