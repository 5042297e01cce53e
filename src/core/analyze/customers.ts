/**
 * Step 1 of the analysis: the customers and their summaries by column. From transactions, the
 * profiles add their other columns (ratings, complaints, …) to the customers with the same id, and
 * profiles of customers without transactions are counted, not analysed. From profiles alone, a
 * profile's frequency, recency, T (in `unit`), monetary and revenue stand in for the summary
 * (docs/inputs.md §4).
 */
import { CvaError, ErrorCodes } from "../errors";
import { counted, type CvaWarning } from "../warnings";
import { summaryColumns, type SummaryColumns } from "../summary/customer-summary";
import { resolveSummarySettings, type SummarySettings } from "../summary/settings";
import { summarizeColumns } from "../summary/summarize";
import { summaryWarnings } from "../summary/summary-warnings";
import { transactionTable, type Transaction, type TransactionTable } from "../summary/transactions";
import { daysPerUnit, normaliseUnit, type TimeUnit } from "../summary/units";
import type { AnalyzeInput, AnalyzeOptions, CustomerProfile } from "./inputs";

/** A number of a profile; null when it is not given (null, undefined or NaN). */
export const num = (v: number | null | undefined): number | null => (v === null || v === undefined || Number.isNaN(v) ? null : v);

/** A profile standing in for customer k's summary (docs/inputs.md §4). */
function profileSummaryInto(out: SummaryColumns, k: number, p: CustomerProfile, unitDays: number): void {
  const frequency = Math.max(0, Math.round(num(p.frequency) ?? 0));
  const recency = Math.max(0, num(p.recency) ?? 0);
  const T = Math.max(recency, num(p.T) ?? recency);
  const monetary = num(p.monetary) ?? 0;
  const revenue = num(p.revenue) ?? monetary * (frequency + 1);
  out.ids[k] = p.customerId;
  out.frequency[k] = frequency;
  out.recency[k] = recency;
  out.T[k] = T;
  out.monetary[k] = monetary;
  out.revenue[k] = revenue;
  (out.margin as Float64Array)[k] = num(p.margin) ?? NaN;
  out.first[k] = 0;
  out.last[k] = recency * unitDays;
  out.orders[k] = frequency + 1;
}

/** The profiles given, by their trimmed customer id. */
export function profilesById(list: readonly CustomerProfile[] | undefined): Map<string, CustomerProfile> {
  const out = new Map<string, CustomerProfile>();
  for (const p of list ?? []) out.set(String(p.customerId).trim(), p);
  return out;
}

/**
 * The customers of summaries made from transactions (in id order, with the settings they were
 * made with): the profiles add their columns to the customers with the same id, and profiles of
 * nobody in the transactions are counted, with a warning (docs/inputs.md §4).
 */
export function customersOfSummaries(summaries: SummaryColumns, settings: SummarySettings, profileById: Map<string, CustomerProfile>, warnings: CvaWarning[]): AnalysisCustomers {
  let profiles: (CustomerProfile | undefined)[] | null = null;
  let profilesWithoutTransactions = 0;
  if (profileById.size > 0) {
    profiles = summaries.ids.map((id) => profileById.get(id));
    // Profiles of nobody in the transactions are left out, never silently: a warning with the
    // count and the first few ids (docs/inputs.md §4).
    const seen = new Set(summaries.ids);
    const unmatched: string[] = [];
    for (const id of profileById.keys()) if (!seen.has(id)) unmatched.push(id);
    profilesWithoutTransactions = unmatched.length;
    if (unmatched.length > 0) {
      const ids = unmatched.slice(0, 5).join(", ") + (unmatched.length > 5 ? ", …" : "");
      const text = counted(unmatched.length, "profile matches no customer in the transactions and is", "profiles match no customer in the transactions and are", "条客户资料");
      warnings.push({ key: "warn.profilesWithoutTransactions", params: { profiles: text, ids } });
    }
  }
  const profileAt = (i: number): CustomerProfile | undefined => (profiles ? profiles[i] : undefined);
  return {
    summaries,
    end: settings.end,
    periodDays: settings.periodDays,
    unit: settings.unit,
    unitDays: settings.daysPerUnit,
    fromTransactions: true,
    profileById,
    profiles,
    profilesWithoutTransactions,
    profileAt,
  };
}

/** The customers of an analysis, customer i at index i of every column (in id order), and how their summaries were made. */
export interface AnalysisCustomers {
  summaries: SummaryColumns;
  /** Observation end as a day number (transactions); 0 for profiles alone. */
  end: number;
  /** Length of a life-cycle period, in days. */
  periodDays: number;
  unit: TimeUnit;
  /** Days per `unit`. */
  unitDays: number;
  fromTransactions: boolean;
  /** The profiles given, by customer id. */
  profileById: Map<string, CustomerProfile>;
  /** Each customer's profile, in the summaries' order; null when there are none. */
  profiles: (CustomerProfile | undefined)[] | null;
  /** Profiles of customers without transactions: counted in the report, not analysed. */
  profilesWithoutTransactions: number;
  /** Customer i's profile, when there is one. */
  profileAt: (i: number) => CustomerProfile | undefined;
}

/**
 * The customers' summaries, by column, from the transactions or the profiles; the summary's
 * warnings, and one for profiles that match no customer in the transactions, go to `warnings`.
 * @throws CvaError as `summarize` does; EMPTY_INPUT when there are neither transactions nor profiles.
 */
export function analysisCustomers(input: AnalyzeInput, options: AnalyzeOptions, warnings: CvaWarning[]): AnalysisCustomers {
  const profileById = profilesById(input.profiles);
  if (input.transactions !== undefined) {
    const table = Array.isArray(input.transactions)
      ? transactionTable(input.transactions as readonly Transaction[], { dateFormatted: options.dateFormatted })
      : (input.transactions as TransactionTable);
    const settings = resolveSummarySettings(table, options);
    const summaries = summarizeColumns(table, settings);
    warnings.push(...summaryWarnings(table, settings, summaries, { today: options.today }));
    return customersOfSummaries(summaries, settings, profileById, warnings);
  }
  const list = input.profiles ?? [];
  if (list.length === 0) throw CvaError.keyed(ErrorCodes.EmptyInput, "data.noCustomers");
  const unit: TimeUnit = normaliseUnit(options.unit ?? "weeks");
  const unitDays = daysPerUnit(unit);
  const summaries = summaryColumns(list.length, 0, true, false);
  for (let k = 0; k < list.length; k++) profileSummaryInto(summaries, k, list[k], unitDays);
  const profiles: (CustomerProfile | undefined)[] = [...list];
  const periodDays = options.periodDays ?? 365.25 / 4;
  const profileAt = (i: number): CustomerProfile | undefined => profiles[i];
  return { summaries, end: 0, periodDays, unit, unitDays, fromTransactions: false, profileById, profiles, profilesWithoutTransactions: 0, profileAt };
}
