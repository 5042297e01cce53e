// The simulated data set whose Pareto/NBD fit stepped in place until its time limit when A0's
// gradient near z = 1 came from central differences (see paretonbd-near-one.test.ts, and
// src/core/clv/paretonbd-a0.ts): it now converges. Apart from paretonbd-near-one.test.ts because
// the fit takes about a second, and ten times that under mutation testing's instrumentation.
import { fit } from "../../../src/core/clv/paretonbd";
import { cohort, Mulberry, simulateWithHoldout, summaryCutBefore } from "./simulate";

describe("the simulated data set whose Pareto/NBD fit ran to its time limit", () => {
  it("converges (Pareto/NBD truth r 0.55, α 10.6, s 0.6, β 11.7; seed 5; calibration cut 13 weeks early)", () => {
    // As test/core/clv/model-choice-simulation.test.ts draws it.
    const N = 5000, HOLDOUT = 39, INNER = 13, seed = 5;
    const rng = new Mulberry(1000 * seed + "paretonbd".length);
    const T = cohort(rng, N, 27, 39, 1 / 7);
    const sim = simulateWithHoldout(rng, { model: "paretonbd", params: { r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 } }, T, HOLDOUT);
    const { inner } = summaryCutBefore(sim, INNER);
    const f = fit(inner, { timeLimitMs: 60_000 });
    expect(f.limit).toBeUndefined();
    expect(f.converged).toBe(true);
    // Before: stopped at the limit, ln L −14447.0317 at s 117, β 3921. The data favour the limit
    // of a death rate common to all (s, β → ∞, s/β ≈ 0.03 per week), so s and β run far out.
    expect(f.logLikelihood).toBeGreaterThan(-14447.031);
    expect(f.params.s / f.params.beta).toBeCloseTo(0.0299, 3);
    expect(f.params.r).toBeCloseTo(0.5037, 3);
    expect(f.params.alpha).toBeCloseTo(10.208, 2);
  });
});
