/**
 * One story of a customer's state (docs/customer-state.md): the life-cycle stage says whether a
 * customer is lost (churned: P(alive) below 0.1, or silent beyond its churn gap — see
 * ./lifecycle.ts), and "at risk" [有流失风险] is the one rule for customers who are not lost yet
 * but may be: in decline, or with P(alive) below {@link AT_RISK_P_ALIVE}. The pane's headline,
 * the report, the command line and the results table all count this flag.
 *
 * Cost: O(n).
 */
import { LIFE_CYCLE_STAGES, type LifeCycleStage } from "./lifecycle";

/** A customer not yet churned is at risk below this P(alive) (docs/customer-state.md §3). */
export const AT_RISK_P_ALIVE = 0.5;

/**
 * Whether a customer in `stage` with `pAlive` (null when no model gives one) is at risk: not
 * churned, and in decline or with P(alive) below `threshold` (docs/customer-state.md §3).
 * @example isAtRisk("decline", null) // true
 * @example isAtRisk("stability", 0.49) // true; isAtRisk("stability", 0.5) // false
 * @example isAtRisk("churned", 0.05) // false: lost, not at risk
 */
export function isAtRisk(stage: LifeCycleStage, pAlive: number | null, threshold = AT_RISK_P_ALIVE): boolean {
  if (stage === "churned") return false;
  if (stage === "decline") return true;
  return pAlive !== null && pAlive < threshold;
}

const CHURNED = LIFE_CYCLE_STAGES.indexOf("churned");
const DECLINE = LIFE_CYCLE_STAGES.indexOf("decline");

/**
 * {@link isAtRisk} by column (docs/output.md §9): `stage` holds indices in LIFE_CYCLE_STAGES,
 * `pAlive` NaN where not known; 1 at risk, 0 not.
 */
export function atRiskColumn(stage: ArrayLike<number>, pAlive: ArrayLike<number>, threshold = AT_RISK_P_ALIVE): Uint8Array {
  const n = stage.length;
  const out = new Uint8Array(n);
  // Stryker disable next-line EqualityOperator: one step past the end writes out[n] of a typed array, which is no element
  for (let i = 0; i < n; i++) {
    const s = stage[i];
    // NaN < threshold is false: no P(alive), no risk from it.
    out[i] = s !== CHURNED && (s === DECLINE || pAlive[i] < threshold) ? 1 : 0;
  }
  return out;
}
