/**
 * Lifetime value pinned at its edges (docs/lifetime-value.md §2–§4, §11): the finance formula
 * (end-of-period margins, first period retained and discounted, no horizon = perpetuity), the
 * probabilistic scheme (monthly increments of E[Y(t)] × spend × margin share, month i discounted
 * by (1 + d)^−i), its defaults and bounds, the bulk scorer scoreBgNbd, predictBtyd and
 * createBtydPredictor.
 *
 * Expected values are worked by hand in the comments, or computed by the few lines of
 * independent code below, written from the papers and the docs — never by calling src/:
 * FHL 2005 eq. 10 with a power-series 2F1 (Abramowitz & Stegun 15.1.1), FHL 2008 P(alive),
 * FH 2013 eq. 5 for spend, and the docs' CLV sum written out month by month. One external figure:
 * lifetimes 0.11.3's own CLV for CDNOW customer 0001 (test/fixtures/lifetimes-cdnow.csv).
 */
import {
  bgnbd, checkFittedParams, createBtydPredictor, describeBtyd, describeFallback, financeClv, lifetimeValue, predictBtyd, resolveLifetimeOptions, scoreBgNbd, checkMarginShare, checkRate,
  ErrorCodes, MAX_HORIZON_MONTHS,
} from "../../../src/core";
import type { FinanceClvInput, LifetimeOptions } from "../../../src/core";
import type { RfmRow } from "../../../src/core/clv/data";
import { cdnowSummary } from "../clv/cdnow";
import { thrown } from "../../support/thrown";

// ---- independent reference code (papers / docs, no call into src/) ----

/** Gauss 2F1(a, b; c; z) by its power series, |z| < 1 (A&S 15.1.1). */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1, sum = 1;
  for (let k = 0; k < 5000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
interface Bg { r: number; alpha: number; a: number; b: number }
/** FHL 2005 eq. 10: E[Y(t) | x, t_x, T], the alive part over 1 + δ_{x>0}·a/(b+x−1)·((α+T)/(α+t_x))^{r+x}. */
function eY(p: Bg, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const alive = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
  return alive / (1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0));
}
/** FHL 2008 P(alive | x, t_x, T); 1 for x = 0. */
function pAliveRef(p: Bg, x: number, tx: number, T: number): number {
  return x === 0 ? 1 : 1 / (1 + (p.a / (p.b + x - 1)) * ((p.alpha + T) / (p.alpha + tx)) ** (p.r + x));
}
/** FH 2013 eq. 5: E[M | x, z̄] = p(v + x z̄)/(p x + q − 1). */
function spendRef(g: { p: number; q: number; v: number }, x: number, zbar: number): number {
  return (g.p * (g.v + x * zbar)) / (g.p * x + g.q - 1);
}
/** docs/lifetime-value.md §3 written out: Σ_{k=1..H} (E(t_k) − E(t_{k−1})) · spend · s / (1+d)^k, t_k = k·perMonth. */
function clvRef(E: (t: number) => number, spend: number, s: number, d: number, H: number, perMonth: number): number {
  let sum = 0;
  for (let k = 1; k <= H; k++) sum += ((E(k * perMonth) - E((k - 1) * perMonth)) * spend * s) / (1 + d) ** k;
  return sum;
}
const WEEKS_PER_MONTH = 365.25 / 12 / 7; // 4.348214…
/** lifetimes' BG/NBD and Gamma-Gamma fits on CDNOW (test/fixtures/lifetimes-cdnow.json). */
const LT_BG = { r: 0.2425929282798216, alpha: 4.413532265271803, a: 0.7928859664405851, b: 2.42575238262545 };
const LT_GG = { p: 6.248802496074264, q: 3.744588460923312, v: 15.447748064932831 };

// ---------------------------------------------------------------------------------------------

describe("finance CLV (docs/lifetime-value.md §2): end-of-period margins, CLV_N = Σ m r^t/(1+d)^t", () => {
  const clv = (i: FinanceClvInput) => financeClv(i);

  it("horizon 1: the first margin is retained once and discounted once, 100·0.8/1.1 = 72.7272…", () => {
    expect(clv({ margin: 100, retention: 0.8, discount: 0.1, periods: 1 })).toBeCloseTo(80 / 1.1, 12);
  });

  it("horizon 2: 100·0.8/1.1 + 100·0.64/1.21 = 72.7273 + 52.8926 = 125.6198", () => {
    expect(clv({ margin: 100, retention: 0.8, discount: 0.1, periods: 2 })).toBeCloseTo(80 / 1.1 + 64 / 1.21, 11);
  });

  it("rate 0: no horizon is m·r/(1−r) = 100·0.8/0.2 = 400; horizon 1 is m·r = 80", () => {
    expect(clv({ margin: 100, retention: 0.8, discount: 0 })).toBeCloseTo(400, 10);
    expect(clv({ margin: 100, retention: 0.8, discount: 0, periods: 1 })).toBeCloseTo(80, 12);
  });

  it("no horizon: the perpetuity m·r/(1+d−r) = 50·0.6/(1.05−0.6) = 66.666…", () => {
    expect(clv({ margin: 50, retention: 0.6, discount: 0.05 })).toBeCloseTo(30 / 0.45, 11);
  });

  it("a 10-period horizon equals the direct sum of its terms (closed form vs loop), also with retention 0.999999", () => {
    for (const [m, r, d] of [[100, 0.8, 0.1], [7, 0.999999, 0], [7, 0.95, 0.004]]) {
      let direct = 0;
      for (let t = 1; t <= 10; t++) direct += (m * r ** t) / (1 + d) ** t;
      expect(Math.abs(clv({ margin: m, retention: r, discount: d, periods: 10 }) - direct)).toBeLessThan(1e-12 * direct);
    }
  });

  it("retention 1 − 1e-13 without discount: every term is m to 1e-12, so N periods are N·m = 3·2 = 6", () => {
    expect(clv({ margin: 2, retention: 1 - 1e-13, discount: 0, periods: 3 })).toBeCloseTo(6, 10);
    expect(clv({ margin: 2, retention: 1 - 1e-13, discount: 0, periods: 5, acquisitionCost: 1 })).toBeCloseTo(9, 10);
  });

  it("margin 0 is worth 0; margin 1 is the margin multiple r/(1+d−r) = 0.8/0.3; a negative margin a loss", () => {
    expect(clv({ margin: 0, retention: 0.8, discount: 0.1 })).toBe(0);
    expect(clv({ margin: 0, retention: 0.8, discount: 0.1, periods: 3 })).toBe(0);
    expect(clv({ margin: 1, retention: 0.8, discount: 0.1 })).toBeCloseTo(0.8 / 0.3, 12);
    expect(clv({ margin: -100, retention: 0.8, discount: 0.1 })).toBeCloseTo(-800 / 3, 10);
  });

  it("retention 0 is worth exactly 0 with or without a horizon, for any margin", () => {
    expect(clv({ margin: 100, retention: 0, discount: 0.1, periods: 5 })).toBe(0);
    expect(clv({ margin: -100, retention: 0, discount: 0.1, periods: 5 })).toBe(0);
    expect(clv({ margin: 100, retention: 0, discount: 0.1 })).toBe(0);
  });

  it("the acquisition cost is subtracted once (default 0): 164.0872 − 50 with 3 periods", () => {
    const three = 80 / 1.1 + 64 / 1.21 + 51.2 / 1.331; // 164.0872
    expect(clv({ margin: 100, retention: 0.8, discount: 0.1, periods: 3, acquisitionCost: 50 })).toBeCloseTo(three - 50, 11);
    expect(clv({ margin: 100, retention: 0.8, discount: 0.1, periods: 3 })).toBeCloseTo(three, 11);
  });

  it("direction: a higher discount or a lower retention lowers the value", () => {
    const base = clv({ margin: 100, retention: 0.8, discount: 0.1, periods: 4 });
    expect(clv({ margin: 100, retention: 0.8, discount: 0.11, periods: 4 })).toBeLessThan(base);
    expect(clv({ margin: 100, retention: 0.79, discount: 0.1, periods: 4 })).toBeLessThan(base);
  });

  it("bounds: retention in [0, 1), discount in [0, 1), periods whole ≥ 1, each named", () => {
    expect(clv({ margin: 1, retention: 0.999999, discount: 0 })).toBeCloseTo(999999, 3);
    expect(clv({ margin: 1, retention: 0.5, discount: 0.999999 })).toBeCloseTo(0.5 / 1.499999, 12);
    const bad: Array<[FinanceClvInput, string, string, string]> = [
      [{ margin: 1, retention: 1, discount: 0.1 }, ErrorCodes.OutOfRange, "retention", "retention"],
      [{ margin: 1, retention: -1e-12, discount: 0.1 }, ErrorCodes.OutOfRange, "retention", "retention"],
      [{ margin: 1, retention: 0.5, discount: -1e-12 }, ErrorCodes.OutOfRange, "discount", "must be 0 or more"],
      [{ margin: 1, retention: 0.5, discount: 1 }, ErrorCodes.OutOfRange, "discount", "Did you mean 0.01?"],
      [{ margin: 1, retention: 0.5, discount: 0.1, periods: 0.999 }, ErrorCodes.OutOfRange, "periods", "periods"],
      [{ margin: 1, retention: 0.5, discount: 0.1, periods: 1.5 }, ErrorCodes.OutOfRange, "periods", "periods"],
      [{ margin: 1, retention: 0.5, discount: 0.1, periods: Infinity }, ErrorCodes.OutOfRange, "periods", "periods"],
      [{ margin: 1, retention: 0.5, discount: 0.1, periods: NaN }, ErrorCodes.InvalidType, "periods", "periods"],
      [{ margin: Infinity, retention: 0.5, discount: 0.1 }, ErrorCodes.OutOfRange, "margin", "margin"],
      [{ margin: "3" as unknown as number, retention: 0.5, discount: 0.1 }, ErrorCodes.InvalidType, "margin", "margin"],
      [{ margin: 1, retention: NaN, discount: 0.1 }, ErrorCodes.InvalidType, "retention", "retention"],
      [{ margin: 1, retention: 0.5, discount: NaN }, ErrorCodes.InvalidType, "discount", "discount"],
      [{ margin: 1, retention: 0.5, discount: 0.1, acquisitionCost: NaN }, ErrorCodes.InvalidType, "acquisition_cost", "acquisition_cost"],
    ];
    expect(thrown(() => clv({ margin: -Infinity, retention: 0.5, discount: 0.1 })).message).toBe("margin must be a finite number; got -Infinity");
    for (const [input, code, argument, text] of bad) {
      const e = thrown(() => clv(input));
      expect([code, e.where?.argument]).toEqual([e.code, argument]);
      expect(e.message).toContain(text);
    }
  });
});

describe("rate and margin-share bounds (docs/lifetime-value.md §11)", () => {
  it("a rate is 0 ≤ d < 1: 0 and 0.999 pass; 1 … 100 ask 'did you mean d/100?', above 100 does not", () => {
    expect(() => checkRate("d", 0)).not.toThrow();
    expect(() => checkRate("d", 0.999)).not.toThrow();
    expect(thrown(() => checkRate("d", -0.01)).key).toBe("rate.negative");
    expect(thrown(() => checkRate("d", 1)).message).toContain("Did you mean 0.01?");
    expect(thrown(() => checkRate("d", 12)).message).toContain("Did you mean 0.12?");
    expect(thrown(() => checkRate("d", 100)).message).toContain("Did you mean 1?");
    const above = thrown(() => checkRate("d", 100.5));
    expect([above.key, above.code, above.where?.argument]).toEqual(["rate.belowOne", ErrorCodes.OutOfRange, "d"]);
    expect(above.message).not.toContain("Did you mean");
  });

  it("a margin share is 0 < s ≤ 1: 1 and 1e-12 pass; 0 and −0.3 are refused plainly; 1 < s ≤ 100 asks 'did you mean s/100?'", () => {
    expect(() => checkMarginShare("s", 1)).not.toThrow();
    expect(() => checkMarginShare("s", 1e-12)).not.toThrow();
    for (const v of [0, -0.3, 100.5]) {
      const e = thrown(() => checkMarginShare("s", v));
      expect([e.key, e.code, e.where?.argument]).toEqual(["share.range", ErrorCodes.OutOfRange, "s"]);
    }
    expect(thrown(() => checkMarginShare("s", 1.000001)).key).toBe("share.rangeDidYouMean");
    expect(thrown(() => checkMarginShare("s", 30)).message).toContain("Did you mean 0.3?");
    expect(thrown(() => checkMarginShare("s", 12.5)).message).toContain("Did you mean 0.125?");
    expect(thrown(() => checkMarginShare("s", 100)).message).toContain("Did you mean 1?");
  });
});

describe("lifetimeValue (docs/lifetime-value.md §3): Σ (E[Y(t_i)] − E[Y(t_{i−1})]) · E[M] · s · (1+d)^−i", () => {
  /** One purchase per month, whatever the unit. */
  const perMonthRate = (perMonth: number) => (t: number) => t / perMonth;

  it("one purchase a month, spend 10, margin 0.25, d = 0.1, 3 months: 2.5·(1/1.1 + 1/1.21 + 1/1.331) = 6.2171", () => {
    const v = lifetimeValue(perMonthRate(1), 10, { unit: "months", horizonMonths: 3, discount: 0.1, margin: 0.25 });
    expect(v).toBeCloseTo(2.5 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331), 12);
  });

  it("the margin share scales linearly: 0.25 is a quarter of 1 (not its square root, 0.5)", () => {
    const o = { unit: "months" as const, horizonMonths: 3, discount: 0.1 };
    const one = lifetimeValue(perMonthRate(1), 10, { ...o, margin: 1 });
    expect(one).toBeCloseTo(10 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331), 12);
    expect(lifetimeValue(perMonthRate(1), 10, { ...o, margin: 0.25 })).toBeCloseTo(one / 4, 12);
  });

  it("horizon 1: the first month is discounted, E[Y(1 month)]·E[M]·s/(1+d) = 0.3·20·0.5/1.5 = 2", () => {
    const v = lifetimeValue((t) => 0.3 * t, 20, { unit: "months", horizonMonths: 1, discount: 0.5, margin: 0.5 });
    expect(v).toBeCloseTo(2, 12);
  });

  it("rate 0: the increments telescope to E[Y(H months)]·E[M]·s = (1 − e^−2.4)·40·0.3", () => {
    const E = (t: number) => 1 - Math.exp(-t / 5); // months, so E(12) = 1 − e^−2.4
    const v = lifetimeValue(E, 40, { unit: "months", horizonMonths: 12, discount: 0, margin: 0.3 });
    expect(v).toBeCloseTo((1 - Math.exp(-2.4)) * 12, 12);
  });

  it("a saturating E[Y(t)] month by month equals the docs' sum written out (d 2 %, 7 months, s 0.25)", () => {
    const E = (t: number) => 3 * (1 - Math.exp(-t / 9));
    const v = lifetimeValue(E, 17, { unit: "months", horizonMonths: 7, discount: 0.02, margin: 0.25 });
    expect(v).toBeCloseTo(clvRef(E, 17, 0.25, 0.02, 7, 1), 12);
  });

  it("defaults: 12 months, d = 1 % a month, margin share 1, t_i = i·365.25/12/7 weeks", () => {
    const at: number[] = [];
    const E = (t: number) => {
      at.push(t);
      return 0.5 * t;
    };
    const v = lifetimeValue(E, 10, { unit: "weeks" });
    expect(at).toHaveLength(12);
    at.forEach((t, i) => expect(t).toBeCloseTo((i + 1) * WEEKS_PER_MONTH, 12));
    // each month 0.5·4.348214 purchases of 10: 21.741071 · Σ_{i=1..12} 1.01^−i = 21.741071 · (1 − 1.01^−12)/0.01
    expect(v).toBeCloseTo(5 * WEEKS_PER_MONTH * ((1 - 1.01 ** -12) / 0.01), 10);
  });

  it("the month in each unit: 30.4375 days, 4.348214 weeks, 1 month; periodsPerMonth overrides it (lifetimes: 30 days)", () => {
    const firstT = (o: LifetimeOptions) => {
      let first = NaN;
      lifetimeValue((t) => (Number.isNaN(first) ? (first = t) : t), 1, { ...o, horizonMonths: 1 });
      return first;
    };
    expect(firstT({ unit: "days" })).toBe(30.4375);
    expect(firstT({ unit: "weeks" })).toBeCloseTo(4.348214285714286, 14);
    expect(firstT({ unit: "months" })).toBe(1);
    expect(firstT({ unit: "days", periodsPerMonth: 30 })).toBe(30);
    expect(firstT({ unit: "weeks", periodsPerMonth: 4.345 })).toBe(4.345);
  });

  it("resolveLifetimeOptions fills the defaults: horizon 12, discount 0.01, margin 1, perMonth from the unit", () => {
    expect(resolveLifetimeOptions({ unit: "months" })).toEqual({ horizon: 12, discount: 0.01, margin: 1, perMonth: 1 });
    expect(resolveLifetimeOptions({ unit: "days", horizonMonths: 3, discount: 0, margin: 0.25, periodsPerMonth: 30 })).toEqual({ horizon: 3, discount: 0, margin: 0.25, perMonth: 30 });
  });

  it("bounds: horizon 1 … 1200 whole, discount 0 ≤ d < 1, margin 0 < s ≤ 1, unit days/weeks/months, periodsPerMonth > 0", () => {
    const ok = (o: Partial<LifetimeOptions>) => lifetimeValue(() => 0, 1, { unit: "weeks", ...o });
    expect(MAX_HORIZON_MONTHS).toBe(1200);
    for (const o of [{ horizonMonths: 1 }, { horizonMonths: 1200 }, { discount: 0 }, { discount: 0.999 }, { margin: 1 }, { margin: 1e-9 }]) {
      expect(ok(o)).toBe(0);
    }
    const cases: Array<[Partial<LifetimeOptions>, string, string]> = [
      [{ horizonMonths: 1201 }, "horizonMonths", "horizon.tooLong"],
      [{ horizonMonths: 0 }, "horizonMonths", "arg.atLeast"],
      [{ horizonMonths: 1.5 }, "horizonMonths", "arg.notWhole"],
      [{ discount: -0.001 }, "monthly_discount", "rate.negative"],
      [{ discount: 1 }, "monthly_discount", "rate.belowOneDidYouMean"],
      [{ discount: NaN }, "monthly_discount", "arg.notNumber"],
      [{ margin: 0 }, "margin_share", "share.range"],
      [{ margin: 30 }, "margin_share", "share.rangeDidYouMean"],
      [{ margin: NaN }, "margin_share", "arg.notNumber"],
      [{ unit: "years" as LifetimeOptions["unit"] }, "unit", "arg.notChoice"],
      [{ periodsPerMonth: 0 }, "periodsPerMonth", "arg.above"],
    ];
    for (const [o, argument, key] of cases) {
      const e = thrown(() => ok(o));
      expect([e.where?.argument, e.key]).toEqual([argument, key]);
    }
    expect(thrown(() => ok({ horizonMonths: 1201 })).message).toContain("at most 1200 months (100 years)");
  });

  it("CDNOW customer 0001 at lifetimes' fit: lifetimes' own 36.278496 (months of 4.345 weeks), a quarter of it at margin 0.25, and the sum of FHL eq. 10 written out", () => {
    const x = 2, tx = 30.43, T = 38.86, zbar = 22.35;
    const E = (t: number) => bgnbd.expectedPurchases(LT_BG, t, x, tx, T);
    const spend = spendRef(LT_GG, x, zbar); // 6.2488·(15.4477 + 44.7)/(12.4976 + 2.7446) = 24.6586
    expect(spend).toBeCloseTo(24.658616189236923, 10);
    const o = { unit: "weeks" as const, horizonMonths: 12, discount: 0.01, periodsPerMonth: 4.345 };
    expect(lifetimeValue(E, spend, o)).toBeCloseTo(36.278495763626665, 8);
    const quarter = lifetimeValue(E, spend, { ...o, margin: 0.25 });
    expect(quarter).toBeCloseTo(36.278495763626665 / 4, 8);
    const ref = clvRef((t) => eY(LT_BG, t, x, tx, T), spend, 0.25, 0.01, 12, 4.345);
    expect(Math.abs(quarter - ref)).toBeLessThan(1e-10 * ref);
  });
});

describe("scoreBgNbd, the bulk scorer (docs/lifetime-value.md §3)", () => {
  // CDNOW 0001 (2, 30.43, 38.86), a one-time buyer observed 38.86 weeks, a repeat buyer whose mean
  // spend is negative (Gamma-Gamma uses z̄ = 0), and 0001's (x, T) with an earlier last purchase
  // (same group, other P(alive)).
  const data = { frequency: [2, 0, 3, 2], recency: [30.43, 0, 20, 10], T: [38.86, 38.86, 30, 38.86], monetary: [22.35, 0, -5, 40] };
  const opts = { unit: "weeks" as const, horizonMonths: 9, discount: 0.015, margin: 0.25 };

  it("P(alive), E[Y(horizon)], E[M] and CLV with margin 0.25 equal FHL 2005/2008 and FH 2013 written out, customer by customer", () => {
    const s = scoreBgNbd(LT_BG, LT_GG, data, opts);
    for (let i = 0; i < 4; i++) {
      const x = data.frequency[i], tx = data.recency[i], T = data.T[i];
      const spend = spendRef(LT_GG, x, Math.max(data.monetary[i], 0));
      const E = (t: number) => eY(LT_BG, t, x, tx, T);
      const clv = clvRef(E, spend, 0.25, 0.015, 9, WEEKS_PER_MONTH);
      expect(Math.abs(s.pAlive[i] - pAliveRef(LT_BG, x, tx, T))).toBeLessThan(1e-12);
      expect(Math.abs(s.expectedValue[i] - spend)).toBeLessThan(1e-12 * spend);
      expect(Math.abs(s.expectedPurchases[i] - E(9 * WEEKS_PER_MONTH))).toBeLessThan(1e-10 * E(9 * WEEKS_PER_MONTH));
      expect(Math.abs(s.clv[i] - clv)).toBeLessThan(1e-10 * clv);
    }
    // the one-time buyer is alive for sure under BG/NBD; the later last purchase is more likely alive
    expect(s.pAlive[1]).toBe(1);
    expect(s.pAlive[0]).toBeGreaterThan(s.pAlive[3]);
    // a negative mean spend counts as 0 in eq. 5: p·v/(p·3 + q − 1) = 96.53/21.49 = 4.4919
    expect(s.expectedValue[2]).toBeCloseTo((LT_GG.p * LT_GG.v) / (3 * LT_GG.p + LT_GG.q - 1), 12);
  });

  it("the margin share multiplies the CLV once: default 1 is 4 × the value at 0.25 (a square root would give 2 ×)", () => {
    const quarter = scoreBgNbd(LT_BG, LT_GG, data, opts).clv;
    const full = scoreBgNbd(LT_BG, LT_GG, data, { unit: "weeks", horizonMonths: 9, discount: 0.015 }).clv;
    for (let i = 0; i < 4; i++) expect(full[i]).toBeCloseTo(4 * quarter[i], 10);
  });

  it("defaults: 12 months at 1 % a month, months of 4.348 weeks — CDNOW 0001 is worth 36.3005 (docs §3)", () => {
    const s = scoreBgNbd(LT_BG, LT_GG, { frequency: [2], recency: [30.43], T: [38.86], monetary: [22.35] }, { unit: "weeks" });
    const ref = clvRef((t) => eY(LT_BG, t, 2, 30.43, 38.86), spendRef(LT_GG, 2, 22.35), 1, 0.01, 12, WEEKS_PER_MONTH);
    expect(Math.abs(s.clv[0] - ref)).toBeLessThan(1e-10 * ref);
    expect(s.clv[0]).toBeCloseTo(36.3005, 4);
  });

  it("horizon 1 and discount 0: one month, E[Y(4.348 wk)]·E[M]·s with nothing discounted", () => {
    const s = scoreBgNbd(LT_BG, LT_GG, data, { unit: "weeks", horizonMonths: 1, discount: 0, margin: 0.25 });
    for (let i = 0; i < 4; i++) {
      const x = data.frequency[i];
      const ref = eY(LT_BG, WEEKS_PER_MONTH, x, data.recency[i], data.T[i]) * spendRef(LT_GG, x, Math.max(data.monetary[i], 0)) * 0.25;
      expect(Math.abs(s.clv[i] - ref)).toBeLessThan(1e-10 * ref);
    }
  });

  it("without Gamma-Gamma it uses the spends given, and refuses to guess when none are given", () => {
    const given = Float64Array.from([10, 20, 30, 40]);
    const s = scoreBgNbd(LT_BG, null, data, opts, given);
    expect(Array.from(s.expectedValue)).toEqual([10, 20, 30, 40]);
    const ref = clvRef((t) => eY(LT_BG, t, 0, 0, 38.86), 20, 0.25, 0.015, 9, WEEKS_PER_MONTH);
    expect(Math.abs(s.clv[1] - ref)).toBeLessThan(1e-10 * ref);
    const e = thrown(() => scoreBgNbd(LT_BG, null, data, opts));
    expect([e.code, e.key, e.where?.argument]).toEqual([ErrorCodes.Missing, "model.noSpend", "gg"]);
  });
});

describe("predictBtyd and createBtydPredictor (docs/lifetime-value.md §3)", () => {
  const cdnow = cdnowSummary();
  const rows: RfmRow[] = cdnow.frequency.map((x, i) => ({ frequency: x, recency: cdnow.recency[i], T: cdnow.T[i], monetary: cdnow.monetary[i] }));

  it("fits CDNOW and scores each customer as FHL eq. 10 × FH 2013 eq. 5 × margin 0.25, month by month at 2 %", () => {
    const predict = createBtydPredictor({ unit: "weeks", horizonMonths: 6, discount: 0.02, margin: 0.25 });
    const r = predict(rows);
    expect(r.fitted).toBe(true);
    expect(r.settings).toEqual({ horizon: 6, discount: 0.02, margin: 0.25, perMonth: WEEKS_PER_MONTH, unit: "weeks", penalizer: 0 });
    const bg = r.fit.params as unknown as bgnbd.BgNbdParams, gg = r.gammagamma!.params;
    // the fit is lifetimes' within its optimiser's tolerance (test/core/clv/lifetimes-parity.test.ts)
    expect(bg.r).toBeCloseTo(LT_BG.r, 4);
    for (const i of [0, 1, 2, 56, 400, 1916, 2043]) {
      const x = rows[i].frequency, tx = rows[i].recency, T = rows[i].T;
      const spend = spendRef(gg, x, rows[i].monetary!);
      const ref = clvRef((t) => eY(bg, t, x, tx, T), spend, 0.25, 0.02, 6, WEEKS_PER_MONTH);
      expect(Math.abs(r.clv[i] - ref)).toBeLessThan(1e-10 * ref);
      expect(Math.abs(r.pAlive[i] - pAliveRef(bg, x, tx, T))).toBeLessThan(1e-12);
    }
    expect(r.note).toContain("6");
  });

  it("spend without Gamma-Gamma (fewer than two repeat buyers with spend > 0): own mean for repeat buyers, their mean for the others", () => {
    // the first 30 CDNOW customers, 13 repeat buyers; only customer 0 has a spend (20): Gamma-Gamma cannot be fitted
    const thirty = rows.slice(0, 30).map((c, i) => ({ ...c, monetary: c.frequency > 0 && i === 0 ? 20 : 0 }));
    const repeaters = thirty.filter((c) => c.frequency > 0).length;
    expect(repeaters).toBe(13);
    const r = predictBtyd(thirty, { unit: "weeks", margin: 0.25 });
    if (!r.fitted) throw new Error(r.note);
    expect(r.gammagamma).toBeNull();
    expect(r.spendNoteKey).toBe("spend.tooFewBuyers");
    expect(r.note).toContain(r.spendNote);
    const bg = r.fit.params as unknown as bgnbd.BgNbdParams;
    thirty.forEach((c, i) => {
      // repeat buyer: own mean repeat spend (20 or 0); one-time buyer: 20/13 = 1.538, the repeat buyers' mean
      const spend = c.frequency > 0 ? c.monetary : 20 / 13;
      expect(r.expectedValue[i]).toBeCloseTo(spend, 14);
      const ref = clvRef((t) => eY(bg, t, c.frequency, c.recency, c.T), spend, 0.25, 0.01, 12, WEEKS_PER_MONTH);
      expect(Math.abs(r.clv[i] - ref)).toBeLessThanOrEqual(1e-10 * ref);
    });
  });

  it("defaults: the settings are 12 months, 1 %, margin 1, months of 4.348 weeks, no penalty", () => {
    const r = predictBtyd(rows, { unit: "weeks" });
    expect(r.fitted && r.settings).toEqual({ horizon: 12, discount: 0.01, margin: 1, perMonth: WEEKS_PER_MONTH, unit: "weeks", penalizer: 0 });
  });

  it("fewest customers, default 10: 9 fall back ('tooFewCustomers'), 10 are fitted", () => {
    const nine = predictBtyd(rows.slice(0, 9), { unit: "weeks" });
    expect(nine).toMatchObject({ fitted: false, reason: "tooFewCustomers", customers: 9, minCustomers: 10 });
    expect(nine.note).toContain("9");
    // ten varied CDNOW customers, several of them repeat buyers
    const ten = rows.slice(0, 10);
    expect(ten.filter((c) => c.frequency > 0).length).toBeGreaterThanOrEqual(3);
    expect(predictBtyd(ten, { unit: "weeks" }).fitted).toBe(true);
    expect(predictBtyd(ten, { unit: "weeks", minCustomers: 11 })).toMatchObject({ fitted: false, reason: "tooFewCustomers", minCustomers: 11 });
  });

  it("createBtydPredictor checks its options at once and throws DEGENERATE_DATA with the reason when nothing can be fitted", () => {
    expect(thrown(() => createBtydPredictor({ unit: "weeks", margin: 30 })).message).toContain("Did you mean 0.3?");
    const predict = createBtydPredictor({ unit: "weeks" });
    const few = thrown(() => predict(rows.slice(0, 9)));
    expect(few.code).toBe(ErrorCodes.DegenerateData);
    expect(few.message).toContain("9");
    const nobody = rows.slice(0, 12).map((c) => ({ ...c, frequency: 0, recency: 0, monetary: 0 }));
    expect(predictBtyd(nobody, { unit: "weeks" })).toMatchObject({ fitted: false, reason: "nobodyRepeats" });
    expect(thrown(() => predict(nobody)).code).toBe(ErrorCodes.DegenerateData);
    const same = Array.from({ length: 12 }, () => ({ frequency: 2, recency: 20, T: 30, monetary: 10 }));
    expect(predictBtyd(same, { unit: "weeks" })).toMatchObject({ fitted: false, reason: "sameHistory" });
  });
});

describe("spend when every repeat buyer spends the same", () => {
  // Twelve histories with different frequencies, every mean spend exactly 20: the spread of
  // spend is not identified (Gamma-Gamma's likelihood runs to p, q → ∞), and the only defensible
  // expected spend is 20 for everyone — a customer who always spends 20 will spend 20.
  const rows = Array.from({ length: 12 }, (_, i) => ({ frequency: i % 4, recency: i % 4 === 0 ? 0 : 10 + i, T: 30 + i, monetary: i % 4 === 0 ? 0 : 20 }));
  it("gives an expected spend of exactly 20 to every customer and says why Gamma-Gamma was not used", () => {
    const r = predictBtyd(rows, { unit: "weeks" });
    expect(r.fitted).toBe(true);
    if (!r.fitted) return;
    expect(r.gammagamma).toBeNull();
    expect(Array.from(r.expectedValue)).toEqual(Array(12).fill(20));
    expect(r.spendNoteKey).toBe("spend.sameSpend");
    expect(r.spendNote).toBe("the spend model (Gamma-Gamma) cannot be fitted: every customer with repeat purchases has the same mean spend, 20, so its spread is unknown");
  });
});

describe("the model notes (describeBtyd, describeFallback)", () => {
  const cdnow = cdnowSummary();
  const rows: RfmRow[] = cdnow.frequency.map((x, i) => ({ frequency: x, recency: cdnow.recency[i], T: cdnow.T[i], monetary: cdnow.monetary[i] }));

  it("a fitted CDNOW model in en-US and zh-CN: parameters to 4 significant digits, the horizon, the discount in %, the margin share, the unit", () => {
    const r = predictBtyd(rows, { unit: "weeks", horizonMonths: 6, discount: 0.015, margin: 0.25 });
    if (!r.fitted) throw new Error(r.note);
    const buyers = rows.filter((c) => c.frequency > 0 && c.monetary! > 0).length;
    // lifetimes' fit, r 0.24259, α 4.41353, a 0.79289, b 2.42575; p 6.2488, q 3.7446, v 15.4477
    expect(r.note).toBe(
      `BG/NBD on 2357 customers: r 0.2426, alpha 4.414, a 0.7929, b 2.426; Gamma-Gamma on ${buyers} repeat buyers: p 6.249, q 3.745, v 15.45; ` +
        "CLV over 6 months at 1.5% a month discount, margin share 25%, times in weeks",
    );
    expect(describeBtyd(r, "en-US")).toBe(r.note);
    expect(describeBtyd(r, "zh-CN")).toBe(
      `BG/NBD（2357 位客户）：r 0.2426，alpha 4.414，a 0.7929，b 2.426；Gamma-Gamma（${buyers} 位重复购买客户）：p 6.249，q 3.745，v 15.45；` +
        "终生价值期限 6 个月，月贴现率 1.5%，毛利率 25%，时间单位：周",
    );
  });

  it("repeat buyers with spend ≤ 0 are counted in the note; a fit stopped early is a warning", () => {
    const some = rows.map((c, i) => (i < 3 && c.frequency > 0 ? { ...c, monetary: -1 } : c));
    const excluded = some.filter((c) => c.frequency > 0 && c.monetary! <= 0).length;
    expect(excluded).toBeGreaterThan(0);
    const r = predictBtyd(some, { unit: "days" });
    if (!r.fitted) throw new Error(r.note);
    expect(r.gammagamma!.excluded).toBe(excluded);
    expect(r.note).toContain(`; ${excluded} repeat buyers with spend ≤ 0 left out of the spend fit; `);
    expect(r.note).toContain("times in days");
    const stopped = predictBtyd(rows, { unit: "months", maxIterations: 1 });
    if (!stopped.fitted) throw new Error(stopped.note);
    expect(stopped.fit.converged).toBe(false);
    expect(stopped.note).toContain("warning: BG/NBD did not converge (");
    expect(stopped.note).toContain("warning: Gamma-Gamma did not converge (");
    expect(describeBtyd(stopped, "zh-CN")).toContain("警告：BG/NBD 未收敛（");
    expect(stopped.note).toContain("times in months");
  });

  it("Gamma-Gamma not used: the note gives the reason in each language", () => {
    const thirty = rows.slice(0, 30).map((c, i) => ({ ...c, monetary: c.frequency > 0 && i === 0 ? 20 : 0 }));
    const r = predictBtyd(thirty, { unit: "weeks" });
    if (!r.fitted) throw new Error(r.note);
    expect(r.note).toContain(
      "; Gamma-Gamma not used (the spend model (Gamma-Gamma) needs at least two customers with repeat purchases and a mean spend above 0; found 1); expected spend is each customer's mean repeat spend; ",
    );
    expect(describeBtyd(r, "zh-CN")).toContain("未使用 Gamma-Gamma（消费模型（Gamma-Gamma）至少需要两位有重复购买且平均消费大于 0 的客户；实际只有 1 位）");
    // without a key, the English text as it is
    expect(describeBtyd({ ...r, spendNoteKey: undefined, spendNote: "plain" }, "zh-CN")).toContain("未使用 Gamma-Gamma（plain）");
    expect(describeBtyd({ ...r, spendNoteKey: undefined, spendNote: undefined }, "en-US")).toContain("Gamma-Gamma not used (); ");
  });

  it("each fallback reason in en-US and zh-CN", () => {
    const base = { fitted: false as const, customers: 9, minCustomers: 10, note: "" };
    expect(describeFallback({ ...base, reason: "tooFewCustomers" }, "en-US")).toBe("9 customers, and the BG/NBD model needs at least 10");
    expect(describeFallback({ ...base, reason: "tooFewCustomers" }, "zh-CN")).toBe("只有 9 位客户，BG/NBD 模型至少需要 10 位");
    expect(describeFallback({ ...base, reason: "nobodyRepeats" }, "en-US")).toBe("nobody bought on more than one day, so the purchase rate cannot be estimated");
    expect(describeFallback({ ...base, reason: "sameHistory" }, "zh-CN")).toBe("所有客户的购买历史完全相同");
    const keyed = { ...base, reason: "degenerate" as const, detail: "x", detailKey: "fit.sameHistory" as const, detailParams: { model: "BG/NBD" } };
    expect(describeFallback(keyed, "zh-CN")).toBe("无法对这些客户拟合 BG/NBD 模型（无法拟合 BG/NBD：所有客户的购买历史都相同；至少需要两种不同的购买历史）");
    expect(describeFallback({ ...base, reason: "degenerate", detail: "why" }, "en-US")).toBe("the BG/NBD model cannot be fitted to these customers (why)");
    expect(describeFallback({ ...base, reason: "degenerate" }, "en-US")).toBe("the BG/NBD model cannot be fitted to these customers ()");
  });

  it("a fallback names the model asked for, and the lifetime models for auto", () => {
    const base = { fitted: false as const, customers: 9, minCustomers: 10, note: "" };
    const few = (model: "mbgnbd" | "paretonbd" | "auto", lang: "en-US" | "zh-CN") => describeFallback({ ...base, reason: "tooFewCustomers", model }, lang);
    expect(few("mbgnbd", "en-US")).toBe("9 customers, and the MBG/NBD model needs at least 10");
    expect(few("paretonbd", "zh-CN")).toBe("只有 9 位客户，Pareto/NBD 模型至少需要 10 位");
    expect(few("auto", "en-US")).toBe("9 customers, and the lifetime models need at least 10");
    expect(few("auto", "zh-CN")).toBe("只有 9 位客户，生命周期模型至少需要 10 位");
    expect(describeFallback({ ...base, reason: "degenerate", detail: "why", model: "paretonbd" }, "en-US")).toBe("the Pareto/NBD model cannot be fitted to these customers (why)");
    expect(describeFallback({ ...base, reason: "degenerate", detail: "why", model: "auto" }, "en-US")).toBe("the lifetime models cannot be fitted to these customers (why)");
    expect(describeFallback({ ...base, reason: "degenerate", detail: "why", model: "auto" }, "zh-CN")).toBe("无法对这些客户拟合生命周期模型（why）");
    // predictBtyd records the model asked for, so its note names it.
    expect(predictBtyd(rows.slice(0, 9), { unit: "weeks", model: "paretonbd" }).note).toBe("9 customers, and the Pareto/NBD model needs at least 10");
    expect(predictBtyd(rows.slice(0, 9), { unit: "weeks", model: "auto" }).note).toBe("9 customers, and the lifetime models need at least 10");
  });

  it("a fallback's note is the fit's own message when it failed, else the reason; createBtydPredictor throws either", () => {
    const nobody = rows.slice(0, 12).map((c) => ({ ...c, frequency: 0, recency: 0, monetary: 0 }));
    const r = predictBtyd(nobody, { unit: "weeks" });
    if (r.fitted) throw new Error("fitted");
    expect([r.detailKey, r.detailParams]).toEqual(["fit.nobodyRepeats", { model: "BG/NBD" }]);
    expect(r.note).toBe("BG/NBD cannot be fitted: nobody makes a repeat purchase (every frequency is 0)");
    expect(r.detail).toBe(r.note);
    const predict = createBtydPredictor({ unit: "weeks" });
    const e = thrown(() => predict(nobody));
    expect([e.code, e.key, e.message]).toEqual([ErrorCodes.DegenerateData, "fit.nobodyRepeats", r.note]);
    const few = predictBtyd(rows.slice(0, 9), { unit: "weeks" });
    expect(few.note).toBe("9 customers, and the BG/NBD model needs at least 10");
    expect(few.fitted || few.detail).toBeUndefined();
    const f = thrown(() => predict(rows.slice(0, 9)));
    expect([f.code, f.key, f.message]).toEqual([ErrorCodes.DegenerateData, "model.notFitted", "no model can be fitted: 9 customers, and the BG/NBD model needs at least 10"]);
    expect(f.params).toEqual({ reason: { "en-US": "9 customers, and the BG/NBD model needs at least 10", "zh-CN": "只有 9 位客户，BG/NBD 模型至少需要 10 位" } });
  });

  it("columns in, the same scores as rows (monetary missing in a row counts as 0)", () => {
    const sub = rows.slice(0, 40).map((c) => (c.frequency === 0 ? { frequency: 0, recency: 0, T: c.T } : c));
    const cols = {
      frequency: Float64Array.from(sub, (c) => c.frequency),
      recency: Float64Array.from(sub, (c) => c.recency),
      T: Float64Array.from(sub, (c) => c.T),
      monetary: Float64Array.from(sub, (c) => c.monetary ?? 0),
    };
    const a = predictBtyd(sub, { unit: "weeks" }), b = predictBtyd(cols, { unit: "weeks" });
    if (!a.fitted || !b.fitted) throw new Error("not fitted");
    expect(Array.from(b.clv)).toEqual(Array.from(a.clv));
    const bg = b.fit.params as unknown as bgnbd.BgNbdParams, gg = b.gammagamma!.params;
    sub.forEach((c, i) => {
      const ref = clvRef((t) => eY(bg, t, c.frequency, c.recency, c.T), spendRef(gg, c.frequency, c.monetary ?? 0), 1, 0.01, 12, WEEKS_PER_MONTH);
      expect(Math.abs(b.clv[i] - ref)).toBeLessThanOrEqual(1e-10 * ref);
    });
  });

  it("scoring reports progress every 250 ms, checked every 64 new (x, T) pairs", () => {
    let clock = 0;
    const spy = jest.spyOn(globalThis.performance, "now").mockImplementation(() => (clock += 100));
    try {
      const n = 400; // every customer a new (x, T) pair: pair m is customer m − 1
      const d = { frequency: Array.from({ length: n }, (_, i) => i % 3), recency: Array.from({ length: n }, (_, i) => (i % 3 ? 5 : 0)), T: Array.from({ length: n }, (_, i) => 10 + i), monetary: new Array<number>(n).fill(10) };
      const seen: unknown[] = [];
      scoreBgNbd(LT_BG, LT_GG, d, { unit: "weeks", horizonMonths: 1, onProgress: (p) => seen.push(p) });
      // t0 = 100; pairs 64, 128, 192 read 200, 300, 400: 400 − 100 ≥ 250 reports at customer 191;
      // pairs 256, 320, 384 read 500, 600, 700: 700 − 400 ≥ 250 reports at customer 383
      expect(seen).toEqual([
        { stage: "score", done: 191, total: n, elapsedMs: 300 },
        { stage: "score", done: 383, total: n, elapsedMs: 600 },
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("checkFittedParams: parameters within the fit's box 1e-8 … 1e8", () => {
  it("accepts the bounds, refuses just beyond them and NaN, naming the argument and the parameter", () => {
    expect(() => checkFittedParams({ r: 1e-8, alpha: 1e8, a: 1, b: 2 }, "params")).not.toThrow();
    for (const [name, v] of [["r", 1e-8 * (1 - 2e-9)], ["alpha", 1e8 * (1 + 2e-9)], ["b", NaN]] as const) {
      const e = thrown(() => checkFittedParams({ r: 0.5, alpha: 3, a: 1, b: 2, [name]: v }, "bg_params"));
      expect([e.code, e.key, e.where?.argument]).toEqual([ErrorCodes.OutOfRange, "params.outsideFit", "bg_params"]);
      expect(e.message).toBe(`bg_params: ${name} = ${String(v)} is outside the range a CVA fit returns (1e-8 to 1e8)`);
    }
  });
});
