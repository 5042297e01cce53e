/**
 * The optional holdout check of the Options step: a calibration end (off by default) splits the
 * transactions; the models are fitted to the calibration period and judged on the rest, the
 * chosen one is used by the analysis on all the data, and the model sheet gets the holdout
 * columns of the comparison, the buckets and the tracking (with the split). On CDNOW, calibration
 * to 1997-09-30 and observation to 1998-06-30, as Fader, Hardie & Lee (2005): 2,357 customers,
 * 1,882 repeat purchases in the 39-week holdout (lifetimes' calibration_and_holdout_data,
 * test/fixtures/lifetimes-fitchecks.json), and auto's choice Pareto/NBD (test/core/clv/model-choice.test.ts).
 */
import * as core from "../../src/core";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { checkOptions, defaultOptions, mergeOptions, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";

jest.mock("../../src/core", () => {
  const actual = jest.requireActual("../../src/core");
  return { ...actual, analyzeColumns: jest.fn(actual.analyzeColumns) };
});
const analyze = core.analyzeColumns as jest.MockedFunction<typeof core.analyzeColumns>;

const cdnow = cdnowSheet(cdnowText());
const source = { address: `Sheet1!A1:D${cdnow.rows.length}`, header: cdnow.rows[0].map(String), rows: cdnow.rows.slice(1), dateFormatted: [false, true, false, false] };
const options: AnalysisOptions = { ...defaultOptions("en-US"), end: "1998-06-30", calibration: "1997-09-30" };

describe("the calibration end option", () => {
  it("is off by default, restored when saved as text, and checked: a date before the observation end", () => {
    expect(defaultOptions("en-US").calibration).toBe("");
    expect(mergeOptions(defaultOptions("en-US"), { calibration: "1997-09-30" }).calibration).toBe("1997-09-30");
    expect(mergeOptions(defaultOptions("en-US"), { calibration: 19970930 as unknown as string }).calibration).toBe("");
    const o = defaultOptions("en-US");
    expect(checkOptions({ ...o, calibration: "1997-09-30" })).toBeNull();
    expect(checkOptions({ ...o, calibration: "30/09/1997" })).toBe("calibration");
    expect(checkOptions({ ...o, end: "1997-09-30", calibration: "1997-09-30" })).toBe("calibration");
    expect(checkOptions({ ...o, end: "1998-06-30", calibration: "1997-09-30" })).toBeNull();
  });
});

describe("a run with a holdout on CDNOW", () => {
  analyze.mockClear();
  const out = computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, options);
  const plan = out.plan.model!;
  const section = (id: string) => plan.sections.find((s) => s.id === id)!;

  it("chooses by the holdout and hands that model to the analysis, which fits it to all the data", () => {
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(analyze.mock.calls[0][1]?.lifetime?.model).toBe("paretonbd");
    expect(out.result.report.model.countModel).toBe("paretonbd");
    expect(plan.lines[0]).toEqual(["Lifetime model: Pareto/NBD"]);
    expect(plan.lines[1][1]).toMatch(/holdout/);
  });

  it("the comparison has each model's holdout errors against the 1,882 actual purchases, ✓ on Pareto/NBD", () => {
    const s = section("comparison");
    expect(s.header.slice(4, 8)).toEqual(["Holdout error per customer (MAE)", "Holdout purchases predicted", "Holdout purchases actual", "Error of the holdout total"]);
    expect(s.rows.map((r) => [r[0], r[6], r[8]])).toEqual([
      ["BG/NBD", 1882, ""],
      ["MBG/NBD", 1882, ""],
      ["Pareto/NBD", 1882, "✓"],
    ]);
    // Each row's total error is (predicted − actual) / actual.
    for (const r of s.rows) expect(r[7] as number).toBeCloseTo(((r[5] as number) - 1882) / 1882, 12);
  });

  it("the buckets cover the 2,357 customers; the tracking runs 78 weeks and is split at the calibration end", () => {
    const buckets = section("buckets");
    expect(buckets.rows.map((r) => r[0])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(buckets.rows.reduce((a, r) => a + (r[1] as number), 0)).toBe(2357);
    const tracking = section("tracking");
    expect(tracking.rows.length).toBe(78); // 1997-01-01 to 1998-06-30: 546 days
    // The holdout's actual purchases, period by period, add up to the 1,882.
    expect(tracking.rows.filter((r) => r[3] === "Yes").reduce((a, r) => a + (r[1] as number), 0)).toBe(1882);
    const split = tracking.chart!.mark!.points[0][0];
    // 1997-01-01 to 1997-09-30 is 272 days: the last calibration week ends at 38.857 or at 39 weeks.
    expect(split).toBeGreaterThanOrEqual(272 / 7 - 1);
    expect(split).toBeLessThanOrEqual(39);
    expect(section("trackingCumulative").chart!.mark!.name).toBe("End of calibration");
  });

  it("the histogram, heat maps and forecast stay the analysis's own, on all the data", () => {
    const checks = out.result.report.model.checks!;
    expect(section("frequency").rows).toEqual(checks.histogram.map((h) => [h.frequency, h.actual, h.expected]));
    expect(section("alive").rows.length).toBe(checks.matrix.recencies.length);
    expect(section("forecast").rows.at(-1)![2]).toBe(out.result.report.model.forecast!.transactions);
  });

  it("profiles carry no dates to split: the option is not used", () => {
    const header = ["customer_id", "frequency", "recency", "T"];
    const rows = Array.from({ length: 40 }, (_, i) => [`c${i}`, i % 4, i % 4 ? 10 + (i % 7) : 0, 30]);
    const p = computeAnalysis({ kind: "profiles", source: { address: "Sheet1!A1:D41", header, rows }, mapping: recognise(header).profiles }, options);
    expect(p.result.report.model.countModel).not.toBeNull();
    // No holdout sections (buckets, tracking): the live model's blocks, then the fit checks and forecasts.
    expect(p.plan.model!.sections.map((s) => s.id)).toEqual(["assumptions", "whatIf", "worked", "comparison", "parameters", "frequency", "alive", "expectedMatrix", "forecast", "newCustomer", "revenueByMonth"]);
  });
});
