/**
 * `cva predict --histories FILE` (docs/engines.md §7): a warehouse's table of distinct (x, t_x, T)
 * histories with the customers behind each (`cva sql --histories`), fitted with weights
 * (./weighted-model.ts) and scored once per row, so that a join in the warehouse
 * (./join-scores-sql.ts) gives every customer the scores `cva predict` gives it.
 *
 * The count-model scores depend on the history alone. The expected spend per purchase depends on
 * the customer's own mean spend m as well, but linearly for a given x: Gamma-Gamma's
 * E[M | x, m] = p(v + x·max(m, 0))/(px + q − 1) (FH 2013 eq. 5) is intercept pv/(px + q − 1) plus
 * slope px/(px + q − 1) times max(m, 0); without a Gamma-Gamma fit a repeat buyer's is m itself
 * (intercept 0, slope 1, m not floored) and a one-time buyer's the repeat buyers' mean (intercept,
 * slope 0). And the CLV is P(alive) × discounted expected purchases × E[M] × margin
 * (docs/lifetime-value.md §3, src/core/clv/btyd-score.ts): per history, clv_per_spend =
 * P(alive) × discounted purchases × margin, so CLV = clv_per_spend × E[M] in the warehouse.
 *
 * Gamma-Gamma is fitted on the repeat buyers' (x, m) pairs, which a history table without spends
 * does not carry (its likelihood is not a function of a history's mean m): they come from a
 * monetary column of the histories (rows then distinct by (x, t_x, T, m)) or from `--spend FILE`,
 * the distinct (frequency, monetary) pairs with their weights.
 */
import * as path from "path";
import { ErrorCodes, scoreCountModel, finiteResult, type BtydPredictorOptions } from "../../core";
import { fileError, cellError } from "../csv/errors";
import { readCsvFile, type CsvReadOptions } from "../csv/file";
import { columnsOf, headerOf } from "../csv/header";
import { forEachRecord } from "../csv/records";
import { bytesToNumber } from "../csv/values";
import { readSummaryFile } from "./summary-file";
import type { WeightedFit, WeightedSpend } from "./weighted-model";

/** A history table read and checked; row k is the file's data row k + 1. */
export interface HistoryTable {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weights: Float64Array;
  /** The rows' mean spends when the file has a monetary column, else null. */
  monetary: Float64Array | null;
}

/** The scores of each history row; see the module comment. */
export interface HistoryScores {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** P(alive) × discounted expected purchases over the horizon × margin: CLV per unit of expected spend. */
  clvPerSpend: Float64Array;
  /** Expected spend per purchase = spendIntercept + spendSlope × m̃, m̃ the customer's mean spend … */
  spendIntercept: Float64Array;
  spendSlope: Float64Array;
  /** … floored at 0 where this is 1 (Gamma-Gamma), as it is where 0. */
  clampSpend: Float64Array;
}

function badWeight(name: string, row: number, column: string, v: number): Error {
  return fileError(name, ErrorCodes.OutOfRange, "histories.badWeight", { row, column, got: String(v) }, { row, column });
}

function checkFrequency(name: string, row: number, x: number): void {
  if (!(x >= 0 && Number.isInteger(x))) throw fileError(name, ErrorCodes.OutOfRange, "histories.badFrequency", { row, got: String(x) }, { row, column: "frequency" });
}

/**
 * Reads a table of distinct histories (CSV: frequency, recency, T and weight or count — the
 * summary file's column names, ./summary-file.ts — optionally monetary) and checks every row.
 * @throws CvaError naming the file and row: a missing column, a value that is not a number, a
 *   frequency that is not a whole number ≥ 0, times outside 0 ≤ t_x ≤ T, a one-time buyer's
 *   recency other than 0, a weight not above 0.
 */
export function readHistoryTable(file: string, options: CsvReadOptions = {}): HistoryTable {
  const f = readSummaryFile(file, options);
  const name = path.basename(file);
  if (!f.weights) {
    const { headers } = headerOf(readCsvFile(file, options).buf, name);
    throw fileError(name, ErrorCodes.MissingColumn, "histories.noWeight", { file: name, columns: headers.join(", ") }, { column: "weight" });
  }
  for (let i = 0; i < f.frequency.length; i++) {
    const row = i + 1, x = f.frequency[i], tx = f.recency[i], T = f.T[i];
    checkFrequency(name, row, x);
    if (!(tx >= 0 && tx <= T)) throw fileError(name, ErrorCodes.OutOfRange, "histories.badTimes", { row, recency: String(tx), T: String(T) }, { row });
    if (x === 0 && tx !== 0) throw fileError(name, ErrorCodes.OutOfRange, "histories.oneTimeRecency", { row, recency: String(tx) }, { row, column: "recency" });
    if (!(f.weights[i] > 0)) throw badWeight(name, row, "weight", f.weights[i]);
  }
  return { frequency: f.frequency, recency: f.recency, T: f.T, weights: f.weights, monetary: f.hasMonetary ? f.monetary : null };
}

const SPEND_HEADERS = {
  frequency: ["frequency", "x"],
  monetary: ["monetary_value", "monetary", "zbar", "m_x"],
  weight: ["weight", "weights", "count", "customers"],
} as const;

/**
 * Reads a spend file: the distinct (frequency, monetary) pairs with weights (count), as a
 * warehouse groups its per-customer summary (docs/engines.md §7). Rows with frequency 0 are
 * allowed and left to the fit, which uses repeat buyers only.
 * @throws CvaError naming the file and row: a missing column, a value that is not a number, a
 *   frequency that is not a whole number ≥ 0, a weight not above 0, no rows.
 */
export function readSpendFile(file: string, options: CsvReadOptions = {}): WeightedSpend & { weights: Float64Array } {
  const { buf, name } = readCsvFile(file, options);
  const { headers, delimiter } = headerOf(buf, name);
  const cols = columnsOf<keyof typeof SPEND_HEADERS>(headers, name, SPEND_HEADERS, [], {}, options.warn);
  for (const role of ["frequency", "monetary", "weight"] as const) {
    if (cols[role] === undefined) throw fileError(name, ErrorCodes.MissingColumn, "histories.spendColumn", { column: role, columns: headers.join(", ") }, { column: role });
  }
  const out: Record<"frequency" | "monetary" | "weight", number[]> = { frequency: [], monetary: [], weight: [] };
  let header = true;
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = out.frequency.length + 1;
    for (const role of ["frequency", "monetary", "weight"] as const) {
      const col = cols[role]!;
      const v = col < rec.count ? bytesToNumber(buf, rec.start[col], rec.end[col]) : NaN;
      if (v - v !== 0) throw cellError(name, ErrorCodes.InvalidNumber, "csv.badNumber", row, rec.line, headers[col], { got: JSON.stringify(col < rec.count ? rec.text(col) : "") });
      out[role].push(v);
    }
    checkFrequency(name, row, out.frequency[row - 1]);
    if (!(out.weight[row - 1] > 0)) throw badWeight(name, row, headers[cols.weight!], out.weight[row - 1]);
  });
  if (out.frequency.length === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  return { frequency: Float64Array.from(out.frequency), monetary: Float64Array.from(out.monetary), weights: Float64Array.from(out.weight) };
}

/**
 * Scores each history row with a weighted fit; see the module comment. The count-model figures
 * are scoreCountModel's (the same doubles as `cva predict` for the same history), with the
 * expected spend 1 so its CLV is P(alive) × discounted purchases × margin.
 * @throws CvaError when a score is not finite.
 */
export function scoreHistories(f: WeightedFit, h: Pick<HistoryTable, "frequency" | "recency" | "T">, options: BtydPredictorOptions): HistoryScores {
  const n = h.frequency.length;
  const ones = new Float64Array(n).fill(1);
  const s = scoreCountModel(f.model, f.fit.params, null, { frequency: h.frequency, recency: h.recency, T: h.T, monetary: ones }, options, ones);
  const spendIntercept = new Float64Array(n), spendSlope = new Float64Array(n), clampSpend = new Float64Array(n);
  const gg = f.gammagamma;
  for (let i = 0; i < n; i++) {
    const x = h.frequency[i];
    if (gg) {
      const { p, q, v } = gg.params;
      const d = p * x + q - 1;
      spendIntercept[i] = (p * v) / d;
      spendSlope[i] = (p * x) / d;
      clampSpend[i] = 1;
    } else if (x > 0) {
      spendSlope[i] = 1;
    } else {
      spendIntercept[i] = f.meanSpend;
    }
  }
  const out = { pAlive: s.pAlive, expectedPurchases: s.expectedPurchases, clvPerSpend: s.clv, spendIntercept, spendSlope, clampSpend };
  for (const col of Object.values(out)) for (let i = 0; i < n; i++) finiteResult(col[i]);
  return out;
}

/** A customer's expected spend per purchase from its history's spend columns and its own mean spend m (the join's arithmetic). */
export function spendOf(s: HistoryScores, i: number, m: number): number {
  return s.spendIntercept[i] + s.spendSlope[i] * (s.clampSpend[i] === 1 && m < 0 ? 0 : m);
}
