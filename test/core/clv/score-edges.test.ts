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
import { dayGrid, gridIndex } from "../../../src/core/clv/score-grid";
import { CDNOW_PARAMS, CDNOW_SPEND } from "./cdnow";

const gg = CDNOW_SPEND;
const params = CDNOW_PARAMS;
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

describe("dayGrid and gridIndex at their edges (src/core/clv/score-grid.ts), worked by hand in weeks (7 points a week)", () => {
  const all = () => Infinity;
  it("the latest finite age and the largest finite frequency size the grid, wherever they stand", () => {
    // T = 5 then 3 and ∞: maxT = 5, cap = 5·7 + 1 = 36; x = 3 then 1 and ∞: xCount = 3 + 1 = 4
    const g = dayGrid("weeks", [3, 1, Infinity], [5, 3, Infinity], all)!;
    expect([g.maxT, g.cap, g.xCount]).toEqual([5, 36, 4]);
    // customers per whole frequency 0 … 3: one each at 3 and 1; 2.5 and −1 are no frequency of the tables
    expect(Array.from(dayGrid("weeks", [3, 1, 2.5, -1, 1], [1, 1, 1, 1, 1], all)!.customers)).toEqual([0, 2, 0, 1]);
  });
  it("every frequency 0: one table (xCount 1); age 0: one point", () => {
    const g = dayGrid("weeks", [0, 0], [0, 0], all)!;
    expect([g.maxT, g.cap, g.xCount, g.customers.length, g.customers[0]]).toEqual([0, 1, 1, 1, 2]);
  });
  it("no grid: no age ≥ 0, no frequency ≥ 0, no frequency the model can keep", () => {
    expect(dayGrid("weeks", [1], [-1], all)).toBeNull();
    expect(dayGrid("weeks", [-1, -2], [1, 2], all)).toBeNull();
    expect(dayGrid("weeks", [1], [1], () => -1)).toBeNull(); // floor(−1) + 1 = 0 frequencies
    expect(dayGrid("weeks", [4], [1], () => 2.5)!.xCount).toBe(3); // floor(2.5) + 1
    expect(dayGrid("weeks", [4], [1], () => 0)!.xCount).toBe(1);
  });
  it("at most max(n/4, 16,384) entries: 16,384 points fit, 16,385 do not", () => {
    expect(dayGrid("days", [0], [16_383], all)!.cap).toBe(16_384);
    expect(dayGrid("days", [0], [16_384], all)).toBeNull();
  });
  it("65,536 customers or more: ages read one in 64, frequencies one in 8 (counted 8 times)", () => {
    const n = 65_536;
    const f = new Float64Array(n), T = new Float64Array(n).fill(1);
    T[1] = 10; // not read: the latest age seen is 1 week, 8 points
    f[3] = 5; // not read
    f[8] = 2; // read, counted 8 times
    const g = dayGrid("weeks", f, T, all)!;
    expect([g.maxT, g.cap, g.xCount, g.customers[0], g.customers[2]]).toEqual([1, 8, 3, 8 * 8191, 8]);
    // one customer fewer: every one is read
    const h = dayGrid("weeks", f.subarray(1), T.subarray(1), all)!;
    expect([h.maxT, h.xCount]).toEqual([10, 6]);
  });
  it("gridIndex: the first time seen claims its point, the same time finds it again, another time there and times outside the grid get −1", () => {
    const g = dayGrid("weeks", [0], [2], all)!; // cap 15: points 0 … 14
    expect(gridIndex(g, 0)).toBe(0);
    expect(gridIndex(g, 0)).toBe(0);
    expect(gridIndex(g, 2)).toBe(14);
    expect(gridIndex(g, 2)).toBe(14);
    expect(gridIndex(g, 1 / 7 + 1e-9)).toBe(1);
    expect(gridIndex(g, 1 / 7)).toBe(-1); // point 1 stands for 1/7 + 1e-9
    expect(gridIndex(g, -1 / 7)).toBe(-1); // point −1
    expect(gridIndex(g, 15 / 7)).toBe(-1); // point 15 = cap
  });
});
