/**
 * Reading whole tables from ranges: aligned customer columns (frequency, recency, T…),
 * matrices of numbers (period volumes, indicators), and the fitted-parameter tables that
 * the =CVA.FIT.* functions spill and the prediction functions read back.
 */
import { checkFittedParams, countModel, CvaError, ErrorCodes, given, type CountModel } from "../core";
import { cellError, cellValue, errorCodeOf, isBlank, isMatrix, notNumberError, populationError, type Matrix } from "./args";

function asMatrix(raw: unknown): Matrix {
  return isMatrix(raw) ? raw : [[raw]];
}

/** A one-column or one-row range read as a list, and which of the two it was (for naming cells). */
export interface Vector {
  cells: unknown[];
  /** "row" when the range is one row of several cells: cell k is then column k of row 1. */
  orientation: "column" | "row";
}

/** Reads a one-column or one-row range as a list; anything wider is #VALUE! naming the argument and its shape. */
export function vector(name: string, raw: unknown): Vector {
  const m = asMatrix(raw);
  if (m[0].length === 1) return { cells: m.map((r) => r[0]), orientation: "column" };
  if (m.length === 1) return { cells: m[0], orientation: "row" };
  throw CvaError.keyed(ErrorCodes.InvalidType, "fn.notVector", { arg: name, rows: m.length, cols: m[0].length }, { argument: name });
}

/** Row and column (1-based, within the range) of cell k of a vector, and whether a message needs the column. */
export function positionOf(v: Vector, k: number): { i: number; j: number; wide: boolean } {
  return v.orientation === "row" ? { i: 0, j: k, wide: true } : { i: k, j: 0, wide: false };
}

/** Customer columns read together: the numbers of the non-blank rows, and the 1-based row each came from. */
export interface Columns {
  cols: Float64Array[];
  /** The row within the ranges of each customer (blank rows are left out). */
  rows: Int32Array;
}

/**
 * Reads customer columns that belong together row by row (e.g. frequency, recency, T):
 * same length, numbers; a row blank in every column is skipped; a row blank in some is an
 * error naming the row; text is an error naming the argument and row; an error cell is #N/A
 * naming it. O(rows).
 */
export function readColumns(names: readonly string[], raws: readonly unknown[], min = 1): Columns {
  const vectors = raws.map((r, k) => vector(names[k], r));
  const n = vectors[0].cells.length;
  vectors.forEach((v, k) => {
    if (v.cells.length !== n) {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.lengthMismatch", { arg: names[k], count: v.cells.length, otherArg: names[0], otherCount: n }, { argument: names[k] });
    }
  });
  const cols = vectors.map((v) => v.cells.map(cellValue));
  const out = cols.map(() => new Float64Array(n));
  const rows = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let blanks = 0;
    for (const c of cols) if (isBlank(c[i])) blanks++;
    if (blanks === cols.length) continue;
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k][i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        const { i: r, j, wide } = positionOf(vectors[k], i);
        throw errorCodeOf(v) !== undefined ? populationError(names[k], v, r, j, wide) : notNumberError(names[k], v, r, j, wide);
      }
      out[k][m] = v;
    }
    rows[m] = i + 1;
    m++;
  }
  if (m < min) {
    throw CvaError.keyed(ErrorCodes.Missing, "fn.tooFewRows", { arg: names[0], count: m, min }, { argument: names[0] });
  }
  return { cols: m === n ? out : out.map((c) => c.slice(0, m)), rows: rows.slice(0, m) };
}

/**
 * Reads a matrix of numbers (one row per customer); blanks become `null` when allowed. An error
 * cell is #N/A naming it, or with `errors: "row"` makes that row a {@link CvaError} of its own
 * (the caller answers the other rows).
 */
export function readNumberRows(name: string, raw: unknown, blanks: "null" | "error", errors: "fail" | "row" = "fail"): ((number | null)[] | CvaError)[] {
  return asMatrix(raw).map((row, i) => {
    let failed: CvaError | undefined;
    const values = row.map((cell, j) => {
      const v = cellValue(cell);
      if (typeof v === "number" && Number.isFinite(v)) return v;
      if (isBlank(v) && blanks === "null") return null;
      if (errorCodeOf(v) !== undefined) {
        if (errors === "fail") throw populationError(name, v, i, j, true);
        failed ??= cellError(name, v);
        return null;
      }
      throw notNumberError(name, v, i, j, true);
    });
    return failed ?? values;
  });
}

/** {@link readNumberRows} for a range in which any error cell fails the whole formula. */
export function readNumberTable(name: string, raw: unknown, blanks: "null" | "error"): (number | null)[][] {
  return readNumberRows(name, raw, blanks, "fail") as (number | null)[][];
}

export type ModelName = "BG/NBD" | "MBG/NBD" | "Pareto/NBD" | "BG/BB" | "Gamma-Gamma";

/** Parameter names of each model, in the order the FIT functions spill them. */
export const MODEL_PARAMS: Record<ModelName, readonly string[]> = {
  "BG/NBD": ["r", "alpha", "a", "b"],
  "MBG/NBD": ["r", "alpha", "a", "b"],
  "Pareto/NBD": ["r", "alpha", "s", "beta"],
  "BG/BB": ["alpha", "beta", "gamma", "delta"],
  "Gamma-Gamma": ["p", "q", "v"],
};

/** The count models' tables (what PALIVE, EXPECTED, PN, FORECAST read), in the order of COUNT_MODEL_IDS. */
export const COUNT_MODEL_NAMES: readonly ModelName[] = ["BG/NBD", "MBG/NBD", "Pareto/NBD"];

/** The core's model behind a count model's table (src/core/clv/models.ts). */
export function countModelOf(model: ModelName): CountModel {
  return countModel(model.replace("/", "").replace("-", "").toLowerCase());
}

/** The table a FIT function spills: a label row and a value row. */
export function fittedTable(model: ModelName, params: Record<string, number>, logLikelihood: number, customers: number): unknown[][] {
  const names = MODEL_PARAMS[model];
  return [
    ["model", ...names, "log_likelihood", "customers"],
    [model, ...names.map((k) => params[k]), logLikelihood, customers],
  ];
}

export interface FittedParams {
  model: ModelName;
  params: Record<string, number>;
}

function modelOf(text: string): ModelName | undefined {
  const t = text.trim().toLowerCase().replace(/[\s_-]/g, "");
  if (t === "bg/nbd" || t === "bgnbd") return "BG/NBD";
  if (t === "mbg/nbd" || t === "mbgnbd") return "MBG/NBD";
  if (t === "pareto/nbd" || t === "paretonbd") return "Pareto/NBD";
  if (t === "bg/bb" || t === "bgbb") return "BG/BB";
  if (t === "gammagamma" || t === "gg") return "Gamma-Gamma";
  return undefined;
}

/**
 * Reads a fitted-parameter table: the two rows a FIT function spills (labels over values; rows
 * below them, such as the standard errors of FIT's [se], are not read), or the same as two
 * columns (labels beside values). The model comes from the "model"
 * cell, or from the parameter names (s and beta: Pareto/NBD; gamma and delta: BG/BB; p, q, v:
 * Gamma-Gamma; else BG/NBD). BG/NBD and MBG/NBD share their names: their tables differ by the
 * model cell, which every FIT function writes. Every parameter must be a positive number.
 * @throws CvaError naming the argument when the table is not such a table, or a model not in `accept`.
 */
export function readFittedParams(name: string, raw: unknown, accept: readonly ModelName[]): FittedParams {
  const table = asMatrix(raw);
  // A sheet of =CVA.PALIVE(B2, C2, D2, $H$1:$N$2) cells reads the same small table once per
  // cell: the last table read is remembered by its cells (compared one by one, O(cells)).
  const models = accept.join();
  if (last && last.name === name && last.models === models && sameCells(table, last.cells)) return last.result;
  const result = parseFittedParams(name, table, accept);
  last = { name, models, cells: table.flat(), result };
  return result;
}

let last: { name: string; models: string; cells: unknown[]; result: FittedParams } | undefined;

function sameCells(m: Matrix, cells: readonly unknown[]): boolean {
  let k = 0;
  for (const row of m) {
    for (const v of row) if (k >= cells.length || !Object.is(v, cells[k++])) return false;
  }
  return k === cells.length;
}

function parseFittedParams(name: string, table: Matrix, accept: readonly ModelName[]): FittedParams {
  // Rich values (formatted numbers) are rare: copy the table only when it holds one.
  const m = table.some((row) => row.some((v) => typeof v === "object" && v !== null)) ? table.map((row) => row.map(cellValue)) : table;
  const where = { argument: name };
  let labels: unknown[];
  let values: unknown[];
  if ((m.length === 2 || (m.length > 2 && m[0].length > 2)) && m[0].every((v) => typeof v === "string" || isBlank(v))) {
    [labels, values] = m;
  } else if (m.length > 1 && m[0].length === 2 && m.every((r) => typeof r[0] === "string" || isBlank(r[0]))) {
    labels = m.map((r) => r[0]);
    values = m.map((r) => r[1]);
  } else {
    const cell = m.flat().find((v) => errorCodeOf(v) !== undefined);
    if (cell !== undefined) throw cellError(name, cell);
    throw CvaError.keyed(ErrorCodes.InvalidType, "fn.paramsNotTable", { arg: name, rows: m.length, cols: m[0].length }, where);
  }
  const map = new Map<string, unknown>();
  labels.forEach((l, k) => typeof l === "string" && map.set(l.trim().toLowerCase(), values[k]));
  let model: ModelName | undefined;
  const declared = map.get("model");
  if (typeof declared === "string") {
    model = modelOf(declared);
    if (!model) throw CvaError.keyed(ErrorCodes.InvalidType, "fn.paramsUnknownModel", { arg: name, got: `"${declared}"` }, where);
  } else if (map.has("s") && map.has("beta")) model = "Pareto/NBD";
  else if (map.has("gamma") && map.has("delta")) model = "BG/BB";
  else if (map.has("p") && map.has("q") && map.has("v")) model = "Gamma-Gamma";
  else model = "BG/NBD";
  if (!accept.includes(model)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "fn.paramsWrongModel", { arg: name, model, models: accept.join(", ") }, where);
  }
  const params: Record<string, number> = {};
  for (const key of MODEL_PARAMS[model]) {
    const v = map.get(key.toLowerCase());
    if (v === undefined) throw CvaError.keyed(ErrorCodes.InvalidType, "fn.paramsMissing", { arg: name, name: key }, where);
    if (errorCodeOf(v) !== undefined) throw cellError(name, v);
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
      throw CvaError.keyed(ErrorCodes.OutOfRange, "fn.paramsNotPositive", { arg: name, name: key, got: given(v) }, where);
    }
    params[key] = v;
  }
  // Between 1e-8 and 1e8, the box every CVA fit searches: outside it the formulas overflow to NaN.
  checkFittedParams(params, name);
  return { model, params };
}
