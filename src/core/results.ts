/**
 * Per-customer results of {@link analyzeColumns} kept by column (docs/output.md §9): a typed array
 * per figure, codes for the stage, exit pattern, loyalty class and RFM segment, and each label or
 * strategy text once for all customers. A million customers of one row each take about 200 MB this
 * way (about 210 bytes each); as one object per customer with its summary (about 700 bytes each)
 * they took 700 MB.
 * {@link CustomerResults.at} makes one customer's {@link CustomerResult}, the shape `analyze`
 * returns, when it is read (the command line writes its CSV row from it and lets it go);
 * {@link resultTexts} makes the labels and texts it shares.
 */
import { t, type Lang } from "./i18n/messages";
import { summaryAt, type CustomerSummary, type SummaryColumns } from "./summary/customer-summary";
import { rfmCell, rfmSegmentLabel, RFM_SEGMENTS, type RfmResult, type RfmScoreColumns } from "./segments/rfm";
import { EXIT_PATTERNS, exitPatternLabel, LIFE_CYCLE_STAGES, stageLabel, stageStrategy, type ExitPattern, type LifeCycleStage } from "./segments/lifecycle";
import { LOYALTY_CLASSES, loyaltyClassLabel, type LoyaltyClass } from "./segments/loyalty";
import { levelLabel, type RelationshipLevel } from "./segments/level";
import { tierLabel, tierStrategy, type TierLabelSet, type TierRole } from "./segments/pyramid";
import type { DeliveredValue } from "./value/delivered";

/** One customer's results: what `analyze` returns per customer, and {@link CustomerResults.at} makes. */
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
  /**
   * At risk [有流失风险]: not churned, and in decline or with P(alive) below 0.5 — the one rule the
   * pane's headline, the report and the command line count (docs/customer-state.md §3).
   */
  atRisk: boolean;
  expectedPurchases: number | null;
  clv: number | null;
  delivered: DeliveredValue | null;
  valueRatio: number | null;
}

/** The figures of every customer, index i for customer i (the summaries' order, by id). */
export interface CustomerColumns {
  summaries: SummaryColumns;
  /** The value measure used for the pyramid. */
  value: Float64Array;
  /** 0 ("No tier") when the population has no spread. */
  tier: Uint16Array;
  /** 1 yes, 0 no, −1 not known (no prediction). */
  upgradePotential: Int8Array;
  rfm: RfmScoreColumns;
  /** Index in LIFE_CYCLE_STAGES. */
  stage: Uint8Array;
  /** Index in EXIT_PATTERNS; −1 for none. */
  exitPattern: Int8Array;
  /** Relationship level 1–4. */
  level: Uint8Array;
  /** NaN where not known. */
  loyaltyIndex: Float64Array;
  /** Index in LOYALTY_CLASSES; −1 for none. */
  loyaltyClass: Int8Array;
  /** NaN where not known. */
  pAlive: Float64Array;
  /** 1 at risk, 0 not (docs/customer-state.md §3; src/core/segments/customer-state.ts). */
  atRisk: Uint8Array;
  /** null without a prediction. */
  expectedPurchases: Float64Array | null;
  /** NaN where not known. */
  clv: Float64Array;
  /** Per customer, only when profiles were given; else null for everyone. */
  delivered: (DeliveredValue | null)[] | null;
  valueRatio: (number | null)[] | null;
}

/** The labels and texts of a result, in its language, each made once. */
export interface ResultTexts {
  /** Label and role of tier k + 1 at k. */
  tierLabels: readonly string[];
  tierRoles: readonly TierRole[];
  noTierLabel: string;
  /** By index in RFM_SEGMENTS, LIFE_CYCLE_STAGES, EXIT_PATTERNS, LOYALTY_CLASSES; level l at l − 1. */
  segmentLabels: readonly string[];
  stageLabels: readonly string[];
  stageStrategies: readonly string[];
  exitLabels: readonly string[];
  levelLabels: readonly string[];
  classLabels: readonly string[];
  /** The tier strategy of a role, an upgrade potential and whether a customer of value was lost. */
  tierStrategy: (role: TierRole, upgrade: boolean | null, lostOfValue: boolean) => string;
  /** RFM score bins (for the cells' text). */
  rfmBins: number;
}

/** The labels and texts of an analysis's results in `lang`; `roles` and `labelSet` of its tiers, whose shares are `shares`. */
export function resultTexts(lang: Lang, shares: readonly number[], roles: readonly TierRole[], labelSet: TierLabelSet, rfmBins: number): ResultTexts {
  const tierCount = shares.length;
  const tierLabels = shares.map((_, k) => tierLabel(k + 1, tierCount, lang, labelSet));
  // Labels and texts looked up once, not per customer.
  const strategyText = new Map<string, string>();
  return {
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
      // Stryker disable next-line ConditionalExpression: a cache; without it each call looks up an equal text again
      if (text === undefined) strategyText.set(key, (text = tierStrategy(role, up, lang, lost)));
      return text;
    },
    rfmBins,
  };
}

/** Every customer's results by column; {@link at} gives one as an object, iteration all in order. */
export class CustomerResults implements Iterable<CustomerResult> {
  /** Number of customers. */
  readonly length: number;
  /** One string per RFM cell, shared by its customers. */
  private readonly cells = new Map<number, string>();

  constructor(
    readonly columns: CustomerColumns,
    /** The labels and texts the customers share (read by the pane's table, which reads the columns themselves). */
    readonly texts: ResultTexts,
  ) {
    this.length = columns.summaries.length;
  }

  /** Customer i (0-based, in id order) as a {@link CustomerResult} of its own. */
  at(i: number): CustomerResult {
    const c = this.columns;
    const x = this.texts;
    const tier = c.tier[i];
    const role: TierRole = tier === 0 ? "none" : x.tierRoles[tier - 1];
    const up = c.upgradePotential[i];
    const upgrade = up < 0 ? null : up === 1;
    const stageCode = c.stage[i];
    const stage = LIFE_CYCLE_STAGES[stageCode];
    const exitCode = c.exitPattern[i];
    const level = c.level[i] as RelationshipLevel;
    const li = c.loyaltyIndex[i];
    const classCode = c.loyaltyClass[i];
    const pAlive = c.pAlive[i];
    const clv = c.clv[i];
    const { r, f, m, segment } = c.rfm;
    return {
      customerId: c.summaries.ids[i],
      summary: summaryAt(c.summaries, i),
      value: c.value[i],
      tier,
      tierLabel: tier === 0 ? x.noTierLabel : x.tierLabels[tier - 1],
      tierRole: role,
      upgradePotential: upgrade,
      tierStrategy: x.tierStrategy(role, upgrade, stage === "churned" && (role === "key" || role === "regular")),
      rfm: {
        r: r[i],
        f: f[i],
        m: m[i],
        cell: rfmCell(r[i], f[i], m[i], x.rfmBins, this.cells),
        segment: RFM_SEGMENTS[segment[i]],
        segmentLabel: x.segmentLabels[segment[i]],
      },
      stage,
      stageLabel: x.stageLabels[stageCode],
      stageStrategy: x.stageStrategies[stageCode],
      exitPattern: exitCode < 0 ? null : EXIT_PATTERNS[exitCode],
      exitPatternLabel: exitCode < 0 ? null : x.exitLabels[exitCode],
      level,
      levelLabel: x.levelLabels[level - 1],
      loyaltyIndex: li === li ? li : null,
      loyaltyClass: classCode < 0 ? null : LOYALTY_CLASSES[classCode],
      loyaltyClassLabel: classCode < 0 ? null : x.classLabels[classCode],
      pAlive: pAlive === pAlive ? pAlive : null,
      atRisk: c.atRisk[i] === 1,
      expectedPurchases: c.expectedPurchases ? c.expectedPurchases[i] : null,
      clv: clv === clv ? clv : null,
      delivered: c.delivered ? c.delivered[i] : null,
      valueRatio: c.valueRatio ? c.valueRatio[i] : null,
    };
  }

  *[Symbol.iterator](): Iterator<CustomerResult> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Every customer as an object: what `analyze` returns. */
  toArray(): CustomerResult[] {
    // Stryker disable next-line ArrayDeclaration: the length only preallocates; the loop below sets every index 0…length−1
    const out: CustomerResult[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }
}
