// parameterTable (src/core/analyze/parameters.ts) on hand-made fits and uncertainties: each
// parameter's estimate with its standard error and log-scale 95 % interval when the uncertainty
// is available, nulls where a number is missing or not finite (never NaN or Infinity in a cell),
// nulls and the reason in the report's language when it is unavailable, and Gamma-Gamma's rows
// only when it was fitted. Expected rows written out by hand.
import { parameterTable } from "../../src/core/analyze/parameters";
import type { FitUncertainty } from "../../src/core/clv/intervals";
import type { BtydPrediction } from "../../src/core/clv/lifetime";
import type { ParameterUncertainty, UncertaintyUnavailable } from "../../src/core/clv/uncertainty";

const names = ["r", "alpha", "a", "b"];
const bg = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
const gg = { p: 6.25, q: 3.74, v: 15.44 };
const prediction = (withSpend: boolean) => ({ model: "bgnbd", fit: { params: bg }, gammagamma: withSpend ? { params: gg } : null }) as unknown as BtydPrediction;

const available: ParameterUncertainty = {
  ok: true,
  model: "bgnbd",
  names,
  estimates: bg,
  // alpha's standard error is not finite, b's is missing; a's interval is missing
  se: { r: 0.0126, alpha: Number.POSITIVE_INFINITY, a: 0.186 } as Record<string, number>,
  ci95: {},
  ci95Log: { r: [0.22, 0.28], alpha: [Number.NaN, 5], b: [1.9, Number.POSITIVE_INFINITY] } as Record<string, [number, number]>,
} as unknown as ParameterUncertainty;
const flat: UncertaintyUnavailable = {
  ok: false,
  model: "gammagamma",
  names: ["p", "q", "v"],
  messageKey: "uncertainty.flat",
  messageParams: { param: "q" },
  message: "",
} as unknown as UncertaintyUnavailable;

describe("parameterTable", () => {
  it("gives each count-model parameter its standard error and interval, null where one is missing or not finite", () => {
    const t = parameterTable(prediction(false), { count: available, spend: null } as FitUncertainty, "en-US");
    expect(t.rows).toEqual([
      { model: "BG/NBD", name: "r", estimate: 0.25, se: 0.0126, low: 0.22, high: 0.28 },
      { model: "BG/NBD", name: "alpha", estimate: 4.4, se: null, low: null, high: 5 },
      { model: "BG/NBD", name: "a", estimate: 0.8, se: 0.186, low: null, high: null },
      { model: "BG/NBD", name: "b", estimate: 2.4, se: null, low: 1.9, high: null },
    ]);
    expect(t.unavailable).toEqual([]);
  });

  it("adds Gamma-Gamma's rows when it was fitted: without numbers and with the reason when its uncertainty is unavailable", () => {
    const t = parameterTable(prediction(true), { count: available, spend: flat } as FitUncertainty, "en-US");
    expect(t.rows.slice(4)).toEqual([
      { model: "Gamma-Gamma", name: "p", estimate: 6.25, se: null, low: null, high: null },
      { model: "Gamma-Gamma", name: "q", estimate: 3.74, se: null, low: null, high: null },
      { model: "Gamma-Gamma", name: "v", estimate: 15.44, se: null, low: null, high: null },
    ]);
    expect(t.unavailable).toEqual([
      "Gamma-Gamma: uncertainty cannot be computed because the likelihood is flat at the estimate in q (its curvature there is not positive): the data do not pin that parameter down, so no standard error or interval is given",
    ]);
    const zh = parameterTable(prediction(true), { count: available, spend: flat } as FitUncertainty, "zh-CN");
    expect(zh.unavailable).toEqual(["Gamma-Gamma: 无法计算不确定性，因为似然函数在估计值处沿 q 方向是平的（该处曲率不为正）：数据无法确定该参数，因此不给出标准误和区间"]);
  });

  it("leaves Gamma-Gamma out when it was not fitted, and gives nulls without a reason when no uncertainty was computed", () => {
    const t = parameterTable(prediction(false), { count: null, spend: flat } as unknown as FitUncertainty, "en-US");
    expect(t.rows.map((r) => [r.model, r.name, r.se, r.low, r.high])).toEqual(names.map((n) => ["BG/NBD", n, null, null, null]));
    expect(t.unavailable).toEqual([]);
  });
});
