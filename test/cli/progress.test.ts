// Long runs on the command line (docs/output.md §8, docs/models/fitting.md §14): a fit stops at
// --time-limit and says so, the CLV horizon above its maximum is refused before the file is read,
// and progress goes to standard error — on a terminal once the run takes more than 2 s, always
// with --progress — in the user's language.
import { main } from "../../src/cli/main";
import { progressReporter } from "../../src/cli/progress";
import { Random } from "../../src/core/math/random";
import { fakeIo, fittableTransactions, scratch } from "./helpers";

const files = scratch("cva-progress-");

/**
 * Transactions of 3,000 customers who buy at 0.25 a week for their whole observation (39 to 52
 * weeks) and never drop out: Pareto/NBD runs towards a limit model (r, α → ∞, s → 0) and takes
 * about 0.6 s to fit in weeks without a time limit (plain Node on the test machine; several
 * times that under jest), so a limit of 0.3 s always stops it, after at least one iteration even on a busy machine (at 0.1 s a machine at a load of 10 stopped it before the first).
 */
function noChurnTransactions(): string {
  const rng = new Random(5);
  const end = Date.UTC(2024, 11, 31);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lines = ["customer_id,date,amount"];
  for (let i = 0; i < 3000; i++) {
    const age = 52 - rng.uniform() * 13;
    const first = end - Math.round(age * 7) * 86400000;
    lines.push(`c${i},${day(first)},${20 + (i % 7)}`);
    for (let t = rng.exponential(0.25); t <= age; t += rng.exponential(0.25)) lines.push(`c${i},${day(first + Math.round(t * 7) * 86400000)},${10 + (i % 5)}`);
  }
  return lines.join("\n") + "\n";
}

describe("cva on long runs", () => {
  it("cva fit --time-limit stops a fit the data cannot identify, shows progress with --progress and says where it stopped", async () => {
    const tx = files.write("nochurn.csv", noChurnTransactions());
    const io = fakeIo(files.dir());
    const t0 = performance.now();
    const code = await main(["fit", tx, "--model", "paretonbd", "--time-limit", "0.3", "--progress", "--json"], io);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(code).toBe(0);
    const out = JSON.parse(io.out);
    expect(out).toEqual(expect.objectContaining({ model: "paretonbd", converged: false }));
    // No standard errors for an estimate that is not a maximum, and the reason instead.
    expect(out).toEqual(expect.objectContaining({ se: null, ci95: null, covariance: null }));
    expect(out.seUnavailable).toBe("uncertainty cannot be computed because the fit did not converge, so its estimate is not a maximum of the likelihood");
    // Not a terminal, so progress comes as whole lines; then the warning.
    expect(io.err).toMatch(/^cva: fitting Pareto\/NBD: iteration \d+ \(\d+ s\)\n/);
    expect(io.err).toMatch(/\ncva: warning: the fit did not converge: stopped at the time limit of 0\.3 s after \d+ iterations/);
    expect(io.err).not.toContain("\r");
    expect(io.err).not.toContain("\x1b");
  });

  it("the same in Chinese", async () => {
    const tx = files.write("nochurn-zh.csv", noChurnTransactions());
    const io = fakeIo(files.dir());
    expect(await main(["fit", tx, "--model", "paretonbd", "--time-limit", "0.3", "--progress", "--lang", "zh-CN"], io)).toBe(0);
    expect(io.err).toMatch(/^cva：正在拟合 Pareto\/NBD：第 \d+ 次迭代（\d+ 秒）\n/);
    expect(io.err).toMatch(/cva：警告：拟合没有收敛：在 \d+ 次迭代后达到 0\.3 秒的时间上限而停止/);
  });

  it("a --time-limit that is not a positive number of seconds is a usage error", async () => {
    const tx = files.write("small.csv", fittableTransactions(40));
    for (const bad of ["0", "-5", "soon"]) {
      const io = fakeIo(files.dir());
      expect(await main(["analyze", tx, "--time-limit", bad], io)).toBe(2);
      expect(io.err).toContain("--time-limit");
    }
  });

  it("cva analyze and cva predict refuse a horizon above 1,200 months before reading the file", async () => {
    // The file does not exist: the horizon is refused first (1,000,000 months ran for 186 s), as
    // a bad option value (exit code 2, then the hint to --help).
    for (const command of ["analyze", "predict"]) {
      for (const months of ["1201", "1000000"]) {
        const io = fakeIo(files.dir());
        const t0 = performance.now();
        expect(await main([command, "missing.csv", "--horizon-months", months], io)).toBe(2);
        expect(performance.now() - t0).toBeLessThan(1000);
        expect(io.err.split("\n")[0]).toBe(`cva: the CLV horizon must be at most 1200 months (100 years); got ${months} months`);
      }
    }
    const io = fakeIo(files.dir());
    expect(await main(["analyze", "missing.csv", "--horizon-months", "1201", "--lang", "zh-CN"], io)).toBe(2);
    expect(io.err.split("\n")[0]).toBe("cva：终生价值期限不能超过 1200 个月（100 年）；实际为 1201 个月");
  });
});

describe("the progress line", () => {
  const fit = (iterations: number) => ({ stage: "fit" as const, model: "BG/NBD", iterations, elapsedMs: 0 });

  it("on a terminal: nothing in the first 2 s, then one line rewritten in place, ended before other messages", () => {
    let now = 0;
    const io = fakeIo("/");
    io.stderrIsTTY = true;
    const p = progressReporter(io, "en-US", false, () => now);
    p.onProgress?.(fit(10));
    now = 1900;
    p.onProgress?.(fit(100));
    expect(io.err).toBe("");
    now = 2100;
    p.onProgress?.(fit(150));
    now = 3600;
    p.onProgress?.({ stage: "score", done: 12000, total: 94416, elapsedMs: 300 });
    p.end();
    expect(io.err).toBe("\rcva: fitting BG/NBD: iteration 150 (2 s)\x1b[K\rcva: scoring customers: 12,000 of 94,416 (3 s)\x1b[K\n");
    p.end(); // once only
    expect(io.err.endsWith("\x1b[K\n")).toBe(true);
  });

  it("a quick run on a terminal prints nothing, and a run that is not on a terminal prints nothing without --progress", () => {
    let now = 0;
    const tty = fakeIo("/");
    tty.stderrIsTTY = true;
    const quick = progressReporter(tty, "en-US", false, () => now);
    now = 1500;
    quick.onProgress?.(fit(40));
    quick.end();
    expect(tty.err).toBe("");
    const pipe = fakeIo("/");
    const quiet = progressReporter(pipe, "en-US", false, () => now);
    expect(quiet.onProgress).toBeUndefined();
    quiet.end();
    expect(pipe.err).toBe("");
  });

  it("with --progress into a file or pipe: whole lines from the start, at most one a second, in the user's language", () => {
    let now = 0;
    const io = fakeIo("/");
    const p = progressReporter(io, "zh-CN", true, () => now);
    p.onProgress?.(fit(1));
    now = 400;
    p.onProgress?.(fit(30)); // within the second: skipped
    now = 1100;
    p.onProgress?.(fit(60));
    p.end();
    expect(io.err).toBe("cva：正在拟合 BG/NBD：第 1 次迭代（0 秒）\ncva：正在拟合 BG/NBD：第 60 次迭代（1 秒）\n");
  });
});
