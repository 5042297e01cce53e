// cva predict --intervals L: each customer's interval of P(alive), expected purchases and CLV from
// the core's predictionIntervals (parameter sets drawn from the fit's sampling distribution,
// docs/models/uncertainty.md §8), customer equity with its interval on standard error in the
// user's language; without the option the output is what it was; a bad level is named.
import * as path from "path";
import { main } from "../../src/cli/main";
import { readTransactionsCsv } from "../../src/cli/csv";
import { predictBtyd, predictionIntervals, summarize } from "../../src/core";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-intervals-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(["predict", sample, "--end", "1997-09-30", "--model", "bgnbd", ...args], io);
  return { code, out: io.out, err: io.err };
}

const columns = csvColumns;

describe("cva predict --intervals", () => {
  it("adds low/high columns equal to the core's intervals, with low ≤ estimate ≤ high, and equity on stderr", async () => {
    const plain = await run([]);
    const r = await run(["--intervals", "0.9"]);
    expect(r.code).toBe(0);
    const head = r.out.split("\n")[0];
    expect(head).toBe(
      "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_value,clv,p_alive_low,p_alive_high,expected_purchases_low,expected_purchases_high,clv_low,clv_high",
    );
    const c = columns(r.out);
    // The first nine columns are the plain run's, unchanged.
    const p = columns(plain.out);
    for (const k of Object.keys(p)) expect(c[k]).toEqual(p[k]);
    // The bounds are the core's, for the same fit, level and default draws and seed.
    const summaries = summarize(readTransactionsCsv(sample), { unit: "weeks", end: "1997-09-30" });
    const pred = predictBtyd(summaries, { unit: "weeks", model: "bgnbd" });
    if (!pred.fitted) throw new Error(pred.note);
    const data = { frequency: summaries.map((x) => x.frequency), recency: summaries.map((x) => x.recency), T: summaries.map((x) => x.T), monetary: summaries.map((x) => x.monetary) };
    const bands = predictionIntervals(pred, data, { level: 0.9 });
    if (!bands.ok) throw new Error(bands.reasonKey);
    const n = summaries.length;
    expect(c.clv_low).toHaveLength(n);
    let inside = 0;
    for (let i = 0; i < n; i++) {
      expect(Number(c.clv_low[i])).toBeCloseTo(bands.clv.low[i], 6);
      expect(Number(c.clv_high[i])).toBeCloseTo(bands.clv.high[i], 6);
      expect(Number(c.p_alive_low[i])).toBeCloseTo(bands.pAlive.low[i], 6);
      expect(Number(c.expected_purchases_high[i])).toBeCloseTo(bands.expectedPurchases.high[i], 6);
      expect(Number(c.clv_low[i])).toBeLessThanOrEqual(Number(c.clv_high[i]));
      if (Number(c.clv_low[i]) <= Number(c.clv[i]) && Number(c.clv[i]) <= Number(c.clv_high[i])) inside++;
    }
    // The point estimate lies inside its own interval for (nearly) every customer.
    expect(inside / n).toBeGreaterThan(0.99);
    const fixed2 = (v: number) => String(Number(v.toFixed(2)));
    expect(r.err).toContain(`customer equity ${fixed2(bands.equity.estimate)}, 90 % interval ${fixed2(bands.equity.low)} to ${fixed2(bands.equity.high)} (200 draws of the parameters, seed 1;`);
    expect(plain.err).not.toContain("customer equity");
  }, 60_000);

  it("says the equity interval in Chinese", async () => {
    const r = await run(["--intervals", "0.8", "--lang", "zh-CN"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/客户资产 [\d.]+，80% 区间为 [\d.]+ 至 [\d.]+（参数抽样 200 次，种子 1；仅反映参数的不确定性）/);
  }, 60_000);

  it.each([
    ["0", /^cva: --intervals must be greater than 0; got 0/],
    ["1", /^cva: --intervals must be below 1; got 1\n/],
    ["1.5", /^cva: --intervals must be below 1; got 1\.5/],
    ["abc", /--intervals.*"abc"/],
  ])("refuses --intervals %s, naming it", async (v, message) => {
    const r = await run(["--intervals", v]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
  });

  it("refuses a bad level in Chinese too", async () => {
    const r = await run(["--intervals", "2", "--lang", "zh-CN"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^cva：--intervals必须小于 1；实际为2\n/);
    expect(r.err).not.toMatch(/must be/);
  });
});
