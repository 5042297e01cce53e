/**
 * `cva predict <transactions.csv> [--model auto|bgnbd|mbgnbd|paretonbd] [--horizon-months 12] [--discount 0.01] [--margin 1] [--unit weeks] [--end YYYY-MM-DD]`
 * → CSV per customer: customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_value,clv
 * (the count model + Gamma-Gamma, docs/lifetime-value.md §3). The fitted parameters, and with
 * `auto` why the model was chosen (docs/models/choice.md), go to stderr as notes.
 */
import {
  CvaError, DEFAULT_FIT_TIME_LIMIT_MS, describeFallback, ErrorCodes, errorText, MODEL_CHOICES, predictionIntervals, resolveIntervalOptions, resolveLifetimeOptions, t, type BtydFallback, type BtydPrediction, type Lang, type PredictionIntervals,
} from "../../core";
import { parseArgs, UsageError } from "../args";
import { predictHistories, refuseWithHistories } from "./predict-histories";
import { fitWeighted, withoutScores, type WeightedFit } from "../engine/weighted-model";
import { progressReporter, type ProgressReporter } from "../progress";
import { duckLimits, engineOption, refuseWithEngine } from "./summary";
import { readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_FAILED, EXIT_OK, type CliIo } from "../io";
import { checkOutputPaths, csvText, writeFilesAtomically } from "../output";
import { checkNotBeforeData, choiceOption, dateOption, duckReporting, fileNotices, fmt, inOptionWords, money, numberOption, oneFile, reportError, reportText, resolvePath, usageHint } from "./common";
import { fitLifetimeModel, predictSummaryFile, reportFittedModel } from "./model-run";
import { PURCHASE_PERIODS } from "../../core/summary/period";
import { looksLikeSummaryFile, readSummaryFile, refuseWithSummary } from "../engine/summary-file";

/** The per-customer figures the CSV repeats beside the scores. */
interface SummaryRows {
  ids: readonly string[];
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  monetary: ArrayLike<number>;
}
import { helpText } from "./usage-zh";

export const usage = `Usage: cva predict <transactions.csv> [options]
       cva predict --histories FILE [--spend FILE] [options]

Per customer: P(alive), expected repeat purchases over the horizon, expected value per purchase and
lifetime value (the count model + Gamma-Gamma), as CSV. The file is a transaction log, or a summary
(columns frequency, recency, T, optionally monetary_value, weight and customer_id, as cva summary or
lifetimes write it; with a weight, each row is a history of that many customers), recognised by its columns.

Options:
  --model NAME               auto (default: fit BG/NBD, MBG/NBD and Pareto/NBD and choose one, see
                             docs/models/choice.md), bgnbd, mbgnbd or paretonbd
  --horizon-months N         horizon in months (default 12)
  --discount D               monthly discount rate (default 0.01)
  --margin M                 share of spend that is margin (default 1)
  --penalizer X              L2 penalty on the parameters of every fit, ≥ 0 (default 0), as cva fit
  --intervals L              add each customer's L interval (e.g. 0.9) of P(alive), expected purchases
                             and CLV, and customer equity with its interval on standard error
                             (parameter uncertainty only, docs/models/uncertainty.md §8)
  --unit days|weeks|months   time unit of the summary (default weeks)
  --end YYYY-MM-DD           observation end (default: the last date in the data)
  --period day|week|month    what counts as one purchase: a day (default), a Monday-to-Sunday week or a
                             calendar month with purchases; recency and T are then whole periods
                             (week: lifetimes' freq='W'; docs/engines.md §2)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --encoding NAME            the file's text encoding (default auto: detected, see docs/inputs.md §7)
  --out FILE                 write the CSV to FILE instead of standard output
  --histories FILE           score a warehouse's distinct histories instead (CSV or .parquet; columns frequency,
                             recency, T and weight or count, as cva sql --histories prints them, with the same
                             --unit; optionally monetary): one row of scores per row — p_alive,
                             expected_purchases, clv_per_spend and the expected spend as spend_intercept +
                             spend_slope × the customer's mean spend — for cva sql --join-scores to attach to
                             every customer (docs/engines.md §7)
  --spend FILE               with --histories: the repeat buyers' distinct frequency, monetary and weight,
                             which Gamma-Gamma is fitted on (needed unless the histories have monetary)
  --engine memory|duckdb     memory (default): read the file into Node; duckdb: DuckDB summarises the CSV
                             (also .csv.gz) or .parquet file where it lies, the model is fitted on the
                             distinct histories, and the scores are joined to every customer in DuckDB and
                             written as CSV or, for an --out name ending .parquet, Parquet (docs/engines.md §1)
                             duckdb is the default for a .parquet or .gz file, which only it reads
  --threads N                duckdb: threads DuckDB may use
  --memory-limit SIZE        duckdb: DuckDB's memory limit (e.g. 3GB); it spills to disk beyond
  --time-limit S             stop each model fit after S seconds with the best estimates so far (default 60)
  --progress                 show progress on standard error (default: on a terminal, after 2 s)
  --lang en-US|zh-CN         language of the messages (default: from LC_ALL/LC_MESSAGES/LANG)
  -h, --help                 show this help`;

/** The options behind the core's argument names, for its messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  horizonMonths: "--horizon-months",
  discount: "--discount",
  monthly_discount: "--discount",
  margin: "--margin",
  margin_share: "--margin",
  unit: "--unit",
  end: "--end",
  penalizer: "--penalizer",
  level: "--intervals",
};

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, ["model", "horizon-months", "discount", "margin", "unit", "period", "end", "id", "date", "amount", "out", "encoding", "time-limit", "penalizer", "intervals", "engine", "threads", "memory-limit", "histories", "spend"], ["help", "progress"]);
    if (a.flags.has("help")) {
      io.stdout(helpText("predict", usage, lang) + "\n");
      return EXIT_OK;
    }
    const o = a.options;
    if (o.has("histories")) refuseWithHistories(o, a.positionals);
    else if (o.has("spend")) throw UsageError.keyed("histories.spendAlone");
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const end = dateOption(o, "end");
    const purchasePeriod = choiceOption(o, "period", PURCHASE_PERIODS, "day");
    const options = {
      unit,
      model: choiceOption(o, "model", MODEL_CHOICES, "auto"),
      horizonMonths: numberOption(o, "horizon-months", 12, { whole: true, min: 1 }),
      discount: numberOption(o, "discount", 0.01),
      margin: numberOption(o, "margin", 1),
      penalizer: numberOption(o, "penalizer", 0, { min: 0 }),
      timeLimitMs: 1000 * numberOption(o, "time-limit", DEFAULT_FIT_TIME_LIMIT_MS / 1000, { min: 0.1 }),
    } as const;
    // The CLV and interval settings (the horizon at most 1,200 months) are refused before the file is read.
    const level = o.has("intervals") ? numberOption(o, "intervals", 0.9) : null;
    try {
      resolveLifetimeOptions(options);
      if (level !== null) resolveIntervalOptions({ level });
    } catch (e) {
      throw inOptionWords(e, OPTION_OF);
    }
    const encoding = normaliseEncoding(o.get("encoding"));
    const histories = o.get("histories");
    // A warehouse's distinct histories, scored per row for the join back (docs/engines.md §7).
    if (histories !== undefined) return await predictHistories(io, lang, { histories, spend: o.get("spend"), out: o.get("out"), encoding, progress: a.flags.has("progress"), predictor: options, optionWords: OPTION_OF });
    const input = oneFile(a.positionals);
    const file = resolvePath(io, input);
    const out = o.get("out");
    if (out) checkOutputPaths([{ shown: input, path: file }], [{ option: "--out", shown: out, path: resolvePath(io, out) }]);
    if (engineOption(o, input) === "duckdb") {
      // DuckDB summarises, the fit sees the distinct histories, the scores are joined back in DuckDB (docs/engines.md §1).
      refuseWithEngine(o, ["intervals"]);
      const progress = a.flags.has("progress");
      const { progress: engine, ...reporting } = duckReporting(io, lang, progress);
      const input = {
        file,
        columns: { id: o.get("id"), date: o.get("date"), amount: o.get("amount") },
        unit,
        purchasePeriod,
        end: end?.day,
        encoding,
        ...reporting,
        ...duckLimits(o),
        out: out ? resolvePath(io, out) : undefined,
      };
      let f: Awaited<ReturnType<typeof fitWeighted>> | null;
      try {
        // The fit shows its own progress: the stages' line ends before it.
        f = await (await import("../engine/duckdb-run")).duckPredict(io, input, options, (h, spend) => {
          engine.idle();
          return fitOrSay(io, lang, progress, (onProgress) => fitWeighted(h, spend, { ...options, onProgress }));
        });
      } finally {
        engine.end();
      }
      if (!f) return EXIT_FAILED;
      reportFittedModel(io, lang, withoutScores(f));
      return EXIT_OK;
    }
    let s: SummaryRows, r: BtydPrediction;
    if (looksLikeSummaryFile(file, { encoding })) {
      // A per-customer summary (docs/engines.md §4): scored as it is, the fit weighted by its weight column.
      refuseWithSummary(o, ["end", "period", "id", "date", "amount"], input);
      const f = readSummaryFile(file, { encoding, warn: fileNotices(io, lang) });
      if (f.weights && level !== null) refuseWithSummary(o, ["intervals"], input);
      const run = predictSummaryFile(io, lang, f, { progress: a.flags.has("progress"), optionWords: OPTION_OF, predictor: options });
      if (!run) return EXIT_FAILED;
      s = { ids: f.ids, frequency: f.frequency, recency: f.recency, T: f.T, monetary: f.monetary };
      r = run;
    } else {
      const table = readTransactionsCsv(file, { id: o.get("id"), date: o.get("date"), amount: o.get("amount") }, { encoding, warn: fileNotices(io, lang) });
      checkNotBeforeData(table, end, "--end");
      const run = fitLifetimeModel(io, lang, table, { end, purchasePeriod, progress: a.flags.has("progress"), optionWords: OPTION_OF, predictor: options });
      if (!run) return EXIT_FAILED;
      const c = run.summaries;
      s = { ids: c.map((x) => x.customerId), frequency: c.map((x) => x.frequency), recency: c.map((x) => x.recency), T: c.map((x) => x.T), monetary: c.map((x) => x.monetary) };
      r = run.prediction;
    }
    const bands = level === null ? null : intervalsOf(r, s, level, options.penalizer);
    const head = "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_value,clv";
    const lines = [bands ? `${head},p_alive_low,p_alive_high,expected_purchases_low,expected_purchases_high,clv_low,clv_high` : head];
    for (let i = 0; i < s.ids.length; i++) {
      let line = `${csvText(s.ids[i])},${s.frequency[i]},${fmt(s.recency[i])},${fmt(s.T[i])},${fmt(s.monetary[i])},${fmt(r.pAlive[i])},${fmt(r.expectedPurchases[i])},${fmt(r.expectedValue[i])},${fmt(r.clv[i])}`;
      if (bands) {
        const { pAlive, expectedPurchases, clv } = bands;
        line += `,${fmt(pAlive.low[i])},${fmt(pAlive.high[i])},${fmt(expectedPurchases.low[i])},${fmt(expectedPurchases.high[i])},${fmt(clv.low[i])},${fmt(clv.high[i])}`;
      }
      lines.push(line);
    }
    const text = lines.join("\n") + "\n";
    if (out) writeFilesAtomically([{ path: resolvePath(io, out), content: text, shown: out }]);
    else io.stdout(text);
    reportFittedModel(io, lang, r);
    if (bands) {
      const e = bands.equity;
      reportText(io, t(lang, "cli.equityInterval", { estimate: money(e.estimate), level: fmt(100 * bands.level), low: money(e.low), high: money(e.high), draws: bands.draws, seed: bands.seed }), lang);
    }
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("predict", lang), lang);
  }
}

/** A weighted fit in the options' words; null when no model could be fitted, having said why on standard error. */
function fitOrSay(io: CliIo, lang: Lang, showProgress: boolean, fit: (onProgress: ProgressReporter["onProgress"]) => WeightedFit | BtydFallback): WeightedFit | null {
  const progress = progressReporter(io, lang, showProgress);
  let f;
  try {
    f = fit(progress.onProgress);
  } catch (e) {
    throw inOptionWords(e, OPTION_OF);
  } finally {
    progress.end();
  }
  if (!f.fitted) {
    reportText(io, errorText(lang, "cli.noModel", { note: describeFallback(f, lang) }), lang);
    return null;
  }
  return f;
}

/**
 * Each customer's interval at `level` (docs/models/uncertainty.md §8: parameter sets drawn from
 * the fit's sampling distribution, 200 draws, seed 1).
 * @throws CvaError DEGENERATE_DATA with the reason when the fit's uncertainty cannot be computed.
 */
function intervalsOf(r: BtydPrediction, s: SummaryRows, level: number, penalizer: number): PredictionIntervals {
  const data = { frequency: s.frequency, recency: s.recency, T: s.T, monetary: s.monetary };
  const bands = predictionIntervals(r, data, { level, penalizer });
  if (!bands.ok) throw CvaError.keyed(ErrorCodes.DegenerateData, bands.reasonKey, bands.reasonParams);
  return bands;
}
