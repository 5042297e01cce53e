/**
 * Customer delivered value [客户让渡价值] and the value ratio (docs/delivered-value.md §2–§5;
 * Kotler's customer-delivered-value model as the Chinese CRM texts of docs/README.md §2 present
 * it).
 *
 * - total customer value [顾客总价值] = Σ w·(product [产品价值], service [服务价值],
 *   personnel [人员价值], image [形象价值] value); default weights 1;
 * - total customer cost [顾客总成本] = Σ w·(money [货币成本], time [时间成本], energy [精力成本],
 *   physical [体力成本] cost, + sensory burden [感观负担] when given); default weights 1;
 * - delivered value = total value − total cost; delivered ratio = total value / total cost
 *   (null when the total cost is 0);
 * - value ratio V = Q / P: perceived quality relative to competitors over (relative) price.
 * Missing components (undefined, null, NaN) count as 0. O(1).
 */
import { CvaError, ErrorCodes } from "../errors";

export interface ValueComponents {
  product?: number | null;
  service?: number | null;
  personnel?: number | null;
  image?: number | null;
}
export interface CostComponents {
  money?: number | null;
  time?: number | null;
  energy?: number | null;
  physical?: number | null;
  sensory?: number | null;
}
export interface DeliveredValueWeights {
  value?: Partial<Record<keyof ValueComponents, number>>;
  cost?: Partial<Record<keyof CostComponents, number>>;
}
export interface DeliveredValue {
  totalValue: number;
  totalCost: number;
  deliveredValue: number;
  /** totalValue / totalCost; null when the total cost is 0. */
  deliveredRatio: number | null;
}

function weightedSum<K extends string>(parts: Partial<Record<K, number | null>>, keys: readonly K[], w: Partial<Record<K, number>> = {}): number {
  let s = 0;
  for (const k of keys) {
    const v = parts[k];
    if (v === undefined || v === null || Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw CvaError.keyed(ErrorCodes.InvalidNumber, "arg.notFinite", { arg: k, hint: "", got: String(v) }, { argument: k });
    s += (w[k] ?? 1) * v;
  }
  return s;
}

/**
 * @example deliveredValue({ product: 50, service: 20, personnel: 10, image: 20 }, { money: 60, time: 10, energy: 5, physical: 5 })
 *   // { totalValue: 100, totalCost: 80, deliveredValue: 20, deliveredRatio: 1.25 }
 */
export function deliveredValue(value: ValueComponents, cost: CostComponents, weights: DeliveredValueWeights = {}): DeliveredValue {
  const totalValue = weightedSum(value, ["product", "service", "personnel", "image"] as const, weights.value);
  const totalCost = weightedSum(cost, ["money", "time", "energy", "physical", "sensory"] as const, weights.cost);
  return { totalValue, totalCost, deliveredValue: totalValue - totalCost, deliveredRatio: totalCost === 0 ? null : totalValue / totalCost };
}

/**
 * Value ratio V = Q / P.
 * @throws CvaError OUT_OF_RANGE when the price is 0, INVALID_NUMBER for a non-finite input.
 * @example valueRatio(1.2, 0.8) // 1.5
 */
export function valueRatio(quality: number, price: number): number {
  for (const [arg, v] of [["quality", quality], ["price", price]] as const) {
    if (!Number.isFinite(v)) throw CvaError.keyed(ErrorCodes.InvalidNumber, "arg.notFinite", { arg, hint: "", got: String(v) }, { argument: arg });
  }
  if (price === 0) throw CvaError.keyed(ErrorCodes.OutOfRange, "ratio.zeroPrice", { arg: "price" }, { argument: "price" });
  return quality / price;
}
