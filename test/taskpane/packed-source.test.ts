// The analysis worker reads a transactions source straight from its packed columns
// (src/taskpane/workflow/transfer.ts rowReader, parse.ts toTransactionsOf), without unpacking a
// row array per purchase: the same table as from the rows, and the same errors.
import { toTransactions, toTransactionsOf, InputIssue } from "../../src/taskpane/workflow/parse";
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
    expect((b as InputIssue).cells).toEqual([{ row: 9, text: "soon" }]);
  });
});
