// The analysis's prediction intervals (src/core/analyze/intervals.ts, docs/models/uncertainty.md §8–§9):
// - CDNOW: customer equity's 90 % interval in the report contains Σ CLV, is exactly the equity
//   interval predictionIntervals gives for the same prediction (predictBtyd run here on the
//   analysis's own summaries), and the same seed gives the same interval; the note says it in
//   both languages.
// - Tier uncertainty: the count equals a brute-force check that re-ranks the pyramid with one
//   customer's CLV moved to its interval's low and high ends, everyone else held fixed.
// - Hand-worked cases of tierUncertainty (ties, an empty tier, tier 0).
// - Without lifetime.intervals the result keeps no per-customer bands; the report is the same.
// - No count model, another value measure: the fields are null.
// - The report forecast's 12 months: repeat purchases and revenue with the predictive interval
//   (src/core/clv/predictive-forecast.ts) computed here for the same prediction, and its sentence.
import {
  analyzeColumns, assignTiers, DEFAULT_TIER_SHARES, predictBtyd, predictionIntervals, predictiveForecast, tierUncertainty, type BtydPrediction, type PredictionIntervals, type PredictiveForecast,
} from "../../src/core";
import { cdnowTransactions } from "./clv/cdnow";

const options = { end: "1997-09-30", unit: "weeks" as const, lifetime: { intervals: true } };
const en = analyzeColumns({ transactions: cdnowTransactions() }, options);
const s = en.customers.columns.summaries;

describe("customer equity's interval on CDNOW", () => {
  const e = en.report.model.equityInterval;

  test("contains Σ CLV; 90 %, 200 draws, seed 1", () => {
    expect(e).not.toBeNull();
    if (!e) return;
    let sum = 0;
    for (let i = 0; i < en.customers.length; i++) sum += en.customers.columns.clv[i];
    expect(e.estimate).toBeCloseTo(sum, 6);
    expect([e.level, e.draws, e.seed]).toEqual([0.9, 200, 1]);
    expect(e.low).toBeLessThan(e.estimate);
    expect(e.high).toBeGreaterThan(e.estimate);
    // Measured 71,552 [65,186 – 77,706] with predictionIntervals on the published summary (docs/models/uncertainty.md §8);
    // the analysis summarises the transactions itself (the same 2,357 customers): within 1 %.
    expect(e.estimate).toBeGreaterThan(71552 * 0.99);
    expect(e.estimate).toBeLessThan(71552 * 1.01);
    expect(e.low / 65186).toBeCloseTo(1, 1);
    expect(e.high / 77706).toBeCloseTo(1, 1);
  });

  test("equals predictionIntervals' equity for the same prediction and seed", () => {
    const r = predictBtyd(s, { unit: "weeks" }) as BtydPrediction;
    expect(r.fitted).toBe(true);
    const iv = predictionIntervals(r, s, { level: 0.9, draws: 200, seed: 1 }) as PredictionIntervals;
    expect(iv.ok).toBe(true);
    expect(en.report.model.equityInterval).toEqual({ level: 0.9, estimate: iv.equity.estimate, low: iv.equity.low, high: iv.equity.high, draws: 200, seed: 1 });
    // The per-customer bands are predictionIntervals' too.
    expect(Array.from(en.intervals?.clv.low ?? [])).toEqual(Array.from(iv.clv.low));
    expect(Array.from(en.intervals?.pAlive.high ?? [])).toEqual(Array.from(iv.pAlive.high));
    // Another seed gives another interval: the seed is really used.
    const other = predictionIntervals(r, s, { level: 0.9, draws: 200, seed: 2 }) as PredictionIntervals;
    expect(other.equity.low).not.toBe(iv.equity.low);
  });

  test("the same seed gives the same interval on a second analysis", () => {
    const again = analyzeColumns({ transactions: cdnowTransactions() }, options);
    expect(again.report.model.equityInterval).toEqual(en.report.model.equityInterval);
  });

  test("the note says what the interval means, in both languages", () => {
    expect(en.report.model.intervalNote).toMatch(
      /^Customer equity is 7\d,\d{3}; given how precisely the model's parameters are known from these data, it lies between 6\d,\d{3} and 7\d,\d{3} with 90 % probability \(200 draws of the parameters, seed 1; equity is an expected value, so only the parameters' uncertainty counts, not each customer's own chance variation\)\.$/,
    );
    const zh = analyzeColumns({ transactions: cdnowTransactions() }, { ...options, lang: "zh-CN" });
    expect(zh.report.model.intervalNote).toMatch(/^客户资产为 7\d,\d{3}；按本数据对模型参数的估计精度，它有 90% 的概率落在 6\d,\d{3} 至 7\d,\d{3} 之间（参数抽样 200 次，随机种子 1；客户资产是期望值，只计参数的不确定性，不含每位客户自身的随机波动）。$/);
    expect(zh.report.model.forecastInterval?.text).toMatch(
      /^未来 12 个月客户预计重复购买 [\d,]+ 次、金额 [\d,]+；他们实际的购买有 90% 的概率落在 [\d,]+ 至 [\d,]+ 次、金额 [\d,]+ 至 [\d,]+ 之间（预测区间：参数抽样 200 次，每次模拟每位客户的购买，随机种子 1；/,
    );
    expect(zh.report.model.tierUncertain?.text).toBe(`${en.report.model.tierUncertain?.count} 位客户的层级不确定：其终生价值的 90% 区间越过了换层的临界值。`);
  });
});

describe("the next 12 months' purchases: a predictive interval, CDNOW", () => {
  const f = en.report.model.forecastInterval;

  test("is predictiveForecast's for the report's months (90 %, 200 draws, seed 1) around the forecast's totals", () => {
    expect(f).toBeDefined();
    if (!f) return;
    const r = predictBtyd(s, { unit: "weeks" }) as BtydPrediction;
    const st = r.settings;
    const p = predictiveForecast(r, s, { periods: 12, periodLength: st.perMonth, discount: st.discount, margin: st.margin }, { level: 0.9, draws: 200, seed: 1 }) as PredictiveForecast;
    expect(p.ok).toBe(true);
    expect([f.level, f.months, f.draws, f.seed]).toEqual([0.9, 12, 200, 1]);
    expect(f.transactions).toEqual(p.transactions);
    expect(f.revenue).toEqual(p.revenue);
    // The estimates are the report forecast's own totals.
    expect(f.transactions.estimate).toBeCloseTo(en.report.model.forecast?.transactions ?? NaN, 9);
    expect(f.revenue.estimate).toBeCloseTo(en.report.model.forecast?.revenue ?? NaN, 9);
    expect(f.transactions.low).toBeLessThan(f.transactions.estimate);
    expect(f.transactions.high).toBeGreaterThan(f.transactions.estimate);
  });

  test("the sentence names it a predictive interval of what will be bought, with the figures rounded", () => {
    if (!f) throw new Error("no forecast interval");
    const w = (v: number) => Math.round(v).toLocaleString("en-US");
    expect(f.text).toBe(
      `In the next 12 months the customers are expected to make ${w(f.transactions.estimate)} repeat purchases worth ${w(f.revenue.estimate)}; what they will actually buy lies between ` +
        `${w(f.transactions.low)} and ${w(f.transactions.high)} purchases and ${w(f.revenue.low)} and ${w(f.revenue.high)} with 90 % probability (a predictive interval: 200 draws of the parameters, ` +
        "each with every customer's purchases simulated, seed 1; it adds each customer's own chance to the parameters' uncertainty, as a total that will be observed must).",
    );
  });

  test("no model: none; and without the intervals option none either (it simulates every customer's purchases), while the equity keeps its interval", () => {
    const none = analyzeColumns({ transactions: cdnowTransactions() }, { ...options, model: "none" });
    expect(none.report.model.forecastInterval).toBeUndefined();
    const plain = analyzeColumns({ transactions: cdnowTransactions() }, { ...options, lifetime: {} });
    expect(plain.report.model.forecastInterval).toBeUndefined();
    expect(plain.report.model.equityInterval).toEqual(en.report.model.equityInterval);
  });
});

describe("customers whose tier is uncertain, CDNOW", () => {
  test("the count equals re-ranking with each customer's CLV at its interval's ends", () => {
    const iv = en.intervals;
    expect(iv).not.toBeNull();
    if (!iv) return;
    const values = Float64Array.from(en.customers.columns.value);
    const tiers = en.customers.columns.tier;
    expect(en.report.valueMeasure).toBe("clv");
    // Brute force, O(n² log n): customer i's tier with its value at low and at high, the others fixed.
    let brute = 0;
    const flags = iv.tierUncertain;
    expect(flags).not.toBeNull();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      values[i] = iv.clv.low[i];
      const atLow = assignTiers(values, DEFAULT_TIER_SHARES)[i];
      values[i] = iv.clv.high[i];
      const atHigh = assignTiers(values, DEFAULT_TIER_SHARES)[i];
      values[i] = v;
      const uncertain = atLow !== tiers[i] || atHigh !== tiers[i] ? 1 : 0;
      brute += uncertain;
      expect([i, flags?.[i]]).toEqual([i, uncertain]);
    }
    const t = en.report.model.tierUncertain;
    expect(t?.count).toBe(brute);
    expect(t?.level).toBe(0.9);
    // Some, not all: the interval is a few percent wide and the cutoffs cut through dense values.
    expect(brute).toBeGreaterThan(0);
    expect(brute).toBeLessThan(values.length / 2);
    expect(t?.text).toBe(`${brute} customers have an uncertain tier: the 90 % interval of their CLV reaches past the value at which they would move to another tier.`);
  });
});

describe("tierUncertainty by hand", () => {
  test("a customer's tier at its interval's ends, the others fixed", () => {
    // Values [10, 5, 4], shares [1/3, 2/3]: ranks 1, 2, 3 → tiers 1, 2, 2.
    // 0 at 4: 5 is above it → rank 2 → tier 2, falls. 1 at 10: nobody above (10 ties) → rank 1 → tier 1, rises.
    // 2 at 3: rank 3, at 5: rank 2 (10 above) → tier 2 both.
    expect(tierUncertainty([1, 2, 2], [10, 5, 4], [4, 4, 3], [11, 10, 5], [1 / 3, 2 / 3])).toEqual({ uncertain: Uint8Array.from([1, 1, 0]), count: 2 });
    // At the cutoffs themselves: 0 at 5 ties 5 for rank 1 → stays; 1 at 9.99 has 10 above → rank 2 → stays.
    expect(tierUncertainty([1, 2, 2], [10, 5, 4], [5, 4, 3], [11, 9.99, 5], [1 / 3, 2 / 3]).count).toBe(0);
  });

  test("a tie group straddling a cut moves the cutoff to the group's value", () => {
    // Values [9, 5, 5, 1], shares [1/4, 1/4, 1/2]: the 5s tie at rank 2 → both tier 2 (ranks 2 and 3).
    // Customer 3 (1, tier 3) rises at 5 (ties the group, rank 2); customer 1 at 4.9 has 9 and the other 5 above:
    // rank 3 → 3/4 > 1/2 → tier 3, though 4.9 is above the highest value of tier 3 (1).
    expect(Array.from(assignTiers([9, 5, 5, 1], [0.25, 0.25, 0.5]))).toEqual([1, 2, 2, 3]);
    const r = tierUncertainty([1, 2, 2, 3], [9, 5, 5, 1], [9, 4.9, 5, 0.5], [9, 5, 5, 5], [0.25, 0.25, 0.5]);
    expect(Array.from(r.uncertain)).toEqual([0, 1, 0, 1]);
  });

  test("tier 0 and bounds that are not numbers are never flagged", () => {
    expect(tierUncertainty([0, 0], [1, 1], [0, 0], [2, 2]).count).toBe(0);
    expect(tierUncertainty([1, 2], [10, 5], [NaN, NaN], [NaN, NaN], [0.5, 0.5]).count).toBe(0);
  });
});

describe("when there is nothing to draw from", () => {
  test("another value measure: equity interval kept, no tier flags", () => {
    const rev = analyzeColumns({ transactions: cdnowTransactions() }, { ...options, valueMeasure: "revenue" });
    expect(rev.report.model.equityInterval).toEqual(en.report.model.equityInterval);
    expect(rev.report.model.tierUncertain).toBeNull();
    expect(rev.intervals?.tierUncertain).toBeNull();
  });

  test("without lifetime.intervals: no per-customer bands, the same report figures", () => {
    const plain = analyzeColumns({ transactions: cdnowTransactions() }, { end: "1997-09-30", unit: "weeks" });
    expect(plain.intervals).toBeNull();
    expect(plain.report.model.equityInterval).toEqual(en.report.model.equityInterval);
    expect(plain.report.model.tierUncertain).toEqual(en.report.model.tierUncertain);
  });

  test("no model: every interval field null", () => {
    const none = analyzeColumns({ transactions: cdnowTransactions() }, { ...options, model: "none" });
    expect(none.intervals).toBeNull();
    expect([none.report.model.equityInterval, none.report.model.intervalNote, none.report.model.tierUncertain]).toEqual([null, null, null]);
  });
});
