/**
 * `cva fit <transactions.csv> --model bgnbd|paretonbd|mbgnbd|gammagamma [--unit weeks] [--end YYYY-MM-DD] [--json]`
 * Summarises the transactions (docs/summary.md §3) and fits one BTYD model (docs/models/README.md §4). With --json
 * prints {"model","params":{...},"logLikelihood","customers","converged","iterations","elapsedMs"},
 * elapsedMs being the in-process fit time (summary excluded); otherwise a short text report.
 */
import { bgnbd, gammagamma, mbgnbd, paretonbd, summarize } from "../../core";
import { parseArgs, UsageError } from "../args";
import { readTransactionsCsv } from "../csv";
import { EXIT_OK, type CliIo } from "../io";
import { reportError, resolvePath } from "./common";

export const usage = `Usage: cva fit <transactions.csv> --model bgnbd|paretonbd|mbgnbd|gammagamma [options]

Fits a probabilistic customer-base model to the per-customer summary of the transactions.
Parameters: r, alpha, a, b (BG/NBD, MBG/NBD); r, alpha, s, beta (Pareto/NBD); p, q, v
(Gamma-Gamma, fitted on repeat buyers with positive mean spend). alpha and beta are in the unit.

Options:
  --model NAME               bgnbd (default), paretonbd, mbgnbd or gammagamma
  --unit days|weeks|months   time unit of recency and T (default weeks)
  --end YYYY-MM-DD           observation end (default: the last date in the data)
  --penalizer X              L2 penalty on the parameters (default 0)
  --id COL --date COL --amount COL   column headers to use (default: matched by name)
  --json                     print the result as JSON
  -h, --help                 show this help`;

const MODELS = ["bgnbd", "paretonbd", "mbgnbd", "gammagamma"] as const;
type ModelName = (typeof MODELS)[number];

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const a = parseArgs(args, ["model", "unit", "end", "penalizer", "id", "date", "amount"], ["help", "json"]);
    if (a.flags.has("help")) {
      io.stdout(usage + "\n");
      return EXIT_OK;
    }
    if (a.positionals.length !== 1) throw new UsageError("give exactly one transactions file");
    const o = a.options;
    const model = (o.get("model") ?? "bgnbd") as ModelName;
    if (!MODELS.includes(model)) throw new UsageError(`--model must be one of ${MODELS.join(", ")}; got ${JSON.stringify(model)}`);
    const penalizer = o.has("penalizer") ? Number(o.get("penalizer")) : 0;
    if (!Number.isFinite(penalizer) || penalizer < 0) throw new UsageError(`--penalizer must be a number ≥ 0; got ${o.get("penalizer")}`);
    const table = readTransactionsCsv(resolvePath(io, a.positionals[0]), { id: o.get("id"), date: o.get("date"), amount: o.get("amount") });
    const unit = o.get("unit") ?? "weeks";
    const s = summarize(table, { unit, end: o.get("end") });
    const data = {
      frequency: s.map((c) => c.frequency),
      recency: s.map((c) => c.recency),
      T: s.map((c) => c.T),
      monetary: s.map((c) => c.monetary),
    };
    const t0 = performance.now();
    const fit =
      model === "bgnbd" ? bgnbd.fit(data, { penalizer })
      : model === "paretonbd" ? paretonbd.fit(data, { penalizer })
      : model === "mbgnbd" ? mbgnbd.fit(data, { penalizer })
      : gammagamma.fit(data, { penalizer });
    const elapsedMs = performance.now() - t0;
    const out = {
      model,
      params: fit.params,
      logLikelihood: fit.logLikelihood,
      customers: fit.customers,
      converged: fit.converged,
      iterations: fit.iterations,
      elapsedMs: Number(elapsedMs.toFixed(3)),
    };
    if (a.flags.has("json")) {
      io.stdout(JSON.stringify(out) + "\n");
    } else {
      const params = Object.entries(fit.params).map(([k, v]) => `${k} = ${Number(v.toPrecision(6))}`).join(", ");
      io.stdout(
        `${model} on ${fit.customers} customers (unit ${unit}): ${params}\n` +
          `log-likelihood ${fit.logLikelihood.toFixed(2)}, ${fit.iterations} iterations, ${fit.converged ? "converged" : "NOT converged"}, ${out.elapsedMs} ms\n`,
      );
    }
    if (!fit.converged) io.stderr(`cva: warning: the fit did not converge${fit.message ? `: ${fit.message}` : ""}\n`);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, "Run `cva fit --help` for usage.");
  }
}
