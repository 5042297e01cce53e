/**
 * Labels and sentences of the forecast of the whole base and the value of a new customer (src/core/clv/forecast.ts); in en-US and zh-CN.
 * One part of the table of ../messages.ts, which merges the parts into MessageKey; in each part
 * the English table defines the keys and the Chinese one is typed `Record<keyof typeof enUS, string>`,
 * so a text missing from either language does not compile.
 */
// Stryker disable StringLiteral: wording of the labels, not the model; that every key has both languages is checked by the types, the wording by the message tests
export const enUS = {
  "forecast.title": "Forecast of the customer base",
  "forecast.newTitle": "Value of a new customer",
  "forecast.period": "Period",
  "forecast.end": "End ({unit})",
  "forecast.transactions": "Expected repeat transactions",
  "forecast.revenue": "Expected revenue",
  "forecast.discounted": "Discounted margin",
  "forecast.total": "Total",
  "forecast.clvToCac": "CLV : CAC",
  "forecast.payback": "Payback period",
  "forecast.summary": "{customers} customers are expected to make {transactions} repeat purchases in the next {periods} periods of {length} {unit}: revenue {revenue}, discounted margin {discounted}",
  "forecast.newSummary": "a newly acquired customer is expected to make {transactions} repeat purchases in {periods} periods of {length} {unit} (the first purchase not counted): revenue {revenue}, discounted margin {discounted}",
  "forecast.cac": "with an acquisition cost of {cost}, CLV : CAC is {ratio} and the cost is paid back in period {period}",
  "forecast.cacNever": "with an acquisition cost of {cost}, CLV : CAC is {ratio} and the cost is not paid back within {periods} periods",
  "forecast.noCost": "no acquisition cost was given, so there is no CLV : CAC or payback period",
  "forecast.units": "time units",
} as const;

export const zhCN: Record<keyof typeof enUS, string> = {
  "forecast.title": "客户群预测",
  "forecast.newTitle": "新客户的价值",
  "forecast.period": "期",
  "forecast.end": "期末（{unit}）",
  "forecast.transactions": "预期重复交易数",
  "forecast.revenue": "预期收入",
  "forecast.discounted": "折现毛利",
  "forecast.total": "合计",
  "forecast.clvToCac": "CLV : CAC",
  "forecast.payback": "回收期",
  "forecast.summary": "预计 {customers} 位客户在未来 {periods} 期（每期 {length} {unit}）内重复购买 {transactions} 次：收入 {revenue}，折现毛利 {discounted}",
  "forecast.newSummary": "一位新获取的客户预计在 {periods} 期（每期 {length} {unit}）内重复购买 {transactions} 次（不计首次购买）：收入 {revenue}，折现毛利 {discounted}",
  "forecast.cac": "获客成本为 {cost} 时，CLV : CAC 为 {ratio}，成本在第 {period} 期收回",
  "forecast.cacNever": "获客成本为 {cost} 时，CLV : CAC 为 {ratio}，成本在 {periods} 期内无法收回",
  "forecast.noCost": "未给出获客成本，因此没有 CLV : CAC 和回收期",
  "forecast.units": "时间单位",
};
// Stryker restore StringLiteral
