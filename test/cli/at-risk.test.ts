/**
 * One story of a customer's state on CDNOW (docs/customer-state.md): the stage, P(alive), loyalty
 * class and RFM segment agree for the customers the old rules contradicted, and the one at-risk rule
 * gives the same count in the pane's headline, the analysis report and `cva analyze`'s JSON and CSV,
 * all with the default model choice (auto, which picks MBG/NBD on CDNOW).
 */
import * as fs from "fs";
import * as path from "path";
import { analyze, AT_RISK_P_ALIVE, isAtRisk, atRiskColumn, LIFE_CYCLE_STAGES, type AnalyzeResult, type Transaction } from "../../src/core";
import { main } from "../../src/cli/main";
import { computeAnalysis, type ComputeOutput } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSource, CDNOW_CSV, cdnowText } from "../fakes/cdnow";
import { fakeIo, scratch } from "./helpers";

const transactions: Transaction[] = cdnowText()
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(","))
  .map((r) => ({ customerId: r[0], date: r[1], amount: Number(r[3]) }));

/** The population's churn gap in weeks: 3 × the mean of t_x / x over the repeat buyers (docs/customer-state.md §2). */
function churnGapWeeks(result: AnalyzeResult): number {
  let sum = 0;
  let count = 0;
  for (const c of result.customers) {
    if (c.summary.frequency > 0) {
      sum += c.summary.recency / c.summary.frequency;
      count++;
    }
  }
  return (3 * sum) / count;
}

describe("the at-risk rule (docs/customer-state.md §3)", () => {
  it("is not churned and in decline, or P(alive) below 0.5: both sides of each edge", () => {
    expect(AT_RISK_P_ALIVE).toBe(0.5);
    expect(isAtRisk("stability", 0.4999)).toBe(true);
    expect(isAtRisk("stability", 0.5)).toBe(false);
    expect(isAtRisk("exploration", 0.2)).toBe(true);
    expect(isAtRisk("formation", null)).toBe(false);
    expect(isAtRisk("decline", null)).toBe(true);
    expect(isAtRisk("decline", 0.99)).toBe(true);
    expect(isAtRisk("churned", 0.3)).toBe(false); // lost, not at risk
    expect(isAtRisk("churned", null)).toBe(false);
    expect(isAtRisk("stability", 0.59, 0.6)).toBe(true);
  });
  it("by column, with NaN for no P(alive): the same answers", () => {
    const stages = ["stability", "stability", "decline", "churned", "exploration", "formation"] as const;
    const pAlive = [0.4999, 0.5, NaN, 0.3, 0.2, NaN];
    const col = atRiskColumn(stages.map((s) => LIFE_CYCLE_STAGES.indexOf(s)), pAlive);
    expect(Array.from(col)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(Array.from(col)).toEqual(stages.map((s, i) => (isAtRisk(s, Number.isNaN(pAlive[i]) ? null : pAlive[i]) ? 1 : 0)));
  });
});

// One test: the analyses are computed inside it, so that mutation testing credits the test that
// reaches the code (work outside a test counts as reached by none; docs/testing.md).
test("CDNOW: one story per customer, with auto and with BG/NBD", () => {
  const auto = analyze({ transactions }, { lifetime: { model: "auto" } });
  const bgnbd = analyze({ transactions }, { lifetime: { model: "bgnbd" } });

  // Auto and BG/NBD: no one-time buyer silent beyond the population's churn gap is in exploration; none of them is at risk.
  for (const result of [auto, bgnbd]) {
    const gap = churnGapWeeks(result);
    // The 1,139 repeat buyers' mean gap is 112.1 days: 3 × 112.1 = 336.3 days (48 weeks). Every CDNOW one-time buyer bought in
    // the first quarter of 1997, at least 65 weeks before the end (1998-06-30).
    expect(gap * 7).toBeCloseTo(336.35, 1);
    const old = result.customers.filter((c) => c.summary.frequency === 0 && c.summary.T - c.summary.recency > gap);
    expect(old.length).toBe(1218);
    for (const c of old) {
      expect(c.stage).toBe("churned");
      expect(c.exitPattern).toBe("A");
      expect(c.atRisk).toBe(false);
    }
    expect(result.customers.filter((c) => c.stage === "exploration" && c.pAlive === 1 && c.summary.T - c.summary.recency > gap)).toEqual([]);
  }

  // Auto (MBG/NBD) does not give the one-time buyers P(alive) 100 %; BG/NBD does, and the stage says churned all the same.
  {
    expect(auto.report.model.countModel).toBe("mbgnbd");
    const once = (r: AnalyzeResult) => r.customers.filter((c) => c.summary.frequency === 0).map((c) => c.pAlive as number);
    // MBG/NBD's P(alive) of a one-time buyer on CDNOW: 0.306–0.326 (computed with the code).
    expect(Math.max(...once(auto))).toBeLessThan(0.33);
    expect(Math.min(...once(auto))).toBeGreaterThan(0.3);
    expect(once(bgnbd).every((p) => p === 1)).toBe(true);
  }

  // Customer 0003 (one purchase on 1997-01-01, 78 weeks before the end): churned, lost, defecting, below 50 % alive, not at risk.
  {
    const c = auto.customers.find((x) => x.customerId === "0003");
    expect(c?.summary.frequency).toBe(0);
    expect(c?.stage).toBe("churned");
    expect(c?.rfm.segment).toBe("lost");
    expect(c?.loyaltyClass).toBe("defecting");
    expect(c?.pAlive).toBeCloseTo(0.306, 3);
    expect(c?.atRisk).toBe(false);
  }

  // Every flag follows the rule from the customer's own stage and P(alive); the report counts them with the value at stake.
  {
    for (const r of [auto, bgnbd]) {
      let count = 0;
      let value = 0;
      for (const c of r.customers) {
        const expected = c.stage !== "churned" && (c.stage === "decline" || (c.pAlive !== null && c.pAlive < 0.5));
        expect(c.atRisk).toBe(expected);
        if (expected) {
          count++;
          value += c.value;
        }
      }
      expect(r.report.atRisk.count).toBe(count);
      expect(r.report.atRisk.value).toBeCloseTo(value, 6);
      expect(r.report.atRisk.valueShare).toBeCloseTo(value / r.report.totalValue, 12);
    }
    // Computed with the code (docs/customer-state.md §5): 337 at risk with auto, 283 with BG/NBD.
    expect(auto.report.atRisk.count).toBe(337);
    expect(bgnbd.report.atRisk.count).toBe(283);
  }
}, 60_000);

describe("CDNOW: the pane's headline, the report and the command line count the same customers at risk", () => {
  const { dir } = scratch("cva-at-risk-");

  it("pane headline = report = number of flags; CLI JSON = CLI CSV = the same", async () => {
    // computed here, not in a hook (docs/testing.md)
    const data = cdnowSource(6920);
    const pane: ComputeOutput = computeAnalysis({ kind: "transactions", source: data, mapping: recognise(data.header).transactions }, defaultOptions("en-US"));
    expect(pane.result.customers.length).toBe(2357);
    const flagged = pane.result.customers.filter((c) => c.atRisk).length;
    expect(pane.headline.atRisk).toBe(pane.result.report.atRisk.count);
    expect(pane.headline.atRisk).toBe(flagged);
    expect(pane.headline.atRisk).toBe(337);

    const out = path.join(dir(), "results.csv");
    const report = path.join(dir(), "report.json");
    const io = fakeIo(dir());
    expect(await main(["analyze", CDNOW_CSV, "--out", out, "--report", report], io)).toBe(0);
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    expect(json.atRisk.count).toBe(pane.headline.atRisk);
    expect(json.atRisk.value).toBeCloseTo(pane.result.report.atRisk.value, 6);
    const lines = fs.readFileSync(out, "utf8").trim().split(/\r?\n/);
    const col = lines[0].split(",").indexOf("at_risk");
    expect(col).toBeGreaterThan(0);
    // No quoted field before at_risk holds a comma (labels, cells and numbers only), so splitting by comma finds it.
    expect(lines.slice(1).filter((l) => l.split(",")[col] === "true").length).toBe(pane.headline.atRisk);
    expect(lines.slice(1).filter((l) => l.split(",")[col] === "false").length).toBe(2357 - pane.headline.atRisk);
  }, 60_000);
});
