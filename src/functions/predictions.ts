/**
 * Predictions from a fitted table: =CVA.PALIVE, EXPECTED, SPEND and CLV.BTYD
 * (docs/models/README.md §4; CLV.BTYD: docs/lifetime-value.md §3).
 */
import { bgnbd, mbgnbd, paretonbd, gammagamma, lifetimeValue, normaliseUnit, checkHistory, checkFrequency } from "../core";
import { readNumber, readText } from "./args";
import { excelCall } from "./errors";
import { elementwise } from "./spill";
import { readFittedParams, type FittedParams, type ModelName } from "./tables";
import { num, FREQUENCY, RECENCY, T_RULE, T_AHEAD, MONETARY, MONTHS, MONTHLY_DISCOUNT, MARGIN_SHARE, UNIT } from "./rules";

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
