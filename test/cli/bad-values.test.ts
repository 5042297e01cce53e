// Bad numbers and dates through `cva` (main() with a fake io): a customer with no purchase, numbers
// where dates belong, typos far from the data, amounts past 1.8e308, rates typed as percentages and
// a population with no spread (docs/summary.md §1, docs/inputs.md §5 and §9, docs/pyramid.md §11,
// docs/lifetime-value.md §3).
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { fakeIo, scratch } from "./helpers";

const cdnow = fs.readFileSync(path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv"), "utf8");
const files = scratch("cva-bad-values-");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(files.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe("a customer with only zero rows among the CDNOW customers", () => {
  it("analyze and predict run (they stopped with 'recency is 4 but frequency is 0 in row 2358'), and stderr counts the customer", async () => {
    const f = files.write("zero-rows.csv", cdnow + "zz,1997-02-01,1,0\nzz,1997-03-01,1,0\n");
    for (const command of ["analyze", "predict"]) {
      const r = await run([command, f, "--end", "1997-09-30"]);
      expect([command, r.code]).toEqual([command, 0]);
      // CDNOW has 8 such customers of its own (one zero-amount row each), the first 0087.
      expect(r.err).toContain('9 customers have no purchase, only rows with an amount of 0 or less (the first: "0087")');
      const zz = r.out.split("\n").find((l) => l.startsWith("zz,"));
      expect(zz?.split(",").slice(1, 3)).toEqual(["0", "0"]);
    }
  });
});

describe("dates", () => {
  it("a bare 2024 or 5 in the date column is refused, naming the row and line", async () => {
    const r = await run(["summary", files.write("year.csv", "id,date,amount\na,2024-01-05,10\na,2024,12\n")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('row 2 (line 3), column "date": "2024" is a number, not a date');
    expect((await run(["summary", files.write("five.csv", "id,date,amount\na,5,10\n")])).err).toContain('"5" is a number, not a date');
  });
  it("1850-05-01 is refused because Excel dates start in 1900, not with 'expected YYYY-MM-DD'", async () => {
    const r = await run(["summary", files.write("old.csv", "id,date,amount\na,1850-05-01,10\n")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("is before 1900-01-01, the first date Excel can hold");
    expect(r.err).not.toContain("expected YYYY-MM-DD");
  });
  it("a typo dated 9999-12-31 is reported as after today, far from the other dates, and as the default end", async () => {
    const r = await run(["summary", files.write("typo.csv", cdnow + "0001,9999-12-31,1,5\n")]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 row is dated after today \(\d{4}-\d\d-\d\d\): the latest 9999-12-31/);
    expect(r.err).toContain("1 row is dated far from the others: 9999-12-31");
    expect(r.err).toContain("the observation end defaults to the last date, 9999-12-31");
  });
  it("rows after --end are counted on stderr", async () => {
    const r = await run(["summary", path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv"), "--end", "1997-09-30"]);
    expect(r.err).toMatch(/\d+ rows were left out: dated after the observation end 1997-09-30/);
  });
});

describe("numbers past 1.8e308", () => {
  it("an amount of 1e400 is refused, naming its row; it was written out as Infinity", async () => {
    const r = await run(["summary", files.write("huge.csv", "id,date,amount\na,2024-01-05,10\na,2024-01-06,1e400\n")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('row 2 (line 3), column "amount": "1e400" is beyond 1.8e308, the largest number CVA can compute with');
    expect(r.out).toBe("");
  });
  it("amounts adding up past 1.8e308 stop summary and predict with the customer named; no Infinity is written", async () => {
    const f = files.write("sum.csv", cdnow + "big,1997-02-01,1,1e308\nbig,1997-03-01,1,1e308\n");
    for (const command of ["summary", "predict"]) {
      const r = await run([command, f]);
      expect([command, r.code]).toEqual([command, 1]);
      expect(r.err).toContain('the amounts of customer "big" add up to more than 1.8e308');
      expect(r.out).not.toContain("Infinity");
    }
  });
});

describe("rates", () => {
  const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
  it("predict refuses a negative monthly discount and a margin share of 30", async () => {
    const neg = await run(["predict", sample, "--discount", "-0.99", "--horizon-months", "120"]);
    expect(neg.code).not.toBe(0);
    expect(neg.err).toContain("must be 0 or more: a negative rate makes money later worth more than money now; got -0.99");
    const pct = await run(["predict", sample, "--margin", "30"]);
    expect(pct.code).not.toBe(0);
    expect(pct.err).toContain("got 30. Did you mean 0.3?");
  });
  it("analyze refuses --margin-share 30 and --discount 10", async () => {
    expect((await run(["analyze", sample, "--margin-share", "30"])).err).toContain("Did you mean 0.3?");
    expect((await run(["analyze", sample, "--discount", "10"])).err).toContain("is a rate below 1 (0.1 = 10%); got 10. Did you mean 0.1?");
  });
});

describe("a population with no spread", () => {
  it("analyze of 200 customers who all spent 0 gives no tiers and says why, in the CSV and the report", async () => {
    const lines = ["id,date,amount"];
    for (let i = 0; i < 200; i++) lines.push(`z${i},2024-01-${String(1 + (i % 28)).padStart(2, "0")},0`);
    const report = path.join(files.dir(), "flat-report.json");
    const r = await run(["analyze", files.write("flat.csv", lines.join("\n") + "\n"), "--model", "none", "--report", report]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("all 200 customers have the same revenue (0): the pyramid cannot rank them, so no tiers are given");
    const rows = r.out.trim().split("\n");
    const header = rows[0].split(",");
    const tierCol = header.indexOf("tier");
    expect(new Set(rows.slice(1).map((l) => l.split(",")[tierCol]))).toEqual(new Set(["0"]));
    expect(r.out).not.toContain("best resources");
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    expect(json.tiers).toEqual([]);
    expect(json.warnings.map((w: { key: string }) => w.key)).toContain("warn.noSpread");
  });
});
