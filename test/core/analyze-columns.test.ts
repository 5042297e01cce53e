// analyzeColumns (docs/output.md §9): the per-customer results kept by column, typed arrays and
// shared texts instead of an object per customer, for files of a million customers; each customer
// read from them is what analyze returns.
import {
  analyze,
  analyzeColumns,
  resolveSummarySettings,
  summarize,
  summarizeColumns,
  summaryAt,
  transactionTable,
  type CustomerProfile,
} from "../../src/core";
import { cdnowTransactions } from "./clv/cdnow";

/** Profiles of every third CDNOW customer, with ratings, complaints and a few blanks, and one of nobody. */
function profiles(ids: readonly string[]): CustomerProfile[] {
  const out: CustomerProfile[] = ids
    .filter((_, k) => k % 3 === 0)
    .map((customerId, k) => ({
      customerId,
      product: k % 5 === 0 ? null : 1 + (k % 5),
      service: 1 + (k % 4),
      quality: 1 + (k % 7),
      price: k % 11 === 0 ? 0 : 1 + (k % 3),
      complaints: k % 4,
      reputation: k % 6 === 0 ? undefined : k % 10,
    }));
  out.push({ customerId: "nobody", product: 3 });
  return out;
}

describe("analyze's results by column", () => {
  const transactions = cdnowTransactions(5);
  const ids = summarize(transactionTable(transactions)).map((s) => s.customerId);

  it.each([
    ["the default model", {}, false],
    ["no model, days, seven RFM bins, average spend, metal labels, in Chinese", { model: "none", unit: "days", rfmBins: 7, rfmMonetary: "average", tierLabels: "metal", lang: "zh-CN" }, false],
    ["profiles joined to the transactions", { valueMeasure: "margin" }, true],
  ] as const)("gives every customer, read from the columns, as analyze's object: %s", (_, options, withProfiles) => {
    const input = { transactions, profiles: withProfiles ? profiles(ids) : undefined };
    const objects = analyze(input, options);
    const columns = analyzeColumns(input, options);
    expect(columns.report).toEqual(objects.report);
    expect(columns.customers.length).toBe(2357);
    expect(columns.customers.at(0)).toEqual(objects.customers[0]);
    expect(columns.customers.at(2356)).toEqual(objects.customers[2356]);
    expect([...columns.customers]).toEqual(objects.customers);
  });

  it("holds typed arrays, not an object per customer; labels and strategies are shared", () => {
    const { customers } = analyzeColumns({ transactions });
    const { summaries, delivered, valueRatio, ...figures } = customers.columns;
    for (const [name, column] of Object.entries(figures)) {
      if (column === null) continue;
      expect([name, ArrayBuffer.isView(column) || (name === "rfm" && Object.values(column).every((c) => ArrayBuffer.isView(c)))]).toEqual([name, true]);
    }
    const { ids: summaryIds, ...numbers } = summaries;
    for (const [name, column] of Object.entries(numbers)) {
      if (column === null || typeof column === "number") continue;
      expect([name, column instanceof Float64Array]).toEqual([name, true]);
    }
    expect(summaryIds).toHaveLength(2357);
    // Without profiles there is no delivered value to keep.
    expect(delivered).toBeNull();
    expect(valueRatio).toBeNull();
    // Two customers of one tier and stage share the very strings.
    const a = customers.at(0);
    const b = [...customers].find((c, k) => k > 0 && c.tier === a.tier && c.stage === a.stage && c.rfm.cell === a.rfm.cell);
    expect(b).toBeDefined();
    expect(b?.tierLabel).toBe(a.tierLabel);
    expect(b?.rfm.cell).toBe(a.rfm.cell);
  });

  it("keeps the summaries by column: each customer's is the summary summarize gives", () => {
    const table = transactionTable(transactions);
    const settings = resolveSummarySettings(table, { end: "1997-09-30", periodCount: 6 });
    const columns = summarizeColumns(table, settings);
    const objects = summarize(table, { end: "1997-09-30", periodCount: 6 });
    expect(columns.length).toBe(objects.length);
    expect(columns.periodCount).toBe(6);
    expect(columns.periodAmounts).toHaveLength(6 * objects.length);
    for (const k of [0, 1, 100, objects.length - 1]) expect(summaryAt(columns, k)).toEqual(objects[k]);
    expect(Array.from({ length: columns.length }, (_, k) => summaryAt(columns, k))).toEqual(objects);
  });
});
