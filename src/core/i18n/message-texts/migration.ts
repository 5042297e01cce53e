/**
 * Labels and sentences of the pyramid over time: the comparison of two snapshots
 * (src/core/segments/migration.ts, docs/migration.md) as `cva compare` prints it; in en-US and zh-CN.
 * One part of the table of ../messages.ts, which merges the parts into MessageKey; in each part
 * the English table defines the keys and the Chinese one is typed `Record<keyof typeof enUS, string>`,
 * so a text missing from either language does not compile.
 */
// Stryker disable StringLiteral: wording of the labels, not the model; that every key has both languages is checked by the types, the wording by the compare tests
export const enUS = {
  "migration.head": "{old}: {oldCount} customers; {new}: {newCount} customers; {both} in both, {added} new, {gone} gone",
  "migration.customers": "Tier migration, customers (rows: tier in {old}; columns: tier in {new})",
  "migration.value": "Tier migration, value in {new} (rows: tier in {old}; columns: tier in {new})",
  "migration.fromTo": "from \\ to",
  "migration.total": "Total",
  "migration.moves": "Of the {both} customers in both: {up} moved up, {same} stayed, {down} moved down.",
  "migration.movedDown": "Moved down from the top two tiers ({count})",
  "migration.new": "New customers ({count})",
  "migration.gone": "Gone ({count})",
  "migration.churned": "Now churned ({count})",
  "migration.none": "none",
  "migration.movedLine": "{id}: tier {from} → {to}, {stage}, value {oldValue} → {value}. {tierStrategy} {stageStrategy}",
  "migration.newLine": "{id}: tier {to}, {stage}, value {value}. {tierStrategy} {stageStrategy}",
  "migration.goneLine": "{id}: was tier {from}, {stage}, value {value}",
} as const;

export const zhCN: Record<keyof typeof enUS, string> = {
  "migration.head": "{old}：{oldCount} 位客户；{new}：{newCount} 位客户；两者都有 {both} 位，新增 {added} 位，消失 {gone} 位",
  "migration.customers": "层级迁移：客户数（行：{old} 中的层级；列：{new} 中的层级）",
  "migration.value": "层级迁移：{new} 中的价值（行：{old} 中的层级；列：{new} 中的层级）",
  "migration.fromTo": "从 \\ 到",
  "migration.total": "合计",
  "migration.moves": "两者都有的 {both} 位客户中：{up} 位上升，{same} 位不变，{down} 位下降。",
  "migration.movedDown": "从最高两层下降的客户（{count} 位）",
  "migration.new": "新客户（{count} 位）",
  "migration.gone": "消失的客户（{count} 位）",
  "migration.churned": "新近流失的客户（{count} 位）",
  "migration.none": "无",
  "migration.movedLine": "{id}：层级 {from} → {to}，{stage}，价值 {oldValue} → {value}。{tierStrategy}{stageStrategy}",
  "migration.newLine": "{id}：层级 {to}，{stage}，价值 {value}。{tierStrategy}{stageStrategy}",
  "migration.goneLine": "{id}：原层级 {from}，{stage}，价值 {value}",
};
// Stryker restore StringLiteral
