/**
 * The "CVA Model" sheet on the fake workbook (test/fakes/workbook.ts): what lands in its cells,
 * number formats and styles, its native charts with their series' ranges, axis titles and places,
 * its colour scales; a name clash settled like the other sheets'; a failed write rolled back.
 *
 * The model's figures are hand-made in the shapes of src/core/clv/model-choice.ts, fit-checks.ts
 * and forecast.ts (the plan and the write are what is tested here, not the model), with a NaN and
 * an infinity among them, which must reach the sheet as empty cells.
 */
import { FakeWorkbook, colorScaleProblem, richApiError, type ChartRecord } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { runAnalysis, type OutputPlan, type SourceData } from "../../src/excel";
import { placeSections } from "../../src/excel/model-sheet";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { buildModelSheet, paramsText, type ModelParts } from "../../src/taskpane/workflow/model-plan";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";

const cdnow = cdnowSheet(cdnowText());
// 300 purchases: quick to compute; the plan's own model part is replaced by the hand-made one below.
const rows = cdnow.rows.slice(0, 301);
const formats = cdnow.formats.slice(0, 301);
const names = outputNames("en-US");

/** 78 weeks, calibration to week 39: weekly actual 10 + (week mod 3), expected 10.5; one expected NaN. */
function tracking(): NonNullable<NonNullable<ModelParts["checks"]>["tracking"]> {
  let a = 0;
  let e = 0;
  return Array.from({ length: 78 }, (_, k) => {
    const week = k + 1;
    const actual = 10 + (week % 3);
    const expected = week === 50 ? NaN : 10.5;
    a += actual;
    e += Number.isFinite(expected) ? expected : 0;
    return { period: week, time: week, inHoldout: week > 39, actual, expected, actualCumulative: a, expectedCumulative: e };
  });
}

function modelParts(holdout = true): ModelParts {
  return {
    countModel: "mbgnbd",
    choiceText: "MBG/NBD predicted the holdout total best.",
    comparison: {
      chosen: "mbgnbd",
      rows: [
        { model: "bgnbd", label: "BG/NBD", params: { r: 0.24259, alpha: 4.41359, a: 0.79292, b: 2.42589 }, logLikelihood: -9582.43, aic: 19172.86, bic: 19195.91, converged: true, chosen: false, ...(holdout ? { holdout: { mae: 0.6021, totalPredicted: 1694.3, totalActual: 1788, totalError: -0.0524 } } : {}) },
        { model: "mbgnbd", label: "MBG/NBD", params: { r: 0.52513, alpha: 6.18321, a: 0.89112, b: 1.61434 }, logLikelihood: -9580.1, aic: 19168.2, bic: 19191.25, converged: true, chosen: true, ...(holdout ? { holdout: { mae: 0.5987, totalPredicted: 1750.2, totalActual: 1788, totalError: -0.0211 } } : {}) },
        { model: "paretonbd", label: "Pareto/NBD", params: null, logLikelihood: null, aic: Infinity, bic: null, converged: false, chosen: false, errorKey: "fit.notFinite", errorParams: {} },
      ],
    },
    checks: {
      model: "mbgnbd",
      unit: "weeks",
      histogram: ["0", "1", "2", "3", "4", "5", "6", "7+"].map((f, k) => ({ frequency: f, actual: [1411, 439, 214, 100, 62, 38, 29, 64][k], expected: [1406.2, 445.1, 205.3, 109.9, 63.8, 38.9, 24.6, 63.2][k] })),
      buckets: holdout ? ["0", "1", "2", "3", "4", "5", "6", "7+"].map((f, k) => ({ frequency: f, customers: [1411, 439, 214, 100, 62, 38, 29, 64][k], actual: 0.2 + k * 0.5, predicted: 0.22 + k * 0.48 })) : null,
      tracking: holdout ? tracking() : null,
      matrix: {
        T: 39,
        frequencies: [0, 1, 2],
        recencies: [0, 19.5, 39],
        pAlive: [
          [0.9, 0.2, 0.05],
          [0.9, 0.6, 0.4],
          [0.9, 0.95, 0.97],
        ],
        expected: [
          [0.3, 0.1, 0.02],
          [0.3, 0.7, Infinity],
          [0.3, 1.1, 1.9],
        ],
        horizon: 52,
      },
    },
    forecast: {
      rows: [
        { period: 1, end: 13, transactions: 400.5, revenue: 14017.5, discounted: 13878.7 },
        { period: 2, end: 26, transactions: 380.25, revenue: 13308.75, discounted: 13046.1 },
        { period: 3, end: 39, transactions: 362, revenue: 12670, discounted: NaN },
      ],
      transactions: 1142.75,
      revenue: 39996.25,
      discounted: 26924.8,
      customers: 2357,
      periodLength: 13,
      unit: "weeks",
    },
    newCustomer: newCustomer(4),
  };
}

/** Weeks in the CLV's month. */
const MONTH = 365.25 / 12 / 7;

/**
 * Three months of one new customer at 35 a purchase; month 3's purchases unknown (NaN). Cumulative
 * discounted margin 2.1, 3.6, 4.6: a cost of 4 is paid back in month 3, CLV:CAC = 4.6 / 4 = 1.15.
 */
function newCustomer(cost: number | null): NonNullable<ModelParts["newCustomer"]> {
  return {
    rows: [
      { period: 1, end: MONTH, transactions: 0.2, revenue: 7, discounted: 2.1 },
      { period: 2, end: 2 * MONTH, transactions: 0.15, revenue: 5.25, discounted: 1.5 },
      { period: 3, end: 3 * MONTH, transactions: NaN, revenue: 3.5, discounted: 1 },
    ],
    transactions: 0.45,
    revenue: 15.75,
    discounted: 4.6,
    acquisitionCost: cost,
    clvToCac: cost === null ? null : 1.15,
    paybackPeriod: cost === null ? null : 3,
    spend: 35,
  };
}

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", rows, formats);
  wb.selection = { sheet: "Sheet1", address: `A1:D${rows.length}` };
  return wb;
}

let base: OutputPlan | undefined;
function plan(source: SourceData, parts: ModelParts | null = modelParts()): OutputPlan {
  base ??= computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, defaultOptions("en-US")).plan;
  const { model: _fitted, modelNote: _note, ...rest } = base;
  const model = parts ? buildModelSheet(parts, "en-US", "weeks", names.model) : undefined;
  return model ? { ...rest, model } : { ...rest, modelNote: "No lifetime model was fitted in the last run: too few customers" };
}

async function write(wb: FakeWorkbook, parts: ModelParts | null = modelParts(), extra: { maxBytes?: number; decide?: () => Promise<"replace" | "new"> } = {}) {
  return runAnalysis({ source: { kind: "selection" }, names }, { compute: async (s) => plan(s, parts), maxBytes: extra.maxBytes, decide: extra.decide }, wb.run);
}

const A1 = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
const range = (row: number, col: number, rows: number, cols: number) => `${A1(row, col)}:${A1(row + rows - 1, col + cols - 1)}`;
const chart = (wb: FakeWorkbook, name: string) => wb.charts.find((c) => c.name === name) as ChartRecord;

/** The sections' rows as the plan lays them out, by id. */
function places(): Record<string, { top: number; header: number; mark: number }> {
  const p = buildModelSheet(modelParts(), "en-US", "weeks", names.model);
  return Object.fromEntries(placeSections(p!).map((s) => [s.id, s]));
}

describe("the CVA Model sheet", () => {
  it("is added after the report, with the chosen model and why on top", async () => {
    const wb = workbook();
    const out = await write(wb);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model"]);
    expect(out.modelSheet).toBe("CVA Model");
    expect(wb.read("CVA Model", "A1:B2")).toEqual([
      ["Lifetime model: MBG/NBD", ""],
      ["Why this model", "MBG/NBD predicted the holdout total best."],
    ]);
    expect(wb.sheet("CVA Model")!.styles[0][0]).toEqual({ bold: true, size: 14 });
    expect(wb.implicitSyncs).toBe(0);
  });

  it("the comparison table: parameters to 4 digits, LL, AIC, BIC, holdout errors, ✓ on the chosen row, the failed fit's reason", async () => {
    const wb = workbook();
    await write(wb);
    const at = places().comparison;
    expect(at.top).toBe(3); // two lines, one blank row
    expect(wb.read("CVA Model", A1(at.top, 0))).toEqual([["Model comparison (calibration data)"]]);
    expect(wb.read("CVA Model", range(at.header, 0, 4, 11))).toEqual([
      ["Model", "Log-likelihood", "AIC", "BIC", "Holdout error per customer (MAE)", "Holdout purchases predicted", "Holdout purchases actual", "Error of the holdout total", "Chosen", "Parameters", "Note"],
      ["BG/NBD", -9582.43, 19172.86, 19195.91, 0.6021, 1694.3, 1788, -0.0524, "", "r = 0.2426, alpha = 4.414, a = 0.7929, b = 2.426", ""],
      ["MBG/NBD", -9580.1, 19168.2, 19191.25, 0.5987, 1750.2, 1788, -0.0211, "✓", "r = 0.5251, alpha = 6.183, a = 0.8911, b = 1.614", ""],
      // AIC Infinity and the missing numbers: empty cells, never NaN or Infinity.
      ["Pareto/NBD", "", "", "", "", "", "", "", "", "", "the log-likelihood is not finite at any starting point"],
    ]);
    expect(wb.sheet("CVA Model")!.formats[at.header + 1].slice(0, 8)).toEqual(["General", "#,##0.00", "#,##0.00", "#,##0.00", "0.000", "#,##0.0", "#,##0", "0.0%"]);
    expect(wb.sheet("CVA Model")!.styles[at.header][0]).toEqual({ bold: true, fill: "#DDEBF7" });
  });

  it("without a holdout: no holdout columns, no bucket or tracking sections", () => {
    const p = buildModelSheet(modelParts(false), "en-US", "weeks", names.model)!;
    expect(p.sections.map((s) => s.id)).toEqual(["comparison", "frequency", "alive", "expectedMatrix", "forecast", "newCustomer"]);
    expect(p.sections[0].header).toEqual(["Model", "Log-likelihood", "AIC", "BIC", "Chosen", "Parameters", "Note"]);
  });

  it("the frequency histogram: a clustered column chart of actual and model beside its table, axis titles, categories 0…7+", async () => {
    const wb = workbook();
    await write(wb);
    const at = places().frequency;
    expect(wb.read("CVA Model", range(at.header, 0, 3, 3))).toEqual([
      ["Repeat purchases", "Actual", "Model"],
      ["0", 1411, 1406.2],
      ["1", 439, 445.1],
    ]);
    expect(wb.sheet("CVA Model")!.formats[at.header + 1].slice(0, 3)).toEqual(["@", "#,##0", "#,##0.0"]);
    const c = chart(wb, "CVA_ModelFrequency");
    expect(c).toMatchObject({
      sheet: "CVA Model",
      type: "ColumnClustered",
      title: "Repeat purchases: actual vs model",
      source: `${range(at.header, 1, 9, 1)}`,
      seriesBy: "Columns",
      firstSeriesX: `${range(at.header + 1, 0, 8, 1)}`,
      seriesAdded: [{ name: "Model", x: `${range(at.header + 1, 0, 8, 1)}`, y: `${range(at.header + 1, 2, 8, 1)}` }],
      axisTitles: { category: "Repeat purchases", value: "Customers" },
      legendPosition: "Bottom",
    });
    // Beside the table (3 columns: A–C), from column E, on the section's title row: on screen.
    expect(c.position).toEqual([`E${at.top + 1}`, `L${at.top + 16}`]);
  });

  it("the holdout buckets: actual and predicted means as a line chart", async () => {
    const wb = workbook();
    await write(wb);
    const at = places().buckets;
    expect(wb.read("CVA Model", range(at.header, 0, 2, 4))).toEqual([
      ["Repeat purchases", "Customers", "Actual, mean", "Predicted, mean"],
      ["0", 1411, 0.2, 0.22],
    ]);
    const c = chart(wb, "CVA_ModelBuckets");
    expect(c.type).toBe("LineMarkers");
    expect(c.source).toBe(`${range(at.header, 2, 9, 1)}`);
    expect(c.seriesAdded).toEqual([{ name: "Predicted, mean", x: `${range(at.header + 1, 0, 8, 1)}`, y: `${range(at.header + 1, 3, 8, 1)}` }]);
    expect(c.axisTitles).toEqual({ category: "Repeat purchases", value: "Purchases per customer" });
    expect(c.position![0]).toBe(`F${at.top + 1}`);
  });

  it("tracking, per week and cumulative: scatter lines over time with the end of calibration as a vertical line", async () => {
    const wb = workbook();
    await write(wb);
    const p = places();
    for (const [id, name, cumulative] of [
      ["tracking", "CVA_ModelTracking", false],
      ["trackingCumulative", "CVA_ModelTrackingCumulative", true],
    ] as const) {
      const at = p[id];
      expect(wb.read("CVA Model", A1(at.top + 1, 0))).toEqual([["The whole base, calibration and holdout; the holdout begins after 39 weeks."]]);
      const table = wb.read("CVA Model", range(at.header, 0, 79, 4));
      expect(table[0]).toEqual(["Time (weeks)", "Actual", "Model", "Holdout"]);
      expect(table[39]).toEqual(cumulative ? [39, 429, 409.5, ""] : [39, 10, 10.5, ""]); // Σ of weeks 1–39: 390 + 39 (13 each of +0, +1, +2)
      expect(table[40]).toEqual(cumulative ? [40, 440, 420, "Yes"] : [40, 11, 10.5, "Yes"]);
      expect(table[50][2]).toBe(cumulative ? 514.5 : ""); // week 50's NaN: an empty cell
      // The mark: two points at x = 39, from 0 to the highest value of the table.
      const top = cumulative ? 858 : 12; // 78 × 10 + 26 × (0 + 1 + 2) = 858
      expect(wb.read("CVA Model", range(at.mark, 0, 3, 2))).toEqual([
        ["End of calibration", ""],
        [39, 0],
        [39, top],
      ]);
      const c = chart(wb, name);
      expect(c.type).toBe("XYScatterLinesNoMarkers");
      expect(c.source).toBe(`${range(at.header, 1, 79, 1)}`);
      expect(c.firstSeriesX).toBe(`${range(at.header + 1, 0, 78, 1)}`);
      expect(c.seriesAdded).toEqual([
        { name: "Model", x: `${range(at.header + 1, 0, 78, 1)}`, y: `${range(at.header + 1, 2, 78, 1)}` },
        { name: "End of calibration", x: `${range(at.mark + 1, 0, 2, 1)}`, y: `${range(at.mark + 1, 1, 2, 1)}` },
      ]);
      expect(c.axisTitles).toEqual({ category: "Time (weeks)", value: "Repeat transactions" });
      expect(c.position![0]).toBe(`F${at.top + 1}`);
    }
  });

  it("P(alive) and expected purchases as heat maps: recency rows, frequency columns, a colour scale each", async () => {
    const wb = workbook();
    await write(wb);
    const p = places();
    expect(wb.read("CVA Model", range(p.alive.header, 0, 4, 4))).toEqual([
      ["Recency \\ repeat purchases", 0, 1, 2],
      [0, 0.9, 0.2, 0.05],
      [19.5, 0.9, 0.6, 0.4],
      [39, 0.9, 0.95, 0.97],
    ]);
    expect(wb.sheet("CVA Model")!.formats[p.alive.header + 1].slice(0, 4)).toEqual(["0.0", "0%", "0%", "0%"]);
    expect(wb.read("CVA Model", range(p.expectedMatrix.header + 2, 0, 1, 4))).toEqual([[19.5, 0.3, 0.7, ""]]); // Infinity: empty
    expect(wb.read("CVA Model", A1(p.expectedMatrix.top, 0))).toEqual([["Expected purchases in the next 52 weeks by frequency and recency"]]);
    const scales = wb.conditionalFormats.filter((f) => f.sheet === "CVA Model");
    expect(scales).toEqual([
      {
        sheet: "CVA Model",
        address: range(p.alive.header + 1, 1, 3, 3),
        type: "ColorScale",
        formula: null,
        fill: null,
        barColor: null,
        colorScale: {
          minimum: { type: "Number", formula: "0", color: "#F8696B" },
          midpoint: { type: "Number", formula: "0.5", color: "#FFEB84" },
          maximum: { type: "Number", formula: "1", color: "#63BE7B" },
        },
      },
      {
        sheet: "CVA Model",
        address: range(p.expectedMatrix.header + 1, 1, 3, 3),
        type: "ColorScale",
        formula: null,
        fill: null,
        barColor: null,
        colorScale: {
          minimum: { type: "LowestValue", formula: null, color: "#FFFFFF" },
          midpoint: { type: "Percentile", formula: "50", color: "#9BC2E6" },
          maximum: { type: "HighestValue", formula: null, color: "#2F75B5" },
        },
      },
    ]);
  });

  it("the forecast: per period, a bold total row, money formats, a line chart of revenue that stops above the total", async () => {
    const wb = workbook();
    await write(wb);
    const at = places().forecast;
    expect(wb.read("CVA Model", A1(at.top + 1, 0))).toEqual([["2,357 customers; periods of 13 weeks; discounted per period."]]);
    expect(wb.read("CVA Model", range(at.header, 0, 5, 5))).toEqual([
      ["Period", "End (weeks)", "Repeat transactions", "Revenue", "Discounted margin"],
      [1, 13, 400.5, 14017.5, 13878.7],
      [2, 26, 380.25, 13308.75, 13046.1],
      [3, 39, 362, 12670, ""],
      ["Total", "", 1142.75, 39996.25, 26924.8],
    ]);
    const sheet = wb.sheet("CVA Model")!;
    expect(sheet.formats[at.header + 1].slice(0, 5)).toEqual(["0", "0.0", "#,##0.0", "#,##0.00", "#,##0.00"]);
    expect(sheet.styles[at.header + 4].slice(0, 5)).toEqual(new Array(5).fill({ bold: true }));
    expect(sheet.styles[at.header + 3]?.[0]).toBeUndefined();
    const c = chart(wb, "CVA_ModelForecast");
    expect(c).toMatchObject({
      type: "LineMarkers",
      title: "Forecast revenue per period",
      source: `${range(at.header, 3, 4, 1)}`,
      firstSeriesX: `${range(at.header + 1, 0, 3, 1)}`,
      seriesAdded: [{ name: "Discounted margin", x: `${range(at.header + 1, 0, 3, 1)}`, y: `${range(at.header + 1, 4, 3, 1)}` }],
      axisTitles: { category: "Period", value: "Amount" },
    });
    expect(c.position![0]).toBe(`G${at.top + 1}`);
  });

  it("the value of a new customer: per month, the running margin, a bold total, the cost, CLV:CAC and payback under it, a line chart of the margin against the cost", async () => {
    const wb = workbook();
    await write(wb);
    const at = placeSections(buildModelSheet(modelParts(), "en-US", "weeks", names.model)!).find((s) => s.id === "newCustomer")!;
    expect(at.top).toBe(places().forecast.top + 18); // below the forecast and its chart (16 rows + 1 + a blank row)
    expect(wb.read("CVA Model", range(at.top, 0, 2, 1))).toEqual([["Value of a new customer"], ["One customer acquired now, at 35.00 a purchase (the customers' mean): repeat purchases only, one row per month, discounted at the monthly rate."]]);
    expect(wb.read("CVA Model", range(at.header, 0, 5, 6))).toEqual([
      ["Month", "Expected repeat purchases", "Revenue", "Discounted margin", "Cumulative discounted margin", "Acquisition cost"],
      [1, 0.2, 7, 2.1, 2.1, 4],
      [2, 0.15, 5.25, 1.5, 3.6, 4],
      [3, "", 3.5, 1, 4.6, 4], // month 3's NaN purchases: an empty cell
      ["Total", 0.45, 15.75, 4.6, "", ""],
    ]);
    const sheet = wb.sheet("CVA Model")!;
    expect(sheet.formats[at.header + 1].slice(0, 6)).toEqual(["0", "0.000", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00"]);
    expect(sheet.styles[at.header + 4].slice(0, 6)).toEqual(new Array(6).fill({ bold: true }));
    // Under the table, after a blank row: the cost, CLV:CAC = 4.6 / 4 and the payback month, each in its own format.
    expect(at.footer).toBe(at.header + 6);
    expect(wb.read("CVA Model", range(at.footer - 1, 0, 4, 2))).toEqual([
      ["", ""],
      ["Acquisition cost", 4],
      ["CLV : CAC", 1.15],
      ["Payback month", 3],
    ]);
    expect([0, 1, 2].map((k) => sheet.formats[at.footer + k].slice(0, 2))).toEqual([
      ["General", "#,##0.00"],
      ["General", "0.00"],
      ["General", "0"],
    ]);
    const c = chart(wb, "CVA_ModelNewCustomer");
    expect(c).toMatchObject({
      type: "LineMarkers",
      title: "A new customer's cumulative discounted margin",
      source: range(at.header, 4, 4, 1),
      firstSeriesX: range(at.header + 1, 0, 3, 1),
      // The cost as a flat second series: the margin's line crosses it at the payback month.
      seriesAdded: [{ name: "Acquisition cost", x: range(at.header + 1, 0, 3, 1), y: range(at.header + 1, 5, 3, 1) }],
      axisTitles: { category: "Months since acquisition", value: "Amount" },
    });
    // Beside the six columns (A–F), from H, on the title row; 16 rows high, within the section.
    expect(c.position).toEqual([`H${at.top + 1}`, `O${at.top + 16}`]);
    expect(at.height).toBe(18);
  });

  it("the new customer without a cost: five columns, one series, no figures under the table, the note says where to give one", async () => {
    const wb = workbook();
    const parts = { ...modelParts(), newCustomer: newCustomer(null) };
    await write(wb, parts);
    const at = placeSections(buildModelSheet(parts, "en-US", "weeks", names.model)!).find((s) => s.id === "newCustomer")!;
    expect(wb.read("CVA Model", A1(at.top + 1, 0))[0][0]).toMatch(/discounted at the monthly rate\. Give an acquisition cost in the Options step for CLV : CAC and the payback month\.$/);
    expect(wb.read("CVA Model", range(at.header, 0, 5, 6))).toEqual([
      ["Month", "Expected repeat purchases", "Revenue", "Discounted margin", "Cumulative discounted margin", ""],
      [1, 0.2, 7, 2.1, 2.1, ""],
      [2, 0.15, 5.25, 1.5, 3.6, ""],
      [3, "", 3.5, 1, 4.6, ""],
      ["Total", 0.45, 15.75, 4.6, "", ""],
    ]);
    expect(wb.read("CVA Model", range(at.header + 5, 0, 4, 2)).flat().every((v) => v === "")).toBe(true);
    const c = chart(wb, "CVA_ModelNewCustomer");
    expect(c.source).toBe(range(at.header, 4, 4, 1));
    expect(c.seriesAdded).toEqual([]);
    expect(c.position![0]).toBe(`G${at.top + 1}`);
  });

  it("a payback not reached within the months: said in words, as text", async () => {
    const wb = workbook();
    const parts = { ...modelParts(), newCustomer: { ...newCustomer(10), clvToCac: 0.46, paybackPeriod: null } };
    await write(wb, parts);
    const at = placeSections(buildModelSheet(parts, "en-US", "weeks", names.model)!).find((s) => s.id === "newCustomer")!;
    expect(wb.read("CVA Model", range(at.footer, 0, 3, 2))).toEqual([
      ["Acquisition cost", 10],
      ["CLV : CAC", 0.46],
      ["Payback month", "not within 3 months"],
    ]);
    expect(wb.sheet("CVA Model")!.formats[at.footer + 2][1]).toBe("@");
  });

  it("no NaN or infinity anywhere on the sheet; no chart overlaps the next section's table", async () => {
    const wb = workbook();
    await write(wb);
    const cells = wb.used("CVA Model").flat();
    expect(cells.filter((v) => typeof v === "number" && !Number.isFinite(v))).toEqual([]);
    expect(cells.filter((v) => typeof v === "string" && /NaN|Infinity/.test(v))).toEqual([]);
    const p = buildModelSheet(modelParts(), "en-US", "weeks", names.model)!;
    const placed = placeSections(p);
    for (let i = 0; i + 1 < placed.length; i++) {
      const c = p.sections[i].chart;
      if (!c) continue;
      const pos = chart(wb, c.name).position!;
      const bottom = Number(pos[1].replace(/^[A-Z]+/, "")) - 1;
      expect([c.name, bottom < placed[i + 1].top]).toEqual([c.name, true]);
    }
  });

  it("in Chinese: sheet 生命周期模型, the labels translated", async () => {
    const p = buildModelSheet(modelParts(), "zh-CN", "weeks", "生命周期模型")!;
    expect(p.lines[0]).toEqual(["生命周期模型：MBG/NBD"]);
    expect(p.sections.map((s) => s.title)).toEqual([
      "模型比较（校准期数据）",
      "按校准期重复购买次数统计的客户数",
      "按校准期频次统计的留出期购买",
      "每期重复交易",
      "累计重复交易",
      "按频次与最近购买时间的存活概率",
      "未来 52 周的期望购买次数（按频次与最近购买时间）",
      "现有客户的预测",
      "新客户的价值",
    ]);
    const nc = p.sections.find((s) => s.id === "newCustomer")!;
    expect(nc.note).toBe("一位现在获得的新客户，每次购买 35.00（客户的平均值）：只计重复购买，每月一行，按月折现率折现。");
    expect(nc.header).toEqual(["月份", "预期重复购买次数", "收入", "折现毛利", "累计折现毛利", "获客成本"]);
    expect(nc.rows.at(-1)![0]).toBe("合计");
    expect(nc.footer!.map((f) => [f.label, f.value])).toEqual([
      ["获客成本", 4],
      ["终生价值与获客成本之比（CLV : CAC）", 1.15],
      ["回本月份", 3],
    ]);
    expect([nc.chart!.title, nc.chart!.xTitle, nc.chart!.yTitle]).toEqual(["新客户的累计折现毛利", "获客后月数", "金额"]);
    const never = buildModelSheet({ ...modelParts(), newCustomer: { ...newCustomer(10), clvToCac: 0.46, paybackPeriod: null } }, "zh-CN", "weeks", "生命周期模型")!;
    expect(never.sections.find((s) => s.id === "newCustomer")!.footer![2]).toEqual({ label: "回本月份", value: "3 个月内不回本", format: "@" });
    const free = buildModelSheet({ ...modelParts(), newCustomer: newCustomer(null) }, "zh-CN", "weeks", "生命周期模型")!;
    expect(free.sections.find((s) => s.id === "newCustomer")!.note).toBe("一位现在获得的新客户，每次购买 35.00（客户的平均值）：只计重复购买，每月一行，按月折现率折现。在“选项”步骤填写获客成本，即可得到 CLV : CAC 与回本月份。");
    expect(p.sections[3].chart?.xTitle).toBe("时间（周）");
    expect(p.sections[0].rows[2][p.sections[0].header.length - 1]).toBe("所有起点处的对数似然都不是有限值");
  });

  it("a long section is written in blocks under the byte budget: more requests, none above it", async () => {
    const long = modelParts();
    const t = long.checks!.tracking!;
    // 3,000 days of tracking (the data's unit in days), each row about 30 bytes.
    long.checks = { ...long.checks!, unit: "days", tracking: Array.from({ length: 3000 }, (_, k) => ({ ...t[k % t.length], period: k + 1, time: k + 1, inHoldout: k >= 1500 })) };
    const wb = workbook();
    const out = await write(wb, long, { maxBytes: 20_000 });
    expect(out.modelRequests).toBeGreaterThanOrEqual(1 + Math.floor((2 * 3000 * 30) / 20_000));
    expect(wb.maxRequestBytes).toBeLessThan(2 * 20_000);
    const at = placeSections(buildModelSheet(long, "en-US", "days", names.model)!).find((s) => s.id === "trackingCumulative")!;
    expect(wb.read("CVA Model", range(at.header + 3000, 0, 1, 1))).toEqual([[3000]]);
  });

  it("paramsText keeps the model's parameter order and 4 significant digits", () => {
    expect(paramsText("paretonbd", { beta: 11.669, s: 0.60624, alpha: 10.5783, r: 0.55336 })).toBe("r = 0.5534, alpha = 10.58, s = 0.6062, beta = 11.67");
    expect(paramsText("bgnbd", null)).toBe("");
  });
});

describe("the model sheet among the others: name clashes, Replace, rollback", () => {
  it("New sheets: the same number for all three", async () => {
    const wb = workbook();
    wb.addSheet("CVA Model", [["old model"]]);
    const out = await write(wb, modelParts(), { decide: async () => "new" });
    expect([out.resultsSheet, out.reportSheet, out.modelSheet]).toEqual(["CVA Results (2)", "CVA Report (2)", "CVA Model (2)"]);
    expect(wb.used("CVA Model")).toEqual([["old model"]]);
  });

  it("Replace rewrites the old model sheet in place (same id): old charts and scales gone, the new ones there", async () => {
    const wb = workbook();
    await write(wb);
    const id = wb.sheet("CVA Model")!.id;
    const again = await write(wb, modelParts(), { decide: async () => "replace" });
    expect(again.replaced).toBe(true);
    expect(wb.sheet("CVA Model")!.id).toBe(id);
    expect(wb.charts.filter((c) => c.sheet === "CVA Model").map((c) => c.name).sort()).toEqual(
      ["CVA_ModelBuckets", "CVA_ModelForecast", "CVA_ModelFrequency", "CVA_ModelNewCustomer", "CVA_ModelTracking", "CVA_ModelTrackingCumulative"].sort(),
    );
    expect(wb.conditionalFormats.filter((f) => f.sheet === "CVA Model")).toHaveLength(2);
  });

  it("Replace when this run fits no model: the old model sheet keeps only the reason, no old figure", async () => {
    const wb = workbook();
    await write(wb);
    const out = await runAnalysis(
      { source: { kind: "selection" }, names },
      { compute: async (s) => ({ ...plan(s, null), modelNote: "No lifetime model was fitted in the last run: too few customers" }), decide: async () => "replace" },
      wb.run,
    );
    expect(out.modelSheet).toBe("CVA Model");
    expect(wb.used("CVA Model")).toEqual([["No lifetime model was fitted in the last run: too few customers"]]);
    expect(wb.charts.filter((c) => c.sheet === "CVA Model")).toEqual([]);
    expect(wb.conditionalFormats.filter((f) => f.sheet === "CVA Model")).toEqual([]);
  });

  it("no model and no old model sheet: no model sheet is added", async () => {
    const wb = workbook();
    const out = await write(wb, null);
    expect(out.modelSheet).toBeUndefined();
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report"]);
  });

  it("a failure in any request of the model sheet: writeFailed, and every added sheet deleted, its charts and scales with it", async () => {
    const ok = workbook();
    let beforeWrite = -1;
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { compute: async (s) => ((beforeWrite = ok.syncs), plan(s)) }, ok.run);
    const total = ok.syncs;
    expect(total).toBe(beforeWrite + 1 + out.chunks + out.modelRequests! + 1);
    // The model sheet's add is the request after the last block; the final request holds its contents.
    for (const sync of [total - 1, total]) {
      for (const at of [0, 0.5, 0.999]) {
        const wb = workbook();
        const before = JSON.stringify({ sheets: wb.sheets, charts: wb.charts, formats: wb.conditionalFormats });
        const error = richApiError("GeneralException", `request ${sync} failed`);
        wb.failSync(sync, at, error);
        const err = await runAnalysis({ source: { kind: "selection" }, names }, { compute: async (s) => plan(s) }, wb.run).catch((e) => e);
        expect([sync, at, err.code, err.details.cause === error, err.details.leftBehind]).toEqual([sync, at, "writeFailed", true, []]);
        expect(JSON.stringify({ sheets: wb.sheets, charts: wb.charts, formats: wb.conditionalFormats })).toBe(before);
      }
    }
  });
});

describe("the fake workbook's colour scales, as Excel takes them", () => {
  const good = { minimum: { type: "LowestValue", formula: null, color: "#FFFFFF" }, maximum: { type: "HighestValue", formula: null, color: "#2F75B5" } };

  it.each([
    [{ maximum: good.maximum }, "a colour scale needs a minimum and a maximum"],
    [{ ...good, minimum: { type: "Lowest", formula: null, color: "#FFFFFF" } }, "unknown criterion type Lowest"],
    [{ ...good, minimum: { type: "Number", formula: null, color: "#FFFFFF" } }, "a Number point needs a formula"],
    [{ ...good, midpoint: { type: "Percentile", formula: "150", color: "#FFFFFF" } }, "Percentile 150 is outside 0–100"],
    [{ ...good, midpoint: { type: "Number", formula: "x", color: "#FFFFFF" } }, "x is not a number"],
    [{ ...good, maximum: { type: "HighestValue", formula: null, color: "#12345" } }, "invalid colour #12345"],
    [{ minimum: { type: "Number", formula: "1", color: "red" }, maximum: { type: "Number", formula: "0", color: "green" } }, "the points of a colour scale must be in order"],
  ])("refuses %j: %s", (criteria, problem) => {
    expect(colorScaleProblem(criteria as never)).toBe(problem);
  });

  it("accepts a two-colour scale at the lowest and highest values, and fixed ordered numbers", () => {
    expect(colorScaleProblem(good as never)).toBeNull();
    expect(colorScaleProblem({ minimum: { type: "Number", formula: "0", color: "red" }, midpoint: { type: "Number", formula: "0.5", color: "yellow" }, maximum: { type: "Number", formula: "1", color: "green" } })).toBeNull();
  });

  it("the criteria apply at the sync, and bad ones fail that sync with InvalidArgument, not the assignment", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", [[1, 2]]);
    const seen: unknown[] = [];
    await wb.run(async (context) => {
      const cf = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").conditionalFormats.add("ColorScale");
      cf.colorScale.criteria = good as unknown as Excel.ConditionalColorScaleCriteria;
      seen.push(wb.conditionalFormats.length);
      await context.sync();
      seen.push(wb.conditionalFormats[0].colorScale);
    });
    expect(seen).toEqual([0, good]);
    const err = await wb
      .run(async (context) => {
        const cf = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").conditionalFormats.add("ColorScale");
        cf.colorScale.criteria = { minimum: good.minimum } as unknown as Excel.ConditionalColorScaleCriteria;
        await context.sync();
      })
      .catch((e) => e);
    expect([err.code, err.message]).toEqual(["InvalidArgument", "a colour scale needs a minimum and a maximum"]);
  });

  it("colorScale on a format of another type fails with InvalidOperation; an unknown type with InvalidArgument", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1", [[1, 2]]);
    const run = (type: string) =>
      wb
        .run(async (context) => {
          const cf = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").conditionalFormats.add(type as Excel.ConditionalFormatType);
          cf.colorScale.criteria = good as unknown as Excel.ConditionalColorScaleCriteria;
          await context.sync();
        })
        .catch((e) => e);
    expect((await run("DataBar")).code).toBe("InvalidOperation");
    expect((await run("Heatmap")).code).toBe("InvalidArgument");
  });
});
