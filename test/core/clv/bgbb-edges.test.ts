// BG/BB (Fader, Hardie & Shang 2010) at its edges: the summed log-likelihood with its analytic
// gradient, the checks of a summary and the fit's refusals. The likelihood's expected values come
// from mpmath at 40 digits, FHS 2010's likelihood written out (not this code) and differentiated
// numerically in θ = ln(α, β, γ, δ):
//   from mpmath import mp, mpf, beta, log, exp, diff; mp.dps = 40
//   L1 = log(beta(a+x,b+n-x)/beta(a,b)*beta(g,d+n)/beta(g,d)
//            + sum(beta(a+x,b+tx-x+i)/beta(a,b)*beta(g+1,d+tx+i)/beta(g,d) for i in range(n-tx)))
//   total(θ) = Σ w·L1 over the rows below; gradient: diff(total, θ_k) for k = 0…3
import { bgbbLogLikelihood, bgbbRows, expectedPurchases, expectedPurchasesUnconditional, fit } from "../../../src/core/clv/bgbb";
import { ErrorCodes } from "../../../src/core";
import { thrown as caught } from "../../support/thrown";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("bgbbLogLikelihood: Σ w ln L and its gradient in ln(α, β, γ, δ)", () => {
  // five histories over 6 opportunities; the weight-0 row must count for nothing
  const rows = bgbbRows({ frequency: [0, 1, 3, 2, 6], recency: [0, 2, 5, 6, 6], periods: [6, 6, 6, 6, 6], weights: [3, 2, 1, 0, 4] });
  const theta = [Math.log(1.204), Math.log(0.75), Math.log(0.657), Math.log(2.783)];

  it("matches mpmath to 1e-12 (value) and 1e-9 (gradient) at the donations estimates", () => {
    const grad = new Float64Array(4);
    expect(rel(bgbbLogLikelihood(rows, theta, grad), -25.02277782061889)).toBeLessThan(1e-12);
    const want = [0.571043232982014, -2.324764869821371, -1.454485567273785, 0.8621822165205556];
    for (let k = 0; k < 4; k++) expect(rel(grad[k], want[k])).toBeLessThan(1e-9);
  });

  it("gives the same value without a gradient", () => {
    expect(rel(bgbbLogLikelihood(rows, theta, null), -25.02277782061889)).toBeLessThan(1e-12);
  });
});

describe("bgbbRows: the checks of a BG/BB summary", () => {
  const ok = { frequency: [0, 1], recency: [0, 1], periods: [6, 6] };

  it("weights default to 1, columns become Float64Arrays", () => {
    const r = bgbbRows(ok);
    expect(Array.from(r.w)).toEqual([1, 1]);
    expect(Array.from(r.x)).toEqual([0, 1]);
    expect(Array.from(r.tx)).toEqual([0, 1]);
    expect(Array.from(r.n)).toEqual([6, 6]);
  });

  it("refuses columns of other lengths than frequency, naming the column", () => {
    for (const [name, bad, count] of [
      ["recency", { ...ok, recency: [0] }, 1],
      ["periods", { ...ok, periods: [6, 6, 6] }, 3],
      ["weights", { ...ok, weights: [1] }, 1],
    ] as const) {
      const e = caught(() => bgbbRows(bad));
      expect(e.code).toBe(ErrorCodes.InconsistentData);
      expect(e.key).toBe("data.lengthMismatch");
      expect(e.params).toEqual({ arg: name, count, otherArg: "frequency", otherCount: 2 });
      expect(e.where).toEqual({ argument: name });
    }
  });

  it("refuses an empty summary", () => {
    const e = caught(() => bgbbRows({ frequency: [], recency: [], periods: [] }));
    expect(e.code).toBe(ErrorCodes.Missing);
    expect(e.key).toBe("data.noCustomers");
  });

  it("refuses a count that is not a whole number ≥ 0, naming row and column", () => {
    for (const [name, data, got] of [
      ["frequency", { ...ok, frequency: [0, 1.5] }, 1.5],
      ["recency", { ...ok, recency: [0, -1] }, -1],
      ["periods", { ...ok, periods: [6, NaN] }, NaN],
    ] as const) {
      const e = caught(() => bgbbRows(data));
      expect(e.code).toBe(ErrorCodes.OutOfRange);
      expect(e.key).toBe("data.notWholeAt");
      expect(e.params).toEqual({ row: 2, arg: name, got });
      expect(e.where).toEqual({ row: 2, column: name });
    }
  });

  it("refuses a negative or infinite weight and accepts 0", () => {
    expect(Array.from(bgbbRows({ ...ok, weights: [0, 2] }).w)).toEqual([0, 2]);
    for (const w of [-1, Infinity, NaN]) {
      const e = caught(() => bgbbRows({ ...ok, weights: [1, w] }));
      expect(e.code).toBe(ErrorCodes.OutOfRange);
      expect(e.key).toBe("history.negativeAt");
      expect(e.params).toEqual({ row: 2, arg: "weights", got: w });
      expect(e.where).toEqual({ row: 2, column: "weights" });
    }
  });

  it("refuses t_x > n, x > t_x, and x = 0 with t_x > 0 or x > 0 with t_x = 0; accepts x = t_x = n", () => {
    expect(bgbbRows({ frequency: [6], recency: [6], periods: [6] }).x[0]).toBe(6);
    for (const [x, tx, n] of [
      [1, 7, 6],
      [3, 2, 6],
      [0, 2, 6],
      [1, 0, 6],
    ]) {
      const e = caught(() => bgbbRows({ frequency: [0, x], recency: [0, tx], periods: [6, n] }));
      expect(e.code).toBe(ErrorCodes.InconsistentData);
      expect(e.key).toBe("bgbb.inconsistentAt");
      expect(e.params).toEqual({ row: 2, x, recency: tx, periods: n });
      expect(e.where).toEqual({ row: 2 });
    }
  });
});

describe("bgbb.fit refuses what does not identify the model", () => {
  it("nobody transacts: DEGENERATE_DATA fit.nobodyRepeats", () => {
    const e = caught(() => fit({ frequency: [0, 0], recency: [0, 0], periods: [6, 5] }));
    expect(e.code).toBe(ErrorCodes.DegenerateData);
    expect(e.key).toBe("fit.nobodyRepeats");
    expect(e.params).toEqual({ model: "BG/BB" });
  });

  it("the only transactions carry weight 0: still nobody", () => {
    const e = caught(() => fit({ frequency: [0, 2], recency: [0, 3], periods: [6, 6], weights: [5, 0] }));
    expect(e.key).toBe("fit.nobodyRepeats");
  });

  it("one history with weight (the other weighs 0): DEGENERATE_DATA fit.sameHistory", () => {
    const e = caught(() => fit({ frequency: [2, 0], recency: [3, 0], periods: [6, 6], weights: [5, 0] }));
    expect(e.code).toBe(ErrorCodes.DegenerateData);
    expect(e.key).toBe("fit.sameHistory");
    expect(e.params).toEqual({ model: "BG/BB" });
  });
});

describe("bgbb's smallest accepted data and its arguments' names", () => {
  it("two distinct histories with weight are enough to fit", () => {
    const f = fit({ frequency: [0, 3], recency: [0, 5], periods: [6, 6], weights: [5, 5] });
    expect(f.customers).toBe(10);
    expect(Number.isFinite(f.logLikelihood)).toBe(true);
  });

  it("a negative number of periods is refused naming the argument", () => {
    const p = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    const ahead = caught(() => expectedPurchases(p, -1, 2, 5, 6));
    expect([ahead.key, ahead.where]).toEqual(["arg.atLeast", { argument: "periods ahead" }]);
    const periods = caught(() => expectedPurchasesUnconditional(p, -1));
    expect([periods.key, periods.where]).toEqual(["arg.atLeast", { argument: "periods" }]);
  });
});
