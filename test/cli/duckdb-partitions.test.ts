// The DuckDB engine's summary by parts (src/cli/engine/duckdb-partitions.ts), which big files take:
// forced on CDNOW and on small logs, it gives the summary of the file in one piece — the same
// customers in the same order with the same figures, the
// same distinct histories and spend pairs in the same order for the fit — and trims padded ids as
// the one-piece summary does. Sums of amounts agree to 1e-12 relative, not to the bit: DuckDB adds
// a group's values in no fixed order, whether in one piece or in parts.
import * as path from "path";
import { duckFitData, duckSummary, type DuckSummaryRun } from "../../src/cli/engine/duckdb-run";
import { partsFor, PARTITION_BYTES } from "../../src/cli/engine/duckdb-partitions";
import { fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-parts-test-");

async function summaryText(o: Partial<DuckSummaryRun> & { file: string }): Promise<string> {
  const io = fakeIo(s.dir());
  await duckSummary(io, { columns: {}, unit: "weeks", purchasePeriod: "day", ...o });
  return io.out;
}

/** Every line of two summary CSVs: texts equal, numbers within 1e-12 relative. */
function expectSameSummary(got: string, want: string): void {
  const a = got.trimEnd().split("\n"), b = want.trimEnd().split("\n");
  expect(a.length).toBe(b.length);
  a.forEach((line, i) => {
    const x = line.split(","), y = b[i].split(",");
    expect(x.length).toBe(y.length);
    x.forEach((v, j) => {
      const n = Number(v), m = Number(y[j]);
      if (i === 0 || Number.isNaN(m) || j === 0) expect(v).toBe(y[j]);
      else expect(Math.abs(n - m)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(m)));
    });
  });
}

test("files above 1 GiB are summarised in parts of about 256 MiB", () => {
  expect(partsFor(1000)).toBe(1);
  expect(partsFor(PARTITION_BYTES)).toBe(1);
  expect(partsFor(PARTITION_BYTES + 1)).toBe(5); // 1 GiB + 1 byte over 256 MiB parts
  expect(partsFor(2_700_416_108)).toBe(11); // the 100-million-row benchmark log
});

test.each([
  [{}],
  [{ purchasePeriod: "week" as const }],
  [{ purchasePeriod: "month" as const, unit: "months" as const, end: 35810 }], // end 1998-01-15
])("CDNOW in 7 parts is the summary in one piece, line for line (%j)", async (settings) => {
  const whole = await summaryText({ file: sample, ...settings, parts: 1 });
  const parted = await summaryText({ file: sample, ...settings, parts: 7 });
  expect(whole.split("\n").length).toBe(2359); // header, 2,357 customers, final newline
  expectSameSummary(parted, whole);
});

test("the fit's distinct histories by parts are those in one piece, in the same order, and the spend the same", async () => {
  const base = { file: sample, columns: {}, unit: "weeks" as const, purchasePeriod: "day" as const };
  const whole = await duckFitData({ ...base, parts: 1 });
  const parted = await duckFitData({ ...base, parts: 5 });
  expect(parted.histories).toEqual(whole.histories);
  // The (x, mean spend) pairs: each repeat buyer's figures, a mean spend to 1e-12 (a last-digit
  // difference makes two customers one pair in one run and two pairs in another).
  const buyers = (p: typeof whole.spend) =>
    Array.from(p.frequency, (x, i) => Array.from({ length: p.weights[i] }, () => [x, p.monetary[i]] as const))
      .flat()
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const [a, b] = [buyers(parted.spend), buyers(whole.spend)];
  expect(a.length).toBe(b.length);
  a.forEach(([x, m], i) => {
    expect(x).toBe(b[i][0]);
    expect(Math.abs(m - b[i][1])).toBeLessThanOrEqual(1e-12 * Math.abs(b[i][1]));
  });
  expect(whole.histories.weights.reduce((a, b) => a + b, 0)).toBe(2357);
});

test("padded ids by parts: one customer per trimmed id, as in one piece", async () => {
  const log = s.write("padded.csv", 'customer_id,date,amount\nc1,2024-01-01,10\n" c1",2024-01-05,20\n"c1\u3000",2024-01-09,30\nc2,2024-01-03,7\n');
  const parted = await summaryText({ file: log, unit: "days", parts: 4 });
  expectSameSummary(parted, await summaryText({ file: log, unit: "days", parts: 1 }));
  // By hand: c1 bought on Jan 1, 5 and 9 — frequency 2, repeat mean (20 + 30) / 2 = 25.
  expect(parted.split("\n")[1]).toMatch(/^c1,2,8\.0,8\.0,25\.0,60\.0,2024-01-01,2024-01-09,3$/);
});
