/**
 * The holdout split's refusal of an end that does not come after the calibration end
 * (src/core/clv/holdout.ts holdoutFromTransactions): an end equal to the calibration end leaves
 * no holdout period and is refused like an earlier one; one day later is accepted. Expected
 * texts: the templates of src/core/i18n/error-texts/models.ts filled in by hand.
 */
import { holdoutFromTransactions } from "../../../src/core/clv/holdout";
import { transactionTable } from "../../../src/core/summary/transactions";
import { dayFromYmd } from "../../../src/core/summary/dates";
import { errorText } from "../../../src/core/i18n/errors";
import { thrown } from "../../support/thrown";

const table = transactionTable([
  { customerId: "a", date: "1997-01-05", amount: 10 },
  { customerId: "a", date: "1997-03-01", amount: 20 },
  { customerId: "b", date: "1997-02-01", amount: 15 },
]);
const cal = dayFromYmd(1997, 9, 30);

describe("holdoutFromTransactions: the end must come after the calibration end", () => {
  it.each([["the same day", cal], ["a day earlier", cal - 1]])("%s → holdout.endBeforeCalibration naming end", (_label, end) => {
    const e = thrown(() => holdoutFromTransactions(table, cal, end, "weeks"));
    expect([e.key, e.where]).toEqual(["holdout.endBeforeCalibration", { argument: "end" }]);
    const endText = end === cal ? "1997-09-30" : "1997-09-29";
    expect(e.message).toBe(`the end of the holdout (${endText}) must come after the calibration end (1997-09-30)`);
    expect(errorText("zh-CN", e.key!, e.params)).toBe(`验证期结束日（${endText}）必须晚于校准期结束日（1997-09-30）`);
  });
  it("a day later is a holdout of one day (1/7 week)", () => {
    const h = holdoutFromTransactions(table, cal, cal + 1, "weeks");
    expect(h.holdoutLength).toBeCloseTo(1 / 7, 12);
  });
});
