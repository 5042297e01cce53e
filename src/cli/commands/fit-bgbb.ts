/**
 * `cva fit --model bgbb`: BG/BB (Fader, Hardie & Shang 2010) on discrete opportunities — one
 * chance to buy per period, as yearly donations or annual renewals (docs/models/bgbb.md). The
 * file is transactions, made into (x, t_x, n) per customer by calendar periods of `--unit`
 * (./bgbb-data.ts), or with `--summary` a summary of those columns with weights (as
 * data/cdnow/donations.csv, the FHS 2010 donations). Prints the parameters α, β, γ, δ and the
 * log-likelihood with their standard errors, or with --json the same keys as every fit.
 */
import { bgbb, bgbbUncertainty, CvaError, ErrorCodes, t } from "../../core";
import { readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_OK, type CliIo } from "../io";
import { progressReporter } from "../progress";
import { bgbbFromTransactions, readBgBbSummaryCsv, type BgBbInput, type PeriodUnit } from "./bgbb-data";
import { checkNotBeforeData, dateOption, fileNotices, inOptionWords, reportWarning, resolvePath } from "./common";
import { OPTION_OF, printFit, withProgress, type FitCommand } from "./fit";

export async function runBgbb(cmd: FitCommand, io: CliIo, unit: PeriodUnit): Promise<number> {
  const o = cmd.args.options;
  const lang = cmd.lang;
  const fromSummary = cmd.args.flags.has("summary");
  const end = dateOption(o, "end");
  const encoding = normaliseEncoding(o.get("encoding"));
  const file = resolvePath(io, cmd.input);
  let data: BgBbInput;
  if (fromSummary) {
    data = readBgBbSummaryCsv(file, { encoding, warn: fileNotices(io, lang) });
  } else {
    const table = readTransactionsCsv(file, { id: o.get("id"), date: o.get("date"), amount: o.get("amount") }, { encoding, warn: fileNotices(io, lang) });
    checkNotBeforeData(table, end, "--end");
    data = bgbbFromTransactions(table, unit, end?.day);
    if (data.withoutOpportunity > 0) {
      reportWarning(io, CvaError.keyed(ErrorCodes.InconsistentData, "cli.noOpportunity", { count: data.withoutOpportunity, unit: t(lang, `cli.period.${unit}`) }), lang);
    }
  }
  const progress = progressReporter(io, lang, cmd.args.flags.has("progress"));
  const t0 = performance.now();
  let fit;
  try {
    fit = withProgress(progress, () => bgbb.fit(data, { penalizer: cmd.penalizer, timeLimitMs: cmd.timeLimitMs, onProgress: progress.onProgress }));
  } catch (e) {
    throw inOptionWords(e, OPTION_OF);
  }
  const elapsedMs = performance.now() - t0;
  const groups = data.frequency.length;
  const u = bgbbUncertainty(data, fit, { penalizer: cmd.penalizer });
  printFit(io, cmd, { ...fit, params: { ...fit.params } }, elapsedMs, (params) =>
    fromSummary
      ? t(lang, "cli.bgbb.fitSummary", { customers: fit.customers, groups, params })
      : t(lang, "cli.bgbb.fit", { customers: fit.customers, groups, unit: t(lang, `cli.period.${unit}`), params }),
    u,
  );
  return EXIT_OK;
}
