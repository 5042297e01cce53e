// Runs every benchmark script in bench/ (all *.mjs but this runner and the data generator),
// one child process each so one script's heap does not skew another's figures.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = fs
  .readdirSync(here)
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs" && f !== "generate.mjs")
  .sort();
let failed = 0;
for (const s of scripts) {
  console.log(`\n=== bench/${s} ===`);
  const r = spawnSync(process.execPath, [path.join(here, s)], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`bench/${s} failed (exit ${r.status})`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
