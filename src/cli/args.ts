/**
 * A small argument parser: positionals and `--name value` / `--name=value` options, each option
 * declared (unknown options are usage errors), boolean flags without a value.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/**
 * @param valueOptions names (without --) that take a value
 * @param flagOptions names that take none (e.g. "help")
 * @throws UsageError for an unknown option or a missing value
 */
export function parseArgs(args: readonly string[], valueOptions: readonly string[], flagOptions: readonly string[] = ["help"]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-h") {
      out.flags.add("help");
      continue;
    }
    if (!a.startsWith("--") || a === "--") {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (flagOptions.includes(name)) {
      out.flags.add(name);
      continue;
    }
    if (!valueOptions.includes(name)) throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i];
    if (value === undefined || value === "") throw new UsageError(`option --${name} needs a value`);
    out.options.set(name, value);
  }
  return out;
}
