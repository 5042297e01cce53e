/**
 * A small argument parser: positionals and `--name value` / `--name=value` options, each option
 * declared (unknown options are usage errors), boolean flags without a value. `--lang` is global:
 * every command accepts it (main.ts reads it, see lang.ts).
 */
import { errorText, type ErrorKey, type ErrorParams } from "../core";

/**
 * A mistake in the command line itself (exit code 2). Made with {@link UsageError.keyed}, it
 * carries a key of src/core/i18n/errors.ts, so reportError shows it in the user's language.
 */
export class UsageError extends Error {
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
  constructor(message: string, keyed?: { key: ErrorKey; params: ErrorParams }) {
    super(message);
    this.name = "UsageError";
    this.key = keyed?.key;
    this.params = keyed?.params;
  }

  /** A usage error whose message is `key` with `params` (English here, the user's language where shown). */
  static keyed(key: ErrorKey, params: ErrorParams = {}): UsageError {
    return new UsageError(errorText("en-US", key, params), { key, params });
  }
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS = ["lang"] as const;

/**
 * @param valueOptions names (without --) that take a value
 * @param flagOptions names that take none (e.g. "help")
 * @throws UsageError for an unknown option or a missing value
 */
export function parseArgs(args: readonly string[], valueOptions: readonly string[], flagOptions: readonly string[] = ["help"]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  const values = [...valueOptions, ...GLOBAL_OPTIONS];
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
    if (!values.includes(name)) throw UsageError.keyed("cli.unknownOption", { option: `--${name}` });
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i];
    if (value === undefined || value === "") throw UsageError.keyed("cli.optionNeedsValue", { option: `--${name}` });
    out.options.set(name, value);
  }
  return out;
}
