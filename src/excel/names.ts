/** Names the output goes by: a free sheet name, a free table name, a column's letters. */

/** "CVA Results" → "CVA Results (2)", "(3)", … the first not in `taken` (case-insensitive, ≤ 31 characters). */
export function freeName(base: string, taken: Iterable<string>, from = 2): string {
  const set = new Set([...taken].map((s) => s.toLowerCase()));
  if (from <= 1 && !set.has(base.toLowerCase())) return base;
  for (let k = Math.max(2, from); ; k++) {
    const suffix = ` (${k})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!set.has(name.toLowerCase())) return name;
  }
}

/**
 * "CVA_Results", else "CVA_Results2", "CVA_Results3"… the first that is neither a table's name nor
 * a defined name of the workbook or of a sheet: Excel refuses a table name that is already a name
 * (as reported on the office-js tracker, Excel then answers "The argument is invalid or missing or
 * has an incorrect format."), and
 * names are compared without case.
 */
export function freeTableName(base: string, taken: Iterable<string>): string {
  const set = new Set([...taken].map((s) => s.toLowerCase()));
  if (!set.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!set.has(`${base}${k}`.toLowerCase())) return `${base}${k}`;
}

/** Column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet's name as a formula refers to it: 'CVA Results' (a quote inside doubled), always quoted. */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
