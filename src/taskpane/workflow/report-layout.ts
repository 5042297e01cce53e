/**
 * The report's column widths (docs/output.md §3): each column as wide as its widest cell as the
 * number format shows it, headers counted by their longest word since they wrap; titles, notes and
 * run-on texts are left out, as they run on over the empty cells to their right. Widths are
 * estimated in points from the characters (Calibri 11: about 6 pt a Latin character, 11 pt a
 * Chinese one), so the plan stays pure. O(cells).
 */
import type { Cell, ReportBlock, ReportKpi } from "../../excel/plan";

const MIN = 44;
const MAX = 120;
const PAD = 10;

/** Estimated width in points of a text in Calibri 11 (bold a little wider). */
export function textWidth(s: string, bold = false): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x2e80 ? 11 : /[A-Z%@#mwMW]/.test(ch) ? 7.2 : 5.8;
  return bold ? w * 1.08 : w;
}

/** The text a number format shows (the formats the report writes). */
export function shown(v: Cell, format: string): string {
  if (typeof v !== "number") return String(v);
  const percent = /%/.test(format);
  const decimals = /\.(0+)/.exec(format.split(";")[0])?.[1].length ?? (format === "General" || format === "" ? 2 : 0);
  if (/yyyy/.test(format)) return "0000-00-00";
  const x = percent ? Math.abs(v) * 100 : v;
  const text = x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: format.includes(",") });
  return percent ? `${text}%` : text;
}

/**
 * A header that wraps: as wide as its longest word, and no narrower than a third of it; Chinese
 * breaks between any two characters, so a Chinese run counts for a third of its width.
 */
function headerWidth(h: string): number {
  const words = h.split(/\s+/).filter((w) => w !== "");
  return Math.max(0, ...words.map((w) => textWidth(w, true) / (/[\u2e80-\uffff]/.test(w) ? 3 : 1)), textWidth(h, true) / 3);
}

/** Widths in points of the report's columns, column A first. */
export function columnWidths(blocks: readonly ReportBlock[], kpis: readonly ReportKpi[] = []): number[] {
  const widths: number[] = [];
  const fit = (c: number, w: number) => (widths[c] = Math.max(widths[c] ?? MIN, Math.min(MAX, Math.ceil(w + PAD))));
  kpis.forEach((k, c) => {
    fit(c, headerWidth(k.label));
    fit(c, textWidth(shown(k.value, k.format), true) * 1.3); // the values are bigger (14 pt)
  });
  for (const b of blocks) {
    b.header.forEach((h, c) => fit(c, headerWidth(h)));
    b.rows.forEach((row, i) =>
      row.forEach((v, c) => {
        if (c === b.runOnColumn) return;
        const format = b.cellFormats?.[i]?.[c] || b.formats?.[c] || "General";
        fit(c, textWidth(shown(v, format), b.totalRow === true && i === b.rows.length - 1));
      }),
    );
  }
  return widths.map((w) => w ?? MIN);
}

/**
 * A text cut into lines no wider than `width` points: between words, and between any two Chinese
 * characters (as Excel wraps them) but never before closing punctuation. A word wider than a line
 * keeps a line of its own.
 */
export function splitText(text: string, width: number): string[] {
  // A Chinese character keeps the closing punctuation after it: no line starts with "。" or "，".
  const tokens = text.match(/[\u2e80-\uffff][。，、；：！？）」』】》”’]*|[^\s\u2e80-\uffff]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const tok of tokens) {
    if (line !== "" && textWidth((line + tok).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [""];
}

/**
 * The lines under a table (label in column A, text from B on) cut so that each text fits columns
 * B to the last report column at the planned widths: a text that ran on to the right would slip
 * under the chart beside the table. Continuation lines have an empty label.
 */
export function fitLinesUnder(blocks: readonly ReportBlock[], widths: readonly number[], columns: number): ReportBlock[] {
  let room = 0;
  for (let c = 1; c < columns; c++) room += widths[c] ?? MIN;
  room -= PAD;
  return blocks.map((b) =>
    b.after && b.area !== "data" ? { ...b, after: b.after.flatMap(([label, text]) => splitText(text, room).map((t, i): [string, string] => [i === 0 ? label : "", t])) } : b,
  );
}
