// The join of the scores and the spend-pairs query in every dialect parse as one statement in
// that dialect's grammar (sqlparser-rs, npm @guanmingchiu/sqlparser-ts, run in a child process
// as test/cli/sql-dialects.test.ts does, since its WebAssembly loads through a dynamic import).
// Spark, BigQuery and Snowflake cannot be reached from our machines: this checks their grammar,
// not what the text computes (DuckDB and PostgreSQL execute it: histories-join, histories-postgres).
// Control: the same texts with a parenthesis taken out are refused in every grammar.
import { spawnSync } from "child_process";
import * as path from "path";
import { joinScoresSql, spendPairsSql, SCORES_DIALECTS, type ScoresDialect } from "../../src/cli/engine/join-scores-sql";

const root = path.resolve(__dirname, "../..");
const GRAMMAR: Record<ScoresDialect, string> = { duckdb: "duckdb", postgres: "postgresql", spark: "spark", bigquery: "bigquery", snowflake: "snowflake" };

function parseAll(items: { dialect: ScoresDialect; sql: string }[]): { statements?: number; error?: string }[] {
  const code = `import { init, parse } from "@guanmingchiu/sqlparser-ts";
import { readFileSync } from "node:fs";
await init();
const items = JSON.parse(readFileSync(0, "utf8"));
const out = items.map(({ grammar, sql }) => { try { return { statements: parse(sql, grammar).length }; } catch (e) { return { error: String(e && e.message) }; } });
process.stdout.write(JSON.stringify(out));`;
  const input = JSON.stringify(items.map((i) => ({ grammar: GRAMMAR[i.dialect], sql: i.sql })));
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, input, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`the parser did not run: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const texts = SCORES_DIALECTS.flatMap((dialect) => [
  { dialect, sql: joinScoresSql({ dialect, summary: "proj.shop.summary", scores: "cva scores" }) },
  { dialect, sql: spendPairsSql({ dialect, summary: "proj.shop.summary" }) },
]);

test("the join and the spend pairs parse as one statement in each dialect's grammar; without a parenthesis, in none", () => {
  const ok = parseAll(texts);
  ok.forEach((r, i) => expect([texts[i].dialect, r]).toEqual([texts[i].dialect, { statements: 1 }]));
  const broken = texts.map((t) => ({ dialect: t.dialect, sql: t.sql.replace("(", "") }));
  parseAll(broken).forEach((r, i) => expect([broken[i].dialect, typeof r.error]).toEqual([broken[i].dialect, "string"]));
});
