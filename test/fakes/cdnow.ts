/**
 * The CDNOW sample (data/cdnow/cdnow_sample.csv: 6,919 purchases of 2,357 customers) as
 * Excel would hold it: ids as text ("0001", formatted "@"), dates as serial numbers formatted
 * yyyy-mm-dd, cds and amount as numbers.
 */
import { readFileSync } from "fs";
import path from "path";
export { cdnowSheet } from "./cdnow-sheet";

export const CDNOW_CSV = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");

export function cdnowText(): string {
  return readFileSync(CDNOW_CSV, "utf8");
}

