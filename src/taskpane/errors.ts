/** Any error of the Run action → one sentence in the user's language, naming the cell or row where it can. */
import { isExcelIssue, type ExcelIssue } from "../excel";
import { isCvaError, localizedMessage } from "../core";
import { t, type Locale, type StringKey } from "./strings";
import { isInputIssue } from "./workflow/parse";
import { roleKey } from "./roles";

export function isCancel(e: unknown): boolean {
  return (isExcelIssue(e) && e.code === "cancelled") || (e instanceof Error && e.name === "Cancelled");
}

/** What a failed or cancelled write left: nothing, sheets that may be incomplete, sheets that could not be removed. */
function aftermath(e: ExcelIssue, locale: Locale): string[] {
  const { incomplete = [], leftBehind = [] } = e.details;
  const parts: string[] = [];
  if (incomplete.length > 0) parts.push(t(locale, "writeIncomplete", { sheets: incomplete.join(", ") }));
  if (leftBehind.length > 0) parts.push(t(locale, "writeLeftBehind", { sheets: leftBehind.join(", ") }));
  return parts;
}

export function describeError(e: unknown, locale: Locale): string {
  const join = (parts: string[]) => parts.join(locale === "zh-CN" ? "" : " ");
  if (isCancel(e)) {
    const after = isExcelIssue(e) ? aftermath(e, locale) : [];
    return after.length > 0 ? join([t(locale, "cancelledShort"), ...after]) : t(locale, "cancelled");
  }
  if (isExcelIssue(e) && e.code === "writeFailed") {
    const after = aftermath(e, locale);
    return join([t(locale, "errWriteFailed", { message: e.message }), ...(after.length > 0 ? after : [t(locale, "writeUnchanged")])]);
  }
  if (isExcelIssue(e)) {
    const key: StringKey = e.code === "noData" ? "errNoData" : e.code === "notFound" ? "errNotFound" : "errProtected";
    return t(locale, key, { subject: e.subject ?? "" });
  }
  if (isInputIssue(e)) {
    if (e.code === "missingColumn") return t(locale, "errMissingColumn", { role: t(locale, roleKey(e.column)) });
    if (e.code === "noRows") return t(locale, "errNoRows");
    const rows = e.cells.map((c) => (c.text === "" ? String(c.row) : `${c.row} (“${c.text}”)`)).join(", ");
    const key: StringKey = e.code === "badDates" ? "errBadDates" : e.code === "badAmounts" ? "errBadAmounts" : "errEmptyIds";
    return t(locale, key, { column: e.column, count: e.count, rows });
  }
  return t(locale, isCvaError(e) ? "errModel" : "errOther", { message: localizedMessage(e, locale) });
}
