// What the webviews CVA supports can run, and the script that says so where they cannot
// (docs/architecture.md §12).
//
// JS_TARGET: every module of the bundles, node_modules included, is lowered to ES2019 by
// esbuild-loader (webpack.config.js). ES2019 is what each supported webview runs in full:
// WebView2 (Chromium, kept current by Windows) for Microsoft 365 and Office 2021+ on Windows,
// WKWebView with Safari 14 or later for Excel for Mac, and the browsers Excel on the web supports.
// It is also the syntax Fluent UI v9 itself ships. Lower targets would buy nothing: the engine
// below them that Office still uses is Trident (IE 11), which runs ES5 only and which neither
// React 18 nor Fluent UI v9 supports at all; for it there is the guard below.
//
// guardScript(): src/taskpane/guard.js with the "too old" texts of src/taskpane/strings.ts, for
// taskpane.html to run inline before the bundles.
"use strict";

const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const JS_TARGET = "es2019";
/** acorn's ecmaVersion for JS_TARGET: test/build/old-webview.test.ts parses the bundles with it. */
const ECMA_VERSION = Number(JS_TARGET.slice(2));

const root = path.resolve(__dirname, "../..");

/**
 * A TypeScript module of the pane, transpiled and run in Node; its relative imports (the string
 * tables are kept in parts, ./strings-*.ts) are loaded the same way. Nothing else may be imported.
 */
function loadPaneModule(file, seen = new Map()) {
  if (seen.has(file)) return seen.get(file).exports;
  const js = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019 } }).outputText;
  const mod = { exports: {} };
  seen.set(file, mod);
  const requireSibling = (name) => {
    if (!name.startsWith("./")) throw new Error(`${path.relative(root, file)} imports ${name}: the guard's texts may import only sibling modules`);
    return loadPaneModule(path.join(path.dirname(file), `${name.slice(2)}.ts`), seen);
  };
  new Function("module", "exports", "require", js)(mod, mod.exports, requireSibling);
  return mod.exports;
}

/** The pane's string tables, from the TypeScript source. */
function paneStrings() {
  return loadPaneModule(path.join(root, "src/taskpane/strings.ts")).strings;
}

/** The guard's source with its messages filled in; safe inside an HTML <script> element. */
function guardScript() {
  const strings = paneStrings();
  const messages = {};
  for (const lang of ["en-US", "zh-CN"]) {
    messages[lang] = { lang, title: strings[lang].tooOldTitle, body: strings[lang].tooOldBody };
  }
  const source = fs.readFileSync(path.join(root, "src/taskpane/guard.js"), "utf8");
  const marker = "{/* CVA_MESSAGES */}";
  if (!source.includes(marker)) throw new Error(`src/taskpane/guard.js has no ${marker} for the messages`);
  // "<" escaped, so no text can close the <script> element early.
  const json = JSON.stringify(messages).replace(/</g, "\\u003c");
  return source.replace(marker, () => json).replace(/<\/script/gi, "<\\/script");
}

module.exports = { JS_TARGET, ECMA_VERSION, guardScript, paneStrings };
