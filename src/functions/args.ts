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
 * cell (or 0 on Excel on Windows: office-js tracker, "In formula arguments, if empty cells are
 * passed as argument, its value is 0 in desktop and null in office web"), `null`/`undefined` for an omitted
 * optional argument, and — because the metadata allows data types and errors
 * (scripts/webpack/functions-metadata.js) — rich values: an error cell as an ErrorCellValue
 * ({ type: "Error", basicValue: "#N/A" }), a formatted number ({ type: "FormattedNumber",
 * basicValue: 5 }), an entity or linked data type ({ type: "Entity", text: "Contoso" }).
 * {@link cellValue} turns the simple rich values into plain ones; an error cell is read as
 * "no value" for that cell (#N/A naming it), never as text (docs/architecture.md §14).
 */
import { CvaError, ErrorCodes, given, normaliseLang, type Lang, type LocalText } from "../core";
import { displayLang } from "./locale";

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
  /** How to describe the accepted range to a user, in both languages, e.g. "a share from 0 up to, not including, 1". */
  hint?: LocalText;
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

/**
 * A cell's value with Excel's simple rich values made plain: a formatted number or double is its
 * number, a string or boolean value its basic value, an empty value `null`. Errors, entities and
 * linked data types are returned as they are.
 */
export function cellValue(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  const rich = v as { type?: unknown; basicValue?: unknown };
  switch (rich.type) {
    case "Double":
    case "FormattedNumber":
      return typeof rich.basicValue === "number" ? rich.basicValue : v;
    case "String":
      return typeof rich.basicValue === "string" ? rich.basicValue : v;
    case "Boolean":
      return typeof rich.basicValue === "boolean" ? rich.basicValue : v;
    case "Empty":
      return null;
    default:
      return v;
  }
}

/** The Excel error code ("#N/A", "#DIV/0!", …) of an error cell, whichever form it arrives in; else undefined. */
export function errorCodeOf(v: unknown): string | undefined {
  // Stryker disable next-line ConditionalExpression: a number, text or logical has no type or code property, so without this test it reaches the same undefined below
  if (typeof v !== "object" || v === null) return undefined;
  const rich = v as { type?: unknown; basicValue?: unknown; code?: unknown };
  if (rich.type === "Error") return String(rich.basicValue ?? "#VALUE!");
  if (typeof rich.code === "string" && rich.code.startsWith("#")) return rich.code;
  return undefined;
}

/** The error for an error cell given as a single argument: #N/A "{arg} holds the error #DIV/0!". */
export function cellError(arg: string, v: unknown): CvaError {
  return CvaError.keyed(ErrorCodes.Missing, "fn.cellError", { arg, got: given(v) }, { argument: arg });
}

/** True when a raw argument is a matrix (a range or an array). */
export function isMatrix(raw: unknown): raw is Matrix {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty array has no raw[0], so Array.isArray(raw[0]) is false for it without the length test
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
  // Stryker disable next-line ConditionalExpression,StringLiteral,ArithmeticOperator: a shortcut: the general path below returns the same number for a finite number under a rule without bounds, and the same error for NaN or ±Infinity
  if (typeof raw === "number" && raw - raw === 0 && rule.min === undefined && rule.max === undefined && !rule.integer) return raw;
  raw = cellValue(unwrap(raw));
  const where = { argument: rule.name };
  if (isBlank(raw)) {
    if (rule.optional) return rule.default;
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.required", { arg: rule.name }, where);
  }
  if (typeof raw !== "number" || Number.isNaN(raw)) {
    if (errorCodeOf(raw) !== undefined) throw cellError(rule.name, raw);
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notNumber", { arg: rule.name, got: given(raw) }, where);
  }
  const hint: LocalText | "" = rule.hint ? { "en-US": ` (${rule.hint["en-US"]})`, "zh-CN": `（${rule.hint["zh-CN"]}）` } : "";
  const params = { arg: rule.name, hint, got: raw, min: rule.min ?? "", max: rule.max ?? "" };
  if (!Number.isFinite(raw)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notFinite", params, where);
  if (rule.integer && !Number.isInteger(raw)) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notWhole", params, where);
  // Stryker disable next-line ConditionalExpression: without a min, raw < undefined and raw <= undefined are false, so the test for undefined changes nothing
  if (rule.min !== undefined && (rule.minExclusive ? raw <= rule.min : raw < rule.min)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, rule.minExclusive ? "arg.above" : "arg.atLeast", params, where);
  }
  // Stryker disable next-line ConditionalExpression: without a max, raw > undefined and raw >= undefined are false, so the test for undefined changes nothing
  if (rule.max !== undefined && (rule.maxExclusive ? raw >= rule.max : raw > rule.max)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, rule.maxExclusive ? "arg.below" : "arg.atMost", params, where);
  }
  return raw;
}

/** Reads one text argument under its rule; throws a {@link CvaError} naming it. */
export function readText(rule: TextRule, raw: unknown): string | undefined {
  raw = cellValue(unwrap(raw));
  const where = { argument: rule.name };
  if (isBlank(raw)) {
    if (rule.optional) return rule.default;
    throw CvaError.keyed(ErrorCodes.InvalidType, "arg.required", { arg: rule.name }, where);
  }
  if (typeof raw !== "string") {
    if (errorCodeOf(raw) !== undefined) throw cellError(rule.name, raw);
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

// Stryker disable next-line StringLiteral: kind is read only by readScalar; LANG goes to readText directly
const LANG: TextRule = { name: "lang", kind: "text", optional: true, choices: ["en-us", "zh-cn", "en", "zh"] };

/**
 * The language of the labels a function returns: the `lang` argument ("en-US", "zh-CN", "en",
 * "zh") when given, so a shared workbook shows the same labels to every user and COUNTIF on
 * them keeps working; else Office's display language.
 */
export function readLang(raw: unknown): Lang {
  const choice = readText(LANG, raw);
  return choice === undefined ? displayLang() : normaliseLang(choice);
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
  /**
   * What an error cell does: "fail" (default) makes the whole result #N/A naming the cell, for
   * results over the whole population (a pyramid, a Gini coefficient); "skip" leaves the cell
   * out, for results given per customer, where that customer's own row shows the error.
   */
  errors?: "fail" | "skip";
}

/** The #N/A for an error cell inside a range, naming its row (and column) and the way to leave such cells out. */
export function populationError(name: string, v: unknown, i: number, j: number, wide: boolean): CvaError {
  return CvaError.keyed(ErrorCodes.Missing, wide ? "fn.populationErrorAt" : "fn.populationError", { arg: name, row: i + 1, col: j + 1, got: given(v) }, { argument: name, row: i + 1 });
}

/** The error for a cell of a range that is not a number (text, a logical value, a data type). */
export function notNumberError(name: string, v: unknown, i: number, j: number, wide: boolean): CvaError {
  return CvaError.keyed(ErrorCodes.InvalidType, wide ? "population.notNumberAt" : "population.notNumber", { arg: name, row: i + 1, col: j + 1, got: given(v) }, { argument: name, row: i + 1 });
}

/**
 * Reads a population range (the customers' values) into numbers, row by row: blank cells
 * are skipped; text, booleans or data types are an error naming the cell's row and column
 * within the range; an error cell is #N/A naming it, or skipped (options.errors); no value at
 * all is #N/A. O(cells).
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
    // Stryker disable next-line EqualityOperator: row[row.length] is undefined, a blank cell, which is skipped
    for (let j = 0; j < row.length; j++) {
      let v = row[j];
      // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a shortcut: cellValue returns a number, text, logical or null as it is
      if (typeof v !== "number" && typeof v === "object" && v !== null) v = cellValue(v);
      if (typeof v === "number") {
        if (!Number.isFinite(v)) {
          throw CvaError.keyed(ErrorCodes.OutOfRange, wide ? "population.notFiniteAt" : "population.notFinite", { arg: name, row: i + 1, col: j + 1, got: v }, { argument: name, row: i + 1 });
        }
        out[k++] = v;
      } else if (!isBlank(v)) {
        if (errorCodeOf(v) !== undefined) {
          if (options.errors === "skip") continue;
          throw populationError(name, v, i, j, wide);
        }
        throw notNumberError(name, v, i, j, wide);
      }
    }
  }
  const min = options.min ?? 1;
  if (k < min) {
    throw CvaError.keyed(ErrorCodes.Missing, k === 0 ? "population.none" : "population.tooFew", { arg: name, count: k, min }, { argument: name });
  }
  // Stryker disable next-line ConditionalExpression: a shortcut: out.slice(0, count) holds the same numbers as out
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
  // Stryker disable next-line EqualityOperator: a sum near 100 minus 100 is a multiple of 2^-46, never the double 1e-6, so < and <= agree
  if (Math.abs(sum - 100) < 1e-6) return v.map((x) => x / 100);
  return v;
}
