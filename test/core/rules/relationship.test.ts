/**
 * The relationship levels pinned at every edge (docs/relationship.md §2): casual buyer (x = 0),
 * partner (key tier, stability, tenure ≥ 2 × 365.25 = 730.5 days), client (formation or
 * stability, or a regular tier), customer (every other repeat buyer). Expected levels are read
 * off the rules by hand; none comes from the code under test.
 */
import { DEFAULT_PARTNER_TENURE_DAYS, levelLabel, relationshipLevel, type RelationshipLevel } from "../../../src/core/segments/level";
import type { LifeCycleStage } from "../../../src/core/segments/lifecycle";
import type { TierRole } from "../../../src/core/segments/pyramid";

describe("casual buyer: one purchase day, x = 0 (docs/relationship.md §2 rule 1)", () => {
  it("x = 0 is a casual buyer even when key, stable and long-standing; x = 1 is not", () => {
    expect(relationshipLevel({ frequency: 0, role: "key", stage: "stability", tenureDays: 1000 })).toBe(1);
    expect(relationshipLevel({ frequency: 1, role: "key", stage: "stability", tenureDays: 1000 })).toBe(4);
  });
  it("x = 0 is a casual buyer in every tier and stage", () => {
    for (const role of ["key", "regular", "small", "none"] as const) {
      for (const stage of ["exploration", "formation", "stability", "decline", "churned"] as const) {
        expect(relationshipLevel({ frequency: 0, role, stage, tenureDays: 1000 })).toBe(1);
      }
    }
  });
});

describe("partner: key tier, stability, tenure ≥ 730.5 days (docs/relationship.md §2 rule 2)", () => {
  const stableKey = { frequency: 5, role: "key" as const, stage: "stability" as const };
  it("the default partner tenure is two years of 365.25 days: 730.5", () => {
    expect(DEFAULT_PARTNER_TENURE_DAYS).toBe(730.5);
  });
  it("tenure 730.5 days is a partner, 730.4 days a client (2 × 365 = 730 is not yet two years)", () => {
    expect(relationshipLevel({ ...stableKey, tenureDays: 730.5 })).toBe(4);
    expect(relationshipLevel({ ...stableKey, tenureDays: 730.6 })).toBe(4);
    expect(relationshipLevel({ ...stableKey, tenureDays: 730.4 })).toBe(3);
    expect(relationshipLevel({ ...stableKey, tenureDays: 730 })).toBe(3);
  });
  it("the partner tenure is a setting: at 365 days, 365 is a partner and 364.9 a client", () => {
    expect(relationshipLevel({ ...stableKey, tenureDays: 365 }, 365)).toBe(4);
    expect(relationshipLevel({ ...stableKey, tenureDays: 364.9 }, 365)).toBe(3);
    expect(relationshipLevel({ ...stableKey, tenureDays: 800 }, 1000)).toBe(3);
  });
  it("needs the key tier: stable and long-standing in a regular, small or no tier is a client", () => {
    expect(relationshipLevel({ ...stableKey, role: "regular", tenureDays: 1000 })).toBe(3);
    expect(relationshipLevel({ ...stableKey, role: "small", tenureDays: 1000 })).toBe(3);
    expect(relationshipLevel({ ...stableKey, role: "none", tenureDays: 1000 })).toBe(3);
  });
  it("needs stability: a long-standing key customer forming is a client, declining, exploring or churned a customer", () => {
    expect(relationshipLevel({ ...stableKey, stage: "formation", tenureDays: 1000 })).toBe(3);
    expect(relationshipLevel({ ...stableKey, stage: "decline", tenureDays: 1000 })).toBe(2);
    expect(relationshipLevel({ ...stableKey, stage: "exploration", tenureDays: 1000 })).toBe(2);
    expect(relationshipLevel({ ...stableKey, stage: "churned", tenureDays: 1000 })).toBe(2);
  });
});

describe("client and customer (docs/relationship.md §2 rules 3–4)", () => {
  // Every tier × stage for a repeat buyer (x = 5), read off the rules by hand:
  // key: partner only when stable for ≥ 730.5 days; forming or stable → client; else customer.
  // regular: client whatever the stage. small / none: client when forming or stable, else customer.
  const stages: LifeCycleStage[] = ["exploration", "formation", "stability", "decline", "churned"];
  const expected: Record<TierRole, { long: RelationshipLevel[]; short: RelationshipLevel[] }> = {
    //            exploration, formation, stability, decline, churned
    key: { long: [2, 3, 4, 2, 2], short: [2, 3, 3, 2, 2] },
    regular: { long: [3, 3, 3, 3, 3], short: [3, 3, 3, 3, 3] },
    small: { long: [2, 3, 3, 2, 2], short: [2, 3, 3, 2, 2] },
    none: { long: [2, 3, 3, 2, 2], short: [2, 3, 3, 2, 2] },
  };
  for (const role of ["key", "regular", "small", "none"] as const) {
    it(`${role} tier: the level in each stage, tenure 1000 and 100 days`, () => {
      expect(stages.map((stage) => relationshipLevel({ frequency: 5, role, stage, tenureDays: 1000 }))).toEqual(expected[role].long);
      expect(stages.map((stage) => relationshipLevel({ frequency: 5, role, stage, tenureDays: 100 }))).toEqual(expected[role].short);
    });
  }
  it("x = 1 (two purchase days) is already a repeat buyer: small + decline is a customer, regular + churned a client", () => {
    expect(relationshipLevel({ frequency: 1, role: "small", stage: "decline", tenureDays: 50 })).toBe(2);
    expect(relationshipLevel({ frequency: 1, role: "regular", stage: "churned", tenureDays: 50 })).toBe(3);
  });
});

describe("level names (docs/relationship.md §1)", () => {
  it("names the four levels in both languages", () => {
    const levels: RelationshipLevel[] = [1, 2, 3, 4];
    expect(levels.map((l) => levelLabel(l, "en-US"))).toEqual(["Casual buyer", "Customer", "Client", "Partner"]);
    expect(levels.map((l) => levelLabel(l, "zh-CN"))).toEqual(["散客", "顾客", "客户", "合作伙伴"]);
  });
});
