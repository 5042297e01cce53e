/**
 * The size of what a custom function sends back to Excel (docs/architecture.md §14).
 *
 * Excel limits the data passed to and from a custom function to about 5 MB: "Excel on the web
 * has a payload size limit for requests and responses of 5MB" ("Resource limits and performance
 * optimization for Office Add-ins"), and the custom functions team states the same 5 MB for
 * custom-function payloads on the office-js tracker. Above it Excel on the web never shows the
 * spill: the cell stays #BUSY! (office-js tracker, "Large matrix dataset infinitely stuck at
 * #BUSY in Excel for the Web"). A result over the limit is therefore an
 * #N/A that says so, measured here as the JSON text of the result in UTF-8 bytes (a Chinese
 * label counts 3 bytes a character).
 */
import { CvaError, ErrorCodes } from "../core";

/** About 5 MB, counted as 5,000,000 bytes so the estimate errs on the safe side. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

// Stryker disable next-line StringLiteral: only seeds the one-entry cache with "" and its 2 bytes; another seed text would answer 2 only if it were the very first text counted
let lastText = "";
let lastTextBytes = 2;

function textBytes(s: string): number {
  if (s === lastText) return lastTextBytes;
  let n = 2; // quotes
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // JSON escapes " and \ as two characters, \b \t \n \f \r too, any other control character as \u00XX
    if (c < 0x20) n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) n += c === 0x22 || c === 0x5c ? 2 : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // a surrogate pair: one 4-byte character
      n += 4;
      i++;
    } else if (c >= 0xd800 && c < 0xe000) n += 6; // a lone surrogate, written \uXXXX
    else n += 3;
  }
  lastText = s;
  lastTextBytes = n;
  return n;
}

function cellBytes(v: unknown): number {
  if (typeof v === "number") return String(v).length;
  if (typeof v === "string") return textBytes(v);
  if (typeof v === "boolean") return v ? 4 : 5;
  if (v === null || v === undefined) return 4;
  if (v instanceof Error) return 40 + textBytes(v.message);
  return textBytes(JSON.stringify(v) ?? "");
}

/** The UTF-8 size of a result's JSON text, in bytes. O(cells). */
export function payloadBytes(result: unknown): number {
  if (!Array.isArray(result)) return cellBytes(result);
  let bytes = 2;
  for (const row of result as unknown[]) {
    if (!Array.isArray(row)) {
      bytes += cellBytes(row) + 1;
      continue;
    }
    bytes += 3;
    for (const v of row) bytes += cellBytes(v) + 1;
  }
  return bytes;
}

/**
 * Returns `result` when Excel can take it back; throws #N/A (MISSING) naming its size and what to
 * do when it is over {@link PAYLOAD_LIMIT_BYTES}. Every result is counted: no bound on the cell
 * count alone holds, since a text or an error cell has no upper size (160,000 cells of 100
 * characters are 16.8 MB).
 */
export function checkPayload<T>(result: T): T {
  // Stryker disable next-line ConditionalExpression: a shortcut: an empty result counts 2 bytes, under the limit, and is returned below as well
  if (!Array.isArray(result) || result.length === 0) return result;
  const rows = result.length;
  const first = result[0];
  const cols = Array.isArray(first) ? first.length : 1;
  const bytes = payloadBytes(result);
  if (bytes <= PAYLOAD_LIMIT_BYTES) return result;
  const mb = Math.round(bytes / 100_000) / 10;
  throw CvaError.keyed(ErrorCodes.Missing, "fn.resultTooLarge", { rows, cols, mb });
}

/**
 * The time limit of a fit run from a cell (=CVA.FIT.*): 3 s. A custom function in the shared
 * runtime blocks Excel while it runs, and "Resource limits and performance optimization for Office
 * Add-ins" sets Office's run-time limits in 5-second intervals: an add-in that stays unresponsive
 * for about 5 seconds is treated as blocking Office and restarted. 3 s leaves room for reading the
 * ranges and writing the result. A fit that stops at it is #N/A with the fit's own reason
 * (docs/models/fitting.md §15); the CLI and the task pane keep the 60 s default.
 */
export const FUNCTION_FIT_TIME_LIMIT_MS = 3000;
