/**
 * Rows in transferable columns (src/taskpane/workflow/transfer.ts): every kind of cell comes back
 * as it went, bit for bit; texts go once each; the sliced versions give the same columns and
 * rows as the one-go versions and yield as often as their time budget says.
 */
import { columnTexts, packColumns, packRows, packRowsInSlices, transferables, unpackRows, unpackRowsInSlices } from "../../src/taskpane/workflow/transfer";

const when = new Date(Date.UTC(2024, 0, 31));
const cells: unknown[][] = [
  ["0001", 35431, 2, 29.33, true],
  ["0002", -0, 0, NaN, false],
  ["", 1e-300, Infinity, -Infinity, null],
  ["客户 ¥", 5e-324, Number.MAX_VALUE, "1,234.50", undefined],
  ["0001", "2024-01-31", when, { odd: 1 }, "0001"],
];

describe("rows packed into columns", () => {
  it("come back cell for cell: numbers bit for bit (−0, NaN, ±Infinity, subnormals), texts, booleans, null, undefined, other values", () => {
    const packed = structuredClone(packRows(cells));
    const back = unpackRows(packed);
    expect(back).toHaveLength(5);
    const primitive = (v: unknown) => v === null || typeof v !== "object";
    back.forEach((row, i) => row.forEach((v, j) => primitive(v) && expect([i, j, Object.is(v, cells[i][j])]).toEqual([i, j, true])));
    // A Date and an object are structured-cloned as values, not packed.
    expect(back[4][2]).toEqual(when);
    expect(back[4][3]).toEqual({ odd: 1 });
  });

  it("keeps each text once per column: a million ids of a few customers cost a few texts", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`c${i % 7}`, i]);
    const packed = packRows(rows);
    expect(columnTexts(packed.columns[0])).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6"]);
    // End to end in one string, with their ends.
    expect(packed.columns[0].text).toBe("c0c1c2c3c4c5c6");
    expect(Array.from(packed.columns[0].ends)).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(Array.from(packed.columns[0].codes.subarray(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
    expect(columnTexts(packed.columns[1])).toEqual([]);
    // Three buffers a column: numbers (8 bytes a cell), codes (4 bytes a cell) and the texts' ends (4 bytes a text).
    expect(transferables(packed).map((b) => b.byteLength)).toEqual([80_000, 40_000, 28, 80_000, 40_000, 0]);
  });

  it("pads a short row with undefined to the widest row's length", () => {
    const back = unpackRows(packRows([[1, 2, 3], [4]]));
    expect(back).toEqual([[1, 2, 3], [4, undefined, undefined]]);
    expect(back[1]).toHaveLength(3);
  });

  it("in slices: the same columns and rows, with a pause whenever the budget is spent (every 512 rows at 0 ms)", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`id${i % 301}`, i * 0.5, i % 3 === 0 ? "" : i]);
    let pauses = 0;
    const pause = async () => void pauses++;
    const packed = await packRowsInSlices(rows, pause, 0);
    // Rows 0–511, 512–1023, 1024–1535, 1536–1999, then the texts of the two columns that have
    // some (301 ids; "") put end to end, up to 16,384 at a time.
    expect(pauses).toBe(4 + 2);
    expect(packed).toEqual(packRows(rows));
    pauses = 0;
    expect(await unpackRowsInSlices(packed, pause, 0)).toEqual(rows);
    expect(pauses).toBe(4);
    // With a budget no slice spends, no pause at all.
    pauses = 0;
    await packRowsInSlices(rows, pause, 60_000);
    expect(pauses).toBe(0);
  });

  it("packs columns given cell by cell as packRows packs the rows; a distinct column keeps each text as it comes", () => {
    const ids = ["a", "b", "a", "c"];
    const cells = [(i: number) => ids[i], (i: number) => (i % 2 === 0 ? "even" : i), (i: number) => (i === 3 ? null : i / 3)];
    const rows = ids.map((_, i) => cells.map((c) => c(i)));
    const plain = packColumns(4, cells);
    expect(plain).toEqual(packRows(rows));
    const once = packColumns(4, cells, [true, false, false]);
    // "a" twice in the distinct column, once in the dictionary of the other way.
    expect(columnTexts(once.columns[0])).toEqual(["a", "b", "a", "c"]);
    expect(columnTexts(plain.columns[0])).toEqual(["a", "b", "c"]);
    expect(columnTexts(once.columns[1])).toEqual(["even"]);
    expect(unpackRows(once)).toEqual(rows);
  });

  it("packs typed columns to the cells they stand for: finite numbers, blanks for the rest (and 0 with zeroBlank), texts by code", () => {
    const numbers = Float64Array.from([1.5, NaN, Infinity, -Infinity, 0, -0, -2, 1e300]);
    const codes = Int32Array.from([0, 1, -1, 2, 0, 5, 1, -1]);
    const labels = ["low", "mid", "high"];
    const text = (k: number) => (k < 0 ? null : labels[k]);
    const packed = packColumns(8, [() => "unused", () => "unused", () => "unused"], [], [{ numbers }, { numbers, zeroBlank: true }, { codes, text }]);
    expect(unpackRows(packed)).toEqual([
      [1.5, 1.5, "low"],
      ["", "", "mid"],
      ["", "", ""], // Infinity and a null text: blank
      ["", "", "high"],
      [0, "", "low"], // 0 stays a number unless zeroBlank
      [-0, "", ""], // code 5 has no label: blank
      [-2, -2, "mid"],
      [1e300, 1e300, ""],
    ]);
    // Each label and the blank once in the column's texts.
    expect(columnTexts(packed.columns[2]).sort()).toEqual(["", "high", "low", "mid"]);
    expect(columnTexts(packed.columns[0])).toEqual([""]);
  });
});
