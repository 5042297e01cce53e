#!/usr/bin/env node
/**
 * `npm run test:mutation [-- <area> …]`: mutation testing of the core and of the custom
 * functions' argument handling with StrykerJS, area by area (scripts/mutation-areas.json), then
 * one summary of all parts in reports/mutation/README.md (score per file and every surviving
 * mutant) and reports/mutation/summary.json.
 *
 * Each area is incremental (its report reports/mutation/parts/<area>.json): a rerun tests only
 * the mutants whose code or tests changed. But Stryker reuses a surviving mutant of code that runs
 * when its module loads (a table of constants, a registry object) even after a new test kills it:
 * no test "covers" such a mutant, so none counts as new for it. `--force` tests every mutant of the
 * chosen areas again; use it after adding tests for such code. `--report` only rebuilds the summary
 * from the committed parts. Exits 1 when the score of src/core is below 85 % or a mutated file has no
 * report for its current source.
 *
 * Score, as Stryker counts it: (killed + timeout) / (killed + timeout + survived + no coverage);
 * mutants disabled in the source by a `Stryker disable` comment with its reason are not counted.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { areas, noMutants = {} } = JSON.parse(readFileSync(path.join(root, "scripts/mutation-areas.json"), "utf8"));
const CORE_TARGET = 85;

const args = process.argv.slice(2);
const reportOnly = args.includes("--report");
const chosen = args.filter((a) => !a.startsWith("--"));
for (const a of chosen) {
  if (!areas[a]) {
    console.error(`Unknown area "${a}"; the areas are ${Object.keys(areas).join(", ")}.`);
    process.exit(2);
  }
}

if (!reportOnly) {
  for (const name of chosen.length > 0 ? chosen : Object.keys(areas)) {
    console.log(`\n== mutation testing: ${name} (${areas[name].mutate.join(", ")})`);
    const r = spawnSync(process.execPath, [path.join(root, "node_modules/@stryker-mutator/core/bin/stryker.js"), "run", ...(args.includes("--force") ? ["--force"] : [])], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, CVA_MUTATION_AREA: name },
    });
    if (r.status !== 0) {
      console.error(`Stryker failed on the area ${name} (exit ${r.status}).`);
      process.exit(r.status ?? 1);
    }
  }
}

/** Counts of one file's mutants by status. */
function tally(mutants) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
  for (const m of mutants) {
    if (m.status === "Killed") c.killed++;
    else if (m.status === "Timeout") c.timeout++;
    else if (m.status === "Survived") c.survived++;
    else if (m.status === "NoCoverage") c.noCoverage++;
    else if (m.status === "Ignored") c.ignored++;
    else c.errors++;
  }
  return c;
}
const detected = (c) => c.killed + c.timeout;
const valid = (c) => c.killed + c.timeout + c.survived + c.noCoverage;
const score = (c) => (valid(c) === 0 ? 100 : (100 * detected(c)) / valid(c));
/**
 * Keeps a part small enough to commit: each mutant's statusReason (a whole stack trace for a
 * killed mutant) is cut to its first line, and the JSON is written without indentation. The
 * incremental run reads neither.
 */
function compact(report, file) {
  for (const data of Object.values(report.files)) {
    for (const m of data.mutants) if (typeof m.statusReason === "string") m.statusReason = m.statusReason.split("\n")[0].slice(0, 200);
  }
  delete report.projectRoot;
  const text = JSON.stringify(report);
  if (text !== readFileSync(file, "utf8")) writeFileSync(file, text);
}

/** The files a glob of scripts/mutation-areas.json names ("dir/**" + "/*.ts" or a file). */
function globFiles(glob) {
  const m = /^(.*)\/\*\*\/\*(\.[a-z]+)$/.exec(glob);
  if (!m) return existsSync(path.join(root, glob)) ? [glob] : [];
  const walk = (dir) =>
    readdirSync(path.join(root, dir)).flatMap((n) => {
      const rel = `${dir}/${n}`;
      return statSync(path.join(root, rel)).isDirectory() ? walk(rel) : rel.endsWith(m[2]) ? [rel] : [];
    });
  return walk(m[1]);
}
const add = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] + b[k]]));

// The parts: reports/mutation/parts/*.json (each a Stryker incremental file, which is a
// mutation-testing-report JSON). A part counts for a file only while the file's source is the
// one it tested; of several current parts the one that detects the most is taken.
const partsDir = path.join(root, "reports/mutation/parts");
const files = {};
const stale = new Set();
for (const part of existsSync(partsDir) ? readdirSync(partsDir).filter((f) => f.endsWith(".json")).sort() : []) {
  const report = JSON.parse(readFileSync(path.join(partsDir, part), "utf8"));
  compact(report, path.join(partsDir, part));
  for (const [file, data] of Object.entries(report.files)) {
    const rel = path.relative(root, path.resolve(root, file)).split(path.sep).join("/");
    const now = existsSync(path.join(root, rel)) ? readFileSync(path.join(root, rel), "utf8") : null;
    if (now !== data.source) {
      stale.add(rel);
      continue;
    }
    const candidate = { part: part.replace(/\.json$/, ""), source: data.source, mutants: data.mutants };
    if (!files[rel] || detected(tally(candidate.mutants)) > detected(tally(files[rel].mutants))) files[rel] = candidate;
  }
}
const mutated = Object.values(areas)
  .flatMap((a) => a.mutate)
  .flatMap((g) => globFiles(g));
// Files of re-exports only: Stryker makes no mutant of them and leaves them out of its reports.
const missing = [...new Set(mutated)].filter((f) => !files[f] && !(f in noMutants)).sort();
const zero = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
let core = { ...zero };
let all = { ...zero };
const rows = [];
const survivors = [];
for (const file of Object.keys(files).sort()) {
  const { mutants, source, part: area } = files[file];
  const c = tally(mutants);
  all = add(all, c);
  if (file.startsWith("src/core/")) core = add(core, c);
  rows.push({ file, area, ...c, score: score(c) });
  const lines = source.split("\n");
  for (const m of mutants) {
    if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
    const line = m.location.start.line;
    survivors.push({ file, line, status: m.status, mutator: m.mutatorName, code: (lines[line - 1] ?? "").trim(), replacement: m.replacement });
  }
}

const pct = (x) => `${x.toFixed(1)} %`;
const md = [
  "# Mutation testing report",
  "",
  "Made by `npm run test:mutation` (scripts/mutation.mjs, StrykerJS with the jest runner); rebuild this",
  "page from the part reports (reports/mutation/parts/) with `node scripts/mutation.mjs --report`. Score = (killed + timeout) /",
  "(killed + timeout + survived + no coverage). Display text (the message and error tables) is excluded in",
  "its files by a `Stryker disable StringLiteral` comment; a mutant shown to change nothing observable is",
  "disabled on its line by a comment that says why.",
  "",
  `**src/core: ${pct(score(core))}** (${detected(core)} of ${valid(core)} mutants detected); all mutated files: ${pct(score(all))} (${detected(all)} of ${valid(all)}).`,
  missing.length > 0 ? `\nFiles without a current report (not counted above): ${missing.join(", ")}.` : "",
  "",
  "| File | Part | Killed | Timeout | Survived | No coverage | Score |",
  "|---|---|---:|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.file} | ${r.area} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${pct(r.score)} |`),
  "",
  "## Surviving mutants",
  "",
  survivors.length === 0 ? "None." : "Each is a test still to write, or an equivalent mutant not yet shown to be one and marked in the source with its reason.",
  "",
  ...survivors.map((s) => `- ${s.file}:${s.line} ${s.mutator}${s.status === "NoCoverage" ? " (no test reaches it)" : ""}: \`${s.code.slice(0, 100).replace(/`/g, "'")}\` → \`${String(s.replacement ?? "").slice(0, 60).replace(/`/g, "'").replace(/\n/g, " ")}\``),
  "",
];
writeFileSync(path.join(root, "reports/mutation/README.md"), md.join("\n"));
writeFileSync(
  path.join(root, "reports/mutation/summary.json"),
  JSON.stringify({ core: { ...core, score: Number(score(core).toFixed(2)) }, all: { ...all, score: Number(score(all).toFixed(2)) }, files: rows.map((r) => ({ ...r, score: Number(r.score.toFixed(2)) })), withoutReport: missing }, null, 2) + "\n",
);
console.log(`\nMutation score of src/core: ${pct(score(core))} (${detected(core)}/${valid(core)}); all: ${pct(score(all))}. Report: reports/mutation/README.md`);
if (missing.length > 0) console.log(`Files without a current report: ${missing.join(", ")}`);
if (score(core) < CORE_TARGET || missing.some((f) => f.startsWith("src/core/"))) process.exit(1);
