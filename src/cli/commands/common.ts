/** Helpers shared by the commands: option reading, error reporting, number formatting. */
import * as path from "path";
import { localizedMessage, type Lang } from "../../core";
import { UsageError } from "../args";
import { EXIT_FAILED, EXIT_USAGE, type CliIo } from "../io";

/** Resolves a path given on the command line against io.cwd. */
export function resolvePath(io: CliIo, p: string): string {
  return path.resolve(io.cwd ?? process.cwd(), p);
}

/**
 * Turns an error into a one-line message on stderr and an exit code: 2 for usage errors,
 * 1 for everything else, in `lang` where the error has a translated message. Unknown errors are
 * reported too, never swallowed.
 */
export function reportError(io: CliIo, e: unknown, usageHint: string, lang: Lang = "en-US"): number {
  if (e instanceof UsageError) {
    io.stderr(`cva: ${e.message}\n${usageHint}\n`);
    return EXIT_USAGE;
  }
  const message = localizedMessage(e, lang);
  io.stderr(`cva: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  return EXIT_FAILED;
}

/**
 * A number for CSV output, to 15 significant digits (so a sum of cents prints 74.02, not
 * 74.02000000000001; that is within 1e-15 relative of the exact double); empty for null.
 */
export function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? "" : String(Number(v.toPrecision(15)));
}

/** The number of option `--name`, or `fallback` when it is not given. @throws UsageError when it is not a number. */
export function numberOption(o: Map<string, string>, name: string, fallback: number): number {
  const v = o.get(name);
  if (v === undefined) return fallback;
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--${name} must be a number; got ${JSON.stringify(v)}`);
  return x;
}

/**
 * The value of option `--name`, one of `choices` (default `fallback`).
 * @throws UsageError naming the choices, e.g. "--model must be btyd or none; got "x"".
 */
export function choiceOption<T extends string>(o: Map<string, string>, name: string, choices: readonly T[], fallback: T): T {
  const v = o.get(name) ?? fallback;
  if (!(choices as readonly string[]).includes(v)) {
    const list = choices.length > 1 ? `${choices.slice(0, -1).join(", ")} or ${choices[choices.length - 1]}` : choices[0];
    throw new UsageError(`--${name} must be ${list}; got ${JSON.stringify(v)}`);
  }
  return v as T;
}
