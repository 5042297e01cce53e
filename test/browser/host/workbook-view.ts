/**
 * The workbook as an Excel user would see it, drawn in the browser from what the add-in wrote into
 * the fake workbook (test/fakes/workbook.ts): a grid with column letters and row numbers, values
 * shown under their number formats (./number-format.ts), fonts, fills, wrapping, column widths
 * and autofits, the table style's header, the conditional formats (tier fills, data bar), frozen
 * rows, the native charts at their recorded cells (./workbook-chart.ts), and the sheet tabs with
 * the shown sheet active. Excel's rules it follows: numbers too wide for their column show as
 * ####, text runs on over empty cells to its right and is cut at a filled one, a fill hides the
 * gridlines. It is a faithful drawing of the recorded state, not a copy of Excel's pixels: Liberation
 * Sans stands in for Calibri (at 13 px for 11 pt, as Calibri is narrower).
 *
 * For the README's screenshots; the browser test asserts on the drawn cells so the picture cannot
 * drift from what the add-in writes.
 */
import { letters, parseA1, type CellStyle, type CellValue, type ChartRecord, type ConditionalFormatRecord, type FakeSheet, type TableRecord } from "../../fakes/workbook";
import { alignment, formatValue } from "./number-format";
import { chartSvg } from "./workbook-chart";

export type SheetState = Pick<FakeSheet, "name" | "cells" | "formats" | "styles" | "columnWidths" | "autofit" | "frozenRows">;

/** What the view draws: the fake workbook's sheets and records, as plain data. */
export interface WorkbookState {
  sheets: SheetState[];
  tables: TableRecord[];
  charts: ChartRecord[];
  conditionalFormats: ConditionalFormatRecord[];
  /** The sheet Excel shows: the one activated last. */
  active: string;
}

const FONT = "'Liberation Sans', 'Noto Sans CJK SC', sans-serif";
const PX_PER_PT = 13 / 11;
const DEFAULT_WIDTH = 64; // Excel's 8.43 characters
const ROW_HEIGHT = 20; // 15 pt
const HEADER_WIDTH = 44;
/** Table styles the add-in uses: header fill and font colour. */
const TABLE_STYLES: Record<string, { fill: string; color: string }> = { TableStyleLight9: { fill: "#4472C4", color: "#FFFFFF" } };

interface Look {
  value: CellValue | null;
  format: string;
  style: CellStyle;
  /** Data bar: share of the cell's width and colour. */
  bar?: { share: number; color: string };
  filterButton?: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const canvas = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
function measure(s: string, style: CellStyle = {}): number {
  canvas.font = `${style.bold ? "bold " : ""}${(style.size ?? 11) * PX_PER_PT}px ${FONT}`;
  return canvas.measureText(s).width;
}

/** Per-cell looks: value, format, style, then the table style and the conditional formats over it. */
function looks(state: WorkbookState, sheet: SheetState): Look[][] {
  const grid: Look[][] = Array.from(sheet.cells, (row, r) =>
    Array.from(row ?? [], (v, c) => ({ value: v ?? null, format: sheet.formats[r]?.[c] ?? "General", style: { ...sheet.styles[r]?.[c] } })),
  );
  const at = (r: number, c: number): Look => ((grid[r] ??= [])[c] ??= { value: null, format: "General", style: {} });
  for (const t of state.tables.filter((x) => x.sheet === sheet.name)) {
    const look = t.style ? TABLE_STYLES[t.style] : undefined;
    if (t.style && !look) throw new Error(`the workbook view does not know the table style ${t.style}`);
    const a = parseA1(t.address);
    for (let c = a.col; c < a.col + a.cols; c++) Object.assign(at(a.row, c), { filterButton: true }, look && { style: { ...at(a.row, c).style, fill: look.fill, color: look.color, bold: true } });
  }
  for (const f of state.conditionalFormats.filter((x) => x.sheet === sheet.name)) {
    const a = parseA1(f.address);
    if (f.type === "Custom") {
      // The add-in's rules are "=$K2=1": a column, the range's first row, a constant.
      const m = /^=\$([A-Z]+)(\d+)=(.+)$/.exec(f.formula ?? "");
      if (!m || Number(m[2]) !== a.row + 1) throw new Error(`the workbook view does not evaluate ${f.formula}`);
      const col = parseA1(`${m[1]}1`).col;
      const want = Number.isNaN(Number(m[3])) ? m[3] : Number(m[3]);
      for (let r = a.row; r < a.row + a.rows; r++) {
        if (grid[r]?.[col]?.value !== want) continue;
        for (let c = a.col; c < a.col + a.cols; c++) at(r, c).style.fill = f.fill ?? undefined;
      }
    } else if (f.type === "DataBar") {
      // Automatic bounds: from min(0, lowest) to the highest value.
      const nums: number[] = [];
      for (let r = a.row; r < a.row + a.rows; r++) for (let c = a.col; c < a.col + a.cols; c++) if (typeof grid[r]?.[c]?.value === "number") nums.push(grid[r][c].value as number);
      const lo = Math.min(0, ...nums), hi = Math.max(...nums);
      for (let r = a.row; r < a.row + a.rows; r++) {
        for (let c = a.col; c < a.col + a.cols; c++) {
          const v = grid[r]?.[c]?.value;
          if (typeof v === "number" && hi > lo) at(r, c).bar = { share: (v - lo) / (hi - lo), color: f.barColor ?? "#638EC6" };
        }
      }
    } else if (f.type === "ColorScale") {
      if (!f.colorScale) throw new Error(`a colour scale at ${f.address} without criteria`);
      const nums: number[] = [];
      for (let r = a.row; r < a.row + a.rows; r++) for (let c = a.col; c < a.col + a.cols; c++) if (typeof grid[r]?.[c]?.value === "number") nums.push(grid[r][c].value as number);
      const stops = colorStops(f.colorScale, nums);
      for (let r = a.row; r < a.row + a.rows; r++) {
        for (let c = a.col; c < a.col + a.cols; c++) {
          const v = grid[r]?.[c]?.value;
          if (typeof v === "number") at(r, c).style.fill = scaleColor(stops, v);
        }
      }
    } else throw new Error(`the workbook view does not draw ${f.type} conditional formats`);
  }
  return grid;
}

type Stop = { at: number; rgb: [number, number, number] };

/**
 * A colour scale's points as values of its range: the lowest and highest value, a number, a
 * percent of the way from lowest to highest, or a percentile (PERCENTILE.INC's interpolation).
 */
function colorStops(criteria: NonNullable<ConditionalFormatRecord["colorScale"]>, nums: number[]): Stop[] {
  const sorted = nums.slice().sort((x, y) => x - y);
  const lo = sorted[0] ?? 0, hi = sorted[sorted.length - 1] ?? 0;
  const value = (p: { type: string; formula: string | null }): number => {
    const q = Number(p.formula);
    if (p.type === "LowestValue") return lo;
    if (p.type === "HighestValue") return hi;
    if (p.type === "Number") return q;
    if (p.type === "Percent") return lo + ((hi - lo) * q) / 100;
    if (p.type === "Percentile") {
      const rank = (q / 100) * (sorted.length - 1);
      const k = Math.floor(rank);
      return sorted.length === 0 ? 0 : sorted[k] + (sorted[Math.min(k + 1, sorted.length - 1)] - sorted[k]) * (rank - k);
    }
    throw new Error(`the workbook view does not evaluate a ${p.type} colour-scale point`);
  };
  const rgbOf = (c: string): [number, number, number] => {
    if (!/^#[0-9A-Fa-f]{6}$/.test(c)) throw new Error(`the workbook view takes #RRGGBB colours, not ${c}`);
    const n = parseInt(c.slice(1), 16);
    return [n >> 16, (n >> 8) & 255, n & 255];
  };
  return [criteria.minimum, criteria.midpoint, criteria.maximum].filter((p) => p !== undefined).map((p) => ({ at: value(p!), rgb: rgbOf(p!.color) }));
}

/** The colour of `v` between the stops (clamped at the ends), interpolated in RGB as Excel does. */
function scaleColor(stops: Stop[], v: number): string {
  let k = 0;
  while (k < stops.length - 2 && v > stops[k + 1].at) k++;
  const [a, b] = [stops[k], stops[k + 1]];
  const share = b.at > a.at ? Math.min(1, Math.max(0, (v - a.at) / (b.at - a.at))) : v >= b.at ? 1 : 0;
  const mix = a.rgb.map((c, i) => Math.round(c + (b.rgb[i] - c) * share));
  return `#${mix.map((c) => c.toString(16).padStart(2, "0")).join("")}`.toUpperCase();
}

/** A column's width in pixels: as set (points), autofitted to the whole column's shown text, or the default. */
function width(sheet: SheetState, grid: Look[][], c: number): number {
  const set = sheet.columnWidths[c];
  if (set !== null && set !== undefined) return (set * 4) / 3;
  if (!sheet.autofit[c]) return DEFAULT_WIDTH;
  let w = 0;
  for (const row of grid) {
    const l = row?.[c];
    if (l && l.value !== null && l.value !== "") w = Math.max(w, measure(formatValue(l.value, l.format), l.style) + (l.filterButton ? 18 : 0));
  }
  return w > 0 ? Math.ceil(w + 10) : DEFAULT_WIDTH;
}

/** The text a cell shows in a column `width` pixels wide: numbers that do not fit become ####. */
function shown(l: Look, width: number): string {
  const room = width - 7 - (l.filterButton ? 18 : 0);
  const text = formatValue(l.value, l.format, (s) => measure(s, l.style) <= room);
  if (typeof l.value !== "number" || measure(text, l.style) <= room) return text;
  return "#".repeat(Math.max(1, Math.floor(room / measure("#", l.style))));
}

function cellHtml(l: Look | undefined, next: Look | undefined, width: number, address: string): string {
  if (!l) return `<td data-cell="${address}"></td>`;
  const s = l.style;
  const css: string[] = [];
  if (s.bold) css.push("font-weight:bold");
  if (s.size) css.push(`font-size:${s.size * PX_PER_PT}px`);
  if (s.color) css.push(`color:${s.color}`);
  if (s.wrap) css.push("white-space:pre-wrap;overflow:hidden");
  const empty = (x: Look | undefined) => !x || x.value === null || x.value === "";
  // Text runs on over empty neighbours; a number never does.
  if (!s.wrap && (typeof l.value === "number" || !empty(next) || l.filterButton)) css.push("overflow:hidden");
  const backgrounds: string[] = [];
  if (l.bar) backgrounds.push(`linear-gradient(${l.bar.color},${l.bar.color}) 2px 2px / calc((100% - 4px) * ${l.bar.share.toFixed(4)}) calc(100% - 4px) no-repeat`);
  if (s.fill) backgrounds.push(s.fill);
  if (backgrounds.length) css.push(`background:${backgrounds.join(",")}`);
  if (s.fill) css.push(`border-color:${s.fill}`);
  css.push(`text-align:${alignment(l.value)}`);
  return `<td data-cell="${address}"${l.filterButton ? ` class="filter"` : ""} style="${css.join(";")}">${esc(shown(l, width))}</td>`;
}

const CSS = `
html,body{margin:0;height:100%;overflow:hidden;font:13px ${FONT};color:#000;background:#fff}
.excel{display:flex;flex-direction:column;height:100%}
.bar{display:flex;align-items:center;gap:8px;height:30px;padding:0 8px;border-bottom:1px solid #d4d4d4;background:#fff;flex:none}
.namebox{width:80px;height:22px;line-height:22px;border:1px solid #c6c6c6;padding:0 6px;box-sizing:border-box}
.fx{color:#777;font-style:italic;font-family:serif;padding:0 6px;border-right:1px solid #d4d4d4}
.formula{flex:1;white-space:nowrap;overflow:hidden}
.grid{flex:1;overflow:hidden;position:relative;background:#fff}
.sheet{position:relative;width:max-content}
table{border-collapse:separate;border-spacing:0;table-layout:fixed}
td,th{height:${ROW_HEIGHT - 1}px;padding:0 3px;vertical-align:bottom;border-right:1px solid #e1e1e1;border-bottom:1px solid #e1e1e1;white-space:pre;line-height:16px;box-sizing:border-box}
th{background:#f3f3f3;color:#444;font-weight:normal;text-align:center;border-color:#c6c6c6;position:sticky;z-index:3}
thead th{top:0}
tbody th{left:0;z-index:4}
thead th.corner{left:0;z-index:5}
tr.frozen td{position:sticky;top:${ROW_HEIGHT}px;z-index:2;background-color:#fff}
tr.frozen td,tr.frozen th{border-bottom:1.5px solid #9b9b9b}
td.active{outline:2px solid #217346;outline-offset:-2px}
.filter{position:relative;padding-right:21px}
.filter::after{content:"▾";position:absolute;right:2px;top:2px;width:15px;height:15px;line-height:14px;font-size:10px;text-align:center;color:#444;background:#fff;border:1px solid #bbb;box-sizing:border-box;font-weight:normal}
.chart{position:absolute;background:#fff;border:1px solid #d9d9d9;box-sizing:border-box;z-index:1}
.tabs{display:flex;align-items:stretch;height:30px;border-top:1px solid #d4d4d4;background:#f3f3f3;flex:none;padding-left:8px}
.nav{color:#999;padding:0 8px;line-height:30px}
.tab{padding:0 16px;line-height:28px;color:#444;border-right:1px solid #d4d4d4}
.tab.active{background:#fff;color:#217346;font-weight:bold;border-bottom:3px solid #217346;line-height:26px}
.add{padding:0 12px;line-height:30px;color:#666}
.status{height:22px;line-height:22px;background:#217346;color:#fff;padding:0 10px;font-size:12px;display:flex;justify-content:space-between;flex:none}
`;

/**
 * Draws the sheet `name` (default: the active one) into this document, scrolled as a user would:
 * `scrollTo` is the first cell shown (default A1), or "charts": right just far enough, by whole
 * columns, that the charts' right edge is in view.
 */
export async function drawWorkbook(state: WorkbookState, name = state.active, scrollTo = "A1"): Promise<void> {
  await document.fonts.ready;
  const sheet = state.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const grid = looks(state, sheet);
  const charts = state.charts.filter((c) => c.sheet === sheet.name);
  const ends = charts.map((c) => parseA1(c.position?.[1] ?? c.source));
  const usedCols = Math.max(1, ...grid.map((r) => r?.length ?? 0), ...ends.map((e) => e.col + 2));
  const usedRows = Math.max(grid.length, ...ends.map((e) => e.row + 2));
  const w = Array.from({ length: usedCols }, (_, c) => width(sheet, grid, c));
  const edge = (c: number) => w.slice(0, c).reduce((a, b) => a + b, 0);
  // Scrolled right: to the first column, or by whole columns until the charts' right edge is in view.
  const target = scrollTo === "charts" ? null : parseA1(scrollTo);
  const chartsRight = Math.max(0, ...ends.map((e) => edge(e.col + 1)));
  let left = target ? edge(target.col) : 0;
  for (let c = 0; !target && chartsRight + 12 - left > window.innerWidth - HEADER_WIDTH; c++) left = edge(c + 1);
  while (edge(w.length) < left + window.innerWidth) w.push(width(sheet, grid, w.length));
  const rows = Math.max(usedRows + 2, Math.ceil(window.innerHeight / ROW_HEIGHT));

  const head = `<tr><th class="corner" style="width:${HEADER_WIDTH}px"></th>${w.map((px, c) => `<th style="width:${px}px">${letters(c)}</th>`).join("")}</tr>`;
  const body: string[] = [];
  for (let r = 0; r < rows; r++) {
    const line = grid[r];
    const used = !!line?.some((l) => l && l.value !== null && l.value !== "");
    const cls = [used ? "used" : "", r < sheet.frozenRows ? "frozen" : ""].join(" ").trim();
    const cells = w.map((px, c) => cellHtml(line?.[c], line?.[c + 1], px, `${letters(c)}${r + 1}`)).join("");
    body.push(`<tr data-row="${r + 1}"${cls ? ` class="${cls}"` : ""}><th>${r + 1}</th>${cells}</tr>`);
  }
  const a1 = grid[0]?.[0];
  document.title = sheet.name;
  // The sheet names tell the language (the status bar's word).
  document.documentElement.lang = /[\u4e00-\u9fff]/.test(state.sheets.map((s) => s.name).join("")) ? "zh-CN" : "en-US";
  document.head.insertAdjacentHTML("beforeend", `<meta charset="utf-8"><style>${CSS}</style>`);
  document.body.innerHTML = `
    <div class="excel" data-testid="workbook">
      <div class="bar"><div class="namebox">A1</div><div class="fx">fx</div><div class="formula">${esc(a1 ? formatValue(a1.value, a1.format) : "")}</div></div>
      <div class="grid"><div class="sheet"><table style="width:${w.reduce((a, b) => a + b, HEADER_WIDTH)}px"><thead>${head}</thead><tbody>${body.join("")}</tbody></table></div></div>
      <div class="tabs"><span class="nav">◀ ▶</span>${state.sheets.map((s) => `<span class="tab${s === sheet ? " active" : ""}" data-testid="tab">${esc(s.name)}</span>`).join("")}<span class="add">⊕</span></div>
      <div class="status"><span>${document.documentElement.lang === "zh-CN" ? "就绪" : "Ready"}</span><span>100%</span></div>
    </div>`;
  document.querySelector('td[data-cell="A1"]')?.classList.add("active");

  // Charts cover their recorded cells, from the start cell's top-left to the end cell's bottom-right.
  const host = document.querySelector(".sheet") as HTMLElement;
  const origin = host.getBoundingClientRect();
  const read = (address: string) => {
    const a = parseA1(address);
    const rowsOf = <T>(f: (l: Look | undefined) => T) => Array.from({ length: a.rows }, (_, i) => Array.from({ length: a.cols }, (_, j) => f(grid[a.row + i]?.[a.col + j])));
    return { values: rowsOf((l) => l?.value ?? ""), formats: rowsOf((l) => l?.format ?? "General") };
  };
  for (const c of charts) {
    if (!c.position) throw new Error(`chart ${c.name} has no position`);
    const from = document.querySelector(`td[data-cell="${c.position[0]}"]`)!.getBoundingClientRect();
    const to = document.querySelector(`td[data-cell="${c.position[1]}"]`)!.getBoundingClientRect();
    const box = { left: from.left - origin.left, top: from.top - origin.top, width: to.right - from.left, height: to.bottom - from.top };
    const div = document.createElement("div");
    div.className = "chart";
    div.dataset.name = c.name;
    Object.assign(div.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    div.innerHTML = chartSvg(c, read, box.width - 2, box.height - 2, (s) => measure(s, { size: 12 / PX_PER_PT }));
    host.append(div);
  }
  const view = document.querySelector(".grid") as HTMLElement;
  view.scrollLeft = left;
  if (target) view.scrollTop = document.querySelector(`tr[data-row="${target.row + 1}"]`)!.getBoundingClientRect().top - origin.top - ROW_HEIGHT;
}
