// analyzeSummarized (src/core/analyze/summarized.ts): transactions summarised elsewhere — the
// summary columns, their settings and the rows' distinct days with counts — give the very analysis
// the rows give (same customers, same report, warnings included), and summaryWarningsOfDays gives
// from day counts the warnings summaryWarnings gives from the rows.
import { analyzeColumns, resolveSummarySettings, summarizeColumns, summaryWarnings, transactionTable, CvaError, type AnalyzeOptions, type CustomerProfile, type TransactionTable } from "../../src/core";
import { analyzeSummarized } from "../../src/core/analyze";
import { summarizedSettings } from "../../src/core/analyze/summarized";
import { summaryWarningsOfDays, type DayCounts } from "../../src/core/summary/summary-warnings";
import { cdnowTransactions } from "./clv/cdnow";

/** The distinct days of a table's rows, ascending, with their row counts: what an engine hands over instead of the rows. */
function dayCounts(table: TransactionTable): DayCounts {
  const m = new Map<number, number>();
  for (let i = 0; i < table.length; i++) m.set(table.day[i], (m.get(table.day[i]) ?? 0) + 1);
  const day = [...m.keys()].sort((a, b) => a - b);
  return { length: day.length, day, count: day.map((d) => m.get(d) as number) };
}

describe("analyzeSummarized", () => {
  const transactions = cdnowTransactions();
  const table = transactionTable(transactions);
  const days = dayCounts(table);

  it.each([
    ["the defaults", {}],
    // An end inside the data leaves rows after it (a warning) and a today before some rows (another).
    ["an end inside the data, today before the last rows, days, no model, in Chinese", { end: "1997-09-30", today: 35600, unit: "days", model: "none", lang: "zh-CN" }],
    ["months, six periods of 60 days, metal labels", { unit: "months", periodCount: 6, periodDays: 60, tierLabels: "metal", model: "none" }],
  ] as [string, AnalyzeOptions][])("equals analyzeColumns of the rows: %s", (_, options) => {
    const want = analyzeColumns({ transactions: table }, options);
    const settings = summarizedSettings(days, options);
    expect(settings).toEqual(resolveSummarySettings(table, options));
    const got = analyzeSummarized({ summaries: summarizeColumns(table, settings), settings, days }, options);
    expect(got.report).toEqual(want.report);
    expect([...got.customers]).toEqual([...want.customers]);
  });

  it("joins profiles by id and counts those of nobody, as with the rows", () => {
    const profiles: CustomerProfile[] = [{ customerId: "1", complaints: 2, reputation: 4 }, { customerId: " 7 ", product: 3 }, { customerId: "nobody", product: 1 }];
    const options: AnalyzeOptions = { model: "none" };
    const want = analyzeColumns({ transactions: table, profiles }, options);
    const settings = summarizedSettings(days, options);
    const got = analyzeSummarized({ summaries: summarizeColumns(table, settings), settings, days, profiles }, options);
    expect(got.report.warnings.map((w) => w.key)).toContain("warn.profilesWithoutTransactions");
    expect(got.report).toEqual(want.report);
    expect([...got.customers]).toEqual([...want.customers]);
  });

  it("refuses columns that do not agree with the settings, and no customer", () => {
    const settings = summarizedSettings(days, {});
    const summaries = summarizeColumns(table, settings);
    const other = resolveSummarySettings(table, { periodCount: 5 });
    expect(() => analyzeSummarized({ summaries, settings: other, days })).toThrow(expect.objectContaining({ key: "summary.columnsDisagree" }));
    const short = { ...summaries, recency: summaries.recency.subarray(1) };
    expect(() => analyzeSummarized({ summaries: short, settings, days })).toThrow(CvaError);
    const none = { ...summaries, length: 0 };
    expect(() => analyzeSummarized({ summaries: none, settings, days })).toThrow(expect.objectContaining({ key: "tx.noneBeforeEnd" }));
  });
});

describe("summaryWarningsOfDays", () => {
  it("gives from day counts the warnings of the rows: far-out dates, rows after the end and after today, no purchase", () => {
    // 40 rows over a year of 1997, three rows in 2031 (far out and after today 2026-01-01 = day 46023),
    // a customer with only a refund, and two rows after the end.
    const rows = [];
    for (let k = 0; k < 40; k++) rows.push({ customerId: `c${k % 7}`, date: 35431 + 9 * k, amount: 10 + k });
    rows.push({ customerId: "c1", date: 47500, amount: 5 }, { customerId: "c2", date: 47500, amount: 6 }, { customerId: "c3", date: 47510, amount: 7 });
    rows.push({ customerId: "r", date: 35500, amount: -3 });
    rows.push({ customerId: "c4", date: 47600, amount: 1 }, { customerId: "c5", date: 47601, amount: 1 });
    const table = transactionTable(rows);
    const s = resolveSummarySettings(table, { end: 47590 });
    const summaries = summarizeColumns(table, s);
    const want = summaryWarnings(table, s, summaries, { today: 46023 });
    expect(want.map((w) => w.key)).toEqual(["warn.afterToday", "warn.farOut", "warn.rowsAfterEnd", "warn.noPurchase"]);
    expect(summaryWarningsOfDays(dayCounts(table), s, summaries, { today: 46023 })).toEqual(want);
  });
});
