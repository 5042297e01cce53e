/**
 * Error messages about arguments and options (a custom function's argument, a CLI option, a
 * setting of the core) and about populations, the ranges of customers' values; in en-US and zh-CN.
 * One part of the table of ../errors.ts, which merges the parts into ErrorKey and ERROR_TEXTS
 * (docs/architecture.md §6).
 */
// Stryker disable StringLiteral: wording of the error texts, not the model; that every key has both languages is checked by the type of ../errors.ts, the wording by the message tests
export const enUS = {
  // Arguments (custom functions, CLI options)
  "arg.required": "{arg} is required; got a blank cell",
  "arg.notNumber": "{arg} must be a number; got {got}",
  "arg.notText": "{arg} must be text; got {got}",
  "arg.notChoice": "{arg} must be one of {choices}; got {got}",
  "arg.notFinite": "{arg} must be a finite number{hint}; got {got}",
  "arg.notWhole": "{arg} must be a whole number{hint}; got {got}",
  "arg.atLeast": "{arg} must be at least {min}{hint}; got {got}",
  "arg.above": "{arg} must be greater than {min}{hint}; got {got}",
  "arg.atMost": "{arg} must be at most {max}{hint}; got {got}",
  "arg.below": "{arg} must be below {max}{hint}; got {got}",
  // Populations (a range of customers' values)
  "population.notFinite": "{arg}: row {row} holds {got}, not a finite number",
  "population.notNumber": "{arg}: row {row} holds {got}, not a number",
  "population.notFiniteAt": "{arg}: row {row}, column {col} holds {got}, not a finite number",
  "population.notNumberAt": "{arg}: row {row}, column {col} holds {got}, not a number",
  "population.tooFew": "{arg} holds {count} numbers; give at least {min}",
  "population.none": "{arg} holds no numbers; give at least {min}",
  // Language
  "lang.invalid": "the language must be en-US or zh-CN; got {got}",
  // Value model: the core's own checks (src/core), in the words of whoever calls it; each edge renames
  // the arguments to its own (a function's argument, a CLI option): renameArguments in ../../errors.ts
  "arg.wholeAtLeast": "{arg} must be a whole number of at least {min}; got {got}",
  "arg.wholeBetween": "{arg} must be a whole number from {min} to {max}; got {got}",
  "arg.between": "{arg} must be from {min} to {max}; got {got}",
} as const;

/** The same messages in Chinese: typed by the English keys, so a message missing here does not compile. */
export const zhCN: Record<keyof typeof enUS, string> = {
  "arg.required": "缺少{arg}：单元格为空",
  "arg.notNumber": "{arg}必须是数字；实际为{got}",
  "arg.notText": "{arg}必须是文本；实际为{got}",
  "arg.notChoice": "{arg}必须是 {choices} 之一；实际为{got}",
  "arg.notFinite": "{arg}必须是有限的数字{hint}；实际为{got}",
  "arg.notWhole": "{arg}必须是整数{hint}；实际为{got}",
  "arg.atLeast": "{arg}不能小于 {min}{hint}；实际为{got}",
  "arg.above": "{arg}必须大于 {min}{hint}；实际为{got}",
  "arg.atMost": "{arg}不能大于 {max}{hint}；实际为{got}",
  "arg.below": "{arg}必须小于 {max}{hint}；实际为{got}",
  "population.notFinite": "{arg}：第 {row} 行的值为 {got}，不是有限的数字",
  "population.notNumber": "{arg}：第 {row} 行的值为{got}，不是数字",
  "population.notFiniteAt": "{arg}：第 {row} 行第 {col} 列的值为 {got}，不是有限的数字",
  "population.notNumberAt": "{arg}：第 {row} 行第 {col} 列的值为{got}，不是数字",
  "population.tooFew": "{arg}只有 {count} 个数字；至少需要 {min} 个",
  "population.none": "{arg}中没有数字；至少需要 {min} 个",
  "lang.invalid": "语言必须是 en-US 或 zh-CN；实际为{got}",
  // 价值模型：核心自身的检查（src/core），参数名由各入口换成用户看到的名称
  "arg.wholeAtLeast": "{arg}必须是不小于 {min} 的整数；实际为{got}",
  "arg.wholeBetween": "{arg}必须是 {min} 到 {max} 之间的整数；实际为{got}",
  "arg.between": "{arg}必须在 {min} 到 {max} 之间；实际为{got}",
};
