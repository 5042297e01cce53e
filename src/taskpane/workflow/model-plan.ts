/**
 * The analysis's lifetime model → the "CVA Model" sheet's plan (docs/models/model-sheet.md): the chosen model
 * and why (docs/models/choice.md), the comparison of the three count models, the fit checks
 * (docs/models/fit-checks.md: the repeat-purchase histogram of Fader, Hardie & Lee 2005 fig. 1; with a
 * holdout, the conditional expectations per calibration frequency and the tracking of repeat
 * transactions, their fig. 2–3; P(alive) and expected purchases on a recency × frequency grid, as
 * lifetimes' plot_probability_alive_matrix and plot_frequency_recency_matrix), and the forecast of
 * today's customers per period and the value of a newly acquired customer, with CLV:CAC and the
 * payback period for an acquisition cost (docs/models/forecast.md). Pure, O(rows of the checks).
 *
 * The report's fields are read through the structural types below (the shapes of
 * src/core/clv/model-choice.ts, fit-checks.ts and forecast.ts), so the sheet is built from whatever
 * part of them the analysis gives; a part that is null is left out.
 */
import { countModel, errorText, type CountModelId, type ErrorKey, type ErrorParams } from "../../core";
import type { Cell, ModelSection, ModelSheetPlan } from "../../excel/plan";
import { t, type Locale, type StringKey } from "../strings";
import { liveSections, type LiveInput } from "./live-plan";

export interface ComparisonRowLike {
  model: CountModelId;
  label: string;
  params: Readonly<Record<string, number>> | null;
  logLikelihood: number | null;
  aic: number | null;
  bic: number | null;
  converged: boolean;
  holdout?: { mae: number; totalPredicted: number; totalActual: number; totalError: number };
  chosen: boolean;
  errorKey?: ErrorKey;
  errorParams?: ErrorParams;
}

export interface FitChecksLike {
  model: CountModelId;
  histogram: readonly { frequency: string; actual: number; expected: number }[];
  buckets: readonly { frequency: string; customers: number; actual: number; predicted: number }[] | null;
  tracking: readonly { period: number; time: number; inHoldout: boolean; actual: number; expected: number; actualCumulative: number; expectedCumulative: number }[] | null;
  /** `pAlive[i][j]`: recency `recencies[i]`, frequency `frequencies[j]`. */
  matrix: { T: number; frequencies: readonly number[]; recencies: readonly number[]; pAlive: readonly (readonly number[])[]; expected: readonly (readonly number[])[]; horizon: number };
  unit: "days" | "weeks" | "months";
}

export interface BaseForecastLike {
  rows: readonly { period: number; end: number; transactions: number; revenue: number; discounted: number }[];
  transactions: number;
  revenue: number;
  discounted: number;
  customers: number;
  periodLength: number;
  unit?: "days" | "weeks" | "months";
}

/** One newly acquired customer per period (src/core/clv/forecast.ts NewCustomerValue), at `spend` a purchase. */
export interface NewCustomerLike {
  rows: readonly { period: number; end: number; transactions: number; revenue: number; discounted: number }[];
  transactions: number;
  revenue: number;
  discounted: number;
  acquisitionCost: number | null;
  clvToCac: number | null;
  paybackPeriod: number | null;
  spend?: number;
}

/** The model parts of the analysis report (ModelReport's fields from the model choice on). */
export interface ModelParts {
  countModel?: CountModelId | null;
  comparison?: { chosen: CountModelId; rows: readonly ComparisonRowLike[] } | null;
  choiceText?: string | null;
  checks?: FitChecksLike | null;
  forecast?: BaseForecastLike | null;
  newCustomer?: NewCustomerLike | null;
  /** The fitted parameters with standard errors and 95 % intervals (src/core/analyze/parameters.ts). */
  parameters?: {
    rows: readonly { model: string; name: string; estimate: number; se: number | null; low: number | null; high: number | null }[];
    unavailable: readonly string[];
  } | null;
}

const MONEY = "#,##0.00";
/** Excel's own three-colour scale: red low, yellow middle, green high. */
const RED_YELLOW_GREEN: [string, string, string] = ["#F8696B", "#FFEB84", "#63BE7B"];
const WHITE_TO_BLUE: [string, string, string] = ["#FFFFFF", "#9BC2E6", "#2F75B5"];
const UNIT_WORD = { days: "unitWordDays", weeks: "unitWordWeeks", months: "unitWordMonths" } as const;

/** A number with `digits` significant digits, as a number (no trailing zeros): 4.41436 → 4.414. */
export function significant(v: number, digits = 4): number {
  return Number.isFinite(v) ? Number(v.toPrecision(digits)) : NaN;
}

/** "r = 0.2426, alpha = 4.414, a = 0.7929, b = 2.426": the parameters in their order, 4 significant digits. */
export function paramsText(model: CountModelId, params: Readonly<Record<string, number>> | null): string {
  if (!params) return "";
  const names = countModel(model).paramNames.filter((n) => n in params);
  const rest = Object.keys(params).filter((n) => !names.includes(n));
  return [...names, ...rest].map((n) => `${n} = ${significant(params[n])}`).join(", ");
}

/** A finite number, else an empty cell (never NaN or an infinity in the sheet). */
const num = (v: number | null | undefined): Cell => (typeof v === "number" && Number.isFinite(v) ? v : "");

/**
 * The model sheet's plan, or undefined when the analysis fitted no count model (then the caller
 * writes nothing, or the reason into an old model sheet being replaced).
 * @param unit the analysis's time unit (the checks' and the forecast's own win when they give one).
 * @param live the live model's parts (./live-plan.ts, docs/live-model.md): named cells, what-if, worked example.
 */
export function buildModelSheet(parts: ModelParts, lang: Locale, unit: "days" | "weeks" | "months", sheet: string, live?: LiveInput): ModelSheetPlan | undefined {
  const chosen = parts.countModel ?? parts.comparison?.chosen ?? parts.checks?.model ?? null;
  if (chosen === null) return undefined;
  const L = (key: StringKey, values?: Record<string, string | number>) => t(lang, key, values);
  const u = parts.checks?.unit ?? parts.forecast?.unit ?? unit;
  const unitWord = L(UNIT_WORD[u]);
  const lines: Cell[][] = [[L("modelTitle", { model: countModel(chosen).label })]];
  if (parts.choiceText) lines.push([L("modelWhy"), parts.choiceText]);
  const sections: ModelSection[] = [];
  if (parts.comparison && parts.comparison.rows.length > 0) sections.push(comparisonSection(parts.comparison.rows, lang));
  if (parts.parameters && parts.parameters.rows.length > 0) sections.push(parameterSection(parts.parameters, L));
  const checks = parts.checks;
  if (checks) {
    sections.push(histogramSection(checks, L));
    if (checks.buckets && checks.buckets.length > 0) sections.push(bucketSection(checks.buckets, L));
    if (checks.tracking && checks.tracking.length > 0) sections.push(...trackingSections(checks.tracking, L, unitWord));
    sections.push(...matrixSections(checks.matrix, L, unitWord));
  }
  if (parts.forecast && parts.forecast.rows.length > 0) sections.push(forecastSection(parts.forecast, L, u, unitWord));
  if (parts.newCustomer && parts.newCustomer.rows.length > 0) sections.push(newCustomerSection(parts.newCustomer, lang, u, unitWord));
  if (live) {
    // The named cells, the what-if and the worked example first; the revenue by month they read, last.
    const ls = liveSections(live, lang);
    sections.unshift(...ls.slice(0, -1));
    sections.push(...ls.slice(-1));
  }
  return { sheet, lines, sections };
}

type Label = (key: StringKey, values?: Record<string, string | number>) => string;

function comparisonSection(rows: readonly ComparisonRowLike[], lang: Locale): ModelSection {
  const L: Label = (key, values) => t(lang, key, values);
  const holdout = rows.some((r) => r.holdout !== undefined);
  // The parameters' text next to last, so it runs on over the empty note of a model that was fitted.
  const header: Cell[] = [L("hModel"), L("hLogLik"), L("hAic"), L("hBic")];
  const formats = ["", "#,##0.00", "#,##0.00", "#,##0.00"];
  if (holdout) {
    header.push(L("hHoldoutMae"), L("hHoldoutPredicted"), L("hHoldoutActual"), L("hHoldoutError"));
    formats.push("0.000", "#,##0.0", "#,##0", "0.0%");
  }
  header.push(L("hChosen"), L("hParams"), L("hFitNote"));
  formats.push("", "", "");
  const body = rows.map((r) => {
    const row: Cell[] = [r.label, num(r.logLikelihood), num(r.aic), num(r.bic)];
    if (holdout) row.push(num(r.holdout?.mae), num(r.holdout?.totalPredicted), num(r.holdout?.totalActual), num(r.holdout?.totalError));
    const note = r.errorKey ? errorText(lang, r.errorKey, r.errorParams) : r.converged ? "" : L("fitNotConverged");
    row.push(r.chosen ? "✓" : "", paramsText(r.model, r.params), note);
    return row;
  });
  return { id: "comparison", title: L("blockComparison"), note: L("noteComparison"), header, rows: body, formats };
}

/** The fitted parameters beside their standard errors and 95 % intervals; a model without them says why under the table. */
function parameterSection(p: NonNullable<ModelParts["parameters"]>, L: Label): ModelSection {
  const n4 = "0.0000";
  return {
    id: "parameters",
    title: L("blockParameters"),
    note: L("noteParameters"),
    header: [L("hModel"), L("hParameter"), L("hEstimate"), L("hStdError"), L("hLow95"), L("hHigh95")],
    rows: p.rows.map((r) => [r.model, r.name, num(r.estimate), num(r.se), num(r.low), num(r.high)]),
    formats: ["@", "@", n4, n4, n4, n4],
    ...(p.unavailable.length > 0 ? { footer: p.unavailable.map((text) => ({ label: L("hNoUncertainty"), value: text, format: "@" })) } : {}),
  };
}

function histogramSection(checks: FitChecksLike, L: Label): ModelSection {
  return {
    id: "frequency",
    title: L("blockFreqHistogram"),
    note: L("noteFreqHistogram"),
    header: [L("hRepeatPurchases"), L("hActual"), L("hModelExpected")],
    rows: checks.histogram.map((h) => [h.frequency, num(h.actual), num(h.expected)]),
    formats: ["@", "#,##0", "#,##0.0"],
    chart: { name: "CVA_ModelFrequency", title: L("chartFreqHistogram"), kind: "columns", categories: 0, series: [{ column: 1 }, { column: 2 }], xTitle: L("hRepeatPurchases"), yTitle: L("axisCustomers") },
  };
}

function bucketSection(buckets: NonNullable<FitChecksLike["buckets"]>, L: Label): ModelSection {
  return {
    id: "buckets",
    title: L("blockBuckets"),
    note: L("noteBuckets"),
    header: [L("hRepeatPurchases"), L("axisCustomers"), L("hActualMean"), L("hPredictedMean")],
    rows: buckets.map((b) => [b.frequency, num(b.customers), num(b.actual), num(b.predicted)]),
    formats: ["@", "#,##0", "0.000", "0.000"],
    chart: { name: "CVA_ModelBuckets", title: L("chartBuckets"), kind: "lines", categories: 0, series: [{ column: 2 }, { column: 3 }], xTitle: L("hRepeatPurchases"), yTitle: L("axisPurchasesPerCustomer") },
  };
}

/**
 * Per period and cumulative, each a scatter chart over time with the end of the calibration as a
 * vertical line from 0 to the highest point: the split of Fader, Hardie & Lee's fig. 2.
 */
function trackingSections(tracking: NonNullable<FitChecksLike["tracking"]>, L: Label, unitWord: string): ModelSection[] {
  const calibration = tracking.filter((r) => !r.inHoldout);
  const split = calibration.length > 0 ? calibration[calibration.length - 1].time : null;
  const top = (values: number[]) => Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  const mark = (height: number) => (split === null ? undefined : { name: L("markCalibrationEnd"), points: [[split, 0], [split, significant(height, 6)]] as [number, number][] });
  const timeHead = L("hTime", { unit: unitWord });
  const note = split === null ? undefined : L("noteTracking", { end: `${significant(split, 6)} ${unitWord}` });
  const yes = L("yes");
  // The weekly and the cumulative series: the same block over two pairs of columns.
  type Row = (typeof tracking)[number];
  const block = (id: string, name: string, titles: [StringKey, StringKey], actual: (r: Row) => number, expected: (r: Row) => number): ModelSection => ({
    id,
    title: L(titles[0]),
    note,
    header: [timeHead, L("hActual"), L("hModelExpected"), L("hInHoldout")],
    rows: tracking.map((r) => [num(r.time), num(actual(r)), num(expected(r)), r.inHoldout ? yes : ""]),
    formats: ["0.0", "#,##0", "#,##0.0", ""],
    chart: {
      name,
      title: L(titles[1]),
      kind: "scatterLines",
      categories: 0,
      series: [{ column: 1 }, { column: 2 }],
      xTitle: L("axisTime", { unit: unitWord }),
      yTitle: L("axisTransactions"),
      mark: mark(top(tracking.flatMap((r) => [actual(r), expected(r)]))),
    },
  });
  return [
    block("tracking", "CVA_ModelTracking", ["blockTracking", "chartTracking"], (r) => r.actual, (r) => r.expected),
    block("trackingCumulative", "CVA_ModelTrackingCumulative", ["blockTrackingCumulative", "chartTrackingCumulative"], (r) => r.actualCumulative, (r) => r.expectedCumulative),
  ];
}

/** The two heat maps: rows are recencies, columns repeat purchases, as lifetimes' matrices. */
function matrixSections(m: FitChecksLike["matrix"], L: Label, unitWord: string): ModelSection[] {
  const header: Cell[] = [L("hRecencyFrequency"), ...m.frequencies.map((f) => num(f))];
  const grid = (values: readonly (readonly number[])[]) => m.recencies.map((r, i) => [num(significant(r, 6)), ...m.frequencies.map((_, j) => num(values[i]?.[j]))]);
  const width = m.frequencies.length;
  const note = L("noteAlive", { T: significant(m.T, 6), unit: unitWord });
  return [
    {
      id: "alive",
      title: L("blockAlive"),
      note,
      header,
      rows: grid(m.pAlive),
      formats: ["0.0", ...new Array<string>(width).fill("0%")],
      colorScale: { firstColumn: 1, min: 0, mid: 0.5, max: 1, colors: RED_YELLOW_GREEN },
    },
    {
      id: "expectedMatrix",
      title: L("blockExpectedMatrix", { horizon: significant(m.horizon, 6), unit: unitWord }),
      note,
      header,
      rows: grid(m.expected),
      formats: ["0.0", ...new Array<string>(width).fill("0.00")],
      colorScale: { firstColumn: 1, min: null, mid: null, max: null, colors: WHITE_TO_BLUE },
    },
  ];
}

/** Days per unit and per month, as the core counts them (src/core/summary/units.ts, the CLV's month). */
const DAYS = { days: 1, weeks: 7, months: 365.25 / 12 } as const;

/**
 * The forecast with its total row. Periods of a month (the analysis's forecast: the CLV's monthly
 * discount and margin) are called months; others by their length in the data's unit.
 */
function forecastSection(f: BaseForecastLike, L: Label, unit: "days" | "weeks" | "months", unitWord: string): ModelSection {
  const rows: Cell[][] = f.rows.map((r) => [r.period, num(r.end), num(r.transactions), num(r.revenue), num(r.discounted)]);
  rows.push([L("total"), "", num(f.transactions), num(f.revenue), num(f.discounted)]);
  const monthly = Math.abs(f.periodLength - DAYS.months / DAYS[unit]) <= 1e-9 * f.periodLength;
  const period = monthly ? L("hMonth") : L("hPeriod");
  return {
    id: "forecast",
    title: L("blockForecast"),
    note: monthly ? L("noteForecastMonthly", { customers: f.customers }) : L("noteForecast", { customers: f.customers, length: significant(f.periodLength, 6), unit: unitWord }),
    header: [period, L("hPeriodEnd", { unit: unitWord }), L("hTransactions"), L("hForecastRevenue"), L("hDiscounted")],
    rows,
    formats: ["0", "0.0", "#,##0.0", MONEY, MONEY],
    totalRow: true,
    chart: { name: "CVA_ModelForecast", title: L("chartForecast"), kind: "lines", categories: 0, series: [{ column: 3 }, { column: 4 }], xTitle: period, yTitle: L("axisAmount") },
  };
}

/**
 * One customer acquired now, period by period (docs/models/forecast.md §4): expected repeat
 * purchases, revenue, discounted margin and its running sum, with a total row; with an acquisition
 * cost, the cost in a column of its own (the chart's flat line, which the cumulative margin
 * crosses at the payback period) and, under the table, the cost, CLV:CAC and the payback period.
 */
function newCustomerSection(v: NewCustomerLike, lang: Locale, unit: "days" | "weeks" | "months", unitWord: string): ModelSection {
  const L: Label = (key, values) => t(lang, key, values);
  const cost = typeof v.acquisitionCost === "number" && Number.isFinite(v.acquisitionCost) ? v.acquisitionCost : null;
  const withCost = cost !== null;
  const length = v.rows[0].end / v.rows[0].period;
  const monthly = Math.abs(length - DAYS.months / DAYS[unit]) <= 1e-9 * length;
  const period = monthly ? L("hMonth") : L("hPeriod");
  let cumulative = 0;
  const rows: Cell[][] = v.rows.map((r) => {
    // A month whose margin is not known leaves the running sum unknown from there on (empty cells).
    cumulative += r.discounted;
    const row: Cell[] = [r.period, num(r.transactions), num(r.revenue), num(r.discounted), num(cumulative)];
    if (withCost) row.push(cost);
    return row;
  });
  rows.push([L("total"), num(v.transactions), num(v.revenue), num(v.discounted), "", ...(withCost ? [""] : [])]);
  const header: Cell[] = [period, L("hExpectedRepeat"), L("hForecastRevenue"), L("hDiscounted"), L("hCumulativeMargin"), ...(withCost ? [L("hAcquisitionCost")] : [])];
  const spend = typeof v.spend === "number" && Number.isFinite(v.spend) ? v.spend.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : "";
  const what = monthly ? L("noteNewCustomerMonthly", { spend }) : L("noteNewCustomer", { spend, length: significant(length, 6), unit: unitWord });
  const never = L(monthly ? "paybackNeverMonths" : "paybackNeverPeriods", { periods: v.rows.length });
  const footer = withCost
    ? [
        { label: L("hAcquisitionCost"), value: cost, format: MONEY },
        { label: L("clvToCac"), value: num(v.clvToCac), format: "0.00" },
        v.paybackPeriod === null ? { label: L(monthly ? "paybackMonth" : "paybackPeriod"), value: never, format: "@" } : { label: L(monthly ? "paybackMonth" : "paybackPeriod"), value: v.paybackPeriod, format: "0" },
      ]
    : undefined;
  return {
    id: "newCustomer",
    title: L("blockNewCustomer"),
    note: withCost ? what : `${what}${lang === "zh-CN" ? "" : " "}${L("noteNoCost")}`,
    header,
    rows,
    formats: ["0", "0.000", MONEY, MONEY, MONEY, ...(withCost ? [MONEY] : [])],
    totalRow: true,
    chart: {
      name: "CVA_ModelNewCustomer",
      title: L("chartNewCustomer"),
      kind: "lines",
      categories: 0,
      series: [{ column: 4 }, ...(withCost ? [{ column: 5 }] : [])],
      xTitle: L(monthly ? "axisMonthsSince" : "axisPeriodsSince"),
      yTitle: L("axisAmount"),
    },
    ...(footer ? { footer } : {}),
  };
}

/** The line written into an old model sheet when this run fitted no count model. */
export function noModelNote(lang: Locale, reason: string | null): string {
  return t(lang, "modelNone", { reason: reason ?? t(lang, "modelNoneReason") });
}
