/**
 * The argument rules the =CVA.* functions share (docs/architecture.md §5: rules as data, checked
 * in one place by ./args.ts): each names its argument, its kind, its bounds and the hint a
 * message gives. A rule used by one family only lives in that family's file.
 */
import { readNumber, type NumberRule, type TextRule } from "./args";

export type Cell = unknown;
export type Spill = Cell[][];

export const VALUE: NumberRule = { name: "value", kind: "number" };
export const TOP_SHARE: NumberRule = {
  name: "top_share", kind: "number", optional: true, default: 0.2, min: 0, max: 1, minExclusive: true, maxExclusive: true,
  hint: { "en-US": "a share such as 0.2 for the top 20%", "zh-CN": "比例，例如 0.2 表示前 20%" },
};
export const POINTS: NumberRule = { name: "points", kind: "number", optional: true, default: 11, integer: true, min: 2, max: 10001 };
export const FREQUENCY: NumberRule = { name: "frequency", kind: "number", min: 0, hint: { "en-US": "repeat purchases", "zh-CN": "重复购买次数" } };
export const RECENCY: NumberRule = { name: "recency", kind: "number", min: 0 };
export const T_RULE: NumberRule = { name: "T", kind: "number", min: 0 };
export const T_AHEAD: NumberRule = { name: "t", kind: "number", min: 0, hint: { "en-US": "periods ahead, in the unit of recency and T", "zh-CN": "向前预测的时长，与最近购买时间和 T 的单位相同" } };
export const MONETARY: NumberRule = { name: "monetary", kind: "number" };
export const MONTHS: NumberRule = { name: "months", kind: "number", optional: true, default: 12, integer: true, min: 1 };
export const MONTHLY_DISCOUNT: NumberRule = { name: "monthly_discount", kind: "number", optional: true, default: 0.01, min: 0, hint: { "en-US": "a rate per month, e.g. 0.01 for 1%", "zh-CN": "每月的比率，例如 0.01 表示 1%" } };
export const MARGIN_SHARE: NumberRule = { name: "margin", kind: "number", optional: true, default: 1, hint: { "en-US": "the share of spend that is margin, e.g. 0.3", "zh-CN": "消费中毛利所占的比例，例如 0.3" } };
export const UNIT: TextRule = { name: "unit", kind: "text", optional: true, default: "weeks", choices: ["days", "weeks", "months"] };
export const TENURE: NumberRule = { name: "tenure_days", kind: "number", min: 0 };
export const P_ALIVE: NumberRule = { name: "p_alive", kind: "number", optional: true, min: 0, max: 1 };
export const QUALITY: NumberRule = { name: "quality", kind: "number" };
export const PRICE: NumberRule = { name: "price", kind: "number", min: 0, minExclusive: true };

export const num = (rule: NumberRule, raw: unknown) => readNumber(rule, raw) as number;
