/**
 * The BTYD functions on CDNOW, as an analyst would chain them in a sheet: =CVA.SUMMARY
 * over the transactions, then =CVA.FIT.* over its columns, then the predictions. The
 * summary is unrounded (the published file rounds to 2 decimals), so the fits meet the
 * published digits of Pareto/NBD and Gamma-Gamma, and the BTYDplus digits of MBG/NBD (as
 * lifetimes' tests quote them). BG/NBD's published estimates were
 * made on the 2-decimal summary file (Hardie's spreadsheet), so FIT.BGNBD is checked on the
 * file's columns. See test/core/clv/cdnow-published.test.ts for each tolerance's reason
 * (BG/NBD a within 1.5e-4: Solver's published a is not the maximum).
 */
import { fitBgnbd, fitParetonbd, fitMbgnbd, fitGg, palive, expected, spend, clvBtyd, summary } from "../../src/functions/functions";
import { cacheStats, clearCache } from "../../src/functions/cache";
import { call, err, cdnowSheetSummary, cdnowSummary } from "./call";

const sheet = cdnowSheetSummary(summary);
const s = { x: sheet.x, tx: sheet.tx, T: sheet.T, zbar: sheet.m };
const file = cdnowSummary();
let bg: unknown[][];
let gg: unknown[][];

beforeAll(() => {
  clearCache();
  bg = call(fitBgnbd, file.x, file.tx, file.T) as unknown[][];
  gg = call(fitGg, s.x, s.zbar) as unknown[][];
});

const decimals = (k: number) => 0.5 * 10 ** -k + 1e-12;
/** "To 4 significant digits": half a unit of the 4th significant digit of the published figure. */
const sig4 = (published: number) => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(published))) - 3) + 1e-12;
const near = (v: number, published: number, tol: number) => expect(Math.abs(v - published)).toBeLessThanOrEqual(tol);

describe("=CVA.FIT.* on CDNOW (Fader, Hardie & Lee 2005 and the lifetimes figures)", () => {
  it("FIT.BGNBD spills a label row and r, alpha, a, b to 4 significant digits, LL −9582.43", () => {
    expect(bg[0]).toEqual(["model", "r", "alpha", "a", "b", "log_likelihood", "customers"]);
    const [model, r, alpha, a, b, ll, n] = bg[1] as [string, number, number, number, number, number, number];
    expect(model).toBe("BG/NBD");
    near(r, 0.2426, sig4(0.2426));
    near(alpha, 4.4137, sig4(4.4137));
    near(a, 0.793, 1.5e-4);
    near(b, 2.4262, sig4(2.4262));
    near(ll, -9582.43, decimals(2));
    expect(n).toBe(2357);
  });

  it("recalculating with the same ranges never refits (cached by content)", () => {
    const before = cacheStats();
    const again = call(fitBgnbd, file.x, file.tx, file.T);
    expect(again).toEqual(bg);
    expect(cacheStats().hits).toBe(before.hits + 1);
    expect(cacheStats().misses).toBe(before.misses);
    // A changed range refits.
    call(fitBgnbd, file.x.map((x, i) => (i === 0 ? x + 1 : x)), file.tx, file.T);
    expect(cacheStats().misses).toBe(before.misses + 1);
  });

  it("FIT.PARETONBD: r 0.553, alpha 10.578, s 0.606, beta 11.669, LL −9594.98", () => {
    const [, r, alpha, sh, beta, ll] = (call(fitParetonbd, s.x, s.tx, s.T) as unknown[][])[1] as number[];
    [[r, 0.553], [alpha, 10.578], [sh, 0.606], [beta, 11.669]].forEach(([v, p]) => near(v, p, decimals(3)));
    near(ll, -9594.98, decimals(2));
  });

  it("FIT.MBGNBD: r 0.525, alpha 6.183, a 0.891, b 1.614", () => {
    const [model, r, alpha, a, b] = (call(fitMbgnbd, s.x, s.tx, s.T) as unknown[][])[1] as [string, number, number, number, number];
    expect(model).toBe("MBG/NBD");
    [[r, 0.525], [alpha, 6.183], [a, 0.891], [b, 1.614]].forEach(([v, p]) => near(v, p, decimals(3)));
  });

  it("FIT.GG on the repeat buyers: p 6.25, q 3.74, v 15.44", () => {
    const [model, p, q, v] = gg[1] as [string, number, number, number];
    expect(model).toBe("Gamma-Gamma");
    [[p, 6.25], [q, 3.74], [v, 15.44]].forEach(([x, pub]) => near(x, pub, decimals(2)));
  });

  it("a fit on data where nobody repeats is #N/A naming the problem", () => {
    expect(call(fitBgnbd, [0, 0, 0], [0, 0, 0], [10, 20, 30])).toEqual(err("#N/A", "BG/NBD"));
  });

  it("text in a column names the argument and row", () => {
    expect(call(fitBgnbd, [1, 2, "x"], [1, 2, 3], [5, 5, 5])).toEqual(err("#VALUE!", 'frequency: row 3 holds the text "x"'));
  });
});

describe("=CVA.PALIVE, =CVA.EXPECTED, =CVA.SPEND, =CVA.CLV.BTYD", () => {
  it("EXPECTED(39, 2, 30.43, 38.86) = 1.226 (FHL 2005)", () => {
    expect((call(expected, 39, 2, 30.43, 38.86, bg) as number[][])[0][0]).toBeCloseTo(1.226, 3);
  });

  it("PALIVE spills one probability per customer, all in [0, 1]; one-time buyers are alive (BG/NBD)", () => {
    const p = (call(palive, s.x, s.tx, s.T, bg) as number[][]).map((r) => r[0]);
    expect(p).toHaveLength(2357);
    expect(Math.min(...p)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...p)).toBeLessThanOrEqual(1);
    expect(p[s.x.indexOf(0)]).toBe(1);
  });

  it("reads the parameters as two columns too (labels beside values)", () => {
    const vertical = (bg[0] as unknown[]).map((label, j) => [label, (bg[1] as unknown[])[j]]);
    expect(call(palive, 2, 30.43, 38.86, vertical)).toEqual(call(palive, 2, 30.43, 38.86, bg));
  });

  it("SPEND: E[M] for customers 1–10 = 24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17", () => {
    const out = (call(spend, s.x.slice(0, 10), s.zbar.slice(0, 10), gg) as number[][]).map((r) => r[0]);
    [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17].forEach((pub, i) => near(out[i], pub, decimals(2)));
  });

  it("CLV.BTYD over one month, no discount, margin 1 = expected purchases in that month × expected spend", () => {
    const month = 365.25 / 12 / 7; // weeks in a month
    const e = (call(expected, month, 2, 30.43, 38.86, bg) as number[][])[0][0];
    const m = (call(spend, 2, 22.35, gg) as number[][])[0][0];
    const [[v]] = call(clvBtyd, 2, 30.43, 38.86, 22.35, bg, gg, 1, 0, 1, "weeks") as number[][];
    expect(v).toBeCloseTo(e * m, 10);
    // A 12-month horizon discounted at 1% a month is worth less than undiscounted, more than one month.
    const [[d12]] = call(clvBtyd, 2, 30.43, 38.86, 22.35, bg, gg, 12, 0.01, 1) as number[][];
    const [[u12]] = call(clvBtyd, 2, 30.43, 38.86, 22.35, bg, gg, 12, 0, 1) as number[][];
    expect(d12).toBeGreaterThan(v);
    expect(d12).toBeLessThan(u12);
  });

  it("errors: recency > T, a wrong parameter table, the wrong model", () => {
    expect(call(palive, 2, 40, 38.86, bg)).toEqual([[err("#VALUE!", "recency 40 is greater than T 38.86")]]);
    expect(call(palive, 2, 30, 38.86, [[1, 2, 3, 4]])).toEqual(err("#VALUE!", "params must be the table a =CVA.FIT function returns"));
    expect(call(palive, 2, 30, 38.86, gg)).toEqual(err("#VALUE!", "params holds Gamma-Gamma parameters; this function needs BG/NBD, MBG/NBD, Pareto/NBD"));
    expect(call(spend, 2, 20, bg)).toEqual(err("#VALUE!", "gg_params holds BG/NBD parameters"));
    expect(call(clvBtyd, 2, 30, 38, 20, bg, gg, 12, 0.01, 1, "fortnights")).toEqual(err("#VALUE!", 'unit must be one of "days", "weeks", "months"'));
  });
});
