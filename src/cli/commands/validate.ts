/**
 * `cva validate <transactions.csv> --calibration-end YYYY-MM-DD [--end YYYY-MM-DD] [--unit weeks] [--json]`
 * Fits BG/NBD on the calibration period and prints the validation of Fader, Hardie & Lee (2005):
 * mean holdout repeat purchases, actual vs predicted, per calibration frequency 0…7+, and the
 * cumulative repeat purchases per unit of time, actual vs expected.
 */
import { holdoutFromTransactions, requireDay, validateBtyd } from "../../core";
import { parseArgs, UsageError } from "../args";
import { readTransactionsCsv } from "../csv";
import { EXIT_OK, type CliIo } from "../io";
import { choiceOption, reportError, resolvePath } from "./common";

export const usage = `Usage: cva validate <transactions.csv> --calibration-end YYYY-MM-DD [options]

Calibration / holdout check of BG/NBD: fits on purchases up to the calibration end, then compares
predicted and actual repeat purchases in the holdout, per calibration frequency (0…7+), and the
cumulative tracking series.

Options:
  --calibration-end DATE     last day of the calibration period (required)
  --end DATE                 last day of the holdout (default: the last date in the data)
  --unit days|weeks|months   time unit (default weeks; also the step of the tracking series)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --json                     print the result as JSON
  -h, --help                 show this help`;

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const a = parseArgs(args, ["calibration-end", "end", "unit", "id", "date", "amount"], ["help", "json"]);
    if (a.flags.has("help")) {
      io.stdout(usage + "\n");
      return EXIT_OK;
    }
    if (a.positionals.length !== 1) throw new UsageError("give exactly one transactions file");
    const o = a.options;
    const calText = o.get("calibration-end");
    if (!calText) throw new UsageError("--calibration-end is required");
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const table = readTransactionsCsv(resolvePath(io, a.positionals[0]), { id: o.get("id"), date: o.get("date"), amount: o.get("amount") });
    const calibrationEnd = requireDay(calText, { column: "--calibration-end" });
    let end = o.has("end") ? requireDay(o.get("end"), { column: "--end" }) : -Infinity;
    if (!o.has("end")) for (let i = 0; i < table.length; i++) end = Math.max(end, table.day[i]);
    const input = holdoutFromTransactions(table, calibrationEnd, end, unit);
    const r = validateBtyd(input);
    if (a.flags.has("json")) {
      io.stdout(
        JSON.stringify({
          params: r.fit.params,
          logLikelihood: r.fit.logLikelihood,
          converged: r.fit.converged,
          customers: r.fit.customers,
          holdoutLength: input.holdoutLength,
          totalActual: r.totalActual,
          totalPredicted: r.totalPredicted,
          buckets: r.buckets,
          tracking: r.tracking,
        }) + "\n",
      );
      return EXIT_OK;
    }
    const p = r.fit.params;
    const lines = [
      `BG/NBD on ${r.fit.customers} customers (calibration to ${calText}, unit ${unit}): r ${p.r.toPrecision(4)}, alpha ${p.alpha.toPrecision(4)}, a ${p.a.toPrecision(4)}, b ${p.b.toPrecision(4)}${r.fit.converged ? "" : " (NOT converged)"}`,
      `holdout ${input.holdoutLength.toFixed(2)} ${unit}: actual ${r.totalActual} repeat purchases, predicted ${r.totalPredicted.toFixed(1)}`,
      "",
      "frequency,customers,actual_mean,predicted_mean",
      ...r.buckets.map((b) => `${b.frequency},${b.customers},${b.actual.toFixed(4)},${b.predicted.toFixed(4)}`),
      "",
      "time,cumulative_actual,cumulative_expected",
      ...(r.tracking ?? []).map((t) => `${Number(t.time.toFixed(4))},${t.actual},${t.expected.toFixed(2)}`),
    ];
    io.stdout(lines.join("\n") + "\n");
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, "Run `cva validate --help` for usage.");
  }
}
