// The pyramid over time (src/core/segments/migration.ts, docs/migration.md), rule by rule at the
// edges the hand-built example of migration.test.ts does not reach: every tier strategy a listed
// customer can get in one comparison (tier × upgrade potential × churned), lists ordered by the
// value they name rather than by row, equal values kept in row order, the matrix's tiers taken
// from both snapshots, a move to "no tier", a snapshot without its optional columns, and each
// check of a snapshot with the row it names. Expected texts are the message tables' sentences.
import { compareSnapshots, snapshotOf, type Snapshot, type SnapshotRow } from "../../src/core";
import { thrown } from "../support/thrown";

const EMPTY = snapshotOf("may", []);

describe("the tier strategy of a listed customer", () => {
  // All new customers (OLD is empty), default shares 1 %, 19 %, 30 %, 50 %: tiers 1–2 key,
  // 3 regular, 4 small; 0 no tier. NEW's values set the list's order, highest first.
  //   id  tier upgrade stage       strategy (docs/pyramid.md §7)
  //   n1  3    –       stability   regular, upgrade not known: both cases
  //   n2  3    no      stability   regular, no upgrade potential
  //   n3  3    yes     stability   regular, upgrade potential
  //   n4  3    yes     churned     a churned regular customer: win back
  //   n5  4    no      formation   small, no upgrade potential
  //   n6  1    yes     churned     a churned key customer: win back
  //   n7  0    no      stability   no tier
  //   n8  4    yes     churned     small, upgrade potential (a churned small customer is not won back)
  //   n9  2    no      exploration key
  const NEW: SnapshotRow[] = [
    { id: "n1", tier: 3, stage: "stability", value: 90 },
    { id: "n2", tier: 3, stage: "stability", value: 80, upgrade: false },
    { id: "n3", tier: 3, stage: "stability", value: 70, upgrade: true },
    { id: "n4", tier: 3, stage: "churned", value: 60, upgrade: true },
    { id: "n5", tier: 4, stage: "formation", value: 50, upgrade: false },
    { id: "n6", tier: 1, stage: "churned", value: 40, upgrade: true },
    { id: "n7", tier: 0, stage: "stability", value: 30, upgrade: false },
    { id: "n8", tier: 4, stage: "churned", value: 20, upgrade: true },
    { id: "n9", tier: 2, stage: "exploration", value: 10, upgrade: false },
  ];

  it("is the one for its tier's role, its upgrade potential and whether it is a churned customer of value", () => {
    const m = compareSnapshots(EMPTY, snapshotOf("june", NEW));
    expect(m.newCustomers.map((c) => [c.id, c.tierStrategy])).toEqual([
      ["n1", "Develop customers with upgrade potential toward the key tiers; reduce the cost to serve the others."],
      ["n2", "No upgrade potential: reduce the cost to serve."],
      ["n3", "Upgrade potential: develop toward the key tiers."],
      ["n4", "Lost customer of value: win back."],
      ["n5", "No upgrade potential: raise the price of service or lower its cost."],
      ["n6", "Lost customer of value: win back."],
      ["n7", "No tier: every customer has the same value, so the pyramid cannot rank them; rank by another measure or check the data."],
      ["n8", "Upgrade potential: develop toward the regular tier."],
      ["n9", "Concentrate the best resources: dedicated account team, planned visits, fast complaint handling, recognition rather than discounts."],
    ]);
    // a new customer has no tier, stage or value in OLD
    expect(m.newCustomers.every((c) => c.fromTier === null && c.fromStage === null && c.oldValue === null)).toBe(true);
  });

  it("reads upgrade potential yes / no / not known as 1 / 0 / −1", () => {
    expect(Array.from(snapshotOf("june", NEW.slice(0, 3)).upgrade!)).toEqual([-1, 0, 1]);
    expect(Array.from(snapshotOf("june", [{ id: "x", tier: 1, stage: "formation", value: 1, upgrade: null }]).upgrade!)).toEqual([-1]);
  });

  it("covers both cases when the snapshot has no upgrade column, and CLV and P(alive) are null without theirs", () => {
    const bare: Snapshot = { name: "june", ids: ["x"], tier: [3], stage: [2], value: [4] };
    const [x] = compareSnapshots(EMPTY, bare).newCustomers;
    expect([x.tier, x.stage, x.stageLabel, x.value, x.clv, x.pAlive]).toEqual([3, "stability", "Stability", 4, null, null]);
    expect(x.tierStrategy).toBe("Develop customers with upgrade potential toward the key tiers; reduce the cost to serve the others.");
  });
});

describe("the lists' order", () => {
  // OLD and NEW (default tiers), NEW's rows in the opposite order to OLD's values:
  //   id  OLD tier/stage/value   NEW tier/stage/value
  //   p   1 stability  10        3 churned 50         moved down from the top, now churned
  //   q   2 stability  90        4 churned  5         moved down from the top, now churned
  //   r   4 formation   1        —                    gone
  //   s   4 formation   7        —                    gone
  // By OLD's value: moved down q (90), p (10); churned q, p; gone s (7), r (1).
  const old = snapshotOf("may", [
    { id: "p", tier: 1, stage: "stability", value: 10 },
    { id: "q", tier: 2, stage: "stability", value: 90 },
    { id: "r", tier: 4, stage: "formation", value: 1 },
    { id: "s", tier: 4, stage: "formation", value: 7 },
  ]);
  const now = snapshotOf("june", [
    { id: "p", tier: 3, stage: "churned", value: 50 },
    { id: "q", tier: 4, stage: "churned", value: 5 },
  ]);
  const m = compareSnapshots(old, now);

  it("is by OLD's value for the moved down, the churned and the gone, whatever the rows' order or NEW's values", () => {
    expect(m.movedDown.map((c) => [c.id, c.oldValue, c.value])).toEqual([
      ["q", 90, 5],
      ["p", 10, 50],
    ]);
    expect(m.churned.map((c) => [c.id, c.fromStage, c.oldValue])).toEqual([
      ["q", "stability", 90],
      ["p", "stability", 10],
    ]);
    expect(m.gone.map((c) => [c.id, c.value])).toEqual([
      ["s", 7],
      ["r", 1],
    ]);
    // p churned in the regular tier: won back; q in the small tier: not
    expect(m.churned.map((c) => c.tierStrategy)).toEqual([
      "Develop customers with upgrade potential toward the regular tier; for the others raise the price of service or lower its cost.",
      "Lost customer of value: win back.",
    ]);
  });

  it("keeps customers of equal value in their rows' order", () => {
    const equal = ["z", "y", "x", "w"].map((id): SnapshotRow => ({ id, tier: 2, stage: "formation", value: 5 }));
    expect(compareSnapshots(EMPTY, snapshotOf("june", equal)).newCustomers.map((c) => c.id)).toEqual(["z", "y", "x", "w"]);
  });
});

describe("the matrix's tiers", () => {
  it("run from 1 to the highest tier of either snapshot, wherever it stands, then 0 when NEW alone has no tier", () => {
    // NEW: tier 3 before tier 1, and a customer of no tier; OLD: tier 1 only.
    const old = snapshotOf("may", [{ id: "a", tier: 1, stage: "stability", value: 1 }]);
    const now = snapshotOf("june", [
      { id: "b", tier: 3, stage: "stability", value: 1 },
      { id: "a", tier: 1, stage: "stability", value: 1 },
      { id: "c", tier: 0, stage: "stability", value: 1 },
    ]);
    expect(compareSnapshots(old, now).tiers).toEqual([1, 2, 3, 0]);
    // OLD's tier 4 counts when NEW goes no further than tier 1
    expect(compareSnapshots(snapshotOf("may", [{ id: "d", tier: 4, stage: "stability", value: 1 }]), old).tiers).toEqual([1, 2, 3, 4]);
  });

  it("count a move from a tier to no tier as neither up nor down", () => {
    const m = compareSnapshots(snapshotOf("may", [{ id: "a", tier: 2, stage: "stability", value: 3 }]), snapshotOf("june", [{ id: "a", tier: 0, stage: "stability", value: 3 }]));
    expect([m.up, m.same, m.down, m.movedDown.length]).toEqual([0, 1, 0, 0]);
    expect(m.cells.filter((c) => c.customers > 0)).toEqual([{ from: 2, to: 0, customers: 1, value: 3 }]);
  });
});

describe("the checks of a snapshot", () => {
  const good = snapshotOf("may", [
    { id: "a", tier: 1, stage: "stability", value: 3 },
    { id: "b", tier: 2, stage: "decline", value: 2 },
  ]);
  const row = (s: Snapshot) => {
    const e = thrown(() => compareSnapshots(s, good));
    return [e.message, e.where?.row];
  };
  const one = (change: Partial<Snapshot>): Snapshot => ({ name: "june", ids: ["a", "x"], tier: [1, 2], stage: [0, 1], value: [1, 2], ...change });

  it("names the row of a bad id, tier, stage or value", () => {
    expect(row(one({ ids: ["a", null as unknown as string] }))).toEqual(["june: row 2: the customer id is empty", 2]);
    expect(row(one({ tier: [1, -1] }))).toEqual(['june: row 2: the tier of customer "x" is -1; a tier is a whole number from 1 to 4, or 0 for no tier', 2]);
    // stages are 0–4 (exploration … churned): 5 is none
    expect(row(one({ stage: [0, 5] }))).toEqual(['june: row 2: the stage of customer "x" is 5, none of the life-cycle stages (exploration, formation, stability, decline, churned)', 2]);
    expect(row(one({ value: [1, Infinity] }))).toEqual(['june: row 2: the value of customer "x" is Infinity, not a finite number', 2]);
  });

  it("names every column of the wrong length, and no row", () => {
    for (const column of ["tier", "stage", "clv", "p_alive", "upgrade"] as const) {
      const key = column === "p_alive" ? "pAlive" : column;
      const e = thrown(() => compareSnapshots(one({ [key]: [1] }), good));
      expect([e.message, e.where]).toEqual([`june: the ${column} column holds 1 values for 2 customers: give one per customer`, undefined]);
    }
  });

  it("finds an id repeated from the first row, in OLD, in NEW and among NEW's new ids, naming the later row", () => {
    expect(row(one({ ids: ["a", "a"] }))).toEqual(['june: rows 1 and 2 both hold customer "a": a snapshot holds each customer once', 2]);
    const oldTwice = thrown(() => compareSnapshots(good, one({ ids: ["b", "b"] })));
    expect([oldTwice.message, oldTwice.where?.row]).toEqual(['june: rows 1 and 2 both hold customer "b": a snapshot holds each customer once', 2]);
    const newTwice = thrown(() => compareSnapshots(good, one({ ids: ["x", "x"] })));
    expect([newTwice.message, newTwice.where?.row]).toEqual(['june: rows 1 and 2 both hold customer "x": a snapshot holds each customer once', 2]);
  });
});
