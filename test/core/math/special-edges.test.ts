/**
 * The special functions at the edges of their branches (src/core/math/special.ts): where
 * logGamma switches from Lanczos to Stirling and to reflection, digamma's recurrence, the
 * log-space sums' infinite arguments, every guard and transformation of 2F1 (the Euler form of
 * scaled2F1, its rescaling past 1e200, the connection formula near z = 1 and its gradient, the
 * non-converging series) and both sides of the incomplete beta's symmetry. Expected values from
 * mpmath 1.3 at 40 digits (mp.dps = 40: loggamma, digamma, hyp2f1, diff, betainc with
 * regularized=True), rounded to 16 digits; the few hand-worked ones are shown in comments.
 */
import { digamma, log2F1, log2F1WithGradient, logAddExp, logGamma, logSubExp, logSumExp, regularizedIncompleteBeta, scaled2F1 } from "../../../src/core/math/special";

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe("logGamma and digamma at their branch edges (mpmath loggamma, digamma)", () => {
  it.each([
    [0.25, 1.288022524698077],
    [0.5, 0.5723649429247001],
    [9.999, 12.799575780077411],
    [10, 12.80182748008147],
    [1e-8, 18.420680738180209],
  ])("logGamma(%p) = %p to 1e-13", (x, v) => close(logGamma(x), v, 1e-13));
  it("logGamma and digamma are NaN at 0 and below", () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2.5)).toBeNaN();
  });
  it.each([
    [1e-3, -1000.5755719318103],
    [9.5, 2.197737876402950],
    [10, 2.251752589066721],
    [25, 3.198742512851974],
  ])("digamma(%p) = %p to 1e-13", (x, v) => close(digamma(x), v, 1e-13));
});

describe("log-space sums with infinite and ordered arguments (hand-worked)", () => {
  it("logAddExp: −∞ on either side returns the other; the order of a and b does not matter", () => {
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(3, -Infinity)).toBe(3);
    // ln(e² + e⁵) = 5 + ln(1 + e⁻³)
    close(logAddExp(2, 5), 5 + Math.log1p(Math.exp(-3)), 1e-15);
    close(logAddExp(5, 2), 5 + Math.log1p(Math.exp(-3)), 1e-15);
  });
  it("logSubExp: b = −∞ returns a, a < b is −∞, and both formulas of ln(1 − e^d) agree with the plain one", () => {
    expect(logSubExp(3, -Infinity)).toBe(3);
    expect(logSubExp(1, 2)).toBe(-Infinity);
    close(logSubExp(0, -0.1), Math.log(1 - Math.exp(-0.1)), 1e-13); // d = −0.1 > −ln 2
    close(logSubExp(0, -2), Math.log(1 - Math.exp(-2)), 1e-15); // d = −2 < −ln 2
    close(logSubExp(10, 10 - Math.LN2), 10 + Math.log(0.5), 1e-15); // d = −ln 2 exactly: ln(1 − ½)
  });
  it("logSumExp: empty is −∞, a +∞ entry is +∞, and ln(e¹ + e² + e³) = 3 + ln(1 + e⁻¹ + e⁻²)", () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([0, Infinity, 1])).toBe(Infinity);
    close(logSumExp([1, 2, 3]), 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), 1e-15);
    close(logSumExp(new Float64Array([3, 2, 1])), 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), 1e-15);
  });
});

describe("log2F1 guards and the connection formula (mpmath hyp2f1)", () => {
  it("is NaN outside 0 ≤ z < 1 or for c ≤ 0, and 0 (2F1 = 1) when z, a or b is 0", () => {
    expect(log2F1(1, 1, 2, -0.1)).toBeNaN();
    expect(log2F1(1, 1, 2, 1)).toBeNaN();
    expect(log2F1(1, 1, 0, 0.5)).toBeNaN();
    expect(log2F1(1, 1, -0.5, 0.5)).toBeNaN();
    expect(log2F1(1, 1, 2, 0)).toBe(0);
    expect(log2F1(0, 1, 2, 0.5)).toBe(0);
    expect(log2F1(1, 0, 2, 0.5)).toBe(0);
  });
  it("ln 2F1(0.8, 2.3; 1.7; 0.96) = 4.027509497590824 (c − a − b = −1.4, not an integer) to 1e-10", () => {
    close(log2F1(0.8, 2.3, 1.7, 0.96), 4.027509497590824, 1e-10);
  });
  it("the gradient near z = 1 by central differences: 2F1(2.5, 1.5; 4.2; 0.97), each within 1e-6 relative", () => {
    const g = new Float64Array(4);
    close(log2F1WithGradient(2.5, 1.5, 4.2, 0.97, g), 2.062869486397309, 1e-10);
    const want = [1.360778212188648, 1.803824281942481, -1.010068922428740, 11.17637533084971];
    for (let i = 0; i < 4; i++) close(g[i], want[i], 1e-6);
  });
  it("log2F1WithGradient outside its domain is NaN with a NaN gradient", () => {
    const g = new Float64Array(4);
    expect(log2F1WithGradient(1, 1, 2, 1, g)).toBeNaN();
    expect(Array.from(g).every(Number.isNaN)).toBe(true);
    const h = new Float64Array(4);
    expect(log2F1WithGradient(1, 1, 0, 0.5, h)).toBeNaN();
    expect(Array.from(h).every(Number.isNaN)).toBe(true);
  });
  it("a series that does not settle within 50,000 terms is NaN, gradient too: 2F1(200000.5, 200000.5; 1; 0.9)", () => {
    // the terms grow until k ≈ a·z/(1 − z) ≈ 1.8e6, far past the limit
    const g = new Float64Array(4);
    expect(log2F1WithGradient(200000.5, 200000.5, 1, 0.9, g)).toBeNaN();
    expect(Array.from(g).every(Number.isNaN)).toBe(true);
    expect(log2F1(200000.5, 200000.5, 1, 0.9)).toBeNaN();
  });
});

describe("scaled2F1 with a negative c (mpmath hyp2f1)", () => {
  it("2F1(−0.5, 3; −0.2; 0.3) = 4.673327951133566 by the Euler form (|c−a|·|c−b| = 0.96 < |a·b| = 1.5)", () => {
    close(scaled2F1(-0.5, 3, -0.2, 0.3, 0), 4.673327951133566, 1e-10);
  });
  it("keeps the sign: 2F1(1, 1; −0.5; 0.9) = −1271.727075642586, and e^{−3} times it", () => {
    close(scaled2F1(1, 1, -0.5, 0.9, 0), -1271.727075642586, 1e-10);
    close(scaled2F1(1, 1, -0.5, 0.9, -3), -1271.727075642586 * Math.exp(-3), 1e-10);
  });
  it("rescales past 1e200: 2F1(200, 200; −0.5; 0.9) = −e^{1194.625019938650}, returned times e^{−1190}", () => {
    close(scaled2F1(200, 200, -0.5, 0.9, -1190), -Math.exp(1194.625019938650 - 1190), 1e-10);
  });
  it("with c > 0 it is e^{prefactor + log2F1}: 2F1(1, 1; 2; 0.5) = 2 ln 2", () => {
    close(scaled2F1(1, 1, 2, 0.5, Math.log(3)), 3 * 2 * Math.LN2, 1e-14);
  });
  it("is NaN for a non-positive integer c, z outside [0, 1), or a series that does not converge in 50,000 terms", () => {
    expect(scaled2F1(1, 1, -1, 0.5, 0)).toBeNaN();
    expect(scaled2F1(1, 1, -0.5, 1, 0)).toBeNaN();
    expect(scaled2F1(1, 1, -0.5, -0.2, 0)).toBeNaN();
    expect(scaled2F1(1, 1, -0.5, 1 - 1e-9, 0)).toBeNaN();
  });
});

describe("regularizedIncompleteBeta on both sides of its symmetry (mpmath betainc)", () => {
  it.each([
    // I_0.3(2, 3) = Σ_{j=2}^{4} C(4, j) 0.3^j 0.7^{4−j} = 0.2646 + 0.0756 + 0.0081 = 0.3483
    [0.3, 2, 3, 0.3483],
    [0.999, 0.5, 0.5, 0.9798649583666225],
    [0.41, 40, 60, 0.5857757938009623],
  ])("I_%p(%p, %p) = %p to 1e-12", (x, a, b, v) => close(regularizedIncompleteBeta(x, a, b), v, 1e-12));
  it("is 0 at or below x = 0 and 1 at or above x = 1", () => {
    expect(regularizedIncompleteBeta(-0.1, 2, 2)).toBe(0);
    expect(regularizedIncompleteBeta(1.5, 2, 2)).toBe(1);
  });
});

describe("the log-space sums where a shortcut or the other formula would be wrong (hand-worked, mpmath)", () => {
  it("logAddExp: both −∞ is −∞, +∞ on either side is +∞, and 1000 with 0 is 1000 whichever comes first (e^1000 would overflow)", () => {
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logAddExp(Infinity, 3)).toBe(Infinity);
    expect(logAddExp(3, Infinity)).toBe(Infinity);
    expect(logAddExp(0, 1000)).toBe(1000);
    expect(logAddExp(1000, 0)).toBe(1000);
  });
  it("logSubExp: −∞ minus −∞ is −∞, anything minus +∞ is −∞; ln(1 − e^{−1e-20}) = −46.05170185988091, ln(1 − e^{−50}) = −1.928749847963918e-22", () => {
    expect(logSubExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logSubExp(3, Infinity)).toBe(-Infinity);
    close(logSubExp(0, -1e-20), -46.05170185988091, 1e-14);
    expect(Math.abs(logSubExp(0, -50) - -1.928749847963918e-22)).toBeLessThanOrEqual(1e-14 * 1.928749847963918e-22);
  });
  it("logSumExp: [1000, 0] is 1000 (the shift is the largest entry), all −∞ is −∞", () => {
    expect(logSumExp([1000, 0])).toBe(1000);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
  });
});

describe("log2F1 and scaled2F1 where the other path would be wrong (mpmath hyp2f1)", () => {
  it("refuses z = 1 even where the connection formula has a limit (Gauss: 2F1(0.5, 0.5; 3; 1) is finite) and a negative c that log2F1 does not handle", () => {
    expect(log2F1(0.5, 0.5, 3, 1)).toBeNaN();
    expect(log2F1(1, 1, -0.5, 0.2)).toBeNaN();
  });
  it("falls back to the series when the connection formula cannot be evaluated: ln 2F1(10, 10; 20; 0.951) = 10.10901630802939 (c − a − b = 0)", () => {
    close(log2F1(10, 10, 20, 0.951), 10.10901630802939, 1e-12);
  });
  it("takes Euler's form when c − a and c − b are small, where the direct series needs more than 50,000 terms", () => {
    // (c − a, c − b) = (1, 0.7) and (2.5, 2.2)
    close(log2F1(5000, 5000.3, 5001, 0.9), 11511.31378141055, 1e-12);
    close(log2F1(5000, 5000.3, 5002.5, 0.9), 11507.86076777852, 1e-12);
  });
  it("does not take Euler's form when c − b ≤ −1: 2F1(3.1, 5e7 + 2; 2.6; z) as the positive series gives it (the upper parameters swapped)", () => {
    const z = 365 / (1e8 + 10 + 365);
    // Σ t_k with ln t_{k+1} − ln t_k = ln(a+k) + ln(b+k) − ln(c+k) − ln(k+1) + ln z, all terms positive
    const logs = [0];
    let lt = 0;
    for (let k = 0; k < 5000; k++) {
      lt += Math.log(3.1 + k) + Math.log(5e7 + 2 + k) - Math.log(2.6 + k) - Math.log(k + 1) + Math.log(z);
      logs.push(lt);
    }
    const m = Math.max(...logs);
    const expected = m + Math.log(logs.reduce((acc, l) => acc + Math.exp(l - m), 0));
    close(log2F1(3.1, 5e7 + 2, 2.6, z), expected, 1e-12);
  });
  it("scaled2F1 at z = 0 is e^{prefactor}, and z = 1 is refused even for a terminating series (2F1(−1, 0.2; −0.5; 1) = 1.4)", () => {
    close(scaled2F1(1, 1, -0.5, 0, 0.5), Math.exp(0.5), 1e-15);
    expect(scaled2F1(-1, 0.2, -0.5, 1, 0)).toBeNaN();
  });
});

describe("log2F1WithGradient: its value, its analytic gradient and its edges (mpmath hyp2f1, diff)", () => {
  it.each([
    // direct series, then Euler's form (c − a = 1, c − b = 29.5)
    [1.15, 1.6, 2.15, 0.3, 0.3008417396380499, [0.2661306977871009, 0.1960584324661279, -0.1489739333427919, 1.187384495964496]],
    [30.1, 1.6, 31.1, 0.6, 1.394490642508345, [0.07024984367859657, 0.8729302285504095, -0.06810000815455398, 3.722276672114399]],
  ])("2F1(%p, %p; %p; %p): ln F = %p and the gradient to 1e-12 (the series' own, not central differences)", (a, b, c, z, v, grad) => {
    const g = new Float64Array(4);
    close(log2F1WithGradient(a, b, c, z, g), v, 1e-13);
    for (let i = 0; i < 4; i++) close(g[i], grad[i], 1e-12);
  });
  it("Euler's form where the direct series would need 50,000 terms: ln 2F1(5000, 5000.3; 5001; 0.9) and ∂/∂z = 49993.00014004005", () => {
    const g = new Float64Array(4);
    close(log2F1WithGradient(5000, 5000.3, 5001, 0.9, g), 11511.31378141055, 1e-12);
    close(g[3], 49993.00014004005, 1e-10);
  });
  it("keeps the gradient's sums in scale when the series passes 1e200: 2F1(300, 1000; 0.5; 0.5), ln F = 1452.401994449982, gradient to 1e-11", () => {
    const g = new Float64Array(4);
    close(log2F1WithGradient(300, 1000, 0.5, 0.5, g), 1452.401994449982, 1e-13);
    const want = [1.792365291073489, 0.9161089567329417, -9.27569168815591, 2998.650455831897];
    for (let i = 0; i < 4; i++) close(g[i], want[i], 1e-11);
  });
  it("at z = 0: ln F = 0, ∂/∂a = ∂/∂b = ∂/∂c = 0 and ∂/∂z = ab/c (the first term of the series), by either form", () => {
    const g = new Float64Array(4);
    expect(log2F1WithGradient(0.5, 0.7, 3, 0, g)).toBe(0); // direct: |c−a|·|c−b| = 5.75 > ab = 0.35
    for (let i = 0; i < 3; i++) expect(Math.abs(g[i])).toBe(0);
    close(g[3], 0.35 / 3, 1e-15);
    const h = new Float64Array(4);
    expect(log2F1WithGradient(2, 3, 4, 0, h)).toBe(0); // Euler: |c−a|·|c−b| = 2 < ab = 6
    close(h[3], 1.5, 1e-15);
  });
  it("refuses a negative z and a negative c, which its series could otherwise sum", () => {
    const g = new Float64Array(4);
    expect(log2F1WithGradient(1, 1, 2, -0.1, g)).toBeNaN();
    expect(Array.from(g).every(Number.isNaN)).toBe(true);
    const h = new Float64Array(4);
    expect(log2F1WithGradient(1, 1, -0.5, 0.2, h)).toBeNaN();
    expect(Array.from(h).every(Number.isNaN)).toBe(true);
  });
  it("near z = 1 the z-step shrinks to (1 − z)/4, so z + h stays below 1: at z = 1 − 1e-7 ∂/∂z ln(−ln(1−z)/z) is finite and within 50 % of 1/((1−z)(−ln(1−z))) − 1/z", () => {
    const z = 1 - 1e-7;
    const g = new Float64Array(4);
    log2F1WithGradient(1, 1, 2, z, g);
    const exact = 1 / ((1 - z) * -Math.log1p(-z)) - 1 / z;
    expect(Math.abs(g[3] - exact)).toBeLessThan(0.5 * exact);
  });
});

describe("log2F1 at z = 1 − 1e-6, where only the connection formula converges (mpmath hyp2f1)", () => {
  // Each sign pattern of Γ(c − a), Γ(c − b), Γ(m), Γ(−m), Γ(a), Γ(b) (m = c − a − b), a pole of
  // Γ(c − a) (c = a: 2F1 = (1 − z)^{−b}) and terminating series (a or b a negative integer).
  it.each([
    [1.7, 0.6, 1.2, 14.759391264357822],
    [0.6, 1.7, 1.2, 14.759391264357822],
    [0.9, 0.6, 1.2, 4.6822450889988785],
    [-0.5, 0.6, 1.2, -0.4376703494028801],
    [0.6, -0.5, 1.2, -0.4376703494028801],
    [2.5, 0.5, 1.2, 23.854414365547875],
    [0.3, 0.4, 2.5, 0.07121364223215576],
    [1.2, 3.4, 0.5, 58.127780800704748],
    [3.3, 1.1, 1.7, 36.7036657908228],
    [2, 1.5, 2, 1.5 * Math.log(1e6)], // (1 − z)^{−1.5}
    [-1, 0.5, 2, Math.log(1 - (0.5 * (1 - 1e-6)) / 2)], // 1 − bz/c
    [0.5, -2, 1.7, -0.5531006523685936],
  ])("ln 2F1(%p, %p; %p; 1 − 1e-6) = %p to 1e-10", (a, b, c, v) => close(log2F1(a, b, c, 1 - 1e-6), v, 1e-10));
  it("c − a − b an integer (0): the mean at c ± 2e-6, ln 2F1(1.5, 2.7; 4.2; 1 − 1e-6) = 4.204974907972835 to 1e-9", () => {
    close(log2F1(1.5, 2.7, 4.2, 1 - 1e-6), 4.204974907972835, 1e-9);
  });
});
