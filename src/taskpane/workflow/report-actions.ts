/**
 * Who needs action (docs/output.md §3): the customers at risk — the analysis's one rule, counted
 * the same in the pane's headline (./headline.ts) and the command line — the
 * revenue they bring, and the action list of key customers in decline, churned or at risk, with
 * the tier × stage counts. Pure, O(customers log customers).
 */
import { LIFE_CYCLE_STAGES, LOYALTY_CLASSES, type AnalyzeResult, type CustomerResult } from "../../core";
import { AT_RISK_P_ALIVE } from "./headline";
import { columnsOf } from "./result-columns";

type Stage = CustomerResult["stage"];
type LoyaltyClass = CustomerResult["loyaltyClass"];

/**
 * The figures these tables read, customer by customer (index i): from the result's columns when
 * it has them (./result-columns.ts), the same values as its objects give, else from its objects.
 */
interface Figures {
  length: number;
  stage(i: number): Stage;
  loyaltyClass(i: number): LoyaltyClass;
  tier(i: number): number;
  isKey(i: number): boolean;
  value(i: number): number;
  revenue(i: number): number;
  pAlive(i: number): number | null;
  atRisk(i: number): boolean;
  /** Customer i as an object (the action list's few). */
  at(i: number): CustomerResult;
}

function figuresOf(result: AnalyzeResult): Figures {
  const cols = columnsOf(result);
  if (!cols) {
    const cs = result.customers;
    return {
      length: cs.length,
      stage: (i) => cs[i].stage,
      loyaltyClass: (i) => cs[i].loyaltyClass,
      tier: (i) => cs[i].tier,
      isKey: (i) => cs[i].tierRole === "key",
      value: (i) => cs[i].value,
      revenue: (i) => cs[i].summary.revenue,
      pAlive: (i) => cs[i].pAlive,
      atRisk: (i) => isAtRisk(cs[i]),
      at: (i) => cs[i],
    };
  }
  const c = cols.columns;
  const roles = cols.texts.tierRoles;
  return {
    length: cols.length,
    stage: (i) => LIFE_CYCLE_STAGES[c.stage[i]],
    loyaltyClass: (i) => (c.loyaltyClass[i] < 0 ? null : LOYALTY_CLASSES[c.loyaltyClass[i]]),
    tier: (i) => c.tier[i],
    isKey: (i) => c.tier[i] !== 0 && roles[c.tier[i] - 1] === "key",
    value: (i) => c.value[i],
    revenue: (i) => c.summaries.revenue[i],
    pAlive: (i) => (c.pAlive[i] === c.pAlive[i] ? c.pAlive[i] : null),
    atRisk: (i) => c.atRisk[i] === 1,
    at: (i) => cols.at(i),
  };
}

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
  const f = figuresOf(result);
  let count = 0;
  let revenue = 0;
  for (let i = 0; i < f.length; i++) {
    if (!f.atRisk(i)) continue;
    count++;
    revenue += f.revenue(i);
  }
  return { count, revenue };
}

/**
 * The action list: key-tier customers in decline or churned, or at risk, by revenue in the period
 * (the value at stake), highest first; ties by id. All of them; the report shows the first ones.
 */
export function actionList(result: AnalyzeResult): CustomerResult[] {
  const f = figuresOf(result);
  const picked: CustomerResult[] = [];
  for (let i = 0; i < f.length; i++) {
    const stage = f.stage(i);
    if (f.isKey(i) && (stage === "decline" || stage === "churned" || f.atRisk(i))) picked.push(f.at(i));
  }
  return picked.sort((a, b) => b.summary.revenue - a.summary.revenue || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
}

/** Customers per tier (rows, top tier first) and life cycle stage (columns, in the report's stage order). */
export function tierStageCounts(result: AnalyzeResult): number[][] {
  const f = figuresOf(result);
  const stages = result.report.stages.map((s) => s.stage);
  const out = result.report.tiers.map(() => new Array<number>(stages.length).fill(0));
  for (let i = 0; i < f.length; i++) {
    const row = out[f.tier(i) - 1];
    if (row) row[stages.indexOf(f.stage(i))]++;
  }
  return out;
}

/** Per group (by the customer's life cycle stage or loyalty class): count, value, revenue and mean P(alive) (null where none is known). */
export function groupFigures<K extends "stage" | "loyaltyClass">(result: AnalyzeResult, by: K): Map<NonNullable<ReturnType<Figures[K]>>, { count: number; value: number; revenue: number; meanAlive: number | null }> {
  type Key = NonNullable<ReturnType<Figures[K]>>;
  const f = figuresOf(result);
  const keyOf = f[by] as (i: number) => Key | null;
  const acc = new Map<Key, { count: number; value: number; revenue: number; alive: number; aliveCount: number }>();
  for (let i = 0; i < f.length; i++) {
    const k = keyOf(i);
    if (k === null) continue;
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { count: 0, value: 0, revenue: 0, alive: 0, aliveCount: 0 }));
    a.count++;
    a.value += f.value(i);
    a.revenue += f.revenue(i);
    const alive = f.pAlive(i);
    if (alive !== null) {
      a.alive += alive;
      a.aliveCount++;
    }
  }
  const out = new Map<Key, { count: number; value: number; revenue: number; meanAlive: number | null }>();
  for (const [k, a] of acc) out.set(k, { count: a.count, value: a.value, revenue: a.revenue, meanAlive: a.aliveCount > 0 ? a.alive / a.aliveCount : null });
  return out;
}
