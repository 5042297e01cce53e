/**
 * Lifetime value by the finance formula, =CVA.CLV (docs/lifetime-value.md §2).
 */
import { financeClv } from "../core";
import { readNumber, type NumberRule } from "./args";
import { excelCall } from "./errors";
import { elementwise } from "./spill";
import { num } from "./rules";

export const CLV_ARGS = [
  { name: "margin", kind: "number" },
  { name: "retention", kind: "number", min: 0, max: 1, maxExclusive: true, hint: { "en-US": "a share from 0 up to, not including, 1, e.g. 0.8", "zh-CN": "0 到 1 之间、不含 1 的比例，例如 0.8" } },
  // From 0, as the model requires (a negative rate makes later money worth more); below 1 is the model's own check, with its "did you mean 0.1?".
  { name: "discount", kind: "number", min: 0, hint: { "en-US": "a rate per period, e.g. 0.1 for 10%", "zh-CN": "每期的比率，例如 0.1 表示 10%" } },
  { name: "periods", kind: "number", optional: true, integer: true, min: 1, hint: { "en-US": "leave it out for no horizon", "zh-CN": "省略表示不设期限" } },
  { name: "acquisition_cost", kind: "number", optional: true, default: 0 },
] as const satisfies readonly NumberRule[];

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
