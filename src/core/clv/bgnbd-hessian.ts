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
import { digamma, logGamma } from "../math/special";
import { trigamma } from "../math/trigamma";
import type { GroupedRfm } from "./data";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times.
const math = globalThis.Math;

/**
 * Σ_g w_g ln L_g at θ = ln(r, α, a, b), its gradient in θ (into `grad`) and its Hessian in θ
 * (into `hess`, 4×4 row-major). O(g) with one exp and one log1p per distinct history, as the
 * value alone; about twice its cost.
 */
export function betaGeoLogLikelihoodHessian(data: GroupedRfm, theta: ArrayLike<number>, grad: Float64Array, hess: Float64Array, modified: boolean): number {
  const r = math.exp(theta[0]), alpha = math.exp(theta[1]), a = math.exp(theta[2]), b = math.exp(theta[3]);
  const k = modified ? 1 : 0;
  const nx = data.distinctX.length;
  const A12 = new Float64Array(nx);
  const lnA4 = new Float64Array(nx);
  const invB = new Float64Array(nx);
  const lnAlpha = math.log(alpha), lnA = math.log(a);
  const base = -logGamma(r) + r * lnAlpha + logGamma(a + b) - logGamma(b);
  const psiR = digamma(r), psiAB = digamma(a + b), psiB = digamma(b);
  const triR = trigamma(r), triAB = trigamma(a + b), triB = trigamma(b);
  // Gradient (gR … gB) and Hessian (hRR, hRAl, …) in φ.
  let gR = 0, gAl = 0, gA = 0, gB = 0;
  let hRR = 0, hRAl = 0, hAlAl = 0, hRA = 0, hRB = 0, hAlA = 0, hAlB = 0, hAA = 0, hAB = 0, hBB = 0;
  let W = 0;
  for (let i = 0; i < nx; i++) {
    const x = data.distinctX[i];
    const wx = data.weightOfX[i];
    A12[i] = base + logGamma(r + x) + logGamma(b + x + k) - logGamma(a + b + x + k);
    invB[i] = 1 / (b + x - 1 + k);
    lnA4[i] = lnA - math.log(b + x - 1 + k);
    const psiABX = digamma(a + b + x + k), triABX = trigamma(a + b + x + k);
    W += wx;
    gR += wx * (digamma(r + x) - psiR);
    gA += wx * (psiAB - psiABX);
    gB += wx * (psiAB + digamma(b + x + k) - psiB - psiABX);
    hRR += wx * (trigamma(r + x) - triR);
    hAA += wx * (triAB - triABX);
    hAB += wx * (triAB - triABX);
    hBB += wx * (triAB + trigamma(b + x + k) - triB - triABX);
  }
  // r ln α: ∂r = ln α, ∂α = r/α, ∂r∂α = 1/α, ∂α² = −r/α².
  gR += W * lnAlpha;
  gAl += (W * r) / alpha;
  hRAl += W / alpha;
  hAlAl -= (W * r) / (alpha * alpha);
  const times = data.distinctTimes;
  const nt = times.length;
  const lnTime = new Float64Array(nt), invTime = new Float64Array(nt);
  for (let j = 0; j < nt; j++) {
    lnTime[j] = math.log(alpha + times[j]);
    invTime[j] = 1 / (alpha + times[j]);
  }
  let ll = 0;
  // Σ w·w2 and Σ w·w1·w2: the a-derivatives of A4 are constant (1/a, −1/a²).
  let sW2 = 0;
  const invA = 1 / a;
  for (let g = 0; g < data.size; g++) {
    const w = data.w[g];
    if (w === 0) continue;
    const x = data.x[g];
    const xi = data.xIndex[g];
    const rx = r + x;
    const Ti = data.TIndex[g];
    const lT = lnTime[Ti], iT = invTime[Ti];
    const A3 = -rx * lT;
    if (x > 0 || modified) {
      const ti = data.txIndex[g];
      const lt = lnTime[ti], it = invTime[ti];
      const A4 = lnA4[xi] - rx * lt;
      const d = A4 - A3;
      const e = math.exp(d > 0 ? -d : d);
      ll += w * (A12[xi] + (d > 0 ? A4 : A3) + math.log1p(e));
      const w2 = d > 0 ? 1 / (1 + e) : e / (1 + e);
      const w1 = 1 - w2;
      const cB = invB[xi];
      gR -= w * (w1 * lT + w2 * lt);
      gAl -= w * rx * (w1 * iT + w2 * it);
      sW2 += w * w2;
      gB -= w * w2 * cB;
      // ∇A4 − ∇A3 = (lT − lt, rx (iT − it), 1/a, −1/(b+x−1+k)).
      const dR = lT - lt, dAl = rx * (iT - it);
      const v = w * w1 * w2;
      hRR += v * dR * dR;
      hRAl += v * dR * dAl - w * (w1 * iT + w2 * it);
      hAlAl += v * dAl * dAl + w * rx * (w1 * iT * iT + w2 * it * it);
      hRA += v * dR * invA;
      hRB -= v * dR * cB;
      hAlA += v * dAl * invA;
      hAlB -= v * dAl * cB;
      hAA += (v - w * w2) * invA * invA;
      hAB -= v * invA * cB;
      hBB += (v + w * w2) * cB * cB;
    } else {
      ll += w * (A12[xi] + A3);
      gR -= w * lT;
      gAl -= w * rx * iT;
      hRAl -= w * iT;
      hAlAl += w * rx * iT * iT;
    }
  }
  gA += sW2 * invA;
  const phi = [r, alpha, a, b];
  const gPhi = [gR, gAl, gA, gB];
  const hPhi = [hRR, hRAl, hRA, hRB, hRAl, hAlAl, hAlA, hAlB, hRA, hAlA, hAA, hAB, hRB, hAlB, hAB, hBB];
  for (let i = 0; i < 4; i++) {
    grad[i] = phi[i] * gPhi[i];
    for (let j = 0; j < 4; j++) hess[4 * i + j] = phi[i] * phi[j] * hPhi[4 * i + j] + (i === j ? grad[i] : 0);
  }
  return ll;
}
