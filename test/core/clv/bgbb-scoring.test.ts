// BG/BB predictions (Fader, Hardie & Shang 2010; docs/models/bgbb.md §3–§5): P(alive) and the
// conditional expectation of a known customer, against the published Table 6 of FHS 2010 and
// against test/fixtures/btyd-scoring-reference.json — written by the SciPy script beside it
// (rerun: python3 test/fixtures/btyd-scoring-reference.py > test/fixtures/btyd-scoring-reference.json),
// which sums the posterior term by term from the model's definition instead of using the
// paper's Gamma-ratio closed form that bgbb.ts implements.
import * as fs from "fs";
import * as path from "path";
import * as bgbb from "../../../src/core/clv/bgbb";
import { CvaError, ErrorCodes } from "../../../src/core";

interface Row {
  x: number;
  tx: number;
  n: number;
  weight: number;
  pAlive1: number;
  pAlive3: number;
  expected5: number;
  expected1: number;
  expected5GammaOne: number;
  pAlive1GammaOne: number;
}
const ref = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/btyd-scoring-reference.json"), "utf8")) as {
  bgbb: { params: bgbb.BgBbParams; paramsGammaOne: bgbb.BgBbParams; rows: Row[]; unconditional: Record<string, number>; unconditionalGammaOne: Record<string, number> };
};
/** FHS 2010's published estimates on the donations data. */
const P = ref.bgbb.params;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("bgbb.probabilityAlive (FHS 2010 P(alive), docs/models/bgbb.md §3)", () => {
  it("FHS 2010 Table 6, P(alive in 2002): (0,0,6) 0.11, (2,4,6) 0.59, (6,6,6) 0.93 at the published estimates", () => {
    expect(bgbb.probabilityAlive(P, 0, 0, 6)).toBeCloseTo(0.11, 2);
    expect(bgbb.probabilityAlive(P, 2, 4, 6)).toBeCloseTo(0.59, 2);
    expect(bgbb.probabilityAlive(P, 6, 6, 6)).toBeCloseTo(0.93, 2);
  });

  it("all 22 donation histories, alive at the next opportunity (m = 1 by default) and at n + 3, match SciPy to 1e-12", () => {
    expect(ref.bgbb.rows).toHaveLength(22);
    for (const r of ref.bgbb.rows) {
      expect(rel(bgbb.probabilityAlive(P, r.x, r.tx, r.n), r.pAlive1)).toBeLessThan(1e-12);
      expect(rel(bgbb.probabilityAlive(P, r.x, r.tx, r.n, 1), r.pAlive1)).toBeLessThan(1e-12);
      expect(rel(bgbb.probabilityAlive(P, r.x, r.tx, r.n, 3), r.pAlive3)).toBeLessThan(1e-12);
      expect(rel(bgbb.probabilityAlive(ref.bgbb.paramsGammaOne, r.x, r.tx, r.n), r.pAlive1GammaOne)).toBeLessThan(1e-12);
    }
  });

  it("direction: a later last donation (same x, n) means more likely alive; alive later (larger m) is less likely", () => {
    // 0.0664 (2,2,6) < 0.2988 (2,3,6) < 0.5895 (2,4,6) in the fixture
    expect(bgbb.probabilityAlive(P, 2, 3, 6)).toBeGreaterThan(bgbb.probabilityAlive(P, 2, 2, 6));
    expect(bgbb.probabilityAlive(P, 2, 4, 6, 3)).toBeLessThan(bgbb.probabilityAlive(P, 2, 4, 6, 1));
  });

  it("a customer who transacted at every opportunity including the last: one survival factor per step ahead, m = 0 is certainly alive", () => {
    // x = t_x = n: L has only the alive term, so P(alive at n+m) = B(γ, δ+n+m)/B(γ, δ+n), and m = 0 gives exactly 1 (the cap)
    expect(bgbb.probabilityAlive(P, 6, 6, 6, 0)).toBe(1);
    // B(γ, δ+7)/B(γ, δ+6) = (δ+6)/(γ+δ+6) = 8.783/9.44 by hand
    expect(bgbb.probabilityAlive(P, 6, 6, 6)).toBeCloseTo(8.783 / 9.44, 12);
  });
});

describe("bgbb.expectedPurchases (FHS 2010 conditional expectation, docs/models/bgbb.md §5)", () => {
  it("the next 5 and the next 1 opportunities for all 22 donation histories match SciPy's term-by-term sum to 1e-11", () => {
    for (const r of ref.bgbb.rows) {
      expect(rel(bgbb.expectedPurchases(P, 5, r.x, r.tx, r.n), r.expected5)).toBeLessThan(1e-11);
      expect(rel(bgbb.expectedPurchases(P, 1, r.x, r.tx, r.n), r.expected1)).toBeLessThan(1e-11);
    }
  });

  it("the next 5 for the whole donor base: Σ weight × E = 15,766.1 (SciPy)", () => {
    let total = 0;
    for (const r of ref.bgbb.rows) total += r.weight * bgbb.expectedPurchases(P, 5, r.x, r.tx, r.n);
    expect(total).toBeCloseTo(15766.125316014, 6);
  });

  // γ = 1 is moved to 1 + 1e-9 by the code: the bracket g1 − g2 is then a difference of ln Γ values
  // of size ~20 (known to ~2e-14) that is itself only ~5e-10, so about 4 digits are lost: measured
  // 1.6e-5 relative here, 1.5e-6 for E[X(n)]. Bound 1e-4 from that analysis (the exact limit,
  // δ·[ψ(1+δ+n+n*) − ψ(1+δ+n)], would not lose them); a wrong limit (e.g. the sign) is off by O(1).
  it("γ = 1 exactly (the 0/0 limit, moved by 1e-9): matches the limit SciPy sums directly, to 1e-4", () => {
    for (const r of ref.bgbb.rows) {
      expect(rel(bgbb.expectedPurchases(ref.bgbb.paramsGammaOne, 5, r.x, r.tx, r.n), r.expected5GammaOne)).toBeLessThan(1e-4);
    }
  });

  it("zero opportunities ahead expect 0; a negative number of opportunities is refused", () => {
    expect(bgbb.expectedPurchases(P, 0, 3, 4, 6)).toBe(0);
    let caught: unknown;
    try {
      bgbb.expectedPurchases(P, -1, 3, 4, 6);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CvaError);
    expect((caught as CvaError).code).toBe(ErrorCodes.OutOfRange);
  });

  it("one opportunity ahead for x = t_x = n: P(alive at n+1) × E[p | x, n] = (δ+6)/(γ+δ+6) × (α+6)/(α+β+6), by hand", () => {
    // alive term only: B(α+7, β)/B(α+6, β) = (α+6)/(α+β+6) = 7.204/7.954; survival 8.783/9.44
    expect(bgbb.expectedPurchases(P, 1, 6, 6, 6)).toBeCloseTo((7.204 / 7.954) * (8.783 / 9.44), 12);
  });
});

describe("bgbb.expectedPurchasesUnconditional (FHS 2010 E[X(n)], docs/models/bgbb.md §4)", () => {
  it("n = 1, 6, 11 match SciPy's Σ_k α/(α+β)·B(γ, δ+k)/B(γ, δ) to 1e-12; γ = 1 to 1e-5 (see the γ = 1 note above)", () => {
    for (const n of [1, 6, 11]) {
      expect(rel(bgbb.expectedPurchasesUnconditional(P, n), ref.bgbb.unconditional[String(n)])).toBeLessThan(1e-12);
      expect(rel(bgbb.expectedPurchasesUnconditional(ref.bgbb.paramsGammaOne, n), ref.bgbb.unconditionalGammaOne[String(n)])).toBeLessThan(1e-5);
    }
    // n = 1 by hand: α/(α+β) · δ/(γ+δ) = 1.204/1.954 · 2.783/3.44
    expect(bgbb.expectedPurchasesUnconditional(P, 1)).toBeCloseTo((1.204 / 1.954) * (2.783 / 3.44), 12);
  });
});
