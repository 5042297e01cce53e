/**
 * What the browser tests share: the Chromium to drive, the stand-in Office host bundle,
 * a static server for the built add-in, and the network guard.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "fs";
import http from "http";
import path from "path";
import type { AddressInfo } from "net";
import webpack from "webpack";

export const repoRoot = path.resolve(__dirname, "../..");
export const outputDir = path.join(repoRoot, "test-output", "browser");
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Debian's Chromium, or CHROMIUM_PATH. Missing: a failure under CI=true, a skip elsewhere. */
export function chromiumPath(): string | undefined {
  const p = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (existsSync(p)) return p;
  if (process.env.CI === "true") {
    throw new Error(`Chromium not found at ${p}: CI must install it (apt-get install -y chromium).`);
  }
  console.warn(`[browser tests] SKIPPED: no Chromium at ${p}. Install it with apt-get install -y chromium.`);
  return undefined;
}

/** Flags that keep a headless Chromium off the network and quiet, run as root in a container. */
export const chromiumArgs = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--metrics-recording-only",
  "--no-default-browser-check",
  "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
];

/** Bundles test/browser/host/office-host.ts for the browser; returns its source. */
export async function buildOfficeHost(): Promise<string> {
  mkdirSync(outputDir, { recursive: true });
  const compiler = webpack({
    mode: "development",
    devtool: false,
    entry: path.join(__dirname, "host", "office-host.ts"),
    output: { path: outputDir, filename: "office-host.js" },
    resolve: {
      extensions: [".ts", ".js"],
      alias: { "office-addin-manifest": path.join(repoRoot, "test", "setup", "office-addin-manifest-shim.ts") },
    },
    module: {
      rules: [{ test: /\.ts$/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: path.join(repoRoot, "tsconfig.json") } } }],
    },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      compiler.close(() => resolve());
    }),
  );
  return readFileSync(path.join(outputDir, "office-host.js"), "utf8");
}

/** The content type a static host sends for each kind of file the build makes. */
export const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

/**
 * A static host on 127.0.0.1 at a free port serving `dir` under the path `prefix` and nothing
 * else; it records every path asked for.
 */
export async function serveStatic(dir: string, prefix = "/") {
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    asked.push(pathname);
    const file = path.join(dir, pathname.slice(prefix.length));
    if (!pathname.startsWith(prefix) || !file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": contentTypes[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { origin, base: `${origin}${prefix}`, asked, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Serves the built add-in (dist/) at the root of a local static host. */
export async function serveDist(): Promise<{ origin: string; close: () => Promise<void> }> {
  const dist = path.join(repoRoot, "dist");
  if (!existsSync(path.join(dist, "taskpane.html"))) throw new Error("dist/ is not built: run npm run build first");
  return serveStatic(dist);
}
