// The core's error type (src/core/errors.ts): its codes, a keyed error's key, parameters and
// place, prefixes, and the two rewrites an edge makes before showing one: renaming the core's
// argument names to the surface's (renameArguments) and moving row numbers to the sheet's
// (remapRows). Expected texts are the tables' sentences filled in by hand.
import { CvaError, ErrorCodes, isCvaError, localizedMessage, remapRows, renameArguments } from "../../src/core/errors";

describe("ErrorCodes", () => {
  it("are the stable strings the edges map to Excel errors and exit codes", () => {
    expect(ErrorCodes).toEqual({
      InvalidType: "INVALID_TYPE",
      OutOfRange: "OUT_OF_RANGE",
      Missing: "MISSING",
      MissingColumn: "MISSING_COLUMN",
      InvalidDate: "INVALID_DATE",
      InvalidNumber: "INVALID_NUMBER",
      EmptyInput: "EMPTY_INPUT",
      InvalidFormat: "INVALID_FORMAT",
      DegenerateData: "DEGENERATE_DATA",
      InconsistentData: "INCONSISTENT_DATA",
      NotConverged: "NOT_CONVERGED",
    });
  });
});

describe("CvaError", () => {
  it("made plainly has its message, code and place, no key, and no prefixes", () => {
    const e = new CvaError(ErrorCodes.InvalidDate, "bad date", { row: 3, column: "date" });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.message, e.code, e.where, e.key, e.params, e.context]).toEqual(["CvaError", "bad date", "INVALID_DATE", { row: 3, column: "date" }, undefined, undefined, []]);
  });

  it("made keyed carries its key and parameters and is English by default", () => {
    const e = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "retention" });
    expect([e.message, e.code, e.key, e.params, e.where, e.context]).toEqual(["retention is required; got a blank cell", "MISSING", "arg.required", { arg: "retention" }, undefined, []]);
    // no parameters: the placeholders stay
    expect(CvaError.keyed(ErrorCodes.Missing, "arg.required").message).toBe("{arg} is required; got a blank cell");
  });

  it("keeps its key, parameters and place through prefixes, outermost first", () => {
    const e = CvaError.keyed(ErrorCodes.OutOfRange, "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 }, { argument: "retention" });
    const p = e.withContext("row 3").withContext("sales.csv");
    expect([p.message, p.code, p.key, p.params, p.where, p.context]).toEqual([
      "sales.csv: row 3: retention must be below 1; got 1.2", "OUT_OF_RANGE", "arg.below", e.params, { argument: "retention" }, ["sales.csv", "row 3"],
    ]);
    expect(p).toBeInstanceOf(CvaError);
    expect(e.context).toEqual([]);
  });
});

describe("CvaError.revive", () => {
  it("rebuilds an error from the plain parts a structured clone keeps, key, parameters and prefixes included", () => {
    const e = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "retention" }, { argument: "retention" }).withContext("B2");
    const parts = JSON.parse(JSON.stringify({ code: e.code, message: e.message, where: e.where, key: e.key, params: e.params, context: e.context }));
    const r = CvaError.revive(parts);
    expect(r).toBeInstanceOf(CvaError);
    expect([r.name, r.code, r.message, r.where, r.key, r.params, r.context]).toEqual(["CvaError", "MISSING", "B2: retention is required; got a blank cell", { argument: "retention" }, "arg.required", { arg: "retention" }, ["B2"]]);
    expect(localizedMessage(r, "zh-CN")).toBe("B2: 缺少留存率：单元格为空");
  });
});

describe("isCvaError", () => {
  it("knows a CvaError by its name and code, even from another bundle", () => {
    expect(isCvaError(new CvaError(ErrorCodes.Missing, "x"))).toBe(true);
    // an error made by another copy of the class: a plain object with the same name and code
    expect(isCvaError({ name: "CvaError", code: "MISSING", message: "x" })).toBe(true);
  });

  it("refuses anything else", () => {
    expect(isCvaError(new Error("x"))).toBe(false);
    expect(isCvaError({ name: "CvaError" })).toBe(false);
    expect(isCvaError({ name: "CvaError", code: 3 })).toBe(false);
    expect(isCvaError({ name: "TypeError", code: "MISSING" })).toBe(false);
    expect(isCvaError(null)).toBe(false);
    expect(isCvaError(undefined)).toBe(false);
    expect(isCvaError("CvaError")).toBe(false);
    // a function is not an error object even with the name and code
    const fn = Object.assign(function CvaError() {}, { code: "MISSING" });
    expect(fn.name).toBe("CvaError");
    expect(isCvaError(fn)).toBe(false);
  });
});

describe("localizedMessage", () => {
  it("shows a keyed error in the user's language after its prefixes", () => {
    const e = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "retention" });
    expect(localizedMessage(e, "zh-CN")).toBe("缺少留存率：单元格为空");
    expect(localizedMessage(e.withContext("B2"), "zh-CN")).toBe("B2: 缺少留存率：单元格为空");
    expect(localizedMessage(e.withContext("B2"), "en-US")).toBe("B2: retention is required; got a blank cell");
  });

  it("shows any other error's own message, and anything else as text", () => {
    expect(localizedMessage(new CvaError(ErrorCodes.Missing, "no such file"), "zh-CN")).toBe("no such file");
    expect(localizedMessage(new RangeError("too big"), "zh-CN")).toBe("too big");
    expect(localizedMessage("plain text", "en-US")).toBe("plain text");
    expect(localizedMessage(42, "en-US")).toBe("42");
  });
});

describe("renameArguments", () => {
  // The core calls them shares and horizonMonths; the functions' users typed cutoffs and months
  const names = { shares: "cutoffs", horizonMonths: "months" };
  const mismatch = CvaError.keyed(ErrorCodes.OutOfRange, "data.lengthMismatch", { arg: "shares", count: 3, otherArg: "horizonMonths", otherCount: 2 }, { argument: "shares", row: 4 });

  it("renames the argument parameters (arg, …Arg) and the place, in both languages", () => {
    const r = renameArguments(mismatch, names) as CvaError;
    expect(r).toBeInstanceOf(CvaError);
    expect(r.params).toEqual({ arg: "cutoffs", count: 3, otherArg: "months", otherCount: 2 });
    expect(r.where).toEqual({ argument: "cutoffs", row: 4 });
    expect([r.code, r.key, r.context]).toEqual(["OUT_OF_RANGE", "data.lengthMismatch", []]);
    expect(r.message).toBe("cutoffs has 3 values but months has 2: give one value per customer in each");
    expect(localizedMessage(r, "zh-CN")).toBe("分层比例有 3 个值，而月数有 2 个：每位客户在两者中各有一个值");
    // the original is unchanged
    expect(mismatch.message).toBe("the tier shares has 3 values but the CLV horizon in months has 2: give one value per customer in each");
  });

  it("renames the parameters of an error that has no place", () => {
    const e = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "shares" });
    const r = renameArguments(e, names) as CvaError;
    expect([r.message, r.params, r.where]).toEqual(["cutoffs is required; got a blank cell", { arg: "cutoffs" }, undefined]);
  });

  it("renames only the place when no parameter names a renamed argument", () => {
    const e = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "retention" }, { argument: "shares", column: "B" });
    const r = renameArguments(e, names) as CvaError;
    expect(r).not.toBe(e);
    expect([r.message, r.params, r.where]).toEqual(["retention is required; got a blank cell", { arg: "retention" }, { argument: "cutoffs", column: "B" }]);
  });

  it("keeps the prefixes of the error", () => {
    const r = renameArguments(mismatch.withContext("B2").withContext("Sheet1"), names) as CvaError;
    expect(r.context).toEqual(["Sheet1", "B2"]);
    expect(r.message).toBe("Sheet1: B2: cutoffs has 3 values but months has 2: give one value per customer in each");
    expect(localizedMessage(r, "zh-CN")).toBe("Sheet1: B2: 分层比例有 3 个值，而月数有 2 个：每位客户在两者中各有一个值");
  });

  it("leaves other parameters alone even when their text is a renamed name", () => {
    // hint is text, got is what the user gave: neither is an argument's name
    const e = CvaError.keyed(ErrorCodes.OutOfRange, "arg.below", { arg: "retention", max: 1, hint: "shares", got: "horizonMonths" }, { argument: "retention" });
    expect(renameArguments(e, names)).toBe(e);
    // a number in an argument parameter is not a name either
    const n = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: 2 });
    expect(renameArguments(n, { 2: "two" })).toBe(n);
  });

  it("renames only names it holds, not those of every object (constructor, toString)", () => {
    const e = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "constructor" }, { argument: "toString" });
    expect(renameArguments(e, names)).toBe(e);
  });

  it("returns an unkeyed error, another error or a non-error as it is", () => {
    const plain = new CvaError(ErrorCodes.Missing, "shares missing", { argument: "shares" });
    expect(renameArguments(plain, names)).toBe(plain);
    const other = new Error("shares");
    expect(renameArguments(other, names)).toBe(other);
    expect(renameArguments("shares", names)).toBe("shares");
  });
});

describe("remapRows", () => {
  // The pane's row 13 of the core (blank rows left out) is the sheet's row 15
  const toSheet = (row: number) => row + 2;

  it("moves the row of the message and of the place", () => {
    const e = CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: "values", row: 13, got: "Infinity" }, { argument: "values", row: 13 });
    const r = remapRows(e.withContext("Profiles"), toSheet) as CvaError;
    expect(r.params).toEqual({ arg: "values", row: 15, got: "Infinity" });
    expect(r.where).toEqual({ argument: "values", row: 15 });
    expect([r.code, r.key, r.context]).toEqual(["OUT_OF_RANGE", "population.notFinite", ["Profiles"]]);
    expect(r.message).toBe("Profiles: values: row 15 holds Infinity, not a finite number");
    expect(localizedMessage(r, "zh-CN")).toBe("Profiles: 客户价值：第 15 行的值为 Infinity，不是有限的数字");
  });

  it("moves a row that only the message holds, leaving the place as it is", () => {
    const e = CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: "values", row: 13, got: "NaN" }, { argument: "values" });
    const r = remapRows(e, toSheet) as CvaError;
    expect([r.params, r.where, r.message]).toEqual([{ arg: "values", row: 15, got: "NaN" }, { argument: "values" }, "values: row 15 holds NaN, not a finite number"]);
    const bare = remapRows(CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: "values", row: 13, got: "NaN" }), toSheet) as CvaError;
    expect([bare.params?.row, bare.where]).toEqual([15, undefined]);
  });

  it("moves a row that only the place holds, leaving the parameters as they are", () => {
    const e = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "amount" }, { row: 4, column: "amount" });
    const r = remapRows(e, toSheet) as CvaError;
    expect([r.params, r.where, r.message]).toEqual([{ arg: "amount" }, { row: 6, column: "amount" }, "amount is required; got a blank cell"]);
    // an error made with a key but no parameters
    const noParams = new CvaError(ErrorCodes.Missing, "x", { row: 4 }, { key: "arg.required" });
    expect((remapRows(noParams, toSheet) as CvaError).where).toEqual({ row: 6 });
  });

  it("returns the error as it is when it has no row, or the row has no counterpart", () => {
    const calls: unknown[] = [];
    const spy = (row: number) => {
      calls.push(row);
      return row + 2;
    };
    const noRow = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "amount" }, { argument: "amount" });
    expect(remapRows(noRow, spy)).toBe(noRow);
    const noWhere = CvaError.keyed(ErrorCodes.Missing, "arg.required", { arg: "amount" });
    expect(remapRows(noWhere, spy)).toBe(noWhere);
    expect(calls).toEqual([]);
    const e = CvaError.keyed(ErrorCodes.OutOfRange, "population.notFinite", { arg: "values", row: 13, got: "NaN" }, { row: 13 });
    expect(remapRows(e, () => undefined)).toBe(e);
  });

  it("returns an unkeyed error, another error or a non-error as it is", () => {
    const plain = new CvaError(ErrorCodes.InvalidDate, "bad date", { row: 3 });
    expect(remapRows(plain, toSheet)).toBe(plain);
    const other = new Error("row 3");
    expect(remapRows(other, toSheet)).toBe(other);
    expect(remapRows(3, toSheet)).toBe(3);
  });
});
