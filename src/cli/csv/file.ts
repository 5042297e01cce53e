/** Reading a CSV file into one decoded Buffer (../encoding.ts), with the options of the readers. */
import * as fs from "fs";
import * as path from "path";
import { CvaError, ErrorCodes } from "../../core";
import { decodeCsvBytes, encodingName } from "../encoding";
import { fileError } from "./errors";
import { CR, LF } from "./records";

/** Options of the readers. */
export interface CsvReadOptions {
  /** WHATWG name of the file's encoding (encoding.ts normaliseEncoding); undefined: detect. */
  encoding?: string;
  /** Receives warnings and notes (keyed CvaErrors prefixed with the file name); default: none. */
  warn?: (w: CvaError) => void;
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
