/**
 * The customer life cycle [客户生命周期] (docs/lifecycle.md §3–§5): one stage per customer, and for a
 * churned customer the exit pattern [客户生命周期模式] naming the stage it left in.
 *
 * Rules, checked in this order (all thresholds in {@link LifeCycleOptions}):
 * 1. churned [流失] (docs/customer-state.md §2): P(alive) < 0.1 when P(alive) is known, or —
 *    with a model or without — silent beyond the churn gap: no purchase for more than 3 × the
 *    population's mean inter-purchase time (the mean of (last − first) / x over the repeat buyers)
 *    and, for a repeat buyer, for more than 3 × its own. A one-time buyer has no inter-purchase
 *    time of its own and is judged by the population's alone (`oneTimeBuyerGap: "population"`,
 *    the default), or never by this rule ("never"). A count model's P(alive) does not replace the
 *    rule: BG/NBD gives every one-time buyer P(alive) = 1, however long silent.
 * 2. exploration [考察期]: at most 2 purchases, or the first purchase within the last period;
 * 3. formation [形成期]: trend of the amounts over the last N periods > +0.15;
 * 4. decline [退化期]: trend < −0.15, or no amount at all in the last N periods (mean ≤ 0);
 * 5. stability [稳定期]: otherwise.
 * The trend is the least-squares slope of the period amounts against the period number,
 * divided by their mean (slope per period as a share of the mean level).
 *
 * Exit pattern: rules 2–5 applied as of the customer's last purchase (periods ending at that day,
 * "first purchase within the last period" measured back from it): exploration → A early abortive
 * [早期流产型], formation → B mid-way [中途夭折型], stability → C early exit [提前退出型] when the
 * tenure (first to last purchase) is below the median tenure of all customers, else D long kept
 * [长久保持型]; decline → D.
 *
 * Cost: O(n · N) plus O(n log n) for the median tenure.
 */
import { t, type Lang, type MessageKey } from "../i18n/messages";
import { medianSorted, sortedAscending } from "./ranks";

export type LifeCycleStage = "exploration" | "formation" | "stability" | "decline" | "churned";
export const LIFE_CYCLE_STAGES: readonly LifeCycleStage[] = ["exploration", "formation", "stability", "decline", "churned"];
export type ExitPattern = "A" | "B" | "C" | "D";
export const EXIT_PATTERNS: readonly ExitPattern[] = ["A", "B", "C", "D"];

export interface LifeCycleOptions {
  /** |trend| beyond which volume is rising or falling; default 0.15 (docs/lifecycle.md §2). */
  trendThreshold?: number;
  /** At most this many purchases is exploration; default 2. */
  explorationMaxPurchases?: number;
  /** P(alive) below this is churned; default 0.1. */
  churnPAlive?: number;
  /** No purchase for more than this many mean inter-purchase times is churned; default 3. */
  churnGapMultiple?: number;
  /** How one-time buyers meet the gap rule: "population" (default) or "never". */
  oneTimeBuyerGap?: "population" | "never";
}

export const DEFAULT_LIFE_CYCLE: Required<LifeCycleOptions> = {
  trendThreshold: 0.15,
  explorationMaxPurchases: 2,
  churnPAlive: 0.1,
  churnGapMultiple: 3,
  oneTimeBuyerGap: "population",
};

export interface LifeCycleInput {
  /** Purchase days (x + 1). */
  purchases: number;
  /** Day numbers of the first and last purchase, and the observation end. */
  first: number;
  last: number;
  end: number;
  /** Length of a period in days (for "first purchase within the last period"). */
  periodDays: number;
  /** Amounts in the last N periods before the end, oldest first; omitted when unknown. */
  periodAmounts?: ArrayLike<number>;
  /** Amounts in the N periods ending at the last purchase, oldest first. */
  exitPeriodAmounts?: ArrayLike<number>;
  /** P(alive) when a model gives one. */
  pAlive?: number | null;
}

export interface LifeCycleResult {
  stage: LifeCycleStage;
  exitPattern: ExitPattern | null;
  /** Trend (slope / mean) of the period amounts; null when there are none or their mean is ≤ 0. */
  trend: number | null;
}

/**
 * Least-squares slope of the amounts against their index, divided by their mean; null when
 * the mean is ≤ 0 or there are no amounts. O(N).
 * @example volumeTrend([10, 20, 30, 40]) // slope 10 / mean 25 = 0.4
 */
export function volumeTrend(amounts: ArrayLike<number>): number | null {
  const n = amounts.length;
  // Stryker disable next-line ConditionalExpression: with no amounts the mean is 0/0 = NaN, and the mean guard below returns null as well
  if (n === 0) return null;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += amounts[k];
  mean /= n;
  if (!(mean > 0)) return null;
  if (n === 1) return 0;
  const kbar = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    // Stryker disable next-line ArithmeticOperator: Σ(y − ȳ) = 0 and Σ(k − k̄) = 0, so (k + k̄) for (k − k̄) or (y + ȳ) for (y − ȳ) gives the same sum
    sxy += (k - kbar) * (amounts[k] - mean);
    // Stryker disable next-line ArithmeticOperator: Σ(k + k̄)(k − k̄) = Σk² − n·k̄² = Σ(k − k̄)², since Σk = n·k̄
    sxx += (k - kbar) * (k - kbar);
  }
  return sxy / sxx / mean;
}

function activeStage(
  purchases: number,
  sinceFirst: number,
  periodDays: number,
  amounts: ArrayLike<number> | undefined,
  o: Required<LifeCycleOptions>,
): { stage: Exclude<LifeCycleStage, "churned">; trend: number | null } {
  const trend = amounts ? volumeTrend(amounts) : null;
  if (purchases <= o.explorationMaxPurchases || sinceFirst < periodDays) return { stage: "exploration", trend };
  if (!amounts) return { stage: "stability", trend };
  if (trend === null) return { stage: "decline", trend };
  if (trend > o.trendThreshold) return { stage: "formation", trend };
  if (trend < -o.trendThreshold) return { stage: "decline", trend };
  return { stage: "stability", trend };
}

/**
 * Stage and exit pattern of every customer; see the module comment. Without period amounts
 * (profiles only), a customer past exploration is in stability.
 */
export function lifeCycle(inputs: readonly LifeCycleInput[], options: LifeCycleOptions = {}): LifeCycleResult[] {
  const o = { ...DEFAULT_LIFE_CYCLE, ...options };
  const population = populationFigures(inputs.length, (i) => inputs[i]);
  return inputs.map((c) => stageOf(c, o, population));
}

/** Stages and exit patterns by column: each as its index in {@link LIFE_CYCLE_STAGES} and {@link EXIT_PATTERNS}, −1 for no exit pattern. */
export interface LifeCycleColumns {
  stage: Uint8Array;
  exitPattern: Int8Array;
}

/**
 * {@link lifeCycle} by column, for many customers (docs/output.md §9): `input(i, into)` fills
 * `into` (one object for every customer, so none is kept) with customer i's input and returns it.
 */
export function lifeCycleColumns(n: number, input: (i: number, into: LifeCycleInput) => LifeCycleInput, options: LifeCycleOptions = {}): LifeCycleColumns {
  const o = { ...DEFAULT_LIFE_CYCLE, ...options };
  // Stryker disable next-line ObjectLiteral: input(i, into) fills every field before any is read; the start values only satisfy the type
  const into: LifeCycleInput = { purchases: 0, first: 0, last: 0, end: 0, periodDays: 1 };
  const population = populationFigures(n, (i) => input(i, into));
  const stage = new Uint8Array(n);
  const exitPattern = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const r = stageOf(input(i, into), o, population);
    stage[i] = LIFE_CYCLE_STAGES.indexOf(r.stage);
    // Stryker disable next-line ConditionalExpression: EXIT_PATTERNS.indexOf(null) is −1 as well; the test spells out the intent
    exitPattern[i] = r.exitPattern === null ? -1 : EXIT_PATTERNS.indexOf(r.exitPattern);
  }
  return { stage, exitPattern };
}

/** What every customer is judged against: the mean inter-purchase gap over repeat buyers (for one-time buyers) and the median tenure (C vs D). */
interface PopulationFigures {
  gap: number;
  medianTenure: number;
}

function populationFigures(n: number, input: (i: number) => LifeCycleInput): PopulationFigures {
  let gapSum = 0;
  let gapCount = 0;
  const tenures = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = input(i);
    tenures[i] = c.last - c.first;
    if (c.purchases > 1) {
      gapSum += (c.last - c.first) / (c.purchases - 1);
      gapCount++;
    }
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with gapCount 0 the sum is 0 too, and 0 / 0 is NaN, the same as the fallback
  return { gap: gapCount > 0 ? gapSum / gapCount : NaN, medianTenure: medianSorted(sortedAscending(tenures)) };
}

/**
 * Whether the customer has been silent beyond its churn gap (docs/customer-state.md §2): more than
 * `churnGapMultiple` × the population's mean inter-purchase time `populationGap` and, for a repeat
 * buyer, more than that many of its own. Without repeat buyers in the data (`populationGap` NaN) a
 * repeat buyer is judged by its own gap and a one-time buyer not at all.
 * @example silentBeyondGap({ purchases: 1, first: 0, last: 0, end: 200, periodDays: 91 }, DEFAULT_LIFE_CYCLE, 60) // true: 200 > 3 × 60
 */
export function silentBeyondGap(
  c: Pick<LifeCycleInput, "purchases" | "first" | "last" | "end">,
  o: Pick<Required<LifeCycleOptions>, "churnGapMultiple" | "oneTimeBuyerGap">,
  populationGap: number,
): boolean {
  const silent = c.end - c.last;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with one purchase last = first, and 0 / 0 is NaN, the same as the fallback
  const own = c.purchases > 1 ? (c.last - c.first) / (c.purchases - 1) : NaN;
  if (own !== own && o.oneTimeBuyerGap !== "population") return false;
  // The larger of the two gaps: a repeat buyer must be silent beyond both; NaN (no figure) never counts.
  // Stryker disable next-line EqualityOperator: where the two gaps are equal either is the gap
  const gap = own !== own ? populationGap : populationGap > own ? populationGap : own;
  return gap > 0 && silent > o.churnGapMultiple * gap;
}

function stageOf(c: LifeCycleInput, o: Required<LifeCycleOptions>, population: PopulationFigures): LifeCycleResult {
  const now = activeStage(c.purchases, c.end - c.first, c.periodDays, c.periodAmounts, o);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: Number.isFinite is false for undefined and null, so the first two checks only spell out the intent (the finite check is pinned by the NaN test)
  const byModel = c.pAlive !== undefined && c.pAlive !== null && Number.isFinite(c.pAlive) && c.pAlive < o.churnPAlive;
  const churned = byModel || silentBeyondGap(c, o, population.gap);
  if (!churned) return { stage: now.stage, exitPattern: null, trend: now.trend };
  const before = activeStage(c.purchases, c.last - c.first, c.periodDays, c.exitPeriodAmounts ?? c.periodAmounts, o);
  let exitPattern: ExitPattern;
  if (before.stage === "exploration") exitPattern = "A";
  else if (before.stage === "formation") exitPattern = "B";
  else if (before.stage === "stability") exitPattern = c.last - c.first < population.medianTenure ? "C" : "D";
  else exitPattern = "D";
  return { stage: "churned", exitPattern, trend: now.trend };
}

export function stageLabel(stage: LifeCycleStage, lang: Lang): string {
  return t(lang, `stage.${stage}` as MessageKey);
}

export function stageStrategy(stage: LifeCycleStage, lang: Lang): string {
  return t(lang, `strategy.stage.${stage}` as MessageKey);
}

export function exitPatternLabel(pattern: ExitPattern, lang: Lang): string {
  return t(lang, `exit.${pattern}` as MessageKey);
}
