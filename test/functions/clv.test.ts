import { clv, CLV_ARGS } from "../../src/functions/functions";
import { call, err, inLanguage } from "./call";

describe("=CVA.CLV(margin, retention, discount, [periods], [acquisition_cost])", () => {
  it("=CVA.CLV(100, 0.8, 0.1) = 100·0.8/(1.1−0.8) = 266.67", () => {
    const [[v]] = call(clv, 100, 0.8, 0.1) as number[][];
    expect(v).toBeCloseTo(266.6667, 4);
  });

  it("=CVA.CLV(100, 0.8, 0.1, 3) = 72.727 + 52.893 + 38.467 = 164.09", () => {
    const [[v]] = call(clv, 100, 0.8, 0.1, 3) as number[][];
    expect(v).toBeCloseTo(72.7273 + 52.8926 + 38.4673, 3);
  });

  it("=CVA.CLV(100, 0.8, 0.1, , 50) subtracts the acquisition cost; blank optional arguments take their defaults", () => {
    expect((call(clv, 100, 0.8, 0.1, null, 50) as number[][])[0][0]).toBeCloseTo(216.6667, 4);
    expect((call(clv, 100, 0.8, 0.1, "", "") as number[][])[0][0]).toBeCloseTo(266.6667, 4);
  });

  it("spills one value per row when an argument is a range, with errors in their own cells", () => {
    const out = call(clv, [100, 200, "abc", 50], 0.8, [0.1, 0.1, 0.1, 0.1]) as unknown[][];
    expect(out).toHaveLength(4);
    expect(out[0][0] as number).toBeCloseTo(266.6667, 4);
    expect(out[1][0] as number).toBeCloseTo(533.3333, 4);
    expect(out[2][0]).toEqual(err("#VALUE!", 'margin must be a number; got the text "abc"'));
    expect(out[3][0] as number).toBeCloseTo(133.3333, 4);
  });

  it("ranges of different sizes are one #VALUE! for the formula", () => {
    expect(call(clv, [100, 200, 300], [0.8, 0.9], 0.1)).toEqual(err("#VALUE!", "retention is 2×1 cells but margin is 3×1"));
  });

  const cases: Array<[string, unknown[], string, string]> = [
    ["text margin", ["abc", 0.8, 0.1], "#VALUE!", 'margin must be a number; got the text "abc"'],
    ["blank retention", [100, null, 0.1], "#VALUE!", "retention is required; got a blank cell"],
    ["empty-string discount", [100, 0.8, ""], "#VALUE!", "discount is required"],
    ["boolean margin", [true, 0.8, 0.1], "#VALUE!", "margin must be a number; got the logical value TRUE"],
    ["retention 1", [100, 1, 0.1], "#VALUE!", "retention must be below 1"],
    ["retention -0.2", [100, -0.2, 0.1], "#VALUE!", "retention must be at least 0"],
    ["discount -1", [100, 0.8, -1], "#VALUE!", "discount must be at least 0 (a rate per period, e.g. 0.1 for 10%); got -1"],
    ["periods 0", [100, 0.8, 0.1, 0], "#VALUE!", "periods must be at least 1"],
    ["periods 2.5", [100, 0.8, 0.1, 2.5], "#VALUE!", "periods must be a whole number"],
    ["text periods", [100, 0.8, 0.1, "three"], "#VALUE!", "periods must be a number"],
    ["text acquisition_cost", [100, 0.8, 0.1, 3, "x"], "#VALUE!", "acquisition_cost must be a number"],
    // A negative discount is refused (by the rate's bounds, or as an unbounded perpetuity): the message names discount.
    ["negative discount", [100, 0.9, -0.2], "#VALUE!", "discount"],
  ];
  it.each(cases)("%s → %s naming the argument", (_name, args, code, message) => {
    expect(call(clv, ...args)).toEqual([[err(code, message)]]);
  });

  it("declares one rule per parameter, in the order of the JSDoc", () => {
    expect(CLV_ARGS.map((r) => r.name)).toEqual(["margin", "retention", "discount", "periods", "acquisition_cost"]);
  });
});

describe("error messages follow Office's language", () => {
  it("shows the argument rule's message in Chinese when Office is in Chinese", () => {
    const r = (inLanguage("zh-CN", () => call(clv, 100, "abc", 0.1)) as { code: string; message: string }[][])[0][0];
    expect(r.code).toBe("#VALUE!");
    expect(r.message).toBe("留存率必须是数字；实际为文本“abc”");
    const en = (call(clv, 100, "abc", 0.1) as { message: string }[][])[0][0];
    expect(en.message).toBe('retention must be a number; got the text "abc"');
  });
});
