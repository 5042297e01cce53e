/**
 * Writing a results table that comes packed from the analysis worker (src/excel/write.ts with a
 * plan's `body`, src/excel/plan.ts RowSource): the rows are made a block at a time, just before the
 * request that sends them, never the whole table at once, and the sheet gets the same cells in the
 * same requests as from rows made in one go; each request stays under the byte budget.
 * src/excel/chunks.ts nextBlock makes the same blocks as sizedBlocks and yields while it works.
 */
import { FakeWorkbook } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";
import { runAnalysis, type SourceData } from "../../src/excel";
import { nextBlock, rowBytes, sizedBlocks } from "../../src/excel/chunks";
import { bodyRows, type Cell, type OutputPlan } from "../../src/excel/plan";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";
import { packRows, rowSource } from "../../src/taskpane/workflow/transfer";

const cdnow = cdnowSheet(cdnowText());
const en = defaultOptions("en-US");
const names = outputNames("en-US");

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", cdnow.rows, cdnow.formats);
  wb.selection = { sheet: "Sheet1", address: `A1:D${cdnow.rows.length}` };
  return wb;
}

const planOf = (source: SourceData): OutputPlan => computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, en).plan;

describe("writing a packed results table", () => {
  it("makes each block's rows just before its request and writes the same cells in the same requests as rows made in one go", async () => {
    const made = { rows: 0 };
    let plan: OutputPlan | undefined;
    const packed = workbook();
    // The rows made so far, at each sync: never more than the blocks sent by then and the next block.
    const madeAtSync: number[] = [];
    packed.beforeSync = () => madeAtSync.push(made.rows);
    const fromPacked = await runAnalysis(
      { source: { kind: "selection" }, names },
      {
        maxBytes: 50_000,
        compute: async (source) => {
          plan = planOf(source);
          const body = rowSource<Cell>(packRows(plan.results.rows));
          const counted = { length: body.length, rowAt: (i: number) => (made.rows++, body.rowAt(i)) };
          return { ...plan, results: { ...plan.results, rows: [], body: counted } };
        },
      },
      packed.run,
    );
    const fromRows = workbook();
    const out = await runAnalysis({ source: { kind: "selection" }, names }, { maxBytes: 50_000, compute: async (source) => planOf(source) }, fromRows.run);

    expect(fromPacked.chunks).toBe(out.chunks);
    expect(out.chunks).toBeGreaterThan(10); // 2,357 rows of 22 cells with their formats, 50,000 bytes a request
    expect(packed.syncs).toBe(fromRows.syncs);
    expect(packed.used("CVA Results")).toEqual(fromRows.used("CVA Results"));
    expect(packed.used("CVA Results")).toHaveLength(2358);
    expect(packed.maxRequestBytes).toBe(fromRows.maxRequestBytes);
    // Each row made once (a block's last look past its end makes one row more, made again for the next block).
    expect(made.rows).toBeLessThanOrEqual(2357 + out.chunks);
    // At the first write's sync only its block was made (plus the one row that did not fit), not the table.
    const firstWrite = madeAtSync.find((m) => m > 0) ?? 0;
    expect(firstWrite).toBeGreaterThan(0);
    expect(firstWrite).toBeLessThan(2357 / 10);
  });

  it("sizes the table by the body's length, not by the empty rows beside it", async () => {
    const wb = workbook();
    await runAnalysis(
      { source: { kind: "selection" }, names },
      {
        compute: async (source) => {
          const plan = planOf(source);
          return { ...plan, results: { ...plan.results, rows: [], body: rowSource<Cell>(packRows(plan.results.rows)) } };
        },
      },
      wb.run,
    );
    expect(wb.tables.find((t) => t.name === "CVA_Results")?.address).toMatch(/A1:[A-Z]+2358$/);
  });
});

describe("nextBlock", () => {
  const rows: Cell[][] = Array.from({ length: 3000 }, (_, i) => [`id-${i}`, i * 1.5, i % 7 === 0 ? "" : "Active", i % 3 === 0]);
  const source = { length: rows.length, rowAt: (i: number) => rows[i] };

  it.each([1, 500, 12_345, 50_000, 4_000_000])("makes the blocks sizedBlocks makes (budget %d bytes)", async (maxBytes) => {
    const blocks: { start: number; rows: number }[] = [];
    for (let start = 0; start < rows.length; ) {
      const block = await nextBlock(source, start, maxBytes, 17, async () => undefined);
      expect(block).toEqual(rows.slice(start, start + block.length));
      blocks.push({ start, rows: block.length });
      start += block.length;
    }
    expect(blocks).toEqual(sizedBlocks(rows, maxBytes, 17));
    // Under budget, unless a single row is over it.
    for (const b of blocks) {
      const bytes = rows.slice(b.start, b.start + b.rows).reduce((s, r) => s + rowBytes(r) + 17, 0);
      expect(b.rows === 1 || bytes <= maxBytes).toBe(true);
    }
  });

  it("awaits the pause once a slice has run its time: every 256 rows when the slice is 0 ms", async () => {
    let pauses = 0;
    const block = await nextBlock(source, 0, 4_000_000, 0, async () => void pauses++, 0);
    expect(block).toHaveLength(3000);
    expect(pauses).toBe(Math.floor(3000 / 256)); // 11
    expect(bodyRows({ rows: [], body: source })).toEqual(rows);
  });
});
