/**
 * predictBtyd's edges (src/core/clv/btyd-predict.ts): auto passes the options to the comparison
 * (a penalty reaches every model's fit), an error that is not about degenerate data is thrown, not
 * turned into a fallback, and the note's warnings for a fit that did not converge or is weakly
 * identified, with the fit's own message when it has no key, in both languages.
 */
import { compareModels, countModel, describeBtyd, predictBtyd } from "../../../src/core";
import { thrown } from "../../support/thrown";
import { fitted } from "../../support/fitted";
import { cdnowRows, cdnowSummary } from "./cdnow";

const s = cdnowSummary();
const rows = cdnowRows(s);

describe("predictBtyd's edges", () => {
  it("auto compares the models with the options given: a penalty reaches each fit", () => {
    const r = fitted(predictBtyd(rows, { unit: "weeks", model: "auto", penalizer: 0.001 }));
    const c = compareModels(s, { unit: "weeks", penalizer: 0.001 });
    expect(r.model).toBe(c.chosen);
    expect(r.fit.params).toEqual(countModel(c.chosen).fit(s, { penalizer: 0.001 }).params);
    // and the penalised fit is not the plain one (alpha moves by more than the fit's tolerance)
    const plain = countModel(c.chosen).fit(s).params;
    expect(Math.abs(r.fit.params.alpha - plain.alpha) / plain.alpha).toBeGreaterThan(1e-3);
  });

  it("a bad row is an error naming it, not a fallback", () => {
    const bad = rows.map((c, i) => (i === 4 ? { ...c, recency: c.T + 10 } : c));
    for (const model of ["bgnbd", "auto"] as const) {
      const e = thrown(() => predictBtyd(bad, { unit: "weeks", model }));
      expect(e.message).toMatch(/row 5/);
      expect(e.message).toMatch(/recency/);
    }
  });

  it("the note warns of a fit that did not converge and notes a weakly identified one, with the fit's message", () => {
    const r = fitted(predictBtyd(rows, { unit: "weeks" }));
    const plainFit = { ...r.fit, messageKey: undefined, messageParams: undefined };
    const weak = describeBtyd({ ...r, fit: { ...plainFit, converged: true, message: "alpha sits at its bound" } }, "en-US");
    expect(weak).toContain("; note: BG/NBD alpha sits at its bound; Gamma-Gamma on 946 repeat buyers");
    expect(weak).not.toContain("did not converge");
    const stuck = describeBtyd({ ...r, fit: { ...plainFit, converged: false, message: "the iteration limit was reached" } }, "en-US");
    expect(stuck).toContain("; warning: BG/NBD did not converge (the iteration limit was reached); Gamma-Gamma");
    expect(describeBtyd({ ...r, fit: { ...plainFit, converged: false, message: "x" } }, "zh-CN")).toContain("警告：BG/NBD 未收敛（x）");
    // A converged fit with no message: neither.
    const clean = describeBtyd({ ...r, fit: { ...plainFit, converged: true, message: undefined } }, "en-US");
    expect(clean).not.toMatch(/note:|warning:/);
  });

  it("a penalty that pulls Gamma-Gamma's q to 1 or below: each repeat buyer's own mean spend, the repeat buyers' mean for the others, and the note says both", () => {
    const r = fitted(predictBtyd(rows, { unit: "weeks", penalizer: 0.01 }));
    expect(r.gammagamma).toBeNull();
    expect(r.spendNoteKey).toBe("spend.qAtMostOne");
    let sum = 0, count = 0;
    for (let i = 0; i < s.frequency.length; i++) {
      if (s.frequency[i] > 0) {
        sum += s.monetary[i];
        count++;
      }
    }
    expect(count).toBe(946);
    for (let i = 0; i < s.frequency.length; i++) expect(r.expectedValue[i]).toBe(s.frequency[i] > 0 ? s.monetary[i] : sum / count);
    expect(r.note).toContain("; fitted with an L2 penalty 0.01 on the parameters (penalizer_coef as in lifetimes), not plain maximum likelihood; ");
    expect(r.note).toMatch(/Gamma-Gamma not used \(the spend model \(Gamma-Gamma\) gives q = 0\.9\d+, at most 1: its mean spend is infinite\)/);
    expect(describeBtyd(fitted(predictBtyd(rows, { unit: "weeks" })), "en-US")).not.toContain("penalty");
  });

  it("a lifetime value past the largest number is an error, never Infinity in a column", () => {
    // A frequent, recent buyer (13 repeat purchases, the last 0.14 weeks before the end) spending
    // 1e307 a purchase expects more than 18 purchases in ten years: 1e307 × 18 overflows.
    const i = 147;
    expect(rows[i]).toEqual({ frequency: 13, recency: 37.86, T: 38, monetary: 29.34 });
    const big = rows.map((c, k) => (k === i ? { ...c, monetary: 1e307 } : c));
    const e = thrown(() => predictBtyd(big, { unit: "weeks", horizonMonths: 120 }));
    expect(e.key).toBe("result.notFinite");
    expect(e.params).toEqual({ got: "Infinity" });
    // 1e306 stays finite: the same customer's CLV is then about 2.9e307
    const r = fitted(predictBtyd(rows.map((c, k) => (k === i ? { ...c, monetary: 1e306 } : c)), { unit: "weeks", horizonMonths: 120 }));
    expect(r.clv[i]).toBeGreaterThan(1e307);
    expect(Number.isFinite(r.clv[i])).toBe(true);
  });
});

