/**
 * `cva analyze <transactions.csv> [--profiles profiles.csv] [--out results.csv] [--report report.json] [--lang en-US|zh-CN]`
 * runs the whole value model (src/core/analyze.ts): per-customer results as CSV (to --out, else
 * standard output) and the manager's report as JSON (to --report). All output files are written
 * atomically: either every file is complete or none is touched.
 */
import { analyze, formatDay, normaliseLang, type CustomerResult, type ValueMeasure } from "../../core";
import { parseArgs, UsageError } from "../args";
import { readProfilesCsv, readTransactionsCsv } from "../csv";
import { EXIT_OK, type CliIo } from "../io";
import { csvField, writeFilesAtomically, type PendingFile } from "../output";
import { choiceOption, fmt, numberOption, reportError, resolvePath } from "./common";

export const usage = `Usage: cva analyze <transactions.csv> [options]

Customer value analysis: pyramid tier, RFM, life-cycle stage, exit pattern, relationship level,
loyalty and delivered value per customer, and a manager's report.

Options:
  --profiles FILE            customer profiles CSV (ratings, complaints, clv, …) joined by customer id
  --out FILE                 per-customer results CSV (default: standard output)
  --report FILE              the report as JSON (tiers, stages, Pareto share, Lorenz curve, Gini, …)
  --lang en-US|zh-CN         language of labels and strategy texts (default en-US)
  --unit days|weeks|months   time unit of recency and T (default weeks)
  --end YYYY-MM-DD           observation end (default: the last date in the data)
  --value auto|clv|margin|revenue
                             value measure of the pyramid (default auto: the model's CLV when it can
                             be fitted, else margin when cost is given, else revenue)
  --model btyd|none          lifetime model: BG/NBD + Gamma-Gamma (default) or none
  --horizon-months N         CLV horizon in months (default 12)
  --discount D               monthly discount rate of the CLV (default 0.01)
  --margin-share M           share of spend that is margin, for the CLV (default 1)
  --min-customers N          fewest customers to fit the model on (default 10)
  --tiers 1,19,30,50         tier shares in percent, top first (default 1,19,30,50)
  --labels standard|metal    tier label set (default standard; metal = platinum/gold/iron/lead)
  --id COL --date COL --amount COL --cost COL --margin COL --quantity COL
                             column headers to use (default: matched by name, English or Chinese)
  -h, --help                 show this help`;

const VALUE_OPTIONS = [
  "profiles", "out", "report", "lang", "unit", "end", "value", "tiers", "labels", "id", "date", "amount", "cost", "margin", "quantity",
  "model", "horizon-months", "discount", "margin-share", "min-customers",
];

const HEADER = [
  "customer_id", "frequency", "recency", "T", "monetary", "revenue", "margin", "first", "last", "orders",
  "value", "tier", "tier_label", "upgrade_potential", "rfm_r", "rfm_f", "rfm_m", "rfm_cell", "rfm_segment",
  "stage", "exit_pattern", "level", "level_label", "loyalty_index", "loyalty_class", "p_alive", "expected_purchases",
  "clv", "delivered_value", "value_ratio", "tier_strategy", "stage_strategy",
];

function row(c: CustomerResult): string {
  const s = c.summary;
  const cells = [
    csvField(c.customerId), String(s.frequency), fmt(s.recency), fmt(s.T), fmt(s.monetary), fmt(s.revenue), fmt(s.margin),
    formatDay(s.first), formatDay(s.last), String(s.orders), fmt(c.value), String(c.tier), csvField(c.tierLabel),
    c.upgradePotential === null ? "" : String(c.upgradePotential), String(c.rfm.r), String(c.rfm.f), String(c.rfm.m), c.rfm.cell,
    csvField(c.rfm.segmentLabel), csvField(c.stageLabel), csvField(c.exitPatternLabel), String(c.level), csvField(c.levelLabel),
    fmt(c.loyaltyIndex), csvField(c.loyaltyClassLabel), fmt(c.pAlive), fmt(c.expectedPurchases), fmt(c.clv),
    fmt(c.delivered?.deliveredValue), fmt(c.valueRatio), csvField(c.tierStrategy), csvField(c.stageStrategy),
  ];
  return cells.join(",");
}

function parseTiers(text: string): number[] {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "").map(Number);
  if (parts.length === 0 || parts.some((p) => !Number.isFinite(p) || p <= 0)) {
    throw new UsageError(`--tiers takes positive percentages separated by commas, e.g. 1,19,30,50; got ${text}`);
  }
  const sum = parts.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 1e-6) throw new UsageError(`--tiers must add up to 100; ${text} adds up to ${sum}`);
  return parts.map((p) => p / 100);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const a = parseArgs(args, VALUE_OPTIONS);
    if (a.flags.has("help")) {
      io.stdout(usage + "\n");
      return EXIT_OK;
    }
    if (a.positionals.length !== 1) throw new UsageError("give exactly one transactions file");
    const o = a.options;
    const value = choiceOption<ValueMeasure>(o, "value", ["auto", "clv", "margin", "revenue"], "auto");
    const model = choiceOption(o, "model", ["btyd", "none"], "btyd");
    const lifetime = {
      horizonMonths: numberOption(o, "horizon-months", 12),
      discount: numberOption(o, "discount", 0.01),
      margin: numberOption(o, "margin-share", 1),
      minCustomers: numberOption(o, "min-customers", 10),
    };
    const labels = choiceOption(o, "labels", ["standard", "metal"], "standard");
    const lang = normaliseLang(o.get("lang"));
    const table = readTransactionsCsv(resolvePath(io, a.positionals[0]), {
      id: o.get("id"),
      date: o.get("date"),
      amount: o.get("amount"),
      cost: o.get("cost"),
      margin: o.get("margin"),
      quantity: o.get("quantity"),
    });
    const profilesFile = o.get("profiles");
    const profiles = profilesFile ? readProfilesCsv(resolvePath(io, profilesFile)) : undefined;
    const tiers = o.get("tiers");
    const result = analyze(
      { transactions: table, profiles },
      {
        lang,
        unit: o.get("unit") ?? "weeks",
        end: o.get("end"),
        valueMeasure: value,
        tierShares: tiers ? parseTiers(tiers) : undefined,
        tierLabels: labels,
        model,
        lifetime,
      },
    );
    // The model's parameters, or why it could not be fitted, go to stderr (the CSV is on stdout).
    const m = result.report.model;
    if (m.fallback) io.stderr(`cva: ${m.fallback.text}\n`);
    else if (m.note) io.stderr(`cva: ${m.note}\n`);
    const lines = [HEADER.join(",")];
    for (const c of result.customers) lines.push(row(c));
    const csv = lines.join("\n") + "\n";
    const files: PendingFile[] = [];
    const out = o.get("out");
    if (out) files.push({ path: resolvePath(io, out), content: csv });
    const report = o.get("report");
    if (report) files.push({ path: resolvePath(io, report), content: JSON.stringify(result.report, null, 2) + "\n" });
    writeFilesAtomically(files);
    if (!out) io.stdout(csv);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, "Run `cva analyze --help` for usage.");
  }
}
