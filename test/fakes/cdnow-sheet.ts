/** The CDNOW CSV as an Excel sheet holds it (no Node imports: the browser host bundles this). */
import { parseIsoDay } from "../../src/core";
import type { CellValue } from "./workbook";

/** CSV text → header + rows and number formats as an Excel sheet holds them. */
export function cdnowSheet(text: string): { rows: CellValue[][]; formats: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0].split(",");
  const rows: CellValue[][] = [header];
  const formats: string[][] = [header.map(() => "General")];
  for (let i = 1; i < lines.length; i++) {
    const [id, date, cds, amount] = lines[i].split(",");
    rows.push([id, parseIsoDay(date), Number(cds), Number(amount)]);
    formats.push(["@", "yyyy-mm-dd", "0", "0.00"]);
  }
  return { rows, formats };
}
