// Memory of a large `cva analyze` (docs/output.md §9): the per-customer CSV is written in pieces
// as it is made, never held whole. Built whole, a 432,533-customer result was an array of row
// strings plus their join (two-byte once a label has an en dash, 300 MB) plus its UTF-8 copy, and
// the run peaked at 1.5 GB on a 1,000,000-row file; bench/core.mjs measures the whole run.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { fakeIo, scratch } from "./helpers";

const files = scratch("cva-large-output-");

/** 30,000 rows of 10,000 customers over 2024, three purchases each: a CSV result of over 2 MB. */
function transactions(): string {
  const lines = ["customer_id,date,amount"];
  for (let i = 0; i < 10000; i++) {
    for (let k = 0; k < 3; k++) {
      const day = 1 + ((i * 7 + k * 97) % 360);
      const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
      lines.push(`C${String(i).padStart(6, "0")},${date},${10 + ((i + k) % 90)}.50`);
    }
  }
  return lines.join("\n") + "\n";
}

describe("cva analyze on many customers", () => {
  it("writes the per-customer CSV to standard output in pieces of at most 1 MB, the same bytes as a whole", async () => {
    const tx = files.write("tx.csv", transactions());
    const pieces: number[] = [];
    const io = fakeIo(files.dir());
    const write = io.stdout;
    io.stdout = (text: string) => {
      pieces.push(text.length);
      write(text);
    };
    expect(await main(["analyze", tx], io)).toBe(0);
    const rows = io.out.split("\n");
    expect(rows[0].startsWith("customer_id,frequency,recency,T,")).toBe(true);
    expect(rows.length).toBe(10000 + 2); // header, 10,000 customers, the final newline
    expect(io.out.length).toBeGreaterThan(2_000_000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(1 << 20);

    // --out gets the same bytes, written through the same pieces.
    const out = path.join(files.dir(), "results.csv");
    const io2 = fakeIo(files.dir());
    expect(await main(["analyze", tx, "--out", "results.csv"], io2)).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe(io.out);
  });
});

/**
 * 200,000 rows drawn among 2,000,000 ids (seeded, as bench/generate.mjs): about 190,000
 * customers, nearly one a row, the shape that needs the most memory per row.
 */
function oneRowCustomers(rows: number): string {
  let a = 20240501 >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines = ["customer_id,date,amount,cost"];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(rnd() * rows * 10);
    const day = Math.floor(rnd() * 3 * 365);
    const date = new Date(Date.UTC(2021, 0, 1 + day)).toISOString().slice(0, 10);
    const amount = Math.round(100 + rnd() * 20000) / 100;
    lines.push(`C${String(c).padStart(7, "0")},${date},${amount},${Math.round(amount * (40 + rnd() * 40)) / 100}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * An expression for the child's own peak resident set in KB. Linux keeps, across fork and exec,
 * the forking process's peak in getrusage's maxRSS: a child of this Jest worker read 263–312 MB
 * when it used 190, as much as the worker had grown to. /proc/self/status's VmHWM is the child's
 * own; maxRSS only where there is no /proc.
 */
const ownPeakKb =
  `(() => { try { return Number(/VmHWM:\\s+(\\d+)/.exec(require("fs").readFileSync("/proc/self/status", "utf8"))[1]); } ` +
  `catch { return process.resourceUsage().maxRSS; } })()`;

describe("cva analyze's peak memory on files of one customer a row", () => {
  const root = path.resolve(__dirname, "../..");
  const built = scratch("cva-large-memory-");

  it("a fifth of a million rows, nearly every row its own customer, peaks under a fifth of the 1 GB a million rows may take", () => {
    // The real binary in a process of its own (its peak is the process's maximum resident set),
    // compiled into a scratch folder so that other tests' builds of lib/ are not disturbed.
    const lib = path.join(built.dir(), "lib");
    execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.cli.json"), "--outDir", lib], { cwd: root });
    const tx = built.write("tx.csv", oneRowCustomers(200_000));
    const out = path.join(built.dir(), "results.csv");
    const script =
      `require(${JSON.stringify(path.join(lib, "cli/main.js"))}).main(${JSON.stringify(["analyze", tx, "--out", out])})` +
      `.then((code) => { process.stderr.write("\\npeakKB " + ${ownPeakKb} + "\\n"); process.exitCode = code; })`;
    // V8's predictable mode (one thread, no concurrent or timed collections): the peak then does not
    // depend on how busy the machine's cores are (with helper threads it moved by tens of MB with the
    // load); predictable, 189–191 MB.
    const r = spawnSync(process.execPath, ["--predictable", "-e", script], { encoding: "utf8", env: { ...process.env, LANG: "C" } });
    expect(r.status).toBe(0);
    const customers = fs.readFileSync(out, "utf8").split("\n").length - 2;
    expect(customers).toBeGreaterThan(180_000);
    const peakMb = Number(/peakKB (\d+)/.exec(r.stderr)?.[1]) / 1024;
    // 1,000,000 rows must stay under 1 GB; a fifth of them under a fifth of it over the ~50 MB of
    // a run that holds nothing (docs/output.md §9). Before the results were kept by column: 321 MB;
    // after, with the analysis's later stages (intervals, forecast, live model), about 190 MB.
    expect(peakMb).toBeLessThan(250);
  }, 120_000);
});
