// The fitted parameters beside their standard errors and 95 % intervals, as the report shows
// them (src/core/analyze/parameters.ts; docs/models/uncertainty.md §1–§2, §6). Expected values
// from Python lifetimes 0.11.3 (test/fixtures/lifetimes-se.{py,json}: its summary's se(coef) and
// the covariance of the log-parameters, inv(H)/n) on CDNOW's calibration summary.
import { analyze, predictBtyd, type BtydPrediction } from "../../src/core";
import { fitUncertainty } from "../../src/core/clv/intervals";
import { parameterTable } from "../../src/core/analyze/parameters";
import { cdnowSummary, cdnowTransactions } from "./clv/cdnow";
import fixture from "../fixtures/lifetimes-se.json";

const c = cdnowSummary();
const data = { frequency: Float64Array.from(c.frequency), recency: Float64Array.from(c.recency), T: Float64Array.from(c.T), monetary: Float64Array.from(c.monetary) };

describe("the parameter table on CDNOW", () => {
  const r = predictBtyd(data, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const table = parameterTable(r, fitUncertainty(r, data), "en-US");

  test("BG/NBD's and Gamma-Gamma's estimates and standard errors are lifetimes' (1 %)", () => {
    expect(table.rows.map((x) => `${x.model} ${x.name}`)).toEqual(["BG/NBD r", "BG/NBD alpha", "BG/NBD a", "BG/NBD b", "Gamma-Gamma p", "Gamma-Gamma q", "Gamma-Gamma v"]);
    const want = { ...fixture.fits.bgnbd.se, ...(fixture.fits as unknown as Record<string, { se: Record<string, number> }>).gammagamma.se } as Record<string, number>;
    for (const row of table.rows) {
      expect([row.name, row.se! / want[row.name]]).toEqual([row.name, expect.closeTo(1, 2)]);
    }
    expect(table.unavailable).toEqual([]);
  });

  test("the 95 % interval is exp(ln θ ± 1.96 · se(ln θ)) with lifetimes' covariance of the log-parameters (1 %): positive, around the estimate", () => {
    const names = fixture.fits.bgnbd.names;
    const cov = fixture.fits.bgnbd.logCovariance;
    for (const [i, name] of names.entries()) {
      const row = table.rows.find((x) => x.model === "BG/NBD" && x.name === name)!;
      const s = Math.sqrt(cov[i][i]);
      const theta = (fixture.fits.bgnbd.params as Record<string, number>)[name];
      expect(row.low! / (theta * Math.exp(-1.96 * s))).toBeCloseTo(1, 2);
      expect(row.high! / (theta * Math.exp(1.96 * s))).toBeCloseTo(1, 2);
      expect(row.low!).toBeGreaterThan(0);
      expect(row.low!).toBeLessThan(row.estimate);
      expect(row.high!).toBeGreaterThan(row.estimate);
    }
  });

  test("a fit that did not converge gives its estimates without numbers and says why, in both languages", () => {
    const bad: BtydPrediction = { ...r, fit: { ...r.fit, converged: false } };
    const u = fitUncertainty(bad, data);
    const en = parameterTable(bad, u, "en-US");
    expect(en.rows.filter((x) => x.model === "BG/NBD").map((x) => [x.se, x.low, x.high])).toEqual(Array(4).fill([null, null, null]));
    expect(en.rows.find((x) => x.name === "r")!.estimate).toBe(r.fit.params.r);
    expect(en.unavailable).toEqual(["BG/NBD: uncertainty cannot be computed because the fit did not converge, so its estimate is not a maximum of the likelihood"]);
    expect(parameterTable(bad, u, "zh-CN").unavailable[0]).toMatch(/^BG\/NBD：|^BG\/NBD: /);
    // Gamma-Gamma's own fit converged: its numbers stay.
    expect(en.rows.filter((x) => x.model === "Gamma-Gamma").every((x) => x.se !== null && x.se > 0)).toBe(true);
  });
});

test("the analysis reports the chosen model's parameters with theirs (auto on CDNOW: MBG/NBD + Gamma-Gamma)", () => {
  const { report } = analyze({ transactions: cdnowTransactions() }, { end: "1997-09-30", unit: "weeks", lifetime: { model: "auto" } });
  const p = report.model.parameters!;
  expect(report.model.countModel).toBe("mbgnbd");
  expect(p.rows.map((x) => `${x.model} ${x.name}`)).toEqual(["MBG/NBD r", "MBG/NBD alpha", "MBG/NBD a", "MBG/NBD b", "Gamma-Gamma p", "Gamma-Gamma q", "Gamma-Gamma v"]);
  for (const x of p.rows) expect(x.low! < x.estimate && x.estimate < x.high! && x.se! > 0).toBe(true);
  // MBG/NBD's standard errors are lifetimes' too (ModifiedBetaGeoFitter's summary), 1 %.
  const want = (fixture.fits as unknown as Record<string, { se: Record<string, number> }>).mbgnbd.se;
  for (const x of p.rows.slice(0, 4)) expect(x.se! / want[x.name]).toBeCloseTo(1, 2);
});
