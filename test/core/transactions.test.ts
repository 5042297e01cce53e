/**
 * The transaction table's cell checks (src/core/summary/transactions.ts, docs/inputs.md §5):
 * every number column (amount, cost, margin, quantity) rejects a cell that is not a finite number
 * with the row (1-based) and the column named, in both languages; an id cell is read as its text.
 */
import { CvaError, localizedMessage } from "../../src/core";
import { idText, transactionTable, type Transaction } from "../../src/core/summary/transactions";
import { thrown } from "../support/thrown";

const ok: Transaction = { customerId: "a", date: "2024-01-01", amount: 10, cost: 4, margin: 0.5, quantity: 2 };

describe("transactionTable: each number column must hold finite numbers", () => {
  it.each([
    ["amount", "金额"],
    ["cost", "成本"],
    ["margin", "毛利"],
    ["quantity", "数量"],
  ] as const)("a text, NaN and Infinity as the %s on row 2 are errors naming row 2 and the column", (column, zh) => {
    for (const [bad, en, cn] of [
      ["12x", 'the text "12x"', "文本“12x”"],
      [Number.NaN, "NaN", "NaN"],
      [Number.POSITIVE_INFINITY, "Infinity", "Infinity"],
    ] as const) {
      const e = thrown(() => transactionTable([ok, { ...ok, [column]: bad }]));
      expect(e).toBeInstanceOf(CvaError);
      expect([e.code, e.key, e.where]).toEqual(["INVALID_NUMBER", "tx.notNumberAt", { row: 2, column }]);
      expect(localizedMessage(e, "en-US")).toBe(`row 2: the ${column} is ${en}, not a finite number`);
      expect(localizedMessage(e, "zh-CN")).toBe(`第 2 行：${zh}为${cn}，不是有限的数字`);
    }
  });

  it("a row without the optional columns gets NaN in them, beside a row that has them", () => {
    const t = transactionTable([ok, { customerId: "b", date: 45293, amount: 3 }]);
    expect([...(t.cost ?? [])]).toEqual([4, NaN]);
    expect([...(t.margin ?? [])]).toEqual([0.5, NaN]);
    expect([...(t.quantity ?? [])]).toEqual([2, NaN]);
    expect([...t.amount]).toEqual([10, 3]);
    expect([...t.day]).toEqual([45292, 45293]); // 2024-01-01 is serial 45292
  });
});

describe("idText", () => {
  it("writes a number id as JavaScript's shortest text (no trailing .0) and trims a text id", () => {
    expect(idText(12)).toBe("12");
    expect(idText(12.0)).toBe("12");
    expect(idText(1.5)).toBe("1.5");
    expect(idText("  c7 ")).toBe("c7");
    expect(idText(undefined)).toBe("");
    expect(idText(null)).toBe("");
  });
});
