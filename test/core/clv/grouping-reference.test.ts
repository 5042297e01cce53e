/**
 * Each way of grouping a summary's histories (src/core/clv/grouping.ts: Maps below 8,192 rows, the
 * hash table, by T from 65,536 rows) against a grouping written here in the plainest way: text
 * keys in a Map, every row in order, frequencies and times numbered as they first appear (x, then
 * t_x, then T of each row). The data has what stresses each path: more than 512 distinct ages
 * among both one-time and repeat buyers (the arrays by age grow), frequencies past 4,096 (the
 * direct array of small frequencies), fractional times, −0, weights that are not whole numbers.
 * And the row check of the path by T (`checkRows`), rule by rule, at its edges.
 */
import { groupRfm, groupRfmBucketed, groupRfmHashed, groupRfmSmall, type GroupedRfm } from "../../../src/core/clv/grouping";
import type { RfmData } from "../../../src/core/clv/data";
import { Mulberry } from "./simulate";

interface Reference {
  x: number[];
  tx: number[];
  T: number[];
  w: number[];
  groupOf: number[];
  distinctX: number[];
  xIndex: number[];
  weightOfX: number[];
  distinctTimes: number[];
  txIndex: number[];
  TIndex: number[];
  totalWeight: number;
}

/** The grouping as its doc says it, with nothing to make it fast. */
function reference(d: RfmData): Reference {
  const xNo = new Map<string, number>(), tNo = new Map<string, number>(), gNo = new Map<string, number>();
  const r: Reference = { x: [], tx: [], T: [], w: [], groupOf: [], distinctX: [], xIndex: [], weightOfX: [], distinctTimes: [], txIndex: [], TIndex: [], totalWeight: 0 };
  const number = (map: Map<string, number>, list: number[], v: number): number => {
    const key = String(v + 0); // −0 and 0 are one value
    let k = map.get(key);
    if (k === undefined) {
      k = list.length;
      map.set(key, k);
      list.push(v + 0);
    }
    return k;
  };
  for (let i = 0; i < d.length; i++) {
    const xi = number(xNo, r.distinctX, d.frequency[i]);
    const ti = number(tNo, r.distinctTimes, d.recency[i]);
    const Ti = number(tNo, r.distinctTimes, d.T[i]);
    const key = `${xi} ${ti} ${Ti}`;
    let g = gNo.get(key);
    if (g === undefined) {
      g = r.x.length;
      gNo.set(key, g);
      r.x.push(r.distinctX[xi]);
      r.tx.push(r.distinctTimes[ti]);
      r.T.push(r.distinctTimes[Ti]);
      r.w.push(0);
      r.xIndex.push(xi);
      r.txIndex.push(ti);
      r.TIndex.push(Ti);
    }
    r.w[g] += d.weights ? d.weights[i] : 1;
    r.groupOf.push(g);
  }
  r.weightOfX = new Array<number>(r.distinctX.length).fill(0);
  r.x.forEach((_, g) => {
    r.weightOfX[r.xIndex[g]] += r.w[g];
    r.totalWeight += r.w[g];
  });
  return r;
}

function expectSame(got: GroupedRfm | null, want: Reference, withRows = true): void {
  if (!got) throw new Error("no grouping");
  expect(got.size).toBe(want.x.length);
  const columns = ["x", "tx", "T", "w", "distinctX", "xIndex", "weightOfX", "distinctTimes", "txIndex", "TIndex", "groupOf"] as const;
  for (const key of columns) {
    const a = got[key], b = key === "groupOf" && !withRows ? [] : want[key];
    // The first difference, if any (a whole-array toEqual of 70,000 numbers takes seconds).
    let i = 0;
    while (i < Math.max(a.length, b.length) && Object.is(a[i], b[i])) i++;
    expect({ key, length: a.length, at: i, value: a[i] }).toEqual({ key, length: b.length, at: b.length, value: undefined });
  }
  expect(got.totalWeight).toBe(want.totalWeight);
}

/**
 * n seeded rows: ages on a day grid in weeks over `days` days (so up to `days` distinct ages), two
 * in five customers one-time buyers (t_x 0, one in five of them −0), frequencies mostly small,
 * one in 50 past 4,096; one in 40 rows repeats an earlier row whole; weights 0.25 … 3.
 */
function summary(n: number, seed: number, days: number, weighted: boolean): RfmData {
  const rng = new Mulberry(seed);
  const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
  const weights = weighted ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    if (i > 10 && rng.next() < 0.025) {
      const j = Math.floor(rng.next() * i);
      frequency[i] = frequency[j];
      recency[i] = recency[j];
      T[i] = T[j];
    } else {
      T[i] = (1 + Math.floor(rng.next() * days)) / 7;
      if (rng.next() < 0.4) {
        frequency[i] = 0;
        recency[i] = rng.next() < 0.2 ? -0 : 0;
      } else {
        frequency[i] = rng.next() < 0.02 ? 4096 + Math.floor(rng.next() * 3) : 1 + Math.floor(rng.next() * 6);
        recency[i] = Math.floor(rng.next() * T[i] * 7) / 7;
      }
    }
    if (weights) weights[i] = 0.25 * (1 + Math.floor(rng.next() * 12));
  }
  return { frequency, recency, T, monetary: null, weights, length: n };
}

describe("every way of grouping gives the plain grouping's numbers", () => {
  it("3,000 rows over 900 days, weighted: Maps, the hash table, by T (with and without the map from rows), and groupRfm's choice", () => {
    const d = summary(3000, 7, 900, true);
    const want = reference(d);
    expect(want.distinctTimes.length).toBeGreaterThan(700);
    expect(want.distinctX).toContain(4097);
    expectSame(groupRfmSmall(d), want);
    expectSame(groupRfmHashed(d), want);
    expectSame(groupRfmBucketed(d), want);
    expectSame(groupRfmBucketed(d, false, false), want, false);
    expectSame(groupRfm(d), want);
  });

  it("one-time buyers only, over 1,500 ages, then repeat buyers only: each path's arrays by age grow", () => {
    for (const oneTime of [true, false]) {
      const n = 4000;
      const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        T[i] = 1 + ((i * 7919) % 1500) / 7; // 1,500 ages, each first seen in a scrambled order
        frequency[i] = oneTime ? 0 : 1 + (i % 3);
        recency[i] = oneTime ? 0 : T[i] - (i % 5) / 7;
      }
      const d: RfmData = { frequency, recency, T, monetary: null, weights: null, length: n };
      const want = reference(d);
      for (const got of [groupRfmSmall(d), groupRfmHashed(d), groupRfmBucketed(d)]) expectSame(got, want);
      expectSame(groupRfmBucketed(d, false, false), want, false);
    }
  });

  it("20,000 rows (the hash table's size, grown as it fills) and 70,000 (groupRfm goes by T), unweighted", () => {
    for (const [n, seed] of [
      [20_000, 3],
      [70_000, 5],
    ]) {
      const d = summary(n, seed, 1200, false);
      const want = reference(d);
      expectSame(groupRfm(d), want);
      expectSame(groupRfmHashed(d), want);
      expectSame(groupRfmBucketed(d, false, false), want, false);
    }
  });
});

describe("the row check of the grouping by T", () => {
  const base = (): { f: number[]; t: number[]; T: number[]; w: number[]; m: number[] } => ({
    f: [0, 2, 1],
    t: [0, 3, 1],
    T: [5, 3, 4],
    w: [1, 2, 1],
    m: [0, 10, 20],
  });
  const check = (b: ReturnType<typeof base>): GroupedRfm | null =>
    groupRfmBucketed(
      { frequency: Float64Array.from(b.f), recency: Float64Array.from(b.t), T: Float64Array.from(b.T), weights: Float64Array.from(b.w), monetary: Float64Array.from(b.m), length: b.f.length },
      true,
      false,
    );

  it("takes a valid summary, t_x = T and t_x at T·(1 + 1e-9) itself included", () => {
    expect(check(base())?.size).toBe(3);
    const b = base();
    b.t[2] = 4 * (1 + 1e-9);
    expect(check(b)?.size).toBe(3);
  });

  it("refuses (null: toRfmData then says why) each broken rule alone", () => {
    const cases: [string, (b: ReturnType<typeof base>) => void][] = [
      ["t_x past T·(1 + 1e-9)", (b) => (b.t[2] = 4 * (1 + 3e-9))],
      ["a negative t_x", (b) => (b.t[2] = -1)],
      ["a negative x", (b) => (b.f[2] = -1)],
      ["a fractional x", (b) => (b.f[2] = 1.5)],
      ["x = 0 with a t_x", (b) => (b.t[0] = 1)],
      ["a repeat buyer of age 0", (b) => ((b.T[2] = 0), (b.t[2] = 0))],
      ["an infinite age", (b) => (b.T[0] = Infinity)],
      ["a negative weight", (b) => (b.w[1] = -1)],
      ["an infinite weight", (b) => (b.w[1] = Infinity)],
      ["a spend that is not a number", (b) => (b.m[1] = Number.NaN)],
      ["an infinite spend", (b) => (b.m[1] = Infinity)],
    ];
    for (const [what, broken] of cases) {
      const b = base();
      broken(b);
      expect({ what, grouped: check(b) }).toEqual({ what, grouped: null });
    }
  });
});
