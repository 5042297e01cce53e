/**
 * Header rows of the tables the functions spill, in en-US and zh-CN (the language follows the
 * `lang` argument, else Office's display language). Typed so both languages carry every key.
 */
import type { Lang } from "../core";

/**
 * The summary columns keep the names of the CLI and of lifetimes in both languages, so
 * formulas and scripts can refer to them either way.
 */
const summaryColumns = {
  customerId: "customer_id",
  frequency: "frequency",
  recency: "recency",
  T: "T",
  monetary: "monetary",
  revenue: "revenue",
  first: "first",
  last: "last",
  orders: "orders",
} as const;

const en = {
  ...summaryColumns,
  tier: "Tier",
  customers: "Customers",
  customerShare: "Share of customers",
  value: "Value",
  valueShare: "Share of value",
  total: "All customers",
  lorenzCustomers: "Cumulative share of customers",
  lorenzValue: "Cumulative share of value",
} as const;

type Headers = Record<keyof typeof en, string>;

const zh: Headers = {
  ...summaryColumns,
  tier: "客户层级",
  customers: "客户数",
  customerShare: "客户占比",
  value: "价值",
  valueShare: "价值占比",
  total: "全部客户",
  lorenzCustomers: "累计客户占比",
  lorenzValue: "累计价值占比",
};

export const HEADERS: Record<Lang, Headers> = { "en-US": en, "zh-CN": zh };
