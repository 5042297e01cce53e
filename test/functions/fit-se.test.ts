/**
 * The optional last argument [se] of every =CVA.FIT.*: TRUE adds three rows under the fit — the
 * standard errors ("se") and the 95 % interval's ends ("ci95_low", "ci95_high") — equal to the
 * core's countModelUncertainty / gammaGammaUncertainty / bgbbUncertainty for the same fit, and for
 * BG/NBD and Gamma-Gamma within 1 % of Python lifetimes' summary (test/fixtures/lifetimes-se.json,
 * made by test/fixtures/lifetimes-se.py). FALSE, 0 or omitted: the two rows as before; anything
 * else is named. The prediction functions read a five-row table as the two-row one. Where the
 * uncertainty cannot be computed, the "se" row says why in Office's language.
 * CDNOW summary to 1997-09-30 and the donations (data/cdnow/).
 */
import { readFileSync } from "fs";
import path from "path";
import { fit, fitBgbb, fitBgnbd, fitGg, fitMbgnbd, fitParetonbd, palive } from "../../src/functions/functions";
import { withUncertainty } from "../../src/functions/fits";
import { clearCache } from "../../src/functions/cache";
import { bgbb, bgbbUncertainty, bgnbd, compareModels, countModelUncertainty, gammagamma, gammaGammaUncertainty, mbgnbd, paretonbd, type ParameterUncertainty, type UncertaintyResult } from "../../src/core";
import { call, cdnowSummary, err, inLanguage } from "./call";

const file = cdnowSummary();
const rfm = { frequency: file.x, recency: file.tx, T: file.T };
const fixture = JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/lifetimes-se.json"), "utf8")) as { fits: Record<string, { se: Record<string, number> }> };
const rel = (a: number, b: number) => Math.abs(a / b - 1);

beforeEach(() => clearCache());

/** The three rows under the fit, checked against the core's uncertainty; returns the standard errors. */
function checkRows(out: unknown, names: readonly string[], u: UncertaintyResult): number[] {
  const t = out as unknown[][];
  expect(t).toHaveLength(5);
  expect(t.map((r) => r[0])).toEqual([t[0][0], t[1][0], "se", "ci95_low", "ci95_high"]);
  expect(t.every((r) => r.length === t[0].length)).toBe(true);
  expect(u.ok).toBe(true);
  const v = u as ParameterUncertainty;
  const se = names.map((k, i) => {
    const est = t[1][1 + i] as number;
    expect(t[0][1 + i]).toBe(k);
    expect(rel(t[2][1 + i] as number, v.se[k])).toBeLessThan(1e-9);
    // estimate ± 1.96 se, lifetimes' Wald interval.
    expect(t[3][1 + i] as number).toBeCloseTo(est - 1.96 * (t[2][1 + i] as number), 9);
    expect(t[4][1 + i] as number).toBeCloseTo(est + 1.96 * (t[2][1 + i] as number), 9);
    return t[2][1 + i] as number;
  });
  // Blank under the log-likelihood and the customer count.
  expect(t[2].slice(-2)).toEqual(["", ""]);
  return se;
}

describe("=CVA.FIT.*(…, TRUE)", () => {
  it("FIT.BGNBD: the core's standard errors, within 1 % of lifetimes'; the table still feeds PALIVE", () => {
    const out = call(fitBgnbd, file.x, file.tx, file.T, undefined, true);
    const se = checkRows(out, ["r", "alpha", "a", "b"], countModelUncertainty("bgnbd", rfm, bgnbd.fit(rfm)));
    ["r", "alpha", "a", "b"].forEach((k, i) => expect(rel(se[i], fixture.fits.bgnbd.se[k])).toBeLessThan(0.01));
    // PALIVE reads the five-row table as the two-row one.
    const two = call(fitBgnbd, file.x, file.tx, file.T);
    expect(call(palive, 2, 30.43, 38.86, out)).toEqual(call(palive, 2, 30.43, 38.86, two));
    expect(typeof (call(palive, 2, 30.43, 38.86, out) as number[][])[0][0]).toBe("number");
  });

  it("FIT.MBGNBD and FIT.PARETONBD: the core's standard errors; MBG/NBD within 1 % of lifetimes'", () => {
    const m = checkRows(call(fitMbgnbd, file.x, file.tx, file.T, 0, true), ["r", "alpha", "a", "b"], countModelUncertainty("mbgnbd", rfm, mbgnbd.fit(rfm)));
    ["r", "alpha", "a", "b"].forEach((k, i) => expect(rel(m[i], fixture.fits.mbgnbd.se[k])).toBeLessThan(0.01));
    checkRows(call(fitParetonbd, file.x, file.tx, file.T, 0, true), ["r", "alpha", "s", "beta"], countModelUncertainty("paretonbd", rfm, paretonbd.fit(rfm)));
  });

  it("FIT.GG: Gamma-Gamma's, within 1 % of lifetimes'", () => {
    const data = { frequency: file.x, monetary: file.zbar };
    const se = checkRows(call(fitGg, file.x, file.zbar, undefined, true), ["p", "q", "v"], gammaGammaUncertainty(data, gammagamma.fit(data)));
    ["p", "q", "v"].forEach((k, i) => expect(rel(se[i], fixture.fits.gammagamma.se[k])).toBeLessThan(0.01));
  });

  it("FIT (a named model and auto) and FIT.BGBB on the donations", () => {
    checkRows(call(fit, file.x, file.tx, file.T, "bgnbd", undefined, true), ["r", "alpha", "a", "b"], countModelUncertainty("bgnbd", rfm, bgnbd.fit(rfm)));
    const c = compareModels(rfm);
    const names = c.chosen === "paretonbd" ? ["r", "alpha", "s", "beta"] : ["r", "alpha", "a", "b"];
    checkRows(call(fit, file.x, file.tx, file.T, "auto", undefined, true), names, countModelUncertainty(c.chosen, rfm, c.fits[c.chosen]!));
    const lines = readFileSync(path.resolve(__dirname, "../../data/cdnow/donations.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
    const col = (k: number) => lines.map((r) => r[k]);
    const data = { frequency: col(0), recency: col(1), periods: col(2), weights: col(3) };
    const se = checkRows(call(fitBgbb, col(0), col(1), col(2), col(3), undefined, true), ["alpha", "beta", "gamma", "delta"], bgbbUncertainty(data, bgbb.fit(data)));
    // FHS 2010's standard errors: alpha 0.0694, beta 0.0294, gamma 0.0510, delta 0.321.
    expect(se.map((v) => Number(v.toPrecision(3)))).toEqual([0.0694, 0.0294, 0.051, 0.321]);
  });

  it("a penalised fit's standard errors include the penalty's curvature", () => {
    const penalised = bgnbd.fit(rfm, { penalizer: 0.001 });
    checkRows(call(fitBgnbd, file.x, file.tx, file.T, 0.001, true), ["r", "alpha", "a", "b"], countModelUncertainty("bgnbd", rfm, penalised, { penalizer: 0.001 }));
  });
});

describe("[se] off, and bad values", () => {
  it("FALSE, 0 and omitted: the two rows", () => {
    const two = call(fitBgnbd, file.x, file.tx, file.T) as unknown[][];
    expect(two).toHaveLength(2);
    expect(call(fitBgnbd, file.x, file.tx, file.T, undefined, false)).toEqual(two);
    expect(call(fitBgnbd, file.x, file.tx, file.T, 0, 0)).toEqual(two);
    expect((call(fitGg, file.x, file.zbar, 0, false) as unknown[][]).length).toBe(2);
  });

  it("anything else is named, in both languages", () => {
    expect(call(fitBgnbd, file.x, file.tx, file.T, 0, "yes")).toEqual(err("#VALUE!", 'se must be one of TRUE, FALSE; got "yes"'));
    expect(inLanguage("zh-CN", () => call(fitGg, file.x, file.zbar, 0, 2))).toEqual(err("#VALUE!", "se必须是 TRUE, FALSE 之一；实际为2"));
  });
});

describe("when the uncertainty cannot be computed", () => {
  it("the se row gives the reason in Office's language; the interval rows are blank", () => {
    const table = [["model", "r", "alpha", "a", "b", "log_likelihood", "customers"], ["BG/NBD", 1, 1, 1, 1, -10, 4]];
    const same = { frequency: [2, 2, 2, 2], recency: [10, 10, 10, 10], T: [30, 30, 30, 30] };
    const u = countModelUncertainty("bgnbd", same, { params: { r: 1, alpha: 1, a: 1, b: 1 } });
    expect(u.ok).toBe(false);
    const en = inLanguage("en-US", () => withUncertainty(table, "BG/NBD", u));
    expect(en.slice(2)).toEqual([
      ["se", expect.stringMatching(/^uncertainty cannot be computed because every customer has the same history/), "", "", "", "", ""],
      ["ci95_low", "", "", "", "", "", ""],
      ["ci95_high", "", "", "", "", "", ""],
    ]);
    const zh = inLanguage("zh-CN", () => withUncertainty(table, "BG/NBD", u));
    expect(zh[2][1]).toMatch(/^无法计算不确定性，因为所有客户的购买历史都相同/);
  });
});
