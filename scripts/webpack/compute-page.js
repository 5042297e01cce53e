// Builds test/browser/host/compute-page.ts and the analysis worker beside it, with the pane's own
// loaders and JavaScript target (webpack.config.js), into `outDir` with compute-page.html: the page
// the browser test and bench/pane-worker.mjs run the pane's analysis in.
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const { JS_TARGET } = require("./old-webview-guard");

const root = path.resolve(__dirname, "../..");

/** Builds the page into outDir; resolves when done. */
function buildComputePage(outDir) {
  const compiler = webpack({
    mode: "production",
    devtool: false,
    entry: {
      "compute-page": path.join(root, "test/browser/host/compute-page.ts"),
      "analysis.worker": path.join(root, "src/taskpane/workflow/analysis.worker.ts"),
    },
    output: { path: outDir, filename: "[name].js", publicPath: "" },
    resolve: { extensions: [".ts", ".tsx", ".js"], alias: { "office-addin-manifest": path.join(root, "test/setup/office-addin-manifest-shim.ts") } },
    target: ["web", JS_TARGET],
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "esbuild-loader", options: { target: JS_TARGET, tsconfig: path.join(root, "tsconfig.json") } } },
        { test: /\.[cm]?js$/, use: { loader: "esbuild-loader", options: { target: JS_TARGET } } },
      ],
    },
    performance: { hints: false },
  });
  return new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      fs.writeFileSync(path.join(outDir, "compute-page.html"), '<!doctype html><html><head><meta charset="utf-8"><script src="compute-page.js"></script></head><body>compute</body></html>');
      compiler.close(() => resolve());
    }),
  );
}

module.exports = { buildComputePage };
