// The pane's plan read from the analysis's columns (src/taskpane/workflow/result-columns.ts) is the
// plan read from one object per customer, cell for cell, on CDNOW: the results table (every
// column, with margin, intervals and the tier-uncertain mark, or without a model), the report, the
// model sheet with its worked example, the live formulas and the headline; and the worker's rows
// packed straight from the columns unpack to the same rows.
import type { AnalyzeResult } from "../../src/core";
import { computeAnalysis, computePacked, type ComputeInput } from "../../src/taskpane/workflow/compute";
import { defaultOptions, type AnalysisOptions } from "../../src/taskpane/workflow/options";
import { buildPlan, headline } from "../../src/taskpane/workflow/output";
import { columnsOf } from "../../src/taskpane/workflow/result-columns";
import { unpackRows } from "../../src/taskpane/workflow/transfer";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";

const sheet = cdnowSheet(cdnowText()).rows;

/** CDNOW's transactions; with `cost`, a cost column of 60 % of the amount (so each customer has a margin). */
function cdnow(cost = false, count = sheet.length - 1): ComputeInput {
  const header = sheet[0].map(String).concat(cost ? ["cost"] : []);
  const rows = sheet.slice(1, count + 1).map((r) => (cost ? [...r, 0.6 * Number(r[3])] : r));
  return {
    kind: "transactions",
    source: { address: `Sheet1!A1:${cost ? "E" : "D"}${rows.length + 1}`, header, rows, dateFormatted: [false, true, false, false, false] },
    mapping: { id: 0, date: 1, quantity: 2, amount: 3, ...(cost ? { cost: 4 } : {}) },
  };
}

function customers(ci: ComputeInput): number {
  return new Set(ci.source.rows.map((r) => r[0])).size;
}

/** The same result as plain objects: what core's `analyze` returns, read by the plan object by object. */
function asObjects(r: AnalyzeResult): AnalyzeResult {
  return { customers: r.customers, report: r.report, intervals: r.intervals };
}

const cases: [string, ComputeInput, Partial<AnalysisOptions>][] = [
  ["pane defaults (model chosen among three)", cdnow(), {}],
  ["BG/NBD, intervals, live formulas, a margin column, metal labels", cdnow(true), { model: "bgnbd", intervals: true, liveFormulas: true, labels: "metal" }],
  ["a named worked example, in Chinese", cdnow(), { model: "paretonbd", exampleId: "0005", lang: "zh-CN" }],
  // The first 20 purchases: 7 customers, too few for a model: margin as the value, no P(alive), no CLV.
  ["no model (too few customers), a margin column", cdnow(true, 20), {}],
];

describe("the plan from the analysis's columns", () => {
  it.each(cases)("is the plan from its objects: %s", (_, ci, options) => {
    const o = { ...defaultOptions("en-US"), ...options };
    const out = computeAnalysis(ci, o);
    expect(columnsOf(out.result)).toBeDefined();
    const plain = asObjects(out.result);
    expect(columnsOf(plain)).toBeUndefined();
    expect(out.plan.results.rows).toHaveLength(customers(ci));
    expect(out.plan).toEqual(buildPlan(plain, o, out.fallback, undefined, ci.source.address));
    expect(headline(out.result, out.fallback)).toEqual(headline(plain, out.fallback));
    // Spot checks that the rows hold the figures, not blanks: customer 0001's id and frequency.
    expect(out.plan.results.rows[0].slice(0, 2)).toEqual(["0001", 3]);
  });

  // Packed mostly from the typed columns (transfer.ts TypedColumn): blanks, zero dates and tiers, labels by code alike.
  it.each(cases)("the worker's packed rows are the rows of the in-page plan, and its plan is the same but for them: %s", async (_, ci, options) => {
    const o = { ...defaultOptions("en-US"), intervals: true, ...options };
    const inPage = computeAnalysis(ci, o);
    const packed = await computePacked(ci, o);
    expect(packed.plan.results.rows).toEqual([]);
    expect(unpackRows(packed.rows)).toEqual(inPage.plan.results.rows);
    expect({ ...packed.plan, results: { ...packed.plan.results, rows: inPage.plan.results.rows } }).toEqual(inPage.plan);
    expect(packed.headline).toEqual(inPage.headline);
  });
});
