// Data that do not identify the dropout of Pareto/NBD or BG/NBD: used to test that fits stop at
// their limits (test/core/clv/limits.test.ts, test/functions/messages.test.ts).
import { Random } from "../../../src/core/math/random";

/** n customers buying at 0.25 a week for their whole observation (39 to 52 weeks), none dropping out. */
export function noChurn(n: number, seed: number): { frequency: number[]; recency: number[]; T: number[] } {
  const rng = new Random(seed);
  const frequency: number[] = [], recency: number[] = [], T: number[] = [];
  for (let i = 0; i < n; i++) {
    const age = 52 - rng.uniform() * 13;
    let t = 0, last = 0, x = 0;
    for (;;) {
      t += rng.exponential(0.25);
      if (t > age) break;
      x++;
      last = t;
    }
    frequency.push(x);
    recency.push(last);
    T.push(age);
  }
  return { frequency, recency, T };
}
