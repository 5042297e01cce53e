/**
 * The three models of continuous-time repeat buying, behind one interface, so every surface
 * (analysis, command line, custom functions, task pane) can offer them by name and treat them
 * alike (docs/models/README.md):
 *
 * - `bgnbd`: BG/NBD (Fader, Hardie & Lee 2005), a customer can leave after each repeat purchase;
 * - `mbgnbd`: MBG/NBD (Batislam, Denizel & Filiztekin 2007), also right after the first purchase,
 *   so a customer without repeat purchases is not taken to be alive for sure;
 * - `paretonbd`: Pareto/NBD (Schmittlein, Morrison & Colombo 1987), a customer can leave at any time.
 *
 * Each has four parameters, times in the data's unit; `auto` asks the caller to compare them
 * (./model-choice.ts). BG/BB, for discrete opportunities, has data of another shape and is not here.
 */
import { CvaError, ErrorCodes } from "../errors";
import * as bgnbd from "./bgnbd";
import * as mbgnbd from "./mbgnbd";
import * as paretonbd from "./paretonbd";
import { probabilityAliveMany } from "./paretonbd-alive";
import type { FitOptions, FitResult, RfmInput } from "./data";

/** The name of a count model, as every surface spells it. */
export type CountModelId = "bgnbd" | "mbgnbd" | "paretonbd";

/** A model name or `auto` (fit every model and choose, ./model-choice.ts). */
export type ModelChoice = CountModelId | "auto";

/** The count models, in the order they are listed and compared. */
export const COUNT_MODEL_IDS: readonly CountModelId[] = ["bgnbd", "mbgnbd", "paretonbd"];

/** Every accepted value of a `model` option or argument. */
export const MODEL_CHOICES: readonly ModelChoice[] = ["auto", ...COUNT_MODEL_IDS];

/** Four positive parameters by name (r, alpha, a, b or r, alpha, s, beta). */
export type CountParams = Readonly<Record<string, number>>;

/** One count model: its fit and its predictions, all in the data's time unit. */
export interface CountModel {
  id: CountModelId;
  /** The model's usual name: "BG/NBD", "MBG/NBD", "Pareto/NBD". */
  label: string;
  /** Parameter names in their conventional order. */
  paramNames: readonly string[];
  fit(data: RfmInput, options?: FitOptions): FitResult<CountParams>;
  /** ln L of one customer's history. */
  logLikelihood(params: CountParams, x: number, tx: number, T: number): number;
  /** P(alive | x, t_x, T). */
  probabilityAlive(params: CountParams, x: number, tx: number, T: number): number;
  /** P(alive) of many customers: the same values as {@link probabilityAlive}, faster for Pareto/NBD (./paretonbd-alive.ts). */
  probabilityAliveMany(params: CountParams, frequency: ArrayLike<number>, recency: ArrayLike<number>, T: ArrayLike<number>): Float64Array;
  /** E[Y(t) | x, t_x, T]: expected repeat purchases in the next t. */
  expectedPurchases(params: CountParams, t: number, x: number, tx: number, T: number): number;
  /** E[X(t)] of a customer just acquired (repeat purchases in (0, t]). */
  expectedPurchasesUnconditional(params: CountParams, t: number): number;
  /** P(X(t) = n) of a customer just acquired. */
  probabilityOfPurchases(params: CountParams, t: number, n: number): number;
}

type BgParams = bgnbd.BgNbdParams;

/** value(i) for every customer i of `frequency`. */
function each(frequency: ArrayLike<number>, value: (i: number) => number): Float64Array {
  const out = new Float64Array(frequency.length);
  for (let i = 0; i < out.length; i++) out[i] = value(i);
  return out;
}
type ParetoParams = paretonbd.ParetoNbdParams;

const MODELS: Readonly<Record<CountModelId, CountModel>> = {
  bgnbd: {
    id: "bgnbd",
    label: "BG/NBD",
    paramNames: ["r", "alpha", "a", "b"],
    fit: (data, options) => bgnbd.fit(data, options) as unknown as FitResult<CountParams>,
    logLikelihood: (p, x, tx, T) => bgnbd.logLikelihood(p as unknown as BgParams, x, tx, T),
    probabilityAlive: (p, x, tx, T) => bgnbd.probabilityAlive(p as unknown as BgParams, x, tx, T),
    probabilityAliveMany: (p, f, rec, T) => each(f, (i) => bgnbd.probabilityAlive(p as unknown as BgParams, f[i], rec[i], T[i])),
    expectedPurchases: (p, t, x, tx, T) => bgnbd.expectedPurchases(p as unknown as BgParams, t, x, tx, T),
    expectedPurchasesUnconditional: (p, t) => bgnbd.expectedPurchasesUnconditional(p as unknown as BgParams, t),
    probabilityOfPurchases: (p, t, n) => bgnbd.probabilityOfPurchases(p as unknown as BgParams, t, n),
  },
  mbgnbd: {
    id: "mbgnbd",
    label: "MBG/NBD",
    paramNames: ["r", "alpha", "a", "b"],
    fit: (data, options) => mbgnbd.fit(data, options) as unknown as FitResult<CountParams>,
    logLikelihood: (p, x, tx, T) => mbgnbd.logLikelihood(p as unknown as BgParams, x, tx, T),
    probabilityAlive: (p, x, tx, T) => mbgnbd.probabilityAlive(p as unknown as BgParams, x, tx, T),
    probabilityAliveMany: (p, f, rec, T) => each(f, (i) => mbgnbd.probabilityAlive(p as unknown as BgParams, f[i], rec[i], T[i])),
    expectedPurchases: (p, t, x, tx, T) => mbgnbd.expectedPurchases(p as unknown as BgParams, t, x, tx, T),
    expectedPurchasesUnconditional: (p, t) => mbgnbd.expectedPurchasesUnconditional(p as unknown as BgParams, t),
    probabilityOfPurchases: (p, t, n) => mbgnbd.probabilityOfPurchases(p as unknown as BgParams, t, n),
  },
  paretonbd: {
    id: "paretonbd",
    label: "Pareto/NBD",
    paramNames: ["r", "alpha", "s", "beta"],
    fit: (data, options) => paretonbd.fit(data, options) as unknown as FitResult<CountParams>,
    logLikelihood: (p, x, tx, T) => paretonbd.logLikelihood(p as unknown as ParetoParams, x, tx, T),
    probabilityAlive: (p, x, tx, T) => paretonbd.probabilityAlive(p as unknown as ParetoParams, x, tx, T),
    probabilityAliveMany: (p, f, rec, T) => probabilityAliveMany(p as unknown as ParetoParams, f, rec, T),
    expectedPurchases: (p, t, x, tx, T) => paretonbd.expectedPurchases(p as unknown as ParetoParams, t, x, tx, T),
    expectedPurchasesUnconditional: (p, t) => paretonbd.expectedPurchasesUnconditional(p as unknown as ParetoParams, t),
    probabilityOfPurchases: (p, t, n) => paretonbd.probabilityOfPurchases(p as unknown as ParetoParams, t, n),
  },
};

/**
 * The model of that name.
 * @throws CvaError OUT_OF_RANGE for any other name (`auto` included: the caller chooses first).
 * @example countModel("paretonbd").probabilityAlive(params, 2, 30.43, 38.86)
 */
export function countModel(id: string): CountModel {
  if (!(COUNT_MODEL_IDS as readonly string[]).includes(id)) {
    throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: "model", choices: COUNT_MODEL_IDS.join(", "), got: JSON.stringify(id) }, { argument: "model" });
  }
  return MODELS[id as CountModelId];
}

/**
 * Checks a `model` option: one of {@link MODEL_CHOICES}, case and surrounding spaces ignored.
 * @throws CvaError OUT_OF_RANGE naming the choices.
 * @example parseModelChoice(" Auto ") // "auto"
 */
export function parseModelChoice(value: unknown, argument = "model"): ModelChoice {
  const v = typeof value === "string" ? value.trim().toLowerCase() : value;
  if (typeof v === "string" && (MODEL_CHOICES as readonly string[]).includes(v)) return v as ModelChoice;
  throw CvaError.keyed(ErrorCodes.OutOfRange, "arg.notChoice", { arg: argument, choices: MODEL_CHOICES.join(", "), got: JSON.stringify(value) }, { argument });
}
