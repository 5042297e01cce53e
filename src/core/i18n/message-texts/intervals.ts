/**
 * The plain-language reading of the prediction intervals in the analysis's report
 * (src/core/analyze/intervals.ts, docs/models/uncertainty.md §8–§9); in en-US and zh-CN.
 * One part of the table of ../messages.ts, which merges the parts into MessageKey; in each part
 * the English table defines the keys and the Chinese one is typed `Record<keyof typeof enUS, string>`,
 * so a text missing from either language does not compile.
 */
// Stryker disable StringLiteral: wording of the notes, not the model; that every key has both languages is checked by the types, the wording by the analysis tests
export const enUS = {
  "interval.equity":
    "Customer equity is {estimate}; given how precisely the model's parameters are known from these data, it lies between {low} and {high} with {level} % probability ({draws} draws of the parameters, seed {seed}; each customer's own chance variation is not included).",
  "interval.unavailable": "Customer equity has no interval: {reason}.",
  "interval.tierUncertain":
    "{customers} an uncertain tier: the {level} % interval of their CLV reaches past the value at which they would move to another tier.",
  "interval.forecast":
    "{level} % interval of the totals: {transactionsLow} to {transactionsHigh} repeat purchases, revenue {revenueLow} to {revenueHigh}, discounted margin {discountedLow} to {discountedHigh} ({draws} draws of the parameters, seed {seed}; the uncertainty of the parameters only)",
} as const;

export const zhCN: Record<keyof typeof enUS, string> = {
  "interval.equity": "客户资产为 {estimate}；按本数据对模型参数的估计精度，它有 {level}% 的概率落在 {low} 至 {high} 之间（参数抽样 {draws} 次，随机种子 {seed}；不含每位客户自身的随机波动）。",
  "interval.unavailable": "客户资产没有区间：{reason}。",
  "interval.tierUncertain": "{customers}的层级不确定：其终生价值的 {level}% 区间越过了换层的临界值。",
  "interval.forecast": "合计的 {level}% 区间：重复购买 {transactionsLow} 至 {transactionsHigh} 次，收入 {revenueLow} 至 {revenueHigh}，折现毛利 {discountedLow} 至 {discountedHigh}（参数抽样 {draws} 次，随机种子 {seed}；仅反映参数的不确定性）",
};
// Stryker restore StringLiteral
