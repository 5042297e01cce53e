/**
 * The forecast's arguments (src/core/clv/forecast.ts): each refused with its key, parameters and
 * place, the limits taken; histories and spends that are not finite named by row and column; a
 * spend of 0 taken; and the payback period when the discounted margin reaches the cost exactly.
 */
import { countModel } from "../../../src/core";
import { forecastBase, newCustomerValue, resolveForecastOptions, MAX_FORECAST_PERIODS } from "../../../src/core/clv/forecast";
import { given } from "../../../src/core/i18n/errors";
import { thrown } from "../../support/thrown";

const bg = countModel("bgnbd");
const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const data = { frequency: [0, 2, 5], recency: [0, 10, 30], T: [20, 30, 40] };
const fault = (f: () => unknown) => {
  const e = thrown(f);
  return { code: e.code, key: e.key, params: e.params, where: e.where };
};

describe("the forecast's options", () => {
  it("periods: a whole number from 1 to 1,200, both ends taken", () => {
    expect(MAX_FORECAST_PERIODS).toBe(1200);
    for (const bad of [0, 1201, 2.5]) {
      expect(fault(() => resolveForecastOptions({ periods: bad, periodLength: 1 }))).toEqual({
        code: "OUT_OF_RANGE",
        key: "arg.wholeBetween",
        params: { arg: "periods", min: 1, max: 1200, got: bad },
        where: { argument: "periods" },
      });
    }
    expect(resolveForecastOptions({ periods: 1, periodLength: 1 })).toEqual({ periods: 1, periodLength: 1, discount: 0, margin: 1 });
    expect(resolveForecastOptions({ periods: 1200, periodLength: 0.5, discount: 0.02, margin: 0.3 })).toEqual({ periods: 1200, periodLength: 0.5, discount: 0.02, margin: 0.3 });
  });

  it("a discount or margin that is not a number is named", () => {
    for (const arg of ["discount", "margin"] as const) {
      const e = fault(() => resolveForecastOptions({ periods: 3, periodLength: 1, [arg]: Number.NaN }));
      expect(e.key).toBe("arg.notNumber");
      expect(e.where).toEqual({ argument: arg });
      expect(e.params!.arg).toBe(arg);
    }
  });
});

describe("the base forecast's data", () => {
  const months = { periods: 3, periodLength: 4 };
  it("a history value that is not finite, named by row and column", () => {
    expect(fault(() => forecastBase(bg, params, { ...data, recency: [0, Infinity, 30] }, 10, months))).toEqual({
      code: "OUT_OF_RANGE",
      key: "population.notFinite",
      params: { arg: "recency", row: 2, got: Infinity },
      where: { row: 2, column: "recency" },
    });
    expect(fault(() => forecastBase(bg, params, { ...data, T: [20, 30, Number.NaN] }, 10, months))).toEqual({
      code: "INVALID_TYPE",
      key: "population.notNumber",
      params: { arg: "T", row: 3, got: given(Number.NaN) },
      where: { row: 3, column: "T" },
    });
  });

  it("spends: one for all at least 0, or one per customer each finite and ≥ 0, as many as customers", () => {
    expect(fault(() => forecastBase(bg, params, data, -1, months))).toEqual({
      code: "OUT_OF_RANGE",
      key: "arg.atLeast",
      params: { arg: "spend", min: 0, hint: "", got: -1 },
      where: { argument: "spend" },
    });
    expect(fault(() => forecastBase(bg, params, data, [1, 2], months))).toEqual({
      code: "INCONSISTENT_DATA",
      key: "data.lengthMismatch",
      params: { arg: "spend", count: 2, otherArg: "frequency", otherCount: 3 },
      where: { argument: "spend" },
    });
    expect(fault(() => forecastBase(bg, params, { ...data, T: [20, 30] }, 10, months)).params).toEqual({ arg: "T", count: 2, otherArg: "frequency", otherCount: 3 });
    expect(fault(() => forecastBase(bg, params, data, [1, -2, 3], months))).toEqual({
      code: "OUT_OF_RANGE",
      key: "history.negativeAt",
      params: { arg: "spend", row: 2, got: -2 },
      where: { row: 2, column: "spend" },
    });
    // 0 is a spend: the revenue is 0, the transactions are not
    const zero = forecastBase(bg, params, data, [0, 0, 0], months);
    expect(zero.revenue).toBe(0);
    expect(zero.transactions).toBeGreaterThan(0);
  });

  it("carries the unit when given, and has none otherwise", () => {
    expect(forecastBase(bg, params, data, 10, { ...months, unit: "weeks" }).unit).toBe("weeks");
    expect("unit" in forecastBase(bg, params, data, 10, months)).toBe(false);
  });
});

describe("a new customer's value", () => {
  const options = { periods: 6, periodLength: 4, discount: 0.01, margin: 0.3 };
  it("the spend and the cost at least 0, named", () => {
    expect(fault(() => newCustomerValue(bg, params, -5, options)).params).toEqual({ arg: "spend", min: 0, hint: "", got: -5 });
    expect(fault(() => newCustomerValue(bg, params, 5, { ...options, acquisitionCost: -1 })).params).toEqual({ arg: "acquisitionCost", min: 0, hint: "", got: -1 });
  });

  it("pays back in the period whose cumulative discounted margin reaches the cost exactly, not only passes it", () => {
    const v = newCustomerValue(bg, params, 40, options);
    expect(v.acquisitionCost).toBeNull();
    expect(v.paybackPeriod).toBeNull();
    expect(v.clvToCac).toBeNull();
    // the cost equal to the margin of the first three periods, summed in the same order
    const cost = v.rows[0].discounted + v.rows[1].discounted + v.rows[2].discounted;
    expect(newCustomerValue(bg, params, 40, { ...options, acquisitionCost: cost }).paybackPeriod).toBe(3);
    expect(newCustomerValue(bg, params, 40, { ...options, acquisitionCost: cost * (1 + 1e-12) }).paybackPeriod).toBe(4);
    expect(newCustomerValue(bg, params, 40, { ...options, acquisitionCost: 0 }).paybackPeriod).toBe(0);
    expect(newCustomerValue(bg, params, 40, { ...options, acquisitionCost: 1e9 }).paybackPeriod).toBeNull();
  });
});
