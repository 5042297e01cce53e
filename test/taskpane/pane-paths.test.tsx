/**
 * @jest-environment jsdom
 *
 * The pane's paths that run through the excel layer on the fake workbook (test/fakes/workbook.ts):
 * the options saved with the workbook in an earlier session come back (Office's document settings,
 * src/excel/settings.ts), the dialog when the results sheet already exists does what each of its
 * buttons says, and a second range of customer profiles is read and changes the results of exactly
 * the customers it describes.
 */
import { render, screen, waitFor, fireEvent, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelOperations, type SettingsStore } from "../../src/excel";
import type { Locale } from "../../src/taskpane/strings";
import { FakeWorkbook } from "../fakes/workbook";
import { cdnowSheet, cdnowText } from "../fakes/cdnow";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

const cdnow = cdnowSheet(cdnowText());
/** The first 300 purchases: a quick run (these tests are about the pane's paths). */
const ROWS = 301;

/** Office.context.document.settings as a workbook keeps it between sessions: one map per workbook. */
function documentSettings(initial: Record<string, unknown> = {}): SettingsStore & { saved: Record<string, unknown>[] } {
  const map = new Map(Object.entries(initial));
  const saved: Record<string, unknown>[] = [];
  return {
    saved,
    get: (k) => (map.has(k) ? map.get(k) : null),
    set: (k, v) => void map.set(k, v),
    saveAsync: (cb) => {
      saved.push(Object.fromEntries(map));
      cb?.({ status: "succeeded" });
    },
  };
}

function workbook(rows = ROWS): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1", cdnow.rows.slice(0, rows), cdnow.formats.slice(0, rows));
  wb.selection = { sheet: "Sheet1", address: `A1:D${rows}` };
  return wb;
}

function pane(wb: FakeWorkbook, settings: SettingsStore, locale: Locale = "en-US") {
  return render(<App excel={createExcelOperations(wb.run, () => settings, wb.supports)} locale={locale} theme={webLightTheme} />);
}

const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement).value;
const text = (id: string) => screen.getByTestId(id).textContent;

async function run(): Promise<void> {
  await screen.findAllByTestId("map-id"); // the source's mapping (and the profiles' when shown)
  await waitFor(() => expect((screen.getByTestId("run") as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(screen.getByTestId("run"));
}

describe("the options saved with the workbook come back in the next session", () => {
  const saved = { unit: "months", end: "1998-06-30", tiers: [20, 30, 50], labels: "metal", horizonMonths: 24, discount: 0.1, margin: 0.4, lang: "en-US", hiddenRows: "skip", model: "paretonbd", calibration: "", acquisitionCost: "25", penalizer: "0.1" };

  it("each saved option is shown, not its default (weeks, no end, 1/19/30/50, standard, 12, 0.01, 1, the pane's language, analyse, auto)", async () => {
    pane(workbook(), documentSettings({ "cva.options": saved }), "zh-CN");
    await screen.findByTestId("options");
    expect(value("opt-tiers")).toBe("20, 30, 50");
    expect(value("opt-end")).toBe("1998-06-30");
    expect(value("opt-horizon")).toBe("24");
    expect(value("opt-discount")).toBe("0.1");
    expect(value("opt-margin")).toBe("0.4");
    expect(text("opt-unit")).toBe("月"); // months, in the pane's language
    expect(text("opt-labels")).toBe("铂金 / 黄金 / 铁 / 铅");
    expect(text("opt-hidden")).toBe("跳过这些行");
    expect(text("opt-model")).toBe("Pareto/NBD 模型");
    expect(value("opt-acquisition-cost")).toBe("25");
    expect(value("opt-penalizer")).toBe("0.1"); // a saved penalty opens the Advanced fold
    expect(text("opt-lang")).toBe("English"); // the output's language, saved as en-US under a zh-CN pane
  });

  it("a run uses them: English sheet names under a Chinese pane, three tiers from 20/30/50, and saves them again unchanged", async () => {
    const wb = workbook();
    const settings = documentSettings({ "cva.options": saved });
    pane(wb, settings, "zh-CN");
    await run();
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    // A zh-CN pane writes 客户价值分析 by default; the saved lang en-US writes CVA Results.
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model"]);
    // The saved model, Pareto/NBD, is the one fitted: named, so no comparison and no reason line.
    expect(wb.used("CVA Model").slice(0, 2)).toEqual([["Lifetime model: Pareto/NBD"], []]);
    expect(wb.used("CVA Model").some((r) => r[0] === "Model comparison (calibration data)")).toBe(false);
    // The saved acquisition cost reaches the new customer's block: its cost, CLV:CAC and payback month under the table.
    const labels = wb.used("CVA Model").map((r) => r[0]);
    expect(wb.used("CVA Model")[labels.indexOf("Acquisition cost")][1]).toBe(25);
    expect(labels).toEqual(expect.arrayContaining(["Value of a new customer", "CLV : CAC", "Payback month"]));
    const written = wb.used("CVA Results");
    const tier = written[0].indexOf("Tier");
    expect([...new Set(written.slice(1).map((r) => r[tier]))].sort()).toEqual([1, 2, 3]); // 3 shares → 3 tiers
    // Saved by a version before the prediction-interval, live-formula, keep-history and example-id options:
    // they are saved back at their defaults (off, empty), every other option unchanged.
    expect(settings.saved).toEqual([{ "cva.options": { ...saved, intervals: false, liveFormulas: false, keepHistory: false, exampleId: "" } }]);
  }, 30_000);

  it("options changed in one session are there in the next one on the same workbook", async () => {
    const wb = workbook();
    const settings = documentSettings();
    const first = pane(wb, settings);
    await screen.findByTestId("options");
    expect(value("opt-horizon")).toBe("12"); // nothing saved yet: the default
    fireEvent.change(screen.getByTestId("opt-horizon"), { target: { value: "36" } });
    fireEvent.change(screen.getByTestId("opt-tiers"), { target: { value: "10, 30, 60" } });
    await run();
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    first.unmount();

    pane(wb, settings);
    await screen.findByTestId("options");
    expect(value("opt-horizon")).toBe("36");
    expect(value("opt-tiers")).toBe("10, 30, 60");
    expect(value("opt-margin")).toBe("1"); // not changed: still the default
  }, 30_000);

  it("saved values of the wrong type are ignored one by one: the defaults show for those, the good ones stay", async () => {
    const settings = documentSettings({ "cva.options": { tiers: "20,30,50", horizonMonths: "24", unit: "years", lang: "fr-FR", margin: 0.5, model: "weibull" } });
    pane(workbook(), settings);
    await screen.findByTestId("options");
    expect(value("opt-tiers")).toBe("1, 19, 30, 50");
    expect(value("opt-horizon")).toBe("12");
    expect(text("opt-unit")).toBe("Weeks");
    expect(text("opt-lang")).toBe("English");
    expect(text("opt-model")).toBe("Auto (recommended)"); // an unknown model name: the default
    expect(value("opt-margin")).toBe("0.5");
  });

  it("a host without document settings (the store throws): the defaults, and the pane still works", async () => {
    const broken: SettingsStore = {
      get: () => {
        throw new Error("Office.context.document.settings is undefined");
      },
      set: () => undefined,
      saveAsync: (cb) => cb?.({ status: "failed", error: { message: "no settings" } }),
    };
    pane(workbook(), broken);
    await screen.findByTestId("options");
    expect(value("opt-tiers")).toBe("1, 19, 30, 50");
    expect(value("opt-discount")).toBe("0.01");
  });
});

describe("the results sheet already exists: the dialog's choices", () => {
  function withOldResults(): { wb: FakeWorkbook; id: string } {
    const wb = workbook();
    const old = wb.addSheet("CVA Results", [["my notes", 42]]);
    return { wb, id: old.id! };
  }

  async function dialog(): Promise<HTMLElement> {
    await run();
    return screen.findByTestId("conflict", {}, { timeout: 10_000 });
  }

  it("asks, naming the sheet; New sheets writes CVA Results (2), CVA Report (2) and CVA Model (2) and leaves the old sheet as it was", async () => {
    const { wb } = withOldResults();
    pane(wb, documentSettings());
    const d = await dialog();
    expect(within(d).getByText("The sheet already exists")).toBeTruthy();
    expect(d.textContent).toContain("CVA Results already exists in this workbook.");
    fireEvent.click(within(d).getByTestId("conflict-new"));
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Results (2)", "CVA Report (2)", "CVA Model (2)"]);
    expect(screen.getByTestId("results-written").textContent).toBe("Written to CVA Results (2), CVA Report (2) and CVA Model (2).");
    expect(wb.used("CVA Results")).toEqual([["my notes", 42]]);
    expect(wb.used("CVA Results (2)")[0][0]).toBe("Customer");
    expect(wb.userCellWrites).toBe(0);
  }, 30_000);

  it("Replace writes into the old sheet itself (same sheet id), the notes cleared, no sheet deleted", async () => {
    const { wb, id } = withOldResults();
    pane(wb, documentSettings());
    fireEvent.click(within(await dialog()).getByTestId("conflict-replace"));
    await screen.findByTestId("results", {}, { timeout: 20_000 });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results", "CVA Report", "CVA Model"]);
    expect(wb.sheet("CVA Results")!.id).toBe(id);
    expect(wb.used("CVA Results")[0][0]).toBe("Customer");
    expect(wb.used("CVA Results").flat()).not.toContain("my notes");
    expect(wb.calls.filter((c) => c.startsWith("delete sheet"))).toEqual([]);
  }, 30_000);

  it("Cancel writes nothing: the pane says the workbook is unchanged, and it is", async () => {
    const { wb } = withOldResults();
    pane(wb, documentSettings());
    fireEvent.click(within(await dialog()).getByTestId("conflict-cancel"));
    expect((await screen.findByTestId("run-error")).textContent).toBe("Cancelled. The workbook is unchanged.");
    expect(screen.queryByTestId("conflict")).toBeNull();
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "CVA Results"]);
    expect(wb.used("CVA Results")).toEqual([["my notes", 42]]);
    expect(wb.calls.filter((c) => /^add /.test(c))).toEqual([]);
  }, 30_000);
});

describe("a second range of customer profiles", () => {
  // Two of the customers: 0001 with three complaints, high price sensitivity and a poor reputation;
  // 0002 with none, low price sensitivity and a good reputation (docs/loyalty.md §1: each lowers or
  // raises loyalty in that direction).
  const profiles = [
    ["customer_id", "complaints", "price_sensitivity", "reputation"],
    ["0001", 3, 0.9, 0.2],
    ["0002", 0, 0.1, 0.9],
  ];

  function withProfiles(): FakeWorkbook {
    const wb = workbook(cdnow.rows.length);
    wb.addSheet("Profiles", profiles);
    wb.addTable("CustomerProfiles", "Profiles", "A1:D3");
    return wb;
  }

  async function results(wb: FakeWorkbook, useProfiles: boolean): Promise<Map<string, number>> {
    const view = pane(wb, documentSettings());
    await screen.findByTestId("map-id");
    if (useProfiles) {
      fireEvent.click(screen.getByRole("checkbox", { name: "Add a second range of customer profiles" }));
      // Tables are the picker's default: the user picks one in its list.
      fireEvent.click(await screen.findByTestId("profiles-source-list"));
      fireEvent.click(within(await screen.findByRole("listbox")).getByRole("option", { name: "CustomerProfiles" }));
      // The profiles table is read and recognised: its columns are mapped to their roles.
      const mapping = await screen.findByTestId("profiles-mapping", {}, { timeout: 10_000 });
      expect(within(mapping).getByTestId("map-complaints").textContent).toBe("complaints");
      expect(within(mapping).getByTestId("map-priceSensitivity").textContent).toBe("price_sensitivity");
      expect(within(mapping).getByTestId("map-reputation").textContent).toBe("reputation");
    }
    await run();
    await screen.findByTestId("results", {}, { timeout: 30_000 });
    const written = wb.used("CVA Results");
    const loyalty = written[0].indexOf("Loyalty index");
    view.unmount();
    return new Map(written.slice(1).map((r) => [r[0] as string, r[loyalty] as number]));
  }

  it("is read from its table and moves the loyalty index of the two customers it describes, each in its direction, and of no one else", async () => {
    const without = await results(withProfiles(), false);
    const wb = withProfiles();
    const withP = await results(wb, true);
    expect(wb.calls).not.toContain("add sheet Profiles"); // read, never written
    expect(wb.used("Profiles")).toEqual(profiles);
    expect(withP.size).toBe(2357);
    expect(withP.get("0001")!).toBeLessThan(without.get("0001")!); // complaints, price sensitivity, poor reputation
    expect(withP.get("0002")!).toBeGreaterThan(without.get("0002")!); // none, low, good
    // Everyone else has no profile: the same index with or without the range.
    const changed = [...withP].filter(([id, v]) => v !== without.get(id)).map(([id]) => id);
    expect(changed.sort()).toEqual(["0001", "0002"]);
  }, 90_000);
});
