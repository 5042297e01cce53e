/**
 * @jest-environment jsdom
 *
 * An offline check of manifest.xml (office-addin-manifest validate needs Microsoft's
 * web service): every resid resolves, every URL points at the dev server, every file it
 * names is produced by the build, and the pieces the add-in relies on are declared.
 */
import { readFileSync } from "fs";
import path from "path";
import { inflateSync } from "zlib";
import { webpackBuild, repoRoot } from "./build/webpack-build";
import { compareVersions, officeApiUses, type ApiUse } from "./build/office-api-scan";
import { OPTIONAL_FEATURES, REQUIRED_SETS } from "../src/excel/requirements";

const DEV_SERVER = "https://localhost:3000";
const xml = readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(xml, "application/xml");
const all = (tag: string) => Array.from(doc.getElementsByTagName("*")).filter((e) => e.localName === tag);
const attr = (e: Element, name: string) => e.getAttribute(name) ?? "";

describe("manifest.xml", () => {
  it("is well-formed XML of the TaskPaneApp kind for the Workbook host", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.localName).toBe("OfficeApp");
    expect(attr(doc.documentElement, "xsi:type")).toBe("TaskPaneApp");
    expect(all("Host").map((h) => attr(h, "Name") || attr(h, "xsi:type"))).toEqual(["Workbook", "Workbook"]);
    expect(all("Permissions")[0].textContent).toBe("ReadWriteDocument");
    expect(all("Id")[0].textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("asks for one long-lived shared runtime that the pane and the functions both use", () => {
    const set = all("Set").find((s) => attr(s, "Name") === "SharedRuntime");
    expect(set && attr(set, "MinVersion")).toBe("1.1");
    const runtimes = all("Runtime");
    expect(runtimes).toHaveLength(1);
    expect(attr(runtimes[0], "lifetime")).toBe("long");
    const page = all("Page")[0].getElementsByTagName("SourceLocation")[0];
    const action = all("Action")[0].getElementsByTagName("SourceLocation")[0];
    expect(attr(page, "resid")).toBe(attr(runtimes[0], "resid"));
    expect(attr(action, "resid")).toBe(attr(runtimes[0], "resid"));
    expect(attr(all("FunctionFile")[0], "resid")).toBe(attr(runtimes[0], "resid"));
  });

  it("declares the custom functions under the CVA namespace", () => {
    const cf = all("ExtensionPoint").find((e) => attr(e, "xsi:type") === "CustomFunctions")!;
    const nsId = attr(cf.getElementsByTagName("Namespace")[0], "resid");
    const ns = all("String").find((s) => attr(s, "id") === nsId)!;
    expect(attr(ns, "DefaultValue")).toBe("CVA");
  });

  it("puts a button on the Home tab in the group Customer value / 客户价值", () => {
    const tab = all("OfficeTab")[0];
    expect(attr(tab, "id")).toBe("TabHome");
    const group = tab.getElementsByTagName("Group")[0];
    const labelId = attr(group.getElementsByTagName("Label")[0], "resid");
    const label = all("String").find((s) => attr(s, "id") === labelId)!;
    expect(attr(label, "DefaultValue")).toBe("Customer value");
    expect(attr(label.getElementsByTagName("bt:Override")[0], "Value")).toBe("客户价值");
    expect(attr(group.getElementsByTagName("Control")[0], "xsi:type")).toBe("Button");
    expect(attr(all("Action")[0], "xsi:type")).toBe("ShowTaskpane");
  });

  it("has en-US as default with zh-CN overrides for display name, description and ribbon labels", () => {
    expect(all("DefaultLocale")[0].textContent).toBe("en-US");
    for (const tag of ["DisplayName", "Description"]) {
      const o = all(tag)[0].getElementsByTagName("Override")[0];
      expect(attr(o, "Locale")).toBe("zh-CN");
      expect(attr(o, "Value")).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const id of ["Group.Label", "TaskpaneButton.Label", "TaskpaneButton.Tooltip", "GetStarted.Title", "GetStarted.Description"]) {
      const s = all("String").find((x) => attr(x, "id") === id)!;
      const o = s.getElementsByTagName("bt:Override")[0];
      expect([id, attr(o, "Locale")]).toEqual([id, "zh-CN"]);
      expect(attr(o, "Value")).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("every resid resolves to exactly one resource", () => {
    const ids = new Map<string, number>();
    for (const e of [...all("Image"), ...all("Url"), ...all("String")]) {
      if (e.parentElement && ["Images", "Urls", "ShortStrings", "LongStrings"].includes(e.parentElement.localName)) {
        ids.set(attr(e, "id"), (ids.get(attr(e, "id")) ?? 0) + 1);
      }
    }
    const resids = Array.from(doc.getElementsByTagName("*")).map((e) => attr(e, "resid")).filter(Boolean);
    expect(resids.length).toBeGreaterThan(10);
    for (const r of resids) expect([r, ids.get(r)]).toEqual([r, 1]);
  });

  // "Specify Office applications and API requirements" (Microsoft): the sets in <Requirements>
  // decide where Office starts the add-in at all; calls above them need a run-time check.
  describe("requirement sets", () => {
    let uses: ApiUse[];
    const optionalApis = new Map<string, string>(
      Object.entries(OPTIONAL_FEATURES).flatMap(([feature, f]) => f.apis.map((api): [string, string] => [api, feature])),
    );
    const declared = () =>
      Object.fromEntries(
        all("Set")
          .filter((s) => s.parentElement?.parentElement?.parentElement === doc.documentElement)
          .map((s) => [attr(s, "Name"), attr(s, "MinVersion") || attr(s.parentElement!, "DefaultMinVersion") || "1.1"]),
      );

    beforeAll(() => {
      uses = officeApiUses();
    }, 60_000);

    it("finds the Office calls of the code, with their sets", () => {
      const byApi = Object.fromEntries(uses.map((u) => [u.api, `${u.set} ${u.version}`]));
      expect(byApi["Excel.Workbook.getSelectedRange"]).toBe("ExcelApi 1.1");
      expect(byApi["Excel.Worksheet.getRangeByIndexes"]).toBe("ExcelApi 1.7");
      expect(byApi["CustomFunctions.Error"]).toBe("CustomFunctionsRuntime 1.2");
      expect(byApi["Office.Addin.onVisibilityModeChanged"]).toBe("SharedRuntime 1.1");
    });

    it("declares every set the code's calls need, at the highest version a call without a run-time check needs", () => {
      const needed: Record<string, string> = {};
      for (const u of uses) {
        if (optionalApis.has(u.api)) continue;
        if (!needed[u.set] || compareVersions(u.version, needed[u.set]) > 0) needed[u.set] = u.version;
      }
      expect(declared()).toEqual(needed);
      expect(Object.fromEntries(REQUIRED_SETS.map((s) => [s.name, s.minVersion]))).toEqual(needed);
    });

    it("every call above the declared sets is an optional feature, checked (isSetSupported) in the file that makes it", () => {
      const sets = declared();
      const above = uses.filter((u) => !sets[u.set] || compareVersions(u.version, sets[u.set]) > 0);
      for (const u of above) {
        const feature = optionalApis.get(u.api);
        expect([u.api, u.at, feature !== undefined]).toEqual([u.api, u.at, true]);
        const f = OPTIONAL_FEATURES[feature as keyof typeof OPTIONAL_FEATURES];
        // The feature's check asks for the call's set, at its version or a later one.
        expect([u.api, f.set.name, compareVersions(f.set.minVersion, u.version) >= 0]).toEqual([u.api, u.set, true]);
        const source = readFileSync(path.join(repoRoot, u.at.split(":")[0]), "utf8");
        expect([u.at, f.guard, source.includes(f.guard)]).toEqual([u.at, f.guard, true]);
      }
    });
  });

  describe("URLs and the files the build produces", () => {
    const urls = Array.from(doc.getElementsByTagName("*")).flatMap((e) =>
      ["DefaultValue", "Value"].map((a) => attr(e, a)).filter((v) => /^https?:/.test(v)),
    );
    const domains = all("AppDomain").map((e) => e.textContent ?? "");
    let outDir: string;

    beforeAll(() => {
      const r = webpackBuild();
      expect(r.status).toBe(0);
      outDir = r.outDir;
    }, 180_000);

    it("every URL points at the dev server", () => {
      expect(urls.length).toBeGreaterThanOrEqual(8);
      for (const u of [...urls, ...domains]) expect(u.startsWith(DEV_SERVER)).toBe(true);
    });

    it("every file a URL names is produced by the build", () => {
      for (const u of urls) {
        const file = path.join(outDir, new URL(u).pathname);
        expect([u, readFileSync(file).length > 0]).toEqual([u, true]);
      }
    });

    it("the icons are real drawings at 16, 32, 64, 80 and 128 px", () => {
      for (const size of [16, 32, 64, 80, 128]) {
        const png = readFileSync(path.join(outDir, "assets", `icon-${size}.png`));
        expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
        // Decode the RGBA rows and count the colours: a blank square has one.
        const idat = png.subarray(png.indexOf("IDAT") + 4, png.indexOf("IEND") - 8);
        const raw = inflateSync(idat);
        const colours = new Set<number>();
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) colours.add(raw.readUInt32BE(y * (size * 4 + 1) + 1 + x * 4));
        }
        expect(colours.size).toBeGreaterThan(size >= 32 ? 8 : 4);
      }
    });
  });
});
