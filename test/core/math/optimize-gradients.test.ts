/**
 * The helpers of src/core/math/optimize.ts: gradients by central differences, checked against
 * the derivatives worked by hand, and the clock the optimisers read for their deadline.
 */
import { now, numericalGradient, withNumericalGradient } from "../../../src/core/math/optimize";

describe("gradients by central differences", () => {
  it("numericalGradient of x²y at (3, 2) is (2xy, x²) = (12, 9) to O(h²)", () => {
    const g = numericalGradient((x) => x[0] * x[0] * x[1], [3, 2]);
    expect(g[0]).toBeCloseTo(12, 8);
    expect(g[1]).toBeCloseTo(9, 8);
    // With h = 0.1: ∂/∂x of x²y is exact for a quadratic in x: ((3.1)² − (2.9)²)·2 / 0.2 = 12.
    expect(numericalGradient((x) => x[0] * x[0] * x[1], [3, 2], undefined, 0.1)[0]).toBeCloseTo(12, 12);
  });

  it("withNumericalGradient fills the gradient only where f is finite", () => {
    const f = withNumericalGradient((x) => (x[0] < 0 ? NaN : x[0] * x[0]));
    const g = new Float64Array([7]);
    expect(f(Float64Array.of(2), g)).toBe(4);
    expect(g[0]).toBeCloseTo(4, 8);
    const untouched = new Float64Array([7]);
    expect(f(Float64Array.of(-1), untouched)).toBeNaN();
    expect(untouched[0]).toBe(7);
    expect(f(Float64Array.of(3), null)).toBe(9);
  });
});

describe("now", () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, "performance");
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, "performance", original);
  });

  it("reads performance.now where there is one, Date.now otherwise", () => {
    Object.defineProperty(globalThis, "performance", { value: { now: () => 42 }, configurable: true, writable: true });
    expect(now()).toBe(42);
    for (const without of [undefined, {}]) {
      Object.defineProperty(globalThis, "performance", { value: without, configurable: true, writable: true });
      const before = Date.now();
      const t = now();
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(Date.now());
    }
  });
});
