/**
 * Labels and sentences of the fit checks: frequency histogram, holdout buckets, tracking, P(alive) matrix (src/core/clv/fit-checks.ts); in en-US and zh-CN.
 * One part of the table of ../messages.ts, which merges the parts into MessageKey; in each part
 * the English table defines the keys and the Chinese one is typed `Record<keyof typeof enUS, string>`,
 * so a text missing from either language does not compile.
 */
// Stryker disable StringLiteral: wording of the labels, not the model; that every key has both languages is checked by the types, the wording by the message tests
export const enUS = {
} as const;

export const zhCN: Record<keyof typeof enUS, string> = {
};
// Stryker restore StringLiteral
