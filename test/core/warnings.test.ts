// Warnings and the last guard on numbers (src/core/warnings.ts, docs/inputs.md §9): a warning's
// text in both languages, counts with their nouns, and no NaN or Infinity ever reaching a cell.
import { CvaError } from "../../src/core/errors";
import { counted, finiteResult, guardFinite, warningText, type CvaWarning } from "../../src/core/warnings";
import { thrown } from "../support/thrown";

describe("warningText", () => {
  it("is the warning's key with its parameters in the language asked for", () => {
    const w: CvaWarning = { key: "result.notFinite", params: { got: "NaN" } };
    expect(warningText(w, "en-US")).toBe("a result is NaN, not a finite number: the inputs hold numbers too large or too small to compute with");
    expect(warningText(w, "zh-CN")).toBe("计算结果为 NaN，不是有限的数字：输入中的数字过大或过小，无法计算");
  });
});

describe("counted", () => {
  it("agrees in number in English and takes the measure word in Chinese", () => {
    expect(counted(1, "row is", "rows are", "行")).toEqual({ "en-US": "1 row is", "zh-CN": "1 行" });
    expect(counted(2, "row is", "rows are", "行")).toEqual({ "en-US": "2 rows are", "zh-CN": "2 行" });
    expect(counted(0, "customer", "customers", "位客户")).toEqual({ "en-US": "0 customers", "zh-CN": "0 位客户" });
  });
});

describe("finiteResult", () => {
  it("passes a finite number, zero and negatives included", () => {
    expect(finiteResult(3)).toBe(3);
    expect(finiteResult(0)).toBe(0);
    expect(finiteResult(-2.5)).toBe(-2.5);
    expect(finiteResult(Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
  });

  it.each([[Infinity, "Infinity"], [-Infinity, "-Infinity"], [NaN, "NaN"]])("refuses %p with a keyed OUT_OF_RANGE error naming it", (value, text) => {
    const e = thrown(() => finiteResult(value));
    expect([e.code, e.key, e.params, e.where]).toEqual(["OUT_OF_RANGE", "result.notFinite", { got: text }, undefined]);
    expect(e.message).toBe(`a result is ${text}, not a finite number: the inputs hold numbers too large or too small to compute with`);
  });
});

describe("guardFinite", () => {
  const asText = (e: CvaError) => `#NUM! ${e.key} ${String(e.params?.got)}`;

  it("passes a finite number and refuses a non-finite one, as finiteResult does", () => {
    expect(guardFinite(7, asText)).toBe(7);
    expect(thrown(() => guardFinite(Infinity, asText)).params).toEqual({ got: "Infinity" });
  });

  it("turns each non-finite cell of a matrix into the error and keeps the others, in place", () => {
    const m: unknown[][] = [
      [1, 0, Infinity, "x"],
      [NaN, -3, true, -Infinity],
      [],
    ];
    const out = guardFinite(m, asText);
    expect(out).toBe(m);
    expect(m).toEqual([
      [1, 0, "#NUM! result.notFinite Infinity", "x"],
      ["#NUM! result.notFinite NaN", -3, true, "#NUM! result.notFinite -Infinity"],
      [],
    ]);
    // the error handed over is a keyed CvaError
    const seen: CvaError[] = [];
    guardFinite([[NaN]], (e) => seen.push(e));
    expect(seen.map((e) => [e instanceof CvaError, e.code, e.message])).toEqual([[true, "OUT_OF_RANGE", "a result is NaN, not a finite number: the inputs hold numbers too large or too small to compute with"]]);
  });

  it("leaves a row that is not an array as it is (a list of numbers is not a matrix)", () => {
    const list = [Infinity, null, "ab", 2];
    expect(guardFinite(list, asText)).toEqual([Infinity, null, "ab", 2]);
    expect(guardFinite([null, [NaN]], asText)).toEqual([null, ["#NUM! result.notFinite NaN"]]);
  });

  it("checks the last cell of each row", () => {
    expect(guardFinite([[1, 2, NaN]], () => "err")).toEqual([[1, 2, "err"]]);
  });

  it("returns a text, a logical value or another non-array result as it is", () => {
    expect(guardFinite("abc", asText)).toBe("abc");
    expect(guardFinite(true, asText)).toBe(true);
    expect(guardFinite(null, asText)).toBe(null);
    const obj = { value: Infinity };
    expect(guardFinite(obj, asText)).toBe(obj);
    expect(obj.value).toBe(Infinity);
  });
});
