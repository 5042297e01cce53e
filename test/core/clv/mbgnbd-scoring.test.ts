// MBG/NBD E[X(t)] of a new customer (Batislam, Denizel & Filiztekin 2007, Appendix A;
// docs/models/mbgnbd.md): against test/fixtures/btyd-scoring-reference.json, which the SciPy
// script beside it writes by integrating (1−p)/p · (1 − (α/(α+p t))^r) over p ~ Beta(a, b) with
// quadrature — the model's definition, with no hypergeometric function — and checks against the
// closed form b/(a−1)·[1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))] with scipy.special.hyp2f1.
// Rerun: python3 test/fixtures/btyd-scoring-reference.py > test/fixtures/btyd-scoring-reference.json
import * as fs from "fs";
import * as path from "path";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import * as bgnbd from "../../../src/core/clv/bgnbd";
import { CvaError, ErrorCodes } from "../../../src/core";

interface Case {
  r: number;
  alpha: number;
  a: number;
  b: number;
  t: number;
  quad: number;
  closed: number | null;
}
const cases = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/btyd-scoring-reference.json"), "utf8")) as { mbgnbd: Case[] }
).mbgnbd;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("mbgnbd.expectedPurchasesUnconditional (BDF 2007 E[X(t)])", () => {
  it("matches the quadrature of the model's definition to 1e-11 for 4 parameter sets × t = 0.5 … 78 (a ≠ 1)", () => {
    const regular = cases.filter((c) => c.a !== 1);
    expect(regular).toHaveLength(15);
    for (const c of regular) {
      const got = mbgnbd.expectedPurchasesUnconditional({ r: c.r, alpha: c.alpha, a: c.a, b: c.b }, c.t);
      expect(rel(got, c.quad)).toBeLessThan(1e-11);
      expect(rel(got, c.closed as number)).toBeLessThan(1e-11);
    }
  });

  // a = 1 is moved to 1 + 1e-9: the bracket's logarithm is then ~1e-9, the sum of r·ln(1−z) and
  // ln 2F1, each up to ~3 and known to a few 1e-15, so ~6 digits are lost (measured 6.1e-6
  // relative): bound 1e-5 from that analysis (a wrong limit is off by O(1)).
  it("a = 1 exactly (0/0, moved by 1e-9) matches the quadrature to 1e-5", () => {
    const limit = cases.filter((c) => c.a === 1);
    expect(limit).toHaveLength(5);
    for (const c of limit) {
      expect(rel(mbgnbd.expectedPurchasesUnconditional({ r: c.r, alpha: c.alpha, a: c.a, b: c.b }, c.t), c.quad)).toBeLessThan(1e-5);
    }
  });

  it("t = 0 expects 0 purchases; t < 0 is refused naming t", () => {
    expect(mbgnbd.expectedPurchasesUnconditional({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 0)).toBe(0);
    let caught: unknown;
    try {
      mbgnbd.expectedPurchasesUnconditional({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, -1e-9);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CvaError);
    expect((caught as CvaError).code).toBe(ErrorCodes.OutOfRange);
    expect((caught as CvaError).where?.argument).toBe("t");
  });

  it("direction: a customer may drop out at time 0, so MBG/NBD expects fewer purchases than BG/NBD at the same parameters", () => {
    // per (λ, p): MBG/NBD (1−p)/p · (1 − e^{−λpt}) < BG/NBD 1/p · (1 − e^{−λpt}) for every p > 0
    const p = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    for (const t of [1, 39, 78]) expect(mbgnbd.expectedPurchasesUnconditional(p, t)).toBeLessThan(bgnbd.expectedPurchasesUnconditional(p, t));
  });

  it("small t: E[X(t)] ≈ E[1−p] · r/α · t (rate r/α while alive, first order), by hand", () => {
    // d/dt E[X(t)] at 0 = E_p[(1−p)/p · p·r/α] = E[1−p]·r/α = b/(a+b) · r/α = 1.614/2.505 · 0.525/6.183
    const p = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    const slope = (1.614 / 2.505) * (0.525 / 6.183);
    const t = 1e-6;
    expect(mbgnbd.expectedPurchasesUnconditional(p, t) / t).toBeCloseTo(slope, 6);
  });
});
