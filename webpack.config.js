// Builds the add-in: the task pane (React) and the custom functions, with
// functions.json generated from the functions' JSDoc. One shared runtime page,
// taskpane.html, loads both bundles (manifest: SharedRuntime 1.1).
//
//   npm run build        production build into dist/
//   npm run dev-server   https://localhost:3000 with office-addin-dev-certs certificates
const path = require("path");
const fs = require("fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { FunctionsMetadataSteps } = require("./scripts/webpack/functions-metadata");

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
  const functionsInput = process.env.CVA_FUNCTIONS_INPUT || "./src/functions/functions.ts";
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: functionsInput,
    },
    output: {
      path: path.resolve(__dirname, process.env.CVA_OUT_DIR || "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json" } },
        },
      ],
    },
    performance: { maxAssetSize: 2_000_000, maxEntrypointSize: 2_000_000 },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionsInput }),
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
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
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
