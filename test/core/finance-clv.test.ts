import { financeClv, CvaError, ErrorCodes } from "../../src/core";

describe("financeClv (docs/lifetime-value.md §2, finance formula)", () => {
  it("no horizon: m·r/(1+d−r), hand-worked 100·0.8/0.3 = 266.67", () => {
    expect(financeClv({ margin: 100, retention: 0.8, discount: 0.1 })).toBeCloseTo(266.6667, 4);
  });

  it("3 periods: the three discounted terms summed by hand", () => {
    const terms = [1, 2, 3].map((t) => (100 * 0.8 ** t) / 1.1 ** t); // 72.727, 52.893, 38.467
    expect(terms[0]).toBeCloseTo(72.7273, 4);
    expect(financeClv({ margin: 100, retention: 0.8, discount: 0.1, periods: 3 })).toBeCloseTo(164.0872, 4);
    expect(financeClv({ margin: 100, retention: 0.8, discount: 0.1, periods: 3 })).toBeCloseTo(
      terms[0] + terms[1] + terms[2],
      10,
    );
  });

  it("a long horizon converges to the perpetuity", () => {
    expect(financeClv({ margin: 100, retention: 0.8, discount: 0.1, periods: 500 })).toBeCloseTo(266.6667, 4);
  });

  it("subtracts the acquisition cost once", () => {
    expect(financeClv({ margin: 100, retention: 0.8, discount: 0.1, acquisitionCost: 50 })).toBeCloseTo(216.6667, 4);
  });

  it("zero retention is worth nothing; zero discount sums the retention series", () => {
    expect(financeClv({ margin: 100, retention: 0, discount: 0.1 })).toBe(0);
    expect(financeClv({ margin: 10, retention: 0.5, discount: 0, periods: 2 })).toBeCloseTo(5 + 2.5, 12);
  });

  it("no discount and a horizon: the sum of m·r^t", () => {
    expect(financeClv({ margin: 10, retention: 0.5, discount: 0, periods: 3 })).toBeCloseTo(5 + 2.5 + 1.25, 12);
  });

  const bad: Array<[string, Parameters<typeof financeClv>[0], string, string]> = [
    ["retention 1", { margin: 1, retention: 1, discount: 0.1 }, ErrorCodes.OutOfRange, "retention"],
    ["retention -0.1", { margin: 1, retention: -0.1, discount: 0.1 }, ErrorCodes.OutOfRange, "retention"],
    ["discount -1", { margin: 1, retention: 0.5, discount: -1 }, ErrorCodes.OutOfRange, "discount"],
    ["periods 0", { margin: 1, retention: 0.5, discount: 0.1, periods: 0 }, ErrorCodes.OutOfRange, "periods"],
    ["periods 2.5", { margin: 1, retention: 0.5, discount: 0.1, periods: 2.5 }, ErrorCodes.OutOfRange, "periods"],
    ["margin NaN", { margin: NaN, retention: 0.5, discount: 0.1 }, ErrorCodes.InvalidType, "margin"],
    ["a negative discount", { margin: 1, retention: 0.9, discount: -0.2 }, ErrorCodes.OutOfRange, "discount"],
    ["a discount of 100 %", { margin: 1, retention: 0.9, discount: 1 }, ErrorCodes.OutOfRange, "discount"],
  ];
  it.each(bad)("rejects %s with a message naming the argument", (_name, input, code, argument) => {
    let caught: unknown;
    try {
      financeClv(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CvaError);
    expect((caught as CvaError).code).toBe(code);
    expect((caught as CvaError).where?.argument).toBe(argument);
    expect((caught as CvaError).message).toContain(argument);
  });
});
