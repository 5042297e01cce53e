/**
 * `cva validate <transactions.csv> --calibration-end YYYY-MM-DD [--end YYYY-MM-DD] [--unit weeks] [--json]`
 * Fits BG/NBD on the calibration period and prints the validation of Fader, Hardie & Lee (2005):
 * mean holdout repeat purchases, actual vs predicted, per calibration frequency 0…7+, and the
 * cumulative repeat purchases per unit of time, actual vs expected.
 */
import { formatDay, holdoutFromTransactions, validateBtyd, t, type Lang } from "../../core";
import { parseArgs, UsageError } from "../args";
import { readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_OK, type CliIo } from "../io";
import { checkNotBeforeData, choiceOption, dateOption, fileNotices, inOptionWords, oneFile, reportError, resolvePath, usageHint } from "./common";
import { helpText } from "./usage-zh";

export const usage = `Usage: cva validate <transactions.csv> --calibration-end YYYY-MM-DD [options]

Calibration / holdout check of BG/NBD: fits on purchases up to the calibration end, then compares
predicted and actual repeat purchases in the holdout, per calibration frequency (0…7+), and the
cumulative tracking series.

Options:
  --calibration-end DATE     last day of the calibration period (required)
  --end DATE                 last day of the holdout (default: the last date in the data)
  --unit days|weeks|months   time unit (default weeks; also the step of the tracking series)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --encoding NAME            the file's text encoding (default auto: detected, see docs/inputs.md §7)
  --lang en-US|zh-CN         language of the messages (default: from LC_ALL/LC_MESSAGES/LANG)
  --json                     print the result as JSON
  -h, --help                 show this help`;

/** The options behind the core's argument names, for its messages. */
const OPTION_OF: Readonly<Record<string, string>> = { end: "--end", calibrationEnd: "--calibration-end", unit: "--unit" };

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, ["calibration-end", "end", "unit", "id", "date", "amount", "encoding"], ["help", "json"]);
    if (a.flags.has("help")) {
      io.stdout(helpText("validate", usage, lang) + "\n");
      return EXIT_OK;
    }
    const file = oneFile(a.positionals);
    const o = a.options;
    const calibration = dateOption(o, "calibration-end");
    if (!calibration) throw UsageError.keyed("cli.optionRequired", { option: "--calibration-end" });
    const calText = calibration.text;
    const calibrationEnd = calibration.day;
    const endOption = dateOption(o, "end");
    if (endOption && !(endOption.day > calibrationEnd)) {
      throw UsageError.keyed("option.endBeforeCalibration", { end: formatDay(endOption.day), calibrationEnd: formatDay(calibrationEnd) });
    }
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const encoding = normaliseEncoding(o.get("encoding"));
    const table = readTransactionsCsv(resolvePath(io, file), { id: o.get("id"), date: o.get("date"), amount: o.get("amount") }, { encoding, warn: fileNotices(io, lang) });
    checkNotBeforeData(table, calibration, "--calibration-end");
    let end = endOption ? endOption.day : -Infinity;
    if (!endOption) for (let i = 0; i < table.length; i++) end = Math.max(end, table.day[i]);
    if (!(end > calibrationEnd)) {
      throw UsageError.keyed("option.dataEndsBeforeCalibration", { end: formatDay(end), calibrationEnd: formatDay(calibrationEnd) });
    }
    let input, r;
    try {
      input = holdoutFromTransactions(table, calibrationEnd, end, unit);
      r = validateBtyd(input);
    } catch (e) {
      throw inOptionWords(e, OPTION_OF);
    }
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
      t(lang, "report.validateFit", {
        customers: r.fit.customers,
        calibrationEnd: calText,
        unit: t(lang, `unit.${unit}`),
        r: p.r.toPrecision(4),
        alpha: p.alpha.toPrecision(4),
        a: p.a.toPrecision(4),
        b: p.b.toPrecision(4),
        status: r.fit.converged ? "" : t(lang, "report.validateNotConverged"),
      }),
      t(lang, "report.holdout", { length: input.holdoutLength.toFixed(2), unit: t(lang, `unit.${unit}`), actual: r.totalActual, predicted: r.totalPredicted.toFixed(1) }),
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
    return reportError(io, e, usageHint("validate", lang), lang);
  }
}
