/**
 * A native chart the add-in created, drawn as SVG from what the fake workbook recorded: its type,
 * source range (first row series names, first column categories or x values, series by
 * columns; or one column whose categories were set with setXAxisValues), title, added series,
 * cleared fills, data labels, gap width, axis maxima and titles, and legend.
 * Colours are Office's default theme accents in series order, as Excel assigns them. Types the
 * add-in does not use throw.
 */
import type { CellValue, ChartRecord } from "../../fakes/workbook";
import { formatValue } from "./number-format";

const ACCENTS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];
const INK = "#595959";
const GRID = "#D9D9D9";
const FONT = "'Liberation Sans', 'Noto Sans CJK SC', sans-serif";

/** Values and number formats of a range on the chart's sheet. */
export type ReadRange = (address: string) => { values: CellValue[][]; formats: string[][] };

interface Series {
  name: string;
  values: number[];
  /** Scatter: x values. */
  xs: number[];
  format: string;
  hidden: boolean;
  labels: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (v: CellValue) => (typeof v === "number" ? v : 0);

function text(x: number, y: number, s: string, attrs = ""): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`;
}

/** Excel-like automatic scale: 0 to a round maximum in about five steps. */
function scale(max: number, fixedMax: number | null): { max: number; step: number } {
  if (fixedMax !== null) return { max: fixedMax, step: fixedMax / 5 };
  const raw = Math.max(max * 1.05, 1e-9) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) as number;
  return { max: Math.ceil((max * 1.05) / step) * step, step };
}

function ticks(s: { max: number; step: number }): number[] {
  const n = Math.round(s.max / s.step);
  return Array.from({ length: n + 1 }, (_, i) => i * s.step);
}

/** The chart's data: series by columns of the source, plus series added one by one. */
function data(rec: ChartRecord, read: ReadRange): { categories: string[]; series: Series[] } {
  if (rec.seriesBy !== "Columns") throw new Error(`chart ${rec.name}: series by ${rec.seriesBy} is not drawn`);
  const { values, formats } = read(rec.source);
  if (rec.firstSeriesX) {
    // One column (its header the series' name), its categories or x values from another range.
    const x = read(rec.firstSeriesX);
    const first: Series = { name: String(values[0][0]), values: values.slice(1).map((r) => num(r[0])), xs: x.values.map((r) => num(r[0])), format: formats[1]?.[0] ?? "General", hidden: false, labels: false };
    const series = [first, ...rec.seriesAdded.map((a) => added(a, read))];
    return { categories: x.values.map((r, i) => formatValue(r[0], x.formats[i][0])), series };
  }
  const body = values.slice(1);
  const categories = body.map((r, i) => formatValue(r[0], formats[i + 1][0]));
  const series: Series[] = values[0].slice(1).map((name, k) => ({
    name: String(name),
    values: body.map((r) => num(r[k + 1])),
    xs: body.map((r) => num(r[0])),
    format: formats[1]?.[k + 1] ?? "General",
    hidden: rec.clearedSeries.includes(k) && rec.seriesFormat[k]?.line === "None",
    labels: rec.seriesFormat[k]?.dataLabels === true,
  }));
  for (const a of rec.seriesAdded) series.push(added(a, read));
  return { categories, series };
}

function added(a: ChartRecord["seriesAdded"][number], read: ReadRange): Series {
  const x = read(a.x), y = read(a.y);
  return { name: a.name, values: y.values.map((r) => num(r[0])), xs: x.values.map((r) => num(r[0])), format: y.formats[0][0], hidden: false, labels: false };
}

/** The chart as an SVG document of `width` × `height` pixels. */
export function chartSvg(rec: ChartRecord, read: ReadRange, width: number, height: number, measure: (s: string) => number): string {
  const { categories, series } = data(rec, read);
  const legend = rec.legendVisible !== false;
  if (legend && rec.legendPosition !== null && rec.legendPosition !== "Bottom") throw new Error(`chart ${rec.name}: legend at ${rec.legendPosition} is not drawn`);
  const parts: string[] = [];
  const title = rec.title;
  if (title) parts.push(text(width / 2, 26, title, `text-anchor="middle" font-size="18" fill="${INK}" data-role="title"`));
  const shown = series.filter((s) => !s.hidden);
  let bottom = height - 12;
  if (legend) {
    // At the bottom, where the add-in puts it (and Excel's default for a new chart).
    const items = shown.map((s) => ({ s, w: 26 + measure(s.name) }));
    const total = items.reduce((a, b) => a + b.w + 14, -14);
    let x = (width - total) / 2;
    for (const { s, w } of items) {
      const colour = ACCENTS[series.indexOf(s) % ACCENTS.length];
      parts.push(`<line x1="${x}" y1="${height - 16}" x2="${x + 20}" y2="${height - 16}" stroke="${colour}" stroke-width="2.5"/>`);
      parts.push(text(x + 24, height - 12, s.name, `font-size="12" fill="${INK}" data-role="legend"`));
      x += w + 14;
    }
    bottom = height - 34;
  }
  const top = title ? 44 : 14;
  // Axis titles: the horizontal axis's under its labels, the vertical axis's turned along the left
  // edge. A bar chart (Bar*) lays its categories out vertically, as Excel does, so there the
  // category axis's title is the one on the left and the value axis's the one at the bottom.
  const bars = rec.type.startsWith("Bar");
  const horizontalTitle = bars ? rec.axisTitles?.value : rec.axisTitles?.category;
  const verticalTitle = bars ? rec.axisTitles?.category : rec.axisTitles?.value;
  let left = 0;
  if (horizontalTitle) {
    parts.push(text(width / 2, bottom - 2, horizontalTitle, `font-size="12" fill="${INK}" text-anchor="middle" data-role="axis-title"`));
    bottom -= 20;
  }
  if (verticalTitle) {
    const y = (top + bottom) / 2;
    parts.push(text(16, y, verticalTitle, `font-size="12" fill="${INK}" text-anchor="middle" transform="rotate(-90 16 ${y})" data-role="axis-title"`));
    left = 22;
  }
  const box = { top, bottom, width, left };
  if (rec.type === "ColumnClustered") parts.push(columns(categories, shown, box, measure));
  else if (rec.type === "LineMarkers") parts.push(lines(categories, shown, box, measure));
  else if (rec.type === "BarStacked") parts.push(stackedBars(categories, series, box, measure, rec.seriesFormat[1]?.gapWidth ?? 150));
  else if (rec.type === "XYScatterLinesNoMarkers") parts.push(scatterLines(series, box, measure, rec.axisMaximum));
  else throw new Error(`chart ${rec.name}: type ${rec.type} is not drawn`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT}">${parts.join("")}</svg>`;
}

interface Box {
  top: number;
  bottom: number;
  width: number;
  /** Room kept at the left for the value axis's title. */
  left: number;
}

/** Category labels under a band each; turned 45° when they do not fit their band. */
function categoryLabels(categories: string[], left: number, band: number, y: number, measure: (s: string) => number): { svg: string; height: number } {
  const widest = Math.max(0, ...categories.map(measure));
  const turn = widest > band - 4;
  const svg = categories
    .map((c, i) => {
      const x = left + band * (i + 0.5);
      return turn ? text(x, y + 12, c, `font-size="12" fill="${INK}" text-anchor="end" transform="rotate(-45 ${x} ${y + 8})"`) : text(x, y + 16, c, `font-size="12" fill="${INK}" text-anchor="middle"`);
    })
    .join("");
  return { svg, height: turn ? widest * 0.71 + 16 : 22 };
}

function columns(categories: string[], series: Series[], box: Box, measure: (s: string) => number): string {
  const s = scale(Math.max(0, ...series.flatMap((x) => x.values)), null);
  const axisLabels = ticks(s).map((t) => formatValue(t, series[0].format));
  const left = box.left + 16 + Math.max(...axisLabels.map(measure));
  const right = box.width - 16;
  const band = (right - left) / categories.length;
  const labels = categoryLabels(categories, left, band, 0, measure);
  const base = box.bottom - labels.height;
  const y = (v: number) => base - ((base - box.top) * v) / s.max;
  const out = ticks(s).map((t, i) => `<line x1="${left}" x2="${right}" y1="${y(t)}" y2="${y(t)}" stroke="${GRID}"/>` + text(left - 6, y(t) + 4, axisLabels[i], `font-size="12" fill="${INK}" text-anchor="end"`));
  // Gap width 219 % (Excel's default for a clustered column chart): the bars fill band / 3.19.
  const bar = band / (series.length + 2.19);
  series.forEach((ser, k) =>
    ser.values.forEach((v, i) => {
      const x = left + band * i + (band - bar * series.length) / 2 + bar * k;
      out.push(`<rect data-role="point" x="${x}" y="${y(v)}" width="${bar}" height="${base - y(v)}" fill="${ACCENTS[k % ACCENTS.length]}"/>`);
    }),
  );
  out.push(`<line x1="${left}" x2="${right}" y1="${base}" y2="${base}" stroke="${GRID}"/>`);
  out.push(`<g transform="translate(0 ${base})">${labels.svg}</g>`);
  return out.join("");
}

/** Lines with markers over categories, one point per category at its band's middle, as Excel's line chart. */
function lines(categories: string[], series: Series[], box: Box, measure: (s: string) => number): string {
  const s = scale(Math.max(0, ...series.flatMap((x) => x.values)), null);
  const axisLabels = ticks(s).map((t) => formatValue(t, series[0].format));
  const left = box.left + 16 + Math.max(...axisLabels.map(measure));
  const right = box.width - 16;
  const band = (right - left) / categories.length;
  const labels = categoryLabels(categories, left, band, 0, measure);
  const base = box.bottom - labels.height;
  const y = (v: number) => base - ((base - box.top) * v) / s.max;
  const out = ticks(s).map((t, i) => `<line x1="${left}" x2="${right}" y1="${y(t)}" y2="${y(t)}" stroke="${GRID}"/>` + text(left - 6, y(t) + 4, axisLabels[i], `font-size="12" fill="${INK}" text-anchor="end"`));
  series.forEach((ser, k) => {
    const colour = ACCENTS[k % ACCENTS.length];
    const at = ser.values.map((v, i) => [left + band * (i + 0.5), y(v)]);
    out.push(`<path data-role="series" d="${at.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)} ${py.toFixed(1)}`).join("")}" fill="none" stroke="${colour}" stroke-width="2.25"/>`);
    for (const [px, py] of at) out.push(`<circle data-role="point" cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${colour}"/>`);
  });
  out.push(`<line x1="${left}" x2="${right}" y1="${base}" y2="${base}" stroke="${GRID}"/>`);
  out.push(`<g transform="translate(0 ${base})">${labels.svg}</g>`);
  return out.join("");
}

/**
 * Horizontal stacked bars, first category at the bottom as Excel draws a bar chart; negative values
 * stack to the left of zero (the report's pyramid: customers left, value right), the axis then
 * symmetric about zero, its labels in the first series' format.
 */
function stackedBars(categories: string[], series: Series[], box: Box, measure: (s: string) => number, gapWidth: number): string {
  const pos = categories.map((_, i) => series.reduce((a, s) => a + Math.max(0, s.values[i]), 0));
  const neg = categories.map((_, i) => series.reduce((a, s) => a + Math.max(0, -s.values[i]), 0));
  const both = Math.max(0, ...neg) > 0;
  const s = scale(Math.max(0, ...pos, ...(both ? neg : [])), null);
  const lo = both ? -s.max : 0;
  const left = box.left + 16 + Math.max(...categories.map(measure));
  const right = box.width - 24;
  const base = box.bottom - 22;
  const band = (base - box.top) / categories.length;
  const bar = band / (1 + gapWidth / 100);
  const x = (v: number) => left + ((right - left) * (v - lo)) / (s.max - lo);
  const tickValues = [...(both ? ticks(s).slice(1).reverse().map((t) => -t) : []), ...ticks(s)];
  const out = tickValues.map((t) => `<line x1="${x(t)}" x2="${x(t)}" y1="${box.top}" y2="${base}" stroke="${GRID}"/>` + text(x(t), base + 16, formatValue(t, series[0].format), `font-size="12" fill="${INK}" text-anchor="middle"`));
  categories.forEach((c, i) => {
    const yMid = base - band * (i + 0.5);
    out.push(text(left - 6, yMid + 4, c, `font-size="12" fill="${INK}" text-anchor="end"`));
    let up = 0;
    let down = 0;
    series.forEach((ser, k) => {
      const v = ser.values[i];
      const from = v >= 0 ? up : down;
      const to = from + v;
      if (v >= 0) up = to;
      else down = to;
      if (ser.hidden) return;
      const [a, b] = [Math.min(x(from), x(to)), Math.max(x(from), x(to))];
      out.push(`<rect data-role="point" x="${a}" y="${yMid - bar / 2}" width="${b - a}" height="${bar}" fill="${ACCENTS[k % ACCENTS.length]}"/>`);
      if (ser.labels) out.push(text((a + b) / 2, yMid + 4, formatValue(v, ser.format), `font-size="12" fill="#404040" text-anchor="middle" data-role="label"`));
    });
  });
  out.push(`<line x1="${x(0)}" x2="${x(0)}" y1="${box.top}" y2="${base}" stroke="${GRID}"/>`);
  return out.join("");
}

function scatterLines(series: Series[], box: Box, measure: (s: string) => number, maxima: ChartRecord["axisMaximum"]): string {
  const sx = scale(Math.max(...series.flatMap((s) => s.xs)), maxima.category);
  const sy = scale(Math.max(...series.flatMap((s) => s.values)), maxima.value);
  const yLabels = ticks(sy).map((t) => formatValue(t, series[0].format));
  const left = box.left + 16 + Math.max(...yLabels.map(measure));
  const right = box.width - 24;
  const base = box.bottom - 22;
  const x = (v: number) => left + ((right - left) * v) / sx.max;
  const y = (v: number) => base - ((base - box.top) * v) / sy.max;
  const out = ticks(sy).map((t, i) => `<line x1="${left}" x2="${right}" y1="${y(t)}" y2="${y(t)}" stroke="${GRID}"/>` + text(left - 6, y(t) + 4, yLabels[i], `font-size="12" fill="${INK}" text-anchor="end"`));
  for (const t of ticks(sx)) out.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${box.top}" y2="${base}" stroke="${GRID}"/>` + text(x(t), base + 16, formatValue(t, series[0].format), `font-size="12" fill="${INK}" text-anchor="middle"`));
  series.forEach((ser, k) => {
    const d = ser.xs.map((xv, i) => `${i ? "L" : "M"}${x(xv).toFixed(1)} ${y(ser.values[i]).toFixed(1)}`).join("");
    out.push(`<path data-role="series" d="${d}" fill="none" stroke="${ACCENTS[k % ACCENTS.length]}" stroke-width="2.25"/>`);
  });
  return out.join("");
}
