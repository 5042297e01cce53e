/**
 * The BG/BB model for discrete purchase opportunities (Fader, Hardie & Shang 2010,
 * "Customer-base analysis in a discrete-time noncontractual setting", Marketing Science 29(6),
 * 1086–1108; cited as FHS 2010): at each of n opportunities an alive customer transacts with
 * probability p ~ Beta(α, β) and, after each opportunity, dies with probability θ ~ Beta(γ, δ).
 * Data are (x transactions, last in period t_x, of n periods), usually grouped with weights —
 * the donations data of FHS 2010 has 22 rows for 11,104 donors.
 *
 * Fitting maximises the likelihood below by BFGS over log-parameters with central-difference
 * gradients (4 parameters, a few dozen rows: analytic derivatives would buy nothing).
 *
 * @example
 *   const fit = bgbb.fit({ frequency, recency, periods, weights });  // donations: α 1.204, β 0.750, γ 0.657, δ 2.783
 */
import { CvaError, ErrorCodes } from "../errors";
import { withNumericalGradient } from "../math/optimize";
import { digamma, logBeta, logGamma, logSumExp } from "../math/special";
import { printedRatioLosesDigits, risingRatio } from "../math/gamma-ratio";
import { checkArg, checkFitOptions, type FitOptions, type FitResult } from "./data";
import { fitLogParameters, fitOutcome, withPenalty } from "./fitting";
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;


/** BG/BB parameters: transaction probability p ~ Beta(alpha, beta), dropout θ ~ Beta(gamma, delta). */
export interface BgBbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

/** Discrete-time summary: transactions x, period of the last t_x, opportunities n, weights. */
export interface BgBbData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  periods: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

/**
 * ln L(α, β, γ, δ | x, t_x, n) for one history (FHS 2010, the BG/BB likelihood, section 3):
 *   L = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)
 *     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α, β) · B(γ+1, δ+t_x+i)/B(γ, δ)
 * (alive through all n opportunities, or died after opportunity t_x + i). O(n − t_x).
 * @example logLikelihood({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 0, 0, 6)
 */
export function logLikelihood(params: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = params;
  const lbab = logBeta(alpha, beta), lbgd = logBeta(gamma, delta);
  const alive = logBeta(alpha + x, beta + n - x) - lbab + logBeta(gamma, delta + n) - lbgd;
  const terms: number[] = [alive];
  for (let i = 0; i <= n - tx - 1; i++) {
    terms.push(logBeta(alpha + x, beta + tx - x + i) - lbab + logBeta(gamma + 1, delta + tx + i) - lbgd);
  }
  return logSumExp(terms);
}

/** The checked rows of a BG/BB summary (weights 1 when none were given). */
export interface BgBbRows {
  x: Float64Array;
  tx: Float64Array;
  n: Float64Array;
  w: Float64Array;
}

/**
 * Σ_i w_i ln L_i at θ = ln(α, β, γ, δ) (the likelihood of {@link logLikelihood}) and, with
 * `grad`, its analytic gradient in θ: ln L_i is the log-sum of terms each of which is a sum of
 * ln B differences, and ∂ ln B(u, v)/∂u = ψ(u) − ψ(u+v), so the gradient is the terms'
 * derivatives averaged with their shares of L_i. O(Σ (n_i − t_x,i)) digamma calls.
 */
export function bgbbLogLikelihood(rows: BgBbRows, theta: ArrayLike<number>, grad: Float64Array | null): number {
  const alpha = math.exp(theta[0]), beta = math.exp(theta[1]), gamma = math.exp(theta[2]), delta = math.exp(theta[3]);
  const p = { alpha, beta, gamma, delta };
  const psiAB = digamma(alpha + beta), psiA = digamma(alpha), psiB = digamma(beta);
  const psiGD = digamma(gamma + delta), psiG = digamma(gamma), psiD = digamma(delta);
  const lbab = logBeta(alpha, beta), lbgd = logBeta(gamma, delta);
  let ll = 0, dA = 0, dB = 0, dG = 0, dD = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const w = rows.w[i];
    if (w === 0) continue;
    const x = rows.x[i], tx = rows.tx[i], n = rows.n[i];
    const l = logLikelihood(p, x, tx, n);
    ll += w * l;
    if (!grad) continue;
    // Term (b, c, d): B(α+x, β+b)/B(α, β) · B(γ+c, δ+d)/B(γ, δ); alive: (n−x, 0, n), died after t_x+i: (t_x−x+i, 1, t_x+i).
    const term = (b: number, c: number, d: number): void => {
      const share = w * math.exp(logBeta(alpha + x, beta + b) - lbab + logBeta(gamma + c, delta + d) - lbgd - l);
      const psiABX = digamma(alpha + beta + x + b), psiGDC = digamma(gamma + delta + c + d);
      dA += share * (digamma(alpha + x) - psiABX - psiA + psiAB);
      dB += share * (digamma(beta + b) - psiABX - psiB + psiAB);
      dG += share * (digamma(gamma + c) - psiGDC - psiG + psiGD);
      dD += share * (digamma(delta + d) - psiGDC - psiD + psiGD);
    };
    term(n - x, 0, n);
    for (let j = 0; j <= n - tx - 1; j++) term(tx - x + j, 1, tx + j);
  }
  if (grad) {
    grad[0] = dA * alpha;
    grad[1] = dB * beta;
    grad[2] = dG * gamma;
    grad[3] = dD * delta;
  }
  return ll;
}

/**
 * Checks a BG/BB summary: equal lengths, whole x ≤ t_x ≤ n (x = 0 exactly when t_x = 0), weights ≥ 0.
 * @throws CvaError MISSING, INCONSISTENT_DATA or OUT_OF_RANGE naming the row.
 */
export function bgbbRows(data: BgBbData): BgBbRows {
  const len = data.frequency.length;
  for (const [name, col] of [["recency", data.recency], ["periods", data.periods], ["weights", data.weights]] as const) {
    if (col && col.length !== len) {
      throw CvaError.keyed(ErrorCodes.InconsistentData, "data.lengthMismatch", { arg: name, count: col.length, otherArg: "frequency", otherCount: len }, { argument: name });
    }
  }
  if (len === 0) throw CvaError.keyed(ErrorCodes.Missing, "data.noCustomers");
  const x = Float64Array.from(data.frequency), tx = Float64Array.from(data.recency), n = Float64Array.from(data.periods);
  const w = data.weights ? Float64Array.from(data.weights) : new Float64Array(len).fill(1);
  for (let i = 0; i < len; i++) {
    const row = { row: i + 1 };
    for (const [name, v] of [["frequency", x[i]], ["recency", tx[i]], ["periods", n[i]]] as const) {
      if (!Number.isInteger(v) || v < 0) {
        throw CvaError.keyed(ErrorCodes.OutOfRange, "data.notWholeAt", { row: i + 1, arg: name, got: v }, { ...row, column: name });
      }
    }
    if (!(w[i] >= 0) || !Number.isFinite(w[i])) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: i + 1, arg: "weights", got: w[i] }, { ...row, column: "weights" });
    }
    if (tx[i] > n[i] || x[i] > tx[i] || (x[i] === 0) !== (tx[i] === 0)) {
      throw CvaError.keyed(ErrorCodes.InconsistentData, "bgbb.inconsistentAt", { row: i + 1, x: x[i], recency: tx[i], periods: n[i] }, row);
    }
  }
  return { x, tx, n, w };
}

/**
 * Fits BG/BB by maximum likelihood. O(rows · n) per evaluation.
 * @throws CvaError OUT_OF_RANGE / INCONSISTENT_DATA for bad rows; DEGENERATE_DATA when nobody
 *   transacts or there is a single history.
 * @example bgbb.fit({ frequency: [0, 1, 6], recency: [0, 1, 6], periods: [6, 6, 6], weights: [3464, 1091, 1203] })
 */
export function fit(data: BgBbData, options: FitOptions = {}): FitResult<BgBbParams> {
  const opts = checkFitOptions(options);
  const { x, tx, n, w } = bgbbRows(data);
  let W = 0, repeat = 0, distinct = 0;
  for (let i = 0; i < x.length; i++) {
    W += w[i];
    if (x[i] > 0) repeat += w[i];
    if (w[i] > 0) distinct++;
  }
  if (repeat === 0) throw CvaError.keyed(ErrorCodes.DegenerateData, "fit.nobodyRepeats", { model: "BG/BB" });
  if (distinct < 2) throw CvaError.keyed(ErrorCodes.DegenerateData, "fit.sameHistory", { model: "BG/BB" });
  const total = (theta: ArrayLike<number>): number => {
    const p = { alpha: math.exp(theta[0]), beta: math.exp(theta[1]), gamma: math.exp(theta[2]), delta: math.exp(theta[3]) };
    let ll = 0;
    for (let i = 0; i < x.length; i++) if (w[i] > 0) ll += w[i] * logLikelihood(p, x[i], tx[i], n[i]);
    return ll;
  };
  const nll = withPenalty(withNumericalGradient((t) => -total(t) / W, 1e-5), opts.penalizer);
  // Central differences resolve the gradient to ~1e-10: tolerance 1e-7.
  const res = fitLogParameters(nll, [[1, 1, 1, 1], [0.5, 0.5, 0.5, 3]], ["alpha", "beta", "gamma", "delta"], {
    ...opts,
    tolerance: math.max(opts.tolerance, 1e-7),
    model: "BG/BB",
  });
  const t = res.logParams;
  return {
    params: { alpha: math.exp(t[0]), beta: math.exp(t[1]), gamma: math.exp(t[2]), delta: math.exp(t[3]) },
    customers: W,
    groups: x.length,
    ...fitOutcome(res, total(t)),
  };
}

/**
 * P(alive at opportunity n + m | x, t_x, n) (FHS 2010, P(alive) expression; m = 1 is "alive in
 * the next period"):  B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+m)/B(γ, δ) / L.  O(n − t_x).
 * @example probabilityAlive({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 6, 6, 6)
 */
export function probabilityAlive(params: BgBbParams, x: number, tx: number, n: number, m = 1): number {
  const { alpha, beta, gamma, delta } = params;
  const l = logBeta(alpha + x, beta + n - x) - logBeta(alpha, beta) + logBeta(gamma, delta + n + m) - logBeta(gamma, delta);
  return math.min(1, math.exp(l - logLikelihood(params, x, tx, n)));
}

/**
 * E[X(n, n + n*) | x, t_x, n]: expected transactions in the next n* opportunities (FHS 2010,
 * conditional expectation):
 *   1/L · B(α+x+1, β+n−x)/B(α, β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
 *       · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]
 * Where the four ln Γ lose digits (δ + n past 20, γ near 1 where the bracket is 0/0) the
 * ratios are taken as products ({@link risingRatio}); elsewhere γ = 1 ± 1e-9 is moved to 1 + 1e-9.
 * O(n − t_x), plus O(n + n*) on the product path.
 * @example expectedPurchases({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 5, 6, 6, 6)
 */
export function expectedPurchases(params: BgBbParams, nStar: number, x: number, tx: number, n: number): number {
  checkArg("periods ahead", nStar, 0);
  const { alpha, beta, delta } = params;
  if (printedRatioLosesDigits(params.gamma, delta + n)) {
    const first = risingRatio(params.gamma, delta, n), next = risingRatio(params.gamma, delta + n, nStar);
    if (first && next) {
      const head = logBeta(alpha + x + 1, beta + n - x) - logBeta(alpha, beta) - logLikelihood(params, x, tx, n);
      return math.exp(head + first.log) * delta * next.gap;
    }
  }
  let gamma = params.gamma;
  if (math.abs(gamma - 1) < 1e-9) gamma = 1 + 1e-9;
  const lead = logBeta(alpha + x + 1, beta + n - x) - logBeta(alpha, beta) + logGamma(gamma + delta) - logGamma(1 + delta) - logLikelihood(params, x, tx, n);
  const g1 = logGamma(1 + delta + n) - logGamma(gamma + delta + n);
  const g2 = logGamma(1 + delta + n + nStar) - logGamma(gamma + delta + n + nStar);
  // [e^{g1} − e^{g2}]·δ/(γ−1) = e^{g1}·(−expm1(g2−g1))·δ/(γ−1): both factors change sign with γ − 1.
  return math.exp(lead + g1) * (-math.expm1(g2 - g1) * delta) / (gamma - 1);
}

/**
 * E[X(n)]: expected transactions of a new customer in the first n opportunities (FHS 2010):
 *   α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(γ+δ+n)Γ(1+δ))].  O(1); O(n) where δ is past 20
 * or γ near 1, where the bracket is taken as a product ({@link risingRatio}).
 * @example expectedPurchasesUnconditional({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 6)
 */
export function expectedPurchasesUnconditional(params: BgBbParams, n: number): number {
  checkArg("periods", n, 0);
  const { alpha, beta, delta } = params;
  if (printedRatioLosesDigits(params.gamma, delta)) {
    const ratio = risingRatio(params.gamma, delta, n);
    if (ratio) return (alpha / (alpha + beta)) * delta * ratio.gap;
  }
  let gamma = params.gamma;
  if (math.abs(gamma - 1) < 1e-9) gamma = 1 + 1e-9;
  const lr = logGamma(gamma + delta) + logGamma(1 + delta + n) - logGamma(gamma + delta + n) - logGamma(1 + delta);
  return (alpha / (alpha + beta)) * ((-math.expm1(lr) * delta) / (gamma - 1));
}

