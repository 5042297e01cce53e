/**
 * A small seeded random source for simulations (tests, benchmarks): the xoshiro128** generator
 * (Blackman & Vigna 2018) seeded by splitmix32, with exponential, normal, gamma
 * (Marsaglia & Tsang 2000), beta and Poisson samplers. Same seed → same stream on every platform.
 * Each draw is O(1) (Poisson by inversion in O(λ), by exponential gaps).
 */
// Module-local alias: global lookups are slow in jest's VM context (`Math.log` ~10× slower) and
// these loops run millions of times. Lower case: a module-level `const Math` would shadow the
// global that mutation-testing instrumentation reads before this line runs.
const math = globalThis.Math;

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @example new Random(42).uniform() // the same number on every run */
  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A uniform number in (0, 1), never exactly 0 or 1. */
  uniform(): number {
    const result = math.imul(rotl(math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return (result + 0.5) / 4294967296;
  }

  /** Exponential with the given rate. */
  exponential(rate: number): number {
    return -math.log(this.uniform()) / rate;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return math.sqrt(-2 * math.log(this.uniform())) * math.cos(2 * math.PI * this.uniform());
  }

  /** Gamma with shape k and rate θ (mean k/θ); Marsaglia–Tsang, boosted for k < 1. */
  gamma(shape: number, rate = 1): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (
        // Stryker disable next-line EqualityOperator: v is 1 + c·x with x a continuous normal draw; v = 0 exactly has probability 0
        v <= 0
      );
      v = v * v * v;
      const u = this.uniform();
      // Stryker disable next-line EqualityOperator: u is continuous, so equality has probability 0
      if (math.log(u) < 0.5 * x * x + d - d * v + d * math.log(v)) return (d * v) / rate;
    }
  }

  /** Beta(a, b) as G_a / (G_a + G_b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Simulates BG/NBD customers (FHL 2005 section 2 assumptions) observed for T each: returns
 * frequency, recency and T. With `resolution`, times are rounded down to multiples of it
 * (e.g. 1/7 for whole days in weeks), as real summaries are. O(n · purchases).
 * @example simulateBgNbd(new Random(1), { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, [39, 39])
 */
export function simulateBgNbd(
  rng: Random,
  params: { r: number; alpha: number; a: number; b: number },
  T: ArrayLike<number>,
  resolution = 0,
  modified = false,
): { frequency: Float64Array; recency: Float64Array; T: Float64Array } {
  const n = T.length;
  const frequency = new Float64Array(n), recency = new Float64Array(n), Tout = new Float64Array(n);
  const snap = (t: number) => (resolution > 0 ? math.floor(t / resolution) * resolution : t);
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(params.r, params.alpha);
    const p = rng.beta(params.a, params.b);
    const Ti = snap(T[i]);
    let t = 0, x = 0, last = 0;
    // MBG/NBD: may also drop out at time 0, right after the first purchase.
    // Stryker disable next-line EqualityOperator: u = p exactly has probability 0 (both continuous draws)
    let alive = !(modified && rng.uniform() < p);
    while (alive) {
      t += rng.exponential(lambda);
      // Stryker disable next-line EqualityOperator: t is a sum of continuous exponential gaps; t = T exactly has probability 0
      if (t > Ti) break;
      const ts = snap(t);
      // Stryker disable next-line ConditionalExpression: without rounding ts = t, which rises by a positive gap each step, so ts > last already holds
      if (ts > last || resolution === 0) {
        x++;
        last = ts;
      }
      // Stryker disable next-line EqualityOperator: u = p exactly has probability 0 (both continuous draws)
      if (rng.uniform() < p) alive = false;
    }
    frequency[i] = x;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with no repeat purchase last is still 0, so both arms agree
    recency[i] = x > 0 ? last : 0;
    Tout[i] = Ti;
  }
  return { frequency, recency, T: Tout };
}
