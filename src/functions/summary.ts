/**
 * The customer summary of a transaction log, =CVA.SUMMARY (docs/summary.md §8; the figures §3–§4).
 */
import { summarize, transactionTable, CvaError, ErrorCodes, given, idText, requireDay, type Transaction, type TimeUnit } from "../core";
import { readText, readLang, isBlank, unwrap, cellValue, cellError, errorCodeOf, notNumberError, populationError } from "./args";
import { excelCall } from "./errors";
import { vector, positionOf } from "./tables";
import { HEADERS } from "./headers";
import { UNIT } from "./rules";

/**
 * Summarises a transaction log per customer, as the lifetime value models need it: repeat purchases (frequency), time from first to last purchase (recency), time from first purchase to the end (T), mean repeat purchase (monetary), revenue, first and last purchase date, and orders, with a header row. Purchases on one day count once; returns are netted. Example: =CVA.SUMMARY(A2:A6920, B2:B6920, D2:D6920, DATE(1997,9,30)).
 * @customfunction SUMMARY
 * @param {any[][]} ids Customer id of each transaction: one column or one row. Ids come back as written (a number as a number, "007" as text).
 * @param {any[][]} dates Date of each transaction: Excel dates or ISO text (1997-01-31).
 * @param {any[][]} amounts Amount of each transaction; returns as negative amounts.
 * @param {any[][]} [end] End of the observation period (a date); default the last date in the data. Later transactions are left out.
 * @param {any[][]} [unit] Time unit of recency and T: "days", "weeks" (default) or "months".
 * @returns {any[][]} One row per customer, with a header row.
 */
export function summary(ids: any[][], dates: any[][], amounts: any[][], end?: any[][], unit?: any[][]): any[][] {
  return excelCall(() => {
    const { rows, idCells } = transactionRows(ids, dates, amounts);
    const endValue = cellValue(unwrap(end));
    if (errorCodeOf(endValue) !== undefined) throw cellError("end", endValue);
    if (!isBlank(endValue) && typeof endValue !== "number" && typeof endValue !== "string") {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.endNotDate", { arg: "end", got: given(endValue) }, { argument: "end" });
    }
    const options = {
      unit: readText(UNIT, unit) as TimeUnit,
      end: isBlank(endValue) ? undefined : (endValue as number | string),
    };
    const customers = summarize(transactionTable(rows), options);
    const h = HEADERS[readLang(undefined)];
    return [
      [h.customerId, h.frequency, h.recency, h.T, h.monetary, h.revenue, h.first, h.last, h.orders],
      ...customers.map((c) => [idCells.get(c.customerId) ?? c.customerId, c.frequency, c.recency, c.T, c.monetary, c.revenue, c.first, c.last, c.orders]),
    ];
  });
}

/** An id cell that is neither a number nor text: a logical value as TRUE/FALSE, a data type by its text. */
function otherId(v: unknown): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const text = (v as { text?: unknown }).text;
  return typeof text === "string" ? text : JSON.stringify(v);
}

/** Text that Excel would show as a number once typed into a General cell ("007", "7.50"), but that is not that number's own text. */
const NUMBER_TEXT = /^[+-]?\d+(\.\d+)?$/;

/**
 * Reads the transaction columns — each one column or one row, of the same length, as Excel's
 * own functions take them — into transactions, and keeps each customer's id as it was written:
 * a number stays a number (lookups from a numeric id column still match), a text stays that
 * text ("007", "07" and "7" are three ids and show as three). A number id and a text id that
 * differ only in how they are written (7 and "007": Excel drops the zeros of a typed number)
 * are refused, naming both cells, rather than split one customer in two.
 */
function transactionRows(ids: unknown, dates: unknown, amounts: unknown): { rows: Transaction[]; idCells: Map<string, string | number> } {
  const names = ["ids", "dates", "amounts"];
  const vs = [ids, dates, amounts].map((r, k) => vector(names[k], r));
  const n = vs[0].cells.length;
  vs.forEach((v, k) => {
    if (v.cells.length !== n) {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.lengthMismatch", { arg: names[k], count: v.cells.length, otherArg: "ids", otherCount: n }, { argument: names[k] });
    }
  });
  const rows: Transaction[] = [];
  const idCells = new Map<string, string | number>();
  const numberIds = new Map<number, number>();
  const numberTexts = new Map<number, { row: number; text: string }>();
  for (let i = 0; i < n; i++) {
    const cell = vs.map((v) => cellValue(v.cells[i]));
    if (cell.every(isBlank)) continue;
    cell.forEach((v, k) => {
      if (errorCodeOf(v) === undefined) return;
      const { i: r, j, wide } = positionOf(vs[k], i);
      throw populationError(names[k], v, r, j, wide);
    });
    const [rawId, date, amount] = cell;
    const { i: r, j, wide } = positionOf(vs[0], i);
    if (isBlank(rawId)) {
      throw CvaError.keyed(ErrorCodes.InvalidType, wide ? "fn.blankIdAt" : "fn.blankId", { arg: "ids", row: r + 1, col: j + 1 }, { argument: "ids", row: r + 1 });
    }
    if (typeof date !== "number" && typeof date !== "string") {
      const p = positionOf(vs[1], i);
      throw CvaError.keyed(ErrorCodes.InvalidType, p.wide ? "fn.notDateAt" : "fn.notDate", { arg: "dates", row: p.i + 1, col: p.j + 1, got: given(date) }, { argument: "dates", row: p.i + 1 });
    }
    // The core's date rule, checked here so the message names the cell of `dates` (its row, or its
    // place in a one-row range), not the number of a transaction after blank rows are skipped.
    const at = positionOf(vs[1], i);
    requireDay(date, { row: at.i + at.j + 1, column: "dates" });
    if (typeof amount !== "number") {
      const p = positionOf(vs[2], i);
      throw notNumberError("amounts", amount, p.i, p.j, p.wide);
    }
    const id: string | number = typeof rawId === "number" || typeof rawId === "string" ? rawId : otherId(rawId);
    const key = idText(id);
    if (!idCells.has(key)) idCells.set(key, typeof id === "number" ? id : key);
    const numeric = typeof id === "number" ? id : NUMBER_TEXT.test(key) && String(Number(key)) !== key ? Number(key) : undefined;
    if (numeric !== undefined) {
      if (typeof id === "number") {
        if (!numberIds.has(id)) numberIds.set(id, i + 1);
      } else if (!numberTexts.has(numeric)) numberTexts.set(numeric, { row: i + 1, text: key });
      const asNumber = numberIds.get(numeric);
      const asText = numberTexts.get(numeric);
      if (asNumber !== undefined && asText !== undefined) {
        throw CvaError.keyed(
          ErrorCodes.InvalidType,
          "fn.idForms",
          { arg: "ids", row: asNumber, number: numeric, otherRow: asText.row, text: `"${asText.text}"` },
          { argument: "ids", row: Math.max(asNumber, asText.row) },
        );
      }
    }
    rows.push({ customerId: id, date, amount });
  }
  if (rows.length === 0) throw CvaError.keyed(ErrorCodes.Missing, "fn.noTransactions", { arg: "ids" }, { argument: "ids" });
  return { rows, idCells };
}
