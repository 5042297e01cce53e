// Bounded work (docs/models/fitting.md §14): a fit stops at its time limit or iteration limit and
// says so in both languages, with the best estimates it has; it reports progress while it runs;
// the CLV horizon has one maximum, enforced in the core for every surface.
//
// The slow case is data that do not identify the model: every customer buys at the same rate and
// nobody drops out, so Pareto/NBD's r, α → ∞ and s → 0, and each likelihood evaluation near that
// limit sums long hypergeometric series. The 300 customers below took 106 s (526 iterations) to
// fit without a limit, so a limit of a few hundred milliseconds must cut it short.
import {
  analyze,
  bgnbd,
  CvaError,
  errorText,
  ErrorCodes,
  lifetimeValue,
  MAX_HORIZON_MONTHS,
  paretonbd,
  predictBtyd,
  resolveLifetimeOptions,
  type ModelProgress,
  type Transaction,
} from "../../../src/core";
import { cdnowSummary } from "./cdnow";
import { noChurn } from "./no-churn";

describe("fits stop at their limits and say so", () => {
  it("a fit on data that do not identify the model stops at its time limit, with the best estimates it has and a message in both languages", () => {
    const data = noChurn(300, 5);
    const progress: ModelProgress[] = [];
    const t0 = performance.now();
    const fit = paretonbd.fit(data, { timeLimitMs: 300, onProgress: (p) => progress.push({ ...p }) });
    const elapsed = performance.now() - t0;
    // Stopped near the limit (one likelihood evaluation may overshoot it), not after seconds.
    expect(elapsed).toBeLessThan(1500);
    expect(fit.converged).toBe(false);
    expect(fit.limit).toBe("time");
    expect(fit.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(fit.iterations).toBeGreaterThan(0);
    // What it has: finite estimates and their log-likelihood, better than the first start's.
    for (const v of Object.values(fit.params)) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.message).toMatch(/^stopped at the time limit of 0\.3 s after \d+ iterations, before meeting its tolerance; the estimates are the best found so far \(log-likelihood -[\d.]+\): the data may not identify the model/);
    expect(fit.messageKey).toBe("fit.timeLimit");
    const zh = errorText("zh-CN", fit.messageKey!, fit.messageParams);
    expect(zh).toContain("0.3 秒的时间上限");
    expect(zh).not.toMatch(/[a-z]{3,}/); // no English words left
    // Progress: the model, growing iteration counts and the elapsed time.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toEqual(expect.objectContaining({ stage: "fit", model: "Pareto/NBD" }));
    const iterations = progress.map((p) => (p.stage === "fit" ? p.iterations : NaN));
    for (let k = 1; k < iterations.length; k++) expect(iterations[k]).toBeGreaterThanOrEqual(iterations[k - 1]);
  });

  it("the time limit is checked in the model's own time, so a fit that converges quickly is untouched", () => {
    const d = cdnowSummary();
    const fit = bgnbd.fit(d, { timeLimitMs: 10_000 });
    expect(fit.converged).toBe(true);
    expect(fit.limit).toBeUndefined();
    expect(fit.params.r).toBeCloseTo(0.242593, 5);
  });

  it("a fit stopped at its iteration limit says so in both languages", () => {
    const d = cdnowSummary();
    const fit = bgnbd.fit(d, { maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.limit).toBe("iterations");
    expect(fit.message).toMatch(/^stopped at the iteration limit \(2 iterations a run\) before meeting its tolerance; the estimates are the best found so far \(log-likelihood -[\d.]+\)$/);
    expect(errorText("zh-CN", fit.messageKey!, fit.messageParams)).toMatch(/^达到迭代次数上限（每轮 2 次）而停止/);
  });

  it("a time limit that is not a positive number is refused, naming the setting", () => {
    for (const bad of [0, -1, NaN]) {
      expect(() => bgnbd.fit(cdnowSummary(), { timeLimitMs: bad })).toThrow(expect.objectContaining({ code: ErrorCodes.OutOfRange, key: "arg.above" }));
    }
  });
});

describe("the CLV horizon has one maximum, in the core", () => {
  it(`a horizon above ${1200} months (100 years) is refused with a message in both languages; ${1200} is accepted`, () => {
    expect(MAX_HORIZON_MONTHS).toBe(1200);
    expect(resolveLifetimeOptions({ unit: "weeks", horizonMonths: 1200 }).horizon).toBe(1200);
    let error: unknown;
    try {
      resolveLifetimeOptions({ unit: "weeks", horizonMonths: 1_000_000 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CvaError);
    const e = error as CvaError;
    expect(e.code).toBe(ErrorCodes.OutOfRange);
    expect(e.key).toBe("horizon.tooLong");
    expect(e.message).toBe("the CLV horizon must be at most 1200 months (100 years); got 1000000 months");
    expect(errorText("zh-CN", e.key!, e.params)).toBe("终生价值期限不能超过 1200 个月（100 年）；实际为 1000000 个月");
  });

  it("every surface shares it: lifetimeValue (=CVA.CLV.BTYD), predictBtyd (cva predict) and analyze (cva analyze, the task pane)", () => {
    const tooLong = expect.objectContaining({ key: "horizon.tooLong" });
    expect(() => lifetimeValue(() => 0, 1, { unit: "weeks", horizonMonths: 1201 })).toThrow(tooLong);
    const d = cdnowSummary();
    const rows = d.frequency.map((f, i) => ({ frequency: f, recency: d.recency[i], T: d.T[i], monetary: d.monetary[i] }));
    const t0 = performance.now();
    expect(() => predictBtyd(rows, { unit: "weeks", horizonMonths: 1_000_000 })).toThrow(tooLong);
    expect(performance.now() - t0).toBeLessThan(1000); // refused before any work
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86400000).toISOString().slice(0, 10);
    const tx: Transaction[] = [];
    for (let c = 0; c < 30; c++) for (let k = 0; k <= c % 4; k++) tx.push({ customerId: `c${c}`, date: day(c + 40 * k), amount: 10 + k });
    expect(() => analyze({ transactions: tx }, { lifetime: { horizonMonths: 1201 } })).toThrow(tooLong);
  });
});
