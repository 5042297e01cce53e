/**
 * The repository stands on its own: a user clones only it. So no file may point outside it
 * (a sibling folder, an outside specification, a tracker's issue number), and every place the
 * code cites in docs/ must exist: the file, and the numbered section (`docs/pyramid.md §3` needs
 * a heading `## 3. …` in docs/pyramid.md). Relative links in the Markdown files must resolve.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import path from "path";

const root = path.resolve(__dirname, "..");
const skipDirs = new Set([".git", "node_modules", "dist", "lib", "test-output", "coverage"]);
const textExt = /\.(ts|tsx|js|mjs|cjs|json|md|html|xml|py|sh|yml|yaml|txt|csv)$|^\.ci$|^run$|^\.npmrc$|^\.gitignore$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (skipDirs.has(name) || name.startsWith(".stryker-tmp")) continue; // mutation sandboxes are copies
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else if (textExt.test(name) && st.size < 4_000_000) out.push(full);
  }
  return out;
}

const files = walk(root).map((f) => ({ rel: path.relative(root, f), text: readFileSync(f, "utf8") }));

/** Lines of the repository matching a pattern, as "file:line: text". */
function hits(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const { rel, text } of files) {
    text.split("\n").forEach((line, i) => {
      if (pattern.test(line)) found.push(`${rel}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return found;
}

// Built from pieces so that this file does not match its own patterns.
const sibling = new RegExp("\\.\\./" + "shared");
const outsideSpec = new RegExp("(DOMAIN|STYLE)" + "\\.md");
const trackerIssue = new RegExp("iss" + "ue (#?[0-9])", "i");

describe("the repository stands on its own", () => {
  it("reads enough of the repository to mean something", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.rel === path.join("src", "core", "analyze.ts"))).toBe(true);
  });

  it("names no folder beside the clone", () => {
    expect(hits(sibling)).toEqual([]);
  });

  it("cites no specification outside the repository", () => {
    expect(hits(outsideSpec)).toEqual([]);
  });

  it("cites no tracker issue number", () => {
    expect(hits(trackerIssue)).toEqual([]);
  });

  it("keeps the benchmark data it tests against, with its README", () => {
    for (const f of ["cdnow_sample.csv", "cdnow_customers_summary.csv", "cdnow_customers_summary_with_transactions.csv", "donations.csv", "README.md"]) {
      expect([f, existsSync(path.join(root, "data", "cdnow", f))]).toEqual([f, true]);
    }
  });
});

describe("citations of docs/", () => {
  const headings = new Map<string, Set<string>>();
  function sectionsOf(doc: string): Set<string> | undefined {
    if (!headings.has(doc)) {
      const full = path.join(root, doc);
      if (!existsSync(full)) return undefined;
      const nums = new Set<string>();
      for (const m of readFileSync(full, "utf8").matchAll(/^## +(\d+)\.\s/gm)) nums.add(m[1]);
      headings.set(doc, nums);
    }
    return headings.get(doc);
  }

  const cites: { where: string; doc: string; section?: string }[] = [];
  for (const { rel, text } of files) {
    text.split("\n").forEach((line, i) => {
      for (const m of line.matchAll(/\bdocs\/([\w./-]+\.md)(?:\s*§\s*(\d+))?/g)) {
        cites.push({ where: `${rel}:${i + 1}`, doc: `docs/${m[1]}`, section: m[2] });
      }
    });
  }

  it("are many: the code cites the model documentation", () => {
    expect(cites.filter((c) => c.where.startsWith("src")).length).toBeGreaterThan(50);
  });

  it("every cited file exists and every cited section is a numbered heading in it", () => {
    const broken = cites.filter((c) => {
      const s = sectionsOf(c.doc);
      return s === undefined || (c.section !== undefined && !s.has(c.section));
    });
    expect(broken.map((c) => `${c.where} → ${c.doc}${c.section ? ` §${c.section}` : ""}`)).toEqual([]);
  });

  it("every paper equation the code cites (e.g. FHL 2005 eq. 10) is written out in docs/", () => {
    // "FHL 2005 eq. (10)", "FH 2006, eq. 13" → "FHL 2005 eq. 10", "FH 2006 eq. 13".
    const norm = (s: string) => s.replace(/,? +eq\.? *\(?([0-9]+[a-z]?)\)?/g, " eq. $1");
    const cite = /\b(FHL|FHS|FH|BDF) ((?:19|20)[0-9]{2}),? +eq\.? *\(?[0-9]+[a-z]?\)?/g;
    const docs = files.filter((f) => f.rel.startsWith("docs")).map((f) => norm(f.text)).join("\n");
    const cited = new Set<string>();
    for (const { rel, text } of files.filter((f) => /^(src|bench)\//.test(f.rel))) {
      for (const m of text.matchAll(cite)) cited.add(`${norm(m[0])} (${rel})`);
    }
    expect(cited.size).toBeGreaterThan(10);
    const missing = [...cited].filter((c) => !docs.includes(c.slice(0, c.indexOf(" ("))));
    expect(missing).toEqual([]);
  });

  it("every relative link in the Markdown files resolves", () => {
    const broken: string[] = [];
    for (const { rel, text } of files.filter((f) => f.rel.endsWith(".md"))) {
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split("#")[0];
        if (!target || /^[a-z]+:/i.test(target)) continue;
        if (!existsSync(path.join(root, path.dirname(rel), decodeURI(target)))) broken.push(`${rel} → ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
