/**
 * BG/BB for discrete purchase opportunities — one chance to buy per period: yearly donations,
 * annual renewals, events (Fader, Hardie & Shang 2010; src/core/clv/bgbb.ts;
 * docs/models/bgbb.md): =CVA.FIT.BGBB, BGBB.PALIVE and BGBB.EXPECTED. A history is x
 * transactions in n opportunities, the last in opportunity t_x, all whole numbers.
 */
import { bgbb, bgbbUncertainty, CvaError, ErrorCodes } from "../core";
import { isOmitted, type NumberRule } from "./args";
import { excelCall } from "./errors";
import { elementwise } from "./spill";
import { readColumns, readFittedParams } from "./tables";
import { memoByContent } from "./cache";
import { cellFitOptions, convergedTable, fitTag, readSeFlag, withUncertainty } from "./fits";
import { num } from "./rules";

const OPPORTUNITIES = { "en-US": "a whole number of opportunities", "zh-CN": "机会数，整数" };
const X_RULE: NumberRule = { name: "frequency", kind: "number", min: 0, integer: true, hint: { "en-US": "repeat transactions, a whole number", "zh-CN": "重复交易次数，整数" } };
const TX_RULE: NumberRule = { name: "recency", kind: "number", min: 0, integer: true, hint: { "en-US": "the opportunity of the last transaction, 0 if none", "zh-CN": "最后一次交易所在的机会序号，没有则为 0" } };
const N_RULE: NumberRule = { name: "periods", kind: "number", min: 0, integer: true, hint: OPPORTUNITIES };
const N_STAR: NumberRule = { name: "n_star", kind: "number", min: 0, integer: true, hint: OPPORTUNITIES };

/** The rule of a BG/BB history (FHS 2010 §2): x ≤ t_x ≤ n, and t_x = 0 exactly when x = 0. */
function consistent(x: number, tx: number, n: number): boolean {
  return x <= tx && tx <= n && (x === 0) === (tx === 0);
}

/** One history read from its cells and checked, the rule the fit applies to every row. */
function bgbbHistory(f: unknown, r: unknown, p: unknown): [number, number, number] {
  const x = num(X_RULE, f);
  const tx = num(TX_RULE, r);
  const n = num(N_RULE, p);
  if (!consistent(x, tx, n)) throw CvaError.keyed(ErrorCodes.InconsistentData, "fn.bgbbInconsistent", { x, recency: tx, periods: n }, { argument: "recency" });
  return [x, tx, n];
}

function readBgbbParams(raw: unknown): bgbb.BgBbParams {
  return readFittedParams("params", raw, ["BG/BB"]).params as unknown as bgbb.BgBbParams;
}

/**
 * Fits the BG/BB model (Fader, Hardie & Shang 2010) for discrete purchase opportunities — one chance to buy per period, such as yearly donations or annual renewals — by maximum likelihood. Returns a label row and a value row (model, alpha, beta, gamma, delta, log-likelihood, customers) that CVA.BGBB.PALIVE and CVA.BGBB.EXPECTED read. Rows may be grouped histories with a count each. Example: on the donations of 11,104 donors, =CVA.FIT.BGBB(A2:A23, B2:B23, C2:C23, D2:D23) returns alpha 1.204, beta 0.750, gamma 0.657, delta 2.783.
 * @customfunction FIT.BGBB
 * @param {any[][]} frequency Each customer's transactions after the first opportunity (x), a whole number.
 * @param {any[][]} recency The opportunity of each customer's last transaction (t_x), 0 if none.
 * @param {any[][]} periods The number of opportunities each customer had (n).
 * @param {any[][]} [weights] The number of customers with each history, when the rows are grouped; default 1 each.
 * @param {any[][]} [penalizer] An L2 penalty on the parameters, as lifetimes' penalizer_coef: 0 (default) for plain maximum likelihood; a small value such as 0.001 steadies a fit on small or awkward data.
 * @param {any[][]} [se] TRUE adds three rows under the fit: each parameter's standard error ("se") and its 95 % interval ("ci95_low", "ci95_high", estimate ± 1.96 standard errors), from the curvature of the likelihood; where they cannot be computed the "se" row says why. FALSE or omitted: the two rows alone.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitBgbb(frequency: any[][], recency: any[][], periods: any[][], weights?: any[][], penalizer?: any[][], se?: any[][]): any[][] {
  return excelCall(() => {
    const options = cellFitOptions(penalizer);
    const withSe = readSeFlag(se);
    const names = ["frequency", "recency", "periods"];
    const raws: unknown[] = [frequency, recency, periods];
    if (!isOmitted(weights)) {
      names.push("weights");
      raws.push(weights);
    }
    const { cols, rows } = readColumns(names, raws, 2);
    const [x, tx, n, w] = cols;
    for (let i = 0; i < rows.length; i++) {
      for (let k = 0; k < 3; k++) {
        const v = cols[k][i];
        if (!Number.isInteger(v) || v < 0) throw CvaError.keyed(ErrorCodes.OutOfRange, "data.notWholeAt", { row: rows[i], arg: names[k], got: v }, { argument: names[k], row: rows[i] });
      }
      if (w && !(w[i] >= 0)) throw CvaError.keyed(ErrorCodes.OutOfRange, "history.negativeAt", { row: rows[i], arg: "weights", got: w[i] }, { argument: "weights", row: rows[i] });
      if (!consistent(x[i], tx[i], n[i])) {
        throw CvaError.keyed(ErrorCodes.InconsistentData, "bgbb.inconsistentAt", { row: rows[i], x: x[i], recency: tx[i], periods: n[i] }, { argument: "recency", row: rows[i] });
      }
    }
    const tag = fitTag("BG/BB", options.penalizer);
    const result = memoByContent(tag, cols, () => bgbb.fit({ frequency: x, recency: tx, periods: n, weights: w }, options));
    const table = convergedTable("BG/BB", result, result.customers);
    if (!withSe) return table;
    const u = memoByContent(`${tag}:se`, cols, () => bgbbUncertainty({ frequency: x, recency: tx, periods: n, weights: w }, result, { penalizer: options.penalizer }));
    return withUncertainty(table as unknown[][], "BG/BB", u);
  });
}

/**
 * The probability that a customer is still active at the next opportunity, given its history of transactions in discrete opportunities and a fitted BG/BB model. Example: a donor who gave in all 6 years, =CVA.BGBB.PALIVE(6, 6, 6, $H$1:$N$2) with the donations' parameters, returns 0.930.
 * @customfunction BGBB.PALIVE
 * @param {any[][]} frequency Transactions after the first opportunity (x), or a range.
 * @param {any[][]} recency The opportunity of the last transaction (t_x), 0 if none.
 * @param {any[][]} periods The number of opportunities the customer had (n).
 * @param {any[][]} params The table returned by CVA.FIT.BGBB.
 * @returns {any[][]} P(alive at the next opportunity), from 0 to 1.
 */
export function bgbbPalive(frequency: any[][], recency: any[][], periods: any[][], params: any[][]): any[][] {
  return excelCall(() => {
    const p = readBgbbParams(params);
    return elementwise(["frequency", "recency", "periods"], [frequency, recency, periods], (f, r, n) => bgbb.probabilityAlive(p, ...bgbbHistory(f, r, n)));
  });
}

/**
 * The number of transactions a customer is expected to make in the next n_star opportunities, given its history and a fitted BG/BB model. Example: a donor who gave in all 6 years, =CVA.BGBB.EXPECTED(5, 6, 6, 6, $H$1:$N$2) with the donations' parameters, returns 3.75.
 * @customfunction BGBB.EXPECTED
 * @param {any[][]} n_star How many future opportunities (e.g. 5 years).
 * @param {any[][]} frequency Transactions after the first opportunity (x), or a range.
 * @param {any[][]} recency The opportunity of the last transaction (t_x), 0 if none.
 * @param {any[][]} periods The number of opportunities the customer had (n).
 * @param {any[][]} params The table returned by CVA.FIT.BGBB.
 * @returns {any[][]} Expected transactions in the next n_star opportunities.
 */
export function bgbbExpected(n_star: any[][], frequency: any[][], recency: any[][], periods: any[][], params: any[][]): any[][] {
  return excelCall(() => {
    const p = readBgbbParams(params);
    return elementwise(["n_star", "frequency", "recency", "periods"], [n_star, frequency, recency, periods], (s, f, r, n) =>
      bgbb.expectedPurchases(p, num(N_STAR, s), ...bgbbHistory(f, r, n)),
    );
  });
}
