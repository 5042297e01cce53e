/**
 * Every error message the user can see, in en-US and zh-CN (docs/architecture.md §6).
 *
 * A {@link CvaError} made with `CvaError.keyed` carries a key of this table and its parameters;
 * the edge that shows it (a custom function's cell, the CLI's stderr, the task pane) renders it
 * in the user's language with {@link localizedMessage}. The table is kept in parts by area
 * (./error-texts/: arguments, data and values, lifetime models, the command line, the workbook)
 * and merged here. In each part the English table defines the keys and the Chinese one is typed
 * `Record<keyof typeof enUS, string>`; the merged Chinese table is typed `Record<ErrorKey,
 * string>`, and no key may be in two parts: so a message missing from either language, or given
 * twice, does not compile.
 *
 * Parameters fill `{name}` placeholders. A parameter named `arg` (or ending in `Arg`) is the
 * name of an argument or option as the user sees it: it is looked up in {@link ARGUMENT_NAMES}
 * and shown in the user's language when the table has it. Numbers and quoted user text are
 * language-neutral and pass through unchanged.
 */
import type { Lang } from "./messages";
import * as argumentTexts from "./error-texts/arguments";
import * as dataTexts from "./error-texts/data";
import * as modelTexts from "./error-texts/models";
import * as commandLineTexts from "./error-texts/command-line";
import * as workbookTexts from "./error-texts/workbook";

const enUS = {
  ...argumentTexts.enUS,
  ...dataTexts.enUS,
  ...modelTexts.enUS,
  ...commandLineTexts.enUS,
  ...workbookTexts.enUS,
} as const;

/** The keys that more than one of the given key sets hold. */
type SharedKeys<T extends readonly PropertyKey[]> = T extends readonly [infer First, ...infer Rest extends readonly PropertyKey[]]
  ? (First & Rest[number]) | SharedKeys<Rest>
  : never;
/** Compiles only when `T` is `never`. */
type None<T extends never> = T;

/**
 * A key of the table. The `None<…>` term adds no key: it compiles only while no key is in two
 * parts, since in the merge the later part's text would silently win.
 */
export type ErrorKey =
  | keyof typeof enUS
  | None<
      SharedKeys<
        [
          keyof typeof argumentTexts.enUS,
          keyof typeof dataTexts.enUS,
          keyof typeof modelTexts.enUS,
          keyof typeof commandLineTexts.enUS,
          keyof typeof workbookTexts.enUS,
        ]
      >
    >;

const zhCN: Record<ErrorKey, string> = {
  ...argumentTexts.zhCN,
  ...dataTexts.zhCN,
  ...modelTexts.zhCN,
  ...commandLineTexts.zhCN,
  ...workbookTexts.zhCN,
};

export const ERROR_TEXTS: { readonly [L in Lang]: Readonly<Record<ErrorKey, string>> } = { "en-US": enUS, "zh-CN": zhCN };

/**
 * Argument and option names as the user sees them, per language. The key is the name the
 * English message shows (the custom function's parameter name, the CLI option); a name not
 * listed is shown as it is in both languages.
 */
// Stryker disable StringLiteral: the arguments' names as the user reads them, and below how a given value is named; wording, checked by the message tests
export const ARGUMENT_NAMES: { readonly [L in Lang]: Readonly<Record<string, string>> } = {
  "en-US": {
    // The core's names for settings that each surface names its own way; an edge that knows the
    // user's name for one (a function's argument, a CLI option) renames it (renameArguments).
    horizonMonths: "the CLV horizon in months",
    margin_share: "the margin share",
    periodsPerMonth: "the periods per month",
    periodCount: "the number of life cycle periods",
    periodDays: "the days per life cycle period",
    holdoutLength: "the holdout length",
    holdoutPurchases: "the holdout purchases",
    shares: "the tier shares",
    valueMeasure: "the value measure",
    maxIterations: "the iteration limit",
    timeLimitMs: "the time limit in milliseconds",
    bins: "the number of score bins",
  },
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
    // value model (src/core/clv/lifetime.ts)
    margin_share: "毛利占比",
    // Parameters of the custom functions (src/functions)
    ids: "客户编号",
    dates: "交易日期",
    amounts: "交易金额",
    end: "观察期结束日",
    recencies: "全体最近购买时间",
    frequencies: "全体购买频次",
    monetaries: "全体消费金额",
    params: "模型参数",
    bg_params: "购买模型参数",
    gg_params: "消费模型参数",
    volumes: "各期购买量",
    p_alive: "存活概率",
    tier: "客户层级",
    stage: "生命周期阶段",
    tenure_days: "客户天数",
    indicators: "忠诚度指标",
    weights: "权重",
    costs: "成本",
    quality: "感知质量",
    price: "价格",
    // The core's own names (see en-US)
    horizonMonths: "终生价值期限（月）",
    periodsPerMonth: "每月期数",
    periodCount: "生命周期期数",
    periodDays: "生命周期每期天数",
    holdoutLength: "验证期长度",
    holdoutPurchases: "验证期购买次数",
    shares: "分层比例",
    valueMeasure: "价值度量",
    maxIterations: "迭代次数上限",
    timeLimitMs: "时间上限（毫秒）",
    penalizer: "惩罚系数",
    bins: "得分档数",
    model: "模型",
    n: "购买次数",
    product: "产品价值",
    service: "服务价值",
    personnel: "人员价值",
    image: "形象价值",
    money: "货币成本",
    time: "时间成本",
    energy: "精力成本",
    physical: "体力成本",
    sensory: "感官成本",
  },
};

/**
 * A value the user gave, described in their language: a blank cell, a text, a logical value or
 * an Excel error ("the text "abc"" / "文本"abc""). Numbers are given as plain numbers.
 */
export interface GivenValue {
  readonly given: "blank" | "text" | "logical" | "error" | "dataType";
  readonly value?: string;
}

/** A phrase in both languages, e.g. an argument's hint; rendered in the message's language. */
export type LocalText = { readonly [L in Lang]: string };

/** Parameters of a message: numbers, language-neutral text (quoted values, file names), a {@link GivenValue} or a {@link LocalText}. */
export type ErrorParams = Readonly<Record<string, string | number | GivenValue | LocalText>>;

const GIVEN: { readonly [L in Lang]: Readonly<Record<GivenValue["given"], string>> } = {
  "en-US": { blank: "a blank cell", text: 'the text "{v}"', logical: "the logical value {v}", error: "the error {v}", dataType: 'the data type "{v}"' },
  "zh-CN": { blank: "空单元格", text: "文本“{v}”", logical: "逻辑值 {v}", error: "错误值 {v}", dataType: "数据类型“{v}”" },
};
// Stryker restore StringLiteral

/**
 * Describes a raw cell value as a {@link GivenValue} or a number, for a message parameter. Rich
 * values as a custom function receives them: an ErrorCellValue ({ type: "Error", basicValue:
 * "#N/A" }) or an error object of the functions runtime ({ code: "#N/A" }) is an error; a formatted number is its
 * number; another data type (an entity, a linked data type) is named by its text.
 */
export function given(value: unknown): number | GivenValue {
  if (value === undefined || value === null || value === "") return { given: "blank" };
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return { given: "logical", value: value ? "TRUE" : "FALSE" };
  const rich = value as { type?: unknown; errorCode?: unknown; code?: unknown; basicValue?: unknown; text?: unknown };
  // Stryker disable next-line ConditionalExpression: besides objects only a text, a bigint, a symbol or a function (never a cell value) is left; none has a type, code or errorCode, so every test below fails and the text branch follows
  if (typeof value === "object") {
    if (rich.type === "Error") return { given: "error", value: String(rich.basicValue ?? rich.errorCode ?? "#VALUE!") };
    if (typeof rich.code === "string" && rich.code.startsWith("#")) return { given: "error", value: rich.code };
    if (typeof rich.errorCode === "string") return { given: "error", value: rich.errorCode };
    if (typeof rich.type === "string") {
      if (typeof rich.basicValue === "number" && (rich.type === "Double" || rich.type === "FormattedNumber")) return rich.basicValue;
      return { given: "dataType", value: String(rich.text ?? rich.basicValue ?? rich.type) };
    }
  }
  // a text, and anything else by its text
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
    if (typeof p === "object") return "given" in p ? GIVEN[lang][p.given].replace("{v}", p.value ?? "") : p[lang];
    const v = String(p);
    return (name === "arg" || name.endsWith("Arg")) && v in names ? names[v] : v;
  });
}
