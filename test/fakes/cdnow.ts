/**
 * The CDNOW sample (data/cdnow/cdnow_sample.csv: 6,919 purchases of 2,357 customers) as
 * Excel would hold it: ids as text ("0001", formatted "@"), dates as serial numbers formatted
 * yyyy-mm-dd, cds and amount as numbers.
 */
import { readFileSync } from "fs";
import path from "path";
import { cdnowSheet } from "./cdnow-sheet";
import type { SourceData } from "../../src/excel";
export { cdnowSheet };

export const CDNOW_CSV = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");

export function cdnowText(): string {
  return readFileSync(CDNOW_CSV, "utf8");
}

/** The first `rows` rows of the CDNOW sheet (header included) as the pane reads a source range. */
export function cdnowSource(rows = 301): SourceData {
  const sheet = cdnowSheet(cdnowText()).rows.slice(0, rows);
  return { address: `Sheet1!A1:D${rows}`, header: sheet[0].map(String), rows: sheet.slice(1), chunks: 1 } as SourceData;
}
