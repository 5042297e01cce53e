import { readFileSync } from "fs";
import path from "path";
import { summary, rfm, rfmsegment } from "../../src/functions/functions";
import { call, err, cdnow, cdnowSummary, inLanguage } from "./call";

describe("=CVA.SUMMARY(ids, dates, amounts, [end], [unit])", () => {
  it("hand-worked: same-day purchases merge, returns net, weeks from the first purchase", () => {
    // Customer A: 2020-01-01 (10), 2020-01-08 (20 + 5 the same day), 2020-01-15 (−3 return on a day with 30).
    // Repeat purchase days: 2 (Jan 8 and Jan 15) → frequency 2; recency 14 days = 2 weeks;
    // end 2020-01-29 → T 28 days = 4 weeks; monetary = mean of (25, 27) = 26; revenue 62.
    // Customer B: one purchase on 2020-01-22 of 7 → frequency 0, recency 0, T 1 week.
    const ids = ["A", "A", "A", "A", "A", "B"];
    const dates = ["2020-01-01", "2020-01-08", "2020-01-08", "2020-01-15", "2020-01-15", 43852]; // 43852 = 2020-01-22
    const amounts = [10, 20, 5, 30, -3, 7];
    expect(call(summary, ids, dates, amounts, "2020-01-29")).toEqual([
      ["customer_id", "frequency", "recency", "T", "monetary", "revenue", "first", "last", "orders"],
      ["A", 2, 2, 4, 26, 62, 43831, 43845, 4],
      ["B", 0, 0, 1, 0, 7, 43852, 43852, 1],
    ]);
  });

  it("CDNOW: 2,357 customers whose frequency, recency and T match the published summary", () => {
    const lines = readFileSync(path.join(cdnow, "cdnow_sample.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
    const out = call(summary, lines.map((l) => l[0]), lines.map((l) => l[1]), lines.map((l) => Number(l[3])), "1997-09-30", "weeks") as unknown[][];
    expect(out).toHaveLength(2358);
    const ref = cdnowSummary();
    for (const k of [0, 1, 9, 999, 2356]) {
      const row = out[k + 1] as number[];
      // The file writes ids as text with leading zeros ("0001"): they come back as that text.
      expect(row[0]).toBe(String(ref.id[k]).padStart(4, "0"));
      expect(row[1]).toBe(ref.x[k]);
      expect(row[2]).toBeCloseTo(ref.tx[k], 2);
      expect(row[3]).toBeCloseTo(ref.T[k], 2);
      // The file rounds zbar to 2 decimals (22.345 → 22.35): within half a cent plus float noise.
      expect(Math.abs(row[4] - ref.zbar[k])).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("errors name the argument and row", () => {
    expect(call(summary, ["A", "B"], ["2020-01-01", "yesterday"], [1, 2])).toEqual(err("#VALUE!", "row 2"));
    expect(call(summary, ["A", "B"], ["2020-01-01", "2020-01-02"], [1, "ten"])).toEqual(err("#VALUE!", 'amounts: row 2 holds the text "ten"'));
    expect(call(summary, ["A", "B"], ["2020-01-01"], [1, 2])).toEqual(err("#VALUE!", "dates has 1 cells but ids has 2"));
    expect(call(summary, ["A"], ["2020-01-01"], [1], undefined, "fortnights")).toEqual(err("#VALUE!", 'unit must be one of "days", "weeks", "months"'));
    expect(call(summary, [null], [null], [null])).toEqual(err("#N/A", "no transaction rows"));
  });
});

describe("=CVA.RFM and =CVA.RFMSEGMENT", () => {
  // Ten customers with distinct values 1..10. Recency: smaller is better, so recency 1 scores 5.
  // Minimum-rank quintiles: b values strictly worse of 10 → score ⌊5b/10⌋+1 → 1,1,2,2,3,3,4,4,5,5.
  const recency = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const frequency = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  const monetary = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5];

  it("hand-worked cells over a population given as the arguments themselves", () => {
    // Customer 1: R 5 (recency 1 best), F 5 (10 best), M 1 (all equal: none worse) → 551.
    expect(call(rfm, recency, frequency, monetary)).toEqual([[551], [551], [441], [441], [331], [331], [221], [221], [111], [111]]);
  });

  it("segments from R and F; Chinese when Office is", () => {
    expect((call(rfmsegment, recency, frequency, monetary) as string[][]).map((r) => r[0])).toEqual([
      "Champions", "Champions", "Loyal", "Loyal", "Need attention", "Need attention", "Hibernating", "Hibernating", "Lost", "Lost",
    ]);
    expect(inLanguage("zh-CN", () => call(rfmsegment, recency, frequency, monetary) as string[][])[0][0]).toBe("冠军客户");
  });

  it("one customer placed in given populations", () => {
    // Recency 2.5 beats 8 of 10 recencies (3..10) → R = ⌊5·8/10⌋+1 = 5; frequency 6 beats 5 → F 3; spend 9 beats 10 → M 5.
    expect(call(rfm, 2.5, 6, 9, recency, frequency, monetary)).toEqual([[535]]);
  });

  it("a single customer without populations is #N/A; half the populations too", () => {
    expect(call(rfm, 3, 4, 5)).toEqual(err("#N/A", "scores need a population"));
    expect(call(rfm, 3, 4, 5, recency)).toEqual(err("#N/A", "give all three populations"));
  });
});
