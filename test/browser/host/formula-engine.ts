/**
 * The browser host's calculation: what Excel shows in a cell that holds a formula. The fake
 * workbook keeps what the add-in wrote (Range.formulas keeps the formula's text, as Excel's formula
 * bar shows it); this module hands the whole workbook — values, formulas, workbook-level names — to
 * HyperFormula, a formula engine that evaluates Excel's formulas (GPLv3 key, tests only), and reads
 * back each formula cell's value, as Excel's recalculation would give it:
 *
 * - plain Excel formulas (SUMPRODUCT over arrays, INDEX/MATCH, IF, EXP, LN …) with Excel's settings:
 *   array arithmetic in arguments, no rounding of results, a blank referenced as 0, the 1900 date
 *   system with its leap-year bug;
 * - workbook names (NamedItemCollection.add) as named expressions;
 * - the custom functions =CVA.* as Excel's custom-functions runtime calls them: the functions the
 *   add-in's own functions bundle registered with CustomFunctions.associate, declared from its
 *   functions.json (the namespace from the manifest): one call per formula cell with every argument
 *   in its declared dimensionality (a matrix parameter gets a cell's or a range's or an array's
 *   values as rows; a blank cell as null, as Excel on the web passes it; an omitted optional argument
 *   as null), an error cell passed in as Excel's error value ({ type: "Error", basicValue: "#N/A" })
 *   when the metadata's allowErrorForDataTypeAny says so and otherwise answered with the error
 *   without a call; a thrown CustomFunctions.Error shows its code, any other exception #VALUE!,
 *   a number that is not finite #NUM!;
 * - a 1 × 1 result is the cell's value; a larger one spills (Excel's dynamic arrays) — which this
 *   engine cannot place, as HyperFormula fixes an array's size before it evaluates: such a cell
 *   shows #SPILL! and is listed in `problems`, with everything else Excel would not show (a formula
 *   the engine cannot parse, a circular reference, an unknown function), so a test asserts there
 *   are none rather than trusting a value Excel would not have given.
 *
 * Errors read back as Excel's error text ("#VALUE!"), as Range.values gives them.
 */
import { CellError, EmptyValue, ErrorType, FunctionPlugin, HyperFormula, SimpleRangeValue, DetailedCellError, type CellValue } from "hyperformula";
import { letters, type FakeWorkbook } from "../../fakes/workbook";

/** One function of functions.json (custom-functions-metadata's format), as far as a call needs it. */
export interface FunctionMetadata {
  id: string;
  name: string;
  parameters: { name: string; dimensionality?: "scalar" | "matrix"; optional?: boolean; repeating?: boolean }[];
  result: { dimensionality?: "scalar" | "matrix" };
}
export interface FunctionsJson {
  functions: FunctionMetadata[];
  allowErrorForDataTypeAny?: boolean;
}

/** What the host's CustomFunctions namespace gives the engine. */
export interface CustomFunctionsRuntime {
  namespace: string;
  metadata: FunctionsJson;
  /** CustomFunctions.associate's record: id → implementation. */
  associations: Map<string, (...args: unknown[]) => unknown>;
  /** The class of CustomFunctions.Error (its instances carry `code`). */
  errorClass: new (...a: never[]) => Error & { code: string };
}

/** Excel's error texts for HyperFormula's error types; CYCLE, ERROR and LIC are not Excel's. */
const EXCEL_ERROR: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NAME]: "#NAME?",
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.REF]: "#REF!",
  [ErrorType.SPILL]: "#SPILL!",
};
const FROM_EXCEL: Record<string, ErrorType> = Object.fromEntries(Object.entries(EXCEL_ERROR).map(([k, v]) => [v, k as ErrorType]));
/** The errorType of Excel's ErrorCellValue for each code (Excel.ErrorCellValueType). */
const ERROR_CELL_TYPE: Record<string, string> = { "#DIV/0!": "Div0", "#NAME?": "Name", "#VALUE!": "Value", "#NUM!": "Num", "#N/A": "NotAvailable", "#REF!": "Ref", "#SPILL!": "Spill" };

/** "A1"-style address → absolute: B4 → $B$4, B4:B9 → $B$4:$B$9. */
const absolute = (address: string) => address.replace(/\$?([A-Z]+)\$?(\d+)/g, "$$$1$$$2");
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;


let registered: CustomFunctionsRuntime | undefined;
/** The runtime the one registered plugin calls into (HyperFormula's registry is global). */
let runtime: CustomFunctionsRuntime | undefined;
let problems: string[] = [];

/** A cell value Excel passes to a custom function: blanks as null, errors as ErrorCellValue (or the error itself). */
function argument(v: unknown, errorsAllowed: boolean): unknown {
  if (v === EmptyValue || v === undefined) return null;
  if (v instanceof CellError) {
    const code = EXCEL_ERROR[v.type] ?? "#VALUE!";
    if (!errorsAllowed) throw v;
    return { type: "Error", basicValue: code, errorType: ERROR_CELL_TYPE[code] };
  }
  return v;
}

/** A value a custom function returned, as Excel shows it in a cell. */
function shown(v: unknown, rt: CustomFunctionsRuntime): unknown {
  if (v instanceof rt.errorClass) return new CellError(FROM_EXCEL[v.code] ?? ErrorType.VALUE, v.message || undefined);
  if (v instanceof Error) return new CellError(ErrorType.VALUE, v.message);
  if (typeof v === "number" && !Number.isFinite(v)) return new CellError(ErrorType.NUM);
  if (v === null || v === undefined) return 0;
  if (typeof v === "object") return new CellError(ErrorType.VALUE, `the browser host does not show a ${JSON.stringify(v).slice(0, 40)}`);
  return v;
}

class CvaCustomFunctions extends FunctionPlugin {
  static implementedFunctions: Record<string, { method: string }> = {};

  call(ast: { args: { type?: string }[]; procedureName: string }, state: unknown): unknown {
    const rt = runtime!;
    const meta = rt.metadata.functions.find((f) => `${rt.namespace}.${f.name}`.toUpperCase() === ast.procedureName.toUpperCase())!;
    const fn = rt.associations.get(meta.id);
    if (!fn) return new CellError(ErrorType.NAME, `${meta.id} is not associated`);
    const params = meta.parameters;
    const repeating = params.length > 0 && params[params.length - 1].repeating;
    if (ast.args.length > params.length && !repeating) {
      problems.push(`${ast.procedureName} takes at most ${params.length} arguments, got ${ast.args.length} (Excel refuses such a formula)`);
      return new CellError(ErrorType.NA, "too many arguments");
    }
    const required = params.filter((p) => !p.optional).length;
    if (ast.args.length < required) {
      problems.push(`${ast.procedureName} needs ${required} arguments, got ${ast.args.length} (Excel refuses such a formula)`);
      return new CellError(ErrorType.NA, "too few arguments");
    }
    const errorsAllowed = rt.metadata.allowErrorForDataTypeAny === true;
    const args: unknown[] = [];
    try {
      for (let i = 0; i < Math.max(params.length, ast.args.length); i++) {
        const p = params[Math.min(i, params.length - 1)];
        const a = ast.args[i];
        if (a === undefined || a.type === "EMPTY") {
          args.push(null);
          continue;
        }
        const v = this.evaluateAst(a as never, state as never);
        if (p.dimensionality === "matrix") {
          args.push(v instanceof SimpleRangeValue ? v.rawData().map((row) => row.map((c) => argument(c, errorsAllowed))) : [[argument(v, errorsAllowed)]]);
        } else if (v instanceof SimpleRangeValue) {
          // Excel lifts a range passed to a scalar parameter: one call per cell, spilled.
          if (v.width() * v.height() !== 1) return this.spill(ast.procedureName, v.height(), v.width());
          args.push(argument(v.rawData()[0][0], errorsAllowed));
        } else args.push(argument(v, errorsAllowed));
      }
    } catch (e) {
      if (e instanceof CellError) return e; // an error argument the function does not take: Excel answers with it
      throw e;
    }
    let out: unknown;
    try {
      out = fn(...args);
    } catch (e) {
      return shown(e instanceof Error ? e : new Error(String(e)), rt);
    }
    if (out instanceof Promise) {
      problems.push(`${ast.procedureName} returned a promise: the browser host evaluates synchronous functions only`);
      return new CellError(ErrorType.VALUE, "asynchronous");
    }
    if (meta.result.dimensionality === "matrix") {
      if (!Array.isArray(out) || !Array.isArray(out[0])) return new CellError(ErrorType.VALUE, `${ast.procedureName} did not return a matrix`);
      const m = out as unknown[][];
      if (m.length !== 1 || m[0].length !== 1) return this.spill(ast.procedureName, m.length, m[0].length);
      return shown(m[0][0], rt);
    }
    return shown(out, rt);
  }

  private spill(name: string, rows: number, cols: number): CellError {
    problems.push(`${name} spilled ${rows} × ${cols}: the browser host does not place spilled results`);
    return new CellError(ErrorType.SPILL, `${rows} × ${cols} result not placed by the browser host`);
  }
}

/** Registers the plugin for the runtime's functions (once; a later runtime must declare the same functions). */
function register(rt: CustomFunctionsRuntime): void {
  runtime = rt;
  if (registered) return;
  const names: Record<string, string> = {};
  for (const f of rt.metadata.functions) {
    const name = `${rt.namespace}.${f.name}`.toUpperCase();
    CvaCustomFunctions.implementedFunctions[name] = { method: "call" };
    names[name] = name;
  }
  HyperFormula.registerFunctionPlugin(CvaCustomFunctions, { enGB: names, enUS: names });
  registered = rt;
}

export interface Calculated {
  /** Each sheet's cells with formulas replaced by their values (errors as "#VALUE!" and the like). */
  values: Map<string, unknown[][]>;
  /** Each formula cell's error message where the engine has one ("Sheet!A1: message"). */
  messages: string[];
  /** What Excel would not show: spills the engine cannot place, formulas it cannot parse, cycles. */
  problems: string[];
}

/** Evaluates every formula of the workbook; `rt` is needed only when a formula calls the namespace's functions. */
export function calculate(wb: FakeWorkbook, rt: CustomFunctionsRuntime | undefined): Calculated {
  problems = [];
  if (rt) register(rt);
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  const formulaCells: [string, number, number][] = [];
  for (const s of wb.sheets) {
    let width = 1;
    for (let i = 0; i < s.cells.length; i++) width = Math.max(width, s.cells[i]?.length ?? 0);
    sheets[s.name] = Array.from({ length: Math.max(1, s.cells.length) }, (_, i) => {
      const line = s.cells[i] ?? [];
      return Array.from({ length: width }, (_, j) => {
        const v = line[j];
        if (typeof v === "string" && v.startsWith("=") && v.length > 1) formulaCells.push([s.name, i, j]);
        return v === undefined || v === "" ? null : (v as string | number | boolean);
      });
    });
  }
  const values = new Map<string, unknown[][]>(wb.sheets.map((s) => [s.name, s.cells.map((r) => (r ? r.slice() : r))]));
  const messages: string[] = [];
  if (formulaCells.length === 0) return { values, messages, problems };
  const usesFunctions = formulaCells.some(([s, i, j]) => (wb.sheets.find((x) => x.name === s)!.cells[i][j] as string).toUpperCase().includes(`${rt?.namespace ?? "CVA"}.`.toUpperCase()));
  if (usesFunctions && !rt) throw new Error("the workbook calls custom functions but the host has no functions metadata");
  // Excel's behaviour where HyperFormula's defaults differ ("Compatibility with Microsoft Excel").
  const hf = HyperFormula.buildFromSheets(sheets, {
    licenseKey: "gpl-v3",
    useArrayArithmetic: true,
    smartRounding: false,
    evaluateNullToZero: true,
    leapYear1900: true,
    nullDate: { year: 1899, month: 12, day: 30 },
  });
  for (const n of wb.names.filter((x) => x.scope === undefined)) hf.addNamedExpression(n.name, `=${quoted(n.sheet)}!${absolute(n.address)}`);
  for (const [s, i, j] of formulaCells) {
    const v: CellValue = hf.getCellValue({ sheet: hf.getSheetId(s)!, row: i, col: j });
    let out: unknown = v;
    if (v instanceof DetailedCellError) {
      const code = EXCEL_ERROR[v.type];
      if (!code) problems.push(`${s}!${letters(j)}${i + 1}: ${v.value} ${v.message}`);
      else if (v.message) messages.push(`${s}!${letters(j)}${i + 1}: ${v.message}`);
      out = code ?? v.value;
    } else if (v === null) out = 0;
    values.get(s)![i][j] = out;
  }
  hf.destroy();
  return { values, messages, problems: problems.slice() };
}
