// The registry of count models (src/core/clv/models.ts): each entry must be the model it is named
// for — its label and parameter names as the papers spell them (BG/NBD: Fader, Hardie & Lee 2005;
// MBG/NBD: Batislam, Denizel & Filiztekin 2007; Pareto/NBD: Schmittlein, Morrison & Colombo 1987)
// and every method the very function of that model's module (whose values the model tests pin to
// published figures and lifetimes), with its arguments in order. The parameter sets are the CDNOW
// fits (weeks) of docs/models/; the customer (x 2, t_x 30.43, T 38.86) is FHL 2005's example.
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import * as paretonbd from "../../../src/core/clv/paretonbd";
import { COUNT_MODEL_IDS, MODEL_CHOICES, countModel, parseModelChoice, type CountParams } from "../../../src/core/clv/models";
import { ErrorCodes } from "../../../src/core";
import { thrown } from "../../support/thrown";

const bg = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const pareto = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

// each module's functions, to compare the registry's entries with
const modules = {
  bgnbd: { mod: bgnbd, p: bg, label: "BG/NBD", names: ["r", "alpha", "a", "b"] },
  mbgnbd: { mod: mbgnbd, p: mbg, label: "MBG/NBD", names: ["r", "alpha", "a", "b"] },
  paretonbd: { mod: paretonbd, p: pareto, label: "Pareto/NBD", names: ["r", "alpha", "s", "beta"] },
} as const;

// distinct arguments, so that a swapped or dropped one changes the value
const [x, tx, T, t, n] = [2, 30.43, 38.86, 39, 3];
// a small summary every model fits: 10 customers, 7 histories, 6 repeat buyers
const small = {
  frequency: [0, 1, 2, 0, 3, 1, 5, 0, 2, 1],
  recency: [0, 10.5, 20, 0, 30.1, 5.2, 36, 0, 12.4, 30],
  T: [38.86, 38.86, 38.86, 38.86, 38.86, 38.86, 38.86, 30, 38.86, 38.86],
};

describe("the count-model registry", () => {
  it("lists bgnbd, mbgnbd, paretonbd in that order, and auto first among the choices", () => {
    expect(COUNT_MODEL_IDS).toEqual(["bgnbd", "mbgnbd", "paretonbd"]);
    expect(MODEL_CHOICES).toEqual(["auto", "bgnbd", "mbgnbd", "paretonbd"]);
  });

  for (const id of COUNT_MODEL_IDS) {
    const { mod, p, label, names } = modules[id];
    const params = p as unknown as CountParams;
    it(`${id}: its id, label and parameter names, and each method is ${label}'s own, arguments in order`, () => {
      const m = countModel(id);
      expect(m.id).toBe(id);
      expect(m.label).toBe(label);
      expect(m.paramNames).toEqual(names);
      const f = mod as unknown as Record<string, (...args: unknown[]) => number>;
      expect(m.logLikelihood(params, x, tx, T)).toBe(f.logLikelihood(p, x, tx, T));
      expect(m.probabilityAlive(params, x, tx, T)).toBe(f.probabilityAlive(p, x, tx, T));
      expect(m.expectedPurchases(params, t, x, tx, T)).toBe(f.expectedPurchases(p, t, x, tx, T));
      expect(m.expectedPurchasesUnconditional(params, t)).toBe(f.expectedPurchasesUnconditional(p, t));
      expect(m.probabilityOfPurchases(params, t, n)).toBe(f.probabilityOfPurchases(p, t, n));
      // many customers: the one-customer P(alive) of each (Pareto/NBD's fast path agrees to 1e-12)
      const many = m.probabilityAliveMany(params, [0, 2, 5], [0, 30.43, 20], [38.86, 38.86, 30]);
      expect(many).toBeInstanceOf(Float64Array);
      expect(many).toHaveLength(3);
      const one = [f.probabilityAlive(p, 0, 0, 38.86), f.probabilityAlive(p, 2, 30.43, 38.86), f.probabilityAlive(p, 5, 20, 30)];
      for (let i = 0; i < 3; i++) expect(Math.abs(many[i] - one[i])).toBeLessThan(1e-12);
      // the fit: the same estimates and log-likelihood as the module's own fit
      const fit = m.fit(small, { maxIterations: 200 });
      const own = (mod as unknown as { fit: (d: typeof small, o: object) => { params: object; logLikelihood: number } }).fit(small, { maxIterations: 200 });
      expect(fit.params).toEqual(own.params);
      expect(fit.logLikelihood).toBe(own.logLikelihood);
    });
  }

  it("refuses any other name, auto included, naming the three models", () => {
    for (const bad of ["auto", "BGNBD", "bgbb", ""]) {
      const c = thrown(() => countModel(bad));
      expect(c.code).toBe(ErrorCodes.OutOfRange);
      expect(c.key).toBe("arg.notChoice");
      expect(c.params).toEqual({ arg: "model", choices: "bgnbd, mbgnbd, paretonbd", got: JSON.stringify(bad) });
      expect(c.where).toEqual({ argument: "model" });
    }
  });

  it("parseModelChoice ignores case and surrounding spaces; refuses the rest naming the argument and the four choices", () => {
    expect(parseModelChoice(" Auto ")).toBe("auto");
    expect(parseModelChoice("ParetoNBD")).toBe("paretonbd");
    expect(parseModelChoice("mbgnbd")).toBe("mbgnbd");
    for (const [bad, arg] of [["bg/nbd", "model"], [3, "countModel"], [null, "model"]] as const) {
      const c = thrown(() => (arg === "model" ? parseModelChoice(bad) : parseModelChoice(bad, arg)));
      expect(c.code).toBe(ErrorCodes.OutOfRange);
      expect(c.key).toBe("arg.notChoice");
      expect(c.params).toEqual({ arg, choices: "auto, bgnbd, mbgnbd, paretonbd", got: JSON.stringify(bad) });
      expect(c.where).toEqual({ argument: arg });
    }
  });
});
