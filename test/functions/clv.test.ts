import { clv, CLV_ARGS } from "../../src/functions/functions";

/** Calls the custom function and returns either its number or the Excel error it throws. */
function call(...args: unknown[]): number | { code: string; message: string } {
  try {
    return (clv as (...a: unknown[]) => number)(...args);
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message };
  }
}

describe("=CVA.CLV(margin, retention, discount, [periods], [acquisition_cost])", () => {
  it("=CVA.CLV(100, 0.8, 0.1) = 100·0.8/(1.1−0.8) = 266.67", () => {
    expect(call(100, 0.8, 0.1)).toBeCloseTo(266.6667, 4);
  });

  it("=CVA.CLV(100, 0.8, 0.1, 3) = 72.727 + 52.893 + 38.467 = 164.09", () => {
    expect(call(100, 0.8, 0.1, 3)).toBeCloseTo(72.7273 + 52.8926 + 38.4673, 3);
  });

  it("=CVA.CLV(100, 0.8, 0.1, , 50) subtracts the acquisition cost; blank optional arguments take their defaults", () => {
    expect(call(100, 0.8, 0.1, null, 50)).toBeCloseTo(216.6667, 4);
    expect(call(100, 0.8, 0.1, "", "")).toBeCloseTo(266.6667, 4);
  });

  it("accepts a single-cell reference handed over as a 1×1 array", () => {
    expect(call([[100]], [[0.8]], [[0.1]], [[3]])).toBeCloseTo(164.0872, 4);
  });

  const cases: Array<[string, unknown[], string, string]> = [
    ["text margin", ["abc", 0.8, 0.1], "#VALUE!", 'margin must be a number; got the text "abc"'],
    ["blank retention", [100, null, 0.1], "#VALUE!", "retention is required; got a blank cell"],
    ["empty-string discount", [100, 0.8, ""], "#VALUE!", "discount is required"],
    ["boolean margin", [true, 0.8, 0.1], "#VALUE!", "margin must be a number; got the logical value TRUE"],
    ["retention 1", [100, 1, 0.1], "#NUM!", "retention must be below 1"],
    ["retention -0.2", [100, -0.2, 0.1], "#NUM!", "retention must be at least 0"],
    ["discount -1", [100, 0.8, -1], "#NUM!", "discount must be greater than -1"],
    ["periods 0", [100, 0.8, 0.1, 0], "#NUM!", "periods must be at least 1"],
    ["periods 2.5", [100, 0.8, 0.1, 2.5], "#NUM!", "periods must be a whole number"],
    ["text periods", [100, 0.8, 0.1, "three"], "#VALUE!", "periods must be a number"],
    ["text acquisition_cost", [100, 0.8, 0.1, 3, "x"], "#VALUE!", "acquisition_cost must be a number"],
    ["unbounded perpetuity", [100, 0.9, -0.2], "#NUM!", "retention (0.9) must be below 1 + discount"],
  ];
  it.each(cases)("%s → %s naming the argument", (_name, args, code, message) => {
    const result = call(...args);
    expect(result).toEqual({ code, message: expect.stringContaining(message) });
  });

  it("declares one rule per parameter, in the order of the JSDoc", () => {
    expect(CLV_ARGS.map((r) => r.name)).toEqual(["margin", "retention", "discount", "periods", "acquisition_cost"]);
  });
});
