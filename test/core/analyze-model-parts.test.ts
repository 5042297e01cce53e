// A part of the model's report that cannot be computed (fit checks, forecast, new customer) is
// left out with a warning naming it and the reason in the report's language, never silently
// (docs/architecture.md §9). The failure is planted by making the core's forecast throw the
// CvaError it throws for bad input.
import { analyze, CvaError, ErrorCodes } from "../../src/core";
import * as forecast from "../../src/core/clv/forecast";
import { cdnowTransactions } from "./clv/cdnow";

afterEach(() => jest.restoreAllMocks());

it.each([
  ["en-US", "The forecast of today's customers could not be computed and is left out of the report: planted", "The what-if table of the CVA Model sheet could not be computed and is left out of the report: planted"],
  ["zh-CN", "现有客户的预测无法计算，报告中未包含：planted", "“生命周期模型”工作表的假设分析表无法计算，报告中未包含：planted"],
] as const)("a forecast that fails is left out with a warning, and so is the what-if table built on it (%s)", (lang, text, whatIf) => {
  jest.spyOn(forecast, "forecastBase").mockImplementation(() => {
    throw new CvaError(ErrorCodes.OutOfRange, "planted");
  });
  const { report } = analyze({ transactions: cdnowTransactions() }, { end: "1997-09-30", unit: "weeks", lang });
  expect(report.model.fitted).toBe(true);
  expect(report.model.forecast).toBeNull();
  // The other parts are still there.
  expect(report.model.checks).not.toBeNull();
  expect(report.model.newCustomer).not.toBeNull();
  const left = report.warnings.filter((w) => w.key === "model.partLeftOut");
  // The what-if table sums the base's revenue by month, which is the forecast: it goes too, and says so.
  expect(report.model.live ?? null).toBeNull();
  expect(left.map((w) => w.text).sort()).toEqual([text, whatIf].sort());
});

it("without a failure no part is left out", () => {
  const { report } = analyze({ transactions: cdnowTransactions() }, { end: "1997-09-30", unit: "weeks" });
  expect(report.model.forecast).not.toBeNull();
  expect(report.warnings.filter((w) => w.key === "model.partLeftOut")).toEqual([]);
});
