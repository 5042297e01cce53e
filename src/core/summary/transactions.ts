/**
 * Transactions in columnar form (docs/inputs.md §3): one entry per purchase row,
 * customer ids interned to small integers, dates as integer day numbers (see `dates.ts`),
 * amounts in a Float64Array. This is the shape the summary works on: no per-row objects,
 * no `Date`, so a million rows cost a few typed arrays.
 *
 * {@link transactionTable} builds one from row objects (what the task pane reads from a sheet);
 * the CLI builds one straight from CSV bytes.
 */
import { CvaError, ErrorCodes } from "../errors";
import { given } from "../i18n/errors";
import { requireDay, type DateReadOptions } from "./dates";

export interface TransactionTable {
  /** Number of rows. */
  length: number;
  /** Per row, the index of its customer in `ids`. */
  customer: Int32Array;
  /** Distinct customer ids; `ids[customer[i]]` is row i's customer. */
  ids: string[];
  /** Per row, the day number (Excel serial, days since 1899-12-30). */
  day: Int32Array;
  /** Per row, the amount (≤ 0 for a return or correction, netted into its day). */
  amount: Float64Array;
  /** Per row, the cost of the goods sold; margin = amount − cost. NaN where missing (margin 0). */
  cost?: Float64Array;
  /** Per row, the margin itself (used when no cost column is given). NaN where missing. */
  margin?: Float64Array;
  /** Per row, the quantity (units). NaN where missing. */
  quantity?: Float64Array;
}

/** One purchase as a row object. */
export interface Transaction {
  customerId: string | number;
  /** Excel serial number or ISO text. */
  date: string | number;
  amount: number;
  cost?: number;
  margin?: number;
  quantity?: number;
}

/** A customer id cell as text: numbers without a trailing ".0", text trimmed. */
export function idText(value: unknown): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path only: a number is never nullish and its text has no spaces, so String(value ?? "").trim() below gives the same text
  if (typeof value === "number") return String(value);
  return String(value ?? "").trim();
}

/**
 * Builds a {@link TransactionTable} from row objects. O(n); ids interned with a Map.
 * `options.dateFormatted`: the dates come from a date-formatted column, so small numbers are
 * Excel dates too (docs/inputs.md §5).
 * @throws CvaError MISSING for an empty id, INVALID_DATE for a bad date, INVALID_NUMBER
 *   for a non-finite amount; the message names the 1-based row.
 * @example transactionTable([{ customerId: "a", date: "1997-01-01", amount: 10 }]).ids // ["a"]
 */
export function transactionTable(rows: readonly Transaction[], options?: DateReadOptions): TransactionTable {
  const n = rows.length;
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const hasCost = rows.some((r) => r.cost !== undefined);
  const hasMargin = rows.some((r) => r.margin !== undefined);
  const hasQty = rows.some((r) => r.quantity !== undefined);
  const cost = hasCost ? new Float64Array(n) : undefined;
  const margin = hasMargin ? new Float64Array(n) : undefined;
  const quantity = hasQty ? new Float64Array(n) : undefined;
  const index = new Map<string, number>();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const id = idText(r.customerId);
    if (id === "") throw CvaError.keyed(ErrorCodes.Missing, "tx.emptyIdAt", { row: i + 1 }, { row: i + 1, column: "customerId" });
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      ids.push(id);
      index.set(id, c);
    }
    customer[i] = c;
    day[i] = requireDay(r.date, { row: i + 1, column: "date" }, options);
    amount[i] = requireFiniteCell(r.amount, i + 1, "amount");
    if (cost) cost[i] = r.cost === undefined ? NaN : requireFiniteCell(r.cost, i + 1, "cost");
    if (margin) margin[i] = r.margin === undefined ? NaN : requireFiniteCell(r.margin, i + 1, "margin");
    if (quantity) quantity[i] = r.quantity === undefined ? NaN : requireFiniteCell(r.quantity, i + 1, "quantity");
  }
  return { length: n, customer, ids, day, amount, cost, margin, quantity };
}

/** The number columns of a transaction as the messages name them. */
const COLUMN_NAMES = {
  amount: { "en-US": "amount", "zh-CN": "金额" },
  cost: { "en-US": "cost", "zh-CN": "成本" },
  margin: { "en-US": "margin", "zh-CN": "毛利" },
  quantity: { "en-US": "quantity", "zh-CN": "数量" },
} as const;

function requireFiniteCell(v: unknown, row: number, column: keyof typeof COLUMN_NAMES): number {
  // Stryker disable next-line ConditionalExpression: the typeof test narrows the type only: Number.isFinite is false for every value that is not a number (it does not convert), so without it the same cells throw
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw CvaError.keyed(ErrorCodes.InvalidNumber, "tx.notNumberAt", { row, column: COLUMN_NAMES[column], got: given(v) }, { row, column });
  }
  return v;
}
