/**
 * The production build works where a team hosts it: built with
 * CVA_PUBLIC_URL=https://cva.example.com/addin/ and served under the sub-path /addin/ of a local
 * static server (nothing at /), the pane renders in Chromium with the stand-in Office host, shows
 * package.json's version, registers every custom function, and makes no request outside /addin/
 * (office.js, which Office supplies, is answered by the stand-in). Every file the manifest names
 * is served from that path. The screenshot goes to test-output/browser/deploy-en-US.png.
 */
import { readFileSync } from "fs";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { webpackBuild } from "../build/webpack-build";
import { buildOfficeHost, chromiumArgs, chromiumPath, contentTypes, outputDir, repoRoot, serveStatic, OFFICE_JS } from "./harness";

const PUBLIC = "https://cva.example.com/addin/";
const PREFIX = "/addin/";
const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };

const executablePath = chromiumPath();
const describeIfChromium = executablePath ? describe : describe.skip;

describeIfChromium("the production build served from a sub-path", () => {
  let browser: Browser;
  let host: Awaited<ReturnType<typeof serveStatic>>;
  let hostScript: string;
  let outDir: string;

  beforeAll(async () => {
    const r = webpackBuild({ CVA_PUBLIC_URL: PUBLIC }, "production");
    if (r.status !== 0) throw new Error(r.output);
    outDir = r.outDir;
    [hostScript, host] = await Promise.all([buildOfficeHost(), serveStatic(outDir, PREFIX)]);
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  /** Opens the pane from /addin/; requests outside /addin/ (but office.js) are recorded and refused. */
  async function openPane(query: string): Promise<{ page: Page; outside: string[]; pageErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ contentType: "text/javascript", body: hostScript });
      if (url.startsWith(host.base)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${host.base}taskpane.html?${query}`);
    return { page, outside, pageErrors };
  }

  it("renders the pane with package.json's version and registers every function, asking only for files under /addin/", async () => {
    host.asked.length = 0;
    const { page, outside, pageErrors } = await openPane("lang=en-US");
    await page.getByTestId("selection-range").filter({ hasText: "A1:D20" }).waitFor({ timeout: 15_000 });
    expect(await page.locator("h1").textContent()).toBe("Customer value");
    expect(await page.getByTestId("version").textContent()).toBe(`CVA ${pkg.version}`);
    await page.screenshot({ path: path.join(outputDir, "deploy-en-US.png"), fullPage: true });

    const ids = (JSON.parse(readFileSync(path.join(outDir, "functions.json"), "utf8")) as { functions: { id: string }[] }).functions.map((f) => f.id);
    const registered = await page.evaluate(() => (window as unknown as { __cvaHost: { registered: string[] } }).__cvaHost.registered);
    expect(ids.length).toBeGreaterThan(20);
    expect([...registered].sort()).toEqual([...ids].sort());
    const clv = await page.evaluate(() => (window as unknown as { __cvaHost: { callFunction(id: string, ...a: unknown[]): unknown } }).__cvaHost.callFunction("CLV", 100, 0.8, 0.1));
    expect((clv as number[][])[0][0]).toBeCloseTo(266.6667, 4);

    expect(pageErrors).toEqual([]);
    expect(outside).toEqual([]);
    expect(host.asked.length).toBeGreaterThanOrEqual(3);
    for (const p of host.asked) expect([p, p.startsWith(PREFIX)]).toEqual([p, true]);
  });

  it("the zh-CN pane renders from the same path", async () => {
    const { page, outside, pageErrors } = await openPane("lang=zh-CN&theme=dark");
    await page.getByTestId("selection-size").filter({ hasText: "20 行 × 4 列" }).waitFor({ timeout: 15_000 });
    expect(await page.locator("h1").textContent()).toBe("客户价值");
    expect(pageErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("every URL in dist/manifest.xml is served from that path, with its content type", async () => {
    const manifest = readFileSync(path.join(outDir, "manifest.xml"), "utf8");
    const urls = [...new Set([...manifest.matchAll(/(?:DefaultValue|Value)="(https:\/\/[^"]+)"/g)].map((m) => m[1]))];
    expect(urls.length).toBeGreaterThanOrEqual(9);
    const { page } = await openPane("lang=en-US");
    const served = await page.evaluate(
      async (list) =>
        Promise.all(
          list.map(async (u) => {
            const r = await fetch(u);
            return [u, r.status, r.headers.get("content-type")] as const;
          }),
        ),
      urls.map((u) => {
        expect(u.startsWith(PUBLIC)).toBe(true);
        return host.base + u.slice(PUBLIC.length);
      }),
    );
    for (const [u, status, type] of served) {
      expect([u, status]).toEqual([u, 200]);
      expect([u, type]).toEqual([u, contentTypes[path.extname(new URL(u).pathname)]]);
    }
  });
});
