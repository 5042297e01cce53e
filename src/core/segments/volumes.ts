/**
 * Life cycle stage from a row of period volumes alone (docs/lifecycle.md §7), for =CVA.LIFECYCLE,
 * where a sheet holds one row per customer of purchase counts or amounts per period
 * (oldest first) rather than a transaction log. The rules are those of
 * `lifeCycle` (./lifecycle.ts), read in periods:
 *
 * - churned: P(alive) below 0.1 when it is given; otherwise no purchase in the last
 *   periods for more than 3 × the mean gap between periods with purchases (one period
 *   when only one period has purchases), or no purchase in any period;
 * - exploration: purchases in at most 2 periods, or the first purchase in the last period
 *   (a proxy for "at most 2 purchases" when only period volumes are known);
 * - otherwise the volume trend — least-squares slope / mean of the periods from the first
 *   purchase on — above +0.15 is formation, below −0.15 decline, else stability.
 *
 * All thresholds are those of {@link DEFAULT_LIFE_CYCLE} and can be overridden. O(N).
 */
import { CvaError, ErrorCodes } from "../errors";
import { DEFAULT_LIFE_CYCLE, volumeTrend, type LifeCycleOptions, type LifeCycleStage } from "./lifecycle";

/**
 * @example stageFromVolumes([2, 4, 6, 8]) // "formation": trend 2/5 = 0.4
 * @example stageFromVolumes([5, 5, 5, 5], 0.05) // "churned": P(alive) 0.05 < 0.1
 * @throws CvaError INVALID_NUMBER for a negative or non-finite volume; OUT_OF_RANGE for P(alive) outside [0, 1].
 */
export function stageFromVolumes(volumes: ArrayLike<number>, pAlive?: number | null, options: LifeCycleOptions = {}): LifeCycleStage {
  const o = { ...DEFAULT_LIFE_CYCLE, ...options };
  const n = volumes.length;
  let first = -1;
  // Stryker disable next-line UnaryOperator: last is read only when some period is active, and then it was set
  let last = -1;
  let active = 0;
  for (let k = 0; k < n; k++) {
    const v = volumes[k];
    if (!Number.isFinite(v) || v < 0) {
      throw CvaError.keyed(ErrorCodes.InvalidNumber, "volumes.negative", { arg: "volumes", period: k + 1, got: String(v) }, { argument: "volumes" });
    }
    if (v > 0) {
      if (first < 0) first = k;
      last = k;
      active++;
    }
  }
  if (pAlive !== undefined && pAlive !== null) {
    if (!(pAlive >= 0 && pAlive <= 1)) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.between", { arg: "p_alive", min: 0, max: 1, got: pAlive }, { argument: "p_alive" });
    }
    if (pAlive < o.churnPAlive) return "churned";
  } else {
    if (active === 0) return "churned";
    const gap = active > 1 ? (last - first) / (active - 1) : 1;
    if (n - 1 - last > o.churnGapMultiple * gap) return "churned";
  }
  // Stryker disable next-line ConditionalExpression: with no active period the next line answers exploration too (active 0 ≤ explorationMaxPurchases, a count)
  if (active === 0) return "exploration";
  if (active <= o.explorationMaxPurchases || first === n - 1) return "exploration";
  const trend = volumeTrend(Array.prototype.slice.call(volumes, first) as number[]);
  if (trend === null) return "decline";
  if (trend > o.trendThreshold) return "formation";
  if (trend < -o.trendThreshold) return "decline";
  return "stability";
}
