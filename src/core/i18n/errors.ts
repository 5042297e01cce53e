/**
 * Every error message the user can see, in en-US and zh-CN (docs/architecture.md §6).
 *
 * A {@link CvaError} made with `CvaError.keyed` carries a key of this table and its parameters;
 * the edge that shows it (a custom function's cell, the CLI's stderr, the task pane) renders it
 * in the user's language with {@link localizedMessage}. The English table defines the keys; the
 * Chinese table is typed `Record<ErrorKey, string>`, so a message missing from either language
 * does not compile.
 *
 * Parameters fill `{name}` placeholders. A parameter named `arg` (or ending in `Arg`) is the
 * name of an argument or option as the user sees it: it is looked up in {@link ARGUMENT_NAMES}
 * and shown in the user's language when the table has it. Numbers and quoted user text are
 * language-neutral and pass through unchanged.
 */
import type { Lang } from "./messages";

const enUS = {
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
  // Value model: dates, amounts, rates, populations (summary, segments, lifetime value)
  "date.notDate": "cannot read {got} as a date (expected YYYY-MM-DD or an Excel date)",
  "date.notDateAt": "row {row}, column \"{col}\": cannot read {got} as a date (expected YYYY-MM-DD or an Excel date)",
  "date.notDateArg": "{arg}: cannot read {got} as a date (expected YYYY-MM-DD or an Excel date)",
  "date.bareNumber": "{got} is a number, not a date: below 10000 (1927-05-18) a number is read as an Excel date only in a date-formatted column; write the date as YYYY-MM-DD",
  "date.bareNumberAt": "row {row}, column \"{col}\": {got} is a number, not a date: below 10000 (1927-05-18) a number is read as an Excel date only in a date-formatted column; write the date as YYYY-MM-DD",
  "date.bareNumberArg": "{arg}: {got} is a number, not a date: below 10000 (1927-05-18) a number is read as an Excel date only in a date-formatted column; write the date as YYYY-MM-DD",
  "date.before1900": "{got} is before 1900-01-01, the first date Excel can hold; CVA reads dates from 1900-01-01 to 9999-12-31",
  "date.before1900At": "row {row}, column \"{col}\": {got} is before 1900-01-01, the first date Excel can hold; CVA reads dates from 1900-01-01 to 9999-12-31",
  "date.before1900Arg": "{arg}: {got} is before 1900-01-01, the first date Excel can hold; CVA reads dates from 1900-01-01 to 9999-12-31",
  "amount.notFiniteRow": "row {row}: the amount {got} is not a finite number",
  "amount.sumTooLarge": "the amounts of customer \"{id}\" add up to more than 1.8e308, the largest number CVA can compute with",
  "values.sumTooLarge": "{arg}: the values add up to more than 1.8e308, the largest number CVA can compute with",
  "values.negative": "{arg} holds {negatives} (the first {got}): the Pareto share, Lorenz curve and Gini coefficient need values of 0 or more, a share of a total",
  "values.noSpread": "{arg}: all {count} values are equal ({value}); a pyramid needs values that differ",
  "result.notFinite": "a result is {got}, not a finite number: the inputs hold numbers too large or too small to compute with",
  "params.outsideFit": "{arg}: {name} = {got} is outside the range a CVA fit returns (1e-8 to 1e8)",
  "rate.negative": "{arg} must be 0 or more: a negative rate makes money later worth more than money now; got {got}",
  "rate.belowOne": "{arg} is a rate below 1 (0.1 = 10%); got {got}",
  "rate.belowOneDidYouMean": "{arg} is a rate below 1 (0.1 = 10%); got {got}. Did you mean {suggest}?",
  "share.range": "{arg} is a share of spend above 0 and at most 1 (0.3 = 30%); got {got}",
  "share.rangeDidYouMean": "{arg} is a share of spend above 0 and at most 1 (0.3 = 30%); got {got}. Did you mean {suggest}?",
  // Value model: warnings (the analysis goes on; the CLI prints them, the pane and the report show them)
  "warn.noPurchase": "{customers} no purchase, only rows with an amount of 0 or less (the first: \"{id}\"); counted as one-time buyers from the first row, with their net revenue",
  "warn.rowsAfterEnd": "{rows} left out: dated after the observation end {end}",
  "warn.afterToday": "{rows} dated after today ({today}): the latest {date}",
  "warn.endAfterToday": "the observation end {end} is after today ({today}); every customer's T is measured to it",
  "warn.farOut": "{rows} dated far from the others: {dates} (half of the rows lie between {q1} and {q3}; far means outside it by more than 3 times its length, and by at least {min} days)",
  "warn.endIsOutlier": "the observation end defaults to the last date, {end}, one of these; every customer's T is measured to it. Correct the date or set the observation end",
  "warn.negativeValues": "{customers} a negative {measure}; the Pareto share, Lorenz curve and Gini coefficient count such values as 0",
  "warn.noSpread": "all {count} customers have the same {measure} ({value}): the pyramid cannot rank them, so no tiers are given",
  // Value model, as the command line locates a cell (row and line of the file)
  "csv.dateBareNumber": "row {row} (line {line}), column {column}: {got} is a number, not a date: below 10000 (1927-05-18) a number is read as an Excel date only in a date-formatted column, and a CSV file has none; write the date as YYYY-MM-DD",
  "csv.dateBefore1900": "row {row} (line {line}), column {column}: {got} is before 1900-01-01, the first date Excel can hold; CVA reads dates from 1900-01-01 to 9999-12-31",
  "csv.tooLarge": "row {row} (line {line}), column {column}: {got} is beyond 1.8e308, the largest number CVA can compute with",
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
  // CLI: the files it reads and writes, its options and messages (src/cli)
  "cli.error": "cva: {text}",
  "cli.warning": "cva: warning: {text}",
  "cli.note": "cva: note: {text}",
  "cli.usageHint": "Run `cva {command} --help` for usage.",
  "cli.unknownCommand": "unknown command {got}",
  "cli.unknownOption": "unknown option {option}",
  "cli.optionNeedsValue": "option {option} needs a value",
  "cli.oneFile": "give exactly one transactions file; got {count}",
  "cli.optionRequired": "{option} is required",
  "cli.noModel": "no model could be fitted: {note}",
  "cli.notConverged": "the fit did not converge: {detail}",
  "option.notNumber": "{option} must be a number; got {got}",
  "option.notWhole": "{option} must be a whole number; got {got}",
  "option.atLeast": "{option} must be at least {min}; got {got}",
  "option.notChoice": "{option} must be one of {choices}; got {got}",
  "option.notDate": "{option} must be a date written YYYY-MM-DD; got {got}",
  "option.tiersFormat": "--tiers takes positive percentages separated by commas, e.g. 1,19,30,50; got {got}",
  "option.tiersSum": "--tiers must add up to 100; {got} adds up to {sum}",
  "option.encoding": "--encoding must be a text encoding such as utf-8, utf-16le, utf-16be, gb18030 or windows-1252; got {got}",
  "option.endBeforeCalibration": "--end ({end}) must come after --calibration-end ({calibrationEnd})",
  "option.dataEndsBeforeCalibration": "the last date in the data ({end}) must come after --calibration-end ({calibrationEnd})",
  "option.sameColumn": "{first} and {second} both name the column {column}; a column can have one role only",
  "option.beforeData": "{option} ({date}) is before the first date in the data ({first}): no transaction is left to analyse",
  "file.notFound": "{file}: no such file",
  "file.isFolder": "{file} is a folder, not a file",
  "file.unreadable": "cannot read {file}: {reason}",
  "file.empty": "the file is empty",
  "file.binary": "not a CSV file (binary content)",
  "file.workbook": "this is an Excel workbook, not a CSV file: save it from Excel as \"CSV UTF-8\" first",
  "file.notCsv": "does not look like CSV: the first line has no comma, semicolon or tab between column names",
  "file.noRows": "the file has a header but no data rows",
  "file.encodingUnknown": "cannot tell the text encoding: the file is not UTF-8, GB18030/GBK or Windows-1252; save it as \"CSV UTF-8\" or name its encoding with --encoding",
  "file.encodingInvalid": "line {line} is not {encoding} text; name the file's encoding with --encoding (utf-8, utf-16le, utf-16be, gb18030, windows-1252)",
  "file.decodedAs": "{file} is not UTF-8: read as {encoding} (name another with --encoding)",
  "csv.tooManyFields": "line {line} has more than {max} fields",
  "csv.unclosedQuote": "line {line}: a quoted field is never closed",
  "csv.fieldCount": "row {row} (line {line}) has {count} fields; the header has {header}",
  "csv.emptyId": "row {row} (line {line}), column {column}: the customer id is empty",
  "csv.badDate": "row {row} (line {line}), column {column}: cannot read {got} as a date (expected YYYY-MM-DD or an Excel serial number)",
  "csv.badAmount": "row {row} (line {line}), column {column}: cannot read {got} as an amount",
  "csv.badNumber": "row {row} (line {line}), column {column}: cannot read {got} as a number",
  "csv.missingColumn": "missing column for {role}: expected a header such as {examples} (or name it with {option}); the columns are: {columns}",
  "csv.optionColumnMissing": "{option} names the column {column}, which is not in the header; the columns are: {columns}",
  "csv.duplicateHeader": "the header names {column} more than once (columns {columns}); rename all but one",
  "csv.duplicateHeaderUnused": "the header names {column} more than once (columns {columns}); neither is used",
  "csv.repeatedProfile": "{count} customer has more than one profile row: {ids}; the last row is used",
  "csv.repeatedProfiles": "{count} customers have more than one profile row: {ids}; the last row of each is used",
  "warn.profilesWithoutTransactions": "{profiles} left out: {ids}",
  "out.isInput": "{option} {file} is the input file {input}; writing it would destroy the data: choose another file",
  "out.sameFile": "{first} and {second} name the same file {file}: give each output its own file",
  "out.noFolder": "cannot write {file}: the folder {folder} does not exist",
  "out.isFolder": "cannot write {file}: it is a folder",
  "out.denied": "cannot write {file}: permission denied",
  "out.failed": "cannot write {file}: {reason}",
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
  "horizon.tooLong": "the CLV horizon must be at most {max} months ({years} years); got {got} months",
  // Value model: the core's own checks (src/core), in the words of whoever calls it; each edge renames
  // the arguments to its own (a function's argument, a CLI option): renameArguments in ../errors.ts
  "arg.wholeAtLeast": "{arg} must be a whole number of at least {min}; got {got}",
  "arg.wholeBetween": "{arg} must be a whole number from {min} to {max}; got {got}",
  "arg.between": "{arg} must be from {min} to {max}; got {got}",
  "retention.range": "{arg} must be at least 0 and below 1 (a share such as 0.8); got {got}",
  "clv.unbounded": "with no {periodsArg}, {arg} ({retention}) must be below 1 + {otherArg} ({limit}), else the value has no bound; give {periodsArg}",
  "ratio.zeroPrice": "{arg} must not be 0: the value ratio is quality divided by price",
  "data.lengthMismatch": "{arg} has {count} values but {otherArg} has {otherCount}: give one value per customer in each",
  "data.noCustomers": "there are no customers: at least one is needed",
  "data.notWholeAt": "row {row}: {arg} must be a whole number of 0 or more; got {got}",
  "bgbb.inconsistentAt": "row {row}: frequency {x}, recency {recency} and periods {periods} do not fit together: a history needs frequency ≤ recency ≤ periods, and recency 0 exactly when frequency is 0",
  "fit.noCustomerWeight": "{model}: the weights add up to 0, so there is no customer to fit",
  "fit.nobodyRepeats": "{model} cannot be fitted: nobody makes a repeat purchase (every frequency is 0)",
  "fit.sameHistory": "{model} cannot be fitted: every customer has the same purchase history; at least two different histories are needed",
  "spend.notPositiveAt": "row {row}: {arg} must be above 0 for a customer with repeat purchases; got {got}: the spend model (Gamma-Gamma) needs positive spend (leave such customers out or net the returns)",
  "spend.tooFewBuyers": "the spend model (Gamma-Gamma) needs at least two customers with repeat purchases and a mean spend above 0; found {count}",
  "spend.sameHistory": "the spend model (Gamma-Gamma) cannot be fitted: every customer with repeat purchases has the same frequency and mean spend",
  "spend.infiniteMean": "the fitted spend model gives no finite mean spend for a frequency of {x} (q = {q}: p × frequency + q must be above 1)",
  "spend.qAtMostOne": "the spend model (Gamma-Gamma) gives q = {q}, at most 1: its mean spend is infinite",
  "model.noSpend": "the lifetime value needs each customer's expected spend: give the fitted spend model (Gamma-Gamma) parameters or the expected spends",
  "model.notFitted": "no model can be fitted: {reason}",
  "predictor.length": "the lifetime model returned {values} of {name} for {customers} customers; it must return one per customer",
  "predictor.notFinite": "the lifetime model returned {got} as the {name} of customer {row}, not a finite number",
  "measure.clvUnavailable": "{arg} clv needs lifetime values, from a fitted model or a CLV column, and there are none: choose margin or revenue",
  "measure.marginUnavailable": "{arg} margin needs a cost or margin column",
  "holdout.endBeforeCalibration": "the end of the holdout ({end}) must come after the calibration end ({calibrationEnd})",
  "columns.notInHeader": "the column {column} given for {role} is not in the header; the columns are: {columns}",
  "columns.missing": "missing column for {role}: expected a header such as {examples}; the columns are: {columns}",
  "loyalty.lengthMismatch": "the indicator \"{indicator}\" has {count} values for {customers} customers",
  "loyalty.weight": "the weight of \"{indicator}\" must be a number of 0 or more; got {got}",
  "shares.none": "{arg}: give at least one share",
  "shares.notPositive": "{arg} must be positive numbers; got {got}",
  "shares.sum": "{arg} must add up to 1 (100%); they add up to {sum}",
  "rfm.scores": "RFM scores must be whole numbers from 1 to 5; got R {r}, F {f}",
  "volumes.negative": "{arg}: period {period} holds {got}; purchases per period must be numbers of 0 or more",
  "tx.none": "there are no transactions",
  "tx.noneBeforeEnd": "no transaction falls on or before the observation end {end}",
  "tx.emptyIdAt": "row {row}: the customer id is empty",
  "tx.notNumberAt": "row {row}: the {column} is {got}, not a finite number",
  // Custom functions: a fit that stopped short (the fit's own reason, src/functions/functions.ts)
  "fn.fitStopped": "{model} did not converge, so no parameters are returned: {detail}",
  "fn.fitTimeLimit": "{model} stopped at the {seconds} s a function may take, after {iterations} iterations and before converging, so no parameters are returned: the data may not identify the model (for example when nobody drops out); cva fit can take longer (--time-limit)",
} as const;

export type ErrorKey = keyof typeof enUS;

const zhCN: Record<ErrorKey, string> = {
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
  // 价值模型：日期、金额、比率、客户总体
  "date.notDate": "无法将{got}读作日期（应为 YYYY-MM-DD 或 Excel 日期）",
  "date.notDateAt": "第 {row} 行“{col}”列：无法将{got}读作日期（应为 YYYY-MM-DD 或 Excel 日期）",
  "date.notDateArg": "{arg}：无法将{got}读作日期（应为 YYYY-MM-DD 或 Excel 日期）",
  "date.bareNumber": "{got}是数字，不是日期：小于 10000（1927-05-18 之前）的数字只有在设置为日期格式的列中才读作 Excel 日期；请将日期写成 YYYY-MM-DD",
  "date.bareNumberAt": "第 {row} 行“{col}”列：{got}是数字，不是日期：小于 10000（1927-05-18 之前）的数字只有在设置为日期格式的列中才读作 Excel 日期；请将日期写成 YYYY-MM-DD",
  "date.bareNumberArg": "{arg}：{got}是数字，不是日期：小于 10000（1927-05-18 之前）的数字只有在设置为日期格式的列中才读作 Excel 日期；请将日期写成 YYYY-MM-DD",
  "date.before1900": "{got}早于 1900-01-01，即 Excel 能存储的最早日期；CVA 读取 1900-01-01 至 9999-12-31 之间的日期",
  "date.before1900At": "第 {row} 行“{col}”列：{got}早于 1900-01-01，即 Excel 能存储的最早日期；CVA 读取 1900-01-01 至 9999-12-31 之间的日期",
  "date.before1900Arg": "{arg}：{got}早于 1900-01-01，即 Excel 能存储的最早日期；CVA 读取 1900-01-01 至 9999-12-31 之间的日期",
  "amount.notFiniteRow": "第 {row} 行：金额 {got} 不是有限的数字",
  "amount.sumTooLarge": "客户“{id}”的金额合计超过 1.8e308，即 CVA 能计算的最大数值",
  "values.sumTooLarge": "{arg}：数值合计超过 1.8e308，即 CVA 能计算的最大数值",
  "values.negative": "{arg}中有 {negatives}（第一个为 {got}）：帕累托占比、洛伦兹曲线和基尼系数要求数值不小于 0，即占总量的份额",
  "values.noSpread": "{arg}：全部 {count} 个值都相等（{value}）；金字塔需要有差异的数值",
  "result.notFinite": "计算结果为 {got}，不是有限的数字：输入中的数字过大或过小，无法计算",
  "params.outsideFit": "{arg}：{name} = {got} 超出 CVA 拟合可能给出的范围（1e-8 至 1e8）",
  "rate.negative": "{arg}不能小于 0：负的比率会使将来的钱比现在的钱更值钱；实际为{got}",
  "rate.belowOne": "{arg}是小于 1 的比率（0.1 = 10%）；实际为{got}",
  "rate.belowOneDidYouMean": "{arg}是小于 1 的比率（0.1 = 10%）；实际为{got}。是否应为 {suggest}？",
  "share.range": "{arg}是消费中毛利所占的比例，大于 0 且不超过 1（0.3 = 30%）；实际为{got}",
  "share.rangeDidYouMean": "{arg}是消费中毛利所占的比例，大于 0 且不超过 1（0.3 = 30%）；实际为{got}。是否应为 {suggest}？",
  // 价值模型：警告（分析继续进行；命令行输出到标准错误，任务窗格和报告中显示）
  "warn.noPurchase": "{customers}没有购买，所有行的金额都不大于 0（第一位：“{id}”）；按首行日期计为只购买一次的客户，收入按净额计",
  "warn.rowsAfterEnd": "观察截止日期 {end} 之后的 {rows}未计入",
  "warn.afterToday": "{rows}的日期晚于今天（{today}）：最晚为 {date}",
  "warn.endAfterToday": "观察截止日期 {end} 晚于今天（{today}）；每位客户的观察时长 T 都计算到该日",
  "warn.farOut": "{rows}的日期远离其他数据：{dates}（一半的行位于 {q1} 至 {q3} 之间；“远离”指超出该区间的距离大于区间长度的 3 倍，且至少 {min} 天）",
  "warn.endIsOutlier": "观察截止日期默认取最后一个日期 {end}，即上述日期之一；每位客户的观察时长 T 都计算到该日。请更正该日期或设置观察截止日期",
  "warn.negativeValues": "{customers}的{measure}为负；帕累托占比、洛伦兹曲线和基尼系数将其按 0 计",
  "warn.noSpread": "全部 {count} 位客户的{measure}相同（{value}）：金字塔无法排序，因此不分层",
  "csv.dateBareNumber": "第 {row} 条数据（第 {line} 行），{column} 列：{got} 是数字，不是日期：小于 10000（1927-05-18 之前）的数字只有在设置为日期格式的列中才读作 Excel 日期，而 CSV 文件没有日期格式；请将日期写成 YYYY-MM-DD",
  "csv.dateBefore1900": "第 {row} 条数据（第 {line} 行），{column} 列：{got} 早于 1900-01-01，即 Excel 能存储的最早日期；CVA 读取 1900-01-01 至 9999-12-31 之间的日期",
  "csv.tooLarge": "第 {row} 条数据（第 {line} 行），{column} 列：{got} 超过 1.8e308，即 CVA 能计算的最大数值",
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
  // 命令行：读写的文件、选项和消息（src/cli）
  "cli.error": "cva：{text}",
  "cli.warning": "cva：警告：{text}",
  "cli.note": "cva：提示：{text}",
  "cli.usageHint": "运行 `cva {command} --help` 查看用法。",
  "cli.unknownCommand": "未知命令 {got}",
  "cli.unknownOption": "未知选项 {option}",
  "cli.optionNeedsValue": "选项 {option} 需要一个值",
  "cli.oneFile": "请给出且只给出一个交易文件；实际给出 {count} 个",
  "cli.optionRequired": "缺少选项 {option}",
  "cli.noModel": "无法拟合模型：{note}",
  "cli.notConverged": "拟合没有收敛：{detail}",
  "option.notNumber": "{option} 必须是数字；实际为 {got}",
  "option.notWhole": "{option} 必须是整数；实际为 {got}",
  "option.atLeast": "{option} 不能小于 {min}；实际为 {got}",
  "option.notChoice": "{option} 必须是以下之一：{choices}；实际为 {got}",
  "option.notDate": "{option} 必须是 YYYY-MM-DD 格式的日期；实际为 {got}",
  "option.tiersFormat": "--tiers 需要用逗号分隔的正百分比，例如 1,19,30,50；实际为 {got}",
  "option.tiersSum": "--tiers 之和必须为 100；{got} 之和为 {sum}",
  "option.encoding": "--encoding 必须是文本编码，例如 utf-8、utf-16le、utf-16be、gb18030 或 windows-1252；实际为 {got}",
  "option.endBeforeCalibration": "--end（{end}）必须晚于 --calibration-end（{calibrationEnd}）",
  "option.dataEndsBeforeCalibration": "数据中的最后日期（{end}）必须晚于 --calibration-end（{calibrationEnd}）",
  "option.sameColumn": "{first} 和 {second} 指向同一列 {column}；一列只能有一种用途",
  "option.beforeData": "{option}（{date}）早于数据中的第一个日期（{first}）：没有可分析的交易",
  "file.notFound": "{file}：文件不存在",
  "file.isFolder": "{file} 是文件夹，不是文件",
  "file.unreadable": "无法读取 {file}：{reason}",
  "file.empty": "文件是空的",
  "file.binary": "不是 CSV 文件（二进制内容）",
  "file.workbook": "这是 Excel 工作簿，不是 CSV 文件：请先在 Excel 中另存为“CSV UTF-8”",
  "file.notCsv": "不像 CSV 文件：第一行的列名之间没有逗号、分号或制表符",
  "file.noRows": "文件只有表头，没有数据行",
  "file.encodingUnknown": "无法识别文本编码：文件既不是 UTF-8，也不是 GB18030/GBK 或 Windows-1252；请另存为“CSV UTF-8”，或用 --encoding 指定编码",
  "file.encodingInvalid": "第 {line} 行不是 {encoding} 文本；请用 --encoding 指定文件的编码（utf-8、utf-16le、utf-16be、gb18030、windows-1252）",
  "file.decodedAs": "{file} 不是 UTF-8 编码：已按 {encoding} 读取（可用 --encoding 指定其他编码）",
  "csv.tooManyFields": "第 {line} 行超过 {max} 个字段",
  "csv.unclosedQuote": "第 {line} 行：带引号的字段没有结束引号",
  "csv.fieldCount": "第 {row} 条数据（第 {line} 行）有 {count} 个字段；表头有 {header} 个",
  "csv.emptyId": "第 {row} 条数据（第 {line} 行），{column} 列：客户编号为空",
  "csv.badDate": "第 {row} 条数据（第 {line} 行），{column} 列：无法把 {got} 读作日期（应为 YYYY-MM-DD 或 Excel 日期序号）",
  "csv.badAmount": "第 {row} 条数据（第 {line} 行），{column} 列：无法把 {got} 读作金额",
  "csv.badNumber": "第 {row} 条数据（第 {line} 行），{column} 列：无法把 {got} 读作数字",
  "csv.missingColumn": "缺少{role}列：表头应为 {examples} 等（或用 {option} 指定）；现有的列：{columns}",
  "csv.optionColumnMissing": "{option} 指定的列 {column} 不在表头中；现有的列：{columns}",
  "csv.duplicateHeader": "表头中 {column} 出现了不止一次（第 {columns} 列）；请只保留一个这样的列名",
  "csv.duplicateHeaderUnused": "表头中 {column} 出现了不止一次（第 {columns} 列）；这些列都未使用",
  "csv.repeatedProfile": "{count} 位客户有多条资料行：{ids}；使用最后一行",
  "csv.repeatedProfiles": "{count} 位客户有多条资料行：{ids}；每位客户使用最后一行",
  "warn.profilesWithoutTransactions": "{profiles}在交易中找不到对应的客户，未参与分析：{ids}",
  "out.isInput": "{option} {file} 就是输入文件 {input}；写入会毁掉数据，请换一个文件",
  "out.sameFile": "{first} 和 {second} 指向同一个文件 {file}：请为每个输出指定不同的文件",
  "out.noFolder": "无法写入 {file}：文件夹 {folder} 不存在",
  "out.isFolder": "无法写入 {file}：这是一个文件夹",
  "out.denied": "无法写入 {file}：没有权限",
  "out.failed": "无法写入 {file}：{reason}",
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
  "horizon.tooLong": "终生价值期限不能超过 {max} 个月（{years} 年）；实际为 {got} 个月",
  // 价值模型：核心自身的检查（src/core），参数名由各入口换成用户看到的名称
  "arg.wholeAtLeast": "{arg}必须是不小于 {min} 的整数；实际为{got}",
  "arg.wholeBetween": "{arg}必须是 {min} 到 {max} 之间的整数；实际为{got}",
  "arg.between": "{arg}必须在 {min} 到 {max} 之间；实际为{got}",
  "retention.range": "{arg}必须不小于 0 且小于 1（比例，例如 0.8）；实际为{got}",
  "clv.unbounded": "不设{periodsArg}时，{arg}（{retention}）必须小于 1 + {otherArg}（{limit}），否则价值没有上限；请给出{periodsArg}",
  "ratio.zeroPrice": "{arg}不能为 0：价值比等于感知质量除以价格",
  "data.lengthMismatch": "{arg}有 {count} 个值，而{otherArg}有 {otherCount} 个：每位客户在两者中各有一个值",
  "data.noCustomers": "没有客户：至少需要一位",
  "data.notWholeAt": "第 {row} 行：{arg}必须是不小于 0 的整数；实际为{got}",
  "bgbb.inconsistentAt": "第 {row} 行：购买频次 {x}、最近购买时间 {recency} 与期数 {periods} 互相矛盾：应满足 购买频次 ≤ 最近购买时间 ≤ 期数，且仅当购买频次为 0 时最近购买时间为 0",
  "fit.noCustomerWeight": "{model}：权重之和为 0，没有可拟合的客户",
  "fit.nobodyRepeats": "无法拟合 {model}：没有客户重复购买（购买频次全为 0）",
  "fit.sameHistory": "无法拟合 {model}：所有客户的购买历史都相同；至少需要两种不同的购买历史",
  "spend.notPositiveAt": "第 {row} 行：有重复购买的客户，{arg}必须大于 0；实际为{got}：消费模型（Gamma-Gamma）需要正的消费金额（请排除这些客户或冲抵退货）",
  "spend.tooFewBuyers": "消费模型（Gamma-Gamma）至少需要两位有重复购买且平均消费大于 0 的客户；实际只有 {count} 位",
  "spend.sameHistory": "无法拟合消费模型（Gamma-Gamma）：所有有重复购买的客户的购买频次和平均消费都相同",
  "spend.infiniteMean": "拟合的消费模型对购买频次 {x} 给不出有限的平均消费（q = {q}：p × 购买频次 + q 必须大于 1）",
  "spend.qAtMostOne": "消费模型（Gamma-Gamma）的 q = {q}，不大于 1：其平均消费为无穷大",
  "model.noSpend": "计算终生价值需要每位客户的预期消费：请给出拟合的消费模型（Gamma-Gamma）参数或各客户的预期消费",
  "model.notFitted": "无法拟合模型：{reason}",
  "predictor.length": "终生价值模型为 {customers} 位客户返回了 {values}{name}；应每位客户一个",
  "predictor.notFinite": "终生价值模型为第 {row} 位客户返回的{name}为 {got}，不是有限的数字",
  "measure.clvUnavailable": "{arg}为 clv 时需要终生价值（来自拟合的模型或 CLV 列），但两者都没有：请改用 margin 或 revenue",
  "measure.marginUnavailable": "{arg}为 margin 时需要成本列或毛利列",
  "holdout.endBeforeCalibration": "验证期结束日（{end}）必须晚于校准期结束日（{calibrationEnd}）",
  "columns.notInHeader": "为{role}指定的列 {column} 不在表头中；现有的列：{columns}",
  "columns.missing": "缺少{role}列：表头应为 {examples} 等；现有的列：{columns}",
  "loyalty.lengthMismatch": "指标“{indicator}”有 {count} 个值，而客户有 {customers} 位",
  "loyalty.weight": "“{indicator}”的权重必须是不小于 0 的数字；实际为{got}",
  "shares.none": "{arg}：至少给出一个比例",
  "shares.notPositive": "{arg}必须是正数；实际为{got}",
  "shares.sum": "{arg}之和必须为 1（100%）；实际之和为 {sum}",
  "rfm.scores": "RFM 得分必须是 1 到 5 之间的整数；实际为 R {r}、F {f}",
  "volumes.negative": "{arg}：第 {period} 期为 {got}；各期购买量必须是不小于 0 的数字",
  "tx.none": "没有交易",
  "tx.noneBeforeEnd": "观察截止日期 {end} 当天及之前没有交易",
  "tx.emptyIdAt": "第 {row} 行：客户编号为空",
  "tx.notNumberAt": "第 {row} 行：{column}为{got}，不是有限的数字",
  // 自定义函数：未收敛的拟合（拟合自身给出的原因）
  "fn.fitStopped": "{model} 未收敛，因此不返回参数：{detail}",
  "fn.fitTimeLimit": "{model} 在 {iterations} 次迭代后达到函数允许的 {seconds} 秒时间上限而停止，尚未收敛，因此不返回参数：数据可能无法识别该模型（例如没有客户流失）；cva fit 可以运行更长时间（--time-limit）",
};

export const ERROR_TEXTS: { readonly [L in Lang]: Readonly<Record<ErrorKey, string>> } = { "en-US": enUS, "zh-CN": zhCN };

/**
 * Argument and option names as the user sees them, per language. The key is the name the
 * English message shows (the custom function's parameter name, the CLI option); a name not
 * listed is shown as it is in both languages.
 */
export const ARGUMENT_NAMES: { readonly [L in Lang]: Readonly<Record<string, string>> } = {
  "en-US": {
    // The core's names for settings that each surface names its own way; an edge that knows the
    // user's name for one (a function's argument, a CLI option) renames it (renameArguments).
    horizonMonths: "the CLV horizon in months",
    margin_share: "the margin share",
    periodsPerMonth: "the periods per month",
    periodCount: "the number of life cycle periods",
    periodDays: "the days per life cycle period",
    holdoutLength: "the holdout length",
    holdoutPurchases: "the holdout purchases",
    shares: "the tier shares",
    valueMeasure: "the value measure",
    maxIterations: "the iteration limit",
    timeLimitMs: "the time limit in milliseconds",
    bins: "the number of score bins",
  },
  "zh-CN": {
    margin: "毛利",
    retention: "留存率",
    discount: "贴现率",
    periods: "期数",
    acquisition_cost: "获客成本",
    value: "价值",
    values: "客户价值",
    cutoffs: "分层比例",
    labels: "标签",
    top_share: "头部客户比例",
    points: "点数",
    frequency: "购买频次",
    recency: "最近购买时间",
    T: "观察时长 T",
    monetary: "平均消费",
    t: "预测期 t",
    months: "月数",
    monthly_discount: "月贴现率",
    unit: "时间单位",
    lang: "语言",
    // value model (src/core/clv/lifetime.ts)
    margin_share: "毛利占比",
    // Parameters of the custom functions (src/functions)
    ids: "客户编号",
    dates: "交易日期",
    amounts: "交易金额",
    end: "观察期结束日",
    recencies: "全体最近购买时间",
    frequencies: "全体购买频次",
    monetaries: "全体消费金额",
    params: "模型参数",
    bg_params: "购买模型参数",
    gg_params: "消费模型参数",
    volumes: "各期购买量",
    p_alive: "存活概率",
    tier: "客户层级",
    stage: "生命周期阶段",
    tenure_days: "客户天数",
    indicators: "忠诚度指标",
    weights: "权重",
    costs: "成本",
    quality: "感知质量",
    price: "价格",
    // The core's own names (see en-US)
    horizonMonths: "终生价值期限（月）",
    periodsPerMonth: "每月期数",
    periodCount: "生命周期期数",
    periodDays: "生命周期每期天数",
    holdoutLength: "验证期长度",
    holdoutPurchases: "验证期购买次数",
    shares: "分层比例",
    valueMeasure: "价值度量",
    maxIterations: "迭代次数上限",
    timeLimitMs: "时间上限（毫秒）",
    penalizer: "惩罚系数",
    bins: "得分档数",
    model: "模型",
    n: "购买次数",
    product: "产品价值",
    service: "服务价值",
    personnel: "人员价值",
    image: "形象价值",
    money: "货币成本",
    time: "时间成本",
    energy: "精力成本",
    physical: "体力成本",
    sensory: "感官成本",
  },
};

/**
 * A value the user gave, described in their language: a blank cell, a text, a logical value or
 * an Excel error ("the text "abc"" / "文本"abc""). Numbers are given as plain numbers.
 */
export interface GivenValue {
  readonly given: "blank" | "text" | "logical" | "error" | "dataType";
  readonly value?: string;
}

/** A phrase in both languages, e.g. an argument's hint; rendered in the message's language. */
export type LocalText = { readonly [L in Lang]: string };

/** Parameters of a message: numbers, language-neutral text (quoted values, file names), a {@link GivenValue} or a {@link LocalText}. */
export type ErrorParams = Readonly<Record<string, string | number | GivenValue | LocalText>>;

const GIVEN: { readonly [L in Lang]: Readonly<Record<GivenValue["given"], string>> } = {
  "en-US": { blank: "a blank cell", text: 'the text "{v}"', logical: "the logical value {v}", error: "the error {v}", dataType: 'the data type "{v}"' },
  "zh-CN": { blank: "空单元格", text: "文本“{v}”", logical: "逻辑值 {v}", error: "错误值 {v}", dataType: "数据类型“{v}”" },
};

/**
 * Describes a raw cell value as a {@link GivenValue} or a number, for a message parameter. Rich
 * values as a custom function receives them: an ErrorCellValue ({ type: "Error", basicValue:
 * "#N/A" }) or a CustomFunctions.Error ({ code: "#N/A" }) is an error; a formatted number is its
 * number; another data type (an entity, a linked data type) is named by its text.
 */
export function given(value: unknown): number | GivenValue {
  if (value === undefined || value === null || value === "") return { given: "blank" };
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return { given: "logical", value: value ? "TRUE" : "FALSE" };
  if (typeof value === "string") return { given: "text", value };
  const rich = value as { type?: unknown; errorCode?: unknown; code?: unknown; basicValue?: unknown; text?: unknown };
  if (typeof value === "object") {
    if (rich.type === "Error") return { given: "error", value: String(rich.basicValue ?? rich.errorCode ?? "#VALUE!") };
    if (typeof rich.code === "string" && rich.code.startsWith("#")) return { given: "error", value: rich.code };
    if (typeof rich.errorCode === "string") return { given: "error", value: rich.errorCode };
    if (typeof rich.type === "string") {
      if (typeof rich.basicValue === "number" && (rich.type === "Double" || rich.type === "FormattedNumber")) return rich.basicValue;
      return { given: "dataType", value: String(rich.text ?? rich.basicValue ?? rich.type) };
    }
  }
  return { given: "text", value: String(value) };
}

/**
 * The text of an error key in a language, placeholders filled.
 * @example errorText("zh-CN", "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 }) // "留存率必须小于 1；实际为1.2"
 * @example errorText("en-US", "arg.notNumber", { arg: "margin", got: given("abc") }) // 'margin must be a number; got the text "abc"' 
 */
export function errorText(lang: Lang, key: ErrorKey, params: ErrorParams = {}): string {
  const names = ARGUMENT_NAMES[lang];
  return ERROR_TEXTS[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in params)) return m;
    const p = params[name];
    if (typeof p === "object") return "given" in p ? GIVEN[lang][p.given].replace("{v}", p.value ?? "") : p[lang];
    const v = String(p);
    return (name === "arg" || name.endsWith("Arg")) && v in names ? names[v] : v;
  });
}
