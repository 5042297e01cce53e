/**
 * The text encoding of a CSV file (docs/inputs.md §7). Excel's "Save as" writes "CSV UTF-8"
 * (UTF-8 with a byte-order mark), "Unicode text" (UTF-16 LE with a byte-order mark, tab-separated)
 * and plain "CSV", which is in the Windows code page of the system: GBK (code page 936, read here
 * as its superset GB18030) in mainland China, Windows-1252 in Western Europe and the Americas.
 *
 * Detection, when the user does not name the encoding with --encoding:
 * 1. a byte-order mark: UTF-8, UTF-16 LE or UTF-16 BE;
 * 2. UTF-16 without one, when the first two characters are ASCII (every other byte zero);
 * 3. valid UTF-8 (any file of plain ASCII is);
 * 4. GB18030 when the bytes are valid GB18030, and mostly two-byte characters of the common
 *    GB2312 block (leads A1–F7, trails A1–FE) with at least two of them in a row somewhere, or
 *    at least 8 of them — Chinese words are runs of characters, while accented letters of
 *    Windows-1252 text stand alone or in pairs between ASCII letters ("Zoë", "Größe", "créée"),
 *    and a pair that happens to look like a GB2312 character is rare;
 * 5. Windows-1252 when no byte is one it leaves undefined (81, 8D, 8F, 90, 9D);
 * 6. otherwise the file is refused with a message about its encoding.
 * Every decoder is fatal: a byte that is not text in the chosen encoding stops the run with the
 * line it is on, so two ids are never turned into the same "����" and merged. Decoding uses
 * Node's TextDecoder (full ICU since Node 13), so no dependency is needed.
 */
import { isUtf8 } from "buffer";
import { CvaError, ErrorCodes } from "../core";
import { UsageError } from "./args";

/** How an encoding is named to the user. */
const DISPLAY: Readonly<Record<string, string>> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
  gbk: "GB18030",
  gb18030: "GB18030",
  "windows-1252": "Windows-1252",
};

/** The user's name of an encoding. */
export function encodingName(encoding: string): string {
  return DISPLAY[encoding] ?? encoding.toUpperCase();
}

/**
 * The WHATWG name of the encoding the user gave with --encoding ("auto" or undefined: detect).
 * Any label Node's TextDecoder knows is accepted: utf-8, utf-16le, utf-16be, gb18030, gbk,
 * windows-1252 (also latin1, iso-8859-1, cp1252), big5, shift_jis, …
 * @throws UsageError for a label that names no encoding.
 */
export function normaliseEncoding(label: string | undefined): string | undefined {
  if (label === undefined || label.trim().toLowerCase() === "auto") return undefined;
  try {
    const enc = new TextDecoder(label.trim()).encoding;
    return enc === "gbk" ? "gb18030" : enc;
  } catch {
    throw UsageError.keyed("option.encoding", { got: JSON.stringify(label) });
  }
}

export interface DecodedBytes {
  /** The text as UTF-8 bytes (the input itself when it was UTF-8, without its byte-order mark). */
  buf: Buffer;
  /** WHATWG name of the encoding read. */
  encoding: string;
  /** True when it was found without a byte-order mark or the user's --encoding (worth a note). */
  guessed: boolean;
}

/** 1-based line of the first character `decoder` cannot decode. */
function badLine(raw: Uint8Array, encoding: string): number {
  const text = new TextDecoder(encoding).decode(raw);
  const at = text.indexOf("\uFFFD");
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function invalid(raw: Uint8Array, encoding: string): CvaError {
  return CvaError.keyed(ErrorCodes.InvalidFormat, "file.encodingInvalid", { line: badLine(raw, encoding), encoding: encodingName(encoding) });
}

/** Decodes `raw` (after any byte-order mark) in `encoding`, fatally. */
function decode(raw: Uint8Array, encoding: string): Buffer {
  if (encoding === "utf-8") {
    if (!isUtf8(raw)) throw invalid(raw, encoding);
    return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw invalid(raw, encoding);
  }
  return Buffer.from(text, "utf8");
}

/**
 * Counts of valid multi-byte UTF-8 sequences and of bytes that start none: a file with many of
 * the first and a few of the second is UTF-8 with a damaged line, not another encoding.
 */
export function utf8Shape(b: Uint8Array): { sequences: number; strays: number } {
  let sequences = 0;
  let strays = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = n > 0 && i + n <= b.length;
    for (let k = 1; ok && k < n; k++) ok = (b[i + k] & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += n;
    } else {
      strays++;
      i++;
    }
  }
  return { sequences, strays };
}

/**
 * Step 4's counts over `b`: common GB2312 pairs, other GB18030 characters, and whether two common
 * pairs stand in a row somewhere; null when the bytes are not valid GB18030. A run ends at any
 * ASCII byte, so the counts of pieces cut after a line feed add up to the whole's.
 */
export function gb18030Shape(b: Uint8Array): { common: number; rare: number; longRun: boolean } | null {
  let common = 0;
  let rare = 0;
  let run = 0;
  let longRun = false;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      run = 0;
      i++;
      continue;
    }
    if (c === 0x80) {
      rare++; // € in code page 936
      run = 0;
      i++;
      continue;
    }
    if (c === 0xff || i + 1 >= b.length) return null;
    const d = b[i + 1];
    if (d >= 0x30 && d <= 0x39) {
      // four-byte sequence
      if (i + 3 >= b.length || b[i + 2] < 0x81 || b[i + 2] > 0xfe || b[i + 3] < 0x30 || b[i + 3] > 0x39) return null;
      rare++;
      run = 0;
      i += 4;
      continue;
    }
    if (d < 0x40 || d === 0x7f || d === 0xff) return null;
    if (c >= 0xa1 && c <= 0xf7 && d >= 0xa1) {
      common++;
      if (++run >= 2) longRun = true;
    } else {
      rare++;
      run = 0;
    }
    i += 2;
  }
  return { common, rare, longRun };
}

/** Step 4's decision from {@link gb18030Shape}'s counts. */
export function gb18030Likely(shape: { common: number; rare: number; longRun: boolean } | null): boolean {
  return shape !== null && shape.common >= 2 * shape.rare && (shape.longRun || shape.common >= MANY_PAIRS);
}

/** Step 4 of the module comment: do the bytes read as Chinese text in GB18030? */
function looksLikeGb18030(b: Uint8Array): boolean {
  return gb18030Likely(gb18030Shape(b));
}

/** Common GB2312 pairs that make a file Chinese even when no two stand in a row (one-character ids). */
const MANY_PAIRS = 8;

/** Bytes Windows-1252 leaves undefined. */
export function hasUndefined1252(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x81 || c === 0x8d || c === 0x8f || c === 0x90 || c === 0x9d) return true;
  }
  return false;
}

/**
 * The file's bytes as UTF-8, decoded from `encoding` (WHATWG name) or from the detected one; see
 * the module comment.
 * @throws CvaError INVALID_FORMAT "file.encodingInvalid" naming the line, or "file.encodingUnknown".
 */
export function decodeCsvBytes(raw: Buffer, encoding?: string): DecodedBytes {
  const bom = (a: number, b: number, c?: number) => raw.length >= (c === undefined ? 2 : 3) && raw[0] === a && raw[1] === b && (c === undefined || raw[2] === c);
  if (encoding !== undefined) {
    // A byte-order mark of the named encoding is not text.
    const skip = encoding === "utf-8" && bom(0xef, 0xbb, 0xbf) ? 3 : (encoding === "utf-16le" && bom(0xff, 0xfe)) || (encoding === "utf-16be" && bom(0xfe, 0xff)) ? 2 : 0;
    return { buf: decode(raw.subarray(skip), encoding), encoding, guessed: false };
  }
  if (bom(0xef, 0xbb, 0xbf)) return { buf: decode(raw.subarray(3), "utf-8"), encoding: "utf-8", guessed: false };
  if (bom(0xff, 0xfe)) return { buf: decode(raw.subarray(2), "utf-16le"), encoding: "utf-16le", guessed: false };
  if (bom(0xfe, 0xff)) return { buf: decode(raw.subarray(2), "utf-16be"), encoding: "utf-16be", guessed: false };
  if (raw.length >= 4 && raw[0] !== 0 && raw[0] < 0x80 && raw[1] === 0 && raw[2] !== 0 && raw[2] < 0x80 && raw[3] === 0) {
    return { buf: decode(raw, "utf-16le"), encoding: "utf-16le", guessed: true };
  }
  if (raw.length >= 4 && raw[0] === 0 && raw[1] !== 0 && raw[1] < 0x80 && raw[2] === 0 && raw[3] !== 0 && raw[3] < 0x80) {
    return { buf: decode(raw, "utf-16be"), encoding: "utf-16be", guessed: true };
  }
  // A zero byte is no text in any of the 8-bit encodings: a binary file.
  const probe = Math.min(raw.length, 65536);
  for (let i = 0; i < probe; i++) if (raw[i] === 0) throw CvaError.keyed(ErrorCodes.InvalidFormat, "file.binary", {});
  if (isUtf8(raw)) return { buf: raw, encoding: "utf-8", guessed: false };
  const shape = utf8Shape(raw);
  if (shape.sequences > shape.strays) throw invalid(raw, "utf-8");
  if (looksLikeGb18030(raw)) {
    try {
      return { buf: decode(raw, "gb18030"), encoding: "gb18030", guessed: true };
    } catch {
      // not GB18030 after all: try Windows-1252
    }
  }
  if (!hasUndefined1252(raw)) return { buf: decode(raw, "windows-1252"), encoding: "windows-1252", guessed: true };
  throw CvaError.keyed(ErrorCodes.InvalidFormat, "file.encodingUnknown", {});
}
