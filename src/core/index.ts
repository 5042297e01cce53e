/**
 * The public API of the value model, listed explicitly. The custom functions, the
 * task pane, the CLI and the benchmarks import from here and nowhere deeper.
 */
export { CvaError, ErrorCodes, isCvaError } from "./errors";
export type { ErrorCode } from "./errors";

// Finance CLV (DOMAIN.md §5)
export { financeClv, checkFinanceClvInput } from "./clv/finance";
export type { FinanceClvInput } from "./clv/finance";

// ---- Value model core (issue 3): summary, segments, value, i18n, analyze ----
export { parseDay, parseIsoDay, requireDay, formatDay, dayFromYmd } from "./summary/dates";
export { DAYS_PER_UNIT, daysPerUnit, normaliseUnit } from "./summary/units";
export type { TimeUnit } from "./summary/units";
export { transactionTable, idText } from "./summary/transactions";
export type { Transaction, TransactionTable } from "./summary/transactions";
export { summarize, summarizeWithSettings, resolveSummarySettings, compareIds, DEFAULT_PERIOD_COUNT, DEFAULT_PERIOD_DAYS } from "./summary/summarize";
export type { CustomerSummary, SummaryOptions, SummarySettings } from "./summary/summarize";
// ---- end of value model core ----
