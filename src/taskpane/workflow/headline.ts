/**
 * The pane's headline figures (docs/output.md §7): customers, customer equity, the top 20 %'s
 * share of value, customers at risk and the tiers. Pure, O(customers).
 */
import { AT_RISK_P_ALIVE, type AnalyzeResult } from "../../core";
import { columnsOf } from "./result-columns";

export interface Headline {
  customers: number;
  /** Σ CLV over the base; null without a CLV. */
  equity: number | null;
  /** Share of value held by the top 20 % of customers. */
  topShare: number;
  /** Customers at risk: the analysis's own count, `report.atRisk.count` (docs/customer-state.md §3). */
  atRisk: number;
  measure: string;
  /** Empty when the population has no spread (docs/pyramid.md §11). */
  tiers: { tier: number; label: string; count: number }[];
  fallback: string | null;
  /** The analysis's warnings (rows left out, dates far out, no spread, …), in the pane's language. */
  warnings: string[];
}

/** A customer not churned is at risk below this P(alive) (the core's rule, docs/customer-state.md §3). */
export { AT_RISK_P_ALIVE };

/** The pane's headline figures. */
export function headline(result: AnalyzeResult, fallback: string | null): Headline {
  const r = result.report;
  let equity: number | null = null;
  const clv = columnsOf(result)?.columns.clv;
  // By column when the result has them (NaN where not known, as clv null in the objects): the same sum, in the same order.
  if (clv) {
    for (let i = 0; i < clv.length; i++) if (clv[i] === clv[i]) equity = (equity ?? 0) + clv[i];
  } else for (const c of result.customers) if (c.clv !== null) equity = (equity ?? 0) + c.clv;
  return {
    customers: r.customers,
    equity,
    topShare: r.pareto.valueShare,
    atRisk: r.atRisk.count,
    measure: r.valueMeasureLabel,
    tiers: r.tiers.map((x) => ({ tier: x.tier, label: x.label, count: x.count })),
    fallback,
    warnings: r.warnings.map((w) => w.text),
  };
}
