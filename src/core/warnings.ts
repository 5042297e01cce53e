/**
 * What the value model tells the user besides its results (docs/architecture.md §9: nothing
 * silent): warnings that do not stop an analysis — rows left out, dates far from the others,
 * customers with no purchase — and the last guard that keeps a non-finite number out of every
 * cell and file.
 *
 * A warning is a key of `i18n/errors.ts` with its parameters, like a keyed error, so each edge
 * shows it in the user's language: the CLI on stderr, the task pane in its results, `analyze` in
 * its report (`report.warnings`).
 */
import { CvaError, ErrorCodes } from "./errors";
import { errorText, type ErrorKey, type ErrorParams, type LocalText } from "./i18n/errors";
import type { Lang } from "./i18n/messages";

export interface CvaWarning {
  readonly key: ErrorKey;
  readonly params: ErrorParams;
}

/** A warning's text in a language. */
export function warningText(w: CvaWarning, lang: Lang): string {
  return errorText(lang, w.key, w.params);
}

/**
 * A count with its noun in both languages, for a message parameter: English agrees in number and
 * may carry the verb ("1 row is", "2 rows are"), Chinese takes the measure word ("2 行").
 * @example counted(2, "row is", "rows are", "行") // { "en-US": "2 rows are", "zh-CN": "2 行" }
 */
export function counted(count: number, one: string, many: string, zh: string): LocalText {
  return { "en-US": `${count} ${count === 1 ? one : many}`, "zh-CN": `${count} ${zh}` };
}

/**
 * The last guard before a number is written to a cell or a file: the number itself when it is
 * finite, else an error. No NaN or Infinity is ever written (docs/inputs.md §9).
 * @throws CvaError OUT_OF_RANGE "a result is Infinity, not a finite number: …".
 * @example finiteResult(3) // 3
 */
export function finiteResult(value: number): number {
  if (value - value === 0) return value;
  throw CvaError.keyed(ErrorCodes.OutOfRange, "result.notFinite", { got: String(value) });
}

/**
 * The last guard on a custom function's result (a number, or a matrix of cells): a non-finite
 * number alone is an error; in a matrix each non-finite cell becomes `toError(error)` and the
 * other cells stay. Mutates the matrix in place. O(cells).
 * @example guardFinite([[1, Infinity]], (e) => e) // [[1, CvaError "a result is Infinity, …"]]
 */
export function guardFinite<T>(result: T, toError: (e: CvaError) => unknown): T {
  if (typeof result === "number") return finiteResult(result) as T;
  if (!Array.isArray(result)) return result;
  for (const row of result as unknown[]) {
    if (!Array.isArray(row)) continue;
    // Stryker disable next-line EqualityOperator: j = row.length reads undefined, which is not a number, so nothing is written
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v === "number" && v - v !== 0) row[j] = toError(CvaError.keyed(ErrorCodes.OutOfRange, "result.notFinite", { got: String(v) }));
    }
  }
  return result;
}
