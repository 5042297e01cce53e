// The RFM scores analyze writes for each customer (src/core/analyze/segments.ts, docs/rfm.md):
// the pipeline hands the rule the time since each customer's last purchase, the repeat purchases
// and the spend (total, or per purchase with rfmMonetary "average"). Five customers worked by
// hand, each score by the minimum-rank rule of docs/rfm.md §2 with 5 bins: the k-th smallest of
// 5 distinct values scores k (ties take the lowest rank among them: floor(5·rank/5) + 1).
import { analyze } from "../../src/core";

// end 2024-02-01; last purchases: A 01-31, B 01-05, C 01-25, D 01-15, E 01-29
const transactions = [
  { customerId: "A", date: "2024-01-01", amount: 10 },
  { customerId: "A", date: "2024-01-31", amount: 30 },
  { customerId: "B", date: "2024-01-05", amount: 100 },
  { customerId: "C", date: "2024-01-10", amount: 5 },
  { customerId: "C", date: "2024-01-20", amount: 5 },
  { customerId: "C", date: "2024-01-25", amount: 5 },
  { customerId: "D", date: "2024-01-02", amount: 20 },
  { customerId: "D", date: "2024-01-15", amount: 40 },
  { customerId: "E", date: "2024-01-29", amount: 25 },
];

const scores = (rfmMonetary?: "total" | "average") => {
  const { customers } = analyze({ transactions }, { end: "2024-02-01", unit: "days", model: "none", ...(rfmMonetary ? { rfmMonetary } : {}) });
  return Object.fromEntries(customers.map((c) => [c.customerId, [c.rfm.r, c.rfm.f, c.rfm.m]]));
};

test("R from the days since the last purchase, F from the repeat purchases, M from the total spend", () => {
  // days since the last purchase: A 1, B 27, C 7, D 17, E 3 (fewer is better): A 5, E 4, C 3, D 2, B 1
  // repeat purchases: A 1, B 0, C 2, D 1, E 0: the 0s rank 0 → 1, the 1s rank 2 → 3, the 2 ranks 4 → 5
  // total spend: A 40, B 100, C 15, D 60, E 25: C 1, E 2, A 3, D 4, B 5
  expect(scores()).toEqual({ A: [5, 3, 3], B: [1, 1, 5], C: [3, 5, 1], D: [2, 3, 4], E: [4, 1, 2] });
  expect(scores("total")).toEqual(scores());
});

test("with rfmMonetary \"average\", M from the spend per purchase", () => {
  // per purchase: A 40/2 = 20, B 100, C 15/3 = 5, D 60/2 = 30, E 25: C 1, A 2, E 3, D 4, B 5
  expect(scores("average")).toEqual({ A: [5, 3, 2], B: [1, 1, 5], C: [3, 5, 1], D: [2, 3, 4], E: [4, 1, 3] });
});

test("rfmBins reaches the scores: with 7 bins the k-th of 5 distinct values (rank k − 1) scores floor(7·(k − 1)/5) + 1", () => {
  const { customers } = analyze({ transactions }, { end: "2024-02-01", unit: "days", model: "none", rfmBins: 7 });
  // days since the last purchase, most first: B 27, D 17, C 7, E 3, A 1 → ranks 0–4 → 1, 2, 3, 5, 6
  expect(Object.fromEntries(customers.map((c) => [c.customerId, c.rfm.r]))).toEqual({ A: 6, B: 1, C: 3, D: 2, E: 5 });
});
