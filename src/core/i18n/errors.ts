/**
 * Every error message the user can see, in en-US and zh-CN (docs/architecture.md §6).
 *
 * A {@link CvaError} made with `CvaError.keyed` carries a key of this table and its parameters;
 * the edge that shows it (a custom function's cell, the CLI's stderr, the task pane) renders it
 * in the user's language with {@link localizedMessage}. The English table defines the keys; the
 * Chinese table is typed `Record<ErrorKey, string>`, so a message missing from either language
 * does not compile.
 *
 * Parameters fill `{name}` placeholders. A parameter named `arg` (or ending in `Arg`) is the
 * name of an argument or option as the user sees it: it is looked up in {@link ARGUMENT_NAMES}
 * and shown in the user's language when the table has it. Numbers and quoted user text are
 * language-neutral and pass through unchanged.
 */
import type { Lang } from "./messages";

const enUS = {
  // Arguments (custom functions, CLI options)
  "arg.required": "{arg} is required; got a blank cell",
  "arg.notNumber": "{arg} must be a number; got {got}",
  "arg.notText": "{arg} must be text; got {got}",
  "arg.notChoice": "{arg} must be one of {choices}; got {got}",
  "arg.notFinite": "{arg} must be a finite number{hint}; got {got}",
  "arg.notWhole": "{arg} must be a whole number{hint}; got {got}",
  "arg.atLeast": "{arg} must be at least {min}{hint}; got {got}",
  "arg.above": "{arg} must be greater than {min}{hint}; got {got}",
  "arg.atMost": "{arg} must be at most {max}{hint}; got {got}",
  "arg.below": "{arg} must be below {max}{hint}; got {got}",
  // Populations (a range of customers' values)
  "population.notFinite": "{arg}: row {row} holds {got}, not a finite number",
  "population.notNumber": "{arg}: row {row} holds {got}, not a number",
  "population.notFiniteAt": "{arg}: row {row}, column {col} holds {got}, not a finite number",
  "population.notNumberAt": "{arg}: row {row}, column {col} holds {got}, not a number",
  "population.tooFew": "{arg} holds {count} numbers; give at least {min}",
  "population.none": "{arg} holds no numbers; give at least {min}",
  // Language
  "lang.invalid": "the language must be en-US or zh-CN; got {got}",
} as const;

export type ErrorKey = keyof typeof enUS;

const zhCN: Record<ErrorKey, string> = {
  "arg.required": "缺少{arg}：单元格为空",
  "arg.notNumber": "{arg}必须是数字；实际为{got}",
  "arg.notText": "{arg}必须是文本；实际为{got}",
  "arg.notChoice": "{arg}必须是 {choices} 之一；实际为{got}",
  "arg.notFinite": "{arg}必须是有限的数字{hint}；实际为{got}",
  "arg.notWhole": "{arg}必须是整数{hint}；实际为{got}",
  "arg.atLeast": "{arg}不能小于 {min}{hint}；实际为{got}",
  "arg.above": "{arg}必须大于 {min}{hint}；实际为{got}",
  "arg.atMost": "{arg}不能大于 {max}{hint}；实际为{got}",
  "arg.below": "{arg}必须小于 {max}{hint}；实际为{got}",
  "population.notFinite": "{arg}：第 {row} 行的值为 {got}，不是有限的数字",
  "population.notNumber": "{arg}：第 {row} 行的值为{got}，不是数字",
  "population.notFiniteAt": "{arg}：第 {row} 行第 {col} 列的值为 {got}，不是有限的数字",
  "population.notNumberAt": "{arg}：第 {row} 行第 {col} 列的值为{got}，不是数字",
  "population.tooFew": "{arg}只有 {count} 个数字；至少需要 {min} 个",
  "population.none": "{arg}中没有数字；至少需要 {min} 个",
  "lang.invalid": "语言必须是 en-US 或 zh-CN；实际为{got}",
};

export const ERROR_TEXTS: { readonly [L in Lang]: Readonly<Record<ErrorKey, string>> } = { "en-US": enUS, "zh-CN": zhCN };

/**
 * Argument and option names as the user sees them, per language. The key is the name the
 * English message shows (the custom function's parameter name, the CLI option); a name not
 * listed is shown as it is in both languages.
 */
export const ARGUMENT_NAMES: { readonly [L in Lang]: Readonly<Record<string, string>> } = {
  "en-US": {},
  "zh-CN": {
    margin: "毛利",
    retention: "留存率",
    discount: "贴现率",
    periods: "期数",
    acquisition_cost: "获客成本",
    value: "价值",
    values: "客户价值",
    cutoffs: "分层比例",
    labels: "标签",
    top_share: "头部客户比例",
    points: "点数",
    frequency: "购买频次",
    recency: "最近购买时间",
    T: "观察时长 T",
    monetary: "平均消费",
    t: "预测期 t",
    months: "月数",
    monthly_discount: "月贴现率",
    unit: "时间单位",
    lang: "语言",
  },
};

/**
 * A value the user gave, described in their language: a blank cell, a text, a logical value or
 * an Excel error ("the text "abc"" / "文本"abc""). Numbers are given as plain numbers.
 */
export interface GivenValue {
  readonly given: "blank" | "text" | "logical" | "error";
  readonly value?: string;
}

/** Parameters of a message: numbers, language-neutral text (quoted values, file names) or a {@link GivenValue}. */
export type ErrorParams = Readonly<Record<string, string | number | GivenValue>>;

const GIVEN: { readonly [L in Lang]: Readonly<Record<GivenValue["given"], string>> } = {
  "en-US": { blank: "a blank cell", text: 'the text "{v}"', logical: "the logical value {v}", error: "the error {v}" },
  "zh-CN": { blank: "空单元格", text: "文本“{v}”", logical: "逻辑值 {v}", error: "错误值 {v}" },
};

/** Describes a raw cell value as a {@link GivenValue} or a number, for a message parameter. */
export function given(value: unknown): number | GivenValue {
  if (value === undefined || value === null || value === "") return { given: "blank" };
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return { given: "logical", value: value ? "TRUE" : "FALSE" };
  if (typeof value === "string") return { given: "text", value };
  const err = value as { type?: unknown; errorCode?: unknown };
  if (typeof value === "object" && (typeof err.type === "string" || typeof err.errorCode === "string")) {
    return { given: "error", value: String(err.errorCode ?? err.type) };
  }
  return { given: "text", value: String(value) };
}

/**
 * The text of an error key in a language, placeholders filled.
 * @example errorText("zh-CN", "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 }) // "留存率必须小于 1；实际为1.2"
 * @example errorText("en-US", "arg.notNumber", { arg: "margin", got: given("abc") }) // 'margin must be a number; got the text "abc"' 
 */
export function errorText(lang: Lang, key: ErrorKey, params: ErrorParams = {}): string {
  const names = ARGUMENT_NAMES[lang];
  return ERROR_TEXTS[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in params)) return m;
    const p = params[name];
    if (typeof p === "object") return GIVEN[lang][p.given].replace("{v}", p.value ?? "");
    const v = String(p);
    return (name === "arg" || name.endsWith("Arg")) && v in names ? names[v] : v;
  });
}
