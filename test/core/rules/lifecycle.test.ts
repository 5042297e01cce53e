/**
 * The customer life cycle, its exit patterns and its defaults pinned at every edge
 * (docs/lifecycle.md §2–§6). Every expected value is worked by hand in the comment beside it;
 * none comes from the code under test.
 *
 * Common setting unless a test says otherwise: observation end day 365, quarters of
 * 91.3125 days (365.25 / 4), 8 purchase days from day 0 to day 360 (mean gap 360 / 7 ≈ 51.4
 * days, silent 5 days: never churned by the gap rule).
 */
import {
  DEFAULT_LIFE_CYCLE, EXIT_PATTERNS, LIFE_CYCLE_STAGES, exitPatternLabel, lifeCycle, lifeCycleColumns, stageLabel,
  stageStrategy, volumeTrend, type LifeCycleInput,
} from "../../../src/core/segments/lifecycle";

const QUARTER = 91.3125;
const base: LifeCycleInput = { purchases: 8, first: 0, last: 360, end: 365, periodDays: QUARTER };
const FLAT = [30, 30, 30, 30]; // slope 0 → trend 0: stability
const RISING = [10, 20, 30, 40]; // slope 50/5 = 10, mean 25 → trend +0.4
const FALLING = [40, 30, 20, 10]; // slope −10, mean 25 → trend −0.4

/** The stage of one customer judged alone (no one-time buyer in the population). */
const stageOf = (c: Partial<LifeCycleInput>, options = {}) => lifeCycle([{ ...base, ...c }], options)[0];

describe("volume trend = least-squares slope / mean (docs/lifecycle.md §2)", () => {
  it("3, 7, 4, 10 has trend 0.3 (slope 1.8, mean 6)", () => {
    // k − k̄ = −1.5, −0.5, 0.5, 1.5; Σ(k − k̄)² = 2.25 + 0.25 + 0.25 + 2.25 = 5.
    // Σ(k − k̄)(y − ȳ) = Σ(k − k̄)·y = −4.5 − 3.5 + 2 + 15 = 9 → slope 9 / 5 = 1.8; ȳ = 24 / 4 = 6 → 1.8 / 6 = 0.3.
    expect(volumeTrend([3, 7, 4, 10])).toBeCloseTo(0.3, 14);
  });
  it("12, 5, 9, 2 has trend −13/35 (slope −2.6, mean 7)", () => {
    // Σ(k − k̄)·y = −18 − 2.5 + 4.5 + 3 = −13 → slope −13 / 5 = −2.6; ȳ = 28 / 4 = 7 → −2.6 / 7 = −13/35.
    expect(volumeTrend([12, 5, 9, 2])).toBeCloseTo(-13 / 35, 14);
  });
  it("three periods 2, 4, 9 have trend 0.7 (k̄ = (N − 1)/2 = 1)", () => {
    // k − k̄ = −1, 0, 1; Σ(k − k̄)² = 2; Σ(k − k̄)·y = −2 + 9 = 7 → slope 3.5; ȳ = 15 / 3 = 5 → 0.7.
    expect(volumeTrend(Float64Array.from([2, 4, 9]))).toBeCloseTo(0.7, 14);
  });
  it("one period has trend 0 and no period has none", () => {
    expect(volumeTrend([5])).toBe(0);
    expect(volumeTrend([])).toBeNull();
  });
  it("has no trend when the mean is 0 or below (docs/lifecycle.md §2)", () => {
    expect(volumeTrend([0, 0, 0, 0])).toBeNull(); // mean 0
    expect(volumeTrend([-10, 0, 0, 5])).toBeNull(); // mean −5/4 = −1.25
    expect(volumeTrend([0, 0, 0, 1])).toBeCloseTo(1.2, 14); // mean 0.25 > 0: slope (−1.5·0 … + 1.5·1)/5 = 0.3 → 0.3 / 0.25 = 1.2
  });
});

describe("trend threshold 0.15 (docs/lifecycle.md §3 rules 3–5)", () => {
  // Amounts 1000 + s·(k − 1.5): mean 1000, slope s, trend s / 1000.
  const linear = (s: number) => [1000 - 1.5 * s, 1000 - 0.5 * s, 1000 + 0.5 * s, 1000 + 1.5 * s];
  it("trend +0.151 is formation, +0.149 is stability", () => {
    expect(stageOf({ periodAmounts: linear(151) })).toEqual({ stage: "formation", exitPattern: null, trend: expect.closeTo(0.151, 12) });
    expect(stageOf({ periodAmounts: linear(149) })).toEqual({ stage: "stability", exitPattern: null, trend: expect.closeTo(0.149, 12) });
  });
  it("trend −0.151 is decline, −0.149 is stability", () => {
    expect(stageOf({ periodAmounts: linear(-151) }).stage).toBe("decline");
    expect(stageOf({ periodAmounts: linear(-149) }).stage).toBe("stability");
  });
  it("a trend of exactly ±0.15 is stability (formation is above +0.15, decline below −0.15)", () => {
    // 775, 925, 1075, 1225: Σ(k − k̄)(y − ȳ) = 337.5 + 37.5 + 37.5 + 337.5 = 750, /5 = 150, /1000 = 0.15 exactly.
    expect(stageOf({ periodAmounts: linear(150) })).toEqual({ stage: "stability", exitPattern: null, trend: 0.15 });
    expect(stageOf({ periodAmounts: linear(-150) })).toEqual({ stage: "stability", exitPattern: null, trend: -0.15 });
  });
  it("the threshold is a setting: at 0.5, a trend of +0.4 and −0.4 is stability; at 0.1, +0.149 is formation", () => {
    expect(stageOf({ periodAmounts: RISING }, { trendThreshold: 0.5 }).stage).toBe("stability");
    expect(stageOf({ periodAmounts: FALLING }, { trendThreshold: 0.5 }).stage).toBe("stability");
    expect(stageOf({ periodAmounts: linear(149) }, { trendThreshold: 0.1 }).stage).toBe("formation");
    expect(stageOf({ periodAmounts: linear(-149) }, { trendThreshold: 0.1 }).stage).toBe("decline");
  });
  it("no amount in the last N periods (mean ≤ 0) is decline, with no trend", () => {
    expect(stageOf({ periodAmounts: [0, 0, 0, 0] })).toEqual({ stage: "decline", exitPattern: null, trend: null });
    expect(stageOf({ periodAmounts: [-10, 0, 0, 5] })).toEqual({ stage: "decline", exitPattern: null, trend: null }); // mean −1.25
  });
  it("a customer known from profiles only (no period amounts) is stability past exploration", () => {
    expect(stageOf({})).toEqual({ stage: "stability", exitPattern: null, trend: null });
  });
});

describe("exploration: at most 2 purchases, or the first purchase within the last period (docs/lifecycle.md §3 rule 2)", () => {
  it("2 purchase days is exploration, 3 is not", () => {
    // gaps 360 and 180 days, silent 5 days: not churned.
    expect(stageOf({ purchases: 2, periodAmounts: FLAT }).stage).toBe("exploration");
    expect(stageOf({ purchases: 3, periodAmounts: FLAT }).stage).toBe("stability");
  });
  it("a one-time buyer is exploration", () => {
    expect(stageOf({ purchases: 1, first: 300, last: 300, periodAmounts: [0, 0, 0, 50] }).stage).toBe("exploration");
  });
  it("the maximum is a setting: with 4, 4 purchase days is exploration and 5 is not", () => {
    expect(stageOf({ purchases: 4, periodAmounts: FLAT }, { explorationMaxPurchases: 4 }).stage).toBe("exploration");
    expect(stageOf({ purchases: 5, periodAmounts: FLAT }, { explorationMaxPurchases: 4 }).stage).toBe("stability");
  });
  it("first purchase less than one period (91.3125 days) before the end is exploration; exactly one period is not", () => {
    // 365 − 273.7 = 91.3 < 91.3125 → exploration; 365 − 273.6875 = 91.3125, not less → stability; 365 − 273.6 = 91.4 → stability.
    expect(stageOf({ first: 273.7, periodAmounts: FLAT }).stage).toBe("exploration");
    expect(stageOf({ first: 273.6875, periodAmounts: FLAT }).stage).toBe("stability");
    expect(stageOf({ first: 273.6, periodAmounts: FLAT }).stage).toBe("stability");
  });
  it("exploration is reported with the trend of the amounts", () => {
    expect(stageOf({ purchases: 2, periodAmounts: [3, 7, 4, 10] })).toEqual({ stage: "exploration", exitPattern: null, trend: expect.closeTo(0.3, 14) });
  });
});

describe("churn by the gap rule: silent > 3 × mean inter-purchase time (docs/lifecycle.md §4)", () => {
  // 5 purchase days from day 0 to day 400: mean gap (400 − 0) / (5 − 1) = 100 days.
  const repeat = { purchases: 5, first: 0, last: 400, periodAmounts: FLAT };
  it("silent 299 days (2.99 ×) is not churned, 301 days (3.01 ×) is", () => {
    expect(stageOf({ ...repeat, end: 699 }).stage).toBe("stability");
    expect(stageOf({ ...repeat, end: 701 }).stage).toBe("churned");
  });
  it("silent exactly 3 × the mean gap (300 days) is not churned", () => {
    expect(stageOf({ ...repeat, end: 700 }).stage).toBe("stability");
  });
  it("the multiple is a setting: with 5, silent 499 days is not churned and 501 days is", () => {
    expect(stageOf({ ...repeat, end: 899 }, { churnGapMultiple: 5 }).stage).toBe("stability");
    expect(stageOf({ ...repeat, end: 901 }, { churnGapMultiple: 5 }).stage).toBe("churned");
  });
  it("a repeat buyer whose purchases span no time (mean gap 0) is not churned by the gap rule", () => {
    expect(stageOf({ purchases: 3, first: 100, last: 100, end: 365, periodAmounts: FLAT }).stage).toBe("stability");
  });
  it("a churned customer still reports the trend of its last N periods", () => {
    expect(stageOf({ ...repeat, end: 701, periodAmounts: [3, 7, 4, 10], exitPeriodAmounts: RISING }).trend).toBeCloseTo(0.3, 14);
  });
});

describe("churn by P(alive) < 0.1 when a model gives it (docs/lifecycle.md §4)", () => {
  it("P(alive) 0.099 is churned, 0.1 is not", () => {
    expect(stageOf({ periodAmounts: RISING, pAlive: 0.099 }).stage).toBe("churned");
    expect(stageOf({ periodAmounts: RISING, pAlive: 0.1 }).stage).toBe("formation");
  });
  it("with P(alive) the gap rule still holds: a high P(alive) does not keep a customer silent beyond its gap (docs/customer-state.md §2)", () => {
    // Silent 265 days after 8 purchases in 100 days (mean gap 14.3, the only customer: the population's too): churned by the gap rule.
    const silent = { last: 100, periodAmounts: [50, 50, 0, 0] }; // slope −100/5 = −20, mean 25: trend −0.8 → decline
    expect(stageOf(silent).stage).toBe("churned");
    expect(stageOf({ ...silent, pAlive: 0.1 }).stage).toBe("churned");
    expect(stageOf({ ...silent, pAlive: 1 }).stage).toBe("churned");
    // Silent 42 days ≤ 3 × 14.3 = 42.9 (end 142): the model's P(alive) decides.
    expect(stageOf({ ...silent, end: 142, pAlive: 1 }).stage).toBe("decline");
    expect(stageOf({ ...silent, end: 142, pAlive: 0.099 }).stage).toBe("churned");
  });
  it("P(alive) null, undefined or NaN falls back to the gap rule", () => {
    const silent = { last: 100, periodAmounts: [50, 50, 0, 0] };
    expect(stageOf({ ...silent, pAlive: null }).stage).toBe("churned");
    expect(stageOf({ ...silent, pAlive: Number.NaN }).stage).toBe("churned");
    expect(stageOf({ ...silent, pAlive: undefined }).stage).toBe("churned");
    // And a customer the gap rule keeps stays in its stage.
    expect(stageOf({ periodAmounts: RISING, pAlive: null }).stage).toBe("formation");
    expect(stageOf({ periodAmounts: RISING, pAlive: Number.NaN }).stage).toBe("formation");
  });
  it("the cut is a setting: at 0.2, P(alive) 0.199 is churned and 0.2 is not", () => {
    expect(stageOf({ periodAmounts: RISING, pAlive: 0.199 }, { churnPAlive: 0.2 }).stage).toBe("churned");
    expect(stageOf({ periodAmounts: RISING, pAlive: 0.2 }, { churnPAlive: 0.2 }).stage).toBe("formation");
  });
});

describe("one-time buyers and the gap rule: \"population\" (default) or \"never\" (docs/lifecycle.md §4)", () => {
  // Repeat buyers, end day 500: gaps (100 − 0)/2 = 50, (40 − 0)/4 = 10, (260 − 200)/1 = 60.
  // Population mean gap = (50 + 10 + 60) / 3 = 40 days → a one-time buyer churns when silent > 3 × 40 = 120 days.
  // (The pooled gap 200 / 7 = 28.6 or the median 50 would put the cut at 85.7 or 150 days.)
  const end = 500;
  const population: LifeCycleInput[] = [
    { purchases: 3, first: 0, last: 100, end, periodDays: QUARTER },
    { purchases: 5, first: 0, last: 40, end, periodDays: QUARTER },
    { purchases: 2, first: 200, last: 260, end, periodDays: QUARTER },
    { purchases: 1, first: 381, last: 381, end, periodDays: QUARTER }, // silent 119 ≤ 120
    { purchases: 1, first: 379, last: 379, end, periodDays: QUARTER }, // silent 121 > 120
  ];
  it("by default a one-time buyer silent 119 days is exploration and 121 days is churned (pattern A)", () => {
    const r = lifeCycle(population);
    expect(r[3]).toEqual({ stage: "exploration", exitPattern: null, trend: null });
    expect(r[4]).toEqual({ stage: "churned", exitPattern: "A", trend: null });
    // The repeat buyers by their own gaps: silent 400 > 150, 460 > 30, 240 > 180 → all churned.
    expect(r.slice(0, 3).map((c) => c.stage)).toEqual(["churned", "churned", "churned"]);
  });
  it("\"population\" is the default: giving it changes nothing", () => {
    expect(lifeCycle(population, { oneTimeBuyerGap: "population" }).map((c) => c.stage)).toEqual(["churned", "churned", "churned", "exploration", "churned"]);
  });
  it("with \"never\", one-time buyers are never churned by the gap rule; repeat buyers still are", () => {
    const r = lifeCycle(population, { oneTimeBuyerGap: "never" });
    expect(r.map((c) => c.stage)).toEqual(["churned", "churned", "churned", "exploration", "exploration"]);
  });
  it("with no repeat buyer there is no population gap: one-time buyers never churn", () => {
    const r = lifeCycle([
      { purchases: 1, first: 0, last: 0, end: 1000, periodDays: QUARTER },
      { purchases: 1, first: 10, last: 10, end: 1000, periodDays: QUARTER },
    ]);
    expect(r.map((c) => c.stage)).toEqual(["exploration", "exploration"]);
  });
  it("a model's P(alive) does not override the population gap for one-time buyers (BG/NBD gives them 1; docs/customer-state.md §2)", () => {
    const r = lifeCycle([...population.slice(0, 3), { ...population[4], pAlive: 1 }, { ...population[3], pAlive: 0.05 }, { ...population[3], pAlive: 1 }]);
    // Silent 121 > 120 with P(alive) 1: churned; silent 119 with P(alive) 0.05: churned by the model; silent 119 with 1: exploration.
    expect(r[3]).toEqual({ stage: "churned", exitPattern: "A", trend: null });
    expect(r[4]).toEqual({ stage: "churned", exitPattern: "A", trend: null });
    expect(r[5]).toEqual({ stage: "exploration", exitPattern: null, trend: null });
  });
  it("a repeat buyer must be silent beyond the population's gap as well as 3 × its own", () => {
    // Population gaps 50, 10, 60 → 40 days (3 × 40 = 120). Customer 1 (own gap 10, 3 × 10 = 30), end 159: silent 119 ≤ 120
    // is not churned though beyond its own gap; end 161: silent 121 > 120, churned.
    const at = (e: number) => lifeCycle(population.slice(0, 3).map((c, i) => (i === 1 ? { ...c, end: e } : c)))[1].stage;
    expect(at(159)).toBe("stability"); // no period amounts: past exploration is stability
    expect(at(161)).toBe("churned");
  });
  it("a repeat buyer whose own gap is longer than the population's is judged by its own", () => {
    // Customer 3 (2 purchases, days 200 and 260): own gap (260 − 200)/(2 − 1) = 60 > 40, so it churns
    // beyond 3 × 60 = 180 days of silence, not 120: end 439 (silent 179) is not churned, end 441
    // (silent 181) is. Its own gap divides by purchases − 1 = 1: by purchases + 1 = 3 it would be 20
    // and the population's 40 would rule at 120 days.
    const at = (e: number) => lifeCycle(population.slice(0, 3).map((c, i) => (i === 2 ? { ...c, end: e } : c)))[2].stage;
    expect(at(379)).not.toBe("churned"); // silent 119: within both 120 and 180
    expect(at(439)).not.toBe("churned"); // silent 179 > 120 (the population's) but ≤ 180 (its own)
    expect(at(441)).toBe("churned");
  });
});

describe("rule order: churned, exploration, formation, decline, stability (docs/lifecycle.md §3)", () => {
  it("churned wins over exploration (2 purchases, silent 355 > 3 × 10 days)", () => {
    expect(stageOf({ purchases: 2, last: 10, periodAmounts: RISING })).toEqual({ stage: "churned", exitPattern: "A", trend: expect.closeTo(0.4, 14) });
  });
  it("churned wins over formation and decline (P(alive) 0.05)", () => {
    expect(stageOf({ periodAmounts: RISING, pAlive: 0.05 }).stage).toBe("churned");
    expect(stageOf({ periodAmounts: FALLING, pAlive: 0.05 }).stage).toBe("churned");
  });
  it("exploration wins over formation, decline and 'no amount'", () => {
    expect(stageOf({ purchases: 2, periodAmounts: RISING }).stage).toBe("exploration");
    expect(stageOf({ purchases: 2, periodAmounts: FALLING }).stage).toBe("exploration");
    expect(stageOf({ first: 300, periodAmounts: [0, 0, 0, 0] }).stage).toBe("exploration");
    expect(stageOf({ first: 300, periodAmounts: FALLING }).stage).toBe("exploration");
  });
  it("past exploration: +0.4 formation, −0.4 decline, flat stability", () => {
    expect(stageOf({ periodAmounts: RISING }).stage).toBe("formation");
    expect(stageOf({ periodAmounts: FALLING }).stage).toBe("decline");
    expect(stageOf({ periodAmounts: FLAT })).toEqual({ stage: "stability", exitPattern: null, trend: 0 });
  });
});

describe("exit patterns A/B/C/D: the stage as of the last purchase (docs/lifecycle.md §5)", () => {
  const churned = { pAlive: 0 };
  it("left in exploration → A, formation → B, decline → D", () => {
    expect(stageOf({ ...churned, purchases: 2, exitPeriodAmounts: FLAT }).exitPattern).toBe("A");
    expect(stageOf({ ...churned, exitPeriodAmounts: RISING }).exitPattern).toBe("B");
    expect(stageOf({ ...churned, exitPeriodAmounts: FALLING }).exitPattern).toBe("D");
    expect(stageOf({ ...churned, exitPeriodAmounts: [0, 0, 0, 0] }).exitPattern).toBe("D"); // no amount: decline
  });
  it("the exit periods, not the current ones, decide", () => {
    expect(stageOf({ ...churned, periodAmounts: FALLING, exitPeriodAmounts: RISING }).exitPattern).toBe("B");
    expect(stageOf({ ...churned, periodAmounts: RISING, exitPeriodAmounts: FALLING }).exitPattern).toBe("D");
  });
  it("without exit periods, the current periods decide; without either, stability", () => {
    expect(stageOf({ ...churned, periodAmounts: RISING }).exitPattern).toBe("B");
    // Alone in its population, its tenure 360 is the median: stability at the median → D.
    expect(stageOf({ ...churned }).exitPattern).toBe("D");
  });
  it("'first purchase within the last period' is measured back from the last purchase", () => {
    // first 0, last 91: 91 < 91.3125 → exploration at exit → A; last 91.3125 → not → stability (alone: at median) → D.
    expect(stageOf({ ...churned, last: 91, exitPeriodAmounts: FLAT }).exitPattern).toBe("A");
    expect(stageOf({ ...churned, last: QUARTER, exitPeriodAmounts: FLAT }).exitPattern).toBe("D");
    // The end is far away (365 − 0 ≥ a quarter) but that does not matter for the exit stage.
    // With the first purchase on day 100: last 191 → 91 days → A; last 191.3125 → one full period → D.
    expect(stageOf({ ...churned, first: 100, last: 191, exitPeriodAmounts: FLAT }).exitPattern).toBe("A");
    expect(stageOf({ ...churned, first: 100, last: 191.3125, exitPeriodAmounts: FLAT }).exitPattern).toBe("D");
  });
  it("the exit stage uses the same thresholds: exit trend 0.151 → B, 0.149 → stability (D alone)", () => {
    expect(stageOf({ ...churned, exitPeriodAmounts: [773.5, 924.5, 1075.5, 1226.5] }).exitPattern).toBe("B");
    expect(stageOf({ ...churned, exitPeriodAmounts: [776.5, 925.5, 1074.5, 1223.5] }).exitPattern).toBe("D");
    expect(stageOf({ ...churned, purchases: 3, exitPeriodAmounts: RISING }).exitPattern).toBe("B");
    expect(stageOf({ ...churned, purchases: 3, exitPeriodAmounts: RISING }, { explorationMaxPurchases: 3 }).exitPattern).toBe("A");
    expect(stageOf({ ...churned, exitPeriodAmounts: RISING }, { trendThreshold: 0.5 }).exitPattern).toBe("D");
  });
  it("a customer who is not churned has no exit pattern", () => {
    expect(stageOf({ exitPeriodAmounts: RISING, periodAmounts: FLAT, pAlive: 0.5 }).exitPattern).toBeNull();
  });

  // C vs D: stability at exit with a tenure (last − first) below the median of ALL customers' tenures → C, else D.
  const stable = (tenure: number): LifeCycleInput => ({ ...base, last: tenure, exitPeriodAmounts: FLAT, pAlive: 0 });
  const oneTime: LifeCycleInput = { purchases: 1, first: 200, last: 200, end: 365, periodDays: QUARTER, pAlive: 0 }; // tenure 0
  it("odd population: tenures 0, 199, 200, 201, 400 → median 200: 199 → C, 200 → D, 201 → D", () => {
    // Sorted 0, 199, 200, 201, 400: the middle (3rd) is 200. The one-time buyer (tenure 0) counts;
    // without it the median would be (200 + 201)/2 = 200.5 and tenure 200 would be C.
    const r = lifeCycle([oneTime, stable(199), stable(200), stable(201), stable(400)]);
    expect(r.map((c) => c.exitPattern)).toEqual(["A", "C", "D", "D", "D"]);
  });
  it("even population: tenures 0, 100, 190, 230, 300, 400 → median (190 + 230)/2 = 210: 190 → C, 230 → D", () => {
    const r = lifeCycle([stable(400), oneTime, stable(190), stable(300), stable(100), stable(230)]);
    expect(r.map((c) => c.exitPattern)).toEqual(["D", "A", "C", "D", "C", "D"]);
  });
  it("even population at the median: tenures 0, 150, 200, 200, 250, 400 → median (200 + 200)/2 = 200: 200 → D", () => {
    const r = lifeCycle([oneTime, stable(150), stable(200), stable(200), stable(250), stable(400)]);
    expect(r.map((c) => c.exitPattern)).toEqual(["A", "C", "D", "D", "D", "D"]);
  });
  it("the median counts customers who are not churned; decline is D below the median", () => {
    // Tenures 360, 360, 360 (alive), 150 (stable exit), 100 (declining exit): sorted 100, 150, 360, 360, 360 → median 360.
    const alive = { ...base, periodAmounts: FLAT };
    const r = lifeCycle([alive, alive, alive, stable(150), { ...stable(100), exitPeriodAmounts: FALLING }]);
    expect(r.map((c) => c.exitPattern)).toEqual([null, null, null, "C", "D"]);
  });
});

describe("defaults (docs/lifecycle.md §3–§4)", () => {
  it("are trend 0.15, exploration 2 purchases, P(alive) 0.1, gap multiple 3, one-time buyers by the population", () => {
    expect(DEFAULT_LIFE_CYCLE).toEqual({ trendThreshold: 0.15, explorationMaxPurchases: 2, churnPAlive: 0.1, churnGapMultiple: 3, oneTimeBuyerGap: "population" });
  });
  it("a partial setting keeps the other defaults", () => {
    // trendThreshold changed; the gap multiple stays 3 (silent 301 > 300 churns) and exploration stays 2.
    expect(stageOf({ purchases: 5, last: 400, end: 701, periodAmounts: FLAT }, { trendThreshold: 0.5 }).stage).toBe("churned");
    expect(stageOf({ purchases: 2, periodAmounts: FLAT }, { churnGapMultiple: 5 }).stage).toBe("exploration");
    expect(stageOf({ periodAmounts: RISING, pAlive: 0.099 }, { trendThreshold: 0.5 }).stage).toBe("churned");
  });
});

describe("lifeCycleColumns: the same rules by column (docs/output.md §9)", () => {
  it("gives stage and exit-pattern indices, reusing one input object, with the population and options", () => {
    expect(LIFE_CYCLE_STAGES).toEqual(["exploration", "formation", "stability", "decline", "churned"]);
    expect(EXIT_PATTERNS).toEqual(["A", "B", "C", "D"]);
    const inputs: LifeCycleInput[] = [
      { ...base, periodAmounts: RISING }, // formation (1)
      { ...base, periodAmounts: FALLING }, // decline (3)
      { ...base, periodAmounts: FLAT }, // stability (2)
      { ...base, purchases: 2, periodAmounts: FLAT }, // exploration (0)
      { ...base, periodAmounts: RISING, exitPeriodAmounts: RISING, pAlive: 0.05 }, // churned (4), left in formation: B (1)
      { purchases: 1, first: 0, last: 0, end: 365, periodDays: QUARTER }, // one-time buyer, silent 365 > 3 × 96.7 = 290: churned, A (0)
      { ...base, last: 100, end: 400, exitPeriodAmounts: FLAT }, // gap 100/7, silent 300 > 290: churned; tenure 100 < median 360: C (2)
    ];
    // Population gap: repeat buyers' gaps 360/7 (×4), 360/1, 100/7 → (1440/7 + 360 + 100/7) / 6 = (220 + 360) / 6 = 96.67, × 3 = 290 days.
    // Tenures 360 ×5, 0, 100 → sorted 0, 100, 360, 360, 360, 360, 360 → median 360.
    const fill = (i: number, into: LifeCycleInput) => Object.assign(into, { periodAmounts: undefined, exitPeriodAmounts: undefined, pAlive: undefined }, inputs[i]);
    const cols = lifeCycleColumns(inputs.length, fill);
    expect(Array.from(cols.stage)).toEqual([1, 3, 2, 0, 4, 4, 4]);
    expect(Array.from(cols.exitPattern)).toEqual([-1, -1, -1, -1, 1, 0, 2]);
    // Options reach the rules: threshold 0.5 makes ±0.4 stability (also at exit: customer 4 left in stability
    // with tenure 360 = the median → D); "never" spares the one-time buyer.
    const wide = lifeCycleColumns(inputs.length, fill, { trendThreshold: 0.5, oneTimeBuyerGap: "never" });
    expect(Array.from(wide.stage)).toEqual([2, 2, 2, 0, 4, 0, 4]);
    expect(Array.from(wide.exitPattern)).toEqual([-1, -1, -1, -1, 3, -1, 2]);
  });
  it("asks input() only for customers 0 … n − 1", () => {
    const asked = new Set<number>();
    const cols = lifeCycleColumns(3, (i, into) => {
      asked.add(i);
      return Object.assign(into, { ...base, periodAmounts: FLAT });
    });
    expect([...asked].sort()).toEqual([0, 1, 2]);
    expect(Array.from(cols.stage)).toEqual([2, 2, 2]); // flat amounts, not churned: stability
  });
});

describe("stage names, strategies and exit pattern names (docs/lifecycle.md §1, §5, §6)", () => {
  it("names the stages in both languages", () => {
    expect(LIFE_CYCLE_STAGES.map((s) => stageLabel(s, "en-US"))).toEqual(["Exploration", "Formation", "Stability", "Decline", "Churned"]);
    expect(LIFE_CYCLE_STAGES.map((s) => stageLabel(s, "zh-CN"))).toEqual(["考察期", "形成期", "稳定期", "退化期", "流失"]);
  });
  it("gives each stage its strategy", () => {
    expect(stageStrategy("exploration", "en-US")).toBe("Win the trial: lowest price or best quality.");
    expect(stageStrategy("formation", "en-US")).toBe("Satisfaction and loyalty programmes.");
    expect(stageStrategy("decline", "zh-CN")).toBe("投诉补救、提高转换壁垒、挽回客户。");
    expect(stageStrategy("churned", "en-US")).toBe("Win back customers of value; spend nothing more on the others.");
  });
  it("names the exit patterns", () => {
    expect(EXIT_PATTERNS.map((p) => exitPatternLabel(p, "en-US"))).toEqual(["A: Early abortive", "B: Mid-way", "C: Early exit", "D: Long kept"]);
    expect(exitPatternLabel("C", "zh-CN")).toBe("C：提前退出型");
  });
});
