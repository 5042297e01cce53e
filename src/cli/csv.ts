/**
 * Fast CSV reading for the CLI (Node only): the file is read into one Buffer and scanned byte by
 * byte; field boundaries go into reused typed arrays, so no per-row arrays or strings are made
 * except the customer id. Quoted fields ("a,b", doubled "" quotes, line breaks inside quotes),
 * CRLF, a UTF-8 byte-order mark, and comma, semicolon or tab delimiters (detected from the header)
 * are supported.
 *
 * Errors name the file, the data row (1-based, header excluded), the line and the column:
 *   tx.csv: row 3 (line 4), column "date": cannot read "1997-13-01" as a date (…)
 */
import * as fs from "fs";
import * as path from "path";
import {
  CvaError,
  ErrorCodes,
  matchColumns,
  parseDay,
  dayFromYmd,
  PROFILE_SYNONYMS,
  TRANSACTION_SYNONYMS,
  type CustomerProfile,
  type ProfileColumn,
  type TransactionColumn,
  type TransactionTable,
} from "../core";

const QUOTE = 34;
const CR = 13;
const LF = 10;
const MAX_FIELDS = 4096;

/** Reads a file, with messages that name it. @throws CvaError EMPTY_INPUT / INVALID_FORMAT. */
export function readCsvFile(file: string): { buf: Buffer; name: string } {
  const name = path.basename(file);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CvaError(ErrorCodes.Missing, `${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`);
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  let blank = true;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c !== 32 && c !== 9 && c !== CR && c !== LF) {
      blank = false;
      break;
    }
  }
  if (blank) throw new CvaError(ErrorCodes.EmptyInput, `${name}: the file is empty`);
  const probe = Math.min(buf.length, 65536);
  for (let i = 0; i < probe; i++) {
    if (buf[i] === 0) throw new CvaError(ErrorCodes.InvalidFormat, `${name}: not a CSV file (binary content)`);
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

  /** The text of field i, unquoted and trimmed. */
  text(i: number): string {
    if (i >= this.count) return "";
    const s = this.buf.toString("utf8", this.start[i], this.end[i]);
    return this.quoted[i] ? s.replace(/""/g, '"') : s.trim();
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
  while (pos < n) {
    rec.count = 0;
    rec.line = line;
    let blank = true;
    // One record.
    for (;;) {
      if (rec.count >= MAX_FIELDS) throw new CvaError(ErrorCodes.InvalidFormat, `${name}: line ${rec.line} has more than ${MAX_FIELDS} fields`);
      const f = rec.count++;
      if (pos < n && buf[pos] === QUOTE) {
        blank = false;
        const s = ++pos;
        for (;;) {
          if (pos >= n) throw new CvaError(ErrorCodes.InvalidFormat, `${name}: line ${rec.line}: a quoted field is never closed`);
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
        if (pos > s) blank = false;
      }
      if (pos < n && buf[pos] === delimiter) {
        blank = false;
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
    throw new CvaError(ErrorCodes.InvalidFormat, `${name}: does not look like CSV: the first line has no comma, semicolon or tab between column names`);
  }
  return { headers, delimiter };
}
const HEADER_DONE = new Error("header done");

function location(name: string, row: number, line: number, column: string): string {
  return `${name}: row ${row} (line ${line}), column "${column}"`;
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
 *   messages naming the file, row, line and column.
 */
export function readTransactionsCsv(file: string, overrides: TransactionColumnsOverride = {}): TransactionTable {
  const { buf, name } = readCsvFile(file);
  const { headers, delimiter } = headerOf(buf, name);
  let cols;
  try {
    cols = matchColumns<TransactionColumn>(headers, TRANSACTION_SYNONYMS, ["id", "date", "amount"], overrides);
  } catch (e) {
    if (e instanceof CvaError) throw new CvaError(e.code, `${name}: ${e.message}`, e.where);
    throw e;
  }
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
    if (Number.isNaN(v)) {
      const t = rec.text(col);
      if (t === "") return NaN;
      throw new CvaError(ErrorCodes.InvalidNumber, `${location(name, row, rec.line, headers[col])}: cannot read ${JSON.stringify(t)} as a number`, { row, column: headers[col] });
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
      throw new CvaError(ErrorCodes.InvalidFormat, `${name}: row ${row} (line ${rec.line}) has ${rec.count} fields; the header has ${headers.length}`, { row });
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
    if (id === "") {
      throw new CvaError(ErrorCodes.Missing, `${location(name, row, rec.line, headers[idCol])}: the customer id is empty`, { row, column: headers[idCol] });
    }
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      ids.push(id);
      index.set(id, c);
    }
    customer[rows] = c;
    const d = bytesToDay(buf, rec.start[dateCol], rec.end[dateCol], rec, dateCol);
    if (Number.isNaN(d)) {
      throw new CvaError(
        ErrorCodes.InvalidDate,
        `${location(name, row, rec.line, headers[dateCol])}: cannot read ${JSON.stringify(rec.text(dateCol))} as a date (expected YYYY-MM-DD or an Excel serial number)`,
        { row, column: headers[dateCol] },
      );
    }
    day[rows] = d;
    const a = bytesToNumber(buf, rec.start[amountCol], rec.end[amountCol]);
    if (Number.isNaN(a)) {
      throw new CvaError(
        ErrorCodes.InvalidNumber,
        `${location(name, row, rec.line, headers[amountCol])}: cannot read ${JSON.stringify(rec.text(amountCol))} as an amount`,
        { row, column: headers[amountCol] },
      );
    }
    amount[rows] = a;
    if (cost) cost[rows] = optional(rec, costCol as number, row);
    if (margin) margin[rows] = optional(rec, marginCol as number, row);
    if (quantity) quantity[rows] = optional(rec, qtyCol as number, row);
    rows++;
  });
  if (rows === 0) throw new CvaError(ErrorCodes.EmptyInput, `${name}: the file has a header but no data rows`);
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

/**
 * Reads a customer profiles CSV (docs/inputs.md §4): an id column and any of the profile columns.
 * Blank cells are "not known"; other cells must be numbers.
 * @throws CvaError as {@link readTransactionsCsv}.
 */
export function readProfilesCsv(file: string, idColumn?: string): CustomerProfile[] {
  const { buf, name } = readCsvFile(file);
  const { headers, delimiter } = headerOf(buf, name);
  let cols;
  try {
    cols = matchColumns<ProfileColumn>(headers, PROFILE_SYNONYMS, ["id"], idColumn ? { id: idColumn } : {});
  } catch (e) {
    if (e instanceof CvaError) throw new CvaError(e.code, `${name}: ${e.message}`, e.where);
    throw e;
  }
  const out: CustomerProfile[] = [];
  let header = true;
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = out.length + 1;
    const p: CustomerProfile = { customerId: rec.text(cols.id as number) };
    if (p.customerId === "") {
      throw new CvaError(ErrorCodes.Missing, `${location(name, row, rec.line, headers[cols.id as number])}: the customer id is empty`, { row });
    }
    for (const key of Object.keys(cols) as ProfileColumn[]) {
      if (key === "id") continue;
      const col = cols[key] as number;
      const t = rec.text(col);
      if (t === "") continue;
      const v = bytesToNumber(buf, rec.start[col], rec.end[col]);
      if (Number.isNaN(v)) {
        throw new CvaError(ErrorCodes.InvalidNumber, `${location(name, row, rec.line, headers[col])}: cannot read ${JSON.stringify(t)} as a number`, { row, column: headers[col] });
      }
      (p as unknown as Record<string, number>)[key] = v;
    }
    out.push(p);
  });
  if (out.length === 0) throw new CvaError(ErrorCodes.EmptyInput, `${name}: the file has a header but no data rows`);
  return out;
}
