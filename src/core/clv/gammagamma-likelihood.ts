/**
 * The Gamma-Gamma log-likelihood (Fader & Hardie 2013, "The Gamma-Gamma model of monetary
 * value", brucehardie.com note 025, eq. 1a; cited as FH 2013) on repeat buyers read once into
 * the few numbers it depends on (docs/models/gammagamma.md §7).
 *
 * Per buyer, ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x
 * − (px+q) ln(γ + x z̄). Only the last term depends on the parameters and on the buyer's own
 * x z̄ together, and it does so through u = x z̄ alone, weighted by (px + q): summed over the
 * buyers it is −p Σ w x ln(γ+u) − q Σ w ln(γ+u). So the buyers are kept as narrow bins of u,
 * each with the moments of its values about its centre, from which those sums and the ones the
 * gradient and Hessian need are series exact to the rounding of a double (350,498 buyers of the
 * million-customer bench fall into 2,555 bins); the terms in x alone go per distinct x, and
 * Σ w ln z̄ and Σ w x ln z̄ are constants of the fit. A pass costs one logarithm and one division
 * per bin.
 */
import { CvaError, ErrorCodes } from "../errors";
import { given } from "../i18n/errors";
import { digamma, logGamma } from "../math/special";
import { trigamma } from "../math/trigamma";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

/** Spend input: frequency (x) and mean repeat spend (z̄) per customer, optional weights. */
export interface SpendColumns {
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

/** Highest power of δ kept per bin ({@link SpendData}): the rest of each series is at most 7·2^-54 ≈ 4e-16 relative. */
const ORDER = 5;
/** Numbers per bin in `moments`: Σ w δ^k for k = 0 … ORDER, then Σ w x δ^k. */
const STRIDE = 2 * (ORDER + 1);

/**
 * The repeat buyers of a spend summary as the likelihood uses them (docs/models/gammagamma.md §7):
 * their values u = x·z̄ in bins 2^-8 wide relative to the value, each with its centre c and the
 * moments of δ = u − c (|δ| < 2^-9 c), so that every per-buyer sum the likelihood needs is a
 * series in δ/(γ + c) to order 5 (the rest is at most 7·(2^-9)^6 ≈ 4e-16 relative); and per
 * distinct frequency its weight.
 */
export interface SpendData {
  /** Bin centres c. */
  centre: Float64Array;
  /** Per bin, STRIDE (12) numbers: Σ w δ^k for k = 0 … 5, then Σ w x δ^k. */
  moments: Float64Array;
  /** Distinct frequencies (whole ones increasing, then others in order of first appearance), ln of each, and the weight of each. */
  xVal: Float64Array;
  lnX: Float64Array;
  wX: Float64Array;
  /** Σ w ln z̄ and Σ w x ln z̄ over the buyers. */
  sLnZ: number;
  sXLnZ: number;
  /** Number of repeat buyers (rows) kept. */
  buyers: number;
  totalWeight: number;
  /** The weighted mean of z̄ (for starting points). */
  meanZ: number;
  /** Weight left out for spend ≤ 0 ("exclude" mode). */
  excluded: number;
}

/** The error for a value of row i that is not a finite number, naming its row and column. */
function notFinite(column: string, i: number, v: unknown): CvaError {
  const where = { row: i + 1, column };
  if (typeof v !== "number" || Number.isNaN(v)) return CvaError.keyed(ErrorCodes.InvalidType, "population.notNumber", { arg: column, row: i + 1, got: given(v) }, where);
  return CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: column, row: i + 1, got: v }, where);
}

/** Whole frequencies below this are counted in a direct array; others (rare, or not integers) in a Map. */
const DIRECT_X = 1 << 12;

/**
 * A double's two 32-bit halves. The high half of a positive double is 11 exponent bits and the
 * top 20 mantissa bits; without its low 12 bits it names a bin [2^e(1 + m/256), 2^e(1 + (m+1)/256)).
 */
const bits = new Float64Array(1);
const halves = new Uint32Array(bits.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;
const BIN_SHIFT = 12;

/** The largest finite double (a module constant: global lookups are slow in jest's VM context). */
const MAX_FINITE = Number.MAX_VALUE;

/** Rows per block of the pass over the summary (its buyers' row numbers fit in a few kB). */
const BLOCK = 4096;

/**
 * Bin number + 1 (0: none yet) per bin of x·z̄ (2^19 of them, the high half >>> 12 of a positive
 * double), shared by the calls of {@link spendData} and left all zero after each (only the bins'
 * own entries are written, so only their pages are ever touched). Made on first use.
 */
let binOfKey: Int32Array | null = null;

/** What reading the rows builds: the bins, the weight per frequency, and the checks' state. */
class SpendReader {
  /** Weight per whole frequency below DIRECT_X, and per other frequency. */
  wDirect = new Float64Array(DIRECT_X);
  wOther = new Map<number, number>();
  cap = 256;
  bins = 0;
  centre = new Float64Array(this.cap);
  moments = new Float64Array(this.cap * STRIDE);
  /** Each bin's key (index into binOfKey), to clear it afterwards. */
  keys = new Int32Array(this.cap);
  buyers = 0;
  excluded = 0;
  totalW = 0;
  sumWZ = 0;
  firstZ = 0;
  firstX = 0;
  sameSpend = true;
  sameFrequency = true;

  /** A new bin for key k (the high half >>> BIN_SHIFT of its values), centred in it; its number. */
  newBin(dir: Int32Array, k: number): number {
    if (this.bins === this.cap) {
      this.cap *= 2;
      this.centre = grow(this.centre, this.cap);
      this.moments = grow(this.moments, this.cap * STRIDE);
      const keys = new Int32Array(this.cap);
      keys.set(this.keys);
      this.keys = keys;
    }
    const j = this.bins++;
    halves[HI] = (k << BIN_SHIFT) | (1 << (BIN_SHIFT - 1));
    halves[LO] = 0;
    this.centre[j] = bits[0];
    this.keys[j] = k;
    dir[k] = j + 1;
    return j;
  }

  addOtherFrequency(x: number, w: number): void {
    this.wOther.set(x, (this.wOther.get(x) ?? 0) + w);
  }
}

/**
 * Checks a spend summary and keeps its repeat buyers (x > 0, weight > 0) for
 * {@link spendLogLikelihood}: one pass over the rows, each buyer's x·z̄ added to the moments of its
 * bin (found from the value's bit pattern, no search), no logarithm per buyer. O(n).
 * @throws CvaError OUT_OF_RANGE for spend ≤ 0 of a repeat buyer (unless `nonPositive` is
 *   "exclude") or a non-finite value, naming the row; DEGENERATE_DATA with fewer than two repeat
 *   buyers or when all of them have the same (x, z̄).
 */
export function spendData(summary: SpendColumns, nonPositive: "error" | "exclude" = "error"): SpendData {
  const { frequency, monetary, weights } = summary;
  const n = frequency.length;
  if (monetary.length !== n) {
    throw CvaError.keyed(ErrorCodes.InconsistentData, "data.lengthMismatch", { arg: "monetary", count: monetary.length, otherArg: "frequency", otherCount: n }, { argument: "monetary" });
  }
  binOfKey ??= new Int32Array(1 << (31 - BIN_SHIFT));
  const dir = binOfKey;
  const r = new SpendReader();
  try {
    readRows(r, dir, frequency, monetary, weights, nonPositive === "exclude");
  } finally {
    for (let j = 0; j < r.bins; j++) dir[r.keys[j]] = 0;
  }
  const { buyers, totalW } = r;
  if (buyers < 2 && !(buyers === 1 && totalW >= 2)) {
    throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.tooFewBuyers", { count: buyers });
  }
  if (r.sameSpend) {
    // The spread of spend is not identified: with every mean spend equal, the likelihood runs to
    // p, q → ∞ and the estimates at the bound give nonsense spends (52 to 273 for a spend of 20).
    if (r.sameFrequency) throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.sameHistory");
    throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.sameSpend", { spend: r.firstZ });
  }
  // Distinct frequencies: the whole ones in increasing order, then the others in order of first appearance.
  const xList: number[] = [], wList: number[] = [];
  for (let x = 1; x < DIRECT_X; x++) {
    if (r.wDirect[x] !== 0) {
      xList.push(x);
      wList.push(r.wDirect[x]);
    }
  }
  for (const [x, w] of r.wOther) {
    xList.push(x);
    wList.push(w);
  }
  const nx = xList.length;
  const xVal = Float64Array.from(xList), wX = Float64Array.from(wList), lnX = new Float64Array(nx);
  const centre = r.centre.slice(0, r.bins), moments = r.moments.slice(0, r.bins * STRIDE);
  // Σ w ln z̄ = Σ w ln(x z̄) − Σ w ln x, and Σ w x ln z̄ likewise; Σ w ln(x z̄) from the bins at γ = 0.
  const s = binSums(centre, moments, 0, false);
  const acc = Float64Array.of(s.LA, 0, s.LB, 0);
  for (let k = 0; k < nx; k++) {
    lnX[k] = math.log(xVal[k]);
    add(acc, 0, -wX[k] * lnX[k]);
    add(acc, 2, -xVal[k] * wX[k] * lnX[k]);
  }
  return { centre, moments, xVal, lnX, wX, sLnZ: acc[0] + acc[1], sXLnZ: acc[2] + acc[3], buyers, totalWeight: totalW, meanZ: r.sumWZ / totalW, excluded: r.excluded };
}

/** The pass over the rows of {@link spendData} into `r` and the bin directory `dir` (the hot loop; new bins come from `r.newBin`). */
function readRows(r: SpendReader, dir: Int32Array, frequency: ArrayLike<number>, monetary: ArrayLike<number>, weights: ArrayLike<number> | undefined, exclude: boolean): void {
  const n = frequency.length, wDirect = r.wDirect;
  let centre = r.centre, mom = r.moments;
  let buyers = 0, excluded = 0, totalW = 0, sumWZ = 0;
  let firstZ = 0, firstX = 0, sameSpend = true, sameFrequency = true;
  const rows = new Int32Array(BLOCK);
  for (let base = 0; base < n; base += BLOCK) {
    // A block's rows: the frequency checked, the repeat buyers' row numbers kept without a branch
    // (x > 0 is as good as random: a branch on it would be mispredicted for one row in three).
    const end = math.min(n, base + BLOCK);
    let c = 0, bad = -1;
    for (let i = base; i < end; i++) {
      const x = frequency[i];
      const w = weights ? weights[i] : 1;
      if (typeof x !== "number" || !(x >= 0 && x <= MAX_FINITE)) {
        bad = i;
        break;
      }
      rows[c] = i;
      c += +(x > 0) & +(w !== 0);
    }
    // Then its buyers, in row order (so a bad spend before a bad frequency is the one reported).
    for (let k = 0; k < c; k++) {
      const i = rows[k];
      const x = frequency[i];
      const z = monetary[i];
      const w = weights ? weights[i] : 1;
      if (typeof z !== "number" || !Number.isFinite(z)) throw notFinite("monetary", i, z);
      if (z <= 0) {
        if (exclude) {
          excluded += w;
          continue;
        }
        throw CvaError.keyed(ErrorCodes.OutOfRange, "spend.notPositiveAt", { row: i + 1, arg: "monetary", got: z }, { row: i + 1, column: "monetary" });
      }
      if (x < DIRECT_X && (x | 0) === x) wDirect[x] += w;
      else r.addOtherFrequency(x, w);
      if (buyers++ === 0) {
        firstZ = z;
        firstX = x;
      } else {
        if (z !== firstZ) sameSpend = false;
        if (x !== firstX) sameFrequency = false;
      }
      totalW += w;
      sumWZ += w * z;
      const u = x * z;
      bits[0] = u;
      const key = halves[HI] >>> BIN_SHIFT;
      let j = dir[key] - 1;
      if (j < 0) {
        j = r.newBin(dir, key);
        centre = r.centre;
        mom = r.moments;
      }
      // δ is exact (u and c within a factor 2 of each other: Sterbenz).
      const d = u - centre[j], d2 = d * d, d4 = d2 * d2, wx = w * x, o = j * STRIDE;
      mom[o] += w;
      mom[o + 1] += w * d;
      mom[o + 2] += w * d2;
      mom[o + 3] += w * d2 * d;
      mom[o + 4] += w * d4;
      mom[o + 5] += w * d4 * d;
      mom[o + 6] += wx;
      mom[o + 7] += wx * d;
      mom[o + 8] += wx * d2;
      mom[o + 9] += wx * d2 * d;
      mom[o + 10] += wx * d4;
      mom[o + 11] += wx * d4 * d;
    }
    if (bad >= 0) {
      const x = frequency[bad];
      if (typeof x !== "number" || !Number.isFinite(x)) throw notFinite("frequency", bad, x);
      throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: bad + 1, arg: "frequency", got: x }, { row: bad + 1, column: "frequency" });
    }
  }
  r.buyers = buyers;
  r.excluded = excluded;
  r.totalW = totalW;
  r.sumWZ = sumWZ;
  r.firstZ = firstZ;
  r.firstX = firstX;
  r.sameSpend = sameSpend;
  r.sameFrequency = sameFrequency;
}

function grow(arr: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(size);
  bigger.set(arr);
  return bigger;
}

/** The six sums over the buyers of {@link spendLogLikelihoodHessian} (A: weighted by w, B: by w x). */
interface BinSums {
  LA: number;
  LB: number;
  RA: number;
  RB: number;
  QA: number;
  QB: number;
}

/**
 * Σ w ln(γ+u), Σ w/(γ+u) and Σ w/(γ+u)² over the buyers (and the same weighted by w x) from the
 * bins: with s = γ + c, τ = −1/s and the moments M_k = Σ w δ^k,
 *   Σ w ln(γ+u) = M_0 ln s − Σ_{k≥1} M_k τ^k / k,  Σ w/(γ+u) = −τ Σ_k M_k τ^k,
 *   Σ w/(γ+u)² = τ² Σ_k (k+1) M_k τ^k,
 * the Taylor series of ln(1+y), 1/(1+y) and 1/(1+y)² at y = δ/s, |y| < 2^-9, to order 5 (the rest
 * is below 2^-54, 2^-54 and 7·2^-54 relative). `derivatives` false: the logarithms only.
 * O(bins), one logarithm and one division each.
 */
function binSums(centre: Float64Array, mom: Float64Array, v: number, derivatives: boolean): BinSums {
  const nb = centre.length;
  const acc = new Float64Array(8); // LA, LB, RA, RB as compensated sums (see add)
  let QA = 0, QB = 0;
  for (let j = 0; j < nb; j++) {
    const s = v + centre[j], t = -1 / s, l = math.log(s), o = j * STRIDE;
    const a0 = mom[o], a1 = mom[o + 1], a2 = mom[o + 2], a3 = mom[o + 3], a4 = mom[o + 4], a5 = mom[o + 5];
    const b0 = mom[o + 6], b1 = mom[o + 7], b2 = mom[o + 8], b3 = mom[o + 9], b4 = mom[o + 10], b5 = mom[o + 11];
    add(acc, 0, a0 * l - t * (a1 + t * (a2 / 2 + t * (a3 / 3 + t * (a4 / 4 + (t * a5) / 5)))));
    add(acc, 2, b0 * l - t * (b1 + t * (b2 / 2 + t * (b3 / 3 + t * (b4 / 4 + (t * b5) / 5)))));
    if (!derivatives) continue;
    add(acc, 4, -t * (a0 + t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5))))));
    add(acc, 6, -t * (b0 + t * (b1 + t * (b2 + t * (b3 + t * (b4 + t * b5))))));
    const t2 = t * t;
    QA += t2 * (a0 + t * (2 * a1 + t * (3 * a2 + t * (4 * a3 + t * (5 * a4 + t * 6 * a5)))));
    QB += t2 * (b0 + t * (2 * b1 + t * (3 * b2 + t * (4 * b3 + t * (5 * b4 + t * 6 * b5)))));
  }
  return { LA: acc[0] + acc[1], LB: acc[2] + acc[3], RA: acc[4] + acc[5], RB: acc[6] + acc[7], QA, QB };
}

/**
 * Adds t to the compensated sum acc[i] + acc[i+1] (Neumaier 1974, "Rundungsfehleranalyse einiger
 * Verfahren zur Summation endlicher Summen", ZAMM 54, 39–51): the rounding error of each addition
 * is kept in acc[i+1]. The log-likelihood is a difference of sums of order 1e7 at a million
 * buyers; plain sums would lose ~1e-7 of it (and shift the optimum along its flat direction), the
 * compensated ones lose ~1e-9.
 */
function add(acc: Float64Array, i: number, t: number): void {
  const s = acc[i], u = s + t;
  acc[i + 1] += math.abs(s) >= math.abs(t) ? s - u + t : t - u + s;
  acc[i] = u;
}

/**
 * Σ w ln f(z̄ | p, q, γ, x) at θ = ln(p, q, γ), FH 2013 eq. (1a) with the x-fold mean:
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄),
 * and with `grad` its analytic gradient in θ (ψ for ln Γ). O(bins + distinct frequencies).
 */
export function spendLogLikelihood(d: SpendData, theta: ArrayLike<number>, grad: Float64Array | null): number {
  return spendLogLikelihoodHessian(d, theta, grad, null);
}

/**
 * {@link spendLogLikelihood} with, when `hess` is given, its Hessian in θ (3×3, row-major) for
 * Newton's method (docs/models/fitting.md §16). With the sums over the buyers (binSums)
 *   L_A = Σ w ln(γ+u), L_B = Σ w x ln(γ+u), R_A = Σ w/(γ+u), R_B = Σ w x/(γ+u), Q_A = Σ w/(γ+u)², Q_B,
 * W_x the weight of frequency x, W the total, C_1 = Σ w x ln z̄, and ψ₁ the trigamma:
 *   ℓ = Σ_x W_x (ln Γ(px+q) − ln Γ(px) + px ln x) − W ln Γ(q) + W q ln γ + p C_1 − Σ w ln z̄ − p L_B − q L_A,
 *   ∂ℓ/∂p = Σ_x x W_x (ψ(px+q) − ψ(px) + ln x) + C_1 − L_B,  ∂ℓ/∂q = Σ_x W_x ψ(px+q) − W ψ(q) + W ln γ − L_A,
 *   ∂ℓ/∂γ = W q/γ − p R_B − q R_A,
 *   ∂²/∂p² = Σ_x x² W_x (ψ₁(px+q) − ψ₁(px)),  ∂²/∂p∂q = Σ_x x W_x ψ₁(px+q),  ∂²/∂p∂γ = −R_B,
 *   ∂²/∂q² = Σ_x W_x ψ₁(px+q) − W ψ₁(q),  ∂²/∂q∂γ = W/γ − R_A,  ∂²/∂γ² = −W q/γ² + p Q_B + q Q_A,
 * and in θ = ln(p, q, γ): H_ij p_i p_j, plus p_i ∂/∂p_i on the diagonal. O(bins + distinct
 * frequencies): a logarithm and a division per bin, the ln Γ and ψ per distinct frequency.
 */
export function spendLogLikelihoodHessian(d: SpendData, theta: ArrayLike<number>, grad: Float64Array | null, hess: Float64Array | null): number {
  const { xVal, lnX, wX } = d;
  const nx = xVal.length, W = d.totalWeight;
  const p = math.exp(theta[0]), q = math.exp(theta[1]), v = math.exp(theta[2]);
  const lnv = math.log(v);
  const { LA, LB, RA, RB, QA, QB } = binSums(d.centre, d.moments, v, grad !== null);
  // ℓ, ∂ℓ/∂p and ∂ℓ/∂q as compensated sums (add): terms of order 1e7 at a million buyers.
  const acc = new Float64Array(6);
  const cLB = d.sXLnZ - LB;
  add(acc, 0, W * q * lnv);
  add(acc, 0, -W * logGamma(q));
  add(acc, 0, p * cLB);
  add(acc, 0, -d.sLnZ);
  add(acc, 0, -q * LA);
  add(acc, 2, cLB);
  add(acc, 4, W * lnv);
  add(acc, 4, -LA);
  let hpp = 0, hpq = 0, hqq = 0;
  for (let k = 0; k < nx; k++) {
    const x = xVal[k], px = p * x, lnx = lnX[k], Wk = wX[k];
    add(acc, 0, Wk * (logGamma(px + q) - logGamma(px) + px * lnx));
    if (grad) {
      const psiPXQ = digamma(px + q);
      add(acc, 2, x * Wk * (psiPXQ - digamma(px) + lnx));
      add(acc, 4, Wk * psiPXQ);
    }
    if (hess) {
      const t1 = trigamma(px + q);
      hpp += x * x * Wk * (t1 - trigamma(px));
      hpq += x * Wk * t1;
      hqq += Wk * t1;
    }
  }
  const ll = acc[0] + acc[1];
  if (grad) {
    add(acc, 4, -W * digamma(q));
    const dp = acc[2] + acc[3], dq = acc[4] + acc[5];
    const dv = (W * q) / v - p * RB - q * RA;
    grad[0] = dp * p;
    grad[1] = dq * q;
    grad[2] = dv * v;
  }
  if (hess && grad) {
    hqq -= W * trigamma(q);
    const hpv = -RB, hqv = W / v - RA, hvv = (-W * q) / (v * v) + p * QB + q * QA;
    hess[0] = hpp * p * p + grad[0];
    hess[4] = hqq * q * q + grad[1];
    hess[8] = hvv * v * v + grad[2];
    hess[1] = hess[3] = hpq * p * q;
    hess[2] = hess[6] = hpv * p * v;
    hess[5] = hess[7] = hqv * q * v;
  }
  return ll;
}
