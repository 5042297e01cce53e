/**
 * The workbook view's number formats (host/number-format.ts): the text Excel shows for each
 * format the add-in writes. Plain node; no browser needed.
 */
import { alignment, formatGeneral, formatValue } from "./host/number-format";

describe("Excel's display of the formats the add-in writes", () => {
  it("fixed decimals, grouping and percent, rounding half away from zero", () => {
    expect(formatValue(3, "0")).toBe("3");
    expect(formatValue(2.5, "0")).toBe("3");
    expect(formatValue(-2.5, "0")).toBe("-3");
    expect(formatValue(69.98302927450148, "0.0")).toBe("70.0");
    expect(formatValue(49.285714285714285, "0.00")).toBe("49.29");
    expect(formatValue(1.005, "0.00")).toBe("1.01"); // 1.00499999… in binary; Excel rounds its 15 digits
    expect(formatValue(1107.04, "#,##0.00")).toBe("1,107.04");
    expect(formatValue(1234567.891, "#,##0.00")).toBe("1,234,567.89");
    expect(formatValue(0.6611195504130523, "0.0%")).toBe("66.1%");
    expect(formatValue(1, "0.0%")).toBe("100.0%");
  });

  it("dates from Excel serials", () => {
    expect(formatValue(35431, "yyyy-mm-dd")).toBe("1997-01-01");
    expect(formatValue(35976, "yyyy-mm-dd")).toBe("1998-06-30");
    expect(formatValue(35431, "d/m/yy")).toBe("1/1/97");
  });

  it("General: integers in full, decimals rounded to the column, text and booleans as they are", () => {
    expect(formatValue(2357, "General")).toBe("2357");
    expect(formatValue(67968.5)).toBe("67968.5");
    expect(formatValue(0.7867627876260957)).toBe("0.786762788");
    expect(formatGeneral(0.7867627876260957, (s) => s.length <= 8)).toBe("0.786763");
    expect(formatGeneral(-0.5)).toBe("-0.5");
    expect(formatGeneral(123456789012)).toBe("1.23457E+11");
    expect(formatValue("0001", "@")).toBe("0001");
    expect(formatValue(true)).toBe("TRUE");
    expect(formatValue("", "0.00")).toBe("");
    expect(formatValue(null, "0.00")).toBe("");
  });

  it("refuses a format it does not know, so the view cannot draw a value Excel would show otherwise", () => {
    expect(() => formatValue(1, "$#,##0;[Red]-$#,##0")).toThrow(/does not know the number format/);
  });

  it("aligns as Excel does by default", () => {
    expect([alignment(1), alignment("a"), alignment(true)]).toEqual(["right", "left", "center"]);
  });
});
