// The distinct rows the prediction intervals score once each (src/core/clv/intervals.ts): the same
// numbering as a text key per row (`${x},${t_x},${T},${spend}`, the way it was done before), in
// order of first appearance, with 0 and −0 one value and NaN one value, as their texts are.
import { distinctRows } from "../../../src/core/clv/intervals";
import { Random } from "../../../src/core/math/random";

/** The reference: a text key per row, numbered in order of first appearance. */
function byText(n: number, columns: readonly ArrayLike<number>[]): { index: number[]; first: number[] } {
  const seen = new Map<string, number>();
  const index: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = columns.map((c) => `${c[i]}`).join(",");
    let u = seen.get(key);
    if (u === undefined) {
      seen.set(key, (u = first.length));
      first.push(i);
    }
    index.push(u);
  }
  return { index, first };
}

describe("distinctRows", () => {
  it("numbers rows by first appearance: hand-worked", () => {
    // Rows: (1, 2), (1, 2), (0, NaN), (−0, NaN), (1, 3), (0, 2) → 0, 0, 1, 1, 2, 3.
    const a = [1, 1, 0, -0, 1, 0];
    const b = [2, 2, NaN, NaN, 3, 2];
    const d = distinctRows(6, [a, b]);
    expect(Array.from(d.index)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(Array.from(d.first)).toEqual([0, 2, 4, 5]);
  });

  it("is the text key's numbering on 50,000 seeded rows of few values (many repeats; 0, −0 and NaN among them)", () => {
    const rng = new Random(7);
    const n = 50000;
    const pool = [0, -0, NaN, 1, 2.5, 1e-300, -3, 0.1 + 0.2, 0.3, 52, 1 / 3];
    // Column k draws among the pool's first 4 + k values, 0 and −0 one of them: 3 × 4 × 5 × 6 = 360 distinct rows.
    const cols = Array.from({ length: 4 }, (_, k) => Float64Array.from({ length: n }, () => pool[Math.floor(rng.uniform() * (4 + k))]));
    const d = distinctRows(n, cols);
    const ref = byText(n, cols);
    expect(d.first.length).toBe(ref.first.length);
    expect(d.first.length).toBe(360);
    expect(Array.from(d.first)).toEqual(ref.first);
    expect(Array.from(d.index)).toEqual(ref.index);
  });

  it("gives no rows for none", () => {
    const d = distinctRows(0, [new Float64Array(0)]);
    expect(d.first.length).toBe(0);
    expect(d.index.length).toBe(0);
  });
});
