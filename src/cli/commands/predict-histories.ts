/**
 * `cva predict --histories FILE [--spend FILE]` (docs/engines.md §7): the distinct histories a
 * warehouse summarised (`cva sql --histories`) fitted with their weights and scored once per row,
 * written one row per history row in its order (../engine/histories.ts), for `cva sql
 * --join-scores` to attach to every customer where the data lives.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CvaError, describeFallback, ErrorCodes, errorText, type BtydPredictorOptions, type Lang } from "../../core";
import { UsageError } from "../args";
import { fitWeighted, withoutScores } from "../engine/weighted-model";
import { engineError, openDuck, sourceOf, sqlText } from "../engine/duckdb-summary";
import { readHistoryTable, readSpendFile, scoreHistories } from "../engine/histories";
import { scoreColumns, scoresCsv, writeScoresParquet } from "../engine/histories-write";
import { EXIT_FAILED, EXIT_OK, type CliIo } from "../io";
import { checkOutputPaths, writeFilesAtomically } from "../output";
import { progressReporter } from "../progress";
import { fileNotices, inOptionWords, reportText, resolvePath } from "./common";
import { reportFittedModel } from "./model-run";

/** The options of predict that a history table makes meaningless (it has no dates, ids or columns to choose). */
export const NOT_WITH_HISTORIES = ["end", "period", "id", "date", "amount", "intervals", "engine", "threads", "memory-limit"] as const;

/** What the histories run needs from predict's command line. */
export interface HistoriesRun {
  /** --histories and --spend as typed. */
  histories: string;
  spend?: string;
  out?: string;
  encoding?: string;
  progress: boolean;
  predictor: BtydPredictorOptions;
  /** The core's argument names → the options that set them, for the messages. */
  optionWords: Readonly<Record<string, string>>;
}

/**
 * Refuses what does not go with --histories: a transaction file beside it, and the options of
 * {@link NOT_WITH_HISTORIES}.
 */
export function refuseWithHistories(options: ReadonlyMap<string, string>, positionals: readonly string[]): void {
  if (positionals.length > 0) throw UsageError.keyed("histories.alsoFile", { argument: positionals[0] });
  for (const n of NOT_WITH_HISTORIES) if (options.has(n)) throw UsageError.keyed("histories.optionNotFor", { option: `--${n}` });
}

/**
 * A Parquet input as CSV, for the readers that name a bad row: DuckDB copies it, rows in order and
 * doubles in their shortest round-trip text, to a file of the same name in `dir`, so that
 * messages name the user's file and row. Any other file is returned as it is.
 */
async function readableCsv(file: string, dir: () => string): Promise<string> {
  if (!/\.parquet$/i.test(file)) return file;
  if (!fs.existsSync(file)) throw CvaError.keyed(ErrorCodes.Missing, "file.notFound", { file });
  const csv = path.join(dir(), path.basename(file));
  const db = await openDuck();
  try {
    // Named as the input, so not through copySql, which would write Parquet for the name.
    await db.run(`COPY (SELECT * FROM ${sourceOf(file)}) TO ${sqlText(csv)} (FORMAT csv, HEADER true)`);
  } catch (e) {
    throw engineError(e);
  } finally {
    db.closeSync();
  }
  return csv;
}

/** Reads, fits, scores and writes; see the module comment. Returns the exit code. */
export async function predictHistories(io: CliIo, lang: Lang, o: HistoriesRun): Promise<number> {
  let tmp: string | undefined;
  const dir = () => (tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), "cva-histories-")));
  try {
    return await scoreFiles(io, lang, o, dir);
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function scoreFiles(io: CliIo, lang: Lang, o: HistoriesRun, dir: () => string): Promise<number> {
  const file = resolvePath(io, o.histories);
  const spendFile = o.spend === undefined ? undefined : resolvePath(io, o.spend);
  const out = o.out === undefined ? undefined : resolvePath(io, o.out);
  if (out) {
    const inputs = [{ shown: o.histories, path: file }, ...(spendFile ? [{ shown: o.spend!, path: spendFile }] : [])];
    checkOutputPaths(inputs, [{ option: "--out", shown: o.out!, path: out }]);
  }
  const read = { encoding: o.encoding, warn: fileNotices(io, lang) };
  const h = readHistoryTable(await readableCsv(file, dir), read);
  const name = path.basename(file);
  if (h.monetary && spendFile) throw UsageError.keyed("histories.spendTwice", { file: name });
  if (!h.monetary && !spendFile) throw UsageError.keyed("histories.noSpend", { file: name });
  const spend = spendFile ? readSpendFile(await readableCsv(spendFile, dir), read) : { frequency: h.frequency, monetary: h.monetary!, weights: h.weights };
  const progress = progressReporter(io, lang, o.progress);
  let f, scores;
  try {
    f = fitWeighted(h, spend, { ...o.predictor, onProgress: progress.onProgress });
    scores = f.fitted ? scoreHistories(f, h, o.predictor) : null;
  } catch (e) {
    throw inOptionWords(e, o.optionWords);
  } finally {
    progress.end();
  }
  if (!f.fitted) {
    reportText(io, errorText(lang, "cli.noModel", { note: describeFallback(f, lang) }), lang);
    return EXIT_FAILED;
  }
  const cols = scoreColumns(h, scores!);
  if (out && /\.parquet$/i.test(out)) await writeScoresParquet(cols, out);
  else if (out) writeFilesAtomically([{ path: out, content: scoresCsv(cols), shown: o.out }]);
  else io.stdout(scoresCsv(cols));
  reportFittedModel(io, lang, withoutScores(f));
  return EXIT_OK;
}
