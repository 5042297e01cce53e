/**
 * The cost, margin and quantity columns of `cva analyze --engine duckdb` (docs/engines.md §8):
 * found in the header as the memory engine finds them (src/cli/csv/header.ts columnsOf, with its
 * messages for an option naming no column or two options naming one), each cell read as the
 * memory reader reads it (src/cli/csv/transactions.ts: a plain decimal, spaces and tabs around it
 * ignored; a blank cell is no value; anything else names its row and column), and carried with
 * the rows DuckDB sorts, so that the core's summary loop adds each customer's margin and quantity
 * in its own order (src/core/summary/summarize.ts summarizeCustomerInto).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { CvaError, ErrorCodes, TRANSACTION_SYNONYMS, type TransactionColumn } from "../../core";
import { cellError } from "../csv/errors";
import { columnsOf } from "../csv/header";
import { ident, JS_WHITESPACE, sourceOf, sqlText } from "./duckdb-summary";

/** The optional number columns, in the order the memory reader reads a row's cells. */
export const NUMBER_ROLES = ["cost", "margin", "quantity"] as const;
export type NumberRole = (typeof NUMBER_ROLES)[number];
/** The header of each number column the file has. */
export type NumberColumns = Partial<Record<NumberRole, string>>;

/** The plain decimal the memory reader takes (src/cli/csv/values.ts bytesToNumber), as a regular expression of RE2 and of JavaScript. */
const PLAIN = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";
const PLAIN_JS = new RegExp(`^${PLAIN}$`);

/**
 * The file's cost, margin and quantity columns: the overrides checked and the header matched as
 * the memory engine does it (an override naming no column: csv.optionColumnMissing; one column
 * named by two options: option.sameColumn), before the required columns are looked for.
 * @throws CvaError MISSING_COLUMN; UsageError.
 */
export async function numberColumns(db: DuckDBConnection, file: string, overrides: Partial<Record<TransactionColumn, string>>, name: string): Promise<NumberColumns> {
  const reader = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${sourceOf(file)}`);
  const headers = reader.getRowObjects().map((r) => String(r.column_name));
  const given: Partial<Record<TransactionColumn, string>> = {};
  for (const [k, v] of Object.entries(overrides) as [TransactionColumn, string | undefined][]) if (v !== undefined) given[k] = v;
  const cols = columnsOf<TransactionColumn>(headers, name, TRANSACTION_SYNONYMS, [], given, undefined);
  const out: NumberColumns = {};
  for (const role of NUMBER_ROLES) {
    const i = cols[role];
    if (i !== undefined) out[role] = headers[i];
  }
  return out;
}

/** The alias of a number column's cell text in the rows' query. */
export const textOf = (role: NumberRole): string => `cva_${role}_text`;

/**
 * The rows' query (./duckdb-summary.ts checkRows or rowsSql, one SELECT from the file's reader)
 * with each number column's cell as text, `cva_<role>_text`, inserted before its FROM: one scan
 * of the file carries them with the id, day and amount.
 */
export function withNumberTexts(rows: string, cols: NumberColumns): string {
  const items = NUMBER_ROLES.filter((r) => cols[r] !== undefined).map((r) => `CAST(${ident(cols[r] as string)} AS VARCHAR) AS ${textOf(r)}`);
  if (items.length === 0) return rows;
  const at = rows.indexOf("FROM read_");
  if (at < 0) throw new Error("the rows' query reads no file: the cost, margin and quantity columns cannot be added to it");
  return `${rows.slice(0, at)}, ${items.join(", ")} ${rows.slice(at)}`;
}

/** A cell text the memory reader leaves blank (null, or only what JavaScript's trim removes). */
const blankSql = (t: string) => `(${t} IS NULL OR trim(${t}, ${sqlText(JS_WHITESPACE)}) = '')`;

/**
 * A cell text that is a finite plain decimal once spaces and tabs are trimmed. A text of digits and
 * dots alone (most cells) needs no regular expression: DuckDB's cast takes it exactly when it has a
 * digit and at most one dot, as the plain decimal does; any other goes through the expression
 * first, since the cast also takes `1_000`, `inf` and `nan`. The expression on every cell cost
 * about 1.8 s of CPU per million rows and two columns; this test a fraction of it.
 */
const goodSql = (t: string) => {
  const s = `trim(${t}, ${sqlText(" \t")})`;
  const finite = `coalesce(isfinite(TRY_CAST(${s} AS DOUBLE)), false)`;
  return `(CASE WHEN ltrim(${s}, '0123456789.') = '' THEN ${finite} ELSE regexp_full_match(${s}, ${sqlText(PLAIN)}) AND ${finite} END)`;
};

/** True for a row with a number cell the memory reader refuses (neither a finite plain decimal nor blank); false without number columns. */
export function badNumberSql(cols: NumberColumns): string {
  // A CASE, so that the blank test (a trim with JavaScript's long list of spaces, several times the
  // cost of the rest) runs on the few cells that are not numbers.
  const bad = NUMBER_ROLES.filter((r) => cols[r] !== undefined).map((r) => `(CASE WHEN ${goodSql(textOf(r))} THEN false ELSE NOT ${blankSql(textOf(r))} END)`);
  return bad.length === 0 ? "false" : `(${bad.join(" OR ")})`;
}

/**
 * A number column's value: the double of its (checked) cell, NULL for a blank one. Every cell was
 * checked (badNumberSql), so a text that is not blank is a plain decimal with at most spaces and
 * tabs around it, which DuckDB's cast rounds correctly, as JavaScript's Number does; a blank one,
 * only spaces of some kind, is no number to the cast either.
 */
export function numberValueSql(role: NumberRole): string {
  return `TRY_CAST(trim(${textOf(role)}, ${sqlText(" \t")}) AS DOUBLE)`;
}

/** The memory reader's value of a cell text: the number, NaN for a blank cell, undefined for a cell it refuses. */
function cellValue(text: unknown): number | undefined {
  const raw = text === null || text === undefined ? "" : String(text);
  const t = raw.replace(/^[ \t]+|[ \t]+$/g, "");
  const v = PLAIN_JS.test(t) ? Number(t) : NaN;
  if (v - v === 0) return v;
  return raw.trim() === "" ? NaN : undefined;
}

/**
 * The memory reader's error for the first bad number cell of row `r` (its file_row and the
 * cva_<role>_text columns), with the key and parameters of src/cli/csv/transactions.ts: not a
 * number (csv.badNumber) or past 1.8e308 (csv.tooLarge), naming the data row, its line and the
 * column; null when the row has none.
 */
export function numberCellError(r: Record<string, unknown>, cols: NumberColumns, name: string): CvaError | null {
  const row = Number(r.file_row);
  for (const role of NUMBER_ROLES) {
    const column = cols[role];
    if (column === undefined) continue;
    const text = r[textOf(role)];
    if (cellValue(text) !== undefined) continue;
    // The key from the text with spaces and tabs trimmed, as bytesToNumber reads it; the text shown trimmed as the reader shows it.
    const t = String(text).replace(/^[ \t]+|[ \t]+$/g, "");
    const key = Number.isNaN(PLAIN_JS.test(t) ? Number(t) : NaN) ? "csv.badNumber" : "csv.tooLarge";
    return cellError(name, ErrorCodes.InvalidNumber, key, row, row + 1, column, { got: JSON.stringify(String(text).trim()) });
  }
  return null;
}

/** Whether `e` names a data row (a cell error of the CSV readers), and which. */
export function errorRow(e: unknown): number | undefined {
  return e instanceof CvaError && typeof e.where?.row === "number" ? e.where.row : undefined;
}
