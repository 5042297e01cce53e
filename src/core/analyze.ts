/**
 * One entry point for the whole value model: transactions and/or customer profiles →
 * per-customer results (summary, tier, RFM, life-cycle stage, exit pattern, relationship level,
 * loyalty, delivered value) and a manager's report (per tier count, shares, value, strategy;
 * per stage count and strategy; Pareto share; Lorenz curve; Gini).
 *
 * Value measure (docs/lifetime-value.md §5, docs/pyramid.md §1): with `valueMeasure: "auto"`
 * (default) it is the model's CLV when one was fitted, else a `clv` column present for every
 * profile, else margin when a cost or margin column is given, else revenue. "clv", "margin",
 * "revenue" force a measure.
 *
 * The lifetime model (docs/lifetime-value.md §5–§6): by default (`model: "btyd"`) BG/NBD (Fader,
 * Hardie & Lee 2005) is fitted to the customer summaries with Gamma-Gamma (Fader & Hardie 2013) for
 * spend, and every customer is scored with P(alive), expected purchases and CLV over
 * `lifetime.horizonMonths` (default 12) at `lifetime.discount` a month (default 0.01) and margin
 * share `lifetime.margin` (default 1); see src/core/clv/lifetime.ts. It runs on transactions, and
 * on profiles only when every profile gives frequency, recency and T and they do not all carry
 * their own CLV. When the model cannot be fitted (fewer than `lifetime.minCustomers` customers,
 * default 10; nobody repeats; every history the same) the analysis goes on with margin or revenue,
 * and `report.model.fallback` says why in the report's language. `model: "none"` skips it.
 *
 * The predictor hook: `options.predictor(summaries)` replaces the default model; it returns
 * per-customer P(alive), expected purchases and CLV (same order as `summaries`); its errors
 * propagate. The model's CLV becomes the value measure under "auto"/"clv" and the predicted value
 * for upgrade potential; its P(alive) drives the churn rule of the life cycle
 * (docs/lifecycle.md §4: P(alive) below the threshold → churned) and the P(alive) loyalty indicator
 * (docs/loyalty.md §2).
 *
 * Profiles only: a profile's frequency, recency, T (in `unit`), monetary and revenue stand in for
 * the summary (revenue defaults to monetary × (frequency + 1)); without period amounts the life
 * cycle has no trend (past exploration = stability). With transactions, profiles add their
 * other columns (ratings, complaints, …) to the customers with the same id; profiles of
 * customers without transactions are counted in the report, not analysed.
 *
 * The steps, in order, live in ./analyze/: the customers' summaries (customers.ts), the lifetime
 * model (lifetime-model.ts), the value measure (value-measure.ts), the pyramid, RFM, life cycle,
 * loyalty and relationship level (segments.ts), and the report (report.ts); inputs.ts holds what
 * an analysis takes, src/core/results.ts the per-customer results by column.
 *
 * Cost: O(n + C log C) for n transactions and C customers, plus the model fit over the distinct
 * (x, t_x, T) histories (bench/core.mjs times 1,000,000 transactions of 100,000 customers).
 * @throws CvaError as `summarize` does; MISSING when a forced measure is not available;
 *   INCONSISTENT_DATA when the predictor returns arrays of the wrong length; INVALID_NUMBER when it
 *   returns a non-finite number.
 */
import type { CvaWarning } from "./warnings";
import { normaliseLang } from "./i18n/messages";
import { checkTierShares, DEFAULT_TIER_SHARES } from "./segments/pyramid";
import { CustomerResults, resultTexts, type CustomerColumns, type CustomerResult } from "./results";
import { analysisCustomers, type AnalysisCustomers } from "./analyze/customers";
import { summarizedCustomers, type SummarizedTransactions } from "./analyze/summarized";
import { lifetimeModel } from "./analyze/lifetime-model";
import { measureValues, measureWords, valueTotals } from "./analyze/value-measure";
import { customerFigures, lifeCycleOf, loyaltyOf, pyramidOf, rfmOf } from "./analyze/segments";
import { atRiskColumn } from "./segments/customer-state";
import { analysisReport, type AnalyzeReport } from "./analyze/report";
import { flagTierUncertain, type CustomerIntervals } from "./analyze/intervals";
import type { AnalyzeInput, AnalyzeOptions } from "./analyze/inputs";

/** What {@link analyze} returns: every customer's result as an object of its own, and the report. */
export interface AnalyzeResult {
  customers: CustomerResult[];
  report: AnalyzeReport;
  /**
   * Every customer's 90 % interval of P(alive), expected purchases and CLV and whether its tier is
   * uncertain, index i for `customers[i]` (./analyze/intervals.ts, docs/models/uncertainty.md §8–§9);
   * null unless `lifetime.intervals` asks for them, a count model was fitted and its uncertainty
   * could be computed.
   */
  intervals: CustomerIntervals | null;
}

/** Runs the whole value model; see the module comment. Every customer's result is an object of its own. */
export function analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalyzeResult {
  const { customers, report, intervals } = analyzeColumns(input, options);
  return { customers: customers.toArray(), report, intervals };
}

/** What {@link analyzeColumns} returns: the results by column, and the same report as {@link analyze}. */
export interface AnalyzeColumnsResult {
  customers: CustomerResults;
  report: AnalyzeReport;
  /** As {@link AnalyzeResult.intervals}, index i for `customers.at(i)`. */
  intervals: CustomerIntervals | null;
}

/**
 * {@link analyze} with the per-customer results kept by column (src/core/results.ts,
 * docs/output.md §9): `customers.at(i)` is what `analyze` returns at index i. For many customers:
 * a million take about 200 MB this way, not 700 MB. A custom `predictor` is given the summaries as
 * objects, made for it.
 */
export function analyzeColumns(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalyzeColumnsResult {
  checkTierShares(options.tierShares ?? DEFAULT_TIER_SHARES);
  const warnings: CvaWarning[] = [];
  // 1. Summaries, by column (./analyze/customers.ts).
  return analyzeCustomers(analysisCustomers(input, options, warnings), options, warnings);
}

/**
 * {@link analyzeColumns} of transactions summarised elsewhere (./analyze/summarized.ts): the
 * summaries by column, their settings and the rows' days with their counts stand in for the rows,
 * and the analysis is the one of the rows themselves. The command line's DuckDB engine uses it, so
 * that the rows never sit in memory.
 * @throws CvaError as analyzeColumns does; EMPTY_INPUT for no customer; INCONSISTENT_DATA when the
 *   columns do not agree with each other or the settings.
 */
export function analyzeSummarized(input: SummarizedTransactions, options: AnalyzeOptions = {}): AnalyzeColumnsResult {
  checkTierShares(options.tierShares ?? DEFAULT_TIER_SHARES);
  const warnings: CvaWarning[] = [];
  return analyzeCustomers(summarizedCustomers(input, options, warnings), options, warnings);
}

/** Steps 2 to 9 of the analysis, after the customers' summaries (step 1); the summary's warnings are already in `warnings`. */
function analyzeCustomers(customers: AnalysisCustomers, options: AnalyzeOptions, warnings: CvaWarning[]): AnalyzeColumnsResult {
  const lang = normaliseLang(options.lang);
  const shares = options.tierShares ?? DEFAULT_TIER_SHARES;
  const { summaries } = customers;

  // 2. Lifetime model (./analyze/lifetime-model.ts).
  const lifetime = lifetimeModel(customers, options, lang, warnings);

  // 3. Value measure (./analyze/value-measure.ts).
  const { measure, values } = measureValues(summaries, lifetime, options.valueMeasure ?? "auto", lang);
  const totals = valueTotals(values, summaries.revenue);
  const { measureKey, measureWord } = measureWords(measure);

  // 4.–8. Pyramid, RFM, life cycle, loyalty, per-customer figures (./analyze/segments.ts).
  const pyramid = pyramidOf(values, totals, shares, lifetime, customers.profileAt, measureWord, warnings);
  // Whose tier the model's uncertainty leaves open, when the pyramid ranks by its CLV (./analyze/intervals.ts).
  if (lifetime.intervals) lifetime.model.tierUncertain = flagTierUncertain(lifetime.intervals, pyramid.tiers, values, shares, measure === "clv", pyramid.noSpread, lang);
  const { rfmBins, rfmCodes } = rfmOf(summaries, options);
  const lc = lifeCycleOf(customers, lifetime.pAlive, options.lifeCycle);
  const { indicators, loyalty, complaintsCol } = loyaltyOf(customers, lifetime.pAlive, options);
  const figures = customerFigures(customers, lc, pyramid, loyalty, options);
  const texts = resultTexts(lang, shares, pyramid.roles, options.tierLabels ?? "standard", rfmBins);
  const columns: CustomerColumns = {
    summaries,
    value: values,
    tier: pyramid.tiers,
    upgradePotential: pyramid.upgrade,
    rfm: rfmCodes,
    stage: lc.stage,
    exitPattern: lc.exitPattern,
    level: figures.level,
    loyaltyIndex: loyalty,
    loyaltyClass: figures.loyaltyClasses,
    pAlive: lifetime.pAlive,
    atRisk: atRiskColumn(lc.stage, lifetime.pAlive),
    expectedPurchases: lifetime.expectedPurchases,
    clv: lifetime.clv,
    delivered: figures.delivered,
    valueRatio: figures.valueRatio,
  };
  const results = new CustomerResults(columns, texts);

  // 9. Report (./analyze/report.ts).
  const report = analysisReport(
    columns,
    texts,
    {
      lang,
      unit: customers.unit,
      fromTransactions: customers.fromTransactions,
      end: customers.end,
      measure,
      measureKey,
      measureWord,
      totals,
      noSpread: pyramid.noSpread,
      shares,
      indicators,
      complaintsCol,
      model: lifetime.model,
      profilesWithoutTransactions: customers.profilesWithoutTransactions,
      warnings,
    },
    options,
  );
  return { customers: results, report, intervals: lifetime.keepIntervals ? lifetime.intervals : null };
}
