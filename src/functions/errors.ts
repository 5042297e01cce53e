/**
 * The one place where core errors become Excel errors (docs/architecture.md §6, §14).
 *
 * Excel shows a custom message only with #VALUE! and #N/A ("Handle and return errors from your
 * custom function"); a message given with #NUM!, #DIV/0! or #NULL! is dropped and the user sees
 * a bare code. Every core code is therefore mapped to one of the two, so the explanation always
 * reaches the user:
 *
 * | core code                                                                   | Excel   | meaning                               |
 * |-----------------------------------------------------------------------------|---------|---------------------------------------|
 * | INVALID_TYPE, INVALID_DATE, INVALID_NUMBER, INVALID_FORMAT, MISSING_COLUMN  | #VALUE! | a value of the wrong kind             |
 * | OUT_OF_RANGE, INCONSISTENT_DATA                                             | #VALUE! | an impossible number or combination   |
 * | MISSING, EMPTY_INPUT (and an error cell in an input)                        | #N/A    | nothing to compute from               |
 * | DEGENERATE_DATA, NOT_CONVERGED                                              | #N/A    | the data gives no answer              |
 *
 * The message travels with the error, in Office's display language, so Excel shows it when the
 * user selects the cell. Anything that is not a {@link CvaError} is a bug: it is rethrown, never
 * hidden. A result too large for Excel to take back becomes #N/A saying so (./limits.ts).
 */
import { guardFinite, isCvaError, localizedMessage, renameArguments, ErrorCodes, type ErrorCode } from "../core";
import { displayLang } from "./locale";
import { checkPayload } from "./limits";

/** The Excel errors CVA returns: the two whose message Excel shows. */
export type ExcelErrorKind = "#VALUE!" | "#N/A";

const kindOf: Record<ErrorCode, ExcelErrorKind> = {
  [ErrorCodes.InvalidType]: "#VALUE!",
  [ErrorCodes.InvalidDate]: "#VALUE!",
  [ErrorCodes.InvalidNumber]: "#VALUE!",
  [ErrorCodes.InvalidFormat]: "#VALUE!",
  [ErrorCodes.MissingColumn]: "#VALUE!",
  [ErrorCodes.OutOfRange]: "#VALUE!",
  [ErrorCodes.InconsistentData]: "#VALUE!",
  [ErrorCodes.Missing]: "#N/A",
  [ErrorCodes.EmptyInput]: "#N/A",
  [ErrorCodes.DegenerateData]: "#N/A",
  [ErrorCodes.NotConverged]: "#N/A",
};

/** The Excel error kind for a core error code. */
export function excelErrorKind(code: ErrorCode): ExcelErrorKind {
  return kindOf[code] ?? "#VALUE!";
}

/**
 * The core's names of settings that the functions name their own way: the tier shares are a
 * function's `cutoffs`, the CLV horizon CLV.BTYD's `months`, the margin share its `margin`.
 */
const FUNCTION_ARGUMENT: Readonly<Record<string, string>> = { shares: "cutoffs", horizonMonths: "months", margin_share: "margin", periodLength: "period_length", acquisitionCost: "acquisition_cost" };

/**
 * Turns a thrown core error into a CustomFunctions.Error whose message names the function's
 * arguments, in Office's display language; rethrows anything else.
 */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (!isCvaError(e)) throw e;
  const code = excelErrorKind(e.code) === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, localizedMessage(renameArguments(e, FUNCTION_ARGUMENT), displayLang()));
}

/**
 * Runs `body`; a core error becomes the matching Excel error, thrown to Excel with its message,
 * a non-finite number in the result becomes #VALUE! in its cell, and a result larger than Excel
 * takes back becomes #N/A saying so.
 */
export function excelCall<T>(body: () => T): T {
  try {
    // No NaN or Infinity reaches a cell: each becomes an error saying why (docs/inputs.md §9).
    return checkPayload(guardFinite(body(), toExcelError));
  } catch (e) {
    throw toExcelError(e);
  }
}
