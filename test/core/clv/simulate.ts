// A simulator of the BTYD processes for the recovery tests, written from the models' definitions
// and sharing no code with src/ (not src/core/math/random.ts): its own seeded generator
// (mulberry32), its own gamma (Marsaglia & Tsang 2000) and beta samplers, and the purchase
// processes drawn event by event:
// - BG/NBD (Fader, Hardie & Lee 2005, §2): λ ~ Gamma(r, rate α), p ~ Beta(a, b); purchases at the
//   times of a Poisson process of rate λ; after each repeat purchase the customer drops out with
//   probability p (MBG/NBD, Batislam et al. 2007: also right after the first purchase at time 0).
// - Pareto/NBD (Schmittlein, Morrison & Colombo 1987): λ ~ Gamma(r, rate α), μ ~ Gamma(s, rate β);
//   a lifetime ~ Exponential(μ), purchases at rate λ while alive.
// Each customer is observed from the first purchase (time 0) to T; x counts the repeat purchases
// in (0, T], t_x is the time of the last one (0 when x = 0).

/** mulberry32: a 32-bit seeded generator; uniform in (0, 1), never 0. */
export class Mulberry {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (((z ^ (z >>> 14)) >>> 0) + 1) / 4294967297;
  }
  /** Standard normal by the polar method (Marsaglia & Bray 1964). */
  normal(): number {
    for (;;) {
      const u = 2 * this.next() - 1, v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }
  /** Gamma(shape, rate): Marsaglia & Tsang for shape ≥ 1; shape < 1 by Gamma(shape + 1)·U^(1/shape). */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.next(), 1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = this.normal();
      const v0 = 1 + c * z;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      if (Math.log(this.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  }
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    return x / (x + this.gamma(b, 1));
  }
  exponential(rate: number): number {
    return -Math.log(this.next()) / rate;
  }
}

export interface Simulated {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
}

/** T of each customer: uniform between min and max, rounded to whole days when `day` is given (a day in the unit of T). */
export function cohort(rng: Mulberry, n: number, min: number, max: number, day?: number): Float64Array {
  return Float64Array.from({ length: n }, () => {
    const t = min + (max - min) * rng.next();
    return day ? Math.round(t / day) * day : t;
  });
}

/** BG/NBD (or, `modified`, MBG/NBD) histories for customers observed for T[i]. */
export function simulateBgNbd(rng: Mulberry, truth: { r: number; alpha: number; a: number; b: number }, T: Float64Array, modified = false): Simulated {
  const n = T.length;
  const out = { frequency: new Float64Array(n), recency: new Float64Array(n), T: Float64Array.from(T) };
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(truth.r, truth.alpha);
    const p = rng.beta(truth.a, truth.b);
    let x = 0, last = 0;
    let alive = !(modified && rng.next() < p);
    let t = 0;
    while (alive) {
      t += rng.exponential(lambda);
      if (t > T[i]) break;
      x++;
      last = t;
      if (rng.next() < p) alive = false;
    }
    out.frequency[i] = x;
    out.recency[i] = last;
  }
  return out;
}

/** Pareto/NBD histories for customers observed for T[i]. */
export function simulateParetoNbd(rng: Mulberry, truth: { r: number; alpha: number; s: number; beta: number }, T: Float64Array): Simulated {
  const n = T.length;
  const out = { frequency: new Float64Array(n), recency: new Float64Array(n), T: Float64Array.from(T) };
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(truth.r, truth.alpha);
    const mu = rng.gamma(truth.s, truth.beta);
    const end = Math.min(rng.exponential(mu), T[i]);
    let x = 0, last = 0;
    for (let t = rng.exponential(lambda); t <= end; t += rng.exponential(lambda)) {
      x++;
      last = t;
    }
    out.frequency[i] = x;
    out.recency[i] = last;
  }
  return out;
}

/** Histories with the purchases that follow the calibration: see {@link simulateWithHoldout}. */
export interface SimulatedWithHoldout extends Simulated {
  /** Repeat purchases of each customer in (T, T + holdoutLength]. */
  holdout: Float64Array;
  /** Each customer's repeat purchase times in (0, T + holdoutLength], ascending (for other splits of the same histories). */
  times: Float64Array[];
}

export type TruthModel =
  | { model: "bgnbd" | "mbgnbd"; params: { r: number; alpha: number; a: number; b: number } }
  | { model: "paretonbd"; params: { r: number; alpha: number; s: number; beta: number } };

/**
 * Histories drawn as {@link simulateBgNbd} / {@link simulateParetoNbd} but continued past T for a
 * holdout of `holdoutLength`: the calibration summary (x, t_x, T), the holdout repeat purchases
 * and every repeat purchase time. Each customer's process is one draw, so the holdout continues
 * the calibration (a customer who left in calibration buys nothing later).
 */
export function simulateWithHoldout(rng: Mulberry, truth: TruthModel, T: Float64Array, holdoutLength: number): SimulatedWithHoldout {
  const n = T.length;
  const out: SimulatedWithHoldout = { frequency: new Float64Array(n), recency: new Float64Array(n), T: Float64Array.from(T), holdout: new Float64Array(n), times: [] };
  for (let i = 0; i < n; i++) {
    const end = T[i] + holdoutLength;
    const times: number[] = [];
    if (truth.model === "paretonbd") {
      const lambda = rng.gamma(truth.params.r, truth.params.alpha);
      const mu = rng.gamma(truth.params.s, truth.params.beta);
      const death = Math.min(rng.exponential(mu), end);
      for (let t = rng.exponential(lambda); t <= death; t += rng.exponential(lambda)) times.push(t);
    } else {
      const lambda = rng.gamma(truth.params.r, truth.params.alpha);
      const p = rng.beta(truth.params.a, truth.params.b);
      let alive = !(truth.model === "mbgnbd" && rng.next() < p);
      let t = 0;
      while (alive) {
        t += rng.exponential(lambda);
        if (t > end) break;
        times.push(t);
        if (rng.next() < p) alive = false;
      }
    }
    out.times.push(Float64Array.from(times));
    const s = summaryAt(times, T[i]);
    out.frequency[i] = s.x;
    out.recency[i] = s.tx;
    out.holdout[i] = times.length - s.x;
  }
  return out;
}

/** x and t_x of the purchase times up to `cut`. */
/**
 * Every customer's summary with the calibration cut `weeks` before its end (its age T less `weeks`),
 * and the repeat purchases of the last `weeks` held out: an inner holdout within the calibration.
 */
export function summaryCutBefore(sim: { T: ArrayLike<number>; times: ArrayLike<number>[]; frequency: ArrayLike<number> }, weeks: number) {
  const n = sim.T.length;
  const inner = { frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n) };
  const heldOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cut = sim.T[i] - weeks;
    const s = summaryAt(sim.times[i], cut);
    inner.frequency[i] = s.x;
    inner.recency[i] = s.tx;
    inner.T[i] = cut;
    heldOut[i] = sim.frequency[i] - s.x;
  }
  return { inner, heldOut };
}

export function summaryAt(times: ArrayLike<number>, cut: number): { x: number; tx: number } {
  let x = 0, tx = 0;
  for (let k = 0; k < times.length && times[k] <= cut; k++) {
    x++;
    tx = times[k];
  }
  return { x, tx };
}
