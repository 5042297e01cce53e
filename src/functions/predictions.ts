/**
 * Predictions from a fitted table: =CVA.PALIVE, EXPECTED, SPEND and CLV.BTYD
 * (docs/models/README.md §4; CLV.BTYD: docs/lifetime-value.md §3).
 */
import { gammagamma, lifetimeValue, normaliseUnit, checkHistory, checkFrequency, type CountModel, type CountParams } from "../core";
import { readNumber, readText, type NumberRule } from "./args";
import { excelCall } from "./errors";
import { elementwise } from "./spill";
import { readFittedParams, countModelOf, COUNT_MODEL_NAMES } from "./tables";
import { num, FREQUENCY, RECENCY, T_RULE, T_AHEAD, MONETARY, MONTHS, MONTHLY_DISCOUNT, MARGIN_SHARE, UNIT } from "./rules";

/** A count model's table read back: the core's model and the fitted parameters (src/core/clv/models.ts). */
export interface FittedCountModel {
  model: CountModel;
  params: CountParams;
}

/** Reads the table of CVA.FIT, FIT.BGNBD, FIT.MBGNBD or FIT.PARETONBD; its model cell names the model. */
export function readCountModel(name: string, raw: unknown): FittedCountModel {
  const { model, params } = readFittedParams(name, raw, COUNT_MODEL_NAMES);
  return { model: countModelOf(model), params };
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
    const { model, params: p } = readCountModel("params", params);
    return elementwise(["frequency", "recency", "T"], [frequency, recency, T], (f, r, t) => model.probabilityAlive(p, ...history(f, r, t)));
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
    const { model, params: p } = readCountModel("params", params);
    return elementwise(["t", "frequency", "recency", "T"], [t, frequency, recency, T], (ahead, f, r, tt) => model.expectedPurchases(p, num(T_AHEAD, ahead), ...history(f, r, tt)));
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
    const { model, params: p } = readCountModel("bg_params", bg_params);
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
      return lifetimeValue((ahead) => model.expectedPurchases(p, ahead, x, tx, TT), value, options);
    });
  });
}

const T_SINCE: NumberRule = { name: "t", kind: "number", min: 0, hint: { "en-US": "time since the first purchase, in the unit of the fit", "zh-CN": "自首次购买起的时长，与拟合数据的单位相同" } };
const N_PURCHASES: NumberRule = { name: "n", kind: "number", min: 0, integer: true, hint: { "en-US": "a number of repeat purchases: 0, 1, 2, …", "zh-CN": "重复购买次数：0、1、2……" } };

/**
 * The probability that a newly acquired customer makes exactly n repeat purchases in its first t periods, P(X(t) = n), under a fitted BG/NBD, MBG/NBD or Pareto/NBD model. Give a range of n (e.g. 0 to 10) to spill the distribution. Example: with the CDNOW BG/NBD fit, =CVA.PN($H$1:$N$2, 39, 0) returns 0.574.
 * @customfunction PN
 * @param {any[][]} params The table returned by CVA.FIT, CVA.FIT.BGNBD, CVA.FIT.MBGNBD or CVA.FIT.PARETONBD.
 * @param {any[][]} t Time since the first purchase, in the unit of the fit (e.g. 39 weeks), or a range.
 * @param {any[][]} n Number of repeat purchases (0, 1, 2, …), or a range of them.
 * @returns {any[][]} P(X(t) = n), from 0 to 1.
 */
export function pn(params: any[][], t: any[][], n: any[][]): any[][] {
  return excelCall(() => {
    const { model, params: p } = readCountModel("params", params);
    return elementwise(["t", "n"], [t, n], (tt, nn) => model.probabilityOfPurchases(p, num(T_SINCE, tt), num(N_PURCHASES, nn)));
  });
}
