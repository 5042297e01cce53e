/**
 * The argument rules of the custom functions (src/functions/args.ts, docs/architecture.md §5 and
 * §14), called directly: what each kind of cell Excel hands over becomes — a blank, text, a
 * logical, an error value, a number typed as text, a rich value, a 1×1, n×1 or 1×n range — and the
 * exact error of each rule: its Excel error (#VALUE! or #N/A), its message key and its text in
 * English and Chinese. Every bound (at least / above / at most / below) is tested on its bound
 * and just either side of it. Expected messages are the texts of src/core/i18n/error-texts
 * written out by hand with the values filled in.
 */
import {
  cellError,
  cellValue,
  errorCodeOf,
  isBlank,
  isMatrix,
  isOmitted,
  notNumberError,
  populationError,
  readArgs,
  readLang,
  readNumber,
  readPopulation,
  readScalar,
  readShares,
  readText,
  unwrap,
  type NumberRule,
  type TextRule,
} from "../../src/functions/args";
import { toExcelError } from "../../src/functions/errors";
import { CvaError, ErrorCodes, localizedMessage } from "../../src/core";
import { inLanguage } from "./call";
import { thrown } from "../support/thrown";

interface Failure {
  excel: string;
  code: string;
  key: string | undefined;
  en: string;
  zh: string;
  where: unknown;
}

function describeError(e: CvaError): Failure {
  return { excel: toExcelError(e).code, code: e.code, key: e.key, en: e.message, zh: localizedMessage(e, "zh-CN"), where: e.where };
}

/** The error `f` throws, as its Excel error, core code, key, English and Chinese text and place. */
function fails(f: () => unknown): Failure {
  try {
    f();
  } catch (e) {
    if (!(e instanceof CvaError)) throw e;
    return describeError(e);
  }
  throw new Error("did not throw");
}

/** An error cell as Excel hands it over when the metadata allows errors (ErrorCellValue). */
const DIV0 = { type: "Error", basicValue: "#DIV/0!", errorType: "Div0" };
const NA = { type: "Error", basicValue: "#N/A", errorType: "NotAvailable" };
/** An entity (a data type) cell. */
const ENTITY = { type: "Entity", text: "Contoso", properties: {} };

const arg = (name: string) => ({ argument: name });

describe("blank cells and omitted arguments", () => {
  it("isBlank: undefined, null and \"\" are blank; 0, false, \" \" and \"0\" are values", () => {
    expect([undefined, null, ""].map(isBlank)).toEqual([true, true, true]);
    expect([0, false, " ", "0", NaN, [[null]]].map(isBlank)).toEqual([false, false, false, false, false, false]);
  });

  it("isMatrix: a non-empty array of arrays; unwrap takes the value out of a 1×1 only", () => {
    expect([[[1]], [[]], [[1, 2], [3, 4]]].map(isMatrix)).toEqual([true, true, true]);
    expect([[], [1], 5, "a", null, undefined].map(isMatrix)).toEqual([false, false, false, false, false, false]);
    expect(unwrap([[7]])).toBe(7);
    expect(unwrap([[null]])).toBe(null);
    expect(unwrap([[1, 2]])).toEqual([[1, 2]]); // 1×2 stays a range
    expect(unwrap([[1], [2]])).toEqual([[1], [2]]); // 2×1 stays a range
    expect(unwrap(7)).toBe(7);
    expect(unwrap([7])).toEqual([7]);
  });

  it("isOmitted: left out, blank, or a range of blanks only; a 0 or a text in the range is given", () => {
    expect([undefined, null, "", [[null]], [[""]], [["", null], [undefined, ""]]].map(isOmitted)).toEqual([true, true, true, true, true, true]);
    expect([0, "x", false, [[0]], [["", 0]], [[""], ["x"]], [[null], [false]]].map(isOmitted)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe("rich values (Excel's data types) made plain", () => {
  it("a Double or FormattedNumber is its number, a String its text, a Boolean its logical, Empty is null", () => {
    expect(cellValue({ type: "Double", basicValue: 2.5 })).toBe(2.5);
    expect(cellValue({ type: "FormattedNumber", basicValue: 5, numberFormat: "0%" })).toBe(5);
    expect(cellValue({ type: "String", basicValue: "abc" })).toBe("abc");
    expect(cellValue({ type: "Boolean", basicValue: false })).toBe(false);
    expect(cellValue({ type: "Empty", basicValue: "" })).toBe(null);
  });

  it("a rich value whose basic value has the wrong type, an error, an entity stay as they are", () => {
    const odd = [
      { type: "Double", basicValue: "2.5" },
      { type: "FormattedNumber", basicValue: "5" },
      { type: "String", basicValue: 3 },
      { type: "Boolean", basicValue: "TRUE" },
      DIV0,
      ENTITY,
      {},
    ];
    for (const v of odd) expect(cellValue(v)).toBe(v);
  });

  it("plain values pass through: numbers, text, logicals, null, undefined", () => {
    for (const v of [0, -1.5, "x", "", true, null, undefined]) expect(cellValue(v)).toBe(v);
  });

  it("errorCodeOf: an ErrorCellValue's basic value (#VALUE! when it has none), a runtime error's code; text \"#N/A\" is not an error", () => {
    expect(errorCodeOf(DIV0)).toBe("#DIV/0!");
    expect(errorCodeOf({ type: "Error" })).toBe("#VALUE!");
    expect(errorCodeOf({ code: "#N/A" })).toBe("#N/A");
    expect(errorCodeOf({ code: "N/A" })).toBeUndefined(); // not an Excel error code
    expect(errorCodeOf({ code: 7 })).toBeUndefined();
    expect(errorCodeOf("#N/A")).toBeUndefined();
    expect(errorCodeOf(null)).toBeUndefined();
    expect(errorCodeOf(ENTITY)).toBeUndefined();
    expect(errorCodeOf({ type: "Double", basicValue: 1 })).toBeUndefined();
  });

  it("cellError: #N/A naming the argument and the error it holds", () => {
    expect(describeError(cellError("margin", NA))).toEqual({
      excel: "#N/A",
      code: ErrorCodes.Missing,
      key: "fn.cellError",
      en: "margin holds the error #N/A",
      zh: "毛利为错误值 #N/A",
      where: arg("margin"),
    });
  });
});

describe("readNumber: the kind of value", () => {
  const X: NumberRule = { name: "x", kind: "number" };
  const OPT: NumberRule = { name: "x", kind: "number", optional: true, default: 12 };

  it("a number passes as it is, whether a plain value, a 1×1 range or a formatted number", () => {
    expect(readNumber(X, 0.25)).toBe(0.25);
    expect(readNumber(X, -3)).toBe(-3);
    expect(readNumber(X, [[0.25]])).toBe(0.25);
    expect(readNumber(X, [[{ type: "FormattedNumber", basicValue: 0.3 }]])).toBe(0.3);
    expect(readNumber(X, { type: "Double", basicValue: 4 })).toBe(4);
  });

  it("a required argument left blank is #VALUE! 'x is required; got a blank cell'", () => {
    const blank = {
      excel: "#VALUE!",
      code: ErrorCodes.InvalidType,
      key: "arg.required",
      en: "x is required; got a blank cell",
      zh: "缺少x：单元格为空",
      where: arg("x"),
    };
    for (const raw of [undefined, null, "", [[null]], [[""]], { type: "Empty" }]) expect(fails(() => readNumber(X, raw))).toEqual(blank);
  });

  it("an optional argument left blank takes its default (12), or undefined without one", () => {
    for (const raw of [undefined, null, "", [[null]], [[""]]]) expect(readNumber(OPT, raw)).toBe(12);
    expect(readNumber({ name: "x", kind: "number", optional: true }, null)).toBeUndefined();
    expect(readNumber(OPT, 0)).toBe(0); // 0 is given, not blank
  });

  it("text, even a number typed as text, is #VALUE! 'must be a number', not read as the number", () => {
    expect(fails(() => readNumber(X, "5"))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.InvalidType,
      key: "arg.notNumber",
      en: 'x must be a number; got the text "5"',
      zh: "x必须是数字；实际为文本“5”",
      where: arg("x"),
    });
    expect(fails(() => readNumber(X, [["abc"]])).en).toBe('x must be a number; got the text "abc"');
    // the bounded rule reaches the same check
    expect(fails(() => readNumber({ name: "x", kind: "number", min: 0 }, "0.5")).en).toBe('x must be a number; got the text "0.5"');
  });

  it("a logical value is #VALUE! 'got the logical value TRUE', not 1", () => {
    const f = fails(() => readNumber(X, true));
    expect([f.excel, f.key, f.en, f.zh]).toEqual(["#VALUE!", "arg.notNumber", "x must be a number; got the logical value TRUE", "x必须是数字；实际为逻辑值 TRUE"]);
    expect(fails(() => readNumber(X, [[false]])).en).toBe("x must be a number; got the logical value FALSE");
  });

  it("NaN is #VALUE! 'must be a number', even under a rule without bounds", () => {
    const f = fails(() => readNumber(X, NaN));
    expect([f.excel, f.key, f.en]).toEqual(["#VALUE!", "arg.notNumber", "x must be a number; got NaN"]);
    expect(fails(() => readNumber({ name: "x", kind: "number", min: 0 }, NaN)).key).toBe("arg.notNumber");
  });

  it("an entity is #VALUE! naming the data type", () => {
    expect(fails(() => readNumber(X, [[ENTITY]])).en).toBe('x must be a number; got the data type "Contoso"');
  });

  it("an error cell is #N/A 'x holds the error #DIV/0!', not 'must be a number'", () => {
    const expected = { excel: "#N/A", code: ErrorCodes.Missing, key: "fn.cellError", en: "x holds the error #DIV/0!", zh: "x为错误值 #DIV/0!", where: arg("x") };
    expect(fails(() => readNumber(X, [[DIV0]]))).toEqual(expected);
    expect(fails(() => readNumber(OPT, DIV0))).toEqual(expected); // optional does not excuse an error
    expect(fails(() => readNumber(X, { code: "#DIV/0!" }))).toEqual(expected);
  });

  it("a range of more than one cell is not a number: an n×1 or 1×n range is #VALUE!", () => {
    expect(fails(() => readNumber(X, [[1], [2]])).key).toBe("arg.notNumber");
    expect(fails(() => readNumber(X, [[1, 2]])).key).toBe("arg.notNumber");
  });

  it("±Infinity is #VALUE! 'must be a finite number', with or without bounds", () => {
    expect(fails(() => readNumber(X, Infinity))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.OutOfRange,
      key: "arg.notFinite",
      en: "x must be a finite number; got Infinity",
      zh: "x必须是有限的数字；实际为Infinity",
      where: arg("x"),
    });
    expect(fails(() => readNumber({ name: "x", kind: "number", max: 1 }, -Infinity)).en).toBe("x must be a finite number; got -Infinity");
    expect(fails(() => readNumber({ name: "x", kind: "number", min: 0, hint: { "en-US": "a rate", "zh-CN": "比率" } }, Infinity)).en).toBe("x must be a finite number (a rate); got Infinity");
  });
});

describe("readNumber: whole numbers and bounds, each just either side", () => {
  it("integer: 3 passes, 2.5 and 3.000001 are #VALUE! 'must be a whole number'", () => {
    const W: NumberRule = { name: "periods", kind: "number", integer: true };
    expect(readNumber(W, 3)).toBe(3);
    expect(readNumber(W, -2)).toBe(-2);
    expect(fails(() => readNumber(W, 2.5))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.OutOfRange,
      key: "arg.notWhole",
      en: "periods must be a whole number; got 2.5",
      zh: "期数必须是整数；实际为2.5",
      where: arg("periods"),
    });
    expect(fails(() => readNumber(W, 3.000001)).en).toBe("periods must be a whole number; got 3.000001");
  });

  it("at least 1 (inclusive min): 1 and 1.001 pass, 0.999 is #VALUE! 'must be at least 1'", () => {
    const R: NumberRule = { name: "months", kind: "number", min: 1 };
    expect(readNumber(R, 1)).toBe(1);
    expect(readNumber(R, 1.001)).toBe(1.001);
    expect(fails(() => readNumber(R, 0.999))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.OutOfRange,
      key: "arg.atLeast",
      en: "months must be at least 1; got 0.999",
      zh: "月数不能小于 1；实际为0.999",
      where: arg("months"),
    });
  });

  it("at least 0: the bound 0 passes, −0.001 fails (a bound of 0 is still a bound)", () => {
    const R: NumberRule = { name: "x", kind: "number", min: 0 };
    expect(readNumber(R, 0)).toBe(0);
    expect(fails(() => readNumber(R, -0.001)).en).toBe("x must be at least 0; got -0.001");
  });

  it("above 0 (exclusive min): 0.001 passes, 0 and −0.001 are #VALUE! 'must be greater than 0'", () => {
    const R: NumberRule = { name: "margin", kind: "number", min: 0, minExclusive: true };
    expect(readNumber(R, 0.001)).toBe(0.001);
    const at0 = fails(() => readNumber(R, 0));
    expect(at0).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.OutOfRange,
      key: "arg.above",
      en: "margin must be greater than 0; got 0",
      zh: "毛利必须大于 0；实际为0",
      where: arg("margin"),
    });
    expect(fails(() => readNumber(R, -0.001)).key).toBe("arg.above");
  });

  it("at most 1 (inclusive max): 1 and 0.999 pass, 1.001 is #VALUE! 'must be at most 1'", () => {
    const R: NumberRule = { name: "top_share", kind: "number", max: 1 };
    expect(readNumber(R, 1)).toBe(1);
    expect(readNumber(R, 0.999)).toBe(0.999);
    expect(fails(() => readNumber(R, 1.001))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.OutOfRange,
      key: "arg.atMost",
      en: "top_share must be at most 1; got 1.001",
      zh: "头部客户比例不能大于 1；实际为1.001",
      where: arg("top_share"),
    });
  });

  it("at most 0: the bound 0 passes, 0.001 fails", () => {
    const R: NumberRule = { name: "x", kind: "number", max: 0 };
    expect(readNumber(R, 0)).toBe(0);
    expect(fails(() => readNumber(R, 0.001)).en).toBe("x must be at most 0; got 0.001");
  });

  it("below 1 (exclusive max): 0.999 passes, 1 and 1.001 are #VALUE! 'must be below 1'", () => {
    const R: NumberRule = { name: "retention", kind: "number", max: 1, maxExclusive: true };
    expect(readNumber(R, 0.999)).toBe(0.999);
    expect(fails(() => readNumber(R, 1))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.OutOfRange,
      key: "arg.below",
      en: "retention must be below 1; got 1",
      zh: "留存率必须小于 1；实际为1",
      where: arg("retention"),
    });
    expect(fails(() => readNumber(R, 1.001)).key).toBe("arg.below");
  });

  it("a range [0, 1): 0 and 0.999 pass; −0.001 fails the min, 1 fails the max; the message shows the hint in each language", () => {
    const R: NumberRule = { name: "discount", kind: "number", min: 0, max: 1, maxExclusive: true, hint: { "en-US": "0.1 = 10%", "zh-CN": "0.1 即 10%" } };
    expect(readNumber(R, 0)).toBe(0);
    expect(readNumber(R, 0.999)).toBe(0.999);
    const low = fails(() => readNumber(R, -0.001));
    expect([low.key, low.en, low.zh]).toEqual(["arg.atLeast", "discount must be at least 0 (0.1 = 10%); got -0.001", "贴现率不能小于 0（0.1 即 10%）；实际为-0.001"]);
    const high = fails(() => readNumber(R, 1));
    expect([high.key, high.en, high.zh]).toEqual(["arg.below", "discount must be below 1 (0.1 = 10%); got 1", "贴现率必须小于 1（0.1 即 10%）；实际为1"]);
  });

  it("a whole number of at least 1: 2.5 is 'whole' before the bound is looked at, 0 is 'at least 1'", () => {
    const R: NumberRule = { name: "periods", kind: "number", integer: true, min: 1 };
    expect(readNumber(R, 1)).toBe(1);
    expect(fails(() => readNumber(R, 0.5)).key).toBe("arg.notWhole");
    expect(fails(() => readNumber(R, 0)).en).toBe("periods must be at least 1; got 0");
  });

  it("the message parameters carry the bounds, and \"\" for a bound the rule does not have", () => {
    expect(thrown(() => readNumber({ name: "x", kind: "number", max: 5 }, 6)).params).toEqual({ arg: "x", hint: "", got: 6, min: "", max: 5 });
    expect(thrown(() => readNumber({ name: "x", kind: "number", min: 2 }, 1)).params).toEqual({ arg: "x", hint: "", got: 1, min: 2, max: "" });
    expect(thrown(() => readNumber({ name: "x", kind: "number", min: 0, max: 1 }, 2)).params).toEqual({ arg: "x", hint: "", got: 2, min: 0, max: 1 });
    expect(thrown(() => readNumber({ name: "x", kind: "number", min: 1, hint: { "en-US": "h", "zh-CN": "提示" } }, 0)).params).toEqual({
      arg: "x",
      hint: { "en-US": " (h)", "zh-CN": "（提示）" },
      got: 0,
      min: 1,
      max: "",
    });
  });

  it("a default of an optional bounded argument is returned as declared; a given value is still checked", () => {
    const R: NumberRule = { name: "x", kind: "number", optional: true, default: 0.5, min: 0, max: 1 };
    expect(readNumber(R, undefined)).toBe(0.5);
    expect(readNumber(R, [[null]])).toBe(0.5);
    expect(fails(() => readNumber(R, 2)).key).toBe("arg.atMost");
  });
});

describe("readText and choices", () => {
  const T: TextRule = { name: "id", kind: "text" };
  const UNIT: TextRule = { name: "unit", kind: "text", optional: true, default: "weeks", choices: ["days", "weeks", "months"] };

  it("text passes as it is (untrimmed, same case) without choices; from a 1×1 range or a String rich value too", () => {
    expect(readText(T, " Abc ")).toBe(" Abc ");
    expect(readText(T, [["x"]])).toBe("x");
    expect(readText(T, { type: "String", basicValue: "s" })).toBe("s");
  });

  it("a required text left blank is #VALUE! 'is required'; an optional one takes its default", () => {
    expect(fails(() => readText(T, [[""]]))).toEqual({ excel: "#VALUE!", code: ErrorCodes.InvalidType, key: "arg.required", en: "id is required; got a blank cell", zh: "缺少id：单元格为空", where: arg("id") });
    expect(readText(UNIT, undefined)).toBe("weeks");
    expect(readText(UNIT, [[null]])).toBe("weeks");
    expect(readText({ name: "u", kind: "text", optional: true }, "")).toBeUndefined();
  });

  it("a number or a logical where text belongs is #VALUE! 'must be text'", () => {
    expect(fails(() => readText(T, 5))).toEqual({ excel: "#VALUE!", code: ErrorCodes.InvalidType, key: "arg.notText", en: "id must be text; got 5", zh: "id必须是文本；实际为5", where: arg("id") });
    expect(fails(() => readText(T, [[true]])).en).toBe("id must be text; got the logical value TRUE");
  });

  it("an error cell where text belongs is #N/A naming it", () => {
    expect(fails(() => readText(UNIT, [[NA]]))).toEqual({ excel: "#N/A", code: ErrorCodes.Missing, key: "fn.cellError", en: "unit holds the error #N/A", zh: "时间单位为错误值 #N/A", where: arg("unit") });
  });

  it("a choice is matched trimmed and case-insensitively and returned as declared", () => {
    expect(readText(UNIT, "Days")).toBe("days");
    expect(readText(UNIT, "  MONTHS ")).toBe("months");
    expect(readText(UNIT, [["weeks"]])).toBe("weeks");
  });

  it("a text that is not a choice is #VALUE! listing the choices, in English and Chinese", () => {
    expect(fails(() => readText(UNIT, "years"))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.InvalidType,
      key: "arg.notChoice",
      en: 'unit must be one of "days", "weeks", "months"; got "years"',
      zh: '时间单位必须是 "days", "weeks", "months" 之一；实际为"years"',
      where: arg("unit"),
    });
    // a near miss is not a choice: "day" is not "days"; "周" is not "weeks"
    expect(fails(() => readText(UNIT, "day")).en).toBe('unit must be one of "days", "weeks", "months"; got "day"');
    expect(fails(() => readText(UNIT, "周")).zh).toBe('时间单位必须是 "days", "weeks", "months" 之一；实际为"周"');
  });

  it("readScalar reads a number rule as a number and a text rule as text", () => {
    expect(readScalar({ name: "x", kind: "number" }, [[3]])).toBe(3);
    expect(readScalar(UNIT, "DAYS")).toBe("days");
    expect(fails(() => readScalar({ name: "x", kind: "number" }, "3")).key).toBe("arg.notNumber");
    expect(fails(() => readScalar(T, 3)).key).toBe("arg.notText");
  });

  it("readArgs reads each argument under its own rule, in order", () => {
    const rules: NumberRule[] = [
      { name: "a", kind: "number" },
      { name: "b", kind: "number", optional: true, default: 7 },
      { name: "c", kind: "number", min: 0 },
    ];
    expect(readArgs(rules, [[[1]], undefined, 2])).toEqual([1, 7, 2]);
    expect(fails(() => readArgs(rules, [1, 2, -1])).en).toBe("c must be at least 0; got -1");
  });
});

describe("the lang argument: en-US / zh-CN / en / zh, else Office's language", () => {
  it("en-US, EN, zh-CN, ZH and \" zh-cn \" give the two languages", () => {
    expect(readLang("en-US")).toBe("en-US");
    expect(readLang("EN")).toBe("en-US");
    expect(readLang([["zh-CN"]])).toBe("zh-CN");
    expect(readLang("ZH")).toBe("zh-CN");
    expect(readLang(" zh-cn ")).toBe("zh-CN");
  });

  it("left out, it follows Office's display language: en-US outside Office, zh-CN in a Chinese Office", () => {
    expect(readLang(undefined)).toBe("en-US");
    expect(inLanguage("zh-CN", () => readLang(undefined))).toBe("zh-CN");
    expect(inLanguage("zh-TW", () => readLang([[""]]))).toBe("zh-CN");
    expect(inLanguage("fr-FR", () => readLang(null))).toBe("en-US");
    // given, it wins over Office's language
    expect(inLanguage("zh-CN", () => readLang("en"))).toBe("en-US");
  });

  it("another language is #VALUE! listing the four choices; 中文 is not one of them", () => {
    expect(fails(() => readLang("fr"))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.InvalidType,
      key: "arg.notChoice",
      en: 'lang must be one of "en-us", "zh-cn", "en", "zh"; got "fr"',
      zh: '语言必须是 "en-us", "zh-cn", "en", "zh" 之一；实际为"fr"',
      where: arg("lang"),
    });
    expect(fails(() => readLang("中文")).zh).toBe('语言必须是 "en-us", "zh-cn", "en", "zh" 之一；实际为"中文"');
    expect(fails(() => readLang("zh-hans")).key).toBe("arg.notChoice"); // not a choice of the function, though the core knows it
  });
});

describe("readPopulation: a range of customers' values", () => {
  it("an n×1 column is read top to bottom; blank cells are skipped; the result holds only the numbers", () => {
    const v = readPopulation("values", [[3], [null], [""], [1.5], [undefined], [0]]);
    expect(v).toBeInstanceOf(Float64Array);
    expect(Array.from(v)).toEqual([3, 1.5, 0]);
  });

  it("a 1×n row and a 2×2 block are read row by row; a single value is one customer", () => {
    expect(Array.from(readPopulation("values", [[4, 5, 6]]))).toEqual([4, 5, 6]);
    expect(Array.from(readPopulation("values", [[1, 2], [3, 4]]))).toEqual([1, 2, 3, 4]);
    expect(Array.from(readPopulation("values", 9))).toEqual([9]);
    expect(Array.from(readPopulation("values", [[9]]))).toEqual([9]);
  });

  it("rich numbers are their numbers; an Empty rich value is skipped", () => {
    expect(Array.from(readPopulation("values", [[{ type: "FormattedNumber", basicValue: 2 }], [{ type: "Empty" }], [{ type: "Double", basicValue: 3 }]]))).toEqual([2, 3]);
  });

  it("text in a column is #VALUE! naming its row; in a row or block naming row and column", () => {
    expect(fails(() => readPopulation("values", [[1], [2], ["7"]]))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.InvalidType,
      key: "population.notNumber",
      en: 'values: row 3 holds the text "7", not a number',
      zh: "客户价值：第 3 行的值为文本“7”，不是数字",
      where: { argument: "values", row: 3 },
    });
    expect(fails(() => readPopulation("values", [[1, true, 3]]))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.InvalidType,
      key: "population.notNumberAt",
      en: "values: row 1, column 2 holds the logical value TRUE, not a number",
      zh: "客户价值：第 1 行第 2 列的值为逻辑值 TRUE，不是数字",
      where: { argument: "values", row: 1 },
    });
    expect(fails(() => readPopulation("values", [[1, 2], [3, ENTITY]])).en).toBe('values: row 2, column 2 holds the data type "Contoso", not a number');
  });

  it("±Infinity or NaN is #VALUE! 'not a finite number' naming its cell", () => {
    expect(fails(() => readPopulation("values", [[1], [Infinity]]))).toEqual({
      excel: "#VALUE!",
      code: ErrorCodes.OutOfRange,
      key: "population.notFinite",
      en: "values: row 2 holds Infinity, not a finite number",
      zh: "客户价值：第 2 行的值为 Infinity，不是有限的数字",
      where: { argument: "values", row: 2 },
    });
    expect(fails(() => readPopulation("values", [[1, 2, -Infinity]])).en).toBe("values: row 1, column 3 holds -Infinity, not a finite number");
    expect(fails(() => readPopulation("values", [[NaN]])).key).toBe("population.notFinite");
  });

  it("an error cell makes the whole result #N/A naming it, by default", () => {
    expect(fails(() => readPopulation("values", [[1], [DIV0], [2]]))).toEqual({
      excel: "#N/A",
      code: ErrorCodes.Missing,
      key: "fn.populationError",
      en: 'values: row 2 holds the error #DIV/0!; correct the cell, or wrap the range in IFERROR(…, "") to leave error cells out',
      zh: '客户价值：第 2 行为错误值 #DIV/0!；请修正该单元格，或用 IFERROR(…, "") 包住区域以排除错误单元格',
      where: { argument: "values", row: 2 },
    });
    expect(fails(() => readPopulation("values", [[1, NA]], { errors: "fail" })).en).toBe(
      'values: row 1, column 2 holds the error #N/A; correct the cell, or wrap the range in IFERROR(…, "") to leave error cells out',
    );
  });

  it("with errors: \"skip\" an error cell is left out, but text is still an error", () => {
    expect(Array.from(readPopulation("values", [[1], [DIV0], [2]], { errors: "skip" }))).toEqual([1, 2]);
    expect(fails(() => readPopulation("values", [[1], ["x"]], { errors: "skip" })).key).toBe("population.notNumber");
  });

  it("at least 1 value by default: none is #N/A 'holds no numbers'; min 3: 2 is #N/A 'holds 2 numbers', 3 pass", () => {
    expect(fails(() => readPopulation("values", [[null], [""]]))).toEqual({
      excel: "#N/A",
      code: ErrorCodes.Missing,
      key: "population.none",
      en: "values holds no numbers; give at least 1",
      zh: "客户价值中没有数字；至少需要 1 个",
      where: arg("values"),
    });
    expect(Array.from(readPopulation("values", [[5]]))).toEqual([5]);
    expect(fails(() => readPopulation("values", [[1], [2], [null]], { min: 3 }))).toEqual({
      excel: "#N/A",
      code: ErrorCodes.Missing,
      key: "population.tooFew",
      en: "values holds 2 numbers; give at least 3",
      zh: "客户价值只有 2 个数字；至少需要 3 个",
      where: arg("values"),
    });
    expect(Array.from(readPopulation("values", [[1], [2], [3]], { min: 3 }))).toEqual([1, 2, 3]);
    // skipped error cells do not count
    expect(fails(() => readPopulation("values", [[1], [DIV0]], { min: 2, errors: "skip" })).en).toBe("values holds 1 numbers; give at least 2");
    expect(fails(() => readPopulation("values", [[DIV0]], { errors: "skip" })).key).toBe("population.none");
  });

  it("populationError and notNumberError number rows and columns from 1", () => {
    expect(populationError("v", NA, 0, 0, false).message).toBe('v: row 1 holds the error #N/A; correct the cell, or wrap the range in IFERROR(…, "") to leave error cells out');
    expect(populationError("v", NA, 4, 2, true).message).toBe('v: row 5, column 3 holds the error #N/A; correct the cell, or wrap the range in IFERROR(…, "") to leave error cells out');
    expect(populationError("v", NA, 4, 2, true).where).toEqual({ argument: "v", row: 5 });
    expect(notNumberError("v", "a", 1, 0, false).message).toBe('v: row 2 holds the text "a", not a number');
    expect(notNumberError("v", "a", 1, 3, true).message).toBe('v: row 2, column 4 holds the text "a", not a number');
    expect(notNumberError("v", "a", 1, 3, true).code).toBe(ErrorCodes.InvalidType);
  });
});

describe("readShares: the pyramid's cut-offs as shares or percentages", () => {
  it("left out or a range of blanks is undefined (the default cut-offs)", () => {
    expect(readShares("cutoffs", undefined)).toBeUndefined();
    expect(readShares("cutoffs", [[null], [""]])).toBeUndefined();
  });

  it("percentages adding up to 100 become shares: 1, 19, 30, 50 → 0.01, 0.19, 0.3, 0.5", () => {
    expect(readShares("cutoffs", [[1], [19], [30], [50]])).toEqual([0.01, 0.19, 0.3, 0.5]);
    expect(readShares("cutoffs", [[20, 80]])).toEqual([0.2, 0.8]);
  });

  it("within 1e-6 of 100 is a percentage; 1e-5 off, or a sum of 30, is taken as given", () => {
    expect(readShares("cutoffs", [[40.0000005], [60]])).toEqual([40.0000005 / 100, 0.6]); // sum 100.0000005
    expect(readShares("cutoffs", [[39.9999995], [60]])).toEqual([39.9999995 / 100, 0.6]); // sum 99.9999995
    expect(readShares("cutoffs", [[40.00001], [60]])).toEqual([40.00001, 60]); // sum 100.00001
    expect(readShares("cutoffs", [[39.99999], [60]])).toEqual([39.99999, 60]); // sum 99.99999
    expect(readShares("cutoffs", [[10], [20]])).toEqual([10, 20]); // sum 30: neither 1 nor 100, the core says so
  });

  it("shares adding up to 1 are kept; blanks inside are skipped; text is the population error", () => {
    expect(readShares("cutoffs", [[0.2], [null], [0.8]])).toEqual([0.2, 0.8]);
    expect(fails(() => readShares("cutoffs", [[0.2], ["x"]])).en).toBe('cutoffs: row 2 holds the text "x", not a number');
  });
});
