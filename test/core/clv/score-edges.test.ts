/**
 * The general way of the grouped scoring (src/core/clv/score-general.ts) with many customers: its
 * (x, T) pair table grows past its first size, and pairs met again must give back their own sums.
 * Ages up to 2,500 weeks in days are more grid points (17,500) than the tables allow for 10,000
 * customers (max(n/4, 16,384) entries, score-grid.ts), so there is no grid and every customer is
 * scored the general way. Each customer's P(alive), E[Y(3 months)] and CLV are checked against the
 * model's one-customer formulas (FHL 2005 eq. 10, FHL 2008; Batislam et al. 2007) and
 * lifetimeValue, to 1e-12 relative.
 */
import { countModel, gammagamma, lifetimeValue, scoreCountModel } from "../../../src/core";

const gg = { p: 6.25, q: 3.74, v: 15.44 };
const params = {
  bgnbd: { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 },
  mbgnbd: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
};
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe.each(["bgnbd", "mbgnbd"] as const)("scoreCountModel(%s) off the grid with 10,000 customers", (id) => {
  // 9,000 distinct (x, T) pairs (x = i mod 5, T a hundredth of a week apart up to 2,500 weeks:
  // more than half the 16,384 slots, so the table doubles, and more than 1,024 pairs, so their
  // array grows), then 1,000 customers who repeat pairs 0 … 999 with another recency.
  const n = 10_000, distinct = 9_000;
  const frequency: number[] = [], recency: number[] = [], T: number[] = [], monetary: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = i < distinct ? i : i - distinct;
    const x = j % 5, t = 2410 + j / 100;
    frequency.push(x);
    T.push(t);
    recency.push(x > 0 ? (i < distinct ? t / 2 : t / 3) : 0);
    monetary.push(x > 0 ? 10 + (j % 7) : 0);
  }
  const opts = { unit: "weeks" as const, horizonMonths: 3, discount: 0.01, margin: 0.5 };
  const model = countModel(id);
  const p = params[id];

  it("every customer as the one-customer formulas, repeated pairs included, to 1e-12 relative", () => {
    const s = scoreCountModel(id, p, gg, { frequency, recency, T, monetary }, opts);
    const t3 = 3 * (365.25 / 12 / 7);
    let worst = 0;
    // every 37th customer and all that repeat a pair
    for (let i = 0; i < n; i += i < distinct ? 37 : 1) {
      const x = frequency[i], tx = recency[i], t = T[i];
      const e = (h: number) => model.expectedPurchases(p, h, x, tx, t);
      const ev = gammagamma.conditionalExpectedAverageValue(gg, x, monetary[i]);
      worst = Math.max(worst, rel(s.pAlive[i], model.probabilityAlive(p, x, tx, t)), rel(s.expectedPurchases[i], e(t3)), rel(s.clv[i], lifetimeValue(e, ev, opts)));
    }
    expect(worst).toBeLessThan(1e-12);
    // a repeated pair with another recency is another P(alive): the table keeps the pair's sums, not the customer's score
    expect(s.pAlive[distinct + 1]).not.toBe(s.pAlive[1]);
  });
});
