/**
 * The SQL dialects `cva sql` prints the summary in (docs/engines.md §6), and what differs between
 * them: each entry of {@link DIALECT_SYNTAX} spells the few expressions that are not the same in
 * every engine; ./sql-summary.ts writes the query around them in the SQL every engine shares
 * (CASE, COALESCE, NULLIF, GREATEST, EXTRACT, row_number() OVER, CTEs, CAST). DuckDB is not in
 * the table: `--dialect duckdb` prints the DuckDB engine's own query (./duckdb-summary.ts).
 *
 * Shared choices, made so that one text works everywhere:
 * - Booleans are 0/1 integers and aggregate filters CASE inside the aggregate: FILTER (WHERE …)
 *   exists in DuckDB, PostgreSQL and Spark only, bool_or in DuckDB, PostgreSQL and Spark
 *   (BigQuery: LOGICAL_OR, Snowflake: BOOLOR_AGG).
 * - The first purchase period is found by a join on its minimum, not min_by/arg_min (DuckDB,
 *   Spark and Snowflake have min_by; PostgreSQL and BigQuery have none).
 * - Every division is of doubles, cast first: PostgreSQL's `/` divides integers to an integer
 *   (DuckDB's `//` too), Snowflake's to a NUMBER with a scale, Spark's and BigQuery's to a double. A week's index is floor(CAST(Δdays AS double) / 7): integer division truncates
 *   toward zero (PostgreSQL, BigQuery's DIV), which is not the floor for days before the Monday.
 * - The mean spend divides by NULLIF(frequency, 0): dividing by zero is an error in PostgreSQL,
 *   BigQuery, Snowflake and Spark with ANSI mode on (NULL with it off), whatever a CASE around it
 *   says in engines that evaluate both branches.
 * - One WITH at the top (the form every engine reads alike), subqueries in
 *   FROM carry an alias (PostgreSQL before 16 requires one), and the output columns are quoted
 *   (PostgreSQL folds an unquoted T to t, Snowflake customer_id to CUSTOMER_ID).
 * Tested: the PostgreSQL text executed in PostgreSQL (test/cli/sql-postgres.test.ts); the Spark,
 * BigQuery and Snowflake texts parsed in their grammars only (test/cli/sql-dialects.test.ts).
 */

/** The engines `cva sql --dialect` prints a query for. */
export type SqlDialect = "duckdb" | "postgres" | "spark" | "bigquery" | "snowflake";
export const SQL_DIALECTS: readonly SqlDialect[] = ["duckdb", "postgres", "spark", "bigquery", "snowflake"];

/** How a dialect spells what differs; arguments are SQL expressions. */
export interface DialectSyntax {
  /** A quoted identifier (one part of a name). */
  ident(name: string): string;
  /** Type names for CAST: text, 64-bit float, 64-bit integer. */
  text: string;
  double: string;
  bigint: string;
  /** The day number (days since 1899-12-30, as Excel and the core count) of a DATE. */
  dayOf(date: string): string;
  /** The DATE of a day number. */
  dateOf(day: string): string;
  /** A DATE as YYYY-MM-DD text. */
  isoText(date: string): string;
  /** Whether a text is all ASCII digits (and not empty). */
  allDigits(text: string): string;
  /** A text as an ORDER BY term that compares by code (UTF-8 bytes), as the core's order of ids does. */
  byCode(text: string): string;
}

const doubleQuoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Spark doubles a backquote inside a quoted name. */
const sparkQuoted = (name: string) => `\`${name.replace(/`/g, "``")}\``;
/** BigQuery escapes inside a quoted name as inside a string: with a backslash. */
const bigqueryQuoted = (name: string) => `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;

export const DIALECT_SYNTAX: Readonly<Record<Exclude<SqlDialect, "duckdb">, DialectSyntax>> = {
  /**
   * PostgreSQL (executed in the tests, 15): date − date is an integer of days; date + integer a
   * date; text compares by the database's collation unless COLLATE "C" (bytes); `~` is the
   * regular expression match; integer / integer truncates; identifiers "quoted", unquoted ones
   * folded to lower case.
   */
  postgres: {
    ident: doubleQuoted,
    text: "TEXT",
    double: "DOUBLE PRECISION",
    bigint: "BIGINT",
    dayOf: (d) => `(${d} - DATE '1899-12-30')`,
    dateOf: (n) => `(DATE '1899-12-30' + CAST(${n} AS INTEGER))`,
    isoText: (d) => `to_char(${d}, 'YYYY-MM-DD')`,
    allDigits: (t) => `(${t} ~ '^[0-9]+$')`,
    byCode: (t) => `${t} COLLATE "C"`,
  },
  /**
   * Spark SQL 3 (syntax-checked only): datediff(end, start) in days and date_add(date, n) take
   * the later date first; `/` always divides as doubles (`div` is the integer one); RLIKE is a
   * Java regular expression; strings compare by UTF-8 bytes; identifiers `backquoted`, a
   * backquote inside doubled (a "double-quoted" word is a string); dividing by zero fails with
   * spark.sql.ansi.enabled (the default from Spark 4), else gives NULL.
   */
  spark: {
    ident: sparkQuoted,
    text: "STRING",
    double: "DOUBLE",
    bigint: "BIGINT",
    dayOf: (d) => `datediff(${d}, DATE '1899-12-30')`,
    dateOf: (n) => `date_add(DATE '1899-12-30', CAST(${n} AS INT))`,
    isoText: (d) => `date_format(${d}, 'yyyy-MM-dd')`,
    allDigits: (t) => `(${t} RLIKE '^[0-9]+$')`,
    byCode: (t) => t,
  },
  /**
   * BigQuery GoogleSQL (syntax-checked only): UNIX_DATE(date) counts days since 1970-01-01, day
   * number 25,569, and DATE_FROM_UNIX_DATE goes back; the types are STRING, FLOAT64 and INT64;
   * REGEXP_CONTAINS matches anywhere unless anchored; `/` divides as FLOAT64 (DIV truncates);
   * dividing by zero is an error (SAFE_DIVIDE gives NULL); identifiers and each part of
   * project.dataset.table `backquoted`, with a string's backslash escapes inside (GoogleSQL's
   * lexical structure; a "double-quoted" word is a string).
   */
  bigquery: {
    ident: bigqueryQuoted,
    text: "STRING",
    double: "FLOAT64",
    bigint: "INT64",
    dayOf: (d) => `(UNIX_DATE(${d}) + 25569)`,
    dateOf: (n) => `DATE_FROM_UNIX_DATE(CAST(${n} AS INT64) - 25569)`,
    isoText: (d) => `FORMAT_DATE('%Y-%m-%d', ${d})`,
    allDigits: (t) => `REGEXP_CONTAINS(${t}, '^[0-9]+$')`,
    byCode: (t) => t,
  },
  /**
   * Snowflake (syntax-checked only): DATEDIFF(day, start, end) and DATEADD(day, n, date) take the
   * part first; integer / integer is a NUMBER with a scale, not a double; REGEXP_LIKE matches the
   * whole text; strings without a collation compare by UTF-8 bytes; dividing by zero is an error
   * (DIV0 gives 0); unquoted identifiers are folded to upper case, "quoted" ones kept.
   */
  snowflake: {
    ident: doubleQuoted,
    text: "VARCHAR",
    double: "DOUBLE",
    bigint: "BIGINT",
    dayOf: (d) => `DATEDIFF(day, DATE '1899-12-30', ${d})`,
    dateOf: (n) => `DATEADD(day, ${n}, DATE '1899-12-30')`,
    isoText: (d) => `TO_CHAR(${d}, 'YYYY-MM-DD')`,
    allDigits: (t) => `REGEXP_LIKE(${t}, '[0-9]+')`,
    byCode: (t) => t,
  },
};
