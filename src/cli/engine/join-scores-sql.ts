/**
 * Scores back to the warehouse (docs/engines.md §7): the SQL that attaches the per-history scores
 * of `cva predict --histories` (./histories.ts), loaded as a table, to every customer of the
 * per-customer summary table that `cva sql` prints, and computes each customer's expected spend
 * and CLV — the columns of `cva predict`: customer_id, frequency, recency, T, monetary, p_alive,
 * expected_purchases, expected_value, clv.
 *
 * expected_value = spend_intercept + spend_slope × m̃ (m̃ = monetary, floored at 0 where
 * clamp_spend = 1: Gamma-Gamma, FH 2013 eq. 5) and clv = clv_per_spend × expected_value
 * (docs/lifetime-value.md §3). The join is on (frequency, recency, T) as doubles: the summary's
 * recency and T are the histories' (the same expressions in the same engine), and `cva predict`
 * writes them back in their shortest round-trip text, so the equality holds when the histories
 * were exported at full precision. It is a LEFT JOIN: a customer whose history found no score
 * keeps NULL scores rather than vanishing, which a count of NULL p_alive shows. The scores are
 * taken DISTINCT on the join's columns, so a score table with a row per (history, monetary) joins
 * one row per customer too.
 *
 * Dialect differences (the text is otherwise the same, ANSI SQL): identifiers are quoted with
 * double quotes in DuckDB, PostgreSQL and Snowflake, with backticks in Spark SQL and BigQuery; the
 * double type is DOUBLE, except DOUBLE PRECISION in PostgreSQL and FLOAT64 in BigQuery. Every
 * identifier is quoted (each part of schema.table too), the columns as `cva sql` names them —
 * quoted, so that T keeps its case in PostgreSQL and the lower-case names theirs in Snowflake —
 * and as the header of the scores file names them: the scores table keeps those names, case and
 * all. This file builds text and imports no engine.
 */

/** The dialects the join is written for (a subset-compatible union of `cva sql`'s dialects). */
export type ScoresDialect = "duckdb" | "postgres" | "spark" | "bigquery" | "snowflake";

/** Every {@link ScoresDialect}, for option parsing. */
export const SCORES_DIALECTS: readonly ScoresDialect[] = ["duckdb", "postgres", "spark", "bigquery", "snowflake"];

/** What {@link joinScoresSql} needs. */
export interface JoinScoresOptions {
  dialect: ScoresDialect;
  /** The per-customer summary table (`cva sql`'s per-customer query stored), optionally schema.table. */
  summary: string;
  /** The table of `cva predict --histories` scores, optionally schema.table. */
  scores: string;
}

/** An identifier quoted for the dialect: "x" (quotes doubled) or `x` (backticks escaped). */
export function quoteIdent(dialect: ScoresDialect, s: string): string {
  if (dialect === "spark" || dialect === "bigquery") return `\`${s.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
  return `"${s.replace(/"/g, '""')}"`;
}

/** A table name, each dot-separated part quoted. */
export function quoteTable(dialect: ScoresDialect, name: string): string {
  return name
    .split(".")
    .map((p) => quoteIdent(dialect, p))
    .join(".");
}

/** The dialect's name of the 64-bit floating type. */
function doubleType(dialect: ScoresDialect): string {
  return dialect === "postgres" ? "DOUBLE PRECISION" : dialect === "bigquery" ? "FLOAT64" : "DOUBLE";
}

/** The score columns the join reads from the scores table, besides the keys. */
const SCORE_COLUMNS = ["p_alive", "expected_purchases", "clv_per_spend", "spend_intercept", "spend_slope", "clamp_spend"] as const;

/** The join query; see the module comment. */
export function joinScoresSql(o: JoinScoresOptions): string {
  const q = (c: string) => quoteIdent(o.dialect, c);
  const dbl = (e: string) => `CAST(${e} AS ${doubleType(o.dialect)})`;
  const [id, x, tx, T, m] = ["customer_id", "frequency", "recency", "T", "monetary"].map(q);
  const [pAlive, purchases, perSpend, intercept, slope, clamp] = SCORE_COLUMNS.map(q);
  const [value, clv] = ["expected_value", "clv"].map(q);
  const spend = `s.${intercept} + s.${slope} * (CASE WHEN s.${clamp} = 1 AND c.${m} < 0 THEN 0 ELSE c.${m} END)`;
  return `WITH s AS (
  SELECT DISTINCT ${dbl(x)} AS ${x}, ${dbl(tx)} AS ${tx}, ${dbl(T)} AS ${T}, ${[pAlive, purchases, perSpend, intercept, slope, clamp].join(", ")}
  FROM ${quoteTable(o.dialect, o.scores)}
),
e AS (
  SELECT c.${id}, c.${x}, c.${tx}, c.${T}, c.${m}, s.${pAlive}, s.${purchases}, s.${perSpend}, ${spend} AS ${value}
  FROM ${quoteTable(o.dialect, o.summary)} AS c
  LEFT JOIN s ON ${dbl(`c.${x}`)} = s.${x} AND ${dbl(`c.${tx}`)} = s.${tx} AND ${dbl(`c.${T}`)} = s.${T}
)
SELECT ${id}, ${x}, ${tx}, ${T}, ${m}, ${pAlive}, ${purchases}, ${value}, ${perSpend} * ${value} AS ${clv}
FROM e;
`;
}

/**
 * The spend pairs `cva predict --histories … --spend FILE` fits Gamma-Gamma on: the repeat
 * buyers' distinct (frequency, monetary) with their counts, from the per-customer summary table.
 */
export function spendPairsSql(o: Pick<JoinScoresOptions, "dialect" | "summary">): string {
  const [x, m, w] = ["frequency", "monetary", "weight"].map((c) => quoteIdent(o.dialect, c));
  return `SELECT ${x}, ${m}, count(*) AS ${w}
FROM ${quoteTable(o.dialect, o.summary)}
WHERE ${x} > 0
GROUP BY ${x}, ${m};
`;
}
