/** The transactions reader: a transactions CSV into the core's columnar table. */
import { ErrorCodes, readDay, TRANSACTION_SYNONYMS, type TransactionColumn, type TransactionTable } from "../../core";
import { cellError, fileError } from "./errors";
import { readCsvFile, type CsvReadOptions } from "./file";
import { columnsOf, headerOf } from "./header";
import { forEachRecord, type CsvRecord } from "./records";
import { bytesToDay, bytesToNumber } from "./values";

export interface TransactionColumnsOverride {
  id?: string;
  date?: string;
  amount?: string;
  cost?: string;
  margin?: string;
  quantity?: string;
}

/**
 * Reads a transactions CSV into a {@link TransactionTable}. O(bytes).
 * @throws CvaError MISSING_COLUMN, INVALID_DATE, INVALID_NUMBER, INVALID_FORMAT, EMPTY_INPUT with
 *   messages naming the file, row, line and column; UsageError for one column named by two options.
 */
export function readTransactionsCsv(file: string, overrides: TransactionColumnsOverride = {}, options: CsvReadOptions = {}): TransactionTable {
  const { buf, name } = readCsvFile(file, options);
  const { headers, delimiter } = headerOf(buf, name);
  const given: Partial<Record<TransactionColumn, string>> = {};
  for (const [k, v] of Object.entries(overrides) as [TransactionColumn, string | undefined][]) if (v !== undefined) given[k] = v;
  const cols = columnsOf<TransactionColumn>(headers, name, TRANSACTION_SYNONYMS, ["id", "date", "amount"], given, options.warn);
  const idCol = cols.id as number;
  const dateCol = cols.date as number;
  const amountCol = cols.amount as number;
  const costCol = cols.cost;
  const marginCol = cols.margin;
  const qtyCol = cols.quantity;
  const need = Math.max(idCol, dateCol, amountCol) + 1;

  // Capacity grows by doubling; a row needs ~16 bytes in the file at least.
  let cap = Math.max(1024, Math.floor(buf.length / 16));
  let customer = new Int32Array(cap);
  let day = new Int32Array(cap);
  let amount = new Float64Array(cap);
  let cost = costCol !== undefined ? new Float64Array(cap) : undefined;
  let margin = marginCol !== undefined ? new Float64Array(cap) : undefined;
  let quantity = qtyCol !== undefined ? new Float64Array(cap) : undefined;
  const index = new Map<string, number>();
  const ids: string[] = [];
  let rows = 0;
  let header = true;
  const optional = (rec: CsvRecord, col: number, row: number): number => {
    if (col >= rec.count || rec.end[col] === rec.start[col]) return NaN;
    const v = bytesToNumber(buf, rec.start[col], rec.end[col]);
    if (v - v !== 0) {
      const t = rec.text(col);
      if (t === "") return NaN;
      throw cellError(name, ErrorCodes.InvalidNumber, Number.isNaN(v) ? "csv.badNumber" : "csv.tooLarge", row, rec.line, headers[col], { got: JSON.stringify(t) });
    }
    return v;
  };
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = rows + 1;
    if (rec.count < need) {
      throw fileError(name, ErrorCodes.InvalidFormat, "csv.fieldCount", { row, line: rec.line, count: rec.count, header: headers.length }, { row });
    }
    if (rows === cap) {
      cap *= 2;
      customer = grow(customer, cap);
      day = grow(day, cap);
      amount = grow(amount, cap);
      if (cost) cost = grow(cost, cap);
      if (margin) margin = grow(margin, cap);
      if (quantity) quantity = grow(quantity, cap);
    }
    const id = rec.text(idCol);
    if (id === "") throw cellError(name, ErrorCodes.Missing, "csv.emptyId", row, rec.line, headers[idCol]);
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      ids.push(id);
      index.set(id, c);
    }
    customer[rows] = c;
    const d = bytesToDay(buf, rec.start[dateCol], rec.end[dateCol], rec, dateCol);
    if (Number.isNaN(d)) {
      // Why it is not a date: a bare number, a date before 1900, or not a date at all (docs/inputs.md §5).
      const problem = readDay(rec.text(dateCol));
      const key = problem === "bareNumber" ? "csv.dateBareNumber" : problem === "before1900" ? "csv.dateBefore1900" : "csv.badDate";
      throw cellError(name, ErrorCodes.InvalidDate, key, row, rec.line, headers[dateCol], { got: JSON.stringify(rec.text(dateCol)) });
    }
    day[rows] = d;
    const a = bytesToNumber(buf, rec.start[amountCol], rec.end[amountCol]);
    if (a - a !== 0) {
      // NaN: not a number; ±Infinity: past 1.8e308, never written out (docs/inputs.md §9).
      throw cellError(name, ErrorCodes.InvalidNumber, Number.isNaN(a) ? "csv.badAmount" : "csv.tooLarge", row, rec.line, headers[amountCol], { got: JSON.stringify(rec.text(amountCol)) });
    }
    amount[rows] = a;
    if (cost) cost[rows] = optional(rec, costCol as number, row);
    if (margin) margin[rows] = optional(rec, marginCol as number, row);
    if (quantity) quantity[rows] = optional(rec, qtyCol as number, row);
    rows++;
  });
  if (rows === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  return {
    length: rows,
    customer: customer.subarray(0, rows),
    ids,
    day: day.subarray(0, rows),
    amount: amount.subarray(0, rows),
    cost: cost?.subarray(0, rows),
    margin: margin?.subarray(0, rows),
    quantity: quantity?.subarray(0, rows),
  };
}

function grow<T extends Int32Array | Float64Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
