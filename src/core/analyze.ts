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
 * Cost: O(n + C log C) for n transactions and C customers, plus the model fit over the distinct
 * (x, t_x, T) histories (bench/core.mjs times 1,000,000 transactions of 100,000 customers).
 * @throws CvaError as `summarize` does; MISSING when a forced measure is not available;
 *   INCONSISTENT_DATA when the predictor returns arrays of the wrong length; INVALID_NUMBER when it
 *   returns a non-finite number.
 */
import { CvaError, ErrorCodes } from "./errors";
import type { ErrorKey, ErrorParams } from "./i18n/errors";
import { counted, warningText, type CvaWarning } from "./warnings";
import { normaliseLang, t, type Lang, type MessageKey } from "./i18n/messages";
import { formatDay } from "./summary/dates";
import {
  summarizeColumns,
  summaryColumns,
  summaryObjects,
  summaryWarnings,
  resolveSummarySettings,
  type CustomerSummary,
  type SummaryColumns,
  type SummaryOptions,
} from "./summary/summarize";
import { transactionTable, type Transaction, type TransactionTable } from "./summary/transactions";
import { daysPerUnit, normaliseUnit, type TimeUnit } from "./summary/units";
import {
  assignTiers,
  checkTierShares,
  DEFAULT_TIER_SHARES,
  tierLabel,
  tierRole,
  tierStrategy,
  upgradePotential,
  type TierLabelSet,
  type TierRole,
} from "./segments/pyramid";
import { DEFAULT_PARETO_TOP, DEFAULT_LORENZ_POINTS, concentration, formatNumber, type LorenzPoint } from "./segments/pareto";
import { rfmColumns, rfmSegmentLabel, RFM_SEGMENTS, DEFAULT_RFM_BINS, type RfmResult, type RfmSegment } from "./segments/rfm";
import {
  EXIT_PATTERNS,
  exitPatternLabel,
  lifeCycleColumns,
  LIFE_CYCLE_STAGES,
  stageLabel,
  stageStrategy,
  type ExitPattern,
  type LifeCycleOptions,
  type LifeCycleStage,
} from "./segments/lifecycle";
import { DEFAULT_PARTNER_TENURE_DAYS, levelLabel, relationshipLevel, type RelationshipLevel } from "./segments/level";
import {
  complaintIceberg,
  DEFAULT_COMPLAINT_ICEBERG,
  DEFAULT_LOYALTY_THRESHOLDS,
  DEFAULT_WORD_OF_MOUTH,
  LOYALTY_CLASSES,
  LOYALTY_INDICATORS,
  loyaltyClass,
  loyaltyClassLabel,
  loyaltyIndexColumn,
  wordOfMouth,
  type LoyaltyClass,
  type LoyaltyIndicator,
  type LoyaltyIndicators,
  type LoyaltyThresholds,
  type WordOfMouth,
  type WordOfMouthDefaults,
} from "./segments/loyalty";
import { describeBtyd, describeFallback, predictBtyd, type BtydFallback, type BtydFallbackReason } from "./clv/lifetime";
import type { FitOptions } from "./clv/data";
import { deliveredValue, type DeliveredValue, type DeliveredValueWeights } from "./value/delivered";
import { CustomerResults, type ResultTexts } from "./results";

/** One row of customer profiles (docs/inputs.md §4); every field but the id is optional. */
export interface CustomerProfile {
  customerId: string;
  frequency?: number | null;
  recency?: number | null;
  T?: number | null;
  monetary?: number | null;
  revenue?: number | null;
  margin?: number | null;
  clv?: number | null;
  /** Predicted future value, for upgrade potential when no predictor is given. */
  predictedValue?: number | null;
  pAlive?: number | null;
  // §3 perceived value and cost ratings
  product?: number | null;
  service?: number | null;
  personnel?: number | null;
  image?: number | null;
  money?: number | null;
  time?: number | null;
  energy?: number | null;
  physical?: number | null;
  sensory?: number | null;
  /** Perceived quality relative to competitors (Q of V = Q/P). */
  quality?: number | null;
  /** Relative price (P of V = Q/P). */
  price?: number | null;
  // §8 satisfaction indicators
  complaints?: number | null;
  complaintRate?: number | null;
  priceSensitivity?: number | null;
  reputation?: number | null;
  designation?: number | null;
  repeatRate?: number | null;
  referrals?: number | null;
  shareOfWallet?: number | null;
  acquisitionCost?: number | null;
  costToServe?: number | null;
}

export type AnalyzeInput =
  | { transactions: TransactionTable | readonly Transaction[]; profiles?: readonly CustomerProfile[] }
  | { transactions?: undefined; profiles: readonly CustomerProfile[] };

/** What a predictor returns, per customer in the order of the summaries it was given. */
export interface Prediction {
  pAlive: Float64Array | number[];
  expectedPurchases: Float64Array | number[];
  clv: Float64Array | number[];
  /** Shown in the report (e.g. the fitted parameters or a fallback notice). */
  note?: string;
}

/** The hook for the probabilistic models (BG/NBD + Gamma-Gamma, docs/lifetime-value.md §5). */
export type Predictor = (summaries: CustomerSummary[]) => Prediction;

/** CLV settings of the default model; the time unit is the analysis's own `unit`. */
export interface AnalyzeLifetimeOptions {
  /** Horizon in whole months, 1 to 1,200 (MAX_HORIZON_MONTHS); default 12. */
  horizonMonths?: number;
  /** Monthly discount rate; default 0.01. */
  discount?: number;
  /** Share of spend that is margin; default 1 (CLV in revenue). */
  margin?: number;
  /** Fewest customers to fit on; default 10. */
  minCustomers?: number;
  /** Time limit of each model fit, ms; default 60 s (docs/models/fitting.md §14). */
  timeLimitMs?: number;
  /** Progress of the model's fits and scoring, about every quarter second (the CLI shows it). */
  onProgress?: FitOptions["onProgress"];
}

/** What the lifetime model did, for the report. */
export interface ModelReport {
  /** "btyd" for the default BG/NBD + Gamma-Gamma, "custom" for `options.predictor`, null when none ran. */
  kind: "btyd" | "custom" | null;
  fitted: boolean;
  /** The fitted parameters and settings (default model, in the report's language) or the predictor's note. */
  note: string | null;
  /** Why the default model was not used, when it could not be fitted. */
  fallback: { reason: BtydFallbackReason; reasonText: string; text: string } | null;
}

export type ValueMeasure = "auto" | "clv" | "margin" | "revenue";
export type ResolvedValueMeasure = Exclude<ValueMeasure, "auto">;

export interface AnalyzeOptions extends SummaryOptions {
  /** Language of labels and strategy texts; default "en-US". */
  lang?: Lang | string;
  /** Today as a day number, from the edge's clock: rows dated after it are reported (docs/inputs.md §5). */
  today?: number;
  /** Transactions given as row objects come from a date-formatted column: small numbers are dates too. */
  dateFormatted?: boolean;
  /** Value measure for the pyramid; default "auto" (see the module comment). */
  valueMeasure?: ValueMeasure;
  /** The lifetime model: "btyd" (default, BG/NBD + Gamma-Gamma) or "none". */
  model?: "btyd" | "none";
  /** Settings of the default model's CLV (docs/lifetime-value.md §3). */
  lifetime?: AnalyzeLifetimeOptions;
  /** A custom model instead of the default: P(alive), expected purchases and CLV per customer. */
  predictor?: Predictor;
  /** Tier shares of customers, top first; default [0.01, 0.19, 0.30, 0.50] (docs/pyramid.md §2). */
  tierShares?: readonly number[];
  /** Label set for four tiers; default "standard". */
  tierLabels?: TierLabelSet;
  /** Top share of customers in the Pareto check; default 0.2. */
  paretoTop?: number;
  /** Number of Lorenz points in the report; default 101. */
  lorenzPoints?: number;
  /** RFM score bins; default 5. */
  rfmBins?: number;
  /** RFM monetary basis: "total" spend (default) or "average" per purchase day. */
  rfmMonetary?: "total" | "average";
  /** Life-cycle thresholds (docs/lifecycle.md §3–§4). */
  lifeCycle?: LifeCycleOptions;
  /** Tenure for a partner, in days; default 730.5 (docs/relationship.md §2). */
  partnerTenureDays?: number;
  /** Loyalty weights (defaults: docs/loyalty.md §1). */
  loyaltyWeights?: Partial<Record<LoyaltyIndicator, number>>;
  loyaltyThresholds?: LoyaltyThresholds;
  /** Dissatisfied customers per complaint; default 20. */
  complaintIceberg?: number;
  wordOfMouth?: WordOfMouthDefaults;
  deliveredValueWeights?: DeliveredValueWeights;
}

export interface CustomerResult {
  customerId: string;
  summary: CustomerSummary;
  /** The value measure used for the pyramid. */
  value: number;
  tier: number;
  tierLabel: string;
  tierRole: TierRole;
  /** Predicted value above the tier's median; null without a prediction. */
  upgradePotential: boolean | null;
  tierStrategy: string;
  rfm: RfmResult & { segmentLabel: string };
  stage: LifeCycleStage;
  stageLabel: string;
  stageStrategy: string;
  exitPattern: ExitPattern | null;
  exitPatternLabel: string | null;
  level: RelationshipLevel;
  levelLabel: string;
  loyaltyIndex: number | null;
  loyaltyClass: LoyaltyClass | null;
  loyaltyClassLabel: string | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  clv: number | null;
  delivered: DeliveredValue | null;
  valueRatio: number | null;
}

export interface TierReport {
  tier: number;
  label: string;
  role: TierRole;
  count: number;
  customerShare: number;
  value: number;
  valueShare: number;
  meanValue: number;
  revenue: number;
  revenueShare: number;
  /** Mean CLV of the tier when a CLV is known. */
  meanClv: number | null;
  /** Customers with upgrade potential, when predicted values are known. */
  upgradePotential: number | null;
  strategy: string;
}

/** A warning of the analysis, with its text in the report's language. */
export interface ReportWarning {
  key: ErrorKey;
  params: ErrorParams;
  text: string;
}

export interface AnalyzeReport {
  lang: Lang;
  customers: number;
  valueMeasure: ResolvedValueMeasure;
  valueMeasureLabel: string;
  unit: TimeUnit;
  /** Observation end as ISO text (transactions only). */
  end: string | null;
  totalValue: number;
  totalRevenue: number;
  tiers: TierReport[];
  keyCustomers: { label: string; count: number; customerShare: number; valueShare: number };
  pareto: { top: number; valueShare: number };
  lorenz: LorenzPoint[];
  gini: number;
  stages: { stage: LifeCycleStage; label: string; count: number; share: number; strategy: string }[];
  exitPatterns: { pattern: ExitPattern; label: string; count: number }[];
  levels: { level: RelationshipLevel; label: string; count: number }[];
  rfmSegments: { segment: RfmSegment; label: string; count: number }[];
  loyalty: {
    indicators: LoyaltyIndicator[];
    meanIndex: number | null;
    classes: { class: LoyaltyClass; label: string; count: number }[];
    complaints: number | null;
    dissatisfiedEstimate: number | null;
    icebergText: string | null;
    wordOfMouth: WordOfMouth;
    wordOfMouthText: string;
  };
  /** The model's note (= `model.note`), kept for callers of the predictor hook. */
  predictorNote: string | null;
  model: ModelReport;
  profilesWithoutTransactions: number;
  /**
   * What the user must hear, in the report's language: rows after the end or far from the other
   * dates, customers with no purchase, a population with no spread (then `tiers` is empty and every
   * customer's tier is 0), negative values in the concentration figures. Empty when all is well.
   */
  warnings: ReportWarning[];
}

export interface AnalyzeResult {
  customers: CustomerResult[];
  report: AnalyzeReport;
}

const num = (v: number | null | undefined): number | null => (v === null || v === undefined || Number.isNaN(v) ? null : v);

/** A profile standing in for customer k's summary (docs/inputs.md §4). */
function profileSummaryInto(out: SummaryColumns, k: number, p: CustomerProfile, unitDays: number): void {
  const frequency = Math.max(0, Math.round(num(p.frequency) ?? 0));
  const recency = Math.max(0, num(p.recency) ?? 0);
  const T = Math.max(recency, num(p.T) ?? recency);
  const monetary = num(p.monetary) ?? 0;
  const revenue = num(p.revenue) ?? monetary * (frequency + 1);
  out.ids[k] = p.customerId;
  out.frequency[k] = frequency;
  out.recency[k] = recency;
  out.T[k] = T;
  out.monetary[k] = monetary;
  out.revenue[k] = revenue;
  (out.margin as Float64Array)[k] = num(p.margin) ?? NaN;
  out.first[k] = 0;
  out.last[k] = recency * unitDays;
  out.orders[k] = frequency + 1;
}

/** Profiles stand in for a summary the model can take when each gives x, t_x and T, and they do not all carry a CLV. */
function profilesCanBeFitted(profiles: readonly (CustomerProfile | undefined)[]): boolean {
  if (profiles.length === 0) return false;
  let allClv = true;
  for (const p of profiles) {
    if (!p || num(p.frequency) === null || num(p.recency) === null || num(p.T) === null) return false;
    if (num(p.clv) === null) allClv = false;
  }
  return !allClv;
}

/** The columns a lifetime model (the `predictor` hook) returns, as the messages name them. */
const PREDICTION_NAMES = {
  pAlive: { "en-US": "P(alive)", "zh-CN": "存活概率" },
  expectedPurchases: { "en-US": "expected purchases", "zh-CN": "预期购买次数" },
  clv: { "en-US": "CLV", "zh-CN": "终生价值" },
} as const;

function checkPrediction(pred: Prediction, n: number): void {
  for (const key of ["pAlive", "expectedPurchases", "clv"] as const) {
    const col = pred[key];
    const name = PREDICTION_NAMES[key];
    if (!col || col.length !== n) {
      const count = col ? col.length : 0;
      const values = counted(count, "value", "values", "个");
      throw CvaError.keyed(ErrorCodes.InconsistentData, "predictor.length", { values, name, customers: n }, { argument: key });
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i])) {
        throw CvaError.keyed(ErrorCodes.InvalidNumber, "predictor.notFinite", { got: String(col[i]), name, row: i + 1 }, { argument: key, row: i + 1 });
      }
    }
  }
}

/** Runs the whole value model; see the module comment. Every customer's result is an object of its own. */
export function analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalyzeResult {
  const { customers, report } = analyzeColumns(input, options);
  return { customers: customers.toArray(), report };
}

/** What {@link analyzeColumns} returns: the results by column, and the same report as {@link analyze}. */
export interface AnalyzeColumnsResult {
  customers: CustomerResults;
  report: AnalyzeReport;
}

/**
 * {@link analyze} with the per-customer results kept by column (src/core/results.ts,
 * docs/output.md §9): `customers.at(i)` is what `analyze` returns at index i. For many customers:
 * a million take about 200 MB this way, not 700 MB. A custom `predictor` is given the summaries as
 * objects, made for it.
 */
export function analyzeColumns(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalyzeColumnsResult {
  const lang = normaliseLang(options.lang);
  const shares = options.tierShares ?? DEFAULT_TIER_SHARES;
  checkTierShares(shares);

  // 1. Summaries, by column.
  let summaries: SummaryColumns;
  let end: number;
  let periodDays: number;
  let unit: TimeUnit;
  let unitDays: number;
  const fromTransactions = input.transactions !== undefined;
  const profileById = new Map<string, CustomerProfile>();
  for (const p of input.profiles ?? []) profileById.set(String(p.customerId).trim(), p);
  // Each customer's profile, in the summaries' order; null when there are none.
  let profiles: (CustomerProfile | undefined)[] | null = null;
  let profilesWithoutTransactions = 0;
  const warnings: CvaWarning[] = [];
  if (input.transactions !== undefined) {
    const table = Array.isArray(input.transactions)
      ? transactionTable(input.transactions as readonly Transaction[], { dateFormatted: options.dateFormatted })
      : (input.transactions as TransactionTable);
    const settings = resolveSummarySettings(table, options);
    summaries = summarizeColumns(table, settings);
    warnings.push(...summaryWarnings(table, settings, summaries, { today: options.today }));
    end = settings.end;
    periodDays = settings.periodDays;
    unit = settings.unit;
    unitDays = settings.daysPerUnit;
    if (profileById.size > 0) {
      profiles = summaries.ids.map((id) => profileById.get(id));
      // Profiles of nobody in the transactions are left out, never silently: a warning with the
      // count and the first few ids (docs/inputs.md §4).
      const seen = new Set(summaries.ids);
      const unmatched: string[] = [];
      for (const id of profileById.keys()) if (!seen.has(id)) unmatched.push(id);
      profilesWithoutTransactions = unmatched.length;
      if (unmatched.length > 0) {
        const ids = unmatched.slice(0, 5).join(", ") + (unmatched.length > 5 ? ", …" : "");
        const profiles = counted(unmatched.length, "profile matches no customer in the transactions and is", "profiles match no customer in the transactions and are", "条客户资料");
        warnings.push({ key: "warn.profilesWithoutTransactions", params: { profiles, ids } });
      }
    }
  } else {
    const list = input.profiles ?? [];
    if (list.length === 0) throw CvaError.keyed(ErrorCodes.EmptyInput, "data.noCustomers");
    unit = normaliseUnit(options.unit ?? "weeks");
    unitDays = daysPerUnit(unit);
    summaries = summaryColumns(list.length, 0, true, false);
    for (let k = 0; k < list.length; k++) profileSummaryInto(summaries, k, list[k], unitDays);
    profiles = [...list];
    end = 0;
    periodDays = options.periodDays ?? 365.25 / 4;
  }
  const n = summaries.length;
  const profileAt = (i: number): CustomerProfile | undefined => (profiles ? profiles[i] : undefined);

  // 2. Lifetime model.
  let prediction: Prediction | null = null;
  const model: ModelReport = { kind: null, fitted: false, note: null, fallback: null };
  if (options.model !== undefined && options.model !== "btyd" && options.model !== "none") {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "model", choices: "btyd, none", got: JSON.stringify(options.model) }, { argument: "model" });
  }
  if (options.predictor) {
    model.kind = "custom";
    prediction = options.predictor(summaryObjects(summaries));
    checkPrediction(prediction, n);
    model.fitted = true;
    model.note = prediction.note ?? null;
  }
  let unfitted: BtydFallback | null = null;
  if (!options.predictor && options.model !== "none" && (fromTransactions || profilesCanBeFitted(profiles ?? []))) {
    model.kind = "btyd";
    const r = predictBtyd(summaries, { unit, ...options.lifetime });
    if (r.fitted) {
      prediction = r;
      model.fitted = true;
      model.note = describeBtyd(r, lang);
    } else {
      unfitted = r;
    }
  }
  // P(alive), expected purchases and CLV by column, NaN where not known; the prediction itself
  // (with its other columns) is let go.
  const predicted = prediction !== null;
  const pAlive = new Float64Array(n);
  const clv = new Float64Array(n);
  const expectedPurchases = prediction ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    pAlive[i] = prediction ? prediction.pAlive[i] : (num(profileAt(i)?.pAlive) ?? NaN);
    clv[i] = prediction ? prediction.clv[i] : (num(profileAt(i)?.clv) ?? NaN);
    if (prediction && expectedPurchases) expectedPurchases[i] = prediction.expectedPurchases[i];
  }
  prediction = null;
  let anyClv = false;
  let allClv = n > 0;
  for (let i = 0; i < n; i++) {
    if (clv[i] === clv[i]) anyClv = true;
    else allClv = false;
  }
  const margins = summaries.margin;
  let hasMargin = false;
  if (margins) for (let i = 0; i < n && !hasMargin; i++) hasMargin = margins[i] === margins[i];

  // 3. Value measure.
  const requested = options.valueMeasure ?? "auto";
  const hasClv = predicted || allClv;
  let measure: ResolvedValueMeasure;
  if (requested === "auto") measure = hasClv ? "clv" : hasMargin ? "margin" : "revenue";
  else measure = requested;
  if (measure === "clv" && !hasClv && !anyClv) {
    throw CvaError.keyed(ErrorCodes.Missing, "measure.clvUnavailable", { arg: "valueMeasure" }, { argument: "valueMeasure" });
  }
  if (measure === "margin" && !hasMargin) {
    throw CvaError.keyed(ErrorCodes.Missing, "measure.marginUnavailable", { arg: "valueMeasure" }, { argument: "valueMeasure" });
  }
  if (!["clv", "margin", "revenue"].includes(measure)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "valueMeasure", choices: "auto, clv, margin, revenue", got: JSON.stringify(requested) }, { argument: "valueMeasure" });
  }
  if (unfitted) {
    const reasonText = describeFallback(unfitted, lang);
    const text = t(lang, "model.fallback", { reason: reasonText, measure: t(lang, `measure.${measure}` as MessageKey) });
    model.fallback = { reason: unfitted.reason, reasonText, text };
  }
  const revenues = summaries.revenue;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (measure === "clv") values[i] = clv[i] === clv[i] ? clv[i] : 0;
    else if (measure === "margin") values[i] = margins && margins[i] === margins[i] ? margins[i] : 0;
    else values[i] = revenues[i];
  }

  // 4. Pyramid. A population with no spread gets a note, not a pyramid (docs/pyramid.md §11):
  // tier 0 ("No tier") for everyone, no tier rows in the report.
  let lowest = Infinity;
  let highest = -Infinity;
  let totalValue = 0;
  let totalRevenue = 0;
  let negatives = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lowest) lowest = v;
    if (v > highest) highest = v;
    if (v < 0) negatives++;
    totalValue += v;
    totalRevenue += revenues[i];
  }
  if (totalValue - totalValue !== 0 || totalRevenue - totalRevenue !== 0) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "values.sumTooLarge", { arg: "values" }, { argument: "values" });
  }
  const noSpread = n > 0 && lowest === highest;
  // The measure in both languages: a warning keeps its parameters, for an edge that shows it in another language.
  const measureKey = `measure.${measure}` as MessageKey;
  const measureWord = { "en-US": t("en-US", measureKey).toLowerCase(), "zh-CN": t("zh-CN", measureKey) };
  if (noSpread) warnings.push({ key: "warn.noSpread", params: { count: n, measure: measureWord, value: formatNumber(lowest) } });
  const tiers = noSpread ? new Uint16Array(n) : assignTiers(values, shares);
  const roles = shares.map((_, k) => tierRole(k + 1, shares));
  const roleOf = (tier: number): TierRole => (tier === 0 ? "none" : roles[tier - 1]);
  // Upgrade potential: 1 yes, 0 no, −1 not known.
  const upgrade = new Int8Array(n).fill(-1);
  if (!noSpread) {
    let forecast = clv;
    if (!predicted) {
      forecast = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const p = profileAt(i);
        forecast[i] = num(p?.predictedValue) ?? num(p?.clv) ?? NaN;
      }
    }
    const up = upgradePotential(tiers, values, forecast);
    for (let i = 0; i < n; i++) upgrade[i] = up[i] === null ? -1 : up[i] ? 1 : 0;
  }

  // 5. RFM.
  const rfmBins = options.rfmBins ?? DEFAULT_RFM_BINS;
  const sinceLast = new Float64Array(n);
  for (let i = 0; i < n; i++) sinceLast[i] = summaries.T[i] - summaries.recency[i];
  let spend: Float64Array = revenues;
  if (options.rfmMonetary === "average") {
    spend = new Float64Array(n);
    for (let i = 0; i < n; i++) spend[i] = revenues[i] / (summaries.frequency[i] + 1);
  }
  const rfmCodes = rfmColumns({ recency: sinceLast, frequency: summaries.frequency, monetary: spend }, rfmBins);

  // 6. Life cycle: each customer's input is made in one object, in turn.
  const N = summaries.periodCount;
  const periodAmounts = new Float64Array(N);
  const exitPeriodAmounts = new Float64Array(N);
  const lc = lifeCycleColumns(
    n,
    (i, into) => {
      into.purchases = summaries.frequency[i] + 1;
      into.first = fromTransactions ? summaries.first[i] : 0;
      into.last = fromTransactions ? summaries.last[i] : summaries.recency[i] * unitDays;
      into.end = fromTransactions ? end : summaries.T[i] * unitDays;
      into.periodDays = periodDays;
      if (N > 0) {
        periodAmounts.set(summaries.periodAmounts.subarray(i * N, (i + 1) * N));
        exitPeriodAmounts.set(summaries.exitPeriodAmounts.subarray(i * N, (i + 1) * N));
      }
      into.periodAmounts = N > 0 ? periodAmounts : undefined;
      into.exitPeriodAmounts = N > 0 ? exitPeriodAmounts : undefined;
      into.pAlive = pAlive[i] === pAlive[i] ? pAlive[i] : null;
      return into;
    },
    options.lifeCycle,
  );

  // 7. Loyalty.
  const indicators: LoyaltyIndicators = {};
  // Columns as Float64Array with NaN for "not known" (no boxed numbers in hot loops).
  const anyProfile = profileById.size > 0 || !fromTransactions;
  const col = (f: (p: CustomerProfile) => number | null | undefined): Float64Array | undefined => {
    if (!anyProfile) return undefined;
    const out = new Float64Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const p = profileAt(i);
      const v = p ? num(f(p)) : null;
      out[i] = v ?? NaN;
      if (v !== null) any = true;
    }
    return any ? out : undefined;
  };
  const repeatGiven = col((p) => p.repeatRate);
  if (fromTransactions) {
    const rr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = repeatGiven ? repeatGiven[i] : NaN;
      const observed = summaries.observedPeriods[i];
      rr[i] = g === g ? g : observed > 0 ? summaries.activePeriods[i] / observed : NaN;
    }
    indicators.repeatRate = rr;
  } else {
    indicators.repeatRate = repeatGiven;
  }
  indicators.purchaseAmount = revenues;
  const complaintsCol = col((p) => p.complaints);
  const rateGiven = col((p) => p.complaintRate);
  if (rateGiven || complaintsCol) {
    const cr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = rateGiven ? rateGiven[i] : NaN;
      const k = complaintsCol ? complaintsCol[i] : NaN;
      const orders = summaries.orders[i];
      cr[i] = g === g ? g : k === k && orders > 0 ? k / orders : NaN;
    }
    indicators.complaintRate = cr;
  }
  indicators.priceSensitivity = col((p) => p.priceSensitivity);
  indicators.reputation = col((p) => p.reputation);
  indicators.designation = col((p) => p.designation);
  if (pAlive.some((v) => v === v)) indicators.pAlive = pAlive;
  const loyalty = loyaltyIndexColumn(indicators, n, options.loyaltyWeights);
  const thresholds = options.loyaltyThresholds ?? DEFAULT_LOYALTY_THRESHOLDS;

  // 8. Per-customer figures, by column: relationship level, loyalty class; delivered value and
  // value ratio where profiles give them.
  const partnerDays = options.partnerTenureDays ?? DEFAULT_PARTNER_TENURE_DAYS;
  const level = new Uint8Array(n);
  const loyaltyClasses = new Int8Array(n);
  const delivered: (DeliveredValue | null)[] | null = profiles ? new Array(n) : null;
  const valueRatio: (number | null)[] | null = profiles ? new Array(n) : null;
  for (let i = 0; i < n; i++) {
    const stage = LIFE_CYCLE_STAGES[lc.stage[i]];
    const tenureDays = fromTransactions ? end - summaries.first[i] : summaries.T[i] * unitDays;
    level[i] = relationshipLevel({ frequency: summaries.frequency[i], role: roleOf(tiers[i]), stage, tenureDays }, partnerDays);
    const li = loyalty[i];
    loyaltyClasses[i] = li === li ? LOYALTY_CLASSES.indexOf(loyaltyClass(li, thresholds)) : -1;
    if (delivered && valueRatio) {
      const p = profileAt(i);
      const hasDelivered =
        p !== undefined &&
        [p.product, p.service, p.personnel, p.image, p.money, p.time, p.energy, p.physical, p.sensory].some((v) => num(v) !== null);
      const q = p ? num(p.quality) : null;
      const pr = p ? num(p.price) : null;
      delivered[i] = hasDelivered && p ? deliveredValue(p, p, options.deliveredValueWeights) : null;
      valueRatio[i] = q !== null && pr !== null && pr !== 0 ? q / pr : null;
    }
  }
  const tierCount = shares.length;
  const labelSet = options.tierLabels ?? "standard";
  const tierLabels = shares.map((_, k) => tierLabel(k + 1, tierCount, lang, labelSet));
  // Labels and texts looked up once, not per customer.
  const strategyText = new Map<string, string>();
  const texts: ResultTexts = {
    tierLabels,
    tierRoles: roles,
    noTierLabel: t(lang, "tier.none"),
    segmentLabels: RFM_SEGMENTS.map((g) => rfmSegmentLabel(g, lang)),
    stageLabels: LIFE_CYCLE_STAGES.map((st) => stageLabel(st, lang)),
    stageStrategies: LIFE_CYCLE_STAGES.map((st) => stageStrategy(st, lang)),
    exitLabels: EXIT_PATTERNS.map((e) => exitPatternLabel(e, lang)),
    levelLabels: ([1, 2, 3, 4] as RelationshipLevel[]).map((l) => levelLabel(l, lang)),
    classLabels: LOYALTY_CLASSES.map((c) => loyaltyClassLabel(c, lang)),
    tierStrategy: (role, up, lost) => {
      const key = `${role}|${up}|${lost}`;
      let text = strategyText.get(key);
      if (text === undefined) strategyText.set(key, (text = tierStrategy(role, up, lang, lost)));
      return text;
    },
    rfmBins,
  };
  const customers = new CustomerResults(
    {
      summaries,
      value: values,
      tier: tiers,
      upgradePotential: upgrade,
      rfm: rfmCodes,
      stage: lc.stage,
      exitPattern: lc.exitPattern,
      level,
      loyaltyIndex: loyalty,
      loyaltyClass: loyaltyClasses,
      pAlive,
      expectedPurchases,
      clv,
      delivered,
      valueRatio,
    },
    texts,
  );

  // 9. Report.
  const share = (a: number, b: number): number => (b !== 0 ? a / b : 0);
  const anyPredicted = upgrade.some((u) => u >= 0);
  const tierReports: TierReport[] = noSpread ? [] : shares.map((_, k) => {
    let count = 0;
    let value = 0;
    let revenue = 0;
    let clvSum = 0;
    let clvCount = 0;
    let up = 0;
    for (let i = 0; i < n; i++) {
      if (tiers[i] !== k + 1) continue;
      count++;
      value += values[i];
      revenue += revenues[i];
      const c = clv[i];
      if (c === c) {
        clvSum += c;
        clvCount++;
      }
      if (upgrade[i] === 1) up++;
    }
    return {
      tier: k + 1,
      label: tierLabels[k],
      role: roles[k],
      count,
      customerShare: share(count, n),
      value,
      valueShare: share(value, totalValue),
      meanValue: count > 0 ? value / count : 0,
      revenue,
      revenueShare: share(revenue, totalRevenue),
      meanClv: clvCount > 0 ? clvSum / clvCount : null,
      upgradePotential: anyPredicted ? up : null,
      strategy: tierStrategy(roles[k], null, lang),
    };
  });
  const keyTiers = tierReports.filter((r) => r.role === "key");
  // Customers per code: index k of the result counts code k; −1 (none) is not counted.
  const count = (codes: ArrayLike<number>, size: number): number[] => {
    const out = new Array<number>(size).fill(0);
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) out[codes[i]]++;
    return out;
  };
  const stageCounts = count(lc.stage, LIFE_CYCLE_STAGES.length);
  const exitCounts = count(lc.exitPattern, EXIT_PATTERNS.length);
  const levelCounts = count(level, 5);
  const segCounts = count(rfmCodes.segment, RFM_SEGMENTS.length);
  const classCounts = count(loyaltyClasses, LOYALTY_CLASSES.length);
  const classCount = (c: LoyaltyClass): number => classCounts[LOYALTY_CLASSES.indexOf(c)];
  let complaints: number | null = null;
  if (complaintsCol) complaints = complaintsCol.reduce((a, v) => (v === v ? a + v : a), 0);
  const iceberg = options.complaintIceberg ?? DEFAULT_COMPLAINT_ICEBERG;
  const wom = options.wordOfMouth ?? DEFAULT_WORD_OF_MOUTH;
  const satisfied = classCount("loyal") + classCount("satisfied");
  const dissatisfied = classCount("atRisk") + classCount("defecting");
  const womFigures = wordOfMouth(satisfied, dissatisfied, wom);
  let indexSum = 0;
  let indexCount = 0;
  for (let i = 0; i < n; i++) {
    const v = loyalty[i];
    if (v === v) {
      indexSum += v;
      indexCount++;
    }
  }
  const paretoTop = options.paretoTop ?? DEFAULT_PARETO_TOP;
  // Concentration is a share of a total: a negative value counts as 0, and the report says so.
  const conc = concentration(values, paretoTop, options.lorenzPoints ?? DEFAULT_LORENZ_POINTS, "zero");
  if (negatives > 0) warnings.push({ key: "warn.negativeValues", params: { customers: counted(negatives, "customer has", "customers have", "位客户"), measure: measureWord } });
  const report: AnalyzeReport = {
    lang,
    customers: n,
    valueMeasure: measure,
    valueMeasureLabel: t(lang, measureKey),
    unit,
    end: fromTransactions ? formatDay(end) : null,
    totalValue,
    totalRevenue,
    tiers: tierReports,
    keyCustomers: {
      label: t(lang, "tier.keyCustomers"),
      count: keyTiers.reduce((a, r) => a + r.count, 0),
      customerShare: keyTiers.reduce((a, r) => a + r.customerShare, 0),
      valueShare: keyTiers.reduce((a, r) => a + r.valueShare, 0),
    },
    pareto: { top: paretoTop, valueShare: conc.topShare },
    lorenz: conc.lorenz,
    gini: conc.gini,
    stages: LIFE_CYCLE_STAGES.map((stage, k) => ({
      stage,
      label: stageLabel(stage, lang),
      count: stageCounts[k],
      share: share(stageCounts[k], n),
      strategy: stageStrategy(stage, lang),
    })),
    exitPatterns: EXIT_PATTERNS.map((pattern, k) => ({ pattern, label: exitPatternLabel(pattern, lang), count: exitCounts[k] })),
    levels: ([1, 2, 3, 4] as RelationshipLevel[]).map((level) => ({ level, label: levelLabel(level, lang), count: levelCounts[level] })),
    rfmSegments: RFM_SEGMENTS.map((segment, k) => ({ segment, label: rfmSegmentLabel(segment, lang), count: segCounts[k] })),
    loyalty: {
      indicators: LOYALTY_INDICATORS.map((d) => d.key).filter((k) => indicators[k] !== undefined),
      meanIndex: indexCount > 0 ? indexSum / indexCount : null,
      classes: LOYALTY_CLASSES.map((c, k) => ({ class: c, label: loyaltyClassLabel(c, lang), count: classCounts[k] })),
      complaints,
      dissatisfiedEstimate: complaints === null ? null : complaintIceberg(complaints, iceberg),
      icebergText: complaints === null ? null : t(lang, "loyalty.iceberg", { complaints, dissatisfied: complaintIceberg(complaints, iceberg) }),
      wordOfMouth: womFigures,
      wordOfMouthText: t(lang, "loyalty.wordOfMouth", { positive: wom.satisfied, negativeLow: wom.dissatisfiedLow, negativeHigh: wom.dissatisfiedHigh }),
    },
    predictorNote: model.note,
    model,
    profilesWithoutTransactions,
    warnings: warnings.map((w) => ({ key: w.key, params: w.params, text: warningText(w, lang) })),
  };
  return { customers, report };
}
