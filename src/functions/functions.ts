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
 * - Text or a blank where a number is needed: #VALUE!; an impossible number: #NUM!; a
 *   missing population: #N/A. The message, shown when the cell is selected, names the
 *   argument (and the row within a range).
 * - Labels (tiers, stages, segments) follow Office's display language (en-US or zh-CN).
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
  type LifeCycleStage,
  type LoyaltyIndicator,
  type LoyaltyIndicators,
  type Transaction,
  type TimeUnit,
} from "../core";
import { readNumber, readText, readPopulation, readShares, isBlank, isMatrix, isOmitted, unwrap, describe, type NumberRule, type TextRule } from "./args";
import { excelCall, toExcelError } from "./errors";
import { elementwise, column } from "./spill";
import { readColumns, readNumberRows, readFittedParams, fittedTable, type FittedParams, type ModelName } from "./tables";
import { memoByContent } from "./cache";
import { displayLang } from "./locale";
import { HEADERS } from "./headers";

type Cell = unknown;
type Spill = Cell[][];

// ---------------------------------------------------------------------------------------
// Argument rules (docs/architecture.md §5: rules as data, checked in one place)

export const CLV_ARGS = [
  { name: "margin", kind: "number" },
  { name: "retention", kind: "number", min: 0, max: 1, maxExclusive: true, hint: "a share from 0 up to, not including, 1, e.g. 0.8" },
  { name: "discount", kind: "number", min: -1, minExclusive: true, hint: "a rate per period, e.g. 0.1 for 10%" },
  { name: "periods", kind: "number", optional: true, integer: true, min: 1, hint: "leave it out for no horizon" },
  { name: "acquisition_cost", kind: "number", optional: true, default: 0 },
] as const satisfies readonly NumberRule[];

const VALUE: NumberRule = { name: "value", kind: "number" };
const TOP_SHARE: NumberRule = { name: "top_share", kind: "number", optional: true, default: 0.2, min: 0, max: 1, minExclusive: true, maxExclusive: true, hint: "a share such as 0.2 for the top 20%" };
const POINTS: NumberRule = { name: "points", kind: "number", optional: true, default: 11, integer: true, min: 2, max: 10001 };
const FREQUENCY: NumberRule = { name: "frequency", kind: "number", min: 0, hint: "repeat purchases" };
const RECENCY: NumberRule = { name: "recency", kind: "number", min: 0 };
const T_RULE: NumberRule = { name: "T", kind: "number", min: 0 };
const T_AHEAD: NumberRule = { name: "t", kind: "number", min: 0, hint: "periods ahead, in the unit of recency and T" };
const MONETARY: NumberRule = { name: "monetary", kind: "number" };
const MONTHS: NumberRule = { name: "months", kind: "number", optional: true, default: 12, integer: true, min: 1 };
const MONTHLY_DISCOUNT: NumberRule = { name: "monthly_discount", kind: "number", optional: true, default: 0.01, min: -1, minExclusive: true };
const MARGIN_SHARE: NumberRule = { name: "margin", kind: "number", optional: true, default: 1, hint: "the share of spend that is margin, e.g. 0.3" };
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
 * @param {any[][]} discount Discount rate per period, e.g. 0.1 for 10% a year. Must be greater than -1.
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

function rankedPopulation(values: unknown, shares: readonly number[]): RankedPopulation {
  const pop = readPopulation("values", values);
  return memoByContent("population", [pop, shares], () => new RankedPopulation(pop, shares));
}

/** Turns a tier number into the label the `labels` argument asks for. */
/** The label of each tier (index 1..tiers) that the `labels` argument asks for. */
function tierLabels(labels: unknown, tiers: number): (string | number)[] {
  const lang = displayLang();
  const names = (set: "standard" | "metal") => [0, ...Array.from({ length: tiers }, (_, k) => tierLabel(k + 1, tiers, lang, set))];
  if (isOmitted(labels)) return names("standard");
  const single = unwrap(labels);
  if (!isMatrix(single)) {
    const choice = readText({ name: "labels", kind: "text", choices: ["names", "metal", "numbers"] }, single);
    if (choice === "numbers") return Array.from({ length: tiers + 1 }, (_, k) => k);
    return names(choice === "metal" ? "metal" : "standard");
  }
  const custom = (single as unknown[][]).flat().filter((v) => !isBlank(v));
  if (custom.length !== tiers || custom.some((v) => typeof v !== "string" && typeof v !== "number")) {
    throw new CvaError(ErrorCodes.InvalidType, `labels must be "names", "metal", "numbers" or a range of ${tiers} labels, one per tier; got ${custom.length} cells`, { argument: "labels" });
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
 * @returns {any[][]} The tier of each value.
 */
export function tier(value: any[][], values: any[][], cutoffs?: any[][], labels?: any[][]): any[][] {
  return excelCall(() => {
    const shares = tierShares(cutoffs);
    const pop = rankedPopulation(values, shares);
    const label = tierLabels(labels, shares.length);
    return elementwise(["value"], [value], (v) => label[pop.tierOf(num(VALUE, v))]);
  });
}

/**
 * The customer pyramid as a table: per tier, the number of customers, their share, their total value and its share of all value, top tier first, with a header row. Example: =CVA.PYRAMID(B2:B2358).
 * @customfunction PYRAMID
 * @param {any[][]} values All customers' values (lifetime value, margin or revenue). Blank cells are skipped.
 * @param {any[][]} [cutoffs] Shares of customers per tier from the top, summing to 1 or 100. Default {1,19,30,50}.
 * @param {any[][]} [labels] "names" (default), "metal", "numbers", or a range with one label per tier.
 * @returns {any[][]} Tier, customers, share of customers, value, share of value.
 */
export function pyramid(values: any[][], cutoffs?: any[][], labels?: any[][]): any[][] {
  return excelCall(() => {
    const shares = tierShares(cutoffs);
    const rows = pyramidTable(readPopulation("values", values), shares);
    const label = tierLabels(labels, shares.length);
    const h = HEADERS[displayLang()];
    return [
      [h.tier, h.customers, h.customerShare, h.value, h.valueShare],
      ...rows.map((r) => [label[r.tier], r.customers, r.customerShare, r.value, r.valueShare ?? 0]),
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
    const h = HEADERS[displayLang()];
    return [[h.lorenzCustomers, h.lorenzValue], ...curve.map((p) => [p.customers, p.value])];
  });
}

// ---------------------------------------------------------------------------------------
// Customer summary (docs/summary.md §8; the figures §3–§4)

/**
 * Summarises a transaction log per customer, as the lifetime value models need it: repeat purchases (frequency), time from first to last purchase (recency), time from first purchase to the end (T), mean repeat purchase (monetary), revenue, first and last purchase date, and orders, with a header row. Purchases on one day count once; returns are netted. Example: =CVA.SUMMARY(A2:A6920, B2:B6920, D2:D6920, DATE(1997,9,30)).
 * @customfunction SUMMARY
 * @param {any[][]} ids Customer id of each transaction.
 * @param {any[][]} dates Date of each transaction: Excel dates or ISO text (1997-01-31).
 * @param {any[][]} amounts Amount of each transaction; returns as negative amounts.
 * @param {any[][]} [end] End of the observation period (a date); default the last date in the data. Later transactions are left out.
 * @param {any[][]} [unit] Time unit of recency and T: "days", "weeks" (default) or "months".
 * @returns {any[][]} One row per customer, with a header row.
 */
export function summary(ids: any[][], dates: any[][], amounts: any[][], end?: any[][], unit?: any[][]): any[][] {
  return excelCall(() => {
    const rows = transactionRows(ids, dates, amounts);
    const endValue = unwrap(end);
    const options = {
      unit: readText(UNIT, unit) as TimeUnit,
      end: isBlank(endValue) ? undefined : (endValue as number | string),
    };
    if (options.end !== undefined && typeof options.end !== "number" && typeof options.end !== "string") {
      throw new CvaError(ErrorCodes.InvalidType, `end must be a date; got ${describe(endValue)}`, { argument: "end" });
    }
    const customers = summarize(transactionTable(rows), options);
    const h = HEADERS[displayLang()];
    return [
      [h.customerId, h.frequency, h.recency, h.T, h.monetary, h.revenue, h.first, h.last, h.orders],
      ...customers.map((c) => [idCell(c.customerId), c.frequency, c.recency, c.T, c.monetary, c.revenue, c.first, c.last, c.orders]),
    ];
  });
}

/** Customer ids that look like numbers go back to the sheet as numbers. */
function idCell(id: string): string | number {
  return /^-?\d{1,15}$/.test(id) ? Number(id) : id;
}

function transactionRows(ids: unknown, dates: unknown, amounts: unknown): Transaction[] {
  const cols = [ids, dates, amounts].map((r) => (isMatrix(r) ? r.map((row) => row[0]) : [r]));
  const names = ["ids", "dates", "amounts"];
  const n = cols[0].length;
  cols.forEach((c, k) => {
    if (c.length !== n) {
      throw new CvaError(ErrorCodes.InvalidType, `${names[k]} has ${c.length} rows but ids has ${n}: give ranges of the same size`, { argument: names[k] });
    }
  });
  const rows: Transaction[] = [];
  for (let i = 0; i < n; i++) {
    const [id, date, amount] = [cols[0][i], cols[1][i], cols[2][i]];
    if (isBlank(id) && isBlank(date) && isBlank(amount)) continue;
    if (isBlank(id)) throw new CvaError(ErrorCodes.InvalidType, `ids: row ${i + 1} is blank`, { argument: "ids", row: i + 1 });
    if (typeof date !== "number" && typeof date !== "string") {
      throw new CvaError(ErrorCodes.InvalidType, `dates: row ${i + 1} holds ${describe(date)}, not a date`, { argument: "dates", row: i + 1 });
    }
    if (typeof amount !== "number") {
      throw new CvaError(ErrorCodes.InvalidType, `amounts: row ${i + 1} holds ${describe(amount)}, not a number`, { argument: "amounts", row: i + 1 });
    }
    rows.push({ customerId: id as string | number, date, amount });
  }
  if (rows.length === 0) throw new CvaError(ErrorCodes.Missing, "ids, dates, amounts: no transaction rows", { argument: "ids" });
  return rows;
}

// ---------------------------------------------------------------------------------------
// RFM (docs/rfm.md §7; scores §2, segments §4)

interface RfmPopulations {
  r: RankedPopulation;
  f: RankedPopulation;
  m: RankedPopulation;
}

function rfmPopulations(recency: unknown, frequency: unknown, monetary: unknown, recencies: unknown, frequencies: unknown, monetaries: unknown): RfmPopulations {
  const given = [recencies, frequencies, monetaries].map((p) => !isOmitted(p));
  if (given.some((g) => g) && !given.every((g) => g)) {
    throw new CvaError(ErrorCodes.Missing, "give all three populations (recencies, frequencies, monetaries) or none", { argument: "recencies" });
  }
  const [pr, pf, pm] = given[0] ? [recencies, frequencies, monetaries] : [recency, frequency, monetary];
  if (!given[0] && ![pr, pf, pm].every((p) => isMatrix(p) && p.flat().length > 1)) {
    throw new CvaError(ErrorCodes.Missing, "scores need a population: give recency, frequency and monetary as ranges of all customers, or the recencies, frequencies and monetaries ranges", { argument: "recencies" });
  }
  const pop = (name: string, raw: unknown) => {
    const v = readPopulation(name, raw);
    return memoByContent("rfm", [v], () => new RankedPopulation(v));
  };
  return { r: pop(given[0] ? "recencies" : "recency", pr), f: pop(given[0] ? "frequencies" : "frequency", pf), m: pop(given[0] ? "monetaries" : "monetary", pm) };
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
 * @returns {any[][]} The segment name.
 */
export function rfmsegment(recency: any[][], frequency: any[][], monetary: any[][], recencies?: any[][], frequencies?: any[][], monetaries?: any[][]): any[][] {
  return excelCall(() => {
    const p = rfmPopulations(recency, frequency, monetary, recencies, frequencies, monetaries);
    const lang = displayLang();
    return elementwise(["recency", "frequency", "monetary"], [recency, frequency, monetary], (r, f, m) => {
      const [sr, sf] = rfmScoresOf(p, r, f, m);
      return rfmSegmentLabel(rfmSegment(sr, sf), lang);
    });
  });
}

// ---------------------------------------------------------------------------------------
// Probabilistic models (docs/models/README.md §4; CLV.BTYD: docs/lifetime-value.md §3)

type FitFn = (cols: Float64Array[]) => { params: object; logLikelihood: number; converged: boolean; iterations: number };

function fitTable(model: ModelName, names: string[], raws: unknown[], fit: FitFn): Spill {
  const cols = readColumns(names, raws, 2);
  const result = memoByContent(`fit:${model}`, cols, () => fit(cols));
  if (!result.converged) {
    throw new CvaError(ErrorCodes.NotConverged, `${model}: the fit did not converge after ${result.iterations} iterations; check the data (frequency, recency and T in one time unit, recency ≤ T)`);
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
    fitTable("BG/NBD", ["frequency", "recency", "T"], [frequency, recency, T], ([f, r, t]) => bgnbd.fit({ frequency: f, recency: r, T: t })),
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
    fitTable("MBG/NBD", ["frequency", "recency", "T"], [frequency, recency, T], ([f, r, t]) => mbgnbd.fit({ frequency: f, recency: r, T: t })),
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
    fitTable("Pareto/NBD", ["frequency", "recency", "T"], [frequency, recency, T], ([f, r, t]) => paretonbd.fit({ frequency: f, recency: r, T: t })),
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
    fitTable("Gamma-Gamma", ["frequency", "monetary"], [frequency, monetary], ([f, m]) => gammagamma.fit({ frequency: f, monetary: m })),
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

function history(f: unknown, r: unknown, t: unknown): [number, number, number] {
  const x = num(FREQUENCY, f);
  const tx = num(RECENCY, r);
  const T = num(T_RULE, t);
  if (tx > T) throw new CvaError(ErrorCodes.InconsistentData, `recency (${tx}) is greater than T (${T}): the last purchase cannot come after the end`, { argument: "recency" });
  if (x > 0 && tx === 0) throw new CvaError(ErrorCodes.InconsistentData, `recency is 0 for a customer with ${x} repeat purchases: repeat purchases come after the first`, { argument: "recency" });
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
    return elementwise(["frequency", "monetary"], [frequency, monetary], (f, m) => gammagamma.conditionalExpectedAverageValue(p, num(FREQUENCY, f), num(MONETARY, m)));
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
 * @param {any[][]} [monthly_discount] Discount rate per month; default 0.01 (1%).
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
 * @returns {any[][]} The stage of each customer.
 */
export function lifecycle(volumes: any[][], p_alive?: any[][]): any[][] {
  return excelCall(() => {
    const rows = readNumberRows("volumes", volumes, "error");
    const alive = isOmitted(p_alive) ? null : (isMatrix(p_alive) ? p_alive : [[p_alive]]);
    if (alive && alive.length !== rows.length) {
      throw new CvaError(ErrorCodes.InvalidType, `p_alive has ${alive.length} rows but volumes has ${rows.length}: give one P(alive) per customer row`, { argument: "p_alive" });
    }
    const lang = displayLang();
    return rows.map((row, i) => {
      try {
        const p = alive ? readNumber(P_ALIVE, alive[i][0]) : undefined;
        return [stageLabel(stageFromVolumes(row as number[], p), lang)];
      } catch (e) {
        return [toExcelError(e)];
      }
    });
  });
}

function stageOf(raw: unknown): LifeCycleStage {
  const v = unwrap(raw);
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    for (const s of LIFE_CYCLE_STAGES) {
      if (s === t || stageLabel(s, "en-US").toLowerCase() === t || stageLabel(s, "zh-CN") === v.trim()) return s;
    }
  }
  throw new CvaError(ErrorCodes.InvalidType, `stage must be a life cycle stage (Exploration, Formation, Stability, Decline, Churned, or 考察期…); got ${describe(v)}`, { argument: "stage" });
}

function tierNumber(raw: unknown, tiers: number): number {
  const v = unwrap(raw);
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1 && v <= tiers) return v;
    throw new CvaError(ErrorCodes.OutOfRange, `tier must be a whole number from 1 to ${tiers}; got ${v}`, { argument: "tier" });
  }
  if (typeof v === "string") {
    for (let k = 1; k <= tiers; k++) {
      for (const lang of ["en-US", "zh-CN"] as const) {
        for (const set of ["standard", "metal"] as const) if (tierLabel(k, tiers, lang, set) === v.trim()) return k;
      }
    }
  }
  throw new CvaError(ErrorCodes.InvalidType, `tier must be a tier number or name as CVA.TIER returns it; got ${describe(v)}`, { argument: "tier" });
}

/**
 * The relationship level of a customer: Casual buyer (one purchase), Customer, Client (repeat buyer in formation or stability, or in the regular tier) or Partner (key tier, stable, for two years or more). Example: =CVA.RELATIONSHIP(B2, J2, K2, L2).
 * @customfunction RELATIONSHIP
 * @param {any[][]} frequency Repeat purchases (0 = bought once), or a range.
 * @param {any[][]} tier The customer's tier: a number (1 = top) or a name as CVA.TIER returns it.
 * @param {any[][]} stage The customer's life cycle stage as CVA.LIFECYCLE returns it.
 * @param {any[][]} tenure_days Days since the first purchase.
 * @param {any[][]} [cutoffs] The tier shares used for the tiers; default {1,19,30,50}.
 * @returns {any[][]} The relationship level.
 */
export function relationship(frequency: any[][], tier: any[][], stage: any[][], tenure_days: any[][], cutoffs?: any[][]): any[][] {
  return excelCall(() => {
    const shares = tierShares(cutoffs);
    const lang = displayLang();
    return elementwise(["frequency", "tier", "stage", "tenure_days"], [frequency, tier, stage, tenure_days], (f, k, s, d) =>
      levelLabel(
        relationshipLevel({ frequency: num(FREQUENCY, f), role: tierRole(tierNumber(k, shares.length), shares), stage: stageOf(s), tenureDays: num(TENURE, d) }),
        lang,
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
    if (m.length < 2) throw new CvaError(ErrorCodes.Missing, "indicators needs a header row and at least one customer row", { argument: "indicators" });
    const keys = m[0].map((h, j) => {
      const key = indicatorOf(h);
      if (!key) {
        throw new CvaError(ErrorCodes.InvalidType, `indicators: column ${j + 1} header ${describe(h)} is not an indicator; use Repeat rate, Purchase amount, Complaint rate, Price sensitivity, Reputation, Brand designation or P(alive)`, { argument: "indicators" });
      }
      return key;
    });
    const rows = readNumberRows("indicators", m.slice(1), "null");
    const n = rows.length;
    const cols: LoyaltyIndicators = {};
    keys.forEach((key, j) => (cols[key] = rows.map((r) => r[j])));
    const w: Partial<Record<LoyaltyIndicator, number>> = {};
    if (!isOmitted(weights)) {
      const row = readNumberRows("weights", weights, "error");
      if (row.length !== 1 || row[0].length !== keys.length) {
        throw new CvaError(ErrorCodes.InvalidType, `weights must be one row of ${keys.length} numbers, one per indicator column`, { argument: "weights" });
      }
      keys.forEach((key, j) => (w[key] = row[0][j] as number));
    }
    const index = loyaltyIndex(cols, n, w);
    return column(index.map((v, i) => (v === null ? toExcelError(new CvaError(ErrorCodes.Missing, `row ${i + 1}: no indicator is known for this customer`)) : v)));
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
    const v = readNumberRows("values", values, "null");
    const c = readNumberRows("costs", costs, "null");
    if (v.length !== c.length) throw new CvaError(ErrorCodes.InvalidType, `costs has ${c.length} rows but values has ${v.length}`, { argument: "costs" });
    if (v[0].length > VALUE_PARTS.length) throw new CvaError(ErrorCodes.InvalidType, `values has ${v[0].length} columns; give at most 4 (product, service, personnel, image)`, { argument: "values" });
    if (c[0].length > COST_PARTS.length) throw new CvaError(ErrorCodes.InvalidType, `costs has ${c[0].length} columns; give at most 5 (money, time, energy, physical, sensory)`, { argument: "costs" });
    let w: Partial<Record<(typeof VALUE_PARTS)[number], number>> | undefined;
    if (!isOmitted(weights)) {
      const row = readNumberRows("weights", weights, "error");
      if (row.length !== 1 || row[0].length !== v[0].length) throw new CvaError(ErrorCodes.InvalidType, `weights must be one row of ${v[0].length} numbers, one per value column`, { argument: "weights" });
      w = Object.fromEntries(row[0].map((x, j) => [VALUE_PARTS[j], x as number]));
    }
    return v.map((row, i) => {
      try {
        const value = Object.fromEntries(row.map((x, j) => [VALUE_PARTS[j], x]));
        const cost = Object.fromEntries(c[i].map((x, j) => [COST_PARTS[j], x]));
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
