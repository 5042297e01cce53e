/**
 * Transactions → per-customer summary (docs/summary.md §1–§6), the same figures as
 * `lifetimes.utils.summary_data_from_transaction_data` (Davidson-Pilon et al., lifetimes 0.11,
 * utils.py): the CDNOW parity test (docs/summary.md §7) checks frequency, recency, T and monetary
 * for all 2,357 customers of the sample.
 *
 * Per customer, with the observation end `end` (default: the last date in the data; rows after
 * it are excluded, customers with no row up to it are left out) and days per unit `u`:
 * - purchase days: the days with at least one row whose amount is > 0; several rows of a customer
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
import { counted, type CvaWarning } from "../warnings";
import { formatDay, requireDay } from "./dates";
import type { TransactionTable } from "./transactions";
import { daysPerUnit, normaliseUnit, type TimeUnit } from "./units";

export interface SummaryOptions {
  /** Time unit of recency and T; default "weeks" (docs/summary.md §2). */
  unit?: TimeUnit | string;
  /** Observation end: day number or ISO text; default the last date in the data. */
  end?: number | string;
  /** Number of recent periods whose amounts are kept; default 4 (docs/summary.md §5). */
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

/**
 * The summaries of {@link summarizeColumns} by column: customer k's figures at index k of each
 * array, its period amounts at [k·periodCount, (k+1)·periodCount) of the flat arrays. About 160
 * bytes a customer instead of about 370 for a {@link CustomerSummary} object and its two arrays
 * (docs/output.md §9). {@link summaryAt} makes customer k's object.
 */
export interface SummaryColumns {
  /** Number of customers. */
  length: number;
  /** Customer ids, in id order (the table's own strings). */
  ids: string[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
  revenue: Float64Array;
  /** NaN where a customer's margin is not known; null when no customer's is. */
  margin: Float64Array | null;
  /** NaN where a customer's quantity is not known; null when no customer's is. */
  quantity: Float64Array | null;
  first: Float64Array;
  last: Float64Array;
  orders: Float64Array;
  /** Period amounts per customer; 0 when none are known (profiles). */
  periodCount: number;
  periodAmounts: Float64Array;
  exitPeriodAmounts: Float64Array;
  activePeriods: Float64Array;
  observedPeriods: Float64Array;
}

/** Empty summary columns for `n` customers with `periodCount` period amounts each. */
export function summaryColumns(n: number, periodCount: number, withMargin: boolean, withQuantity: boolean): SummaryColumns {
  return {
    length: n,
    ids: new Array<string>(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    revenue: new Float64Array(n),
    margin: withMargin ? new Float64Array(n) : null,
    quantity: withQuantity ? new Float64Array(n) : null,
    first: new Float64Array(n),
    last: new Float64Array(n),
    orders: new Float64Array(n),
    periodCount,
    periodAmounts: new Float64Array(n * periodCount),
    exitPeriodAmounts: new Float64Array(n * periodCount),
    activePeriods: new Float64Array(n),
    observedPeriods: new Float64Array(n),
  };
}

/** Customer k of summary columns as a {@link CustomerSummary} of its own. */
export function summaryAt(c: SummaryColumns, k: number): CustomerSummary {
  const N = c.periodCount;
  const periodAmounts = new Array<number>(N);
  const exitPeriodAmounts = new Array<number>(N);
  for (let j = 0; j < N; j++) {
    periodAmounts[j] = c.periodAmounts[k * N + j];
    exitPeriodAmounts[j] = c.exitPeriodAmounts[k * N + j];
  }
  const margin = c.margin ? c.margin[k] : NaN;
  const quantity = c.quantity ? c.quantity[k] : NaN;
  return {
    customerId: c.ids[k],
    frequency: c.frequency[k],
    recency: c.recency[k],
    T: c.T[k],
    monetary: c.monetary[k],
    revenue: c.revenue[k],
    margin: margin === margin ? margin : null,
    quantity: quantity === quantity ? quantity : null,
    first: c.first[k],
    last: c.last[k],
    orders: c.orders[k],
    periodAmounts,
    exitPeriodAmounts,
    activePeriods: c.activePeriods[k],
    observedPeriods: c.observedPeriods[k],
  };
}

/** Every customer of summary columns as a {@link CustomerSummary}. */
export function summaryObjects(c: SummaryColumns): CustomerSummary[] {
  const out: CustomerSummary[] = new Array(c.length);
  for (let k = 0; k < c.length; k++) out[k] = summaryAt(c, k);
  return out;
}

/** The settings a summary was computed with (all defaults resolved). */
export interface SummarySettings {
  unit: TimeUnit;
  daysPerUnit: number;
  end: number;
  periodCount: number;
  periodDays: number;
}

/** The observation end as the user knows it, in both languages (the CLI's --end, the pane's field, the functions' end). */
const END_LABEL = { "en-US": "the observation end", "zh-CN": "观察截止日期" } as const;

export const DEFAULT_PERIOD_COUNT = 4;
export const DEFAULT_PERIOD_DAYS = 365.25 / 4;

/** Resolves the options against the data (the default end is the last day in the data). */
export function resolveSummarySettings(table: TransactionTable, options: SummaryOptions = {}): SummarySettings {
  const unit = normaliseUnit(options.unit ?? "weeks");
  let end: number;
  if (options.end === undefined) {
    if (table.length === 0) throw CvaError.keyed(ErrorCodes.EmptyInput, "tx.none");
    let m = -Infinity;
    const day = table.day;
    for (let i = 0; i < table.length; i++) if (day[i] > m) m = day[i];
    end = m;
  } else {
    end = requireDay(options.end, { argument: "end", label: END_LABEL });
  }
  const periodCount = options.periodCount ?? DEFAULT_PERIOD_COUNT;
  if (!Number.isInteger(periodCount) || periodCount < 1 || periodCount > 1000) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeBetween", { arg: "periodCount", min: 1, max: 1000, got: periodCount }, { argument: "periodCount" });
  }
  const periodDays = options.periodDays ?? DEFAULT_PERIOD_DAYS;
  if (!Number.isFinite(periodDays) || periodDays < 1) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.atLeast", { arg: "periodDays", min: 1, hint: "", got: periodDays }, { argument: "periodDays" });
  }
  return { unit, daysPerUnit: daysPerUnit(unit), end, periodCount, periodDays };
}

/** Compares customer ids: numerically when both are digit strings ("2" < "10"), else by code unit. Allocation-free. */
export function compareIds(a: string, b: string): number {
  const za = leadingZeros(a);
  const zb = leadingZeros(b);
  return compareIdKeys(a, za, b, zb);
}

/** -1 when s is not all digits, else the index of its first significant digit. */
function leadingZeros(s: string): number {
  if (s.length === 0) return -1;
  let z = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    if (z < 0 && (c !== 48 || i === s.length - 1)) z = i;
  }
  return z;
}

function compareIdKeys(a: string, za: number, b: string, zb: number): number {
  if (za >= 0 && zb >= 0) {
    const la = a.length - za;
    const lb = b.length - zb;
    if (la !== lb) return la - lb;
    for (let i = 0; i < la; i++) {
      const d = a.charCodeAt(za + i) - b.charCodeAt(zb + i);
      if (d !== 0) return d;
    }
  } else if (za >= 0 || zb >= 0) {
    return za >= 0 ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per-customer summary; see the module comment. Customers come out sorted by id ({@link compareIds}). */
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

  const u = s.daysPerUnit;
  const N = s.periodCount;
  const L = s.periodDays;
  const out = summaryColumns(present.length, N, cost !== undefined || marginCol !== undefined, qty !== undefined);
  const { periodAmounts, exitPeriodAmounts } = out;
  for (let p = 0; p < present.length; p++) {
    const c = present[p];
    const lo = custStart[c];
    const hi = custStart[c + 1];
    sortCustomerRows(sDay, sAmt, sRow, lo, hi, cost, marginCol);

    let purchaseDays = 0;
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
    if (!finite) throw CvaError.keyed(ErrorCodes.InvalidNumber, "amount.sumTooLarge", { id: ids[c] });
    out.ids[p] = ids[c];
    out.frequency[p] = frequency;
    out.recency[p] = (last - first) / u;
    out.T[p] = (end - first) / u;
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
  return out;
}

/** Options of {@link summaryWarnings}. */
export interface SummaryCheckOptions {
  /** Today as a day number, from the edge's clock (the core reads none); without it, no date is "after today". */
  today?: number;
}

/** Interquartile ranges beyond the quartiles at which a date is far from the others (Tukey's "far out" fence). */
export const FAR_OUT_IQRS = 3;
/** Smallest span taken for the interquartile range, in days: a quarter, so a short log does not flag its own edges. */
export const FAR_OUT_MIN_IQR_DAYS = 91;
/** Distinct dates listed in a warning; the rest are counted. */
const LISTED = 3;

/**
 * What the user must hear about a summary (docs/inputs.md §5, docs/summary.md §1): rows dated
 * after today, rows far from the bulk of the dates, an observation end that such a date set by
 * default, rows left out after the end, and customers with no purchase. O(n + days spanned): the
 * quartiles come from a count of rows per day.
 *
 * "Far": more than {@link FAR_OUT_IQRS} interquartile ranges (at least {@link FAR_OUT_MIN_IQR_DAYS}
 * days) before the lower or after the upper quartile of the dates of the rows up to the end.
 * @example summaryWarnings(table, settings, summaries, { today: 45800 }).map((w) => w.key) // ["warn.afterToday", …]
 */
export function summaryWarnings(table: TransactionTable, s: SummarySettings, summaries: readonly CustomerSummary[] | SummaryColumns, options: SummaryCheckOptions = {}): CvaWarning[] {
  const out: CvaWarning[] = [];
  const n = table.length;
  const day = table.day;
  const end = s.end;
  const today = options.today;
  let after = 0;
  let maxDay = -Infinity;
  let k = 0;
  let lowDay = Infinity;
  let highDay = -Infinity;
  let afterToday = 0;
  let latest = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d > maxDay) maxDay = d;
    if (d > end) {
      after++;
      continue;
    }
    k++;
    if (d < lowDay) lowDay = d;
    if (d > highDay) highDay = d;
    if (today !== undefined && d > today) {
      afterToday++;
      if (d > latest) latest = d;
    }
  }
  const defaultedEnd = after === 0 && end === maxDay;
  if (afterToday > 0) {
    out.push({ key: "warn.afterToday", params: { rows: counted(afterToday, "row is", "rows are", "行"), today: formatDay(today as number), date: formatDay(latest) } });
  } else if (today !== undefined && end > today) {
    out.push({ key: "warn.endAfterToday", params: { end: formatDay(end), today: formatDay(today) } });
  }
  let endFar = false;
  if (k > 0) {
    // Quartiles from a count of rows per day (days span at most 1900–9999: a counting pass, no sort).
    const count = new Int32Array(highDay - lowDay + 1);
    for (let i = 0; i < n; i++) if (day[i] <= end) count[day[i] - lowDay]++;
    const at = (rank: number): number => {
      let seen = 0;
      for (let j = 0; j < count.length; j++) if ((seen += count[j]) > rank) return lowDay + j;
      return highDay;
    };
    const q1 = at(Math.floor((k - 1) / 4));
    const q3 = at(Math.floor((3 * (k - 1)) / 4));
    const reach = FAR_OUT_IQRS * Math.max(q3 - q1, FAR_OUT_MIN_IQR_DAYS);
    const lo = q1 - reach;
    const hi = q3 + reach;
    let far = 0;
    let distinct = 0;
    const listed: number[] = [];
    for (let j = 0; j < count.length; j++) {
      const d = lowDay + j;
      if (count[j] === 0 || (d >= lo && d <= hi)) continue;
      far += count[j];
      if (distinct++ < LISTED) listed.push(d);
    }
    if (far > 0) {
      const dates = listed.map(formatDay).join(", ") + (distinct > LISTED ? ", …" : "");
      out.push({ key: "warn.farOut", params: { rows: counted(far, "row is", "rows are", "行"), q1: formatDay(q1), q3: formatDay(q3), min: FAR_OUT_IQRS * FAR_OUT_MIN_IQR_DAYS, dates } });
    }
    endFar = end > hi;
  }
  if (defaultedEnd && (endFar || (today !== undefined && end > today))) {
    out.push({ key: "warn.endIsOutlier", params: { end: formatDay(end) } });
  }
  if (after > 0) out.push({ key: "warn.rowsAfterEnd", params: { rows: counted(after, "row was", "rows were", "行"), end: formatDay(end) } });
  let none = 0;
  let firstId = "";
  const byColumn = !Array.isArray(summaries);
  const columns = summaries as SummaryColumns;
  const objects = summaries as readonly CustomerSummary[];
  for (let k = 0; k < summaries.length; k++) {
    if ((byColumn ? columns.orders[k] : objects[k].orders) === 0) {
      if (none === 0) firstId = byColumn ? columns.ids[k] : objects[k].customerId;
      none++;
    }
  }
  if (none > 0) out.push({ key: "warn.noPurchase", params: { customers: counted(none, "customer has", "customers have", "位客户"), id: firstId } });
  return out;
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
 * Sorts customer indices into {@link compareIds} order without a string comparator in the hot
 * path: short digit ids by their numeric value (exact below 2^53), other ids by the engine's
 * native string sort (code-unit order, as compareIds), long digit ids in between by compareIds.
 */
function sortPresent(present: number[], ids: readonly string[], zeros: Int32Array): void {
  const short: number[] = [];
  const long: number[] = [];
  const other: string[] = [];
  const otherIndex = new Map<string, number>();
  for (const c of present) {
    const z = zeros[c];
    if (z >= 0 && ids[c].length - z <= 15) short.push(c);
    else if (z >= 0) long.push(c);
    else {
      other.push(ids[c]);
      otherIndex.set(ids[c], c);
    }
  }
  const key = new Float64Array(ids.length);
  for (const c of short) key[c] = Number(ids[c]);
  short.sort((a, b) => key[a] - key[b] || compareIdKeys(ids[a], zeros[a], ids[b], zeros[b]));
  long.sort((a, b) => compareIdKeys(ids[a], zeros[a], ids[b], zeros[b]));
  other.sort();
  let k = 0;
  for (const c of short) present[k++] = c;
  for (const c of long) present[k++] = c;
  for (const id of other) present[k++] = otherIndex.get(id) as number;
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
