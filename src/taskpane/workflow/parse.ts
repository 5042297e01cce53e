/**
 * Range values → the value model's inputs (docs/inputs.md §1–§6). Pure: no Office, no React, so the
 * benchmark and the tests run it as is.
 *
 * - {@link recognise}: transactions or customer profiles, from the headers (English or Chinese,
 *   through core's `matchColumns`), with the columns found for each role;
 * - {@link toTransactions}: rows → core's columnar TransactionTable in one pass (no per-row
 *   objects). Dates are Excel serial numbers (date-formatted cells come back as numbers) or ISO
 *   text; amounts are numbers or numeric text ("1,234.50", "¥12"). Bad cells are collected and
 *   reported with the first few worksheet rows named;
 * - {@link toProfiles}: rows → CustomerProfile objects.
 */
import {
  idText,
  matchColumns,
  parseDay,
  PROFILE_SYNONYMS,
  TRANSACTION_SYNONYMS,
  type CustomerProfile,
  type ProfileColumn,
  type TransactionColumn,
  type TransactionTable,
} from "../../core";

export type SourceKind = "transactions" | "profiles";

/** Roles the pane maps for each kind, in display order; the first ones are required. */
export const TRANSACTION_ROLES = ["id", "date", "amount", "cost", "margin", "quantity"] as const satisfies readonly TransactionColumn[];
export const TRANSACTION_REQUIRED: readonly TransactionColumn[] = ["id", "date", "amount"];
export const PROFILE_ROLES = [
  "id", "frequency", "recency", "T", "monetary", "revenue", "margin", "clv", "pAlive",
  "product", "service", "personnel", "image", "money", "time", "energy", "physical", "sensory", "quality", "price",
  "complaints", "complaintRate", "priceSensitivity", "reputation", "designation", "repeatRate", "referrals",
] as const satisfies readonly ProfileColumn[];
export const PROFILE_REQUIRED: readonly ProfileColumn[] = ["id"];

export type Mapping = Partial<Record<string, number>>;

export interface Recognition {
  /** The kind the headers suggest; null when neither fits. */
  kind: SourceKind | null;
  transactions: Mapping;
  profiles: Mapping;
}

/** Recognises the kind of a range from its header. O(headers × synonyms). */
export function recognise(header: readonly string[]): Recognition {
  const transactions = matchColumns<TransactionColumn>(header, TRANSACTION_SYNONYMS, []) as Mapping;
  const profiles = matchColumns<ProfileColumn>(header, PROFILE_SYNONYMS, []) as Mapping;
  const isTx = TRANSACTION_REQUIRED.every((r) => transactions[r] !== undefined);
  const profileExtras = PROFILE_ROLES.filter((r) => r !== "id" && profiles[r] !== undefined).length;
  let kind: SourceKind | null = null;
  if (isTx) kind = "transactions";
  else if (profiles.id !== undefined && profileExtras > 0) kind = "profiles";
  return { kind, transactions, profiles };
}

/** A cell that could not be read: its worksheet row and its text. */
export interface BadCell {
  row: number;
  text: string;
}

/**
 * Input that cannot be analysed, with what the pane needs to say so in the user's language:
 * which column, and the first bad rows (worksheet row numbers).
 */
export class InputIssue extends Error {
  readonly name = "InputIssue";
  constructor(
    readonly code: "missingColumn" | "badDates" | "badAmounts" | "emptyIds" | "noRows",
    readonly column: string,
    readonly cells: BadCell[],
    readonly count: number,
  ) {
    super(
      code === "missingColumn"
        ? `missing column for ${column}`
        : `column "${column}": ${count} cell(s) cannot be read, first at row(s) ${cells.map((c) => c.row).join(", ")}`,
    );
  }
}

export function isInputIssue(e: unknown): e is InputIssue {
  return e instanceof Error && (e as { name?: string }).name === "InputIssue";
}

const SHOWN = 3;

/** Worksheet row of the first data row, from an address like "Sheet1!B3:E90" (→ 4). */
export function firstDataRow(address: string): number {
  const m = /!?\$?[A-Z]+\$?(\d+)/i.exec(address.slice(address.lastIndexOf("!") + 1));
  return (m ? Number(m[1]) : 1) + 1;
}

/** A number from a cell: numbers as they are; text with thousands separators or a currency sign. NaN otherwise. */
export function cellNumber(v: unknown): number {
  if (typeof v === "number") return Number.isFinite(v) ? v : NaN;
  if (typeof v !== "string") return NaN;
  const s = v.trim().replace(/^[$¥€£￥]\s*/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  if (s === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/**
 * A blank cell: "" as Range.values returns an empty cell, or null / undefined as some hosts and
 * paths hand a blank over (docs/inputs.md §8).
 */
export function isBlank(v: unknown): boolean {
  return v === "" || v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function cellText(v: unknown): string {
  return typeof v === "string" ? v : String(v ?? "");
}

/** The bad cells of a column: the first few, and how many. */
export class Collector {
  cells: BadCell[] = [];
  count = 0;
  add(row: number, v: unknown): void {
    if (this.cells.length < SHOWN) this.cells.push({ row, text: cellText(v) });
    this.count++;
  }
}

export function need(mapping: Mapping, roles: readonly string[]): void {
  for (const r of roles) if (mapping[r] === undefined) throw new InputIssue("missingColumn", r, [], 0);
}

/**
 * Rows of a transactions range → core's TransactionTable. O(rows). Blank rows (no id, date or
 * amount) are skipped.
 * @param top worksheet row of rows[0], for messages
 * @param dateFormatted the date column is formatted as dates in the workbook, so a small number in
 *   it (5, 2024) is an Excel date; otherwise it is not a date (docs/inputs.md §5)
 * @throws InputIssue naming the column and the first bad rows.
 */
export function toTransactions(header: readonly string[], rows: readonly (readonly unknown[])[], mapping: Mapping, top = 2, dateFormatted = false): TransactionTable {
  return toTransactionsOf(header, { length: rows.length, rowAt: (i) => rows[i] }, mapping, top, dateFormatted);
}

/**
 * Rows handed one at a time (the analysis worker's packed columns, ./transfer.ts rowReader): a
 * row is read only until the next is asked for, so the reader may hand the same array refilled.
 */
export interface RowSource {
  length: number;
  rowAt(i: number): readonly unknown[];
}

/** {@link toTransactions} of rows handed one at a time. */
export function toTransactionsOf(header: readonly string[], rows: RowSource, mapping: Mapping, top = 2, dateFormatted = false): TransactionTable {
  need(mapping, TRANSACTION_REQUIRED);
  const idCol = mapping.id as number, dateCol = mapping.date as number, amountCol = mapping.amount as number;
  const opt = (k: string) => mapping[k];
  const costCol = opt("cost"), marginCol = opt("margin"), qtyCol = opt("quantity");
  const n = rows.length;
  const customer = new Int32Array(n), day = new Int32Array(n), amount = new Float64Array(n);
  const cost = costCol !== undefined ? new Float64Array(n) : undefined;
  const margin = marginCol !== undefined ? new Float64Array(n) : undefined;
  const quantity = qtyCol !== undefined ? new Float64Array(n) : undefined;
  const index = new Map<string, number>();
  const ids: string[] = [];
  const badDates = new Collector(), badAmounts = new Collector(), emptyIds = new Collector();
  const badOptional = new Map<number, Collector>();
  let k = 0;
  for (let i = 0; i < n; i++) {
    const r = rows.rowAt(i);
    const idCell = r[idCol], dateCell = r[dateCol], amountCell = r[amountCol];
    // A row blank in every cell read (or a skipped hidden one) is no purchase, as in the CLI; a row
    // with only a cost or a quantity is named below, never dropped.
    if (r.every(isBlank)) continue;
    const id = idText(idCell);
    if (id === "") {
      emptyIds.add(top + i, idCell);
      continue;
    }
    const d = parseDay(dateCell, { dateFormatted });
    if (Number.isNaN(d)) badDates.add(top + i, dateCell);
    const a = cellNumber(amountCell);
    if (Number.isNaN(a)) badAmounts.add(top + i, amountCell);
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      ids.push(id);
      index.set(id, c);
    }
    customer[k] = c;
    day[k] = d;
    amount[k] = a;
    if (cost) cost[k] = optionalNumber(r[costCol as number], top + i, costCol as number, badOptional);
    if (margin) margin[k] = optionalNumber(r[marginCol as number], top + i, marginCol as number, badOptional);
    if (quantity) quantity[k] = optionalNumber(r[qtyCol as number], top + i, qtyCol as number, badOptional);
    k++;
  }
  return finishTransactions(header, { idCol, dateCol, amountCol }, { emptyIds, badDates, badAmounts, badOptional }, { customer, ids, day, amount, cost, margin, quantity }, k);
}

/** The bad cells a transactions reader collected, by kind (a bad cost, margin or quantity by its column). */
export interface TransactionIssues {
  emptyIds: Collector;
  badDates: Collector;
  badAmounts: Collector;
  badOptional: Map<number, Collector>;
}

/**
 * The end of a transactions reader (this file's and ./parse-packed.ts'): the first kind of bad
 * cell found — empty ids, then dates, then amounts, then an optional number column — as an
 * InputIssue naming its column, none read, or the table of the first `k` rows of each column.
 */
export function finishTransactions(
  header: readonly string[],
  cols: { idCol: number; dateCol: number; amountCol: number },
  issues: TransactionIssues,
  t: { customer: Int32Array; ids: string[]; day: Int32Array; amount: Float64Array; cost?: Float64Array; margin?: Float64Array; quantity?: Float64Array },
  k: number,
): TransactionTable {
  const { emptyIds, badDates, badAmounts, badOptional } = issues;
  if (emptyIds.count > 0) throw new InputIssue("emptyIds", header[cols.idCol], emptyIds.cells, emptyIds.count);
  if (badDates.count > 0) throw new InputIssue("badDates", header[cols.dateCol], badDates.cells, badDates.count);
  if (badAmounts.count > 0) throw new InputIssue("badAmounts", header[cols.amountCol], badAmounts.cells, badAmounts.count);
  for (const [col, bad] of badOptional) throw new InputIssue("badAmounts", header[col], bad.cells, bad.count);
  if (k === 0) throw new InputIssue("noRows", header[cols.idCol], [], 0);
  return {
    length: k,
    customer: t.customer.subarray(0, k),
    ids: t.ids,
    day: t.day.subarray(0, k),
    amount: t.amount.subarray(0, k),
    cost: t.cost?.subarray(0, k),
    margin: t.margin?.subarray(0, k),
    quantity: t.quantity?.subarray(0, k),
  };
}

function optionalNumber(v: unknown, row: number, col: number, bad: Map<number, Collector>): number {
  if (isBlank(v)) return NaN;
  const x = cellNumber(v);
  if (Number.isNaN(x)) {
    let c = bad.get(col);
    if (!c) bad.set(col, (c = new Collector()));
    c.add(row, v);
  }
  return x;
}

/**
 * Rows of a profiles range → CustomerProfile objects (blank cells are "not known"). O(cells).
 * `sheetRows`, when given, receives each profile's worksheet row (blank rows are skipped, so the
 * n-th profile is not always on row top + n − 1).
 * @throws InputIssue for an empty id or a cell that is not a number.
 */
export function toProfiles(header: readonly string[], rows: readonly (readonly unknown[])[], mapping: Mapping, top = 2, sheetRows?: number[]): CustomerProfile[] {
  need(mapping, PROFILE_REQUIRED);
  const idCol = mapping.id as number;
  const roles = PROFILE_ROLES.filter((r) => r !== "id" && mapping[r] !== undefined);
  const out: CustomerProfile[] = [];
  const emptyIds = new Collector();
  const bad = new Map<number, Collector>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.every(isBlank)) continue;
    const id = idText(r[idCol]);
    if (id === "") {
      emptyIds.add(top + i, r[idCol]);
      continue;
    }
    const p: CustomerProfile = { customerId: id };
    for (const role of roles) {
      const col = mapping[role] as number;
      const v = optionalNumber(r[col], top + i, col, bad);
      (p as unknown as Record<string, number | null>)[role] = Number.isNaN(v) ? null : v;
    }
    out.push(p);
    sheetRows?.push(top + i);
  }
  if (emptyIds.count > 0) throw new InputIssue("emptyIds", header[idCol], emptyIds.cells, emptyIds.count);
  for (const [col, c] of bad) throw new InputIssue("badAmounts", header[col], c.cells, c.count);
  if (out.length === 0) throw new InputIssue("noRows", header[idCol], [], 0);
  return out;
}
