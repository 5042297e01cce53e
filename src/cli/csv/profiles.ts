/** The profiles reader: a customer profiles CSV into the core's profiles. */
import { ErrorCodes, PROFILE_SYNONYMS, type CustomerProfile, type ProfileColumn } from "../../core";
import { cellError, fileError } from "./errors";
import { readCsvFile, type CsvReadOptions } from "./file";
import { columnsOf, headerOf } from "./header";
import { forEachRecord } from "./records";
import { bytesToNumber } from "./values";

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
