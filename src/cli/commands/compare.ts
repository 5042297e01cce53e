/**
 * `cva compare OLD.csv NEW.csv [--json] [--tiers 1,19,30,50]`: the pyramid over time
 * (docs/migration.md) from two result files of `cva analyze --out` (read by compare-read.ts):
 * the tier migration matrix — customers and NEW's value per from-tier × to-tier — the customers
 * who moved down from the top two tiers, the new (only in NEW), the gone (only in OLD) and those
 * now churned, each of NEW with the strategy for their tier and stage in the user's language
 * (src/core/segments/migration.ts).
 *
 * Output: a text report (the two matrices and the lists) on standard output, or with --json one
 * object whose `migration` holds `{from, to, customers, value}` for every pair of tiers, `new`
 * and `gone` the ids, and `movedDown`, `churned` and `newCustomers` the listed customers.
 */
import { compareSnapshots, DEFAULT_TIER_SHARES, t, tierLabel, type Lang, type Migration, type MigrationCustomer } from "../../core";
import { parseArgs, UsageError } from "../args";
import { normaliseEncoding } from "../encoding";
import { EXIT_OK, type CliIo } from "../io";
import { parseTiers } from "./analyze";
import { fileNotices, money, reportError, resolvePath, usageHint } from "./common";
import { readResultsSnapshot } from "./compare-read";
import { helpText } from "./usage-zh";

export const usage = `Usage: cva compare <old-results.csv> <new-results.csv> [options]

The pyramid over time: compares two result files of cva analyze --out (the older first) and gives
the tier migration matrix (customers, and their value in the newer file, from each tier to each
tier), the customers who moved down from the top two tiers, the new customers, the gone, and the
customers now churned, each with the strategy for their tier and stage (docs/migration.md).

Options:
  --json                     print the comparison as JSON: "migration" [{from, to, customers, value}],
                             "new" and "gone" (ids), "movedDown", "churned", "newCustomers"
  --tiers 1,19,30,50         the tier shares both analyses used, top first (default 1,19,30,50): they
                             set which tiers are key, regular and small for the strategy texts
  --encoding NAME            text encoding of the files (default auto: detected, see docs/inputs.md §7)
  --lang en-US|zh-CN         language of the labels, strategy texts and messages (default: zh-CN when
                             LC_ALL, LC_MESSAGES or LANG starts with zh, else en-US)
  -h, --help                 show this help`;

/** A listed customer in the JSON: language-neutral figures, the strategy texts in the user's language. */
function customerJson(c: MigrationCustomer) {
  return {
    id: c.id, from: c.fromTier, to: c.tier, stage: c.stage, fromStage: c.fromStage, oldValue: c.oldValue, value: c.value,
    clv: c.clv, pAlive: c.pAlive, tierStrategy: c.tierStrategy, stageStrategy: c.stageStrategy,
  };
}

/** The comparison as the JSON of the module comment. */
export function migrationJson(m: Migration) {
  return {
    customers: m.customers,
    tiers: m.tiers,
    migration: m.cells,
    moves: { up: m.up, same: m.same, down: m.down },
    new: m.newCustomers.map((c) => c.id),
    gone: m.gone.map((c) => c.id),
    movedDown: m.movedDown.map(customerJson),
    churned: m.churned.map(customerJson),
    newCustomers: m.newCustomers.map(customerJson),
  };
}

/** Columns a character takes on a terminal: two for the wide scripts (CJK, full-width forms). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

/** Rows of cells as aligned text: the first column to the left, the others to the right. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => width(r[k]))));
  return rows.map((r) => r.map((cell, k) => (k === 0 ? cell + " ".repeat(widths[k] - width(cell)) : " ".repeat(widths[k] - width(cell)) + cell)).join("  ").trimEnd());
}

/** One matrix (customers or value) with its totals, each figure by `show`. */
function matrix(m: Migration, lang: Lang, tierCount: number, figure: "customers" | "value", show: (v: number) => string): string[] {
  const name = (k: number) => (k === 0 ? t(lang, "tier.none") : `${k} ${tierLabel(k, tierCount, lang)}`);
  const total = t(lang, "migration.total");
  const rows: string[][] = [[t(lang, "migration.fromTo"), ...m.tiers.map(name), total]];
  const columnTotals = m.tiers.map(() => 0);
  for (const from of m.tiers) {
    const cells = m.cells.filter((c) => c.from === from);
    cells.forEach((c, k) => (columnTotals[k] += c[figure]));
    rows.push([name(from), ...cells.map((c) => show(c[figure])), show(cells.reduce((s, c) => s + c[figure], 0))]);
  }
  rows.push([total, ...columnTotals.map(show), show(columnTotals.reduce((s, v) => s + v, 0))]);
  return table(rows);
}

/** The text report of the module comment, in `lang`. */
export function migrationText(m: Migration, oldName: string, newName: string, lang: Lang, tierCount: number): string {
  const lines = [
    t(lang, "migration.head", { old: oldName, oldCount: m.customers.old, new: newName, newCount: m.customers.new, both: m.customers.both, added: m.newCustomers.length, gone: m.gone.length }),
    "",
    t(lang, "migration.customers", { old: oldName, new: newName }),
    ...matrix(m, lang, tierCount, "customers", String),
    "",
    t(lang, "migration.value", { old: oldName, new: newName }),
    ...matrix(m, lang, tierCount, "value", money),
    "",
    t(lang, "migration.moves", { both: m.customers.both, up: m.up, same: m.same, down: m.down }),
  ];
  const list = (title: string, entries: string[]) => {
    lines.push("", title, ...(entries.length === 0 ? [`  ${t(lang, "migration.none")}`] : entries.map((e) => `  ${e}`)));
  };
  const moved = (c: MigrationCustomer) =>
    t(lang, "migration.movedLine", {
      id: c.id, from: c.fromTier as number, to: c.tier, stage: c.stageLabel, oldValue: money(c.oldValue as number), value: money(c.value), tierStrategy: c.tierStrategy, stageStrategy: c.stageStrategy,
    });
  list(t(lang, "migration.movedDown", { count: m.movedDown.length }), m.movedDown.map(moved));
  list(
    t(lang, "migration.new", { count: m.newCustomers.length }),
    m.newCustomers.map((c) => t(lang, "migration.newLine", { id: c.id, to: c.tier, stage: c.stageLabel, value: money(c.value), tierStrategy: c.tierStrategy, stageStrategy: c.stageStrategy })),
  );
  list(t(lang, "migration.gone", { count: m.gone.length }), m.gone.map((c) => t(lang, "migration.goneLine", { id: c.id, from: c.tier, stage: c.stageLabel, value: money(c.value) })));
  list(t(lang, "migration.churned", { count: m.churned.length }), m.churned.map(moved));
  return lines.join("\n") + "\n";
}

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, ["tiers", "encoding"], ["help", "json"]);
    if (a.flags.has("help")) {
      io.stdout(helpText("compare", usage, lang) + "\n");
      return EXIT_OK;
    }
    if (a.positionals.length !== 2) throw UsageError.keyed("cli.twoFiles", { count: a.positionals.length });
    const tiers = a.options.get("tiers");
    const tierShares = tiers ? parseTiers(tiers) : undefined;
    const encoding = normaliseEncoding(a.options.get("encoding"));
    const notices = fileNotices(io, lang);
    const [old, now] = a.positionals.map((file) => readResultsSnapshot(resolvePath(io, file), { encoding, warn: notices }));
    const m = compareSnapshots(old, now, { lang, tierShares });
    if (a.flags.has("json")) io.stdout(JSON.stringify(migrationJson(m)) + "\n");
    else io.stdout(migrationText(m, a.positionals[0], a.positionals[1], lang, (tierShares ?? DEFAULT_TIER_SHARES).length));
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("compare", lang), lang);
  }
}
