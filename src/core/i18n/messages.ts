/**
 * Every label and strategy text the user sees, in en-US and zh-CN (the glossary of both is
 * docs/README.md §4).
 *
 * The English table defines the keys; the Chinese table is typed `Record<MessageKey, string>`,
 * so a key missing from either language (or a stray extra key) does not compile.
 * Strategy texts: docs/pyramid.md §7 (pyramid) and docs/lifecycle.md §6 (life cycle).
 */
import { CvaError, ErrorCodes } from "../errors";
import * as choiceTexts from "./message-texts/choice";
import * as checksTexts from "./message-texts/checks";
import * as forecastTexts from "./message-texts/forecast";
import * as surfacesTexts from "./message-texts/surfaces";
import * as intervalsTexts from "./message-texts/intervals";
import * as migrationTexts from "./message-texts/migration";

export type Lang = "en-US" | "zh-CN";
export const LANGS: readonly Lang[] = ["en-US", "zh-CN"];

// Stryker disable StringLiteral: wording of the labels and strategies, not the model; that every key has both languages is checked by the types below, the wording by the label tests
const enUS = {
  // §4 pyramid, standard label set
  "tier.standard.1": "Key – top",
  "tier.standard.2": "Key",
  "tier.standard.3": "Regular",
  "tier.standard.4": "Small",
  // §4 alternative label set
  "tier.metal.1": "Platinum",
  "tier.metal.2": "Gold",
  "tier.metal.3": "Iron",
  "tier.metal.4": "Lead",
  "tier.generic": "Tier {n}",
  "tier.keyCustomers": "Key customers",
  // a population with no spread (docs/pyramid.md §11)
  "tier.none": "No tier",
  "pyramid.title": "Customer pyramid",
  "pareto.title": "Pareto check",
  // §4 strategies
  "strategy.tier.key":
    "Concentrate the best resources: dedicated account team, planned visits, fast complaint handling, recognition rather than discounts.",
  "strategy.tier.regular.up": "Upgrade potential: develop toward the key tiers.",
  "strategy.tier.regular.noUp": "No upgrade potential: reduce the cost to serve.",
  "strategy.tier.regular":
    "Develop customers with upgrade potential toward the key tiers; reduce the cost to serve the others.",
  "strategy.tier.small.up": "Upgrade potential: develop toward the regular tier.",
  "strategy.tier.small.noUp": "No upgrade potential: raise the price of service or lower its cost.",
  "strategy.tier.small":
    "Develop customers with upgrade potential toward the regular tier; for the others raise the price of service or lower its cost.",
  "strategy.winBack": "Lost customer of value: win back.",
  "strategy.tier.none": "No tier: every customer has the same value, so the pyramid cannot rank them; rank by another measure or check the data.",
  // §6 life cycle
  "stage.exploration": "Exploration",
  "stage.formation": "Formation",
  "stage.stability": "Stability",
  "stage.decline": "Decline",
  "stage.churned": "Churned",
  "strategy.stage.exploration": "Win the trial: lowest price or best quality.",
  "strategy.stage.formation": "Satisfaction and loyalty programmes.",
  "strategy.stage.stability": "Satisfaction and loyalty programmes.",
  "strategy.stage.decline": "Complaint recovery, raise switching barriers, win back.",
  "strategy.stage.churned": "Win back customers of value; spend nothing more on the others.",
  "exit.A": "A: Early abortive",
  "exit.B": "B: Mid-way",
  "exit.C": "C: Early exit",
  "exit.D": "D: Long kept",
  // §7 relationship level
  "level.1": "Casual buyer",
  "level.2": "Customer",
  "level.3": "Client",
  "level.4": "Partner",
  // §8 loyalty
  "loyalty.loyal": "Loyal",
  "loyalty.satisfied": "Satisfied",
  "loyalty.atRisk": "Wavering",
  "loyalty.defecting": "Defecting",
  "indicator.repeatRate": "Repeat rate",
  "indicator.purchaseAmount": "Purchase amount",
  "indicator.complaintRate": "Complaint rate",
  "indicator.priceSensitivity": "Price sensitivity",
  "indicator.reputation": "Reputation",
  "indicator.designation": "Brand designation",
  "indicator.pAlive": "P(alive)",
  "loyalty.iceberg": "Complaint iceberg: {complaints} complaints stand for about {dissatisfied} dissatisfied customers.",
  "loyalty.wordOfMouth": "Word of mouth: satisfied customers tell about {positive} people; dissatisfied ones about {negativeLow}–{negativeHigh}.",
  // §9 RFM
  "rfm.champions": "Champions",
  "rfm.loyal": "Loyal",
  "rfm.potentialLoyalist": "Potential loyalist",
  "rfm.new": "New",
  "rfm.promising": "Promising",
  "rfm.needAttention": "Need attention",
  "rfm.aboutToSleep": "About to sleep",
  "rfm.atRisk": "Slipping away",
  "rfm.cannotLose": "Cannot lose",
  "rfm.hibernating": "Hibernating",
  "rfm.lost": "Lost",
  // §3 delivered value
  "value.totalValue": "Total customer value",
  "value.totalCost": "Total customer cost",
  "value.delivered": "Customer delivered value",
  "value.ratio": "Value ratio",
  // value measures
  "measure.clv": "Lifetime value",
  "measure.margin": "Margin",
  "measure.revenue": "Revenue",
  // §5 the lifetime model of analyze
  "model.fitted": "BG/NBD on {n} customers: r {r}, alpha {alpha}, a {a}, b {b}",
  "model.spend": "Gamma-Gamma on {n} repeat buyers: p {p}, q {q}, v {v}",
  "model.spendExcluded": "{n} repeat buyers with spend ≤ 0 left out of the spend fit",
  "model.spendFallback": "Gamma-Gamma not used ({detail}); expected spend is each customer's mean repeat spend",
  "model.horizon": "CLV over {months} months at {discount}% a month discount, margin share {margin}%, times in {unit}",
  "model.notConverged": "warning: {model} did not converge ({detail})",
  "model.weak": "note: {model} {detail}",
  "model.fallback": "Lifetime value not computed: {reason}. The pyramid ranks by {measure} instead.",
  "model.fallback.tooFewCustomers": "{n} customers, and the {model} model needs at least {min}",
  "model.fallback.tooFewCustomers.auto": "{n} customers, and the lifetime models need at least {min}",
  "model.fallback.nobodyRepeats": "nobody bought on more than one day, so the purchase rate cannot be estimated",
  "model.fallback.sameHistory": "every customer has the same purchase history",
  "model.fallback.degenerate": "the {model} model cannot be fitted to these customers ({detail})",
  "model.fallback.degenerate.auto": "the lifetime models cannot be fitted to these customers ({detail})",
  "unit.days": "days",
  "unit.weeks": "weeks",
  "unit.months": "months",
  // Progress of long command-line runs (src/cli/progress.ts; docs/output.md §8)
  "progress.fit": "fitting {model}: iteration {iterations} ({seconds} s)",
  "progress.score": "scoring customers: {done} of {total} ({seconds} s)",
  // The text reports of cva fit and cva validate (the --json forms are language-neutral)
  "report.fit": "{model} on {customers} customers (unit: {unit}): {params}",
  "report.fitStatus": "log-likelihood {ll}, {iterations} iterations, {status}, {ms} ms",
  "report.converged": "converged",
  "report.notConverged": "NOT converged",
  "report.validateFit": "BG/NBD on {customers} customers (calibration to {calibrationEnd}, unit: {unit}): r {r}, alpha {alpha}, a {a}, b {b}{status}",
  "report.validateNotConverged": " (NOT converged)",
  "report.holdout": "holdout {length} {unit}: actual {actual} repeat purchases, predicted {predicted}",
  // The lifetime models' choice, checks, forecast and their surfaces: one part each (./message-texts/)
  ...choiceTexts.enUS,
  ...checksTexts.enUS,
  ...forecastTexts.enUS,
  ...surfacesTexts.enUS,
  ...intervalsTexts.enUS,
  ...migrationTexts.enUS,
} as const;

export type MessageKey = keyof typeof enUS;

const zhCN: Record<MessageKey, string> = {
  ...choiceTexts.zhCN,
  ...checksTexts.zhCN,
  ...forecastTexts.zhCN,
  ...surfacesTexts.zhCN,
  ...intervalsTexts.zhCN,
  ...migrationTexts.zhCN,
  "tier.standard.1": "关键客户（顶层）",
  "tier.standard.2": "关键客户",
  "tier.standard.3": "普通客户",
  "tier.standard.4": "小客户",
  "tier.metal.1": "铂金客户",
  "tier.metal.2": "黄金客户",
  "tier.metal.3": "铁客户",
  "tier.metal.4": "铅客户",
  "tier.generic": "第{n}层",
  "tier.keyCustomers": "关键客户",
  "tier.none": "未分层",
  "pyramid.title": "客户金字塔",
  "pareto.title": "二八法则",
  "strategy.tier.key": "集中最好的资源：专门的客户经理团队、有计划的拜访、快速处理投诉，以认可而非折扣回馈。",
  "strategy.tier.regular.up": "有升级潜力：培养成为关键客户。",
  "strategy.tier.regular.noUp": "无升级潜力：降低服务成本。",
  "strategy.tier.regular": "有升级潜力的客户培养成为关键客户；其余客户降低服务成本。",
  "strategy.tier.small.up": "有升级潜力：培养成为普通客户。",
  "strategy.tier.small.noUp": "无升级潜力：提高服务价格或降低服务成本。",
  "strategy.tier.small": "有升级潜力的客户培养成为普通客户；其余客户提高服务价格或降低服务成本。",
  "strategy.winBack": "有价值的流失客户：赢回。",
  "strategy.tier.none": "未分层：所有客户的价值相同，金字塔无法排序；请改用其他价值指标或检查数据。",
  "stage.exploration": "考察期",
  "stage.formation": "形成期",
  "stage.stability": "稳定期",
  "stage.decline": "退化期",
  "stage.churned": "流失",
  "strategy.stage.exploration": "赢得试用：最低的价格或最好的质量。",
  "strategy.stage.formation": "客户满意与忠诚计划。",
  "strategy.stage.stability": "客户满意与忠诚计划。",
  "strategy.stage.decline": "投诉补救、提高转换壁垒、挽回客户。",
  "strategy.stage.churned": "赢回有价值的客户；其余客户不再投入。",
  "exit.A": "A：早期流产型",
  "exit.B": "B：中途夭折型",
  "exit.C": "C：提前退出型",
  "exit.D": "D：长久保持型",
  "level.1": "散客",
  "level.2": "顾客",
  "level.3": "客户",
  "level.4": "合作伙伴",
  "loyalty.loyal": "忠诚",
  "loyalty.satisfied": "满意",
  "loyalty.atRisk": "动摇",
  "loyalty.defecting": "流失倾向",
  "indicator.repeatRate": "回头率",
  "indicator.purchaseAmount": "购买金额",
  "indicator.complaintRate": "投诉率",
  "indicator.priceSensitivity": "价格敏感度",
  "indicator.reputation": "美誉度",
  "indicator.designation": "指名度",
  "indicator.pAlive": "存活概率",
  "loyalty.iceberg": "投诉冰山：{complaints} 次投诉约代表 {dissatisfied} 位不满意的客户。",
  "loyalty.wordOfMouth": "口碑：满意的客户约告诉 {positive} 人；不满意的客户约告诉 {negativeLow}–{negativeHigh} 人。",
  "rfm.champions": "冠军客户",
  "rfm.loyal": "忠诚客户",
  "rfm.potentialLoyalist": "潜在忠诚客户",
  "rfm.new": "新客户",
  "rfm.promising": "有潜力客户",
  "rfm.needAttention": "需要关注",
  "rfm.aboutToSleep": "即将沉睡",
  "rfm.atRisk": "渐行渐远",
  "rfm.cannotLose": "不能失去",
  "rfm.hibernating": "沉睡客户",
  "rfm.lost": "已流失",
  "value.totalValue": "顾客总价值",
  "value.totalCost": "顾客总成本",
  "value.delivered": "客户让渡价值",
  "value.ratio": "价值比",
  "measure.clv": "客户终生价值",
  "measure.margin": "毛利",
  "measure.revenue": "收入",
  "model.fitted": "BG/NBD（{n} 位客户）：r {r}，alpha {alpha}，a {a}，b {b}",
  "model.spend": "Gamma-Gamma（{n} 位重复购买客户）：p {p}，q {q}，v {v}",
  "model.spendExcluded": "{n} 位消费金额 ≤ 0 的重复购买客户未参与客单价拟合",
  "model.spendFallback": "未使用 Gamma-Gamma（{detail}）；预期客单价取每位客户重复购买的平均金额",
  "model.horizon": "终生价值期限 {months} 个月，月贴现率 {discount}%，毛利率 {margin}%，时间单位：{unit}",
  "model.notConverged": "警告：{model} 未收敛（{detail}）",
  "model.weak": "注意：{model} 的参数难以识别（{detail}）",
  "model.fallback": "未计算客户终生价值：{reason}。金字塔改按{measure}排序。",
  "model.fallback.tooFewCustomers": "只有 {n} 位客户，{model} 模型至少需要 {min} 位",
  "model.fallback.tooFewCustomers.auto": "只有 {n} 位客户，生命周期模型至少需要 {min} 位",
  "model.fallback.nobodyRepeats": "没有客户在一天以上购买，无法估计购买率",
  "model.fallback.sameHistory": "所有客户的购买历史完全相同",
  "model.fallback.degenerate": "无法对这些客户拟合 {model} 模型（{detail}）",
  "model.fallback.degenerate.auto": "无法对这些客户拟合生命周期模型（{detail}）",
  "unit.days": "天",
  "unit.weeks": "周",
  "unit.months": "月",
  // 命令行长时间运行的进度（src/cli/progress.ts；docs/output.md §8）
  "progress.fit": "正在拟合 {model}：第 {iterations} 次迭代（{seconds} 秒）",
  "progress.score": "正在为客户评分：{done} / {total}（{seconds} 秒）",
  "report.fit": "{model}（{customers} 位客户，时间单位：{unit}）：{params}",
  "report.fitStatus": "对数似然 {ll}，迭代 {iterations} 次，{status}，用时 {ms} 毫秒",
  "report.converged": "已收敛",
  "report.notConverged": "未收敛",
  "report.validateFit": "BG/NBD（{customers} 位客户，校准期截至 {calibrationEnd}，时间单位：{unit}）：r {r}，alpha {alpha}，a {a}，b {b}{status}",
  "report.validateNotConverged": "（未收敛）",
  "report.holdout": "验证期 {length} {unit}：实际重复购买 {actual} 次，预测 {predicted} 次",
};
// Stryker restore StringLiteral

/** Both languages; the type makes every key required in each. */
export const MESSAGES: { readonly [L in Lang]: Readonly<Record<MessageKey, string>> } = {
  "en-US": enUS,
  "zh-CN": zhCN,
};

/** The language tag checked: "en-US" or "zh-CN" (also "en", "zh", any case). @throws CvaError OUT_OF_RANGE. */
export function normaliseLang(lang: string | undefined): Lang {
  if (lang === undefined) return "en-US";
  const l = lang.trim().toLowerCase();
  if (l === "en" || l === "en-us") return "en-US";
  if (l === "zh" || l === "zh-cn" || l === "zh-hans") return "zh-CN";
  throw CvaError.keyed(ErrorCodes.OutOfRange, "lang.invalid", { got: JSON.stringify(lang) }, { argument: "lang" });
}

/**
 * The text of a key in a language, with `{name}` placeholders filled in.
 * @example t("zh-CN", "stage.decline") // "退化期"
 * @example t("en-US", "tier.generic", { n: 5 }) // "Tier 5"
 */
export function t(lang: Lang, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text = MESSAGES[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
