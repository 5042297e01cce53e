// @ts-check
/**
 * Mutation testing of the pure core and of the custom functions' argument handling. Run it with
 * `npm run test:mutation` (scripts/mutation.mjs), which tests each area of
 * scripts/mutation-areas.json in turn: CVA_MUTATION_AREA names the area, whose files are
 * mutated and whose tests (jest.stryker.config.js) judge the mutants. Incremental: a rerun tests
 * only the mutants whose code or tests changed since the area's report in reports/mutation/parts/.
 * Display text (the en-US/zh-CN message and error tables) is excluded in its files by a
 * `Stryker disable StringLiteral` comment that gives the reason.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
import { readFileSync } from "node:fs";

const { areas } = JSON.parse(readFileSync(new URL("./scripts/mutation-areas.json", import.meta.url), "utf8"));
const name = process.env.CVA_MUTATION_AREA ?? "";
const area = areas[name];
if (name && !area) throw new Error(`CVA_MUTATION_AREA=${name} is not an area of scripts/mutation-areas.json (${Object.keys(areas).join(", ")})`);
// CVA_MUTATION_FILES (comma-separated) narrows an area to some of its files, and
// CVA_MUTATION_PART names the part report, reports/mutation/parts/<part>.json (default: the area)
const files = (process.env.CVA_MUTATION_FILES ?? "").split(",").map((f) => f.trim()).filter(Boolean);
const mutate = files.length > 0 ? files : area ? area.mutate : Object.values(areas).flatMap((a) => a.mutate);
const part = process.env.CVA_MUTATION_PART ?? (name || "all");

export default {
  packageManager: "npm",
  testRunner: "jest",
  jest: { configFile: "jest.stryker.config.js", enableFindRelatedTests: false },
  coverageAnalysis: "perTest",
  mutate,
  incremental: true,
  // the incremental file is the mutation-testing-report JSON of this part: scripts/mutation.mjs
  // merges the parts into reports/mutation/README.md
  incrementalFile: `reports/mutation/parts/${part}.json`,
  reporters: ["progress", "clear-text"],
  clearTextReporter: { reportTests: false, reportMutants: true, reportScoreTable: true },
  concurrency: 2,
  timeoutMS: 20000,
  dryRunTimeoutMinutes: 30,
  tempDirName: ".stryker-tmp",
  // not copied into the sandbox: other runs' sandboxes (several areas may run at once), the
  // reports, build outputs and pictures
  ignorePatterns: [".stryker-tmp*", "/reports", "/dist", "/lib", "/test-output", "/coverage", "/docs/images", "*.log"],
  cleanTempDir: true,
  // no HTML pages or type checks in the sandbox: only the test runner's verdict counts
  disableTypeChecks: "src/**/*.{ts,tsx}",
  warnings: { slow: false },
};
