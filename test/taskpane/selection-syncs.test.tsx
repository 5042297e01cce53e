/**
 * @jest-environment jsdom
 *
 * The pane in the shared runtime lives on after the user closes it (manifest: one runtime,
 * lifetime long), so what it does on a selection change costs Excel round trips even when no one
 * looks. These tests count the syncs on the fake workbook (test/fakes/workbook.ts) through the
 * real Excel operations: a burst of selection changes is read once, and nothing is read while
 * Office reports the pane hidden (Office.addin.onVisibilityModeChanged).
 */
import { render, screen, waitFor, act } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelOperations, watchSelection, type SelectionInfo, type SettingsStore } from "../../src/excel";
import { FakeWorkbook } from "../fakes/workbook";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  const rows: (string | number)[][] = [["customer", "date", "amount"]];
  for (let i = 1; i <= 40; i++) rows.push([`C${i}`, 45000 + i, 10 * i]);
  wb.addSheet("Sheet1", rows);
  wb.selection = { sheet: "Sheet1", address: "A1:C10" };
  return wb;
}

const memory = (): SettingsStore => {
  const m = new Map<string, unknown>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v), saveAsync: (cb) => cb?.({ status: "succeeded" }) };
};

/** Office.addin.onVisibilityModeChanged as a test controls it. */
function fakeVisibility() {
  let listener: ((visible: boolean) => void) | undefined;
  return {
    watch: async (onChange: (visible: boolean) => void) => {
      listener = onChange;
      return async () => {
        listener = undefined;
      };
    },
    set: (visible: boolean) => act(() => listener?.(visible)),
  };
}

describe("the selection handler", () => {
  it("reads a burst of selection changes once, with one sync, and reports the last selection", async () => {
    const wb = workbook();
    const seen: SelectionInfo[] = [];
    const remove = await watchSelection((s) => seen.push(s), (e) => seen.push(e as SelectionInfo), wb.run);
    const before = wb.syncs;
    for (let r = 2; r <= 9; r++) await wb.select("Sheet1", `A1:C${r}`);
    await pause(600);
    expect(wb.syncs - before).toBe(1);
    expect(seen.map((s) => s.range)).toEqual(["A1:C9"]);
    await remove();
    expect(wb.listeners).toBe(0);
  });

  it("a change during a read is read after it, so the last selection always shows", async () => {
    const wb = workbook();
    const seen: string[] = [];
    const remove = await watchSelection((s) => seen.push(s.range), () => undefined, wb.run);
    await wb.select("Sheet1", "A1:C2");
    let released = false;
    wb.beforeSync = () => {
      if (released) return;
      released = true;
      void wb.select("Sheet1", "A1:C7"); // the user moves on while Excel answers the first read
    };
    await pause(1200);
    expect(seen).toEqual(["A1:C2", "A1:C7"]);
    await remove();
  });
});

describe("the pane and its selection card", () => {
  it("reads nothing while the pane is hidden, and catches up when it is shown again", async () => {
    const wb = workbook();
    const visibility = fakeVisibility();
    const view = render(<App excel={createExcelOperations(wb.run, memory)} locale="en-US" theme={webLightTheme} watchVisibility={visibility.watch} />);
    await waitFor(() => expect(screen.getByTestId("selection-range").textContent).toBe("A1:C10"));
    await pause(400);

    // One change: the card's read (one sync) and the preview of the new selection.
    let start = wb.syncs;
    await wb.select("Sheet1", "A1:C11");
    await waitFor(() => expect(screen.getByTestId("selection-range").textContent).toBe("A1:C11"));
    await pause(400);
    const one = wb.syncs - start;
    // A burst of ten changes while the pane is open costs what one change costs.
    start = wb.syncs;
    for (let r = 12; r <= 21; r++) await wb.select("Sheet1", `A1:C${r}`);
    await waitFor(() => expect(screen.getByTestId("selection-range").textContent).toBe("A1:C21"));
    await pause(400);
    const burst = wb.syncs - start;
    expect(burst).toBe(one);

    // Hidden: Excel is no longer asked anything, whatever the user selects.
    visibility.set(false);
    await pause(100);
    expect(wb.listeners).toBe(0);
    start = wb.syncs;
    for (let r = 22; r <= 31; r++) await wb.select("Sheet1", `A1:C${r}`);
    await pause(600);
    expect(wb.syncs - start).toBe(0);

    // Shown again: the card shows where the selection is now.
    visibility.set(true);
    await waitFor(() => expect(screen.getByTestId("selection-range").textContent).toBe("A1:C31"));
    expect(wb.listeners).toBe(1);
    await pause(400);
    console.log(`syncs with the pane open: ${one} for one selection change, ${burst} for a burst of 10; hidden: 0`);
    view.unmount();
  });
});
