/**
 * `cva sql [--dialect duckdb|postgres|spark|bigquery|snowflake] [--table NAME] [--id COL --date COL --amount COL] [--unit weeks]
 * [--period day] [--end YYYY-MM-DD] [--histories | --spend-pairs | --join-scores [--scores NAME]]`: prints
 * the per-customer summary — or the distinct histories with their counts — as one SQL query over a
 * transactions table, with CVA's semantics (../engine/portable-sql.ts, docs/engines.md §6), so the
 * summary can run where the data lives and only its result travel; and the two queries that bring
 * the scores back (../engine/join-scores-sql.ts, docs/engines.md §7): the repeat buyers' spends that
 * `cva predict --histories --spend` fits on, and the join of `cva predict --histories`'s scores to
 * every customer of the stored summary.
 */
import type { Lang } from "../../core";
import { PURCHASE_PERIODS } from "../../core/summary/period";
import { parseArgs, UsageError } from "../args";
import { EXIT_OK, type CliIo } from "../io";
import { portableSummarySql, SQL_DIALECTS } from "../engine/portable-sql";
import { joinScoresSql, spendPairsSql } from "../engine/join-scores-sql";
import { choiceOption, dateOption, reportError, usageHint } from "./common";
import { helpText } from "./usage-zh";

export const usage = `Usage: cva sql [options]

Prints the per-customer summary (customer_id, frequency, recency, T, monetary, revenue, first, last,
orders, as cva summary) as one SQL query over a table of transactions, to run in the database that
holds them. The table's date column is a DATE or TIMESTAMP (or ISO text) and its amount numeric;
rows without a date or an amount are left out.

Options:
  --dialect NAME             the engine whose SQL it is: duckdb (default), postgres, spark, bigquery or
                             snowflake. The duckdb and postgres texts are run in the tests on sample data
                             and equal cva summary row by row; spark, bigquery and snowflake are only
                             checked by a parser of their grammar (docs/engines.md §6)
  --table NAME               the transactions table, optionally schema.table (default transactions);
                             each part of the name is quoted
  --id COL --date COL --amount COL   its columns (default customer_id, date, amount)
  --unit days|weeks|months   time unit of recency and T (default weeks; a month is 365.25/12 days)
  --period day|week|month    what counts as one purchase: a day (default), a Monday-to-Sunday week or a
                             calendar month with purchases (docs/engines.md §2)
  --end YYYY-MM-DD           observation end (default: the table's last date); later rows are left out
  --histories                the distinct (frequency, recency, T) histories with their customer counts
                             (column weight) instead: what cva fit and cva predict --histories read
  --spend-pairs              instead, over the per-customer summary table (--table, default summary:
                             this command's summary stored): the repeat buyers' distinct (frequency,
                             monetary) with counts, the --spend file of cva predict --histories
  --join-scores              instead, the join that gives every customer of the summary table (--table,
                             default summary) its p_alive, expected_purchases, expected_value and clv
                             from the scores of cva predict --histories loaded as a table (docs/engines.md §7)
  --scores NAME              that scores table (default cva_scores)
  --lang en-US|zh-CN         language of the messages (default: from LC_ALL/LC_MESSAGES/LANG)
  -h, --help                 show this help`;

export async function run(args: string[], io: CliIo, lang: Lang = "en-US"): Promise<number> {
  try {
    const a = parseArgs(args, ["dialect", "table", "id", "date", "amount", "unit", "period", "end", "scores"], ["help", "histories", "spend-pairs", "join-scores"]);
    if (a.flags.has("help")) {
      io.stdout(helpText("sql", usage, lang) + "\n");
      return EXIT_OK;
    }
    if (a.positionals.length > 0) throw UsageError.keyed("sql.noFile", { argument: a.positionals[0] });
    const o = a.options;
    const dialect = choiceOption(o, "dialect", SQL_DIALECTS, "duckdb");
    const chosen = (["histories", "spend-pairs", "join-scores"] as const).filter((f) => a.flags.has(f));
    if (chosen.length > 1) throw UsageError.keyed("sql.oneQuery", { options: chosen.map((f) => `--${f}`).join(", ") });
    const back = chosen[0] === "spend-pairs" || chosen[0] === "join-scores";
    // The summary's options shape the summary query only; the queries over a stored summary take none of them.
    const stray = back ? ["id", "date", "amount", "unit", "period", "end"].filter((k) => o.has(k)) : [];
    if (stray.length > 0) throw UsageError.keyed("sql.strayOption", { options: stray.map((k) => `--${k}`).join(", "), query: `--${chosen[0]}` });
    if (o.has("scores") && chosen[0] !== "join-scores") throw UsageError.keyed("sql.scoresWithoutJoin");
    if (back) {
      const summary = o.get("table") ?? "summary";
      io.stdout(chosen[0] === "join-scores" ? joinScoresSql({ dialect, summary, scores: o.get("scores") ?? "cva_scores" }) : spendPairsSql({ dialect, summary }));
      return EXIT_OK;
    }
    const text = portableSummarySql({
      dialect,
      table: o.get("table") ?? "transactions",
      columns: { id: o.get("id") ?? "customer_id", date: o.get("date") ?? "date", amount: o.get("amount") ?? "amount" },
      unit: choiceOption(o, "unit", ["days", "weeks", "months"], "weeks"),
      purchasePeriod: choiceOption(o, "period", PURCHASE_PERIODS, "day"),
      end: dateOption(o, "end")?.day,
      histories: a.flags.has("histories"),
    });
    io.stdout(text);
    return EXIT_OK;
  } catch (e) {
    return reportError(io, e, usageHint("sql", lang), lang);
  }
}
