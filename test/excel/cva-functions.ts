/**
 * The CVA custom functions registered in HyperFormula (./hyperformula.ts) for tests: each formula
 * cell calls the functions' own implementations (src/functions/predictions.ts) with what the cell
 * passes — a cell's value or a range's or CHOOSE's array as rows — as Excel's custom-function
 * runtime would (any[][] arguments), one call per cell. The calls are counted.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, EmptyValue } from "hyperformula";
import { clvBtyd, expected, palive } from "../../src/functions/predictions";

type Raw = unknown[][];
const matrix = (v: unknown): Raw => {
  if (v instanceof SimpleRangeValue) return v.rawData().map((row) => row.map((c) => (c === EmptyValue ? null : c)));
  return [[v === EmptyValue ? null : v]];
};
/** The one cell a per-row call returns; a CVA error (e.g. a name not yet defined while the engine loads) as #VALUE! with its message. */
const scalar = (out: unknown[][]): number | CellError => {
  const v = out[0][0];
  if (v instanceof Error) return new CellError(ErrorType.VALUE, v.message);
  return v as number;
};

export const calls = { count: 0 };

const FUNCTIONS: Record<string, (...a: Raw[]) => unknown[][]> = {
  "CVA.PALIVE": (f, r, t, p) => palive(f, r, t, p),
  "CVA.EXPECTED": (h, f, r, t, p) => expected(h, f, r, t, p),
  "CVA.CLV.BTYD": (f, r, t, m, p, g, months, d, margin, unit) => clvBtyd(f, r, t, m, p, g, months, d, margin, unit),
};
const ARITY: Record<string, number> = { "CVA.PALIVE": 4, "CVA.EXPECTED": 5, "CVA.CLV.BTYD": 10 };

class CvaFunctions extends FunctionPlugin {
  static implementedFunctions = Object.fromEntries(
    Object.keys(FUNCTIONS).map((name) => [name, { method: "call", parameters: Array.from({ length: ARITY[name] }, () => ({ argumentType: FunctionArgumentType.ANY })) }]),
  );
  /** The engine's runner of a call, whose argument types its package does not export by name. */
  get run() {
    return this.runFunction;
  }
  call(ast: { args: Parameters<CvaFunctions["run"]>[0]; procedureName: string }, state: Parameters<CvaFunctions["run"]>[1]) {
    return this.run(ast.args, state, this.metadata(ast.procedureName), (...args: unknown[]) => {
      calls.count++;
      try {
        return scalar(FUNCTIONS[ast.procedureName](...args.map(matrix)));
      } catch (e) {
        // The functions throw their errors to Excel (src/functions/errors.ts): the cell shows #VALUE!.
        if (e instanceof Error) return new CellError(ErrorType.VALUE, e.message);
        throw e;
      }
    });
  }
}

let registered = false;
/** Registers the functions once (HyperFormula's registry is global). */
export function registerCvaFunctions(): void {
  if (registered) return;
  const names = Object.fromEntries(Object.keys(FUNCTIONS).map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(CvaFunctions, { enGB: names, enUS: names });
  registered = true;
}
