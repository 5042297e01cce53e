// The DuckDB engine's stages on standard error (src/cli/progress.ts engineProgress, docs/output.md
// §8): reading, the parts of a big file, the customers, the writing — on a terminal one line
// rewritten in place once the run passes 2 s, with --progress whole lines from the start, ended
// before any other message, in both languages; and a DuckDB run of `cva predict --progress` that
// reports them in order.
import * as path from "path";
import { main } from "../../src/cli/main";
import { engineProgress } from "../../src/cli/progress";
import { fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-engine-progress-");

test("on a terminal: nothing for the first 2 s, then the stage rewritten in place; idle ends the line; end once", () => {
  let now = 0;
  const io = fakeIo("/");
  io.stderrIsTTY = true;
  const p = engineProgress(io, "en-US", false, () => now);
  p.onStage({ stage: "read", file: "log.csv" });
  now = 1900;
  p.onStage({ stage: "part", done: 1, total: 11 });
  expect(io.err).toBe("");
  now = 2500;
  p.onStage({ stage: "part", done: 2, total: 11 });
  now = 61_000;
  p.onStage({ stage: "customers" });
  p.idle(); // a warning or the fit's own line comes next
  const before = io.err;
  now = 62_000;
  p.onStage({ stage: "write" });
  p.end();
  p.end();
  expect(before).toBe("\rcva: summarising the customers, part 2 of 11 (2 s)\x1b[K\rcva: summarising and ordering the customers (61 s)\x1b[K\n");
  expect(io.err).toBe(`${before}\rcva: writing the results (62 s)\x1b[K\n`);
});

test("with --progress into a file: whole lines from the start, a new stage at once, in Chinese", () => {
  let now = 0;
  const io = fakeIo("/");
  const p = engineProgress(io, "zh-CN", true, () => now);
  p.onStage({ stage: "read", file: "交易.csv" });
  now = 300;
  p.onStage({ stage: "part", done: 1, total: 3 });
  p.end();
  expect(io.err).toBe("cva：正在读取并检查 交易.csv（0 秒）\ncva：正在汇总客户：第 1 部分，共 3 部分（0 秒）\n");
});

test("not on a terminal and without --progress: nothing", () => {
  const io = fakeIo("/");
  const p = engineProgress(io, "en-US", false, () => 10_000);
  p.onStage({ stage: "read", file: "x.csv" });
  p.end();
  expect(io.err).toBe("");
});

test("cva predict --engine duckdb --progress names its stages in order, each line before the fit's and the warnings'", async () => {
  const io = fakeIo(s.dir());
  const code = await main(["predict", sample, "--engine", "duckdb", "--model", "bgnbd", "--progress", "--out", path.join(s.dir(), "scores.csv")], io);
  expect(code).toBe(0);
  const lines = io.err.split("\n");
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  const read = at(/^cva: reading and checking cdnow_sample\.csv \(\d+ s\)$/);
  const customers = at(/^cva: summarising and ordering the customers \(\d+ s\)$/);
  const warning = at(/without a purchase|no purchase/); // CDNOW's 8 customers without a purchase
  const fit = at(/^cva: fitting BG\/NBD: iteration \d+/);
  const write = at(/^cva: writing the results \(\d+ s\)$/);
  expect(read).toBeGreaterThanOrEqual(0);
  expect(customers).toBeGreaterThan(read);
  expect(warning).toBeGreaterThan(customers);
  expect(fit).toBeGreaterThan(warning);
  expect(write).toBeGreaterThan(fit);
});
