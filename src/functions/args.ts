/**
 * Argument rules as data, checked in one place (STYLE.md example 3, after
 * HyperFormula's per-function parameter declarations).
 *
 * Each custom function declares its parameters in a table; {@link readArgs} turns the
 * raw values Excel hands over (numbers, text, booleans, `null` or `""` for a blank
 * cell, `undefined` for an omitted optional argument) into typed values, or throws a
 * {@link CvaError} whose message names the parameter exactly as the user sees it in
 * Excel's formula help. `src/functions/errors.ts` maps that error to `#VALUE!` or `#NUM!`.
 */
import { CvaError, ErrorCodes } from "../core";

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
  /** How to describe the accepted range to a user, e.g. "a share from 0 up to (not including) 1". */
  hint?: string;
}

export type ArgRule = NumberRule;

export type ArgValues<R extends readonly ArgRule[]> = { [K in keyof R]: R[K] extends { optional: true } ? number | undefined : number };

/** A blank cell arrives as `null` or `""`; an omitted optional argument as `undefined` or `null`. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function describe(value: unknown): string {
  if (isBlank(value)) return "a blank cell";
  if (typeof value === "string") return `the text "${value}"`;
  if (typeof value === "boolean") return `the logical value ${value ? "TRUE" : "FALSE"}`;
  return String(value);
}

/** Reads one number argument under its rule; throws a {@link CvaError} naming it. */
export function readNumber(rule: NumberRule, raw: unknown): number | undefined {
  // A single-cell range reference may arrive as a 1×1 matrix.
  if (Array.isArray(raw) && raw.length === 1 && Array.isArray(raw[0]) && raw[0].length === 1) raw = raw[0][0];
  if (isBlank(raw)) {
    if (rule.optional) return rule.default;
    throw new CvaError(ErrorCodes.InvalidType, `${rule.name} is required; got a blank cell`, { argument: rule.name });
  }
  if (typeof raw !== "number" || Number.isNaN(raw)) {
    throw new CvaError(ErrorCodes.InvalidType, `${rule.name} must be a number; got ${describe(raw)}`, {
      argument: rule.name,
    });
  }
  const hint = rule.hint ? ` (${rule.hint})` : "";
  const fail = (what: string) =>
    new CvaError(ErrorCodes.OutOfRange, `${rule.name} must be ${what}${hint}; got ${raw}`, { argument: rule.name });
  if (!Number.isFinite(raw)) throw fail("a finite number");
  if (rule.integer && !Number.isInteger(raw)) throw fail("a whole number");
  if (rule.min !== undefined && (rule.minExclusive ? raw <= rule.min : raw < rule.min)) {
    throw fail(rule.minExclusive ? `greater than ${rule.min}` : `at least ${rule.min}`);
  }
  if (rule.max !== undefined && (rule.maxExclusive ? raw >= rule.max : raw > rule.max)) {
    throw fail(rule.maxExclusive ? `below ${rule.max}` : `at most ${rule.max}`);
  }
  return raw;
}

/** Reads every argument of a call under its table of rules, in order. */
export function readArgs<R extends readonly ArgRule[]>(rules: R, raws: readonly unknown[]): ArgValues<R> {
  return rules.map((rule, i) => readNumber(rule, raws[i])) as ArgValues<R>;
}
