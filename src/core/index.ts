/**
 * The public API of the value model, listed explicitly. The custom functions, the
 * task pane, the CLI and the benchmarks import from here and nowhere deeper.
 */
export { CvaError, ErrorCodes, isCvaError } from "./errors";
export type { ErrorCode } from "./errors";

// Finance CLV (DOMAIN.md §5)
export { financeClv, checkFinanceClvInput } from "./clv/finance";
export type { FinanceClvInput } from "./clv/finance";
