/**
 * Bad numbers and dates through the custom functions, as a sheet would meet them: a customer with
 * no purchase between =CVA.SUMMARY and =CVA.FIT.BGNBD, numbers typed where dates belong, values
 * past 1.8e308, rates typed as percentages, populations with no spread (docs/summary.md §1,
 * docs/inputs.md §5 and §9, docs/pyramid.md §8–§11, docs/lifetime-value.md §2–§3).
 */
import { clv, clvBtyd, expected, fitBgnbd, giniCoefficient, lorenz, pareto, pyramid, summary, tier } from "../../src/functions/functions";
import { readFileSync } from "fs";
import path from "path";
import { call, cdnow, err } from "./call";

const BGNBD = (r: number) => [
  ["model", "r", "alpha", "a", "b"],
  ["BG/NBD", r, 4.41, 0.79, 2.43],
];

describe("=CVA.SUMMARY → =CVA.FIT.BGNBD with a customer who only has zero rows", () => {
  it("the summary row of zz is a one-time buyer (recency 0), and the fit takes the summary", () => {
    // The 6,919 CDNOW purchases and zz: two days with an amount of 0, four weeks apart.
    const lines = readFileSync(path.join(cdnow, "cdnow_sample.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
    const ids = [...lines.map((l) => l[0]), "zz", "zz"];
    const dates = [...lines.map((l) => l[1]), "1997-02-01", "1997-03-01"];
    const amounts = [...lines.map((l) => Number(l[3])), 0, 0];
    const out = call(summary, ids, dates, amounts, "1997-09-30") as unknown[][];
    const zz = out.find((r) => r[0] === "zz") as unknown[];
    expect(zz.slice(1, 5)).toEqual([0, 0, 241 / 7, 0]); // T from 1997-02-01 to the end
    const rows = out.slice(1);
    const fit = call(fitBgnbd, rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])) as unknown[][];
    expect(fit[1][0]).toBe("BG/NBD");
    expect(fit[1][1] as number).toBeCloseTo(0.24, 1);
  });
});

describe("=CVA.SUMMARY dates", () => {
  it("refuses a bare 5 or 2024 where a date belongs, and reads 45292 (2024-01-01) as a date", () => {
    expect(call(summary, ["a", "a"], [5, "2024-01-02"], [1, 2])).toEqual(err("#VALUE!", "5 is a number, not a date"));
    expect(call(summary, ["a", "a"], ["2024", "2024-01-02"], [1, 2])).toEqual(err("#VALUE!", 'the text "2024" is a number, not a date'));
    expect((call(summary, ["a", "a"], [45292, "2024-01-08"], [1, 2]) as unknown[][])[1].slice(0, 3)).toEqual(["a", 1, 1]);
  });
  it("says that Excel dates start in 1900 for 1850-05-01, not 'expected YYYY-MM-DD'", () => {
    const e = call(summary, ["a"], ["1850-05-01"], [1]) as { message: string };
    expect(e).toEqual(err("#VALUE!", "is before 1900-01-01, the first date Excel can hold"));
    expect(e.message).not.toContain("expected YYYY-MM-DD");
  });
});

describe("no NaN or Infinity in a cell", () => {
  it("EXPECTED with r = 1e300 is an error naming the parameter, not NaN", () => {
    expect(call(expected, 39, 2, 30.43, 38.86, BGNBD(1e300))).toEqual(err("#VALUE!", "r = 1e+300 is outside the range a CVA fit returns (1e-8 to 1e8)"));
    expect((call(expected, 39, 2, 30.43, 38.86, BGNBD(0.243)) as number[][])[0][0]).toBeGreaterThan(0);
  });
  it("GINI of {1e308, 1e308, 1} is 1/3; PYRAMID of it is an error, not Infinity", () => {
    expect(call(giniCoefficient, [1e308, 1e308, 1])).toBeCloseTo(1 / 3, 12);
    expect(call(pyramid, [1e308, 1e308, 1])).toEqual(err("#VALUE!", "the values add up to more than 1.8e308"));
  });
  it("PARETO, GINI and LORENZ refuse negative values", () => {
    for (const f of [pareto, giniCoefficient, lorenz]) {
      expect(call(f, [100, -60, 50])).toEqual(err("#VALUE!", "holds 1 negative value (the first -60): the Pareto share, Lorenz curve and Gini coefficient need values of 0 or more"));
    }
  });
  it("a result past 1.8e308 is an error in its cell: CLV of a margin of 1e308 at 0.99 retention", () => {
    expect(call(clv, [1e308, 100], 0.99, 0)).toEqual([[err("#VALUE!", "a result is Infinity, not a finite number")], [expect.closeTo(9900, 6)]]);
  });
});

describe("rates typed out of their domain", () => {
  const history = [2, 30.43, 38.86, 22.35] as const;
  const GG = [
    ["model", "p", "q", "v"],
    ["Gamma-Gamma", 6.25, 3.74, 15.44],
  ];
  it("CLV.BTYD refuses a negative monthly discount (−0.99 over 120 months gave 8.07e239) and a margin share of 30", () => {
    // The argument's own rule: from 0, as the model requires.
    expect(call(clvBtyd, ...history, BGNBD(0.243), GG, 120, -0.99)).toEqual(err("#VALUE!", "monthly_discount must be at least 0 (a rate per month, e.g. 0.01 for 1%); got -0.99"));
    expect(call(clvBtyd, ...history, BGNBD(0.243), GG, 12, 0.01, 30)).toEqual([[err("#VALUE!", "margin is a share of spend above 0 and at most 1 (0.3 = 30%); got 30. Did you mean 0.3?")]]);
  });
  it("CLV refuses a discount of 10 (10 %) with 'did you mean 0.1?'", () => {
    expect(call(clv, 100, 0.8, 10)).toEqual([[err("#VALUE!", "discount is a rate below 1 (0.1 = 10%); got 10. Did you mean 0.1?")]]);
  });
});

describe("a population with no spread", () => {
  const zeros = new Array(200).fill(0);
  it("TIER and PYRAMID say that all values are equal instead of putting everyone in the top tier", () => {
    expect(call(tier, 0, zeros)).toEqual([[err("#N/A", "values: all 200 values are equal (0); a pyramid needs values that differ")]]);
    expect(call(pyramid, zeros)).toEqual(err("#N/A", "all 200 values are equal (0); a pyramid needs values that differ"));
  });
});
