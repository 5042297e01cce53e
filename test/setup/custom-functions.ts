/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides, with the
 * same error codes (the strings Excel displays) — enough to test the functions layer
 * under Node. Registered through jest.config.js `setupFiles`.
 *
 * It is as strict as Excel where Excel is strict, so a test cannot pass on a behaviour users
 * never see (docs/architecture.md §14):
 * - Excel shows a custom message only with #VALUE! and #N/A ("Handle and return errors from
 *   your custom function"): the message of any other code is dropped here too.
 * - Excel does not call a function with an error value in an input unless the metadata sets
 *   `allowErrorForDataTypeAny` ("Manually create JSON metadata for custom functions"): the cell
 *   shows the input's error. {@link invokeAsExcel} does the same, with the metadata the build
 *   writes (scripts/webpack/functions-metadata.js).
 */
const { finishMetadata } = require("../../scripts/webpack/functions-metadata");

/** The codes whose custom message Excel displays. */
const CODES_WITH_MESSAGE = new Set(["#VALUE!", "#N/A"]);

class CustomFunctionsError extends Error {
  code: string;
  constructor(code: string, message?: string) {
    super(CODES_WITH_MESSAGE.has(code) ? message : undefined);
    this.code = code;
    this.name = "CustomFunctions.Error";
  }
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

const associations = new Map<string, unknown>();

(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate: (id: string, fn: unknown) => associations.set(id, fn),
};

const ERROR_TYPES: Record<string, string> = {
  "#VALUE!": "Value",
  "#N/A": "NotAvailable",
  "#DIV/0!": "Div0",
  "#NUM!": "Num",
  "#NULL!": "Null",
  "#NAME?": "Name",
  "#REF!": "Ref",
};

/**
 * An error cell as a custom function receives it when the metadata allows errors and data types
 * (`allowCustomDataForDataTypeAny`): Excel's ErrorCellValue JSON, e.g. { type: "Error",
 * basicValue: "#N/A", errorType: "NotAvailable" }.
 */
export function excelError(code: keyof typeof ERROR_TYPES | string): { type: "Error"; basicType: "Error"; basicValue: string; errorType: string } {
  return { type: "Error", basicType: "Error", basicValue: code, errorType: ERROR_TYPES[code] ?? "Value" };
}

/** The Excel error code of an argument's value, if it is an error value. */
function errorCodeOf(v: unknown): string | undefined {
  if (v instanceof CustomFunctionsError) return v.code;
  if (typeof v === "object" && v !== null && (v as { type?: unknown }).type === "Error") return String((v as { basicValue?: unknown }).basicValue);
  return undefined;
}

/** The metadata the build serves (only its top-level flags matter here). */
export const BUILD_METADATA: { allowErrorForDataTypeAny?: boolean } = finishMetadata({ allowCustomDataForDataTypeAny: true, functions: [] });

/**
 * Calls a custom function as Excel does: when an argument holds an error value and the metadata
 * does not allow errors, Excel never calls the function and the cell shows the first such error
 * (thrown here, without a message).
 */
export function invokeAsExcel(fn: (...a: never[]) => unknown, args: readonly unknown[], metadata: { allowErrorForDataTypeAny?: boolean } = BUILD_METADATA): unknown {
  if (!metadata.allowErrorForDataTypeAny) {
    for (const arg of args) {
      const cells = Array.isArray(arg) ? (arg as unknown[]).flat() : [arg];
      for (const v of cells) {
        const code = errorCodeOf(v);
        if (code !== undefined) throw new CustomFunctionsError(code);
      }
    }
  }
  return (fn as (...a: unknown[]) => unknown)(...args);
}
