/** Numbers and dates read straight from the bytes of a field. */
import { dayFromYmd, parseDay } from "../../core";
import type { CsvRecord } from "./records";

/** Parses a plain decimal from bytes exactly as Number() would; NaN when it is not one. */
export function bytesToNumber(buf: Buffer, s: number, e: number): number {
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

export function bytesToDay(buf: Buffer, s: number, e: number, rec: CsvRecord, f: number): number {
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
