/**
 * One customer's summary (docs/summary.md §1–§6), as an object ({@link CustomerSummary}) and for
 * all customers by column ({@link SummaryColumns}), and the conversions between the two.
 */

/** One customer's figures; the module comment of ./summarize.ts defines each. */
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
  // Stryker disable next-line ArrayDeclaration: the length only preallocates; the loop below sets every index 0…N−1
  const periodAmounts = new Array<number>(N);
  // Stryker disable next-line ArrayDeclaration: as above
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
  // Stryker disable next-line ArrayDeclaration: the length only preallocates; the loop below sets every index
  const out: CustomerSummary[] = new Array(c.length);
  for (let k = 0; k < c.length; k++) out[k] = summaryAt(c, k);
  return out;
}
