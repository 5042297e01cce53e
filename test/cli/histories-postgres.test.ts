// Scores back to the warehouse, end to end in a real PostgreSQL (the throwaway server of
// ./sql-postgres-server.ts): CDNOW as a typed table → the per-customer summary stored by cva sql's
// PostgreSQL query, the distinct histories and the spend pairs exported through psql → cva predict
// --histories --spend → the scores copied into a table with the file's column names → the
// PostgreSQL join of joinScoresSql: every one of the 2,357 customers gets cva predict's
// P(alive), expected purchases, expected spend and CLV on the transaction log, to 1e-9 relative.
// Skipped, saying why, only where PostgreSQL's binaries are not installed.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { portableSummarySql } from "../../src/cli/engine/portable-sql";
import { joinScoresSql, spendPairsSql } from "../../src/cli/engine/join-scores-sql";
import { csvColumns, fakeIo, scratch } from "./helpers";
import { postgresBin, startPostgres, type PgServer } from "./sql-postgres-server";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-histories-pg-");
const bin = postgresBin();
if (!bin) console.warn("test/cli/histories-postgres.test.ts skipped: no PostgreSQL in /usr/lib/postgresql/*/bin (Debian's postgresql package brings it; .ci/run installs it)");
const describeWithPostgres = bin ? describe : describe.skip;

async function cva(args: string[]): Promise<string> {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  if (code !== 0) throw new Error(`cva ${args.join(" ")} failed: ${io.err}`);
  return io.out;
}

describeWithPostgres("scores back to PostgreSQL", () => {
  let pg: PgServer;
  beforeAll(() => {
    pg = startPostgres(bin as string);
    pg.query(`CREATE TABLE transactions (customer_id TEXT, date DATE, cds INTEGER, amount DOUBLE PRECISION);`);
    pg.copyIn("transactions", sample);
    const q = (histories: boolean) =>
      portableSummarySql({ dialect: "postgres", table: "transactions", columns: { id: "customer_id", date: "date", amount: "amount" }, unit: "weeks", purchasePeriod: "day", histories }).replace(/;\s*$/, "");
    pg.query(`CREATE TABLE summary AS ${q(false)};`);
    s.write("histories.csv", pg.query(`${q(true)};`));
    s.write("spend.csv", pg.query(spendPairsSql({ dialect: "postgres", summary: "summary" })));
  }, 60_000);
  afterAll(() => pg?.stop());

  test.each(["bgnbd", "paretonbd"])("%s: the join in PostgreSQL gives every customer cva predict's scores on the log, to 1e-9", async (model) => {
    const out = path.join(s.dir(), `scores-${model}.csv`);
    await cva(["predict", "--histories", path.join(s.dir(), "histories.csv"), "--spend", path.join(s.dir(), "spend.csv"), "--model", model, "--out", out]);
    // The scores table keeps the file's column names, case and all (T).
    const header = fs.readFileSync(out, "utf8").split("\n")[0].split(",");
    const table = `scores_${model}`;
    pg.query(`CREATE TABLE ${table} (${header.map((c) => `"${c}" DOUBLE PRECISION`).join(", ")});`);
    pg.copyIn(table, out);
    const got = csvColumns(pg.query(joinScoresSql({ dialect: "postgres", summary: "summary", scores: table })));
    const want = csvColumns(await cva(["predict", sample, "--model", model]));
    expect(got.customer_id.length).toBe(2357);
    const at = new Map(got.customer_id.map((id, i) => [id, i]));
    for (const col of ["frequency", "recency", "T", "monetary", "p_alive", "expected_purchases", "expected_value", "clv"]) {
      want.customer_id.forEach((id, i) => {
        const g = got[col][at.get(id)!];
        expect(g).not.toBe(""); // NULL: the customer's history found no score
        const w = Number(want[col][i]);
        const rel = Math.abs(Number(g) - w) / Math.max(Math.abs(w), 1e-300);
        if (!(rel <= 1e-9)) throw new Error(`${col} of ${id}: ${g} against ${w}`);
      });
    }
  });
});
