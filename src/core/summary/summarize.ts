/**
 * Transactions → per-customer summary (DOMAIN.md §2), the same figures as
 * `lifetimes.utils.summary_data_from_transaction_data` (Davidson-Pilon et al., lifetimes 0.11,
 * utils.py): the CDNOW parity test checks frequency, recency, T and monetary for all 2,357
 * customers of the sample.
 *
 * Per customer, with the observation end `end` (default: the last date in the data; rows after
 * it are excluded, customers with no row up to it are left out) and days per unit `u`:
 * - purchase days: the days with at least one row whose amount is > 0; several rows of a customer
 *   on one day are one purchase, their amounts (returns and corrections included) summed
 *   (DOMAIN.md §1). A day with only rows ≤ 0 is not a purchase; its amount still counts in
 *   `revenue`, `margin` and the period amounts;
 * - `frequency` x = purchase days − 1 (repeat purchases);
 * - `recency` t_x = (last purchase day − first purchase day) / u;
 * - `T` = (end − first purchase day) / u;
 * - `monetary` = mean net amount of the repeat purchase days (the first excluded), 0 when x = 0
 *   (lifetimes' `monetary_value`, the `zbar` of Fader, Hardie & Lee 2005);
 * - `revenue` = sum of all amounts up to `end`; `margin` = Σ(amount − cost) when a cost column is
 *   given (a row with a blank cost contributes no margin), else Σ margin when a margin column is
 *   given, else null;
 * - `first`, `last` = first and last purchase day numbers (first and last row for a customer with
 *   no purchase day, only returns); `orders` = rows with amount > 0;
 * - `periodAmounts`: net amount in each of the last N periods of L days ending at `end`,
 *   oldest first (period j back from the end covers days in (end − (j+1)·L, end − j·L]);
 *   default N = 4, L = 365.25/4 (quarters), for the life cycle (DOMAIN.md §6);
 * - `exitPeriodAmounts`: the same N periods but ending at the customer's last purchase, for the
 *   stage a churned customer left in (the exit pattern, DOMAIN.md §6);
 * - `activePeriods` / `observedPeriods`: periods (of L days, back from `end`) since the first
 *   purchase with at least one purchase / in all; their ratio is the repeat rate of DOMAIN.md §8.
 *
 * Cost: O(n + C log C + D) time for n rows, C customers and a span of D days (two stable
 * counting sorts, by day then by customer; then one pass), O(n + D) extra memory. Rows of one
 * customer-day are summed in a canonical order (by amount, then cost, then margin), so the
 * result does not depend on the order of the rows, to the last bit.
 *
 * @throws CvaError EMPTY_INPUT when no row falls on or before `end`; INVALID_DATE for a bad `end`.
 * @example
 *   const t = transactionTable([
 *     { customerId: "a", date: "2024-01-01", amount: 10 },
 *     { customerId: "a", date: "2024-01-15", amount: 30 },
 *   ]);
 *   summarize(t, { unit: "weeks", end: "2024-01-29" })[0]
 *   // { customerId: "a", frequency: 1, recency: 2, T: 4, monetary: 30, revenue: 40, ... }
 */
import { CvaError, ErrorCodes } from "../errors";
import { requireDay } from "./dates";
import type { TransactionTable } from "./transactions";
import { daysPerUnit, normaliseUnit, type TimeUnit } from "./units";

export interface SummaryOptions {
  /** Time unit of recency and T; default "weeks" (DOMAIN.md §2). */
  unit?: TimeUnit | string;
  /** Observation end: day number or ISO text; default the last date in the data. */
  end?: number | string;
  /** Number of recent periods whose amounts are kept; default 4 (DOMAIN.md §2). */
  periodCount?: number;
  /** Length of a period in days; default 365.25/4 (a quarter). */
  periodDays?: number;
}

export interface CustomerSummary {
  customerId: string;
  /** Repeat purchase days (x). */
  frequency: number;
  /** Time from first to last purchase (t_x), in the unit. */
  recency: number;
  /** Time from first purchase to the observation end, in the unit. */
  T: number;
  /** Mean amount of the repeat purchase days; 0 when frequency is 0. */
  monetary: number;
  /** Net sum of all amounts. */
  revenue: number;
  /** Net margin when cost or margin is known, else null. */
  margin: number | null;
  /** Total quantity when a quantity column is given, else null. */
  quantity: number | null;
  /** Day number of the first purchase. */
  first: number;
  /** Day number of the last purchase. */
  last: number;
  /** Rows with amount > 0. */
  orders: number;
  /** Net amount in each of the last N periods before the end, oldest first. */
  periodAmounts: number[];
  /** Net amount in each of the N periods ending at the last purchase, oldest first. */
  exitPeriodAmounts: number[];
  /** Periods since the first purchase with at least one purchase. */
  activePeriods: number;
  /** Periods since the first purchase (at least 1). */
  observedPeriods: number;
}

/** The settings a summary was computed with (all defaults resolved). */
export interface SummarySettings {
  unit: TimeUnit;
  daysPerUnit: number;
  end: number;
  periodCount: number;
  periodDays: number;
}

export const DEFAULT_PERIOD_COUNT = 4;
export const DEFAULT_PERIOD_DAYS = 365.25 / 4;

/** Resolves the options against the data (the default end is the last day in the data). */
export function resolveSummarySettings(table: TransactionTable, options: SummaryOptions = {}): SummarySettings {
  const unit = normaliseUnit(options.unit ?? "weeks");
  let end: number;
  if (options.end === undefined) {
    if (table.length === 0) throw new CvaError(ErrorCodes.EmptyInput, "there are no transactions");
    let m = -Infinity;
    const day = table.day;
    for (let i = 0; i < table.length; i++) if (day[i] > m) m = day[i];
    end = m;
  } else {
    end = requireDay(options.end, { column: "end" });
  }
  const periodCount = options.periodCount ?? DEFAULT_PERIOD_COUNT;
  if (!Number.isInteger(periodCount) || periodCount < 1 || periodCount > 1000) {
    throw new CvaError(ErrorCodes.OutOfRange, `periodCount must be a whole number from 1 to 1000; got ${periodCount}`, { argument: "periodCount" });
  }
  const periodDays = options.periodDays ?? DEFAULT_PERIOD_DAYS;
  if (!Number.isFinite(periodDays) || periodDays < 1) {
    throw new CvaError(ErrorCodes.OutOfRange, `periodDays must be at least 1; got ${periodDays}`, { argument: "periodDays" });
  }
  return { unit, daysPerUnit: daysPerUnit(unit), end, periodCount, periodDays };
}

/** Compares customer ids: numerically when both are digit strings ("2" < "10"), else by code unit. */
export function compareIds(a: string, b: string): number {
  const da = isDigits(a);
  const db = isDigits(b);
  if (da && db) {
    const sa = stripZeros(a);
    const sb = stripZeros(b);
    if (sa.length !== sb.length) return sa.length - sb.length;
    if (sa !== sb) return sa < sb ? -1 : 1;
  } else if (da !== db) {
    return da ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function stripZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return s.slice(i);
}

/** Per-customer summary; see the module comment. Customers come out sorted by id ({@link compareIds}). */
export function summarize(table: TransactionTable, options: SummaryOptions = {}): CustomerSummary[] {
  return summarizeWithSettings(table, resolveSummarySettings(table, options));
}

/** {@link summarize} with resolved settings. */
export function summarizeWithSettings(table: TransactionTable, s: SummarySettings): CustomerSummary[] {
  const n = table.length;
  const { customer, day, amount } = table;
  const cost = table.cost;
  const marginCol = table.margin;
  const qty = table.quantity;
  const C = table.ids.length;
  const end = s.end;

  // Rows up to the end, and the day span.
  let minDay = Infinity;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d <= end) {
      kept++;
      if (d < minDay) minDay = d;
    }
  }
  if (kept === 0) {
    throw new CvaError(ErrorCodes.EmptyInput, n === 0 ? "there are no transactions" : "no transaction falls on or before the observation end");
  }
  const span = end - minDay + 1;

  // Stable counting sort by day, then by customer: rows grouped by customer, days ascending.
  const dayCount = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) if (day[i] <= end) dayCount[day[i] - minDay + 1]++;
  for (let k = 1; k <= span; k++) dayCount[k] += dayCount[k - 1];
  const byDay = new Int32Array(kept);
  for (let i = 0; i < n; i++) if (day[i] <= end) byDay[dayCount[day[i] - minDay]++] = i;
  const custStart = new Int32Array(C + 1);
  for (let k = 0; k < kept; k++) custStart[customer[byDay[k]] + 1]++;
  for (let c = 0; c < C; c++) custStart[c + 1] += custStart[c];
  const cursor = custStart.slice(0, C);
  const rows = new Int32Array(kept);
  for (let k = 0; k < kept; k++) {
    const i = byDay[k];
    rows[cursor[customer[i]]++] = i;
  }

  // Customers with rows, in id order.
  const present: number[] = [];
  for (let c = 0; c < C; c++) if (custStart[c + 1] > custStart[c]) present.push(c);
  const ids = table.ids;
  present.sort((a, b) => compareIds(ids[a], ids[b]));

  const u = s.daysPerUnit;
  const N = s.periodCount;
  const L = s.periodDays;
  const out: CustomerSummary[] = new Array(present.length);
  for (let p = 0; p < present.length; p++) {
    const c = present[p];
    const lo = custStart[c];
    const hi = custStart[c + 1];
    canonicaliseDays(rows, lo, hi, day, amount, cost, marginCol);

    let purchaseDays = 0;
    let firstPurchase = -1;
    let lastPurchase = -1;
    let repeatSum = 0;
    let revenue = 0;
    let margin = 0;
    let quantity = 0;
    let orders = 0;
    const periodAmounts = new Array<number>(N).fill(0);
    let activePeriods = 0;
    let lastActiveIndex = -1;
    for (let k = lo; k < hi; ) {
      const d = day[rows[k]];
      let dayAmount = 0;
      let isPurchase = false;
      while (k < hi && day[rows[k]] === d) {
        const i = rows[k];
        const a = amount[i];
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
      if (j < N) periodAmounts[N - 1 - j] += dayAmount;
      if (isPurchase) {
        if (purchaseDays === 0) firstPurchase = d;
        else repeatSum += dayAmount;
        purchaseDays++;
        lastPurchase = d;
        if (j !== lastActiveIndex) {
          activePeriods++;
          lastActiveIndex = j;
        }
      }
    }
    const first = purchaseDays > 0 ? firstPurchase : day[rows[lo]];
    const last = purchaseDays > 0 ? lastPurchase : day[rows[hi - 1]];
    const exitPeriodAmounts = new Array<number>(N).fill(0);
    for (let k = lo; k < hi; k++) {
      const d = day[rows[k]];
      if (d > last) break;
      const j = Math.floor((last - d) / L);
      if (j < N) exitPeriodAmounts[N - 1 - j] += amount[rows[k]];
    }
    const frequency = purchaseDays > 0 ? purchaseDays - 1 : 0;
    out[p] = {
      customerId: ids[c],
      frequency,
      recency: (last - first) / u,
      T: (end - first) / u,
      monetary: frequency > 0 ? repeatSum / frequency : 0,
      revenue,
      margin: cost || marginCol ? margin : null,
      quantity: qty ? quantity : null,
      first,
      last,
      orders,
      periodAmounts,
      exitPeriodAmounts,
      activePeriods,
      observedPeriods: Math.floor((end - first) / L) + 1,
    };
  }
  return out;
}

/**
 * Within each run of equal days in rows[lo, hi), orders the rows by (amount, cost, margin),
 * so that same-day sums do not depend on the input order. Runs are short; insertion sort.
 */
function canonicaliseDays(
  rows: Int32Array,
  lo: number,
  hi: number,
  day: Int32Array,
  amount: Float64Array,
  cost: Float64Array | undefined,
  margin: Float64Array | undefined,
): void {
  const less = (i: number, j: number): boolean => {
    if (amount[i] !== amount[j]) return amount[i] < amount[j];
    if (cost && cost[i] !== cost[j]) return cost[i] < cost[j] || (cost[i] === cost[i] && cost[j] !== cost[j]);
    if (margin && margin[i] !== margin[j]) return margin[i] < margin[j] || (margin[i] === margin[i] && margin[j] !== margin[j]);
    return false;
  };
  let k = lo;
  while (k < hi) {
    let e = k + 1;
    while (e < hi && day[rows[e]] === day[rows[k]]) e++;
    if (e - k > 1) {
      if (e - k <= 32) {
        for (let a = k + 1; a < e; a++) {
          const v = rows[a];
          let b = a - 1;
          while (b >= k && less(v, rows[b])) {
            rows[b + 1] = rows[b];
            b--;
          }
          rows[b + 1] = v;
        }
      } else {
        const run = Array.from(rows.subarray(k, e)).sort((i, j) => (less(i, j) ? -1 : less(j, i) ? 1 : 0));
        rows.set(run, k);
      }
    }
    k = e;
  }
}
