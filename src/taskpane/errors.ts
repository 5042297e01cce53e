/** Any error of the Run action → one sentence in the user's language, naming the cell or row where it can. */
import { isExcelIssue } from "../excel";
import { isCvaError, localizedMessage } from "../core";
import { t, type Locale, type StringKey } from "./strings";
import { isInputIssue } from "./workflow/parse";
import { roleKey } from "./roles";

export function isCancel(e: unknown): boolean {
  return (isExcelIssue(e) && e.code === "cancelled") || (e instanceof Error && e.name === "Cancelled");
}

export function describeError(e: unknown, locale: Locale): string {
  if (isCancel(e)) return t(locale, "cancelled");
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
