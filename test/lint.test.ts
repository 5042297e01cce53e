/**
 * The purity of src/core is enforced, not hoped for: code that reaches for Office, the
 * DOM, React, Node or the outer layers fails ESLint when it sits in src/core, and fails
 * to compile under tsconfig.core.json. Each fixture below is a real violation.
 */
import { spawnSync } from "child_process";
import path from "path";
import ts from "typescript";

const root = path.resolve(__dirname, "..");

/** Lints each snippet as if it were the named file, with the project's real config. */
function lintAll(items: Array<{ file: string; code: string }>): string[][] {
  // ESLint loads eslint.config.mjs with a dynamic import, which jest's VM does not
  // allow, so one child process lints every snippet.
  const r = spawnSync(process.execPath, [path.join(__dirname, "setup", "lint-runner.mjs")], {
    cwd: root,
    input: JSON.stringify(items),
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`eslint failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe("core purity (ESLint)", () => {
  const violations: Array<[string, string, string]> = [
    ["Excel global", "export async function f() { return Excel.run(async () => 1); }", "no-restricted-globals"],
    ["Office global", "export const lang = Office.context.displayLanguage;", "no-restricted-globals"],
    ["CustomFunctions global", "export const e = CustomFunctions.ErrorCode;", "no-restricted-globals"],
    ["window", "export const w = window.innerWidth;", "no-restricted-globals"],
    ["document", "export const d = document.title;", "no-restricted-globals"],
    ["process", "export const tz = process.env.TZ;", "no-restricted-globals"],
    ["react import", 'import { useState } from "react";\nexport const u = useState;', "no-restricted-imports"],
    ["Fluent import", 'import { Button } from "@fluentui/react-components";\nexport const B = Button;', "no-restricted-imports"],
    ["excel layer import", 'import { readSelection } from "../excel";\nexport const r = readSelection;', "no-restricted-imports"],
    ["Node fs import", 'import { readFileSync } from "fs";\nexport const r = readFileSync;', "no-restricted-imports"],
  ];

  const syncInLoop = [
    "export async function f(context: Excel.RequestContext, ranges: Excel.Range[]) {",
    "  for (const r of ranges) {",
    '    r.load("values");',
    "    await context.sync();",
    "  }",
    "}",
  ].join("\n");
  const excelCall = "export async function f() { return Excel.run(async () => 1); }";
  const pure = "export const twice = (x: number): number => 2 * x;\n";
  let results: string[][];

  beforeAll(() => {
    results = lintAll([
      ...violations.map(([, code]) => ({ file: "src/core/__fixture__.ts", code })),
      { file: "src/excel/__fixture__.ts", code: excelCall },
      { file: "src/core/__fixture__.ts", code: pure },
      { file: "src/excel/__fixture__.ts", code: syncInLoop },
    ]);
  }, 60_000);

  it.each(violations.map((v, i) => [...v, i] as const))("rejects %s in src/core", (_name, _code, rule, i) => {
    expect(results[i].some((m) => m.startsWith(`${rule}:`))).toBe(true);
  });

  it("accepts the same Excel call outside the core (src/excel)", () => {
    expect(results[violations.length]).toEqual([]);
  });

  it("accepts plain TypeScript in the core", () => {
    expect(results[violations.length + 1]).toEqual([]);
  });

  it("rejects context.sync() inside a loop in the excel layer (office-addins rule)", () => {
    expect(results[violations.length + 2].some((m) => m.startsWith("office-addins/no-context-sync-in-loop:"))).toBe(true);
  });
});

describe("core purity (tsconfig.core.json)", () => {
  function compileAsCore(code: string): string[] {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.core.json"), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    })!;
    const file = path.join(root, "src/core/__fixture__.ts");
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile;
    host.readFile = (f) => (path.resolve(f) === file ? code : readFile(f));
    const fileExists = host.fileExists;
    host.fileExists = (f) => path.resolve(f) === file || fileExists(f);
    const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }

  it("does not know Excel, Office, document or Node's process there", () => {
    expect(compileAsCore("export const a = Excel;")).toEqual([expect.stringContaining("Cannot find name 'Excel'")]);
    expect(compileAsCore("export const a = Office;")).toEqual([expect.stringContaining("Cannot find name 'Office'")]);
    expect(compileAsCore("export const a = document;")).toEqual([expect.stringContaining("Cannot find name 'document'")]);
    expect(compileAsCore("export const a = process;")).toEqual([expect.stringContaining("Cannot find name 'process'")]);
  });

  it("compiles pure code", () => {
    expect(compileAsCore("export const twice = (x: number): number => 2 * x;")).toEqual([]);
  });
});
