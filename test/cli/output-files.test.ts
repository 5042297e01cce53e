// What the CLI writes: output paths that would destroy data are refused before anything is
// written, a missing folder is named as the user typed it, and text that a spreadsheet would run
// as a formula (an id such as =cmd|…) is escaped in every CSV output.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { fakeIo, fittableTransactions, scratch } from "./helpers";

const s = scratch("cva-out-");
const TX = "id,date,amount\nA,2024-01-01,10\nA,2024-01-08,20\nB,2024-01-03,5\n";

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe("output paths that would destroy data", () => {
  it("--out equal to the transactions file is refused and the file kept (analyze, summary, predict)", async () => {
    const tx = s.write("tx.csv", TX);
    for (const command of ["analyze", "summary", "predict"]) {
      const r = await run([command, tx, "--out", tx]);
      expect([command, r.code]).toEqual([command, 2]);
      expect(r.err).toMatch(/--out .*tx\.csv.* is the input file/);
      expect(fs.readFileSync(tx, "utf8")).toBe(TX);
    }
  });
  it("the same file spelled differently, or reached through a symlink, is still the input", async () => {
    const tx = s.write("sub/tx.csv", TX);
    const link = path.join(s.dir(), "link.csv");
    fs.symlinkSync(tx, link);
    for (const out of ["sub/../sub/./tx.csv", link, "link.csv"]) {
      const r = await run(["summary", "sub/tx.csv", "--out", out]);
      expect([out, r.code]).toEqual([out, 2]);
      expect(fs.readFileSync(tx, "utf8")).toBe(TX);
    }
  });
  it("--out or --report equal to the profiles file is refused", async () => {
    const tx = s.write("tx2.csv", TX);
    const profiles = s.write("profiles.csv", "id,complaints\nA,1\n");
    for (const option of ["--out", "--report"]) {
      const r = await run(["analyze", tx, "--profiles", profiles, option, profiles]);
      expect([option, r.code]).toEqual([option, 2]);
      expect(r.err).toMatch(/is the input file .*profiles\.csv/);
      expect(fs.readFileSync(profiles, "utf8")).toBe("id,complaints\nA,1\n");
    }
  });
  it("--out equal to --report is refused: the CSV would be lost", async () => {
    const tx = s.write("tx3.csv", TX);
    const both = path.join(s.dir(), "both.out");
    const r = await run(["analyze", tx, "--out", both, "--report", "./both.out"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out and --report name the same file/);
    expect(fs.existsSync(both)).toBe(false);
  });
  it("a missing folder is named as the user typed it, not as a temporary file", async () => {
    const tx = s.write("tx4.csv", TX);
    for (const [option, value] of [["--out", "no/such/dir/r.csv"], ["--report", "missing/r.json"]]) {
      const r = await run(["analyze", tx, option, value]);
      expect([value, r.code]).toEqual([value, 1]);
      expect(r.err).toMatch(new RegExp(`cannot write ${value.replace(/\//g, "\\/")}: the folder .* does not exist`));
      expect(r.err).not.toMatch(/\.tmp/);
    }
    const r = await run(["summary", tx, "--out", s.dir()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot write .*: it is a folder/);
  });
});

describe("formula injection in the CSV outputs", () => {
  // Ids a spreadsheet would run as formulas, per OWASP's "CSV Injection" guidance.
  const NASTY = ["=cmd|' /C calc'!A0", "+SUM(1)", "-1+1", "@x", "=HYPERLINK(\"http://x\")"];
  const escaped = (id: string) => `"'${id.replace(/"/g, '""')}"`;

  it("summary and analyze write formula-like ids as text (a leading ' in a quoted field), real numbers stay numbers", async () => {
    const lines = ["id,date,amount"];
    NASTY.forEach((id, i) => lines.push(`"${id.replace(/"/g, '""')}",2024-01-0${i + 1},-5`, `"${id.replace(/"/g, '""')}",2024-02-0${i + 1},7`));
    lines.push("-5,2024-01-01,3", "-5,2024-03-01,4");
    const tx = s.write("nasty.csv", lines.join("\n") + "\n");
    const summary = await run(["summary", tx]);
    expect(summary.code).toBe(0);
    const analyze = await run(["analyze", tx, "--model", "none"]);
    expect(analyze.code).toBe(0);
    for (const out of [summary.out, analyze.out]) {
      const first = out.trim().split("\n").slice(1).map((l) => (l.startsWith('"') ? /^("(?:[^"]|"")*")/.exec(l)?.[1] : l.split(",")[0]));
      expect(first.sort()).toEqual([...NASTY.map(escaped), "-5"].sort());
    }
    // The amounts -5 (a refund) are numbers in the summary, never quoted or prefixed.
    expect(summary.out).not.toMatch(/'-5|"-5"/);
  });
  it("predict escapes them too", async () => {
    const tx = s.write("nasty-fit.csv", fittableTransactions(40, (i) => (i % 10 === 0 ? `"=1+${i}"` : `c${i}`)));
    const r = await run(["predict", tx]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n"'=1\+0",/);
    expect(r.out).toMatch(/\n"'=1\+30",/);
    expect(r.out).not.toMatch(/\n=/);
  });
});
