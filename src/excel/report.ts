/** The report sheet: lines, the per-tier and per-stage blocks down column A, charts to the right. */
import { addChart, type Placed, type WrittenChart } from "./charts";
import { columnLetter } from "./names";
import type { Cell, OutputPlan, ReportBlock } from "./plan";

/** The report: lines, titled blocks down column A, charts to the right. Returns the charts. */
export function writeReport(sheet: Excel.Worksheet, plan: OutputPlan, sheetName: string): WrittenChart[] {
  const rep = plan.report;
  let row = 0;
  const width = Math.max(1, ...rep.lines.map((l) => l.length));
  if (rep.lines.length > 0) {
    const lines = rep.lines.map((l) => pad(l, width));
    sheet.getRangeByIndexes(0, 0, lines.length, width).values = lines;
    sheet.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
    sheet.getRangeByIndexes(0, 0, 1, 1).format.font.size = 14;
    row = lines.length + 1;
  }
  const placed = new Map<string, Placed>();
  for (const block of rep.blocks) {
    placed.set(block.id, writeBlock(sheet, block, row));
    row += block.rows.length + 3;
  }
  sheet.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 160;
  const chartLeft = columnLetter(Math.max(8, ...rep.blocks.map((b) => b.header.length + 1)));
  const chartRight = columnLetter(Math.max(8, ...rep.blocks.map((b) => b.header.length + 1)) + 7);
  return rep.charts.map((c, i) => {
    addChart(sheet, c, placed, `${chartLeft}${2 + i * 20}`, `${chartRight}${19 + i * 20}`);
    return { name: c.name, title: c.title, sheet: sheetName };
  });
}

function pad(row: readonly Cell[], width: number): Cell[] {
  const out = row.slice();
  while (out.length < width) out.push("");
  return out;
}

function writeBlock(sheet: Excel.Worksheet, block: ReportBlock, row: number): Placed {
  const cols = block.header.length;
  const title = sheet.getRangeByIndexes(row, 0, 1, 1);
  title.values = [[block.title]];
  title.format.font.bold = true;
  const head = sheet.getRangeByIndexes(row + 1, 0, 1, cols);
  head.values = [block.header];
  head.format.font.bold = true;
  head.format.fill.color = "#DDEBF7";
  if (block.rows.length > 0) {
    const body = sheet.getRangeByIndexes(row + 2, 0, block.rows.length, cols);
    const formats = block.formats;
    if (formats) body.numberFormat = block.rows.map(() => formats.map((f) => f || "General"));
    body.values = block.rows.map((r) => pad(r, cols));
    for (const c of block.wrapColumns ?? []) {
      const wrap = sheet.getRangeByIndexes(row + 2, c, block.rows.length, 1);
      wrap.format.wrapText = true;
      wrap.format.columnWidth = 320;
    }
  }
  return { name: block.header[1] ?? block.title, row: row + 1, col: 0, rows: block.rows.length, cols };
}
