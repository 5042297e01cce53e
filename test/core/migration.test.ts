// The pyramid over time (src/core/segments/migration.ts, docs/migration.md): two hand-built
// snapshots with known moves, worked by hand below; the errors for empty, repeated and bad rows in
// both languages; and a seeded comparison against a naive recomputation.
import { compareSnapshots, localizedMessage, snapshotOf, t, type Migration, type SnapshotRow } from "../../src/core";
import { fnv1a, IdIndex } from "../../src/core/segments/id-index";
import { thrown } from "../support/thrown";

// OLD ("may") and NEW ("june"), default tiers 1 %, 19 %, 30 %, 50 % (roles key, key, regular, small):
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
// Matrix (from, to): customers, NEW value
//   (1,2) 1, 80   (2,1) 1, 120   (2,4) 1, 2   (3,3) 2, 15 + 9 = 24   (4,3) 1, 12   — every other cell 0
// 6 customers in both, NEW value over them 80 + 2 + 120 + 24 + 12 = 238; up c, e; same d, g; down a, b.
const OLD: SnapshotRow[] = [
  { id: "a", tier: 1, stage: "stability", value: 100 },
  { id: "b", tier: 2, stage: "stability", value: 50 },
  { id: "c", tier: 2, stage: "formation", value: 40 },
  { id: "d", tier: 3, stage: "decline", value: 20 },
  { id: "e", tier: 4, stage: "exploration", value: 5 },
  { id: "f", tier: 4, stage: "churned", value: 1 },
  { id: "g", tier: 3, stage: "stability", value: 10 },
];
const NEW: SnapshotRow[] = [
  { id: "i", tier: 4, stage: "exploration", value: 3, upgrade: true },
  { id: "a", tier: 2, stage: "decline", value: 80, clv: 80, pAlive: 0.4 },
  { id: "b", tier: 4, stage: "churned", value: 2, clv: 0.5, pAlive: 0.1 },
  { id: "c", tier: 1, stage: "stability", value: 120 },
  { id: "d", tier: 3, stage: "churned", value: 15 },
  { id: "e", tier: 3, stage: "formation", value: 12 },
  { id: "g", tier: 3, stage: "stability", value: 9 },
  { id: "h", tier: 2, stage: "exploration", value: 60 },
];

const cell = (m: Migration, from: number, to: number) => m.cells.find((c) => c.from === from && c.to === to);

describe("compareSnapshots on two hand-built snapshots", () => {
  const m = compareSnapshots(snapshotOf("may", OLD), snapshotOf("june", NEW));

  it("gives the tier migration matrix worked by hand: counts and NEW's value per from × to", () => {
    expect(m.tiers).toEqual([1, 2, 3, 4]);
    expect(m.cells).toHaveLength(16);
    const nonZero = m.cells.filter((c) => c.customers > 0);
    expect(nonZero).toEqual([
      { from: 1, to: 2, customers: 1, value: 80 },
      { from: 2, to: 1, customers: 1, value: 120 },
      { from: 2, to: 4, customers: 1, value: 2 },
      { from: 3, to: 3, customers: 2, value: 24 },
      { from: 4, to: 3, customers: 1, value: 12 },
    ]);
    expect(cell(m, 1, 1)).toEqual({ from: 1, to: 1, customers: 0, value: 0 });
    expect(m.cells.reduce((s, c) => s + c.customers, 0)).toBe(6);
    expect(m.cells.reduce((s, c) => s + c.value, 0)).toBe(238);
    expect(m.customers).toEqual({ old: 7, new: 8, both: 6 });
    expect([m.up, m.same, m.down]).toEqual([2, 2, 2]);
  });

  it("lists the customers who moved down from the top two tiers, by OLD's value, with the strategy for where they are now", () => {
    expect(m.movedDown.map((c) => [c.id, c.fromTier, c.tier, c.oldValue, c.value])).toEqual([
      ["a", 1, 2, 100, 80],
      ["b", 2, 4, 50, 2],
    ]);
    const [a, b] = m.movedDown;
    // a is in tier 2 (key) and in decline: the key tiers' strategy and decline's.
    expect(a.tierStrategy).toBe(t("en-US", "strategy.tier.key"));
    expect(a.stageStrategy).toBe(t("en-US", "strategy.stage.decline"));
    expect([a.fromStage, a.stage, a.stageLabel, a.clv, a.pAlive]).toEqual(["stability", "decline", "Decline", 80, 0.4]);
    // b is in tier 4 (small), churned: a small customer is not one "of value" to win back; upgrade not known.
    expect(b.tierStrategy).toBe(t("en-US", "strategy.tier.small"));
    expect(b.stageStrategy).toBe(t("en-US", "strategy.stage.churned"));
  });

  it("lists the new customers by NEW's value and the gone by OLD's", () => {
    expect(m.newCustomers.map((c) => [c.id, c.fromTier, c.tier, c.value])).toEqual([
      ["h", null, 2, 60],
      ["i", null, 4, 3],
    ]);
    expect(m.newCustomers[0].tierStrategy).toBe(t("en-US", "strategy.tier.key"));
    expect(m.newCustomers[0].stageStrategy).toBe(t("en-US", "strategy.stage.exploration"));
    // i has upgrade potential in the small tier.
    expect(m.newCustomers[1].tierStrategy).toBe("Upgrade potential: develop toward the regular tier.");
    expect(m.gone).toEqual([{ id: "f", tier: 4, stage: "churned", stageLabel: "Churned", value: 1 }]);
  });

  it("lists the customers now churned, not those churned before, with the win-back text for a regular customer", () => {
    expect(m.churned.map((c) => [c.id, c.fromStage, c.tier, c.oldValue])).toEqual([
      ["b", "stability", 4, 50],
      ["d", "decline", 3, 20],
    ]);
    expect(m.churned[1].tierStrategy).toBe("Lost customer of value: win back.");
  });

  it("gives the texts in Chinese", () => {
    const zh = compareSnapshots(snapshotOf("may", OLD), snapshotOf("june", NEW), { lang: "zh-CN" });
    expect(zh.churned[1].tierStrategy).toBe("有价值的流失客户：赢回。");
    expect(zh.churned[1].stageLabel).toBe("流失");
    expect(zh.movedDown[0].stageStrategy).toBe("投诉补救、提高转换壁垒、挽回客户。");
    expect(zh.cells).toEqual(m.cells);
  });

  it("takes the roles from the tier shares given: with 10 %, 10 %, 80 % tier 3 is small", () => {
    const old3 = OLD.filter((r) => r.tier <= 3);
    const new3 = NEW.filter((r) => r.tier <= 3);
    const r = compareSnapshots(snapshotOf("may", old3), snapshotOf("june", new3), { tierShares: [0.1, 0.1, 0.8] });
    // d: tier 3 is now the last (small) tier, so a churned d is no longer a customer of value to win back.
    expect(r.churned.map((c) => [c.id, c.tierStrategy])).toEqual([["d", t("en-US", "strategy.tier.small")]]);
    expect(r.tiers).toEqual([1, 2, 3]);
  });
});

describe("tier 0, no tier (docs/pyramid.md §11)", () => {
  it("is the matrix's last tier and a move to or from it is neither up nor down", () => {
    const old = snapshotOf("flat", [
      { id: "a", tier: 0, stage: "stability", value: 5 },
      { id: "b", tier: 0, stage: "stability", value: 5 },
    ]);
    const now = snapshotOf("later", [
      { id: "a", tier: 1, stage: "stability", value: 9 },
      { id: "b", tier: 2, stage: "decline", value: 1 },
    ]);
    const m = compareSnapshots(old, now);
    expect(m.tiers).toEqual([1, 2, 0]);
    expect(m.cells.filter((c) => c.customers > 0)).toEqual([
      { from: 0, to: 1, customers: 1, value: 9 },
      { from: 0, to: 2, customers: 1, value: 1 },
    ]);
    expect([m.up, m.same, m.down, m.movedDown.length]).toEqual([0, 2, 0, 0]);
    expect(compareSnapshots(now, old).movedDown).toEqual([]);
  });

  it("has the no-tier strategy text", () => {
    const m = compareSnapshots(snapshotOf("o", []), snapshotOf("n", [{ id: "x", tier: 0, stage: "exploration", value: 1 }]));
    expect(m.newCustomers[0].tierStrategy).toBe(t("en-US", "strategy.tier.none"));
    expect(m.customers).toEqual({ old: 0, new: 1, both: 0 });
  });
});

describe("a snapshot with unknown or repeated ids", () => {
  const good = snapshotOf("may", OLD);

  it("refuses an id that appears twice in OLD, naming both rows, in both languages", () => {
    const e = thrown(() => compareSnapshots(snapshotOf("may", [...OLD, { id: "c", tier: 1, stage: "formation", value: 3 }]), snapshotOf("june", NEW)));
    expect(e.message).toBe('may: rows 3 and 8 both hold customer "c": a snapshot holds each customer once');
    expect(localizedMessage(e, "zh-CN")).toBe("may: 第 3 行与第 8 行都是客户“c”：一份快照中每位客户只能出现一次");
    expect([e.code, e.where?.row]).toEqual(["INCONSISTENT_DATA", 8]);
  });

  it("refuses an id that appears twice in NEW, whether OLD has it or not", () => {
    const inOld = thrown(() => compareSnapshots(good, snapshotOf("june", [...NEW, { id: "a", tier: 1, stage: "formation", value: 3 }])));
    expect(inOld.message).toBe('june: rows 2 and 9 both hold customer "a": a snapshot holds each customer once');
    const onlyNew = thrown(() => compareSnapshots(good, snapshotOf("june", [...NEW, { id: "h", tier: 1, stage: "formation", value: 3 }])));
    expect(onlyNew.message).toBe('june: rows 8 and 9 both hold customer "h": a snapshot holds each customer once');
  });

  it("refuses an empty or blank id, naming the row, in both languages", () => {
    const rows = [...NEW];
    rows[1] = { ...rows[1], id: "  " };
    const e = thrown(() => compareSnapshots(good, snapshotOf("june", rows)));
    expect(e.message).toBe("june: row 2: the customer id is empty");
    expect(localizedMessage(e, "zh-CN")).toBe("june: 第 2 行：客户编号为空");
    expect(e.code).toBe("MISSING");
  });

  it("refuses a tier beyond the shares, a stage that is none, a value that is not finite, and columns of different lengths", () => {
    const at = (row: Partial<SnapshotRow>) => {
      const rows = [...OLD];
      rows[3] = { ...rows[3], ...row };
      return thrown(() => compareSnapshots(snapshotOf("may", rows), good));
    };
    expect(at({ tier: 5 }).message).toBe('may: row 4: the tier of customer "d" is 5; a tier is a whole number from 1 to 4, or 0 for no tier');
    expect(localizedMessage(at({ tier: 1.5 }), "zh-CN")).toBe("may: 第 4 行：客户“d”的层级为 1.5；层级应为 1 到 4 之间的整数，未分层为 0");
    expect(at({ stage: "sleeping" as never }).message).toBe(
      'may: row 4: the stage of customer "d" is -1, none of the life-cycle stages (exploration, formation, stability, decline, churned)',
    );
    expect(at({ value: NaN }).message).toBe('may: row 4: the value of customer "d" is NaN, not a finite number');
    const short = { ...good, value: new Float64Array(3) };
    expect(thrown(() => compareSnapshots(short, good)).message).toBe("may: the value column holds 3 values for 7 customers: give one per customer");
  });
});

describe("against a naive recomputation on seeded snapshots", () => {
  // A small linear congruential generator (Numerical Recipes' constants), seed 7.
  let seed = 7;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const stages = ["exploration", "formation", "stability", "decline", "churned"] as const;
  const row = (id: string): SnapshotRow => ({ id, tier: 1 + Math.floor(rand() * 4), stage: stages[Math.floor(rand() * 5)], value: Math.round(rand() * 1e4) / 100 });
  const old: SnapshotRow[] = [];
  const now: SnapshotRow[] = [];
  for (let k = 0; k < 400; k++) {
    const u = rand();
    if (u < 0.8) {
      old.push(row(`c${k}`));
      now.push(row(`c${k}`));
    } else if (u < 0.9) old.push(row(`c${k}`));
    else now.push(row(`c${k}`));
  }
  now.reverse();
  const m = compareSnapshots(snapshotOf("o", old), snapshotOf("n", now));

  it("agrees cell by cell, and on the lists", () => {
    for (const c of m.cells) {
      const pairs = now.filter((r) => old.some((o) => o.id === r.id && o.tier === c.from) && r.tier === c.to);
      expect(c.customers).toBe(pairs.length);
      expect(c.value).toBeCloseTo(pairs.reduce((s, r) => s + r.value, 0), 9);
    }
    const oldOf = (id: string) => old.find((o) => o.id === id);
    expect(m.newCustomers.map((c) => c.id).sort()).toEqual(now.filter((r) => !oldOf(r.id)).map((r) => r.id).sort());
    expect(m.gone.map((c) => c.id).sort()).toEqual(old.filter((o) => !now.some((r) => r.id === o.id)).map((o) => o.id).sort());
    const down = now.filter((r) => { const o = oldOf(r.id); return o !== undefined && o.tier <= 2 && r.tier > o.tier; });
    expect(m.movedDown.map((c) => c.id).sort()).toEqual(down.map((r) => r.id).sort());
    const churned = now.filter((r) => { const o = oldOf(r.id); return o !== undefined && r.stage === "churned" && o.stage !== "churned"; });
    expect(m.churned.map((c) => c.id).sort()).toEqual(churned.map((r) => r.id).sort());
    expect(m.customers.both).toBe(now.filter((r) => oldOf(r.id)).length);
    expect(m.customers.both).toBeGreaterThan(250);
  });
});

describe("the hash of ids", () => {
  it("is FNV-1a 32-bit: the published test vectors", () => {
    // draft-eastlake-fnv, test vectors of FNV-1a 32: "" 0x811c9dc5, "a" 0xe40c292c, "foobar" 0xbf9cf968
    expect(fnv1a("") >>> 0).toBe(0x811c9dc5);
    expect(fnv1a("a") >>> 0).toBe(0xe40c292c);
    expect(fnv1a("foobar") >>> 0).toBe(0xbf9cf968);
  });

  it("finds every id added and no other, through collisions of the slot", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `id-${i}`);
    // 8,192 slots for 3,000 ids: many share a first slot and are found by probing.
    const index = new IdIndex(ids);
    ids.forEach((_, i) => expect(index.add(i)).toBe(-1));
    expect(index.size).toBe(3000);
    expect(ids.every((id, i) => index.get(id) === i)).toBe(true);
    expect(index.get("id-3000")).toBe(-1);
    expect(index.add(17)).toBe(17);
  });

  it("keeps two different ids with the same hash apart", () => {
    // "c693596" and "c1170850" share the FNV-1a hash 0x58e2a3f8 (found by an independent Python
    // FNV-1a, checked on the test vectors above): only the string comparison tells them apart.
    expect([fnv1a("c693596") >>> 0, fnv1a("c1170850") >>> 0]).toEqual([0x58e2a3f8, 0x58e2a3f8]);
    const index = new IdIndex(["c693596", "c1170850", "c693596"]);
    expect(index.add(0)).toBe(-1);
    expect(index.get("c1170850")).toBe(-1);
    expect(index.add(1)).toBe(-1);
    expect([index.get("c693596"), index.get("c1170850"), index.size]).toEqual([0, 1, 2]);
    expect(index.add(2)).toBe(0); // the same id again: the row that holds it
  });
});
