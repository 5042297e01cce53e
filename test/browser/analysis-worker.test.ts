/**
 * The pane's analysis in a real Web Worker, in Chromium (docs/architecture.md §15):
 *
 * - on CDNOW the worker path and the page's-thread path give the same plan, headline and
 *   fallback, cell for cell (the page of host/compute-page.ts, built with the worker beside it);
 * - a Cancel as the fit begins takes effect within 200 ms;
 * - the built pane (dist/) starts dist/analysis.worker.js for a run and writes the results; a
 *   Cancel while the pane shows the fit leaves the workbook untouched, and says so within 200 ms.
 *   For that run the page holds back the worker's messages from the end of the fit on, so the
 *   pane is still in the fit when Cancel is clicked, however fast the fit is.
 */
import { mkdirSync, readFileSync } from "fs";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { RunArgs, RunReport } from "./host/compute-page";
import { buildOfficeHost, chromiumArgs, chromiumPath, outputDir, repoRoot, serveDist, serveStatic, OFFICE_JS } from "./harness";

const { buildComputePage } = require("../../scripts/webpack/compute-page.js") as { buildComputePage: (dir: string) => Promise<void> };

const CDNOW = readFileSync(path.join(repoRoot, "data", "cdnow", "cdnow_sample.csv"), "utf8");
const executablePath = chromiumPath();
const describeIfChromium = executablePath ? describe : describe.skip;

interface ComputeHooks {
  load(csv: string, copies: number): { transactions: number };
  run(args: RunArgs & { keepPlan?: boolean }): Promise<RunReport>;
}

describeIfChromium("the analysis in a Web Worker, in Chromium", () => {
  let browser: Browser;
  let pageServer: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    const dir = path.join(outputDir, "compute-page");
    mkdirSync(dir, { recursive: true });
    await buildComputePage(dir);
    pageServer = await serveStatic(dir);
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    await pageServer?.close();
  });

  async function computePage(copies: number): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${pageServer.base}compute-page.html`);
    const loaded = await page.evaluate(([csv, n]) => (window as unknown as { __cvaCompute: ComputeHooks }).__cvaCompute.load(csv, n), [CDNOW, copies] as const);
    expect(loaded.transactions).toBe(6919 * copies);
    return { page, errors };
  }

  const run = (page: Page, args: RunArgs & { keepPlan?: boolean }) => page.evaluate((a) => (window as unknown as { __cvaCompute: ComputeHooks }).__cvaCompute.run(a), args);

  it("gives the same plan, headline and fallback on CDNOW in the worker as on the page's thread", async () => {
    const { page, errors } = await computePage(1);
    const inWorker = await run(page, { where: "worker", keepPlan: true });
    const inPage = await run(page, { where: "page", keepPlan: true });
    expect([inWorker.error, inPage.error]).toEqual([null, null]);
    expect(inWorker.output?.ranIn).toBe("worker");
    expect(inPage.output?.ranIn).toBe("page");
    expect(inWorker.output?.headline.customers).toBe(2357);
    expect(inWorker.output?.plan?.results.rows).toHaveLength(2357);
    expect(inWorker.output?.plan).toEqual(inPage.output?.plan);
    expect(inWorker.output?.headline).toEqual(inPage.output?.headline);
    expect(inWorker.output?.fallback).toBe(inPage.output?.fallback);
    expect(inWorker.stages.map((s) => s.stage)).toEqual(["summarising", "summarising", "fitting", "scoring"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("takes a Cancel made as the fit begins within 200 ms (CDNOW × 20, 138,380 transactions)", async () => {
    const { page, errors } = await computePage(20);
    const r = await run(page, { where: "worker", cancelInStage: "fitting", cancelAfterMs: 0 });
    expect(r.cancelled).toBe(true);
    expect(r.stages.map((s) => s.stage)).toContain("fitting");
    expect(r.cancelMs).not.toBeNull();
    expect(r.cancelMs as number).toBeLessThanOrEqual(200);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

interface HostView {
  workbook: { sheets: string[]; tables: { name: string }[]; charts: unknown[]; userCellWrites: number; calls: string[] };
}

/** Records the workers the pane starts; with __cvaHoldAfterFit, holds back their messages from "scoring" on. */
function recordWorkers(): void {
  const w = window as unknown as { Worker: typeof Worker; __workers: { url: string; seen: string[]; terminated: boolean }[]; __cvaHoldAfterFit?: boolean };
  const Real = w.Worker;
  w.__workers = [];
  w.Worker = class extends Real {
    private rec: { url: string; seen: string[]; terminated: boolean };
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const rec = { url: String(url), seen: [] as string[], terminated: false };
      this.rec = rec;
      w.__workers.push(rec);
      let handler: ((e: MessageEvent) => void) | null = null;
      let held = false;
      super.onmessage = (e: MessageEvent) => {
        const d = e.data as { type: string; stage?: string };
        rec.seen.push(d.stage ?? d.type);
        if (w.__cvaHoldAfterFit && d.stage === "scoring") held = true;
        if (!held) handler?.(e);
      };
      Object.defineProperty(this, "onmessage", { get: () => handler, set: (h: ((e: MessageEvent) => void) | null) => void (handler = h) });
    }
    terminate(): void {
      this.rec.terminated = true;
      super.terminate();
    }
  };
}

describeIfChromium("the built pane's analysis worker, in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDist>>;
  let hostScript: string;

  beforeAll(async () => {
    [hostScript, server] = await Promise.all([buildOfficeHost(), serveDist()]);
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPane(holdAfterFit: boolean): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 380, height: 900 } });
    await context.addInitScript((text) => ((window as unknown as { __cvaCsv: string }).__cvaCsv = text), CDNOW);
    await context.addInitScript(recordWorkers);
    if (holdAfterFit) await context.addInitScript(() => ((window as unknown as { __cvaHoldAfterFit: boolean }).__cvaHoldAfterFit = true));
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ contentType: "text/javascript", body: hostScript });
      if (url.startsWith(server.origin)) return route.continue();
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.origin}/taskpane.html?lang=en-US`);
    await page.getByRole("radio", { name: "Excel table" }).first().check();
    await page.getByTestId("map-id").filter({ hasText: "customer_id" }).waitFor({ timeout: 15_000 });
    return { page, errors };
  }

  const workers = (page: Page) => page.evaluate(() => (window as unknown as { __workers: { url: string; seen: string[]; terminated: boolean }[] }).__workers);
  const workbook = (page: Page) => page.evaluate(() => (window as unknown as { __cvaHost: HostView }).__cvaHost.workbook);

  it("runs the analysis in dist/analysis.worker.js and writes its results", async () => {
    const { page, errors } = await openPane(false);
    await page.getByRole("button", { name: "Analyse and write to the workbook" }).click();
    await page.getByTestId("results").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("result-customers").textContent()).toBe("2,357");
    const [w] = await workers(page);
    expect(new URL(w.url, server.origin).pathname).toBe("/analysis.worker.js");
    expect(w.seen).toEqual(["summarising", "fitting", "scoring", "done"]);
    expect(w.terminated).toBe(true);
    expect((await workbook(page)).sheets).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("cancelled during the fit: the worker is terminated, the pane says so within 200 ms, the workbook is untouched", async () => {
    const { page, errors } = await openPane(true);
    const before = await workbook(page);
    await page.getByRole("button", { name: "Analyse and write to the workbook" }).click();
    // The pane shows the fit, and stays live while the worker fits.
    await page.getByTestId("progress").filter({ hasText: "Fitting BG/NBD and Gamma-Gamma…" }).waitFor({ timeout: 30_000 });
    // Time the Cancel in the page: from the click to the message on screen.
    await page.evaluate(() => {
      const w = window as unknown as { __cancelClick: number; __cancelShown: number };
      document.querySelector('[data-testid="cancel"]')?.addEventListener("click", () => (w.__cancelClick = performance.now()), { capture: true });
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid="run-error"]')) {
          w.__cancelShown = performance.now();
          obs.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId("cancel").click();
    await page.getByTestId("run-error").waitFor({ timeout: 5_000 });
    expect(await page.getByTestId("run-error").textContent()).toBe("Cancelled. The workbook is unchanged.");
    const latency = await page.evaluate(() => {
      const w = window as unknown as { __cancelClick: number; __cancelShown: number };
      return w.__cancelShown - w.__cancelClick;
    });
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThanOrEqual(200);
    const [w] = await workers(page);
    expect(w.terminated).toBe(true);
    const after = await workbook(page);
    expect(after.sheets).toEqual(before.sheets);
    expect(after.sheets).toEqual(["Sheet1"]);
    expect(after.tables.map((t) => t.name)).toEqual(before.tables.map((t) => t.name));
    expect(after.charts).toEqual([]);
    expect(after.userCellWrites).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
