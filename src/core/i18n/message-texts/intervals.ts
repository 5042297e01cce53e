/**
 * The plain-language reading of the prediction intervals in the analysis's report
 * (src/core/analyze/intervals.ts, docs/models/uncertainty.md §8–§11) and of cva forecast's; in
 * en-US and zh-CN. Which is which: customer equity, an expected value, gets the parameters'
 * uncertainty only; purchases and revenue that will be observed get the predictive interval.
 * One part of the table of ../messages.ts, which merges the parts into MessageKey; in each part
 * the English table defines the keys and the Chinese one is typed `Record<keyof typeof enUS, string>`,
 * so a text missing from either language does not compile.
 */
// Stryker disable StringLiteral: wording of the notes, not the model; that every key has both languages is checked by the types, the wording by the analysis tests
export const enUS = {
  "interval.equity":
    "Customer equity is {estimate}; given how precisely the model's parameters are known from these data, it lies between {low} and {high} with {level} % probability ({draws} draws of the parameters, seed {seed}; equity is an expected value, so only the parameters' uncertainty counts, not each customer's own chance variation).",
  "interval.unavailable": "Customer equity has no interval: {reason}.",
  "interval.tierUncertain":
    "{customers} an uncertain tier: the {level} % interval of their CLV reaches past the value at which they would move to another tier.",
  "interval.forecast":
    "{level} % predictive interval of the totals, what the customers will actually buy: {transactionsLow} to {transactionsHigh} repeat purchases, revenue {revenueLow} to {revenueHigh}, discounted margin {discountedLow} to {discountedHigh} ({draws} draws of the parameters, each with every customer's purchases simulated, seed {seed}; both the parameters' uncertainty and each customer's own chance)",
  "interval.forecastPurchases":
    "In the next {months} months the customers are expected to make {transactions} repeat purchases worth {revenue}; what they will actually buy lies between {transactionsLow} and {transactionsHigh} purchases and {revenueLow} and {revenueHigh} with {level} % probability (a predictive interval: {draws} draws of the parameters, each with every customer's purchases simulated, seed {seed}; it adds each customer's own chance to the parameters' uncertainty, as a total that will be observed must).",
} as const;

export const zhCN: Record<keyof typeof enUS, string> = {
  "interval.equity": "客户资产为 {estimate}；按本数据对模型参数的估计精度，它有 {level}% 的概率落在 {low} 至 {high} 之间（参数抽样 {draws} 次，随机种子 {seed}；客户资产是期望值，只计参数的不确定性，不含每位客户自身的随机波动）。",
  "interval.unavailable": "客户资产没有区间：{reason}。",
  "interval.tierUncertain": "{customers}的层级不确定：其终生价值的 {level}% 区间越过了换层的临界值。",
  "interval.forecast": "合计的 {level}% 预测区间（客户实际会购买多少）：重复购买 {transactionsLow} 至 {transactionsHigh} 次，收入 {revenueLow} 至 {revenueHigh}，折现毛利 {discountedLow} 至 {discountedHigh}（参数抽样 {draws} 次，每次模拟每位客户的购买，随机种子 {seed}；既含参数的不确定性，也含每位客户自身的随机波动）",
  "interval.forecastPurchases":
    "未来 {months} 个月客户预计重复购买 {transactions} 次、金额 {revenue}；他们实际的购买有 {level}% 的概率落在 {transactionsLow} 至 {transactionsHigh} 次、金额 {revenueLow} 至 {revenueHigh} 之间（预测区间：参数抽样 {draws} 次，每次模拟每位客户的购买，随机种子 {seed}；将来实际观察到的合计既有参数的不确定性，也有每位客户自身的随机波动，两者都计入）。",
};
// Stryker restore StringLiteral
