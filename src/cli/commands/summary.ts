/**
 * `cva summary <transactions.csv> [--unit weeks] [--end YYYY-MM-DD] [--id COL --date COL --amount COL]`
 * → CSV on stdout: customer_id,frequency,recency,T,monetary,revenue,first,last,orders
 * (docs/summary.md §3–§4; the figures of lifetimes' summary_data_from_transaction_data, §7; first and last as
 * ISO dates). With --out FILE the CSV goes to that file instead, written atomically.
 */
import * as path from "path";
import { formatDay, summarizeWithWarnings, type Lang } from "../../core";
import { PURCHASE_PERIODS } from "../../core/summary/period";
import { parseArgs, UsageError } from "../args";
import { readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_OK, type CliIo } from "../io";
import { checkOutputPaths, csvText, writeFilesAtomically } from "../output";
import { checkNotBeforeData, choiceOption, dateOption, duckReporting, fileNotices, fmt, numberOption, oneFile, reportError, reportModelWarnings, resolvePath, today, usageHint } from "./common";
import { helpText } from "./usage-zh";

export const usage = `Usage: cva summary <transactions.csv> [options]

Per-customer summary (frequency, recency, T, monetary, revenue, first, last, orders) as CSV.

Options:
  --unit days|weeks|months   time unit of recency and T (default weeks; a month is 365.25/12 days)
  --end YYYY-MM-DD           observation end (default: the last date in the data); later rows are left out
  --period day|week|month    what counts as one purchase: a day (default), a Monday-to-Sunday week or a
                             calendar month with purchases; recency and T are then whole periods
                             (week: lifetimes' freq='W'; docs/engines.md §2)
  --id COL --date COL --amount COL --cost COL --margin COL --quantity COL
                             column headers to use (default: matched by name, English or Chinese)
  --encoding NAME            the file's text encoding: utf-8, utf-16le, utf-16be, gb18030, windows-1252
                             (default auto: detected, see docs/inputs.md §7)
  --out FILE                 write the CSV to FILE instead of standard output
  --engine memory|duckdb     memory (default): read the file into Node, as the task pane does; duckdb:
                             DuckDB reads the CSV (also .csv.gz) or .parquet file where it lies and writes
                             --out as CSV or, for a .parquet name, Parquet (docs/engines.md §1)
                             duckdb is the default for a .parquet or .gz file, which only it reads
  --threads N                duckdb: threads DuckDB may use
  --memory-limit SIZE        duckdb: DuckDB's memory limit (e.g. 3GB); it spills to disk beyond
  --lang en-US|zh-CN         language of the messages (default: from LC_ALL/LC_MESSAGES/LANG)
  -h, --help                 show this help`;

/**
 * --engine memory|duckdb (docs/engines.md §1): memory by default, duckdb for a Parquet or gzip
 * file (`file`, the name as given), which only DuckDB reads; --threads and --memory-limit
 * without duckdb are refused.
 */
export function engineOption(o: Map<string, string>, file: string): "memory" | "duckdb" {
  const onlyDuck = /\.parquet$/i.test(file) ? "Parquet" : /\.gz$/i.test(file) ? "gzip" : null;
  const engine = choiceOption(o, "engine", ["memory", "duckdb"], onlyDuck ? "duckdb" : "memory");
  if (engine === "memory" && onlyDuck) throw UsageError.keyed("engine.onlyDuckdb", { file: path.basename(file), kind: onlyDuck });
  if (engine === "memory") for (const n of ["threads", "memory-limit"]) if (o.has(n)) throw UsageError.keyed("engine.onlyWithDuckdb", { option: `--${n}` });
  return engine;
}

/** Refuses options the DuckDB engine does not take (docs/engines.md §1). */
export function refuseWithEngine(o: Map<string, string>, names: readonly string[]): void {
  for (const n of names) if (o.has(n)) throw UsageError.keyed("engine.optionNotForDuckdb", { option: `--${n}` });
}

/** DuckDB's --threads and --memory-limit. */
export function duckLimits(o: Map<string, string>): { threads?: number; memoryLimit?: string } {
  return { ...(o.has("threads") ? { threads: numberOption(o, "threads", 1, { whole: true, min: 1 }) } : {}), ...(o.has("memory-limit") ? { memoryLimit: o.get("memory-limit") } : {}) };
}

const VALUE_OPTIONS = ["unit", "period", "engine", "threads", "memory-limit", "end", "id", "date", "amount", "cost", "margin", "quantity", "out", "encoding"];

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, VALUE_OPTIONS);
    if (a.flags.has("help")) {
      io.stdout(helpText("summary", usage, lang) + "\n");
      return EXIT_OK;
    }
    const input = oneFile(a.positionals);
    const o = a.options;
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const end = dateOption(o, "end");
    const purchasePeriod = choiceOption(o, "period", PURCHASE_PERIODS, "day");
    const encoding = normaliseEncoding(o.get("encoding"));
    const file = resolvePath(io, input);
    const out = o.get("out");
    if (out) checkOutputPaths([{ shown: input, path: file }], [{ option: "--out", shown: out, path: resolvePath(io, out) }]);
    const columns = { id: o.get("id"), date: o.get("date"), amount: o.get("amount"), cost: o.get("cost"), margin: o.get("margin"), quantity: o.get("quantity") };
    if (engineOption(o, input) === "duckdb") {
      refuseWithEngine(o, ["cost", "margin", "quantity"]);
      const { progress, ...reporting } = duckReporting(io, lang, false);
      try {
        await (await import("../engine/duckdb-run")).duckSummary(io, { file, out: out ? resolvePath(io, out) : undefined, columns, unit, purchasePeriod, end: end?.day, encoding, ...reporting, ...duckLimits(o) });
      } finally {
        progress.end();
      }
      return EXIT_OK;
    }
    const table = readTransactionsCsv(
      file,
      { id: o.get("id"), date: o.get("date"), amount: o.get("amount"), cost: o.get("cost"), margin: o.get("margin"), quantity: o.get("quantity") },
      { encoding, warn: fileNotices(io, lang) },
    );
    checkNotBeforeData(table, end, "--end");
    const { summaries, warnings } = summarizeWithWarnings(table, { unit, purchasePeriod, end: end?.text, today: today() });
    reportModelWarnings(io, warnings, lang);
    const lines: string[] = ["customer_id,frequency,recency,T,monetary,revenue,first,last,orders"];
    for (const s of summaries) {
      lines.push(
        `${csvText(s.customerId)},${s.frequency},${fmt(s.recency)},${fmt(s.T)},${fmt(s.monetary)},${fmt(s.revenue)},${formatDay(s.first)},${formatDay(s.last)},${s.orders}`,
      );
    }
    const text = lines.join("\n") + "\n";
    if (out) writeFilesAtomically([{ path: resolvePath(io, out), content: text, shown: out }]);
    else io.stdout(text);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("summary", lang), lang);
  }
}
