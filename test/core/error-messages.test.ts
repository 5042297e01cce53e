// Error messages in both languages: the table of keyed messages, the rendering of parameters
// (argument names, values the user gave) and the way a keyed error keeps its key through a
// prefix and is shown in the user's language at the edge.
import {
  analyze, bgnbd, CvaError, dayFromYmd, ErrorCodes, ERROR_TEXTS, errorText, financeClv, gammagamma, given, holdoutFromTransactions, localizedMessage,
  normaliseUnit, RankedPopulation, resolveLifetimeOptions, rfmScores, scoreBgNbd, stageFromVolumes, summarize, transactionTable, valueRatio, warningText,
  type ErrorKey,
} from "../../src/core";
import { thrown } from "../support/thrown";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the error message table", () => {
  const keys = Object.keys(ERROR_TEXTS["en-US"]) as ErrorKey[];

  it("has every message in both languages with the same placeholders, and Chinese text in zh-CN", () => {
    expect(keys.length).toBeGreaterThan(10);
    // A message with English words needs Chinese ones; a frame such as "cva: {text}" has none.
    const hasWords = (s: string) => /[a-z]{3,}/i.test(s.replace(/\{\w+\}/g, "").replace(/\bcva\b/g, ""));
    for (const k of keys) {
      expect([k, placeholders(ERROR_TEXTS["zh-CN"][k])]).toEqual([k, placeholders(ERROR_TEXTS["en-US"][k])]);
      if (hasWords(ERROR_TEXTS["en-US"][k])) expect([k, /[\u4e00-\u9fff]/.test(ERROR_TEXTS["zh-CN"][k])]).toEqual([k, true]);
    }
  });

  it("names arguments in the user's language and describes what the user gave", () => {
    expect(errorText("en-US", "arg.notNumber", { arg: "margin", got: given("abc") })).toBe('margin must be a number; got the text "abc"');
    expect(errorText("zh-CN", "arg.notNumber", { arg: "margin", got: given("abc") })).toBe("毛利必须是数字；实际为文本“abc”");
    expect(errorText("zh-CN", "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 })).toBe("留存率必须小于 1；实际为1.2");
    expect(errorText("en-US", "arg.required", { arg: "retention" })).toBe("retention is required; got a blank cell");
    expect(errorText("zh-CN", "arg.required", { arg: "an_unlisted_name" })).toBe("缺少an_unlisted_name：单元格为空");
  });

  it("describes blanks, logical values and Excel errors", () => {
    expect(given("")).toEqual({ given: "blank" });
    expect(given(null)).toEqual({ given: "blank" });
    expect(given(3)).toBe(3);
    expect(errorText("en-US", "arg.notText", { arg: "unit", got: given(true) })).toBe("unit must be text; got the logical value TRUE");
    expect(errorText("zh-CN", "arg.notText", { arg: "unit", got: given({ type: "Error", errorCode: "#N/A" }) })).toBe("时间单位必须是文本；实际为错误值 #N/A");
  });
});

describe("a keyed CvaError", () => {
  const e = CvaError.keyed(ErrorCodes.OutOfRange, "arg.below", { arg: "retention", max: 1, hint: "", got: 1.2 }, { argument: "retention" });

  it("has its English message, code and location", () => {
    expect(e.message).toBe("retention must be below 1; got 1.2");
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.where).toEqual({ argument: "retention" });
    expect(localizedMessage(e, "en-US")).toBe(e.message);
  });

  it("is shown in Chinese where the user reads Chinese, with its prefixes", () => {
    expect(localizedMessage(e, "zh-CN")).toBe("留存率必须小于 1；实际为1.2");
    const inFile = e.withContext("row 3").withContext("sales.csv");
    expect(inFile.message).toBe("sales.csv: row 3: retention must be below 1; got 1.2");
    expect(localizedMessage(inFile, "zh-CN")).toBe("sales.csv: row 3: 留存率必须小于 1；实际为1.2");
    expect(inFile.code).toBe("OUT_OF_RANGE");
  });

  it("leaves an unkeyed error's English message as it is", () => {
    const plain = new CvaError(ErrorCodes.Missing, "no such file");
    expect(localizedMessage(plain, "zh-CN")).toBe("no such file");
    expect(localizedMessage(plain.withContext("a.csv"), "zh-CN")).toBe("a.csv: no such file");
    expect(localizedMessage(new Error("boom"), "zh-CN")).toBe("boom");
  });
});

describe("no message of the value model is written outside the keyed tables", () => {
  // Every error a user can meet is CvaError.keyed (both languages, argument names translated);
  // an error built from literal text would reach a Chinese user in English.
  const fs = require("fs") as typeof import("fs");
  const path = require("path") as typeof import("path");
  const src = path.resolve(__dirname, "../../src");
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []));

  it("no file under src makes a CvaError except through CvaError.keyed, nor a UsageError except through UsageError.keyed", () => {
    const offenders: string[] = [];
    for (const f of files(src)) {
      const rel = path.relative(src, f).split(path.sep).join("/");
      const text = fs.readFileSync(f, "utf8");
      for (const m of text.matchAll(/new (CvaError|UsageError)\(/g)) {
        // The one constructor call each: inside the class's own keyed factory (and withContext).
        if ((m[1] === "CvaError" && rel === "core/errors.ts") || (m[1] === "UsageError" && rel === "cli/args.ts")) continue;
        offenders.push(`${rel}: ${text.slice(m.index, m.index + 70).split("\n")[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("the value model's own checks speak the user's words, in both languages", () => {
  const failure = thrown;
  const tx = (rows: [string, string, number][]) => rows.map(([customerId, date, amount]) => ({ customerId, date, amount }));
  const repeaters = tx([["a", "2024-01-01", 5], ["a", "2024-02-01", 5], ["b", "2024-01-05", 7], ["b", "2024-03-01", 8], ["c", "2024-01-09", 3]]);
  const cases: [string, () => unknown, RegExp, RegExp][] = [
    ["a CLV horizon that is not whole names the horizon, not horizonMonths", () => resolveLifetimeOptions({ unit: "weeks", horizonMonths: 2.5 }), /^the CLV horizon in months must be a whole number; got 2\.5$/, /^终生价值期限（月）必须是整数；实际为2\.5$/],
    ["a fit where nobody repeats", () => bgnbd.fit({ frequency: [0, 0, 0], recency: [0, 0, 0], T: [5, 6, 7] }), /^BG\/NBD cannot be fitted: nobody makes a repeat purchase \(every frequency is 0\)$/, /^无法拟合 BG\/NBD：没有客户重复购买/],
    ["a fit where every customer has the same history", () => bgnbd.fit({ frequency: [1, 1], recency: [2, 2], T: [5, 5] }), /^BG\/NBD cannot be fitted: every customer has the same purchase history/, /^无法拟合 BG\/NBD：所有客户的购买历史都相同/],
    ["a spend model with one repeat buyer", () => gammagamma.fit({ frequency: [1, 0], monetary: [10, 0] }), /^the spend model \(Gamma-Gamma\) needs at least two customers with repeat purchases and a mean spend above 0; found 1$/, /^消费模型（Gamma-Gamma）至少需要两位/],
    ["tier shares that do not add up", () => new RankedPopulation([1, 2, 3], [0.5, 0.6]), /^the tier shares must add up to 1 \(100%\); they add up to 1\.1$/, /^分层比例之和必须为 1（100%）；实际之和为 1\.1$/],
    ["an empty customer id names the row, not customerId", () => transactionTable([{ customerId: " ", date: "2024-01-01", amount: 1 }]), /^row 1: the customer id is empty$/, /^第 1 行：客户编号为空$/],
    ["an amount that is not finite", () => transactionTable([{ customerId: "a", date: "2024-01-01", amount: Infinity }]), /^row 1: the amount is Infinity, not a finite number$/, /^第 1 行：金额为Infinity，不是有限的数字$/],
    ["an observation end before the data shows the date", () => summarize(transactionTable(repeaters), { end: "2023-06-30" }), /^no transaction falls on or before the observation end 2023-06-30$/, /^观察截止日期 2023-06-30 当天及之前没有交易$/],
    ["CLV asked for where there is none says what is missing, not \"needs a predictor\"", () => analyze({ transactions: repeaters }, { model: "none", valueMeasure: "clv" }), /^the value measure clv needs lifetime values, from a fitted model or a CLV column, and there are none: choose margin or revenue$/, /^价值度量为 clv 时需要终生价值/],
    ["margin asked for without a cost column", () => analyze({ transactions: repeaters }, { model: "none", valueMeasure: "margin" }), /^the value measure margin needs a cost or margin column$/, /^价值度量为 margin 时需要成本列或毛利列$/],
    ["scoring without a spend model says what is missing, not scoreBgNbd", () => scoreBgNbd({ r: 1, alpha: 1, a: 1, b: 1 }, null, { frequency: [1], recency: [1], T: [2], monetary: [3] }, { unit: "weeks" }), /^the lifetime value needs each customer's expected spend: give the fitted spend model \(Gamma-Gamma\) parameters or the expected spends$/, /^计算终生价值需要每位客户的预期消费/],
    ["a holdout that ends before it starts shows dates, not day numbers", () => holdoutFromTransactions(transactionTable(repeaters), dayFromYmd(2024, 3, 1), dayFromYmd(2024, 2, 1), "weeks"), /^the end of the holdout \(2024-02-01\) must come after the calibration end \(2024-03-01\)$/, /^验证期结束日（2024-02-01）必须晚于校准期结束日（2024-03-01）$/],
    ["a population value that is not finite names its row, not values[1]", () => rfmScores([1, NaN, 3]), /^values: row 2 holds NaN, not a finite number$/, /^客户价值：第 2 行的值为 NaN，不是有限的数字$/],
    ["a retention of 1", () => financeClv({ margin: 100, retention: 1, discount: 0.1 }), /^retention must be at least 0 and below 1 \(a share such as 0\.8\); got 1$/, /^留存率必须不小于 0 且小于 1/],
    ["a unit CVA does not know", () => normaliseUnit("fortnights"), /^unit must be one of days, weeks, months; got "fortnights"$/, /^时间单位必须是 days, weeks, months 之一；实际为"fortnights"$/],
    ["a price of 0", () => valueRatio(1, 0), /^price must not be 0: the value ratio is quality divided by price$/, /^价格不能为 0/],
    ["a period volume below 0", () => stageFromVolumes([1, -2, 3]), /^volumes: period 2 holds -2; purchases per period must be numbers of 0 or more$/, /^各期购买量：第 2 期为 -2/],
  ];
  it.each(cases)("%s", (_name, body, en, zh) => {
    const e = failure(body);
    expect(e.name).toBe("CvaError");
    expect(e.key).toBeDefined();
    expect(e.message).toMatch(en);
    expect(e.message).not.toMatch(/horizonMonths|valueMeasure|customerId|predictor|scoreBgNbd|\w\[\d+\]/);
    const zhText = localizedMessage(e, "zh-CN");
    expect(zhText).toMatch(zh);
    expect(zhText).toMatch(/[\u4e00-\u9fff]/);
  });

  it("the analysis's fallback and spend notes follow the report's language", () => {
    // Nobody repeats: the model falls back, and the reason is Chinese in a Chinese report.
    const once = tx([["a", "2024-01-01", 5], ["b", "2024-01-05", 7], ["c", "2024-01-09", 3]]);
    const r = analyze({ transactions: once }, { lang: "zh-CN", lifetime: { minCustomers: 1 } });
    expect(r.report.model.fallback?.reasonText).toMatch(/[\u4e00-\u9fff]/);
    expect(r.report.model.fallback?.reasonText).not.toMatch(/cannot|nobody|every/);
    const warned = analyze({ transactions: tx([["a", "2024-01-01", 5], ["b", "2024-01-01", 5]]) }, { lang: "zh-CN", model: "none" });
    expect(warned.report.warnings.map((w) => w.key)).toContain("warn.noSpread");
    // A warning keeps its key and parameters, so an edge can show it in another language: every
    // parameter is given in both (the measure too, not only the report's word for it).
    for (const w of warned.report.warnings) {
      expect(w.text).toMatch(/[\u4e00-\u9fff]/);
      expect(warningText(w, "en-US")).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
