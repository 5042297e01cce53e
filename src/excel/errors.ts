/**
 * Workbook conditions the pane explains to the user in their language (the pane maps each code to
 * a string in src/taskpane/strings.ts). Anything else Excel throws is shown with its own message.
 */
export type ExcelIssueCode =
  /** The selection is a single cell or has no data rows under its header. */
  | "noData"
  /** The table or named range is no longer in the workbook. */
  | "notFound"
  /** The sheet to replace is protected, or the workbook's structure is (no sheets can be added). */
  | "protected"
  /** Excel refused a request that writes the results; `message` is Excel's own, `details.cause` its error. */
  | "writeFailed"
  /** The user cancelled; nothing was written (unless `details` says otherwise). */
  | "cancelled";

/** What a failed or cancelled write leaves behind, for the message. */
export interface ExcelIssueDetails {
  /** Replaced sheets that were being rewritten: they may be incomplete. */
  incomplete?: string[];
  /** Sheets the write added that could not be deleted again. */
  leftBehind?: string[];
  /** The error Excel gave (writeFailed). */
  cause?: unknown;
}

export class ExcelIssue extends Error {
  readonly name = "ExcelIssue";
  constructor(
    readonly code: ExcelIssueCode,
    message: string,
    /** What the message is about: a sheet, table or range name. */
    readonly subject?: string,
    readonly details: ExcelIssueDetails = {},
  ) {
    super(message);
  }
}

export function isExcelIssue(e: unknown): e is ExcelIssue {
  return e instanceof Error && (e as { name?: string }).name === "ExcelIssue" && typeof (e as { code?: unknown }).code === "string";
}
