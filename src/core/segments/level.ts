/**
 * The relationship level [客户关系层次] (docs/relationship.md §2), checked in this order:
 * 1. casual buyer [散客]: one purchase only (x = 0);
 * 4. partner [合作伙伴]: in a key tier, in stability, tenure (first purchase to the observation
 *    end) of at least 2 years (730.5 days, configurable);
 * 3. client [客户]: repeat buyer in formation or stability, or in the regular tier;
 * 2. customer [顾客]: any other repeat buyer (outside the key tiers and not stable, or a key
 *    customer in decline, or churned).
 * O(1) per customer.
 */
import { t, type Lang, type MessageKey } from "../i18n/messages";
import type { LifeCycleStage } from "./lifecycle";
import type { TierRole } from "./pyramid";

export type RelationshipLevel = 1 | 2 | 3 | 4;

/** Tenure in days at which a stable key customer becomes a partner: 2 years (docs/relationship.md §2). */
export const DEFAULT_PARTNER_TENURE_DAYS = 2 * 365.25;

export interface RelationshipInput {
  /** Repeat purchases (x). */
  frequency: number;
  role: TierRole;
  stage: LifeCycleStage;
  /** Days from the first purchase to the observation end. */
  tenureDays: number;
}

/**
 * @example relationshipLevel({ frequency: 9, role: "key", stage: "stability", tenureDays: 800 }) // 4
 * @example relationshipLevel({ frequency: 9, role: "key", stage: "stability", tenureDays: 300 }) // 3
 */
export function relationshipLevel(c: RelationshipInput, partnerTenureDays = DEFAULT_PARTNER_TENURE_DAYS): RelationshipLevel {
  if (c.frequency <= 0) return 1;
  if (c.role === "key" && c.stage === "stability" && c.tenureDays >= partnerTenureDays) return 4;
  if (c.stage === "formation" || c.stage === "stability" || c.role === "regular") return 3;
  return 2;
}

export function levelLabel(level: RelationshipLevel, lang: Lang): string {
  return t(lang, `level.${level}` as MessageKey);
}
