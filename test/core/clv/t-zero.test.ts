/**
 * A customer whose first purchase falls on the observation end day has T = 0. Such rows
 * are common in real logs; they must not stop a fit (the task pane would otherwise lose
 * CLV for the whole base).
 */
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as paretonbd from "../../../src/core/clv/paretonbd";
import { cdnowSummary } from "./cdnow";

const base = cdnowSummary();
const withNewcomer = {
  frequency: [...Array.from(base.frequency), 0],
  recency: [...Array.from(base.recency), 0],
  T: [...Array.from(base.T), 0],
};

describe("T = 0 (first purchase on the end day)", () => {
  it("adds a likelihood term of exactly 0 (probability 1) to BG/NBD and Pareto/NBD fits", () => {
    const a = bgnbd.fit(base);
    const b = bgnbd.fit(withNewcomer);
    expect(b.converged).toBe(true);
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 6);
    expect(b.params.r).toBeCloseTo(a.params.r, 5);
    const p = paretonbd.fit(withNewcomer);
    expect(p.logLikelihood).toBeCloseTo(paretonbd.fit(base).logLikelihood, 5);
  });

  it("such a customer is alive with probability 1 and expects the newcomer's purchases", () => {
    const { params } = bgnbd.fit(base);
    expect(bgnbd.probabilityAlive(params, 0, 0, 0)).toBe(1);
    // With no history, E[X(t) | 0, 0, 0] is the unconditional E[X(t)].
    expect(bgnbd.expectedPurchases(params, 39, 0, 0, 0)).toBeCloseTo(bgnbd.expectedPurchasesUnconditional(params, 39), 9);
  });

  it("a repeat buyer with T = 0 is still an error naming T", () => {
    expect(() => bgnbd.fit({ frequency: [1, 0], recency: [0, 0], T: [0, 5] })).toThrow(/T/);
  });
});
