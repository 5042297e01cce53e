/**
 * predictBtyd with a named model or auto (src/core/clv/btyd-predict.ts): the fit is the model's
 * own, scoring uses it, auto carries its comparison, the note names the model and its parameters
 * in both languages, and a bad model name is a keyed error.
 */
import { countModel, compareModels, describeBtyd, predictBtyd, scoreCountModel } from "../../../src/core";
import { thrown } from "../../support/thrown";
import { fitted } from "../../support/fitted";
import { cdnowRows, cdnowSummary } from "./cdnow";

const s = cdnowSummary();
const rows = cdnowRows(s);

describe("predictBtyd({ model })", () => {
  it("defaults to BG/NBD, with no comparison", () => {
    const r = fitted(predictBtyd(rows, { unit: "weeks" }));
    expect(r.model).toBe("bgnbd");
    expect(r.comparison).toBeNull();
    expect(r.fit.params).toEqual(countModel("bgnbd").fit(s).params);
  });

  it.each(["mbgnbd", "paretonbd"] as const)("%s: its own fit, and the scores of scoreCountModel at it", (id) => {
    const r = fitted(predictBtyd(rows, { unit: "weeks", model: id }));
    expect(r.model).toBe(id);
    expect(r.fit.params).toEqual(countModel(id).fit(s).params);
    const direct = scoreCountModel(id, r.fit.params, r.gammagamma!.params, s, { unit: "weeks" });
    expect(Array.from(r.clv)).toEqual(Array.from(direct.clv));
    expect(Array.from(r.pAlive)).toEqual(Array.from(direct.pAlive));
    // a one-time buyer is not alive for sure under these models (BG/NBD would say 1)
    expect(r.pAlive[s.frequency.indexOf(0)]).toBeLessThan(1);
  });

  it("auto: the comparison's choice (MBG/NBD on CDNOW), its fit, and the comparison kept", () => {
    const r = fitted(predictBtyd(rows, { unit: "weeks", model: "auto" }));
    const c = compareModels(s, { unit: "weeks" });
    expect(r.model).toBe("mbgnbd");
    expect(r.comparison!.chosen).toBe(c.chosen);
    expect(r.comparison!.rows.map((x) => x.logLikelihood)).toEqual(c.rows.map((x) => x.logLikelihood));
    expect(r.fit).toBe(r.comparison!.fits.mbgnbd);
  });

  it("the note names the model and its parameters, in both languages", () => {
    const r = fitted(predictBtyd(rows, { unit: "weeks", model: "paretonbd" }));
    const p = r.fit.params;
    const f = (v: number) => Number(v.toPrecision(4)).toString();
    expect(describeBtyd(r, "en-US")).toMatch(new RegExp(`^Pareto/NBD on 2357 customers: r ${f(p.r)}, alpha ${f(p.alpha)}, s ${f(p.s)}, beta ${f(p.beta)}; Gamma-Gamma on 946 repeat buyers`));
    expect(describeBtyd(r, "zh-CN")).toMatch(new RegExp(`^Pareto/NBD（2357 位客户）：r ${f(p.r)}，alpha ${f(p.alpha)}，s ${f(p.s)}，beta ${f(p.beta)}；`));
  });

  it("an unknown model is a keyed error naming the choices", () => {
    const e = thrown(() => predictBtyd(rows, { unit: "weeks", model: "bgbb" as "auto" }));
    expect(e.key).toBe("arg.notChoice");
    expect(e.message).toContain("auto, bgnbd, mbgnbd, paretonbd");
  });
});
