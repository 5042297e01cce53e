/**
 * The Pareto share, the Lorenz curve and the Gini coefficient (docs/pyramid.md §8–§9) pinned
 * with independent expected values: each is worked by hand in the comment beside it, and the
 * Gini is also checked against the closed form on sorted values
 *   Gini = 2·Σ_i i·x_(i) / (n·Σx) − (n + 1)/n
 * and the top share against a direct count from the top ("the best ⌊m⌋ customers plus the
 * fraction m − ⌊m⌋ of the next one, m = top·n") — neither of which is the code's path (the
 * code integrates the Lorenz curve from the bottom with the trapezoid rule).
 */
import { concentration, formatNumber, gini, lorenzCurve, paretoShare, DEFAULT_LORENZ_POINTS, DEFAULT_PARETO_TOP } from "../../../src/core/segments/pareto";
import { ErrorCodes, localizedMessage } from "../../../src/core/errors";
import { thrown } from "../../support/thrown";

/** Closed-form Gini on the ascending values (i from 1): independent of the code's trapezoid sum. */
function giniClosedForm(values: number[]): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const total = x.reduce((a, b) => a + b, 0);
  const weighted = x.reduce((a, v, i) => a + (i + 1) * v, 0);
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** Share of the total held by the top `top`·n customers, counted from the best one down. */
function topShareFromTheTop(values: number[], top: number): number {
  const d = [...values].sort((a, b) => b - a);
  const total = d.reduce((a, b) => a + b, 0);
  const m = top * d.length;
  const whole = Math.floor(m);
  let held = 0;
  for (let i = 0; i < whole; i++) held += d[i];
  if (whole < d.length) held += (m - whole) * d[whole];
  return held / total;
}

describe("the Pareto share of the top 20 % (docs/pyramid.md §8)", () => {
  it("defaults: the top 20 %, 101 Lorenz points", () => {
    expect(DEFAULT_PARETO_TOP).toBe(0.2);
    expect(DEFAULT_LORENZ_POINTS).toBe(101);
  });

  it("n divisible by 5: the top 20 % of 1, 2, 3, 4, 10 is the single best customer, 10/20 = 0.5", () => {
    expect(paretoShare([4, 10, 1, 3, 2])).toBe(0.5);
    expect(topShareFromTheTop([4, 10, 1, 3, 2], 0.2)).toBe(0.5);
  });

  it("n = 4: the top 20 % is 0.8 of the best customer: 0.8·4 / 10 = 0.32", () => {
    expect(paretoShare([1, 2, 3, 4])).toBeCloseTo(0.32, 14);
  });

  it("n = 7, not divisible by 5: the top 1.4 customers of 1 … 7 hold 7 + 0.4·6 = 9.4 of 28", () => {
    // 9.4 / 28 = 0.335714285714…
    expect(paretoShare([3, 7, 1, 5, 2, 6, 4])).toBeCloseTo(9.4 / 28, 14);
    expect(topShareFromTheTop([1, 2, 3, 4, 5, 6, 7], 0.2)).toBeCloseTo(9.4 / 28, 14);
  });

  it("n = 3: the top 0.6 of 1, 2, 3 holds 0.6·3 = 1.8 of 6 = 0.3; n = 1: 0.2 of the only customer", () => {
    expect(paretoShare([1, 2, 3])).toBeCloseTo(0.3, 14);
    expect(paretoShare([5])).toBeCloseTo(0.2, 14);
    // n = 2, 0 and 1: the top 0.4 of the best = 0.4.
    expect(paretoShare([0, 1])).toBeCloseTo(0.4, 14);
  });

  it("n = 11 with ties: 0, 0, 1, 1, 2, 3, 5, 8, 13, 21, 34 (total 88): the top 2.2 hold 34 + 21 + 0.2·13 = 57.6", () => {
    const v = [13, 0, 34, 1, 2, 0, 21, 1, 8, 3, 5];
    expect(paretoShare(v)).toBeCloseTo(57.6 / 88, 14); // 0.654545…
    expect(topShareFromTheTop(v, 0.2)).toBeCloseTo(57.6 / 88, 14);
  });

  it("ties at the cut: 1, 1, 3, 5, 5, 5 — the top 1.2 of 6 hold 5 + 0.2·5 = 6 of 20 = 0.3", () => {
    expect(paretoShare([5, 1, 5, 3, 1, 5])).toBeCloseTo(0.3, 14);
  });

  it("a custom top share: the top 10 % of 1 … 10 hold 10/55; the top 30 % hold 10 + 9 + 8 = 27/55; 0 and 100 %", () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(paretoShare(v, 0.1)).toBeCloseTo(10 / 55, 14);
    expect(paretoShare(v, 0.3)).toBeCloseTo(27 / 55, 14);
    expect(paretoShare(v)).toBeCloseTo(19 / 55, 14); // 10 + 9
    expect(paretoShare(v, 1)).toBe(1);
    expect(paretoShare(v, 0)).toBe(0);
    // The top 25 % of 1 … 10 is 2.5 customers: 10 + 9 + 0.5·8 = 23 of 55.
    expect(paretoShare(v, 0.25)).toBeCloseTo(23 / 55, 14);
  });

  it("equal values: every fifth holds a fifth; one whale among five zeros holds everything", () => {
    expect(paretoShare([5, 5, 5, 5, 5])).toBeCloseTo(0.2, 14);
    expect(paretoShare([7, 7, 7])).toBeCloseTo(0.2, 14); // 0.6 of one of three equal → 0.6·7 / 21
    expect(paretoShare([0, 0, 0, 0, 100])).toBe(1);
  });

  it("a total of 0 (all zero, or no values) is an equal split: 0.2", () => {
    expect(paretoShare([0, 0, 0])).toBeCloseTo(0.2, 14);
    expect(paretoShare([])).toBeCloseTo(0.2, 14);
  });
});

describe("the Lorenz curve (docs/pyramid.md §9)", () => {
  it("1, 2, 3, 4 at 5 points: (0, 0), (¼, 0.1), (½, 0.3), (¾, 0.6), (1, 1)", () => {
    const pts = lorenzCurve([4, 2, 3, 1], 5);
    expect(pts.map((p) => p.customers)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(pts.map((p) => p.value)).toEqual([0, 0.1, 0.3, 0.6, 1].map((v) => expect.closeTo(v, 14)));
  });

  it("101 points by default, interpolated linearly between customers", () => {
    const pts = lorenzCurve([1, 2, 3, 4]);
    expect(pts).toHaveLength(101);
    expect(pts[0]).toEqual({ customers: 0, value: 0 });
    expect(pts[100]).toEqual({ customers: 1, value: 1 });
    expect(pts[30].customers).toBeCloseTo(0.3, 15);
    // p = 0.01: 0.04 of the smallest (1) → 0.004; p = 0.3: x = 1.2 → (1 + 0.2·2)/10 = 0.14;
    // p = 0.9: x = 3.6 → (6 + 0.6·4)/10 = 0.84.
    expect(pts[1].value).toBeCloseTo(0.004, 14);
    expect(pts[30].value).toBeCloseTo(0.14, 14);
    expect(pts[90].value).toBeCloseTo(0.84, 14);
  });

  it("n = 3 at 3 points: the middle point is 1 + ½·2 = 2 of 6", () => {
    expect(lorenzCurve([3, 1, 2], 3).map((p) => p.value)).toEqual([0, expect.closeTo(1 / 3, 14), 1]);
  });

  it("ties: 1, 1, 3, 5, 5, 5 at 7 points are the cumulative sums 0, 1, 2, 5, 10, 15, 20 over 20", () => {
    expect(lorenzCurve([5, 1, 5, 3, 1, 5], 7).map((p) => p.value)).toEqual([0, 0.05, 0.1, 0.25, 0.5, 0.75, 1].map((v) => expect.closeTo(v, 14)));
  });

  it("points: at least 2, a fraction rounds down", () => {
    expect(lorenzCurve([1, 3], 1)).toEqual([{ customers: 0, value: 0 }, { customers: 1, value: 1 }]);
    expect(lorenzCurve([1, 3], 0)).toHaveLength(2);
    // 3.7 → 3 points at 0, ½, 1: ½ of two customers is the smaller one, 1 of 4.
    expect(lorenzCurve([1, 3], 3.7)).toEqual([{ customers: 0, value: 0 }, { customers: 0.5, value: 0.25 }, { customers: 1, value: 1 }]);
  });

  it("equal values and a total of 0 give the diagonal", () => {
    expect(lorenzCurve([4, 4, 4, 4], 5).map((p) => p.value)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(lorenzCurve([0, 0], 3).map((p) => p.value)).toEqual([0, 0.5, 1]);
    expect(lorenzCurve([], 3).map((p) => p.value)).toEqual([0, 0.5, 1]);
  });

  it("one whale among four zeros: flat at 0 until the last customer", () => {
    // p = 0.9: x = 4.5 → (0 + 0.5·100)/100 = 0.5.
    expect(lorenzCurve([100, 0, 0, 0, 0], 11).map((p) => p.value)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, expect.closeTo(0.5, 14), 1]);
  });
});

describe("the Gini coefficient (docs/pyramid.md §9)", () => {
  it("1, 2, 3, 4: 2·(1 + 4 + 9 + 16)/(4·10) − 5/4 = 0.25", () => {
    expect(gini([3, 1, 4, 2])).toBeCloseTo(0.25, 14);
    expect(giniClosedForm([1, 2, 3, 4])).toBeCloseTo(0.25, 14);
  });

  it("n = 7, 1 … 7: 2·140/(7·28) − 8/7 = 2/7", () => {
    expect(gini([7, 1, 6, 2, 5, 3, 4])).toBeCloseTo(2 / 7, 14);
    expect(giniClosedForm([1, 2, 3, 4, 5, 6, 7])).toBeCloseTo(2 / 7, 14);
  });

  it("n = 3, 1 2 3: 2·14/18 − 4/3 = 2/9", () => {
    expect(gini([2, 3, 1])).toBeCloseTo(2 / 9, 14);
  });

  it("ties: 1, 1, 3, 5, 5, 5 (Σ i·x = 1 + 2 + 9 + 20 + 25 + 30 = 87): 174/120 − 7/6 = 17/60", () => {
    expect(gini([5, 1, 5, 3, 1, 5])).toBeCloseTo(17 / 60, 14);
    expect(giniClosedForm([5, 1, 5, 3, 1, 5])).toBeCloseTo(17 / 60, 14);
  });

  it("n = 11 with ties and zeros agrees with the closed form", () => {
    const v = [13, 0, 34, 1, 2, 0, 21, 1, 8, 3, 5];
    // Σ i·x on 0 0 1 1 2 3 5 8 13 21 34 = 3 + 4 + 10 + 18 + 35 + 64 + 117 + 210 + 374 = 835;
    // 2·835/(11·88) − 12/11 = 1670/968 − 1056/968 = 614/968.
    expect(giniClosedForm(v)).toBeCloseTo(614 / 968, 14);
    expect(gini(v)).toBeCloseTo(614 / 968, 14);
  });

  it("the extremes: 0 for equal values (even where rounding would give −2e-16), 1 − 1/n when one holds all", () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    // 0.3 + 0.3 + 0.3 sums with rounding: the trapezoid sum comes out at 1 + 2.2e-16, clamped to 0.
    expect(gini([0.3, 0.3, 0.3])).toBe(0);
    expect(gini([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBe(0);
    expect(gini([0, 0, 0, 0, 100])).toBeCloseTo(0.8, 14);
    expect(gini([0, 1])).toBeCloseTo(0.5, 14);
    expect(gini([5])).toBe(0);
  });

  it("a total of 0 or no values: 0", () => {
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([])).toBe(0);
  });
});

describe("values past 1.8e308 are scaled by the largest (docs/pyramid.md §8–§9)", () => {
  it("{1e308, 1e308, 1}: Gini 1/3, top share 0.3, Lorenz as for {1e-308, 1, 1}", () => {
    // Scaled: 1e-308, 1, 1 (total 2): Gini 2·(1e-308 + 2 + 3)/(3·2) − 4/3 = 10/6 − 8/6 = 1/3.
    expect(gini([1e308, 1e308, 1])).toBeCloseTo(1 / 3, 14);
    // Top 0.6 of the best: 0.6·1 / 2 = 0.3.
    expect(paretoShare([1e308, 1, 1e308])).toBeCloseTo(0.3, 14);
    // Lorenz at 0, ⅓ (x = 1: the smallest, 1e-308/2 ≈ 0), ⅔ (1/2), 1.
    expect(lorenzCurve([1e308, 1e308, 1], 4).map((p) => p.value)).toEqual([0, expect.closeTo(0, 14), expect.closeTo(0.5, 14), 1]);
    // Four equal huge values: the diagonal, Gini 0, top share 0.2.
    expect(gini([1e308, 1e308, 1e308, 1e308])).toBe(0);
    expect(paretoShare([1e308, 1e308, 1e308, 1e308])).toBeCloseTo(0.2, 14);
  });

  it("just below the largest double nothing is scaled: 8e307, 8e307, 0 → Gini 1/3, top share 0.5", () => {
    // Sorted 0, 8e307, 8e307: 2·(0 + 2 + 3)·8e307/(3·1.6e308) − 4/3 = 10/6 − 8/6 = 1/3;
    // top 0.6 of 8e307 of 1.6e308 = 0.3.
    expect(gini([8e307, 0, 8e307])).toBeCloseTo(1 / 3, 14);
    expect(paretoShare([8e307, 0, 8e307])).toBeCloseTo(0.3, 14);
  });
});

describe("negative values (docs/pyramid.md §8)", () => {
  it("the functions refuse them, counting the negatives (not the zeros) and naming the first", () => {
    const e = thrown(() => gini([3, -5, 0, -7]));
    expect(e.code).toBe(ErrorCodes.OutOfRange);
    expect(e.where).toEqual({ argument: "values" });
    expect(e.message).toBe("values holds 2 negative values (the first -5): the Pareto share, Lorenz curve and Gini coefficient need values of 0 or more, a share of a total");
    // In Chinese the count reads "2 个负值".
    expect(localizedMessage(e, "zh-CN")).toContain("2 个负值");
    expect(thrown(() => paretoShare([0, 0, -1])).message).toMatch(/^values holds 1 negative value \(the first -1\)/);
    expect(thrown(() => lorenzCurve([2, -0.5])).message).toMatch(/^values holds 1 negative value \(the first -0.5\)/);
    expect(thrown(() => concentration([1, -2])).message).toMatch(/^values holds 1 negative value \(the first -2\)/);
    expect(thrown(() => gini([1, NaN])).message).toBe("values: row 2 holds NaN, not a finite number");
  });

  it("concentration with negatives 'zero' counts them as 0: −10, 0, 10 is 0, 0, 10", () => {
    const c = concentration([-10, 0, 10], 0.2, 5, "zero");
    // Top 0.6 of 10 → 0.6. Gini 2·(3·10)/(3·10) − 4/3 = 2/3. Lorenz at x = 0, .75, 1.5, 2.25, 3: 0, 0, 0, 0.25·10/10, 1.
    expect(c.topShare).toBeCloseTo(0.6, 14);
    expect(c.gini).toBeCloseTo(2 / 3, 14);
    expect(c.lorenz.map((p) => p.value)).toEqual([0, 0, 0, expect.closeTo(0.25, 14), 1]);
    // All negative: a total of 0, an equal split.
    const z = concentration([-1, -2], 0.2, 3, "zero");
    expect(z.topShare).toBeCloseTo(0.2, 14);
    expect(z.gini).toBe(0);
    expect(z.lorenz.map((p) => p.value)).toEqual([0, 0.5, 1]);
  });

  it("concentration's defaults: top 20 %, 101 points, negatives refused", () => {
    const c = concentration([4, 3, 2, 1]);
    expect(c.topShare).toBeCloseTo(0.32, 14);
    expect(c.gini).toBeCloseTo(0.25, 14);
    expect(c.lorenz).toHaveLength(101);
    expect(c.lorenz[50].value).toBeCloseTo(0.3, 14);
    expect(() => concentration([1, -1], 0.2, 5)).toThrow(/negative value/);
    // A custom top share goes through: the top 50 % of 1 … 4 = 3 + 4 = 7 of 10.
    expect(concentration([1, 2, 3, 4], 0.5, 2).topShare).toBeCloseTo(0.7, 14);
  });
});

describe("formatNumber, the number in a message", () => {
  it("keeps 6 significant digits and no exponent below 1e21", () => {
    expect(formatNumber(1234.5678)).toBe("1234.57");
    expect(formatNumber(0.123456789)).toBe("0.123457");
    expect(formatNumber(123456789)).toBe("123457000");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-2.5)).toBe("-2.5");
  });
});
