/**
 * The one place where core errors become Excel errors (docs/architecture.md §6).
 *
 * | core code                                   | Excel     |
 * |---------------------------------------------|-----------|
 * | INVALID_TYPE, INVALID_DATE, INVALID_NUMBER, INVALID_FORMAT, MISSING_COLUMN | #VALUE! |
 * | OUT_OF_RANGE, DEGENERATE_DATA, INCONSISTENT_DATA, NOT_CONVERGED            | #NUM!   |
 * | MISSING, EMPTY_INPUT                                                       | #N/A    |
 *
 * The message travels with the error, in Office's display language, so Excel shows it when the
 * user selects the cell.
 * Anything that is not a {@link CvaError} is a bug: it is rethrown, never hidden.
 */
import { isCvaError, localizedMessage, ErrorCodes, type ErrorCode } from "../core";
import { displayLang } from "./locale";

export type ExcelErrorKind = "#VALUE!" | "#NUM!" | "#N/A";

const kindOf: Record<ErrorCode, ExcelErrorKind> = {
  [ErrorCodes.InvalidType]: "#VALUE!",
  [ErrorCodes.InvalidDate]: "#VALUE!",
  [ErrorCodes.InvalidNumber]: "#VALUE!",
  [ErrorCodes.InvalidFormat]: "#VALUE!",
  [ErrorCodes.MissingColumn]: "#VALUE!",
  [ErrorCodes.OutOfRange]: "#NUM!",
  [ErrorCodes.DegenerateData]: "#NUM!",
  [ErrorCodes.InconsistentData]: "#NUM!",
  [ErrorCodes.NotConverged]: "#NUM!",
  [ErrorCodes.Missing]: "#N/A",
  [ErrorCodes.EmptyInput]: "#N/A",
};

/** The Excel error kind for a core error code. */
export function excelErrorKind(code: ErrorCode): ExcelErrorKind {
  return kindOf[code];
}

/** Turns a thrown core error into a CustomFunctions.Error; rethrows anything else. */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (!isCvaError(e)) throw e;
  const code = {
    "#VALUE!": CustomFunctions.ErrorCode.invalidValue,
    "#NUM!": CustomFunctions.ErrorCode.invalidNumber,
    "#N/A": CustomFunctions.ErrorCode.notAvailable,
  }[kindOf[e.code]];
  return new CustomFunctions.Error(code, localizedMessage(e, displayLang()));
}

/** Runs `body`; a core error becomes the matching Excel error, thrown to Excel with its message. */
export function excelCall<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw toExcelError(e);
  }
}
