/**
 * Transactions → per-customer summary (docs/summary.md §1–§6), the same figures as
 * `lifetimes.utils.summary_data_from_transaction_data` (Davidson-Pilon et al., lifetimes 0.11,
 * utils.py): the CDNOW parity test (docs/summary.md §7) checks frequency, recency, T and monetary
 * for all 2,357 customers of the sample.
 *
 * Per customer, with the observation end `end` (default: the last date in the data; rows after
 * it are excluded, customers with no row up to it are left out) and days per unit `u`:
 * - purchase periods (a day by default; a week or a calendar month with `purchasePeriod`,
 *   ./period.ts, docs/engines.md §2, where "day" below reads "period" and times are whole periods):
 *   purchase days: the days with at least one row whose amount is > 0; several rows of a customer
 *   on one day are one purchase, their amounts (returns and corrections included) summed
 *   (docs/inputs.md §6). A day with only rows ≤ 0 is not a purchase; its amount still counts in
 *   `revenue`, `margin` and the period amounts;
 * - `frequency` x = purchase days − 1 (repeat purchases);
 * - `recency` t_x = (last purchase day − first purchase day) / u;
 * - `T` = (end − first purchase day) / u;
 * - `monetary` = mean net amount of the repeat purchase days (the first excluded), 0 when x = 0
 *   (lifetimes' `monetary_value`, the `zbar` of Fader, Hardie & Lee 2005);
 * - `revenue` = sum of all amounts up to `end`; `margin` = Σ(amount − cost) when a cost column is
 *   given (a row with a blank cost contributes no margin), else Σ margin when a margin column is
 *   given, else null;
 * - `first`, `last` = first and last purchase day numbers; `orders` = rows with amount > 0. A
 *   customer with no purchase day (only rows of 0 or less) has x = 0, t_x = 0, first = last = the
 *   day of its first row and T from there: a one-time buyer, as docs/summary.md §1 says;
 * - `periodAmounts`: net amount in each of the last N periods of L days ending at `end`,
 *   oldest first (period j back from the end covers days in (end − (j+1)·L, end − j·L]);
 *   default N = 4, L = 365.25/4 (quarters), for the life cycle (docs/lifecycle.md §2);
 * - `exitPeriodAmounts`: the same N periods but ending at the customer's last purchase, for the
 *   stage a churned customer left in (the exit pattern, docs/lifecycle.md §5);
 * - `activePeriods` / `observedPeriods`: periods (of L days, back from `end`) since the first
 *   purchase with at least one purchase / in all; their ratio is the repeat rate of docs/summary.md §6.
 *
 * Cost: O(n + C log C) time for n rows and C customers (a stable counting sort by customer that
 * gathers day and amount, an insertion sort of each customer's few rows by day, then one pass),
 * O(n) extra memory. Rows are ordered by (day, amount, cost, margin) before summing, so the result
 * does not depend on the order of the rows, to the last bit.
 *
 * Every sum is checked: an amount that is not finite, or amounts adding up past the largest double
 * (1.8e308), is an error naming the row or the customer, never an Infinity in the output.
 *
 * @throws CvaError EMPTY_INPUT when no row falls on or before `end`; INVALID_DATE for a bad `end`;
 *   INVALID_NUMBER for a non-finite amount or a customer's sum past 1.8e308.
 * @example
 *   const t = transactionTable([
 *     { customerId: "a", date: "2024-01-01", amount: 10 },
 *     { customerId: "a", date: "2024-01-15", amount: 30 },
 *   ]);
 *   summarize(t, { unit: "weeks", end: "2024-01-29" })[0]
 *   // { customerId: "a", frequency: 1, recency: 2, T: 4, monetary: 30, revenue: 40, ... }
 */
import { CvaError, ErrorCodes } from "../errors";
import type { CvaWarning } from "../warnings";
import { formatDay } from "./dates";
import type { TransactionTable } from "./transactions";
import { summaryColumns, summaryObjects, type CustomerSummary, type SummaryColumns } from "./customer-summary";
import { leadingZeros, sortPresent } from "./id-order";
import { PERIOD_DAYS, periodIndex } from "./period";
import { resolveSummarySettings, type SummaryOptions, type SummarySettings } from "./settings";
import { summaryWarnings, type SummaryCheckOptions } from "./summary-warnings";

/** Per-customer summary; see the module comment. Customers come out sorted by id (compareIds, ./id-order.ts). */
export function summarize(table: TransactionTable, options: SummaryOptions = {}): CustomerSummary[] {
  return summarizeWithSettings(table, resolveSummarySettings(table, options));
}

/** {@link summarize} with resolved settings. */
export function summarizeWithSettings(table: TransactionTable, s: SummarySettings): CustomerSummary[] {
  return summaryObjects(summarizeColumns(table, s));
}

/** {@link summarize} with resolved settings, by column (docs/output.md §9): what `analyze` keeps. */
export function summarizeColumns(table: TransactionTable, s: SummarySettings): SummaryColumns {
  const n = table.length;
  const { customer, day, amount } = table;
  const cost = table.cost;
  const marginCol = table.margin;
  const qty = table.quantity;
  const C = table.ids.length;
  const end = s.end;

  // Stable counting sort of the rows up to the end by customer, gathering day and amount, so the
  // per-customer pass below reads memory sequentially.
  const custStart = new Int32Array(C + 1);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (day[i] <= end) {
      custStart[customer[i] + 1]++;
      kept++;
    }
  }
  if (kept === 0) {
    throw n === 0 ? CvaError.keyed(ErrorCodes.EmptyInput, "tx.none") : CvaError.keyed(ErrorCodes.EmptyInput, "tx.noneBeforeEnd", { end: formatDay(end) }, { argument: "end" });
  }
  for (let c = 0; c < C; c++) custStart[c + 1] += custStart[c];
  const cursor = custStart.slice(0, C);
  const sDay = new Int32Array(kept);
  const sAmt = new Float64Array(kept);
  const sRow = new Int32Array(kept);
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d <= end) {
      const k = cursor[customer[i]]++;
      const a = amount[i];
      if (a - a !== 0) throw CvaError.keyed(ErrorCodes.InvalidNumber, "amount.notFiniteRow", { row: i + 1, got: String(a) }, { row: i + 1 });
      sDay[k] = d;
      sAmt[k] = a;
      sRow[k] = i;
    }
  }

  // Customers with rows, in id order.
  const ids = table.ids;
  const present: number[] = [];
  const zeros = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    if (custStart[c + 1] > custStart[c]) {
      present.push(c);
      zeros[c] = leadingZeros(ids[c]);
    }
  }
  sortPresent(present, ids, zeros);

  const out = summaryColumns(present.length, s.periodCount, cost !== undefined || marginCol !== undefined, qty !== undefined);
  const columns = { cost, margin: marginCol, quantity: qty };
  for (let p = 0; p < present.length; p++) {
    const c = present[p];
    const lo = custStart[c];
    const hi = custStart[c + 1];
    sortCustomerRows(sDay, sAmt, sRow, lo, hi, cost, marginCol);
    summarizeCustomerInto(out, p, ids[c], { day: sDay, amount: sAmt, row: sRow, lo, hi }, columns, s);
  }
  return out;
}

/** One customer's rows, sorted by (day, amount, cost, margin): positions [lo, hi) of `day` and `amount`; `row` gives each one's index in the optional columns. */
export interface CustomerRows {
  day: ArrayLike<number>;
  amount: ArrayLike<number>;
  row: ArrayLike<number>;
  lo: number;
  hi: number;
}

/**
 * Customer `p`'s summary (id `id`) from its rows, sorted by (day, amount, cost, margin), into
 * `out`: the figures of the module comment, every sum added in the rows' order. `columns` are the
 * table's optional cost, margin and quantity columns, indexed by `rows.row`. The one loop of every
 * summary: summarizeColumns runs it on a table's rows, and an engine that sorts the rows itself
 * (src/cli/engine/duckdb-analyze.ts) runs it on each customer's rows as they arrive.
 * @throws CvaError INVALID_NUMBER when a sum passes 1.8e308.
 */
export function summarizeCustomerInto(
  out: SummaryColumns,
  p: number,
  id: string,
  rows: CustomerRows,
  columns: { cost?: ArrayLike<number>; margin?: ArrayLike<number>; quantity?: ArrayLike<number> },
  s: SummarySettings,
): void {
  const { day: sDay, amount: sAmt, row: sRow, lo, hi } = rows;
  const { cost, margin: marginCol, quantity: qty } = columns;
  const end = s.end;
  const u = s.daysPerUnit;
  const byDay = s.purchasePeriod === "day";
  const periodLength = PERIOD_DAYS[s.purchasePeriod];
  const N = s.periodCount;
  const L = s.periodDays;
  const { periodAmounts, exitPeriodAmounts } = out;
  let purchaseDays = 0;
  let firstPeriod = NaN;
  let lastPeriod = NaN;
  let firstPurchase = -1;
  let lastPurchase = -1;
  let repeatSum = 0;
  let revenue = 0;
  let margin = 0;
  let quantity = 0;
  let orders = 0;
  const at = p * N;
  let activePeriods = 0;
  let lastActiveIndex = -1;
  for (let k = lo; k < hi; ) {
    const d = sDay[k];
    let dayAmount = 0;
    let isPurchase = false;
    while (k < hi && sDay[k] === d) {
      const i = sRow[k];
      const a = sAmt[k];
      dayAmount += a;
      if (a > 0) {
        isPurchase = true;
        orders++;
      }
      if (cost) {
        const ci = cost[i];
        if (ci === ci) margin += a - ci;
      } else if (marginCol) {
        const mi = marginCol[i];
        if (mi === mi) margin += mi;
      }
      if (qty) {
        const q = qty[i];
        if (q === q) quantity += q;
      }
      k++;
    }
    revenue += dayAmount;
    const j = Math.floor((end - d) / L);
    if (j < N) periodAmounts[at + N - 1 - j] += dayAmount;
    if (isPurchase) {
      // With a week or month period, the purchase days of one period are one purchase (./period.ts).
      const pk = byDay ? d : periodIndex(d, s.purchasePeriod);
      if (purchaseDays === 0) {
        firstPurchase = d;
        firstPeriod = pk;
      } else if (pk !== firstPeriod) repeatSum += dayAmount;
      if (pk !== lastPeriod) {
        purchaseDays++;
        lastPeriod = pk;
      }
      lastPurchase = d;
      if (j !== lastActiveIndex) {
        activePeriods++;
        lastActiveIndex = j;
      }
    }
  }
  // No purchase day (only rows of 0 or less): a one-time buyer at its first row, so that
  // recency, first and last agree (docs/summary.md §1).
  const first = purchaseDays > 0 ? firstPurchase : sDay[lo];
  const last = purchaseDays > 0 ? lastPurchase : first;
  for (let k = lo; k < hi; k++) {
    const d = sDay[k];
    if (d > last) break;
    const j = Math.floor((last - d) / L);
    if (j < N) exitPeriodAmounts[at + N - 1 - j] += sAmt[k];
  }
  const frequency = purchaseDays > 0 ? purchaseDays - 1 : 0;
  const monetary = frequency > 0 ? repeatSum / frequency : 0;
  // A sum past 1.8e308 is Infinity (and Infinity − Infinity NaN): x − x ≠ 0 catches both.
  let finite = revenue - revenue === 0 && margin - margin === 0 && quantity - quantity === 0 && monetary - monetary === 0;
  for (let j = at; j < at + N; j++) finite = finite && periodAmounts[j] - periodAmounts[j] === 0 && exitPeriodAmounts[j] - exitPeriodAmounts[j] === 0;
  if (!finite) throw CvaError.keyed(ErrorCodes.InvalidNumber, "amount.sumTooLarge", { id });
  out.ids[p] = id;
  out.frequency[p] = frequency;
  if (byDay) {
    out.recency[p] = (last - first) / u;
    out.T[p] = (end - first) / u;
  } else {
    const f = periodIndex(first, s.purchasePeriod);
    out.recency[p] = ((periodIndex(last, s.purchasePeriod) - f) * periodLength) / u;
    out.T[p] = ((periodIndex(end, s.purchasePeriod) - f) * periodLength) / u;
  }
  out.monetary[p] = monetary;
  out.revenue[p] = revenue;
  if (out.margin) out.margin[p] = margin;
  if (out.quantity) out.quantity[p] = quantity;
  out.first[p] = first;
  out.last[p] = last;
  out.orders[p] = orders;
  out.activePeriods[p] = activePeriods;
  out.observedPeriods[p] = Math.floor((end - first) / L) + 1;
}

/**
 * {@link summarize} with the settings it resolved and its {@link summaryWarnings}.
 * @example summarizeWithWarnings(table, { today: 45800 }).warnings
 */
export function summarizeWithWarnings(
  table: TransactionTable,
  options: SummaryOptions & SummaryCheckOptions = {},
): { summaries: CustomerSummary[]; settings: SummarySettings; warnings: CvaWarning[] } {
  const settings = resolveSummarySettings(table, options);
  const summaries = summarizeWithSettings(table, settings);
  return { summaries, settings, warnings: summaryWarnings(table, settings, summaries, options) };
}

/**
 * Sorts one customer's rows [lo, hi) of the gathered arrays by (day, amount, cost, margin), so that
 * days come in order and same-day sums do not depend on the input order. Customers have few rows:
 * insertion sort, with an index sort for long runs.
 */
function sortCustomerRows(
  sDay: Int32Array,
  sAmt: Float64Array,
  sRow: Int32Array,
  lo: number,
  hi: number,
  cost: Float64Array | undefined,
  margin: Float64Array | undefined,
): void {
  if (hi - lo < 2) return;
  const tie = (ri: number, rj: number): number => {
    if (cost) {
      const c = cmpNaNLast(cost[ri], cost[rj]);
      if (c !== 0) return c;
    }
    if (margin) return cmpNaNLast(margin[ri], margin[rj]);
    return 0;
  };
  if (hi - lo <= 64) {
    for (let a = lo + 1; a < hi; a++) {
      const d = sDay[a];
      const am = sAmt[a];
      const r = sRow[a];
      let b = a - 1;
      while (b >= lo && (sDay[b] > d || (sDay[b] === d && (sAmt[b] > am || (sAmt[b] === am && tie(sRow[b], r) > 0))))) {
        sDay[b + 1] = sDay[b];
        sAmt[b + 1] = sAmt[b];
        sRow[b + 1] = sRow[b];
        b--;
      }
      sDay[b + 1] = d;
      sAmt[b + 1] = am;
      sRow[b + 1] = r;
    }
    return;
  }
  const idx: number[] = [];
  for (let k = lo; k < hi; k++) idx.push(k);
  idx.sort((x, y) => sDay[x] - sDay[y] || (sAmt[x] < sAmt[y] ? -1 : sAmt[x] > sAmt[y] ? 1 : 0) || tie(sRow[x], sRow[y]));
  const d2 = idx.map((k) => sDay[k]);
  const a2 = idx.map((k) => sAmt[k]);
  const r2 = idx.map((k) => sRow[k]);
  sDay.set(d2, lo);
  sAmt.set(a2, lo);
  sRow.set(r2, lo);
}

function cmpNaNLast(x: number, y: number): number {
  if (x === y) return 0;
  if (x !== x) return y !== y ? 0 : 1;
  if (y !== y) return -1;
  return x < y ? -1 : 1;
}
