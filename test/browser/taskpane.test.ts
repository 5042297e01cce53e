/**
 * The built task pane in real Chromium (Debian's, driven by playwright-core), with the
 * stand-in Office host in place of office.js. It must render the selection, follow a
 * change, register =CVA.CLV in the shared runtime, and make no network request.
 * Screenshots go to test-output/browser/; those the README shows are copied to docs/images/:
 * the pane, and the workbook as the add-in left it (drawn by host/workbook-view.ts from the fake
 * workbook's state after the real run, since no Excel runs here).
 */
import { copyFileSync, mkdirSync, readFileSync } from "fs";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { WorkbookState } from "./host/workbook-view";
import { buildOfficeHost, chromiumArgs, chromiumPath, outputDir, repoRoot, serveDist, OFFICE_JS } from "./harness";

/** The CDNOW sample, read relative to the repository root (data/cdnow). */
const CDNOW = readFileSync(path.join(repoRoot, "data", "cdnow", "cdnow_sample.csv"), "utf8");
const imagesDir = path.join(repoRoot, "docs", "images");
/**
 * The README's pictures are these screenshots. A test run leaves them in test-output/browser/;
 * `npm run screenshots` (CVA_UPDATE_IMAGES=1) also copies them over docs/images/, so a plain
 * `npm test` never changes tracked files.
 */
function publish(shot: string, name: string): void {
  if (process.env.CVA_UPDATE_IMAGES === "1") copyFileSync(shot, path.join(imagesDir, name));
}

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
  async function openPane(query: string, csv?: string): Promise<{ page: Page; external: string[]; pageErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
    if (csv) await context.addInitScript((text) => ((window as unknown as { __cvaCsv: string }).__cvaCsv = text), csv);
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
        spill: host.callFunction("CLV", [[100], [200], ["x"]], 0.8, 0.1),
      };
    });
    expect(result.registered).toContain("CLV");
    expect((result.perpetuity as number[][])[0][0]).toBeCloseTo(266.6667, 4);
    expect((result.threePeriods as number[][])[0][0]).toBeCloseTo(164.0872, 4);
    expect(result.badRetention).toEqual([[{ code: "#VALUE!", message: expect.stringContaining("retention must be below 1") }]]);
    expect(result.text).toEqual([[{ code: "#VALUE!", message: expect.stringContaining("margin must be a number") }]]);
    // A range spills one value per row; the bad cell keeps its own error.
    const spill = result.spill as unknown[][];
    expect(spill[0][0] as number).toBeCloseTo(266.6667, 4);
    expect(spill[1][0] as number).toBeCloseTo(533.3333, 4);
    expect(spill[2][0]).toEqual({ code: "#VALUE!", message: expect.stringContaining('margin must be a number; got the text "x"') });
  });
});


interface HostView {
  workbook: {
    sheets: string[];
    tables: { name: string; sheet: string; address: string; style: string | null }[];
    charts: { sheet: string; name: string; type: string; title: string; source: string; clearedSeries: number[]; seriesAdded: unknown[] }[];
    conditionalFormats: { type: string; formula: string | null }[];
    calls: string[];
    userCellWrites: number;
    maxRequestBytes: number;
  };
  used(sheet: string): Promise<(string | number | boolean)[][]>;
  settings: Record<string, unknown>;
  snapshot(): Promise<WorkbookState>;
  calculation(): Promise<{ messages: string[]; problems: string[] }>;
  drawWorkbook(state: WorkbookState, sheet: string, scrollTo: string): Promise<void>;
}

describeIfChromium("the analysis flow on CDNOW in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDist>>;
  let hostScript: string;

  beforeAll(async () => {
    [hostScript, server] = await Promise.all([buildOfficeHost(), serveDist()]);
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    mkdirSync(imagesDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ["en-US", "light", { results: "CVA Results", report: "CVA Report", model: "CVA Model", modelTitle: "Lifetime model: ", aliveTitle: "P(alive) by frequency and recency", histogramChart: "Repeat purchases: actual vs model", forecastChart: "Forecast revenue per period", newCustomerChart: "A new customer's cumulative discounted margin", table: "Excel table", tierName: "Tier name", tier: "Tier", value: "Value", run: "Analyse and write to the workbook", pyramid: "Customers and value per tier", kpi: "Customers", first: "First purchase", clv: "CLV", pAlive: "P(alive)", read: "6,919 rows read from Sheet1!A1:D6920.", hidden: "4 hidden or filtered-out rows were analysed with the others.", example: "How one customer's CLV is computed", checkOk: "✓ equal" }],
    ["zh-CN", "dark", { results: "客户价值分析", report: "金字塔报告", model: "生命周期模型", modelTitle: "生命周期模型：", aliveTitle: "按频次与最近购买时间的存活概率", histogramChart: "重复购买：实际与模型", forecastChart: "各期预测收入", newCustomerChart: "新客户的累计折现毛利", table: "Excel 表格", tierName: "层级名称", tier: "层级", value: "价值", run: "分析并写入工作簿", pyramid: "各层级的客户与价值", kpi: "客户数", first: "首次购买", clv: "客户终生价值", pAlive: "存活概率", read: "已从 Sheet1!A1:D6920 读取 6,919 行。", hidden: "已将 4 个隐藏或被筛选掉的行与其他行一起分析。", example: "一位客户的终生价值如何计算", checkOk: "✓ 相等" }],
  ] as const)("%s: table source → mapping → run → results sheet, report, model sheet and native charts, no network", async (lang, theme, L) => {
    const context = await browser.newContext({ viewport: { width: 380, height: 900 }, deviceScaleFactor: 2 });
    await context.addInitScript((text) => ((window as unknown as { __cvaCsv: string }).__cvaCsv = text), CDNOW);
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
    await page.goto(`${server.origin}/taskpane.html?lang=${lang}&theme=${theme}`);

    // Source: the table "Purchases" (the CDNOW sample, 6,919 rows, under a totals row; a filter hides rows 5 to 8).
    await page.getByRole("radio", { name: L.table }).first().check();
    await page.getByTestId("source-list").filter({ hasText: "Purchases" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("map-id").filter({ hasText: "customer_id" }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("map-date").textContent()).toBe("date");
    expect(await page.getByTestId("map-amount").textContent()).toBe("amount");
    await page.screenshot({ path: path.join(outputDir, `flow-setup-${lang}.png`), fullPage: true });

    // Run.
    await page.getByRole("button", { name: L.run }).click();
    await page.getByTestId("results").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("result-customers").textContent()).toBe("2,357");
    // Exactly the table's data rows: not its totals row; the filtered-out rows analysed, and said so.
    expect(await page.getByTestId("read-summary").textContent()).toBe(L.read);
    expect(await page.getByTestId("hidden-note").textContent()).toBe(L.hidden);
    await page.getByTestId("preview-chart").locator("svg").first().waitFor({ timeout: 15_000 });

    const host = await page.evaluate(() => {
      const h = (window as unknown as { __cvaHost: HostView }).__cvaHost;
      return { workbook: h.workbook, settings: h.settings };
    });
    const written = await page.evaluate((sheet) => (window as unknown as { __cvaHost: HostView }).__cvaHost.used(sheet), L.results);
    expect(host.workbook.sheets).toEqual(["Sheet1", L.results, L.report, L.model]);
    expect(host.workbook.userCellWrites).toBe(0);
    expect(host.workbook.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);

    // The written table: 2,357 customers under a header, as an Excel table; no "Total" customer.
    expect(written.length).toBe(2358);
    expect(written.some((r) => r[0] === "Total")).toBe(false);
    const header = written[0];
    expect(host.workbook.tables.find((t) => t.sheet === L.results)?.address).toMatch(/^A1:[A-Z]+2358$/);
    // Tier counts follow the default 1/19/30/50 cut-offs: each customer's tier is the first
    // cumulative share its value's best rank reaches.
    const tierCol = header.indexOf(L.tier);
    const valueCol = header.indexOf(L.value);
    const values = written.slice(1).map((r) => r[valueCol] as number);
    const sorted = values.slice().sort((a, b) => b - a);
    const cum = [0.01, 0.2, 0.5, 1];
    const expected = values.map((v) => cum.findIndex((c) => (sorted.indexOf(v) + 1) / 2357 <= c + 1e-12) + 1);
    expect(written.slice(1).map((r) => r[tierCol])).toEqual(expected);
    const counts = [1, 2, 3, 4].map((k) => expected.filter((t) => t === k).length);
    expect(counts[0] + counts[1]).toBeGreaterThanOrEqual(Math.floor(2357 * 0.2));

    // Native charts on the report sheet, and the tier colours and data bar.
    expect(host.workbook.charts.map((c) => [c.sheet, c.name, c.type])).toEqual([
      [L.report, "CVA_Pyramid", "BarStacked"],
      [L.report, "CVA_LifeCycle", "ColumnClustered"],
      [L.report, "CVA_Loyalty", "ColumnClustered"],
      [L.report, "CVA_Pareto", "XYScatterLinesNoMarkers"],
      [L.report, "CVA_ClvHistogram", "ColumnClustered"],
      [L.model, "CVA_ModelFrequency", "ColumnClustered"],
      [L.model, "CVA_ModelForecast", "LineMarkers"],
      [L.model, "CVA_ModelNewCustomer", "LineMarkers"],
    ]);
    expect(host.workbook.charts[0].title).toBe(L.pyramid);
    expect(host.workbook.charts[3].seriesAdded).toHaveLength(1);
    expect(host.workbook.conditionalFormats.map((f) => f.type)).toEqual(["Custom", "Custom", "Custom", "Custom", "DataBar", "ColorScale", "ColorScale"]);
    const report = await page.evaluate((sheet) => (window as unknown as { __cvaHost: HostView }).__cvaHost.used(sheet), L.report);
    const tierHead = report.findIndex((r) => r[0] === L.tierName && r.length >= 8);
    expect(report.slice(tierHead + 1, tierHead + 5).map((r) => r[1])).toEqual(counts);

    // Options remembered with the workbook.
    expect(host.settings["cva.options"]).toEqual(expect.objectContaining({ tiers: [1, 19, 30, 50], lang }));

    // The link selects the table.
    await page.getByTestId("link-table").click();
    await page.waitForFunction(() => (window as unknown as { __cvaHost: HostView }).__cvaHost.workbook.calls.includes("select table CVA_Results"), null, { timeout: 10_000 });

    await page.getByTestId("results").scrollIntoViewIfNeeded();
    const shot = path.join(outputDir, `flow-results-${lang}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    publish(shot, `taskpane-results-${lang}.png`);
    publish(path.join(outputDir, `flow-setup-${lang}.png`), `taskpane-setup-${lang}.png`);
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);

    // The workbook as the add-in left it, drawn from the fake workbook's state.
    const state = await page.evaluate(() => (window as unknown as { __cvaHost: HostView }).__cvaHost.snapshot());
    // Every formula the add-in wrote computes as Excel would (host/formula-engine.ts): nothing the host
    // could not evaluate, no error on the model sheet, and the worked example's check cell finds the
    // results table's CLV for its customer.
    const calculation = await page.evaluate(() => (window as unknown as { __cvaHost: HostView }).__cvaHost.calculation());
    expect(calculation.problems).toEqual([]);
    const modelCells = state.sheets.find((x) => x.name === L.model)!.cells.flat();
    expect(modelCells.filter((v) => typeof v === "string" && /^#(VALUE!|N\/A|NAME\?|REF!|NUM!|DIV\/0!|SPILL!)$/.test(v))).toEqual([]);
    expect(modelCells).toContain(L.checkOk);
    await context.close();
    expect(state.active).toBe(L.results);
    const resultsView = await drawSheet(state, L.results);
    expect(await resultsView.page.getByTestId("tab").allTextContents()).toEqual(["Sheet1", L.results, L.report, L.model]);
    expect(await resultsView.page.locator(".tab.active").textContent()).toBe(L.results);
    expect(await resultsView.page.locator('tr[data-row="1"] td').evaluateAll((tds) => tds.map((td) => td.textContent).filter(Boolean))).toEqual(header);
    expect(await resultsView.page.locator('tr[data-row="1"]').getAttribute("class")).toContain("frozen");
    expect(await resultsView.page.locator("tr.used").count()).toBe(2358);
    expect(await resultsView.page.locator('tr[data-row="2358"]').getAttribute("class")).toContain("used");
    // Customer 0001 in row 2, each cell as its number format shows it.
    const cell = (col: string, row = 2) => resultsView.page.locator(`td[data-cell="${col}${row}"]`);
    const colOf = (name: string) => String.fromCharCode(65 + header.indexOf(name));
    const first = written[1];
    expect(await cell("A").textContent()).toBe("0001");
    expect(await cell(colOf(L.first)).textContent()).toBe("1997-01-01");
    expect(await cell(colOf(L.tier)).textContent()).toBe(String(first[tierCol]));
    expect(await cell(colOf(L.tierName)).textContent()).toBe(first[header.indexOf(L.tierName)]);
    const money = (v: number) => v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await cell(colOf(L.clv)).textContent()).toBe(money(first[header.indexOf(L.clv)] as number));
    expect(await cell(colOf(L.pAlive)).textContent()).toBe(`${((first[header.indexOf(L.pAlive)] as number) * 100).toFixed(1)}%`);
    // Its row wears its tier's colour; the CLV column has a data bar; no number is too wide for its column.
    const tierFill = host.workbook.conditionalFormats.find((f) => f.formula === `=$${colOf(L.tier)}2=${first[tierCol]}`) as unknown as { fill: string };
    expect(await cell("A").evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(rgb(tierFill.fill));
    expect(await cell(colOf(L.clv)).evaluate((td) => getComputedStyle(td).backgroundImage)).toContain("linear-gradient");
    expect(await resultsView.page.locator("tr.used td").evaluateAll((tds) => tds.filter((td) => /^#+$/.test(td.textContent ?? "")).length)).toBe(0);
    await resultsView.shot(`workbook-results-${lang}.png`);

    // The report sheet's first screen: the title, the headline figures in their formats, the pyramid beside its table.
    const reportView = await drawSheet(state, L.report);
    expect(await reportView.page.locator(".tab.active").textContent()).toBe(L.report);
    const kpiRow = state.sheets.find((x) => x.name === L.report)!.cells.findIndex((r) => r?.[0] === L.kpi) + 1; // 1-based: the labels' row
    expect(await reportView.page.locator(`td[data-cell="A${kpiRow + 1}"]`).textContent()).toBe("2,357");
    const charts = reportView.page.locator(".chart");
    const reportCharts = host.workbook.charts.filter((c) => c.sheet === L.report);
    expect(await charts.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name))).toEqual(reportCharts.map((c) => c.name));
    expect(await charts.locator('[data-role="title"]').allTextContents()).toEqual(reportCharts.map((c) => c.title));
    // The pyramid: per tier a bar of its share of customers (left) and one of its share of value (right), labelled, with axis titles.
    const pyramid = reportView.page.locator('.chart[data-name="CVA_Pyramid"]');
    expect(await pyramid.locator('[data-role="point"]').count()).toBe(8);
    expect(await pyramid.locator('[data-role="label"]').count()).toBe(8);
    expect(await pyramid.locator('[data-role="axis-title"]').count()).toBe(2);
    const pyramidBox = (await pyramid.boundingBox())!;
    expect(pyramidBox.x + pyramidBox.width).toBeLessThan(1280);
    expect(await reportView.page.locator('.chart[data-name="CVA_Pareto"] [data-role="series"]').count()).toBe(3);
    await reportView.shot(`workbook-report-${lang}.png`);

    // The model sheet: the chosen model on top, its charts beside their tables, P(alive) as a heat map.
    const modelView = await drawSheet(state, L.model);
    expect(await modelView.page.locator(".tab.active").textContent()).toBe(L.model);
    expect(await modelView.page.locator('td[data-cell="A1"]').textContent()).toMatch(new RegExp(`^${L.modelTitle}(BG/NBD|MBG/NBD|Pareto/NBD)$`));
    const modelCharts = modelView.page.locator(".chart");
    expect(await modelCharts.locator('[data-role="title"]').allTextContents()).toEqual([L.histogramChart, L.forecastChart, L.newCustomerChart]);
    // Each chart draws two series (actual and model; revenue and discounted margin), with both axis titles.
    for (const name of ["CVA_ModelFrequency", "CVA_ModelForecast"]) {
      expect(await modelView.page.locator(`.chart[data-name="${name}"] [data-role="axis-title"]`).count()).toBe(2);
      expect(await modelView.page.locator(`.chart[data-name="${name}"] [data-role="legend"]`).count()).toBe(2);
    }
    // The new customer's running margin (no acquisition cost here: one line), with both axis titles.
    expect(await modelView.page.locator('.chart[data-name="CVA_ModelNewCustomer"] [data-role="axis-title"]').count()).toBe(2);
    // The histogram chart starts on screen, beside its table, not past the data.
    const frequencyBox = (await modelView.page.locator('.chart[data-name="CVA_ModelFrequency"]').boundingBox())!;
    expect(frequencyBox.x + frequencyBox.width).toBeLessThan(1280);
    // P(alive): every cell of the heat map filled, redder where the probability is lower (Excel's red–yellow–green).
    const aliveRow = state.sheets.find((x) => x.name === L.model)!.cells.findIndex((r) => r?.[0] === L.aliveTitle);
    const headerRow = aliveRow + 3; // title, note, header (1-based: the header's row number)
    const fills = await modelView.page.locator(`tr[data-row="${headerRow + 1}"] td`).evaluateAll((tds) => tds.slice(1, 6).map((td) => ({ text: td.textContent, fill: getComputedStyle(td).backgroundColor })));
    expect(fills.every((f) => f.fill.startsWith("rgb("))).toBe(true);
    const red = (f: { fill: string }) => Number(/rgb\((\d+)/.exec(f.fill)![1]);
    const green = (f: { fill: string }) => Number(/rgb\(\d+, (\d+)/.exec(f.fill)![1]);
    const pct = (f: { text: string | null }) => Number((f.text ?? "").replace("%", ""));
    const [lo, hi] = fills.slice().sort((a, b) => pct(a) - pct(b)).filter((_, i, a) => i === 0 || i === a.length - 1);
    // The row of a last purchase at time 0: P(alive) falls with the repeat purchases made before it.
    expect(pct(lo)).toBeLessThan(pct(hi));
    expect(red(lo) - green(lo)).toBeGreaterThan(red(hi) - green(hi));
    await modelView.shot(`workbook-model-${lang}.png`);
    // Further down, the worked example: one customer's P(alive), spend and months as plain formulas, computed.
    const exampleRow = state.sheets.find((x) => x.name === L.model)!.cells.findIndex((r) => r?.[0] === L.example) + 1;
    expect(exampleRow).toBeGreaterThan(1);
    const exampleView = await drawSheet(state, L.model, `A${exampleRow}`);
    expect(await exampleView.page.getByText(L.checkOk).count()).toBe(1);
    await exampleView.shot(`workbook-model-example-${lang}.png`);
    await exampleView.close();
    await resultsView.close();
    await reportView.close();
    await modelView.close();
  }, 240_000);

  /** A page at a laptop's size drawing one sheet of the state; `shot` saves and copies its screenshot. */
  async function drawSheet(state: WorkbookState, sheet: string, scrollTo = "A1") {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1.25 });
    const external: string[] = [];
    await context.route("**/*", (route) => (external.push(route.request().url()), route.abort()));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.setContent("<!doctype html><html><head></head><body></body></html>");
    await page.addScriptTag({ content: hostScript });
    await page.evaluate(([s, name, cell]) => (window as unknown as { __cvaHost: HostView }).__cvaHost.drawWorkbook(s, name, cell), [state, sheet, scrollTo] as const);
    return {
      page,
      shot: async (file: string) => {
        const shot = path.join(outputDir, file);
        await page.screenshot({ path: shot });
        publish(shot, file);
      },
      close: async () => {
        expect(pageErrors).toEqual([]);
        expect(external).toEqual([]);
        await context.close();
      },
    };
  }
});

/** "#F8CBAD" → "rgb(248, 203, 173)", as getComputedStyle reports a colour. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

async function expectText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).waitFor({ timeout: 15_000 });
  expect(await page.getByTestId(testId).textContent()).toBe(text);
}
