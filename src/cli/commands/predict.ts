/**
 * `cva predict <transactions.csv> [--horizon-months 12] [--discount 0.01] [--margin 1] [--unit weeks] [--end YYYY-MM-DD]`
 * → CSV per customer: customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_value,clv
 * (BG/NBD + Gamma-Gamma, docs/lifetime-value.md §3). The fitted parameters go to stderr as a note.
 */
import { predictBtyd, summarize } from "../../core";
import { parseArgs, UsageError } from "../args";
import { readTransactionsCsv } from "../csv";
import { EXIT_FAILED, EXIT_OK, type CliIo } from "../io";
import { csvField, writeFilesAtomically } from "../output";
import { choiceOption, fmt, numberOption, reportError, resolvePath } from "./common";

export const usage = `Usage: cva predict <transactions.csv> [options]

Per customer: P(alive), expected repeat purchases over the horizon, expected value per purchase and
lifetime value (BG/NBD + Gamma-Gamma), as CSV.

Options:
  --horizon-months N         horizon in months (default 12)
  --discount D               monthly discount rate (default 0.01)
  --margin M                 share of spend that is margin (default 1)
  --unit days|weeks|months   time unit of the summary (default weeks)
  --end YYYY-MM-DD           observation end (default: the last date in the data)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --out FILE                 write the CSV to FILE instead of standard output
  -h, --help                 show this help`;

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const a = parseArgs(args, ["horizon-months", "discount", "margin", "unit", "end", "id", "date", "amount", "out"]);
    if (a.flags.has("help")) {
      io.stdout(usage + "\n");
      return EXIT_OK;
    }
    if (a.positionals.length !== 1) throw new UsageError("give exactly one transactions file");
    const o = a.options;
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const options = { unit, horizonMonths: numberOption(o, "horizon-months", 12), discount: numberOption(o, "discount", 0.01), margin: numberOption(o, "margin", 1) } as const;
    const table = readTransactionsCsv(resolvePath(io, a.positionals[0]), { id: o.get("id"), date: o.get("date"), amount: o.get("amount") });
    const s = summarize(table, { unit, end: o.get("end") });
    const r = predictBtyd(s, options);
    if (!r.fitted) {
      io.stderr(`cva: no model could be fitted: ${r.note}\n`);
      return EXIT_FAILED;
    }
    const lines = ["customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_value,clv"];
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      lines.push(
        `${csvField(c.customerId)},${c.frequency},${fmt(c.recency)},${fmt(c.T)},${fmt(c.monetary)},${fmt(r.pAlive[i])},${fmt(r.expectedPurchases[i])},${fmt(r.expectedValue[i])},${fmt(r.clv[i])}`,
      );
    }
    const text = lines.join("\n") + "\n";
    const out = o.get("out");
    if (out) writeFilesAtomically([{ path: resolvePath(io, out), content: text }]);
    else io.stdout(text);
    io.stderr(`cva: ${r.note}\n`);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, "Run `cva predict --help` for usage.");
  }
}
