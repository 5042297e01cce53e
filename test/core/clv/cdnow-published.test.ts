/**
 * Every figure of data/cdnow/README.md, to the precision the papers publish (MBG/NBD: to the
 * precision BTYDplus gives, as lifetimes' tests quote it; no paper publishes MBG/NBD on CDNOW).
 *
 * Each test fits inside itself (a fit takes milliseconds), so that mutation testing credits the
 * test that reaches the fitting code (docs/testing.md).
 *
 * Tolerances: "to k decimals" means |ours − published| ≤ 0.5·10^−k (the published figure is
 * our figure rounded). Two figures differ in the last published digit, for reasons shown here:
 * - BG/NBD a: ours 0.79289 vs 0.7930. The paper's estimates come from Excel's Solver; at
 *   the published values the log-likelihood is lower than at ours (asserted below), and the
 *   fit on unrounded data (days/7) gives the same 0.7929 — ours is the maximum. We assert a to
 *   within 1.5e-4 and r, α, b to 4 significant digits.
 * - Gamma-Gamma E[M] for customer 1: the published 24.65 uses the exact mean spend 22.345;
 *   the summary file rounds it to 22.35 (→ 24.66). We use the exact z̄ from the transactions.
 * - E[X(78)]: 1.85795 with the paper's own estimates, vs the published 1.8576; scipy's hyp2f1
 *   gives the same 1.8579455 for FHL eq. 9 with those estimates, so the difference is in the
 *   publication's arithmetic, not here. t ≤ 32 agree to the 4th decimal; t = 78 within 5e-4.
 * - Pareto/NBD β (11.6679 vs 11.669), its log-likelihood (−9594.974 vs −9594.98) and
 *   Gamma-Gamma v (15.4477 vs 15.44) are sensitive to the 2-decimal rounding of the summary
 *   file: on the unrounded summary from the transactions every one matches to the published
 *   digit (asserted below); on the file they are asserted within 2e-3, 0.01 and 0.01.
 */
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as paretonbd from "../../../src/core/clv/paretonbd";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import * as gammagamma from "../../../src/core/clv/gammagamma";
import * as bgbb from "../../../src/core/clv/bgbb";
import { cdnowFromTransactions, cdnowSummary, donations } from "./cdnow";

const summary = cdnowSummary();
const decimals = (k: number) => 0.5 * 10 ** -k + 1e-12;
const sig4 = (published: number) => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(published))) - 3) + 1e-12;

describe("BG/NBD on CDNOW (Fader, Hardie & Lee 2005)", () => {
  const fitted = () => bgnbd.fit(summary);
  it("fits r, alpha, b to 4 significant digits and a within 1.5e-4", () => {
    const fit = fitted();
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(Math.abs(fit.params.r - 0.2426)).toBeLessThanOrEqual(sig4(0.2426));
    expect(Math.abs(fit.params.alpha - 4.4137)).toBeLessThanOrEqual(sig4(4.4137));
    expect(Math.abs(fit.params.b - 2.4262)).toBeLessThanOrEqual(sig4(2.4262));
    expect(Math.abs(fit.params.a - 0.793)).toBeLessThanOrEqual(1.5e-4);
  });
  it("reaches log-likelihood −9582.43 (2 decimals), at least that of the published estimates", () => {
    const fit = fitted();
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThanOrEqual(decimals(2));
    const published = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
    let llPublished = 0;
    for (let i = 0; i < summary.frequency.length; i++) {
      llPublished += bgnbd.logLikelihood(published, summary.frequency[i], summary.recency[i], summary.T[i]);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(llPublished);
  });
  it("gives E[X(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226 (3 decimals)", () => {
    const fit = fitted();
    expect(Math.abs(bgnbd.expectedPurchases(fit.params, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThanOrEqual(decimals(3));
  });
  it("gives E[X(t)] for t = 0.1429, 1, 3, 31.8571, 32, 78 (4 decimals)", () => {
    const fit = fitted();
    const t = [0.1429, 1, 3, 31.8571, 32, 78];
    const published = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    // With the paper's own estimates the figures agree to the 4th decimal; with ours (which
    // differ in the 4th-5th digit) to within 5e-4 at t = 78.
    const paper = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
    t.forEach((ti, i) => {
      const tol = ti <= 32 ? decimals(4) : 5e-4;
      expect(Math.abs(bgnbd.expectedPurchasesUnconditional(paper, ti) - published[i])).toBeLessThanOrEqual(tol);
      expect(Math.abs(bgnbd.expectedPurchasesUnconditional(fit.params, ti) - published[i])).toBeLessThanOrEqual(5e-4);
    });
  });
});

describe("Pareto/NBD on CDNOW (Fader & Hardie 2005 note)", () => {
  const fitted = () => paretonbd.fit(summary);
  it("fits r, alpha, s, beta to the published 3 decimals", () => {
    const fit = fitted();
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.r - 0.553)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.alpha - 10.578)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.s - 0.606)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.beta - 11.669)).toBeLessThanOrEqual(2e-3);
  });
  it("reaches log-likelihood −9594.98 within 0.01", () => {
    const fit = fitted();
    expect(Math.abs(fit.logLikelihood - -9594.98)).toBeLessThanOrEqual(0.01);
  });
  it("matches every published digit (parameters to 3 decimals, LL to 2) on the unrounded summary", () => {
    const exact = paretonbd.fit(cdnowFromTransactions());
    expect(Math.abs(exact.params.r - 0.553)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(exact.params.alpha - 10.578)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(exact.params.s - 0.606)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(exact.params.beta - 11.669)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(exact.logLikelihood - -9594.98)).toBeLessThanOrEqual(decimals(2));
  });
});

// The model is Batislam, Denizel & Filiztekin (2007), who fitted it to Turkish grocery data, not
// CDNOW: these CDNOW estimates are those of the R package BTYDplus (Platzer), as quoted by the
// lifetimes test suite (test_params_out_is_close_to_BTYDplus, 3 decimals).
describe("MBG/NBD on CDNOW (BTYDplus's estimates, as quoted by lifetimes' tests)", () => {
  const fitted = () => mbgnbd.fit(summary);
  it("fits r, alpha, a, b to BTYDplus's 3 decimals", () => {
    const fit = fitted();
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.r - 0.525)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.alpha - 6.183)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.a - 0.891)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.b - 1.614)).toBeLessThanOrEqual(decimals(3));
  });
});

describe("Gamma-Gamma on CDNOW repeat buyers (Fader & Hardie 2013)", () => {
  const fitted = () => gammagamma.fit(summary);
  it("fits p, q, v to the published 2 decimals on the 946 repeat buyers", () => {
    const fit = fitted();
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.p - 6.25)).toBeLessThanOrEqual(decimals(2));
    expect(Math.abs(fit.params.q - 3.74)).toBeLessThanOrEqual(decimals(2));
    expect(Math.abs(fit.params.v - 15.44)).toBeLessThanOrEqual(0.01);
  });
  it("fits p, q, v to the published 2 decimals on the unrounded summary", () => {
    const exact = gammagamma.fit(cdnowFromTransactions());
    expect(Math.abs(exact.params.p - 6.25)).toBeLessThanOrEqual(decimals(2));
    expect(Math.abs(exact.params.q - 3.74)).toBeLessThanOrEqual(decimals(2));
    expect(Math.abs(exact.params.v - 15.44)).toBeLessThanOrEqual(decimals(2));
  });
  it("gives E[M | x, zbar] for customers 1–10 (2 decimals, exact zbar from the transactions)", () => {
    const fit = fitted();
    const exact = cdnowFromTransactions();
    const published = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    for (let i = 0; i < 10; i++) {
      expect(exact.frequency[i]).toBe(summary.frequency[i]);
      const m = gammagamma.conditionalExpectedAverageValue(fit.params, exact.frequency[i], exact.monetary[i]);
      expect(Math.abs(m - published[i])).toBeLessThanOrEqual(decimals(2));
    }
  });
});

describe("BG/BB on the donations data (Fader, Hardie & Shang 2010)", () => {
  const fitted = () => bgbb.fit(donations());
  it("fits alpha, beta, gamma, delta to the published 3 decimals", () => {
    const fit = fitted();
    expect(fit.customers).toBe(11104);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.alpha - 1.204)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.beta - 0.75)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.gamma - 0.657)).toBeLessThanOrEqual(decimals(3));
    expect(Math.abs(fit.params.delta - 2.783)).toBeLessThanOrEqual(decimals(3));
  });
});
