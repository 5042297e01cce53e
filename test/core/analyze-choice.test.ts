// analyze with a named count model or auto (src/core/analyze/lifetime-model.ts): the report's
// model parts — which model, the comparison and why, the fit checks and the 12-month forecast of
// the whole base — each equal to the core function called directly on the same customers.
import { analyze, compareModels, countModel, describeChoice, fitChecks, forecastBase, predictBtyd } from "../../src/core";
import { cdnowTransactions } from "./clv/cdnow";

const transactions = cdnowTransactions();

// One test: what it checks is computed inside it, so that mutation testing credits the test
// that reaches the code (work outside a test counts as reached by none; docs/testing.md).
test("analyze's lifetime.model on CDNOW: auto's choice and why, the chosen model's checks and forecast, a named model", () => {
  const auto = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", lang: "zh-CN", lifetime: { model: "auto", margin: 0.3 } });
  const m = auto.report.model;
  const summaries = auto.customers.map((c) => c.summary);
  const columns = { frequency: summaries.map((s) => s.frequency), recency: summaries.map((s) => s.recency), T: summaries.map((s) => s.T) };

  // Auto: MBG/NBD on CDNOW, the comparison of compareModels, and why in the report's language.
  {
    const c = compareModels(columns, { unit: "weeks" });
    expect(m.countModel).toBe("mbgnbd");
    expect(m.comparison!.chosen).toBe("mbgnbd");
    expect(m.comparison!.rows.map((r) => r.bic)).toEqual(c.rows.map((r) => r.bic));
    expect(m.choiceText).toBe(describeChoice(c, "zh-CN"));
    expect(m.note).toMatch(/^MBG\/NBD（2357 位客户）：r /);
  }

  // The fit checks and the forecast are those of the chosen model at its fit.
  {
    const direct = predictBtyd(summaries, { unit: "weeks", model: "mbgnbd", margin: 0.3 });
    if (!direct.fitted) throw new Error(direct.note);
    expect(m.checks).toEqual(fitChecks(countModel("mbgnbd"), direct.fit.params, columns, "weeks"));
    const f = forecastBase(countModel("mbgnbd"), direct.fit.params, columns, direct.expectedValue, { periods: 12, periodLength: 365.25 / 12 / 7, discount: 0.01, margin: 0.3, unit: "weeks" });
    expect(m.forecast).toEqual(f);
    expect(m.forecast!.rows).toHaveLength(12);
    // the CLV total of the base is the forecast's discounted total (the same months and discount)
    const clvTotal = auto.customers.reduce((a, c) => a + (c.clv ?? 0), 0);
    expect(m.forecast!.discounted).toBeCloseTo(clvTotal, 6);
  }

  // A named model has no comparison and no choice text; the default stays BG/NBD.
  {
    const named = analyze({ transactions }, { end: "1997-09-30", unit: "weeks", lifetime: { model: "paretonbd" } }).report.model;
    expect(named.countModel).toBe("paretonbd");
    expect(named.comparison).toBeNull();
    expect(named.choiceText).toBeNull();
    expect(named.checks!.model).toBe("paretonbd");
    const dflt = analyze({ transactions }, { end: "1997-09-30", unit: "weeks" }).report.model;
    expect(dflt.countModel).toBe("bgnbd");
  }
});
