/**
 * Calls a custom function the way Excel does — every argument as a matrix, a single value
 * as 1×1, not at all when an input holds an error value the metadata does not allow
 * (test/setup/custom-functions.ts) — and turns Excel errors (thrown, or inside a spilled array) into
 * { code, message } so tests can compare whole results.
 */
import { readFileSync } from "fs";
import path from "path";
import { invokeAsExcel } from "../setup/custom-functions";

export type Result = unknown;

export function m(v: unknown): unknown {
  if (v === undefined) return undefined;
  if (Array.isArray(v) && Array.isArray(v[0])) return v;
  if (Array.isArray(v)) return v.map((x) => [x]); // a plain array is a column
  return [[v]];
}

function plain(v: unknown): unknown {
  if (v instanceof Error && "code" in v) return { code: (v as { code: string }).code, message: v.message };
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

export function call(fn: (...a: never[]) => unknown, ...args: unknown[]): Result {
  try {
    return plain(invokeAsExcel(fn, args.map(m)));
  } catch (e) {
    return plain(e);
  }
}

/** An Excel error with a message containing `text`. */
export function err(code: string, text: string) {
  return { code, message: expect.stringContaining(text) };
}

/** Runs `body` with Office's display language set, as the shared runtime has it. */
export function inLanguage<T>(lang: string, body: () => T): T {
  const g = globalThis as { Office?: unknown };
  const before = g.Office;
  g.Office = { context: { displayLanguage: lang } };
  try {
    return body();
  } finally {
    g.Office = before;
  }
}

export const cdnow = path.resolve(__dirname, "../../data/cdnow");

/** The CDNOW calibration summary (ID, x, t_x, T, zbar) as columns. */
export function cdnowSummary(): { id: number[]; x: number[]; tx: number[]; T: number[]; zbar: number[] } {
  const lines = readFileSync(path.join(cdnow, "cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",").map((h) => h.replace(/"/g, "").trim());
  const col = (name: string) => header.indexOf(name);
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  const pick = (name: string) => rows.map((r) => r[col(name)]);
  return { id: pick("ID"), x: pick("x"), tx: pick("t_x"), T: pick("T"), zbar: pick("zbar") };
}

/**
 * The CDNOW calibration summary computed the way a sheet would: =CVA.SUMMARY over the 6,919
 * transactions to 1997-09-30 in weeks. Unlike the published file it is not rounded to
 * 2 decimals, which is what the papers fitted.
 */
export function cdnowSheetSummary(summaryFn: (...a: never[]) => unknown): { x: number[]; tx: number[]; T: number[]; m: number[] } {
  const lines = readFileSync(path.join(cdnow, "cdnow_sample.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
  const out = call(summaryFn, lines.map((l) => l[0]), lines.map((l) => l[1]), lines.map((l) => Number(l[3])), "1997-09-30", "weeks") as number[][];
  const rows = out.slice(1);
  return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]), m: rows.map((r) => r[4]) };
}
