// cva sql --dialect spark|bigquery|snowflake: no such engine can be reached from here, so every
// printed text is parsed by sqlparser-rs (@guanmingchiu/sqlparser-ts, the parser of Apache
// DataFusion, as WebAssembly) in that dialect's grammar: one statement, no error, for every
// option that changes the text. The controls: the PostgreSQL and DuckDB texts, which the other
// tests execute, parse in their own grammars; a text with a parenthesis taken out is refused in
// every dialect; aggregate FILTER, which PostgreSQL has and BigQuery and Snowflake lack, is
// refused by those two grammars and taken by PostgreSQL's (the check is the dialect's grammar,
// not a generic one). The parser's WebAssembly loads through a dynamic import, which jest's
// module system refuses, so the parsing runs in a plain node child process.
import { spawnSync } from "child_process";
import * as path from "path";
import { run as sqlRun } from "../../src/cli/commands/sql";
import { fakeIo } from "./helpers";

const root = path.resolve(__dirname, "../..");

/** sqlparser-rs's dialect names. */
const GRAMMAR = { duckdb: "duckdb", postgres: "postgresql", spark: "spark", bigquery: "bigquery", snowflake: "snowflake" } as const;
type Dialect = keyof typeof GRAMMAR;

/** Parses each text in its grammar: the number of statements, or the parser's error. */
function parseAll(items: { dialect: Dialect; sql: string }[]): { statements?: number; error?: string }[] {
  const code = `import { init, parse } from "@guanmingchiu/sqlparser-ts";
import { readFileSync } from "node:fs";
await init();
const items = JSON.parse(readFileSync(0, "utf8"));
const out = items.map(({ grammar, sql }) => { try { return { statements: parse(sql, grammar).length }; } catch (e) { return { error: String(e && e.message) }; } });
process.stdout.write(JSON.stringify(out));`;
  const input = JSON.stringify(items.map((i) => ({ grammar: GRAMMAR[i.dialect], sql: i.sql })));
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`the parser did not run: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function printed(args: string[]): Promise<string> {
  const io = fakeIo(root);
  const code = await sqlRun(args, io);
  if (code !== 0) throw new Error(`cva sql ${args.join(" ")}: ${io.err}`);
  return io.out;
}

/** Every option that changes the text: periods, units, an end, the histories, a qualified table and names that need quoting. */
const VARIANTS: string[][] = [
  [],
  ["--unit", "days", "--end", "1997-09-30"],
  ["--period", "week"],
  ["--period", "month", "--unit", "months", "--end", "1998-01-15"],
  ["--histories"],
  ["--histories", "--period", "week", "--unit", "days"],
  ["--histories", "--period", "month", "--end", "1998-01-15"],
  // A backquote inside a name is left to the quoting test below: BigQuery escapes it with a
  // backslash, as its documentation of quoted identifiers says, which sqlparser-rs does not read.
  ["--table", "proj.shop.tx log", "--id", "客户 id", "--date", 'day"s when', "--amount", "amt\\x"],
];
const DIALECTS: Dialect[] = ["spark", "bigquery", "snowflake", "postgres", "duckdb"];

test("every printed text parses as one statement in its dialect's grammar (the executed PostgreSQL and DuckDB texts too)", async () => {
  const items: { dialect: Dialect; sql: string; opts: string[] }[] = [];
  for (const dialect of DIALECTS) for (const opts of VARIANTS) items.push({ dialect, sql: await printed(["--dialect", dialect, ...opts]), opts });
  const results = parseAll(items);
  const failures = results.flatMap((r, i) => (r.statements === 1 ? [] : [`${items[i].dialect} ${JSON.stringify(items[i].opts)}: ${r.error ?? `${r.statements} statements`}`]));
  expect(failures).toEqual([]);
  expect(results.length).toBe(DIALECTS.length * VARIANTS.length);
});

test("a text with a parenthesis taken out is refused in every dialect, and FILTER only where the dialect lacks it", async () => {
  const items: { dialect: Dialect; sql: string }[] = [];
  const filtered: { dialect: Dialect; sql: string }[] = [];
  for (const dialect of DIALECTS) {
    const sql = await printed(["--dialect", dialect, "--period", "week"]);
    const close = sql.lastIndexOf(")");
    items.push({ dialect, sql: sql.slice(0, close) + sql.slice(close + 1) });
    if (dialect !== "duckdb") {
      // The shared text counts orders with sum(CASE …); the same count with FILTER (WHERE …) is PostgreSQL's and Spark's but not BigQuery's or Snowflake's.
      const withFilter = sql.replace("sum(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS orders", "count(*) FILTER (WHERE amount > 0) AS orders");
      expect(withFilter).not.toBe(sql);
      filtered.push({ dialect, sql: withFilter });
    }
  }
  const broken = parseAll(items);
  broken.forEach((r, i) => expect({ dialect: items[i].dialect, refused: r.error !== undefined }).toEqual({ dialect: items[i].dialect, refused: true }));
  const withFilter = parseAll(filtered).map((r, i) => [filtered[i].dialect, r.error === undefined]);
  expect(withFilter).toEqual([
    ["spark", true],
    ["bigquery", false],
    ["snowflake", false],
    ["postgres", true],
  ]);
});

test("names are quoted as each dialect quotes them: backquotes in Spark (doubled inside) and BigQuery (backslash inside), double quotes elsewhere", async () => {
  const args = ["--table", "shop.tx`log", "--id", 'c"id'];
  expect(await printed(["--dialect", "spark", ...args])).toContain("FROM `shop`.`tx``log`");
  expect(await printed(["--dialect", "bigquery", ...args])).toContain("FROM `shop`.`tx\\`log`");
  for (const dialect of ["postgres", "snowflake"]) {
    const text = await printed(["--dialect", dialect, ...args]);
    expect(text).toContain('FROM "shop"."tx`log"');
    expect(text).toContain('CAST("c""id" AS');
  }
  // In Spark and BigQuery a double-quoted word is a string, not a name: no double quote may appear in their texts but inside a name.
  for (const dialect of ["spark", "bigquery"]) expect(await printed(["--dialect", dialect])).not.toContain('"');
});
