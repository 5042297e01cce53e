/**
 * The `cva` command line (bin/cva.js calls {@link main}). Commands are dispatched through
 * {@link COMMANDS}: to add one, write src/cli/commands/<name>.ts exporting `run(args, io)` and
 * `usage`, and add a row here.
 */
import * as analyzeCommand from "./commands/analyze";
import * as summaryCommand from "./commands/summary";
import { EXIT_OK, EXIT_USAGE, processIo, type CliCommand, type CliIo } from "./io";

export type { CliIo, CliCommand, CommandRun } from "./io";

/** The command table. */
export const COMMANDS: CliCommand[] = [
  { name: "summary", summary: "per-customer summary (frequency, recency, T, monetary, …) as CSV", usage: summaryCommand.usage, run: summaryCommand.run },
  { name: "analyze", summary: "pyramid, RFM, life cycle, relationship level, loyalty per customer, and a report", usage: analyzeCommand.usage, run: analyzeCommand.run },
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "cva — customer value analysis (CVA) from the command line",
    "",
    "Usage: cva <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `cva <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** Runs the CLI with the arguments after `cva`; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`cva: unknown command ${JSON.stringify(name)}\n${help()}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}
