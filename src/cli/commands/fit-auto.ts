/**
 * `cva fit --model auto [--calibration-end YYYY-MM-DD]`: fits BG/NBD, MBG/NBD and Pareto/NBD,
 * compares them and chooses one by the rule of docs/models/choice.md (compareModels,
 * src/core/clv/model-choice.ts). Without a calibration end the models are fitted on the whole
 * history and judged by BIC; with one, on the purchases up to it (holdoutFromTransactions), and
 * judged by how well each predicts every customer's repeat purchases from then to --end.
 *
 * --json: the chosen model's fit with the keys of every `cva fit` ("model" is the chosen one),
 * then "rule", "comparison" (one object per model: model, params, logLikelihood, aic, bic,
 * converged, chosen, and with a holdout holdoutMae, holdoutTotalPredicted, holdoutTotalActual,
 * holdoutTotalError; "error" when the model could not be fitted) and "reason" (describeChoice in
 * the user's language). The fit and every fitted row carry "se", "ci95" and "covariance" (or
 * "seUnavailable"), as every `cva fit` (./fit.ts). Text: a head line, the comparison table with
 * "± se" beside each parameter, the line on the standard errors and the reason.
 */
import { errorText, formatDay, holdoutFromTransactions, summarizeWithWarnings, t, type Lang, type TimeUnit, type TransactionTable } from "../../core";
import { compareModels, countModelUncertainty, describeChoice, type CountModelId, type HoldoutData, type ModelComparison, type ModelComparisonRow, type UncertaintyResult } from "../../core";
import { UsageError } from "../args";
import { EXIT_OK, type CliIo } from "../io";
import { progressReporter } from "../progress";
import { checkNotBeforeData, dateOption, inOptionWords, reportModelWarnings, today } from "./common";
import { fitJson, OPTION_OF, paramsText, uncertaintyJson, uncertaintyLine, warnNotConverged, withProgress, type FitCommand } from "./fit";

/** The calibration data and holdout of an `auto` fit, and the dates for the head line. */
interface AutoData {
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> };
  holdout?: HoldoutData;
  calibration?: { calibrationEnd: string; end: string; length: number };
}

/** The summaries to fit on: up to --calibration-end with the holdout after it, else up to --end. */
function autoData(cmd: FitCommand, io: CliIo, table: TransactionTable, unit: TimeUnit, end: { text: string; day: number } | undefined): AutoData {
  const calibration = dateOption(cmd.args.options, "calibration-end");
  try {
    if (!calibration) {
      const summary = summarizeWithWarnings(table, { unit, end: end?.text, today: today() });
      reportModelWarnings(io, summary.warnings, cmd.lang);
      const s = summary.summaries;
      return { data: { frequency: s.map((c) => c.frequency), recency: s.map((c) => c.recency), T: s.map((c) => c.T) } };
    }
    checkNotBeforeData(table, calibration, "--calibration-end");
    let endDay = end ? end.day : -Infinity;
    if (!end) for (let i = 0; i < table.length; i++) endDay = Math.max(endDay, table.day[i]);
    if (!(endDay > calibration.day)) {
      throw UsageError.keyed(end ? "option.endBeforeCalibration" : "option.dataEndsBeforeCalibration", { end: formatDay(endDay), calibrationEnd: formatDay(calibration.day) });
    }
    const h = holdoutFromTransactions(table, calibration.day, endDay, unit);
    return {
      data: { frequency: h.frequency, recency: h.recency, T: h.T },
      holdout: { holdoutPurchases: h.holdoutPurchases, holdoutLength: h.holdoutLength },
      calibration: { calibrationEnd: formatDay(calibration.day), end: formatDay(endDay), length: h.holdoutLength },
    };
  } catch (e) {
    throw inOptionWords(e, OPTION_OF);
  }
}

/** One row of the "comparison" array of --json; with `u`, the row's uncertainty keys last. */
export function comparisonJson(r: ModelComparisonRow, lang: Lang, u?: UncertaintyResult): Record<string, unknown> {
  const out: Record<string, unknown> = { model: r.model, params: r.params, logLikelihood: r.logLikelihood, aic: r.aic, bic: r.bic, converged: r.converged, chosen: r.chosen };
  if (r.holdout) {
    out.holdoutMae = r.holdout.mae;
    out.holdoutTotalPredicted = r.holdout.totalPredicted;
    out.holdoutTotalActual = r.holdout.totalActual;
    out.holdoutTotalError = r.holdout.totalError;
  }
  if (r.logLikelihood === null) out.error = r.errorKey ? errorText(lang, r.errorKey, r.errorParams) : (r.errorMessage ?? "");
  return u ? { ...out, ...uncertaintyJson(u, lang) } : out;
}

/** A number for the table: `digits` decimals, empty for null. */
function cell(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined ? "" : v.toFixed(digits);
}

/** Columns a text takes in a terminal: two for each CJK character or full-width form, one for the rest. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** The comparison as an aligned text table in `lang`, one line per model, the chosen marked ✓ (parameters with "± se" when `uncertainty` has the model's). */
export function comparisonTable(c: ModelComparison, lang: Lang, uncertainty: Partial<Record<CountModelId, UncertaintyResult>> = {}): string[] {
  const withHoldout = c.rule === "holdout";
  const head = [t(lang, "cli.col.model"), t(lang, "cli.col.ll"), t(lang, "cli.col.aic"), t(lang, "cli.col.bic")];
  if (withHoldout) head.push(t(lang, "cli.col.mae"), t(lang, "cli.col.predicted"), t(lang, "cli.col.actual"), t(lang, "cli.col.error"));
  head.push(t(lang, "cli.col.chosen"), t(lang, "cli.col.params"));
  const rows = c.rows.map((r) => {
    const cells = [r.label, cell(r.logLikelihood, 2), cell(r.aic, 2), cell(r.bic, 2)];
    if (withHoldout) {
      const h = r.holdout;
      cells.push(cell(h?.mae, 4), cell(h?.totalPredicted, 1), cell(h?.totalActual, 0), h ? `${(100 * h.totalError).toFixed(1)}%` : "");
    }
    const failed = r.logLikelihood === null ? t(lang, "cli.col.failed", { reason: r.errorKey ? errorText(lang, r.errorKey, r.errorParams) : (r.errorMessage ?? "") }) : "";
    const u = uncertainty[r.model];
    cells.push(r.chosen ? "✓" : "", r.params ? paramsText(r.params, u?.ok ? u.se : null) : failed);
    return cells;
  });
  const widths = head.map((h, j) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[j]))));
  const line = (cells: string[]) => cells.map((v, j) => (j === cells.length - 1 ? v : v + " ".repeat(widths[j] - displayWidth(v)))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)];
}

/** `source`: a transaction table, or the histories of a summary file (./fit.ts), fitted as they are. */
export async function runAuto(cmd: FitCommand, io: CliIo, source: TransactionTable | { summary: AutoData["data"] }, unit: TimeUnit, end: { text: string; day: number } | undefined): Promise<number> {
  const lang = cmd.lang;
  const d: AutoData = "summary" in source ? { data: source.summary } : autoData(cmd, io, source, unit, end);
  const progress = progressReporter(io, lang, cmd.args.flags.has("progress"));
  const t0 = performance.now();
  let c: ModelComparison;
  try {
    c = withProgress(progress, () => compareModels(d.data, { penalizer: cmd.penalizer, timeLimitMs: cmd.timeLimitMs, onProgress: progress.onProgress, holdout: d.holdout, unit }));
  } catch (e) {
    throw inOptionWords(e, OPTION_OF);
  }
  const elapsedMs = performance.now() - t0;
  const fit = c.fits[c.chosen]!;
  const reason = describeChoice(c, lang);
  // Each fitted model's standard errors, on the data it was fitted to.
  const uncertainty: Partial<Record<CountModelId, UncertaintyResult>> = {};
  for (const r of c.rows) {
    const f = c.fits[r.model];
    if (f) uncertainty[r.model] = countModelUncertainty(r.model, d.data, f, { penalizer: cmd.penalizer });
  }
  const chosenU = uncertainty[c.chosen]!;
  if (cmd.json) {
    const out = { ...fitJson(c.chosen, fit, elapsedMs, uncertaintyJson(chosenU, lang)), ...(cmd.penalizer > 0 ? { penalizer: cmd.penalizer } : {}), rule: c.rule, comparison: c.rows.map((r) => comparisonJson(r, lang, uncertainty[r.model])), reason };
    io.stdout(JSON.stringify(out) + "\n");
  } else {
    const chosen = c.rows.find((r) => r.model === c.chosen)!;
    const lines = [
      t(lang, "cli.auto.head", { model: chosen.label, rule: t(lang, c.rule === "bic" ? "cli.auto.ruleBic" : "cli.auto.ruleHoldout"), count: c.rows.length, customers: fit.customers, unit: t(lang, `unit.${unit}`) }),
    ];
    if (cmd.penalizer > 0) lines.push(t(lang, "fit.penalty", { penalizer: String(cmd.penalizer) }));
    if (d.calibration) lines.push(t(lang, "cli.auto.calibration", { ...d.calibration, length: d.calibration.length.toFixed(2), unit: t(lang, `unit.${unit}`) }));
    lines.push("", ...comparisonTable(c, lang, uncertainty), uncertaintyLine(chosenU, lang), "", reason);
    io.stdout(lines.join("\n") + "\n");
  }
  warnNotConverged(io, c.chosen, fit, lang);
  return EXIT_OK;
}
