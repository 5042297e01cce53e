/**
 * The customer pyramid and the concentration of value: =CVA.TIER, PYRAMID, PARETO, GINI, LORENZ
 * (docs/pyramid.md §10; tiers §2–§3, Pareto §8, Lorenz and Gini §9).
 */
import { RankedPopulation, pyramidTable, paretoShare, gini, lorenzCurve, tierLabel, DEFAULT_TIER_SHARES, CvaError, ErrorCodes, type Lang } from "../core";
import { readNumber, readText, readPopulation, readShares, readLang, isBlank, isMatrix, isOmitted, unwrap, cellValue } from "./args";
import { excelCall } from "./errors";
import { elementwise } from "./spill";
import { memoByContent } from "./cache";
import { HEADERS } from "./headers";
import { num, VALUE, TOP_SHARE, POINTS } from "./rules";

export function tierShares(cutoffs: unknown): readonly number[] {
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
