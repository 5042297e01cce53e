// Error messages in both languages: the table of keyed messages, the rendering of parameters
// (argument names, values the user gave) and the way a keyed error keeps its key through a
// prefix and is shown in the user's language at the edge.
import { CvaError, ErrorCodes, ERROR_TEXTS, errorText, given, localizedMessage, type ErrorKey } from "../../src/core";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the error message table", () => {
  const keys = Object.keys(ERROR_TEXTS["en-US"]) as ErrorKey[];

  it("has every message in both languages with the same placeholders, and Chinese text in zh-CN", () => {
    expect(keys.length).toBeGreaterThan(10);
    // A message with English words needs Chinese ones; a frame such as "cva: {text}" has none.
    const hasWords = (s: string) => /[a-z]{3,}/i.test(s.replace(/\{\w+\}/g, "").replace(/\bcva\b/g, ""));
    for (const k of keys) {
      expect([k, placeholders(ERROR_TEXTS["zh-CN"][k])]).toEqual([k, placeholders(ERROR_TEXTS["en-US"][k])]);
      if (hasWords(ERROR_TEXTS["en-US"][k])) expect([k, /[\u4e00-\u9fff]/.test(ERROR_TEXTS["zh-CN"][k])]).toEqual([k, true]);
    }
  });

  it("names arguments in the user's language and describes what the user gave", () => {
    expect(errorText("en-US", "arg.notNumber", { arg: "margin", got: given("abc") })).toBe('margin must be a number; got the text "abc"');
    expect(errorText("zh-CN", "arg.notNumber", { arg: "margin", got: given("abc") })).toBe("毛利必须是数字；实际为文本“abc”");
    expect(errorText("zh-CN", "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 })).toBe("留存率必须小于 1；实际为1.2");
    expect(errorText("en-US", "arg.required", { arg: "retention" })).toBe("retention is required; got a blank cell");
    expect(errorText("zh-CN", "arg.required", { arg: "an_unlisted_name" })).toBe("缺少an_unlisted_name：单元格为空");
  });

  it("describes blanks, logical values and Excel errors", () => {
    expect(given("")).toEqual({ given: "blank" });
    expect(given(null)).toEqual({ given: "blank" });
    expect(given(3)).toBe(3);
    expect(errorText("en-US", "arg.notText", { arg: "unit", got: given(true) })).toBe("unit must be text; got the logical value TRUE");
    expect(errorText("zh-CN", "arg.notText", { arg: "unit", got: given({ type: "Error", errorCode: "#N/A" }) })).toBe("时间单位必须是文本；实际为错误值 #N/A");
  });
});

describe("a keyed CvaError", () => {
  const e = CvaError.keyed(ErrorCodes.OutOfRange, "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 }, { argument: "retention" });

  it("has its English message, code and location", () => {
    expect(e.message).toBe("retention must be below 1; got 1.2");
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.where).toEqual({ argument: "retention" });
    expect(localizedMessage(e, "en-US")).toBe(e.message);
  });

  it("is shown in Chinese where the user reads Chinese, with its prefixes", () => {
    expect(localizedMessage(e, "zh-CN")).toBe("留存率必须小于 1；实际为1.2");
    const inFile = e.withContext("row 3").withContext("sales.csv");
    expect(inFile.message).toBe("sales.csv: row 3: retention must be below 1; got 1.2");
    expect(localizedMessage(inFile, "zh-CN")).toBe("sales.csv: row 3: 留存率必须小于 1；实际为1.2");
    expect(inFile.code).toBe("OUT_OF_RANGE");
  });

  it("leaves an unkeyed error's English message as it is", () => {
    const plain = new CvaError(ErrorCodes.Missing, "no such file");
    expect(localizedMessage(plain, "zh-CN")).toBe("no such file");
    expect(localizedMessage(plain.withContext("a.csv"), "zh-CN")).toBe("a.csv: no such file");
    expect(localizedMessage(new Error("boom"), "zh-CN")).toBe("boom");
  });
});
