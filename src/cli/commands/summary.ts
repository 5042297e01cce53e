/**
 * `cva summary <transactions.csv> [--unit weeks] [--end YYYY-MM-DD] [--id COL --date COL --amount COL]`
 * → CSV on stdout: customer_id,frequency,recency,T,monetary,revenue,first,last,orders
 * (docs/summary.md §3–§4; the figures of lifetimes' summary_data_from_transaction_data, §7; first and last as
 * ISO dates). With --out FILE the CSV goes to that file instead, written atomically.
 */
import { formatDay, summarize } from "../../core";
import { parseArgs, UsageError } from "../args";
import { readTransactionsCsv } from "../csv";
import { EXIT_OK, type CliIo } from "../io";
import { csvField, writeFilesAtomically } from "../output";
import { fmt, reportError, resolvePath } from "./common";

export const usage = `Usage: cva summary <transactions.csv> [options]

Per-customer summary (frequency, recency, T, monetary, revenue, first, last, orders) as CSV.

Options:
  --unit days|weeks|months   time unit of recency and T (default weeks; a month is 365.25/12 days)
  --end YYYY-MM-DD           observation end (default: the last date in the data); later rows are left out
  --id COL --date COL --amount COL --cost COL --margin COL --quantity COL
                             column headers to use (default: matched by name, English or Chinese)
  --out FILE                 write the CSV to FILE instead of standard output
  -h, --help                 show this help`;

const VALUE_OPTIONS = ["unit", "end", "id", "date", "amount", "cost", "margin", "quantity", "out"];

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const a = parseArgs(args, VALUE_OPTIONS);
    if (a.flags.has("help")) {
      io.stdout(usage + "\n");
      return EXIT_OK;
    }
    if (a.positionals.length !== 1) throw new UsageError("give exactly one transactions file");
    const o = a.options;
    const table = readTransactionsCsv(resolvePath(io, a.positionals[0]), {
      id: o.get("id"),
      date: o.get("date"),
      amount: o.get("amount"),
      cost: o.get("cost"),
      margin: o.get("margin"),
      quantity: o.get("quantity"),
    });
    const summaries = summarize(table, { unit: o.get("unit") ?? "weeks", end: o.get("end") });
    const lines: string[] = ["customer_id,frequency,recency,T,monetary,revenue,first,last,orders"];
    for (const s of summaries) {
      lines.push(
        `${csvField(s.customerId)},${s.frequency},${fmt(s.recency)},${fmt(s.T)},${fmt(s.monetary)},${fmt(s.revenue)},${formatDay(s.first)},${formatDay(s.last)},${s.orders}`,
      );
    }
    const text = lines.join("\n") + "\n";
    const out = o.get("out");
    if (out) writeFilesAtomically([{ path: resolvePath(io, out), content: text }]);
    else io.stdout(text);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, "Run `cva summary --help` for usage.");
  }
}
