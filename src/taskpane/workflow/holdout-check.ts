/**
 * The pane's holdout check (docs/models/model-sheet.md §1, docs/models/holdout.md): with a
 * calibration end, the transactions are split there; the count models (all three with `auto`,
 * else the one named) are fitted to the calibration period and judged on the purchases after it
 * (docs/models/choice.md, the holdout rule), and the chosen model's conditional expectations per
 * calibration frequency and tracking of repeat transactions are computed at its calibration
 * parameters (Fader, Hardie & Lee 2005, fig. 2–3; docs/models/fit-checks.md). The analysis then
 * uses that model on all the data. Pure, from core only.
 */
import { COUNT_MODEL_IDS, compareModels, countModel, describeChoice, fitChecks, holdoutFromTransactions, isCvaError, parseIsoDay, type CountModelId, type ModelChoice, type TransactionTable } from "../../core";
import type { Locale } from "../strings";
import type { ModelParts } from "./model-plan";

export interface HoldoutCheck {
  /** The model the analysis is to use: auto's choice by the holdout, or the one named. */
  chosen: CountModelId;
  /** The sheet's parts from the holdout: the comparison (with its holdout errors), the reason, buckets and tracking. */
  parts: Pick<ModelParts, "comparison" | "choiceText"> & { buckets: NonNullable<ModelParts["checks"]>["buckets"]; tracking: NonNullable<ModelParts["checks"]>["tracking"] };
}

/**
 * The check, or null when no model can be fitted to the calibration period (too few customers,
 * nobody repeats): the analysis goes on without it and says why its own way.
 * @param calibration the calibration end, YYYY-MM-DD (inclusive).
 * @param end the observation end, YYYY-MM-DD, or "" for the last date in the data.
 * @throws CvaError when the observation end is not after the calibration end (keyed, both languages).
 */
export function holdoutCheck(table: TransactionTable, calibration: string, end: string, unit: "days" | "weeks" | "months", model: ModelChoice, lang: Locale): HoldoutCheck | null {
  let last = -Infinity;
  for (let i = 0; i < table.length; i++) if (table.day[i] > last) last = table.day[i];
  const input = holdoutFromTransactions(table, parseIsoDay(calibration), end === "" ? last : parseIsoDay(end), unit);
  try {
    const comparison = compareModels(input, {
      unit,
      models: model === "auto" ? COUNT_MODEL_IDS : [model],
      holdout: { holdoutPurchases: input.holdoutPurchases, holdoutLength: input.holdoutLength },
    });
    const fit = comparison.fits[comparison.chosen];
    if (!fit) return null;
    const checks = fitChecks(countModel(comparison.chosen), fit.params, input, unit, input);
    return {
      chosen: comparison.chosen,
      parts: { comparison, choiceText: model === "auto" ? describeChoice(comparison, lang) : null, buckets: checks.buckets, tracking: checks.tracking },
    };
  } catch (e) {
    if (isCvaError(e)) return null;
    throw e;
  }
}
