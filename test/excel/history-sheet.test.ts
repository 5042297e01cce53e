/**
 * The pyramid over time through the fake workbook (src/excel/history.ts, withHistory in
 * src/taskpane/workflow/history-plan.ts): two runs on CDNOW at two observation ends, the second
 * compared with the first; a failed second run leaves the history as it was; an earlier run with a
 * duplicated id gives the keyed message and no comparison. The migration matrix is recounted here
 * from the two runs' results by id, not through compareSnapshots.
 */
import { FakeWorkbook, richApiError, type FakeSheet } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { runAnalysis, type OutputPlan } from "../../src/excel";
import { appendHistory, HISTORY_SHEET, readHistory } from "../../src/excel/history";
import { newWriteState, rollBack } from "../../src/excel/rollback";
import type { AnalyzeResult } from "../../src/core";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { rowsToDrop, withHistory } from "../../src/taskpane/workflow/history-plan";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";

const cdnow = cdnowSheet(cdnowText());
type Lang = "en-US" | "zh-CN";
// Two runs a day apart (Excel serial days with the time of day).
const STAMPS = { "1998-03-31": 46000.5, "1998-06-30": 46001.5 } as const;
type End = keyof typeof STAMPS;

const cache = new Map<string, { result: AnalyzeResult; plan: OutputPlan }>();
function analysed(
  source: Parameters<typeof computeAnalysis>[0]["source"],
  end: End,
  lang: Lang,
) {
  const key = `${end} ${lang}`;
  let out = cache.get(key);
  if (!out) {
    const o = { ...defaultOptions(lang), end };
    out = computeAnalysis(
      {
        kind: "transactions",
        source,
        mapping: recognise(source.header).transactions,
      },
      o,
    );
    cache.set(key, out);
  }
  return out;
}

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
  wb.selection = { sheet: "Sheet1", address: `A1:D${cdnow.rows.length}` };
  return wb;
}

/** One pane run with the history kept; returns what compute planned and the outcome. */
async function run(wb: FakeWorkbook, end: End, lang: Lang) {
  let planned: ReturnType<typeof withHistory> | undefined;
  let result: AnalyzeResult | undefined;
  const outcome = await runAnalysis(
    { source: { kind: "selection" }, names: outputNames(lang), history: true },
    {
      compute: async (source, _profiles, history) => {
        const out = analysed(source, end, lang);
        result = out.result;
        planned = withHistory(
          out.plan,
          out.result,
          history ?? [],
          STAMPS[end],
          lang,
          defaultOptions(lang).tiers.map((x) => x / 100),
        );
        return planned;
      },
    },
    wb.run,
  );
  return {
    outcome,
    plan: planned as ReturnType<typeof withHistory>,
    result: result as AnalyzeResult,
  };
}

const historySheet = (wb: FakeWorkbook) =>
  wb.sheets.find((s) => s.name === HISTORY_SHEET) as FakeSheet;
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** The from × to counts of customers in both runs, counted by id from the two results. */
function recount(a: AnalyzeResult, b: AnalyzeResult): Map<string, number> {
  const before = new Map(a.customers.map((c) => [c.customerId, c.tier]));
  const counts = new Map<string, number>();
  for (const c of b.customers) {
    const from = before.get(c.customerId);
    if (from === undefined) continue;
    counts.set(`${from}→${c.tier}`, (counts.get(`${from}→${c.tier}`) ?? 0) + 1);
  }
  return counts;
}

describe.each(["en-US", "zh-CN"] as const)("the history sheet (%s)", (lang) => {
  it("the second run's report compares it with the first, and the sheet holds both runs' rows", async () => {
    const wb = workbook();
    const first = await run(wb, "1998-03-31", lang);
    expect(
      first.plan.report.blocks.some((b) => b.id.startsWith("migration")),
    ).toBe(false);
    expect(first.outcome.history?.sheet).toBe(HISTORY_SHEET);
    const second = await run(wb, "1998-06-30", lang);
    const n1 = first.result.customers.length;
    const n2 = second.result.customers.length;
    // CDNOW's customers all made their first purchase in Q1 1997: the same ids at both ends.
    expect(n1).toBe(2_357);
    expect(n2).toBe(2_357);
    const sheet = historySheet(wb);
    expect(sheet.cells.length).toBe(1 + n1 + n2);
    expect(sheet.cells[1][0]).toBe(STAMPS["1998-03-31"]);
    expect(sheet.cells[1 + n1][0]).toBe(STAMPS["1998-06-30"]);
    expect(sheet.cells.slice(1, 1 + n1).map((r) => r[1])).toEqual(
      first.result.customers.map((c) => c.customerId),
    );
    // The matrix block: a row per earlier tier, a column per tier now, totals last.
    const block = second.plan.report.blocks.find(
      (b) => b.id === "migrationCustomers",
    );
    if (!block) throw new Error("no migration block");
    // On the report sheet, under its title.
    const report = wb.sheets.find((s) => s.name === second.outcome.reportSheet) as FakeSheet;
    expect(report.cells.some((r) => r.includes(block.title))).toBe(true);
    const counts = recount(first.result, second.result);
    const tiers = [1, 2, 3, 4]; // the default four tiers
    const body = block.rows.slice(0, tiers.length);
    body.forEach((row, i) =>
      tiers.forEach((to, j) =>
        expect(row[1 + j]).toBe(counts.get(`${tiers[i]}→${to}`) ?? 0),
      ),
    );
    expect(block.rows[tiers.length][1 + tiers.length]).toBe(n2);
    // Some customers moved: not a matrix of the diagonal only.
    expect(
      [...counts]
        .filter(([k]) => k.split("→")[0] !== k.split("→")[1])
        .reduce((s, [, v]) => s + v, 0),
    ).toBeGreaterThan(0);
  }, 120_000);

  it("a second run failing at the history's append leaves the history exactly as after the first", async () => {
    const probe = workbook();
    await run(probe, "1998-03-31", lang);
    await run(probe, "1998-06-30", lang);
    const total = probe.syncs;
    for (const at of [0, 0.5, 0.999]) {
      const wb = workbook();
      await run(wb, "1998-03-31", lang);
      const before = copy(historySheet(wb));
      const sheetsBefore = wb.sheets.map((s) => s.name);
      const error = richApiError("GeneralException", "append failed");
      wb.failSync(total, at, error);
      const err = await run(wb, "1998-06-30", lang).catch((e) => e);
      expect(err.code).toBe("writeFailed");
      expect(err.details.cause).toBe(error);
      expect(copy(historySheet(wb))).toEqual(before);
      expect(wb.sheets.map((s) => s.name)).toEqual(sheetsBefore);
    }
  }, 240_000);

  it("an earlier run with a duplicated id: the keyed message, no comparison, the results and this run's rows written", async () => {
    const wb = workbook();
    await run(wb, "1998-03-31", lang);
    const sheet = historySheet(wb);
    sheet.cells[3][1] = sheet.cells[2][1];
    const second = await run(wb, "1998-06-30", lang);
    expect(
      second.plan.report.blocks.some((b) => b.id.startsWith("migration")),
    ).toBe(false);
    const warning = second.plan.report.lines
      .map((l) => String(l[0]))
      .filter((l) => l.includes("CVA History"));
    expect(warning).toHaveLength(1);
    expect(warning[0]).toContain(String(sheet.cells[2][1]));
    expect(warning[0]).toMatch(
      lang === "en-US" ? /^Warning: No comparison/ : /^警告: 未与上次运行/,
    );
    expect(second.outcome.tableAddress).toMatch(/A1:/);
    expect(sheet.cells.length).toBe(1 + 2 * 2_357);
  }, 120_000);
});

describe("dropping the oldest runs to make room", () => {
  // Three runs of two customers each; the next run's two rows must replace the oldest run's.
  const header = ["Run", "Customer ID", "Tier", "Stage", "Value", "CLV", "P(alive)"];
  const body = [1, 2, 3].flatMap((run) => [
    [run, "c1", 1, "active", 10 * run, 1.5, 0.9],
    [run, "c2", 2, "churned", run, "", ""],
  ]);
  const incoming = [
    [4, "c1", 2, "active", 5, 2.5, 0.8],
    [4, "c2", 1, "active", 50, 7.5, 0.95],
  ];
  const formats = ["yyyy-mm-dd hh:mm:ss", "@", "0", "@", "#,##0.00", "#,##0.00", "0.0%"];
  const setUp = () => {
    const wb = new FakeWorkbook();
    wb.addSheet(HISTORY_SHEET, [header, ...body], [header.map(() => "General"), ...body.map(() => formats)]);
    return wb;
  };
  // One row a block (a 60-byte budget): the drop and the first row, then the second row.
  const append = (wb: FakeWorkbook, state = newWriteState()) =>
    wb.run(async (context) => {
      state.started = true;
      const read = await readHistory(context, [HISTORY_SHEET], 7);
      expect(read.rows).toEqual(body);
      expect(read.requests).toBe(1 + 6); // the used range, then six blocks of one row (7 cells at most each)
      return appendHistory(context, read, { header, formats, rows: incoming, drop: rowsToDrop(read.rows.map((r) => r[0]), 2, 7) }, state, 60);
    });

  it("the oldest run goes, whole, before the new rows are appended", async () => {
    const wb = setUp();
    const out = await append(wb);
    expect(out.requests).toBe(2);
    expect(wb.sheets[0].cells).toEqual([header, ...body.slice(2), ...incoming]);
  });

  it.each([0, 0.5, 0.999])("a failure in the second appending request (at %s) puts the whole body back", async (at) => {
    const wb = setUp();
    const before = copy(wb.sheets[0]);
    const state = newWriteState();
    const error = richApiError("GeneralException", "second block failed");
    wb.failSync(wb.syncs + 1 + 6 + 2, at, error);
    const err = await append(wb, state).catch((e) => e);
    expect(err).toBe(error);
    // The drop and the first row were applied: the sheet is not as it was before the rollback.
    expect(wb.sheets[0].cells).not.toEqual(before.cells);
    const out = (await rollBack(wb.run, state, err)) as { code: string; details: { incomplete: string[] } };
    expect(out.code).toBe("writeFailed");
    expect(out.details.incomplete).toEqual([]);
    expect(copy(wb.sheets[0]).cells).toEqual(before.cells);
    expect(copy(wb.sheets[0]).formats).toEqual(before.formats);
  });
});
