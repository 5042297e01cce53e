/**
 * The analytic Hessian of the BG/NBD and MBG/NBD log-likelihood (FHL 2005 eq. 6; Batislam,
 * Denizel & Filiztekin 2007, Appendix A), for Newton's method in the fit and for the standard
 * errors (docs/models/fitting.md §16, docs/models/uncertainty.md).
 *
 * With ln L = A1 + A2 + ln(e^{A3} + δ e^{A4}) as in {@link betaGeoLogLikelihood}, the share
 * w2 = e^{A4}/(e^{A3} + e^{A4}) and w1 = 1 − w2, the mixture's derivatives are
 *   ∇ ln(e^{A3} + e^{A4}) = w1 ∇A3 + w2 ∇A4,
 *   ∇² ln(e^{A3} + e^{A4}) = w1 ∇²A3 + w2 ∇²A4 + w1 w2 (∇A4 − ∇A3)(∇A4 − ∇A3)ᵀ,
 * in the parameters φ = (r, α, a, b), with
 *   ∇A3 = (−ln(α+T), −(r+x)/(α+T), 0, 0),  ∇A4 = (−ln(α+t_x), −(r+x)/(α+t_x), 1/a, −1/(b+x−1+k)),
 *   ∇²A3: ∂r∂α = −1/(α+T), ∂α² = (r+x)/(α+T)²;  ∇²A4: ∂r∂α = −1/(α+t_x), ∂α² = (r+x)/(α+t_x)²,
 *   ∂a² = −1/a², ∂b² = 1/(b+x−1+k)²  (k = 1 for MBG/NBD),
 * and A1 + A2 (x alone) give the trigamma terms ψ₁, summed once per distinct frequency. The fits
 * work in θ = ln φ: ∂²/∂θ_i∂θ_j = φ_i φ_j ∂²/∂φ_i∂φ_j + δ_ij φ_i ∂/∂φ_i.
 */
import { frequencySums } from "./bgnbd-frequency";
import type { GroupedRfm } from "./data";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times.
const math = globalThis.Math;

/**
 * Σ_g w_g ln L_g at θ = ln(r, α, a, b), its gradient in θ (into `grad`) and its Hessian in θ
 * (into `hess`, 4×4 row-major). O(g) with one exp and one log1p per distinct history, as the
 * value alone, and about as many other operations; the terms of x alone by ./bgnbd-frequency.ts.
 * Written for the interpreter too, as the first fit in a fresh process runs it before V8
 * optimises it, and every double the interpreter computes or reads from a typed array is a new
 * heap object (docs/models/fitting.md §16): with w (w1 f(T) + w2 f(t_x)) = w f(T) − w w2 (f(T) −
 * f(t_x)), the terms of T alone are summed once per distinct T (weights of T and of x·T), those
 * of x alone once per distinct frequency, and each history adds only the mixture's terms, the
 * histories taken frequency by frequency ({@link byFrequency}).
 */
export function betaGeoLogLikelihoodHessian(data: GroupedRfm, theta: ArrayLike<number>, grad: Float64Array, hess: Float64Array, modified: boolean): number {
  const r = math.exp(theta[0]), alpha = math.exp(theta[1]), a = math.exp(theta[2]), b = math.exp(theta[3]);
  const k = modified ? 1 : 0;
  const lnAlpha = math.log(alpha), invA = 1 / a;
  const times = data.distinctTimes;
  const nt = times.length;
  const lnTime = new Float64Array(nt), invTime = new Float64Array(nt);
  for (let j = 0; j < nt; j++) {
    const at = alpha + times[j];
    lnTime[j] = math.log(at);
    invTime[j] = 1 / at;
  }
  const order = byFrequency(data);
  const h = new Float64Array(15);
  mixtureSums(order, data.distinctX, r, a, b, modified, lnTime, invTime, h);
  let ll = h[0], gR = h[1], gAl = h[2], hRR = h[3], hRAl = h[4], hAlAl = h[5];
  const sW2 = h[6], sVdR = h[8], sVdAl = h[10], sV = h[12], sVcB = h[13], hRB = h[9], hAlB = h[11];
  let gB = h[7], hBB = h[14];
  // Every history's w ∇A3 terms, by T: ∇A3 = (−ln(α+T), −(r+x)/(α+T), 0, 0); ∂r∂α A3 = −1/(α+T), ∂α² A3 = (r+x)/(α+T)².
  const perT = order.perT;
  let sL = 0, sXL = 0, sI = 0, sXI = 0, sI2 = 0, sXI2 = 0;
  for (let j = 0; j < nt; j++) {
    const wT = perT[2 * j], wxT = perT[2 * j + 1];
    if (wT === 0) continue;
    const lT = lnTime[j], iT = invTime[j], iT2 = iT * iT;
    sL += wT * lT;
    sXL += wxT * lT;
    sI += wT * iT;
    sXI += wxT * iT;
    sI2 += wT * iT2;
    sXI2 += wxT * iT2;
  }
  ll -= r * sL + sXL;
  gR -= sL;
  gAl -= r * sI + sXI;
  hRAl -= sI;
  hAlAl += r * sI2 + sXI2;
  // The terms of x alone, and r ln α: ∂r = ln α, ∂α = r/α, ∂r∂α = 1/α, ∂α² = −r/α².
  const sums = new Float64Array(7);
  frequencySums(r, a, b, k, data.distinctX, data.weightOfX, sums);
  const W = data.totalWeight;
  ll += sums[0] + W * r * lnAlpha;
  gR += sums[1] + W * lnAlpha;
  gAl += (W * r) / alpha;
  hRAl += W / alpha;
  hAlAl -= (W * r) / (alpha * alpha);
  // ∇A4 − ∇A3 = (lT − lt, rx (iT − it), 1/a, −1/(b+x−1+k)); ∂a² A4 = −1/a², ∂b² A4 = 1/(b+x−1+k)².
  const gA = sums[2] + sW2 * invA;
  gB += sums[3];
  hRR += sums[4];
  const hAA = sums[5] + (sV - sW2) * invA * invA;
  const hAB = sums[5] - sVcB * invA;
  hBB += sums[6];
  const hRA = sVdR * invA, hAlA = sVdAl * invA;
  const phi = [r, alpha, a, b];
  const gPhi = [gR, gAl, gA, gB];
  const hPhi = [hRR, hRAl, hRA, hRB, hRAl, hAlAl, hAlA, hAlB, hRA, hAlA, hAA, hAB, hRB, hAlB, hAB, hBB];
  for (let i = 0; i < 4; i++) {
    grad[i] = phi[i] * gPhi[i];
    for (let j = 0; j < 4; j++) hess[4 * i + j] = phi[i] * phi[j] * hPhi[4 * i + j] + (i === j ? grad[i] : 0);
  }
  return ll;
}

/**
 * A grouping's histories taken frequency by frequency (x = 0 first), with what the passes need
 * that does not depend on the parameters: each run's frequency number and end, the weights and
 * time numbers in that order, and per distinct T the weight and Σ w·x. Made once per grouping
 * ({@link byFrequency}).
 */
export interface ByFrequency {
  /** [Σ w, Σ w·x] of the histories at each distinct time as T. */
  perT: Float64Array;
  /** Frequency number of each run and the run's end (exclusive) in `w`, `TIndex`, `txIndex`. */
  runX: Int32Array;
  runEnd: Int32Array;
  w: Float64Array;
  TIndex: Int32Array;
  txIndex: Int32Array;
  /** Whether the first run is x = 0 (one-time buyers: no mixture in BG/NBD). */
  zeroFirst: boolean;
}

const byFrequencyMade = new WeakMap<GroupedRfm, ByFrequency>();

/** The {@link ByFrequency} order of `data`: a counting sort of the histories by frequency number, stable; remembered per grouping (groupings are not changed once made). O(g). */
export function byFrequency(data: GroupedRfm): ByFrequency {
  const known = byFrequencyMade.get(data);
  if (known !== undefined) return known;
  const { distinctX, xIndex, size } = data;
  const nx = distinctX.length;
  const count = new Int32Array(nx);
  for (let g = 0; g < size; g++) count[xIndex[g]]++;
  let zero = -1;
  for (let i = 0; i < nx; i++) if (distinctX[i] === 0 && count[i] > 0) zero = i;
  const runX = new Int32Array(nx), runEnd = new Int32Array(nx), next = new Int32Array(nx);
  let runs = 0, end = 0;
  for (let i = -1; i < nx; i++) {
    const xi = i < 0 ? zero : i;
    if (xi < 0 || (i >= 0 && xi === zero) || count[xi] === 0) continue;
    next[xi] = end;
    end += count[xi];
    runX[runs] = xi;
    runEnd[runs++] = end;
  }
  const w = new Float64Array(size), TIndex = new Int32Array(size), txIndex = new Int32Array(size);
  const perT = new Float64Array(2 * data.distinctTimes.length);
  for (let g = 0; g < size; g++) {
    const j = next[xIndex[g]]++;
    const wg = data.w[g], Ti = data.TIndex[g];
    w[j] = wg;
    TIndex[j] = Ti;
    txIndex[j] = data.txIndex[g];
    perT[2 * Ti] += wg;
    perT[2 * Ti + 1] += wg * data.x[g];
  }
  const made = { perT, runX: runX.slice(0, runs), runEnd: runEnd.slice(0, runs), w, TIndex, txIndex, zeroFirst: zero >= 0 };
  byFrequencyMade.set(data, made);
  return made;
}

/**
 * The per-history pass of {@link betaGeoLogLikelihoodHessian}, over the histories with the
 * mixture (x > 0, and x = 0 too in MBG/NBD), into `out`: [ll part, ∂r, ∂α, ∂r², ∂r∂α, ∂α², Σ w w2,
 * ∂b, Σ v dR, ∂r∂b, Σ v dAl, ∂α∂b, Σ v, Σ v/(b+x−1+k), ∂b²] with dR = lT − lt,
 * dAl = (r+x)(iT − it), v = w w1 w2. Each frequency's histories are summed by {@link runSums}
 * and its sums scaled by r + x and 1/(b+x−1+k) once. O(g).
 */
function mixtureSums(
  order: ByFrequency,
  distinctX: Float64Array,
  r: number,
  a: number,
  b: number,
  modified: boolean,
  lnTime: Float64Array,
  invTime: Float64Array,
  out: Float64Array,
): void {
  const { runX, runEnd, w, TIndex, txIndex } = order;
  const k = modified ? 1 : 0;
  const lnA = math.log(a);
  const acc = new Float64Array(11);
  let ll = 0, gR = 0, gAl = 0, hRR = 0, hRAl = 0, hAlAl = 0;
  let sW2 = 0, gB = 0, sVdR = 0, hRB = 0, sVdAl = 0, hAlB = 0, sV = 0, sVcB = 0, hBB = 0;
  const first = order.zeroFirst && !modified ? 1 : 0;
  for (let run = first; run < runX.length; run++) {
    const x = distinctX[runX[run]];
    const rx = r + x;
    const bx = b + x - 1 + k;
    runSums(w, TIndex, txIndex, run === 0 ? 0 : runEnd[run - 1], runEnd[run], lnTime, invTime, rx, lnA - math.log(bx), acc);
    // dAl = rx di (di = iT − it): the α sums of the run times rx or rx².
    const s1 = acc[3], pW2 = acc[7], pVdR = acc[8], pVdAl = rx * acc[9], pV = acc[10];
    ll += acc[0];
    gR += acc[1];
    hRR += acc[2];
    gAl += rx * s1;
    hRAl += rx * acc[4] + s1;
    hAlAl += rx * (rx * acc[5] - acc[6]);
    const cB = 1 / bx;
    sW2 += pW2;
    gB -= pW2 * cB;
    sVdR += pVdR;
    hRB -= pVdR * cB;
    sVdAl += pVdAl;
    hAlB -= pVdAl * cB;
    sV += pV;
    sVcB += pV * cB;
    hBB += (pV + pW2) * cB * cB;
  }
  out[0] = ll;
  out[1] = gR;
  out[2] = gAl;
  out[3] = hRR;
  out[4] = hRAl;
  out[5] = hAlAl;
  out[6] = sW2;
  out[7] = gB;
  out[8] = sVdR;
  out[9] = hRB;
  out[10] = sVdAl;
  out[11] = hAlB;
  out[12] = sV;
  out[13] = sVcB;
  out[14] = hBB;
}

/**
 * The sums over histories [from, to) of one frequency (r + x = rx, ln a − ln(b+x−1+k) = lnA4)
 * into `acc`: [Σ w (max(d, 0) + ln(1 + e^{−|d|})), Σ w w2 dR, Σ v dR², Σ w w2 di, Σ v dR di,
 * Σ v di², Σ w w2 di (iT + it), Σ w w2, Σ v dR, Σ v di, Σ v], d = lnA4 + rx dR, dR = lT − lt,
 * di = iT − it, v = w w1 w2. A small function called once per frequency, so that V8, once it has
 * optimised it, runs the optimised code from the next frequency on. O(to − from).
 */
function runSums(
  ws: Float64Array,
  TIndex: Int32Array,
  txIndex: Int32Array,
  from: number,
  to: number,
  lnTime: Float64Array,
  invTime: Float64Array,
  rx: number,
  lnA4: number,
  acc: Float64Array,
): void {
  let ll = 0, gR = 0, hRR = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, pW2 = 0, pVdR = 0, pVdi = 0, pV = 0;
  for (let g = from; g < to; g++) {
    const w = ws[g];
    const Ti = TIndex[g], ti = txIndex[g];
    const lT = lnTime[Ti], iT = invTime[Ti], lt = lnTime[ti], it = invTime[ti];
    const dR = lT - lt;
    // d = A4 − A3; ln(e^A3 + e^A4) = A3 + max(d, 0) + ln(1 + e^{−|d|}).
    const d = lnA4 + rx * dR;
    const e = math.exp(d > 0 ? -d : d);
    const w2 = (d > 0 ? 1 : e) / (1 + e); // the share of the "dropped out after t_x" term
    const ww2 = w * w2;
    const v = (w - ww2) * w2; // w w1 w2
    ll += w * ((d > 0 ? d : 0) + math.log1p(e));
    const di = iT - it;
    const ww2di = ww2 * di, vdR = v * dR, vdi = v * di;
    gR += ww2 * dR;
    hRR += vdR * dR;
    s1 += ww2di;
    s2 += vdR * di;
    s3 += vdi * di;
    s4 += ww2di * (iT + it);
    pW2 += ww2;
    pVdR += vdR;
    pVdi += vdi;
    pV += v;
  }
  acc[0] = ll;
  acc[1] = gR;
  acc[2] = hRR;
  acc[3] = s1;
  acc[4] = s2;
  acc[5] = s3;
  acc[6] = s4;
  acc[7] = pW2;
  acc[8] = pVdR;
  acc[9] = pVdi;
  acc[10] = pV;
}
