// The two message tables' machinery (src/core/i18n): the language tag, filling placeholders and
// what happens to a missing one, argument names in the user's language, and how a value the
// user gave is described (blank, text, logical value, Excel error, data type). Expected texts are
// the tables' sentences filled in by hand.
import { errorText, given } from "../../src/core/i18n/errors";
import { LANGS, MESSAGES, normaliseLang, t } from "../../src/core/i18n/messages";
import { thrown } from "../support/thrown";

describe("normaliseLang", () => {
  it("takes en-US and zh-CN in any case, their short forms, zh-Hans, and surrounding spaces", () => {
    expect(normaliseLang(undefined)).toBe("en-US");
    for (const l of ["en", "EN", "en-us", "En-US", " en-US "]) expect([l, normaliseLang(l)]).toEqual([l, "en-US"]);
    for (const l of ["zh", "ZH", "zh-cn", "zh-CN", "zh-Hans", " zh-CN\t", "ZH-HANS"]) expect([l, normaliseLang(l)]).toEqual([l, "zh-CN"]);
  });

  it.each(["fr", "", "en-GB", "zh-TW", "english"])("refuses %p with a keyed error naming the argument", (l) => {
    const e = thrown(() => normaliseLang(l));
    expect([e.code, e.key, e.params, e.where]).toEqual(["OUT_OF_RANGE", "lang.invalid", { got: JSON.stringify(l) }, { argument: "lang" }]);
    expect(e.message).toBe(`the language must be en-US or zh-CN; got ${JSON.stringify(l)}`);
  });

  it("LANGS lists the two languages", () => {
    expect(LANGS).toEqual(["en-US", "zh-CN"]);
  });
});

describe("t", () => {
  it("gives a label in each language", () => {
    expect(t("en-US", "stage.decline")).toBe("Decline");
    expect(t("zh-CN", "stage.decline")).toBe("退化期");
    expect(MESSAGES["zh-CN"]["tier.metal.1"]).toBe("铂金客户");
  });

  it("takes the Chinese of each part of the table (message-texts/*.ts) from that part", () => {
    // one label of each part, as its zhCN table writes it
    expect(t("zh-CN", "checks.series.actual")).toBe("实际");
    expect(t("zh-CN", "choice.only", { model: "BG/NBD" })).toBe("使用 BG/NBD：只有这个模型能够拟合");
    expect(t("zh-CN", "forecast.title")).toBe("客户群预测");
    expect(t("zh-CN", "interval.unavailable", { reason: "样本太小" })).toBe("客户资产没有区间：样本太小。");
    expect(t("zh-CN", "migration.fromTo")).toBe("从 \\ 到");
    expect(t("zh-CN", "cli.period.days")).toBe("天");
  });

  it("fills the placeholders it is given and leaves the others", () => {
    expect(t("en-US", "tier.generic", { n: 5 })).toBe("Tier 5");
    expect(t("zh-CN", "tier.generic", { n: 5 })).toBe("第5层");
    expect(t("en-US", "loyalty.wordOfMouth", { positive: 3, negativeLow: "8" })).toBe("Word of mouth: satisfied customers tell about 3 people; dissatisfied ones about 8–{negativeHigh}.");
    // without parameters the text comes as it is, placeholders and all
    expect(t("en-US", "tier.generic")).toBe("Tier {n}");
  });
});

describe("errorText", () => {
  it("leaves a placeholder whose parameter is missing", () => {
    expect(errorText("en-US", "arg.required")).toBe("{arg} is required; got a blank cell");
    expect(errorText("zh-CN", "arg.below", { arg: "retention", max: 1 })).toBe("留存率必须小于 1{hint}；实际为{got}");
  });

  it("names every argument parameter (arg and …Arg) in the user's language, and nothing else", () => {
    expect(errorText("zh-CN", "data.lengthMismatch", { arg: "cutoffs", count: 3, otherArg: "months", otherCount: 2 })).toBe("分层比例有 3 个值，而月数有 2 个：每位客户在两者中各有一个值");
    // a parameter that is not an argument keeps its text even when it is an argument's name
    expect(errorText("zh-CN", "arg.below", { arg: "retention", max: 1, hint: "", got: "margin" })).toBe("留存率必须小于 1；实际为margin");
    // a name the table does not hold is shown as it is
    expect(errorText("zh-CN", "arg.required", { arg: "an_unlisted_name" })).toBe("缺少an_unlisted_name：单元格为空");
    // English names the core's own settings readably and leaves the functions' names as they are
    expect(errorText("en-US", "arg.required", { arg: "horizonMonths" })).toBe("the CLV horizon in months is required; got a blank cell");
    expect(errorText("en-US", "arg.required", { arg: "margin" })).toBe("margin is required; got a blank cell");
  });

  it("renders a phrase in both languages in the message's language", () => {
    const role = { "en-US": "amount", "zh-CN": "金额" };
    expect(errorText("en-US", "columns.missing", { role, examples: '"amount"', columns: "a, b" })).toBe('missing column for amount: expected a header such as "amount"; the columns are: a, b');
    expect(errorText("zh-CN", "columns.missing", { role, examples: '"amount"', columns: "a, b" })).toBe('缺少金额列：表头应为 "amount" 等；现有的列：a, b');
  });

  it("describes a given value in the message's language, an empty text included", () => {
    expect(errorText("en-US", "arg.notNumber", { arg: "margin", got: { given: "text" } })).toBe('margin must be a number; got the text ""');
    expect(errorText("zh-CN", "arg.notNumber", { arg: "margin", got: { given: "dataType", value: "Seattle" } })).toBe("毛利必须是数字；实际为数据类型“Seattle”");
    expect(errorText("en-US", "arg.notNumber", { arg: "margin", got: { given: "error", value: "#DIV/0!" } })).toBe("margin must be a number; got the error #DIV/0!");
    expect(errorText("zh-CN", "arg.notNumber", { arg: "margin", got: { given: "blank" } })).toBe("毛利必须是数字；实际为空单元格");
  });
});

describe("given: what the user gave, described", () => {
  it("a blank: nothing, null or an empty text", () => {
    expect(given(undefined)).toEqual({ given: "blank" });
    expect(given(null)).toEqual({ given: "blank" });
    expect(given("")).toEqual({ given: "blank" });
  });

  it("numbers as numbers, logical values as TRUE/FALSE, texts as texts", () => {
    expect(given(0)).toBe(0);
    expect(given(-1.5)).toBe(-1.5);
    expect(given(true)).toEqual({ given: "logical", value: "TRUE" });
    expect(given(false)).toEqual({ given: "logical", value: "FALSE" });
    expect(given("abc")).toEqual({ given: "text", value: "abc" });
    expect(given(" ")).toEqual({ given: "text", value: " " });
  });

  it("an Excel error in each form a custom function receives it", () => {
    // an ErrorCellValue: its basic value, else its error code, else #VALUE!
    expect(given({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" })).toEqual({ given: "error", value: "#DIV/0!" });
    expect(given({ type: "Error", errorCode: "#N/A" })).toEqual({ given: "error", value: "#N/A" });
    expect(given({ type: "Error" })).toEqual({ given: "error", value: "#VALUE!" });
    // an error object of the functions runtime: a code starting with #
    expect(given({ code: "#NUM!", message: "x" })).toEqual({ given: "error", value: "#NUM!" });
    // a code that is not an Excel error is not one; an errorCode is
    expect(given({ code: "E1", errorCode: "#REF!" })).toEqual({ given: "error", value: "#REF!" });
    expect(given({ errorCode: "#NAME?" })).toEqual({ given: "error", value: "#NAME?" });
    expect(given({ code: 7, errorCode: "#NULL!" })).toEqual({ given: "error", value: "#NULL!" });
  });

  it("a formatted number as its number; another data type by its text, value or type", () => {
    expect(given({ type: "Double", basicValue: 2.5 })).toBe(2.5);
    expect(given({ type: "FormattedNumber", basicValue: 0.25, numberFormat: "0%" })).toBe(0.25);
    expect(given({ type: "Double", basicValue: "2.5" })).toEqual({ given: "dataType", value: "2.5" });
    expect(given({ type: "Boolean", basicValue: 7 })).toEqual({ given: "dataType", value: "7" });
    expect(given({ type: "Entity", text: "Seattle", basicValue: "#VALUE!" })).toEqual({ given: "dataType", value: "Seattle" });
    expect(given({ type: "Entity", basicValue: "#VALUE!" })).toEqual({ given: "dataType", value: "#VALUE!" });
    expect(given({ type: "LinkedEntity" })).toEqual({ given: "dataType", value: "LinkedEntity" });
  });

  it("any other object by its text", () => {
    expect(given({ code: "E1" })).toEqual({ given: "text", value: "[object Object]" });
    expect(given({ type: 3 })).toEqual({ given: "text", value: "[object Object]" });
    expect(given([1, 2])).toEqual({ given: "text", value: "1,2" });
  });
});
