/**
 * Error messages of the workbook: the custom functions' arguments, ranges, tables and results
 * (src/functions) and reading a range for the task pane (src/excel); in en-US and zh-CN.
 * One part of the table of ../errors.ts, which merges the parts into ErrorKey and ERROR_TEXTS
 * (docs/architecture.md §6).
 */
// Stryker disable StringLiteral: wording of the error texts, not the model; that every key has both languages is checked by the type of ../errors.ts, the wording by the message tests
export const enUS = {
  // Reading a workbook range (src/excel/source.ts)
  "read.allHidden": "all {count} data rows of {range} are hidden or filtered out, and the options skip hidden rows: show the rows, or choose to analyse hidden rows",
  // Custom functions (src/functions): shapes, cells, tables, results
  "fn.cellError": "{arg} holds {got}",
  "fn.populationError": "{arg}: row {row} holds {got}; correct the cell, or wrap the range in IFERROR(…, \"\") to leave error cells out",
  "fn.populationErrorAt": "{arg}: row {row}, column {col} holds {got}; correct the cell, or wrap the range in IFERROR(…, \"\") to leave error cells out",
  "fn.shapeMismatch": "{arg} is {rows}×{cols} cells but {otherArg} is {otherRows}×{otherCols}: give ranges of the same size, or single values",
  "fn.notVector": "{arg} must be one column or one row of cells; got {rows}×{cols}",
  "fn.lengthMismatch": "{arg} has {count} cells but {otherArg} has {otherCount}: give ranges of the same size",
  "fn.rowsMismatch": "{arg} has {count} rows but {otherArg} has {otherCount}: give one row per customer in each",
  "fn.tooFewRows": "{arg}: {count} customer rows with numbers; give at least {min}",
  "fn.notDate": "{arg}: row {row} holds {got}, not a date",
  "fn.notDateAt": "{arg}: row {row}, column {col} holds {got}, not a date",
  "fn.endNotDate": "{arg} must be a date; got {got}",
  "fn.blankId": "{arg}: row {row} is blank",
  "fn.blankIdAt": "{arg}: row {row}, column {col} is blank",
  "fn.noTransactions": "{arg}, dates, amounts: no transaction rows",
  "fn.idForms": "{arg}: row {row} holds the number {number} and row {otherRow} the text {text}: Excel drops leading zeros from numbers, so these may be one customer written two ways; write every id as text (or every id as a number)",
  "fn.labelsCount": "{arg} must be \"names\", \"metal\", \"numbers\" or a range of {tiers} labels, one per tier; got {count} cells",
  "fn.populationsPartial": "give all three populations (recencies, frequencies, monetaries) or none",
  "fn.populationsMissing": "scores need a population: give recency, frequency and monetary as ranges of all customers, or the recencies, frequencies and monetaries ranges",
  "fn.paramsNotTable": "{arg} must be the table a =CVA.FIT function returns (a label row over a value row); got {rows}×{cols} cells without labels",
  "fn.paramsUnknownModel": "{arg} must be the table a =CVA.FIT function returns (a label row over a value row); {got} is not a model CVA knows",
  "fn.paramsMissing": "{arg} must be the table a =CVA.FIT function returns (a label row over a value row); the {name} parameter is missing",
  "fn.paramsWrongModel": "{arg} holds {model} parameters; this function needs {models}",
  "fn.paramsNotPositive": "{arg}: parameter {name} must be a positive number; got {got}",
  "fn.fitNotConverged": "{model}: the fit did not converge after {iterations} iterations; check the data (frequency, recency and T in one time unit, recency at most T)",
  "fn.fitSpendNotConverged": "{model}: the fit did not converge after {iterations} iterations; check the data (frequency counts repeat purchases, monetary is their mean amount, above 0)",
  "fn.stageInvalid": "{arg} must be a life cycle stage (Exploration, Formation, Stability, Decline, Churned, or 考察期, 形成期, 稳定期, 退化期, 流失); got {got}",
  "fn.tierOutOfRange": "{arg} must be a whole number from 1 to {tiers}; got {got}",
  "fn.tierInvalid": "{arg} must be a tier number or name as CVA.TIER returns it; got {got}",
  "fn.loyaltyNoRows": "{arg} needs a header row and at least one customer row",
  "fn.loyaltyUnknownHeader": "{arg}: column {col} header {got} is not an indicator; use Repeat rate, Purchase amount, Complaint rate, Price sensitivity, Reputation, Brand designation or P(alive)",
  "fn.loyaltyDuplicate": "{arg}: columns {col} and {otherCol} both hold {indicator}; keep one",
  "fn.loyaltyNothingKnown": "row {row}: no indicator is known for this customer",
  "fn.weightsPerIndicator": "{arg} must be one row of {count} numbers, one per indicator column",
  "fn.weightsPerValue": "{arg} must be one row of {count} numbers, one per value column",
  "fn.tooManyValueColumns": "{arg} has {count} columns; give at most 4 (product, service, personnel, image)",
  "fn.tooManyCostColumns": "{arg} has {count} columns; give at most 5 (money, time, energy, physical, sensory)",
  "fn.resultTooLarge": "the result has {rows} rows × {cols} columns, about {mb} MB: Excel passes at most about 5 MB back from a custom function (Excel on the web would show #BUSY! for ever); give a smaller range or split it, or use the CVA task pane for a population this large",
  // Custom functions: a fit that stopped short (the fit's own reason, src/functions/fits.ts)
  "fn.fitStopped": "{model} did not converge, so no parameters are returned: {detail}",
  "fn.fitTimeLimit": "{model} stopped at the {seconds} s a function may take, after {iterations} iterations and before converging, so no parameters are returned: the data may not identify the model (for example when nobody drops out); cva fit can take longer (--time-limit)",
  // Custom functions: BG/BB histories (src/functions/bgbb.ts)
  "fn.bgbbInconsistent": "frequency {x}, recency {recency} and periods {periods} do not fit together: a history needs frequency ≤ recency ≤ periods, and recency 0 exactly when frequency is 0",
} as const;

/** The same messages in Chinese: typed by the English keys, so a message missing here does not compile. */
export const zhCN: Record<keyof typeof enUS, string> = {
  // 读取工作簿区域（src/excel/source.ts）
  "read.allHidden": "{range} 的全部 {count} 行数据都已隐藏或被筛选掉，而选项设为跳过隐藏行：请取消隐藏，或改为分析隐藏行",
  // Custom functions (src/functions)
  "fn.cellError": "{arg}为{got}",
  "fn.populationError": "{arg}：第 {row} 行为{got}；请修正该单元格，或用 IFERROR(…, \"\") 包住区域以排除错误单元格",
  "fn.populationErrorAt": "{arg}：第 {row} 行第 {col} 列为{got}；请修正该单元格，或用 IFERROR(…, \"\") 包住区域以排除错误单元格",
  "fn.shapeMismatch": "{arg}为 {rows}×{cols} 个单元格，而{otherArg}为 {otherRows}×{otherCols}：请给出大小相同的区域，或单个值",
  "fn.notVector": "{arg}必须是一列或一行单元格；实际为 {rows}×{cols}",
  "fn.lengthMismatch": "{arg}有 {count} 个单元格，而{otherArg}有 {otherCount} 个：请给出大小相同的区域",
  "fn.rowsMismatch": "{arg}有 {count} 行，而{otherArg}有 {otherCount} 行：每位客户在两者中各占一行",
  "fn.tooFewRows": "{arg}：含数字的客户行只有 {count} 行；至少需要 {min} 行",
  "fn.notDate": "{arg}：第 {row} 行为{got}，不是日期",
  "fn.notDateAt": "{arg}：第 {row} 行第 {col} 列为{got}，不是日期",
  "fn.endNotDate": "{arg}必须是日期；实际为{got}",
  "fn.blankId": "{arg}：第 {row} 行为空",
  "fn.blankIdAt": "{arg}：第 {row} 行第 {col} 列为空",
  "fn.noTransactions": "{arg}、交易日期、交易金额：没有交易行",
  "fn.idForms": "{arg}：第 {row} 行是数字 {number}，第 {otherRow} 行是文本 {text}：Excel 会去掉数字开头的 0，两者可能是同一位客户的两种写法；请把所有编号都写成文本（或都写成数字）",
  "fn.labelsCount": "{arg}必须是 \"names\"、\"metal\"、\"numbers\"，或每层一个标签、共 {tiers} 个标签的区域；实际为 {count} 个单元格",
  "fn.populationsPartial": "三个总体（recencies、frequencies、monetaries）要么都给出，要么都不给",
  "fn.populationsMissing": "评分需要客户总体：请把 recency、frequency、monetary 给成全体客户的区域，或给出 recencies、frequencies、monetaries 区域",
  "fn.paramsNotTable": "{arg}必须是 =CVA.FIT 函数返回的表（标签行在上，数值行在下）；实际为 {rows}×{cols} 个没有标签的单元格",
  "fn.paramsUnknownModel": "{arg}必须是 =CVA.FIT 函数返回的表（标签行在上，数值行在下）；CVA 不认识模型 {got}",
  "fn.paramsMissing": "{arg}必须是 =CVA.FIT 函数返回的表（标签行在上，数值行在下）；缺少参数 {name}",
  "fn.paramsWrongModel": "{arg}中是 {model} 模型的参数；此函数需要 {models}",
  "fn.paramsNotPositive": "{arg}：参数 {name} 必须是正数；实际为{got}",
  "fn.fitNotConverged": "{model}：拟合在 {iterations} 次迭代后仍未收敛；请检查数据（购买频次、最近购买时间和观察时长 T 使用同一时间单位，最近购买时间不大于 T）",
  "fn.fitSpendNotConverged": "{model}：拟合在 {iterations} 次迭代后仍未收敛；请检查数据（购买频次为重复购买次数，平均消费为这些购买的平均金额，且大于 0）",
  "fn.stageInvalid": "{arg}必须是生命周期阶段（考察期、形成期、稳定期、退化期、流失，或 Exploration、Formation、Stability、Decline、Churned）；实际为{got}",
  "fn.tierOutOfRange": "{arg}必须是 1 到 {tiers} 之间的整数；实际为{got}",
  "fn.tierInvalid": "{arg}必须是 CVA.TIER 返回的层级编号或名称；实际为{got}",
  "fn.loyaltyNoRows": "{arg}需要一个标题行和至少一行客户数据",
  "fn.loyaltyUnknownHeader": "{arg}：第 {col} 列的标题{got}不是忠诚度指标；请使用 回头率、购买金额、投诉率、价格敏感度、口碑、品牌指定购买 或 P(alive)",
  "fn.loyaltyDuplicate": "{arg}：第 {col} 列和第 {otherCol} 列都是{indicator}；请只保留一列",
  "fn.loyaltyNothingKnown": "第 {row} 行：该客户没有任何已知指标",
  "fn.weightsPerIndicator": "{arg}必须是一行 {count} 个数字，每个指标列一个",
  "fn.weightsPerValue": "{arg}必须是一行 {count} 个数字，每个价值列一个",
  "fn.tooManyValueColumns": "{arg}有 {count} 列；最多 4 列（产品、服务、人员、形象）",
  "fn.tooManyCostColumns": "{arg}有 {count} 列；最多 5 列（货币、时间、精力、体力、感官）",
  "fn.resultTooLarge": "结果有 {rows} 行 × {cols} 列，约 {mb} MB：Excel 从自定义函数最多只能传回约 5 MB（Excel 网页版会一直显示 #BUSY!）；请缩小或拆分区域，或用 CVA 任务窗格分析这么大的客户总体",
  // 自定义函数：未收敛的拟合（拟合自身给出的原因）
  "fn.fitStopped": "{model} 未收敛，因此不返回参数：{detail}",
  "fn.fitTimeLimit": "{model} 在 {iterations} 次迭代后达到函数允许的 {seconds} 秒时间上限而停止，尚未收敛，因此不返回参数：数据可能无法识别该模型（例如没有客户流失）；cva fit 可以运行更长时间（--time-limit）",
  // 自定义函数：BG/BB 购买历史
  "fn.bgbbInconsistent": "购买频次 {x}、最近购买时间 {recency} 与期数 {periods} 互相矛盾：应满足 购买频次 ≤ 最近购买时间 ≤ 期数，且仅当购买频次为 0 时最近购买时间为 0",
};
