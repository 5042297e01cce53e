/**
 * The `cva` command line (bin/cva.js calls {@link main}). Commands are dispatched through
 * {@link COMMANDS}: to add one, write src/cli/commands/<name>.ts exporting `run(args, io)` and
 * `usage`, and add a row here.
 */
import * as analyzeCommand from "./commands/analyze";
import * as summaryCommand from "./commands/summary";
import * as fitCommand from "./commands/fit";
import * as predictCommand from "./commands/predict";
import * as forecastCommand from "./commands/forecast";
import * as validateCommand from "./commands/validate";
import * as compareCommand from "./commands/compare";
import * as sqlCommand from "./commands/sql";
import { readFileSync } from "fs";
import path from "path";
import { errorText, type Lang } from "../core";
import { reportError } from "./commands/common";
import { EXIT_OK, EXIT_USAGE, processIo, type CliCommand, type CliIo } from "./io";
import { cliLang, withoutLeadingGlobals } from "./lang";

export type { CliIo, CliCommand, CommandRun } from "./io";

/** The command table. */
export const COMMANDS: CliCommand[] = [
  { name: "summary", summary: "per-customer summary (frequency, recency, T, monetary, …) as CSV", usage: summaryCommand.usage, run: summaryCommand.run },
  { name: "analyze", summary: "pyramid, RFM, life cycle, relationship level, loyalty per customer, and a report", usage: analyzeCommand.usage, run: analyzeCommand.run },
  { name: "fit", summary: "fit BG/NBD, MBG/NBD, Pareto/NBD (or compare them: auto), BG/BB or Gamma-Gamma; parameters and log-likelihood", usage: fitCommand.usage, run: fitCommand.run },
  { name: "predict", summary: "P(alive), expected purchases, expected value and CLV per customer as CSV", usage: predictCommand.usage, run: predictCommand.run },
  { name: "forecast", summary: "the whole base's expected transactions, revenue and discounted margin per future period, and a new customer's value", usage: forecastCommand.usage, run: forecastCommand.run },
  { name: "validate", summary: "calibration/holdout check: predicted vs actual repeat purchases", usage: validateCommand.usage, run: validateCommand.run },
  { name: "compare", summary: "the pyramid over time: tier migration, moved down, new, gone and churned between two analyze results", usage: compareCommand.usage, run: compareCommand.run },
  { name: "sql", summary: "the per-customer summary (or the distinct histories) as one SQL query for DuckDB, PostgreSQL, Spark, BigQuery or Snowflake", usage: sqlCommand.usage, run: sqlCommand.run },
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "cva — customer value analysis (CVA) from the command line",
    "",
    "Usage: cva <command> [options]",
    "",
    "Every command takes --lang en-US|zh-CN, the language of its messages and labels (default:",
    "zh-CN when LC_ALL, LC_MESSAGES or LANG starts with zh, else en-US).",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `cva <command> --help` for a command's options, `cva --version` for the version.",
    "",
  ].join("\n");
}

/**
 * The version of CVA: package.json's, read at run time so there is one place to change it.
 * The compiled CLI (lib/cli/main.js) and its source (src/cli/main.ts) are both two folders
 * below the package root.
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/** Runs the CLI with the arguments after `cva`; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let lang: Lang;
  try {
    lang = cliLang(argv, io.env);
  } catch (e) {
    return reportError(io, e, "Run `cva --help` for usage.", "en-US");
  }
  const [name, ...rest] = withoutLeadingGlobals(argv);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout(`${cliVersion()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${errorText(lang, "cli.error", { text: errorText(lang, "cli.unknownCommand", { got: JSON.stringify(name) }) })}\n${help()}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io, lang);
}
