/**
 * The pyramid over time in the workbook (docs/migration.md §6): each run's snapshot as rows of a
 * history table, the latest earlier snapshot read back from that table's values, and the report
 * blocks of the comparison (src/core/segments/migration.ts). Pure; the Excel side reads and
 * appends the table.
 *
 * The table's columns are fixed and read by position, so a workbook whose language changes (or a
 * header the user retitles) keeps its history: the run (an Excel serial day with the time of day),
 * the customer id, the tier, the stage by its own name (`churned`, the same in every language),
 * the value measure, the CLV and P(alive) (blank where not known).
 */
import {
  compareSnapshots, CvaError, ErrorCodes, formatDay, LANGS, LIFE_CYCLE_STAGES, localizedMessage, stageLabel, t, tierLabel,
  type AnalyzeResult, type Lang, type Migration, type MigrationCustomer, type MessageKey, type Snapshot,
} from "../../core";
import type { HistoryWrite } from "../../excel/history";
import type { Cell, OutputPlan, ReportBlock } from "../../excel/plan";
import { t as paneText } from "../strings";

/** The history table's columns, in their order. */
export const HISTORY_COLUMNS = ["run", "id", "tier", "stage", "value", "clv", "pAlive"] as const;
/** Their number formats: the run as a date and time, the id as text. */
export const HISTORY_FORMATS = ["yyyy-mm-dd hh:mm:ss", "@", "0", "@", "#,##0.00", "#,##0.00", "0.0%"];
/** The most rows a sheet holds below its header (Excel's 1,048,576 rows, less one). */
export const MAX_HISTORY_ROWS = 1_048_575;
/** Customers a list of the report shows; all of them are on the results sheet. */
export const MIGRATION_LIST_ROWS = 25;

/** The history table's header in `lang`. */
export function historyHeader(lang: Lang): string[] {
  return HISTORY_COLUMNS.map((c) => t(lang, `migration.history.${c}` as MessageKey));
}

/**
 * The run's stamp: its Excel serial day with the time of day as the fraction, to the second, so
 * two runs of one day are two snapshots. @param date the run's local date and time.
 */
export function runStamp(date: Date, day: number): number {
  return day + (date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds()) / 86400;
}

/** A run's stamp as the name of its snapshot: "2026-11-27 14:05:09". */
export function runName(stamp: number): string {
  const seconds = Math.round((stamp - Math.floor(stamp)) * 86400);
  const two = (v: number) => String(v).padStart(2, "0");
  return `${formatDay(Math.floor(stamp))} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** This run's rows of the history table. O(customers). */
export function historyRows(result: AnalyzeResult, stamp: number): Cell[][] {
  return result.customers.map((c) => [stamp, c.customerId, c.tier, c.stage, c.value, c.clv ?? "", c.pAlive ?? ""]);
}

/** This run's results as a snapshot, named by its stamp. O(customers). */
export function resultSnapshot(result: AnalyzeResult, stamp: number): Snapshot {
  const cs = result.customers;
  return {
    name: runName(stamp),
    ids: cs.map((c) => c.customerId),
    tier: Float64Array.from(cs, (c) => c.tier),
    stage: Uint8Array.from(cs, (c) => LIFE_CYCLE_STAGES.indexOf(c.stage)),
    value: Float64Array.from(cs, (c) => c.value),
    clv: Float64Array.from(cs, (c) => c.clv ?? NaN),
    pAlive: Float64Array.from(cs, (c) => c.pAlive ?? NaN),
    upgrade: Int8Array.from(cs, (c) => (c.upgradePotential === null ? -1 : c.upgradePotential ? 1 : 0)),
  };
}

/** The stage of each text a history cell may hold: the stages' own names and their labels in both languages. */
const STAGE_OF = new Map<string, number>();
LIFE_CYCLE_STAGES.forEach((stage, k) => {
  STAGE_OF.set(stage, k);
  for (const lang of LANGS) STAGE_OF.set(stageLabel(stage, lang).toLowerCase(), k);
});

/** A number cell of the history (blank: NaN). */
function numberCell(v: Cell | undefined): number {
  return typeof v === "number" ? v : v === "" || v === undefined ? NaN : Number(v);
}

/**
 * The latest snapshot in the history table's body values (as read from Excel), earlier than
 * `before` when given; null when the table holds none. Rows of other runs are skipped. O(rows).
 * @throws CvaError naming the run and its row (1-based among the run's rows) for a stage that is
 *   none; the comparison checks the rest (ids, tiers, values).
 */
export function latestSnapshot(rows: readonly (readonly Cell[])[], before = Infinity): Snapshot | null {
  let latest = -Infinity;
  for (const r of rows) {
    const run = numberCell(r[0]);
    if (run < before && run > latest) latest = run;
  }
  if (latest === -Infinity) return null;
  const name = runName(latest);
  const ids: string[] = [];
  const tier: number[] = [];
  const stage: number[] = [];
  const value: number[] = [];
  const clv: number[] = [];
  const pAlive: number[] = [];
  for (const r of rows) {
    if (numberCell(r[0]) !== latest) continue;
    const id = String(r[1] ?? "").trim();
    const text = String(r[3] ?? "").trim();
    const k = STAGE_OF.get(text.toLowerCase());
    if (k === undefined) {
      throw CvaError.keyed(ErrorCodes.InvalidType, "snapshot.badStage", { row: ids.length + 1, id, got: JSON.stringify(text), stages: LIFE_CYCLE_STAGES.join(", ") }, { row: ids.length + 1 }).withContext(name);
    }
    ids.push(id);
    tier.push(numberCell(r[2]));
    stage.push(k);
    value.push(numberCell(r[4]));
    clv.push(numberCell(r[5]));
    pAlive.push(numberCell(r[6]));
  }
  return { name, ids, tier: Float64Array.from(tier), stage: Uint8Array.from(stage), value: Float64Array.from(value), clv: Float64Array.from(clv), pAlive: Float64Array.from(pAlive) };
}

/**
 * Rows to delete from the top of the history (the oldest runs, whole) so that `incoming` more rows
 * fit in a sheet: the history holds runs in the order they were appended. O(rows).
 */
export function rowsToDrop(runs: readonly Cell[], incoming: number, limit = MAX_HISTORY_ROWS): number {
  let drop = 0;
  while (runs.length - drop + incoming > limit && drop < runs.length) {
    const run = runs[drop];
    while (drop < runs.length && runs[drop] === run) drop++;
  }
  return drop;
}

/**
 * The comparison of this run with the latest snapshot of the history, or null without one.
 * @param tierShares the shares the analysis used (its tiers' roles)
 */
export function migrationSince(history: readonly (readonly Cell[])[], result: AnalyzeResult, stamp: number, lang: Lang, tierShares?: readonly number[]): Migration | null {
  const old = latestSnapshot(history, stamp);
  return old ? compareSnapshots(old, resultSnapshot(result, stamp), { lang, tierShares }) : null;
}

const INT = "#,##0";
const MONEY2 = "#,##0.00";

/**
 * The report's blocks of a comparison (docs/migration.md §6): the migration matrix of customers
 * and of value now, then the customers who moved down from the top two tiers, the new and those
 * now churned — each list its first {@link MIGRATION_LIST_ROWS} by value with the strategy for
 * where they are now.
 * @param oldName the earlier snapshot's name (its run), shown in the titles
 */
export function migrationBlocks(m: Migration, lang: Lang, oldName: string): ReportBlock[] {
  const L = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const tierCount = Math.max(...m.tiers, 0);
  const name = (k: number) => (k === 0 ? L("tier.none") : `${k} ${tierLabel(k, tierCount, lang)}`);
  const matrix = (figure: "customers" | "value"): Cell[][] => {
    const totals = m.tiers.map(() => 0);
    const rows: Cell[][] = m.tiers.map((from) => {
      const cells = m.cells.filter((c) => c.from === from).map((c) => c[figure]);
      cells.forEach((v, k) => (totals[k] += v));
      return [name(from), ...cells, cells.reduce((s, v) => s + v, 0)];
    });
    rows.push([L("migration.total"), ...totals, totals.reduce((s, v) => s + v, 0)]);
    return rows;
  };
  const header = [L("migration.fromTo"), ...m.tiers.map(name), L("migration.total")];
  const blocks: ReportBlock[] = [
    {
      id: "migrationCustomers",
      title: L("migration.blockCustomers", { old: oldName }),
      note: L("migration.moves", { both: m.customers.both, up: m.up, same: m.same, down: m.down }),
      header,
      rows: matrix("customers"),
      formats: ["", ...m.tiers.map(() => INT), INT],
      totalRow: true,
    },
    {
      id: "migrationValue",
      title: L("migration.blockValue", { old: oldName }),
      header,
      rows: matrix("value"),
      formats: ["", ...m.tiers.map(() => MONEY2), MONEY2],
      totalRow: true,
    },
  ];
  const list = (id: string, title: string, customers: readonly MigrationCustomer[]) => {
    const shown = customers.slice(0, MIGRATION_LIST_ROWS);
    blocks.push({
      id,
      title,
      ...(customers.length > shown.length ? { note: L("migration.listNote", { shown: shown.length, count: customers.length }) } : {}),
      header: [L("migration.hId"), L("migration.hFrom"), L("migration.hTo"), L("migration.hStage"), L("migration.hOldValue"), L("migration.hValue"), L("migration.hStrategy")],
      rows: shown.map((c) => [c.id, c.fromTier ?? "", c.tier, c.stageLabel, c.oldValue ?? "", c.value, c.tierStrategy + (lang === "zh-CN" ? "" : " ") + c.stageStrategy]),
      formats: ["@", "0", "0", "", MONEY2, MONEY2, ""],
      wrapColumns: [6],
    });
  };
  list("migrationDown", L("migration.movedDown", { count: m.movedDown.length }), m.movedDown);
  list("migrationNew", L("migration.new", { count: m.newCustomers.length }), m.newCustomers);
  list("migrationChurned", L("migration.churned", { count: m.churned.length }), m.churned);
  return blocks;
}

/**
 * The output plan with the pyramid over time (docs/migration.md §6): the comparison's blocks after
 * the report's, and this run's rows to append to the history (after deleting the oldest runs when
 * the sheet would overflow). An earlier snapshot the comparison refuses (duplicated or blank ids,
 * an unknown stage) does not stop the run: the report says why in a warning line and has no
 * comparison, and this run's rows are appended, so the next run compares with this one.
 * @param history the history's body rows as read (empty without a history sheet).
 * @param stamp this run's stamp ({@link runStamp}).
 * @throws what is not a CvaError (a bug).
 */
export function withHistory(plan: OutputPlan, result: AnalyzeResult, history: readonly (readonly Cell[])[], stamp: number, lang: Lang, tierShares?: readonly number[]): OutputPlan & { history: HistoryWrite } {
  const rows = historyRows(result, stamp);
  const write: HistoryWrite = { header: historyHeader(lang), formats: HISTORY_FORMATS, rows, drop: rowsToDrop(history.map((r) => r[0]), rows.length) };
  let blocks: ReportBlock[] = [];
  let lines = plan.report.lines;
  try {
    const old = latestSnapshot(history, stamp);
    if (old) blocks = migrationBlocks(compareSnapshots(old, resultSnapshot(result, stamp), { lang, tierShares }), lang, old.name);
  } catch (e) {
    if (!(e instanceof CvaError)) throw e;
    lines = [...lines, [`${paneText(lang, "reportWarning")}: ${paneText(lang, "reportNoMigration", { reason: localizedMessage(e, lang) })}`]];
  }
  return { ...plan, report: { ...plan.report, lines, blocks: [...plan.report.blocks, ...blocks] }, history: write };
}
