/**
 * The horizon sums of the grouped scoring (src/core/clv/score-horizon.ts): E[Y(t_i) | alive at T, x]
 * at the months of the horizon and their discounted increments, per (x, T) pair, against the
 * direct sums of the model's own expectedPurchasesIfAlive (FHL 2005 eq. 10; Batislam et al. 2007)
 * to 1e-12 relative, for every third day of a year in weeks and x = 0…30, 24 months at 1 % a month. A
 * frequency with many pairs is tabulated in s = ln(t/(α+T)) (far fewer 2F1s than pairs × months);
 * MBG/NBD with a near 1, whose direct E scatters by ~1e-12 from rounding (C/(a−1) is −300), cannot
 * be tabulated to 1e-13 and is tabulated to 1e-11: held to the direct sums to 1e-11 and, with the
 * direct sums, to an Euler-transformed series of E that has no 1/(a−1) cancellation (below).
 */
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import * as paretonbd from "../../../src/core/clv/paretonbd";
import { HorizonSums } from "../../../src/core/clv/score-horizon";

const perMonth = 365.25 / 12 / 7;
const horizon = 24;
const discount = new Float64Array(horizon + 1);
for (let i = 1; i <= horizon; i++) discount[i] = 1.01 ** -i;
const direct_ = (f: (t: number) => number) => {
  let prev = 0, acc = 0;
  for (let i = 1; i <= horizon; i++) {
    const cur = f(i * perMonth);
    acc += (cur - prev) * discount[i];
    prev = cur;
  }
  return [prev, acc];
};
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe.each([
  ["BG/NBD", bgnbd.expectedPurchasesIfAlive, { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 }, true],
  ["MBG/NBD", mbgnbd.expectedPurchasesIfAlive, { r: 0.55, alpha: 3.2, a: 0.9, b: 1.6 }, true],
  ["MBG/NBD with a = 0.997", mbgnbd.expectedPurchasesIfAlive, { r: 0.48, alpha: 6.12, a: 0.997, b: 2.16 }, false],
] as const)("HorizonSums for %s", (_name, ifAlive, params, exact) => {
  const tolerance = exact ? 1e-12 : 1e-11;
  it(`every (x, T) pair as the direct sums, to ${tolerance} relative (tabulated)`, () => {
    let calls = 0;
    // 2,000 customers of each frequency over 365 days of age: every frequency earns its table.
    const h = new HorizonSums((q, t, x, T) => (calls++, ifAlive(q, t, x, T)), params, params.alpha, perMonth, discount, 52, new Int32Array(31).fill(2000), 365);
    let worst = 0, pairs = 0;
    for (let x = 0; x <= 30; x++) {
      for (let day = 0; day <= 364; day += 3) {
        const T = day / 7;
        h.sums(x, T);
        const [e, acc] = direct_((t) => ifAlive(params, t, x, T));
        worst = Math.max(worst, rel(h.out[0], e), rel(h.out[1], acc));
        pairs++;
      }
    }
    expect(worst).toBeLessThan(tolerance);
    expect(worst).toBeGreaterThan(exact ? 0 : 1e-13); // interpolated, not the same arithmetic (near a = 1, beyond E's scatter)
    expect(calls).toBeLessThan((pairs * horizon) / 5);
  });
});

/**
 * MBG/NBD's E without its 1/(a−1) cancellation: with A = r+x, C = a+b+x, z = t/(α+T+t), L = ln(1−z),
 * Euler's transformation 2F1(A, b+x+1; C; z) = (1−z)^{C−A−b−x−1} 2F1(C−A, a−1; C; z) and
 * (a−1)_k = (a−1)·(a)_{k−1} give
 *   E = C · [(1 − e^{(a−1)L})/(a−1) − e^{(a−1)L} · S],  S = Σ_{k≥1} (C−A)_k (a)_{k−1} / ((C)_k k!) z^k,
 * whose terms are all positive. (At a = 0.9 it agrees with mbgnbd's E to 1e-13.)
 */
function mbgReference(q: { r: number; alpha: number; a: number; b: number }, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = q;
  const z = t / (alpha + T + t), C = a + b + x, A = r + x, L = Math.log1p(-z);
  let term = ((C - A) / C) * z, S = 0;
  for (let k = 1; term > 1e-18 * S || k < 3; k++) {
    S += term;
    term *= (((C - A + k) * (a + k - 1)) / ((C + k) * (k + 1))) * z;
  }
  return C * (-Math.expm1((a - 1) * L) / (a - 1) - Math.exp((a - 1) * L) * S);
}

it("MBG/NBD near a = 1: the sums tabulated to 1e-11 are as close to the series without cancellation as the direct sums", () => {
  const near = { r: 0.48, alpha: 6.12, a: 0.997, b: 2.16 }, usual = { r: 0.55, alpha: 3.2, a: 0.9, b: 1.6 };
  expect(rel(mbgnbd.expectedPurchasesIfAlive(usual, 20, 3, 10), mbgReference(usual, 20, 3, 10))).toBeLessThan(1e-13);
  const h = new HorizonSums(mbgnbd.expectedPurchasesIfAlive, near, near.alpha, perMonth, discount, 52, new Int32Array(31).fill(2000), 365);
  let tabulated = 0, direct = 0;
  for (let x = 0; x <= 30; x += 3) {
    for (let day = 0; day <= 364; day += 13) {
      const T = day / 7;
      h.sums(x, T);
      const [e, acc] = direct_((t) => mbgReference(near, t, x, T));
      const [de, dacc] = direct_((t) => mbgnbd.expectedPurchasesIfAlive(near, t, x, T));
      tabulated = Math.max(tabulated, rel(h.out[0], e), rel(h.out[1], acc));
      direct = Math.max(direct, rel(de, e), rel(dacc, acc));
    }
  }
  expect(direct).toBeGreaterThan(1e-13); // the scatter that rules out 1e-13
  expect(tabulated).toBeLessThan(1e-11);
  expect(tabulated).toBeLessThan(3 * direct);
});

it("months outside the tabulated range (T beyond the ages, below 0) are summed directly, a non-whole x entirely", () => {
  const params = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
  const h = new HorizonSums(bgnbd.expectedPurchasesIfAlive, params, params.alpha, perMonth, discount, 10, Int32Array.of(0, 500), 71);
  for (let k = 0; k < 100; k++) h.sums(1, k / 10); // x = 1 tabulated for T from 0 to 10
  for (const [x, T] of [[1, 30], [1, -0.1], [1, 1000]]) {
    h.sums(x, T);
    const [e, acc] = direct_((t) => bgnbd.expectedPurchasesIfAlive(params, t, x, T));
    expect(rel(h.out[0], e)).toBeLessThan(1e-12);
    expect(rel(h.out[1], acc)).toBeLessThan(1e-12);
  }
  h.sums(1.5, 5);
  expect([h.out[0], h.out[1]]).toEqual(direct_((t) => bgnbd.expectedPurchasesIfAlive(params, t, 1.5, 5)));
});

it("a frequency with too few customers for its table is summed directly, one with many tabulated", () => {
  const params = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
  let calls = 0;
  // s from ln(τ/(α+52)) to ln(24τ/α), 5.73 wide: 23 cells of 10 points. 8 customers over 365 days
  // have about 8 pairs × 24 months = 192 values, under twice the table's 230 points; 5,000 have
  // nearly all 365 ages, 8,760 values.
  const h = new HorizonSums((q, t, x, T) => (calls++, bgnbd.expectedPurchasesIfAlive(q, t, x, T)), params, params.alpha, perMonth, discount, 52, Int32Array.of(8, 5000), 365);
  h.sums(0, 10);
  expect(calls).toBe(horizon);
  expect([h.out[0], h.out[1]]).toEqual(direct_((t) => bgnbd.expectedPurchasesIfAlive(params, t, 0, 10)));
  h.sums(1, 10);
  expect(calls).toBe(horizon + 230);
  h.sums(1, 11);
  expect(calls).toBe(horizon + 230);
});

it("Pareto/NBD: sums worked out once per age and scaled by (r+x)/r, as the direct sums to 1e-12", () => {
  const params = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
  let calls = 0;
  const h = HorizonSums.linear((q, t, x, T) => (calls++, paretonbd.expectedPurchasesIfAlive(q, t, x, T)), params, params.r, perMonth, discount);
  let worst = 0;
  for (let x = 0; x <= 30; x += 5) {
    for (let day = 0; day <= 364; day += 7) {
      h.sums(x, day / 7);
      const [e, acc] = direct_((t) => paretonbd.expectedPurchasesIfAlive(params, t, x, day / 7));
      worst = Math.max(worst, rel(h.out[0], e), rel(h.out[1], acc));
    }
  }
  expect(worst).toBeLessThan(1e-12);
  expect(calls).toBe(53 * horizon); // 53 ages, whatever the frequency
});
