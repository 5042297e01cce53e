/**
 * Who needs action (docs/output.md §3): the customers at risk — the analysis's one rule, counted
 * the same in the pane's headline (./headline.ts) and the command line — the
 * revenue they bring, and the action list of key customers in decline, churned or at risk, with
 * the tier × stage counts. Pure, O(customers log customers).
 */
import type { AnalyzeResult, CustomerResult } from "../../core";
import { AT_RISK_P_ALIVE } from "./headline";

/**
 * The analysis's own at-risk flag (`atRisk` on the customer's result, docs/customer-state.md §3);
 * where a result has none, the same rule: not churned, and in decline or with P(alive) below 50 %.
 */
export function isAtRisk(c: CustomerResult): boolean {
  const flag = (c as CustomerResult & { atRisk?: unknown }).atRisk;
  if (typeof flag === "boolean") return flag;
  return c.stage !== "churned" && (c.stage === "decline" || (c.pAlive !== null && c.pAlive < AT_RISK_P_ALIVE));
}

/** Customers at risk and the revenue they bought in the observation period. */
export function atRiskTotals(result: AnalyzeResult): { count: number; revenue: number } {
  let count = 0;
  let revenue = 0;
  for (const c of result.customers) {
    if (!isAtRisk(c)) continue;
    count++;
    revenue += c.summary.revenue;
  }
  return { count, revenue };
}

/**
 * The action list: key-tier customers in decline or churned, or at risk, by revenue in the period
 * (the value at stake), highest first; ties by id. All of them; the report shows the first ones.
 */
export function actionList(result: AnalyzeResult): CustomerResult[] {
  return result.customers
    .filter((c) => c.tierRole === "key" && (c.stage === "decline" || c.stage === "churned" || isAtRisk(c)))
    .sort((a, b) => b.summary.revenue - a.summary.revenue || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
}

/** Customers per tier (rows, top tier first) and life cycle stage (columns, in the report's stage order). */
export function tierStageCounts(result: AnalyzeResult): number[][] {
  const stages = result.report.stages.map((s) => s.stage);
  const out = result.report.tiers.map(() => new Array<number>(stages.length).fill(0));
  for (const c of result.customers) {
    const row = out[c.tier - 1];
    if (row) row[stages.indexOf(c.stage)]++;
  }
  return out;
}

/** Per group (by a key of the customer): count, value, revenue and mean P(alive) (null where none is known). */
export function groupFigures<K>(result: AnalyzeResult, keyOf: (c: CustomerResult) => K | null): Map<K, { count: number; value: number; revenue: number; meanAlive: number | null }> {
  const acc = new Map<K, { count: number; value: number; revenue: number; alive: number; aliveCount: number }>();
  for (const c of result.customers) {
    const k = keyOf(c);
    if (k === null) continue;
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { count: 0, value: 0, revenue: 0, alive: 0, aliveCount: 0 }));
    a.count++;
    a.value += c.value;
    a.revenue += c.summary.revenue;
    if (c.pAlive !== null) {
      a.alive += c.pAlive;
      a.aliveCount++;
    }
  }
  const out = new Map<K, { count: number; value: number; revenue: number; meanAlive: number | null }>();
  for (const [k, a] of acc) out.set(k, { count: a.count, value: a.value, revenue: a.revenue, meanAlive: a.aliveCount > 0 ? a.alive / a.aliveCount : null });
  return out;
}
