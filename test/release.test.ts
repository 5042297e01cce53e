/**
 * CVA as a release a team deploys: `CVA_PUBLIC_URL=https://… npm run build` makes dist/ and a
 * dist/manifest.xml whose every URL is under that address, versioned from package.json
 * (scripts/webpack/release-manifest.js), and both manifests pass the offline manifest checks
 * (scripts/webpack/manifest-checks.js: our structure rules and Office's own manifest parser; they
 * are not Microsoft's XSD schema, which no package ships). test/browser/deploy.test.ts serves the
 * same build under a sub-path in Chromium.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { webpackBuild, repoRoot } from "./build/webpack-build";

const { normalizePublicUrl, manifestVersion, transformManifest } = require("../scripts/webpack/release-manifest");
const { checkManifest, checkStructure, manifestUrls, officeParser, parseXml } = require("../scripts/webpack/manifest-checks");

type Doc = { documentElement: El; getElementsByTagName(n: string): ArrayLike<El> };
type El = { localName: string; tagName: string; textContent: string | null; getAttribute(n: string): string | null; attributes: ArrayLike<{ name: string; value: string }> };

const DEV = "https://localhost:3000/";
const PUBLIC = "https://cva.example.com/addin/";
const devXml = readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string; license: string };
const all = (doc: Doc) => Array.from(doc.getElementsByTagName("*"));
const text = (doc: Doc, tag: string) => all(doc).find((e) => e.localName === tag)?.textContent ?? "";

describe("CVA_PUBLIC_URL", () => {
  it("is accepted with or without the trailing slash, and always ends in one", () => {
    expect(normalizePublicUrl("https://cva.example.com/addin")).toBe(PUBLIC);
    expect(normalizePublicUrl("https://cva.example.com/addin/")).toBe(PUBLIC);
    expect(normalizePublicUrl(" https://cva.example.com ")).toBe("https://cva.example.com/");
    expect(normalizePublicUrl("https://CVA.example.com:8443/a/b")).toBe("https://cva.example.com:8443/a/b/");
  });

  it.each([
    ["http://cva.example.com/addin/", /must use https/],
    ["ftp://cva.example.com/addin/", /must use https/],
    ["cva.example.com/addin/", /absolute https URL/],
    ["/addin/", /absolute https URL/],
    ["", /absolute https URL/],
    ["https://cva.example.com/addin/?v=1", /without query/],
    ["https://localhost:3000/", /not localhost/],
  ])("rejects %j with a message naming the variable", (raw, message) => {
    expect(() => normalizePublicUrl(raw)).toThrow(/CVA_PUBLIC_URL/);
    expect(() => normalizePublicUrl(raw)).toThrow(message);
  });
});

describe("the manifest version comes from package.json", () => {
  it("maps major.minor.patch to Office's four parts", () => {
    expect(manifestVersion("0.1.0")).toBe("0.1.0.0");
    expect(manifestVersion("12.3.45")).toBe("12.3.45.0");
  });

  it("refuses what Office cannot take, saying why", () => {
    expect(() => manifestVersion("1.0.0-beta.1")).toThrow(/four numbers/);
    expect(() => manifestVersion("123456.0.0")).toThrow(/four numbers/);
  });

  it("the development manifest.xml carries package.json's version too, so a sideloaded dev build shows the same number", () => {
    expect(text(parseXml(devXml), "Version")).toBe(manifestVersion(pkg.version));
  });
});

describe("transformManifest", () => {
  const out: string = transformManifest(devXml, { devUrl: DEV, publicUrl: PUBLIC, version: "7.8.9.0" });
  const doc: Doc = parseXml(out);

  it("moves every URL under the public URL and leaves no localhost anywhere", () => {
    const urls = manifestUrls(doc).map(([u]: [string]) => u);
    expect(urls.length).toBeGreaterThanOrEqual(12);
    for (const u of urls) expect([u, u.startsWith(PUBLIC)]).toEqual([u, true]);
    expect(out).not.toMatch(/localhost/i);
  });

  it("drops the dev server's AppDomain: SourceLocation's domain is trusted anyway and an AppDomain may not carry a path", () => {
    expect(all(doc).filter((e) => ["AppDomains", "AppDomain"].includes(e.localName))).toEqual([]);
  });

  it("keeps the Id, sets the Version, and changes nothing but URLs", () => {
    const dev: Doc = parseXml(devXml);
    expect(text(doc, "Id")).toBe(text(dev, "Id"));
    expect(text(doc, "Version")).toBe("7.8.9.0");
    const shape = (d: Doc) =>
      all(d)
        .filter((e) => !["AppDomains", "AppDomain"].includes(e.localName))
        .map((e) => [e.tagName, Array.from(e.attributes).map((a) => `${a.name}=${a.value.split(DEV).join(PUBLIC)}`).join(" ")].join(" "));
    expect(shape(doc)).toEqual(shape(dev));
  });

  it("escapes what XML needs escaped in the public URL", () => {
    const odd = "https://cva.example.com/a&b'c--d/";
    const xml: string = transformManifest(devXml, { devUrl: DEV, publicUrl: odd, version: "1.0.0.0" });
    const urls = manifestUrls(parseXml(xml)).map(([u]: [string]) => u);
    expect(urls.every((u: string) => u.startsWith(odd))).toBe(true);
    expect(checkManifest(xml)).toEqual([]);
  });

  it("without a public URL only the version changes", () => {
    expect(transformManifest(devXml, { devUrl: DEV, version: "7.8.9.0" })).toBe(devXml.replace(/<Version>[^<]*<\/Version>/, "<Version>7.8.9.0</Version>"));
  });

  it("fails when manifest.xml names a localhost URL it cannot move", () => {
    const odd = devXml.replace("https://localhost:3000/help.html", "https://localhost:4000/help.html");
    expect(() => transformManifest(odd, { devUrl: DEV, publicUrl: PUBLIC, version: "1.0.0.0" })).toThrow(/still names localhost.*localhost:4000/);
  });
});

describe("offline manifest checks", () => {
  it("the development manifest passes our structure rules and Office's manifest parser", () => {
    expect(checkManifest(devXml)).toEqual([]);
  });

  // Each broken manifest: what our rules say, and whether Office's own parser (osfmos.js from
  // office-addin-manifest-converter) notices. Where it does not, our rules are the only guard.
  const swapped = devXml.replace(/(<Description DefaultValue[\s\S]*?<\/Description>\n)(\s*<IconUrl[^\n]*\n)/, "$2$1");
  it.each([
    ["an element out of order (Description after IconUrl)", swapped, /<Description> is out of order: it must come before <IconUrl>/, false],
    ["functions Script after Page", devXml.replace(/(<Script>[\s\S]*?<\/Script>\s*)(<Page>[\s\S]*?<\/Page>)/, "$2$1"), /<Script> is out of order/, false],
    ["a missing required element (ProviderName)", devXml.replace(/<ProviderName>.*<\/ProviderName>/, ""), /missing <ProviderName>/, true],
    ["a missing required element (SourceLocation)", devXml.replace(/<DefaultSettings>[\s\S]*?<\/DefaultSettings>/, ""), /missing <DefaultSettings>/, true],
    ["a missing Supertip on the button", devXml.replace(/<Supertip>[\s\S]*?<\/Supertip>/, ""), /Control\[Button\]#CVA.TaskpaneButton: missing <Supertip>/, true],
    ["a resid that resolves to nothing", devXml.replace('resid="Functions.Script.Url"', 'resid="Functions.Script"'), /resid "Functions.Script" does not resolve/, false],
    ["a resid of the wrong kind", devXml.replace('<Title resid="GetStarted.Title"/>', '<Title resid="GetStarted.Description"/>'), /is in <bt:LongStrings>, expected <bt:ShortStrings>/, false],
    ["a resource id defined twice", devXml.replace('<bt:String id="Group.Label"', '<bt:String id="GetStarted.Title"'), /"GetStarted.Title" is defined twice/, false],
    ["an element no rule knows", devXml.replace("<Permissions>", "<Bogus/><Permissions>"), /<Bogus> is not a child these checks know/, false],
    ["a bad Permissions value", devXml.replace("ReadWriteDocument", "Everything"), /<Permissions> must be one of/, true],
    ["a five-part version", devXml.replace(/<Version>[^<]*/, "<Version>0.1.0.0.0"), /<Version> must be one to four numbers/, false],
    ["an http URL", devXml.replace("https://localhost:3000/functions.js", "http://localhost:3000/functions.js"), /is not an absolute https URL/, false],
    ["the wrong namespace", devXml.replace("appforoffice/1.1", "appforoffice/9.9"), /root element must be <OfficeApp>/, true],
    ["text that is not XML", devXml.replace("</OfficeApp>", ""), /not well-formed XML/, true],
  ])("reject %s", (_what, xml, ours, officeRejects) => {
    const problems: string[] = checkManifest(xml);
    expect(problems.join("\n")).toMatch(ours);
    if (!/not well-formed/.test(problems.join())) expect(officeParser(xml).length > 0).toBe(officeRejects);
  });

  it("Office's parser rejects only with a bare message, which is why our rules run first and name the element", () => {
    expect(officeParser(devXml.replace(/<ProviderName>.*<\/ProviderName>/, ""))).toEqual([expect.stringMatching(/^Office's manifest parser rejected the manifest: Sys.ArgumentNullException/)]);
  });

  it("the rules report each problem once, not a cascade", () => {
    expect(checkStructure(parseXml(swapped))).toHaveLength(1);
  });
});

describe("a production build for https://cva.example.com/addin (no trailing slash)", () => {
  let outDir: string;
  let manifest: string;
  let doc: Doc;

  beforeAll(() => {
    const r = webpackBuild({ CVA_PUBLIC_URL: "https://cva.example.com/addin" }, "production");
    if (r.status !== 0) throw new Error(r.output);
    outDir = r.outDir;
    manifest = readFileSync(path.join(outDir, "manifest.xml"), "utf8");
    doc = parseXml(manifest);
  }, 240_000);

  it("every URL of dist/manifest.xml starts with the public URL, and localhost appears nowhere", () => {
    const urls = manifestUrls(doc).map(([u]: [string]) => u);
    expect(urls.length).toBeGreaterThanOrEqual(12);
    for (const u of urls) expect([u, u.startsWith(PUBLIC)]).toEqual([u, true]);
    expect(manifest).not.toMatch(/localhost/i);
    const page = all(doc).find((e) => e.localName === "Url" && e.getAttribute("id") === "Taskpane.Url");
    expect(page?.getAttribute("DefaultValue")).toBe(`${PUBLIC}taskpane.html`);
  });

  it("keeps the Id and takes the Version from package.json", () => {
    expect(text(doc, "Id")).toBe(text(parseXml(devXml), "Id"));
    expect(text(doc, "Version")).toBe(manifestVersion(pkg.version));
  });

  it("every file a URL names exists in the build output", () => {
    for (const [u] of manifestUrls(doc) as [string][]) {
      const file = path.join(outDir, decodeURIComponent(u.slice(PUBLIC.length)));
      expect([u, existsSync(file) && readFileSync(file).length > 0]).toEqual([u, true]);
    }
  });

  it("passes our structure rules and Office's manifest parser", () => {
    expect(checkManifest(manifest)).toEqual([]);
  });

  it("Microsoft's converter reads it into a unified manifest with the same id, version and pages", () => {
    const { Converter } = require("office-addin-manifest-converter/lib/converter");
    const c = new Converter(manifest, "en-US");
    c.convert();
    const json = JSON.stringify(c.getMosManifest());
    const m = c.getMosManifest();
    expect([m.id, m.version]).toEqual([text(doc, "Id"), pkg.version]);
    expect(json).toContain(`${PUBLIC}taskpane.html`);
    expect(json).not.toMatch(/localhost/);
  });

  it("taskpane.html loads its scripts relative to itself (only office.js comes from Microsoft's CDN)", () => {
    const html = readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    const refs = [...html.matchAll(/\b(?:src|href)=["']?([^"'\s>]+)/g)].map((m) => m[1]);
    const local = refs.filter((r) => r !== "https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(local.sort()).toEqual(["functions.js", "taskpane.js"]);
    for (const r of local) expect(existsSync(path.join(outDir, r))).toBe(true);
  });

  it("the bundles name no dev server and carry package.json's version", () => {
    for (const f of ["taskpane.js", "functions.js", "functions.json", "functions.zh-cn.json", "help.html"]) {
      expect([f, /localhost/.test(readFileSync(path.join(outDir, f), "utf8"))]).toEqual([f, false]);
    }
    const pane = readFileSync(path.join(outDir, "taskpane.js"), "utf8");
    expect(pane).not.toContain("__CVA_VERSION__");
    expect(pane).toContain(JSON.stringify(pkg.version)); // the footer shows it: test/browser/deploy.test.ts
  });
});

describe("a build with a bad CVA_PUBLIC_URL", () => {
  it.each([["http://cva.example.com/addin/", "must use https"], ["cva.example.com/addin", "absolute https URL"]])(
    "%s fails before writing anything, saying why",
    (url, why) => {
      const r = webpackBuild({ CVA_PUBLIC_URL: url }, "production");
      expect(r.status).not.toBe(0);
      expect(r.output).toContain(`CVA_PUBLIC_URL must`);
      expect(r.output).toContain(why);
      expect(existsSync(path.join(r.outDir, "manifest.xml"))).toBe(false);
    },
    60_000,
  );
});

describe("the release files", () => {
  it("LICENSE is the MIT licence package.json names, for CVA contributors 2026", () => {
    const license = readFileSync(path.join(repoRoot, "LICENSE"), "utf8");
    expect(pkg.license).toBe("MIT");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 CVA contributors\n/);
    expect(license).toContain("THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND");
  });

  it("CHANGELOG.md has an entry for package.json's version", () => {
    const changelog = readFileSync(path.join(repoRoot, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, "\\.")}\\b`, "m"));
  });
});
