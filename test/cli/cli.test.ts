// The cva CLI: main() with a fake io for every bad input a user can give it, and the real binary
// (bin/cva.js on the compiled lib/) spawned for the happy path and the exit code.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import { expectedChurned } from "../core/churn-expect";

const root = path.resolve(__dirname, "../..");
const cdnow = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
let dir: string;

function fakeIo(): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", cwd: dir, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}
function write(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cva-cli-"));
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.cli.json")], { cwd: root });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("cva summary", () => {
  it("writes the CDNOW summary as CSV (spawned binary)", () => {
    const r = spawnSync(process.execPath, [path.join(root, "bin/cva.js"), "summary", cdnow, "--end", "1997-09-30"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("customer_id,frequency,recency,T,monetary,revenue,first,last,orders");
    expect(lines).toHaveLength(2358);
    // Customer 1: x 2, t_x 213/7, T 272/7, zbar 22.345, revenue 29.33+29.73+14.96 = 74.02, 3 orders.
    expect(lines[1]).toBe("0001,2,30.4285714285714,38.8571428571429,22.345,74.02,1997-01-01,1997-08-02,3");
  });
  it("matches Chinese headers and --unit days", async () => {
    const f = write("zh.csv", "客户编号,交易日期,金额\nA,2024-01-01,10\nA,2024-01-08,20\n");
    const io = fakeIo();
    expect(await main(["summary", f, "--unit", "days"], io)).toBe(0);
    expect(io.out).toBe("customer_id,frequency,recency,T,monetary,revenue,first,last,orders\nA,1,7,7,20,30,2024-01-01,2024-01-08,2\n");
  });
  it("reads Excel serial dates, semicolons and quoted fields", async () => {
    const f = write("semi.csv", 'id;date;amount\n"A;1";45292;"10.5"\n"A;1";45299;2\n');
    const io = fakeIo();
    expect(await main(["summary", f, "--unit", "days"], io)).toBe(0);
    expect(io.out.split("\n")[1]).toBe('A;1,1,7,7,2,12.5,2024-01-01,2024-01-08,2');
  });
});

describe("bad input: non-zero exit and a one-line message naming row and column", () => {
  async function fails(args: string[], pattern: RegExp): Promise<void> {
    const io = fakeIo();
    const code = await main(args, io);
    expect(code).not.toBe(0);
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.err).toMatch(pattern);
    expect(io.out).toBe("");
  }
  it("missing column", async () => {
    await fails(["summary", write("nocol.csv", "id,date\n1,2024-01-01\n")], /missing column for amount/);
  });
  it("unparseable date", async () => {
    await fails(["summary", write("baddate.csv", "id,date,amount\n1,2024-01-01,5\n2,2024-13-01,5\n")], /baddate\.csv: row 2 \(line 3\), column "date": cannot read "2024-13-01" as a date/);
  });
  it("unparseable amount", async () => {
    await fails(["summary", write("badamt.csv", "id,date,amount\n1,2024-01-01,5\n1,2024-01-02,12,5\n1,2024-01-03,abc\n")], /row 3 \(line 4\), column "amount": cannot read "abc" as an amount/);
  });
  it("empty file and header only", async () => {
    await fails(["summary", write("empty.csv", "")], /the file is empty/);
    await fails(["summary", write("header.csv", "id,date,amount\n")], /header but no data rows/);
  });
  it("not CSV", async () => {
    await fails(["summary", write("bin.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0]))], /not a CSV file/);
    await fails(["summary", write("text.csv", "just some prose\nwith lines\n")], /does not look like CSV/);
  });
  it("a missing file and an unknown option", async () => {
    await fails(["summary", path.join(dir, "nope.csv")], /no such file/);
    const io = fakeIo();
    expect(await main(["summary", "x.csv", "--bogus", "1"], io)).toBe(2);
    expect(io.err).toMatch(/unknown option --bogus/);
  });
  it("never leaves a partial output file", async () => {
    const good = write("good.csv", "id,date,amount\n1,2024-01-01,5\n");
    const bad = write("bad.csv", "id,date,amount\n1,2024-01-01,5\n1,nonsense,5\n");
    const out = path.join(dir, "results.csv");
    const report = path.join(dir, "report.json");
    const io = fakeIo();
    expect(await main(["analyze", bad, "--out", out, "--report", report], io)).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(report)).toBe(false);
    // A report path in a directory that does not exist: the results file is not written either.
    expect(await main(["analyze", good, "--out", out, "--report", path.join(dir, "no/such/dir/r.json")], io)).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("cva analyze", () => {
  it("writes results and a report (zh-CN), atomically", async () => {
    const out = path.join(dir, "cd-results.csv");
    const report = path.join(dir, "cd-report.json");
    const profiles = write("profiles.csv", "customer_id,complaints,reputation\n0001,2,4\n0002,0,5\n");
    const io = fakeIo();
    const code = await main(["analyze", cdnow, "--end", "1997-09-30", "--out", out, "--report", report, "--lang", "zh-CN", "--profiles", profiles], io);
    // The default model (auto: MBG/NBD on CDNOW, docs/models/choice.md) with its fitted
    // parameters and why it was chosen, in the report's language, on stderr.
    // (After the warning, in Chinese too, that the rows after --end were left out.)
    expect(io.err).toMatch(/^cva：警告：.*1997-09-30/);
    expect(io.err).toMatch(/^cva：MBG\/NBD（2357 位客户）：r 0\.5248，alpha 6\.183，a 0\.8914，b 1\.614；Gamma-Gamma（946 位重复购买客户）/m);
    expect(io.err).toMatch(/^cva：选择 MBG\/NBD：/m);
    expect(code).toBe(0);
    const lines = fs.readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(2358);
    const r = JSON.parse(fs.readFileSync(report, "utf8"));
    expect(r.customers).toBe(2357);
    expect(r.valueMeasure).toBe("clv");
    expect(r.model.fitted).toBe(true);
    // The value column is the CLV column; P(alive) < 0.1 or silence beyond the churn gap is the churned stage (流失,
    // docs/customer-state.md §2).
    const header = lines[0].split(",");
    const [value, clv, pAlive, stage] = ["value", "clv", "p_alive", "stage"].map((h) => header.indexOf(h));
    const [x, tx, T] = ["frequency", "recency", "T"].map((h) => header.indexOf(h));
    const rows = lines.slice(1).map((l) => l.split(","));
    const churned = expectedChurned(rows.map((c) => ({ summary: { frequency: Number(c[x]), recency: Number(c[tx]), T: Number(c[T]) }, pAlive: Number(c[pAlive]) })));
    expect(churned.filter(Boolean).length).toBeGreaterThan(1000);
    for (const [i, l] of lines.slice(1).entries()) {
      const c = l.split(",");
      expect(c[value]).toBe(c[clv]);
      expect(c[stage] === "流失").toBe(churned[i]);
      // Under MBG/NBD a customer without repeat purchases may have left: P(alive) < 1 (BG/NBD says 1).
      if (c[header.indexOf("frequency")] === "0") expect(Number(c[pAlive])).toBeLessThan(1);
    }
    expect(r.tiers.map((t: { label: string }) => t.label)).toEqual(["关键客户（顶层）", "关键客户", "普通客户", "小客户"]);
    expect(r.loyalty.complaints).toBe(2);
    expect(r.loyalty.dissatisfiedEstimate).toBe(40);
    expect(r.gini).toBeGreaterThan(0);
  });
  it("--model none ranks by revenue; a model that cannot be fitted falls back with a warning", async () => {
    const io = fakeIo();
    expect(await main(["analyze", cdnow, "--end", "1997-09-30", "--model", "none", "--report", path.join(dir, "none.json"), "--out", path.join(dir, "none.csv")], io)).toBe(0);
    // No model, so no model line: only the warnings that the rows after --end were left out and that
    // 8 CDNOW customers bought only for 0 (one-time buyers, docs/summary.md §1).
    expect(io.err.trim().split("\n")).toEqual([
      expect.stringMatching(/^cva: warning: .*after the observation end 1997-09-30/),
      expect.stringMatching(/^cva: warning: 8 customers have no purchase/),
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "none.json"), "utf8")).valueMeasure).toBe("revenue");
    const few = write("few.csv", "customer_id,date,amount\na,2024-01-01,10\na,2024-02-01,5\nb,2024-01-03,20\n");
    const io2 = fakeIo();
    expect(await main(["analyze", few], io2)).toBe(0);
    expect(io2.err).toBe("cva: Lifetime value not computed: 2 customers, and the lifetime models need at least 10. The pyramid ranks by Revenue instead.\n");
    const io3 = fakeIo();
    expect(await main(["analyze", few, "--model", "pareto"], io3)).toBe(2);
    expect(io3.err).toMatch(/--model must be one of auto, bgnbd, mbgnbd, paretonbd, none, btyd; got "pareto"/);
    const io4 = fakeIo();
    expect(await main(["analyze", few, "--horizon-months", "x"], io4)).toBe(2);
    expect(io4.err).toMatch(/--horizon-months must be a number/);
  });
  it("prints help and lists the commands", async () => {
    const io = fakeIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out).toMatch(/summary/);
    expect(io.out).toMatch(/analyze/);
    const r = spawnSync(process.execPath, [path.join(root, "bin/cva.js"), "analyze", "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--profiles/);
  });
});
