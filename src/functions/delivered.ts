/**
 * What the customer gets for what it gives: =CVA.DELIVERED and VALUERATIO (docs/delivered-value.md §2–§5).
 */
import { deliveredValue, valueRatio, CvaError, ErrorCodes } from "../core";
import { isMatrix, isOmitted } from "./args";
import { excelCall, toExcelError } from "./errors";
import { elementwise } from "./spill";
import { readNumberRows, readNumberTable } from "./tables";
import { num, QUALITY, PRICE } from "./rules";

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
