// The analysis worker reads a transactions source straight from its packed columns
// (src/taskpane/workflow/transfer.ts rowReader, parse.ts toTransactionsOf; parse-packed.ts
// toTransactionsPacked, each distinct text read once), without unpacking a row array per purchase:
// the same table as from the rows, and the same errors.
import { toTransactions, toTransactionsOf, InputIssue } from "../../src/taskpane/workflow/parse";
import { toTransactionsPacked } from "../../src/taskpane/workflow/parse-packed";
import { packRows, rowReader, unpackRows } from "../../src/taskpane/workflow/transfer";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";

const sheet = cdnowSheet(cdnowText()).rows;
const header = sheet[0].map(String);
const mapping = { id: 0, date: 1, quantity: 2, amount: 3 };

describe("a transactions source read from packed columns", () => {
  it("gives CDNOW's table as its rows do: 6,919 purchases of 2,357 customers, blank and short rows skipped alike", () => {
    // A blank row and a short blank row among the purchases, as a sheet with gaps hands them over.
    const rows: unknown[][] = [...sheet.slice(1, 100), ["", "", "", ""], [null], ...sheet.slice(100)];
    const fromRows = toTransactions(header, rows, mapping, 2, true);
    const packed = packRows(rows);
    const fromPacked = toTransactionsOf(header, rowReader(packed), mapping, 2, true);
    expect(fromPacked).toEqual(fromRows);
    expect(toTransactionsPacked(header, packed, mapping, 2, true)).toEqual(fromRows);
    expect(fromPacked.length).toBe(6919);
    expect(fromPacked.ids).toHaveLength(2357);
    // And what the worker read before: the unpacked rows.
    expect(toTransactions(header, unpackRows(packed), mapping, 2, true)).toEqual(fromRows);
  });

  it("names the same bad cells, by worksheet row", () => {
    const rows: unknown[][] = sheet.slice(1, 50).map((r, i) => (i === 7 ? [r[0], "soon", r[2], r[3]] : i === 9 ? [r[0], r[1], r[2], "n/a"] : r));
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    const a = err(() => toTransactions(header, rows, mapping, 2, true));
    const b = err(() => toTransactionsOf(header, rowReader(packRows(rows)), mapping, 2, true));
    expect(a).toBeInstanceOf(InputIssue);
    expect(b).toEqual(a);
    expect(err(() => toTransactionsPacked(header, packRows(rows), mapping, 2, true))).toEqual(a);
    expect((b as InputIssue).cells).toEqual([{ row: 9, text: "soon" }]);
  });

  // Seeded rows of every kind of cell a sheet hands over, bad ones among them: the packed read gives
  // the rows' table, or throws the same InputIssue (same column, same first rows and texts, same count).
  const pools: unknown[][] = [
    ["0001", " 0001 ", "a", "b", "b ", 17, 17.5, "", "  ", null, undefined, true],
    [35431, 35431.75, 35800, "1997-01-05", "1997-02-30", "soon", "", null, 5, 2024, "19970301"],
    [29.33, 0, -4.5, "1,234.50", "¥12", "$ 7", "n/a", "", null, Infinity, "1e3"],
    [1, 2, "", null, "3", "x", undefined],
    [10, "", null, "1,000", "bad"],
  ];
  const textIds: unknown[] = ["0001", "a", "b c", "d", "0002", "", null, undefined];
  const mulberry = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const outcome = (f: () => unknown) => {
    try {
      return { table: f() };
    } catch (e) {
      const issue = e as InputIssue;
      return { error: { name: issue.name, code: issue.code, column: issue.column, cells: issue.cells, count: issue.count, message: issue.message } };
    }
  };
  const seen = { tables: 0, errors: 0 };
  afterAll(() => {
    // The seeds gave both outcomes: tables read alike and errors named alike.
    expect(seen.tables).toBeGreaterThan(0);
    expect(seen.errors).toBeGreaterThan(0);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 12])("gives the rows' table or the rows' error for seeded mixed cells (seed %d)", (seed) => {
    const random = mulberry(seed);
    // Mostly good cells (so some seeds give a table), a bad one now and then, short rows and blank rows.
    const rate = seed % 2 === 0 ? 0.999 : 0.9;
    const pick = (pool: unknown[], good: number) => pool[random() < rate ? Math.floor(random() * good) : Math.floor(random() * pool.length)];
    const rows: unknown[][] = Array.from({ length: 400 }, () => {
      if (random() < 0.03) return random() < 0.5 ? ["", " ", null] : [];
      // Every third seed: ids only texts with nothing to trim (and blanks), numbered without a Map.
      const row = [seed % 3 === 0 ? pick(textIds, 5) : pick(pools[0], 7), pick(pools[1], 4), pick(pools[2], 6), pick(pools[3], 5), pick(pools[4], 4)];
      return random() < 0.05 ? row.slice(0, 3) : row;
    });
    const headerOf = ["id", "date", "amount", "quantity", "cost", "margin"];
    // Margin mapped to a column no row has: every margin cell blank.
    for (const m of [{ id: 0, date: 1, amount: 2 }, { id: 0, date: 1, amount: 2, quantity: 3, cost: 4, margin: 5 }]) {
      for (const dateFormatted of [true, false]) {
        const expected = outcome(() => toTransactions(headerOf, rows, m, 3, dateFormatted));
        expect(outcome(() => toTransactionsPacked(headerOf, packRows(rows), m, 3, dateFormatted))).toEqual(expected);
        seen[expected.error ? "errors" : "tables"]++;
      }
    }
  });

  it("reads a clean mixed source to the same table (numeric and trimmed ids, text dates and amounts, optional blanks)", () => {
    const rows: unknown[][] = [
      [" 0001 ", 35431, "1,234.50", 2, ""],
      ["0001", "1997-01-05", 29.33, "", 5],
      [17, 35800.5, "¥12", "3", null],
      ["", null, undefined],
      ["b", "1997-01-05", "$ 7", 1, "1,000"],
      [17, 35431, 0, null, 10],
    ];
    const m = { id: 0, date: 1, amount: 2, quantity: 3, cost: 4 };
    const expected = toTransactions(["id", "date", "amount", "quantity", "cost"], rows, m, 2, true);
    expect(expected.ids).toEqual(["0001", "17", "b"]);
    expect(Array.from(expected.customer)).toEqual([0, 0, 1, 2, 1]);
    expect(toTransactionsPacked(["id", "date", "amount", "quantity", "cost"], packRows(rows), m, 2, true)).toEqual(expected);
  });
});
