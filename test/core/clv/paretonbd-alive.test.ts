/**
 * Pareto/NBD P(alive) for many customers (src/core/clv/paretonbd-alive.ts) against the
 * per-customer probabilityAlive (src/core/clv/paretonbd.ts, FH 2005 eq. 36–37), customer by
 * customer, to 1e-11 relative (measured: ≤ 5e-13), on seeded populations with continuous t_x and T:
 * - at lifetimes' CDNOW fit (α ≈ β: every 2F1 argument far below 1);
 * - with β ≪ α and with α ≪ β, where z = |α−β|/(max(α, β) + t_x) > 0.95 for thousands of
 *   customers, whose direct value comes from the death-time integral (./paretonbd-a0.ts);
 * - with customers whose last purchase is at T or a hair before it (A0 a difference of nearly
 *   equal terms), at T = 0, and with one frequency shared by too few customers to interpolate.
 * Each case also checks that the interpolation did the work (stats.interpolated).
 */
import * as fs from "fs";
import * as path from "path";
import { probabilityAlive, type ParetoNbdParams } from "../../../src/core/clv/paretonbd";
import { probabilityAliveMany, type AliveStats } from "../../../src/core/clv/paretonbd-alive";
import { countModel, type CountParams } from "../../../src/core/clv/models";
import { cohort, Mulberry, simulateParetoNbd } from "./simulate";
import { cdnowSummary } from "./cdnow";

const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/lifetimes-cdnow.json"), "utf8")) as {
  fits: Record<string, { params: ParetoNbdParams }>;
};
/** lifetimes' Pareto/NBD fit on CDNOW (test/fixtures/lifetimes-cdnow.json). */
const CDNOW = fixture.fits["Pareto/NBD"].params;

interface Histories {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
}

/**
 * 30,000 Pareto/NBD customers at the CDNOW fit, T uniform on 0.5–104 weeks, plus 200 whose last
 * purchase is at T, 200 whose last purchase is 1e-9·T before it, 50 with T = 0 and 5 with x = 250.
 */
function population(seed: number): Histories {
  const rng = new Mulberry(seed);
  const sim = simulateParetoNbd(rng, CDNOW, cohort(rng, 30_000, 0.5, 104));
  const frequency = Array.from(sim.frequency), recency = Array.from(sim.recency), T = Array.from(sim.T);
  for (let i = 0; i < 400; i++) {
    const t = 1 + 100 * rng.next();
    frequency.push(1 + (i % 5));
    T.push(t);
    recency.push(i < 200 ? t : t * (1 - 1e-9));
  }
  for (let i = 0; i < 50; i++) {
    frequency.push(0);
    recency.push(0);
    T.push(0);
  }
  for (let i = 0; i < 5; i++) {
    frequency.push(250);
    recency.push(40 + i);
    T.push(60 + i);
  }
  return { frequency: Float64Array.from(frequency), recency: Float64Array.from(recency), T: Float64Array.from(T) };
}

/** Largest relative difference from probabilityAlive, and the share of customers interpolated. */
function compare(params: ParetoNbdParams, data: Histories): { worst: number; share: number } {
  const stats: AliveStats = { interpolated: 0 };
  const fast = probabilityAliveMany(params, data.frequency, data.recency, data.T, stats);
  let worst = 0;
  for (let i = 0; i < fast.length; i++) {
    const direct = probabilityAlive(params, data.frequency[i], data.recency[i], data.T[i]);
    worst = Math.max(worst, Math.abs(fast[i] / direct - 1));
    if (!(direct > 0 && direct <= 1)) throw new Error(`P(alive) ${direct} of customer ${i}`);
  }
  return { worst, share: stats.interpolated / fast.length };
}

/** Customers whose z(t_x) = |α−β|/(max(α, β) + t_x) is above 0.95 (the integral's region). */
function nearOne(params: ParetoNbdParams, data: Histories): number {
  const hi = Math.max(params.alpha, params.beta), D = Math.abs(params.alpha - params.beta);
  return data.recency.filter((tx) => D / (hi + tx) > 0.95).length;
}

describe("probabilityAliveMany agrees with probabilityAlive customer by customer", () => {
  const data = population(2031);

  test("at lifetimes' CDNOW fit (α ≈ β)", () => {
    expect(nearOne(CDNOW, data)).toBe(0);
    const { worst, share } = compare(CDNOW, data);
    expect(worst).toBeLessThan(1e-11);
    expect(share).toBeGreaterThan(0.95);
  });

  test.each([
    ["β ≪ α", { r: 0.55, alpha: 40, s: 0.6, beta: 0.002 }],
    ["α ≪ β", { r: 0.55, alpha: 0.003, s: 0.6, beta: 30 }],
    ["β ≪ α, steep: r = 2, s = 3", { r: 2, alpha: 50, s: 3, beta: 0.001 }],
  ])("%s: z > 0.95 for thousands of customers", (_label, params) => {
    // With β = 0.002, α = 40: z > 0.95 for t_x < (α−β)/0.95 − α ≈ 2.1, the first purchases' customers (t_x = 0) included.
    expect(nearOne(params, data)).toBeGreaterThan(10_000);
    const { worst, share } = compare(params, data);
    expect(worst).toBeLessThan(1e-11);
    expect(share).toBeGreaterThan(0.95);
  });

  test("CDNOW itself (2,357 customers, weeks), and the model's probabilityAliveMany is this one", () => {
    const cdnow = cdnowSummary();
    const data = { frequency: Float64Array.from(cdnow.frequency), recency: Float64Array.from(cdnow.recency), T: Float64Array.from(cdnow.T) };
    const { worst, share } = compare(CDNOW, data);
    expect(worst).toBeLessThan(1e-11);
    expect(share).toBeGreaterThan(0.5);
    const viaModel = countModel("paretonbd").probabilityAliveMany(CDNOW as unknown as CountParams, data.frequency, data.recency, data.T);
    expect(Array.from(viaModel)).toEqual(Array.from(probabilityAliveMany(CDNOW, data.frequency, data.recency, data.T)));
  });

  test("a last purchase at T gives 1; t_x > T or NaN is left to probabilityAlive", () => {
    const p = probabilityAliveMany(CDNOW, [0, 3, 3, 2], [0, 20, 30, NaN], [0, 20, 20, 10]);
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(1);
    expect(p[2]).toBe(probabilityAlive(CDNOW, 3, 30, 20));
    expect(p[3]).toBeNaN();
  });
});

describe("which customers probabilityAliveMany interpolates", () => {
  /** Customers in frequencies shared by more than 32 customers (a cell's points, twice), excluding t_x = T and T = 0. */
  function inLargeGroups(data: Histories): number {
    const count = new Map<number, number>();
    for (const x of data.frequency) count.set(x, (count.get(x) ?? 0) + 1);
    let n = 0;
    for (let i = 0; i < data.frequency.length; i++) if (count.get(data.frequency[i])! > 32) n++;
    return n;
  }

  test.each([
    ["CDNOW's fit", CDNOW],
    ["β ≪ α", { r: 0.55, alpha: 40, s: 0.6, beta: 0.002 }],
  ])("%s: every customer of a frequency shared by more than 32, none of the others", (_label, params) => {
    const data = population(7);
    const stats: AliveStats = { interpolated: 0 };
    probabilityAliveMany(params, data.frequency, data.recency, data.T, stats);
    // The 50 customers of T = 0 share x = 0 with the simulated one-time buyers; their group's range
    // starts at ln(lo + 0), so they are interpolated too (t_x = T: P(alive) 1 without a table read).
    expect(stats.interpolated).toBe(inLargeGroups(data));
    expect(stats.interpolated).toBeLessThan(data.frequency.length);
  });
});
