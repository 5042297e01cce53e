// cva compare: the pyramid over time from two result files of cva analyze, in-process through
// main(): hand-built files with known moves (worked by hand below), the errors in both languages,
// and CDNOW analysed to 1998-03-31 and to 1998-06-30, checked against a recomputation from the
// two CSV files.
import * as path from "path";
import * as fs from "fs";
import { main } from "../../src/cli/main";
import { csvColumns, fakeIo, scratch } from "./helpers";

const s = scratch("cva-compare-");

async function run(args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(s.dir(), env);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

// The snapshots of test/core/migration.test.ts as files. OLD's stages are written as the Chinese
// labels (and one as the stage's own name), NEW's as the English ones, as runs in either language write them.
//   id  OLD tier/stage/value      NEW tier/stage/value       move
//   a   1 stability 100           2 decline   80             down from the top (1 → 2)
//   b   2 stability  50           4 churned    2             down from the top (2 → 4), now churned
//   c   2 formation  40           1 stability 120            up
//   d   3 decline    20           3 churned   15             same tier, now churned
//   e   4 exploration 5           3 formation 12             up
//   f   4 churned     1           —                          gone
//   g   3 stability  10           3 stability  9             same
//   h   —                         2 exploration 60           new
//   i   —                         4 exploration 3 (upgrade)  new
// Matrix (from, to): customers, NEW value — (1,2) 1, 80; (2,1) 1, 120; (2,4) 1, 2; (3,3) 2, 24; (4,3) 1, 12.
const OLD_CSV = `customer_id,tier,value,stage
a,1,100,稳定期
b,2,50,稳定期
c,2,40,形成期
d,3,20,退化期
e,4,5,考察期
f,4,1,流失
g,3,10,stability
`;
const NEW_ROWS = [
  "i,4,3,Exploration,,,true",
  "a,2,80,Decline,80,0.4,false",
  "b,4,2,Churned,0.5,0.1,",
  "c,1,120,Stability,,,",
  "d,3,15,Churned,,,",
  "e,3,12,Formation,,,",
  "g,3,9,Stability,,,",
  "h,2,60,Exploration,,,",
];
const newCsv = (rows: string[] = NEW_ROWS) => ["customer_id,tier,value,stage,clv,p_alive,upgrade_potential", ...rows].join("\n") + "\n";

interface Cell { from: number; to: number; customers: number; value: number }
interface Listed { id: string; from: number | null; to: number; stage: string; oldValue: number | null; value: number; clv: number | null; pAlive: number | null; tierStrategy: string; stageStrategy: string }
interface Json { customers: { old: number; new: number; both: number }; tiers: number[]; migration: Cell[]; moves: { up: number; same: number; down: number }; new: string[]; gone: string[]; movedDown: Listed[]; churned: Listed[]; newCustomers: Listed[] }

describe("cva compare on hand-built result files", () => {
  beforeAll(() => {
    s.write("old.csv", OLD_CSV);
    s.write("new.csv", newCsv());
  });

  it("prints the matrix, new, gone, moved-down and churned as JSON", async () => {
    const r = await run(["compare", "old.csv", "new.csv", "--json"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    const j = JSON.parse(r.out) as Json;
    expect(j.tiers).toEqual([1, 2, 3, 4]);
    expect(j.migration).toHaveLength(16);
    expect(j.migration.filter((c) => c.customers > 0)).toEqual([
      { from: 1, to: 2, customers: 1, value: 80 },
      { from: 2, to: 1, customers: 1, value: 120 },
      { from: 2, to: 4, customers: 1, value: 2 },
      { from: 3, to: 3, customers: 2, value: 24 },
      { from: 4, to: 3, customers: 1, value: 12 },
    ]);
    expect(j.customers).toEqual({ old: 7, new: 8, both: 6 });
    expect(j.moves).toEqual({ up: 2, same: 2, down: 2 });
    expect(j.new).toEqual(["h", "i"]);
    expect(j.gone).toEqual(["f"]);
    expect(j.movedDown.map((c) => [c.id, c.from, c.to, c.stage, c.oldValue, c.value, c.clv, c.pAlive])).toEqual([
      ["a", 1, 2, "decline", 100, 80, 80, 0.4],
      ["b", 2, 4, "churned", 50, 2, 0.5, 0.1],
    ]);
    expect(j.movedDown[0].stageStrategy).toBe("Complaint recovery, raise switching barriers, win back.");
    expect(j.churned.map((c) => [c.id, c.tierStrategy])).toEqual([
      ["b", "Develop customers with upgrade potential toward the regular tier; for the others raise the price of service or lower its cost."],
      ["d", "Lost customer of value: win back."],
    ]);
    // i has upgrade potential in the small tier (upgrade_potential true).
    expect(j.newCustomers.map((c) => [c.id, c.to, c.tierStrategy])).toEqual([
      ["h", 2, "Concentrate the best resources: dedicated account team, planned visits, fast complaint handling, recognition rather than discounts."],
      ["i", 4, "Upgrade potential: develop toward the regular tier."],
    ]);
  });

  it("prints a readable matrix and the lists in English", async () => {
    const r = await run(["compare", "old.csv", "new.csv"]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("old.csv: 7 customers; new.csv: 8 customers; 6 in both, 2 new, 1 gone");
    const at = lines.indexOf("Tier migration, customers (rows: tier in old.csv; columns: tier in new.csv)");
    const cells = (line: string) => line.trim().split(/\s{2,}/);
    expect(lines.slice(at + 1, at + 7).map(cells)).toEqual([
      ["from \\ to", "1 Key – top", "2 Key", "3 Regular", "4 Small", "Total"],
      ["1 Key – top", "0", "1", "0", "0", "1"],
      ["2 Key", "1", "0", "0", "1", "2"],
      ["3 Regular", "0", "0", "2", "0", "2"],
      ["4 Small", "0", "0", "1", "0", "1"],
      ["Total", "1", "1", "3", "1", "6"],
    ]);
    const v = lines.indexOf("Tier migration, value in new.csv (rows: tier in old.csv; columns: tier in new.csv)");
    expect(cells(lines[v + 3])).toEqual(["2 Key", "120", "0", "0", "2", "122"]);
    expect(cells(lines[v + 6])).toEqual(["Total", "120", "80", "36", "2", "238"]);
    expect(r.out).toContain("Of the 6 customers in both: 2 moved up, 2 stayed, 2 moved down.");
    expect(r.out).toContain("Moved down from the top two tiers (2)\n  a: tier 1 → 2, Decline, value 100 → 80. Concentrate the best resources");
    expect(r.out).toContain("Gone (1)\n  f: was tier 4, Churned, value 1\n");
    expect(r.out).toContain("Now churned (2)\n  b: tier 2 → 4, Churned, value 50 → 2.");
    expect(r.out).toContain("New customers (2)\n  h: tier 2, Exploration, value 60.");
  });

  it("prints them in Chinese with --lang zh-CN", async () => {
    const r = await run(["compare", "old.csv", "new.csv", "--lang", "zh-CN"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("old.csv：7 位客户；new.csv：8 位客户；两者都有 6 位，新增 2 位，消失 1 位");
    expect(r.out).toMatch(/\n从 \\ 到 +1 关键客户（顶层） +2 关键客户 +3 普通客户 +4 小客户 +合计\n/);
    expect(r.out).toContain("新近流失的客户（2 位）\n  b：层级 2 → 4，流失，价值 50 → 2。");
    expect(r.out).toContain("  d：层级 3 → 3，流失，价值 20 → 15。有价值的流失客户：赢回。赢回有价值的客户；其余客户不再投入。");
  });

  it("takes the tier shares of the analyses: five tiers with --tiers", async () => {
    s.write("five.csv", newCsv([...NEW_ROWS.slice(0, 7), "h,5,60,Exploration,,,"]));
    const refused = await run(["compare", "old.csv", "five.csv", "--json"]);
    expect([refused.code, refused.err]).toEqual([1, 'cva: five.csv: row 8: the tier of customer "h" is 5; a tier is a whole number from 1 to 4, or 0 for no tier\n']);
    const r = await run(["compare", "old.csv", "five.csv", "--json", "--tiers", "10,10,20,30,30"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.tiers).toEqual([1, 2, 3, 4, 5]);
    expect(j.newCustomers.find((c) => c.id === "h")?.tierStrategy).toBe("Develop customers with upgrade potential toward the regular tier; for the others raise the price of service or lower its cost.");
  });
});

describe("cva compare refuses bad files with a clear message in the user's language", () => {
  it("a customer twice in a file, naming both rows", async () => {
    s.write("dup.csv", newCsv([...NEW_ROWS, "a,1,3,Formation,,,"]));
    const en = await run(["compare", "old.csv", "dup.csv"]);
    expect([en.code, en.out, en.err]).toEqual([1, "", 'cva: dup.csv: rows 2 and 9 both hold customer "a": a snapshot holds each customer once\n']);
    const zh = await run(["compare", "old.csv", "dup.csv", "--lang", "zh-CN"]);
    expect(zh.err).toBe("cva：dup.csv：第 2 行与第 9 行都是客户“a”：一份快照中每位客户只能出现一次\n");
    s.write("dup-old.csv", OLD_CSV + "b,1,3,流失\n");
    expect((await run(["compare", "dup-old.csv", "new.csv"])).err).toBe('cva: dup-old.csv: rows 2 and 8 both hold customer "b": a snapshot holds each customer once\n');
  });

  it("an empty id, naming the row", async () => {
    s.write("empty.csv", newCsv([...NEW_ROWS.slice(0, 3), ",1,3,Formation,,,", ...NEW_ROWS.slice(3)]));
    const en = await run(["compare", "old.csv", "empty.csv"]);
    expect([en.code, en.err]).toEqual([1, "cva: empty.csv: row 4: the customer id is empty\n"]);
    expect((await run(["compare", "old.csv", "empty.csv"], { LANG: "zh_CN.UTF-8" })).err).toBe("cva：empty.csv：第 4 行：客户编号为空\n");
  });

  it("a stage that is none, a value that is no number, a missing column, a blank file, and not two files", async () => {
    s.write("stage.csv", newCsv(["a,2,80,Sleeping,,,"]));
    expect((await run(["compare", "old.csv", "stage.csv"])).err).toBe(
      'cva: stage.csv: row 1 (line 2), column "stage": "Sleeping" is not a life-cycle stage; expected one of exploration, formation, stability, decline, churned\n',
    );
    expect((await run(["compare", "old.csv", "stage.csv", "--lang", "zh-CN"])).err).toBe(
      "cva：stage.csv：第 1 条数据（第 2 行），\"stage\" 列：\"Sleeping\" 不是生命周期阶段；应为 exploration, formation, stability, decline, churned 之一\n",
    );
    s.write("value.csv", newCsv(["a,2,lots,Decline,,,"]));
    expect((await run(["compare", "old.csv", "value.csv"])).err).toBe('cva: value.csv: row 1 (line 2), column "value": cannot read "lots" as a number\n');
    s.write("flag.csv", newCsv(["a,2,3,Decline,,,maybe"]));
    expect((await run(["compare", "old.csv", "flag.csv"])).err).toBe('cva: flag.csv: row 1 (line 2), column "upgrade_potential": cannot read "maybe" as true or false\n');
    s.write("notier.csv", "customer_id,value,stage\na,3,Decline\n");
    expect((await run(["compare", "old.csv", "notier.csv"])).err).toBe(
      "cva: notier.csv: missing column tier: a result file of cva analyze has the columns customer_id, tier, value and stage, and optionally clv, p_alive and upgrade_potential; the columns are: customer_id, value, stage\n",
    );
    s.write("header.csv", "customer_id,tier,value,stage\n");
    expect((await run(["compare", "old.csv", "header.csv"])).err).toBe("cva: header.csv: the file has a header but no data rows\n");
    const one = await run(["compare", "old.csv"]);
    expect([one.code, one.err]).toEqual([2, "cva: give two result files of cva analyze, the older first; got 1\nRun `cva compare --help` for usage.\n"]);
    const zh = await run(["compare", "old.csv", "new.csv", "x.csv", "--lang", "zh-CN"]);
    expect([zh.code, zh.err.split("\n")[0]]).toEqual([2, "cva：请给出两个 cva analyze 的结果文件，较早的在前；实际给出 3 个"]);
  });
});

describe("cva compare on CDNOW analysed to 1998-03-31 and to 1998-06-30", () => {
  const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
  let j: Json;
  let oldCols: Record<string, string[]>;
  let newCols: Record<string, string[]>;
  beforeAll(async () => {
    for (const [end, out] of [["1998-03-31", "march.csv"], ["1998-06-30", "june.csv"]]) {
      const r = await run(["analyze", sample, "--end", end, "--model", "bgnbd", "--out", out]);
      expect(r.code).toBe(0);
    }
    const r = await run(["compare", "march.csv", "june.csv", "--json"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    j = JSON.parse(r.out);
    oldCols = csvColumns(fs.readFileSync(path.join(s.dir(), "march.csv"), "utf8"));
    newCols = csvColumns(fs.readFileSync(path.join(s.dir(), "june.csv"), "utf8"));
  }, 120_000);

  it("has a matrix whose cells are the customers in both, recounted from the files, and whose values sum NEW's value over them", () => {
    // The recomputation: join the two files by customer_id and count and sum per (old tier, new tier).
    const oldTier = new Map(oldCols.customer_id.map((id, i) => [id, Number(oldCols.tier[i])]));
    const expected = new Map<string, { customers: number; value: number }>();
    let both = 0;
    let value = 0;
    newCols.customer_id.forEach((id, i) => {
      const from = oldTier.get(id);
      if (from === undefined) return;
      const key = `${from}>${newCols.tier[i]}`;
      const e = expected.get(key) ?? { customers: 0, value: 0 };
      e.customers++;
      e.value += Number(newCols.value[i]);
      expected.set(key, e);
      both++;
      value += Number(newCols.value[i]);
    });
    // CDNOW's customers all bought first in the first quarter of 1997: both files hold all 2,357.
    expect(both).toBe(2357);
    expect(j.customers).toEqual({ old: 2357, new: 2357, both: 2357 });
    expect([j.new, j.gone]).toEqual([[], []]);
    for (const c of j.migration) {
      const e = expected.get(`${c.from}>${c.to}`) ?? { customers: 0, value: 0 };
      expect([c.from, c.to, c.customers]).toEqual([c.from, c.to, e.customers]);
      expect(Math.abs(c.value - e.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, e.value));
    }
    expect(j.migration.reduce((acc, c) => acc + c.customers, 0)).toBe(both);
    expect(Math.abs(j.migration.reduce((acc, c) => acc + c.value, 0) - value)).toBeLessThanOrEqual(1e-9 * value);
    // Customers do move: some stay in their tier, some move.
    expect(j.moves.up + j.moves.same + j.moves.down).toBe(2357);
    expect(j.moves.up).toBeGreaterThan(0);
    expect(j.moves.down).toBeGreaterThan(0);
  });

  it("lists the customers who moved down from the top two tiers and those now churned, as the files say", () => {
    const oldAt = new Map(oldCols.customer_id.map((id, i) => [id, i]));
    const down: string[] = [];
    const churned: string[] = [];
    newCols.customer_id.forEach((id, i) => {
      const k = oldAt.get(id) as number;
      const from = Number(oldCols.tier[k]);
      if (from <= 2 && Number(newCols.tier[i]) > from) down.push(id);
      if (newCols.stage[i] === "Churned" && oldCols.stage[k] !== "Churned") churned.push(id);
    });
    expect(down.length).toBeGreaterThan(0);
    expect(churned.length).toBeGreaterThan(0);
    expect(j.movedDown.map((c) => c.id).sort()).toEqual(down.sort());
    expect(j.churned.map((c) => c.id).sort()).toEqual(churned.sort());
    // Highest OLD value first.
    const oldValues = j.movedDown.map((c) => c.oldValue as number);
    expect(oldValues).toEqual([...oldValues].sort((a, b) => b - a));
    // Each listed customer's strategies are the ones the NEW file gives them.
    for (const c of [...j.movedDown, ...j.churned]) {
      const i = newCols.customer_id.indexOf(c.id);
      const unquote = (v: string) => v.replace(/^"|"$/g, "").replace(/""/g, '"');
      expect([c.id, c.tierStrategy, c.stageStrategy]).toEqual([c.id, unquote(newCols.tier_strategy[i]), unquote(newCols.stage_strategy[i])]);
    }
  });
});
