/**
 * The lines under the report's tables are cut to fit columns B–H, so no text runs on under the
 * chart beside its table (docs/output.md §3). Widths are the layout's own estimate in points.
 */
import { REPORT_COLUMNS } from "../../src/excel/plan";
import { fitLinesUnder, splitText, textWidth } from "../../src/taskpane/workflow/report-layout";
import type { ReportBlock } from "../../src/excel/plan";

describe("splitText", () => {
  test("cuts English between words, every line within the width, nothing lost", () => {
    const text = "Concentrate the best resources: dedicated account team, planned visits, fast complaint handling.";
    // 100 pt holds about 17 Latin characters at 5.8 pt: "Concentrate the" is 15 characters.
    const lines = splitText(text, 100);
    expect(lines[0]).toBe("Concentrate the");
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(100);
    expect(lines.join(" ")).toBe(text);
  });

  test("cuts Chinese between any two characters", () => {
    // 10 characters at 11 pt = 110 pt; 50 pt holds 4 (44 pt), not 5 (55 pt).
    expect(splitText("集中最好的资源服务客户", 50)).toEqual(["集中最好", "的资源服", "务客户"]);
  });

  test("closing punctuation stays with the character before it: no line starts with it", () => {
    // 50 pt holds 4 characters (44 pt); "源。" (22 pt) does not fit after "集中资" (33 pt), so the line breaks before "源", not before "。".
    expect(splitText("集中资源。服务", 50)).toEqual(["集中资", "源。服务"]);
    expect(splitText("资源，客户", 25)).toEqual(["资", "源，", "客户"]);
  });

  test("a text that fits stays one line; a word wider than the line keeps a line of its own", () => {
    expect(splitText("Win the trial.", 200)).toEqual(["Win the trial."]);
    expect(splitText("a Supercalifragilistic b", 30)).toEqual(["a", "Supercalifragilistic", "b"]);
  });
});

describe("fitLinesUnder", () => {
  const block = (after: [string, string][], area?: "data"): ReportBlock => ({ id: "t", title: "T", header: ["A", "B"], rows: [], after, ...(area ? { area } : {}) });

  test("continuation lines carry an empty label, the room is columns B–H less the padding", () => {
    const widths = [80, 50, 50, 50, 50, 50, 50, 50]; // B–H: 7 × 50 = 350, less 10 of padding = 340 pt
    const long = "word ".repeat(120).trim(); // 120 words of 4 characters: 600 characters
    const [out] = fitLinesUnder([block([["What to do: Key", long]])], widths, REPORT_COLUMNS);
    const after = out.after!;
    expect(after[0][0]).toBe("What to do: Key");
    expect(after.slice(1).every(([label]) => label === "")).toBe(true);
    for (const [, t] of after) expect(textWidth(t)).toBeLessThanOrEqual(340);
    // "word " is 5 × 5.8 = 29 pt: 11 words (318.4 pt without the last space) fit in 340, 12 (347.4) do not.
    expect(after[0][1]).toBe("word ".repeat(11).trim());
    expect(after.length).toBe(Math.ceil(120 / 11));
  });

  test("the chart data area is left as it is", () => {
    const data = block([["x", "word ".repeat(200)]], "data");
    expect(fitLinesUnder([data], [10, 10], REPORT_COLUMNS)[0]).toBe(data);
  });
});
