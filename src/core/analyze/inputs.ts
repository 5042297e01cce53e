/**
 * What an analysis takes: transactions and/or customer profiles (docs/inputs.md §4), its options,
 * and the hook for a lifetime model of the caller's own.
 */
import type { FitOptions } from "../clv/data";
import type { Lang } from "../i18n/messages";
import type { LifeCycleOptions } from "../segments/lifecycle";
import type { LoyaltyIndicator, LoyaltyThresholds, WordOfMouthDefaults } from "../segments/loyalty";
import type { TierLabelSet } from "../segments/pyramid";
import type { CustomerSummary } from "../summary/customer-summary";
import type { SummaryOptions } from "../summary/settings";
import type { Transaction, TransactionTable } from "../summary/transactions";
import type { DeliveredValueWeights } from "../value/delivered";

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
  /** The count model, or "auto" to fit all three and choose (../clv/model-choice.ts); default "bgnbd". */
  model?: import("../clv/models").ModelChoice;
  /** Cost of acquiring a customer, ≥ 0: the report's new customer gets CLV:CAC and the payback month; absent or null: none. */
  acquisitionCost?: number | null;
  /** L2 penalty of every fit (count models, auto's comparison, Gamma-Gamma), ≥ 0, as lifetimes' penalizer_coef (FitOptions.penalizer); default 0. */
  penalizer?: number;
  /**
   * Keep every customer's 90 % interval of P(alive), expected purchases and CLV, and its
   * tier-uncertain flag, in the result's `intervals` (docs/models/uncertainty.md §9); default false.
   * The report's equity interval and tier-uncertain count are given either way.
   */
  intervals?: boolean;
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
  /** Value measure for the pyramid; default "auto" (see ./value-measure.ts). */
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
