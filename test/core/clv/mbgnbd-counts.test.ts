/**
 * P(X(t) = n) of MBG/NBD for a new customer (src/core/clv/mbgnbd.ts): a distribution over n
 * whose mean is the model's own E[X(t)] (BDF 2007, Appendix A, an independent closed form), and
 * whose terms match a direct numerical integration of the individual-level definition
 *   P(X(t) = n | λ, p) = (1−p)^{n+1} Pois(n; λt) + p(1−p)^n P(Pois(λt) ≥ n)
 * over λ ~ Gamma(r, α) and p ~ Beta(a, b), done here with plain midpoint sums (no shared code).
 */
import * as mbgnbd from "../../../src/core/clv/mbgnbd";

const CDNOW = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

describe("mbgnbd.probabilityOfPurchases", () => {
  it.each([1, 39, 78])("sums to 1 with mean E[X(%d)]", (t) => {
    let total = 0, mean = 0;
    for (let n = 0; n < 4000; n++) {
      const q = mbgnbd.probabilityOfPurchases(CDNOW, t, n);
      total += q;
      mean += n * q;
    }
    expect(total).toBeCloseTo(1, 9);
    expect(mean / mbgnbd.expectedPurchasesUnconditional(CDNOW, t)).toBeCloseTo(1, 6);
  });

  it("matches a numerical integration of the definition", () => {
    // A model with smooth densities (shapes above 1) so midpoint sums converge quickly.
    const p = { r: 2.5, alpha: 4, a: 2, b: 3 };
    const t = 10;
    const lgamma = (x: number): number => {
      // Stirling series with shift: accurate to ~1e-13 for x > 0.
      let s = 0;
      while (x < 10) { s -= Math.log(x); x += 1; }
      return s + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
    };
    const gammaPdf = (l: number) => Math.exp(p.r * Math.log(p.alpha) + (p.r - 1) * Math.log(l) - p.alpha * l - lgamma(p.r));
    const betaPdf = (q: number) => Math.exp((p.a - 1) * Math.log(q) + (p.b - 1) * Math.log(1 - q) + lgamma(p.a + p.b) - lgamma(p.a) - lgamma(p.b));
    const pois = (n: number, m: number) => Math.exp(n * Math.log(m) - m - lgamma(n + 1));
    for (const n of [0, 1, 3]) {
      // The p-integrals do not depend on λ: midpoint sums once per n.
      const Q = 20000;
      let stay = 0, leave = 0;
      for (let k = 0; k < Q; k++) {
        const q = (k + 0.5) / Q;
        stay += (betaPdf(q) * (1 - q) ** (n + 1)) / Q;
        leave += (betaPdf(q) * q * (1 - q) ** n) / Q;
      }
      let integral = 0;
      const L = 20000, lMax = 12;
      for (let i = 0; i < L; i++) {
        const l = ((i + 0.5) * lMax) / L;
        const m = l * t;
        let below = 0;
        for (let j = 0; j < n; j++) below += pois(j, m);
        integral += gammaPdf(l) * (stay * pois(n, m) + leave * (1 - below));
      }
      integral *= lMax / L;
      expect(Math.abs(mbgnbd.probabilityOfPurchases(p, t, n) - integral)).toBeLessThan(1e-7);
    }
  });

  it("refuses a fractional n and a negative t", () => {
    expect(() => mbgnbd.probabilityOfPurchases(CDNOW, 1, 1.5)).toThrow(/whole/);
    expect(() => mbgnbd.probabilityOfPurchases(CDNOW, -1, 1)).toThrow();
  });
});
