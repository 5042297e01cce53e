// The grouped one-pass scoring of scoreBgNbd (hash on (x, T), 2F1 once per pair and month) must
// give, customer by customer, what the one-customer formulas give: P(alive) (FHL 2008),
// E[Y(t) | x, t_x, T] (FHL 2005 eq. 10) and the discounted CLV sum of lifetimeValue.
import { bgnbd, gammagamma, lifetimeValue, scoreBgNbd } from "../../../src/core";
import { Random, simulateBgNbd } from "../../../src/core/math/random";

describe("scoreBgNbd", () => {
  // 6,000 customers over a year at day resolution in weeks: thousands of distinct (x, T) pairs,
  // so the hash table grows several times; −0 and 0 are the same key.
  const rng = new Random(99);
  const n = 6000;
  const Tin = new Float64Array(n);
  for (let i = 0; i < n; i++) Tin[i] = Math.round(1 + 364 * rng.uniform()) / 7;
  const sim = simulateBgNbd(rng, { r: 0.6, alpha: 3, a: 0.8, b: 2.4 }, Tin, 1 / 7);
  const monetary = Array.from(sim.frequency, (x) => (x > 0 ? 5 + 50 * rng.uniform() : 0));
  const bg = { r: 0.6, alpha: 3, a: 0.8, b: 2.4 };
  const gg = { p: 6.25, q: 3.74, v: 15.44 };
  const opts = { unit: "weeks" as const, horizonMonths: 6, discount: 0.015, margin: 0.4 };
  const data = { frequency: sim.frequency, recency: sim.recency, T: sim.T, monetary };
  const scores = scoreBgNbd(bg, gg, data, opts);

  it("matches the one-customer formulas for every customer", () => {
    const pairs = new Set<string>();
    const perMonth = 365.25 / 12 / 7;
    for (let i = 0; i < n; i++) {
      const x = sim.frequency[i], tx = sim.recency[i], T = sim.T[i];
      pairs.add(`${x},${T}`);
      const ev = gammagamma.conditionalExpectedAverageValue(gg, x, monetary[i]);
      const e = (t: number) => bgnbd.expectedPurchases(bg, t, x, tx, T);
      expect(scores.pAlive[i]).toBeCloseTo(bgnbd.probabilityAlive(bg, x, tx, T), 12);
      expect(Math.abs(scores.expectedPurchases[i] - e(6 * perMonth))).toBeLessThan(1e-10 * Math.max(1, e(6 * perMonth)));
      expect(Math.abs(scores.expectedValue[i] - ev)).toBeLessThan(1e-10 * ev);
      const clv = lifetimeValue(e, ev, opts); // margin share 0.4 included
      expect(Math.abs(scores.clv[i] - clv)).toBeLessThan(1e-9 * Math.max(1, Math.abs(clv)));
    }
    expect(pairs.size).toBeGreaterThan(2048); // the table was rehashed at least once
  });

  it("treats −0 as 0 and scores an empty input", () => {
    const a = scoreBgNbd(bg, gg, { frequency: [0, -0], recency: [0, 0], T: [10, 10], monetary: [0, 0] }, opts);
    expect(a.clv[0]).toBe(a.clv[1]);
    expect(scoreBgNbd(bg, gg, { frequency: [], recency: [], T: [], monetary: [] }, opts).clv).toHaveLength(0);
  });
});
