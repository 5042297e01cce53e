/**
 * Gamma-Gamma's edges (src/core/clv/gammagamma.ts): E[M | x, z̄] (FH 2013 eq. 5) worked by hand
 * at x = 0 and x > 0, its refusals of a spend that is not a finite number and of parameters with
 * no finite mean (p·x + q ≤ 1, the edge itself included), the population mean pγ/(q − 1); the
 * fit's log-likelihood with a penalty (the likelihood at the estimate, without the penalty: FH 2013
 * eq. 1a summed here per buyer with logGamma, which test/core/math pins to SciPy); and the spend
 * data a fit keeps, given back only for the very columns and rule it was made with.
 */
import { gammagamma, ErrorCodes, type ModelProgress } from "../../../src/core";
import { spendDataOfFit } from "../../../src/core/clv/gammagamma";
import { logGamma } from "../../../src/core/math/special";
import { thrown } from "../../support/thrown";

const gg = { p: 6.25, q: 3.74, v: 15.44 };

describe("conditionalExpectedAverageValue and populationMeanValue", () => {
  it("are FH 2013 eq. 5 worked by hand", () => {
    // x = 0: pγ/(q − 1) = 6.25 · 15.44 / 2.74 = 96.5 / 2.74, whatever the spend given
    expect(gammagamma.conditionalExpectedAverageValue(gg, 0, 0)).toBeCloseTo(96.5 / 2.74, 12);
    expect(gammagamma.conditionalExpectedAverageValue(gg, 0, 50)).toBeCloseTo(96.5 / 2.74, 12);
    expect(gammagamma.populationMeanValue(gg)).toBeCloseTo(96.5 / 2.74, 12);
    // x = 2, z̄ = 22.35: p(γ + x z̄)/(px + q − 1) = 6.25 · 60.14 / 15.24
    expect(gammagamma.conditionalExpectedAverageValue(gg, 2, 22.35)).toBeCloseTo((6.25 * 60.14) / 15.24, 12);
  });

  it("refuse a spend that is not a finite number, naming the spend", () => {
    const bad: [unknown, string, string][] = [
      [Number.NaN, ErrorCodes.InvalidType, "arg.notNumber"],
      ["22", ErrorCodes.InvalidType, "arg.notNumber"],
      [Number.POSITIVE_INFINITY, ErrorCodes.InvalidType, "arg.notFinite"],
    ];
    for (const [z, code, key] of bad) {
      const e = thrown(() => gammagamma.conditionalExpectedAverageValue(gg, 2, z as number));
      expect([e.code, e.key, e.where, e.params?.arg]).toEqual([code, key, { argument: "monetary" }, "monetary"]);
    }
    // the infinite spend's message: no hint follows the argument's name
    expect(thrown(() => gammagamma.conditionalExpectedAverageValue(gg, 2, Number.POSITIVE_INFINITY)).params).toStrictEqual({ arg: "monetary", hint: "", got: Number.POSITIVE_INFINITY });
    expect(thrown(() => gammagamma.conditionalExpectedAverageValue(gg, -1, 10)).where).toEqual({ argument: "frequency" });
  });

  it("refuse parameters with no finite mean: p·x + q ≤ 1, the edge p·x + q = 1 included", () => {
    for (const [params, x] of [[{ p: 6.25, q: 1, v: 15.44 }, 0], [{ p: 0.25, q: 0.5, v: 10 }, 2], [{ p: 0.2, q: 0.5, v: 10 }, 2]] as const) {
      const e = thrown(() => gammagamma.conditionalExpectedAverageValue(params, x, 10));
      expect([e.code, e.key, e.where, e.params]).toEqual([ErrorCodes.OutOfRange, "spend.infiniteMean", { argument: "q" }, { x, q: params.q }]);
    }
    expect(thrown(() => gammagamma.populationMeanValue({ p: 6.25, q: 0.9, v: 15.44 })).key).toBe("spend.infiniteMean");
    // just above the edge: p·x + q − 1 = 0.05
    expect(gammagamma.conditionalExpectedAverageValue({ p: 0.25, q: 0.55, v: 10 }, 2, 10)).toBeCloseTo((0.25 * 30) / 0.05, 9);
  });
});

/** FH 2013 eq. 1a summed over the repeat buyers. */
function logLikelihood(params: { p: number; q: number; v: number }, x: number[], z: number[]): number {
  const { p, q, v } = params;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === 0) continue;
    const px = p * x[i];
    s += logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(z[i]) + px * Math.log(x[i]) - (px + q) * Math.log(v + x[i] * z[i]);
  }
  return s;
}

describe("the Gamma-Gamma fit", () => {
  const frequency = [2, 1, 0, 3, 5, 1, 2, 4, 0, 6, 1, 3];
  const monetary = [22.35, 11.77, 0, 40, 18.5, 9.99, 31.2, 25, 0, 14.1, 55, 27.8];

  it("reports the log-likelihood at its estimate without the penalty, penalised or not", () => {
    for (const penalizer of [0, 0.1]) {
      const f = gammagamma.fit({ frequency, monetary }, { penalizer });
      expect(f.customers).toBe(10);
      expect(f.logLikelihood).toBeCloseTo(logLikelihood(f.params, frequency, monetary), 8);
    }
  });

  it("names the model in its progress and the parameters it cannot identify", () => {
    // Ten buyers who all spend 20 on average (one 20.001, so that the data are not refused as
    // constant): nothing in them separates the spread of a customer's spends from the spread
    // between customers, and all three parameters run to the box's edge, 1e8, named in order.
    const seen: ModelProgress[] = [];
    const f = gammagamma.fit(
      { frequency: [2, 1, 3, 5, 1, 2, 4, 6, 1, 3], monetary: [20, 20, 20, 20, 20, 20, 20, 20, 20, 20.001] },
      { onProgress: (p) => seen.push(p) },
    );
    expect(seen[0]).toMatchObject({ stage: "fit", model: "Gamma-Gamma", iterations: 1 });
    expect(f.converged).toBe(false);
    expect([f.messageKey, f.messageParams]).toStrictEqual(["fit.boundary.many", { limits: "p 1.00e+8, q 1.00e+8, v 1.00e+8" }]);
  });

  it("keeps its spend data for the very columns and rule it was made with, and no other", () => {
    const columns = { frequency, monetary };
    const f = gammagamma.fit(columns);
    const d = spendDataOfFit(f, columns);
    expect(d).toBeDefined();
    expect([d!.buyers, d!.totalWeight, d!.excluded]).toEqual([10, 10, 0]);
    expect(spendDataOfFit(f, columns, "error")).toBe(d);
    expect(spendDataOfFit(f, columns, "exclude")).toBeUndefined();
    expect(spendDataOfFit(f, { frequency, monetary })).toBeUndefined();
    expect(spendDataOfFit({ ...f }, columns)).toBeUndefined();
    // a fit that leaves non-positive spends out keeps its data under that rule only
    const withZero = { frequency: [...frequency, 2], monetary: [...monetary, 0] };
    const g = gammagamma.fit(withZero, { nonPositive: "exclude" });
    expect(spendDataOfFit(g, withZero, "exclude")!.excluded).toBe(1);
    expect(spendDataOfFit(g, withZero)).toBeUndefined();
  });
});
