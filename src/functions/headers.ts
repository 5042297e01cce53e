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
  period: "Period",
  periodEnd: "End",
  transactions: "Transactions",
  forecastRevenue: "Revenue",
  discounted: "Discounted margin",
  cumulativeDiscounted: "Cumulative discounted margin",
  allPeriods: "All periods",
  clvToCac: "CLV:CAC",
  payback: "Payback period",
  acquisitionCost: "Acquisition cost",
  notWithinHorizon: "not within the horizon",
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
  period: "期",
  periodEnd: "期末",
  transactions: "交易次数",
  forecastRevenue: "收入",
  discounted: "折现毛利",
  cumulativeDiscounted: "累计折现毛利",
  allPeriods: "全部各期",
  clvToCac: "CLV:CAC",
  payback: "回本期",
  acquisitionCost: "获客成本",
  notWithinHorizon: "预测期内不回本",
};

export const HEADERS: Record<Lang, Headers> = { "en-US": en, "zh-CN": zh };
