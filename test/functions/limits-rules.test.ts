/**
 * The size limit of what a custom function sends back to Excel (src/functions/limits.ts,
 * docs/architecture.md §14, README "Custom functions"): about 5 MB, counted as 5,000,000 bytes of
 * the result's JSON text in UTF-8. A result over it is #N/A saying how large it is; a result at it
 * is returned. Sizes are checked against Node's own JSON.stringify and Buffer.byteLength, or by
 * hand in the comments.
 */
import { FUNCTION_FIT_TIME_LIMIT_MS, PAYLOAD_LIMIT_BYTES, checkPayload, payloadBytes } from "../../src/functions/limits";
import { toExcelError } from "../../src/functions/errors";
import { ErrorCodes, localizedMessage } from "../../src/core";
import { thrown } from "../support/thrown";

/** The UTF-8 size of the JSON text, independently of the code under test. */
const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");

/** `rows` rows of the same text of `length` characters, then one row of `last` characters: 2 + rows × (length + 6) + last + 6 bytes. */
function textColumn(rows: number, length: number, last: number): string[][] {
  const s = "x".repeat(length);
  return [...Array.from({ length: rows }, () => [s]), ["y".repeat(last)]];
}

describe("the size of one cell", () => {
  it("a number is its decimal text: 0.25 is 4 bytes, -1e21 is 6 (\"-1e+21\"), 123456 is 6", () => {
    expect(payloadBytes(0.25)).toBe(4);
    expect(payloadBytes(-1e21)).toBe(6);
    expect(payloadBytes(123456)).toBe(6);
    expect(payloadBytes(0)).toBe(1);
  });

  it("true is 4 bytes, false 5, null and undefined 4 (JSON null)", () => {
    expect(payloadBytes(true)).toBe(4);
    expect(payloadBytes(false)).toBe(5);
    expect(payloadBytes(null)).toBe(4);
    expect(payloadBytes(undefined)).toBe(4);
  });

  it("text is its quoted UTF-8: \"abc\" 5 bytes, \"\" 2, 铂金 8 (3 bytes a Chinese character)", () => {
    expect(payloadBytes("abc")).toBe(5);
    expect(payloadBytes("")).toBe(2);
    expect(payloadBytes("铂金")).toBe(8); // 2 quotes + 2 × 3
  });

  it("every character class counts as JSON.stringify writes it in UTF-8, at each boundary", () => {
    const chars = [
      ...Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)), // control characters: \n as 2 bytes, \u0001 as 6
      " ",
      '"',
      "\\",
      "/",
      "~",
      "\u007f", // last 1-byte character
      "\u0080", // first 2-byte character
      "\u07ff", // last 2-byte character
      "\u0800", // first 3-byte character
      "\ud7ff", // last 3-byte character before the surrogates
      "\ud800\udc00", // first 4-byte character (a surrogate pair)
      "\udbff\udfff", // last 4-byte character
      "😀",
      "\ue000", // first 3-byte character after the surrogates
      "\uffff",
    ];
    for (const ch of chars) {
      const s = `a${ch}b`;
      expect([JSON.stringify(s), payloadBytes(s)]).toEqual([JSON.stringify(s), jsonBytes(s)]);
    }
  });

  it("each of the 65,536 UTF-16 code units alone between two letters counts as JSON.stringify writes it", () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (payloadBytes(s) !== jsonBytes(s)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it("surrogates: a pair is one 4-byte character; a lone or reversed one is written \\uXXXX (6 bytes)", () => {
    const texts = [
      "\ud800\udc00",
      "\udbff\udfff",
      "\ud800", // high at the end
      "\udbff",
      "\udc00", // low alone
      "\udfff",
      "\ud800a", // high before a letter
      "\udc00\ud800", // reversed
      "\udc00\udc00", // two lows
      "\ud800\ud800\udc00", // lone high, then a pair
      "\udbff\ue000", // high before the first character after the surrogates
      "\ud7ff\udc00", // last character before the surrogates, then a low
      "\ud800\udbff", // two highs
    ];
    for (const s of texts) expect([JSON.stringify(s), payloadBytes(s)]).toEqual([JSON.stringify(s), jsonBytes(s)]);
    expect(payloadBytes("\ud800")).toBe(8); // "\ud800" with quotes
    expect(payloadBytes("😀")).toBe(6);
  });

  it("the same text twice, then another: each counted as itself", () => {
    expect(payloadBytes("Platinum")).toBe(10);
    expect(payloadBytes("Platinum")).toBe(10);
    expect(payloadBytes("Gold")).toBe(6);
    expect(payloadBytes("")).toBe(2);
    expect(payloadBytes("x")).toBe(3);
    expect(payloadBytes([["Gold", "Gold", "铂金"]])).toBe(2 + 3 + (6 + 1) + (6 + 1) + (8 + 1));
  });

  it("an error cell is 40 bytes and its message: Error(\"abc\") is 45", () => {
    expect(payloadBytes(new Error("abc"))).toBe(40 + 5);
    expect(payloadBytes(new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "铂金"))).toBe(40 + 8);
  });

  it("another object counts as its JSON written as a text: {\"a\":1} is 11 bytes; no JSON at all is 2", () => {
    // '{"a":1}' is 7 characters, 2 of them quotes written \" (2 bytes each): 2 + 5 + 2·2 = 11
    expect(payloadBytes({ a: 1 })).toBe(11);
    expect(payloadBytes(() => 1)).toBe(2); // JSON.stringify of a function is undefined
  });
});

describe("the size of a spill", () => {
  it("a matrix is its JSON plus one byte a row and one more (a comma counted after each row and each last cell)", () => {
    // "[[1,2],[3,4]]" is 13 bytes; counted 2 + 2 × (3 + 2 + 2) = 16 = 13 + 2 rows + 1
    expect(payloadBytes([[1, 2], [3, 4]])).toBe(16);
    const m = [
      ["Champions", 0.25, true],
      ["铂金", null, -3],
      ["a\"b", 1e-7, false],
    ];
    expect(payloadBytes(m)).toBe(jsonBytes(m) + 3 + 1);
    expect(payloadBytes([])).toBe(2);
    expect(payloadBytes([[]])).toBe(5); // "[[]]" 4 + 1
  });

  it("a plain array of cells (one per row) is its JSON plus 1", () => {
    // '["a",1]' is 7 bytes; counted 2 + (3 + 1) + (1 + 1) = 8
    expect(payloadBytes(["a", 1])).toBe(8);
    const col = ["x", 2.5, null, "铂金"];
    expect(payloadBytes(col)).toBe(jsonBytes(col) + 1);
  });

  it("rows that are arrays and rows that are not mix: each counted by its own kind", () => {
    // 2 + (3 + 1 + 1) + (1 + 1) = 9
    expect(payloadBytes([[1], 2])).toBe(9);
  });
});

describe("checkPayload: 5,000,000 bytes pass, one more is #N/A", () => {
  it("the limit is 5,000,000 bytes", () => {
    expect(PAYLOAD_LIMIT_BYTES).toBe(5_000_000);
  });

  it("a single value, an empty result and a small spill are returned as they are", () => {
    expect(checkPayload(3)).toBe(3);
    const text = "x".repeat(6_000_000);
    expect(checkPayload(text)).toBe(text); // a single value is not a spill: not checked
    const empty: unknown[] = [];
    expect(checkPayload(empty)).toBe(empty);
    const small = [[1, "a"], [2, "b"]];
    expect(checkPayload(small)).toBe(small);
  });

  it("exactly 5,000,000 bytes pass; 5,000,001 bytes are #N/A 'about 5 MB', in English and Chinese", () => {
    // 499 rows of 10,000 characters and one of 6,998: 2 + 499 × 10,006 + 7,004 = 5,000,000
    const at = textColumn(499, 10_000, 6_998);
    expect(payloadBytes(at)).toBe(5_000_000);
    expect(checkPayload(at)).toBe(at);
    const over = textColumn(499, 10_000, 6_999); // 5,000,001
    expect(payloadBytes(over)).toBe(5_000_001);
    const e = thrown(() => checkPayload(over));
    expect(e.code).toBe(ErrorCodes.Missing);
    expect(e.key).toBe("fn.resultTooLarge");
    expect(e.params).toEqual({ rows: 500, cols: 1, mb: 5 }); // round(50.00001) / 10
    expect(toExcelError(e).code).toBe("#N/A");
    expect(e.message).toBe(
      "the result has 500 rows × 1 columns, about 5 MB: Excel passes at most about 5 MB back from a custom function (Excel on the web would show #BUSY! for ever); give a smaller range or split it, or use the CVA task pane for a population this large",
    );
    expect(localizedMessage(e, "zh-CN")).toBe(
      "结果有 500 行 × 1 列，约 5 MB：Excel 从自定义函数最多只能传回约 5 MB（Excel 网页版会一直显示 #BUSY!）；请缩小或拆分区域，或用 CVA 任务窗格分析这么大的客户总体",
    );
  });

  it("the size is given to 0.1 MB, rounded: 5,040,000 bytes is 5 MB, 5,060,000 is 5.1 MB", () => {
    const a = textColumn(503, 10_000, 6_974); // 2 + 503 × 10,006 + 6,980 = 5,040,000
    expect(payloadBytes(a)).toBe(5_040_000);
    expect(thrown(() => checkPayload(a)).params).toEqual({ rows: 504, cols: 1, mb: 5 }); // round(50.4) / 10
    const b = textColumn(505, 10_000, 6_962); // 2 + 505 × 10,006 + 6,968 = 5,060,000
    expect(payloadBytes(b)).toBe(5_060_000);
    expect(thrown(() => checkPayload(b)).params).toEqual({ rows: 506, cols: 1, mb: 5.1 }); // round(50.6) / 10
  });

  it("the rows and columns named are the spill's: 300 rows × 2 columns; a plain array is one column", () => {
    const s = "x".repeat(20_000);
    const wide = Array.from({ length: 300 }, (_, i) => [s, i % 10]);
    expect(thrown(() => checkPayload(wide)).params).toEqual({ rows: 300, cols: 2, mb: 6 }); // 2 + 300 × (3 + 20,003 + 2) = 6,002,402
    const t = "y".repeat(10_000);
    const flat = Array.from({ length: 600 }, () => t);
    expect(thrown(() => checkPayload(flat)).params).toEqual({ rows: 600, cols: 1, mb: 6 }); // 2 + 600 × 10,003 = 6,001,802
  });

  it("10,000 cells of 1,000 characters (10.06 MB) are #N/A: a text has no upper size, so a small cell count does not mean a small result", () => {
    // 2 + 10,000 × (3 + 1,002 + 1) = 10,060,002
    const t = "x".repeat(1_000);
    const long = Array.from({ length: 10_000 }, () => [t]);
    expect(thrown(() => checkPayload(long)).params).toEqual({ rows: 10_000, cols: 1, mb: 10.1 });
  });

  it("20,000 error cells with a message of 300 characters (6.92 MB) are #N/A", () => {
    // 2 + 20,000 × (3 + 40 + 302 + 1) = 6,920,002
    const e = new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, "m".repeat(300));
    const errors = Array.from({ length: 20_000 }, () => [e]);
    expect(payloadBytes(errors)).toBe(6_920_002);
    expect(thrown(() => checkPayload(errors)).params).toEqual({ rows: 20_000, cols: 1, mb: 6.9 });
  });
});

describe("the time limit of a fit run from a cell", () => {
  it("is 3 s, under the 5 s after which Office restarts an unresponsive add-in", () => {
    expect(FUNCTION_FIT_TIME_LIMIT_MS).toBe(3000);
  });
});
