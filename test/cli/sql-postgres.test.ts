// cva sql --dialect postgres, executed in a real PostgreSQL server (./sql-postgres-server.ts,
// started in a temporary folder and stopped after the tests, also when they fail): the printed
// text, run by psql on CDNOW and on a small log of edge cases loaded as typed tables, gives cva
// summary's (memory engine's) summary of the same CSV row by row — the same customers in the same
// order, frequency, recency, T, monetary, revenue to 1e-12 relative, the same first and last
// dates and orders — at days, weeks and months, weekly and monthly periods and an --end inside
// the data; its histories are cva summary's rows grouped by (frequency, recency, T) in the order
// of their first customer, and cva fit on them gives the transactions' BG/NBD fit exactly.
// Skipped, with the reason printed, only where PostgreSQL's binaries are not installed.
import * as path from "path";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, scratch } from "./helpers";
import { EDGE_LOG, expectSameSummary } from "./sql-edge-log";
import { postgresBin, startPostgres, type PgServer } from "./sql-postgres-server";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-sql-pg-");
const bin = postgresBin();
if (!bin) console.warn("test/cli/sql-postgres.test.ts skipped: no PostgreSQL in /usr/lib/postgresql/*/bin (initdb, pg_ctl, postgres, psql); Debian's postgresql package brings it (.ci/run installs it)");
const describeWithPostgres = bin ? describe : describe.skip;

async function cva(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  if (code !== 0) throw new Error(`cva ${args.join(" ")} failed: ${io.err}`);
  return io.out;
}

describeWithPostgres("cva sql --dialect postgres in PostgreSQL", () => {
  let pg: PgServer;
  let edge = "";
  beforeAll(() => {
    edge = s.write("edge.csv", EDGE_LOG);
    pg = startPostgres(bin as string);
    pg.query(`CREATE TABLE transactions (customer_id TEXT, date DATE, cds INTEGER, amount DOUBLE PRECISION);
      CREATE SCHEMA shop; CREATE TABLE shop."edge log" ("客户" TEXT, "when" TIMESTAMP, "amt" NUMERIC(10, 2));`);
    pg.copyIn("transactions", sample);
    pg.copyIn(`shop."edge log"`, edge);
  }, 60_000);
  afterAll(() => pg?.stop());

  const edgeTable = ["--table", "shop.edge log", "--id", "客户", "--date", "when", "--amount", "amt"];

  test.each([
    [[]],
    [["--unit", "days", "--end", "1997-09-30"]],
    [["--period", "week"]],
    [["--period", "week", "--unit", "days", "--end", "1997-12-31"]],
    [["--period", "month", "--unit", "months", "--end", "1998-01-15"]],
  ])("on CDNOW, the printed query is cva summary's summary (%j)", async (opts) => {
    const text = await cva(["sql", "--dialect", "postgres", ...opts]);
    const got = csvColumns(pg.query(text));
    expect(got.customer_id.length).toBe(2357); // every customer's first purchase is in the first quarter of 1997
    expectSameSummary(got, csvColumns(await cva(["summary", sample, ...opts])));
  });

  test.each([[[]], [["--period", "week"]], [["--period", "month", "--unit", "days"]], [["--end", "2024-05-31"]], [["--period", "week", "--end", "2024-05-31"]]])(
    "on the edge cases, the printed query is cva summary's summary (%j)",
    async (opts) => {
      const got = csvColumns(pg.query(await cva(["sql", "--dialect", "postgres", ...edgeTable, ...opts])));
      const want = csvColumns(await cva(["summary", edge, ...opts]));
      expectSameSummary(got, want);
      expect(got.customer_id).toEqual(opts.includes("--end") ? ["01", "1", "10", "A7", "b2"] : ["01", "1", "2", "10", "A7", "b2"]);
    },
  );

  test("the edge cases' figures, worked by hand", async () => {
    const got = csvColumns(pg.query(await cva(["sql", "--dialect", "postgres", ...edgeTable, "--unit", "days", "--end", "2024-05-31"])));
    const row = (id: string) => Object.fromEntries(Object.entries(got).map(([k, v]) => [k, v[got.customer_id.indexOf(id)]]));
    // 1: purchase days 2023-12-31, 2024-01-01 (15.50 − 5.25 netted), 2024-02-29: x = 2, t_x = 60 days,
    // T = 2024-05-31 − 2023-12-31 = 152 days, mean repeat spend (10.25 + 40) / 2, three orders.
    expect(row("1")).toMatchObject({ frequency: "2", recency: "60", T: "152", monetary: "25.125", revenue: "70.25", orders: "3" });
    // A7: one purchase and a refund on another day: x = 0, monetary 0, revenue 0.
    expect(row("A7")).toMatchObject({ frequency: "0", recency: "0", T: "91", monetary: "0", revenue: "0", orders: "1" });
    // b2: no purchase; its first and last are its first row, 2024-01-05, and T runs from it.
    expect(row("b2")).toMatchObject({ frequency: "0", recency: "0", T: "147", first: "2024-01-05", last: "2024-01-05", revenue: "-10", orders: "0" });
    const week = csvColumns(pg.query(await cva(["sql", "--dialect", "postgres", ...edgeTable, "--unit", "days", "--period", "week", "--end", "2024-05-31"])));
    // By weeks, 10's purchases on Wednesday 31 January and Thursday 1 February are one: x = 1 (with 15 April), t_x = 11 weeks = 77 days.
    expect(week.frequency[week.customer_id.indexOf("10")]).toBe("1");
    expect(week.recency[week.customer_id.indexOf("10")]).toBe("77");
  });

  test("--histories: cva summary's rows grouped by (frequency, recency, T) in the order of their first customer; cva fit on them is the transactions' fit", async () => {
    for (const opts of [[], ["--period", "week", "--unit", "days"]]) {
      const got = csvColumns(pg.query(await cva(["sql", "--dialect", "postgres", "--histories", ...opts])));
      const want = csvColumns(await cva(["summary", sample, ...opts]));
      // cva summary prints 15 significant digits, PostgreSQL the shortest exact text: compared at 12.
      const key = (...v: string[]) => v.map((x) => Number(x).toPrecision(12)).join(",");
      const groups = new Map<string, number>();
      want.customer_id.forEach((_, i) => {
        const k = key(want.frequency[i], want.recency[i], want.T[i]);
        groups.set(k, (groups.get(k) ?? 0) + 1);
      });
      const histories = got.frequency.map((f, i) => key(f, got.recency[i], got.T[i]));
      expect(histories).toEqual([...groups.keys()]);
      expect(got.weight.map(Number)).toEqual([...groups.values()]);
    }
    const file = s.write("histories.csv", pg.query(await cva(["sql", "--dialect", "postgres", "--histories"])));
    const fromLog = JSON.parse(await cva(["fit", sample, "--model", "bgnbd", "--json"]));
    const fromHistories = JSON.parse(await cva(["fit", file, "--model", "bgnbd", "--json"]));
    expect(fromHistories.customers).toBe(2357);
    expect(fromHistories.params).toEqual(fromLog.params);
  });
});
