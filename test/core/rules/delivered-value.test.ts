/**
 * Customer delivered value and the value ratio (docs/delivered-value.md §2–§5) pinned with
 * hand-worked numbers: every component and every weight changes the asserted figure, the
 * default weight is 1, costs lower the delivered value and benefits raise it.
 * Ratings are small distinct primes so that a component counted twice, dropped or swapped
 * with another shows in the sum.
 */
import { deliveredValue, valueRatio, type CostComponents, type ValueComponents } from "../../../src/core/value/delivered";
import { ErrorCodes } from "../../../src/core/errors";
import { thrown } from "../../support/thrown";

const VALUE: ValueComponents = { product: 2, service: 3, personnel: 5, image: 7 };
const COST: CostComponents = { money: 2, time: 3, energy: 5, physical: 7, sensory: 11 };

describe("total customer value and total customer cost (docs/delivered-value.md §2–§3)", () => {
  it("default weights are 1: value 2 + 3 + 5 + 7 = 17, cost 2 + 3 + 5 + 7 + 11 = 28, delivered 17 − 28 = −11", () => {
    expect(deliveredValue(VALUE, COST)).toEqual({ totalValue: 17, totalCost: 28, deliveredValue: -11, deliveredRatio: 17 / 28 });
    expect(deliveredValue(VALUE, COST, {})).toEqual({ totalValue: 17, totalCost: 28, deliveredValue: -11, deliveredRatio: 17 / 28 });
  });

  it("every weight applies to its own component", () => {
    const w = { value: { product: 11, service: 13, personnel: 17, image: 19 }, cost: { money: 13, time: 17, energy: 19, physical: 23, sensory: 29 } };
    // Value 11·2 + 13·3 + 17·5 + 19·7 = 22 + 39 + 85 + 133 = 279.
    // Cost 13·2 + 17·3 + 19·5 + 23·7 + 29·11 = 26 + 51 + 95 + 161 + 319 = 652.
    expect(deliveredValue(VALUE, COST, w)).toEqual({ totalValue: 279, totalCost: 652, deliveredValue: -373, deliveredRatio: 279 / 652 });
  });

  it("a weight left out stays 1; a weight of 0 drops its component", () => {
    // Value 2 + 0.5·3 + 5 + 7 = 15.5; cost 2 + 2·3 + 5 + 7 + 11 = 31.
    expect(deliveredValue(VALUE, COST, { value: { service: 0.5 }, cost: { time: 2 } })).toEqual({ totalValue: 15.5, totalCost: 31, deliveredValue: -15.5, deliveredRatio: 0.5 });
    // Weight 0 on image and on sensory: value 17 − 7 = 10, cost 28 − 11 = 17.
    expect(deliveredValue(VALUE, COST, { value: { image: 0 }, cost: { sensory: 0 } })).toEqual({ totalValue: 10, totalCost: 17, deliveredValue: -7, deliveredRatio: 10 / 17 });
    // Only value weights: the cost keeps its default weights (28).
    expect(deliveredValue(VALUE, COST, { value: { product: 3 } }).totalCost).toBe(28);
  });

  it.each([
    ["product", 3 * 4],
    ["service", 3 * 4],
    ["personnel", 3 * 4],
    ["image", 3 * 4],
  ] as const)("value component %s, rated 4 and weighted 3, adds 12 to the total value and the delivered value", (k, expected) => {
    const r = deliveredValue({ [k]: 4 }, {}, { value: { [k]: 3 } });
    expect(r).toEqual({ totalValue: expected, totalCost: 0, deliveredValue: expected, deliveredRatio: null });
  });

  it.each(["money", "time", "energy", "physical", "sensory"] as const)(
    "cost component %s, rated 4 and weighted 3, adds 12 to the total cost and takes 12 from the delivered value",
    (k) => {
      // Against a product value of 24: 24 − 12 = 12, ratio 24 / 12 = 2.
      const r = deliveredValue({ product: 24 }, { [k]: 4 }, { cost: { [k]: 3 } });
      expect(r).toEqual({ totalValue: 24, totalCost: 12, deliveredValue: 12, deliveredRatio: 2 });
    },
  );

  it("direction: one more unit of any cost lowers the delivered value by its weight; one more unit of any benefit raises it", () => {
    const base = deliveredValue(VALUE, COST).deliveredValue; // −11
    for (const k of ["money", "time", "energy", "physical", "sensory"] as const) {
      expect(deliveredValue(VALUE, { ...COST, [k]: (COST[k] as number) + 1 }).deliveredValue).toBe(-12);
    }
    for (const k of ["product", "service", "personnel", "image"] as const) {
      expect(deliveredValue({ ...VALUE, [k]: (VALUE[k] as number) + 1 }, COST).deliveredValue).toBe(-10);
    }
    expect(base).toBe(-11);
  });

  it("the sensory burden is added only when given: without it the cost is 2 + 3 + 5 + 7 = 17", () => {
    const { sensory: _omit, ...four } = COST;
    void _omit;
    expect(deliveredValue(VALUE, four).totalCost).toBe(17);
    expect(deliveredValue(VALUE, { ...four, sensory: null }).totalCost).toBe(17);
  });

  it("a missing component (undefined, null, NaN) counts as 0, whatever its weight", () => {
    // Value: product 2 and image 7 only → 9 (service and personnel missing, weighted 100).
    // Cost: money 2 only → 2 (time NaN, energy null, physical undefined).
    const r = deliveredValue(
      { product: 2, service: null, personnel: NaN, image: 7 },
      { money: 2, time: NaN, energy: null, physical: undefined },
      { value: { service: 100, personnel: 100 }, cost: { time: 100, energy: 100, physical: 100 } },
    );
    expect(r).toEqual({ totalValue: 9, totalCost: 2, deliveredValue: 7, deliveredRatio: 4.5 });
    expect(deliveredValue({}, {})).toEqual({ totalValue: 0, totalCost: 0, deliveredValue: 0, deliveredRatio: null });
  });

  it("refuses an infinite rating, naming the component", () => {
    const e = thrown(() => deliveredValue({ product: 1, image: Infinity }, {}));
    expect(e.code).toBe(ErrorCodes.InvalidNumber);
    expect(e.message).toBe("image must be a finite number; got Infinity");
    expect(e.where).toEqual({ argument: "image" });
    expect(thrown(() => deliveredValue({}, { energy: -Infinity })).message).toBe("energy must be a finite number; got -Infinity");
  });
});

describe("delivered value and the delivered ratio (docs/delivered-value.md §4)", () => {
  it("the worked example: 100 − 80 = 20, ratio 1.25; with product weighted 2 against money 80 and sensory 20, ratio exactly 1", () => {
    expect(deliveredValue({ product: 50, service: 20, personnel: 10, image: 20 }, { money: 60, time: 10, energy: 5, physical: 5 })).toEqual({
      totalValue: 100, totalCost: 80, deliveredValue: 20, deliveredRatio: 1.25,
    });
    expect(deliveredValue({ product: 50 }, { money: 80, sensory: 20 }, { value: { product: 2 } })).toEqual({
      totalValue: 100, totalCost: 100, deliveredValue: 0, deliveredRatio: 1,
    });
  });

  it("the ratio is empty exactly when the total cost is 0: no cost, costs that cancel, or cost weighted 0", () => {
    expect(deliveredValue({ product: 1 }, {}).deliveredRatio).toBeNull();
    expect(deliveredValue({ product: 1 }, { money: 5, time: -5 }).deliveredRatio).toBeNull();
    expect(deliveredValue({ product: 1 }, { money: 5 }, { cost: { money: 0 } }).deliveredRatio).toBeNull();
    // A total cost of 0.5 has a ratio: 1 / 0.5 = 2; a negative total value gives a negative ratio.
    expect(deliveredValue({ product: 1 }, { money: 0.5 }).deliveredRatio).toBe(2);
    expect(deliveredValue({ product: -3 }, { money: 2 })).toEqual({ totalValue: -3, totalCost: 2, deliveredValue: -5, deliveredRatio: -1.5 });
  });
});

describe("the value ratio V = Q / P (docs/delivered-value.md §5)", () => {
  it("divides quality by price", () => {
    expect(valueRatio(1.2, 0.8)).toBeCloseTo(1.5, 14);
    expect(valueRatio(1.2, 1)).toBe(1.2);
    expect(valueRatio(1, 1.5)).toBeCloseTo(2 / 3, 14);
    expect(valueRatio(0, 2)).toBe(0);
    expect(valueRatio(3, -2)).toBe(-1.5);
  });

  it("refuses a price of 0 (or −0) and a non-finite quality or price", () => {
    const zero = thrown(() => valueRatio(1, 0));
    expect(zero.code).toBe(ErrorCodes.OutOfRange);
    expect(zero.message).toBe("price must not be 0: the value ratio is quality divided by price");
    expect(zero.where).toEqual({ argument: "price" });
    expect(thrown(() => valueRatio(1, -0)).code).toBe(ErrorCodes.OutOfRange);
    const q = thrown(() => valueRatio(NaN, 1));
    expect(q.code).toBe(ErrorCodes.InvalidNumber);
    expect(q.message).toBe("quality must be a finite number; got NaN");
    expect(q.where).toEqual({ argument: "quality" });
    expect(thrown(() => valueRatio(1, NaN)).where).toEqual({ argument: "price" });
    expect(thrown(() => valueRatio(1, Infinity)).message).toBe("price must be a finite number; got Infinity");
    // A non-finite price is named as such before the zero check could apply.
    expect(thrown(() => valueRatio(Infinity, 0)).message).toBe("quality must be a finite number; got Infinity");
  });
});
