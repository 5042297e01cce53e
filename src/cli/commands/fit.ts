/**
 * `cva fit <file.csv> [--model bgnbd|mbgnbd|paretonbd|auto|bgbb|gammagamma] [--unit weeks] [--end YYYY-MM-DD] [--json]`
 * Summarises the transactions (docs/summary.md §3) and fits one BTYD model (docs/models/README.md §4). With --json
 * prints {"model","params":{...},"logLikelihood","customers","converged","iterations","elapsedMs",
 * "se":{...},"ci95":{name:[low,high]},"covariance":{"names":[...],"matrix":[[...]]}}, elapsedMs being
 * the in-process fit time (summary and standard errors excluded); se, ci95 and covariance are null
 * with "seUnavailable" (the reason, in the user's language) when they cannot be computed
 * (docs/models/uncertainty.md). Otherwise a short text report, each parameter with "± se". A fit
 * that stopped at --time-limit is not converged and says so on standard error; --progress:
 * docs/models/fitting.md §14, docs/output.md §8.
 *
 * `--model auto` fits the three count models and chooses one (./fit-auto.ts, docs/models/choice.md);
 * `--model bgbb` fits BG/BB on discrete opportunities (./fit-bgbb.ts, docs/models/bgbb.md).
 */
import { countModel, CvaError, DEFAULT_FIT_TIME_LIMIT_MS, ErrorCodes, errorText, gammagamma, summarizeWithWarnings, t, type BtydFitResult as FitResult, type CountModelId, type Lang } from "../../core";
import { countModelUncertainty, gammaGammaUncertainty, uncertaintyMessage, type UncertaintyResult } from "../../core";
import { parseArgs, UsageError, type ParsedArgs } from "../args";
import { readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_OK, type CliIo } from "../io";
import { progressReporter, type ProgressReporter } from "../progress";
import { PERIOD_UNITS } from "./bgbb-data";
import { checkNotBeforeData, choiceOption, dateOption, duckReporting, fileNotices, inOptionWords, numberOption, oneFile, reportError, reportModelWarnings, reportWarning, resolvePath, today, usageHint } from "./common";
import { runAuto } from "./fit-auto";
import { runBgbb } from "./fit-bgbb";
import { PURCHASE_PERIODS } from "../../core/summary/period";
import { fitData as summaryFitData, looksLikeSummaryFile, readSummaryFile, refuseWithSummary } from "../engine/summary-file";
import { helpText } from "./usage-zh";
import { duckLimits, engineOption } from "./summary";

export const usage = `Usage: cva fit <file.csv> [--model bgnbd|mbgnbd|paretonbd|auto|bgbb|gammagamma] [options]

Fits a probabilistic customer-base model to the per-customer summary of the transactions. The
file is a transaction log, or a summary (columns frequency, recency, T, optionally monetary_value
and weight, as cva summary or lifetimes write it), recognised by its columns.
Parameters: r, alpha, a, b (BG/NBD, MBG/NBD); r, alpha, s, beta (Pareto/NBD); p, q, v
(Gamma-Gamma, fitted on repeat buyers with positive mean spend); alpha, beta, gamma, delta
(BG/BB). alpha and beta of the count models are in the unit.

Options:
  --model NAME               bgnbd (default), mbgnbd, paretonbd, gammagamma,
                             auto: fit BG/NBD, MBG/NBD and Pareto/NBD, compare them (log-likelihood,
                               AIC, BIC, holdout errors) and choose one (docs/models/choice.md),
                             bgbb: BG/BB for one chance to buy per period (yearly donations, annual
                               renewals), from transactions or a summary (--summary; docs/models/bgbb.md)
  --unit UNIT                time unit of recency and T: days, weeks (default) or months;
                             for bgbb the opportunity period: days, weeks, months, quarters or years
                             (default years)
  --end YYYY-MM-DD           observation end (default: the last date in the data)
  --period day|week|month    what counts as one purchase: a day (default), a Monday-to-Sunday week or a
                             calendar month with purchases; recency and T are then whole periods
                             (week: lifetimes' freq='W'; docs/engines.md §2)
  --calibration-end YYYY-MM-DD
                             auto only: fit on the purchases up to this day and compare the models'
                             predictions of each customer's repeat purchases after it, to --end
  --summary                  bgbb only: the file is a summary with columns frequency, recency,
                             periods and, optionally, weights (as data/cdnow/donations.csv)
  --penalizer X              L2 penalty on the parameters (default 0)
  --time-limit S             stop the fit after S seconds with the best estimates so far (default 60)
  --progress                 show progress on standard error (default: on a terminal, after 2 s)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --encoding NAME            the file's text encoding (default auto: detected, see docs/inputs.md §7)
  --engine memory|duckdb     memory (default): read the file into Node; duckdb: DuckDB summarises the CSV
                             (also .csv.gz) or .parquet file where it lies and the model is fitted on the
                             distinct histories with their counts (docs/engines.md §1)
                             duckdb is the default for a .parquet or .gz file, which only it reads
  --threads N                duckdb: threads DuckDB may use
  --memory-limit SIZE        duckdb: DuckDB's memory limit (e.g. 3GB); it spills to disk beyond
  --lang en-US|zh-CN         language of the messages (default: from LC_ALL/LC_MESSAGES/LANG)
  --json                     print the result as JSON with standard errors ("se"), 95% intervals ("ci95")
                             and the covariance matrix (auto: with a "comparison" of the models)
  -h, --help                 show this help`;

const MODELS = ["bgnbd", "mbgnbd", "paretonbd", "auto", "bgbb", "gammagamma"] as const;
export type FitModel = (typeof MODELS)[number];

/** The options behind the core's argument names, for its messages. */
export const OPTION_OF: Readonly<Record<string, string>> = { penalizer: "--penalizer", unit: "--unit", end: "--end", calibrationEnd: "--calibration-end" };

/** What every kind of fit reads from the command line. */
export interface FitCommand {
  args: ParsedArgs;
  input: string;
  model: FitModel;
  penalizer: number;
  timeLimitMs: number;
  json: boolean;
  lang: Lang;
}

/** Refuses an option that only one kind of fit takes. */
function onlyWith(a: ParsedArgs, option: string, models: readonly FitModel[], model: FitModel): void {
  if ((a.options.has(option) || a.flags.has(option)) && !models.includes(model)) {
    throw UsageError.keyed("option.onlyWithModel", { option: `--${option}`, models: models.join(", "), model });
  }
}

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, ["model", "unit", "period", "end", "calibration-end", "penalizer", "id", "date", "amount", "encoding", "time-limit", "engine", "threads", "memory-limit"], ["help", "json", "progress", "summary"]);
    if (a.flags.has("help")) {
      io.stdout(helpText("fit", usage, lang) + "\n");
      return EXIT_OK;
    }
    const input = oneFile(a.positionals);
    const o = a.options;
    const model = choiceOption(o, "model", MODELS, "bgnbd");
    onlyWith(a, "calibration-end", ["auto"], model);
    onlyWith(a, "summary", ["bgbb"], model);
    const cmd: FitCommand = {
      args: a,
      input,
      model,
      penalizer: numberOption(o, "penalizer", 0, { min: 0 }),
      timeLimitMs: 1000 * numberOption(o, "time-limit", DEFAULT_FIT_TIME_LIMIT_MS / 1000, { min: 0.1 }),
      json: a.flags.has("json"),
      lang,
    };
    const engine = engineOption(o, input);
    if (engine === "duckdb") for (const n of ["calibration-end", "summary"]) if (o.has(n) || a.flags.has(n)) throw UsageError.keyed("engine.optionNotForDuckdb", { option: `--${n}` });
    if (engine === "duckdb" && model === "bgbb") throw UsageError.keyed("option.onlyWithModel", { option: "--engine duckdb", models: "bgnbd, mbgnbd, paretonbd, auto, gammagamma", model });
    if (model === "bgbb") return await runBgbb(cmd, io, choiceOption(o, "unit", PERIOD_UNITS, "years"));
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const end = dateOption(o, "end");
    const purchasePeriod = choiceOption(o, "period", PURCHASE_PERIODS, "day");
    if (model === "auto" && purchasePeriod !== "day") throw UsageError.keyed("option.onlyWithModel", { option: "--period", models: "bgnbd, mbgnbd, paretonbd, gammagamma", model });
    const encoding = normaliseEncoding(o.get("encoding"));
    const file = resolvePath(io, input);
    let data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number>; weights?: ArrayLike<number> };
    if (engine === "duckdb") {
      // DuckDB summarises where the file lies; the fit sees the distinct histories and spend pairs with their counts (docs/engines.md §1, §3).
      const { progress, ...reporting } = duckReporting(io, lang, a.flags.has("progress"));
      let fitData: Awaited<ReturnType<typeof import("../engine/duckdb-run").duckFitData>>;
      try {
        fitData = await (await import("../engine/duckdb-run")).duckFitData({ file, columns: { id: o.get("id"), date: o.get("date"), amount: o.get("amount") }, unit, purchasePeriod, end: end?.day, encoding, ...reporting, ...duckLimits(o) });
      } finally {
        progress.end();
      }
      const { histories: h, spend } = fitData;
      // Gamma-Gamma reads frequency and monetary (the spend pairs), the count models frequency, recency and T (the histories).
      data = model === "gammagamma" ? { ...spend, recency: new Float64Array(spend.frequency.length), T: new Float64Array(spend.frequency.length) } : { ...h, monetary: new Float64Array(h.frequency.length) };
      if (model === "auto") return await runAuto(cmd, io, { summary: data }, unit, undefined);
    } else if (looksLikeSummaryFile(file, { encoding })) {
      // A per-customer summary (docs/engines.md §4): fitted as it is, with its weights.
      refuseWithSummary(o, ["end", "period", "calibration-end", "id", "date", "amount"], input);
      data = summaryFitData(readSummaryFile(file, { encoding, warn: fileNotices(io, lang) }));
      if (model === "auto") return await runAuto(cmd, io, { summary: data }, unit, undefined);
    } else {
      const table = readTransactionsCsv(file, { id: o.get("id"), date: o.get("date"), amount: o.get("amount") }, { encoding, warn: fileNotices(io, lang) });
      checkNotBeforeData(table, end, "--end");
      if (model === "auto") return await runAuto(cmd, io, table, unit, end);
      let s;
      try {
        const summary = summarizeWithWarnings(table, { unit, purchasePeriod, end: end?.text, today: today() });
        s = summary.summaries;
        reportModelWarnings(io, summary.warnings, lang);
      } catch (e) {
        throw inOptionWords(e, OPTION_OF);
      }
      data = {
        frequency: s.map((c) => c.frequency),
        recency: s.map((c) => c.recency),
        T: s.map((c) => c.T),
        monetary: s.map((c) => c.monetary),
      };
    }
    const progress = progressReporter(io, lang, a.flags.has("progress"));
    const fitOptions = { penalizer: cmd.penalizer, timeLimitMs: cmd.timeLimitMs, onProgress: progress.onProgress };
    const t0 = performance.now();
    const fit = withProgress(progress, () =>
      model === "gammagamma" ? (gammagamma.fit(data, fitOptions) as unknown as FitResult<Record<string, number>>) : countModel(model).fit(data, fitOptions),
    );
    const elapsedMs = performance.now() - t0;
    const options = { penalizer: cmd.penalizer };
    const u = model === "gammagamma" ? gammaGammaUncertainty(data, fit, options) : countModelUncertainty(model, data, fit, options);
    printFit(io, cmd, fit, elapsedMs, (params) => t(lang, "report.fit", { model, customers: fit.customers, unit: t(lang, `unit.${unit}`), params }), u);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("fit", lang), lang);
  }
}

/** Runs `f`, ending the progress line whatever happens. */
export function withProgress<T>(progress: ProgressReporter, f: () => T): T {
  try {
    return f();
  } finally {
    progress.end();
  }
}

/** The parameters as text: "r = 0.242593, alpha = 4.41359, …" (six significant digits), each with "± se" (three) when given. */
export function paramsText(params: Readonly<Record<string, number>>, se?: Readonly<Record<string, number>> | null): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} = ${Number(v.toPrecision(6))}${se && se[k] !== undefined ? ` ± ${Number(se[k].toPrecision(3))}` : ""}`)
    .join(", ");
}

/**
 * The uncertainty keys of a fit's JSON: "se", "ci95" (Wald, estimate ± 1.96·se) and "covariance"
 * with its parameter order, or those null and "seUnavailable" saying why, in `lang`.
 */
export function uncertaintyJson(u: UncertaintyResult, lang: Lang): Record<string, unknown> {
  if (u.ok) return { se: u.se, ci95: u.ci95, covariance: { names: u.names, matrix: u.covariance } };
  return { se: null, ci95: null, covariance: null, seUnavailable: uncertaintyMessage(u, lang) };
}

/** The JSON of a fit: the keys every `cva fit` prints, in this order; then its uncertainty's keys. */
export function fitJson(model: CountModelId | FitModel, fit: FitResult<Readonly<Record<string, number>>>, elapsedMs: number, uncertainty: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    converged: fit.converged,
    iterations: fit.iterations,
    elapsedMs: Number(elapsedMs.toFixed(3)),
    ...uncertainty,
  };
}

/** The line under a fit's parameters: what "±" means, or why there is none. */
export function uncertaintyLine(u: UncertaintyResult, lang: Lang): string {
  return u.ok ? t(lang, "cli.se.note") : uncertaintyMessage(u, lang);
}

/**
 * Prints a fit: its JSON, or the head line `head(params text with ± se)`, the status line and the
 * line on its standard errors; then, when it did not converge, the warning on standard error.
 */
export function printFit(io: CliIo, cmd: FitCommand, fit: FitResult<Readonly<Record<string, number>>>, elapsedMs: number, head: (params: string) => string, u: UncertaintyResult): void {
  const lang = cmd.lang;
  const out = fitJson(cmd.model, fit, elapsedMs, uncertaintyJson(u, lang));
  // A penalised fit is never shown as a plain one: the penalty is in its JSON and beside its parameters.
  if (cmd.penalizer > 0) out.penalizer = cmd.penalizer;
  if (cmd.json) {
    io.stdout(JSON.stringify(out) + "\n");
  } else {
    const status = t(lang, fit.converged ? "report.converged" : "report.notConverged");
    const text = head(paramsText(fit.params, u.ok ? u.se : null));
    const penalty = cmd.penalizer > 0 ? `${t(lang, "fit.penalty", { penalizer: String(cmd.penalizer) })}\n` : "";
    io.stdout(`${text}\n${penalty}${t(lang, "report.fitStatus", { ll: fit.logLikelihood.toFixed(2), iterations: fit.iterations, status, ms: out.elapsedMs as number })}\n${uncertaintyLine(u, lang)}\n`);
  }
  warnNotConverged(io, cmd.model, fit, lang);
}

/** The warning of a fit that did not converge, on standard error. */
export function warnNotConverged(io: CliIo, model: string, fit: FitResult<unknown>, lang: Lang): void {
  if (fit.converged) return;
  const w = fit.message
    ? CvaError.keyed(ErrorCodes.NotConverged, "cli.notConverged", { detail: fit.messageKey ? errorText(lang, fit.messageKey, fit.messageParams) : fit.message })
    : CvaError.keyed(ErrorCodes.NotConverged, "fn.fitNotConverged", { model, iterations: fit.iterations });
  reportWarning(io, w, lang);
}
