/**
 * describeChoice's holdout reasons (src/core/clv/model-choice.ts, docs/models/choice.md §4) on
 * hand-made comparisons, where CDNOW's own holdout (every model biased) does not reach: a chosen
 * model within chance beside a fair one and a biased one closer per customer; the only fair model
 * beside a biased one farther per customer; and the edges (a total error exactly at its tolerance
 * is chance; a biased model exactly as close per customer is not "closer"). Texts worked by hand
 * from the templates in src/core/i18n/message-texts/choice.ts; actual total 1,000 each time.
 */
import { describeChoice, type ModelComparison, type ModelComparisonRow } from "../../../src/core/clv/model-choice";

type Id = "bgnbd" | "mbgnbd" | "paretonbd";
const labels: Record<Id, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", paretonbd: "Pareto/NBD" };
const row = (model: Id, mae: number, totalPredicted: number, totalTolerance: number): ModelComparisonRow => ({
  model, label: labels[model], params: {}, logLikelihood: -100, aic: 208, bic: 210, converged: true, chosen: false,
  holdout: { mae, totalPredicted, totalActual: 1000, totalError: (totalPredicted - 1000) / 1000, totalTolerance },
});
const comparison = (chosen: Id, rows: ModelComparisonRow[], biased: Id[], holdoutLength: number, unit: "weeks" | null): ModelComparison =>
  ({ chosen, rule: "holdout", rows, fits: {}, tied: [chosen], biased, holdoutLength, unit });

describe("describeChoice with a holdout, on hand-made rows", () => {
  it("the chosen model within chance, a fair one farther per customer, a biased one closer", () => {
    // BG/NBD −5 % within ±8 %, MAE 0.6; MBG/NBD +2 %, MAE 0.65 (fair); Pareto/NBD −12 %, MAE 0.55 (biased, closer)
    const c = comparison("bgnbd", [row("bgnbd", 0.6, 950, 0.08), row("mbgnbd", 0.65, 1020, 0.08), row("paretonbd", 0.55, 880, 0.08)], ["paretonbd"], 39, "weeks");
    expect(describeChoice(c, "en-US")).toBe(
      "BG/NBD was chosen: on the holdout (39 weeks) its predictions were closest per customer (mean error 0.6 purchases vs 0.65 for MBG/NBD); " +
        "its predicted total was 950 repeat purchases against 1000 actual (−5.0%); " +
        "Pareto/NBD was set aside though closer per customer (mean error 0.55): it missed the holdout total by −12.0%, more than chance explains (±8.0%), and the error per customer favours a model that predicts too little for everyone",
    );
    expect(describeChoice(c, "zh-CN")).toBe(
      "选择 BG/NBD：在验证期（39 周）内，它对每位客户的预测最接近实际（平均误差 0.6 次购买，而 MBG/NBD 为 0.65）；" +
        "它预测的重复购买总数为 950 次，实际为 1000 次（−5.0%）；" +
        "Pareto/NBD 对每位客户的误差虽然更小（平均误差 0.55），但未予考虑：它预测的验证期总数偏差 −12.0%，超出随机波动（±8.0%），而按每位客户的误差评判会偏向对所有人都预测偏少的模型",
    );
  });

  it("the only fair model, with a biased one farther per customer and one closer; no unit given", () => {
    // MBG/NBD +2 % within ±10 %; BG/NBD +15 % (MAE 0.7 > 0.65); Pareto/NBD −15 % (MAE 0.55 < 0.65)
    const c = comparison("mbgnbd", [row("bgnbd", 0.7, 1150, 0.1), row("mbgnbd", 0.65, 1020, 0.1), row("paretonbd", 0.55, 850, 0.1)], ["bgnbd", "paretonbd"], 12.5, null);
    expect(describeChoice(c, "en-US")).toBe(
      "MBG/NBD was chosen: on the holdout (12.5 time units) it was the only model whose total was within chance of the actual; " +
        "its predicted total was 1020 repeat purchases against 1000 actual (+2.0%); " +
        "BG/NBD was set aside: it missed the holdout total by +15.0%, more than chance explains (±10.0%); " +
        "Pareto/NBD was set aside though closer per customer (mean error 0.55): it missed the holdout total by −15.0%, more than chance explains (±10.0%), and the error per customer favours a model that predicts too little for everyone",
    );
  });

  it("a total error exactly at its tolerance is chance, and a biased model exactly as close per customer is not closer", () => {
    // Pareto/NBD +10 % against ±10 %: within chance (|error| ≤ tolerance), so not "every model missed";
    // BG/NBD −20 % with the same MAE 0.5: set aside, not "though closer"
    const c = comparison("paretonbd", [row("bgnbd", 0.5, 800, 0.1), row("paretonbd", 0.5, 1100, 0.1)], ["bgnbd"], 39, "weeks");
    expect(describeChoice(c, "en-US")).toBe(
      "Pareto/NBD was chosen: on the holdout (39 weeks) it was the only model whose total was within chance of the actual; " +
        "its predicted total was 1100 repeat purchases against 1000 actual (+10.0%); " +
        "BG/NBD was set aside: it missed the holdout total by −20.0%, more than chance explains (±10.0%)",
    );
  });
});
