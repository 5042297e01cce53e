/**
 * Step 9 of the analysis: the manager's report (docs/output.md §3–§4) — per tier count, shares,
 * value and strategy (docs/pyramid.md); per stage count and strategy (docs/lifecycle.md); the
 * Pareto share, Lorenz curve and Gini (docs/pyramid.md §8–§9); RFM segments, relationship levels,
 * loyalty (docs/loyalty.md); what the lifetime model did — and the warnings the user must hear, in
 * the report's language.
 */
import type { ErrorKey, ErrorParams, LocalText } from "../i18n/errors";
import { t, type Lang, type MessageKey } from "../i18n/messages";
import { counted, warningText, type CvaWarning } from "../warnings";
import { formatDay } from "../summary/dates";
import type { TimeUnit } from "../summary/units";
import { tierStrategy, type TierRole } from "../segments/pyramid";
import { DEFAULT_PARETO_TOP, DEFAULT_LORENZ_POINTS, concentration, type LorenzPoint } from "../segments/pareto";
import { rfmSegmentLabel, RFM_SEGMENTS, type RfmSegment } from "../segments/rfm";
import { EXIT_PATTERNS, exitPatternLabel, LIFE_CYCLE_STAGES, stageLabel, stageStrategy, type ExitPattern, type LifeCycleStage } from "../segments/lifecycle";
import { levelLabel, type RelationshipLevel } from "../segments/level";
import { AT_RISK_P_ALIVE } from "../segments/customer-state";
import {
  complaintIceberg,
  DEFAULT_COMPLAINT_ICEBERG,
  DEFAULT_WORD_OF_MOUTH,
  LOYALTY_CLASSES,
  LOYALTY_INDICATORS,
  loyaltyClassLabel,
  wordOfMouth,
  type LoyaltyClass,
  type LoyaltyIndicator,
  type LoyaltyIndicators,
  type WordOfMouth,
} from "../segments/loyalty";
import type { BtydFallbackReason } from "../clv/lifetime";
import type { CountModelId } from "../clv/models";
import type { ModelComparison } from "../clv/model-choice";
import type { FitChecks } from "../clv/fit-checks";
import type { BaseForecast, NewCustomerValue } from "../clv/forecast";
import type { LiveModel } from "../clv/live-model";
import type { ParameterTable } from "./parameters";
import type { CustomerColumns, ResultTexts } from "../results";
import type { AnalyzeOptions, ResolvedValueMeasure } from "./inputs";
import type { ValueTotals } from "./value-measure";
import type { EquityInterval, ForecastInterval } from "./intervals";

/** What the lifetime model did, for the report. */
export interface ModelReport {
  /** "btyd" for the default BG/NBD + Gamma-Gamma, "custom" for `options.predictor`, null when none ran. */
  kind: "btyd" | "custom" | null;
  fitted: boolean;
  /** The fitted parameters and settings (default model, in the report's language) or the predictor's note. */
  note: string | null;
  /** Why the default model was not used, when it could not be fitted. */
  fallback: { reason: BtydFallbackReason; reasonText: string; text: string } | null;
  /** The count model used (the chosen one with `auto`); null when none was fitted. */
  countModel: CountModelId | null;
  /** With `auto`: every model's fit and the choice (docs/models/choice.md); null otherwise. */
  comparison: ModelComparison | null;
  /** Why `auto` chose its model, in the report's language; null without `auto`. */
  choiceText: string | null;
  /** The fitted model's fit checks (frequency histogram, P(alive) matrix; docs/models/fit-checks.md); null when none was fitted. */
  checks: FitChecks | null;
  /** The whole base's next 12 months (transactions, revenue, discounted margin per month; docs/models/forecast.md); null when none was fitted. */
  forecast: BaseForecast | null;
  /**
   * One customer acquired now, over the same 12 months (the unconditional E[X(t)], docs/models/forecast.md §4),
   * at `spend` per purchase (the population's mean, newCustomerSpend), with CLV:CAC and the payback month when
   * `lifetime.acquisitionCost` is given; null when no count model was fitted.
   */
  newCustomer: (NewCustomerValue & { spend: number }) | null;
  /**
   * Customer equity (Σ CLV) with its 90 % interval from 200 draws of the fitted parameters, seed 1
   * (docs/models/uncertainty.md §8); null when no count model was fitted or its uncertainty cannot
   * be computed (then `intervalNote` says why).
   */
  equityInterval: EquityInterval | null;
  /** What the equity interval means, in one sentence in the report's language, or why there is none; null when no count model was fitted. */
  intervalNote: string | null;
  /**
   * The next 12 months' repeat purchases and revenue (`forecast`'s totals) with their 90 %
   * predictive interval — what the customers will actually buy: the parameters' uncertainty and
   * each customer's own chance (docs/models/uncertainty.md §11) — and the sentence that says so;
   * absent without the forecast or when the fits' uncertainty cannot be computed. Customer equity,
   * an expected value, keeps the parameters-only `equityInterval`.
   */
  forecastInterval?: ForecastInterval;
  /**
   * How many customers' 90 % CLV interval crosses a cutoff of their tier (docs/models/uncertainty.md §9),
   * with the sentence that says so; null without intervals or when the pyramid does not rank by the model's CLV.
   */
  tierUncertain: { count: number; level: number; text: string } | null;
  /**
   * The fitted parameters with their standard errors and 95 % intervals, or per model the reason
   * they cannot be computed (./parameters.ts); null when no count model was fitted.
   */
  parameters: ParameterTable | null;
  /**
   * The fitted parameters, settings and the base's revenue by month that the workbook's named cells,
   * what-if table and worked example are written from (docs/live-model.md); absent when no count
   * model was fitted or it could not be computed.
   */
  live?: LiveModel;
}

/**
 * The customers at risk [有流失风险的客户] and what is at stake (docs/customer-state.md §3): not
 * churned, and in decline or with P(alive) below `pAliveBelow`.
 */
export interface AtRiskReport {
  count: number;
  /** Their share of all customers. */
  customerShare: number;
  /** The value at stake: their sum of the value measure (CLV with a model), as `totalValue`. */
  value: number;
  /** Their share of `totalValue`; 0 when the total is 0. */
  valueShare: number;
  /** What they bought in the observation period. */
  revenue: number;
  /** The P(alive) below which a customer not churned is at risk (0.5). */
  pAliveBelow: number;
}

/** The at-risk figures of the customers flagged in `atRisk` (docs/customer-state.md §3). O(n). */
export function atRiskReport(atRisk: ArrayLike<number>, values: ArrayLike<number>, revenues: ArrayLike<number>, totalValue: number): AtRiskReport {
  const n = atRisk.length;
  let count = 0;
  let value = 0;
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    if (atRisk[i] !== 1) continue;
    count++;
    value += values[i];
    revenue += revenues[i];
  }
  return {
    count,
    customerShare: n > 0 ? count / n : 0,
    value,
    valueShare: totalValue !== 0 ? value / totalValue : 0,
    revenue,
    pAliveBelow: AT_RISK_P_ALIVE,
  };
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
  /** Customers at risk (docs/customer-state.md §3): every customer whose `atRisk` flag is set. */
  atRisk: AtRiskReport;
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

/** What the report is made of besides the customers' columns and the results' texts. */
export interface ReportInputs {
  lang: Lang;
  unit: TimeUnit;
  fromTransactions: boolean;
  /** Observation end as a day number (transactions only). */
  end: number;
  measure: ResolvedValueMeasure;
  measureKey: MessageKey;
  /** The measure in both languages, for the warnings that name it. */
  measureWord: LocalText;
  totals: ValueTotals;
  noSpread: boolean;
  /** Tier shares of customers, top first. */
  shares: readonly number[];
  indicators: LoyaltyIndicators;
  /** Complaints per customer from the profiles, NaN where not known; undefined when no profile gives them. */
  complaintsCol: Float64Array | undefined;
  model: ModelReport;
  profilesWithoutTransactions: number;
  /** The analysis's warnings so far; the report adds its own and gives each its text. */
  warnings: CvaWarning[];
}

/** The report of an analysis, from its customers' columns. */
export function analysisReport(columns: CustomerColumns, texts: ResultTexts, inputs: ReportInputs, options: AnalyzeOptions): AnalyzeReport {
  const { lang, unit, fromTransactions, end, measure, measureKey, measureWord, noSpread, shares, indicators, complaintsCol, model, profilesWithoutTransactions, warnings } = inputs;
  const { totalValue, totalRevenue, negatives } = inputs.totals;
  const { value: values, tier: tiers, upgradePotential: upgrade, clv, level, loyaltyIndex: loyalty, loyaltyClass: loyaltyClasses, rfm: rfmCodes } = columns;
  const { tierLabels, tierRoles: roles } = texts;
  const n = columns.summaries.length;
  const revenues = columns.summaries.revenue;
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
  const stageCounts = count(columns.stage, LIFE_CYCLE_STAGES.length);
  const exitCounts = count(columns.exitPattern, EXIT_PATTERNS.length);
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
    atRisk: atRiskReport(columns.atRisk, values, revenues, totalValue),
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
  return report;
}
