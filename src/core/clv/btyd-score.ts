/**
 * Scoring many customers with a fitted count model (./models.ts) and Gamma-Gamma: P(alive),
 * expected purchases over the CLV horizon and CLV (docs/lifetime-value.md §3), in one pass.
 *
 * Every model's conditional expectation is P(alive | x, t_x, T) × E[Y(t) | alive at T, x], and
 * the second factor depends on x and T only (BG/NBD: FHL 2005 eq. 10; MBG/NBD: Batislam et al.
 * 2007, Appendix A; Pareto/NBD: Fader & Hardie 2005 eq. 41), so it is worked out once per distinct
 * (x, T) pair. A summary's times are whole days, so a million customers share a few hundred times:
 * on that grid (./score-grid.ts) every term that depends on (x, t) alone is kept in a table —
 * for BG/NBD and MBG/NBD P(alive) = 1/(1 + c(x)·((α+T)/(α+t_x))^{r+x}) as c(x)·g(x, T)/g(x, t_x)
 * with g a power of α + t, for Pareto/NBD ln J(t) of A0 (./score-pareto.ts) — and a customer costs
 * a few table reads and no logarithm. Customers off the grid are scored the general way: (x, T)
 * pairs in a hash table, P(alive) from the formula, for Pareto/NBD interpolated per frequency
 * (./paretonbd-alive.ts).
 */
import { CvaError, ErrorCodes } from "../errors";
import { now } from "../math/optimize";
import * as bgnbd from "./bgnbd";
import * as mbgnbd from "./mbgnbd";
import * as paretonbd from "./paretonbd";
import type * as gammagamma from "./gammagamma";
import type { FitOptions } from "./data";
import { resolveLifetimeOptions, type LifetimeOptions } from "./lifetime-value";
import { countModel, type CountModel, type CountModelId, type CountParams } from "./models";
import type { ParetoNbdParams } from "./paretonbd";
import { dayGrid } from "./score-grid";
import { HorizonSums } from "./score-horizon";
import { ParetoCells } from "./score-pareto";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** Per-customer scores of {@link scoreCountModel}. */
export interface BtydScores {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedValue: Float64Array;
  clv: Float64Array;
}

/** How a model's prediction splits for the grouped scoring. */
interface ScoringForm {
  /** E[Y(t) | alive at T, x]. */
  ifAlive(p: CountParams, t: number, x: number, T: number): number;
  /** ln c(x) of P(alive) = 1/(1 + c(x)·((α+T)/(α+t_x))^{r+x}) (−Infinity: P = 1); null: P(alive) per customer. */
  lnOdds: ((p: CountParams, x: number) => number) | null;
}

type Bg = bgnbd.BgNbdParams;
const FORMS: Readonly<Record<CountModelId, ScoringForm>> = {
  // FHL 2008: c(x) = a/(b+x−1) for x > 0; P(alive) = 1 at x = 0.
  bgnbd: { ifAlive: (p, t, x, T) => bgnbd.expectedPurchasesIfAlive(p as unknown as Bg, t, x, T), lnOdds: (p, x) => (x > 0 ? math.log(p.a) - math.log(p.b + x - 1) : -Infinity) },
  // Batislam et al. 2007, Appendix A: c(x) = a/(b+x) for every x.
  mbgnbd: { ifAlive: (p, t, x, T) => mbgnbd.expectedPurchasesIfAlive(p as unknown as Bg, t, x, T), lnOdds: (p, x) => math.log(p.a) - math.log(p.b + x) },
  paretonbd: { ifAlive: (p, t, x, T) => paretonbd.expectedPurchasesIfAlive(p as unknown as paretonbd.ParetoNbdParams, t, x, T), lnOdds: null },
};

/**
 * Scores customers with a fitted BG/NBD (and Gamma-Gamma): {@link scoreCountModel} with "bgnbd".
 * @example scoreBgNbd(bg.params, gg.params, { frequency, recency, T, monetary }, { unit: "weeks" })
 */
export function scoreBgNbd(
  p: bgnbd.BgNbdParams,
  gg: gammagamma.GammaGammaParams | null,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  options: LifetimeOptions & Pick<FitOptions, "onProgress">,
  expectedValueIn?: Float64Array,
): BtydScores {
  return scoreCountModel("bgnbd", p as unknown as CountParams, gg, data, options, expectedValueIn);
}

/**
 * Scores customers with a fitted count model (and Gamma-Gamma): P(alive), expected purchases
 * over the horizon, expected spend (FH 2013 eq. 5; with `gg` null, `expectedValue` must be given)
 * and CLV. Groups customers by (x, T) and their times on the day grid (module comment): O(n) plus
 * H evaluations of the alive customer's expectation per distinct (x, T), and a P(alive) term per
 * distinct (x, t).
 * @throws CvaError for invalid lifetime options, OUT_OF_RANGE for an unknown model.
 * @example scoreCountModel("mbgnbd", fit.params, gg.params, { frequency, recency, T, monetary }, { unit: "weeks" })
 */
export function scoreCountModel(
  modelOrId: CountModelId | CountModel,
  p: CountParams,
  gg: gammagamma.GammaGammaParams | null,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  options: LifetimeOptions & Pick<FitOptions, "onProgress">,
  expectedValueIn?: Float64Array,
): BtydScores {
  const life = resolveLifetimeOptions(options);
  const { frequency, recency, T, monetary } = data;
  const n = frequency.length;
  // Expected spend (FH 2013 eq. 5): worked out in the scoring loop, 1/(pγx + q − 1) once per frequency on the grid.
  let expectedValue: Float64Array;
  const gp = gg ? gg.p : 0, gq = gg ? gg.q : 0, gv = gg ? gg.v : 0;
  if (gg) {
    expectedValue = new Float64Array(n);
  } else if (expectedValueIn) {
    expectedValue = expectedValueIn;
  } else {
    // A caller's mistake, said in plain words: neither the spend model nor the spends to use instead.
    throw CvaError.keyed(ErrorCodes.Missing, "model.noSpend", {}, { argument: "gg" });
  }
  const horizon = life.horizon, perMonth = life.perMonth, margin = life.margin;
  const discountFactors = new Float64Array(horizon + 1);
  for (let i = 1; i <= horizon; i++) discountFactors[i] = math.pow(1 + life.discount, -i);
  const model = typeof modelOrId === "string" ? countModel(modelOrId) : modelOrId;
  const form = FORMS[model.id];
  const lnOdds = form.lnOdds, ifAlive = form.ifAlive;
  // Progress for long runs (many distinct histories × a long horizon): checked every 64 new pairs.
  const onProgress = options.onProgress;
  const pr = p.r, palpha = p.alpha;
  const lnAlpha = math.log(palpha);
  // The whole-day grid (./score-grid.ts). BG/NBD, MBG/NBD: P(alive) = 1/(1 + c(x)·g(x, T)/g(x, t_x)) with
  // g(x, t) = ((α+t)/m)^{r+x}, m the geometric middle of α and α + max T: |ln g| ≤ 300 keeps each factor's
  // rounding below 1e-13 (the x that would pass it are scored the general way).
  const grid = dayGrid(options.unit, frequency, T, (maxT) => (lnOdds ? 600 / (math.log(palpha + maxT) - lnAlpha) - pr : Infinity));
  // The alive customer's expectations over the horizon (./score-horizon.ts): BG/NBD's and MBG/NBD's
  // tabulated per frequency up to the grid's latest age; Pareto/NBD's once per age, scaled by (r+x)/r.
  // No closure is made per call in what the loop calls: V8's optimised loop would be thrown away at
  // the next call for its new target (ifAlive is made once per model, at module level).
  const horizonSums = !lnOdds
    ? HorizonSums.linear(ifAlive, p, pr, perMonth, discountFactors)
    : grid
      ? new HorizonSums(ifAlive, p, palpha, perMonth, discountFactors, grid.maxT, grid.customers, grid.cap)
      : new HorizonSums(ifAlive, p, palpha, perMonth, discountFactors, Number.NaN);
  const sums = horizonSums.out;
  const progress = onProgress ? new Progress(onProgress, n) : null;
  const pAlive = new Float64Array(n), expectedPurchases = new Float64Array(n), clv = new Float64Array(n);
  // Customers off the grid, scored by a method of their own (it keeps the loop small for V8 to optimise).
  const general = new GeneralWay(n, horizonSums, progress, lnOdds, p, pAlive, expectedPurchases, clv, margin);
  const rest = general.rest;
  const cap = grid ? grid.cap : 0, xCount = grid ? grid.xCount : 0, size = xCount * cap;
  // The grid's points (./score-grid.ts gridIndex, written out in the loop below: a million calls).
  const perUnit = grid ? grid.perUnit : 0, at = grid ? grid.at : new Float64Array(0);
  const lnMid = grid ? 0.5 * (lnAlpha + math.log(palpha + grid.maxT)) : 0;
  const pairE = new Float64Array(size).fill(Number.NaN), pairAcc = new Float64Array(size);
  // P(alive) at t_x = 0 (every customer without repeat purchases) per (x, T) pair.
  const alive0 = new Float64Array(size).fill(Number.NaN);
  // BG/NBD, MBG/NBD: g(x, t), 1/g(x, t) and c(x); Pareto/NBD: ln J and E of ./score-pareto.ts.
  const powers = lnOdds ? new Float64Array(size).fill(Number.NaN) : null;
  const inverse = lnOdds ? new Float64Array(size).fill(Number.NaN) : null;
  const odds = new Float64Array(xCount), spendDenominator = new Float64Array(xCount);
  for (let x = 0; x < xCount; x++) {
    if (lnOdds) odds[x] = math.exp(lnOdds(p, x));
    spendDenominator[x] = 1 / (gp * x + gq - 1);
  }
  const pareto = lnOdds || !grid ? null : new ParetoCells(p as unknown as ParetoNbdParams, size, grid.maxT, grid.customers, cap);
  for (let i = 0; i < n; i++) {
    const x = frequency[i] + 0, t = T[i] + 0, tx = recency[i]; // + 0 turns −0 into 0
    let kT = -1, kx = -1;
    const xi = x | 0;
    if (xi === x && xi >= 0 && xi < xCount) {
      kT = math.round(t * perUnit);
      if (kT >= 0 && kT < cap) {
        const a = at[kT];
        if (a !== t) {
          if (a === a) kT = -1;
          else at[kT] = t;
        }
        if (kT >= 0) {
          kx = math.round(tx * perUnit);
          if (kx >= 0 && kx <= kT) {
            const b = at[kx];
            if (b !== tx) {
              if (b === b) kx = -1;
              else at[kx] = tx;
            }
          } else {
            kx = -1;
          }
        }
      } else {
        kT = -1;
      }
    }
    if (kx >= 0 && kx <= kT) {
      const row = xi * cap, o = row + kT;
      let e = pairE[o];
      if (e !== e) {
        progress?.pair(i);
        horizonSums.sums(x, t);
        e = pairE[o] = sums[0];
        pairAcc[o] = sums[1];
      }
      // A customer without repeat purchases: P(alive) once per pair. (pa starts as the number 0, not
      // a NaN constant: V8 would then keep pa boxed and allocate a heap number per customer.)
      let pa = 0;
      if (tx === 0) pa = alive0[o];
      if (tx !== 0 || pa !== pa) {
        if (powers) {
          // Two table reads and one division.
          let gT = powers[o];
          if (gT !== gT) gT = powers[o] = math.exp((pr + x) * (math.log(palpha + t) - lnMid));
          let gx = inverse![row + kx];
          if (gx !== gx) gx = inverse![row + kx] = math.exp(-(pr + x) * (math.log(palpha + tx) - lnMid));
          pa = 1 / (1 + odds[xi] * gT * gx);
        } else {
          pa = pareto!.alive(xi, row, kT, kx, t, tx);
        }
        if (tx === 0) alive0[o] = pa;
      }
      const ev = gg ? (expectedValue[i] = gp * (gv + x * math.max(monetary[i], 0)) * spendDenominator[xi]) : expectedValue[i];
      pAlive[i] = pa;
      expectedPurchases[i] = pa * e;
      clv[i] = pa * pairAcc[o] * ev * margin;
      continue;
    }
    const ev = gg ? (expectedValue[i] = (gp * (gv + x * math.max(monetary[i], 0))) / (gp * x + gq - 1)) : expectedValue[i];
    general.score(i, x, t, tx, ev);
  }
  if (rest.length > 0) {
    const all = rest.length === n;
    const pick = (a: ArrayLike<number>) => (all ? a : Float64Array.from(rest, (i) => a[i]));
    const pa = model.probabilityAliveMany(p, pick(frequency), pick(recency), pick(T));
    for (let j = 0; j < rest.length; j++) {
      const i = rest[j];
      pAlive[i] = pa[j];
      expectedPurchases[i] *= pa[j];
      clv[i] *= pa[j];
    }
  }
  return { pAlive, expectedPurchases, expectedValue, clv };
}

/**
 * (x, T) pairs of the general way in an open-addressing hash on the doubles' bits (−0 given as 0):
 * per pair x, T, the alive customer's expectation over the horizon and its discounted sum.
 */
class PairTable {
  /** Per pair: the expectation at `o`, its discounted sum at `o + 1`, x and T at `o + 2`, `o + 3`. */
  groups = new Float64Array(4 * 1024);
  private table: Int32Array;
  private mask: number;
  private m = 0;
  private readonly bits = new Float64Array(2);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(n: number) {
    let cap = 1024;
    while (cap < 4 * math.min(n, 4096)) cap *= 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** The offset of pair (x, T) in {@link groups}, or −1. */
  find(x: number, t: number): number {
    const g = this.groups, table = this.table, mask = this.mask;
    for (let slot = this.hash(x, t) & mask; ; slot = (slot + 1) & mask) {
      const o = table[slot];
      if (o < 0) return -1;
      if (g[o + 2] === x && g[o + 3] === t) return o;
    }
  }

  /** Adds a pair not in the table; returns its offset. */
  add(x: number, t: number, expected: number, discounted: number): number {
    const o = 4 * this.m++;
    if (o + 4 > this.groups.length) {
      const bigger = new Float64Array(this.groups.length * 2);
      bigger.set(this.groups);
      this.groups = bigger;
    }
    const g = this.groups;
    g[o] = expected;
    g[o + 1] = discounted;
    g[o + 2] = x;
    g[o + 3] = t;
    if (2 * this.m > this.table.length) {
      const cap = 2 * this.table.length;
      this.table = new Int32Array(cap).fill(-1);
      this.mask = cap - 1;
      for (let j = 0; j < this.m - 1; j++) this.place(4 * j);
    }
    this.place(o);
    return o;
  }

  private place(o: number): void {
    let slot = this.hash(this.groups[o + 2], this.groups[o + 3]) & this.mask;
    while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
    this.table[slot] = o;
  }

  /** Hash of two doubles given as their four 32-bit words (x then T). */
  private hash(x: number, t: number): number {
    const w = this.words;
    this.bits[0] = x;
    this.bits[1] = t;
    const h = math.imul(w[0] ^ math.imul(w[1], 0x9e3779b1), 0x85ebca6b) ^ math.imul(w[2] ^ math.imul(w[3], 0xc2b2ae35), 0x27d4eb2f);
    return h ^ (h >>> 16);
  }
}

/** The general way: (x, T) pairs in a hash table, P(alive) from the model's formula. */
class GeneralWay {
  private readonly pairs: PairTable;
  /** Pareto/NBD customers off the grid: their P(alive) at the end, all at once (./paretonbd-alive.ts). */
  readonly rest: number[] = [];

  constructor(
    n: number,
    private readonly horizonSums: HorizonSums<CountParams>,
    private readonly progress: Progress | null,
    private readonly lnOdds: ScoringForm["lnOdds"],
    private readonly p: CountParams,
    private readonly pAlive: Float64Array,
    private readonly expectedPurchases: Float64Array,
    private readonly clv: Float64Array,
    private readonly margin: number,
  ) {
    this.pairs = new PairTable(n);
  }

  /** Scores customer i (x, T = t, t_x = tx, expected spend ev); Pareto/NBD's P(alive) is left to {@link rest}. */
  score(i: number, x: number, t: number, tx: number, ev: number): void {
    const pairs = this.pairs;
    let o = pairs.find(x, t);
    if (o < 0) {
      this.progress?.pair(i);
      this.horizonSums.sums(x, t);
      o = pairs.add(x, t, this.horizonSums.out[0], this.horizonSums.out[1]);
    }
    const g = pairs.groups, lnOdds = this.lnOdds;
    if (lnOdds) {
      const p = this.p;
      const c = lnOdds(p, x);
      const pa = c === -Infinity ? 1 : aliveFromLogOdds(c + (p.r + x) * math.log((p.alpha + t) / (p.alpha + tx)));
      this.pAlive[i] = pa;
      this.expectedPurchases[i] = pa * g[o];
      this.clv[i] = pa * g[o + 1] * ev * this.margin;
    } else {
      this.rest.push(i);
      this.expectedPurchases[i] = g[o];
      this.clv[i] = g[o + 1] * ev * this.margin;
    }
  }
}

/** Progress of the scoring, checked every 64 new (x, T) pairs and reported every 250 ms. */
class Progress {
  private readonly t0 = now();
  private last = this.t0;
  private pairs = 0;

  constructor(
    private readonly onProgress: NonNullable<FitOptions["onProgress"]>,
    private readonly total: number,
  ) {}

  /** A new pair at customer i. */
  pair(i: number): void {
    if ((++this.pairs & 63) !== 0) return;
    const tNow = now();
    if (tNow - this.last < 250) return;
    this.last = tNow;
    this.onProgress({ stage: "score", done: i, total: this.total, elapsedMs: tNow - this.t0 });
  }
}

/** 1/(1 + e^L) without overflow, one exponential. */
function aliveFromLogOdds(L: number): number {
  if (L === -Infinity) return 1;
  const e = math.exp(-math.abs(L));
  return L > 0 ? e / (1 + e) : 1 / (1 + e);
}
