/**
 * The =CVA.* custom functions. Each is a thin wrapper: read the arguments under their
 * rules (./args.ts), call the core, map errors (./errors.ts). The JSDoc of each function
 * is what Excel shows in its formula help, so it is written for the person typing the
 * formula; custom-functions-metadata-plugin turns it into functions.json at build time
 * and appends the CustomFunctions.associate calls to this file.
 *
 * Parameters are typed `any` (metadata type "any") on purpose: Excel then hands over
 * the raw cell value — text, a blank, a boolean — and our one validator can name the
 * bad argument, where a `number` parameter would make Excel answer a bare #VALUE!.
 */
import { financeClv } from "../core";
import { readArgs, type NumberRule } from "./args";
import { excelCall } from "./errors";

/** Parameter rules of CLV, in the order of its arguments. */
export const CLV_ARGS = [
  { name: "margin", kind: "number" },
  { name: "retention", kind: "number", min: 0, max: 1, maxExclusive: true, hint: "a share from 0 up to, not including, 1, e.g. 0.8" },
  { name: "discount", kind: "number", min: -1, minExclusive: true, hint: "a rate per period, e.g. 0.1 for 10%" },
  { name: "periods", kind: "number", optional: true, integer: true, min: 1, hint: "leave it out for no horizon" },
  { name: "acquisition_cost", kind: "number", optional: true, default: 0 },
] as const satisfies readonly NumberRule[];

/**
 * Customer lifetime value by the finance formula: the present value of the margins a customer brings while retained. With no horizon, margin × retention / (1 + discount − retention); with a horizon of N periods, the sum over t = 1…N of margin × retention^t / (1 + discount)^t; less the acquisition cost. Example: =CVA.CLV(100, 0.8, 0.1) returns 266.67.
 * @customfunction CLV
 * @param {any} margin Margin per period from one customer, in currency (e.g. 100 per year).
 * @param {any} retention Retention rate per period: the share of customers kept from one period to the next, from 0 up to (not including) 1, e.g. 0.8.
 * @param {any} discount Discount rate per period, e.g. 0.1 for 10% a year. Must be greater than -1.
 * @param {any} [periods] Horizon in whole periods, e.g. 5. Leave it out to count every future period.
 * @param {any} [acquisition_cost] One-off cost of winning the customer, subtracted from the value. Default 0.
 * @returns {number} The customer's lifetime value, in the currency of margin.
 */
export function clv(margin: any, retention: any, discount: any, periods?: any, acquisition_cost?: any): number {
  return excelCall(() => {
    const [m, r, d, n, cost] = readArgs(CLV_ARGS, [margin, retention, discount, periods, acquisition_cost]);
    return financeClv({ margin: m, retention: r, discount: d, periods: n, acquisitionCost: cost });
  });
}
