/**
 * The value model's messages as a custom function shows them: in Office's display language, with
 * the function's own argument names (cutoffs, months, margin), never the core's (shares,
 * horizonMonths, margin_share); a fit that does not converge says why in the fit's own words, and
 * a fit run from a cell stops at a time limit well inside the time Excel gives a function.
 */
import { clv, clvBtyd, fitBgnbd, fitParetonbd, lifecycle, summary, tier } from "../../src/functions/functions";
import { FUNCTION_FIT_TIME_LIMIT_MS } from "../../src/functions/limits";
import { clearCache } from "../../src/functions/cache";
import { noChurn } from "../core/clv/no-churn";
import { call, err, inLanguage } from "./call";

type Cell = { code: string; message: string };
const first = (r: unknown): Cell => (Array.isArray(r) ? (r as Cell[][])[0][0] : (r as Cell));

const BG = [["model", "r", "alpha", "a", "b", "log_likelihood", "customers"], ["BG/NBD", 0.243, 4.414, 0.793, 2.426, -9582.4, 2357]];
const GG = [["model", "p", "q", "v", "log_likelihood", "customers"], ["Gamma-Gamma", 6.25, 3.74, 15.44, -4000, 946]];

describe("the core's messages in a cell: the function's argument names, Office's language", () => {
  it("CLV.BTYD's margin typed as a percentage names margin, not margin_share", () => {
    const en = first(call(clvBtyd, 2, 30, 38, 20, BG, GG, 12, 0.01, 30));
    expect(en).toEqual(err("#VALUE!", "margin is a share of spend above 0 and at most 1 (0.3 = 30%); got 30. Did you mean 0.3?"));
    expect(en.message).not.toMatch(/margin_share/);
    const zh = first(inLanguage("zh-CN", () => call(clvBtyd, 2, 30, 38, 20, BG, GG, 12, 0.01, 30)));
    expect(zh.message).toBe("毛利是消费中毛利所占的比例，大于 0 且不超过 1（0.3 = 30%）；实际为30。是否应为 0.3？");
  });

  it("TIER's cut-offs that do not add up name cutoffs, not the core's tier shares", () => {
    const en = first(call(tier, 5, [1, 5, 9, 12], [50, 60]));
    expect(en).toEqual(err("#VALUE!", "cutoffs must add up to 1 (100%); they add up to 110"));
    const zh = first(inLanguage("zh-CN", () => call(tier, 5, [1, 5, 9, 12], [50, 60])));
    expect(zh.message).toBe("分层比例之和必须为 1（100%）；实际之和为 110");
  });

  it("SUMMARY with an end before the data shows the date, in Chinese too", () => {
    const args = [["a", "a", "b"], ["2024-01-01", "2024-02-01", "2024-01-05"], [5, 6, 7], "2023-06-30"];
    expect(first(call(summary, ...args))).toEqual(err("#N/A", "no transaction falls on or before the observation end 2023-06-30"));
    expect(first(inLanguage("zh-CN", () => call(summary, ...args))).message).toBe("观察截止日期 2023-06-30 当天及之前没有交易");
  });

  it("a FIT where nobody repeats says so in Chinese", () => {
    clearCache();
    const zh = first(inLanguage("zh-CN", () => call(fitBgnbd, [0, 0, 0], [0, 0, 0], [5, 6, 7])));
    expect(zh).toEqual({ code: "#N/A", message: "无法拟合 BG/NBD：没有客户重复购买（购买频次全为 0）" });
  });

  it("LIFECYCLE with a negative volume names the period, in Chinese too", () => {
    const en = first(call(lifecycle, [[1, -2, 3]]));
    expect(en).toEqual(err("#VALUE!", "volumes: period 2 holds -2; purchases per period must be numbers of 0 or more"));
    expect(first(inLanguage("zh-CN", () => call(lifecycle, [[1, -2, 3]]))).message).toMatch(/^各期购买量：第 2 期为 -2；/);
  });
});

describe("the discount arguments say what the model accepts", () => {
  it("CLV's discount and CLV.BTYD's monthly_discount must be at least 0, as the model requires, not greater than −1", () => {
    for (const d of [-2, -0.5]) {
      const r = first(call(clv, 100, 0.8, d));
      expect(r).toEqual(err("#VALUE!", `discount must be at least 0 (a rate per period, e.g. 0.1 for 10%); got ${d}`));
      const m = first(call(clvBtyd, 2, 30, 38, 20, BG, GG, 12, d));
      expect(m).toEqual(err("#VALUE!", `monthly_discount must be at least 0`));
      expect(m.message).not.toMatch(/-1/);
    }
    expect(first(inLanguage("zh-CN", () => call(clv, 100, 0.8, -0.5))).message).toMatch(/^贴现率不能小于 0/);
  });
});

describe("a fit run from a cell is bounded in time", () => {
  it(`stops at ${FUNCTION_FIT_TIME_LIMIT_MS / 1000} s, well inside the 5 s after which Excel treats an add-in as unresponsive, and says why in the fit's words, in both languages`, () => {
    expect(FUNCTION_FIT_TIME_LIMIT_MS).toBe(3000);
    clearCache();
    const d = noChurn(300, 5);
    const t0 = performance.now();
    const en = first(call(fitParetonbd, d.frequency, d.recency, d.T));
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(4500);
    expect(en.code).toBe("#N/A");
    expect(en.message).toMatch(/^Pareto\/NBD stopped at the 3 s a function may take, after \d+ iterations and before converging, so no parameters are returned: the data may not identify the model \(for example when nobody drops out\); cva fit can take longer \(--time-limit\)$/);
    expect(en.message).not.toMatch(/recency at most T|did not converge after/);
    // Recalculation does not refit unchanged data: the Chinese message comes from the kept fit.
    const zh = first(inLanguage("zh-CN", () => call(fitParetonbd, d.frequency, d.recency, d.T)));
    expect(zh.message).toMatch(/^Pareto\/NBD 在 \d+ 次迭代后达到函数允许的 3 秒时间上限而停止，尚未收敛，因此不返回参数/);
  }, 20_000);
});
