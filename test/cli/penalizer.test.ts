// The L2 penalty (lifetimes' penalizer_coef, FitOptions.penalizer) on every command that fits:
// cva predict, forecast and analyze take --penalizer, give it to each fit (the count model,
// auto's comparison, Gamma-Gamma), so their figures are the core's penalised ones, and name the
// penalty beside the fitted parameters; a bad value is named in both languages.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { readTransactionsCsv } from "../../src/cli/csv";
import { analyzeColumns, bgnbd, compareModels, errorText, gammagamma, predictBtyd, summarize, type BtydPrediction, type CountModelId, type CvaError } from "../../src/core";
import { csvColumns, fakeIo, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-penalizer-");
const summaries = summarize(readTransactionsCsv(sample), { unit: "weeks", end: "1997-09-30" });
const data = {
  frequency: summaries.map((c) => c.frequency),
  recency: summaries.map((c) => c.recency),
  T: summaries.map((c) => c.T),
  monetary: summaries.map((c) => c.monetary),
};

async function run(command: string, args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main([command, sample, "--end", "1997-09-30", ...args], io);
  return { code, out: io.out, err: io.err };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

const columns = csvColumns;

describe("cva predict --penalizer", () => {
  // 0.001: small enough that Gamma-Gamma still has q > 1 (p 7.91, q 2.447, v 7.209 against 6.25, 3.744, 15.44 plain).
  const penalised = predictBtyd(summaries, { unit: "weeks", model: "bgnbd", penalizer: 0.001 }) as BtydPrediction;
  const plain = predictBtyd(summaries, { unit: "weeks", model: "bgnbd" }) as BtydPrediction;

  it("fits BG/NBD and Gamma-Gamma with the penalty: the core's penalised fits, not the plain ones", () => {
    expect(penalised.fitted).toBe(true);
    expect(penalised.fit.params).toEqual(bgnbd.fit(data, { penalizer: 0.001 }).params);
    expect(penalised.gammagamma!.params).toEqual(gammagamma.fit(data, { penalizer: 0.001, nonPositive: "exclude" }).params);
    expect(penalised.gammagamma!.params.q).toBeCloseTo(2.447, 3);
    expect(penalised.settings.penalizer).toBe(0.001);
    expect(plain.settings.penalizer).toBe(0);
    // The penalty pulls the parameters towards 0: alpha (≈ 4.41 plain) moves by far more than the fit's tolerance.
    expect(rel(penalised.fit.params.alpha, plain.fit.params.alpha)).toBeGreaterThan(0.01);
    expect(penalised.fit.params.alpha).toBeLessThan(plain.fit.params.alpha);
  });

  it("gives the penalty to Gamma-Gamma too: at 0.01 it pulls q below 1 (0.968), so spend falls back to the observed means and says why", () => {
    const r = predictBtyd(summaries, { unit: "weeks", model: "bgnbd", penalizer: 0.01 }) as BtydPrediction;
    expect(r.gammagamma).toBeNull();
    expect(r.spendNoteKey).toBe("spend.qAtMostOne");
    expect(gammagamma.fit(data, { penalizer: 0.01, nonPositive: "exclude" }).params.q).toBeCloseTo(0.968, 3);
  });

  it("writes the penalised P(alive) and CLV per customer and names the penalty on stderr", async () => {
    const r = await run("predict", ["--model", "bgnbd", "--penalizer", "0.001"]);
    expect(r.code).toBe(0);
    const c = columns(r.out);
    expect(c.p_alive.length).toBe(2357);
    let moved = 0;
    for (let i = 0; i < 2357; i++) {
      expect(rel(Number(c.p_alive[i]), penalised.pAlive[i])).toBeLessThan(1e-9);
      expect(Math.abs(Number(c.clv[i]) - penalised.clv[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(penalised.clv[i])));
      if (rel(penalised.clv[i], plain.clv[i]) > 1e-3) moved++;
    }
    expect(moved).toBeGreaterThan(1000);
    expect(r.err).toMatch(/BG\/NBD on 2357 customers: .*; fitted with an L2 penalty 0\.001 on the parameters \(penalizer_coef as in lifetimes\), not plain maximum likelihood; Gamma-Gamma on 946 repeat buyers: p 7\.912, q 2\.447, v 7\.209/);
  });

  it("names the penalty in Chinese", async () => {
    const r = await run("predict", ["--model", "bgnbd", "--penalizer", "0.001", "--lang", "zh-CN"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("拟合时对参数加了 L2 惩罚 0.001（同 lifetimes 的 penalizer_coef），不是单纯的最大似然估计");
  });

  it("says nothing of a penalty when there is none", async () => {
    const r = await run("predict", ["--model", "bgnbd"]);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/penalty/);
  });

  it("refuses a negative or non-numeric penalty, naming --penalizer, in both languages", async () => {
    for (const [lang, re] of [["en-US", /--penalizer/], ["zh-CN", /--penalizer/]] as const) {
      for (const bad of ["-0.1", "abc"]) {
        const r = await run("predict", ["--penalizer", bad, "--lang", lang]);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(re);
        expect(r.err).toContain(bad);
        if (lang === "zh-CN") expect(r.err).toMatch(/[\u4e00-\u9fff]/);
        else expect(r.err).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

describe("cva forecast --penalizer", () => {
  it("forecasts with the penalised fit", async () => {
    const r = await run("forecast", ["--model", "bgnbd", "--periods", "4", "--penalizer", "0.01", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.params).toEqual(bgnbd.fit(data, { penalizer: 0.01 }).params);
    expect(j.params).not.toEqual(bgnbd.fit(data).params);
    expect(r.err).toMatch(/L2 penalty 0\.01/);
  });

  it("gives it to each model of auto's comparison", async () => {
    const r = await run("forecast", ["--model", "auto", "--periods", "4", "--penalizer", "0.001", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const c = compareModels(data, { penalizer: 0.001, unit: "weeks" });
    expect(j.model).toBe(c.chosen);
    expect(j.comparison.map((row: { params: unknown }) => row.params)).toEqual(c.rows.map((row) => row.params));
    expect(j.params).toEqual(c.fits[c.chosen as CountModelId]!.params);
    expect(j.comparison[0].params).not.toEqual(bgnbd.fit(data).params);
  });

  it("names a negative penalty", async () => {
    const r = await run("forecast", ["--penalizer", "-1"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--penalizer/);
  });
});

describe("cva analyze --penalizer", () => {
  it("fits the analysis's model with the penalty and says so in the report", async () => {
    const report = path.join(s.dir(), "report.json");
    const r = await run("analyze", ["--model", "bgnbd", "--penalizer", "0.01", "--report", report, "--out", path.join(s.dir(), "out.csv")]);
    expect([r.code, r.err]).toEqual([0, expect.stringMatching(/L2 penalty 0\.01/)]);
    const j = JSON.parse(fs.readFileSync(report, "utf8"));
    expect(j.model.note).toMatch(/fitted with an L2 penalty 0\.01/);
    const p = bgnbd.fit(data, { penalizer: 0.01 }).params;
    // The note prints the parameters as the core's describeBtyd does: the penalised alpha, not the plain 4.414.
    expect(j.model.note).toContain(`alpha ${Number(p.alpha.toPrecision(4))}`);
    const csv = columns(fs.readFileSync(path.join(s.dir(), "out.csv"), "utf8"));
    const penalised = predictBtyd(summaries, { unit: "weeks", model: "bgnbd", penalizer: 0.01 }) as BtydPrediction;
    for (let i = 0; i < 2357; i += 97) expect(rel(Number(csv.p_alive[i]), penalised.pAlive[i])).toBeLessThan(1e-9);
  });

  it("names a negative penalty in Chinese", async () => {
    const r = await run("analyze", ["--penalizer", "-1", "--lang", "zh-CN"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--penalizer/);
    expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("cva fit --penalizer", () => {
  it.each(["bgnbd", "gammagamma"] as const)("--model %s: the penalised fit, with the penalty in the text and the JSON", async (model) => {
    const core = model === "bgnbd" ? bgnbd.fit(data, { penalizer: 0.001 }).params : gammagamma.fit(data, { penalizer: 0.001 }).params;
    const text = await run("fit", ["--model", model, "--penalizer", "0.001"]);
    expect(text.code).toBe(0);
    expect(text.out.split("\n")[1]).toBe("fitted with an L2 penalty 0.001 on the parameters (penalizer_coef as in lifetimes), not plain maximum likelihood");
    const json = await run("fit", ["--model", model, "--penalizer", "0.001", "--json"]);
    const j = JSON.parse(json.out);
    expect(j.params).toEqual(core);
    expect(j.penalizer).toBe(0.001);
    const plain = JSON.parse((await run("fit", ["--model", model, "--json"])).out);
    expect(plain.penalizer).toBeUndefined();
    expect((await run("fit", ["--model", model])).out).not.toMatch(/penalty/);
  });

  it("--model auto names the penalty under its head, in Chinese too", async () => {
    const r = await run("fit", ["--model", "auto", "--penalizer", "0.001", "--lang", "zh-CN"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[1]).toBe("拟合时对参数加了 L2 惩罚 0.001（同 lifetimes 的 penalizer_coef），不是单纯的最大似然估计");
  });
});

describe("the core's lifetime.penalizer", () => {
  it("refuses a negative or non-finite penalty before any fit, naming it in both languages", () => {
    for (const bad of [-0.5, NaN, Infinity]) {
      let err: CvaError | undefined;
      try {
        analyzeColumns({ transactions: readTransactionsCsv(sample) }, { unit: "weeks", end: "1997-09-30", lifetime: { model: "auto", penalizer: bad } });
      } catch (e) {
        err = e as CvaError;
      }
      expect(err?.key).toBe("arg.atLeast");
      expect(err?.message).toBe(`penalizer must be at least 0; got ${bad}`);
      expect(errorText("zh-CN", err!.key!, err!.params)).toMatch(/^惩罚系数/);
    }
  });
});
