// --period day|week|month: what counts as one purchase, separate from --unit. A week reproduces
// lifetimes' summary_data_from_transaction_data(freq='W') on CDNOW (test/fixtures/lifetimes-period.py
// made the fixture); a month and the unit are checked on a log worked by hand.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/lifetimes-period.json"), "utf8")) as {
  cases: { freq: string; end: string | null; rows: [string, number, number, number, number][] }[];
};
const s = scratch("cva-period-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe.each(fixture.cases)("--period week = lifetimes freq='W' (end $end)", ({ end, rows }) => {
  test("frequency, recency and T exactly, monetary to 1e-12, for all 2,357 customers", async () => {
    const r = await run(["summary", sample, "--period", "week", "--unit", "weeks", ...(end ? ["--end", end] : [])]);
    expect(r.code).toBe(0);
    const c = csvColumns(r.out);
    expect(c.customer_id).toEqual(rows.map((x) => x[0]));
    rows.forEach(([, x, tx, T, m], i) => {
      expect(Number(c.frequency[i])).toBe(x);
      expect(Number(c.recency[i])).toBe(tx);
      expect(Number(c.T[i])).toBe(T);
      expect(Math.abs(Number(c.monetary[i]) - m)).toBeLessThanOrEqual(1e-12 * Math.max(1, m));
    });
  });
});

test("--period day is today's summary, byte for byte", async () => {
  const a = await run(["summary", sample]);
  const b = await run(["summary", sample, "--period", "day"]);
  expect(b.out).toBe(a.out);
  expect(a.out.length).toBeGreaterThan(1000);
});

// By hand: 2024-01-31 (Wed) 10, 2024-02-01 (Thu) 20, 2024-02-15 (Thu) 5, 2024-04-10 (Wed) 7; end 2024-05-20 (Mon).
// day:   purchase days 4 → x 3; t_x 70 days; T 110 days; monetary (20 + 5 + 7)/3.
// week:  weeks of Jan 29, Feb 12, Apr 8 → x 2; t_x (Apr 8 − Jan 29)/7 = 10; T (May 20 − Jan 29)/7 = 16; monetary (5 + 7)/2 = 6.
// month: Jan, Feb, Apr → x 2; t_x 3 months; T 4 months; monetary (25 + 7)/2 = 16; in days 3 × 30.4375 and 4 × 30.4375.
test.each([
  ["day", "days", { frequency: 3, recency: 70, T: 110, monetary: 32 / 3 }],
  ["week", "weeks", { frequency: 2, recency: 10, T: 16, monetary: 6 }],
  ["week", "days", { frequency: 2, recency: 70, T: 112, monetary: 6 }],
  ["month", "months", { frequency: 2, recency: 3, T: 4, monetary: 16 }],
  ["month", "days", { frequency: 2, recency: 91.3125, T: 121.75, monetary: 16 }],
])("--period %s --unit %s on a log worked by hand", async (period, unit, want) => {
  const log = s.write(`hand-${period}-${unit}.csv`, "customer_id,date,amount\na,2024-01-31,10\na,2024-02-01,20\na,2024-02-15,5\na,2024-04-10,7\n");
  const r = await run(["summary", log, "--period", period, "--unit", unit, "--end", "2024-05-20"]);
  expect(r.code).toBe(0);
  const c = csvColumns(r.out);
  expect(Number(c.frequency[0])).toBe(want.frequency);
  expect(Number(c.recency[0])).toBe(want.recency);
  expect(Number(c.T[0])).toBe(want.T);
  expect(Number(c.monetary[0])).toBeCloseTo(want.monetary, 12);
});

test("cva fit --period week fits lifetimes' weekly summary: the same parameters, to the bit", async () => {
  const rows = fixture.cases.find((c) => c.end === null)!.rows;
  const file = s.write("weekly.csv", ["customer_id,frequency,recency,T,monetary_value", ...rows.map((r) => r.join(","))].join("\n") + "\n");
  const a = await run(["fit", sample, "--period", "week", "--json"]);
  const b = await run(["fit", file, "--json"]);
  expect(a.code).toBe(0);
  expect(JSON.parse(a.out).params).toEqual(JSON.parse(b.out).params);
  expect(JSON.parse(a.out).customers).toBe(2357);
});

test("an unknown --period is a usage error in both languages", async () => {
  const en = await run(["summary", sample, "--period", "year"]);
  expect(en.code).toBe(2);
  expect(en.err).toContain('--period must be one of day, week, month; got "year"');
  const zh = await run(["predict", sample, "--period", "year", "--lang", "zh-CN"]);
  expect(zh.code).toBe(2);
  expect(zh.err).toContain("--period");
  expect(zh.err).toContain("day, week, month");
});
