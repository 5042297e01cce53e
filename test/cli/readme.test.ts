// The README's `cva` examples, run as written on the repository's own data: a stranger who
// copies them must get results, not an error. Each line of the README's command block runs in a
// fresh folder holding only a link to data/ (so the outputs land there), with `npx cva` meaning
// the compiled bin/cva.js of this checkout.
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "fs";
import os from "os";
import path from "path";
import { COMMANDS } from "../../src/cli/main";

const root = path.resolve(__dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Command line"));
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
const commands = block.split("\n").filter((l) => l.startsWith("npx cva "));

describe("the README's cva examples", () => {
  it("are there, and use the data in the repository", () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    // cva sql prints a query and reads no file; every other example reads the repository's data.
    for (const c of commands) expect([c, c.includes("data/cdnow/") || c.startsWith("npx cva sql ")]).toEqual([c, true]);
  });

  it("show every command, and cva fit's models auto and bgbb", () => {
    // A line may chain commands with &&: each `npx cva <command>` in it counts.
    const shown = new Set(commands.flatMap((c) => [...c.matchAll(/(?:^|&& )npx cva (\w+)/g)].map((m) => m[1])));
    expect(COMMANDS.map((c) => c.name).filter((name) => !shown.has(name))).toEqual([]);
    for (const model of ["auto", "bgbb"]) expect([model, commands.some((c) => c.includes(" fit ") && c.includes(`--model ${model}`))]).toEqual([model, true]);
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), "cva-readme-"));
  symlinkSync(path.join(root, "data"), path.join(dir, "data"));
  const cva = `"${process.execPath}" "${path.join(root, "bin", "cva.js")}"`;

  it.each(commands)("%s", (command) => {
    const r = spawnSync("bash", ["-c", command.replace(/(^|&& )npx cva /g, (_, before: string) => `${before}${cva} `)], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect([command, r.status, r.error]).toEqual([command, 0, undefined]);
    const out = />\s*(\S+)$/.exec(command)?.[1] ?? /--out (\S+)/.exec(command)?.[1];
    const text = out ? readFileSync(path.join(dir, out), "utf8") : r.stdout;
    // Every command gives one row per CDNOW customer, or a fit of them, or a forecast.
    if (command.includes(" fit ") && command.includes("--model bgbb")) {
      // The donations of Fader, Hardie & Shang (2010): α 1.204.
      expect(JSON.parse(text).params.alpha).toBeCloseTo(1.204, 3);
    } else if (command.includes(" fit ") && command.includes("--model auto")) {
      const fit = JSON.parse(text);
      expect(fit.comparison.map((r: { model: string }) => r.model)).toEqual(["bgnbd", "mbgnbd", "paretonbd"]);
      expect(fit.comparison[0].params.r).toBeCloseTo(0.2426, 3);
    } else if (command.includes(" fit ")) {
      const fit = JSON.parse(text);
      expect(fit.params.r).toBeCloseTo(0.2426, 3);
    } else if (command.includes(" forecast ")) {
      const periods = Number(/--periods (\d+)/.exec(command)?.[1] ?? 52);
      if (command.includes("--json")) expect(JSON.parse(text).rows).toHaveLength(periods);
      else if (out) expect(text.trim().split("\n")).toHaveLength(periods + 1);
      else expect(text).toMatch(/^Total over /m);
    } else if (command.includes(" compare ")) {
      // CDNOW's 2,357 customers are in both analyses; the matrix counts each once.
      const m = JSON.parse(text);
      expect(m.customers.both).toBe(2357);
      expect(m.migration.reduce((acc: number, c: { customers: number }) => acc + c.customers, 0)).toBe(2357);
    } else if (command.includes(" sql ")) {
      // The query text: one SELECT over the table, grouped (its results are checked in sql.test.ts).
      expect(text).toMatch(/\bselect\b/i);
      expect(text).toMatch(/\bfrom\b[\s\S]*\btransactions\b/i);
      expect(text).toMatch(/\bgroup by\b/i);
    } else if (!command.includes(" validate ")) {
      expect(text.trim().split("\n")).toHaveLength(2358);
    } else {
      expect(text).toMatch(/holdout/i);
    }
    const report = /--report (\S+)/.exec(command)?.[1];
    if (report) expect(existsSync(path.join(dir, report))).toBe(true);
  });
});
