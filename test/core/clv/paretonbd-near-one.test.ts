// Pareto/NBD where the 2F1 argument z = |α−β|/(max(α, β) + t_x) is near 1 (above 0.95): A0 and
// its gradient come from the death-time integral (src/core/clv/paretonbd-a0.ts) instead of the
// 1 − z connection formula and central differences, whose gradient was off by ~1e-7 relative
// and left BFGS stepping in place until its time limit (a 5,000-customer fit took minutes).
// Three parameter sets away from z = 1 check the 2F1 form's value and analytic gradient the same
// way, with α below β, above it (where 2F1's lower parameter is s + 1) and six times it.
// References: mpmath at 40 digits, by test/fixtures/paretonbd_near_one.py (rerun command in its header).
// The fit that ran to its time limit: paretonbd-near-one-fit.test.ts (apart, so that this file stays fast enough to judge mutants).
import { readFileSync } from "node:fs";
import path from "node:path";
import { groupRfm, toRfmData } from "../../../src/core/clv/data";
import { paretoLogLikelihood } from "../../../src/core/clv/paretonbd";

interface Case { params: number[]; history: [number, number, number]; logLikelihood: number; gradient: number[] }
const fixture = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/paretonbd-near-one.json"), "utf8")) as { cases: Case[] };

describe("Pareto/NBD near z = 1 (and, for the 2F1 form, away from it) against mpmath", () => {
  it.each(fixture.cases.map((c) => [c.params.map((v) => Number(v.toPrecision(4))).join(", "), c.history.join(", "), c] as const))(
    "ln L and its gradient in ln(r, α, s, β) at (%s), history (x, t_x, T) = (%s)",
    (_p, _h, c) => {
      const [x, tx, T] = c.history;
      const d = groupRfm(toRfmData({ frequency: [x], recency: [tx], T: [T] }));
      const g = new Float64Array(4);
      const v = paretoLogLikelihood(d, c.params.map(Math.log), g);
      // ln L to 1e-9 of its size (the terms s·ln β of size up to 1.5e6 limit the digits at s = 1e5).
      expect(Math.abs(v - c.logLikelihood)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.logLikelihood)));
      // The gradient to 1e-7 of the largest component (it was 1e-4 with central differences).
      const scale = Math.max(...c.gradient.map(Math.abs));
      for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - c.gradient[i])).toBeLessThanOrEqual(1e-7 * scale);
    },
  );
});
