import { tier, pyramid, pareto, giniCoefficient, lorenz } from "../../src/functions/functions";
import { call, err, inLanguage } from "./call";

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe("=CVA.TIER(value, values, [cutoffs], [labels])", () => {
  it("default 1/19/30/50 pyramid over 1..100: 100 is Key – top, 81–99 Key, 51–80 Regular, 1–50 Small", () => {
    const t = (v: number) => (call(tier, v, oneToHundred) as string[][])[0][0];
    expect([t(100), t(99), t(81), t(80), t(51), t(50), t(1)]).toEqual(["Key – top", "Key", "Key", "Regular", "Regular", "Small", "Small"]);
  });

  it("spills one tier per value; counts follow the cut-offs", () => {
    const out = (call(tier, oneToHundred, oneToHundred, undefined, "numbers") as number[][]).map((r) => r[0]);
    const count = (k: number) => out.filter((x) => x === k).length;
    expect([count(1), count(2), count(3), count(4)]).toEqual([1, 19, 30, 50]);
  });

  it("equal values never straddle a cut: a tie group takes the tier of its best-ranked member", () => {
    // 3 customers at 10 and one at 5, cut 50/50: ranks 1,1,1,4 → the three 10s are all tier 1.
    expect(call(tier, [10, 10, 10, 5], [10, 10, 10, 5], [50, 50], "numbers")).toEqual([[1], [1], [1], [2]]);
  });

  it("places a value that is not in the population by its rank among it", () => {
    // 1000 beats all 100 → rank 1 → top; 0.5 ranks 101st of 100 → bottom tier.
    expect(call(tier, [1000, 0.5], oneToHundred, undefined, "numbers")).toEqual([[1], [4]]);
  });

  it("labels: metal, custom, and Chinese when Office is", () => {
    expect(call(tier, 100, oneToHundred, undefined, "metal")).toEqual([["Platinum"]]);
    expect(call(tier, [[100, 60]], oneToHundred, undefined, [["A"], ["B"], ["C"], ["D"]])).toEqual([["A", "C"]]);
    expect(inLanguage("zh-CN", () => call(tier, [100, 90, 60, 10], oneToHundred))).toEqual([["关键客户（顶层）"], ["关键客户"], ["普通客户"], ["小客户"]]);
  });

  it("skips blanks in the population and names the row of text", () => {
    // Two customers (blanks skipped) cut 50/50: 5 ranks first of 2 → tier 1; 1 → tier 2.
    expect(call(tier, [5, 1], [5, null, "", 1], [50, 50], "numbers")).toEqual([[1], [2]]);
    expect(call(tier, 5, [5, 3, "n/a", 1])).toEqual(err("#VALUE!", 'values: row 3 holds the text "n/a", not a number'));
  });

  it("errors: empty population #N/A, bad cut-offs and bad labels #VALUE!", () => {
    expect(call(tier, 5, [null, ""])).toEqual(err("#N/A", "values holds no numbers"));
    expect(call(tier, 5, [1, 2, 3], [0.5, 0.3])).toEqual(err("#VALUE!", "cutoffs must add up to 1 (100%); they add up to 0.8"));
    expect(call(tier, 5, [1, 2, 3], undefined, "colours")).toEqual(err("#VALUE!", 'labels must be one of "names", "metal", "numbers"'));
    expect(call(tier, "x", [1, 2, 3])).toEqual([[err("#VALUE!", 'value must be a number; got the text "x"')]]);
  });
});

describe("=CVA.PYRAMID(values, [cutoffs], [labels])", () => {
  it("hand-worked: values 100, 50, 10, 5, 1 with cut-offs 20/80", () => {
    // Tier 1: 100 (1 customer, 0.2, 100/166); tier 2: 50+10+5+1 = 66 (4, 0.8, 66/166).
    expect(call(pyramid, [100, 50, 10, 5, 1], [20, 80], "numbers")).toEqual([
      ["Tier", "Customers", "Share of customers", "Value", "Share of value"],
      [1, 1, 0.2, 100, 100 / 166],
      [2, 4, 0.8, 66, 66 / 166],
      ["All customers", 5, 1, 166, 1],
    ]);
  });

  it("default tiers over 1..100 in Chinese", () => {
    const out = inLanguage("zh-CN", () => call(pyramid, oneToHundred)) as unknown[][];
    expect(out[0]).toEqual(["客户层级", "客户数", "客户占比", "价值", "价值占比"]);
    expect(out.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ["关键客户（顶层）", 1, 100],
      ["关键客户", 19, 1710], // 81..99
      ["普通客户", 30, 1965], // 51..80
      ["小客户", 50, 1275], // 1..50
      ["全部客户", 100, 5050],
    ]);
  });
});

describe("Pareto, Gini and Lorenz", () => {
  it("=CVA.PARETO over 1..10: the top 20% (10 and 9) hold 19/55", () => {
    expect(call(pareto, Array.from({ length: 10 }, (_, i) => i + 1))).toBeCloseTo(19 / 55, 12);
    expect(call(pareto, Array.from({ length: 10 }, (_, i) => i + 1), 0.1)).toBeCloseTo(10 / 55, 12);
  });

  it("=CVA.GINI([1,2,3,4]) = 2·Σi·x_i/(n·Σx) − (n+1)/n = 60/40 − 5/4 = 0.25; equal values give 0", () => {
    expect(call(giniCoefficient, [1, 2, 3, 4])).toBeCloseTo(0.25, 12);
    expect(call(giniCoefficient, [7, 7, 7])).toBeCloseTo(0, 12);
  });

  it("=CVA.LORENZ([1,2,3,4], 5): (0,0) (.25,.1) (.5,.3) (.75,.6) (1,1)", () => {
    const out = call(lorenz, [1, 2, 3, 4], 5) as unknown[][];
    expect(out[0]).toEqual(["Cumulative share of customers", "Cumulative share of value"]);
    const pts = out.slice(1) as number[][];
    [[0, 0], [0.25, 0.1], [0.5, 0.3], [0.75, 0.6], [1, 1]].forEach(([c, v], i) => {
      expect(pts[i][0]).toBeCloseTo(c, 12);
      expect(pts[i][1]).toBeCloseTo(v, 12);
    });
  });

  it("errors name the argument", () => {
    expect(call(pareto, [1, 2, 3], 1)).toEqual(err("#VALUE!", "top_share must be below 1"));
    expect(call(giniCoefficient, [1, true, 3])).toEqual(err("#VALUE!", "values: row 2 holds the logical value TRUE"));
    expect(call(lorenz, [1, 2], 1)).toEqual(err("#VALUE!", "points must be at least 2"));
  });
});
