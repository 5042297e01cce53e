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
 * a few table reads and no logarithm. Customers off the grid are scored the general way
 * (./score-general.ts): (x, T) pairs in a hash table, P(alive) from the formula, for Pareto/NBD
 * interpolated per frequency (./paretonbd-alive.ts). The loop over the customers on the grid is
 * ./score-on-grid.ts.
 */
import { CvaError, ErrorCodes } from "../errors";
import * as bgnbd from "./bgnbd";
import * as mbgnbd from "./mbgnbd";
import * as paretonbd from "./paretonbd";
import type * as gammagamma from "./gammagamma";
import type { FitOptions } from "./data";
import { resolveLifetimeOptions, type LifetimeOptions } from "./lifetime-value";
import { countModel, type CountModel, type CountModelId, type CountParams } from "./models";
import { dayGrid } from "./score-grid";
import { GeneralWay, Progress, type LnOdds } from "./score-general";
import { HorizonSums } from "./score-horizon";
import { GridScoring } from "./score-on-grid";
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
  /** ln c(x) of P(alive) (./score-general.ts). */
  lnOdds: LnOdds;
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
  const progress = onProgress ? new Progress(onProgress, n) : null;
  const pAlive = new Float64Array(n), expectedPurchases = new Float64Array(n), clv = new Float64Array(n);
  // Customers off the grid, scored by a method of their own (it keeps the loop small for V8 to optimise).
  const general = new GeneralWay(data, horizonSums, progress, lnOdds, p, pAlive, expectedPurchases, clv, margin);
  const rest = general.rest;
  // The customers on the whole-day grid, in a loop of its own (GridScoring.run); the rest the general way.
  const onGrid = grid ? new GridScoring(grid, p, lnOdds, gg, margin, horizonSums, progress, general) : null;
  if (onGrid) {
    onGrid.run(frequency, recency, T, monetary, expectedValue, pAlive, expectedPurchases, clv);
  } else {
    for (let i = 0; i < n; i++) {
      const x = frequency[i];
      const ev = gg ? (expectedValue[i] = (gp * (gv + x * math.max(monetary[i], 0))) / (gp * x + gq - 1)) : expectedValue[i];
      general.score(i, ev);
    }
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
  keepShapes(horizonSums, general, onGrid);
  return { pAlive, expectedPurchases, expectedValue, clv };
}

/**
 * The last call's scorers, their arrays let go. V8's optimised scoring code depends on the
 * scorers' hidden classes, which only their objects keep alive: when a major collection (about one
 * call in two, for the 32 MB of scores) found none, it freed those classes and threw the code away,
 * and the next call ran in the interpreter while V8 compiled it again (a million customers: 44 ms
 * instead of 22–28, about one call in nine; Node 20).
 */
// Stryker disable next-line ObjectLiteral,ArrayDeclaration: what is kept only keeps V8's compiled code alive between calls; no score reads it
const kept: { last: readonly unknown[] } = { last: [] };
// Stryker disable next-line BlockStatement: releasing the last call's scorers and keeping them only frees memory and keeps compiled code; every call makes its own scorers
function keepShapes(horizonSums: HorizonSums<CountParams>, general: GeneralWay, onGrid: GridScoring | null): void {
  horizonSums.release();
  general.release();
  onGrid?.release();
  // Stryker disable next-line ArrayDeclaration: see kept above: nothing reads it
  kept.last = [horizonSums, general, onGrid];
}
