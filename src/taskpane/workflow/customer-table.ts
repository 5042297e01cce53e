/**
 * The per-customer results table (docs/output.md §2): its columns, their number formats and
 * its rows. With the analysis's per-customer intervals (the "Prediction intervals" option,
 * docs/models/uncertainty.md §9) each of P(alive), expected purchases and CLV is followed by its
 * low and high columns, and a last column marks the customers whose tier is uncertain.
 * Pure, O(customers × columns).
 */
import type { AnalyzeResult, CustomerResult } from "../../core";
import type { Cell } from "../../excel/plan";
import { t, type StringKey } from "../strings";

/** Fill colours per tier, top first (warm to cool); more tiers repeat the cool end. */
export const TIER_COLORS = ["#F8CBAD", "#FFE699", "#E2EFDA", "#DDEBF7", "#EDEDED", "#F2F2F2"];

interface Column {
  key: StringKey;
  format: string;
  /** The cell of customer `c`, at index `i` of the result. */
  get: (c: CustomerResult, i: number) => Cell | null | undefined;
}

export const MONEY = "#,##0.00";
const DATE = "yyyy-mm-dd";

export function columns(result: AnalyzeResult): Column[] {
  const hasMargin = result.customers.some((c) => c.summary.margin !== null);
  // The analysis keeps the intervals only when the option asks (lifetime.intervals); absent from results made without them.
  const iv = result.intervals ?? null;
  const uncertain = iv?.tierUncertain;
  const mark = t(result.report.lang, "tierUncertainMark");
  const cols: (Column | false)[] = [
    { key: "colCustomer", format: "@", get: (c) => c.customerId },
    { key: "colFrequency", format: "0", get: (c) => c.summary.frequency },
    { key: "colRecency", format: "0.00", get: (c) => c.summary.recency },
    { key: "colT", format: "0.00", get: (c) => c.summary.T },
    { key: "colMonetary", format: MONEY, get: (c) => c.summary.monetary },
    { key: "colRevenue", format: MONEY, get: (c) => c.summary.revenue },
    hasMargin && { key: "colMargin", format: MONEY, get: (c) => c.summary.margin },
    { key: "colFirst", format: DATE, get: (c) => c.summary.first || null },
    { key: "colLast", format: DATE, get: (c) => c.summary.last || null },
    { key: "colOrders", format: "0", get: (c) => c.summary.orders },
    { key: "colValue", format: MONEY, get: (c) => c.value },
    { key: "colTier", format: "0", get: (c) => c.tier || null }, // 0: no tier, left blank
    { key: "colTierLabel", format: "@", get: (c) => c.tierLabel },
    { key: "colRfm", format: "@", get: (c) => c.rfm.cell },
    { key: "colRfmSegment", format: "@", get: (c) => c.rfm.segmentLabel },
    { key: "colStage", format: "@", get: (c) => c.stageLabel },
    { key: "colExit", format: "@", get: (c) => c.exitPatternLabel },
    { key: "colLevel", format: "@", get: (c) => c.levelLabel },
    { key: "colLoyalty", format: "0.0", get: (c) => c.loyaltyIndex },
    { key: "colLoyaltyClass", format: "@", get: (c) => c.loyaltyClassLabel },
    { key: "colPAlive", format: "0.0%", get: (c) => c.pAlive },
    ...bounds(iv?.pAlive, "colPAliveLow", "colPAliveHigh", "0.0%"),
    { key: "colExpected", format: "0.00", get: (c) => c.expectedPurchases },
    ...bounds(iv?.expectedPurchases, "colExpectedLow", "colExpectedHigh", "0.00"),
    { key: "colClv", format: MONEY, get: (c) => c.clv },
    ...bounds(iv?.clv, "colClvLow", "colClvHigh", MONEY),
    uncertain !== null && uncertain !== undefined && { key: "colTierUncertain", format: "@", get: (_, i) => (uncertain[i] === 1 ? mark : null) },
  ];
  return cols.filter((c): c is Column => c !== false);
}

/** The low and high columns of a band, when the result has intervals. */
function bounds(band: { low: Float64Array; high: Float64Array } | undefined, low: StringKey, high: StringKey, format: string): Column[] {
  if (!band) return [];
  return [
    { key: low, format, get: (_, i) => band.low[i] },
    { key: high, format, get: (_, i) => band.high[i] },
  ];
}

/** The table's rows: one per customer, blank where a figure is missing or not finite. */
export function customerRows(result: AnalyzeResult, cols: readonly Column[]): Cell[][] {
  const n = result.customers.length;
  const width = cols.length;
  const rows: Cell[][] = new Array(n);
  const getters = cols.map((c) => c.get);
  for (let i = 0; i < n; i++) {
    const c = result.customers[i];
    const row: Cell[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const v = getters[j](c, i);
      row[j] = v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : v;
    }
    rows[i] = row;
  }
  return rows;
}
