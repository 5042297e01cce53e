/**
 * The fits of the probabilistic models, =CVA.FIT.* (docs/models/README.md §4): each spills a
 * label row and a value row that the prediction functions (./predictions.ts) read back.
 */
import {
  bgnbd,
  mbgnbd,
  paretonbd,
  gammagamma,
  countModel,
  parseModelChoice,
  COUNT_MODEL_IDS,
  MODEL_CHOICES,
  CvaError,
  ErrorCodes,
  checkHistory,
  checkFrequency,
  errorText,
  countModelUncertainty,
  gammaGammaUncertainty,
  uncertaintyMessage,
  type BtydFitResult,
  type CountModelId,
  type UncertaintyResult,
} from "../core";
import { compareModels } from "../core/clv/model-choice";
import { isOmitted, readNumber, readText, unwrap, cellValue, type NumberRule, type TextRule } from "./args";
import { displayLang } from "./locale";
import { excelCall } from "./errors";
import { readColumns, fittedTable, MODEL_PARAMS, type ModelName } from "./tables";
import { memoByContent } from "./cache";
import { FUNCTION_FIT_TIME_LIMIT_MS } from "./limits";
import type { Spill } from "./rules";

export type FitFn = (cols: Float64Array[]) => Pick<BtydFitResult<object>, "params" | "logLikelihood" | "converged" | "iterations" | "messageKey" | "messageParams">;

/** The fit options of a fit run from a cell: stopped at {@link FUNCTION_FIT_TIME_LIMIT_MS}, inside the time Excel gives a function. */
export const FIT_OPTIONS = { timeLimitMs: FUNCTION_FIT_TIME_LIMIT_MS } as const;

/** The optional last argument of every FIT.*: lifetimes' L2 penalty penalizer_coef (FitOptions.penalizer), ≥ 0, default 0. */
export const PENALIZER_ARG: NumberRule = {
  name: "penalizer", kind: "number", optional: true, default: 0, min: 0,
  hint: { "en-US": "an L2 penalty on the parameters, 0 for none, e.g. 0.001", "zh-CN": "对参数的 L2 惩罚，0 表示不加，例如 0.001" },
};

/** The fit options of a cell's fit with its penalty argument (omitted or blank: 0), checked and named. */
export function cellFitOptions(penalizer: unknown): { timeLimitMs: number; penalizer: number } {
  return { ...FIT_OPTIONS, penalizer: readNumber(PENALIZER_ARG, penalizer) ?? 0 };
}

/** The cache tag of a fit: the model and the penalty, so a fit with another penalty is never taken for it. */
export function fitTag(model: string, penalizer: number): string {
  return penalizer === 0 ? `fit:${model}` : `fit:${model}:penalizer=${penalizer}`;
}

/**
 * Reads the optional last argument [se] of every FIT.*: TRUE (or 1) adds the standard-error rows,
 * FALSE (or 0), blank or omitted does not.
 * @throws CvaError naming `se` for anything else.
 */
export function readSeFlag(raw: unknown): boolean {
  if (isOmitted(raw)) return false;
  const v = cellValue(unwrap(raw));
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  throw CvaError.keyed(ErrorCodes.InvalidType, "arg.notChoice", { arg: "se", choices: "TRUE, FALSE", got: typeof v === "string" ? `"${v}"` : String(v) }, { argument: "se" });
}

/**
 * A fit's table with its parameter uncertainty below it (docs/models/uncertainty.md): a row of
 * standard errors ("se") and the 95 % interval's ends ("ci95_low", "ci95_high": estimate ± 1.96
 * standard errors, lifetimes' convention), blank under the log-likelihood and the customer count.
 * When the uncertainty cannot be computed (a flat likelihood, a parameter at its bound) the "se"
 * row gives the reason in Office's language instead of numbers, and the interval rows are blank.
 * The prediction functions read the first two rows only (readFittedParams).
 */
export function withUncertainty(table: unknown[][], model: ModelName, u: UncertaintyResult): unknown[][] {
  const names = MODEL_PARAMS[model];
  const width = table[0].length;
  const row = (label: string, values: readonly unknown[]): unknown[] => [label, ...values, ...new Array<string>(width - 1 - values.length).fill("")];
  if (!u.ok) return [...table, row("se", [uncertaintyMessage(u, displayLang())]), row("ci95_low", []), row("ci95_high", [])];
  return [
    ...table,
    row("se", names.map((k) => u.se[k])),
    row("ci95_low", names.map((k) => u.ci95[k][0])),
    row("ci95_high", names.map((k) => u.ci95[k][1])),
  ];
}

/** What a fit's uncertainty needs: the columns it was fitted on and its result. */
type UncertaintyFn = (cols: Float64Array[], result: ReturnType<FitFn>) => UncertaintyResult;

/** The uncertainty of a count model's fit on (frequency, recency, T). */
function countUncertainty(id: CountModelId, penalizer: number): UncertaintyFn {
  return ([f, r, t], result) => countModelUncertainty(id, { frequency: f, recency: r, T: t }, result as Parameters<typeof countModelUncertainty>[2], { penalizer });
}

/**
 * Reads the columns of a fit, checks each customer by the core's one rule for histories
 * (checkHistory: the same rule PALIVE, EXPECTED and SPEND apply), naming the row within the
 * ranges, then fits (kept by content: recalculation never refits unchanged data); with `se`, the
 * uncertainty rows (kept likewise).
 */
function fitTable(model: ModelName, names: string[], raws: unknown[], penalizer: number, fit: FitFn, se: boolean, uncertainty: UncertaintyFn): Spill {
  const { cols, rows } = readColumns(names, raws, 2);
  for (let i = 0; i < rows.length; i++) {
    if (model === "Gamma-Gamma") checkFrequency(cols[0][i], rows[i]);
    else checkHistory(cols[0][i], cols[1][i], cols[2][i], rows[i]);
  }
  const tag = fitTag(model, penalizer);
  const result = memoByContent(tag, cols, () => fit(cols));
  const table = convergedTable(model, result, cols[0].length);
  if (!se) return table;
  return withUncertainty(table as unknown[][], model, memoByContent(`${tag}:se`, cols, () => uncertainty(cols, result)));
}

/**
 * The table of a fit that converged; else #N/A with the fit's own reason (a time or iteration
 * limit, a parameter running to a bound), in both languages.
 */
export function convergedTable(model: ModelName, result: ReturnType<FitFn>, customers: number): Spill {
  if (!result.converged) {
    if (result.messageKey === "fit.timeLimit") throw CvaError.keyed(ErrorCodes.NotConverged, "fn.fitTimeLimit", { model, ...result.messageParams });
    if (result.messageKey) {
      const detail = { "en-US": errorText("en-US", result.messageKey, result.messageParams), "zh-CN": errorText("zh-CN", result.messageKey, result.messageParams) };
      throw CvaError.keyed(ErrorCodes.NotConverged, "fn.fitStopped", { model, detail });
    }
    const key = model === "Gamma-Gamma" ? "fn.fitSpendNotConverged" : "fn.fitNotConverged";
    throw CvaError.keyed(ErrorCodes.NotConverged, key, { model, iterations: result.iterations });
  }
  return fittedTable(model, result.params as Record<string, number>, result.logLikelihood, customers);
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) to customers' repeat purchases by maximum likelihood. Returns a label row and a value row (model, r, alpha, a, b, log-likelihood, customers) that CVA.PALIVE, CVA.EXPECTED and CVA.CLV.BTYD read. The fit is kept: recalculating never refits unchanged data. Example: =CVA.FIT.BGNBD(B2:B2358, C2:C2358, D2:D2358).
 * @customfunction FIT.BGNBD
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x), e.g. in weeks.
 * @param {any[][]} T Each customer's time from first purchase to the end of the period, in the same unit.
 * @param {any[][]} [penalizer] An L2 penalty on the parameters, as lifetimes' penalizer_coef: 0 (default) for plain maximum likelihood; a small value such as 0.001 steadies a fit on small or awkward data.
 * @param {any[][]} [se] TRUE adds three rows under the fit: each parameter's standard error ("se") and its 95 % interval ("ci95_low", "ci95_high", estimate ± 1.96 standard errors), from the curvature of the likelihood; where they cannot be computed the "se" row says why. FALSE or omitted: the two rows alone.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitBgnbd(frequency: any[][], recency: any[][], T: any[][], penalizer?: any[][], se?: any[][]): any[][] {
  return excelCall(() => {
    const options = cellFitOptions(penalizer);
    const withSe = readSeFlag(se);
    return fitTable("BG/NBD", ["frequency", "recency", "T"], [frequency, recency, T], options.penalizer, ([f, r, t]) => bgnbd.fit({ frequency: f, recency: r, T: t }, options), withSe, countUncertainty("bgnbd", options.penalizer));
  });
}

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007), a BG/NBD variant in which customers can also drop out right after their first purchase. Returns a label row and a value row for CVA.PALIVE and CVA.EXPECTED. Example: =CVA.FIT.MBGNBD(B2:B2358, C2:C2358, D2:D2358).
 * @customfunction FIT.MBGNBD
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x).
 * @param {any[][]} T Each customer's time from first purchase to the end of the period.
 * @param {any[][]} [penalizer] An L2 penalty on the parameters, as lifetimes' penalizer_coef: 0 (default) for plain maximum likelihood; a small value such as 0.001 steadies a fit on small or awkward data.
 * @param {any[][]} [se] TRUE adds three rows under the fit: each parameter's standard error ("se") and its 95 % interval ("ci95_low", "ci95_high", estimate ± 1.96 standard errors), from the curvature of the likelihood; where they cannot be computed the "se" row says why. FALSE or omitted: the two rows alone.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitMbgnbd(frequency: any[][], recency: any[][], T: any[][], penalizer?: any[][], se?: any[][]): any[][] {
  return excelCall(() => {
    const options = cellFitOptions(penalizer);
    const withSe = readSeFlag(se);
    return fitTable("MBG/NBD", ["frequency", "recency", "T"], [frequency, recency, T], options.penalizer, ([f, r, t]) => mbgnbd.fit({ frequency: f, recency: r, T: t }, options), withSe, countUncertainty("mbgnbd", options.penalizer));
  });
}

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) to customers' repeat purchases. Returns a label row and a value row (model, r, alpha, s, beta, log-likelihood, customers) for CVA.PALIVE and CVA.EXPECTED. Example: =CVA.FIT.PARETONBD(B2:B2358, C2:C2358, D2:D2358).
 * @customfunction FIT.PARETONBD
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x).
 * @param {any[][]} T Each customer's time from first purchase to the end of the period.
 * @param {any[][]} [penalizer] An L2 penalty on the parameters, as lifetimes' penalizer_coef: 0 (default) for plain maximum likelihood; a small value such as 0.001 steadies a fit on small or awkward data.
 * @param {any[][]} [se] TRUE adds three rows under the fit: each parameter's standard error ("se") and its 95 % interval ("ci95_low", "ci95_high", estimate ± 1.96 standard errors), from the curvature of the likelihood; where they cannot be computed the "se" row says why. FALSE or omitted: the two rows alone.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitParetonbd(frequency: any[][], recency: any[][], T: any[][], penalizer?: any[][], se?: any[][]): any[][] {
  return excelCall(() => {
    const options = cellFitOptions(penalizer);
    const withSe = readSeFlag(se);
    return fitTable("Pareto/NBD", ["frequency", "recency", "T"], [frequency, recency, T], options.penalizer, ([f, r, t]) => paretonbd.fit({ frequency: f, recency: r, T: t }, options), withSe, countUncertainty("paretonbd", options.penalizer));
  });
}

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005) on the repeat buyers (frequency above 0): how much customers spend per purchase. Returns a label row and a value row (model, p, q, v, log-likelihood, customers) for CVA.SPEND and CVA.CLV.BTYD. Example: =CVA.FIT.GG(B2:B2358, F2:F2358).
 * @customfunction FIT.GG
 * @param {any[][]} frequency Each customer's repeat purchases; customers with 0 are left out of the fit.
 * @param {any[][]} monetary Each customer's mean repeat purchase amount, above 0 for repeat buyers.
 * @param {any[][]} [penalizer] An L2 penalty on the parameters, as lifetimes' penalizer_coef: 0 (default) for plain maximum likelihood; a small value such as 0.001 steadies a fit on small or awkward data.
 * @param {any[][]} [se] TRUE adds three rows under the fit: each parameter's standard error ("se") and its 95 % interval ("ci95_low", "ci95_high", estimate ± 1.96 standard errors), from the curvature of the likelihood; where they cannot be computed the "se" row says why. FALSE or omitted: the two rows alone.
 * @returns {any[][]} The fitted parameters with a label row.
 */
export function fitGg(frequency: any[][], monetary: any[][], penalizer?: any[][], se?: any[][]): any[][] {
  return excelCall(() => {
    const options = cellFitOptions(penalizer);
    const withSe = readSeFlag(se);
    return fitTable("Gamma-Gamma", ["frequency", "monetary"], [frequency, monetary], options.penalizer, ([f, m]) => gammagamma.fit({ frequency: f, monetary: m }, options), withSe, ([f, m], result) =>
      gammaGammaUncertainty({ frequency: f, monetary: m }, result as Parameters<typeof gammaGammaUncertainty>[1], { penalizer: options.penalizer }));
  });
}

const MODEL_ARG: TextRule = { name: "model", kind: "text", optional: true, default: "auto", choices: MODEL_CHOICES };

/**
 * Fits a model of repeat buying chosen by name, or by CVA: "auto" (the default) fits BG/NBD, MBG/NBD and Pareto/NBD and keeps the one the data support best (docs/models/choice.md); "bgnbd", "mbgnbd" or "paretonbd" fits that one. Returns the same label row and value row as CVA.FIT.BGNBD, FIT.MBGNBD or FIT.PARETONBD, whose model cell names the model chosen; CVA.PALIVE, EXPECTED, PN, FORECAST and CLV.BTYD read it. Example: =CVA.FIT(B2:B2358, C2:C2358, D2:D2358).
 * @customfunction FIT
 * @param {any[][]} frequency Each customer's repeat purchases (x).
 * @param {any[][]} recency Each customer's time from first to last purchase (t_x), e.g. in weeks.
 * @param {any[][]} T Each customer's time from first purchase to the end of the period, in the same unit.
 * @param {any[][]} [model] "auto" (default), "bgnbd", "mbgnbd" or "paretonbd".
 * @param {any[][]} [penalizer] An L2 penalty on the parameters, as lifetimes' penalizer_coef: 0 (default) for plain maximum likelihood; a small value such as 0.001 steadies a fit on small or awkward data.
 * @param {any[][]} [se] TRUE adds three rows under the fit: each parameter's standard error ("se") and its 95 % interval ("ci95_low", "ci95_high", estimate ± 1.96 standard errors), from the curvature of the likelihood; where they cannot be computed the "se" row says why. FALSE or omitted: the two rows alone.
 * @returns {any[][]} The fitted parameters of the model, with a label row; the model cell names it.
 */
export function fit(frequency: any[][], recency: any[][], T: any[][], model?: any[][], penalizer?: any[][], se?: any[][]): any[][] {
  return excelCall(() => {
    const choice = parseModelChoice(readText(MODEL_ARG, model));
    const options = cellFitOptions(penalizer);
    const withSe = readSeFlag(se);
    if (choice !== "auto") {
      const m = countModel(choice);
      return fitTable(m.label as ModelName, ["frequency", "recency", "T"], [frequency, recency, T], options.penalizer, ([f, r, t]) => m.fit({ frequency: f, recency: r, T: t }, options), withSe, countUncertainty(choice, options.penalizer));
    }
    const { cols, rows } = readColumns(["frequency", "recency", "T"], [frequency, recency, T], 2);
    for (let i = 0; i < rows.length; i++) checkHistory(cols[0][i], cols[1][i], cols[2][i], rows[i]);
    // Three fits share the time one function may take.
    const comparison = memoByContent(fitTag("auto", options.penalizer), cols, () =>
      compareModels({ frequency: cols[0], recency: cols[1], T: cols[2] }, { timeLimitMs: FUNCTION_FIT_TIME_LIMIT_MS / COUNT_MODEL_IDS.length, penalizer: options.penalizer }),
    );
    const chosen = countModel(comparison.chosen);
    const result = comparison.fits[comparison.chosen]!;
    const table = convergedTable(chosen.label as ModelName, result, cols[0].length);
    if (!withSe) return table;
    const u = memoByContent(`${fitTag("auto", options.penalizer)}:se`, cols, () => countUncertainty(comparison.chosen, options.penalizer)(cols, result));
    return withUncertainty(table as unknown[][], chosen.label as ModelName, u);
  });
}
