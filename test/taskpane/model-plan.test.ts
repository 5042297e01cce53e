/**
 * The model sheet's plan from the core's own results on CDNOW (calibration to 1997-09-30, holdout
 * to 1998-06-30, weeks): compareModels, fitChecks and forecastBase feed buildModelSheet without a
 * cast (so the plan's input types are the core's), and every figure of the plan is the core's
 * figure, in its place; nothing written is NaN or infinite.
 */
import * as fs from "fs";
import * as path from "path";
import { fitChecks } from "../../src/core/clv/fit-checks";
import { forecastBase, newCustomerValue } from "../../src/core/clv/forecast";
import { holdoutFromTransactions } from "../../src/core/clv/holdout";
import { compareModels, describeChoice } from "../../src/core/clv/model-choice";
import { countModel } from "../../src/core/clv/models";
import { dayFromYmd } from "../../src/core/summary/dates";
import { transactionTable } from "../../src/core/summary/transactions";
import { buildModelSheet, paramsText, significant, type ModelParts } from "../../src/taskpane/workflow/model-plan";
import { CDNOW_DIR } from "../core/clv/cdnow";

const rows = fs.readFileSync(path.join(CDNOW_DIR, "cdnow_sample.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
const table = transactionTable(rows.map((r) => ({ customerId: r[0], date: r[1], amount: Number(r[3]) })));
const input = holdoutFromTransactions(table, dayFromYmd(1997, 9, 30), dayFromYmd(1998, 6, 30), "weeks");
const comparison = compareModels(input, { unit: "weeks", holdout: { holdoutPurchases: input.holdoutPurchases, holdoutLength: input.holdoutLength } });
const model = countModel(comparison.chosen);
const params = comparison.fits[comparison.chosen]!.params;
const checks = fitChecks(model, params, input, "weeks", input);
const forecast = forecastBase(model, params, input, 35, { periods: 4, periodLength: 13, discount: 0.02, unit: "weeks" });
const parts: ModelParts = { countModel: comparison.chosen, comparison, choiceText: describeChoice(comparison, "en-US"), checks, forecast };
const plan = buildModelSheet(parts, "en-US", "weeks", "CVA Model")!;
const section = (id: string) => plan.sections.find((s) => s.id === id)!;

describe("the model sheet's plan from the core's results on CDNOW", () => {
  it("every section, in order, with the holdout's", () => {
    expect(plan.sections.map((s) => s.id)).toEqual(["comparison", "frequency", "buckets", "tracking", "trackingCumulative", "alive", "expectedMatrix", "forecast"]);
    expect(plan.lines).toEqual([[`Lifetime model: ${model.label}`], ["Why this model", describeChoice(comparison, "en-US")]]);
  });

  it("the comparison: one row per model, its figures, ✓ on the chosen one only", () => {
    const s = section("comparison");
    expect(s.rows.map((r) => r[0])).toEqual(["BG/NBD", "MBG/NBD", "Pareto/NBD"]);
    comparison.rows.forEach((row, i) => {
      expect(s.rows[i].slice(0, 10)).toEqual([row.label, row.logLikelihood, row.aic, row.bic, row.holdout!.mae, row.holdout!.totalPredicted, row.holdout!.totalActual, row.holdout!.totalError, row.model === comparison.chosen ? "✓" : "", paramsText(row.model, row.params)]);
    });
    // BG/NBD on CDNOW: Fader, Hardie & Lee (2005) report r 0.243, α 4.414, a 0.793, b 2.426.
    expect(s.rows[0][9]).toMatch(/^r = 0\.24\d\d, alpha = 4\.41\d, a = 0\.79\d\d, b = 2\.42\d$/);
  });

  it("the histogram, buckets and tracking are the fit checks' rows", () => {
    expect(section("frequency").rows).toEqual(checks.histogram.map((h) => [h.frequency, h.actual, h.expected]));
    expect(section("buckets").rows).toEqual(checks.buckets!.map((b) => [b.frequency, b.customers, b.actual, b.predicted]));
    const tracking = checks.tracking!;
    expect(section("tracking").rows).toEqual(tracking.map((r) => [r.time, r.actual, r.expected, r.inHoldout ? "Yes" : ""]));
    expect(section("trackingCumulative").rows.at(-1)!.slice(0, 3)).toEqual([tracking.at(-1)!.time, tracking.at(-1)!.actualCumulative, tracking.at(-1)!.expectedCumulative]);
    // The split: the last calibration period ends at the calibration end, 272 days = 38.857 weeks after 1997-01-01 (lifetimes' weeks, days / 7).
    const mark = section("tracking").chart!.mark!;
    const split = tracking.filter((r) => !r.inHoldout).at(-1)!.time;
    expect(split).toBeGreaterThan(38);
    expect(split).toBeLessThanOrEqual(39);
    expect(mark.points).toEqual([
      [split, 0],
      [split, significant(Math.max(...tracking.flatMap((r) => [r.actual, r.expected])), 6)],
    ]);
  });

  it("the heat maps hold the matrix by recency rows and frequency columns", () => {
    const m = checks.matrix;
    const alive = section("alive");
    expect(alive.header.slice(1)).toEqual(m.frequencies);
    expect(alive.rows.length).toBe(m.recencies.length);
    expect(alive.rows[3].slice(1)).toEqual(m.pAlive[3]);
    expect(section("expectedMatrix").rows[3].slice(1)).toEqual(m.expected[3]);
    // The grid runs to a last purchase at the customers' age T.
    expect(m.recencies.at(-1)).toBeCloseTo(m.T, 9);
  });

  it("the forecast with its total row; the totals are the sums of the periods", () => {
    const s = section("forecast");
    expect(s.rows.length).toBe(5);
    expect(s.rows[4]).toEqual(["Total", "", forecast.transactions, forecast.revenue, forecast.discounted]);
    const sum = (k: number) => s.rows.slice(0, 4).reduce((a, r) => a + (r[k] as number), 0);
    expect(sum(2)).toBeCloseTo(forecast.transactions, 6);
    expect(sum(3)).toBeCloseTo(forecast.revenue, 6);
    expect(sum(4)).toBeCloseTo(forecast.discounted, 6);
    expect(s.note).toBe("2,357 customers; periods of 13 weeks; discounted per period.");
  });

  it("a forecast by months (the analysis's: periods of 365.25 / 12 days) is called so", () => {
    const monthly = forecastBase(model, params, input, 35, { periods: 12, periodLength: 365.25 / 12 / 7, unit: "weeks" });
    const s = buildModelSheet({ ...parts, forecast: monthly }, "en-US", "weeks", "CVA Model")!.sections.at(-1)!;
    expect(s.header[0]).toBe("Month");
    expect(s.chart!.xTitle).toBe("Month");
    expect(s.note).toBe("2,357 customers, each at their expected spend; one row per month, discounted at the monthly rate.");
    expect(s.rows[11][1]).toBeCloseTo(365.25 / 7, 9); // the 12th month ends a year on, in weeks
    const zh = buildModelSheet({ ...parts, forecast: monthly }, "zh-CN", "weeks", "生命周期模型")!.sections.at(-1)!;
    expect(zh.header).toEqual(["月份", "期末（周）", "重复交易次数", "收入", "折现毛利"]);
  });

  it("the new customer from newCustomerValue: its periods, the running margin, the cost, CLV:CAC and the payback period", () => {
    // Four periods of 13 weeks at 35 a purchase, 2 % a period, a cost of 5.
    const v = newCustomerValue(model, params, 35, { periods: 4, periodLength: 13, discount: 0.02, acquisitionCost: 5 });
    const withNew = buildModelSheet({ ...parts, newCustomer: { ...v, spend: 35 } }, "en-US", "weeks", "CVA Model")!;
    expect(withNew.sections.map((x) => x.id).slice(-2)).toEqual(["forecast", "newCustomer"]);
    const s = withNew.sections.at(-1)!;
    expect(s.header).toEqual(["Period", "Expected repeat purchases", "Revenue", "Discounted margin", "Cumulative discounted margin", "Acquisition cost"]);
    expect(s.note).toBe("One customer acquired now, at 35.00 a purchase (the customers' mean): repeat purchases only; periods of 13 weeks; discounted per period.");
    let acc = 0;
    expect(s.rows.slice(0, 4)).toEqual(v.rows.map((r) => [r.period, r.transactions, r.revenue, r.discounted, (acc += r.discounted), 5]));
    expect(s.rows[4]).toEqual(["Total", v.transactions, v.revenue, v.discounted, "", ""]);
    expect(s.rows[3][4]).toBeCloseTo(v.discounted, 12);
    // The core's payback period is the first whose running margin in the table reaches 5.
    const first = s.rows.slice(0, 4).findIndex((r) => (r[4] as number) >= 5);
    expect(v.paybackPeriod).toBe(first < 0 ? null : first + 1);
    expect(s.footer).toEqual([
      { label: "Acquisition cost", value: 5, format: "#,##0.00" },
      { label: "CLV : CAC", value: v.clvToCac, format: "0.00" },
      v.paybackPeriod === null ? { label: "Payback period", value: "not within 4 periods", format: "@" } : { label: "Payback period", value: v.paybackPeriod, format: "0" },
    ]);
    expect(v.clvToCac).toBeCloseTo(v.discounted / 5, 12);
    expect(s.chart).toMatchObject({ name: "CVA_ModelNewCustomer", kind: "lines", categories: 0, series: [{ column: 4 }, { column: 5 }], xTitle: "Periods since acquisition", yTitle: "Amount" });
  });

  it("the parameters beside their standard errors and 95 % intervals, right after the comparison; a model without them says why under the table", () => {
    const parameters = {
      rows: [
        { model: "MBG/NBD", name: "r", estimate: 0.525, se: 0.0412, low: 0.45, high: 0.612 },
        { model: "MBG/NBD", name: "a", estimate: 0.25, se: null, low: null, high: null },
      ],
      unavailable: ["Gamma-Gamma: uncertainty cannot be computed because the fit did not converge"],
    };
    const p = buildModelSheet({ ...parts, parameters }, "en-US", "weeks", "CVA Model")!;
    expect(p.sections.map((x) => x.id).slice(0, 2)).toEqual(["comparison", "parameters"]);
    const s = p.sections[1];
    expect(s.header).toEqual(["Model", "Parameter", "Estimate", "Standard error", "95 % interval, low", "95 % interval, high"]);
    // A missing number is an empty cell, never null or NaN.
    expect(s.rows).toEqual([["MBG/NBD", "r", 0.525, 0.0412, 0.45, 0.612], ["MBG/NBD", "a", 0.25, "", "", ""]]);
    expect(s.footer).toEqual([{ label: "No standard errors", value: parameters.unavailable[0], format: "@" }]);
    const zh = buildModelSheet({ ...parts, parameters: { ...parameters, unavailable: [] } }, "zh-CN", "weeks", "生命周期模型")!;
    const zs = zh.sections.find((x) => x.id === "parameters")!;
    expect(zs.header).toEqual(["模型", "参数", "估计值", "标准误", "95% 区间下限", "95% 区间上限"]);
    expect(zs.footer).toBeUndefined();
  });

  it("no cell is NaN or infinite", () => {
    const cells = [...plan.lines.flat(), ...plan.sections.flatMap((s) => [...s.header, ...s.rows.flat(), ...(s.chart?.mark?.points.flat() ?? [])])];
    expect(cells.filter((v) => typeof v === "number" && !Number.isFinite(v))).toEqual([]);
  });
});
