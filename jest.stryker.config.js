/**
 * The unit tests that mutation testing runs (stryker.config.mjs, scripts/mutation.mjs): those of
 * the pure core, the custom functions and the command line run in-process. The task pane,
 * Excel-layer, build and browser tests do not reach the mutated files.
 *
 * CVA_MUTATION_AREA (an area of scripts/mutation-areas.json) runs that area's tests only, and
 * CVA_MUTATION_TESTS narrows the run to a comma-separated list of globs (from the repository
 * root, e.g. "test/core/clv/**" + "/*.test.ts"): scripts/mutation.mjs tests each
 * area of the core with the tests of that area, so that a mutant does not wait for the whole
 * suite.
 */
const base = require("./jest.config.js");
const { areas } = require("./scripts/mutation-areas.json");

const area = areas[process.env.CVA_MUTATION_AREA ?? ""];
const only = (process.env.CVA_MUTATION_TESTS ?? (area ? area.tests.join(",") : ""))
  .split(",")
  .map((g) => g.trim())
  .filter(Boolean)
  .map((g) => `<rootDir>/${g}`);

module.exports = {
  ...base,
  roots: ["<rootDir>/test"],
  testMatch: only.length > 0 ? only : ["<rootDir>/test/core/**/*.test.ts", "<rootDir>/test/functions/**/*.test.ts", "<rootDir>/test/cli/**/*.test.ts"],
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    // these compile the CLI with tsc and spawn it: slow, and they test the build, not the model
    "/test/cli/readme.test.ts",
    "/test/cli/cli.test.ts",
    "/test/cli/version.test.ts",
    "/test/cli/large-output.test.ts"
  ]
};
