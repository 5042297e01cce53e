// The shared input handling of the BTYD fits (src/core/clv/data.ts): the checks of a summary, the
// grouping of identical (x, t_x, T) histories, and the hash index that groups them. The expected
// groups are computed inside the tests with a JavaScript Map keyed on the text of the tuple (an
// independent way to number distinct tuples in order of first appearance).
import { checkArg, checkFitOptions, checkFrequency, checkHistory, DEFAULT_FIT_TIME_LIMIT_MS, groupRfm, LOG_PARAM_BOUND, toRfmData, TupleIndex } from "../../../src/core/clv/data";
import { ErrorCodes } from "../../../src/core/errors";

/** A seeded stream of integers (a linear congruential generator; Numerical Recipes' constants). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** The independent numbering: distinct tuples in order of first appearance, −0 as 0. */
function mapIndex(tuples: number[][]): { ids: number[]; distinct: number[][] } {
  const seen = new Map<string, number>();
  const distinct: number[][] = [];
  const ids = tuples.map((t) => {
    const k = t.map((v) => String(v + 0)).join("|");
    let g = seen.get(k);
    if (g === undefined) {
      g = seen.size;
      seen.set(k, g);
      distinct.push(t.map((v) => v + 0));
    }
    return g;
  });
  return { ids, distinct };
}

describe("TupleIndex (the grouping hash table)", () => {
  it("numbers 5,000 distinct triples in order of first appearance through several rehashes (table of 1,024 slots grows at 513 keys, then 1,025, 2,049, 4,097)", () => {
    const next = lcg(2024);
    // 20,000 triples drawn from 5,000 distinct ones (some repeated many times), fractional values included.
    const pool = Array.from({ length: 5000 }, (_, i) => [i % 37, (i * 0.25) % 91, i / 7]);
    const tuples = Array.from({ length: 20000 }, (_, i) => pool[i < 5000 ? i : next(5000)]);
    const expected = mapIndex(tuples);
    const index = new TupleIndex(3, 1); // a table of 1,024 slots, room for 16 keys: both grow
    const got = tuples.map((t) => index.add(t));
    expect(got).toEqual(expected.ids);
    expect(index.size).toBe(5000);
    expect(Array.from(index.keys.subarray(0, 3 * 5000))).toEqual(expected.distinct.flat());
    // After the rehashes every key is still found, and re-adding gives the same number, size unchanged.
    for (let g = 0; g < 5000; g += 7) expect(index.add(pool[g])).toBe(g);
    expect(index.size).toBe(5000);
  });

  it("keeps 1,025 keys apart and finds each again after the first rehash (513th key doubles the 1,024-slot table)", () => {
    const index = new TupleIndex(2);
    const ids = Array.from({ length: 1025 }, (_, i) => i);
    expect(ids.map((i) => index.add([i, -i]))).toEqual(ids);
    expect(ids.map((i) => index.add([1024 - i, i - 1024]))).toEqual(ids.map((i) => 1024 - i));
    expect(index.size).toBe(1025);
  });

  it("tells tuples that differ in one coordinate apart, and takes −0 as 0", () => {
    const index = new TupleIndex(3, 4);
    expect(index.add([1, 2, 3])).toBe(0);
    expect(index.add([1, 2, 4])).toBe(1);
    expect(index.add([0, 2, 3])).toBe(2);
    expect(index.add([1, 3, 3])).toBe(3);
    expect(index.add([0, 0, 0])).toBe(4);
    expect(index.add([-0, 0, -0])).toBe(4);
    expect(index.add([1, 2, 3])).toBe(0);
    expect(index.size).toBe(5);
    // The stored key is +0 (1/+0 = +∞), not −0.
    const z = new TupleIndex(1);
    z.add([-0]);
    expect(1 / z.keys[0]).toBe(Infinity);
  });

  it("after a rehash, a new key (0, 0, 0) gets the next number: the rehash places the existing keys only", () => {
    const index = new TupleIndex(3, 1);
    const keys = Array.from({ length: 600 }, (_, i) => [i + 1, 2 * i + 1, 3]);
    expect(keys.map((k) => index.add(k))).toEqual(keys.map((_, i) => i));
    expect(index.add([0, 0, 0])).toBe(600);
    expect(index.size).toBe(601);
    expect(index.add([0, 0, 0])).toBe(600);
  });

  it("right after the rehash, a new key (0, 0, 0) is added, not mistaken for an empty slot of the key store", () => {
    // The 513th key doubles the 1,024-slot table; the store's next key (number 513) is still all
    // zeros then, so a rehash that also placed number 513 would "find" (0, 0, 0) there.
    const index = new TupleIndex(3, 1);
    const keys = Array.from({ length: 513 }, (_, i) => [i + 1, 2 * i + 1, 3]);
    expect(keys.map((k) => index.add(k))).toEqual(keys.map((_, i) => i));
    expect(index.add([0, 0, 0])).toBe(513);
    expect(index.size).toBe(514);
    expect(index.add([7, 7, 7])).toBe(514);
    expect(index.add([0, 0, 0])).toBe(513);
  });

  it("keeps the first key (number 0) through a rehash in 50 tables of 600 keys each (some key collides with its slot)", () => {
    for (let t = 0; t < 50; t++) {
      const index = new TupleIndex(2, 1);
      const keys = Array.from({ length: 600 }, (_, i) => [t, i * 1.5]);
      keys.forEach((k) => index.add(k));
      expect(keys.map((k) => index.add(k))).toEqual(keys.map((_, i) => i));
      expect(index.size).toBe(600);
    }
  });

  it("uses only the first dim numbers of a longer key", () => {
    const index = new TupleIndex(2);
    expect(index.add([5, 6, 7])).toBe(0);
    expect(index.add([5, 6, 8])).toBe(0);
    expect(index.add([5, 7, 7])).toBe(1);
  });
});

describe("groupRfm", () => {
  it("groups 6,000 customers with 4,000 distinct histories: weights, back-map, distinct x and times agree with a Map", () => {
    const next = lcg(7);
    const n = 6000;
    const frequency: number[] = [], recency: number[] = [], T: number[] = [], weights: number[] = [];
    for (let i = 0; i < n; i++) {
      const h = i < 4000 ? i : next(4000); // history h, repeated for the last 2,000 rows
      const x = h % 9;
      const Ti = 20 + (h % 53) + (h % 4000 >= 2000 ? 0.5 : 0);
      frequency.push(x);
      recency.push(x === 0 ? 0 : (Math.floor(h / 9) % 20) * 0.5);
      T.push(Ti);
      weights.push(1 + (i % 3));
    }
    const g = groupRfm(toRfmData({ frequency, recency, T, weights }));
    const tuples = frequency.map((x, i) => [x, recency[i], T[i]]);
    const { ids, distinct } = mapIndex(tuples);
    expect(g.size).toBe(distinct.length);
    expect(Array.from(g.groupOf)).toEqual(ids);
    expect(Array.from(g.x)).toEqual(distinct.map((d) => d[0]));
    expect(Array.from(g.tx)).toEqual(distinct.map((d) => d[1]));
    expect(Array.from(g.T)).toEqual(distinct.map((d) => d[2]));
    // Σ weights per group, per distinct x, and in all, by a Map.
    const wOf = new Array<number>(distinct.length).fill(0);
    ids.forEach((k, i) => (wOf[k] += weights[i]));
    expect(Array.from(g.w)).toEqual(wOf);
    const total = weights.reduce((a, b) => a + b, 0); // 2000·(1+2+3) = 12,000
    expect(total).toBe(12000);
    expect(g.totalWeight).toBe(12000);
    const xs = new Map<number, number>();
    distinct.forEach((d, k) => xs.set(d[0], (xs.get(d[0]) ?? 0) + wOf[k]));
    expect(Array.from(g.distinctX)).toEqual([...xs.keys()]);
    expect(Array.from(g.weightOfX)).toEqual([...xs.values()]);
    expect(Array.from(g.xIndex, (k) => g.distinctX[k])).toEqual(Array.from(g.x));
    expect(Array.from(g.txIndex, (k) => g.distinctTimes[k])).toEqual(Array.from(g.tx));
    expect(Array.from(g.TIndex, (k) => g.distinctTimes[k])).toEqual(Array.from(g.T));
    const times = new Set<number>();
    distinct.forEach((d) => {
      times.add(d[1]);
      times.add(d[2]);
    });
    expect(Array.from(g.distinctTimes)).toEqual([...times]);
  });

  it("counts each row once without weights, and −0 with 0", () => {
    const g = groupRfm(toRfmData([{ frequency: 0, recency: 0, T: 5 }, { frequency: -0, recency: -0, T: 5 }, { frequency: 1, recency: 2, T: 5 }]));
    expect(g.size).toBe(2);
    expect(Array.from(g.w)).toEqual([2, 1]);
    expect(Array.from(g.groupOf)).toEqual([0, 0, 1]);
    expect(g.totalWeight).toBe(3);
    expect(Array.from(g.distinctX)).toEqual([0, 1]);
    expect(Array.from(g.weightOfX)).toEqual([2, 1]);
    // Times 0, 5, 2 in order of first appearance (t_x before T of each group).
    expect(Array.from(g.distinctTimes)).toEqual([0, 5, 2]);
    expect(Array.from(g.txIndex)).toEqual([0, 2]);
    expect(Array.from(g.TIndex)).toEqual([1, 1]);
  });

  it("grows its weight accumulator past 1,024 groups (2,500 distinct histories of weight 1 and one of weight 3)", () => {
    const frequency = Array.from({ length: 2503 }, (_, i) => (i < 2500 ? i : 7));
    const recency = frequency.map((x) => (x === 0 ? 0 : 1));
    const T = frequency.map(() => 3000);
    const g = groupRfm(toRfmData({ frequency, recency, T }));
    expect(g.size).toBe(2500);
    expect(g.w[7]).toBe(4);
    expect(g.w[2499]).toBe(1);
    expect(g.totalWeight).toBe(2503);
  });
});

describe("toRfmData and checkHistory", () => {
  it("reads rows and columns alike; monetary only when the first row has it", () => {
    const rows = toRfmData([{ frequency: 2, recency: 3, T: 4, monetary: 10 }, { frequency: 0, recency: 0, T: 4, monetary: 0 }]);
    expect(Array.from(rows.frequency)).toEqual([2, 0]);
    expect(Array.from(rows.recency)).toEqual([3, 0]);
    expect(Array.from(rows.T)).toEqual([4, 4]);
    expect(Array.from(rows.monetary ?? [])).toEqual([10, 0]);
    expect(rows.weights).toBeNull();
    expect(rows.length).toBe(2);
    expect(toRfmData([{ frequency: 1, recency: 1, T: 2 }]).monetary).toBeNull();
    const cols = toRfmData({ frequency: [1], recency: [1], T: [2], monetary: [5], weights: [3] });
    expect(Array.from(cols.monetary ?? [])).toEqual([5]);
    expect(Array.from(cols.weights ?? [])).toEqual([3]);
    expect(toRfmData({ frequency: [1], recency: [1], T: [2] }).monetary).toBeNull();
  });

  it("names the column and row of a value that is not a number, in rows and in columns", () => {
    expect(() => toRfmData([{ frequency: 1, recency: 1, T: 2 }, { frequency: "x" as unknown as number, recency: 1, T: 2 }])).toThrow(
      expect.objectContaining({ message: "frequency: row 2 holds the text \"x\", not a number", where: { row: 2, column: "frequency" } }),
    );
    for (const column of ["recency", "T", "monetary", "weights"] as const) {
      const cols: Record<string, number[]> = { frequency: [1, 1], recency: [1, 1], T: [2, 2], monetary: [1, 1], weights: [1, 1] };
      cols[column] = [cols[column][0], NaN];
      expect(() => toRfmData(cols as never)).toThrow(expect.objectContaining({ message: `${column}: row 2 holds NaN, not a number`, where: { row: 2, column } }));
    }
    expect(() => toRfmData({ frequency: [1, 0], recency: [1, 1], T: [2, 2] })).toThrow(
      expect.objectContaining({ message: "row 2: recency is 1 but frequency is 0: a customer without repeat purchases has recency 0", where: { row: 2, column: "recency" } }),
    );
  });

  it("rejects columns of different lengths, naming the column and both counts", () => {
    for (const [bad, name] of [
      [{ frequency: [1, 2], recency: [1], T: [2, 3] }, "recency"],
      [{ frequency: [1, 2], recency: [1, 1], T: [2] }, "T"],
      [{ frequency: [1, 2], recency: [1, 1], T: [2, 3], monetary: [1] }, "monetary"],
      [{ frequency: [1, 2], recency: [1, 1], T: [2, 3], weights: [1] }, "weights"],
    ] as const) {
      expect(() => toRfmData(bad)).toThrow(
        expect.objectContaining({ message: `${name} has 1 values but frequency has 2: give one value per customer in each`, where: { argument: name } }),
      );
    }
  });

  it("rejects an empty summary, non-numbers and non-finite numbers naming the row", () => {
    expect(() => toRfmData([])).toThrow(expect.objectContaining({ code: ErrorCodes.Missing, message: "there are no customers: at least one is needed" }));
    expect(() => toRfmData({ frequency: [], recency: [], T: [] })).toThrow(expect.objectContaining({ code: ErrorCodes.Missing }));
    expect(() => toRfmData([{ frequency: 1, recency: 1, T: 2 }, { frequency: 1, recency: NaN, T: 2 }])).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidType, where: { row: 2, column: "recency" } }),
    );
    expect(() => toRfmData([{ frequency: 1, recency: 1, T: "2" as unknown as number }])).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidType, where: { row: 1, column: "T" } }),
    );
    expect(() => toRfmData({ frequency: [1, Infinity], recency: [1, 1], T: [2, 2] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.OutOfRange, message: "frequency: row 2 holds Infinity, not a finite number", where: { row: 2, column: "frequency" } }),
    );
    expect(() => toRfmData([{ frequency: 1, recency: 1, T: 2, monetary: 1 }, { frequency: 1, recency: 1, T: 2, monetary: -Infinity }])).toThrow(
      expect.objectContaining({ where: { row: 2, column: "monetary" } }),
    );
  });

  it("rejects a negative weight naming the row; weight 0 is allowed", () => {
    expect(() => toRfmData({ frequency: [1, 1], recency: [1, 1], T: [2, 2], weights: [0, -1] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.OutOfRange, message: "row 2: weights must be 0 or more; got -1", where: { row: 2, column: "weights" } }),
    );
    expect(Array.from(toRfmData({ frequency: [1], recency: [1], T: [2], weights: [0] }).weights ?? [])).toEqual([0]);
  });

  it("passes the valid histories at their edges: x = 0 with T = 0, t_x = T, t_x = T·(1 + 1e-9)", () => {
    expect(() => checkHistory(0, 0, 0)).not.toThrow();
    expect(() => checkHistory(3, 10, 10)).not.toThrow();
    expect(() => checkHistory(3, 0, 10)).not.toThrow();
    expect(() => checkHistory(3, 10 * (1 + 0.9e-9), 10)).not.toThrow(); // within the relative 1e-9 allowance
    expect(() => checkFrequency(0)).not.toThrow();
    expect(() => checkFrequency(4)).not.toThrow();
  });

  it("says what is wrong with each invalid history, with and without a row", () => {
    const cases: [number, number, number, string, string][] = [
      [-1, 0, 5, ErrorCodes.OutOfRange, "frequency must be 0 or more; got -1"],
      [NaN, 0, 5, ErrorCodes.OutOfRange, "frequency must be 0 or more; got NaN"],
      [1.5, 1, 5, ErrorCodes.OutOfRange, "frequency must be a whole number of repeat purchases; got 1.5"],
      [1, -2, 5, ErrorCodes.OutOfRange, "recency must be 0 or more; got -2"],
      [0, 0, -1, ErrorCodes.OutOfRange, "T must be 0 or more; got -1"],
      [2, 0, 0, ErrorCodes.OutOfRange, "T must be greater than 0 for a customer with repeat purchases; got 0"],
      [2, 10 * (1 + 2e-9), 10, ErrorCodes.InconsistentData, `recency ${10 * (1 + 2e-9)} is greater than T 10: the last purchase cannot come after the end of observation`],
      [0, 3, 5, ErrorCodes.InconsistentData, "recency is 3 but frequency is 0: a customer without repeat purchases has recency 0"],
    ];
    for (const [x, tx, T, code, message] of cases) {
      expect(() => checkHistory(x, tx, T)).toThrow(expect.objectContaining({ code, message }));
      expect(() => checkHistory(x, tx, T, 4)).toThrow(expect.objectContaining({ code, message: `row 4: ${message}`, where: expect.objectContaining({ row: 4 }) }));
    }
    // The column each error names, with a row; without one, the argument and no row parameter.
    const columns = ["frequency", "frequency", "frequency", "recency", "T", "T", "recency", "recency"];
    cases.forEach(([x, tx, T], k) => {
      expect(() => checkHistory(x, tx, T, 9)).toThrow(expect.objectContaining({ where: { row: 9, column: columns[k] } }));
      expect(() => checkHistory(x, tx, T)).toThrow(expect.objectContaining({ where: { argument: columns[k] } }));
      try {
        checkHistory(x, tx, T);
      } catch (e) {
        expect(Object.keys((e as { params: object }).params)).not.toContain("row");
      }
    });
    // t_x > T is named before "x = 0 with a recency", and before "T = 0": (0, 3, 0) is recency after T.
    expect(() => checkHistory(0, 3, 0)).toThrow("recency 3 is greater than T 0: the last purchase cannot come after the end of observation");
    // x = 0, t_x = T = 5: within the 1e-9 allowance, so the error is the recency without repeats,
    // also at exactly T·(1 + 1e-9).
    expect(() => checkHistory(0, 5, 5)).toThrow("recency is 5 but frequency is 0: a customer without repeat purchases has recency 0");
    expect(() => checkHistory(0, 5 * (1 + 1e-9), 5)).toThrow("recency is 5.000000005 but frequency is 0: a customer without repeat purchases has recency 0");
    expect(() => checkHistory(-1, 0, 5)).toThrow(expect.objectContaining({ where: { argument: "frequency" } }));
    expect(() => checkHistory(1, 6, 5, 2)).toThrow(expect.objectContaining({ where: { row: 2, column: "recency" } }));
    expect(() => checkHistory(2, 0, 0, 3)).toThrow(expect.objectContaining({ where: { row: 3, column: "T" } }));
    expect(() => checkFrequency(-1, 7)).toThrow("row 7: frequency must be 0 or more; got -1");
    expect(() => checkFrequency(0.5)).toThrow("frequency must be a whole number of repeat purchases; got 0.5");
  });
});

describe("checkFitOptions and checkArg", () => {
  it("fills the defaults: penalizer 0, 500 iterations, tolerance 1e-9, 60 s", () => {
    expect(checkFitOptions({})).toEqual({ penalizer: 0, maxIterations: 500, tolerance: 1e-9, timeLimitMs: 60000, onProgress: undefined });
    expect(DEFAULT_FIT_TIME_LIMIT_MS).toBe(60000);
    const onProgress = () => undefined;
    expect(checkFitOptions({ penalizer: 0.1, maxIterations: 1, tolerance: 1e-4, timeLimitMs: 5, onProgress })).toEqual({ penalizer: 0.1, maxIterations: 1, tolerance: 1e-4, timeLimitMs: 5, onProgress });
  });

  it("rejects a negative or infinite penalizer, fewer than 1 iteration, a time limit of 0 or less", () => {
    expect(() => checkFitOptions({ penalizer: -0.01 })).toThrow(expect.objectContaining({ code: ErrorCodes.OutOfRange, message: "penalizer must be at least 0; got -0.01", where: { argument: "penalizer" } }));
    expect(() => checkFitOptions({ penalizer: Infinity })).toThrow("penalizer must be at least 0; got Infinity");
    expect(() => checkFitOptions({ penalizer: NaN })).toThrow(/^penalizer must be at least 0/);
    expect(() => checkFitOptions({ maxIterations: 0.99 })).toThrow(expect.objectContaining({ message: "the iteration limit must be at least 1; got 0.99", where: { argument: "maxIterations" } }));
    expect(() => checkFitOptions({ timeLimitMs: 0 })).toThrow(expect.objectContaining({ message: "the time limit in milliseconds must be greater than 0; got 0", where: { argument: "timeLimitMs" } }));
  });

  it("checkArg: a number at least min (inclusive) or above it, finite", () => {
    expect(() => checkArg("t", 0, 0)).not.toThrow();
    expect(() => checkArg("t", -1e-12, 0)).toThrow(expect.objectContaining({ code: ErrorCodes.OutOfRange, message: "t must be at least 0; got -1e-12", where: { argument: "t" } }));
    expect(() => checkArg("t", 0, 0, false)).toThrow("t must be greater than 0; got 0");
    expect(() => checkArg("t", 1e-12, 0, false)).not.toThrow();
    expect(() => checkArg("t", Infinity, 0)).toThrow(expect.objectContaining({ code: ErrorCodes.OutOfRange, message: "t must be a finite number; got Infinity" }));
    expect(() => checkArg("t", NaN, 0)).toThrow(expect.objectContaining({ code: ErrorCodes.InvalidType, message: "t must be a number; got NaN", where: { argument: "t" } }));
    expect(() => checkArg("t", "3" as unknown as number, 0)).toThrow(expect.objectContaining({ code: ErrorCodes.InvalidType }));
  });

  it("the fits' box is ln 1e8 = 18.420680743952367", () => {
    expect(LOG_PARAM_BOUND).toBeCloseTo(18.420680743952367, 14);
  });
});
