// BG/BB's expected transactions where the printed ln Γ form cancels (src/core/math/gamma-ratio.ts):
// against the printed form at 60 digits (test/fixtures/bgbb_ratio.py), unconditional and
// conditional, with δ from the donations fit's 2.8 out to 1e8 and γ at, near and away from 1; the
// rising ratio by hand; where the product declines.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expectedPurchases, expectedPurchasesUnconditional } from "../../../src/core/clv/bgbb";
import { printedRatioLosesDigits, risingRatio } from "../../../src/core/math/gamma-ratio";

interface Case {
  params: [number, number, number, number];
  n: number;
  nStar?: number;
  x?: number;
  tx?: number;
  value: number;
}
const fixture = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/bgbb-ratio.json"), "utf8")) as { cases: Case[] };

function ours(c: Case): number {
  const [alpha, beta, gamma, delta] = c.params;
  const p = { alpha, beta, gamma, delta };
  return c.nStar === undefined ? expectedPurchasesUnconditional(p, c.n) : expectedPurchases(p, c.nStar, c.x!, c.tx!, c.n);
}

describe("BG/BB expected transactions against the printed form at 60 digits", () => {
  // Measured: 2e-12 up to δ = 1e3, 5e-10 at 1e5, 3e-7 at 1e8 — past 1e3 the limit is the
  // likelihood's own ln B differences in the conditional, not the bracket (the unconditional stays
  // within 1e-12). The printed form alone was off by 2e-9 at δ = 1e3, 100-fold at δ = 1e8, and by
  // 1e-6 at γ = 1 for the donations fit's δ.
  it.each([
    ["δ up to 1e3", (c: Case) => c.params[3] <= 1e3, 1e-11],
    ["δ = 1e5", (c: Case) => c.params[3] === 1e5, 1e-9],
    ["δ = 1e8", (c: Case) => c.params[3] === 1e8, 1e-6],
    ["unconditional, every δ", (c: Case) => c.nStar === undefined, 1e-12],
  ])("%s", (_label, which, tolerance) => {
    const cases = fixture.cases.filter(which);
    expect(cases.length).toBeGreaterThan(40);
    let worst = 0;
    for (const c of cases) worst = Math.max(worst, Math.abs(ours(c) / c.value - 1));
    expect(worst).toBeLessThan(tolerance as number);
  });
});

describe("risingRatio", () => {
  it("by hand: γ = 1 gives ratio 1 and the bracket Σ 1/(1 + D + j); γ = 2, D = 1, m = 2 gives ρ = (2·3)/(3·4)", () => {
    expect(risingRatio(1, 2, 2)).toEqual({ log: 0, gap: 1 / 3 + 1 / 4 });
    // ρ = Π (1 + D + j)/(γ + D + j) = (2/3)(3/4) = ½: S = ln ½, W = (1 − ½)/(2 − 1) = ½.
    const r = risingRatio(2, 1, 2)!;
    expect(r.log).toBeCloseTo(Math.log(0.5), 15);
    expect(r.gap).toBeCloseTo(0.5, 15);
    expect(risingRatio(0.5, 3, 0)).toEqual({ log: 0, gap: 0 });
  });

  it("declines (null) for a fractional or too large m, or γ + D ≤ 0", () => {
    expect(risingRatio(0.5, 3, 2.5)).toBeNull();
    expect(risingRatio(0.5, 3, 100_001)).toBeNull();
    expect(risingRatio(0.5, 3, 100_000)).not.toBeNull();
    expect(risingRatio(0.5, 3, -1)).toBeNull();
    expect(risingRatio(0.5, -0.5, 2)).toBeNull();
  });

  it("the printed form is kept for the donations fit and given up for δ + n past 20 or γ within 1e-2 of 1", () => {
    expect(printedRatioLosesDigits(0.657, 2.783 + 6)).toBe(false);
    expect(printedRatioLosesDigits(0.657, 21)).toBe(true);
    expect(printedRatioLosesDigits(0.995, 8)).toBe(true);
    expect(printedRatioLosesDigits(1.02, 8)).toBe(false);
  });
});
