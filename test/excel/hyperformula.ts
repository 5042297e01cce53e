/**
 * Loads the fake workbook's sheets — the formulas as the add-in wrote them (Range.formulas, English,
 * commas) and the values — and its workbook-level defined names into HyperFormula, a formula engine
 * that evaluates Excel's formulas, so a test checks what Excel would compute from the written sheet
 * rather than reading back the add-in's own numbers. Used under HyperFormula's GPLv3 key, in tests only.
 */
import { HyperFormula } from "hyperformula";
import type { FakeWorkbook } from "../fakes/workbook";

/** "A1"-style address → its absolute form for a named expression: B4 → $B$4, B4:B9 → $B$4:$B$9. */
const absolute = (address: string) => address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");

export interface Evaluated {
  hf: HyperFormula;
  /** The value of a cell of a sheet (0-based row and column). */
  at: (sheet: string, row: number, col: number) => unknown;
  /** Sets a cell as the user would (a number or a formula) and lets the engine recalculate. */
  set: (sheet: string, row: number, col: number, v: number | string) => void;
  /** The value of a workbook name (a single cell). */
  name: (n: string) => unknown;
}

export function evaluateWorkbook(wb: FakeWorkbook): Evaluated {
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  for (const s of wb.sheets) {
    // The fake's rows are sparse: a loop, not a spread, which would turn a hole into NaN.
    let width = 1;
    for (let i = 0; i < s.cells.length; i++) width = Math.max(width, s.cells[i]?.length ?? 0);
    sheets[s.name] = Array.from({ length: Math.max(1, s.cells.length) }, (_, i) => {
      const line = s.cells[i] ?? [];
      return Array.from({ length: width }, (_, j) => {
        const v = line[j];
        return v === undefined || v === "" ? null : (v as string | number | boolean);
      });
    });
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false }); // as Excel: SUMPRODUCT's arguments evaluated as arrays, results not rounded to 10 digits
  for (const n of wb.names.filter((x) => x.scope === undefined)) hf.addNamedExpression(n.name, `='${n.sheet.replace(/'/g, "''")}'!${absolute(n.address)}`);
  const id = (sheet: string) => {
    const k = hf.getSheetId(sheet);
    if (k === undefined) throw new Error(`no sheet ${sheet}`);
    return k;
  };
  return {
    hf,
    at: (sheet, row, col) => hf.getCellValue({ sheet: id(sheet), row, col }),
    set: (sheet, row, col, v) => void hf.setCellContents({ sheet: id(sheet), row, col }, [[v]]),
    name: (n) => hf.getNamedExpressionValue(n),
  };
}
