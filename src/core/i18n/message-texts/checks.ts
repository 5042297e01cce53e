/**
 * Labels and sentences of the fit checks: frequency histogram, holdout buckets, tracking, P(alive) matrix (src/core/clv/fit-checks.ts); in en-US and zh-CN.
 * One part of the table of ../messages.ts, which merges the parts into MessageKey; in each part
 * the English table defines the keys and the Chinese one is typed `Record<keyof typeof enUS, string>`,
 * so a text missing from either language does not compile.
 */
// Stryker disable StringLiteral: wording of the labels, not the model; that every key has both languages is checked by the types, the wording by the message tests
export const enUS = {
  // series and columns shared by the charts
  "checks.series.actual": "Actual",
  "checks.series.model": "Model",
  "checks.series.actualCumulative": "Actual, cumulative",
  "checks.series.modelCumulative": "Model, cumulative",
  "checks.holdoutStarts": "Holdout starts",
  "checks.calibration": "Calibration",
  "checks.holdout": "Holdout",
  "checks.customers": "Customers",
  "checks.period": "Period",
  "checks.periodEnd": "End ({unit} from the first purchase)",
  "checks.orMore": "{n}+",
  // frequency histogram
  "checks.histogram.title": "Customers by repeat purchases in the calibration period: actual and {model}",
  "checks.histogram.axis": "Repeat purchases in the calibration period",
  "checks.histogram.note": "Each bar pair counts customers with that many repeat purchases; the model's bar is the number it expects, Σ P(X(T) = n) over the customers' own observation times.",
  // holdout buckets
  "checks.buckets.title": "Holdout purchases per customer by calibration repeat purchases: actual and {model}",
  "checks.buckets.axis": "Repeat purchases in the calibration period",
  "checks.buckets.value": "Mean repeat purchases in the holdout ({length} {unit})",
  "checks.buckets.note": "For each group of customers, the mean repeat purchases they made in the holdout against the mean the model predicted from their calibration history.",
  // tracking
  "checks.tracking.title": "Repeat transactions of the whole base per {period}: actual and {model}",
  "checks.tracking.cumulativeTitle": "Cumulative repeat transactions of the whole base: actual and {model}",
  "checks.tracking.axis": "{unit} from the first purchase",
  "checks.tracking.note": "Left of the holdout line the model describes the data it was fitted to; right of it, it forecasts purchases it has not seen.",
  "checks.tracking.period.days": "day",
  "checks.tracking.period.weeks": "week",
  "checks.tracking.period.months": "month",
  "checks.tracking.period.7days": "week",
  // P(alive) and expected purchases matrix
  "checks.matrix.pAliveTitle": "P(alive) by repeat purchases and recency, for a customer observed for {T} {unit} ({model})",
  "checks.matrix.expectedTitle": "Expected purchases in the next {horizon} {unit} by repeat purchases and recency, for a customer observed for {T} {unit} ({model})",
  "checks.matrix.frequency": "Repeat purchases (x)",
  "checks.matrix.recency": "Recency: {unit} from the first to the last purchase (t_x)",
  "checks.matrix.note": "Customers who bought often and recently (bottom right) are most likely alive and buy most; frequent buyers who have not bought for long (top right) are likely gone.",
} as const;

export const zhCN: Record<keyof typeof enUS, string> = {
  "checks.series.actual": "实际",
  "checks.series.model": "模型",
  "checks.series.actualCumulative": "实际（累计）",
  "checks.series.modelCumulative": "模型（累计）",
  "checks.holdoutStarts": "验证期开始",
  "checks.calibration": "校准期",
  "checks.holdout": "验证期",
  "checks.customers": "客户数",
  "checks.period": "期",
  "checks.periodEnd": "期末（自首次购买起的{unit}数）",
  "checks.orMore": "{n} 及以上",
  "checks.histogram.title": "按校准期重复购买次数的客户数：实际与 {model}",
  "checks.histogram.axis": "校准期重复购买次数",
  "checks.histogram.note": "每组柱子是重复购买次数相同的客户数；模型的柱子是它预期的客户数，即按每位客户自己的观察时长求和 Σ P(X(T) = n)。",
  "checks.buckets.title": "按校准期重复购买次数分组的验证期人均购买：实际与 {model}",
  "checks.buckets.axis": "校准期重复购买次数",
  "checks.buckets.value": "验证期（{length} {unit}）人均重复购买次数",
  "checks.buckets.note": "每组客户在验证期的实际人均重复购买次数，对比模型根据他们校准期的历史所做的预测。",
  "checks.tracking.title": "全体客户每{period}的重复交易：实际与 {model}",
  "checks.tracking.cumulativeTitle": "全体客户的累计重复交易：实际与 {model}",
  "checks.tracking.axis": "自首次购买起的{unit}数",
  "checks.tracking.note": "验证期线左侧，模型描述的是用来拟合它的数据；右侧是它对未见过的购买的预测。",
  "checks.tracking.period.days": "天",
  "checks.tracking.period.weeks": "周",
  "checks.tracking.period.months": "月",
  "checks.tracking.period.7days": "周",
  "checks.matrix.pAliveTitle": "按重复购买次数与最近购买时间的存活概率 P(alive)，观察时长 {T} {unit}（{model}）",
  "checks.matrix.expectedTitle": "按重复购买次数与最近购买时间的未来 {horizon} {unit}预期购买次数，观察时长 {T} {unit}（{model}）",
  "checks.matrix.frequency": "重复购买次数（x）",
  "checks.matrix.recency": "最近购买时间：首次到最后一次购买的{unit}数（t_x）",
  "checks.matrix.note": "购买频繁且最近仍有购买的客户（右下）最可能存活、购买最多；购买频繁但很久没有购买的客户（右上）很可能已流失。",
};
// Stryker restore StringLiteral
