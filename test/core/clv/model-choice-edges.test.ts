/**
 * The model choice (src/core/clv/model-choice.ts, docs/models/choice.md) where the CDNOW checks of
 * ./model-choice.test.ts do not reach: grouped summaries (weights), a holdout in which nobody
 * buys, the likelihood tie exactly at its width, the reasons when only one model is left to
 * compare, a failed fit without a message key, a three-model list in both languages, and the
 * error details. Expected texts are worked by hand from the templates in
 * src/core/i18n/message-texts/choice.ts; expected numbers from sums written out in the tests.
 */
import { compareModels, describeChoice, LIKELIHOOD_TIE, TIE_PREFERENCE, type ModelComparison, type ModelComparisonRow } from "../../../src/core/clv/model-choice";
import { countModel } from "../../../src/core/clv/models";
import { CvaError, ErrorCodes } from "../../../src/core/errors";
import { thrown } from "../../support/thrown";
import { cdnowFromTransactions, cdnowSummary } from "./cdnow";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("compareModels on weighted (grouped) summaries", () => {
  it("each row weighted 2 gives the comparison of the data written out twice: log-likelihoods, holdout errors and totals", () => {
    const full = cdnowFromTransactions();
    const n = full.frequency.length;
    const twice = (a: ArrayLike<number>) => [...Array.from(a), ...Array.from(a)];
    const holdout = { holdoutPurchases: full.holdout, holdoutLength: 39 };
    const models = ["bgnbd", "mbgnbd"] as const;
    const weighted = compareModels({ frequency: full.frequency, recency: full.recency, T: full.T, weights: new Array(n).fill(2) }, { models, holdout });
    const doubled = compareModels(
      { frequency: twice(full.frequency), recency: twice(full.recency), T: twice(full.T) },
      { models, holdout: { holdoutPurchases: twice(full.holdout), holdoutLength: 39 } },
    );
    for (let k = 0; k < models.length; k++) {
      const w = weighted.rows[k], d = doubled.rows[k];
      // the same likelihood, so the same optimum (to the optimiser's tolerance) and twice CDNOW's ln L
      expect(rel(w.logLikelihood!, d.logLikelihood!)).toBeLessThan(1e-9);
      const h = w.holdout!, hd = d.holdout!;
      expect(h.totalActual).toBe(2 * 1882);
      expect(hd.totalActual).toBe(2 * 1882);
      expect(rel(h.totalPredicted, hd.totalPredicted)).toBeLessThan(1e-6);
      expect(rel(h.mae, hd.mae)).toBeLessThan(1e-6);
      expect(rel(h.totalTolerance, hd.totalTolerance)).toBeLessThan(1e-6);
    }
    // BG/NBD on CDNOW written out twice: twice the published −9582.43 (FHL 2005)
    expect(Math.abs(weighted.rows[0].logLikelihood! - 2 * -9582.43)).toBeLessThan(0.02);
  });
});

describe("compareModels' holdout figures at their edges", () => {
  it("a holdout in which nobody buys: the total error is the predicted total itself (scale 1), the band 2·√Σe²", () => {
    const summary = cdnowSummary();
    const zeros = new Array(summary.frequency.length).fill(0);
    const c = compareModels(summary, { models: ["bgnbd"], holdout: { holdoutPurchases: zeros, holdoutLength: 39 } });
    const row = c.rows[0];
    const model = countModel("bgnbd");
    let predicted = 0, sq = 0;
    for (let i = 0; i < zeros.length; i++) {
      const e = model.expectedPurchases(row.params!, 39, summary.frequency[i], summary.recency[i], summary.T[i]);
      predicted += e;
      sq += e * e;
    }
    const h = row.holdout!;
    expect(h.totalActual).toBe(0);
    expect(rel(h.totalPredicted, predicted)).toBeLessThan(1e-12);
    expect(rel(h.mae, predicted / zeros.length)).toBeLessThan(1e-12);
    expect(rel(h.totalError, predicted)).toBeLessThan(1e-12);
    expect(rel(h.totalTolerance, 2 * Math.sqrt(sq))).toBeLessThan(1e-12);
  });

  it("a holdout count that is not a finite number ≥ 0 names its row, column and value", () => {
    const summary = cdnowSummary();
    for (const bad of [-1, Infinity, NaN]) {
      const counts = new Array(summary.frequency.length).fill(0);
      counts[6] = bad;
      const e = thrown(() => compareModels(summary, { holdout: { holdoutPurchases: counts, holdoutLength: 39 } }));
      expect(e.code).toBe(ErrorCodes.OutOfRange);
      expect(e.key).toBe("history.negativeAt");
      expect(e.params).toEqual({ row: 7, arg: "holdoutPurchases", got: String(bad) });
      expect(e.where).toEqual({ row: 7, column: "holdoutPurchases" });
    }
  });

  it("the holdout length and an empty model list name their argument", () => {
    const summary = cdnowSummary();
    const e = thrown(() => compareModels(summary, { holdout: { holdoutPurchases: [], holdoutLength: -2 } }));
    expect(e.params).toMatchObject({ arg: "holdoutLength", min: 0, got: -2 });
    expect(e.where).toEqual({ argument: "holdoutLength" });
    const none = thrown(() => compareModels(summary, { models: [] }));
    expect(none.code).toBe(ErrorCodes.Missing);
    expect(none.params).toEqual({ choices: "bgnbd, mbgnbd, paretonbd" });
    expect(none.where).toEqual({ argument: "models" });
  });
});

describe("compareModels' likelihood tie at its width", () => {
  afterEach(() => jest.restoreAllMocks());

  /** The real fits with their log-likelihoods set: BG/NBD at −9000, MBG/NBD `below` lower. */
  const withLikelihoods = (below: number) => {
    const summary = cdnowSummary();
    const bg = countModel("bgnbd").fit, mbg = countModel("mbgnbd").fit;
    jest.spyOn(countModel("bgnbd"), "fit").mockImplementation((d, o) => ({ ...bg(d, o), logLikelihood: -9000 }));
    jest.spyOn(countModel("mbgnbd"), "fit").mockImplementation((d, o) => ({ ...mbg(d, o), logLikelihood: -9000 - below }));
    return compareModels(summary, { models: ["bgnbd", "mbgnbd"] });
  };

  it("exactly LIKELIHOOD_TIE apart is not a tie: the higher likelihood wins alone", () => {
    expect(LIKELIHOOD_TIE).toBe(1);
    const c = withLikelihoods(1);
    expect(c.chosen).toBe("bgnbd");
    expect(c.tied).toEqual(["bgnbd"]);
  });

  it("a tie of MBG/NBD and Pareto/NBD is decided for MBG/NBD, in the documented order of preference", () => {
    expect(TIE_PREFERENCE).toEqual(["mbgnbd", "paretonbd", "bgnbd"]);
    const summary = cdnowSummary();
    const mbg = countModel("mbgnbd").fit, pnbd = countModel("paretonbd").fit;
    jest.spyOn(countModel("mbgnbd"), "fit").mockImplementation((d, o) => ({ ...mbg(d, o), logLikelihood: -9000.5 }));
    jest.spyOn(countModel("paretonbd"), "fit").mockImplementation((d, o) => ({ ...pnbd(d, o), logLikelihood: -9000 }));
    // Pareto/NBD last, so that taking the last of the tied rows would be wrong
    const c = compareModels(summary, { models: ["mbgnbd", "paretonbd"] });
    expect(c.tied).toEqual(["mbgnbd", "paretonbd"]);
    expect(c.chosen).toBe("mbgnbd");
  });

  it("just inside the width is a tie, decided for MBG/NBD", () => {
    const c = withLikelihoods(0.999);
    expect(c.chosen).toBe("mbgnbd");
    expect(c.tied).toEqual(["bgnbd", "mbgnbd"]);
    expect(c.rows.map((r) => r.chosen)).toEqual([false, true]);
  });
});

describe("describeChoice when one model is left", () => {
  afterEach(() => jest.restoreAllMocks());

  it("the other fit failed: the only model, then why the other could not be fitted; the failed one is not 'set aside'", () => {
    jest.spyOn(countModel("paretonbd"), "fit").mockImplementation(() => {
      throw CvaError.keyed(ErrorCodes.DegenerateData, "fit.notFinite");
    });
    const c = compareModels(cdnowSummary(), { models: ["bgnbd", "paretonbd"] });
    expect(c.chosen).toBe("bgnbd");
    expect(describeChoice(c, "en-US")).toBe(
      "BG/NBD was used: it was the only model that could be fitted; Pareto/NBD could not be fitted (the log-likelihood is not finite at any starting point)",
    );
  });

  it("the other did not converge: the only model, and the other set aside", () => {
    const real = countModel("paretonbd").fit;
    jest.spyOn(countModel("paretonbd"), "fit").mockImplementation((d, o) => ({ ...real(d, o), converged: false }));
    const c = compareModels(cdnowSummary(), { models: ["bgnbd", "paretonbd"] });
    expect(c.chosen).toBe("bgnbd");
    expect(describeChoice(c, "en-US")).toBe("BG/NBD was used: it was the only model that could be fitted; Pareto/NBD did not converge and was set aside");
  });

  it("a failed fit whose error has no key: its row has no key and the reason is its message", () => {
    jest.spyOn(countModel("mbgnbd"), "fit").mockImplementation(() => {
      throw new CvaError(ErrorCodes.DegenerateData, "the data ran out");
    });
    const c = compareModels(cdnowSummary(), { models: ["bgnbd", "mbgnbd"] });
    const row = c.rows[1];
    expect(row.errorMessage).toBe("the data ran out");
    expect("errorKey" in row).toBe(false);
    expect("errorParams" in row).toBe(false);
    expect(describeChoice(c, "en-US")).toBe("BG/NBD was used: it was the only model that could be fitted; MBG/NBD could not be fitted (the data ran out)");
    // without a message at all, an empty reason
    delete row.errorMessage;
    expect(describeChoice(c, "en-US")).toMatch(/; MBG\/NBD could not be fitted \(\)$/);
  });

  it("no model converged and the other fit failed: the only model, not converged, and why the other could not be fitted", () => {
    jest.spyOn(countModel("mbgnbd"), "fit").mockImplementation(() => {
      throw CvaError.keyed(ErrorCodes.DegenerateData, "fit.notFinite");
    });
    const c = compareModels(cdnowSummary(), { models: ["bgnbd", "mbgnbd"], maxIterations: 1 });
    expect(c.rows[0].converged).toBe(false);
    expect(describeChoice(c, "en-US")).toBe(
      "BG/NBD was used: it was the only model that could be fitted; no model converged, so BG/NBD was chosen among fits that did not converge; MBG/NBD could not be fitted (the log-likelihood is not finite at any starting point)",
    );
  });

  it("no model converged: names the chosen one among the fits that did not", () => {
    const c = compareModels(cdnowSummary(), { models: ["bgnbd", "paretonbd"], maxIterations: 1 });
    expect(describeChoice(c, "en-US")).toMatch(new RegExp(`; no model converged, so ${c.rows.find((r) => r.chosen)!.label.replace("/", "\\/")} was chosen among fits that did not converge$`));
  });
});

describe("describeChoice's lists and numbers", () => {
  type Id = "bgnbd" | "mbgnbd" | "paretonbd";
  const labels: Record<Id, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", paretonbd: "Pareto/NBD" };
  const row = (model: Id, ll: number): ModelComparisonRow => ({ model, label: labels[model], params: {}, logLikelihood: ll, aic: 8 - 2 * ll, bic: 30 - 2 * ll, converged: true, chosen: false });

  it("a three-way tie lists the models with commas and 'and' (en-US), with 、 and 和 (zh-CN)", () => {
    const rows = [row("bgnbd", -100.2), row("mbgnbd", -100.1), row("paretonbd", -100.5)];
    const c: ModelComparison = { chosen: "mbgnbd", rule: "bic", rows, fits: {}, tied: ["bgnbd", "mbgnbd", "paretonbd"], biased: [], holdoutLength: null, unit: null };
    expect(describeChoice(c, "en-US")).toBe(
      "MBG/NBD was chosen: the log-likelihoods of BG/NBD, MBG/NBD and Pareto/NBD differ by less than 1 (−100.2 for BG/NBD, −100.1 for MBG/NBD and −100.5 for Pareto/NBD), which is no evidence for either (a BIC difference below 2), and on such a tie MBG/NBD is preferred: unlike BG/NBD it does not take a customer without repeat purchases to be alive for sure",
    );
    expect(describeChoice(c, "zh-CN")).toBe(
      "选择 MBG/NBD：BG/NBD、MBG/NBD 和 Pareto/NBD 的对数似然相差不到 1（BG/NBD 为 −100.2、MBG/NBD 为 −100.1 和 Pareto/NBD 为 −100.5），不足以区分（BIC 相差小于 2），这时优先选择 MBG/NBD：与 BG/NBD 不同，它不把没有重复购买的客户当作一定存活",
    );
  });

  it("a holdout total exactly on target is 0.0% without a sign", () => {
    const h = { mae: 0.5, totalPredicted: 1000, totalActual: 1000, totalError: 0, totalTolerance: 0.1 };
    const rows: ModelComparisonRow[] = [{ ...row("bgnbd", -100), holdout: h }, { ...row("mbgnbd", -100), holdout: { ...h, mae: 0.6, totalPredicted: 1010, totalError: 0.01 } }];
    const c: ModelComparison = { chosen: "bgnbd", rule: "holdout", rows, fits: {}, tied: ["bgnbd"], biased: [], holdoutLength: 39, unit: "weeks" };
    expect(describeChoice(c, "en-US")).toBe(
      "BG/NBD was chosen: on the holdout (39 weeks) its predictions were closest per customer (mean error 0.5 purchases vs 0.6 for MBG/NBD); its predicted total was 1000 repeat purchases against 1000 actual (0.0%)",
    );
  });
});
