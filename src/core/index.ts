/**
 * The public API of the value model, listed explicitly. The custom functions, the
 * task pane, the CLI and the benchmarks import from here and nowhere deeper.
 */
export { CvaError, ErrorCodes, isCvaError, localizedMessage, remapRows, renameArguments } from "./errors";
export type { ErrorCode } from "./errors";
export { errorText, given, ERROR_TEXTS, ARGUMENT_NAMES } from "./i18n/errors";
export type { ErrorKey, ErrorParams, GivenValue, LocalText } from "./i18n/errors";

// Finance CLV (docs/lifetime-value.md §2)
export { financeClv, checkFinanceClvInput, checkRate, checkMarginShare } from "./clv/finance";
export type { FinanceClvInput } from "./clv/finance";

// ---- Value model core: summary, segments, value, i18n, analyze ----
export { parseDay, parseIsoDay, readDay, requireDay, dateError, formatDay, dayFromYmd, MIN_BARE_SERIAL } from "./summary/dates";
export type { DateProblem, DateReadOptions, DateWhere } from "./summary/dates";
export { warningText, finiteResult, guardFinite } from "./warnings";
export type { CvaWarning } from "./warnings";
export { DAYS_PER_UNIT, daysPerUnit, normaliseUnit } from "./summary/units";
export type { TimeUnit } from "./summary/units";
export { transactionTable, idText } from "./summary/transactions";
export type { Transaction, TransactionTable } from "./summary/transactions";
export { summarize, summarizeWithSettings, summarizeColumns, summarizeWithWarnings } from "./summary/summarize";
export { summaryAt } from "./summary/customer-summary";
export type { CustomerSummary, SummaryColumns } from "./summary/customer-summary";
export { resolveSummarySettings, DEFAULT_PERIOD_COUNT, DEFAULT_PERIOD_DAYS } from "./summary/settings";
export type { SummaryOptions, SummarySettings } from "./summary/settings";
export { summaryWarnings, FAR_OUT_IQRS, FAR_OUT_MIN_IQR_DAYS } from "./summary/summary-warnings";
export type { SummaryCheckOptions } from "./summary/summary-warnings";
export { compareIds } from "./summary/id-order";
export { analyze, analyzeColumns } from "./analyze";
export type { AnalyzeResult, AnalyzeColumnsResult } from "./analyze";
export type {
  AnalyzeInput, AnalyzeOptions, CustomerProfile, Prediction, Predictor, ValueMeasure, ResolvedValueMeasure, AnalyzeLifetimeOptions,
} from "./analyze/inputs";
export type { AnalyzeReport, TierReport, ModelReport, ReportWarning, AtRiskReport } from "./analyze/report";
export { REPORT_INTERVAL_LEVEL } from "./analyze/intervals";
export type { EquityInterval, CustomerIntervals } from "./analyze/intervals";
export { tierUncertainty } from "./segments/tier-uncertainty";
export { forecastIntervals } from "./clv/forecast-intervals";
export { predictivePurchases } from "./clv/predictive";
export type { PredictiveTotal } from "./clv/predictive";
export { predictiveForecast } from "./clv/predictive-forecast";
export type { PredictiveForecast } from "./clv/predictive-forecast";
export type { ForecastIntervals, TotalInterval } from "./clv/forecast-intervals";
export type { TierUncertainty } from "./segments/tier-uncertainty";
export { CustomerResults } from "./results";
export type { CustomerColumns, CustomerResult } from "./results";
export { matchColumns, normaliseHeader, TRANSACTION_SYNONYMS, PROFILE_SYNONYMS } from "./columns";
export type { TransactionColumn, ProfileColumn, ColumnMap } from "./columns";
export { MESSAGES, LANGS, t, normaliseLang } from "./i18n/messages";
export type { Lang, MessageKey } from "./i18n/messages";
export {
  assignTiers, checkTierShares, cumulativeShares, tierOfRank, tierRole, tierLabel, tierStrategy, upgradePotential,
  DEFAULT_TIER_SHARES, KEY_CUSTOMER_SHARE,
} from "./segments/pyramid";
export type { TierRole, TierLabelSet } from "./segments/pyramid";
export { paretoShare, lorenzCurve, gini, DEFAULT_PARETO_TOP, DEFAULT_LORENZ_POINTS } from "./segments/pareto";
export type { LorenzPoint } from "./segments/pareto";
export { rfm, rfmCell, rfmScores, rfmSegment, rfmSegmentLabel, RFM_SEGMENTS, DEFAULT_RFM_BINS } from "./segments/rfm";
export type { RfmSegment, RfmResult, RfmInput } from "./segments/rfm";
export {
  lifeCycle, silentBeyondGap, volumeTrend, stageLabel, stageStrategy, exitPatternLabel, LIFE_CYCLE_STAGES, EXIT_PATTERNS, DEFAULT_LIFE_CYCLE,
} from "./segments/lifecycle";
export type { LifeCycleStage, ExitPattern, LifeCycleInput, LifeCycleOptions, LifeCycleResult } from "./segments/lifecycle";
export { isAtRisk, atRiskColumn, AT_RISK_P_ALIVE } from "./segments/customer-state";
export { relationshipLevel, levelLabel, DEFAULT_PARTNER_TENURE_DAYS } from "./segments/level";
export type { RelationshipLevel, RelationshipInput } from "./segments/level";
export {
  loyaltyIndex, loyaltyClass, loyaltyClassLabel, indicatorLabel, percentileRanks, complaintIceberg, wordOfMouth,
  LOYALTY_INDICATORS, LOYALTY_CLASSES, DEFAULT_LOYALTY_THRESHOLDS, DEFAULT_COMPLAINT_ICEBERG, DEFAULT_WORD_OF_MOUTH,
} from "./segments/loyalty";
export type { LoyaltyIndicator, LoyaltyIndicators, LoyaltyClass, LoyaltyThresholds, WordOfMouth, WordOfMouthDefaults } from "./segments/loyalty";
export { deliveredValue, valueRatio } from "./value/delivered";
export type { DeliveredValue, ValueComponents, CostComponents, DeliveredValueWeights } from "./value/delivered";
export { compareSnapshots, snapshotOf, MIGRATION_TOP_TIERS } from "./segments/migration";
export type { Snapshot, SnapshotRow, Migration, MigrationCell, MigrationCustomer, GoneCustomer, MigrationOptions } from "./segments/migration";
// ---- end of value model core ----

// ---- BTYD: probabilistic lifetime value (docs/lifetime-value.md §3; docs/models/README.md) ----
// Each model is a namespace: bgnbd.fit(summary), bgnbd.probabilityAlive(params, x, t_x, T), …
export * as bgnbd from "./clv/bgnbd";
export * as paretonbd from "./clv/paretonbd";
export * as mbgnbd from "./clv/mbgnbd";
export * as bgbb from "./clv/bgbb";
export { countModel, parseModelChoice, COUNT_MODEL_IDS, MODEL_CHOICES } from "./clv/models";
export type { CountModel, CountModelId, CountParams, ModelChoice } from "./clv/models";
export * as gammagamma from "./clv/gammagamma";
export { lifetimeValue, predictBtyd, createBtydPredictor, resolveLifetimeOptions, scoreBgNbd, scoreCountModel, describeBtyd, describeFallback, newCustomerSpend, checkFittedParams, MAX_HORIZON_MONTHS } from "./clv/lifetime";
export type { LifetimeOptions, ResolvedLifetime, BtydPredictorOptions, BtydPrediction, BtydFallback, BtydFallbackReason, BtydScores, BtydSummaryColumns } from "./clv/lifetime";
export { compareModels, describeChoice, LIKELIHOOD_TIE, TOTAL_BAND_SE, TIE_PREFERENCE } from "./clv/model-choice";
export type { HoldoutData, ModelComparison, ModelComparisonRow } from "./clv/model-choice";
export { validateBtyd, holdoutFromTransactions } from "./clv/holdout";
export type { HoldoutInput, HoldoutResult, FrequencyBucket, TrackingPoint } from "./clv/holdout";
export { forecastBase, newCustomerValue, resolveForecastOptions, describeForecast, describeNewCustomer, MAX_FORECAST_PERIODS } from "./clv/forecast";
export type { ForecastOptions, ForecastRow, BaseForecast, NewCustomerValue, ResolvedForecast } from "./clv/forecast";
export { frequencyHistogram, holdoutBuckets, trackingSeries, aliveMatrix, fitChecks, DEFAULT_MAX_BUCKET, MAX_TRACKING_PERIODS, YEAR_IN_UNIT, TRACKING_STEP } from "./clv/fit-checks";
export type { HistogramRow, BucketRow, TrackingRow, AliveMatrix, FitChecks } from "./clv/fit-checks";
export { countModelUncertainty, bgbbUncertainty, gammaGammaUncertainty, uncertaintyMessage, Z95 } from "./clv/uncertainty";
export type { ParameterUncertainty, UncertaintyUnavailable, UncertaintyResult, UncertaintyModelId, UncertaintyOptions } from "./clv/uncertainty";
export { predictionIntervals, resolveIntervalOptions, DEFAULT_INTERVAL_LEVEL, DEFAULT_INTERVAL_DRAWS, DEFAULT_INTERVAL_SEED } from "./clv/intervals";
export type { IntervalOptions, Band, PredictionIntervals, IntervalsUnavailable } from "./clv/intervals";
export { groupRfm, toRfmData, checkHistory, checkFrequency, DEFAULT_FIT_TIME_LIMIT_MS } from "./clv/data";
export type {
  RfmRow as BtydSummaryRow, RfmColumns as BtydColumns, FitOptions as BtydFitOptions, FitResult as BtydFitResult, GroupedRfm,
  FitProgress, ScoreProgress, ModelProgress,
} from "./clv/data";
export { logGamma, digamma, logBeta, log2F1 } from "./math/special";
// ---- end of BTYD ----

// ---- Formula helpers: a value placed in a population; stage from period volumes ----
export { RankedPopulation, pyramidTable } from "./segments/population";
export type { PyramidRow } from "./segments/population";
export { stageFromVolumes } from "./segments/volumes";
// ---- end of formula helpers ----
