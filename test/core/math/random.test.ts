/**
 * The seeded random source of the simulations (src/core/math/random.ts) against an independent
 * Python port of the same algorithms: xoshiro128** (Blackman & Vigna 2018) seeded by the
 * splitmix32 steps, Box–Muller, Marsaglia & Tsang's gamma (boosted for shape < 1), beta as a
 * ratio of gammas and the BG/NBD simulation of FHL (2005) §2. Rerun the expected values with
 * `python3 test/fixtures/random/rng.py` (plain Python 3, no packages). The uniform stream is
 * integer arithmetic divided by 2^32, so it matches exactly; the samplers go through log, cos and
 * pow, so they match to 1e-12 relative.
 */
import { Random, simulateBgNbd } from "../../../src/core/math/random";

const close = (got: number, want: number, rel = 1e-12) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want));
const draws = (rng: Random, n: number) => Array.from({ length: n }, () => rng.uniform());

describe("Random: the uniform stream (xoshiro128** seeded by splitmix32)", () => {
  it.each([
    [42, [0.6606157227652147, 0.12688010407146066, 0.11170196405146271]],
    [1, [0.5686059963190928, 0.7539288493571803, 0.8893939367262647]],
    [0, [0.8868539539398625, 0.26395898417104036, 0.012474989402107894]],
    [4294967295, [0.19461841287557036, 0.447334407013841, 0.548596728942357]],
  ])("seed %d gives the Python port's first three numbers exactly", (seed, want) => {
    expect(draws(new Random(seed), 3)).toEqual(want);
  });
});

describe("Random: the samplers, seed 7, two draws each", () => {
  it("exponential with rates 2 and 0.5 (−ln u / rate)", () => {
    const rng = new Random(7);
    close(rng.exponential(2), 0.7265853419272018);
    close(rng.exponential(0.5), 1.3379536272196226);
  });
  it("normal (Box–Muller, cos branch)", () => {
    const rng = new Random(7);
    close(rng.normal(), -1.6997666599769061);
    close(rng.normal(), 0.5907177143547009);
  });
  it.each([
    [2.5, 3, 0.16805939802555736, 0.16491553542048523],
    [1, 1, 0.019115449383918612, 0.01784121247339499],
    [0.4, 1, 0.0012163193851091594, 0.02334891186303954],
    [0.999, 2, 0.025350795901109724, 0.1145903400825709],
  ])("gamma(shape %p, rate %p)", (shape, rate, first, second) => {
    const rng = new Random(7);
    close(rng.gamma(shape, rate), first);
    close(rng.gamma(shape, rate), second);
  });
  it("gamma's rate defaults to 1", () => {
    close(new Random(7).gamma(1), 0.019115449383918612);
  });
  it("gamma(1): 2,000 draws of seed 5 (19 normals rejected for v = 1 + x/√6 ≤ 0, each redrawn at once) sum to the Python port's", () => {
    const rng = new Random(5);
    let sum = 0, last = 0;
    for (let i = 0; i < 2000; i++) sum += last = rng.gamma(1);
    close(sum, 1918.639371658631, 1e-11);
    close(last, 2.64885464011321, 1e-11);
  });
  it("beta(0.8, 2.4) then beta(5, 1)", () => {
    const rng = new Random(7);
    close(rng.beta(0.8, 2.4), 0.026830603456201776);
    close(rng.beta(5, 1), 0.9508563532090105);
  });
});

describe("simulateBgNbd (FHL 2005 §2; MBG/NBD may drop out at time 0)", () => {
  const P = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
  const T = [39, 38.5, 20, 10, 39, 39, 30, 25, 5, 39];
  const expectSim = (got: { frequency: Float64Array; recency: Float64Array; T: Float64Array }, want: [number[], number[], number[]]) => {
    expect(Array.from(got.frequency)).toEqual(want[0]);
    got.recency.forEach((v, i) => (want[1][i] === 0 ? expect(v).toBe(0) : close(v, want[1][i])));
    got.T.forEach((v, i) => close(v, want[2][i]));
  };

  it("BG/NBD in continuous time, seed 11", () => {
    expectSim(simulateBgNbd(new Random(11), P, T), [
      [4, 1, 0, 2, 0, 0, 0, 1, 1, 0],
      [11.867500492141364, 0.9509696687903003, 0, 7.78984425920844, 0, 0, 0, 11.404695433168486, 0.31648642796670756, 0],
      T,
    ]);
  });
  it("BG/NBD with times rounded down to whole days (resolution 1/7 week), seed 11", () => {
    const days = [39, 38.42857142857142, 20, 10, 39, 39, 30, 25, 5, 39];
    expectSim(simulateBgNbd(new Random(11), P, T, 1 / 7), [
      [4, 1, 0, 2, 0, 0, 0, 1, 1, 0],
      [11.857142857142856, 0.8571428571428571, 0, 7.7142857142857135, 0, 0, 0, 11.285714285714285, 0.2857142857142857, 0],
      days,
    ]);
  });
  it("MBG/NBD in continuous time, seed 11", () => {
    expectSim(simulateBgNbd(new Random(11), P, T, 0, true), [
      [5, 0, 0, 0, 8, 0, 0, 2, 0, 0],
      [23.2209914483604, 0, 0, 0, 11.654253032808644, 0, 0, 21.506404633217286, 0, 0],
      T,
    ]);
  });
  it("MBG/NBD in whole days, seed 11", () => {
    expectSim(simulateBgNbd(new Random(11), P, T, 1 / 7, true), [
      [5, 0, 0, 0, 8, 0, 0, 2, 0, 0],
      [23.142857142857142, 0, 0, 0, 11.571428571428571, 0, 0, 21.428571428571427, 0, 0],
      [39, 38.42857142857142, 20, 10, 39, 39, 30, 25, 5, 39],
    ]);
  });
  it("leaves the generator where the last customer's draws end (seed 11, BG/NBD, continuous time)", () => {
    const rng = new Random(11);
    simulateBgNbd(rng, P, T);
    expect(rng.uniform()).toBe(0.48539000179152936);
  });
  it("purchases in one period count once: 8 purchases in continuous time are 1 in whole periods (seed 3)", () => {
    const fast = { r: 4, alpha: 1, a: 1, b: 20 };
    expectSim(simulateBgNbd(new Random(3), fast, [3, 3, 2.5]), [
      [8, 1, 2],
      [1.8935644751393887, 0.008886333061388321, 2.281046577541838],
      [3, 3, 2.5],
    ]);
    expectSim(simulateBgNbd(new Random(3), fast, [3, 3, 2.5], 1), [
      [1, 0, 0],
      [1, 0, 0],
      [3, 3, 2],
    ]);
  });
});
