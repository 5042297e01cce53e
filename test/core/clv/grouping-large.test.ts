// groupRfm beyond its first table (src/core/clv/grouping.ts): more than 2^18 distinct repeat-buyer
// histories make the open-addressing table rehash, which must keep every group where it was.
import { groupRfm, toRfmData } from "../../../src/core";
import { groupRfmBucketed } from "../../../src/core/clv/grouping";
import { groupSummary } from "../../../src/core/clv/data";
import { CvaError } from "../../../src/core/errors";
import { Mulberry } from "./simulate";

describe("groupRfm with 270,000 distinct repeat histories, each seen twice", () => {
  it("numbers them in order of first appearance, the second sighting in the same group with weight 2, through the rehash", () => {
    const m = 270_000, n = 2 * m;
    const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      // Distinct (x, t_x, T): t_x = i/1000 is distinct for every i (row 1234: x = 1 + 1234 mod 20 = 15, t_x = 1.234);
      // 20 frequencies × ~271,000 distinct times exceed the per-T table of the bucketed path, so this takes the hash path..
      frequency[i] = frequency[m + i] = 1 + (i % 20);
      recency[i] = recency[m + i] = i / 1000;
      T[i] = T[m + i] = i / 1000 + 1;
    }
    const g = groupRfm(toRfmData({ frequency, recency, T }));
    expect(g.size).toBe(m);
    expect(g.totalWeight).toBe(n);
    let wrong = 0;
    for (let i = 0; i < m; i++) {
      if (g.groupOf[i] !== i || g.groupOf[m + i] !== i || g.w[i] !== 2) wrong++;
      if (g.x[i] !== frequency[i] || g.tx[i] !== recency[i] || g.T[i] !== T[i]) wrong++;
    }
    expect(wrong).toBe(0);
    expect(g.x[1234]).toBe(15);
    expect(groupRfmBucketed(toRfmData({ frequency, recency, T }))).toBeNull();
    expect(g.tx[1234]).toBe(1.234);
  });
});

describe("groupRfmBucketed (the path groupRfm takes from 65,536 rows)", () => {
  it("gives exactly what the hash path gives on 20,000 rows: groups in order of first appearance, weights in row order, −0 as 0, the distinct values", () => {
    const rng = new Mulberry(11);
    const n = 20_000;
    const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n), weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 1 + Math.floor(rng.next() * 60) / 7;
      frequency[i] = rng.next() < 0.6 ? 0 : 1 + Math.floor(rng.next() * 5);
      recency[i] = frequency[i] === 0 ? (i % 5 === 0 ? -0 : 0) : Math.floor(rng.next() * T[i] * 7) / 7;
      weights[i] = 0.5 + (i % 4);
    }
    const data = toRfmData({ frequency, recency, T, weights });
    const hash = groupRfm(data); // below 65,536 rows: the hash path
    const bucketed = groupRfmBucketed(data);
    if (!bucketed) throw new Error("bucketed path refused day-grid data");
    for (const key of ["x", "tx", "T", "w", "groupOf", "distinctX", "xIndex", "weightOfX", "distinctTimes", "txIndex", "TIndex"] as const) {
      expect(Array.from(bucketed[key])).toEqual(Array.from(hash[key]));
    }
    expect(bucketed.size).toBe(hash.size);
    expect(bucketed.totalWeight).toBe(hash.totalWeight);
  });

  it("refuses (null, for the hash path) when x × t cells would exceed its table: times off any grid", () => {
    const n = 3000;
    const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      frequency[i] = 1 + i; // 3,000 distinct x
      recency[i] = i + 0.5; // and 6,000 distinct times: 18,000,000 cells > 2^22
      T[i] = i + 3000.25;
    }
    expect(groupRfmBucketed(toRfmData({ frequency, recency, T }))).toBeNull();
  });
});

describe("groupSummary (the fits' grouping: rows checked in the grouping pass for large typed columns)", () => {
  /** 70,000 rows on a day grid in weeks, a frequency beyond the direct table, the first row a repeat buyer with t_x = 0. */
  function summary(): { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array; weights: Float64Array } {
    const rng = new Mulberry(5);
    const n = 70_000;
    const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n), monetary = new Float64Array(n), weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 1 + Math.floor(rng.next() * 300) / 7;
      frequency[i] = i % 997 === 3 ? 5000 : rng.next() < 0.6 ? 0 : 1 + Math.floor(rng.next() * 9);
      recency[i] = frequency[i] === 0 ? 0 : Math.floor(rng.next() * T[i] * 7) / 7;
      monetary[i] = frequency[i] === 0 ? 0 : 10 + (i % 13);
      weights[i] = i % 11 === 0 ? 0 : 1 + (i % 3); // some histories first seen with weight 0
    }
    frequency[0] = 2;
    recency[0] = 0;
    return { frequency, recency, T, monetary, weights };
  }

  it("gives exactly groupRfm(toRfmData(…)) but the map from rows (empty): the same groups in the same order, weights, numbers and distinct values (frequency 5,000 included)", () => {
    const s = summary();
    const fused = groupSummary(s);
    const plain = groupRfm(toRfmData(s));
    expect(fused.groupOf.length).toBe(0);
    for (const key of ["x", "tx", "T", "w", "distinctX", "xIndex", "weightOfX", "distinctTimes", "txIndex", "TIndex"] as const) {
      expect(Array.from(fused[key])).toEqual(Array.from(plain[key]));
    }
    expect(fused.size).toBe(plain.size);
    expect(fused.totalWeight).toBe(plain.totalWeight);
    expect(Array.from(fused.distinctX)).toContain(5000);
    // Row 1 (x = 2, t_x = 0) comes first: x = 2 is number 0, time 0 number 0.
    expect([fused.xIndex[0], fused.txIndex[0], fused.x[0]]).toEqual([0, 0, 2]);
  });

  // Each bad summary throws what toRfmData throws (the first bad column before the first bad row).
  const cases: [string, (s: ReturnType<typeof summary>) => void][] = [
    ["recency after T in row 60,001", (s) => { s.frequency[60_000] = 1; s.recency[60_000] = s.T[60_000] + 1; }],
    ["a fractional frequency", (s) => { s.frequency[500] = 1.5; s.recency[500] = 0; }],
    ["a recency without repeat purchases", (s) => { s.frequency[501] = 0; s.recency[501] = 1; }],
    ["T = ∞ of a one-time buyer", (s) => { s.frequency[502] = 0; s.recency[502] = 0; s.T[502] = Infinity; }],
    ["a negative weight", (s) => { s.weights[503] = -1; }],
    ["an infinite weight", (s) => { s.weights[504] = Infinity; }],
    ["a NaN spend after a bad history (the column error first)", (s) => { s.monetary[69_000] = NaN; s.frequency[10] = 1; s.recency[10] = s.T[10] * 2; }],
    ["T = 0 of a repeat buyer", (s) => { s.frequency[505] = 1; s.recency[505] = 0; s.T[505] = 0; }],
  ];
  it.each(cases)("throws toRfmData's error for %s", (_name, spoil) => {
    const s = summary();
    spoil(s);
    let expected: unknown = null;
    try {
      toRfmData(s);
    } catch (e) {
      expected = e;
    }
    expect(expected).toBeInstanceOf(CvaError);
    expect(() => groupSummary(s)).toThrow((expected as CvaError).message);
    try {
      groupSummary(s);
    } catch (e) {
      expect((e as CvaError).code).toBe((expected as CvaError).code);
    }
  });
});
