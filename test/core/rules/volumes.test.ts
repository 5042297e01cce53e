/**
 * The life cycle stage from period volumes (=CVA.LIFECYCLE, docs/lifecycle.md §7) pinned at
 * each cut: the trend ±0.15, the churn gap 3 × the mean gap between active periods, at most 2
 * active periods for exploration, P(alive) 0.1, and each option that overrides them.
 * Trends are worked by hand: for three periods m − d, m, m + d the least-squares slope is d and
 * the mean m, so the trend (slope / mean) is d / m.
 */
import { stageFromVolumes } from "../../../src/core/segments/volumes";
import { CvaError, ErrorCodes } from "../../../src/core/errors";
import { thrown } from "../../support/thrown";

describe("the trend cut ±0.15 (docs/lifecycle.md §7)", () => {
  it("trend 0.151 is formation, 0.15 and 0.149 are stability", () => {
    expect(stageFromVolumes([849, 1000, 1151])).toBe("formation"); // 151 / 1000
    expect(stageFromVolumes([850, 1000, 1150])).toBe("stability"); // 150 / 1000, not above 0.15
    expect(stageFromVolumes([851, 1000, 1149])).toBe("stability"); // 0.149
  });

  it("trend −0.151 is decline, −0.15 and −0.149 are stability", () => {
    expect(stageFromVolumes([1151, 1000, 849])).toBe("decline");
    expect(stageFromVolumes([1150, 1000, 850])).toBe("stability");
    expect(stageFromVolumes([1149, 1000, 851])).toBe("stability");
  });

  it("the threshold is an option: at 0.1, trend 0.15 is formation and 0.1 is stability", () => {
    expect(stageFromVolumes([850, 1000, 1150], null, { trendThreshold: 0.1 })).toBe("formation");
    expect(stageFromVolumes([1150, 1000, 850], null, { trendThreshold: 0.1 })).toBe("decline");
    expect(stageFromVolumes([900, 1000, 1100], null, { trendThreshold: 0.1 })).toBe("stability"); // 100 / 1000 = 0.1
  });

  it("the trend starts at the first purchase: 0, 0, 0, 0, 10, 10, 10 is stability (trend of 10, 10, 10 is 0)", () => {
    // Over all seven periods the slope would be positive (formation); from the first purchase it is flat.
    expect(stageFromVolumes([0, 0, 0, 0, 10, 10, 10])).toBe("stability");
    expect(stageFromVolumes(new Float64Array([0, 0, 849, 1000, 1151]))).toBe("formation");
  });

  it("a trend that cannot be computed (volumes so small their mean underflows to 0) reads as decline", () => {
    // Mean of 3 × 5e-324 over 7 periods ≈ 2.1e-324, below half the smallest double: 0, so no trend.
    expect(stageFromVolumes([5e-324, 0, 0, 0, 0, 5e-324, 5e-324])).toBe("decline");
  });
});

describe("exploration: at most 2 active periods, or the first purchase in the last period (docs/lifecycle.md §7)", () => {
  it("2 active periods are exploration, 3 are judged by the trend", () => {
    expect(stageFromVolumes([5, 0, 5])).toBe("exploration");
    expect(stageFromVolumes([5, 5, 5])).toBe("stability");
    expect(stageFromVolumes([5, 5, 5], null, { explorationMaxPurchases: 3 })).toBe("exploration");
  });

  it("a first purchase in the last period is exploration even when the limit is 0", () => {
    expect(stageFromVolumes([0, 0, 0, 3])).toBe("exploration");
    expect(stageFromVolumes([0, 0, 0, 3], null, { explorationMaxPurchases: 0 })).toBe("exploration");
    // First purchase in the period before the last: judged by the trend of 3, 3 (0): stability.
    expect(stageFromVolumes([0, 0, 3, 3], null, { explorationMaxPurchases: 0 })).toBe("stability");
  });
});

describe("churned without P(alive): silent for more than 3 × the mean gap (docs/lifecycle.md §7)", () => {
  it("one active period (gap 1): silent 3 periods is not churned, 4 is", () => {
    expect(stageFromVolumes([5, 0, 0, 0])).toBe("exploration");
    expect(stageFromVolumes([5, 0, 0, 0, 0])).toBe("churned");
  });

  it("active at periods 1, 3, 5 (gap 2): silent 6 is not churned, 7 is", () => {
    // Not churned: trend over 1,0,1,0,1,0,0,0,0,0,0 — mean 3/11, Σ(k − 5)·a_k = −5 − 3 − 1 = −9,
    // Σ(k − 5)² = 110: slope −9/110, trend −9/110 · 11/3 = −0.3 → decline.
    expect(stageFromVolumes([1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])).toBe("decline");
    expect(stageFromVolumes([1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0])).toBe("churned");
  });

  it("active at periods 1, 2, 6 (gap (6 − 1)/2 = 2.5, cut 7.5): silent 7 is not churned, 8 is", () => {
    // 13 periods: trend mean 3/13, Σ(k − 6)·a_k = −6 − 5 − 1 = −12, Σ(k − 6)² = 182:
    // slope −12/182, trend −12/182 · 13/3 = −2/7 → decline.
    expect(stageFromVolumes([1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])).toBe("decline");
    expect(stageFromVolumes([1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])).toBe("churned");
  });

  it("active at periods 3 and 5 (gap (5 − 3)/1 = 2, cut 6): silent 6 is not churned, 7 is", () => {
    // Not churned, and two active periods are exploration.
    expect(stageFromVolumes([0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])).toBe("exploration");
    expect(stageFromVolumes([0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0])).toBe("churned");
  });

  it("the multiple is an option: at 4, silent 4 after one active period is not churned; at 2, silent 3 is", () => {
    expect(stageFromVolumes([5, 0, 0, 0, 0], null, { churnGapMultiple: 4 })).toBe("exploration");
    expect(stageFromVolumes([5, 0, 0], null, { churnGapMultiple: 2 })).toBe("exploration");
    expect(stageFromVolumes([5, 0, 0, 0], null, { churnGapMultiple: 2 })).toBe("churned");
  });

  it("no purchase in any period (or no period) is churned", () => {
    expect(stageFromVolumes([0, 0, 0])).toBe("churned");
    expect(stageFromVolumes([])).toBe("churned");
    expect(stageFromVolumes([0, 0, 0], undefined)).toBe("churned");
  });
});

describe("churned with P(alive): below 0.1, and then the gap rule does not apply (docs/lifecycle.md §7)", () => {
  it("P(alive) 0.0999 is churned, 0.1 is not", () => {
    expect(stageFromVolumes([849, 1000, 1151], 0.0999)).toBe("churned");
    expect(stageFromVolumes([849, 1000, 1151], 0.1)).toBe("formation");
    expect(stageFromVolumes([849, 1000, 1151], 0)).toBe("churned");
    expect(stageFromVolumes([849, 1000, 1151], 1)).toBe("formation");
  });

  it("with P(alive) given, a long silence or no purchase at all is not churned", () => {
    expect(stageFromVolumes([4, 0, 0, 0, 0, 0], 0.5)).toBe("exploration");
    expect(stageFromVolumes([4, 0, 0, 0, 0, 0])).toBe("churned");
    expect(stageFromVolumes([0, 0, 0], 0.5)).toBe("exploration");
  });

  it("the P(alive) cut is an option: at 0.2, 0.15 is churned", () => {
    expect(stageFromVolumes([849, 1000, 1151], 0.15, { churnPAlive: 0.2 })).toBe("churned");
    expect(stageFromVolumes([849, 1000, 1151], 0.2, { churnPAlive: 0.2 })).toBe("formation");
  });

  it("refuses a P(alive) outside [0, 1]", () => {
    const e = thrown(() => stageFromVolumes([1, 2, 3], 1.01));
    expect(e.code).toBe(ErrorCodes.OutOfRange);
    expect(e.message).toBe("p_alive must be from 0 to 1; got 1.01");
    expect(e.where).toEqual({ argument: "p_alive" });
    expect(thrown(() => stageFromVolumes([1, 2, 3], -0.01)).message).toBe("p_alive must be from 0 to 1; got -0.01");
    expect(thrown(() => stageFromVolumes([1, 2, 3], NaN)).message).toBe("p_alive must be from 0 to 1; got NaN");
  });
});

describe("volumes must be numbers of 0 or more", () => {
  it("refuses a negative or non-finite volume, naming its period", () => {
    const e = thrown(() => stageFromVolumes([1, -1, 3]));
    expect(e.code).toBe(ErrorCodes.InvalidNumber);
    expect(e.message).toBe("volumes: period 2 holds -1; purchases per period must be numbers of 0 or more");
    expect(e.where).toEqual({ argument: "volumes" });
    expect(thrown(() => stageFromVolumes([NaN])).message).toBe("volumes: period 1 holds NaN; purchases per period must be numbers of 0 or more");
    expect(thrown(() => stageFromVolumes([1, 2, Infinity])).message).toBe("volumes: period 3 holds Infinity; purchases per period must be numbers of 0 or more");
    // A bad volume is refused even when P(alive) alone would decide.
    expect(() => stageFromVolumes([1, -1, 3], 0.01)).toThrow(CvaError);
  });
});
