/**
 * The functions as real Excel runs them, not as a lenient stand-in would: the error codes whose
 * messages Excel shows, error cells and data types in the inputs, blank cells that arrive as 0,
 * the payload limit of about 5 MB, labels in a fixed language, row-shaped ranges, one validation
 * of a customer's history, ids that only look alike, duplicated headers, and messages in both
 * languages (docs/architecture.md §14).
 */
import {
  clv,
  tier,
  pyramid,
  pareto,
  giniCoefficient,
  summary,
  rfmsegment,
  lifecycle,
  relationship,
  loyalty,
  palive,
  expected,
  spend,
  fitBgnbd,
  fitGg,
} from "../../src/functions/functions";
import { toRfmData } from "../../src/core";
import { invokeAsExcel, excelError } from "../setup/custom-functions";
import { call, err, inLanguage, cdnowSummary } from "./call";
const { finishMetadata } = require("../../scripts/webpack/functions-metadata");

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
type Failure = { code: string; message: string };

describe("#NUM! and the other codes Excel shows without a message", () => {
  it("the stand-in drops the message of #NUM!, #DIV/0! and #NULL! as Excel does, and keeps it for #VALUE! and #N/A", () => {
    expect(new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber, "lost").message).toBe("");
    expect(new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero, "lost").message).toBe("");
    expect(new CustomFunctions.Error(CustomFunctions.ErrorCode.nullReference, "lost").message).toBe("");
    expect(new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, "kept").message).toBe("kept");
    expect(new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "kept").message).toBe("kept");
  });

  it("an impossible number is #VALUE! with its explanation, a fit without an answer #N/A with its reason", () => {
    expect(call(clv, 100, 1.2, 0.1)).toEqual([[err("#VALUE!", "retention must be below 1")]]);
    expect(call(clv, 100, 0.8, 0.1, 2.5)).toEqual([[err("#VALUE!", "periods must be a whole number")]]);
    expect(call(fitBgnbd, [0, 0, 0], [0, 0, 0], [10, 20, 30])).toEqual(err("#N/A", "BG/NBD"));
  });

  it("no argument rule or core check produces a code whose message Excel would drop", () => {
    const failures = [
      call(clv, 100, -0.2, 0.1),
      call(clv, 100, 0.9, -0.2),
      call(tier, 5, [1, 2, 3], [0.5, 0.3]),
      call(pareto, [1, 2, 3], 1),
      call(lifecycle, [[2, 4, 6, 8]], [1.5]),
      call(relationship, 2, 7, "Stability", 100),
    ].map((r) => (Array.isArray(r) ? (r as Failure[][])[0][0] : (r as Failure)));
    for (const f of failures) {
      expect(["#VALUE!", "#N/A"]).toContain(f.code);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });
});

describe("error cells and data types in an input", () => {
  it("the built metadata lets Excel pass error values to the functions", () => {
    const out = finishMetadata({ allowCustomDataForDataTypeAny: true, functions: [{ id: "CLV", name: "CLV", parameters: [], result: {} }] });
    expect(out.allowErrorForDataTypeAny).toBe(true);
    expect(out.functions.map((f: { id: string }) => f.id)).toEqual(["CLV"]);
  });

  it("the stand-in, like Excel, does not call a function with an error in an input unless the metadata allows it", () => {
    let called = 0;
    const fn = () => {
      called++;
      return [[1]];
    };
    expect(() => invokeAsExcel(fn, [[[1], [excelError("#DIV/0!")]]], { allowErrorForDataTypeAny: false })).toThrow(
      expect.objectContaining({ code: "#DIV/0!" }),
    );
    expect(called).toBe(0);
    expect(invokeAsExcel(fn, [[[1], [excelError("#DIV/0!")]]], { allowErrorForDataTypeAny: true })).toEqual([[1]]);
    expect(called).toBe(1);
  });

  it("TIER: one #N/A in the population leaves that row out of the ranking and gives it its own error; the others are tiered", () => {
    const values = [[10], [excelError("#N/A")], [5], [1]];
    expect(call(tier, values, values, [50, 50], "numbers")).toEqual([
      [1],
      [err("#N/A", "value holds the error #N/A")],
      [2],
      [2],
    ]);
  });

  it("PALIVE over ranges: an error cell gives #N/A in its own row, naming the argument", () => {
    const bg = call(fitBgnbd, cdnowSummary().x, cdnowSummary().tx, cdnowSummary().T);
    const out = call(palive, [[2], [excelError("#DIV/0!")]], [[30.43], [20]], [[38.86], [38.86]], bg) as unknown[][];
    expect(typeof out[0][0]).toBe("number");
    expect(out[1][0]).toEqual(err("#N/A", "frequency holds the error #DIV/0!"));
  });

  it("PYRAMID and GINI name the cell with the error and how to leave such cells out", () => {
    expect(call(pyramid, [3, 2, excelError("#VALUE!"), 1])).toEqual(err("#N/A", 'values: row 3 holds the error #VALUE!'));
    expect(call(giniCoefficient, [3, excelError("#REF!")])).toEqual(err("#N/A", 'IFERROR'));
  });

  it("a CustomFunctions.Error passed as an input is an error value too, never the text \"CustomFunctions.Error\"", () => {
    const r = call(tier, new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), oneToHundred) as Failure[][];
    expect(r[0][0]).toEqual(err("#N/A", "value holds the error #N/A"));
    expect(r[0][0].message).not.toContain("CustomFunctions");
  });

  it("a formatted number is its number; a linked data type is named, not read as text", () => {
    const formatted = { type: "FormattedNumber", basicValue: 100, numberFormat: "$#,##0" };
    expect(call(tier, formatted, oneToHundred)).toEqual([["Key – top"]]);
    const entity = { type: "Entity", text: "Contoso", properties: {} };
    expect(call(tier, entity, oneToHundred)).toEqual([[err("#VALUE!", 'value must be a number; got the data type "Contoso"')]]);
  });
});

describe("blank cells that arrive as 0 (Excel on Windows)", () => {
  it("PYRAMID ends with a total row: the number of customers it used and their value", () => {
    const out = call(pyramid, [100, 50, 10, 5, 1], [20, 80], "numbers") as unknown[][];
    expect(out[out.length - 1]).toEqual(["All customers", 5, 1, 166, 1]);
    // The same range with two trailing blanks that Excel passed as 0: the count shows 7 customers.
    const padded = call(pyramid, [100, 50, 10, 5, 1, 0, 0], [20, 80], "numbers") as unknown[][];
    expect(padded[padded.length - 1]).toEqual(["All customers", 7, 1, 166, 1]);
    expect((inLanguage("zh-CN", () => call(pyramid, [1, 2])) as unknown[][]).at(-1)![0]).toBe("全部客户");
  });
});

describe("results larger than Excel passes back (about 5 MB)", () => {
  it("a spill over the limit is #N/A saying why and what to do, instead of #BUSY! for ever", () => {
    const n = 450_000;
    const values = new Array(n);
    for (let i = 0; i < n; i++) values[i] = [i % 3];
    const r = call(tier, values, [0, 1, 2]) as Failure;
    expect(r).toEqual(err("#N/A", "5 MB"));
    expect(r.message).toContain("450000 rows");
  });
});

describe("labels in a fixed language", () => {
  it("TIER, PYRAMID, RFMSEGMENT, LIFECYCLE and RELATIONSHIP take a language that overrides Office's", () => {
    expect(call(tier, 100, oneToHundred, null, null, "zh-CN")).toEqual([["关键客户（顶层）"]]);
    expect(inLanguage("zh-CN", () => call(tier, 100, oneToHundred, null, null, "en"))).toEqual([["Key – top"]]);
    expect((call(pyramid, oneToHundred, null, null, "zh") as unknown[][])[0][0]).toBe("客户层级");
    const r = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect((call(rfmsegment, r, [...r].reverse(), r, null, null, null, "zh-CN") as string[][])[0][0]).toBe("冠军客户");
    expect(inLanguage("zh-CN", () => call(lifecycle, [[5, 5, 5, 5]], null, "en-US"))).toEqual([["Stability"]]);
    expect(call(relationship, 0, 4, "Exploration", 10, null, "zh-CN")).toEqual([["散客"]]);
  });

  it("an unknown language is #VALUE! naming the choices", () => {
    expect(call(tier, 100, oneToHundred, null, null, "fr")).toEqual(err("#VALUE!", 'lang must be one of "en-us", "zh-cn", "en", "zh"'));
  });
});

describe("=CVA.SUMMARY over rows and blocks", () => {
  const ids = ["A", "A", "B"];
  const dates = ["2020-01-01", "2020-01-08", "2020-01-15"];
  const amounts = [10, 20, 7];

  it("ranges given as rows read every cell, as columns do", () => {
    const byColumns = call(summary, ids, dates, amounts, "2020-01-29");
    expect(call(summary, [ids], [dates], [amounts], "2020-01-29")).toEqual(byColumns);
    expect((byColumns as unknown[][]).length).toBe(3);
  });

  it("a block of several columns is #VALUE! saying which argument and why", () => {
    expect(call(summary, [["A", "x"], ["A", "y"], ["B", "z"]], dates, amounts)).toEqual(err("#VALUE!", "ids must be one column or one row of cells; got 3×2"));
  });
});

describe("one validation of a customer's history, for fitting and scoring", () => {
  const bg = () => call(fitBgnbd, cdnowSummary().x, cdnowSummary().tx, cdnowSummary().T);

  it("PALIVE(0, 5, 38): no repeat purchase but a recency is #VALUE!, as in FIT", () => {
    const message = "recency is 5 but frequency is 0";
    expect(call(palive, 0, 5, 38, bg())).toEqual([[err("#VALUE!", message)]]);
    expect(call(fitBgnbd, [0, 1, 2], [5, 3, 4], [38, 38, 38])).toEqual(err("#VALUE!", message));
  });

  it("a frequency of 2.5 is refused the same way by PALIVE, EXPECTED, SPEND, FIT.BGNBD, FIT.GG and the core", () => {
    const message = "frequency must be a whole number of repeat purchases; got 2.5";
    const params = bg();
    expect(call(palive, 2.5, 5, 38, params)).toEqual([[err("#VALUE!", message)]]);
    expect(call(expected, 10, 2.5, 5, 38, params)).toEqual([[err("#VALUE!", message)]]);
    const gg = [["model", "p", "q", "v"], ["Gamma-Gamma", 6.25, 3.74, 15.44]];
    expect(call(spend, 2.5, 20, gg)).toEqual([[err("#VALUE!", message)]]);
    expect(call(fitBgnbd, [1, 2.5, 0], [5, 6, 0], [38, 38, 38])).toEqual(err("#VALUE!", message));
    expect(call(fitGg, [1, 2.5, 3], [10, 20, 30])).toEqual(err("#VALUE!", message));
    expect(() => toRfmData({ frequency: [2.5], recency: [1], T: [3] })).toThrow(message);
  });
});

describe("ids and headers that only look alike", () => {
  it("SUMMARY writes text ids as the text they are: \"007\", \"07\" and \"7\" stay three different ids", () => {
    const out = call(summary, ["007", "07", "7"], ["2020-01-01", "2020-01-02", "2020-01-03"], [1, 2, 3], "2020-01-10") as unknown[][];
    expect(out.slice(1).map((r) => r[0])).toEqual(["007", "07", "7"]);
    // Numeric ids stay numbers, so lookups from a numeric id column still match.
    expect((call(summary, [7, 8], ["2020-01-01", "2020-01-02"], [1, 2]) as unknown[][])[1][0]).toBe(7);
  });

  it("SUMMARY refuses the number 7 and the text \"007\" in one id column, naming both rows", () => {
    expect(call(summary, ["007", "A", 7], ["2020-01-01", "2020-01-02", "2020-01-03"], [1, 2, 3])).toEqual(
      err("#VALUE!", 'ids: row 3 holds the number 7 and row 1 the text "007"'),
    );
  });

  it("LOYALTY refuses an indicator named twice, naming both columns", () => {
    expect(call(loyalty, [["Repeat rate", "Complaint rate", "repeat_rate"], [0.1, 0, 0.2], [0.9, 2, 0.3]])).toEqual(
      err("#VALUE!", "indicators: columns 1 and 3 both hold Repeat rate"),
    );
  });
});

describe("messages in the user's language, in the user's words", () => {
  it("errors of the functions' own checks are Chinese under a Chinese Office", () => {
    const zh = (body: () => unknown) => {
      const r = inLanguage("zh-CN", body);
      const f = (Array.isArray(r) ? (r as Failure[][])[0][0] : r) as Failure;
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message).not.toMatch(/\b(must|holds|give|rows?)\b/);
      return f.message;
    };
    zh(() => call(clv, [1, 2, 3], [0.8, 0.9], 0.1));
    zh(() => call(summary, ["A", "B"], ["2020-01-01"], [1, 2]));
    zh(() => call(summary, ["A"], ["2020-01-01"], [1], true));
    zh(() => call(loyalty, [["Repeat rate", "Shoe size"], [1, 2]]));
    zh(() => call(fitBgnbd, [1, 2, "x"], [1, 2, 3], [5, 5, 5]));
    zh(() => call(palive, 2, 30, 38.86, [[1, 2, 3, 4]]));
    zh(() => call(relationship, 2, 1, "Happy", 100));
    zh(() => call(tier, 5, [1, 2, 3], undefined, "colours"));
    expect(zh(() => call(tier, excelError("#N/A"), oneToHundred))).toContain("#N/A");
  });

  it("SUMMARY names a bad date by its row in the dates range, even after blank rows, not by a transaction number", () => {
    const r = call(summary, ["A", null, "B"], ["2020-01-01", null, "yesterday"], [1, null, 2]) as Failure;
    expect(r).toEqual(err("#VALUE!", 'row 3, column "dates"'));
  });

  it("a fit of Gamma-Gamma that does not converge talks about frequency and monetary, not recency and T", () => {
    const r = call(fitGg, [1, 1, 1], [5, 5, 5]) as Failure;
    expect(r.code).toBe("#N/A");
    expect(r.message).not.toMatch(/recency|\bT\b/);
  });
});
