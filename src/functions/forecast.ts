/**
 * Forecasts for the budget: =CVA.FORECAST, the expected repeat transactions, revenue and
 * discounted margin of today's customers per future period, and =CVA.NEWCUSTOMER, the value of
 * one newly acquired customer with CLV:CAC and payback (src/core/clv/forecast.ts;
 * docs/models/forecast.md). Both read the table of any count-model fit.
 */
import { forecastBase, newCustomerValue, MAX_FORECAST_PERIODS, type ForecastOptions, type ForecastRow } from "../core/clv/forecast";
import { readNumber, readLang, isMatrix, unwrap, type NumberRule } from "./args";
import { excelCall } from "./errors";
import { readColumns } from "./tables";
import { readCountModel } from "./predictions";
import { HEADERS } from "./headers";
import { num, MARGIN_SHARE, type Spill } from "./rules";

const PERIODS: NumberRule = {
  name: "periods", kind: "number", integer: true, min: 1, max: MAX_FORECAST_PERIODS,
  hint: { "en-US": "how many periods to forecast, e.g. 52 weeks or 12 months", "zh-CN": "预测的期数，例如 52 周或 12 个月" },
};
const PERIOD_LENGTH: NumberRule = {
  name: "period_length", kind: "number", optional: true, default: 1, min: 0, minExclusive: true,
  hint: { "en-US": "one period in the unit of the fit, e.g. 4.348 for months of weekly data", "zh-CN": "一期的长度，与拟合数据单位相同，例如周数据按月预测为 4.348" },
};
const DISCOUNT: NumberRule = {
  name: "discount", kind: "number", optional: true, default: 0, min: 0, max: 1, maxExclusive: true,
  hint: { "en-US": "a rate per period, e.g. 0.01 for 1%", "zh-CN": "每期的比率，例如 0.01 表示 1%" },
};
const SPEND: NumberRule = { name: "spend", kind: "number", min: 0, hint: { "en-US": "the expected amount per transaction", "zh-CN": "每次交易的预期金额" } };
const ACQUISITION_COST: NumberRule = { name: "acquisition_cost", kind: "number", optional: true, min: 0 };

function forecastOptions(periods: unknown, periodLength: unknown, discount: unknown, margin: unknown): ForecastOptions {
  return {
    periods: num(PERIODS, periods),
    periodLength: num(PERIOD_LENGTH, periodLength),
    discount: num(DISCOUNT, discount),
    margin: num(MARGIN_SHARE, margin),
  };
}

const periodRow = (r: ForecastRow): (number | string)[] => [r.period, r.end, r.transactions, r.revenue, r.discounted];

/**
 * The forecast for today's customers: per future period, the expected repeat transactions of the whole base under a fitted BG/NBD, MBG/NBD or Pareto/NBD model, the revenue they bring (× spend) and the margin discounted to today, with a header row and a total row — the schedule a budget needs. Example: =CVA.FORECAST($H$1:$N$2, B2:B2358, C2:C2358, D2:D2358, 35.08, 52) for the next 52 weeks.
 * @customfunction FORECAST
 * @param {any[][]} params The table returned by CVA.FIT, CVA.FIT.BGNBD, CVA.FIT.MBGNBD or CVA.FIT.PARETONBD.
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x), in the unit of the fit.
 * @param {any[][]} T Each customer's time from first purchase to the end of the period, in the unit of the fit.
 * @param {any[][]} spend Expected amount per transaction: one value for all, or a range with one per customer (e.g. from CVA.SPEND).
 * @param {any[][]} periods Number of periods to forecast, e.g. 52.
 * @param {any[][]} [period_length] Length of one period in the unit of the fit; default 1 (e.g. 4.348 for months of weekly data).
 * @param {any[][]} [discount] Discount rate per period, 0 or more and below 1; default 0.
 * @param {any[][]} [margin] Share of spend that is margin, e.g. 0.3; default 1 (value in revenue).
 * @returns {any[][]} Period, end of the period, transactions, revenue, discounted margin; then the total.
 */
export function forecast(
  params: any[][],
  frequency: any[][],
  recency: any[][],
  T: any[][],
  spend: any[][],
  periods: any[][],
  period_length?: any[][],
  discount?: any[][],
  margin?: any[][],
): any[][] {
  return excelCall(() => {
    const { model, params: p } = readCountModel("params", params);
    const options = forecastOptions(periods, period_length, discount, margin);
    const single = unwrap(spend);
    const perCustomer = isMatrix(single) && single.flat().length > 1;
    const names = ["frequency", "recency", "T", ...(perCustomer ? ["spend"] : [])];
    const { cols } = readColumns(names, [frequency, recency, T, ...(perCustomer ? [spend] : [])], 1);
    let spends: ArrayLike<number> | number;
    if (perCustomer) {
      spends = cols[3];
      // Each customer's spend by the rule of a single one (0 or more), named by its row.
      for (let i = 0; i < spends.length; i++) num(SPEND, spends[i]);
    } else spends = num(SPEND, single);
    const f = forecastBase(model, p, { frequency: cols[0], recency: cols[1], T: cols[2] }, spends, options);
    const h = HEADERS[readLang(undefined)];
    const out: Spill = [[h.period, h.periodEnd, h.transactions, h.forecastRevenue, h.discounted], ...f.rows.map(periodRow)];
    out.push([h.allPeriods, f.rows.length ? f.rows[f.rows.length - 1].end : 0, f.transactions, f.revenue, f.discounted]);
    return out;
  });
}

/**
 * The value of one newly acquired customer under a fitted BG/NBD, MBG/NBD or Pareto/NBD model: its expected repeat transactions per period (the unconditional E[X(t)]), the revenue and discounted margin they bring, with a header row and a total row; then, with an acquisition cost, the ratio CLV:CAC and the payback period (the first period whose cumulative discounted margin covers the cost). Example: =CVA.NEWCUSTOMER($H$1:$N$2, 35.08, 12, 4.348, 0.01, 0.3, 10) for 12 months of weekly data.
 * @customfunction NEWCUSTOMER
 * @param {any[][]} params The table returned by CVA.FIT, CVA.FIT.BGNBD, CVA.FIT.MBGNBD or CVA.FIT.PARETONBD.
 * @param {any[][]} spend Expected amount per transaction.
 * @param {any[][]} periods Number of periods after acquisition, e.g. 12.
 * @param {any[][]} [period_length] Length of one period in the unit of the fit; default 1.
 * @param {any[][]} [discount] Discount rate per period, 0 or more and below 1; default 0.
 * @param {any[][]} [margin] Share of spend that is margin, e.g. 0.3; default 1.
 * @param {any[][]} [acquisition_cost] The cost of winning one customer; with it, CLV:CAC and the payback period follow the total.
 * @returns {any[][]} Period, end, transactions, revenue, discounted margin, cumulative discounted margin; the total; CLV:CAC and payback.
 */
export function newcustomer(
  params: any[][],
  spend: any[][],
  periods: any[][],
  period_length?: any[][],
  discount?: any[][],
  margin?: any[][],
  acquisition_cost?: any[][],
): any[][] {
  return excelCall(() => {
    const { model, params: p } = readCountModel("params", params);
    const options = forecastOptions(periods, period_length, discount, margin);
    const cost = readNumber(ACQUISITION_COST, acquisition_cost);
    const v = newCustomerValue(model, p, num(SPEND, spend), { ...options, ...(cost === undefined ? {} : { acquisitionCost: cost }) });
    const h = HEADERS[readLang(undefined)];
    let cumulative = 0;
    const out: Spill = [[h.period, h.periodEnd, h.transactions, h.forecastRevenue, h.discounted, h.cumulativeDiscounted]];
    for (const r of v.rows) out.push([...periodRow(r), (cumulative += r.discounted)]);
    out.push([h.allPeriods, v.rows.length ? v.rows[v.rows.length - 1].end : 0, v.transactions, v.revenue, v.discounted, v.discounted]);
    if (v.acquisitionCost !== null) {
      out.push([h.acquisitionCost, v.acquisitionCost, "", "", "", ""]);
      out.push([h.clvToCac, v.clvToCac ?? "", "", "", "", ""]);
      out.push([h.payback, v.paybackPeriod ?? h.notWithinHorizon, "", "", "", ""]);
    }
    return out;
  });
}
