/**
 * Pareto/NBD P(alive | x, t_x, T) for many customers at once (FH 2005 eq. 36–37, as
 * ./paretonbd.ts probabilityAlive), with a few dozen hypergeometric evaluations per frequency
 * instead of two per customer (docs/models/forecast.md §3).
 *
 * A0 of FH 2005 eq. (19)–(20) is a difference of one function of time taken at t_x and at T:
 *   A0 = J(t_x) − J(T),  J(t) = 2F1(r+s+x, b; r+s+x+1; D/(hi+t)) / (hi+t)^{r+s+x}
 *                             = (r+s+x) ∫_t^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ,
 * (hi = max(α, β), D = |α − β|, b = s+1 if α ≥ β else r+x; the integral is the death-time
 * integral FH 2005 start from, ./paretonbd-a0.ts). So with E(t) = (α+t)^{r+x} (β+t)^s J(t) and
 * Δ = ln J(t_x) − ln J(T) ≥ 0,
 *   P(alive) = 1 / (1 + s/(r+s+x) · E(T) · (e^Δ − 1)).
 * For one frequency x, ln J and E are analytic in t with their singularities at t = −lo and
 * t = −hi (lo = min(α, β)), so in v = ln(lo + t) they lie at v → −∞ and at Im v = π, the
 * variable ./forecast-sum.ts uses for the same reason. Per distinct x:
 * 1. ln J and E are interpolated by Chebyshev polynomials of degree 15 in v on intervals of
 *    [ln(lo + min t_x), ln(lo + max T)], each halved until the two last coefficients of both are
 *    below 1e-14 of their scale (max(1, max |ln J|), max E); the values at the points come from
 *    2F1 where z = D/(hi+t) ≤ 0.95 and from the integral above (as logA0 does), and no interval
 *    straddles that switch.
 * 2. Those interpolants are tabulated on equal cells in v as polynomials of degree 9 (powers of
 *    the cell's τ ∈ [−1, 1]), the cells halved until each one's two last Chebyshev coefficients
 *    are below 1e-14 of its scale, so a customer costs a multiply to find the cell and Horner's
 *    rule. With t_x = 0 (every customer without repeat purchases) P(alive) depends on T alone
 *    and is tabulated itself, to 1e-14 of its least value on each cell, when that takes at most
 *    four times the cells.
 * A frequency with too few customers for its points (or a history outside 0 ≤ t_x ≤ T) is
 * evaluated customer by customer with probabilityAlive.
 *
 * When t_x is near T, e^Δ − 1 is a difference of nearly equal numbers and the interpolation's
 * absolute error ε in ln J becomes a relative error ε/Δ in A0; but A0's share of the odds is then
 * of order Δ, so P(alive) moves by about ε: the direct code's cancellation-free integral for
 * z > 0.95 buys nothing P(alive) can show. The result agrees with probabilityAlive to 1e-12
 * relative (test/core/clv/paretonbd-alive.test.ts).
 */
import { log2F1, NEAR_ONE_2F1 } from "../math/special";
import { logA0Integral } from "./paretonbd-a0";
import { probabilityAlive, type ParetoNbdParams } from "./paretonbd";
// Module-local alias: global lookups are slow in jest's VM context (see paretonbd.ts).
const math = globalThis.Math;

/** Chebyshev points per interval. */
const K = 16;
/** An interval is accepted when its two last coefficients are below this share of max(1, max |ln J|). */
const TAIL_TOLERANCE = 1e-14;

/** cos(kθ_j), θ_j = π(j + ½)/K, k-major; row 1 holds the points τ_j. */
const THETA_COS = (() => {
  const c = new Float64Array(K * K);
  // Stryker disable next-line EqualityOperator: one more k or j writes past the table's end (ignored) or into the next row's first entry, which the next row then writes
  for (let k = 0; k < K; k++) for (let j = 0; j < K; j++) c[k * K + j] = math.cos((k * math.PI * (j + 0.5)) / K);
  return c;
})();

/** ln J(t) of the module comment for one frequency: 2F1 form for z ≤ 0.95, else the integral to ∞. O(k). */
export function logJ(params: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = params;
  const rsx = r + s + x;
  // Stryker disable next-line EqualityOperator: at α = β, z = 0 and 2F1 is 1 whatever its lower parameter, and hi is α = β either way
  const aGeB = alpha >= beta;
  const hi = aGeB ? alpha : beta;
  const diff = math.abs(alpha - beta);
  // z = diff/(hi + t) above 0.95: the integral, which is as accurate as 2F1 at every z
  // (paretonbd-a0.test.ts); the switch is for speed.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: see above
  if (diff > NEAR_ONE_2F1 * (hi + t)) {
    // ∫_t^∞: the quadrature cuts the tail where the integrand has fallen by e^−40, far before 1e30.
    // Stryker disable next-line ArithmeticOperator: any upper limit far past where the integrand has fallen by e^−40 gives the same value (here t < 0.053·hi, so hi − t > 0 as well)
    return logA0Integral(r, alpha, s, beta, x, t, t + 1e30 * (hi + t), null);
  }
  return log2F1(rsx, aGeB ? s + 1 : r + x, rsx + 1, diff / (hi + t)) - rsx * math.log(hi + t);
}

/** Chebyshev coefficients (c_0 halved) of the K values at the points, k-major into `out` at `o`. */
function coefficients(values: Float64Array, out: Float64Array, o: number): void {
  // Stryker disable next-line EqualityOperator: k = K writes past the end of the K coefficients, which the typed array ignores
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < K; j++) s += values[j] * THETA_COS[k * K + j];
    out[o + k] = ((k === 0 ? 1 : 2) * s) / K;
  }
}

/** Degree + 1 of the cell polynomials the customers are evaluated with. */
const D = 10;
/** {@link cellsOf}'s tables for other uses (./score-horizon.ts): D words per function, STRIDE per cell. */
export { D as CELL_TERMS, STRIDE as CELL_STRIDE };
/** Widest cell (in v) tried first. */
const CELL_WIDTH = 0.25;
/** Words per cell: ln J, E and (for the customers with t_x = 0) P(alive) itself, D each. */
const STRIDE = 3 * D;
/** Coefficients of T_k(τ) in powers of τ, k < D: MONO[k·D + j] is that of τ^j. */
const MONO = (() => {
  const m = new Float64Array(D * D);
  m[0] = 1;
  m[D + 1] = 1;
  // Stryker disable next-line EqualityOperator,ConditionalExpression: one more k or j writes past the end or into the next row's first entry, written after; at j = 0 the entry read, row k − 2's last, is 0 (degree k − 2 < D − 1)
  for (let k = 2; k < D; k++) for (let j = 0; j < D; j++) m[k * D + j] = (j > 0 ? 2 * m[(k - 1) * D + j - 1] : 0) - m[(k - 2) * D + j];
  return m;
})();
/** cos(kφ_j), φ_j = π(j + ½)/D, k-major. */
const CELL_COS = (() => {
  const c = new Float64Array(D * D);
  // Stryker disable next-line EqualityOperator: one more k or j writes past the end or into the next row's first entry, written after
  for (let k = 0; k < D; k++) for (let j = 0; j < D; j++) c[k * D + j] = math.cos((k * math.PI * (j + 0.5)) / D);
  return c;
})();

/** Interpolants of one group on [a, b] (in v): Chebyshev coefficients of ln J and of E = e^{ln J + h}, per interval. */
interface Pieces {
  ends: Float64Array;
  lnJ: Float64Array;
  E: Float64Array;
}

/**
 * The intervals of [a, b] (in v) on which ln J and E are resolved to {@link TAIL_TOLERANCE},
 * halved as needed and never across `split`; null when they would need more than `budget` points.
 */
function piecesOf(params: ParetoNbdParams, x: number, lo: number, a: number, b: number, split: number, budget: number): Pieces | null {
  const { r, alpha, s, beta } = params;
  const out: { a: number; b: number; lnJ: Float64Array; E: Float64Array }[] = [];
  // Depth first, the left half first: `out` comes in ascending order. Each step adds K points to
  // `used`, so the budget also ends the halving of values that never resolve (NaN).
  const stack: [number, number][] = [];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: splitting at the switch keeps each interval on one side of it; both sides are as accurate (paretonbd-a0.test.ts), and a split at a or b makes a zero-width interval no cell point falls in
  if (split > a && split < b) stack.push([split, b], [a, split]);
  else stack.push([a, b]);
  const fJ = new Float64Array(K), fE = new Float64Array(K);
  let used = 0;
  while (stack.length > 0) {
    const [pa, pb] = stack.pop()!;
    // Stryker disable next-line AssignmentOperator: without the budget every group is interpolated, to the same accuracy; the budget only saves work
    used += K;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the same
    if (used > budget) return null;
    let scaleJ = 1, scaleE = 0;
    for (let j = 0; j < K; j++) {
      const v = 0.5 * (pa + pb) + 0.5 * (pb - pa) * THETA_COS[K + j];
      const t = math.max(math.exp(v) - lo, 0);
      fJ[j] = logJ(params, x, t);
      fE[j] = math.exp(fJ[j] + (r + x) * math.log(alpha + t) + s * math.log(beta + t));
      scaleJ = math.max(scaleJ, math.abs(fJ[j]));
      scaleE = math.max(scaleE, fE[j]);
    }
    const cJ = new Float64Array(K), cE = new Float64Array(K);
    coefficients(fJ, cJ, 0);
    coefficients(fE, cE, 0);
    // NaN fails these tests and ends in the budget, then the direct evaluation.
    const resolved = math.abs(cJ[K - 1]) + math.abs(cJ[K - 2]) <= TAIL_TOLERANCE * scaleJ && math.abs(cE[K - 1]) + math.abs(cE[K - 2]) <= TAIL_TOLERANCE * scaleE;
    if (resolved) {
      out.push({ a: pa, b: pb, lnJ: cJ, E: cE });
    } else {
      const mid = 0.5 * (pa + pb);
      stack.push([mid, pb], [pa, mid]);
    }
  }
  const ends = new Float64Array(out.length), lnJ = new Float64Array(out.length * K), E = new Float64Array(out.length * K);
  out.forEach((p, k) => {
    ends[k] = p.b;
    lnJ.set(p.lnJ, k * K);
    E.set(p.E, k * K);
  });
  return { ends, lnJ, E };
}

/** Σ_{j<D} a_j τ^j, the D powers' coefficients at `o`, by Horner's rule. */
export function horner(a: Float64Array, o: number, tau: number): number {
  let s = a[o + D - 1];
  for (let j = D - 2; j >= 0; j--) s = s * tau + a[o + j];
  return s;
}

/** Σ c_k T_k(τ) by Clenshaw's recurrence, the K coefficients at `o`. */
function clenshaw(c: Float64Array, o: number, tau: number): number {
  const tau2 = 2 * tau;
  let b1 = 0, b2 = 0;
  for (let k = K - 1; k >= 1; k--) {
    const b0 = c[o + k] + tau2 * b1 - b2;
    b2 = b1;
    b1 = b0;
  }
  return c[o] + tau * b1 - b2;
}

/** A function of v tabulated on cells, and what its interpolation error is measured against. */
export interface Tabulated {
  at: (v: number) => number;
  /** "log": max(1, max |f|) (absolute error for a logarithm); "max": max |f|; "min": min |f| (relative error everywhere). */
  scale: "log" | "max" | "min";
}

/**
 * Cells of equal width in v over [a, b], each holding every function of `fns` as a polynomial of
 * degree D − 1 in τ ∈ [−1, 1] across the cell (powers of τ, D words per function, functions in
 * order, STRIDE words per cell), interpolated at D Chebyshev points; the number of cells doubles
 * from `firstCells` until every cell's two last Chebyshev coefficients of every function are
 * below `tolerance` (default {@link TAIL_TOLERANCE}) of its scale. null beyond `maxCells`.
 */
export function cellsOf(fns: Tabulated[], a: number, b: number, firstCells: number, maxCells: number, tolerance = TAIL_TOLERANCE): Float64Array | null {
  const f = new Float64Array(D), cheb = new Float64Array(D);
  for (let cells = firstCells; cells <= maxCells; cells *= 2) {
    const table = new Float64Array(cells * STRIDE);
    const w = (b - a) / cells;
    let ok = true;
    for (let c = 0; c < cells && ok; c++) {
      for (let m = 0; m < fns.length && ok; m++) {
        const fn = fns[m];
        let scale = fn.scale === "log" ? 1 : fn.scale === "max" ? 0 : Infinity;
        for (let j = 0; j < D; j++) {
          f[j] = fn.at(a + w * (c + 0.5 + 0.5 * CELL_COS[D + j]));
          const size = math.abs(f[j]);
          scale = fn.scale === "min" ? math.min(scale, size) : math.max(scale, size);
        }
        for (let k = 0; k < D; k++) {
          let sum = 0;
          for (let j = 0; j < D; j++) sum += f[j] * CELL_COS[k * D + j];
          cheb[k] = ((k === 0 ? 1 : 2) * sum) / D;
        }
        // NaN fails this test too.
        if (!(math.abs(cheb[D - 1]) + math.abs(cheb[D - 2]) <= tolerance * scale)) ok = false;
        // Chebyshev to powers of τ: a_j = Σ_k c_k MONO[k][j] (the c_k fall fast, so no digits are lost).
        const o = c * STRIDE + m * D;
        for (let j = 0; j < D; j++) {
          let sum = 0;
          for (let k = j; k < D; k++) sum += cheb[k] * MONO[k * D + j];
          table[o + j] = sum;
        }
      }
    }
    if (ok) return table;
  }
  return null;
}

/** The interpolant of `pieces` (coefficients `f`, per interval) on [a, …] at v. */
function pieceValue(pieces: Pieces, f: Float64Array, a: number, v: number): number {
  const ends = pieces.ends;
  // The cells ask for v in [a, b] only, and the halving keeps b as the last interval's end, so
  // the search stops within the intervals.
  let p = 0;
  // Stryker disable next-line EqualityOperator: at a boundary v is at τ = ±1 of either interval, both resolved to 1e-14
  while (v > ends[p]) p++;
  const pa = p === 0 ? a : ends[p - 1], pb = ends[p];
  // v lies in [pa, pb], so τ leaves [−1, 1] by rounding only.
  return clenshaw(f, p * K, math.min(1, math.max(-1, (2 * v - pa - pb) / (pb - pa))));
}

/** How a {@link probabilityAliveMany} call went. */
export interface AliveStats {
  /** Customers whose P(alive) came from the cells, not from probabilityAlive. */
  interpolated: number;
  /** Of those, customers without repeat purchases (t_x = 0) whose P(alive) came from its own table. */
  zeroTable?: number;
}

/**
 * P(alive) of every customer (FH 2005 eq. 36–37) by the interpolation of the module comment, for
 * validated histories (0 ≤ t_x ≤ T; a history outside that, or not finite, is passed to
 * probabilityAlive as it is). O(n) plus about 16 evaluations of ln J per interval.
 * @param stats filled with how many customers were interpolated (the rest were evaluated directly).
 * @example probabilityAliveMany({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, [0, 2], [0, 30.43], [38.86, 38.86])
 */
export function probabilityAliveMany(
  params: ParetoNbdParams,
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  T: ArrayLike<number>,
  stats?: AliveStats,
): Float64Array {
  const n = frequency.length;
  const out = new Float64Array(n);
  let interpolated = 0, zeroTable = 0;
  const { r, alpha, s, beta } = params;
  // Stryker disable next-line EqualityOperator: at α = β both arms give lo = hi = α
  const aGeB = alpha >= beta;
  const lo = aGeB ? beta : alpha, hi = aGeB ? alpha : beta;
  // t at which z = (hi − lo)/(hi + t) crosses 0.95, in v (−Infinity when it never does for t ≥ 0).
  const tSwitch = (hi - lo) / NEAR_ONE_2F1 - hi;
  const vSwitch = tSwitch > 0 ? math.log(lo + tSwitch) : -Infinity;

  // Pass 1: group (distinct x) of each customer, with the group's least t_x and largest T.
  const group = new Int32Array(n);
  const small = new Int32Array(4096).fill(-1);
  const large = new Map<number, number>();
  const gx: number[] = [], gCount: number[] = [], gMin: number[] = [], gMax: number[] = [];
  // Stryker disable next-line EqualityOperator: at i = n every value is undefined, which the validity test below refuses
  for (let i = 0; i < n; i++) {
    const x = frequency[i], tx = recency[i], t = T[i];
    // Stryker disable next-line EqualityOperator: x = ∞ would form a group whose ln J is NaN, so its customers would still be evaluated one by one
    if (!(tx >= 0 && tx <= t && t < Infinity && x >= 0 && x < Infinity)) {
      group[i] = -1;
      continue;
    }
    // Stryker disable next-line ConditionalExpression: its surviving mutant, "false", sends small whole x to the Map instead of the array: the same groups, more slowly (the others are killed by paretonbd-alive-edges.test.ts)
    const whole = x < 4096 && x === (x | 0);
    let g = whole ? small[x] : (large.get(x) ?? -1);
    if (g < 0) {
      g = gx.length;
      gx.push(x);
      gCount.push(0);
      gMin.push(tx);
      gMax.push(t);
      if (whole) small[x] = g;
      else large.set(x, g);
    }
    group[i] = g;
    gCount[g]++;
    // Stryker disable next-line EqualityOperator: at equality the same value is stored again
    if (tx < gMin[g]) gMin[g] = tx;
    // Stryker disable next-line EqualityOperator: at equality the same value is stored again
    if (t > gMax[g]) gMax[g] = t;
  }

  // Cells of each group (cellBase −1: customer by customer), ln J at t_x = 0 and s/(r+s+x).
  const G = gx.length;
  const cellBase = new Int32Array(G).fill(-1), lastCell = new Int32Array(G);
  const gA = new Float64Array(G), gInv = new Float64Array(G);
  const atZero = new Float64Array(G), ratio = new Float64Array(G), hasZero = new Uint8Array(G);
  const tables: Float64Array[] = [];
  let totalCells = 0;
  // Stryker disable next-line EqualityOperator: at g = G the count and range are undefined, so ln(lo + undefined) is NaN and the group is skipped
  for (let g = 0; g < G; g++) {
    const x = gx[g];
    // Fewer customers than a cell's points: each is cheaper directly.
    if (gCount[g] <= 2 * K) continue;
    const a = math.log(lo + gMin[g]), b = math.log(lo + gMax[g]);
    if (!(b > a)) continue;
    const pieces = piecesOf(params, x, lo, a, b, vSwitch, gCount[g]);
    if (!pieces) continue;
    const ratioG = s / (r + s + x);
    // Stryker disable next-line ConditionalExpression: ln J(0) is read only for t_x = 0, which only a group with gMin = 0 holds
    const lnJ0 = gMin[g] === 0 ? logJ(params, x, 0) : NaN;
    const fns: Tabulated[] = [
      { at: (v) => pieceValue(pieces, pieces.lnJ, a, v), scale: "log" },
      { at: (v) => pieceValue(pieces, pieces.E, a, v), scale: "max" },
    ];
    // With t_x = 0 P(alive) depends on T alone: tabulated itself, to relative accuracy.
    const alive0: Tabulated = {
      at: (v) => {
        const delta = lnJ0 - pieceValue(pieces, pieces.lnJ, a, v);
        return delta > 0 ? 1 / (1 + ratioG * pieceValue(pieces, pieces.E, a, v) * math.expm1(delta)) : 1;
      },
      scale: "min",
    };
    let table = cellsOf(fns, a, b, math.ceil((b - a) / CELL_WIDTH), gCount[g] >> 2);
    if (!table) continue;
    hasZero[g] = 0;
    if (gMin[g] === 0) {
      // At most four times the cells of ln J and E (P(alive) near 0 can be too noisy to resolve relatively).
      const cells = table.length / STRIDE;
      const withZero = cellsOf([...fns, alive0], a, b, cells, math.min(gCount[g] >> 2, 4 * cells));
      if (withZero) {
        table = withZero;
        hasZero[g] = 1;
      }
    }
    if (!table) continue;
    const cells = table.length / STRIDE;
    cellBase[g] = totalCells;
    lastCell[g] = cells - 1;
    totalCells += cells;
    tables.push(table);
    gA[g] = a;
    gInv[g] = cells / (b - a);
    atZero[g] = lnJ0;
    ratio[g] = ratioG;
  }
  const tab = new Float64Array(totalCells * STRIDE);
  for (let k = 0, o = 0; k < tables.length; o += tables[k].length, k++) tab.set(tables[k], o);

  // Pass 2: each customer's P(alive).
  for (let i = 0; i < n; i++) {
    const g = group[i];
    const x = frequency[i], tx = recency[i], t = T[i];
    if (g < 0 || cellBase[g] < 0) {
      out[i] = probabilityAlive(params, x, tx, t);
      continue;
    }
    interpolated++;
    // Stryker disable next-line ConditionalExpression,BlockStatement: without it Δ is one cell's value minus itself, 0, and P(alive) is 1 the same way (t_x = T = 0: the tabulated P(alive) at T = 0, 1 to its 1e-14)
    if (tx === t) {
      out[i] = 1; // A0 = 0
      continue;
    }
    // The cell of v = ln(lo + T), then Horner in τ.
    const base = cellBase[g], lastC = lastCell[g], a = gA[g], inv = gInv[g];
    let pos = (math.log(lo + t) - a) * inv;
    // T ≥ the group's least t_x, so pos ≥ 0 but for rounding (pos | 0 truncates −0.… to 0), and
    // pos ≤ the cells but for rounding at the range's end.
    let c = math.min(lastC, math.max(0, pos | 0));
    let tau = 2 * (pos - c) - 1;
    let o = (base + c) * STRIDE;
    if (tx === 0 && hasZero[g] === 1) {
      zeroTable++;
      o += 2 * D;
      out[i] = horner(tab, o, tau);
      continue;
    }
    const lnJT = horner(tab, o, tau);
    const ET = horner(tab, o + D, tau);
    let lnJx: number;
    if (tx === 0) {
      lnJx = atZero[g];
    } else {
      pos = (math.log(lo + tx) - a) * inv;
      // t_x < T ≤ the group's largest T, so c ≤ lastC unless ln(lo + t_x) rounds to the range's end;
      // t_x ≥ the group's least t_x, so pos ≥ 0 but for rounding.
      c = math.min(lastC, math.max(0, pos | 0));
      tau = 2 * (pos - c) - 1;
      o = (base + c) * STRIDE;
      lnJx = horner(tab, o, tau);
    }
    const delta = lnJx - lnJT;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: at Δ = 0 the odds below are 0 and P(alive) 1 either way; the guard is for a Δ below 0 by the interpolation's rounding, which t_x one rounding step before T did not produce in the tests (P(alive) would pass 1)
    if (!(delta > 0)) {
      out[i] = 1; // A0 at or below rounding, as logSubExp's −Infinity in logA0
      continue;
    }
    // Odds of death: s/(r+s+x) · E(T) · (e^Δ − 1).
    const q = ratio[g] * ET * math.expm1(delta);
    // Past 1e300 (P(alive) < 1e-300) the odds are taken in logarithms, so an overflowing e^Δ does not
    // turn a positive P(alive) into 0. Not reached by the tests: every group tried whose odds pass
    // 1e300 (x up to 320 at the CDNOW fit, r up to 80) needed more points than its budget and was
    // evaluated customer by customer. Below 1e300 both arms agree to rounding.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
    if (q < 1e300) {
      out[i] = 1 / (1 + q);
      // Stryker disable all: the arm not reached, see above
    } else {
      const L = math.log(ratio[g] * ET) + delta + math.log(-math.expm1(-delta));
      out[i] = math.exp(-L) / (1 + math.exp(-L));
    }
    // Stryker restore all
  }
  if (stats) {
    stats.interpolated = interpolated;
    stats.zeroTable = zeroTable;
  }
  return out;
}
