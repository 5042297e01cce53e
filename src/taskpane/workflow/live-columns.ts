/**
 * The results table's model columns as live formulas (docs/live-model.md §5): P(alive), expected
 * purchases and CLV as CVA custom functions of the customer's row (x, t_x, T, mean repeat spend)
 * and the named cells of the CVA Model sheet, so that a changed CVA_Discount or CVA_Margin
 * recomputes every CLV and the equity total beside the table. Per-row formulas, not spills: the
 * results are an Excel table, which refuses spilled arrays (#SPILL!), and a row's formula moves
 * with its customer when the table is sorted. Pure, O(customers).
 */
import type { AnalyzeResult, CountModelId } from "../../core";
import { PAYLOAD_LIMIT_BYTES, payloadBytes } from "../../functions/limits";
import type { LiveColumnsPlan, OutputPlan } from "../../excel/plan";
import type { Headline } from "./output";
import { t, type StringKey } from "../strings";
import { customerCount } from "./result-columns";

/** The named parameter cells of each count model (docs/live-model.md §1), in the order CVA.FIT spills them. */
const COUNT_NAMES: Record<CountModelId, { model: string; prefix: string; params: [string, string, string, string] }> = {
  bgnbd: { model: "BG/NBD", prefix: "CVA_BG_", params: ["r", "alpha", "a", "b"] },
  mbgnbd: { model: "MBG/NBD", prefix: "CVA_MBG_", params: ["r", "alpha", "a", "b"] },
  paretonbd: { model: "Pareto/NBD", prefix: "CVA_PNBD_", params: ["r", "alpha", "s", "beta"] },
};

/**
 * A fitted-parameter table (labels over values, what CVA.FIT spills and src/functions/tables.ts
 * reads) built from named cells. An array constant cannot hold references ({1,CVA_BG_r} is refused),
 * so CHOOSE with a 2-row array of indexes builds it: every Excel evaluates CHOOSE({1,2;3,4},…)
 * element by element into a 2 × k array.
 */
export function paramsTable(model: string, labels: readonly string[], names: readonly string[]): string {
  const k = labels.length + 1;
  const row = (from: number) => Array.from({ length: k }, (_, j) => from + j).join(",");
  const quoted = ["model", ...labels].map((l) => `"${l}"`);
  return `CHOOSE({${row(1)};${row(k + 1)}},${quoted.join(",")},"${model}",${names.join(",")})`;
}

/** The count model's table from its named cells. */
export function countTable(id: CountModelId): string {
  const c = COUNT_NAMES[id];
  return paramsTable(c.model, c.params, c.params.map((p) => c.prefix + p));
}

/** Gamma-Gamma's table from CVA_GG_p, CVA_GG_q, CVA_GG_v. */
export const SPEND_TABLE = paramsTable("Gamma-Gamma", ["p", "q", "v"], ["CVA_GG_p", "CVA_GG_q", "CVA_GG_v"]);

/** A number as long as a double's JSON text can be (17 significant digits and a sign: 0.12345678901234568 is 19). */
const WIDE = -0.12345678901234568;

/**
 * The JSON bytes one customer's row sends to the add-in and back when the three columns recompute
 * (limits.ts's measure): each call's arguments — the row's cells, the parameter tables, the named
 * cells — and its result, counted with the widest number text.
 */
export function bytesPerCustomer(): number {
  const cell = [[WIDE]];
  const table = (labels: string[]) => [labels, labels.map((_, j) => (j === 0 ? "Pareto/NBD" : WIDE))];
  const count = table(["model", "r", "alpha", "s", "beta"]);
  const spend = table(["model", "p", "q", "v"]);
  const calls = [
    [cell, cell, cell, count, cell], // PALIVE(x, t_x, T, params) → P(alive)
    [cell, cell, cell, cell, count, cell], // EXPECTED(t, x, t_x, T, params) → purchases
    [cell, cell, cell, cell, count, spend, cell, cell, cell, [["months"]], cell], // CLV.BTYD(…, months, discount, margin, unit) → CLV
  ];
  return calls.flat().reduce((s, a) => s + payloadBytes(a), 0);
}

/**
 * The most customers written as live formulas: one assumption change recomputes every row's three
 * calls, and Excel on the web carries custom-function data in requests of at most about 5 MB
 * (src/functions/limits.ts), so the rows of one recalculation must fit one such request if Excel
 * sends them together. 5,000,000 / bytesPerCustomer(), rounded down to a thousand.
 */
export const LIVE_CUSTOMER_LIMIT = Math.floor(PAYLOAD_LIMIT_BYTES / bytesPerCustomer() / 1000) * 1000;

/**
 * The live formulas of the results table, or why there are none: null when the option is off.
 * `keys` are the table's column keys; the formulas of row i read the cells of sheet row i + 2
 * (the header is row 1). The equity total sums the CLV column's n cells.
 */
export function liveColumns(result: AnalyzeResult, keys: readonly StringKey[], on: boolean, limit = LIVE_CUSTOMER_LIMIT): LiveColumnsPlan | null {
  if (!on) return null;
  const lang = result.report.lang;
  const n = customerCount(result);
  const live = result.report.model.live;
  const at = (k: StringKey) => keys.indexOf(k);
  const [fx, ftx, fT, fm, pa, ex, clv] = (["colFrequency", "colRecency", "colT", "colMonetary", "colPAlive", "colExpected", "colClv"] as const).map(at);
  if (!live || !live.spend || [fx, ftx, fT, fm, pa, ex, clv].some((j) => j < 0)) return { columns: [], formulas: [], note: t(lang, "liveNoModel") };
  if (n > limit) return { columns: [], formulas: [], note: t(lang, "liveTooMany", { count: n, limit }) };
  const letter = (j: number) => columnLetter(j);
  const params = countTable(live.model);
  const formulas: string[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    const hist = `${letter(fx)}${r},${letter(ftx)}${r},${letter(fT)}${r}`;
    formulas[i] = [
      `=CVA.PALIVE(${hist},${params})`,
      `=CVA.EXPECTED(CVA_Horizon*CVA_PerMonth,${hist},${params})`,
      `=CVA.CLV.BTYD(${hist},${letter(fm)}${r},${params},${SPEND_TABLE},CVA_Horizon,CVA_Discount,CVA_Margin,CVA_Unit)`,
    ];
  }
  const sum = `=SUM(${letter(clv)}2:${letter(clv)}${Math.max(n, 1) + 1})`;
  return { columns: [pa, ex, clv], formulas, total: { label: t(lang, "liveEquityLabel"), formula: sum }, note: null };
}

/** A column's letters: 0 → A, 26 → AA. */
function columnLetter(j: number): string {
  let s = "";
  for (let k = j + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** The pane's headline with the live option's reason for values among its warnings, so the pane says it too. */
export function withLiveNote(head: Headline, plan: OutputPlan): Headline {
  const note = plan.results.live?.note;
  return note ? { ...head, warnings: [...head.warnings, note] } : head;
}
