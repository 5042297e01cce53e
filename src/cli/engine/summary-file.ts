/**
 * A per-customer summary file as the input of `cva fit` and `cva predict` (docs/engines.md §4):
 * columns frequency (x), recency (t_x) and T, optionally monetary (lifetimes' monetary_value, the
 * zbar of Fader, Hardie & Lee 2005), a weight (customers with that history, for grouped histories)
 * and a customer id — as `cva summary` writes, as lifetimes' summary_data_from_transaction_data
 * writes, or as data/cdnow/cdnow_customers_summary_with_transactions.csv. A file is a summary
 * when its header names frequency, recency and T; anything else is read as a transaction log.
 */
import * as fs from "fs";
import * as path from "path";
import { ErrorCodes, normaliseHeader } from "../../core";
import { UsageError } from "../args";
import { decodeCsvBytes } from "../encoding";
import { cellError, fileError } from "../csv/errors";
import { readCsvFile, type CsvReadOptions } from "../csv/file";
import { columnsOf, headerOf } from "../csv/header";
import { forEachRecord, LF } from "../csv/records";
import { bytesToNumber } from "../csv/values";

/** The columns of a summary file and the headers each is found by (after normaliseHeader). */
export const SUMMARY_FILE_HEADERS = {
  id: ["customer_id", "customer", "id", "cust_id", "客户编号"],
  frequency: ["frequency", "x"],
  recency: ["recency", "t_x"],
  T: ["T"],
  monetary: ["monetary_value", "monetary", "zbar", "m_x"],
  weight: ["weight", "weights", "count", "customers"],
} as const;
type SummaryRole = keyof typeof SUMMARY_FILE_HEADERS;

/** A summary file read by column; row k of every array is the file's data row k + 1. */
export interface SummaryFile {
  /** The file's ids, or the row numbers when it has no id column. */
  ids: string[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** 0 for every row when the file has no monetary column. */
  monetary: Float64Array;
  hasMonetary: boolean;
  /** Customers per row, or null when the file has no weight column (one each). */
  weights: Float64Array | null;
}

/** True when headers name frequency (or x), recency (or t_x) and T. */
export function isSummaryHeader(headers: readonly string[]): boolean {
  const norm = new Set(headers.map(normaliseHeader));
  const has = (role: SummaryRole) => SUMMARY_FILE_HEADERS[role].some((h) => norm.has(normaliseHeader(h)));
  return has("frequency") && has("recency") && has("T");
}

/**
 * The decoded start of a file, cut after a line end, enough for its header. A UTF-16 file is cut
 * at an even length, after the LF's second byte.
 */
function headPrefix(file: string, encoding: string | undefined): Buffer {
  const fd = fs.openSync(file, "r");
  let raw: Buffer;
  try {
    const chunk = Buffer.alloc(65536);
    raw = chunk.subarray(0, fs.readSync(fd, chunk, 0, chunk.length, 0));
  } finally {
    fs.closeSync(fd);
  }
  const wide = (raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff) || /^utf-16/i.test(encoding ?? "");
  let cut = raw.lastIndexOf(LF);
  if (cut >= 0) {
    cut += 1;
    if (wide && cut % 2 === 1) cut += 1;
    raw = raw.subarray(0, Math.min(cut, raw.length));
  }
  return decodeCsvBytes(raw, encoding).buf;
}

/**
 * Whether a file is a summary file, from its header. Files that cannot be opened or that are not
 * CSV say so in the reader that follows, with its own message: this returns false for them.
 */
export function looksLikeSummaryFile(file: string, options: CsvReadOptions = {}): boolean {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile() || fs.statSync(file).size === 0) return false;
  const buf = headPrefix(file, options.encoding);
  if (/^\s*$/.test(buf.toString("latin1"))) return false;
  const head = headerOf(buf, path.basename(file));
  return isSummaryHeader(head.headers);
}

/**
 * Reads a summary file; see the module comment. Values must be finite numbers; their
 * consistency (whole x ≥ 0, 0 ≤ t_x ≤ T, weights ≥ 0) is checked by the fit, which names the row.
 * @throws CvaError MISSING_COLUMN, INVALID_NUMBER, EMPTY_INPUT naming the file, row and column.
 */
export function readSummaryFile(file: string, options: CsvReadOptions = {}): SummaryFile {
  const { buf, name } = readCsvFile(file, options);
  const { headers, delimiter } = headerOf(buf, name);
  const cols = columnsOf<SummaryRole>(headers, name, SUMMARY_FILE_HEADERS, [], {}, options.warn);
  for (const role of ["frequency", "recency", "T"] as const) {
    if (cols[role] === undefined) throw fileError(name, ErrorCodes.MissingColumn, "csv.summaryColumn", { column: role, columns: headers.join(", ") }, { column: role });
  }
  const ids: string[] = [];
  const num: Record<"frequency" | "recency" | "T" | "monetary" | "weight", number[]> = { frequency: [], recency: [], T: [], monetary: [], weight: [] };
  let header = true;
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = ids.length + 1;
    for (const role of ["frequency", "recency", "T", "monetary", "weight"] as const) {
      const col = cols[role];
      if (col === undefined) continue;
      const v = col < rec.count ? bytesToNumber(buf, rec.start[col], rec.end[col]) : NaN;
      if (v - v !== 0) throw cellError(name, ErrorCodes.InvalidNumber, "csv.badNumber", row, rec.line, headers[col], { got: JSON.stringify(col < rec.count ? rec.text(col) : "") });
      num[role].push(v);
    }
    ids.push(cols.id !== undefined && cols.id < rec.count ? rec.text(cols.id) : String(row));
  });
  if (ids.length === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  const hasMonetary = cols.monetary !== undefined;
  return {
    ids,
    frequency: Float64Array.from(num.frequency),
    recency: Float64Array.from(num.recency),
    T: Float64Array.from(num.T),
    monetary: hasMonetary ? Float64Array.from(num.monetary) : new Float64Array(ids.length),
    hasMonetary,
    weights: cols.weight !== undefined ? Float64Array.from(num.weight) : null,
  };
}

/** A summary file's rows as the data of a fit (with weights when it has them). */
export function fitData(s: SummaryFile): { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array; weights?: Float64Array } {
  return { frequency: s.frequency, recency: s.recency, T: s.T, monetary: s.monetary, ...(s.weights ? { weights: s.weights } : {}) };
}

/** Refuses an option a summary file makes meaningless (it has no dates and no columns to choose). */
export function refuseWithSummary(options: ReadonlyMap<string, string>, names: readonly string[], file: string): void {
  for (const n of names) {
    if (options.has(n)) throw UsageError.keyed("cli.optionNotForSummary", { option: `--${n}`, file: path.basename(file) });
  }
}
