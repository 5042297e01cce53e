import { existsSync, readFileSync } from "fs";
import path from "path";
import { webpackBuild } from "./webpack-build";

describe("the build and functions.json", () => {
  it("fails, and writes no functions.json, when the functions' JSDoc is wrong", () => {
    const r = webpackBuild({ CVA_FUNCTIONS_INPUT: "./test/fixtures/bad-functions/functions.ts" });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("functions.json was not generated");
    expect(existsSync(path.join(r.outDir, "functions.json"))).toBe(false);
  });

  it("succeeds with the real functions and emits metadata that declares CVA.CLV", () => {
    const r = webpackBuild();
    expect(r.status).toBe(0);
    const meta = JSON.parse(readFileSync(path.join(r.outDir, "functions.json"), "utf8"));
    expect(meta.functions.map((f: { id: string }) => f.id)).toContain("CLV");
    // Error cells reach the functions, which answer per cell (scripts/webpack/functions-metadata.js).
    expect(meta.allowErrorForDataTypeAny).toBe(true);
    expect(JSON.parse(readFileSync(path.join(r.outDir, "functions.zh-cn.json"), "utf8")).allowErrorForDataTypeAny).toBe(true);
    // The plugin's loader registers each function with Excel at load time.
    expect(readFileSync(path.join(r.outDir, "functions.js"), "utf8")).toMatch(/CustomFunctions\.associate\("CLV",/);
  });
});
