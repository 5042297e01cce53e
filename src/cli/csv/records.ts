/** The CSV record parser: field boundaries of each record in reused typed arrays, blank records skipped. */
import { ErrorCodes } from "../../core";
import { fileError } from "./errors";

export const QUOTE = 34;
export const CR = 13;
export const LF = 10;
const MAX_FIELDS = 4096;

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
