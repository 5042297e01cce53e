// analyzeSummarized's checks of summaries made elsewhere (src/core/analyze/summarized.ts): every
// column must hold one value per customer (the period amounts one per customer and period of the
// settings), else INCONSISTENT_DATA naming the number of customers; no customer at all is
// EMPTY_INPUT naming the end. One column wrong at a time, on four customers' summaries with margin
// and quantity, and the same summaries without margin or quantity are accepted.
import { ErrorCodes, resolveSummarySettings, summarizeColumns, transactionTable, type SummaryColumns } from "../../src/core";
import { analyzeSummarized } from "../../src/core/analyze";
import { thrown } from "../support/thrown";

const rows = [
  { customerId: "a", date: "2024-01-03", amount: 10, margin: 4, quantity: 1 },
  { customerId: "a", date: "2024-02-10", amount: 20, margin: 8, quantity: 2 },
  { customerId: "b", date: "2024-01-20", amount: 15, margin: 5, quantity: 1 },
  { customerId: "c", date: "2024-03-05", amount: 30, margin: 9, quantity: 3 },
  { customerId: "c", date: "2024-05-01", amount: 12, margin: 3, quantity: 1 },
  { customerId: "d", date: "2024-06-30", amount: 8, margin: 2, quantity: 1 },
];
const table = transactionTable(rows);
const settings = resolveSummarySettings(table, {});
const summaries = summarizeColumns(table, settings);
// the rows' distinct days with their counts (one row each here)
const day = [...new Set(table.day)].sort((a, b) => a - b);
const days = { length: day.length, day, count: day.map(() => 1) };

const disagree = {
  code: ErrorCodes.InconsistentData,
  key: "summary.columnsDisagree",
  message: "the summaries of 4 customers do not hold one value per customer in every column, or their period amounts do not match the settings",
};

describe("analyzeSummarized's checks of the summaries", () => {
  it("accepts the summaries as made, and without margin or quantity", () => {
    expect(day.length).toBe(rows.length);
    expect(summaries.length).toBe(4);
    expect(summaries.margin).not.toBeNull();
    expect(analyzeSummarized({ summaries, settings, days }, { model: "none" }).customers.length).toBe(4);
    const bare: SummaryColumns = { ...summaries, margin: null, quantity: null };
    expect(analyzeSummarized({ summaries: bare, settings, days }, { model: "none" }).customers.length).toBe(4);
  });

  const columns = ["frequency", "recency", "T", "monetary", "revenue", "first", "last", "orders", "activePeriods", "observedPeriods", "margin", "quantity"] as const;
  it.each(columns)("refuses a %s column one value short", (name) => {
    const col = summaries[name] as Float64Array;
    const short = { ...summaries, [name]: col.subarray(0, col.length - 1) } as SummaryColumns;
    expect(thrown(() => analyzeSummarized({ summaries: short, settings, days }, { model: "none" }))).toMatchObject(disagree);
  });

  it("refuses ids one short, period amounts or exit amounts one short, and another period count", () => {
    const cases: Partial<SummaryColumns>[] = [
      { ids: summaries.ids.slice(1) },
      { periodAmounts: summaries.periodAmounts.subarray(1) },
      { exitPeriodAmounts: summaries.exitPeriodAmounts.subarray(1) },
      { periodCount: summaries.periodCount + 1 },
    ];
    for (const c of cases) {
      expect(thrown(() => analyzeSummarized({ summaries: { ...summaries, ...c }, settings, days }, { model: "none" }))).toMatchObject(disagree);
    }
  });

  it("refuses summaries of no customer, naming the end", () => {
    const none = { ...summaries, length: 0 };
    expect(thrown(() => analyzeSummarized({ summaries: none, settings, days }, { model: "none", lang: "en-US" }))).toMatchObject({
      code: ErrorCodes.EmptyInput,
      key: "tx.noneBeforeEnd",
      message: "no transaction falls on or before the observation end 2024-06-30",
    });
  });
});
