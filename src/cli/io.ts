/**
 * The command interface of the `cva` CLI. Every command is a module under src/cli/commands/
 * exporting `run(args, io)`; main.ts dispatches through a table of {@link CliCommand}s, so a new
 * command (fit, predict, validate) is one file and one table row. Commands write through `io`
 * only, so tests can run them with a fake and read what they wrote.
 */
import type { Lang } from "../core";

export interface CliIo {
  /** Writes text to standard output (the command's data: CSV, JSON). */
  stdout(text: string): void;
  /** Writes text to standard error (messages). */
  stderr(text: string): void;
  /** Directory that relative paths are resolved against; default process.cwd(). */
  cwd?: string;
  /**
   * The environment the CLI reads its default language from (LC_ALL, LC_MESSAGES, LANG; see
   * lang.ts); none when not given, so a test does not depend on the machine's locale.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Standard error is a terminal: progress of a long run is shown there in place (progress.ts). */
  stderrIsTTY?: boolean;
}

/**
 * A command's entry point: returns the exit code (0 ok, 1 failed, 2 usage error). `lang` is the
 * language of every message and label (the global --lang, else the environment's; lang.ts).
 */
export type CommandRun = (args: string[], io: CliIo, lang: Lang) => Promise<number>;

export interface CliCommand {
  /** What the user types after `cva`. */
  name: string;
  /** One line for `cva --help`. */
  summary: string;
  /** Full usage text for `cva <name> --help`. */
  usage: string;
  run: CommandRun;
}

/** Exit codes. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
