/**
 * @jest-environment jsdom
 *
 * Office still hosts add-ins in Internet Explorer 11's Trident where WebView2 is missing
 * ("Browsers and webview controls used by Office Add-ins"), and Excel for Mac in the system's
 * WKWebView. The bundles must parse on every webview CVA supports (built to JS_TARGET, node_modules
 * included), and where the webview is older than that the pane must say so rather than stay blank.
 */
import { readFileSync } from "fs";
import path from "path";
import * as acorn from "acorn";
import { webpackBuild, repoRoot } from "./webpack-build";
import { strings } from "../../src/taskpane/strings";

const { ECMA_VERSION, JS_TARGET, guardScript } = require("../../scripts/webpack/old-webview-guard") as {
  ECMA_VERSION: acorn.ecmaVersion;
  JS_TARGET: string;
  guardScript: () => string;
};

describe(`the production bundles, built to ${JS_TARGET}`, () => {
  let outDir: string;

  beforeAll(() => {
    const r = webpackBuild({}, "production");
    expect(r.status).toBe(0);
    outDir = r.outDir;
  }, 240_000);

  it.each(["taskpane.js", "functions.js", "analysis.worker.js"])(`%s parses as ES${ECMA_VERSION}: no newer syntax, from our code or a dependency`, (file) => {
    const source = readFileSync(path.join(outDir, file), "utf8");
    let problem = "";
    try {
      acorn.parse(source, { ecmaVersion: ECMA_VERSION, sourceType: "script" });
    } catch (e) {
      const pos = (e as { pos: number }).pos;
      problem = `${(e as Error).message} near ${JSON.stringify(source.slice(Math.max(0, pos - 60), pos + 40))}`;
    }
    expect(problem).toBe("");
  });

  it("taskpane.html runs the guard inline, before the deferred bundles", () => {
    const html = readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    const doc = new DOMParser().parseFromString(html, "text/html");
    const scripts = Array.from(doc.querySelectorAll("script"));
    const inline = scripts.filter((s) => !s.src);
    expect(inline).toHaveLength(1);
    expect(inline[0].hasAttribute("defer") || inline[0].hasAttribute("async")).toBe(false);
    // As built (the production page minifies it): still ES5, and still the guard.
    const built = inline[0].textContent ?? "";
    expect(() => acorn.parse(built, { ecmaVersion: 5 })).not.toThrow();
    document.body.innerHTML = '<div id="container"></div>';
    const w: Record<string, unknown> = { Function: () => { throw new SyntaxError("Expected ';'"); }, Object, Array };
    new Function("window", "document", "navigator", built)(w, document, { language: "zh-CN" });
    expect(w.cvaTooOld).toBe(true);
    expect(document.querySelector("h1")?.textContent).toBe(strings["zh-CN"].tooOldTitle);
    const bundles = scripts.filter((s) => /(taskpane|functions)\.js$/.test(s.getAttribute("src") ?? ""));
    expect(bundles.map((s) => s.getAttribute("src"))).toEqual(["taskpane.js", "functions.js"]);
    for (const b of bundles) expect(b.hasAttribute("defer")).toBe(true);
  });
});

describe("the too-old page (src/taskpane/guard.js)", () => {
  const source = guardScript();

  it("is ES5, so Trident runs it", () => {
    expect(() => acorn.parse(readFileSync(path.join(repoRoot, "src/taskpane/guard.js"), "utf8"), { ecmaVersion: 5 })).not.toThrow();
    expect(() => acorn.parse(source, { ecmaVersion: 5 })).not.toThrow();
  });

  /** Runs the guard on this page with `window` changed as `engine` says. */
  function runGuard(engine: (w: Record<string, unknown>) => void, language = "en-US", office?: unknown) {
    document.documentElement.removeAttribute("lang");
    document.body.innerHTML = '<div id="container"></div>';
    const w: Record<string, unknown> = {
      Function,
      Promise,
      Map,
      Set,
      WeakMap,
      Symbol,
      ResizeObserver: class {},
      Object,
      Array,
      globalThis,
      Office: office,
    };
    engine(w);
    new Function("window", "document", "navigator", source)(w, document, { language });
    return w;
  }

  /** Trident: ES5 only, so the bundles' syntax does not compile. */
  const trident = (w: Record<string, unknown>) => {
    w.Function = function () {
      throw new SyntaxError("Expected ';'");
    };
    delete w.globalThis;
  };

  it("on Trident, shows why in place of the pane and tells the pane's entry not to start", () => {
    const w = runGuard(trident);
    expect(w.cvaTooOld).toBe(true);
    expect(document.getElementById("container")).toBeNull();
    expect(document.querySelector("h1")?.textContent).toBe(strings["en-US"].tooOldTitle);
    expect(document.querySelector("p")?.textContent).toBe(strings["en-US"].tooOldBody);
    expect(document.querySelector("[role=alert]")).not.toBeNull();
  });

  it("speaks Chinese where the webview does, then Office's language once Office.js is ready", () => {
    runGuard(trident, "zh-CN");
    expect(document.querySelector("h1")?.textContent).toBe(strings["zh-CN"].tooOldTitle);
    expect(document.documentElement.lang).toBe("zh-CN");
    const office = { onReady: (cb: () => void) => cb(), context: { displayLanguage: "en-GB" } };
    runGuard(trident, "zh-CN", office);
    expect(document.querySelector("h1")?.textContent).toBe(strings["en-US"].tooOldTitle);
  });

  it.each([
    ["ResizeObserver (Fluent UI)", (w: Record<string, unknown>) => delete w.ResizeObserver],
    ["Object.fromEntries", (w: Record<string, unknown>) => (w.Object = { ...Object, fromEntries: undefined })],
    ["async functions", (w: Record<string, unknown>) => (w.Function = (...args: string[]) => {
      if (/async/.test(args[args.length - 1])) throw new SyntaxError("Unexpected identifier");
      return Function(...args);
    })],
  ])("on an engine without %s, shows the message", (_, engine) => {
    const w = runGuard(engine);
    expect(w.cvaTooOld).toBe(true);
    expect(document.querySelector("h1")?.textContent).toBe(strings["en-US"].tooOldTitle);
  });

  it("on a modern engine, leaves the page alone", () => {
    const w = runGuard(() => undefined);
    expect(w.cvaTooOld).toBeUndefined();
    expect(document.getElementById("container")).not.toBeNull();
    expect(document.querySelector("h1")).toBeNull();
  });
});
