/**
 * The expected repeat purchases of a whole customer base at many future times, without one
 * hypergeometric evaluation per customer and time (docs/models/forecast.md §3).
 *
 * For each of the three count models the conditional expectation factorises as
 *
 *   E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · G(x, T, t),
 *
 * G being the expected purchases in the next t of a customer known to be alive at T (BG/NBD:
 * Fader, Hardie & Lee 2005 eq. 10, numerator; MBG/NBD: Batislam, Denizel & Filiztekin 2007,
 * Appendix A; Pareto/NBD: Fader & Hardie 2005 note 009 eq. 41), which does not depend on t_x.
 * So Σ_i w_i E[Y_i(t)] = Σ_x Σ_{i: x_i = x} w_i P_i · G(x, T_i, t), with one P(alive) per customer.
 * Within a group of equal x, G is analytic in T with its singularities on T ≤ −m (m = α for
 * BG/NBD and MBG/NBD, min(α, β) for Pareto/NBD), so in v = ln(T + m) they lie at Im v = ±π and
 * a Chebyshev interpolant in v of 16 points converges fast. Then
 *
 *   Σ_i w_i G(v_i, t) ≈ Σ_j G(v_j, t) · W_j,   W_j = (1/K) Σ_k (2 − δ_k0) cos(kθ_j) Σ_i w_i T_k(τ_i),
 *
 * per customer the K moments Σ w_i T_k(τ_i), per (interval, time) K evaluations of G. Each
 * interval is accepted only when, at every time, its last two Chebyshev coefficients are below
 * 1e-13 of the largest value of G on it; otherwise it is halved (in v). A group with no more
 * customers than it would need points is summed customer by customer instead. The result agrees
 * with the direct per-customer sum to 1e-9 relative (test/core/clv/forecast.test.ts).
 */
import type { CountModel, CountParams } from "./models";
// Module-local alias: global lookups are slow in jest's VM context (see lifetime.ts).
const math = globalThis.Math;

/** Chebyshev points per interval. */
const K = 16;
/** An interval is accepted when its two last coefficients are below this share of max |G|. */
const TAIL_TOLERANCE = 1e-13;

/** Bins of an interval with many customers, in τ ∈ [−1, 1]; four sums each (w, wδ, wδ², wδ³). */
const BINS = 256;
const HALF_BINS = BINS / 2;
const BIN_WORDS = 4 * BINS;
/** Fewest customers of a group whose intervals' moments go through bins (else exactly, K per customer). */
const MIN_BINNED = 4 * BINS;

/** θ_j = π(j + ½)/K, the points τ_j = cos θ_j, and cos(kθ_j) (k-major). */
const THETA_COS = (() => {
  const c = new Float64Array(K * K);
  // Stryker disable next-line EqualityOperator: one more k or j writes past the table's end (ignored) or into the next row's first entry, which the next row then writes
  for (let k = 0; k < K; k++) for (let j = 0; j < K; j++) c[k * K + j] = math.cos((k * math.PI * (j + 0.5)) / K);
  return c;
})();

/** Cumulative sums at each time: Σ_i P_i G_i(t) and, with per-customer spend, Σ_i P_i s_i G_i(t). */
export interface BaseSums {
  units: Float64Array;
  spend: Float64Array | null;
}

/**
 * The shift m that puts every singularity of G (in T) at T + m ≤ 0: the smallest of the model's
 * scale parameters α and (Pareto/NBD) β, which G holds as α + T and β + T.
 */
export function singularShift(params: CountParams): number {
  const beta = params.beta;
  // Stryker disable next-line EqualityOperator,ConditionalExpression: at β = α both arms are the same number; without the first test, undefined < α is false
  return beta !== undefined && beta < params.alpha ? beta : params.alpha;
}

/**
 * Σ_i P(alive)_i · E-if-alive_i(t) (and the same weighted by spend) at each of `times`, for
 * validated histories. O(n) plus about 16 evaluations of G per interval and time; the caller
 * checks the inputs.
 * @param spend per-customer spend, or null for units only.
 * @param times the future times, each above 0 (the forecast's period ends).
 */
export function baseSums(
  model: CountModel,
  params: CountParams,
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  T: ArrayLike<number>,
  spend: ArrayLike<number> | null,
  times: Float64Array,
): BaseSums {
  const n = frequency.length;
  const H = times.length;
  const shift = singularShift(params);
  // G(x, T, t): expected purchases in the next t if alive at T, as E/P(alive) at t_x = T, which
  // the model gives for any t_x (the factorisation above); P(alive) at t_x = T is far from 0.
  const aliveAt = (x: number, t0: number) => model.probabilityAlive(params, x, t0, t0);
  const ifAlive = (x: number, t0: number, pa: number, t: number) => model.expectedPurchases(params, t, x, t0, t0) / pa;

  // Pass 1: P(alive) (for Pareto/NBD interpolated per frequency, ./paretonbd-alive.ts), v = ln(T + m)
  // and the group (distinct x) of each customer.
  const pAlive = model.probabilityAliveMany(params, frequency, recency, T);
  const v = new Float64Array(n);
  const group = new Int32Array(n);
  const small = new Int32Array(4096).fill(-1);
  const large = new Map<number, number>();
  const gx: number[] = [], gCount: number[] = [], gMin: number[] = [], gMax: number[] = [];
  // Stryker disable next-line EqualityOperator: one past the end makes a group of no customers (x undefined, pieceStart −1), which adds nothing
  for (let i = 0; i < n; i++) {
    const x = frequency[i], t0 = T[i];
    const vi = math.log(t0 + shift);
    v[i] = vi;
    let g = x < 4096 ? small[x] : (large.get(x) ?? -1);
    if (g < 0) {
      g = gx.length;
      gx.push(x);
      gCount.push(0);
      gMin.push(vi);
      gMax.push(vi);
      if (x < 4096) small[x] = g;
      else large.set(x, g);
    }
    group[i] = g;
    gCount[g]++;
    // Stryker disable next-line EqualityOperator: taking an equal value as the least changes nothing
    if (vi < gMin[g]) gMin[g] = vi;
    // Stryker disable next-line EqualityOperator: taking an equal value as the greatest changes nothing
    if (vi > gMax[g]) gMax[g] = vi;
  }

  // Intervals of each group, adaptively halved; a group that would need as many points as it
  // has customers is summed directly (pieceStart −1).
  const G = gx.length;
  const pieceStart = new Int32Array(G).fill(-1);
  const lo: number[] = [], hi: number[] = [], points: number[] = [];
  const values: Float64Array[] = []; // per interval: G at its points (j) and times (k), k-major
  const binOfPiece: number[] = []; // per interval: its bins (see binnedMoments), or −1: exact moments
  let binned = 0;
  for (let g = 0; g < G; g++) {
    if (gMin[g] === gMax[g]) {
      // Every customer of the group has the same T: one point, exact.
      pieceStart[g] = lo.length;
      const t0 = math.max(math.exp(gMin[g]) - shift, 0);
      const pa = aliveAt(gx[g], t0);
      const vals = new Float64Array(H);
      for (let k = 0; k < H; k++) vals[k] = ifAlive(gx[g], t0, pa, times[k]);
      lo.push(gMin[g]);
      hi.push(gMax[g]);
      points.push(1);
      values.push(vals);
      binOfPiece.push(-1);
      continue;
    }
    if (gCount[g] <= K) continue;
    const accepted = intervalsOf(gx[g], gMin[g], gMax[g], gCount[g], shift, times, aliveAt, ifAlive);
    if (!accepted) continue;
    const bins = binsPay(accepted.length, gCount[g]);
    pieceStart[g] = lo.length;
    for (const a of accepted) {
      lo.push(a.lo);
      hi.push(a.hi);
      points.push(K);
      values.push(a.values);
      binOfPiece.push(bins ? binned++ : -1);
    }
  }

  // Pass 2: the moments Σ w T_k(τ) of each interval: through bins for the intervals of a group
  // with many customers (see binnedMoments), else exactly; direct customers are kept aside.
  const P = lo.length;
  const loA = Float64Array.from(lo), hiA = Float64Array.from(hi), pointsA = Int32Array.from(points);
  const binOf = Int32Array.from(binOfPiece);
  const m1 = new Float64Array(P * K);
  const m2 = spend ? new Float64Array(P * K) : null;
  const b1 = new Float64Array(binned * BIN_WORDS);
  const b2 = spend ? new Float64Array(binned * BIN_WORDS) : null;
  const direct: number[] = [];
  const cheb = new Float64Array(K);
  // Stryker disable next-line EqualityOperator: at i = n every read is undefined and every write lands at index NaN, which typed arrays ignore
  for (let i = 0; i < n; i++) {
    const g = group[i];
    let piece = pieceStart[g];
    if (piece < 0) {
      direct.push(i);
      continue;
    }
    // The halving keeps the group's greatest v as its last interval's hi, so the search stops
    // within the group.
    // Stryker disable next-line EqualityOperator: a customer exactly on a boundary is at τ = ±1 of either interval, both resolved to 1e-13
    while (v[i] > hiA[piece]) piece++;
    const w1 = pAlive[i];
    const w2 = spend ? w1 * spend[i] : 0;
    const o = piece * K;
    // Stryker disable next-line ConditionalExpression,BlockStatement: a one-point interval (lo = hi) would go on to τ = 0/0 = NaN, whose moments past the first are never read (its sums use m[o] alone), and its first moment is w·T_0(NaN) = w all the same
    if (pointsA[piece] === 1) {
      m1[o] += w1;
      if (m2) m2[o] += w2;
      continue;
    }
    const a = loA[piece], b = hiA[piece];
    // v lies in [lo, hi] of its interval, so τ leaves [−1, 1] by rounding only.
    const tau = math.min(1, math.max(-1, (2 * v[i] - a - b) / (b - a)));
    const bin = binOf[piece];
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: bins or exact moments give the same sums to 1e-11 (forecast-sum-evaluations.test.ts); the choice is binsPay's, tested on its own
    if (bin >= 0) {
      // Bin of width 2/BINS and the offset δ from its centre: w, wδ, wδ², wδ³.
      let c = ((tau + 1) * HALF_BINS) | 0;
      if (c >= BINS) c = BINS - 1;
      const d = tau - ((c + 0.5) / HALF_BINS - 1), d2 = d * d;
      const q = bin * BIN_WORDS + 4 * c;
      b1[q] += w1;
      b1[q + 1] += w1 * d;
      b1[q + 2] += w1 * d2;
      b1[q + 3] += w1 * d2 * d;
      if (b2) {
        b2[q] += w2;
        b2[q + 1] += w2 * d;
        b2[q + 2] += w2 * d2;
        b2[q + 3] += w2 * d2 * d;
      }
      continue;
    }
    cheb[0] = 1;
    cheb[1] = tau;
    const tau2 = 2 * tau;
    // Stryker disable next-line EqualityOperator: one more writes past cheb's end, which a typed array ignores
    for (let k = 2; k < K; k++) cheb[k] = tau2 * cheb[k - 1] - cheb[k - 2];
    for (let k = 0; k < K; k++) m1[o + k] += w1 * cheb[k];
    if (m2) for (let k = 0; k < K; k++) m2[o + k] += w2 * cheb[k];
  }
  // Stryker disable next-line EqualityOperator: piece P has no bins (binOf reads undefined) and its moments would land past m1's end
  for (let piece = 0; piece < P; piece++) {
    const bin = binOf[piece];
    if (bin < 0) continue;
    binnedMoments(b1, bin * BIN_WORDS, m1, piece * K);
    // Stryker disable next-line LogicalOperator: b2 and m2 are both there (per-customer spend) or both null
    if (b2 && m2) binnedMoments(b2, bin * BIN_WORDS, m2, piece * K);
  }

  // Sums: interval points weighted by W_j, then the direct customers.
  const units = new Float64Array(H);
  const spendSums = m2 ? new Float64Array(H) : null;
  const w1j = new Float64Array(K), w2j = new Float64Array(K);
  for (let piece = 0; piece < P; piece++) {
    const o = piece * K;
    const vals = values[piece];
    if (points[piece] === 1) {
      // Stryker disable next-line EqualityOperator: one more adds to past the end of units, which a typed array ignores
      for (let k = 0; k < H; k++) {
        units[k] += m1[o] * vals[k];
        // Stryker disable next-line LogicalOperator: spendSums and m2 are both there (per-customer spend) or both null
        if (spendSums && m2) spendSums[k] += m2[o] * vals[k];
      }
      continue;
    }
    nodeWeights(m1, o, w1j);
    if (m2) nodeWeights(m2, o, w2j);
    // Stryker disable next-line EqualityOperator: one more adds to past the end of units, which a typed array ignores
    for (let k = 0; k < H; k++) {
      let s1 = 0, s2 = 0;
      for (let j = 0; j < K; j++) {
        const gv = vals[k * K + j];
        s1 += w1j[j] * gv;
        s2 += w2j[j] * gv;
      }
      units[k] += s1;
      if (spendSums) spendSums[k] += s2;
    }
  }
  for (const i of direct) {
    const x = frequency[i], t0 = T[i];
    const pa = aliveAt(x, t0);
    const w1 = pAlive[i], w2 = spend ? w1 * spend[i] : 0;
    for (let k = 0; k < H; k++) {
      const gv = ifAlive(x, t0, pa, times[k]);
      units[k] += w1 * gv;
      if (spendSums) spendSums[k] += w2 * gv;
    }
  }
  return { units, spend: spendSums };
}

/**
 * Whether a group of `customers` whose interpolant has `pieces` intervals takes its moments
 * through bins: only where they save work and stay small, at least {@link MIN_BINNED} customers
 * and on average a quarter of a bin's words or more per customer. Bins or exact moments give the
 * same sums to 1e-11 (binnedMoments); this chooses the cheaper.
 */
export function binsPay(pieces: number, customers: number): boolean {
  return customers >= MIN_BINNED && pieces * BIN_WORDS <= 4 * customers;
}

/**
 * T_k^(d)(c_b)/d! at the bin centres c_b = (b + ½)/128 − 1, for d = 0 … 3 and k < K, laid out
 * [(b·4 + d)·K + k]; from T_{k+1} = 2τT_k − T_{k−1} differentiated d times:
 * T_{k+1}^(d) = 2τ T_k^(d) + 2d T_k^(d−1) − T_{k−1}^(d).
 */
const BIN_TAYLOR = (() => {
  const table = new Float64Array(BINS * 4 * K);
  const fact = [1, 1, 2, 6];
  // Stryker disable next-line EqualityOperator: bin BINS writes past the table's end, which a typed array ignores
  for (let b = 0; b < BINS; b++) {
    const c = (b + 0.5) / HALF_BINS - 1;
    const der = [new Float64Array(K), new Float64Array(K), new Float64Array(K), new Float64Array(K)];
    der[0][0] = 1;
    der[0][1] = c;
    der[1][1] = 1;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: more steps only write der[d][K], past a typed array's end
    for (let k = 1; k + 1 < K; k++) {
      for (let d = 0; d < 4; d++) der[d][k + 1] = 2 * c * der[d][k] + (d > 0 ? 2 * d * der[d - 1][k] : 0) - der[d][k - 1];
    }
    // Stryker disable next-line EqualityOperator: k = K writes NaN (der[d][K] is undefined) into the next row's first entry, which that row then overwrites, or past the end
    for (let d = 0; d < 4; d++) for (let k = 0; k < K; k++) table[(b * 4 + d) * K + k] = der[d][k] / fact[d];
  }
  return table;
})();

/**
 * The moments Σ_i w_i T_k(τ_i) of an interval from its bins, by the cubic Taylor expansion of T_k
 * about each bin's centre: Σ_b Σ_{d≤3} (Σ_{i∈b} w_i δ_i^d) T_k^(d)(c_b)/d!. What is summed at the
 * end is not one T_k but the interpolant p = Σ c_k T_k, whose expansion leaves
 * Σ w_i p⁗(ξ_i) δ_i⁴/24 with |δ| ≤ 1/256: below 1e-11 of Σ w_i |G| for an interval resolved to
 * 1e-13 (its coefficients fall by a factor of 8 or more per degree; docs/models/forecast.md §3).
 */
function binnedMoments(bins: Float64Array, o: number, out: Float64Array, at: number): void {
  for (let row = 0; row < 4 * BINS; row++) {
    const a = bins[o + row];
    // Stryker disable next-line ConditionalExpression: a shortcut past empty bins, which would add 0·T
    if (a === 0) continue;
    const t = row * K;
    for (let k = 0; k < K; k++) out[at + k] += a * BIN_TAYLOR[t + k];
  }
}

/** W_j = (1/K)(M_0 + 2 Σ_{k≥1} M_k cos(kθ_j)): the weight of point j in Σ_i w_i p(τ_i). */
function nodeWeights(moments: Float64Array, o: number, out: Float64Array): void {
  // Stryker disable next-line EqualityOperator: out[K] is past a typed array's end, ignored
  for (let j = 0; j < K; j++) {
    let s = moments[o];
    for (let k = 1; k < K; k++) s += 2 * moments[o + k] * THETA_COS[k * K + j];
    out[j] = s / K;
  }
}

interface Interval {
  lo: number;
  hi: number;
  values: Float64Array;
}

/**
 * Halves [vMin, vMax] until G is resolved to {@link TAIL_TOLERANCE} on each part at every time;
 * null when the parts would need more points than the group has customers.
 */
function intervalsOf(
  x: number,
  vMin: number,
  vMax: number,
  count: number,
  shift: number,
  times: Float64Array,
  aliveAt: (x: number, t0: number) => number,
  ifAlive: (x: number, t0: number, pa: number, t: number) => number,
): Interval[] | null {
  const H = times.length;
  const out: Interval[] = [];
  // Depth first, the left half first: `out` comes in ascending order.
  const stack: [number, number][] = [[vMin, vMax]];
  const coef = new Float64Array(K);
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const vals = new Float64Array(H * K);
    for (let j = 0; j < K; j++) {
      const vj = 0.5 * (a + b) + 0.5 * (b - a) * THETA_COS[K + j];
      const t0 = math.max(math.exp(vj) - shift, 0);
      const pa = aliveAt(x, t0);
      for (let k = 0; k < H; k++) vals[k * K + j] = ifAlive(x, t0, pa, times[k]);
    }
    let resolved = true;
    for (let k = 0; k < H && resolved; k++) {
      let scale = 0;
      for (let j = 0; j < K; j++) scale = math.max(scale, math.abs(vals[k * K + j]));
      for (const c of [K - 1, K - 2]) {
        let s = 0;
        // Stryker disable next-line AssignmentOperator: only |coef| is read, the same for −s
        for (let j = 0; j < K; j++) s += vals[k * K + j] * THETA_COS[c * K + j];
        coef[c] = (2 * s) / K;
      }
      // NaN fails this test too, and is then caught by the caller's finite-result guard.
      // Stryker disable next-line EqualityOperator: < and <= part only at a tie of rounded sums (> is killed: the tests then count another interval)
      if (!(math.abs(coef[K - 1]) + math.abs(coef[K - 2]) <= TAIL_TOLERANCE * scale)) resolved = false;
    }
    if (resolved) {
      out.push({ lo: a, hi: b, values: vals });
    } else {
      const mid = 0.5 * (a + b);
      stack.push([mid, b], [a, mid]);
    }
    // Each step adds one interval to out + stack, so this also ends the halving (of values that
    // never resolve, NaN, at the latest when it would cost as much as the customers one by one).
    if ((out.length + stack.length) * K >= count) return null;
  }
  return out;
}
