/**
 * Every label and message of the task pane, in en-US and zh-CN. The type forces both
 * languages to carry every key (a missing one does not compile), and
 * test/taskpane/strings.test.ts checks that no value is empty or left untranslated.
 */
export type Locale = "en-US" | "zh-CN";

const en = {
  appTitle: "Customer value",
  appSubtitle: "CVA analyses customers without leaving the workbook. All computing is local.",
  selectionHeading: "Current selection",
  selectionSheet: "Sheet",
  selectionRange: "Range",
  selectionSize: "Size",
  selectionSizeValue: "{rows} rows × {columns} columns",
  selectionCells: "{cells} cells",
  selectionLoading: "Reading the selection…",
  selectionHint: "Select the customer or transaction range to analyse, with its header row.",
  selectionError: "Could not read the selection: {message}",
  functionsHeading: "Formulas",
  functionsHint: "Type =CVA.CLV(margin, retention, discount) in a cell, e.g. =CVA.CLV(100, 0.8, 0.1) returns 266.67.",
} as const;

export type StringKey = keyof typeof en;
type Strings = Record<StringKey, string>;

const zh: Strings = {
  appTitle: "客户价值",
  appSubtitle: "CVA 在工作簿内完成客户分析，所有计算均在本地进行。",
  selectionHeading: "当前选择",
  selectionSheet: "工作表",
  selectionRange: "区域",
  selectionSize: "大小",
  selectionSizeValue: "{rows} 行 × {columns} 列",
  selectionCells: "{cells} 个单元格",
  selectionLoading: "正在读取所选区域…",
  selectionHint: "请选择要分析的客户或交易数据区域（包括标题行）。",
  selectionError: "无法读取所选区域：{message}",
  functionsHeading: "公式",
  functionsHint: "在单元格中输入 =CVA.CLV(毛利, 保留率, 折现率)，例如 =CVA.CLV(100, 0.8, 0.1) 返回 266.67。",
};

export const strings: Record<Locale, Strings> = { "en-US": en, "zh-CN": zh };

/** Office's display language ("zh-CN", "zh-TW", "en-GB"...) → one of our locales. */
export function localeFor(displayLanguage: string | undefined): Locale {
  return displayLanguage?.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

/** Looks up a string and fills its {placeholders}. Numbers are formatted for the locale. */
export function t(locale: Locale, key: StringKey, values: Record<string, string | number> = {}): string {
  return strings[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) return `{${name}}`;
    return typeof v === "number" ? v.toLocaleString(locale) : v;
  });
}
