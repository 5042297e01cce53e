/**
 * The edges of probabilityAliveMany (src/core/clv/paretonbd-alive.ts) that the agreement tests
 * of paretonbd-alive.test.ts do not reach: which customers are grouped and interpolated, and
 * what happens to the others. Expected values come from the per-customer probabilityAlive
 * (src/core/clv/paretonbd.ts, FH 2005 eq. 36–37); expected counts of interpolated customers
 * from the documented rule (a frequency shared by more than 2·16 valid histories spanning more
 * than one point), counted here by hand.
 */
import { probabilityAlive, type ParetoNbdParams } from "../../../src/core/clv/paretonbd";
import { probabilityAliveMany, type AliveStats } from "../../../src/core/clv/paretonbd-alive";
import { cohort, Mulberry, simulateParetoNbd } from "./simulate";

/** About lifetimes' Pareto/NBD fit on CDNOW. */
const PARAMS: ParetoNbdParams = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };

interface Customers {
  frequency: number[];
  recency: number[];
  T: number[];
}

/** 5,000 simulated customers at PARAMS, T uniform on 1–100 weeks: x = 0, 1, 2 … in groups of hundreds. */
function simulated(seed: number): Customers {
  const rng = new Mulberry(seed);
  const sim = simulateParetoNbd(rng, PARAMS, cohort(rng, 5_000, 1, 100));
  return { frequency: Array.from(sim.frequency), recency: Array.from(sim.recency), T: Array.from(sim.T) };
}

/** `n` customers of frequency x, T uniform on [from, to], t_x uniform on (0, T) or, with `near`, on (T − 1, T). */
function group(rng: Mulberry, x: number, n: number, from = 1, to = 100, near = false): Customers {
  const out: Customers = { frequency: [], recency: [], T: [] };
  for (let i = 0; i < n; i++) {
    const T = from + (to - from) * rng.next();
    out.frequency.push(x);
    out.recency.push(near ? T - rng.next() : T * rng.next());
    out.T.push(T);
  }
  return out;
}

function join(...parts: Customers[]): Customers {
  return { frequency: parts.flatMap((p) => p.frequency), recency: parts.flatMap((p) => p.recency), T: parts.flatMap((p) => p.T) };
}

/** Runs probabilityAliveMany and returns its values and the count it interpolated. */
function many(data: Customers): { p: Float64Array; interpolated: number; zeroTable: number } {
  const stats: AliveStats = { interpolated: -1 };
  const p = probabilityAliveMany(PARAMS, data.frequency, data.recency, data.T, stats);
  return { p, interpolated: stats.interpolated, zeroTable: stats.zeroTable! };
}

/** Largest relative difference from probabilityAlive over the customers i ∈ [from, to). */
function worst(data: Customers, p: Float64Array, from = 0, to = p.length): number {
  let w = 0;
  for (let i = from; i < to; i++) {
    const direct = probabilityAlive(PARAMS, data.frequency[i], data.recency[i], data.T[i]);
    const d = Math.abs(p[i] / direct - 1);
    if (!(d <= w)) w = d; // NaN is the worst
  }
  return w;
}

/** Customers of the simulation in frequencies shared by more than 32 customers. */
function inLargeGroups(data: Customers): number {
  const count = new Map<number, number>();
  for (const x of data.frequency) count.set(x, (count.get(x) ?? 0) + 1);
  return data.frequency.filter((x) => count.get(x)! > 32).length;
}

describe("probabilityAliveMany's grouping", () => {
  const base = simulated(11);
  const baseInterpolated = inLargeGroups(base);

  test("the simulation alone: every customer of a frequency shared by more than 32 is interpolated, agreeing to 1e-11; those without repeat purchases from their own table of P(alive)", () => {
    const { p, interpolated, zeroTable } = many(base);
    expect(interpolated).toBe(baseInterpolated);
    // t_x = 0 only at x = 0, a group large enough for tables: P(alive) there depends on T alone.
    const withoutRepeats = base.frequency.filter((x) => x === 0).length;
    expect(withoutRepeats).toBeGreaterThan(32);
    expect(zeroTable).toBe(withoutRepeats);
    expect(baseInterpolated).toBeGreaterThan(4_500);
    expect(worst(base, p)).toBeLessThan(1e-11);
  });

  test("a history outside 0 ≤ t_x ≤ T, or not finite, is passed to probabilityAlive as it is, even within an interpolated frequency", () => {
    // x = 1 is a frequency of hundreds of simulated customers; each bad history is one customer.
    const bad: Customers = {
      frequency: [1, 1, 1, 1, 1, 1, -1, Infinity, NaN, 1],
      recency: [30, -1, 5, NaN, 5, 150, 5, 5, 5, 5],
      T: [20, 20, Infinity, 20, NaN, 140, 20, 20, 20, -Infinity],
    };
    const data = join(base, bad);
    const { p, interpolated } = many(data);
    // none of the ten is interpolated, and none moves the x = 1 group's range (t_x = 150, T = 140 would stretch it)
    expect(interpolated).toBe(baseInterpolated);
    for (let i = 0; i < bad.T.length; i++) {
      const k = base.T.length + i;
      expect([i, p[k]]).toEqual([i, probabilityAlive(PARAMS, bad.frequency[i], bad.recency[i], bad.T[i])]);
    }
    expect(worst(data, p, 0, base.T.length)).toBeLessThan(1e-11);
  });

  test("fractional frequencies (weighted or averaged histories) and whole ones from 4096 up are grouped by value too", () => {
    const rng = new Mulberry(5);
    // 400 customers each at x = 2.5 and 0.75 (fractional), and 3 at x = 4096 and 4097 (too few to
    // interpolate) whose last purchase is 0.01–0.03 weeks before T = 50 (P(alive) about 0.999, not 0)
    const big: Customers = { frequency: [4096, 4096, 4096, 4097, 4097, 4097], recency: [49.99, 49.98, 49.97, 49.99, 49.98, 49.97], T: Array(6).fill(50) };
    const extra = join(group(rng, 2.5, 400), group(rng, 0.75, 400), big);
    const data = join(base, extra);
    const { p, interpolated } = many(data);
    expect(interpolated).toBe(baseInterpolated + 800);
    expect(worst(data, p)).toBeLessThan(1e-11);
  });

  test("a frequency of exactly 32 customers is evaluated customer by customer, one of 33 is interpolated", () => {
    const rng = new Mulberry(6);
    // histories in T ∈ [50, 51], t_x within a week before T: a range one interval and one cell cover
    const data = join(base, group(rng, 3.5, 32, 50, 51, true), group(rng, 4.5, 33, 50, 51, true));
    const { p, interpolated } = many(data);
    expect(interpolated).toBe(baseInterpolated + 33);
    expect(worst(data, p)).toBeLessThan(1e-11);
  });

  test("a frequency whose histories all sit at one point (t_x = T = 5) spans nothing to interpolate: customer by customer, P(alive) 1", () => {
    const same: Customers = { frequency: Array(40).fill(6.5), recency: Array(40).fill(5), T: Array(40).fill(5) };
    const data = join(base, same);
    const { p, interpolated } = many(data);
    expect(interpolated).toBe(baseInterpolated);
    expect(Array.from(p.subarray(base.T.length))).toEqual(Array(40).fill(1));
  });

  test("a last purchase one rounding step before T: P(alive) never above 1 and as probabilityAlive's", () => {
    const rng = new Mulberry(8);
    // a frequency of their own, so that the group's largest T is one of theirs, and T below lo = α:
    // then lo + t_x rounds to lo + T, so at the largest T, t_x lands on the end of the last cell
    // (where the cell index is clamped)
    const close = group(rng, 2.5, 200, 1, 10);
    // the double just below T: Δ = ln J(t_x) − ln J(T) is at or below the interpolation's rounding
    close.recency = close.T.map((T) => T * (1 - Number.EPSILON / 2));
    const data = join(base, close);
    const { p, interpolated } = many(data);
    expect(interpolated).toBe(baseInterpolated + 200);
    for (let i = base.T.length; i < p.length; i++) expect(p[i]).toBeLessThanOrEqual(1);
    expect(worst(data, p)).toBeLessThan(1e-11);
  });
});
