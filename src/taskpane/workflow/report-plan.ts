/**
 * The manager's report sheet (docs/output.md §3): the title with the period and the source, the
 * headline figures, then one section per question — the pyramid (customers and value per tier),
 * life cycle, loyalty, the action list, tier × stage, how concentrated and how spread value is —
 * each table with its chart beside it, and the model's details last. The charts' source blocks go
 * to a separate data area (area "data"), never between the tables. Pure, O(customers log customers).
 */
import { countModel, formatDay, type AnalyzeResult } from "../../core";
import { REPORT_COLUMNS, type Cell, type ChartPlan, type ReportBlock, type ReportKpi, type ReportPlan } from "../../excel/plan";
import { actionList, atRiskTotals, groupFigures, tierStageCounts } from "./report-actions";
import { quantileBins } from "./report-bins";
import { figure } from "./result-columns";
import { columnWidths, fitLinesUnder } from "./report-layout";
import type { Headline } from "./headline";
import type { AnalysisOptions } from "./options";
import { t, type Locale, type StringKey } from "../strings";

/** Rows of the action list shown on the report; every customer is on the results sheet. */
export const ACTION_ROWS = 25;
/** The tops of the concentration table, as shares of customers. */
const TOPS = [0.01, 0.05, 0.1, 0.2, 0.5];

const INT = "#,##0";
const MONEY0 = "#,##0";
const MONEY2 = "#,##0.00";
const PCT1 = "0.0%";
const PCT0 = "0%";

/** What the report needs of the options: the language, the CLV horizon, discount and margin. */
export type ReportOptions = Pick<AnalysisOptions, "lang" | "horizonMonths" | "discount" | "margin">;

/** The report sheet's lines, headline figures, blocks, charts, column widths and print settings. */
export function reportPlan(result: AnalyzeResult, o: ReportOptions, fallback: string | null, head: Headline, source?: string): Omit<ReportPlan, "sheet"> {
  const lang = o.lang;
  const L = (key: StringKey, values?: Record<string, string | number>) => t(lang, key, values);
  const r = result.report;
  const clv = r.valueMeasure === "clv";
  const measure = r.valueMeasureLabel;
  const n = r.customers;
  const share = (a: number, b: number) => (b !== 0 ? a / b : 0);
  const period = periodOf(result);

  const intro = [period ? L("reportPeriod", period) : "", source ? L("reportSource", { source }) : "", L("reportRanked", { measure: measure.toLowerCase() })].filter((x) => x !== "");
  const lines: Cell[][] = [[L("reportTitle")], [intro.join(" · ")]];
  if (fallback) lines.push([`${L("reportFallback")}: ${fallback}`]);
  for (const w of r.warnings) lines.push([`${L("reportWarning")}: ${w.text}`]);

  const risk = atRiskTotals(result);
  const churned = r.stages.find((s) => s.stage === "churned")?.count ?? 0;
  const tiered = r.tiers.length > 0;
  const kpis: ReportKpi[] = [{ label: L("kpiCustomers"), value: n, format: INT, note: L("kpiCustomersNote") }];
  if (head.equity !== null) kpis.push({ label: L("kpiEquity", { months: o.horizonMonths }), value: Math.round(head.equity), format: MONEY0, note: equityNote(result, lang) ?? L("kpiEquityNote") });
  else kpis.push({ label: L("kpiValue", { measure: measure.toLowerCase() }), value: Math.round(r.totalValue), format: MONEY0, note: "" });
  if (tiered) kpis.push({ label: L("kpiKeyShare"), value: r.keyCustomers.valueShare, format: PCT1, note: L("kpiKeyNote", { count: r.keyCustomers.count, share: pct(r.keyCustomers.customerShare, lang) }) });
  const top = Math.round(r.pareto.top * 100);
  kpis.push({ label: L("kpiTopShare", { top }), value: r.pareto.valueShare, format: PCT1, note: L("kpiTopNote", { top }) });
  const modelled = meanAlive(result) !== null;
  // The count and the revenue from the same flags (./report-actions.ts), the headline's count once the analysis gives it.
  kpis.push({ label: L("kpiAtRisk"), value: risk.count, format: INT, note: L(modelled ? "kpiAtRiskNoteModel" : "kpiAtRiskNoteStage") });
  kpis.push({ label: L("kpiAtStake"), value: round2(risk.revenue), format: MONEY0, note: L("kpiAtStakeNote") });
  kpis.push({ label: L("kpiChurned"), value: churned, format: INT, note: L("kpiChurnedNote") });

  // The columns every table shares: name, customers, share, value, share of value, mean value, revenue, one more.
  const hValue = clv ? L("hValueClv", { months: o.horizonMonths }) : L("hValueMeasure", { measure });
  const hMean = clv ? L("hMeanValue") : L("hMeanMeasure", { measure: measure.toLowerCase() });
  const hRevenue = period ? L("hRevenuePeriod", period) : L("hRevenueAll");
  const common = [L("hCustomers"), L("hCustomerShare"), hValue, L("hValueShare"), hMean, hRevenue];
  const commonFormats = [INT, PCT1, MONEY0, PCT1, MONEY2, MONEY0];
  const figures = (count: number, value: number, revenue: number): Cell[] => [count, share(count, n), round2(value), share(value, r.totalValue), count > 0 ? round2(value / count) : 0, round2(revenue)];
  const total = (count: number, value: number, revenue: number): Cell[] => [L("hTotal"), count, share(count, n), round2(value), share(value, r.totalValue), count > 0 ? round2(value / count) : 0, round2(revenue)];

  const blocks: ReportBlock[] = [];
  const charts: ChartPlan[] = [];
  if (tiered) {
    const up = r.tiers.every((x) => x.upgradePotential !== null);
    blocks.push({
      id: "tiers",
      title: L("sectionPyramid"),
      header: [L("colTierLabel"), ...common, ...(up ? [L("hUpgrade")] : [])],
      rows: [
        ...r.tiers.map((x) => [x.label, ...figures(x.count, x.value, x.revenue), ...(up ? [x.upgradePotential ?? 0] : [])]),
        [...total(n, r.totalValue, r.totalRevenue), ...(up ? [r.tiers.reduce((a, x) => a + (x.upgradePotential ?? 0), 0)] : [])],
      ],
      formats: ["", ...commonFormats, ...(up ? [INT] : [])],
      totalRow: true,
      after: r.tiers.map((x) => [L("strategyOf", { label: x.label }), x.strategy]),
    });
    // Bottom tier first: a bar chart draws its first category at the bottom. Customers to the left (negative, shown without the sign).
    blocks.push({
      id: "pyramidData",
      area: "data",
      title: L("chartPyramidValue"),
      header: [L("colTierLabel"), L("hCustomersLeft"), L("hValueShare")],
      rows: r.tiers.slice().reverse().map((x) => [x.label, -round4(x.customerShare), round4(x.valueShare)]),
      formats: ["", "0%;0%", PCT0],
    });
    charts.push({ name: "CVA_Pyramid", title: L("chartPyramidValue"), kind: "pyramid", block: "pyramidData", beside: "tiers", xTitle: L("axisTier"), yTitle: L("axisShare") });
  }

  const byStage = groupFigures(result, "stage");
  const aliveAll = meanAlive(result);
  blocks.push({
    id: "stages",
    title: L("sectionLifecycle"),
    header: [L("colStage"), ...common, ...(aliveAll !== null ? [L("hMeanAlive")] : [])],
    rows: [
      ...r.stages.map((s) => {
        const f = byStage.get(s.stage) ?? { count: 0, value: 0, revenue: 0, meanAlive: null };
        return [s.label, ...figures(f.count, f.value, f.revenue), ...(aliveAll !== null ? [f.meanAlive === null ? "" : round4(f.meanAlive)] : [])];
      }),
      [...total(n, r.totalValue, r.totalRevenue), ...(aliveAll !== null ? [round4(aliveAll)] : [])],
    ],
    formats: ["", ...commonFormats, ...(aliveAll !== null ? [PCT0] : [])],
    totalRow: true,
    after: r.stages.map((s) => [L("strategyOf", { label: s.label }), s.strategy]),
  });
  blocks.push({ id: "lifecycleData", area: "data", title: L("chartLifecycle"), header: [L("colStage"), L("hCustomers")], rows: r.stages.map((s) => [s.label, s.count]) });
  charts.push({ name: "CVA_LifeCycle", title: L("chartLifecycle"), kind: "columns", block: "lifecycleData", beside: "stages", xTitle: L("axisStage"), yTitle: L("axisCustomers") });

  const byClass = groupFigures(result, "loyaltyClass");
  const classed = r.loyalty.classes.reduce((a, c) => a + c.count, 0);
  if (classed > 0) {
    const sum = { count: 0, value: 0, revenue: 0 };
    const rows = r.loyalty.classes.map((c) => {
      const f = byClass.get(c.class) ?? { count: 0, value: 0, revenue: 0 };
      sum.count += f.count;
      sum.value += f.value;
      sum.revenue += f.revenue;
      return [c.label, ...figures(f.count, f.value, f.revenue)];
    });
    blocks.push({ id: "loyalty", title: L("sectionLoyalty"), header: [L("colLoyaltyClass"), ...common], rows: [...rows, total(sum.count, sum.value, sum.revenue)], formats: ["", ...commonFormats], totalRow: true });
  }
  blocks.push({ id: "loyaltyData", area: "data", title: L("chartLoyalty"), header: [L("colLoyaltyClass"), L("hCustomers")], rows: r.loyalty.classes.map((c) => [c.label, c.count]) });
  charts.push({ name: "CVA_Loyalty", title: L("chartLoyalty"), kind: "columns", block: "loyaltyData", ...(classed > 0 ? { beside: "loyalty" } : {}), xTitle: L("axisLoyalty"), yTitle: L("axisCustomers") });

  if (tiered) {
    const all = actionList(result);
    const shown = all.slice(0, ACTION_ROWS);
    const decline = r.stages.find((s) => s.stage === "decline")?.strategy ?? "";
    blocks.push({
      id: "actions",
      title: L("sectionActions"),
      note: all.length > 0 ? L("sectionActionsNote", { shown: shown.length, all: all.length, sheet: t(lang, "sheetResults") }) : L("sectionActionsNone"),
      header: [L("colCustomer"), L("colTierLabel"), L("colStage"), L("hAlive"), clv ? L("colClv") : measure, hRevenue, L("hLastPurchase"), L("hWhatToDo")],
      rows: shown.map((c) => [
        c.customerId,
        c.tierLabel,
        c.stageLabel,
        c.pAlive === null ? "" : round4(c.pAlive),
        round2(c.value),
        round2(c.summary.revenue),
        c.summary.last,
        // A customer at risk by the model but not (yet) in decline gets the decline's advice.
        c.stage === "decline" || c.stage === "churned" ? c.stageStrategy : decline,
      ]),
      formats: ["@", "", "", PCT0, MONEY2, MONEY2, "yyyy-mm-dd", ""],
      runOnColumn: 7,
    });
    const counts = tierStageCounts(result);
    const stageTotals = r.stages.map((_, j) => counts.reduce((a, row) => a + row[j], 0));
    blocks.push({
      id: "tierStage",
      title: L("sectionTierStage"),
      header: [L("colTierLabel"), ...r.stages.map((s) => s.label), L("hTotal")],
      rows: [...r.tiers.map((x, k) => [x.label, ...counts[k], counts[k].reduce((a, b) => a + b, 0)]), [L("hTotal"), ...stageTotals, stageTotals.reduce((a, b) => a + b, 0)]],
      formats: ["", ...r.stages.map(() => INT), INT],
      totalRow: true,
    });
  }

  blocks.push({
    id: "concentration",
    title: L("sectionConcentration"),
    header: [L("hTop"), L("hValueShare")],
    rows: TOPS.map((q) => [L("hTopLabel", { top: q * 100 }), round4(Math.abs(q - r.pareto.top) < 1e-12 ? r.pareto.valueShare : topShare(r.lorenz, q))]),
    formats: ["", PCT1],
  });
  const lorenz = r.lorenz.slice().reverse();
  blocks.push({
    id: "pareto",
    area: "data",
    title: L("chartPareto"),
    header: [L("hShareCustomers"), L("hShareValue"), L("hEquality")],
    rows: lorenz.map((p) => [round4(1 - p.customers), round4(1 - p.value), round4(1 - p.customers)]),
    formats: [PCT0, PCT0, PCT0],
  });
  blocks.push({
    id: "mark",
    area: "data",
    title: L("blockMark"),
    header: [L("hShareCustomers"), L("hMark", { top })],
    rows: [
      [0, round4(r.pareto.valueShare)],
      [r.pareto.top, round4(r.pareto.valueShare)],
      [r.pareto.top, 0],
    ],
    formats: [PCT0, PCT0],
  });
  charts.push({ name: "CVA_Pareto", title: L("chartPareto"), kind: "pareto", block: "pareto", markBlock: "mark", beside: "concentration", xTitle: L("axisTopCustomers"), yTitle: L("axisValueShare") });

  const bins = quantileBins(figure(result, "value"), 8, lang);
  blocks.push({
    id: "distribution",
    title: clv ? L("sectionDistribution") : L("sectionDistributionValue", { measure: measure.toLowerCase() }),
    header: [`${L("hRange")} (${clv ? L("colClv") : measure})`, L("hCustomers"), L("hCustomerShare")],
    rows: bins.map((b) => [b.label, b.count, share(b.count, n)]),
    formats: ["", INT, PCT1],
  });
  blocks.push({ id: "histogram", area: "data", title: L("chartHistogram"), header: [L("hRange"), L("hCustomers")], rows: bins.map((b) => [b.label, b.count]) });
  charts.push({ name: "CVA_ClvHistogram", title: L("chartHistogram"), kind: "columns", block: "histogram", beside: "distribution", xTitle: clv ? `${L("axisRange")} (${L("colClv")})` : `${L("axisRange")} (${measure})`, yTitle: L("axisCustomers") });

  blocks.push(details(result, o, L));
  // Report blocks first in their order, then the data area's (the writer places each by its area).
  const ordered = [...blocks.filter((b) => b.area !== "data"), ...blocks.filter((b) => b.area === "data")];
  const widths = columnWidths(ordered.filter((b) => b.area !== "data"), kpis);
  return { lines, kpis, blocks: fitLinesUnder(ordered, widths, REPORT_COLUMNS), charts, widths, print: { header: L("reportTitle"), footer: L("printFooter") }, dataTitle: L("chartDataTitle") };
}

/** The model's details: which model, the CLV horizon, discount and margin share (as percentages), the Gini, and where the rest is. */
function details(result: AnalyzeResult, o: ReportOptions, L: (key: StringKey, values?: Record<string, string | number>) => string): ReportBlock {
  const r = result.report;
  const model = r.model.countModel ? countModel(r.model.countModel).label : L("detailsNoModel");
  const rows: Cell[][] = [[L("detailsModel"), model]];
  const formats: string[][] = [["", "@"]];
  if (r.model.countModel) {
    rows.push([L("detailsHorizon"), o.horizonMonths], [L("detailsDiscount"), o.discount], [L("detailsMargin"), o.margin]);
    formats.push(["", "0"], ["", "0.0%"], ["", "0%"]);
  }
  rows.push([L("reportGini"), round4(r.gini)]);
  formats.push(["", "0.00"]);
  // What the equity interval means (the parameters' uncertainty of an expected value), the
  // predictive interval of the next months' purchases (what will be observed), and which customers'
  // tiers the data do not pin down, in one sentence each (docs/models/uncertainty.md §9, §11), cut
  // to the report's width like the strategies.
  const after: [string, string][] = [];
  if (r.model.intervalNote) after.push([L("detailsInterval"), r.model.intervalNote]);
  if (r.model.forecastInterval) after.push([L("detailsForecastInterval"), r.model.forecastInterval.text]);
  if (r.model.tierUncertain) after.push([L("detailsTierUncertain"), r.model.tierUncertain.text]);
  return {
    id: "details",
    title: L("sectionDetails"),
    ...(r.model.countModel ? { note: L("detailsSee", { sheet: t(o.lang, "sheetModel") }) } : {}),
    header: [],
    rows,
    cellFormats: formats,
    ...(after.length > 0 ? { after } : {}),
  };
}

/** Customer equity's interval, when the analysis gives one ("90 % interval 61,000–73,000"). */
function equityNote(result: AnalyzeResult, lang: Locale): string | null {
  const i = result.report.model.equityInterval;
  if (!i || !Number.isFinite(i.low) || !Number.isFinite(i.high)) return null;
  const level = Math.round(i.level * 100);
  const f = (v: number) => Math.round(v).toLocaleString(lang);
  return t(lang, "kpiEquityInterval", { level, low: f(i.low), high: f(i.high) });
}

/** The purchases' period: the first purchase of any customer to the observation end (transactions only). */
function periodOf(result: AnalyzeResult): { from: string; to: string } | null {
  const firsts = figure(result, "first");
  if (!result.report.end || firsts.length === 0) return null;
  let first = Infinity;
  for (let i = 0; i < firsts.length; i++) if (firsts[i] < first) first = firsts[i];
  return Number.isFinite(first) ? { from: formatDay(first), to: result.report.end } : null;
}

/** Mean P(alive) over the customers that have one; null when none has. */
function meanAlive(result: AnalyzeResult): number | null {
  const alive = figure(result, "pAlive");
  let sum = 0;
  let count = 0;
  for (let i = 0; i < alive.length; i++) {
    if (alive[i] !== alive[i]) continue;
    sum += alive[i];
    count++;
  }
  return count > 0 ? sum / count : null;
}

/** Share of value of the top `q` of customers, from the Lorenz curve (lowest first) by linear interpolation. */
export function topShare(lorenz: readonly { customers: number; value: number }[], q: number): number {
  const x = 1 - q;
  for (let i = 1; i < lorenz.length; i++) {
    const a = lorenz[i - 1], b = lorenz[i];
    if (x <= b.customers + 1e-12) {
      const w = b.customers > a.customers ? (x - a.customers) / (b.customers - a.customers) : 1;
      return 1 - (a.value + w * (b.value - a.value));
    }
  }
  return 0;
}

function pct(v: number, lang: Locale): string {
  return v.toLocaleString(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10000) / 10000;
