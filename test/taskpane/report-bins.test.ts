// The report's value bins (src/taskpane/workflow/report-bins.ts) sort the values in a typed array:
// the same bins as the comparison sort they had, on seeded values with ties, 0 and −0, NaN and
// infinities among them.
import { quantileBins } from "../../src/taskpane/workflow/report-bins";
import { Random } from "../../src/core/math/random";
import type { Locale } from "../../src/taskpane/strings";

/** The bins as they were made before: filter, then sort with a − b (the rest of the function as it is). */
function reference(values: readonly number[], bins: number, locale: Locale) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  // Same function on the already sorted values: the sort is the only difference.
  return { sorted, bins: quantileBins(sorted, bins, locale) };
}

describe("quantileBins with a typed sort", () => {
  it("gives the comparison sort's bins on 20,000 seeded values with ties, NaN and infinities", () => {
    const rng = new Random(3);
    const values = Array.from({ length: 20000 }, () => {
      const u = rng.uniform();
      return u < 0.01 ? NaN : u < 0.02 ? Infinity : u < 0.3 ? Math.round(u * 10) : Math.exp(10 * rng.uniform());
    });
    for (const [bins, locale] of [[8, "en-US"], [5, "zh-CN"]] as const) {
      const r = reference(values, bins, locale);
      expect(quantileBins(values, bins, locale)).toEqual(r.bins);
      expect(quantileBins(Float64Array.from(values), bins, locale)).toEqual(r.bins);
    }
    expect(quantileBins(values).reduce((a, b) => a + b.count, 0)).toBe(values.filter(Number.isFinite).length);
  });

  it("with −0 and 0 among the values: the same bins and labels as before ('0', never '-0' first)", () => {
    // A typed sort puts −0 before 0 wherever they stand; the comparison sort keeps them as they came
    // (here 0 first, so the lowest edge is 0). With a −0 present the comparison sort is used.
    const values = [0, -0, 5, 5, 10, 20];
    expect(quantileBins(values, 2)).toEqual(reference(values, 2, "en-US").bins);
    expect(quantileBins([-0, 0, 1], 2)).toEqual(reference([-0, 0, 1], 2, "en-US").bins);
  });
});
