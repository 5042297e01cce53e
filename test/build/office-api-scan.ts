/**
 * Every Office API member the add-in's code uses, with the requirement set @types/office-js
 * (and @types/custom-functions-runtime) documents for it ("[Api set: ExcelApi 1.7]" or
 * "Requirement set: SharedRuntime 1.1"). The TypeScript checker resolves each property access,
 * `new`, and property of an object literal passed where Office expects one (Excel.run's options),
 * so the list follows the code, not a hand-kept inventory.
 */
import path from "path";
import ts from "typescript";
import { repoRoot } from "./webpack-build";

export interface ApiUse {
  /** As @types names it, e.g. "Excel.Chart.activate". */
  api: string;
  set: string;
  version: string;
  /** First use, "src/excel/navigate.ts:16". */
  at: string;
}

const SET = /\[Api set: (\w+) (\d+(?:\.\d+)*)|Requirement set\**:\s*\{@link [^|}]*\|\s*(\w+) (\d+(?:\.\d+)*)\s*\}/;

function documentedSet(decl: ts.Declaration): { set: string; version: string } | undefined {
  const m = SET.exec(decl.getFullText().slice(0, decl.getLeadingTriviaWidth()));
  if (!m) return undefined;
  return m[1] ? { set: m[1], version: m[2] } : { set: m[3], version: m[4] };
}

function inTypePosition(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isTypeNode(n) || ts.isHeritageClause(n)) return true;
    if (ts.isStatement(n) || ts.isExpression(n)) return false;
  }
  return false;
}

/** Scans src/excel, src/functions and src/taskpane. Takes a few seconds (one type-checked program). */
export function officeApiUses(folders = ["src/excel", "src/functions", "src/taskpane"]): ApiUse[] {
  const configPath = path.join(repoRoot, "tsconfig.json");
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, repoRoot);
  const dirs = folders.map((f) => path.join(repoRoot, f) + path.sep);
  const files = parsed.fileNames.filter((f) => dirs.some((d) => path.resolve(f).startsWith(d)));
  const program = ts.createProgram(files, parsed.options);
  const checker = program.getTypeChecker();
  const uses = new Map<string, ApiUse>();
  const record = (symbol: ts.Symbol | undefined, node: ts.Node) => {
    if (!symbol) return;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const decl of symbol.declarations ?? []) {
      if (!/[\\/]@types[\\/](office-js|custom-functions-runtime)[\\/]/.test(decl.getSourceFile().fileName)) continue;
      const found = documentedSet(decl);
      if (!found) continue;
      const api = checker.getFullyQualifiedName(symbol);
      if (!uses.has(api)) {
        const sf = node.getSourceFile();
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        uses.set(api, { api, ...found, at: `${path.relative(repoRoot, sf.fileName).split(path.sep).join("/")}:${line}` });
      }
    }
  };
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(sf.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && !inTypePosition(node)) {
        record(checker.getSymbolAtLocation(node.name), node);
      } else if (ts.isNewExpression(node)) {
        record(checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression), node);
      } else if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
        const contextual = checker.getContextualType(node.parent);
        const name = node.name.getText();
        record(contextual?.getProperty(name), node);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return [...uses.values()].sort((a, b) => a.api.localeCompare(b.api));
}

/** -1, 0 or 1 for "1.9" against "1.10". */
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
