/**
 * Labels and sentences of the choice among the lifetime models (src/core/clv/model-choice.ts, docs/models/choice.md); in en-US and zh-CN.
 * One part of the table of ../messages.ts, which merges the parts into MessageKey; in each part
 * the English table defines the keys and the Chinese one is typed `Record<keyof typeof enUS, string>`,
 * so a text missing from either language does not compile.
 */
// Stryker disable StringLiteral: wording of the labels, not the model; that every key has both languages is checked by the types, the wording by the message tests
export const enUS = {
  "choice.fitted": "{model} on {n} customers: {params}",
  "choice.only": "{model} was used: it was the only model that could be fitted",
  "choice.likelihood": "{model} was chosen: it fits the calibration data best (log-likelihood {value} vs {others}); all the models have four parameters, so this is also the lowest BIC ({bic})",
  "choice.likelihoodTie": "{model} was chosen: the log-likelihoods of {tied} differ by less than {tie} ({values}), which is no evidence for either (a BIC difference below 2), and on such a tie {model} is preferred: {why}",
  "choice.holdout": "{model} was chosen: on the holdout ({length}) its predictions were closest per customer (mean error {value} purchases vs {others}); {total}",
  "choice.holdoutOnlyFair": "{model} was chosen: on the holdout ({length}) it was the only model whose total was within chance of the actual; {total}",
  "choice.holdoutAllBiased": "{model} was chosen: on the holdout ({length}) every model missed the total by more than chance explains (about {tolerance}), and its total was the closest: {total}",
  "choice.biased": "{model} was set aside: it missed the holdout total by {error}, more than chance explains ({tolerance})",
  "choice.biasedCloser": "{model} was set aside though closer per customer (mean error {value}): it missed the holdout total by {error}, more than chance explains ({tolerance}), and the error per customer favours a model that predicts too little for everyone",
  "choice.total": "its predicted total was {predicted} repeat purchases against {actual} actual ({error})",
  "choice.length": "{length} {unit}",
  "choice.units": "time units",
  "choice.valueFor": "{value} for {model}",
  "choice.and": " and ",
  "choice.setAside": "{models} did not converge and was set aside",
  "choice.noneConverged": "no model converged, so {model} was chosen among fits that did not converge",
  "choice.failed": "{model} could not be fitted ({detail})",
  "choice.prefer.mbgnbd": "unlike BG/NBD it does not take a customer without repeat purchases to be alive for sure",
  "choice.prefer.paretonbd": "unlike BG/NBD it does not take a customer without repeat purchases to be alive for sure",
  "choice.prefer.bgnbd": "it is the default model",
} as const;

export const zhCN: Record<keyof typeof enUS, string> = {
  "choice.fitted": "{model}（{n} 位客户）：{params}",
  "choice.only": "使用 {model}：只有这个模型能够拟合",
  "choice.likelihood": "选择 {model}：它对校准期数据拟合最好（对数似然 {value}，而 {others}）；各模型都有四个参数，因此它的 BIC 也最低（{bic}）",
  "choice.likelihoodTie": "选择 {model}：{tied} 的对数似然相差不到 {tie}（{values}），不足以区分（BIC 相差小于 2），这时优先选择 {model}：{why}",
  "choice.holdout": "选择 {model}：在验证期（{length}）内，它对每位客户的预测最接近实际（平均误差 {value} 次购买，而 {others}）；{total}",
  "choice.holdoutOnlyFair": "选择 {model}：在验证期（{length}）内，只有它预测的总数与实际的差距在随机波动范围内；{total}",
  "choice.holdoutAllBiased": "选择 {model}：在验证期（{length}）内，每个模型预测的总数与实际的差距都超出随机波动（约 {tolerance}），而它的总数最接近：{total}",
  "choice.biased": "{model} 未予考虑：它预测的验证期总数偏差 {error}，超出随机波动（{tolerance}）",
  "choice.biasedCloser": "{model} 对每位客户的误差虽然更小（平均误差 {value}），但未予考虑：它预测的验证期总数偏差 {error}，超出随机波动（{tolerance}），而按每位客户的误差评判会偏向对所有人都预测偏少的模型",
  "choice.total": "它预测的重复购买总数为 {predicted} 次，实际为 {actual} 次（{error}）",
  "choice.length": "{length} {unit}",
  "choice.units": "个时间单位",
  "choice.valueFor": "{model} 为 {value}",
  "choice.and": " 和 ",
  "choice.setAside": "{models} 未收敛，未予考虑",
  "choice.noneConverged": "没有模型收敛，因此在未收敛的拟合中选择了 {model}",
  "choice.failed": "{model} 无法拟合（{detail}）",
  "choice.prefer.mbgnbd": "与 BG/NBD 不同，它不把没有重复购买的客户当作一定存活",
  "choice.prefer.paretonbd": "与 BG/NBD 不同，它不把没有重复购买的客户当作一定存活",
  "choice.prefer.bgnbd": "它是默认模型",
};
// Stryker restore StringLiteral
