/**
 * `cva fit <transactions.csv> --model bgnbd|paretonbd|mbgnbd|gammagamma [--unit weeks] [--end YYYY-MM-DD] [--json]`
 * Summarises the transactions (docs/summary.md §3) and fits one BTYD model (docs/models/README.md §4). With --json
 * prints {"model","params":{...},"logLikelihood","customers","converged","iterations","elapsedMs"},
 * elapsedMs being the in-process fit time (summary excluded); otherwise a short text report. A fit
 * that stopped at --time-limit is not converged and says so on standard error; --progress:
 * docs/models/fitting.md §14, docs/output.md §8.
 */
import { bgnbd, CvaError, DEFAULT_FIT_TIME_LIMIT_MS, ErrorCodes, errorText, gammagamma, mbgnbd, paretonbd, summarizeWithWarnings, t, type Lang } from "../../core";
import { parseArgs } from "../args";
import { readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_OK, type CliIo } from "../io";
import { progressReporter } from "../progress";
import { checkNotBeforeData, choiceOption, dateOption, fileNotices, inOptionWords, numberOption, oneFile, reportError, reportModelWarnings, reportWarning, resolvePath, today, usageHint } from "./common";

export const usage = `Usage: cva fit <transactions.csv> --model bgnbd|paretonbd|mbgnbd|gammagamma [options]

Fits a probabilistic customer-base model to the per-customer summary of the transactions.
Parameters: r, alpha, a, b (BG/NBD, MBG/NBD); r, alpha, s, beta (Pareto/NBD); p, q, v
(Gamma-Gamma, fitted on repeat buyers with positive mean spend). alpha and beta are in the unit.

Options:
  --model NAME               bgnbd (default), paretonbd, mbgnbd or gammagamma
  --unit days|weeks|months   time unit of recency and T (default weeks)
  --end YYYY-MM-DD           observation end (default: the last date in the data)
  --penalizer X              L2 penalty on the parameters (default 0)
  --time-limit S             stop the fit after S seconds with the best estimates so far (default 60)
  --progress                 show progress on standard error (default: on a terminal, after 2 s)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --encoding NAME            the file's text encoding (default auto: detected, see docs/inputs.md §7)
  --lang en-US|zh-CN         language of the messages (default: from LC_ALL/LC_MESSAGES/LANG)
  --json                     print the result as JSON
  -h, --help                 show this help`;

const MODELS = ["bgnbd", "paretonbd", "mbgnbd", "gammagamma"] as const;

/** The options behind the core's argument names, for its messages. */
const OPTION_OF: Readonly<Record<string, string>> = { penalizer: "--penalizer", unit: "--unit", end: "--end" };

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, ["model", "unit", "end", "penalizer", "id", "date", "amount", "encoding", "time-limit"], ["help", "json", "progress"]);
    if (a.flags.has("help")) {
      io.stdout(usage + "\n");
      return EXIT_OK;
    }
    const input = oneFile(a.positionals);
    const o = a.options;
    const model = choiceOption(o, "model", MODELS, "bgnbd");
    const penalizer = numberOption(o, "penalizer", 0, { min: 0 });
    const timeLimitMs = 1000 * numberOption(o, "time-limit", DEFAULT_FIT_TIME_LIMIT_MS / 1000, { min: 0.1 });
    const progress = progressReporter(io, lang, a.flags.has("progress"));
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const end = dateOption(o, "end");
    const encoding = normaliseEncoding(o.get("encoding"));
    const table = readTransactionsCsv(resolvePath(io, input), { id: o.get("id"), date: o.get("date"), amount: o.get("amount") }, { encoding, warn: fileNotices(io, lang) });
    checkNotBeforeData(table, end, "--end");
    let s;
    try {
      const summary = summarizeWithWarnings(table, { unit, end: end?.text, today: today() });
      s = summary.summaries;
      reportModelWarnings(io, summary.warnings, lang);
    } catch (e) {
      throw inOptionWords(e, OPTION_OF);
    }
    const data = {
      frequency: s.map((c) => c.frequency),
      recency: s.map((c) => c.recency),
      T: s.map((c) => c.T),
      monetary: s.map((c) => c.monetary),
    };
    const t0 = performance.now();
    const fitOptions = { penalizer, timeLimitMs, onProgress: progress.onProgress };
    let fit;
    try {
      fit =
        model === "bgnbd" ? bgnbd.fit(data, fitOptions)
        : model === "paretonbd" ? paretonbd.fit(data, fitOptions)
        : model === "mbgnbd" ? mbgnbd.fit(data, fitOptions)
        : gammagamma.fit(data, fitOptions);
    } finally {
      progress.end();
    }
    const elapsedMs = performance.now() - t0;
    const out = {
      model,
      params: fit.params,
      logLikelihood: fit.logLikelihood,
      customers: fit.customers,
      converged: fit.converged,
      iterations: fit.iterations,
      elapsedMs: Number(elapsedMs.toFixed(3)),
    };
    if (a.flags.has("json")) {
      io.stdout(JSON.stringify(out) + "\n");
    } else {
      const params = Object.entries(fit.params).map(([k, v]) => `${k} = ${Number(v.toPrecision(6))}`).join(", ");
      const status = t(lang, fit.converged ? "report.converged" : "report.notConverged");
      io.stdout(
        `${t(lang, "report.fit", { model, customers: fit.customers, unit: t(lang, `unit.${unit}`), params })}\n` +
          `${t(lang, "report.fitStatus", { ll: fit.logLikelihood.toFixed(2), iterations: fit.iterations, status, ms: out.elapsedMs })}\n`,
      );
    }
    if (!fit.converged) {
      const w = fit.message
        ? CvaError.keyed(ErrorCodes.NotConverged, "cli.notConverged", { detail: fit.messageKey ? errorText(lang, fit.messageKey, fit.messageParams) : fit.message })
        : CvaError.keyed(ErrorCodes.NotConverged, "fn.fitNotConverged", { model, iterations: fit.iterations });
      reportWarning(io, w, lang);
    }
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("fit", lang), lang);
  }
}
