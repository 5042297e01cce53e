// cva forecast --intervals L: each period's and the totals' L predictive interval (what the
// customers will actually buy: parameter draws, each with every customer's purchases simulated;
// docs/models/forecast.md §6) from the core's predictiveForecast, in the JSON (rows' low/high
// fields, "intervals" with the totals'), the CSV schedule's six low/high columns (stdout and --out)
// and a line after the totals in the user's language; each contains the parameter-only interval
// (forecastIntervals) at the same level and seed; without the option nothing changes; a bad level
// is refused naming --intervals.
import * as path from "path";
import { main } from "../../src/cli/main";
import { readTransactionsCsv } from "../../src/cli/csv";
import * as fs from "fs";
import { forecastIntervals, predictBtyd, predictiveForecast, summarize, type BtydPrediction, type ForecastIntervals, type PredictiveForecast } from "../../src/core";
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
type Row = Record<string, number | string>;
interface Json { rows: Row[]; totals: { transactions: number; revenue: number; discounted: number }; intervals?: { kind: string; level: number; draws: number; seed: number; transactions: Band; revenue: Band; discounted: Band } }

describe("cva forecast --intervals", () => {
  const summaries = summarize(readTransactionsCsv(sample), { unit: "weeks", end: "1997-09-30" });
  const pred = predictBtyd(summaries, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;
  const data = { frequency: summaries.map((x) => x.frequency), recency: summaries.map((x) => x.recency), T: summaries.map((x) => x.T), monetary: summaries.map((x) => x.monetary) };
  const core = predictiveForecast(pred, data, { periods: 13, periodLength: 1, margin: 0.3 }, { level: 0.8 }) as PredictiveForecast;
  const only = forecastIntervals(pred, data, { periods: 13, periodLength: 1, margin: 0.3 }, { level: 0.8 }) as ForecastIntervals;

  it("JSON: the totals' and each period's bounds are the core's predictive ones, containing the parameter-only ones; without the option no intervals", async () => {
    const r = await run(["--intervals", "0.8", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(core.ok && only.ok).toBe(true);
    // The CDNOW sample (BG/NBD, 13 weeks from 1997-09-30): 628 repeat purchases; the parameter-only interval inside the predictive one.
    expect(j.totals.transactions).toBeGreaterThan(600);
    expect(j.totals.transactions).toBeLessThan(660);
    for (const k of ["transactions", "revenue", "discounted"] as const) {
      expect(core[k].low).toBeLessThan(only[k].low);
      expect(core[k].high).toBeGreaterThan(only[k].high);
    }
    j.rows.forEach((row, k) => {
      expect([row.transactionsLow, row.transactionsHigh]).toEqual([core.periods.transactions.low[k], core.periods.transactions.high[k]]);
      expect([row.revenueLow, row.revenueHigh, row.discountedLow, row.discountedHigh]).toEqual([
        core.periods.revenue.low[k], core.periods.revenue.high[k], core.periods.discounted.low[k], core.periods.discounted.high[k],
      ]);
      expect(row.transactionsLow).toBeLessThan(row.transactions as number);
      expect(row.transactionsHigh).toBeGreaterThan(row.transactions as number);
    });
    expect(j.intervals).toEqual({
      kind: "predictive", level: 0.8, draws: 200, seed: 1,
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
    expect(Object.keys(plain.rows[0])).toEqual(["period", "endDate", "end", "transactions", "revenue", "discounted"]);
    expect(plain.totals).toEqual(j.totals);
  }, 120_000);

  it("text: a line after the totals, in English and in Chinese", async () => {
    const m = (v: number) => String(Number(v.toFixed(2)));
    const en = await run(["--intervals", "0.8"]);
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      `\n80 % predictive interval of the totals, what the customers will actually buy: ${m(core.transactions.low)} to ${m(core.transactions.high)} repeat purchases, ` +
        `revenue ${m(core.revenue.low)} to ${m(core.revenue.high)}, discounted margin ${m(core.discounted.low)} to ${m(core.discounted.high)} ` +
        "(200 draws of the parameters, each with every customer's purchases simulated, seed 1; both the parameters' uncertainty and each customer's own chance)\n",
    );
    const zh = await run(["--intervals", "0.8", "--lang", "zh-CN"]);
    expect(zh.out).toContain(`\n合计的 80% 预测区间（客户实际会购买多少）：重复购买 ${m(core.transactions.low)} 至 ${m(core.transactions.high)} 次，收入 ${m(core.revenue.low)} 至 ${m(core.revenue.high)}，`);
    expect(zh.out).toContain("既含参数的不确定性，也含每位客户自身的随机波动");
    expect((await run([])).out).not.toContain("interval");
  }, 120_000);

  it("CSV: six low/high columns after the figures, on standard output and in --out, with the total row's", async () => {
    const head = "period,end_date,transactions,revenue,discounted,transactions_low,transactions_high,revenue_low,revenue_high,discounted_low,discounted_high";
    const f = (v: number) => String(Number(v.toFixed(6)));
    const en = await run(["--intervals", "0.8"]);
    const lines = en.out.split("\n");
    const at = lines.indexOf(head);
    expect(at).toBeGreaterThan(0);
    const first = lines[at + 1].split(",");
    expect(first.slice(5).map(Number).map((v) => Number(v.toFixed(6)))).toEqual(
      [core.periods.transactions.low[0], core.periods.transactions.high[0], core.periods.revenue.low[0], core.periods.revenue.high[0], core.periods.discounted.low[0], core.periods.discounted.high[0]].map((v) => Number(f(v))),
    );
    const total = lines[at + 14].split(",");
    expect(total[0]).toBe("total");
    expect(total.slice(5).map((v) => Number(Number(v).toFixed(6)))).toEqual(
      [core.transactions.low, core.transactions.high, core.revenue.low, core.revenue.high, core.discounted.low, core.discounted.high].map((v) => Number(f(v))),
    );
    const out = path.join(s.dir(), "schedule.csv");
    expect((await run(["--intervals", "0.8", "--out", out])).code).toBe(0);
    const file = fs.readFileSync(out, "utf8").split("\n");
    expect(file[0]).toBe(head);
    expect(file[1]).toBe(lines[at + 1]);
    expect(file).toHaveLength(15);
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
