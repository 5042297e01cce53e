// cva fit / predict / validate on the CDNOW sample through main() with a fake io.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");

function fakeIo(): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe("cva fit", () => {
  it.each([
    ["bgnbd", ["r", "alpha", "a", "b"], { r: 0.2426, alpha: 4.414 }],
    ["paretonbd", ["r", "alpha", "s", "beta"], { r: 0.553, beta: 11.669 }],
    ["mbgnbd", ["r", "alpha", "a", "b"], { a: 0.891, b: 1.614 }],
    ["gammagamma", ["p", "q", "v"], { p: 6.25, v: 15.44 }],
  ] as const)("--model %s --json prints the documented keys and the CDNOW estimates", async (model, keys, expected) => {
    const io = fakeIo();
    expect(await main(["fit", sample, "--model", model, "--end", "1997-09-30", "--json"], io)).toBe(0);
    const j = JSON.parse(io.out);
    expect(Object.keys(j)).toEqual(["model", "params", "logLikelihood", "customers", "converged", "iterations", "elapsedMs", "se", "ci95", "covariance"]);
    expect(j.model).toBe(model);
    expect(Object.keys(j.params)).toEqual(keys);
    expect(j.converged).toBe(true);
    expect(j.customers).toBe(model === "gammagamma" ? 946 : 2357);
    for (const [k, v] of Object.entries(expected)) {
      const decimals = String(v).split(".")[1].length;
      expect(Math.abs(j.params[k] - v)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
    }
  });
  it.each(["bgnbd", "mbgnbd", "gammagamma"] as const)("--model %s --json: standard errors within 1 %% of lifetimes' summary, Wald intervals, the covariance with its order", async (model) => {
    // test/fixtures/lifetimes-se.json (test/fixtures/lifetimes-se.py): lifetimes 0.11.3 on the same CDNOW summary.
    const ref = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/lifetimes-se.json"), "utf8")).fits[model] as { names: string[]; se: Record<string, number> };
    const io = fakeIo();
    expect(await main(["fit", sample, "--model", model, "--end", "1997-09-30", "--json"], io)).toBe(0);
    const j = JSON.parse(io.out);
    expect(j.covariance.names).toEqual(ref.names);
    ref.names.forEach((n, i) => {
      expect(Math.abs(j.se[n] / ref.se[n] - 1)).toBeLessThan(0.01);
      expect(j.ci95[n][0]).toBeCloseTo(j.params[n] - 1.96 * j.se[n], 12);
      expect(j.ci95[n][1]).toBeCloseTo(j.params[n] + 1.96 * j.se[n], 12);
      expect(j.covariance.matrix[i][i]).toBeCloseTo(j.se[n] ** 2, 12);
    });
  });
  it("rejects an unknown model with a usage error", async () => {
    const io = fakeIo();
    expect(await main(["fit", sample, "--model", "foo"], io)).toBe(2);
    expect(io.err).toMatch(/--model must be one of/);
  });
});

describe("cva predict", () => {
  it("writes one CSV row per customer with P(alive), expected purchases, value and CLV", async () => {
    const io = fakeIo();
    expect(await main(["predict", sample, "--model", "bgnbd", "--end", "1997-09-30", "--horizon-months", "12", "--discount", "0.01", "--margin", "0.5"], io)).toBe(0);
    const lines = io.out.trim().split("\n");
    expect(lines[0]).toBe("customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_value,clv");
    expect(lines.length).toBe(2358);
    const first = lines[1].split(",");
    expect(first[0]).toBe("0001");
    expect(Number(first[7])).toBeCloseTo(24.65, 2); // Gamma-Gamma E[M] of customer 1
    for (const l of lines.slice(1)) {
      const c = l.split(",").map(Number);
      expect(c[5]).toBeGreaterThanOrEqual(0);
      expect(c[5]).toBeLessThanOrEqual(1);
      expect(Number.isFinite(c[8])).toBe(true);
    }
    expect(io.err).toMatch(/^cva: BG\/NBD on 2357 customers: r 0\.2426, alpha 4\.414, a 0\.7929, b 2\.426;/m);
    // One model named: no comparison, no choice note.
    expect(io.err).not.toMatch(/chosen/);
  });

  it("chooses the model by default (auto) and says why; each --model gives that model's P(alive)", async () => {
    const rows = async (args: string[]) => {
      const io = fakeIo();
      expect(await main(["predict", sample, "--end", "1997-09-30", ...args], io)).toBe(0);
      return { err: io.err, rows: io.out.trim().split("\n").slice(1).map((l) => l.split(",")) };
    };
    const auto = await rows([]);
    expect(auto.err).toMatch(/^cva: MBG\/NBD on 2357 customers: r 0\.5248, alpha 6\.183, a 0\.8914, b 1\.614;/m);
    expect(auto.err).toMatch(/^cva: MBG\/NBD was chosen: /m);
    const mbg = await rows(["--model", "mbgnbd"]);
    expect(mbg.rows).toEqual(auto.rows);
    const bg = await rows(["--model", "bgnbd"]);
    const pareto = await rows(["--model", "paretonbd"]);
    expect(pareto.err).toMatch(/^cva: Pareto\/NBD on 2357 customers: r 0\.5533, alpha 10\.58, s 0\.6062, beta 11\.67;/m);
    // Customer 0003 bought once (x = 0, T = 38.86 weeks at 1997-09-30): BG/NBD says alive for sure,
    // the other two not (their values are checked against lifetimes in test/core/clv).
    const third = (r: { rows: string[][] }) => r.rows.find((c) => c[0] === "0003")!;
    expect(third(bg)[1]).toBe("0");
    expect(Number(third(bg)[5])).toBe(1);
    expect(Number(third(mbg)[5])).toBeLessThan(1);
    expect(Number(third(pareto)[5])).toBeLessThan(1);
  });
});

describe("cva validate", () => {
  it("prints the frequency buckets and the tracking series", async () => {
    const io = fakeIo();
    expect(await main(["validate", sample, "--calibration-end", "1997-09-30", "--end", "1998-06-30", "--json"], io)).toBe(0);
    const j = JSON.parse(io.out);
    expect(j.totalActual).toBe(1882);
    expect(j.buckets).toHaveLength(8);
    expect(j.tracking).toHaveLength(78);
  });
  it("requires --calibration-end and a valid date", async () => {
    const io = fakeIo();
    expect(await main(["validate", sample], io)).toBe(2);
    const io2 = fakeIo();
    expect(await main(["validate", sample, "--calibration-end", "1997-13-40"], io2)).toBe(2);
    expect(io2.err).toMatch(/--calibration-end must be a date written YYYY-MM-DD; got "1997-13-40"/);
  });
});

describe("the text reports of cva fit and cva validate follow --lang", () => {
  it("cva fit prints its report in English or Chinese", async () => {
    const en = fakeIo();
    expect(await main(["fit", sample, "--model", "bgnbd", "--end", "1997-09-30"], en)).toBe(0);
    // Each parameter with ± its standard error (lifetimes' summary: 0.0126, 0.3782, 0.1857, 0.7053), then what ± means.
    expect(en.out).toMatch(
      /^bgnbd on 2357 customers \(unit: weeks\): r = 0\.2425\d* ± 0\.0126, alpha = 4\.41\d* ± 0\.378, a = 0\.79\d* ± 0\.186, b = 2\.42\d* ± 0\.705\nlog-likelihood -9582\.43, \d+ iterations, converged, [\d.]+ ms\n± standard error \(from the observed information; 95% interval = estimate ± 1\.96 × standard error, docs\/models\/uncertainty\.md\)\n$/,
    );
    const zh = fakeIo();
    expect(await main(["fit", sample, "--model", "bgnbd", "--end", "1997-09-30", "--lang", "zh-CN"], zh)).toBe(0);
    expect(zh.out).toMatch(/^bgnbd（2357 位客户，时间单位：周）：r = 0\.2425\d* ± 0\.0126, .*\n对数似然 -9582\.43，迭代 \d+ 次，已收敛，用时 [\d.]+ 毫秒\n± 后为标准误（由观测信息矩阵算出；95% 置信区间 = 估计值 ± 1\.96 × 标准误，见 docs\/models\/uncertainty\.md）\n$/);
  });

  it("cva validate prints its report in Chinese, dates as dates", async () => {
    const zh = fakeIo();
    expect(await main(["validate", sample, "--calibration-end", "1997-09-30", "--end", "1998-06-30", "--lang", "zh-CN"], zh)).toBe(0);
    const [fit, holdout] = zh.out.split("\n");
    expect(fit).toMatch(/^BG\/NBD（2357 位客户，校准期截至 1997-09-30，时间单位：周）：r 0\.24\d*/);
    expect(holdout).toMatch(/^验证期 39\.\d\d 周：实际重复购买 1882 次，预测 1\d{3}\.\d 次$/);
  });
});
