/**
 * spendData (src/core/clv/gammagamma-likelihood.ts), the reading of a spend summary for the
 * Gamma-Gamma likelihood, on summaries small enough to work by hand: which rows are repeat buyers
 * (x > 0 with a weight), the distinct frequencies in their documented order (whole ones increasing,
 * then the others in order of first appearance) with their weights, the bins of x·z̄ (one per
 * value here: they are far apart), Σ w ln z̄ and Σ w x ln z̄; and every refusal, naming the row
 * and column: spends or frequencies that are not finite numbers, a negative frequency (the first
 * row included), a spend ≤ 0 of a repeat buyer, columns of different lengths, fewer than two
 * buyers, and buyers whose spends (or whole histories) are all the same.
 */
import { ErrorCodes } from "../../../src/core";
import { spendData } from "../../../src/core/clv/gammagamma-likelihood";
import { thrown } from "../../support/thrown";

describe("spendData on a summary worked by hand", () => {
  // rows 0 … 6: x 2, 0, 1, 4096, 2.5, 2, 3 (row 1 has no repeat purchase; its spend 0 is fine)
  const frequency = [2, 0, 1, 4096, 2.5, 2, 3];
  const monetary = [10, 0, 30, 1, 8, 10, 7];
  const d = spendData({ frequency, monetary });

  it("keeps the repeat buyers, their distinct frequencies in order with their weights", () => {
    expect([d.buyers, d.totalWeight, d.excluded]).toEqual([6, 6, 0]);
    expect(Array.from(d.xVal)).toEqual([1, 2, 3, 4096, 2.5]);
    expect(Array.from(d.wX)).toEqual([1, 2, 1, 1, 1]);
    expect(Array.from(d.lnX)).toEqual([1, 2, 3, 4096, 2.5].map(Math.log));
    expect(d.meanZ).toBeCloseTo((10 + 30 + 1 + 8 + 10 + 7) / 6, 12);
  });

  it("puts equal values of x·z̄ in one bin and far-apart ones in their own", () => {
    // x·z̄: 20, 30, 4096, 20, 20, 21 → bins of 20, 21, 30 and 4096
    expect(d.centre.length).toBe(4);
    expect(d.moments.length).toBe(4 * 12);
    let weight = 0;
    for (let j = 0; j < 4; j++) weight += d.moments[12 * j];
    expect(weight).toBe(6);
  });

  it("sums w ln z̄ and w x ln z̄ over the buyers", () => {
    const x = [2, 1, 4096, 2.5, 2, 3], z = [10, 30, 1, 8, 10, 7];
    const sLnZ = z.reduce((s, zi) => s + Math.log(zi), 0);
    const sXLnZ = z.reduce((s, zi, i) => s + x[i] * Math.log(zi), 0);
    expect(d.sLnZ).toBeCloseTo(sLnZ, 12);
    expect(d.sXLnZ).toBeCloseTo(sXLnZ, 9);
  });

  it("counts weights, leaves weight-0 rows out (their spend unread), and counts a buyer of weight 2 as two", () => {
    const w = spendData({ frequency: [2, 3, 1], monetary: [10, 0, 5], weights: [3, 0, 1] });
    expect([w.buyers, w.totalWeight]).toEqual([2, 4]);
    expect(Array.from(w.wX)).toEqual([1, 3]);
    // one buyer of weight 2 passes the count of buyers, and is then one history, refused as such
    expect(thrown(() => spendData({ frequency: [2, 0], monetary: [10, 0], weights: [2, 1] })).key).toBe("spend.sameHistory");
  });

  it("leaves spends ≤ 0 of repeat buyers out when asked, counting their weight", () => {
    const e = spendData({ frequency: [2, 1, 3, 1], monetary: [10, 0, -4, 6] }, "exclude");
    expect([e.buyers, e.totalWeight, e.excluded]).toEqual([2, 2, 2]);
  });
});

describe("spendData's refusals", () => {
  const refuse = (summary: Parameters<typeof spendData>[0], nonPositive?: "error" | "exclude") => thrown(() => spendData(summary, nonPositive));

  it("a spend that is not a finite number, or ≤ 0 for a repeat buyer, naming its row", () => {
    expect(refuse({ frequency: [1, 2, 3], monetary: [5, Number.NaN, 4] })).toMatchObject({ code: ErrorCodes.InvalidType, key: "population.notNumber", where: { row: 2, column: "monetary" } });
    expect(refuse({ frequency: [1, 2, 3], monetary: [5, 6, Number.POSITIVE_INFINITY] })).toMatchObject({ code: ErrorCodes.OutOfRange, key: "population.notFinite", where: { row: 3, column: "monetary" } });
    expect(refuse({ frequency: [1, 2, 3], monetary: [5, "6", 4] as unknown as number[] })).toMatchObject({ key: "population.notNumber", where: { row: 2, column: "monetary" } });
    const zero = refuse({ frequency: [1, 2, 3], monetary: [5, 6, 0] });
    expect(zero).toMatchObject({ code: ErrorCodes.OutOfRange, key: "spend.notPositiveAt", where: { row: 3, column: "monetary" }, params: { row: 3, arg: "monetary", got: 0 } });
  });

  it("a frequency that is negative or not a finite number, the first row included", () => {
    expect(refuse({ frequency: [-1, 2, 3], monetary: [5, 6, 4] })).toMatchObject({ code: ErrorCodes.OutOfRange, key: "history.negativeAt", where: { row: 1, column: "frequency" }, params: { row: 1, got: -1 } });
    expect(refuse({ frequency: [1, 2, -3], monetary: [5, 6, 4] })).toMatchObject({ key: "history.negativeAt", where: { row: 3, column: "frequency" } });
    expect(refuse({ frequency: [1, Number.NaN, 3], monetary: [5, 6, 4] })).toMatchObject({ code: ErrorCodes.InvalidType, key: "population.notNumber", where: { row: 2, column: "frequency" } });
    expect(refuse({ frequency: [1, 2, Number.POSITIVE_INFINITY], monetary: [5, 6, 4] })).toMatchObject({ code: ErrorCodes.OutOfRange, key: "population.notFinite", where: { row: 3, column: "frequency" } });
    expect(refuse({ frequency: [null, 2, 3] as unknown as number[], monetary: [5, 6, 4] })).toMatchObject({ key: "population.notNumber", where: { row: 1, column: "frequency" } });
  });

  it("columns of different lengths", () => {
    expect(refuse({ frequency: [1, 2, 3], monetary: [5, 6] })).toMatchObject({
      code: ErrorCodes.InconsistentData,
      key: "data.lengthMismatch",
      params: { arg: "monetary", count: 2, otherArg: "frequency", otherCount: 3 },
      where: { argument: "monetary" },
    });
  });

  it("fewer than two buyers (by weight), and buyers all alike", () => {
    for (const s of [
      { frequency: [0, 0], monetary: [0, 0] },
      { frequency: [2, 0], monetary: [10, 0] },
      { frequency: [2, 0], monetary: [10, 0], weights: [1.5, 3] },
    ]) {
      expect(refuse(s)).toMatchObject({ code: ErrorCodes.DegenerateData, key: "spend.tooFewBuyers" });
    }
    expect(refuse({ frequency: [2, 0], monetary: [10, 0] }).params).toEqual({ count: 1 });
    expect(refuse({ frequency: [2, 2, 2], monetary: [10, 10, 10] })).toMatchObject({ code: ErrorCodes.DegenerateData, key: "spend.sameHistory" });
    expect(refuse({ frequency: [2, 3, 1], monetary: [10, 10, 10] })).toMatchObject({ code: ErrorCodes.DegenerateData, key: "spend.sameSpend", params: { spend: 10 } });
    // the same spend but for one buyer, first or last: not degenerate
    expect(spendData({ frequency: [2, 3, 1], monetary: [11, 10, 10] }).buyers).toBe(3);
    expect(spendData({ frequency: [2, 2, 2], monetary: [10, 10, 12] }).buyers).toBe(3);
  });
});
