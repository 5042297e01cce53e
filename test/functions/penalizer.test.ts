/**
 * The optional last argument [penalizer] of every =CVA.FIT.* (lifetimes' penalizer_coef,
 * FitOptions.penalizer): a penalised fit in a cell is the core's fit with that penalty, differs
 * from the plain one, is kept apart from it in the cache, and a bad penalty is named in both
 * languages. CDNOW summary to 1997-09-30 (data/cdnow/cdnow_customers_summary_with_transactions.csv)
 * and the donations (data/cdnow/donations.csv).
 */
import { readFileSync } from "fs";
import path from "path";
import { fit, fitBgbb, fitBgnbd, fitGg, fitMbgnbd, fitParetonbd } from "../../src/functions/functions";
import { clearCache } from "../../src/functions/cache";
import { bgbb, bgnbd, compareModels, gammagamma, mbgnbd, paretonbd } from "../../src/core";
import { call, cdnowSummary, err, inLanguage } from "./call";

const file = cdnowSummary();
const rfm = { frequency: file.x, recency: file.tx, T: file.T };
const values = (out: unknown) => (out as unknown[][])[1].slice(1, -2) as number[];

beforeEach(() => clearCache());

describe("=CVA.FIT.*(…, penalizer)", () => {
  it.each([
    ["FIT.BGNBD", fitBgnbd, bgnbd, ["r", "alpha", "a", "b"]],
    ["FIT.MBGNBD", fitMbgnbd, mbgnbd, ["r", "alpha", "a", "b"]],
    ["FIT.PARETONBD", fitParetonbd, paretonbd, ["r", "alpha", "s", "beta"]],
  ] as const)("%s with 0.001 is the core's penalised fit, not the plain one; omitted or 0 is the plain fit", (_id, fn, core, names) => {
    const penalised = core.fit(rfm, { penalizer: 0.001 }).params as unknown as Record<string, number>;
    const plain = core.fit(rfm).params as unknown as Record<string, number>;
    const out = call(fn, file.x, file.tx, file.T, 0.001);
    values(out).forEach((v, i) => expect(Math.abs(v / penalised[names[i]] - 1)).toBeLessThan(1e-12));
    // alpha moves by more than 1 %: the penalty was applied.
    expect(Math.abs(values(out)[1] / plain.alpha - 1)).toBeGreaterThan(0.01);
    // The cache keeps the two fits apart, in either order.
    values(call(fn, file.x, file.tx, file.T)).forEach((v, i) => expect(Math.abs(v / plain[names[i]] - 1)).toBeLessThan(1e-12));
    values(call(fn, file.x, file.tx, file.T, 0)).forEach((v, i) => expect(Math.abs(v / plain[names[i]] - 1)).toBeLessThan(1e-12));
    values(call(fn, file.x, file.tx, file.T, 0.001)).forEach((v, i) => expect(Math.abs(v / penalised[names[i]] - 1)).toBeLessThan(1e-12));
  });

  it("FIT.GG with 0.001: Gamma-Gamma's penalised p, q, v (7.91, 2.45, 7.21 on CDNOW against 6.25, 3.74, 15.44)", () => {
    const penalised = gammagamma.fit({ frequency: file.x, monetary: file.zbar }, { penalizer: 0.001 }).params;
    const [p, q, v] = values(call(fitGg, file.x, file.zbar, 0.001));
    expect([p / penalised.p, q / penalised.q, v / penalised.v].map((r) => Math.abs(r - 1) < 1e-12)).toEqual([true, true, true]);
    const [, , vPlain] = values(call(fitGg, file.x, file.zbar));
    expect(v).toBeLessThan(vPlain - 1);
  });

  it("FIT with a model and a penalty, and auto with a penalty: each model of the comparison penalised", () => {
    const penalised = bgnbd.fit(rfm, { penalizer: 0.001 }).params;
    expect(values(call(fit, file.x, file.tx, file.T, "bgnbd", 0.001))[1]).toBeCloseTo(penalised.alpha, 12);
    const c = compareModels(rfm, { penalizer: 0.001 });
    const out = call(fit, file.x, file.tx, file.T, "auto", 0.001) as unknown[][];
    const chosen = c.fits[c.chosen]!.params as unknown as Record<string, number>;
    expect(out[1].slice(1, 5)).toEqual(Object.values(chosen));
    // An omitted model with a penalty is auto.
    expect((call(fit, file.x, file.tx, file.T, undefined, 0.001) as unknown[][])[1].slice(1, 5)).toEqual(Object.values(chosen));
  });

  it("FIT.BGBB on the donations with 0.001 is the core's penalised BG/BB", () => {
    const lines = readFileSync(path.resolve(__dirname, "../../data/cdnow/donations.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
    const col = (k: number) => lines.map((r) => r[k]);
    const data = { frequency: col(0), recency: col(1), periods: col(2), weights: col(3) };
    const penalised = bgbb.fit(data, { penalizer: 0.001 }).params;
    const plain = bgbb.fit(data).params;
    const v = values(call(fitBgbb, col(0), col(1), col(2), col(3), 0.001));
    expect(v.map((x, i) => Math.abs(x / Object.values(penalised)[i] - 1) < 1e-12)).toEqual([true, true, true, true]);
    expect(Math.abs(v[0] / plain.alpha - 1)).toBeGreaterThan(1e-3);
  });

  it("names a negative or non-numeric penalty, in both languages", () => {
    expect(call(fitBgnbd, file.x, file.tx, file.T, -0.1)).toEqual(err("#VALUE!", "penalizer must be at least 0"));
    expect(call(fitGg, file.x, file.zbar, "abc")).toEqual(err("#VALUE!", "penalizer"));
    expect(inLanguage("zh-CN", () => call(fit, file.x, file.tx, file.T, "auto", -1))).toEqual(err("#VALUE!", "惩罚系数不能小于 0（对参数的 L2 惩罚，0 表示不加，例如 0.001）；实际为-1"));
  });
});
