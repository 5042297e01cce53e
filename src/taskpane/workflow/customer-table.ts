/**
 * The per-customer results table (docs/output.md §2): its columns, their number formats and
 * its rows. With the analysis's per-customer intervals (the "Prediction intervals" option,
 * docs/models/uncertainty.md §9) each of P(alive), expected purchases and CLV is followed by its
 * low and high columns, and a last column marks the customers whose tier is uncertain.
 * Pure, O(customers × columns).
 */
import { rfmCell, type AnalyzeResult, type CustomerResult, type CustomerResults } from "../../core";
import type { Cell } from "../../excel/plan";
import { t, type StringKey } from "../strings";
import { columnsOf, customerCount } from "./result-columns";
import type { TypedColumn } from "./transfer";

/** Fill colours per tier, top first (warm to cool); more tiers repeat the cool end. */
export const TIER_COLORS = ["#F8CBAD", "#FFE699", "#E2EFDA", "#DDEBF7", "#EDEDED", "#F2F2F2"];

interface Column {
  key: StringKey;
  format: string;
  /** The cell of the customer at index `i` of the result. */
  get: (i: number) => Cell | null | undefined;
  /** The same cells from the result's typed columns, for packing (./transfer.ts): when the result has columns. */
  typed?: TypedColumn;
}

/**
 * One customer's figures as the table shows them, read from the result's objects or, the same
 * values, from its columns (./result-columns.ts), without making an object per customer.
 */
interface Reader {
  hasMargin: boolean;
  id(i: number): string;
  frequency(i: number): number;
  recency(i: number): number;
  T(i: number): number;
  monetary(i: number): number;
  revenue(i: number): number;
  margin(i: number): number | null;
  first(i: number): number;
  last(i: number): number;
  orders(i: number): number;
  value(i: number): number;
  tier(i: number): number;
  tierLabel(i: number): string;
  rfmCell(i: number): string;
  rfmSegment(i: number): string;
  stage(i: number): string;
  exit(i: number): string | null;
  level(i: number): string;
  loyalty(i: number): number | null;
  loyaltyClass(i: number): string | null;
  pAlive(i: number): number | null;
  expected(i: number): number | null;
  clv(i: number): number | null;
}

function objectReader(cs: readonly CustomerResult[]): Reader {
  return {
    hasMargin: cs.some((c) => c.summary.margin !== null),
    id: (i) => cs[i].customerId,
    frequency: (i) => cs[i].summary.frequency,
    recency: (i) => cs[i].summary.recency,
    T: (i) => cs[i].summary.T,
    monetary: (i) => cs[i].summary.monetary,
    revenue: (i) => cs[i].summary.revenue,
    margin: (i) => cs[i].summary.margin,
    first: (i) => cs[i].summary.first,
    last: (i) => cs[i].summary.last,
    orders: (i) => cs[i].summary.orders,
    value: (i) => cs[i].value,
    tier: (i) => cs[i].tier,
    tierLabel: (i) => cs[i].tierLabel,
    rfmCell: (i) => cs[i].rfm.cell,
    rfmSegment: (i) => cs[i].rfm.segmentLabel,
    stage: (i) => cs[i].stageLabel,
    exit: (i) => cs[i].exitPatternLabel,
    level: (i) => cs[i].levelLabel,
    loyalty: (i) => cs[i].loyaltyIndex,
    loyaltyClass: (i) => cs[i].loyaltyClassLabel,
    pAlive: (i) => cs[i].pAlive,
    expected: (i) => cs[i].expectedPurchases,
    clv: (i) => cs[i].clv,
  };
}

/** The same figures as CustomerResults.at(i) gives (src/core/results.ts), read from the columns. */
function columnReader(r: CustomerResults): Reader {
  const c = r.columns;
  const x = r.texts;
  const s = c.summaries;
  const { margin } = s;
  const { r: rs, f: fs, m: ms, segment } = c.rfm;
  const cells = new Map<number, string>();
  const orNull = (v: number) => (v === v ? v : null);
  let hasMargin = false;
  if (margin) for (let i = 0; i < margin.length && !hasMargin; i++) hasMargin = margin[i] === margin[i];
  return {
    hasMargin,
    id: (i) => s.ids[i],
    frequency: (i) => s.frequency[i],
    recency: (i) => s.recency[i],
    T: (i) => s.T[i],
    monetary: (i) => s.monetary[i],
    revenue: (i) => s.revenue[i],
    margin: (i) => (margin ? orNull(margin[i]) : null),
    first: (i) => s.first[i],
    last: (i) => s.last[i],
    orders: (i) => s.orders[i],
    value: (i) => c.value[i],
    tier: (i) => c.tier[i],
    tierLabel: (i) => (c.tier[i] === 0 ? x.noTierLabel : x.tierLabels[c.tier[i] - 1]),
    rfmCell: (i) => rfmCell(rs[i], fs[i], ms[i], x.rfmBins, cells),
    rfmSegment: (i) => x.segmentLabels[segment[i]],
    stage: (i) => x.stageLabels[c.stage[i]],
    exit: (i) => (c.exitPattern[i] < 0 ? null : x.exitLabels[c.exitPattern[i]]),
    level: (i) => x.levelLabels[c.level[i] - 1],
    loyalty: (i) => orNull(c.loyaltyIndex[i]),
    loyaltyClass: (i) => (c.loyaltyClass[i] < 0 ? null : x.classLabels[c.loyaltyClass[i]]),
    pAlive: (i) => orNull(c.pAlive[i]),
    expected: (i) => (c.expectedPurchases ? c.expectedPurchases[i] : null),
    clv: (i) => orNull(c.clv[i]),
  };
}

/**
 * The table's columns that the result's typed columns give directly, by key: the same cells as the
 * column reader's, blank where its figure is null or not finite (./transfer.ts TypedColumn).
 */
function typedColumns(r: CustomerResults): Partial<Record<StringKey, TypedColumn>> {
  const c = r.columns;
  const x = r.texts;
  const s = c.summaries;
  const num = (numbers: ArrayLike<number>, zeroBlank = false): TypedColumn => ({ numbers, zeroBlank });
  return {
    colFrequency: num(s.frequency),
    colRecency: num(s.recency),
    colT: num(s.T),
    colMonetary: num(s.monetary),
    colRevenue: num(s.revenue),
    ...(s.margin ? { colMargin: num(s.margin) } : {}),
    colFirst: num(s.first, true),
    colLast: num(s.last, true),
    colOrders: num(s.orders),
    colValue: num(c.value),
    colTier: num(c.tier, true),
    colTierLabel: { codes: c.tier, text: (k) => (k === 0 ? x.noTierLabel : x.tierLabels[k - 1]) },
    colRfmSegment: { codes: c.rfm.segment, text: (k) => x.segmentLabels[k] },
    colStage: { codes: c.stage, text: (k) => x.stageLabels[k] },
    colExit: { codes: c.exitPattern, text: (k) => (k < 0 ? null : x.exitLabels[k]) },
    colLevel: { codes: c.level, text: (k) => x.levelLabels[k - 1] },
    colLoyalty: num(c.loyaltyIndex),
    colLoyaltyClass: { codes: c.loyaltyClass, text: (k) => (k < 0 ? null : x.classLabels[k]) },
    colPAlive: num(c.pAlive),
    ...(c.expectedPurchases ? { colExpected: num(c.expectedPurchases) } : {}),
    colClv: num(c.clv),
  };
}

function readerOf(result: AnalyzeResult): Reader {
  const cols = columnsOf(result);
  return cols ? columnReader(cols) : objectReader(result.customers);
}

export const MONEY = "#,##0.00";
const DATE = "yyyy-mm-dd";

export function columns(result: AnalyzeResult): Column[] {
  const c = readerOf(result);
  const byColumn = columnsOf(result);
  const typed = byColumn ? typedColumns(byColumn) : {};
  // The analysis keeps the intervals only when the option asks (lifetime.intervals); absent from results made without them.
  const iv = result.intervals ?? null;
  const uncertain = iv?.tierUncertain;
  const mark = t(result.report.lang, "tierUncertainMark");
  const cols: (Column | false)[] = [
    { key: "colCustomer", format: "@", get: c.id },
    { key: "colFrequency", format: "0", get: c.frequency },
    { key: "colRecency", format: "0.00", get: c.recency },
    { key: "colT", format: "0.00", get: c.T },
    { key: "colMonetary", format: MONEY, get: c.monetary },
    { key: "colRevenue", format: MONEY, get: c.revenue },
    c.hasMargin && { key: "colMargin", format: MONEY, get: c.margin },
    { key: "colFirst", format: DATE, get: (i) => c.first(i) || null },
    { key: "colLast", format: DATE, get: (i) => c.last(i) || null },
    { key: "colOrders", format: "0", get: c.orders },
    { key: "colValue", format: MONEY, get: c.value },
    { key: "colTier", format: "0", get: (i) => c.tier(i) || null }, // 0: no tier, left blank
    { key: "colTierLabel", format: "@", get: c.tierLabel },
    { key: "colRfm", format: "@", get: c.rfmCell },
    { key: "colRfmSegment", format: "@", get: c.rfmSegment },
    { key: "colStage", format: "@", get: c.stage },
    { key: "colExit", format: "@", get: c.exit },
    { key: "colLevel", format: "@", get: c.level },
    { key: "colLoyalty", format: "0.0", get: c.loyalty },
    { key: "colLoyaltyClass", format: "@", get: c.loyaltyClass },
    { key: "colPAlive", format: "0.0%", get: c.pAlive },
    ...bounds(iv?.pAlive, "colPAliveLow", "colPAliveHigh", "0.0%"),
    { key: "colExpected", format: "0.00", get: c.expected },
    ...bounds(iv?.expectedPurchases, "colExpectedLow", "colExpectedHigh", "0.00"),
    { key: "colClv", format: MONEY, get: c.clv },
    ...bounds(iv?.clv, "colClvLow", "colClvHigh", MONEY),
    uncertain !== null && uncertain !== undefined && { key: "colTierUncertain", format: "@", get: (i) => (uncertain[i] === 1 ? mark : null) },
  ];
  return cols.filter((c): c is Column => c !== false).map((col) => (typed[col.key] && !col.typed ? { ...col, typed: typed[col.key] } : col));
}

/** The low and high columns of a band, when the result has intervals. */
function bounds(band: { low: Float64Array; high: Float64Array } | undefined, low: StringKey, high: StringKey, format: string): Column[] {
  if (!band) return [];
  return [
    { key: low, format, get: (i) => band.low[i], typed: { numbers: band.low } },
    { key: high, format, get: (i) => band.high[i], typed: { numbers: band.high } },
  ];
}

/** A cell as the table writes it: blank where a figure is missing or not finite. */
function cellOf(v: Cell | null | undefined): Cell {
  return v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : v;
}

/** Each column's cells as the table writes them, by row index (./transfer.ts packs them without making the rows). */
export function customerCells(cols: readonly Column[]): ((i: number) => Cell)[] {
  return cols.map((c) => (i: number) => cellOf(c.get(i)));
}

/** The table's rows: one per customer, blank where a figure is missing or not finite. */
export function customerRows(result: AnalyzeResult, cols: readonly Column[]): Cell[][] {
  const n = customerCount(result);
  const width = cols.length;
  const rows: Cell[][] = new Array(n);
  const getters = cols.map((c) => c.get);
  for (let i = 0; i < n; i++) {
    const row: Cell[] = new Array(width);
    for (let j = 0; j < width; j++) row[j] = cellOf(getters[j](i));
    rows[i] = row;
  }
  return rows;
}
