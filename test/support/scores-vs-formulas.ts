import { countModel, gammagamma, lifetimeValue, scoreCountModel, type CountModelId, type CountParams } from "../../src/core";

/**
 * The largest relative difference between scoreCountModel's bulk scores of these customers
 * (P(alive), E[Y(3 months)] and the CLV over 3 months, discount 1 % a month, margin 0.5, times in
 * weeks) and the model's one-customer formulas with lifetimeValue: the check the day-grid tests
 * hold to 1e-12. `rows`: only those customers (default all).
 */
export function worstAgainstFormulas(
  id: CountModelId,
  p: CountParams,
  gg: gammagamma.GammaGammaParams,
  data: { frequency: number[]; recency: number[]; T: number[]; monetary: number[] },
  rows: Iterable<number> = data.frequency.keys(),
): number {
  const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
  const opts = { unit: "weeks" as const, horizonMonths: 3, discount: 0.01, margin: 0.5 };
  const s = scoreCountModel(id, p, gg, data, opts);
  const model = countModel(id);
  const t3 = 3 * (365.25 / 12 / 7);
  const { frequency, recency, T, monetary } = data;
  let worst = 0;
  for (const i of rows) {
    const x = frequency[i], tx = recency[i], t = T[i];
    const e = (h: number) => model.expectedPurchases(p, h, x, tx, t);
    const ev = gammagamma.conditionalExpectedAverageValue(gg, x, monetary[i]);
    worst = Math.max(worst, rel(s.pAlive[i], model.probabilityAlive(p, x, tx, t)), rel(s.expectedPurchases[i], e(t3)), rel(s.clv[i], lifetimeValue(e, ev, opts)));
  }
  return worst;
}
