/**
 * The forecast of the whole base and the value of a new customer (src/core/clv/forecast.ts,
 * docs/models/forecast.md):
 * - the fast sum (forecast-sum.ts) against the direct per-customer sum of each model's own
 *   E[Y(t) | x, t_x, T], to 1e-9 relative per period, on CDNOW and on seeded populations;
 * - small cases worked by hand (values in the comments), and BG/NBD values from Python lifetimes;
 * - the new customer's schedule against E[X(t)], CLV:CAC and the payback period by hand;
 * - the forecast total of the next 52 weeks against simulated truth: forecast-simulated.test.ts
 *   (its 20 fits take ~10 s, kept apart so that this file stays fast enough to judge mutants);
 * - the keyed errors for bad options, in both languages.
 */
import * as fs from "fs";
import * as path from "path";
import { countModel, COUNT_MODEL_IDS, type CountModel, type CountParams, type CountModelId } from "../../../src/core/clv/models";
import { forecastBase, newCustomerValue, describeForecast, describeNewCustomer, MAX_FORECAST_PERIODS } from "../../../src/core/clv/forecast";
import { errorText } from "../../../src/core/i18n/errors";
import { cdnowSummary } from "./cdnow";
import { cohort, Mulberry, simulateBgNbd, simulateParetoNbd } from "./simulate";
import { thrown } from "../../support/thrown";

const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/lifetimes-cdnow.json"), "utf8")) as {
  fits: Record<string, { params: CountParams }>;
};
/** lifetimes' own fits on CDNOW (test/fixtures/lifetimes-cdnow.json). */
const LIFETIMES: Record<CountModelId, CountParams> = {
  bgnbd: fixture.fits["BG/NBD"].params,
  mbgnbd: fixture.fits["MBG/NBD"].params,
  paretonbd: fixture.fits["Pareto/NBD"].params,
};

interface Data {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/** The direct sum: every customer's E[Y(t)] at every period end, differenced. O(n·H) model calls. */
function direct(model: CountModel, params: CountParams, data: Data, spend: ArrayLike<number>, periods: number, L: number) {
  const units = new Float64Array(periods), revenue = new Float64Array(periods);
  for (let i = 0; i < data.frequency.length; i++) {
    let prev = 0;
    for (let k = 0; k < periods; k++) {
      const e = model.expectedPurchases(params, (k + 1) * L, data.frequency[i], data.recency[i], data.T[i]);
      units[k] += e - prev;
      revenue[k] += (e - prev) * spend[i];
      prev = e;
    }
  }
  return { units, revenue };
}

/** Largest relative difference of the forecast's rows and totals from the direct sum. */
function worstAgainstDirect(model: CountModel, params: CountParams, data: Data, spend: ArrayLike<number>, periods: number, L: number): number {
  const f = forecastBase(model, params, data, spend, { periods, periodLength: L });
  const d = direct(model, params, data, spend, periods, L);
  let worst = 0, units = 0, revenue = 0;
  for (let k = 0; k < periods; k++) {
    worst = Math.max(worst, Math.abs(f.rows[k].transactions / d.units[k] - 1), Math.abs(f.rows[k].revenue / d.revenue[k] - 1));
    units += d.units[k];
    revenue += d.revenue[k];
  }
  return Math.max(worst, Math.abs(f.transactions / units - 1), Math.abs(f.revenue / revenue - 1));
}

describe("forecastBase agrees with the direct per-customer sum to 1e-9 relative", () => {
  const cdnow = cdnowSummary();
  // Spend per customer: lifetimes' Gamma-Gamma expected spend (column gg_expected_value of the fixture).
  const lines = fs.readFileSync(path.resolve(__dirname, "../../fixtures/lifetimes-cdnow.csv"), "utf8").trim().split(/\r?\n/);
  const column = lines[0].split(",").indexOf("gg_expected_value");
  const ggSpend = lines.slice(1).map((l) => Number(l.split(",")[column]));

  test.each(COUNT_MODEL_IDS)("CDNOW, 52 weeks, %s at lifetimes' parameters, Gamma-Gamma spend", (id) => {
    expect(ggSpend).toHaveLength(cdnow.frequency.length);
    expect(worstAgainstDirect(countModel(id), LIFETIMES[id], cdnow, ggSpend, 52, 1)).toBeLessThan(1e-9);
  });

  // 20,000 customers simulated from each model, T continuous over two years of weeks, plus 100
  // customers whose first purchase was on the last day (T = 0); spend uniform on 5–95.
  function population(id: CountModelId, seed: number) {
    const rng = new Mulberry(seed);
    const T = cohort(rng, 20_000, 0.5, 104);
    const sim = id === "paretonbd" ? simulateParetoNbd(rng, LIFETIMES.paretonbd as never, T) : simulateBgNbd(rng, LIFETIMES[id] as never, T, id === "mbgnbd");
    const add = (a: Float64Array, v: number) => Float64Array.from([...a, ...new Array<number>(100).fill(v)]);
    const data = { frequency: add(sim.frequency, 0), recency: add(sim.recency, 0), T: add(sim.T, 0) };
    const spend = Float64Array.from(data.T, () => 5 + 90 * rng.next());
    return { data, spend };
  }
  test.each(COUNT_MODEL_IDS)("20,100 simulated customers with continuous T, 13 periods of 4 weeks, %s", (id) => {
    const { data, spend } = population(id, 20240 + COUNT_MODEL_IDS.indexOf(id));
    expect(worstAgainstDirect(countModel(id), LIFETIMES[id], data, spend, 13, 4)).toBeLessThan(1e-9);
  });

  test("a cohort observed for the same T: one point per frequency, exact", () => {
    const rng = new Mulberry(7);
    const T = new Float64Array(3000).fill(52);
    const sim = simulateBgNbd(rng, { r: 2, alpha: 4, a: 0.8, b: 6 }, T);
    expect(Math.max(...sim.frequency)).toBeGreaterThan(50);
    const spend = Float64Array.from(T, () => 10 + 20 * rng.next());
    for (const id of COUNT_MODEL_IDS) expect(worstAgainstDirect(countModel(id), LIFETIMES[id], sim, spend, 24, 2)).toBeLessThan(1e-9);
  });

  test("a single spend for everyone gives revenue = transactions × spend", () => {
    const f = forecastBase(countModel("bgnbd"), LIFETIMES.bgnbd, cdnow, 35.08, { periods: 4, periodLength: 13 });
    const d = direct(countModel("bgnbd"), LIFETIMES.bgnbd, cdnow, new Float64Array(cdnow.frequency.length).fill(35.08), 4, 13);
    for (let k = 0; k < 4; k++) {
      expect(f.rows[k].transactions).toBeCloseTo(d.units[k], 9);
      expect(f.rows[k].revenue / f.rows[k].transactions).toBeCloseTo(35.08, 12);
    }
    expect(f.customers).toBe(2357);
  });
});

describe("forecastBase by hand", () => {
  test("Pareto/NBD r = 1, α = 10, s = 2, β = 10: two customers who bought at T, two periods of 10", () => {
    // A customer whose last purchase is at T is alive at T, so E[Y(t)] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}]
    // (Fader & Hardie 2005 eq. 41); with x = 1 and s − 1 = 1 this is 2t/(T+10+t) · (T+10)/(T+10) = 2t/(T+10+t):
    //   A: T = 10: E(10) = 20/30 = 2/3, E(20) = 40/40 = 1    → periods 2/3, 1/3; spend 30 → revenue 20, 10
    //   B: T = 30: E(10) = 20/50 = 0.4, E(20) = 40/60 = 2/3 → periods 0.4, 4/15; spend 60 → revenue 24, 16
    // Period 1: 2/3 + 0.4 = 16/15 transactions, 44 revenue, × margin 0.5 / 1.1 = 20
    // Period 2: 1/3 + 4/15 = 0.6 transactions, 26 revenue, × 0.5 / 1.1² = 10.7438…
    const f = forecastBase(countModel("paretonbd"), { r: 1, alpha: 10, s: 2, beta: 10 }, { frequency: [1, 1], recency: [10, 30], T: [10, 30] }, [30, 60], {
      periods: 2,
      periodLength: 10,
      discount: 0.1,
      margin: 0.5,
      unit: "weeks",
    });
    expect(f.rows.map((r) => r.period)).toEqual([1, 2]);
    expect(f.rows.map((r) => r.end)).toEqual([10, 20]);
    expect(f.rows[0].transactions).toBeCloseTo(16 / 15, 12);
    expect(f.rows[1].transactions).toBeCloseTo(0.6, 12);
    expect(f.rows[0].revenue).toBeCloseTo(44, 10);
    expect(f.rows[1].revenue).toBeCloseTo(26, 10);
    expect(f.rows[0].discounted).toBeCloseTo(20, 10);
    expect(f.rows[1].discounted).toBeCloseTo(13 / 1.21, 10);
    expect(f.transactions).toBeCloseTo(5 / 3, 12);
    expect(f.revenue).toBeCloseTo(70, 10);
    expect(f.discounted).toBeCloseTo(20 + 13 / 1.21, 10);
    expect(f).toMatchObject({ customers: 2, periodLength: 10, unit: "weeks" });
  });

  test("BG/NBD, CDNOW customer 0001 (x 2, t_x 30.43, T 38.86), two periods of 4 weeks: Python lifetimes' conditional expectations", () => {
    // lifetimes 0.11.3 BetaGeoFitter at its CDNOW fit, conditional_expected_number_of_purchases_up_to_time(t, 2, 30.43, 38.86):
    //   t = 4: 0.1473160952873022,  t = 8: 0.288472364363579
    // Period 1: 0.147316…; period 2: 0.288472… − 0.147316… = 0.141156…; spend 24.6586, margin 0.3, d 0.01:
    //   discounted 1 = 0.147316 × 24.6586 × 0.3 / 1.01 = 1.078994…; discounted 2 = 0.141156 × 24.6586 × 0.3 / 1.0201 = 1.02364…
    const e4 = 0.1473160952873022, e8 = 0.288472364363579;
    const f = forecastBase(countModel("bgnbd"), LIFETIMES.bgnbd, { frequency: [2], recency: [30.43], T: [38.86] }, 24.6586, {
      periods: 2,
      periodLength: 4,
      discount: 0.01,
      margin: 0.3,
    });
    expect(f.rows[0].transactions / e4 - 1).toBeLessThan(1e-9);
    expect(Math.abs(f.rows[1].transactions / (e8 - e4) - 1)).toBeLessThan(1e-9);
    expect(f.rows[0].discounted).toBeCloseTo((e4 * 24.6586 * 0.3) / 1.01, 10);
    expect(f.rows[1].discounted).toBeCloseTo(((e8 - e4) * 24.6586 * 0.3) / 1.0201, 10);
    expect(f.rows[0].discounted).toBeCloseTo(1.078994, 5);
    expect(f.rows[1].discounted).toBeCloseTo(1.02364, 5);
  });

  test("E[Y(t)] / P(alive) does not depend on t_x, for each model (the factorisation the fast sum rests on)", () => {
    for (const id of COUNT_MODEL_IDS) {
      const m = countModel(id), p = LIFETIMES[id];
      for (const [x, T] of [[1, 20], [4, 38.86], [25, 60]]) {
        const ratios = [0.5, T / 2, T].map((tx) => m.expectedPurchases(p, 26, x, tx, T) / m.probabilityAlive(p, x, tx, T));
        expect(Math.abs(ratios[1] / ratios[0] - 1)).toBeLessThan(1e-12);
        expect(Math.abs(ratios[2] / ratios[0] - 1)).toBeLessThan(1e-12);
      }
    }
  });

  test("describeForecast says it in both languages", () => {
    const f = forecastBase(countModel("paretonbd"), { r: 1, alpha: 10, s: 2, beta: 10 }, { frequency: [1, 1], recency: [10, 30], T: [10, 30] }, [30, 60], {
      periods: 2,
      periodLength: 10,
      unit: "weeks",
    });
    expect(describeForecast(f, "en-US")).toBe("2 customers are expected to make 1.667 repeat purchases in the next 2 periods of 10 weeks: revenue 70, discounted margin 70");
    expect(describeForecast(f, "zh-CN")).toBe("预计 2 位客户在未来 2 期（每期 10 周）内重复购买 1.667 次：收入 70，折现毛利 70");
  });
});

describe("newCustomerValue", () => {
  test("by hand: Pareto/NBD r = 1, α = 10, s = 2, β = 10, four periods of 10", () => {
    // E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}] = 1 − 10/(10+t) = t/(10+t) (Fader & Hardie 2005 eq. 27):
    //   E(10) = 0.5, E(20) = 2/3, E(30) = 0.75, E(40) = 0.8 → periods 0.5, 1/6, 1/12, 1/20
    // Spend 100, margin 0.5, d = 0.1: discounted = purchases × 50 / 1.1^k
    //   = 22.7273, 6.8871, 3.1305, 1.7075; cumulative 22.7273, 29.6143, 32.7448, 34.4523
    // Cost 30: paid back in period 3 (29.61 < 30 ≤ 32.74); CLV:CAC = 34.4523 / 30 = 1.14841
    const v = newCustomerValue(countModel("paretonbd"), { r: 1, alpha: 10, s: 2, beta: 10 }, 100, { periods: 4, periodLength: 10, discount: 0.1, margin: 0.5, acquisitionCost: 30 });
    const inc = [0.5, 1 / 6, 1 / 12, 1 / 20];
    v.rows.forEach((row, k) => {
      expect(row.transactions).toBeCloseTo(inc[k], 12);
      expect(row.revenue).toBeCloseTo(100 * inc[k], 10);
      expect(row.discounted).toBeCloseTo((50 * inc[k]) / 1.1 ** (k + 1), 10);
    });
    expect(v.rows.map((r) => r.discounted.toFixed(4))).toEqual(["22.7273", "6.8871", "3.1305", "1.7075"]);
    expect(v.rows[0].discounted + v.rows[1].discounted + v.rows[2].discounted).toBeCloseTo(32.7448, 4);
    expect(v.transactions).toBeCloseTo(0.8, 12);
    expect(v.revenue).toBeCloseTo(80, 10);
    expect(v.discounted).toBeCloseTo(34.4523, 4);
    expect(v.clvToCac).toBeCloseTo(1.14841, 5);
    expect(v.paybackPeriod).toBe(3);
    expect(v.acquisitionCost).toBe(30);
    // Cost above the horizon's value: never paid back; cost 0: nothing to pay back (period 0) and no ratio.
    const never = newCustomerValue(countModel("paretonbd"), { r: 1, alpha: 10, s: 2, beta: 10 }, 100, { periods: 4, periodLength: 10, discount: 0.1, margin: 0.5, acquisitionCost: 35 });
    expect(never.paybackPeriod).toBeNull();
    expect(never.clvToCac).toBeCloseTo(0.98435, 5);
    const free = newCustomerValue(countModel("paretonbd"), { r: 1, alpha: 10, s: 2, beta: 10 }, 100, { periods: 4, periodLength: 10, acquisitionCost: 0 });
    expect(free).toMatchObject({ paybackPeriod: 0, clvToCac: null, acquisitionCost: 0 });
    const none = newCustomerValue(countModel("paretonbd"), { r: 1, alpha: 10, s: 2, beta: 10 }, 100, { periods: 4, periodLength: 10 });
    expect(none).toMatchObject({ paybackPeriod: null, clvToCac: null, acquisitionCost: null });
    expect(none.discounted).toBeCloseTo(80, 10);
    expect(describeNewCustomer(v, { periodLength: 10, unit: "weeks" }, "en-US")).toBe(
      "a newly acquired customer is expected to make 0.8 repeat purchases in 4 periods of 10 weeks (the first purchase not counted): revenue 80, discounted margin 34.45; with an acquisition cost of 30, CLV : CAC is 1.148 and the cost is paid back in period 3",
    );
    expect(describeNewCustomer(never, { periodLength: 10, unit: "weeks" }, "zh-CN")).toBe(
      "一位新获取的客户预计在 4 期（每期 10 周）内重复购买 0.8 次（不计首次购买）：收入 80，折现毛利 34.45；获客成本为 35 时，CLV : CAC 为 0.9844，成本在 4 期内无法收回",
    );
  });

  test("BG/NBD at lifetimes' CDNOW fit: periods are the increments of E[X(t)], as lifetimes computes it", () => {
    // lifetimes 0.11.3 BetaGeoFitter.expected_number_of_purchases_up_to_time at t = 4, 8, 12 weeks:
    const lifetimes = [0.19576622224003845, 0.35860710146619423, 0.5006198615629112];
    const v = newCustomerValue(countModel("bgnbd"), LIFETIMES.bgnbd, 35, { periods: 3, periodLength: 4 });
    const increments = lifetimes.map((e, k) => e - (k > 0 ? lifetimes[k - 1] : 0));
    v.rows.forEach((row, k) => expect(Math.abs(row.transactions / increments[k] - 1)).toBeLessThan(1e-9));
    expect(Math.abs(v.transactions / lifetimes[2] - 1)).toBeLessThan(1e-9);
  });

  test.each(COUNT_MODEL_IDS)("%s: the cumulative schedule is the model's expectedPurchasesUnconditional at each period's end", (id) => {
    const m = countModel(id);
    const v = newCustomerValue(m, LIFETIMES[id], 20, { periods: 24, periodLength: 4.348, discount: 0.01, margin: 0.3 });
    let cum = 0, disc = 0;
    v.rows.forEach((row, k) => {
      cum += row.transactions;
      disc += (row.transactions * 20 * 0.3) / 1.01 ** (k + 1);
      expect(cum).toBeCloseTo(m.expectedPurchasesUnconditional(LIFETIMES[id], (k + 1) * 4.348), 12);
    });
    expect(v.discounted).toBeCloseTo(disc, 10);
  });
});

describe("bad options get keyed errors in both languages", () => {
  const m = countModel("bgnbd");
  const data = { frequency: [0, 2], recency: [0, 30], T: [38, 38] };
  const base = { periods: 12, periodLength: 1 };
  test.each([
    [{ periods: 0 }, "arg.wholeBetween", "periods"],
    [{ periods: 2.5 }, "arg.wholeBetween", "periods"],
    [{ periods: MAX_FORECAST_PERIODS + 1 }, "arg.wholeBetween", "periods"],
    [{ periods: Number.NaN }, "arg.notNumber", "periods"],
    [{ periodLength: 0 }, "arg.above", "periodLength"],
    [{ periodLength: Infinity }, "arg.notFinite", "periodLength"],
    [{ discount: -0.01 }, "rate.negative", "discount"],
    [{ discount: 10 }, "rate.belowOneDidYouMean", "discount"],
    [{ margin: 0 }, "share.range", "margin"],
    [{ margin: 30 }, "share.rangeDidYouMean", "margin"],
  ])("%p → %s", (bad, key, argument) => {
    for (const call of [() => forecastBase(m, LIFETIMES.bgnbd, data, 20, { ...base, ...bad }), () => newCustomerValue(m, LIFETIMES.bgnbd, 20, { ...base, ...bad })]) {
      const e = thrown(call);
      expect(e.key).toBe(key);
      expect(e.where).toEqual({ argument });
      expect(errorText("zh-CN", e.key!, e.params)).not.toBe(errorText("en-US", e.key!, e.params));
    }
  });
  test("the acquisition cost must be 0 or more; the spend too", () => {
    expect(thrown(() => newCustomerValue(m, LIFETIMES.bgnbd, 20, { ...base, acquisitionCost: -1 })).key).toBe("arg.atLeast");
    expect(thrown(() => newCustomerValue(m, LIFETIMES.bgnbd, -5, base)).key).toBe("arg.atLeast");
    expect(thrown(() => forecastBase(m, LIFETIMES.bgnbd, data, -5, base)).key).toBe("arg.atLeast");
    const e = thrown(() => forecastBase(m, LIFETIMES.bgnbd, data, [20, -1], base));
    expect(e).toMatchObject({ key: "history.negativeAt", where: { row: 2, column: "spend" } });
    expect(e.message).toBe("row 2: spend must be 0 or more; got -1");
    expect(errorText("zh-CN", e.key!, e.params)).toBe("第 2 行：spend不能小于 0；实际为-1");
    expect(thrown(() => forecastBase(m, LIFETIMES.bgnbd, data, [20, Infinity], base)).key).toBe("population.notFinite");
    expect(thrown(() => forecastBase(m, LIFETIMES.bgnbd, data, [20], base)).key).toBe("data.lengthMismatch");
  });
  test("histories keep the rule of checkHistory, named by row", () => {
    expect(thrown(() => forecastBase(m, LIFETIMES.bgnbd, { frequency: [0, 2], recency: [0, 40], T: [38, 38] }, 20, base))).toMatchObject({ key: "history.recencyAfterTAt", where: { row: 2 } });
    expect(thrown(() => forecastBase(m, LIFETIMES.bgnbd, { frequency: [0, 2], recency: [0, 30], T: [38, Number.NaN] }, 20, base))).toMatchObject({ key: "population.notNumber", where: { row: 2, column: "T" } });
    expect(thrown(() => forecastBase(m, LIFETIMES.bgnbd, { frequency: [0, 2], recency: [0], T: [38, 38] }, 20, base)).key).toBe("data.lengthMismatch");
  });
});
