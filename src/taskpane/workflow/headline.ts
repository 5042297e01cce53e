/**
 * The pane's headline figures (docs/output.md §7): customers, customer equity, the top 20 %'s
 * share of value, customers at risk and the tiers. Pure, O(customers).
 */
import type { AnalyzeResult } from "../../core";

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
