/**
 * The grouped scoring on the whole-day grid (src/core/clv/score-on-grid.ts, score-pareto.ts,
 * score-grid.ts; docs/lifetime-value.md §3): ages and recencies in whole days given in weeks, so
 * every customer stands on a grid point and is scored from the per (x, grid point) tables. Each
 * customer's P(alive), E[Y(3 months)] and CLV are checked against the model's one-customer formulas
 * (FHL 2005 eq. 10 and 11, FHL 2008, Batislam et al. 2007, Schmittlein et al. 1987 via FHL 2005) and
 * lifetimeValue, to 1e-12 relative: several frequencies, t_x = 0 and t_x > 0, many customers
 * sharing a (x, T) point and a (x, t_x) point, and Pareto/NBD with α < β and α > β.
 */
import type { CountParams } from "../../../src/core";
import { worstAgainstFormulas } from "../../support/scores-vs-formulas";
import { CDNOW_PARAMS, CDNOW_SPEND } from "./cdnow";

const gg = CDNOW_SPEND;
const cases: [string, "bgnbd" | "mbgnbd" | "paretonbd", CountParams][] = [
  ["bgnbd", "bgnbd", CDNOW_PARAMS.bgnbd],
  ["mbgnbd", "mbgnbd", CDNOW_PARAMS.mbgnbd],
  ["paretonbd α < β", "paretonbd", CDNOW_PARAMS.paretonbd],
  ["paretonbd α > β", "paretonbd", { r: 1.3, alpha: 25.2, s: 0.45, beta: 3.1 }],
];

// 1,200 customers: T from 7 to 280 days (whole days, in weeks), x = 0 … 11, t_x = 0 for x = 0 and
// for every 9th customer with x > 0, otherwise a whole day between 1 and T; T repeats every 97
// customers and t_x every 53, so many customers share their points.
const frequency: number[] = [], recency: number[] = [], T: number[] = [], monetary: number[] = [];
for (let i = 0; i < 1200; i++) {
  const tDays = 7 + ((i * 31) % 97) * 2.8 | 0;
  const x = (i * 7) % 12;
  const txDays = x === 0 || i % 9 === 0 ? 0 : 1 + ((i * 13) % 53) % tDays;
  frequency.push(x);
  T.push(tDays / 7);
  recency.push(Math.min(txDays, tDays) / 7);
  monetary.push(x > 0 ? 10 + (i % 7) * 3.5 : 0);
}

describe.each(cases)("scoreCountModel(%s) on the day grid", (_name, id, p) => {
  it("every customer as the one-customer formulas, to 1e-12 relative", () => {
    expect(worstAgainstFormulas(id, p, gg, { frequency, recency, T, monetary })).toBeLessThan(1e-12);
  });
});
