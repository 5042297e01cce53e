/**
 * The RFM rules pinned at their edges (docs/rfm.md §2–§6) and the rank helpers they rest on
 * (src/core/segments/ranks.ts): quintile cut points with ties worked by hand, the direction of
 * recency, every cell of the R × F segment map, other bin counts, the defaults. Expected values
 * are worked by hand in the comments or read off the table of docs/rfm.md §4, never computed by
 * the code under test.
 */
import { ErrorCodes } from "../../../src/core/errors";
import {
  countAtMost,
  countBelow,
  medianSorted,
  requireFiniteArray,
  sortedAscending,
} from "../../../src/core/segments/ranks";
import {
  DEFAULT_RFM_BINS,
  rfm,
  rfmCell,
  rfmColumns,
  RFM_SEGMENTS,
  rfmScores,
  rfmSegment,
  rfmSegmentLabel,
  type RfmSegment,
} from "../../../src/core/segments/rfm";
import { thrown } from "../../support/thrown";

/** docs/rfm.md §4, row R = 5 first, columns F = 1 … 5 — typed in from the doc, not from the code. */
const MAP: Record<number, RfmSegment[]> = {
  5: ["new", "potentialLoyalist", "potentialLoyalist", "champions", "champions"],
  4: ["promising", "potentialLoyalist", "potentialLoyalist", "loyal", "loyal"],
  3: ["aboutToSleep", "aboutToSleep", "needAttention", "loyal", "loyal"],
  2: ["hibernating", "hibernating", "atRisk", "atRisk", "cannotLose"],
  1: ["lost", "hibernating", "atRisk", "atRisk", "cannotLose"],
};

describe("rank helpers (src/core/segments/ranks.ts)", () => {
  it("sortedAscending sorts numerically into a copy: 10, -1, 9, 100 → -1, 9, 10, 100", () => {
    const input = [10, -1, 9, 100]; // as text it would be "-1", "10", "100", "9"
    const s = sortedAscending(input);
    expect(s).toBeInstanceOf(Float64Array);
    expect(Array.from(s)).toEqual([-1, 9, 10, 100]);
    expect(input).toEqual([10, -1, 9, 100]);
  });
  it("countBelow / countAtMost with ties: in 1, 3, 3, 3, 7", () => {
    const s = new Float64Array([1, 3, 3, 3, 7]);
    // value:           0  1  2  3  5  7  8
    // strictly below:  0  0  1  1  4  4  5
    // at most:         0  1  1  4  4  5  5
    expect([0, 1, 2, 3, 5, 7, 8].map((v) => countBelow(s, v))).toEqual([0, 0, 1, 1, 4, 4, 5]);
    expect([0, 1, 2, 3, 5, 7, 8].map((v) => countAtMost(s, v))).toEqual([0, 1, 1, 4, 4, 5, 5]);
    expect(countBelow(new Float64Array(0), 1)).toBe(0);
    expect(countAtMost(new Float64Array(0), 1)).toBe(0);
  });
  it("countBelow / countAtMost on a long run of ties (binary search midpoints)", () => {
    // 2 × 1, 9 × 5, 4 × 8 (15 entries): below 5 → 2, at most 5 → 11; below 8 → 11, at most 8 → 15.
    const s = new Float64Array([1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 8, 8, 8, 8]);
    expect(countBelow(s, 5)).toBe(2);
    expect(countAtMost(s, 5)).toBe(11);
    expect(countBelow(s, 8)).toBe(11);
    expect(countAtMost(s, 8)).toBe(15);
    expect(countBelow(s, 1)).toBe(0);
    expect(countAtMost(s, 1)).toBe(2);
  });
  it("median of odd and even sorted arrays; NaN when empty", () => {
    expect(medianSorted(new Float64Array([2, 4, 9]))).toBe(4); // middle of three
    expect(medianSorted(new Float64Array([1, 2, 4, 9, 20]))).toBe(4); // third of five
    expect(medianSorted(new Float64Array([2, 4, 9, 10]))).toBe(6.5); // (4 + 9)/2
    expect(medianSorted(new Float64Array([1, 3]))).toBe(2); // (1 + 3)/2
    expect(medianSorted(new Float64Array([7]))).toBe(7);
    expect(medianSorted(new Float64Array(0))).toBeNaN();
  });
  it("requireFiniteArray names the argument and the 1-based row of a bad value", () => {
    expect(() => requireFiniteArray([1, 2.5, -3, 0], "values")).not.toThrow();
    expect(() => requireFiniteArray([], "values")).not.toThrow();
    for (const [bad, got] of [[NaN, "NaN"], [Infinity, "Infinity"], [-Infinity, "-Infinity"], ["3", "3"], [null, "null"]] as const) {
      const e = thrown(() => requireFiniteArray([1, 2, bad as unknown as number], "spend"));
      expect(e.code).toBe(ErrorCodes.InvalidNumber);
      expect(e.key).toBe("population.notFinite");
      expect(e.params).toEqual({ arg: "spend", row: 3, got });
      expect(e.where).toEqual({ argument: "spend", row: 3 });
    }
    // The first bad row is named: row 1.
    expect(thrown(() => requireFiniteArray([NaN, NaN], "x")).where).toEqual({ argument: "x", row: 1 });
  });
});

describe("RFM quintile scores by minimum rank (docs/rfm.md §2)", () => {
  // Ten customers with ties; sorted 0, 1, 3, 3, 3, 5, 7, 9, 9, 12. Score = min(5, ⌊5·b/10⌋ + 1).
  const values = [7, 3, 3, 9, 1, 3, 9, 5, 0, 12];

  it("higher is better (F, M): b = customers strictly below", () => {
    // 7: b 6 → ⌊3⌋+1 = 4      3: b 2 → ⌊1⌋+1 = 2 (all three 3s)   9: b 7 → ⌊3.5⌋+1 = 4 (both 9s)
    // 1: b 1 → ⌊0.5⌋+1 = 1    5: b 5 → ⌊2.5⌋+1 = 3                0: b 0 → 1     12: b 9 → ⌊4.5⌋+1 = 5
    expect(Array.from(rfmScores(values))).toEqual([4, 2, 2, 4, 1, 2, 4, 3, 1, 5]);
  });
  it("lower is better (R, time since last purchase): b = customers strictly above", () => {
    // 7: above 9, 9, 12 → b 3 → ⌊1.5⌋+1 = 2   3: above 5, 7, 9, 9, 12 → b 5 → 3 (all three 3s)
    // 9: above 12 → b 1 → 1 (both 9s)          1: b 8 → ⌊4⌋+1 = 5    5: b 4 → ⌊2⌋+1 = 3
    // 0: b 9 → ⌊4.5⌋+1 = 5                     12: b 0 → 1
    expect(Array.from(rfmScores(values, false))).toEqual([2, 3, 3, 1, 5, 3, 1, 3, 5, 1]);
  });
  it("more recent is a higher R: a purchase 0 days ago scores 5, 12 days ago 1", () => {
    const r = rfmScores([12, 0], false); // 0 beats 12 (b 1 of 2 → ⌊2.5⌋+1 = 3); 12 beats nobody → 1
    expect(Array.from(r)).toEqual([1, 3]);
    const f = rfmScores([12, 0]); // as frequency the larger is better: 12 → 3, 0 → 1
    expect(Array.from(f)).toEqual([3, 1]);
  });
  it("cut points of ten distinct values: b 1 → 1, b 2 → 2, b 7 → 4, b 8 → 5 (each ⌊5b/10⌋ + 1)", () => {
    // Values 10 … 100: value 10k beats k − 1 of them.
    const s = rfmScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(s[1]).toBe(1); // b 1: ⌊0.5⌋ + 1
    expect(s[2]).toBe(2); // b 2: ⌊1⌋ + 1 — exactly on the first quintile boundary
    expect(s[7]).toBe(4); // b 7: ⌊3.5⌋ + 1
    expect(s[8]).toBe(5); // b 8: ⌊4⌋ + 1 — exactly on the last boundary
    expect(s[9]).toBe(5); // b 9: ⌊4.5⌋ + 1, never above 5
  });
  it("all equal: everyone 1 either way; one customer: 1; none: empty", () => {
    expect(Array.from(rfmScores([4, 4, 4]))).toEqual([1, 1, 1]);
    expect(Array.from(rfmScores([4, 4, 4], false))).toEqual([1, 1, 1]);
    expect(Array.from(rfmScores([4]))).toEqual([1]);
    expect(Array.from(rfmScores([]))).toEqual([]);
  });
  it("defaults: 5 bins, higher is better", () => {
    expect(DEFAULT_RFM_BINS).toBe(5);
    // Ten distinct values with no second argument: 1,1,2,2,3,3,4,4,5,5 (docs/rfm.md §2).
    expect(Array.from(rfmScores([3, 1, 2, 4, 5, 6, 7, 8, 9, 10]))).toEqual([2, 1, 1, 2, 3, 3, 4, 4, 5, 5]);
  });
  it("other bin counts: ⌊bins·b/n⌋ + 1 (2, 3 and 100 bins)", () => {
    // 2 bins, four values 1..4: b 0,1,2,3 → ⌊0⌋,⌊0.5⌋,⌊1⌋,⌊1.5⌋ + 1 = 1,1,2,2.
    expect(Array.from(rfmScores([1, 2, 3, 4], true, 2))).toEqual([1, 1, 2, 2]);
    // 3 bins, five values: b 0..4 → ⌊0⌋,⌊0.6⌋,⌊1.2⌋,⌊1.8⌋,⌊2.4⌋ + 1 = 1,1,2,2,3.
    expect(Array.from(rfmScores([1, 2, 3, 4, 5], true, 3))).toEqual([1, 1, 2, 2, 3]);
    // 100 bins, three values: b 0, 1, 2 → ⌊0⌋, ⌊33.3⌋, ⌊66.7⌋ + 1 = 1, 34, 67.
    expect(Array.from(rfmScores([1, 2, 3], true, 100))).toEqual([1, 34, 67]);
  });
  it("bins must be a whole number from 2 to 100", () => {
    for (const bins of [1, 101, 2.5, NaN, 0, -5]) {
      const e = thrown(() => rfmScores([1, 2], true, bins));
      expect(e.code).toBe(ErrorCodes.OutOfRange);
      expect(e.key).toBe("arg.wholeBetween");
      expect(e.params).toEqual({ arg: "bins", min: 2, max: 100, got: bins });
      expect(e.where).toEqual({ argument: "bins" });
    }
    expect(() => rfmScores([1, 2], true, 2)).not.toThrow();
    expect(() => rfmScores([1, 2], true, 100)).not.toThrow();
  });
  it("a non-finite value is INVALID_NUMBER naming 'values' and its row", () => {
    const e = thrown(() => rfmScores([1, 2, NaN]));
    expect(e.code).toBe(ErrorCodes.InvalidNumber);
    expect(e.where).toEqual({ argument: "values", row: 3 });
  });
});

describe("RFM segment map (docs/rfm.md §4)", () => {
  it("every one of the 25 R × F cells, as the table of the doc", () => {
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) expect([r, f, rfmSegment(r, f)]).toEqual([r, f, MAP[r][f - 1]]);
  });
  it("each segment at its boundary", () => {
    // R 5: F 1 new | F 3 potential loyalist | F 4 champions.
    expect([rfmSegment(5, 1), rfmSegment(5, 2), rfmSegment(5, 3), rfmSegment(5, 4)]).toEqual(["new", "potentialLoyalist", "potentialLoyalist", "champions"]);
    // R 4: F 1 promising | F 2–3 potential loyalist | F 4 loyal.
    expect([rfmSegment(4, 1), rfmSegment(4, 2), rfmSegment(4, 3), rfmSegment(4, 4)]).toEqual(["promising", "potentialLoyalist", "potentialLoyalist", "loyal"]);
    // R 3: F 2 about to sleep | F 3 need attention | F 4 loyal.
    expect([rfmSegment(3, 2), rfmSegment(3, 3), rfmSegment(3, 4)]).toEqual(["aboutToSleep", "needAttention", "loyal"]);
    // R 2: F 2 hibernating | F 3 at risk | F 4 at risk | F 5 cannot lose; R 2 F 1 is hibernating, R 1 F 1 lost.
    expect([rfmSegment(2, 2), rfmSegment(2, 3), rfmSegment(2, 4), rfmSegment(2, 5)]).toEqual(["hibernating", "atRisk", "atRisk", "cannotLose"]);
    expect([rfmSegment(2, 1), rfmSegment(1, 1), rfmSegment(1, 2), rfmSegment(1, 3)]).toEqual(["hibernating", "lost", "hibernating", "atRisk"]);
  });
  it("a score outside the whole numbers 1–5 is OUT_OF_RANGE", () => {
    for (const [r, f] of [[0, 3], [6, 3], [3, 0], [3, 6], [2.5, 3], [3, 2.5], [NaN, 3], [3, NaN]]) {
      const e = thrown(() => rfmSegment(r, f));
      expect(e.code).toBe(ErrorCodes.OutOfRange);
      expect(e.key).toBe("rfm.scores");
      expect(e.params).toEqual({ r, f });
    }
    expect(rfmSegment(1, 5)).toBe("cannotLose");
    expect(rfmSegment(5, 5)).toBe("champions");
  });
  it("eleven segments in the documented order, with labels in both languages", () => {
    expect(RFM_SEGMENTS).toEqual([
      "champions", "loyal", "potentialLoyalist", "new", "promising", "needAttention", "aboutToSleep", "atRisk", "cannotLose", "hibernating", "lost",
    ]);
    expect(rfmSegmentLabel("cannotLose", "en-US")).toBe("Cannot lose");
    expect(rfmSegmentLabel("champions", "zh-CN")).toBe("冠军客户");
  });
});

describe("RFM of customers: columns, cells, segments (docs/rfm.md §3–§6)", () => {
  it("every R × F cell reached from data, five customers at a time", () => {
    // Recency 0..4 → R 5..1 (b = 4..0 of 5 → ⌊5b/5⌋ + 1 = b + 1). Frequency equal to the wanted F
    // (distinct 1..5 → b = F − 1 → score F). Shifting F round the five customers covers all 25 cells.
    for (let k = 0; k < 5; k++) {
      const wantR = [5, 4, 3, 2, 1];
      const wantF = [0, 1, 2, 3, 4].map((i) => ((i + k) % 5) + 1);
      const res = rfm({ recency: [0, 1, 2, 3, 4], frequency: wantF, monetary: [1, 1, 1, 1, 1] });
      expect(res.map((x) => [x.r, x.f, x.m])).toEqual(wantR.map((r, i) => [r, wantF[i], 1]));
      expect(res.map((x) => x.segment)).toEqual(wantR.map((r, i) => MAP[r][wantF[i] - 1]));
      const cols = rfmColumns({ recency: [0, 1, 2, 3, 4], frequency: wantF, monetary: [1, 1, 1, 1, 1] });
      expect(Array.from(cols.segment).map((s) => RFM_SEGMENTS[s])).toEqual(wantR.map((r, i) => MAP[r][wantF[i] - 1]));
    }
  });
  it("ten customers with ties: scores, cells and segments by hand", () => {
    // Recency (lower better) 7,3,3,9,1,3,9,5,0,12 → R 2,3,3,1,5,3,1,3,5,1 (see the scores above).
    // Frequency 1,1,1,2,4,1,3,2,6,1: sorted 1,1,1,1,1,2,2,3,4,6. b: 1 → 0 → F 1; 2 → 5 → ⌊2.5⌋+1 = 3;
    //   3 → 7 → ⌊3.5⌋+1 = 4; 4 → 8 → 5; 6 → 9 → 5. So F 1,1,1,3,5,1,4,3,5,1 (nobody has F 2).
    // Monetary 50,20,20,80,200,10,60,30,500,5: sorted 5,10,20,20,30,50,60,80,200,500.
    //   b: 50 → 5 → 3; 20 → 2 → 2; 80 → 7 → 4; 200 → 8 → 5; 10 → 1 → 1; 60 → 6 → 4; 30 → 4 → 3;
    //   500 → 9 → 5; 5 → 0 → 1. So M 3,2,2,4,5,1,4,3,5,1.
    const res = rfm({
      recency: [7, 3, 3, 9, 1, 3, 9, 5, 0, 12],
      frequency: [1, 1, 1, 2, 4, 1, 3, 2, 6, 1],
      monetary: [50, 20, 20, 80, 200, 10, 60, 30, 500, 5],
    });
    expect(res.map((x) => x.cell)).toEqual(["213", "312", "312", "134", "555", "311", "144", "333", "555", "111"]);
    // Segments (R, F): (2,1) hibernating, (3,1) about to sleep ×2, (1,3) at risk, (5,5) champions,
    // (3,1) about to sleep, (1,4) at risk, (3,3) need attention, (5,5) champions, (1,1) lost.
    expect(res.map((x) => x.segment)).toEqual([
      "hibernating", "aboutToSleep", "aboutToSleep", "atRisk", "champions", "aboutToSleep", "atRisk", "needAttention", "champions", "lost",
    ]);
  });
  it("cells are R, F, M in that order, also when two cells use the same digits", () => {
    // In one call (one shared cell cache): 544 and 445, 351 and 411, 345 and 351 are different cells.
    const cells = new Map<number, string>();
    const got = ([[5, 4, 4], [4, 4, 5], [3, 5, 1], [4, 1, 1], [3, 4, 5], [1, 2, 3], [3, 2, 1]] as const).map(([r, f, m]) => rfmCell(r, f, m, 5, cells));
    expect(got).toEqual(["544", "445", "351", "411", "345", "123", "321"]);
    // Asked again, the same string.
    expect(rfmCell(5, 4, 4, 5, cells)).toBe("544");
  });
  it("10 bins: scores 1–10, rescaled to 1–5 for the segment (⌊5(s − 1)/10⌋ + 1)", () => {
    // Recency 0..9 → R 10..1 (b 9..0 of 10 → ⌊10b/10⌋ + 1 = b + 1); frequency 1..10 → F 1..10.
    // R5 = ⌊5(R − 1)/10⌋ + 1: 10 → 5, 9 → 5, 8 → 4, 7 → 4, 6 → 3, 5 → 3, 4 → 2, 3 → 2, 2 → 1, 1 → 1.
    // F5 likewise 1,1,2,2,3,3,4,4,5,5. Segments (R5, F5): (5,1) new ×2, (4,2) pot. loyalist ×2,
    // (3,3) need attention ×2, (2,4) at risk ×2, (1,5) cannot lose ×2.
    const input = { recency: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], frequency: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], monetary: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
    const res = rfm(input, 10);
    expect(res.map((x) => x.r)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(res.map((x) => x.f)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(res.map((x) => x.cell)).toEqual(["1011", "922", "833", "744", "655", "566", "477", "388", "299", "11010"]);
    expect(res.map((x) => x.segment)).toEqual([
      "new", "new", "potentialLoyalist", "potentialLoyalist", "needAttention", "needAttention", "atRisk", "atRisk", "cannotLose", "cannotLose",
    ]);
  });
  it("3 bins: score 3 rescales to 4, 2 to 2 (⌊5·2/3⌋ + 1, ⌊5/3⌋ + 1)", () => {
    // Recency 0, 1, 2 → R 3, 2, 1 → R5 4, 2, 1. Frequency 3, 1, 2 → F 3, 1, 2 → F5 4, 1, 2.
    // (4,4) loyal, (2,1) hibernating, (1,2) hibernating.
    const cols = rfmColumns({ recency: [0, 1, 2], frequency: [3, 1, 2], monetary: [0, 0, 0] }, 3);
    expect(Array.from(cols.r)).toEqual([3, 2, 1]);
    expect(Array.from(cols.f)).toEqual([3, 1, 2]);
    expect(Array.from(cols.m)).toEqual([1, 1, 1]);
    expect(Array.from(cols.segment).map((s) => RFM_SEGMENTS[s])).toEqual(["loyal", "hibernating", "hibernating"]);
    // Frequency 1, 3, 2 instead: R 3 F 1 → (4, 1) promising; R 2 F 3 → (2, 4) at risk; R 1 F 2 → (1, 2) hibernating.
    const two = rfmColumns({ recency: [0, 1, 2], frequency: [1, 3, 2], monetary: [0, 0, 0] }, 3);
    expect(Array.from(two.segment).map((s) => RFM_SEGMENTS[s])).toEqual(["promising", "atRisk", "hibernating"]);
  });
  it("default: 5 bins (docs/rfm.md §3: five customers give 555 … 111)", () => {
    const res = rfm({ recency: [0, 1, 2, 3, 4], frequency: [5, 4, 3, 2, 1], monetary: [100, 50, 40, 30, 1] });
    expect(res.map((x) => x.cell)).toEqual(["555", "444", "333", "222", "111"]);
    expect(res).toHaveLength(5);
    expect(rfm({ recency: [], frequency: [], monetary: [] })).toEqual([]);
  });
});
