/**
 * Pareto/NBD's tables of ln J on the day grid (src/core/clv/score-pareto.ts, docs/lifetime-value.md
 * §3) where the first data set of score-grid-values.test.ts does not reach: α far from β, so that
 * z = (hi − lo)/(hi + t) passes 0.95 inside the ages (no tables, point by point); frequencies up to
 * 60, where (r+s+x)·ln((lo + max T)/lo) > 100 and P(alive) is worked out from the logarithms; a
 * frequency with many customers (a table) beside rare ones (point by point). Each customer's
 * P(alive) and E[Y(3 months)] against paretonbd's one-customer formulas (FHL 2005 eq. 11, Schmittlein
 * et al. 1987), to 1e-12 relative.
 */
import { countModel, scoreCountModel, type CountParams } from "../../../src/core";

const cases: [string, CountParams][] = [
  // z = 99/(100 + t) = 0.95 at t = 4.2 weeks, inside the ages
  ["α = 100, β = 1", { r: 0.8, alpha: 100, s: 0.5, beta: 1 } as unknown as CountParams],
  ["α = 1.2, β = 30", { r: 0.9, alpha: 1.2, s: 0.7, beta: 30 } as unknown as CountParams],
  ["α = 12, β = 9", { r: 0.553, alpha: 12, s: 0.606, beta: 9 } as unknown as CountParams],
];
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

// 2,000 customers with x = 1 (ages and recencies on whole days up to 300 days: a table), 200 with
// x = 0, and 60 with x = 2 … 61 (point by point), some with t_x = T.
const frequency: number[] = [], recency: number[] = [], T: number[] = [];
const add = (x: number, txDays: number, tDays: number) => {
  frequency.push(x);
  recency.push(txDays / 7);
  T.push(tDays / 7);
};
for (let i = 0; i < 2000; i++) {
  const tDays = 10 + ((i * 37) % 291);
  add(1, (i * 11) % (tDays + 1), tDays);
}
for (let i = 0; i < 200; i++) add(0, 0, 5 + ((i * 7) % 296));
for (let x = 2; x < 62; x++) {
  const tDays = 20 + ((x * 53) % 281);
  add(x, x % 5 === 0 ? tDays : (x * 29) % tDays, tDays);
}

describe.each(cases)("scoreCountModel(paretonbd, %s) on the day grid", (_name, p) => {
  it("every customer as the one-customer formulas, to 1e-12 relative", () => {
    const s = scoreCountModel("paretonbd", p, null, { frequency, recency, T, monetary: frequency.map(() => 0) }, { unit: "weeks", horizonMonths: 3, discount: 0 }, new Float64Array(frequency.length).fill(1));
    const model = countModel("paretonbd");
    const t3 = 3 * (365.25 / 12 / 7);
    let worst = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i], tx = recency[i], t = T[i];
      worst = Math.max(worst, rel(s.pAlive[i], model.probabilityAlive(p, x, tx, t)), rel(s.expectedPurchases[i], model.expectedPurchases(p, t3, x, tx, t)));
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

describe("scoreCountModel(paretonbd) where the odds of death pass 1e300", () => {
  it("P(alive) from the logarithms of the odds, down to the smallest doubles, as the one-customer formula", () => {
    // r = 300, α = β = 0.01: a customer who bought x times by day 1 and is still silent days later
    // has odds of death of e^700 and more (P(alive) 3.5e-306 at x = 50, T = 8 days; 1.4e-310, below
    // the smallest normal double, at x = 80, T = 7 days, where the odds themselves overflow).
    const p = { r: 300, alpha: 0.01, s: 1, beta: 0.01 } as unknown as CountParams;
    const frequency: number[] = [], recency: number[] = [], T: number[] = [];
    for (const x of [20, 50, 80]) {
      for (let days = 2; days <= 9; days++) {
        frequency.push(x);
        recency.push(1 / 7);
        T.push(days / 7);
      }
    }
    const s = scoreCountModel("paretonbd", p, null, { frequency, recency, T, monetary: frequency.map(() => 0) }, { unit: "weeks", horizonMonths: 3, discount: 0 }, new Float64Array(frequency.length).fill(1));
    const model = countModel("paretonbd");
    let worst = 0, beyond = 0;
    for (let i = 0; i < frequency.length; i++) {
      const ref = model.probabilityAlive(p, frequency[i], recency[i], T[i]);
      if (ref >= 1e-307) worst = Math.max(worst, rel(s.pAlive[i], ref));
      // below the normal doubles only the absolute difference means anything
      else expect(Math.abs(s.pAlive[i] - ref)).toBeLessThanOrEqual(1e-320);
      if (ref < 1e-300) beyond++;
    }
    // the logarithms of e^700 carry 700 times the rounding: 1e-13 measured
    expect(worst).toBeLessThan(1e-12);
    expect(beyond).toBe(5);
  });
});
