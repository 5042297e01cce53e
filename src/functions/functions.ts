/**
 * The =CVA.* custom functions. Each is a thin wrapper: read the arguments under their
 * rules (./args.ts, ./tables.ts), call the core, map errors (./errors.ts). No model logic
 * lives here. The JSDoc of each function is what Excel shows in its formula help, so it is
 * written for the person typing the formula; custom-functions-metadata-plugin turns it into
 * functions.json at build time (and functions.zh-cn.json from ./functions.zh-CN.json) and
 * appends the CustomFunctions.associate calls to this file.
 *
 * Conventions, as Excel's own functions:
 * - Parameters are typed `any[][]`: a single cell and a range both arrive as a matrix, so
 *   every scalar argument may also be a range, and the function then spills one result per
 *   cell (./spill.ts). Errors stay in their own cell of the spill.
 * - Text or a blank where a number is needed, or an impossible number: #VALUE!; a missing
 *   population, an error cell in an input, a fit without an answer: #N/A — the two codes whose
 *   message Excel shows (./errors.ts). The message, shown when the cell is selected, names the
 *   argument (and the row within a range), in Office's display language.
 * - An error cell in an input is answered per cell where the result is per customer (TIER,
 *   PALIVE, …): that customer's cell shows #N/A naming it, the others compute. A result over
 *   the whole population (PYRAMID, GINI, a FIT) is #N/A naming the cell (docs/architecture.md §14).
 * - Labels (tiers, stages, segments) follow the optional `lang` argument, else Office's display
 *   language (en-US or zh-CN).
 */
import {
  bgnbd,
  mbgnbd,
  paretonbd,
  gammagamma,
  financeClv,
  lifetimeValue,
  RankedPopulation,
  pyramidTable,
  paretoShare,
  gini,
  lorenzCurve,
  tierLabel,
  tierRole,
  DEFAULT_TIER_SHARES,
  summarize,
  transactionTable,
  normaliseUnit,
  rfmSegment,
  rfmSegmentLabel,
  stageFromVolumes,
  stageLabel,
  LIFE_CYCLE_STAGES,
  relationshipLevel,
  levelLabel,
  loyaltyIndex,
  LOYALTY_INDICATORS,
  indicatorLabel,
  deliveredValue,
  valueRatio,
  CvaError,
  ErrorCodes,
  checkHistory,
  checkFrequency,
  given,
  errorText,
  idText,
  requireDay,
  type Lang,
  type LifeCycleStage,
  type LoyaltyIndicator,
  type LoyaltyIndicators,
  type Transaction,
  type TimeUnit,
  type BtydFitResult,
} from "../core";
import {
  readNumber,
  readText,
  readPopulation,
  readShares,
  readLang,
  isBlank,
  isMatrix,
  isOmitted,
  unwrap,
  cellValue,
  cellError,
  errorCodeOf,
  notNumberError,
  populationError,
  type NumberRule,
  type TextRule,
} from "./args";
import { excelCall, toExcelError } from "./errors";
import { elementwise, column } from "./spill";
import { readColumns, readNumberRows, readNumberTable, readFittedParams, fittedTable, vector, positionOf, type FittedParams, type ModelName } from "./tables";
import { memoByContent } from "./cache";
import { FUNCTION_FIT_TIME_LIMIT_MS } from "./limits";
import { HEADERS } from "./headers";

type Cell = unknown;
type Spill = Cell[][];

// ---------------------------------------------------------------------------------------
// Argument rules (docs/architecture.md §5: rules as data, checked in one place)

export const CLV_ARGS = [
  { name: "margin", kind: "number" },
  { name: "retention", kind: "number", min: 0, max: 1, maxExclusive: true, hint: { "en-US": "a share from 0 up to, not including, 1, e.g. 0.8", "zh-CN": "0 到 1 之间、不含 1 的比例，例如 0.8" } },
  // From 0, as the model requires (a negative rate makes later money worth more); below 1 is the model's own check, with its "did you mean 0.1?".
  { name: "discount", kind: "number", min: 0, hint: { "en-US": "a rate per period, e.g. 0.1 for 10%", "zh-CN": "每期的比率，例如 0.1 表示 10%" } },
  { name: "periods", kind: "number", optional: true, integer: true, min: 1, hint: { "en-US": "leave it out for no horizon", "zh-CN": "省略表示不设期限" } },
  { name: "acquisition_cost", kind: "number", optional: true, default: 0 },
] as const satisfies readonly NumberRule[];

const VALUE: NumberRule = { name: "value", kind: "number" };
const TOP_SHARE: NumberRule = {
  name: "top_share", kind: "number", optional: true, default: 0.2, min: 0, max: 1, minExclusive: true, maxExclusive: true,
  hint: { "en-US": "a share such as 0.2 for the top 20%", "zh-CN": "比例，例如 0.2 表示前 20%" },
};
const POINTS: NumberRule = { name: "points", kind: "number", optional: true, default: 11, integer: true, min: 2, max: 10001 };
const FREQUENCY: NumberRule = { name: "frequency", kind: "number", min: 0, hint: { "en-US": "repeat purchases", "zh-CN": "重复购买次数" } };
const RECENCY: NumberRule = { name: "recency", kind: "number", min: 0 };
const T_RULE: NumberRule = { name: "T", kind: "number", min: 0 };
const T_AHEAD: NumberRule = { name: "t", kind: "number", min: 0, hint: { "en-US": "periods ahead, in the unit of recency and T", "zh-CN": "向前预测的时长，与最近购买时间和 T 的单位相同" } };
const MONETARY: NumberRule = { name: "monetary", kind: "number" };
const MONTHS: NumberRule = { name: "months", kind: "number", optional: true, default: 12, integer: true, min: 1 };
const MONTHLY_DISCOUNT: NumberRule = { name: "monthly_discount", kind: "number", optional: true, default: 0.01, min: 0, hint: { "en-US": "a rate per month, e.g. 0.01 for 1%", "zh-CN": "每月的比率，例如 0.01 表示 1%" } };
const MARGIN_SHARE: NumberRule = { name: "margin", kind: "number", optional: true, default: 1, hint: { "en-US": "the share of spend that is margin, e.g. 0.3", "zh-CN": "消费中毛利所占的比例，例如 0.3" } };
const UNIT: TextRule = { name: "unit", kind: "text", optional: true, default: "weeks", choices: ["days", "weeks", "months"] };
const TENURE: NumberRule = { name: "tenure_days", kind: "number", min: 0 };
const P_ALIVE: NumberRule = { name: "p_alive", kind: "number", optional: true, min: 0, max: 1 };
const QUALITY: NumberRule = { name: "quality", kind: "number" };
const PRICE: NumberRule = { name: "price", kind: "number", min: 0, minExclusive: true };

const num = (rule: NumberRule, raw: unknown) => readNumber(rule, raw) as number;

// ---------------------------------------------------------------------------------------
// Lifetime value: finance formula (docs/lifetime-value.md §2)

/**
 * Customer lifetime value by the finance formula: the present value of the margins a customer brings while retained. With no horizon, margin × retention / (1 + discount − retention); with a horizon of N periods, the sum over t = 1…N of margin × retention^t / (1 + discount)^t; less the acquisition cost. Example: =CVA.CLV(100, 0.8, 0.1) returns 266.67. Any argument may be a range: one result per row.
 * @customfunction CLV
 * @param {any[][]} margin Margin per period from one customer, in currency (e.g. 100 per year).
 * @param {any[][]} retention Retention rate per period: the share of customers kept from one period to the next, from 0 up to (not including) 1, e.g. 0.8.
 * @param {any[][]} discount Discount rate per period, e.g. 0.1 for 10% a year: 0 or more, below 1.
 * @param {any[][]} [periods] Horizon in whole periods, e.g. 5. Leave it out to count every future period.
 * @param {any[][]} [acquisition_cost] One-off cost of winning the customer, subtracted from the value. Default 0.
 * @returns {any[][]} The customer's lifetime value, in the currency of margin.
 */
export function clv(margin: any[][], retention: any[][], discount: any[][], periods?: any[][], acquisition_cost?: any[][]): any[][] {
  return excelCall(() =>
    elementwise(
      CLV_ARGS.map((r) => r.name),
      [margin, retention, discount, periods, acquisition_cost],
      (m, r, d, n, c) =>
        financeClv({
          margin: num(CLV_ARGS[0], m),
          retention: num(CLV_ARGS[1], r),
          discount: num(CLV_ARGS[2], d),
          periods: readNumber(CLV_ARGS[3], n),
          acquisitionCost: readNumber(CLV_ARGS[4], c),
        }),
    ),
  );
}

// ---------------------------------------------------------------------------------------
// Pyramid and Pareto (docs/pyramid.md §10; tiers §2–§3, Pareto §8, Lorenz and Gini §9)

function tierShares(cutoffs: unknown): readonly number[] {
  return readShares("cutoffs", cutoffs) ?? DEFAULT_TIER_SHARES;
}

/** The ranked population of TIER: error cells are left out (their own rows show the error). */
function rankedPopulation(values: unknown, shares: readonly number[]): RankedPopulation {
  const pop = readPopulation("values", values, { errors: "skip" });
  return memoByContent("population", [pop, shares], () => new RankedPopulation(pop, shares));
}

/** The label of each tier (index 1..tiers) that the `labels` argument asks for, in `lang`. */
function tierLabels(labels: unknown, tiers: number, lang: Lang): (string | number)[] {
  const names = (set: "standard" | "metal") => [0, ...Array.from({ length: tiers }, (_, k) => tierLabel(k + 1, tiers, lang, set))];
  if (isOmitted(labels)) return names("standard");
  const single = unwrap(labels);
  if (!isMatrix(single)) {
    const choice = readText({ name: "labels", kind: "text", choices: ["names", "metal", "numbers"] }, single);
    if (choice === "numbers") return Array.from({ length: tiers + 1 }, (_, k) => k);
    return names(choice === "metal" ? "metal" : "standard");
  }
  const custom = (single as unknown[][]).flat().map(cellValue).filter((v) => !isBlank(v));
  if (custom.length !== tiers || custom.some((v) => typeof v !== "string" && typeof v !== "number")) {
    throw CvaError.keyed(ErrorCodes.InvalidType, "fn.labelsCount", { arg: "labels", tiers, count: custom.length }, { argument: "labels" });
  }
  return [0, ...(custom as (string | number)[])];
}

/**
 * The pyramid tier of a value within a population of customer values: by default the top 1% are Key – top, the next 19% Key, the next 30% Regular and the bottom 50% Small. Equal values always share a tier. Give a range as value to get one tier per row. Example: =CVA.TIER(B2, B$2:B$2358).
 * @customfunction TIER
 * @param {any[][]} value The customer's value (e.g. lifetime value, margin or revenue), or a range of values.
 * @param {any[][]} values All customers' values: the population that is ranked. Blank cells are skipped.
 * @param {any[][]} [cutoffs] Shares of customers per tier from the top, summing to 1 or 100, e.g. {1,19,30,50} (the default).
 * @param {any[][]} [labels] "names" (default), "metal" (platinum, gold, iron, lead), "numbers" (1 = top), or a range with one label per tier.
 * @param {any[][]} [lang] Language of the tier names: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language; give it in a workbook shared across languages.
 * @returns {any[][]} The tier of each value.
 */
export function tier(value: any[][], values: any[][], cutoffs?: any[][], labels?: any[][], lang?: any[][]): any[][] {
  return excelCall(() => {
    const shares = tierShares(cutoffs);
    const pop = rankedPopulation(values, shares);
    const label = tierLabels(labels, shares.length, readLang(lang));
    return elementwise(["value"], [value], (v) => label[pop.tierOf(num(VALUE, v))]);
  });
}

/**
 * The customer pyramid as a table: per tier, the number of customers, their share, their total value and its share of all value, top tier first, with a header row and a last row for all the customers counted (check it against the number you expect: blank cells may arrive as 0). Example: =CVA.PYRAMID(B2:B2358).
 * @customfunction PYRAMID
 * @param {any[][]} values All customers' values (lifetime value, margin or revenue). Blank cells are skipped.
 * @param {any[][]} [cutoffs] Shares of customers per tier from the top, summing to 1 or 100. Default {1,19,30,50}.
 * @param {any[][]} [labels] "names" (default), "metal", "numbers", or a range with one label per tier.
 * @param {any[][]} [lang] Language of the table: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language.
 * @returns {any[][]} Tier, customers, share of customers, value, share of value; then the total.
 */
export function pyramid(values: any[][], cutoffs?: any[][], labels?: any[][], lang?: any[][]): any[][] {
  return excelCall(() => {
    const shares = tierShares(cutoffs);
    const pop = readPopulation("values", values);
    const rows = pyramidTable(pop, shares);
    const language = readLang(lang);
    const label = tierLabels(labels, shares.length, language);
    const h = HEADERS[language];
    const total = rows.reduce((sum, r) => sum + r.value, 0);
    return [
      [h.tier, h.customers, h.customerShare, h.value, h.valueShare],
      ...rows.map((r) => [label[r.tier], r.customers, r.customerShare, r.value, r.valueShare ?? 0]),
      [h.total, pop.length, 1, total, rows.some((r) => r.valueShare !== null) ? 1 : 0],
    ];
  });
}

/**
 * The Pareto check: the share of total value held by the top customers (by default the top 20%), read off the Lorenz curve. 0.8 means the top 20% hold 80% of the value. Example: =CVA.PARETO(B2:B2358).
 * @customfunction PARETO
 * @param {any[][]} values All customers' values. Blank cells are skipped.
 * @param {any[][]} [top_share] The top share of customers, e.g. 0.2 (the default) for the top 20%.
 * @returns {number} The share of value held by that top share of customers.
 */
export function pareto(values: any[][], top_share?: any[][]): number {
  return excelCall(() => paretoShare(readPopulation("values", values), readNumber(TOP_SHARE, top_share)));
}

/**
 * The Gini coefficient of customer value: 0 when every customer is worth the same, close to 1 when a few customers hold all the value. Example: =CVA.GINI(B2:B2358).
 * @customfunction GINI
 * @param {any[][]} values All customers' values. Blank cells are skipped.
 * @returns {number} The Gini coefficient, from 0 to 1.
 */
export function giniCoefficient(values: any[][]): number {
  return excelCall(() => gini(readPopulation("values", values)));
}

/**
 * The Lorenz curve of customer value, for a chart: evenly spaced points of the cumulative share of customers (lowest value first) against the cumulative share of value, with a header row. Example: =CVA.LORENZ(B2:B2358, 11).
 * @customfunction LORENZ
 * @param {any[][]} values All customers' values. Blank cells are skipped.
 * @param {any[][]} [points] Number of points, from 2; default 11 (0%, 10%, … 100%).
 * @returns {any[][]} Cumulative share of customers and cumulative share of value.
 */
export function lorenz(values: any[][], points?: any[][]): any[][] {
  return excelCall(() => {
    const curve = lorenzCurve(readPopulation("values", values), readNumber(POINTS, points));
    const h = HEADERS[readLang(undefined)];
    return [[h.lorenzCustomers, h.lorenzValue], ...curve.map((p) => [p.customers, p.value])];
  });
}

// ---------------------------------------------------------------------------------------
// Customer summary (docs/summary.md §8; the figures §3–§4)

/**
 * Summarises a transaction log per customer, as the lifetime value models need it: repeat purchases (frequency), time from first to last purchase (recency), time from first purchase to the end (T), mean repeat purchase (monetary), revenue, first and last purchase date, and orders, with a header row. Purchases on one day count once; returns are netted. Example: =CVA.SUMMARY(A2:A6920, B2:B6920, D2:D6920, DATE(1997,9,30)).
 * @customfunction SUMMARY
 * @param {any[][]} ids Customer id of each transaction: one column or one row. Ids come back as written (a number as a number, "007" as text).
 * @param {any[][]} dates Date of each transaction: Excel dates or ISO text (1997-01-31).
 * @param {any[][]} amounts Amount of each transaction; returns as negative amounts.
 * @param {any[][]} [end] End of the observation period (a date); default the last date in the data. Later transactions are left out.
 * @param {any[][]} [unit] Time unit of recency and T: "days", "weeks" (default) or "months".
 * @returns {any[][]} One row per customer, with a header row.
 */
export function summary(ids: any[][], dates: any[][], amounts: any[][], end?: any[][], unit?: any[][]): any[][] {
  return excelCall(() => {
    const { rows, idCells } = transactionRows(ids, dates, amounts);
    const endValue = cellValue(unwrap(end));
    if (errorCodeOf(endValue) !== undefined) throw cellError("end", endValue);
    if (!isBlank(endValue) && typeof endValue !== "number" && typeof endValue !== "string") {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.endNotDate", { arg: "end", got: given(endValue) }, { argument: "end" });
    }
    const options = {
      unit: readText(UNIT, unit) as TimeUnit,
      end: isBlank(endValue) ? undefined : (endValue as number | string),
    };
    const customers = summarize(transactionTable(rows), options);
    const h = HEADERS[readLang(undefined)];
    return [
      [h.customerId, h.frequency, h.recency, h.T, h.monetary, h.revenue, h.first, h.last, h.orders],
      ...customers.map((c) => [idCells.get(c.customerId) ?? c.customerId, c.frequency, c.recency, c.T, c.monetary, c.revenue, c.first, c.last, c.orders]),
    ];
  });
}

/** An id cell that is neither a number nor text: a logical value as TRUE/FALSE, a data type by its text. */
function otherId(v: unknown): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const text = (v as { text?: unknown }).text;
  return typeof text === "string" ? text : JSON.stringify(v);
}

/** Text that Excel would show as a number once typed into a General cell ("007", "7.50"), but that is not that number's own text. */
const NUMBER_TEXT = /^[+-]?\d+(\.\d+)?$/;

/**
 * Reads the transaction columns — each one column or one row, of the same length, as Excel's
 * own functions take them — into transactions, and keeps each customer's id as it was written:
 * a number stays a number (lookups from a numeric id column still match), a text stays that
 * text ("007", "07" and "7" are three ids and show as three). A number id and a text id that
 * differ only in how they are written (7 and "007": Excel drops the zeros of a typed number)
 * are refused, naming both cells, rather than split one customer in two.
 */
function transactionRows(ids: unknown, dates: unknown, amounts: unknown): { rows: Transaction[]; idCells: Map<string, string | number> } {
  const names = ["ids", "dates", "amounts"];
  const vs = [ids, dates, amounts].map((r, k) => vector(names[k], r));
  const n = vs[0].cells.length;
  vs.forEach((v, k) => {
    if (v.cells.length !== n) {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.lengthMismatch", { arg: names[k], count: v.cells.length, otherArg: "ids", otherCount: n }, { argument: names[k] });
    }
  });
  const rows: Transaction[] = [];
  const idCells = new Map<string, string | number>();
  const numberIds = new Map<number, number>();
  const numberTexts = new Map<number, { row: number; text: string }>();
  for (let i = 0; i < n; i++) {
    const cell = vs.map((v) => cellValue(v.cells[i]));
    if (cell.every(isBlank)) continue;
    cell.forEach((v, k) => {
      if (errorCodeOf(v) === undefined) return;
      const { i: r, j, wide } = positionOf(vs[k], i);
      throw populationError(names[k], v, r, j, wide);
    });
    const [rawId, date, amount] = cell;
    const { i: r, j, wide } = positionOf(vs[0], i);
    if (isBlank(rawId)) {
      throw CvaError.keyed(ErrorCodes.InvalidType, wide ? "fn.blankIdAt" : "fn.blankId", { arg: "ids", row: r + 1, col: j + 1 }, { argument: "ids", row: r + 1 });
    }
    if (typeof date !== "number" && typeof date !== "string") {
      const p = positionOf(vs[1], i);
      throw CvaError.keyed(ErrorCodes.InvalidType, p.wide ? "fn.notDateAt" : "fn.notDate", { arg: "dates", row: p.i + 1, col: p.j + 1, got: given(date) }, { argument: "dates", row: p.i + 1 });
    }
    // The core's date rule, checked here so the message names the cell of `dates` (its row, or its
    // place in a one-row range), not the number of a transaction after blank rows are skipped.
    const at = positionOf(vs[1], i);
    requireDay(date, { row: at.i + at.j + 1, column: "dates" });
    if (typeof amount !== "number") {
      const p = positionOf(vs[2], i);
      throw notNumberError("amounts", amount, p.i, p.j, p.wide);
    }
    const id: string | number = typeof rawId === "number" || typeof rawId === "string" ? rawId : otherId(rawId);
    const key = idText(id);
    if (!idCells.has(key)) idCells.set(key, typeof id === "number" ? id : key);
    const numeric = typeof id === "number" ? id : NUMBER_TEXT.test(key) && String(Number(key)) !== key ? Number(key) : undefined;
    if (numeric !== undefined) {
      if (typeof id === "number") {
        if (!numberIds.has(id)) numberIds.set(id, i + 1);
      } else if (!numberTexts.has(numeric)) numberTexts.set(numeric, { row: i + 1, text: key });
      const asNumber = numberIds.get(numeric);
      const asText = numberTexts.get(numeric);
      if (asNumber !== undefined && asText !== undefined) {
        throw CvaError.keyed(
          ErrorCodes.InvalidType,
          "fn.idForms",
          { arg: "ids", row: asNumber, number: numeric, otherRow: asText.row, text: `"${asText.text}"` },
          { argument: "ids", row: Math.max(asNumber, asText.row) },
        );
      }
    }
    rows.push({ customerId: id, date, amount });
  }
  if (rows.length === 0) throw CvaError.keyed(ErrorCodes.Missing, "fn.noTransactions", { arg: "ids" }, { argument: "ids" });
  return { rows, idCells };
}

// ---------------------------------------------------------------------------------------
// RFM (docs/rfm.md §7; scores §2, segments §4)

interface RfmPopulations {
  r: RankedPopulation;
  f: RankedPopulation;
  m: RankedPopulation;
}

function rfmPopulations(recency: unknown, frequency: unknown, monetary: unknown, recencies: unknown, frequencies: unknown, monetaries: unknown): RfmPopulations {
  const populations = [recencies, frequencies, monetaries].map((p) => !isOmitted(p));
  if (populations.some((g) => g) && !populations.every((g) => g)) {
    throw CvaError.keyed(ErrorCodes.Missing, "fn.populationsPartial", {}, { argument: "recencies" });
  }
  const [pr, pf, pm] = populations[0] ? [recencies, frequencies, monetaries] : [recency, frequency, monetary];
  if (!populations[0] && ![pr, pf, pm].every((p) => isMatrix(p) && p.flat().length > 1)) {
    throw CvaError.keyed(ErrorCodes.Missing, "fn.populationsMissing", {}, { argument: "recencies" });
  }
  const pop = (name: string, raw: unknown) => {
    // Error cells are left out of the ranking; the customer's own cell shows the error.
    const v = readPopulation(name, raw, { errors: "skip" });
    return memoByContent("rfm", [v], () => new RankedPopulation(v));
  };
  return {
    r: pop(populations[0] ? "recencies" : "recency", pr),
    f: pop(populations[0] ? "frequencies" : "frequency", pf),
    m: pop(populations[0] ? "monetaries" : "monetary", pm),
  };
}

function rfmScoresOf(p: RfmPopulations, r: unknown, f: unknown, m: unknown): [number, number, number] {
  return [
    p.r.quantileScore(num(RECENCY, r), false),
    p.f.quantileScore(num({ name: "frequency", kind: "number" }, f), true),
    p.m.quantileScore(num(MONETARY, m), true),
  ];
}

/**
 * The RFM cell of a customer, e.g. 545: recency, frequency and monetary scores from 1 to 5 by quintile within all customers (5 = most recent, most frequent, highest spend). Give all customers' columns as ranges to spill one cell per customer; or one customer's values with the three population ranges. Example: =CVA.RFM(E2:E2358, B2:B2358, F2:F2358).
 * @customfunction RFM
 * @param {any[][]} recency Time since the last purchase (smaller is better), or a range of them.
 * @param {any[][]} frequency Number of purchases, or a range.
 * @param {any[][]} monetary Spend (total or per purchase), or a range.
 * @param {any[][]} [recencies] All customers' recencies, when recency is a single customer's.
 * @param {any[][]} [frequencies] All customers' frequencies.
 * @param {any[][]} [monetaries] All customers' spends.
 * @returns {any[][]} The three-digit RFM cell, e.g. 545.
 */
export function rfm(recency: any[][], frequency: any[][], monetary: any[][], recencies?: any[][], frequencies?: any[][], monetaries?: any[][]): any[][] {
  return excelCall(() => {
    const p = rfmPopulations(recency, frequency, monetary, recencies, frequencies, monetaries);
    return elementwise(["recency", "frequency", "monetary"], [recency, frequency, monetary], (r, f, m) => {
      const [sr, sf, sm] = rfmScoresOf(p, r, f, m);
      return 100 * sr + 10 * sf + sm;
    });
  });
}

/**
 * The RFM segment of a customer from its recency and frequency scores: Champions, Loyal, Potential loyalist, New, Promising, Need attention, About to sleep, At risk, Cannot lose, Hibernating or Lost. Same arguments as CVA.RFM. Example: =CVA.RFMSEGMENT(E2:E2358, B2:B2358, F2:F2358).
 * @customfunction RFMSEGMENT
 * @param {any[][]} recency Time since the last purchase (smaller is better), or a range of them.
 * @param {any[][]} frequency Number of purchases, or a range.
 * @param {any[][]} monetary Spend (total or per purchase), or a range.
 * @param {any[][]} [recencies] All customers' recencies, when recency is a single customer's.
 * @param {any[][]} [frequencies] All customers' frequencies.
 * @param {any[][]} [monetaries] All customers' spends.
 * @param {any[][]} [lang] Language of the segment names: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language.
 * @returns {any[][]} The segment name.
 */
export function rfmsegment(
  recency: any[][],
  frequency: any[][],
  monetary: any[][],
  recencies?: any[][],
  frequencies?: any[][],
  monetaries?: any[][],
  lang?: any[][],
): any[][] {
  return excelCall(() => {
    const p = rfmPopulations(recency, frequency, monetary, recencies, frequencies, monetaries);
    const language = readLang(lang);
    return elementwise(["recency", "frequency", "monetary"], [recency, frequency, monetary], (r, f, m) => {
      const [sr, sf] = rfmScoresOf(p, r, f, m);
      return rfmSegmentLabel(rfmSegment(sr, sf), language);
    });
  });
}

// ---------------------------------------------------------------------------------------
// Probabilistic models (docs/models/README.md §4; CLV.BTYD: docs/lifetime-value.md §3)

type FitFn = (cols: Float64Array[]) => Pick<BtydFitResult<object>, "params" | "logLikelihood" | "converged" | "iterations" | "messageKey" | "messageParams">;

/** The fit options of a fit run from a cell: stopped at {@link FUNCTION_FIT_TIME_LIMIT_MS}, inside the time Excel gives a function. */
const FIT_OPTIONS = { timeLimitMs: FUNCTION_FIT_TIME_LIMIT_MS } as const;

/**
 * Reads the columns of a fit, checks each customer by the core's one rule for histories
 * (checkHistory: the same rule PALIVE, EXPECTED and SPEND apply), naming the row within the
 * ranges, then fits (kept by content: recalculation never refits unchanged data).
 */
function fitTable(model: ModelName, names: string[], raws: unknown[], fit: FitFn): Spill {
  const { cols, rows } = readColumns(names, raws, 2);
  for (let i = 0; i < rows.length; i++) {
    if (model === "Gamma-Gamma") checkFrequency(cols[0][i], rows[i]);
    else checkHistory(cols[0][i], cols[1][i], cols[2][i], rows[i]);
  }
  const result = memoByContent(`fit:${model}`, cols, () => fit(cols));
  if (!result.converged) {
    // The fit's own reason (a time or iteration limit, a parameter running to a bound), in both languages.
    if (result.messageKey === "fit.timeLimit") throw CvaError.keyed(ErrorCodes.NotConverged, "fn.fitTimeLimit", { model, ...result.messageParams });
    if (result.messageKey) {
      const detail = { "en-US": errorText("en-US", result.messageKey, result.messageParams), "zh-CN": errorText("zh-CN", result.messageKey, result.messageParams) };
      throw CvaError.keyed(ErrorCodes.NotConverged, "fn.fitStopped", { model, detail });
    }
    const key = model === "Gamma-Gamma" ? "fn.fitSpendNotConverged" : "fn.fitNotConverged";
    throw CvaError.keyed(ErrorCodes.NotConverged, key, { model, iterations: result.iterations });
  }
  return fittedTable(model, result.params as Record<string, number>, result.logLikelihood, cols[0].length);
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) to customers' repeat purchases by maximum likelihood. Returns a label row and a value row (model, r, alpha, a, b, log-likelihood, customers) that CVA.PALIVE, CVA.EXPECTED and CVA.CLV.BTYD read. The fit is kept: recalculating never refits unchanged data. Example: =CVA.FIT.BGNBD(B2:B2358, C2:C2358, D2:D2358).
 * @customfunction FIT.BGNBD
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x), e.g. in weeks.
 * @param {any[][]} T Each customer's time from first purchase to the end of the period, in the same unit.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitBgnbd(frequency: any[][], recency: any[][], T: any[][]): any[][] {
  return excelCall(() =>
    fitTable("BG/NBD", ["frequency", "recency", "T"], [frequency, recency, T], ([f, r, t]) => bgnbd.fit({ frequency: f, recency: r, T: t }, FIT_OPTIONS)),
  );
}

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007), a BG/NBD variant in which customers can also drop out right after their first purchase. Returns a label row and a value row for CVA.PALIVE and CVA.EXPECTED. Example: =CVA.FIT.MBGNBD(B2:B2358, C2:C2358, D2:D2358).
 * @customfunction FIT.MBGNBD
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x).
 * @param {any[][]} T Each customer's time from first purchase to the end of the period.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitMbgnbd(frequency: any[][], recency: any[][], T: any[][]): any[][] {
  return excelCall(() =>
    fitTable("MBG/NBD", ["frequency", "recency", "T"], [frequency, recency, T], ([f, r, t]) => mbgnbd.fit({ frequency: f, recency: r, T: t }, FIT_OPTIONS)),
  );
}

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) to customers' repeat purchases. Returns a label row and a value row (model, r, alpha, s, beta, log-likelihood, customers) for CVA.PALIVE and CVA.EXPECTED. Example: =CVA.FIT.PARETONBD(B2:B2358, C2:C2358, D2:D2358).
 * @customfunction FIT.PARETONBD
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x).
 * @param {any[][]} T Each customer's time from first purchase to the end of the period.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitParetonbd(frequency: any[][], recency: any[][], T: any[][]): any[][] {
  return excelCall(() =>
    fitTable("Pareto/NBD", ["frequency", "recency", "T"], [frequency, recency, T], ([f, r, t]) => paretonbd.fit({ frequency: f, recency: r, T: t }, FIT_OPTIONS)),
  );
}

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005) on the repeat buyers (frequency above 0): how much customers spend per purchase. Returns a label row and a value row (model, p, q, v, log-likelihood, customers) for CVA.SPEND and CVA.CLV.BTYD. Example: =CVA.FIT.GG(B2:B2358, F2:F2358).
 * @customfunction FIT.GG
 * @param {any[][]} frequency Each customer's repeat purchases; customers with 0 are left out of the fit.
 * @param {any[][]} monetary Each customer's mean repeat purchase amount, above 0 for repeat buyers.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitGg(frequency: any[][], monetary: any[][]): any[][] {
  return excelCall(() =>
    fitTable("Gamma-Gamma", ["frequency", "monetary"], [frequency, monetary], ([f, m]) => gammagamma.fit({ frequency: f, monetary: m }, FIT_OPTIONS)),
  );
}

const PURCHASE_MODELS: readonly ModelName[] = ["BG/NBD", "MBG/NBD", "Pareto/NBD"];

interface PurchaseModel {
  pAlive(x: number, tx: number, T: number): number;
  expected(t: number, x: number, tx: number, T: number): number;
}

function purchaseModel({ model, params }: FittedParams): PurchaseModel {
  switch (model) {
    case "BG/NBD": {
      const p = params as unknown as bgnbd.BgNbdParams;
      return { pAlive: (x, tx, T) => bgnbd.probabilityAlive(p, x, tx, T), expected: (t, x, tx, T) => bgnbd.expectedPurchases(p, t, x, tx, T) };
    }
    case "MBG/NBD": {
      const p = params as unknown as mbgnbd.MbgNbdParams;
      return { pAlive: (x, tx, T) => mbgnbd.probabilityAlive(p, x, tx, T), expected: (t, x, tx, T) => mbgnbd.expectedPurchases(p, t, x, tx, T) };
    }
    default: {
      const p = params as unknown as paretonbd.ParetoNbdParams;
      return { pAlive: (x, tx, T) => paretonbd.probabilityAlive(p, x, tx, T), expected: (t, x, tx, T) => paretonbd.expectedPurchases(p, t, x, tx, T) };
    }
  }
}

/** One customer's history read from its cells and checked by the core's rule for histories, the rule of the fits. */
function history(f: unknown, r: unknown, t: unknown): [number, number, number] {
  const x = num(FREQUENCY, f);
  const tx = num(RECENCY, r);
  const T = num(T_RULE, t);
  checkHistory(x, tx, T);
  return [x, tx, T];
}

/**
 * The probability that a customer is still active ("alive") given its purchase history and a fitted BG/NBD, MBG/NBD or Pareto/NBD model. Low values flag churn risk. Give ranges to get one probability per customer. Example: =CVA.PALIVE(B2, C2, D2, $H$1:$N$2).
 * @customfunction PALIVE
 * @param {any[][]} frequency Repeat purchases (x), or a range.
 * @param {any[][]} recency Time from first to last purchase (t_x), in the unit of the fit.
 * @param {any[][]} T Time from first purchase to the end of the period, in the unit of the fit.
 * @param {any[][]} params The table returned by CVA.FIT.BGNBD, CVA.FIT.MBGNBD or CVA.FIT.PARETONBD.
 * @returns {any[][]} P(alive), from 0 to 1.
 */
export function palive(frequency: any[][], recency: any[][], T: any[][], params: any[][]): any[][] {
  return excelCall(() => {
    const model = purchaseModel(readFittedParams("params", params, PURCHASE_MODELS));
    return elementwise(["frequency", "recency", "T"], [frequency, recency, T], (f, r, t) => model.pAlive(...history(f, r, t)));
  });
}

/**
 * The number of purchases a customer is expected to make in the next t periods, given its history and a fitted BG/NBD, MBG/NBD or Pareto/NBD model (demand forecast). Example: =CVA.EXPECTED(39, B2, C2, D2, $H$1:$N$2).
 * @customfunction EXPECTED
 * @param {any[][]} t How far ahead, in the unit of recency and T (e.g. 39 weeks).
 * @param {any[][]} frequency Repeat purchases (x), or a range.
 * @param {any[][]} recency Time from first to last purchase (t_x).
 * @param {any[][]} T Time from first purchase to the end of the period.
 * @param {any[][]} params The table returned by CVA.FIT.BGNBD, CVA.FIT.MBGNBD or CVA.FIT.PARETONBD.
 * @returns {any[][]} Expected purchases in the next t periods.
 */
export function expected(t: any[][], frequency: any[][], recency: any[][], T: any[][], params: any[][]): any[][] {
  return excelCall(() => {
    const model = purchaseModel(readFittedParams("params", params, PURCHASE_MODELS));
    return elementwise(["t", "frequency", "recency", "T"], [t, frequency, recency, T], (ahead, f, r, tt) => model.expected(num(T_AHEAD, ahead), ...history(f, r, tt)));
  });
}

/**
 * The expected amount a customer spends per purchase, given its repeat purchases and their mean amount and a fitted Gamma-Gamma model: a weighted mean of the customer's own mean and the population's. Example: =CVA.SPEND(B2, F2, $H$4:$L$5).
 * @customfunction SPEND
 * @param {any[][]} frequency Repeat purchases (x), or a range.
 * @param {any[][]} monetary Mean amount of the repeat purchases (0 when there are none).
 * @param {any[][]} gg_params The table returned by CVA.FIT.GG.
 * @returns {any[][]} Expected spend per purchase.
 */
export function spend(frequency: any[][], monetary: any[][], gg_params: any[][]): any[][] {
  return excelCall(() => {
    const { params } = readFittedParams("gg_params", gg_params, ["Gamma-Gamma"]);
    const p = params as unknown as gammagamma.GammaGammaParams;
    return elementwise(["frequency", "monetary"], [frequency, monetary], (f, m) => {
      const x = num(FREQUENCY, f);
      checkFrequency(x);
      return gammagamma.conditionalExpectedAverageValue(p, x, num(MONETARY, m));
    });
  });
}

/**
 * Probabilistic customer lifetime value: expected purchases in each coming month (BG/NBD, MBG/NBD or Pareto/NBD) × expected spend (Gamma-Gamma) × margin share, discounted monthly and summed over the horizon — the scheme of the lifetimes library. Example: =CVA.CLV.BTYD(B2, C2, D2, F2, $H$1:$N$2, $H$4:$L$5, 12, 0.01, 0.3).
 * @customfunction CLV.BTYD
 * @param {any[][]} frequency Repeat purchases (x), or a range.
 * @param {any[][]} recency Time from first to last purchase (t_x), in unit.
 * @param {any[][]} T Time from first purchase to the end of the period, in unit.
 * @param {any[][]} monetary Mean amount of the repeat purchases.
 * @param {any[][]} bg_params The table returned by CVA.FIT.BGNBD (or FIT.MBGNBD, FIT.PARETONBD).
 * @param {any[][]} gg_params The table returned by CVA.FIT.GG.
 * @param {any[][]} [months] Horizon in months; default 12.
 * @param {any[][]} [monthly_discount] Discount rate per month, 0 or more and below 1; default 0.01 (1%).
 * @param {any[][]} [margin] Share of spend that is margin, e.g. 0.3; default 1 (value in revenue).
 * @param {any[][]} [unit] Time unit of recency and T: "days", "weeks" (default) or "months".
 * @returns {any[][]} Lifetime value over the horizon, in the currency of monetary.
 */
export function clvBtyd(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  monetary: any[][],
  bg_params: any[][],
  gg_params: any[][],
  months?: any[][],
  monthly_discount?: any[][],
  margin?: any[][],
  unit?: any[][],
): any[][] {
  return excelCall(() => {
    const model = purchaseModel(readFittedParams("bg_params", bg_params, PURCHASE_MODELS));
    const gg = readFittedParams("gg_params", gg_params, ["Gamma-Gamma"]).params as unknown as gammagamma.GammaGammaParams;
    const options = {
      unit: normaliseUnit(readText(UNIT, unit) as string),
      horizonMonths: readNumber(MONTHS, months),
      discount: readNumber(MONTHLY_DISCOUNT, monthly_discount),
      margin: readNumber(MARGIN_SHARE, margin),
    };
    return elementwise(["frequency", "recency", "T", "monetary"], [frequency, recency, T, monetary], (f, r, t, m) => {
      const [x, tx, TT] = history(f, r, t);
      const value = gammagamma.conditionalExpectedAverageValue(gg, x, num(MONETARY, m));
      return lifetimeValue((ahead) => model.expected(ahead, x, tx, TT), value, options);
    });
  });
}

// ---------------------------------------------------------------------------------------
// Life cycle, relationship, loyalty, delivered value (docs/lifecycle.md §7, docs/relationship.md §4,
// docs/loyalty.md §8, docs/delivered-value.md §2–§5)

/**
 * The life cycle stage of each customer from its purchase volumes per period (oldest first, one row per customer): Exploration, Formation (rising), Stability, Decline (falling) or Churned. With P(alive), churn is P(alive) below 0.1. Example: =CVA.LIFECYCLE(B2:E2358, G2:G2358).
 * @customfunction LIFECYCLE
 * @param {any[][]} volumes Purchases or amounts per period, oldest first; one row per customer.
 * @param {any[][]} [p_alive] Each customer's P(alive) (e.g. from CVA.PALIVE), one per row.
 * @param {any[][]} [lang] Language of the stage names: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language.
 * @returns {any[][]} The stage of each customer.
 */
export function lifecycle(volumes: any[][], p_alive?: any[][], lang?: any[][]): any[][] {
  return excelCall(() => {
    const rows = readNumberRows("volumes", volumes, "error", "row");
    const alive = isOmitted(p_alive) ? null : (isMatrix(p_alive) ? p_alive : [[p_alive]]);
    if (alive && alive.length !== rows.length) {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.rowsMismatch", { arg: "p_alive", count: alive.length, otherArg: "volumes", otherCount: rows.length }, { argument: "p_alive" });
    }
    const language = readLang(lang);
    return rows.map((row, i) => {
      try {
        if (row instanceof CvaError) throw row;
        const p = alive ? readNumber(P_ALIVE, alive[i][0]) : undefined;
        return [stageLabel(stageFromVolumes(row as number[], p), language)];
      } catch (e) {
        return [toExcelError(e)];
      }
    });
  });
}

function stageOf(raw: unknown): LifeCycleStage {
  const v = cellValue(unwrap(raw));
  if (errorCodeOf(v) !== undefined) throw cellError("stage", v);
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    for (const s of LIFE_CYCLE_STAGES) {
      if (s === t || stageLabel(s, "en-US").toLowerCase() === t || stageLabel(s, "zh-CN") === v.trim()) return s;
    }
  }
  throw CvaError.keyed(ErrorCodes.InvalidType, "fn.stageInvalid", { arg: "stage", got: given(v) }, { argument: "stage" });
}

function tierNumber(raw: unknown, tiers: number): number {
  const v = cellValue(unwrap(raw));
  if (errorCodeOf(v) !== undefined) throw cellError("tier", v);
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1 && v <= tiers) return v;
    throw CvaError.keyed(ErrorCodes.OutOfRange, "fn.tierOutOfRange", { arg: "tier", tiers, got: v }, { argument: "tier" });
  }
  if (typeof v === "string") {
    for (let k = 1; k <= tiers; k++) {
      for (const lang of ["en-US", "zh-CN"] as const) {
        for (const set of ["standard", "metal"] as const) if (tierLabel(k, tiers, lang, set) === v.trim()) return k;
      }
    }
  }
  throw CvaError.keyed(ErrorCodes.InvalidType, "fn.tierInvalid", { arg: "tier", got: given(v) }, { argument: "tier" });
}

/**
 * The relationship level of a customer: Casual buyer (one purchase), Customer, Client (repeat buyer in formation or stability, or in the regular tier) or Partner (key tier, stable, for two years or more). Example: =CVA.RELATIONSHIP(B2, J2, K2, L2).
 * @customfunction RELATIONSHIP
 * @param {any[][]} frequency Repeat purchases (0 = bought once), or a range.
 * @param {any[][]} tier The customer's tier: a number (1 = top) or a name as CVA.TIER returns it.
 * @param {any[][]} stage The customer's life cycle stage as CVA.LIFECYCLE returns it.
 * @param {any[][]} tenure_days Days since the first purchase.
 * @param {any[][]} [cutoffs] The tier shares used for the tiers; default {1,19,30,50}.
 * @param {any[][]} [lang] Language of the level names: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language.
 * @returns {any[][]} The relationship level.
 */
export function relationship(frequency: any[][], tier: any[][], stage: any[][], tenure_days: any[][], cutoffs?: any[][], lang?: any[][]): any[][] {
  return excelCall(() => {
    const shares = tierShares(cutoffs);
    const language = readLang(lang);
    return elementwise(["frequency", "tier", "stage", "tenure_days"], [frequency, tier, stage, tenure_days], (f, k, s, d) =>
      levelLabel(
        relationshipLevel({ frequency: num(FREQUENCY, f), role: tierRole(tierNumber(k, shares.length), shares), stage: stageOf(s), tenureDays: num(TENURE, d) }),
        language,
      ),
    );
  });
}

function indicatorOf(header: unknown): LoyaltyIndicator | undefined {
  if (typeof header !== "string") return undefined;
  const h = header.trim().toLowerCase().replace(/[\s_-]/g, "");
  for (const { key } of LOYALTY_INDICATORS) {
    if (key.toLowerCase() === h) return key;
    for (const lang of ["en-US", "zh-CN"] as const) if (indicatorLabel(key, lang).toLowerCase().replace(/[\s_-]/g, "") === h) return key;
  }
  return h === "palive" ? "pAlive" : undefined;
}

/**
 * The loyalty index, 0 to 100, of each customer: each indicator present becomes a percentile rank within the customers, turned so that higher is more loyal, and the ranks are averaged with the default weights (repeat rate 0.30, purchase amount 0.20, complaint rate 0.15, price sensitivity 0.10, reputation 0.10, brand designation 0.05, P(alive) 0.10), renormalised over the indicators present. Loyal from 70, satisfied 50–70, at risk 30–50, defecting below 30. Example: =CVA.LOYALTY(B1:E2358).
 * @customfunction LOYALTY
 * @param {any[][]} indicators A table with a header row naming the indicators (Repeat rate, Purchase amount, Complaint rate, Price sensitivity, Reputation, Brand designation, P(alive), in English or Chinese) and one row per customer. Blank cells are unknown.
 * @param {any[][]} [weights] One row of weights, one per indicator column, to replace the defaults.
 * @returns {any[][]} The loyalty index of each customer (one per data row).
 */
export function loyalty(indicators: any[][], weights?: any[][]): any[][] {
  return excelCall(() => {
    const m = isMatrix(indicators) ? indicators : [[indicators]];
    if (m.length < 2) throw CvaError.keyed(ErrorCodes.Missing, "fn.loyaltyNoRows", { arg: "indicators" }, { argument: "indicators" });
    const seen = new Map<LoyaltyIndicator, number>();
    const keys = m[0].map((cell, j) => {
      const h = cellValue(cell);
      const key = indicatorOf(h);
      if (!key) {
        throw CvaError.keyed(ErrorCodes.InvalidType, "fn.loyaltyUnknownHeader", { arg: "indicators", col: j + 1, got: given(h) }, { argument: "indicators" });
      }
      const first = seen.get(key);
      if (first !== undefined) {
        throw CvaError.keyed(
          ErrorCodes.InvalidType,
          "fn.loyaltyDuplicate",
          { arg: "indicators", col: first, otherCol: j + 1, indicator: indicatorLabel(key, readLang(undefined)) },
          { argument: "indicators" },
        );
      }
      seen.set(key, j + 1);
      return key;
    });
    const rows = readNumberTable("indicators", m.slice(1), "null");
    const n = rows.length;
    const cols: LoyaltyIndicators = {};
    keys.forEach((key, j) => (cols[key] = rows.map((r) => r[j])));
    const w: Partial<Record<LoyaltyIndicator, number>> = {};
    if (!isOmitted(weights)) {
      const row = readNumberTable("weights", weights, "error");
      if (row.length !== 1 || row[0].length !== keys.length) {
        throw CvaError.keyed(ErrorCodes.InvalidType, "fn.weightsPerIndicator", { arg: "weights", count: keys.length }, { argument: "weights" });
      }
      keys.forEach((key, j) => (w[key] = row[0][j] as number));
    }
    const index = loyaltyIndex(cols, n, w);
    return column(index.map((v, i) => (v === null ? toExcelError(CvaError.keyed(ErrorCodes.Missing, "fn.loyaltyNothingKnown", { row: i + 1 })) : v)));
  });
}

const VALUE_PARTS = ["product", "service", "personnel", "image"] as const;
const COST_PARTS = ["money", "time", "energy", "physical", "sensory"] as const;

/**
 * Customer delivered value: total customer value (product + service + personnel + image value, weighted) minus total customer cost (money + time + energy + physical cost, + sensory burden), one result per customer row. Example: =CVA.DELIVERED(B2:E101, F2:I101).
 * @customfunction DELIVERED
 * @param {any[][]} values Value ratings per customer row, in the order product, service, personnel, image (1 to 4 columns).
 * @param {any[][]} costs Cost ratings per customer row, in the order money, time, energy, physical, sensory (1 to 5 columns).
 * @param {any[][]} [weights] One row of weights for the value columns; default 1 each.
 * @returns {any[][]} Delivered value (total value − total cost) of each row.
 */
export function delivered(values: any[][], costs: any[][], weights?: any[][]): any[][] {
  return excelCall(() => {
    const v = readNumberRows("values", values, "null", "row");
    const c = readNumberRows("costs", costs, "null", "row");
    const columns = (m: unknown) => (isMatrix(m) ? m[0].length : 1);
    if (v.length !== c.length) {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.rowsMismatch", { arg: "costs", count: c.length, otherArg: "values", otherCount: v.length }, { argument: "costs" });
    }
    if (columns(values) > VALUE_PARTS.length) throw CvaError.keyed(ErrorCodes.InvalidType, "fn.tooManyValueColumns", { arg: "values", count: columns(values) }, { argument: "values" });
    if (columns(costs) > COST_PARTS.length) throw CvaError.keyed(ErrorCodes.InvalidType, "fn.tooManyCostColumns", { arg: "costs", count: columns(costs) }, { argument: "costs" });
    let w: Partial<Record<(typeof VALUE_PARTS)[number], number>> | undefined;
    if (!isOmitted(weights)) {
      const row = readNumberTable("weights", weights, "error");
      if (row.length !== 1 || row[0].length !== columns(values)) {
        throw CvaError.keyed(ErrorCodes.InvalidType, "fn.weightsPerValue", { arg: "weights", count: columns(values) }, { argument: "weights" });
      }
      w = Object.fromEntries(row[0].map((x, j) => [VALUE_PARTS[j], x as number]));
    }
    return v.map((row, i) => {
      try {
        const ci = c[i];
        if (row instanceof CvaError) throw row;
        if (ci instanceof CvaError) throw ci;
        const value = Object.fromEntries(row.map((x, j) => [VALUE_PARTS[j], x]));
        const cost = Object.fromEntries(ci.map((x, j) => [COST_PARTS[j], x]));
        return [deliveredValue(value, cost, { value: w }).deliveredValue];
      } catch (e) {
        return [toExcelError(e)];
      }
    });
  });
}

/**
 * The value ratio V = Q / P: perceived quality relative to competitors over price. Above 1, the customer gets more than they pay for. Example: =CVA.VALUERATIO(1.2, 1).
 * @customfunction VALUERATIO
 * @param {any[][]} quality Perceived quality relative to competitors, or a range.
 * @param {any[][]} price Price (relative to competitors), above 0, or a range.
 * @returns {any[][]} The value ratio.
 */
export function valueratio(quality: any[][], price: any[][]): any[][] {
  return excelCall(() => elementwise(["quality", "price"], [quality, price], (q, p) => valueRatio(num(QUALITY, q), num(PRICE, p))));
}
