/**
 * Reading whole tables from ranges: aligned customer columns (frequency, recency, T…),
 * matrices of numbers (period volumes, indicators), and the fitted-parameter tables that
 * the =CVA.FIT.* functions spill and the prediction functions read back.
 */
import { CvaError, ErrorCodes } from "../core";
import { describe, isBlank, isMatrix, type Matrix } from "./args";

function asMatrix(raw: unknown): Matrix {
  return isMatrix(raw) ? raw : [[raw]];
}

/** Flattens a one-column or one-row range; anything wider is an error naming the argument. */
function vector(name: string, raw: unknown): unknown[] {
  const m = asMatrix(raw);
  if (m[0].length === 1) return m.map((r) => r[0]);
  if (m.length === 1) return m[0];
  throw new CvaError(ErrorCodes.InvalidType, `${name} must be one column (or one row) of cells; got ${m.length}×${m[0].length}`, { argument: name });
}

/**
 * Reads customer columns that belong together row by row (e.g. frequency, recency, T):
 * same length, numbers; a row blank in every column is skipped; a row blank in some is an
 * error naming the row; text is an error naming the argument and row. O(rows).
 */
export function readColumns(names: readonly string[], raws: readonly unknown[], min = 1): Float64Array[] {
  const cols = raws.map((r, k) => vector(names[k], r));
  const n = cols[0].length;
  cols.forEach((c, k) => {
    if (c.length !== n) {
      throw new CvaError(ErrorCodes.InvalidType, `${names[k]} has ${c.length} cells but ${names[0]} has ${n}: give ranges of the same size`, { argument: names[k] });
    }
  });
  const out = cols.map(() => new Float64Array(n));
  let m = 0;
  for (let i = 0; i < n; i++) {
    let blanks = 0;
    for (const c of cols) if (isBlank(c[i])) blanks++;
    if (blanks === cols.length) continue;
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k][i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new CvaError(ErrorCodes.InvalidType, `${names[k]}: row ${i + 1} holds ${describe(v)}, not a number`, { argument: names[k], row: i + 1 });
      }
      out[k][m] = v;
    }
    m++;
  }
  if (m < min) {
    throw new CvaError(ErrorCodes.Missing, `${names.join(", ")}: ${m === 0 ? "no customer rows" : `only ${m} customer row${m === 1 ? "" : "s"}`}; give at least ${min}`, { argument: names[0] });
  }
  return m === n ? out : out.map((c) => c.slice(0, m));
}

/** Reads a matrix of numbers (one row per customer); blanks become `null` when allowed. */
export function readNumberRows(name: string, raw: unknown, blanks: "null" | "error"): (number | null)[][] {
  return asMatrix(raw).map((row, i) =>
    row.map((v, j) => {
      if (typeof v === "number" && Number.isFinite(v)) return v;
      if (isBlank(v) && blanks === "null") return null;
      throw new CvaError(ErrorCodes.InvalidType, `${name}: row ${i + 1}, column ${j + 1} holds ${describe(v)}, not a number`, { argument: name, row: i + 1 });
    }),
  );
}

export type ModelName = "BG/NBD" | "MBG/NBD" | "Pareto/NBD" | "Gamma-Gamma";

/** Parameter names of each model, in the order the FIT functions spill them. */
export const MODEL_PARAMS: Record<ModelName, readonly string[]> = {
  "BG/NBD": ["r", "alpha", "a", "b"],
  "MBG/NBD": ["r", "alpha", "a", "b"],
  "Pareto/NBD": ["r", "alpha", "s", "beta"],
  "Gamma-Gamma": ["p", "q", "v"],
};

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
  if (t === "gammagamma" || t === "gg") return "Gamma-Gamma";
  return undefined;
}

/**
 * Reads a fitted-parameter table: the two rows a FIT function spills (labels over values),
 * or the same as two columns (labels beside values). The model comes from the "model"
 * cell, or from the parameter names (s and beta: Pareto/NBD; p, q, v: Gamma-Gamma; else
 * BG/NBD). Every parameter must be a positive number.
 * @throws CvaError naming the argument when the table is not such a table, or a model not in `accept`.
 */
export function readFittedParams(name: string, raw: unknown, accept: readonly ModelName[]): FittedParams {
  const m = asMatrix(raw);
  const bad = (why: string) =>
    new CvaError(ErrorCodes.InvalidType, `${name} must be the table a =CVA.FIT function returns (a label row over a value row); ${why}`, { argument: name });
  let labels: unknown[];
  let values: unknown[];
  if (m.length === 2 && m[0].every((v) => typeof v === "string" || isBlank(v))) {
    [labels, values] = m;
  } else if (m.length > 1 && m[0].length === 2 && m.every((r) => typeof r[0] === "string" || isBlank(r[0]))) {
    labels = m.map((r) => r[0]);
    values = m.map((r) => r[1]);
  } else {
    throw bad(`got ${m.length}×${m[0].length} cells without labels`);
  }
  const map = new Map<string, unknown>();
  labels.forEach((l, k) => typeof l === "string" && map.set(l.trim().toLowerCase(), values[k]));
  let model: ModelName | undefined;
  const declared = map.get("model");
  if (typeof declared === "string") {
    model = modelOf(declared);
    if (!model) throw bad(`"${declared}" is not a model CVA knows`);
  } else if (map.has("s") && map.has("beta")) model = "Pareto/NBD";
  else if (map.has("p") && map.has("q") && map.has("v")) model = "Gamma-Gamma";
  else model = "BG/NBD";
  if (!accept.includes(model)) {
    throw new CvaError(ErrorCodes.InvalidType, `${name} holds ${model} parameters; this function needs ${accept.join(" or ")}`, { argument: name });
  }
  const params: Record<string, number> = {};
  for (const key of MODEL_PARAMS[model]) {
    const v = map.get(key.toLowerCase());
    if (v === undefined) throw bad(`the ${key} parameter is missing`);
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
      throw new CvaError(ErrorCodes.OutOfRange, `${name}: parameter ${key} must be a positive number; got ${describe(v)}`, { argument: name });
    }
    params[key] = v;
  }
  return { model, params };
}
