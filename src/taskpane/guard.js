/* global window, document */
/*
 * The "too old" page (docs/architecture.md §12). taskpane.html runs this inline, before the
 * bundles (which are deferred). Where Office hosts the pane in a webview that cannot run them
 * (Internet Explorer 11's Trident, which Office on Windows still uses without the WebView2
 * runtime: "Browsers and webview controls used by Office Add-ins"), the bundles would fail to
 * parse and the pane would stay blank. This script is ES5, so every engine runs it: it tries the
 * syntax the bundles are built to (scripts/webpack/old-webview-guard.js, JS_TARGET) and the
 * built-ins they use without polyfills, and if one is missing it writes the message in place of
 * the pane and sets window.cvaTooOld, which the pane's entry (index.tsx) obeys.
 * test/build/old-webview.test.ts parses it as ES5 and runs it with those features taken away.
 */
(function () {
  "use strict";
  // Filled in by the build from src/taskpane/strings.ts (tooOldTitle, tooOldBody).
  var MESSAGES = {/* CVA_MESSAGES */};

  function canRun(w) {
    try {
      // ES2019 syntax: const, arrow functions, classes, rest and spread, async/await, catch
      // without a binding. An engine that cannot compile this cannot parse the bundles.
      new w.Function("'use strict'; const f = async (a, ...b) => { try { await a; } catch { return [...b]; } return { ...b }; }; class C { m() { return f; } } return new C();");
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
    } catch (e) {
      return false;
    }
    // Built-ins the bundles call without a polyfill: React's and Fluent UI's (Map, Set, WeakMap,
    // Symbol, Promise, ResizeObserver) and CVA's own (Object.fromEntries, Array.prototype.flat,
    // globalThis).
    return (
      typeof w.Promise === "function" &&
      typeof w.Map === "function" &&
      typeof w.Set === "function" &&
      typeof w.WeakMap === "function" &&
      typeof w.Symbol === "function" &&
      typeof w.ResizeObserver === "function" &&
      typeof w.Object.fromEntries === "function" &&
      typeof w.Array.prototype.flat === "function" &&
      typeof w.globalThis === "object"
    );
  }

  function show(language) {
    var text = MESSAGES[/^zh/i.test(language || "") ? "zh-CN" : "en-US"];
    if (!text) return;
    var body = document.body;
    while (body.firstChild) body.removeChild(body.firstChild);
    var main = document.createElement("main");
    main.setAttribute("role", "alert");
    main.style.fontFamily = "'Segoe UI', 'Microsoft YaHei', sans-serif";
    main.style.padding = "16px";
    var title = document.createElement("h1");
    title.style.fontSize = "20px";
    title.appendChild(document.createTextNode(text.title));
    var p = document.createElement("p");
    p.appendChild(document.createTextNode(text.body));
    main.appendChild(title);
    main.appendChild(p);
    body.appendChild(main);
    document.documentElement.setAttribute("lang", text.lang);
  }

  if (canRun(window)) return;
  window.cvaTooOld = true;
  // Office's language once Office.js is ready; the webview's until then.
  show(navigator.language || navigator.userLanguage || navigator.browserLanguage);
  try {
    if (window.Office && window.Office.onReady) {
      window.Office.onReady(function () {
        var lang = window.Office.context && window.Office.context.displayLanguage;
        if (lang) show(lang);
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
  } catch (e) {
    // Office.js itself failed here; the message in the webview's language stays.
  }
})();
