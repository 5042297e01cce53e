/**
 * Steps 4 to 8 of the analysis: each customer's place in the segments, by column. The pyramid's
 * tier and upgrade potential (docs/pyramid.md), the RFM scores and segment (docs/rfm.md), the
 * life-cycle stage and exit pattern (docs/lifecycle.md), the loyalty index and class
 * (docs/loyalty.md), the relationship level (docs/relationship.md), and delivered value and value
 * ratio where profiles give them (docs/delivered-value.md).
 */
import type { LocalText } from "../i18n/errors";
import type { CvaWarning } from "../warnings";
import { formatNumber } from "../segments/pareto";
import { assignTiers, tierRole, upgradePotential, type TierRole } from "../segments/pyramid";
import { rfmColumns, DEFAULT_RFM_BINS, type RfmScoreColumns } from "../segments/rfm";
import { lifeCycleColumns, LIFE_CYCLE_STAGES, type LifeCycleColumns, type LifeCycleOptions } from "../segments/lifecycle";
import { DEFAULT_PARTNER_TENURE_DAYS, relationshipLevel } from "../segments/level";
import {
  DEFAULT_LOYALTY_THRESHOLDS,
  LOYALTY_CLASSES,
  loyaltyClass,
  loyaltyIndexColumn,
  type LoyaltyIndicators,
} from "../segments/loyalty";
import type { SummaryColumns } from "../summary/customer-summary";
import { deliveredValue, type DeliveredValue } from "../value/delivered";
import { num, type AnalysisCustomers } from "./customers";
import type { AnalyzeOptions, CustomerProfile } from "./inputs";
import type { LifetimeColumns } from "./lifetime-model";
import type { ValueTotals } from "./value-measure";

/** The pyramid, by column. */
export interface PyramidColumns {
  /** The values do not differ: every customer is in tier 0 ("No tier"), and the report has no tier rows. */
  noSpread: boolean;
  tiers: Uint16Array;
  /** The role of tier k + 1 at k. */
  roles: TierRole[];
  /** Upgrade potential: 1 yes, 0 no, −1 not known. */
  upgrade: Int8Array;
}

/**
 * 4. Pyramid. A population with no spread gets a note, not a pyramid (docs/pyramid.md §11):
 * tier 0 ("No tier") for everyone, no tier rows in the report.
 */
export function pyramidOf(
  values: Float64Array,
  totals: ValueTotals,
  shares: readonly number[],
  lifetime: LifetimeColumns,
  profileAt: (i: number) => CustomerProfile | undefined,
  measureWord: LocalText,
  warnings: CvaWarning[],
): PyramidColumns {
  const n = values.length;
  const { lowest, highest } = totals;
  const { predicted, clv } = lifetime;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: analyze refuses a base without customers (customers.ts), so n ≥ 1 here
  const noSpread = n > 0 && lowest === highest;
  if (noSpread) warnings.push({ key: "warn.noSpread", params: { count: n, measure: measureWord, value: formatNumber(lowest) } });
  const tiers = noSpread ? new Uint16Array(n) : assignTiers(values, shares);
  const roles = shares.map((_, k) => tierRole(k + 1, shares));
  // Upgrade potential: 1 yes, 0 no, −1 not known.
  const upgrade = new Int8Array(n).fill(-1);
  if (!noSpread) {
    let forecast = clv;
    if (!predicted) {
      forecast = new Float64Array(n);
      // Stryker disable next-line EqualityOperator: at i = n a typed array ignores the write past its end, and nothing else reads what it finds there
      for (let i = 0; i < n; i++) {
        const p = profileAt(i);
        forecast[i] = num(p?.predictedValue) ?? num(p?.clv) ?? NaN;
      }
    }
    const up = upgradePotential(tiers, values, forecast);
    // Stryker disable next-line EqualityOperator: at i = n a typed array ignores the write past its end, and nothing else reads what it finds there
    for (let i = 0; i < n; i++) upgrade[i] = up[i] === null ? -1 : up[i] ? 1 : 0;
  }
  return { noSpread, tiers, roles, upgrade };
}

/** 5. RFM: each customer's scores and segment, with the number of score bins. */
export function rfmOf(summaries: SummaryColumns, options: AnalyzeOptions): { rfmBins: number; rfmCodes: RfmScoreColumns } {
  const n = summaries.length;
  const revenues = summaries.revenue;
  const rfmBins = options.rfmBins ?? DEFAULT_RFM_BINS;
  const sinceLast = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: at i = n a typed array ignores the write past its end, and nothing else reads what it finds there
  for (let i = 0; i < n; i++) sinceLast[i] = summaries.T[i] - summaries.recency[i];
  let spend: Float64Array = revenues;
  if (options.rfmMonetary === "average") {
    spend = new Float64Array(n);
    // Stryker disable next-line EqualityOperator: at i = n a typed array ignores the write past its end, and nothing else reads what it finds there
    for (let i = 0; i < n; i++) spend[i] = revenues[i] / (summaries.frequency[i] + 1);
  }
  const rfmCodes = rfmColumns({ recency: sinceLast, frequency: summaries.frequency, monetary: spend }, rfmBins);
  return { rfmBins, rfmCodes };
}

/** 6. Life cycle: each customer's input is made in one object, in turn. */
export function lifeCycleOf(customers: AnalysisCustomers, pAlive: Float64Array, options: LifeCycleOptions | undefined): LifeCycleColumns {
  const { summaries, fromTransactions, end, unitDays, periodDays } = customers;
  const n = summaries.length;
  const N = summaries.periodCount;
  const periodAmounts = new Float64Array(N);
  const exitPeriodAmounts = new Float64Array(N);
  return lifeCycleColumns(
    n,
    (i, into) => {
      into.purchases = summaries.frequency[i] + 1;
      into.first = fromTransactions ? summaries.first[i] : 0;
      into.last = fromTransactions ? summaries.last[i] : summaries.recency[i] * unitDays;
      into.end = fromTransactions ? end : summaries.T[i] * unitDays;
      into.periodDays = periodDays;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: with N = 0 the copies are of nothing
      if (N > 0) {
        periodAmounts.set(summaries.periodAmounts.subarray(i * N, (i + 1) * N));
        exitPeriodAmounts.set(summaries.exitPeriodAmounts.subarray(i * N, (i + 1) * N));
      }
      into.periodAmounts = N > 0 ? periodAmounts : undefined;
      into.exitPeriodAmounts = N > 0 ? exitPeriodAmounts : undefined;
      // NaN where not known: the rule takes only a finite P(alive)
      into.pAlive = pAlive[i];
      return into;
    },
    options,
  );
}

/** The loyalty indicators and index, by column. */
export interface LoyaltyColumns {
  indicators: LoyaltyIndicators;
  /** Each customer's loyalty index; NaN where not known. */
  loyalty: Float64Array;
  /** Complaints per customer from the profiles, NaN where not known; undefined when no profile gives them. */
  complaintsCol: Float64Array | undefined;
}

/** 7. Loyalty: the indicators the data give (docs/loyalty.md §2) and each customer's index. */
export function loyaltyOf(customers: AnalysisCustomers, pAlive: Float64Array, options: AnalyzeOptions): LoyaltyColumns {
  const { summaries, fromTransactions, profileById, profileAt } = customers;
  const n = summaries.length;
  const revenues = summaries.revenue;
  const indicators: LoyaltyIndicators = {};
  // Columns as Float64Array with NaN for "not known" (no boxed numbers in hot loops). Without
  // profiles (the profiles-only input always has some) no column is read.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; without profiles every column would come out undefined anyway
  const anyProfile = profileById.size > 0;
  const col = (f: (p: CustomerProfile) => number | null | undefined): Float64Array | undefined => {
    // Stryker disable next-line ConditionalExpression: a shortcut: without profiles the loop below finds no value, and the column is undefined all the same
    if (!anyProfile) return undefined;
    const out = new Float64Array(n);
    let any = false;
    // Stryker disable next-line EqualityOperator: at i = n a typed array ignores the write past its end, and nothing else reads what it finds there
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
    // Stryker disable next-line EqualityOperator: at i = n a typed array ignores the write past its end, and nothing else reads what it finds there
    for (let i = 0; i < n; i++) {
      const g = repeatGiven ? repeatGiven[i] : NaN;
      const observed = summaries.observedPeriods[i];
      // Stryker disable next-line ConditionalExpression,EqualityOperator: with no period observed none is active either, and 0/0 is NaN, the fallback
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
    // Stryker disable next-line EqualityOperator: at i = n a typed array ignores the write past its end, and nothing else reads what it finds there
    for (let i = 0; i < n; i++) {
      const g = rateGiven ? rateGiven[i] : NaN;
      const k = complaintsCol ? complaintsCol[i] : NaN;
      const orders = summaries.orders[i];
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: NaN/orders is NaN, and k/0 is not finite, which the loyalty index takes as not known, like NaN
      cr[i] = g === g ? g : k === k && orders > 0 ? k / orders : NaN;
    }
    indicators.complaintRate = cr;
  }
  indicators.priceSensitivity = col((p) => p.priceSensitivity);
  indicators.reputation = col((p) => p.reputation);
  indicators.designation = col((p) => p.designation);
  if (pAlive.some((v) => v === v)) indicators.pAlive = pAlive;
  const loyalty = loyaltyIndexColumn(indicators, n, options.loyaltyWeights);
  return { indicators, loyalty, complaintsCol };
}

/** Each customer's relationship level and loyalty class, and delivered value and value ratio where profiles give them. */
export interface CustomerFigures {
  /** Relationship level 1–4. */
  level: Uint8Array;
  /** Index in LOYALTY_CLASSES; −1 for none. */
  loyaltyClasses: Int8Array;
  /** Per customer, only when profiles were given. */
  delivered: (DeliveredValue | null)[] | null;
  valueRatio: (number | null)[] | null;
}

/**
 * 8. Per-customer figures, by column: relationship level, loyalty class; delivered value and
 * value ratio where profiles give them.
 */
export function customerFigures(
  customers: AnalysisCustomers,
  lc: LifeCycleColumns,
  pyramid: PyramidColumns,
  loyalty: Float64Array,
  options: AnalyzeOptions,
): CustomerFigures {
  const { summaries, fromTransactions, end, unitDays, profiles, profileAt } = customers;
  const { tiers, roles } = pyramid;
  const n = summaries.length;
  // Stryker disable next-line ConditionalExpression,StringLiteral: relationshipLevel asks only whether the role is key or regular
  const roleOf = (tier: number): TierRole => (tier === 0 ? "none" : roles[tier - 1]);
  const thresholds = options.loyaltyThresholds ?? DEFAULT_LOYALTY_THRESHOLDS;
  const partnerDays = options.partnerTenureDays ?? DEFAULT_PARTNER_TENURE_DAYS;
  const level = new Uint8Array(n);
  const loyaltyClasses = new Int8Array(n);
  // Stryker disable next-line ArrayDeclaration: the loop below writes every entry
  const delivered: (DeliveredValue | null)[] | null = profiles ? new Array(n) : null;
  // Stryker disable next-line ArrayDeclaration: the loop below writes every entry
  const valueRatio: (number | null)[] | null = profiles ? new Array(n) : null;
  for (let i = 0; i < n; i++) {
    const stage = LIFE_CYCLE_STAGES[lc.stage[i]];
    const tenureDays = fromTransactions ? end - summaries.first[i] : summaries.T[i] * unitDays;
    level[i] = relationshipLevel({ frequency: summaries.frequency[i], role: roleOf(tiers[i]), stage, tenureDays }, partnerDays);
    const li = loyalty[i];
    loyaltyClasses[i] = li === li ? LOYALTY_CLASSES.indexOf(loyaltyClass(li, thresholds)) : -1;
    // Stryker disable next-line LogicalOperator: the two lists are made together, both or neither
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
  return { level, loyaltyClasses, delivered, valueRatio };
}
