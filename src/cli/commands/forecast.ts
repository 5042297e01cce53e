/**
 * `cva forecast <transactions.csv> [--model auto|bgnbd|mbgnbd|paretonbd] [--periods 52] [--period weeks]
 *   [--discount D] [--margin M] [--acquisition-cost C] [--intervals L] [--json] [--out file.csv]`
 *
 * The schedule a finance team puts in a budget (docs/models/forecast.md): fits the count model
 * (auto: the three compared and one chosen, docs/models/choice.md) and Gamma-Gamma spend, as
 * `cva predict` does (predictBtyd), then per future period the expected repeat transactions,
 * revenue and discounted margin of today's customers (forecastBase) with their totals, and what
 * a newly acquired customer is worth over the same horizon (newCustomerValue): expected
 * purchases, value, and with --acquisition-cost the CLV:CAC ratio and the payback period.
 *
 * Output: text (the head line, the schedule as CSV with a total row, the totals and the new
 * customer in words) on standard output; with --out the schedule goes to that CSV file (written
 * atomically, docs/output.md §6) and the words stay on standard output; --json prints everything
 * as one object instead. With --intervals L every period and the totals get their L predictive
 * interval — what the customers will actually buy: draws of the fitted parameters, each with every
 * customer's purchases and spends simulated (predictiveForecast, docs/models/forecast.md §6) — as
 * low/high columns of the schedule (CSV and JSON rows), a line after the totals, or `intervals`
 * in the JSON.
 */
import {
  countModel, DAYS_PER_UNIT, DEFAULT_FIT_TIME_LIMIT_MS, formatDay, MODEL_CHOICES, newCustomerSpend, resolveForecastOptions, t, type Lang,
} from "../../core";
import {
  CvaError, ErrorCodes, forecastBase, MAX_FORECAST_PERIODS, newCustomerValue, predictiveForecast, resolveIntervalOptions, type ForecastRow, type PredictiveForecast,
} from "../../core";
import { parseArgs } from "../args";
import { readTransactionsCsv } from "../csv";
import { normaliseEncoding } from "../encoding";
import { EXIT_FAILED, EXIT_OK, type CliIo } from "../io";
import { checkOutputPaths, writeFilesAtomically } from "../output";
import {
  checkNotBeforeData, choiceOption, dateOption, fileNotices, fmt, inOptionWords, money, numberOption, oneFile, reportError, resolvePath, usageHint,
} from "./common";
import { fitLifetimeModel, reportFittedModel } from "./model-run";
import { comparisonJson } from "./fit-auto";
import { helpText } from "./usage-zh";

export const usage = `Usage: cva forecast <transactions.csv> [options]

Forecast of the whole customer base: the expected repeat transactions, revenue and discounted
margin of today's customers in each future period, with totals, and the value of a newly acquired
customer over the same horizon (with an acquisition cost: CLV:CAC and the payback period).
The count model (auto: chosen among BG/NBD, MBG/NBD and Pareto/NBD) and Gamma-Gamma spend are
fitted on the transactions.

Options:
  --model NAME               auto (default), bgnbd, mbgnbd or paretonbd (docs/models/choice.md)
  --periods N                number of future periods (default 52, at most ${MAX_FORECAST_PERIODS})
  --period NAME              length of a period: days, weeks (default), months, quarters or years
  --discount D               discount rate per period, 0 ≤ D < 1 (default 0)
  --margin M                 share of spend that is margin, 0 < M ≤ 1 (default 1)
  --acquisition-cost C       cost of acquiring a customer: CLV:CAC and payback of a new customer
  --penalizer X              L2 penalty on the parameters of every fit, ≥ 0 (default 0), as cva fit
  --intervals L              add the L predictive interval (e.g. 0.9) of each period and of the totals:
                             what the customers will actually buy, from 200 draws of the fitted parameters
                             with every customer's purchases simulated, seed 1 (docs/models/forecast.md §6);
                             the schedule gains transactions_low, transactions_high, revenue_low,
                             revenue_high, discounted_low, discounted_high (JSON rows: transactionsLow …,
                             and "intervals" with the totals' low and high)
  --unit days|weeks|months   time unit of the model's fit (default weeks)
  --end YYYY-MM-DD           observation end, where the forecast starts (default: the last date in the data)
  --out FILE                 write the schedule as CSV to FILE (period,end_date,transactions,revenue,discounted)
  --json                     print the forecast as JSON
  --time-limit S             stop each model fit after S seconds with the best estimates so far (default 60)
  --progress                 show progress on standard error (default: on a terminal, after 2 s)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --encoding NAME            the file's text encoding (default auto: detected, see docs/inputs.md §7)
  --lang en-US|zh-CN         language of the messages (default: from LC_ALL/LC_MESSAGES/LANG)
  -h, --help                 show this help`;

/** Lengths of a forecast period, in days (months, quarters and years of the mean Gregorian year, as the summary's months). */
const PERIOD_DAYS = { days: 1, weeks: 7, months: 365.25 / 12, quarters: 365.25 / 4, years: 365.25 } as const;
type Period = keyof typeof PERIOD_DAYS;

/** The options behind the core's argument names, for its messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  periods: "--periods",
  discount: "--discount",
  margin: "--margin",
  acquisitionCost: "--acquisition-cost",
  unit: "--unit",
  end: "--end",
  penalizer: "--penalizer",
  level: "--intervals",
};

const FIGURES = ["transactions", "revenue", "discounted"] as const;

/**
 * The schedule as CSV: one row per period and, when `total` is given, a last row with the totals;
 * with `bands`, each period's and the totals' predictive interval after the figures
 * (transactions_low, transactions_high, revenue_low, …).
 */
function scheduleCsv(
  rows: readonly ForecastRow[],
  endDate: (r: ForecastRow) => string,
  bands: PredictiveForecast | null,
  total?: { label: string; transactions: number; revenue: number; discounted: number },
): string {
  const head = "period,end_date,transactions,revenue,discounted";
  const lines = [bands ? `${head},${FIGURES.map((f) => `${f}_low,${f}_high`).join(",")}` : head];
  const tail = (k: number | null): string =>
    bands ? "," + FIGURES.map((f) => (k === null ? [bands[f].low, bands[f].high] : [bands.periods[f].low[k], bands.periods[f].high[k]]).map(fmt).join(",")).join(",") : "";
  rows.forEach((r, k) => lines.push(`${r.period},${endDate(r)},${fmt(r.transactions)},${fmt(r.revenue)},${fmt(r.discounted)}${tail(k)}`));
  if (total) lines.push(`${total.label},,${fmt(total.transactions)},${fmt(total.revenue)},${fmt(total.discounted)}${tail(null)}`);
  return lines.join("\n") + "\n";
}

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(
      args,
      ["model", "periods", "period", "discount", "margin", "acquisition-cost", "unit", "end", "out", "time-limit", "id", "date", "amount", "encoding", "penalizer", "intervals"],
      ["help", "json", "progress"],
    );
    if (a.flags.has("help")) {
      io.stdout(helpText("forecast", usage, lang) + "\n");
      return EXIT_OK;
    }
    const input = oneFile(a.positionals);
    const o = a.options;
    const model = choiceOption(o, "model", MODEL_CHOICES, "auto");
    const periods = numberOption(o, "periods", 52, { whole: true, min: 1 });
    const period = choiceOption<Period>(o, "period", ["days", "weeks", "months", "quarters", "years"], "weeks");
    const discount = numberOption(o, "discount", 0);
    const margin = numberOption(o, "margin", 1);
    const cost = o.has("acquisition-cost") ? numberOption(o, "acquisition-cost", 0, { min: 0 }) : undefined;
    const unit = choiceOption(o, "unit", ["days", "weeks", "months"], "weeks");
    const end = dateOption(o, "end");
    const timeLimitMs = 1000 * numberOption(o, "time-limit", DEFAULT_FIT_TIME_LIMIT_MS / 1000, { min: 0.1 });
    const penalizer = numberOption(o, "penalizer", 0, { min: 0 });
    const level = o.has("intervals") ? numberOption(o, "intervals", 0.9) : null;
    const options = { periods, periodLength: PERIOD_DAYS[period] / DAYS_PER_UNIT[unit], discount, margin, unit };
    // The forecast's settings are refused before the file is read.
    try {
      resolveForecastOptions(options);
      if (level !== null) resolveIntervalOptions({ level });
    } catch (e) {
      throw inOptionWords(e, OPTION_OF);
    }
    const file = resolvePath(io, input);
    const out = o.get("out");
    if (out) checkOutputPaths([{ shown: input, path: file }], [{ option: "--out", shown: out, path: resolvePath(io, out) }]);
    const encoding = normaliseEncoding(o.get("encoding"));
    const table = readTransactionsCsv(file, { id: o.get("id"), date: o.get("date"), amount: o.get("amount") }, { encoding, warn: fileNotices(io, lang) });
    checkNotBeforeData(table, end, "--end");
    let endDay = end ? end.day : -Infinity;
    if (!end) for (let i = 0; i < table.length; i++) endDay = Math.max(endDay, table.day[i]);

    const run = fitLifetimeModel(io, lang, table, { end, progress: a.flags.has("progress"), optionWords: OPTION_OF, predictor: { unit, model, timeLimitMs, penalizer } });
    if (!run) return EXIT_FAILED;
    const { summaries: s, prediction: r } = run;
    const cm = countModel(r.model);
    const params = r.fit.params;
    const data = { frequency: s.map((c) => c.frequency), recency: s.map((c) => c.recency), T: s.map((c) => c.T) };
    // A new customer's spend per purchase: Gamma-Gamma's population mean, else the repeat buyers' mean, by the rule the analysis's report uses.
    const spend = newCustomerSpend(r, { frequency: data.frequency, monetary: s.map((c) => c.monetary) });
    let base, fresh;
    try {
      base = forecastBase(cm, params, data, r.expectedValue, options);
      fresh = newCustomerValue(cm, params, spend, { ...options, acquisitionCost: cost });
    } catch (e) {
      throw inOptionWords(e, OPTION_OF);
    }
    let bands: PredictiveForecast | null = null;
    if (level !== null) {
      const b = predictiveForecast(r, { ...data, monetary: s.map((c) => c.monetary) }, options, { level, penalizer });
      if (!b.ok) throw CvaError.keyed(ErrorCodes.DegenerateData, b.reasonKey, b.reasonParams);
      bands = b;
    }
    const endDate = (row: ForecastRow) => formatDay(endDay + Math.round(row.period * PERIOD_DAYS[period]));
    const periodWord = t(lang, `cli.period.${period}`);
    const files = out ? [{ path: resolvePath(io, out), content: scheduleCsv(base.rows, endDate, bands), shown: out }] : [];

    if (a.flags.has("json")) {
      const rowJson = (row: ForecastRow) => ({ period: row.period, endDate: endDate(row), end: row.end, transactions: row.transactions, revenue: row.revenue, discounted: row.discounted });
      // With --intervals, each period's predictive interval after its figures.
      const baseRowJson = (row: ForecastRow, k: number) => {
        if (!bands) return rowJson(row);
        const p = bands.periods;
        return {
          ...rowJson(row),
          transactionsLow: p.transactions.low[k], transactionsHigh: p.transactions.high[k],
          revenueLow: p.revenue.low[k], revenueHigh: p.revenue.high[k],
          discountedLow: p.discounted.low[k], discountedHigh: p.discounted.high[k],
        };
      };
      const json = {
        model: r.model,
        params,
        spend: r.gammagamma ? { model: "gammagamma", params: r.gammagamma.params, newCustomer: spend } : { model: "mean", params: null, newCustomer: spend },
        customers: base.customers,
        unit,
        period,
        periodLength: options.periodLength,
        periods,
        discount,
        margin,
        start: formatDay(endDay),
        rows: base.rows.map(baseRowJson),
        totals: { transactions: base.transactions, revenue: base.revenue, discounted: base.discounted },
        ...(bands
          ? {
            intervals: {
              kind: bands.kind, level: bands.level, draws: bands.draws, seed: bands.seed,
              transactions: { low: bands.transactions.low, high: bands.transactions.high },
              revenue: { low: bands.revenue.low, high: bands.revenue.high },
              discounted: { low: bands.discounted.low, high: bands.discounted.high },
            },
          }
          : {}),
        newCustomer: {
          transactions: fresh.transactions,
          revenue: fresh.revenue,
          discounted: fresh.discounted,
          acquisitionCost: fresh.acquisitionCost,
          clvToCac: fresh.clvToCac,
          paybackPeriod: fresh.paybackPeriod,
          rows: fresh.rows.map(rowJson),
        },
        ...(r.comparison ? { comparison: r.comparison.rows.map((row) => comparisonJson(row, lang)) } : {}),
      };
      writeFilesAtomically(files);
      io.stdout(JSON.stringify(json) + "\n");
      reportFittedModel(io, lang, r);
      return EXIT_OK;
    }
    const label = (r.comparison?.rows.find((row) => row.model === r.model)?.label) ?? cm.label;
    const lines = [
      t(lang, "cli.forecast.head", {
        customers: base.customers, model: label, spend: t(lang, r.gammagamma ? "cli.forecast.spendGg" : "cli.forecast.spendMean"),
        periods, period: periodWord, discount: fmt(discount), margin: fmt(margin * 100),
      }),
    ];
    if (!out) lines.push("", scheduleCsv(base.rows, endDate, bands, { label: t(lang, "cli.forecast.total"), ...base }).trimEnd(), "");
    lines.push(t(lang, "cli.forecast.totals", { periods, period: periodWord, transactions: money(base.transactions), revenue: money(base.revenue), discounted: money(base.discounted) }));
    if (bands) {
      lines.push(t(lang, "interval.forecast", {
        level: fmt(100 * bands.level), transactionsLow: money(bands.transactions.low), transactionsHigh: money(bands.transactions.high),
        revenueLow: money(bands.revenue.low), revenueHigh: money(bands.revenue.high), discountedLow: money(bands.discounted.low), discountedHigh: money(bands.discounted.high),
        draws: bands.draws, seed: bands.seed,
      }));
    }
    lines.push(t(lang, "cli.forecast.newCustomer", {
      periods, period: periodWord, transactions: fmt(Number(fresh.transactions.toFixed(4))), revenue: money(fresh.revenue), discounted: money(fresh.discounted), spend: money(spend),
    }));
    if (cost !== undefined) {
      const payback = fresh.paybackPeriod === null ? t(lang, "cli.forecast.noPayback", { periods }) : t(lang, "cli.forecast.payback", { period: fresh.paybackPeriod });
      lines.push(t(lang, "cli.forecast.cac", { cost: money(cost), ratio: fresh.clvToCac === null ? "—" : fmt(Number(fresh.clvToCac.toFixed(2))), payback }));
    }
    writeFilesAtomically(files);
    io.stdout(lines.join("\n") + "\n");
    reportFittedModel(io, lang, r);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("forecast", lang), lang);
  }
}
