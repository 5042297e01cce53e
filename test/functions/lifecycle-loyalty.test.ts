import { lifecycle, relationship, loyalty, delivered, valueratio } from "../../src/functions/functions";
import { call, err, inLanguage } from "./call";

describe("=CVA.LIFECYCLE(volumes, [p_alive])", () => {
  it("hand-worked stages from period volumes", () => {
    // [2,4,6,8]: slope 2 / mean 5 = 0.4 > 0.15 → formation; [8,6,4,2]: −0.4 → decline;
    // [5,5,5,5]: 0 → stability; [0,0,0,3]: first purchase in the last period → exploration;
    // [5,0,0,0,0]... as 4 periods [5,0,0,0]: one active period, idle 3 periods = 3 × 1 → not yet churned,
    // exploration (1 active period ≤ 2); [4,0,0,0,0,0]: idle 5 > 3 → churned.
    const volumes = [
      [2, 4, 6, 8, null, null],
      [8, 6, 4, 2, null, null],
      [5, 5, 5, 5, null, null],
      [0, 0, 0, 3, null, null],
      [5, 0, 0, 0, null, null],
      [4, 0, 0, 0, 0, 0],
    ];
    // Rows of different lengths are not a sheet's shape: compute them one by one.
    const stage = (row: (number | null)[]) => (call(lifecycle, [row.filter((v) => v !== null)]) as string[][])[0][0];
    expect(volumes.map(stage)).toEqual(["Formation", "Decline", "Stability", "Exploration", "Exploration", "Churned"]);
  });

  it("P(alive) below 0.1 is churned whatever the volumes; Chinese labels", () => {
    expect(call(lifecycle, [[2, 4, 6, 8], [2, 4, 6, 8]], [0.05, 0.5])).toEqual([["Churned"], ["Formation"]]);
    expect(inLanguage("zh-CN", () => call(lifecycle, [[5, 5, 5, 5]]))).toEqual([["稳定期"]]);
  });

  it("errors per row and for the whole formula", () => {
    expect(call(lifecycle, [[1, 2, -3, 4], [5, 5, 5, 5]])).toEqual([[err("#VALUE!", "volumes: period 3 holds -3")], ["Stability"]]);
    expect(call(lifecycle, [[1, 2, "x", 4]])).toEqual(err("#VALUE!", 'volumes: row 1, column 3 holds the text "x"'));
    expect(call(lifecycle, [[1, 2], [3, 4]], [0.5])).toEqual(err("#VALUE!", "p_alive has 1 rows but volumes has 2"));
    expect(call(lifecycle, [[2, 4, 6, 8]], [1.5])).toEqual([[err("#VALUE!", "p_alive must be at most 1")]]);
  });
});

describe("=CVA.RELATIONSHIP(frequency, tier, stage, tenure_days)", () => {
  it("docs/relationship.md §2 rules, hand-checked", () => {
    expect(
      call(
        relationship,
        [0, 9, 9, 3, 4],
        [4, 1, "Key", 3, "小客户"],
        ["Exploration", "Stability", "Stability", "Decline", "decline"],
        [10, 800, 300, 400, 500],
      ),
    ).toEqual([
      ["Casual buyer"], // one purchase only
      ["Partner"], // key tier, stable, tenure ≥ 2 years (730.5 days)
      ["Client"], // key, stable, but under 2 years
      ["Client"], // regular tier
      ["Customer"], // small tier, declining repeat buyer
    ]);
  });

  it("errors name the argument", () => {
    expect(call(relationship, 2, 7, "Stability", 100)).toEqual([[err("#VALUE!", "tier must be a whole number from 1 to 4")]]);
    expect(call(relationship, 2, 1, "Happy", 100)).toEqual([[err("#VALUE!", "stage must be a life cycle stage")]]);
  });
});

describe("=CVA.LOYALTY(indicators, [weights])", () => {
  it("percentile ranks weighted over the indicators present (core example: 41.67 and 58.33)", () => {
    // Repeat rate 0.1/0.9 → PR .25/.75; complaint rate 0/2 → PR .25/.75 flipped → .75/.25.
    // (0.30·.25 + 0.15·.75)/0.45 = 41.67; (0.30·.75 + 0.15·.25)/0.45 = 58.33.
    const out = call(loyalty, [["Repeat rate", "Complaint rate"], [0.1, 0], [0.9, 2]]) as number[][];
    expect(out[0][0]).toBeCloseTo(41.6667, 3);
    expect(out[1][0]).toBeCloseTo(58.3333, 3);
  });

  it("Chinese headers, custom weights, and a row with nothing known", () => {
    // Equal weights 1 and 1: (.25 + .75)/2 = 50 for both.
    const out = call(loyalty, [["回头率", "投诉率"], [0.1, 0], [0.9, 2], [null, null]], [[1, 1]]) as unknown[][];
    expect(out[0][0] as number).toBeCloseTo(50, 9);
    expect(out[1][0] as number).toBeCloseTo(50, 9);
    expect(out[2][0]).toEqual(err("#N/A", "row 3: no indicator is known"));
  });

  it("an unknown header is #VALUE! naming the column", () => {
    expect(call(loyalty, [["Repeat rate", "Shoe size"], [1, 2], [2, 3]])).toEqual(err("#VALUE!", 'column 2 header the text "Shoe size" is not an indicator'));
  });
});

describe("=CVA.DELIVERED and =CVA.VALUERATIO", () => {
  it("delivered value = (product + service + personnel + image) − (money + time + energy + physical)", () => {
    // (8 + 6 + 7 + 5) − (10 + 2 + 3 + 1) = 26 − 16 = 10; weighted values 2,1,1,1: 34 − 16 = 18.
    expect(call(delivered, [[8, 6, 7, 5]], [[10, 2, 3, 1]])).toEqual([[10]]);
    expect(call(delivered, [[8, 6, 7, 5]], [[10, 2, 3, 1]], [[2, 1, 1, 1]])).toEqual([[18]]);
    expect(call(delivered, [[8, 6, 7, 5]], [[10, 2, 3, 1, 1, 1]])).toEqual(err("#VALUE!", "costs has 6 columns; give at most 5"));
  });

  it("value ratio V = Q/P, spilled; a price of 0 is #VALUE!", () => {
    expect(call(valueratio, 1.2, 1)).toEqual([[1.2]]);
    expect(call(valueratio, [1.2, 0.9], [1, 1.5])).toEqual([[1.2], [0.6]]);
    expect(call(valueratio, 1, 0)).toEqual([[err("#VALUE!", "price must be greater than 0")]]);
  });
});
