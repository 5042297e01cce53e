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
}

const LIMIT = 5 * 1024 * 1024;

/** The grid of a worksheet ("Excel specifications and limits"): 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * An error as Office.js throws it at `context.sync()`: `code` is one of Excel.ErrorCodes ("Error
 * handling with the application-specific JavaScript APIs"), `name` is "RichApi.Error".
 */
export function richApiError(code: string, message: string): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.name = "RichApi.Error";
  e.code = code;
  return e;
}

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row), col = Math.max(a.col, b.col);
  const end = Math.min(a.row + a.rows, b.row + b.rows), endCol = Math.min(a.col + a.cols, b.col + b.cols);
  return end > row && endCol > col ? { row, col, rows: end - row, cols: endCol - col } : null;
}

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
  /** Defined names; `scope` is the sheet of a worksheet-level name (absent: the workbook's). */
  names: { name: string; sheet: string; address: string; scope?: string }[] = [];
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
  private merging: { wrote: boolean } | undefined;
  private requestWrites = 0;
  private requestClearedUndo = false;
  private sheetIds = 0;
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
      new Collection(this, () => this.names.filter((n) => n.scope === undefined).map((n) => ({ name: n.name, type: "Range", formula: `=${qualified(n.sheet, n.address)}`, visible: true }))),
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
      try {
        for (const f of this.pending.splice(0)) f();
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

  /** Runs a batch the way Excel.run does, on this workbook; `mergeUndoGroup` where ExcelApi 1.20 is supported. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> => {
    const merge = options?.mergeUndoGroup === true && this.supports("ExcelApi", "1.20");
    if (merge) this.mergedRuns++;
    this.merging = merge ? { wrote: false } : undefined;
    try {
      return await batch(this.context);
    } finally {
      if (this.merging?.wrote) this.undo.push("add-in run");
      this.merging = undefined;
    }
  };

  onSync(f: () => void): void {
    this.pending.push(f);
  }

  // ---- set-up -------------------------------------------------------------------------------

  addSheet(name: string, rows: CellValue[][] = [], formats?: string[][]): FakeSheet {
    const sheet: FakeSheet = { name, id: `{sheet-${++this.sheetIds}}`, cells: rows.map((r) => r.slice()), formats: formats ? formats.map((r) => r.slice()) : [], protected: false, added: false, frozenRows: 0, styles: [], columnWidths: [], autofit: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  addTable(name: string, sheet: string, address: string): void {
    this.tables.push({ name, sheet, address, style: null });
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

  // ---- the write side: calls queued, applied in order at the sync ----------------------------
  //
  // As in Excel, a batch is not a transaction: the calls of a request run in the order they were
  // queued when `context.sync()` sends it; a call that fails (a sheet name that is taken or invalid,
  // a table name that is already a name, an object that is gone) makes that sync reject with Excel's
  // error after the calls before it were applied, and the calls after it are not run.

  /** Queues a call that changes the workbook; `undo: "unsupported"` for the calls Excel cannot undo. */
  private write(op: () => void, undo: "supported" | "unsupported" = "supported"): void {
    this.pending.push(() => {
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
   * defined name of the workbook or of any sheet ("Rename an Excel table"; office-js issue 551:
   * Excel answers InvalidArgument).
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
          return wb.sheetProxy(s);
        },
        /** A sheet that is not there fails at the sync that uses it (ItemNotFound). */
        getItem(name: string) {
          return wb.sheetProxy(wb.sheet(name) ?? wb.newSheet(name));
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

  private sheetProxy(s: FakeSheet): unknown {
    const wb = this;
    const protection = new OfficeMockObject({ protected: s.protected });
    this.mocks.push(protection);
    let idLoaded = false;
    const sheetRange = (row: number, col: number, rows: number, cols: number) => wb.writeRange(s, row, col, rows, cols);
    return {
      get name() {
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
      load(_props?: string) {
        wb.onSync(() => {
          wb.live(s);
          idLoaded = true;
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
            const axis = (which: "value" | "category") => ({
              set maximum(v: number) {
                rec.axisMaximum[which] = v;
              },
              minimum: 0,
              title: { text: "" },
            });
            return {
              set name(v: string) {
                named = true;
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
    };
    const inside = (f: ConditionalFormatRecord) => {
      const r = parseA1(f.address);
      return r.row >= row && r.col >= col && r.row + r.rows <= row + rows && r.col + r.cols <= col + cols;
    };
    const range = {
      address,
      set values(v: CellValue[][]) {
        // Excel turns digit-only text into a number unless the cell is formatted as text (at the time the value lands).
        put(v, "cells", (x, i, j) => (typeof x === "string" && /^\d+$/.test(x) && s.formats[row + i]?.[col + j] !== "@" ? Number(x) : x));
      },
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
            wb.conditionalFormats.push(rec);
          });
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
