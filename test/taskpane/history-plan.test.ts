// The pyramid over time in the workbook (src/taskpane/workflow/history-plan.ts, docs/migration.md §6):
// the history rows of a run, the latest earlier snapshot read back from them, the oldest runs
// dropped to fit a sheet, and the report's blocks of the comparison in both languages.
import { analyze, compareSnapshots, dayFromYmd, snapshotOf, type AnalyzeResult, type Transaction } from "../../src/core";
import {
  historyHeader, historyRows, latestSnapshot, migrationBlocks, migrationSince, MIGRATION_LIST_ROWS, resultSnapshot, rowsToDrop, runName, runStamp,
} from "../../src/taskpane/workflow/history-plan";
import { thrown } from "../support/thrown";

// Twelve customers buying in January 2024; by June some have bought again and two are new.
function transactions(upTo: "march" | "june"): Transaction[] {
  const rows: Transaction[] = [];
  "abcdefghijkl".split("").forEach((id, i) => rows.push({ customerId: id, date: "2024-01-05", amount: 10 * (i + 1) }));
  rows.push({ customerId: "a", date: "2024-02-10", amount: 30 });
  if (upTo === "june") {
    rows.push({ customerId: "a", date: "2024-05-02", amount: 400 });
    rows.push({ customerId: "b", date: "2024-06-01", amount: 300 });
    rows.push({ customerId: "m", date: "2024-06-10", amount: 500 });
    rows.push({ customerId: "n", date: "2024-06-11", amount: 5 });
  }
  return rows;
}
const march = analyze({ transactions: transactions("march") }, { model: "none", end: "2024-03-31" });
const june = analyze({ transactions: transactions("june") }, { model: "none", end: "2024-06-30" });
const MARCH_RUN = dayFromYmd(2024, 4, 1) + 0.5;
const JUNE_RUN = dayFromYmd(2024, 7, 1) + 0.25;

/** The snapshot of a result made the plain way, one object per customer. */
const plain = (name: string, r: AnalyzeResult) =>
  snapshotOf(name, r.customers.map((c) => ({ id: c.customerId, tier: c.tier, stage: c.stage, value: c.value, clv: c.clv, pAlive: c.pAlive, upgrade: c.upgradePotential })));

describe("the history table", () => {
  it("has one row per customer: the run, id, tier, stage by its own name, value, CLV and P(alive)", () => {
    const rows = historyRows(march, MARCH_RUN);
    expect(rows).toHaveLength(12);
    const a = march.customers.find((c) => c.customerId === "a")!;
    expect(rows.find((r) => r[1] === "a")).toEqual([MARCH_RUN, "a", a.tier, a.stage, a.value, "", ""]);
    expect(historyHeader("en-US")).toEqual(["Run", "Customer ID", "Tier", "Stage", "Value", "CLV", "P(alive)"]);
    expect(historyHeader("zh-CN")).toEqual(["运行时间", "客户编号", "层级", "阶段", "价值", "客户终生价值", "存活概率"]);
  });

  it("stamps a run to the second and names it so", () => {
    const day = dayFromYmd(2026, 11, 27);
    const stamp = runStamp(new Date(2026, 10, 27, 14, 5, 9), day);
    // 14:05:09 is 50,709 s of 86,400.
    expect(stamp).toBeCloseTo(day + 50709 / 86400, 12);
    expect(runName(stamp)).toBe("2026-11-27 14:05:09");
  });

  it("gives back the latest run before this one, skipping the others' rows", () => {
    const history = [...historyRows(march, MARCH_RUN - 30), ...historyRows(march, MARCH_RUN), ...historyRows(june, JUNE_RUN)];
    const s = latestSnapshot(history, JUNE_RUN)!;
    expect(s.name).toBe(runName(MARCH_RUN));
    expect(s.ids).toEqual(march.customers.map((c) => c.customerId));
    expect(latestSnapshot(history)!.ids).toHaveLength(14);
    expect(latestSnapshot(history, MARCH_RUN - 30)).toBeNull();
    expect(latestSnapshot([])).toBeNull();
  });

  it("reads stages written as labels in either language, and names the run and row of one that is none", () => {
    const rows = historyRows(march, MARCH_RUN).map((r) => [...r]);
    rows[0][3] = "流失";
    rows[1][3] = "Decline";
    const s = latestSnapshot(rows)!;
    expect([s.stage[0], s.stage[1]]).toEqual([4, 3]);
    rows[2][3] = "asleep";
    const e = thrown(() => latestSnapshot(rows));
    expect(e.message).toBe(`${runName(MARCH_RUN)}: row 3: the stage of customer "${rows[2][1]}" is "asleep", none of the life-cycle stages (exploration, formation, stability, decline, churned)`);
  });

  it("compares this run with the latest in the history as the core compares the two results", () => {
    const m = migrationSince(historyRows(march, MARCH_RUN), june, JUNE_RUN, "en-US")!;
    const expected = compareSnapshots(plain("march", march), plain("june", june));
    expect(m.cells).toEqual(expected.cells);
    expect(m.newCustomers.map((c) => c.id)).toEqual(["m", "n"]);
    expect(m.movedDown.map((c) => c.id)).toEqual(expected.movedDown.map((c) => c.id));
    // In March, by revenue, l (120) and k (110) were the key customers: with 12 customers nobody is in
    // the top 1 %, and ranks 1 and 2 are within the top 20 % (2/12 ≤ 0.2 < 3/12). By June a and b bought
    // again and m arrived with 500, so l and k slipped: 2 moved up, 4 down.
    expect([m.up, m.same, m.down, m.movedDown.map((c) => c.id)]).toEqual([2, 6, 4, ["l", "k"]]);
    expect(m.churned.map((c) => c.id)).toEqual(expected.churned.map((c) => c.id));
    expect(m.customers).toEqual({ old: 12, new: 14, both: 12 });
    expect(migrationSince([], june, JUNE_RUN, "en-US")).toBeNull();
    expect(resultSnapshot(june, JUNE_RUN).name).toBe(runName(JUNE_RUN));
  });

  it("drops the oldest runs, whole, so the new rows fit in a sheet", () => {
    // Runs 1 (3 rows), 2 (2 rows), 3 (1 row); 3 rows come in, a sheet of 6: 6 + 3 > 6, so run 1 goes (3 + 3 = 6).
    expect(rowsToDrop([1, 1, 1, 2, 2, 3], 3, 6)).toBe(3);
    // 4 rows come in: runs 1 and 2 go (1 + 4 = 5).
    expect(rowsToDrop([1, 1, 1, 2, 2, 3], 4, 6)).toBe(5);
    expect(rowsToDrop([1, 1, 1, 2, 2, 3], 0, 6)).toBe(0);
    // More than a sheet: everything goes, and the writer has the rest to refuse.
    expect(rowsToDrop([1, 2], 7, 6)).toBe(2);
  });
});

describe("the report's blocks of a comparison", () => {
  // The hand-built snapshots of test/core/migration.test.ts: matrix (1,2) 1, 80; (2,1) 1, 120; (2,4) 1, 2; (3,3) 2, 24; (4,3) 1, 12.
  const OLD = snapshotOf("may", [
    { id: "a", tier: 1, stage: "stability", value: 100 },
    { id: "b", tier: 2, stage: "stability", value: 50 },
    { id: "c", tier: 2, stage: "formation", value: 40 },
    { id: "d", tier: 3, stage: "decline", value: 20 },
    { id: "e", tier: 4, stage: "exploration", value: 5 },
    { id: "f", tier: 4, stage: "churned", value: 1 },
    { id: "g", tier: 3, stage: "stability", value: 10 },
  ]);
  const NEW = snapshotOf("june", [
    { id: "i", tier: 4, stage: "exploration", value: 3, upgrade: true },
    { id: "a", tier: 2, stage: "decline", value: 80 },
    { id: "b", tier: 4, stage: "churned", value: 2 },
    { id: "c", tier: 1, stage: "stability", value: 120 },
    { id: "d", tier: 3, stage: "churned", value: 15 },
    { id: "e", tier: 3, stage: "formation", value: 12 },
    { id: "g", tier: 3, stage: "stability", value: 9 },
    { id: "h", tier: 2, stage: "exploration", value: 60 },
  ]);

  it("are the matrices of customers and value now with their totals, and the three lists with strategies", () => {
    const blocks = migrationBlocks(compareSnapshots(OLD, NEW), "en-US", "2024-05-31 09:00:00");
    expect(blocks.map((b) => b.id)).toEqual(["migrationCustomers", "migrationValue", "migrationDown", "migrationNew", "migrationChurned"]);
    const [customers, value, down, added, churned] = blocks;
    expect(customers.title).toBe("Tier migration since the run of 2024-05-31 09:00:00: customers");
    expect(customers.note).toBe("Of the 6 customers in both: 2 moved up, 2 stayed, 2 moved down.");
    expect(customers.header).toEqual(["from \\ to", "1 Key – top", "2 Key", "3 Regular", "4 Small", "Total"]);
    expect(customers.rows).toEqual([
      ["1 Key – top", 0, 1, 0, 0, 1],
      ["2 Key", 1, 0, 0, 1, 2],
      ["3 Regular", 0, 0, 2, 0, 2],
      ["4 Small", 0, 0, 1, 0, 1],
      ["Total", 1, 1, 3, 1, 6],
    ]);
    expect(customers.totalRow).toBe(true);
    expect(value.rows[4]).toEqual(["Total", 120, 80, 36, 2, 238]);
    expect(down.title).toBe("Moved down from the top two tiers (2)");
    expect(down.rows[0]).toEqual([
      "a", 1, 2, "Decline", 100, 80,
      "Concentrate the best resources: dedicated account team, planned visits, fast complaint handling, recognition rather than discounts. Complaint recovery, raise switching barriers, win back.",
    ]);
    expect(added.rows.map((r) => [r[0], r[1], r[2]])).toEqual([["h", "", 2], ["i", "", 4]]);
    expect(churned.rows.map((r) => r[0])).toEqual(["b", "d"]);
    expect(churned.rows[1][6]).toBe("Lost customer of value: win back. Win back customers of value; spend nothing more on the others.");
    expect(down.note).toBeUndefined();
    // Every block fits the report's eight columns.
    for (const b of blocks) expect(b.header.length).toBeLessThanOrEqual(8);
  });

  it("in Chinese", () => {
    const [customers, , , , churned] = migrationBlocks(compareSnapshots(OLD, NEW, { lang: "zh-CN" }), "zh-CN", "2024-05-31 09:00:00");
    expect(customers.title).toBe("自 2024-05-31 09:00:00 那次运行以来的层级迁移：客户数");
    expect(customers.header).toEqual(["从 \\ 到", "1 关键客户（顶层）", "2 关键客户", "3 普通客户", "4 小客户", "合计"]);
    expect(churned.header).toEqual(["客户编号", "原层级", "现层级", "现阶段", "原价值", "现价值", "策略"]);
    expect(churned.rows[1][6]).toBe("有价值的流失客户：赢回。赢回有价值的客户；其余客户不再投入。");
  });

  it("show the first customers of a long list and say how many there are", () => {
    const many = (name: string, tier: number) => snapshotOf(name, Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, tier, stage: "stability" as const, value: i })));
    const [, , down] = migrationBlocks(compareSnapshots(many("old", 1), many("new", 3)), "en-US", "x");
    expect(down.rows).toHaveLength(MIGRATION_LIST_ROWS);
    expect(down.rows[0][0]).toBe("c39");
    expect(down.note).toBe("The first 25 of 40, by value; every customer is on the results sheet.");
  });
});
