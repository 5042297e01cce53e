/* eslint-disable @typescript-eslint/no-this-alias -- the fakes are object literals with accessors, whose own `this` is the literal; they reach the workbook as `wb`. */
/**
 * A fake Excel workbook for the excel layer's tests and the browser test's stand-in host.
 * Reads go through office-addin-mock (`OfficeMockObject`), which enforces Office.js's rule that a
 * property is loaded and synced before it is read; collections enforce the same by hand. Writes
 * land in a cell grid per sheet (with number formats, fonts, fills, wrapping, column widths and
 * autofits) and every sheet, table, conditional format and chart call is recorded, with the size
 * of each request, so tests can assert what was written, that no user cell was touched, the
 * number of syncs and that no request passed the 5 MB limit, and the browser test can draw the
 * workbook (test/browser/host/workbook-view.ts).
 */
import { OfficeMockObject } from "office-addin-mock";

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
}

export interface TableRecord {
  name: string;
  sheet: string;
  address: string;
  style: string | null;
}

export interface FakeSheet {
  name: string;
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
}

const LIMIT = 5 * 1024 * 1024;

/** "A1:D20" → 0-based rectangle. */
export function parseA1(a1: string): { row: number; col: number; rows: number; cols: number } {
  const [a, b = a] = a1.replace(/\$/g, "").split(":");
  const p = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/i.exec(s);
    if (!m) throw new Error(`bad address ${s}`);
    let c = 0;
    for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const x = p(a), y = p(b);
  return { row: x.r, col: x.c, rows: y.r - x.r + 1, cols: y.c - x.c + 1 };
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

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: TableRecord[] = [];
  names: { name: string; sheet: string; address: string }[] = [];
  charts: ChartRecord[] = [];
  conditionalFormats: ConditionalFormatRecord[] = [];
  calls: string[] = [];
  selection = { sheet: "Sheet1", address: "A1" };
  private protectionMock!: OfficeMockObject;
  syncs = 0;
  /** Largest request (bytes of values and formats sent or received in one sync). */
  maxRequestBytes = 0;
  /** Writes that landed on a sheet the code under test did not add. */
  userCellWrites = 0;
  /** Called at the start of every sync (tests use it to act "during" a run). */
  beforeSync: ((n: number) => void) | undefined;
  private pending: (() => void)[] = [];
  private mocks: OfficeMockObject[] = [];
  private pendingBytes = 0;
  private loadedRanges: { mock: OfficeMockObject; bytes: () => number }[] = [];
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
      new Collection(this, () => this.names.map((n) => ({ name: n.name, type: "Range", formula: `=${qualified(n.sheet, n.address)}`, visible: true }))),
      {
        getItem: (name: string) => {
          const n = this.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
          if (!n) return this.failingItem(name);
          return { getRange: () => this.sourceRange(n.sheet, n.address) };
        },
      },
    );
    const protection = new OfficeMockObject({ protected: false });
    workbook.protection = protection;
    this.protectionMock = protection;
    workbook.application = {
      suspendApiCalculationUntilNextSync: () => this.calls.push("suspendApiCalculationUntilNextSync"),
      suspendScreenUpdatingUntilNextSync: () => this.calls.push("suspendScreenUpdatingUntilNextSync"),
    };
    const mockSync = (root as unknown as { sync: () => Promise<void> }).sync.bind(root);
    context.sync = async () => {
      this.beforeSync?.(this.syncs + 1);
      this.syncs++;
      await mockSync();
      await protection.sync();
      for (const m of this.mocks.splice(0)) await m.sync();
      let bytes = this.pendingBytes;
      for (const r of this.loadedRanges.splice(0)) bytes += r.bytes();
      this.pendingBytes = 0;
      this.maxRequestBytes = Math.max(this.maxRequestBytes, bytes);
      if (bytes > LIMIT) throw new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes in one request`);
      for (const f of this.pending.splice(0)) f();
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

  /** Runs a batch the way Excel.run does, on this workbook. */
  run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(this.context);

  onSync(f: () => void): void {
    this.pending.push(f);
  }

  // ---- set-up -------------------------------------------------------------------------------

  addSheet(name: string, rows: CellValue[][] = [], formats?: string[][]): FakeSheet {
    const sheet: FakeSheet = { name, cells: rows.map((r) => r.slice()), formats: formats ? formats.map((r) => r.slice()) : [], protected: false, added: false, frozenRows: 0, styles: [], columnWidths: [], autofit: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  addTable(name: string, sheet: string, address: string): void {
    this.tables.push({ name, sheet, address, style: null });
  }

  addName(name: string, sheet: string, address: string): void {
    this.names.push({ name, sheet, address });
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

  private missing(name: string): never {
    throw this.notFound(name);
  }

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
    return { getRange: () => range, worksheet: { activate: fail }, activate: fail, delete: fail };
  }

  /** A source range: address and size via office-addin-mock, blocks via getCell/getResizedRange. */
  private sourceRange(sheetName: string, address: string): unknown {
    const r = parseA1(address);
    const wb = this;
    const mock = new OfficeMockObject({
      address: qualified(sheetName, address),
      rowCount: r.rows,
      columnCount: r.cols,
      getCell(row: number, col: number) {
        return {
          getResizedRange(dr: number, dc: number) {
            return wb.valuesRange(sheetName, r.row + row, r.col + col, dr + 1, dc + 1);
          },
        };
      },
    });
    this.mocks.push(mock);
    return mock;
  }

  private valuesRange(sheetName: string, row: number, col: number, rows: number, cols: number): unknown {
    const s = this.sheet(sheetName);
    const values: CellValue[][] = new Array(rows);
    const formats: string[][] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const src = s?.cells[row + i];
      const fr = s?.formats[row + i];
      const v: CellValue[] = new Array(cols);
      const f: string[] = new Array(cols);
      for (let j = 0; j < cols; j++) {
        v[j] = src?.[col + j] ?? "";
        f[j] = fr?.[col + j] ?? "General";
      }
      values[i] = v;
      formats[i] = f;
    }
    const mock = new OfficeMockObject({ values, numberFormat: formats });
    const originalLoad = mock.load.bind(mock);
    (mock as unknown as { load: (p: string) => unknown }).load = (p: string) => {
      originalLoad(p);
      this.loadedRanges.push({ mock, bytes: () => (p.includes("values") ? JSON.stringify(values).length : 0) + (p.includes("numberFormat") ? JSON.stringify(formats).length : 0) });
      return mock;
    };
    this.mocks.push(mock);
    return mock;
  }

  private tableProxy(t: TableRecord): unknown {
    const sheetName = t.sheet;
    return {
      name: t.name,
      getRange: () => {
        const range = this.sourceRange(sheetName, t.address) as Record<string, unknown>;
        range.select = () => this.calls.push(`select table ${t.name}`);
        return range;
      },
      worksheet: { activate: () => this.calls.push(`activate ${sheetName}`) },
    };
  }

  private worksheetCollection(): unknown {
    const wb = this;
    return Object.assign(
      new Collection(this, () => this.sheets.map((s) => this.sheetProxy(s))),
      {
        add(name: string) {
          if (wb.workbookProtected) throw new Error("The workbook is protected");
          if (wb.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
          if (name.length > 31) throw new Error(`InvalidArgument: sheet name ${name} is longer than 31 characters`);
          const s = wb.addSheet(name);
          s.added = true;
          wb.calls.push(`add sheet ${name}`);
          return wb.sheetProxy(s);
        },
        getItem(name: string) {
          const s = wb.sheet(name);
          if (!s) wb.missing(name);
          return wb.sheetProxy(s as FakeSheet);
        },
      },
    );
  }

  private sheetProxy(s: FakeSheet): unknown {
    const wb = this;
    const protection = new OfficeMockObject({ protected: s.protected });
    this.mocks.push(protection);
    return {
      get name() {
        return s.name;
      },
      set name(v: string) {
        if (wb.sheets.some((x) => x !== s && x.name.toLowerCase() === v.toLowerCase())) throw new Error(`ItemAlreadyExists: ${v}`);
        wb.calls.push(`rename sheet ${s.name} → ${v}`);
        for (const c of wb.charts) if (c.sheet === s.name) c.sheet = v;
        for (const t of wb.tables) if (t.sheet === s.name) t.sheet = v;
        for (const f of wb.conditionalFormats) if (f.sheet === s.name) f.sheet = v;
        s.name = v;
      },
      protection,
      delete() {
        wb.calls.push(`delete sheet ${s.name}`);
        wb.sheets = wb.sheets.filter((x) => x !== s);
        wb.charts = wb.charts.filter((c) => c.sheet !== s.name);
        wb.tables = wb.tables.filter((t) => t.sheet !== s.name);
        wb.conditionalFormats = wb.conditionalFormats.filter((f) => f.sheet !== s.name);
      },
      activate() {
        wb.calls.push(`activate ${s.name}`);
      },
      getRange(address: string) {
        const r = parseA1(address);
        return wb.writeRange(s, r.row, r.col, r.rows, r.cols);
      },
      getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
        return wb.writeRange(s, row, col, rows, cols);
      },
      freezePanes: { freezeRows: (n: number) => (s.frozenRows = n) },
      tables: {
        add(range: { address: string }, hasHeaders: boolean) {
          if (!hasHeaders) throw new Error("tables are written with headers");
          const rec: TableRecord = { name: `Table${wb.tables.length + 1}`, sheet: s.name, address: range.address, style: null };
          wb.tables.push(rec);
          wb.calls.push(`add table on ${s.name} ${range.address}`);
          return {
            set name(v: string) {
              if (wb.tables.some((t) => t !== rec && t.name.toLowerCase() === v.toLowerCase())) throw new Error(`ItemAlreadyExists: table ${v}`);
              rec.name = v;
            },
            set style(v: string) {
              rec.style = v;
            },
            getRange: () => {
              const m = new OfficeMockObject({ address: qualified(s.name, rec.address) });
              wb.mocks.push(m);
              return m;
            },
          };
        },
      },
      charts: {
        add(type: string, source: { address: string }, seriesBy: string) {
          const rec: ChartRecord = { sheet: s.name, name: `Chart ${wb.charts.length + 1}`, type, source: source.address, seriesBy, title: "", position: null, seriesAdded: [], clearedSeries: [], legendVisible: null, legendPosition: null, axisMaximum: { value: null, category: null }, seriesFormat: {} };
          wb.charts.push(rec);
          wb.calls.push(`add chart ${type}`);
          const axis = (which: "value" | "category") => ({
            set maximum(v: number) {
              rec.axisMaximum[which] = v;
            },
            minimum: 0,
            title: { text: "" },
          });
          return {
            set name(v: string) {
              rec.name = v;
            },
            title: {
              set text(v: string) {
                rec.title = v;
              },
            },
            setPosition(a: string, b: string) {
              rec.position = [a, b];
            },
            legend: {
              set visible(v: boolean) {
                rec.legendVisible = v;
              },
              set position(v: string) {
                rec.legendPosition = v;
              },
            },
            axes: { valueAxis: axis("value"), categoryAxis: axis("category") },
            series: {
              getItemAt(i: number) {
                const f = (rec.seriesFormat[i] ??= {});
                return {
                  format: {
                    fill: { clear: () => rec.clearedSeries.push(i) },
                    line: {
                      set lineStyle(v: string) {
                        f.line = v;
                      },
                    },
                  },
                  set gapWidth(v: number) {
                    f.gapWidth = v;
                  },
                  set hasDataLabels(v: boolean) {
                    f.dataLabels = v;
                  },
                };
              },
              add(name: string) {
                const entry = { name, x: "", y: "" };
                rec.seriesAdded.push(entry);
                return {
                  setXAxisValues: (r: { address: string }) => (entry.x = r.address),
                  setValues: (r: { address: string }) => (entry.y = r.address),
                };
              },
            },
            activate: () => wb.calls.push(`activate chart ${rec.name}`),
          };
        },
        getItem(name: string) {
          const c = wb.charts.find((x) => x.sheet === s.name && x.name === name);
          if (!c) wb.missing(name);
          return { activate: () => wb.calls.push(`activate chart ${name}`) };
        },
      },
    };
  }

  private writeRange(s: FakeSheet, row: number, col: number, rows: number, cols: number): unknown {
    const wb = this;
    const address = a1(row, col, rows, cols);
    const touch = () => {
      if (!s.added) wb.userCellWrites++;
    };
    const put = (grid: unknown[][], into: "cells" | "formats") => {
      if (grid.length !== rows || grid.some((r) => r.length !== cols)) {
        throw new Error(`InvalidArgument: ${into} of ${grid.length}×${grid[0]?.length} for ${address} (${rows}×${cols})`);
      }
      touch();
      wb.pendingBytes += JSON.stringify(grid).length;
      const target = s[into] as unknown[][];
      for (let i = 0; i < rows; i++) {
        const line = (target[row + i] ??= []);
        for (let j = 0; j < cols; j++) line[col + j] = grid[i][j];
      }
    };
    const style = (patch: CellStyle) => {
      for (let i = 0; i < rows; i++) {
        const line = (s.styles[row + i] ??= []);
        for (let j = 0; j < cols; j++) line[col + j] = { ...line[col + j], ...patch };
      }
    };
    const eachColumn = (f: (c: number) => void) => {
      for (let j = 0; j < cols; j++) f(col + j);
    };
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
    };
    const range = {
      address,
      set values(v: CellValue[][]) {
        // Excel turns digit-only text into a number unless the cell is formatted as text.
        put(
          v.map((r, i) => r.map((x, j) => (typeof x === "string" && /^\d+$/.test(x) && s.formats[row + i]?.[col + j] !== "@" ? Number(x) : x))),
          "cells",
        );
      },
      set numberFormat(v: string[][]) {
        put(v, "formats");
      },
      format,
      conditionalFormats: {
        add(type: string) {
          touch();
          const rec: ConditionalFormatRecord = { sheet: s.name, address, type, formula: null, fill: null, barColor: null };
          wb.conditionalFormats.push(rec);
          return {
            custom: {
              rule: {
                set formula(v: string) {
                  rec.formula = v;
                },
              },
              format: {
                fill: {
                  set color(v: string) {
                    rec.fill = v;
                  },
                },
              },
            },
            dataBar: {
              barDirection: "",
              positiveFormat: {
                set fillColor(v: string) {
                  rec.barColor = v;
                },
                gradientFill: true,
              },
            },
          };
        },
      },
      getCell: (r: number, c: number) => wb.writeRange(s, row + r, col + c, 1, 1),
      select: () => wb.calls.push(`select ${s.name}!${address}`),
    };
    return range;
  }
}
