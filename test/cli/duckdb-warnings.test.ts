// What cva tells the user about the data, side by side for both engines (docs/engines.md §1,
// docs/inputs.md §5): the summary's warnings — rows after today, dates far from the others, an
// end such a date set, rows after --end, an end after today, customers with no purchase — and the
// first bad row of a file (its data row, line and column; an empty id, a date that is not one, a
// date before 1900, a bare number, an amount that is not one or is too large), in English and
// Chinese. The DuckDB engine must print exactly the memory engine's lines on stderr, and compute
// the same summary. The files are written by the test; "today" is the test machine's clock, as
// the CLI's, so the dates after it are in 2999.
import * as path from "path";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-duck-warn-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** A log of 12 customers buying monthly through 2024 (rows 1–144), then `extra` rows. */
function log(extra: string[]): string {
  const rows = ["customer_id,date,amount"];
  for (let c = 1; c <= 12; c++) for (let m = 1; m <= 12; m++) rows.push(`c${c},2024-${String(m).padStart(2, "0")}-${String(c + 10).padStart(2, "0")},${c + m}.25`);
  return [...rows, ...extra].join("\n") + "\n";
}

/** Both engines on the same file and options, in both languages: the same stderr, and (when it succeeds) the same summary. */
async function expectSameMessages(file: string, extra: string[] = []): Promise<string> {
  let english = "";
  for (const lang of ["en-US", "zh-CN"]) {
    const memory = await run(["summary", file, ...extra, "--lang", lang]);
    const duck = await run(["summary", file, ...extra, "--engine", "duckdb", "--lang", lang]);
    expect(duck.err).toBe(memory.err);
    expect(duck.code).toBe(memory.code);
    if (memory.code === 0) {
      const a = csvColumns(duck.out), b = csvColumns(memory.out);
      expect(a.customer_id).toEqual(b.customer_id);
      for (const k of ["frequency", "first", "last", "orders"]) expect(a[k]).toEqual(b[k]);
      for (const k of ["recency", "T", "monetary", "revenue"]) b[k].forEach((v, i) => expect(Math.abs(Number(a[k][i]) - Number(v))).toBeLessThanOrEqual(1e-14 * Math.abs(Number(v))));
    }
    if (lang === "en-US") english = memory.err;
    else if (english !== "") expect(memory.err).not.toBe(english); // the Chinese texts are told
  }
  return english;
}

describe("the summary's warnings", () => {
  test.each<[string, string[], string[], RegExp[]]>([
    // 2999 is after today and far out; it sets the end, which is then an outlier too.
    ["a row after today, which set the end", ["c3,2999-01-05,4"], [], [/1 row is dated after today/, /far from/, /2999-01-05/]],
    // 1990 is 34 years before the rest: far out (and, the earliest, shifts no end).
    ["far-out early dates", ["c4,1990-03-01,7", "c5,1990-03-02,8"], [], [/2 rows are/, /1990-03-01, 1990-03-02/]],
    ["rows after --end", [], ["--end", "2024-10-31"], [/24 rows were .*2024-10-31/]],
    ["an end after today", [], ["--end", "2999-12-31"], [/2999-12-31/]],
    // c13 has a refund only, c14 a zero: no purchase; the first in the order of ids is named.
    ["customers with no purchase", ["c14,2024-05-01,0", "c13,2024-06-01,-20"], [], [/2 customers have no purchase.*"c13"/]],
    // 1899-12-31 is day 1, read by both engines: far out.
    ["the first day the core holds", ["c6,1899-12-31,5"], [], [/1 row is dated far from the others: 1899-12-31/]],
    ["all at once", ["c13,2024-06-01,-20", "c3,2999-01-05,4", "c4,1990-03-01,7"], ["--end", "2024-11-30"], [/rows were left out|row was left out/, /no purchase/]],
  ])("%s", async (_, extra, options, en) => {
    const err = await expectSameMessages(s.write(`${_.replace(/\W+/g, "-")}.csv`, log(extra)), options);
    for (const re of en) expect(err).toMatch(re);
    expect(err.split("\n").filter((l) => l.startsWith("cva: warning:")).length).toBeGreaterThan(0);
  });

  test("CDNOW: the 8 customers with no purchase, also from cva fit", async () => {
    const err = await expectSameMessages(sample);
    expect(err).toBe('cva: warning: 8 customers have no purchase, only rows with an amount of 0 or less (the first: "0087"); counted as one-time buyers from the first row, with their net revenue\n');
    const memory = await run(["fit", sample, "--json"]);
    const duck = await run(["fit", sample, "--json", "--engine", "duckdb"]);
    expect(duck.err).toBe(memory.err);
    expect(duck.err).toBe(err);
  });

  test("an --end before the first date is refused as the memory engine refuses it", async () => {
    const err = await expectSameMessages(s.write("early-end.csv", log([])), ["--end", "2023-06-30"]);
    expect(err).toMatch(/--end.*2023-06-30.*2024-01-11/);
  });
});

test.each([
  ["an empty file", ""],
  ["a file of blank lines", "\n  \r\n\t\n"],
  ["a file of blank lines in UTF-16", "\ufeff\n \n"],
  ["a header and no rows", "customer_id,date,amount\n"],
])("%s: the memory engine's message", async (name, text) => {
  const bytes = name.endsWith("UTF-16") ? Buffer.from(text, "utf16le") : Buffer.from(text);
  const err = await expectSameMessages(s.write(`${name.replace(/\W+/g, "-")}.csv`, bytes));
  expect(err).toMatch(name.startsWith("a header") ? /has a header but no data rows/ : /the file is empty/);
});

test("Excel serial numbers and YYYYMMDD numbers are dates to both engines, as the core reads them", async () => {
  // 35703 = 1997-09-30 (35703.75: the same day at 18:00); 19971001 and 19971002.5 are YYYYMMDD; 35710 = 1997-10-07.
  const file = s.write("serials.csv", "customer_id,date,amount\na,35703,10\na,35703.75,5\na,19971001,7\nb,19971002.5,3\nb,35710,4\n");
  const err = await expectSameMessages(file, ["--unit", "days"]);
  expect(err).toBe("");
  const c = csvColumns((await run(["summary", file, "--unit", "days", "--engine", "duckdb"])).out);
  expect(c.first).toEqual(["1997-09-30", "1997-10-02"]);
  expect(c.last).toEqual(["1997-10-01", "1997-10-07"]);
});

describe("the first bad row is named by its row, line and column, as the memory engine names it", () => {
  test.each<[string, string[], RegExp]>([
    ["a date that is not one", ["c1,2024-13-45,5"], /row 145 \(line 146\), column "date": cannot read "2024-13-45" as a date/],
    // Day 1 (1899-12-31) is the core's first day; the day before it is refused.
    ["a date before 1900", ["c1,1899-12-30,5"], /row 145 \(line 146\).*"1899-12-30" is before 1900-01-01/],
    ["a date before 1900 in another format", ["c1,1850/01/01,5"], /row 145 \(line 146\).*"1850\/01\/01" is before 1900-01-01/],
    ["a bare number as a date", ["c1,2024,5"], /row 145 \(line 146\).*"2024" is a number, not a date/],
    ["an amount that is not one", ["c1,2024-01-05,abc"], /row 145 \(line 146\), column "amount": cannot read "abc" as an amount/],
    ["an amount too large", ["c1,2024-01-05,1e400"], /row 145 \(line 146\), column "amount"/],
    ["an empty id", ["  ,2024-01-05,5"], /row 145 \(line 146\), column "customer_id"/],
    // JavaScript's trim, which the memory engine's reader applies, removes the ideographic space too.
    ["an id of an ideographic space", ["\u3000,2024-01-05,5"], /row 145 \(line 146\), column "customer_id": the customer id is empty/],
    // The first bad row in the file, whatever its problem: the empty id before the bad date.
    ["the first of several", ["c2,2024-01-05,5", ",2024-01-06,5", "c1,someday,5"], /row 146 \(line 147\), column "customer_id"/],
  ])("%s", async (_, extra, en) => {
    const err = await expectSameMessages(s.write(`bad-${_.replace(/\W+/g, "-")}.csv`, log(extra)));
    expect(err).toMatch(en);
  });
});
