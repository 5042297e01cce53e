// Every message of the CLI in the user's language (--lang, else the environment's LANG/LC_ALL),
// in the user's words: options as typed (--end, --horizon-months), dates as YYYY-MM-DD, file rows
// and columns as in the file.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { fakeIo, fittableTransactions, scratch } from "./helpers";

const s = scratch("cva-msg-");
const TX = "id,date,amount\nA,2024-01-01,10\nA,2024-01-08,20\nB,2024-01-03,5\n";

async function run(args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(s.dir(), env);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}
const HAN = /[\u4e00-\u9fff]/;

describe("--lang on every command", () => {
  it("is accepted by summary, fit, predict and validate, before or after the command", async () => {
    const tx = s.write("fit.csv", fittableTransactions(30));
    for (const args of [
      ["summary", tx, "--lang", "zh-CN"],
      ["--lang", "zh-CN", "summary", tx],
      ["fit", tx, "--lang=zh-CN"],
      ["predict", tx, "--lang", "zh-CN"],
      ["validate", tx, "--calibration-end", "2024-03-31", "--lang", "en-US"],
    ]) {
      const r = await run(args);
      expect([args.join(" "), r.code]).toEqual([args.join(" "), 0]);
    }
  });
  it("a bad --lang is a usage error naming the choices", async () => {
    const r = await run(["summary", "x.csv", "--lang", "fr"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/en-US or zh-CN.*"fr"/);
  });
});

describe("errors in Chinese", () => {
  const cases: [string, (tx: string) => string[], RegExp][] = [
    ["a missing file", () => ["summary", "nope.csv"], /nope\.csv：文件不存在/],
    ["an unknown option", (tx) => ["summary", tx, "--bogus", "1"], /未知选项 --bogus/],
    ["a bad date in the file", () => ["summary", s.write("bd.csv", "id,date,amount\n1,2024-13-01,5\n")], /bd\.csv：第 1 条数据（第 2 行），"date" 列：无法把 "2024-13-01" 读作日期/],
    ["a bad amount", () => ["summary", s.write("ba.csv", "id,date,amount\n1,2024-01-01,abc\n")], /"amount" 列：无法把 "abc" 读作金额/],
    ["a missing column", () => ["summary", s.write("mc.csv", "id,date\n1,2024-01-01\n")], /mc\.csv：缺少金额列/],
    ["a bad number option", (tx) => ["analyze", tx, "--horizon-months", "x"], /--horizon-months 必须是数字/],
    ["a bad choice", (tx) => ["analyze", tx, "--model", "pareto"], /--model 必须是以下之一：auto, bgnbd, mbgnbd, paretonbd, none, btyd；实际为 "pareto"/],
    ["the output on the input", (tx) => ["summary", tx, "--out", tx], /--out .* 就是输入文件/],
    ["a fit where nobody repeats", () => ["fit", s.write("once.csv", "id,date,amount\nA,2024-01-01,10\nB,2024-01-03,5\nC,2024-01-05,7\n")], /^cva：无法拟合 BG\/NBD：没有客户重复购买（购买频次全为 0）$/m],
    ["a spend model with one repeat buyer", (tx) => ["fit", tx, "--model", "gammagamma"], /^cva：消费模型（Gamma-Gamma）至少需要两位有重复购买且平均消费大于 0 的客户；实际只有 1 位$/m],
    ["--value clv with no model", (tx) => ["analyze", tx, "--model", "none", "--value", "clv"], /^cva：--value为 clv 时需要终生价值/m],
    ["--value margin without a cost column", (tx) => ["analyze", tx, "--value", "margin"], /^cva：--value为 margin 时需要成本列或毛利列$/m],
  ];
  it.each(cases)("%s", async (_name, args, pattern) => {
    const tx = s.write("tx.csv", TX);
    const r = await run([...args(tx), "--lang", "zh-CN"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(pattern);
    expect(r.err).toMatch(/^cva：/);
  });
  it("the usage hint too", async () => {
    const r = await run(["summary", "--bogus", "--lang", "zh-CN"]);
    expect(r.err).toMatch(/运行 `cva summary --help` 查看用法/);
  });
  it("the default language is the environment's: LC_ALL, else LC_MESSAGES, else LANG starting with zh", async () => {
    expect((await run(["summary", "nope.csv"], { LANG: "zh_CN.UTF-8" })).err).toMatch(/文件不存在/);
    expect((await run(["summary", "nope.csv"], { LANG: "zh_CN.UTF-8", LC_ALL: "en_US.UTF-8" })).err).toMatch(/no such file/);
    expect((await run(["summary", "nope.csv"], { LC_MESSAGES: "zh_TW.UTF-8" })).err).toMatch(/文件不存在/);
    expect((await run(["summary", "nope.csv"], { LANG: "C.UTF-8" })).err).toMatch(/no such file/);
    expect((await run(["summary", "nope.csv", "--lang", "en-US"], { LANG: "zh_CN.UTF-8" })).err).toMatch(/no such file/);
    // The analysis labels follow the same language.
    const tx = s.write("tx-labels.csv", TX);
    const r = await run(["analyze", tx, "--model", "none"], { LANG: "zh_CN.UTF-8" });
    expect(r.out).toMatch(/小客户|普通客户|关键客户/);
  });
  it("warnings too", async () => {
    const tx = s.write("dupw.csv", "id,date,amount,note,note\nA,2024-01-01,10,x,y\n");
    const r = await run(["summary", tx, "--lang", "zh-CN"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^cva：警告：dupw\.csv：/);
    expect(r.err).toMatch(HAN);
  });
});

describe("the user's words, not internal names", () => {
  it("--end that is not a date names --end, not column \"end\"", async () => {
    const tx = s.write("tx2.csv", TX);
    for (const command of ["summary", "analyze", "fit", "predict"]) {
      const r = await run([command, tx, "--end", "2024-13-01"]);
      expect([command, r.code]).toEqual([command, 2]);
      expect(r.err).toMatch(/--end must be a date written YYYY-MM-DD; got "2024-13-01"/);
      expect(r.err).not.toMatch(/column "end"/);
    }
  });
  it("--value clv where there is no CLV names --value and what is missing, never valueMeasure or a predictor", async () => {
    const tx = s.write("tx-value.csv", TX);
    const r = await run(["analyze", tx, "--model", "none", "--value", "clv"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cva: --value clv needs lifetime values, from a fitted model or a CLV column, and there are none: choose margin or revenue$/m);
    expect(r.err).not.toMatch(/valueMeasure|predictor/);
  });
  it("validate names --end and --calibration-end and shows dates, not day numbers", async () => {
    const tx = s.write("fit2.csv", fittableTransactions(30));
    const r = await run(["validate", tx, "--calibration-end", "2024-03-31", "--end", "2024-02-01"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--end \(2024-02-01\) must come after --calibration-end \(2024-03-31\)/);
    expect(r.err).not.toMatch(/\b45\d{3}\b/);
    const r2 = await run(["validate", tx, "--calibration-end", "2025-01-01"]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/the last date in the data \(2024-07-28\) must come after --calibration-end \(2025-01-01\)/);
    const r3 = await run(["validate", tx, "--calibration-end", "31/03/2024"]);
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/--calibration-end must be a date written YYYY-MM-DD; got "31\/03\/2024"/);
  });
  it("--horizon-months, --discount and --margin are named as typed, never horizonMonths", async () => {
    const tx = s.write("fit3.csv", fittableTransactions(30));
    const cases: [string[], RegExp][] = [
      [["predict", tx, "--horizon-months", "0"], /--horizon-months must be at least 1; got 0/],
      [["predict", tx, "--horizon-months", "2.5"], /--horizon-months must be a whole number; got 2\.5/],
      [["analyze", tx, "--horizon-months", "0"], /--horizon-months must be at least 1; got 0/],
      [["predict", tx, "--discount", "-1"], /cva: --discount must .*; got -1/],
      [["analyze", tx, "--min-customers", "1.5"], /--min-customers must be a whole number/],
      [["analyze", tx, "--unit", "fortnights"], /--unit must be one of days, weeks, months; got "fortnights"/],
      [["summary", tx, "--unit", "fortnights"], /--unit must be one of days, weeks, months; got "fortnights"/],
    ];
    for (const [args, pattern] of cases) {
      const r = await run(args);
      expect([args.slice(2).join(" "), r.code]).toEqual([args.slice(2).join(" "), 2]);
      expect(r.err).toMatch(pattern);
      expect(r.err).not.toMatch(/horizonMonths|minCustomers/);
    }
  });
});

describe("no message of the CLI is written outside the keyed tables", () => {
  it("src/cli makes no CvaError or UsageError from a literal text", () => {
    const dir = path.resolve(__dirname, "../../src/cli");
    const files = [...fs.readdirSync(dir).map((f) => path.join(dir, f)), ...fs.readdirSync(path.join(dir, "commands")).map((f) => path.join(dir, "commands", f))].filter((f) => f.endsWith(".ts"));
    const offenders: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      for (const m of text.matchAll(/new (CvaError|UsageError)\((ErrorCodes\.\w+,\s*)?[`"']/g)) offenders.push(`${path.basename(f)}: ${text.slice(m.index, m.index + 60)}`);
      for (const m of text.matchAll(/io\.stderr\(`cva: (?!\$\{)/g)) offenders.push(`${path.basename(f)}: ${text.slice(m.index, m.index + 60)}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe("the value model's warnings reach standard error", () => {
  it("rows after --end are counted, in summary, analyze, fit and predict", async () => {
    const tx = s.write("late.csv", fittableTransactions(30));
    for (const command of ["summary", "analyze", "fit", "predict"]) {
      const r = await run([command, tx, "--end", "2024-06-30"]);
      expect([command, r.code]).toEqual([command, 0]);
      expect(r.err).toMatch(/cva: warning: .*after the observation end 2024-06-30/);
    }
    const zh = await run(["summary", tx, "--end", "2024-06-30", "--lang", "zh-CN"]);
    expect(zh.err).toMatch(/cva：警告：.*2024-06-30/);
  });
});

describe("an observation end before the data", () => {
  it("names the option and both dates, in every command", async () => {
    const tx = s.write("tx-early.csv", TX);
    for (const args of [["summary", tx, "--end", "2023-01-01"], ["analyze", tx, "--end", "2023-01-01"], ["fit", tx, "--end", "2023-01-01"], ["predict", tx, "--end", "2023-01-01"]]) {
      const r = await run(args);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.err).toMatch(/--end \(2023-01-01\) is before the first date in the data \(2024-01-01\)/);
    }
    const v = await run(["validate", tx, "--calibration-end", "2023-06-30", "--lang", "zh-CN"]);
    expect(v.code).toBe(2);
    expect(v.err).toMatch(/--calibration-end（2023-06-30）早于数据中的第一个日期（2024-01-01）/);
  });
});
