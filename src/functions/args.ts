/**
 * Argument rules as data, checked in one place (docs/architecture.md §5, after
 * HyperFormula's per-function parameter declarations).
 *
 * Each custom function declares its parameters in a table of rules; the readers here
 * turn the raw values Excel hands over into typed values, or throw a {@link CvaError}
 * whose message names the parameter as the user sees it in Excel's formula help.
 * `./errors.ts` maps that error to `#VALUE!`, `#NUM!` or `#N/A`.
 *
 * What Excel hands over, with every parameter declared `any[][]` (so a single cell and
 * a range both arrive as a matrix): numbers, text, booleans, `""` or `null` for a blank
 * cell, and `null`/`undefined` for an omitted optional argument.
 */
import { CvaError, ErrorCodes, given } from "../core";

/** A scalar number parameter. */
export interface NumberRule {
  /** The name shown in Excel's argument help (and in error messages). */
  name: string;
  kind: "number";
  optional?: boolean;
  /** Used when an optional argument is omitted or blank. */
  default?: number;
  integer?: boolean;
  /** Inclusive bounds unless the matching `exclusive` flag is set. */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** How to describe the accepted range to a user, e.g. "a share from 0 up to, not including, 1". */
  hint?: string;
}

/** A scalar text parameter, optionally one of a fixed set of choices (matched case-insensitively). */
export interface TextRule {
  name: string;
  kind: "text";
  optional?: boolean;
  default?: string;
  /** Accepted values (lower case); the reader returns the matching entry. */
  choices?: readonly string[];
}

export type ScalarRule = NumberRule | TextRule;

export type Matrix = unknown[][];

/** A blank cell arrives as `null` or `""`; an omitted optional argument as `undefined` or `null`. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** Describes a raw cell value for a message: `the text "abc"`, `a blank cell`. */
export function describe(value: unknown): string {
  if (isBlank(value)) return "a blank cell";
  if (typeof value === "string") return `the text "${value}"`;
  if (typeof value === "boolean") return `the logical value ${value ? "TRUE" : "FALSE"}`;
  return String(value);
}

/** True when a raw argument is a matrix (a range or an array). */
export function isMatrix(raw: unknown): raw is Matrix {
  return Array.isArray(raw) && raw.length > 0 && Array.isArray(raw[0]);
}

/** A 1×1 matrix → its value; anything else unchanged. */
export function unwrap(raw: unknown): unknown {
  return isMatrix(raw) && raw.length === 1 && raw[0].length === 1 ? raw[0][0] : raw;
}

/** True when an optional argument was left out (omitted, blank, or a range of blanks only). */
export function isOmitted(raw: unknown): boolean {
  if (isBlank(raw)) return true;
  if (!isMatrix(raw)) return false;
  for (const row of raw) for (const v of row) if (!isBlank(v)) return false;
  return true;
}

/** Reads one number argument under its rule; throws a {@link CvaError} naming it. */
export function readNumber(rule: NumberRule, raw: unknown): number | undefined {
  // Fast path: a plain finite number under a rule without bounds (a million TIER cells).
  if (typeof raw === "number" && raw - raw === 0 && rule.min === undefined && rule.max === undefined && !rule.integer) return raw;
  raw = unwrap(raw);
  const where = { argument: rule.name };
  if (isBlank(raw)) {
    if (rule.optional) return rule.default;
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.required", { arg: rule.name }, where);
  }
  if (typeof raw !== "number" || Number.isNaN(raw)) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notNumber", { arg: rule.name, got: given(raw) }, where);
  }
  const params = { arg: rule.name, hint: rule.hint ? ` (${rule.hint})` : "", got: raw, min: rule.min ?? "", max: rule.max ?? "" };
  if (!Number.isFinite(raw)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notFinite", params, where);
  if (rule.integer && !Number.isInteger(raw)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notWhole", params, where);
  if (rule.min !== undefined && (rule.minExclusive ? raw <= rule.min : raw < rule.min)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, rule.minExclusive ? "arg.above" : "arg.atLeast", params, where);
  }
  if (rule.max !== undefined && (rule.maxExclusive ? raw >= rule.max : raw > rule.max)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, rule.maxExclusive ? "arg.below" : "arg.atMost", params, where);
  }
  return raw;
}

/** Reads one text argument under its rule; throws a {@link CvaError} naming it. */
export function readText(rule: TextRule, raw: unknown): string | undefined {
  raw = unwrap(raw);
  const where = { argument: rule.name };
  if (isBlank(raw)) {
    if (rule.optional) return rule.default;
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.required", { arg: rule.name }, where);
  }
  if (typeof raw !== "string") {
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notText", { arg: rule.name, got: given(raw) }, where);
  }
  if (!rule.choices) return raw;
  const v = raw.trim().toLowerCase();
  const match = rule.choices.find((c) => c === v);
  if (match === undefined) {
    const choices = rule.choices.map((c) => `"${c}"`).join(", ");
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notChoice", { arg: rule.name, choices, got: `"${raw}"` }, where);
  }
  return match;
}

/** Reads a scalar argument under its rule. */
export function readScalar(rule: ScalarRule, raw: unknown): number | string | undefined {
  return rule.kind === "number" ? readNumber(rule, raw) : readText(rule, raw);
}

/** Reads every argument of a call under its table of rules, in order (scalar arguments only). */
export function readArgs(rules: readonly NumberRule[], raws: readonly unknown[]): (number | undefined)[] {
  return rules.map((rule, i) => readNumber(rule, raws[i]));
}

export interface PopulationOptions {
  /** Accept this many values at least (default 1; fewer → #N/A). */
  min?: number;
}

/**
 * Reads a population range (the customers' values) into numbers, row by row: blank cells
 * are skipped; text, booleans or errors are an error naming the cell's row and column
 * within the range; no value at all is #N/A. O(cells).
 */
export function readPopulation(name: string, raw: unknown, options: PopulationOptions = {}): Float64Array {
  const m = isMatrix(raw) ? raw : [[raw]];
  let count = 0;
  for (const row of m) count += row.length;
  const out = new Float64Array(count);
  const wide = m[0].length > 1;
  let k = 0;
  for (let i = 0; i < m.length; i++) {
    const row = m[i];
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v === "number") {
        if (!Number.isFinite(v)) {
          throw CvaError.keyed(ErrorCodes.OutOfRange, wide ? "population.notFiniteAt" : "population.notFinite", { arg: name, row: i + 1, col: j + 1, got: v }, { argument: name, row: i + 1 });
        }
        out[k++] = v;
      } else if (!isBlank(v)) {
        throw CvaError.keyed(ErrorCodes.InvalidType, wide ? "population.notNumberAt" : "population.notNumber", { arg: name, row: i + 1, col: j + 1, got: given(v) }, { argument: name, row: i + 1 });
      }
    }
  }
  const min = options.min ?? 1;
  if (k < min) {
    throw CvaError.keyed(ErrorCodes.Missing, k === 0 ? "population.none" : "population.tooFew", { arg: name, count: k, min }, { argument: name });
  }
  return k === count ? out : out.slice(0, k);
}


/**
 * Reads cut-offs for the pyramid: a range of shares of customers (0.01, 0.19, 0.3, 0.5)
 * or of percentages (1, 19, 30, 50) that sum to 1 or 100.
 */
export function readShares(name: string, raw: unknown): number[] | undefined {
  if (isOmitted(raw)) return undefined;
  const v = Array.from(readPopulation(name, raw));
  const sum = v.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) < 1e-6) return v.map((x) => x / 100);
  return v;
}
