/**
 * The fitted parameters as the report shows them (docs/models/uncertainty.md §1–§2, §6): each
 * parameter of the count model and, when it was fitted, of Gamma-Gamma, with its standard error
 * and 95 % interval — on the log scale, exp(ln φ ± 1.96 · se(ln φ)), so that it stays positive like
 * the parameter — or, for a model whose uncertainty cannot be computed, the reason in the
 * report's language instead of numbers.
 */
import type { Lang } from "../i18n/messages";
import type { FitUncertainty } from "../clv/intervals";
import { countModel } from "../clv/models";
import type { BtydPrediction } from "../clv/lifetime";
import { uncertaintyMessage, type UncertaintyResult } from "../clv/uncertainty";

/** One parameter: the model's label ("BG/NBD", "Gamma-Gamma"), its name, estimate, standard error and 95 % interval (null when not computed). */
export interface ParameterRow {
  model: string;
  name: string;
  estimate: number;
  se: number | null;
  low: number | null;
  high: number | null;
}

export interface ParameterTable {
  rows: ParameterRow[];
  /** Per model without numbers: "MBG/NBD: uncertainty cannot be computed because …", in the report's language. */
  unavailable: string[];
}

/** The parameter table of a prediction's fits, with the uncertainty computed for them (../clv/intervals.ts fitUncertainty). */
export function parameterTable(r: BtydPrediction, u: FitUncertainty, lang: Lang): ParameterTable {
  const rows: ParameterRow[] = [];
  const unavailable: string[] = [];
  const add = (label: string, names: readonly string[], estimates: Readonly<Record<string, number>>, result: UncertaintyResult | null) => {
    const ok = result !== null && result.ok ? result : null;
    for (const name of names) {
      const ci = ok?.ci95Log[name];
      rows.push({ model: label, name, estimate: estimates[name], se: ok ? finite(ok.se[name]) : null, low: ci ? finite(ci[0]) : null, high: ci ? finite(ci[1]) : null });
    }
    if (result !== null && !result.ok) unavailable.push(`${label}: ${uncertaintyMessage(result, lang)}`);
  };
  const cm = countModel(r.model);
  add(cm.label, cm.paramNames, r.fit.params, u.count);
  if (r.gammagamma) add("Gamma-Gamma", ["p", "q", "v"], r.gammagamma.params as unknown as Record<string, number>, u.spend);
  return { rows, unavailable };
}

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);
