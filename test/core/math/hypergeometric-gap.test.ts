// The beta-geometric models' expected purchases where their printed form cancels
// (src/core/math/hypergeometric-gap.ts): against the printed form at 80 digits
// (test/fixtures/beta_geo_bracket.py), for BG/NBD and MBG/NBD, conditional and unconditional,
// with b from CDNOW's 2.4 out to 1e12 and a at, near and away from 1, and with r above a + b − 1
// (c < A) at and next to a = 1; the NBD limit as b → ∞; closed forms at A = c and at a = 1; and
// where the sum declines (the callers then keep the printed form).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import { gap2F1, printedBracketLosesDigits } from "../../../src/core/math/hypergeometric-gap";

interface Case {
  model: "bgnbd" | "mbgnbd";
  params: [number, number, number, number];
  t: number;
  x?: number;
  T?: number;
  value: number;
}
const fixture = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/beta-geo-bracket.json"), "utf8")) as { cases: Case[] };

function ours(c: Case): number {
  const [r, alpha, a, b] = c.params;
  const m = c.model === "bgnbd" ? bgnbd : mbgnbd;
  return c.x === undefined ? m.expectedPurchasesUnconditional({ r, alpha, a, b }, c.t) : m.expectedPurchasesIfAlive({ r, alpha, a, b }, c.t, c.x, c.T!);
}

describe("expected purchases against the printed form at 80 digits", () => {
  // Measured: at most 5e-13 (at CDNOW's own estimates, where the printed form is kept); the printed
  // form alone was off by 7e-8 at b = 1e3, 12-fold at b = 1e8, and by 2e-5 at a = 1 even for b = 2.4.
  // With c < A (r = 30, b = 0.3, a = 1) the sum with terms of both signs was off by 6e-9; the
  // negative binomial sum that replaced it, by 3e-14.
  it(`all ${fixture.cases.length} cases within 1e-12 relative`, () => {
    const worst = fixture.cases
      .map((c) => ({ c, err: Math.abs(ours(c) / c.value - 1) }))
      .reduce((w, e) => (e.err > w.err || Number.isNaN(e.err) ? e : w));
    expect(worst.err).toBeLessThan(1e-12);
  });

  it("CDNOW's BG/NBD with b at the fit's bound 1e8: 0.2923 purchases in a year for x = 0, T = 38.86, not −2.02", () => {
    const c = fixture.cases.find((k) => k.model === "bgnbd" && k.params[2] === 0.793 && k.params[3] === 1e8 && k.t === 52.14 && k.x === 0 && k.T === 38.86)!;
    expect(c.value).toBeCloseTo(0.2923, 4);
    expect(ours(c)).toBeCloseTo(c.value, 12);
  });
});

describe("gap2F1", () => {
  it("tends to the NBD's A·z/(1 − z) as c → ∞", () => {
    // A = 0.2426, z = 0.5: c·G/A = 1 − O(1/c) (measured −4.9e-7 at c = 1e6, −4.9e-13 at 1e12).
    for (const c of [1e6, 1e9, 1e12]) {
      const rel = (c * gap2F1(0.2426, c, 0.793, 0.5)) / 0.2426 - 1;
      expect(rel).toBeLessThan(0);
      expect(rel).toBeGreaterThan(-1 / c);
    }
  });

  it("at A = c, from a = 0.05 to 50 and z from 0.01 to 0.999: within 2.5e-13 of [1 − (1 − z)^{a−1}]/(a − 1)", () => {
    // A = c makes 2F1(c, c − a + 1; c; z) = (1 − z)^{−(c−a+1)} (as in the test below); measured:
    // at most 1.2e-13, at a = 50, z = 0.999 (the sum of about 90,000 terms).
    let worst = 0;
    for (const a of [0.05, 0.5, 0.999, 1, 1.0005, 2, 10, 50]) {
      for (const z of [0.01, 0.3, 0.9, 0.99, 0.999]) {
        for (const A of [0.3, 5, 200]) {
          const exact = a === 1 ? -Math.log1p(-z) : -Math.expm1((a - 1) * Math.log1p(-z)) / (a - 1);
          const err = Math.abs(gap2F1(A, A, a, z) / exact - 1);
          worst = err > worst || Number.isNaN(err) ? err : worst;
        }
      }
    }
    expect(worst).toBeLessThan(2.5e-13);
  });

  it("by hand at A = 2 > c = 1, a = 1: G = Σ p_k H_k over the negative binomial p_k = (k + 1) z^k (1 − z)², which is z − ln(1 − z)", () => {
    // Σ_k (k + 1) H_k z^k = d/dz [−z ln(1 − z)/(1 − z)]; times (1 − z)² it is z − ln(1 − z).
    // Measured: 3e-16 at z ≤ 0.9, 3.6e-14 at 0.999.
    for (const z of [0.01, 0.5, 0.9]) expect(Math.abs(gap2F1(2, 1, 1, z) / (z - Math.log1p(-z)) - 1)).toBeLessThan(1e-15);
    expect(Math.abs(gap2F1(2, 1, 1, 0.999) / (0.999 - Math.log1p(-0.999)) - 1)).toBeLessThan(1e-13);
  });

  it("just below c = A, the negative binomial sum meets A = c's closed form (with A = 200, z = 0.99 past the rescaling of (1 − z)^A = e^−921)", () => {
    // c = A·(1 − 1e-12) moves G by about 1e-12 of itself; measured: at most 9e-13.
    for (const a of [1, 1.0005, 0.9995]) {
      for (const z of [0.5, 0.99, 0.999]) {
        const exact = a === 1 ? -Math.log1p(-z) : -Math.expm1((a - 1) * Math.log1p(-z)) / (a - 1);
        // at A = 200, z = 0.999 the sum would take about 200,000 terms: it declines (below)
        for (const A of z === 0.999 ? [0.5, 5] : [0.5, 5, 200]) expect(Math.abs(gap2F1(A, A * (1 - 1e-12), a, z) / exact - 1)).toBeLessThan(2e-12);
      }
    }
  });

  it("by hand at c = A = 1, a = 1: δ_k = −1 for every k, so G = Σ z^k/k = −ln(1 − z)", () => {
    // u_0 = A/c = 1 makes δ_1 = −1 and keeps it there; (a)_{k−1}/k! = 1/k at a = 1.
    expect(gap2F1(1, 1, 1, 0.5)).toBeCloseTo(Math.log(2), 14);
  });

  it("declines (NaN) outside where its terms are of one sign and fall off, or near a = 1 can be bounded", () => {
    expect(gap2F1(2, 1, 0.8, 0.5)).toBeNaN(); // c < A, a away from 1
    expect(gap2F1(2, 1, 1.0011, 0.5)).toBeNaN(); // c < A, a 1.1e-3 from 1
    expect(gap2F1(2, 1, 0.9989, 0.5)).toBeNaN();
    expect(gap2F1(2, 5e-4, 1 + 6e-4, 0.5)).toBeNaN(); // c < A, a − 1 > c: R_k's first factor is negative
    expect(gap2F1(2, 5e-4, 1 + 4e-4, 0.5)).toBeGreaterThan(0); // a − 1 below c
    expect(gap2F1(2, -0.5, 1, 0.5)).toBeNaN(); // c < 0 at a = 1
    expect(gap2F1(2, -1e-4, 0.9995, 0.5)).toBeNaN(); // c < 0 though a − 1 < c
    expect(gap2F1(2, 1, 1, 0.9995)).toBeNaN(); // c < A at a = 1, z > 0.999
    expect(gap2F1(200, 200 * (1 - 1e-12), 1, 0.999)).toBeNaN(); // no convergence in 200,000 terms
    expect(gap2F1(0.5, 10, 51, 0.5)).toBeNaN(); // a > 50
    expect(gap2F1(0.5, 10, 0.8, 0.9995)).toBeNaN(); // z > 0.999
    expect(gap2F1(0.5, 10, 0.8, 0)).toBeNaN();
    expect(gap2F1(0, 10, 0.8, 0.5)).toBeNaN();
    expect(gap2F1(0.5, 10, 0, 0.5)).toBeNaN(); // a = 0
  });

  it("takes a up to 50 and z up to 0.999: at A = c the bracket is [1 − (1 − z)^{a−1}]/(a − 1)", () => {
    // A = c makes 2F1(c, c − a + 1; c; z) = (1 − z)^{−(c−a+1)}, so (1 − z)^A·2F1 = (1 − z)^{a−1}.
    expect(gap2F1(10, 10, 50, 0.5)).toBeCloseTo((1 - 0.5 ** 49) / 49, 14);
    expect(gap2F1(10, 10, 0.5, 0.999)).toBeCloseTo((1 - 0.001 ** -0.5) / -0.5, 10);
  });

  it("the printed form is kept for CDNOW's own estimates and given up at b = 1e3 or a within 1e-3 of 1", () => {
    expect(printedBracketLosesDigits(0.2426, 0.793 + 2.4262 - 1, 0.793)).toBe(false);
    expect(printedBracketLosesDigits(29.2426, 0.793 + 2.4262 + 29 - 1, 0.793)).toBe(false);
    expect(printedBracketLosesDigits(0.2426, 0.793 + 1e3 - 1, 0.793)).toBe(true);
    expect(printedBracketLosesDigits(0.2426, 0.9995 + 2.4262 - 1, 0.9995)).toBe(true);
  });
});
