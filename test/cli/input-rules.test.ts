// Silent mix-ups in the files the CLI reads, and the blank rows Excel leaves at the end of a CSV:
// each is either handled by a documented rule (docs/inputs.md §3, §7) or named in an error or a
// warning, never decided silently.
import * as fs from "fs";
import { main } from "../../src/cli/main";
import { fakeIo, fittableTransactions, scratch } from "./helpers";

const s = scratch("cva-in-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe("mix-ups in the columns and ids", () => {
  it("a duplicated header that a role would use is an error naming it and both columns", async () => {
    const tx = s.write("dup.csv", "id,date,amount,Amount\nA,2024-01-01,10,99\n");
    const r = await run(["summary", tx]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dup\.csv: the header names "amount" more than once \(columns 3, 4\)/i);
    expect(r.out).toBe("");
  });
  it("a duplicated header no role uses is a warning, and the run goes on", async () => {
    const tx = s.write("dup2.csv", "id,date,amount,note,note\nA,2024-01-01,10,x,y\n");
    const r = await run(["summary", tx]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: dup2\.csv: the header names "note" more than once \(columns 4, 5\); neither is used/);
  });
  it("one column in two roles (--id amount --amount amount) is refused, naming both options", async () => {
    const tx = s.write("roles.csv", "id,date,amount\nA,2024-01-01,10\n");
    const r = await run(["summary", tx, "--id", "amount", "--amount", "AMOUNT"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--id and --amount both name the column "amount"/);
  });
  it("an option naming a column that is not there says which option, as typed", async () => {
    const tx = s.write("roles2.csv", "id,date,amount\nA,2024-01-01,10\n");
    const r = await run(["summary", tx, "--amount", "sales"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/roles2\.csv: --amount names the column "sales", which is not in the header; the columns are: id, date, amount/);
  });
  it('a quoted " C1" is the same customer as C1: ids are trimmed, quoted or not', async () => {
    const tx = s.write("spaces.csv", 'id,date,amount\n" C1",2024-01-01,10\nC1,2024-01-08,5\n"C1 ",2024-01-15,5\n');
    const r = await run(["summary", tx, "--unit", "days"]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").slice(1)).toEqual(["C1,2,14,14,5,20,2024-01-01,2024-01-15,3"]);
  });
  it("profiles whose ids match no customer are named in a warning with their count, on stderr and in the report", async () => {
    const tx = s.write("fit.csv", fittableTransactions(12));
    const profiles = s.write("p.csv", "id,complaints\nc1,1\nzz1,2\nzz2,0\nzz3,0\nzz4,0\nzz5,0\nzz6,0\n");
    const report = `${s.dir()}/p-report.json`;
    const r = await run(["analyze", tx, "--profiles", profiles, "--model", "none", "--report", report]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: 6 profiles match no customer in the transactions and are left out: zz1, zz2, zz3, zz4, zz5, …/);
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    expect(json.profilesWithoutTransactions).toBe(6);
    expect(json.warnings.map((w: { key: string }) => w.key)).toContain("warn.profilesWithoutTransactions");
    const one = await run(["analyze", tx, "--profiles", s.write("p1.csv", "id,complaints\nzz9,1\n"), "--model", "none", "--lang", "zh-CN"]);
    expect(one.err).toMatch(/警告：1 条客户资料在交易中找不到对应的客户，未参与分析：zz9/);
  });
  it("a customer with two profile rows is a warning naming the id", async () => {
    const tx = s.write("fit2.csv", fittableTransactions(12));
    const profiles = s.write("p2.csv", "id,complaints\nc1,1\nc1,4\n");
    const r = await run(["analyze", tx, "--profiles", profiles, "--model", "none"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: p2\.csv: 1 customer has more than one profile row: c1; the last row is used/);
  });
});

describe("blank rows as Excel saves them", () => {
  it("trailing ,, rows and blank rows in the middle are skipped by every command", async () => {
    const tx = s.write("blank.csv", "id,date,amount\r\nA,2024-01-01,10\r\n,,\r\n , ,\r\nA,2024-01-08,20\r\n,,\r\n,,\r\n");
    const summary = await run(["summary", tx, "--unit", "days"]);
    expect([summary.code, summary.err]).toEqual([0, ""]);
    expect(summary.out.trim().split("\n").slice(1)).toEqual(["A,1,7,7,20,30,2024-01-01,2024-01-08,2"]);
    const analyze = await run(["analyze", tx, "--model", "none"]);
    expect(analyze.code).toBe(0);
    const fit = s.write("blank-fit.csv", fittableTransactions(30) + ",,\n,,\n\"\",,\n");
    for (const command of [["fit", fit], ["predict", fit], ["validate", fit, "--calibration-end", "2024-03-31"]]) {
      const r = await run(command);
      expect([command[0], r.code]).toEqual([command[0], 0]);
    }
  });
  it("a profiles file with ,,, rows", async () => {
    const tx = s.write("fit3.csv", fittableTransactions(12));
    const profiles = s.write("p3.csv", "id,complaints,reputation\nc1,1,4\n,,\n,,\n");
    const r = await run(["analyze", tx, "--profiles", profiles, "--model", "none"]);
    expect([r.code, r.err]).toEqual([0, ""]);
  });
  it("a row with an id but an empty date is still an error, not skipped", async () => {
    const tx = s.write("half.csv", "id,date,amount\nA,2024-01-01,10\nB,,5\n");
    const r = await run(["summary", tx]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 2 \(line 3\), column "date"/);
  });
});
