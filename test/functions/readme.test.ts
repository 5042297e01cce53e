// The README's function reference lists every =CVA.* function with the arguments Excel shows:
// the signatures are compared with the metadata the build generates from the functions' JSDoc.
import path from "path";
import { readFileSync } from "fs";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
const { functionSources } = require("../../scripts/webpack/functions-metadata");

const root = path.resolve(__dirname, "../..");

it("the README's function reference has every function with its arguments, in order", async () => {
  const r = await generateCustomFunctionsMetadata(functionSources(path.join(root, "src/functions/functions.ts")), true);
  const fns = (JSON.parse(r.metadataJson) as { functions: { name: string; parameters: { name: string; optional?: boolean }[] }[] }).functions;
  const signature = (f: (typeof fns)[number]) => `${f.name}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`;
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("### Function reference"), readme.indexOf("**Worked example on CDNOW.**"));
  const rows = [...table.matchAll(/^\| `([A-Z.]+)\(([^`]*)\)` \|/gm)].map((m) => ({ name: m[1], args: m[2] }));
  expect(rows.map((x) => x.name)).toEqual(fns.map((f) => f.name));
  const byName = new Map(fns.map((f) => [f.name, f]));
  for (const row of rows) {
    const f = byName.get(row.name)!;
    // "RFMSEGMENT(…same…, [lang])" stands for RFM's arguments and its own.
    const args = row.args.replace("…same…", byName.get("RFM")!.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", "));
    expect(`${row.name}(${args})`).toBe(signature(f));
  }
});
