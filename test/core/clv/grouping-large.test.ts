// groupRfm beyond its first table (src/core/clv/grouping.ts): more than 2^18 distinct repeat-buyer
// histories make the open-addressing table rehash, which must keep every group where it was.
import { groupRfm, toRfmData } from "../../../src/core";

describe("groupRfm with 270,000 distinct repeat histories, each seen twice", () => {
  it("numbers them in order of first appearance, the second sighting in the same group with weight 2, through the rehash", () => {
    const m = 270_000, n = 2 * m;
    const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      // Distinct (x, t_x, T): t_x = i/1000 is distinct for every i (row 1234: x = 1 + 1234 mod 7 = 3, t_x = 1.234).
      frequency[i] = frequency[m + i] = 1 + (i % 7);
      recency[i] = recency[m + i] = i / 1000;
      T[i] = T[m + i] = i / 1000 + 1;
    }
    const g = groupRfm(toRfmData({ frequency, recency, T }));
    expect(g.size).toBe(m);
    expect(g.totalWeight).toBe(n);
    let wrong = 0;
    for (let i = 0; i < m; i++) {
      if (g.groupOf[i] !== i || g.groupOf[m + i] !== i || g.w[i] !== 2) wrong++;
      if (g.x[i] !== frequency[i] || g.tx[i] !== recency[i] || g.T[i] !== T[i]) wrong++;
    }
    expect(wrong).toBe(0);
    expect(g.x[1234]).toBe(3);
    expect(g.tx[1234]).toBe(1.234);
  });
});
