/**
 * Error messages about lifetime value: the finance formula's rates and shares, customer
 * histories, the fits of the models and their limits, the spend model, a predictor's output and
 * the holdout; in en-US and zh-CN.
 * One part of the table of ../errors.ts, which merges the parts into ErrorKey and ERROR_TEXTS
 * (docs/architecture.md §6).
 */
// Stryker disable StringLiteral: wording of the error texts, not the model; that every key has both languages is checked by the type of ../errors.ts, the wording by the message tests
export const enUS = {
  // Rates, shares and fitted parameters (src/core/clv/finance.ts, lifetime.ts)
  "params.outsideFit": "{arg}: {name} = {got} is outside the range a CVA fit returns (1e-8 to 1e8)",
  "rate.negative": "{arg} must be 0 or more: a negative rate makes money later worth more than money now; got {got}",
  "rate.belowOne": "{arg} is a rate below 1 (0.1 = 10%); got {got}",
  "rate.belowOneDidYouMean": "{arg} is a rate below 1 (0.1 = 10%); got {got}. Did you mean {suggest}?",
  "share.range": "{arg} is a share of spend above 0 and at most 1 (0.3 = 30%); got {got}",
  "share.rangeDidYouMean": "{arg} is a share of spend above 0 and at most 1 (0.3 = 30%); got {got}. Did you mean {suggest}?",
  // Customer histories (x, t_x, T): one rule for fitting and scoring (src/core/clv/data.ts)
  "history.notWhole": "frequency must be a whole number of repeat purchases; got {got}",
  "history.notWholeAt": "row {row}: frequency must be a whole number of repeat purchases; got {got}",
  "history.negative": "{arg} must be 0 or more; got {got}",
  "history.negativeAt": "row {row}: {arg} must be 0 or more; got {got}",
  "history.zeroT": "T must be greater than 0 for a customer with repeat purchases; got {got}",
  "history.zeroTAt": "row {row}: T must be greater than 0 for a customer with repeat purchases; got {got}",
  "history.recencyAfterT": "recency {recency} is greater than T {T}: the last purchase cannot come after the end of observation",
  "history.recencyAfterTAt": "row {row}: recency {recency} is greater than T {T}: the last purchase cannot come after the end of observation",
  "history.recencyWithoutRepeat": "recency is {recency} but frequency is 0: a customer without repeat purchases has recency 0",
  "history.recencyWithoutRepeatAt": "row {row}: recency is {recency} but frequency is 0: a customer without repeat purchases has recency 0",
  // Model fits and lifetime value: limits of the work (src/core/clv/fitting.ts, lifetime.ts; docs/models/fitting.md §7, §14)
  "fit.timeLimit": "stopped at the time limit of {seconds} s after {iterations} iterations, before meeting its tolerance; the estimates are the best found so far (log-likelihood {logLik}): the data may not identify the model (for example when nobody drops out)",
  "fit.iterationLimit": "stopped at the iteration limit ({max} iterations a run) before meeting its tolerance; the estimates are the best found so far (log-likelihood {logLik})",
  "fit.noProgress": "the optimiser stopped without meeting its tolerance (no progress)",
  "fit.nonFinite": "the optimiser stopped without meeting its tolerance (non-finite)",
  "fit.notFinite": "the log-likelihood is not finite at any starting point",
  "fit.ridge.one": "ran to a boundary ({limits}): the data cannot identify it, so a small ridge on the log-parameters keeps the estimate finite, where the predictions are those of the limit model",
  "fit.ridge.many": "ran to a boundary ({limits}): the data cannot identify them, so a small ridge on the log-parameters keeps the estimate finite, where the predictions are those of the limit model",
  "fit.boundary.one": "ran to a boundary ({limits}): the data cannot identify it",
  "fit.boundary.many": "ran to a boundary ({limits}): the data cannot identify them",
  "fit.weak.one": "converged, but {params} beyond 1e5 or below 1e-5: the data barely identify it (the fit is close to a limit model)",
  "fit.weak.many": "converged, but {params} beyond 1e5 or below 1e-5: the data barely identify them (the fit is close to a limit model)",
  // Parameter uncertainty (src/core/clv/uncertainty.ts; docs/models/uncertainty.md)
  "uncertainty.flat": "uncertainty cannot be computed because the likelihood is flat at the estimate in {param} (its curvature there is not positive): the data do not pin that parameter down, so no standard error or interval is given",
  "uncertainty.atBound": "uncertainty cannot be computed because the fit ran to a boundary ({limits}): a parameter at its limit has no standard error",
  "uncertainty.notConverged": "uncertainty cannot be computed because the fit did not converge, so its estimate is not a maximum of the likelihood",
  "uncertainty.notFinite": "uncertainty cannot be computed because the likelihood's curvature is not finite at the estimate",
  "uncertainty.sameHistory": "uncertainty cannot be computed because every customer has the same history: the data cannot tell the model's parameters apart",
  "uncertainty.nobodyRepeats": "uncertainty cannot be computed because nobody made a repeat purchase: the data cannot tell the model's parameters apart",
  "horizon.tooLong": "the CLV horizon must be at most {max} months ({years} years); got {got} months",
  // The core's own checks of the models (src/core/clv), in the words of whoever calls it; each edge renames
  // the arguments to its own (a function's argument, a CLI option): renameArguments in ../../errors.ts
  "retention.range": "{arg} must be at least 0 and below 1 (a share such as 0.8); got {got}",
  "clv.unbounded": "with no {periodsArg}, {arg} ({retention}) must be below 1 + {otherArg} ({limit}), else the value has no bound; give {periodsArg}",
  "bgbb.inconsistentAt": "row {row}: frequency {x}, recency {recency} and periods {periods} do not fit together: a history needs frequency ≤ recency ≤ periods, and recency 0 exactly when frequency is 0",
  "fit.noCustomerWeight": "{model}: the weights add up to 0, so there is no customer to fit",
  "fit.nobodyRepeats": "{model} cannot be fitted: nobody makes a repeat purchase (every frequency is 0)",
  "fit.sameHistory": "{model} cannot be fitted: every customer has the same purchase history; at least two different histories are needed",
  "spend.notPositiveAt": "row {row}: {arg} must be above 0 for a customer with repeat purchases; got {got}: the spend model (Gamma-Gamma) needs positive spend (leave such customers out or net the returns)",
  "spend.tooFewBuyers": "the spend model (Gamma-Gamma) needs at least two customers with repeat purchases and a mean spend above 0; found {count}",
  "spend.sameHistory": "the spend model (Gamma-Gamma) cannot be fitted: every customer with repeat purchases has the same frequency and mean spend",
  "spend.sameSpend": "the spend model (Gamma-Gamma) cannot be fitted: every customer with repeat purchases has the same mean spend, {spend}, so its spread is unknown",
  "spend.infiniteMean": "the fitted spend model gives no finite mean spend for a frequency of {x} (q = {q}: p × frequency + q must be above 1)",
  "spend.qAtMostOne": "the spend model (Gamma-Gamma) gives q = {q}, at most 1: its mean spend is infinite",
  "model.noSpend": "the lifetime value needs each customer's expected spend: give the fitted spend model (Gamma-Gamma) parameters or the expected spends",
  "model.notFitted": "no model can be fitted: {reason}",
  "predictor.length": "the lifetime model returned {values} of {name} for {customers} customers; it must return one per customer",
  "predictor.notFinite": "the lifetime model returned {got} as the {name} of customer {row}, not a finite number",
  "holdout.endBeforeCalibration": "the end of the holdout ({end}) must come after the calibration end ({calibrationEnd})",
  // The choice among the count models (src/core/clv/model-choice.ts)
  "choice.noModels": "give at least one model to compare ({choices})",
} as const;

/** The same messages in Chinese: typed by the English keys, so a message missing here does not compile. */
export const zhCN: Record<keyof typeof enUS, string> = {
  // 比率、比例与拟合参数（src/core/clv/finance.ts、lifetime.ts）
  "params.outsideFit": "{arg}：{name} = {got} 超出 CVA 拟合可能给出的范围（1e-8 至 1e8）",
  "rate.negative": "{arg}不能小于 0：负的比率会使将来的钱比现在的钱更值钱；实际为{got}",
  "rate.belowOne": "{arg}是小于 1 的比率（0.1 = 10%）；实际为{got}",
  "rate.belowOneDidYouMean": "{arg}是小于 1 的比率（0.1 = 10%）；实际为{got}。是否应为 {suggest}？",
  "share.range": "{arg}是消费中毛利所占的比例，大于 0 且不超过 1（0.3 = 30%）；实际为{got}",
  "share.rangeDidYouMean": "{arg}是消费中毛利所占的比例，大于 0 且不超过 1（0.3 = 30%）；实际为{got}。是否应为 {suggest}？",
  // Customer histories (src/core/clv/data.ts)
  "history.notWhole": "购买频次必须是重复购买的整数次数；实际为{got}",
  "history.notWholeAt": "第 {row} 行：购买频次必须是重复购买的整数次数；实际为{got}",
  "history.negative": "{arg}不能小于 0；实际为{got}",
  "history.negativeAt": "第 {row} 行：{arg}不能小于 0；实际为{got}",
  "history.zeroT": "有重复购买的客户，观察时长 T 必须大于 0；实际为{got}",
  "history.zeroTAt": "第 {row} 行：有重复购买的客户，观察时长 T 必须大于 0；实际为{got}",
  "history.recencyAfterT": "最近购买时间 {recency} 大于观察时长 T {T}：最后一次购买不能晚于观察期结束",
  "history.recencyAfterTAt": "第 {row} 行：最近购买时间 {recency} 大于观察时长 T {T}：最后一次购买不能晚于观察期结束",
  "history.recencyWithoutRepeat": "购买频次为 0 但最近购买时间为 {recency}：没有重复购买的客户，最近购买时间应为 0",
  "history.recencyWithoutRepeatAt": "第 {row} 行：购买频次为 0 但最近购买时间为 {recency}：没有重复购买的客户，最近购买时间应为 0",
  // 模型拟合与终生价值：计算量的上限（src/core/clv/fitting.ts、lifetime.ts；docs/models/fitting.md §7、§14）
  "fit.timeLimit": "在 {iterations} 次迭代后达到 {seconds} 秒的时间上限而停止，尚未达到收敛容差；结果为目前找到的最佳估计（对数似然 {logLik}）：数据可能无法识别该模型（例如没有客户流失）",
  "fit.iterationLimit": "达到迭代次数上限（每轮 {max} 次）而停止，尚未达到收敛容差；结果为目前找到的最佳估计（对数似然 {logLik}）",
  "fit.noProgress": "优化器未达到收敛容差即停止（无法继续改进）",
  "fit.nonFinite": "优化器未达到收敛容差即停止（目标函数值不是有限值）",
  "fit.notFinite": "所有起点处的对数似然都不是有限值",
  "fit.ridge.one": "参数趋向边界（{limits}）：数据无法识别该参数，因此在对数参数上加了很小的岭惩罚，使估计保持有限，此时的预测即极限模型的预测",
  "fit.ridge.many": "参数趋向边界（{limits}）：数据无法识别这些参数，因此在对数参数上加了很小的岭惩罚，使估计保持有限，此时的预测即极限模型的预测",
  "fit.boundary.one": "参数到达边界（{limits}）：数据无法识别该参数",
  "fit.boundary.many": "参数到达边界（{limits}）：数据无法识别这些参数",
  "fit.weak.one": "已收敛，但 {params} 大于 1e5 或小于 1e-5：数据几乎无法识别该参数（拟合接近极限模型）",
  "fit.weak.many": "已收敛，但 {params} 大于 1e5 或小于 1e-5：数据几乎无法识别这些参数（拟合接近极限模型）",
  "uncertainty.flat": "无法计算不确定性，因为似然函数在估计值处沿 {param} 方向是平的（该处曲率不为正）：数据无法确定该参数，因此不给出标准误和区间",
  "uncertainty.atBound": "无法计算不确定性，因为拟合到达了边界（{limits}）：处于极限的参数没有标准误",
  "uncertainty.notConverged": "无法计算不确定性，因为拟合未收敛，其估计值不是似然函数的极大值",
  "uncertainty.notFinite": "无法计算不确定性，因为似然函数在估计值处的曲率不是有限值",
  "uncertainty.sameHistory": "无法计算不确定性，因为所有客户的购买历史都相同：数据无法区分模型的参数",
  "uncertainty.nobodyRepeats": "无法计算不确定性，因为没有客户重复购买：数据无法区分模型的参数",
  "horizon.tooLong": "终生价值期限不能超过 {max} 个月（{years} 年）；实际为 {got} 个月",
  // 价值模型：核心对模型的检查（src/core/clv），参数名由各入口换成用户看到的名称
  "retention.range": "{arg}必须不小于 0 且小于 1（比例，例如 0.8）；实际为{got}",
  "clv.unbounded": "不设{periodsArg}时，{arg}（{retention}）必须小于 1 + {otherArg}（{limit}），否则价值没有上限；请给出{periodsArg}",
  "bgbb.inconsistentAt": "第 {row} 行：购买频次 {x}、最近购买时间 {recency} 与期数 {periods} 互相矛盾：应满足 购买频次 ≤ 最近购买时间 ≤ 期数，且仅当购买频次为 0 时最近购买时间为 0",
  "fit.noCustomerWeight": "{model}：权重之和为 0，没有可拟合的客户",
  "fit.nobodyRepeats": "无法拟合 {model}：没有客户重复购买（购买频次全为 0）",
  "fit.sameHistory": "无法拟合 {model}：所有客户的购买历史都相同；至少需要两种不同的购买历史",
  "spend.notPositiveAt": "第 {row} 行：有重复购买的客户，{arg}必须大于 0；实际为{got}：消费模型（Gamma-Gamma）需要正的消费金额（请排除这些客户或冲抵退货）",
  "spend.tooFewBuyers": "消费模型（Gamma-Gamma）至少需要两位有重复购买且平均消费大于 0 的客户；实际只有 {count} 位",
  "spend.sameHistory": "无法拟合消费模型（Gamma-Gamma）：所有有重复购买的客户的购买频次和平均消费都相同",
  "spend.sameSpend": "无法拟合消费模型（Gamma-Gamma）：所有有重复购买的客户的平均消费都是 {spend}，消费的离散程度无从估计",
  "spend.infiniteMean": "拟合的消费模型对购买频次 {x} 给不出有限的平均消费（q = {q}：p × 购买频次 + q 必须大于 1）",
  "spend.qAtMostOne": "消费模型（Gamma-Gamma）的 q = {q}，不大于 1：其平均消费为无穷大",
  "model.noSpend": "计算终生价值需要每位客户的预期消费：请给出拟合的消费模型（Gamma-Gamma）参数或各客户的预期消费",
  "model.notFitted": "无法拟合模型：{reason}",
  "predictor.length": "终生价值模型为 {customers} 位客户返回了 {values}{name}；应每位客户一个",
  "predictor.notFinite": "终生价值模型为第 {row} 位客户返回的{name}为 {got}，不是有限的数字",
  "holdout.endBeforeCalibration": "验证期结束日（{end}）必须晚于校准期结束日（{calibrationEnd}）",
  "choice.noModels": "请至少给出一个要比较的模型（{choices}）",
};
