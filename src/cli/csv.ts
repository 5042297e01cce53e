/**
 * Fast CSV reading for the CLI (Node only): the file is read into one Buffer and scanned byte by
 * byte; field boundaries go into reused typed arrays, so no per-row arrays or strings are made
 * except the customer id. Quoted fields ("a,b", doubled "" quotes, line breaks inside quotes),
 * CRLF, and comma, semicolon or tab delimiters (detected from the header) are supported. Files in
 * UTF-8 (with or without a byte-order mark), UTF-16, GB18030/GBK and Windows-1252 are decoded
 * first (encoding.ts); the rules are docs/inputs.md §7:
 *
 * - a row whose fields are all empty or blank (Excel's trailing ",,") is skipped;
 * - ids are trimmed, quoted or not, so " C1" and C1 are one customer (docs/inputs.md §3);
 * - a header that appears twice is an error when a role would use it, else a warning;
 * - two options naming one column (--id amount --amount amount) are a usage error.
 *
 * Errors are keyed (src/core/i18n/errors.ts) and name the file, the data row (1-based, header and
 * blank rows excluded), the line and the column as the file names it:
 *   tx.csv: row 3 (line 4), column "date": cannot read "1997-13-01" as a date (…)
 */
import * as fs from "fs";
import * as path from "path";
import {
  CvaError,
  ErrorCodes,
  matchColumns,
  normaliseHeader,
  parseDay,
  readDay,
  dayFromYmd,
  PROFILE_SYNONYMS,
  TRANSACTION_SYNONYMS,
  type CustomerProfile,
  type ErrorKey,
  type ErrorParams,
  type LocalText,
  type ProfileColumn,
  type TransactionColumn,
  type TransactionTable,
} from "../core";
import { UsageError } from "./args";
import { decodeCsvBytes, encodingName } from "./encoding";

const QUOTE = 34;
const CR = 13;
const LF = 10;
const MAX_FIELDS = 4096;

/** Options of the readers. */
export interface CsvReadOptions {
  /** WHATWG name of the file's encoding (encoding.ts normaliseEncoding); undefined: detect. */
  encoding?: string;
  /** Receives warnings and notes (keyed CvaErrors prefixed with the file name); default: none. */
  warn?: (w: CvaError) => void;
}

/** A keyed error prefixed with the file name. */
function fileError(name: string, code: (typeof ErrorCodes)[keyof typeof ErrorCodes], key: ErrorKey, params: ErrorParams = {}, where?: CvaError["where"]): CvaError {
  return CvaError.keyed(code, key, params, where).withContext(name);
}

/**
 * Reads and decodes a file, with messages that name it. A detected encoding other than UTF-8 or
 * a byte-order mark is told through `options.warn` as a note.
 * @throws CvaError MISSING / EMPTY_INPUT / INVALID_FORMAT.
 */
export function readCsvFile(file: string, options: CsvReadOptions = {}): { buf: Buffer; name: string } {
  const name = path.basename(file);
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") throw CvaError.keyed(ErrorCodes.Missing, "file.notFound", { file });
    if (code === "EISDIR") throw CvaError.keyed(ErrorCodes.Missing, "file.isFolder", { file });
    throw CvaError.keyed(ErrorCodes.Missing, "file.unreadable", { file, reason: code ?? (e as Error).message });
  }
  // An Excel workbook (.xlsx is a zip; .xls an OLE compound file) is not a CSV.
  if ((raw.length >= 4 && raw.readUInt32BE(0) === 0x504b0304) || (raw.length >= 8 && raw.readUInt32BE(0) === 0xd0cf11e0 && raw.readUInt32BE(4) === 0xa1b11ae1)) {
    throw fileError(name, ErrorCodes.InvalidFormat, "file.workbook");
  }
  let decoded;
  try {
    decoded = decodeCsvBytes(raw, options.encoding);
  } catch (e) {
    throw e instanceof CvaError ? e.withContext(name) : e;
  }
  const buf = decoded.buf;
  if (decoded.guessed) options.warn?.(CvaError.keyed(ErrorCodes.InvalidFormat, "file.decodedAs", { file: name, encoding: encodingName(decoded.encoding) }));
  let blank = true;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c !== 32 && c !== 9 && c !== CR && c !== LF) {
      blank = false;
      break;
    }
  }
  if (blank) throw fileError(name, ErrorCodes.EmptyInput, "file.empty");
  const probe = Math.min(buf.length, 65536);
  for (let i = 0; i < probe; i++) {
    if (buf[i] === 0) throw fileError(name, ErrorCodes.InvalidFormat, "file.binary");
  }
  return { buf, name };
}

/** Field boundaries of the current record. */
export class CsvRecord {
  readonly start = new Int32Array(MAX_FIELDS);
  readonly end = new Int32Array(MAX_FIELDS);
  readonly quoted = new Uint8Array(MAX_FIELDS);
  count = 0;
  /** 1-based line where the record starts. */
  line = 0;
  constructor(readonly buf: Buffer) {}

  /** The text of field i, unquoted and trimmed (quoted or not: docs/inputs.md §3). */
  text(i: number): string {
    if (i >= this.count) return "";
    const s = this.buf.toString("utf8", this.start[i], this.end[i]);
    return (this.quoted[i] ? s.replace(/""/g, '"') : s).trim();
  }
}

/** Detects the delimiter from the first line: the most frequent of , ; and tab outside quotes. */
function detectDelimiter(buf: Buffer): number {
  const counts = new Map<number, number>([
    [44, 0],
    [59, 0],
    [9, 0],
  ]);
  let inQuotes = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) break;
    else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  let best = 44;
  let n = 0;
  for (const [c, k] of counts) {
    if (k > n) {
      best = c;
      n = k;
    }
  }
  return n === 0 ? -1 : best;
}

/**
 * Calls `onRecord` for every non-blank record (the header first). Returns the number of records.
 * @throws CvaError INVALID_FORMAT for an unclosed quote or too many fields.
 */
export function forEachRecord(buf: Buffer, name: string, delimiter: number, onRecord: (rec: CsvRecord) => void): number {
  const rec = new CsvRecord(buf);
  const n = buf.length;
  let pos = 0;
  let line = 1;
  let records = 0;
  /** True when bytes [s, e) hold something other than spaces and tabs. */
  const filled = (s: number, e: number): boolean => {
    for (let i = s; i < e; i++) if (buf[i] !== 32 && buf[i] !== 9) return true;
    return false;
  };
  while (pos < n) {
    rec.count = 0;
    rec.line = line;
    // A record is blank when every field is empty or spaces, quoted or not (Excel's ",,").
    let blank = true;
    // One record.
    for (;;) {
      if (rec.count >= MAX_FIELDS) throw fileError(name, ErrorCodes.InvalidFormat, "csv.tooManyFields", { line: rec.line, max: MAX_FIELDS });
      const f = rec.count++;
      if (pos < n && buf[pos] === QUOTE) {
        const s = ++pos;
        for (;;) {
          if (pos >= n) throw fileError(name, ErrorCodes.InvalidFormat, "csv.unclosedQuote", { line: rec.line });
          const c = buf[pos];
          if (c === QUOTE) {
            if (pos + 1 < n && buf[pos + 1] === QUOTE) {
              pos += 2;
              continue;
            }
            break;
          }
          if (c === LF) line++;
          pos++;
        }
        rec.start[f] = s;
        rec.end[f] = pos;
        rec.quoted[f] = 1;
        if (blank && filled(s, pos)) blank = false;
        pos++; // closing quote
        while (pos < n && buf[pos] !== delimiter && buf[pos] !== LF && buf[pos] !== CR) pos++; // ignore stray bytes
      } else {
        const s = pos;
        while (pos < n) {
          const c = buf[pos];
          if (c === delimiter || c === LF || c === CR) break;
          pos++;
        }
        rec.start[f] = s;
        rec.end[f] = pos;
        rec.quoted[f] = 0;
        if (blank && filled(s, pos)) blank = false;
      }
      if (pos < n && buf[pos] === delimiter) {
        pos++;
        continue;
      }
      // End of record.
      if (pos < n && buf[pos] === CR) pos++;
      if (pos < n && buf[pos] === LF) pos++;
      line++;
      break;
    }
    if (!blank) {
      records++;
      onRecord(rec);
    }
  }
  return records;
}

function headerOf(buf: Buffer, name: string): { headers: string[]; delimiter: number } {
  const delimiter = detectDelimiter(buf);
  let headers: string[] = [];
  let firstLineFields = 0;
  if (delimiter >= 0) {
    // Parse only the header: stop after the first record.
    try {
      forEachRecord(buf, name, delimiter, (r) => {
        headers = Array.from({ length: r.count }, (_, i) => r.text(i));
        firstLineFields = r.count;
        throw HEADER_DONE;
      });
    } catch (e) {
      if (e !== HEADER_DONE) throw e;
    }
  }
  if (delimiter < 0 || firstLineFields < 2) {
    throw fileError(name, ErrorCodes.InvalidFormat, "file.notCsv");
  }
  return { headers, delimiter };
}
const HEADER_DONE = new Error("header done");

/** An error about one cell: the file, the data row, its line and the column as the header names it. */
function cellError(
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

/** The option of each role on the command line. */
const ROLE_OPTION: Readonly<Record<string, string>> = { id: "--id", date: "--date", amount: "--amount", cost: "--cost", margin: "--margin", quantity: "--quantity" };
/** A required role as the messages name it. */
const ROLE_NAME: Readonly<Record<string, LocalText>> = {
  id: { "en-US": "customer id", "zh-CN": "客户编号" },
  date: { "en-US": "date", "zh-CN": "日期" },
  amount: { "en-US": "amount", "zh-CN": "金额" },
};

/**
 * The column of each role, with the checks of the module comment: every override names a header,
 * no two overrides name one column, the required roles are found, and no header a role uses
 * appears twice (an unused duplicate is a warning).
 * @throws UsageError for one column named by two options; CvaError MISSING_COLUMN / INVALID_FORMAT.
 */
function columnsOf<K extends string>(
  headers: readonly string[],
  name: string,
  synonyms: Readonly<Record<K, readonly string[]>>,
  required: readonly K[],
  overrides: Partial<Record<K, string>>,
  warn: CsvReadOptions["warn"],
): Partial<Record<K, number>> {
  const norm = headers.map(normaliseHeader);
  const list = headers.join(", ");
  const chosen: [K, number][] = [];
  for (const role of Object.keys(overrides) as K[]) {
    const wanted = overrides[role];
    if (wanted === undefined) continue;
    const idx = norm.indexOf(normaliseHeader(wanted));
    const option = ROLE_OPTION[role] ?? role;
    if (idx < 0) throw fileError(name, ErrorCodes.MissingColumn, "csv.optionColumnMissing", { option, column: JSON.stringify(wanted), columns: list }, { column: wanted });
    const other = chosen.find(([, i]) => i === idx);
    if (other) throw UsageError.keyed("option.sameColumn", { first: ROLE_OPTION[other[0]] ?? other[0], second: option, column: JSON.stringify(headers[idx]) });
    chosen.push([role, idx]);
  }
  const cols = matchColumns<K>(headers, synonyms, [], overrides);
  for (const role of required) {
    if (cols[role] === undefined) {
      throw fileError(name, ErrorCodes.MissingColumn, "csv.missingColumn", {
        role: ROLE_NAME[role] ?? { "en-US": role, "zh-CN": role },
        examples: synonyms[role].slice(0, 4).map((h) => JSON.stringify(h)).join(", "),
        option: ROLE_OPTION[role] ?? "",
        columns: list,
      }, { column: role });
    }
  }
  const used = new Set(Object.values(cols) as number[]);
  const seen = new Map<string, number[]>();
  norm.forEach((h, i) => {
    if (h === "") return;
    const at = seen.get(h);
    if (at) at.push(i);
    else seen.set(h, [i]);
  });
  for (const at of seen.values()) {
    if (at.length < 2) continue;
    const params = { column: JSON.stringify(headers[at[0]]), columns: at.map((i) => i + 1).join(", ") };
    if (at.some((i) => used.has(i))) throw fileError(name, ErrorCodes.InvalidFormat, "csv.duplicateHeader", params, { column: headers[at[0]] });
    warn?.(fileError(name, ErrorCodes.InvalidFormat, "csv.duplicateHeaderUnused", params, { column: headers[at[0]] }));
  }
  return cols;
}

/** Parses a plain decimal from bytes exactly as Number() would; NaN when it is not one. */
function bytesToNumber(buf: Buffer, s: number, e: number): number {
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  if (s >= e) return NaN;
  let i = s;
  let neg = false;
  if (buf[i] === 45 || buf[i] === 43) {
    neg = buf[i] === 45;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < e; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (seenDot) scale++;
    } else if (c === 46 && !seenDot) {
      seenDot = true;
    } else {
      break;
    }
  }
  // Exact fast path: an integer mantissa below 2^53 divided by an exact power of ten is
  // correctly rounded, as Number() is.
  if (i === e && digits > 0 && digits <= 15 && scale <= 22) {
    const v = scale === 0 ? mant : mant / POW10[scale];
    return neg ? -v : v;
  }
  const text = buf.toString("utf8", s, e);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

function bytesToDay(buf: Buffer, s: number, e: number, rec: CsvRecord, f: number): number {
  // Fast path: exactly YYYY-MM-DD.
  if (e - s === 10 && buf[s + 4] === 45 && buf[s + 7] === 45) {
    const y0 = buf[s] - 48, y1 = buf[s + 1] - 48, y2 = buf[s + 2] - 48, y3 = buf[s + 3] - 48;
    const m0 = buf[s + 5] - 48, m1 = buf[s + 6] - 48, d0 = buf[s + 8] - 48, d1 = buf[s + 9] - 48;
    if (((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) & ~15) === 0 && Math.max(y0, y1, y2, y3, m0, m1, d0, d1) <= 9) {
      return dayFromYmd(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
    }
  }
  return parseDay(rec.text(f));
}

export interface TransactionColumnsOverride {
  id?: string;
  date?: string;
  amount?: string;
  cost?: string;
  margin?: string;
  quantity?: string;
}

/**
 * Reads a transactions CSV into a {@link TransactionTable}. O(bytes).
 * @throws CvaError MISSING_COLUMN, INVALID_DATE, INVALID_NUMBER, INVALID_FORMAT, EMPTY_INPUT with
 *   messages naming the file, row, line and column; UsageError for one column named by two options.
 */
export function readTransactionsCsv(file: string, overrides: TransactionColumnsOverride = {}, options: CsvReadOptions = {}): TransactionTable {
  const { buf, name } = readCsvFile(file, options);
  const { headers, delimiter } = headerOf(buf, name);
  const given: Partial<Record<TransactionColumn, string>> = {};
  for (const [k, v] of Object.entries(overrides) as [TransactionColumn, string | undefined][]) if (v !== undefined) given[k] = v;
  const cols = columnsOf<TransactionColumn>(headers, name, TRANSACTION_SYNONYMS, ["id", "date", "amount"], given, options.warn);
  const idCol = cols.id as number;
  const dateCol = cols.date as number;
  const amountCol = cols.amount as number;
  const costCol = cols.cost;
  const marginCol = cols.margin;
  const qtyCol = cols.quantity;
  const need = Math.max(idCol, dateCol, amountCol) + 1;

  // Capacity grows by doubling; a row needs ~16 bytes in the file at least.
  let cap = Math.max(1024, Math.floor(buf.length / 16));
  let customer = new Int32Array(cap);
  let day = new Int32Array(cap);
  let amount = new Float64Array(cap);
  let cost = costCol !== undefined ? new Float64Array(cap) : undefined;
  let margin = marginCol !== undefined ? new Float64Array(cap) : undefined;
  let quantity = qtyCol !== undefined ? new Float64Array(cap) : undefined;
  const index = new Map<string, number>();
  const ids: string[] = [];
  let rows = 0;
  let header = true;
  const optional = (rec: CsvRecord, col: number, row: number): number => {
    if (col >= rec.count || rec.end[col] === rec.start[col]) return NaN;
    const v = bytesToNumber(buf, rec.start[col], rec.end[col]);
    if (v - v !== 0) {
      const t = rec.text(col);
      if (t === "") return NaN;
      throw cellError(name, ErrorCodes.InvalidNumber, Number.isNaN(v) ? "csv.badNumber" : "csv.tooLarge", row, rec.line, headers[col], { got: JSON.stringify(t) });
    }
    return v;
  };
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = rows + 1;
    if (rec.count < need) {
      throw fileError(name, ErrorCodes.InvalidFormat, "csv.fieldCount", { row, line: rec.line, count: rec.count, header: headers.length }, { row });
    }
    if (rows === cap) {
      cap *= 2;
      customer = grow(customer, cap);
      day = grow(day, cap);
      amount = grow(amount, cap);
      if (cost) cost = grow(cost, cap);
      if (margin) margin = grow(margin, cap);
      if (quantity) quantity = grow(quantity, cap);
    }
    const id = rec.text(idCol);
    if (id === "") throw cellError(name, ErrorCodes.Missing, "csv.emptyId", row, rec.line, headers[idCol]);
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      ids.push(id);
      index.set(id, c);
    }
    customer[rows] = c;
    const d = bytesToDay(buf, rec.start[dateCol], rec.end[dateCol], rec, dateCol);
    if (Number.isNaN(d)) {
      // Why it is not a date: a bare number, a date before 1900, or not a date at all (docs/inputs.md §5).
      const problem = readDay(rec.text(dateCol));
      const key = problem === "bareNumber" ? "csv.dateBareNumber" : problem === "before1900" ? "csv.dateBefore1900" : "csv.badDate";
      throw cellError(name, ErrorCodes.InvalidDate, key, row, rec.line, headers[dateCol], { got: JSON.stringify(rec.text(dateCol)) });
    }
    day[rows] = d;
    const a = bytesToNumber(buf, rec.start[amountCol], rec.end[amountCol]);
    if (a - a !== 0) {
      // NaN: not a number; ±Infinity: past 1.8e308, never written out (docs/inputs.md §9).
      throw cellError(name, ErrorCodes.InvalidNumber, Number.isNaN(a) ? "csv.badAmount" : "csv.tooLarge", row, rec.line, headers[amountCol], { got: JSON.stringify(rec.text(amountCol)) });
    }
    amount[rows] = a;
    if (cost) cost[rows] = optional(rec, costCol as number, row);
    if (margin) margin[rows] = optional(rec, marginCol as number, row);
    if (quantity) quantity[rows] = optional(rec, qtyCol as number, row);
    rows++;
  });
  if (rows === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  return {
    length: rows,
    customer: customer.subarray(0, rows),
    ids,
    day: day.subarray(0, rows),
    amount: amount.subarray(0, rows),
    cost: cost?.subarray(0, rows),
    margin: margin?.subarray(0, rows),
    quantity: quantity?.subarray(0, rows),
  };
}

function grow<T extends Int32Array | Float64Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** How many ids a warning lists before "…". */
const LISTED_IDS = 5;

/** The first few of `ids`, comma-separated, with "…" when there are more. */
export function listIds(ids: readonly string[]): string {
  return ids.slice(0, LISTED_IDS).join(", ") + (ids.length > LISTED_IDS ? ", …" : "");
}

/**
 * Reads a customer profiles CSV (docs/inputs.md §4): an id column and any of the profile columns.
 * Blank cells are "not known"; other cells must be numbers. A customer with more than one row is
 * a warning (the last row is used, as the join does).
 * @throws CvaError as {@link readTransactionsCsv}.
 */
export function readProfilesCsv(file: string, idColumn?: string, options: CsvReadOptions = {}): CustomerProfile[] {
  const { buf, name } = readCsvFile(file, options);
  const { headers, delimiter } = headerOf(buf, name);
  const cols = columnsOf<ProfileColumn>(headers, name, PROFILE_SYNONYMS, ["id"], idColumn ? { id: idColumn } : {}, options.warn);
  const out: CustomerProfile[] = [];
  const rowsOf = new Map<string, number>();
  const repeated: string[] = [];
  let header = true;
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = out.length + 1;
    const idCol = cols.id as number;
    const p: CustomerProfile = { customerId: rec.text(idCol) };
    if (p.customerId === "") throw cellError(name, ErrorCodes.Missing, "csv.emptyId", row, rec.line, headers[idCol]);
    const times = (rowsOf.get(p.customerId) ?? 0) + 1;
    rowsOf.set(p.customerId, times);
    if (times === 2) repeated.push(p.customerId);
    for (const key of Object.keys(cols) as ProfileColumn[]) {
      if (key === "id") continue;
      const col = cols[key] as number;
      const t = rec.text(col);
      if (t === "") continue;
      const v = bytesToNumber(buf, rec.start[col], rec.end[col]);
      if (v - v !== 0) throw cellError(name, ErrorCodes.InvalidNumber, Number.isNaN(v) ? "csv.badNumber" : "csv.tooLarge", row, rec.line, headers[col], { got: JSON.stringify(t) });
      (p as unknown as Record<string, number>)[key] = v;
    }
    out.push(p);
  });
  if (out.length === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  if (repeated.length > 0) {
    options.warn?.(fileError(name, ErrorCodes.InconsistentData, repeated.length === 1 ? "csv.repeatedProfile" : "csv.repeatedProfiles", { count: repeated.length, ids: listIds(repeated) }));
  }
  return out;
}
