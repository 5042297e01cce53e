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

/** The single error type thrown by the core. `message` names the bad input. */
export class CvaError extends Error {
  readonly code: ErrorCode;
  /** Optional location: argument name, or 1-based row and column name in a table. */
  readonly where?: { argument?: string; row?: number; column?: string };

  constructor(code: ErrorCode, message: string, where?: CvaError["where"]) {
    super(message);
    this.name = "CvaError";
    this.code = code;
    this.where = where;
  }
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
