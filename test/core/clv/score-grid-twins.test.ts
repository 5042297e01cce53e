/**
 * The day grid's tables are indexed by (whole x, point of T) and (whole x, point of t_x), and a
 * point remembers the first time met there (src/core/clv/score-grid.ts). So the tables can only
 * give a wrong number to a customer who lands on a point someone else filled: these "twins" of
 * on-grid customers do, each straight after (and, in the second half, straight before) its
 * original, differing in one thing the loops must notice:
 *   - a fractional frequency x + 0.5 (the row of x is filled; its numbers are x's, not x + 0.5's);
 *   - an age or a recency a third of a day off the original's point (the point is filled, for
 *     the original's time);
 *   - a frequency past the tables' rows, at the same times;
 *   - −0 for a zero recency and age 0 (the same point as +0).
 * A large base (70,000 customers: its frequencies and ages are sampled, one in 8 and one in 64,
 * to size the tables) holds a few customers older than every sampled age and more frequent than
 * every sampled frequency, off the sample's rows; the tables must not be read past their ends.
 * Every score against the one-customer formulas (FHL 2005, Batislam et al. 2007, SMC 1987 as
 * lifetimes computes them) and lifetimeValue, to 1e-12 relative.
 */
import { scoreCountModel, type CountModelId, type CountParams } from "../../../src/core";
import { worstAgainstFormulas } from "../../support/scores-vs-formulas";
import { CDNOW_PARAMS, CDNOW_SPEND } from "./cdnow";

const gg = CDNOW_SPEND;
const cases: [CountModelId, CountParams][] = [
  ["bgnbd", CDNOW_PARAMS.bgnbd],
  ["mbgnbd", CDNOW_PARAMS.mbgnbd],
  ["paretonbd", CDNOW_PARAMS.paretonbd],
];
interface Base {
  frequency: number[];
  recency: number[];
  T: number[];
  monetary: number[];
}
const empty = (): Base => ({ frequency: [], recency: [], T: [], monetary: [] });
const push = (b: Base, x: number, tx: number, t: number) => {
  b.frequency.push(x);
  b.recency.push(tx);
  b.T.push(t);
  b.monetary.push(x > 0 ? 10 + (b.frequency.length % 7) * 3 : 0);
};

/** The twins of an on-grid customer (x, tx, t) in weeks, tx and t whole days. */
function twins(b: Base, x: number, txDays: number, tDays: number): void {
  const tx = txDays / 7, t = tDays / 7, third = 1 / 3 / 7;
  if (x > 0) push(b, x + 0.5, tx, t);
  push(b, x, tx, t + third);
  if (x > 0 && txDays > 1) push(b, x, tx - third, t);
  if (x > 0) push(b, x + 400, tx, t);
  if (x === 0) push(b, 0, -0, t);
}

/** Customers of the small base: originals on whole days, each with its twins after it, then twins before originals. */
function smallBase(): Base {
  const b = empty();
  for (let i = 0; i < 400; i++) {
    const tDays = 1 + ((i * 37) % 200), x = i % 5 === 0 ? 0 : 1 + ((i * 3) % 7);
    const txDays = x === 0 ? 0 : 1 + ((i * 11) % tDays);
    if (i % 2 === 0) {
      push(b, x, txDays / 7, tDays / 7);
      twins(b, x, txDays, tDays);
    } else {
      twins(b, x, txDays, tDays);
      push(b, x, txDays / 7, tDays / 7);
    }
  }
  push(b, 0, 0, 0); // age 0: point 0
  push(b, 0, -0, -0);
  return b;
}

/** A base past the sampling threshold, with customers the samples miss: at rows i ≡ 3 (mod 64) and ≡ 5 (mod 8). */
function largeBase(): { base: Base; outliers: number[] } {
  const b = empty();
  const outliers: number[] = [];
  for (let i = 0; i < 70_000; i++) {
    const tDays = 30 + ((i * 7919) % 150), x = (i * 13) % 4;
    const txDays = x === 0 ? 0 : 1 + ((i * 31) % tDays);
    if (i % 4096 === 3) {
      // older than every sampled age (ages are read at rows ≡ 0 mod 64), with and without repeats
      outliers.push(i);
      push(b, x, txDays / 7, (tDays + 300) / 7);
    } else if (i % 4096 === 5) {
      // more frequent than every sampled frequency (rows ≡ 0 mod 8)
      outliers.push(i);
      push(b, 9, txDays / 7 || 1, tDays / 7);
    } else {
      push(b, x, txDays / 7, tDays / 7);
    }
  }
  return { base: b, outliers };
}

const small = smallBase();
const large = largeBase();

describe.each(cases)("scoreCountModel(%s) on customers who land on points others filled", (id, p) => {
  it("gives every twin its own scores, to 1e-12 relative of the formulas", () => {
    expect(worstAgainstFormulas(id, p, gg, small)).toBeLessThan(1e-12);
  });

  it("takes a negative spend (a refund) as 0 on and off the grid, in the loop that reads filled points as in the one that fills them", () => {
    // Each history twice in a row, the second time (read from the filled points) with −5; the
    // reference is the same base with those spends at 0, whose scores match the formulas above.
    const b = empty();
    for (let i = 0; i < 120; i++) {
      const x = 1 + (i % 6), tDays = 20 + i, txDays = 1 + ((i * 7) % tDays);
      push(b, x, txDays / 7, tDays / 7);
      push(b, x, txDays / 7, tDays / 7);
      b.monetary[b.monetary.length - 1] = -5;
    }
    const zero = { ...b, monetary: b.monetary.map((m) => Math.max(m, 0)) };
    const opts = { unit: "weeks" as const, horizonMonths: 3, discount: 0.01, margin: 0.5 };
    const refund = scoreCountModel(id, p, gg, b, opts), none = scoreCountModel(id, p, gg, zero, opts);
    expect(Array.from(refund.expectedValue)).toEqual(Array.from(none.expectedValue));
    expect(Array.from(refund.clv)).toEqual(Array.from(none.clv));
    expect(worstAgainstFormulas(id, p, gg, zero)).toBeLessThan(1e-12);
  });

  it("scores a large base's customers past its sampled ages and frequencies as the formulas do", () => {
    const rows = new Set(large.outliers);
    for (let i = 0; i < large.base.frequency.length; i += 97) rows.add(i);
    expect(large.outliers.length).toBe(2 * 18);
    expect(worstAgainstFormulas(id, p, gg, large.base, rows)).toBeLessThan(1e-12);
  });
});
