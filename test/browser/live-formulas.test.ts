/**
 * "Live formulas" in the built pane, in Chromium, on the CDNOW sample (the table "Purchases", weeks,
 * 12 months, margin share 1): the results' CLV column is =CVA.CLV.BTYD formulas of each row and the
 * named cells, and the host evaluates them as Excel would (host/formula-engine.ts: HyperFormula for
 * the Excel formulas and names, the functions bundle's own CVA functions under functions.json). After
 * 0.02 is typed into the cell named CVA_Discount, every customer's CLV and the live equity total
 * equal a fresh values-mode run's at a 2 % monthly discount within 1e-9 relative; then 0.5 typed into
 * CVA_Margin gives a fresh run's at 2 % and margin 0.5. The model sheet's equity at the named cells
 * (CVA_Equity, a SUMPRODUCT of the revenue by month) follows to 1e-9 as well, and no cell shows
 * what Excel would not (host problems: none).
 */
import { readFileSync } from "fs";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildOfficeHost, chromiumArgs, chromiumPath, repoRoot, serveDist, OFFICE_JS } from "./harness";

const CDNOW = readFileSync(path.join(repoRoot, "data", "cdnow", "cdnow_sample.csv"), "utf8");
const executablePath = chromiumPath();
const describeIfChromium = executablePath ? describe : describe.skip;

interface Host {
  used(sheet: string): Promise<unknown[][]>;
  formulas(sheet: string): unknown[][];
  calculation(): Promise<{ messages: string[]; problems: string[] }>;
  typeIn(sheet: string, address: string, texts: string[][]): void;
  name(n: string): { sheet: string; address: string } | null;
}
type Win = { __cvaHost: Host };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const worst = (a: number[], b: number[]) => {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, rel(v, b[i])), 0);
};

describeIfChromium("live formulas in Chromium: the named assumptions recompute the CLV column", () => {
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

  /** Opens the pane on CDNOW, sets the options, runs; the page and its refused external requests. */
  async function run(o: { live: boolean; discount?: string; margin?: string }): Promise<{ page: Page; external: string[]; pageErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 380, height: 900 } });
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
    await page.goto(`${server.origin}/taskpane.html?lang=en-US`);
    await page.getByRole("radio", { name: "Excel table" }).first().check();
    await page.getByTestId("map-id").filter({ hasText: "customer_id" }).waitFor({ timeout: 15_000 });
    if (o.discount) await page.getByTestId("opt-discount").fill(o.discount);
    if (o.margin) await page.getByTestId("opt-margin").fill(o.margin);
    if (o.live) {
      await page.getByTestId("opt-advanced").click();
      await page.getByLabel("Live formulas").check();
    }
    await page.getByRole("button", { name: "Analyse and write to the workbook" }).click();
    await page.getByTestId("results").waitFor({ timeout: 90_000 });
    return { page, external, pageErrors };
  }

  /** The results sheet's CLV column as Excel shows it, and the live equity total beside the table (if any). */
  async function readResults(page: Page) {
    const rows = await page.evaluate(() => (window as unknown as Win).__cvaHost.used("CVA Results"));
    const header = rows[0] as string[];
    const col = header.indexOf("CLV");
    expect(col).toBeGreaterThan(0);
    const body = rows.slice(1).filter((r) => r[0] !== "" && r[0] !== undefined);
    const clv = body.map((r) => r[col] as number);
    const totalCol = header.indexOf("Customer equity (live)");
    return { header, col, clv, total: totalCol > 0 ? (rows[1][totalCol] as number) : undefined };
  }

  const nameValue = async (page: Page, n: string) =>
    page.evaluate(async (name) => {
      const h = (window as unknown as Win).__cvaHost;
      const at = h.name(name)!;
      const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(at.address)!;
      const col = [...m[1]].reduce((s, c) => s * 26 + c.charCodeAt(0) - 64, 0) - 1;
      return (await h.used(at.sheet))[Number(m[2]) - 1][col] as number;
    }, n);

  const typeIntoName = async (page: Page, n: string, text: string) =>
    page.evaluate(
      ([name, t]) => {
        const h = (window as unknown as Win).__cvaHost;
        const at = h.name(name)!;
        h.typeIn(at.sheet, at.address, [[t]]);
      },
      [n, text] as const,
    );

  it("typing 2 % into CVA_Discount, then 0.5 into CVA_Margin, gives a fresh values run's CLV column and equity", async () => {
    const live = await run({ live: true });
    const { page } = live;
    // The CLV column holds formulas (their text as Range.formulas reads it), shown as their values.
    const formulas = await page.evaluate(() => (window as unknown as Win).__cvaHost.formulas("CVA Results"));
    const before = await readResults(page);
    expect(before.clv).toHaveLength(2357);
    expect(formulas[1][before.col]).toMatch(/^=CVA\.CLV\.BTYD\(B2,C2,D2,E2,CHOOSE\(.*CVA_Horizon,CVA_Discount,CVA_Margin,CVA_Unit\)$/);
    expect(before.clv.every((v) => typeof v === "number" && Number.isFinite(v) && v >= 0)).toBe(true);
    const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
    expect(rel(before.total!, sum(before.clv))).toBeLessThan(1e-12);
    // The model sheet's what-if equity at the named cells is the same customer equity.
    expect(rel(await nameValue(page, "CVA_Equity"), before.total!)).toBeLessThan(1e-9);
    expect(await nameValue(page, "CVA_Discount")).toBe(0.01);

    await typeIntoName(page, "CVA_Discount", "0.02");
    const at02 = await readResults(page);
    const fresh02 = await run({ live: false, discount: "0.02" });
    const values02 = await readResults(fresh02.page);
    expect(values02.total).toBeUndefined(); // a values run writes no live total
    expect((await fresh02.page.evaluate(() => (window as unknown as Win).__cvaHost.formulas("CVA Results"))).slice(1).some((r) => r.some((v) => typeof v === "string" && v.startsWith("=")))).toBe(false);
    expect(worst(at02.clv, values02.clv)).toBeLessThan(1e-9);
    expect(rel(at02.total!, sum(values02.clv))).toBeLessThan(1e-9);
    expect(at02.total!).toBeLessThan(before.total! * 0.995); // a real change: a higher discount lowers equity
    expect(rel(await nameValue(page, "CVA_Equity"), sum(values02.clv))).toBeLessThan(1e-9);

    await typeIntoName(page, "CVA_Margin", "0.5");
    const at05 = await readResults(page);
    const fresh05 = await run({ live: false, discount: "0.02", margin: "0.5" });
    const values05 = await readResults(fresh05.page);
    expect(worst(at05.clv, values05.clv)).toBeLessThan(1e-9);
    expect(rel(at05.total!, sum(values05.clv))).toBeLessThan(1e-9);
    expect(rel(at05.total!, at02.total! * 0.5)).toBeLessThan(1e-9); // CLV is linear in the margin share

    for (const p of [live, fresh02, fresh05]) {
      expect(await p.page.evaluate(() => (window as unknown as Win).__cvaHost.calculation().then((c) => c.problems))).toEqual([]);
      expect(p.pageErrors).toEqual([]);
      expect(p.external).toEqual([]);
    }
  }, 300_000);
});
