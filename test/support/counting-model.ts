/**
 * A count model that counts its calls of expectedPurchases, for tests of how much work a fast
 * path spends (src/core/clv/forecast-sum.ts: evaluations of G per interval and time).
 */
import { countModel, type CountModel, type CountModelId } from "../../src/core/clv/models";

export function countingModel(id: CountModelId): { model: CountModel; calls: () => number } {
  const base = countModel(id);
  let calls = 0;
  const model: CountModel = {
    ...base,
    expectedPurchases: (p, t, x, tx, T) => {
      calls++;
      return base.expectedPurchases(p, t, x, tx, T);
    },
  };
  return { model, calls: () => calls };
}
