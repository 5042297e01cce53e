/**
 * The general way's (x, T) table (src/core/clv/score-general.ts PairTable): an open-addressing
 * hash that doubles when half full. Every pair added is found at its own offset with its sums,
 * across the rehashes (at 513, 1,025 and 2,049 pairs from 1,024 slots), and a pair not added —
 * here (0, 0), whose bits are all zero like the table's unused storage — is not.
 */
import { PairTable } from "../../../src/core/clv/score-general";

describe("PairTable", () => {
  it("finds each of 3,000 pairs at its offset with its sums through three rehashes, and no pair it was not given", () => {
    const table = new PairTable(0);
    const pairs: [number, number][] = [];
    for (let i = 0; i < 3000; i++) pairs.push([i % 37, 1 + i / 7]);
    pairs.forEach(([x, t], i) => {
      expect(table.find(x, t)).toBe(-1);
      expect(table.add(x, t, 10 + i, 20 + i)).toBe(4 * i);
    });
    pairs.forEach(([x, t], i) => {
      const o = table.find(x, t);
      expect(o).toBe(4 * i);
      expect([table.groups[o], table.groups[o + 1], table.groups[o + 2], table.groups[o + 3]]).toEqual([10 + i, 20 + i, x, t]);
    });
    expect(table.find(0, 0)).toBe(-1);
    expect(table.find(0, 1)).toBe(0);
  });

  it("right after a rehash (513 pairs), the storage past the last pair is not found as a pair (0, 0)", () => {
    const table = new PairTable(0);
    for (let i = 0; i < 513; i++) table.add(1 + (i % 37), 1 + i / 7, i, i);
    expect(table.find(0, 0)).toBe(-1);
    expect(table.find(1, 1)).toBe(0);
    expect(table.find(1 + (512 % 37), 1 + 512 / 7)).toBe(4 * 512);
  });
});
