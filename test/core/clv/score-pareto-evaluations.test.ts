/**
 * What Pareto/NBD's grid scoring spends (src/core/clv/score-pareto.ts): ln J, one Gauss 2F1 each,
 * is worked out once per frequency and grid point that customers have, and a frequency with many
 * customers takes it from a table of degree-9 polynomials (10 points a cell) on cells of width at
 * most 0.25 in v = ln(lo + t), first tried at the widest cells and at most once more at half
 * the width: at most 3·⌈ln((lo + max T)/lo)/0.25⌉·10 evaluations, whatever the number of points.
 * The other scoring tests show the values are those of the one-customer formulas however ln J
 * is found; this one counts the evaluations (a spy on logJ), which is what the tables and the
 * cache are for. Each count is worked out below from the data, by hand.
 */
import { countModel, scoreCountModel, type CountParams } from "../../../src/core";

const calls = new Map<number, number>();
jest.mock("../../../src/core/clv/paretonbd-alive", () => {
  const actual = jest.requireActual("../../../src/core/clv/paretonbd-alive");
  return {
    ...actual,
    logJ: (p: unknown, x: number, t: number) => {
      calls.set(x, (calls.get(x) ?? 0) + 1);
      return actual.logJ(p, x, t);
    },
  };
});

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
const DAY = 1 / 7; // weeks

interface Data {
  frequency: number[];
  recency: number[];
  T: number[];
}
function score(p: CountParams, d: Data) {
  calls.clear();
  const s = scoreCountModel("paretonbd", p, null, { ...d, monetary: d.frequency.map(() => 0) }, { unit: "weeks", horizonMonths: 3, discount: 0 }, new Float64Array(d.frequency.length).fill(1));
  // the values stay those of the one-customer formulas (FH 2005 eq. 36–37) whatever the way
  const model = countModel("paretonbd");
  let worst = 0;
  for (let i = 0; i < d.frequency.length; i++) worst = Math.max(worst, rel(s.pAlive[i], model.probabilityAlive(p, d.frequency[i], d.recency[i], d.T[i])));
  expect(worst).toBeLessThan(1e-12);
  return new Map(calls);
}

// 2,000 customers with one repeat purchase, ages 10 … 1,009 days (each twice), last purchases on
// days 1 … 3 or 1 … 5 days before the age: over 1,000 distinct (x = 1, day) points. Five
// customers with x = 3, their last purchase all on day 10 and ages 50, 60, …, 90 days: 6 points.
// Four with x = 4 whose last purchase is their age (t_x = T: P(alive) = 1, no ln J).
const data: Data = { frequency: [], recency: [], T: [] };
const add = (x: number, txDays: number, tDays: number) => {
  data.frequency.push(x);
  data.recency.push(txDays * DAY);
  data.T.push(tDays * DAY);
};
for (let i = 0; i < 2000; i++) {
  const tDays = 10 + (i % 1000);
  add(1, i < 1000 ? 1 + (i % 3) : tDays - 1 - (i % 5), tDays);
}
for (let k = 0; k < 5; k++) add(3, 10, 50 + 10 * k);
for (let k = 0; k < 4; k++) add(4, 20 + k, 20 + k);

function distinctDays(x: number): number {
  const days = new Set<number>();
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i] !== x || data.recency[i] === data.T[i]) continue;
    days.add(Math.round(data.T[i] * 7));
    days.add(Math.round(data.recency[i] * 7));
  }
  return days.size;
}

describe("Pareto/NBD grid scoring: ln J evaluations", () => {
  const p = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } as unknown as CountParams;
  // lo = min(α, β) = 10.58, max T = 1,009 days = 144.14 weeks: ln(154.72/10.58) = 2.683, 11 cells
  const tableBudget = 3 * Math.ceil(Math.log((10.58 + 1009 / 7) / 10.58) / 0.25) * 10;
  // the two tests below count the same scoring of `data`: done once
  let onData = new Map<number, number>();
  beforeAll(() => {
    onData = score(p, data);
  });

  it("a frequency with many customers from its table, far fewer than its points", () => {
    expect(tableBudget).toBe(330);
    expect(distinctDays(1)).toBeGreaterThan(1000);
    expect(onData.get(1)).toBeGreaterThanOrEqual(110); // the first try's 11 cells of 10 points
    expect(onData.get(1)).toBeLessThanOrEqual(tableBudget);
  });

  it("a rare frequency once per point it has, none where t_x = T", () => {
    expect(distinctDays(3)).toBe(6);
    expect(onData.get(3)).toBe(6);
    expect(onData.get(4) ?? 0).toBe(0);
  });

  it("a frequency whose ln J spans more than 100 once per point too (from the logarithms)", () => {
    // three customers with x = 160, last purchase on day 45, ages 50, 60 and 70 days: 4 points;
    // max T = 10 weeks, (r+s+x)·ln((lo + max T)/lo) = 161.16 · ln(20.58/10.58) = 161.16 · 0.6653 = 107
    const few: Data = { frequency: [160, 160, 160], recency: [45 * DAY, 45 * DAY, 45 * DAY], T: [50 * DAY, 60 * DAY, 70 * DAY] };
    const n = score(p, few);
    expect(n.get(160)).toBe(4);
  });

  it("no tables where ln J changes form inside the ages: every frequency point by point", () => {
    // z = (α − β)/(α + t) = 99/(100 + t) passes 0.95 at t = 4.2 weeks, inside the ages
    const far = { r: 0.8, alpha: 100, s: 0.5, beta: 1 } as unknown as CountParams;
    const n = score(far, data);
    expect(n.get(1)).toBe(distinctDays(1));
    expect(n.get(3)).toBe(6);
  });
});
