/**
 * The fit driver's paths (src/core/clv/fitting.ts, docs/models/fitting.md §14, §16) on objectives
 * in log-parameters whose optimum is known by hand: Newton's method first and when its estimate is
 * kept, several starts and which one wins, the Nelder–Mead rescue of a stalled run, the ridge fit's
 * names for the parameters that run to the box, the time limit at each stage, progress reports,
 * the warm start, the last Newton step's polish and the FitResult fields of a driver's end.
 * (fitting-notices.test.ts has the notices of the plain BFGS path.)
 */
import { fitLogParameters, fitOutcome, lastEvaluation, meanNegativeLogLikelihood, rateMoments, warmStart, type DriverSettings } from "../../../src/core/clv/fitting";
import type { GroupedRfm } from "../../../src/core/clv/data";
import { LOG_PARAM_BOUND } from "../../../src/core/clv/data";
import type { HessianObjective, Objective } from "../../../src/core/math/optimize";
import { rosenbrock } from "../../support/rosenbrock";
import { A, b, fallingInA, quadratic3 } from "../../support/objectives";

const settings: DriverSettings = { model: "test", maxIterations: 500, tolerance: 1e-9, timeLimitMs: 600_000 };
const names = ["a", "b"];

/** Σ (θ_i − ln c_i)² with its gradient and Hessian (2 on the diagonal): the optimum at θ = ln c. */
const bowl = (c: number[]) => (theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null): number => {
  let v = 0;
  const n = theta.length;
  for (let i = 0; i < n; i++) {
    const d = theta[i] - Math.log(c[i]);
    v += d * d;
    if (grad) grad[i] = 2 * d;
    if (hess) for (let j = 0; j < n; j++) hess[i * n + j] = i === j ? 2 : 0;
  }
  return v;
};

/** An objective that records the points it is evaluated at. */
function recording(f: Objective): { f: Objective; points: number[][] } {
  const points: number[][] = [];
  return {
    f: (theta, grad) => {
      points.push(Array.from(theta));
      return f(theta, grad);
    },
    points,
  };
}

/** An objective that must never run. */
const never: Objective = () => {
  throw new Error("the BFGS path ran");
};

describe("fitLogParameters with Newton's method", () => {
  it("keeps Newton's estimate when it converges at a well-identified point: BFGS never runs", () => {
    // a bowl is its own quadratic model: one Newton step from ln 1 lands on ln c
    const r = fitLogParameters(never, [[1, 1]], names, { ...settings, newton: bowl([2, 0.5]) });
    expect(r.converged).toBe(true);
    expect(r.notice).toBeUndefined();
    expect(r.logParams[0]).toBeCloseTo(Math.log(2), 14);
    expect(r.logParams[1]).toBeCloseTo(Math.log(0.5), 14);
    expect(r.value).toBeLessThan(1e-28);
    expect(r.iterations).toBe(1);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(r.elapsedMs).toBeLessThan(10_000);
  });

  it("starts Newton's method at newtonStart when given (BFGS's starts unchanged)", () => {
    // from newtonStart = c itself the first evaluation is the optimum: 0 iterations
    const seen: number[][] = [];
    const newton: HessianObjective = (theta, grad, hess) => {
      seen.push(Array.from(theta));
      return bowl([2, 0.5])(theta, grad, hess);
    };
    const r = fitLogParameters(never, [[1, 1]], names, { ...settings, newton, newtonStart: [2, 0.5] });
    expect(seen[0][0]).toBeCloseTo(Math.log(2), 15);
    expect(seen[0][1]).toBeCloseTo(Math.log(0.5), 15);
    expect(r.iterations).toBe(0);
    expect(r.converged).toBe(true);
  });

  it("leaves an estimate far out on a ridge (beyond 1e5) to BFGS, which names it as weakly identified", () => {
    const plain = recording((theta, grad) => bowl([1e6, 1])(theta, grad, null));
    const r = fitLogParameters(plain.f, [[1, 1]], names, { ...settings, newton: bowl([1e6, 1]) });
    expect(plain.points.length).toBeGreaterThan(0);
    // BFGS started again from the first start, not from Newton's point
    expect(plain.points[0]).toEqual([0, 0]);
    expect(r.converged).toBe(true);
    expect(r.logParams[0]).toBeCloseTo(Math.log(1e6), 7);
    expect(r.notice).toEqual({ key: "fit.weak.one", params: { params: "a 1000000" } });
    // Newton's iteration and BFGS's count together
    expect(r.iterations).toBeGreaterThan(1);
  });

  it("goes on by BFGS from the starts when Newton's method fails", () => {
    // a Hessian objective that is nowhere finite: BFGS from the start converges to (1, 1) on Rosenbrock
    const plain = recording((theta, grad) => rosenbrock(theta, grad));
    const r = fitLogParameters(plain.f, [[Math.exp(-1.2), Math.exp(1)]], names, { ...settings, maxIterations: 200, newton: () => Number.NaN });
    expect(plain.points[0][0]).toBeCloseTo(-1.2, 15);
    expect(plain.points[0][1]).toBeCloseTo(1, 15);
    expect(r.converged).toBe(true);
    expect(r.notice).toBeUndefined();
    expect(r.logParams[0]).toBeCloseTo(1, 6);
    expect(r.logParams[1]).toBeCloseTo(1, 6);
  });

  it("a deadline passed during Newton's run stops the fit there: its point, not converged, the limit named; BFGS never runs", () => {
    const t = performance.now();
    const newton: HessianObjective = (th, g, h) => rosenbrock(th, g, h);
    const r = fitLogParameters(never, [[Math.exp(-1.2), Math.exp(1)]], names, { ...settings, timeLimitMs: 1500, deadline: t - 1, newton });
    expect(r.converged).toBe(false);
    expect(r.limit).toBe("time");
    expect(r.notice).toEqual({ key: "fit.timeLimit", params: { seconds: 1.5, iterations: r.iterations } });
    expect(r.iterations).toBeLessThanOrEqual(1);
    expect(r.value).toBeCloseTo(rosenbrock(r.logParams), 14);
    // counted from the deadline's start, so never below the limit
    expect(r.elapsedMs).toBeGreaterThanOrEqual(1500);
  });
});

describe("fitLogParameters from several starts", () => {
  it("stops at the first start that converges inside the box", () => {
    const f = recording((theta, grad) => bowl([2, 0.5])(theta, grad, null));
    const r = fitLogParameters(f.f, [[1, 1], [50, 50]], names, settings);
    expect(r.converged).toBe(true);
    expect(f.points.some((p) => Math.abs(p[0] - Math.log(50)) < 1e-12)).toBe(false);
  });

  it("tries the next start when the first meets nothing finite, and keeps the finite estimate", () => {
    // NaN wherever θ_a > 3: the first start (ln e^4 = 4) sees nothing finite, the second converges
    const inner = bowl([2, 0.5]);
    const f = recording((theta, grad) => (theta[0] > 3 ? Number.NaN : inner(theta, grad, null)));
    const r = fitLogParameters(f.f, [[Math.exp(4), 1], [1, 1]], names, settings);
    expect(f.points[0][0]).toBeCloseTo(4, 14);
    expect(f.points.some((p) => p[0] === 0 && p[1] === 0)).toBe(true);
    expect(r.converged).toBe(true);
    expect(r.notice).toBeUndefined();
    expect(r.logParams[0]).toBeCloseTo(Math.log(2), 8);
    expect(r.value).toBeLessThan(1e-15);
  });

  it("keeps the lower of two unconverged estimates", () => {
    // Rosenbrock with 3 iterations a run, from two starts: the best of the runs (then refined) is reported, not the last
    const f = (theta: Float64Array, grad: Float64Array | null) => rosenbrock(theta, grad);
    const near = fitLogParameters(f, [[Math.exp(0.9), Math.exp(0.8)]], names, { ...settings, maxIterations: 3 });
    const both = fitLogParameters(f, [[Math.exp(0.9), Math.exp(0.8)], [Math.exp(-1.2), Math.exp(1)]], names, { ...settings, maxIterations: 3 });
    const far = fitLogParameters(f, [[Math.exp(-1.2), Math.exp(1)]], names, { ...settings, maxIterations: 3 });
    expect(near.value).toBeLessThan(far.value);
    expect(both.value).toBe(near.value);
    expect(Array.from(both.logParams)).toEqual(Array.from(near.logParams));
  });

  it("a start that rises all the way to the box goes straight to the ridge fit: the other starts are not tried", () => {
    // e^−θ_a + θ_b²: falls for ever in θ_a
    const f = recording(fallingInA);
    const r = fitLogParameters(f.f, [[1, 2], [Math.exp(-3), Math.exp(-3)]], names, settings);
    expect(r.notice).toEqual({ key: "fit.ridge.one", params: { limits: "a → ∞" } });
    expect(f.points.some((p) => p[0] === -3 && p[1] === -3)).toBe(false);
  });
});

describe("fitLogParameters: the Nelder–Mead rescue of a stalled run", () => {
  it("a BFGS run stopped at its cap inside the box is taken on by Nelder–Mead and polished to convergence", () => {
    // Rosenbrock from (−1.2, 1) takes BFGS 41 iterations; at 20 a run stops short, and
    // Nelder–Mead (up to 400 iterations) brings the point near (1, 1), where the polish converges
    const r = fitLogParameters((t, g) => rosenbrock(t, g), [[Math.exp(-1.2), Math.exp(1)]], names, { ...settings, maxIterations: 20 });
    expect(r.converged).toBe(true);
    expect(r.notice).toBeUndefined();
    expect(r.logParams[0]).toBeCloseTo(1, 6);
    expect(r.logParams[1]).toBeCloseTo(1, 6);
    expect(r.value).toBeLessThan(1e-12);
    // BFGS's 20, Nelder–Mead's and the polish's iterations
    expect(r.iterations).toBeGreaterThan(21);
  });
});

describe("fitLogParameters: parameters that run to the box", () => {
  // e^−θ_a + e^{θ_b}: a → ∞ and b → 0 for ever. With the ridge 1e-6·Σθ², each stops about 10.6
  // from 0 (e^−θ = 2e-6·θ: fitting-notices.test.ts works it out).
  const twoLimits: Objective = (theta, grad) => {
    if (grad) {
      grad[0] = -Math.exp(-theta[0]);
      grad[1] = Math.exp(theta[1]);
    }
    return Math.exp(-theta[0]) + Math.exp(theta[1]);
  };

  it("both carried more than 6 from the start by the ridge fit: both named with their limits", () => {
    const r = fitLogParameters(twoLimits, [[1, 1]], names, settings);
    expect(r.converged).toBe(false);
    expect(r.notice).toEqual({ key: "fit.ridge.many", params: { limits: "a → ∞, b → 0" } });
    expect(r.logParams[0]).toBeGreaterThan(10);
    expect(r.logParams[0]).toBeLessThan(11);
    expect(r.logParams[1]).toBeLessThan(-10);
    expect(r.logParams[1]).toBeGreaterThan(-11);
  });

  it("only the parameter the ridge fit carried more than 6 is named", () => {
    // b starts at ln e^−8 = −8, within 6 of its ridge estimate −10.6: only a is named
    const r = fitLogParameters(twoLimits, [[1, Math.exp(-8)]], names, settings);
    expect(r.notice).toEqual({ key: "fit.ridge.one", params: { limits: "a → ∞" } });
  });

  it("none carried more than 6 from the start: those the plain fit left on the box are named", () => {
    // starts at ln θ = ±8, each within 6 of its ridge estimate (±10.6)
    const r = fitLogParameters(twoLimits, [[Math.exp(8), Math.exp(-8)]], names, settings);
    expect(r.converged).toBe(false);
    expect(r.notice).toEqual({ key: "fit.ridge.many", params: { limits: "a → ∞, b → 0" } });
    expect(Math.abs(r.logParams[0] - 10.6)).toBeLessThan(0.2);
  });

  it("a likelihood that rises faster than the ridge: the estimate stays on the box, named with its value", () => {
    // −θ_a + θ_b²: the ridge's 1e-6·θ² would stop θ_a only at 5e5, far beyond the box's ln 1e8
    const linear: Objective = (theta, grad) => {
      if (grad) {
        grad[0] = -1;
        grad[1] = 2 * theta[1];
      }
      return -theta[0] + theta[1] * theta[1];
    };
    const r = fitLogParameters(linear, [[1, 2]], names, settings);
    expect(r.converged).toBe(false);
    expect(r.logParams[0]).toBe(LOG_PARAM_BOUND);
    expect(r.notice).toEqual({ key: "fit.boundary.one", params: { limits: "a 1.00e+8" } });
    // both on the box
    const both: Objective = (theta, grad) => {
      if (grad) {
        grad[0] = -1;
        grad[1] = 1;
      }
      return -theta[0] + theta[1];
    };
    const r2 = fitLogParameters(both, [[1, 1]], names, settings);
    expect(r2.notice).toEqual({ key: "fit.boundary.many", params: { limits: "a 1.00e+8, b 1.00e-8" } });
    expect(Array.from(r2.logParams)).toEqual([LOG_PARAM_BOUND, -LOG_PARAM_BOUND]);
  });
});

describe("fitLogParameters: the time limit", () => {
  it("a deadline already past: the first BFGS run stops, the start is the best point, the limit named in seconds", () => {
    const t = performance.now();
    const r = fitLogParameters((th, g) => bowl([2, 0.5])(th, g, null), [[1, 1]], names, { ...settings, timeLimitMs: 250, deadline: t - 1 });
    expect(r.converged).toBe(false);
    expect(r.limit).toBe("time");
    expect(r.notice).toEqual({ key: "fit.timeLimit", params: { seconds: 0.25, iterations: r.iterations } });
    expect(r.iterations).toBeLessThanOrEqual(1);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(250);
  });

  it("a time limit reached mid-run: the best point so far, the limit's seconds to 3 digits", () => {
    // each evaluation waits 2 ms: Rosenbrock's 41 iterations cannot finish in 20 ms
    const slow: Objective = (theta, grad) => {
      const until = performance.now() + 2;
      while (performance.now() < until);
      return rosenbrock(theta, grad);
    };
    const r = fitLogParameters(slow, [[Math.exp(-1.2), Math.exp(1)]], names, { ...settings, timeLimitMs: 20.004 });
    expect(r.converged).toBe(false);
    expect(r.limit).toBe("time");
    expect(r.notice).toEqual({ key: "fit.timeLimit", params: { seconds: 0.02, iterations: r.iterations } });
    // the best point so far: no worse than the start's 24.2 (a loaded machine may allow few iterations)
    expect(r.value).toBeLessThanOrEqual(rosenbrock(Float64Array.from([-1.2, 1])));
    expect(r.value).toBeCloseTo(rosenbrock(r.logParams), 14);
  });
});

describe("fitLogParameters: the time limit in the later stages", () => {
  /**
   * Runs the driver on a clock that moves 1 ms per evaluation of the objective (starting at 0),
   * and records which stage each evaluation belongs to: "g" with a gradient (BFGS), "v" without
   * (Nelder–Mead).
   */
  function ticking(f: Objective, starts: number[][], s: Partial<DriverSettings>): { r: ReturnType<typeof fitLogParameters>; kinds: string } {
    let clock = 0;
    let kinds = "";
    const spy = jest.spyOn(performance, "now").mockImplementation(() => clock);
    try {
      const r = fitLogParameters(
        (theta, grad) => {
          clock += 1;
          kinds += grad ? "g" : "v";
          return f(theta, grad);
        },
        starts,
        names,
        { ...settings, ...s },
      );
      return { r, kinds };
    } finally {
      spy.mockRestore();
    }
  }
  const rosen: Objective = (t, g) => rosenbrock(t, g);
  const rosenStart = [[Math.exp(-1.2), Math.exp(1)]];

  it("out of time in Nelder–Mead or in the polish after it: not converged, the limit named, the best point so far", () => {
    // without a limit: BFGS's 20 iterations (with gradients), Nelder–Mead (without), then the polish (with)
    const all = ticking(rosen, rosenStart, { maxIterations: 20 });
    expect(all.r.converged).toBe(true);
    const stages = all.kinds.match(/^(g+)(v+)(g+)$/);
    expect(stages).not.toBeNull();
    const [, bfgs, nm, polish] = stages!;
    for (const limit of [bfgs.length + Math.floor(nm.length / 2), bfgs.length + nm.length + Math.floor(polish.length / 2)]) {
      const { r, kinds } = ticking(rosen, rosenStart, { maxIterations: 20, timeLimitMs: limit });
      expect(r.converged).toBe(false);
      expect(r.limit).toBe("time");
      expect(r.notice).toEqual({ key: "fit.timeLimit", params: { seconds: Number((limit / 1000).toPrecision(3)), iterations: r.iterations } });
      // it stopped in the stage the limit falls in, one evaluation past the limit
      expect(kinds.length).toBe(limit + 1);
      // the point returned is the best one seen: below BFGS's 20th iterate, at its own value
      expect(r.value).toBeCloseTo(rosenbrock(r.logParams), 14);
      expect(r.value).toBeLessThan(rosenbrock(Float64Array.from([-1.2, 1])));
    }
  });

  it("out of time in the ridge fit: the limit named, not the parameters' limits", () => {
    const all = ticking(fallingInA, [[1, 2]], {});
    expect(all.r.notice).toEqual({ key: "fit.ridge.one", params: { limits: "a → ∞" } });
    // the plain run ends on the box; the ridge run starts again from (0, ln 2) and takes the rest
    const { r, kinds } = ticking(fallingInA, [[1, 2]], { timeLimitMs: all.kinds.length - 3 });
    expect(kinds.length).toBe(all.kinds.length - 2);
    expect(r.converged).toBe(false);
    expect(r.limit).toBe("time");
    expect(r.notice?.key).toBe("fit.timeLimit");
  });
});

describe("fitLogParameters: progress", () => {
  it("reports the first iteration at once, then no more often than every 250 ms, counting every run's iterations", () => {
    // the fit starts at 5 s on the clock, so elapsed times are the clock less 5,000 ms
    let clock = 5000;
    const spy = jest.spyOn(performance, "now").mockImplementation(() => clock);
    try {
      const reports: { stage: string; model?: string; iterations: number; elapsedMs: number }[] = [];
      // each evaluation moves the clock 100 ms on. Newton's method meets an optimum far out (1e6,
      // one iteration; not kept), then BFGS walks Rosenbrock's valley from the start (41 iterations)
      const far = bowl([1e6, 1]);
      const r = fitLogParameters(
        (t, g) => {
          clock += 100;
          return rosenbrock(t, g);
        },
        [[Math.exp(-1.2), Math.exp(1)]],
        names,
        {
          ...settings,
          maxIterations: 200,
          newton: (t, g, h) => {
            clock += 100;
            return far(t, g, h);
          },
          onProgress: (p) => reports.push({ ...(p as { stage: string; model?: string; iterations: number; elapsedMs: number }) }),
        },
      );
      expect(r.converged).toBe(true);
      expect(r.logParams[0]).toBeCloseTo(1, 6);
      expect(reports.length).toBeGreaterThan(2);
      expect(reports[0].stage).toBe("fit");
      expect(reports[0].model).toBe("test");
      expect(reports[0].iterations).toBe(1);
      for (let k = 1; k < reports.length; k++) {
        expect(reports[k].elapsedMs - reports[k - 1].elapsedMs).toBeGreaterThanOrEqual(250);
        expect(reports[k].iterations).toBeGreaterThan(reports[k - 1].iterations);
      }
      expect(reports[0].elapsedMs).toBeGreaterThan(0);
      expect(reports[0].elapsedMs).toBeLessThan(1000);
      expect(reports[reports.length - 1].elapsedMs).toBeLessThanOrEqual(clock - 5000);
      expect(reports[reports.length - 1].iterations).toBeLessThanOrEqual(r.iterations);
      expect(r.elapsedMs).toBe(clock - 5000);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("fitOutcome", () => {
  it("copies the driver's end; at a limit the notice's words carry the log-likelihood to 2 decimals", () => {
    const base = { logParams: new Float64Array(2), value: 1, iterations: 7, converged: false, elapsedMs: 12 };
    const timed = fitOutcome({ ...base, limit: "time", notice: { key: "fit.timeLimit", params: { seconds: 1.5, iterations: 7 } } }, -9582.4291);
    expect(timed).toEqual({
      logLikelihood: -9582.4291,
      iterations: 7,
      converged: false,
      elapsedMs: 12,
      limit: "time",
      message: expect.any(String),
      messageKey: "fit.timeLimit",
      messageParams: { seconds: 1.5, iterations: 7, logLik: "-9582.43" },
    });
    expect(timed.message).toContain("-9582.43");
    const plain = fitOutcome({ ...base, converged: true }, -10);
    expect(plain).toEqual({ logLikelihood: -10, iterations: 7, converged: true, elapsedMs: 12 });
    expect("limit" in plain).toBe(false);
    const weak = fitOutcome({ ...base, notice: { key: "fit.weak.one", params: { params: "a 1000000" } } }, -10);
    expect(weak.messageParams).toEqual({ params: "a 1000000" });
    expect("limit" in weak).toBe(false);
  });
});

describe("meanNegativeLogLikelihood", () => {
  it("is −ln L / W with the gradient divided alike, and takes no gradient when none is asked for", () => {
    const logLik: Objective = (theta, grad) => {
      if (grad) {
        grad[0] = 3;
        grad[1] = -8;
      }
      return -12 + theta[0];
    };
    const g = new Float64Array(2);
    const f = meanNegativeLogLikelihood(logLik, 4, 0);
    expect(f(Float64Array.from([2, 0]), g)).toBe(2.5);
    expect(Array.from(g)).toEqual([-0.75, 2]);
    expect(f(Float64Array.from([2, 0]), null)).toBe(2.5);
  });
});

describe("rateMoments", () => {
  it("is the weighted repeat-purchase rate Σwx/ΣwT, at least 1e-6, and the weighted mean age", () => {
    // three histories (x, T, w) = (0, 10, 3), (2, 20, 1), (5, 40, 2): Σwx = 12, ΣwT = 30 + 20 + 80 = 130, W = 6
    const data = { size: 3, x: Float64Array.of(0, 2, 5), T: Float64Array.of(10, 20, 40), w: Float64Array.of(3, 1, 2), totalWeight: 6 } as unknown as GroupedRfm;
    expect(rateMoments(data)).toStrictEqual({ rate: 12 / 130, meanT: 130 / 6 });
    // nobody bought again: the rate's floor
    const none = { size: 2, x: Float64Array.of(0, 0), T: Float64Array.of(10, 30), w: Float64Array.of(1, 1), totalWeight: 2 } as unknown as GroupedRfm;
    expect(rateMoments(none)).toStrictEqual({ rate: 1e-6, meanT: 20 });
  });
});

describe("warmStart", () => {
  const objectiveOn = (c: number[]) => bowl(c);
  const starts = [[1, 1], [3, 3]];
  const s = { maxIterations: 50, deadline: Infinity };

  it("without a subsample: the starts, as a new array", () => {
    const out = warmStart(null, starts, objectiveOn, s);
    expect(out).toEqual(starts);
    expect(out).not.toBe(starts);
  });

  it("puts the subsample's optimum before the starts", () => {
    const out = warmStart([2, 0.5], starts, objectiveOn, s);
    expect(out.length).toBe(3);
    expect(out[0][0]).toBeCloseTo(2, 12);
    expect(out[0][1]).toBeCloseTo(0.5, 12);
    expect(out.slice(1)).toEqual(starts);
  });

  it("the starts unchanged when the subsample's optimum is far out (1e6) or not reached", () => {
    expect(warmStart([1e6, 1], starts, objectiveOn, s)).toEqual(starts);
    expect(warmStart([1, 1e-6], starts, objectiveOn, s)).toEqual(starts);
    // Rosenbrock from (ln 1, ln 1) = (0, 0) in one Newton iteration: not converged
    const rosen = () => (t: Float64Array, g: Float64Array, h: Float64Array) => rosenbrock(t, g, h);
    expect(warmStart(0, starts, rosen, { maxIterations: 1, deadline: Infinity })).toEqual(starts);
    // …and reached with enough iterations: (1, 1) as e^1
    const reached = warmStart(0, starts, rosen, { maxIterations: 100, deadline: Infinity });
    expect(reached[0][0]).toBeCloseTo(Math.E, 6);
  });
});

describe("lastEvaluation: the polish by the last Newton step", () => {
  // the minimum of ½xᵀAx − bᵀx solves A x = b: by Cramer's rule on the support's A and b
  const det = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const exact = [0, 1, 2].map((k) => det(A.map((row, i) => row.map((v, j) => (j === k ? b[i] : v)))) / det(A));

  it("takes a point within the tolerance of the optimum to the optimum, to the last digits", () => {
    const { f, polish } = lastEvaluation(quadratic3);
    const x = Float64Array.from(exact.map((v, i) => v + (i + 1) * 1e-6));
    f(x, new Float64Array(3), new Float64Array(9));
    const out = polish(x);
    expect(out).not.toBe(x);
    for (let i = 0; i < 3; i++) expect(Math.abs(out[i] - exact[i])).toBeLessThan(1e-15);
  });

  it("leaves x as it is when nothing was evaluated, x was not the last point, the step is not small or H not positive definite", () => {
    const { f, polish } = lastEvaluation(quadratic3);
    const x = Float64Array.from(exact.map((v) => v + 1e-6));
    expect(polish(x)).toBe(x);
    f(x, new Float64Array(3), new Float64Array(9));
    const other = Float64Array.from(x);
    other[2] += 1e-9;
    expect(polish(other)).toBe(other);
    // a step of 1e-3 in the last coordinate only
    const far = Float64Array.from(exact);
    far[2] += 1e-3;
    f(far, new Float64Array(3), new Float64Array(9));
    expect(polish(far)).toBe(far);
    // just under 1e-4 in each coordinate is taken
    const near = Float64Array.from(exact.map((v) => v + 0.9e-4 / 8));
    f(near, new Float64Array(3), new Float64Array(9));
    expect(polish(near)).not.toBe(near);
    // an indefinite H (a saddle, x² − y² + z²)
    const saddle = lastEvaluation((t, g, h) => {
      g[0] = 2 * t[0];
      g[1] = -2 * t[1];
      g[2] = 2 * t[2];
      h.fill(0);
      h[0] = 2;
      h[4] = -2;
      h[8] = 2;
      return t[0] ** 2 - t[1] ** 2 + t[2] ** 2;
    });
    const y = Float64Array.from([1e-6, 1e-6, 1e-6]);
    saddle.f(y, new Float64Array(3), new Float64Array(9));
    expect(saddle.polish(y)).toBe(y);
  });
});
