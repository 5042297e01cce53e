// Trigamma ψ₁(x) (src/core/math/trigamma.ts): the recurrence below x = 10 and the asymptotic
// series above it, against mpmath at 30 digits, rounded to the nearest double. Rerun the reference with
//   python3 -c "import mpmath; mpmath.mp.dps = 30; [print(x, repr(float(mpmath.psi(1, mpmath.mpf(x))))) for x in (0.001, 0.5, 2.5, 9.999, 10, 10.5, 37.25, 1000, 1e8)]"
import { trigamma } from "../../../src/core/math/trigamma";

describe("trigamma", () => {
  // x, ψ₁(x) (mpmath.psi(1, x))
  const REFERENCE: [number, number][] = [
    [0.001, 1000001.6425331958],
    [0.5, 4.934802200544679],
    [2.5, 0.49035775610023485],
    [9.999, 0.10517738667672887],
    // from x = 10 on the series alone: its last term, 691/(2730·10¹³), is 2.4e-13 of ψ₁(10), and the
    // first it leaves out, 7/(6·10¹⁵), 1.1e-14 — the largest error, measured 1.04e-14
    [10, 0.10516633568168575],
    [10.5, 0.09991695605912673],
    [37.25, 0.027209205803955576],
    [1000, 0.0010005001666666333],
    [1e8, 1.000000005e-8],
  ];

  it.each(REFERENCE)("ψ₁(%p) = %p to 1.2e-14 relative (the accuracy it documents)", (x, want) => {
    expect(Math.abs(trigamma(x) / want - 1)).toBeLessThan(1.2e-14);
  });

  it("is NaN at and below 0 and for NaN", () => {
    for (const x of [0, -0.5, -3, Number.NaN, -Infinity]) expect(trigamma(x)).toBeNaN();
  });
});
