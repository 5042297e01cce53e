/**
 * A CSV file in any encoding the memory engine reads (../encoding.ts, docs/inputs.md §7), handed
 * to DuckDB as UTF-8 (docs/engines.md §1). DuckDB's CSV reader reads UTF-8 only (its other
 * encodings come in an extension it would download), so:
 *
 * - a UTF-8 file (with or without a byte-order mark, which DuckDB skips), and a gzip one, is read
 *   by DuckDB where it lies — the common case costs nothing;
 * - any other is transcoded in a stream — Node's TextDecoder, fatal, `stream: true` — to a
 *   temporary UTF-8 file in the system's temporary folder, which DuckDB reads and which is removed
 *   afterwards, whatever happens. A gzip file is decompressed in the same stream (zlib). The file
 *   never sits whole in Node's memory.
 *
 * The encoding is the memory engine's choice for the same bytes: a byte-order mark, UTF-16
 * without one, then — when the first megabyte is not UTF-8, or DuckDB later finds a byte that is
 * not — one pass over the whole file computing the statistics decodeCsvBytes computes over the
 * whole buffer (UTF-8 validity and shape, GB18030's common pairs, Windows-1252's undefined bytes).
 * The pieces are cut after a line feed or carriage return, which no multi-byte character of
 * these encodings contains, so their statistics add up to the whole file's. A byte that is not text in the chosen
 * encoding gives the memory engine's error naming its line, and a guessed encoding its note.
 */
import { isUtf8 } from "buffer";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pipeline, type Readable } from "stream";
import * as zlib from "zlib";
import { CvaError, ErrorCodes } from "../../core";
import { fileError } from "../csv/errors";
import { encodingName, gb18030Likely, gb18030Shape, hasUndefined1252, utf8Shape } from "../encoding";

/** Bytes read from the start of the file for the first guess (and pieces of the passes). */
const HEAD_BYTES = 1 << 20;
/** Bytes at the start searched for a zero byte (a binary file), as the memory engine does. */
const BINARY_PROBE = 65536;

/** The file's bytes, decompressed when it is gzip (.gz), in pieces. */
function bytesOf(file: string): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: HEAD_BYTES });
  if (!/\.gz$/i.test(file)) return raw;
  // Errors of either stream reach the reader of the last one, which the callers iterate.
  return pipeline(raw, zlib.createGunzip({ chunkSize: HEAD_BYTES }), () => undefined);
}

/** The first `n` (decompressed) bytes of the file, or all of them when it is shorter. */
async function headOf(file: string, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  const s = bytesOf(file);
  try {
    for await (const chunk of s) {
      parts.push(chunk as Buffer);
      got += (chunk as Buffer).length;
      if (got >= n) break;
    }
  } finally {
    s.destroy();
  }
  return Buffer.concat(parts).subarray(0, n);
}

/** The file's bytes in pieces that each end after a line feed or carriage return (the last one: at the end). */
async function* linesOf(file: string): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of bytesOf(file)) {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const cut = Math.max(buf.lastIndexOf(10), buf.lastIndexOf(13)) + 1;
    if (cut === 0) {
      rest = buf;
      continue;
    }
    yield buf.subarray(0, cut);
    rest = buf.subarray(cut);
  }
  if (rest.length > 0) yield rest;
}

/** The bytes up to their last line break (all of them when `whole` or when there is none). */
function upToLastLine(b: Buffer, whole: boolean): Buffer {
  const cut = Math.max(b.lastIndexOf(10), b.lastIndexOf(13)) + 1;
  return whole || cut === 0 ? b : b.subarray(0, cut);
}

/**
 * decodeCsvBytes's statistics over all the file's bytes (see the module comment): first only
 * whether it is UTF-8 (a fast pass, which a UTF-8 file ends with), then the shapes of its bytes.
 */
async function shapeOfAll(file: string): Promise<{ utf8: boolean; sequences: number; strays: number; gb: ReturnType<typeof gb18030Shape>; undefined1252: boolean }> {
  let utf8 = true;
  for await (const piece of linesOf(file)) {
    if (!isUtf8(piece)) {
      utf8 = false;
      break;
    }
  }
  let sequences = 0;
  let strays = 0;
  let gb: ReturnType<typeof gb18030Shape> = { common: 0, rare: 0, longRun: false };
  let undefined1252 = false;
  if (utf8) return { utf8, sequences, strays, gb, undefined1252 };
  for await (const piece of linesOf(file)) {
    const u = utf8Shape(piece);
    sequences += u.sequences;
    strays += u.strays;
    if (gb) {
      const g = gb18030Shape(piece);
      gb = g && { common: gb.common + g.common, rare: gb.rare + g.rare, longRun: gb.longRun || g.longRun };
    }
    undefined1252 = undefined1252 || hasUndefined1252(piece);
  }
  return { utf8, sequences, strays, gb, undefined1252 };
}

/**
 * The memory engine's error for a file that is not text in `encoding`: the line of the first
 * character a lenient decoder replaces, after `skip` bytes (a byte-order mark).
 */
async function invalidAt(file: string, name: string, encoding: string, skip: number): Promise<CvaError> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let line = 1;
  let seen = 0;
  const count = (text: string): boolean => {
    const at = text.indexOf("\uFFFD");
    const upTo = at < 0 ? text.length : at;
    for (let i = 0; i < upTo; i++) if (text.charCodeAt(i) === 10) line++;
    return at >= 0;
  };
  const s = bytesOf(file);
  try {
    let found = false;
    for await (const chunk of s) {
      const b = chunk as Buffer;
      const from = Math.max(0, Math.min(b.length, skip - seen));
      seen += b.length;
      if ((found = count(decoder.decode(b.subarray(from), { stream: true })))) break;
    }
    if (!found) count(decoder.decode());
  } finally {
    s.destroy();
  }
  return fileError(name, ErrorCodes.InvalidFormat, "file.encodingInvalid", { line, encoding: encodingName(encoding) });
}

/** Thrown by {@link transcode} when a byte is not text in the encoding. */
class NotText extends Error {}

/**
 * Writes the file's text in `encoding` (after `skip` bytes) as UTF-8 to `out`, in a stream.
 * @throws NotText at the first byte that is not text in `encoding`.
 */
async function transcode(file: string, encoding: string, skip: number, out: string): Promise<void> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const fd = fs.openSync(out, "w");
  const s = bytesOf(file);
  try {
    let seen = 0;
    const write = (f: () => string) => {
      let text: string;
      try {
        text = f();
      } catch (e) {
        throw new NotText(e instanceof Error ? e.message : String(e));
      }
      if (text.length > 0) fs.writeSync(fd, Buffer.from(text, "utf8"));
    };
    for await (const chunk of s) {
      const b = chunk as Buffer;
      const from = Math.max(0, Math.min(b.length, skip - seen));
      seen += b.length;
      write(() => decoder.decode(b.subarray(from), { stream: true }));
    }
    write(() => decoder.decode());
  } finally {
    s.destroy();
    fs.closeSync(fd);
  }
}

/**
 * Runs `body` on a UTF-8 version of `file` (see the module comment): the file itself when it is
 * UTF-8 or Parquet, else a temporary transcoded copy, removed when `body` ends, whatever happens.
 * `encoding`: the user's --encoding (WHATWG name; undefined: detect). `note` receives the memory
 * engine's note of a guessed encoding.
 * @throws CvaError file.workbook, file.binary, file.encodingInvalid (naming the line) or
 *   file.encodingUnknown, prefixed with the file's name, as the memory engine's.
 */
export async function withUtf8Csv<T>(file: string, encoding: string | undefined, note: ((w: CvaError) => void) | undefined, body: (csv: string) => Promise<T>): Promise<T> {
  if (/\.parquet$/i.test(file)) return body(file);
  const name = path.basename(file);
  const head = await headOf(file, HEAD_BYTES);
  // An Excel workbook (.xlsx is a zip; .xls an OLE compound file) is not a CSV.
  if ((head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) || (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1)) {
    throw fileError(name, ErrorCodes.InvalidFormat, "file.workbook");
  }
  // A file of spaces and line breaks only is empty, as the memory engine says (it looks at the decoded text).
  const refuseBlank = (text: Buffer) => {
    if (text.length < HEAD_BYTES && text.every((ch) => ch === 32 || ch === 9 || ch === 13 || ch === 10)) throw fileError(name, ErrorCodes.EmptyInput, "file.empty");
  };
  const bom = (a: number, b: number, c?: number) => head.length >= (c === undefined ? 2 : 3) && head[0] === a && head[1] === b && (c === undefined || head[2] === c);
  const copy = async (enc: string, skip: number, guessed: boolean): Promise<T> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cva-enc-"));
    try {
      const out = path.join(dir, "utf8.csv");
      try {
        await transcode(file, enc, skip, out);
      } catch (e) {
        if (e instanceof NotText) throw await invalidAt(file, name, enc, skip);
        throw e;
      }
      if (guessed) note?.(CvaError.keyed(ErrorCodes.InvalidFormat, "file.decodedAs", { file: name, encoding: encodingName(enc) }));
      refuseBlank(await headOf(out, HEAD_BYTES));
      return await body(out);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  /**
   * DuckDB on the file itself. When DuckDB fails (its reader refuses a byte that is not UTF-8, or
   * its sniffer the dialect of such a line) and the file is not UTF-8 after all, `otherwise`.
   */
  const direct = async (otherwise: () => Promise<T>): Promise<T> => {
    refuseBlank(head);
    try {
      return await body(file);
    } catch (e) {
      if (e instanceof CvaError || (await shapeOfAll(file)).utf8) throw e;
      return otherwise();
    }
  };
  if (encoding !== undefined) {
    // A byte-order mark of the named encoding is not text.
    const skip = encoding === "utf-8" && bom(0xef, 0xbb, 0xbf) ? 3 : (encoding === "utf-16le" && bom(0xff, 0xfe)) || (encoding === "utf-16be" && bom(0xfe, 0xff)) ? 2 : 0;
    if (encoding !== "utf-8") return copy(encoding, skip, false);
    return isUtf8(upToLastLine(head.subarray(skip), head.length < HEAD_BYTES)) ? direct(() => copy("utf-8", skip, false)) : copy("utf-8", skip, false);
  }
  if (bom(0xef, 0xbb, 0xbf)) return isUtf8(upToLastLine(head.subarray(3), head.length < HEAD_BYTES)) ? direct(() => copy("utf-8", 3, false)) : copy("utf-8", 3, false);
  if (bom(0xff, 0xfe)) return copy("utf-16le", 2, false);
  if (bom(0xfe, 0xff)) return copy("utf-16be", 2, false);
  if (head.length >= 4 && head[0] !== 0 && head[0] < 0x80 && head[1] === 0 && head[2] !== 0 && head[2] < 0x80 && head[3] === 0) return copy("utf-16le", 0, true);
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[1] < 0x80 && head[2] === 0 && head[3] !== 0 && head[3] < 0x80) return copy("utf-16be", 0, true);
  // A zero byte is no text in any of the 8-bit encodings: a binary file.
  if (head.subarray(0, BINARY_PROBE).includes(0)) throw fileError(name, ErrorCodes.InvalidFormat, "file.binary");
  const detect = async (): Promise<T> => {
    const shape = await shapeOfAll(file);
    if (shape.utf8) return body(file);
    if (shape.sequences > shape.strays) throw await invalidAt(file, name, "utf-8", 0);
    if (gb18030Likely(shape.gb)) {
      try {
        return await copy("gb18030", 0, true);
      } catch (e) {
        // Not GB18030 after all: Windows-1252, as the memory engine tries next.
        if (!(e instanceof CvaError && e.key === "file.encodingInvalid")) throw e;
      }
    }
    if (!shape.undefined1252) return copy("windows-1252", 0, true);
    throw fileError(name, ErrorCodes.InvalidFormat, "file.encodingUnknown");
  };
  return isUtf8(upToLastLine(head, head.length < HEAD_BYTES)) ? direct(detect) : detect();
}
