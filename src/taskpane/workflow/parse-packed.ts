/**
 * The analysis worker's read of a transactions range straight from its packed columns
 * (./transfer.ts, docs/architecture.md §15): the same TransactionTable, and the same InputIssue for
 * the same bad cells, as ./parse.ts toTransactionsOf over the unpacked rows, but each distinct text of
 * a column is read once however many rows hold it — a customer's id trimmed and numbered, a date
 * or amount text parsed once, not once per purchase — and a number is read from its Float64Array.
 * A million purchases of 350,000 customers cost the worker a Map lookup of a text per purchase
 * before; now an array lookup by the text's code. O(rows + distinct texts).
 */
import { idText, parseDay, type TransactionTable } from "../../core";
import { cellNumber, Collector, finishTransactions, isBlank, need, TRANSACTION_REQUIRED, type Mapping } from "./parse";
import { cellReader, columnTexts, NULL, NUMBER, UNDEFINED, type PackedRows } from "./transfer";

/**
 * `read(cell)` of the cell at row i of column j, with `read` applied once per distinct text of the
 * column (its result kept by the text's code), to the number itself for a number cell, and to the
 * cell as unpacking gives it for anything else.
 */
function memo<T>(p: PackedRows, j: number, cell: (j: number, i: number) => unknown, read: (v: unknown) => T): (i: number) => T {
  if (j >= p.width) {
    const blank = read(undefined);
    return () => blank;
  }
  const { codes, numbers } = p.columns[j];
  const texts = columnTexts(p.columns[j]);
  const known = new Array<T>(texts.length);
  const done = new Uint8Array(texts.length);
  return (i) => {
    const k = codes[i];
    if (k === NUMBER) return read(numbers[i]);
    if (k < 0) return read(cell(j, i));
    if (done[k] === 0) {
      known[k] = read(texts[k]);
      done[k] = 1;
    }
    return known[k];
  };
}

/**
 * A customer's number by row, in order of first appearance (-1 for an empty id), without a Map,
 * where the id column holds only texts (and blanks) that need no trimming: the packer keeps each
 * distinct text once, so distinct codes are distinct ids and a code's first row numbers it. The
 * 350,000 Map insertions of a million purchases were half of the worker's read. Undefined where
 * the column has numbers, booleans or texts with spaces at an end (the caller uses the Map).
 */
function directIds(p: PackedRows, idCol: number, ids: string[]): ((i: number) => number) | undefined {
  if (idCol >= p.width) return undefined;
  const col = p.columns[idCol];
  if (col.others.length > 0) return undefined;
  const { codes } = col;
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i];
    if (k < 0 && k !== NULL && k !== UNDEFINED) return undefined;
  }
  const texts = columnTexts(col);
  // idText trims what \s matches (white space and line terminators).
  if (texts.some((t) => /^\s|\s$/.test(t))) return undefined;
  const number = new Int32Array(texts.length).fill(-1);
  return (i) => {
    const k = codes[i];
    if (k < 0 || texts[k] === "") return -1;
    let c = number[k];
    if (c < 0) {
      c = number[k] = ids.length;
      ids.push(texts[k]);
    }
    return c;
  };
}

/** Whether every cell of row i is blank (./parse.ts isBlank), as `rowReader(p).rowAt(i).every(isBlank)`. */
function blankRows(p: PackedRows): (i: number) => boolean {
  const cols = p.columns.map((c) => ({ codes: c.codes, blankText: Uint8Array.from(columnTexts(c), (t) => (isBlank(t) ? 1 : 0)) }));
  return (i) => {
    for (const { codes, blankText } of cols) {
      const k = codes[i];
      // A text that is not blank, a number, a boolean or any other object: not blank.
      if (k >= 0 ? blankText[k] === 0 : k !== NULL && k !== UNDEFINED) return false;
    }
    return true;
  };
}

/** toTransactionsOf(header, rowReader(p), mapping, top, dateFormatted) (./parse.ts), read by column. @throws InputIssue as it does. */
export function toTransactionsPacked(header: readonly string[], p: PackedRows, mapping: Mapping, top = 2, dateFormatted = false): TransactionTable {
  need(mapping, TRANSACTION_REQUIRED);
  const idCol = mapping.id as number, dateCol = mapping.date as number, amountCol = mapping.amount as number;
  const costCol = mapping.cost, marginCol = mapping.margin, qtyCol = mapping.quantity;
  const n = p.length;
  const cell = cellReader(p);
  const blank = blankRows(p);
  const index = new Map<string, number>();
  const ids: string[] = [];
  // A customer's number, in order of first appearance; -1 for an empty id.
  const customerOf = directIds(p, idCol, ids) ?? memo(p, idCol, cell, (v) => {
    const id = idText(v);
    if (id === "") return -1;
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      ids.push(id);
      index.set(id, c);
    }
    return c;
  });
  const dayOf = memo(p, dateCol, cell, (v) => parseDay(v, { dateFormatted }));
  const amountOf = memo(p, amountCol, cell, cellNumber);
  // An optional figure: null for a blank cell (NaN, not an error), NaN for a bad one.
  const optional = (col: number | undefined) => (col === undefined ? undefined : memo(p, col, cell, (v) => (isBlank(v) ? null : cellNumber(v))));
  const costOf = optional(costCol), marginOf = optional(marginCol), qtyOf = optional(qtyCol);
  const customer = new Int32Array(n), day = new Int32Array(n), amount = new Float64Array(n);
  const cost = costOf ? new Float64Array(n) : undefined;
  const margin = marginOf ? new Float64Array(n) : undefined;
  const quantity = qtyOf ? new Float64Array(n) : undefined;
  const badDates = new Collector(), badAmounts = new Collector(), emptyIds = new Collector();
  const badOptional = new Map<number, Collector>();
  const optionalAt = (of: (i: number) => number | null, col: number, i: number): number => {
    const x = of(i);
    if (x === null) return NaN;
    if (Number.isNaN(x)) {
      let c = badOptional.get(col);
      if (!c) badOptional.set(col, (c = new Collector()));
      c.add(top + i, cell(col, i));
    }
    return x;
  };
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (blank(i)) continue;
    const c = customerOf(i);
    if (c < 0) {
      emptyIds.add(top + i, cell(idCol, i));
      continue;
    }
    const d = dayOf(i);
    if (Number.isNaN(d)) badDates.add(top + i, cell(dateCol, i));
    const a = amountOf(i);
    if (Number.isNaN(a)) badAmounts.add(top + i, cell(amountCol, i));
    customer[k] = c;
    day[k] = d;
    amount[k] = a;
    if (cost && costOf) cost[k] = optionalAt(costOf, costCol as number, i);
    if (margin && marginOf) margin[k] = optionalAt(marginOf, marginCol as number, i);
    if (quantity && qtyOf) quantity[k] = optionalAt(qtyOf, qtyCol as number, i);
    k++;
  }
  return finishTransactions(header, { idCol, dateCol, amountCol }, { emptyIds, badDates, badAmounts, badOptional }, { customer, ids, day, amount, cost, margin, quantity }, k);
}
