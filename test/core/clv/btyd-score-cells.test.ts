// The grouped scoring's shortcut for customers with t_x = 0 (src/core/clv/btyd-score.ts): P(alive)
// kept once per (x, T) pair instead of computed per customer, against each model's own
// probabilityAlive and expectedPurchases one customer at a time; one-time buyers (x = 0) and the
// artificial x > 0 with t_x = 0, beside customers of the same (x, T) with t_x > 0.
import { countModel, scoreCountModel } from "../../../src/core";
import { CDNOW_PARAMS } from "./cdnow";

const params = CDNOW_PARAMS;
const frequency = [0, 0, 0, 2, 2, 2, 1, 5, 0];
const recency = [0, 0, 0, 0, 10, 0, 0, 30, 0];
const T = [38, 38, 20, 38, 38, 38, 12.5, 38, 38];
const monetary = [0, 0, 0, 20, 20, 35, 10, 40, 0];

describe.each(["bgnbd", "mbgnbd", "paretonbd"] as const)("scoreCountModel(%s) with t_x = 0 customers", (id) => {
  it("P(alive) and E[Y(26)] of every customer as the model's single-customer formulas, to 1e-12 relative", () => {
    const model = countModel(id);
    const p = params[id];
    const s = scoreCountModel(id, p, null, { frequency, recency, T, monetary }, { unit: "weeks", horizonMonths: 1, periodsPerMonth: 26, discount: 0 }, Float64Array.from(monetary));
    for (let i = 0; i < frequency.length; i++) {
      const pa = model.probabilityAlive(p, frequency[i], recency[i], T[i]);
      const ey = model.expectedPurchases(p, 26, frequency[i], recency[i], T[i]);
      expect(Math.abs(s.pAlive[i] - pa)).toBeLessThanOrEqual(1e-12 * pa);
      expect(Math.abs(s.expectedPurchases[i] - ey)).toBeLessThanOrEqual(1e-12 * ey);
    }
    // BG/NBD: a one-time buyer is alive for sure (FHL 2008); the others are not.
    if (id === "bgnbd") expect(s.pAlive[0]).toBe(1);
    else expect(s.pAlive[0]).toBeLessThan(1);
  });
});
