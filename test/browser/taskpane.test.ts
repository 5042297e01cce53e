/**
 * The built task pane in real Chromium (Debian's, driven by playwright-core), with the
 * stand-in Office host in place of office.js. It must render the selection, follow a
 * change, register =CVA.CLV in the shared runtime, and make no network request.
 * Screenshots go to test-output/browser/.
 */
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildOfficeHost, chromiumArgs, chromiumPath, outputDir, serveDist, OFFICE_JS } from "./harness";

const executablePath = chromiumPath();
const describeIfChromium = executablePath ? describe : describe.skip;

describeIfChromium("task pane in Chromium", () => {
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

  /** Opens the pane; every request that is not to our local server is recorded and refused. */
  async function openPane(query: string): Promise<{ page: Page; external: string[]; pageErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const external: string[] = [];
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ contentType: "text/javascript", body: hostScript });
      if (url.startsWith(server.origin)) return route.continue();
      external.push(url);
      return route.abort();
    });
    await page.goto(`${server.origin}/taskpane.html?${query}`);
    return { page, external, pageErrors };
  }

  it("renders the current selection and follows a change (en-US)", async () => {
    const { page, external, pageErrors } = await openPane("lang=en-US");
    await expectText(page, "selection-range", "A1:D20");
    expect(await page.getByTestId("selection-sheet").textContent()).toBe("Sheet1");
    expect(await page.getByTestId("selection-size").textContent()).toBe("20 rows × 4 columns · 80 cells");
    expect(await page.locator("h1").textContent()).toBe("Customer value");

    await page.evaluate(() => (window as unknown as { __cvaHost: { select(a: string, r: number, c: number): Promise<void> } }).__cvaHost.select("'Q3 sales'!B2:F1001", 1000, 5));
    await expectText(page, "selection-range", "B2:F1001");
    expect(await page.getByTestId("selection-sheet").textContent()).toBe("Q3 sales");
    expect(await page.getByTestId("selection-size").textContent()).toBe("1,000 rows × 5 columns · 5,000 cells");
    await page.screenshot({ path: path.join(outputDir, "taskpane-en-US.png"), fullPage: true });

    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });

  it("speaks Chinese and uses the dark theme when Office does (zh-CN)", async () => {
    const { page, external, pageErrors } = await openPane("lang=zh-CN&theme=dark");
    await expectText(page, "selection-size", "20 行 × 4 列 · 80 个单元格");
    expect(await page.locator("h1").textContent()).toBe("客户价值");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    const background = await page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
    expect(background).toBe("rgb(41, 41, 41)"); // webDarkTheme's colorNeutralBackground1, #292929
    await page.screenshot({ path: path.join(outputDir, "taskpane-zh-CN.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });

  it("registers =CVA.CLV in the shared runtime, and it computes in the browser", async () => {
    const { page } = await openPane("lang=en-US");
    await expectText(page, "selection-range", "A1:D20");
    const result = await page.evaluate(() => {
      const host = (window as unknown as { __cvaHost: { registered: string[]; callFunction(id: string, ...a: unknown[]): unknown } }).__cvaHost;
      return {
        registered: host.registered,
        perpetuity: host.callFunction("CLV", 100, 0.8, 0.1),
        threePeriods: host.callFunction("CLV", 100, 0.8, 0.1, 3),
        badRetention: host.callFunction("CLV", 100, 1.2, 0.1),
        text: host.callFunction("CLV", "abc", 0.8, 0.1),
      };
    });
    expect(result.registered).toContain("CLV");
    expect(result.perpetuity as number).toBeCloseTo(266.6667, 4);
    expect(result.threePeriods as number).toBeCloseTo(164.0872, 4);
    expect(result.badRetention).toEqual({ code: "#NUM!", message: expect.stringContaining("retention must be below 1") });
    expect(result.text).toEqual({ code: "#VALUE!", message: expect.stringContaining("margin must be a number") });
  });
});

async function expectText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).waitFor({ timeout: 15_000 });
  expect(await page.getByTestId(testId).textContent()).toBe(text);
}
