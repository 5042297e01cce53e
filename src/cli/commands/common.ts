/** Helpers shared by the commands: option reading, error and warning reporting, number formatting. */
import * as path from "path";
import { CvaError, finiteResult, dayFromYmd, errorText, formatDay, isCvaError, parseDay, renameArguments, warningText, type CvaWarning, type ErrorKey, type ErrorParams, type Lang } from "../../core";
import { UsageError } from "../args";
import { EXIT_FAILED, EXIT_USAGE, type CliIo } from "../io";
import { engineProgress, type EngineProgress, type EngineStage } from "../progress";

/** Resolves a path given on the command line against io.cwd. */
export function resolvePath(io: CliIo, p: string): string {
  return path.resolve(io.cwd ?? process.cwd(), p);
}

/** The separator between a message's prefixes (a file name) and its text, in `lang`. */
function separator(lang: Lang): string {
  return lang === "zh-CN" ? "：" : ": ";
}

/**
 * The text of an error in `lang`: a keyed CvaError or UsageError in that language, its prefixes
 * (a file name) joined with the language's colon; any other error's own message (English).
 */
export function messageText(e: unknown, lang: Lang): string {
  if (e instanceof UsageError && e.key) return errorText(lang, e.key, e.params);
  if (isCvaError(e) && e.key) return [...e.context, errorText(lang, e.key, e.params)].join(separator(lang));
  return e instanceof Error ? e.message : String(e);
}

/** The usage hint after a usage error, in `lang`. */
export function usageHint(command: string, lang: Lang): string {
  return errorText(lang, "cli.usageHint", { command });
}

/**
 * Turns an error into a one-line message on stderr and an exit code: 2 for usage errors,
 * 1 for everything else, in `lang` where the error has a translated message. Unknown errors are
 * reported too, never swallowed.
 */
export function reportError(io: CliIo, e: unknown, usage: string, lang: Lang = "en-US"): number {
  const text = errorText(lang, "cli.error", { text: messageText(e, lang).replace(/\s*\n\s*/g, " ") });
  if (e instanceof UsageError) {
    io.stderr(`${text}\n${usage}\n`);
    return EXIT_USAGE;
  }
  io.stderr(`${text}\n`);
  return EXIT_FAILED;
}

/** Writes a warning (a keyed CvaError) to stderr in `lang`: "cva: warning: …". */
export function reportWarning(io: CliIo, w: unknown, lang: Lang): void {
  io.stderr(errorText(lang, "cli.warning", { text: messageText(w, lang) }) + "\n");
}

/** Writes a note (a keyed CvaError or plain text) to stderr in `lang`: "cva: note: …". */
export function reportNote(io: CliIo, n: unknown, lang: Lang): void {
  io.stderr(errorText(lang, "cli.note", { text: typeof n === "string" ? n : messageText(n, lang) }) + "\n");
}

/** Writes the value model's warnings (rows left out, dates far out, …) to stderr in `lang`. */
export function reportModelWarnings(io: CliIo, warnings: readonly CvaWarning[], lang: Lang): void {
  for (const w of warnings) io.stderr(errorText(lang, "cli.warning", { text: warningText(w, lang) }) + "\n");
}

/** Today on this computer's calendar, as a day number (dates after it are warned about). */
export function today(): number {
  const d = new Date();
  return dayFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The `warn` callback of the CSV readers: how a file was decoded is a note, the rest warnings. */
export function fileNotices(io: CliIo, lang: Lang): (w: CvaError) => void {
  return (w) => (w.key === "file.decodedAs" ? reportNote(io, w, lang) : reportWarning(io, w, lang));
}

/**
 * What a DuckDB run reports as it goes: the file's notes, the summary's warnings, today's date and
 * the stages' progress (../progress.ts engineProgress; `forced`: --progress), each message ending
 * the progress line first. The caller calls `progress.end()` when the run is over, whatever happens.
 */
export function duckReporting(
  io: CliIo,
  lang: Lang,
  forced: boolean,
): { warn: (w: CvaError) => void; warnings: (w: CvaWarning[]) => void; today: number; onStage: (s: EngineStage) => void; progress: EngineProgress } {
  const progress = engineProgress(io, lang, forced);
  const notices = fileNotices(io, lang);
  return {
    warn: (w) => {
      progress.idle();
      notices(w);
    },
    warnings: (w) => {
      progress.idle();
      reportModelWarnings(io, w, lang);
    },
    today: today(),
    onStage: progress.onStage,
    progress,
  };
}

/** Writes a line of the command's own report (already in `lang`) to stderr: "cva: …". */
export function reportText(io: CliIo, text: string, lang: Lang): void {
  io.stderr(errorText(lang, "cli.error", { text }) + "\n");
}

/**
 * A core error that names an internal argument (`horizonMonths`) made a usage error naming the
 * option the user typed (`--horizon-months`): the option's value is what is wrong. The error keeps
 * its key, with every argument it names renamed to its option ({@link renameArguments}). Every
 * core error is keyed; anything else is returned as it is.
 */
export function inOptionWords(e: unknown, options: Readonly<Record<string, string>>): unknown {
  if (!isCvaError(e) || !e.key) return e;
  const internal = e.where?.argument ?? (typeof e.params?.arg === "string" ? e.params.arg : undefined);
  if (internal === undefined || !Object.prototype.hasOwnProperty.call(options, internal)) return e;
  const renamed = renameArguments(e, options) as typeof e;
  return UsageError.keyed(e.key, renamed.params ?? {});
}

/** Throws a keyed usage error. */
function usage(key: ErrorKey, params: ErrorParams): never {
  throw UsageError.keyed(key, params);
}

export interface NumberRule {
  /** The number must be whole. */
  whole?: boolean;
  /** The smallest allowed value (inclusive). */
  min?: number;
}

/**
 * The number of option `--name`, or `fallback` when it is not given.
 * @throws UsageError when it is not a finite number, or breaks `rule`, naming the option as typed.
 */
export function numberOption(o: Map<string, string>, name: string, fallback: number, rule: NumberRule = {}): number {
  const v = o.get(name);
  if (v === undefined) return fallback;
  const x = Number(v);
  const option = `--${name}`;
  if (v.trim() === "" || !Number.isFinite(x)) usage("option.notNumber", { option, got: JSON.stringify(v) });
  if (rule.whole && !Number.isInteger(x)) usage("option.notWhole", { option, got: v });
  if (rule.min !== undefined && x < rule.min) usage("option.atLeast", { option, min: rule.min, got: v });
  return x;
}

/**
 * The value of option `--name`, one of `choices` (default `fallback`).
 * @throws UsageError naming the choices, e.g. "--model must be one of btyd, none; got "x"".
 */
export function choiceOption<T extends string>(o: Map<string, string>, name: string, choices: readonly T[], fallback: T): T {
  const v = o.get(name) ?? fallback;
  if (!(choices as readonly string[]).includes(v)) usage("option.notChoice", { option: `--${name}`, choices: choices.join(", "), got: JSON.stringify(v) });
  return v as T;
}

/**
 * The date option `--name` as the text the user gave, checked: a calendar date written
 * YYYY-MM-DD (or YYYY/MM/DD) that exists. A bare number is refused here although the files take
 * Excel serial numbers: on the command line it is a typo more often than a serial.
 * @returns the text and its day number, or undefined when the option is not given
 * @throws UsageError naming the option, e.g. "--end must be a date written YYYY-MM-DD; got "2024-13-01"".
 */
export function dateOption(o: Map<string, string>, name: string): { text: string; day: number } | undefined {
  const v = o.get(name);
  if (v === undefined) return undefined;
  const text = v.trim();
  const day = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(text) ? parseDay(text) : NaN;
  if (Number.isNaN(day)) usage("option.notDate", { option: `--${name}`, got: JSON.stringify(v) });
  return { text, day };
}

/**
 * Refuses an observation end (or calibration end) before the first date of the data, naming the
 * option and both dates, instead of the model's "no transaction falls on or before the end".
 * @throws UsageError "option.beforeData".
 */
export function checkNotBeforeData(table: { length: number; day: ArrayLike<number> }, date: { text: string; day: number } | undefined, option: string): void {
  if (!date || table.length === 0) return;
  let first = Infinity;
  for (let i = 0; i < table.length; i++) if (table.day[i] < first) first = table.day[i];
  if (date.day < first) usage("option.beforeData", { option, date: formatDay(date.day), first: formatDay(first) });
}

/** The single transactions file of a command. @throws UsageError when there is none or more than one. */
export function oneFile(positionals: readonly string[]): string {
  if (positionals.length !== 1) usage("cli.oneFile", { count: positionals.length });
  return positionals[0];
}

/**
 * A number for CSV output, to 15 significant digits (so a sum of cents prints 74.02, not
 * 74.02000000000001; that is within 1e-15 relative of the exact double); empty for null.
 * @throws CvaError "a result is Infinity, not a finite number: …" for NaN or ±Infinity.
 */
export function fmt(v: number | null | undefined): string {
  // The last guard: a NaN or Infinity is an error, so no file ever holds one (docs/inputs.md §9).
  return v === null || v === undefined ? "" : String(Number(finiteResult(v).toPrecision(15)));
}

/** A number for a text report: two decimals (trailing zeros dropped, as {@link fmt} writes numbers). */
export function money(v: number): string {
  return fmt(Number(v.toFixed(2)));
}
