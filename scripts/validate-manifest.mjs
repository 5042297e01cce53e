// Checks a manifest offline: `node scripts/validate-manifest.mjs [dist/manifest.xml]`.
// Runs our structure rules and Office's own manifest parser (scripts/webpack/manifest-checks.js);
// neither is Microsoft's XSD schema, which `npm run validate` checks through a Microsoft web
// service. Exits 1 and lists the problems when there are any.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
const { checkManifest } = require("./webpack/manifest-checks.js");

const file = path.resolve(process.argv[2] ?? "dist/manifest.xml");
let xml;
try {
  xml = readFileSync(file, "utf8");
} catch (e) {
  console.error(`cannot read ${file}: ${e.message}`);
  process.exit(2);
}
const problems = checkManifest(xml);
if (problems.length) {
  console.error(`${file}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
const page = /<SourceLocation DefaultValue="([^"]+)"/.exec(xml)?.[1];
console.log(`${file}: passes the structure rules and Office's manifest parser (the pane: ${page})`);
