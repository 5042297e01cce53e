/**
 * Column matching by header (docs/inputs.md §2): English or Chinese names, in any case, with
 * common synonyms, and the user can override the mapping. Used by the CLI and the task pane
 * alike.
 *
 * A header is normalised before comparison: trimmed, lower-cased (ASCII and full-width letters),
 * and stripped of spaces, underscores, hyphens, dots, slashes and brackets, so "Customer ID",
 * "customer_id" and "CUSTOMER-ID" all read "customerid". Each role lists its synonyms in order
 * of preference; the header matching the earliest synonym wins, and a header is used for at
 * most one role. An override names the header to use for a role (matched the same way).
 * Cost: O(headers × synonyms).
 */
import { CvaError, ErrorCodes } from "./errors";
import type { LocalText } from "./i18n/errors";

export type TransactionColumn = "id" | "date" | "amount" | "cost" | "margin" | "quantity" | "channel";

export const TRANSACTION_SYNONYMS: Readonly<Record<TransactionColumn, readonly string[]>> = {
  id: ["customer_id", "customerid", "id", "customer", "cust_id", "client_id", "client", "member_id", "member", "user_id", "account_id", "account",
    "客户编号", "客户id", "客户", "会员id", "会员编号", "会员", "顾客编号", "顾客", "客户号", "客户代码", "用户id"],
  date: ["date", "order_date", "transaction_date", "purchase_date", "invoice_date", "datetime", "timestamp", "day",
    "日期", "交易日期", "订单日期", "购买日期", "下单日期", "交易时间", "时间"],
  amount: ["amount", "sales", "revenue", "sales_amount", "net_sales", "value", "spend", "total", "dollars", "dollar_value", "monetary",
    "金额", "销售额", "交易金额", "订单金额", "消费金额", "实付金额", "收入"],
  cost: ["cost", "cogs", "cost_of_goods", "成本", "销售成本"],
  margin: ["margin", "gross_margin", "profit", "gross_profit", "毛利", "毛利额", "利润"],
  quantity: ["quantity", "qty", "cds", "number_of_cds", "units", "数量", "件数", "销量"],
  channel: ["channel", "渠道", "销售渠道"],
};

export type ProfileColumn =
  | "id" | "frequency" | "recency" | "T" | "monetary" | "revenue" | "margin" | "clv" | "predictedValue" | "pAlive"
  | "product" | "service" | "personnel" | "image" | "money" | "time" | "energy" | "physical" | "sensory"
  | "quality" | "price" | "complaints" | "complaintRate" | "priceSensitivity" | "reputation" | "designation"
  | "repeatRate" | "referrals" | "shareOfWallet" | "acquisitionCost" | "costToServe";

export const PROFILE_SYNONYMS: Readonly<Record<ProfileColumn, readonly string[]>> = {
  id: TRANSACTION_SYNONYMS.id,
  frequency: ["frequency", "x", "repeat_purchases", "频率", "购买频率", "重复购买次数"],
  recency: ["recency", "t_x", "最近购买", "近度"],
  T: ["T", "age", "tenure", "客户年龄"],
  monetary: ["monetary_value", "monetary", "zbar", "average_value", "平均金额", "客单价"],
  revenue: ["revenue", "sales", "amount", "total_spend", "收入", "销售额", "金额"],
  margin: ["margin", "gross_margin", "profit", "毛利", "利润"],
  clv: ["clv", "ltv", "lifetime_value", "customer_lifetime_value", "客户终生价值", "终生价值"],
  predictedValue: ["predicted_value", "future_value", "预测价值"],
  pAlive: ["p_alive", "palive", "probability_alive", "存活概率"],
  product: ["product_value", "产品价值"],
  service: ["service_value", "服务价值"],
  personnel: ["personnel_value", "人员价值"],
  image: ["image_value", "形象价值"],
  money: ["money_cost", "monetary_cost", "货币成本"],
  time: ["time_cost", "时间成本"],
  energy: ["energy_cost", "精力成本"],
  physical: ["physical_cost", "体力成本"],
  sensory: ["sensory_cost", "sensory_burden", "感观负担"],
  quality: ["quality", "perceived_quality", "relative_quality", "感知质量", "质量"],
  price: ["price", "relative_price", "价格"],
  complaints: ["complaints", "complaint_count", "投诉", "投诉次数"],
  complaintRate: ["complaint_rate", "投诉率"],
  priceSensitivity: ["price_sensitivity", "价格敏感度"],
  reputation: ["reputation", "美誉度"],
  designation: ["designation", "brand_designation", "指名度"],
  repeatRate: ["repeat_rate", "回头率"],
  referrals: ["referrals", "推荐", "推荐人数"],
  shareOfWallet: ["share_of_wallet", "钱包份额"],
  acquisitionCost: ["acquisition_cost", "获取成本", "获客成本"],
  costToServe: ["cost_to_serve", "服务成本"],
};

/** The comparison form of a header; see the module comment. */
export function normaliseHeader(header: string): string {
  // Lower-casing folds full-width capitals too (Ａ to ａ), so the full-width ASCII (ａ-ｚ, ０-９, ＿)
  // is then moved to half-width already in lower case. No trim: the last step drops every space.
  const s = header.toLowerCase().replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return s.replace(/[\s_\-./()（）[\]【】]/g, "");
}

export type ColumnMap<K extends string> = Partial<Record<K, number>>;

/** The roles of the transaction columns as the messages name them; another role by its name in both languages. */
const ROLE_NAMES: Readonly<Record<string, LocalText>> = {
  id: { "en-US": "customer id", "zh-CN": "客户编号" },
  date: { "en-US": "date", "zh-CN": "日期" },
  amount: { "en-US": "amount", "zh-CN": "金额" },
  cost: { "en-US": "cost", "zh-CN": "成本" },
  margin: { "en-US": "margin", "zh-CN": "毛利" },
  quantity: { "en-US": "quantity", "zh-CN": "数量" },
  channel: { "en-US": "channel", "zh-CN": "渠道" },
};

function roleName(role: string): LocalText {
  return ROLE_NAMES[role] ?? { "en-US": role, "zh-CN": role };
}

/**
 * Index of each role's column in `headers`.
 * @param required roles that must be found
 * @param overrides header names given by the user per role
 * @throws CvaError MISSING_COLUMN naming the role, the headers looked for and the headers present.
 * @example matchColumns(["客户编号", "交易日期", "金额"], TRANSACTION_SYNONYMS, ["id", "date", "amount"]) // { id: 0, date: 1, amount: 2 }
 */
export function matchColumns<K extends string>(
  headers: readonly string[],
  synonyms: Readonly<Record<K, readonly string[]>>,
  required: readonly NoInfer<K>[],
  overrides: Partial<Record<NoInfer<K>, string>> = {},
): ColumnMap<K> {
  const norm = headers.map(normaliseHeader);
  const used = new Set<number>();
  const map: ColumnMap<K> = {};
  const roles = Object.keys(synonyms) as K[];
  // Overrides first: they are the user's explicit choice.
  for (const role of roles) {
    const name = overrides[role];
    if (name === undefined) continue;
    const idx = norm.indexOf(normaliseHeader(name));
    if (idx < 0) {
      throw CvaError.keyed(
        ErrorCodes.MissingColumn,
        "columns.notInHeader",
        { column: JSON.stringify(name), role: roleName(role), columns: headers.join(", ") },
        { column: name },
      );
    }
    map[role] = idx;
    used.add(idx);
  }
  for (const role of roles) {
    if (map[role] !== undefined) continue;
    for (const syn of synonyms[role]) {
      const key = normaliseHeader(syn);
      const idx = norm.findIndex((h, i) => h === key && !used.has(i));
      if (idx >= 0) {
        map[role] = idx;
        used.add(idx);
        break;
      }
    }
  }
  for (const role of required) {
    if (map[role] === undefined) {
      throw CvaError.keyed(
        ErrorCodes.MissingColumn,
        "columns.missing",
        { role: roleName(role), examples: synonyms[role].slice(0, 4).map((s) => JSON.stringify(s)).join(", "), columns: headers.join(", ") },
        { column: role },
      );
    }
  }
  return map;
}
