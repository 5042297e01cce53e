/** Keyed errors of the CSV readers, naming the file and, for a cell, the data row, its line and the column. */
import { CvaError, ErrorCodes, type ErrorKey, type ErrorParams } from "../../core";

/** A keyed error prefixed with the file name. */
export function fileError(name: string, code: (typeof ErrorCodes)[keyof typeof ErrorCodes], key: ErrorKey, params: ErrorParams = {}, where?: CvaError["where"]): CvaError {
  return CvaError.keyed(code, key, params, where).withContext(name);
}

/** An error about one cell: the file, the data row, its line and the column as the header names it. */
export function cellError(
  name: string,
  code: (typeof ErrorCodes)[keyof typeof ErrorCodes],
  key: ErrorKey,
  row: number,
  line: number,
  column: string,
  params: ErrorParams = {},
): CvaError {
  return fileError(name, code, key, { row, line, column: JSON.stringify(column), ...params }, { row, column });
}
