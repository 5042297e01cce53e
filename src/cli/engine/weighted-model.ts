/**
 * The lifetime model of `cva predict` fitted on weighted histories: each row a (x, t_x, T) history
 * with the number of customers who have it (a summary file's weight column, or the distinct
 * histories of the DuckDB engine, docs/engines.md §3). The same steps and fallbacks as the core's
 * predictBtyd (src/core/clv/btyd-predict.ts, docs/lifetime-value.md §3), with the weights passed
 * to every fit: the count model (or auto's comparison), then Gamma-Gamma on the repeat buyers
 * with positive spend, else each repeat buyer's own mean spend and the weighted mean of those for
 * the rest. With every weight 1 the result is predictBtyd's.
 */
import {
  CvaError, ErrorCodes, compareModels, countModel, describeBtyd, finiteResult, gammagamma, isCvaError, parseModelChoice, resolveLifetimeOptions, scoreCountModel,
  type BtydFallback, type BtydFallbackReason, type BtydPrediction, type BtydPredictorOptions, type BtydScores, type CountModelId,
} from "../../core";

/** Count-model histories with weights (customers per row; default 1). */
export interface WeightedHistories {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weights?: Float64Array;
}

/** Spend data: frequency and mean repeat spend per row, with weights. */
export interface WeightedSpend {
  frequency: Float64Array;
  monetary: Float64Array;
  weights?: Float64Array;
}

/** A fitted lifetime model, before scoring: the prediction's fields without the scores. */
export type WeightedFit = Omit<BtydPrediction, "pAlive" | "expectedPurchases" | "expectedValue" | "clv"> & {
  /** Without Gamma-Gamma: the spend of a customer without repeat purchases (the repeat buyers' weighted mean spend). */
  meanSpend: number;
};

function sum(w: Float64Array | undefined, n: number): number {
  if (!w) return n;
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i];
  return s;
}

/**
 * Fits the count model and the spend model on weighted rows; see the module comment. Never
 * throws for data on which no fit is possible: returns predictBtyd's fallback.
 * @throws CvaError for invalid options or rows, naming them.
 */
export function fitWeighted(h: WeightedHistories, spend: WeightedSpend, options: BtydPredictorOptions): WeightedFit | BtydFallback {
  const life = resolveLifetimeOptions(options);
  const penalizer = options.penalizer ?? 0;
  const choice = parseModelChoice(options.model ?? "bgnbd");
  const n = h.frequency.length;
  const customers = sum(h.weights, n);
  const minCustomers = options.minCustomers ?? 10;
  const fallback = (reason: BtydFallbackReason, error?: CvaError): BtydFallback => {
    const r: BtydFallback = { fitted: false, reason, customers, minCustomers, note: reason, model: choice };
    if (error) {
      r.detail = error.message;
      r.detailKey = error.key;
      r.detailParams = error.params;
      r.note = error.message;
    }
    return r;
  };
  if (customers < minCustomers) return fallback("tooFewCustomers");
  const data = { frequency: h.frequency, recency: h.recency, T: h.T, ...(h.weights ? { weights: h.weights } : {}) };
  let model: CountModelId;
  let fit;
  let comparison = null;
  try {
    if (choice === "auto") {
      comparison = compareModels(data, { ...options, unit: options.unit });
      model = comparison.chosen;
      fit = comparison.fits[model]!;
    } else {
      model = choice;
      fit = countModel(model).fit(data, options);
    }
  } catch (e) {
    if (!isCvaError(e) || e.code !== ErrorCodes.DegenerateData) throw e;
    let repeaters = 0, same = true;
    for (let i = 0; i < n; i++) {
      if (h.frequency[i] > 0) repeaters++;
      if (h.frequency[i] !== h.frequency[0] || h.recency[i] !== h.recency[0] || h.T[i] !== h.T[0]) same = false;
    }
    return fallback(repeaters === 0 ? "nobodyRepeats" : same ? "sameHistory" : "degenerate", e);
  }
  let gg: ReturnType<typeof gammagamma.fit> | null = null;
  let spendNote: CvaError | undefined;
  let meanSpend = 0;
  try {
    gg = gammagamma.fit({ frequency: spend.frequency, monetary: spend.monetary, ...(spend.weights ? { weights: spend.weights } : {}) }, { ...options, nonPositive: "exclude" });
    if (!(gg.params.q > 1)) throw CvaError.keyed(ErrorCodes.DegenerateData, "spend.qAtMostOne", { q: String(Number(gg.params.q.toPrecision(6))) });
  } catch (e) {
    if (!isCvaError(e)) throw e;
    gg = null;
    let s = 0, count = 0;
    for (let i = 0; i < spend.frequency.length; i++) {
      if (spend.frequency[i] > 0) {
        const w = spend.weights ? spend.weights[i] : 1;
        s += w * spend.monetary[i];
        count += w;
      }
    }
    meanSpend = count > 0 ? s / count : 0;
    spendNote = e;
  }
  const out: WeightedFit = {
    fitted: true,
    model,
    fit,
    comparison,
    gammagamma: gg,
    note: "",
    meanSpend,
    ...(spendNote === undefined ? {} : { spendNote: spendNote.message, spendNoteKey: spendNote.key, spendNoteParams: spendNote.params }),
    settings: { ...life, unit: options.unit, penalizer },
  };
  out.note = describeBtyd({ ...out, ...emptyScores() }, "en-US");
  return out;
}

function emptyScores(): BtydScores {
  return { pAlive: new Float64Array(0), expectedPurchases: new Float64Array(0), expectedValue: new Float64Array(0), clv: new Float64Array(0) };
}

/** A fit as a prediction without scores, for the messages that tell the fitted model (describeBtyd). */
export function withoutScores(f: WeightedFit): BtydPrediction {
  const { meanSpend: _meanSpend, ...rest } = f;
  return { ...rest, ...emptyScores() };
}

/** Each row's expected spend per purchase: Gamma-Gamma (FH 2013 eq. 5), else the fallback of the module comment. */
export function expectedSpend(f: WeightedFit, frequency: ArrayLike<number>, monetary: ArrayLike<number>): Float64Array {
  const n = frequency.length;
  const out = new Float64Array(n);
  const gg = f.gammagamma;
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    out[i] = gg ? (gg.params.p * (gg.params.v + x * Math.max(monetary[i], 0))) / (gg.params.p * x + gg.params.q - 1) : x > 0 ? monetary[i] : f.meanSpend;
  }
  return out;
}

/**
 * Scores rows with a weighted fit: P(alive), expected purchases, expected spend and CLV
 * (scoreCountModel, docs/lifetime-value.md §3). Every score is finite or this throws.
 */
export function scoreWeighted(f: WeightedFit, rows: { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array }, options: BtydPredictorOptions): BtydPrediction {
  const ev = expectedSpend(f, rows.frequency, rows.monetary);
  const scores = scoreCountModel(f.model, f.fit.params, null, rows, options, ev);
  for (const col of [scores.pAlive, scores.expectedPurchases, scores.expectedValue, scores.clv]) for (let i = 0; i < col.length; i++) finiteResult(col[i]);
  const { meanSpend: _meanSpend, ...rest } = f;
  return { ...rest, ...scores };
}
