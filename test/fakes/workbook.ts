/* eslint-disable @typescript-eslint/no-this-alias -- the fakes are object literals with accessors, whose own `this` is the literal; they reach the workbook as `wb`. */
/**
 * A fake Excel workbook for the excel layer's tests and the browser test's stand-in host.
 *
 * As in Office.js ("Application-specific API model", learn.microsoft.com: "Any methods that you
 * invoke or properties that you set or load on proxy objects are simply added to a queue of
 * pending commands. When you call the sync() method on the request context ... the queued commands
 * are dispatched to the Office application and run"), every call that changes the workbook — a
 * value, number format or style set on a range, a sheet, table, chart or conditional format added,
 * renamed or deleted, a select or activate — is queued on the request context and applied to the
 * workbook's state only at `context.sync()`; a property loaded with load() can be read only after
 * that sync (PropertyNotLoaded before). `run` behaves as Excel.run: the same page says "`run`
 * functions call `sync()` implicitly before they resolve their returned promise", and Office.js's
 * runtime (ClientRequestContext._runCommon) does so only when the batch's promise resolves — a batch
 * that rejects sends nothing more, so what it queued after its last sync never reaches the workbook.
 * `implicitSyncs` counts the runs that left commands for that implicit sync.
 *
 * Reads go through office-addin-mock (`OfficeMockObject`), which enforces Office.js's rule that a
 * property is loaded and synced before it is read; collections enforce the same by hand. Writes
 * land in a cell grid per sheet (with number formats, fonts, fills, wrapping, column widths and
 * autofits) and every sheet, table, conditional format and chart call is recorded, with the size
 * of each request, so tests can assert what was written, that no user cell was touched, the
 * number of syncs and that no request passed the 5 MB limit, and the browser test can draw the
 * workbook (test/browser/host/workbook-view.ts).
 */
import { OfficeMockObject } from "office-addin-mock";
import { pageLayoutProxy, type PageLayoutRecord } from "./page-layout";

export type CellValue = string | number | boolean;

export interface ChartRecord {
  sheet: string;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position: [string, string] | null;
  seriesAdded: { name: string; x: string; y: string }[];
  clearedSeries: number[];
  legendVisible: boolean | null;
  legendPosition: string | null;
  /** Axis maxima set by the code (null: Excel's automatic). */
  axisMaximum: { value: number | null; category: number | null };
  /** Per series index: what the code set on it. */
  seriesFormat: Record<number, { line?: string; gapWidth?: number; dataLabels?: boolean }>;
  /** The x values (categories) set on the chart's first series, by Series.setXAxisValues (ExcelApi 1.7). */
  firstSeriesX?: string;
  /** Axis titles set by the code (ChartAxisTitle.text, ExcelApi 1.1). */
  axisTitles?: { value?: string; category?: string };
  /** Tick label positions set by the code (ChartAxis.tickLabelPosition, ExcelApi 1.7). */
  tickLabels?: { value?: string; category?: string };
}

/** Cell formatting the code set (font, fill, wrap); absent fields are Excel's defaults. */
export interface CellStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  wrap?: boolean;
}

export interface ConditionalFormatRecord {
  sheet: string;
  address: string;
  type: string;
  formula: string | null;
  fill: string | null;
  barColor: string | null;
  /** ColorScale formats: the criteria, once a sync has applied them (absent before, and on other types). */
  colorScale?: ColorScaleCriteria;
}

/** A point of a colour scale as ColorScaleConditionalFormat.criteria takes it (ExcelApi 1.6). */
export interface ColorScaleCriterion {
  type: string;
  formula: string | null;
  color: string;
}

export interface ColorScaleCriteria {
  minimum: ColorScaleCriterion;
  midpoint?: ColorScaleCriterion;
  maximum: ColorScaleCriterion;
}

/** Excel.ConditionalFormatType (ExcelApi 1.6). */
const CONDITIONAL_FORMAT_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"];
/** Excel.ConditionalFormatColorCriterionType, without "Invalid" (ExcelApi 1.6). */
const COLOR_CRITERION_TYPES = ["LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"];

/**
 * What Excel refuses in a colour scale's criteria, with the error of the sync that sends them
 * (InvalidArgument): a missing minimum or maximum; a type outside ConditionalFormatColorCriterionType;
 * a colour that is not #RRGGBB or a colour name; a number, percent or percentile point without a
 * formula; a percent or percentile outside 0–100; fixed numbers out of order (minimum ≤ midpoint ≤
 * maximum, as Excel's own dialog requires). The message names the problem, for the tests.
 */
export function colorScaleProblem(c: Partial<ColorScaleCriteria> | undefined): string | null {
  if (!c || !c.minimum || !c.maximum) return "a colour scale needs a minimum and a maximum";
  const points = [c.minimum, c.midpoint, c.maximum].filter((p): p is ColorScaleCriterion => p !== undefined);
  for (const p of points) {
    if (!COLOR_CRITERION_TYPES.includes(p.type)) return `unknown criterion type ${String(p.type)}`;
    if (typeof p.color !== "string" || !/^(#[0-9A-Fa-f]{6}|[A-Za-z]+)$/.test(p.color)) return `invalid colour ${String(p.color)}`;
    const needsFormula = p.type !== "LowestValue" && p.type !== "HighestValue";
    if (needsFormula && (typeof p.formula !== "string" || p.formula.trim() === "")) return `a ${p.type} point needs a formula`;
    if ((p.type === "Percent" || p.type === "Percentile") && !(Number(p.formula) >= 0 && Number(p.formula) <= 100)) return `${p.type} ${String(p.formula)} is outside 0–100`;
    if (p.type === "Number" && !Number.isFinite(Number(p.formula))) return `${String(p.formula)} is not a number`;
  }
  const fixed = points.filter((p) => p.type === "Number").map((p) => Number(p.formula));
  for (let i = 1; i < fixed.length; i++) if (fixed[i] < fixed[i - 1]) return "the points of a colour scale must be in order";
  return null;
}

export interface TableRecord {
  name: string;
  sheet: string;
  /** The whole table: header row, data body and, when shown, the totals row. */
  address: string;
  style: string | null;
  /** Table.showTotals: the last row of `address` is the totals row. */
  showTotals?: boolean;
}

export interface FakeSheet {
  name: string;
  /** Worksheet.id, as Excel gives it (stable across renames). */
  id?: string;
  cells: CellValue[][];
  formats: string[][];
  protected: boolean;
  /** Created by the code under test (not the user's). */
  added: boolean;
  frozenRows: number;
  /** Formatting per cell, sparse like cells. */
  styles: CellStyle[][];
  /** Column widths set, in points, by column index (sparse). */
  columnWidths: number[];
  /** Columns autofitted (by column index, sparse). */
  autofit: boolean[];
  /** Rows hidden by the user or filtered out by a filter, by row index (sparse); Excel treats both alike. */
  hiddenRows?: boolean[];
  /** Worksheet.pageLayout as the code set it (./page-layout.ts); absent when nothing was set. */
  pageLayout?: PageLayoutRecord;
  /** Rows whose height was fitted to their text (Range.format.autofitRows), by row index (sparse). */
  autofitRows?: boolean[];
}

const LIMIT = 5 * 1024 * 1024;

/** The grid of a worksheet ("Excel specifications and limits"): 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** "Resource limits and performance optimization for Office Add-ins": a range is limited to 5,000,000 cells for read operations. */
export const READ_CELL_LIMIT = 5_000_000;

/** "A1:D20" → 0-based rectangle; whole columns ("A:D") and whole rows ("3:7") span the sheet as in Excel. */
export function parseA1(a1: string): { row: number; col: number; rows: number; cols: number } {
  const [a, b = a] = a1.replace(/\$/g, "").split(":");
  const col = (s: string) => {
    let c = 0;
    for (const ch of s.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return c - 1;
  };
  if (/^[A-Z]+$/i.test(a) && /^[A-Z]+$/i.test(b)) return { row: 0, col: col(a), rows: MAX_ROWS, cols: col(b) - col(a) + 1 };
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return { row: Number(a) - 1, col: 0, rows: Number(b) - Number(a) + 1, cols: MAX_COLUMNS };
  const p = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/i.exec(s);
    if (!m) throw new Error(`bad address ${s}`);
    return { r: Number(m[2]) - 1, c: col(m[1]) };
  };
  const x = p(a), y = p(b);
  return { row: x.r, col: x.c, rows: y.r - x.r + 1, cols: y.c - x.c + 1 };
}

/** Bytes of a string in UTF-8, as a response body counts them (a Chinese character is 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * An error as Office.js throws it at `context.sync()`: `code` is one of Excel.ErrorCodes ("Error
 * handling with the application-specific JavaScript APIs" lists ItemNotFound, InvalidArgument,
 * RangeExceedsLimit and, in Excel on the web only, RequestPayloadSizeLimitExceeded and
 * ResponsePayloadSizeLimitExceeded), `name` is "RichApi.Error".
 */
export function richApiError(code: string, message: string): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.name = "RichApi.Error";
  e.code = code;
  return e;
}

export function letters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function a1(row: number, col: number, rows: number, cols: number): string {
  const tl = `${letters(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? tl : `${tl}:${letters(col + cols - 1)}${row + rows}`;
}

function qualified(sheet: string, address: string): string {
  return `${/^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${address}`;
}

/** A loadable collection: `items` can be read only after load() and a sync. */
class Collection<T> {
  private state: "none" | "queued" | "loaded" = "none";
  constructor(
    private readonly wb: FakeWorkbook,
    private readonly list: () => T[],
  ) {}
  load(_props?: string): this {
    this.state = "queued";
    this.wb.onSync(() => (this.state = "loaded"));
    return this;
  }
  get items(): T[] {
    if (this.state !== "loaded") throw new Error("PropertyNotLoaded: items was read before load() and context.sync()");
    return this.list();
  }
}

// ---- the read side: ranges as Excel returns them ----------------------------------------------

/** Excel's date serial of a calendar day (1900 date system, days after 1900-03-01). */
function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

/** What en-US Excel makes of typed text: a number with the number format it picks, or null (text). */
function typedValue(t: string): { value: number; format?: string } | null {
  let m: RegExpExecArray | null;
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return { value: Number(t) };
  if ((m = /^([+-]?\d+(\.\d+)?)%$/.exec(t))) return { value: Number(m[1]) / 100, format: m[2] ? "0.00%" : "0%" };
  if ((m = /^(\$)?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.exec(t))) {
    const value = Number(`${m[2].replace(/,/g, "")}${m[4] ?? ""}`);
    return { value, format: `${m[1] ?? ""}#,##0${m[4] ? ".00" : ""}` };
  }
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) return { value: serial(+m[1], +m[2], +m[3]), format: "yyyy-mm-dd" };
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) return { value: serial(+m[3], +m[1], +m[2]), format: "m/d/yyyy" };
  return null;
}

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Excel's address of a rectangle: "A:D" for whole columns, "3:7" for whole rows, else "A1:D20". */
function rectAddress(r: Rect): string {
  if (r.row === 0 && r.rows === MAX_ROWS) return `${letters(r.col)}:${letters(r.col + r.cols - 1)}`;
  if (r.col === 0 && r.cols === MAX_COLUMNS) return `${r.row + 1}:${r.row + r.rows}`;
  return a1(r.row, r.col, r.rows, r.cols);
}

function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row), col = Math.max(a.col, b.col);
  const end = Math.min(a.row + a.rows, b.row + b.rows), endCol = Math.min(a.col + a.cols, b.col + b.cols);
  return end > row && endCol > col ? { row, col, rows: end - row, cols: endCol - col } : null;
}

/** What a loaded read proxy needs of the workbook. */
interface ReadHost {
  sheet(name: string): FakeSheet | undefined;
  blankValue: "" | null;
  queueRead(r: { resolve(): number }): void;
  /** Queues a call for the next sync (select, activate: they reach Excel only then). */
  onSync(f: () => void): void;
  calls: string[];
}

/**
 * A worksheet range for reading, as Office.js gives it: properties are readable only after load()
 * and a sync; a method that cannot work (an intersection that is empty, the used range of empty
 * cells, an item that is not there) fails at the next sync with Excel's error code, and its
 * *OrNullObject form gives a null object instead. Values are computed at the sync that loads them,
 * so whole-column ranges cost only what is read; the response is counted in UTF-8 bytes.
 * Blank cells come back as `host.blankValue` ("" as Range.values returns them; null to model hosts
 * and paths that hand blanks over as null).
 */
class FakeRange {
  private requested = new Set<string>();
  private loaded: Record<string, unknown> | undefined;
  constructor(
    private readonly host: ReadHost,
    readonly sheetName: string,
    /** null: a null object (…OrNullObject found nothing). */
    readonly rect: Rect | null,
    /** Set when the proxy cannot resolve: the error its sync throws. */
    private readonly failure?: () => Error,
    private readonly onSelect?: () => void,
  ) {}

  load(props?: string | string[]): this {
    for (const p of Array.isArray(props) ? props : (props ?? "address").split(",")) this.requested.add(p.trim());
    this.host.queueRead(this);
    return this;
  }

  /** At the sync: computes what was loaded; returns the response bytes. @throws the proxy's failure. */
  /** Throws the proxy's failure, if it has one (a batch that uses it fails). */
  check(): void {
    if (this.failure) throw this.failure();
  }

  resolve(): number {
    this.check();
    const out: Record<string, unknown> = { isNullObject: this.rect === null };
    const r = this.rect;
    if (r) {
      const cells = r.rows * r.cols;
      for (const p of this.requested) {
        if ((p === "values" || p === "numberFormat") && cells > READ_CELL_LIMIT) {
          throw richApiError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
        }
        if (p === "address") out.address = qualified(this.sheetName, rectAddress(r));
        else if (p === "rowCount") out.rowCount = r.rows;
        else if (p === "columnCount") out.columnCount = r.cols;
        else if (p === "rowIndex") out.rowIndex = r.row;
        else if (p === "columnIndex") out.columnIndex = r.col;
        else if (p === "values") out.values = this.grid((s, i, j) => {
          const v = s?.cells[i]?.[j];
          return v === undefined || v === "" ? this.host.blankValue : v;
        });
        else if (p === "numberFormat") out.numberFormat = this.grid((s, i, j) => s?.formats[i]?.[j] ?? "General");
        else if (p === "rowHidden") out.rowHidden = this.hiddenState(r);
        else if (p !== "isNullObject") throw new Error(`the fake workbook does not model Range.${p}`);
      }
    }
    this.loaded = out;
    let bytes = 0;
    for (const k of Object.keys(out)) bytes += utf8Length(JSON.stringify(out[k]) ?? "") + k.length + 4;
    return bytes;
  }

  private grid<T>(cell: (s: FakeSheet | undefined, row: number, col: number) => T): T[][] {
    const r = this.rect as Rect;
    const s = this.host.sheet(this.sheetName);
    const out: T[][] = new Array(r.rows);
    for (let i = 0; i < r.rows; i++) {
      const line: T[] = new Array(r.cols);
      for (let j = 0; j < r.cols; j++) line[j] = cell(s, r.row + i, r.col + j);
      out[i] = line;
    }
    return out;
  }

  /** Range.rowHidden: true when every row is hidden, false when none is, null when some are. */
  private hiddenState(r: Rect): boolean | null {
    const hidden = this.host.sheet(this.sheetName)?.hiddenRows;
    if (!hidden) return false;
    let n = 0;
    for (let i = 0; i < r.rows; i++) if (hidden[r.row + i]) n++;
    return n === 0 ? false : n === r.rows ? true : null;
  }

  private get(name: string): unknown {
    if (!this.loaded || (!this.requested.has(name) && name !== "isNullObject")) {
      throw new Error(`PropertyNotLoaded: ${name} was read before load() and context.sync()`);
    }
    if (this.rect === null && name !== "isNullObject") throw new Error(`InvalidOperation: ${name} of a null object`);
    return this.loaded[name];
  }
  get isNullObject(): boolean {
    return this.get("isNullObject") as boolean;
  }
  get address(): string {
    return this.get("address") as string;
  }
  get rowCount(): number {
    return this.get("rowCount") as number;
  }
  get columnCount(): number {
    return this.get("columnCount") as number;
  }
  get rowIndex(): number {
    return this.get("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.get("columnIndex") as number;
  }
  get values(): unknown[][] {
    return this.get("values") as unknown[][];
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat") as string[][];
  }
  get rowHidden(): boolean | null {
    return this.get("rowHidden") as boolean | null;
  }

  /** A range derived from this one; a failing or null parent makes a failing child (the batch fails at its sync). */
  private derive(f: (r: Rect) => Rect | null, what: string, orNull = false): FakeRange {
    if (this.failure) return new FakeRange(this.host, this.sheetName, null, this.failure);
    if (!this.rect) return new FakeRange(this.host, this.sheetName, null, () => richApiError("InvalidArgument", `${what} of a null object`));
    const next = f(this.rect);
    if (next && (next.rows < 1 || next.cols < 1 || next.row < 0 || next.col < 0 || next.row + next.rows > MAX_ROWS || next.col + next.cols > MAX_COLUMNS)) {
      return new FakeRange(this.host, this.sheetName, null, () => richApiError("InvalidArgument", `${what}: the range is outside the sheet`));
    }
    if (next || orNull) return new FakeRange(this.host, this.sheetName, next);
    return new FakeRange(this.host, this.sheetName, null, () => richApiError("ItemNotFound", `${what}: nothing found`));
  }

  getCell(row: number, col: number): FakeRange {
    return this.derive((r) => ({ row: r.row + row, col: r.col + col, rows: 1, cols: 1 }), "getCell");
  }
  getResizedRange(dr: number, dc: number): FakeRange {
    return this.derive((r) => ({ ...r, rows: r.rows + dr, cols: r.cols + dc }), "getResizedRange");
  }
  getOffsetRange(dr: number, dc: number): FakeRange {
    return this.derive((r) => ({ ...r, row: r.row + dr, col: r.col + dc }), "getOffsetRange");
  }
  getRow(i: number): FakeRange {
    return this.derive((r) => ({ ...r, row: r.row + i, rows: 1 }), "getRow");
  }
  getColumn(j: number): FakeRange {
    return this.derive((r) => ({ ...r, col: r.col + j, cols: 1 }), "getColumn");
  }
  getEntireRow(): FakeRange {
    return this.derive((r) => ({ ...r, col: 0, cols: MAX_COLUMNS }), "getEntireRow");
  }
  getEntireColumn(): FakeRange {
    return this.derive((r) => ({ ...r, row: 0, rows: MAX_ROWS }), "getEntireColumn");
  }
  getIntersection(other: FakeRange | string): FakeRange {
    return this.derive((r) => intersect(r, this.other(other)), "getIntersection");
  }
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return this.derive((r) => intersect(r, this.other(other)), "getIntersectionOrNullObject", true);
  }
  /** Range.getUsedRange(valuesOnly): the smallest range holding the cells with a value (or, without valuesOnly, a number format) within this one. */
  getUsedRange(valuesOnly = false): FakeRange {
    return this.derive((r) => this.used(r, valuesOnly), "getUsedRange");
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.derive((r) => this.used(r, valuesOnly), "getUsedRangeOrNullObject", true);
  }
  /** Range.getSpecialCells("Visible") (ExcelApi 1.9): the cells of rows that are neither hidden nor filtered out, as areas. */
  getSpecialCells(type: string): FakeAreas {
    return new FakeAreas(this.host, this, type, false);
  }
  getSpecialCellsOrNullObject(type: string): FakeAreas {
    return new FakeAreas(this.host, this, type, true);
  }
  get worksheet() {
    const sheetRange = new FakeRange(this.host, this.sheetName, { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS });
    return {
      name: this.sheetName,
      getUsedRange: (valuesOnly = false) => sheetRange.getUsedRange(valuesOnly),
      getUsedRangeOrNullObject: (valuesOnly = false) => sheetRange.getUsedRangeOrNullObject(valuesOnly),
      activate: () => this.host.onSync(() => this.host.calls.push(`activate ${this.sheetName}`)),
    };
  }
  select(): void {
    this.host.onSync(() => {
      this.check(); // a range that cannot resolve fails the sync
      if (this.onSelect) this.onSelect();
      else this.host.calls.push(`select ${this.sheetName}!${this.rect ? rectAddress(this.rect) : "?"}`);
    });
  }

  /** Geometry for the fake's own use (no load needed). */
  visibleRowRuns(): Rect[] {
    const r = this.rect as Rect;
    const hidden = this.host.sheet(this.sheetName)?.hiddenRows ?? [];
    const runs: Rect[] = [];
    let start = -1;
    for (let i = 0; i <= r.rows; i++) {
      const visible = i < r.rows && !hidden[r.row + i];
      if (visible && start < 0) start = i;
      if (!visible && start >= 0) {
        runs.push({ row: r.row + start, col: r.col, rows: i - start, cols: r.cols });
        start = -1;
      }
    }
    return runs;
  }

  private other(o: FakeRange | string): Rect {
    if (typeof o === "string") return parseA1(o.slice(o.lastIndexOf("!") + 1));
    if (!o.rect) throw new Error("the other range is a null object");
    return o.rect;
  }

  private used(r: Rect, valuesOnly: boolean): Rect | null {
    const s = this.host.sheet(this.sheetName);
    if (!s) return null;
    let top = Infinity, bottom = -1, left = Infinity, right = -1;
    const scan = (grid: unknown[][], blank: (v: unknown) => boolean) => {
      const last = Math.min(grid.length, r.row + r.rows);
      for (let i = r.row; i < last; i++) {
        const line = grid[i];
        if (!line) continue;
        const end = Math.min(line.length, r.col + r.cols);
        for (let j = r.col; j < end; j++) {
          if (blank(line[j])) continue;
          top = Math.min(top, i);
          bottom = Math.max(bottom, i);
          left = Math.min(left, j);
          right = Math.max(right, j);
        }
      }
    };
    scan(s.cells, (v) => v === undefined || v === "" || v === null);
    if (!valuesOnly) scan(s.formats, (v) => v === undefined || v === "General");
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }
}

/** Range.getSpecialCells' RangeAreas: its address lists each area, sheet-qualified, separated by commas. */
class FakeAreas {
  private loaded: { address: string; areaCount: number; isNullObject: boolean } | undefined;
  constructor(
    private readonly host: ReadHost,
    private readonly range: FakeRange,
    private readonly type: string,
    private readonly orNull: boolean,
  ) {}
  load(_props?: string): this {
    this.host.queueRead(this);
    return this;
  }
  resolve(): number {
    if (this.type !== "Visible") throw new Error(`the fake workbook does not model getSpecialCells("${this.type}")`);
    this.range.check(); // a failing source range fails the batch
    if (!this.range.rect) throw richApiError("InvalidArgument", "getSpecialCells of a null object");
    const runs = this.range.visibleRowRuns();
    if (runs.length === 0 && !this.orNull) throw richApiError("ItemNotFound", "No cells were found.");
    const address = runs.map((r) => qualified(this.range.sheetName, rectAddress(r))).join(",");
    this.loaded = { address, areaCount: runs.length, isNullObject: runs.length === 0 };
    return utf8Length(address) + 40;
  }
  private get<K extends "address" | "areaCount" | "isNullObject">(k: K) {
    if (!this.loaded) throw new Error(`PropertyNotLoaded: ${k} was read before load() and context.sync()`);
    if (this.loaded.isNullObject && k !== "isNullObject") throw new Error(`InvalidOperation: ${k} of a null object`);
    return this.loaded[k];
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get address(): string {
    return this.get("address");
  }
  get areaCount(): number {
    return this.get("areaCount");
  }
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: TableRecord[] = [];
  /** Defined names; `scope` is the sheet of a worksheet-level name (absent: the workbook's). */
  names: { name: string; sheet: string; address: string; scope?: string; comment?: string }[] = [];
  charts: ChartRecord[] = [];
  conditionalFormats: ConditionalFormatRecord[] = [];
  calls: string[] = [];
  selection = { sheet: "Sheet1", address: "A1" };
  private protectionMock!: OfficeMockObject;
  syncs = 0;
  /** Largest request (bytes of values and formats sent or received in one sync). */
  maxRequestBytes = 0;
  /** Largest response of a sync: what was loaded, in UTF-8 bytes. */
  maxResponseBytes = 0;
  /** Syncs refused with ResponsePayloadSizeLimitExceeded. */
  responseLimitErrors = 0;
  /** What a blank cell reads as: "" as Range.values returns it, or null (hosts and paths that hand blanks over as null). */
  blankValue: "" | null = "";
  /** Writes that landed on a sheet the code under test did not add. */
  userCellWrites = 0;
  /**
   * Excel's undo list, oldest first: steps a test puts there (the user's), then one per add-in request
   * that changed the workbook, or one per Excel.run with mergeUndoGroup. A call Excel cannot undo
   * (Worksheet.delete; Worksheet.name on Windows and Mac) clears it ("Undo support with the Excel
   * JavaScript API"); before ExcelApi 1.19 every add-in write does.
   */
  undo: string[] = [];
  /** The ExcelApi version this Excel supports: 1.20 brings Excel.run's mergeUndoGroup. */
  excelApi = "1.19";
  /** Office.context.requirements.isSetSupported for this Excel. */
  supports = (name: string, minVersion: string): boolean => name === "ExcelApi" && versionAtLeast(this.excelApi, minVersion);
  /** Runs Excel.run was asked to merge into one undo step. */
  mergedRuns = 0;
  /**
   * Runs whose batch resolved with commands still queued, which Excel.run's implicit sync sent. The
   * add-in syncs explicitly at the end of every batch, as "Application-specific API model" advises
   * ("a best practice to call sync() explicitly in the run function to handle any errors from the
   * batch"), so tests expect 0.
   */
  implicitSyncs = 0;
  private merging: { wrote: boolean } | undefined;
  private requestWrites = 0;
  private requestClearedUndo = false;
  private sheetIds = 0;
  /**
   * Makes sync number `sync` fail as a request does when one of its calls fails: of the request's
   * calls that change the workbook (loads, selects and the like do not fail), the one at position
   * ⌊at × their number⌋ fails with `error`; the calls queued before it were applied, the rest are
   * not run. A request with no such call fails as a whole.
   */
  failSync(sync: number, at: number, error: Error): void {
    this.failures.set(sync, { at, error });
  }
  private failures = new Map<number, { at: number; error: Error }>();
  /** Called at the start of every sync (tests use it to act "during" a run). */
  beforeSync: ((n: number) => void) | undefined;
  private pending: (() => void)[] = [];
  private mocks: OfficeMockObject[] = [];
  private pendingBytes = 0;
  private reads: { resolve(): number }[] = [];
  private selectionHandlers: ((a: unknown) => unknown)[] = [];
  readonly context: Excel.RequestContext;

  constructor() {
    // The root context and workbook are office-addin-mock objects; methods return fakes below.
    const wb = this;
    const root = new OfficeMockObject({
      workbook: {
        getSelectedRange: () => wb.sourceRange(wb.selection.sheet, wb.selection.address),
        onSelectionChanged: {
          add: (h: (a: unknown) => unknown) => {
            wb.selectionHandlers.push(h);
            return { context: { sync: async () => undefined }, remove: () => wb.selectionHandlers.splice(wb.selectionHandlers.indexOf(h), 1) };
          },
        },
      },
    });
    const context = root as unknown as Record<string, unknown> & { workbook: Record<string, unknown> };
    const workbook = context.workbook;
    workbook.worksheets = this.worksheetCollection();
    workbook.tables = Object.assign(new Collection(this, () => this.tables.map((t) => this.tableProxy(t))), {
      getItem: (name: string) => {
        const t = this.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
        if (!t) return this.failingItem(name);
        return this.tableProxy(t);
      },
    });
    workbook.names = Object.assign(
      new Collection(this, () => this.names.filter((n) => n.scope === undefined).map((n) => ({ name: n.name, type: "Range", formula: `=${qualified(n.sheet, n.address)}`, visible: true }))),
      {
        getItem: (name: string) => {
          const n = this.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
          if (!n) return this.failingItem(name);
          return {
            getRange: () => this.sourceRange(n.sheet, n.address),
            /** NamedItem.delete (ExcelApi 1.4): formulas that use the name keep its text (and show #NAME? until it is defined again). */
            delete: () => this.write(() => void (this.names = this.names.filter((x) => x !== n))),
          };
        },
        /**
         * NamedItemCollection.add(name, reference, comment) (ExcelApi 1.4), checked at the sync as
         * Excel does: a name starts with a letter, underscore or backslash, then letters, digits,
         * periods and underscores; not a cell reference ("CVA1"), not "R"/"C", at most 255
         * characters ("Names in formulas"); not a workbook-level name or table that exists, without
         * case — Excel answers InvalidArgument.
         */
        add: (name: string, reference: { fakeReference: () => { sheet: string; address: string } } | string, comment = "") =>
          this.write(() => {
            const lower = name.toLowerCase();
            const invalid = !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name) || name.length > 255;
            const taken = this.names.some((x) => x.scope === undefined && x.name.toLowerCase() === lower) || this.tables.some((t) => t.name.toLowerCase() === lower);
            if (invalid || taken) throw richApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
            const ref = typeof reference === "string" ? parseReference(reference) : reference.fakeReference();
            this.names.push({ name, sheet: ref.sheet, address: ref.address, ...(comment ? { comment } : {}) });
          }),
      },
    );
    const protection = new OfficeMockObject({ protected: false });
    workbook.protection = protection;
    this.protectionMock = protection;
    workbook.application = {
      suspendApiCalculationUntilNextSync: () => this.onSync(() => this.calls.push("suspendApiCalculationUntilNextSync")),
      suspendScreenUpdatingUntilNextSync: () => this.onSync(() => this.calls.push("suspendScreenUpdatingUntilNextSync")),
    };
    const mockSync = (root as unknown as { sync: () => Promise<void> }).sync.bind(root);
    context.sync = async () => {
      this.beforeSync?.(this.syncs + 1);
      this.syncs++;
      // The request is what was queued when sync() was called: taken now, so calls queued while it is
      // under way (by another run) go with the next one, and a request that fails is not sent again.
      const calls = this.pending.splice(0), reads = this.reads.splice(0), mocks = this.mocks.splice(0);
      let bytes = this.pendingBytes;
      this.pendingBytes = 0;
      await mockSync();
      await protection.sync();
      for (const m of mocks) await m.sync();
      // Reads: what was loaded, computed now; an item that is not there fails the whole batch.
      let response = 0;
      for (const r of reads) response += r.resolve();
      bytes += response;
      this.maxRequestBytes = Math.max(this.maxRequestBytes, bytes);
      // Excel on the web refuses a response over 5 MB, counted in UTF-8 ("Resource limits and performance optimization for Office Add-ins").
      if (response > LIMIT) {
        this.responseLimitErrors++;
        throw richApiError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit. Please refer to the documentation: \"https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins\".");
      }
      this.maxResponseBytes = Math.max(this.maxResponseBytes, response);
      bytes -= response;
      if (bytes > LIMIT) throw new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes in one request`);
      // failSync: the write call at its position fails, after the calls before it were applied.
      const failure = this.failures.get(this.syncs);
      const writes = calls.filter((f) => this.writeCalls.has(f)).length;
      const failAt = failure ? Math.min(writes - 1, Math.floor(writes * failure.at)) : -1;
      try {
        if (failure && writes === 0) throw failure.error;
        let w = 0;
        for (const f of calls) {
          if (this.writeCalls.has(f) && w++ === failAt) throw failure!.error;
          f();
        }
      } finally {
        this.endRequest();
      }
      await Promise.resolve();
    };
    this.context = context as unknown as Excel.RequestContext;
  }

  /** Protects the workbook's structure: no sheet can be added. */
  set workbookProtected(v: boolean) {
    this.isProtected = v;
    (this.protectionMock as unknown as { setValue(n: string, v: unknown): void }).setValue("protected", v);
  }
  get workbookProtected(): boolean {
    return this.isProtected;
  }
  private isProtected = false;

  /**
   * Runs a batch the way Excel.run does, on this workbook; `mergeUndoGroup` where ExcelApi 1.20 is
   * supported. When the batch's promise resolves, what it left queued is synced ("`run` functions
   * call `sync()` implicitly before they resolve their returned promise", "Application-specific API
   * model"; only when there is something to send) and a failure of that sync rejects the run; when
   * the batch rejects, what it queued after its last sync is dropped, never sent (Office.js's
   * ClientRequestContext._runCommon syncs only on the resolved path). The fake has one request
   * context for all runs, so a rejected run drops every queued command.
   */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> => {
    const merge = options?.mergeUndoGroup === true && this.supports("ExcelApi", "1.20");
    if (merge) this.mergedRuns++;
    this.merging = merge ? { wrote: false } : undefined;
    try {
      let result: T;
      try {
        result = await batch(this.context);
      } catch (e) {
        this.dropPending();
        throw e;
      }
      if (this.hasPending()) {
        this.implicitSyncs++;
        await this.context.sync();
      }
      return result;
    } finally {
      if (this.merging?.wrote) this.undo.push("add-in run");
      this.merging = undefined;
    }
  };

  onSync(f: () => void): void {
    this.pending.push(f);
  }

  /** Commands queued since the last sync (writes, loads, selects). */
  hasPending(): boolean {
    return this.pending.length > 0 || this.reads.length > 0;
  }

  /** What a rejected Excel.run does with the commands queued after its last sync: nothing, they are never sent. */
  private dropPending(): void {
    this.pending.length = 0;
    this.reads.length = 0;
    this.pendingBytes = 0;
  }

  // ---- set-up -------------------------------------------------------------------------------

  addSheet(name: string, rows: CellValue[][] = [], formats?: string[][]): FakeSheet {
    const sheet: FakeSheet = { name, id: `{sheet-${++this.sheetIds}}`, cells: rows.map((r) => r.slice()), formats: formats ? formats.map((r) => r.slice()) : [], protected: false, added: false, frozenRows: 0, styles: [], columnWidths: [], autofit: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  /** A user's table over `address` (header row first); with `showTotals` its last row is the totals row. */
  addTable(name: string, sheet: string, address: string, options: { showTotals?: boolean } = {}): void {
    this.tables.push({ name, sheet, address, style: null, ...(options.showTotals ? { showTotals: true } : {}) });
  }

  /**
   * Cells typed by a user into en-US Excel: text Excel recognises becomes a number with a number
   * format — "1/5/2024" and "2024-01-05" a date serial, "30%" 0.3, "$1,234.50" and "1,234" numbers,
   * "007" the number 7 — unless the cell is formatted as Text ("@") first, when the text stays.
   * Range.values then returns the number and Range.text the typed form.
   */
  typeIn(sheetName: string, address: string, texts: string[][]): void {
    const s = this.sheet(sheetName);
    if (!s) throw new Error(`no sheet ${sheetName}`);
    const r = parseA1(address);
    for (let i = 0; i < r.rows; i++) {
      const cells = (s.cells[r.row + i] ??= []);
      const formats = (s.formats[r.row + i] ??= []);
      for (let j = 0; j < r.cols; j++) {
        const text = texts[i][j];
        const c = r.col + j;
        if (formats[c] === "@") {
          cells[c] = text;
          continue;
        }
        const parsed = typedValue(text.trim());
        cells[c] = parsed ? parsed.value : text;
        if (parsed?.format) formats[c] = parsed.format;
      }
    }
  }

  /** Hides worksheet rows `from`..`to` (1-based, inclusive), as the user or a filter does. */
  hideRows(sheetName: string, from: number, to = from): void {
    const s = this.sheet(sheetName);
    if (!s) throw new Error(`no sheet ${sheetName}`);
    const hidden = (s.hiddenRows ??= []);
    for (let r = from; r <= to; r++) hidden[r - 1] = true;
  }

  /** A defined name; with `scope` (a sheet's name) a worksheet-level one. */
  addName(name: string, sheet: string, address: string, scope?: string): void {
    this.names.push({ name, sheet, address, ...(scope ? { scope } : {}) });
  }

  async select(sheet: string, address: string): Promise<void> {
    this.selection = { sheet, address };
    await Promise.all(this.selectionHandlers.map((h) => h({ type: "WorkbookSelectionChanged" })));
  }

  get listeners(): number {
    return this.selectionHandlers.length;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Values of a rectangle of a sheet ("" for empty cells). */
  read(sheetName: string, address: string): CellValue[][] {
    const s = this.sheet(sheetName);
    const r = parseA1(address);
    return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => s?.cells[r.row + i]?.[r.col + j] ?? ""));
  }

  /** The used rows of a sheet from row 0 (trailing empty rows dropped). */
  used(sheetName: string): CellValue[][] {
    const s = this.sheet(sheetName);
    return s ? Array.from(s.cells, (r) => (r ? Array.from(r, (v) => v ?? "") : [])) : [];
  }

  // ---- internals ----------------------------------------------------------------------------

  private notFound(name: string): Error {
    const e = new Error(`ItemNotFound: ${name}`) as Error & { code: string };
    e.code = "ItemNotFound";
    return e;
  }

  /** What Office.js does with an item that is not there: the error comes with the next sync. */
  private failingItem(name: string): unknown {
    const fail = () => this.onSync(() => {
      throw this.notFound(name);
    });
    const range = { load: () => (fail(), range), select: fail };
    return { getRange: () => range, getHeaderRowRange: () => range, getDataBodyRange: () => range, worksheet: { activate: fail }, activate: fail, delete: fail };
  }

  /** Queues a read proxy for the next sync (FakeRange, FakeAreas). */
  queueRead(r: { resolve(): number }): void {
    if (!this.reads.includes(r)) this.reads.push(r);
  }

  /** A range of a sheet to read: the selection, a named range, a table's parts (see FakeRange). */
  private sourceRange(sheetName: string, address: string, onSelect?: () => void): FakeRange {
    return new FakeRange(this, sheetName, parseA1(address), undefined, onSelect);
  }

  /**
   * A table as Office.js shows it: getRange() is the whole table, header and totals row included;
   * getHeaderRowRange(), getDataBodyRange() and getTotalRowRange() its parts (ExcelApi 1.1); the
   * totals row exists while showTotals is true.
   */
  private tableProxy(t: TableRecord): unknown {
    const wb = this;
    const sheetName = t.sheet;
    const part = (which: "all" | "header" | "body" | "totals"): FakeRange => {
      const r = parseA1(t.address);
      const totals = t.showTotals ? 1 : 0;
      if (which === "totals" && !totals) {
        return new FakeRange(this, sheetName, null, () => richApiError("InvalidArgument", `table ${t.name} has no totals row`));
      }
      const rect = which === "all" ? r : which === "header" ? { ...r, rows: 1 } : which === "totals" ? { ...r, row: r.row + r.rows - 1, rows: 1 } : { ...r, row: r.row + 1, rows: r.rows - 1 - totals };
      return new FakeRange(this, sheetName, rect, undefined, which === "all" ? () => this.calls.push(`select table ${t.name}`) : undefined);
    };
    return {
      name: t.name,
      get showTotals() {
        return t.showTotals === true;
      },
      set showTotals(v: boolean) {
        wb.onSync(() => wb.calls.push(`showTotals ${t.name} ${v}`));
      },
      getRange: () => part("all"),
      getHeaderRowRange: () => part("header"),
      getDataBodyRange: () => part("body"),
      getTotalRowRange: () => part("totals"),
      worksheet: { activate: () => this.onSync(() => this.calls.push(`activate ${sheetName}`)) },
    };
  }

  // ---- the write side: calls queued, applied in order at the sync ----------------------------
  //
  // As in Excel, a batch is not a transaction: the calls of a request run in the order they were
  // queued when `context.sync()` sends it; a call that fails (a sheet name that is taken or invalid,
  // a table name that is already a name, an object that is gone) makes that sync reject with Excel's
  // error after the calls before it were applied, and the calls after it are not run.

  /** Queues a call that changes the workbook; `undo: "unsupported"` for the calls Excel cannot undo. */
  private write(op: () => void, undo: "supported" | "unsupported" = "supported"): void {
    this.queueWrite(() => {
      if (undo === "unsupported") {
        // "Undo support with the Excel JavaScript API": in a run with mergeUndoGroup such a call fails;
        // elsewhere it clears the undo list from that call on.
        if (this.merging) throw richApiError("UndoNotSupported", "The operation cannot be grouped in one undo step.");
        this.undo.length = 0;
        this.requestClearedUndo = true;
      }
      op();
      this.requestWrites++;
    });
  }

  /** The queued calls that change the workbook (failSync picks one of them). */
  private writeCalls = new WeakSet<() => void>();
  private queueWrite(f: () => void): void {
    this.writeCalls.add(f);
    this.pending.push(f);
  }

  /** After a request's calls ran: one undo step for it, one for the whole run when merged, none before undo support (ExcelApi 1.19). */
  private endRequest(): void {
    if (this.requestWrites > 0 && !this.requestClearedUndo) {
      if (!this.supports("ExcelApi", "1.19")) this.undo.length = 0;
      else if (this.merging) this.merging.wrote = true;
      else this.undo.push(`add-in request ${this.syncs}`);
    }
    this.requestWrites = 0;
    this.requestClearedUndo = false;
  }

  private newSheet(name: string): FakeSheet {
    return { name, id: `{sheet-${++this.sheetIds}}`, cells: [], formats: [], protected: false, added: false, frozenRows: 0, styles: [], columnWidths: [], autofit: [] };
  }

  /** Throws as Excel does when a call reaches a sheet that is not in the workbook (deleted, or never added). */
  private live(s: FakeSheet): void {
    if (!this.sheets.includes(s)) throw richApiError("ItemNotFound", "The requested resource doesn't exist.");
  }

  /** Worksheet.delete: formulas elsewhere that refer to the sheet become #REF!, as in Excel. */
  private deleteSheet(s: FakeSheet): void {
    this.calls.push(`delete sheet ${s.name}`);
    this.sheets = this.sheets.filter((x) => x !== s);
    this.charts = this.charts.filter((c) => c.sheet !== s.name);
    for (const t of this.tables.filter((x) => x.sheet === s.name)) this.breakReferences(tableReference(t.name));
    this.tables = this.tables.filter((t) => t.sheet !== s.name);
    this.conditionalFormats = this.conditionalFormats.filter((f) => f.sheet !== s.name);
    this.breakReferences(sheetReference(s.name));
  }

  /** Rewrites the formulas (cells holding text that starts with "=") whose reference matches, as Excel does with #REF!. */
  private breakReferences(pattern: RegExp): void {
    for (const s of this.sheets) {
      for (const line of s.cells) {
        if (!line) continue;
        for (let j = 0; j < line.length; j++) {
          const v = line[j];
          if (typeof v === "string" && v.startsWith("=")) line[j] = v.replace(pattern, "#REF!");
        }
      }
    }
  }

  /**
   * A table name Excel accepts: a letter, underscore or backslash first, then letters, digits,
   * periods and underscores, not a cell reference, and not the name of another table or of a
   * defined name of the workbook or of any sheet ("Rename an Excel table"; on the office-js tracker
   * a table name equal to a defined name is answered with InvalidArgument).
   */
  private checkTableName(v: string, rec: TableRecord | undefined): void {
    const lower = v.toLowerCase();
    const invalid = !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(v) || /^[A-Za-z]{1,3}\d+$/.test(v) || /^[rc]$/i.test(v) || v.length > 255;
    const taken = this.tables.some((t) => t !== rec && t.name.toLowerCase() === lower) || this.names.some((n) => n.name.toLowerCase() === lower);
    if (invalid || taken) throw richApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
  }

  private worksheetCollection(): unknown {
    const wb = this;
    return Object.assign(
      new Collection(this, () => this.sheets.map((s) => this.sheetProxy(s))),
      {
        /** WorksheetCollection.add: the name is checked when the request runs. */
        add(name: string) {
          const s = wb.newSheet(name);
          s.added = true;
          wb.write(() => {
            if (wb.workbookProtected) throw richApiError("AccessDenied", "You cannot perform the requested operation.");
            // "Rename a worksheet": at most 31 characters, none of / \ ? * : [ ], not blank, not starting or ending with '.
            if (name.trim() === "" || name.length > 31 || /[/\\?*:[\]]/.test(name) || /^'|'$/.test(name)) {
              throw richApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
            }
            if (wb.sheet(name)) throw richApiError("ItemAlreadyExists", "A resource with the same name or identifier already exists.");
            wb.sheets.push(s);
            wb.calls.push(`add sheet ${name}`);
          });
          return wb.sheetProxy(s, false);
        },
        /** A sheet that is not there fails at the sync that uses it (ItemNotFound). */
        getItem(name: string) {
          return wb.sheetProxy(wb.sheet(name) ?? wb.newSheet(name), false);
        },
        /** By name or id; `isNullObject` after the sync. */
        getItemOrNullObject(key: string) {
          let found: FakeSheet | undefined;
          let synced = false;
          wb.onSync(() => {
            found = wb.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
            synced = true;
          });
          return {
            get isNullObject() {
              if (!synced) throw new Error("PropertyNotLoaded: isNullObject was read before context.sync()");
              return found === undefined;
            },
            delete() {
              wb.write(() => {
                if (!found) throw richApiError("InvalidObjectPath", "The object path isn't working for what you're trying to do.");
                wb.live(found);
                wb.deleteSheet(found);
              }, "unsupported");
            },
          };
        },
      },
    );
  }

  /** A worksheet; `nameLoaded`: an item of the loaded collection (its name came with it), else the name is read after load("name") and a sync. */
  private sheetProxy(s: FakeSheet, nameLoaded = true): unknown {
    const wb = this;
    const protection = new OfficeMockObject({ protected: s.protected });
    this.mocks.push(protection);
    let idLoaded = false;
    const sheetRange = (row: number, col: number, rows: number, cols: number) => wb.writeRange(s, row, col, rows, cols);
    return {
      get name() {
        if (!nameLoaded) throw new Error("PropertyNotLoaded: name was read before load() and context.sync()");
        return s.name;
      },
      // Worksheet.name: Excel on Windows and Mac cannot undo it.
      set name(v: string) {
        wb.write(() => {
          wb.live(s);
          if (wb.sheets.some((x) => x !== s && x.name.toLowerCase() === v.toLowerCase())) throw richApiError("ItemAlreadyExists", "A resource with the same name or identifier already exists.");
          wb.calls.push(`rename sheet ${s.name} → ${v}`);
          for (const c of wb.charts) if (c.sheet === s.name) c.sheet = v;
          for (const t of wb.tables) if (t.sheet === s.name) t.sheet = v;
          for (const f of wb.conditionalFormats) if (f.sheet === s.name) f.sheet = v;
          s.name = v;
        }, "unsupported");
      },
      get id() {
        if (!idLoaded) throw new Error("PropertyNotLoaded: id was read before load() and context.sync()");
        return s.id;
      },
      load(props = "id,name") {
        const asked = props.split(",").map((p) => p.trim());
        wb.onSync(() => {
          wb.live(s);
          if (asked.includes("id")) idLoaded = true;
          if (asked.includes("name")) nameLoaded = true;
        });
        return this;
      },
      protection,
      // Worksheet.delete: no undo anywhere.
      delete() {
        wb.write(() => {
          wb.live(s);
          wb.deleteSheet(s);
        }, "unsupported");
      },
      activate() {
        wb.onSync(() => {
          wb.live(s);
          wb.calls.push(`activate ${s.name}`);
        });
      },
      getRange(address?: string) {
        if (address === undefined) return sheetRange(0, 0, MAX_ROWS, MAX_COLUMNS);
        const r = parseA1(address);
        return sheetRange(r.row, r.col, r.rows, r.cols);
      },
      getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
        return sheetRange(row, col, rows, cols);
      },
      /** Worksheet.getUsedRangeOrNullObject(valuesOnly): read like any range (load, then sync); a sheet with no cells gives a null object. */
      getUsedRangeOrNullObject(valuesOnly = false) {
        return new FakeRange(wb, s.name, { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS }).getUsedRangeOrNullObject(valuesOnly);
      },
      /** Worksheet.pageLayout (ExcelApi 1.9): undefined on an Excel without it, as there. */
      get pageLayout() {
        if (!wb.supports("ExcelApi", "1.9")) return undefined;
        return pageLayoutProxy(() => (s.pageLayout ??= {}), (f) => wb.write(() => (wb.live(s), f())), (m) => richApiError("InvalidArgument", m));
      },
      freezePanes: {
        freezeRows: (n: number) => wb.write(() => (wb.live(s), (s.frozenRows = n))),
        unfreeze: () => wb.write(() => (wb.live(s), (s.frozenRows = 0))),
      },
      /** Worksheet.names: the names scoped to this sheet. */
      names: new Collection(this, () => this.names.filter((n) => n.scope !== undefined && n.scope.toLowerCase() === s.name.toLowerCase()).map((n) => ({ name: n.name }))),
      tables: Object.assign(
        new Collection(this, () => this.tables.filter((t) => t.sheet === s.name).map((t) => this.tableWriter(t, s))),
        {
          add(range: { address: string }, hasHeaders: boolean) {
            if (!hasHeaders) throw new Error("tables are written with headers");
            const rec: TableRecord = { name: "", sheet: s.name, address: range.address, style: null };
            wb.write(() => {
              wb.live(s);
              const r = parseA1(range.address);
              // "Error handling…": MergedRangeConflict, a table can't overlap with another table.
              if (wb.tables.some((t) => t.sheet === s.name && intersect(parseA1(t.address), r))) {
                throw richApiError("MergedRangeConflict", "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.");
              }
              let k = 1;
              while (wb.tables.some((t) => t.name.toLowerCase() === `table${k}`) || wb.names.some((n) => n.name.toLowerCase() === `table${k}`)) k++;
              rec.name = `Table${k}`;
              wb.tables.push(rec);
              wb.calls.push(`add table on ${s.name} ${range.address}`);
            });
            return wb.tableWriter(rec, s);
          },
          getItem(name: string) {
            const t = wb.tables.find((x) => x.sheet === s.name && x.name.toLowerCase() === name.toLowerCase());
            return wb.tableWriter(t ?? { name, sheet: s.name, address: "A1", style: null }, s);
          },
        },
      ),
      charts: Object.assign(
        new Collection(this, () => this.charts.filter((c) => c.sheet === s.name).map((c) => this.chartItem(c))),
        {
          add(type: string, source: { address: string }, seriesBy: string) {
            const rec: ChartRecord = { sheet: s.name, name: "", type, source: source.address, seriesBy, title: "", position: null, seriesAdded: [], clearedSeries: [], legendVisible: null, legendPosition: null, axisMaximum: { value: null, category: null }, seriesFormat: {} };
            let named = false;
            wb.write(() => {
              wb.live(s);
              if (!named) rec.name = `Chart ${wb.charts.length + 1}`;
              wb.charts.push(rec);
              wb.calls.push(`add chart ${type}`);
            });
            // Every call on the chart is queued too: it reaches the chart at the sync, after the add.
            const set = (f: () => void) =>
              wb.write(() => {
                if (!wb.charts.includes(rec)) throw richApiError("ItemNotFound", "The requested resource doesn't exist.");
                f();
              });
            const axis = (which: "value" | "category") => ({
              set maximum(v: number) {
                set(() => (rec.axisMaximum[which] = v));
              },
              minimum: 0,
              /** ChartAxis.tickLabelPosition (ExcelApi 1.7). */
              set tickLabelPosition(v: string) {
                set(() => {
                  if (!["NextToAxis", "High", "Low", "None"].includes(v)) throw richApiError("InvalidArgument", `tickLabelPosition ${v}`);
                  (rec.tickLabels ??= {})[which] = v;
                });
              },
              title: {
                set text(v: string) {
                  set(() => ((rec.axisTitles ??= {})[which] = v));
                },
              },
            });
            return {
              set name(v: string) {
                named = true;
                set(() => (rec.name = v));
              },
              title: {
                set text(v: string) {
                  set(() => (rec.title = v));
                },
              },
              setPosition(a: string, b: string) {
                set(() => (rec.position = [a, b]));
              },
              legend: {
                set visible(v: boolean) {
                  set(() => (rec.legendVisible = v));
                },
                set position(v: string) {
                  set(() => (rec.legendPosition = v));
                },
              },
              axes: { valueAxis: axis("value"), categoryAxis: axis("category") },
              series: {
                getItemAt(i: number) {
                  const f = () => (rec.seriesFormat[i] ??= {});
                  return {
                    format: {
                      fill: { clear: () => set(() => rec.clearedSeries.push(i)) },
                      line: {
                        set lineStyle(v: string) {
                          set(() => (f().line = v));
                        },
                      },
                    },
                    set gapWidth(v: number) {
                      set(() => (f().gapWidth = v));
                    },
                    set hasDataLabels(v: boolean) {
                      set(() => (f().dataLabels = v));
                    },
                    /** Only the first series' categories are kept: the others are added with series.add. */
                    setXAxisValues: (r: { address: string }) =>
                      set(() => {
                        if (i !== 0) throw new Error(`the fake keeps the x values of series 0 only, not ${i}`);
                        rec.firstSeriesX = r.address;
                      }),
                  };
                },
                add(name: string) {
                  const entry = { name, x: "", y: "" };
                  set(() => rec.seriesAdded.push(entry));
                  return {
                    setXAxisValues: (r: { address: string }) => set(() => (entry.x = r.address)),
                    setValues: (r: { address: string }) => set(() => (entry.y = r.address)),
                  };
                },
              },
              activate: () => wb.onSync(() => wb.calls.push(`activate chart ${rec.name}`)),
            };
          },
          getItem(name: string) {
            const c = wb.charts.find((x) => x.sheet === s.name && x.name === name);
            return wb.chartItem(c ?? { ...({} as ChartRecord), sheet: s.name, name });
          },
        },
      ),
    };
  }

  /** A chart on a sheet, as its collection and getItem give it. */
  private chartItem(rec: ChartRecord): unknown {
    const wb = this;
    const live = () => {
      if (!wb.charts.includes(rec)) throw richApiError("ItemNotFound", "The requested resource doesn't exist.");
    };
    return {
      name: rec.name,
      activate: () => wb.onSync(() => (live(), wb.calls.push(`activate chart ${rec.name}`))),
      delete: () =>
        wb.write(() => {
          live();
          wb.charts = wb.charts.filter((c) => c !== rec);
          wb.calls.push(`delete chart ${rec.name}`);
        }),
    };
  }

  /** A table to write: its name (checked against tables and defined names at the sync), style, resize, delete. */
  private tableWriter(rec: TableRecord, s: FakeSheet): unknown {
    const wb = this;
    const live = () => {
      wb.live(s);
      if (!wb.tables.includes(rec)) throw richApiError("ItemNotFound", "The requested resource doesn't exist.");
    };
    return {
      get name() {
        return rec.name;
      },
      set name(v: string) {
        wb.write(() => {
          live();
          wb.checkTableName(v, rec);
          rec.name = v;
        });
      },
      set style(v: string) {
        wb.write(() => (live(), (rec.style = v)));
      },
      /** Table.resize (ExcelApi 1.13): the new range must overlap the table and keep its header row. */
      resize(range: { address: string } | string) {
        wb.write(() => {
          live();
          const was = parseA1(rec.address);
          const next = parseA1(typeof range === "string" ? range.slice(range.lastIndexOf("!") + 1) : range.address);
          if (next.row !== was.row || !intersect(was, next)) throw richApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
          rec.address = a1(next.row, next.col, next.rows, next.cols);
          wb.calls.push(`resize table ${rec.name} ${rec.address}`);
        });
      },
      clearFilters() {
        wb.write(() => live());
      },
      /** Table.delete: formulas that use the table's name become #REF!, as in Excel. */
      delete() {
        wb.write(() => {
          live();
          wb.tables = wb.tables.filter((t) => t !== rec);
          wb.breakReferences(tableReference(rec.name));
          wb.calls.push(`delete table ${rec.name}`);
        });
      },
      /** The table's range; its address is read after the sync, so it follows a resize in the same request. */
      getRange() {
        let loaded = false;
        return {
          load(_p?: string) {
            wb.onSync(() => (live(), (loaded = true)));
            return this;
          },
          get address() {
            if (!loaded) throw new Error("PropertyNotLoaded: address was read before load() and context.sync()");
            return qualified(rec.sheet, rec.address);
          },
        };
      },
    };
  }

  private writeRange(s: FakeSheet, row: number, col: number, rows: number, cols: number): unknown {
    const wb = this;
    const rect = { row, col, rows, cols };
    const address = a1(row, col, rows, cols);
    const touch = () => {
      wb.live(s);
      if (!s.added) wb.userCellWrites++;
    };
    const put = (grid: unknown[][], into: "cells" | "formats", map: (v: unknown, i: number, j: number) => unknown = (v) => v) => {
      if (grid.length !== rows || grid.some((r) => r.length !== cols)) {
        throw new Error(`InvalidArgument: ${into} of ${grid.length}×${grid[0]?.length} for ${address} (${rows}×${cols})`);
      }
      wb.pendingBytes += JSON.stringify(grid).length;
      wb.write(() => {
        touch();
        const target = s[into] as unknown[][];
        for (let i = 0; i < rows; i++) {
          const line = (target[row + i] ??= []);
          for (let j = 0; j < cols; j++) line[col + j] = map(grid[i][j], i, j);
        }
      });
    };
    const style = (patch: CellStyle) =>
      wb.write(() => {
        touch();
        for (let i = 0; i < rows; i++) {
          const line = (s.styles[row + i] ??= []);
          for (let j = 0; j < cols; j++) line[col + j] = { ...line[col + j], ...patch };
        }
      });
    const eachColumn = (f: (c: number) => void) =>
      wb.write(() => {
        touch();
        for (let j = 0; j < cols; j++) f(col + j);
      });
    const format = {
      font: {
        set bold(v: boolean) {
          style({ bold: v });
        },
        set size(v: number) {
          style({ size: v });
        },
        set color(v: string) {
          style({ color: v });
        },
      },
      fill: {
        set color(v: string) {
          style({ fill: v });
        },
      },
      set wrapText(v: boolean) {
        style({ wrap: v });
      },
      set columnWidth(v: number) {
        eachColumn((c) => (s.columnWidths[c] = v));
      },
      // Office.js fits each column of the range to the data of the whole column, not only the range.
      autofitColumns: () => eachColumn((c) => (s.autofit[c] = true)),
      autofitRows: () =>
        wb.write(() => {
          touch();
          for (let i = 0; i < rows; i++) (s.autofitRows ??= [])[row + i] = true;
        }),
    };
    const inside = (f: ConditionalFormatRecord) => {
      const r = parseA1(f.address);
      return r.row >= row && r.col >= col && r.row + r.rows <= row + rows && r.col + r.cols <= col + cols;
    };
    // Reading a range of a written sheet, as Office.js allows: load() queues it, the sync fills it in.
    let reader: FakeRange | undefined;
    const read = () => {
      if (!reader) throw new Error("PropertyNotLoaded: the range was read before load() and context.sync()");
      return reader;
    };
    const range = {
      address,
      load(props?: string | string[]) {
        reader = new FakeRange(wb, s.name, rect).load(props);
        return range;
      },
      get values(): unknown[][] {
        return read().values;
      },
      get rowCount(): number {
        return read().rowCount;
      },
      /**
       * Range.delete("Up"): the rows of the range go and the rows below move up. Only whole rows of
       * the used columns are modelled (the history's oldest runs); tables, charts and formats below
       * are not moved.
       */
      delete(shift: string) {
        if (shift !== "Up") throw new Error(`the fake workbook models Range.delete("Up") only, not ${shift}`);
        wb.write(() => {
          touch();
          if (wb.tables.some((t) => t.sheet === s.name) || wb.charts.some((c) => c.sheet === s.name)) throw new Error("the fake moves no tables or charts on a row delete");
          for (const grid of [s.cells, s.formats, s.styles] as unknown[][][]) {
            for (let i = row; i < Math.min(grid.length, row + rows); i++) {
              const line = grid[i];
              if (line && line.length > col + cols) throw new Error("the fake deletes whole used rows only");
            }
            grid.splice(row, rows);
          }
          wb.calls.push(`delete ${s.name}!${address} up`);
        });
      },
      set values(v: CellValue[][]) {
        // Excel turns digit-only text into a number unless the cell is formatted as text (at the time the value lands).
        put(v, "cells", (x, i, j) => (typeof x === "string" && /^\d+$/.test(x) && s.formats[row + i]?.[col + j] !== "@" ? Number(x) : x));
      },
      /**
       * Range.formulas (ExcelApi 1.1): formulas in English with comma separators (formulasLocal
       * would take the user's language); a cell not starting with "=" takes the constant. Kept as
       * the formula's text, as Excel shows it in the formula bar.
       */
      set formulas(v: CellValue[][]) {
        put(v, "cells");
      },
      /** The sheet and address a defined name refers to (NamedItemCollection.add). */
      fakeReference: () => ({ sheet: s.name, address }),
      set numberFormat(v: string[][]) {
        put(v, "formats");
      },
      format,
      /** Range.clear(applyTo): "All" (the default), "Contents" or "Formats"; the sheet's arrays lose their trailing blanks. */
      clear(applyTo: "All" | "Contents" | "Formats" = "All") {
        wb.write(() => {
          touch();
          const grids: unknown[][][] = [];
          if (applyTo !== "Formats") grids.push(s.cells);
          if (applyTo !== "Contents") grids.push(s.formats, s.styles);
          for (const grid of grids) {
            const end = Math.min(grid.length, row + rows);
            for (let i = row; i < end; i++) {
              const line = grid[i];
              if (!line) continue;
              const stop = Math.min(line.length, col + cols);
              for (let j = col; j < stop; j++) delete line[j];
              while (line.length > 0 && line[line.length - 1] === undefined) line.length--;
            }
            while (grid.length > 0 && (grid[grid.length - 1] ?? []).length === 0) grid.length--;
          }
          if (applyTo !== "Contents") wb.conditionalFormats = wb.conditionalFormats.filter((f) => f.sheet !== s.name || !inside(f));
          wb.calls.push(`clear ${s.name}!${address}${applyTo === "All" ? "" : ` ${applyTo}`}`);
        });
      },
      conditionalFormats: {
        add(type: string) {
          const rec: ConditionalFormatRecord = { sheet: s.name, address, type, formula: null, fill: null, barColor: null };
          wb.write(() => {
            touch();
            if (!CONDITIONAL_FORMAT_TYPES.includes(type)) throw richApiError("InvalidArgument", `unknown conditional format type ${type}`);
            wb.conditionalFormats.push(rec);
          });
          // The rule's properties are queued too, applied after the add at the sync.
          const set = (f: () => void) =>
            wb.write(() => {
              if (!wb.conditionalFormats.includes(rec)) throw richApiError("ItemNotFound", "The requested resource doesn't exist.");
              f();
            });
          return {
            custom: {
              rule: {
                set formula(v: string) {
                  set(() => (rec.formula = v));
                },
              },
              format: {
                fill: {
                  set color(v: string) {
                    set(() => (rec.fill = v));
                  },
                },
              },
            },
            colorScale: {
              /** Checked and applied at the sync, as Excel does; read back only after it (the fake keeps no proxy value). */
              set criteria(v: ColorScaleCriteria) {
                const copy = JSON.parse(JSON.stringify(v)) as ColorScaleCriteria;
                set(() => {
                  if (rec.type !== "ColorScale") throw richApiError("InvalidOperation", `colorScale of a ${rec.type} conditional format`);
                  const problem = colorScaleProblem(copy);
                  if (problem) throw richApiError("InvalidArgument", problem);
                  rec.colorScale = copy;
                });
              },
            },
            dataBar: {
              barDirection: "",
              positiveFormat: {
                set fillColor(v: string) {
                  set(() => (rec.barColor = v));
                },
                gradientFill: true,
              },
            },
          };
        },
        /** ConditionalFormatCollection.clearAll (ExcelApi 1.6): the formats that lie within this range. */
        clearAll() {
          wb.write(() => {
            touch();
            wb.conditionalFormats = wb.conditionalFormats.filter((f) => f.sheet !== s.name || !intersect(parseA1(f.address), rect));
          });
        },
      },
      /** Range.getTables(fullyContained) (ExcelApi 1.9), loaded as a collection of names. */
      getTables(fullyContained = false) {
        let names: { name: string }[] | undefined;
        const found = () =>
          wb.tables
            .filter((t) => t.sheet === s.name)
            .filter((t) => {
              const r = parseA1(t.address);
              return fullyContained ? r.row >= row && r.col >= col && r.row + r.rows <= row + rows && r.col + r.cols <= col + cols : intersect(r, rect) !== null;
            });
        return {
          load(_p?: string) {
            wb.onSync(() => (wb.live(s), (names = found().map((t) => ({ name: t.name })))));
            return this;
          },
          get items() {
            if (!names) throw new Error("PropertyNotLoaded: items was read before load() and context.sync()");
            return names;
          },
        };
      },
      getCell: (r: number, c: number) => wb.writeRange(s, row + r, col + c, 1, 1),
      select: () => wb.onSync(() => wb.calls.push(`select ${s.name}!${address}`)),
    };
    return range;
  }
}

/** A sheet reference in a formula: 'CVA Results'! or Sheet1! (names are compared without case). */
function sheetReference(name: string): RegExp {
  const quoted = `'${name.replace(/'/g, "''")}'!`;
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${esc(quoted)}|(?<![\\w.'])${esc(name)}!` : esc(quoted), "gi");
}

/** A table reference in a formula: CVA_Results, CVA_Results[CLV], CVA_Results[[#This Row],[CLV]]. */
function tableReference(name: string): RegExp {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.])${esc}(\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\])?(?![\\w.(])`, "gi");
}

/** "1.13" ≥ "1.9": requirement-set versions compare part by part. */
function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number), b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** "='CVA Model'!$B$4" or "Sheet1!B4" → its sheet and address (no $). */
function parseReference(ref: string): { sheet: string; address: string } {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(ref);
  if (!m) throw richApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), address: m[3].replace(/\$/g, "") };
}
