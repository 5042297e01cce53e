/**
 * The per-customer results table (docs/output.md §2): its columns, their number formats and
 * its rows. Pure, O(customers × columns).
 */
import type { AnalyzeResult, CustomerResult } from "../../core";
import type { Cell } from "../../excel/plan";
import type { StringKey } from "../strings";

/** Fill colours per tier, top first (warm to cool); more tiers repeat the cool end. */
export const TIER_COLORS = ["#F8CBAD", "#FFE699", "#E2EFDA", "#DDEBF7", "#EDEDED", "#F2F2F2"];

interface Column {
  key: StringKey;
  format: string;
  get: (c: CustomerResult) => Cell | null | undefined;
}

export const MONEY = "#,##0.00";
const DATE = "yyyy-mm-dd";

export function columns(result: AnalyzeResult): Column[] {
  const hasMargin = result.customers.some((c) => c.summary.margin !== null);
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
    { key: "colExpected", format: "0.00", get: (c) => c.expectedPurchases },
    { key: "colClv", format: MONEY, get: (c) => c.clv },
  ];
  return cols.filter((c): c is Column => c !== false);
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
      const v = getters[j](c);
      row[j] = v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : v;
    }
    rows[i] = row;
  }
  return rows;
}
