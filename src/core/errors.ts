/**
 * One list of typed error codes for the whole value model.
 *
 * The core never talks to Excel: it throws a {@link CvaError} carrying one of these
 * codes and a message that names the bad input ("retention must be at least 0 and
 * below 1; got 1.2"). Only `src/functions/errors.ts` maps codes to `#VALUE!`,
 * `#NUM!` or `#N/A`, and only the task pane and the CLI turn them into UI text.
 *
 * Add a code here (never a string literal elsewhere) when a new kind of failure
 * appears, and give it a row in the mapping of `src/functions/errors.ts`.
 */
import { errorText, type ErrorKey, type ErrorParams } from "./i18n/errors";
import type { Lang } from "./i18n/messages";

export const ErrorCodes = {
  /** An argument has the wrong type: text where a number is expected, a blank. (#VALUE!) */
  InvalidType: "INVALID_TYPE",
  /** A number outside its domain: a retention of 1.2, a discount of −1. (#NUM!) */
  OutOfRange: "OUT_OF_RANGE",
  /** A required value or population is missing or empty. (#N/A) */
  Missing: "MISSING",
  /** A required input column is not present (CLI, task pane). */
  MissingColumn: "MISSING_COLUMN",
  /** A date that cannot be parsed (names the row and column). */
  InvalidDate: "INVALID_DATE",
  /** An amount or number that cannot be parsed (names the row and column). */
  InvalidNumber: "INVALID_NUMBER",
  /** The input holds no data rows. */
  EmptyInput: "EMPTY_INPUT",
  /** The input is not in the expected format (not CSV, ragged rows, binary). */
  InvalidFormat: "INVALID_FORMAT",
  /** Data on which a model cannot be fitted: nobody repeats, a single customer... */
  DegenerateData: "DEGENERATE_DATA",
  /** Inconsistent summary data, e.g. recency greater than T. */
  InconsistentData: "INCONSISTENT_DATA",
  /** The optimiser did not converge. */
  NotConverged: "NOT_CONVERGED",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * The single error type thrown by the core. `message` names the bad input, in English; an error
 * made with {@link CvaError.keyed} also carries the key and parameters of its message in
 * `i18n/errors.ts`, so the edge can show it in the user's language ({@link localizedMessage}).
 */
export class CvaError extends Error {
  readonly code: ErrorCode;
  /** Optional location: argument name, or 1-based row and column name in a table. */
  readonly where?: { argument?: string; row?: number; column?: string };
  /** The message's key in `i18n/errors.ts`, when it has one. */
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
  /** Language-neutral prefixes added on the way out (a file name, a cell address), outermost first. */
  readonly context: readonly string[];

  constructor(code: ErrorCode, message: string, where?: CvaError["where"], keyed?: { key?: ErrorKey; params?: ErrorParams; context?: readonly string[] }) {
    super(message);
    this.name = "CvaError";
    this.code = code;
    this.where = where;
    this.key = keyed?.key;
    this.params = keyed?.params;
    this.context = keyed?.context ?? [];
  }

  /**
   * An error whose message is `key` of `i18n/errors.ts` with `params`, in English here and in the
   * user's language where it is shown.
   * @example throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 }, { argument: "retention" });
   */
  static keyed(code: ErrorCode, key: ErrorKey, params: ErrorParams = {}, where?: CvaError["where"]): CvaError {
    return new CvaError(code, errorText("en-US", key, params), where, { key, params });
  }

  /**
   * The same error again from its parts, after they crossed a boundary that carries data but not
   * classes (a Web Worker's structured clone): code, English message, place, key, parameters and
   * context as the original had them.
   */
  static revive(parts: { code: ErrorCode; message: string; where?: CvaError["where"]; key?: ErrorKey; params?: ErrorParams; context?: readonly string[] }): CvaError {
    return new CvaError(parts.code, parts.message, parts.where, { key: parts.key, params: parts.params, context: parts.context });
  }

  /** The same error with a language-neutral prefix, e.g. the file name: "sales.csv: …". */
  withContext(prefix: string): CvaError {
    const context = [prefix, ...this.context];
    return new CvaError(this.code, `${prefix}: ${this.message}`, this.where, { key: this.key, params: this.params, context });
  }
}

/**
 * The same error in the words of the surface that shows it: each argument named in `names` (the
 * core's `horizonMonths`, `shares`) is renamed to the surface's (a function's `months`, `cutoffs`;
 * a CLI option) in the message's argument parameters (`arg`, `…Arg`) and in `where`. Anything else
 * is returned as it is.
 * @example renameArguments(e, { shares: "cutoffs" }) // "cutoffs must add up to 1 (100%); …"
 */
export function renameArguments(e: unknown, names: Readonly<Record<string, string>>): unknown {
  if (!isCvaError(e) || !e.key) return e;
  const rename = (v: unknown): string | undefined => (typeof v === "string" && Object.prototype.hasOwnProperty.call(names, v) ? names[v] : undefined);
  const params: Record<string, ErrorParams[string]> = { ...e.params };
  let changed = false;
  for (const [k, v] of Object.entries(params)) {
    const to = (k === "arg" || k.endsWith("Arg")) && rename(v);
    if (to) {
      params[k] = to;
      changed = true;
    }
  }
  const argument = rename(e.where?.argument);
  if (!changed && argument === undefined) return e;
  const where = argument === undefined ? e.where : { ...e.where, argument };
  const text = errorText("en-US", e.key, params);
  return new CvaError(e.code, [...e.context, text].join(": "), where, { key: e.key, params, context: e.context });
}

/**
 * The same error with its row numbers (`params.row` and `where.row`) translated by `rowOf`, for an
 * edge whose rows are not the core's: the task pane gives analyze its profiles without the blank
 * rows of the sheet, so the core's "row 13" is the sheet's row 15. Other errors pass unchanged.
 */
export function remapRows(e: unknown, rowOf: (row: number) => number | undefined): unknown {
  if (!isCvaError(e) || !e.key) return e;
  const from = typeof e.params?.row === "number" ? e.params.row : e.where?.row;
  const to = from === undefined ? undefined : rowOf(from);
  if (to === undefined) return e;
  const params = typeof e.params?.row === "number" ? { ...e.params, row: to } : e.params;
  const where = e.where?.row === undefined ? e.where : { ...e.where, row: to };
  const text = errorText("en-US", e.key, params);
  return new CvaError(e.code, [...e.context, text].join(": "), where, { key: e.key, params, context: e.context });
}

/**
 * The message of any error in `lang`: a keyed {@link CvaError} in that language with its prefixes;
 * any other error's own message (English).
 */
export function localizedMessage(e: unknown, lang: Lang): string {
  if (isCvaError(e) && e.key) {
    const text = errorText(lang, e.key, e.params);
    return e.context.length ? `${e.context.join(": ")}: ${text}` : text;
  }
  return e instanceof Error ? e.message : String(e);
}

/** True when `e` is a {@link CvaError}; works across bundles where `instanceof` may not. */
export function isCvaError(e: unknown): e is CvaError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "CvaError" &&
    typeof (e as { code?: unknown }).code === "string"
  );
}
