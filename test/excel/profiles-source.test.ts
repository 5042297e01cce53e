/**
 * The profiles source of the Run action (src/excel/analysis.ts): a second range of customer
 * profiles, read in the same Excel.run as the transactions, only its mapped columns, and handed to
 * the computation beside them.
 */
import { FakeWorkbook } from "../fakes/workbook";
import { runAnalysis, type OutputPlan, type SourceData } from "../../src/excel";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { outputNames } from "../../src/taskpane/workflow/output";
import { recognise } from "../../src/taskpane/workflow/parse";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";

const cdnow = cdnowSheet(cdnowText());

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", cdnow.rows.slice(0, 201), cdnow.formats.slice(0, 201));
  wb.selection = { sheet: "Sheet1", address: "A1:D201" };
  wb.addSheet("Profiles", [
    ["customer_id", "notes", "complaints", "reputation"],
    ["0001", "called twice", 3, 0.2],
    ["0002", "", 0, 0.9],
    ["0003", "new", 1, 0.5],
  ]);
  wb.addTable("CustomerProfiles", "Profiles", "A1:D4");
  return wb;
}

async function compute(source: SourceData, profiles: SourceData | undefined): Promise<OutputPlan> {
  return computeAnalysis(
    { kind: "transactions", source, mapping: recognise(source.header).transactions, profiles: profiles && { ...profiles, mapping: recognise(profiles.header).profiles } },
    defaultOptions("en-US"),
  ).plan;
}

describe("the profiles source", () => {
  it("reads the profiles table's mapped columns only, every row, and says what it read", async () => {
    const wb = workbook();
    const seen: (SourceData | undefined)[] = [];
    const out = await runAnalysis(
      { source: { kind: "selection" }, profiles: { kind: "table", name: "CustomerProfiles" }, profileColumns: ["customer_id", "complaints", "reputation"], names: outputNames("en-US") },
      { compute: async (s, p) => (seen.push(p), compute(s, p)) },
      wb.run,
    );
    const p = seen[0]!;
    expect(p.header).toEqual(["customer_id", "complaints", "reputation"]); // "notes" is not mapped: not read
    expect(p.rows).toEqual([
      ["0001", 3, 0.2],
      ["0002", 0, 0.9],
      ["0003", 1, 0.5],
    ]);
    expect(out.profilesRead).toEqual({ rows: 3, address: "Profiles!A1:D4", hiddenRows: 0, hiddenSkipped: false, hiddenUnknown: false });
    expect(out.read?.rows).toBe(200);
    expect(wb.used("Profiles")[1]).toEqual(["0001", "called twice", 3, 0.2]); // read, not written
    expect(wb.implicitSyncs).toBe(0);
  });

  it("without a profiles range the computation gets none and the outcome has no profilesRead", async () => {
    const wb = workbook();
    const seen: (SourceData | undefined)[] = [];
    const out = await runAnalysis({ source: { kind: "selection" }, names: outputNames("en-US") }, { compute: async (s, p) => (seen.push(p), compute(s, p)) }, wb.run);
    expect(seen).toEqual([undefined]);
    expect(out.profilesRead).toBeUndefined();
  });

  it("a profiles table that is not there fails before anything is written, naming it", async () => {
    const wb = workbook();
    const err = await runAnalysis(
      { source: { kind: "selection" }, profiles: { kind: "table", name: "Gone" }, names: outputNames("en-US") },
      { compute: async (s, p) => compute(s, p) },
      wb.run,
    ).catch((e) => e);
    expect(err).toMatchObject({ code: "notFound", subject: "Gone" });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Profiles"]);
  });
});
