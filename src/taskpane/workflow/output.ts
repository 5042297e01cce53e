/**
 * The value model's results → what is written back (docs/output.md §2–§5, §7): the per-customer
 * table, the manager's report blocks and the chart plans, and the pane's headline figures. Pure,
 * O(customers).
 */
import type { AnalyzeResult, CustomerResult } from "../../core";
import type { Cell, ChartPlan, OutputPlan, ReportBlock } from "../../excel/plan";
import { t, type Locale, type StringKey } from "../strings";
import type { HoldoutCheck } from "./holdout-check";
import { buildModelSheet, noModelNote, type ModelParts } from "./model-plan";
import type { AnalysisOptions } from "./options";

export interface Headline {
  customers: number;
  /** Σ CLV over the base; null without a CLV. */
  equity: number | null;
  /** Share of value held by the top 20 % of customers. */
  topShare: number;
  /** P(alive) < 0.5 when a model was fitted; otherwise customers in decline or churned. */
  atRisk: number;
  measure: string;
  /** Empty when the population has no spread (docs/pyramid.md §11). */
  tiers: { tier: number; label: string; count: number }[];
  fallback: string | null;
  /** The analysis's warnings (rows left out, dates far out, no spread, …), in the pane's language. */
  warnings: string[];
}

/** Customers at churn risk below this P(alive). */
export const AT_RISK_P_ALIVE = 0.5;

/** The pane's headline figures. */
export function headline(result: AnalyzeResult, fallback: string | null): Headline {
  const r = result.report;
  let equity: number | null = null;
  let atRisk = 0;
  let anyP = false;
  for (const c of result.customers) {
    if (c.clv !== null) equity = (equity ?? 0) + c.clv;
    if (c.pAlive !== null) anyP = true;
  }
  for (const c of result.customers) {
    if (anyP ? c.pAlive !== null && c.pAlive < AT_RISK_P_ALIVE : c.stage === "decline" || c.stage === "churned") atRisk++;
  }
  return {
    customers: r.customers,
    equity,
    topShare: r.pareto.valueShare,
    atRisk,
    measure: r.valueMeasureLabel,
    tiers: r.tiers.map((x) => ({ tier: x.tier, label: x.label, count: x.count })),
    fallback,
    warnings: r.warnings.map((w) => w.text),
  };
}

/** Fill colours per tier, top first (warm to cool); more tiers repeat the cool end. */
export const TIER_COLORS = ["#F8CBAD", "#FFE699", "#E2EFDA", "#DDEBF7", "#EDEDED", "#F2F2F2"];

interface Column {
  key: StringKey;
  format: string;
  get: (c: CustomerResult) => Cell | null | undefined;
}

const MONEY = "#,##0.00";
const DATE = "yyyy-mm-dd";

function columns(result: AnalyzeResult): Column[] {
  const hasMargin = result.customers.some((c) => c.summary.margin !== null);
  const cols: (Column | false)[] = [
    { key: "colCustomer", format: "@", get: (c) => c.customerId },
    { key: "colFrequency", format: "0", get: (c) => c.summary.frequency },
    { key: "colRecency", format: "0.00", get: (c) => c.summary.recency },
    { key: "colT", format: "0.00", get: (c) => c.summary.T },
    { key: "colMonetary", format: MONEY, get: (c) => c.summary.monetary },
    { key: "colRevenue", format: MONEY, get: (c) => c.summary.revenue },
    hasMargin && { key: "colMargin", format: MONEY, get: (c) => c.summary.margin },
    { key: "colFirst", format: DATE, get: (c) => c.summary.first || null },
    { key: "colLast", format: DATE, get: (c) => c.summary.last || null },
    { key: "colOrders", format: "0", get: (c) => c.summary.orders },
    { key: "colValue", format: MONEY, get: (c) => c.value },
    { key: "colTier", format: "0", get: (c) => c.tier || null }, // 0: no tier, left blank
    { key: "colTierLabel", format: "@", get: (c) => c.tierLabel },
    { key: "colRfm", format: "@", get: (c) => c.rfm.cell },
    { key: "colRfmSegment", format: "@", get: (c) => c.rfm.segmentLabel },
    { key: "colStage", format: "@", get: (c) => c.stageLabel },
    { key: "colExit", format: "@", get: (c) => c.exitPatternLabel },
    { key: "colLevel", format: "@", get: (c) => c.levelLabel },
    { key: "colLoyalty", format: "0.0", get: (c) => c.loyaltyIndex },
    { key: "colLoyaltyClass", format: "@", get: (c) => c.loyaltyClassLabel },
    { key: "colPAlive", format: "0.0%", get: (c) => c.pAlive },
    { key: "colExpected", format: "0.00", get: (c) => c.expectedPurchases },
    { key: "colClv", format: MONEY, get: (c) => c.clv },
  ];
  return cols.filter((c): c is Column => c !== false);
}

/** Sheet and table names in a language. */
export function outputNames(lang: Locale): { results: string; report: string; model: string } {
  return { results: t(lang, "sheetResults"), report: t(lang, "sheetReport"), model: t(lang, "sheetModel") };
}

/** Equal-width bins over [min, max] of the values: labels and counts. */
export function histogram(values: readonly number[], bins = 10, locale: Locale = "en-US"): { label: string; count: number }[] {
  if (values.length === 0) return [];
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) return [{ label: fmtNum(lo, locale), count: values.length }];
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  return counts.map((count, k) => ({ label: `${fmtNum(lo + k * width, locale)}–${fmtNum(lo + (k + 1) * width, locale)}`, count }));
}

function fmtNum(v: number, locale: Locale): string {
  return v.toLocaleString(locale, { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 });
}

/**
 * The whole output plan. O(customers × columns).
 * @param holdout the holdout check's parts (./holdout-check.ts), which replace the analysis's
 *   comparison and reason and add the buckets and tracking to its fit checks.
 */
export function buildPlan(result: AnalyzeResult, o: AnalysisOptions, fallback: string | null, holdout?: HoldoutCheck["parts"]): OutputPlan {
  const lang = o.lang;
  const L = (key: StringKey, values?: Record<string, string | number>) => t(lang, key, values);
  const cols = columns(result);
  const n = result.customers.length;
  const width = cols.length;
  const rows: Cell[][] = new Array(n);
  const getters = cols.map((c) => c.get);
  for (let i = 0; i < n; i++) {
    const c = result.customers[i];
    const row: Cell[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const v = getters[j](c);
      row[j] = v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : v;
    }
    rows[i] = row;
  }
  const keys = cols.map((c) => c.key);
  const names = outputNames(lang);
  const r = result.report;
  const head = headline(result, fallback);

  const lines: Cell[][] = [
    [L("reportTitle")],
    [L("reportCustomers"), r.customers],
    [L("reportMeasure"), r.valueMeasureLabel],
  ];
  if (r.end) lines.push([L("reportEnd"), r.end]);
  if (head.equity !== null) lines.push([L("reportEquity"), round2(head.equity)]);
  lines.push([r.keyCustomers.label, r.keyCustomers.count, r.keyCustomers.valueShare]);
  lines.push([L("reportPareto", { top: Math.round(r.pareto.top * 100) }), r.pareto.valueShare]);
  lines.push([L("reportGini"), r.gini]);
  if (fallback) lines.push([L("reportFallback"), fallback]);
  else if (r.predictorNote) lines.push([L("reportModel"), r.predictorNote]);
  for (const w of r.warnings) lines.push([L("reportWarning"), w.text]);

  const pct = "0.0%";
  const tiers: ReportBlock = {
    id: "tiers",
    title: L("blockTiers"),
    header: [L("colTierLabel"), L("hCustomers"), L("hCustomerShare"), L("hRevenue"), L("hRevenueShare"), L("hMeanClv"), L("hStrategy")],
    rows: r.tiers.map((x) => [x.label, x.count, x.customerShare, round2(x.revenue), x.revenueShare, x.meanClv === null ? "" : round2(x.meanClv), x.strategy]),
    formats: ["", "0", pct, MONEY, pct, MONEY, ""],
    wrapColumns: [6],
  };
  const stages: ReportBlock = {
    id: "stages",
    title: L("blockStages"),
    header: [L("colStage"), L("hCustomers"), L("hCustomerShare"), L("hStrategy")],
    rows: r.stages.map((s) => [s.label, s.count, s.share, s.strategy]),
    formats: ["", "0", pct, ""],
    wrapColumns: [3],
  };
  const widest = Math.max(0, ...r.tiers.map((x) => x.count));
  // Bottom tier first: a bar chart draws its first category at the bottom, so the widest bar is there.
  const pyramid: ReportBlock = {
    id: "pyramid",
    title: L("chartPyramid"),
    header: [L("colTierLabel"), " ", L("hCustomers")],
    rows: r.tiers.slice().reverse().map((x) => [x.label, (widest - x.count) / 2, x.count]),
  };
  const lorenz = r.lorenz.slice().reverse();
  const pareto: ReportBlock = {
    id: "pareto",
    title: L("chartPareto"),
    header: [L("hShareCustomers"), L("hShareValue"), L("hEquality"), L("hEighty")],
    rows: lorenz.map((p) => [round4(1 - p.customers), round4(1 - p.value), round4(1 - p.customers), 0.8]),
    formats: [pct, pct, pct, pct],
  };
  const top = r.pareto.top;
  const mark: ReportBlock = {
    id: "mark",
    title: L("blockMark"),
    header: [L("hShareCustomers"), L("hMark", { top: Math.round(top * 100) })],
    rows: [
      [0, round4(r.pareto.valueShare)],
      [top, round4(r.pareto.valueShare)],
      [top, 0],
    ],
    formats: [pct, pct],
  };
  const lifecycle: ReportBlock = { id: "lifecycle", title: L("chartLifecycle"), header: [L("colStage"), L("hCustomers")], rows: r.stages.map((s) => [s.label, s.count]) };
  const loyalty: ReportBlock = {
    id: "loyalty",
    title: L("chartLoyalty"),
    header: [L("colLoyaltyClass"), L("hCustomers")],
    rows: r.loyalty.classes.map((c) => [c.label, c.count]),
  };
  const clvValues = result.customers.map((c) => c.clv ?? c.value);
  const hist: ReportBlock = {
    id: "histogram",
    title: L("chartHistogram"),
    header: [head.equity !== null ? L("colClv") : r.valueMeasureLabel, L("hCustomers")],
    rows: histogram(clvValues, 10, lang).map((b) => [b.label, b.count]),
  };
  // No spread, no tiers: a note in the lines above, and no tier table or pyramid (docs/pyramid.md §11).
  const tiered = r.tiers.length > 0;
  const charts: ChartPlan[] = [
    ...(tiered ? [{ name: "CVA_Pyramid", title: L("chartPyramid"), kind: "pyramid", block: "pyramid" } as ChartPlan] : []),
    { name: "CVA_Pareto", title: L("chartPareto"), kind: "pareto", block: "pareto", markBlock: "mark" },
    { name: "CVA_LifeCycle", title: L("chartLifecycle"), kind: "columns", block: "lifecycle" },
    { name: "CVA_Loyalty", title: L("chartLoyalty"), kind: "columns", block: "loyalty" },
    { name: "CVA_ClvHistogram", title: L("chartHistogram"), kind: "columns", block: "histogram" },
  ];
  return {
    results: {
      sheet: names.results,
      tableName: "CVA_Results",
      header: keys.map((k) => L(k)),
      formats: cols.map((c) => c.format),
      rows,
      tierColumn: keys.indexOf("colTier"),
      tierColors: r.tiers.map((_, k) => TIER_COLORS[Math.min(k, TIER_COLORS.length - 1)]),
      dataBarColumn: head.equity !== null ? keys.indexOf("colClv") : keys.indexOf("colValue"),
    },
    report: { sheet: names.report, lines, blocks: [...(tiered ? [tiers] : []), stages, ...(tiered ? [pyramid] : []), pareto, mark, lifecycle, loyalty, hist], charts },
    ...modelSheet(withHoldout(r.model, holdout), o, names.model, fallback),
  };
}

/** The analysis's model parts with the holdout check's, when the analysis fitted a model and there was a check. */
function withHoldout(parts: ModelParts, holdout: HoldoutCheck["parts"] | undefined): ModelParts {
  if (!holdout || !parts.countModel) return parts;
  const { buckets, tracking, ...rest } = holdout;
  return { ...parts, ...rest, checks: parts.checks ? { ...parts.checks, buckets, tracking } : parts.checks };
}

/** The "CVA Model" sheet when a count model was fitted, else the line an old one is left with. */
function modelSheet(parts: ModelParts, o: AnalysisOptions, sheet: string, fallback: string | null): Pick<OutputPlan, "model" | "modelNote"> {
  const model = buildModelSheet(parts, o.lang, o.unit, sheet);
  return model ? { model } : { modelNote: noModelNote(o.lang, fallback) };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10000) / 10000;
