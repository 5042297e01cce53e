/**
 * Prediction intervals for per-customer P(alive), expected purchases and CLV, and for customer
 * equity Σ CLV (docs/models/uncertainty.md §8).
 *
 * Parameter sets are drawn from the estimated sampling distribution of the fit: normal on the
 * log-parameters θ = ln φ, mean θ̂, covariance H⁻¹ (./uncertainty.ts), by θ = θ̂ + L z with
 * L Lᵀ = H⁻¹ (Cholesky) and z standard normal from a seeded generator (../math/random.ts). The
 * count model and, when it was fitted, Gamma-Gamma are drawn independently (separate fits). Every
 * customer is scored with every draw (./btyd-score.ts), and the interval at level ℓ is formed by
 * the (1 − ℓ)/2 and (1 + ℓ)/2 empirical quantiles of the draws (linear interpolation between order
 * statistics, Hyndman & Fan 1996 type 7). The interval covers the uncertainty of the estimated
 * parameters only, not the customer's own randomness (how many purchases a customer with known
 * λ and p actually makes). Customers with identical (x, t_x, T, spend) share their draws, so the
 * cost is draws × distinct histories.
 */
import { CvaError, ErrorCodes } from "../errors";
import type { ErrorKey, ErrorParams } from "../i18n/errors";
import { Random } from "../math/random";
import type { BtydPrediction } from "./btyd-predict";
import { scoreCountModel } from "./btyd-score";
import type { GammaGammaParams } from "./gammagamma";
import { countModel, type CountParams } from "./models";
import { countModelUncertainty, gammaGammaUncertainty, type UncertaintyResult } from "./uncertainty";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower).
const math = globalThis.Math;

export interface IntervalOptions {
  /** Level of the interval, strictly between 0 and 1; default 0.9. */
  level?: number;
  /** Number of parameter draws, a whole number from 20 to 100,000; default 200. */
  draws?: number;
  /** Seed of the generator; default 1. Same seed, same intervals. */
  seed?: number;
  /** The L2 penalty the fit used (its curvature enters the covariance); default 0. */
  penalizer?: number;
  /** The fits' uncertainty when the caller has it already ({@link fitUncertainty}); computed otherwise. */
  uncertainty?: FitUncertainty;
  /**
   * Distinct histories scored at a time (default 4,096): memory holds chunk × draws scores per
   * figure; the intervals do not depend on it.
   */
  chunk?: number;
}
export interface Band {
  low: Float64Array;
  high: Float64Array;
}
export interface PredictionIntervals {
  ok: true;
  level: number;
  draws: number;
  seed: number;
  pAlive: Band;
  expectedPurchases: Band;
  clv: Band;
  /** customer equity = Σ CLV: the point estimate and its interval */
  equity: { estimate: number; low: number; high: number };
}
export interface IntervalsUnavailable {
  ok: false;
  reasonKey: ErrorKey;
  reasonParams: ErrorParams;
}

/** Defaults: a 90 % interval from 200 draws with seed 1. */
export const DEFAULT_INTERVAL_LEVEL = 0.9;
export const DEFAULT_INTERVAL_DRAWS = 200;
export const DEFAULT_INTERVAL_SEED = 1;
const MIN_DRAWS = 20;
const MAX_DRAWS = 100000;
/** Redraws allowed per draw when Gamma-Gamma's q ≤ 1 (infinite mean spend) or a score is not finite. */
const MAX_REDRAWS = 100;

/**
 * The options checked, defaults filled in.
 * @throws CvaError OUT_OF_RANGE naming `level` (0 < level < 1), `draws` or `seed`.
 */
export function resolveIntervalOptions(options: IntervalOptions = {}): { level: number; draws: number; seed: number; penalizer: number } {
  const level = options.level ?? DEFAULT_INTERVAL_LEVEL;
  if (!(level > 0)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.above", { arg: "level", min: 0, hint: "", got: String(level) }, { argument: "level" });
  if (!(level < 1)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.below", { arg: "level", max: 1, hint: "", got: String(level) }, { argument: "level" });
  const draws = options.draws ?? DEFAULT_INTERVAL_DRAWS;
  if (!Number.isInteger(draws) || draws < MIN_DRAWS || draws > MAX_DRAWS) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeBetween", { arg: "draws", min: MIN_DRAWS, max: MAX_DRAWS, got: String(draws) }, { argument: "draws" });
  }
  const seed = options.seed ?? DEFAULT_INTERVAL_SEED;
  if (!Number.isInteger(seed)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notWhole", { arg: "seed", hint: "", got: String(seed) }, { argument: "seed" });
  const penalizer = options.penalizer ?? 0;
  return { level, draws, seed, penalizer };
}

/**
 * Draws from the normal distribution with mean `mean` and covariance `cov` (positive definite):
 * mean + L z, L the Cholesky factor of `cov`, z standard normal from `rng`. O(k²) per draw.
 * @example drawNormal(new Random(1), [0, 0], [[1, 0.5], [0.5, 1]])
 */
export function drawNormal(rng: Random, mean: ArrayLike<number>, cov: readonly (readonly number[])[]): Float64Array {
  return sample(rng, Float64Array.from(mean), cholesky(cov));
}

/** Whether two numbers are one value as their decimal text says it: equal, 0 and −0 alike, NaN and NaN alike. */
function sameNumber(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/**
 * The distinct rows of columns of numbers, numbered in order of first appearance: `index[i]` is
 * row i's number, `first[u]` the first row of number u. Rows are one when every column's numbers
 * are (as `${a}` === `${b}`: 0 and −0 alike, NaN and NaN alike). A hash table of the rows' bits,
 * without a text key per row. O(rows × columns).
 */
export function distinctRows(n: number, columns: readonly ArrayLike<number>[]): { index: Int32Array; first: Int32Array } {
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const index = new Int32Array(n);
  const first = new Int32Array(n);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (const col of columns) {
      const v = col[i];
      bits[0] = v !== v ? NaN : v + 0; // one NaN, and −0 as 0
      h = math.imul(h ^ words[0], 0x01000193);
      h = math.imul(h ^ words[1], 0x01000193);
    }
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const u = slots[slot];
      if (u < 0) {
        slots[slot] = m;
        first[m] = i;
        index[i] = m++;
        break;
      }
      const j = first[u];
      let same = true;
      for (const col of columns) {
        if (!sameNumber(col[i], col[j])) {
          same = false;
          break;
        }
      }
      if (same) {
        index[i] = u;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { index, first: first.slice(0, m) };
}

/** Lower-triangular L with L Lᵀ = a (a symmetric positive definite, as H⁻¹ from ./uncertainty.ts is). */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const k = a.length;
  const L: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      // Stryker disable next-line EqualityOperator: at m = j the term is L[i][j]·L[j][j] with L[i][j] still 0 from the fill, so m ≤ j sums the same
      for (let m = 0; m < j; m++) sum -= L[i][m] * L[j][m];
      L[i][j] = i === j ? math.sqrt(math.max(sum, 0)) : L[j][j] > 0 ? sum / L[j][j] : 0;
    }
  }
  return L;
}

/** The uncertainty of a prediction's fits: its count model's and, when it has one, Gamma-Gamma's. */
export interface FitUncertainty {
  count: UncertaintyResult;
  /** null when the prediction has no Gamma-Gamma fit. */
  spend: UncertaintyResult | null;
}

/**
 * The standard errors and covariances of the prediction's fits (./uncertainty.ts) on the data they
 * were fitted to, the penalty's curvature included: what the intervals draw from and what the
 * report shows beside the parameters. Gamma-Gamma leaves out non-positive spends, as its fit does.
 */
export function fitUncertainty(
  prediction: BtydPrediction,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  penalizer = 0,
): FitUncertainty {
  const count = countModelUncertainty(prediction.model, { frequency: data.frequency, recency: data.recency, T: data.T }, prediction.fit, { penalizer });
  const gg = prediction.gammagamma;
  const spend = gg ? gammaGammaUncertainty({ frequency: data.frequency, monetary: data.monetary }, gg, { penalizer, nonPositive: "exclude" }) : null;
  return { count, spend };
}

/**
 * Per-customer intervals of P(alive), expected purchases over the horizon and CLV, and the
 * interval of customer equity Σ CLV, from `draws` parameter sets of the prediction's count model
 * (and Gamma-Gamma when it was fitted) drawn normal on the log-parameters (module comment).
 * O(draws × distinct histories) scoring plus O(n · draws) for the quantiles.
 * @param data the summaries the prediction was made from, in the same order.
 * @returns the intervals, or `ok: false` with the keyed reason when the fit's uncertainty cannot
 *   be computed (./uncertainty.ts: a flat likelihood, a parameter at its bound, no convergence).
 * @throws CvaError for invalid options (resolveIntervalOptions).
 * @example predictionIntervals(prediction, summary, { level: 0.9, draws: 200, seed: 1 }).equity // { estimate, low, high }
 */
export function predictionIntervals(
  prediction: BtydPrediction,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  options: IntervalOptions = {},
): PredictionIntervals | IntervalsUnavailable {
  const { level, draws, seed, penalizer } = resolveIntervalOptions(options);
  const n = data.frequency.length;
  const fitU = options.uncertainty ?? fitUncertainty(prediction, data, penalizer);
  const count = fitU.count;
  if (!count.ok) return { ok: false, reasonKey: count.messageKey, reasonParams: count.messageParams };
  const gg = prediction.gammagamma;
  let spend: { names: readonly string[]; mean: Float64Array; cov: number[][] } | null = null;
  if (gg) {
    const u = fitU.spend;
    if (!u) return { ok: false, reasonKey: "uncertainty.notFinite", reasonParams: {} };
    if (!u.ok) return { ok: false, reasonKey: u.messageKey, reasonParams: u.messageParams };
    spend = { names: u.names, mean: Float64Array.from(u.names, (k) => math.log(gg.params[k as keyof GammaGammaParams])), cov: u.logCovariance };
  }

  // Customers with the same history and spend get the same scores: score each distinct one once.
  const ev = prediction.expectedValue;
  const { index, first } = distinctRows(n, gg ? [data.frequency, data.recency, data.T, data.monetary] : [data.frequency, data.recency, data.T, data.monetary, ev]);
  const m = first.length;
  // Stryker disable next-line ArrayDeclaration: arrays grow as they are written, so new Array() holds the same m values
  const uf: number[] = new Array(m), ur: number[] = new Array(m), uT: number[] = new Array(m), um: number[] = new Array(m), ue: number[] = new Array(m);
  // Stryker disable next-line EqualityOperator: u = m reads first[m], undefined, and writes one slot past the m the order below reads
  for (let u = 0; u < m; u++) {
    const i = first[u];
    uf[u] = data.frequency[i];
    ur[u] = data.recency[i];
    uT[u] = data.T[i];
    um[u] = data.monetary[i];
    ue[u] = ev[i];
  }
  // Distinct histories in (x, T) order: the scorer works out the costly part of a history once per
  // (x, T) pair and call (./btyd-score.ts), so a pair kept within one chunk is worked out once per draw.
  const order = Int32Array.from({ length: m }, (_, u) => u);
  // Stryker disable next-line all: the order only groups histories that share (x, T) into one chunk for speed; the scores and the quantiles do not depend on it (Σ CLV only up to its rounding)
  order.sort((a, b) => uf[a] - uf[b] || uT[a] - uT[b]);
  const position = new Int32Array(m);
  // Stryker disable next-line EqualityOperator: k = m writes position[undefined], which a typed array ignores
  for (let k = 0; k < m; k++) position[order[k]] = k;
  // Stryker disable next-line EqualityOperator: i = n writes index[n], past the end of a typed array: ignored
  for (let i = 0; i < n; i++) index[i] = position[index[i]];
  const sorted = (a: number[]) => Float64Array.from(order, (u) => a[u]);
  const unique = { frequency: sorted(uf), recency: sorted(ur), T: sorted(uT), monetary: sorted(um) };
  const uniqueValue = sorted(ue);
  // Multiplicity of each distinct history, for Σ CLV per draw.
  const weight = new Float64Array(m);
  // Stryker disable next-line EqualityOperator: i = n increments weight[undefined], not an element
  for (let i = 0; i < n; i++) weight[index[i]]++;

  const s = prediction.settings;
  const life = { unit: s.unit, horizonMonths: s.horizon, discount: s.discount, margin: s.margin, periodsPerMonth: s.perMonth };
  const names = countModel(prediction.model).paramNames;
  const countMean = Float64Array.from(names, (k) => math.log(prediction.fit.params[k]));
  const countL = cholesky(count.logCovariance);
  const spendL = spend ? cholesky(spend.cov) : null;
  const rng = new Random(seed);
  // The parameter sets first, in the generator's order: a draw whose Gamma-Gamma q ≤ 1 (infinite
  // mean spend, Fader & Hardie 2013, eq. 5) is drawn again.
  const drawCount = (): CountParams => {
    const theta = sample(rng, countMean, countL);
    const drawn: Record<string, number> = {};
    names.forEach((k, i) => (drawn[k] = math.exp(theta[i])));
    return drawn;
  };
  const drawSet = (): { p: CountParams; gg: GammaGammaParams | null } | null => {
    for (let attempt = 0; attempt < MAX_REDRAWS; attempt++) {
      const p = drawCount();
      if (!spend || !spendL) return { p, gg: null };
      const th = sample(rng, spend.mean, spendL);
      const ggp = { p: math.exp(th[0]), q: math.exp(th[1]), v: math.exp(th[2]) };
      if (ggp.q > 1) return { p, gg: ggp };
    }
    return null;
  };
  const sets: ({ p: CountParams; gg: GammaGammaParams | null } | null)[] = [];
  for (let d = 0; d < draws; d++) sets.push(drawSet());
  if (sets.some((x) => x === null)) return { ok: false, reasonKey: "uncertainty.notFinite", reasonParams: {} };

  // Then the distinct histories a chunk at a time, every draw on the chunk, so the draws held at
  // once are CHUNK × draws per figure (about 6 MB each at 200 draws) whatever the customer count;
  // the chunk's quantiles are taken before the next chunk is scored. A draw whose scores are not
  // finite (a corner of the parameter space the fit is far from) is replaced by a fresh draw and
  // the scoring starts again.
  const lowP = (1 - level) / 2, highP = (1 + level) / 2;
  const bandsU = { pa: newBand(m), ep: newBand(m), cl: newBand(m) };
  const equityDraws = new Float64Array(draws);
  const scratch = new Float64Array(draws);
  const CHUNK = options.chunk !== undefined && Number.isInteger(options.chunk) && options.chunk > 0 ? options.chunk : 4096;
  const pa = new Float64Array(math.min(CHUNK, m) * draws), ep = new Float64Array(pa.length), cl = new Float64Array(pa.length);
  let restarts = 0;
  // (A flag, not a labelled `continue`: mutation testing wraps each statement in a block, which a
  // label then names instead of the loop.)
  let redraw = true;
  while (redraw) {
    redraw = false;
    equityDraws.fill(0);
    for (let start = 0; start < m; start += CHUNK) {
      const end = math.min(m, start + CHUNK), size = end - start;
      const chunk = {
        frequency: unique.frequency.subarray(start, end),
        recency: unique.recency.subarray(start, end),
        T: unique.T.subarray(start, end),
        monetary: unique.monetary.subarray(start, end),
      };
      const value = uniqueValue.subarray(start, end);
      for (let d = 0; d < draws; d++) {
        const set = sets[d]!;
        const sc = scoreCountModel(prediction.model, set.p, set.gg, chunk, life, set.gg ? undefined : value);
        let total = 0, check = 0;
        for (let u = 0; u < size; u++) {
          total += weight[start + u] * sc.clv[u];
          check += sc.pAlive[u] + sc.expectedPurchases[u];
        }
        if (!Number.isFinite(total) || !Number.isFinite(check)) {
          const fresh = restarts++ < MAX_REDRAWS ? drawSet() : null;
          if (!fresh) return { ok: false, reasonKey: "uncertainty.notFinite", reasonParams: {} };
          sets[d] = fresh;
          redraw = true;
          break;
        }
        equityDraws[d] += total;
        // Stryker disable next-line EqualityOperator: u = size writes past this chunk's draws (or past the array), where no quantile reads
        for (let u = 0; u < size; u++) {
          const o = u * draws + d;
          pa[o] = sc.pAlive[u];
          ep[o] = sc.expectedPurchases[u];
          cl[o] = sc.clv[u];
        }
      }
      if (redraw) break;
      for (const [all, band] of [[pa, bandsU.pa], [ep, bandsU.ep], [cl, bandsU.cl]] as const) {
        // Stryker disable next-line EqualityOperator: u = size writes one band slot past the chunk, which the next chunk overwrites (or past the array: ignored)
        for (let u = 0; u < size; u++) {
          scratch.set(all.subarray(u * draws, (u + 1) * draws));
          band.low[start + u] = quantile(scratch, lowP);
          band.high[start + u] = quantile(scratch, highP);
        }
      }
    }
  }
  // Back from distinct histories to customers.
  const band = (b: Band): Band => {
    const low = new Float64Array(n), high = new Float64Array(n);
    // Stryker disable next-line EqualityOperator: i = n writes past the end of the typed arrays: ignored
    for (let i = 0; i < n; i++) {
      low[i] = b.low[index[i]];
      high[i] = b.high[index[i]];
    }
    return { low, high };
  };
  let estimate = 0;
  for (let i = 0; i < n; i++) estimate += prediction.clv[i];
  scratch.set(equityDraws);
  const equityLow = quantile(scratch, lowP);
  const equityHigh = quantile(scratch, highP);
  return {
    ok: true,
    level,
    draws,
    seed,
    pAlive: band(bandsU.pa),
    expectedPurchases: band(bandsU.ep),
    clv: band(bandsU.cl),
    equity: { estimate, low: equityLow, high: equityHigh },
  };
}

function newBand(m: number): Band {
  return { low: new Float64Array(m), high: new Float64Array(m) };
}

function sample(rng: Random, mean: Float64Array, L: number[][]): Float64Array {
  const k = mean.length;
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) z[i] = rng.normal();
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let v = mean[i];
    for (let j = 0; j <= i; j++) v += L[i][j] * z[j];
    out[i] = v;
  }
  return out;
}

/**
 * The p-quantile of `a` (reordered in place), Hyndman & Fan's type 7 (numpy's default): the
 * order statistics at ⌊h⌋ and ⌊h⌋ + 1 with h = (N − 1)p, linearly interpolated. O(N) by selection.
 */
export function quantile(a: Float64Array, p: number): number {
  const N = a.length;
  const h = (N - 1) * p;
  const k = math.floor(h);
  const lo = select(a, k);
  if (k + 1 >= N) return lo;
  // After selection every element right of k is ≥ a[k]: the next order statistic is their minimum.
  let next = a[k + 1];
  // Stryker disable next-line EqualityOperator: a tie keeps the same value in next, and a[N] is undefined, which compares false
  for (let i = k + 2; i < N; i++) if (a[i] < next) next = a[i];
  return lo + (h - k) * (next - lo);
}

/** Hoare's selection: puts the k-th smallest at a[k], smaller ones left, larger or equal right. */
function select(a: Float64Array, k: number): number {
  let left = 0, right = a.length - 1;
  // Stryker disable next-line EqualityOperator: with right = left the pass swaps a[left] with itself and breaks: the same result
  while (right > left) {
    const pivot = a[(left + right) >>> 1];
    let i = left, j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      right = j;
      continue;
    }
    // Stryker disable next-line ConditionalExpression: when j < k < i, a[k] equals the pivot and is in place; moving left past it only reorders a[i..right], which stays ≥ a[k]
    if (k >= i) left = i;
    else break;
  }
  return a[k];
}
