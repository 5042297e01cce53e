// Loads the CDNOW files of data/cdnow (README there: source, licence, published figures) for the model tests.
import * as fs from "fs";
import * as path from "path";
import type { CountModelId, CountParams } from "../../../src/core";

export const CDNOW_DIR = path.resolve(__dirname, "../../../data/cdnow");

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(path.join(CDNOW_DIR, file), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(","));
}

/**
 * CDNOW's estimates as published, for tests that need a model's parameters rather than a fit:
 * BG/NBD from Fader, Hardie & Lee (2005, "Counting your customers the easy way"), Pareto/NBD from
 * Fader & Hardie's fit to the same sample (docs/models/paretonbd.md). No paper fits MBG/NBD to
 * CDNOW (Batislam et al. 2007 used grocery data): its row is BTYDplus's estimate as the `lifetimes`
 * tests quote it (docs/models/mbgnbd.md).
 */
export const CDNOW_PARAMS: Readonly<Record<CountModelId, CountParams>> = {
  bgnbd: { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 },
  mbgnbd: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
  paretonbd: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
};

/** Gamma-Gamma spend on CDNOW's repeat buyers: p, q, γ of Fader, Hardie & Lee (2005, JMR; Fader & Hardie 2013). */
export const CDNOW_SPEND = { p: 6.25, q: 3.74, v: 15.44 } as const;

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar (weeks, 2 decimals). */
export function cdnowSummary(): { id: number[]; frequency: number[]; recency: number[]; T: number[]; monetary: number[] } {
  const rows = readCsv("cdnow_customers_summary_with_transactions.csv");
  return {
    id: rows.map((r) => Number(r[0])),
    frequency: rows.map((r) => Number(r[1])),
    recency: rows.map((r) => Number(r[2])),
    T: rows.map((r) => Number(r[3])),
    monetary: rows.map((r) => Number(r[4])),
  };
}

/** {@link cdnowSummary}'s customers as summary rows (frequency, recency, T, monetary). */
export function cdnowRows(s = cdnowSummary()): { frequency: number; recency: number; T: number; monetary: number }[] {
  return s.frequency.map((x, i) => ({ frequency: x, recency: s.recency[i], T: s.T[i], monetary: s.monetary[i] }));
}

/** donations.csv: the grouped BG/BB data of Fader, Hardie & Shang (2010). */
export function donations(): { frequency: number[]; recency: number[]; periods: number[]; weights: number[] } {
  const rows = readCsv("donations.csv");
  return {
    frequency: rows.map((r) => Number(r[0])),
    recency: rows.map((r) => Number(r[1])),
    periods: rows.map((r) => Number(r[2])),
    weights: rows.map((r) => Number(r[3])),
  };
}

/**
 * The calibration summary computed straight from cdnow_sample.csv at full precision (README:
 * end 1997-09-30, one purchase per day, times in days / 7, zbar = mean of the repeat purchases),
 * for the figures that the 2-decimal summary file rounds away. Also the holdout repeat purchases
 * per customer to 1998-06-30. Dates are parsed as UTC day numbers (no time-zone dependence).
 */
export function cdnowFromTransactions(): {
  id: string[];
  frequency: number[];
  recency: number[];
  T: number[];
  monetary: number[];
  holdout: number[];
  firstDay: number[];
  holdoutDays: number[][];
} {
  const rows = readCsv("cdnow_sample.csv");
  const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
  const end = day("1997-09-30");
  const byCustomer = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let m = byCustomer.get(r[0]);
    if (!m) byCustomer.set(r[0], (m = new Map()));
    const d = day(r[1]);
    m.set(d, (m.get(d) ?? 0) + Number(r[3]));
  }
  const out = { id: [] as string[], frequency: [] as number[], recency: [] as number[], T: [] as number[], monetary: [] as number[], holdout: [] as number[], firstDay: [] as number[], holdoutDays: [] as number[][] };
  for (const [id, m] of [...byCustomer].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const days = [...m.keys()].sort((a, b) => a - b);
    const cal = days.filter((d) => d <= end);
    const repeat = cal.slice(1);
    out.id.push(id);
    out.frequency.push(repeat.length);
    out.recency.push((cal[cal.length - 1] - cal[0]) / 7);
    out.T.push((end - cal[0]) / 7);
    out.monetary.push(repeat.length ? repeat.reduce((s, d) => s + (m.get(d) ?? 0), 0) / repeat.length : 0);
    const hold = days.filter((d) => d > end);
    out.holdout.push(hold.length);
    out.firstDay.push(cal[0]);
    out.holdoutDays.push(hold);
  }
  return out;
}

/**
 * cdnow_sample.csv as analyze's transaction rows: id, ISO date, amount; with `costPerCd`, a cost
 * of that much per CD (the file has no cost column), so margin can be tested too.
 */
export function cdnowTransactions(costPerCd?: number): { customerId: string; date: string; amount: number; cost?: number }[] {
  return readCsv("cdnow_sample.csv").map(([customerId, date, cds, amount]) =>
    costPerCd === undefined ? { customerId, date, amount: Number(amount) } : { customerId, date, amount: Number(amount), cost: Number(cds) * costPerCd },
  );
}
