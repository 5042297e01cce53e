/**
 * The grouped scoring's fast loops on the day grid (src/core/clv/score-on-grid.ts) hand every
 * customer they cannot read from the tables to the slower way: here customers on the grid (whole
 * days in weeks, every point met twice so the second time is read from the tables) are interleaved
 * with customers that must leave the loop: a frequency past the grid's rows (x = 70 > 54 rows of 301
 * points within the 16,384-entry budget, src/core/clv/score-grid.ts), an age or recency a third of
 * a day off its point, a fractional frequency, and a last purchase on the age's point (t_x = T).
 * Every customer's P(alive), E[Y(3 months)] and CLV against the one-customer formulas (FHL 2005,
 * FHL 2008, Batislam et al. 2007) and lifetimeValue, to 1e-12 relative.
 */
import type { CountParams } from "../../../src/core";
import { worstAgainstFormulas } from "../../support/scores-vs-formulas";
import { CDNOW_PARAMS, CDNOW_SPEND } from "./cdnow";

const gg = CDNOW_SPEND;
const cases: [string, "bgnbd" | "mbgnbd" | "paretonbd", CountParams][] = [
  ["bgnbd", "bgnbd", CDNOW_PARAMS.bgnbd],
  ["mbgnbd", "mbgnbd", CDNOW_PARAMS.mbgnbd],
  ["paretonbd", "paretonbd", CDNOW_PARAMS.paretonbd],
];

const frequency: number[] = [], recency: number[] = [], T: number[] = [], monetary: number[] = [];
const add = (x: number, tx: number, t: number) => {
  frequency.push(x);
  recency.push(tx);
  T.push(t);
  monetary.push(x > 0 ? 12 + (frequency.length % 5) * 4 : 0);
};
for (let pass = 0; pass < 2; pass++) {
  for (let i = 0; i < 600; i++) {
    const tDays = 7 + ((i * 31) % 294); // up to 300 days: 301 points
    const x = (i * 7) % 6;
    const txDays = x === 0 ? 0 : i % 11 === 0 ? tDays : 1 + ((i * 13) % tDays);
    add(x, Math.min(txDays, tDays) / 7, tDays / 7);
    if (i % 10 === 3) add(70, tDays / 14, tDays / 7); // past the grid's rows
    if (i % 10 === 5) add(x, Math.min(txDays, tDays) / 7, (tDays + 1 / 3) / 7); // age off its point
    if (i % 10 === 7 && x > 0) add(x, (Math.min(txDays, tDays) - 1 / 3) / 7, tDays / 7); // recency off its point
    if (i % 20 === 9) add(2.5, tDays / 14, tDays / 7); // fractional frequency
  }
}

describe.each(cases)("scoreCountModel(%s) with customers on and off the day grid interleaved", (_name, id, p) => {
  it("every customer as the one-customer formulas, to 1e-12 relative", () => {
    expect(worstAgainstFormulas(id, p, gg, { frequency, recency, T, monetary })).toBeLessThan(1e-12);
  });
});
