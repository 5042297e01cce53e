/**
 * Lifetime value from the count models (docs/lifetime-value.md §3), kept by concept in
 * ./lifetime-value.ts (options, one customer's CLV, the check of given parameters),
 * ./btyd-score.ts (scoring many customers with a fitted model) and ./btyd-predict.ts (fitting a
 * named model or `auto` and scoring); this module gathers them for the callers that import it.
 */
export { MAX_HORIZON_MONTHS, resolveLifetimeOptions, lifetimeValue, checkFittedParams } from "./lifetime-value";
export type { LifetimeOptions, ResolvedLifetime } from "./lifetime-value";
export { scoreBgNbd, scoreCountModel } from "./btyd-score";
export type { BtydScores } from "./btyd-score";
export { predictBtyd, describeBtyd, describeFallback, createBtydPredictor, newCustomerSpend } from "./btyd-predict";
export type { BtydPredictorOptions, BtydPrediction, BtydFallbackReason, BtydFallback, BtydSummaryColumns } from "./btyd-predict";
