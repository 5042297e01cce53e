// cva forecast --intervals L: the totals' L interval from the core's forecastIntervals (the same
// parameter draws as the customers' intervals, docs/models/forecast.md §6), in the JSON and as a
// line after the totals in the user's language; without the option nothing changes; a bad level
// is refused naming --intervals.
import * as path from "path";
import { main } from "../../src/cli/main";
import { readTransactionsCsv } from "../../src/cli/csv";
import { forecastIntervals, predictBtyd, summarize, type BtydPrediction, type ForecastIntervals } from "../../src/core";
import { fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-forecast-intervals-");
// A quarter of weeks keeps the 200 forecasts quick.
const common = ["--end", "1997-09-30", "--model", "bgnbd", "--periods", "13", "--margin", "0.3"];

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(["forecast", sample, ...common, ...args], io);
  return { code, out: io.out, err: io.err };
}

interface Band { low: number; high: number }
interface Json { totals: { transactions: number; revenue: number; discounted: number }; intervals?: { level: number; draws: number; seed: number; transactions: Band; revenue: Band; discounted: Band } }

describe("cva forecast --intervals", () => {
  const summaries = summarize(readTransactionsCsv(sample), { unit: "weeks", end: "1997-09-30" });
  const pred = predictBtyd(summaries, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const data = { frequency: summaries.map((x) => x.frequency), recency: summaries.map((x) => x.recency), T: summaries.map((x) => x.T), monetary: summaries.map((x) => x.monetary) };
  const core = forecastIntervals(pred, data, { periods: 13, periodLength: 1, margin: 0.3 }, { level: 0.8 }) as ForecastIntervals;

  it("JSON: the totals' bounds are the core's, around the totals; without the option no intervals", async () => {
    const r = await run(["--intervals", "0.8", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(core.ok).toBe(true);
    expect(j.intervals).toEqual({
      level: 0.8, draws: 200, seed: 1,
      transactions: { low: core.transactions.low, high: core.transactions.high },
      revenue: { low: core.revenue.low, high: core.revenue.high },
      discounted: { low: core.discounted.low, high: core.discounted.high },
    });
    for (const k of ["transactions", "revenue", "discounted"] as const) {
      expect(j.intervals?.[k].low).toBeLessThan(j.totals[k]);
      expect(j.intervals?.[k].high).toBeGreaterThan(j.totals[k]);
    }
    const plain = JSON.parse((await run(["--json"])).out) as Json;
    expect(plain.intervals).toBeUndefined();
    expect(plain.totals).toEqual(j.totals);
  }, 120_000);

  it("text: a line after the totals, in English and in Chinese", async () => {
    const m = (v: number) => String(Number(v.toFixed(2)));
    const en = await run(["--intervals", "0.8"]);
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      `\n80 % interval of the totals: ${m(core.transactions.low)} to ${m(core.transactions.high)} repeat purchases, revenue ${m(core.revenue.low)} to ${m(core.revenue.high)}, ` +
        `discounted margin ${m(core.discounted.low)} to ${m(core.discounted.high)} (200 draws of the parameters, seed 1; the uncertainty of the parameters only)\n`,
    );
    const zh = await run(["--intervals", "0.8", "--lang", "zh-CN"]);
    expect(zh.out).toContain(`\n合计的 80% 区间：重复购买 ${m(core.transactions.low)} 至 ${m(core.transactions.high)} 次，收入 ${m(core.revenue.low)} 至 ${m(core.revenue.high)}，`);
    expect((await run([])).out).not.toContain("interval");
  }, 120_000);

  it.each([
    ["1", /^cva: --intervals must be below 1; got 1\n/],
    ["0", /^cva: --intervals must be greater than 0; got 0/],
  ])("refuses --intervals %s before reading the file, naming it", async (v, message) => {
    const r = await run(["--intervals", v]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
  });
});
