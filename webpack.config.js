// Builds the add-in: the task pane (React) and the custom functions, with
// functions.json generated from the functions' JSDoc. One shared runtime page,
// taskpane.html, loads both bundles (manifest: SharedRuntime 1.1).
//
//   npm run build        production build into dist/, manifest for the dev server
//   CVA_PUBLIC_URL=https://cva.example.com/addin/ npm run build
//                        production build into dist/ with dist/manifest.xml for that URL
//   npm run dev-server   https://localhost:3000 with office-addin-dev-certs certificates
//
// Every page, script and asset is referenced relative to the page (publicPath ""), so dist/
// works from any folder of any HTTPS host. scripts/webpack/release-manifest.js writes
// dist/manifest.xml: package.json's version, and the URLs of CVA_PUBLIC_URL when it is set.
const path = require("path");
const fs = require("fs");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { FunctionsMetadataSteps, functionSources } = require("./scripts/webpack/functions-metadata");
const { ReleaseManifest, manifestVersion, normalizePublicUrl } = require("./scripts/webpack/release-manifest");
const { version } = require("./package.json");

// The syntax the bundles may use: what every webview CVA supports runs (docs/architecture.md §12).
const { JS_TARGET, guardScript } = require("./scripts/webpack/old-webview-guard");

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    // On Linux the CA is installed with sudo; without it (containers, CI) we still
    // serve with the generated certificate and say how to trust it.
    const { generateCertificates } = require("office-addin-dev-certs/lib/generate");
    const defaults = require("office-addin-dev-certs/lib/defaults");
    if (!fs.existsSync(defaults.localhostCertificatePath)) await generateCertificates();
    console.warn(
      `\n[cva] Could not install the development CA certificate (${String(err.message).split("\n")[0]}).\n` +
        `[cva] Serving with ${defaults.localhostCertificatePath}; trust ${defaults.caCertificatePath} in your browser or OS\n` +
        `[cva] (or open https://localhost:${DEV_PORT}/taskpane.html once and accept it) before sideloading.\n`,
    );
    return {
      ca: fs.readFileSync(defaults.caCertificatePath),
      cert: fs.readFileSync(defaults.localhostCertificatePath),
      key: fs.readFileSync(defaults.localhostKeyPath),
    };
  }
}

module.exports = async (_env, argv) => {
  const dev = argv.mode === "development";
  // A bad CVA_PUBLIC_URL or version stops the build before anything is written.
  const publicUrl = process.env.CVA_PUBLIC_URL ? normalizePublicUrl(process.env.CVA_PUBLIC_URL) : undefined;
  const addinVersion = manifestVersion(version);
  const functionsInput = process.env.CVA_FUNCTIONS_INPUT || "./src/functions/functions.ts";
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: functionsInput,
      // The pane's analysis, run in a Web Worker of its own (docs/architecture.md §15); the pane
      // starts it by this file name, beside taskpane.html, and no page loads it as a script.
      "analysis.worker": "./src/taskpane/workflow/analysis.worker.ts",
    },
    output: {
      path: path.resolve(__dirname, process.env.CVA_OUT_DIR || "dist"),
      filename: "[name].js",
      publicPath: "",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    // Every module, node_modules included, is lowered to JS_TARGET (docs/architecture.md §12):
    // our TypeScript and the ES2022 of the dependencies (class static blocks, class fields,
    // ??=) would otherwise reach the webview as written. webpack's own runtime follows `target`.
    target: ["web", JS_TARGET],
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "esbuild-loader", options: { target: JS_TARGET, tsconfig: path.resolve(__dirname, "tsconfig.json") } },
        },
        {
          test: /\.[cm]?js$/,
          use: { loader: "esbuild-loader", options: { target: JS_TARGET } },
        },
      ],
    },
    performance: { maxAssetSize: 2_000_000, maxEntrypointSize: 2_000_000 },
    plugins: [
      // The version the task pane shows in its footer (src/taskpane/version.ts).
      new webpack.DefinePlugin({ __CVA_VERSION__: JSON.stringify(version) }),
      // Every file that declares functions: the entry and the family files it re-exports.
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionSources(functionsInput) }),
      // Fails the build on missing metadata; writes functions.zh-cn.json from the zh-CN table.
      new FunctionsMetadataSteps({
        file: "functions.json",
        localized: process.env.CVA_FUNCTIONS_INPUT
          ? []
          : [{ file: "functions.zh-cn.json", table: path.resolve(__dirname, "src/functions/functions.zh-CN.json") }],
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions"],
        // The "too old" page: an ES5 script inline in taskpane.html, run before the bundles.
        templateParameters: { cvaGuard: guardScript() },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
        ],
      }),
      new ReleaseManifest({
        template: path.resolve(__dirname, "manifest.xml"),
        devUrl: `https://localhost:${DEV_PORT}/`,
        publicUrl,
        version: addinVersion,
        warnDevUrl: !dev && !publicUrl,
      }),
    ],
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      client: { overlay: false },
    },
  };
  if (dev && process.env.WEBPACK_SERVE) {
    config.devServer.server = { type: "https", options: await httpsOptions() };
  }
  return config;
};
