// toRfmData on Float64Array columns (src/core/clv/data.ts): checked in place, not copied, and the
// caller's arrays are left as they were; a bad value is still named by row and column.
import { ErrorCodes, toRfmData } from "../../../src/core";

describe("toRfmData with Float64Array columns", () => {
  it("keeps the caller's arrays (no copy of a million-customer column) and leaves them unchanged", () => {
    const frequency = Float64Array.of(0, 2, 1), recency = Float64Array.of(0, 5.5, 3), T = Float64Array.of(4, 10, 7);
    const d = toRfmData({ frequency, recency, T });
    expect(d.frequency).toBe(frequency);
    expect(d.recency).toBe(recency);
    expect(d.T).toBe(T);
    expect(Array.from(frequency)).toEqual([0, 2, 1]);
    expect(Array.from(recency)).toEqual([0, 5.5, 3]);
    expect(d.length).toBe(3);
    // Plain arrays are copied into Float64Arrays, as before.
    const fromArrays = toRfmData({ frequency: [0, 2, 1], recency: [0, 5.5, 3], T: [4, 10, 7] });
    expect(fromArrays.frequency).toBeInstanceOf(Float64Array);
    expect(Array.from(fromArrays.T)).toEqual([4, 10, 7]);
  });

  it("a NaN or an infinity in a Float64Array column is the same keyed error, naming row and column", () => {
    const T = Float64Array.of(4, Number.NaN, 7);
    expect(() => toRfmData({ frequency: Float64Array.of(0, 0, 0), recency: Float64Array.of(0, 0, 0), T })).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidType, message: expect.stringContaining("row 2") }),
    );
    const recency = Float64Array.of(0, 0, Number.POSITIVE_INFINITY);
    expect(() => toRfmData({ frequency: Float64Array.of(0, 0, 1), recency, T: Float64Array.of(1, 1, 1) })).toThrow(
      expect.objectContaining({ code: ErrorCodes.OutOfRange, message: expect.stringContaining("row 3") }),
    );
  });
});
