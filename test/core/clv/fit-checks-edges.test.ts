/**
 * The fit checks' edges (src/core/clv/fit-checks.ts): every argument refused with its key,
 * parameters and place, and the limits themselves accepted; a holdout bucket nobody is in; a
 * tracking series worked by hand with a half-unit step, first purchases not in order, a purchase
 * at the very end of the holdout and a period starting exactly at the calibration end; and the
 * P(alive) matrix at T = 0.
 */
import { countModel } from "../../../src/core";
import { aliveMatrix, bucketSums, fitChecks, frequencyHistogram, trackingSeries } from "../../../src/core/clv/fit-checks";
import { thrown } from "../../support/thrown";

const bg = countModel("bgnbd");
const pareto = countModel("paretonbd");
const bgParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** Pareto/NBD with r = α = 1, s = 2, β = 1: E[X(t)] = t/(1 + t) (FH 2005 eq. 27). */
const simple = { r: 1, alpha: 1, s: 2, beta: 1 };
const fault = (f: () => unknown) => {
  const e = thrown(f);
  return { key: e.key, params: e.params, where: e.where };
};

describe("the fit checks' arguments", () => {
  it("maxBucket: a whole number from 1 to 100, both ends taken", () => {
    for (const bad of [0, 101, 2.5, Number.NaN]) {
      expect(fault(() => frequencyHistogram(bg, bgParams, [1, 0], [5, 5], bad))).toEqual({
        key: "arg.wholeBetween",
        params: { arg: "maxBucket", min: 1, max: 100, got: bad },
        where: { argument: "maxBucket" },
      });
    }
    expect(frequencyHistogram(bg, bgParams, [1, 0], [5, 5], 1).map((r) => r.frequency)).toEqual(["0", "1+"]);
    expect(frequencyHistogram(bg, bgParams, [1, 0], [5, 5], 100)).toHaveLength(101);
  });

  const holdout = { frequency: [0, 1, 3], recency: [0, 2, 4], T: [5, 5, 6], holdoutLength: 4, holdoutPurchases: [0, 2, 1] };

  it("the holdout: its length at least 0, each count a finite number ≥ 0, named by row", () => {
    expect(fault(() => bucketSums(bg, bgParams, { ...holdout, holdoutLength: -1 }))).toEqual({
      key: "arg.atLeast",
      params: { arg: "holdoutLength", min: 0, hint: "", got: -1 },
      where: { argument: "holdoutLength" },
    });
    for (const bad of [-1, Infinity, Number.NaN]) {
      expect(fault(() => bucketSums(bg, bgParams, { ...holdout, holdoutPurchases: [0, 2, bad] }))).toEqual({
        key: "history.negativeAt",
        params: { row: 3, arg: "holdoutPurchases", got: bad },
        where: { row: 3, column: "holdoutPurchases" },
      });
    }
  });

  it("a bucket nobody is in has means 0, not 0/0", () => {
    const s = bucketSums(bg, bgParams, holdout, 4);
    expect(s.rows.map((r) => r.customers)).toEqual([1, 1, 0, 1, 0]);
    expect(s.rows[2]).toEqual({ frequency: "2", customers: 0, actual: 0, predicted: 0 });
    expect(s.rows[4]).toEqual({ frequency: "4+", customers: 0, actual: 0, predicted: 0 });
    expect(s.totalActual).toBe(3);
  });

  const tracking = { firstPurchase: [1.5, 0], repeatTimes: [0.5, 1, 3], calibrationLength: 2 };

  it("the tracking series: lengths at least 0, a step above 0, times finite and ≥ 0 named by row, and at most 10,000 periods", () => {
    expect(fault(() => trackingSeries(pareto, simple, tracking, -1, 0.5))).toEqual({
      key: "arg.atLeast",
      params: { arg: "holdoutLength", min: 0, hint: "", got: -1 },
      where: { argument: "holdoutLength" },
    });
    expect(fault(() => trackingSeries(pareto, simple, { ...tracking, calibrationLength: -2 }, 1, 0.5))).toEqual({
      key: "arg.atLeast",
      params: { arg: "calibrationLength", min: 0, hint: "", got: -2 },
      where: { argument: "calibrationLength" },
    });
    expect(fault(() => trackingSeries(pareto, simple, tracking, 1, 0))).toEqual({
      key: "arg.above",
      params: { arg: "step", min: 0, hint: "", got: 0 },
      where: { argument: "step" },
    });
    for (const [column, bad] of [
      ["firstPurchase", -1],
      ["repeatTimes", Infinity],
      ["repeatTimes", Number.NaN],
    ] as const) {
      const broken = { ...tracking, [column]: [0, bad] };
      expect(fault(() => trackingSeries(pareto, simple, broken, 1, 0.5))).toEqual({
        key: "history.negativeAt",
        params: { row: 2, arg: column, got: bad },
        where: { row: 2, column },
      });
    }
    // 3 units in steps of 0.0003: 10,000 periods are taken, 0.00025 (12,000) refused
    expect(trackingSeries(pareto, simple, tracking, 1, 0.0003)).toHaveLength(10_000);
    expect(fault(() => trackingSeries(pareto, simple, tracking, 1, 0.00025))).toEqual({
      key: "arg.atLeast",
      params: { arg: "step", min: 3 / 10_000, hint: "", got: 0.00025 },
      where: { argument: "step" },
    });
  });

  it("P(alive) matrix: T and the horizon at least 0, grid sizes whole from 1 to 200 (both ends taken)", () => {
    expect(fault(() => aliveMatrix(bg, bgParams, -1, 52))).toEqual({ key: "arg.atLeast", params: { arg: "T", min: 0, hint: "", got: -1 }, where: { argument: "T" } });
    expect(fault(() => aliveMatrix(bg, bgParams, 30, -52))).toEqual({ key: "arg.atLeast", params: { arg: "horizon", min: 0, hint: "", got: -52 }, where: { argument: "horizon" } });
    for (const arg of ["maxFrequency", "recencySteps"] as const) {
      for (const bad of [0, 201, 1.5]) {
        expect(fault(() => aliveMatrix(bg, bgParams, 30, 52, { [arg]: bad }))).toEqual({
          key: "arg.wholeBetween",
          params: { arg, min: 1, max: 200, got: bad },
          where: { argument: arg },
        });
      }
      expect(aliveMatrix(bg, bgParams, 30, 52, { [arg]: 1 }).pAlive.length).toBe(arg === "recencySteps" ? 2 : 21);
      expect(aliveMatrix(bg, bgParams, 30, 52, { [arg]: 200 }).frequencies.length).toBe(arg === "maxFrequency" ? 201 : 21);
    }
  });
});

describe("the tracking series worked by hand", () => {
  it("a half-unit step, first purchases out of order, a purchase at the very end, a period starting at the calibration end", () => {
    // Periods of 0.5 to 2 + 1 = 3: six, ending at 0.5, 1, …, 3. Repeat purchases at 0.5 (the
    // start of period 2), 1 (period 3) and 3 (the end: the last period). Period k is in the
    // holdout when it starts after 2: period 5 starts at 2 itself and holds the calibration's
    // last instant, so only period 6 is.
    const tr = trackingSeries(pareto, simple, { firstPurchase: [1.5, 0], repeatTimes: [0.5, 1, 3], calibrationLength: 2 }, 1, 0.5);
    expect(tr.map((r) => r.time)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(tr.map((r) => r.actual)).toEqual([0, 1, 1, 0, 0, 1]);
    expect(tr.map((r) => r.inHoldout)).toEqual([false, false, false, false, false, true]);
    // Σ over first purchases s < t of E[X(t − s)] = (t − s)/(1 + t − s): the customer from 1.5
    // counts from t = 2 on.
    const e = (u: number) => u / (1 + u);
    const want = [e(0.5), e(1), e(1.5), e(2) + e(0.5), e(2.5) + e(1), e(3) + e(1.5)];
    tr.forEach((r, k) => expect(Math.abs(r.expectedCumulative - want[k])).toBeLessThanOrEqual(1e-15));
    // a whole horizon (3 in steps of 1) has 3 periods, not 4
    expect(trackingSeries(pareto, simple, { firstPurchase: [0], repeatTimes: [3], calibrationLength: 2 }, 1, 1).map((r) => r.actual)).toEqual([0, 0, 1]);
  });
});

describe("the P(alive) matrix at T = 0", () => {
  it("holds the one history there is, x = 0, in every cell", () => {
    const m = aliveMatrix(bg, bgParams, 0, 52, { maxFrequency: 3, recencySteps: 2 });
    const p0 = bg.probabilityAlive(bgParams, 0, 0, 0);
    const e0 = bg.expectedPurchases(bgParams, 52, 0, 0, 0);
    expect(m.pAlive).toEqual([
      [p0, p0, p0, p0],
      [p0, p0, p0, p0],
      [p0, p0, p0, p0],
    ]);
    expect(m.expected.flat().every((v) => v === e0)).toBe(true);
    expect(e0).toBeGreaterThan(0);
  });
});

describe("the P(alive) matrix's recencies", () => {
  it("end at T itself, where T·20/20 would round off it (T = 27/7: 3.8571428571428568)", () => {
    const T = 27 / 7;
    expect((T * 20) / 20).not.toBe(T);
    const m = aliveMatrix(bg, bgParams, T, 52);
    expect(m.recencies[20]).toBe(T);
    expect(m.recencies[10]).toBe((T * 10) / 20);
    expect(m.pAlive[20][3]).toBe(bg.probabilityAlive(bgParams, 3, T, T));
  });
});

describe("fitChecks' settings by unit", () => {
  it("daily data: tracking by weeks of 7 days, the matrix over a year of 365 days up to the largest frequency seen", () => {
    const data = { frequency: [0, 2, 3, 1], recency: [0, 20, 30, 5], T: [40, 40, 35, 30] };
    const holdout = { ...data, holdoutLength: 14, holdoutPurchases: [0, 1, 2, 0], tracking: { firstPurchase: [0, 0, 5, 10], repeatTimes: [3, 20, 9, 30, 35, 15, 45], calibrationLength: 40 } };
    const c = fitChecks(bg, bgParams, data, "days", holdout);
    expect(c.unit).toBe("days");
    expect(c.tracking!.map((r) => r.time)).toEqual([7, 14, 21, 28, 35, 42, 49, 56]);
    // 3 → week 1, 9 → 2, 20 and 15 → 3, 30 → 5, 35 → 6 (its start), 45 → 7
    expect(c.tracking!.map((r) => r.actual)).toEqual([1, 1, 2, 0, 1, 1, 1, 0]);
    expect(c.matrix.horizon).toBe(365);
    expect(c.matrix.T).toBe(40);
    expect(c.matrix.frequencies).toEqual([0, 1, 2, 3]);
    expect(c.matrix.recencies).toHaveLength(21);
    expect(c.buckets!.map((r) => r.customers)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    // weeks: one unit a period, 52 a year
    const w = fitChecks(bg, bgParams, data, "weeks", holdout);
    expect(w.tracking!).toHaveLength(54);
    expect(w.matrix.horizon).toBe(52);
  });
});
