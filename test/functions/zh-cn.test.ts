/**
 * functions.zh-cn.json: the metadata Excel shows in Chinese, built from
 * src/functions/functions.zh-CN.json. Every function and every parameter must have a
 * Chinese description; a missing or stale entry fails the build.
 */
import path from "path";
import { readFileSync } from "fs";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
const { localizeMetadata, functionSources } = require("../../scripts/webpack/functions-metadata");

interface Fn { id: string; description: string; parameters: { name: string; description: string }[] }

const tablePath = path.resolve(__dirname, "../../src/functions/functions.zh-CN.json");
let metadata: { functions: Fn[] };

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(functionSources(path.resolve(__dirname, "../../src/functions/functions.ts")), true);
  metadata = JSON.parse(r.metadataJson);
});

describe("functions.zh-cn.json", () => {
  it("every function and parameter has a Chinese description, and nothing else changes", () => {
    const table = JSON.parse(readFileSync(tablePath, "utf8"));
    const { metadata: zh, problems } = localizeMetadata(metadata, table);
    expect(problems).toEqual([]);
    expect(zh.functions.map((f: Fn) => f.id)).toEqual(metadata.functions.map((f) => f.id));
    zh.functions.forEach((f: Fn, i: number) => {
      const en = metadata.functions[i];
      expect([f.id, /[\u4e00-\u9fff]/.test(f.description)]).toEqual([f.id, true]);
      expect(f.parameters.map((p) => p.name)).toEqual(en.parameters.map((p) => p.name));
      for (const p of f.parameters) expect([f.id, p.name, /[\u4e00-\u9fff]/.test(p.description)]).toEqual([f.id, p.name, true]);
    });
  });

  it("reports a missing function, a missing parameter and a stale entry", () => {
    const table = JSON.parse(readFileSync(tablePath, "utf8"));
    delete table.GINI;
    delete table.CLV.parameters.periods;
    table.OLDNAME = { description: "旧函数", parameters: {} };
    table.TIER.parameters.colour = "颜色";
    const { problems } = localizeMetadata(metadata, table);
    expect(problems.sort()).toEqual(
      [
        "GINI: no zh-CN description",
        "CLV: parameter periods has no zh-CN description",
        "the zh-CN table describes a function OLDNAME that does not exist",
        'TIER: the zh-CN table describes a parameter "colour" the function does not have',
      ].sort(),
    );
  });
});
