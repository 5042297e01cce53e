/**
 * The summary query in PostgreSQL, Spark, BigQuery and Snowflake (docs/engines.md §6): the
 * semantics of the DuckDB engine's query (./duckdb-summary.ts) and of the core's summarize
 * (docs/summary.md §1–§4, docs/engines.md §2) — a purchase is a period with a row whose amount is
 * above 0, its amount the sum of its days' amounts (a day's amounts netted); frequency = purchase
 * periods − 1; recency and T from the first purchase (or, without one, the first row) in the
 * unit, whole periods for weeks and months; monetary = mean amount of the repeat purchase periods
 * (the first left out); revenue = Σ amounts; orders = rows with amount > 0 — written in the SQL
 * the engines share, with what differs taken from ./sql-dialects.ts.
 */
import { PERIOD_DAYS, type PurchasePeriod } from "../../core/summary/period";
import { DAYS_PER_UNIT, type TimeUnit } from "../../core/summary/units";
import type { DialectSyntax } from "./sql-dialects";

/** What the query reads and how it counts. */
export interface SummaryQuerySpec {
  /** The table, optionally qualified (schema.table, project.dataset.table); each part is quoted. */
  table: string;
  columns: Record<"id" | "date" | "amount", string>;
  unit: TimeUnit;
  purchasePeriod: PurchasePeriod;
  /** Observation end as a day number (days since 1899-12-30); undefined: the table's last date. */
  end?: number;
}

/** A Monday (2024-01-01) as a day number: weeks run Monday to Sunday, as period.ts periodIndex. */
const MONDAY = 45292;

/** The summary's output columns in `cva summary`'s order; T keeps its case (quoted). */
const OUTPUT = ["customer_id", "frequency", "recency", "T", "monetary", "revenue", "first", "last", "orders"] as const;

/** A number as an SQL double. */
function num(x: DialectSyntax, v: number): string {
  return `CAST(${String(v)} AS ${x.double})`;
}

/** The index of the purchase period holding day number `day` (consecutive periods, consecutive indices). */
function periodKey(x: DialectSyntax, day: string, p: PurchasePeriod): string {
  if (p === "day") return day;
  if (p === "week") return `CAST(floor(CAST(${day} - ${MONDAY} AS ${x.double}) / 7) AS ${x.bigint})`;
  const date = x.dateOf(day);
  return `CAST(EXTRACT(YEAR FROM ${date}) * 12 + EXTRACT(MONTH FROM ${date}) - 1 AS ${x.bigint})`;
}

/**
 * The WITH clause whose last query, `s`, has the per-customer rows, unordered, with the output
 * columns of `cva summary` (first and last as YYYY-MM-DD text). One WITH at the top, not in a
 * subquery, and no ORDER BY on an expression of output names: both are not in every dialect.
 */
function customersWith(x: DialectSyntax, s: SummaryQuerySpec): string {
  const q = x.ident;
  const table = s.table.split(".").map(q).join(".");
  const [id, date, amount] = [q(s.columns.id), q(s.columns.date), q(s.columns.amount)];
  const end = s.end === undefined ? `(SELECT max(dn) FROM src)` : String(s.end);
  const u = DAYS_PER_UNIT[s.unit];
  const L = PERIOD_DAYS[s.purchasePeriod];
  const pk = (day: string) => periodKey(x, day, s.purchasePeriod);
  // The core's arithmetic in doubles: days / u, or (periods · days per period) / u.
  const time = (a: string, b: string) =>
    s.purchasePeriod === "day" ? `CAST(${a} - ${b} AS ${x.double}) / ${num(x, u)}` : `(CAST(${pk(a)} - ${pk(b)} AS ${x.double}) * ${num(x, L)}) / ${num(x, u)}`;
  const [out, ...rest] = OUTPUT.map(q);
  const [outFreq, outRec, outT, outMon, outRev, outFirst, outLast, outOrders] = rest;
  return `WITH src AS (
    SELECT CAST(${id} AS ${x.text}) AS id, ${x.dayOf(`CAST(${date} AS DATE)`)} AS dn, CAST(${amount} AS ${x.double}) AS amount
    FROM ${table} WHERE ${date} IS NOT NULL AND ${amount} IS NOT NULL),
  r AS (SELECT id, dn, amount FROM src WHERE dn <= ${end}),
  d AS (SELECT id, dn, sum(amount) AS amt, max(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS purchase,
      sum(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS orders FROM r GROUP BY id, dn),
  p AS (SELECT id, pk, max(purchase) AS purchase, sum(CASE WHEN purchase = 1 THEN amt END) AS pamt,
      min(CASE WHEN purchase = 1 THEN dn END) AS pfirst, max(CASE WHEN purchase = 1 THEN dn END) AS plast,
      min(dn) AS firstrow, sum(amt) AS amt, sum(orders) AS orders
    FROM (SELECT id, dn, amt, purchase, orders, ${pk("dn")} AS pk FROM d) AS dk GROUP BY id, pk),
  fp AS (SELECT id, min(CASE WHEN purchase = 1 THEN pk END) AS firstpk FROM p GROUP BY id),
  c AS (SELECT p.id AS id, sum(p.purchase) AS periods, min(p.pfirst) AS firstp, max(p.plast) AS lastp, min(p.firstrow) AS firstrow,
      sum(p.amt) AS revenue, sum(p.orders) AS orders,
      coalesce(sum(CASE WHEN p.purchase = 1 AND p.pk <> fp.firstpk THEN p.pamt END), 0) AS repeat_sum
    FROM p JOIN fp ON p.id = fp.id GROUP BY p.id),
  g AS (SELECT id, greatest(periods - 1, 0) AS frequency, coalesce(firstp, firstrow) AS d_first,
      coalesce(lastp, firstp, firstrow) AS d_last, revenue, orders, repeat_sum FROM c),
  s AS (SELECT id AS ${out}, CAST(frequency AS ${x.bigint}) AS ${outFreq}, ${time("d_last", "d_first")} AS ${outRec}, ${time(end, "d_first")} AS ${outT},
    coalesce(repeat_sum / NULLIF(frequency, 0), 0) AS ${outMon}, revenue AS ${outRev},
    ${x.isoText(x.dateOf("d_first"))} AS ${outFirst}, ${x.isoText(x.dateOf("d_last"))} AS ${outLast}, CAST(orders AS ${x.bigint}) AS ${outOrders}
    FROM g)`;
}

/**
 * ORDER BY terms that sort customer ids as the core does (compareIds, src/core/summary/id-order.ts):
 * digit ids first, by their significant digits' count and then those digits, then the other ids
 * by code; the text breaks ties ("01" and "1"). The engines compare by UTF-8 bytes, the core by
 * UTF-16 code units: they differ only between characters above U+FFFF and U+E000–U+FFFF.
 */
function idOrder(x: DialectSyntax, id: string): string {
  const digits = x.allDigits(id);
  const stripped = `regexp_replace(${id}, '^0+', '')`;
  const significant = `CASE WHEN ${stripped} = '' THEN '0' ELSE ${stripped} END`;
  return `CASE WHEN ${digits} THEN 0 ELSE 1 END, CASE WHEN ${digits} THEN length(${significant}) END, CASE WHEN ${digits} THEN ${x.byCode(significant)} END, ${x.byCode(id)}`;
}

/** One row per customer in CVA's order of ids, the columns of `cva summary`. */
export function dialectSummarySql(x: DialectSyntax, s: SummaryQuerySpec): string {
  return `${customersWith(x, s)}
SELECT * FROM s
ORDER BY ${idOrder(x, x.ident("customer_id"))};\n`;
}

/**
 * The distinct (frequency, recency, T) histories with their customer counts (weight), ordered by
 * each history's first customer in CVA's order of ids — the order in which CVA's fit groups
 * customers, so that a fit on them is the transactions' fit exactly.
 */
export function dialectHistoriesSql(x: DialectSyntax, s: SummaryQuerySpec): string {
  const [f, r, t, w] = ["frequency", "recency", "T", "weight"].map(x.ident);
  return `${customersWith(x, s)}
SELECT ${f}, ${r}, ${t}, count(*) AS ${w}
FROM (SELECT s.*, row_number() OVER (ORDER BY ${idOrder(x, x.ident("customer_id"))}) AS ord FROM s) AS h
GROUP BY ${f}, ${r}, ${t}
ORDER BY min(ord);\n`;
}
