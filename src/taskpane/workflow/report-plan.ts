/**
 * The manager's report sheet (docs/output.md §3–§5): the headline lines, the tables and the
 * chart plans with their source blocks. Pure, O(customers).
 */
import type { AnalyzeResult } from "../../core";
import type { Cell, ChartPlan, ReportBlock } from "../../excel/plan";
import { MONEY } from "./customer-table";
import type { Headline } from "./headline";
import { t, type Locale, type StringKey } from "../strings";

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

/** The report sheet's lines, blocks and charts. */
export function reportPlan(
  result: AnalyzeResult,
  lang: Locale,
  fallback: string | null,
  head: Headline,
): { lines: Cell[][]; blocks: ReportBlock[]; charts: ChartPlan[] } {
  const L = (key: StringKey, values?: Record<string, string | number>) => t(lang, key, values);
  const r = result.report;
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
  return { lines, blocks: [...(tiered ? [tiers] : []), stages, ...(tiered ? [pyramid] : []), pareto, mark, lifecycle, loyalty, hist], charts };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10000) / 10000;
