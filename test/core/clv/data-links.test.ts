// Two small links of src/core/clv/data.ts that other modules lean on: checkHoldoutCount (one
// holdout count per customer, used by the holdout split, the fit checks and the model choice) and
// groupingOfFit (the grouping a fit was made on, which the standard errors reuse, but only for
// the very summary object the fit saw: a copy, even an equal one, is grouped again).
import { bgnbd } from "../../../src/core";
import { checkHoldoutCount, groupingOfFit, groupSummary, toRfmData } from "../../../src/core/clv/data";
import { ErrorCodes } from "../../../src/core/errors";
import { thrown } from "../../support/thrown";

describe("checkHoldoutCount", () => {
  it("passes one count per customer and refuses any other number, naming both lengths", () => {
    expect(() => checkHoldoutCount([0, 1, 2], 3)).not.toThrow();
    expect(() => checkHoldoutCount(new Float64Array(0), 0)).not.toThrow();
    for (const [counts, n] of [[[0, 1], 3], [[0, 1, 2, 3], 3]] as const) {
      const e = thrown(() => checkHoldoutCount(counts, n));
      expect(e).toMatchObject({
        code: ErrorCodes.InconsistentData,
        key: "data.lengthMismatch",
        params: { arg: "holdoutPurchases", count: counts.length, otherArg: "frequency", otherCount: 3 },
        where: { argument: "holdoutPurchases" },
      });
      expect(e.message).toBe(`the holdout purchases has ${counts.length} values but frequency has 3: give one value per customer in each`);
    }
  });
});

describe("groupingOfFit", () => {
  const summary = {
    frequency: [0, 1, 2, 0, 3, 1, 5, 0, 2, 1],
    recency: [0, 10.5, 20, 0, 30.1, 5.2, 36, 0, 12.4, 30],
    T: [38.86, 38.86, 38.86, 38.86, 38.86, 38.86, 38.86, 30, 38.86, 38.86],
  };
  const fit = bgnbd.fit(summary);

  it("gives the grouping of the very summary the fit was made on: its distinct histories and their counts", () => {
    const g = groupingOfFit(fit, summary);
    expect(g).toBeDefined();
    const fresh = groupSummary(summary);
    expect(g!.size).toBe(9); // 10 customers: (0, 0, 38.86) twice
    expect(g!.totalWeight).toBe(10);
    const groups = (h: typeof fresh) => Array.from({ length: h.size }, (_, i) => [h.x[i], h.tx[i], h.T[i], h.w[i]].join(" ")).sort();
    expect(groups(g!)).toEqual(groups(fresh));
    expect(groups(g!)).toContain("0 0 38.86 2");
  });

  it("gives nothing for a copy of that summary, or for an object that is not a fit", () => {
    expect(groupingOfFit(fit, { ...summary })).toBeUndefined();
    expect(groupingOfFit({ ...fit }, summary)).toBeUndefined();
  });
});

describe("toRfmData's check of plain-array columns", () => {
  const base = { frequency: [1, 2, 0], recency: [3, 4, 0], T: [5, 6, 7] };
  it("names the row and column of a value that is not a finite number, null and text included", () => {
    const cases: [string, unknown, string, string][] = [
      ["recency", Number.NaN, "INVALID_TYPE", "recency: row 2 holds NaN, not a number"],
      ["recency", null, "INVALID_TYPE", "recency: row 2 holds a blank cell, not a number"],
      ["T", "6", "INVALID_TYPE", 'T: row 2 holds the text "6", not a number'],
      ["T", Number.POSITIVE_INFINITY, "OUT_OF_RANGE", "T: row 2 holds Infinity, not a finite number"],
    ];
    for (const [column, value, code, message] of cases) {
      const col = [...base[column as "recency" | "T"]] as unknown[];
      col[1] = value;
      const e = thrown(() => toRfmData({ ...base, [column]: col } as typeof base));
      expect([e.code, e.where]).toEqual([code, { row: 2, column }]);
      expect(e.message).toBe(message);
    }
  });

  it("copies a plain array's finite values, −0 and 0 included", () => {
    const d = toRfmData({ frequency: [0, -0, 3], recency: [0, 0, 2.5], T: [1, 2, 3] });
    expect([...d.frequency]).toEqual([0, -0, 3]);
    expect([...d.recency]).toEqual([0, 0, 2.5]);
  });
});
