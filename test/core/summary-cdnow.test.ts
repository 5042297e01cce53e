// CDNOW parity: the summary of cdnow_sample.csv with end 1997-09-30 in weeks
// equals lifetimes' cdnow_customers_summary.csv (x, t_x, T to its 2 decimals) and the zbar column
// of cdnow_customers_summary_with_transactions.csv for every one of the 2,357 customers.
import * as fs from "fs";
import * as path from "path";
import { summarize, transactionTable, type CustomerSummary } from "../../src/core";

const dataDir = path.resolve(__dirname, "../../data/cdnow");

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(path.join(dataDir, file), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split(","));
}

/** Equal to a figure printed with 2 decimals: within half a unit of the last place. */
function twoDecimals(ours: number, printed: string): boolean {
  return Math.abs(ours - Number(printed)) <= 0.005 + 1e-9;
}

describe("CDNOW parity with lifetimes.summary_data_from_transaction_data", () => {
  // computed inside each test that uses it, not once in the describe body: mutation testing
  // (docs/testing.md §2) then sees every test that reaches the summary, and a change to the
  // summary is judged by all of them
  const cdnow = () => {
    const tx = readCsv("cdnow_sample.csv").slice(1);
    const table = transactionTable(tx.map(([id, date, , amount]) => ({ customerId: id, date, amount: Number(amount) })));
    const summaries = summarize(table, { unit: "weeks", end: "1997-09-30" });
    return { summaries, byId: new Map<number, CustomerSummary>(summaries.map((s) => [Number(s.customerId), s])) };
  };

  it("has all 2,357 customers, in id order", () => {
    const { summaries } = cdnow();
    expect(summaries).toHaveLength(2357);
    expect(summaries[0].customerId).toBe("0001");
    expect(summaries[2356].customerId).toBe("2357");
  });

  it("frequency, recency and T equal cdnow_customers_summary.csv to 2 decimals", () => {
    const { byId } = cdnow();
    const expected = readCsv("cdnow_customers_summary.csv").slice(1);
    expect(expected).toHaveLength(2357);
    let mismatches = 0;
    for (const [id, x, tx_, T] of expected) {
      const s = byId.get(Number(id));
      if (!s) throw new Error(`customer ${id} missing`);
      if (s.frequency !== Number(x) || !twoDecimals(s.recency, tx_) || !twoDecimals(s.T, T)) {
        mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it("monetary equals zbar (2 decimals) and the README's totals hold", () => {
    const { summaries, byId } = cdnow();
    const expected = readCsv("cdnow_customers_summary_with_transactions.csv").slice(1);
    expect(expected).toHaveLength(2357);
    for (const [id, x, , , zbar] of expected) {
      const s = byId.get(Number(id))!;
      expect(s.frequency).toBe(Number(x));
      expect(twoDecimals(s.monetary, zbar)).toBe(true);
    }
    // README: 2,457 repeat purchases, 1,411 customers with none, maximum 29.
    expect(summaries.reduce((a, s) => a + s.frequency, 0)).toBe(2457);
    expect(summaries.filter((s) => s.frequency === 0)).toHaveLength(1411);
    expect(Math.max(...summaries.map((s) => s.frequency))).toBe(29);
  });

  it("customer 1: x = 2, t_x = 30.43, T = 38.86 (README's worked customer)", () => {
    // Purchases 1997-01-01, 01-18, 08-02 (12-12 is after the end): 2 repeat days;
    // t_x = 213 days / 7 = 30.428…, T = 272 days / 7 = 38.857…; zbar = (29.73 + 14.96) / 2 = 22.345.
    const s = cdnow().byId.get(1)!;
    expect(s.frequency).toBe(2);
    expect(s.recency).toBeCloseTo(213 / 7, 12);
    expect(s.T).toBeCloseTo(272 / 7, 12);
    expect(s.monetary).toBeCloseTo(22.345, 12);
    expect(s.revenue).toBeCloseTo(29.33 + 29.73 + 14.96, 12);
  });
});

describe("the vendored CDNOW files", () => {
  it("cdnow_sample.csv holds exactly the rows of the published CDNOW_sample.txt", () => {
    // CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars (space separated).
    const txt = fs
      .readFileSync(path.join(dataDir, "CDNOW_sample.txt"), "utf8")
      .split(/\r?\n/)
      .filter((l) => l.trim() !== "")
      .map((l) => l.trim().split(/\s+/));
    const csv = readCsv("cdnow_sample.csv");
    expect(csv[0]).toEqual(["customer_id", "date", "cds", "amount"]);
    expect(txt).toHaveLength(6919);
    expect(csv.slice(1)).toEqual(
      txt.map(([, id, d, cds, dollars]) => [id, `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`, cds, dollars]),
    );
  });
});
