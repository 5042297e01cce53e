/**
 * Element-wise evaluation and spill shapes of the custom functions (src/functions/spill.ts): any
 * argument may be a range, ranges must share one shape (a 1×1 range counts as a single value),
 * single values are reused for every cell, the result has the ranges' shape, cell (i, j) is
 * computed from cell (i, j) of each range, and an error stays in its own cell as the Excel error
 * of its core code, with the message in Office's language. Expected values are worked by hand.
 */
import { cellOf, column, commonShape, elementwise, mapCells } from "../../src/functions/spill";
import { CvaError, ErrorCodes, localizedMessage } from "../../src/core";
import { inLanguage } from "./call";
import { thrown } from "../support/thrown";

/** An Excel error in a cell as { code, message }. */
function plain(v: unknown): unknown {
  if (v instanceof Error && "code" in v) return { code: (v as { code: string }).code, message: v.message };
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** A cell function that refuses negative numbers as the core does (#VALUE!) and 0 as "missing" (#N/A). */
function checked(x: unknown): number {
  if (typeof x !== "number") throw new CvaError(ErrorCodes.InvalidType, `not a number: ${String(x)}`);
  if (x < 0) throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.atLeast", { arg: "retention", min: 0, hint: "", got: x }, { argument: "retention" });
  if (x === 0) throw new CvaError(ErrorCodes.Missing, "nothing for 0");
  return x * 10;
}

const col = (...v: unknown[]) => v.map((x) => [x]);

describe("commonShape: the shape every range argument must share", () => {
  it("single values and 1×1 ranges only: 1×1", () => {
    expect(commonShape([], [])).toEqual([1, 1]);
    expect(commonShape(["a", "b"], [5, [[7]]])).toEqual([1, 1]);
  });

  it("an n×1 column gives n×1, a 1×n row 1×n, a block its rows × columns, whatever its position", () => {
    expect(commonShape(["a", "b"], [col(1, 2, 3), 4])).toEqual([3, 1]);
    expect(commonShape(["a", "b"], [4, [[1, 2, 3]]])).toEqual([1, 3]);
    expect(commonShape(["a", "b", "c"], [[[1]], 2, [[1, 2], [3, 4], [5, 6]]])).toEqual([3, 2]);
  });

  it("ranges of the same shape agree: 3×1 and 3×1 is 3×1; a 1×1 between them does not break it", () => {
    expect(commonShape(["a", "b", "c"], [col(1, 2, 3), [[9]], col(4, 5, 6)])).toEqual([3, 1]);
  });

  it("a column of 3 and a row of 3 are #VALUE! naming both shapes", () => {
    const e = thrown(() => commonShape(["retention", "discount", "margin"], [col(1, 2, 3), 0.1, [[1, 2, 3]]]));
    expect(e.code).toBe(ErrorCodes.InvalidType);
    expect(e.key).toBe("fn.shapeMismatch");
    expect(e.where).toEqual({ argument: "margin" });
    expect(e.params).toEqual({ arg: "margin", rows: 1, cols: 3, otherArg: "retention", otherRows: 3, otherCols: 1 });
    expect(e.message).toBe("margin is 1×3 cells but retention is 3×1: give ranges of the same size, or single values");
    expect(localizedMessage(e, "zh-CN")).toBe("毛利为 1×3 个单元格，而留存率为 3×1：请给出大小相同的区域，或单个值");
  });

  it("ranges that differ only in rows (3×1 vs 4×1) or only in columns (2×2 vs 2×3) are #VALUE!", () => {
    expect(thrown(() => commonShape(["a", "b"], [col(1, 2, 3), col(1, 2, 3, 4)])).message).toBe("b is 4×1 cells but a is 3×1: give ranges of the same size, or single values");
    expect(thrown(() => commonShape(["a", "b"], [[[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]]])).message).toBe("b is 2×3 cells but a is 2×2: give ranges of the same size, or single values");
  });

  it("two rows of different lengths (1×3 vs 1×2) or two columns (3×1 vs 2×1) are #VALUE!: a 1×n range sets the shape as any other", () => {
    expect(thrown(() => commonShape(["a", "b"], [[[1, 2, 3]], [[1, 2]]])).message).toBe("b is 1×2 cells but a is 1×3: give ranges of the same size, or single values");
    expect(thrown(() => commonShape(["a", "b"], [col(1, 2, 3), col(1, 2)])).message).toBe("b is 2×1 cells but a is 3×1: give ranges of the same size, or single values");
    expect(commonShape(["a", "b"], [[[1, 2, 3]], [[4, 5, 6]]])).toEqual([1, 3]);
  });

  it("the first range sets the shape: the third argument is named against the second", () => {
    expect(thrown(() => commonShape(["a", "b", "c"], [1, col(1, 2), col(1, 2, 3)])).message).toBe("c is 3×1 cells but b is 2×1: give ranges of the same size, or single values");
  });
});

describe("cellOf: an argument's value at cell (i, j)", () => {
  it("a single value or a 1×1 range is the same at every cell; a range gives its own cell", () => {
    expect(cellOf(5, 2, 1)).toBe(5);
    expect(cellOf("x", 0, 0)).toBe("x");
    expect(cellOf([[7]], 2, 1)).toBe(7);
    expect(cellOf([[1, 2], [3, 4], [5, 6]], 2, 1)).toBe(6);
    expect(cellOf([[1, 2], [3, 4], [5, 6]], 1, 0)).toBe(3);
    expect(cellOf([[1, 2, 3]], 0, 2)).toBe(3);
  });
});

describe("elementwise: one result per cell of the common shape", () => {
  it("a column with a single value: 3×1 of a × b", () => {
    expect(elementwise(["a", "b"], [col(1, 2, 3), 10], (a, b) => (a as number) * (b as number))).toEqual([[10], [20], [30]]);
  });

  it("two 2×2 blocks cell by cell, row by row: [[1,2],[3,4]] + [[10,20],[30,40]] = [[11,22],[33,44]]", () => {
    expect(elementwise(["a", "b"], [[[1, 2], [3, 4]], [[10, 20], [30, 40]]], (a, b) => (a as number) + (b as number))).toEqual([
      [11, 22],
      [33, 44],
    ]);
  });

  it("a 1×3 row with a 1×1 range: 1×3", () => {
    expect(elementwise(["a", "b", "c"], [[[1, 2, 3]], [[100]], 5], (a, b, c) => `${String(a)}-${String(b)}-${String(c)}`)).toEqual([["1-100-5", "2-100-5", "3-100-5"]]);
  });

  it("the cell function gets one value per argument, no more", () => {
    expect(elementwise(["a", "b", "c"], [col(1, 2), 5, [[6]]], (...cell) => cell.length)).toEqual([[3], [3]]);
  });

  it("single values only: a 1×1 result", () => {
    expect(elementwise(["a", "b"], [2, [[3]]], (a, b) => (a as number) ** (b as number))).toEqual([[8]]);
  });

  it("a core error stays in its cell as #VALUE! or #N/A with its message; the other cells compute", () => {
    const out = plain(elementwise(["x", "y"], [col(1, -2, 0, "a"), 1], (x) => checked(x)));
    expect(out).toEqual([
      [10],
      [{ code: "#VALUE!", message: "retention must be at least 0; got -2" }],
      [{ code: "#N/A", message: "nothing for 0" }],
      [{ code: "#VALUE!", message: "not a number: a" }],
    ]);
  });

  it("a cell's message follows Office's language", () => {
    const out = inLanguage("zh-CN", () => plain(elementwise(["x", "y"], [col(-2, 1), 1], (x) => checked(x))));
    expect(out).toEqual([[{ code: "#VALUE!", message: "留存率不能小于 0；实际为-2" }], [10]]);
  });

  it("ranges of different shapes are #VALUE! for the whole formula", () => {
    expect(thrown(() => elementwise(["a", "b"], [col(1, 2), col(1, 2, 3)], () => 0)).key).toBe("fn.shapeMismatch");
  });

  it("an error that is not the core's is a bug: it is rethrown, not put in a cell", () => {
    expect(() =>
      elementwise(["a", "b"], [col(1, 2), 1], (a) => {
        if (a === 2) throw new TypeError("bug");
        return a;
      }),
    ).toThrow(TypeError);
  });

  it("a single argument goes through mapCells: a 2×2 range gives 2×2", () => {
    expect(elementwise(["a"], [[[1, 2], [3, 4]]], (a) => (a as number) * 2)).toEqual([
      [2, 4],
      [6, 8],
    ]);
  });
});

describe("mapCells: one range, one result per cell", () => {
  it("a single value is 1×1; a column n×1; a row 1×n; a block keeps its shape", () => {
    const f = (x: unknown) => checked(x);
    expect(mapCells(3, f)).toEqual([[30]]);
    expect(mapCells(col(1, 2, 3), f)).toEqual([[10], [20], [30]]);
    expect(mapCells([[1, 2, 3]], f)).toEqual([[10, 20, 30]]);
    expect(mapCells([[1, 2], [3, 4]], f)).toEqual([
      [10, 20],
      [30, 40],
    ]);
  });

  it("an error in a row stays in its cell; the row's other cells and the other rows compute", () => {
    expect(plain(mapCells([[1, -2, 3], [0, 5, 6]], checked))).toEqual([
      [10, { code: "#VALUE!", message: "retention must be at least 0; got -2" }, 30],
      [{ code: "#N/A", message: "nothing for 0" }, 50, 60],
    ]);
  });

  it("an error in a column stays in its cell", () => {
    expect(plain(mapCells(col(4, -1, 2), checked))).toEqual([[40], [{ code: "#VALUE!", message: "retention must be at least 0; got -1" }], [20]]);
  });

  it("an error that is not the core's is rethrown, from a column or from a row", () => {
    const bug = (x: unknown) => {
      if (x === 2) throw new TypeError("bug");
      return x;
    };
    expect(() => mapCells(col(1, 2), bug)).toThrow(TypeError);
    expect(() => mapCells([[1, 2, 3]], bug)).toThrow(TypeError);
  });
});

describe("column: results per customer as an n×1 spill", () => {
  it("[1.5, 2, 3] and a Float64Array give one row each, in order", () => {
    expect(column([1.5, 2, 3])).toEqual([[1.5], [2], [3]]);
    expect(column(new Float64Array([0.25, 0.5]))).toEqual([[0.25], [0.5]]);
    expect(column([])).toEqual([]);
  });
});
