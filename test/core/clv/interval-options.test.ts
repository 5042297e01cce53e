// The prediction intervals' options (src/core/clv/intervals.ts, resolveIntervalOptions): the
// defaults, each bound on both sides, the whole message a user reads and the argument it names.
import { resolveIntervalOptions } from "../../../src/core/clv/intervals";
import { thrown } from "../../support/thrown";

describe("resolveIntervalOptions", () => {
  it("fills in a 90 % interval from 200 draws, seed 1, no penalty; passes the penalty through", () => {
    expect(resolveIntervalOptions()).toEqual({ level: 0.9, draws: 200, seed: 1, penalizer: 0 });
    expect(resolveIntervalOptions({ penalizer: 0.1 }).penalizer).toBe(0.1);
  });

  it("takes every level strictly between 0 and 1, 20 to 100,000 draws, any whole seed", () => {
    expect(resolveIntervalOptions({ level: 1e-9, draws: 20, seed: -3 })).toEqual({ level: 1e-9, draws: 20, seed: -3, penalizer: 0 });
    expect(resolveIntervalOptions({ level: 1 - 1e-12, draws: 100000 })).toMatchObject({ level: 1 - 1e-12, draws: 100000 });
  });

  it.each([
    [{ level: 0 }, "level", "level must be greater than 0; got 0"],
    [{ level: -0.5 }, "level", "level must be greater than 0; got -0.5"],
    [{ level: 1 }, "level", "level must be below 1; got 1"],
    [{ draws: 19 }, "draws", "draws must be a whole number from 20 to 100000; got 19"],
    [{ draws: 100001 }, "draws", "draws must be a whole number from 20 to 100000; got 100001"],
    [{ draws: 20.5 }, "draws", "draws must be a whole number from 20 to 100000; got 20.5"],
    [{ seed: 1.5 }, "seed", "seed must be a whole number; got 1.5"],
  ])("%p is refused, naming %s: %s", (options, argument, message) => {
    const e = thrown(() => resolveIntervalOptions(options));
    expect(e.message).toBe(message);
    expect(e.where).toEqual({ argument });
  });
});
