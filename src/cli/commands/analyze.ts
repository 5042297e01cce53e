/**
 * `cva analyze <transactions.csv> [--profiles profiles.csv] [--out results.csv] [--report report.json] [--lang en-US|zh-CN]`
 * runs the whole value model (src/core/analyze.ts): per-customer results as CSV (to --out, else
 * standard output; Parquet for an --out named .parquet, ./analyze-parquet.ts) and the manager's
 * report as JSON (to --report). All output files are written atomically: either every file is
 * complete or none is touched; an output that is an input file, or --out equal to --report, is
 * refused before any work (output.ts). With `--engine duckdb` (docs/engines.md §8) DuckDB reads
 * the file and computes every per-customer column the analysis needs
 * (../engine/duckdb-analyze.ts); the analysis, the results and the report are the memory
 * engine's.
 */
import * as path from "path";
import { analyzeColumns, DEFAULT_FIT_TIME_LIMIT_MS, formatDay, MODEL_CHOICES, resolveLifetimeOptions, type AnalyzeOptions, type CustomerResult, type Lang, type ValueMeasure } from "../../core";
import { analyzeSummarized } from "../../core/analyze";
import { summarizedSettings } from "../../core/analyze/summarized";
import { parseArgs, UsageError } from "../args";
import { readProfilesCsv, readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_OK, type CliIo } from "../io";
import { progressReporter } from "../progress";
import { checkOutputPaths, csvField, csvText, writeFilesAtomically, type NamedPath, type PendingFile } from "../output";
import {
  checkNotBeforeData, choiceOption, dateOption, fileNotices, fmt, inOptionWords, numberOption, oneFile, reportError, reportModelWarnings, reportText, resolvePath, today, usageHint,
} from "./common";
import { helpText } from "./usage-zh";
import { duckLimits, engineOption } from "./summary";
import { isParquet, writeParquetResults } from "./analyze-parquet";

export const usage = `Usage: cva analyze <transactions.csv> [options]

Customer value analysis: pyramid tier, RFM, life-cycle stage, exit pattern, relationship level,
loyalty and delivered value per customer, and a manager's report.

Options:
  --profiles FILE            customer profiles CSV (ratings, complaints, clv, …) joined by customer id
  --out FILE                 per-customer results CSV (default: standard output); Parquet for a
                             name ending in .parquet
  --report FILE              the report as JSON (tiers, stages, Pareto share, Lorenz curve, Gini, …)
  --lang en-US|zh-CN         language of labels, strategy texts and messages (default: zh-CN when
                             LC_ALL, LC_MESSAGES or LANG starts with zh, else en-US)
  --unit days|weeks|months   time unit of recency and T (default weeks)
  --end YYYY-MM-DD           observation end (default: the last date in the data)
  --value auto|clv|margin|revenue
                             value measure of the pyramid (default auto: the model's CLV when it can
                             be fitted, else margin when cost is given, else revenue)
  --model NAME               lifetime model with Gamma-Gamma spend: auto (default: fit BG/NBD, MBG/NBD
                             and Pareto/NBD and choose one, see docs/models/choice.md), bgnbd, mbgnbd,
                             paretonbd, or none (no model); btyd is the older name of auto
  --horizon-months N         CLV horizon in months (default 12)
  --discount D               monthly discount rate of the CLV (default 0.01)
  --margin-share M           share of spend that is margin, for the CLV (default 1)
  --min-customers N          fewest customers to fit the model on (default 10)
  --penalizer X              L2 penalty on the parameters of every fit, ≥ 0 (default 0), as cva fit
  --time-limit S             stop each model fit after S seconds with the best estimates so far (default 60)
  --progress                 show progress on standard error (default: on a terminal, after 2 s)
  --tiers 1,19,30,50         tier shares in percent, top first (default 1,19,30,50)
  --labels standard|metal    tier label set (default standard; metal = platinum/gold/iron/lead)
  --id COL --date COL --amount COL --cost COL --margin COL --quantity COL
                             column headers to use (default: matched by name, English or Chinese)
  --encoding NAME            text encoding of the files: utf-8, utf-16le, utf-16be, gb18030, windows-1252
                             (default auto: detected, see docs/inputs.md §7)
  --engine memory|duckdb     memory (default): read the file into Node, as the task pane does; duckdb:
                             DuckDB reads the CSV (any size, also .csv.gz) or .parquet file and computes
                             each customer's figures; the same results and report (docs/engines.md §8)
                             duckdb is the default for a .parquet or .gz file, which only it reads
  --threads N                duckdb: threads DuckDB may use
  --memory-limit SIZE        duckdb: DuckDB's memory limit (e.g. 3GB); it spills to disk beyond
  -h, --help                 show this help`;

const VALUE_OPTIONS = [
  "profiles", "out", "report", "unit", "end", "value", "tiers", "labels", "id", "date", "amount", "cost", "margin", "quantity",
  "model", "horizon-months", "discount", "margin-share", "min-customers", "encoding", "time-limit", "penalizer",
  "engine", "threads", "memory-limit",
];

/** The options behind the core's argument names, for its messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  horizonMonths: "--horizon-months",
  discount: "--discount",
  monthly_discount: "--discount",
  margin: "--margin-share",
  margin_share: "--margin-share",
  minCustomers: "--min-customers",
  unit: "--unit",
  end: "--end",
  tierShares: "--tiers",
  shares: "--tiers",
  valueMeasure: "--value",
  penalizer: "--penalizer",
};

const HEADER = [
  "customer_id", "frequency", "recency", "T", "monetary", "revenue", "margin", "first", "last", "orders",
  "value", "tier", "tier_label", "upgrade_potential", "rfm_r", "rfm_f", "rfm_m", "rfm_cell", "rfm_segment",
  "stage", "exit_pattern", "level", "level_label", "loyalty_index", "loyalty_class", "p_alive", "at_risk", "expected_purchases",
  "clv", "delivered_value", "value_ratio", "tier_strategy", "stage_strategy",
];

function row(c: CustomerResult): string {
  const s = c.summary;
  const cells = [
    csvText(c.customerId), String(s.frequency), fmt(s.recency), fmt(s.T), fmt(s.monetary), fmt(s.revenue), fmt(s.margin),
    formatDay(s.first), formatDay(s.last), String(s.orders), fmt(c.value), String(c.tier), csvField(c.tierLabel),
    c.upgradePotential === null ? "" : String(c.upgradePotential), String(c.rfm.r), String(c.rfm.f), String(c.rfm.m), c.rfm.cell,
    csvField(c.rfm.segmentLabel), csvField(c.stageLabel), csvField(c.exitPatternLabel), String(c.level), csvField(c.levelLabel),
    fmt(c.loyaltyIndex), csvField(c.loyaltyClassLabel), fmt(c.pAlive), String(c.atRisk), fmt(c.expectedPurchases), fmt(c.clv),
    fmt(c.delivered?.deliveredValue), fmt(c.valueRatio), csvField(c.tierStrategy), csvField(c.stageStrategy),
  ];
  return cells.join(",");
}

/**
 * The per-customer CSV in pieces of at most 64 KB (one row more when a row is longer), made while
 * they are written: a million customers' rows are never held at once, and each piece is short-lived
 * enough to be collected young (docs/output.md §9). The customers come by column, each one's
 * result object made for its row and let go.
 */
function* csvPieces(customers: Iterable<CustomerResult>): Generator<string> {
  let piece = HEADER.join(",") + "\n";
  for (const c of customers) {
    const line = row(c) + "\n";
    if (piece.length + line.length > PIECE_LENGTH && piece !== "") {
      yield piece;
      piece = "";
    }
    piece += line;
  }
  if (piece !== "") yield piece;
}

/** Characters in a piece of the CSV output. */
const PIECE_LENGTH = 1 << 16;

/** The --tiers option: percentages, top first, adding up to 100, as shares. @throws UsageError. */
export function parseTiers(text: string): number[] {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "").map(Number);
  if (parts.length === 0 || parts.some((p) => !Number.isFinite(p) || p <= 0)) throw UsageError.keyed("option.tiersFormat", { got: JSON.stringify(text) });
  const sum = parts.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 1e-6) throw UsageError.keyed("option.tiersSum", { got: text, sum: Number(sum.toPrecision(12)) });
  return parts.map((p) => p / 100);
}

/** Runs an analysis with the progress reporter of --progress; the core's argument names in its errors become the options'. */
function analyzeWithProgress<T>(io: CliIo, lang: Lang, forced: boolean, body: (onProgress: ReturnType<typeof progressReporter>["onProgress"]) => T): T {
  const progress = progressReporter(io, lang, forced);
  try {
    return body(progress.onProgress);
  } catch (e) {
    throw inOptionWords(e, OPTION_OF);
  } finally {
    progress.end();
  }
}

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, VALUE_OPTIONS, ["help", "progress"]);
    if (a.flags.has("help")) {
      io.stdout(helpText("analyze", usage, lang) + "\n");
      return EXIT_OK;
    }
    const input = oneFile(a.positionals);
    const o = a.options;
    const value = choiceOption<ValueMeasure>(o, "value", ["auto", "clv", "margin", "revenue"], "auto");
    const modelOption = choiceOption(o, "model", [...MODEL_CHOICES, "none", "btyd"], "auto");
    const model = modelOption === "none" ? "none" : "btyd";
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const end = dateOption(o, "end");
    const lifetime = {
      horizonMonths: numberOption(o, "horizon-months", 12, { whole: true, min: 1 }),
      discount: numberOption(o, "discount", 0.01),
      margin: numberOption(o, "margin-share", 1),
      minCustomers: numberOption(o, "min-customers", 10, { whole: true, min: 1 }),
      penalizer: numberOption(o, "penalizer", 0, { min: 0 }),
      timeLimitMs: 1000 * numberOption(o, "time-limit", DEFAULT_FIT_TIME_LIMIT_MS / 1000, { min: 0.1 }),
      model: modelOption === "none" || modelOption === "btyd" ? "auto" : modelOption,
    } as const;
    // The CLV settings (the horizon at most 1,200 months) are refused before the file is read.
    if (model === "btyd") {
      try {
        resolveLifetimeOptions({ unit, ...lifetime });
      } catch (e) {
        throw inOptionWords(e, OPTION_OF);
      }
    }
    const labels = choiceOption(o, "labels", ["standard", "metal"], "standard");
    const tiers = o.get("tiers");
    const tierShares = tiers ? parseTiers(tiers) : undefined;
    const encoding = normaliseEncoding(o.get("encoding"));
    // Where the data comes from and goes to: checked before any work.
    const inputs: NamedPath[] = [{ shown: input, path: resolvePath(io, input) }];
    const profilesFile = o.get("profiles");
    if (profilesFile) inputs.push({ option: "--profiles", shown: profilesFile, path: resolvePath(io, profilesFile) });
    const outputs: NamedPath[] = [];
    const out = o.get("out");
    if (out) outputs.push({ option: "--out", shown: out, path: resolvePath(io, out) });
    const report = o.get("report");
    if (report) outputs.push({ option: "--report", shown: report, path: resolvePath(io, report) });
    checkOutputPaths(inputs, outputs);

    const engine = engineOption(o, input);
    const notices = fileNotices(io, lang);
    const columns = { id: o.get("id"), date: o.get("date"), amount: o.get("amount"), cost: o.get("cost"), margin: o.get("margin"), quantity: o.get("quantity") };
    const options: AnalyzeOptions = { lang, unit, end: end?.text, today: today(), valueMeasure: value, tierShares, tierLabels: labels, model };
    let result;
    if (engine === "duckdb") {
      const { duckAnalysisData } = await import("../engine/duckdb-analyze");
      const { withUtf8Csv } = await import("../engine/duckdb-encoding");
      // A file in another encoding is read through a temporary UTF-8 copy, its messages naming the user's file.
      const data = await withUtf8Csv(inputs[0].path, encoding, notices, (csv) =>
        duckAnalysisData({ file: csv, name: path.basename(inputs[0].path), columns, ...duckLimits(o) }, (days) => {
          checkNotBeforeData(days, end, "--end");
          return summarizedSettings(days, options);
        }),
      );
      const profiles = profilesFile ? readProfilesCsv(inputs[1].path, undefined, { encoding, warn: notices }) : undefined;
      result = analyzeWithProgress(io, lang, a.flags.has("progress"), (onProgress) => analyzeSummarized({ ...data, profiles }, { ...options, lifetime: { ...lifetime, onProgress } }));
    } else {
      const table = readTransactionsCsv(inputs[0].path, columns, { encoding, warn: notices });
      const profiles = profilesFile ? readProfilesCsv(inputs[1].path, undefined, { encoding, warn: notices }) : undefined;
      checkNotBeforeData(table, end, "--end");
      result = analyzeWithProgress(io, lang, a.flags.has("progress"), (onProgress) => analyzeColumns({ transactions: table, profiles }, { ...options, lifetime: { ...lifetime, onProgress } }));
    }
    reportModelWarnings(io, result.report.warnings, lang);
    // The model's parameters, or why it could not be fitted, go to stderr (the CSV is on stdout).
    const m = result.report.model;
    if (m.fallback) reportText(io, m.fallback.text, lang);
    else if (m.note) reportText(io, m.note, lang);
    if (m.choiceText) reportText(io, m.choiceText, lang);
    const files: PendingFile[] = [];
    const parquet = out !== undefined && isParquet(out);
    if (out && !parquet) files.push({ path: outputs[0].path, content: csvPieces(result.customers), shown: out });
    if (report) files.push({ path: outputs[outputs.length - 1].path, content: JSON.stringify(result.report, null, 2) + "\n", shown: report });
    if (out && parquet) await writeParquetResults(result.customers, { path: outputs[0].path, shown: out }, () => writeFilesAtomically(files));
    else writeFilesAtomically(files);
    if (!out) for (const piece of csvPieces(result.customers)) io.stdout(piece);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("analyze", lang), lang);
  }
}
