/**
 * The options of a summary and the settings they resolve to against the data: time unit,
 * observation end, number and length of the periods (docs/summary.md §2, §5).
 */
import { CvaError, ErrorCodes } from "../errors";
import { requireDay } from "./dates";
import { daysPerUnit, normaliseUnit, type TimeUnit } from "./units";
import { normalisePeriod, type PurchasePeriod } from "./period";

export interface SummaryOptions {
  /** Time unit of recency and T; default "weeks" (docs/summary.md §2). */
  unit?: TimeUnit | string;
  /** Observation end: day number or ISO text; default the last date in the data. */
  end?: number | string;
  /** Number of recent periods whose amounts are kept; default 4 (docs/summary.md §5). */
  periodCount?: number;
  /** Length of a period in days; default 365.25/4 (a quarter). */
  periodDays?: number;
  /** What counts as one purchase: a day (default), a week or a month with purchases (./period.ts, docs/engines.md §2). */
  purchasePeriod?: PurchasePeriod | string;
}

/** The settings a summary was computed with (all defaults resolved). */
export interface SummarySettings {
  unit: TimeUnit;
  daysPerUnit: number;
  end: number;
  periodCount: number;
  periodDays: number;
  purchasePeriod: PurchasePeriod;
}

/** The observation end as the user knows it, in both languages (the CLI's --end, the pane's field, the functions' end). */
const END_LABEL = { "en-US": "the observation end", "zh-CN": "观察截止日期" } as const;

export const DEFAULT_PERIOD_COUNT = 4;
export const DEFAULT_PERIOD_DAYS = 365.25 / 4;

/** Resolves the options against the data, a table or any rows' days (the default end is the last day in the data). */
export function resolveSummarySettings(table: { length: number; day: ArrayLike<number> }, options: SummaryOptions = {}): SummarySettings {
  const unit = normaliseUnit(options.unit ?? "weeks");
  let end: number;
  if (options.end === undefined) {
    if (table.length === 0) throw CvaError.keyed(ErrorCodes.EmptyInput, "tx.none");
    let m = -Infinity;
    const day = table.day;
    // Stryker disable next-line EqualityOperator: day[length] is undefined (undefined > m is false), and an equal day assigns the same value
    for (let i = 0; i < table.length; i++) if (day[i] > m) m = day[i];
    end = m;
  } else {
    end = requireDay(options.end, { argument: "end", label: END_LABEL });
  }
  const periodCount = options.periodCount ?? DEFAULT_PERIOD_COUNT;
  if (!Number.isInteger(periodCount) || periodCount < 1 || periodCount > 1000) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.wholeBetween", { arg: "periodCount", min: 1, max: 1000, got: periodCount }, { argument: "periodCount" });
  }
  const periodDays = options.periodDays ?? DEFAULT_PERIOD_DAYS;
  if (!Number.isFinite(periodDays) || periodDays < 1) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.atLeast", { arg: "periodDays", min: 1, hint: "", got: periodDays }, { argument: "periodDays" });
  }
  const purchasePeriod = normalisePeriod(options.purchasePeriod ?? "day");
  if (purchasePeriod === undefined) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "purchasePeriod", choices: "day, week, month", got: JSON.stringify(options.purchasePeriod) }, { argument: "purchasePeriod" });
  }
  return { unit, daysPerUnit: daysPerUnit(unit), end, periodCount, periodDays, purchasePeriod };
}
