/**
 * =CVA.PN and the BG/BB functions (=CVA.FIT.BGBB, BGBB.PALIVE, BGBB.EXPECTED) against values made
 * outside this code: lifetimes 0.11.3 (test/fixtures/functions-lifetimes-reference.py, its JSON
 * beside it), the numpy/scipy definitions of test/fixtures/btyd-scoring-reference.py, and the
 * published donations estimates of Fader, Hardie & Shang (2010).
 */
import { readFileSync } from "fs";
import path from "path";
import { pn, fitBgbb, bgbbPalive, bgbbExpected, palive, expected, fit, fitBgnbd, fitMbgnbd, fitParetonbd, forecast, newcustomer } from "../../src/functions/functions";
import { clearCache } from "../../src/functions/cache";
import { call, cdnow, cdnowSummary, err, inLanguage } from "./call";

const fixtures = path.resolve(__dirname, "../fixtures");
const lifetimes = JSON.parse(readFileSync(path.join(fixtures, "functions-lifetimes-reference.json"), "utf8")) as {
  pn: Record<"bgnbd" | "mbgnbd", { params: Record<string, number>; rows: { t: number; n: number; p: number }[] }>;
  bgbb: { params: Record<"alpha" | "beta" | "gamma" | "delta", number>; logLikelihoodTotal: number; donors: number };
};
const scoring = JSON.parse(readFileSync(path.join(fixtures, "btyd-scoring-reference.json"), "utf8")) as {
  bgbb: { rows: { x: number; tx: number; n: number; weight: number; pAlive1: number; expected5: number; expected1: number }[] };
};

type Cell = { code: string; message: string };
const first = (r: unknown): Cell => (Array.isArray(r) ? (r as Cell[][])[0][0] : (r as Cell));
const relClose = (v: number, ref: number, tol: number) => expect(Math.abs(v - ref)).toBeLessThanOrEqual(tol * Math.abs(ref));

/** The two rows a FIT function spills. */
const table = (model: string, params: Record<string, number>) => [
  ["model", ...Object.keys(params), "log_likelihood", "customers"],
  [model, ...Object.values(params), -1, 1],
];

/** FHS 2010's published donations estimates. */
const DONATIONS = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const BGBB_TABLE = table("BG/BB", DONATIONS);

describe("=CVA.PN: P(X(t) = n) of a new customer", () => {
  for (const id of ["bgnbd", "mbgnbd"] as const) {
    it(`${id}: every n from 0 to 6 at t = 39 and 78 weeks matches lifetimes to 1e-9 relative; a range of n spills a column`, () => {
      const ref = lifetimes.pn[id];
      const params = table(id === "bgnbd" ? "BG/NBD" : "MBG/NBD", ref.params);
      for (const t of [39, 78]) {
        const rows = ref.rows.filter((r) => r.t === t);
        const out = call(pn, params, t, rows.map((r) => r.n)) as number[][];
        expect(out).toHaveLength(rows.length);
        rows.forEach((r, i) => relClose(out[i][0], r.p, 1e-9));
      }
    });
  }

  it("Pareto/NBD (the CDNOW estimates): the probabilities add up to 1 and their mean is E[X(t)] = rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)]", () => {
    const p = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    const t = 39;
    const ns = Array.from({ length: 400 }, (_, n) => n);
    const probs = (call(pn, table("Pareto/NBD", p), t, ns) as number[][]).map((r) => r[0]);
    const total = probs.reduce((a, b) => a + b, 0);
    const mean = probs.reduce((a, b, n) => a + n * b, 0);
    // Schmittlein, Morrison & Colombo (1987), E[X(t)] of a new customer: 1.0834… at these values.
    const expected = ((p.r * p.beta) / (p.alpha * (p.s - 1))) * (1 - Math.pow(p.beta / (p.beta + t), p.s - 1));
    expect(Math.abs(total - 1)).toBeLessThan(1e-9);
    relClose(mean, expected, 1e-7);
  });

  it("bad input: n not whole, a BG/BB table, in both languages", () => {
    const bg = table("BG/NBD", lifetimes.pn.bgnbd.params);
    expect(first(call(pn, bg, 39, 1.5))).toEqual(err("#VALUE!", "n must be a whole number"));
    expect(first(inLanguage("zh-CN", () => call(pn, bg, 39, 1.5))).message).toBe("购买次数必须是整数（重复购买次数：0、1、2……）；实际为1.5");
    expect(first(call(pn, BGBB_TABLE, 39, 1))).toEqual(err("#VALUE!", "params holds BG/BB parameters; this function needs BG/NBD, MBG/NBD, Pareto/NBD"));
    expect(first(inLanguage("zh-CN", () => call(pn, BGBB_TABLE, 39, 1))).message).toBe("模型参数中是 BG/BB 模型的参数；此函数需要 BG/NBD, MBG/NBD, Pareto/NBD");
  });
});

describe("BG/BB: =CVA.FIT.BGBB, BGBB.PALIVE, BGBB.EXPECTED on the donations (Fader, Hardie & Shang 2010)", () => {
  const lines = readFileSync(path.join(cdnow, "donations.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
  const col = (k: number) => lines.map((r) => r[k]);

  beforeAll(() => clearCache());

  it("FIT.BGBB on the 22 grouped histories: the published α 1.204, β 0.750, γ 0.657, δ 2.783 to 3 decimals, lifetimes' fit to 1e-4, LL −33,225.58, 11,104 donors", () => {
    const out = call(fitBgbb, col(0), col(1), col(2), col(3)) as unknown[][];
    expect(out[0]).toEqual(["model", "alpha", "beta", "gamma", "delta", "log_likelihood", "customers"]);
    const [model, alpha, beta, gamma, delta, ll, customers] = out[1] as [string, number, number, number, number, number, number];
    expect(model).toBe("BG/BB");
    const fitted = { alpha, beta, gamma, delta };
    for (const k of ["alpha", "beta", "gamma", "delta"] as const) {
      expect(Math.abs(fitted[k] - DONATIONS[k])).toBeLessThanOrEqual(0.5e-3 + 1e-12);
      relClose(fitted[k], lifetimes.bgbb.params[k], 1e-4);
    }
    // Both fits reach the same maximum: lifetimes' LL to 1e-3 (FHS 2010 print −33,225.6).
    expect(Math.abs(ll - lifetimes.bgbb.logLikelihoodTotal)).toBeLessThan(1e-3);
    expect(customers).toBe(11104);
    // PALIVE reads the table back.
    const [[p]] = call(bgbbPalive, 6, 6, 6, out) as number[][];
    expect(p).toBeCloseTo(0.9304, 2);
  });

  it("BGBB.PALIVE and BGBB.EXPECTED(5, …) spill one value per history, each equal to the definitions' sums to 1e-9 relative", () => {
    const rows = scoring.bgbb.rows;
    const args = [rows.map((r) => r.x), rows.map((r) => r.tx), rows.map((r) => r.n)];
    const alive = (call(bgbbPalive, ...args, BGBB_TABLE) as number[][]).map((r) => r[0]);
    const five = (call(bgbbExpected, 5, ...args, BGBB_TABLE) as number[][]).map((r) => r[0]);
    const one = (call(bgbbExpected, rows.map(() => 1), ...args, BGBB_TABLE) as number[][]).map((r) => r[0]);
    rows.forEach((r, i) => {
      relClose(alive[i], r.pAlive1, 1e-9);
      relClose(five[i], r.expected5, 1e-9);
      relClose(one[i], r.expected1, 1e-9);
    });
  });

  it("the table without its model cell is still BG/BB (gamma and delta name it); a BG/BB table is refused by PALIVE", () => {
    const bare = [["alpha", "beta", "gamma", "delta"], [1.204, 0.75, 0.657, 2.783]];
    expect(call(bgbbPalive, 6, 6, 6, bare)).toEqual(call(bgbbPalive, 6, 6, 6, BGBB_TABLE));
    expect(first(call(palive, 2, 30, 38, BGBB_TABLE))).toEqual(err("#VALUE!", "params holds BG/BB parameters"));
  });

  it("bad histories: not whole, recency after periods, a purchase without a recency — per cell, and by row in a fit, in both languages", () => {
    expect(first(call(bgbbPalive, 2.5, 3, 6, BGBB_TABLE))).toEqual(err("#VALUE!", "frequency must be a whole number"));
    expect(first(call(bgbbPalive, 2, 7, 6, BGBB_TABLE))).toEqual(
      err("#VALUE!", "frequency 2, recency 7 and periods 6 do not fit together: a history needs frequency ≤ recency ≤ periods, and recency 0 exactly when frequency is 0"),
    );
    expect(first(inLanguage("zh-CN", () => call(bgbbExpected, 5, 1, 0, 6, BGBB_TABLE))).message).toBe(
      "购买频次 1、最近购买时间 0 与期数 6 互相矛盾：应满足 购买频次 ≤ 最近购买时间 ≤ 期数，且仅当购买频次为 0 时最近购买时间为 0",
    );
    // A spill answers the other cells.
    const mixed = call(bgbbPalive, [6, 2], [6, 7], [6, 6], BGBB_TABLE) as unknown[][];
    expect(mixed[0][0]).toBeCloseTo(0.9304, 4);
    expect(mixed[1][0]).toEqual(err("#VALUE!", "do not fit together"));
    // The fit names the row within the ranges.
    expect(first(call(fitBgbb, [0, 1, 3], [0, 1, 2], [6, 6, 6]))).toEqual(err("#VALUE!", "row 3: frequency 3, recency 2 and periods 6 do not fit together"));
    expect(first(inLanguage("zh-CN", () => call(fitBgbb, [0, 1, 1.5], [0, 1, 2], [6, 6, 6]))).message).toBe("第 3 行：购买频次必须是不小于 0 的整数；实际为1.5");
    expect(first(call(fitBgbb, [0, 1], [0, 1], [6, 6], [5, -1]))).toEqual(err("#VALUE!", "row 2: weights must be 0 or more; got -1"));
  });
});

describe("=CVA.FIT with a model argument", () => {
  const file = cdnowSummary();
  beforeAll(() => clearCache());

  it("a named model gives the same table as its own FIT function; auto gives the table of the model it chose", () => {
    expect(call(fit, file.x, file.tx, file.T, "bgnbd")).toEqual(call(fitBgnbd, file.x, file.tx, file.T));
    expect(call(fit, file.x, file.tx, file.T, " ParetoNBD ".trim().toLowerCase())).toEqual(call(fitParetonbd, file.x, file.tx, file.T));
    const auto = call(fit, file.x, file.tx, file.T) as unknown[][];
    const own: Record<string, (...a: never[]) => unknown> = { "BG/NBD": fitBgnbd, "MBG/NBD": fitMbgnbd, "Pareto/NBD": fitParetonbd };
    const chosen = auto[1][0] as string;
    // On CDNOW (the 2-decimal summary file), auto chooses MBG/NBD.
    expect(chosen).toBe("MBG/NBD");
    expect(auto).toEqual(call(own[chosen], file.x, file.tx, file.T));
  });

  it("an unknown model is #VALUE! naming the choices, in both languages", () => {
    expect(first(call(fit, [1, 2], [1, 2], [3, 3], "bgbb"))).toEqual(err("#VALUE!", "model must be one of"));
    expect(first(inLanguage("zh-CN", () => call(fit, [1, 2], [1, 2], [3, 3], "bgbb"))).message).toBe('模型必须是 "auto", "bgnbd", "mbgnbd", "paretonbd" 之一；实际为"bgbb"');
  });
});

describe("=CVA.FORECAST and =CVA.NEWCUSTOMER", () => {
  const BG = table("BG/NBD", lifetimes.pn.bgnbd.params);
  const PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

  it("FORECAST: each period's transactions are the change of CVA.EXPECTED summed over the customers; revenue × spend; discounted by (1+d)^k; a total row", () => {
    const x = [0, 2, 7], tx = [0, 30.43, 35.7], T = [20, 38.86, 38.86];
    const L = 13, d = 0.02, margin = 0.3, spend = 35.08;
    const out = call(forecast, BG, x, tx, T, spend, 3, L, d, margin) as unknown[][];
    expect(out[0]).toEqual(["Period", "End", "Transactions", "Revenue", "Discounted margin"]);
    const e = (t: number) => (t === 0 ? 0 : (call(expected, t, x, tx, T, BG) as number[][]).reduce((a, r) => a + r[0], 0));
    let total = 0;
    for (let k = 1; k <= 3; k++) {
      const [period, end, tr, rev, disc] = out[k] as number[];
      const want = e(k * L) - e((k - 1) * L);
      expect([period, end]).toEqual([k, k * L]);
      relClose(tr, want, 1e-9);
      relClose(rev, want * spend, 1e-9);
      relClose(disc, (want * spend * margin) / (1 + d) ** k, 1e-9);
      total += disc;
    }
    expect(out[4][0]).toBe("All periods");
    relClose(out[4][2] as number, e(3 * L), 1e-9);
    relClose(out[4][4] as number, total, 1e-12);
    // One spend per customer: the same as one spend for all when they are equal.
    const each = call(forecast, BG, x, tx, T, [spend, spend, spend], 3, L, d, margin) as unknown[][];
    each.slice(1).forEach((row, k) => row.slice(1).forEach((v, j) => relClose(v as number, out[k + 1][j + 1] as number, 1e-12)));
  });

  it("NEWCUSTOMER (Pareto/NBD, CDNOW): E[X(t)] of the closed form per 13-week period, CLV:CAC and the payback period", () => {
    const E = (t: number) => ((PARETO.r * PARETO.beta) / (PARETO.alpha * (PARETO.s - 1))) * (1 - Math.pow(PARETO.beta / (PARETO.beta + t), PARETO.s - 1));
    const L = 13, d = 0.03, margin = 0.3, spend = 35.08, cost = 5;
    const out = call(newcustomer, table("Pareto/NBD", PARETO), spend, 4, L, d, margin, cost) as unknown[][];
    let cum = 0;
    let payback: number | string = "not within the horizon";
    for (let k = 1; k <= 4; k++) {
      const tr = E(k * L) - E((k - 1) * L);
      const disc = (tr * spend * margin) / (1 + d) ** k;
      cum += disc;
      if (payback === "not within the horizon" && cum >= cost) payback = k;
      const row = out[k] as number[];
      relClose(row[2], tr, 1e-9);
      relClose(row[4], disc, 1e-9);
      relClose(row[5], cum, 1e-9);
    }
    relClose(out[5][4] as number, cum, 1e-9);
    expect(out[6].slice(0, 2)).toEqual(["Acquisition cost", 5]);
    relClose(out[7][1] as number, cum / cost, 1e-9);
    expect(out[8].slice(0, 2)).toEqual(["Payback period", payback]);
    // Without a cost: no CLV:CAC rows.
    expect(call(newcustomer, table("Pareto/NBD", PARETO), spend, 4, L, d, margin)).toHaveLength(6);
  });

  it("bad input: periods 0, a period length of 0, a BG/BB table, in both languages", () => {
    expect(first(call(forecast, BG, [1], [1], [2], 10, 0))).toEqual(err("#VALUE!", "periods must be at least 1"));
    expect(first(inLanguage("zh-CN", () => call(forecast, BG, [1], [1], [2], 10, 0))).message).toMatch(/^期数/);
    expect(first(call(newcustomer, BG, 10, 12, 0))).toEqual(err("#VALUE!", "period_length must be greater than 0"));
    expect(first(call(newcustomer, BGBB_TABLE, 10, 12))).toEqual(err("#VALUE!", "params holds BG/BB parameters"));
  });
});
