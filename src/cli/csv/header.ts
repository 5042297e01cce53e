/** The header of a CSV file: its delimiter, its names, and the column of each role. */
import { ErrorCodes, matchColumns, normaliseHeader, type LocalText } from "../../core";
import { UsageError } from "../args";
import { fileError } from "./errors";
import type { CsvReadOptions } from "./file";
import { CR, forEachRecord, LF, QUOTE } from "./records";

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

export function headerOf(buf: Buffer, name: string): { headers: string[]; delimiter: number } {
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

/** The option of each role on the command line. */
const ROLE_OPTION: Readonly<Record<string, string>> = { id: "--id", date: "--date", amount: "--amount", cost: "--cost", margin: "--margin", quantity: "--quantity" };
/** A required role as the messages name it. */
const ROLE_NAME: Readonly<Record<string, LocalText>> = {
  id: { "en-US": "customer id", "zh-CN": "客户编号" },
  date: { "en-US": "date", "zh-CN": "日期" },
  amount: { "en-US": "amount", "zh-CN": "金额" },
};

/**
 * The column of each role, with the checks of the module comment of ../csv.ts: every override
 * names a header, no two overrides name one column, the required roles are found, and no header a
 * role uses appears twice (an unused duplicate is a warning).
 * @throws UsageError for one column named by two options; CvaError MISSING_COLUMN / INVALID_FORMAT.
 */
export function columnsOf<K extends string>(
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
