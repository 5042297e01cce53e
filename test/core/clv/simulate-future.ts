// The BG/NBD simulator of ./simulate.ts continued past the end of observation, for the test of the
// aggregate forecast (test/core/clv/forecast.test.ts). Like ./simulate.ts it is written from the
// model's definition (Fader, Hardie & Lee 2005, §2) and shares no code with src/: while alive a
// customer buys at the times of a Poisson process of rate λ ~ Gamma(r, rate α) and drops out
// after each repeat purchase with probability p ~ Beta(a, b).
import { Mulberry, type Simulated } from "./simulate";

/** Histories to T and all customers' purchases after T, counted per period. */
export interface SimulatedFuture extends Simulated {
  /** future[k]: repeat purchases of all customers in (T + k·L, T + (k+1)·L]. */
  future: Float64Array;
}

/**
 * BG/NBD histories to T[i], each customer's process then continued for `periods` periods of
 * length L past T, its purchases counted per period: the truth a forecast of the next periods is
 * judged against. One draw per customer: λ and p are kept past T, and the first purchase after T
 * is the one whose time first exceeded T (the Poisson process has no memory), so a customer who
 * left before T buys nothing later.
 */
export function simulateBgNbdFuture(
  rng: Mulberry,
  truth: { r: number; alpha: number; a: number; b: number },
  T: Float64Array,
  periods: number,
  L: number,
): SimulatedFuture {
  const n = T.length;
  const out = { frequency: new Float64Array(n), recency: new Float64Array(n), T: Float64Array.from(T), future: new Float64Array(periods) };
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(truth.r, truth.alpha);
    const p = rng.beta(truth.a, truth.b);
    const end = T[i] + periods * L;
    let x = 0, last = 0, alive = true, t = 0;
    while (alive) {
      t += rng.exponential(lambda);
      if (t > end) break;
      if (t <= T[i]) {
        x++;
        last = t;
      } else {
        // Period k holds (T + kL, T + (k+1)L]: the ceiling less one, so a purchase at T + L is in period 0.
        out.future[Math.min(Math.ceil((t - T[i]) / L) - 1, periods - 1)]++;
      }
      if (rng.next() < p) alive = false;
    }
    out.frequency[i] = x;
    out.recency[i] = last;
  }
  return out;
}
