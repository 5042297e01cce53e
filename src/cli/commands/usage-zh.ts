/**
 * The `--help` texts of the commands in Chinese (`--lang zh-CN`, or a Chinese locale); the English
 * ones are each command's `usage`. Option names, values and file names stay as typed; the test
 * test/cli/usage.test.ts checks that both languages list the same options.
 */
// Stryker disable StringLiteral: wording of the help texts; that both languages list the same options is checked by the usage test
import type { Lang } from "../../core";

export const USAGE_ZH = {
  summary: `用法：cva summary <交易文件.csv> [选项]

按客户汇总（frequency 购买频次、recency 最近购买时间、T 客户年龄、monetary 平均金额、revenue 收入、first、last、orders），输出 CSV。

选项：
  --unit days|weeks|months   recency 与 T 的时间单位（默认 weeks；一个月按 365.25/12 天）
  --end YYYY-MM-DD           观察截止日（默认：数据中的最后日期）；之后的行不计入
  --period day|week|month    一次购买的单位：有购买的一天（默认）、一周（周一至周日）或一个自然月；
                             recency 与 T 随之按整期计（week 即 lifetimes 的 freq='W'；docs/engines.md §2）
  --id COL --date COL --amount COL --cost COL --margin COL --quantity COL
                             要使用的列名（默认：按表头匹配，中英文均可）
  --encoding NAME            文件的文本编码：utf-8、utf-16le、utf-16be、gb18030、windows-1252
                             （默认 auto：自动识别，见 docs/inputs.md §7）
  --out FILE                 把 CSV 写入 FILE，而不是标准输出
  --engine memory|duckdb     memory（默认）：把文件读入 Node，与任务窗格相同；duckdb：由 DuckDB 就地读取 CSV
                             （也可为 .csv.gz）或 .parquet 文件，--out 写为 CSV，文件名为 .parquet 时写为 Parquet
                             （docs/engines.md §1）
                             .parquet 或 .gz 文件只有 duckdb 能读取，默认即用 duckdb
  --threads N                duckdb：DuckDB 可用的线程数
  --memory-limit SIZE        duckdb：DuckDB 的内存上限（如 3GB），超出时写入磁盘
  --lang en-US|zh-CN         提示信息的语言（默认：取自 LC_ALL/LC_MESSAGES/LANG）
  -h, --help                 显示本帮助`,

  analyze: `用法：cva analyze <交易文件.csv> [选项]

客户价值分析：每位客户的金字塔层级、RFM、生命周期阶段、退出模式、关系层级、忠诚度与让渡价值，以及管理报告。

选项：
  --profiles FILE            客户资料 CSV（评分、投诉、clv 等），按客户编号合并
  --out FILE                 每位客户的结果 CSV（默认：标准输出）；文件名以 .parquet 结尾时写为 Parquet
  --report FILE              JSON 格式的报告（层级、阶段、帕累托占比、洛伦兹曲线、基尼系数等）
  --lang en-US|zh-CN         标签、策略文字与提示信息的语言（默认：LC_ALL、LC_MESSAGES 或 LANG
                             以 zh 开头时为 zh-CN，否则为 en-US）
  --unit days|weeks|months   recency 与 T 的时间单位（默认 weeks）
  --end YYYY-MM-DD           观察截止日（默认：数据中的最后日期）
  --value auto|clv|margin|revenue
                             金字塔的价值度量（默认 auto：模型能拟合时用其 CLV，否则有成本时用毛利，
                             否则用收入）
  --model NAME               生命周期模型（客单价用 Gamma-Gamma）：auto（默认：拟合 BG/NBD、MBG/NBD
                             与 Pareto/NBD 并选出一个，见 docs/models/choice.md）、bgnbd、mbgnbd、
                             paretonbd，或 none（不用模型）；btyd 是 auto 的旧名
  --horizon-months N         CLV 期限（月，默认 12）
  --discount D               CLV 的月贴现率（默认 0.01）
  --margin-share M           计算 CLV 时消费额中毛利所占比例（默认 1）
  --min-customers N          拟合模型所需的最少客户数（默认 10）
  --penalizer X              每次拟合对参数的 L2 惩罚，≥ 0（默认 0），同 cva fit
  --time-limit S             每次模型拟合最多 S 秒，到时取当前最佳估计（默认 60）
  --progress                 在标准错误上显示进度（默认：在终端上运行超过 2 秒时显示）
  --tiers 1,19,30,50         各层级的客户占比（百分比，从高到低；默认 1,19,30,50）
  --labels standard|metal    层级标签（默认 standard；metal = 白金/黄金/铁/铅）
  --id COL --date COL --amount COL --cost COL --margin COL --quantity COL
                             要使用的列名（默认：按表头匹配，中英文均可）
  --encoding NAME            文件的文本编码：utf-8、utf-16le、utf-16be、gb18030、windows-1252
                             （默认 auto：自动识别，见 docs/inputs.md §7）
  --engine memory|duckdb     memory（默认）：把文件读入 Node，与任务窗格相同；duckdb：由 DuckDB 读取 CSV
                             （任意大小，也可为 .csv.gz）或 .parquet 文件并计算每位客户的数据；结果与报告
                             相同（docs/engines.md §8）
                             .parquet 或 .gz 文件只有 duckdb 能读取，默认即用 duckdb
  --threads N                duckdb：DuckDB 可用的线程数
  --memory-limit SIZE        duckdb：DuckDB 的内存上限（如 3GB），超出时写入磁盘
  -h, --help                 显示本帮助`,

  fit: `用法：cva fit <文件.csv> [--model bgnbd|mbgnbd|paretonbd|auto|bgbb|gammagamma] [选项]

对交易的按客户汇总拟合概率型客户群模型。文件可以是交易记录，也可以是汇总表（frequency、recency、T 列，
monetary_value 与 weight 列可选，即 cva summary 或 lifetimes 写出的格式），按列名识别。参数：r、alpha、a、b（BG/NBD、MBG/NBD）；r、alpha、s、beta
（Pareto/NBD）；p、q、v（Gamma-Gamma，在平均金额为正的重复购买客户上拟合）；alpha、beta、gamma、delta
（BG/BB）。计数模型的 alpha 与 beta 以时间单位计。

选项：
  --model NAME               bgnbd（默认）、mbgnbd、paretonbd、gammagamma，
                             auto：拟合 BG/NBD、MBG/NBD 与 Pareto/NBD，比较它们（对数似然、AIC、BIC、
                               验证期误差）并选出一个（docs/models/choice.md），
                             bgbb：每期一次购买机会的 BG/BB（每年捐款、年度续费），数据为交易或汇总表
                               （--summary；docs/models/bgbb.md）
  --unit UNIT                recency 与 T 的时间单位：days、weeks（默认）或 months；
                             bgbb 时为购买机会的周期：days、weeks、months、quarters 或 years（默认 years）
  --end YYYY-MM-DD           观察截止日（默认：数据中的最后日期）
  --period day|week|month    一次购买的单位：有购买的一天（默认）、一周（周一至周日）或一个自然月；
                             recency 与 T 随之按整期计（week 即 lifetimes 的 freq='W'；docs/engines.md §2）
  --calibration-end YYYY-MM-DD
                             仅用于 auto：用截至这一天的购买拟合，并比较各模型对此后（到 --end）每位客户
                             重复购买次数的预测
  --summary                  仅用于 bgbb：文件是汇总表，列为 frequency、recency、periods，weights 可选
                             （如 data/cdnow/donations.csv）
  --penalizer X              参数的 L2 惩罚（默认 0）
  --time-limit S             拟合最多 S 秒，到时取当前最佳估计（默认 60）
  --progress                 在标准错误上显示进度（默认：在终端上运行超过 2 秒时显示）
  --id COL --date COL --amount COL   要使用的列名（默认：按表头匹配）
  --encoding NAME            文件的文本编码（默认 auto：自动识别，见 docs/inputs.md §7）
  --engine memory|duckdb     memory（默认）：把文件读入 Node；duckdb：由 DuckDB 就地汇总 CSV（也可为 .csv.gz）
                             或 .parquet 文件，模型在各不相同的购买历史及其客户数上拟合（docs/engines.md §1）
                             .parquet 或 .gz 文件只有 duckdb 能读取，默认即用 duckdb
  --threads N                duckdb：DuckDB 可用的线程数
  --memory-limit SIZE        duckdb：DuckDB 的内存上限（如 3GB），超出时写入磁盘
  --lang en-US|zh-CN         提示信息的语言（默认：取自 LC_ALL/LC_MESSAGES/LANG）
  --json                     以 JSON 输出结果，含标准误（"se"）、95% 置信区间（"ci95"）
                             和协方差矩阵（auto 时另含各模型的 "comparison"）
  -h, --help                 显示本帮助`,

  predict: `用法：cva predict <交易文件.csv> [选项]
      cva predict --histories FILE [--spend FILE] [选项]

每位客户的存活概率、期限内预期重复购买次数、每次购买的预期金额与终生价值（计数模型 + Gamma-Gamma），输出 CSV。
文件可以是交易记录，也可以是汇总表（frequency、recency、T 列，monetary_value、weight 与 customer_id 列可选，
即 cva summary 或 lifetimes 写出的格式；有 weight 时每行是这么多位客户共有的历史），按列名识别。

选项：
  --model NAME               auto（默认：拟合 BG/NBD、MBG/NBD 与 Pareto/NBD 并选出一个，见
                             docs/models/choice.md）、bgnbd、mbgnbd 或 paretonbd
  --horizon-months N         期限（月，默认 12）
  --discount D               月贴现率（默认 0.01）
  --margin M                 消费额中毛利所占比例（默认 1）
  --penalizer X              每次拟合对参数的 L2 惩罚，≥ 0（默认 0），同 cva fit
  --intervals L              再加上各客户存活概率、预期购买次数与终生价值的 L 置信区间（例如 0.9），
                             并在标准错误上给出客户资产及其区间（仅反映参数的不确定性，
                             见 docs/models/uncertainty.md §8）
  --unit days|weeks|months   汇总的时间单位（默认 weeks）
  --end YYYY-MM-DD           观察截止日（默认：数据中的最后日期）
  --period day|week|month    一次购买的单位：有购买的一天（默认）、一周（周一至周日）或一个自然月；
                             recency 与 T 随之按整期计（week 即 lifetimes 的 freq='W'；docs/engines.md §2）
  --id COL --date COL --amount COL   要使用的列名（默认：按表头匹配）
  --encoding NAME            文件的文本编码（默认 auto：自动识别，见 docs/inputs.md §7）
  --out FILE                 把 CSV 写入 FILE，而不是标准输出
  --histories FILE           改为给数据仓库中各不相同的购买历史评分（CSV 或 .parquet；frequency、recency、T 列及
                             weight 或 count 列，即 cva sql --histories 的输出，--unit 须与之相同；monetary 列可选）：
                             每行历史一行评分——p_alive、
                             expected_purchases、clv_per_spend，以及预期金额 spend_intercept + spend_slope × 该客户的
                             平均金额——由 cva sql --join-scores 联接回每位客户（docs/engines.md §7）
  --spend FILE               与 --histories 同用：回头客各不相同的 frequency、monetary 及 weight，用于拟合
                             Gamma-Gamma（历史表没有 monetary 列时必需）
  --engine memory|duckdb     memory（默认）：把文件读入 Node；duckdb：由 DuckDB 就地汇总 CSV（也可为 .csv.gz）
                             或 .parquet 文件，模型在各不相同的购买历史上拟合，评分在 DuckDB 中联接回每位客户，
                             写为 CSV，--out 文件名为 .parquet 时写为 Parquet（docs/engines.md §1）
                             .parquet 或 .gz 文件只有 duckdb 能读取，默认即用 duckdb
  --threads N                duckdb：DuckDB 可用的线程数
  --memory-limit SIZE        duckdb：DuckDB 的内存上限（如 3GB），超出时写入磁盘
  --time-limit S             每次模型拟合最多 S 秒，到时取当前最佳估计（默认 60）
  --progress                 在标准错误上显示进度（默认：在终端上运行超过 2 秒时显示）
  --lang en-US|zh-CN         提示信息的语言（默认：取自 LC_ALL/LC_MESSAGES/LANG）
  -h, --help                 显示本帮助`,

  forecast: `用法：cva forecast <交易文件.csv> [选项]

整个客户群的预测：现有客户在未来每一期的预期重复购买次数、收入与折现毛利及其合计，以及一位新客户在同样
期限内的价值（给出获客成本时：CLV:CAC 与回本期）。计数模型（auto：在 BG/NBD、MBG/NBD 与 Pareto/NBD
中选出）与 Gamma-Gamma 客单价模型在交易上拟合。

选项：
  --model NAME               auto（默认）、bgnbd、mbgnbd 或 paretonbd（docs/models/choice.md）
  --periods N                预测的期数（默认 52，最多 1200）
  --period NAME              每期的长度：days、weeks（默认）、months、quarters 或 years
  --discount D               每期的贴现率，0 ≤ D < 1（默认 0）
  --margin M                 消费额中毛利所占比例，0 < M ≤ 1（默认 1）
  --acquisition-cost C       获得一位客户的成本：新客户的 CLV:CAC 与回本期
  --penalizer X              每次拟合对参数的 L2 惩罚，≥ 0（默认 0），同 cva fit
  --intervals L              再加上每一期与各项合计的 L 预测区间（例如 0.9）：客户实际会购买多少，由拟合参数
                             抽样 200 次、每次模拟每位客户的购买与消费额、随机种子 1 得出（docs/models/forecast.md §6）；
                             各期预测增加 transactions_low、transactions_high、revenue_low、revenue_high、
                             discounted_low、discounted_high 列（JSON 的各行：transactionsLow …，
                             以及含合计上下限的 "intervals"）
  --unit days|weeks|months   模型拟合的时间单位（默认 weeks）
  --end YYYY-MM-DD           观察截止日，即预测的起点（默认：数据中的最后日期）
  --out FILE                 把各期预测以 CSV 写入 FILE（period,end_date,transactions,revenue,discounted）
  --json                     以 JSON 输出预测
  --time-limit S             每次模型拟合最多 S 秒，到时取当前最佳估计（默认 60）
  --progress                 在标准错误上显示进度（默认：在终端上运行超过 2 秒时显示）
  --id COL --date COL --amount COL   要使用的列名（默认：按表头匹配）
  --encoding NAME            文件的文本编码（默认 auto：自动识别，见 docs/inputs.md §7）
  --lang en-US|zh-CN         提示信息的语言（默认：取自 LC_ALL/LC_MESSAGES/LANG）
  -h, --help                 显示本帮助`,

  validate: `用法：cva validate <交易文件.csv> --calibration-end YYYY-MM-DD [选项]

BG/NBD 的校准期/验证期检验：用截至校准期末的购买拟合，再按校准期购买频次（0…7+）比较验证期内预测与实际的
重复购买次数，并给出累计跟踪序列。

选项：
  --calibration-end DATE     校准期的最后一天（必填）
  --end DATE                 验证期的最后一天（默认：数据中的最后日期）
  --unit days|weeks|months   时间单位（默认 weeks；也是跟踪序列的步长）
  --id COL --date COL --amount COL   要使用的列名（默认：按表头匹配）
  --encoding NAME            文件的文本编码（默认 auto：自动识别，见 docs/inputs.md §7）
  --lang en-US|zh-CN         提示信息的语言（默认：取自 LC_ALL/LC_MESSAGES/LANG）
  --json                     以 JSON 输出结果
  -h, --help                 显示本帮助`,

  sql: `用法：cva sql [选项]

把按客户的汇总（customer_id、frequency、recency、T、monetary、revenue、first、last、orders，与 cva summary 相同）
输出为一条针对交易表的 SQL 查询，在存放数据的数据库中运行。表的日期列为 DATE 或 TIMESTAMP（或 ISO 文本），
金额列为数值；缺少日期或金额的行不计入。

选项：
  --dialect NAME             SQL 所属的引擎：duckdb（默认）、postgres、spark、bigquery 或 snowflake。
                             duckdb 与 postgres 的文本在测试中于样例数据上实际运行，逐行等于 cva summary；
                             spark、bigquery 与 snowflake 只经其语法的解析器检查（docs/engines.md §6）
  --table NAME               交易表，可写作 schema.table（默认 transactions）；名称的每一部分都加引号
  --id COL --date COL --amount COL   表中的列（默认 customer_id、date、amount）
  --unit days|weeks|months   recency 与 T 的时间单位（默认 weeks；一个月按 365.25/12 天）
  --period day|week|month    一次购买的单位：有购买的一天（默认）、一周（周一至周日）或一个自然月
                             （docs/engines.md §2）
  --end YYYY-MM-DD           观察截止日（默认：表中的最后日期）；之后的行不计入
  --histories                改为输出各不相同的 (frequency, recency, T) 购买历史及其客户数（weight 列）：
                             即 cva fit 与 cva predict --histories 读取的文件
  --spend-pairs              改为在按客户的汇总表（--table，默认 summary：本命令的汇总存成的表）上输出
                             回头客各不相同的 (frequency, monetary) 及其人数：cva predict --histories 的 --spend 文件
  --join-scores              改为输出联接查询：把 cva predict --histories 的评分（载入为表）联接到汇总表
                             （--table，默认 summary）的每位客户，给出 p_alive、expected_purchases、
                             expected_value 与 clv（docs/engines.md §7）
  --scores NAME              该评分表（默认 cva_scores）
  --lang en-US|zh-CN         提示信息的语言（默认：取自 LC_ALL/LC_MESSAGES/LANG）
  -h, --help                 显示本帮助`,

  compare: `用法：cva compare <较早的结果.csv> <较新的结果.csv> [选项]

金字塔的变化：比较 cva analyze --out 写出的两个结果文件（较早的在前），给出层级迁移矩阵（从每一层到每一层的
客户数，以及这些客户在较新文件中的价值）、从最高两层下降的客户、新客户、消失的客户和新近流失的客户，
每位客户附有其层级与阶段的策略（docs/migration.md）。

选项：
  --json                     以 JSON 输出：“migration” [{from, to, customers, value}]、“new” 与 “gone”
                             （客户编号）、“movedDown”、“churned”、“newCustomers”
  --tiers 1,19,30,50         两次分析所用的各层级客户占比（百分比，从高到低；默认 1,19,30,50）：
                             据此确定哪些层级是关键、普通和小客户，以给出策略
  --encoding NAME            文件的文本编码（默认 auto：自动识别，见 docs/inputs.md §7）
  --lang en-US|zh-CN         标签、策略文字与提示信息的语言（默认：LC_ALL、LC_MESSAGES 或 LANG
                             以 zh 开头时为 zh-CN，否则为 en-US）
  -h, --help                 显示本帮助`,
} as const;
// Stryker restore StringLiteral

/** The help text of a command in `lang`: `english` (the command's `usage`) or its Chinese text. */
export function helpText(command: keyof typeof USAGE_ZH, english: string, lang: Lang): string {
  return lang === "zh-CN" ? USAGE_ZH[command] : english;
}
