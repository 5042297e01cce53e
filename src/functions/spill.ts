/**
 * Element-wise evaluation, as Excel's own functions do it: any scalar argument may be a
 * range, and the function then returns one result per cell of that range, so one formula
 * serves a whole column (a dynamic-array spill). Arguments given as ranges must all have
 * the same shape; single values are reused for every cell. An error in one cell stays in
 * that cell (a CustomFunctions.Error inside the spilled array); the others still compute.
 */
import { CvaError, ErrorCodes } from "../core";
import { isMatrix, type Matrix } from "./args";
import { toExcelError } from "./errors";

export type Shape = readonly [rows: number, columns: number];

/** The common shape of the arguments; throws #VALUE! naming the mismatched arguments. */
export function commonShape(names: readonly string[], raws: readonly unknown[]): Shape {
  let shape: Shape = [1, 1];
  // Stryker disable next-line StringLiteral: never shown: a mismatch needs a range that is not 1×1 before it, which sets from
  let from = "";
  raws.forEach((raw, i) => {
    if (!isMatrix(raw)) return;
    const s: Shape = [raw.length, raw[0].length];
    if (s[0] === 1 && s[1] === 1) return;
    if (shape[0] === 1 && shape[1] === 1) {
      shape = s;
      from = names[i];
    } else if (s[0] !== shape[0] || s[1] !== shape[1]) {
      throw CvaError.keyed(
        ErrorCodes.InvalidType,
        "fn.shapeMismatch",
        { arg: names[i], rows: s[0], cols: s[1], otherArg: from, otherRows: shape[0], otherCols: shape[1] },
        { argument: names[i] },
      );
    }
  });
  return shape;
}

/** The raw value of an argument at a cell of the common shape. */
export function cellOf(raw: unknown, i: number, j: number): unknown {
  if (!isMatrix(raw)) return raw;
  if (raw.length === 1 && raw[0].length === 1) return raw[0][0];
  return raw[i][j];
}

/**
 * Evaluates `fn` for every cell of the arguments' common shape. Core errors become Excel
 * errors in their own cell; a shape mismatch is thrown for the whole formula.
 */
export function elementwise<T>(names: readonly string[], raws: readonly unknown[], fn: (...cell: unknown[]) => T): (T | CustomFunctions.Error)[][] {
  // Stryker disable next-line ConditionalExpression: a shortcut: the loop below gives the same cells for one argument, each error in its cell and any other error rethrown
  if (raws.length === 1) return mapCells(raws[0], fn);
  const [rows, cols] = commonShape(names, raws);
  // Stryker disable next-line ArrayDeclaration: a preallocation: every row is assigned below
  const out: (T | CustomFunctions.Error)[][] = new Array(rows);
  // Stryker disable next-line ArrayDeclaration: a preallocation: every argument is assigned below
  const cell: unknown[] = new Array(raws.length);
  for (let i = 0; i < rows; i++) {
    // Stryker disable next-line ArrayDeclaration: a preallocation: every cell is assigned below
    const row: (T | CustomFunctions.Error)[] = new Array(cols);
    for (let j = 0; j < cols; j++) {
      for (let a = 0; a < raws.length; a++) cell[a] = cellOf(raws[a], i, j);
      try {
        row[j] = fn(...cell);
      } catch (e) {
        row[j] = toExcelError(e);
      }
    }
    out[i] = row;
  }
  return out;
}

/**
 * {@link elementwise} for a function of one range: the hot path of =CVA.TIER over a
 * million cells, so it allocates only the output rows.
 */
export function mapCells<T>(raw: unknown, fn: (cell: unknown) => T): (T | CustomFunctions.Error)[][] {
  const m: unknown[][] = isMatrix(raw) ? raw : [[raw]];
  // Stryker disable next-line ArrayDeclaration: a preallocation: every row is assigned below
  const out: (T | CustomFunctions.Error)[][] = new Array(m.length);
  for (let i = 0; i < m.length; i++) {
    const src = m[i];
    try {
      // Packed one-element rows for a column, the common case; any error redoes the row cell by cell.
      // Stryker disable next-line ConditionalExpression: a shortcut: src.map(fn) gives the same one-element row (the cell functions take one value)
      if (src.length === 1) out[i] = [fn(src[0])];
      else out[i] = src.map(fn);
    } catch {
      out[i] = src.map((v) => {
        try {
          return fn(v);
        } catch (e) {
          return toExcelError(e);
        }
      });
    }
  }
  return out;
}

/** A column of results (one per customer) as an n×1 spill. */
export function column<T>(values: ArrayLike<T>): T[][] {
  // Stryker disable next-line ArrayDeclaration: a preallocation: every row is assigned below
  const out: T[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = [values[i]];
  return out;
}

export type { Matrix };
